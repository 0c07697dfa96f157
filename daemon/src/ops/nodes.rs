//! Subscription operations (spec 3.5-3.8): `add_node`, `update_node` /
//! `set_node_replication`, `remove_node`, `configure_cluster`, and the remote
//! side of each (Appendix A): the other node stores the mirror image, creates
//! what tables it lacks, and starts or pauses its consumers.

use harper_rpc::catalogue::Op;
use harper_rpc::ops::{
    AddNodeResponse, ConfigureClusterResponse, ConfiguredNode, SubscriptionItem,
    UpdateNodeResponse, to_body,
};
use harper_rpc::{OpError, Request};
use serde_json::{Value, json};

use super::guard::running_mesh;
use super::message;
use super::node_request::{self, Kind, validate};
use crate::mesh::{Mesh, RequestError};
use crate::node::Node;
use crate::replication::subscriptions::{self, Accepted, SubscribeError, merge};
use crate::store::NodeRecord;

const NONE_ADDED: &str = "Unable to create subscriptions due to schema and/or tables not existing on the local or remote node";
const NONE_UPDATED: &str = "Unable to update subscriptions due to schema and/or tables not existing on the local or remote node";
const SOME_SKIPPED: &str = "Some subscriptions were unsuccessful due to schema and/or tables not existing on the local or remote node";

/// Spec 3.2: a failed request to another node, as HarperDB words it (500).
pub(super) fn remote_error(op: Op, remote: &str, e: &RequestError) -> OpError {
    OpError::internal(match e {
        RequestError::NoResponders => format!("Unable to {op}, node '{remote}' is not listening."),
        RequestError::Timeout => {
            format!("Unable to {op}, node '{remote}' is listening but did not respond.")
        }
        RequestError::Remote(m) => format!("Error returned from remote node {remote}: {m}"),
        RequestError::Undeliverable(m) => format!("Unable to {op}: {m}"),
    })
}

impl From<SubscribeError> for OpError {
    fn from(e: SubscribeError) -> OpError {
        match e {
            SubscribeError::Remote { op, remote, error } => remote_error(op, &remote, &error),
            SubscribeError::Store(s) => s.into(),
            SubscribeError::Consumer(c) => OpError::internal(c.to_string()),
        }
    }
}

fn own_name(node: &Node) -> String {
    node.config().settings().node_name.unwrap_or_default()
}

fn already_added(name: &str) -> OpError {
    OpError::bad_request(format!(
        "Node '{name}' has already been added, perform update_node to proceed."
    ))
}

/// The message of add/update and the accepted items.
fn outcome(
    none: &str,
    ok: String,
    accepted: &[Accepted],
    skipped: &[Value],
) -> (String, Vec<SubscriptionItem>) {
    let message = if accepted.is_empty() {
        none.to_owned()
    } else if skipped.is_empty() {
        ok
    } else {
        SOME_SKIPPED.to_owned()
    };
    (message, accepted.iter().map(Accepted::item).collect())
}

fn added(ok: String, accepted: &[Accepted], skipped: Vec<Value>) -> AddNodeResponse {
    let (message, added) = outcome(NONE_ADDED, ok, accepted, &skipped);
    AddNodeResponse {
        message,
        added,
        skipped,
    }
}

fn updated(ok: String, accepted: &[Accepted], skipped: Vec<Value>) -> Value {
    let (message, updated) = outcome(NONE_UPDATED, ok, accepted, &skipped);
    to_body(&UpdateNodeResponse {
        message,
        updated,
        skipped,
    })
}

/// `add_node` (spec 3.5).
pub async fn add_node(node: &Node, req: &Request) -> Result<Value, OpError> {
    Ok(to_body(&add_node_as(node, req, Kind::Add).await?))
}

async fn add_node_as(node: &Node, req: &Request, kind: Kind) -> Result<AddNodeResponse, OpError> {
    let mesh = running_mesh(node)?;
    let (name, subs) = validate(req, kind, &own_name(node))?;
    if node.store().node_record(&name)?.is_some() {
        return Err(already_added(&name));
    }
    let rep = node.replicator();
    let (accepted, skipped) = rep.review(&mesh, &name, subs).await?;
    if accepted.is_empty() {
        return Ok(added(String::new(), &accepted, skipped));
    }
    let system_info = rep
        .update_remote(&mesh, &name, Op::AddNode, &accepted)
        .await?;
    rep.start_consumers(Op::AddNode, &name, &accepted).await?;
    let rec = NodeRecord {
        name: name.clone(),
        subscriptions: accepted.iter().map(Accepted::subscription).collect(),
        system_info,
    };
    // Checked again where it is written: another add_node may have won meanwhile.
    rep.commit(&mesh, &name, |old| match old {
        Some(_) => Err(already_added(&name)),
        None => Ok(Some(rec)),
    })
    .await?;
    Ok(added(
        format!("Successfully added '{name}' to manifest"),
        &accepted,
        skipped,
    ))
}

/// `update_node` and `set_node_replication` (spec 3.6): PATCH semantics; the
/// node need not have been added before.
pub async fn update_node(node: &Node, req: &Request) -> Result<Value, OpError> {
    let mesh = running_mesh(node)?;
    let (name, subs) = validate(req, Kind::Update, &own_name(node))?;
    let rep = node.replicator();
    let (accepted, skipped) = rep.review(&mesh, &name, subs).await?;
    if accepted.is_empty() {
        return Ok(updated(String::new(), &accepted, skipped));
    }
    let system_info = rep
        .update_remote(&mesh, &name, Op::UpdateNode, &accepted)
        .await?;
    rep.start_consumers(Op::UpdateNode, &name, &accepted)
        .await?;
    rep.commit(&mesh, &name, |old| {
        let mut rec = old.unwrap_or(NodeRecord {
            name: name.clone(),
            subscriptions: Vec::new(),
            system_info: Value::Null,
        });
        merge(&mut rec, accepted.iter().map(Accepted::subscription));
        rec.system_info = system_info;
        Ok::<_, OpError>(Some(rec))
    })
    .await?;
    Ok(updated(
        format!("Successfully updated '{name}'"),
        &accepted,
        skipped,
    ))
}

/// `remove_node` (spec 3.7): the local record goes whatever the remote says.
pub async fn remove_node(node: &Node, req: &Request) -> Result<Value, OpError> {
    let mesh = running_mesh(node)?;
    let name = node_request::validate_remove(req, &own_name(node))?;
    remove_named(node, &mesh, &name).await
}

async fn remove_named(node: &Node, mesh: &Mesh, name: &str) -> Result<Value, OpError> {
    if !node.replicator().forget_node(name).await? {
        return Err(OpError::bad_request(format!(
            "Node '{name}' was not found."
        )));
    }
    let body = json!({"operation": Op::RemoveNode.name(), "node_name": own_name(node), "subscriptions": []});
    match mesh
        .request(name, body, subscriptions::REMOTE_DEADLINE)
        .await
    {
        Ok(_) => Ok(message(format!(
            "Successfully removed '{name}' from manifest"
        ))),
        Err(e) => {
            tracing::warn!(
                node = name,
                "remove_node: the remote node was not told: {e}"
            );
            Ok(message(format!(
                "Successfully removed '{name}' from local manifest, however there was an error reaching remote node. Check the logs for more details."
            )))
        }
    }
}

/// `configure_cluster` (spec 3.8): remove every node, then add each connection.
pub async fn configure_cluster(node: &Node, req: &Request) -> Result<Value, OpError> {
    let mesh = running_mesh(node)?;
    let bodies = node_request::validate_connections(req, &own_name(node))?;
    let mut failed: Vec<String> = Vec::new();
    let mut successes = 0;
    for rec in node.store().node_records()? {
        match remove_named(node, &mesh, &rec.name).await {
            Ok(_) => successes += 1,
            Err(e) => {
                tracing::warn!(node = %rec.name, "configure_cluster: remove failed: {e}");
                if !failed.contains(&rec.name) {
                    failed.push(rec.name);
                }
            }
        }
    }
    let mut done = Vec::new();
    for body in bodies {
        let name = body["node_name"].as_str().unwrap_or_default().to_owned();
        match add_node_as(node, &body, Kind::Connection).await {
            Ok(subscriptions) => {
                successes += 1;
                done.push(ConfiguredNode {
                    node_name: name,
                    subscriptions,
                });
            }
            Err(e) => {
                tracing::warn!(node = %name, "configure_cluster: add failed: {e}");
                if !failed.contains(&name) {
                    failed.push(name);
                }
            }
        }
    }
    if failed.is_empty() {
        Ok(to_body(&ConfigureClusterResponse {
            message: "Configure cluster complete.".to_owned(),
            failed_nodes: None,
            connections: done,
        }))
    } else if successes > 0 {
        Ok(to_body(&ConfigureClusterResponse {
            message: "Configure cluster was partially successful. Errors occurred when attempting to configure the following nodes. Check the logs for more details.".to_owned(),
            failed_nodes: Some(failed),
            connections: done,
        }))
    } else {
        Err(OpError::internal(
            "Failed to configure the cluster. Check the logs for more details.",
        ))
    }
}

/// The remote side of `add_node` / `update_node` from node `from` (Appendix A):
/// validated here, carried out by the replicator.
pub async fn remote_update(
    node: &Node,
    from: &str,
    op: Op,
    payload: Value,
) -> Result<Value, String> {
    let Value::Object(body) = payload else {
        return Err("request must be an object".into());
    };
    let mut errors = Vec::new();
    if !matches!(body.get("node_name"), Some(Value::String(_))) {
        errors.push("'node_name' is required".to_owned());
    }
    let items = match body.get("subscriptions") {
        Some(Value::Array(a)) if !a.is_empty() => a.clone(),
        _ => {
            errors.push("'subscriptions' must contain at least 1 items".to_owned());
            Vec::new()
        }
    };
    let mut check = crate::config::Checker::default();
    let mut subs = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let label = format!("subscriptions[{i}]");
        if let Some(s) = node_request::subscription(&mut check, item, &label, i, false) {
            let pk = item["hash_attribute"].as_str().map(str::to_owned);
            subs.push((s, pk));
        }
    }
    errors.extend(check.messages);
    if !errors.is_empty() {
        return Err(crate::config::join_messages(&errors));
    }
    let system_info = body.get("system_info").cloned().unwrap_or(Value::Null);
    node.replicator()
        .accept_remote(from, op, subs, system_info)
        .await?;
    Ok(json!({
        "message": format!("Node {} successfully updated remote source", own_name(node)),
        "system_info": harper_rpc::ops::SystemInfo::this_program(),
    }))
}

/// The remote side of `remove_node` from node `from`.
pub async fn remote_remove(node: &Node, from: &str, payload: &Value) -> Result<Value, String> {
    let mut errors = Vec::new();
    if payload["operation"] != Op::RemoveNode.name() {
        errors.push("'operation' must be [remove_node]".to_owned());
    }
    if !payload["node_name"].is_string() {
        errors.push("'node_name' is required".to_owned());
    }
    if !errors.is_empty() {
        return Err(errors.join(". "));
    }
    if !node
        .replicator()
        .forget_node(from)
        .await
        .map_err(|e| e.to_string())?
    {
        return Err(format!("No record found for node '{from}'"));
    }
    Ok(json!({
        "message": format!("Node {} successfully removed node '{from}'.", own_name(node)),
    }))
}
