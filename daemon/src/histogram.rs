//! A histogram of fixed buckets made of atomics, for the figures `/metrics`
//! shows from the write path (flush times, commit rounds, request times):
//! an observation is two or three relaxed atomic adds and no lock, so the
//! parts that record them (the commit thread, the HTTP door) never wait on
//! a scrape. The `metrics` module reads a [`Snapshot`] and encodes it; this
//! file imports nothing of the daemon, so every layer may record into one.
//!
//! Values are whole numbers of a unit the owner chooses (microseconds,
//! writes); `scale` turns them into the base unit Prometheus wants
//! (seconds: `1e6` for microseconds).

use std::sync::atomic::{AtomicU64, Ordering::Relaxed};

/// Bucket bounds of a time in microseconds, 100 µs to 60 s.
pub const MICROS_BUCKETS: &[u64] = &[
    100, 250, 500, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000,
    1_000_000, 2_500_000, 5_000_000, 10_000_000, 30_000_000, 60_000_000,
];

/// Microseconds per second: the scale of [`MICROS_BUCKETS`].
pub const MICROS_PER_SECOND: f64 = 1e6;

/// Fixed buckets, counted with atomics.
#[derive(Debug)]
pub struct Histogram {
    /// Upper bounds (inclusive), ascending, in the owner's unit.
    bounds: &'static [u64],
    /// Observations per bucket (not cumulative); the last one is `+Inf`.
    counts: Box<[AtomicU64]>,
    /// Sum of every observation, in the owner's unit.
    sum: AtomicU64,
    /// Divides a value in the owner's unit into the base unit.
    scale: f64,
}

/// What a histogram held at one moment, in the base unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    /// Sum of the observations.
    pub sum: f64,
    /// Number of observations.
    pub count: u64,
    /// `(upper bound, observations in this bucket)`, not cumulative (as
    /// prometheus-client's encoders take them), ending with `+Inf`.
    pub buckets: Vec<(f64, u64)>,
}

impl Histogram {
    /// Buckets at `bounds` (ascending) of values that `scale` divides into the base unit.
    pub fn new(bounds: &'static [u64], scale: f64) -> Histogram {
        debug_assert!(bounds.windows(2).all(|w| w[0] < w[1]), "ascending bounds");
        Histogram {
            bounds,
            counts: (0..=bounds.len()).map(|_| AtomicU64::new(0)).collect(),
            sum: AtomicU64::new(0),
            scale,
        }
    }

    /// A time histogram in microseconds (see [`MICROS_BUCKETS`]).
    pub fn micros() -> Histogram {
        Histogram::new(MICROS_BUCKETS, MICROS_PER_SECOND)
    }

    /// Count one observation of `value` (in the owner's unit).
    pub fn observe(&self, value: u64) {
        let i = self.bounds.partition_point(|b| *b < value);
        self.counts[i].fetch_add(1, Relaxed);
        self.sum.fetch_add(value, Relaxed);
    }

    /// Count one duration (for a [`Histogram::micros`]).
    pub fn observe_duration(&self, d: std::time::Duration) {
        self.observe(u64::try_from(d.as_micros()).unwrap_or(u64::MAX));
    }

    /// The counts now. Observations that land while this reads may be in
    /// the buckets but not yet the sum (or the other way round): the count
    /// is taken from the buckets, so it always matches them.
    pub fn snapshot(&self) -> Snapshot {
        let mut buckets = Vec::with_capacity(self.counts.len());
        let mut total = 0u64;
        for (i, c) in self.counts.iter().enumerate() {
            let n = c.load(Relaxed);
            total += n;
            let bound = self
                .bounds
                .get(i)
                .map_or(f64::INFINITY, |b| *b as f64 / self.scale);
            buckets.push((bound, n));
        }
        Snapshot {
            sum: self.sum.load(Relaxed) as f64 / self.scale,
            count: total,
            buckets,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn observations_land_in_the_first_bucket_that_holds_them() {
        static BOUNDS: &[u64] = &[1, 10, 100];
        let h = Histogram::new(BOUNDS, 10.0);
        for v in [0, 1, 2, 10, 11, 1000] {
            h.observe(v);
        }
        let s = h.snapshot();
        assert_eq!(s.count, 6);
        assert_eq!(s.sum, 102.4);
        assert_eq!(
            s.buckets,
            vec![(0.1, 2), (1.0, 2), (10.0, 1), (f64::INFINITY, 1)]
        );
    }

    #[test]
    fn durations_are_seconds() {
        let h = Histogram::micros();
        h.observe_duration(std::time::Duration::from_millis(3));
        let s = h.snapshot();
        assert_eq!(s.sum, 0.003);
        let first = s.buckets.iter().find(|(_, n)| *n == 1).unwrap().0;
        assert_eq!(first, 0.005);
        assert_eq!(s.buckets.iter().map(|b| b.1).sum::<u64>(), 1);
    }
}
