//! `harper role add|alter|drop|list`: HarperDB's roles (`add_role`,
//! `alter_role`, `drop_role`, `list_roles`). The permission object is
//! HarperDB's JSON, given inline or in a file; the daemon checks it and
//! names every mistake.

use std::io::Read;
use std::path::PathBuf;

use clap::Subcommand;
use harper_rpc::catalogue::Verb;
use harper_rpc::ops::roles::role_name;
use harper_rpc::ops::{AddRole, AlterRole, DropRole, ListRoles, RoleObject};
use harper_rpc::text::printable;
use serde_json::Value;

use super::prelude::{call_and_print, said};
use crate::Global;
use crate::complete;
use crate::error::{CliError, CliResult};
use crate::output::{cell, table};

/// A permission file larger than this is refused before it is read whole
/// (the daemon takes at most 48 KiB of permission object).
const MAX_PERMISSION_FILE_BYTES: u64 = 1024 * 1024;

#[derive(Debug, Subcommand)]
pub enum RoleCommand {
    /// Add a role (add_role)
    Add {
        /// Role name (ASCII letters, digits, '_' and '-')
        #[arg(value_parser = role_name)]
        name: String,
        /// The role's id, which users refer to (default: its name)
        #[arg(long, value_parser = role_name)]
        id: Option<String>,
        #[command(flatten)]
        permission: PermissionArgs,
    },
    /// Replace a role's permission object, and rename it (alter_role)
    Alter {
        /// Role id
        #[arg(add = complete::role_ids())]
        id: String,
        /// A new name
        #[arg(long, value_parser = role_name)]
        name: Option<String>,
        #[command(flatten)]
        permission: PermissionArgs,
    },
    /// Remove a role that no active user holds (drop_role)
    Drop {
        /// Role id
        #[arg(add = complete::role_ids())]
        id: String,
    },
    /// List roles and what they permit (list_roles)
    List,
}

#[derive(Debug, clap::Args)]
pub struct PermissionArgs {
    /// HarperDB's permission object, e.g. '{"dev":{"tables":{"dog":{"read":true,"insert":false,"update":false,"delete":false,"attribute_permissions":[]}}}}'
    #[arg(
        value_name = "PERMISSION_JSON",
        required_unless_present = "file",
        conflicts_with = "file"
    )]
    json: Option<String>,
    /// Read the permission object from this file (- for standard input)
    #[arg(long, value_name = "PATH")]
    file: Option<PathBuf>,
}

impl PermissionArgs {
    /// The permission object, which must be a JSON object (exit 2 otherwise).
    fn resolve(self) -> CliResult<Value> {
        let (text, from) = match (self.json, self.file) {
            (Some(j), _) => (j, "the permission".to_owned()),
            (None, Some(p)) if p.as_os_str() == "-" => {
                (read_bounded(std::io::stdin())?, "standard input".to_owned())
            }
            (None, Some(p)) => {
                let f = std::fs::File::open(&p)
                    .map_err(|e| CliError::usage(format!("cannot read {}: {e}", p.display())))?;
                (read_bounded(f)?, p.display().to_string())
            }
            (None, None) => return Err(CliError::usage("a permission object is required")),
        };
        match serde_json::from_str::<Value>(&text) {
            Ok(v @ Value::Object(_)) => Ok(v),
            Ok(_) => Err(CliError::usage(format!(
                "{from} must be a JSON object (HarperDB's permission object)"
            ))),
            Err(e) => Err(CliError::usage(format!("{from} is not JSON: {e}"))),
        }
    }
}

fn read_bounded(r: impl Read) -> CliResult<String> {
    let mut text = String::new();
    r.take(MAX_PERMISSION_FILE_BYTES + 1)
        .read_to_string(&mut text)
        .map_err(|e| CliError::usage(format!("cannot read the permission object: {e}")))?;
    if text.len() as u64 > MAX_PERMISSION_FILE_BYTES {
        return Err(CliError::usage(format!(
            "the permission object is larger than {MAX_PERMISSION_FILE_BYTES} bytes"
        )));
    }
    Ok(text)
}

/// One line per grant: `super_user`, `structure_user (dev)`, `dev.dog: read, insert`.
fn summary(permission: &Value) -> String {
    let Value::Object(p) = permission else {
        return cell(permission);
    };
    let mut lines = Vec::new();
    for (key, v) in p {
        match (key.as_str(), v) {
            ("super_user" | "cluster_user", Value::Bool(true)) => lines.push(key.clone()),
            ("super_user" | "cluster_user", _) => {}
            ("structure_user", Value::Bool(true)) => {
                lines.push("structure_user (every database)".into())
            }
            ("structure_user", Value::Array(dbs)) => lines.push(format!(
                "structure_user ({})",
                dbs.iter().map(cell).collect::<Vec<_>>().join(", ")
            )),
            ("structure_user", _) => {}
            (db, entry) => {
                for (t, perms) in entry["tables"].as_object().into_iter().flatten() {
                    let verbs: Vec<&str> = Verb::TABLE
                        .map(Verb::key)
                        .into_iter()
                        .filter(|v| perms[*v] == Value::Bool(true))
                        .collect();
                    let verbs = if verbs.is_empty() {
                        "nothing".to_owned()
                    } else {
                        verbs.join(", ")
                    };
                    let attrs = perms["attribute_permissions"]
                        .as_array()
                        .map(|a| {
                            a.iter()
                                .map(|a| cell(&a["attribute_name"]))
                                .collect::<Vec<_>>()
                        })
                        .filter(|a| !a.is_empty())
                        .map(|a| format!(" (attributes: {})", a.join(", ")))
                        .unwrap_or_default();
                    lines.push(format!(
                        "{}.{}: {verbs}{attrs}",
                        printable(db),
                        printable(t)
                    ));
                }
            }
        }
    }
    if lines.is_empty() {
        "nothing".into()
    } else {
        lines.join("\n")
    }
}

fn role_line(r: &RoleObject, verb: &str) -> String {
    format!(
        "role {} {verb} (id {})",
        printable(&r.role),
        printable(&r.id)
    )
}

pub async fn run(g: &Global, c: RoleCommand) -> CliResult {
    match c {
        RoleCommand::Add {
            name,
            id,
            permission,
        } => {
            let op = AddRole {
                role: name,
                id,
                permission: permission.resolve()?,
            };
            call_and_print(g, &op, |v| role_line(v, "added")).await
        }
        RoleCommand::Alter {
            id,
            name,
            permission,
        } => {
            let op = AlterRole {
                id,
                role: name,
                permission: permission.resolve()?,
            };
            call_and_print(g, &op, |v| role_line(v, "altered")).await
        }
        RoleCommand::Drop { id } => call_and_print(g, &DropRole { id }, said).await,
        RoleCommand::List => {
            call_and_print(g, &ListRoles {}, |v| {
                let mut t = table(&["role", "id", "permits"]);
                for r in v {
                    t.add_row(vec![
                        printable(&r.role).into_owned(),
                        printable(&r.id).into_owned(),
                        summary(&r.permission),
                    ]);
                }
                t.to_string()
            })
            .await
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_permission_reads_as_one_line_per_grant() {
        assert_eq!(summary(&json!({"super_user": true})), "super_user");
        assert_eq!(
            summary(
                &json!({"super_user": false, "structure_user": ["dev"], "dev": {"tables": {
                "dog": {"read": true, "insert": true, "update": false, "delete": false,
                    "attribute_permissions": [{"attribute_name": "name"}]},
                "cat": {"read": false, "insert": false, "update": false, "delete": false, "attribute_permissions": []}}}})
            ),
            "structure_user (dev)\ndev.dog: read, insert (attributes: name)\ndev.cat: nothing"
        );
        assert_eq!(summary(&json!({})), "nothing");
    }

    #[test]
    fn the_permission_must_be_a_json_object() {
        let args = |j: &str| PermissionArgs {
            json: Some(j.into()),
            file: None,
        };
        assert_eq!(args(r#"{"a":1}"#).resolve().unwrap(), json!({"a": 1}));
        let e = args("[1]").resolve().unwrap_err();
        assert_eq!(e.code, crate::error::EXIT_USAGE);
        assert!(e.message.contains("must be a JSON object"), "{}", e.message);
        assert!(
            args("{")
                .resolve()
                .unwrap_err()
                .message
                .contains("is not JSON")
        );
    }

    #[test]
    fn a_permission_file_is_read_only_up_to_its_limit() {
        let small = read_bounded(&b"{}"[..]).unwrap();
        assert_eq!(small, "{}");
        let huge = std::io::repeat(b' ').take(MAX_PERMISSION_FILE_BYTES * 4);
        let e = read_bounded(huge).unwrap_err();
        assert_eq!(e.code, crate::error::EXIT_USAGE);
        assert!(e.message.contains("larger than"), "{}", e.message);
    }
}
