//! The HTTP door: least privilege for `cluster_user`, and no work spent on a body before its caller has logged in.

use std::io::Write;
use std::net::Ipv4Addr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Barrier};

use harper_tests::Node;
use harper_tests::http::{Answer, Conn, basic};
use serde_json::{Value, json};

const DESCRIBE_ALL: &str = r#"{"operation":"describe_all"}"#;

/// HarperDB's 403 body for an operation the caller's role may not run.
fn forbidden(internal: &str) -> Value {
    json!({
        "error": "This operation is not authorized due to role restrictions and/or invalid database items",
        "unauthorized_access": [format!("Operation '{internal}' is restricted to 'super_user' roles")],
        "invalid_schema_items": [],
    })
}

/// A `kB` field of `/proc/PID/status` (`VmHWM`: the peak resident set).
fn status_kib(pid: i32, field: &str) -> u64 {
    let status =
        std::fs::read_to_string(format!("/proc/{pid}/status")).expect("the daemon's status");
    status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches(" kB").parse().ok())
        .unwrap_or_else(|| panic!("no {field} in {status}"))
}

#[test]
fn a_cluster_user_may_run_nothing_but_user_info() {
    let n = Node::started("Node1");
    n.harper(&["table", "create", "dev.dog"]).ok();
    let harper = json!({"id": 1, "name": "Harper"});
    let seed = json!({"operation":"insert","database":"dev","table":"dog","records":[harper]});
    assert_eq!(n.http(&seed.to_string()).status, 200);
    let add = json!({"operation":"add_user","role":"cluster_user","username":"cu","password":"cu-Secret-1","active":true});
    assert_eq!(n.http(&add.to_string()).status, 200);
    let config = n.config_bytes();
    let cu = basic("cu", "cu-Secret-1");
    let dog = |op: &str, fields: Value| {
        let mut body = json!({"operation": op, "database": "dev", "table": "dog"});
        for (k, v) in fields.as_object().unwrap() {
            body[k] = v.clone();
        }
        body
    };
    let all = json!(["*"]);
    for (body, internal) in [
        (
            dog("search_by_id", json!({"ids":[1],"get_attributes":all})),
            "searchByHash",
        ),
        (
            dog(
                "search_by_value",
                json!({"search_attribute":"name","search_value":"*","get_attributes":all}),
            ),
            "searchByValue",
        ),
        (
            dog(
                "search_by_conditions",
                json!({"conditions":[{"search_attribute":"id","search_type":"equals","search_value":1}],"get_attributes":all}),
            ),
            "searchByConditions",
        ),
        (dog("insert", json!({"records":[{"id":2}]})), "insert"),
        (
            dog("update", json!({"records":[{"id":1,"name":"changed"}]})),
            "update",
        ),
        (dog("upsert", json!({"records":[{"id":3}]})), "upsert"),
        (dog("delete", json!({"ids":[1]})), "delete"),
        (
            dog("csv_data_load", json!({"data":"id,name\n4,Penny\n"})),
            "csvDataLoad",
        ),
        (dog("describe_table", json!({})), "describeTable"),
        (
            json!({"operation":"describe_database","database":"dev"}),
            "describeSchema",
        ),
        (json!({"operation":"describe_all"}), "describeAll"),
        (
            json!({"operation":"get_job","id":"00000000-0000-0000-0000-000000000000"}),
            "handleGetJob",
        ),
        // Admin operations keep HarperDB's internal names.
        (
            json!({"operation":"cluster_set_routes","server":"hub","routes":[{"host":"10.9.9.9","port":9932}]}),
            "setRoutes",
        ),
        (
            json!({"operation":"add_user","role":"super_user","username":"mine","password":"x","active":true}),
            "addUser",
        ),
        (
            json!({"operation":"drop_table","database":"dev","table":"dog"}),
            "dropTable",
        ),
        (
            json!({"operation":"system_information"}),
            "systemInformation",
        ),
        // Nor is it told which operations exist.
        (json!({"operation":"frobnicate"}), "frobnicate"),
    ] {
        let got = n.http_as(Some(&cu), &body.to_string());
        assert_eq!(
            (got.status, got.json()),
            (403, forbidden(internal)),
            "{body}: {got:#?}"
        );
    }

    // HarperDB leaves user_info open to every role: the caller's own record, no hash.
    let me = n.http_as(Some(&cu), r#"{"operation":"user_info"}"#);
    assert_eq!(me.status, 200, "{me:#?}");
    let me = me.json();
    assert_eq!(
        (me["username"].as_str(), me["role"]["role"].as_str()),
        (Some("cu"), Some("cluster_user"))
    );
    assert!(!me.to_string().contains("argon2"), "{me}");

    // Nothing was written or changed.
    let rows = n.http(
        &dog(
            "search_by_value",
            json!({"search_attribute":"id","search_value":"*","get_attributes":all}),
        )
        .to_string(),
    );
    assert_eq!((rows.status, rows.json()), (200, json!([harper])));
    let table = n.json(&["table", "describe", "dev.dog"]);
    assert_eq!(table["record_count"], json!(1), "{table}");
    let users = n.http(r#"{"operation":"list_users"}"#).json();
    let names: Vec<&str> = users
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|u| u["username"].as_str())
        .collect();
    assert_eq!(names, ["admin", "cu"]);
    assert_eq!(n.config_bytes(), config, "the config changed");
}

/// A body of `bytes` (valid JSON, so that a daemon that reads it parses it
/// too) streamed by a thread of its own while the answer is awaited.
struct Upload {
    conn: Conn,
    sent: Arc<AtomicUsize>,
    writer: std::thread::JoinHandle<()>,
}

impl Upload {
    /// Send the head (with `auth`: a header line, or nothing) and start the body.
    fn start(mut conn: Conn, auth: &str, bytes: usize) -> Upload {
        let head = format!("POST / HTTP/1.1\r\nHost: x\r\n{auth}Content-Length: {bytes}\r\n\r\n");
        conn.send_raw(head.as_bytes()).unwrap();
        let sent = Arc::new(AtomicUsize::new(0));
        let mut out = conn.stream().try_clone().unwrap();
        let writer = {
            let sent = sent.clone();
            std::thread::spawn(move || {
                let (head, tail) = (br#"{"operation":"describe_all","pad":""#, br#""}"#);
                let filler = vec![b'x'; 1024 * 1024];
                let mut left = bytes - head.len() - tail.len();
                let mut parts = vec![&head[..]];
                while left > 0 {
                    let n = left.min(filler.len());
                    parts.push(&filler[..n]);
                    left -= n;
                }
                parts.push(&tail[..]);
                for part in parts {
                    if out.write_all(part).is_err() {
                        break; // closed by the daemon
                    }
                    sent.fetch_add(part.len(), Ordering::Relaxed);
                }
            })
        };
        Upload { conn, sent, writer }
    }

    /// The answer, the bytes of the body sent when it came, and whether the
    /// connection was closed after it.
    fn finish(mut self) -> (Option<Answer>, usize, bool) {
        let answer = self.conn.read_answer();
        let sent = self.sent.load(Ordering::Relaxed);
        let closed = answer.is_some() && self.conn.is_closed();
        self.writer.join().unwrap();
        (answer, sent, closed)
    }
}

/// Start `count` uploads at once (`start(i)` makes the i-th), send a small
/// logged-in request once every head is sent (it must be answered), and
/// return each upload's outcome (see [`Upload::finish`]).
fn uploads_at_once(
    n: &Node,
    count: usize,
    start: impl Fn(usize) -> Upload + Send + Sync + 'static,
) -> Vec<(Option<Answer>, usize, bool)> {
    let start = Arc::new(start);
    let heads_sent = Arc::new(Barrier::new(count + 1));
    let uploads: Vec<_> = (0..count)
        .map(|i| {
            let (heads_sent, start) = (heads_sent.clone(), start.clone());
            std::thread::spawn(move || {
                let upload = start(i);
                heads_sent.wait();
                upload.finish()
            })
        })
        .collect();
    heads_sent.wait();
    let meanwhile = n.http(DESCRIBE_ALL);
    assert_eq!(meanwhile.status, 200, "{meanwhile:#?}");
    uploads.into_iter().map(|u| u.join().unwrap()).collect()
}

/// Ten clients send 50 MB bodies without logging in: each gets its 401 long
/// before its body is sent, the daemon's memory stays where it was, and a
/// client that logs in is answered meanwhile.
#[test]
fn bodies_of_callers_who_did_not_log_in_are_not_read() {
    const UPLOADS: usize = 10;
    const BODY_BYTES: usize = 50_000_000;
    const SLACK_KIB: u64 = 64 * 1024;
    let n = Node::started("Node1");
    let port = n.operations_port;
    // What logins cost anyway (argon2's buffers, as many at once as may run)
    // is in the baseline; bodies must add nothing to it.
    let warm: Vec<_> = (0..4u8)
        .map(|i| {
            let addr = Ipv4Addr::new(127, 0, 0, 50 + i);
            std::thread::spawn(move || {
                Conn::open_from(port, addr)
                    .post(Some(&basic("nobody", "x")), DESCRIBE_ALL)
                    .status
            })
        })
        .collect();
    for w in warm {
        assert_eq!(w.join().unwrap(), 401);
    }
    assert_eq!(n.http(DESCRIBE_ALL).status, 200);
    let pid = n.pid().expect("pid file");
    let idle = status_kib(pid, "VmHWM");

    let results = uploads_at_once(&n, UPLOADS, move |i| {
        // Half send no credentials, half a wrong password (each from an
        // address of its own, so that none is backed off).
        if i % 2 == 0 {
            Upload::start(Conn::open(port), "", BODY_BYTES)
        } else {
            let from = Ipv4Addr::new(127, 0, 0, 10 + i as u8);
            let wrong = basic("admin", &format!("wrong-{i}"));
            let auth = format!("Authorization: {wrong}\r\n");
            Upload::start(Conn::open_from(port, from), &auth, BODY_BYTES)
        }
    });
    let peak = status_kib(pid, "VmHWM");
    eprintln!("VmHWM idle {idle} KiB, after the uploads {peak} KiB");
    assert!(
        peak < idle + SLACK_KIB,
        "the daemon's peak memory grew from {idle} to {peak} KiB for bodies it never needed"
    );
    for (i, (answer, sent_then, closed)) in results.into_iter().enumerate() {
        let a = answer.unwrap_or_else(|| panic!("upload {i}: no answer"));
        assert!(
            sent_then < BODY_BYTES,
            "upload {i}: the whole body was read before the answer"
        );
        let want = if i % 2 == 0 {
            "Must login"
        } else {
            "Login failed"
        };
        assert_eq!(
            (a.status, a.json()),
            (401, json!({ "error": want })),
            "upload {i}"
        );
        assert_eq!(a.header("connection"), Some("close"), "upload {i}");
        assert!(
            closed,
            "upload {i}: the connection must close after the 401"
        );
    }
}

/// Sixteen logged-in clients send 50 MB bodies at once: together they need
/// more than the door's budget, so they take turns for room (they wait, or
/// are refused with 503 and a Retry-After); the daemon's memory stays within
/// the budget, and a small request is answered meanwhile.
#[test]
fn concurrent_large_bodies_share_one_budget() {
    const UPLOADS: usize = 16;
    const BODY_BYTES: usize = 50_000_000;
    const BUDGET_KIB: u64 = 1024 * 1024;
    let n = Node::started("Node1");
    let port = n.operations_port;
    assert_eq!(n.http(DESCRIBE_ALL).status, 200);
    let pid = n.pid().expect("pid file");
    let idle = status_kib(pid, "VmHWM");
    let results = uploads_at_once(&n, UPLOADS, move |_| {
        let auth = format!("Authorization: {}\r\n", basic("admin", "pw"));
        Upload::start(Conn::open(port), &auth, BODY_BYTES)
    });
    let peak = status_kib(pid, "VmHWM");
    let statuses: Vec<u16> = results
        .iter()
        .map(|(a, _, _)| a.as_ref().map_or(0, |a| a.status))
        .collect();
    eprintln!("VmHWM idle {idle} KiB, after the uploads {peak} KiB; answers {statuses:?}");
    assert!(
        peak < idle + BUDGET_KIB,
        "the daemon's peak memory grew from {idle} to {peak} KiB"
    );
    for (i, (answer, _, _)) in results.into_iter().enumerate() {
        let a = answer.unwrap_or_else(|| panic!("upload {i}: no answer"));
        match a.status {
            200 => assert_eq!(a.json(), json!({}), "upload {i}"),
            503 => {
                assert_eq!(a.header("retry-after"), Some("2"), "upload {i}: {a:#?}");
                assert!(
                    a.json()["error"]
                        .as_str()
                        .is_some_and(|e| e.contains("try again")),
                    "upload {i}: {a:#?}"
                );
            }
            _ => panic!("upload {i}: {a:#?}"),
        }
    }
    assert!(statuses.contains(&200), "none got through: {statuses:?}");
}

/// The parsed form of a body counts in the door's budget: a body of 20 MB
/// of small numbers (over 1 GiB as JSON values with the operation's copy)
/// is refused once the budget is spent, not after the memory is.
#[test]
fn values_beyond_the_budget_are_refused_before_they_are_built() {
    const BUDGET_KIB: u64 = 1024 * 1024;
    let n = Node::started("Node1");
    assert_eq!(n.http(DESCRIBE_ALL).status, 200);
    let pid = n.pid().expect("pid file");
    let idle = status_kib(pid, "VmHWM");
    let zeros = "0,".repeat(10_000_000);
    let body = format!(r#"{{"operation":"describe_all","pad":[{zeros}0]}}"#);
    let got = Conn::open(n.operations_port).post(Some(&basic("admin", "pw")), &body);
    let peak = status_kib(pid, "VmHWM");
    eprintln!("VmHWM idle {idle} KiB, after the refused body {peak} KiB");
    assert!(
        peak < idle + BUDGET_KIB,
        "the daemon's peak memory grew from {idle} to {peak} KiB"
    );
    assert_eq!(
        (got.status, got.json()),
        (
            413,
            json!({"error":"The request body's values need more than the limit of 1024 MiB of memory; send fewer records per request."})
        )
    );
    assert_eq!(n.http(DESCRIBE_ALL).status, 200);
}
