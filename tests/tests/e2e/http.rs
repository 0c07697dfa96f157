//! The HTTP operations door of a real daemon against the acceptance list of
//! the spec (section 8) and its transport rules (3.1): status and body
//! exactly. Remote administration, bulk loads and hostile clients are in the
//! submodules.

mod hardening;
mod load;
pub(crate) mod remote;

use harper_tests::Node;
use harper_tests::http::{Conn, basic};
use serde_json::{Value, json};

/// Assert status and exact JSON body of an answer.
#[track_caller]
fn expect(n: &Node, body: Value, status: u16, answer: Value) {
    let got = n.http(&body.to_string());
    assert_eq!(
        (got.status, got.json()),
        (status, answer),
        "request {body}: {got:#?}"
    );
}

#[test]
fn routes_as_in_the_acceptance_list() {
    let n = Node::started("Node1");
    let route = |h: &str, p: u16| json!({"host": h, "port": p});
    let (chicken, foot, wing, ip) = (
        route("dev.chicken", 7718),
        route("dev.foot", 7718),
        route("dev.wing", 7716),
        route("1.2.44.244", 7719),
    );
    // 1
    expect(
        &n,
        json!({"operation":"cluster_get_routes"}),
        200,
        json!({"hub":[],"leaf":[]}),
    );
    // 2
    expect(
        &n,
        json!({"operation":"cluster_set_routes","server":"hub","routes":[chicken, ip]}),
        200,
        json!({"message":"cluster routes successfully set","set":[chicken, ip],"skipped":[]}),
    );
    expect(
        &n,
        json!({"operation":"cluster_delete_routes","routes":[ip]}),
        200,
        json!({"message":"cluster routes successfully deleted","deleted":[ip],"skipped":[]}),
    );
    // 3: the new one is set, the present one skipped, existing entries first.
    expect(
        &n,
        json!({"operation":"cluster_set_routes","server":"hub","routes":[ip, chicken]}),
        200,
        json!({"message":"cluster routes successfully set","set":[ip],"skipped":[chicken]}),
    );
    expect(
        &n,
        json!({"operation":"cluster_get_routes"}),
        200,
        json!({"hub":[chicken, ip],"leaf":[]}),
    );
    // 4: a hub route is skipped as a leaf route.
    expect(
        &n,
        json!({"operation":"cluster_set_routes","server":"leaf","routes":[chicken]}),
        200,
        json!({"message":"cluster routes successfully set","set":[],"skipped":[chicken]}),
    );
    // 5, 6, 7, 11, 12: validation, nothing written.
    let before = n.config_bytes();
    let bad = |body: Value, error: &str| expect(&n, body, 400, json!({ "error": error }));
    bad(
        json!({"operation":"cluster_set_routes","server":"harperdb","routes":[]}),
        "'server' must be one of [hub, leaf]",
    );
    bad(
        json!({"operation":"cluster_set_routes","server":"hub","routes":[{"host":"test.uni","port":1111},{"ip":"1.2.3.4","port":12345}]}),
        "'routes[1].host' is required",
    );
    bad(
        json!({"operation":"cluster_set_routes","server":"hub","routes":[{"host":"test.uni"}]}),
        "'routes[0].port' is required",
    );
    bad(
        json!({"operation":"cluster_set_routes","server":"hub","routes":[{"host":123,"port":7916},{"host":"4.4.4.6","port":"711a"}]}),
        "'routes[0].host' must be a string. 'routes[1].port' must be a number",
    );
    bad(
        json!({"operation":"cluster_set_routes","server":"hub","routes":[{"port":7916},{"host":"4.4.4.6"}]}),
        "'routes[0].host' is required. 'routes[1].port' is required",
    );
    assert_eq!(
        n.config_bytes(),
        before,
        "a refused request changed the config"
    );
    // 8: hub [chicken, foot], leaf [wing]; delete chicken, wing and an unknown route.
    expect(
        &n,
        json!({"operation":"cluster_delete_routes","routes":[ip]}),
        200,
        json!({"message":"cluster routes successfully deleted","deleted":[ip],"skipped":[]}),
    );
    n.http(&json!({"operation":"cluster_set_routes","server":"hub","routes":[foot]}).to_string());
    n.http(&json!({"operation":"cluster_set_routes","server":"leaf","routes":[wing]}).to_string());
    // 9
    expect(
        &n,
        json!({"operation":"cluster_get_routes"}),
        200,
        json!({"hub":[chicken, foot],"leaf":[wing]}),
    );
    expect(
        &n,
        json!({"operation":"cluster_delete_routes","routes":[chicken, wing, ip]}),
        200,
        json!({"message":"cluster routes successfully deleted","deleted":[chicken, wing],"skipped":[ip]}),
    );
    expect(
        &n,
        json!({"operation":"cluster_get_routes"}),
        200,
        json!({"hub":[foot],"leaf":[]}),
    );
}

#[test]
fn set_configuration_and_users_as_in_the_acceptance_list() {
    let n = Node::started("Node1");
    let set = "Configuration successfully set. You must restart HarperDB for new config settings to take effect.";
    // 49
    expect(
        &n,
        json!({"operation":"set_configuration","clustering_hubServer_cluster_network_routes":[]}),
        200,
        json!({ "message": set }),
    );
    // 50, 51: refused with the file unchanged (validated with clustering on).
    let before = n.config_bytes();
    expect(
        &n,
        json!({"operation":"set_configuration","clustering_enabled":true,"clustering_nodeName":"wowee*nodename"}),
        400,
        json!({"error":"HarperDB config file validation error: 'clustering.nodeName' invalid, must not contain ., * or >"}),
    );
    expect(
        &n,
        json!({"operation":"set_configuration","clustering_enabled":true,"clustering_leafServer_streams_maxAge":10}),
        400,
        json!({"error":"HarperDB config file validation error: 'clustering.leafServer.streams.maxAge' must be greater than or equal to 120"}),
    );
    assert_eq!(n.config_bytes(), before);
    // 52
    expect(
        &n,
        json!({"operation":"set_configuration","clustering_nodeName":44}),
        200,
        json!({ "message": set }),
    );
    let cfg = n.http(r#"{"operation":"get_configuration"}"#).json();
    assert_eq!(cfg["clustering"]["nodeName"], json!("44"));
    // 53, 54, 55
    let user = json!({"operation":"add_user","role":"cluster_user","username":"cluster_account","password":"letsCluster123!","active":true});
    expect(
        &n,
        user.clone(),
        200,
        json!({"message":"cluster_account successfully added"}),
    );
    expect(
        &n,
        user,
        409,
        json!({"error":"User cluster_account already exists"}),
    );
    expect(
        &n,
        json!({"operation":"add_user","role":"nope","username":"x","password":"y","active":true}),
        404,
        json!({"error":"nope role not found"}),
    );
}

#[test]
fn data_operations_as_in_the_acceptance_list() {
    let n = Node::started("Node1");
    // 66, 67, 68
    expect(
        &n,
        json!({"operation":"create_database","database":"dev"}),
        200,
        json!({"message":"database 'dev' successfully created"}),
    );
    expect(
        &n,
        json!({"operation":"create_database","database":"dev"}),
        400,
        json!({"error":"database 'dev' already exists"}),
    );
    let table =
        json!({"operation":"create_table","database":"dev","table":"dog","primary_key":"id"});
    expect(
        &n,
        table.clone(),
        200,
        json!({"message":"table 'dev.dog' successfully created."}),
    );
    expect(
        &n,
        table,
        400,
        json!({"error":"Table 'dog' already exists in 'dev'"}),
    );
    expect(
        &n,
        json!({"operation":"create_table","table":"set-test","hash_attribute":"id"}),
        200,
        json!({"message":"table 'data.set-test' successfully created."}),
    );
    let write = |op: &str, records: Value| json!({"operation": op, "database":"dev", "table":"dog", "records": records});
    // 61, 62
    expect(
        &n,
        write(
            "insert",
            json!([{"id":8,"name":"Harper"},{"id":9,"name":"Penny"}]),
        ),
        200,
        json!({"message":"inserted 2 of 2 records","inserted_hashes":[8,9],"skipped_hashes":[]}),
    );
    expect(
        &n,
        write("insert", json!([{"id":8,"name":"again"}])),
        200,
        json!({"message":"inserted 0 of 1 records","inserted_hashes":[],"skipped_hashes":[8]}),
    );
    // 63
    n.http(&write("insert", json!([{"id":1},{"id":2}])).to_string());
    expect(
        &n,
        write("update", json!([{"id":1,"age":5},{"id":2,"age":6}])),
        200,
        json!({"message":"updated 2 of 2 records","update_hashes":[1,2],"skipped_hashes":[]}),
    );
    expect(
        &n,
        write("update", json!([{"id":77,"age":5}])),
        200,
        json!({"message":"updated 0 of 1 records","update_hashes":[],"skipped_hashes":[77]}),
    );
    // 64: the record without a key gets a UUID.
    let up = n.http(&write("upsert", json!([{"id":3},{"id":4},{"name":"new"}])).to_string());
    assert_eq!(up.status, 200, "{up:#?}");
    let up = up.json();
    assert_eq!(up["message"], "upserted 3 of 3 records");
    let hashes = up["upserted_hashes"].as_array().unwrap();
    assert_eq!(&hashes[..2], &[json!(3), json!(4)]);
    assert_eq!(hashes[2].as_str().map(str::len), Some(36), "{up}");
    assert!(up.get("skipped_hashes").is_none());
    // 65
    expect(
        &n,
        json!({"operation":"delete","database":"dev","table":"dog","ids":[1,2]}),
        200,
        json!({"message":"2 of 2 records successfully deleted","deleted_hashes":[1,2],"skipped_hashes":[]}),
    );
    // 69
    let t = n.http(r#"{"operation":"describe_table","database":"dev","table":"dog"}"#);
    assert_eq!(
        t.json()["clustering_stream_name"],
        "9d2969dfab3c9b5daa6f8d3d0b3ad347"
    );
    // The same body, byte for byte, as `harper op ... -o json` prints.
    let cli = n.harper(&[
        "op",
        "search_by_id",
        "database=dev",
        "table=dog",
        "ids=[8,9]",
        r#"get_attributes=["*"]"#,
        "-o",
        "json",
    ]);
    let http = n.http(r#"{"operation":"search_by_id","database":"dev","table":"dog","ids":[8,9],"get_attributes":["*"]}"#);
    assert_eq!(cli.ok().trim_end(), http.body);
    // A write to a missing table is a 400 (3.14), and `harper op` prints that body too.
    let missing = r#"{"operation":"insert","database":"dev","table":"cat","records":[{"id":1}]}"#;
    let http = n.http(missing);
    assert_eq!(
        (http.status, http.body.as_str()),
        (400, r#"{"error":"Table 'dev.cat' does not exist"}"#)
    );
    let cli = n.harper(&[
        "op",
        "insert",
        "database=dev",
        "table=cat",
        r#"records=[{"id":1}]"#,
        "-o",
        "json",
    ]);
    assert_eq!((cli.code, cli.stdout.trim_end()), (2, http.body.as_str()));
}

#[test]
fn a_cluster_user_is_refused_admin_operations() {
    let n = Node::started("Node1");
    expect(
        &n,
        json!({"operation":"add_user","role":"cluster_user","username":"cu","password":"cupw","active":true}),
        200,
        json!({"message":"cu successfully added"}),
    );
    let before = n.config_bytes();
    // 88
    let got = n.http_as(
        Some(&basic("cu", "cupw")),
        r#"{"operation":"cluster_set_routes","server":"hub","routes":[{"host":"10.9.9.9","port":9932}]}"#,
    );
    assert_eq!(got.status, 403, "{got:#?}");
    assert_eq!(
        got.body,
        r#"{"error":"This operation is not authorized due to role restrictions and/or invalid database items","unauthorized_access":["Operation 'setRoutes' is restricted to 'super_user' roles"],"invalid_schema_items":[]}"#
    );
    assert_eq!(n.config_bytes(), before);
    let file = n.http_as(
        Some(&basic("cu", "cupw")),
        r#"{"operation":"csv_file_load","table":"x","file_path":"/etc/passwd"}"#,
    );
    assert_eq!(file.status, 403, "{file:#?}");
    assert_eq!(
        file.json()["unauthorized_access"],
        json!(["Operation 'csvFileLoad' is restricted to 'super_user' roles"])
    );
    // What a cluster user may do, it may do.
    let me = n.http_as(Some(&basic("cu", "cupw")), r#"{"operation":"user_info"}"#);
    assert_eq!(
        (me.status, me.json()["username"].clone()),
        (200, json!("cu"))
    );
}

#[test]
fn transport_rules() {
    let n = Node::started("Node1");
    let admin = basic("admin", "pw");
    let err = |status: u16, error: &str| (status, json!({ "error": error }));
    let check = |auth: Option<&str>, body: &str, want: (u16, Value)| {
        let got = n.http_as(auth, body);
        assert_eq!((got.status, got.json()), want, "body {body:?}: {got:#?}");
        assert_eq!(
            got.header("content-type"),
            Some("application/json; charset=utf-8")
        );
    };
    for body in ["{", "", "[]", "{}", "\"x\"", "5", "null", "not json"] {
        check(Some(&admin), body, err(400, "Invalid JSON."));
    }
    let no_op = "Request body must include an 'operation' property.";
    for body in [r#"{"a":1}"#, r#"{"operation":null}"#, r#"{"operation":""}"#] {
        check(Some(&admin), body, err(400, no_op));
    }
    // The login is judged before the body (HarperDB judges the body first;
    // a client that logs in sees no difference).
    check(None, "{", err(401, "Must login"));
    check(
        Some(&basic("admin", "wrong")),
        "{",
        err(401, "Login failed"),
    );
    check(
        Some(&admin),
        r#"{"operation":"frobnicate"}"#,
        err(400, "Operation 'frobnicate' not found"),
    );
    let routes = r#"{"operation":"cluster_get_routes"}"#;
    check(None, routes, err(401, "Must login"));
    for auth in [
        basic("admin", "wrong"),
        basic("nobody", "pw"),
        "Basic !!!notbase64".to_owned(),
        "Digest x".to_owned(),
    ] {
        check(Some(&auth), routes, err(401, "Login failed"));
    }
    check(Some("Bearer abc.def"), routes, err(401, "invalid token"));
    // Other paths and methods, and a declared body over the limit.
    let mut c = Conn::open(n.operations_port);
    c.send_raw(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let got = c.read_answer().unwrap();
    assert_eq!((got.status, got.header("allow")), (405, Some("POST")));
    c.send_raw(b"POST /other HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}")
        .unwrap();
    assert_eq!(c.read_answer().unwrap().status, 404);
    let mut c = Conn::open(n.operations_port);
    c.send_raw(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 999999999999\r\n\r\n{")
        .unwrap();
    let got = c.read_answer().unwrap();
    assert_eq!(got.status, 413, "{got:#?}");
    assert_eq!(
        got.json(),
        json!({"error":"The request body is larger than the limit of 64 MiB."})
    );
    assert!(
        c.is_closed(),
        "the unread body must not be taken as the next request"
    );
    // Keep-alive: several requests on one connection.
    let mut c = Conn::open(n.operations_port);
    for _ in 0..3 {
        let got = c.post(Some(&admin), routes);
        assert_eq!(
            (got.status, got.body.as_str()),
            (200, r#"{"hub":[],"leaf":[]}"#)
        );
    }
}

#[test]
fn logins_follow_user_changes() {
    let n = Node::started("Node1");
    let add = json!({"operation":"add_user","role":"super_user","username":"ops","password":"first-Secret-91","active":true});
    assert_eq!(n.http(&add.to_string()).status, 200);
    let who = r#"{"operation":"user_info"}"#;
    let status = |user: &str, pw: &str| n.http_as(Some(&basic(user, pw)), who).status;
    assert_eq!(status("ops", "first-Secret-91"), 200);
    assert_eq!(status("ops", "first-Secret-91"), 200, "a remembered login");
    let alter = json!({"operation":"alter_user","username":"ops","password":"second-Secret-92"});
    assert_eq!(n.http(&alter.to_string()).status, 200);
    assert_eq!(
        status("ops", "first-Secret-91"),
        401,
        "the old password must stop working at once"
    );
    assert_eq!(status("ops", "second-Secret-92"), 200);
    let off = json!({"operation":"alter_user","username":"ops","active":false});
    assert_eq!(n.http(&off.to_string()).status, 200);
    assert_eq!(status("ops", "second-Secret-92"), 401, "an inactive user");
    let on = json!({"operation":"alter_user","username":"ops","active":true,"role":"cluster_user"});
    assert_eq!(n.http(&on.to_string()).status, 200);
    let routes = n.http_as(
        Some(&basic("ops", "second-Secret-92")),
        r#"{"operation":"cluster_get_routes"}"#,
    );
    assert_eq!(
        routes.status, 403,
        "the new role applies at once: {routes:#?}"
    );
    assert_eq!(
        n.http(r#"{"operation":"drop_user","username":"ops"}"#)
            .status,
        200
    );
    assert_eq!(status("ops", "second-Secret-92"), 401, "a dropped user");
    let log = n.log();
    for secret in ["first-Secret-91", "second-Secret-92"] {
        assert!(!log.contains(secret), "a password is in the log");
    }
}
