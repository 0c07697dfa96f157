//! Logins: checking a user's password for the HTTP door, at the same cost
//! whether or not the user exists, with backoff for failures, and without
//! letting a flood of wrong passwords hold up a correct one.
//!
//! - **Same cost.** An unknown or inactive user is verified like a wrong
//!   password: argon2 against a dummy hash made once with the same
//!   parameters (or the inactive user's own hash), so the time of a refusal
//!   does not tell which names exist.
//! - **Backoff** ([`backoff`]), by client address (IPv6 by its /64) and by
//!   user name (known or not, so that it tells nothing either): the first
//!   [`FREE_FAILURES_PER_ADDRESS`] = 5 failures of an address and
//!   [`FREE_FAILURES_PER_USER`] = 10 of a user name are free; after them
//!   every attempt is refused at once, without argon2, for 1 s, doubling with
//!   each further failure up to 60 s. A verified success resets the address
//!   and the user name, a recalled one only the address; failures are
//!   forgotten after 15 min. At most 8192 addresses and
//!   8192 names are tracked. While a *user name* is held back, a login that
//!   the cache recalls still succeeds (an attacker cannot lock out a client
//!   that is logged in), and each refused attempt counts as a failure of its
//!   address, so the cache is no faster oracle than argon2.
//! - **Lanes.** Verifications of callers whose address and user name have
//!   no recent failure and no attempt in progress run [`CLEAN_LANE`] = 2 at
//!   a time; all others [`SUSPECT_LANE`] = 1 at a time, so a flood occupies
//!   at most one core and never queues in front of a clean login. A login the
//!   cache recalls (an HMAC, no argon2) passes neither semaphore.
//! - **Tokens.** A forged bearer token is a failed login of its address
//!   ([`bearer`]); a genuine one is checked without argon2 and never waits
//!   here.
//! - Failed and refused logins are logged with the address and the user
//!   name (escaped, cut to 64 characters), never the password, at most
//!   [`LOGGED_REFUSALS_PER_WINDOW`] = 10 lines a minute.
//!
//! The numbers are process-wide: a daemon runs one node.

mod backoff;
mod bearer;
mod cache;

use std::net::IpAddr;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::{LazyLock, Mutex};
use std::time::{Duration, Instant};

use harper_rpc::text::printable;
use ring::hmac;
use tokio::sync::Semaphore;

use crate::node::Node;
use crate::store::users::{self, User};
pub use bearer::forged_token;
use cache::LoginCache;

/// Failures of one client address before its attempts are held back.
pub const FREE_FAILURES_PER_ADDRESS: u32 = 5;
/// Failures for one user name (from any address) before its attempts are
/// held back. Higher than the address's, so that one address cannot lock a
/// user out.
pub const FREE_FAILURES_PER_USER: u32 = 10;
/// Client addresses whose failures are tracked at once.
pub const TRACKED_ADDRESSES: usize = 8192;
/// User names whose failures are tracked at once.
pub const TRACKED_USERS: usize = 8192;
/// argon2 verifications of callers with a clean record that run at once.
pub const CLEAN_LANE: usize = 2;
/// argon2 verifications of callers with recent failures (or attempts in
/// progress) that run at once.
pub const SUSPECT_LANE: usize = 1;
/// Lines about failed or refused logins written per [`LOG_WINDOW`].
pub const LOGGED_REFUSALS_PER_WINDOW: u32 = 10;
/// The window of [`LOGGED_REFUSALS_PER_WINDOW`].
pub const LOG_WINDOW: Duration = Duration::from_secs(60);
/// A user name in the log is cut to this many characters.
const LOGGED_NAME_CHARS: usize = 64;

/// Why a login was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// Wrong user name or password (or an inactive user).
    Failed,
    /// Too many recent failures: try again after this long.
    Throttled(Duration),
}

/// Check a login from the HTTP door, with backoff by `from` and by user name.
pub async fn login(
    node: &Node,
    username: &str,
    password: &str,
    from: IpAddr,
) -> Result<User, Refused> {
    let who = Who {
        address: address_key(from),
        user: LOGINS.user_key(username),
    };
    if let Step::Recalled(u) = check(&who, node, username, password)? {
        return Ok(u);
    }
    let pending = Pending::begin(who);
    let lane = if pending.suspect {
        &LOGINS.suspect
    } else {
        &LOGINS.clean
    };
    let permit = lane.acquire().await.map_err(|_| Refused::Failed)?;
    // Check again: failures and successes may have come while this waited.
    if let Step::Recalled(u) = check(&who, node, username, password)? {
        return Ok(u);
    }
    let user = node.store().user(username).ok().flatten();
    let hash = user.as_ref().map(|u| u.password_hash.clone());
    let active = user.as_ref().is_some_and(|u| u.active);
    let (name, password) = (username.to_owned(), password.to_owned());
    LOGINS.stats.verified.fetch_add(1, Relaxed);
    let ok = tokio::task::spawn_blocking(move || {
        let ok = users::verify_password(&password, hash.as_deref().unwrap_or(DUMMY_HASH.as_str()))
            && active;
        // Recorded here rather than after the await: a caller that goes
        // away while this runs must not take its failure with it.
        LOGINS.verified(&who, &name, &password, hash.as_deref(), ok);
        drop((permit, pending));
        ok
    })
    .await
    .unwrap_or(false);
    match (ok, user) {
        (true, Some(u)) => Ok(u),
        _ => Err(Refused::Failed),
    }
}

/// Check a user's password without backoff, for a super user's operation
/// (`cluster_enable` checks the cluster user's password it is given).
pub async fn authenticate(node: &Node, username: &str, password: &str) -> Option<User> {
    let user = node.store().user(username).ok()??;
    if !user.active {
        return None;
    }
    if LOGINS
        .cache
        .recalls(username, password, &user.password_hash)
    {
        return Some(user);
    }
    let _permit = LOGINS.clean.acquire().await.ok()?;
    let (pw, phc) = (password.to_owned(), user.password_hash.clone());
    let ok = tokio::task::spawn_blocking(move || users::verify_password(&pw, &phc))
        .await
        .unwrap_or(false);
    if ok {
        LOGINS
            .cache
            .remember(username, password, &user.password_hash);
    }
    ok.then_some(user)
}

/// Make the dummy hash now (it takes one argon2 hash), so that the first
/// login of an unknown user does not take longer than the others.
pub fn prepare() {
    tokio::task::spawn_blocking(|| LazyLock::force(&DUMMY_HASH));
}

/// The counters, for `system_information`.
pub fn stats() -> harper_rpc::ops::LoginStats {
    let s = &LOGINS.stats;
    harper_rpc::ops::LoginStats {
        verified: s.verified.load(Relaxed),
        recalled: s.recalled.load(Relaxed),
        failed: s.failed.load(Relaxed),
        throttled: s.throttled.load(Relaxed),
    }
}

/// A hash of a random password with argon2's default parameters (those of
/// `users::hash_password`), verified in place of a missing user's.
static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| {
    let mut secret = [0u8; 32];
    ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut secret)
        .expect("the system random generator works");
    let secret: String = secret.iter().map(|b| format!("{b:02x}")).collect();
    users::hash_password(&secret).expect("argon2 hashes with its default parameters")
});

/// The process's logins (a daemon runs one node; cache entries are bound to
/// the stored hash, so even two nodes in one process cannot confuse users).
pub(super) static LOGINS: LazyLock<Logins> = LazyLock::new(Logins::new);

type UserKey = [u8; 16];

/// The keys of one attempt: its address (IPv6 by /64) and its user name (by
/// a keyed hash, so a long name costs no more memory than a short one).
#[derive(Debug, Clone, Copy)]
struct Who {
    address: IpAddr,
    user: UserKey,
}

fn address_key(ip: IpAddr) -> IpAddr {
    match ip.to_canonical() {
        IpAddr::V6(v6) => {
            let s = v6.segments();
            IpAddr::V6(std::net::Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
        }
        v4 => v4,
    }
}

pub(super) struct Logins {
    cache: LoginCache,
    throttle: Mutex<Throttle>,
    clean: Semaphore,
    suspect: Semaphore,
    name_key: hmac::Key,
    stats: Stats,
    log: Mutex<LogWindow>,
}

struct Throttle {
    addresses: backoff::Backoff<IpAddr>,
    users: backoff::Backoff<UserKey>,
}

#[derive(Default)]
struct Stats {
    verified: AtomicU64,
    recalled: AtomicU64,
    failed: AtomicU64,
    throttled: AtomicU64,
}

/// What the gate says about an attempt.
enum Step {
    /// The cache recalls this login: it succeeded.
    Recalled(User),
    /// It must be verified with argon2.
    Verify,
}

/// Decide an attempt before (and again after) it waits for a verification:
/// refused by the backoff, recalled by the cache, or to be verified.
fn check(who: &Who, node: &Node, username: &str, password: &str) -> Result<Step, Refused> {
    let now = Instant::now();
    let (address_wait, user_wait) = {
        let t = LOGINS.throttle();
        (
            t.addresses.blocked(&who.address, now),
            t.users.blocked(&who.user, now),
        )
    };
    if let Some(wait) = address_wait {
        LOGINS.refused(who, username, Some(wait));
        return Err(Refused::Throttled(wait));
    }
    // The cache is consulted only past the address check: a held-back
    // address must not test guesses against it at HMAC speed.
    let user = node.store().user(username).ok().flatten();
    let hash = user.as_ref().map_or("", |u| u.password_hash.as_str());
    let recalled = LOGINS.cache.recalls(username, password, hash);
    match user {
        Some(u) if recalled && u.active => {
            LOGINS.stats.recalled.fetch_add(1, Relaxed);
            // Only the address is cleared: a client that stays logged in
            // must not reopen its user name to guesses from elsewhere.
            LOGINS.throttle().addresses.succeeded(&who.address);
            Ok(Step::Recalled(u))
        }
        _ => match user_wait {
            Some(wait) => {
                LOGINS.throttle().addresses.failed(&who.address, now);
                LOGINS.refused(who, username, Some(wait));
                Err(Refused::Throttled(wait))
            }
            None => Ok(Step::Verify),
        },
    }
}

/// An attempt being verified: makes its address and user name suspect
/// until it ends, however it ends.
struct Pending {
    who: Who,
    suspect: bool,
}

impl Pending {
    fn begin(who: Who) -> Pending {
        let now = Instant::now();
        let mut t = LOGINS.throttle();
        let suspect = t.addresses.suspect(&who.address, now) || t.users.suspect(&who.user, now);
        t.addresses.begin(&who.address, now);
        t.users.begin(&who.user, now);
        Pending { who, suspect }
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        let now = Instant::now();
        let mut t = LOGINS.throttle();
        t.addresses.end(&self.who.address, now);
        t.users.end(&self.who.user, now);
    }
}

impl Logins {
    fn new() -> Logins {
        let rng = ring::rand::SystemRandom::new();
        Logins {
            cache: LoginCache::new(),
            throttle: Mutex::new(Throttle {
                addresses: backoff::Backoff::new(FREE_FAILURES_PER_ADDRESS, TRACKED_ADDRESSES),
                users: backoff::Backoff::new(FREE_FAILURES_PER_USER, TRACKED_USERS),
            }),
            clean: Semaphore::new(CLEAN_LANE),
            suspect: Semaphore::new(SUSPECT_LANE),
            name_key: hmac::Key::generate(hmac::HMAC_SHA256, &rng)
                .expect("the system random generator works"),
            stats: Stats::default(),
            log: Mutex::new(LogWindow::default()),
        }
    }

    /// Forget a user's cached login: called whenever the user is added, altered or dropped.
    pub(super) fn forget(&self, username: &str) {
        self.cache.forget(username);
    }

    fn throttle(&self) -> std::sync::MutexGuard<'_, Throttle> {
        self.throttle.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn user_key(&self, username: &str) -> UserKey {
        let tag = hmac::sign(&self.name_key, username.as_bytes());
        let mut key = [0u8; 16];
        key.copy_from_slice(&tag.as_ref()[..16]);
        key
    }

    fn succeeded(&self, who: &Who) {
        let mut t = self.throttle();
        t.addresses.succeeded(&who.address);
        t.users.succeeded(&who.user);
    }

    /// The outcome of an argon2 verification.
    fn verified(&self, who: &Who, username: &str, password: &str, hash: Option<&str>, ok: bool) {
        if ok {
            if let Some(h) = hash {
                self.cache.remember(username, password, h);
            }
            self.succeeded(who);
            return;
        }
        let now = Instant::now();
        {
            let mut t = self.throttle();
            t.addresses.failed(&who.address, now);
            t.users.failed(&who.user, now);
        }
        self.refused(who, username, None);
    }

    /// Count and log (within the rate) a failed or held-back attempt.
    fn refused(&self, who: &Who, username: &str, throttled: Option<Duration>) {
        let counter = match throttled {
            Some(_) => &self.stats.throttled,
            None => &self.stats.failed,
        };
        counter.fetch_add(1, Relaxed);
        if !self.admit_log_line() {
            return;
        }
        let name: String = username.chars().take(LOGGED_NAME_CHARS).collect();
        let cut = if name.len() < username.len() {
            "..."
        } else {
            ""
        };
        let name = printable(&name);
        match throttled {
            Some(wait) => tracing::warn!(
                "login throttled for user '{name}{cut}' from {}: too many failures, refused for {} s more",
                who.address,
                wait.as_secs_f64().ceil()
            ),
            None => tracing::warn!("login failed for user '{name}{cut}' from {}", who.address),
        }
    }
}

impl Logins {
    /// Whether one more line about a refused login may be logged now (and,
    /// once per window, how many were not).
    fn admit_log_line(&self) -> bool {
        let (log, unlogged) = self
            .log
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .admit(Instant::now());
        if unlogged > 0 {
            tracing::warn!(
                "{unlogged} more failed or throttled logins in the last {} s were not logged",
                LOG_WINDOW.as_secs()
            );
        }
        log
    }
}

/// At most [`LOGGED_REFUSALS_PER_WINDOW`] lines per [`LOG_WINDOW`].
#[derive(Debug, Default)]
struct LogWindow {
    started: Option<Instant>,
    lines: u32,
    unlogged: u64,
}

impl LogWindow {
    /// Whether to log one more line now, and how many went unlogged in the
    /// window that just ended (to be said once).
    fn admit(&mut self, now: Instant) -> (bool, u64) {
        let mut ended = 0;
        if self
            .started
            .is_none_or(|s| now.saturating_duration_since(s) >= LOG_WINDOW)
        {
            ended = std::mem::take(&mut self.unlogged);
            self.started = Some(now);
            self.lines = 0;
        }
        if self.lines < LOGGED_REFUSALS_PER_WINDOW {
            self.lines += 1;
            (true, ended)
        } else {
            self.unlogged += 1;
            (false, ended)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_keyed_by_v4_or_v6_slash_64() {
        let v4: IpAddr = "127.0.0.2".parse().unwrap();
        assert_eq!(address_key(v4), v4);
        let mapped: IpAddr = "::ffff:127.0.0.2".parse().unwrap();
        assert_eq!(address_key(mapped), v4);
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:bbbb::9".parse().unwrap();
        let c: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(address_key(a), address_key(b));
        assert_ne!(address_key(a), address_key(c));
    }

    #[test]
    fn the_log_is_rate_limited_and_says_how_much_it_left_out() {
        let mut w = LogWindow::default();
        let t0 = Instant::now();
        for _ in 0..LOGGED_REFUSALS_PER_WINDOW {
            assert_eq!(w.admit(t0), (true, 0));
        }
        for _ in 0..7 {
            assert_eq!(w.admit(t0), (false, 0));
        }
        assert_eq!(w.admit(t0 + LOG_WINDOW), (true, 7));
        assert_eq!(w.admit(t0 + LOG_WINDOW), (true, 0));
    }

    #[test]
    fn user_keys_are_fixed_size_and_distinct() {
        let l = Logins::new();
        let long = "x".repeat(100_000);
        assert_eq!(l.user_key(&long).len(), 16);
        assert_ne!(l.user_key("admin"), l.user_key("admin2"));
        assert_eq!(l.user_key("admin"), l.user_key("admin"));
    }
}
