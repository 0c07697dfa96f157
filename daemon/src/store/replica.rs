//! The table as replication sees it: reading the stream (only what is
//! flushed), seeking it by time, trimming and purging it. Applying another
//! node's transactions is in `apply`.
//!
//! Not here: who pulls from whom (see `replication`).

use std::collections::BTreeSet;
use std::sync::atomic::Ordering;
use std::time::Duration;

use serde_json::Value;
use sled::Transactional;
use sled::transaction::ConflictableTransactionError;

use super::limits::{self, LimitError, MAX_ENTRY_BYTES, MAX_RECORD_BYTES};
use super::record::{self, Stored, Version, decode_version, encode_key};
use super::stream::{TxnEntry, key_seq, seq_key};
use super::table::Table;
use super::{StoreError, table_key};

/// Meta key holding the append time of the newest entry ever trimmed by the
/// stream limits.
pub(super) fn trimmed_meta_key(t: &harper_rpc::TableRef) -> Vec<u8> {
    format!("trim/{}/{}", t.database, t.table).into_bytes()
}

/// Meta key holding the append time of the newest entry ever purged
/// (`purge_stream`, `delete_transaction_logs_before`).
pub(super) fn purged_meta_key(t: &harper_rpc::TableRef) -> Vec<u8> {
    format!("purge/{}/{}", t.database, t.table).into_bytes()
}

/// Why entries leave a stream: the limits trimmed them (history a new
/// consumer misses, so it resyncs), or an operator purged them (history meant
/// to be gone: a new consumer starts after it, as with HarperDB's purge).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Removal {
    Trim,
    Purge,
}

/// What applying one remote transaction did.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct ApplyOutcome {
    /// Writes applied (newer than what was stored).
    pub applied: usize,
    /// Writes dropped because the stored version was newer or equal.
    pub superseded: usize,
    /// True when the entry was skipped whole: it came from this node, or this
    /// node had already applied it (echo suppression), or the cursor was past it.
    pub skipped: bool,
    /// Local stream sequence of the republished copy, if any.
    pub republished: Option<u64>,
}

/// Where a consumer starting at a time should begin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seek {
    /// At this sequence (the first entry appended at or after the time, or the
    /// next sequence to be written).
    At(u64),
    /// Entries appended at or after the time were already trimmed: only a
    /// snapshot can bring the table up to date; the stream resumes here.
    Trimmed(u64),
}

/// The stream's extent and size, for `stream info` and lag.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct StreamStats {
    /// First retained sequence (the next one to be written when empty).
    pub first_seq: u64,
    /// Last sequence written (0 when none ever was).
    pub last_seq: u64,
    /// Last sequence flushed (what peers may read).
    pub durable_seq: u64,
    /// Retained entries.
    pub messages: u64,
    /// Bytes of retained entries.
    pub bytes: u64,
    /// Append time of the first retained entry (HLC).
    pub first_appended: Option<u64>,
    /// Append time of the last entry (HLC).
    pub last_appended: Option<u64>,
}

/// Stream limits (`clustering.leafServer.streams.*`); `None` is unlimited.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct StreamLimits {
    /// `maxAge`, seconds.
    pub max_age_secs: Option<u64>,
    /// `maxBytes`.
    pub max_bytes: Option<u64>,
    /// `maxMsgs`.
    pub max_msgs: Option<u64>,
}

fn decode_u64(v: &[u8]) -> Option<u64> {
    key_seq(v)
}

/// An entry of this node's stream that cannot be shipped as it is stored
/// (written before the limits existed, or damaged): the consumer that reaches
/// it stalls there, and only there, until it can be shipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Poison {
    /// Its sequence.
    pub seq: u64,
    /// Why, for the subscriber's status and log.
    pub reason: String,
}

/// What a read of the stream found.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct StreamRead {
    /// Shippable entries from the first sequence asked for on, in order.
    pub entries: Vec<(u64, TxnEntry)>,
    /// Writes left out of these entries: beyond the limits, but superseded by
    /// a newer version of their record here, which a later entry carries.
    pub omitted: u64,
    /// The first entry asked for cannot be shipped (then `entries` is empty).
    pub poison: Option<Poison>,
}

/// The bytes the republishing nodes' names add to an encoded entry: its
/// `"transacted":[...],` field, which an origin's own entry leaves out.
fn hops_bytes(entry: &TxnEntry) -> usize {
    if entry.transacted.is_empty() {
        return 0;
    }
    let list = serde_json::to_vec(&entry.transacted).map_or(0, |b| b.len());
    r#""transacted":,"#.len() + list
}

/// Why one write cannot be shipped or applied, if it cannot.
pub(super) fn write_beyond_limits(record: Option<&Value>, measure: bool) -> Option<LimitError> {
    let r = record?;
    if let Err(e) = limits::check_depth(r) {
        return Some(e);
    }
    // The encoded entry bounds every record in it: only a large entry needs
    // its records measured.
    if measure {
        let len = serde_json::to_vec(r).map(|b| b.len()).unwrap_or(usize::MAX);
        return limits::check_record_bytes(len).err();
    }
    None
}

/// The same check of a record about to be stored, from its encoding.
pub(super) fn stored_beyond_limits(encoded: &[u8]) -> Result<(), LimitError> {
    limits::check_record_bytes(record::body_len(encoded))
}

impl Table {
    /// The identity of this table's stream as other nodes know it: this
    /// node's instance id (a recreated database is a new instance), and the
    /// table's incarnation (a recreated table is a new stream).
    pub fn stream_id(&self, instance: &str) -> String {
        let incarnation = self.incarnation();
        if incarnation.is_empty() {
            instance.to_owned()
        } else {
            format!("{instance}/{incarnation}")
        }
    }

    /// This table's incarnation (see [`super::TableMeta::incarnation`]).
    pub fn incarnation(&self) -> String {
        self.meta.lock().expect("meta lock").incarnation.clone()
    }

    /// The last sequence written (0 when none).
    pub fn last_seq(&self) -> u64 {
        self.next_seq.load(Ordering::Acquire) - 1
    }

    /// The last sequence known to be flushed.
    pub fn durable_seq(&self) -> u64 {
        *self.durable.borrow()
    }

    /// Record that everything up to `seq` is flushed (wakes waiting readers).
    pub(super) fn mark_durable(&self, seq: u64) {
        self.durable.send_if_modified(|d| {
            let moved = seq > *d;
            if moved {
                *d = seq;
            }
            moved
        });
    }

    /// Wait until an entry at or after `from` is flushed, or `wait` passes.
    pub async fn wait_durable(&self, from: u64, wait: Duration) {
        let mut rx = self.durable.subscribe();
        let _ = tokio::time::timeout(wait, rx.wait_for(|d| *d >= from)).await;
    }

    /// The first retained sequence; the next one to be written when the stream is empty.
    pub fn first_seq(&self) -> Result<u64, StoreError> {
        Ok(match self.stream.first()? {
            Some((k, _)) => key_seq(&k).unwrap_or(0),
            None => self.last_seq() + 1,
        })
    }

    /// Flushed entries from `from` on: at most `max` of them and about
    /// `max_bytes` (at least one). Every entry shipped is within the limits
    /// every peer can receive; the read stops before one that is not, and
    /// reports it as [`Poison`] when it is the first.
    pub fn read_stream(
        &self,
        from: u64,
        max: usize,
        max_bytes: usize,
    ) -> Result<StreamRead, StoreError> {
        let upto = self.durable_seq();
        let mut out = StreamRead::default();
        let mut bytes = 0usize;
        if from > upto {
            return Ok(out);
        }
        for item in self.stream.range(seq_key(from)..=seq_key(upto)) {
            let (k, v) = item?;
            let seq = key_seq(&k).ok_or_else(|| StoreError::Corrupt("stream key".into()))?;
            let shipped = match TxnEntry::decode(&v) {
                Some(mut entry) => self
                    .shippable(&mut entry, v.len())
                    .map(|omitted| (entry, omitted)),
                None => Err(format!(
                    "entry {seq} of the stream of '{}' cannot be read (it is damaged)",
                    self.name
                )),
            };
            match shipped {
                Ok((entry, omitted)) => {
                    bytes += v.len();
                    out.omitted += omitted;
                    out.entries.push((seq, entry));
                }
                Err(reason) => {
                    if out.entries.is_empty() {
                        out.poison = Some(Poison { seq, reason });
                    }
                    break;
                }
            }
            if out.entries.len() >= max || bytes >= max_bytes {
                break;
            }
        }
        Ok(out)
    }

    /// Make a stream entry fit the limits, or say why it cannot: a write
    /// beyond them is left out when this node holds a newer version of its
    /// record (the entry that wrote that version follows in the stream, so
    /// the subscriber converges all the same); otherwise the entry cannot be
    /// shipped yet. Returns how many writes were left out.
    fn shippable(&self, entry: &mut TxnEntry, encoded: usize) -> Result<u64, String> {
        // The limit is on the transaction as its origin wrote it: the names
        // of the nodes that republished it on the way (`transacted`, a few
        // bytes a hop) do not count, or an entry at the limit would stall
        // one hop later. A frame has room for them many times over.
        let encoded = encoded.saturating_sub(hops_bytes(entry));
        let measure = encoded > MAX_RECORD_BYTES;
        let bad: Vec<(usize, LimitError)> = entry
            .writes
            .iter()
            .enumerate()
            .filter_map(|(i, w)| write_beyond_limits(w.record.as_ref(), measure).map(|e| (i, e)))
            .collect();
        if bad.is_empty() && encoded <= MAX_ENTRY_BYTES {
            return Ok(0);
        }
        let version = Version {
            ts: entry.ts,
            node: entry.origin.clone(),
        };
        let mut drop = Vec::new();
        for (i, why) in bad {
            let w = &entry.writes[i];
            let superseded = encode_key(&w.id)
                .ok()
                .and_then(|k| self.records.get(k).ok().flatten())
                .and_then(|b| decode_version(&b))
                .is_some_and(|stored| stored > version);
            if !superseded {
                return Err(format!(
                    "record {} of '{}': {why}; it is shipped once the record is updated or deleted on the publisher, or the entry purged",
                    harper_rpc::text::printable(&w.id.to_string()),
                    self.name
                ));
            }
            drop.push(i);
        }
        for i in drop.iter().rev() {
            entry.writes.remove(*i);
        }
        let now = if drop.is_empty() {
            encoded
        } else {
            entry.encode().len().saturating_sub(hops_bytes(entry))
        };
        limits::check_entry_bytes(now)
            .map_err(|e| format!("the entry on '{}' cannot be shipped: {e}", self.name))?;
        Ok(drop.len() as u64)
    }

    fn appended_at(&self, seq: u64) -> Result<Option<u64>, StoreError> {
        Ok(self
            .stream
            .get(seq_key(seq))?
            .and_then(|v| TxnEntry::decode(&v))
            .map(|e| e.appended))
    }

    /// The sequence of the first retained entry appended at or after HLC
    /// time `t` (the next sequence to be written when there is none).
    /// Append times grow in stream order: a binary search.
    pub fn first_appended_at_or_after(&self, t: u64) -> Result<u64, StoreError> {
        let first = self.first_seq()?;
        let last = self.durable_seq().max(self.last_seq());
        let (mut lo, mut hi) = (first, last + 1);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.appended_at(mid)? {
                Some(a) if a >= t => hi = mid,
                Some(_) => lo = mid + 1,
                // Trimmed under us: everything before the window is older.
                None => lo = mid + 1,
            }
        }
        Ok(lo)
    }

    /// Where a consumer that starts at HLC time `t` begins (JetStream's
    /// deliver-by-start-time). Append times grow in stream order, so this is a
    /// binary search over the retained window.
    pub fn seek(&self, meta_tree: &sled::Tree, t: u64) -> Result<Seek, StoreError> {
        let lo = self.first_appended_at_or_after(t)?;
        let newest = |key: Vec<u8>| -> Result<Option<u64>, StoreError> {
            Ok(meta_tree.get(key)?.and_then(|v| decode_u64(&v)))
        };
        let trimmed = newest(trimmed_meta_key(&self.name))?;
        let purged = newest(purged_meta_key(&self.name))?;
        // Entries trimmed after the last purge went past `t`: only a snapshot
        // brings them. Entries purged are history the operator removed: the
        // consumer starts at what is left (HarperDB delivers what `keep` kept).
        Ok(match trimmed {
            Some(tr) if tr >= t && purged.is_none_or(|p| tr > p) => Seek::Trimmed(lo),
            _ => Seek::At(lo),
        })
    }

    pub(super) fn count_stream_bytes(&self) -> Result<u64, StoreError> {
        let mut slot = self.stream_bytes.lock().expect("bytes lock");
        if let Some(n) = *slot {
            return Ok(n);
        }
        // Counted under the write lock by callers that hold it, or racing only
        // with appends that see `None` and leave the count to this scan.
        let mut n = 0u64;
        for item in self.stream.iter() {
            let (k, v) = item?;
            n += (k.len() + v.len()) as u64;
        }
        *slot = Some(n);
        Ok(n)
    }

    /// Extent and size of the stream.
    pub fn stream_stats(&self) -> Result<StreamStats, StoreError> {
        let bytes = {
            let _w = self.lock_writes();
            self.count_stream_bytes()?
        };
        let first = self.stream.first()?;
        let last = self.stream.last()?;
        let first_seq = self.first_seq()?;
        let last_seq = self.last_seq();
        let appended = |v: &sled::IVec| TxnEntry::decode(v).map(|e| e.appended);
        Ok(StreamStats {
            first_seq,
            last_seq,
            durable_seq: self.durable_seq(),
            messages: if first.is_some() {
                last_seq + 1 - first_seq
            } else {
                0
            },
            bytes,
            first_appended: first.as_ref().and_then(|(_, v)| appended(v)),
            last_appended: last.as_ref().and_then(|(_, v)| appended(v)),
        })
    }

    /// Remove stream entries below sequence `below`; returns how many.
    pub(super) fn remove_below(
        &self,
        meta_tree: &sled::Tree,
        below: u64,
        why: Removal,
    ) -> Result<u64, StoreError> {
        let mut removed = 0u64;
        let mut freed = 0u64;
        let mut newest_appended = None;
        let mut batch = sled::Batch::default();
        for item in self.stream.range(..seq_key(below)) {
            let (k, v) = item?;
            freed += (k.len() + v.len()) as u64;
            if let Some(e) = TxnEntry::decode(&v) {
                newest_appended = Some(e.appended);
            }
            batch.remove(k);
            removed += 1;
        }
        if removed == 0 {
            return Ok(0);
        }
        // Record how far trimming or purging went before the entries go, so
        // a consumer seeking into that part always learns what happened there.
        if let Some(a) = newest_appended {
            let key = match why {
                Removal::Trim => trimmed_meta_key(&self.name),
                Removal::Purge => purged_meta_key(&self.name),
            };
            let old = meta_tree
                .get(&key)?
                .and_then(|v| decode_u64(&v))
                .unwrap_or(0);
            meta_tree.insert(key, &seq_key(a.max(old)))?;
        }
        {
            let _gate = super::gate::committing();
            self.stream.apply_batch(batch)?;
        }
        if let Some(n) = self.stream_bytes.lock().expect("bytes lock").as_mut() {
            *n = n.saturating_sub(freed);
        }
        Ok(removed)
    }

    /// `purge_stream`: keep the newest `keep` entries, or remove everything
    /// below `seq`, or (neither) remove everything. Returns how many went.
    pub fn purge_stream(
        &self,
        meta_tree: &sled::Tree,
        keep: Option<u64>,
        seq: Option<u64>,
    ) -> Result<u64, StoreError> {
        let _w = self.lock_writes();
        let next = self.last_seq() + 1;
        let below = match (keep, seq) {
            (Some(k), _) => next.saturating_sub(k),
            (None, Some(s)) => s.min(next),
            (None, None) => next,
        };
        self.remove_below(meta_tree, below, Removal::Purge)
    }

    /// Apply the stream limits; `now` is this node's HLC time. Returns how many
    /// entries went.
    pub fn trim_stream(
        &self,
        meta_tree: &sled::Tree,
        limits: StreamLimits,
        now: u64,
    ) -> Result<u64, StoreError> {
        if limits == StreamLimits::default() {
            return Ok(0);
        }
        let _w = self.lock_writes();
        let first = self.first_seq()?;
        let next = self.last_seq() + 1;
        let mut below = first;
        if let Some(max) = limits.max_msgs {
            below = below.max(next.saturating_sub(max));
        }
        if let Some(age) = limits.max_age_secs {
            let cutoff = now.saturating_sub(record::hlc_from_millis(age * 1000));
            for item in self.stream.range(seq_key(below)..) {
                let (k, v) = item?;
                match TxnEntry::decode(&v) {
                    Some(e) if e.appended < cutoff => {
                        below = key_seq(&k).unwrap_or(below) + 1;
                    }
                    _ => break,
                }
            }
        }
        if let Some(max) = limits.max_bytes {
            let mut bytes = self.count_stream_bytes()?;
            if bytes > max {
                for item in self.stream.iter() {
                    let (k, v) = item?;
                    let seq = key_seq(&k).unwrap_or(0);
                    if seq >= below {
                        if bytes <= max {
                            break;
                        }
                        below = seq + 1;
                    }
                    bytes = bytes.saturating_sub((k.len() + v.len()) as u64);
                }
            }
        }
        self.remove_below(meta_tree, below, Removal::Trim)
    }

    /// A page of stored records and tombstones (with versions) after `after`
    /// (an encoded key), for a snapshot resync: at most `limit` of them and
    /// about `max_bytes` (at least one); the key to continue from. A record
    /// beyond the limits every peer can receive makes the page an error that
    /// names it: the snapshot can only be taken once it is fixed or deleted.
    pub fn snapshot_page(
        &self,
        after: Option<&[u8]>,
        limit: usize,
        max_bytes: usize,
    ) -> Result<(Vec<Stored>, Option<Vec<u8>>), StoreError> {
        let (pk, dropping) = self.read_view();
        let mut out = Vec::new();
        let mut bytes = 0usize;
        let range = match after {
            Some(k) => self.records.range((
                std::ops::Bound::Excluded(k.to_vec()),
                std::ops::Bound::Unbounded,
            )),
            None => self.records.iter(),
        };
        for item in range {
            let (k, v) = item?;
            if let Some(mut s) = Stored::decode(&v, &pk) {
                super::attributes::hide(&mut s.record, dropping.as_deref());
                let beyond = stored_beyond_limits(&v)
                    .err()
                    .or_else(|| write_beyond_limits(s.record.as_ref(), false));
                if let Some(e) = beyond {
                    return Err(StoreError::NotShippable(format!(
                        "record {} of '{}' cannot be copied: {e}; update or delete it on this node",
                        harper_rpc::text::printable(&s.id.to_string()),
                        self.name
                    )));
                }
                bytes += v.len();
                out.push(s);
            }
            if out.len() >= limit || bytes >= max_bytes {
                return Ok((out, Some(k.to_vec())));
            }
        }
        Ok((out, None))
    }

    /// Merge snapshot records with last-writer-wins (one transaction per page);
    /// returns how many were newer than what this node had.
    pub(super) fn apply_snapshot(
        &self,
        meta_tree: &sled::Tree,
        items: &[Stored],
    ) -> Result<usize, StoreError> {
        let _w = self.lock_writes();
        let mut meta = self.meta();
        let mut known: BTreeSet<String> = meta.attributes.iter().cloned().collect();
        let mut keys = Vec::with_capacity(items.len());
        for s in items {
            if let Some(e) = write_beyond_limits(s.record.as_ref(), false) {
                return Err(e.into());
            }
            keys.push(encode_key(&s.id)?);
            if let Some(Value::Object(obj)) = &s.record {
                for k in obj.keys() {
                    if known.insert(k.clone()) {
                        meta.attributes.push(k.clone());
                    }
                }
            }
        }
        let meta_changed = meta.attributes.len() != self.meta().attributes.len();
        let meta_bytes = serde_json::to_vec(&meta).expect("meta");
        let _gate = super::gate::committing();
        let applied = (&self.records, meta_tree).transaction(|(rec, mt)| {
            let mut applied = 0;
            for (s, key) in items.iter().zip(&keys) {
                let newer = match rec.get(key)?.and_then(|b| decode_version(&b)) {
                    None => true,
                    Some(v) => s.version > v,
                };
                if newer {
                    let bytes = s.encode();
                    stored_beyond_limits(&bytes)
                        .map_err(|e| ConflictableTransactionError::Abort(e.into()))?;
                    rec.insert(key.as_slice(), bytes)?;
                    applied += 1;
                }
            }
            if meta_changed {
                mt.insert(table_key(&self.name), meta_bytes.as_slice())?;
            }
            Ok::<_, ConflictableTransactionError<StoreError>>(applied)
        })?;
        if meta_changed {
            *self.meta.lock().expect("meta lock") = meta;
        }
        Ok(applied)
    }
}

#[cfg(test)]
#[path = "replica_tests.rs"]
mod tests;
