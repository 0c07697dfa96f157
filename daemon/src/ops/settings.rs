//! Configuration and routes (spec 2.4, 3.4): every change goes through the
//! live config handle, which validates the whole document and writes it
//! atomically, so a refused change leaves the file untouched.

use harper_rpc::{OpError, Request};
use serde_json::{Value, json};

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

pub fn set_routes(node: &Node, req: &Request) -> Result<Value, OpError> {
    let (set, skipped) = node
        .config()
        .update(|doc| config::set_routes(doc, req).map_err(route_error))?;
    Ok(json!({
        "message": "cluster routes successfully set",
        "set": set,
        "skipped": skipped,
    }))
}

pub fn get_routes(node: &Node) -> Result<Value, OpError> {
    let (hub, leaf) = config::get_routes(&node.config().document()).map_err(route_error)?;
    Ok(json!({ "hub": hub, "leaf": leaf }))
}

pub fn delete_routes(node: &Node, req: &Request) -> Result<Value, OpError> {
    let (deleted, skipped) = node
        .config()
        .update(|doc| config::delete_routes(doc, req).map_err(route_error))?;
    Ok(json!({
        "message": "cluster routes successfully deleted",
        "deleted": deleted,
        "skipped": skipped,
    }))
}
