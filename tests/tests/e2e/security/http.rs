//! The HTTP door: least privilege for `cluster_user`, and no work spent on a body before its caller has logged in.

use harper_tests::Node;
use harper_tests::http::basic;
use serde_json::{Value, json};

/// HarperDB's 403 body for an operation the caller's role may not run.
fn forbidden(internal: &str) -> Value {
    json!({
        "error": "This operation is not authorized due to role restrictions and/or invalid database items",
        "unauthorized_access": [format!("Operation '{internal}' is restricted to 'super_user' roles")],
        "invalid_schema_items": [],
    })
}

#[test]
fn a_cluster_user_may_run_nothing_but_user_info() {
    let n = Node::started("Node1");
    n.harper(&["table", "create", "dev.dog"]).ok();
    let harper = json!({"id": 1, "name": "Harper"});
    let seed = json!({"operation":"insert","database":"dev","table":"dog","records":[harper]});
    assert_eq!(n.http(&seed.to_string()).status, 200);
    let add = json!({"operation":"add_user","role":"cluster_user","username":"cu","password":"cu-Secret-1","active":true});
    assert_eq!(n.http(&add.to_string()).status, 200);
    let config = n.config_bytes();
    let cu = basic("cu", "cu-Secret-1");
    let dog = |op: &str, fields: Value| {
        let mut body = json!({"operation": op, "database": "dev", "table": "dog"});
        for (k, v) in fields.as_object().unwrap() {
            body[k] = v.clone();
        }
        body
    };
    let all = json!(["*"]);
    for (body, internal) in [
        (
            dog("search_by_id", json!({"ids":[1],"get_attributes":all})),
            "search_by_id",
        ),
        (
            dog(
                "search_by_value",
                json!({"search_attribute":"name","search_value":"*","get_attributes":all}),
            ),
            "search_by_value",
        ),
        (
            dog(
                "search_by_conditions",
                json!({"conditions":[{"search_attribute":"id","search_type":"equals","search_value":1}],"get_attributes":all}),
            ),
            "search_by_conditions",
        ),
        (dog("insert", json!({"records":[{"id":2}]})), "insert"),
        (
            dog("update", json!({"records":[{"id":1,"name":"changed"}]})),
            "update",
        ),
        (dog("upsert", json!({"records":[{"id":3}]})), "upsert"),
        (dog("delete", json!({"ids":[1]})), "delete"),
        (
            dog("csv_data_load", json!({"data":"id,name\n4,Penny\n"})),
            "csv_data_load",
        ),
        (dog("describe_table", json!({})), "describe_table"),
        (
            json!({"operation":"describe_database","database":"dev"}),
            "describe_database",
        ),
        (json!({"operation":"describe_all"}), "describe_all"),
        (
            json!({"operation":"get_job","id":"00000000-0000-0000-0000-000000000000"}),
            "get_job",
        ),
        // Admin operations keep HarperDB's internal names.
        (
            json!({"operation":"cluster_set_routes","server":"hub","routes":[{"host":"10.9.9.9","port":9932}]}),
            "setRoutes",
        ),
        (
            json!({"operation":"add_user","role":"super_user","username":"mine","password":"x","active":true}),
            "addUser",
        ),
        (
            json!({"operation":"drop_table","database":"dev","table":"dog"}),
            "dropTable",
        ),
        (
            json!({"operation":"system_information"}),
            "systemInformation",
        ),
        // Nor is it told which operations exist.
        (json!({"operation":"frobnicate"}), "frobnicate"),
    ] {
        let got = n.http_as(Some(&cu), &body.to_string());
        assert_eq!(
            (got.status, got.json()),
            (403, forbidden(internal)),
            "{body}: {got:#?}"
        );
    }

    // HarperDB leaves user_info open to every role: the caller's own record, no hash.
    let me = n.http_as(Some(&cu), r#"{"operation":"user_info"}"#);
    assert_eq!(me.status, 200, "{me:#?}");
    let me = me.json();
    assert_eq!(
        (me["username"].as_str(), me["role"]["role"].as_str()),
        (Some("cu"), Some("cluster_user"))
    );
    assert!(!me.to_string().contains("argon2"), "{me}");

    // Nothing was written or changed.
    let rows = n.http(
        &dog(
            "search_by_value",
            json!({"search_attribute":"id","search_value":"*","get_attributes":all}),
        )
        .to_string(),
    );
    assert_eq!((rows.status, rows.json()), (200, json!([harper])));
    let table = n.json(&["table", "describe", "dev.dog"]);
    assert_eq!(table["record_count"], json!(1), "{table}");
    let users = n.http(r#"{"operation":"list_users"}"#).json();
    let names: Vec<&str> = users
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|u| u["username"].as_str())
        .collect();
    assert_eq!(names, ["admin", "cu"]);
    assert_eq!(n.config_bytes(), config, "the config changed");
}
