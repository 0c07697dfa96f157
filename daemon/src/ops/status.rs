//! What replication looks like: `cluster_status` (spec 3.9, each
//! consumer's lag and gaps added when asked), `stream_info` (ours), and
//! `purge_stream` (spec 3.11).

use std::time::{Duration, Instant};

use harper_rpc::catalogue::Op;
use harper_rpc::ops::{
    ClusterStatusResponse, Connection, ConnectionConsumer, LinkStatus, Ports, PublishedTable,
    StreamInfoResponse, StreamReader, SystemInfo, to_body,
};
use harper_rpc::{OpError, Request, TableRef};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::guard::clustering_enabled;
use super::message;
use harper_rpc::ops::INCLUDE_CONSUMERS;

use crate::config::{Checker, Null, Rule, as_bool};
use crate::mesh::RequestError;
use crate::node::Node;
use crate::store::record;

/// How long `cluster_status` waits for each node.
const STATUS_DEADLINE: Duration = Duration::from_secs(5);

/// HarperDB's uptime text: `30d 1h 18m 8s`, zero units left out, a trailing
/// space when the seconds are 0, and months (moment.js's) not printed.
pub fn format_uptime(secs: f64) -> String {
    if secs < 1.0 {
        return String::new();
    }
    let s = secs as u64;
    let total_days = s / 86_400;
    let months = total_days * 4800 / 146_097;
    let days = total_days - (months * 146_097).div_ceil(4800);
    let years = months / 12;
    let mut out = String::new();
    for (n, unit) in [
        (years, "y"),
        (days, "d"),
        ((s / 3600) % 24, "h"),
        ((s / 60) % 60, "m"),
    ] {
        if n > 0 {
            out.push_str(&format!("{n}{unit} "));
        }
    }
    if !s.is_multiple_of(60) {
        out.push_str(&format!("{}s", s % 60));
    }
    out
}

/// This node's consumers of `remote`'s streams and `remote`'s reads of this
/// node's streams, for one connection of `cluster_status`.
fn consumers_of(node: &Node, remote: &str) -> Vec<ConnectionConsumer> {
    let rep = node.replicator();
    let mut out: Vec<ConnectionConsumer> = rep
        .consumers()
        .into_iter()
        .filter(|c| c.publisher == remote)
        .map(ConnectionConsumer::Subscribe)
        .collect();
    if let Ok(Some(rec)) = node.store().node_record(remote) {
        for sub in rec.subscriptions.iter().filter(|s| s.publish) {
            let t = sub.table_ref();
            let Ok(table) = node.store().table(&t) else {
                continue;
            };
            let durable = table.durable_seq();
            let reader = rep.readers(&t).into_iter().find(|r| r.node == remote);
            out.push(ConnectionConsumer::Publish(PublishedTable {
                database: t.database,
                table: t.table,
                last_seq: durable,
                consumer_next_seq: reader.as_ref().map(|r| r.next_seq),
                lag_messages: reader
                    .as_ref()
                    .map(|r| durable.saturating_sub(r.next_seq.saturating_sub(1))),
                consumer_seen_ms: reader.as_ref().map(|r| r.seen_ms),
            }));
        }
    }
    out
}

/// What a node answers another's `cluster_status` through the mesh.
#[derive(Debug, Default, Serialize, Deserialize)]
struct RemoteStatus {
    /// Seconds since its daemon started.
    #[serde(default)]
    uptime: f64,
    /// Its ports.
    #[serde(default)]
    ports: Ports,
    /// Its `system_info`.
    #[serde(default)]
    system_info: Value,
}

/// `cluster_status`: every registered node, asked in parallel, in HarperDB's
/// body. With `"include_consumers": true` (harper's own field, which `harper
/// cluster status` sends) each connection also lists `consumers`: this
/// node's consumers of that node's streams and that node's reads of this
/// node's streams, with their lag, gaps and errors.
pub async fn cluster_status(node: &Node, req: &Request) -> Result<Value, OpError> {
    let mut check = Checker::default();
    check.field(
        &crate::config::Obj::root(req),
        INCLUDE_CONSUMERS,
        Rule::Bool,
        false,
        Null::Checked,
    );
    if !check.is_ok() {
        return Err(OpError::bad_request(check.message()));
    }
    let with_consumers = req.get(INCLUDE_CONSUMERS).and_then(as_bool) == Some(true);
    let settings = node.config().settings();
    let mut out = ClusterStatusResponse {
        node_name: settings.node_name.clone(),
        is_enabled: settings.clustering_enabled,
        connections: Vec::new(),
        // Only while failed: HarperDB's answer has no such field.
        disk: node
            .store()
            .disk_failure()
            .map(|_| node.store().disk_state()),
    };
    let Some(mesh) = node
        .cluster()
        .mesh()
        .filter(|_| settings.clustering_enabled)
    else {
        return Ok(to_body(&out));
    };
    let records = node.store().node_records()?;
    let asks = records.into_iter().map(|rec| {
        let mesh = mesh.clone();
        let node = node.clone();
        async move {
            let body = json!({
                "operation": Op::ClusterStatus.name(),
                "node_name": node.config().settings().node_name,
                "system_info": harper_rpc::ops::SystemInfo::this_program(),
            });
            let started = Instant::now();
            let reply = mesh.request(&rec.name, body, STATUS_DEADLINE).await;
            let latency = (started.elapsed().as_secs_f64() * 1000.0 * 1000.0).round() / 1000.0;
            let mut entry = Connection {
                node_name: rec.name.clone(),
                status: LinkStatus::Open,
                ports: Ports::default(),
                latency_ms: None,
                uptime: None,
                subscriptions: rec.subscriptions.clone(),
                system_info: None,
                consumers: None,
            };
            let mut info = rec.system_info.clone();
            match reply {
                Ok(r) => {
                    let r: RemoteStatus = serde_json::from_value(r).unwrap_or_default();
                    entry.ports = r.ports;
                    entry.latency_ms = Some(latency);
                    entry.uptime = Some(format_uptime(r.uptime));
                    if r.system_info.is_object() {
                        info = r.system_info;
                        let mut updated = rec.clone();
                        updated.system_info = info.clone();
                        if updated != rec
                            && let Err(e) = node.store().put_node_record(&updated)
                        {
                            tracing::warn!("cannot refresh system_info of {}: {e}", rec.name);
                        }
                    }
                }
                Err(RequestError::Remote(_) | RequestError::Undeliverable(_)) => {
                    entry.status = LinkStatus::Closed;
                    entry.latency_ms = Some(latency);
                }
                Err(RequestError::NoResponders) => entry.status = LinkStatus::NoResponders,
                Err(RequestError::Timeout) => entry.status = LinkStatus::Timeout,
            }
            if entry.status == LinkStatus::Open && info.is_object() {
                entry.system_info = Some(info);
            }
            if with_consumers {
                entry.consumers = Some(consumers_of(&node, &rec.name));
            }
            entry
        }
    });
    out.connections = futures::future::join_all(asks).await;
    Ok(to_body(&out))
}

/// The remote side of `cluster_status`: our uptime and ports; the caller's
/// `system_info` is refreshed in its record.
pub fn remote_status(node: &Node, from: &str, payload: &Value) -> Result<Value, String> {
    if payload["system_info"].is_object()
        && let Ok(Some(mut rec)) = node.store().node_record(from)
        && rec.system_info != payload["system_info"]
    {
        rec.system_info = payload["system_info"].clone();
        node.store()
            .put_node_record(&rec)
            .map_err(|e| e.to_string())?;
    }
    let settings = node.config().settings();
    Ok(to_body(&RemoteStatus {
        uptime: node.started().elapsed().as_secs_f64(),
        ports: Ports {
            clustering: Some(settings.cluster_port),
            operations_api: settings.operations_port,
        },
        system_info: to_body(&SystemInfo::this_program()),
    }))
}

/// `database` / `schema` and `table` of `purge_stream` and `stream_info`,
/// checked as HarperDB's purge validator checks them: `schema` (or, when it
/// is absent or null, `database`) and `database` each a string naming a
/// database that exists, `table` a string naming a table of it; the database
/// defaults to `data`; every failure reported once.
fn stream_table(node: &Node, req: &Request) -> Result<TableRef, OpError> {
    let mut check = Checker::default();
    // HarperDB copies `database` into `schema` before validating (schema wins).
    let schema = match req.get("schema") {
        None | Some(Value::Null) => req.get("database"),
        given => given,
    };
    for (label, v) in [("schema", schema), ("database", req.get("database"))] {
        check.value(v, label, Rule::Str, false, Null::Checked);
        if let Some(Value::String(db)) = v
            && !db.is_empty()
            && !node.store().has_database(db)?
        {
            check
                .messages
                .push(format!("Database '{db}' does not exist"));
        }
    }
    let db = match schema {
        None => Some(harper_rpc::DEFAULT_DATABASE),
        Some(Value::String(s)) if !s.is_empty() => Some(s.as_str()),
        Some(_) => None,
    };
    let table = req.get("table");
    check.value(table, "table", Rule::Str, true, Null::Checked);
    if let Some(Value::String(t)) = table
        && !t.is_empty()
        && db.is_none_or(|db| node.store().table(&TableRef::new(db, t)).is_err())
    {
        check.messages.push(format!("Table '{t}' does not exist"));
    }
    match (db, table) {
        (Some(db), Some(Value::String(t))) if check.is_ok() => Ok(TableRef::new(db, t)),
        _ => Err(OpError::bad_request(check.message())),
    }
}

/// Why `options.seq` is refused with `clustering.databaseLevel`.
const SEQ_AT_DATABASE_LEVEL: &str = "'options.seq' cannot be used with clustering.databaseLevel: this node numbers each table's stream on its own, so a sequence of the database's stream does not exist; use 'options.keep', or delete_transaction_logs_before with a timestamp";

/// The keys `purge_stream`'s `options` may hold (NATS's `filter` selects
/// subjects; a stream here is one table's, so it has nothing to select).
const PURGE_OPTIONS: [&str; 2] = ["keep", "seq"];

/// `purge_stream`'s `options`: absent or null for the whole stream, else an
/// object of known keys with whole numbers. Anything else is refused before
/// anything is purged (a typo must not purge the whole stream).
fn purge_options(req: &Request) -> Result<(Option<u64>, Option<u64>), OpError> {
    let options = match req.get("options") {
        None | Some(Value::Null) => return Ok((None, None)),
        Some(Value::Object(o)) => o,
        Some(_) => return Err(OpError::bad_request("'options' must be of type object")),
    };
    let mut errors: Vec<String> = options
        .keys()
        .filter(|k| !PURGE_OPTIONS.contains(&k.as_str()))
        .map(|k| {
            format!(
                "'options.{}' is not allowed",
                harper_rpc::text::printable_clipped(k, 64)
            )
        })
        .collect();
    let mut count = |field: &str| match options.get(field) {
        None | Some(Value::Null) => None,
        Some(v) => {
            let n = v.as_u64();
            if n.is_none() {
                errors.push(format!(
                    "'options.{field}' must be a whole number of 0 or more"
                ));
            }
            n
        }
    };
    let (keep, seq) = (count("keep"), count("seq"));
    if errors.is_empty() {
        Ok((keep, seq))
    } else {
        Err(OpError::bad_request(errors.join(". ")))
    }
}

/// `purge_stream`: remove entries of this node's stream of a table (data
/// stays). With `clustering.databaseLevel` the stream is the database's: the
/// entries of all its tables go (`keep` keeps the newest of them all).
pub async fn purge_stream(node: &Node, req: &Request) -> Result<Value, OpError> {
    let t = stream_table(node, req)?;
    clustering_enabled(node)?;
    let settings = node.config().settings();
    let (keep, seq) = purge_options(req)?;
    if settings.database_level && seq.is_some() {
        return Err(OpError::bad_request(SEQ_AT_DATABASE_LEVEL));
    }
    let removed = {
        let t = t.clone();
        if settings.database_level {
            node.store()
                .commit(move |s| s.purge_database_stream(&t.database, keep))
                .await?
        } else {
            node.store()
                .commit(move |s| s.purge_stream(&t, keep, seq))
                .await?
        }
    };
    tracing::info!(table = %t, removed, "stream purged");
    Ok(message(format!("Successfully purged table '{t}'")))
}

/// `stream_info`: the extent and size of this node's stream of a table, the
/// remote consumers reading it, and this node's consumers of that table on
/// other nodes' streams.
pub fn stream_info(node: &Node, req: &Request) -> Result<Value, OpError> {
    let t = stream_table(node, req)?;
    let table = node.store().table(&t)?;
    let stats = table.stream_stats()?;
    let rep = node.replicator();
    let time = |ts: Option<u64>| ts.map(record::hlc_millis);
    let consumers = rep
        .readers(&t)
        .into_iter()
        .map(|r| StreamReader {
            node: r.node,
            next_seq: r.next_seq,
            lag_messages: stats
                .durable_seq
                .saturating_sub(r.next_seq.saturating_sub(1)),
            seen_ms: r.seen_ms,
        })
        .collect();
    let subscriptions = rep
        .consumers()
        .into_iter()
        .filter(|c| c.database == t.database && c.table == t.table)
        .collect();
    Ok(to_body(&StreamInfoResponse {
        stream_name: t.stream_name_at(node.config().settings().database_level),
        database: t.database,
        table: t.table,
        first_seq: stats.first_seq,
        last_seq: stats.last_seq,
        durable_seq: stats.durable_seq,
        messages: stats.messages,
        bytes: stats.bytes,
        first_time: time(stats.first_appended),
        last_time: time(stats.last_appended),
        consumers,
        subscriptions,
    }))
}

#[cfg(test)]
mod tests {
    use super::format_uptime;

    #[test]
    fn uptime_reads_like_harperdb() {
        assert_eq!(format_uptime(0.5), "");
        assert_eq!(format_uptime(3600.0), "1h ");
        assert_eq!(format_uptime(8.0), "8s");
        assert_eq!(
            format_uptime((30 * 86_400 + 3600 + 18 * 60 + 8) as f64),
            "30d 1h 18m 8s"
        );
        // moment.js bubbles 40 days into one month (not printed) and 9 days.
        assert_eq!(format_uptime((40 * 86_400) as f64), "9d ");
    }
}
