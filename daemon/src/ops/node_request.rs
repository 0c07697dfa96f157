//! The request bodies of `add_node`, `update_node` / `set_node_replication`,
//! `remove_node` and `configure_cluster` (spec 3.5-3.8), checked as
//! HarperDB's Joi schemas check them: every failure reported, in schema order
//! (`node_name`, then each subscription's `table`, `schema`, `database`,
//! `subscribe`, `publish`, `start_time`), labels with the full key path
//! (`'connections[0].subscriptions[1].publish'`), Joi's conversions
//! (`"true"` is a boolean, `2022-09-02` a date), `null` a wrong type rather
//! than a missing key, and `""` "not allowed to be empty".
//!
//! HarperDB validates, then uses the raw body: a subscription with
//! `"subscribe": "true"` passes and is then stored as a string. Here the
//! converted value is what is used and stored.

use harper_rpc::catalogue::Op;
use harper_rpc::names::{NODE_NAME_RULE, check_name};
use harper_rpc::{DEFAULT_DATABASE, NameError, NameKind, NodeName, OpError, Request};
use serde_json::{Map, Value};

use crate::config::{Checker, Null, Obj, Rule, as_bool, iso_value_millis};
use crate::replication::subscriptions::SubRequest;

/// The operations whose bodies these are.
fn operations() -> Vec<&'static str> {
    let update = Op::UpdateNode.entry();
    std::iter::once(Op::AddNode.name())
        .chain(std::iter::once(update.name))
        .chain(update.aliases.iter().copied())
        .collect()
}

/// Which request is validated (the both-false rule is `add_node`'s alone).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Add,
    Update,
    /// A `configure_cluster` connection: validated like add; the both-false
    /// rule applies only when the connection itself says `"operation": "add_node"`.
    Connection,
}

/// A `node_name` at `label` (required): HarperDB's pattern, not this node's
/// name, and the names rule every name follows. The name, when it is a string.
pub(super) fn node_name(check: &mut Checker, v: Option<&Value>, label: &str, own: &str) -> String {
    match v {
        None | Some(Value::Null) => {
            check.fail(label, "is required");
            String::new()
        }
        Some(Value::String(n)) => {
            if n.is_empty() {
                check.fail(label, "is not allowed to be empty");
            } else if let Err(e) = check_name(NameKind::Node, n) {
                check.messages.push(relabel(&e, label));
            } else if !NodeName::is_valid(n) {
                check
                    .messages
                    .push(format!("'{label}' invalid, {NODE_NAME_RULE}"));
            } else if n == own {
                // HarperDB's own message, without the label's path.
                check
                    .messages
                    .push("'node_name' cannot be this nodes name".into());
            }
            n.clone()
        }
        Some(_) => {
            check.fail(label, "must be a string");
            String::new()
        }
    }
}

/// A names-rule error about `node_name`, about the key at `label` instead.
fn relabel(e: &NameError, label: &str) -> String {
    e.to_string()
        .replacen("'node_name'", &format!("'{label}'"), 1)
}

/// `operation`, when present, must be one of `allowed` (Joi's `valid`):
/// both Joi's messages for a value that is not even a string.
pub(super) fn operation(check: &mut Checker, obj: &Obj, allowed: &[&str]) {
    let label = obj.label_of("operation");
    let Some(op) = obj.map.get("operation") else {
        return;
    };
    if op.as_str().is_some_and(|s| allowed.contains(&s)) {
        return;
    }
    match allowed {
        [one] => check.fail(&label, &format!("must be [{one}]")),
        _ => check.fail(&label, &format!("must be one of [{}]", allowed.join(", "))),
    }
    if !op.is_string() {
        check.fail(&label, "must be a string");
    }
}

/// `{node_name, subscriptions}` of `obj` (a request, or one connection of
/// `configure_cluster`); the failures go to `check`.
fn node_body(check: &mut Checker, obj: &Obj, kind: Kind, own: &str) -> (String, Vec<SubRequest>) {
    if kind == Kind::Connection {
        operation(check, obj, &operations());
    }
    let name = node_name(
        check,
        obj.map.get("node_name"),
        &obj.label_of("node_name"),
        own,
    );
    let add_rule = match kind {
        Kind::Add => true,
        Kind::Update => false,
        Kind::Connection => {
            obj.map.get("operation").and_then(Value::as_str) == Some(Op::AddNode.name())
        }
    };
    let label = obj.label_of("subscriptions");
    let mut subs = Vec::new();
    match obj.map.get("subscriptions") {
        None => check.fail(&label, "is required"),
        Some(Value::Array(items)) if items.is_empty() => {
            check.fail(&label, "must contain at least 1 items")
        }
        Some(Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                let item_label = format!("{label}[{i}]");
                if let Some(s) = subscription(check, item, &item_label, i, add_rule) {
                    subs.push(s);
                }
            }
        }
        Some(_) => check.fail(&label, "must be an array"),
    }
    (name, subs)
}

/// One subscription at `label` (the `i`th of its list).
pub(super) fn subscription(
    check: &mut Checker,
    item: &Value,
    label: &str,
    i: usize,
    add_rule: bool,
) -> Option<SubRequest> {
    let Value::Object(map) = item else {
        check.fail(label, "must be of type object");
        return None;
    };
    let before = check.messages.len();
    let o = Obj {
        map,
        label: label.to_owned(),
    };
    for key in ["table", "schema", "database"] {
        check.field(&o, key, Rule::Str, false, Null::Checked);
    }
    check.field(&o, "subscribe", Rule::Bool, true, Null::Checked);
    let subscribe = map.get("subscribe").and_then(as_bool);
    check.field(&o, "publish", Rule::Bool, true, Null::Checked);
    let publish = map.get("publish").and_then(as_bool);
    // HarperDB's custom rule on `publish`: it sees `subscribe` converted
    // (or as sent, when that failed) and `publish` only when it converted.
    if add_rule && publish == Some(false) && subscribe == Some(false) {
        check.messages.push(format!(
            "'subscriptions[{i}]' subscribe and/or publish must be set to true when adding a node"
        ));
    }
    check.field(&o, "start_time", Rule::IsoDate, false, Null::Checked);
    if check.messages.len() > before {
        return None;
    }
    let text = |key: &str| map.get(key).and_then(Value::as_str).map(str::to_owned);
    let start_time = map.get("start_time").and_then(|v| {
        let ms = iso_value_millis(v).ok()?;
        let hlc = crate::store::record::hlc_from_millis(u64::try_from(ms).unwrap_or(0));
        Some((v.clone(), hlc))
    });
    Some(SubRequest {
        // `database` wins over the legacy `schema` (reviewSubscriptions).
        database: text("database")
            .or_else(|| text("schema"))
            .unwrap_or_else(|| DEFAULT_DATABASE.to_owned()),
        table: text("table"),
        publish: publish.unwrap_or(false),
        subscribe: subscribe.unwrap_or(false),
        start_time,
        raw: item.clone(),
    })
}

/// Validate an add/update request: the node's name and its subscriptions.
pub(super) fn validate(
    req: &Request,
    kind: Kind,
    own: &str,
) -> Result<(String, Vec<SubRequest>), OpError> {
    let mut check = Checker::default();
    let (name, subs) = node_body(&mut check, &Obj::root(req), kind, own);
    if check.is_ok() {
        Ok((name, subs))
    } else {
        Err(OpError::bad_request(check.message()))
    }
}

/// `remove_node`'s body: `operation` and `node_name`.
pub(super) fn validate_remove(req: &Request, own: &str) -> Result<String, OpError> {
    let mut check = Checker::default();
    let root = Obj::root(req);
    operation(&mut check, &root, &[Op::RemoveNode.name()]);
    let name = node_name(&mut check, req.get("node_name"), "node_name", own);
    if check.is_ok() {
        Ok(name)
    } else {
        Err(OpError::bad_request(check.message()))
    }
}

/// `configure_cluster`'s `connections`: each validated like an add request
/// at its own path; every failure of every connection reported.
pub(super) fn validate_connections(
    req: &Request,
    own: &str,
) -> Result<Vec<Map<String, Value>>, OpError> {
    let mut check = Checker::default();
    let mut bodies = Vec::new();
    match req.get("connections") {
        None => check.fail("connections", "is required"),
        Some(Value::Array(items)) => {
            for (i, c) in items.iter().enumerate() {
                let label = format!("connections[{i}]");
                match c {
                    Value::Object(map) => {
                        let obj = Obj {
                            map,
                            label: label.clone(),
                        };
                        node_body(&mut check, &obj, Kind::Connection, own);
                        bodies.push(map.clone());
                    }
                    _ => check.fail(&label, "must be of type object"),
                }
            }
        }
        Some(_) => check.fail("connections", "must be an array"),
    }
    if check.is_ok() {
        Ok(bodies)
    } else {
        Err(OpError::bad_request(check.message()))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    use crate::ops::body::object as body;

    fn error(v: Value, kind: Kind) -> String {
        validate(&body(v), kind, "node1")
            .unwrap_err()
            .message()
            .to_owned()
    }

    #[test]
    fn boolean_strings_and_date_only_times_pass_as_in_joi() {
        let (name, subs) = validate(
            &body(json!({"node_name": "node2", "subscriptions": [
                {"schema": "dev", "table": "dog", "subscribe": "true", "publish": "FALSE",
                 "start_time": "2022-09-02"}
            ]})),
            Kind::Add,
            "node1",
        )
        .unwrap();
        assert_eq!(name, "node2");
        assert!(subs[0].subscribe && !subs[0].publish);
        assert_eq!(subs[0].database, "dev");
        let (raw, hlc) = subs[0].start_time.clone().unwrap();
        assert_eq!(raw, json!("2022-09-02"));
        assert_eq!(
            crate::store::record::hlc_millis(hlc),
            1_662_076_800_000.0,
            "midnight UTC"
        );
    }

    #[test]
    fn false_strings_count_for_the_both_false_rule() {
        let sub = json!({"table": "dog", "subscribe": "false", "publish": "false"});
        assert_eq!(
            error(
                json!({"node_name": "node2", "subscriptions": [sub]}),
                Kind::Add
            ),
            "'subscriptions[0]' subscribe and/or publish must be set to true when adding a node"
        );
        let ok = validate(
            &body(json!({"node_name": "node2", "subscriptions": [sub]})),
            Kind::Update,
            "node1",
        );
        assert!(ok.is_ok(), "no both-false rule for updates");
    }

    #[test]
    fn every_failure_in_joi_order_with_its_path() {
        let got = error(
            json!({"node_name": "", "subscriptions": [
                {"table": 5, "schema": "", "database": null, "subscribe": null, "publish": "yes",
                 "start_time": "yesterday"},
                "dog",
                {"subscribe": true, "publish": true, "start_time": false}
            ]}),
            Kind::Add,
        );
        assert_eq!(
            got,
            "'node_name' is not allowed to be empty. \
             'subscriptions[0].table' must be a string. \
             'subscriptions[0].schema' is not allowed to be empty. \
             'subscriptions[0].database' must be a string. \
             'subscriptions[0].subscribe' must be a boolean. \
             'subscriptions[0].publish' must be a boolean. \
             'subscriptions[0].start_time' must be in ISO 8601 date format. \
             'subscriptions[1]' must be of type object. \
             'subscriptions[2].start_time' must be a valid date"
        );
        assert_eq!(
            error(json!({"subscriptions": null}), Kind::Update),
            "'node_name' is required. 'subscriptions' must be an array"
        );
        assert_eq!(
            error(
                json!({"node_name": "node1", "subscriptions": []}),
                Kind::Update
            ),
            "'node_name' cannot be this nodes name. 'subscriptions' must contain at least 1 items"
        );
        assert_eq!(
            error(
                json!({"node_name": "a.b", "subscriptions": [{}]}),
                Kind::Update
            ),
            "'node_name' invalid, must not contain ., * or >. \
             'subscriptions[0].subscribe' is required. 'subscriptions[0].publish' is required"
        );
    }

    #[test]
    fn connections_are_reported_at_their_full_path() {
        let req = body(json!({"connections": [
            {"subscriptions": [{"table": "dog", "subscribe": true}]},
            {"node_name": "node3", "subscriptions": [{"table": "t", "subscribe": false, "publish": false}]},
            {"node_name": "node.4", "operation": "nope",
             "subscriptions": [{"table": "t", "subscribe": false, "publish": false}]},
            7
        ]}));
        assert_eq!(
            validate_connections(&req, "node1").unwrap_err().message(),
            "'connections[0].node_name' is required. \
             'connections[0].subscriptions[0].publish' is required. \
             'connections[2].operation' must be one of [add_node, update_node, set_node_replication]. \
             'connections[2].node_name' invalid, must not contain ., * or >. \
             'connections[3]' must be of type object"
        );
        assert_eq!(
            validate_connections(&body(json!({"connections": {}})), "n")
                .unwrap_err()
                .message(),
            "'connections' must be an array"
        );
        let added = body(
            json!({"connections": [{"operation": "add_node", "node_name": "node3",
            "subscriptions": [{"table": "t", "subscribe": false, "publish": false}]}]}),
        );
        assert!(
            validate_connections(&added, "node1")
                .unwrap_err()
                .message()
                .contains("subscribe and/or publish must be set to true"),
            "a connection that says add_node gets add_node's rule"
        );
    }

    #[test]
    fn remove_node_reports_operation_and_name() {
        let e = |v: Value| {
            validate_remove(&body(v), "node1")
                .unwrap_err()
                .message()
                .to_owned()
        };
        assert_eq!(
            e(json!({"operation": true, "node_name": 123})),
            "'operation' must be [remove_node]. 'operation' must be a string. 'node_name' must be a string"
        );
        assert_eq!(
            e(json!({"node_name": ""})),
            "'node_name' is not allowed to be empty"
        );
        assert_eq!(e(json!({})), "'node_name' is required");
        let long = "n".repeat(300);
        assert!(e(json!({ "node_name": long })).starts_with("'node_name' cannot exceed"));
    }
}
