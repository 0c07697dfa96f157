//! Streams taken by database (`clustering.databaseLevel`, HarperDB's one
//! stream per database) and purges by time.
//!
//! Each table keeps its own stream tree and sequence numbers (consumers,
//! cursors and snapshots stay per table), but with `databaseLevel` the tables
//! of a database share one stream's limits and purges, as HarperDB's one NATS
//! stream per database does: `maxMsgs` and `maxBytes` count every entry of
//! the database, and `purge_stream` with `keep` keeps the newest entries of
//! the whole database. Oldest first means by append time, across the tables:
//! a k-way merge of the tables' streams that holds one entry per table.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::Arc;

use harper_rpc::TableRef;

use super::replica::Removal;
use super::stream::{TxnEntry, key_seq};
use super::{Store, StoreError, StreamLimits, Table};

/// The oldest retained entry of one table, for the merge: append time,
/// table index, sequence, bytes (key and value).
type Head = Reverse<(u64, usize, u64, u64)>;

/// Where each table's stream is cut: remove entries below `cut[i]`.
struct Cut {
    below: Vec<u64>,
    removed: u64,
}

/// Cut the oldest entries (by append time) across `tables` until
/// `enough(messages left, bytes left)` holds. Reads entries one at a time.
fn cut_oldest(
    tables: &[Arc<Table>],
    mut enough: impl FnMut(u64, u64) -> bool,
) -> Result<Cut, StoreError> {
    let mut messages = 0u64;
    let mut bytes = 0u64;
    let mut below = Vec::with_capacity(tables.len());
    // The callers hold the tables' writes: nothing here may take them again.
    for t in tables {
        let first = t.first_seq()?;
        if t.stream().first()?.is_some() {
            messages += t.last_seq() + 1 - first;
        }
        bytes += t.count_stream_bytes()?;
        below.push(first);
    }
    let mut iters: Vec<sled::Iter> = tables.iter().map(|t| t.stream().iter()).collect();
    let next = |iters: &mut Vec<sled::Iter>, i: usize| -> Result<Option<Head>, StoreError> {
        let Some(item) = iters[i].next() else {
            return Ok(None);
        };
        let (k, v) = item?;
        let seq = key_seq(&k).ok_or_else(|| StoreError::Corrupt("stream key".into()))?;
        let appended = TxnEntry::decode(&v).map_or(0, |e| e.appended);
        Ok(Some(Reverse((
            appended,
            i,
            seq,
            (k.len() + v.len()) as u64,
        ))))
    };
    let mut heap = BinaryHeap::with_capacity(tables.len());
    for i in 0..tables.len() {
        if let Some(h) = next(&mut iters, i)? {
            heap.push(h);
        }
    }
    let mut removed = 0;
    while !enough(messages, bytes) {
        let Some(Reverse((_, i, seq, size))) = heap.pop() else {
            break;
        };
        below[i] = seq + 1;
        messages -= 1;
        bytes = bytes.saturating_sub(size);
        removed += 1;
        if let Some(h) = next(&mut iters, i)? {
            heap.push(h);
        }
    }
    Ok(Cut { below, removed })
}

impl Store {
    /// The tables of database `db`, sorted by name.
    fn tables_of(&self, db: &str) -> Vec<Arc<Table>> {
        self.tables()
            .into_iter()
            .filter(|t| t.name().database == db)
            .collect()
    }

    /// Remove entries as `cut` says, with every table's writes held.
    fn apply_cut(&self, tables: &[Arc<Table>], cut: &Cut, why: Removal) -> Result<u64, StoreError> {
        let mut n = 0;
        for (t, below) in tables.iter().zip(&cut.below) {
            n += t.remove_below(&self.inner.meta, *below, why)?;
        }
        Ok(n)
    }

    /// `purge_stream` of a database's one stream (`databaseLevel`): every
    /// entry of its tables, or all but the newest `keep` of them.
    pub fn purge_database_stream(&self, db: &str, keep: Option<u64>) -> Result<u64, StoreError> {
        let tables = self.tables_of(db);
        // Table order (sorted) is the lock order: no two callers deadlock.
        let _w: Vec<_> = tables.iter().map(|t| t.lock_writes()).collect();
        let keep = keep.unwrap_or(0);
        let cut = cut_oldest(&tables, |messages, _| messages <= keep)?;
        self.apply_cut(&tables, &cut, Removal::Purge)
    }

    /// Apply `maxMsgs` and `maxBytes` to every database's streams taken
    /// together (`maxAge` is per entry, so per table is the same).
    pub fn trim_database_streams(&self, limits: StreamLimits) -> Result<u64, StoreError> {
        let now = self.inner.hlc.now();
        let per_entry = StreamLimits {
            max_age_secs: limits.max_age_secs,
            ..StreamLimits::default()
        };
        let mut n = 0;
        for t in self.tables() {
            n += t.trim_stream(&self.inner.meta, per_entry, now)?;
        }
        if limits.max_msgs.is_none() && limits.max_bytes.is_none() {
            return Ok(n);
        }
        for db in self.databases()? {
            let tables = self.tables_of(&db);
            let _w: Vec<_> = tables.iter().map(|t| t.lock_writes()).collect();
            let cut = cut_oldest(&tables, |messages, bytes| {
                limits.max_msgs.is_none_or(|m| messages <= m)
                    && limits.max_bytes.is_none_or(|b| bytes <= b)
            })?;
            if cut.removed > 0 {
                n += self.apply_cut(&tables, &cut, Removal::Trim)?;
            }
        }
        Ok(n)
    }

    /// `delete_transaction_logs_before`: purge the entries of `t`'s stream
    /// appended before HLC time `before` (of every table of its database
    /// with `database_level`). Returns how many went.
    pub fn purge_before(
        &self,
        t: &TableRef,
        before: u64,
        database_level: bool,
    ) -> Result<u64, StoreError> {
        let tables = if database_level {
            self.tables_of(&t.database)
        } else {
            vec![self.table(t)?]
        };
        let _w: Vec<_> = tables.iter().map(|t| t.lock_writes()).collect();
        let mut n = 0;
        for table in &tables {
            let below = table.first_appended_at_or_after(before)?;
            n += table.remove_below(&self.inner.meta, below, Removal::Purge)?;
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::store::stream::seq_key;

    fn open(name: &str) -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path(), name, false).unwrap();
        (dir, store)
    }

    fn upsert(s: &Store, t: &TableRef, id: u64) {
        s.write(
            t,
            harper_rpc::ops::WriteAction::Upsert,
            vec![json!({"id": id})],
            None,
        )
        .unwrap();
    }

    fn messages(s: &Store, t: &TableRef) -> u64 {
        s.table(t).unwrap().stream_stats().unwrap().messages
    }

    #[test]
    fn a_database_keeps_its_newest_entries_across_its_tables() {
        let (_d, s) = open("a");
        let (dog, cat, other) = (
            TableRef::new("dev", "dog"),
            TableRef::new("dev", "cat"),
            TableRef::new("prod", "dog"),
        );
        for t in [&dog, &cat, &other] {
            s.create_table(t, "id").unwrap();
        }
        // Interleaved: dog 1, cat 1, dog 2, cat 2, ... (append order).
        for i in 0..5 {
            upsert(&s, &dog, i);
            upsert(&s, &cat, i);
            upsert(&s, &other, i);
        }
        assert_eq!(s.purge_database_stream("dev", Some(3)).unwrap(), 7);
        // The newest three of dev: cat 4, dog 4, cat 3 — in append order.
        assert_eq!((messages(&s, &dog), messages(&s, &cat)), (1, 2));
        assert_eq!(s.table(&dog).unwrap().first_seq().unwrap(), 5);
        assert_eq!(s.table(&cat).unwrap().first_seq().unwrap(), 4);
        assert_eq!(messages(&s, &other), 5, "another database is not touched");
        assert_eq!(s.purge_database_stream("dev", None).unwrap(), 3);
        assert_eq!((messages(&s, &dog), messages(&s, &cat)), (0, 0));
    }

    #[test]
    fn limits_count_a_database_as_one_stream() {
        let (_d, s) = open("a");
        let (dog, cat) = (TableRef::new("dev", "dog"), TableRef::new("dev", "cat"));
        s.create_table(&dog, "id").unwrap();
        s.create_table(&cat, "id").unwrap();
        for i in 0..4 {
            upsert(&s, &dog, i);
        }
        for i in 0..4 {
            upsert(&s, &cat, i);
        }
        let limits = StreamLimits {
            max_msgs: Some(5),
            ..StreamLimits::default()
        };
        assert_eq!(s.trim_database_streams(limits).unwrap(), 3);
        assert_eq!((messages(&s, &dog), messages(&s, &cat)), (1, 4));
        // Per table the same limit would have trimmed nothing.
        assert_eq!(s.trim_streams(limits).unwrap(), 0);
        let bytes = s.table(&cat).unwrap().count_stream_bytes().unwrap();
        let limits = StreamLimits {
            max_bytes: Some(bytes),
            ..StreamLimits::default()
        };
        assert_eq!(s.trim_database_streams(limits).unwrap(), 1);
        assert_eq!((messages(&s, &dog), messages(&s, &cat)), (0, 4));
    }

    #[test]
    fn purging_before_a_time_removes_only_older_entries() {
        let (_d, s) = open("a");
        let (dog, cat) = (TableRef::new("dev", "dog"), TableRef::new("dev", "cat"));
        s.create_table(&dog, "id").unwrap();
        s.create_table(&cat, "id").unwrap();
        for i in 0..3 {
            upsert(&s, &dog, i);
            upsert(&s, &cat, i);
        }
        let entry = s
            .table(&dog)
            .unwrap()
            .stream()
            .get(seq_key(3))
            .unwrap()
            .unwrap();
        let third = TxnEntry::decode(&entry).unwrap().appended;
        assert_eq!(s.purge_before(&dog, third, false).unwrap(), 2);
        assert_eq!((messages(&s, &dog), messages(&s, &cat)), (1, 3));
        assert_eq!(s.purge_before(&dog, third, true).unwrap(), 2, "cat 1 and 2");
        assert_eq!((messages(&s, &dog), messages(&s, &cat)), (1, 1));
        assert_eq!(s.purge_before(&dog, 0, true).unwrap(), 0);
    }
}
