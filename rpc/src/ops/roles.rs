//! Roles: `add_role`, `alter_role`, `drop_role`, `list_roles`, with
//! HarperDB's fields. A role's `permission` is HarperDB's permission object
//! (`super_user`, `cluster_user`, `structure_user`, and per database
//! `tables` -> table -> `read`/`insert`/`update`/`delete` and
//! `attribute_permissions`); the daemon validates it with HarperDB's
//! messages, so it crosses the wire as JSON.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::MessageResponse;
use crate::names::MAX_NAME_BYTES;

/// Whether `s` can be a role's name or id: HarperDB's `[\w\-_]+` (ASCII
/// letters, digits, `_` and `-`), at most [`MAX_NAME_BYTES`] bytes.
pub fn is_role_name(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= MAX_NAME_BYTES
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// A clap value parser for a role name ([`is_role_name`]).
pub fn role_name(s: &str) -> Result<String, String> {
    if is_role_name(s) {
        Ok(s.to_owned())
    } else {
        Err(format!(
            "a role name is 1 to {MAX_NAME_BYTES} ASCII letters, digits, '_' or '-'"
        ))
    }
}

/// A role as the daemon answers it (`add_role`, `alter_role`, `list_roles`,
/// a user's `role`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoleObject {
    /// What users refer to; the name unless `add_role` was given one.
    pub id: String,
    /// The role's name.
    pub role: String,
    /// HarperDB's permission object.
    pub permission: Value,
    /// Creation time, ms since the epoch.
    #[serde(rename = "__createdtime__")]
    pub created_time: u64,
    /// Last change, ms since the epoch.
    #[serde(rename = "__updatedtime__")]
    pub updated_time: u64,
}

/// `add_role`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AddRole {
    /// The new role's name.
    pub role: String,
    /// Its id (the name when left out).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// HarperDB's permission object.
    pub permission: Value,
}

/// `alter_role`: a new permission set (and name) for an existing role.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AlterRole {
    /// The role's id.
    pub id: String,
    /// A new name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The whole new permission object (it replaces the old one).
    pub permission: Value,
}

/// `drop_role`: refused while an active user holds the role.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DropRole {
    /// The role's id.
    pub id: String,
}

/// `list_roles`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ListRoles {}

operation! {
    AddRole => AddRole, RoleObject;
    AlterRole => AlterRole, RoleObject;
    DropRole => DropRole, MessageResponse;
    ListRoles => ListRoles, Vec<RoleObject>;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::Operation;
    use serde_json::json;

    #[test]
    fn role_names_are_harperdb_word_characters() {
        assert!(is_role_name("developer-2_x"));
        assert!(!is_role_name(""));
        assert!(!is_role_name("dev ops"));
        assert!(!is_role_name("café"));
        assert!(!is_role_name(&"r".repeat(MAX_NAME_BYTES + 1)));
        assert!(role_name("a.b").is_err());
    }

    #[test]
    fn requests_and_answers_have_harperdb_fields() {
        let add = AddRole {
            role: "developer".into(),
            id: None,
            permission: json!({"super_user": false}),
        };
        assert_eq!(
            serde_json::to_value(add.to_request()).unwrap(),
            json!({"operation": "add_role", "role": "developer", "permission": {"super_user": false}})
        );
        let alter = AlterRole {
            id: "developer".into(),
            role: None,
            permission: json!({}),
        };
        assert_eq!(
            serde_json::to_value(alter.to_request()).unwrap(),
            json!({"operation": "alter_role", "id": "developer", "permission": {}})
        );
        let answer: RoleObject = serde_json::from_value(json!({
            "__createdtime__": 1, "__updatedtime__": 2, "id": "d", "permission": {}, "role": "d"
        }))
        .unwrap();
        assert_eq!(answer.updated_time, 2);
    }
}
