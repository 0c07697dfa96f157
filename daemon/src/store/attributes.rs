//! A table's attributes: `create_attribute` adds a name to the table's list
//! (writes add names by themselves), `drop_attribute` takes it out of the
//! list and out of every record (HarperDB's `removeAttributeFromAllObjects`).
//!
//! Dropping is atomic and durable, in bounded memory: the table's metadata
//! first records the attribute as being dropped (one write), from then on
//! every read leaves it out; the records are then rewritten in batches, each
//! record keeping its version (HarperDB keeps it too: a drop is a change of
//! structure, not a write, and is not replicated); last the mark goes. A
//! crash in between is finished when the store opens again, before the
//! table serves anything. Writes to the table wait meanwhile.

use serde_json::Value;

use super::record::{Stored, is_tombstone};
use super::{Store, StoreError, Table, TableMeta, table_key};
use harper_rpc::TableRef;

/// Most records rewritten in one batch.
const DROP_BATCH_RECORDS: usize = 1000;
/// About the most bytes of records rewritten in one batch.
const DROP_BATCH_BYTES: usize = 1024 * 1024;
/// HarperDB's internal timestamp attributes, which cannot be dropped.
const TIMESTAMP_ATTRIBUTES: [&str; 2] = ["__createdtime__", "__updatedtime__"];

/// Why an attribute operation was refused (messages HarperDB's).
#[derive(Debug, thiserror::Error)]
pub enum AttributeError {
    /// `create_attribute` of a name the table has.
    #[error("attribute '{attribute}' already exists in {table}")]
    Exists {
        /// The table.
        table: TableRef,
        /// The attribute.
        attribute: String,
    },
    /// `drop_attribute` of a name the table does not have.
    #[error("Attribute '{attribute}' was not found in '{table}'")]
    NotFound {
        /// The table.
        table: TableRef,
        /// The attribute.
        attribute: String,
    },
    /// `drop_attribute` of the primary key.
    #[error("You cannot drop a hash attribute")]
    PrimaryKey,
    /// `drop_attribute` of `__createdtime__` or `__updatedtime__`.
    #[error("cannot drop internal timestamp attribute: {0}")]
    Timestamp(String),
}

impl AttributeError {
    /// HTTP-like status of the refusal.
    pub fn status(&self) -> u16 {
        match self {
            Self::NotFound { .. } => 404,
            _ => 400,
        }
    }
}

/// Store `meta` as the table's metadata (in the tree and in memory).
fn put_meta(store: &Store, table: &Table, meta: TableMeta) -> Result<(), StoreError> {
    store.inner.meta.insert(
        table_key(table.name()),
        serde_json::to_vec(&meta).expect("meta serialises"),
    )?;
    *table.meta.lock().expect("meta lock") = meta;
    Ok(())
}

impl Store {
    /// Add `attribute` to the attributes of `t`; not yet flushed.
    pub fn create_attribute(&self, t: &TableRef, attribute: &str) -> Result<(), StoreError> {
        harper_rpc::names::check_name(harper_rpc::NameKind::Attribute, attribute)?;
        if matches!(attribute, "null" | "undefined") {
            return Err(StoreError::InvalidAttribute(attribute.to_owned()));
        }
        let table = self.table(t)?;
        let _w = table.lock_writes();
        let mut meta = table.meta();
        if meta.attributes.iter().any(|a| a == attribute) {
            return Err(AttributeError::Exists {
                table: t.clone(),
                attribute: attribute.to_owned(),
            }
            .into());
        }
        meta.attributes.push(attribute.to_owned());
        put_meta(self, &table, meta)
    }

    /// Take `attribute` out of `t` and out of every record of it; returns
    /// the records rewritten. Not yet flushed.
    pub fn drop_attribute(&self, t: &TableRef, attribute: &str) -> Result<u64, StoreError> {
        let table = self.table(t)?;
        let _w = table.lock_writes();
        let mut meta = table.meta();
        if attribute == meta.primary_key {
            return Err(AttributeError::PrimaryKey.into());
        }
        if TIMESTAMP_ATTRIBUTES.contains(&attribute) {
            return Err(AttributeError::Timestamp(attribute.to_owned()).into());
        }
        let Some(at) = meta.attributes.iter().position(|a| a == attribute) else {
            return Err(AttributeError::NotFound {
                table: t.clone(),
                attribute: attribute.to_owned(),
            }
            .into());
        };
        meta.attributes.remove(at);
        meta.dropping = Some(attribute.to_owned());
        put_meta(self, &table, meta)?;
        self.finish_drop(&table)
    }

    /// Strip the attribute being dropped from every record of `table`, then
    /// clear the mark. The caller holds the table's writes (or nothing can
    /// reach the table yet, when the store opens).
    pub(super) fn finish_drop(&self, table: &Table) -> Result<u64, StoreError> {
        let mut meta = table.meta();
        let Some(attribute) = meta.dropping.clone() else {
            return Ok(0);
        };
        let mut rewritten = 0u64;
        let mut after: Option<sled::IVec> = None;
        loop {
            let range = match &after {
                Some(k) => table.records.range((
                    std::ops::Bound::Excluded(k.clone()),
                    std::ops::Bound::Unbounded,
                )),
                None => table.records.iter(),
            };
            let mut batch = sled::Batch::default();
            let (mut records, mut bytes, mut last) = (0, 0, None);
            for item in range {
                let (k, v) = item?;
                bytes += v.len();
                records += 1;
                if let Some(stripped) = without(&v, &meta.primary_key, &attribute) {
                    batch.insert(k.clone(), stripped);
                    rewritten += 1;
                }
                last = Some(k);
                if records >= DROP_BATCH_RECORDS || bytes >= DROP_BATCH_BYTES {
                    break;
                }
            }
            {
                let _gate = super::gate::committing();
                table.records.apply_batch(batch)?;
            }
            match last {
                Some(k) => after = Some(k),
                None => break,
            }
        }
        meta.dropping = None;
        put_meta(self, table, meta)?;
        tracing::info!(table = %table.name(), attribute, rewritten, "attribute dropped");
        Ok(rewritten)
    }
}

/// The stored value `v` without `attribute`, or `None` when it has none
/// (tombstones, records without it, values that do not parse).
fn without(v: &[u8], pk: &str, attribute: &str) -> Option<Vec<u8>> {
    if is_tombstone(v) {
        return None;
    }
    let mut stored = Stored::decode(v, pk)?;
    let Some(Value::Object(record)) = stored.record.as_mut() else {
        return None;
    };
    record.remove(attribute)?;
    Some(stored.encode())
}

/// `record` without the attribute `dropping` (a read while a drop runs).
pub(super) fn hide(record: &mut Option<Value>, dropping: Option<&str>) {
    if let (Some(a), Some(Value::Object(r))) = (dropping, record.as_mut()) {
        r.remove(a);
    }
}

#[cfg(test)]
mod tests {
    use harper_rpc::ops::WriteAction;
    use serde_json::json;

    use super::*;

    fn open(dir: &std::path::Path) -> Store {
        Store::open(dir, "a", false).unwrap()
    }

    #[test]
    fn create_adds_a_name_once() {
        let dir = tempfile::tempdir().unwrap();
        let s = open(dir.path());
        let dog = TableRef::new("dev", "dog");
        s.create_table(&dog, "id").unwrap();
        s.create_attribute(&dog, "is_adorable").unwrap();
        assert_eq!(
            s.table(&dog).unwrap().meta().attributes,
            ["id", "is_adorable"]
        );
        let e = s.create_attribute(&dog, "is_adorable").unwrap_err();
        assert_eq!(
            e.to_string(),
            "attribute 'is_adorable' already exists in dev.dog"
        );
        assert_eq!(e.status(), 400);
        assert!(s.create_attribute(&dog, "null").is_err());
        assert!(s.create_attribute(&dog, "").is_err());
        let e = s
            .create_attribute(&TableRef::new("dev", "cat"), "x")
            .unwrap_err();
        assert_eq!(e.status(), 404);
    }

    #[test]
    fn drop_strips_every_record_and_keeps_versions() {
        let dir = tempfile::tempdir().unwrap();
        let s = open(dir.path());
        let dog = TableRef::new("dev", "dog");
        s.create_table(&dog, "id").unwrap();
        let n = DROP_BATCH_RECORDS as u64 * 2 + 7;
        let records: Vec<Value> = (0..n)
            .map(|i| json!({"id": i, "age": i, "name": "x"}))
            .collect();
        for chunk in records.chunks(500) {
            s.write(&dog, WriteAction::Insert, chunk.to_vec(), None)
                .unwrap();
        }
        s.delete(&dog, vec![json!(3)], None).unwrap();
        let table = s.table(&dog).unwrap();
        let before = table.get_stored(&json!(5)).unwrap().unwrap().version;
        let stream_before = table.stream_stats().unwrap().messages;
        assert_eq!(s.drop_attribute(&dog, "age").unwrap(), n - 1);
        assert_eq!(table.meta().attributes, ["id", "name"]);
        assert_eq!(
            table.get(&json!(5)).unwrap(),
            Some(json!({"id": 5, "name": "x"}))
        );
        assert_eq!(
            table.get_stored(&json!(5)).unwrap().unwrap().version,
            before
        );
        assert_eq!(
            table.stream_stats().unwrap().messages,
            stream_before,
            "not a write"
        );
        let mut with_age = 0;
        table
            .scan(|r| {
                with_age += usize::from(r.get("age").is_some());
                true
            })
            .unwrap();
        assert_eq!(with_age, 0);
        for (attr, message) in [
            ("id", "You cannot drop a hash attribute"),
            (
                "__createdtime__",
                "cannot drop internal timestamp attribute: __createdtime__",
            ),
            ("age", "Attribute 'age' was not found in 'dev.dog'"),
        ] {
            assert_eq!(
                s.drop_attribute(&dog, attr).unwrap_err().to_string(),
                message
            );
        }
    }

    #[test]
    fn a_drop_cut_short_is_finished_when_the_store_opens() {
        let dir = tempfile::tempdir().unwrap();
        let dog = TableRef::new("dev", "dog");
        {
            let s = open(dir.path());
            s.create_table(&dog, "id").unwrap();
            let records: Vec<Value> = (0..10).map(|i| json!({"id": i, "age": i})).collect();
            s.write(&dog, WriteAction::Insert, records, None).unwrap();
            // As if the daemon died after marking the drop, before the records.
            let table = s.table(&dog).unwrap();
            let mut meta = table.meta();
            meta.attributes.retain(|a| a != "age");
            meta.dropping = Some("age".into());
            put_meta(&s, &table, meta).unwrap();
            let key = crate::store::record::encode_key(&json!(1)).unwrap();
            let raw = table.records().get(&key).unwrap().unwrap();
            let mut r = Stored::decode(&raw, "id").unwrap().record;
            assert_eq!(r, Some(json!({"id": 1, "age": 1})), "still on disk");
            hide(&mut r, table.meta().dropping.as_deref());
            assert_eq!(r, Some(json!({"id": 1})));
            assert_eq!(
                table.get(&json!(1)).unwrap(),
                Some(json!({"id": 1})),
                "hidden"
            );
            s.flush_blocking().unwrap();
        }
        let s = open(dir.path());
        let table = s.table(&dog).unwrap();
        assert_eq!(table.meta().dropping, None);
        let raw = table
            .records()
            .get(crate::store::record::encode_key(&json!(1)).unwrap());
        let stored = Stored::decode(&raw.unwrap().unwrap(), "id").unwrap();
        assert_eq!(stored.record, Some(json!({"id": 1})), "stripped on disk");
    }
}
