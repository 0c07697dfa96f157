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
