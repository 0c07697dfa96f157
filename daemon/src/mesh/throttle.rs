//! Throttling of failed mesh handshakes per source address, with no I/O (the
//! caller passes the clock). Each handshake costs the attacker one online
//! password guess; this bounds how many it gets.
//!
//! - A source is an IPv4 address or an IPv6 /64 (one host usually owns a
//!   whole /64); the port does not count.
//! - The first [`FREE_FAILURES`] failures in a row cost nothing. After that,
//!   handshakes from the source are spaced: each starts at least
//!   [`delay`]`(failures)` after the previous one (and after the last
//!   failure), doubling from [`FIRST_DELAY`] up to [`MAX_DELAY`]. So
//!   parallel connections do not multiply the guesses either.
//! - A handshake in which the peer proved the password ends it: the source
//!   starts afresh. So does [`FORGET_AFTER`] without a failure.
//! - Memory is bounded: at most [`MAX_SOURCES`] sources are tracked (quiet ones
//!   are dropped first, then the longest quiet), at most
//!   [`MAX_PENDING_PER_SOURCE`] handshakes wait or run per source, at most
//!   [`MAX_PENDING`] in all, and none waits longer than [`MAX_WAIT`]: beyond
//!   those a connection is closed at once, before TLS.
//!
//! What counts as a failure is the caller's choice: every handshake that ends
//! before the peer proved the password (wrong password, protocol error, TLS
//! failure, timeout).

use std::collections::HashMap;
use std::net::IpAddr;
use std::time::Duration;

use tokio::time::Instant;

/// Failures in a row that are not delayed (a node restarting with a typo).
pub const FREE_FAILURES: u32 = 3;
/// The delay after the first failure beyond the free ones.
pub const FIRST_DELAY: Duration = Duration::from_millis(250);
/// The longest delay between two handshakes from one source.
pub const MAX_DELAY: Duration = Duration::from_secs(5);
/// A source without a failure for this long starts afresh.
pub const FORGET_AFTER: Duration = Duration::from_secs(10 * 60);
/// Sources tracked at once.
pub const MAX_SOURCES: usize = 4096;
/// Handshakes waiting or running per source.
pub const MAX_PENDING_PER_SOURCE: u32 = 64;
/// Handshakes waiting or running in all (each holds a socket).
pub const MAX_PENDING: u32 = 1024;
/// The longest a connection is held before its handshake may start.
pub const MAX_WAIT: Duration = Duration::from_secs(30);

/// Where handshakes come from, as throttling counts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Source(IpAddr);

impl Source {
    /// The source of a connection from `ip`.
    pub fn of(ip: IpAddr) -> Source {
        match ip {
            IpAddr::V4(v4) => Source(IpAddr::V4(v4)),
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => Source(IpAddr::V4(v4)),
                None => {
                    let bits = u128::from(v6) & !((1u128 << 64) - 1);
                    Source(IpAddr::V6(bits.into()))
                }
            },
        }
    }
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            IpAddr::V4(v4) => write!(f, "{v4}"),
            IpAddr::V6(v6) => write!(f, "{v6}/64"),
        }
    }
}

/// The wait before the next handshake after `failures` failures in a row.
pub fn delay(failures: u32) -> Duration {
    if failures < FREE_FAILURES {
        return Duration::ZERO;
    }
    let doublings = (failures - FREE_FAILURES).min(16);
    FIRST_DELAY.saturating_mul(1 << doublings).min(MAX_DELAY)
}

/// What to do with a new connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admission {
    /// Start its handshake after `wait`; `failures` in a row so far.
    Go { wait: Duration, failures: u32 },
    /// Close it now: too many handshakes are waiting already.
    Refuse { failures: u32 },
}

#[derive(Debug, Clone)]
struct Entry {
    failures: u32,
    last_failure: Instant,
    /// The earliest time the next handshake may start.
    next_start: Instant,
    pending: u32,
}

/// The state of every tracked source.
#[derive(Debug, Default)]
pub struct Throttle {
    entries: HashMap<Source, Entry>,
    pending: u32,
}

impl Throttle {
    /// A new connection from `src` at `now`. Every `Go` must be followed by
    /// one [`Throttle::finish`].
    pub fn admit(&mut self, src: Source, now: Instant) -> Admission {
        if !self.entries.contains_key(&src) && !self.make_room(now) {
            return Admission::Refuse { failures: 0 };
        }
        let total = self.pending;
        let e = self.entries.entry(src).or_insert(Entry {
            failures: 0,
            last_failure: now,
            next_start: now,
            pending: 0,
        });
        if e.pending == 0 && now.saturating_duration_since(e.last_failure) > FORGET_AFTER {
            e.failures = 0;
        }
        let start = e.next_start.max(now);
        let wait = start - now;
        if total >= MAX_PENDING || e.pending >= MAX_PENDING_PER_SOURCE || wait > MAX_WAIT {
            return Admission::Refuse {
                failures: e.failures,
            };
        }
        e.next_start = start + delay(e.failures);
        e.pending += 1;
        self.pending += 1;
        Admission::Go {
            wait,
            failures: e.failures,
        }
    }

    /// The handshake of a connection admitted from `src` ended; `proven`
    /// when the peer proved the password. Returns the failures in a row.
    pub fn finish(&mut self, src: Source, now: Instant, proven: bool) -> u32 {
        self.pending = self.pending.saturating_sub(1);
        let e = self.entries.entry(src).or_insert(Entry {
            failures: 0,
            last_failure: now,
            next_start: now,
            pending: 1,
        });
        e.pending = e.pending.saturating_sub(1);
        if proven {
            e.failures = 0;
            e.next_start = now;
            if e.pending == 0 {
                self.entries.remove(&src);
            }
            return 0;
        }
        e.failures = e.failures.saturating_add(1);
        e.last_failure = now;
        e.next_start = e.next_start.max(now + delay(e.failures));
        e.failures
    }

    /// Sources tracked now.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when no source is tracked.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Make room for one more source: drop the quiet ones, else the one
    /// quiet longest that has nothing pending. False when every tracked
    /// source has handshakes pending.
    fn make_room(&mut self, now: Instant) -> bool {
        if self.entries.len() < MAX_SOURCES {
            return true;
        }
        self.entries.retain(|_, e| {
            e.pending > 0 || now.saturating_duration_since(e.last_failure) <= FORGET_AFTER
        });
        if self.entries.len() < MAX_SOURCES {
            return true;
        }
        let oldest = self
            .entries
            .iter()
            .filter(|(_, e)| e.pending == 0)
            .min_by_key(|(_, e)| e.last_failure)
            .map(|(s, _)| *s);
        match oldest {
            Some(s) => {
                self.entries.remove(&s);
                true
            }
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(s: &str) -> Source {
        Source::of(s.parse().unwrap())
    }

    fn go(a: Admission) -> Duration {
        match a {
            Admission::Go { wait, .. } => wait,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn delays_grow_after_the_free_failures_and_are_capped() {
        assert_eq!(delay(0), Duration::ZERO);
        assert_eq!(delay(FREE_FAILURES - 1), Duration::ZERO);
        assert_eq!(delay(FREE_FAILURES), FIRST_DELAY);
        assert_eq!(delay(FREE_FAILURES + 1), FIRST_DELAY * 2);
        assert_eq!(delay(FREE_FAILURES + 40), MAX_DELAY);
        assert_eq!(delay(u32::MAX), MAX_DELAY);
    }

    #[test]
    fn failures_space_the_next_handshakes_and_a_proof_resets() {
        let mut t = Throttle::default();
        let (a, now) = (src("10.0.0.1"), Instant::now());
        for _ in 0..FREE_FAILURES {
            assert_eq!(go(t.admit(a, now)), Duration::ZERO);
            t.finish(a, now, false);
        }
        // Now each handshake waits, and parallel ones are spaced out.
        assert_eq!(go(t.admit(a, now)), FIRST_DELAY);
        assert_eq!(go(t.admit(a, now)), FIRST_DELAY * 2);
        // Another address is not affected.
        assert_eq!(go(t.admit(src("10.0.0.2"), now)), Duration::ZERO);
        t.finish(a, now, false);
        t.finish(a, now, false);
        // Two more failures: the next start is a full delay(5) after them.
        let later = now + Duration::from_millis(100);
        assert_eq!(
            go(t.admit(a, later)),
            delay(FREE_FAILURES + 2) - (later - now)
        );
        assert_eq!(t.finish(a, later, true), 0);
        assert_eq!(go(t.admit(a, later)), Duration::ZERO);
    }

    #[test]
    fn quiet_sources_are_forgiven_and_waits_are_bounded() {
        let mut t = Throttle::default();
        let (a, start) = (src("10.0.0.1"), Instant::now());
        // A patient attacker, one guess after another: each waits its turn.
        let mut now = start;
        for _ in 0..20 {
            now += go(t.admit(a, now));
            t.finish(a, now, false);
        }
        let floor: Duration = (0..20).map(delay).sum();
        assert!(now - start >= floor, "20 guesses took {:?}", now - start);
        // Parallel connections queue until the wait would exceed the bound.
        let mut admitted = 0;
        while let Admission::Go { .. } = t.admit(a, now) {
            admitted += 1;
            assert!(admitted < 100);
        }
        assert!(admitted as u64 <= MAX_WAIT.as_secs() / MAX_DELAY.as_secs() + 1);
        for _ in 0..admitted {
            t.finish(a, now, false);
        }
        let much_later = now + FORGET_AFTER + MAX_WAIT * 4;
        assert_eq!(go(t.admit(a, much_later)), Duration::ZERO);
    }

    #[test]
    fn memory_is_bounded_whatever_the_number_of_sources() {
        let mut t = Throttle::default();
        let now = Instant::now();
        for i in 0..(MAX_SOURCES as u32 * 2) {
            let s = Source::of(IpAddr::V4(i.into()));
            go(t.admit(s, now));
            t.finish(s, now, false);
        }
        assert_eq!(t.len(), MAX_SOURCES);
        // IPv6 counts by /64, so one host cannot pose as many.
        assert_eq!(src("2001:db8::1"), src("2001:db8::ffff:1"));
        assert_ne!(src("2001:db8::1"), src("2001:db8:0:1::1"));
        assert_eq!(src("::ffff:10.0.0.1"), src("10.0.0.1"));
        // Pending handshakes are bounded per source and in all.
        let mut t = Throttle::default();
        let a = src("10.0.0.9");
        for _ in 0..MAX_PENDING_PER_SOURCE {
            go(t.admit(a, now));
        }
        assert!(matches!(t.admit(a, now), Admission::Refuse { .. }));
    }
}
