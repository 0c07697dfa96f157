//! Partitions and sick links: nodes with two-way subscriptions on a few
//! tables, concurrent writers (upsert, insert, update, delete) on
//! overlapping keys, and a seeded random schedule of faults through the
//! proxies (partitions cut or black-holed, half-open and stalled links,
//! delays, throttles, resets, and in the long run kill -9). After healing,
//! every node's tables are identical record by record and the history check
//! passes. The long run repeats rounds of faults and convergence. A variant
//! with short streams makes partitioned consumers fall behind and resync by
//! snapshot.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use harper_tests::history::{History, Rng, seed};
use harper_tests::proxy::{Dir, Fault};

use super::{Mesh, SEED_VAR, check_histories, kill9, long, long_secs, writer};

/// One run's shape.
struct Plan {
    names: &'static [&'static str],
    tables: &'static [&'static str],
    keys: u64,
    /// Seconds of faults per round, and how many rounds (or until `total`).
    round_secs: u64,
    total: Duration,
    kills: bool,
    /// Pause between one writer's writes.
    pace: Duration,
    /// `clustering.leafServer.streams.maxMsgs` on every node: a short stream
    /// makes consumers cut off for long fall behind it and resync by snapshot.
    max_msgs: Option<u64>,
}

/// What a run did, for the report.
#[derive(Default, Debug)]
struct Tally {
    faults: BTreeMap<&'static str, u64>,
    converge: Vec<Duration>,
    rounds: u64,
}

fn run(plan: &Plan) -> Mesh {
    let seed = seed(SEED_VAR);
    let mut rng = Rng::new(seed);
    let mesh = Mesh::full(plan.names, plan.tables);
    if let Some(max) = plan.max_msgs {
        for n in &mesh.nodes {
            n.harper(&[
                "op",
                "set_configuration",
                &format!("clustering_leafServer_streams_maxMsgs={max}"),
            ])
            .ok();
        }
    }
    let hist = History::new();
    let mut tally = Tally::default();
    let started = Instant::now();
    while tally.rounds == 0 || started.elapsed() < plan.total {
        tally.rounds += 1;
        let stop = AtomicBool::new(false);
        std::thread::scope(|s| {
            for n in &mesh.nodes {
                let r = rng.fork();
                let (stop, hist, tables) = (&stop, &hist, &mesh.tables);
                let tag = format!("{}-r{}", n.name, tally.rounds);
                s.spawn(move || {
                    writer(
                        n, tables, plan.keys, r, stop, 100_000, hist, &tag, plan.pace,
                    )
                });
            }
            let end = Instant::now() + Duration::from_secs(plan.round_secs);
            while Instant::now() < end {
                let kind = inject(&mesh, &mut rng, plan.kills);
                *tally.faults.entry(kind).or_default() += 1;
                // Hold the fault a while (a schedule, not a wait for an effect).
                std::thread::sleep(Duration::from_millis(rng.between(200, 2500)));
            }
            mesh.heal();
            stop.store(true, Ordering::SeqCst);
        });
        let took = mesh.converge(seed);
        tally.converge.push(took);
        check_histories(&mesh.nodes, &mesh.tables, &hist.ops(), seed);
        let (applied, skipped, unknown) = hist.outcomes();
        eprintln!(
            "round {}: converged in {took:?}; writes so far {} (acknowledged with effect {applied}, without {skipped}, in doubt {unknown}); faults {:?}",
            tally.rounds,
            applied + skipped + unknown,
            tally.faults
        );
    }
    let (applied, skipped, unknown) = hist.outcomes();
    let mut conv = tally.converge.clone();
    conv.sort();
    eprintln!(
        "SUMMARY seed {seed}: {} nodes, {:?} of faults in {} rounds; writes {} (acknowledged with effect {applied}, acknowledged without effect {skipped}, in doubt {unknown}); faults injected {:?} (total {}); time to converge min {:?} median {:?} max {:?}; history check passed",
        plan.names.len(),
        started.elapsed(),
        tally.rounds,
        applied + skipped + unknown,
        tally.faults,
        tally.faults.values().sum::<u64>(),
        conv.first().copied().unwrap_or_default(),
        conv.get(conv.len() / 2).copied().unwrap_or_default(),
        conv.last().copied().unwrap_or_default(),
    );
    mesh
}

/// Inject one random fault; its kind.
fn inject(mesh: &Mesh, rng: &mut Rng, kills: bool) -> &'static str {
    let links: Vec<(usize, usize)> = mesh.proxies.keys().copied().collect();
    let link = links[rng.below(links.len() as u64) as usize];
    let proxy = &mesh.proxies[&link];
    let dir = if rng.below(2) == 0 {
        Dir::Up
    } else {
        Dir::Down
    };
    match rng.below(if kills { 13 } else { 12 }) {
        0..=2 => {
            // A random split into two non-empty groups.
            let n = mesh.nodes.len();
            let mut group: Vec<usize> = (0..n).map(|_| rng.below(2) as usize).collect();
            let lone = rng.below(n as u64) as usize;
            if group.iter().all(|g| *g == group[0]) {
                group[lone] = 1 - group[0];
            }
            if rng.below(2) == 0 {
                mesh.partition(&group, Fault::Cut);
                "partition (cut)"
            } else {
                mesh.partition(&group, Fault::Blackhole);
                "partition (blackhole)"
            }
        }
        3 => {
            proxy.set(Fault::HalfOpen(dir));
            "half-open link"
        }
        4 => {
            proxy.set(Fault::Stall(dir));
            "stalled link (peer stops reading)"
        }
        5 => {
            proxy.set(Fault::Delay(Duration::from_millis(rng.between(5, 400))));
            "delayed link"
        }
        6 => {
            proxy.set(Fault::Throttle(rng.between(20_000, 200_000)));
            "throttled link"
        }
        7 => {
            proxy.reset();
            "reset connections"
        }
        8 => {
            proxy.set(Fault::Cut);
            "one link cut"
        }
        9 | 10 => {
            mesh.heal();
            "heal"
        }
        11 => {
            // Flap: cut and restore quickly, several times.
            for _ in 0..rng.between(2, 5) {
                proxy.set(Fault::Cut);
                std::thread::sleep(Duration::from_millis(rng.between(50, 400)));
                proxy.set(Fault::Pass);
                std::thread::sleep(Duration::from_millis(rng.between(50, 400)));
            }
            "flapping link"
        }
        _ => {
            let victim = &mesh.nodes[rng.below(mesh.nodes.len() as u64) as usize];
            kill9(victim);
            std::thread::sleep(Duration::from_millis(rng.between(0, 1500)));
            victim.start();
            "kill -9 and restart"
        }
    }
}

#[test]
fn random_partitions_and_sick_links_converge_and_lose_nothing() {
    let plan = if long() {
        Plan {
            names: &["n1", "n2", "n3", "n4", "n5"],
            tables: &["dev.p0", "dev.p1", "dev.p2"],
            keys: 24,
            round_secs: 60,
            total: Duration::from_secs(long_secs()),
            kills: true,
            pace: Duration::from_millis(20),
            max_msgs: None,
        }
    } else {
        Plan {
            names: &["n1", "n2", "n3"],
            tables: &["dev.p0", "dev.p1"],
            keys: 10,
            round_secs: 20,
            total: Duration::ZERO,
            kills: false,
            pace: Duration::ZERO,
            max_msgs: None,
        }
    };
    run(&plan);
}

#[test]
fn partitions_longer_than_the_streams_are_repaired_by_snapshots() {
    let mesh = run(&Plan {
        names: &["s1", "s2", "s3"],
        tables: &["dev.g0"],
        keys: 10,
        round_secs: 15,
        total: Duration::ZERO,
        kills: false,
        pace: Duration::ZERO,
        max_msgs: Some(25),
    });
    // The snapshot path was taken (and the checks above passed after it).
    let repaired: u64 = mesh
        .nodes
        .iter()
        .flat_map(|n| {
            let status = n.json(&["cluster", "status"]);
            status["connections"]
                .as_array()
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .flat_map(|c| c["consumers"].as_array().cloned().unwrap_or_default())
        })
        .filter_map(|c| c["gaps_repaired"].as_u64())
        .sum();
    assert!(
        repaired > 0,
        "no consumer fell behind a stream of 25 entries"
    );
    eprintln!("gaps repaired by snapshot: {repaired}");
}
