//! Configuration and routes (spec 2.4, 3.4): every change goes through the
//! live config handle, which validates the whole document and writes it
//! atomically, so a refused change leaves the file untouched.

use harper_rpc::ops::{
    DeleteRoutesResponse, GetRoutesResponse, ListedRoute, SetRoutesResponse, to_body,
};
use harper_rpc::{OpError, Request};
use serde_json::Value;

use crate::config;
use crate::node::Node;

pub fn set_configuration(node: &Node, req: &Request) -> Result<Value, OpError> {
    let before = node.config().settings().node_name;
    node.config().update(|doc| {
        let next = config::set_configuration(doc, req);
        let after = crate::config::Settings::from_document(&next).node_name;
        if after != before {
            super::cluster::refuse_rename_with_subscriptions(node)?;
        }
        *doc = next;
        Ok(())
    })?;
    Ok(super::message(
        "Configuration successfully set. You must restart HarperDB for new config settings to take effect.",
    ))
}

fn route_error(e: config::RouteError) -> OpError {
    OpError::new(e.status(), e.to_string())
}

/// Routes as the config holds them or a request gave them. Both were
/// validated as `{host: string, port: number}` (a port may be written as a
/// string), so this fails only on a bug.
fn listed(routes: Vec<Value>) -> Result<Vec<ListedRoute>, OpError> {
    serde_json::from_value(Value::Array(routes))
        .map_err(|e| OpError::internal(format!("cannot list the routes: {e}")))
}

pub fn set_routes(node: &Node, req: &Request) -> Result<Value, OpError> {
    let (set, skipped) = node
        .config()
        .update(|doc| config::set_routes(doc, req).map_err(route_error))?;
    Ok(to_body(&SetRoutesResponse {
        message: "cluster routes successfully set".to_owned(),
        set: listed(set)?,
        skipped: listed(skipped)?,
    }))
}

pub fn get_routes(node: &Node) -> Result<Value, OpError> {
    let (hub, leaf) = config::get_routes(&node.config().document()).map_err(route_error)?;
    Ok(to_body(&GetRoutesResponse {
        hub: listed(hub)?,
        leaf: listed(leaf)?,
    }))
}

pub fn delete_routes(node: &Node, req: &Request) -> Result<Value, OpError> {
    let (deleted, skipped) = node
        .config()
        .update(|doc| config::delete_routes(doc, req).map_err(route_error))?;
    Ok(to_body(&DeleteRoutesResponse {
        message: "cluster routes successfully deleted".to_owned(),
        deleted: listed(deleted)?,
        skipped: listed(skipped)?,
    }))
}
