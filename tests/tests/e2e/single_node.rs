//! The single-node product through the CLI: install, start, tables, records,
//! routes, users, restart.

use harper_tests::Node;
use serde_json::json;

#[test]
fn install_start_write_read_stop_start() {
    let n = Node::started("Node1");
    assert!(n.harper(&["status"]).ok().contains("running"));

    n.harper(&["table", "create", "dev.dog", "--primary-key", "id"])
        .ok();
    let out = n.harper(&[
        "insert",
        "dev.dog",
        r#"[{"id":1,"name":"Penny"},{"id":2,"name":"Harper"}]"#,
        "-o",
        "json",
    ]);
    assert_eq!(
        out.ok().trim(),
        r#"{"message":"inserted 2 of 2 records","inserted_hashes":[1,2],"skipped_hashes":[]}"#
    );

    let described = n.harper(&[
        "op",
        "describe_table",
        "database=dev",
        "table=dog",
        "json=true",
    ]);
    assert!(
        described
            .ok()
            .contains(r#""clustering_stream_name": "9d2969dfab3c9b5daa6f8d3d0b3ad347""#),
        "{described:#?}"
    );
    assert_eq!(
        n.json(&["table", "describe", "dev.dog"])["record_count"],
        json!(2)
    );

    let got = n.json(&["get", "dev.dog", "1"]);
    assert_eq!(got, json!([{"id":1,"name":"Penny"}]));
    assert!(n.harper(&["get", "dev.dog", "1"]).ok().contains("Penny"));

    n.harper(&["stop"]).ok();
    let down = n.harper(&["get", "dev.dog", "1"]);
    assert_eq!(down.code, 3, "{down:#?}");
    assert!(down.stderr.contains("hint: harper --root"), "{down:#?}");
    assert!(down.stderr.contains("start"), "{down:#?}");

    n.harper(&["start"]).ok();
    assert!(n.harper(&["get", "dev.dog", "1"]).ok().contains("Penny"));
    assert_eq!(
        n.json(&["get", "dev.dog", "2"]),
        json!([{"id":2,"name":"Harper"}])
    );
}

#[test]
fn routes_add_list_remove_with_harperdb_json() {
    let n = Node::started("Node1");
    let first = n.json(&["route", "add", "10.0.0.5:9932"]);
    assert_eq!(
        first,
        json!({"message":"cluster routes successfully set","set":[{"host":"10.0.0.5","port":9932}],"skipped":[]})
    );
    let again = n.json(&["route", "add", "10.0.0.5:9932"]);
    assert_eq!(
        again,
        json!({"message":"cluster routes successfully set","set":[],"skipped":[{"host":"10.0.0.5","port":9932}]})
    );
    assert_eq!(
        n.harper(&["route", "list", "-o", "json"]).ok().trim(),
        r#"{"hub":[{"host":"10.0.0.5","port":9932}],"leaf":[]}"#
    );
    // The same route as a leaf route is skipped: a route lives in one list only.
    let leaf = n.json(&["route", "add", "10.0.0.5:9932", "--server", "leaf"]);
    assert_eq!(leaf["skipped"], json!([{"host":"10.0.0.5","port":9932}]));
    let removed = n.json(&["route", "remove", "10.0.0.5:9932", "10.0.0.6:1"]);
    assert_eq!(
        removed,
        json!({"message":"cluster routes successfully deleted","deleted":[{"host":"10.0.0.5","port":9932}],"skipped":[{"host":"10.0.0.6","port":1}]})
    );
    assert_eq!(n.json(&["route", "list"]), json!({"hub":[],"leaf":[]}));
    // Routes persist in the config file.
    n.harper(&["route", "add", "127.0.0.1:1234"]).ok();
    n.harper(&["restart"]).ok();
    assert_eq!(
        n.json(&["route", "list"])["hub"],
        json!([{"host":"127.0.0.1","port":1234}])
    );
}

#[test]
fn update_upsert_delete_and_search() {
    let n = Node::started("Node1");
    n.harper(&["table", "create", "dog"]).ok();
    n.harper(&["insert", "dog", r#"{"id":1,"name":"Penny","age":5}"#])
        .ok();
    let up = n.json(&["update", "dog", r#"[{"id":1,"age":6},{"id":9,"age":1}]"#]);
    assert_eq!(
        up,
        json!({"message":"updated 1 of 2 records","update_hashes":[1],"skipped_hashes":[9]})
    );
    assert_eq!(
        n.json(&["get", "data.dog", "1"]),
        json!([{"id":1,"name":"Penny","age":6}])
    );
    let ups = n.json(&[
        "upsert",
        "dog",
        r#"[{"id":2,"name":"Harper"},{"name":"Nameless"}]"#,
    ]);
    assert_eq!(ups["message"], "upserted 2 of 2 records");
    assert_eq!(ups["upserted_hashes"][0], 2);
    assert_eq!(ups["upserted_hashes"][1].as_str().map(str::len), Some(36));
    let found = n.json(&["search", "dog", "name=P*"]);
    assert_eq!(found, json!([{"id":1,"name":"Penny","age":6}]));
    let del = n.json(&["delete", "dog", "1", "77"]);
    assert_eq!(
        del,
        json!({"message":"1 of 2 records successfully deleted","deleted_hashes":[1],"skipped_hashes":[77]})
    );
    let single = n.json(&["delete", "dog", "2"]);
    assert_eq!(single["message"], "1 of 1 record successfully deleted");
    assert_eq!(n.json(&["get", "dog", "1", "2"]), json!([]));
    // Records from standard input.
    let piped = n.harper_stdin(&["insert", "dog", "-", "-o", "json"], r#"[{"id":5}]"#);
    assert_eq!(piped.json()["inserted_hashes"], json!([5]));
}

#[test]
fn users_and_databases() {
    let n = Node::started("Node1");
    let added = n.harper_stdin(
        &[
            "user",
            "add",
            "cluster_account",
            "--role",
            "cluster_user",
            "--password-stdin",
            "-o",
            "json",
        ],
        "letsCluster123!\n",
    );
    assert_eq!(
        added.json(),
        json!({"message":"cluster_account successfully added"})
    );
    let again = n.harper(&[
        "user",
        "add",
        "cluster_account",
        "--role",
        "cluster_user",
        "--password",
        "x",
    ]);
    assert_eq!(again.code, 1);
    assert!(
        again.stderr.contains("User cluster_account already exists"),
        "{again:#?}"
    );
    let users = n.json(&["user", "list"]);
    let names: Vec<_> = users
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["username"].clone())
        .collect();
    assert_eq!(names, vec![json!("admin"), json!("cluster_account")]);
    assert!(
        users.to_string().find("argon2").is_none(),
        "hashes must not leak: {users}"
    );
    assert_eq!(users[1]["role"]["role"], "cluster_user");
    let bad_role = n.harper(&[
        "op",
        "add_user",
        "role=nope",
        "username=x",
        "password=y",
        "active=true",
        "-o",
        "json",
    ]);
    assert_eq!(bad_role.code, 1);
    assert_eq!(bad_role.stdout.trim(), r#"{"error":"nope role not found"}"#);

    assert_eq!(
        n.json(&["database", "create", "dev"]),
        json!({"message":"database 'dev' successfully created"})
    );
    let dup = n.harper(&["database", "create", "dev"]);
    assert_eq!(dup.code, 2);
    assert!(dup.stderr.contains("database 'dev' already exists"));
    assert_eq!(
        n.json(&["op", "create_table", "table=set-test", "hash_attribute=id"]),
        json!({"message":"table 'data.set-test' successfully created."})
    );
    assert_eq!(n.json(&["database", "list"]), json!(["data", "dev"]));
    assert_eq!(
        n.json(&["database", "drop", "data"]),
        json!({"message":"successfully deleted 'data'"})
    );
    assert_eq!(n.json(&["database", "list"]), json!(["dev"]));
}

#[test]
fn node_name_shows_and_sets() {
    let n = Node::started("Node1");
    assert_eq!(n.json(&["node", "name"]), json!({"node_name":"Node1"}));
    n.harper(&["node", "name", "Renamed"]).ok();
    assert_eq!(n.json(&["node", "name"]), json!({"node_name":"Renamed"}));
    let cfg = String::from_utf8(n.config_bytes()).unwrap();
    assert!(cfg.contains("nodeName: Renamed"), "{cfg}");
}

#[test]
fn restart_and_restart_service_answer_like_harperdb() {
    let n = Node::clustered("Node1");
    n.harper(&["table", "create", "dev.dog"]).ok();
    n.harper(&["insert", "dev.dog", r#"[{"id":1,"name":"Penny"}]"#])
        .ok();
    let pid = n.pid().expect("pid");
    assert_eq!(
        n.json(&["op", "restart"]),
        json!({"message": "Restarting HarperDB. This may take up to 60 seconds."})
    );
    // The same process image is replaced: same pid, data kept, answering again.
    harper_tests::wait_for(
        "the daemon to start a second time",
        harper_tests::WAIT,
        || (n.log().matches("harperd started").count() == 2).then_some(()),
    );
    let back = n.wait_json(
        "the record after the restart",
        &["get", "dev.dog", "1"],
        |v| v[0]["name"] == "Penny",
    );
    assert_eq!(back, json!([{"id":1,"name":"Penny"}]));
    assert_eq!(n.pid(), Some(pid));
    let r = n.json(&["op", "restart_service", "service=clustering config"]);
    assert_eq!(r["message"], "Restarting clustering config", "{r}");
    let job = n.json(&[
        "op",
        "get_job",
        &format!("id={}", r["job_id"].as_str().unwrap()),
    ]);
    assert_eq!(job[0]["status"], "COMPLETE", "{job}");
    let bogus = n.harper(&["op", "restart_service", "service=bogus", "-o", "json"]);
    assert_eq!(bogus.code, 2, "{bogus:?}");
    assert!(
        bogus.stdout.contains("Invalid service") || bogus.stderr.contains("Invalid service"),
        "{bogus:?}"
    );
}
