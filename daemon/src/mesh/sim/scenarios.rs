//! The scenarios, each asserting convergence within a bound of simulated
//! time and printing what it measured: cold start, an idle minute, one link
//! flap, a stalled stream, a stopped (SIGSTOP) spoke, a killed spoke, a
//! killed hub whose spokes have a second route, a 50/50 partition healed
//! (forgotten nodes stay forgotten), churn of 10 restarts a second, and a
//! starved cluster (the whole runtime stalls, as every process on a machine
//! under full CPU load does, longer than the dead-link time: no link may
//! go down for it).

use std::time::Duration;

use tokio::time::Instant;

use super::{Sim, Spec, Topology, long, name, runtime, seed};

/// Every node has every member within this (the target is 5 s).
const COLD_START_BOUND: Duration = Duration::from_secs(5);
/// A killed spoke is unreachable everywhere within this (the target is 3 s).
const KILL_BOUND: Duration = Duration::from_secs(3);
/// A stopped spoke is unreachable everywhere within this (the target is 5 s).
const FREEZE_BOUND: Duration = Duration::from_secs(5);
/// The mesh is whole again within this after a flap, a heal, churn.
const RECOVER_BOUND: Duration = Duration::from_secs(15);
/// A link to a peer that stopped reading is cut within this.
const STALL_BOUND: Duration = Duration::from_secs(15);
/// How long an idle mesh is measured.
const IDLE: Duration = Duration::from_secs(60);
/// The CI version's shorter idle stretch.
const IDLE_CI: Duration = Duration::from_secs(20);
/// The window in which a flap's bytes are counted.
const FLAP_WINDOW: Duration = Duration::from_secs(5);
/// Churn: one restart per this, for [`CHURN_FOR`].
const CHURN_EVERY: Duration = Duration::from_millis(100);
const CHURN_FOR: Duration = Duration::from_secs(10);
/// How long the runtime stalls in the starved scenario (beyond `link::DEAD_AFTER`).
const STALL: Duration = Duration::from_millis(3500);
/// Longer than the mesh keeps records of unreachable nodes.
const FORGOTTEN_AFTER: Duration = Duration::from_secs(75);

/// What to run on one cluster.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Step {
    ColdStart,
    Idle,
    Flap,
    Stall,
    Freeze,
    KillSpoke,
    KillHub,
    Partition,
    Churn,
    Starve,
}

use Step::*;

/// One cluster's figures, printed as one block.
#[derive(Debug, Default)]
struct Figures {
    lines: Vec<String>,
}

impl Figures {
    fn say(&mut self, spec: &Spec, what: String) {
        let line = format!("sim {} ({} nodes): {what}", spec.label, spec.nodes);
        println!("{line}");
        self.lines.push(line);
    }
}

fn secs(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

/// The spokes (or, in a random graph, any node but the first two).
fn is_spoke(spec: &Spec, i: usize) -> bool {
    match spec.topology {
        Topology::HubSpoke { hubs, .. } => i >= hubs,
        Topology::Degree4 => i >= 2,
    }
}

/// A running spoke chosen by the seed, not in `not`.
fn pick_spoke(sim: &Sim, not: &[usize]) -> usize {
    let n = sim.spec.nodes;
    let mut i = (sim.random.next_u64() % n as u64) as usize;
    for _ in 0..n {
        if is_spoke(&sim.spec, i) && !not.contains(&i) && sim.nodes[i].mesh.is_some() {
            return i;
        }
        i = (i + 1) % n;
    }
    panic!("no spoke left")
}

async fn run(spec: Spec, steps: &[Step]) {
    let seed = seed();
    let wall = std::time::Instant::now();
    let mut sim = Sim::start(spec, seed).await;
    let mut f = Figures::default();
    let mut alive = spec.nodes;
    // Nodes killed for good: they must stay forgotten.
    let mut dead: Vec<usize> = Vec::new();
    for step in steps {
        if *step != ColdStart {
            sim.settle(alive).await;
        }
        match step {
            ColdStart => {
                let bound = COLD_START_BOUND.saturating_sub(sim.started.elapsed());
                sim.wait(bound, "every node has every member", |s| {
                    s.all_reach(alive, &[])
                })
                .await;
                let t = sim.started.elapsed();
                f.say(
                    &spec,
                    format!("cold start: every node has every member after {}", secs(t)),
                );
            }
            Idle => {
                // Let the start's last gossip settle first.
                tokio::time::sleep(Duration::from_secs(5)).await;
                let links = sim.net.live_connections() as f64;
                let idle = if long() { IDLE } else { IDLE_CI };
                let b0 = sim.bytes();
                tokio::time::sleep(idle).await;
                let b = (sim.bytes() - b0) as f64 / idle.as_secs_f64();
                f.say(
                    &spec,
                    format!(
                        "idle {}: {:.0} B/s per link (both ways), {:.0} B/s sent per node, {links} links",
                        secs(idle),
                        b / links,
                        b / alive as f64
                    ),
                );
                assert!(sim.all_reach(alive, &[]), "an idle minute lost a node");
            }
            Flap => {
                let idle = idle_rate(&sim).await;
                let (a, b) = (pick_spoke(&sim, &dead), 0);
                let (a, b) = match spec.topology {
                    Topology::HubSpoke { hubs, .. } => (a, a % hubs),
                    Topology::Degree4 => (b, b + 1),
                };
                let start = Instant::now();
                let b0 = sim.bytes();
                let opened = sim
                    .net
                    .connections
                    .load(std::sync::atomic::Ordering::Relaxed);
                sim.net.reset(a, b);
                let t = sim
                    .wait(RECOVER_BOUND, "relinked after a flap", |s| {
                        s.net.connections.load(std::sync::atomic::Ordering::Relaxed) > opened
                            && s.mesh(a).linked(&name(b))
                            && s.mesh(b).linked(&name(a))
                            && s.all_reach(alive, &[])
                    })
                    .await;
                tokio::time::sleep(FLAP_WINDOW.saturating_sub(start.elapsed())).await;
                let spent = (sim.bytes() - b0) as f64 - idle * start.elapsed().as_secs_f64();
                f.say(
                    &spec,
                    format!(
                        "link flap {}-{}: relinked and whole after {}; {:.0} bytes cluster-wide beyond idle in {}",
                        name(a),
                        name(b),
                        secs(t),
                        spent.max(0.0),
                        secs(start.elapsed())
                    ),
                );
            }
            Stall => {
                let s = pick_spoke(&sim, &dead);
                let peer = sim.mesh(s).status().links[0].peer.clone();
                let p = sim
                    .live()
                    .find(|(_, m)| m.config().identity.node == peer)
                    .unwrap()
                    .0;
                sim.net.deafen(s, true);
                let t = sim
                    .wait(STALL_BOUND, "the stalled link cut", |x| {
                        !x.mesh(p).linked(&name(s))
                    })
                    .await;
                // The others settle with or without it (it may have a second route).
                sim.wait(RECOVER_BOUND, "the others whole", |x| {
                    x.all_reach(alive - 1, &[s]) || x.all_reach(alive, &[s])
                })
                .await;
                sim.net.deafen(s, false);
                let back = sim
                    .wait(RECOVER_BOUND, "whole after the stall", |x| {
                        x.all_reach(alive, &[])
                    })
                    .await;
                f.say(
                    &spec,
                    format!(
                        "stalled stream {}: cut by {} after {}, whole again {} later",
                        name(s),
                        peer,
                        secs(t),
                        secs(back)
                    ),
                );
            }
            Freeze => {
                let s = pick_spoke(&sim, &dead);
                let opened = sim
                    .net
                    .connections
                    .load(std::sync::atomic::Ordering::Relaxed);
                sim.net.freeze(s, true);
                let t = sim
                    .wait(FREEZE_BOUND, "the stopped spoke seen down", |x| {
                        x.nobody_reaches(s)
                    })
                    .await;
                let reopened = sim
                    .net
                    .connections
                    .load(std::sync::atomic::Ordering::Relaxed)
                    - opened;
                assert!(
                    sim.all_reach(alive - 1, &[s]),
                    "a stopped spoke took others down"
                );
                sim.net.freeze(s, false);
                let back = sim
                    .wait(RECOVER_BOUND, "whole after the stop", |x| {
                        x.all_reach(alive, &[])
                    })
                    .await;
                f.say(
                    &spec,
                    format!(
                        "stopped spoke {}: seen down by all after {}; {reopened} links of others re-opened meanwhile (false downs); whole again {} after it resumed",
                        name(s),
                        secs(t),
                        secs(back)
                    ),
                );
                assert_eq!(
                    reopened, 0,
                    "healthy links went down while a spoke was stopped"
                );
            }
            KillSpoke => {
                let s = pick_spoke(&sim, &dead);
                sim.kill(s).await;
                alive -= 1;
                dead.push(s);
                let t = sim
                    .wait(KILL_BOUND, "the killed spoke seen gone", |x| {
                        x.nobody_reaches(s)
                    })
                    .await;
                f.say(
                    &spec,
                    format!(
                        "killed spoke {}: gone everywhere after {}",
                        name(s),
                        secs(t)
                    ),
                );
                sim.wait(RECOVER_BOUND, "whole after the kill", |x| {
                    x.all_reach(alive, &[])
                })
                .await;
            }
            KillHub => {
                sim.kill(0).await;
                alive -= 1;
                dead.push(0);
                let t = sim
                    .wait(RECOVER_BOUND, "whole through second routes", |x| {
                        x.nobody_reaches(0) && x.all_reach(alive, &[])
                    })
                    .await;
                f.say(
                    &spec,
                    format!(
                        "killed hub {}: gone and every other node reached after {}",
                        name(0),
                        secs(t)
                    ),
                );
            }
            Partition => {
                let n = spec.nodes;
                // Split each hub's spokes with it: hubs 0.. on one side
                // each take the spokes whose first route they are.
                let side: Vec<bool> = (0..n)
                    .map(|i| match spec.topology {
                        Topology::HubSpoke { hubs, .. } => (i % hubs) < hubs.div_ceil(2),
                        Topology::Degree4 => i < n / 2,
                    })
                    .collect();
                sim.net.partition(Some(side.clone()));
                // A node dies on one side meanwhile: it must stay forgotten.
                let victim = pick_spoke(&sim, &dead);
                sim.kill(victim).await;
                alive -= 1;
                dead.push(victim);
                tokio::time::sleep(FORGOTTEN_AFTER).await;
                let start = Instant::now();
                sim.net.partition(None);
                let t = sim
                    .wait(RECOVER_BOUND, "whole after the heal", |x| {
                        x.all_reach(alive, &[])
                    })
                    .await;
                // Hold on a while: nothing dead comes back.
                let until = Instant::now() + Duration::from_secs(10);
                while Instant::now() < until {
                    for (_, m) in sim.live() {
                        for d in &dead {
                            assert!(
                                !m.is_reachable(&name(*d)),
                                "{} reaches the dead {}",
                                m.config().identity.node,
                                name(*d)
                            );
                        }
                    }
                    tokio::time::sleep(Duration::from_millis(500)).await;
                }
                let haunted = sim.live().filter(|(_, m)| m.known_count() > alive).count();
                f.say(
                    &spec,
                    format!(
                        "50/50 partition healed: whole after {}; {haunted} nodes still hold records of dead nodes {} after the heal",
                        secs(t),
                        secs(start.elapsed())
                    ),
                );
                assert_eq!(haunted, 0, "forgotten nodes came back");
            }
            Starve => {
                let opened = sim
                    .net
                    .connections
                    .load(std::sync::atomic::Ordering::Relaxed);
                for _ in 0..3 {
                    // Nothing runs while the clock jumps: every timer fires late.
                    tokio::time::advance(STALL).await;
                    tokio::time::sleep(Duration::from_secs(2)).await;
                }
                let reopened = sim
                    .net
                    .connections
                    .load(std::sync::atomic::Ordering::Relaxed)
                    - opened;
                let whole =
                    sim.all_reach(alive, &[]) && sim.net.live_connections() == sim.expected_links();
                f.say(
                    &spec,
                    format!(
                        "starved: 3 stalls of {} (every timer late); {reopened} links re-opened (false downs); whole: {whole}",
                        secs(STALL)
                    ),
                );
                assert!(
                    reopened == 0 && whole,
                    "a starved node declared healthy links dead"
                );
            }
            Churn => {
                let start = Instant::now();
                let mut restarts = 0;
                while start.elapsed() < CHURN_FOR {
                    let s = pick_spoke(&sim, &dead);
                    sim.kill(s).await;
                    sim.restart(s).await;
                    restarts += 1;
                    tokio::time::sleep(CHURN_EVERY).await;
                }
                let t = sim
                    .wait(RECOVER_BOUND, "whole after churn", |x| {
                        x.all_reach(alive, &[])
                    })
                    .await;
                f.say(
                    &spec,
                    format!(
                        "churn: {restarts} restarts in {}; whole {} after the last",
                        secs(start.elapsed()),
                        secs(t)
                    ),
                );
            }
        }
    }
    f.say(
        &spec,
        format!("done in {:.1} s of wall time", wall.elapsed().as_secs_f64()),
    );
    sim.stop().await;
}

/// Bytes per second cluster-wide over a short quiet stretch.
async fn idle_rate(sim: &Sim) -> f64 {
    let quiet = Duration::from_secs(3);
    tokio::time::sleep(Duration::from_secs(2)).await;
    let b0 = sim.bytes();
    tokio::time::sleep(quiet).await;
    (sim.bytes() - b0) as f64 / quiet.as_secs_f64()
}

const HUB_SPOKE: Topology = Topology::HubSpoke { hubs: 3, routes: 1 };
const HUB_SPOKE_2: Topology = Topology::HubSpoke { hubs: 3, routes: 2 };

fn go(spec: Spec, steps: &[Step]) {
    runtime().block_on(run(spec, steps));
}

#[test]
fn sim_hub_and_spoke_over_tls() {
    let nodes = if long() { 100 } else { 40 };
    let spec = Spec {
        label: "tls hub+spoke",
        nodes,
        topology: HUB_SPOKE_2,
        tls: true,
    };
    go(
        spec,
        &[ColdStart, Idle, Flap, Freeze, Starve, KillSpoke, KillHub],
    );
}

#[test]
fn sim_random_graph_plain() {
    let nodes = if long() { 1000 } else { 150 };
    let spec = Spec {
        label: "plain degree-4",
        nodes,
        topology: Topology::Degree4,
        tls: false,
    };
    go(
        spec,
        &[
            ColdStart, Idle, Flap, Stall, Freeze, Starve, KillSpoke, Partition,
        ],
    );
}

#[test]
fn sim_hub_and_spoke_plain() {
    let nodes = if long() { 1000 } else { 150 };
    let spec = Spec {
        label: "plain hub+spoke",
        nodes,
        topology: HUB_SPOKE,
        tls: false,
    };
    go(spec, &[ColdStart, Idle, Flap, Stall, KillSpoke, Churn]);
}

#[test]
fn sim_hub_and_spoke_two_routes_plain() {
    if !long() {
        return;
    }
    let spec = Spec {
        label: "plain hub+spoke, 2 routes",
        nodes: 1000,
        topology: HUB_SPOKE_2,
        tls: false,
    };
    go(
        spec,
        &[
            ColdStart, Idle, Flap, Freeze, Starve, KillSpoke, KillHub, Partition,
        ],
    );
}
