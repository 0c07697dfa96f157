//! Storage on sled: databases and tables (one record tree and one stream tree
//! per table), users and roles, and the durable write path. A local write is
//! ONE sled transaction over the table's record tree, its stream tree and the
//! metadata tree; callers acknowledge only after [`Store::flush`].
//!
//! Not here: validation of request bodies and HarperDB's messages for them
//! (see `ops`), replication (see `replication`).

mod apply;
mod attributes;
mod backup;
mod commit;
mod dbstream;
pub mod disk;
mod gate;
mod group;
pub mod limits;
pub mod nodes;
pub mod record;
mod replica;
pub mod roles;
pub mod stream;
mod table;
pub mod users;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};

use harper_rpc::TableRef;
use serde::{Deserialize, Serialize};
use serde_json::Value;

pub use attributes::AttributeError;
pub use backup::SystemBackup;
pub use commit::CommitFigures;
pub use group::WriteItem;
pub use nodes::{NodeRecord, Subscription};
pub use record::{Hlc, Stored, Version};
pub use replica::{ApplyOutcome, Poison, Seek, StreamLimits, StreamRead, StreamStats};
pub use stream::{TxnEntry, TxnWrite, WriteOp};
pub use table::{DeleteOutcome, Table, TableStats, WriteOutcome};

/// sled page cache: the default (1 GiB) is too much for a sidecar.
const CACHE_CAPACITY_BYTES: u64 = 128 * 1024 * 1024;
/// sled's background fsync period: bounded lag for power loss; never `None`.
const FLUSH_EVERY_MS: u64 = 200;

const META_TREE: &str = "meta";
const USERS_TREE: &str = "users";
const ROLES_TREE: &str = "roles";
/// Node records with their subscriptions (HarperDB's `system.hdb_nodes`).
pub const NODES_TREE: &str = "hdb_nodes";
const DB_PREFIX: &str = "db/";
const TABLE_PREFIX: &str = "table/";

/// Everything that can go wrong in the store, mapped to operation errors in `ops`.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database does not exist.
    #[error("database '{0}' does not exist")]
    NoDatabase(String),
    /// The table does not exist.
    #[error("Table '{0}.{1}' does not exist")]
    NoTable(String, String),
    /// create_database of an existing database.
    #[error("database '{0}' already exists")]
    DatabaseExists(String),
    /// create_table of an existing table.
    #[error("Table '{1}' already exists in '{0}'")]
    TableExists(String, String),
    /// A database, table or attribute name that is not a name.
    #[error("{0}")]
    Name(#[from] harper_rpc::NameError),
    /// A record with an attribute name HarperDB refuses.
    #[error("Invalid attribute name: '{0}'")]
    InvalidAttribute(String),
    /// A record that is not a JSON object.
    #[error("invalid record: each record must be a JSON object, got {0}")]
    NotAnObject(String),
    /// A primary key that is neither a string nor a number.
    #[error("{0}")]
    BadKey(#[from] record::BadKey),
    /// An update record without its primary key.
    #[error("a valid hash attribute must be provided with update record, check log for more info")]
    UpdateWithoutKey,
    /// The storage engine failed.
    #[error("storage error: {0}")]
    Sled(#[from] sled::Error),
    /// A stored value could not be read back.
    #[error("corrupt value in {0}")]
    Corrupt(String),
    /// A remote entry for a consumer that no longer exists (its node was removed).
    #[error("the consumer was removed")]
    NoCursor,
    /// A stored version is ahead of this node's clock (internal: the write retries).
    #[error("a stored version ({0}) is ahead of this node's clock")]
    ClockBehind(u64),
    /// A remote entry that does not follow the cursor (entries in between are missing).
    #[error("stream gap: the cursor is at {0} but entry {1} arrived")]
    StreamGap(u64, u64),
    /// A record or transaction beyond one of the limits every peer can receive.
    #[error("{0}")]
    Limit(#[from] limits::LimitError),
    /// A remote version too far ahead of this node's clock (refused, the clock kept).
    #[error("{0}")]
    ClockAhead(#[from] record::ClockAhead),
    /// A stored record that cannot be sent to another node as it is.
    #[error("{0}")]
    NotShippable(String),
    /// A local write over a stored version too far ahead of this node's clock.
    #[error(
        "the stored record holds {0}; it cannot be overwritten until this node's clock catches up"
    )]
    StoredVersionAhead(record::ClockAhead),
    /// The disk of the database is full or failing: writes are refused.
    #[error("{0}")]
    Disk(disk::DiskFailure),
    /// `create_attribute` / `drop_attribute` refused.
    #[error("{0}")]
    Attribute(#[from] AttributeError),
}

impl StoreError {
    /// HTTP-like status of the error (HarperDB's for the same failure on a read).
    pub fn status(&self) -> u16 {
        match self {
            Self::NoDatabase(_) | Self::NoTable(..) => 404,
            Self::Sled(_) | Self::Corrupt(_) => 500,
            Self::StoredVersionAhead(_) => 409,
            Self::Disk(f) if f.full => 507,
            Self::Disk(_) => 500,
            Self::Attribute(e) => e.status(),
            _ => 400,
        }
    }
}

impl From<sled::transaction::TransactionError<StoreError>> for StoreError {
    fn from(e: sled::transaction::TransactionError<StoreError>) -> Self {
        match e {
            sled::transaction::TransactionError::Abort(e) => e,
            sled::transaction::TransactionError::Storage(e) => StoreError::Sled(e),
        }
    }
}

/// Metadata of a table, stored in the meta tree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TableMeta {
    /// Primary key attribute (HarperDB's `hash_attribute`).
    pub primary_key: String,
    /// Attribute names seen, primary key first, in order of appearance.
    pub attributes: Vec<String>,
    /// Creation time, ms since the epoch.
    pub created_ms: u64,
    /// Random id of this table's life: a table dropped and created again has
    /// a new one, so its stream (which starts again at sequence 1) is a new
    /// stream to every consumer. Empty for tables made before incarnations
    /// existed (their stream is known by the node's instance id alone).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub incarnation: String,
    /// An attribute `drop_attribute` is taking out of the records: reads
    /// leave it out until the last record is rewritten and this is cleared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dropping: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct DatabaseMeta {
    created_ms: u64,
}

/// The node's storage. Cheap to clone.
#[derive(Clone)]
pub struct Store {
    inner: Arc<Inner>,
}

struct Inner {
    db: sled::Db,
    path: PathBuf,
    meta: sled::Tree,
    users: sled::Tree,
    roles_tree: sled::Tree,
    /// Every role, by id (see `roles`).
    roles: RwLock<roles::RoleMap>,
    /// See [`Store::assigning_roles`].
    role_assign: Mutex<()>,
    nodes: sled::Tree,
    cursors: sled::Tree,
    hlc: Hlc,
    node_name: RwLock<String>,
    tables: RwLock<BTreeMap<TableRef, Arc<Table>>>,
    /// Serialises schema changes (create/drop) so check-then-act is atomic.
    ddl: Mutex<()>,
    /// With `storage.fsync`: sled's log, to `fdatasync` after each flush.
    fsync: Option<Arc<std::fs::File>>,
    /// Jobs for the commit thread (see `commit`).
    commits: commit::Queue,
    commit_stats: commit::CommitStats,
    /// Where the system backup goes (see `backup`).
    backup: Mutex<Option<PathBuf>>,
    /// Serialises read-modify-writes of node records.
    node_records_lock: Mutex<()>,
    /// Whether the disk takes writes (see `disk`).
    disk: disk::DiskHealth,
    /// Answers of the round being flushed (the disk watcher may answer them).
    pending: commit::Pending,
}

impl Store {
    /// Open (or create) the store in `dir` with the settings of CRATES.md.
    pub fn open(dir: &Path, node_name: &str, fsync: bool) -> Result<Store, StoreError> {
        std::fs::create_dir_all(dir).map_err(|e| StoreError::Sled(e.into()))?;
        let db = sled::Config::new()
            .path(dir)
            .flush_every_ms(Some(FLUSH_EVERY_MS))
            .cache_capacity(CACHE_CAPACITY_BYTES)
            .open()?;
        let meta = db.open_tree(META_TREE)?;
        let users = db.open_tree(USERS_TREE)?;
        let roles_tree = db.open_tree(ROLES_TREE)?;
        let roles = roles::load(&roles_tree)?;
        let nodes = db.open_tree(NODES_TREE)?;
        let cursors = db.open_tree(nodes::CURSORS_TREE)?;
        let fsync = if fsync {
            // Everything sled wrote so far, once; then the log after each flush.
            fsync_dir_files(dir).map_err(|e| StoreError::Sled(e.into()))?;
            let log =
                std::fs::File::open(dir.join("db")).map_err(|e| StoreError::Sled(e.into()))?;
            Some(Arc::new(log))
        } else {
            None
        };
        let (commits, jobs) = std::sync::mpsc::channel();
        let store = Store {
            inner: Arc::new(Inner {
                db,
                path: dir.to_owned(),
                meta,
                users,
                roles_tree,
                roles: RwLock::new(roles),
                role_assign: Mutex::new(()),
                nodes,
                cursors,
                hlc: Hlc::default(),
                node_name: RwLock::new(node_name.to_owned()),
                tables: RwLock::new(BTreeMap::new()),
                ddl: Mutex::new(()),
                fsync,
                commits,
                commit_stats: commit::CommitStats::default(),
                backup: Mutex::new(None),
                node_records_lock: Mutex::new(()),
                disk: disk::DiskHealth::default(),
                pending: commit::Pending::default(),
            }),
        };
        commit::start(commit::weak(&store.inner), jobs).map_err(|e| StoreError::Sled(e.into()))?;
        store.load_tables()?;
        Ok(store)
    }

    fn load_tables(&self) -> Result<(), StoreError> {
        let mut tables = self.inner.tables.write().expect("tables lock");
        for item in self.inner.meta.scan_prefix(TABLE_PREFIX) {
            let (k, v) = item?;
            let key = String::from_utf8_lossy(&k[TABLE_PREFIX.len()..]).into_owned();
            let (db, name) = key
                .split_once('/')
                .ok_or_else(|| StoreError::Corrupt(format!("table key {key}")))?;
            let meta: TableMeta = serde_json::from_slice(&v)
                .map_err(|_| StoreError::Corrupt(format!("table meta {key}")))?;
            let tref = TableRef::new(db, name);
            let table = Table::open(&self.inner.db, &self.inner.meta, tref.clone(), meta)?;
            // The clock must not go back behind what this node appended before a
            // restart (append times order the stream). Versions of records need
            // no scan: a local write that finds a newer one retries past it.
            let last = table
                .stream()
                .last()?
                .and_then(|(_, v)| TxnEntry::decode(&v))
                .map(|e| e.appended.max(e.ts));
            let removed = |key: Vec<u8>| -> Result<Option<u64>, StoreError> {
                Ok(self.inner.meta.get(key)?.and_then(|v| stream::key_seq(&v)))
            };
            let trimmed = removed(replica::trimmed_meta_key(&tref))?;
            let purged = removed(replica::purged_meta_key(&tref))?;
            for ts in [last, trimmed, purged].into_iter().flatten() {
                if let Err(e) = self.inner.hlc.observe(ts) {
                    tracing::warn!(table = %tref, "the table's stream holds {e}; the clock was not moved to it");
                }
            }
            // A drop_attribute cut short: finished before the table serves.
            self.finish_drop(&table)?;
            tables.insert(tref, Arc::new(table));
        }
        Ok(())
    }

    /// The directory of the sled database.
    pub fn path(&self) -> &Path {
        &self.inner.path
    }

    /// This node's name, stamped on versions of local writes.
    pub fn node_name(&self) -> String {
        self.inner.node_name.read().expect("node lock").clone()
    }

    /// Change the name stamped on new local writes.
    pub fn set_node_name(&self, name: &str) {
        *self.inner.node_name.write().expect("node lock") = name.to_owned();
    }

    /// The hybrid logical clock of this node.
    pub fn hlc(&self) -> &Hlc {
        &self.inner.hlc
    }

    /// Why writes are refused, when the disk is full or failing.
    pub fn disk_failure(&self) -> Option<disk::DiskFailure> {
        self.inner.disk.failure()
    }

    /// True when sled met a disk error: a flush would hang or fail, and only
    /// a new open of the database (a restart) clears it.
    pub fn disk_poisoned(&self) -> bool {
        self.inner.disk.poisoned()
    }

    /// Resolves when the disk takes writes again after sled met an error:
    /// the daemon must then open the database again (see `disk`).
    pub async fn disk_reopen_needed(&self) {
        self.inner.disk.reopen.notified().await;
    }

    /// The disk's state for status answers: "ok", "full: ..." or "failing: ...".
    pub fn disk_state(&self) -> String {
        match self.disk_failure() {
            None => "ok".into(),
            Some(f) if f.full => format!("full: {f}"),
            Some(f) => format!("failing: {f}"),
        }
    }

    /// The disk error while writes are refused (for writes outside the commit thread).
    fn check_disk(&self) -> Result<(), StoreError> {
        self.disk_failure()
            .map_or(Ok(()), |f| Err(StoreError::Disk(f)))
    }

    /// Flush synchronously (shutdown).
    pub fn flush_blocking(&self) -> Result<(), StoreError> {
        let _alone = gate::flushing();
        self.inner.db.flush()?;
        Ok(())
    }

    /// Database names, sorted.
    pub fn databases(&self) -> Result<Vec<String>, StoreError> {
        let mut out = Vec::new();
        for item in self.inner.meta.scan_prefix(DB_PREFIX) {
            let (k, _) = item?;
            out.push(String::from_utf8_lossy(&k[DB_PREFIX.len()..]).into_owned());
        }
        Ok(out)
    }

    /// True when the database exists.
    pub fn has_database(&self, db: &str) -> Result<bool, StoreError> {
        Ok(self.inner.meta.contains_key(db_key(db))?)
    }

    /// Create a database; an existing one is an error.
    pub fn create_database(&self, db: &str) -> Result<(), StoreError> {
        harper_rpc::names::check_new_database(db)?;
        self.check_disk()?;
        let _ddl = self.inner.ddl.lock().expect("ddl lock");
        if self.has_database(db)? {
            return Err(StoreError::DatabaseExists(db.to_owned()));
        }
        self.put_database(db)
    }

    fn put_database(&self, db: &str) -> Result<(), StoreError> {
        let meta = DatabaseMeta {
            created_ms: record::wall_millis(),
        };
        self.inner
            .meta
            .insert(db_key(db), serde_json::to_vec(&meta).expect("serialise"))?;
        Ok(())
    }

    /// Drop a database and all its tables (not replicated).
    pub fn drop_database(&self, db: &str) -> Result<(), StoreError> {
        self.check_disk()?;
        let _ddl = self.inner.ddl.lock().expect("ddl lock");
        if !self.has_database(db)? {
            return Err(StoreError::NoDatabase(db.to_owned()));
        }
        let doomed: Vec<TableRef> = self
            .inner
            .tables
            .read()
            .expect("tables lock")
            .keys()
            .filter(|t| t.database == db)
            .cloned()
            .collect();
        for t in doomed {
            self.drop_table_locked(&t)?;
        }
        self.inner.meta.remove(db_key(db))?;
        Ok(())
    }

    /// Create a table (and its database when missing).
    pub fn create_table(&self, t: &TableRef, primary_key: &str) -> Result<Arc<Table>, StoreError> {
        harper_rpc::names::check_new_table(&t.database, &t.table)?;
        harper_rpc::names::check_name(harper_rpc::NameKind::Attribute, primary_key)?;
        self.check_disk()?;
        let _ddl = self.inner.ddl.lock().expect("ddl lock");
        if self
            .inner
            .tables
            .read()
            .expect("tables lock")
            .contains_key(t)
        {
            return Err(StoreError::TableExists(t.database.clone(), t.table.clone()));
        }
        if !self.has_database(&t.database)? {
            self.put_database(&t.database)?;
        }
        let meta = TableMeta {
            primary_key: primary_key.to_owned(),
            attributes: vec![primary_key.to_owned()],
            created_ms: record::wall_millis(),
            incarnation: uuid::Uuid::new_v4().simple().to_string(),
            dropping: None,
        };
        self.inner
            .meta
            .insert(table_key(t), serde_json::to_vec(&meta).expect("serialise"))?;
        let table = Arc::new(Table::open(
            &self.inner.db,
            &self.inner.meta,
            t.clone(),
            meta,
        )?);
        self.inner
            .tables
            .write()
            .expect("tables lock")
            .insert(t.clone(), table.clone());
        Ok(table)
    }

    /// Drop a table: its records and its stream (not replicated).
    pub fn drop_table(&self, t: &TableRef) -> Result<(), StoreError> {
        self.check_disk()?;
        let _ddl = self.inner.ddl.lock().expect("ddl lock");
        self.drop_table_locked(t)
    }

    fn drop_table_locked(&self, t: &TableRef) -> Result<(), StoreError> {
        let table = self
            .inner
            .tables
            .write()
            .expect("tables lock")
            .remove(t)
            .ok_or_else(|| StoreError::NoTable(t.database.clone(), t.table.clone()))?;
        // Hold the table's write lock so no write is half-way through the trees we drop.
        let _w = table.lock_writes();
        self.inner.meta.remove(table_key(t))?;
        self.inner.meta.remove(table::seq_meta_key(t))?;
        // A table created again under the name has a new stream with no past.
        self.inner.meta.remove(replica::trimmed_meta_key(t))?;
        self.inner.meta.remove(replica::purged_meta_key(t))?;
        self.inner.db.drop_tree(table::records_tree_name(t))?;
        self.inner.db.drop_tree(table::stream_tree_name(t))?;
        Ok(())
    }

    /// A table, or the HarperDB error for a missing database or table.
    pub fn table(&self, t: &TableRef) -> Result<Arc<Table>, StoreError> {
        if let Some(table) = self.inner.tables.read().expect("tables lock").get(t) {
            return Ok(table.clone());
        }
        if !self.has_database(&t.database)? {
            return Err(StoreError::NoDatabase(t.database.clone()));
        }
        Err(StoreError::NoTable(t.database.clone(), t.table.clone()))
    }

    /// All tables, sorted by database then name.
    pub fn tables(&self) -> Vec<Arc<Table>> {
        self.inner
            .tables
            .read()
            .expect("tables lock")
            .values()
            .cloned()
            .collect()
    }

    /// Write records (insert/update/upsert) as one transaction; not yet flushed.
    pub fn write(
        &self,
        t: &TableRef,
        action: harper_rpc::ops::WriteAction,
        records: Vec<Value>,
        user: Option<&str>,
    ) -> Result<WriteOutcome, StoreError> {
        let table = self.table(t)?;
        table.write(
            &self.inner.meta,
            &self.inner.hlc,
            &self.node_name(),
            action,
            records,
            user,
        )
    }

    /// Delete records by id as one transaction; not yet flushed.
    pub fn delete(
        &self,
        t: &TableRef,
        ids: Vec<Value>,
        user: Option<&str>,
    ) -> Result<DeleteOutcome, StoreError> {
        let table = self.table(t)?;
        table.delete(
            &self.inner.meta,
            &self.inner.hlc,
            &self.node_name(),
            ids,
            user,
        )
    }

    /// A random id of this installation, made on first use and kept: it tells
    /// a restarted node from another node that claims the same name.
    pub fn instance_id(&self) -> Result<String, StoreError> {
        const KEY: &[u8] = b"instance";
        if let Some(v) = self.inner.meta.get(KEY)? {
            return Ok(String::from_utf8_lossy(&v).into_owned());
        }
        let id = uuid::Uuid::new_v4().simple().to_string();
        self.inner
            .meta
            .compare_and_swap(KEY, None as Option<&[u8]>, Some(id.as_bytes()))?
            .ok();
        let v = self.inner.meta.get(KEY)?.unwrap_or_default();
        Ok(String::from_utf8_lossy(&v).into_owned())
    }

    /// True when any node record (HarperDB's `hdb_nodes`) holds subscriptions.
    pub fn has_subscriptions(&self) -> Result<bool, StoreError> {
        Ok(self
            .node_records()?
            .iter()
            .any(|r| !r.subscriptions.is_empty()))
    }

    /// Merge a page of another node's records (a snapshot resync) with
    /// last-writer-wins; not yet flushed.
    pub fn apply_snapshot(&self, t: &TableRef, items: &[Stored]) -> Result<usize, StoreError> {
        let table = self.table(t)?;
        if let Some(ts) = items.iter().map(|s| s.version.ts).max() {
            self.inner.hlc.observe(ts)?;
        }
        table.apply_snapshot(&self.inner.meta, items)
    }

    /// Where a consumer starting at HLC time `ts` begins in the stream of `t`.
    pub fn seek(&self, t: &TableRef, ts: u64) -> Result<Seek, StoreError> {
        self.table(t)?.seek(&self.inner.meta, ts)
    }

    /// `purge_stream` on the local stream of `t`.
    pub fn purge_stream(
        &self,
        t: &TableRef,
        keep: Option<u64>,
        seq: Option<u64>,
    ) -> Result<u64, StoreError> {
        self.table(t)?.purge_stream(&self.inner.meta, keep, seq)
    }

    /// Apply the stream limits to every table; returns entries removed.
    pub fn trim_streams(&self, limits: StreamLimits) -> Result<u64, StoreError> {
        let now = self.inner.hlc.now();
        let mut n = 0;
        for t in self.tables() {
            n += t.trim_stream(&self.inner.meta, limits, now)?;
        }
        Ok(n)
    }

    /// The users tree (see [`users`]).
    pub fn users_tree(&self) -> &sled::Tree {
        &self.inner.users
    }

    /// Bytes the database takes on disk.
    pub fn size_on_disk(&self) -> u64 {
        self.inner.db.size_on_disk().unwrap_or(0)
    }
}

fn db_key(db: &str) -> Vec<u8> {
    format!("{DB_PREFIX}{db}").into_bytes()
}

fn table_key(t: &TableRef) -> Vec<u8> {
    format!("{TABLE_PREFIX}{}/{}", t.database, t.table).into_bytes()
}

/// A real fsync of every file sled writes (used when `storage.fsync` is on).
fn fsync_dir_files(dir: &Path) -> std::io::Result<()> {
    for name in ["db", "conf"] {
        let p = dir.join(name);
        if p.exists() {
            std::fs::File::open(&p)?.sync_all()?;
        }
    }
    std::fs::File::open(dir)?.sync_all()
}

#[cfg(test)]
mod tests;
