//! The per-table stream: the ordered log of transactions committed on this
//! node (HarperDB's per-table JetStream stream). Key = big-endian sequence
//! number; value = one [`TxnEntry`], written in the same sled transaction as
//! the records it describes, so a record and its log entry commit together.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// What one write of a transaction did. insert, update and upsert all travel as
/// `upsert` of the complete record (spec 4.3); a delete carries only the id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WriteOp {
    /// The full record after the write.
    Upsert,
    /// The record was deleted (a tombstone was written).
    Delete,
}

/// One write inside a transaction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TxnWrite {
    /// Upsert or delete.
    pub op: WriteOp,
    /// Primary-key value.
    pub id: Value,
    /// The complete record for an upsert.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<Value>,
}

/// One committed transaction on one table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TxnEntry {
    /// The node where the transaction was committed first.
    pub origin: String,
    /// Its version timestamp (HLC), shared by every write in it.
    pub ts: u64,
    /// When it was appended to this stream (this node's HLC). Equal to `ts` for
    /// local writes; later for republished ones. Unlike `ts` it grows in stream
    /// order, so `start_time` seeks by it (JetStream's "by start time").
    #[serde(default)]
    pub appended: u64,
    /// Who made it, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    /// Nodes that have already applied it (echo suppression when republished).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub transacted: Vec<String>,
    /// The writes, in order.
    pub writes: Vec<TxnWrite>,
}

impl TxnEntry {
    /// A transaction of `origin` upserting `records` (each with its `id`) at
    /// version `ts`, appended at the same time: what a publisher serves.
    pub fn upserts(origin: &str, ts: u64, records: Vec<Value>) -> TxnEntry {
        TxnEntry {
            origin: origin.to_owned(),
            ts,
            appended: ts,
            user: None,
            transacted: Vec::new(),
            writes: records
                .into_iter()
                .map(|r| TxnWrite {
                    op: WriteOp::Upsert,
                    id: r["id"].clone(),
                    record: Some(r),
                })
                .collect(),
        }
    }

    /// Serialise for the stream tree.
    pub fn encode(&self) -> Vec<u8> {
        serde_json::to_vec(self).expect("JSON values serialise")
    }

    /// Parse a stream value.
    pub fn decode(bytes: &[u8]) -> Option<TxnEntry> {
        serde_json::from_slice(bytes).ok()
    }
}

/// The stream key of a sequence number.
pub fn seq_key(seq: u64) -> [u8; 8] {
    seq.to_be_bytes()
}

/// The sequence number of a stream key.
pub fn key_seq(key: &[u8]) -> Option<u64> {
    Some(u64::from_be_bytes(key.try_into().ok()?))
}
