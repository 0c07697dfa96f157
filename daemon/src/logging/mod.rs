//! The daemon's log: tracing events filtered by level (`logging.level`, or
//! `HARPER_LOG` as an `EnvFilter` directive), rate-limited per callsite
//! ([`limit`]), formatted by tracing-subscriber without colours or, with
//! `logging.format: json`, as one JSON object a line ([`json`]), escaped and
//! written to the rotating `log/harperd.log` or, in the foreground, to
//! standard error ([`writer`]).

pub mod json;
pub mod limit;
pub mod writer;

use anyhow::Context as _;
use tracing_subscriber::EnvFilter;
use tracing_subscriber::layer::SubscriberExt as _;
use tracing_subscriber::util::SubscriberInitExt as _;

use crate::config::{LOG_LEVELS, LogFormat, Settings};
use limit::{LIMIT_BURST, LIMIT_PERIOD, RateLimit};
use writer::LogWriter;

/// The log file inside `logging.root`.
pub const LOG_FILE: &str = "harperd.log";
/// Crates whose chatter is cut to warnings whatever the level.
const QUIET_CRATES: &str = "tarpc=warn,sled=warn";

/// Set up the process's logging, once, before anything logs.
pub fn init(settings: &Settings, foreground: bool) -> anyhow::Result<()> {
    let writer = if foreground {
        LogWriter::stderr()
    } else {
        std::fs::create_dir_all(&settings.log_root)
            .with_context(|| format!("cannot create log folder {}", settings.log_root.display()))?;
        LogWriter::file(&settings.log_root.join(LOG_FILE), &settings.log_rotation)
    };
    let level = settings.logging_level.as_str();
    let level = if LOG_LEVELS.contains(&level) {
        level
    } else {
        "info"
    };
    let filter = EnvFilter::try_from_env("HARPER_LOG")
        .unwrap_or_else(|_| EnvFilter::new(format!("{level},{QUIET_CRATES}")));
    let limit = RateLimit::new(LIMIT_BURST, LIMIT_PERIOD);
    json::set_node(settings.node_name.as_deref().unwrap_or(""));
    let (text, json) = match settings.log_format {
        LogFormat::Text => (
            Some(
                tracing_subscriber::fmt::layer()
                    .with_ansi(false)
                    .with_writer(writer),
            ),
            None,
        ),
        LogFormat::Json => (
            None,
            Some(
                tracing_subscriber::fmt::layer()
                    .event_format(json::JsonLines)
                    .with_writer(writer),
            ),
        ),
    };
    tracing_subscriber::registry()
        .with(filter)
        .with(limit.clone())
        .with(text)
        .with(json)
        .try_init()
        .map_err(|e| anyhow::anyhow!("cannot initialise logging: {e}"))?;
    limit
        .spawn_summaries()
        .context("cannot start the log summary thread")
}
