//! Forged bearer tokens as failed logins of their address: the same backoff
//! as wrong passwords (so an address cannot alternate between guessing
//! tokens and guessing passwords), counted and logged (within the same
//! rate) like them. No user name is involved: a forged token names nobody
//! we can believe. Genuine tokens never come here and never wait.

use std::net::IpAddr;
use std::sync::atomic::Ordering::Relaxed;
use std::time::{Duration, Instant};

use super::{LOGINS, Logins, address_key};

/// Record a forged token from `from`. `Some(wait)` when the address was
/// already held back (the attempt is refused with 429 and, as a refused
/// password would be, not counted again); `None` when it was counted as one
/// more failure (401).
pub fn forged_token(from: IpAddr) -> Option<Duration> {
    LOGINS.forged_token(address_key(from), Instant::now())
}

impl Logins {
    fn forged_token(&self, address: IpAddr, now: Instant) -> Option<Duration> {
        let held = {
            let mut t = self.throttle();
            let held = t.addresses.blocked(&address, now);
            if held.is_none() {
                t.addresses.failed(&address, now);
            }
            held
        };
        let counter = match held {
            Some(_) => &self.stats.throttled,
            None => &self.stats.failed,
        };
        counter.fetch_add(1, Relaxed);
        if self.admit_log_line() {
            match held {
                Some(wait) => tracing::warn!(
                    "bearer token refused from {address}: too many failures, refused for {} s more",
                    wait.as_secs_f64().ceil()
                ),
                None => tracing::warn!(
                    "bearer token refused from {address}: not a token this node issued"
                ),
            }
        }
        held
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::logins::FREE_FAILURES_PER_ADDRESS;

    #[test]
    fn forged_tokens_are_backed_off_by_address_like_passwords() {
        let l = Logins::new();
        let (a, b): (IpAddr, IpAddr) =
            ("127.0.0.9".parse().unwrap(), "127.0.0.10".parse().unwrap());
        let now = Instant::now();
        for _ in 0..FREE_FAILURES_PER_ADDRESS {
            assert_eq!(l.forged_token(a, now), None);
        }
        let wait = l
            .forged_token(a, now)
            .expect("held back after the free failures");
        assert!(wait > Duration::ZERO);
        // Held back for passwords too, and the refusal did not extend the delay.
        assert_eq!(l.throttle().addresses.blocked(&a, now), Some(wait));
        // Another address is not affected.
        assert_eq!(l.forged_token(b, now), None);
        assert_eq!(l.stats.throttled.load(Relaxed), 1);
        assert_eq!(
            l.stats.failed.load(Relaxed),
            FREE_FAILURES_PER_ADDRESS as u64 + 1
        );
    }
}
