//! Dropped and re-created tables and databases: a new table is a new stream
//! (its sequences start again at 1), subscribers notice and read it from its
//! start, and no acknowledged write of it is lost; on a node that dropped
//! the table too, nothing of the old one comes back. The history check runs
//! over writes before and after the schema change.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use harper_tests::history::{History, Rng, seed};
use harper_tests::{Node, WAIT, wait_for};
use serde_json::{Value, json};

use super::poison::{consumer, wait_record};
use super::{Mesh, SEED_VAR, check_histories, writer};

/// Insert records `ids` into `table` on `n`, one transaction each.
fn insert(n: &Node, table: &str, ids: impl IntoIterator<Item = u64>) {
    for id in ids {
        n.harper(&[
            "insert",
            table,
            &json!({"id": id, "on": n.name}).to_string(),
        ])
        .ok();
    }
}

/// The ids `n` holds in `table`, sorted.
fn ids(n: &Node, table: &str) -> Vec<u64> {
    let v = n.json(&["search", table, "id=*"]);
    let mut ids: Vec<u64> = v
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r["id"].as_u64())
        .collect();
    ids.sort();
    ids
}

/// The steps: publish to beta, 5 records, drop, create again, 7
/// records: beta must end with all 7 (and keep its copies of the 5: drops
/// are not replicated), and its consumer must say the stream is a new one.
fn recreate_loses_nothing(drop: &[&str]) {
    let (a, b) = (Node::clustered("alpha"), Node::clustered("beta"));
    a.harper(&["route", "add", &b.route(), "--wait"]).ok();
    a.harper(&["table", "create", "db.dt"]).ok();
    a.json(&["node", "add", "beta", "--publish", "db.dt"]);
    insert(&a, "db.dt", 1..=5);
    wait_record(&b, "db.dt", 5, |_| true);
    a.harper(drop).ok();
    a.harper(&["table", "create", "db.dt"]).ok();
    insert(&a, "db.dt", 11..=17);
    let want: Vec<u64> = (1..=5).chain(11..=17).collect();
    wait_for("beta to hold the 7 new records", WAIT, || {
        (ids(&b, "db.dt") == want).then_some(())
    });
    // Records are readable once committed; the consumer's status moves once
    // they are flushed too.
    let c = super::poison::wait_consumer(&b, "alpha", "db.dt", "the new stream read", WAIT, |c| {
        c["next_seq"] == 8
    });
    assert_eq!(c["stream_restarts"], 1, "{c}");
    assert_eq!(c["last_restart"]["old_next_seq"], 6, "{c}");
    assert_eq!(c["lag_messages"], 0, "{c}");
    // The table form says so.
    let status = b.harper(&["cluster", "status"]);
    assert!(
        status.stdout.contains("new stream"),
        "{}\n{}",
        status.stdout,
        b.json(&["cluster", "status"])
    );
}

#[test]
fn a_dropped_and_created_again_table_loses_no_write() {
    recreate_loses_nothing(&["table", "drop", "db.dt"]);
}

#[test]
fn a_dropped_and_created_again_database_loses_no_write() {
    recreate_loses_nothing(&["database", "drop", "db"]);
}

/// Two nodes with two-way subscriptions on two tables and writers on both;
/// between two rounds of writes both nodes drop one table and create it
/// again. After each round the nodes converge, the history check passes
/// (over every write for the kept table, over the new round's for the
/// re-created one), and nothing written before the drop is in the new table.
#[test]
fn drop_and_recreate_between_rounds_of_writes_passes_the_history_check() {
    let seed = seed(SEED_VAR);
    let mut rng = Rng::new(seed);
    let tables = ["dev.kept", "dev.again"];
    let mesh = Mesh::full(&["alpha", "beta"], &tables);
    let all = History::new();
    let again = History::new();
    let round = |rng: &mut Rng, hist: &[&History], tag: &str| {
        let stop = AtomicBool::new(false);
        let local = History::new();
        std::thread::scope(|s| {
            for n in &mesh.nodes {
                let r = rng.fork();
                let (stop, local, tables) = (&stop, &local, &mesh.tables);
                let tag = format!("{}-{tag}", n.name);
                s.spawn(move || {
                    writer(
                        n,
                        tables,
                        20,
                        r,
                        stop,
                        150,
                        local,
                        &tag,
                        Duration::from_millis(5),
                    )
                });
            }
            std::thread::sleep(Duration::from_secs(3));
            stop.store(true, Ordering::SeqCst);
        });
        for op in local.ops() {
            for h in hist {
                h.push(op.clone());
            }
        }
        mesh.converge(seed);
    };
    round(&mut rng, &[&all], "r1");
    let before: Vec<Value> = mesh.nodes[0]
        .json(&["search", "dev.again", "id=*"])
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(!before.is_empty(), "round 1 wrote dev.again");
    for n in &mesh.nodes {
        n.harper(&["table", "drop", "dev.again"]).ok();
    }
    for n in &mesh.nodes {
        n.harper(&["table", "create", "dev.again"]).ok();
    }
    round(&mut rng, &[&all, &again], "r2");
    check_histories(&mesh.nodes, &["dev.kept".to_owned()], &all.ops(), seed);
    let second: Vec<_> = again
        .ops()
        .into_iter()
        .filter(|o| o.table == "dev.again")
        .collect();
    check_histories(&mesh.nodes, &["dev.again".to_owned()], &second, seed);
    for n in &mesh.nodes {
        let other = if n.name == "alpha" { "beta" } else { "alpha" };
        let c = consumer(n, other, "dev.again").expect("consumer");
        assert!(
            c["stream_restarts"].as_u64() >= Some(1),
            "{}'s consumer of {other}: {c}",
            n.name
        );
        for r in n.json(&["search", "dev.again", "id=*"]).as_array().unwrap() {
            assert!(
                r["w"].as_str().is_some_and(|w| w.contains("-r2-")),
                "{}: a record written before the drop came back: {r}",
                n.name
            );
        }
    }
}
