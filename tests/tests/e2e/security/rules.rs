//! Which roles may run what beyond data (issue 13): structure users create
//! and drop where their role says, super-user operations need a super user
//! (a role with `super_user: true` is one), cluster users run nothing, and a
//! role altered or dropped holds for the next request of a logged-in user.

use serde_json::{Value, json};

use super::roles::{
    add_role, add_user, admin, allowed, denied, dev_node, dog, needs, on, refused, table_perms,
};

#[test]
fn structure_users_create_and_drop_where_their_role_says() {
    let n = dev_node("Node1");
    add_role(&n, "dev_builder", json!({"structure_user": ["dev"]}));
    add_role(&n, "builder", json!({"structure_user": true}));
    add_user(&n, "db", "dev_builder");
    add_user(&n, "b", "builder");

    allowed(
        &n,
        "db",
        json!({"operation": "create_table", "database": "dev", "table": "bird", "primary_key": "id"}),
    );
    allowed(
        &n,
        "db",
        on(
            "dev",
            "bird",
            "insert",
            json!({"records": [{"id": 1, "wings": 2}]}),
        ),
    );
    allowed(&n, "db", on("dev", "dog", "delete", json!({"ids": [1]})));
    allowed(&n, "db", on("dev", "bird", "drop_table", json!({})));
    refused(
        &n,
        "db",
        json!({"operation": "create_table", "database": "prod", "table": "y", "primary_key": "id"}),
        denied(
            json!(["User does not have access to perform 'create_table' against schema 'prod'"]),
            json!([]),
        ),
    );
    refused(
        &n,
        "db",
        on(
            "prod",
            "x",
            "search_by_id",
            json!({"ids": [1], "get_attributes": ["*"]}),
        ),
        denied(json!([]), json!(["database 'prod' does not exist"])),
    );
    for (op, internal) in [
        ("create_database", "createSchema"),
        ("drop_database", "dropSchema"),
    ] {
        refused(
            &n,
            "db",
            json!({"operation": op, "database": "dev"}),
            denied(
                json!([format!(
                    "Operation '{internal}' is restricted to 'super_user' roles"
                )]),
                json!([]),
            ),
        );
    }
    let dbs = allowed(&n, "db", json!({"operation": "describe_all"}));
    assert_eq!(
        dbs.as_object().unwrap().keys().collect::<Vec<_>>(),
        ["dev"],
        "{dbs}"
    );

    allowed(
        &n,
        "b",
        json!({"operation": "create_database", "database": "staging"}),
    );
    allowed(
        &n,
        "b",
        json!({"operation": "create_table", "database": "staging", "table": "t", "primary_key": "id"}),
    );
    allowed(
        &n,
        "b",
        on("prod", "x", "insert", json!({"records": [{"id": 1}]})),
    );
    allowed(
        &n,
        "b",
        json!({"operation": "drop_database", "database": "staging"}),
    );
    let dbs = n.json(&["database", "list"]);
    assert_eq!(dbs, json!(["dev", "prod"]));
}

#[test]
fn admin_operations_need_a_super_user_and_cluster_users_run_nothing() {
    let n = dev_node("Node1");
    add_role(
        &n,
        "reader",
        json!({"dev": {"tables": {"dog": table_perms(true, false, false, false, json!([]))}}}),
    );
    add_role(&n, "admins", json!({"super_user": true}));
    add_role(&n, "replicators", json!({"cluster_user": true}));
    add_user(&n, "r", "reader");
    add_user(&n, "a", "admins");
    add_user(&n, "c", "replicators");
    let config = n.config_bytes();
    for (body, internal) in [
        (
            json!({"operation": "cluster_set_routes", "server": "hub", "routes": [{"host": "10.9.9.9", "port": 9932}]}),
            "setRoutes",
        ),
        (json!({"operation": "cluster_status"}), "clusterStatus"),
        (
            json!({"operation": "add_user", "role": "admins", "username": "mine", "password": "x", "active": true}),
            "addUser",
        ),
        (
            json!({"operation": "alter_user", "username": "r", "role": "admins"}),
            "alterUser",
        ),
        (
            json!({"operation": "add_role", "role": "mine", "permission": {"super_user": true}}),
            "addRole",
        ),
        (
            json!({"operation": "alter_role", "id": "reader", "permission": {"super_user": true}}),
            "alterRole",
        ),
        (
            json!({"operation": "drop_role", "id": "reader"}),
            "dropRole",
        ),
        (
            json!({"operation": "set_configuration", "logging_level": "debug"}),
            "setConfiguration",
        ),
        (
            json!({"operation": "get_configuration"}),
            "getConfiguration",
        ),
        (
            json!({"operation": "system_information"}),
            "systemInformation",
        ),
        (
            dog("csv_file_load", json!({"file_path": "/etc/passwd"})),
            "csvFileLoad",
        ),
        (dog("drop_table", json!({})), "dropTable"),
        (json!({"operation": "frobnicate"}), "frobnicate"),
    ] {
        let expected = denied(
            json!([format!(
                "Operation '{internal}' is restricted to 'super_user' roles"
            )]),
            json!([]),
        );
        refused(&n, "r", body.clone(), expected.clone());
        refused(&n, "c", body, expected);
    }
    // A cluster user runs no data operation either; every role has user_info.
    refused(
        &n,
        "c",
        dog("search_by_id", json!({"ids": [1], "get_attributes": ["*"]})),
        denied(
            json!(["Operation 'searchByHash' is restricted to 'super_user' roles"]),
            json!([]),
        ),
    );
    let me = allowed(&n, "r", json!({"operation": "user_info"}));
    assert_eq!(
        (&me["username"], &me["role"]["role"]),
        (&json!("r"), &json!("reader"))
    );
    assert!(!me.to_string().contains("argon2"), "{me}");
    assert_eq!(
        allowed(&n, "c", json!({"operation": "user_info"}))["role"]["role"],
        "replicators"
    );
    assert_eq!(n.config_bytes(), config, "the config changed");
    let names = |v: Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|u| u["username"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        names(admin(&n, json!({"operation": "list_users"})).json()),
        ["a", "admin", "c", "r"]
    );

    // A role with super_user: true is a super user.
    let routes = allowed(&n, "a", json!({"operation": "cluster_get_routes"}));
    assert!(routes["hub"].is_array(), "{routes}");
    allowed(
        &n,
        "a",
        json!({"operation": "add_role", "role": "mine", "permission": {}}),
    );
    allowed(
        &n,
        "a",
        on("prod", "x", "insert", json!({"records": [{"id": 1}]})),
    );
}

#[test]
fn an_altered_or_dropped_role_holds_for_the_next_request_of_a_logged_in_user() {
    let n = dev_node("Node1");
    add_role(
        &n,
        "reader",
        json!({"dev": {"tables": {"dog": table_perms(true, false, false, false, json!([]))}}}),
    );
    add_user(&n, "r", "reader");
    let read = dog(
        "search_by_id",
        json!({"ids": [1], "get_attributes": ["id"]}),
    );
    let write = dog("insert", json!({"records": [{"id": 2}]}));
    // Logged in (the login is cached from now on).
    assert_eq!(allowed(&n, "r", read.clone()), json!([{"id": 1}]));
    refused(
        &n,
        "r",
        write.clone(),
        denied(needs("dev", "dog", &["insert"]), json!([])),
    );

    let writer =
        json!({"dev": {"tables": {"dog": table_perms(false, true, false, false, json!([]))}}});
    let a = admin(
        &n,
        json!({"operation": "alter_role", "id": "reader", "permission": writer}),
    );
    assert_eq!(a.status, 200, "{a:#?}");
    refused(
        &n,
        "r",
        read.clone(),
        denied(needs("dev", "dog", &["read"]), json!([])),
    );
    allowed(&n, "r", write);

    // Through the CLI over the socket, as the super user.
    let nothing =
        json!({"dev": {"tables": {"dog": table_perms(false, false, false, false, json!([]))}}});
    n.harper(&["role", "alter", "reader", &nothing.to_string()])
        .ok();
    refused(
        &n,
        "r",
        read.clone(),
        denied(json!([]), json!(["database 'dev' does not exist"])),
    );

    // A user whose role is dropped (it was inactive then) may do nothing but user_info.
    let off = admin(
        &n,
        json!({"operation": "alter_user", "username": "r", "active": false}),
    );
    assert_eq!(off.status, 200);
    n.harper(&["role", "drop", "reader"]).ok();
    let on = admin(
        &n,
        json!({"operation": "alter_user", "username": "r", "active": true}),
    );
    assert_eq!(on.status, 200);
    refused(
        &n,
        "r",
        read,
        denied(
            json!(["User r has no role or permissions.  Please assign the user a valid role."]),
            json!([]),
        ),
    );
    let me = allowed(&n, "r", json!({"operation": "user_info"}));
    assert_eq!(me["role"], Value::Null, "{me}");
}
