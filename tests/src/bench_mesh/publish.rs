//! One table published by a hub to every other live node: each subscribes
//! with `add_node`, the hub takes records at a steady rate (small batches),
//! each record carrying the wall-clock time it was sent, and a few
//! subscribers are polled for them, so lag is the time the record was first
//! seen there minus the time it carries (one machine, one clock). Then one
//! subscriber is stopped while the hub takes more records, and started:
//! its catch-up.

use std::time::{Duration, Instant, SystemTime};

use serde_json::{Value, json};

use super::cluster::Cluster;
use super::{
    DEADLINE, MeshSizes, clock_ticks_per_second, cpu_ticks, load_average, ms, note, round3,
};
use crate::bench::{self, Http, quantile};

/// How often the hub takes a batch.
const BATCH_EVERY: Duration = Duration::from_millis(10);
/// The largest batch, when the hub fell behind.
const MAX_BATCH: u64 = 500;
/// Pause between two polls of a sampled subscriber (the lag's resolution, with the poll's own time).
const SAMPLE_PAUSE: Duration = Duration::from_millis(2);
/// Most ids asked for in one poll of a sampled subscriber.
const SAMPLE_WINDOW: u64 = 200;
/// Ids of the warm-up records (written until every subscriber has one).
const WARM_UP_FIRST: u64 = 900_000_000;
/// Ids of the records written while a subscriber is stopped.
const CATCH_UP_FIRST: u64 = 1_000_000_000;

fn epoch_us() -> u64 {
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_micros() as u64)
        .unwrap_or(0)
}

/// An insert of records `ids` into dev.dog, each stamped with the time now.
fn stamped(ids: std::ops::Range<u64>) -> Value {
    let now = epoch_us();
    let records: Vec<Value> = ids
        .map(|id| json!({"id": id, "name": format!("dog{id}"), "sent_us": now}))
        .collect();
    json!({"operation": "insert", "database": "dev", "table": "dog", "records": records})
}

fn search(ids: &[u64]) -> Value {
    json!({"operation": "search_by_id", "database": "dev", "table": "dog", "ids": ids, "get_attributes": ["id", "sent_us"]})
}

/// The records of a `search_by_id` answer.
fn found(v: &Value) -> impl Iterator<Item = &Value> {
    v.as_array().into_iter().flatten()
}

/// Hops from `hub` to node `i`: its hub's direct spokes and the other hubs are one hop away.
fn hops(c: &Cluster, hub: usize, i: usize) -> u8 {
    if c.hub_of(i) == hub || c.hub_of(i) == i {
        1
    } else {
        2
    }
}

/// Everything, from `add_node` on every subscriber to the catch-up.
pub(super) fn run(c: &mut Cluster, hub: usize, subscribers: &[usize], sizes: &MeshSizes) -> Value {
    c.node(hub).harper(&["table", "create", "dev.dog"]).ok();
    let hub_name = c.name(hub).to_owned();
    let t = Instant::now();
    for &i in subscribers {
        c.ok(
            i,
            &json!({"operation": "add_node", "node_name": hub_name, "subscriptions": [
                {"database": "dev", "table": "dog", "subscribe": true, "publish": false}
            ]}),
        );
    }
    let add_node_secs = round3(t.elapsed().as_secs_f64());
    let t = Instant::now();
    let warm_ups = warm_up(c, hub, subscribers);
    let first_record_everywhere = ms(t.elapsed());

    // Spread over the subscribers: in the five-hub topology, some one hop from the hub, some two.
    let sampled: Vec<usize> = (0..sizes.sampled)
        .map(|k| subscribers[k * subscribers.len() / sizes.sampled])
        .collect();
    note(&format!(
        "{} rec/s for {:?}, sampling {:?}",
        sizes.rate,
        sizes.publish,
        sampled.iter().map(|&i| c.name(i)).collect::<Vec<_>>()
    ));
    let total = (sizes.rate as f64 * sizes.publish.as_secs_f64()).round() as u64;
    let hub_port = c.node(hub).operations_port;
    let ports: Vec<u16> = sampled.iter().map(|&i| c.node(i).operations_port).collect();
    let load_before = load_average();
    let pids: Vec<i32> = subscribers.iter().map(|&i| c.pid(i)).collect();
    let (hub_cpu, subscribers_cpu) = (
        cpu_ticks(c.pid(hub)),
        pids.iter().map(|&p| cpu_ticks(p)).sum::<u64>(),
    );
    let t = Instant::now();
    let (wrote, everywhere, lags) = std::thread::scope(|s| {
        let samplers: Vec<_> = ports
            .iter()
            .map(|&port| s.spawn(move || sample(port, total)))
            .collect();
        let wrote = write_steadily(hub_port, sizes.rate, total);
        // While the samplers still poll: the last record on every subscriber.
        let everywhere = last_on_all(c, subscribers, total, Instant::now());
        let lags: Vec<(Vec<f64>, u64)> = samplers
            .into_iter()
            .map(|h| h.join().expect("a sampler failed"))
            .collect();
        (wrote, everywhere, lags)
    });
    let per_core = |ticks: u64| {
        round3(ticks as f64 / clock_ticks_per_second() / t.elapsed().as_secs_f64() * 100.0)
    };
    let cpu = json!({
        "hub": per_core(cpu_ticks(c.pid(hub)).saturating_sub(hub_cpu)),
        "subscribers_sum": per_core(pids.iter().map(|&p| cpu_ticks(p)).sum::<u64>().saturating_sub(subscribers_cpu)),
        "note": "% of one core from the first write until every sampled subscriber had every record",
    });

    let per_spoke: Vec<Value> = sampled
        .iter()
        .zip(&lags)
        .map(|(&i, (l, missing))| {
            json!({
                "node": c.name(i),
                "hops": hops(c, hub, i),
                "p50_ms": quantile(l, 0.5),
                "p99_ms": quantile(l, 0.99),
                "max_ms": quantile(l, 1.0),
                "missing": missing,
            })
        })
        .collect();
    let mut all: Vec<f64> = lags.iter().flat_map(|(l, _)| l.iter().copied()).collect();
    all.sort_by(f64::total_cmp);
    // A spoke (a stopped hub would cut its spokes off) that was not sampled.
    let restarted = subscribers
        .iter()
        .copied()
        .find(|&i| c.hub_of(i) != i && !sampled.contains(&i))
        .expect("a spoke to restart");
    let catch = catch_up(c, hub, restarted, sizes.catch_up);
    json!({
        "publisher": hub_name,
        "subscribers": subscribers.len(),
        "add_node_all_secs": add_node_secs,
        "first_record_on_all_ms": first_record_everywhere,
        "warm_up_records": warm_ups,
        "records": total,
        "target_rec_per_s": sizes.rate,
        "writes": wrote,
        "load_average_before": load_before,
        "cpu_pct_of_one_core": cpu,
        "lag_ms": {
            "sampled": per_spoke,
            "p50": quantile(&all, 0.5),
            "p99": quantile(&all, 0.99),
            "max": quantile(&all, 1.0),
        },
        "last_record_on_all_after_last_ack": everywhere,
        "catch_up": catch,
        "note": format!("lag: the record's sent_us (taken before the hub's insert) to the first poll of a sampled subscriber that returns it; sampled subscribers polled every {SAMPLE_PAUSE:?} plus the poll's time"),
    })
}

/// A record a second on the hub until every subscriber has one of them
/// (consumers start when their subscription does). How many it took.
fn warm_up(c: &mut Cluster, hub: usize, subscribers: &[usize]) -> u64 {
    let mut written: Vec<u64> = Vec::new();
    let mut pending: Vec<usize> = subscribers.to_vec();
    let t = Instant::now();
    let mut next_write = t;
    while !pending.is_empty() {
        assert!(
            t.elapsed() < DEADLINE,
            "the hub's records never reached {:?}",
            pending.iter().map(|&i| c.name(i)).collect::<Vec<_>>()
        );
        if Instant::now() >= next_write {
            let id = WARM_UP_FIRST + written.len() as u64;
            c.ok(hub, &stamped(id..id + 1));
            written.push(id);
            next_write += Duration::from_secs(1);
        }
        let q = search(&written);
        pending.retain(|&i| found(&c.ok(i, &q)).next().is_none());
        std::thread::sleep(Duration::from_millis(20));
    }
    written.len() as u64
}

/// Records 1..=`total` at `rate` a second on one connection: every
/// [`BATCH_EVERY`], one insert of the records due by then. When the hub
/// acknowledges slower than that, the next insert carries more (at most
/// [`MAX_BATCH`]), so the offered rate holds. The rate achieved, the batch
/// sizes and how long the hub took to acknowledge.
fn write_steadily(port: u16, rate: u64, total: u64) -> Value {
    let mut http = Http::connect(port).expect("connect to the hub");
    let mut acks = Vec::new();
    let mut written = 0u64;
    let mut largest = 0u64;
    let t0 = Instant::now();
    let mut tick = t0;
    while written < total {
        if let Some(wait) = tick.checked_duration_since(Instant::now()) {
            std::thread::sleep(wait);
        }
        tick += BATCH_EVERY;
        let due = ((t0.elapsed().as_secs_f64() * rate as f64) as u64).min(total);
        if due <= written {
            continue;
        }
        let n = (due - written).min(MAX_BATCH);
        let t = Instant::now();
        let v = http.ok(&stamped(written + 1..written + 1 + n));
        acks.push(ms(t.elapsed()));
        assert!(v["message"].is_string(), "{v}");
        written += n;
        largest = largest.max(n);
    }
    let took = t0.elapsed();
    acks.sort_by(f64::total_cmp);
    json!({
        "achieved_rec_per_s": bench::rate(total, took),
        "inserts": acks.len(),
        "mean_batch": round3(total as f64 / acks.len().max(1) as f64),
        "largest_batch": largest,
        "insert_acknowledged_ms": {
            "p50": quantile(&acks, 0.5),
            "p99": quantile(&acks, 0.99),
            "max": quantile(&acks, 1.0),
        },
    })
}

/// Poll one subscriber for records 1..=total until it has them all (or the
/// deadline): each record's lag in ms, sorted, and how many never came.
fn sample(port: u16, total: u64) -> (Vec<f64>, u64) {
    let mut http = Http::connect(port).expect("connect to a sampled subscriber");
    let mut seen = vec![false; total as usize + 1];
    let mut lags = Vec::with_capacity(total as usize);
    let mut lowest = 1u64;
    let t = Instant::now();
    while lowest <= total && t.elapsed() < DEADLINE {
        let ids: Vec<u64> = (lowest..=total.min(lowest + SAMPLE_WINDOW - 1))
            .filter(|&id| !seen[id as usize])
            .collect();
        let v = match http.op(&search(&ids)) {
            Ok((200, v)) => v,
            _ => {
                http = Http::connect(port).expect("reconnect to a sampled subscriber");
                continue;
            }
        };
        let now = epoch_us();
        for r in found(&v) {
            let (Some(id), Some(sent)) = (r["id"].as_u64(), r["sent_us"].as_u64()) else {
                continue;
            };
            if id <= total && !seen[id as usize] {
                seen[id as usize] = true;
                lags.push(now.saturating_sub(sent) as f64 / 1000.0);
            }
        }
        while lowest <= total && seen[lowest as usize] {
            lowest += 1;
        }
        std::thread::sleep(SAMPLE_PAUSE);
    }
    lags.sort_by(f64::total_cmp);
    let missing = total - lags.len() as u64;
    (lags, missing)
}

/// Poll every subscriber for record `id` until each has it: ms after `t0`.
fn last_on_all(c: &mut Cluster, subscribers: &[usize], id: u64, t0: Instant) -> Value {
    let q = search(&[id]);
    let mut pending = subscribers.to_vec();
    let mut seen = Vec::new();
    while !pending.is_empty() {
        assert!(
            t0.elapsed() < DEADLINE,
            "record {id} never reached {:?}",
            pending.iter().map(|&i| c.name(i)).collect::<Vec<_>>()
        );
        pending.retain(|&i| {
            let has = found(&c.ok(i, &q)).next().is_some();
            if has {
                seen.push(ms(t0.elapsed()));
            }
            !has
        });
        std::thread::sleep(Duration::from_millis(10));
    }
    seen.sort_by(f64::total_cmp);
    json!({"p50_ms": quantile(&seen, 0.5), "all_ms": quantile(&seen, 1.0)})
}

/// Subscriber `i` stopped (`harper stop`) while the hub takes `records`
/// (batches of 100, two clients); then from `harper start` until it has the last.
fn catch_up(c: &mut Cluster, hub: usize, i: usize, records: u64) -> Value {
    let name = c.name(i).to_owned();
    note(&format!("catch-up of {records} records on {name}"));
    c.set_live(i, false);
    c.node(i).stop();
    let hub_port = c.node(hub).operations_port;
    bench::load(hub_port, CATCH_UP_FIRST, records, 100, 2);
    let sentinel = CATCH_UP_FIRST + records;
    c.ok(hub, &stamped(sentinel..sentinel + 1));
    let t0 = Instant::now();
    c.node(i).start();
    c.set_live(i, true);
    assert!(
        bench::wait_for_id(c.node(i).operations_port, sentinel, DEADLINE),
        "{name} never caught up to {sentinel}"
    );
    let took = t0.elapsed();
    json!({
        "node": name,
        "records": records,
        "secs": round3(took.as_secs_f64()),
        "rec_per_s": bench::rate(records, took),
        "note": "from `harper start` of the stopped subscriber until the last record is readable on it",
    })
}
