//! The `mesh` part of `harper-bench` (issue 16, item 6): many real `harperd`
//! processes on 127.0.0.1, each in its own temp root, clustered with the same
//! cluster user, in two topologies (one hub and spokes; five hubs fully
//! meshed, each with spokes). It measures, through the operations API only:
//! convergence after the last route, idle CPU, RSS and link bytes, how long
//! every node takes to see a killed and a frozen (SIGSTOP) spoke, links lost
//! while other processes take all the CPU, and one table published by a hub
//! to every other node (`publish`).
//!
//! Not here: the two-node figures (`harper-bench` itself) and the in-memory
//! simulation of the mesh code.

mod cluster;
mod publish;

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

use serde_json::{Value, json};

use cluster::Cluster;

/// How many node starts (install, start, cluster enable) run at once.
const START_PARALLEL: usize = 8;
/// The longest any one wait of the part may take before the run fails.
const DEADLINE: Duration = Duration::from_secs(120);
/// Quiet time after convergence, before idle figures are taken.
const SETTLE: Duration = Duration::from_secs(3);

/// How big the mesh part is.
#[derive(Debug, Clone)]
pub struct MeshSizes {
    /// Processes per topology.
    pub nodes: usize,
    /// Whether the hub-and-spoke topology runs (the meshed hubs always do).
    pub star: bool,
    /// Hubs of the second topology (fully meshed with each other).
    pub hubs: usize,
    /// Idle window for CPU and link bytes.
    pub idle: Duration,
    /// How long the CPU spinners run.
    pub load: Duration,
    /// How many busy processes spin.
    pub spinners: usize,
    /// Records a second the hub publishes.
    pub rate: u64,
    /// For how long.
    pub publish: Duration,
    /// Where the temp roots go (`HARPER_BENCH_MESH_ROOT`, default /tmp; a
    /// tmpfs such as /dev/shm takes the disk out of the figures).
    pub root: PathBuf,
    /// Subscribers whose lag is sampled.
    pub sampled: usize,
    /// Records written while a subscriber is stopped.
    pub catch_up: u64,
}

impl MeshSizes {
    /// The sizes: 50 processes.
    pub fn full() -> MeshSizes {
        MeshSizes {
            nodes: 50,
            star: true,
            hubs: 5,
            idle: Duration::from_secs(10),
            load: Duration::from_secs(20),
            spinners: 2,
            rate: 1_000,
            publish: Duration::from_secs(20),
            root: root_parent(),
            sampled: 4,
            catch_up: 10_000,
        }
    }

    /// Five processes, two hubs and short windows, for `harper-bench --smoke`.
    pub fn smoke() -> MeshSizes {
        MeshSizes {
            nodes: 5,
            star: false,
            hubs: 2,
            idle: Duration::from_secs(1),
            load: Duration::from_secs(2),
            spinners: 2,
            rate: 200,
            publish: Duration::from_secs(1),
            root: root_parent(),
            sampled: 2,
            catch_up: 200,
        }
    }
}

fn root_parent() -> PathBuf {
    std::env::var_os("HARPER_BENCH_MESH_ROOT")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/tmp"))
}

/// Both topologies measured, as one JSON object.
pub fn run(sizes: &MeshSizes) -> Value {
    let started = Instant::now();
    let star = sizes.star.then(|| topology(sizes, 1));
    let hubs = topology(sizes, sizes.hubs);
    json!({
        "nodes": sizes.nodes,
        "roots_in": sizes.root.display().to_string(),
        "hub_and_spoke": star,
        "meshed_hubs": hubs,
        "secs": started.elapsed().as_secs(),
    })
}

fn note(s: &str) {
    eprintln!("harper-bench: mesh: {s}");
}

/// The 1, 5 and 15 minute load averages now.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

fn ms(d: Duration) -> f64 {
    round3(d.as_secs_f64() * 1000.0)
}

/// Milliseconds since the epoch.
fn epoch_ms() -> u64 {
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

/// One topology from start to finish: `hubs` hubs fully meshed, every other
/// node a spoke of hub `k % hubs`.
fn topology(sizes: &MeshSizes, hubs: usize) -> Value {
    let label = if hubs == 1 {
        "hub and spoke".to_owned()
    } else {
        format!("{hubs} hubs")
    };
    let load_before = load_average();
    note(&format!("{label}: starting {} daemons", sizes.nodes));
    let t = Instant::now();
    let mut c = Cluster::start(&sizes.root, sizes.nodes, hubs, START_PARALLEL);
    let start_secs = round3(t.elapsed().as_secs_f64());
    let all: Vec<usize> = (0..c.len()).collect();
    let names: BTreeSet<String> = all.iter().map(|&i| c.name(i).to_owned()).collect();

    note(&format!("{label}: routes"));
    let routes_set = c.set_routes();
    let t0 = Instant::now();
    let converged = c.wait_all(&all, t0, "every node to list every member", |s| {
        cluster::member_names(s) == names
    });

    std::thread::sleep(SETTLE);
    note(&format!("{label}: idle"));
    let idle = idle(&mut c, sizes.idle);

    note(&format!("{label}: CPU load"));
    let flaps = false_flaps(&mut c, sizes);
    c.wait_all(
        &all,
        Instant::now(),
        "every member back after the load",
        |s| cluster::member_names(s) == names,
    );

    // The last two spokes: in the second topology, spokes of different hubs.
    let frozen = c.len() - 1;
    let killed = c.len() - 2;
    note(&format!("{label}: SIGSTOP {}", c.name(frozen)));
    let stop = stopped(&mut c, frozen, &names);
    note(&format!("{label}: SIGKILL {}", c.name(killed)));
    let kill = killed_spoke(&mut c, killed);

    note(&format!("{label}: publishing"));
    let subscribers: Vec<usize> = (1..c.len()).filter(|&i| i != killed).collect();
    let publish = publish::run(&mut c, 0, &subscribers, sizes);
    let out = json!({
        "hubs": hubs,
        "spokes": c.len() - hubs,
        "routes": routes_set,
        "load_average_before": load_before,
        "load_average_after": load_average(),
        "start_all_secs": start_secs,
        "converged_after_last_route": converged,
        "converged_note": "ms from the answer to the last cluster_set_routes until each node was first seen listing every member; when poll_rounds is 1, every node already did at its first poll, so the figure is an upper bound (one round of polls)",
        "idle": idle,
        "under_cpu_load": flaps,
        "sigstopped_spoke": stop,
        "killed_spoke": kill,
        "publish": publish,
    });
    note(&format!("{label}: stopping"));
    drop(c);
    out
}

/// CPU, memory and link traffic of the quiet mesh over `window`.
fn idle(c: &mut Cluster, window: Duration) -> Value {
    let all: Vec<usize> = (0..c.len()).collect();
    let tick = clock_ticks_per_second();
    let before_links = c.link_traffic(&all);
    let before: Vec<u64> = all.iter().map(|&i| cpu_ticks(c.pid(i))).collect();
    let t = Instant::now();
    std::thread::sleep(window);
    let after: Vec<u64> = all.iter().map(|&i| cpu_ticks(c.pid(i))).collect();
    let secs = t.elapsed().as_secs_f64();
    let after_links = c.link_traffic(&all);
    let pct: Vec<f64> = before
        .iter()
        .zip(&after)
        .map(|(b, a)| a.saturating_sub(*b) as f64 / tick / secs * 100.0)
        .collect();
    let rss: Vec<f64> = all
        .iter()
        .map(|&i| crate::bench::rss_mib(c.pid(i)))
        .collect();
    let ends = after_links.ends.max(1) as f64;
    json!({
        "secs": round3(secs),
        "cpu_pct_of_one_core_sum": round3(pct.iter().sum()),
        "cpu_pct_of_one_core_max": round3(pct.iter().copied().fold(0.0, f64::max)),
        "cpu_pct_of_one_core_hub0": round3(pct[0]),
        "rss_mib_sum": round3(rss.iter().sum()),
        "rss_mib_max": rss.iter().copied().fold(0.0, f64::max),
        "link_ends": after_links.ends,
        "bytes_sent_per_s_per_link_end": round3(after_links.bytes.saturating_sub(before_links.bytes) as f64 / secs / ends),
        "frames_sent_per_s_per_link_end": round3(after_links.frames.saturating_sub(before_links.frames) as f64 / secs / ends),
        "bytes_sent_per_s_hub0": round3(after_links.hub0_bytes.saturating_sub(before_links.hub0_bytes) as f64 / secs),
        "note": "utime+stime from /proc/PID/stat of every daemon over the window; link counters from cluster_mesh_status (bytes_sent, frames_sent), one link end per link per node",
    })
}

/// `getconf CLK_TCK` (the unit of /proc/PID/stat's times), else 100.
fn clock_ticks_per_second() -> f64 {
    Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8_lossy(&o.stdout).trim().parse().ok())
        .unwrap_or(100.0)
}

/// utime + stime of a process, in clock ticks (0 when it is gone).
fn cpu_ticks(pid: i32) -> u64 {
    let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return 0;
    };
    // The command name (field 2) may hold spaces; the fields after it do not.
    let Some((_, rest)) = stat.rsplit_once(')') else {
        return 0;
    };
    let f: Vec<&str> = rest.split_whitespace().collect();
    // rest starts at field 3 (state); utime is field 14, stime field 15.
    let field = |n: usize| {
        f.get(n - 3)
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or(0)
    };
    field(14) + field(15)
}

/// Busy processes (`sh` spinning), killed on drop.
struct Spinners(Vec<Child>);

impl Spinners {
    fn start(n: usize) -> Spinners {
        Spinners(
            (0..n)
                .map(|_| {
                    Command::new("sh")
                        .args(["-c", "while :; do :; done"])
                        .stdin(Stdio::null())
                        .stdout(Stdio::null())
                        .spawn()
                        .expect("spawn a spinner (sh)")
                })
                .collect(),
        )
    }
}

impl Drop for Spinners {
    fn drop(&mut self) {
        for child in &mut self.0 {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// Links lost while `spinners` processes take all the CPU for `load`: link
/// ends whose up-since changed or that are gone afterwards, and the link
/// events (not refusals) every node recorded in the window.
fn false_flaps(c: &mut Cluster, sizes: &MeshSizes) -> Value {
    let all: Vec<usize> = (0..c.len()).collect();
    let before = c.links(&all);
    let from_ms = epoch_ms();
    let t = Instant::now();
    {
        let _spin = Spinners::start(sizes.spinners);
        std::thread::sleep(sizes.load);
    }
    let secs = t.elapsed().as_secs_f64();
    let to_ms = epoch_ms();
    let after = c.links(&all);
    let lost: Vec<String> = before
        .iter()
        .filter(|l| !after.contains(l))
        .map(|(n, p, _)| format!("{n}-{p}"))
        .collect();
    let mut events = Vec::new();
    for &i in &all {
        let s = c.status(i);
        for e in s["mesh"]["events"].as_array().into_iter().flatten() {
            let at = e["at_ms"].as_u64().unwrap_or(0);
            if e["reason"].is_null() && (from_ms..=to_ms).contains(&at) {
                events.push(format!(
                    "{}: {}",
                    c.name(i),
                    e["message"].as_str().unwrap_or("")
                ));
            }
        }
    }
    let downs = events.iter().filter(|e| e.contains("down")).count();
    json!({
        "spinners": sizes.spinners,
        "secs": round3(secs),
        "link_ends": before.len(),
        "link_ends_lost": lost.len(),
        "lost": lost,
        "link_down_events": downs,
        "link_events": events.len(),
        "events": events.iter().take(20).collect::<Vec<_>>(),
        "note": "link ends present before the load whose since_ms changed or that were gone after it; link events: the non-refusal events every node recorded during the load (link_down_events: those saying down)",
    })
}

/// SIGSTOP a spoke: until every other node no longer lists it; then SIGCONT:
/// until every node (it too) lists every member again.
fn stopped(c: &mut Cluster, victim: usize, names: &BTreeSet<String>) -> Value {
    let name = c.name(victim).to_owned();
    let others: Vec<usize> = (0..c.len()).filter(|&i| i != victim).collect();
    let t0 = Instant::now();
    c.node(victim).freeze();
    c.set_live(victim, false);
    let down = c.wait_all(&others, t0, "every node to drop the frozen spoke", |s| {
        !cluster::member_names(s).contains(&name)
    });
    let t1 = Instant::now();
    c.node(victim).thaw();
    c.set_live(victim, true);
    let all: Vec<usize> = (0..c.len()).collect();
    let back = c.wait_all(&all, t1, "every node to list the thawed spoke", |s| {
        cluster::member_names(s) == *names
    });
    json!({"spoke": name, "seen_down_by_all": down, "back_after_sigcont": back})
}

/// SIGKILL a spoke: until no other node lists it. It stays dead.
fn killed_spoke(c: &mut Cluster, victim: usize) -> Value {
    let name = c.name(victim).to_owned();
    let others: Vec<usize> = (0..c.len()).filter(|&i| i != victim).collect();
    let t0 = Instant::now();
    c.node(victim).kill9();
    c.set_live(victim, false);
    let gone = c.wait_all(&others, t0, "every node to drop the killed spoke", |s| {
        !cluster::member_names(s).contains(&name)
    });
    json!({"spoke": name, "gone_from_all": gone})
}
