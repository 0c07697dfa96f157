//! The write-side limits (store::limits): what a node accepts, every peer can
//! receive. A record nested too deep, a record too large (also after an
//! update's merge) and a transaction too large are refused through both
//! doors with the limit named, and change nothing; what is accepted at the
//! limit replicates; a CSV load larger than one transaction loads in parts.

use harper_tests::{Node, WAIT, wait_for};
use serde_json::{Value, json};

const MIB: usize = 1024 * 1024;
/// The limits, as `harperd` defines them (`store::limits`).
const MAX_RECORD_DEPTH: usize = 64;
const MAX_RECORD_BYTES: usize = 8 * MIB;
const DEPTH_ERROR: &str = "a record is nested more than 64 levels deep";
const RECORD_ERROR: &str = "larger than the limit of 8 MiB per record";
const ENTRY_ERROR: &str = "larger than the limit of 32 MiB per transaction on one table";

/// A record `{"id": id, "a": {"a": ... 1}}` nesting `levels` objects in all
/// (the record itself is level 1), as JSON text.
fn nested(id: u64, levels: usize) -> String {
    assert!(levels >= 1);
    let inner = levels - 1;
    format!(
        r#"{{"id":{id},"a":{}1{}}}"#,
        r#"{"a":"#.repeat(inner),
        "}".repeat(inner)
    )
}

/// An insert (or another write) over HTTP with `records` given as JSON text.
fn write_body(op: &str, table: &str, records: &str) -> String {
    let (db, t) = table.split_once('.').unwrap();
    format!(r#"{{"operation":"{op}","database":"{db}","table":"{t}","records":[{records}]}}"#)
}

/// `record_count` and the stream's `last_seq` of a table: what a refused
/// write must leave as it was.
fn state(n: &Node, table: &str) -> (Value, Value) {
    let d = n.json(&["table", "describe", table]);
    let s = n.json(&["stream", "info", table]);
    (d["record_count"].clone(), s["last_seq"].clone())
}

/// Assert an HTTP answer is a 400 whose error contains `part`.
#[track_caller]
fn refused(a: &harper_tests::http::Answer, part: &str) {
    assert_eq!(a.status, 400, "{}", &a.body[..a.body.len().min(500)]);
    let error = a.json()["error"].as_str().unwrap_or_default().to_owned();
    assert!(error.contains(part), "{error}");
}

fn file(n: &Node, name: &str, text: &str) -> String {
    let path = n.root().join(name);
    std::fs::write(&path, text).unwrap();
    format!("@{}", path.display())
}

#[test]
fn a_record_nested_119_levels_is_refused_through_both_doors() {
    let n = Node::started("Node1");
    n.harper(&["table", "create", "dev.deep"]).ok();
    n.harper(&["insert", "dev.deep", r#"{"id":1}"#]).ok();
    let before = state(&n, "dev.deep");

    let deep = nested(2, 119);
    refused(
        &n.http(&write_body("insert", "dev.deep", &deep)),
        DEPTH_ERROR,
    );
    let out = n.harper(&["insert", "dev.deep", &file(&n, "deep.json", &deep)]);
    assert_eq!(out.code, 2, "{out:#?}");
    assert!(out.stderr.contains(DEPTH_ERROR), "{out:#?}");
    let out = n.harper_stdin(&["upsert", "dev.deep", "-"], &deep);
    assert_eq!(out.code, 2, "{out:#?}");
    assert!(out.stderr.contains(DEPTH_ERROR), "{out:#?}");

    // The deepest record the socket carries gets the daemon's answer; a
    // deeper one a clear error from the CLI, not a dropped connection.
    let out = n.harper(&["insert", "dev.deep", &nested(3, 121)]);
    assert_eq!(out.code, 2, "{out:#?}");
    assert!(out.stderr.contains(DEPTH_ERROR), "{out:#?}");
    let out = n.harper(&["insert", "dev.deep", &nested(3, 122)]);
    assert_eq!(out.code, 2, "{out:#?}");
    assert!(
        out.stderr
            .contains("more than 123 levels deep, more than the daemon's socket takes"),
        "{out:#?}"
    );
    // Deeper than the parser takes: a clear 400, not "Invalid JSON." alone.
    let a = n.http(&write_body("insert", "dev.deep", &nested(3, 140)));
    refused(&a, "nested more than 127 levels deep");
    assert_eq!(state(&n, "dev.deep"), before);
    assert_eq!(n.json(&["get", "dev.deep", "2"]), json!([]));
}

#[test]
fn the_depth_limit_is_64_levels() {
    let n = Node::started("Node1");
    n.harper(&["table", "create", "dev.deep"]).ok();
    let over = nested(1, MAX_RECORD_DEPTH + 1);
    refused(
        &n.http(&write_body("insert", "dev.deep", &over)),
        DEPTH_ERROR,
    );
    let out = n.harper(&["insert", "dev.deep", &over]);
    assert_eq!(out.code, 2, "{out:#?}");
    assert!(out.stderr.contains(DEPTH_ERROR), "{out:#?}");
    assert_eq!(state(&n, "dev.deep"), (json!(0), json!(0)));

    let at = nested(1, MAX_RECORD_DEPTH);
    let a = n.http(&write_body("insert", "dev.deep", &at));
    assert_eq!(a.status, 200, "{a:#?}");
    let got = n.json(&["get", "dev.deep", "1"]);
    assert_eq!(got[0], serde_json::from_str::<Value>(&at).unwrap());
}

/// `{"id":id,"s":"xxx..."}` whose JSON is exactly `bytes` long.
fn sized(id: u64, bytes: usize) -> String {
    let frame = format!(r#"{{"id":{id},"s":""}}"#).len();
    format!(r#"{{"id":{id},"s":"{}"}}"#, "x".repeat(bytes - frame))
}

#[test]
fn a_record_past_8_mib_is_refused_and_one_at_the_limit_replicates() {
    let (a, b) = (Node::clustered("A"), Node::clustered("B"));
    a.harper(&["route", "add", &b.route(), "--wait"]).ok();
    a.harper(&["table", "create", "dev.big"]).ok();
    a.json(&["node", "add", "B", "--publish", "dev.big"]);

    // The issue's record: ~20 MB sent, ~76 MB stored (1e15 is stored as
    // 1000000000000000.0).
    let mut huge = String::with_capacity(21 * MIB);
    huge.push_str(r#"{"id":1,"a":["#);
    for i in 0..4_000_000 {
        huge.push_str(if i == 0 { "1e15" } else { ",1e15" });
    }
    huge.push_str("]}");
    let answer = a.http(&write_body("insert", "dev.big", &huge));
    drop(huge);
    refused(&answer, RECORD_ERROR);

    // One byte past the limit, through both doors; then exactly at it.
    let over = sized(2, MAX_RECORD_BYTES + 1);
    refused(
        &a.http(&write_body("insert", "dev.big", &over)),
        RECORD_ERROR,
    );
    let out = a.harper(&["insert", "dev.big", &file(&a, "over.json", &over)]);
    drop(over);
    assert_eq!(out.code, 2, "{out:#?}");
    assert!(out.stderr.contains(RECORD_ERROR), "{out:#?}");
    assert_eq!(state(&a, "dev.big"), (json!(0), json!(0)));

    let at = sized(3, MAX_RECORD_BYTES);
    let answer = a.http(&write_body("insert", "dev.big", &at));
    assert_eq!(answer.status, 200, "{answer:#?}");
    // What A accepted, B receives and applies.
    let got = wait_for("the 8 MiB record on B", WAIT, || {
        let r = b.harper(&["get", "dev.big", "3", "-o", "json"]);
        let v: Value = serde_json::from_str(r.stdout.trim()).ok()?;
        v[0]["s"].as_str().map(str::len)
    });
    assert_eq!(got, at.len() - r#"{"id":3,"s":""}"#.len());
}

#[test]
fn a_transaction_over_32_mib_is_refused_and_smaller_ones_accepted() {
    let n = Node::started("Node1");
    n.harper(&["table", "create", "dev.bulk"]).ok();
    let records: Vec<String> = (1..=36).map(|id| sized(id, MIB)).collect();
    let a = n.http(&write_body("insert", "dev.bulk", &records.join(",")));
    refused(&a, ENTRY_ERROR);
    assert_eq!(state(&n, "dev.bulk"), (json!(0), json!(0)));

    for part in records.chunks(12) {
        let a = n.http(&write_body("insert", "dev.bulk", &part.join(",")));
        assert_eq!(a.status, 200, "{}", &a.body[..a.body.len().min(500)]);
    }
    assert_eq!(state(&n, "dev.bulk"), (json!(36), json!(3)));
}

#[test]
fn an_update_that_grows_a_record_past_8_mib_is_refused_and_the_old_stays() {
    let n = Node::started("Node1");
    n.harper(&["table", "create", "dev.grow"]).ok();
    let first = format!(r#"{{"id":1,"a":"{}"}}"#, "a".repeat(5 * MIB));
    assert_eq!(
        n.http(&write_body("insert", "dev.grow", &first)).status,
        200
    );
    let before = state(&n, "dev.grow");
    let more = format!(r#"{{"id":1,"b":"{}"}}"#, "b".repeat(4 * MIB));
    for op in ["update", "upsert"] {
        refused(&n.http(&write_body(op, "dev.grow", &more)), RECORD_ERROR);
    }
    assert_eq!(state(&n, "dev.grow"), before);
    let got = n.json(&["get", "dev.grow", "1"]);
    assert_eq!(got[0]["a"].as_str().map(str::len), Some(5 * MIB));
    assert_eq!(got[0].get("b"), None);
}

/// Run `csv_file_load` of `text` into `table` and wait for the job's end.
fn load_csv(n: &Node, table: &str, text: &str) -> Value {
    let path = n.root().join("load.csv");
    std::fs::write(&path, text).unwrap();
    let (db, t) = table.split_once('.').unwrap();
    let a = n.http(
        &json!({"operation":"csv_file_load","database":db,"table":t,"file_path":path}).to_string(),
    );
    assert_eq!(a.status, 200, "{a:#?}");
    let id = a.json()["job_id"].as_str().unwrap().to_owned();
    wait_for(&format!("job {id}"), WAIT * 3, || {
        let job = n
            .http(&json!({"operation":"get_job","id":id}).to_string())
            .json()[0]
            .clone();
        matches!(job["status"].as_str(), Some("COMPLETE" | "ERROR")).then_some(job)
    })
}

#[test]
fn a_csv_larger_than_a_transaction_loads_whole() {
    let n = Node::started("Node1");
    n.harper(&["table", "create", "dev.rows"]).ok();
    const ROWS: usize = 20_000;
    let cell = "c".repeat(2000);
    let mut text = String::with_capacity(ROWS * 2020);
    text.push_str("id,text\n");
    for id in 1..=ROWS {
        text.push_str(&format!("{id},{cell}\n"));
    }
    assert!(text.len() > 36 * MIB);
    let job = load_csv(&n, "dev.rows", &text);
    assert_eq!(job["status"], "COMPLETE", "{job:#}");
    assert_eq!(
        job["message"],
        format!("successfully loaded {ROWS} of {ROWS} records")
    );
    assert_eq!(
        n.json(&["table", "describe", "dev.rows"])["record_count"],
        ROWS
    );
}

#[test]
fn a_csv_record_beyond_the_limit_fails_the_load_naming_it() {
    let n = Node::started("Node1");
    n.harper(&["table", "create", "dev.rows"]).ok();
    let text = format!(
        "id,text\n1,a\n2,b\n3,c\n4,{}\n5,e\n",
        "d".repeat(MAX_RECORD_BYTES)
    );
    let job = load_csv(&n, "dev.rows", &text);
    assert_eq!(job["status"], "ERROR", "{job:#}");
    let message = job["message"].as_str().unwrap_or_default();
    assert!(message.starts_with("CSV record 4: "), "{message}");
    assert!(message.contains(RECORD_ERROR), "{message}");
    // The records before it are loaded; it and those after are not.
    assert_eq!(
        n.json(&["table", "describe", "dev.rows"])["record_count"],
        3
    );
    assert_eq!(n.json(&["get", "dev.rows", "4"]), json!([]));
}
