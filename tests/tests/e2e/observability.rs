//! Observability for fleets: `/metrics` scraped from two replicating
//! daemons while records flow and their link is cut and healed; the health
//! probes' 200 and 503; who may read `/metrics`; the metric names'
//! conventions; `logging.format: json`.

use std::net::TcpListener;

use harper_daemon::metrics::naming_problem;
use harper_tests::http::{Conn, basic};
use harper_tests::proxy::Fault;
use harper_tests::scrape::Scrape;
use harper_tests::{Node, WAIT, wait_for};
use serde_json::{Value, json};

/// Entries written while the link is cut: several pulls' worth (a pull
/// takes at most `maxConsumeMsgs` = 100), so catching up takes a while on
/// a throttled link.
const BACKLOG: u64 = 300;
/// The healed link's speed while the backlog crosses it: a pull of 100
/// small entries takes a good part of a second, so the lag is seen.
const SLOW_LINK_BYTES_PER_S: u64 = 40_000;

/// Every family's name follows the conventions (`harper_`, base units, `_total`).
#[track_caller]
fn check_names(s: &Scrape) {
    assert!(!s.families.is_empty(), "no families:\n{}", s.text);
    for (name, kind) in &s.families {
        if let Some(why) = naming_problem(name, kind) {
            panic!("{why}\n{}", s.text);
        }
    }
}

/// Scrape `n` until `pred` holds of the scrape; returns it.
#[track_caller]
fn wait_scrape(n: &Node, what: &str, pred: impl Fn(&Scrape) -> bool) -> Scrape {
    let mut last = None;
    let found = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        wait_for(&format!("{what} on {}", n.name), WAIT, || {
            let s = n.scrape();
            let ok = pred(&s);
            last = Some(s.clone());
            ok.then_some(s)
        })
    }));
    match found {
        Ok(s) => s,
        Err(e) => {
            if let Some(s) = last {
                eprintln!("last scrape of {}:\n{}", n.name, s.text);
            }
            std::panic::resume_unwind(e)
        }
    }
}

fn consumer(publisher: &str) -> [(&'static str, &str); 3] {
    [
        ("publisher", publisher),
        ("database", "dev"),
        ("table", "dog"),
    ]
}

fn insert_many(n: &Node, from: u64, count: u64) {
    let mut conn = Conn::open(n.operations_port);
    let auth = basic("admin", "pw");
    for id in from..from + count {
        let body = json!({"operation": "insert", "database": "dev", "table": "dog",
            "records": [{"id": id, "name": "Harper", "breed": "Mutt", "age": 5}]});
        let a = conn.post(Some(&auth), &body.to_string());
        assert_eq!(a.status, 200, "{a:#?}");
    }
}

#[test]
fn lag_and_link_metrics_move_as_records_flow_and_the_link_is_cut() {
    let (alpha, beta, proxy) = Node::linked_through_proxy("alpha", "beta");
    alpha.harper(&["table", "create", "dev.dog"]).ok();
    alpha.json(&["node", "add", "beta", "--publish", "dev.dog"]);
    let applied = "harper_consumer_applied_entries_total";
    let up = |p| [("peer", p)];

    // Records flow: applied grows, the lag goes back to 0, the link carries bytes.
    let start = wait_scrape(&beta, "the consumer of alpha's dev.dog", |s| {
        s.value(applied, &consumer("alpha")).is_some()
    });
    check_names(&start);
    let ready = wait_for("beta ready", WAIT, || {
        let a = beta.http_get("/health/ready", None);
        (a.status == 200).then_some(a.json())
    });
    assert_eq!(
        ready["checks"]["consumers"],
        json!({"ok": true, "expected": 1, "started": 1}),
        "{ready}"
    );
    assert_eq!(start.value("harper_link_up", &up("alpha")), Some(1.0));
    assert_eq!(
        start.value("harper_route_up", &[("route", &proxy.route())]),
        Some(1.0)
    );
    let received = |s: &Scrape| {
        s.value("harper_link_received_bytes_total", &up("alpha"))
            .unwrap_or(0.0)
    };
    let frames = |s: &Scrape| {
        s.value("harper_link_received_frames_total", &up("alpha"))
            .unwrap_or(0.0)
    };
    let sent_by_alpha = alpha
        .scrape()
        .value("harper_link_sent_bytes_total", &up("beta"))
        .expect("alpha counts what it sends beta");
    insert_many(&alpha, 0, 5);
    let flowed = wait_scrape(&beta, "5 entries applied and caught up", |s| {
        s.value(applied, &consumer("alpha")) == Some(5.0)
            && s.value("harper_consumer_lag_messages", &consumer("alpha")) == Some(0.0)
            && s.value(
                "harper_consumer_state",
                &[consumer("alpha").as_slice(), &[("state", "caught_up")]].concat(),
            ) == Some(1.0)
    });
    check_names(&flowed);
    assert!(received(&flowed) > received(&start), "{}", flowed.text);
    // cluster_mesh_status shows the live link's own counters.
    let link = &beta.mesh_status()["mesh"]["links"][0];
    for key in [
        "bytes_sent",
        "bytes_received",
        "frames_sent",
        "frames_received",
    ] {
        assert!(link[key].as_u64().is_some_and(|n| n > 0), "{key}: {link}");
    }
    assert!(frames(&flowed) > frames(&start), "{}", flowed.text);
    assert!(
        flowed
            .value("harper_link_rtt_seconds", &up("alpha"))
            .is_some_and(|r| r > 0.0 && r < 2.0),
        "{}",
        flowed.text
    );
    let alpha_now = alpha.scrape();
    check_names(&alpha_now);
    assert!(
        alpha_now
            .value("harper_link_sent_bytes_total", &up("beta"))
            .unwrap()
            > sent_by_alpha
    );
    assert!(alpha_now.value("harper_store_commits_total", &[]).unwrap() >= 5.0);
    assert!(
        alpha_now
            .value(
                "harper_http_requests_total",
                &[("operation", "insert"), ("status", "200")]
            )
            .unwrap()
            >= 5.0,
        "{}",
        alpha_now.text
    );
    assert_eq!(
        alpha_now.value("harper_mesh_reachable_nodes", &[]),
        Some(2.0)
    );

    // The link is cut: both sides show it down; beta's consumer waits.
    proxy.set(Fault::Cut);
    let cut = wait_scrape(&beta, "the link to alpha down", |s| {
        s.value("harper_link_up", &up("alpha")) == Some(0.0)
            && s.value("harper_route_up", &[("route", &proxy.route())]) == Some(0.0)
            && s.value("harper_mesh_reachable_nodes", &[]) == Some(1.0)
    });
    let bytes_at_cut = received(&cut);
    wait_scrape(&alpha, "the link to beta down", |s| {
        s.value("harper_link_up", &up("beta")) == Some(0.0)
    });
    insert_many(&alpha, 100, BACKLOG);
    let waiting = wait_scrape(&beta, "the consumer waiting for alpha", |s| {
        s.value(
            "harper_consumer_state",
            &[consumer("alpha").as_slice(), &[("state", "waiting")]].concat(),
        ) == Some(1.0)
    });
    assert_eq!(waiting.value(applied, &consumer("alpha")), Some(5.0));
    // A consumer waiting for an unreachable publisher has started: one peer
    // down does not take this node out of service.
    let ready = beta.http_get("/health/ready", None);
    assert_eq!(ready.status, 200, "{ready:#?}");
    // A peer's totals survive its link: they do not go back to 0.
    assert!(received(&waiting) >= bytes_at_cut);

    // Healed, but slow: the backlog shows as lag, then drains to 0.
    proxy.set(Fault::Throttle(SLOW_LINK_BYTES_PER_S));
    let behind = wait_scrape(&beta, "a lag while the backlog crosses", |s| {
        s.value("harper_consumer_lag_messages", &consumer("alpha"))
            .is_some_and(|l| l > 0.0)
            && s.value(applied, &consumer("alpha"))
                .is_some_and(|a| a > 5.0)
    });
    assert!(
        behind
            .value("harper_consumer_lag_seconds", &consumer("alpha"))
            .is_some_and(|l| l > 0.0),
        "{}",
        behind.text
    );
    assert_eq!(behind.value("harper_link_up", &up("alpha")), Some(1.0));
    proxy.set(Fault::Pass);
    let done = wait_scrape(&beta, "the backlog applied", |s| {
        s.value(applied, &consumer("alpha")) == Some((5 + BACKLOG) as f64)
            && s.value("harper_consumer_lag_messages", &consumer("alpha")) == Some(0.0)
            && s.value("harper_consumer_lag_seconds", &consumer("alpha")) == Some(0.0)
    });
    assert!(received(&done) > received(&waiting));
    check_names(&done);
    dashboard_uses_only_these(&[&done, &alpha.scrape()]);
}

/// Every `harper_` series the Grafana dashboard queries is in one of `scrapes`.
#[track_caller]
fn dashboard_uses_only_these(scrapes: &[&Scrape]) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/grafana/harper.json");
    let text = std::fs::read_to_string(path).expect("the dashboard");
    let dashboard: Value = serde_json::from_str(&text).expect("the dashboard is JSON");
    assert!(dashboard["panels"].as_array().is_some_and(|p| p.len() > 10));
    let mut used: Vec<&str> = text
        .match_indices("harper_")
        .map(|(i, _)| {
            let rest = &text[i..];
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            &rest[..end]
        })
        .collect();
    used.sort();
    used.dedup();
    assert!(used.len() > 20, "{used:?}");
    for name in used {
        assert!(
            scrapes
                .iter()
                .any(|s| s.samples.iter().any(|x| x.name == name)),
            "the dashboard queries {name}, which no scrape has"
        );
    }
}

#[test]
fn health_probes_answer_200_when_ready_and_503_when_the_mesh_failed() {
    let n = Node::started("probed");
    // No login needed; clustering off: ready.
    let live = n.http_get("/health/live", None);
    assert_eq!(live.status, 200, "{live:#?}");
    assert_eq!(live.json()["status"], "live");
    let ready = n.http_get("/health/ready", None);
    assert_eq!(ready.status, 200, "{ready:#?}");
    assert_eq!(ready.json()["checks"]["clustering"]["state"], "disabled");
    assert_eq!(ready.json()["checks"]["store"]["ok"], true);
    let head = Conn::open(n.operations_port).request("HEAD", "/health/ready", None);
    assert_eq!(head.status, 200);
    let post = n.http_as(None, "{}");
    assert_eq!(post.status, 401, "POST / is still the operations API");
    let wrong = Conn::open(n.operations_port).request("DELETE", "/health/live", None);
    assert_eq!(wrong.status, 405);
    assert_eq!(wrong.header("allow"), Some("GET, HEAD"));

    // Clustering on, but something holds the cluster port: the mesh fails, 503.
    let squatter = TcpListener::bind(("0.0.0.0", n.cluster_port)).expect("take the port");
    let enable = n.harper(&[
        "cluster",
        "enable",
        "--cluster-user",
        "cluster_user",
        "--cluster-password",
        harper_tests::CLUSTER_PASSWORD,
    ]);
    assert!(
        enable.code == 1 && enable.stderr.contains("cannot listen on the cluster port"),
        "{enable:#?}"
    );
    let failed = n.http_get("/health/ready", None);
    assert_eq!(failed.status, 503, "{failed:#?}");
    let body = failed.json();
    assert_eq!(body["status"], "not_ready");
    assert_eq!(
        body["checks"]["clustering"],
        json!({"ok": false, "state": "failed"})
    );
    assert_eq!(n.http_get("/health/live", None).status, 200);
    let s = n.scrape();
    assert_eq!(
        s.value("harper_clustering_state", &[("state", "failed")]),
        Some(1.0)
    );

    // The port is freed and clustering restarted: ready again.
    drop(squatter);
    n.json(&["op", "restart_service", "service=clustering"]);
    let again = wait_for("ready after the restart", WAIT, || {
        let a = n.http_get("/health/ready", None);
        (a.status == 200).then_some(a)
    });
    assert_eq!(again.json()["checks"]["clustering"]["state"], "running");
    assert_eq!(
        again.json()["checks"]["consumers"],
        json!({"ok": true, "expected": 0, "started": 0})
    );
}

#[test]
fn metrics_need_a_login_unless_public() {
    let n = Node::started("scraped");
    let none = n.http_get("/metrics", None);
    assert_eq!(none.status, 401, "{none:#?}");
    assert_eq!(none.json(), json!({"error": "Must login"}));
    let wrong = n.http_get("/metrics", Some(&basic("admin", "wrong")));
    assert_eq!(wrong.status, 401);
    assert_eq!(wrong.json(), json!({"error": "Login failed"}));
    let add = json!({"operation": "add_user", "role": "cluster_user", "username": "cu",
        "password": "cu-Secret-1", "active": true});
    assert_eq!(n.http(&add.to_string()).status, 200);
    let cu = n.http_get("/metrics", Some(&basic("cu", "cu-Secret-1")));
    assert_eq!(cu.status, 403, "{cu:#?}");
    assert!(!cu.body.contains("harper_"), "{cu:#?}");

    // An operation token logs in too; a refresh token does not.
    let t = n.http_as(
        None,
        r#"{"operation":"create_authentication_tokens","username":"admin","password":"pw"}"#,
    );
    assert_eq!(t.status, 200, "{t:#?}");
    let bearer = |k: &str| format!("Bearer {}", t.json()[k].as_str().unwrap());
    assert_eq!(
        n.http_get("/metrics", Some(&bearer("operation_token")))
            .status,
        200
    );
    assert_eq!(
        n.http_get("/metrics", Some(&bearer("refresh_token")))
            .status,
        401
    );

    let ok = n.http_get("/metrics", Some(&basic("admin", "pw")));
    assert_eq!(ok.status, 200);
    assert_eq!(
        ok.header("content-type"),
        Some("text/plain; version=0.0.4; charset=utf-8")
    );
    let s = Scrape::parse(&ok.body);
    check_names(&s);
    assert!(s.value("harper_logins_failed_total", &[]).unwrap() >= 1.0);
    assert_eq!(
        s.value(
            "harper_http_requests_total",
            &[("operation", "none"), ("status", "401")]
        ),
        Some(3.0),
        "{}",
        s.text
    );
    assert_eq!(
        s.value("harper_node_info", &[("node", "scraped")]),
        Some(1.0)
    );
    assert!(
        s.value("harper_process_resident_memory_bytes", &[])
            .unwrap()
            > 0.0
    );

    // Opened by the setting, live.
    n.harper(&[
        "op",
        "set_configuration",
        "operationsApi_metrics_public=true",
    ])
    .ok();
    let public = n.http_get("/metrics", None);
    assert_eq!(public.status, 200, "{public:#?}");
    check_names(&Scrape::parse(&public.body));
    // The operations API itself still needs a login.
    assert_eq!(
        n.http_as(None, r#"{"operation":"describe_all"}"#).status,
        401
    );
    let bad = n.harper(&[
        "op",
        "set_configuration",
        "operationsApi_metrics_public=maybe",
        "-o",
        "json",
    ]);
    assert_ne!(bad.code, 0, "{bad:#?}");
    assert!(
        format!("{}{}", bad.stdout, bad.stderr)
            .contains("'operationsApi.metrics.public' must be a boolean"),
        "{bad:#?}"
    );
}

#[test]
fn json_logs_are_one_object_a_line() {
    let n = Node::new("jsonlog");
    n.install(&["--LOGGING_FORMAT", "json"]);
    n.start();
    let evil = "ev\u{202e}il\u{7}";
    let refused = n.http_as(
        Some(&basic(evil, "nope")),
        r#"{"operation":"describe_all"}"#,
    );
    assert_eq!(refused.status, 401);
    let line = n.wait_log(&["\"level\":\"WARN\"", "login failed for user"]);
    let lines: Vec<Value> = wait_for("the log", WAIT, || {
        let log = std::fs::read_to_string(n.root().join("log/harperd.log")).ok()?;
        (!log.is_empty()).then_some(log)
    })
    .lines()
    .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not one JSON object ({e}): {l:?}")))
    .collect();
    for v in &lines {
        for key in ["timestamp", "level", "target", "message"] {
            assert!(v[key].is_string(), "{key} missing: {v}");
        }
        assert_eq!(v["node"], "jsonlog", "{v}");
    }
    let started = lines
        .iter()
        .find(|v| v["message"] == "harperd started")
        .expect("the start line");
    assert_eq!(started["version"], harper_rpc::VERSION);
    assert!(started["root"].as_str().unwrap().contains("harper-e2e-"));
    assert!(
        !line.chars().any(harper_rpc::text::is_unsafe_char),
        "{line:?}"
    );
    let failed = serde_json::from_str::<Value>(&line).unwrap();
    assert!(
        failed["message"].as_str().unwrap().contains("ev"),
        "{failed}"
    );
    // A format the daemon does not know is refused, naming the key.
    let bad = n.harper(&[
        "op",
        "set_configuration",
        "logging_format=xml",
        "-o",
        "json",
    ]);
    assert_ne!(bad.code, 0, "{bad:#?}");
    assert!(
        format!("{}{}", bad.stdout, bad.stderr)
            .contains("'logging.format' must be one of [text, json]"),
        "{bad:#?}"
    );
}
