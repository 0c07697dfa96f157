//! Table replication: one durable consumer per (publisher, table) this node
//! subscribes to, the publisher's answers to other nodes' consumers, stream
//! limits, and what status shows about both.
//!
//! The consumers follow the node records (HarperDB's `hdb_nodes`) and the
//! cursors in the store: a subscription with `subscribe: true` and a cursor
//! has a running consumer; `subscribe: false` keeps the cursor (so turning it
//! back on resumes where it stopped) but runs nothing. The subscription
//! protocol between two nodes is in [`subscriptions`]; the operations that
//! validate its requests and word its answers are in `ops::nodes`.

mod consumer;
mod recover;
mod serve;
pub mod subscriptions;
pub mod wire;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use harper_rpc::TableRef;
use tokio::sync::{Notify, watch};
use tokio::task::JoinHandle;

pub use consumer::ConsumerStatus;

use crate::cluster::Cluster;
use crate::config::Settings;
use crate::mesh::RequestError;
use crate::store::{Store, StoreError, StreamLimits};

/// How often stream limits are applied.
const TRIM_INTERVAL: Duration = Duration::from_secs(1);
/// Deadline of a seek request when a consumer is created.
const SEEK_DEADLINE: Duration = Duration::from_secs(15);

fn now_ms() -> u64 {
    crate::store::record::wall_millis()
}

/// A consumer: (publisher node, table).
pub type ConsumerKey = (String, TableRef);

struct Consumer {
    task: JoinHandle<()>,
    status: Arc<Mutex<ConsumerStatus>>,
    kick: Arc<Notify>,
}

/// A remote consumer of one of this node's streams, as its pulls show it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Reader {
    /// The consuming node.
    pub node: String,
    /// The next sequence it asked for.
    pub next_seq: u64,
    /// When it last asked, ms since the epoch.
    pub seen_ms: u64,
}

/// Remote consumers of one stream: node -> (next sequence asked for, when, ms).
type ReaderPositions = BTreeMap<String, (u64, u64)>;

/// The replication engine of a node. Cheap to clone.
#[derive(Clone)]
pub struct Replicator {
    inner: Arc<Inner>,
}

struct Inner {
    store: Store,
    cluster: Cluster,
    settings: watch::Receiver<Settings>,
    consumers: Mutex<HashMap<ConsumerKey, Consumer>>,
    /// Publisher side: per table, each remote consumer's last position.
    readers: Mutex<HashMap<TableRef, ReaderPositions>>,
    /// The stream trimmer and the clock-offset follower.
    tasks: Mutex<Vec<JoinHandle<()>>>,
}

impl Replicator {
    /// A replicator over `store`, using the mesh of `cluster`.
    pub fn new(store: Store, cluster: Cluster, settings: watch::Receiver<Settings>) -> Replicator {
        Replicator {
            inner: Arc::new(Inner {
                store,
                cluster,
                settings,
                consumers: Mutex::new(HashMap::new()),
                readers: Mutex::new(HashMap::new()),
                tasks: Mutex::new(Vec::new()),
            }),
        }
    }

    fn settings(&self) -> Settings {
        self.inner.settings.borrow().clone()
    }

    /// Start the consumers the store says should run, the stream trimmer,
    /// and the follower of `clustering.maxClockOffset`.
    pub fn start(&self) -> Result<(), StoreError> {
        let follower = {
            let store = self.inner.store.clone();
            let mut settings = self.inner.settings.clone();
            let offset = |s: &watch::Receiver<Settings>| s.borrow().max_clock_offset_ms;
            store.hlc().set_max_offset_ms(offset(&settings));
            tokio::spawn(async move {
                while settings.changed().await.is_ok() {
                    store.hlc().set_max_offset_ms(offset(&settings));
                }
            })
        };
        self.reconcile()?;
        let rep = self.clone();
        let task = tokio::spawn(async move {
            let mut tick = tokio::time::interval(TRIM_INTERVAL);
            loop {
                tick.tick().await;
                let s = rep.settings();
                let limits = StreamLimits {
                    max_age_secs: s.max_age_secs,
                    max_bytes: s.max_bytes,
                    max_msgs: s.max_msgs,
                };
                if limits == StreamLimits::default() {
                    continue;
                }
                let by_database = s.database_level;
                match rep
                    .inner
                    .store
                    .commit(move |s| {
                        if by_database {
                            s.trim_database_streams(limits)
                        } else {
                            s.trim_streams(limits)
                        }
                    })
                    .await
                {
                    Ok(0) => {}
                    Ok(n) => tracing::debug!("stream limits trimmed {n} entries"),
                    Err(e) => tracing::warn!("trimming streams failed: {e}"),
                }
            }
        });
        self.inner
            .tasks
            .lock()
            .expect("tasks")
            .extend([task, follower]);
        Ok(())
    }

    /// Stop every consumer and the trimmer (daemon shutdown).
    pub fn stop(&self) {
        for (_, c) in self.inner.consumers.lock().expect("consumers").drain() {
            c.task.abort();
        }
        for t in self.inner.tasks.lock().expect("tasks").drain(..) {
            t.abort();
        }
    }

    /// Make the running consumers match the node records and cursors.
    pub fn reconcile(&self) -> Result<(), StoreError> {
        let store = &self.inner.store;
        let cursors: HashSet<ConsumerKey> = store
            .cursors()?
            .into_iter()
            .map(|(p, t, _)| (p, t))
            .collect();
        let mut wanted = HashSet::new();
        for rec in store.node_records()? {
            for sub in rec.subscriptions.iter().filter(|s| s.subscribe) {
                let key = (rec.name.clone(), sub.table_ref());
                if cursors.contains(&key) {
                    wanted.insert(key);
                }
            }
        }
        let mut consumers = self.inner.consumers.lock().expect("consumers");
        consumers.retain(|key, c| {
            let keep = wanted.contains(key) && !c.task.is_finished();
            if !keep {
                c.task.abort();
            }
            keep
        });
        for key in wanted {
            if consumers.contains_key(&key) {
                continue;
            }
            let status = Arc::new(Mutex::new(consumer::new_status(&key.0, &key.1)));
            let kick = Arc::new(Notify::new());
            let task = tokio::spawn(consumer::run(
                self.clone(),
                key.0.clone(),
                key.1.clone(),
                status.clone(),
                kick.clone(),
            ));
            consumers.insert(key, Consumer { task, status, kick });
        }
        Ok(())
    }

    /// Make this node's consumers of `publisher`'s streams try again now.
    pub fn kick(&self, publisher: &str) {
        for ((p, _), c) in self.inner.consumers.lock().expect("consumers").iter() {
            if p == publisher {
                c.kick.notify_one();
            }
        }
    }

    /// Make every consumer waiting to retry try again now (the mesh changed).
    pub fn kick_all(&self) {
        for c in self.inner.consumers.lock().expect("consumers").values() {
            c.kick.notify_one();
        }
    }

    /// Create this node's cursor on `publisher`'s stream of `t` unless one
    /// exists: at `start` (HLC time) or, without it, after the publisher's
    /// last entry. A start whose entries were trimmed begins at sequence 1,
    /// so the first pull finds the gap and resyncs the table.
    pub async fn create_consumer(
        &self,
        publisher: &str,
        t: &TableRef,
        start: Option<u64>,
    ) -> Result<(), ConsumerError> {
        if self.inner.store.cursor(publisher, t)?.is_some() {
            return Ok(());
        }
        let mesh = self.inner.cluster.mesh().ok_or(ConsumerError::NoMesh)?;
        let req = wire::SeekRequest {
            operation: wire::SEEK.into(),
            table: wire::TableArg::of(t),
            time: start,
        };
        let resp = mesh
            .request(publisher, wire::to_value(&req), SEEK_DEADLINE)
            .await?;
        let resp: wire::SeekResponse = wire::parse(resp).map_err(ConsumerError::Protocol)?;
        let next = if resp.trimmed { 1 } else { resp.next };
        self.inner
            .store
            .create_cursor(publisher, t, next, &resp.stream)?;
        Ok(())
    }

    /// What every consumer of this node is doing.
    pub fn consumers(&self) -> Vec<ConsumerStatus> {
        let mut out: Vec<ConsumerStatus> = self
            .inner
            .consumers
            .lock()
            .expect("consumers")
            .values()
            .map(|c| c.status.lock().expect("status").clone())
            .collect();
        out.sort_by(|a, b| {
            (&a.publisher, &a.database, &a.table).cmp(&(&b.publisher, &b.database, &b.table))
        });
        out
    }

    /// Remote consumers of this node's stream of `t`, as their pulls show them.
    pub fn readers(&self, t: &TableRef) -> Vec<Reader> {
        self.inner
            .readers
            .lock()
            .expect("readers")
            .get(t)
            .map(|m| {
                m.iter()
                    .map(|(node, (next, seen))| Reader {
                        node: node.clone(),
                        next_seq: *next,
                        seen_ms: *seen,
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Forget a remote consumer (its node was removed).
    pub fn forget_reader(&self, node: &str) {
        for m in self.inner.readers.lock().expect("readers").values_mut() {
            m.remove(node);
        }
    }
}

/// Why a consumer could not be created.
#[derive(Debug, thiserror::Error)]
pub enum ConsumerError {
    /// Clustering is not running here.
    #[error("clustering is not running on this node")]
    NoMesh,
    /// The publisher could not be asked.
    #[error("{0}")]
    Request(#[from] RequestError),
    /// The store failed.
    #[error("{0}")]
    Store(#[from] StoreError),
    /// The publisher's answer made no sense.
    #[error("{0}")]
    Protocol(String),
}
