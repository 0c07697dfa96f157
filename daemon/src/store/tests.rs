use super::*;
use harper_rpc::ops::WriteAction;
use serde_json::json;

fn open() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("db"), "n1", false).unwrap();
    (dir, store)
}

#[test]
fn insert_skips_existing_and_streams_one_transaction() {
    let (_d, s) = open();
    let t = TableRef::new("dev", "dog");
    s.create_table(&t, "id").unwrap();
    let out = s
        .write(
            &t,
            WriteAction::Insert,
            vec![json!({"id":1,"name":"Penny"}), json!({"id":2})],
            None,
        )
        .unwrap();
    assert_eq!(out.written, vec![json!(1), json!(2)]);
    assert_eq!(out.seq, Some(1));
    let out = s
        .write(
            &t,
            WriteAction::Insert,
            vec![json!({"id":1}), json!({"id":3})],
            None,
        )
        .unwrap();
    assert_eq!(out.skipped, vec![json!(1)]);
    assert_eq!(out.seq, Some(2));
    let table = s.table(&t).unwrap();
    assert_eq!(table.stream().len(), 2);
    let entry =
        TxnEntry::decode(&table.stream().get(stream::seq_key(2)).unwrap().unwrap()).unwrap();
    assert_eq!(entry.writes.len(), 1);
    assert_eq!(entry.origin, "n1");
    assert_eq!(table.get(&json!(1)).unwrap().unwrap()["name"], "Penny");
}

#[test]
fn duplicate_ids_in_one_insert_are_skipped_once_written() {
    let (_d, s) = open();
    let t = TableRef::new("dev", "dog");
    s.create_table(&t, "id").unwrap();
    let out = s
        .write(
            &t,
            WriteAction::Insert,
            vec![json!({"id":1,"a":1}), json!({"id":1,"a":2})],
            None,
        )
        .unwrap();
    assert_eq!(out.written, vec![json!(1)]);
    assert_eq!(out.skipped, vec![json!(1)]);
    assert_eq!(
        s.table(&t).unwrap().get(&json!(1)).unwrap().unwrap()["a"],
        1
    );
}

#[test]
fn update_merges_and_delete_leaves_a_tombstone() {
    let (_d, s) = open();
    let t = TableRef::new("dev", "dog");
    s.create_table(&t, "id").unwrap();
    s.write(
        &t,
        WriteAction::Insert,
        vec![json!({"id":1,"name":"P","age":3})],
        None,
    )
    .unwrap();
    let out = s
        .write(
            &t,
            WriteAction::Update,
            vec![json!({"id":1,"age":4}), json!({"id":9})],
            None,
        )
        .unwrap();
    assert_eq!((out.written, out.skipped), (vec![json!(1)], vec![json!(9)]));
    let table = s.table(&t).unwrap();
    assert_eq!(
        table.get(&json!(1)).unwrap().unwrap(),
        json!({"id":1,"name":"P","age":4})
    );
    let before = table.get_stored(&json!(1)).unwrap().unwrap().version;
    let del = s.delete(&t, vec![json!(1), json!(2)], None).unwrap();
    assert_eq!((del.deleted, del.skipped), (vec![json!(1)], vec![json!(2)]));
    let tomb = table.get_stored(&json!(1)).unwrap().unwrap();
    assert!(tomb.record.is_none() && tomb.version > before);
    assert_eq!(table.get(&json!(1)).unwrap(), None);
    assert_eq!(table.stats().unwrap().record_count, 0);
    // An insert after a delete revives the id.
    let out = s
        .write(&t, WriteAction::Insert, vec![json!({"id":1})], None)
        .unwrap();
    assert_eq!(out.written, vec![json!(1)]);
}

#[test]
fn update_without_key_and_bad_attributes_are_refused_without_writing() {
    let (_d, s) = open();
    let t = TableRef::new("data", "x");
    s.create_table(&t, "id").unwrap();
    assert!(matches!(
        s.write(&t, WriteAction::Update, vec![json!({"a":1})], None),
        Err(StoreError::UpdateWithoutKey)
    ));
    let e = s
        .write(
            &t,
            WriteAction::Insert,
            vec![json!({"id":1,"null":2})],
            None,
        )
        .unwrap_err();
    assert_eq!(e.to_string(), "Invalid attribute name: 'null'");
    assert_eq!(s.table(&t).unwrap().stream().len(), 0);
}

#[test]
fn upsert_without_key_generates_uuid_and_tracks_attributes() {
    let (_d, s) = open();
    let t = TableRef::new("data", "x");
    s.create_table(&t, "id").unwrap();
    let out = s
        .write(&t, WriteAction::Upsert, vec![json!({"name":"a"})], None)
        .unwrap();
    assert_eq!(out.written[0].as_str().unwrap().len(), 36);
    assert_eq!(s.table(&t).unwrap().meta().attributes, vec!["id", "name"]);
}

/// Open the store in `dir` again once the last one there has gone. Dropping a
/// store does not wait for sled's IO threads to finish their last write, and
/// they hold the database's file lock until then; so wait (bounded) while
/// the open is refused for that lock.
pub(crate) fn reopen(dir: &std::path::Path, name: &str) -> Store {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        match Store::open(dir, name, false) {
            Ok(store) => return store,
            Err(e)
                if e.to_string().contains("could not acquire lock")
                    && std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            Err(e) => panic!("cannot reopen the store in {}: {e}", dir.display()),
        }
    }
}

#[test]
fn tables_and_sequences_survive_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let t = TableRef::new("dev", "dog");
    {
        let s = Store::open(dir.path(), "n1", false).unwrap();
        s.create_table(&t, "id").unwrap();
        s.write(&t, WriteAction::Insert, vec![json!({"id":1})], None)
            .unwrap();
        s.flush_blocking().unwrap();
    }
    let s = reopen(dir.path(), "n1");
    let out = s
        .write(&t, WriteAction::Insert, vec![json!({"id":2})], None)
        .unwrap();
    assert_eq!(out.seq, Some(2));
    assert_eq!(s.table(&t).unwrap().meta().primary_key, "id");
}

#[test]
fn ddl_errors_carry_harperdb_messages() {
    let (_d, s) = open();
    s.create_database("dev").unwrap();
    assert_eq!(
        s.create_database("dev").unwrap_err().to_string(),
        "database 'dev' already exists"
    );
    let t = TableRef::new("dev", "dog");
    s.create_table(&t, "id").unwrap();
    assert_eq!(
        s.create_table(&t, "id")
            .err()
            .map(|e| e.to_string())
            .unwrap(),
        "Table 'dog' already exists in 'dev'"
    );
    assert_eq!(
        s.table(&TableRef::new("dev", "cat"))
            .err()
            .map(|e| e.to_string())
            .unwrap(),
        "Table 'dev.cat' does not exist"
    );
    assert_eq!(
        s.table(&TableRef::new("nope", "cat"))
            .err()
            .map(|e| e.to_string())
            .unwrap(),
        "database 'nope' does not exist"
    );
    s.drop_database("dev").unwrap();
    assert!(s.tables().is_empty());
    s.create_table(&t, "id").unwrap();
    assert_eq!(s.table(&t).unwrap().stats().unwrap().record_count, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_flushes_cover_every_writer() {
    let (_d, s) = open();
    concurrent_writers(s).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_flushes_cover_every_writer_with_fsync() {
    let dir = tempfile::tempdir().unwrap();
    let s = Store::open(&dir.path().join("db"), "n1", true).unwrap();
    concurrent_writers(s).await;
}

async fn concurrent_writers(s: Store) {
    let t = TableRef::new("dev", "dog");
    s.create_table(&t, "id").unwrap();
    let mut tasks = Vec::new();
    for w in 0..8 {
        let s = s.clone();
        let t = t.clone();
        tasks.push(tokio::spawn(async move {
            for i in 0..50 {
                let out = s
                    .write(
                        &t,
                        WriteAction::Insert,
                        vec![json!({"id": w * 1000 + i})],
                        None,
                    )
                    .unwrap();
                s.flush().await.unwrap();
                // Acknowledged: its stream entry is readable by peers.
                let table = s.table(&t).unwrap();
                assert!(table.durable_seq() >= out.seq.unwrap());
            }
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    assert_eq!(s.table(&t).unwrap().durable_seq(), 400);
}

#[test]
fn a_local_write_beyond_the_limits_stores_nothing() {
    use limits::{LimitError, MAX_ENTRY_BYTES, MAX_RECORD_BYTES, MAX_RECORD_DEPTH};
    let (_d, s) = open();
    let t = TableRef::new("dev", "dog");
    s.create_table(&t, "id").unwrap();
    let big = |id: u64| json!({"id": id, "s": "x".repeat(MAX_RECORD_BYTES - 100)});
    let many: Vec<Value> = (0..=(MAX_ENTRY_BYTES / MAX_RECORD_BYTES) as u64)
        .map(big)
        .collect();
    let e = s.write(&t, WriteAction::Insert, many, None).unwrap_err();
    assert!(
        matches!(e, StoreError::Limit(LimitError::EntryTooLarge(_))),
        "{e}"
    );
    assert_eq!(e.status(), 400);
    let mut deep = json!(1);
    for _ in 0..=MAX_RECORD_DEPTH {
        deep = json!({ "a": deep });
    }
    deep["id"] = json!(9);
    let e = s
        .write(&t, WriteAction::Upsert, vec![deep], None)
        .unwrap_err();
    assert!(matches!(e, StoreError::Limit(LimitError::TooDeep)), "{e}");
    let table = s.table(&t).unwrap();
    assert_eq!(table.records().len(), 0);
    assert_eq!(table.stream().len(), 0);
    // The sequence was not used: the next write takes 1.
    let out = s
        .write(&t, WriteAction::Insert, vec![big(1)], None)
        .unwrap();
    assert_eq!(out.seq, Some(1));
    // An update whose merge grows the record past the limit keeps the old one.
    let e = s
        .write(
            &t,
            WriteAction::Update,
            vec![json!({"id": 1, "t": "y".repeat(200)})],
            None,
        )
        .unwrap_err();
    assert!(
        matches!(e, StoreError::Limit(LimitError::RecordTooLarge(_))),
        "{e}"
    );
    assert_eq!(table.get(&json!(1)).unwrap().unwrap().get("t"), None);
    assert_eq!(table.stream().len(), 1);
}

/// Every table creation (an operation's, or `add_node`'s for a subscription a
/// peer names) goes through `create_table`: nothing in `system`, no bad names.
#[test]
fn create_table_refuses_system_and_bad_names_and_creates_nothing() {
    let (_d, s) = open();
    for (db, table, pk) in [
        ("system", "hdb_user", "username"),
        ("system", "x", "id"),
        ("dev\0", "dog", "id"),
        ("dev", "do\u{202E}g", "id"),
        ("dev", "a.b", "id"),
        ("dev", "dog", "i\nd"),
    ] {
        let Err(err) = s.create_table(&TableRef::new(db, table), pk) else {
            panic!("{db:?}.{table:?} was created");
        };
        assert!(
            matches!(err, StoreError::Name(_)),
            "{db:?}.{table:?}: {err}"
        );
        assert_eq!(err.status(), 400);
    }
    assert!(matches!(
        s.create_database("system"),
        Err(StoreError::Name(harper_rpc::NameError::Reserved(_)))
    ));
    assert!(s.databases().unwrap().is_empty(), "nothing was created");
    assert!(s.tables().is_empty());
    s.create_table(&TableRef::new("dév", "日本"), "ü").unwrap();
}
