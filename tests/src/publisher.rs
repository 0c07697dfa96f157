//! A hand-driven publisher on a daemon's mesh: it dials the daemon with the
//! real handshake (as node `name`, with the shared cluster password) and
//! answers what a real publisher answers for the subscriptions the daemon
//! makes with it (`__schema`, `add_node`/`update_node`, `__seek`, `__pull`),
//! from streams the test writes entry by entry. So a test can send what no
//! real node sends any more (a record nested deeper than any peer can decode,
//! an entry beyond the limits, a version from the year 10889) and then fix
//! it, and watch what the daemon does with its consumer, its link and its
//! other tables.
//!
//! Frames are written and read here with their own length prefix (not the
//! daemon's `write_frame`), so that nothing on this side refuses to send them.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use harper_daemon::mesh::frame::{Body, Envelope, Frame};
use harper_daemon::store::TxnEntry;
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::sync::mpsc;

use crate::Node;
use crate::peer;

/// The identity of every stream this publisher serves.
pub const STREAM_ID: &str = "fake-publisher-stream";
/// Longest a pull waits here for a new entry (the daemon asks for up to 1 s).
const LONG_POLL: Duration = Duration::from_millis(200);
/// Largest frame read from the daemon.
const MAX_FRAME: usize = 64 * 1024 * 1024;

/// One entry to serve: a transaction, or a raw value put where the entry
/// goes in a pull answer (to send what `TxnEntry` cannot describe).
#[derive(Debug, Clone)]
pub enum Served {
    /// A well-formed transaction.
    Entry(TxnEntry),
    /// Any JSON in the entry's place.
    Raw(Value),
}

#[derive(Default)]
struct State {
    /// `db.table` -> entries (sequence = index + 1).
    streams: BTreeMap<String, Vec<Served>>,
    /// Requests answered, by operation.
    answered: BTreeMap<String, u64>,
}

/// The running publisher; it ends when dropped.
pub struct Publisher {
    /// Its node name.
    pub name: String,
    state: Arc<Mutex<State>>,
    _rt: tokio::runtime::Runtime,
}

impl Publisher {
    /// Dial `node`'s mesh port as node `name` and serve `tables` (`db.table`,
    /// primary key `id`), each with an empty stream.
    pub fn dial(node: &Node, name: &str, tables: &[&str]) -> Publisher {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("tokio runtime");
        let state = Arc::new(Mutex::new(State::default()));
        for t in tables {
            state
                .lock()
                .expect("state")
                .streams
                .insert(t.to_string(), Vec::new());
        }
        let mut tls = rt.block_on(async {
            let mut tls = peer::tls(node.cluster_port, peer::node_tls(node))
                .await
                .expect("TLS to the daemon's mesh port");
            tls.handshake(&peer::identity(name, None))
                .await
                .expect("the handshake links");
            tls
        });
        let (me, st) = (name.to_owned(), state.clone());
        rt.spawn(async move {
            let (mut rd, mut wr) = tokio::io::split(&mut tls.stream);
            let (out, mut queue) = mpsc::channel::<Vec<u8>>(256);
            let writer = async move {
                while let Some(bytes) = queue.recv().await {
                    if wr.write_u32(bytes.len() as u32).await.is_err()
                        || wr.write_all(&bytes).await.is_err()
                        || wr.flush().await.is_err()
                    {
                        return;
                    }
                }
            };
            let reader = async move {
                while let Ok(frame) = read(&mut rd).await {
                    match frame {
                        Frame::Ping { seq, .. } => {
                            send(&out, &Frame::Pong { seq, read: None }).await
                        }
                        Frame::Envelope(Envelope {
                            from,
                            body: Body::Request { id, payload },
                            ..
                        }) => {
                            let (out, st, me) = (out.clone(), st.clone(), me.clone());
                            tokio::spawn(async move {
                                let result = answer(&st, &me, &payload).await;
                                let back = Frame::Envelope(Envelope {
                                    from: me,
                                    to: from,
                                    ttl: 16,
                                    body: Body::Response { id, result },
                                });
                                send(&out, &back).await;
                            });
                        }
                        _ => {}
                    }
                }
            };
            tokio::select! {
                _ = writer => {}
                _ = reader => {}
            }
        });
        Publisher {
            name: name.to_owned(),
            state,
            _rt: rt,
        }
    }

    /// Append an entry to the stream of `table`; its sequence.
    pub fn push(&self, table: &str, entry: Served) -> u64 {
        let mut st = self.state.lock().expect("state");
        let s = st
            .streams
            .get_mut(table)
            .expect("a table this publisher serves");
        s.push(entry);
        s.len() as u64
    }

    /// Replace the entry at `seq` of `table` (the bad entry is fixed).
    pub fn replace(&self, table: &str, seq: u64, entry: Served) {
        let mut st = self.state.lock().expect("state");
        st.streams.get_mut(table).expect("table")[seq as usize - 1] = entry;
    }

    /// How many requests of `operation` it answered.
    pub fn answered(&self, operation: &str) -> u64 {
        let st = self.state.lock().expect("state");
        st.answered.get(operation).copied().unwrap_or(0)
    }
}

/// A transaction of this publisher upserting `records` (each with its `id`)
/// at version `ts` (an HLC timestamp: ms << 16).
pub fn upserts(origin: &str, ts: u64, records: Vec<Value>) -> Served {
    Served::Entry(TxnEntry::upserts(origin, ts, records))
}

/// The HLC timestamp of now plus `ahead_ms`.
pub fn hlc_now(ahead_ms: u64) -> u64 {
    let ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0);
    (ms + ahead_ms) << 16
}

/// `{"a": {"a": ... 1}}`, `levels` deep.
pub fn nested(levels: usize) -> Value {
    let mut v = json!(1);
    for _ in 0..levels {
        v = json!({ "a": v });
    }
    v
}

async fn send(out: &mpsc::Sender<Vec<u8>>, f: &Frame) {
    let _ = out
        .send(serde_json::to_vec(f).expect("frames serialise"))
        .await;
}

async fn read<R: tokio::io::AsyncRead + Unpin>(r: &mut R) -> std::io::Result<Frame> {
    let len = r.read_u32().await? as usize;
    if len > MAX_FRAME {
        return Err(std::io::Error::other("frame too large"));
    }
    let mut buf = vec![0u8; len];
    r.read_exact(&mut buf).await?;
    serde_json::from_slice(&buf).map_err(std::io::Error::other)
}

/// What a real publisher answers.
async fn answer(st: &Arc<Mutex<State>>, me: &str, payload: &Value) -> Result<Value, String> {
    let op = payload["operation"].as_str().unwrap_or_default().to_owned();
    *st.lock()
        .expect("state")
        .answered
        .entry(op.clone())
        .or_default() += 1;
    let table = format!(
        "{}.{}",
        payload["database"].as_str().unwrap_or_default(),
        payload["table"].as_str().unwrap_or_default()
    );
    match op.as_str() {
        "__schema" => {
            let mut out = serde_json::Map::new();
            for t in st.lock().expect("state").streams.keys() {
                let (db, name) = t.split_once('.').expect("db.table");
                let entry = out.entry(db.to_owned()).or_insert_with(|| json!({}));
                entry[name] = json!({"hash_attribute": "id", "attributes": ["id"]});
            }
            Ok(Value::Object(out))
        }
        "add_node" | "update_node" => Ok(json!({
            "message": format!("Node {me} successfully updated remote source"),
            "system_info": {"hdb_version": "fake", "node_version": "fake", "platform": "linux"},
        })),
        "__seek" => {
            Ok(json!({"next": 1, "trimmed": false, "stream": STREAM_ID, "instance": STREAM_ID}))
        }
        "__pull" => {
            let from = payload["from"].as_u64().unwrap_or(1).max(1);
            let max = payload["max"].as_u64().unwrap_or(100).max(1) as usize;
            let pick = |st: &Arc<Mutex<State>>| {
                let st = st.lock().expect("state");
                let s = st.streams.get(&table)?;
                let last = s.len() as u64;
                let entries: Vec<Value> = s
                    .iter()
                    .enumerate()
                    .skip(from as usize - 1)
                    .take(max)
                    .map(|(i, e)| {
                        let entry = match e {
                            Served::Entry(t) => serde_json::to_value(t).expect("entry"),
                            Served::Raw(v) => v.clone(),
                        };
                        json!({"seq": i as u64 + 1, "entry": entry})
                    })
                    .collect();
                Some((last, entries))
            };
            let Some((mut last, mut entries)) = pick(st) else {
                return Err(format!("Table '{table}' does not exist"));
            };
            if entries.is_empty() {
                tokio::time::sleep(LONG_POLL).await;
                (last, entries) = pick(st).expect("table");
            }
            Ok(json!({
                "entries": entries,
                "gap": false,
                "first_seq": 1,
                "last_seq": last,
                "stream": STREAM_ID,
                // What nodes before stream identities read.
                "instance": STREAM_ID,
            }))
        }
        "cluster_status" => Ok(json!({"status": "open", "ports": {}, "uptime": 1.0})),
        _ => Err(format!("fake publisher: unknown operation {op}")),
    }
}
