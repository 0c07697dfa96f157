//! Users and roles (spec 3.3), and logins: checking a user's password, with a
//! cache of recent successful checks so that a busy HTTP client does not pay
//! for argon2 on every request. Passwords are hashed on the blocking pool and
//! never logged, and the cache never holds one.

use std::collections::HashMap;
use std::sync::{LazyLock, RwLock};
use std::time::{Duration, Instant};

use harper_rpc::{OpError, Request};
use ring::hmac;
use serde_json::{Value, json};
use tokio::sync::Semaphore;

use super::{Caller, message};
use crate::node::Node;
use crate::store::users::{self, SUPER_USER};

fn valid_username(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
}

async fn hash(password: String) -> Result<String, OpError> {
    tokio::task::spawn_blocking(move || users::hash_password(&password))
        .await
        .map_err(|e| OpError::internal(format!("password hashing failed: {e}")))?
        .map_err(OpError::from)
}

pub async fn add_user(node: &Node, req: &Request) -> Result<Value, OpError> {
    let str_field = |f: &str| req.get(f).and_then(Value::as_str).filter(|s| !s.is_empty());
    let mut errors = Vec::new();
    let role = str_field("role");
    let username = str_field("username");
    let password = str_field("password");
    if role.is_none() {
        errors.push("Role can't be blank");
    }
    if username.is_none() {
        errors.push("Username can't be blank");
    }
    if password.is_none() {
        errors.push("Password can't be blank");
    }
    match req.get("active") {
        None | Some(Value::Null) => errors.push("Active can't be blank"),
        Some(Value::Bool(_)) => {}
        Some(_) => errors.push("Active must be a boolean"),
    }
    if let Some(u) = username
        && !valid_username(u)
    {
        errors.push("Username may only contain letters, digits, '-' and '_'");
    }
    if !errors.is_empty() {
        return Err(OpError::bad_request(errors.join(",")));
    }
    let (role, username, password) = (role.unwrap(), username.unwrap(), password.unwrap());
    let active = req.get("active").and_then(Value::as_bool).unwrap_or(true);
    if users::role_object(role).is_none() {
        return Err(OpError::not_found(format!("{role} role not found")));
    }
    if node.store().user(username)?.is_some() {
        return Err(OpError::conflict(format!("User {username} already exists")));
    }
    let mut user = users::new_user(username, "", role, active)?;
    user.password_hash = hash(password.to_owned()).await?;
    if !node.store().insert_user(&user)? {
        return Err(OpError::conflict(format!("User {username} already exists")));
    }
    LOGINS.forget(username);
    node.store().flush().await?;
    super::cluster::remember_cluster_password(node, &user, password)?;
    node.reconcile_cluster().await;
    Ok(message(format!("{username} successfully added")))
}

pub async fn alter_user(node: &Node, req: &Request) -> Result<Value, OpError> {
    let username = match req.get("username").and_then(Value::as_str) {
        Some(u) if !u.is_empty() => u.to_owned(),
        _ => return Err(OpError::bad_request("Username can't be blank")),
    };
    let Some(mut user) = node.store().user(&username)? else {
        return Err(OpError::not_found(format!(
            "User {username} does not exist"
        )));
    };
    if let Some(role) = req.get("role").filter(|v| !v.is_null()) {
        let role = role
            .as_str()
            .ok_or_else(|| OpError::bad_request("Role must be a string"))?;
        if users::role_object(role).is_none() {
            return Err(OpError::not_found(format!("{role} role not found")));
        }
        user.role = role.to_owned();
    }
    if let Some(active) = req.get("active").filter(|v| !v.is_null()) {
        user.active = active
            .as_bool()
            .ok_or_else(|| OpError::bad_request("Active must be a boolean"))?;
    }
    let mut new_password = None;
    if let Some(pw) = req.get("password").filter(|v| !v.is_null()) {
        let pw = pw
            .as_str()
            .filter(|p| !p.is_empty())
            .ok_or_else(|| OpError::bad_request("Password can't be blank"))?;
        user.password_hash = hash(pw.to_owned()).await?;
        new_password = Some(pw.to_owned());
    }
    node.store().put_user(&user)?;
    LOGINS.forget(&username);
    node.store().flush().await?;
    if let Some(pw) = new_password {
        super::cluster::remember_cluster_password(node, &user, &pw)?;
    }
    node.reconcile_cluster().await;
    Ok(json!({
        "message": "updated 1 of 1 records",
        "update_hashes": [username],
        "skipped_hashes": [],
    }))
}

pub async fn drop_user(node: &Node, req: &Request) -> Result<Value, OpError> {
    let username = match req.get("username").and_then(Value::as_str) {
        Some(u) if !u.is_empty() => u.to_owned(),
        _ => return Err(OpError::bad_request("Username can't be blank")),
    };
    let settings = node.config().settings();
    if settings.cluster_user.as_deref() == Some(username.as_str()) && settings.clustering_enabled {
        return Err(OpError::conflict(format!(
            "User {username} is the cluster user (clustering.user); disable clustering or name another cluster user first"
        )));
    }
    if !node.store().remove_user(&username)? {
        return Err(OpError::not_found(format!(
            "User {username} does not exist"
        )));
    }
    LOGINS.forget(&username);
    let _ = crate::secrets::store(&node.root().join("keys"), &username, None);
    node.reconcile_cluster().await;
    Ok(message(format!("{username} successfully deleted")))
}

pub fn list_users(node: &Node) -> Result<Value, OpError> {
    Ok(Value::Array(
        node.store()
            .list_users()?
            .iter()
            .map(|u| u.public())
            .collect(),
    ))
}

pub fn user_info(node: &Node, caller: &Caller) -> Result<Value, OpError> {
    match caller {
        Caller::LocalSocket => Ok(json!({
            "username": null,
            "active": true,
            "role": users::role_object(SUPER_USER),
        })),
        Caller::User { username, .. } => match node.store().user(username)? {
            Some(u) => Ok(u.public()),
            None => Err(OpError::not_found(format!(
                "User {username} does not exist"
            ))),
        },
    }
}

/// Check a user's password (for the HTTP door and the mesh handshake).
///
/// The user record is read afresh every time, so a dropped or deactivated
/// user, or a changed role, takes effect on the next request. Only the
/// argon2 verification is skipped, when this process recently verified the
/// same password against the same stored hash.
pub async fn authenticate(node: &Node, username: &str, password: &str) -> Option<users::User> {
    let user = node.store().user(username).ok()??;
    if !user.active {
        return None;
    }
    if LOGINS.recalls(username, password, &user.password_hash) {
        return Some(user);
    }
    // A flood of wrong passwords must not run argon2 (~19 MiB each) on every
    // blocking thread at once: verifications queue here instead.
    let _permit = LOGINS.verifying.acquire().await.ok()?;
    let (pw, phc) = (password.to_owned(), user.password_hash.clone());
    let ok = tokio::task::spawn_blocking(move || users::verify_password(&pw, &phc))
        .await
        .unwrap_or(false);
    if ok {
        LOGINS.remember(username, password, &user.password_hash);
    }
    ok.then_some(user)
}

/// How many successful logins the cache holds (one per user name).
const LOGIN_CACHE_ENTRIES: usize = 1024;
/// How long a cached login stays good without a fresh argon2 check.
const LOGIN_CACHE_TTL: Duration = Duration::from_secs(15 * 60);
/// argon2 verifications that may run at once.
const CONCURRENT_VERIFICATIONS: usize = 4;

/// The process's cache of successful logins. Process-wide because a daemon
/// runs one node; entries are bound to the stored password hash, so even two
/// nodes in one process (unit tests) cannot confuse each other's users.
static LOGINS: LazyLock<LoginCache> = LazyLock::new(LoginCache::new);

/// Successful logins by user name. An entry holds an HMAC of the user name
/// and password under a key made at random when the process starts (never
/// the password, nor a hash that could be attacked offline without that
/// key), the stored argon2 hash it was verified against, and when.
struct LoginCache {
    key: hmac::Key,
    entries: RwLock<HashMap<String, CachedLogin>>,
    verifying: Semaphore,
}

struct CachedLogin {
    tag: hmac::Tag,
    password_hash: String,
    at: Instant,
}

impl LoginCache {
    fn new() -> LoginCache {
        let rng = ring::rand::SystemRandom::new();
        LoginCache {
            key: hmac::Key::generate(hmac::HMAC_SHA256, &rng)
                .expect("the system random generator works"),
            entries: RwLock::new(HashMap::new()),
            verifying: Semaphore::new(CONCURRENT_VERIFICATIONS),
        }
    }

    /// What the tag covers: the name's length first, so that no other
    /// (name, password) pair makes the same message.
    fn message(username: &str, password: &str) -> Vec<u8> {
        let mut m = Vec::with_capacity(8 + username.len() + password.len());
        m.extend_from_slice(&(username.len() as u64).to_be_bytes());
        m.extend_from_slice(username.as_bytes());
        m.extend_from_slice(password.as_bytes());
        m
    }

    /// True when this password was verified recently against this very hash.
    fn recalls(&self, username: &str, password: &str, password_hash: &str) -> bool {
        let entries = self.entries.read().expect("login cache lock");
        let Some(e) = entries.get(username) else {
            return false;
        };
        e.password_hash == password_hash
            && e.at.elapsed() < LOGIN_CACHE_TTL
            // Constant time: the comparison must not tell how close a guess was.
            && hmac::verify(&self.key, &Self::message(username, password), e.tag.as_ref()).is_ok()
    }

    fn remember(&self, username: &str, password: &str, password_hash: &str) {
        let tag = hmac::sign(&self.key, &Self::message(username, password));
        let mut entries = self.entries.write().expect("login cache lock");
        if entries.len() >= LOGIN_CACHE_ENTRIES && !entries.contains_key(username) {
            entries.retain(|_, e| e.at.elapsed() < LOGIN_CACHE_TTL);
            if entries.len() >= LOGIN_CACHE_ENTRIES
                && let Some(oldest) = entries
                    .iter()
                    .min_by_key(|(_, e)| e.at)
                    .map(|(k, _)| k.clone())
            {
                entries.remove(&oldest);
            }
        }
        entries.insert(
            username.to_owned(),
            CachedLogin {
                tag,
                password_hash: password_hash.to_owned(),
                at: Instant::now(),
            },
        );
    }

    /// Drop a user's entry: called whenever the user is added, altered or dropped.
    fn forget(&self, username: &str) {
        self.entries
            .write()
            .expect("login cache lock")
            .remove(username);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cache_recalls_only_the_same_password_and_hash() {
        let c = LoginCache::new();
        assert!(!c.recalls("admin", "pw", "$argon2id$a"));
        c.remember("admin", "pw", "$argon2id$a");
        assert!(c.recalls("admin", "pw", "$argon2id$a"));
        assert!(
            !c.recalls("admin", "pw2", "$argon2id$a"),
            "another password"
        );
        assert!(!c.recalls("admin", "pw", "$argon2id$b"), "the hash changed");
        assert!(!c.recalls("other", "pw", "$argon2id$a"), "another user");
        // The name's length is bound into the tag: ("ad", "minpw") is not ("admin", "pw").
        c.remember("ad", "minpw", "$argon2id$c");
        assert!(!c.recalls("ad", "pw", "$argon2id$c"));
        c.forget("admin");
        assert!(!c.recalls("admin", "pw", "$argon2id$a"));
    }

    #[test]
    fn cache_is_bounded() {
        let c = LoginCache::new();
        for i in 0..LOGIN_CACHE_ENTRIES + 10 {
            c.remember(&format!("u{i}"), "pw", "h");
        }
        assert_eq!(c.entries.read().unwrap().len(), LOGIN_CACHE_ENTRIES);
        let last = format!("u{}", LOGIN_CACHE_ENTRIES + 9);
        assert!(c.recalls(&last, "pw", "h"), "the newest entry stays");
    }
}
