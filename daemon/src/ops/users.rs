//! Users and roles (spec 3.3). Passwords are hashed on the blocking pool and
//! never logged; logins (checking a password) are in `logins`.

use harper_rpc::{OpError, Request};
use serde_json::{Value, json};

use super::logins::LOGINS;
use super::{Caller, message};
use crate::node::Node;
use crate::store::users::{self, SUPER_USER};

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
    if users::role_object(role).is_none() {
        return Err(OpError::not_found(format!("{role} role not found")));
    }
    if node.store().user(username)?.is_some() {
        return Err(OpError::conflict(format!("User {username} already exists")));
    }
    let mut user = users::new_user(username, "", role, active)?;
    user.password_hash = hash(password.to_owned()).await?;
    if !node.store().insert_user(&user)? {
        return Err(OpError::conflict(format!("User {username} already exists")));
    }
    LOGINS.forget(username);
    node.store().flush().await?;
    super::cluster::remember_cluster_password(node, &user, password)?;
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
    if let Some(role) = req.get("role").filter(|v| !v.is_null()) {
        let role = role
            .as_str()
            .ok_or_else(|| OpError::bad_request("Role must be a string"))?;
        if users::role_object(role).is_none() {
            return Err(OpError::not_found(format!("{role} role not found")));
        }
        user.role = role.to_owned();
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
    // A new password or a deactivation ends every token issued so far.
    if new_password.is_some() || !user.active {
        user.token_epoch = users::new_token_epoch();
        user.refresh_token_hash = None;
    }
    node.store().put_user(&user)?;
    LOGINS.forget(&username);
    node.store().flush().await?;
    if let Some(pw) = new_password {
        super::cluster::remember_cluster_password(node, &user, &pw)?;
    }
    node.reconcile_cluster().await;
    Ok(json!({
        "message": "updated 1 of 1 records",
        "update_hashes": [username],
        "skipped_hashes": [],
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
    Ok(Value::Array(
        node.store()
            .list_users()?
            .iter()
            .map(|u| u.public())
            .collect(),
    ))
}

pub fn user_info(node: &Node, caller: &Caller) -> Result<Value, OpError> {
    match caller {
        Caller::LocalSocket => Ok(json!({
            "username": null,
            "active": true,
            "role": users::role_object(SUPER_USER),
        })),
        Caller::User { username, .. } => match node.store().user(username)? {
            Some(u) => Ok(u.public()),
            None => Err(OpError::not_found(format!(
                "User {username} does not exist"
            ))),
        },
    }
}
