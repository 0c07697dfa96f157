//! Poison records: what a peer that still sends something this node cannot
//! decode or apply can do: stall one table's consumer at that entry, with
//! the reason in `cluster status` and the log, and nothing else (the link and
//! every other table go on); once the entry is fixed, it goes on by itself.
//! And an entry in a node's own stream that no peer can receive (written
//! before the limits existed) stalls only its subscribers' consumer of that
//! table, and ships once its record is updated.

use std::time::Duration;

use harper_daemon::store::limits::MAX_RECORD_DEPTH;
use harper_tests::publisher::{Publisher, Served, hlc_now, nested, upserts};
use harper_tests::{Node, WAIT, wait_for};
use serde_json::{Value, json};

/// How long a stalled consumer may take to notice that its entry was fixed:
/// it retries at most every 10 s (`STALLED_BACKOFF_MAX`), plus a pull.
pub const HEAL: Duration = Duration::from_secs(30);

/// `n`'s consumer of `publisher`'s stream of `table`, from `stream info`.
pub fn consumer(n: &Node, publisher: &str, table: &str) -> Option<Value> {
    let r = n.harper(&["stream", "info", table, "-o", "json"]);
    let v: Value = serde_json::from_str(r.stdout.trim()).ok()?;
    v["subscriptions"]
        .as_array()?
        .iter()
        .find(|c| c["publisher"] == publisher)
        .cloned()
}

/// Wait until `n`'s consumer of `publisher`'s `table` satisfies `pred`.
pub fn wait_consumer(
    n: &Node,
    publisher: &str,
    table: &str,
    what: &str,
    within: Duration,
    pred: impl Fn(&Value) -> bool,
) -> Value {
    let mut last = Value::Null;
    let found = wait_for_within(within, || {
        last = consumer(n, publisher, table).unwrap_or(Value::Null);
        pred(&last).then(|| last.clone())
    });
    found.unwrap_or_else(|| {
        panic!(
            "{} on {}: timed out waiting for {what}; last: {last}",
            table, n.name
        )
    })
}

fn wait_for_within<T>(within: Duration, mut f: impl FnMut() -> Option<T>) -> Option<T> {
    let end = std::time::Instant::now() + within;
    loop {
        if let Some(v) = f() {
            return Some(v);
        }
        if std::time::Instant::now() > end {
            return None;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Wait until `n` holds record `id` of `table` and it satisfies `pred`.
pub fn wait_record(n: &Node, table: &str, id: u64, pred: impl Fn(&Value) -> bool) -> Value {
    n.wait_json(
        &format!("{table}[{id}]"),
        &["get", table, &id.to_string()],
        |v| v.as_array().and_then(|a| a.first()).is_some_and(&pred),
    )
}

/// A wait for a line of `n`'s log containing every one of `parts`.
pub fn wait_log(n: &Node, parts: &[&str]) -> String {
    wait_for(&format!("a log line with {parts:?}"), WAIT, || {
        n.log()
            .lines()
            .find(|l| parts.iter().all(|p| l.contains(p)))
            .map(str::to_owned)
    })
}

/// True while `n` has a live link with `peer`.
pub fn linked(n: &Node, peer: &str) -> bool {
    super::links::link_to(n, peer).is_some()
}

/// A real flow (alpha publishes `dev.flow` to beta) beside a fake publisher
/// of `dev.bad` and `dev.good` that beta subscribes to.
fn setup() -> (Node, Node, Publisher) {
    let (a, b) = (Node::clustered("alpha"), Node::clustered("beta"));
    a.harper(&["route", "add", &b.route(), "--wait"]).ok();
    a.harper(&["table", "create", "dev.flow"]).ok();
    a.json(&["node", "add", "beta", "--publish", "dev.flow"]);
    let fake = Publisher::dial(&b, "fake", &["dev.bad", "dev.good"]);
    let added = b.json(&[
        "node",
        "add",
        "fake",
        "--subscribe",
        "dev.bad",
        "--subscribe",
        "dev.good",
    ]);
    assert_eq!(added["added"].as_array().map(Vec::len), Some(2), "{added}");
    (a, b, fake)
}

/// One more record through the real flow.
fn flows(a: &Node, b: &Node, id: u64) {
    a.harper(&["insert", "dev.flow", &json!({"id": id}).to_string()])
        .ok();
    wait_record(b, "dev.flow", id, |_| true);
}

#[test]
fn an_answer_that_cannot_be_decoded_stalls_one_table_not_the_link() {
    let (a, b, fake) = setup();
    fake.push(
        "dev.good",
        upserts("fake", hlc_now(0), vec![json!({"id": 1})]),
    );
    wait_record(&b, "dev.good", 1, |_| true);
    // An entry nested 200 levels: no serde_json reader takes the frame.
    let seq = fake.push("dev.bad", undecodable());
    let stalled = wait_consumer(&b, "fake", "dev.bad", "a stall", WAIT, |c| {
        c["state"] == "stalled"
    });
    assert_eq!(stalled["stalled"]["seq"], seq, "{stalled}");
    let reason = stalled["stalled"]["reason"].as_str().unwrap_or_default();
    assert!(
        reason.contains("fake"),
        "the reason names the publisher: {reason}"
    );
    wait_log(&b, &["stalled at sequence 1", "dev.bad"]);
    // The link stays, the other table of the same publisher flows, and so
    // does the real flow from alpha.
    assert!(linked(&b, "fake"), "{}", b.mesh_status());
    fake.push(
        "dev.good",
        upserts("fake", hlc_now(0), vec![json!({"id": 2})]),
    );
    wait_record(&b, "dev.good", 2, |_| true);
    flows(&a, &b, 1);
    // `cluster status` shows it too.
    let status = b.json(&["cluster", "status"]);
    let shown = status["connections"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|c| c["node_name"] == "fake")
        .flat_map(|c| c["consumers"].as_array().cloned().unwrap_or_default())
        .find(|k| k["table"] == "bad");
    assert_eq!(
        shown.as_ref().map(|k| k["stalled"]["seq"].clone()),
        Some(json!(seq)),
        "{status}"
    );
    let table = b.harper(&["cluster", "status"]);
    assert!(
        table.stdout.contains("stalled at 1"),
        "the table form says where: {}",
        table.stdout
    );
    // Fixed at the publisher: it goes on without a purge or a restart.
    fake.replace(
        "dev.bad",
        seq,
        upserts("fake", hlc_now(0), vec![json!({"id": 1, "fixed": true})]),
    );
    wait_consumer(&b, "fake", "dev.bad", "the heal", HEAL, |c| {
        c["state"] != "stalled" && c["next_seq"] == seq + 1
    });
    wait_record(&b, "dev.bad", 1, |r| r["fixed"] == true);
    assert!(linked(&b, "fake"));
}

#[test]
fn an_entry_beyond_the_limits_is_refused_at_apply_and_stalls_only_its_table() {
    let (a, b, fake) = setup();
    // Decodable, but nested deeper than any record this node accepts.
    let too_deep = json!({"id": 5, "x": nested(MAX_RECORD_DEPTH)});
    let ok = json!({"id": 6});
    let seq = fake.push("dev.bad", upserts("fake", hlc_now(0), vec![ok, too_deep]));
    let stalled = wait_consumer(&b, "fake", "dev.bad", "a stall", WAIT, |c| {
        c["state"] == "stalled"
    });
    assert_eq!(stalled["stalled"]["seq"], seq);
    let reason = stalled["stalled"]["reason"].as_str().unwrap_or_default();
    assert!(reason.contains("64 levels"), "{reason}");
    // Nothing of that transaction was applied (it is one transaction).
    let got = b.json(&["get", "dev.bad", "6"]);
    assert_eq!(got, json!([]), "{got}");
    fake.push(
        "dev.good",
        upserts("fake", hlc_now(0), vec![json!({"id": 1})]),
    );
    wait_record(&b, "dev.good", 1, |_| true);
    flows(&a, &b, 1);
    fake.replace(
        "dev.bad",
        seq,
        upserts(
            "fake",
            hlc_now(0),
            vec![json!({"id": 6}), json!({"id": 5, "x": nested(3)})],
        ),
    );
    wait_record(&b, "dev.bad", 5, |_| true);
    wait_record(&b, "dev.bad", 6, |_| true);
}

/// A legacy poison entry in a real node's own stream: alpha's stream of
/// `dev.bad` gets an entry whose record nests too deep (planted with the
/// daemon stopped, as a node upgraded from before the limits would hold it).
#[test]
fn a_poison_entry_in_a_stream_stalls_its_subscribers_until_the_record_is_updated() {
    let (a, b) = (Node::clustered("alpha"), Node::clustered("beta"));
    a.harper(&["route", "add", &b.route(), "--wait"]).ok();
    for t in ["dev.bad", "dev.flow"] {
        a.harper(&["table", "create", t]).ok();
    }
    a.json(&[
        "node",
        "add",
        "beta",
        "--publish",
        "dev.bad",
        "--publish",
        "dev.flow",
    ]);
    a.harper(&["insert", "dev.bad", r#"[{"id":1},{"id":2}]"#])
        .ok();
    wait_record(&b, "dev.bad", 2, |_| true);
    let seq = plant_poison(&a, "dev.bad", 1);
    a.start();
    a.harper(&["route", "add", &b.route(), "--wait"]).ok();
    let stalled = wait_consumer(&b, "alpha", "dev.bad", "a stall", WAIT, |c| {
        c["state"] == "stalled"
    });
    assert_eq!(stalled["stalled"]["seq"], seq, "{stalled}");
    assert!(
        stalled["stalled"]["reason"]
            .as_str()
            .is_some_and(|r| r.contains("record 1 of 'dev.bad'")),
        "{stalled}"
    );
    wait_log(&a, &["an entry cannot be shipped", "dev.bad"]);
    // Other tables and later entries of the same publisher go on.
    flows(&a, &b, 1);
    // Updating the record on alpha (an upsert merges: the deep attribute
    // goes with `null`) makes the entry shippable without that write.
    a.harper(&["upsert", "dev.bad", r#"{"id":1,"deep":null,"v":"fixed"}"#])
        .ok();
    wait_record(&b, "dev.bad", 1, |r| r["v"] == "fixed");
    let c = wait_consumer(&b, "alpha", "dev.bad", "the heal", HEAL, |c| {
        c["state"] != "stalled"
    });
    assert_eq!(c["omitted_writes"], 1, "{c}");
}

/// Stop `n`, append to its stream of `table` an entry that upserts record
/// `id` nested deeper than the limit (and store that record), and leave the
/// daemon stopped; the entry's sequence.
pub fn plant_poison(n: &Node, table: &str, id: u64) -> u64 {
    use harper_daemon::store::{Store, Stored, TxnEntry, TxnWrite, Version, WriteOp};
    n.stop();
    let t: harper_rpc::TableRef = table.parse().unwrap();
    let store = Store::open(&n.root().join("database"), &n.name, false).expect("open the store");
    let table = store.table(&t).expect("table");
    // 119 levels, as the record that stopped every table of a link: a frame
    // carrying it is deeper than serde_json's limit of 128.
    let record = json!({"id": id, "deep": nested(118)});
    let version = Version {
        ts: store.hlc().now(),
        node: n.name.clone(),
    };
    let entry = TxnEntry {
        origin: n.name.clone(),
        ts: version.ts,
        appended: version.ts,
        user: None,
        transacted: Vec::new(),
        writes: vec![TxnWrite {
            op: WriteOp::Upsert,
            id: json!(id),
            record: Some(record.clone()),
        }],
    };
    let seq = table.last_seq() + 1;
    let key = harper_daemon::store::record::encode_key(&json!(id)).unwrap();
    let stored = Stored {
        version,
        record: Some(record),
        id: json!(id),
    };
    table.records().insert(key, stored.encode()).unwrap();
    table
        .stream()
        .insert(harper_daemon::store::stream::seq_key(seq), entry.encode())
        .unwrap();
    store.flush_blocking().unwrap();
    drop(table);
    drop(store);
    seq
}

/// Two nodes with two-way subscriptions and writers on both; mid-load a
/// publisher that beta also subscribes to sends two poison entries (one no
/// peer can decode, one beyond the limits). Those two tables stall; the
/// others converge and pass the history check; once the entries are fixed,
/// the stalled tables catch up too.
#[test]
fn poison_mid_load_stalls_its_tables_and_the_others_pass_the_history_check() {
    use std::sync::atomic::{AtomicBool, Ordering};

    use harper_tests::history::{History, Rng, seed};

    use super::{Mesh, SEED_VAR, check_histories, writer};

    let seed = seed(SEED_VAR);
    let mut rng = Rng::new(seed);
    let mesh = Mesh::full(&["alpha", "beta"], &["dev.h1", "dev.h2"]);
    let b = &mesh.nodes[1];
    let fake = Publisher::dial(b, "fake", &["dev.bad1", "dev.bad2"]);
    b.json(&[
        "node",
        "add",
        "fake",
        "--subscribe",
        "dev.bad1",
        "--subscribe",
        "dev.bad2",
    ]);
    let hist = History::new();
    let stop = AtomicBool::new(false);
    std::thread::scope(|s| {
        for n in &mesh.nodes {
            let r = rng.fork();
            let (stop, hist, tables) = (&stop, &hist, &mesh.tables);
            let tag = format!("{}-w", n.name);
            s.spawn(move || {
                writer(
                    n,
                    tables,
                    25,
                    r,
                    stop,
                    400,
                    hist,
                    &tag,
                    Duration::from_millis(5),
                )
            });
        }
        std::thread::sleep(Duration::from_secs(1));
        fake.push("dev.bad1", undecodable());
        fake.push(
            "dev.bad2",
            upserts(
                "fake",
                hlc_now(0),
                vec![json!({"id": 1, "x": nested(MAX_RECORD_DEPTH)})],
            ),
        );
        for t in ["dev.bad1", "dev.bad2"] {
            wait_consumer(b, "fake", t, "a stall", WAIT, |c| c["state"] == "stalled");
        }
        std::thread::sleep(Duration::from_secs(3));
        stop.store(true, Ordering::SeqCst);
    });
    mesh.converge(seed);
    check_histories(&mesh.nodes, &mesh.tables, &hist.ops(), seed);
    assert!(linked(b, "fake"), "{}", b.mesh_status());
    for t in ["dev.bad1", "dev.bad2"] {
        let c = consumer(b, "fake", t).expect("consumer");
        assert_eq!(c["state"], "stalled", "{t}: {c}");
        fake.replace(
            t,
            1,
            upserts("fake", hlc_now(0), vec![json!({"id": 1, "fixed": true})]),
        );
    }
    for t in ["dev.bad1", "dev.bad2"] {
        wait_record(b, t, 1, |r| r["fixed"] == true);
    }
}

/// An entry whose record nests 200 levels: no serde_json reader takes the
/// frame that carries it (sent raw, past the fake publisher's own checks).
fn undecodable() -> Served {
    let entry = match upserts(
        "fake",
        hlc_now(0),
        vec![json!({"id": 1, "deep": nested(200)})],
    ) {
        Served::Entry(e) => e,
        Served::Raw(_) => unreachable!(),
    };
    let mut raw = serde_json::to_value(entry).unwrap();
    raw["note"] = json!("poison");
    Served::Raw(raw)
}
