//! The CLI an operator trusts (issue 14): results printed only when they
//! happened, exit codes by class, errors that say what is wrong and what to
//! run next, a relative root, refusals cleared when their cause goes.
//! Everything through the real `harper` and `harperd` on 127.0.0.1.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use harper_tests::{CLUSTER_PASSWORD, Node, POLL, Run, WAIT, bin, free_port, wait_for};
use serde_json::Value;

/// `harper ARGS` run in `cwd` with a clean environment (no --root added).
fn harper_in(cwd: &Path, args: &[&str]) -> Run {
    let out = Command::new(bin("harper"))
        .current_dir(cwd)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", cwd)
        .env("HARPERD_BIN", bin("harperd"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run harper");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Stops the daemon of a root given by hand when the test ends, however it ends.
struct StopOnDrop(std::path::PathBuf);

impl Drop for StopOnDrop {
    fn drop(&mut self) {
        let root = self.0.display().to_string();
        let _ = harper_in(Path::new("/tmp"), &["--root", &root, "stop"]);
    }
}

#[test]
fn a_relative_root_is_resolved_once_to_an_absolute_path() {
    let cwd = tempfile::Builder::new()
        .prefix("harper-e2e-")
        .tempdir_in("/tmp")
        .unwrap();
    let abs = cwd.path().join("n4");
    let _stop = StopOnDrop(abs.clone());
    let (cp, op) = (free_port().to_string(), free_port().to_string());
    let rel = |args: &[&str]| {
        let mut a = vec!["--root", "n4"];
        a.extend_from_slice(args);
        harper_in(cwd.path(), &a)
    };
    let install = rel(&[
        "install",
        "-y",
        "--admin-username",
        "admin",
        "--admin-password",
        "pw",
        "--node-name",
        "n4",
        "--cluster-port",
        &cp,
        "--operations-port",
        &op,
    ]);
    install.ok();
    assert!(
        install
            .stdout
            .contains(&format!("Installed harper in {}", abs.display())),
        "{install:#?}"
    );
    let config = std::fs::read_to_string(abs.join("harperdb-config.yaml")).unwrap();
    assert!(
        config.contains(&format!(
            "certificate: {}",
            abs.join("keys/certificate.pem").display()
        )),
        "{config}"
    );
    rel(&["start"]).ok();
    let enable = rel(&[
        "cluster",
        "enable",
        "--cluster-user",
        "cluster_user",
        "--cluster-password",
        CLUSTER_PASSWORD,
    ]);
    enable.ok();
    let status = rel(&["status", "-o", "json"]).json();
    assert_eq!(
        status["harperd"]["root"],
        abs.display().to_string(),
        "{status}"
    );
    assert_eq!(status["clustering"]["state"], "running", "{status}");
    // HARPER_ROOT relative too, from another directory: the same node.
    let out = Command::new(bin("harper"))
        .current_dir(cwd.path())
        .env("HARPER_ROOT", "n4")
        .env("HOME", cwd.path())
        .args(["node", "name", "-o", "json"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        r#"{"node_name":"n4"}"#
    );
}

#[test]
fn subscribe_set_on_a_table_on_neither_node_prints_no_result_and_exits_1() {
    let [a, b]: [Node; 2] = Node::clustered_many(&["HonestA", "HonestB"])
        .try_into()
        .ok()
        .unwrap();
    a.harper(&["route", "add", &b.route(), "--wait"]).ok();
    for args in [
        vec![
            "subscribe",
            "set",
            "HonestB",
            "dev.cat",
            "--publish",
            "true",
            "--subscribe",
            "false",
        ],
        vec!["subscribe", "toggle", "HonestB", "dev.cat", "--publish"],
    ] {
        let run = a.harper(&args);
        assert_eq!(run.code, 1, "{args:?}: {run:#?}");
        assert!(
            run.stderr.contains("Unable to update subscriptions"),
            "{run:#?}"
        );
        assert!(!run.stdout.contains("publish true"), "{run:#?}");
        assert!(run.stdout.trim().is_empty(), "{run:#?}");
    }
    // Nothing was set.
    let subs = a.json(&["subscribe", "list"]);
    assert_eq!(subs, serde_json::json!([]), "{subs}");
}

#[test]
fn cluster_user_create_changes_clustering_user_only_with_use() {
    let n = Node::clustered("HonestUser");
    let user = |n: &Node| n.json(&["op", "get_configuration"])["clustering"]["user"].clone();
    let run = n.harper(&[
        "cluster",
        "user",
        "create",
        "cu2",
        "--password",
        "Cu2-pass!",
    ]);
    run.ok();
    assert!(
        run.stdout.contains("clustering.user is unchanged"),
        "{run:#?}"
    );
    assert_eq!(user(&n), "cluster_user");
    let run = n.harper(&[
        "cluster",
        "user",
        "create",
        "cu3",
        "--password",
        "Cu3-pass!",
        "--use",
    ]);
    run.ok();
    assert!(
        run.stdout.contains("clustering.user is now cu3"),
        "{run:#?}"
    );
    assert!(
        run.stderr
            .contains("every node of the cluster needs the same cluster user"),
        "{run:#?}"
    );
    assert_eq!(user(&n), "cu3");
}

#[test]
fn exit_codes_by_class() {
    let n = Node::started("HonestCodes");
    n.harper(&[
        "user",
        "add",
        "ops",
        "--role",
        "super_user",
        "--password",
        "Ops-pass-1",
    ])
    .ok();
    let stopped = Node::installed("HonestStopped");
    let never = Node::new("HonestNever");
    let csv = n.root().join("dogs.csv");
    std::fs::write(&csv, "id,name\n1,Rex\n").unwrap();
    let csv = csv.display().to_string();
    n.harper(&["table", "create", "dev.dog"]).ok();
    // (node, args, exit code, a phrase of stderr)
    let cases: Vec<(&Node, Vec<&str>, i32, &str)> = vec![
        (&n, vec!["version"], 0, ""),
        (&n, vec!["load", "csv", "dev.dog", &csv], 0, ""),
        // The operation failed: refused by the daemon, or I/O failed.
        (&n, vec!["get", "dev.cat", "1"], 1, "does not exist"),
        (
            &n,
            vec!["cluster", "configure", "/nonexistent"],
            1,
            "cannot read /nonexistent",
        ),
        (
            &n,
            vec!["load", "csv", "dev.dog", "/nonexistent.csv"],
            1,
            "cannot read /nonexistent.csv",
        ),
        (&n, vec!["load", "csv", "dev.dog", &csv], 1, "no record of"),
        // Usage or validation, found by the CLI or by the daemon (400).
        (&n, vec!["route", "add", "host:99999"], 2, "HOST:PORT"),
        (
            &n,
            vec!["op", "cluster_set_routes", "server=harperdb", "routes=[]"],
            2,
            "'server' must be one of",
        ),
        (
            &n,
            vec!["insert", "dev.dog", r#"{"id":2,"":1}"#],
            2,
            "Invalid attribute name",
        ),
        // Not running, or never installed.
        (&stopped, vec!["route", "list"], 3, "harperd is not running"),
        (
            &never,
            vec!["route", "list"],
            3,
            "harper is not installed in",
        ),
    ];
    for (node, args, code, phrase) in &cases {
        let run = node.harper(args);
        assert_eq!(run.code, *code, "{args:?}: {run:#?}");
        assert!(run.stderr.contains(phrase), "{args:?}: {run:#?}");
        assert!(!run.stderr.contains("panicked"), "{args:?}: {run:#?}");
    }
    let never_run = never.harper(&["route", "list"]);
    assert!(
        never_run.stderr.contains("hint: harper --root") && never_run.stderr.contains(" install"),
        "{never_run:#?}"
    );
    // A login the daemon refuses is an operation that failed.
    let wrong = stopped.harper_target(&n, "ops", "not-the-pass", &["route", "list"]);
    assert_eq!(wrong.code, 1, "{wrong:#?}");

    // A closed stdout (`| head -1`) ends quietly; a full one is one error line.
    let mut child = n
        .command(&["completions", "bash"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:#?}");
    assert!(out.stderr.is_empty(), "{out:#?}");
    for args in [
        vec!["completions", "bash"],
        vec!["man"],
        vec!["route", "list"],
    ] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = n.command(&args).stdout(full).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(
            stderr.starts_with("error: cannot write output: "),
            "{stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

#[test]
fn errors_say_what_is_wrong() {
    let [a, b]: [Node; 2] = Node::clustered_many(&["ClearA", "ClearB"])
        .try_into()
        .ok()
        .unwrap();
    // A route to an operations port, and one to this node itself.
    let http = format!("127.0.0.1:{}", a.operations_port);
    a.harper(&["route", "add", &http, &a.route()]).ok();
    let routes = |s: &Value| s["mesh"]["routes"].as_array().cloned().unwrap_or_default();
    let last_error = |s: &Value, port: u16| {
        routes(s)
            .into_iter()
            .find(|r| r["route"]["port"] == port)
            .and_then(|r| r["last_error"].as_str().map(str::to_owned))
    };
    let status = a.wait_mesh("both routes refused with a reason", |s| {
        last_error(s, a.operations_port).is_some() && last_error(s, a.cluster_port).is_some()
    });
    let to_http = last_error(&status, a.operations_port).unwrap();
    assert!(
        to_http.contains("operations (HTTP) port, not a cluster port"),
        "{to_http}"
    );
    let to_self = last_error(&status, a.cluster_port).unwrap();
    assert!(
        to_self.contains("leads back to this node itself"),
        "{to_self}"
    );
    let nodes = a.json(&["node", "list"]);
    assert!(
        !nodes["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["name"] == "ClearA"),
        "this node is listed as refused: {nodes}"
    );
    a.harper(&["route", "remove", &http, &a.route()]).ok();

    // One error line, with the database.
    let run = a.harper(&["op", "nonsense_op"]);
    assert_eq!(run.stderr.matches("nonsense_op").count(), 1, "{run:#?}");
    assert!(run.stdout.is_empty(), "{run:#?}");
    let run = a.harper(&["stream", "info", "dev.cat"]);
    assert!(
        run.stderr.contains("Table 'dev.cat' does not exist"),
        "{run:#?}"
    );

    // The hint where the next command is obvious.
    a.harper(&["route", "add", &b.route(), "--wait"]).ok();
    a.harper(&["table", "create", "dev.dog"]).ok();
    b.harper(&["table", "create", "dev.dog"]).ok();
    a.harper(&["node", "add", "ClearB", "--publish", "dev.dog"])
        .ok();
    let again = a.harper(&["node", "add", "ClearB", "--publish", "dev.dog"]);
    assert_eq!(again.code, 2, "{again:#?}");
    assert!(
        again
            .stderr
            .contains("hint: harper node set ClearB --publish DB.TABLE"),
        "{again:#?}"
    );

    // remove_node of a node that cannot be told names the log file.
    b.stop();
    let run = a.harper(&["node", "remove", "ClearB"]);
    run.ok();
    let log = a.root().join("log/harperd.log");
    assert!(
        run.stdout.contains("Check the logs") && run.stdout.contains(&log.display().to_string()),
        "{run:#?}"
    );
    let off = Node::started("ClearOff");
    let run = off.harper(&["node", "add", "ClearB", "--publish", "dev.dog"]);
    assert!(
        run.stderr.contains("hint: harper cluster enable"),
        "{run:#?}"
    );
}

/// The refusals (events with a reason) in `cluster_mesh_status`.
fn refusals(s: &Value) -> Vec<Value> {
    s["mesh"]["events"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|e| !e["reason"].is_null())
        .cloned()
        .collect()
}

#[test]
fn refusals_are_cleared_when_their_cause_goes() {
    let [a, b]: [Node; 2] = Node::clustered_many(&["GoneA", "GoneB"])
        .try_into()
        .ok()
        .unwrap();
    // C links as another cluster user: A's route to it is refused, on both sides.
    let c = Node::started("GoneC");
    c.harper(&[
        "cluster",
        "enable",
        "--cluster-user",
        "other_user",
        "--cluster-password",
        "another-Password-9",
    ])
    .ok();
    a.harper(&["route", "add", &c.route()]).ok();
    a.wait_mesh("the refusal of the route to C", |s| !refusals(s).is_empty());
    c.wait_mesh("C's record of the refused attempt", |s| {
        !refusals(s).is_empty()
    });
    // The route removed: A forgets its refusal.
    a.harper(&["route", "remove", &c.route()]).ok();
    a.wait_mesh("A's refusals gone", |s| refusals(s).is_empty());
    // B dials C, refused; then C takes the shared cluster user and the good
    // link replaces the refusal on both sides.
    b.harper(&["route", "add", &c.route()]).ok();
    c.wait_mesh("C's record of B's refused attempt", |s| {
        !refusals(s).is_empty()
    });
    c.enable_clustering(CLUSTER_PASSWORD);
    let end = Instant::now() + WAIT;
    loop {
        let (sb, sc) = (b.mesh_status(), c.mesh_status());
        let up = sb["mesh"]["routes"][0]["state"] == "up";
        if up && refusals(&sb).is_empty() && refusals(&sc).is_empty() {
            break;
        }
        assert!(
            Instant::now() < end,
            "refusals stay after the link came up: B {sb} C {sc}"
        );
        std::thread::sleep(POLL * 5);
    }
}

#[test]
fn load_csv_prints_the_job_and_follows_it() {
    let n = Node::started("HonestLoad");
    n.harper(&["table", "create", "dev.dog"]).ok();
    let csv = n.root().join("dogs.csv");
    let mut text = String::from("id,name\n");
    for i in 0..20_000 {
        text.push_str(&format!("{i},dog{i}\n"));
    }
    std::fs::write(&csv, text).unwrap();
    let csv = csv.display().to_string();
    // Ctrl-C while following: the job id and how to follow it, exit 130.
    let mut child = n
        .command(&["load", "csv", "dev.dog", &csv, "-o", "json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let started: Value = serde_json::from_str(line.trim()).unwrap();
    let id = started["job_id"].as_str().unwrap().to_owned();
    assert!(
        started["message"].as_str().unwrap().contains(&id),
        "{started}"
    );
    // SAFETY: kill(2) has no memory-safety preconditions.
    #[allow(unsafe_code)]
    unsafe {
        libc::kill(child.id() as i32, libc::SIGINT);
    }
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{stderr}");
    assert!(
        stderr.contains(&format!("hint: harper op get_job id={id}")),
        "{stderr}"
    );
    // The job went on in the daemon.
    wait_for("the interrupted job to finish", WAIT * 6, || {
        let job = n.json(&["op", "get_job", &format!("id={id}")]);
        (job[0]["status"] == "COMPLETE").then_some(())
    });
    // The same file again: every row is skipped, exit 1.
    let run = n.harper(&["load", "csv", "dev.dog", &csv]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(run.stderr.contains("no record of"), "{run:#?}");
}

#[test]
fn harper_log_alone_turns_logging_on() {
    let n = Node::started("HonestLog");
    let out = n
        .command(&["version"])
        .env("HARPER_LOG", "debug")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("DEBUG") && stderr.contains("connecting to harperd"),
        "{stderr}"
    );
    let quiet = n.harper(&["version"]);
    assert!(quiet.stderr.is_empty(), "{quiet:#?}");
}
