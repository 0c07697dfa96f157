//! Bad input gets a clear error, the documented exit code, and changes nothing.

mod limits;

use harper_tests::Node;
use serde_json::json;

#[test]
fn bad_node_name_is_a_usage_error_and_changes_nothing() {
    let n = Node::started("Node1");
    let before = n.config_bytes();
    let out = n.harper(&["node", "name", "bad.name"]);
    assert_eq!(out.code, 2, "{out:#?}");
    assert!(
        out.stderr.contains("must not contain ., * or >"),
        "{out:#?}"
    );
    // The daemon refuses it too (nodeName is validated when clustering is on,
    // as in HarperDB), with HarperDB's message, and keeps the file.
    let with_clustering = n.harper(&[
        "op",
        "set_configuration",
        "clustering_enabled=true",
        "clustering_nodeName=a.b",
        "-o",
        "json",
    ]);
    assert_eq!(
        with_clustering.stdout.trim(),
        r#"{"error":"HarperDB config file validation error: 'clustering.nodeName' invalid, must not contain ., * or >"}"#
    );
    assert_eq!(n.config_bytes(), before);
    assert_eq!(n.json(&["node", "name"]), json!({"node_name":"Node1"}));
}

#[test]
fn bad_routes_are_refused() {
    let n = Node::started("Node1");
    let before = n.config_bytes();
    for bad in ["10.0.0.5", "host:99999", "host:port", ":1"] {
        let out = n.harper(&["route", "add", bad]);
        assert_eq!(out.code, 2, "{bad}: {out:#?}");
        assert!(out.stderr.contains("HOST:PORT"), "{out:#?}");
    }
    let op = n.harper(&[
        "op",
        "cluster_set_routes",
        "server=harperdb",
        "routes=[]",
        "-o",
        "json",
    ]);
    assert_eq!(op.code, 2);
    assert_eq!(
        op.stdout.trim(),
        r#"{"error":"'server' must be one of [hub, leaf]"}"#
    );
    let op = n.harper(&[
        "op",
        "cluster_set_routes",
        "server=hub",
        r#"routes=[{"host":"test.uni","port":1111},{"ip":"1.2.3.4","port":12345}]"#,
        "-o",
        "json",
    ]);
    assert_eq!(
        op.stdout.trim(),
        r#"{"error":"'routes[1].host' is required"}"#
    );
    assert_eq!(n.config_bytes(), before);
}

#[test]
fn unknown_tables_and_bad_records() {
    let n = Node::started("Node1");
    let out = n.harper(&["get", "dev.cat", "1"]);
    assert_eq!(out.code, 1, "{out:#?}");
    assert!(
        out.stderr.contains("database 'dev' does not exist"),
        "{out:#?}"
    );
    n.harper(&["table", "create", "dev.dog"]).ok();
    let out = n.harper(&["insert", "dev.cat", r#"{"id":1}"#]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("Table 'dev.cat' does not exist"),
        "{out:#?}"
    );
    let out = n.harper(&["insert", "dev.dog", "{not json"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("not valid JSON"), "{out:#?}");
    let out = n.harper(&["insert", "dev.dog", r#"{"id":1,"":2}"#, "-o", "json"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("Invalid attribute name: ''"),
        "{out:#?}"
    );
    let out = n.harper(&["op", "frobnicate", "-o", "json"]);
    assert_eq!(
        out.stdout.trim(),
        r#"{"error":"Operation 'frobnicate' not found"}"#
    );
    assert_eq!(n.json(&["table", "describe", "dev.dog"])["record_count"], 0);
}

#[test]
fn malformed_config_file_is_refused_at_start_and_kept() {
    let n = Node::installed("Node1");
    let path = n.root().join("harperdb-config.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let broken = text.replace("insecure: true", "insecure: maybe");
    assert_ne!(broken, text);
    std::fs::write(&path, &broken).unwrap();
    let out = n.harper(&["start"]);
    assert_eq!(out.code, 1, "{out:#?}");
    assert!(
        out.stderr.contains("HarperDB config file validation error"),
        "{out:#?}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), broken);

    std::fs::write(&path, "clustering: [unclosed\n").unwrap();
    let out = n.harper(&["start"]);
    assert_eq!(out.code, 1, "{out:#?}");
    assert!(out.stderr.contains("harperdb-config.yaml"), "{out:#?}");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "clustering: [unclosed\n"
    );
}

#[test]
fn install_over_an_existing_root_is_refused() {
    let n = Node::installed("Node1");
    let before = n.config_bytes();
    let out = n.harper(&[
        "install",
        "-y",
        "--admin-username",
        "a",
        "--admin-password",
        "b",
    ]);
    assert_eq!(out.code, 2, "{out:#?}");
    assert!(
        out.stderr.contains("already holds an installation"),
        "{out:#?}"
    );
    assert_eq!(n.config_bytes(), before);
}

#[test]
fn install_without_answers_and_no_tty_names_what_is_missing() {
    let n = Node::new("x");
    let out = n.harper(&["install"]);
    assert_eq!(out.code, 2, "{out:#?}");
    assert!(out.stderr.contains("HDB_ADMIN_USERNAME"), "{out:#?}");
    assert!(!n.root().join("harperdb-config.yaml").exists());
    let out = n.harper(&[
        "install",
        "-y",
        "--admin-username",
        "a",
        "--admin-password",
        "b",
        "--node-name",
        "bad.name",
    ]);
    assert_eq!(out.code, 2, "{out:#?}");
    assert!(!n.root().join("harperdb-config.yaml").exists());
    let out = n.harper(&[
        "install",
        "-y",
        "--admin-username",
        "ad\u{202E}min",
        "--admin-password",
        "b",
    ]);
    assert_ne!(out.code, 0, "{out:#?}");
    assert!(
        out.stderr
            .contains("'username' contains characters that are not allowed"),
        "{out:#?}"
    );
    assert!(!n.root().join("harperdb-config.yaml").exists());
}

#[test]
fn install_takes_harperdb_env_vars_and_key_args() {
    let n = Node::new("x");
    let out = n
        .command(&[
            "install",
            "--CLUSTERING_ENABLED",
            "true",
            "--CLUSTERING_NODENAME",
            "Node1",
            "--CLUSTERING_USER",
            "cluster_account",
            "--CLUSTERING_PASSWORD",
            "letsCluster123!",
        ])
        .env("HDB_ADMIN_USERNAME", "admin")
        .env("HDB_ADMIN_PASSWORD", "pw")
        .env("CLUSTERING_PORT", n.cluster_port.to_string())
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:#?}");
    let cfg = String::from_utf8(n.config_bytes()).unwrap();
    assert!(cfg.contains("nodeName: Node1"), "{cfg}");
    assert!(cfg.contains("user: cluster_account"), "{cfg}");
    assert!(cfg.contains(&format!("port: {}", n.cluster_port)), "{cfg}");
    assert!(
        !cfg.contains("letsCluster123!"),
        "the cluster password must not be in the config"
    );
    for f in ["ca.pem", "certificate.pem", "privateKey.pem"] {
        assert!(n.root().join("keys").join(f).is_file(), "{f}");
    }
}

#[test]
fn commands_without_a_daemon_exit_3() {
    let n = Node::installed("Node1");
    for args in [
        &["route", "list"][..],
        &["table", "list"],
        &["op", "describe_all"],
    ] {
        let out = n.harper(args);
        assert_eq!(out.code, 3, "{args:?}: {out:#?}");
        assert!(out.stderr.contains("harperd is not running"), "{out:#?}");
    }
    assert!(n.harper(&["status"]).ok().contains("stopped"));
    assert!(n.harper(&["stop"]).ok().contains("not running"));
}

#[test]
fn purge_stream_refuses_options_it_does_not_know_and_keeps_the_stream() {
    let n = Node::clustered("Node1");
    n.harper(&["table", "create", "dev.log"]).ok();
    for i in 0..3 {
        n.harper(&["insert", "dev.log", &json!([{"id": i}]).to_string()])
            .ok();
    }
    let entries = |n: &Node| n.json(&["stream", "info", "dev.log"])["messages"].clone();
    let before = entries(&n);
    assert_eq!(before, 3, "{before}");
    for (options, says) in [
        (r#"options="x""#, "'options' must be of type object"),
        ("options=1.5", "'options' must be of type object"),
        ("options=[]", "'options' must be of type object"),
        (r#"options={"kep":5}"#, "'options.kep' is not allowed"),
        (
            r#"options={"filter":"x"}"#,
            "'options.filter' is not allowed",
        ),
        (
            r#"options={"keep":-1}"#,
            "'options.keep' must be a whole number",
        ),
        (
            r#"options={"seq":"2"}"#,
            "'options.seq' must be a whole number",
        ),
    ] {
        let out = n.harper(&[
            "op",
            "purge_stream",
            "database=dev",
            "table=log",
            options,
            "-o",
            "json",
        ]);
        assert_eq!(out.code, 2, "{options}: {out:#?}");
        assert!(out.stdout.contains(says), "{options}: {out:#?}");
        assert_eq!(entries(&n), before, "{options} purged something");
    }
    // A valid one still purges.
    n.json(&[
        "op",
        "purge_stream",
        "database=dev",
        "table=log",
        r#"options={"keep":1}"#,
    ]);
    assert_eq!(entries(&n), 1);
}

/// Names with a NUL, another control character, a newline, a bidi override,
/// a zero-width space, and one of 70,000 characters.
fn bad_names() -> Vec<(String, &'static str)> {
    let chars = "contains characters that are not allowed";
    vec![
        ("a\0b".into(), chars),
        ("a\u{1}b".into(), chars),
        ("a\nb".into(), chars),
        ("ab\u{202E}cd".into(), chars),
        ("a\u{200B}b".into(), chars),
        ("n".repeat(70_000), "cannot exceed 250 bytes"),
    ]
}

#[track_caller]
fn refused(n: &Node, body: serde_json::Value, field: &str, rule: &str) {
    let answer = n.http(&body.to_string());
    assert_eq!(answer.status, 400, "{body}: {answer:#?}");
    let error = answer.json()["error"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(
        error.contains(&format!("'{field}'")) && error.contains(rule),
        "{field}: {error}"
    );
    assert!(
        !error.contains('\0') && !error.contains('\u{202E}'),
        "{error:?}"
    );
}

#[test]
fn bad_names_are_refused_and_create_nothing() {
    let n = Node::clustered("Node1");
    n.harper(&["table", "create", "dev.dog"]).ok();
    let schema = n.json(&["op", "describe_all"]);
    let users = n.json(&["op", "list_users"]);
    for (bad, rule) in bad_names() {
        refused(
            &n,
            json!({"operation": "create_database", "database": bad}),
            "database",
            rule,
        );
        refused(
            &n,
            json!({"operation": "create_table", "database": bad, "table": "t", "primary_key": "id"}),
            "database",
            rule,
        );
        refused(
            &n,
            json!({"operation": "create_table", "database": "dev", "table": bad, "primary_key": "id"}),
            "table",
            rule,
        );
        refused(
            &n,
            json!({"operation": "create_table", "database": "dev", "table": "t", "primary_key": bad}),
            "attribute",
            rule,
        );
        let mut record = serde_json::Map::new();
        record.insert("id".into(), json!(1));
        record.insert(bad.clone(), json!(1));
        refused(
            &n,
            json!({"operation": "insert", "database": "dev", "table": "dog", "records": [record]}),
            "attribute",
            rule,
        );
        refused(
            &n,
            json!({"operation": "add_user", "role": "super_user", "username": bad, "password": "pw2", "active": true}),
            "username",
            rule,
        );
        refused(
            &n,
            json!({"operation": "add_node", "node_name": bad, "subscriptions": []}),
            "node_name",
            rule,
        );
    }
    let before = n.config_bytes();
    for bad in ["Node\0x", "Node\u{202E}x", &"n".repeat(70_000)] {
        let answer = n.http(
            &json!({"operation": "set_configuration", "clustering_nodeName": bad}).to_string(),
        );
        assert_eq!(answer.status, 400, "{answer:#?}");
        assert_eq!(
            answer.json()["error"],
            "HarperDB config file validation error: 'clustering.nodeName' invalid, must not contain ., * or >"
        );
    }
    assert_eq!(n.config_bytes(), before);
    let reserved = "'system' name is reserved";
    refused(
        &n,
        json!({"operation": "create_database", "database": "system"}),
        "database",
        reserved,
    );
    refused(
        &n,
        json!({"operation": "create_table", "database": "system", "table": "x", "primary_key": "id"}),
        "database",
        reserved,
    );
    assert_eq!(
        n.json(&["op", "describe_all"]),
        schema,
        "nothing was created"
    );
    assert_eq!(n.json(&["op", "list_users"]), users);

    // The CLI's parsers refuse them as usage errors (exit 2) before any call.
    for args in [
        &["database", "create", "ab\u{202E}cd"][..],
        &["database", "create", "system"],
        &["table", "create", "dev.a\u{1}b"],
        &["table", "create", "dev.t", "--primary-key", "i\u{200B}d"],
        &[
            "user",
            "add",
            "a\u{7}b",
            "--role",
            "super_user",
            "--password",
            "pw2",
        ],
    ] {
        let out = n.harper(args);
        assert_eq!(out.code, 2, "{args:?}: {out:#?}");
        assert!(
            !out.stderr.contains('\u{202E}') && !out.stderr.contains('\u{1}'),
            "{out:#?}"
        );
    }
    assert_eq!(n.json(&["op", "describe_all"]), schema);

    // Ordinary letters of any script stay names.
    for name in ["café", "日本"] {
        let db = format!("db_{name}");
        n.http(&json!({"operation": "create_database", "database": db}).to_string());
        let answer = n.http(
            &json!({"operation": "create_table", "database": db, "table": name, "primary_key": name})
                .to_string(),
        );
        assert_eq!(answer.status, 200, "{answer:#?}");
        let answer = n.http(
            &json!({"operation": "insert", "database": db, "table": name, "records": [{name: 1, "ü": 2}]})
                .to_string(),
        );
        assert_eq!(answer.status, 200, "{answer:#?}");
        let answer = n.http(
            &json!({"operation": "add_user", "role": "super_user", "username": name, "password": "pw2", "active": true})
                .to_string(),
        );
        assert_eq!(answer.status, 200, "{answer:#?}");
    }
}
