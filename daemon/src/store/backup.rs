//! What a node cannot get back from its peers when its database is lost: its
//! users (with their password hashes), its roles and its node records (which nodes it
//! replicates with, and which tables). A copy is written beside the database
//! on every change (temp file, fsync, rename) and read once, when a damaged
//! database was set aside and the node starts afresh.
//!
//! Not here: the tables' data, which replication brings back.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::roles::Role;
use super::users::User;
use super::{NodeRecord, Store, StoreError};

/// The backup file's contents.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct SystemBackup {
    /// Every user.
    pub users: Vec<User>,
    /// Every role (none in a backup written before roles were kept).
    #[serde(default)]
    pub roles: Vec<Role>,
    /// Every node record.
    pub nodes: Vec<NodeRecord>,
}

fn io(e: std::io::Error) -> StoreError {
    StoreError::Sled(e.into())
}

impl Store {
    /// Keep the backup in `path` from now on (and write it now).
    pub fn set_backup_path(&self, path: PathBuf) -> Result<(), StoreError> {
        *self.inner.backup.lock().expect("backup lock") = Some(path);
        self.write_backup()
    }

    /// Write the backup, if there is a path for it.
    pub(super) fn write_backup(&self) -> Result<(), StoreError> {
        let guard = self.inner.backup.lock().expect("backup lock");
        let Some(path) = guard.as_ref() else {
            return Ok(());
        };
        let backup = SystemBackup {
            users: self.list_users()?,
            roles: self.list_roles().iter().map(|r| Role::clone(r)).collect(),
            nodes: self.node_records()?,
        };
        let bytes = serde_json::to_vec_pretty(&backup).expect("backup serialises");
        write_atomic(path, &bytes).map_err(io)
    }

    /// After a change to users or node records: keep the backup current. A
    /// failure is logged, not returned: the change itself is committed.
    pub(super) fn backup_changed(&self) {
        if let Err(e) = self.write_backup() {
            tracing::warn!("cannot write the system backup: {e}");
        }
    }

    /// Put the users, roles and node records of a backup into this (new) store.
    pub fn restore_backup(&self, path: &Path) -> Result<SystemBackup, StoreError> {
        let bytes = std::fs::read(path).map_err(io)?;
        let backup: SystemBackup = serde_json::from_slice(&bytes)
            .map_err(|e| StoreError::Corrupt(format!("{}: {e}", path.display())))?;
        self.restore_roles(&backup.roles)?;
        for u in &backup.users {
            self.insert_user(u)?;
        }
        for n in &backup.nodes {
            self.put_node_record(n)?;
        }
        Ok(backup)
    }
}

fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let tmp = path.with_extension("json.tmp");
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .write(true)
        .truncate(true)
        .mode(0o600)
        .open(&tmp)?;
    f.write_all(bytes)?;
    f.sync_all()?;
    std::fs::rename(&tmp, path)?;
    std::fs::File::open(dir)?.sync_all()
}

impl StoreError {
    /// True when the database files are damaged (sled found corrupt data).
    pub fn is_corruption(&self) -> bool {
        matches!(
            self,
            StoreError::Sled(sled::Error::Corruption { .. }) | StoreError::Corrupt(_)
        )
    }
}
