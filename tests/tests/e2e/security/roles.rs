//! Roles (issue 13): `add_role`, `alter_role`, `drop_role`, `list_roles` with
//! HarperDB's bodies and messages, through the HTTP door as the super user
//! and through the socket with `harper role`; durable across a restart. Also
//! the helpers of `permissions` and `rules`.

use harper_tests::Node;
use harper_tests::http::{Answer, basic};
use serde_json::{Value, json};

/// The password of every user these tests add.
pub const PASSWORD: &str = "pw-Role-1";

/// A started node with `dev.dog` (one record with `id`, `name`, `owner`,
/// `chip`), an empty `dev.cat` and `prod.x`.
pub fn dev_node(name: &str) -> Node {
    let n = Node::started(name);
    for t in ["dev.dog", "dev.cat", "prod.x"] {
        n.harper(&["table", "create", t]).ok();
    }
    let seed = json!({"operation": "insert", "database": "dev", "table": "dog",
        "records": [{"id": 1, "name": "Penny", "owner": "Kyle", "chip": "981"}]});
    assert_eq!(n.http(&seed.to_string()).status, 200);
    n
}

/// `POST` a body as the super user `admin`.
pub fn admin(n: &Node, body: Value) -> Answer {
    n.http(&body.to_string())
}

/// `POST` a body as `user` (password [`PASSWORD`]).
pub fn as_user(n: &Node, user: &str, body: Value) -> Answer {
    n.http_as(Some(&basic(user, PASSWORD)), &body.to_string())
}

/// Add a role with this permission object (it must succeed).
#[track_caller]
pub fn add_role(n: &Node, role: &str, permission: Value) -> Value {
    let a = admin(
        n,
        json!({"operation": "add_role", "role": role, "permission": permission}),
    );
    assert_eq!(a.status, 200, "{a:#?}");
    a.json()
}

/// Add an active user with this role (it must succeed).
#[track_caller]
pub fn add_user(n: &Node, user: &str, role: &str) {
    let a = admin(
        n,
        json!({"operation": "add_user", "role": role, "username": user, "password": PASSWORD, "active": true}),
    );
    assert_eq!(a.status, 200, "{a:#?}");
}

/// A table entry of a permission object.
pub fn table_perms(read: bool, insert: bool, update: bool, delete: bool, attrs: Value) -> Value {
    json!({"read": read, "insert": insert, "update": update, "delete": delete, "attribute_permissions": attrs})
}

/// HarperDB's 403 body.
pub fn denied(unauthorized: Value, invalid: Value) -> Value {
    json!({
        "error": "This operation is not authorized due to role restrictions and/or invalid database items",
        "unauthorized_access": unauthorized,
        "invalid_schema_items": invalid,
    })
}

/// A request on `dev.dog`.
pub fn dog(op: &str, fields: Value) -> Value {
    on("dev", "dog", op, fields)
}

/// A request on `db.table` with these fields.
pub fn on(db: &str, table: &str, op: &str, fields: Value) -> Value {
    let mut body = json!({"operation": op, "database": db, "table": table});
    for (k, v) in fields.as_object().unwrap() {
        body[k] = v.clone();
    }
    body
}

/// Every record of `dev.dog`, as the super user reads it.
pub fn all_dogs(n: &Node) -> Value {
    admin(
        n,
        dog(
            "search_by_value",
            json!({"search_attribute": "id", "search_value": "*", "get_attributes": ["*"]}),
        ),
    )
    .json()
}

/// The `unauthorized_access` entry for missing table verbs.
pub fn needs(db: &str, table: &str, verbs: &[&str]) -> Value {
    json!([{"schema": db, "table": table, "required_table_permissions": verbs, "required_attribute_permissions": []}])
}

/// The `unauthorized_access` entry for missing attribute verbs.
pub fn needs_attrs(attrs: &[(&str, &[&str])]) -> Value {
    let attrs: Vec<Value> = attrs
        .iter()
        .map(|(a, v)| json!({"attribute_name": a, "required_permissions": v}))
        .collect();
    json!([{"schema": "dev", "table": "dog", "required_table_permissions": [], "required_attribute_permissions": attrs}])
}

/// `body` as `user` is refused with this 403 body.
#[track_caller]
pub fn refused(n: &Node, user: &str, body: Value, expected: Value) {
    let a = as_user(n, user, body.clone());
    assert_eq!((a.status, a.json()), (403, expected), "{body}");
}

/// `body` as `user` succeeds; its answer.
#[track_caller]
pub fn allowed(n: &Node, user: &str, body: Value) -> Value {
    let a = as_user(n, user, body.clone());
    assert_eq!(a.status, 200, "{body}: {a:#?}");
    a.json()
}

fn role_names(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|r| r["role"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn role_operations_answer_as_harperdb() {
    let n = dev_node("Node1");
    // A fresh install has the two built-in roles.
    let roles = admin(&n, json!({"operation": "list_roles"})).json();
    assert_eq!(role_names(&roles), ["cluster_user", "super_user"]);
    let su = &roles[1];
    assert_eq!(
        (&su["id"], &su["permission"]),
        (&json!("super_user"), &json!({"super_user": true}))
    );
    assert!(
        su["__createdtime__"].as_u64().unwrap() > 1_600_000_000_000,
        "{su}"
    );

    let permission = json!({"super_user": false, "dev": {"tables": {"dog": table_perms(true, false, false, false, json!([]))}}});
    let dev = add_role(&n, "developer", permission.clone());
    assert_eq!(
        (&dev["id"], &dev["role"], &dev["permission"]),
        (&json!("developer"), &json!("developer"), &permission)
    );
    assert_eq!(dev["__createdtime__"], dev["__updatedtime__"], "{dev}");

    // A second role of that name, and invalid permission objects, change nothing.
    let again = admin(
        &n,
        json!({"operation": "add_role", "role": "developer", "id": "dev2", "permission": {}}),
    );
    assert_eq!(
        (again.status, again.json()),
        (
            409,
            json!({"error": "A role with name 'developer' already exists"})
        )
    );
    let bad = admin(
        &n,
        json!({"operation": "add_role", "role": "bad", "colour": 1, "permission": {
            "cluster_user": true, "super_user": true, "nope": {},
            "dev": {"tables": {"dog": {"read": true, "attribute_permissions": [{"attribute_name": "wings"}]}}}}}),
    );
    assert_eq!(
        (bad.status, bad.json()),
        (
            400,
            json!({
                "error": "Errors in the role permissions JSON provided",
                "main_permissions": [
                    "Invalid key in JSON body - 'colour'",
                    "Roles cannot have both 'super_user' and 'cluster_user' values included in their permissions set.",
                    "database 'nope' does not exist"
                ],
                "schema_permissions": {"dev_dog": [
                    "Missing table INSERT permission",
                    "Missing table UPDATE permission",
                    "Missing table DELETE permission",
                    "Invalid attribute 'wings' in 'attribute_permissions'"
                ]}
            })
        )
    );
    let blank = admin(&n, json!({"operation": "add_role"}));
    assert_eq!(
        blank.json()["main_permissions"],
        json!(["Role can't be blank", "Permission can't be blank"])
    );
    let roles = admin(&n, json!({"operation": "list_roles"})).json();
    assert_eq!(
        role_names(&roles),
        ["cluster_user", "developer", "super_user"]
    );

    // alter_role: by id, the whole permission object, optionally a new name.
    let read_write =
        json!({"dev": {"tables": {"dog": table_perms(true, true, true, false, json!([]))}}});
    let altered = admin(
        &n,
        json!({"operation": "alter_role", "id": "developer", "role": "dev_team", "permission": read_write}),
    );
    assert_eq!(altered.status, 200, "{altered:#?}");
    let altered = altered.json();
    assert_eq!(
        (&altered["id"], &altered["role"], &altered["permission"]),
        (&json!("developer"), &json!("dev_team"), &read_write)
    );
    assert_eq!(altered["__createdtime__"], dev["__createdtime__"]);
    assert!(altered["__updatedtime__"].as_u64() > dev["__updatedtime__"].as_u64());
    for (body, status, error) in [
        (
            json!({"operation": "alter_role", "id": "nobody", "permission": {}}),
            400,
            "Invalid role id",
        ),
        (
            json!({"operation": "alter_role", "id": "super_user", "permission": {}}),
            400,
            "The role 'super_user' is built in and cannot be altered",
        ),
        (json!({"operation": "drop_role"}), 400, "Id can't be blank"),
        (
            json!({"operation": "drop_role", "id": "nobody"}),
            404,
            "Role not found",
        ),
        (
            json!({"operation": "drop_role", "id": "cluster_user"}),
            400,
            "The role 'cluster_user' is built in and cannot be dropped",
        ),
    ] {
        let a = admin(&n, body.clone());
        assert_eq!(
            (a.status, a.json()),
            (status, json!({"error": error})),
            "{body}"
        );
    }

    // add_user takes the role's name; a role an active user holds stays.
    add_user(&n, "alice", "dev_team");
    let alice = listed_user(&n, "alice");
    assert_eq!(alice["role"]["role"], "dev_team", "{alice}");
    assert_eq!(alice["role"]["permission"], read_write, "{alice}");
    let unknown = admin(
        &n,
        json!({"operation": "add_user", "role": "developer", "username": "bob", "password": PASSWORD, "active": true}),
    );
    assert_eq!(
        (unknown.status, unknown.json()),
        (404, json!({"error": "developer role not found"}))
    );
    let held = admin(&n, json!({"operation": "drop_role", "id": "developer"}));
    assert_eq!(
        (held.status, held.json()),
        (
            409,
            json!({"error": "Cannot drop role dev_team as it has active user(s) tied to this role"})
        )
    );
    // Only super users manage roles.
    let as_alice = as_user(&n, "alice", json!({"operation": "list_roles"}));
    assert_eq!(
        (as_alice.status, as_alice.json()),
        (
            403,
            denied(
                json!(["Operation 'listRoles' is restricted to 'super_user' roles"]),
                json!([])
            )
        )
    );
    let as_alice = as_user(
        &n,
        "alice",
        json!({"operation": "add_role", "role": "mine", "permission": {"super_user": true}}),
    );
    assert_eq!(as_alice.status, 403, "{as_alice:#?}");

    // An inactive user does not hold a role back; its role is then gone.
    let off = admin(
        &n,
        json!({"operation": "alter_user", "username": "alice", "active": false}),
    );
    assert_eq!(off.status, 200, "{off:#?}");
    let dropped = admin(&n, json!({"operation": "drop_role", "id": "developer"}));
    assert_eq!(
        (dropped.status, dropped.json()),
        (200, json!({"message": "dev_team successfully deleted"}))
    );
    let alice = listed_user(&n, "alice");
    assert_eq!(alice["role"], Value::Null, "{alice}");
}

#[test]
fn roles_survive_a_restart_and_harper_role_manages_them_through_the_socket() {
    let n = dev_node("Node1");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("reader.json");
    let reader = json!({"dev": {"tables": {"dog": table_perms(true, false, false, false, json!([
        {"attribute_name": "name", "read": true, "insert": false, "update": false}]))}}});
    std::fs::write(&file, reader.to_string()).unwrap();

    // -o json prints the operation's answer.
    let added = n
        .harper(&[
            "role",
            "add",
            "reader",
            "--file",
            file.to_str().unwrap(),
            "-o",
            "json",
        ])
        .json();
    assert_eq!(
        (&added["role"], &added["permission"]),
        (&json!("reader"), &reader)
    );
    let inline = json!({"structure_user": ["dev"]}).to_string();
    let out = n.harper(&["role", "add", "builder", &inline, "--id", "b1"]);
    assert_eq!(out.ok().trim(), "role builder added (id b1)");
    let stdin = n.harper_stdin(
        &["role", "add", "writer", "--file", "-"],
        &json!({"dev": {"tables": {"cat": table_perms(false, true, false, false, json!([]))}}})
            .to_string(),
    );
    stdin.ok();

    let list = n.harper(&["role", "list"]);
    let text = list.ok();
    for part in [
        "reader",
        "dev.dog: read (attributes: name)",
        "structure_user (dev)",
        "dev.cat: insert",
        "super_user",
    ] {
        assert!(text.contains(part), "{part} in {text}");
    }

    // Mistakes: exit 2 before the daemon is asked, exit 2 with the daemon's reasons.
    let not_json = n.harper(&["role", "add", "x", "{"]);
    assert_eq!(not_json.code, 2, "{not_json:#?}");
    assert!(not_json.stderr.contains("is not JSON"), "{not_json:#?}");
    let refused = n.harper(&["role", "add", "x", r#"{"nope":{}}"#]);
    assert_eq!(refused.code, 2, "{refused:#?}");
    assert!(
        refused.stderr.contains(
            "error: Errors in the role permissions JSON provided: database 'nope' does not exist"
        ),
        "{refused:#?}"
    );
    let bad_name = n.harper(&["role", "add", "a b", "{}"]);
    assert_eq!(bad_name.code, 2, "{bad_name:#?}");

    // A user of a custom role, through the CLI.
    n.harper(&[
        "user",
        "add",
        "carol",
        "--role",
        "reader",
        "--password",
        PASSWORD,
    ])
    .ok();
    let missing = n.harper(&[
        "user",
        "add",
        "dave",
        "--role",
        "nobody",
        "--password",
        PASSWORD,
    ]);
    assert_eq!(missing.code, 1, "{missing:#?}");
    assert!(
        missing.stderr.contains("nobody role not found"),
        "{missing:#?}"
    );
    let users = n.harper(&["user", "list"]);
    assert!(users.ok().contains("reader"), "{users:#?}");

    n.harper(&[
        "role",
        "alter",
        "b1",
        r#"{"structure_user": true}"#,
        "--name",
        "builders",
    ])
    .ok();
    let held = n.harper(&["role", "drop", "reader"]);
    assert_eq!(held.code, 1, "{held:#?}");
    assert!(held.stderr.contains("active user(s)"), "{held:#?}");
    assert_eq!(
        n.harper(&["role", "drop", "writer"]).ok().trim(),
        "writer successfully deleted"
    );

    n.harper(&["stop"]).ok();
    n.harper(&["start"]).ok();
    let roles = n.json(&["role", "list"]);
    assert_eq!(
        role_names(&roles),
        ["builders", "cluster_user", "reader", "super_user"]
    );
    let builders = roles
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "b1")
        .unwrap();
    assert_eq!(builders["permission"], json!({"structure_user": true}));
    // The user keeps its role across the restart.
    let read = as_user(
        &n,
        "carol",
        json!({"operation": "search_by_id", "database": "dev", "table": "dog", "ids": [1], "get_attributes": ["*"]}),
    );
    assert_eq!(
        (read.status, read.json()),
        (200, json!([{"name": "Penny", "id": 1}]))
    );
}

/// `username`'s entry in `list_users`.
fn listed_user(n: &Node, username: &str) -> Value {
    let users = admin(n, json!({"operation": "list_users"})).json();
    users
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["username"] == username)
        .unwrap_or_else(|| panic!("{username} not listed: {users}"))
        .clone()
}
