//! Fault injection and convergence (issue 7): real daemons linked through
//! fault-injecting proxies, writers recording what was acknowledged, and
//! checks after the faults that nothing acknowledged was lost, nothing was
//! resurrected or doubled, and every node ends with the same tables.
//!
//! The short versions run in `cargo test`; `HARPER_LONG_FAULTS=1` runs the
//! long ones (more nodes, more faults, `HARPER_FAULT_SECS` seconds of them,
//! default 1200). Every randomized test prints its seed; `HARPER_FAULT_SEED`
//! replays it.

mod bad_peers;
mod clock;
mod config;
mod crash;
mod disk;
mod links;
mod partition;
mod poison;
mod recreate;

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use harper_tests::history::{self, Rng};
use harper_tests::proxy::{Fault, Proxy};
use harper_tests::{Node, WAIT, wait_for};
use serde_json::Value;

/// The env var that replays a seed.
pub const SEED_VAR: &str = "HARPER_FAULT_SEED";

/// True when the long versions were asked for.
pub fn long() -> bool {
    std::env::var("HARPER_LONG_FAULTS").is_ok_and(|v| !v.is_empty() && v != "0")
}

/// Seconds of faults for a long run.
pub fn long_secs() -> u64 {
    std::env::var("HARPER_FAULT_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1200)
}

/// How long a healed cluster may take to converge before the test fails.
pub const CONVERGE: Duration = Duration::from_secs(90);

/// Nodes linked pairwise through proxies: node `i` dials node `j` (i < j)
/// through `proxies[&(i, j)]`.
pub struct Mesh {
    pub nodes: Vec<Node>,
    pub proxies: BTreeMap<(usize, usize), Proxy>,
    pub tables: Vec<String>,
}

impl Mesh {
    /// `names.len()` clustered nodes, a proxied link between every pair, and
    /// two-way subscriptions between every pair on every table of `tables`
    /// (created on the first node; `add_node` creates them on the others).
    pub fn full(names: &[&str], tables: &[&str]) -> Mesh {
        let nodes: Vec<Node> = names.iter().map(|n| Node::clustered(n)).collect();
        let mut proxies = BTreeMap::new();
        for i in 0..nodes.len() {
            for j in i + 1..nodes.len() {
                let p = Proxy::to_port(nodes[j].cluster_port);
                nodes[i]
                    .harper(&["route", "add", &p.route(), "--wait"])
                    .ok();
                proxies.insert((i, j), p);
            }
        }
        for t in tables {
            nodes[0].harper(&["table", "create", t]).ok();
        }
        let mut flags = Vec::new();
        for t in tables {
            flags.extend(["--publish", *t, "--subscribe", *t]);
        }
        for i in 0..nodes.len() {
            for j in i + 1..nodes.len() {
                let mut args = vec!["node", "add", names[j]];
                args.extend(flags.iter().copied());
                let added = nodes[i].json(&args);
                assert_eq!(
                    added["added"].as_array().map(Vec::len),
                    Some(tables.len()),
                    "{} add {}: {added}",
                    names[i],
                    names[j]
                );
            }
        }
        Mesh {
            nodes,
            proxies,
            tables: tables.iter().map(|t| t.to_string()).collect(),
        }
    }

    /// Every link passes again.
    pub fn heal(&self) {
        for p in self.proxies.values() {
            p.set(Fault::Pass);
        }
    }

    /// Cut every link between nodes of different groups (`group[i]` is node
    /// i's), with `cut` (a [`Fault::Cut`] or a [`Fault::Blackhole`]); links
    /// inside a group pass.
    pub fn partition(&self, group: &[usize], cut: Fault) {
        for (&(i, j), p) in &self.proxies {
            p.set(if group[i] == group[j] {
                Fault::Pass
            } else {
                cut
            });
        }
    }

    /// Wait until every node holds the same records in every table and every
    /// consumer has read its publisher's whole stream; how long it took.
    pub fn converge(&self, seed: u64) -> Duration {
        let others = self.nodes.len() - 1;
        converge(&self.nodes, &self.tables, &|_, _| others, seed)
    }
}

/// How many consumers node N runs for table T when all is well.
pub type Consumers<'a> = &'a dyn Fn(&str, &str) -> usize;

/// Wait until `nodes` hold the same records in every one of `tables`, each
/// runs the `consumers` it should, and every consumer has read its
/// publisher's whole stream; how long it took.
pub fn converge(nodes: &[Node], tables: &[String], consumers: Consumers, seed: u64) -> Duration {
    let start = Instant::now();
    loop {
        let last = match converged(nodes, tables, consumers) {
            Ok(()) => return start.elapsed(),
            Err(why) => why,
        };
        assert!(
            start.elapsed() < CONVERGE,
            "seed {seed}: not converged after {CONVERGE:?}: {last}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn converged(nodes: &[Node], tables: &[String], expected: Consumers) -> Result<(), String> {
    for t in tables {
        // Each node's own stream extent first, then everyone's consumers of it.
        let mut last_seq = BTreeMap::new();
        let mut infos = Vec::new();
        for n in nodes {
            let r = n.harper(&["stream", "info", t, "-o", "json"]);
            if r.code != 0 {
                return Err(format!("stream info {t} on {}: {r:?}", n.name));
            }
            let info: Value = serde_json::from_str(r.stdout.trim()).map_err(|e| e.to_string())?;
            if info["durable_seq"] != info["last_seq"] {
                return Err(format!("{t} on {} is not flushed: {info}", n.name));
            }
            last_seq.insert(n.name.clone(), info["last_seq"].as_u64().unwrap_or(0));
            infos.push((n.name.clone(), info));
        }
        for (name, info) in &infos {
            let consumers = info["subscriptions"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            if consumers.len() != expected(name, t) {
                return Err(format!("{t} on {name} has only {consumers:?}"));
            }
            for c in &consumers {
                let publisher = c["publisher"].as_str().unwrap_or_default();
                let Some(&end) = last_seq.get(publisher) else {
                    continue;
                };
                if c["next_seq"].as_u64() != Some(end + 1) {
                    return Err(format!(
                        "{name}'s consumer of {publisher}'s {t} is not at {}: {c}",
                        end + 1
                    ));
                }
            }
        }
        let first = history::dump(&nodes[0], t)?;
        for n in &nodes[1..] {
            let other = history::dump(n, t)?;
            if other != first {
                return Err(format!(
                    "{t} differs between {} and {}: {}",
                    nodes[0].name,
                    n.name,
                    diff(&first, &other)
                ));
            }
        }
    }
    Ok(())
}

/// The first few keys on which two dumps differ.
pub fn diff(a: &BTreeMap<u64, Value>, b: &BTreeMap<u64, Value>) -> String {
    let mut keys: Vec<&u64> = a.keys().chain(b.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| a.get(k) != b.get(k))
        .take(5)
        .map(|k| format!("[{k}] {:?} vs {:?}", a.get(k), b.get(k)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Check every table's history against the (converged) first node; panic
/// with the seed and the violations.
pub fn check_histories(nodes: &[Node], tables: &[String], ops: &[history::Op], seed: u64) {
    let mut bad = Vec::new();
    for t in tables {
        let state = history::dump(&nodes[0], t).expect("dump");
        bad.extend(history::check(ops, t, &state));
    }
    assert!(
        bad.is_empty(),
        "seed {seed}: {} history violations (of {} writes):\n{}",
        bad.len(),
        ops.len(),
        bad.iter().take(20).cloned().collect::<Vec<_>>().join("\n")
    );
}

/// A writer's loop: random writes on overlapping keys of `tables` through
/// `node` until `stop`, at most `max` of them, `pace` apart; recorded in
/// `hist`. Records are tagged `{tag}-{n}` (unique across a test's writers).
#[allow(clippy::too_many_arguments)]
pub fn writer(
    node: &Node,
    tables: &[String],
    keys: u64,
    mut rng: Rng,
    stop: &std::sync::atomic::AtomicBool,
    max: usize,
    hist: &history::History,
    tag: &str,
    pace: Duration,
) {
    use history::Kind;
    use std::sync::atomic::Ordering;
    for n in 0..max {
        if stop.load(Ordering::SeqCst) {
            break;
        }
        let t = &tables[rng.below(tables.len() as u64) as usize];
        let kind = match rng.below(20) {
            0..=9 => Kind::Upsert,
            10..=13 => Kind::Delete,
            14..=16 => Kind::Update,
            _ => Kind::Insert,
        };
        let key = rng.below(keys);
        let op = history::write(node, t, kind, key, &format!("{tag}-{n}"));
        let failed = op.outcome == history::Outcome::Unknown;
        hist.push(op);
        // Pacing, not waiting: a node that is down or restarting is not
        // hammered, and a long run leaves the shared cores some air.
        if failed {
            std::thread::sleep(Duration::from_millis(100));
        } else if !pace.is_zero() {
            std::thread::sleep(pace);
        }
    }
}

/// True once no thread of process `pid` runs any more: then its files, the
/// database lock among them, are closed (`harper stop` waits for the same).
pub fn exited(pid: i32) -> bool {
    // Threads that are zombies have closed their files; only a running one
    // (sled's IO threads finishing a write) still holds the database lock.
    !harper_tests::alive(pid)
}

/// `kill -9` the daemon and wait until all of it is gone.
pub fn kill9(n: &Node) {
    let pid = n.pid().expect("pid file");
    n.kill9();
    wait_for("the killed daemon to release its files", WAIT, || {
        exited(pid).then_some(())
    });
}

/// `harper stop` and wait until all of the daemon is gone.
pub fn stop(n: &Node) {
    let pid = n.pid();
    n.stop();
    if let Some(pid) = pid {
        wait_for("the stopped daemon to release its files", WAIT, || {
            exited(pid).then_some(())
        });
    }
}
