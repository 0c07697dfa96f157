//! `harper subscribe list --all`: the Studio's "manage clustering" grid. One
//! row per known node (registered, or a member of the mesh) and table, the
//! tables being those of this node (describe_all) and every table a
//! subscription names (the other side's, as far as this node knows them),
//! with the publish and subscribe marks, the consumer's state and the
//! problem, if any. `-o json` gives the same as `{node_name, nodes, tables,
//! grid}`.

use std::collections::BTreeSet;

use super::prelude::*;
use super::watch::Frame;

/// The mark of a flag that is set.
const ON: &str = "✓";
/// The mark of a flag that is not.
const OFF: &str = "·";

pub async fn frame(client: &Client) -> CliResult<Frame> {
    let status = client.call(&CLUSTER_STATUS).await?;
    let mesh = client.call(&ClusterMeshStatus {}).await?;
    let all = client.call(&DescribeAll {}).await?;
    let mut local = BTreeSet::new();
    for (db, tables) in &all {
        for t in tables.keys() {
            local.insert(TableRef::new(db, t));
        }
    }
    let raw = grid(&status, &mesh, &local);
    let human = render(&raw);
    Ok(Frame { raw, human })
}

/// The grid as JSON, from the answers.
fn grid(
    status: &ClusterStatusResponse,
    mesh: &MeshStatusResponse,
    local: &BTreeSet<TableRef>,
) -> Value {
    let me = status.node_name.clone().unwrap_or_default();
    let mut tables = local.clone();
    for c in &status.connections {
        tables.extend(c.subscriptions.iter().map(|s| s.table_ref()));
    }
    let nodes = known_nodes(status, mesh);
    let mut rows = Vec::new();
    for node in &nodes {
        let conn = status.connections.iter().find(|c| &c.node_name == node);
        for t in &tables {
            let sub = conn.and_then(|c| {
                c.subscriptions
                    .iter()
                    .find(|s| s.schema == t.database && s.table == t.table)
            });
            let consumer = conn.and_then(|c| {
                c.consumers.iter().flatten().find_map(|k| match k {
                    ConnectionConsumer::Subscribe(k)
                        if k.database == t.database && k.table == t.table =>
                    {
                        Some(k)
                    }
                    _ => None,
                })
            });
            let error = match (conn, consumer) {
                (Some(c), _) if c.status != LinkStatus::Open => {
                    Some(format!("node does not answer ({})", show(&c.status)))
                }
                (_, Some(k)) => k
                    .stalled
                    .as_ref()
                    .map(|st| format!("stalled at {}: {}", st.seq, st.reason))
                    .or_else(|| k.last_error.clone()),
                _ => None,
            };
            rows.push(json!({
                "node": node,
                "database": t.database,
                "table": t.table,
                "registered": conn.is_some(),
                "local_table": local.contains(t),
                "publish": sub.is_some_and(|s| s.publish),
                "subscribe": sub.is_some_and(|s| s.subscribe),
                "consumer_state": consumer.map(|k| k.state),
                "error": error,
            }));
        }
    }
    json!({
        "node_name": me,
        "nodes": nodes,
        "tables": tables.iter().map(|t| t.to_string()).collect::<Vec<_>>(),
        "grid": rows,
    })
}

fn render(v: &Value) -> String {
    let rows = v["grid"].as_array().map(Vec::as_slice).unwrap_or_default();
    if rows.is_empty() {
        return if v["nodes"].as_array().is_some_and(Vec::is_empty) {
            "(no other node is registered or in the mesh)".to_owned()
        } else {
            "(no tables on this node or in any subscription)".to_owned()
        };
    }
    let mut t = table(&["node", "table", "publish", "subscribe", "consumer", "error"]);
    let mark = |b: &Value| if b.as_bool() == Some(true) { ON } else { OFF }.to_owned();
    for r in rows {
        let mut node = cell(&r["node"]);
        if r["registered"] == false {
            node.push_str(" (not registered)");
        }
        t.add_row(vec![
            node,
            format!("{}.{}", cell(&r["database"]), cell(&r["table"])),
            mark(&r["publish"]),
            mark(&r["subscribe"]),
            cell(&r["consumer_state"]),
            cell(&r["error"]),
        ]);
    }
    format!("this node: {}\n{t}", cell(&v["node_name"]))
}
