//! The health probes' answers. `GET /health/live`: the process answers
//! (always 200 once the HTTP door runs). `GET /health/ready`: 200 when the
//! node can do its work, else 503, with a small JSON body saying which check
//! failed:
//!
//! - `store`: the database is open and its system trees read;
//! - `clustering` (when `clustering.enabled`): the mesh is running (not
//!   failed to start: a port in use, a missing cluster user);
//! - `consumers` (when `clustering.enabled`): every subscription with
//!   `subscribe: true` has its consumer started, that is running and past
//!   its first pull (`starting` is the only state that is not started; a
//!   consumer `waiting` for an unreachable publisher is started: one peer
//!   going down must not take every other node out of service).
//!
//! A full disk shows as `disk` in the store check but does not fail it:
//! reads go on, and writes answer 507 by themselves.
//!
//! The probes need no login, so their bodies hold states and counts only:
//! never a node or table name, a path or an error message (`harper cluster
//! status` and `harper status` say why).

use std::collections::HashSet;

use harper_rpc::TableRef;
use serde_json::{Value, json};

use crate::cluster::ClusterState;
use crate::node::Node;
use harper_rpc::ops::ConsumerState;

/// A probe's answer: its status and body.
#[derive(Debug, Clone, PartialEq)]
pub struct Probe {
    /// 200 or 503.
    pub status: u16,
    /// The JSON body.
    pub body: Value,
}

/// `GET /health/live`.
pub fn live(node: &Node) -> Probe {
    Probe {
        status: 200,
        body: json!({
            "status": "live",
            "uptime_seconds": node.started().elapsed().as_secs(),
        }),
    }
}

/// What readiness is judged on, gathered from the node.
#[derive(Debug, Clone, Default)]
struct Inputs {
    /// The store's system trees could not be read.
    store_failed: bool,
    /// The disk's state: `ok`, `full` or `failing`.
    disk: &'static str,
    /// `None` when clustering is disabled; else whether the mesh runs.
    clustering: Option<bool>,
    /// Consumers the subscriptions call for: (publisher, table).
    wanted: Vec<(String, TableRef)>,
    /// Consumers running and past `starting`.
    started: HashSet<(String, TableRef)>,
}

/// `GET /health/ready`.
pub fn ready(node: &Node) -> Probe {
    let store = node.store();
    let mut inputs = Inputs {
        disk: match store.disk_failure() {
            None => "ok",
            Some(f) if f.full => "full",
            Some(_) => "failing",
        },
        ..Inputs::default()
    };
    match store.node_records() {
        Ok(records) => {
            for rec in records {
                for sub in rec.subscriptions.iter().filter(|s| s.subscribe) {
                    inputs.wanted.push((rec.name.clone(), sub.table_ref()));
                }
            }
        }
        Err(e) => {
            tracing::warn!("readiness: the node records cannot be read: {e}");
            inputs.store_failed = true;
        }
    }
    if node.config().settings().clustering_enabled {
        inputs.clustering = Some(matches!(node.cluster().state(), ClusterState::Running(_)));
    }
    inputs.started = node
        .replicator()
        .consumers()
        .into_iter()
        .filter(|c| c.state != ConsumerState::Starting)
        .map(|c| {
            let t = TableRef {
                database: c.database,
                table: c.table,
            };
            (c.publisher, t)
        })
        .collect();
    judge(&inputs)
}

fn judge(i: &Inputs) -> Probe {
    let mut ready = true;
    let mut checks = serde_json::Map::new();
    let store = if i.store_failed {
        ready = false;
        json!({"ok": false, "state": "failing", "disk": i.disk})
    } else {
        json!({"ok": true, "state": "open", "disk": i.disk})
    };
    checks.insert("store".into(), store);
    match i.clustering {
        None => {
            checks.insert(
                "clustering".into(),
                json!({"ok": true, "state": "disabled"}),
            );
        }
        Some(running) => {
            ready &= running;
            let state = if running { "running" } else { "failed" };
            checks.insert("clustering".into(), json!({"ok": running, "state": state}));
            let started = i.wanted.iter().filter(|w| i.started.contains(*w)).count();
            let all = started == i.wanted.len();
            ready &= all;
            checks.insert(
                "consumers".into(),
                json!({"ok": all, "expected": i.wanted.len(), "started": started}),
            );
        }
    }
    Probe {
        status: if ready { 200 } else { 503 },
        body: json!({
            "status": if ready { "ready" } else { "not_ready" },
            "checks": checks,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(name: &str) -> TableRef {
        TableRef {
            database: "dev".into(),
            table: name.into(),
        }
    }

    fn inputs() -> Inputs {
        Inputs {
            disk: "ok",
            clustering: Some(true),
            wanted: vec![("cloud".into(), t("a")), ("cloud".into(), t("b"))],
            started: [("cloud".into(), t("a")), ("cloud".into(), t("b"))].into(),
            ..Inputs::default()
        }
    }

    #[test]
    fn ready_when_the_mesh_runs_and_every_consumer_started() {
        let p = judge(&inputs());
        assert_eq!(p.status, 200, "{}", p.body);
        assert_eq!(p.body["status"], "ready");
        assert_eq!(p.body["checks"]["consumers"]["started"], 2);
    }

    #[test]
    fn a_consumer_not_started_is_not_ready() {
        let mut i = inputs();
        i.started.remove(&("cloud".to_owned(), t("b")));
        let p = judge(&i);
        assert_eq!(p.status, 503);
        assert_eq!(p.body["status"], "not_ready");
        assert_eq!(
            p.body["checks"]["consumers"],
            json!({"ok": false, "expected": 2, "started": 1})
        );
        assert!(
            !p.body.to_string().contains("cloud"),
            "no names: {}",
            p.body
        );
    }

    #[test]
    fn a_failed_mesh_is_not_ready() {
        let mut i = inputs();
        i.clustering = Some(false);
        let p = judge(&i);
        assert_eq!(p.status, 503);
        assert_eq!(p.body["checks"]["clustering"]["state"], "failed");
        assert_eq!(p.body["checks"]["consumers"]["ok"], true);
    }

    #[test]
    fn without_clustering_only_the_store_counts() {
        let mut i = inputs();
        i.clustering = None;
        i.started.clear();
        i.disk = "full";
        let p = judge(&i);
        assert_eq!(p.status, 200, "{}", p.body);
        assert!(p.body["checks"].get("consumers").is_none());
        assert_eq!(p.body["checks"]["store"]["disk"], "full");
        i.store_failed = true;
        assert_eq!(judge(&i).status, 503);
    }
}
