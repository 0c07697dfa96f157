//! Users and roles (spec 3.3). Passwords are hashed on the blocking pool and
//! never logged; logins (checking a password) are in `logins`.

use harper_rpc::ops::{UpdateResponse, UserRecord, to_body};
use harper_rpc::{OpError, Request};
use serde_json::Value;

use super::logins::LOGINS;
use super::{Caller, message};
use crate::node::Node;
use crate::store::users::{self, CLUSTER_USER, SUPER_USER, User};

/// The characters of a user name beyond the names rule: letters, digits,
/// `-` and `_` (HarperDB's `[\w\-_]+`, with letters of any script).
fn username_chars_ok(name: &str) -> bool {
    name.chars()
        .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
}

/// validate.js's `isEmpty`, which its `presence` rule (0.11, HarperDB's)
/// calls blank: null, a whitespace-only string, an empty array or object.
fn is_blank(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => s.trim().is_empty(),
        Some(Value::Array(a)) => a.is_empty(),
        Some(Value::Object(o)) => o.is_empty(),
        Some(_) => false,
    }
}

/// HarperDB's answer to a role name no role has.
fn role_not_found(role: &str) -> OpError {
    OpError::not_found(format!("{role} role not found"))
}

/// `alter_user`'s answer to a role name no role has.
fn alter_role_not_found(role: &str) -> OpError {
    OpError::not_found(format!(
        "Update failed.  Requested '{role}' role not found."
    ))
}

/// `add_user`'s checks as HarperDB's validate.js constraints make them: by
/// field in its order (`username`, `password`, `role`, `active`), each
/// field's rules in order, every failure reported (joined with `,`).
fn add_user_errors(req: &Request) -> Vec<String> {
    let mut errors = Vec::new();
    let username = req.get("username");
    if is_blank(username) {
        errors.push("Username can't be blank".to_owned());
    }
    match username {
        None | Some(Value::Null) => {}
        Some(Value::String(u)) => {
            if u.is_empty() {
                errors.push("Username is invalid".to_owned());
            } else if let Err(e) = harper_rpc::names::check_name(harper_rpc::NameKind::User, u) {
                errors.push(e.to_string());
            } else if !username_chars_ok(u) {
                errors.push("Username is invalid".to_owned());
            } else if u == harper_rpc::names::SYSTEM_DATABASE {
                errors
                    .push("Username You cannot create tables within the system schema".to_owned());
            }
        }
        Some(_) => errors.push("Username is invalid".to_owned()),
    }
    let password = req.get("password");
    if is_blank(password) {
        errors.push("Password can't be blank".to_owned());
    } else if !password.is_some_and(Value::is_string) {
        errors.push("Password must be a string".to_owned());
    }
    let role = req.get("role");
    if is_blank(role) {
        errors.push("Role can't be blank".to_owned());
    }
    match role {
        None | Some(Value::Null) => {}
        Some(Value::String(r)) if !r.is_empty() && is_word(r) => {}
        Some(_) => errors.push("Role is invalid".to_owned()),
    }
    let active = req.get("active");
    if is_blank(active) {
        errors.push("Active can't be blank".to_owned());
    }
    if active.is_some_and(|a| !a.is_null() && !a.is_boolean()) {
        errors.push("Active must be a boolean".to_owned());
    }
    errors
}

/// `[\w\-_]+` over the whole string.
fn is_word(s: &str) -> bool {
    s.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// `alter_user`'s checks in HarperDB's order, each ending the check.
fn alter_user_error(req: &Request) -> Option<&'static str> {
    let given = |f: &str| match req.get(f) {
        None | Some(Value::Null) => false,
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(_) => true,
    };
    if !given("username") {
        return Some("username is required");
    }
    if !given("password") && !given("role") && !given("active") {
        return Some("nothing to update, must supply active, role or password to update");
    }
    match req.get("password") {
        None | Some(Value::Null) => {}
        Some(Value::String(p)) if p.trim().is_empty() => {
            return Some("password cannot be an empty string");
        }
        Some(Value::String(_)) => {}
        Some(_) => return Some("password must be a string"),
    }
    if req
        .get("active")
        .is_some_and(|a| !a.is_null() && !a.is_boolean())
    {
        return Some("active must be true or false");
    }
    if req.get("role") == Some(&Value::String(String::new())) {
        return Some("If role is specified, it cannot be empty.");
    }
    None
}

async fn hash(password: String) -> Result<String, OpError> {
    tokio::task::spawn_blocking(move || users::hash_password(&password))
        .await
        .map_err(|e| OpError::internal(format!("password hashing failed: {e}")))?
        .map_err(OpError::from)
}

pub async fn add_user(node: &Node, req: &Request) -> Result<Value, OpError> {
    let errors = add_user_errors(req);
    if !errors.is_empty() {
        return Err(OpError::bad_request(errors.join(",")));
    }
    let text = |f: &str| req.get(f).and_then(Value::as_str).unwrap_or_default();
    let (role, username, password) = (text("role"), text("username"), text("password"));
    let active = req.get("active").and_then(Value::as_bool).unwrap_or(true);
    if node.store().role_by_name(role).is_none() {
        return Err(role_not_found(role));
    }
    if node.store().user(username)?.is_some() {
        return Err(OpError::conflict(format!("User {username} already exists")));
    }
    let mut user = users::new_user(username, "", role, active)?;
    user.password_hash = hash(password.to_owned()).await?;
    let inserted = {
        // The role must still exist when the user is written (`drop_role`).
        let _assigning = node.store().assigning_roles();
        let Some(r) = node.store().role_by_name(role) else {
            return Err(role_not_found(role));
        };
        user.role = r.id.clone();
        node.store().insert_user(&user)?
    };
    if !inserted {
        return Err(OpError::conflict(format!("User {username} already exists")));
    }
    LOGINS.forget(username);
    node.store().flush().await?;
    remember_cluster_password(node, &user, password)?;
    node.reconcile_cluster().await;
    Ok(message(format!("{username} successfully added")))
}

pub async fn alter_user(node: &Node, req: &Request) -> Result<Value, OpError> {
    if let Some(e) = alter_user_error(req) {
        return Err(OpError::bad_request(e));
    }
    let username = req
        .get("username")
        .map(|u| u.as_str().map_or_else(|| u.to_string(), str::to_owned))
        .unwrap_or_default();
    let role = match req.get("role") {
        None | Some(Value::Null) => None,
        Some(r) => {
            let name = r.as_str().map_or_else(|| r.to_string(), str::to_owned);
            if r.as_str()
                .and_then(|n| node.store().role_by_name(n))
                .is_none()
            {
                return Err(alter_role_not_found(&name));
            }
            Some(name)
        }
    };
    let Some(mut user) = node.store().user(&username)? else {
        return Err(OpError::not_found(format!(
            "User {username} does not exist"
        )));
    };
    let new_role = role;
    if let Some(active) = req.get("active").and_then(Value::as_bool) {
        user.active = active;
    }
    let mut new_password = None;
    if let Some(pw) = req.get("password").and_then(Value::as_str) {
        user.password_hash = hash(pw.to_owned()).await?;
        new_password = Some(pw.to_owned());
    }
    // A new password or a deactivation ends every token issued so far.
    if new_password.is_some() || !user.active {
        user.token_epoch = users::new_token_epoch();
        user.refresh_token_hash = None;
    }
    {
        // The role must still exist when the user is written (`drop_role`).
        let _assigning = node.store().assigning_roles();
        if let Some(name) = &new_role {
            let Some(r) = node.store().role_by_name(name) else {
                return Err(alter_role_not_found(name));
            };
            user.role = r.id.clone();
        }
        node.store().put_user(&user)?;
    }
    LOGINS.forget(&username);
    node.store().flush().await?;
    if let Some(pw) = new_password {
        remember_cluster_password(node, &user, &pw)?;
    }
    node.reconcile_cluster().await;
    Ok(to_body(&UpdateResponse {
        message: "updated 1 of 1 records".to_owned(),
        update_hashes: vec![Value::String(username)],
        skipped_hashes: Vec::new(),
    }))
}

pub async fn drop_user(node: &Node, req: &Request) -> Result<Value, OpError> {
    let username = match req.get("username").and_then(Value::as_str) {
        Some(u) if !u.is_empty() => u.to_owned(),
        _ => return Err(OpError::bad_request("Username can't be blank")),
    };
    let settings = node.config().settings();
    if settings.cluster_user.as_deref() == Some(username.as_str()) && settings.clustering_enabled {
        return Err(OpError::conflict(format!(
            "User {username} is the cluster user (clustering.user); disable clustering or name another cluster user first"
        )));
    }
    if !node.store().remove_user(&username)? {
        return Err(OpError::not_found(format!(
            "User {username} does not exist"
        )));
    }
    LOGINS.forget(&username);
    let _ = crate::secrets::store(&node.root().join("keys"), &username, None);
    node.reconcile_cluster().await;
    Ok(message(format!("{username} successfully deleted")))
}

pub fn list_users(node: &Node) -> Result<Value, OpError> {
    let store = node.store();
    let users: Vec<UserRecord> = store
        .list_users()?
        .iter()
        .map(|u| u.public(store.role(&u.role).as_deref()))
        .collect();
    Ok(to_body(&users))
}

pub fn user_info(node: &Node, caller: &Caller) -> Result<Value, OpError> {
    match caller {
        Caller::LocalSocket => Ok(to_body(&UserRecord {
            username: None,
            active: true,
            role: node.store().role(SUPER_USER).map(|r| r.public()),
            created_time: None,
            updated_time: None,
        })),
        Caller::User { username, .. } => match node.store().user(username)? {
            Some(u) => Ok(to_body(&u.public(node.store().role(&u.role).as_deref()))),
            None => Err(OpError::not_found(format!(
                "User {username} does not exist"
            ))),
        },
    }
}

/// Keep the cluster user's password for the handshake when it is set or changed.
pub fn remember_cluster_password(node: &Node, user: &User, password: &str) -> Result<(), OpError> {
    if user.role == CLUSTER_USER {
        crate::secrets::store(&node.root().join("keys"), &user.username, Some(password))
            .map_err(|e| OpError::internal(format!("cannot store the cluster credentials: {e}")))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;

    use crate::ops::body::object as body;

    #[test]
    fn add_user_reports_in_validate_js_order() {
        let errors = |v: Value| add_user_errors(&body(v)).join(",");
        assert_eq!(
            errors(json!({})),
            "Username can't be blank,Password can't be blank,Role can't be blank,Active can't be blank"
        );
        assert_eq!(
            errors(
                json!({"username": "", "password": "  ", "role": "super user", "active": "true"})
            ),
            "Username can't be blank,Username is invalid,Password can't be blank,\
             Role is invalid,Active must be a boolean"
        );
        assert_eq!(
            errors(json!({"username": "a b", "password": 5, "role": 7, "active": ""})),
            "Username is invalid,Password must be a string,Role is invalid,\
             Active can't be blank,Active must be a boolean"
        );
        assert_eq!(
            errors(
                json!({"username": "system", "password": "p", "role": "super_user", "active": false})
            ),
            "Username You cannot create tables within the system schema"
        );
        assert_eq!(
            errors(
                json!({"username": "café_1-x", "password": "p", "role": "cluster_user", "active": true})
            ),
            ""
        );
    }

    #[test]
    fn alter_user_checks_in_harperdb_order() {
        let error = |v: Value| alter_user_error(&body(v));
        assert_eq!(
            error(json!({"password": "x"})),
            Some("username is required")
        );
        assert_eq!(
            error(json!({"username": "u", "password": "", "role": ""})),
            Some("nothing to update, must supply active, role or password to update")
        );
        assert_eq!(
            error(json!({"username": "u", "password": "   ", "active": "yes"})),
            Some("password cannot be an empty string")
        );
        assert_eq!(
            error(json!({"username": "u", "active": "true"})),
            Some("active must be true or false")
        );
        assert_eq!(
            error(json!({"username": "u", "active": true, "role": ""})),
            Some("If role is specified, it cannot be empty.")
        );
        assert_eq!(error(json!({"username": "u", "active": false})), None);
    }
}
