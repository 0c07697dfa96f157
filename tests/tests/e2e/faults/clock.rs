//! Clocks: a peer cannot push this node's clock off a cliff. A replicated
//! version further ahead of this node's clock than `clustering.maxClockOffset`
//! is refused (the consumer of that table stalls there, with the reason in
//! `cluster status` and the log) and never moves the local clock; a version
//! ahead by less is taken, and later local writes still win over it.

use harper_tests::publisher::{Publisher, hlc_now, upserts};
use harper_tests::{Node, WAIT};
use serde_json::json;

use super::poison::{HEAL, wait_consumer, wait_log, wait_record};

/// `last_updated_record` of `table` on `n`: the newest version's time, ms.
fn newest_ms(n: &Node, table: &str) -> f64 {
    n.json(&["table", "describe", table])["last_updated_record"]
        .as_f64()
        .unwrap_or(0.0)
}

fn now_ms() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as f64
}

#[test]
fn a_version_from_the_far_future_is_refused_and_never_moves_the_clock() {
    let b = Node::clustered("beta");
    let fake = Publisher::dial(&b, "fake", &["dev.t", "dev.u"]);
    b.json(&[
        "node",
        "add",
        "fake",
        "--subscribe",
        "dev.t",
        "--subscribe",
        "dev.u",
    ]);
    // About 2^64: the year 10889 and beyond.
    let seq = fake.push(
        "dev.t",
        upserts("fake", u64::MAX - 7, vec![json!({"id": 1, "v": "future"})]),
    );
    let c = wait_consumer(&b, "fake", "dev.t", "a stall", WAIT, |c| {
        c["state"] == "stalled"
    });
    assert_eq!(c["stalled"]["seq"], seq);
    let reason = c["stalled"]["reason"].as_str().unwrap_or_default();
    assert!(
        reason.contains("clustering.maxClockOffset") && reason.contains("days ahead"),
        "{reason}"
    );
    wait_log(&b, &["stalled at sequence 1", "maxClockOffset"]);
    assert_eq!(b.json(&["get", "dev.t", "1"]), json!([]));
    // The clock did not move: a local write is stamped now, and 20 more
    // writes of one record all succeed (they ran into "versions keep running
    // ahead" once the clock had been pushed to the end of time).
    b.harper(&["table", "create", "dev.local"]).ok();
    for i in 0..20 {
        b.harper(&["upsert", "dev.local", &json!({"id": 1, "i": i}).to_string()])
            .ok();
    }
    let stamped = newest_ms(&b, "dev.local");
    assert!(
        (stamped - now_ms()).abs() < 60_000.0,
        "the local clock moved: {stamped} vs {}",
        now_ms()
    );
    // The other table of the same publisher flows.
    fake.push("dev.u", upserts("fake", hlc_now(0), vec![json!({"id": 1})]));
    wait_record(&b, "dev.u", 1, |_| true);
    // A sane version in its place goes through.
    fake.replace(
        "dev.t",
        seq,
        upserts("fake", hlc_now(0), vec![json!({"id": 1, "v": "now"})]),
    );
    wait_record(&b, "dev.t", 1, |r| r["v"] == "now");
    wait_consumer(&b, "fake", "dev.t", "the heal", HEAL, |c| {
        c["state"] != "stalled"
    });
}

#[test]
fn ordinary_skew_within_the_offset_converges_by_last_writer_wins() {
    let b = Node::clustered("beta");
    let fake = Publisher::dial(&b, "fake", &["dev.t"]);
    b.json(&["node", "add", "fake", "--subscribe", "dev.t"]);
    // A publisher whose clock runs 20 s ahead (the default offset is 60 s).
    fake.push(
        "dev.t",
        upserts(
            "fake",
            hlc_now(20_000),
            vec![json!({"id": 1, "by": "fake"})],
        ),
    );
    wait_record(&b, "dev.t", 1, |r| r["by"] == "fake");
    // This node saw that version, so its own write made after it wins.
    b.harper(&["upsert", "dev.t", r#"{"id":1,"by":"beta"}"#])
        .ok();
    let stamped = newest_ms(&b, "dev.t");
    assert!(stamped > now_ms() + 15_000.0, "{stamped}");
    assert_eq!(b.json(&["get", "dev.t", "1"])[0]["by"], "beta");
    // And a write from the publisher older than that version loses.
    fake.push(
        "dev.t",
        upserts(
            "fake",
            hlc_now(10_000),
            vec![json!({"id": 1, "by": "late"})],
        ),
    );
    wait_consumer(&b, "fake", "dev.t", "the late write applied", WAIT, |c| {
        c["next_seq"] == 3
    });
    assert_eq!(b.json(&["get", "dev.t", "1"])[0]["by"], "beta");
    // A smaller offset, set live, refuses the same skew.
    b.harper(&["op", "set_configuration", "clustering_maxClockOffset=5000"])
        .ok();
    let seq = fake.push(
        "dev.t",
        upserts("fake", hlc_now(30_000), vec![json!({"id": 2})]),
    );
    let c = wait_consumer(&b, "fake", "dev.t", "a stall", WAIT, |c| {
        c["state"] == "stalled"
    });
    assert_eq!(c["stalled"]["seq"], seq);
    assert!(
        c["stalled"]["reason"]
            .as_str()
            .is_some_and(|r| r.contains("5000 ms")),
        "{c}"
    );
}
