//! The running node's shared state: the store, the live configuration (the
//! only writer of `harperdb-config.yaml`), and where things live in the root.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use harper_rpc::OpError;
use serde_json::Value;
use tokio::sync::watch;

use crate::cluster::Cluster;
use crate::config::{self, Settings};
use crate::mesh::Handler;
use crate::replication::Replicator;
use crate::store::Store;

/// The live configuration: the document as last written, and its typed view
/// published on a watch channel so parts of the daemon can react to changes
/// without a restart.
pub struct ConfigHandle {
    root: PathBuf,
    path: PathBuf,
    doc: Mutex<Value>,
    settings: watch::Sender<Settings>,
}

impl ConfigHandle {
    /// A handle over an already validated document that is on disk at `path`.
    pub fn new(root: &Path, path: &Path, doc: Value) -> ConfigHandle {
        let settings = Settings::from_document(&doc);
        ConfigHandle {
            root: root.to_owned(),
            path: path.to_owned(),
            doc: Mutex::new(doc),
            settings: watch::channel(settings).0,
        }
    }

    /// A copy of the document.
    pub fn document(&self) -> Value {
        self.doc.lock().expect("config lock").clone()
    }

    /// The current typed settings.
    pub fn settings(&self) -> Settings {
        self.settings.borrow().clone()
    }

    /// Changes to the settings, as they are written.
    pub fn subscribe(&self) -> watch::Receiver<Settings> {
        self.settings.subscribe()
    }

    /// Change the document: `f` edits a copy; the whole result is validated and
    /// written (temp file, fsync, rename) before it replaces the live one. When
    /// `f` or validation fails nothing is written.
    pub fn update<R>(
        &self,
        f: impl FnOnce(&mut Value) -> Result<R, OpError>,
    ) -> Result<R, OpError> {
        let mut doc = self.doc.lock().expect("config lock");
        let mut next = doc.clone();
        let out = f(&mut next)?;
        if next != *doc {
            // A document the schema refuses is the caller's mistake (400); a
            // write that fails is an I/O failure (500).
            config::write_atomic(&self.root, &self.path, &next).map_err(|e| {
                if e.is_validation() {
                    OpError::bad_request(e.to_string())
                } else {
                    OpError::internal(e.to_string())
                }
            })?;
            *doc = next;
            self.settings.send_replace(Settings::from_document(&doc));
        }
        Ok(out)
    }
}

/// Everything an operation may touch. Cheap to clone.
#[derive(Clone)]
pub struct Node {
    inner: Arc<NodeInner>,
}

struct NodeInner {
    root: PathBuf,
    store: Store,
    config: ConfigHandle,
    started: Instant,
    cluster: Cluster,
    replicator: Replicator,
    handler: std::sync::OnceLock<Arc<dyn Handler>>,
    restart: tokio::sync::Notify,
}

impl Node {
    /// Assemble a node from its parts.
    pub fn new(root: &Path, store: Store, config: ConfigHandle) -> Node {
        let cluster = Cluster::new();
        let replicator = Replicator::new(store.clone(), cluster.clone(), config.subscribe());
        Node {
            inner: Arc::new(NodeInner {
                root: root.to_owned(),
                store,
                config,
                started: Instant::now(),
                cluster,
                replicator,
                handler: std::sync::OnceLock::new(),
                restart: tokio::sync::Notify::new(),
            }),
        }
    }

    /// The replication engine.
    pub fn replicator(&self) -> &Replicator {
        &self.inner.replicator
    }

    /// The root folder.
    pub fn root(&self) -> &Path {
        &self.inner.root
    }

    /// The store.
    pub fn store(&self) -> &Store {
        &self.inner.store
    }

    /// The live configuration.
    pub fn config(&self) -> &ConfigHandle {
        &self.inner.config
    }

    /// The clustering supervisor.
    pub fn cluster(&self) -> &Cluster {
        &self.inner.cluster
    }

    /// Set, once, what answers mesh requests for this node.
    pub fn set_mesh_handler(&self, h: Arc<dyn Handler>) {
        let _ = self.inner.handler.set(h);
    }

    /// Bring clustering in line with the current settings (start, stop,
    /// restart or re-route the mesh).
    pub async fn reconcile_cluster(&self) {
        let settings = self.config().settings();
        let handler = self.inner.handler.get().cloned();
        self.inner
            .cluster
            .reconcile(
                &settings,
                &self.inner.store,
                &self.root().join("keys"),
                |mesh| {
                    if let Some(h) = handler {
                        mesh.set_handler(h);
                    }
                },
            )
            .await;
    }

    /// Ask the daemon to restart itself (the `restart` operation).
    pub fn request_restart(&self) {
        self.inner.restart.notify_one();
    }

    /// Resolves when a restart was asked for.
    pub async fn restart_requested(&self) {
        self.inner.restart.notified().await;
    }

    /// When the daemon started.
    pub fn started(&self) -> Instant {
        self.inner.started
    }
}
