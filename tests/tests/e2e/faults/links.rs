//! Links that a peer cannot break: frames it cannot decode or send, and peers that do not read or that ask for too much at once.
//!
//! Each test runs a real replication flow between real daemons beside a
//! hand-driven authenticated peer (`harper_tests::live::LivePeer`: the real
//! handshake, then raw frames), and checks that the link survives what it must survive,
//! that every request gets a prompt answer saying why, and that the flow
//! goes on.

use std::time::{Duration, Instant};

use harper_daemon::mesh::frame::{Body, Envelope, Frame};
use harper_tests::live::{LivePeer, Reading, all_but_replication, deep, raw, request};
use harper_tests::proxy::Fault;
use harper_tests::{Node, WAIT, wait_for};
use serde_json::{Value, json};

pub use super::bad_peers::wait_log;
use crate::replication::{consumer, wait_count};

/// Nesting of the "deep" values below: beyond serde_json's recursion limit (128).
const DEEP: usize = 200;

/// `n`'s live link to `peer` in `cluster_mesh_status`, if any.
pub fn link_to(n: &Node, peer: &str) -> Option<Value> {
    n.mesh_status()["mesh"]["links"]
        .as_array()?
        .iter()
        .find(|l| l["peer"] == peer)
        .cloned()
}

/// Wait until `n` has no live link to `peer`.
pub fn wait_unlinked(n: &Node, peer: &str) {
    wait_for(
        &format!("{} to drop its link to {peer}", n.name),
        WAIT,
        || link_to(n, peer).is_none().then_some(()),
    );
}

/// One more record of `table` written on `a` and seen on `b`.
pub fn flow(a: &Node, b: &Node, table: &str, id: u64) {
    a.harper(&["insert", table, &json!({"id": id}).to_string()])
        .ok();
    b.wait_json(
        &format!("record {id} of {table} to replicate"),
        &["get", table, &id.to_string()],
        |v| v.as_array().is_some_and(|a| !a.is_empty()),
    );
}

/// Poll `n`'s consumer of `publisher`'s `table` until `pred` holds.
pub fn wait_consumer(
    n: &Node,
    publisher: &str,
    table: &str,
    what: &str,
    pred: impl Fn(&Value) -> bool,
) -> Value {
    wait_consumer_within(n, publisher, table, what, WAIT, pred)
}

/// [`wait_consumer`] for at most `within`.
pub fn wait_consumer_within(
    n: &Node,
    publisher: &str,
    table: &str,
    what: &str,
    within: Duration,
    pred: impl Fn(&Value) -> bool,
) -> Value {
    let end = Instant::now() + within;
    loop {
        let c = consumer(n, publisher, table);
        if pred(&c) {
            return c;
        }
        assert!(
            Instant::now() < end,
            "{}: timed out after {within:?} waiting for {what}; last: {c}",
            n.name
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn last_error(c: &Value) -> &str {
    c["last_error"].as_str().unwrap_or("")
}

/// Two clustered nodes, the second dialling the first, which publishes
/// `dev.flow` and `more` tables to it.
fn flowing(names: [&str; 2], more: &[&str]) -> (Node, Node) {
    let [a, b]: [Node; 2] = Node::clustered_many(&names)
        .try_into()
        .ok()
        .expect("two nodes");
    b.harper(&["route", "add", &a.route(), "--wait"]).ok();
    let mut add = vec!["node", "add", &b.name];
    for t in std::iter::once(&"dev.flow").chain(more) {
        a.harper(&["table", "create", t]).ok();
        add.extend(["--publish", t]);
    }
    a.json(&add);
    flow(&a, &b, "dev.flow", 0);
    (a, b)
}

#[test]
fn frames_that_do_not_decode_are_answered_and_skipped_and_the_link_and_flow_go_on() {
    let (alpha, beta) = flowing(["alpha", "beta"], &[]);
    // A real gamma that alpha subscribes to, then stopped: the test links as
    // gamma, and alpha's consumer asks it for entries.
    let gamma = Node::clustered("gamma");
    gamma
        .harper(&["route", "add", &alpha.route(), "--wait"])
        .ok();
    gamma.harper(&["table", "create", "dev.remote"]).ok();
    alpha.json(&["node", "add", "gamma", "--subscribe", "dev.remote"]);
    flow(&gamma, &alpha, "dev.remote", 1);
    gamma.stop();
    wait_unlinked(&alpha, "gamma");

    let p = LivePeer::link(&alpha, &gamma, "gamma", Reading::Yes, all_but_replication);
    let since =
        wait_for("the link from gamma", WAIT, || link_to(&alpha, "gamma"))["since_ms"].clone();

    // The answer to one of alpha's pending requests, nested too deep to decode.
    let pull = p.next("__pull request", |f| match f {
        Frame::Envelope(Envelope {
            body: Body::Request { id, payload },
            ..
        }) if payload["operation"] == "__pull" => Some(*id),
        _ => None,
    });
    p.send_raw(raw(format!(
        r#"{{"t":"envelope","from":"gamma","to":"alpha","ttl":16,"body":{{"k":"response","id":{pull},"result":{{"Ok":{}}}}}}}"#,
        deep(DEEP)
    )));
    let c = wait_consumer(
        &alpha,
        "gamma",
        "dev.remote",
        "the consumer to say why",
        |c| last_error(c).contains("could not be decoded"),
    );
    assert!(
        last_error(&c).contains(
            "the answer from node 'gamma' could not be decoded: recursion limit exceeded"
        ),
        "{c}"
    );

    // A request nested too deep: an error answer at once, saying why.
    p.send_raw(raw(format!(
        r#"{{"t":"envelope","from":"gamma","to":"alpha","ttl":16,"body":{{"k":"request","id":9001,"payload":{}}}}}"#,
        deep(DEEP)
    )));
    let Body::Response { result: Err(e), .. } = p.answer(9001) else {
        panic!("request 9001 was not answered with an error");
    };
    assert!(
        e.contains(
            "node 'alpha' could not decode the request from node 'gamma': recursion limit exceeded"
        ),
        "{e}"
    );
    // Bad UTF-8 in a string.
    let mut bad = br#"{"t":"envelope","from":"gamma","to":"alpha","ttl":16,"body":{"k":"request","id":9002,"payload":{"operation":""#.to_vec();
    bad.extend_from_slice(b"\xff\xfe");
    bad.extend_from_slice(br#""}}}"#);
    p.send_raw(raw(bad));
    let Body::Response { result: Err(e), .. } = p.answer(9002) else {
        panic!("request 9002 was not answered with an error");
    };
    assert!(e.contains("could not decode the request"), "{e}");
    // A type mismatch in a known frame.
    p.send_raw(raw(
        r#"{"t":"envelope","from":"gamma","to":"alpha","ttl":"sixteen","body":{"k":"request","id":9003,"payload":{}}}"#,
    ));
    let Body::Response { result: Err(e), .. } = p.answer(9003) else {
        panic!("request 9003 was not answered with an error");
    };
    assert!(e.contains("invalid type"), "{e}");
    // An undecodable request for another node is bounced with the reason.
    p.send_raw(raw(format!(
        r#"{{"t":"envelope","from":"gamma","to":"beta","ttl":16,"body":{{"k":"request","id":9004,"payload":{}}}}}"#,
        deep(DEEP)
    )));
    let Body::NoRoute {
        reason: Some(r), ..
    } = p.answer(9004)
    else {
        panic!("request 9004 was not bounced with a reason");
    };
    assert!(
        r.contains("node 'alpha' could not pass on the request from node 'gamma' to node 'beta': it does not decode"),
        "{r}"
    );
    // Frames with nobody to answer: skipped.
    p.send_raw(raw(format!(
        r#"{{"t":"members","members":{}}}"#,
        deep(DEEP)
    )));
    p.send_raw(raw(r#"{"t":"envelope","from":"gamma", this is not json"#));
    p.send_raw(raw(r#"{"t":"a_frame_from_the_future","x":1}"#));
    p.send_raw(raw(b"\x00\x01\x02"));

    // A well-formed request still gets its real answer on the same link.
    p.send(&request(
        "gamma",
        "alpha",
        9005,
        json!({"operation": "__ping"}),
    ));
    assert!(matches!(
        p.answer(9005),
        Body::Response { result: Ok(_), .. }
    ));
    let l = wait_for("the skipped frames to be counted", WAIT, || {
        link_to(&alpha, "gamma").filter(|l| l["undecodable_frames"].as_u64() >= Some(9))
    });
    assert_eq!(
        l["since_ms"], since,
        "the link from gamma was not re-made: {l}"
    );
    wait_log(&alpha, &["skipped a frame from gamma that does not decode"]);
    // Every table of the real link flows on.
    flow(&alpha, &beta, "dev.flow", 2);
    assert!(link_to(&alpha, "gamma").is_some());
}

#[test]
fn a_snapshot_larger_than_a_frame_ships_in_pages_and_the_link_stays() {
    let (alpha, beta) = flowing(["alpha", "beta"], &["dev.big"]);
    flow(&alpha, &beta, "dev.big", 0);
    // A gap that only a snapshot can repair, of a table larger than a frame:
    // ten records just under the record limit (70 MiB in all).
    beta.stop();
    const RECORD_BYTES: usize = 7 * 1024 * 1024;
    let blob = "x".repeat(RECORD_BYTES);
    for id in 1..=10 {
        let body = json!({"operation": "insert", "database": "dev", "table": "big",
            "records": [{"id": id, "blob": blob}]});
        let a = alpha.http(&body.to_string());
        assert_eq!(a.status, 200, "{a:?}");
    }
    alpha.json(&["stream", "purge", "dev.big"]);
    beta.start();
    // 70 MiB of JSON parsed, paged and applied by debug builds: 10-25 s on a
    // busy 2-core machine, so a longer bound than WAIT's "at once".
    let c = wait_consumer_within(
        &beta,
        "alpha",
        "dev.big",
        "the resync",
        Duration::from_secs(90),
        |c| c["gaps_repaired"].as_u64() >= Some(1) && c["state"] == "caught_up",
    );
    assert_eq!(last_error(&c), "", "{c}");
    wait_count(&beta, "dev.big", 11);
    let since = link_to(&beta, "alpha").expect("linked")["since_ms"].clone();
    flow(&alpha, &beta, "dev.flow", 1);
    assert_eq!(link_to(&beta, "alpha").expect("linked")["since_ms"], since);
}

/// `pid`'s peak resident memory so far, MiB.
fn peak_rss_mib(pid: i32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map(|kb| kb / 1024)
        .unwrap_or(0)
}

#[test]
fn a_peer_that_asks_for_snapshots_and_never_reads_is_bounded_and_cut() {
    // Why this bound: an idle daemon holds about 15 MiB and this table about
    // 4 MiB; a link queues at most 16 MiB and its senders hold at most 16 MiB
    // more while they wait; two snapshot pages are built at once, each of
    // 4 MiB of JSON and about five times that as values. So well under
    // 256 MiB; without the bounds, 150 pages at once held over 1 GiB.
    const PEAK_RSS_MIB: u64 = 256;
    const REQUESTS: u64 = 150;
    let (alpha, beta) = flowing(["alpha", "beta"], &["dev.snap"]);
    let gamma = Node::clustered("gamma");
    gamma
        .harper(&["route", "add", &alpha.route(), "--wait"])
        .ok();
    alpha.json(&["node", "add", "gamma", "--publish", "dev.flow"]);
    let filler = "y".repeat(2000);
    for batch in 0..4 {
        let records: Vec<Value> = (0..500)
            .map(|i| json!({"id": batch * 500 + i, "filler": filler}))
            .collect();
        let body =
            json!({"operation": "insert", "database": "dev", "table": "snap", "records": records});
        assert_eq!(alpha.http(&body.to_string()).status, 200);
    }
    beta.stop();
    wait_unlinked(&alpha, "beta");
    let pid = alpha.pid().expect("pid");
    let before = peak_rss_mib(pid);

    let greedy = LivePeer::link(
        &alpha,
        &beta,
        "beta",
        Reading::Never { reports: true },
        all_but_replication,
    );
    for id in 0..REQUESTS {
        greedy.send(&request(
            "beta",
            "alpha",
            id,
            json!({"operation": "__snapshot", "database": "dev", "table": "snap", "after": null, "limit": 5000}),
        ));
    }
    // Until the peer is cut, alpha's memory stays within the bound.
    let cut = ["link to beta is down", "does not read", "bytes queued"];
    let end = Instant::now() + WAIT;
    let line = loop {
        let peak = peak_rss_mib(pid);
        assert!(
            peak <= PEAK_RSS_MIB,
            "alpha's peak RSS went from {before} to {peak} MiB (bound {PEAK_RSS_MIB})"
        );
        let log = alpha.log();
        if let Some(l) = log.lines().find(|l| cut.iter().all(|p| l.contains(p))) {
            break l.to_owned();
        }
        assert!(
            Instant::now() < end,
            "the greedy peer was not cut within {WAIT:?}"
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    wait_unlinked(&alpha, "beta");
    let peak = peak_rss_mib(pid);
    eprintln!("alpha's peak RSS: {before} MiB before the greedy peer, {peak} MiB after; {line}");
    assert!(peak <= PEAK_RSS_MIB, "{peak} MiB");
    // The other links flowed throughout.
    flow(&alpha, &gamma, "dev.flow", 1);
    drop(greedy);
}

#[test]
fn a_peer_that_heartbeats_but_never_reads_is_cut_within_seconds() {
    let (alpha, beta) = flowing(["alpha", "beta"], &[]);
    // One says in its heartbeats that it reads nothing; the other answers
    // none of alpha's. Each is cut within WAIT (NOT_READING_AFTER, 5 s);
    // before, only once 4,096 frames had queued for it, about half an hour
    // of heartbeats.
    let deaf = LivePeer::link(
        &alpha,
        &beta,
        "deaf",
        Reading::Never { reports: true },
        all_but_replication,
    );
    let mute = LivePeer::link(
        &alpha,
        &beta,
        "mute",
        Reading::Never { reports: false },
        all_but_replication,
    );
    wait_log(
        &alpha,
        &[
            "link to deaf is down",
            "node 'deaf' does not read: it has read nothing more for",
            "bytes written to it are unread",
            "bytes queued",
        ],
    );
    wait_log(
        &alpha,
        &[
            "link to mute is down",
            "node 'mute' does not read: its answer to a heartbeat is",
            "bytes queued",
        ],
    );
    wait_unlinked(&alpha, "deaf");
    wait_unlinked(&alpha, "mute");
    flow(&alpha, &beta, "dev.flow", 1);
    drop((deaf, mute));
}

#[test]
fn requests_beyond_a_links_bound_are_answered_busy_at_once() {
    use harper_daemon::mesh::MAX_REQUESTS_PER_LINK;
    const MORE: usize = 40;
    let (alpha, beta) = flowing(["alpha", "beta"], &[]);
    beta.stop();
    wait_unlinked(&alpha, "beta");
    let p = LivePeer::link(&alpha, &beta, "beta", Reading::Yes, all_but_replication);
    // Long polls far ahead of the stream: each holds its slot for 5 s.
    let n = (MAX_REQUESTS_PER_LINK + MORE) as u64;
    for id in 1..=n {
        p.send(&request(
            "beta",
            "alpha",
            id,
            json!({"operation": "__pull", "database": "dev", "table": "flow",
                "from": 1_000_000_000u64, "max": 10, "wait_ms": 5000}),
        ));
    }
    let answer = || {
        p.next("an answer", |f| match f {
            Frame::Envelope(Envelope {
                body: b @ Body::Response { .. },
                ..
            }) => Some(b.clone()),
            _ => None,
        })
    };
    // The ones beyond the bound are answered first, before any poll ends.
    for i in 0..MORE {
        match answer() {
            Body::Response { result: Err(e), .. } if e.contains("is busy") => assert!(
                e.contains(&format!(
                    "node 'alpha' is busy: it is handling {MAX_REQUESTS_PER_LINK} requests from its link to node 'beta'"
                )) && e.ends_with("retry later"),
                "{e}"
            ),
            other => panic!("answer {i} is not a refusal: {other:?}"),
        }
    }
    // Then every long poll ends with its real answer, on the same link.
    let since = link_to(&alpha, "beta").expect("linked")["since_ms"].clone();
    for i in 0..MAX_REQUESTS_PER_LINK {
        match answer() {
            Body::Response { result: Ok(v), .. } => assert!(v["entries"].is_array(), "{v}"),
            other => panic!("long poll {i} ended with {other:?}"),
        }
    }
    assert_eq!(link_to(&alpha, "beta").expect("linked")["since_ms"], since);
}

#[test]
fn a_large_frame_on_a_slow_link_makes_neither_side_look_dead() {
    // About 7 s for the frame: beyond DEAD_AFTER (2 s) without a complete
    // frame from alpha, and beyond NOT_READING_AFTER (5 s) for alpha's
    // answers to beta's heartbeats, which wait behind it. (A small record
    // on a slower link: a debug build encodes and decodes a large one
    // slowly enough, on a loaded machine, to keep its daemons from their
    // heartbeats for seconds, which is not what this test is about.)
    const LINK_BYTES_PER_S: u64 = 300_000;
    const RECORD_BYTES: usize = 2 * 1024 * 1024;
    let (alpha, beta, proxy) = Node::linked_through_proxy("alpha", "beta");
    for t in ["dev.flow", "dev.big"] {
        alpha.harper(&["table", "create", t]).ok();
    }
    alpha.json(&[
        "node",
        "add",
        "beta",
        "--publish",
        "dev.flow",
        "--publish",
        "dev.big",
    ]);
    flow(&alpha, &beta, "dev.flow", 0);
    let since = link_to(&beta, "alpha").expect("linked")["since_ms"].clone();
    proxy.set(Fault::Throttle(LINK_BYTES_PER_S));
    let body = json!({"operation": "insert", "database": "dev", "table": "big",
        "records": [{"id": 1, "blob": "z".repeat(RECORD_BYTES)}]});
    assert_eq!(alpha.http(&body.to_string()).status, 200);
    wait_count(&beta, "dev.big", 1);
    flow(&alpha, &beta, "dev.flow", 1);
    assert_eq!(
        link_to(&beta, "alpha").expect("linked")["since_ms"],
        since,
        "the link was re-made while the frame crossed"
    );
    for n in [&alpha, &beta] {
        assert!(!n.log().contains("is down"), "{}: a link went down", n.name);
    }
}
