//! What consumers and publishers say to each other through the mesh (routed
//! requests, JSON). Operation names start with `__`: they are not HarperDB
//! operations and the reply service answers them only for other nodes.

use harper_rpc::TableRef;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::store::{Stored, TxnEntry, Version};

/// Pull: stream entries of one table from `from` on (a long poll).
pub const PULL: &str = "__pull";
/// Seek: where a new consumer starts (now, or at a time).
pub const SEEK: &str = "__seek";
/// Snapshot: a page of the publisher's records with versions (gap repair).
pub const SNAPSHOT: &str = "__snapshot";
/// The publisher's tables and primary keys (for reviewing subscriptions).
pub const SCHEMA: &str = "__schema";
/// One-way: "try again now" to a node's consumers on the sender's streams.
pub const KICK: &str = "__kick";

/// A table in a request.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TableArg {
    /// Database.
    pub database: String,
    /// Table.
    pub table: String,
}

impl TableArg {
    /// From a table reference.
    pub fn of(t: &TableRef) -> TableArg {
        TableArg {
            database: t.database.clone(),
            table: t.table.clone(),
        }
    }

    /// As a table reference.
    pub fn table_ref(&self) -> TableRef {
        TableRef::new(&self.database, &self.table)
    }
}

/// `__pull`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PullRequest {
    /// Always [`PULL`].
    pub operation: String,
    /// The table.
    #[serde(flatten)]
    pub table: TableArg,
    /// The first sequence wanted.
    pub from: u64,
    /// At most this many entries.
    pub max: usize,
    /// How long the publisher may wait for a new entry before answering empty.
    pub wait_ms: u64,
}

/// One stream entry with its sequence.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SeqEntry {
    /// Sequence in the publisher's stream.
    pub seq: u64,
    /// The transaction.
    pub entry: TxnEntry,
}

/// The answer to `__pull`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct PullResponse {
    /// Entries from `from` on, in order.
    pub entries: Vec<SeqEntry>,
    /// True when `from` is below what the stream still holds: a gap.
    #[serde(default)]
    pub gap: bool,
    /// First retained sequence.
    pub first_seq: u64,
    /// Last flushed sequence.
    pub last_seq: u64,
    /// Append time (HLC) of the last flushed entry, if any.
    #[serde(default)]
    pub last_appended: Option<u64>,
    /// The identity of the stream (see [`crate::store::Table::stream_id`]):
    /// a table dropped and created again, or a node whose database was
    /// recreated, starts a new stream at sequence 1 with a new identity.
    pub stream: String,
    /// The entry at `from` cannot be shipped (then `entries` is empty): the
    /// consumer stalls there until it can.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub poison: Option<PoisonEntry>,
    /// Writes left out of the entries because they are beyond the limits and
    /// superseded on the publisher (see `Table::read_stream`).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub omitted: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// An entry the publisher cannot ship, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PoisonEntry {
    /// Its sequence.
    pub seq: u64,
    /// Why.
    pub reason: String,
}

/// `__seek`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SeekRequest {
    /// Always [`SEEK`].
    pub operation: String,
    /// The table.
    #[serde(flatten)]
    pub table: TableArg,
    /// Start at this time (HLC); `None` = after the last entry ("now").
    pub time: Option<u64>,
}

/// The answer to `__seek`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SeekResponse {
    /// The consumer's first sequence.
    pub next: u64,
    /// Entries after the time were trimmed: the consumer must resync first.
    pub trimmed: bool,
    /// The stream's identity (see [`PullResponse::stream`]).
    pub stream: String,
}

/// `__snapshot`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SnapshotRequest {
    /// Always [`SNAPSHOT`].
    pub operation: String,
    /// The table.
    #[serde(flatten)]
    pub table: TableArg,
    /// Continue after this key (hex), from the start when `None`.
    pub after: Option<String>,
    /// Page size.
    pub limit: usize,
}

/// One record (or tombstone) of a snapshot.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SnapshotItem {
    /// Primary-key value.
    pub id: Value,
    /// Version timestamp.
    pub ts: u64,
    /// Version node.
    pub node: String,
    /// The record, `None` for a tombstone.
    pub record: Option<Value>,
}

impl SnapshotItem {
    /// From a stored record.
    pub fn of(s: Stored) -> SnapshotItem {
        SnapshotItem {
            id: s.id,
            ts: s.version.ts,
            node: s.version.node,
            record: s.record,
        }
    }

    /// As a stored record.
    pub fn stored(self) -> Stored {
        Stored {
            version: Version {
                ts: self.ts,
                node: self.node,
            },
            record: self.record,
            id: self.id,
        }
    }
}

/// The answer to `__snapshot`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SnapshotResponse {
    /// Records and tombstones of this page.
    pub items: Vec<SnapshotItem>,
    /// Where the next page starts; `None` at the end.
    pub next: Option<String>,
    /// On the first page: the stream sequence to resume from afterwards
    /// (read before the page, so the snapshot covers everything below it).
    pub resume_seq: Option<u64>,
    /// On the first page: about how many entries the table holds.
    pub total: Option<u64>,
}

pub use crate::mesh::handshake::{hex, unhex};

/// Decode a request payload.
pub fn parse<T: serde::de::DeserializeOwned>(payload: Value) -> Result<T, String> {
    serde_json::from_value(payload).map_err(|e| format!("bad replication request: {e}"))
}

/// Encode a response.
pub fn to_value<T: Serialize>(v: &T) -> Value {
    serde_json::to_value(v).expect("replication messages serialise")
}
