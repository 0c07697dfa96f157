//! Subscription operations (spec 3.5-3.8): `add_node`, `update_node` /
//! `set_node_replication`, `remove_node`, `configure_cluster`, and the remote
//! side of each (Appendix A): the other node stores the mirror image, creates
//! what tables it lacks, and starts or pauses its consumers.

use std::time::Duration;

use harper_rpc::{OpError, Request, TableRef};
use serde_json::{Map, Value, json};

use super::cluster::NOT_ENABLED;
use super::message;
use super::node_request::{self, Kind, SubRequest, validate};
use crate::mesh::{Mesh, RequestError};
use crate::node::Node;
use crate::replication::ConsumerError;
use crate::store::{NodeRecord, Subscription};

/// Deadline of requests to the remote node (HarperDB waits 60 s).
const REMOTE_DEADLINE: Duration = Duration::from_secs(30);

const NONE_ADDED: &str = "Unable to create subscriptions due to schema and/or tables not existing on the local or remote node";
const NONE_UPDATED: &str = "Unable to update subscriptions due to schema and/or tables not existing on the local or remote node";
const SOME_SKIPPED: &str = "Some subscriptions were unsuccessful due to schema and/or tables not existing on the local or remote node";

/// Spec 3.2: a failed request to another node, as HarperDB words it (500).
pub(super) fn remote_error(op: &str, remote: &str, e: &RequestError) -> OpError {
    OpError::internal(match e {
        RequestError::NoResponders => format!("Unable to {op}, node '{remote}' is not listening."),
        RequestError::Timeout => {
            format!("Unable to {op}, node '{remote}' is listening but did not respond.")
        }
        RequestError::Remote(m) => format!("Error returned from remote node {remote}: {m}"),
        RequestError::Undeliverable(m) => format!("Unable to {op}: {m}"),
    })
}

fn consumer_error(op: &str, remote: &str, e: ConsumerError) -> OpError {
    match e {
        ConsumerError::Request(r) => remote_error(op, remote, &r),
        ConsumerError::Store(s) => s.into(),
        other => OpError::internal(other.to_string()),
    }
}

pub(super) fn running_mesh(node: &Node) -> Result<Mesh, OpError> {
    if !node.config().settings().clustering_enabled {
        return Err(OpError::bad_request(NOT_ENABLED));
    }
    node.cluster().mesh().ok_or_else(|| {
        OpError::internal(
            "clustering is enabled but not running on this node (see `harper cluster status`)",
        )
    })
}

fn own_name(node: &Node) -> String {
    node.config().settings().node_name.unwrap_or_default()
}

/// An accepted subscription and what the remote node gets for it.
struct Accepted {
    sub: SubRequest,
    table: TableRef,
    primary_key: String,
}

impl Accepted {
    /// The item of the `added` / `updated` list.
    fn item(&self) -> Value {
        let mut v = json!({
            "schema": self.table.database,
            "table": self.table.table,
            "publish": self.sub.publish,
            "subscribe": self.sub.subscribe,
        });
        if let Some((s, _)) = &self.sub.start_time {
            v["start_time"] = json!(s);
        }
        v
    }

    /// The item sent to the remote node: flags mirrored.
    fn mirrored(&self) -> Value {
        let mut v = json!({
            "schema": self.table.database,
            "table": self.table.table,
            "hash_attribute": self.primary_key,
            "publish": self.sub.subscribe,
            "subscribe": self.sub.publish,
        });
        if let Some((s, _)) = &self.sub.start_time {
            v["start_time"] = json!(s);
        }
        v
    }

    fn subscription(&self) -> Subscription {
        Subscription {
            schema: self.table.database.clone(),
            table: self.table.table.clone(),
            publish: self.sub.publish,
            subscribe: self.sub.subscribe,
        }
    }
}

/// Spec 3.5 step 3: keep subscriptions whose table exists on at least one of
/// the two nodes, creating it here when only the remote has it.
async fn review(
    node: &Node,
    mesh: &Mesh,
    remote: &str,
    subs: Vec<SubRequest>,
) -> Result<(Vec<Accepted>, Vec<Value>), OpError> {
    let schema = mesh
        .request(
            remote,
            json!({"operation": crate::replication::wire::SCHEMA}),
            REMOTE_DEADLINE,
        )
        .await
        .map_err(|e| remote_error("add_node", remote, &e))?;
    let mut accepted = Vec::new();
    let mut skipped = Vec::new();
    for sub in subs {
        let Some(table) = sub.table.clone() else {
            skipped.push(sub.raw);
            continue;
        };
        let t = TableRef::new(&sub.database, &table);
        let local = node.store().table(&t).ok();
        let remote_pk = schema[&t.database][&t.table]["hash_attribute"]
            .as_str()
            .map(str::to_owned);
        let primary_key = match (&local, remote_pk) {
            (Some(l), _) => l.primary_key(),
            (None, Some(pk)) => {
                match node.store().create_table(&t, &pk) {
                    Ok(_) | Err(crate::store::StoreError::TableExists(..)) => {}
                    Err(e) => return Err(e.into()),
                }
                tracing::info!(table = %t, remote, "created table for a subscription");
                pk
            }
            (None, None) => {
                skipped.push(sub.raw);
                continue;
            }
        };
        accepted.push(Accepted {
            sub,
            table: t,
            primary_key,
        });
    }
    Ok((accepted, skipped))
}

/// Send the mirrored subscriptions to the remote node (`add_node` or
/// `update_node` there); its `system_info`.
async fn update_remote(
    node: &Node,
    mesh: &Mesh,
    remote: &str,
    op: &str,
    accepted: &[Accepted],
) -> Result<Value, OpError> {
    let body = json!({
        "operation": op,
        "node_name": own_name(node),
        "subscriptions": accepted.iter().map(Accepted::mirrored).collect::<Vec<_>>(),
        "system_info": super::system_info(),
    });
    let reply = mesh
        .request(remote, body, REMOTE_DEADLINE)
        .await
        .map_err(|e| remote_error(op, remote, &e))?;
    Ok(reply.get("system_info").cloned().unwrap_or(Value::Null))
}

/// Create this node's cursors for accepted subscriptions that subscribe.
async fn start_consumers(
    node: &Node,
    op: &str,
    remote: &str,
    accepted: &[Accepted],
) -> Result<(), OpError> {
    for a in accepted.iter().filter(|a| a.sub.subscribe) {
        node.replicator()
            .create_consumer(remote, &a.table, a.sub.start_time.as_ref().map(|(_, t)| *t))
            .await
            .map_err(|e| consumer_error(op, remote, e))?;
    }
    Ok(())
}

/// Merge subscriptions into a record: same table overwritten, new ones appended.
fn merge(rec: &mut NodeRecord, subs: impl IntoIterator<Item = Subscription>) {
    for s in subs {
        match rec
            .subscriptions
            .iter_mut()
            .find(|x| x.schema == s.schema && x.table == s.table)
        {
            Some(x) => *x = s,
            None => rec.subscriptions.push(s),
        }
    }
}

/// Store the record, start or stop consumers, and nudge the remote's consumers.
async fn commit(
    node: &Node,
    mesh: &Mesh,
    name: &str,
    change: impl FnOnce(Option<NodeRecord>) -> Result<Option<NodeRecord>, OpError>,
) -> Result<(), OpError> {
    node.store().update_node_record(name, change)?;
    node.store().flush().await?;
    node.replicator().reconcile()?;
    mesh.notify(name, json!({"operation": crate::replication::wire::KICK}))
        .await;
    Ok(())
}

fn already_added(name: &str) -> OpError {
    OpError::bad_request(format!(
        "Node '{name}' has already been added, perform update_node to proceed."
    ))
}

/// The answer of add/update: `message`, the accepted items under `list`, `skipped`.
fn outcome(
    none: &str,
    ok: String,
    list: &str,
    accepted: &[Accepted],
    skipped: Vec<Value>,
) -> Value {
    let message = if accepted.is_empty() {
        none.to_owned()
    } else if skipped.is_empty() {
        ok
    } else {
        SOME_SKIPPED.to_owned()
    };
    let mut out = Map::new();
    out.insert("message".into(), json!(message));
    out.insert(
        list.into(),
        Value::Array(accepted.iter().map(Accepted::item).collect()),
    );
    out.insert("skipped".into(), Value::Array(skipped));
    Value::Object(out)
}

/// `add_node` (spec 3.5).
pub async fn add_node(node: &Node, req: &Request) -> Result<Value, OpError> {
    add_node_as(node, req, Kind::Add).await
}

async fn add_node_as(node: &Node, req: &Request, kind: Kind) -> Result<Value, OpError> {
    let mesh = running_mesh(node)?;
    let (name, subs) = validate(req, kind, &own_name(node))?;
    if node.store().node_record(&name)?.is_some() {
        return Err(already_added(&name));
    }
    let (accepted, skipped) = review(node, &mesh, &name, subs).await?;
    if accepted.is_empty() {
        return Ok(outcome(
            NONE_ADDED,
            String::new(),
            "added",
            &accepted,
            skipped,
        ));
    }
    let system_info = update_remote(node, &mesh, &name, "add_node", &accepted).await?;
    start_consumers(node, "add_node", &name, &accepted).await?;
    let rec = NodeRecord {
        name: name.clone(),
        subscriptions: accepted.iter().map(Accepted::subscription).collect(),
        system_info,
    };
    // Checked again where it is written: another add_node may have won meanwhile.
    commit(node, &mesh, &name, |old| match old {
        Some(_) => Err(already_added(&name)),
        None => Ok(Some(rec)),
    })
    .await?;
    Ok(outcome(
        NONE_ADDED,
        format!("Successfully added '{name}' to manifest"),
        "added",
        &accepted,
        skipped,
    ))
}

/// `update_node` and `set_node_replication` (spec 3.6): PATCH semantics; the
/// node need not have been added before.
pub async fn update_node(node: &Node, req: &Request) -> Result<Value, OpError> {
    let mesh = running_mesh(node)?;
    let (name, subs) = validate(req, Kind::Update, &own_name(node))?;
    let (accepted, skipped) = review(node, &mesh, &name, subs).await?;
    if accepted.is_empty() {
        return Ok(outcome(
            NONE_UPDATED,
            String::new(),
            "updated",
            &accepted,
            skipped,
        ));
    }
    let system_info = update_remote(node, &mesh, &name, "update_node", &accepted).await?;
    start_consumers(node, "update_node", &name, &accepted).await?;
    commit(node, &mesh, &name, |old| {
        let mut rec = old.unwrap_or(NodeRecord {
            name: name.clone(),
            subscriptions: Vec::new(),
            system_info: Value::Null,
        });
        merge(&mut rec, accepted.iter().map(Accepted::subscription));
        rec.system_info = system_info;
        Ok(Some(rec))
    })
    .await?;
    Ok(outcome(
        NONE_UPDATED,
        format!("Successfully updated '{name}'"),
        "updated",
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
    if !node.store().remove_node_record(name)? {
        return Err(OpError::bad_request(format!(
            "Node '{name}' was not found."
        )));
    }
    node.store().flush().await?;
    node.replicator().reconcile()?;
    node.replicator().forget_reader(name);
    let body =
        json!({"operation": "remove_node", "node_name": own_name(node), "subscriptions": []});
    match mesh.request(name, body, REMOTE_DEADLINE).await {
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
            Ok(v) => {
                successes += 1;
                done.push(json!({"node_name": name, "subscriptions": v}));
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
        Ok(json!({"message": "Configure cluster complete.", "connections": done}))
    } else if successes > 0 {
        Ok(json!({
            "message": "Configure cluster was partially successful. Errors occurred when attempting to configure the following nodes. Check the logs for more details.",
            "failed_nodes": failed,
            "connections": done,
        }))
    } else {
        Err(OpError::internal(
            "Failed to configure the cluster. Check the logs for more details.",
        ))
    }
}

/// The remote side of `add_node` / `update_node` from node `from` (Appendix A):
/// create missing tables, store the record, create or keep consumers.
pub async fn remote_update(node: &Node, from: &str, payload: Value) -> Result<Value, String> {
    let op = payload["operation"].as_str().unwrap_or_default().to_owned();
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
    let mut accepted = Vec::new();
    for (sub, pk) in subs {
        let Some(table) = sub.table.clone() else {
            continue;
        };
        let t = TableRef::new(&sub.database, &table);
        let primary_key = match node.store().table(&t) {
            Ok(existing) => existing.primary_key(),
            Err(_) => {
                let pk = pk.ok_or_else(|| format!("no primary key given for table '{t}'"))?;
                match node.store().create_table(&t, &pk) {
                    Ok(_) | Err(crate::store::StoreError::TableExists(..)) => {}
                    Err(e) => return Err(e.to_string()),
                }
                tracing::info!(table = %t, from, "created table for a subscription");
                pk
            }
        };
        accepted.push(Accepted {
            sub,
            table: t,
            primary_key,
        });
    }
    // The record first: the requester's consumers may pull as soon as we answer.
    let system_info = body.get("system_info").cloned().unwrap_or(Value::Null);
    node.store()
        .update_node_record(from, |old| {
            let mut rec = old.filter(|_| op != "add_node").unwrap_or(NodeRecord {
                name: from.to_owned(),
                subscriptions: Vec::new(),
                system_info: Value::Null,
            });
            merge(&mut rec, accepted.iter().map(Accepted::subscription));
            rec.system_info = system_info;
            Ok::<_, crate::store::StoreError>(Some(rec))
        })
        .map_err(|e| e.to_string())?;
    for a in accepted.iter().filter(|a| a.sub.subscribe) {
        node.replicator()
            .create_consumer(from, &a.table, a.sub.start_time.as_ref().map(|(_, t)| *t))
            .await
            .map_err(|e| {
                format!(
                    "cannot create a consumer on node '{from}' for '{}': {e}",
                    a.table
                )
            })?;
    }
    node.store().flush().await.map_err(|e| e.to_string())?;
    node.replicator().reconcile().map_err(|e| e.to_string())?;
    Ok(json!({
        "message": format!("Node {} successfully updated remote source", own_name(node)),
        "system_info": super::system_info(),
    }))
}

/// The remote side of `remove_node` from node `from`.
pub async fn remote_remove(node: &Node, from: &str, payload: &Value) -> Result<Value, String> {
    let mut errors = Vec::new();
    if payload["operation"] != "remove_node" {
        errors.push("'operation' must be [remove_node]".to_owned());
    }
    if !payload["node_name"].is_string() {
        errors.push("'node_name' is required".to_owned());
    }
    if !errors.is_empty() {
        return Err(errors.join(". "));
    }
    if !node
        .store()
        .remove_node_record(from)
        .map_err(|e| e.to_string())?
    {
        return Err(format!("No record found for node '{from}'"));
    }
    node.store().flush().await.map_err(|e| e.to_string())?;
    node.replicator().reconcile().map_err(|e| e.to_string())?;
    node.replicator().forget_reader(from);
    Ok(json!({
        "message": format!("Node {} successfully removed node '{from}'.", own_name(node)),
    }))
}
