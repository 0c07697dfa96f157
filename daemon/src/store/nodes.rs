//! The replication bookkeeping this node keeps: node records with their
//! subscriptions (HarperDB's `system.hdb_nodes`), and the cursors of this
//! node's durable consumers on other nodes' streams.
//!
//! A cursor is the next sequence to apply from one publisher's stream of one
//! table. It is only advanced inside the transaction that applies the entry
//! before it (see `replica`), which is what makes apply exactly-once.

use harper_rpc::TableRef;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::stream::{key_seq, seq_key};
use super::{Store, StoreError};

/// The tree of consumer cursors.
pub(super) const CURSORS_TREE: &str = "cursors";

/// One table subscription with a remote node, seen from this node: the
/// catalogue's type, as `cluster_status` lists a record's subscriptions.
pub use harper_rpc::ops::NodeSubscription as Subscription;

/// A remote node this node replicates with (a `system.hdb_nodes` record).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NodeRecord {
    /// The remote node's name.
    pub name: String,
    /// Subscriptions, in the order they were added.
    pub subscriptions: Vec<Subscription>,
    /// The remote's `{hdb_version, node_version, platform}` as last seen.
    #[serde(default)]
    pub system_info: Value,
}

impl NodeRecord {
    /// The subscription for a table, if any.
    pub fn subscription(&self, t: &TableRef) -> Option<&Subscription> {
        self.subscriptions
            .iter()
            .find(|s| s.schema == t.database && s.table == t.table)
    }
}

/// A cursor's value: the next sequence, then the publisher's instance id (the
/// identity of its stream; a node whose database was recreated has a new one).
pub(super) fn encode_cursor(next: u64, instance: &str) -> Vec<u8> {
    let mut v = seq_key(next).to_vec();
    v.extend_from_slice(instance.as_bytes());
    v
}

/// The next sequence and the publisher's instance id of a cursor value.
pub(super) fn decode_cursor(v: &[u8]) -> Option<(u64, String)> {
    let seq = key_seq(v.get(..8)?)?;
    Some((seq, String::from_utf8_lossy(&v[8..]).into_owned()))
}

/// The cursor key of (publisher, table).
pub(super) fn cursor_key(publisher: &str, t: &TableRef) -> Vec<u8> {
    format!("{publisher}\0{}\0{}", t.database, t.table).into_bytes()
}

fn parse_cursor_key(k: &[u8]) -> Option<(String, TableRef)> {
    let s = std::str::from_utf8(k).ok()?;
    let mut parts = s.split('\0');
    let (p, d, t) = (parts.next()?, parts.next()?, parts.next()?);
    Some((p.to_owned(), TableRef::new(d, t)))
}

impl Store {
    fn nodes_tree(&self) -> Result<&sled::Tree, StoreError> {
        Ok(&self.inner.nodes)
    }

    fn cursors_tree(&self) -> Result<&sled::Tree, StoreError> {
        Ok(&self.inner.cursors)
    }

    /// The record of a remote node.
    pub fn node_record(&self, name: &str) -> Result<Option<NodeRecord>, StoreError> {
        match self.nodes_tree()?.get(name.as_bytes())? {
            Some(v) => serde_json::from_slice(&v)
                .map(Some)
                .map_err(|_| StoreError::Corrupt(format!("node record {name}"))),
            None => Ok(None),
        }
    }

    /// Every node record, by name.
    pub fn node_records(&self) -> Result<Vec<NodeRecord>, StoreError> {
        let mut out = Vec::new();
        for item in self.nodes_tree()?.iter() {
            let (k, v) = item?;
            out.push(serde_json::from_slice(&v).map_err(|_| {
                StoreError::Corrupt(format!("node record {}", String::from_utf8_lossy(&k)))
            })?);
        }
        Ok(out)
    }

    /// Change one node record, serialised with every other change of node
    /// records (operations for the same node may run at once on several
    /// threads; a plain read-then-write would lose one of them). `f` gets the
    /// stored record, if any, and returns the one to store (`None`: leave it).
    pub fn update_node_record<E: From<StoreError>>(
        &self,
        name: &str,
        f: impl FnOnce(Option<NodeRecord>) -> Result<Option<NodeRecord>, E>,
    ) -> Result<Option<NodeRecord>, E> {
        let _one_at_a_time = self
            .inner
            .node_records_lock
            .lock()
            .expect("node records lock");
        let next = f(self.node_record(name)?)?;
        if let Some(rec) = &next {
            self.put_node_record(rec)?;
        }
        Ok(next)
    }

    /// Write (create or replace) a node record.
    pub fn put_node_record(&self, rec: &NodeRecord) -> Result<(), StoreError> {
        let bytes = serde_json::to_vec(rec).expect("node record serialises");
        self.nodes_tree()?.insert(rec.name.as_bytes(), bytes)?;
        self.backup_changed();
        Ok(())
    }

    /// Delete a node record and this node's cursors on that node's streams.
    pub fn remove_node_record(&self, name: &str) -> Result<bool, StoreError> {
        let _one_at_a_time = self
            .inner
            .node_records_lock
            .lock()
            .expect("node records lock");
        let existed = self.nodes_tree()?.remove(name.as_bytes())?.is_some();
        let cursors = self.cursors_tree()?;
        let mut prefix = name.as_bytes().to_vec();
        prefix.push(0);
        for item in cursors.scan_prefix(&prefix) {
            let (k, _) = item?;
            cursors.remove(k)?;
        }
        self.backup_changed();
        Ok(existed)
    }

    /// The next sequence this node applies from `publisher`'s stream of `t`.
    pub fn cursor(&self, publisher: &str, t: &TableRef) -> Result<Option<u64>, StoreError> {
        Ok(self.cursor_state(publisher, t)?.map(|(seq, _)| seq))
    }

    /// The next sequence and the publisher instance the cursor belongs to.
    pub fn cursor_state(
        &self,
        publisher: &str,
        t: &TableRef,
    ) -> Result<Option<(u64, String)>, StoreError> {
        Ok(self
            .cursors_tree()?
            .get(cursor_key(publisher, t))?
            .and_then(|v| decode_cursor(&v)))
    }

    /// Create a consumer's cursor only when there is none (an existing consumer
    /// keeps its position, as HarperDB's do); true when it was created.
    pub fn create_cursor(
        &self,
        publisher: &str,
        t: &TableRef,
        next: u64,
        instance: &str,
    ) -> Result<bool, StoreError> {
        let r = self.cursors_tree()?.compare_and_swap(
            cursor_key(publisher, t),
            None as Option<&[u8]>,
            Some(encode_cursor(next, instance)),
        )?;
        Ok(r.is_ok())
    }

    /// Move a cursor from (`from`, `from_instance`) to (`to`, `to_instance`):
    /// after a snapshot resync, or onto a publisher's recreated stream. False
    /// when it was moved or removed meanwhile, which leaves it as it is.
    pub fn move_cursor(
        &self,
        publisher: &str,
        t: &TableRef,
        from: (u64, &str),
        to: (u64, &str),
    ) -> Result<bool, StoreError> {
        let r = self.cursors_tree()?.compare_and_swap(
            cursor_key(publisher, t),
            Some(encode_cursor(from.0, from.1)),
            Some(encode_cursor(to.0, to.1)),
        )?;
        Ok(r.is_ok())
    }

    /// Every cursor: (publisher, table, next sequence).
    pub fn cursors(&self) -> Result<Vec<(String, TableRef, u64)>, StoreError> {
        let mut out = Vec::new();
        for item in self.cursors_tree()?.iter() {
            let (k, v) = item?;
            if let (Some((p, t)), Some((n, _))) = (parse_cursor_key(&k), decode_cursor(&v)) {
                out.push((p, t, n));
            }
        }
        Ok(out)
    }
}
