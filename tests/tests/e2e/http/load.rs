//! Bulk loads (spec 3.15): jobs over HTTP, `harper load csv`, validation.

use harper_tests::{Node, WAIT, wait_for};
use serde_json::{Value, json};

/// Poll `get_job` until the job ends; its record.
fn finished(n: &Node, id: &str) -> Value {
    wait_for(&format!("job {id} to finish"), WAIT, || {
        let a = n.http(&json!({"operation":"get_job","id":id}).to_string());
        assert_eq!(a.status, 200, "{a:#?}");
        let job = a.json()[0].clone();
        matches!(job["status"].as_str(), Some("COMPLETE" | "ERROR")).then_some(job)
    })
}

fn write_file(n: &Node, name: &str, text: &str) -> String {
    let path = n.root().join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

#[test]
fn csv_loads_run_as_jobs() {
    let n = Node::started("Node1");
    n.harper(&["table", "create", "dev.dog"]).ok();
    let load = |fields: Value| {
        let mut body = json!({"operation":"csv_data_load","database":"dev","table":"dog"});
        for (k, v) in fields.as_object().unwrap() {
            body[k] = v.clone();
        }
        n.http(&body.to_string())
    };
    // Validation: refused before any job starts.
    for (fields, error) in [
        (
            json!({"action":"merge","data":"id\n1\n"}),
            "Action is required and must be either insert, update, or upsert",
        ),
        (
            json!({"table":null,"data":"id\n1\n"}),
            "Table can't be blank",
        ),
        (
            json!({"database":"nope","data":"id\n1\n"}),
            "database 'nope' does not exist",
        ),
        (
            json!({"table":"cat","data":"id\n1\n"}),
            "Table 'dev.cat' does not exist",
        ),
        (
            json!({"data":"id,id/\n1,2\n"}),
            "Invalid column name 'id/', cancelling load operation",
        ),
        (json!({}), "Data can't be blank"),
    ] {
        let a = load(fields.clone());
        assert_eq!(
            (a.status, a.json()),
            (400, json!({ "error": error })),
            "{fields}"
        );
    }

    let a = load(json!({"data":"id,name,good\n1,Penny,true\n2,\"Harper, the dog\",false\n"}));
    assert_eq!(a.status, 200, "{a:#?}");
    let started = a.json();
    let id = started["job_id"].as_str().unwrap().to_owned();
    assert_eq!(
        started,
        json!({"message": format!("Starting job with id {id}"), "job_id": id})
    );
    let job = finished(&n, &id);
    assert_eq!(job["status"], "COMPLETE", "{job}");
    assert_eq!(job["message"], "successfully loaded 2 of 2 records");
    assert_eq!(job["type"], "csv_data_load");
    assert_eq!(job["user"], "admin");
    assert_eq!(
        n.json(&["get", "dev.dog", "1", "2"]),
        json!([{"id":1,"name":"Penny","good":true},{"id":2,"name":"Harper, the dog","good":false}])
    );
    // Existing keys are skipped by insert.
    let job = finished(
        &n,
        load(json!({"data":"id,name\n2,x\n3,y\n"})).json()["job_id"]
            .as_str()
            .unwrap(),
    );
    assert_eq!(job["message"], "successfully loaded 1 of 2 records");
    // A header alone loads nothing.
    let job = finished(
        &n,
        load(json!({"data":"id,name\n"})).json()["job_id"]
            .as_str()
            .unwrap(),
    );
    assert_eq!(
        (job["status"].clone(), job["message"].clone()),
        (json!("COMPLETE"), json!("No records parsed from csv file."))
    );
    // A failing write ends the job in ERROR with the write's message, and nothing half-done is claimed.
    let job = finished(
        &n,
        load(json!({"action":"update","data":"name\nx\n"})).json()["job_id"]
            .as_str()
            .unwrap(),
    );
    assert_eq!(job["status"], "ERROR", "{job}");
    assert_eq!(
        job["message"],
        "a valid hash attribute must be provided with update record, check log for more info"
    );
    // csv_file_load reads a file on the daemon's machine.
    let path = write_file(&n, "more.csv", "id,name\n10,Ten\n");
    let a = n.http(
        &json!({"operation":"csv_file_load","database":"dev","table":"dog","file_path":path})
            .to_string(),
    );
    let job = finished(&n, a.json()["job_id"].as_str().unwrap());
    assert_eq!(job["message"], "successfully loaded 1 of 1 records");
    let a = n.http(&json!({"operation":"csv_file_load","database":"dev","table":"dog","file_path":"/nonexistent.csv"}).to_string());
    assert_eq!(a.status, 400, "{a:#?}");
    assert!(
        a.json()["error"]
            .as_str()
            .unwrap()
            .contains("cannot read file '/nonexistent.csv'")
    );
    // An unknown job.
    let a = n.http(r#"{"operation":"get_job","id":"no-such-job"}"#);
    assert_eq!((a.status, a.body.as_str()), (200, "[]"));
}

#[test]
fn harper_load_csv() {
    let n = Node::started("Node1");
    n.harper(&["table", "create", "dev.dog"]).ok();
    let file = write_file(&n, "dogs.csv", "id,name\n1,Penny\n2,Harper\n3,Rex\n");
    let run = n.harper(&["load", "csv", "dev.dog", &file]);
    assert_eq!(run.ok().trim(), "successfully loaded 3 of 3 records");
    // Without a TTY, progress is plain lines on stderr.
    assert!(
        run.stderr.contains("dev.dog: 3 of 3 records processed"),
        "{run:#?}"
    );
    // `-o json` prints csv_file_load's answer (HarperDB's), the job then followed.
    let json = n.json(&["load", "csv", "dev.dog", &file, "--action", "upsert"]);
    let id = json["job_id"].as_str().unwrap();
    assert_eq!(
        json["message"],
        format!("Starting job with id {id}"),
        "{json}"
    );
    let job = n.json(&["op", "get_job", &format!("id={id}")]);
    assert_eq!(job[0]["status"], "COMPLETE", "{job}");
    assert_eq!(job[0]["message"], "successfully loaded 3 of 3 records");
    assert_eq!(job[0]["type"], "csv_file_load");

    let bad = write_file(&n, "bad.csv", "name\nx\n");
    let run = n.harper(&["load", "csv", "dev.dog", &bad, "--action", "update"]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(
        run.stderr
            .contains("a valid hash attribute must be provided"),
        "{run:#?}"
    );
    let run = n.harper(&["load", "csv", "dev.dog", "/nonexistent.csv"]);
    assert_eq!(run.code, 1, "{run:#?}");
    let run = n.harper(&["load", "csv", "dev.cat", &file]);
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(
        run.stderr.contains("Table 'dev.cat' does not exist"),
        "{run:#?}"
    );
}

#[test]
fn a_hundred_thousand_rows_load_and_reach_a_subscribed_node() {
    let n = Node::clustered("Node1");
    let sub = Node::clustered("Node2");
    sub.harper(&["route", "add", &n.route(), "--wait"]).ok();
    n.harper(&["table", "create", "dev.reading"]).ok();
    n.json(&["node", "add", "Node2", "--publish", "dev.reading"]);
    let mut csv = String::from("id,sensor,value,ok\n");
    for i in 0..100_000 {
        csv.push_str(&format!("{i},s{},{}.5,{}\n", i % 50, i % 1000, i % 2 == 0));
    }
    let file = write_file(&n, "readings.csv", &csv);
    let run = n.harper(&["load", "csv", "dev.reading", &file]);
    assert_eq!(
        run.ok().trim(),
        "successfully loaded 100000 of 100000 records"
    );
    let t = n.json(&["table", "describe", "dev.reading"]);
    assert_eq!(t["record_count"], json!(100_000), "{t}");
    assert_eq!(
        n.json(&["get", "dev.reading", "99999"]),
        json!([{"id":99999,"sensor":"s49","value":999.5,"ok":false}])
    );
    // The rows went through insert, so they replicate.
    sub.wait_json(
        "the loaded rows on Node2",
        &["table", "describe", "dev.reading"],
        |t| t["record_count"] == 100_000,
    );
    assert_eq!(
        sub.json(&["get", "dev.reading", "99999"]),
        json!([{"id":99999,"sensor":"s49","value":999.5,"ok":false}])
    );
}
