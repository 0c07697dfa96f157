//! The cluster mesh: TLS links between nodes (one route gives one
//! bidirectional link), an authenticated handshake (`handshake`, throttled per
//! source address by `throttle`), gossip of membership by digest, heartbeats,
//! and requests forwarded hop by hop to any reachable node.
//!
//! Not here: what requests mean (replication and ops register a [`Handler`]),
//! and when the mesh runs (see `cluster`, which follows the configuration).

mod accept;
mod attach;
mod clock;
pub mod counters;
mod dial;
pub mod frame;
mod gossip;
pub mod handshake;
pub mod header;
pub mod link;
pub mod members;
pub mod pake;
mod queue;
pub mod random;
mod route;
pub mod throttle;
pub mod transport;

#[cfg(test)]
mod pair_tests;
#[cfg(test)]
mod sim;

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, SystemTime};

use futures::future::BoxFuture;
use harper_rpc::Route;
use serde_json::{Value, json};
use tokio::sync::oneshot;
use tokio::task::{JoinHandle, JoinSet};

use frame::{Body, Envelope, Member, Refusal};
pub use gossip::GOSSIP_INTERVAL;
use handshake::{Identity, MAX_PEER_NAME_CHARS, Peer, peer_text};
use link::{Direction, LinkHandle};
use members::Members;
use random::Random;
pub use route::{MAX_REQUESTS_IN_FLIGHT, MAX_REQUESTS_PER_LINK};
use throttle::Throttle;
pub use transport::Seams;
use transport::{Security, Transport};
/// How many hops a routed message may take.
const MAX_HOPS: u8 = 16;
/// How long a TLS handshake plus the mesh handshake may take.
pub const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(5);
/// How many recent link events are kept for status.
const EVENTS_KEPT: usize = 50;
/// Longest event message kept (chars; peer-provided parts are clipped shorter).
pub(crate) const MAX_EVENT_MESSAGE_CHARS: usize = 1024;
/// How long a stop waits for the mesh's tasks to end.
const STOP_TIMEOUT: Duration = Duration::from_secs(5);
/// How long a sender (a request, an answer, a notification) waits for room
/// in a link's queue before the send fails.
pub const SEND_WAIT: Duration = Duration::from_secs(5);

/// What upper layers do with requests that arrive for this node.
pub trait Handler: Send + Sync + 'static {
    /// Answer a request from node `from`.
    fn request(&self, from: String, payload: Value) -> BoxFuture<'static, Result<Value, String>>;
    /// Take a one-way message from node `from`.
    fn notify(&self, _from: String, _payload: Value) {}
    /// The set of reachable nodes may have changed (a link came or went, or
    /// gossip told of other nodes): a good moment to retry at once.
    fn mesh_changed(&self) {}
}

/// Why a request to another node failed (spec 3.2).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RequestError {
    /// Nobody to deliver to: the node is not in the mesh or not reachable.
    #[error("no responders")]
    NoResponders,
    /// Delivered (or on its way) but no answer in time.
    #[error("timeout")]
    Timeout,
    /// The node answered with an error.
    #[error("{0}")]
    Remote(String),
    /// The request or its answer could not be carried: too large for a
    /// frame, not decodable, or a link's queue stayed full. The message says
    /// why; nothing was lost but this request.
    #[error("{0}")]
    Undeliverable(String),
}

/// Everything the mesh needs to run.
#[derive(Debug, Clone)]
pub struct MeshConfig {
    /// Our identity and credentials.
    pub identity: Identity,
    /// Host (IP address or name) to listen on for other nodes' routes
    /// (`clustering.hubServer.cluster.network.host`).
    pub listen_host: String,
    /// Port to listen on (`clustering.hubServer.cluster.network.port`).
    pub listen_port: u16,
    /// Our hub routes.
    pub routes: Vec<Route>,
    /// TLS files.
    pub tls: crate::pki::TlsPaths,
    /// `tls.verify`: require client certificates.
    pub verify: bool,
    /// `tls.insecure`: do not check peer certificates against the CA.
    pub insecure: bool,
    /// Operations API port, for gossip.
    pub operations_port: Option<u16>,
}

/// What status shows of the mesh: the catalogue's types (`cluster_mesh_status`).
pub use harper_rpc::ops::{Event, LinkState, MeshStatus, RouteLinkState, RouteState};

/// The running mesh. Cheap to clone; stops when [`Mesh::stop`] is called.
#[derive(Clone)]
pub struct Mesh {
    inner: Arc<Inner>,
}

/// Where the answer to a pending request goes.
type Reply = oneshot::Sender<Result<Value, RequestError>>;

/// A request awaiting its answer.
struct Pending {
    reply: Reply,
    /// The link it left by.
    via: u64,
    /// The node it was sent to: only that node answers it.
    to: String,
}

/// Shared state of the mesh (used by links and dialers).
pub struct Inner {
    cfg: MeshConfig,
    local_addr: SocketAddr,
    /// Connect and listen (TCP, or the simulation's pipes).
    transport: Arc<dyn Transport>,
    /// How connections are secured before the handshake.
    security: Security,
    /// Jitter and spreading (seeded in the simulation).
    random: Random,
    links: Mutex<HashMap<String, Vec<LinkHandle>>>,
    members: Mutex<Members>,
    unreachable_since: Mutex<HashMap<String, tokio::time::Instant>>,
    routes: Mutex<BTreeMap<Route, (RouteState, JoinHandle<()>)>>,
    events: Mutex<VecDeque<Event>>,
    /// Requests awaiting an answer.
    pending: Mutex<HashMap<u64, Pending>>,
    /// Requests from other nodes being handled here (see `route::RequestSlot`).
    requests_in_flight: Arc<std::sync::atomic::AtomicUsize>,
    next_request: AtomicU64,
    handler: RwLock<Option<Arc<dyn Handler>>>,
    /// The listener and gossip loops.
    tasks: Mutex<Vec<JoinHandle<()>>>,
    /// Accepted connections: their handshakes, then their links.
    conns: Mutex<JoinSet<()>>,
    /// Set once by a stop; no connection is taken on after it.
    stopped: AtomicBool,
    /// Failed handshakes per source address.
    throttle: Mutex<Throttle>,
    /// Gossip, refusals and ended links' traffic, for `/metrics`.
    pub(crate) counters: counters::Counters,
}

fn now_ms() -> u64 {
    crate::store::record::wall_millis()
}

fn ms(t: SystemTime) -> u64 {
    t.duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

impl Mesh {
    /// Bind the mesh port and start listening, gossiping and dialling routes.
    pub async fn start(cfg: MeshConfig) -> anyhow::Result<Mesh> {
        Mesh::start_with(cfg, Seams::default()).await
    }

    /// [`Mesh::start`] on these seams (the simulation's network and seed).
    pub async fn start_with(cfg: MeshConfig, seams: Seams) -> anyhow::Result<Mesh> {
        let security = match seams.security {
            Some(s) => s,
            None => Security::tls(&cfg.tls, cfg.verify, cfg.insecure)?,
        };
        let random = seams.seed.map_or_else(Random::from_system, Random::seeded);
        let listener = seams
            .transport
            .listen(&cfg.listen_host, cfg.listen_port)
            .await
            .map_err(|e| {
                anyhow::anyhow!(
                    "cannot listen on the cluster port {}:{}: {e}",
                    cfg.listen_host,
                    cfg.listen_port
                )
            })?;
        let local_addr = listener.local_addr();
        let me = Member {
            name: cfg.identity.node.clone(),
            instance: cfg.identity.instance.clone(),
            version: harper_rpc::VERSION.to_owned(),
            links: Vec::new(),
            routes: cfg.routes.clone(),
            cluster_port: local_addr.port(),
            operations_port: cfg.operations_port,
            incarnation: members::next_incarnation(0),
        };
        let routes = cfg.routes.clone();
        let inner = Arc::new(Inner {
            cfg,
            local_addr,
            transport: seams.transport,
            security,
            random,
            links: Mutex::new(HashMap::new()),
            members: Mutex::new(Members::new(me)),
            unreachable_since: Mutex::new(HashMap::new()),
            routes: Mutex::new(BTreeMap::new()),
            events: Mutex::new(VecDeque::new()),
            pending: Mutex::new(HashMap::new()),
            requests_in_flight: Arc::default(),
            next_request: AtomicU64::new(1),
            handler: RwLock::new(None),
            tasks: Mutex::new(Vec::new()),
            conns: Mutex::new(JoinSet::new()),
            stopped: AtomicBool::new(false),
            throttle: Mutex::new(Throttle::default()),
            counters: counters::Counters::default(),
        });
        let accept = tokio::spawn(accept::accept_loop(inner.clone(), listener));
        let gossip = tokio::spawn(gossip::gossip_loop(inner.clone()));
        let ticker = tokio::spawn(gossip::tick_loop(inner.clone()));
        inner
            .tasks
            .lock()
            .expect("tasks")
            .extend([accept, gossip, ticker]);
        let mesh = Mesh { inner };
        mesh.set_routes(routes);
        tracing::info!(node = %mesh.inner.cfg.identity.node, listen = %local_addr, "mesh started");
        Ok(mesh)
    }

    /// Stop everything: routes, links in both directions, listener. The tasks
    /// end shortly after; [`Mesh::shutdown`] waits for them.
    pub fn stop(&self) {
        drop(self.halt());
    }

    /// Stop everything and wait until it has ended, so the cluster port is
    /// free again for a new mesh and every peer has seen its link close.
    pub async fn shutdown(&self) {
        let (tasks, mut conns) = self.halt();
        let ended = tokio::time::timeout(STOP_TIMEOUT, async {
            for t in tasks {
                let _ = t.await;
            }
            while conns.join_next().await.is_some() {}
        })
        .await;
        if ended.is_err() {
            tracing::warn!("mesh tasks still running {STOP_TIMEOUT:?} after the stop");
        }
    }

    /// Abort every task and hand them over (none is awaited here).
    fn halt(&self) -> (Vec<JoinHandle<()>>, JoinSet<()>) {
        // The listener checks this under the `conns` lock, so a connection
        // accepted during the stop is either taken below or never started.
        self.inner.stopped.store(true, Ordering::SeqCst);
        // Take everything out before aborting, so no lock is held while
        // tasks end (their links unregister themselves).
        let routes = std::mem::take(&mut *self.inner.routes.lock().expect("routes"));
        let mut tasks: Vec<JoinHandle<()>> = routes.into_values().map(|(_, t)| t).collect();
        tasks.append(&mut self.inner.tasks.lock().expect("tasks"));
        let mut conns = std::mem::take(&mut *self.inner.conns.lock().expect("conns"));
        for t in &tasks {
            t.abort();
        }
        conns.abort_all();
        let pending: Vec<_> = self
            .inner
            .pending
            .lock()
            .expect("pending")
            .drain()
            .collect();
        for (_, p) in pending {
            let _ = p.reply.send(Err(RequestError::NoResponders));
        }
        tracing::info!(node = %self.inner.cfg.identity.node, "mesh stopped");
        (tasks, conns)
    }

    /// The configuration it runs with.
    pub fn config(&self) -> &MeshConfig {
        &self.inner.cfg
    }

    /// The address it listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.inner.local_addr
    }

    /// Set the handler of requests for this node.
    pub fn set_handler(&self, h: Arc<dyn Handler>) {
        *self.inner.handler.write().expect("handler") = Some(h);
    }

    /// Dial exactly these routes: new ones start at once, removed ones drop their links.
    pub fn set_routes(&self, routes: Vec<Route>) {
        let mut current = self.inner.routes.lock().expect("routes");
        let wanted: std::collections::BTreeSet<Route> = routes.iter().cloned().collect();
        let gone: Vec<Route> = current
            .keys()
            .filter(|r| !wanted.contains(*r))
            .cloned()
            .collect();
        for r in gone {
            if let Some((_, task)) = current.remove(&r) {
                // Aborting the dialer drops its stream and so closes its link.
                task.abort();
                self.inner.clear_refusals(Some(&r.to_string()), None);
                tracing::info!(route = %r, "route removed; link dropped");
            }
        }
        for r in wanted {
            if let std::collections::btree_map::Entry::Vacant(slot) = current.entry(r.clone()) {
                let state = RouteState {
                    route: r.clone(),
                    state: RouteLinkState::Connecting,
                    peer: None,
                    since_ms: now_ms(),
                    last_error: None,
                };
                let task = tokio::spawn(dial::route_loop(self.inner.clone(), r));
                slot.insert((state, task));
            }
        }
        drop(current);
        let routes_now: Vec<Route> = routes;
        let changed = {
            let mut m = self.inner.members.lock().expect("members");
            let before = m.me().incarnation;
            m.update_me(|me| me.routes = routes_now);
            m.me().incarnation != before
        };
        if changed {
            gossip::changed_me(&self.inner);
        }
    }

    /// Send a request to a node and wait for its answer.
    pub async fn request(
        &self,
        to: &str,
        payload: Value,
        timeout: Duration,
    ) -> Result<Value, RequestError> {
        route::request(&self.inner, to, payload, timeout).await
    }

    /// Send a one-way message to a node; false when it cannot be routed now.
    pub async fn notify(&self, to: &str, payload: Value) -> bool {
        let env = Envelope {
            from: self.inner.cfg.identity.node.clone(),
            to: to.to_owned(),
            ttl: MAX_HOPS,
            body: Body::Notify { payload },
        };
        route::notify(&self.inner, env).await
    }

    /// Reachable members, us first.
    pub fn members(&self) -> Vec<Member> {
        self.inner.members.lock().expect("members").reachable()
    }

    /// True when `node` is reachable now.
    pub fn is_reachable(&self, node: &str) -> bool {
        self.inner
            .members
            .lock()
            .expect("members")
            .paths()
            .contains_key(node)
    }

    /// How many nodes are reachable now, this one included (cheaper than [`Mesh::members`]).
    pub fn reachable_count(&self) -> usize {
        self.inner.members.lock().expect("members").paths().len()
    }

    /// How many nodes this one holds records of (reachable or not yet forgotten).
    pub fn known_count(&self) -> usize {
        self.inner.members.lock().expect("members").len()
    }

    /// True when a link to `node` is up.
    pub fn linked(&self, node: &str) -> bool {
        self.inner.links.lock().expect("links").contains_key(node)
    }

    /// Status snapshot.
    pub fn status(&self) -> MeshStatus {
        let links = self
            .inner
            .links
            .lock()
            .expect("links")
            .values()
            .flatten()
            .map(|l| {
                let rtt = l.rtt_micros.load(Ordering::Relaxed);
                LinkState {
                    peer: l.peer.clone(),
                    direction: l.direction,
                    addr: l.addr.clone(),
                    since_ms: ms(l.since),
                    rtt_ms: (rtt > 0).then(|| rtt as f64 / 1000.0),
                    stats: l.stats(),
                }
            })
            .collect();
        MeshStatus {
            node: self.inner.cfg.identity.node.clone(),
            listen: self.inner.local_addr.to_string(),
            links,
            routes: self
                .inner
                .routes
                .lock()
                .expect("routes")
                .values()
                .map(|(s, _)| s.clone())
                .collect(),
            events: self
                .inner
                .events
                .lock()
                .expect("events")
                .iter()
                .cloned()
                .collect(),
            members: self.members(),
        }
    }

    /// Round trip to a node through the mesh, for `cluster_network`.
    pub async fn ping(&self, node: &str, timeout: Duration) -> Result<Duration, RequestError> {
        let t = tokio::time::Instant::now();
        self.request(node, json!({"operation": "__ping"}), timeout)
            .await?;
        Ok(t.elapsed())
    }
}

impl Inner {
    fn node(&self) -> &str {
        &self.cfg.identity.node
    }

    fn record(&self, mut event: Event) {
        // Peers' names and words reach logs and terminals only escaped and clipped.
        event.peer = event
            .peer
            .map(|p| peer_text(&p, MAX_PEER_NAME_CHARS).into_owned());
        event.message = peer_text(&event.message, MAX_EVENT_MESSAGE_CHARS).into_owned();
        match &event.reason {
            Some(reason) => {
                self.counters.refused(event.direction, *reason);
                tracing::warn!(peer = ?event.peer, addr = %event.addr, "link refused: {}", event.message)
            }
            None => {
                tracing::info!(peer = ?event.peer, addr = %event.addr, "link: {}", event.message)
            }
        }
        // A route to this node itself is no refused node: its route says it.
        if event.message.contains(handshake::ROUTE_TO_ITSELF) {
            return;
        }
        let mut ev = self.events.lock().expect("events");
        ev.push_back(event);
        while ev.len() > EVENTS_KEPT {
            ev.pop_front();
        }
    }

    /// Forget the refusals whose cause went away, so that status stops
    /// showing them: those of a removed route (`route`), or, when a link to
    /// `peer` came up from `addr`, that node's refusals and the attempts
    /// made from that address or route. A refused duplicate name is about
    /// another node than the one that linked, and stays.
    pub(crate) fn clear_refusals(&self, route: Option<&str>, link: Option<(&str, &str)>) {
        let host = |a: &str| a.rsplit_once(':').map_or(a, |(h, _)| h).to_owned();
        self.events.lock().expect("events").retain(|e| {
            if e.reason.is_none() {
                return true;
            }
            if route.is_some_and(|r| e.direction == Direction::Outbound && e.addr == r) {
                return false;
            }
            let Some((peer, addr)) = link else {
                return true;
            };
            let same_place = match e.direction {
                Direction::Outbound => e.addr == addr,
                Direction::Inbound => e.peer.is_none() && host(&e.addr) == host(addr),
            };
            let same_node =
                e.peer.as_deref() == Some(peer) && e.reason != Some(Refusal::DuplicateNodeName);
            !(same_place || same_node)
        });
    }

    pub(crate) fn set_route_state(
        &self,
        route: &Route,
        state: RouteLinkState,
        peer: Option<String>,
        error: Option<String>,
    ) {
        if let Some((s, _)) = self.routes.lock().expect("routes").get_mut(route) {
            if s.state != state {
                s.since_ms = now_ms();
            }
            s.state = state;
            if peer.is_some() {
                s.peer = peer;
            }
            if error.is_some() || state == RouteLinkState::Up {
                s.last_error = error;
            }
        }
    }

    /// The duplicate-name check run during handshakes on both sides.
    fn check_peer(&self, peer: &Peer) -> Result<(), (Refusal, String)> {
        if let Some(existing) = self.links.lock().expect("links").get(&peer.node)
            && let Some(l) = existing.first()
            && l.instance != peer.instance
        {
            return Err((
                Refusal::DuplicateNodeName,
                format!(
                    "node name '{}' is already used by another node in this cluster",
                    peer.node
                ),
            ));
        }
        let members = self.members.lock().expect("members");
        if let Some(m) = members.get(&peer.node)
            && m.instance != peer.instance
            && members.paths().contains_key(&peer.node)
        {
            return Err((
                Refusal::DuplicateNodeName,
                format!(
                    "node name '{}' is already used by another node in this cluster",
                    peer.node
                ),
            ));
        }
        Ok(())
    }
}

impl Mesh {
    /// True when both handles are the same running mesh.
    pub fn same(&self, other: &Mesh) -> bool {
        Arc::ptr_eq(&self.inner, &other.inner)
    }
}
