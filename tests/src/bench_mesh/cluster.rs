//! The processes of one topology and how the mesh part talks to them: one
//! keep-alive operations connection per node (reopened when the daemon closed
//! it), routes set with `cluster_set_routes`, and polls of every node's
//! `cluster_mesh_status` until a condition holds on each.
//!
//! Every node is a [`Node`], so a failure or the end of the part kills every
//! daemon (SIGKILL, a frozen one too) and removes every temp root.

use std::collections::BTreeSet;
use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::{DEADLINE, ms, round3};
use crate::Node;
use crate::bench::{Http, quantile};

/// Pause between two rounds of polls.
const ROUND_PAUSE: Duration = Duration::from_millis(10);

/// Running daemons of one topology: hubs first (`hub0`...), then spokes.
pub(super) struct Cluster {
    nodes: Vec<Node>,
    hubs: usize,
    http: Vec<Option<Http>>,
    /// False while a node is frozen or dead: it is not polled.
    live: Vec<bool>,
}

/// Link counters summed over some nodes' link ends.
pub(super) struct Traffic {
    pub ends: usize,
    pub bytes: u64,
    pub frames: u64,
    pub hub0_bytes: u64,
}

/// The names a `cluster_mesh_status` answer lists as members.
pub(super) fn member_names(status: &Value) -> BTreeSet<String> {
    status["mesh"]["members"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|m| m["name"].as_str().map(str::to_owned))
        .collect()
}

impl Cluster {
    /// `n` nodes installed, started and clustered (`parallel` at a time), no
    /// routes yet, each root in a temp dir inside `parent`.
    pub(super) fn start(parent: &Path, n: usize, hubs: usize, parallel: usize) -> Cluster {
        let names: Vec<String> = (0..n)
            .map(|i| {
                if i < hubs {
                    format!("hub{i}")
                } else {
                    format!("s{:02}", i - hubs + 1)
                }
            })
            .collect();
        let mut nodes = Vec::with_capacity(n);
        for chunk in names.chunks(parallel) {
            let started: Vec<Node> = std::thread::scope(|s| {
                let handles: Vec<_> = chunk
                    .iter()
                    .map(|name| s.spawn(move || Node::clustered_in(parent, name)))
                    .collect();
                handles
                    .into_iter()
                    .map(|h| h.join().expect("a node failed to start"))
                    .collect()
            });
            nodes.extend(started);
        }
        Cluster {
            http: nodes.iter().map(|_| None).collect(),
            live: vec![true; n],
            nodes,
            hubs,
        }
    }

    pub(super) fn len(&self) -> usize {
        self.nodes.len()
    }

    pub(super) fn name(&self, i: usize) -> &str {
        &self.nodes[i].name
    }

    pub(super) fn node(&self, i: usize) -> &Node {
        &self.nodes[i]
    }

    pub(super) fn pid(&self, i: usize) -> i32 {
        self.nodes[i].pid().unwrap_or(0)
    }

    /// The hub a node routes to (hubs are their own).
    pub(super) fn hub_of(&self, i: usize) -> usize {
        if i < self.hubs {
            i
        } else {
            (i - self.hubs) % self.hubs
        }
    }

    pub(super) fn set_live(&mut self, i: usize, live: bool) {
        self.live[i] = live;
        if !live {
            self.http[i] = None;
        }
    }

    /// One operation on node `i`: status and body. A connection the daemon
    /// closed (idle keep-alive, a restart) is reopened once.
    pub(super) fn call(&mut self, i: usize, body: &Value) -> (u16, Value) {
        let port = self.nodes[i].operations_port;
        for attempt in 0..2 {
            if self.http[i].is_none() {
                match Http::connect(port) {
                    Ok(h) => self.http[i] = Some(h),
                    Err(e) if attempt == 0 => {
                        eprintln!("connect to {}: {e}; retrying", self.nodes[i].name);
                        continue;
                    }
                    Err(e) => panic!("cannot connect to {}: {e}", self.nodes[i].name),
                }
            }
            match self.http[i].as_mut().map(|h| h.op(body)) {
                Some(Ok(answer)) => return answer,
                _ => self.http[i] = None,
            }
        }
        panic!(
            "{} did not answer {}",
            self.nodes[i].name, body["operation"]
        )
    }

    /// [`Cluster::call`] that must answer 200.
    pub(super) fn ok(&mut self, i: usize, body: &Value) -> Value {
        match self.call(i, body) {
            (200, v) => v,
            (s, v) => panic!(
                "{} answered {} with {s}: {v}",
                self.nodes[i].name, body["operation"]
            ),
        }
    }

    /// `cluster_mesh_status` of node `i`.
    pub(super) fn status(&mut self, i: usize) -> Value {
        self.ok(i, &json!({"operation": "cluster_mesh_status"}))
    }

    /// Hubs route to every later hub (one route gives one two-way link),
    /// spokes to their hub; set with one `cluster_set_routes` per node.
    /// Returns how many routes were set.
    pub(super) fn set_routes(&mut self) -> usize {
        let mut count = 0;
        for i in 0..self.len() {
            let to: Vec<usize> = if i < self.hubs {
                (i + 1..self.hubs).collect()
            } else {
                vec![self.hub_of(i)]
            };
            if to.is_empty() {
                continue;
            }
            let routes: Vec<Value> = to
                .iter()
                .map(|&j| json!({"host": "127.0.0.1", "port": self.nodes[j].cluster_port}))
                .collect();
            count += routes.len();
            self.ok(
                i,
                &json!({"operation": "cluster_set_routes", "server": "hub", "routes": routes}),
            );
        }
        count
    }

    /// Poll the `cluster_mesh_status` of nodes `who` (the live ones, pending
    /// ones only) until `pred` holds on each; panics naming `what` after
    /// [`DEADLINE`]. The figures: when each first held, ms after `t0`.
    pub(super) fn wait_all(
        &mut self,
        who: &[usize],
        t0: Instant,
        what: &str,
        pred: impl Fn(&Value) -> bool,
    ) -> Value {
        let mut pending: Vec<usize> = who.iter().copied().filter(|&i| self.live[i]).collect();
        let mut seen = Vec::with_capacity(pending.len());
        let mut rounds = 0u32;
        let mut last = String::new();
        while !pending.is_empty() {
            assert!(
                t0.elapsed() < DEADLINE,
                "timed out after {DEADLINE:?} waiting for {what}; still waiting for {:?}; last answer: {last}",
                pending.iter().map(|&i| self.name(i)).collect::<Vec<_>>()
            );
            rounds += 1;
            let mut still = Vec::new();
            for i in pending {
                let s = self.status(i);
                if pred(&s) {
                    seen.push(ms(t0.elapsed()));
                } else {
                    last = format!("{} lists {} members", self.name(i), member_names(&s).len());
                    still.push(i);
                }
            }
            pending = still;
            if !pending.is_empty() {
                std::thread::sleep(ROUND_PAUSE);
            }
        }
        seen.sort_by(f64::total_cmp);
        let took = t0.elapsed().as_secs_f64();
        json!({
            "nodes": seen.len(),
            "all_ms": quantile(&seen, 1.0),
            "p50_ms": quantile(&seen, 0.5),
            "poll_rounds": rounds,
            "ms_per_round": round3(took * 1000.0 / f64::from(rounds.max(1))),
        })
    }

    /// Every live link end of nodes `who`: (node, peer, up since ms).
    pub(super) fn links(&mut self, who: &[usize]) -> Vec<(String, String, u64)> {
        let mut out = Vec::new();
        for &i in who {
            let s = self.status(i);
            for l in s["mesh"]["links"].as_array().into_iter().flatten() {
                out.push((
                    self.name(i).to_owned(),
                    l["peer"].as_str().unwrap_or_default().to_owned(),
                    l["since_ms"].as_u64().unwrap_or(0),
                ));
            }
        }
        out
    }

    /// Bytes and frames sent on the link ends of nodes `who`.
    pub(super) fn link_traffic(&mut self, who: &[usize]) -> Traffic {
        let mut t = Traffic {
            ends: 0,
            bytes: 0,
            frames: 0,
            hub0_bytes: 0,
        };
        for &i in who {
            let s = self.status(i);
            for l in s["mesh"]["links"].as_array().into_iter().flatten() {
                let bytes = l["bytes_sent"].as_u64().unwrap_or(0);
                t.ends += 1;
                t.bytes += bytes;
                t.frames += l["frames_sent"].as_u64().unwrap_or(0);
                if i == 0 {
                    t.hub0_bytes += bytes;
                }
            }
        }
        t
    }
}
