//! `harper --target HOST:PORT`: the same commands, output and exit codes as
//! locally, over TLS, with trust on first use or a CA.

use harper_tests::{Node, free_port};
use serde_json::json;

pub(crate) const SECRET: &str = "Remote-Secret-4711";

/// A started node with a super user `ops` / [`SECRET`].
pub(crate) fn remote_node() -> Node {
    let a = Node::started("NodeA");
    a.harper(&[
        "user",
        "add",
        "ops",
        "--role",
        "super_user",
        "--password",
        SECRET,
    ])
    .ok();
    a
}

#[test]
fn commands_run_against_a_remote_daemon() {
    let a = remote_node();
    let b = Node::installed("NodeB");
    let route = format!("127.0.0.1:{}", free_port());
    a.harper(&["route", "add", &route]).ok();
    let target = format!("127.0.0.1:{}", a.operations_port);

    // The done criterion: `route list` from another root prints the remote routes.
    let run = b.harper_target(&a, "ops", SECRET, &["route", "list"]);
    let port = route.rsplit(':').next().unwrap();
    assert!(
        run.ok().contains("127.0.0.1") && run.stdout.contains(port),
        "{run:#?}"
    );
    assert!(
        run.stderr
            .contains(&format!("note: trusting {target} on first use")),
        "{run:#?}"
    );
    // Same JSON as locally and as the HTTP door; the note only once.
    let remote = b.harper_target(&a, "ops", SECRET, &["route", "list", "-o", "json"]);
    let local = a.harper(&["route", "list", "-o", "json"]);
    assert_eq!(remote.ok(), local.ok());
    assert_eq!(
        remote.stdout.trim_end(),
        a.http(r#"{"operation":"cluster_get_routes"}"#).body
    );
    assert!(!remote.stderr.contains("note:"), "{remote:#?}");

    // Writes and reads, and a refused operation with the same output and exit code.
    b.harper_target(&a, "ops", SECRET, &["table", "create", "dev.dog"])
        .ok();
    b.harper_target(
        &a,
        "ops",
        SECRET,
        &["insert", "dev.dog", r#"{"id":1,"name":"Penny"}"#],
    )
    .ok();
    assert_eq!(
        a.json(&["get", "dev.dog", "1"]),
        json!([{"id":1,"name":"Penny"}])
    );
    let args = [
        "op",
        "insert",
        "database=dev",
        "table=cat",
        r#"records=[{"id":1}]"#,
        "-o",
        "json",
    ];
    let (remote, local) = (b.harper_target(&a, "ops", SECRET, &args), a.harper(&args));
    assert_eq!(
        (remote.code, remote.stdout.as_str()),
        (2, local.stdout.as_str())
    );
    assert_eq!(remote.stderr, local.stderr);

    // A bulk load sends the file's text.
    let file = b.root().join("dogs.csv");
    std::fs::write(&file, "id,name\n2,Harper\n3,Rex\n").unwrap();
    let run = b.harper_target(
        &a,
        "ops",
        SECRET,
        &["load", "csv", "dev.dog", file.to_str().unwrap()],
    );
    assert_eq!(run.ok().trim(), "successfully loaded 2 of 2 records");
    // Again: every row is skipped, which fails the load; `-o json` prints
    // csv_data_load's answer, its job id, before that.
    let again = b.harper_target(
        &a,
        "ops",
        SECRET,
        &[
            "load",
            "csv",
            "dev.dog",
            file.to_str().unwrap(),
            "-o",
            "json",
        ],
    );
    assert_eq!(again.code, 1, "{again:#?}");
    let started: serde_json::Value = serde_json::from_str(again.stdout.trim()).unwrap();
    let id = started["job_id"].as_str().unwrap();
    let job = b
        .harper_target(
            &a,
            "ops",
            SECRET,
            &["op", "get_job", &format!("id={id}"), "-o", "json"],
        )
        .json();
    assert_eq!(
        (job[0]["type"].clone(), job[0]["message"].clone()),
        (
            json!("csv_data_load"),
            json!("successfully loaded 0 of 2 records")
        )
    );

    // `user add --password` after the subcommand is the new user's password.
    b.harper_target(
        &a,
        "ops",
        SECRET,
        &[
            "user",
            "add",
            "viewer",
            "--role",
            "cluster_user",
            "--password",
            "viewer-pw-1",
        ],
    )
    .ok();
    let refused = b.harper_target(&a, "viewer", "viewer-pw-1", &["route", "list"]);
    assert_eq!(refused.code, 1, "{refused:#?}");
    assert!(
        refused
            .stderr
            .contains("error: This operation is not authorized due to role restrictions"),
        "{refused:#?}"
    );

    // The environment works as well as the flags.
    let run = b
        .command(&["route", "list", "-o", "json"])
        .env("HARPER_TARGET", &target)
        .env("CLI_TARGET_USERNAME", "ops")
        .env("CLI_TARGET_PASSWORD", SECRET)
        .output()
        .unwrap();
    assert!(run.status.success(), "{run:#?}");
    assert_eq!(
        String::from_utf8_lossy(&run.stdout),
        a.harper(&["route", "list", "-o", "json"]).stdout
    );

    assert!(
        !a.log().contains(SECRET),
        "the password is in the remote log"
    );
}

#[test]
fn remote_refusals_and_exit_codes() {
    let a = remote_node();
    let b = Node::installed("NodeB");
    let target = format!("127.0.0.1:{}", a.operations_port);
    let wrong = b.harper_target(&a, "ops", "not-the-Secret-1", &["route", "list"]);
    assert_eq!(wrong.code, 1, "{wrong:#?}");
    assert!(
        wrong.stderr.lines().any(|l| l == "error: Login failed"),
        "{wrong:#?}"
    );
    assert!(
        !wrong.stderr.contains("not-the-Secret-1") && !wrong.stdout.contains("not-the-Secret-1")
    );

    let dead = format!("127.0.0.1:{}", free_port());
    let run = b.harper(&[
        "--target",
        &dead,
        "--username",
        "ops",
        "--password",
        SECRET,
        "route",
        "list",
    ]);
    assert_eq!(run.code, 3, "{run:#?}");
    assert!(
        run.stderr
            .contains(&format!("cannot reach harperd at {dead}")),
        "{run:#?}"
    );
    assert!(!run.stderr.contains(SECRET));

    // (`status` and `version` take a --target: tests/e2e/cli_watch.rs.)
    for lifecycle in ["start", "stop", "restart", "renew-certs"] {
        let run = b.harper_target(&a, "ops", SECRET, &[lifecycle]);
        assert_eq!(run.code, 2, "{lifecycle}: {run:#?}");
        assert!(
            run.stderr.contains("acts on the local root only"),
            "{run:#?}"
        );
    }
    let run = b.harper(&["--target", &target, "--password", SECRET, "route", "list"]);
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(run.stderr.contains("needs a user name"), "{run:#?}");
    let run = b.harper(&["--target", &target, "--username", "ops", "route", "list"]);
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(run.stderr.contains("needs a password"), "{run:#?}");
    let run = b.harper(&["--target", "no-port", "route", "list"]);
    assert_eq!(run.code, 2, "{run:#?}");
}

#[test]
fn trust_on_first_use_and_by_ca() {
    let a = remote_node();
    let b = Node::installed("NodeB");
    let target = format!("127.0.0.1:{}", a.operations_port);
    let with_ca = |ca: &std::path::Path| {
        b.harper(&[
            "--target",
            &target,
            "--target-ca",
            ca.to_str().unwrap(),
            "--username",
            "ops",
            "--password",
            SECRET,
            "route",
            "list",
            "-o",
            "json",
        ])
    };
    // Verified by the node's CA: no pin, no note.
    let run = with_ca(&a.root().join("keys/ca.pem"));
    assert_eq!(run.ok().trim(), r#"{"hub":[],"leaf":[]}"#);
    assert!(!run.stderr.contains("note:"), "{run:#?}");
    let known = b.root().join(".harper/known_targets");
    assert!(!known.exists());
    // Another install's CA does not vouch for it.
    let run = with_ca(&b.root().join("keys/ca.pem"));
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(
        run.stderr.contains("not valid for the --target-ca"),
        "{run:#?}"
    );

    // First use pins; a different certificate later is refused before logging in.
    b.harper_target(&a, "ops", SECRET, &["route", "list"]).ok();
    let pinned = std::fs::read_to_string(&known).unwrap();
    assert!(pinned.starts_with(&format!("{target} ")), "{pinned}");
    let fake = format!("{target} {}\n", ["00"; 32].join(":"));
    std::fs::write(&known, &fake).unwrap();
    let run = b.harper_target(&a, "ops", SECRET, &["route", "list"]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(
        run.stderr.contains("is not the one trusted before"),
        "{run:#?}"
    );
    assert!(
        run.stderr.contains(&format!(
            "hint: if {target}'s certificate was renewed, delete its line from {}",
            known.display()
        )),
        "{run:#?}"
    );
    assert_eq!(
        std::fs::read_to_string(&known).unwrap(),
        fake,
        "a pin is never replaced silently"
    );
}

#[test]
fn https_only_refuses_plain_http() {
    let a = remote_node();
    a.harper(&[
        "op",
        "set_configuration",
        "operationsApi_network_https=true",
    ])
    .ok();
    a.harper(&["restart"]).ok();
    let plain = a.http(r#"{"operation":"cluster_get_routes"}"#);
    assert_eq!(plain.status, 400, "{plain:#?}");
    assert_eq!(
        plain.json()["error"],
        "This port requires HTTPS (operationsApi.network.https is true)"
    );
    let b = Node::new("NodeB");
    let run = b.harper_target(&a, "ops", SECRET, &["route", "list", "-o", "json"]);
    assert_eq!(run.ok().trim(), r#"{"hub":[],"leaf":[]}"#);
}
