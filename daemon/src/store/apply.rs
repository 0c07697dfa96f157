//! Applying another node's transactions: each with last-writer-wins and the
//! consumer's cursor advance in the same sled transaction, so a source
//! transaction is applied exactly once, atomically, and in order.
//!
//! A batch a consumer pulled is applied as ONE sled transaction when every
//! entry of it goes in: every sled transaction seals sled's IO buffer twice
//! (two `pwrite` + `sync_file_range` on sled's IO threads, see `group`), and
//! one per entry was most of a subscriber's kernel time. Each entry still
//! checks and advances the cursor and keeps its own version, so the result
//! is that of applying them one after another; when the batch cannot go in
//! whole (an entry beyond the limits, a version too far ahead, a sled
//! error), it is applied one entry at a time, as before, and stops at the
//! entry that fails.

use std::collections::{BTreeSet, HashSet};
use std::sync::atomic::Ordering;

use harper_rpc::TableRef;
use serde_json::Value;
use sled::Transactional;
use sled::transaction::{ConflictableTransactionError, abort};

use super::nodes::{self, decode_cursor, encode_cursor};
use super::record::{Hlc, Stored, Version, decode_version, encode_key};
use super::replica::{ApplyOutcome, stored_beyond_limits, write_beyond_limits};
use super::stream::{TxnEntry, WriteOp};
use super::table::{Table, append};
use super::{Store, StoreError, TableMeta, table_key};

/// The trees of one apply: records, stream, meta, cursors.
type Trees<'a> = (
    &'a sled::transaction::TransactionalTree,
    &'a sled::transaction::TransactionalTree,
    &'a sled::transaction::TransactionalTree,
    &'a sled::transaction::TransactionalTree,
);

/// An entry ready to apply: checked against the limits, its keys encoded,
/// and its republished copy made.
struct Ready<'e> {
    seq: u64,
    entry: &'e TxnEntry,
    echo: bool,
    incoming: Version,
    keys: Vec<Vec<u8>>,
    republished: Option<TxnEntry>,
}

/// A batch that stopped at an entry: how many were applied before it, its
/// sequence, and why.
pub type BatchStop = (u64, u64, StoreError);

impl Store {
    /// Apply one transaction of `publisher`'s stream of `t` (its sequence
    /// `seq`) and advance this node's cursor, atomically; not yet flushed.
    pub fn apply_remote(
        &self,
        publisher: &str,
        t: &TableRef,
        seq: u64,
        entry: &TxnEntry,
        republish: bool,
    ) -> Result<ApplyOutcome, StoreError> {
        let table = self.table(t)?;
        // Local writes after this one must win over it; a version beyond the
        // maximum offset is refused whole, before anything is written.
        self.inner.hlc.observe(entry.ts)?;
        let _w = table.lock_writes();
        let mut meta = table.meta();
        let ready = table.ready(
            &mut meta,
            seq,
            entry,
            &self.node_name(),
            self.republish(republish),
        )?;
        let cursor = nodes::cursor_key(publisher, t);
        table
            .apply_ready(
                &self.inner.meta,
                &self.inner.cursors,
                &cursor,
                &[ready],
                meta,
            )
            .map(|mut v| v.pop().unwrap_or_default())
    }

    /// Apply a pulled batch of `publisher`'s stream of `t` in order, as one
    /// transaction when it goes in whole (see the module); the outcome of
    /// each entry, or where the batch stopped.
    pub fn apply_remote_batch(
        &self,
        publisher: &str,
        t: &TableRef,
        entries: &[(u64, TxnEntry)],
        republish: bool,
    ) -> Result<Vec<ApplyOutcome>, BatchStop> {
        if entries.len() > 1
            && let Ok(out) = self.apply_together(publisher, t, entries, republish)
        {
            return Ok(out);
        }
        let mut out = Vec::with_capacity(entries.len());
        for (seq, entry) in entries {
            match self.apply_remote(publisher, t, *seq, entry, republish) {
                Ok(o) => out.push(o),
                Err(e) => return Err((out.len() as u64, *seq, e)),
            }
        }
        Ok(out)
    }

    fn apply_together(
        &self,
        publisher: &str,
        t: &TableRef,
        entries: &[(u64, TxnEntry)],
        republish: bool,
    ) -> Result<Vec<ApplyOutcome>, StoreError> {
        let table = self.table(t)?;
        for (_, entry) in entries {
            self.inner.hlc.observe(entry.ts)?;
        }
        let me = self.node_name();
        let _w = table.lock_writes();
        let mut meta = table.meta();
        let ready = entries
            .iter()
            .map(|(seq, entry)| table.ready(&mut meta, *seq, entry, &me, self.republish(republish)))
            .collect::<Result<Vec<_>, _>>()?;
        let cursor = nodes::cursor_key(publisher, t);
        table.apply_ready(&self.inner.meta, &self.inner.cursors, &cursor, &ready, meta)
    }

    fn republish(&self, republish: bool) -> Option<&Hlc> {
        republish.then_some(&self.inner.hlc)
    }
}

impl Table {
    /// Check `entry` (sequence `seq`) and get it ready to apply; its new
    /// attributes go into `meta`.
    fn ready<'e>(
        &self,
        meta: &mut TableMeta,
        seq: u64,
        entry: &'e TxnEntry,
        me: &str,
        republish: Option<&Hlc>,
    ) -> Result<Ready<'e>, StoreError> {
        let echo = entry.origin == me || entry.transacted.iter().any(|n| n == me);
        let mut keys = Vec::with_capacity(entry.writes.len());
        if !echo {
            let mut known: BTreeSet<String> = meta.attributes.iter().cloned().collect();
            for w in &entry.writes {
                if let Some(e) = write_beyond_limits(w.record.as_ref(), false) {
                    return Err(e.into());
                }
                keys.push(encode_key(&w.id)?);
                if let Some(Value::Object(obj)) = &w.record {
                    for k in obj.keys() {
                        if known.insert(k.clone()) {
                            meta.attributes.push(k.clone());
                        }
                    }
                }
            }
        }
        let republished = republish.filter(|_| !echo).map(|hlc| {
            let mut copy = entry.clone();
            copy.transacted.push(me.to_owned());
            copy.appended = hlc.now();
            copy
        });
        Ok(Ready {
            seq,
            entry,
            echo,
            incoming: Version {
                ts: entry.ts,
                node: entry.origin.clone(),
            },
            keys,
            republished,
        })
    }

    /// Apply `ready` entries in one transaction, with `meta` (the table's
    /// attributes with theirs) stored beside them when it grew.
    fn apply_ready(
        &self,
        meta_tree: &sled::Tree,
        cursors: &sled::Tree,
        cursor_key: &[u8],
        ready: &[Ready<'_>],
        meta: TableMeta,
    ) -> Result<Vec<ApplyOutcome>, StoreError> {
        let grew = meta.attributes.len() > self.meta().attributes.len();
        let meta_bytes = grew.then(|| serde_json::to_vec(&meta).expect("meta"));
        let first_local = self.next_seq.load(Ordering::Acquire);
        let _gate = super::gate::committing();
        let outcome = (&self.records, &self.stream, meta_tree, cursors).transaction(
            |(rec, log, mt, cur)| {
                let mut local_seq = first_local;
                let mut outs = Vec::with_capacity(ready.len());
                for r in ready {
                    let (out, added) =
                        self.apply_in((rec, log, mt, cur), cursor_key, r, local_seq)?;
                    if out.republished.is_some() {
                        local_seq += 1;
                    }
                    outs.push((out, added));
                }
                if let Some(bytes) = &meta_bytes {
                    mt.insert(table_key(&self.name), bytes.as_slice())?;
                }
                Ok::<_, ConflictableTransactionError<StoreError>>(outs)
            },
        )?;
        for (out, added) in &outcome {
            if let Some(seq) = out.republished {
                self.appended(seq, *added);
            }
        }
        if meta_bytes.is_some() {
            *self.meta.lock().expect("meta lock") = meta;
        }
        Ok(outcome.into_iter().map(|(o, _)| o).collect())
    }

    /// One entry inside the transaction: check and advance the cursor, then
    /// last-writer-wins for each write; the republished copy at `local_seq`.
    fn apply_in(
        &self,
        (rec, log, mt, cur): Trees<'_>,
        cursor_key: &[u8],
        r: &Ready<'_>,
        local_seq: u64,
    ) -> Result<(ApplyOutcome, u64), ConflictableTransactionError<StoreError>> {
        let mut out = ApplyOutcome::default();
        let at = cur.get(cursor_key)?.and_then(|v| decode_cursor(&v));
        let instance = match at {
            None => return abort(StoreError::NoCursor),
            Some((c, _)) if c > r.seq => {
                out.skipped = true;
                return Ok((out, 0));
            }
            Some((c, _)) if c < r.seq => return abort(StoreError::StreamGap(c, r.seq)),
            Some((_, instance)) => instance,
        };
        cur.insert(cursor_key, encode_cursor(r.seq + 1, &instance))?;
        if r.echo {
            out.skipped = true;
            return Ok((out, 0));
        }
        // A later write of the same id in this transaction carries the
        // same version and must still win over the earlier one.
        let mut written_here: HashSet<&[u8]> = HashSet::new();
        for (w, key) in r.entry.writes.iter().zip(&r.keys) {
            let stored = rec.get(key)?.and_then(|b| decode_version(&b));
            let newer = match &stored {
                None => true,
                Some(v) if r.incoming > *v => true,
                Some(v) => r.incoming == *v && written_here.contains(key.as_slice()),
            };
            if !newer {
                out.superseded += 1;
                continue;
            }
            let record = match w.op {
                WriteOp::Upsert => w.record.clone(),
                WriteOp::Delete => None,
            };
            let stored = Stored {
                version: r.incoming.clone(),
                record,
                id: w.id.clone(),
            };
            let bytes = stored.encode();
            stored_beyond_limits(&bytes)
                .map_err(|e| ConflictableTransactionError::Abort(e.into()))?;
            rec.insert(key.as_slice(), bytes)?;
            written_here.insert(key.as_slice());
            out.applied += 1;
        }
        let mut added = 0;
        if let Some(copy) = &r.republished
            && out.applied > 0
        {
            added = append(log, mt, &self.name, local_seq, copy)?;
            out.republished = Some(local_seq);
        }
        Ok((out, added))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::limits::MAX_RECORD_BYTES;
    use serde_json::json;

    fn open(name: &str) -> (tempfile::TempDir, Store, TableRef) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db"), name, false).unwrap();
        let t = TableRef::new("dev", "dog");
        store.create_table(&t, "id").unwrap();
        (dir, store, t)
    }

    fn entry(ts: u64, records: Vec<Value>) -> TxnEntry {
        TxnEntry::upserts("a", ts, records)
    }

    #[test]
    fn a_batch_applies_in_order_and_moves_the_cursor_once_per_entry() {
        let (_d, b, t) = open("b");
        b.create_cursor("a", &t, 3, "i").unwrap();
        let now = b.hlc().now();
        let batch = vec![
            (3, entry(now + 1, vec![json!({"id": 1, "v": 1})])),
            // The same record again, newer: it wins.
            (4, entry(now + 2, vec![json!({"id": 1, "v": 2, "w": true})])),
            (5, entry(now + 3, vec![json!({"id": 2})])),
        ];
        let out = b.apply_remote_batch("a", &t, &batch, true).unwrap();
        assert_eq!(out.iter().map(|o| o.applied).sum::<usize>(), 3);
        // Republished copies take local sequences in order.
        let local: Vec<_> = out.iter().map(|o| o.republished).collect();
        assert_eq!(local, [Some(1), Some(2), Some(3)]);
        assert_eq!(b.cursor("a", &t).unwrap(), Some(6));
        let table = b.table(&t).unwrap();
        assert_eq!(table.get(&json!(1)).unwrap().unwrap()["v"], 2);
        assert!(table.meta().attributes.contains(&"w".to_owned()));
        // Delivered again (a pull answered twice): skipped, nothing moves.
        let again = b.apply_remote_batch("a", &t, &batch, true).unwrap();
        assert!(again.iter().all(|o| o.skipped));
        assert_eq!(b.cursor("a", &t).unwrap(), Some(6));
        assert_eq!(table.last_seq(), 3);
    }

    #[test]
    fn a_batch_stops_at_the_entry_that_cannot_be_applied() {
        let (_d, b, t) = open("b");
        b.create_cursor("a", &t, 1, "i").unwrap();
        let now = b.hlc().now();
        let big = "x".repeat(MAX_RECORD_BYTES);
        let batch = vec![
            (1, entry(now + 1, vec![json!({"id": 1})])),
            (2, entry(now + 2, vec![json!({"id": 2})])),
            (3, entry(now + 3, vec![json!({"id": 3, "x": big})])),
            (4, entry(now + 4, vec![json!({"id": 4})])),
        ];
        let (applied, seq, e) = b.apply_remote_batch("a", &t, &batch, false).unwrap_err();
        assert_eq!((applied, seq), (2, 3));
        assert!(matches!(e, StoreError::Limit(_)), "{e}");
        // What came before it stays applied; the cursor waits at it.
        assert_eq!(b.cursor("a", &t).unwrap(), Some(3));
        let table = b.table(&t).unwrap();
        assert!(table.get(&json!(2)).unwrap().is_some());
        assert!(table.get(&json!(4)).unwrap().is_none());
        // A batch behind a gap in the cursor goes nowhere.
        let late = vec![(5, entry(now + 5, vec![json!({"id": 5})]))];
        let (applied, seq, e) = b.apply_remote_batch("a", &t, &late, false).unwrap_err();
        assert_eq!((applied, seq), (0, 5));
        assert!(matches!(e, StoreError::StreamGap(3, 5)), "{e}");
    }
}
