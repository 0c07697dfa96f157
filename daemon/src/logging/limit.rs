//! Rate-limited log lines: each callsite (one `tracing::warn!` in the code,
//! whatever its arguments) gets at most [`LIMIT_BURST`] lines per
//! [`LIMIT_PERIOD`]; the rest are counted, and at the end of the period one
//! line says how many were suppressed and where they came from. One garbage
//! connection to the mesh port costs a line; three thousand of them must not
//! cost three thousand (they would fill the disk and bury the lines that
//! matter), whichever part of the daemon logs them: the mesh's refusals, the
//! HTTP door's failed logins, anything added later.
//!
//! The periods are fixed windows, all ending together: a thread
//! ([`RateLimit::spawn_summaries`]) closes each window, writes the summaries
//! and starts the next.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tracing::callsite::Identifier;
use tracing::{Event, Metadata, Subscriber};
use tracing_subscriber::layer::{Context, Layer};

/// Lines one callsite may write per period.
pub const LIMIT_BURST: u32 = 50;
/// The period.
pub const LIMIT_PERIOD: Duration = Duration::from_secs(10);
/// The target of the summary lines (they are never limited themselves).
pub const SUMMARY_TARGET: &str = "harperd::log";

/// The filter: a global [`Layer`] that disables an event once its callsite
/// has used up its lines for the period.
#[derive(Clone)]
pub struct RateLimit {
    burst: u32,
    period: Duration,
    windows: Arc<Mutex<HashMap<Identifier, Window>>>,
}

struct Window {
    meta: &'static Metadata<'static>,
    passed: u32,
    suppressed: u64,
}

/// One callsite's suppressed lines in the period that just ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppressed {
    /// How many lines.
    pub lines: u64,
    /// Where they come from: level, target, file and line.
    pub callsite: String,
}

impl RateLimit {
    /// At most `burst` lines per callsite per `period`.
    pub fn new(burst: u32, period: Duration) -> RateLimit {
        RateLimit {
            burst,
            period,
            windows: Arc::new(Mutex::new(HashMap::new())),
        }
    }

    /// True when a line of `meta`'s callsite may be written now.
    pub fn admit(&self, meta: &'static Metadata<'static>) -> bool {
        if meta.target() == SUMMARY_TARGET {
            return true;
        }
        let mut windows = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        let w = windows.entry(meta.callsite()).or_insert(Window {
            meta,
            passed: 0,
            suppressed: 0,
        });
        if w.passed < self.burst {
            w.passed += 1;
            true
        } else {
            w.suppressed += 1;
            false
        }
    }

    /// End the period: what was suppressed in it, and a fresh start for every callsite.
    pub fn close_period(&self) -> Vec<Suppressed> {
        let windows = std::mem::take(&mut *self.windows.lock().unwrap_or_else(|e| e.into_inner()));
        let mut out: Vec<Suppressed> = windows
            .into_values()
            .filter(|w| w.suppressed > 0)
            .map(|w| Suppressed {
                lines: w.suppressed,
                callsite: format!(
                    "{} {} at {}:{}",
                    w.meta.level(),
                    w.meta.target(),
                    w.meta.file().unwrap_or("?"),
                    w.meta.line().unwrap_or(0)
                ),
            })
            .collect();
        out.sort_by(|a, b| a.callsite.cmp(&b.callsite));
        out
    }

    /// End the period and log one summary line per callsite that lost lines.
    pub fn write_summaries(&self) {
        for s in self.close_period() {
            tracing::warn!(
                target: SUMMARY_TARGET,
                "{} similar lines suppressed in the last {} s (at most {} per {} s from one place: {})",
                s.lines,
                self.period.as_secs(),
                self.burst,
                self.period.as_secs(),
                s.callsite
            );
        }
    }

    /// A thread that closes a period every [`RateLimit::new`]'s `period`,
    /// for the life of the process.
    pub fn spawn_summaries(&self) -> std::io::Result<()> {
        let limit = self.clone();
        std::thread::Builder::new()
            .name("log-summaries".into())
            .spawn(move || {
                loop {
                    std::thread::sleep(limit.period);
                    limit.write_summaries();
                }
            })
            .map(|_| ())
    }
}

impl<S: Subscriber> Layer<S> for RateLimit {
    fn event_enabled(&self, event: &Event<'_>, _ctx: Context<'_, S>) -> bool {
        self.admit(event.metadata())
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use tracing_subscriber::fmt::MakeWriter;
    use tracing_subscriber::layer::SubscriberExt as _;

    use super::*;

    /// The lines written, shared with the test.
    #[derive(Clone, Default)]
    struct Lines(Arc<Mutex<Vec<u8>>>);

    impl Write for Lines {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    impl<'a> MakeWriter<'a> for Lines {
        type Writer = Lines;
        fn make_writer(&'a self) -> Lines {
            self.clone()
        }
    }

    fn refuse(i: u32) {
        tracing::warn!(addr = i, "link refused: garbage");
    }

    #[test]
    fn a_noisy_callsite_is_cut_to_its_burst_and_summed_up() {
        let limit = RateLimit::new(5, Duration::from_secs(10));
        let lines = Lines::default();
        let subscriber = tracing_subscriber::registry().with(limit.clone()).with(
            tracing_subscriber::fmt::layer()
                .with_ansi(false)
                .with_writer(lines.clone()),
        );
        tracing::subscriber::with_default(subscriber, || {
            for i in 0..100 {
                refuse(i);
            }
            tracing::info!("another place is not held up");
            limit.write_summaries();
            // A new period: the callsite may write again.
            refuse(1000);
            limit.write_summaries();
        });
        let text = String::from_utf8(lines.0.lock().unwrap().clone()).unwrap();
        let refused = text.lines().filter(|l| l.contains("link refused")).count();
        assert_eq!(refused, 6, "{text}");
        assert!(text.contains("another place is not held up"), "{text}");
        let summaries: Vec<&str> = text.lines().filter(|l| l.contains("suppressed")).collect();
        assert_eq!(summaries.len(), 1, "{text}");
        assert!(
            summaries[0].contains("95 similar lines suppressed in the last 10 s")
                && summaries[0].contains(
                    "WARN harper_daemon::logging::limit::tests at daemon/src/logging/limit.rs:"
                ),
            "{text}"
        );
    }
}
