//! What one scrape reads from the node and writes: every family of
//! `/metrics` (the list with their meaning is in the README, "Metrics").
//! Everything is read from the typed states the node already keeps
//! (consumer statuses, the mesh's figures, the store's counters, the HTTP
//! door's tables, `/proc`); nothing here is counted on the write path.

use std::fmt;
use std::sync::Arc;
use std::time::SystemTime;

use harper_rpc::ops::RouteLinkState;
use prometheus_client::collector::Collector;
use prometheus_client::encoding::DescriptorEncoder;

use super::encode::{Families, Labels, one};
use super::http::HttpFigures;
use super::process;
use crate::cluster::ClusterState;
use crate::mesh::counters::MeshFigures;
use crate::node::Node;
use crate::replication::ConsumerStatus;
use harper_rpc::ops::ConsumerState;

/// The states a consumer can be in.
pub const CONSUMER_STATES: [ConsumerState; 6] = [
    ConsumerState::Starting,
    ConsumerState::Streaming,
    ConsumerState::CaughtUp,
    ConsumerState::Resyncing,
    ConsumerState::Waiting,
    ConsumerState::Stalled,
];

/// A state's name as the wire spells it (`caught_up`).
fn wire_name(v: impl serde::Serialize) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// The states of clustering.
const CLUSTERING_STATES: [&str; 3] = ["disabled", "failed", "running"];

/// The collector registered once per daemon; it reads the node at each scrape.
pub struct NodeCollector {
    pub(super) node: Node,
    pub(super) http: Arc<HttpFigures>,
}

impl fmt::Debug for NodeCollector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("NodeCollector")
    }
}

impl Collector for NodeCollector {
    fn encode(&self, encoder: DescriptorEncoder) -> fmt::Result {
        let mut f = Families::new(encoder);
        self.info(&mut f)?;
        self.process(&mut f)?;
        self.store(&mut f)?;
        self.http(&mut f)?;
        let mesh = self.clustering(&mut f)?;
        if let Some(m) = mesh {
            mesh_families(&mut f, &m)?;
        }
        self.consumers(&mut f)
    }
}

fn label(pairs: &[(&'static str, &str)]) -> Labels {
    pairs.iter().map(|(k, v)| (*k, (*v).to_owned())).collect()
}

fn flag(b: bool) -> i64 {
    i64::from(b)
}

impl NodeCollector {
    fn info(&self, f: &mut Families) -> fmt::Result {
        let name = self.node.config().settings().node_name.unwrap_or_default();
        f.gauge(
            "harper_node_info",
            "This node's name and program version (always 1).",
            one(1i64).map(|(_, v)| {
                (
                    label(&[("node", &name), ("version", harper_rpc::VERSION)]),
                    v,
                )
            }),
        )
    }

    fn process(&self, f: &mut Families) -> fmt::Result {
        let p = process::read();
        let uptime = self.node.started().elapsed().as_secs_f64();
        let now = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map(|d| d.as_secs_f64())
            .unwrap_or(0.0);
        f.gauge(
            "harper_process_resident_memory_bytes",
            "Resident memory of harperd, bytes.",
            p.resident_bytes.and_then(one),
        )?;
        f.gauge(
            "harper_process_open_fds",
            "Open file descriptors of harperd.",
            p.open_fds.and_then(one),
        )?;
        f.gauge(
            "harper_process_max_fds",
            "The limit of open file descriptors of harperd.",
            p.max_fds.and_then(one),
        )?;
        f.counter(
            "harper_process_cpu_seconds",
            "User and system CPU time of harperd, seconds.",
            p.cpu_seconds.and_then(one),
        )?;
        f.gauge(
            "harper_process_uptime_seconds",
            "Time since harperd started, seconds.",
            one(uptime),
        )?;
        f.gauge(
            "harper_process_start_time_seconds",
            "When harperd started, seconds since the Unix epoch.",
            one(now - uptime),
        )
    }

    fn store(&self, f: &mut Families) -> fmt::Result {
        let store = self.node.store();
        let c = store.commit_figures();
        f.counter(
            "harper_store_commits",
            "Writes committed (local writes, applied remote entries, snapshots, purges).",
            one(c.writes),
        )?;
        f.histogram(
            "harper_store_commit_round_writes",
            "Writes made durable by one group flush (commit round).",
            one(c.round_writes),
        )?;
        f.histogram(
            "harper_store_flush_duration_seconds",
            "Time of one group flush, seconds.",
            one(c.flush_seconds),
        )?;
        f.gauge(
            "harper_store_size_bytes",
            "Size of the database on disk, bytes.",
            one(store.size_on_disk()),
        )?;
        f.gauge(
            "harper_store_disk_failed",
            "1 while the database's disk refuses writes (full or failing).",
            one(flag(store.disk_failure().is_some())),
        )
    }

    fn http(&self, f: &mut Families) -> fmt::Result {
        f.counter(
            "harper_http_requests",
            "Requests answered by the HTTP door, by operation and status.",
            self.http.requests().into_iter().map(|r| {
                (
                    vec![("operation", r.operation.to_owned()), ("status", r.status)],
                    r.count,
                )
            }),
        )?;
        f.histogram(
            "harper_http_request_duration_seconds",
            "Time from a request's head to its answer, seconds, by operation.",
            self.http
                .times()
                .into_iter()
                .map(|(op, s)| (vec![("operation", op.to_owned())], s)),
        )?;
        let logins = crate::ops::login_stats();
        f.counter(
            "harper_logins_failed",
            "Logins refused for a wrong user name or password.",
            one(logins.failed),
        )?;
        f.counter(
            "harper_logins_throttled",
            "Logins refused at once because of recent failures (backoff).",
            one(logins.throttled),
        )
    }

    /// The clustering state, and the mesh's figures when it runs.
    fn clustering(&self, f: &mut Families) -> Result<Option<MeshFigures>, fmt::Error> {
        let (state, mesh) = match self.node.cluster().state() {
            ClusterState::Disabled => ("disabled", None),
            ClusterState::Failed(_) => ("failed", None),
            ClusterState::Running(m) => ("running", Some(m.figures())),
        };
        f.gauge(
            "harper_clustering_state",
            "1 for the state clustering is in (disabled, failed, running), 0 for the others.",
            CLUSTERING_STATES
                .iter()
                .map(|s| (label(&[("state", s)]), flag(*s == state))),
        )?;
        Ok(mesh)
    }

    fn consumers(&self, f: &mut Families) -> fmt::Result {
        let consumers = self.node.replicator().consumers();
        let key = |c: &ConsumerStatus| -> Labels {
            label(&[
                ("publisher", &c.publisher),
                ("database", &c.database),
                ("table", &c.table),
            ])
        };
        f.gauge(
            "harper_consumer_lag_messages",
            "Entries of the publisher's stream this node has not applied yet.",
            consumers
                .iter()
                .filter_map(|c| c.lag_messages.map(|v| (key(c), v))),
        )?;
        f.gauge(
            "harper_consumer_lag_seconds",
            "How far behind the publisher's newest entry the newest applied one is, seconds.",
            consumers
                .iter()
                .filter_map(|c| c.lag_ms.map(|v| (key(c), v / 1000.0))),
        )?;
        type Count = fn(&ConsumerStatus) -> u64;
        let counters: [(&str, &str, Count); 5] = [
            (
                "harper_consumer_applied_entries",
                "Stream entries (source transactions) applied since harperd started.",
                |c| c.applied,
            ),
            (
                "harper_consumer_gaps_repaired",
                "Gaps in the publisher's stream repaired by a snapshot resync.",
                |c| c.gaps_repaired,
            ),
            (
                "harper_consumer_resyncs",
                "Snapshot resyncs begun (finished or not).",
                |c| c.resyncs,
            ),
            (
                "harper_consumer_stream_restarts",
                "Times the publisher's stream was replaced (its table created again) and read from its start.",
                |c| c.stream_restarts,
            ),
            (
                "harper_consumer_omitted_writes",
                "Writes the publisher left out (beyond the limits and superseded there).",
                |c| c.omitted_writes,
            ),
        ];
        for (name, help, value) in counters {
            f.counter(name, help, consumers.iter().map(|c| (key(c), value(c))))?;
        }
        f.gauge(
            "harper_consumer_state",
            "1 for the state a consumer is in, 0 for the others.",
            consumers.iter().flat_map(|c| {
                CONSUMER_STATES.iter().map(move |s| {
                    let mut l = key(c);
                    l.push(("state", wire_name(s)));
                    (l, flag(c.state == *s))
                })
            }),
        )
    }
}

fn mesh_families(f: &mut Families, m: &MeshFigures) -> fmt::Result {
    f.gauge(
        "harper_mesh_known_nodes",
        "Nodes the mesh knows of, this one included.",
        one(m.known_nodes),
    )?;
    f.gauge(
        "harper_mesh_reachable_nodes",
        "Nodes reachable through the mesh now, this one included.",
        one(m.reachable_nodes),
    )?;
    f.counter(
        "harper_mesh_gossip_rounds",
        "Gossip rounds (a digest to every link).",
        one(m.gossip_rounds),
    )?;
    f.counter(
        "harper_mesh_gossip_sent_bytes",
        "Bytes of gossip (digests and member lists) sent.",
        one(m.gossip_bytes_sent),
    )?;
    f.counter(
        "harper_mesh_gossip_received_bytes",
        "Bytes of gossip received.",
        one(m.gossip_bytes_received),
    )?;
    f.counter(
        "harper_mesh_link_refusals",
        "Links refused, by direction and reason.",
        m.refusals.iter().map(|(d, r, n)| {
            (
                vec![
                    ("direction", direction(*d).to_owned()),
                    ("reason", wire_name(r)),
                ],
                *n,
            )
        }),
    )?;
    let peer = |p: &str| vec![("peer", p.to_owned())];
    f.gauge(
        "harper_link_up",
        "1 while a link with the peer is up, 0 after it went down.",
        m.peers
            .iter()
            .map(|p| (peer(&p.peer), flag(!p.links.is_empty()))),
    )?;
    type Pick = fn(&crate::mesh::counters::Traffic) -> u64;
    let traffic: [(&str, &str, Pick); 4] = [
        (
            "harper_link_sent_bytes",
            "Bytes written to the peer's links.",
            |t| t.bytes_sent,
        ),
        (
            "harper_link_received_bytes",
            "Bytes read from the peer's links.",
            |t| t.bytes_received,
        ),
        (
            "harper_link_sent_frames",
            "Frames written to the peer's links (heartbeats included).",
            |t| t.frames_sent,
        ),
        (
            "harper_link_received_frames",
            "Frames read from the peer's links (heartbeats included).",
            |t| t.frames_received,
        ),
    ];
    for (name, help, pick) in traffic {
        f.counter(
            name,
            help,
            m.peers.iter().map(|p| (peer(&p.peer), pick(&p.traffic))),
        )?;
    }
    f.gauge(
        "harper_link_rtt_seconds",
        "Round trip of the link's last heartbeat, seconds.",
        m.peers.iter().flat_map(|p| {
            p.links.iter().filter_map(|(d, rtt)| {
                rtt.map(|r| {
                    (
                        vec![
                            ("peer", p.peer.clone()),
                            ("direction", direction(*d).to_owned()),
                        ],
                        r,
                    )
                })
            })
        }),
    )?;
    f.gauge(
        "harper_route_up",
        "1 while the route's link is up, 0 while it is connecting, down or refused.",
        m.routes.iter().map(|r| {
            (
                vec![("route", r.route.to_string())],
                flag(r.state == RouteLinkState::Up),
            )
        }),
    )
}

fn direction(d: crate::mesh::link::Direction) -> &'static str {
    match d {
        crate::mesh::link::Direction::Outbound => "outbound",
        crate::mesh::link::Direction::Inbound => "inbound",
    }
}
