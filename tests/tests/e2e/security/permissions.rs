//! What a role may do with data (issue 13), through the HTTP door as users
//! of custom roles (Basic auth), and the same operations through the socket,
//! which is the super user: per CRUD verb on a table, per attribute (reads
//! narrowed, writes refused), `describe_*` narrowed, and `harper --target`
//! as such a user.

use serde_json::{Value, json};

use super::roles::{
    PASSWORD, add_role, add_user, all_dogs, allowed, denied, dev_node, dog, needs, needs_attrs, on,
    refused, table_perms,
};

#[test]
fn each_crud_verb_is_checked_on_its_table_through_both_doors() {
    let n = dev_node("Node1");
    add_role(
        &n,
        "reader_inserter",
        json!({"dev": {"tables": {"dog": table_perms(true, true, false, false, json!([]))}}}),
    );
    add_user(&n, "ri", "reader_inserter");
    let before = all_dogs(&n);

    let got = allowed(
        &n,
        "ri",
        dog("search_by_id", json!({"ids": [1], "get_attributes": ["*"]})),
    );
    assert_eq!(got, before);
    allowed(
        &n,
        "ri",
        dog(
            "search_by_conditions",
            json!({"conditions": [{"search_attribute": "name", "search_type": "equals", "search_value": "Penny"}], "get_attributes": ["id"]}),
        ),
    );
    let ins = allowed(
        &n,
        "ri",
        dog("insert", json!({"records": [{"id": 2, "name": "Rex"}]})),
    );
    assert_eq!(ins["inserted_hashes"], json!([2]));
    let after_insert = all_dogs(&n);
    for (body, verbs) in [
        (
            dog("update", json!({"records": [{"id": 1, "name": "X"}]})),
            vec!["update"],
        ),
        (
            dog("upsert", json!({"records": [{"id": 3}]})),
            vec!["update"],
        ),
        (dog("delete", json!({"ids": [1]})), vec!["delete"]),
        (
            dog(
                "csv_data_load",
                json!({"action": "update", "data": "id,name\n1,Y\n"}),
            ),
            vec!["update"],
        ),
    ] {
        refused(
            &n,
            "ri",
            body,
            denied(needs("dev", "dog", &verbs), json!([])),
        );
    }
    assert_eq!(all_dogs(&n), after_insert, "a refused write writes nothing");
    let job = allowed(
        &n,
        "ri",
        dog("csv_data_load", json!({"data": "id,name\n4,Fido\n"})),
    );
    assert!(job["job_id"].is_string(), "{job}");
    let id = job["job_id"].as_str().unwrap().to_owned();
    n.wait_json(
        "the load job",
        &["op", "get_job", &format!("id={id}")],
        |v| v[0]["status"] == "COMPLETE",
    );
    let mine = allowed(&n, "ri", json!({"operation": "get_job", "id": id}));
    assert_eq!(mine[0]["id"], json!(id), "{mine}");
    // Another user's job is not shown to a role that is not a super user.
    let theirs = n.json(&[
        "op",
        "csv_data_load",
        "database=dev",
        "table=dog",
        "data=id\n5\n",
    ]);
    let theirs = json!({"operation": "get_job", "id": theirs["job_id"]});
    assert_eq!(allowed(&n, "ri", theirs.clone()), json!([]));
    assert_eq!(
        n.json(&[
            "op",
            "get_job",
            &format!("id={}", theirs["id"].as_str().unwrap())
        ])
        .as_array()
        .map(Vec::len),
        Some(1)
    );

    // What the role cannot see is answered as missing, existing or not.
    for (db, table, missing) in [
        ("dev", "cat", "Table 'dev.cat' does not exist"),
        ("dev", "cow", "Table 'dev.cow' does not exist"),
        ("prod", "x", "database 'prod' does not exist"),
        ("nowhere", "x", "database 'nowhere' does not exist"),
    ] {
        let body = on(
            db,
            table,
            "search_by_id",
            json!({"ids": [1], "get_attributes": ["*"]}),
        );
        refused(&n, "ri", body, denied(json!([]), json!([missing])));
        let body = on(db, table, "insert", json!({"records": [{"id": 9}]}));
        refused(&n, "ri", body, denied(json!([]), json!([missing])));
    }

    // The socket is the super user: the same writes go through.
    n.harper(&["update", "dev.dog", r#"{"id":1,"name":"Socket"}"#])
        .ok();
    n.harper(&["delete", "dev.dog", "2"]).ok();
    n.harper(&["insert", "dev.cat", r#"{"id":1}"#]).ok();
    let dogs = all_dogs(&n);
    let names: Vec<&str> = dogs
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["name"].as_str())
        .collect();
    assert_eq!(names, ["Socket", "Fido"], "{dogs}");

    // `harper --target` as this user: the same rules, and the CLI says what is missing.
    let got = n.harper_target(&n, "ri", PASSWORD, &["get", "dev.dog", "1", "-o", "json"]);
    assert_eq!(got.json()[0]["name"], "Socket", "{got:#?}");
    let no = n.harper_target(&n, "ri", PASSWORD, &["delete", "dev.dog", "1"]);
    assert_eq!(no.code, 1, "{no:#?}");
    assert!(
        no.stderr.contains("This operation is not authorized due to role restrictions and/or invalid database items: dev.dog needs delete"),
        "{no:#?}"
    );
    let admin_op = n.harper_target(&n, "ri", PASSWORD, &["route", "list"]);
    assert_eq!(admin_op.code, 1, "{admin_op:#?}");
    assert!(
        admin_op
            .stderr
            .contains("Operation 'getRoutes' is restricted to 'super_user' roles"),
        "{admin_op:#?}"
    );
}

#[test]
fn attributes_are_checked_and_unreadable_ones_left_out() {
    let n = dev_node("Node1");
    // name: everything; owner: insert only; chip: not listed, so nothing.
    add_role(
        &n,
        "partial",
        json!({"dev": {"tables": {"dog": table_perms(true, true, true, false, json!([
            {"attribute_name": "name", "read": true, "insert": true, "update": true},
            {"attribute_name": "owner", "read": false, "insert": true, "update": false}]))}}}),
    );
    add_user(&n, "p", "partial");
    let star = json!({"ids": [1], "get_attributes": ["*"]});
    assert_eq!(
        allowed(&n, "p", dog("search_by_id", star)),
        json!([{"name": "Penny", "id": 1}]),
        "only what the role may read"
    );
    let by_value =
        json!({"search_attribute": "name", "search_value": "P*", "get_attributes": ["*"]});
    assert_eq!(
        allowed(&n, "p", dog("search_by_value", by_value)),
        json!([{"name": "Penny", "id": 1}])
    );
    let read_owner = needs_attrs(&[("owner", &["read"])]);
    for body in [
        dog(
            "search_by_id",
            json!({"ids": [1], "get_attributes": ["id", "owner"]}),
        ),
        dog(
            "search_by_value",
            json!({"search_attribute": "owner", "search_value": "Kyle", "get_attributes": ["id"]}),
        ),
        dog(
            "search_by_conditions",
            json!({"conditions": [{"search_attribute": "owner", "search_type": "equals", "search_value": "Kyle"}], "get_attributes": ["id"]}),
        ),
        dog(
            "search_by_conditions",
            json!({"conditions": [{"search_attribute": "id", "search_type": "equals", "search_value": 1}], "sort": {"attribute": "owner"}, "get_attributes": ["id"]}),
        ),
    ] {
        refused(&n, "p", body, denied(read_owner.clone(), json!([])));
    }
    // chip is hidden: as missing as an attribute that does not exist.
    refused(
        &n,
        "p",
        dog(
            "search_by_id",
            json!({"ids": [1], "get_attributes": ["chip"]}),
        ),
        denied(
            json!([]),
            json!(["Attribute 'chip' does not exist on 'dev.dog'"]),
        ),
    );

    let before = all_dogs(&n);
    allowed(
        &n,
        "p",
        dog(
            "insert",
            json!({"records": [{"id": 2, "name": "Rex", "owner": "Ann"}]}),
        ),
    );
    refused(
        &n,
        "p",
        dog(
            "update",
            json!({"records": [{"id": 1, "owner": "Mallory", "name": "M"}]}),
        ),
        denied(needs_attrs(&[("owner", &["update"])]), json!([])),
    );
    refused(
        &n,
        "p",
        dog("upsert", json!({"records": [{"id": 3, "owner": "Eve"}]})),
        denied(needs_attrs(&[("owner", &["update"])]), json!([])),
    );
    refused(
        &n,
        "p",
        dog(
            "insert",
            json!({"records": [{"id": 4, "name": "N", "colour": "red", "chip": "1"}]}),
        ),
        denied(
            json!([]),
            json!([
                "Attribute 'colour' does not exist on 'dev.dog'",
                "Attribute 'chip' does not exist on 'dev.dog'"
            ]),
        ),
    );
    refused(
        &n,
        "p",
        dog("csv_data_load", json!({"data": "id,chip\n5,77\n"})),
        denied(
            json!([]),
            json!(["Attribute 'chip' does not exist on 'dev.dog'"]),
        ),
    );
    allowed(
        &n,
        "p",
        dog(
            "update",
            json!({"records": [{"id": 1, "name": "Penelope"}]}),
        ),
    );
    let after = all_dogs(&n);
    assert_eq!(after.as_array().unwrap().len(), 2, "{after}");
    assert_eq!(
        after[0]["owner"], before[0]["owner"],
        "the refused update changed nothing"
    );
    assert_eq!(after[0]["name"], "Penelope");
    assert_eq!(after[1]["owner"], "Ann");

    // describe_* show what the role may see (chip has no grant at all).
    let attrs = |t: &Value| -> Vec<String> {
        t["attributes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["attribute"].as_str().unwrap().to_owned())
            .collect()
    };
    let t = allowed(&n, "p", dog("describe_table", json!({})));
    assert_eq!(attrs(&t), ["id", "name", "owner"], "{t}");
    let all = allowed(&n, "p", json!({"operation": "describe_all"}));
    assert_eq!(
        all.as_object().unwrap().keys().collect::<Vec<_>>(),
        ["dev"],
        "{all}"
    );
    assert_eq!(
        all["dev"].as_object().unwrap().keys().collect::<Vec<_>>(),
        ["dog"],
        "{all}"
    );
    assert_eq!(attrs(&all["dev"]["dog"]), ["id", "name", "owner"]);
    let db = allowed(
        &n,
        "p",
        json!({"operation": "describe_database", "database": "dev"}),
    );
    assert_eq!(
        db.as_object().unwrap().keys().collect::<Vec<_>>(),
        ["dog"],
        "{db}"
    );
    refused(
        &n,
        "p",
        json!({"operation": "describe_database", "database": "prod"}),
        denied(json!([]), json!(["database 'prod' does not exist"])),
    );
    refused(
        &n,
        "p",
        on("dev", "cat", "describe_table", json!({})),
        denied(json!([]), json!(["Table 'dev.cat' does not exist"])),
    );
    // The super user sees everything.
    let full = n.json(&["table", "describe", "dev.dog"]);
    assert_eq!(attrs(&full), ["id", "name", "owner", "chip"]);
}
