//! The config file and the CLI under bad input: a truncated or invalid
//! `harperdb-config.yaml` at start, a full disk while the daemon rewrites
//! it, and many `harper` invocations changing routes and subscriptions at
//! once. The file is never damaged, half-written or rewritten by a start,
//! refusals say why, and no acknowledged change is lost.

use std::collections::BTreeSet;
use std::path::PathBuf;

use harper_tests::tmpfs::Tmpfs;
use harper_tests::{Node, free_port};

use super::stop;
use serde_json::{Value, json};

fn config_path(n: &Node) -> PathBuf {
    n.root().join("harperdb-config.yaml")
}

/// The documented ways a start refuses a config file.
fn is_config_refusal(stderr: &str) -> bool {
    stderr.contains("HarperDB config file validation error")
        || stderr.contains("harperdb-config.yaml")
        || stderr.contains("config parameter is undefined")
}

#[test]
fn truncated_and_invalid_config_files_are_refused_or_read_but_never_rewritten() {
    let n = Node::clustered("Node1");
    stop(&n);
    let path = config_path(&n);
    let full = std::fs::read(&path).unwrap();
    let text = String::from_utf8(full.clone()).unwrap();
    let root = n.root().to_str().unwrap().to_owned();
    // Every line boundary, and the middle of every line that holds no path:
    // a path cut short can point outside this test's root (`rootPath: /`).
    let mut cuts = vec![0];
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        if !line.contains(&root) {
            cuts.push(at + line.len() / 2);
        }
        at += line.len();
        cuts.push(at - 1);
        cuts.push(at);
    }
    cuts.sort();
    cuts.dedup();
    let (mut refused, mut started) = (0, 0);
    for &cut in &cuts {
        let bytes = &full[..cut];
        std::fs::write(&path, bytes).unwrap();
        let out = n.harper(&["start"]);
        assert!(
            !out.stderr.contains("panicked"),
            "cut at {cut}: the daemon panicked: {out:#?}"
        );
        if out.code == 0 {
            // Read with defaults for what is missing (spec 2.1), as HarperDB does.
            started += 1;
            stop(&n);
        } else {
            refused += 1;
            assert_eq!(out.code, 1, "cut at {cut}: {out:#?}");
            assert!(
                is_config_refusal(&out.stderr),
                "cut at {cut}: the refusal does not say what is wrong: {out:#?}"
            );
            assert!(
                n.harper(&["status"]).ok().contains("stopped"),
                "cut at {cut}: a refused start left a daemon behind"
            );
        }
        assert_eq!(
            std::fs::read(&path).unwrap(),
            bytes,
            "cut at {cut}: the file was changed by a start"
        );
    }
    eprintln!(
        "{} cuts: {refused} refused, {started} read with defaults",
        cuts.len()
    );
    assert!(refused > cuts.len() / 2, "{refused} of {}", cuts.len());

    // Invalid documents, each refused with HarperDB's words.
    let cases: Vec<(String, &str)> = vec![
        (
            text.replace("enabled: true", "enabled: yes please"),
            "'clustering.enabled' must be a boolean",
        ),
        (
            text.replacen(&format!("port: {}", n.cluster_port), "port: many", 1),
            "'clustering.hubServer.cluster.network.port' must be a number",
        ),
        (
            text.replace("nodeName: Node1", "nodeName: No.de"),
            "'clustering.nodeName' invalid, must not contain ., * or >",
        ),
        (
            text.replace("  nodeName: Node1\n", ""),
            "'clustering.nodeName' is required",
        ),
        (
            text.replace("maxAge: null", "maxAge: 5"),
            "'clustering.leafServer.streams.maxAge' must be greater than or equal to 120",
        ),
        ("\u{0}\u{1}\u{2}binary\u{7f}".into(), "harperdb-config.yaml"),
        ("- just\n- a list\n".into(), "mapping"),
        ("\t\tclustering: {\n".into(), "harperdb-config.yaml"),
    ];
    for (doc, want) in cases {
        std::fs::write(&path, &doc).unwrap();
        let out = n.harper(&["start"]);
        assert_eq!(out.code, 1, "{doc:?}: {out:#?}");
        assert!(
            out.stderr.contains(want),
            "{doc:?}: want {want:?}: {out:#?}"
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), doc);
    }
    // And the good file still works.
    std::fs::write(&path, &full).unwrap();
    n.start();
    assert_eq!(n.json(&["node", "name"]), json!({"node_name": "Node1"}));
}

#[test]
fn a_full_disk_refuses_config_changes_and_keeps_the_file() {
    let Some(disk) = Tmpfs::mount(32) else {
        return;
    };
    // Dropped before the disk: the daemon goes first.
    let n = &Node::clustered_in(disk.path(), "Node1");
    let before = n.config_bytes();
    disk.fill(0);

    let route = format!("127.0.0.1:{}", free_port());
    let out = n.harper(&["route", "add", &route]);
    assert_eq!(out.code, 1, "{out:#?}");
    assert!(out.stderr.contains("No space left on device"), "{out:#?}");
    let out = n.harper(&["op", "set_configuration", "logging_level=debug"]);
    assert_eq!(out.code, 1, "{out:#?}");
    assert_eq!(n.config_bytes(), before, "the file is intact");
    assert!(!n.root().join("harperdb-config.yaml.tmp").exists());
    // The daemon keeps the old config live and keeps answering.
    assert_eq!(n.json(&["route", "list"]), json!({"hub": [], "leaf": []}));

    disk.free();
    n.harper(&["route", "add", &route]).ok();
    let routes = n.json(&["route", "list"]);
    assert_eq!(routes["hub"].as_array().map(Vec::len), Some(1), "{routes}");
    // What is on disk is a valid file the daemon starts from.
    stop(n);
    n.start();
    assert_eq!(n.json(&["route", "list"]), routes);
}

/// The hub routes `harper route list` shows, as `host:port`.
fn routes(n: &Node) -> BTreeSet<String> {
    n.json(&["route", "list"])["hub"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| format!("{}:{}", r["host"].as_str().unwrap(), r["port"]))
        .collect()
}

#[test]
fn concurrent_route_changes_lose_nothing_and_keep_the_file_valid() {
    let a = Node::clustered("hub");
    const WORKERS: usize = 8;
    const ROUTES: usize = 8;
    // Routes to nowhere (ports that were free a moment ago): dialled in vain.
    let ports: Vec<Vec<u16>> = (0..WORKERS)
        .map(|_| (0..ROUTES).map(|_| free_port()).collect())
        .collect();
    std::thread::scope(|s| {
        for mine in &ports {
            let a = &a;
            s.spawn(move || {
                for (k, port) in mine.iter().enumerate() {
                    let r = format!("127.0.0.1:{port}");
                    a.harper(&["route", "add", &r]).ok();
                    if k % 3 == 2 {
                        a.harper(&["route", "remove", &r]).ok();
                    }
                }
            });
        }
    });
    let want: BTreeSet<String> = ports
        .iter()
        .flat_map(|mine| mine.iter().enumerate())
        .filter(|(k, _)| k % 3 != 2)
        .map(|(_, p)| format!("127.0.0.1:{p}"))
        .collect();
    assert_eq!(routes(&a), want, "live");
    // The file on disk is valid and holds the same routes.
    stop(&a);
    a.start();
    assert_eq!(routes(&a), want, "after a restart");
}

/// `set_node_replication` from many clients at once, each for its own table
/// of the same remote node: every client's last change must hold on both
/// sides. It does not: both sides read the node record, merge one table and
/// write it back with no lock, so two concurrent changes on different worker
/// threads can interleave and the later write puts back the other table's
/// previous flags (`ops::nodes::update_node` and `remote_update`,
/// `store::nodes::put_node_record`).
#[test]
fn concurrent_subscription_changes_lose_nothing() {
    let a = Node::clustered("hub");
    let b = Node::clustered("spoke");
    a.harper(&["route", "add", &b.route(), "--wait"]).ok();
    const WORKERS: usize = 8;
    const TABLES: usize = 8;
    for t in 0..WORKERS * TABLES {
        a.harper(&["table", "create", &format!("dev.t{t}")]).ok();
    }
    a.json(&["node", "add", "spoke", "--publish", "dev.t0"]);
    // Each table is changed once, by one client, all clients at once: a
    // lost change shows in the end state.
    let flags = |t: usize| (t % 3 != 1, !t.is_multiple_of(3));
    std::thread::scope(|s| {
        for i in 0..WORKERS {
            let a = &a;
            s.spawn(move || {
                for t in i * TABLES..(i + 1) * TABLES {
                    let (publish, subscribe) = flags(t);
                    a.harper(&[
                        "subscribe",
                        "set",
                        "spoke",
                        &format!("dev.t{t}"),
                        "--publish",
                        &publish.to_string(),
                        "--subscribe",
                        &subscribe.to_string(),
                    ])
                    .ok();
                }
            });
        }
    });
    let want: BTreeSet<(String, bool, bool)> = (0..WORKERS * TABLES)
        .map(|t| {
            let (p, q) = flags(t);
            (format!("t{t}"), p, q)
        })
        .collect();
    // (table, publish, subscribe) as seen from the hub; the spoke's mirrored.
    let subs = |n: &Node, remote: &str, mirror: bool| -> BTreeSet<(String, bool, bool)> {
        n.json(&["subscribe", "list", remote])
            .as_array()
            .unwrap()
            .iter()
            .map(|s: &Value| {
                let (p, q) = (s["publish"] == true, s["subscribe"] == true);
                let t = s["table"].as_str().unwrap().to_owned();
                if mirror { (t, q, p) } else { (t, p, q) }
            })
            .collect()
    };
    for (side, have) in [
        ("the hub's subscriptions", subs(&a, "spoke", false)),
        ("the spoke's mirror", subs(&b, "hub", true)),
    ] {
        let lost: Vec<_> = want.difference(&have).collect();
        let stale: Vec<_> = have.difference(&want).collect();
        assert!(
            lost.is_empty() && stale.is_empty(),
            "{side}: acknowledged changes lost {lost:?}, in their place {stale:?}"
        );
    }
}

#[test]
fn a_missing_certificate_fails_the_start_and_shows_in_status() {
    let n = Node::clustered("Node1");
    let gone = n.keys().join("gone.pem");
    let gone_text = gone.display().to_string();
    // Live: the mesh restarts with the new file, fails, and status says so.
    let set = format!("clustering_tls_certificate={gone_text}");
    n.json(&["op", "set_configuration", &set]);
    let status = n.wait_json("status to show the failure", &["status"], |s| {
        s["clustering"]["state"] == "failed"
    });
    assert!(
        status["clustering"]["error"]
            .as_str()
            .is_some_and(|e| e.contains(&gone_text)),
        "{status}"
    );
    // At start: exit 1 naming the file, and nothing left running.
    stop(&n);
    let out = n.harper(&["start"]);
    assert_eq!(out.code, 1, "{out:#?}");
    assert!(
        out.stderr.contains("clustering cannot start") && out.stderr.contains(&gone_text),
        "{out:#?}"
    );
    assert_eq!(n.json(&["status"])["harperd"]["status"], "stopped");
    // The file back where the config says: it starts clean.
    std::fs::copy(n.keys().join("certificate.pem"), &gone).unwrap();
    let out = n.harper(&["start"]);
    assert_eq!(out.code, 0, "{out:#?}");
    assert_eq!(n.json(&["status"])["clustering"]["state"], "running");
}

#[test]
fn a_tls_section_without_insecure_is_refused_at_start() {
    let n = Node::clustered("Node1");
    stop(&n);
    let path = config_path(&n);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("    insecure: true\n"), "{text}");
    let without = text.replace("    insecure: true\n", "");
    std::fs::write(&path, &without).unwrap();
    let out = n.harper(&["start"]);
    assert_eq!(out.code, 1, "{out:#?}");
    assert!(
        out.stderr.contains(
            "HarperDB config file validation error: 'clustering.tls.insecure' is required"
        ),
        "{out:#?}"
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        without,
        "never rewritten"
    );
    // Nor can set_configuration take it away (null is not a boolean).
    std::fs::write(&path, &text).unwrap();
    n.harper(&["start"]).ok();
    let out = n.harper(&[
        "op",
        "set_configuration",
        "clustering_tls_insecure=null",
        "-o",
        "json",
    ]);
    assert_eq!(out.code, 2, "{out:#?}");
    assert!(out.stdout.contains("clustering.tls.insecure"), "{out:#?}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}
