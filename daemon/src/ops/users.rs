//! Users and roles (spec 3.3). Passwords are hashed on the blocking pool and
//! never logged; logins (checking a password) are in `logins`.

use harper_rpc::ops::{UpdateResponse, UserRecord, to_body};
use harper_rpc::{OpError, Request};
use serde_json::Value;

use super::logins::LOGINS;
use super::{Caller, message};
use crate::node::Node;
use crate::store::users::{self, CLUSTER_USER, SUPER_USER, User};

/// A new user's name: a name ([`harper_rpc::names::check_name`], so at most
/// 250 bytes) of letters, digits, `-` and `_`.
fn check_username(name: &str) -> Result<(), String> {
    harper_rpc::names::check_name(harper_rpc::NameKind::User, name).map_err(|e| e.to_string())?;
    if name
        .chars()
        .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
    {
        Ok(())
    } else {
        Err("Username may only contain letters, digits, '-' and '_'".to_owned())
    }
}

/// HarperDB's answer to a role name no role has.
fn role_not_found(role: &str) -> OpError {
    OpError::not_found(format!("{role} role not found"))
}

async fn hash(password: String) -> Result<String, OpError> {
    tokio::task::spawn_blocking(move || users::hash_password(&password))
        .await
        .map_err(|e| OpError::internal(format!("password hashing failed: {e}")))?
        .map_err(OpError::from)
}

pub async fn add_user(node: &Node, req: &Request) -> Result<Value, OpError> {
    let str_field = |f: &str| req.get(f).and_then(Value::as_str).filter(|s| !s.is_empty());
    let mut errors = Vec::new();
    let role = str_field("role");
    let username = str_field("username");
    let password = str_field("password");
    if role.is_none() {
        errors.push("Role can't be blank");
    }
    if username.is_none() {
        errors.push("Username can't be blank");
    }
    if password.is_none() {
        errors.push("Password can't be blank");
    }
    match req.get("active") {
        None | Some(Value::Null) => errors.push("Active can't be blank"),
        Some(Value::Bool(_)) => {}
        Some(_) => errors.push("Active must be a boolean"),
    }
    let bad_name = username.and_then(|u| check_username(u).err());
    if let Some(e) = &bad_name {
        errors.push(e);
    }
    if !errors.is_empty() {
        return Err(OpError::bad_request(errors.join(",")));
    }
    let (role, username, password) = (role.unwrap(), username.unwrap(), password.unwrap());
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
    let username = match req.get("username").and_then(Value::as_str) {
        Some(u) if !u.is_empty() => u.to_owned(),
        _ => return Err(OpError::bad_request("Username can't be blank")),
    };
    let Some(mut user) = node.store().user(&username)? else {
        return Err(OpError::not_found(format!(
            "User {username} does not exist"
        )));
    };
    let mut new_role = None;
    if let Some(role) = req.get("role").filter(|v| !v.is_null()) {
        let role = role
            .as_str()
            .ok_or_else(|| OpError::bad_request("Role must be a string"))?;
        if node.store().role_by_name(role).is_none() {
            return Err(role_not_found(role));
        }
        new_role = Some(role.to_owned());
    }
    if let Some(active) = req.get("active").filter(|v| !v.is_null()) {
        user.active = active
            .as_bool()
            .ok_or_else(|| OpError::bad_request("Active must be a boolean"))?;
    }
    let mut new_password = None;
    if let Some(pw) = req.get("password").filter(|v| !v.is_null()) {
        let pw = pw
            .as_str()
            .filter(|p| !p.is_empty())
            .ok_or_else(|| OpError::bad_request("Password can't be blank"))?;
        user.password_hash = hash(pw.to_owned()).await?;
        new_password = Some(pw.to_owned());
    }
    {
        // The role must still exist when the user is written (`drop_role`).
        let _assigning = node.store().assigning_roles();
        if let Some(name) = &new_role {
            let Some(r) = node.store().role_by_name(name) else {
                return Err(role_not_found(name));
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
