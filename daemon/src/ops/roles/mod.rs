//! Roles (HarperDB's `security/role.js`): `add_role`, `alter_role`,
//! `drop_role`, `list_roles`. A change is durable (flushed) before it is
//! answered and holds for the next request of every user of the role.
//!
//! The built-in roles `super_user` and `cluster_user` cannot be altered or
//! dropped (HarperDB does not stop it, but then no role is left for the
//! cluster user or the administrator, and the cluster user is known by its
//! role's name).
//!
//! Not here: what a permission object may hold (`validate`) and what it
//! allows (`permissions`).

mod validate;

use harper_rpc::ops::{RoleObject, to_body};
use harper_rpc::{OpError, Request};
use serde_json::Value;

use super::message;
use super::permissions::Schema;
use crate::node::Node;
use crate::store::roles::{Role, RoleConflict, is_built_in};

fn conflict(e: RoleConflict) -> OpError {
    match e {
        RoleConflict::NotFound => OpError::bad_request("Invalid role id"),
        other => OpError::conflict(other.to_string()),
    }
}

fn str_field<'a>(req: &'a Request, field: &str) -> Option<&'a str> {
    req.get(field).and_then(Value::as_str)
}

fn built_in(id: &str, verb: &str) -> OpError {
    OpError::bad_request(format!("The role '{id}' is built in and cannot be {verb}"))
}

/// `add_role`: the new role as stored.
pub async fn add_role(node: &Node, req: &Request) -> Result<Value, OpError> {
    let schema = Schema::of(node.store(), None)?;
    validate::check(req, validate::Which::Add, &schema)?;
    let name = str_field(req, "role").expect("validated");
    let id = str_field(req, "id").unwrap_or(name);
    let role = Role::new(id, name, req["permission"].clone());
    node.store().insert_role(role.clone())?.map_err(conflict)?;
    node.store().flush().await?;
    Ok(to_body(&role.public()))
}

/// `alter_role`: a new permission object (and name) for the role `id`.
pub async fn alter_role(node: &Node, req: &Request) -> Result<Value, OpError> {
    let schema = Schema::of(node.store(), None)?;
    validate::check(req, validate::Which::Alter, &schema)?;
    let id = str_field(req, "id").expect("validated");
    if is_built_in(id) {
        return Err(built_in(id, "altered"));
    }
    let role = node
        .store()
        .alter_role(id, str_field(req, "role"), req["permission"].clone())?
        .map_err(conflict)?;
    node.store().flush().await?;
    Ok(to_body(&role.public()))
}

/// `drop_role`: refused while an active user holds the role.
pub async fn drop_role(node: &Node, req: &Request) -> Result<Value, OpError> {
    let id = match req.get("id") {
        None | Some(Value::Null) => return Err(OpError::bad_request("Id can't be blank")),
        Some(Value::String(id)) if harper_rpc::ops::roles::is_role_name(id) => id.as_str(),
        Some(_) => return Err(OpError::bad_request("Id is invalid")),
    };
    let store = node.store();
    let removed = {
        // No user may be given the role between the count and the removal.
        let _assigning = store.assigning_roles();
        let Some(role) = store.role(id) else {
            return Err(OpError::not_found("Role not found"));
        };
        if role.is_built_in() {
            return Err(built_in(id, "dropped"));
        }
        if store
            .list_users()?
            .iter()
            .any(|u| u.active && u.role == role.id)
        {
            return Err(OpError::conflict(format!(
                "Cannot drop role {} as it has active user(s) tied to this role",
                role.role
            )));
        }
        store.remove_role(id)?.unwrap_or(role)
    };
    store.flush().await?;
    Ok(message(format!("{} successfully deleted", removed.role)))
}

/// `list_roles`.
pub fn list_roles(node: &Node) -> Value {
    let roles: Vec<RoleObject> = node
        .store()
        .list_roles()
        .iter()
        .map(|r| r.public())
        .collect();
    to_body(&roles)
}
