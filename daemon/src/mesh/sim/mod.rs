//! A simulation of the real mesh code: hundreds of [`Mesh`]es in one
//! process, on one current-thread tokio runtime with paused time, linked by
//! in-memory pipes (`net`) with real rustls or, for a thousand nodes,
//! without TLS (the handshake still runs). Simulated time moves only when
//! every task waits, so the figures are the protocol's, not this machine's.
//! A run repeats by its seed (printed; `HARPER_SIM_SEED` sets it), as far
//! as the mesh's own choices go: TLS and SPAKE2 keep the system's randomness.
//!
//! The CI version is small; `HARPER_SIM_LONG=1` runs 1,000 nodes (use
//! `--release`). The scenarios and their figures are in `scenarios`.

mod net;
mod scenarios;

use std::sync::Arc;
use std::time::Duration;

use tokio::time::Instant;

use super::handshake::Identity;
use super::random::Random;
use super::transport::{Seams, Security};
use super::{Mesh, MeshConfig};
pub use net::Net;

/// How often a wait looks again (the resolution of the times measured).
const POLL: Duration = Duration::from_millis(20);

/// How the nodes are linked.
#[derive(Debug, Clone, Copy)]
pub enum Topology {
    /// `hubs` fully meshed hubs; every other node is a spoke with `routes`
    /// routes to hubs (2: a second route when its first hub dies).
    HubSpoke { hubs: usize, routes: usize },
    /// A ring plus one random route per node: degree 4 on average.
    Degree4,
}

/// One simulated cluster.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    /// For the printed figures.
    pub label: &'static str,
    /// Nodes.
    pub nodes: usize,
    /// How they are linked.
    pub topology: Topology,
    /// Real rustls on every link (else the simulation-only plain transport).
    pub tls: bool,
}

/// A running simulated cluster.
pub struct Sim {
    pub spec: Spec,
    pub net: Arc<Net>,
    pub nodes: Vec<SimNode>,
    /// The scenarios' own choices (which spoke to kill, ...).
    pub random: Random,
    /// When the first node started.
    pub started: Instant,
    seed: u64,
    security: Security,
    _keys: Option<tempfile::TempDir>,
}

/// One node: its configuration and its mesh while it runs.
pub struct SimNode {
    pub cfg: MeshConfig,
    pub mesh: Option<Mesh>,
}

/// The run's seed: `HARPER_SIM_SEED`, else a random one (printed either way).
pub fn seed() -> u64 {
    let seed = std::env::var("HARPER_SIM_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| Random::from_system().next_u64());
    println!("simulation seed {seed} (HARPER_SIM_SEED={seed} repeats it)");
    seed
}

/// True for the long version (`HARPER_SIM_LONG=1`).
pub fn long() -> bool {
    std::env::var("HARPER_SIM_LONG").is_ok_and(|v| v == "1")
}

/// A current-thread runtime with paused time.
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .start_paused(true)
        .build()
        .expect("runtime")
}

/// Node `i`'s name.
pub fn name(i: usize) -> String {
    format!("n{i:04}")
}

fn routes(spec: &Spec, random: &Random) -> Vec<Vec<usize>> {
    let n = spec.nodes;
    (0..n)
        .map(|i| match spec.topology {
            Topology::HubSpoke { hubs, routes } => {
                if i < hubs {
                    (0..i).collect()
                } else {
                    (0..routes.min(hubs)).map(|r| (i + r) % hubs).collect()
                }
            }
            Topology::Degree4 => {
                let next = (i + 1) % n;
                let mut other = (random.next_u64() % n as u64) as usize;
                while other == i || other == next || (other + 1) % n == i {
                    other = (other + 1) % n;
                }
                vec![next, other]
            }
        })
        .collect()
}

impl Sim {
    /// Start every node with its routes (they converge by themselves).
    pub async fn start(spec: Spec, seed: u64) -> Sim {
        let random = Random::seeded(seed);
        let (security, keys) = if spec.tls {
            let dir = tempfile::tempdir().expect("temp dir");
            let k = crate::pki::generate(&dir.path().join("keys"), Some("sim")).expect("keys");
            let paths = crate::pki::TlsPaths {
                certificate: k.certificate,
                private_key: k.private_key,
                certificate_authority: Some(k.ca_certificate),
            };
            (Security::tls(&paths, false, true).expect("tls"), Some(dir))
        } else {
            (Security::Plain, None)
        };
        let routes = routes(&spec, &random);
        let nodes = routes
            .into_iter()
            .enumerate()
            .map(|(i, to)| SimNode {
                cfg: MeshConfig {
                    identity: Identity::new(
                        &name(i),
                        &format!("{}-{seed}", name(i)),
                        "harperdb",
                        "cluster_user",
                        "simulated",
                    ),
                    listen_host: net::ip(i).to_string(),
                    listen_port: net::PORT,
                    routes: to
                        .iter()
                        .map(|j| format!("{}:{}", net::ip(*j), net::PORT).parse().unwrap())
                        .collect(),
                    tls: crate::pki::TlsPaths {
                        certificate: "unused".into(),
                        private_key: "unused".into(),
                        certificate_authority: None,
                    },
                    verify: false,
                    insecure: true,
                    operations_port: None,
                },
                mesh: None,
            })
            .collect();
        let mut sim = Sim {
            spec,
            net: Arc::new(Net::default()),
            nodes,
            random,
            started: Instant::now(),
            seed,
            security,
            _keys: keys,
        };
        for i in 0..spec.nodes {
            sim.restart(i).await;
        }
        sim
    }

    /// Start node `i` (again): same name, same installation.
    pub async fn restart(&mut self, i: usize) {
        let seams = Seams {
            transport: self.net.transport(i),
            security: Some(self.security.clone()),
            seed: Some(self.seed ^ (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)),
        };
        let mesh = Mesh::start_with(self.nodes[i].cfg.clone(), seams)
            .await
            .expect("a simulated mesh starts");
        self.nodes[i].mesh = Some(mesh);
    }

    /// Kill node `i`: its connections close (as a killed process's do).
    pub async fn kill(&mut self, i: usize) {
        self.net.unlisten(i);
        if let Some(m) = self.nodes[i].mesh.take() {
            m.shutdown().await;
        }
    }

    /// The running nodes.
    pub fn live(&self) -> impl Iterator<Item = (usize, &Mesh)> {
        self.nodes
            .iter()
            .enumerate()
            .filter_map(|(i, n)| n.mesh.as_ref().map(|m| (i, m)))
    }

    /// Node `i`'s mesh (it must run).
    pub fn mesh(&self, i: usize) -> &Mesh {
        self.nodes[i].mesh.as_ref().expect("the node runs")
    }

    /// Every running node but those in `except` reaches exactly `n` nodes.
    pub fn all_reach(&self, n: usize, except: &[usize]) -> bool {
        self.live()
            .filter(|(i, _)| !except.contains(i))
            .all(|(_, m)| m.reachable_count() == n)
    }

    /// No running node but `i` reaches `i`.
    pub fn nobody_reaches(&self, i: usize) -> bool {
        let who = name(i);
        self.live()
            .filter(|(j, _)| *j != i)
            .all(|(_, m)| !m.is_reachable(&who))
    }

    /// Wait until `done` holds, at most `bound` of simulated time; how long it took.
    pub async fn wait(&self, bound: Duration, what: &str, done: impl Fn(&Sim) -> bool) -> Duration {
        let start = Instant::now();
        loop {
            if done(self) {
                return start.elapsed();
            }
            if start.elapsed() > bound {
                let counts: Vec<usize> = self.live().map(|(_, m)| m.reachable_count()).collect();
                let (lo, hi) = (counts.iter().min(), counts.iter().max());
                let (i, m) = self.live().next().expect("a node runs");
                let missing: Vec<String> = (0..self.nodes.len())
                    .filter(|j| (self.nodes[*j].mesh.is_some()) != m.is_reachable(&name(*j)))
                    .take(5)
                    .map(|j| format!("{} (running: {})", name(j), self.nodes[j].mesh.is_some()))
                    .collect();
                panic!(
                    "{}: not {what} within {bound:?} of simulated time (nodes reach {lo:?} to {hi:?}; {} is wrong about {missing:?}; seed {})",
                    self.spec.label,
                    name(i),
                    self.seed
                );
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Links there are when every route between running nodes is up.
    pub fn expected_links(&self) -> usize {
        // One connection per route, even where two nodes route to each other.
        let mut links = 0;
        for (i, _) in self.live() {
            for r in &self.nodes[i].cfg.routes {
                let j = self
                    .nodes
                    .iter()
                    .position(|n| n.cfg.listen_host == r.host)
                    .expect("a simulated node");
                if self.nodes[j].mesh.is_some() {
                    links += 1;
                }
            }
        }
        links
    }

    /// Wait until every route between running nodes has its link and every
    /// node reaches `n` nodes.
    pub async fn settle(&self, n: usize) {
        let links = self.expected_links();
        self.wait(Duration::from_secs(15), "settled", |s| {
            s.net.live_connections() == links && s.all_reach(n, &[])
        })
        .await;
    }

    /// Bytes written on every connection so far.
    pub fn bytes(&self) -> u64 {
        self.net.bytes.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Stop every node.
    pub async fn stop(mut self) {
        for i in 0..self.nodes.len() {
            if let Some(m) = self.nodes[i].mesh.take() {
                m.stop();
            }
        }
    }
}
