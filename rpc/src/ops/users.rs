//! Users and roles (spec 3.3): `add_user`, `alter_user`, `drop_user`,
//! `list_users`, `user_info` and `list_roles`.

use serde::{Deserialize, Serialize};

use super::MessageResponse;
use super::data::UpdateResponse;

/// `add_user`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddUser {
    /// Role name: `super_user`, `cluster_user` or a role added with `add_role`.
    pub role: String,
    /// User name (letters, digits, `-` and `_`).
    pub username: String,
    /// Plain-text password (hashed with argon2 by the daemon, never logged).
    pub password: String,
    /// Whether the user may log in.
    pub active: bool,
}

/// `alter_user`: only the fields given change.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlterUser {
    /// User to change.
    pub username: String,
    /// New password.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    /// New role name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// New active flag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
}

/// `drop_user`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DropUser {
    /// User to remove.
    pub username: String,
}

no_fields! {
    /// `list_users`: every user, without password hashes.
    ListUsers;
    /// `user_info`: the caller's own record (open to every role).
    UserInfo;
}

operation! {
    AddUser => AddUser, MessageResponse;
    AlterUser => AlterUser, UpdateResponse;
    DropUser => DropUser, MessageResponse;
    ListUsers => ListUsers, Vec<UserRecord>;
    UserInfo => UserInfo, UserRecord;
}

/// A user as `list_users` and `user_info` show it: never a password hash.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UserRecord {
    /// Login name (`null` for the local socket's caller in `user_info`).
    pub username: Option<String>,
    /// Whether the user may log in.
    pub active: bool,
    /// The user's role (`null` when the role is unknown).
    pub role: Option<super::RoleObject>,
    /// Creation time, ms since the epoch.
    #[serde(
        rename = "__createdtime__",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub created_time: Option<u64>,
    /// Last change, ms since the epoch.
    #[serde(
        rename = "__updatedtime__",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub updated_time: Option<u64>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::Operation;

    #[test]
    fn user_requests_use_harperdbs_field_names() {
        let op = AddUser {
            role: "super_user".into(),
            username: "ann".into(),
            password: "pw".into(),
            active: true,
        };
        assert_eq!(
            serde_json::to_string(&op.to_request()).unwrap(),
            r#"{"operation":"add_user","role":"super_user","username":"ann","password":"pw","active":true}"#
        );
        let op = AlterUser {
            username: "ann".into(),
            password: Some("new".into()),
            ..AlterUser::default()
        };
        assert_eq!(
            serde_json::to_string(&op.to_request()).unwrap(),
            r#"{"operation":"alter_user","username":"ann","password":"new"}"#
        );
        let op = DropUser {
            username: "ann".into(),
        };
        assert_eq!(
            serde_json::to_string(&op.to_request()).unwrap(),
            r#"{"operation":"drop_user","username":"ann"}"#
        );
    }

    #[test]
    fn user_answers_read_the_daemons_bodies() {
        let users = r#"[{"username":"admin","active":true,"role":{"id":"super_user","role":"super_user","permission":{"super_user":true},"__createdtime__":0,"__updatedtime__":0},"__createdtime__":1,"__updatedtime__":2},{"username":"x","active":false,"role":null,"__createdtime__":1,"__updatedtime__":1}]"#;
        let r: Vec<UserRecord> = serde_json::from_str(users).unwrap();
        assert_eq!(r[0].role.as_ref().unwrap().role, "super_user");
        assert_eq!(serde_json::to_string(&r).unwrap(), users);
        let local = r#"{"username":null,"active":true,"role":{"id":"super_user","role":"super_user","permission":{"super_user":true},"__createdtime__":0,"__updatedtime__":0}}"#;
        let r: UserRecord = serde_json::from_str(local).unwrap();
        assert_eq!(serde_json::to_string(&r).unwrap(), local);
        let altered =
            r#"{"message":"updated 1 of 1 records","update_hashes":["ann"],"skipped_hashes":[]}"#;
        let r: UpdateResponse = serde_json::from_str(altered).unwrap();
        assert_eq!(serde_json::to_string(&r).unwrap(), altered);
    }
}
