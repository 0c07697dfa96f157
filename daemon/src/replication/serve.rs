//! The publisher's side: answering other nodes' consumers. A node reads a
//! table's stream only for a node it publishes that table to (its node record
//! says `publish: true`), so data moves only where a subscription says.

use std::time::Duration;

use harper_rpc::TableRef;
use serde_json::Value;

use super::wire::{self, PullRequest, PullResponse, SeekRequest, SeekResponse, SeqEntry};
use super::wire::{SnapshotItem, SnapshotRequest, SnapshotResponse};
use super::{Replicator, now_ms};
use crate::store::{Seek, Store, StoreError};

/// Longest long poll a consumer may ask for.
const MAX_WAIT: Duration = Duration::from_secs(5);
/// Most bytes of entries in one pull answer (one mesh frame).
const MAX_PULL_BYTES: usize = 4 * 1024 * 1024;
/// Most entries in one pull answer.
const MAX_PULL_ENTRIES: usize = 5000;
/// Most records in one snapshot page.
const MAX_SNAPSHOT_PAGE: usize = 5000;
/// Most bytes of records in one snapshot page (one mesh frame), plus one record.
const MAX_SNAPSHOT_BYTES: usize = 4 * 1024 * 1024;
/// Snapshot pages built at once (each holds its records in memory); other
/// requests wait their turn.
const SNAPSHOT_PAGES_AT_ONCE: usize = 2;
/// Snapshot requests of one node built or waiting at once; more are
/// answered "busy" at once (a peer asking for pages without end must not
/// make this node hold them all).
const SNAPSHOT_REQUESTS_PER_NODE: usize = 8;

static SNAPSHOT_TURNS: tokio::sync::Semaphore =
    tokio::sync::Semaphore::const_new(SNAPSHOT_PAGES_AT_ONCE);
static SNAPSHOTS_BY_NODE: std::sync::Mutex<std::collections::BTreeMap<String, usize>> =
    std::sync::Mutex::new(std::collections::BTreeMap::new());

/// One node's snapshot request being built or waiting (see [`SNAPSHOT_REQUESTS_PER_NODE`]).
struct SnapshotSlot(String);

impl SnapshotSlot {
    fn take(me: &str, node: &str) -> Result<SnapshotSlot, String> {
        let mut by_node = SNAPSHOTS_BY_NODE.lock().expect("snapshots");
        let n = by_node.entry(node.to_owned()).or_default();
        if *n >= SNAPSHOT_REQUESTS_PER_NODE {
            return Err(format!(
                "node '{me}' is busy: it has {SNAPSHOT_REQUESTS_PER_NODE} snapshot pages for node '{node}' to build (its limit per node); retry later"
            ));
        }
        *n += 1;
        Ok(SnapshotSlot(node.to_owned()))
    }
}

impl Drop for SnapshotSlot {
    fn drop(&mut self) {
        let mut by_node = SNAPSHOTS_BY_NODE.lock().expect("snapshots");
        if let Some(n) = by_node.get_mut(&self.0) {
            *n -= 1;
            if *n == 0 {
                by_node.remove(&self.0);
            }
        }
    }
}

fn err(e: StoreError) -> String {
    e.to_string()
}

/// Refuse to serve `t` to `requester` unless this node publishes it there.
fn authorize(store: &Store, requester: &str, t: &TableRef) -> Result<(), String> {
    let me = store.node_name();
    let publishes = store
        .node_record(requester)
        .map_err(err)?
        .and_then(|r| r.subscription(t).map(|s| s.publish))
        .unwrap_or(false);
    if publishes {
        Ok(())
    } else {
        Err(format!(
            "node '{me}' does not publish '{t}' to node '{requester}'"
        ))
    }
}

impl Replicator {
    /// Answer a mesh request that belongs to replication (`__pull`,
    /// `__seek`, `__snapshot`, `__schema`), or give it back (`Err`) when it
    /// is not one of them.
    pub async fn serve(&self, from: &str, payload: Value) -> Result<Result<Value, String>, Value> {
        let op = payload
            .get("operation")
            .and_then(Value::as_str)
            .unwrap_or("");
        Ok(match op {
            wire::PULL => self.serve_pull(from, payload).await,
            wire::SEEK => self.serve_seek(from, payload).await,
            wire::SNAPSHOT => self.serve_snapshot(from, payload).await,
            wire::SCHEMA => self.serve_schema(),
            _ => return Err(payload),
        })
    }

    /// A one-way message that belongs to replication (`__kick`); `false`
    /// when it is not one.
    pub fn notified(&self, from: &str, payload: &Value) -> bool {
        let kick = payload.get("operation").and_then(Value::as_str) == Some(wire::KICK);
        if kick {
            self.kick(from);
        }
        kick
    }

    /// `__pull`: flushed entries from `from` on, waiting up to `wait_ms` for one.
    pub async fn serve_pull(&self, requester: &str, payload: Value) -> Result<Value, String> {
        let req: PullRequest = wire::parse(payload)?;
        let t = req.table.table_ref();
        let store = &self.inner.store;
        authorize(store, requester, &t)?;
        let mut table = store.table(&t).map_err(err)?;
        self.note_reader(&t, requester, req.from);
        let mut first = table.first_seq().map_err(err)?;
        if req.from >= first && table.durable_seq() < req.from {
            table
                .wait_durable(req.from, Duration::from_millis(req.wait_ms).min(MAX_WAIT))
                .await;
            // The table may have been dropped (and created again) meanwhile:
            // answer from the one there is now, whose stream is a new one.
            table = store.table(&t).map_err(err)?;
            first = table.first_seq().map_err(err)?;
        }
        let mut resp = PullResponse {
            first_seq: first,
            last_seq: table.durable_seq(),
            stream: table.stream_id(&store.instance_id().map_err(err)?),
            ..PullResponse::default()
        };
        if req.from < first {
            resp.gap = true;
            return Ok(wire::to_value(&resp));
        }
        let max = req.max.clamp(1, MAX_PULL_ENTRIES);
        let read = table
            .read_stream(req.from, max, MAX_PULL_BYTES)
            .map_err(err)?;
        let entries = read.entries;
        // Trimmed between the check and the read.
        if entries.first().is_some_and(|(s, _)| *s != req.from) {
            resp.gap = true;
            return Ok(wire::to_value(&resp));
        }
        if let Some(p) = read.poison {
            tracing::warn!(
                table = %t, consumer = %requester, seq = p.seq,
                "an entry cannot be shipped: {}", p.reason
            );
            resp.poison = Some(wire::PoisonEntry {
                seq: p.seq,
                reason: p.reason,
            });
            return Ok(wire::to_value(&resp));
        }
        resp.omitted = read.omitted;
        resp.last_appended = match entries.last() {
            Some((s, e)) if *s == resp.last_seq => Some(e.appended),
            _ => table
                .stream()
                .get(crate::store::stream::seq_key(resp.last_seq))
                .ok()
                .flatten()
                .and_then(|v| crate::store::TxnEntry::decode(&v))
                .map(|e| e.appended),
        };
        resp.entries = entries
            .into_iter()
            .map(|(seq, entry)| SeqEntry { seq, entry })
            .collect();
        Ok(wire::to_value(&resp))
    }

    /// `__seek`: where a new consumer of `requester` starts.
    pub async fn serve_seek(&self, requester: &str, payload: Value) -> Result<Value, String> {
        let req: SeekRequest = wire::parse(payload)?;
        let t = req.table.table_ref();
        let store = &self.inner.store;
        // Not authorised like pulls: a sequence number reveals no data, and
        // the remote side of add_node seeks before this node has written its
        // record for it.
        let table = store.table(&t).map_err(err)?;
        let instance = table.stream_id(&store.instance_id().map_err(err)?);
        let resp = match req.time {
            // "Now": after what is flushed. Not after the last committed
            // entry: if this node crashed before flushing it, its sequence
            // would be handed out again and the new consumer would skip that
            // write. An entry committed just before is delivered instead.
            None => SeekResponse {
                next: table.durable_seq() + 1,
                trimmed: false,
                stream: instance,
            },
            Some(time) => match store.seek(&t, time).map_err(err)? {
                Seek::At(next) => SeekResponse {
                    next,
                    trimmed: false,
                    stream: instance,
                },
                Seek::Trimmed(next) => SeekResponse {
                    next,
                    trimmed: true,
                    stream: instance,
                },
            },
        };
        self.note_reader(&t, requester, resp.next);
        Ok(wire::to_value(&resp))
    }

    /// `__snapshot`: a page of records and tombstones with their versions.
    pub async fn serve_snapshot(&self, requester: &str, payload: Value) -> Result<Value, String> {
        let req: SnapshotRequest = wire::parse(payload)?;
        let t = req.table.table_ref();
        let store = self.inner.store.clone();
        authorize(&store, requester, &t)?;
        let table = store.table(&t).map_err(err)?;
        let after = match &req.after {
            Some(h) => Some(wire::unhex(h).ok_or("bad snapshot key")?),
            None => None,
        };
        let limit = req.limit.clamp(1, MAX_SNAPSHOT_PAGE);
        let first = after.is_none();
        let _slot = SnapshotSlot::take(&store.node_name(), requester)?;
        let _turn = SNAPSHOT_TURNS.acquire().await.map_err(|e| e.to_string())?;
        tokio::task::spawn_blocking(move || {
            // The resume point is read before the page: everything committed
            // below it is in this snapshot or a later page of it.
            let resume_seq = first.then(|| table.last_seq() + 1);
            let total = if first {
                Some(table.records().len() as u64)
            } else {
                None
            };
            let (items, next) = table
                .snapshot_page(after.as_deref(), limit, MAX_SNAPSHOT_BYTES)
                .map_err(err)?;
            Ok(wire::to_value(&SnapshotResponse {
                items: items.into_iter().map(SnapshotItem::of).collect(),
                next: next.map(|k| wire::hex(&k)),
                resume_seq,
                total,
            }))
        })
        .await
        .map_err(|e| e.to_string())?
    }

    /// `__schema`: this node's tables with their primary keys and attributes.
    pub fn serve_schema(&self) -> Result<Value, String> {
        let mut out = serde_json::Map::new();
        for db in self.inner.store.databases().map_err(err)? {
            out.insert(db, Value::Object(serde_json::Map::new()));
        }
        for table in self.inner.store.tables() {
            let meta = table.meta();
            let name = table.name();
            if let Some(Value::Object(db)) = out.get_mut(&name.database) {
                db.insert(
                    name.table.clone(),
                    serde_json::json!({
                        "hash_attribute": meta.primary_key,
                        "attributes": meta.attributes,
                    }),
                );
            }
        }
        Ok(Value::Object(out))
    }

    /// Remember how far a remote consumer has read (for `stream info` and lag).
    fn note_reader(&self, t: &TableRef, node: &str, from: u64) {
        self.inner
            .readers
            .lock()
            .expect("readers")
            .entry(t.clone())
            .or_default()
            .insert(node.to_owned(), (from, now_ms()));
    }
}
