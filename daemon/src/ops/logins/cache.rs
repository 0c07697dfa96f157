//! The cache of recent successful logins, so that a busy HTTP client does not
//! pay for argon2 on every request. It never holds a password, nor anything
//! that could be attacked offline without a key that lives only in memory.

use std::collections::HashMap;
use std::sync::RwLock;
use std::time::{Duration, Instant};

use ring::hmac;

/// How many successful logins the cache holds (one per user name).
pub const LOGIN_CACHE_ENTRIES: usize = 1024;
/// How long a cached login stays good without a fresh argon2 check.
pub const LOGIN_CACHE_TTL: Duration = Duration::from_secs(15 * 60);

/// Successful logins by user name. An entry holds an HMAC of the user name
/// and password under a key made at random when the process starts, the
/// stored argon2 hash it was verified against, and when.
pub struct LoginCache {
    key: hmac::Key,
    entries: RwLock<HashMap<String, CachedLogin>>,
}

struct CachedLogin {
    tag: hmac::Tag,
    password_hash: String,
    at: Instant,
}

impl LoginCache {
    pub fn new() -> LoginCache {
        let rng = ring::rand::SystemRandom::new();
        LoginCache {
            key: hmac::Key::generate(hmac::HMAC_SHA256, &rng)
                .expect("the system random generator works"),
            entries: RwLock::new(HashMap::new()),
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
    pub fn recalls(&self, username: &str, password: &str, password_hash: &str) -> bool {
        let message = Self::message(username, password);
        let entries = self.entries.read().expect("login cache lock");
        let Some(e) = entries.get(username) else {
            // The same work as a miss on a known name, so a miss tells nothing.
            let _ = hmac::sign(&self.key, &message);
            return false;
        };
        // Constant time: the comparison must not tell how close a guess was.
        let same = hmac::verify(&self.key, &message, e.tag.as_ref()).is_ok();
        same && e.password_hash == password_hash && e.at.elapsed() < LOGIN_CACHE_TTL
    }

    pub fn remember(&self, username: &str, password: &str, password_hash: &str) {
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
    pub fn forget(&self, username: &str) {
        self.entries
            .write()
            .expect("login cache lock")
            .remove(username);
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.entries.read().unwrap().len()
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
        assert_eq!(c.len(), LOGIN_CACHE_ENTRIES);
        let last = format!("u{}", LOGIN_CACHE_ENTRIES + 9);
        assert!(c.recalls(&last, "pw", "h"), "the newest entry stays");
    }
}
