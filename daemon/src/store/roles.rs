//! Roles (HarperDB's `system.hdb_role`): a name, an id that users refer to,
//! and a permission set. Stored in the `roles` tree and held in memory too,
//! so that every request can look its caller's role up without a read of
//! the disk; every change goes through [`Store`], which keeps both alike, so
//! an altered or dropped role takes effect on the next request of every
//! logged-in user. Roles are never replicated.
//!
//! The two built-in roles (`super_user`, `cluster_user`, whose ids are their
//! names) exist from the first open and cannot be altered or dropped.
//!
//! Not here: what a permission set may hold (`ops::roles`) and what it
//! allows (`ops::permissions`).

use std::collections::BTreeMap;
use std::sync::Arc;

use harper_rpc::ops::RoleObject;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::users::{CLUSTER_USER, SUPER_USER};
use super::{Store, StoreError, record};

/// A stored role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Role {
    /// What users refer to (`User::role`); the role's name unless given.
    pub id: String,
    /// The role's name, unique among roles.
    pub role: String,
    /// HarperDB's permission object (`super_user`, `cluster_user`,
    /// `structure_user`, and per database `tables`), as validated at add/alter.
    pub permission: Value,
    /// Creation time, ms since the epoch.
    pub created_ms: u64,
    /// Last change, ms since the epoch.
    pub updated_ms: u64,
}

impl Role {
    /// A new role made now.
    pub fn new(id: &str, role: &str, permission: Value) -> Role {
        let now = record::wall_millis();
        Role {
            id: id.to_owned(),
            role: role.to_owned(),
            permission,
            created_ms: now,
            updated_ms: now,
        }
    }

    /// The role as HarperDB shows it (`list_roles`, `add_role`, a user's `role`).
    pub fn public(&self) -> RoleObject {
        RoleObject {
            id: self.id.clone(),
            role: self.role.clone(),
            permission: self.permission.clone(),
            created_time: self.created_ms,
            updated_time: self.updated_ms,
        }
    }

    /// Whether this is one of the two built-in roles.
    pub fn is_built_in(&self) -> bool {
        is_built_in(&self.id)
    }

    /// `permission.super_user` is `true`: every operation is allowed.
    pub fn is_super_user(&self) -> bool {
        self.permission.get("super_user") == Some(&Value::Bool(true))
    }

    /// `permission.cluster_user` is `true`: only replication is allowed.
    pub fn is_cluster_user(&self) -> bool {
        self.permission.get("cluster_user") == Some(&Value::Bool(true))
    }
}

/// Whether `id` is the id of a built-in role.
pub fn is_built_in(id: &str) -> bool {
    id == SUPER_USER || id == CLUSTER_USER
}

fn built_ins() -> [Role; 2] {
    [
        Role::new(SUPER_USER, SUPER_USER, json!({"super_user": true})),
        Role::new(CLUSTER_USER, CLUSTER_USER, json!({"cluster_user": true})),
    ]
}

/// Why a role change was refused (nothing was written).
#[derive(Debug, thiserror::Error)]
pub enum RoleConflict {
    /// Another role has this name.
    #[error("A role with name '{0}' already exists")]
    NameTaken(String),
    /// Another role has this id.
    #[error("A role with id '{0}' already exists")]
    IdTaken(String),
    /// No role has this id.
    #[error("Role not found")]
    NotFound,
}

/// The roles in memory, by id.
pub(super) type RoleMap = BTreeMap<String, Arc<Role>>;

/// Read every stored role, adding the built-in ones when missing.
pub(super) fn load(tree: &sled::Tree) -> Result<RoleMap, StoreError> {
    let mut roles = RoleMap::new();
    for item in tree.iter() {
        let (k, v) = item?;
        let role: Role = serde_json::from_slice(&v)
            .map_err(|_| StoreError::Corrupt(format!("role {}", String::from_utf8_lossy(&k))))?;
        roles.insert(role.id.clone(), Arc::new(role));
    }
    for role in built_ins() {
        if !roles.contains_key(&role.id) {
            tree.insert(
                role.id.as_bytes(),
                serde_json::to_vec(&role).expect("serialise"),
            )?;
            roles.insert(role.id.clone(), Arc::new(role));
        }
    }
    Ok(roles)
}

impl Store {
    /// A role by id (what a user record holds).
    pub fn role(&self, id: &str) -> Option<Arc<Role>> {
        self.inner
            .roles
            .read()
            .expect("roles lock")
            .get(id)
            .cloned()
    }

    /// A role by name (what `add_user` and `alter_user` are given).
    pub fn role_by_name(&self, name: &str) -> Option<Arc<Role>> {
        self.inner
            .roles
            .read()
            .expect("roles lock")
            .values()
            .find(|r| r.role == name)
            .cloned()
    }

    /// Every role, by id.
    pub fn list_roles(&self) -> Vec<Arc<Role>> {
        self.inner
            .roles
            .read()
            .expect("roles lock")
            .values()
            .cloned()
            .collect()
    }

    /// Add a role whose id and name are both new; not yet flushed.
    pub fn insert_role(&self, role: Role) -> Result<Result<(), RoleConflict>, StoreError> {
        self.check_disk()?;
        let mut roles = self.inner.roles.write().expect("roles lock");
        if roles.values().any(|r| r.role == role.role) {
            return Ok(Err(RoleConflict::NameTaken(role.role)));
        }
        if roles.contains_key(&role.id) {
            return Ok(Err(RoleConflict::IdTaken(role.id)));
        }
        self.inner.roles_tree.insert(
            role.id.as_bytes(),
            serde_json::to_vec(&role).expect("serialise"),
        )?;
        roles.insert(role.id.clone(), Arc::new(role));
        drop(roles);
        self.backup_changed();
        Ok(Ok(()))
    }

    /// Change a role's permission (and its name, when `name` is given); the
    /// role as stored now. Not yet flushed.
    pub fn alter_role(
        &self,
        id: &str,
        name: Option<&str>,
        permission: Value,
    ) -> Result<Result<Arc<Role>, RoleConflict>, StoreError> {
        self.check_disk()?;
        let mut roles = self.inner.roles.write().expect("roles lock");
        let Some(old) = roles.get(id) else {
            return Ok(Err(RoleConflict::NotFound));
        };
        if let Some(name) = name
            && roles.values().any(|r| r.role == name && r.id != id)
        {
            return Ok(Err(RoleConflict::NameTaken(name.to_owned())));
        }
        let mut role = Role::clone(old);
        if let Some(name) = name {
            role.role = name.to_owned();
        }
        role.permission = permission;
        role.updated_ms = record::wall_millis().max(role.updated_ms + 1);
        self.inner.roles_tree.insert(
            role.id.as_bytes(),
            serde_json::to_vec(&role).expect("serialise"),
        )?;
        let role = Arc::new(role);
        roles.insert(role.id.clone(), role.clone());
        drop(roles);
        self.backup_changed();
        Ok(Ok(role))
    }

    /// Remove a role; the role removed, or `None` when there was none.
    /// Not yet flushed. Callers that check the role's users first hold
    /// [`Store::assigning_roles`] around both.
    pub fn remove_role(&self, id: &str) -> Result<Option<Arc<Role>>, StoreError> {
        self.check_disk()?;
        let mut roles = self.inner.roles.write().expect("roles lock");
        if !roles.contains_key(id) {
            return Ok(None);
        }
        self.inner.roles_tree.remove(id.as_bytes())?;
        let removed = roles.remove(id);
        drop(roles);
        self.backup_changed();
        Ok(removed)
    }

    /// Held while a role is given to a user (the role looked up, the user
    /// written) and while a role's users are counted before it is dropped,
    /// so that no user is given a role that is being dropped.
    pub fn assigning_roles(&self) -> std::sync::MutexGuard<'_, ()> {
        self.inner
            .role_assign
            .lock()
            .unwrap_or_else(|e| e.into_inner())
    }

    /// Put the roles of a backup into this (new) store, keeping the built-in ones.
    pub(super) fn restore_roles(&self, restored: &[Role]) -> Result<(), StoreError> {
        for role in restored.iter().filter(|r| !r.is_built_in()) {
            if let Err(e) = self.insert_role(role.clone())? {
                tracing::warn!("the backup's role '{}' was not restored: {e}", role.role);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn open() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db"), "n1", false).unwrap();
        (dir, store)
    }

    #[test]
    fn built_in_roles_exist_from_the_first_open() {
        let (_d, s) = open();
        let names: Vec<String> = s.list_roles().iter().map(|r| r.role.clone()).collect();
        assert_eq!(names, vec!["cluster_user", "super_user"]);
        assert!(s.role("super_user").unwrap().is_super_user());
        assert!(s.role("cluster_user").unwrap().is_cluster_user());
        assert!(s.role("cluster_user").unwrap().is_built_in());
    }

    #[test]
    fn names_and_ids_stay_unique_and_roles_survive_a_reopen() {
        let dir = tempfile::tempdir().unwrap();
        {
            let s = Store::open(&dir.path().join("db"), "n1", false).unwrap();
            let dev = Role::new("dev", "developer", json!({"structure_user": true}));
            s.insert_role(dev.clone()).unwrap().unwrap();
            let again = Role::new("dev2", "developer", json!({}));
            assert!(matches!(
                s.insert_role(again).unwrap(),
                Err(RoleConflict::NameTaken(n)) if n == "developer"
            ));
            let same_id = Role::new("dev", "other", json!({}));
            assert!(matches!(
                s.insert_role(same_id).unwrap(),
                Err(RoleConflict::IdTaken(_))
            ));
            assert!(matches!(
                s.alter_role("dev", Some("super_user"), json!({})).unwrap(),
                Err(RoleConflict::NameTaken(_))
            ));
            let altered = s
                .alter_role("dev", Some("devs"), json!({"structure_user": ["dev"]}))
                .unwrap()
                .unwrap();
            assert!(altered.updated_ms > dev.updated_ms);
            assert_eq!(altered.created_ms, dev.created_ms);
            s.flush_blocking().unwrap();
        }
        let s = Store::open(&dir.path().join("db"), "n1", false).unwrap();
        let dev = s.role_by_name("devs").expect("kept across a reopen");
        assert_eq!(dev.id, "dev");
        assert_eq!(dev.permission, json!({"structure_user": ["dev"]}));
        assert!(s.role_by_name("developer").is_none());
        assert_eq!(s.remove_role("dev").unwrap().unwrap().role, "devs");
        assert!(s.role("dev").is_none());
        assert!(s.remove_role("dev").unwrap().is_none());
    }

    #[test]
    fn the_system_backup_keeps_roles_and_brings_them_back() {
        let (dir, s) = open();
        let backup = dir.path().join("backup.json");
        s.set_backup_path(backup.clone()).unwrap();
        let dev = Role::new("dev", "developer", json!({"structure_user": ["dev"]}));
        s.insert_role(dev.clone()).unwrap().unwrap();
        let (_d2, fresh) = open();
        let restored = fresh.restore_backup(&backup).unwrap();
        assert_eq!(restored.roles.len(), 3, "the built-in roles are in it too");
        assert_eq!(fresh.role("dev").as_deref(), Some(&dev));
        assert_eq!(fresh.list_roles().len(), 3);
        // A backup written before roles were kept still reads.
        let old = dir.path().join("old.json");
        std::fs::write(&old, r#"{"users": [], "nodes": []}"#).unwrap();
        let (_d3, other) = open();
        assert!(other.restore_backup(&old).unwrap().roles.is_empty());
        assert_eq!(other.list_roles().len(), 2);
    }
}
