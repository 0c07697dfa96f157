//! The mesh's random source for timing: backoff jitter and gossip
//! spreading. Seeded from the system in production and from the test's seed
//! in the simulation, so a simulated run repeats. Not for secrets: the
//! handshake's SPAKE2 and TLS take their randomness from the system always.

use std::sync::Mutex;
use std::time::Duration;

/// A small seeded generator (SplitMix64), shared by a mesh's tasks.
#[derive(Debug)]
pub struct Random(Mutex<u64>);

impl Random {
    /// A generator from this seed.
    pub fn seeded(seed: u64) -> Random {
        Random(Mutex::new(seed))
    }

    /// A generator seeded from the system's randomness.
    pub fn from_system() -> Random {
        let mut b = [0u8; 8];
        let _ = ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut b);
        Random::seeded(u64::from_le_bytes(b))
    }

    /// The next 64 random bits.
    pub fn next_u64(&self) -> u64 {
        let mut s = self.0.lock().expect("random");
        *s = s.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = *s;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `[0, 1)`.
    pub fn unit(&self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// `d` spread by ±`spread` (0.25: between 75 % and 125 % of `d`).
    pub fn jitter(&self, d: Duration, spread: f64) -> Duration {
        d.mul_f64(1.0 - spread + 2.0 * spread * self.unit())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seed_repeats_and_jitter_stays_in_its_band() {
        let (a, b) = (Random::seeded(7), Random::seeded(7));
        let xs: Vec<u64> = (0..5).map(|_| a.next_u64()).collect();
        let ys: Vec<u64> = (0..5).map(|_| b.next_u64()).collect();
        assert_eq!(xs, ys);
        assert_ne!(xs[0], xs[1]);
        let d = Duration::from_millis(1000);
        for _ in 0..1000 {
            let j = a.jitter(d, 0.25);
            assert!(j >= Duration::from_millis(750) && j <= Duration::from_millis(1250));
        }
    }
}
