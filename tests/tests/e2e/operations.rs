//! HarperDB's answers where harper differed (issue 13, part 4), through the
//! HTTP door of real daemons: Joi's conversions and paths in the clustering
//! operations, `cluster_status`'s exact body (consumers only when asked),
//! `purge_stream`'s default database and `keep` honoured for a subscriber
//! that starts in the past, `clustering.databaseLevel`, and the operations
//! that were missing (`create_attribute`, `drop_attribute`, `read_log`,
//! `search_jobs_by_start_date`, `read_transaction_log`,
//! `delete_transaction_logs_before`, `sql`).

use harper_tests::http::basic;
use harper_tests::{CLUSTER_PASSWORD, Node, WAIT, wait_for};
use serde_json::{Value, json};

use crate::replication::{consumer, wait_count};

/// POST `body` as admin; its status and JSON.
fn op(n: &Node, body: Value) -> (u16, Value) {
    let a = n.http(&body.to_string());
    (a.status, a.json())
}

/// POST `body`; it must answer 200. Its JSON.
#[track_caller]
fn ok(n: &Node, body: Value) -> Value {
    let (status, v) = op(n, body.clone());
    assert_eq!(status, 200, "{body}: {v}");
    v
}

/// POST `body`; it must answer `status` with `{"error": error}`.
#[track_caller]
fn refused(n: &Node, body: Value, status: u16, error: &str) {
    assert_eq!(
        op(n, body.clone()),
        (status, json!({ "error": error })),
        "{body}"
    );
}

/// The keys of a JSON object, sorted.
fn keys(v: &Value) -> Vec<String> {
    let mut k: Vec<String> = v
        .as_object()
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default();
    k.sort();
    k
}

fn insert(n: &Node, table: &str, id: u64, fields: Value) {
    let (db, t) = table.split_once('.').unwrap();
    let mut record = json!({ "id": id });
    for (k, v) in fields.as_object().unwrap() {
        record[k] = v.clone();
    }
    ok(
        n,
        json!({"operation": "insert", "database": db, "table": t, "records": [record]}),
    );
}

#[test]
fn clustering_operations_answer_as_harperdb() {
    let (publisher, sub) = (Node::clustered("pub"), Node::clustered("sub"));
    sub.harper(&["route", "add", &publisher.route(), "--wait"])
        .ok();
    publisher.harper(&["table", "create", "dev.dog"]).ok();
    insert(&publisher, "dev.dog", 1, json!({"age": 3, "name": "a"}));
    insert(&publisher, "dev.dog", 2, json!({"age": 4, "name": "b"}));

    // Joi's conversions: boolean strings and a date-only start_time pass,
    // and the converted values are what is used.
    let added = ok(
        &sub,
        json!({"operation": "add_node", "node_name": "pub", "subscriptions": [
            {"database": "dev", "table": "dog", "subscribe": "true", "publish": "false",
             "start_time": "2000-01-01"}
        ]}),
    );
    assert_eq!(
        added,
        json!({"message": "Successfully added 'pub' to manifest",
               "added": [{"schema": "dev", "table": "dog", "publish": false, "subscribe": true,
                          "start_time": "2000-01-01"}],
               "skipped": []})
    );
    wait_count(&sub, "dev.dog", 2);

    // HarperDB's exact body; the consumers only when asked for.
    let status = ok(&sub, json!({"operation": "cluster_status"}));
    let conn = &status["connections"][0];
    assert_eq!(
        keys(conn),
        [
            "latency_ms",
            "node_name",
            "ports",
            "status",
            "subscriptions",
            "system_info",
            "uptime"
        ],
        "{status}"
    );
    assert_eq!(
        conn["subscriptions"],
        json!([{"schema": "dev", "table": "dog", "publish": false, "subscribe": true}])
    );
    let detailed = ok(
        &sub,
        json!({"operation": "cluster_status", "include_consumers": true}),
    );
    let consumers = detailed["connections"][0]["consumers"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(
        consumers
            .iter()
            .any(|c| c["direction"] == "subscribe" && c["table"] == "dog"),
        "{detailed}"
    );
    let cli = sub.json(&["cluster", "status"]);
    assert!(
        cli["connections"][0]["consumers"].is_array(),
        "the CLI asks for them: {cli}"
    );
    refused(
        &sub,
        json!({"operation": "cluster_status", "include_consumers": "yes"}),
        400,
        "'include_consumers' must be a boolean",
    );

    // cluster_network: "false" strings omit the fields as HarperDB's cast does.
    let network = ok(
        &sub,
        json!({"operation": "cluster_network", "connected_nodes": "false", "routes": "FALSE", "timeout": "500"}),
    );
    let nodes = network["nodes"].as_array().cloned().unwrap_or_default();
    assert!(!nodes.is_empty(), "{network}");
    for n in &nodes {
        assert_eq!(keys(n), ["name", "response_time"], "{network}");
    }
    let network = ok(
        &sub,
        json!({"operation": "cluster_network", "routes": "true"}),
    );
    assert!(network["nodes"][0]["routes"].is_array(), "{network}");
    refused(
        &sub,
        json!({"operation": "cluster_network", "connected_nodes": null, "timeout": 0}),
        400,
        "'timeout' must be greater than or equal to 1. 'connected_nodes' must be a boolean",
    );

    // Joi's full key paths and empty values, nothing changed.
    let before = ok(&sub, json!({"operation": "cluster_status"}));
    refused(
        &sub,
        json!({"operation": "configure_cluster", "connections": [
            {"node_name": "", "subscriptions": [{"table": "dog", "subscribe": true}]},
            {"node_name": "pub", "subscriptions": [{"table": null, "publish": true, "subscribe": "no"}]}
        ]}),
        400,
        "'connections[0].node_name' is not allowed to be empty. \
         'connections[0].subscriptions[0].publish' is required. \
         'connections[1].subscriptions[0].table' must be a string. \
         'connections[1].subscriptions[0].subscribe' must be a boolean",
    );
    refused(
        &sub,
        json!({"operation": "update_node", "node_name": "pub", "subscriptions": [
            {"table": "dog", "subscribe": true, "publish": false, "start_time": "2022-13-40"}
        ]}),
        400,
        "'subscriptions[0].start_time' must be in ISO 8601 date format",
    );
    assert_eq!(
        ok(&sub, json!({"operation": "cluster_status"}))["connections"][0]["subscriptions"],
        before["connections"][0]["subscriptions"]
    );

    // drop_attribute is not replicated: the subscriber keeps its values.
    assert_eq!(
        ok(
            &publisher,
            json!({"operation": "drop_attribute", "database": "dev", "table": "dog", "attribute": "age"})
        ),
        json!({"message": "successfully deleted attribute 'age'"})
    );
    let get = |n: &Node, id: u64| {
        ok(
            n,
            json!({"operation": "search_by_id", "database": "dev", "table": "dog", "ids": [id], "get_attributes": ["*"]}),
        )
    };
    assert_eq!(get(&publisher, 1), json!([{"id": 1, "name": "a"}]));
    assert_eq!(get(&sub, 1)[0]["age"], 3);
    let described = ok(
        &publisher,
        json!({"operation": "describe_table", "database": "dev", "table": "dog"}),
    );
    assert!(
        !described["attributes"].to_string().contains("\"age\""),
        "{described}"
    );
    insert(&publisher, "dev.dog", 3, json!({"name": "c"}));
    wait_count(&sub, "dev.dog", 3);

    // purge_stream: the database defaults to data; a subscriber that starts
    // in the past gets what `keep` kept, not the purged history.
    publisher.harper(&["table", "create", "log"]).ok();
    for id in 1..=10 {
        insert(&publisher, "data.log", id, json!({"n": id}));
    }
    assert_eq!(
        ok(
            &publisher,
            json!({"operation": "purge_stream", "table": "log", "options": {"keep": 3}})
        ),
        json!({"message": "Successfully purged table 'data.log'"})
    );
    ok(
        &sub,
        json!({"operation": "set_node_replication", "node_name": "pub", "subscriptions": [
            {"table": "log", "subscribe": true, "publish": false, "start_time": "2000-01-01T00:00:00Z"}
        ]}),
    );
    wait_count(&sub, "data.log", 3);
    let caught_up = wait_for("the log consumer to catch up", WAIT, || {
        let c = consumer(&sub, "pub", "data.log");
        (c["lag_messages"] == 0 && c["next_seq"] == 11).then_some(c)
    });
    assert_eq!(
        caught_up["gaps_repaired"], 0,
        "no resync of purged history: {caught_up}"
    );
    let ids = ok(
        &sub,
        json!({"operation": "search_by_value", "table": "log", "search_attribute": "id",
               "search_value": "*", "get_attributes": ["id"]}),
    );
    let mut ids: Vec<u64> = ids
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["id"].as_u64())
        .collect();
    ids.sort();
    assert_eq!(ids, [8, 9, 10]);
    insert(&publisher, "data.log", 11, json!({"n": 11}));
    wait_count(&sub, "data.log", 4);
}

#[test]
fn structure_logs_jobs_and_sql_answer_as_harperdb() {
    let n = Node::started("Node1");
    n.harper(&["table", "create", "dev.dog"]).ok();
    n.harper(&["table", "create", "dev.cat"]).ok();

    // The transaction log is the clustering stream, as in HarperDB 4.3.
    let log = |fields: Value| {
        let mut body =
            json!({"operation": "read_transaction_log", "database": "dev", "table": "dog"});
        for (k, v) in fields.as_object().unwrap() {
            body[k] = v.clone();
        }
        body
    };
    let disabled = "This operation relies on clustering and cannot run with it disable.";
    refused(&n, log(json!({})), 404, disabled);
    refused(
        &n,
        log(json!({"table": 5, "from": "yesterday"})),
        400,
        "'table' must be a string. 'from' must be in timestamp or number of milliseconds format",
    );
    n.enable_clustering(CLUSTER_PASSWORD);
    insert(&n, "dev.dog", 1, json!({"name": "Penny"}));
    ok(
        &n,
        json!({"operation": "update", "database": "dev", "table": "dog", "records": [{"id": 1, "name": "Penny B"}]}),
    );
    ok(
        &n,
        json!({"operation": "delete", "database": "dev", "table": "dog", "ids": [1]}),
    );
    insert(&n, "dev.cat", 1, json!({"name": "Tom"}));
    let entries = ok(&n, log(json!({})));
    let entries = entries.as_array().cloned().unwrap();
    assert_eq!(entries.len(), 3, "{entries:?}");
    assert_eq!(
        entries[0],
        json!({"operation": "upsert", "user": "admin", "timestamp": entries[0]["timestamp"],
               "records": [{"id": 1, "name": "Penny"}], "attributes": ["id", "name"]})
    );
    assert_eq!(entries[1]["records"], json!([{"id": 1, "name": "Penny B"}]));
    assert_eq!(
        (
            entries[2]["operation"].clone(),
            entries[2]["hash_values"].clone()
        ),
        (json!("delete"), json!([1]))
    );
    let t = |i: usize| entries[i]["timestamp"].as_u64().unwrap();
    assert!(t(0) <= t(1) && t(1) <= t(2), "{entries:?}");
    assert_eq!(
        ok(&n, log(json!({"limit": 1}))).as_array().unwrap().len(),
        1
    );
    assert!(
        ok(&n, log(json!({"from": t(2) + 1})))
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert!(
        ok(&n, log(json!({"to": t(0) - 1})))
            .as_array()
            .unwrap()
            .is_empty()
    );

    // delete_transaction_logs_before runs as a job.
    let before = |ts: u64| {
        ok(
            &n,
            json!({"operation": "delete_transaction_logs_before", "schema": "dev", "table": "dog", "timestamp": ts}),
        )
    };
    let job_message = |started: &Value| {
        let id = started["job_id"].as_str().unwrap().to_owned();
        assert_eq!(started["message"], format!("Starting job with id {id}"));
        let job = ok(&n, json!({"operation": "get_job", "id": id}));
        assert_eq!(job[0]["status"], "COMPLETE", "{job}");
        job[0]["message"].as_str().unwrap().to_owned()
    };
    assert_eq!(job_message(&before(1)), "No transactions exist before: 1");
    let all = before(t(2) + 1);
    assert_eq!(
        job_message(&all),
        "All logs successfully deleted from transaction log."
    );
    assert!(ok(&n, log(json!({}))).as_array().unwrap().is_empty());
    let cat = ok(
        &n,
        json!({"operation": "read_transaction_log", "database": "dev", "table": "cat"}),
    );
    assert_eq!(cat.as_array().unwrap().len(), 1, "other tables keep theirs");

    // search_jobs_by_start_date finds that job.
    let jobs = ok(
        &n,
        json!({"operation": "search_jobs_by_start_date", "from_date": "2000-01-01", "to_date": "2999-12-31"}),
    );
    assert!(
        jobs.as_array()
            .unwrap()
            .iter()
            .any(|j| j["id"] == all["job_id"]),
        "{jobs}"
    );
    refused(
        &n,
        json!({"operation": "search_jobs_by_start_date", "from_date": "2000-01-01", "to_date": "someday"}),
        400,
        "There was an error searching jobs by date: Error: Invalid 'to' date, must be in ISO-8601 format (YYYY-MM-DD)",
    );

    // clustering.databaseLevel: one stream per database, named md5(db).
    let stream_name = |table: &str| {
        ok(
            &n,
            json!({"operation": "describe_table", "database": "dev", "table": table}),
        )["clustering_stream_name"]
            .clone()
    };
    assert_eq!(stream_name("dog"), "9d2969dfab3c9b5daa6f8d3d0b3ad347");
    ok(
        &n,
        json!({"operation": "set_configuration", "clustering_databaseLevel": true}),
    );
    assert_eq!(stream_name("dog"), "e77989ed21758e78331b20e477fc5582");
    assert_eq!(stream_name("cat"), "e77989ed21758e78331b20e477fc5582");
    insert(&n, "dev.dog", 7, json!({}));
    insert(&n, "dev.dog", 8, json!({}));
    ok(
        &n,
        json!({"operation": "purge_stream", "database": "dev", "table": "dog", "options": {"keep": 1}}),
    );
    let messages =
        |table: &str| n.json(&["stream", "info", &format!("dev.{table}")])["messages"].clone();
    assert_eq!(
        (messages("dog"), messages("cat")),
        (json!(1), json!(0)),
        "the newest of dev"
    );
    refused(
        &n,
        json!({"operation": "purge_stream", "database": "dev", "table": "dog", "options": {"seq": 2}}),
        400,
        "'options.seq' cannot be used with clustering.databaseLevel: this node numbers each table's stream on its own, so a sequence of the database's stream does not exist; use 'options.keep', or delete_transaction_logs_before with a timestamp",
    );
    ok(
        &n,
        json!({"operation": "set_configuration", "clustering_databaseLevel": false}),
    );
    assert_eq!(stream_name("dog"), "9d2969dfab3c9b5daa6f8d3d0b3ad347");

    // purge_stream's messages, Joi's, each once.
    refused(
        &n,
        json!({"operation": "purge_stream", "database": "nope", "table": "dog"}),
        400,
        "Database 'nope' does not exist. Table 'dog' does not exist",
    );
    refused(
        &n,
        json!({"operation": "purge_stream", "schema": 5, "table": ""}),
        400,
        "'schema' must be a string. 'table' is not allowed to be empty",
    );

    // create_attribute / drop_attribute.
    let attr = |op: &str, table: &str, a: &str| json!({"operation": op, "database": "dev", "table": table, "attribute": a});
    assert_eq!(
        ok(&n, attr("create_attribute", "cat", "is_adorable")),
        json!({"message": "attribute 'dev.cat.is_adorable' successfully created."})
    );
    let described = ok(
        &n,
        json!({"operation": "describe_table", "database": "dev", "table": "cat"}),
    );
    assert!(
        described["attributes"].to_string().contains("is_adorable"),
        "{described}"
    );
    refused(
        &n,
        attr("create_attribute", "cat", "is_adorable"),
        400,
        "attribute 'is_adorable' already exists in dev.cat",
    );
    refused(
        &n,
        attr("drop_attribute", "cat", "id"),
        400,
        "You cannot drop a hash attribute",
    );
    refused(
        &n,
        attr("drop_attribute", "cow", "x"),
        404,
        "Table 'dev.cow' does not exist",
    );
    refused(
        &n,
        json!({"operation": "drop_attribute", "table": "cat"}),
        400,
        "'attribute' is required",
    );
    ok(&n, attr("drop_attribute", "cat", "is_adorable"));
    refused(
        &n,
        attr("drop_attribute", "cat", "is_adorable"),
        404,
        "Attribute 'is_adorable' was not found in 'dev.cat'",
    );
    let cu = basic("cluster_user", CLUSTER_PASSWORD);
    let forbidden = n.http_as(
        Some(&cu),
        &attr("drop_attribute", "cat", "name").to_string(),
    );
    assert_eq!(forbidden.status, 403, "{forbidden:#?}");
    assert_eq!(
        forbidden.json()["unauthorized_access"],
        json!(["Operation 'dropAttribute' is restricted to 'super_user' roles"])
    );

    // read_log: HarperDB's entries, newest first when asked.
    let lines = ok(
        &n,
        json!({"operation": "read_log", "limit": 5, "order": "desc"}),
    );
    let lines = lines.as_array().cloned().unwrap();
    assert!(!lines.is_empty() && lines.len() <= 5, "{lines:?}");
    for l in &lines {
        assert_eq!(
            keys(l),
            ["level", "message", "tags", "thread", "timestamp"],
            "{l}"
        );
    }
    let stamps: Vec<&str> = lines
        .iter()
        .filter_map(|l| l["timestamp"].as_str())
        .collect();
    assert!(stamps.windows(2).all(|w| w[0] >= w[1]), "{stamps:?}");
    let infos = ok(
        &n,
        json!({"operation": "read_log", "level": "info", "limit": 3}),
    );
    assert!(
        infos
            .as_array()
            .unwrap()
            .iter()
            .all(|l| l["level"] == "info"),
        "{infos}"
    );
    refused(
        &n,
        json!({"operation": "read_log", "level": "loud", "limit": 0}),
        400,
        "'level' must be one of [notify, fatal, error, warn, info, debug, trace]. 'limit' must be greater than or equal to 1",
    );

    // sql names the NoSQL operations to use.
    let (status, sql) = op(
        &n,
        json!({"operation": "sql", "sql": "SELECT * FROM dev.dog"}),
    );
    assert_eq!(status, 400);
    assert!(
        sql["error"]
            .as_str()
            .unwrap()
            .contains("search_by_conditions"),
        "{sql}"
    );

    // validate.js's order for add_user, HarperDB's checks for alter_user.
    refused(
        &n,
        json!({"operation": "add_user"}),
        400,
        "Username can't be blank,Password can't be blank,Role can't be blank,Active can't be blank",
    );
    refused(
        &n,
        json!({"operation": "alter_user", "username": "admin"}),
        400,
        "nothing to update, must supply active, role or password to update",
    );
    refused(
        &n,
        json!({"operation": "alter_user", "username": "admin", "role": "nope"}),
        404,
        "Update failed.  Requested 'nope' role not found.",
    );
}
