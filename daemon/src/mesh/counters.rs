//! What the mesh counts for `/metrics` and `cluster_mesh_status`: gossip
//! rounds and bytes, refused links by reason, and the traffic of links that
//! have ended, per peer (a live link counts its own; see `link::Clock`), so
//! that a peer's totals keep growing across reconnections. Atomics only,
//! except the per-peer totals, which change when a link ends.
//!
//! [`Mesh::figures`] reads them out with the live links' own counters.

use std::collections::HashMap;
use std::ops::AddAssign;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};

use serde::Serialize;

use super::frame::Refusal;
use super::link::Direction;
use super::{Mesh, RouteState};

/// Every refusal reason, in the order of the counters.
pub const REFUSALS: [Refusal; 7] = [
    Refusal::WrongCredentials,
    Refusal::ClusterNameMismatch,
    Refusal::DuplicateNodeName,
    Refusal::VersionMismatch,
    Refusal::ClusteringDisabled,
    Refusal::TlsFailure,
    Refusal::Other,
];

/// Both directions, in the order of the counters.
pub const DIRECTIONS: [Direction; 2] = [Direction::Outbound, Direction::Inbound];

fn refusal_index(r: Refusal) -> usize {
    REFUSALS
        .iter()
        .position(|x| *x == r)
        .unwrap_or(REFUSALS.len() - 1)
}

fn direction_index(d: Direction) -> usize {
    match d {
        Direction::Outbound => 0,
        Direction::Inbound => 1,
    }
}

/// Bytes and frames carried, each way.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Traffic {
    /// Bytes written to the peer (length prefixes included).
    pub bytes_sent: u64,
    /// Bytes read from the peer.
    pub bytes_received: u64,
    /// Frames written to the peer (heartbeats included).
    pub frames_sent: u64,
    /// Frames read from the peer.
    pub frames_received: u64,
}

impl AddAssign for Traffic {
    fn add_assign(&mut self, o: Traffic) {
        self.bytes_sent += o.bytes_sent;
        self.bytes_received += o.bytes_received;
        self.frames_sent += o.frames_sent;
        self.frames_received += o.frames_received;
    }
}

/// The mesh's counters since it started.
#[derive(Debug, Default)]
pub struct Counters {
    /// Gossip rounds (one digest to every link per round).
    pub gossip_rounds: AtomicU64,
    /// Bytes of gossip frames (digests, member lists) queued to peers.
    pub gossip_bytes_sent: AtomicU64,
    /// Bytes of gossip frames read from peers.
    pub gossip_bytes_received: AtomicU64,
    /// Refused links by direction and reason.
    refusals: [[AtomicU64; REFUSALS.len()]; 2],
    /// Traffic of the links that have ended, per peer.
    ended: Mutex<HashMap<String, Traffic>>,
}

impl Counters {
    /// Count a refused link.
    pub fn refused(&self, direction: Direction, reason: Refusal) {
        self.refusals[direction_index(direction)][refusal_index(reason)].fetch_add(1, Relaxed);
    }

    /// Refused links: (direction, reason, count), every pair, zeros included.
    pub fn refusals(&self) -> Vec<(Direction, Refusal, u64)> {
        let mut out = Vec::with_capacity(DIRECTIONS.len() * REFUSALS.len());
        for d in DIRECTIONS {
            for r in REFUSALS {
                let n = self.refusals[direction_index(d)][refusal_index(r)].load(Relaxed);
                out.push((d, r, n));
            }
        }
        out
    }

    /// Add what an ended link to `peer` carried.
    pub fn link_ended(&self, peer: &str, traffic: Traffic) {
        let mut ended = self.ended.lock().expect("ended links");
        *ended.entry(peer.to_owned()).or_default() += traffic;
    }

    /// What the ended links carried, per peer.
    pub fn ended(&self) -> HashMap<String, Traffic> {
        self.ended.lock().expect("ended links").clone()
    }

    /// Forget the peers `keep` says no (nodes the mesh forgot).
    pub fn forget(&self, keep: impl Fn(&str) -> bool) {
        self.ended
            .lock()
            .expect("ended links")
            .retain(|p, _| keep(p));
    }
}

/// One peer this node has (or had) a direct link with.
#[derive(Debug, Clone)]
pub struct PeerFigures {
    /// The peer's node name.
    pub peer: String,
    /// Its live links: who dialled, and the last heartbeat's round trip in
    /// seconds. Empty when no link is up.
    pub links: Vec<(Direction, Option<f64>)>,
    /// Everything its links carried since the mesh started.
    pub traffic: Traffic,
}

/// The mesh's figures for `/metrics`.
#[derive(Debug, Clone)]
pub struct MeshFigures {
    /// Nodes the mesh knows of (reachable or not yet forgotten), this one included.
    pub known_nodes: usize,
    /// Nodes reachable now, this one included.
    pub reachable_nodes: usize,
    /// Gossip rounds.
    pub gossip_rounds: u64,
    /// Bytes of gossip queued to peers.
    pub gossip_bytes_sent: u64,
    /// Bytes of gossip read from peers.
    pub gossip_bytes_received: u64,
    /// Refused links by direction and reason.
    pub refusals: Vec<(Direction, Refusal, u64)>,
    /// Peers with a direct link, now or before, by name.
    pub peers: Vec<PeerFigures>,
    /// This node's routes.
    pub routes: Vec<RouteState>,
}

impl Mesh {
    /// The figures now.
    pub fn figures(&self) -> MeshFigures {
        let inner = &self.inner;
        let c = &inner.counters;
        // The links lock first, then the ended links' totals: a link moves
        // from one to the other under the links lock (see `Registered`).
        let links = inner.links.lock().expect("links");
        let mut peers: HashMap<String, PeerFigures> = c
            .ended()
            .into_iter()
            .map(|(peer, traffic)| {
                let p = PeerFigures {
                    peer: peer.clone(),
                    links: Vec::new(),
                    traffic,
                };
                (peer, p)
            })
            .collect();
        for l in links.values().flatten() {
            let p = peers.entry(l.peer.clone()).or_insert_with(|| PeerFigures {
                peer: l.peer.clone(),
                links: Vec::new(),
                traffic: Traffic::default(),
            });
            let rtt = l.rtt_micros.load(Relaxed);
            p.links
                .push((l.direction, (rtt > 0).then(|| rtt as f64 / 1e6)));
            p.traffic += l.traffic();
        }
        drop(links);
        let mut peers: Vec<PeerFigures> = peers.into_values().collect();
        peers.sort_by(|a, b| a.peer.cmp(&b.peer));
        let (known_nodes, reachable_nodes) = {
            let m = inner.members.lock().expect("members");
            (m.all().len(), m.reachable().len())
        };
        MeshFigures {
            known_nodes,
            reachable_nodes,
            gossip_rounds: c.gossip_rounds.load(Relaxed),
            gossip_bytes_sent: c.gossip_bytes_sent.load(Relaxed),
            gossip_bytes_received: c.gossip_bytes_received.load(Relaxed),
            refusals: c.refusals(),
            peers,
            routes: inner
                .routes
                .lock()
                .expect("routes")
                .values()
                .map(|(s, _)| s.clone())
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_are_counted_by_direction_and_reason() {
        let c = Counters::default();
        c.refused(Direction::Inbound, Refusal::WrongCredentials);
        c.refused(Direction::Inbound, Refusal::WrongCredentials);
        c.refused(Direction::Outbound, Refusal::TlsFailure);
        let all = c.refusals();
        assert_eq!(all.len(), 14);
        let n = |d, r| all.iter().find(|x| x.0 == d && x.1 == r).unwrap().2;
        assert_eq!(n(Direction::Inbound, Refusal::WrongCredentials), 2);
        assert_eq!(n(Direction::Outbound, Refusal::TlsFailure), 1);
        assert_eq!(n(Direction::Outbound, Refusal::WrongCredentials), 0);
    }

    #[test]
    fn ended_links_add_up_per_peer_until_forgotten() {
        let c = Counters::default();
        let t = Traffic {
            bytes_sent: 10,
            bytes_received: 20,
            frames_sent: 1,
            frames_received: 2,
        };
        c.link_ended("b", t);
        c.link_ended("b", t);
        c.link_ended("c", t);
        assert_eq!(c.ended()["b"].bytes_received, 40);
        c.forget(|p| p == "c");
        assert_eq!(c.ended().keys().collect::<Vec<_>>(), ["c"]);
    }
}
