//! Local writes grouped into one sled transaction: the writes to one table
//! that meet in a round of the commit thread (`commit`) commit together,
//! each with its own version and its own stream entry, exactly as if they
//! had run one after another.
//!
//! Why: every sled transaction seals sled's IO buffer twice (before and
//! after its batch marker, `PageCache::pin_log`), and each sealed buffer is
//! a `pwrite` plus a `sync_file_range` on one of sled's IO threads, whose
//! wake-up rouses the whole idle pool. With single-record inserts that was
//! most of the kernel time of a write. One transaction per table per round
//! pays it once.
//!
//! Nothing changes for a writer: a write that would fail alone (limits, a
//! version conflict, a sled error) makes the group give up, and every write
//! of it then runs alone, in order, as before. A write's records are
//! prepared (validated, given their ids) once, so a retried write keeps the
//! ids it generated.

use harper_rpc::TableRef;
use harper_rpc::ops::WriteAction;
use serde_json::Value;
use sled::Transactional;
use sled::transaction::ConflictableTransactionError;

use super::record::{Hlc, Version};
use super::table::{Prepared, Table, WriteOutcome};
use super::{Store, StoreError, table_key};

/// One insert, update or upsert of a client.
pub struct WriteItem {
    /// What to do with records that exist (or not).
    pub action: WriteAction,
    /// The records, as the client sent them.
    pub records: Vec<Value>,
    /// Who writes (for the stream entry).
    pub user: Option<String>,
}

impl Store {
    /// Write `items` to `t` in order, in one transaction when they all
    /// succeed together (see the module); not yet flushed.
    pub fn write_group(
        &self,
        t: &TableRef,
        items: Vec<WriteItem>,
    ) -> Vec<Result<WriteOutcome, StoreError>> {
        let Ok(table) = self.table(t) else {
            // No such table: each writer gets the store's own answer.
            return items
                .into_iter()
                .map(|i| self.write(t, i.action, i.records, i.user.as_deref()))
                .collect();
        };
        table.write_group(&self.inner.meta, &self.inner.hlc, &self.node_name(), items)
    }
}

/// A prepared write of the group: its place among the writers, what to do,
/// its records and its user.
type Ready = (usize, WriteAction, Vec<Prepared>, Option<String>);

impl Table {
    /// See [`Store::write_group`].
    pub(super) fn write_group(
        &self,
        meta_tree: &sled::Tree,
        hlc: &Hlc,
        node: &str,
        items: Vec<WriteItem>,
    ) -> Vec<Result<WriteOutcome, StoreError>> {
        let _w = self.lock_writes();
        let mut meta = self.meta();
        let pk = meta.primary_key.clone();
        let mut results: Vec<Option<Result<WriteOutcome, StoreError>>> =
            items.iter().map(|_| None).collect();
        let mut ready: Vec<Ready> = Vec::with_capacity(items.len());
        for (i, item) in items.into_iter().enumerate() {
            match self.prepare(item.action, &pk, item.records) {
                Ok(p) => ready.push((i, item.action, p, item.user)),
                Err(e) => results[i] = Some(Err(e)),
            }
        }
        if ready.len() > 1 {
            let meta_bytes = self.new_attributes(&mut meta, ready.iter().map(|r| r.2.as_slice()));
            // One version each, in order: a later write of the group wins
            // over an earlier one of the same record, as it would alone.
            let versions: Vec<Version> = ready
                .iter()
                .map(|_| Version {
                    ts: hlc.now(),
                    node: node.to_owned(),
                })
                .collect();
            let first_seq = self.next_seq.load(std::sync::atomic::Ordering::Acquire);
            let together = {
                let _gate = super::gate::committing();
                (&self.records, &self.stream, meta_tree).transaction(|(rec, log, mt)| {
                    let mut seq = first_seq;
                    let mut outcomes = Vec::with_capacity(ready.len());
                    for ((_, action, prepared, user), version) in ready.iter().zip(&versions) {
                        let out = self.write_in(
                            (rec, log, mt),
                            (*action, prepared, &pk),
                            version,
                            seq,
                            user.as_deref(),
                        )?;
                        if out.seq.is_some() {
                            seq += 1;
                        }
                        outcomes.push(out);
                    }
                    if let Some(bytes) = &meta_bytes {
                        mt.insert(table_key(&self.name), bytes.as_slice())?;
                    }
                    Ok::<_, ConflictableTransactionError<StoreError>>(outcomes)
                })
            };
            if let Ok(outcomes) = together {
                for out in &outcomes {
                    if let Some(seq) = out.seq {
                        self.appended(seq, out.stream_bytes);
                    }
                }
                if meta_bytes.is_some() {
                    *self.meta.lock().expect("meta lock") = meta;
                }
                for ((i, ..), out) in ready.iter().zip(outcomes) {
                    results[*i] = Some(Ok(out));
                }
                return results.into_iter().flatten().collect();
            }
            // Nothing of the group was written: each alone, as before.
        }
        for (i, action, prepared, user) in &ready {
            results[*i] =
                Some(self.write_prepared(meta_tree, hlc, node, *action, prepared, user.as_deref()));
        }
        results.into_iter().flatten().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::TxnEntry;
    use crate::store::limits::{LimitError, MAX_RECORD_BYTES};
    use crate::store::stream::seq_key;
    use serde_json::json;

    fn open() -> (tempfile::TempDir, Store, TableRef) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db"), "n1", false).unwrap();
        let t = TableRef::new("dev", "dog");
        store.create_table(&t, "id").unwrap();
        (dir, store, t)
    }

    fn item(action: WriteAction, records: Vec<Value>) -> WriteItem {
        WriteItem {
            action,
            records,
            user: Some("admin".into()),
        }
    }

    fn entry(s: &Store, t: &TableRef, seq: u64) -> TxnEntry {
        let table = s.table(t).unwrap();
        TxnEntry::decode(&table.stream().get(seq_key(seq)).unwrap().unwrap()).unwrap()
    }

    #[test]
    fn a_group_writes_as_one_writer_after_another() {
        let (_d, s, t) = open();
        let out = s.write_group(
            &t,
            vec![
                item(WriteAction::Insert, vec![json!({"id": 1, "a": 1})]),
                // Sees the first: skipped, and takes no sequence.
                item(WriteAction::Insert, vec![json!({"id": 1, "a": 2})]),
                item(WriteAction::Update, vec![json!({"id": 1, "b": 3})]),
                item(WriteAction::Upsert, vec![json!({"id": 2, "c": 4})]),
            ],
        );
        let out: Vec<WriteOutcome> = out.into_iter().map(Result::unwrap).collect();
        assert_eq!(out[0].seq, Some(1));
        assert_eq!(out[1].seq, None);
        assert_eq!(out[1].skipped, vec![json!(1)]);
        assert_eq!(out[2].seq, Some(2));
        assert_eq!(out[3].seq, Some(3));
        let table = s.table(&t).unwrap();
        assert_eq!(table.last_seq(), 3);
        assert_eq!(table.stream().len(), 3);
        let one = table.get(&json!(1)).unwrap().unwrap();
        assert_eq!((one["a"].clone(), one["b"].clone()), (json!(1), json!(3)));
        // One entry per writer, each with its own, rising version.
        let (e1, e2, e3) = (entry(&s, &t, 1), entry(&s, &t, 2), entry(&s, &t, 3));
        assert!(e1.ts < e2.ts && e2.ts < e3.ts);
        assert_eq!(e2.writes.len(), 1);
        assert_eq!(e3.user.as_deref(), Some("admin"));
        let mut attrs = table.meta().attributes;
        attrs.sort();
        assert_eq!(attrs, ["a", "b", "c", "id"]);
        // The next write goes on after the group.
        let next = s
            .write(&t, WriteAction::Insert, vec![json!({"id": 5})], None)
            .unwrap();
        assert_eq!(next.seq, Some(4));
    }

    #[test]
    fn a_failing_writer_fails_alone() {
        let (_d, s, t) = open();
        s.write(
            &t,
            WriteAction::Insert,
            vec![json!({"id": 1, "s": "x"})],
            None,
        )
        .unwrap();
        let out = s.write_group(
            &t,
            vec![
                item(WriteAction::Insert, vec![json!({"id": 2})]),
                // Refused before the transaction.
                item(WriteAction::Update, vec![json!({"s": "no key"})]),
                // Refused inside it: the merge grows the record past the limit.
                item(
                    WriteAction::Update,
                    vec![json!({"id": 1, "s": "y".repeat(MAX_RECORD_BYTES)})],
                ),
                item(WriteAction::Insert, vec![json!({"id": 3})]),
            ],
        );
        assert_eq!(out[0].as_ref().unwrap().seq, Some(2));
        assert!(matches!(out[1], Err(StoreError::UpdateWithoutKey)));
        assert!(
            matches!(
                &out[2],
                Err(StoreError::Limit(LimitError::RecordTooLarge(_)))
            ),
            "{:?}",
            out[2]
        );
        assert_eq!(out[3].as_ref().unwrap().seq, Some(3));
        let table = s.table(&t).unwrap();
        assert_eq!(table.get(&json!(1)).unwrap().unwrap()["s"], "x");
        assert!(table.get(&json!(3)).unwrap().is_some());
        assert_eq!(table.stream().len(), 3);
    }

    #[test]
    fn a_missing_table_refuses_every_writer() {
        let (_d, s, _) = open();
        let t = TableRef::new("dev", "cat");
        let out = s.write_group(
            &t,
            vec![
                item(WriteAction::Insert, vec![json!({"id": 1})]),
                item(WriteAction::Insert, vec![json!({"id": 2})]),
            ],
        );
        assert!(
            out.iter()
                .all(|r| matches!(r, Err(StoreError::NoTable(..))))
        );
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn concurrent_writers_share_transactions_and_keep_their_own_entries() {
        let (_d, s, t) = open();
        let writers = 8u64;
        let per = 50u64;
        let mut tasks = Vec::new();
        for w in 0..writers {
            let (s, t) = (s.clone(), t.clone());
            tasks.push(tokio::spawn(async move {
                let mut seqs = Vec::new();
                for i in 0..per {
                    let id = w * 1000 + i;
                    let out = s
                        .commit_write(
                            t.clone(),
                            WriteAction::Insert,
                            vec![json!({"id": id})],
                            None,
                        )
                        .await
                        .unwrap();
                    seqs.push(out.seq.unwrap());
                }
                seqs
            }));
        }
        let mut seqs = Vec::new();
        for task in tasks {
            let mine = task.await.unwrap();
            // A writer's own writes are in its order.
            assert!(mine.windows(2).all(|w| w[0] < w[1]));
            seqs.extend(mine);
        }
        seqs.sort_unstable();
        assert_eq!(seqs, (1..=writers * per).collect::<Vec<_>>());
        let table = s.table(&t).unwrap();
        assert_eq!(table.durable_seq(), writers * per);
        assert_eq!(table.stats().unwrap().record_count, writers * per);
        for seq in 1..=writers * per {
            assert_eq!(entry(&s, &t, seq).writes.len(), 1);
        }
    }
}
