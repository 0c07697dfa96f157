//! kill -9 loops on a publisher and a subscriber under write load. The
//! publisher appends new records to `dev.log` (one direction, to the
//! subscriber) and both write overlapping keys of `dev.kv` (both
//! directions). After every restart each acknowledged `dev.log` write is on
//! its origin; at the end the subscriber holds exactly the publisher's
//! records, its own stream (it republishes) holds each of the publisher's
//! transactions exactly once, and `dev.kv` passes the history check.

use std::collections::BTreeSet;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use harper_tests::Node;
use harper_tests::history::{self, History, Rng, seed};
use serde_json::{Value, json};

use super::{SEED_VAR, check_histories, converge, kill9, long, writer};

/// Inserts of fresh ids into `dev.log` on the publisher: which were
/// acknowledged and which are in doubt.
#[derive(Default)]
struct Appends {
    acked: Mutex<BTreeSet<u64>>,
    in_doubt: Mutex<BTreeSet<u64>>,
}

fn append_loop(p: &Node, mut rng: Rng, stop: &AtomicBool, log: &Appends) {
    let mut next = 0u64;
    for _ in 0..100_000 {
        if stop.load(Ordering::SeqCst) {
            break;
        }
        let n = rng.between(1, 3);
        let ids: Vec<u64> = (next..next + n).collect();
        next += n;
        let records: Vec<Value> = ids.iter().map(|i| json!({"id": i, "n": n})).collect();
        let run = p.harper(&[
            "insert",
            "dev.log",
            &Value::Array(records).to_string(),
            "-o",
            "json",
        ]);
        let inserted: Option<Vec<u64>> = (run.code == 0)
            .then(|| serde_json::from_str::<Value>(run.stdout.trim()).ok())
            .flatten()
            .and_then(|v| v["inserted_hashes"].as_array().cloned())
            .map(|a| a.iter().filter_map(Value::as_u64).collect());
        match inserted {
            Some(done) => {
                assert_eq!(done, ids, "fresh ids are all inserted: {run:?}");
                log.acked.lock().unwrap().extend(ids);
            }
            None => {
                log.in_doubt.lock().unwrap().extend(ids);
                std::thread::sleep(Duration::from_millis(100));
            }
        }
    }
}

fn ids(n: &Node, table: &str) -> BTreeSet<u64> {
    history::dump(n, table)
        .unwrap_or_else(|e| panic!("{e}"))
        .into_keys()
        .collect()
}

fn messages(n: &Node, table: &str) -> u64 {
    n.json(&["stream", "info", table])["messages"]
        .as_u64()
        .unwrap()
}

#[test]
fn kill_9_loops_on_publisher_and_subscriber_lose_and_double_nothing() {
    let seed = seed(SEED_VAR);
    let mut rng = Rng::new(seed);
    let kills = if long() { 40 } else { 6 };
    let nodes = [Node::clustered("pub"), Node::clustered("sub")];
    let (p, s) = (&nodes[0], &nodes[1]);
    // The subscriber dials (the edge of the design's use case).
    s.harper(&["route", "add", &p.route(), "--wait"]).ok();
    p.harper(&["table", "create", "dev.log"]).ok();
    p.harper(&["table", "create", "dev.kv"]).ok();
    s.harper(&[
        "op",
        "set_configuration",
        "clustering_republishMessages=true",
    ])
    .ok();
    s.json(&[
        "node",
        "add",
        "pub",
        "--subscribe",
        "dev.log",
        "--subscribe",
        "dev.kv",
        "--publish",
        "dev.kv",
    ]);
    let log = Appends::default();
    let hist = History::new();
    let stop = AtomicBool::new(false);
    let kv = vec!["dev.kv".to_owned()];
    let mut restarts = 0;
    let started = Instant::now();
    std::thread::scope(|sc| {
        let (r1, r2, r3) = (rng.fork(), rng.fork(), rng.fork());
        sc.spawn(|| append_loop(p, r1, &stop, &log));
        sc.spawn(|| writer(p, &kv, 8, r2, &stop, 100_000, &hist, "pub", Duration::ZERO));
        sc.spawn(|| writer(s, &kv, 8, r3, &stop, 100_000, &hist, "sub", Duration::ZERO));
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            for k in 0..kills {
                // Let the load run a while (a schedule, not a wait).
                std::thread::sleep(Duration::from_millis(rng.between(300, 1500)));
                let victim = if rng.below(2) == 0 { p } else { s };
                kill9(victim);
                std::thread::sleep(Duration::from_millis(rng.between(0, 600)));
                victim.start();
                restarts += 1;
                if victim.name == "pub" {
                    // Everything acknowledged before this look is on the origin.
                    let acked = log.acked.lock().unwrap().clone();
                    let have = ids(p, "dev.log");
                    let lost: Vec<_> = acked.difference(&have).take(10).collect();
                    assert!(
                        lost.is_empty(),
                        "seed {seed}: kill {k}: acknowledged dev.log ids missing on the publisher after its restart: {lost:?}"
                    );
                }
            }
        }));
        stop.store(true, Ordering::SeqCst);
        if let Err(e) = result {
            std::panic::resume_unwind(e);
        }
    });
    let tables = ["dev.log".to_owned(), "dev.kv".to_owned()];
    // The subscriber reads both tables, the publisher only the other's dev.kv.
    let consumers = |n: &str, t: &str| usize::from(n == "sub" || t == "dev.kv");
    let took = converge(&nodes, &tables, &consumers, seed);
    let acked = log.acked.lock().unwrap().clone();
    let in_doubt = log.in_doubt.lock().unwrap().clone();
    let have = ids(p, "dev.log");
    let lost: Vec<_> = acked.difference(&have).take(10).collect();
    assert!(
        lost.is_empty(),
        "seed {seed}: acknowledged ids lost: {lost:?}"
    );
    let phantom: Vec<_> = have
        .iter()
        .filter(|i| !acked.contains(i) && !in_doubt.contains(i))
        .take(10)
        .collect();
    assert!(
        phantom.is_empty(),
        "seed {seed}: ids never written: {phantom:?}"
    );
    // Each of the publisher's transactions was applied once by the
    // subscriber: its republished copy is in the subscriber's stream once.
    let (published, republished) = (messages(p, "dev.log"), messages(s, "dev.log"));
    assert_eq!(
        republished, published,
        "seed {seed}: the subscriber applied {republished} transactions of the publisher's {published}"
    );
    check_histories(&nodes, &kv, &hist.ops(), seed);
    let (applied, skipped, unknown) = hist.outcomes();
    eprintln!(
        "SUMMARY seed {seed}: {restarts} kill -9 restarts in {:?}; dev.log: {} ids acknowledged, {} in doubt, {} present, {published} transactions each applied once; dev.kv: {} writes ({applied} acknowledged with effect, {skipped} without, {unknown} in doubt); converged in {took:?}",
        started.elapsed(),
        acked.len(),
        in_doubt.len(),
        have.len(),
        applied + skipped + unknown,
    );
}

/// `harper stop` must wait for every thread of the daemon, not just its
/// main one: the main thread shows as a zombie while sled's IO threads may
/// still run and hold the database's file lock, and a start right after then
/// fails with "could not acquire lock on .../database/db". The window is
/// short and shows when the CPU is busy, so busy threads widen it here.
#[test]
fn stop_returns_only_when_the_daemon_is_gone() {
    let n = Node::started("Node1");
    let busy = AtomicBool::new(true);
    std::thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| {
                while busy.load(Ordering::Relaxed) {
                    std::hint::spin_loop();
                }
            });
        }
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            for round in 0..60 {
                let pid = n.pid().expect("pid");
                n.stop();
                let lingering = !super::exited(pid);
                let out = n.harper(&["start"]);
                assert!(
                    out.code == 0 && !lingering,
                    "round {round}: harper stop returned while harperd (pid {pid}) was still running: {out:#?}"
                );
            }
        }));
        busy.store(false, Ordering::Relaxed);
        if let Err(e) = result {
            std::panic::resume_unwind(e);
        }
    });
}
