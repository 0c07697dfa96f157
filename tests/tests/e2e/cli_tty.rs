//! `harper` at a terminal, through a real pseudo-terminal against real
//! daemons: the install wizard, confirmations of destructive commands, the
//! `subscribe toggle` picker, `cluster enable` asking only what is missing,
//! `user passwd` of a missing user; and the same commands without a
//! terminal. Dynamic completion of live values from a running daemon.

use std::process::Command;
use std::time::Duration;

use harper_tests::pty::{Pty, key};
use harper_tests::{CLUSTER_PASSWORD, Node, bin};
use serde_json::Value;

/// How long a prompt may take to show (a daemon call may come first).
const SHOWN: Duration = Duration::from_secs(20);

/// `harper ARGS` on a new terminal.
fn tty(n: &Node, args: &[&str]) -> Pty {
    Pty::spawn(n.command(args)).expect("spawn harper on a pty")
}

/// Wait for the program on the terminal to end; its exit code.
#[track_caller]
fn code(p: &mut Pty) -> i32 {
    p.wait(SHOWN).code().unwrap_or(-1)
}

fn table_names(n: &Node) -> Vec<String> {
    let all = n.json(&["op", "describe_all"]);
    let mut names = Vec::new();
    for (db, tables) in all.as_object().into_iter().flatten() {
        for t in tables.as_object().into_iter().flatten().map(|(t, _)| t) {
            names.push(format!("{db}.{t}"));
        }
    }
    names
}

#[test]
fn install_refuses_an_unknown_key_suggesting_the_closest() {
    let n = Node::new("n1");
    let out = n.install_run(&["--CLUSTERING_NODNAME", "typo"]);
    assert_eq!(out.code, 2, "{out:#?}");
    assert!(
        out.stderr
            .contains("unknown setting --CLUSTERING_NODNAME; did you mean --CLUSTERING_NODENAME?"),
        "{out:#?}"
    );
    assert!(!n.root().join("harperdb-config.yaml").exists());
    // Refused before anything is asked on a terminal.
    let mut p = tty(&n, &["install", "--clustering_nodNam", "x"]);
    p.expect("did you mean --clustering_nodeName?", SHOWN);
    assert_eq!(code(&mut p), 2);
    assert!(!p.text().contains("Admin username"), "{}", p.text());
    assert!(!n.root().join("harperdb-config.yaml").exists());
}

#[test]
fn install_without_a_terminal_names_every_missing_value() {
    let n = Node::new("n1");
    let out = n.harper(&["install", "--enable-clustering"]);
    assert_eq!(out.code, 2, "{out:#?}");
    for what in [
        "the admin username (--admin-username or HDB_ADMIN_USERNAME)",
        "the admin password",
        "the node name (clustering is enabled)",
    ] {
        assert!(out.stderr.contains(what), "{what}: {out:#?}");
    }
    assert_eq!(out.stderr.lines().count(), 1, "one error line: {out:#?}");
    assert!(!n.root().join("harperdb-config.yaml").exists());
    // With the values, the same install succeeds.
    let ok = n
        .command(&["install", "--enable-clustering"])
        .env("HDB_ADMIN_USERNAME", "admin")
        .env("HDB_ADMIN_PASSWORD", "pw")
        .env("CLUSTERING_NODENAME", "n1")
        .env("CLUSTERING_PORT", n.cluster_port.to_string())
        .output()
        .unwrap();
    assert!(ok.status.success(), "{ok:#?}");
}

#[test]
fn install_wizard_asks_like_harperdb_and_takes_defaults_on_enter() {
    let n = Node::new("wiz1");
    let mut p = tty(&n, &["install"]);
    p.expect("Admin username", SHOWN);
    p.expect("HDB_ADMIN", SHOWN);
    p.line("");
    p.expect("Admin password", SHOWN);
    p.secret("adminPw1", SHOWN);
    p.expect("Repeat the password", SHOWN);
    p.secret("adminPw1", SHOWN);
    p.expect("Please enter a unique name for this node", SHOWN);
    p.line("wiz.1");
    p.expect("Invalid node name", SHOWN);
    p.line("wiz1");
    p.expect("Operations API port", SHOWN);
    p.expect("9925", SHOWN);
    p.line(&n.operations_port.to_string());
    p.expect("Enable clustering?", SHOWN);
    p.send(b"y");
    p.expect("Cluster port", SHOWN);
    p.expect("9932", SHOWN);
    p.line(&n.cluster_port.to_string());
    p.expect("Cluster user", SHOWN);
    p.expect("cluster_user", SHOWN);
    p.line("");
    p.expect("Cluster password", SHOWN);
    p.secret(CLUSTER_PASSWORD, SHOWN);
    p.expect("Repeat the password", SHOWN);
    p.secret(CLUSTER_PASSWORD, SHOWN);
    p.expect("Installed harper in", SHOWN);
    assert_eq!(code(&mut p), 0, "{}", p.text());
    assert!(!p.text().contains("adminPw1"), "passwords are not echoed");
    let cfg = String::from_utf8(n.config_bytes()).unwrap();
    for want in [
        "nodeName: wiz1".to_owned(),
        "user: cluster_user".to_owned(),
        format!("port: {}", n.operations_port),
        format!("port: {}", n.cluster_port),
    ] {
        assert!(cfg.contains(&want), "{want} in\n{cfg}");
    }
    n.start();
    let users = n.json(&["user", "list"]);
    let names: Vec<&str> = users
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|u| u["username"].as_str())
        .collect();
    assert!(names.contains(&"HDB_ADMIN"), "{users}");
    assert!(names.contains(&"cluster_user"), "{users}");
    let status = n.json(&["op", "cluster_mesh_status"]);
    assert_eq!(status["state"], "running", "{status}");
}

#[test]
fn destructive_commands_ask_on_a_terminal_and_not_in_scripts() {
    let n = Node::started("n1");
    n.harper(&["table", "create", "dev.dog"]).ok();
    n.harper(&["insert", "dev.dog", r#"{"id":1}"#]).ok();

    // No: exit 1, nothing dropped.
    let mut p = tty(&n, &["table", "drop", "dev.dog"]);
    p.expect("Drop table dev.dog and its 1 records?", SHOWN);
    p.line("n");
    p.expect("nothing changed", SHOWN);
    assert_eq!(code(&mut p), 1);
    // Enter alone takes the default, No; a "y" without Enter confirms
    // nothing, and Esc takes it back.
    let mut p = tty(&n, &["table", "drop", "dev.dog"]);
    p.expect("[y/N]", SHOWN);
    p.send(key::ENTER);
    assert_eq!(code(&mut p), 1);
    let mut p = tty(&n, &["table", "drop", "dev.dog"]);
    p.expect("[y/N]", SHOWN);
    p.send(b"y");
    p.expect("[Y/n]", SHOWN);
    p.send(key::ESC);
    p.expect("[y/n]", SHOWN);
    p.send(key::ENTER);
    assert_eq!(code(&mut p), 1);
    assert_eq!(table_names(&n), ["dev.dog"]);

    // The other destructive commands ask too, and declining changes nothing.
    for (args, question) in [
        (
            &["database", "drop", "dev"][..],
            "Drop database dev and its 1 tables",
        ),
        (
            &["stream", "purge", "dev.dog"],
            "Purge all 1 entries of the stream of dev.dog?",
        ),
    ] {
        let mut p = tty(&n, args);
        p.expect(question, SHOWN);
        p.line("n");
        assert_eq!(code(&mut p), 1, "{args:?}: {}", p.text());
    }
    assert_eq!(table_names(&n), ["dev.dog"]);
    let info = n.json(&["stream", "info", "dev.dog"]);
    assert_eq!(info["messages"], 1, "{info}");

    // Yes drops.
    let mut p = tty(&n, &["table", "drop", "dev.dog"]);
    p.expect("[y/N]", SHOWN);
    p.line("y");
    assert_eq!(code(&mut p), 0, "{}", p.text());
    assert!(table_names(&n).is_empty());

    // -y skips the question at a terminal.
    n.harper(&["table", "create", "dev.cat"]).ok();
    let mut p = tty(&n, &["-y", "table", "drop", "dev.cat"]);
    assert_eq!(code(&mut p), 0, "{}", p.text());
    assert!(!p.text().contains("[y/N]"), "{}", p.text());
    assert!(table_names(&n).is_empty());

    // Without a terminal: no question, as scripts always had it.
    n.harper(&["table", "create", "dev.cow"]).ok();
    let out = n.harper(&["table", "drop", "dev.cow"]);
    out.ok();
    assert!(!out.stderr.contains("[y/N]"), "{out:#?}");
    assert!(table_names(&n).is_empty());
    n.harper(&["database", "drop", "dev"]).ok();
}

#[test]
fn user_passwd_of_a_missing_user_fails_before_asking() {
    let n = Node::started("n1");
    let mut p = tty(&n, &["user", "passwd", "bob2"]);
    p.expect("User bob2 does not exist", SHOWN);
    assert_eq!(code(&mut p), 1);
    assert!(!p.text().contains("password for"), "{}", p.text());
    // An existing user is asked (twice).
    let mut p = tty(&n, &["user", "passwd", "admin"]);
    p.expect("New password for admin", SHOWN);
    p.secret("pw2", SHOWN);
    p.expect("Repeat the password", SHOWN);
    p.secret("pw2", SHOWN);
    p.expect("password of admin changed", SHOWN);
    assert_eq!(code(&mut p), 0);
}

#[test]
fn cluster_enable_asks_only_what_the_node_lacks() {
    // Installed with a node name, no cluster user.
    let n = Node::started("n1");
    let mut p = tty(&n, &["cluster", "enable"]);
    p.expect("Cluster user", SHOWN);
    p.line("");
    p.expect("Password for the new cluster user cluster_user", SHOWN);
    p.secret(CLUSTER_PASSWORD, SHOWN);
    p.expect("Repeat the password", SHOWN);
    p.secret(CLUSTER_PASSWORD, SHOWN);
    p.expect("listening on", SHOWN);
    assert_eq!(code(&mut p), 0, "{}", p.text());
    assert!(!p.text().contains("unique name"), "{}", p.text());
    n.harper(&["cluster", "disable"]).ok();

    // Now the node has a name, a cluster user and its password: nothing to ask.
    let mut p = tty(&n, &["cluster", "enable"]);
    p.expect("listening on", SHOWN);
    assert_eq!(code(&mut p), 0, "{}", p.text());
    let text = p.text();
    assert!(
        !text.contains("Cluster user") && !text.contains("assword"),
        "{text}"
    );
}

/// The subscription flags `a` has with node `b` for `table`, if any.
fn flags(a: &Node, b: &str, table: &str) -> Option<(bool, bool)> {
    let list = a.json(&["subscribe", "list", b]);
    list.as_array()?.iter().find_map(|r| {
        (format!("{}.{}", r["database"].as_str()?, r["table"].as_str()?) == table).then(|| {
            (
                r["publish"] == Value::Bool(true),
                r["subscribe"] == Value::Bool(true),
            )
        })
    })
}

#[test]
fn subscribe_toggle_picker_applies_only_after_confirmation() {
    let [a, b]: [Node; 2] = Node::clustered_many(&["a", "b"]).try_into().ok().unwrap();
    a.harper(&["route", "add", &b.route(), "--wait"]).ok();
    a.wait_network(&["a", "b"]);
    a.harper(&["table", "create", "dev.dog"]).ok();
    b.harper(&["table", "create", "dev.cat"]).ok();

    // Esc and q at either list cancel; nothing changes.
    for keys in [
        &[key::ESC][..],
        &[b"q"],
        &[key::ENTER, key::ESC],
        &[key::ENTER, key::SPACE, b"q"],
    ] {
        let mut p = tty(&a, &["subscribe", "toggle"]);
        p.expect("Node", SHOWN);
        for (i, k) in keys.iter().enumerate() {
            if i == 1 {
                p.expect("Tables with b", SHOWN);
                // The far side's table is listed too.
                p.expect("dev.cat", SHOWN);
            }
            p.send(k);
        }
        p.expect("nothing changed", SHOWN);
        assert_eq!(code(&mut p), 1, "{}", p.text());
    }
    assert_eq!(flags(&a, "b", "dev.cat"), None);

    // Items: dev.cat publish, dev.cat subscribe, dev.dog publish, dev.dog subscribe.
    // Tick dev.cat subscribe and dev.dog publish, then decline.
    let pick = |answer: &str| {
        let mut p = tty(&a, &["subscribe", "toggle"]);
        p.expect("Node", SHOWN);
        p.send(key::ENTER);
        p.expect("b only", SHOWN);
        p.expect("this node", SHOWN);
        p.send(key::DOWN);
        p.send(key::SPACE);
        p.send(key::DOWN);
        p.send(key::SPACE);
        p.send(key::ENTER);
        p.expect("Apply 2 changes with b?", SHOWN);
        p.line(answer);
        p
    };
    let mut p = pick("n");
    p.expect("nothing changed", SHOWN);
    assert_eq!(code(&mut p), 1);
    assert_eq!(flags(&a, "b", "dev.cat"), None);
    assert_eq!(flags(&a, "b", "dev.dog"), None);

    let mut p = pick("y");
    assert_eq!(code(&mut p), 0, "{}", p.text());
    assert_eq!(flags(&a, "b", "dev.cat"), Some((false, true)));
    assert_eq!(flags(&a, "b", "dev.dog"), Some((true, false)));

    // node remove and a configure that would remove b ask first.
    let mut p = tty(&a, &["node", "remove", "b"]);
    p.expect(
        "Remove node b and its 2 subscriptions, on both sides?",
        SHOWN,
    );
    p.line("n");
    assert_eq!(code(&mut p), 1);
    // A node that is not registered: no question, the daemon's answer.
    let mut p = tty(&a, &["node", "remove", "zz"]);
    assert_ne!(code(&mut p), 0, "{}", p.text());
    assert!(!p.text().contains("[y/N]"), "{}", p.text());
    let empty = a.root().join("none.json");
    std::fs::write(&empty, "[]").unwrap();
    let mut p = tty(&a, &["cluster", "configure", empty.to_str().unwrap()]);
    p.expect(
        "This removes a node and every subscription with it: b",
        SHOWN,
    );
    p.line("n");
    assert_eq!(code(&mut p), 1);
    assert_eq!(flags(&a, "b", "dev.dog"), Some((true, false)));
}

/// What `harper` offers to complete `words` (the last one is being typed),
/// with the daemon of `n` (by HARPER_ROOT).
fn complete(n: &Node, words: &[&str]) -> Vec<String> {
    let out = Command::new(bin("harper"))
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", n.root())
        .env("HARPER_ROOT", n.root())
        .env("COMPLETE", "fish")
        .arg("--")
        .args(words)
        .output()
        .expect("run harper");
    assert!(out.status.success(), "{out:#?}");
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| l.split('\t').next().unwrap_or_default().to_owned())
        .filter(|w| !w.starts_with('-'))
        .collect()
}

#[test]
fn completion_offers_live_tables_routes_databases_users() {
    let n = Node::started("n1");
    n.harper(&["table", "create", "dev.dog"]).ok();
    n.harper(&["table", "create", "cloud.thresholds"]).ok();
    // Clustering is off on this node: the routes are stored, never dialled.
    n.harper(&["route", "add", "127.0.0.1:9", "[::1]:9933"])
        .ok();
    n.harper_stdin(
        &[
            "user",
            "add",
            "bob",
            "--role",
            "super_user",
            "--password-stdin",
        ],
        "pw\n",
    )
    .ok();

    let c = |w: &[&str]| complete(&n, w);
    assert_eq!(
        c(&["harper", "node", "add", "x", "--publish", "de"]),
        ["dev.dog"]
    );
    assert_eq!(
        c(&["harper", "node", "set", "x", "--subscribe", ""]),
        ["cloud.thresholds", "dev.dog"]
    );
    assert_eq!(
        c(&["harper", "route", "remove", ""]),
        ["127.0.0.1:9", "[::1]:9933"]
    );
    assert_eq!(c(&["harper", "route", "remove", "[::"]), ["[::1]:9933"]);
    assert_eq!(c(&["harper", "database", "drop", ""]), ["cloud", "dev"]);
    assert_eq!(c(&["harper", "table", "list", "c"]), ["cloud"]);
    assert_eq!(c(&["harper", "user", "passwd", "b"]), ["bob"]);
    assert_eq!(c(&["harper", "user", "drop", "a"]), ["admin"]);
    assert!(c(&["harper", "user", "add", "x", "--role", "super"]).contains(&"super_user".into()));

    // No daemon: quietly nothing.
    n.stop();
    assert!(c(&["harper", "node", "add", "x", "--publish", ""]).is_empty());
    assert!(c(&["harper", "user", "drop", ""]).is_empty());
}
