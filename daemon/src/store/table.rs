//! One table: its record tree, its stream tree, and the local write path that
//! commits records and their stream entry in one sled transaction.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};

use harper_rpc::TableRef;
use harper_rpc::ops::WriteAction;
use serde_json::{Map, Value};
use sled::Transactional;
use sled::transaction::ConflictableTransactionError;

use super::limits;
use super::record::{self, Hlc, Stored, Version, encode_key, is_tombstone};
use super::stream::{TxnEntry, TxnWrite, WriteOp, key_seq, seq_key};
use super::{StoreError, TableMeta, table_key};

/// Outcome of an insert/update/upsert: ids written and ids skipped, in request order.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct WriteOutcome {
    /// Ids written.
    pub written: Vec<Value>,
    /// Ids skipped (insert of an existing id, update of a missing one).
    pub skipped: Vec<Value>,
    /// Stream sequence of the transaction, when anything was written.
    pub seq: Option<u64>,
    /// Bytes the transaction added to the stream.
    pub stream_bytes: u64,
}

/// Outcome of a delete.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct DeleteOutcome {
    /// Ids deleted.
    pub deleted: Vec<Value>,
    /// Ids that did not exist.
    pub skipped: Vec<Value>,
    /// Stream sequence of the transaction, when anything was deleted.
    pub seq: Option<u64>,
    /// Bytes the transaction added to the stream.
    pub stream_bytes: u64,
}

/// Sizes and counts for `describe_table`.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct TableStats {
    /// Live records.
    pub record_count: u64,
    /// Bytes of keys and values in the record and stream trees.
    pub bytes: u64,
    /// Newest version timestamp of any record (ms since the epoch), if any.
    pub last_updated_ms: Option<f64>,
}

/// A record ready to write: its encoded key, its id, and its attributes.
pub(super) type Prepared = (Vec<u8>, Value, Map<String, Value>);

/// A table's record and stream trees and the meta tree, inside a transaction.
pub(super) type Trees<'a> = (
    &'a sled::transaction::TransactionalTree,
    &'a sled::transaction::TransactionalTree,
    &'a sled::transaction::TransactionalTree,
);

/// A table and its trees.
pub struct Table {
    pub(super) name: TableRef,
    pub(super) meta: Mutex<TableMeta>,
    pub(super) records: sled::Tree,
    pub(super) stream: sled::Tree,
    /// Serialises writers: the stream sequence order must be the commit order.
    write_lock: Mutex<()>,
    pub(super) next_seq: AtomicU64,
    /// The last stream sequence known to be flushed. Only entries up to it are
    /// shipped to other nodes: an entry lost in a crash before its flush would
    /// otherwise be on a peer while its sequence number is handed out again here.
    pub(super) durable: tokio::sync::watch::Sender<u64>,
    /// Bytes of the stream's keys and values, counted once on first use and
    /// kept up to date by appends and trims (for `maxBytes` and `stream info`).
    pub(super) stream_bytes: Mutex<Option<u64>>,
}

pub(super) fn records_tree_name(t: &TableRef) -> Vec<u8> {
    format!("rec/{}/{}", t.database, t.table).into_bytes()
}

pub(super) fn stream_tree_name(t: &TableRef) -> Vec<u8> {
    format!("log/{}/{}", t.database, t.table).into_bytes()
}

/// Meta key holding the last sequence ever used, so purging or trimming the
/// stream never lets a sequence number be handed out twice.
pub(super) fn seq_meta_key(t: &TableRef) -> Vec<u8> {
    format!("seq/{}/{}", t.database, t.table).into_bytes()
}

impl Table {
    pub(super) fn open(
        db: &sled::Db,
        meta_tree: &sled::Tree,
        name: TableRef,
        meta: TableMeta,
    ) -> Result<Table, StoreError> {
        let records = db.open_tree(records_tree_name(&name))?;
        let stream = db.open_tree(stream_tree_name(&name))?;
        let last_in_stream = stream.last()?.and_then(|(k, _)| key_seq(&k)).unwrap_or(0);
        let last_recorded = meta_tree
            .get(seq_meta_key(&name))?
            .and_then(|v| key_seq(&v))
            .unwrap_or(0);
        let last = last_in_stream.max(last_recorded);
        Ok(Table {
            name,
            meta: Mutex::new(meta),
            records,
            stream,
            write_lock: Mutex::new(()),
            next_seq: AtomicU64::new(last + 1),
            // What survived a restart is on disk.
            durable: tokio::sync::watch::Sender::new(last),
            stream_bytes: Mutex::new(None),
        })
    }

    /// `db.table`.
    pub fn name(&self) -> &TableRef {
        &self.name
    }

    /// A copy of the table's metadata.
    pub fn meta(&self) -> TableMeta {
        self.meta.lock().expect("meta lock").clone()
    }

    /// The primary key attribute.
    pub fn primary_key(&self) -> String {
        self.meta.lock().expect("meta lock").primary_key.clone()
    }

    /// The stream tree (read by replication).
    pub fn stream(&self) -> &sled::Tree {
        &self.stream
    }

    /// The record tree.
    pub fn records(&self) -> &sled::Tree {
        &self.records
    }

    /// After a commit that appended `seq`: the next sequence, and the stream size.
    pub(super) fn appended(&self, seq: u64, bytes: u64) {
        self.next_seq.store(seq + 1, Ordering::Release);
        if let Some(n) = self.stream_bytes.lock().expect("bytes lock").as_mut() {
            *n += bytes;
        }
    }

    pub(super) fn lock_writes(&self) -> MutexGuard<'_, ()> {
        self.write_lock.lock().expect("write lock")
    }

    /// Validate records and give each its key and id (a UUID when the key is
    /// missing). A record nested deeper than [`limits::MAX_RECORD_DEPTH`] is
    /// refused here, before anything is stored.
    pub(super) fn prepare(
        &self,
        action: WriteAction,
        pk: &str,
        records: Vec<Value>,
    ) -> Result<Vec<Prepared>, StoreError> {
        let mut out = Vec::with_capacity(records.len());
        for r in records {
            limits::check_depth(&r)?;
            let Value::Object(mut obj) = r else {
                return Err(StoreError::NotAnObject(r.to_string()));
            };
            if let Some(bad) = obj
                .keys()
                .find(|k| k.is_empty() || *k == "null" || *k == "undefined")
            {
                return Err(StoreError::InvalidAttribute(bad.clone()));
            }
            obj.keys().try_for_each(|k| {
                harper_rpc::names::check_name(harper_rpc::NameKind::Attribute, k)
            })?;
            let id = match obj.get(pk) {
                Some(v) if !v.is_null() => v.clone(),
                _ if action == WriteAction::Update => return Err(StoreError::UpdateWithoutKey),
                _ => {
                    let id = Value::String(uuid::Uuid::new_v4().to_string());
                    obj.insert(pk.to_owned(), id.clone());
                    id
                }
            };
            out.push((encode_key(&id)?, id, obj));
        }
        Ok(out)
    }

    /// Local insert/update/upsert: one transaction over records, stream and meta.
    pub(super) fn write(
        &self,
        meta_tree: &sled::Tree,
        hlc: &Hlc,
        node: &str,
        action: WriteAction,
        records: Vec<Value>,
        user: Option<&str>,
    ) -> Result<WriteOutcome, StoreError> {
        let _w = self.lock_writes();
        let prepared = self.prepare(action, &self.meta().primary_key, records)?;
        self.write_prepared(meta_tree, hlc, node, action, &prepared, user)
    }

    /// [`Table::write`] of records already prepared, with the write lock held.
    pub(super) fn write_prepared(
        &self,
        meta_tree: &sled::Tree,
        hlc: &Hlc,
        node: &str,
        action: WriteAction,
        prepared: &[Prepared],
        user: Option<&str>,
    ) -> Result<WriteOutcome, StoreError> {
        let mut meta = self.meta();
        let meta_bytes = self.new_attributes(&mut meta, [prepared]);
        let seq = self.next_seq.load(Ordering::Acquire);
        let pk = meta.primary_key.clone();
        let _gate = super::gate::committing();
        let outcome = with_a_newer_version(hlc, node, |version| {
            (&self.records, &self.stream, meta_tree).transaction(|(rec, log, mt)| {
                let outcome =
                    self.write_in((rec, log, mt), (action, prepared, &pk), version, seq, user)?;
                if let Some(bytes) = &meta_bytes {
                    mt.insert(table_key(&self.name), bytes.as_slice())?;
                }
                Ok::<_, ConflictableTransactionError<StoreError>>(outcome)
            })
        })?;
        if outcome.seq.is_some() {
            self.appended(seq, outcome.stream_bytes);
        }
        if meta_bytes.is_some() {
            *self.meta.lock().expect("meta lock") = meta;
        }
        Ok(outcome)
    }

    /// Add the attributes of `writes` that `meta` lacks to it; its encoding
    /// when any were new (to store in the same transaction).
    pub(super) fn new_attributes<'a>(
        &self,
        meta: &mut TableMeta,
        writes: impl IntoIterator<Item = &'a [Prepared]>,
    ) -> Option<Vec<u8>> {
        let mut known: BTreeSet<String> = meta.attributes.iter().cloned().collect();
        let mut new_attrs = Vec::new();
        for (_, _, obj) in writes.into_iter().flatten() {
            for k in obj.keys() {
                if known.insert(k.clone()) {
                    new_attrs.push(k.clone());
                }
            }
        }
        meta.attributes.extend(new_attrs.iter().cloned());
        (!new_attrs.is_empty()).then(|| serde_json::to_vec(&meta).expect("meta"))
    }

    /// One local write inside a transaction: its records at `version`, and
    /// its stream entry at `seq` when it wrote anything.
    pub(super) fn write_in(
        &self,
        (rec, log, mt): Trees<'_>,
        (action, prepared, pk): (WriteAction, &[Prepared], &str),
        version: &Version,
        seq: u64,
        user: Option<&str>,
    ) -> Result<WriteOutcome, ConflictableTransactionError<StoreError>> {
        let mut outcome = WriteOutcome::default();
        let mut writes = Vec::new();
        for (key, id, obj) in prepared {
            let stored = rec.get(key)?;
            let live = stored
                .as_ref()
                .filter(|b| !is_tombstone(b))
                .and_then(|b| Stored::decode(b, pk));
            let record = match (action, live) {
                (WriteAction::Insert, Some(_)) | (WriteAction::Update, None) => {
                    outcome.skipped.push(id.clone());
                    continue;
                }
                (WriteAction::Update | WriteAction::Upsert, Some(old)) => {
                    let mut merged = match old.record {
                        Some(Value::Object(m)) => m,
                        _ => Map::new(),
                    };
                    for (k, v) in obj {
                        merged.insert(k.clone(), v.clone());
                    }
                    Value::Object(merged)
                }
                (_, None) => Value::Object(obj.clone()),
            };
            newer_than(stored.as_deref(), version)?;
            let stored = Stored {
                version: version.clone(),
                record: Some(record.clone()),
                id: id.clone(),
            };
            let bytes = stored.encode();
            // After the merge: an update may grow a record past the limit.
            super::replica::stored_beyond_limits(&bytes)
                .map_err(|e| ConflictableTransactionError::Abort(e.into()))?;
            rec.insert(key.as_slice(), bytes)?;
            writes.push(TxnWrite {
                op: WriteOp::Upsert,
                id: id.clone(),
                record: Some(record),
            });
            outcome.written.push(id.clone());
        }
        (outcome.seq, outcome.stream_bytes) =
            append_local(log, mt, &self.name, seq, version, user, writes)?;
        Ok(outcome)
    }

    /// Local delete: tombstones plus one stream entry, in one transaction.
    pub(super) fn delete(
        &self,
        meta_tree: &sled::Tree,
        hlc: &Hlc,
        node: &str,
        ids: Vec<Value>,
        user: Option<&str>,
    ) -> Result<DeleteOutcome, StoreError> {
        let _w = self.lock_writes();
        let keys = ids
            .into_iter()
            .map(|id| Ok((encode_key(&id)?, id)))
            .collect::<Result<Vec<_>, StoreError>>()?;
        let seq = self.next_seq.load(Ordering::Acquire);
        let _gate = super::gate::committing();
        let outcome = with_a_newer_version(hlc, node, |version| {
            (&self.records, &self.stream, meta_tree).transaction(|(rec, log, mt)| {
                let mut outcome = DeleteOutcome::default();
                let mut writes = Vec::new();
                for (key, id) in &keys {
                    match rec.get(key)? {
                        Some(b) if !is_tombstone(&b) => {
                            newer_than(Some(&b), version)?;
                            let tomb = Stored {
                                version: version.clone(),
                                record: None,
                                id: id.clone(),
                            };
                            rec.insert(key.as_slice(), tomb.encode())?;
                            writes.push(TxnWrite {
                                op: WriteOp::Delete,
                                id: id.clone(),
                                record: None,
                            });
                            outcome.deleted.push(id.clone());
                        }
                        _ => outcome.skipped.push(id.clone()),
                    }
                }
                (outcome.seq, outcome.stream_bytes) =
                    append_local(log, mt, &self.name, seq, version, user, writes)?;
                Ok::<_, ConflictableTransactionError<StoreError>>(outcome)
            })
        })?;
        if outcome.seq.is_some() {
            self.appended(seq, outcome.stream_bytes);
        }
        Ok(outcome)
    }

    /// The live record with this id.
    pub fn get(&self, id: &Value) -> Result<Option<Value>, StoreError> {
        let Ok(key) = encode_key(id) else {
            return Ok(None);
        };
        let (pk, dropping) = self.read_view();
        let mut record = self
            .records
            .get(key)?
            .and_then(|b| Stored::decode(&b, &pk))
            .and_then(|s| s.record);
        super::attributes::hide(&mut record, dropping.as_deref());
        Ok(record)
    }

    /// The primary key, and the attribute a running `drop_attribute` hides
    /// from reads.
    pub(super) fn read_view(&self) -> (String, Option<String>) {
        let meta = self.meta.lock().expect("meta lock");
        (meta.primary_key.clone(), meta.dropping.clone())
    }

    /// The stored record or tombstone with this id, with its version.
    pub fn get_stored(&self, id: &Value) -> Result<Option<Stored>, StoreError> {
        let Ok(key) = encode_key(id) else {
            return Ok(None);
        };
        let pk = self.primary_key();
        Ok(self.records.get(key)?.and_then(|b| Stored::decode(&b, &pk)))
    }

    /// Every live record in key order, passed to `f`; stop when it returns false.
    pub fn scan(&self, mut f: impl FnMut(Value) -> bool) -> Result<(), StoreError> {
        let (pk, dropping) = self.read_view();
        for item in self.records.iter() {
            let (_, v) = item?;
            if is_tombstone(&v) {
                continue;
            }
            let mut record = Stored::decode(&v, &pk).and_then(|s| s.record);
            super::attributes::hide(&mut record, dropping.as_deref());
            if let Some(record) = record
                && !f(record)
            {
                break;
            }
        }
        Ok(())
    }

    /// Count, size and newest version, in one pass.
    pub fn stats(&self) -> Result<TableStats, StoreError> {
        let mut stats = TableStats::default();
        let mut newest = 0u64;
        for item in self.records.iter() {
            let (k, v) = item?;
            stats.bytes += (k.len() + v.len()) as u64;
            if !is_tombstone(&v) {
                stats.record_count += 1;
            }
            if let Some(ver) = record::decode_version(&v) {
                newest = newest.max(ver.ts);
            }
        }
        for item in self.stream.iter() {
            let (k, v) = item?;
            stats.bytes += (k.len() + v.len()) as u64;
        }
        stats.last_updated_ms = (newest > 0).then(|| record::hlc_millis(newest));
        Ok(stats)
    }
}

/// Run a local write transaction with a version from `hlc`; when the
/// transaction finds a stored version at least as new (a record that came from
/// a node with a faster clock, or versions written before a restart that this
/// clock has not seen yet), the clock moves past it and the write runs again.
/// So a local write is always newer than what it overwrites, and every node
/// orders the two the same way.
fn with_a_newer_version<R>(
    hlc: &Hlc,
    node: &str,
    mut txn: impl FnMut(&Version) -> sled::transaction::TransactionResult<R, StoreError>,
) -> Result<R, StoreError> {
    // Each retry moves the clock past a stored version; a handful is plenty.
    const MAX_TRIES: usize = 16;
    let mut version = Version {
        ts: hlc.now(),
        node: node.to_owned(),
    };
    for _ in 0..MAX_TRIES {
        match txn(&version) {
            Err(sled::transaction::TransactionError::Abort(StoreError::ClockBehind(ts))) => {
                hlc.observe(ts).map_err(StoreError::StoredVersionAhead)?;
                version.ts = hlc.now();
            }
            other => return other.map_err(StoreError::from),
        }
    }
    Err(StoreError::Corrupt(
        "versions keep running ahead of this node's clock".into(),
    ))
}

/// Abort the transaction when `stored` (a record or tombstone) is at least as
/// new as `version` (see [`with_a_newer_version`]).
fn newer_than(
    stored: Option<&[u8]>,
    version: &Version,
) -> Result<(), ConflictableTransactionError<StoreError>> {
    match stored.and_then(record::decode_version) {
        Some(v) if v.ts >= version.ts => Err(ConflictableTransactionError::Abort(
            StoreError::ClockBehind(v.ts),
        )),
        _ => Ok(()),
    }
}

/// Append a local transaction's stream entry at `seq`, unless it wrote
/// nothing; the sequence used and the bytes added. An entry larger than
/// [`limits::MAX_ENTRY_BYTES`] aborts the transaction, so nothing of the write
/// remains. (A republished remote entry is not checked here: its publisher
/// checks every entry it ships, and refusing the copy would stall the
/// subscription.)
fn append_local(
    log: &sled::transaction::TransactionalTree,
    mt: &sled::transaction::TransactionalTree,
    name: &TableRef,
    seq: u64,
    version: &Version,
    user: Option<&str>,
    writes: Vec<TxnWrite>,
) -> Result<(Option<u64>, u64), ConflictableTransactionError<StoreError>> {
    if writes.is_empty() {
        return Ok((None, 0));
    }
    let entry = TxnEntry {
        origin: version.node.clone(),
        ts: version.ts,
        appended: version.ts,
        user: user.map(str::to_owned),
        transacted: Vec::new(),
        writes,
    };
    let bytes = entry.encode();
    limits::check_entry_bytes(bytes.len())
        .map_err(|e| ConflictableTransactionError::Abort(e.into()))?;
    Ok((Some(seq), append_encoded(log, mt, name, seq, bytes)?))
}

/// Append one transaction to the stream and record the sequence high-water
/// mark; returns the bytes it adds to the stream.
pub(super) fn append(
    log: &sled::transaction::TransactionalTree,
    mt: &sled::transaction::TransactionalTree,
    name: &TableRef,
    seq: u64,
    entry: &TxnEntry,
) -> Result<u64, ConflictableTransactionError<StoreError>> {
    append_encoded(log, mt, name, seq, entry.encode())
}

/// [`append`] of an entry already encoded.
fn append_encoded(
    log: &sled::transaction::TransactionalTree,
    mt: &sled::transaction::TransactionalTree,
    name: &TableRef,
    seq: u64,
    bytes: Vec<u8>,
) -> Result<u64, ConflictableTransactionError<StoreError>> {
    let added = (bytes.len() + 8) as u64;
    log.insert(&seq_key(seq), bytes)?;
    mt.insert(seq_meta_key(name), &seq_key(seq))?;
    Ok(added)
}
