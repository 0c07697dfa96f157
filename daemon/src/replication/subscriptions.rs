//! The subscription protocol between two nodes (spec 3.5-3.7, Appendix A):
//! which requested subscriptions can be kept (the table exists on one side
//! or both; a missing one is created from the other side's schema), the
//! mirror image the other node stores, the node records and the consumers
//! that follow them. The operations that validate requests and word the
//! answers are in `ops::nodes`; this module does what they ask.

use std::time::Duration;

use harper_rpc::TableRef;
use harper_rpc::catalogue::Op;
use harper_rpc::ops::SubscriptionItem;
use serde_json::{Value, json};

use super::{ConsumerError, Replicator, wire};
use crate::mesh::{Mesh, RequestError};
use crate::store::{NodeRecord, StoreError, Subscription};

/// Deadline of requests to the remote node (HarperDB waits 60 s).
pub const REMOTE_DEADLINE: Duration = Duration::from_secs(30);

/// One validated subscription of a request.
#[derive(Debug, Clone)]
pub struct SubRequest {
    /// Database (`database`, or the legacy `schema`; default `data`).
    pub database: String,
    /// Table; `None` when the request named none (it is then skipped).
    pub table: Option<String>,
    /// This node sends the table's changes to the other.
    pub publish: bool,
    /// This node takes the other's changes.
    pub subscribe: bool,
    /// As sent (echoed in `added`), and as an HLC time.
    pub start_time: Option<(Value, u64)>,
    /// The item exactly as sent (echoed when skipped).
    pub raw: Value,
}

/// An accepted subscription and what the remote node gets for it.
#[derive(Debug, Clone)]
pub struct Accepted {
    sub: SubRequest,
    table: TableRef,
    primary_key: String,
}

impl Accepted {
    /// The item of the `added` / `updated` list.
    pub fn item(&self) -> SubscriptionItem {
        SubscriptionItem {
            schema: self.table.database.clone(),
            table: self.table.table.clone(),
            publish: self.sub.publish,
            subscribe: self.sub.subscribe,
            start_time: self.sub.start_time.as_ref().map(|(s, _)| s.clone()),
        }
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
            v["start_time"] = s.clone();
        }
        v
    }

    /// The subscription as the node record keeps it.
    pub fn subscription(&self) -> Subscription {
        Subscription {
            schema: self.table.database.clone(),
            table: self.table.table.clone(),
            publish: self.sub.publish,
            subscribe: self.sub.subscribe,
        }
    }
}

/// Why a subscription change could not be made.
#[derive(Debug, thiserror::Error)]
pub enum SubscribeError {
    /// The request `op` to node `remote` failed.
    #[error("{op} to node '{remote}': {error}")]
    Remote {
        /// The request, as HarperDB's messages name it.
        op: Op,
        /// The other node.
        remote: String,
        /// What went wrong.
        error: RequestError,
    },
    /// The store failed.
    #[error("{0}")]
    Store(#[from] StoreError),
    /// A consumer could not be created.
    #[error("{0}")]
    Consumer(ConsumerError),
}

/// Merge subscriptions into a record: same table overwritten, new ones appended.
pub fn merge(rec: &mut NodeRecord, subs: impl IntoIterator<Item = Subscription>) {
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

impl Replicator {
    fn own_name(&self) -> String {
        self.settings().node_name.unwrap_or_default()
    }

    /// Spec 3.5 step 3: keep subscriptions whose table exists on at least one
    /// of the two nodes, creating it here when only the remote has it.
    /// Returns the accepted ones and the skipped items as sent.
    pub async fn review(
        &self,
        mesh: &Mesh,
        remote: &str,
        subs: Vec<SubRequest>,
    ) -> Result<(Vec<Accepted>, Vec<Value>), SubscribeError> {
        let schema = mesh
            .request(remote, json!({"operation": wire::SCHEMA}), REMOTE_DEADLINE)
            .await
            // HarperDB words a failed probe as add_node's for update_node too.
            .map_err(|error| SubscribeError::Remote {
                op: Op::AddNode,
                remote: remote.to_owned(),
                error,
            })?;
        let store = &self.inner.store;
        let mut accepted = Vec::new();
        let mut skipped = Vec::new();
        for sub in subs {
            let Some(table) = sub.table.clone() else {
                skipped.push(sub.raw);
                continue;
            };
            let t = TableRef::new(&sub.database, &table);
            let local = store.table(&t).ok();
            let remote_pk = schema[&t.database][&t.table]["hash_attribute"]
                .as_str()
                .map(str::to_owned);
            let primary_key = match (&local, remote_pk) {
                (Some(l), _) => l.primary_key(),
                (None, Some(pk)) => {
                    match store.create_table(&t, &pk) {
                        Ok(_) | Err(StoreError::TableExists(..)) => {}
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

    /// Send the mirrored subscriptions to the remote node (`op` there: add or
    /// update); its `system_info`.
    pub async fn update_remote(
        &self,
        mesh: &Mesh,
        remote: &str,
        op: Op,
        accepted: &[Accepted],
    ) -> Result<Value, SubscribeError> {
        let body = json!({
            "operation": op.name(),
            "node_name": self.own_name(),
            "subscriptions": accepted.iter().map(Accepted::mirrored).collect::<Vec<_>>(),
            "system_info": harper_rpc::ops::SystemInfo::this_program(),
        });
        let reply = mesh
            .request(remote, body, REMOTE_DEADLINE)
            .await
            .map_err(|error| SubscribeError::Remote {
                op,
                remote: remote.to_owned(),
                error,
            })?;
        Ok(reply.get("system_info").cloned().unwrap_or(Value::Null))
    }

    /// Create this node's cursors for accepted subscriptions that subscribe.
    pub async fn start_consumers(
        &self,
        op: Op,
        remote: &str,
        accepted: &[Accepted],
    ) -> Result<(), SubscribeError> {
        for a in accepted.iter().filter(|a| a.sub.subscribe) {
            self.create_consumer(remote, &a.table, a.sub.start_time.as_ref().map(|(_, t)| *t))
                .await
                .map_err(|e| match e {
                    ConsumerError::Request(error) => SubscribeError::Remote {
                        op,
                        remote: remote.to_owned(),
                        error,
                    },
                    ConsumerError::Store(s) => SubscribeError::Store(s),
                    other => SubscribeError::Consumer(other),
                })?;
        }
        Ok(())
    }

    /// Store the record as `change` makes it, start or stop consumers to
    /// match, and nudge the remote's consumers.
    pub async fn commit<E: From<StoreError>>(
        &self,
        mesh: &Mesh,
        name: &str,
        change: impl FnOnce(Option<NodeRecord>) -> Result<Option<NodeRecord>, E>,
    ) -> Result<(), E> {
        let store = &self.inner.store;
        store.update_node_record(name, change)?;
        store.flush().await?;
        self.reconcile()?;
        mesh.notify(name, json!({"operation": wire::KICK})).await;
        Ok(())
    }

    /// Forget node `name`: its record, its consumers and its reader
    /// positions. `false` when there was no record.
    pub async fn forget_node(&self, name: &str) -> Result<bool, StoreError> {
        let store = &self.inner.store;
        if !store.remove_node_record(name)? {
            return Ok(false);
        }
        store.flush().await?;
        self.reconcile()?;
        self.forget_reader(name);
        Ok(true)
    }

    /// The remote side of `add_node` / `update_node` from node `from`
    /// (Appendix A), with its subscriptions already validated (and each
    /// one's primary key as sent): create missing tables, store the record
    /// (a fresh one for `add_node`), create the consumers.
    pub async fn accept_remote(
        &self,
        from: &str,
        op: Op,
        subs: Vec<(SubRequest, Option<String>)>,
        system_info: Value,
    ) -> Result<(), String> {
        let store = &self.inner.store;
        let mut accepted = Vec::new();
        for (sub, pk) in subs {
            let Some(table) = sub.table.clone() else {
                continue;
            };
            let t = TableRef::new(&sub.database, &table);
            let primary_key = match store.table(&t) {
                Ok(existing) => existing.primary_key(),
                Err(_) => {
                    let pk = pk.ok_or_else(|| format!("no primary key given for table '{t}'"))?;
                    match store.create_table(&t, &pk) {
                        Ok(_) | Err(StoreError::TableExists(..)) => {}
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
        store
            .update_node_record(from, |old| {
                let mut rec = old.filter(|_| op != Op::AddNode).unwrap_or(NodeRecord {
                    name: from.to_owned(),
                    subscriptions: Vec::new(),
                    system_info: Value::Null,
                });
                merge(&mut rec, accepted.iter().map(Accepted::subscription));
                rec.system_info = system_info;
                Ok::<_, StoreError>(Some(rec))
            })
            .map_err(|e| e.to_string())?;
        for a in accepted.iter().filter(|a| a.sub.subscribe) {
            self.create_consumer(from, &a.table, a.sub.start_time.as_ref().map(|(_, t)| *t))
                .await
                .map_err(|e| {
                    format!(
                        "cannot create a consumer on node '{from}' for '{}': {e}",
                        a.table
                    )
                })?;
        }
        store.flush().await.map_err(|e| e.to_string())?;
        self.reconcile().map_err(|e| e.to_string())?;
        Ok(())
    }
}
