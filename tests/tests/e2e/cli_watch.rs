//! The operator commands of issue 14 on real daemons: `--watch` (JSON lines
//! off a terminal, redraws in place on one), `cluster status --check`,
//! `subscribe list --all`, `node connect|disconnect`, `harper logs`,
//! `--no-headers`, `status`/`version` of a `--target`, `--wait --timeout`.

use std::io::{BufRead, BufReader, Write};
use std::process::Stdio;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use harper_tests::pty::{Pty, key};
use harper_tests::{Node, WAIT, bin, free_port, wait_for};
use serde_json::Value;

/// Start `harper ARGS` with stdout piped and read `count` lines from it
/// (each within [`WAIT`]), then kill it.
fn first_lines(node: &Node, args: &[&str], count: usize) -> Vec<String> {
    let mut child = node
        .command(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn harper");
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().take(count) {
            if tx.send(line.unwrap_or_default()).is_err() {
                return;
            }
        }
    });
    let end = Instant::now() + WAIT;
    let mut lines = Vec::new();
    while lines.len() < count {
        let left = end.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(l) => lines.push(l),
            Err(_) => {
                let _ = child.kill();
                let out = child.wait_with_output().expect("wait");
                panic!(
                    "{args:?} printed {} of {count} lines in {WAIT:?}: {lines:?}; stderr: {}",
                    lines.len(),
                    String::from_utf8_lossy(&out.stderr)
                );
            }
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    lines
}

#[test]
fn watch_prints_one_json_document_per_interval_off_a_terminal() {
    let n = Node::clustered("watcher");
    n.harper(&["table", "create", "dev.dog"]).ok();
    for args in [
        &["node", "list", "-w", "200ms", "-o", "json"][..],
        // A table format off a terminal is JSON lines too.
        &["cluster", "status", "--watch", "200ms"][..],
        &["subscribe", "list", "--all", "-w", "0.2", "-o", "json"][..],
    ] {
        let lines = first_lines(&n, args, 3);
        for l in &lines {
            let v: Value = serde_json::from_str(l).unwrap_or_else(|e| panic!("{args:?}: {l}: {e}"));
            assert_eq!(v["node_name"], "watcher", "{args:?}: {v}");
        }
    }
}

#[test]
fn watch_redraws_in_place_on_a_terminal_and_ctrl_c_exits_0() {
    let n = Node::clustered("redraw");
    let mut pty = Pty::spawn(n.command(&["cluster", "status", "-w", "300ms"])).expect("pty");
    for _ in 0..3 {
        pty.expect("Every 300ms: harper cluster status", WAIT);
        pty.expect("node redraw", WAIT);
    }
    let raw = pty.raw();
    let text = String::from_utf8_lossy(&raw);
    assert_eq!(
        text.matches("\x1b[2J").count(),
        1,
        "only the first frame clears the screen: {text:?}"
    );
    assert!(text.matches("\x1b[H").count() >= 3, "{text:?}");
    assert!(
        text.contains("\x1b[K") && text.contains("\x1b[J"),
        "{text:?}"
    );
    pty.send(key::CTRL_C);
    let status = pty.wait(WAIT);
    assert!(status.success(), "Ctrl-C ends --watch with 0: {status:?}");
}

#[test]
fn a_pair_is_healthy_with_a_grid_and_a_dead_peer_is_named() {
    let [a, b]: [Node; 2] = Node::clustered_many(&["hcA", "hcB"])
        .try_into()
        .ok()
        .expect("two nodes");
    a.harper(&["route", "add", &b.route(), "--wait", "--timeout", "20s"])
        .ok();
    a.harper(&["table", "create", "dev.dog"]).ok();
    a.harper(&["table", "create", "dev.cat"]).ok();
    a.harper(&[
        "node",
        "add",
        "hcB",
        "--publish",
        "dev.dog",
        "--subscribe",
        "dev.dog",
        "--wait",
    ])
    .ok();

    // Healthy: exit 0 (the consumers may need a moment to catch up).
    let healthy = wait_for("a healthy cluster", WAIT, || {
        let run = a.harper(&["cluster", "status", "--check"]);
        (run.code == 0).then_some(run)
    });
    assert!(healthy.stdout.starts_with("healthy:"), "{healthy:#?}");
    assert!(healthy.stderr.is_empty(), "{healthy:#?}");

    // The grid: hcB by every table of either side.
    let grid = a.json(&["subscribe", "list", "--all"]);
    let row = |table: &str| {
        grid["grid"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["node"] == "hcB" && r["table"] == table)
            .cloned()
            .unwrap_or_else(|| panic!("no hcB x {table} in {grid}"))
    };
    assert_eq!(row("dog")["publish"], true, "{grid}");
    assert_eq!(row("dog")["subscribe"], true, "{grid}");
    assert_eq!(row("cat")["publish"], false, "{grid}");
    assert_eq!(row("cat")["subscribe"], false, "{grid}");
    assert!(
        grid["tables"]
            .as_array()
            .unwrap()
            .contains(&"dev.cat".into()),
        "{grid}"
    );
    let shown = a.harper(&["subscribe", "list", "--all"]);
    assert!(
        shown.ok().contains("✓") && shown.stdout.contains("dev.cat"),
        "{shown:#?}"
    );

    // --no-headers: the rows, not the header.
    let plain = a.harper(&["--no-headers", "subscribe", "list"]);
    assert!(plain.ok().contains("dev.dog"), "{plain:#?}");
    assert!(!plain.stdout.contains("publish"), "{plain:#?}");
    assert!(a.harper(&["subscribe", "list"]).ok().contains("publish"));

    // The peer dies: exit 1, each reason on stderr, naming it.
    b.kill9();
    let sick = wait_for("the check to fail", WAIT, || {
        let run = a.harper(&["cluster", "status", "--check"]);
        (run.code == 1).then_some(run)
    });
    let reasons: Vec<&str> = sick
        .stderr
        .lines()
        .filter(|l| l.starts_with("unhealthy: "))
        .collect();
    assert!(!reasons.is_empty(), "{sick:#?}");
    assert!(reasons.iter().any(|l| l.contains("hcB")), "{sick:#?}");
    assert!(
        sick.stderr.contains("error: the cluster is not healthy"),
        "{sick:#?}"
    );
    let json = a.harper(&["cluster", "status", "--check", "-o", "json"]);
    assert_eq!(json.code, 1, "{json:#?}");
    let v: Value = serde_json::from_str(json.stdout.trim()).expect("json");
    assert_eq!(v["healthy"], false, "{v}");
}

#[test]
fn node_connect_links_a_node_known_by_gossip_and_disconnect_unlinks_it() {
    let [a, b, c]: [Node; 3] = Node::clustered_many(&["lnA", "lnB", "lnC"])
        .try_into()
        .ok()
        .expect("three nodes");
    a.harper(&["route", "add", &b.route(), "--wait"]).ok();
    b.harper(&["route", "add", &c.route(), "--wait"]).ok();
    let entry = |v: &Value, name: &str| {
        v["nodes"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|n| n["name"] == name)
            .cloned()
    };
    let listed = a.wait_json("lnC known by gossip, unconnected", &["node", "list"], |v| {
        entry(v, "lnC").is_some_and(|n| n["status"] == "unconnected")
    });
    assert_eq!(entry(&listed, "lnC").unwrap()["linked"], false, "{listed}");
    assert_eq!(entry(&listed, "lnB").unwrap()["linked"], true, "{listed}");
    let table = a.harper(&["node", "list"]);
    assert!(table.ok().contains("unconnected"), "{table:#?}");

    let run = a.harper(&["node", "connect", "lnC", "--wait"]);
    assert!(run.ok().contains(&c.route()), "{run:#?}");
    a.wait_json("lnC linked", &["node", "list"], |v| {
        entry(v, "lnC").is_some_and(|n| n["linked"] == true)
    });
    let routes = a.json(&["route", "list"]);
    assert!(
        routes.to_string().contains(&c.cluster_port.to_string()),
        "{routes}"
    );

    let run = a.harper(&["node", "disconnect", "lnC"]);
    assert!(run.ok().contains("removed route"), "{run:#?}");
    a.wait_json("lnC unlinked again", &["node", "list"], |v| {
        entry(v, "lnC").is_some_and(|n| n["linked"] == false)
    });
    let routes = a.json(&["route", "list"]);
    assert!(
        !routes.to_string().contains(&c.cluster_port.to_string()),
        "{routes}"
    );

    // Already linked: nothing added.
    let run = a.harper(&["node", "connect", "lnB"]);
    assert!(run.ok().contains("already linked"), "{run:#?}");
    assert_eq!(
        a.json(&["route", "list"])["hub"].as_array().unwrap().len(),
        1
    );

    // Not known, or this node: clear errors.
    let run = a.harper(&["node", "connect", "nobody"]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(run.stderr.contains("no node named nobody"), "{run:#?}");
    let run = a.harper(&["node", "connect", "lnA"]);
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(run.stderr.contains("lnA is this node"), "{run:#?}");
    let run = a.harper(&["node", "disconnect", "lnC"]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(run.stderr.contains("no route to lnC"), "{run:#?}");
}

/// A line in the daemon's log format that a hostile peer might have put
/// there, with terminal escapes (the daemon escapes its own lines; the CLI
/// must not count on it).
const HOSTILE: &str =
    "2999-01-01T00:00:00.000000Z  WARN harper_daemon::test: evil \x1b[2J\x1b]0;owned\x07 line\n";

fn append_to_log(n: &Node, text: &str) {
    std::fs::OpenOptions::new()
        .append(true)
        .open(n.root().join("log/harperd.log"))
        .expect("the log")
        .write_all(text.as_bytes())
        .expect("append");
}

#[test]
fn logs_read_the_local_file_and_a_targets_read_log_escaped() {
    let a = Node::started("logA");
    let b = Node::installed("logB");
    wait_for("a log line", WAIT, || {
        (!a.harper(&["logs", "-n", "1"]).ok().trim().is_empty()).then_some(())
    });
    let last = a.harper(&["logs", "-n", "2"]);
    assert!(last.ok().lines().count() <= 2, "{last:#?}");

    // Local -f: what is appended, escaped.
    let line = follow_until(a.command(&["logs", "-f", "-n", "0"]), &a, HOSTILE, "evil");
    assert!(!line.contains('\x1b') && !line.contains('\x07'), "{line:?}");
    assert!(line.contains("evil \\u{001b}[2J"), "{line:?}");

    // --target: read_log, the newest entries, escaped.
    let run = b.harper_target(&a, "admin", "pw", &["logs", "-n", "3"]);
    let out = run.ok();
    assert!(out.lines().count() <= 3 && !out.is_empty(), "{run:#?}");
    assert!(out.lines().last().unwrap().contains("evil"), "{run:#?}");
    assert!(!out.contains('\x1b'), "{run:#?}");
    assert!(
        out.lines()
            .last()
            .unwrap()
            .starts_with("2999-01-01T00:00:00"),
        "{run:#?}"
    );

    // --target -f: read_log from the newest entry on; entries of the same
    // millisecond as the last one printed are not printed again.
    let target = format!("127.0.0.1:{}", a.operations_port);
    let cmd = b.command(&[
        "--target",
        &target,
        "--username",
        "admin",
        "--password",
        "pw",
        "logs",
        "-f",
        "-n",
        "1",
    ]);
    let again = HOSTILE.replace("evil", "later");
    let line = follow_until(cmd, &a, &again, "later");
    assert!(
        line.starts_with("2999-01-01T00:00:00.000Z WARN later"),
        "{line:?}"
    );
    assert!(!line.contains('\x1b'), "{line:?}");
}

/// Run `cmd` (a `logs -f`) and append `text` to `n`'s log until it prints a
/// line with `marker` (bounded by [`WAIT`]); that line. No line is printed
/// twice: at most one per append.
fn follow_until(mut cmd: std::process::Command, n: &Node, text: &str, marker: &str) -> String {
    let mut child = cmd.stdout(Stdio::piped()).spawn().expect("spawn");
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                return;
            }
        }
    });
    let end = Instant::now() + WAIT;
    let mut got = None;
    let mut appended = 0;
    while got.is_none() && Instant::now() < end {
        append_to_log(n, text);
        appended += 1;
        let until = Instant::now() + Duration::from_millis(700);
        while got.is_none() {
            let left = until.saturating_duration_since(Instant::now());
            match rx.recv_timeout(left) {
                Ok(l) if l.contains(marker) => got = Some(l),
                Ok(_) => {}
                Err(_) => break,
            }
        }
    }
    // What else arrives within a few polls: the rest of the appends, once each.
    let mut more = 0;
    let mut rest = Vec::new();
    while let Ok(l) = rx.recv_timeout(Duration::from_millis(1500)) {
        more += usize::from(l.contains(marker));
        rest.push(l);
    }
    let _ = child.kill();
    let _ = child.wait();
    let line = got.unwrap_or_else(|| panic!("logs -f never printed {marker:?}"));
    assert!(
        more < appended,
        "{more} more lines with {marker:?} after {appended} appends: {line:?} then {rest:?}"
    );
    line
}

#[test]
fn status_and_version_of_a_target_and_of_a_relative_root() {
    let a = Node::clustered("stA");
    let b = Node::installed("stB");
    let remote = b.harper_target(&a, "admin", "pw", &["status", "-o", "json"]);
    let v: Value = serde_json::from_str(remote.ok().trim()).expect("json");
    assert_eq!(v["harperd"]["status"], "running", "{v}");
    assert_eq!(v["harperd"]["pid"], a.pid().unwrap(), "{v}");
    assert_eq!(v["harperd"]["operations_port"], a.operations_port, "{v}");
    assert_eq!(v["clustering"]["node_name"], "stA", "{v}");
    assert_eq!(v["clustering"]["state"], "running", "{v}");
    let people = b.harper_target(&a, "admin", "pw", &["status"]);
    assert!(people.ok().contains("node_name: stA"), "{people:#?}");
    let version = b.harper_target(&a, "admin", "pw", &["version", "-o", "json"]);
    let v: Value = serde_json::from_str(version.ok().trim()).expect("json");
    assert_eq!(v["harperd"], harper_rpc::VERSION, "{v}");
    assert_eq!(
        v["target"],
        format!("127.0.0.1:{}", a.operations_port),
        "{v}"
    );

    // Local, from the root's parent with a relative --root: printed absolute.
    let root = a.root();
    let out = std::process::Command::new(bin("harper"))
        .env_clear()
        .env("HOME", root)
        .current_dir(root.parent().unwrap())
        .arg("--root")
        .arg(root.file_name().unwrap())
        .args(["status", "-o", "json"])
        .output()
        .expect("run harper");
    assert!(out.status.success(), "{out:?}");
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["harperd"]["root"], root.display().to_string(), "{v}");
    assert_eq!(v["harperd"]["pid"], a.pid().unwrap(), "{v}");
    assert_eq!(v["clustering"]["routes"]["total"], 0, "{v}");
    assert_eq!(v["clustering"]["consumers"]["total"], 0, "{v}");
}

#[test]
fn wait_shows_a_refused_dial_and_stops_at_its_timeout() {
    let n = Node::clustered("waiter");
    let dead = format!("127.0.0.1:{}", free_port());
    let run = n.harper(&["route", "add", &dead, "--wait", "--timeout", "1500ms"]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(
        run.stderr.contains(&format!("waiting for links: {dead}")),
        "plain progress lines without a TTY: {run:#?}"
    );
    assert!(run.stderr.contains("retrying"), "{run:#?}");
    assert!(
        run.stderr
            .contains(&format!("error: links not up after 1500ms: {dead}")),
        "{run:#?}"
    );
    let run = n.harper(&["route", "add", &dead, "--timeout", "1s"]);
    assert_eq!(run.code, 2, "--timeout needs --wait: {run:#?}");
}

#[test]
fn cluster_status_exits_1_when_clustering_failed_to_start() {
    let n = Node::started("failer");
    // Something else holds the cluster port: the mesh cannot listen.
    let _squatter = std::net::TcpListener::bind(("0.0.0.0", n.cluster_port)).expect("bind");
    let run = n.harper_stdin(
        &[
            "cluster",
            "enable",
            "--cluster-user",
            "cluster_user",
            "--cluster-password-stdin",
        ],
        harper_tests::CLUSTER_PASSWORD,
    );
    assert_eq!(run.code, 1, "{run:#?}");
    let run = n.harper(&["cluster", "status"]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(run.stdout.contains("clustering FAILED: "), "{run:#?}");
    assert!(
        run.stderr.contains("error: clustering failed to start"),
        "{run:#?}"
    );
    let run = n.harper(&["cluster", "status", "--check"]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(
        run.stderr.contains("unhealthy: clustering failed to start"),
        "{run:#?}"
    );
}

#[test]
fn route_add_wait_with_a_target_asks_for_the_password_once() {
    let [a, b]: [Node; 2] = Node::clustered_many(&["onceA", "onceB"])
        .try_into()
        .ok()
        .expect("two nodes");
    let target = format!("127.0.0.1:{}", a.operations_port);
    let cmd = b.command(&[
        "--target",
        &target,
        "--username",
        "admin",
        "route",
        "add",
        &b.route(),
        "--wait",
    ]);
    let mut pty = Pty::spawn(cmd).expect("pty");
    pty.expect("Password of admin", WAIT);
    // Typed before the prompt turned echo off, a line is flushed away with
    // the mode change: type it again until the prompt has taken it (bounded).
    let end = Instant::now() + WAIT;
    while !pty.text().contains("[hidden]") && Instant::now() < end {
        pty.line("pw");
        let typed = Instant::now();
        while !pty.text().contains("[hidden]") && typed.elapsed() < Duration::from_secs(1) {
            std::thread::sleep(Duration::from_millis(20));
        }
    }
    let status = pty.wait(WAIT);
    let text = pty.text();
    assert!(status.success(), "{status:?}: {text}");
    // dialoguer draws the prompt, then again with `[hidden]` once answered.
    assert_eq!(text.matches("[hidden]").count(), 1, "one login: {text}");
    assert!(text.contains("added"), "{text}");
    assert_eq!(
        a.json(&["route", "list"])["hub"][0]["port"],
        b.cluster_port,
        "the route is the target's"
    );
}
