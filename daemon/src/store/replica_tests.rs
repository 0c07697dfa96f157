//! The replication half of the store: exactly-once apply with the cursor,
//! last-writer-wins (deletes included), echo suppression, republish, the
//! flushed watermark, seeks, trims and snapshots; and a model test that
//! replicas converge whatever the interleaving of writes and deliveries.

use super::*;
use crate::store::{Store, StoreError};
use harper_rpc::TableRef;
use harper_rpc::ops::WriteAction;
use proptest::prelude::*;
use serde_json::json;

fn open(name: &str) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("db"), name, false).unwrap();
    (dir, store)
}

fn dog() -> TableRef {
    TableRef::new("dev", "dog")
}

fn flush(s: &Store) {
    thread_local! {
        static RT: tokio::runtime::Runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
    }
    RT.with(|rt| rt.block_on(s.flush())).unwrap();
}

/// Deliver up to `max` entries of `from`'s stream to `to` (as its consumer); how many.
fn deliver(from: &Store, to: &Store, t: &TableRef, max: usize, republish: bool) -> usize {
    let publisher = from.node_name();
    to.create_cursor(&publisher, t, 1, "i").unwrap();
    let next = to.cursor(&publisher, t).unwrap().unwrap();
    let entries = from
        .table(t)
        .unwrap()
        .read_stream(next, max, usize::MAX)
        .unwrap()
        .entries;
    // As a consumer does: the pulled batch at once (one transaction when it
    // goes in whole).
    to.apply_remote_batch(&publisher, t, &entries, republish)
        .unwrap();
    flush(to);
    entries.len()
}

fn upsert(s: &Store, records: Vec<Value>) {
    s.write(&dog(), WriteAction::Upsert, records, None).unwrap();
    flush(s);
}

/// Every stored record and tombstone with its version.
fn dump(s: &Store) -> Vec<(Value, Version, Option<Value>)> {
    let (items, _) = s
        .table(&dog())
        .unwrap()
        .snapshot_page(None, usize::MAX, usize::MAX)
        .unwrap();
    items
        .into_iter()
        .map(|i| (i.id, i.version, i.record))
        .collect()
}

#[test]
fn only_flushed_entries_are_read() {
    let (_d, a) = open("a");
    a.create_table(&dog(), "id").unwrap();
    a.write(&dog(), WriteAction::Insert, vec![json!({"id": 1})], None)
        .unwrap();
    let t = a.table(&dog()).unwrap();
    assert!(t.read_stream(1, 10, usize::MAX).unwrap().entries.is_empty());
    flush(&a);
    assert_eq!(t.read_stream(1, 10, usize::MAX).unwrap().entries.len(), 1);
    assert_eq!(t.durable_seq(), 1);
}

#[test]
fn apply_is_exactly_once_and_moves_the_cursor_with_the_data() {
    let (_d1, a) = open("a");
    let (_d2, b) = open("b");
    for s in [&a, &b] {
        s.create_table(&dog(), "id").unwrap();
    }
    upsert(&a, vec![json!({"id": 1, "name": "Penny"})]);
    upsert(&a, vec![json!({"id": 2, "name": "Harper", "age": 5})]);
    assert_eq!(deliver(&a, &b, &dog(), 10, false), 2);
    assert_eq!(b.cursor("a", &dog()).unwrap(), Some(3));
    assert_eq!(dump(&a), dump(&b));
    // New attributes are added on the receiver.
    assert!(
        b.table(&dog())
            .unwrap()
            .meta()
            .attributes
            .contains(&"age".into())
    );
    // The same entry again is skipped, not applied twice.
    let entries = a
        .table(&dog())
        .unwrap()
        .read_stream(1, 10, usize::MAX)
        .unwrap()
        .entries;
    let again = b
        .apply_remote("a", &dog(), 1, &entries[0].1, false)
        .unwrap();
    assert!(again.skipped);
    // An entry past the cursor is a gap, not silently applied.
    b.move_cursor("a", &dog(), (3, "i"), (1, "i")).unwrap();
    assert!(matches!(
        b.apply_remote("a", &dog(), 2, &entries[1].1, false),
        Err(StoreError::StreamGap(1, 2))
    ));
    // Without a cursor (the node was removed) nothing is applied.
    b.remove_node_record("a").unwrap();
    assert!(matches!(
        b.apply_remote("a", &dog(), 1, &entries[0].1, false),
        Err(StoreError::NoCursor)
    ));
}

#[test]
fn last_writer_wins_in_any_order_and_deletes_stay_deleted() {
    let (_d1, a) = open("a");
    let (_d2, b) = open("b");
    for s in [&a, &b] {
        s.create_table(&dog(), "id").unwrap();
    }
    upsert(&a, vec![json!({"id": 1, "who": "a"})]);
    upsert(&b, vec![json!({"id": 1, "who": "b"})]); // later: wins
    deliver(&a, &b, &dog(), 10, false);
    deliver(&b, &a, &dog(), 10, false);
    assert_eq!(dump(&a), dump(&b));
    assert_eq!(
        a.table(&dog()).unwrap().get(&json!(1)).unwrap().unwrap()["who"],
        "b"
    );

    // A delete on b, then an older write from a arrives after it: still deleted.
    let (_d3, c) = open("c");
    c.create_table(&dog(), "id").unwrap();
    upsert(&a, vec![json!({"id": 2, "v": 1})]);
    deliver(&a, &b, &dog(), 10, false);
    b.delete(&dog(), vec![json!(2)], None).unwrap();
    flush(&b);
    deliver(&b, &c, &dog(), 10, false); // c sees the delete first (as a tombstone)
    deliver(&a, &c, &dog(), 10, false); // then a's older write
    assert_eq!(c.table(&dog()).unwrap().get(&json!(2)).unwrap(), None);
    assert!(
        c.table(&dog())
            .unwrap()
            .get_stored(&json!(2))
            .unwrap()
            .unwrap()
            .record
            .is_none()
    );
}

#[test]
fn echoes_are_dropped_and_republish_forwards_with_origin() {
    let (_d1, a) = open("a");
    let (_d2, b) = open("b");
    let (_d3, c) = open("c");
    for s in [&a, &b, &c] {
        s.create_table(&dog(), "id").unwrap();
    }
    upsert(&a, vec![json!({"id": 1})]);
    // b republishes what it applies; c reads only b.
    deliver(&a, &b, &dog(), 10, true);
    let b_stream = b
        .table(&dog())
        .unwrap()
        .read_stream(1, 10, usize::MAX)
        .unwrap()
        .entries;
    assert_eq!(b_stream.len(), 1);
    assert_eq!(b_stream[0].1.origin, "a");
    assert_eq!(b_stream[0].1.transacted, vec!["b".to_owned()]);
    deliver(&b, &c, &dog(), 10, false);
    assert_eq!(dump(&a), dump(&c));
    // a reading b's stream gets its own write back: skipped whole.
    let out = {
        a.create_cursor("b", &dog(), 1, "i").unwrap();
        a.apply_remote("b", &dog(), 1, &b_stream[0].1, false)
            .unwrap()
    };
    assert!(out.skipped && out.applied == 0);
    assert_eq!(a.cursor("b", &dog()).unwrap(), Some(2));
}

/// `dev.dog` with ten one-record transactions, and their append times.
fn ten_entries(a: &Store) -> (std::sync::Arc<crate::store::Table>, Vec<u64>) {
    a.create_table(&dog(), "id").unwrap();
    for i in 0..10 {
        upsert(a, vec![json!({"id": i})]);
    }
    let t = a.table(&dog()).unwrap();
    let times = t
        .read_stream(1, 100, usize::MAX)
        .unwrap()
        .entries
        .iter()
        .map(|(_, e)| e.appended)
        .collect();
    (t, times)
}

#[test]
fn seek_by_time_and_trims_that_went_past_it() {
    let (_d, a) = open("a");
    let (t, times) = ten_entries(&a);
    assert_eq!(a.seek(&dog(), 0).unwrap(), Seek::At(1));
    assert_eq!(a.seek(&dog(), times[4]).unwrap(), Seek::At(5));
    assert_eq!(a.seek(&dog(), times[9] + 1).unwrap(), Seek::At(11));
    // keep 3: entries 1..=7 go; a seek into them starts at what was kept
    // (a purge is history meant to be gone, not a gap to repair).
    assert_eq!(a.purge_stream(&dog(), Some(3), None).unwrap(), 7);
    assert_eq!(t.first_seq().unwrap(), 8);
    assert_eq!(a.seek(&dog(), times[2]).unwrap(), Seek::At(8));
    assert_eq!(a.seek(&dog(), 0).unwrap(), Seek::At(8));
    assert_eq!(a.seek(&dog(), times[8]).unwrap(), Seek::At(9));
    let stats = t.stream_stats().unwrap();
    assert_eq!(
        (stats.first_seq, stats.last_seq, stats.messages),
        (8, 10, 3)
    );
    // Sequence numbers are never handed out twice, even after a full purge.
    assert_eq!(a.purge_stream(&dog(), None, None).unwrap(), 3);
    upsert(&a, vec![json!({"id": 99})]);
    assert_eq!(t.last_seq(), 11);
    assert_eq!(t.first_seq().unwrap(), 11);
}

#[test]
fn a_seek_into_purged_history_starts_after_it_but_into_trimmed_history_resyncs() {
    let (_d, a) = open("a");
    let (_, times) = ten_entries(&a);
    // The limits trim 1..=2: a consumer starting before them must resync.
    let limits = StreamLimits {
        max_msgs: Some(8),
        ..StreamLimits::default()
    };
    assert_eq!(a.trim_streams(limits).unwrap(), 2);
    assert_eq!(a.seek(&dog(), times[0]).unwrap(), Seek::Trimmed(3));
    // A purge after the trim covers it: the operator wanted all that gone.
    assert_eq!(a.purge_stream(&dog(), Some(5), None).unwrap(), 3);
    assert_eq!(a.seek(&dog(), times[0]).unwrap(), Seek::At(6));
    assert_eq!(a.seek(&dog(), times[4]).unwrap(), Seek::At(6));
    // Trimmed again after the purge: what went past the purge is a gap again.
    let limits = StreamLimits {
        max_msgs: Some(3),
        ..StreamLimits::default()
    };
    assert_eq!(a.trim_streams(limits).unwrap(), 2);
    assert_eq!(a.seek(&dog(), times[0]).unwrap(), Seek::Trimmed(8));
    assert_eq!(a.seek(&dog(), times[7]).unwrap(), Seek::At(8));
    // A dropped table created again has no past at all.
    a.drop_table(&dog()).unwrap();
    a.create_table(&dog(), "id").unwrap();
    upsert(&a, vec![json!({"id": 1})]);
    assert_eq!(a.seek(&dog(), 0).unwrap(), Seek::At(1));
}

#[test]
fn stream_limits_trim_oldest_first() {
    let (_d, a) = open("a");
    a.create_table(&dog(), "id").unwrap();
    for i in 0..20 {
        upsert(&a, vec![json!({"id": i, "pad": "x".repeat(100)})]);
    }
    let t = a.table(&dog()).unwrap();
    let limits = StreamLimits {
        max_msgs: Some(15),
        ..StreamLimits::default()
    };
    assert_eq!(a.trim_streams(limits).unwrap(), 5);
    assert_eq!(t.first_seq().unwrap(), 6);
    let bytes = t.stream_stats().unwrap().bytes;
    let limits = StreamLimits {
        max_bytes: Some(bytes / 3),
        ..StreamLimits::default()
    };
    a.trim_streams(limits).unwrap();
    let after = t.stream_stats().unwrap();
    assert!(after.bytes <= bytes / 3, "{after:?}");
    assert_eq!(after.last_seq, 20);
    let limits = StreamLimits {
        max_age_secs: Some(0),
        ..StreamLimits::default()
    };
    a.trim_streams(limits).unwrap();
    assert_eq!(t.stream_stats().unwrap().messages, 0);
    // The records are untouched by trimming.
    assert_eq!(t.stats().unwrap().record_count, 20);
}

#[test]
fn snapshots_merge_by_version_page_by_page() {
    let (_d1, a) = open("a");
    let (_d2, b) = open("b");
    for s in [&a, &b] {
        s.create_table(&dog(), "id").unwrap();
    }
    upsert(&b, vec![json!({"id": 3, "who": "b-old"})]);
    for i in 0..7 {
        upsert(&a, vec![json!({"id": i, "who": "a"})]);
    }
    a.delete(&dog(), vec![json!(5)], None).unwrap();
    upsert(&b, vec![json!({"id": 4, "who": "b-new"})]);
    let ta = a.table(&dog()).unwrap();
    let mut after: Option<Vec<u8>> = None;
    loop {
        let (items, next) = ta.snapshot_page(after.as_deref(), 3, usize::MAX).unwrap();
        b.apply_snapshot(&dog(), &items).unwrap();
        match next {
            Some(k) => after = Some(k),
            None => break,
        }
    }
    let tb = b.table(&dog()).unwrap();
    assert_eq!(tb.get(&json!(3)).unwrap().unwrap()["who"], "a");
    assert_eq!(tb.get(&json!(4)).unwrap().unwrap()["who"], "b-new");
    assert_eq!(tb.get(&json!(5)).unwrap(), None);
    assert_eq!(tb.stats().unwrap().record_count, 6);
}

#[test]
fn a_local_write_is_newer_than_what_it_overwrites_even_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    let hour = record::hlc_from_millis(3_600_000);
    let ahead = {
        let b = Store::open(&path, "b", false).unwrap();
        b.hlc().set_max_offset_ms(2 * 3_600_000);
        b.create_table(&dog(), "id").unwrap();
        // A write from a node whose clock runs an hour ahead (within the offset).
        let entry = TxnEntry {
            origin: "fast".into(),
            ts: b.hlc().now() + hour,
            appended: 0,
            user: None,
            transacted: Vec::new(),
            writes: vec![crate::store::TxnWrite {
                op: crate::store::WriteOp::Upsert,
                id: json!(1),
                record: Some(json!({"id": 1, "who": "fast"})),
            }],
        };
        b.create_cursor("fast", &dog(), 1, "i").unwrap();
        b.apply_remote("fast", &dog(), 1, &entry, false).unwrap();
        flush(&b);
        entry.ts
    };
    // Reopened, the clock has not seen that version (nothing in the stream).
    let b = crate::store::tests::reopen(&path, "b");
    b.hlc().set_max_offset_ms(2 * 3_600_000);
    assert!(b.hlc().now() < ahead);
    b.write(
        &dog(),
        WriteAction::Update,
        vec![json!({"id": 1, "who": "b"})],
        None,
    )
    .unwrap();
    let v = b
        .table(&dog())
        .unwrap()
        .get_stored(&json!(1))
        .unwrap()
        .unwrap();
    assert!(
        v.version.ts > ahead,
        "the update must win over what it overwrote"
    );
    assert_eq!(v.record.unwrap()["who"], "b");
    // The stream carries the same, newer version.
    flush(&b);
    let entries = b
        .table(&dog())
        .unwrap()
        .read_stream(1, 10, usize::MAX)
        .unwrap()
        .entries;
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].1.ts, v.version.ts);
}

/// `{"a": {"a": ... 1}}`, `levels` deep.
fn nested(levels: usize) -> Value {
    let mut v = json!(1);
    for _ in 0..levels {
        v = json!({ "a": v });
    }
    v
}

/// Replace what the stream holds at `seq` (an entry written before the
/// limits existed, or damaged on disk).
fn overwrite_entry(s: &Store, seq: u64, bytes: Vec<u8>) {
    let t = s.table(&dog()).unwrap();
    t.stream()
        .insert(crate::store::stream::seq_key(seq), bytes)
        .unwrap();
}

fn deep_entry(s: &Store, seq: u64) -> TxnEntry {
    let t = s.table(&dog()).unwrap();
    let raw = t
        .stream()
        .get(crate::store::stream::seq_key(seq))
        .unwrap()
        .unwrap();
    let mut e = TxnEntry::decode(&raw).unwrap();
    e.writes[0].record = Some(json!({"id": 1, "deep": nested(limits::MAX_RECORD_DEPTH + 1)}));
    e
}

#[test]
fn an_entry_beyond_the_limits_is_poison_until_its_record_is_superseded() {
    let (_d, a) = open("a");
    a.create_table(&dog(), "id").unwrap();
    upsert(&a, vec![json!({"id": 1, "v": 1}), json!({"id": 2, "v": 1})]);
    upsert(&a, vec![json!({"id": 3, "v": 1})]);
    let legacy = deep_entry(&a, 1);
    overwrite_entry(&a, 1, legacy.encode());
    let t = a.table(&dog()).unwrap();
    let read = t.read_stream(1, 10, usize::MAX).unwrap();
    assert!(read.entries.is_empty());
    let poison = read.poison.expect("poison");
    assert_eq!(poison.seq, 1);
    assert!(
        poison.reason.contains("record 1 of 'dev.dog'"),
        "{}",
        poison.reason
    );
    assert!(poison.reason.contains("64 levels"), "{}", poison.reason);
    // Reading from after it is not affected, and a read that reaches it stops before it.
    let after = t.read_stream(2, 10, usize::MAX).unwrap();
    assert_eq!(after.entries.len(), 1);
    // Once record 1 is updated, entry 1 ships without that write: the update
    // (a later entry) carries the record, and record 2 of the same
    // transaction still arrives.
    upsert(&a, vec![json!({"id": 1, "v": 2})]);
    let read = t.read_stream(1, 10, usize::MAX).unwrap();
    assert_eq!(read.poison, None);
    assert_eq!(read.omitted, 1);
    assert_eq!(read.entries.len(), 3);
    assert_eq!(read.entries[0].1.writes.len(), 1);
    assert_eq!(read.entries[0].1.writes[0].id, json!(2));
    // A damaged entry is poison too.
    overwrite_entry(&a, 2, b"{not json".to_vec());
    let read = t.read_stream(2, 10, usize::MAX).unwrap();
    assert!(read.poison.unwrap().reason.contains("damaged"));
}

#[test]
fn remote_entries_beyond_the_limits_or_the_clock_are_refused_whole() {
    let (_d, b) = open("b");
    b.create_table(&dog(), "id").unwrap();
    b.create_cursor("a", &dog(), 1, "i").unwrap();
    let entry = |ts: u64, record: Value| TxnEntry {
        origin: "a".into(),
        ts,
        appended: ts,
        user: None,
        transacted: Vec::new(),
        writes: vec![
            crate::store::TxnWrite {
                op: crate::store::WriteOp::Upsert,
                id: json!(7),
                record: Some(json!({"id": 7})),
            },
            crate::store::TxnWrite {
                op: crate::store::WriteOp::Upsert,
                id: json!(8),
                record: Some(record),
            },
        ],
    };
    let now = b.hlc().now();
    let deep = entry(now, json!({"id": 8, "x": nested(limits::MAX_RECORD_DEPTH)}));
    let e = b.apply_remote("a", &dog(), 1, &deep, false).unwrap_err();
    assert!(matches!(e, StoreError::Limit(_)), "{e}");
    let big = "x".repeat(limits::MAX_RECORD_BYTES);
    let large = entry(now, json!({"id": 8, "x": big}));
    let e = b.apply_remote("a", &dog(), 1, &large, false).unwrap_err();
    assert!(matches!(e, StoreError::Limit(_)), "{e}");
    let before = b.hlc().now();
    let future = entry(u64::MAX - 1, json!({"id": 8}));
    let e = b.apply_remote("a", &dog(), 1, &future, false).unwrap_err();
    assert!(matches!(e, StoreError::ClockAhead(_)), "{e}");
    assert!(e.to_string().contains("clustering.maxClockOffset"), "{e}");
    assert!(b.hlc().now() < before + record::hlc_from_millis(60_000));
    // Nothing of any of them was written, and the cursor did not move.
    assert_eq!(b.cursor("a", &dog()).unwrap(), Some(1));
    assert_eq!(b.table(&dog()).unwrap().get(&json!(7)).unwrap(), None);
    let fine = entry(b.hlc().now(), json!({"id": 8}));
    b.apply_remote("a", &dog(), 1, &fine, false).unwrap();
    assert_eq!(b.cursor("a", &dog()).unwrap(), Some(2));
}

#[test]
fn snapshot_pages_are_bounded_in_bytes_and_refuse_a_record_beyond_the_limits() {
    let (_d, a) = open("a");
    a.create_table(&dog(), "id").unwrap();
    let text = "y".repeat(1000);
    upsert(&a, (0..5).map(|i| json!({"id": i, "t": text})).collect());
    let t = a.table(&dog()).unwrap();
    let (page, next) = t.snapshot_page(None, 100, 2500).unwrap();
    assert_eq!(
        page.len(),
        3,
        "about 2,500 bytes: the third record passes it"
    );
    let (rest, end) = t.snapshot_page(next.as_deref(), 100, 2500).unwrap();
    assert_eq!(rest.len(), 2);
    assert!(end.is_none());
    // A stored record nested too deep (written before the limits existed).
    let deep = Stored {
        version: Version {
            ts: a.hlc().now(),
            node: "a".into(),
        },
        record: Some(json!({"id": 2, "x": nested(limits::MAX_RECORD_DEPTH)})),
        id: json!(2),
    };
    t.records()
        .insert(encode_key(&json!(2)).unwrap(), deep.encode())
        .unwrap();
    let e = t.snapshot_page(None, 100, usize::MAX).unwrap_err();
    assert!(
        e.to_string()
            .contains("record 2 of 'dev.dog' cannot be copied"),
        "{e}"
    );
}

#[test]
fn a_table_created_again_is_a_new_stream() {
    let (_d, a) = open("a");
    a.create_table(&dog(), "id").unwrap();
    let first = a.table(&dog()).unwrap().stream_id("inst");
    assert!(first.starts_with("inst/"), "{first}");
    a.drop_table(&dog()).unwrap();
    a.create_table(&dog(), "id").unwrap();
    let second = a.table(&dog()).unwrap().stream_id("inst");
    assert_ne!(first, second);
    // Kept across a restart.
    drop(a);
    let dir = _d.path().join("db");
    let a = crate::store::tests::reopen(&dir, "a");
    assert_eq!(a.table(&dog()).unwrap().stream_id("inst"), second);
}

/// One step of the model: a write on a node, or a delivery between two nodes
/// (a "link cut" is simply a pair that gets no deliveries for a while).
#[derive(Debug, Clone)]
enum Step {
    Upsert { node: usize, id: u8, v: u8 },
    Update { node: usize, id: u8, v: u8 },
    Delete { node: usize, id: u8 },
    Deliver { from: usize, to: usize, max: usize },
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0..3usize, 0..6u8, any::<u8>()).prop_map(|(node, id, v)| Step::Upsert { node, id, v }),
        (0..3usize, 0..6u8, any::<u8>()).prop_map(|(node, id, v)| Step::Update { node, id, v }),
        (0..3usize, 0..6u8).prop_map(|(node, id)| Step::Delete { node, id }),
        (0..3usize, 0..3usize, 1..4usize).prop_map(|(from, to, max)| Step::Deliver {
            from,
            to,
            max
        }),
    ]
}

fn converge(steps: Vec<Step>, republish: bool) {
    let nodes: Vec<(tempfile::TempDir, Store)> = ["a", "b", "c"].iter().map(|n| open(n)).collect();
    let stores: Vec<&Store> = nodes.iter().map(|(_, s)| s).collect();
    for s in &stores {
        s.create_table(&dog(), "id").unwrap();
    }
    for st in steps {
        match st {
            Step::Upsert { node, id, v } => {
                upsert(stores[node], vec![json!({"id": id, "v": v, "by": node})])
            }
            Step::Update { node, id, v } => {
                stores[node]
                    .write(
                        &dog(),
                        WriteAction::Update,
                        vec![json!({"id": id, "u": v})],
                        None,
                    )
                    .unwrap();
                flush(stores[node]);
            }
            Step::Delete { node, id } => {
                stores[node].delete(&dog(), vec![json!(id)], None).unwrap();
                flush(stores[node]);
            }
            Step::Deliver { from, to, max } if from != to => {
                deliver(stores[from], stores[to], &dog(), max, republish);
            }
            Step::Deliver { .. } => {}
        }
    }
    // Heal: deliver everything until nothing moves (bounded).
    for _ in 0..20 {
        let mut moved = 0;
        for from in 0..3 {
            for to in 0..3 {
                if from != to {
                    moved += deliver(stores[from], stores[to], &dog(), usize::MAX, republish);
                }
            }
        }
        if moved == 0 {
            break;
        }
    }
    let a = dump(stores[0]);
    assert_eq!(a, dump(stores[1]), "a and b differ");
    assert_eq!(a, dump(stores[2]), "a and c differ");
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(24),
        ..ProptestConfig::default()
    })]

    /// Every pair subscribed both ways, random writes and deliveries: identical
    /// tables (versions included) once every stream is drained.
    #[test]
    fn replicas_converge(steps in proptest::collection::vec(step(), 1..60), republish in any::<bool>()) {
        converge(steps, republish);
    }
}

#[test]
fn an_entry_at_the_limit_is_shipped_again_by_a_node_that_republishes_it() {
    let (_d, b) = open("b");
    b.create_table(&dog(), "id").unwrap();
    b.create_cursor("a", &dog(), 1, "i").unwrap();
    let write = |id: u64, pad: usize| crate::store::TxnWrite {
        op: crate::store::WriteOp::Upsert,
        id: json!(id),
        record: Some(json!({"id": id, "x": "x".repeat(pad)})),
    };
    let part = limits::MAX_ENTRY_BYTES / 5 - 200;
    let mut entry = TxnEntry {
        origin: "a".into(),
        ts: b.hlc().now(),
        appended: b.hlc().now(),
        user: None,
        transacted: Vec::new(),
        writes: (1..=5).map(|id| write(id, part)).collect(),
    };
    // Exactly at the limit as its origin wrote it.
    let short = limits::MAX_ENTRY_BYTES - entry.encode().len();
    entry.writes[4] = write(5, part + short);
    assert_eq!(entry.encode().len(), limits::MAX_ENTRY_BYTES);
    b.apply_remote("a", &dog(), 1, &entry, true).unwrap();
    flush(&b);
    // b's copy names b in `transacted`: a few bytes over the limit, still shipped.
    let read = b
        .table(&dog())
        .unwrap()
        .read_stream(1, 10, usize::MAX)
        .unwrap();
    assert!(read.poison.is_none(), "{:?}", read.poison);
    assert_eq!(read.entries.len(), 1);
    assert_eq!(read.entries[0].1.transacted, vec!["b".to_owned()]);
    assert!(read.entries[0].1.encode().len() > limits::MAX_ENTRY_BYTES);
}
