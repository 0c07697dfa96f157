//! The node's configuration: HarperDB's `harperdb-config.yaml` as a JSON
//! document (key order preserved), its defaults, flattened names and value
//! casting, validation with HarperDB's messages, the route operations that
//! edit it, a typed view for the rest of the daemon, and durable file I/O.
//!
//! The document stays a `serde_json::Value` rather than a struct so that keys
//! we do not know (HarperDB has many more) survive a load/save round trip.
//! This module does not decide *when* the file is written; the live config
//! handle in `node` is the only writer.

mod cast;
mod defaults;
mod duration;
mod file;
mod isodate;
mod joi;
mod keys;
mod routes;
mod settings;
pub mod table;
mod validate;

use std::path::PathBuf;

pub use cast::{cast_str, cast_value};
pub use defaults::{default_document, fill_missing};
pub use file::{BACKUP_DIR, BACKUP_FILE, load, write_atomic};
pub use isodate::{iso_millis, iso_value_millis, millis_iso, timestamp_value_millis};
pub(crate) use joi::{Checker, Null, Obj, Rule, as_bool, as_f64, join_messages};
pub use keys::{
    apply, check_argument_name, lookup_key, overrides_from, set_configuration, set_key,
};
pub use routes::{RouteError, delete_routes, get_routes, set_routes};
pub use settings::{LogFormat, LogRotation, Settings, TlsSettings};
pub use table::{Cast, Key, LOG_FORMATS, LOG_LEVELS};
pub use validate::validate;

/// The prefix HarperDB puts in front of every config validation failure.
pub const VALIDATION_PREFIX: &str = "HarperDB config file validation error: ";

/// Why a configuration document or file was refused.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// Schema failures, in schema order; shown joined with `". "` after
    /// [`VALIDATION_PREFIX`].
    #[error("{VALIDATION_PREFIX}{}", .0.join(". "))]
    Invalid(Vec<String>),
    /// A key HarperDB checks before its schema runs (`rootPath`,
    /// `clustering.enabled`); HarperDB reports these without the prefix.
    #[error("{0}")]
    Undefined(&'static str),
    /// The document (or the file's top level) is not a mapping of keys to values.
    #[error("{VALIDATION_PREFIX}the configuration must be a mapping of keys to values")]
    NotMapping,
    /// The file is not YAML; `message` carries the parser's line and column.
    #[error("cannot parse {}: {message}", path.display())]
    Parse {
        /// The file that failed to parse.
        path: PathBuf,
        /// The YAML parser's error.
        message: String,
    },
    /// The file holds nothing.
    #[error("{} is empty; it must hold the configuration as a YAML mapping", path.display())]
    Empty {
        /// The empty file.
        path: PathBuf,
    },
    /// Reading, writing, syncing or renaming failed.
    #[error("cannot {action} {}: {source}", path.display())]
    Io {
        /// What was being done, e.g. `read`, `write`, `rename`.
        action: &'static str,
        /// The file or directory involved.
        path: PathBuf,
        /// The operating-system error.
        source: std::io::Error,
    },
}

impl ConfigError {
    /// True when the document itself is wrong (as opposed to the file
    /// system): the caller should answer 400, not 500.
    pub fn is_validation(&self) -> bool {
        matches!(
            self,
            ConfigError::Invalid(_) | ConfigError::Undefined(_) | ConfigError::NotMapping
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_joins_messages_after_the_prefix() {
        let e = ConfigError::Invalid(vec![
            "'a' is required".into(),
            "'b' must be a string".into(),
        ]);
        assert_eq!(
            e.to_string(),
            "HarperDB config file validation error: 'a' is required. 'b' must be a string"
        );
        assert!(e.is_validation());
    }

    #[test]
    fn undefined_keys_are_reported_bare() {
        let e = ConfigError::Undefined("clustering.enabled config parameter is undefined");
        assert_eq!(
            e.to_string(),
            "clustering.enabled config parameter is undefined"
        );
    }
}
