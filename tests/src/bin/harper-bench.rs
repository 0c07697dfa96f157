//! harper-bench: real daemons on 127.0.0.1, measured the way HarperDB's
//! figures were (see BENCHMARKS.md): replicated throughput A->B through the
//! HTTP door, replication latency, catch-up after B was down, whole `harper`
//! commands, daemon start-up, a mesh link coming up, memory, and the sled
//! ceiling of the same run; in both durability modes. Only when
//! `HARPER_BENCH_ONLY` names it, the `mesh` part: 50 daemons in two
//! topologies (`harper_tests::bench_mesh`; roots under
//! `HARPER_BENCH_MESH_ROOT`, default /tmp); `--smoke` runs a five-process one.
//! Prints one JSON document on stdout (progress on stderr).
//!
//! ```text
//! cargo build --release --locked && target/release/harper-bench [--smoke]
//! ```

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use harper_tests::Node;
use harper_tests::bench::{self, Http};
use serde_json::{Value, json};

/// How long any one wait for replication may take before the run fails.
const DEADLINE: Duration = Duration::from_secs(600);

struct Sizes {
    batch_records: u64,
    single_1: u64,
    single_8: u64,
    latency_samples: usize,
    catch_up: Vec<u64>,
    cli_runs: usize,
    start_runs: usize,
    ceiling_records: u64,
}

impl Sizes {
    fn full() -> Sizes {
        Sizes {
            batch_records: 200_000,
            single_1: 5_000,
            single_8: 40_000,
            latency_samples: 1_000,
            catch_up: vec![20_000, 1_000_000],
            cli_runs: 30,
            start_runs: 7,
            ceiling_records: 200_000,
        }
    }

    fn smoke() -> Sizes {
        Sizes {
            batch_records: 800,
            single_1: 40,
            single_8: 80,
            latency_samples: 20,
            catch_up: vec![400],
            cli_runs: 3,
            start_runs: 2,
            ceiling_records: 1_000,
        }
    }
}

/// `HARPER_BENCH_ONLY=single_8_clients,latency,...` runs only those parts
/// (for profiling one of them); unset runs everything.
fn wanted(part: &str) -> bool {
    match std::env::var("HARPER_BENCH_ONLY") {
        Ok(only) if !only.is_empty() => only.split(',').any(|p| p.trim() == part),
        _ => true,
    }
}

/// Parts that run only when `HARPER_BENCH_ONLY` names them (`mesh`: 50 daemons;
/// a smoke run has them unless the list leaves them out).
fn wanted_explicitly(part: &str) -> bool {
    std::env::var("HARPER_BENCH_ONLY").is_ok_and(|only| only.split(',').any(|p| p.trim() == part))
}

/// True when `HARPER_BENCH_ONLY` names only opt-in parts: the two-node modes do not run.
fn only_opt_in() -> bool {
    std::env::var("HARPER_BENCH_ONLY")
        .is_ok_and(|only| !only.is_empty() && only.split(',').all(|p| p.trim() == "mesh"))
}

/// A durability mode runs unless `HARPER_BENCH_MODES` (`default`, `fsync`) leaves it out.
fn mode_wanted(mode: &str) -> bool {
    match std::env::var("HARPER_BENCH_MODES") {
        Ok(m) if !m.is_empty() => m.split(',').any(|p| p.trim() == mode),
        _ => true,
    }
}

fn note(s: &str) {
    eprintln!("harper-bench: {s}");
}

/// Samples a daemon's RSS until stopped; the peak.
struct RssPeak {
    stop: Arc<AtomicBool>,
    task: std::thread::JoinHandle<f64>,
}

impl RssPeak {
    fn start(pid: i32) -> RssPeak {
        let stop = Arc::new(AtomicBool::new(false));
        let s = stop.clone();
        let task = std::thread::spawn(move || {
            let mut peak: f64 = 0.0;
            while !s.load(Ordering::Relaxed) {
                peak = peak.max(bench::rss_mib(pid));
                std::thread::sleep(Duration::from_millis(25));
            }
            peak
        });
        RssPeak { stop, task }
    }

    fn finish(self) -> f64 {
        self.stop.store(true, Ordering::Relaxed);
        self.task.join().unwrap_or(0.0)
    }
}

/// A publishes dev.dog to B (B's consumer pulls A's stream).
fn pair(fsync: bool) -> (Node, Node) {
    let extra: &[&str] = if fsync {
        &["--STORAGE_FSYNC", "true"]
    } else {
        &[]
    };
    let a = Node::installed_with("A", extra);
    let b = Node::installed_with("B", extra);
    for n in [&a, &b] {
        n.start();
        n.enable_clustering(harper_tests::CLUSTER_PASSWORD);
    }
    b.harper(&["route", "add", &a.route(), "--wait"]).ok();
    a.harper(&["table", "create", "dev.dog"]).ok();
    b.json(&["node", "add", "A", "--subscribe", "dev.dog"]);
    (a, b)
}

/// Write `total` records through A with `clients` x `batch`, then a sentinel;
/// records per second until the sentinel is readable on B.
fn replicated(a: &Node, b: &Node, first: u64, total: u64, batch: u64, clients: u64) -> Value {
    let (before_a, before_b, commits_a) = counters(a, b);
    let started = Instant::now();
    bench::load(a.operations_port, first, total, batch, clients);
    let acked = started.elapsed();
    let sentinel = first + total;
    Http::connect(a.operations_port)
        .expect("connect")
        .ok(&bench::insert(sentinel..sentinel + 1));
    assert!(
        bench::wait_for_id(b.operations_port, sentinel, DEADLINE),
        "record {sentinel} never reached B"
    );
    let took = started.elapsed();
    let (after_a, after_b, commits_after) = counters(a, b);
    let requests = total.div_ceil(batch) + 1;
    json!({
        "records": total,
        "clients": clients,
        "batch": batch,
        "secs": (took.as_secs_f64() * 1000.0).round() / 1000.0,
        "rec_per_s": bench::rate(total, took),
        "acknowledged_rec_per_s": bench::rate(total, acked),
        "per_request": {
            "a": after_a.per_write_since(&before_a, requests),
            "b": after_b.per_write_since(&before_b, requests),
            "a_requests_per_flush": per_flush(&commits_a, &commits_after),
        },
    })
}

/// Both daemons' process counters and A's commit figures
/// (`system_information`), read between two parts of the run.
fn counters(a: &Node, b: &Node) -> (bench::ProcCounters, bench::ProcCounters, Value) {
    let commits = Http::connect(a.operations_port)
        .expect("connect")
        .ok(&json!({"operation": "system_information"}))["database"]["commits"]
        .clone();
    (
        bench::ProcCounters::read(a.pid().unwrap_or(0)),
        bench::ProcCounters::read(b.pid().unwrap_or(0)),
        commits,
    )
}

/// Writes per flush round of the commit thread between two readings.
fn per_flush(before: &Value, after: &Value) -> Value {
    let d = |k: &str| {
        after[k]
            .as_u64()
            .unwrap_or(0)
            .saturating_sub(before[k].as_u64().unwrap_or(0))
    };
    let rounds = d("rounds");
    json!(if rounds > 0 {
        (d("jobs") as f64 / rounds as f64 * 100.0).round() / 100.0
    } else {
        0.0
    })
}

/// Insert single records on A at a low rate and poll B for each.
fn latency(a: &Node, b: &Node, first: u64, samples: usize) -> Value {
    let mut http_a = Http::connect(a.operations_port).expect("connect");
    let mut http_b = Http::connect(b.operations_port).expect("connect");
    let mut ms = Vec::with_capacity(samples);
    let mut acked = Vec::with_capacity(samples);
    let (before_a, before_b, _) = counters(a, b);
    for i in 0..samples as u64 {
        let id = first + i;
        let q = json!({"operation": "search_by_id", "database": "dev", "table": "dog", "ids": [id], "get_attributes": ["id"]});
        let t0 = Instant::now();
        http_a.ok(&bench::insert(id..id + 1));
        acked.push(t0.elapsed().as_secs_f64() * 1000.0);
        loop {
            let (s, v) = http_b.op(&q).expect("poll B");
            if s == 200 && v.as_array().is_some_and(|v| !v.is_empty()) {
                break;
            }
            assert!(t0.elapsed() < DEADLINE, "record {id} never reached B");
        }
        ms.push(t0.elapsed().as_secs_f64() * 1000.0);
        // A low, steady rate: about 200 writes a second.
        std::thread::sleep(Duration::from_millis(5));
    }
    let (after_a, after_b, _) = counters(a, b);
    ms.sort_by(f64::total_cmp);
    acked.sort_by(f64::total_cmp);
    let r = |x: f64| (x * 1000.0).round() / 1000.0;
    json!({
        "samples": samples,
        "p50": r(bench::quantile(&ms, 0.5)),
        "p90": r(bench::quantile(&ms, 0.9)),
        "p99": r(bench::quantile(&ms, 0.99)),
        "max": r(bench::quantile(&ms, 1.0)),
        "insert_acknowledged_p50": r(bench::quantile(&acked, 0.5)),
        "per_sample": {
            "a": after_a.per_write_since(&before_a, samples as u64),
            "b": after_b.per_write_since(&before_b, samples as u64),
        },
        "note": "insert acknowledged on A plus the first poll of B that finds it, through the HTTP door",
    })
}

/// B stopped while A takes `total` records; time from B's start until it has them.
fn catch_up(a: &Node, b: &Node, first: u64, total: u64) -> Value {
    b.stop();
    bench::load(a.operations_port, first, total, 100, 4);
    let sentinel = first + total;
    Http::connect(a.operations_port)
        .expect("connect")
        .ok(&bench::insert(sentinel..sentinel + 1));
    let started = Instant::now();
    b.start();
    assert!(
        bench::wait_for_id(b.operations_port, sentinel, DEADLINE),
        "B never caught up to {sentinel}"
    );
    let took = started.elapsed();
    json!({
        "records": total,
        "secs": (took.as_secs_f64() * 1000.0).round() / 1000.0,
        "rec_per_s": bench::rate(total, took),
        "note": "from `harper start` of B until the last record is readable on B",
    })
}

fn median_ms(mut runs: Vec<f64>) -> f64 {
    runs.sort_by(f64::total_cmp);
    (bench::quantile(&runs, 0.5) * 100.0).round() / 100.0
}

/// Whole `harper` processes against a running daemon.
fn cli(a: &Node, runs: usize) -> Value {
    let mut out = serde_json::Map::new();
    for (name, args) in [
        ("route_list", &["route", "list"][..]),
        ("cluster_status", &["cluster", "status"][..]),
    ] {
        let ms = (0..runs)
            .map(|_| {
                let t0 = Instant::now();
                a.harper(args).ok();
                t0.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        out.insert(
            name.into(),
            json!({"median_ms": median_ms(ms), "runs": runs}),
        );
    }
    Value::Object(out)
}

/// From `cluster_set_routes` on B (to A, whose link was down) until B's
/// link to A is up: dial, TLS and the mesh handshake. Through the HTTP door,
/// polled without pause.
fn link_up(a: &Node, b: &Node, runs: usize) -> Value {
    let mut http = Http::connect(b.operations_port).expect("connect");
    let routes = json!([{"host": "127.0.0.1", "port": a.cluster_port}]);
    let status = json!({"operation": "cluster_mesh_status"});
    let linked = |http: &mut Http| {
        let v = http.ok(&status);
        v["mesh"]["links"]
            .as_array()
            .is_some_and(|l| l.iter().any(|l| l["peer"] == "A"))
    };
    let ms = (0..runs)
        .map(|_| {
            http.ok(&json!({"operation": "cluster_delete_routes", "routes": routes}));
            let t = Instant::now();
            while linked(&mut http) {
                assert!(t.elapsed() < DEADLINE, "the link to A never went down");
            }
            let t0 = Instant::now();
            http.ok(&json!({"operation": "cluster_set_routes", "server": "hub", "routes": routes}));
            while !linked(&mut http) {
                assert!(t0.elapsed() < DEADLINE, "the link to A never came up");
            }
            t0.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    json!({"median_ms": median_ms(ms), "runs": runs, "note": "cluster_set_routes on B until its link to A is up (dial, TLS, mesh handshake)"})
}

/// `harper start` (which returns once the daemon answers) on an installed root.
fn start_up(runs: usize) -> Value {
    let n = Node::installed("S");
    let ms: Vec<f64> = (0..runs)
        .map(|_| {
            let t0 = Instant::now();
            n.start();
            let took = t0.elapsed().as_secs_f64() * 1000.0;
            n.stop();
            took
        })
        .collect();
    json!({"median_ms": median_ms(ms), "runs": runs, "note": "harper start until the daemon answers hello"})
}

fn mode(fsync: bool, sizes: &Sizes) -> Value {
    let name = if fsync { "fsync" } else { "default" };
    note(&format!("{name}: sled ceiling"));
    let ceiling = bench::sled_ceiling(sizes.ceiling_records, fsync);
    note(&format!("{name}: two nodes"));
    let (a, b) = pair(fsync);
    std::thread::sleep(Duration::from_secs(1));
    let idle = json!({
        "a_mib": bench::rss_mib(a.pid().unwrap_or(0)),
        "b_mib": bench::rss_mib(b.pid().unwrap_or(0)),
    });
    let peak_a = RssPeak::start(a.pid().unwrap_or(0));
    let peak_b = RssPeak::start(b.pid().unwrap_or(0));
    let mut next = 1_000_000_000u64;
    let mut run = |label: &str, total: u64, batch: u64, clients: u64| {
        if !wanted(label) {
            return Value::Null;
        }
        note(&format!("{name}: {label}"));
        let mut v = replicated(&a, &b, next, total, batch, clients);
        next += total + 1;
        let r = v["rec_per_s"].as_f64().unwrap_or(0.0);
        v["ratio_to_sled_ceiling"] = json!((r / ceiling * 1000.0).round() / 1000.0);
        v
    };
    let throughput = json!({
        "batch100_1_client": run("batch100_1_client", sizes.batch_records, 100, 1),
        "batch100_4_clients": run("batch100_4_clients", sizes.batch_records, 100, 4),
        "single_1_client": run("single_1_client", sizes.single_1, 1, 1),
        "single_8_clients": run("single_8_clients", sizes.single_8, 1, 8),
    });
    let under_load = json!({"a_peak_mib": peak_a.finish(), "b_peak_mib": peak_b.finish()});
    note(&format!("{name}: latency"));
    let lat = if wanted("latency") {
        latency(&a, &b, next, sizes.latency_samples)
    } else {
        Value::Null
    };
    next += sizes.latency_samples as u64 + 1;
    let mut catch = Vec::new();
    for &n in sizes.catch_up.iter().filter(|_| wanted("catch_up")) {
        note(&format!("{name}: catch-up of {n}"));
        catch.push(catch_up(&a, &b, next, n));
        next += n + 1;
    }
    let cli = (!fsync && wanted("cli")).then(|| cli(&a, sizes.cli_runs));
    let link = (!fsync && wanted("link_up")).then(|| link_up(&a, &b, sizes.cli_runs));
    json!({
        "sled_ceiling_rec_per_s": ceiling,
        "replicated_throughput": throughput,
        "latency_ms": lat,
        "catch_up": catch,
        "rss": {"idle": idle, "under_load": under_load},
        "cli": cli,
        "link_up": link,
    })
}

fn main() {
    let smoke = std::env::args().any(|a| a == "--smoke");
    let sizes = if smoke { Sizes::smoke() } else { Sizes::full() };
    let started = Instant::now();
    let modes = !only_opt_in();
    let default = (modes && mode_wanted("default")).then(|| mode(false, &sizes));
    let fsync = (modes && mode_wanted("fsync")).then(|| mode(true, &sizes));
    note("start-up");
    let start = (modes && wanted("start")).then(|| start_up(sizes.start_runs));
    // The full part is opt-in; the smoke run has a five-process one.
    let mesh = (wanted_explicitly("mesh") || (smoke && wanted("mesh"))).then(|| {
        use harper_tests::bench_mesh::{MeshSizes, run};
        run(&if smoke {
            MeshSizes::smoke()
        } else {
            MeshSizes::full()
        })
    });
    let out = json!({
        "harper_version": harper_rpc::VERSION,
        "smoke": smoke,
        "machine": {
            "cpus": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0),
            "kernel": std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default().trim(),
        },
        "default": default,
        "fsync": fsync,
        "start": start,
        "mesh": mesh,
        "secs": started.elapsed().as_secs(),
    });
    println!("{}", serde_json::to_string_pretty(&out).expect("JSON"));
}
