//! Backoff for failed logins, by one key (a client address, or a user name):
//! the first few failures are free; after them every further attempt is
//! refused until a delay has passed, and the delay doubles with each failure
//! up to a cap. A success forgets the key. State only, no I/O and no clock
//! of its own (the caller passes `now`), so it is unit-tested alone.
//!
//! Memory is bounded: at most `capacity` keys are tracked; a key idle for
//! [`FORGET_AFTER`] is forgotten, and when the map is full the key whose last
//! failure is oldest makes room.

use std::collections::HashMap;
use std::hash::Hash;
use std::time::{Duration, Instant};

/// The delay after the first failure past the free ones; it doubles with each further failure.
pub const FIRST_DELAY: Duration = Duration::from_secs(1);
/// The longest delay.
pub const MAX_DELAY: Duration = Duration::from_secs(60);
/// Failures older than this are forgotten (a typo last week does not count).
pub const FORGET_AFTER: Duration = Duration::from_secs(15 * 60);

#[derive(Debug, Default)]
struct Record {
    failures: u32,
    last_failure: Option<Instant>,
    /// Attempts of this key being verified now.
    pending: u32,
}

impl Record {
    fn expired(&self, now: Instant) -> bool {
        self.pending == 0
            && self
                .last_failure
                .is_none_or(|t| now.saturating_duration_since(t) > FORGET_AFTER)
    }

    fn failures(&self, now: Instant) -> u32 {
        match self.last_failure {
            Some(t) if now.saturating_duration_since(t) <= FORGET_AFTER => self.failures,
            _ => 0,
        }
    }
}

/// The delay after `failures` failures when `free` of them are free.
pub fn delay(failures: u32, free: u32) -> Duration {
    if failures < free {
        return Duration::ZERO;
    }
    let doublings = (failures - free).min(16);
    (FIRST_DELAY * 2u32.pow(doublings)).min(MAX_DELAY)
}

/// Failures and attempts in progress by key.
#[derive(Debug)]
pub struct Backoff<K> {
    free: u32,
    capacity: usize,
    records: HashMap<K, Record>,
}

impl<K: Hash + Eq + Clone> Backoff<K> {
    /// `free` failures before the first delay; at most `capacity` keys.
    pub fn new(free: u32, capacity: usize) -> Backoff<K> {
        Backoff {
            free,
            capacity,
            records: HashMap::new(),
        }
    }

    /// How long `key` must still wait; `None` when it may try now.
    pub fn blocked(&self, key: &K, now: Instant) -> Option<Duration> {
        let r = self.records.get(key)?;
        let failures = r.failures(now);
        let until = r.last_failure? + delay(failures, self.free);
        (failures >= self.free && now < until).then(|| until - now)
    }

    /// True when `key` failed recently or has an attempt in progress: its
    /// next attempt is verified behind those of callers with a clean record.
    pub fn suspect(&self, key: &K, now: Instant) -> bool {
        self.records
            .get(key)
            .is_some_and(|r| r.pending > 0 || r.failures(now) > 0)
    }

    /// An attempt of `key` starts being verified.
    pub fn begin(&mut self, key: &K, now: Instant) {
        self.entry(key, now).pending += 1;
    }

    /// An attempt of `key` ended (whatever its outcome).
    pub fn end(&mut self, key: &K, now: Instant) {
        if let Some(r) = self.records.get_mut(key) {
            r.pending = r.pending.saturating_sub(1);
            if r.expired(now) {
                self.records.remove(key);
            }
        }
    }

    /// `key` failed once more.
    pub fn failed(&mut self, key: &K, now: Instant) {
        let r = self.entry(key, now);
        r.failures = r.failures(now).saturating_add(1);
        r.last_failure = Some(now);
    }

    /// `key` logged in: its failures are forgotten.
    pub fn succeeded(&mut self, key: &K) {
        if let Some(r) = self.records.get_mut(key) {
            r.failures = 0;
            r.last_failure = None;
            if r.pending == 0 {
                self.records.remove(key);
            }
        }
    }

    /// Keys tracked now.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.records.len()
    }

    fn entry(&mut self, key: &K, now: Instant) -> &mut Record {
        if !self.records.contains_key(key) && self.records.len() >= self.capacity {
            self.make_room(now);
        }
        self.records.entry(key.clone()).or_default()
    }

    /// Forget expired keys; if none was, the one whose last failure is
    /// oldest (never one with an attempt in progress: those are bounded by
    /// the connections the door serves, far fewer than `capacity`).
    fn make_room(&mut self, now: Instant) {
        self.records.retain(|_, r| !r.expired(now));
        if self.records.len() < self.capacity {
            return;
        }
        let oldest = self
            .records
            .iter()
            .filter(|(_, r)| r.pending == 0)
            .min_by_key(|(_, r)| r.last_failure)
            .map(|(k, _)| k.clone());
        if let Some(k) = oldest {
            self.records.remove(&k);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FREE: u32 = 3;

    fn failed_times(b: &mut Backoff<&'static str>, key: &'static str, n: u32, now: Instant) {
        for _ in 0..n {
            b.begin(&key, now);
            b.failed(&key, now);
            b.end(&key, now);
        }
    }

    #[test]
    fn delays_double_to_the_cap() {
        assert_eq!(delay(0, FREE), Duration::ZERO);
        assert_eq!(delay(FREE - 1, FREE), Duration::ZERO);
        assert_eq!(delay(FREE, FREE), FIRST_DELAY);
        assert_eq!(delay(FREE + 1, FREE), FIRST_DELAY * 2);
        assert_eq!(delay(FREE + 3, FREE), FIRST_DELAY * 8);
        assert_eq!(delay(FREE + 40, FREE), MAX_DELAY);
        assert_eq!(delay(u32::MAX, FREE), MAX_DELAY);
    }

    #[test]
    fn free_failures_then_a_delay_then_one_more_try() {
        let mut b = Backoff::new(FREE, 100);
        let t0 = Instant::now();
        failed_times(&mut b, "a", FREE - 1, t0);
        assert_eq!(b.blocked(&"a", t0), None, "the free failures");
        assert!(b.suspect(&"a", t0));
        failed_times(&mut b, "a", 1, t0);
        assert_eq!(b.blocked(&"a", t0), Some(FIRST_DELAY));
        assert_eq!(b.blocked(&"b", t0), None, "another key is not held up");
        let later = t0 + FIRST_DELAY;
        assert_eq!(b.blocked(&"a", later), None, "the delay has passed");
        failed_times(&mut b, "a", 1, later);
        assert_eq!(b.blocked(&"a", later), Some(FIRST_DELAY * 2), "it doubles");
    }

    #[test]
    fn a_success_or_time_forgets() {
        let mut b = Backoff::new(FREE, 100);
        let t0 = Instant::now();
        failed_times(&mut b, "a", FREE + 2, t0);
        assert!(b.blocked(&"a", t0).is_some());
        b.succeeded(&"a");
        assert_eq!(b.blocked(&"a", t0), None);
        assert!(!b.suspect(&"a", t0));
        assert_eq!(b.len(), 0);
        failed_times(&mut b, "a", FREE + 2, t0);
        let much_later = t0 + FORGET_AFTER + Duration::from_secs(1);
        assert_eq!(b.blocked(&"a", much_later), None);
        assert!(!b.suspect(&"a", much_later));
        failed_times(&mut b, "a", 1, much_later);
        assert_eq!(
            b.blocked(&"a", much_later),
            None,
            "old failures do not count"
        );
    }

    #[test]
    fn attempts_in_progress_make_a_key_suspect() {
        let mut b = Backoff::new(FREE, 100);
        let t0 = Instant::now();
        b.begin(&"a", t0);
        assert!(b.suspect(&"a", t0));
        b.end(&"a", t0);
        assert!(!b.suspect(&"a", t0));
        assert_eq!(b.len(), 0, "nothing is kept for a clean key");
    }

    #[test]
    fn bounded_keeping_the_newest_and_those_in_progress() {
        let mut b = Backoff::new(FREE, 4);
        let t0 = Instant::now();
        b.begin(&"busy", t0);
        for (i, k) in ["k1", "k2", "k3", "k4", "k5", "k6"].into_iter().enumerate() {
            failed_times(&mut b, k, FREE, t0 + Duration::from_millis(i as u64));
        }
        assert_eq!(b.len(), 4);
        assert!(b.suspect(&"busy", t0), "an attempt in progress is kept");
        assert!(b.blocked(&"k6", t0 + Duration::from_millis(5)).is_some());
        assert!(b.blocked(&"k1", t0).is_none(), "the oldest made room");
    }
}
