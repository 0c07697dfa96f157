//! Acknowledged writes survive kill -9.

use harper_tests::Node;
use serde_json::json;

#[test]
fn kill_9_right_after_an_acknowledged_insert_keeps_it() {
    let n = Node::started("Node1");
    n.harper(&["table", "create", "dev.dog"]).ok();
    for i in 0..20 {
        let rec = format!(r#"{{"id":{i},"name":"dog{i}"}}"#);
        n.harper(&["insert", "dev.dog", &rec]).ok();
    }
    n.kill9();
    n.harper(&["start"]).ok();
    let all = n.json(&[
        "op",
        "search_by_value",
        "database=dev",
        "table=dog",
        "search_attribute=id",
        "search_value=*",
        r#"get_attributes=["id"]"#,
    ]);
    assert_eq!(all.as_array().map(Vec::len), Some(20), "{all}");
    assert_eq!(
        n.json(&["get", "dev.dog", "19"]),
        json!([{"id":19,"name":"dog19"}])
    );
    // The stream kept one entry per transaction, and sequences continue.
    let described = n.json(&["table", "describe", "dev.dog"]);
    assert_eq!(described["record_count"], 20);
}

/// Overwrite the middle of every 4 KiB page of sled's log with garbage.
fn damage(db_dir: &std::path::Path) {
    use std::io::{Seek, SeekFrom, Write};
    let path = db_dir.join("db");
    let len = std::fs::metadata(&path).expect("sled log").len();
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .expect("open sled log");
    let mut off = 0;
    while off < len {
        f.seek(SeekFrom::Start(off + 100)).unwrap();
        f.write_all(&[0xde, 0xad, 0xbe, 0xef].repeat(64)).unwrap();
        off += 4096;
    }
    f.sync_all().unwrap();
}

#[test]
fn a_damaged_database_is_set_aside_and_refilled_from_peers() {
    let a = Node::clustered("keeper");
    let b = Node::clustered("victim");
    b.harper(&["route", "add", &a.route(), "--wait"]).ok();
    a.harper(&["table", "create", "dev.pets"]).ok();
    b.json(&[
        "node",
        "add",
        "keeper",
        "--publish",
        "dev.pets",
        "--subscribe",
        "dev.pets",
    ]);
    for i in 0..30 {
        let who = if i % 2 == 0 { &a } else { &b };
        who.harper(&[
            "insert",
            "dev.pets",
            &json!([{"id": i, "by": who.name}]).to_string(),
        ])
        .ok();
    }
    let full =
        |n: &Node| n.json(&["table", "describe", "dev.pets"])["record_count"].as_u64() == Some(30);
    harper_tests::wait_for("both nodes to hold all 30", harper_tests::WAIT, || {
        (full(&a) && full(&b)).then_some(())
    });
    let reader = json!({"dev": {"tables": {"pets": {"read": true, "insert": false, "update": false, "delete": false, "attribute_permissions": []}}}});
    b.harper(&["role", "add", "pet_reader", &reader.to_string()])
        .ok();
    b.harper(&[
        "user",
        "add",
        "pr",
        "--role",
        "pet_reader",
        "--password",
        "pw-Pr-1",
    ])
    .ok();
    b.stop();
    damage(&b.root().join("database"));
    b.start();
    assert!(b.log().contains("is damaged"), "{}", b.log());
    let aside: Vec<_> = std::fs::read_dir(b.root())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("database.damaged-")
        })
        .collect();
    assert_eq!(aside.len(), 1, "the damaged database is kept");
    // Users, roles and subscriptions came back from the backup...
    let users = b.json(&["user", "list"]).to_string();
    assert!(
        users.contains("admin") && users.contains("cluster_user"),
        "{users}"
    );
    let roles = b.json(&["role", "list"]);
    let pet_reader = roles
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "pet_reader");
    assert_eq!(
        pet_reader.map(|r| &r["permission"]),
        Some(&reader),
        "{roles}"
    );
    let users = b.json(&["user", "list"]);
    let pr = users
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["username"] == "pr");
    assert_eq!(
        pr.map(|u| &u["role"]["role"]),
        Some(&json!("pet_reader")),
        "{users}"
    );
    // ...and the data from the peer.
    b.wait_json(
        "the table refilled from keeper",
        &["table", "describe", "dev.pets"],
        |v| v["record_count"] == 30,
    );
    // Both directions flow again: keeper reads victim's new stream from its start.
    b.harper(&["insert", "dev.pets", r#"[{"id":100,"by":"victim"}]"#])
        .ok();
    a.wait_json("victim's new write", &["get", "dev.pets", "100"], |v| {
        v[0]["by"] == "victim"
    });
    a.harper(&["insert", "dev.pets", r#"[{"id":101,"by":"keeper"}]"#])
        .ok();
    b.wait_json("keeper's new write", &["get", "dev.pets", "101"], |v| {
        v[0]["by"] == "keeper"
    });
}
