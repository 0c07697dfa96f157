//! `read_transaction_log` and `delete_transaction_logs_before` (HarperDB's
//! `utility/logging/transactionLog.js`): in HarperDB 4.3 the transaction log
//! of a table is its clustering stream, and here too: the stream this node
//! appends every committed transaction of the table to. So, as there, they
//! need clustering enabled.
//!
//! An entry is answered as `{operation, user, timestamp, records,
//! attributes}` (`hash_values` for a delete). The stream keeps what a
//! transaction did, not the verb that asked for it: `operation` is `upsert`
//! (an insert, update or upsert, with the complete records) or `delete`.
//! Answers are bounded: at most [`MAX_ENTRIES`] entries (`limit` at most
//! that) and about [`MAX_ANSWER_BYTES`]; a longer log is read in pages by
//! `from` (the last `timestamp` seen).

use harper_rpc::catalogue::Op;
use harper_rpc::ops::{JobStarted, JobStatus, to_body};
use harper_rpc::{OpError, Request, TableRef};
use serde_json::{Map, Value, json};

use super::Caller;
use crate::config::{Rule, as_f64, timestamp_value_millis};
use crate::node::Node;
use crate::store::record::{hlc_from_millis, hlc_millis};
use crate::store::stream::{key_seq, seq_key};
use crate::store::{TxnEntry, WriteOp};

/// HarperDB's refusal while clustering is off (its wording, 404).
const CLUSTERING_DISABLED: &str =
    "This operation relies on clustering and cannot run with it disable.";
/// The most entries one answer holds.
const MAX_ENTRIES: u64 = 10_000;
/// About the most bytes of entries one answer holds.
const MAX_ANSWER_BYTES: usize = 16 * 1024 * 1024;

/// `schema`, `database` and `table` (HarperDB's Joi schema for both
/// operations, in its order), then the extra `fields`.
fn checked_table(req: &Request, fields: &[(&str, Rule, bool)]) -> Result<TableRef, OpError> {
    let mut keys = vec![
        ("schema", Rule::Str, false),
        ("database", Rule::Str, false),
        ("table", Rule::Str, true),
    ];
    keys.extend_from_slice(fields);
    super::body::joi_table_ref(req, &keys)
}

/// A checked `Joi.date().timestamp()` field, as HLC time.
fn hlc_time(req: &Request, key: &str) -> Option<u64> {
    let ms = timestamp_value_millis(req.get(key)?).ok()?;
    Some(hlc_from_millis(ms.max(0.0) as u64))
}

fn clustering_enabled(node: &Node) -> Result<(), OpError> {
    if node.config().settings().clustering_enabled {
        Ok(())
    } else {
        Err(OpError::not_found(CLUSTERING_DISABLED))
    }
}

/// One stream entry as HarperDB's transaction log shows it.
fn formatted(entry: TxnEntry) -> Value {
    let deleted = entry.writes.iter().all(|w| w.op == WriteOp::Delete);
    let millis = hlc_millis(entry.appended).floor() as u64;
    let mut out = Map::new();
    out.insert(
        "operation".into(),
        json!(if deleted { Op::Delete } else { Op::Upsert }.name()),
    );
    out.insert("user".into(), json!(entry.user));
    out.insert("timestamp".into(), json!(millis));
    if deleted {
        let ids: Vec<Value> = entry.writes.into_iter().map(|w| w.id).collect();
        out.insert("hash_values".into(), Value::Array(ids));
    } else {
        let mut attributes: Vec<String> = Vec::new();
        let mut records = Vec::new();
        for w in entry.writes {
            if let Some(Value::Object(r)) = &w.record {
                for k in r.keys() {
                    if !attributes.contains(k) {
                        attributes.push(k.clone());
                    }
                }
            }
            records.extend(w.record);
        }
        out.insert("records".into(), Value::Array(records));
        out.insert("attributes".into(), json!(attributes));
    }
    Value::Object(out)
}

/// What `read_transaction_log` reads of a stream.
struct Window {
    /// First append time (HLC), inclusive.
    from: Option<u64>,
    /// Last whole millisecond, inclusive.
    to: Option<f64>,
    limit: u64,
    /// About the most bytes of entries read (at least one entry).
    max_bytes: usize,
}

impl Window {
    /// The entries of `table`'s stream in the window, formatted.
    fn entries(&self, table: &crate::store::Table) -> Result<Vec<Value>, crate::store::StoreError> {
        let start = match self.from {
            Some(f) => table.first_appended_at_or_after(f)?,
            None => table.first_seq()?,
        };
        let mut out = Vec::new();
        let mut bytes = 0usize;
        for item in table.stream().range(seq_key(start)..) {
            let (k, v) = item?;
            if key_seq(&k).is_none() || out.len() as u64 >= self.limit || bytes >= self.max_bytes {
                break;
            }
            let Some(entry) = TxnEntry::decode(&v) else {
                continue;
            };
            if self
                .to
                .is_some_and(|to| hlc_millis(entry.appended).floor() > to)
            {
                break;
            }
            bytes += v.len();
            out.push(formatted(entry));
        }
        Ok(out)
    }
}

/// `read_transaction_log {schema|database, table, from?, to?, limit?}`:
/// the table's stream from `from` (ms) on, up to `to` (ms), at most `limit`.
pub async fn read_transaction_log(node: &Node, req: &Request) -> Result<Value, OpError> {
    let limit_rule = Rule::Number {
        min: 1.0,
        max: Some(MAX_ENTRIES as f64),
        integer: false,
    };
    let t = checked_table(
        req,
        &[
            ("from", Rule::Timestamp, false),
            ("to", Rule::Timestamp, false),
            ("limit", limit_rule, false),
        ],
    )?;
    clustering_enabled(node)?;
    let table = node.store().table(&t)?;
    let from = hlc_time(req, "from");
    // Compared in whole milliseconds, as HarperDB compares them.
    let to = req.get("to").and_then(|v| timestamp_value_millis(v).ok());
    let limit = req
        .get("limit")
        .and_then(as_f64)
        .map_or(MAX_ENTRIES, |n| n.floor() as u64);
    tokio::task::spawn_blocking(move || {
        let read = Window {
            from,
            to,
            limit,
            max_bytes: MAX_ANSWER_BYTES,
        };
        read.entries(&table).map(Value::Array)
    })
    .await
    .map_err(|e| OpError::internal(format!("reading the transaction log failed: {e}")))?
    .map_err(OpError::from)
}

/// `delete_transaction_logs_before {schema|database, table, timestamp}`:
/// a job that purges the table's stream entries appended before `timestamp`
/// (ms), of every table of the database with `clustering.databaseLevel`.
/// A consumer that has not read them yet repairs the gap by a snapshot.
pub async fn delete_transaction_logs_before(
    node: &Node,
    caller: &Caller,
    req: &Request,
) -> Result<Value, OpError> {
    let t = checked_table(req, &[("timestamp", Rule::Timestamp, true)])?;
    clustering_enabled(node)?;
    let table = node.store().table(&t)?;
    let before = hlc_time(req, "timestamp").unwrap_or(0);
    let shown = req.get("timestamp").map(|v| match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    });
    let stats = table.stream_stats()?;
    let (status, text) = match (stats.first_appended, stats.last_appended) {
        (Some(first), Some(last)) if before > first => {
            let database_level = node.config().settings().database_level;
            let removed = node
                .store()
                .commit(move |s| s.purge_before(&t, before, database_level))
                .await;
            match removed {
                Ok(_) if before > last => (JobStatus::Complete, ALL_DELETED.to_owned()),
                Ok(_) => (JobStatus::Complete, SOME_DELETED.to_owned()),
                Err(e) => (JobStatus::Error, OpError::from(e).message().to_owned()),
            }
        }
        _ => (
            JobStatus::Complete,
            format!(
                "No transactions exist before: {}",
                shown.unwrap_or_default()
            ),
        ),
    };
    let id = super::jobs::finished(caller, Op::DeleteTransactionLogsBefore, status, text);
    Ok(to_body(&JobStarted {
        message: format!("Starting job with id {id}"),
        job_id: id,
    }))
}

/// The job's message when every entry went.
const ALL_DELETED: &str = "All logs successfully deleted from transaction log.";
/// The job's message when older entries went and newer ones stay.
const SOME_DELETED: &str = "Logs successfully deleted from transaction log.";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::TxnWrite;

    use crate::ops::body::object as body;

    #[test]
    fn fields_are_checked_as_joi_checks_them() {
        let e = |v: Value| {
            checked_table(
                &body(v),
                &[
                    ("from", Rule::Timestamp, false),
                    ("timestamp", Rule::Timestamp, true),
                ],
            )
            .unwrap_err()
            .message()
            .to_owned()
        };
        assert_eq!(
            e(json!({"schema": 1, "from": "2022-01-01"})),
            "'schema' must be a string. 'table' is required. \
             'from' must be in timestamp or number of milliseconds format. 'timestamp' is required"
        );
        assert_eq!(
            e(json!({"table": "", "timestamp": true})),
            "'table' is not allowed to be empty. 'timestamp' must be a valid date"
        );
        let t = checked_table(
            &body(json!({"schema": "dev", "database": "prod", "table": "dog", "timestamp": "1598290282817"})),
            &[("timestamp", Rule::Timestamp, true)],
        )
        .unwrap();
        assert_eq!(t, TableRef::new("prod", "dog"));
    }

    #[test]
    fn reads_stop_at_the_limit_and_the_byte_bound() {
        let dir = tempfile::tempdir().unwrap();
        let s = crate::store::Store::open(dir.path(), "a", false).unwrap();
        let dog = TableRef::new("dev", "dog");
        s.create_table(&dog, "id").unwrap();
        for i in 0..5 {
            let record = json!({"id": i, "pad": "x".repeat(1000)});
            s.write(
                &dog,
                harper_rpc::ops::WriteAction::Upsert,
                vec![record],
                None,
            )
            .unwrap();
        }
        let table = s.table(&dog).unwrap();
        let window = |limit, max_bytes| Window {
            from: None,
            to: None,
            limit,
            max_bytes,
        };
        assert_eq!(window(10, usize::MAX).entries(&table).unwrap().len(), 5);
        assert_eq!(window(2, usize::MAX).entries(&table).unwrap().len(), 2);
        assert_eq!(
            window(10, 2500).entries(&table).unwrap().len(),
            3,
            "about 2500 bytes"
        );
        assert_eq!(
            window(10, 1).entries(&table).unwrap().len(),
            1,
            "at least one"
        );
        let all = window(10, usize::MAX).entries(&table).unwrap();
        let third = all[2]["timestamp"].as_f64().unwrap();
        let later = Window {
            from: Some(hlc_from_millis(third as u64)),
            ..window(10, usize::MAX)
        };
        assert!(later.entries(&table).unwrap().len() >= 3);
        let earlier = Window {
            to: Some(all[0]["timestamp"].as_f64().unwrap() - 1.0),
            ..window(10, usize::MAX)
        };
        assert!(earlier.entries(&table).unwrap().is_empty());
    }

    #[test]
    fn entries_read_like_harperdb_transactions() {
        let ts = hlc_from_millis(1_660_165_619_736);
        let write = |op, id: u64, record| TxnWrite {
            op,
            id: json!(id),
            record,
        };
        let upsert = TxnEntry {
            origin: "a".into(),
            ts,
            appended: ts,
            user: Some("admin".into()),
            transacted: vec![],
            writes: vec![
                write(WriteOp::Upsert, 1, Some(json!({"id": 1, "name": "Penny"}))),
                write(WriteOp::Upsert, 2, Some(json!({"id": 2, "age": 7}))),
            ],
        };
        assert_eq!(
            formatted(upsert),
            json!({"operation": "upsert", "user": "admin", "timestamp": 1_660_165_619_736u64,
                   "records": [{"id": 1, "name": "Penny"}, {"id": 2, "age": 7}],
                   "attributes": ["id", "name", "age"]})
        );
        let delete = TxnEntry {
            origin: "a".into(),
            ts,
            appended: ts,
            user: None,
            transacted: vec![],
            writes: vec![write(WriteOp::Delete, 3, None)],
        };
        assert_eq!(
            formatted(delete),
            json!({"operation": "delete", "user": null, "timestamp": 1_660_165_619_736u64, "hash_values": [3]})
        );
    }
}
