//! Users. Passwords are stored only as argon2id hashes (PHC strings);
//! hashing and verifying run on the blocking pool. Users are never
//! replicated. A user refers to its role by the role's id (see `roles`).

use harper_rpc::ops::UserRecord;
use serde::{Deserialize, Serialize};

use super::roles::Role;
use super::{Store, StoreError, record};

/// The built-in role with every permission (its id and its name).
pub const SUPER_USER: &str = "super_user";
/// The built-in role of inter-node authentication (its id and its name).
pub const CLUSTER_USER: &str = "cluster_user";

/// A stored user.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct User {
    /// Login name.
    pub username: String,
    /// The id of the user's role ([`SUPER_USER`], [`CLUSTER_USER`] or a
    /// role added with `add_role`).
    pub role: String,
    /// Whether the user may log in.
    pub active: bool,
    /// argon2id PHC string.
    pub password_hash: String,
    /// Creation time, ms since the epoch.
    pub created_ms: u64,
    /// Last change, ms since the epoch.
    pub updated_ms: u64,
    /// Every token carries the epoch of its user when it was issued; a new
    /// epoch (a password change, a deactivation) makes every older token
    /// invalid. Random, so that a user dropped and added again never matches
    /// its old tokens. Empty for a user stored before tokens existed, until
    /// its first token.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub token_epoch: String,
    /// SHA-256 (hex) of the last refresh token issued: only that one
    /// refreshes, as HarperDB keeps one refresh token per user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token_hash: Option<String>,
}

impl User {
    /// The user as `list_users` shows it, with its role (`null` when the
    /// role was dropped): no password hash.
    pub fn public(&self, role: Option<&Role>) -> UserRecord {
        UserRecord {
            username: Some(self.username.clone()),
            active: self.active,
            role: role.map(Role::public),
            created_time: Some(self.created_ms),
            updated_time: Some(self.updated_ms),
        }
    }
}

/// A fresh [`User::token_epoch`]: 128 random bits as hex.
pub fn new_token_epoch() -> String {
    let mut bytes = [0u8; 16];
    ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut bytes)
        .expect("the system random generator works");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Hash a password with argon2id (blocking: ~20 MiB and tens of ms).
pub fn hash_password(password: &str) -> Result<String, StoreError> {
    use argon2::PasswordHasher;
    argon2::Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| StoreError::Corrupt(format!("password hashing failed: {e}")))
}

/// Check a password against a PHC string (blocking).
pub fn verify_password(password: &str, phc: &str) -> bool {
    use argon2::PasswordVerifier;
    let Ok(hash) = argon2::password_hash::phc::PasswordHash::new(phc) else {
        return false;
    };
    argon2::Argon2::default()
        .verify_password(password.as_bytes(), &hash)
        .is_ok()
}

impl Store {
    /// A user by name.
    pub fn user(&self, username: &str) -> Result<Option<User>, StoreError> {
        match self.users_tree().get(username.as_bytes())? {
            Some(v) => serde_json::from_slice(&v)
                .map(Some)
                .map_err(|_| StoreError::Corrupt(format!("user {username}"))),
            None => Ok(None),
        }
    }

    /// All users, sorted by name.
    pub fn list_users(&self) -> Result<Vec<User>, StoreError> {
        let mut out = Vec::new();
        for item in self.users_tree().iter() {
            let (k, v) = item?;
            out.push(serde_json::from_slice(&v).map_err(|_| {
                StoreError::Corrupt(format!("user {}", String::from_utf8_lossy(&k)))
            })?);
        }
        Ok(out)
    }

    /// Insert a new user; false when the name is taken (nothing written).
    pub fn insert_user(&self, user: &User) -> Result<bool, StoreError> {
        let bytes = serde_json::to_vec(user).expect("serialise");
        let res = self.users_tree().compare_and_swap(
            user.username.as_bytes(),
            None as Option<&[u8]>,
            Some(bytes),
        )?;
        if res.is_ok() {
            self.backup_changed();
        }
        Ok(res.is_ok())
    }

    /// Replace a stored user.
    pub fn put_user(&self, user: &User) -> Result<(), StoreError> {
        let mut user = user.clone();
        user.updated_ms = record::wall_millis();
        self.users_tree().insert(
            user.username.as_bytes(),
            serde_json::to_vec(&user).expect("serialise"),
        )?;
        self.backup_changed();
        Ok(())
    }

    /// Change a stored user in place with `change`, atomically (a
    /// compare-and-swap, retried if the record changed meanwhile, so that
    /// a concurrent `alter_user` is never undone). `None` when there is no
    /// such user. The closure may run more than once.
    pub fn update_user(
        &self,
        username: &str,
        mut change: impl FnMut(&mut User),
    ) -> Result<Option<User>, StoreError> {
        let tree = self.users_tree();
        loop {
            let Some(old) = tree.get(username.as_bytes())? else {
                return Ok(None);
            };
            let mut user: User = serde_json::from_slice(&old)
                .map_err(|_| StoreError::Corrupt(format!("user {username}")))?;
            change(&mut user);
            user.updated_ms = record::wall_millis();
            let new = serde_json::to_vec(&user).expect("serialise");
            if tree
                .compare_and_swap(username.as_bytes(), Some(old), Some(new))?
                .is_ok()
            {
                self.backup_changed();
                return Ok(Some(user));
            }
        }
    }

    /// Remove a user; false when there was none.
    pub fn remove_user(&self, username: &str) -> Result<bool, StoreError> {
        let removed = self.users_tree().remove(username.as_bytes())?.is_some();
        self.backup_changed();
        Ok(removed)
    }
}

/// A new user record with a fresh hash (blocking).
pub fn new_user(
    username: &str,
    password: &str,
    role: &str,
    active: bool,
) -> Result<User, StoreError> {
    let now = record::wall_millis();
    Ok(User {
        username: username.to_owned(),
        role: role.to_owned(),
        active,
        password_hash: hash_password(password)?,
        created_ms: now,
        updated_ms: now,
        token_epoch: new_token_epoch(),
        refresh_token_hash: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(name: &str) -> User {
        User {
            username: name.into(),
            role: SUPER_USER.into(),
            active: true,
            password_hash: "h".into(),
            created_ms: 1,
            updated_ms: 1,
            token_epoch: new_token_epoch(),
            refresh_token_hash: None,
        }
    }

    #[test]
    fn update_user_changes_in_place_and_misses_nobody() {
        let dir = tempfile::tempdir().unwrap();
        let s = Store::open(&dir.path().join("db"), "n1", false).unwrap();
        assert!(s.insert_user(&user("a")).unwrap());
        let got = s
            .update_user("a", |u| u.refresh_token_hash = Some("x".into()))
            .unwrap()
            .unwrap();
        assert_eq!(got.refresh_token_hash.as_deref(), Some("x"));
        assert_eq!(s.user("a").unwrap(), Some(got));
        assert_eq!(
            s.update_user("b", |_| panic!("no such user")).unwrap(),
            None
        );
    }

    #[test]
    fn epochs_are_random_and_older_records_read_without_them() {
        assert_ne!(new_token_epoch(), new_token_epoch());
        assert_eq!(new_token_epoch().len(), 32);
        let old = r#"{"username":"a","role":"super_user","active":true,"password_hash":"h","created_ms":1,"updated_ms":1}"#;
        let u: User = serde_json::from_str(old).unwrap();
        assert_eq!((u.token_epoch.as_str(), &u.refresh_token_hash), ("", &None));
        let written = serde_json::to_string(&u).unwrap();
        assert_eq!(
            written, old,
            "nothing new is written for a user without tokens"
        );
    }
}
