//! The CLI's exit policy: 0 ok, 1 the operation failed, 2 usage or validation
//! error, 3 the daemon is not running or cannot be reached. Errors print one
//! `error:` line and, where there is one, a `hint:` with the next command.
//! A refusal by the daemon exits like the same mistake found here: 2 for a
//! validation error (HTTP 400), else 1; and the daemon's errors whose next
//! command is obvious get their `hint:` from one table, [`HINTS`].

use std::path::Path;

use harper_rpc::OpError;

/// Exit code: the operation failed.
pub const EXIT_FAILED: u8 = 1;
/// Exit code: usage or validation error.
pub const EXIT_USAGE: u8 = 2;
/// Exit code: the daemon is not running or cannot be reached.
pub const EXIT_NOT_RUNNING: u8 = 3;

/// An error that ends the command.
#[derive(Debug)]
pub struct CliError {
    /// Exit code.
    pub code: u8,
    /// One line.
    pub message: String,
    /// The next command to run, when there is one.
    pub hint: Option<String>,
    /// The daemon's error body, when it refused an operation.
    pub body: Option<Box<serde_json::Value>>,
}

impl CliError {
    /// Exit 1.
    pub fn failed(message: impl Into<String>) -> Self {
        Self {
            code: EXIT_FAILED,
            message: message.into(),
            hint: None,
            body: None,
        }
    }

    /// Exit 2.
    pub fn usage(message: impl Into<String>) -> Self {
        Self {
            code: EXIT_USAGE,
            ..Self::failed(message)
        }
    }

    /// Exit 3, with the hint to start the daemon.
    pub fn not_running(root: &Path) -> Self {
        Self {
            code: EXIT_NOT_RUNNING,
            ..Self::failed(format!("harperd is not running in {}", root.display()))
        }
        .with_hint(format!("harper --root {} start", root.display()))
    }

    /// Exit 3: the root holds no installation, so nothing can run there.
    pub fn not_installed(root: &Path) -> Self {
        Self {
            code: EXIT_NOT_RUNNING,
            ..Self::failed(format!("harper is not installed in {}", root.display()))
        }
        .with_hint(format!("harper --root {} install", root.display()))
    }

    /// Exit 3: running but not answering.
    pub fn unreachable(root: &Path, why: &str) -> Self {
        Self {
            code: EXIT_NOT_RUNNING,
            ..Self::failed(format!(
                "harperd in {} does not answer: {why}",
                root.display()
            ))
        }
        .with_hint(format!("harper --root {} restart", root.display()))
    }

    /// Add a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl From<OpError> for CliError {
    fn from(e: OpError) -> Self {
        let mut message = e.message().to_owned();
        let details = details(&e.body);
        if !details.is_empty() {
            message = format!("{message}: {}", details.join("; "));
        }
        let code = if e.status == 400 {
            EXIT_USAGE
        } else {
            EXIT_FAILED
        };
        Self {
            code,
            hint: hint_for(e.message()),
            body: Some(Box::new(e.body.clone())),
            message,
        }
    }
}

/// The daemon's errors whose next command is obvious: a phrase of the
/// message, and the hint (`{name}` is the node the message quotes).
pub const HINTS: &[(&str, &str)] = &[
    ("Clustering must be enabled", "harper cluster enable"),
    (
        "has already been added, perform update_node",
        "harper node set {name} --publish DB.TABLE --subscribe DB.TABLE",
    ),
    (
        "the node name cannot change while subscriptions exist",
        "harper node list, then harper node remove NAME for each node; then harper node name NEW",
    ),
    (
        "A valid user with the role 'cluster_user' must be defined",
        "harper cluster user create {name} --use",
    ),
];

/// The hint for a daemon's error message, from [`HINTS`].
pub fn hint_for(message: &str) -> Option<String> {
    let (_, hint) = HINTS.iter().find(|(phrase, _)| message.contains(phrase))?;
    let name = quoted(message).unwrap_or("NAME");
    // `report` escapes the whole hint line.
    Some(hint.replace("{name}", name))
}

/// The first `'...'` of a message (HarperDB quotes the node it is about).
fn quoted(message: &str) -> Option<&str> {
    let (_, rest) = message.split_once('\'')?;
    let (inner, _) = rest.split_once('\'')?;
    (!inner.is_empty()).then_some(inner)
}

/// What HarperDB's structured error bodies say beyond their `error`: the
/// mistakes of a role's permission object (`main_permissions`,
/// `schema_permissions`) and what a role lacks (`unauthorized_access`,
/// `invalid_schema_items`), as short phrases for the one error line.
fn details(body: &serde_json::Value) -> Vec<String> {
    use serde_json::Value;
    let strings = |v: &Value| -> Vec<String> {
        v.as_array()
            .into_iter()
            .flatten()
            .filter_map(|s| s.as_str().map(str::to_owned))
            .collect()
    };
    let words = |v: &Value| strings(v).join(", ");
    let mut out = strings(&body["main_permissions"]);
    for (at, list) in body["schema_permissions"].as_object().into_iter().flatten() {
        out.extend(strings(list).into_iter().map(|m| format!("{at}: {m}")));
    }
    for u in body["unauthorized_access"].as_array().into_iter().flatten() {
        match u {
            Value::String(s) => out.push(s.clone()),
            Value::Object(_) => {
                let table = format!(
                    "{}.{}",
                    u["schema"].as_str().unwrap_or_default(),
                    u["table"].as_str().unwrap_or_default()
                );
                let verbs = words(&u["required_table_permissions"]);
                if !verbs.is_empty() {
                    out.push(format!("{table} needs {verbs}"));
                }
                for a in u["required_attribute_permissions"]
                    .as_array()
                    .into_iter()
                    .flatten()
                {
                    out.push(format!(
                        "{table} attribute '{}' needs {}",
                        a["attribute_name"].as_str().unwrap_or_default(),
                        words(&a["required_permissions"])
                    ));
                }
            }
            _ => {}
        }
    }
    out.extend(strings(&body["invalid_schema_items"]));
    out
}

impl From<std::io::Error> for CliError {
    fn from(e: std::io::Error) -> Self {
        Self::failed(e.to_string())
    }
}

/// Result of a command.
pub type CliResult<T = ()> = Result<T, CliError>;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn structured_refusals_are_spelled_out_on_the_error_line() {
        let role = OpError {
            status: 400,
            body: json!({"error": "Errors in the role permissions JSON provided",
                "main_permissions": ["database 'x' does not exist"],
                "schema_permissions": {"dev_dog": ["Missing table READ permission"]}}),
        };
        assert_eq!(
            CliError::from(role).message,
            "Errors in the role permissions JSON provided: database 'x' does not exist; dev_dog: Missing table READ permission"
        );
        let denied = OpError {
            status: 403,
            body: json!({"error": "This operation is not authorized due to role restrictions and/or invalid database items",
                "unauthorized_access": [{"schema": "dev", "table": "dog", "required_table_permissions": ["insert"],
                    "required_attribute_permissions": [{"attribute_name": "owner", "required_permissions": ["read"]}]}],
                "invalid_schema_items": ["Attribute 'chip' does not exist on 'dev.dog'"]}),
        };
        assert_eq!(
            CliError::from(denied).message,
            "This operation is not authorized due to role restrictions and/or invalid database items: dev.dog needs insert; dev.dog attribute 'owner' needs read; Attribute 'chip' does not exist on 'dev.dog'"
        );
        let plain = OpError::bad_request("Invalid role id");
        assert_eq!(CliError::from(plain).message, "Invalid role id");
    }

    #[test]
    fn a_refusal_exits_like_the_same_mistake_found_here() {
        let code = |status| CliError::from(OpError::new(status, "no")).code;
        assert_eq!(code(400), EXIT_USAGE);
        for status in [401, 403, 404, 409, 500] {
            assert_eq!(code(status), EXIT_FAILED, "{status}");
        }
    }

    fn hint(message: &str) -> Option<String> {
        CliError::from(OpError::bad_request(message)).hint
    }

    #[test]
    fn clustering_disabled_hints_cluster_enable() {
        assert_eq!(
            hint("Clustering must be enabled to perform this operation.").as_deref(),
            Some("harper cluster enable")
        );
    }

    #[test]
    fn a_node_added_twice_hints_node_set_with_its_name() {
        assert_eq!(
            hint("Node 'n2' has already been added, perform update_node to proceed.").as_deref(),
            Some("harper node set n2 --publish DB.TABLE --subscribe DB.TABLE")
        );
    }

    #[test]
    fn a_refused_rename_hints_removing_the_nodes_first() {
        let h = hint("the node name cannot change while subscriptions exist; remove the nodes first (harper node remove NAME)").unwrap();
        assert!(
            h.starts_with("harper node list, then harper node remove NAME"),
            "{h}"
        );
    }

    #[test]
    fn a_missing_cluster_user_hints_creating_one() {
        let h = hint(
            "Error generating clustering config: Invalid cluster user 'cu'. A valid user with the role 'cluster_user' must be defined under clustering.user in harperdb-config.yaml",
        );
        assert_eq!(h.as_deref(), Some("harper cluster user create cu --use"));
    }

    #[test]
    fn other_errors_have_no_hint() {
        assert_eq!(hint("Invalid role id"), None);
        assert_eq!(
            hint("Node '' has already been added, perform update_node to proceed.").as_deref(),
            Some("harper node set NAME --publish DB.TABLE --subscribe DB.TABLE")
        );
    }
}
