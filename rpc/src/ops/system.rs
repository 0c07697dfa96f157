//! The node itself (spec 2.4, 3.12): `get_configuration`,
//! `set_configuration`, `system_information`, `restart` and `restart_service`.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::MessageResponse;
use super::jobs::JobStarted;

no_fields! {
    /// `get_configuration`: the whole configuration document.
    GetConfiguration;
    /// `system_information`.
    SystemInformation;
    /// `restart`: answer, then restart the daemon in place.
    Restart;
}

/// `set_configuration`: HarperDB's flattened keys (`clustering_nodeName`,
/// `logging_level`, ...) with their new values.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SetConfiguration {
    /// Flattened key (`a_b_c` for `a.b.c`) to value.
    #[serde(flatten)]
    pub settings: Map<String, Value>,
}

impl SetConfiguration {
    /// A request that sets one key.
    pub fn one(key: &str, value: impl Into<Value>) -> Self {
        let mut settings = Map::new();
        settings.insert(key.to_owned(), value.into());
        Self { settings }
    }
}

/// `restart_service`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RestartService {
    /// `clustering`, `clustering_config`, `http_workers`, ...
    pub service: String,
}

operation! {
    GetConfiguration => GetConfiguration, Value;
    SetConfiguration => SetConfiguration, MessageResponse;
    SystemInformation => SystemInformation, SystemInformationResponse;
    Restart => Restart, MessageResponse;
    RestartService => RestartService, JobStarted;
}

/// What HarperDB calls `system_info`: versions and platform, which nodes
/// exchange in `add_node` and `cluster_status`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SystemInfo {
    /// The program version.
    pub hdb_version: String,
    /// `harperd <version>` (HarperDB puts Node.js's version here).
    pub node_version: String,
    /// The operating system.
    pub platform: String,
}

impl SystemInfo {
    /// This program's versions and platform.
    pub fn this_program() -> SystemInfo {
        SystemInfo {
            hdb_version: crate::VERSION.to_owned(),
            node_version: format!("harperd {}", crate::VERSION),
            platform: std::env::consts::OS.to_owned(),
        }
    }
}

/// The answer of `system_information`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SystemInformationResponse {
    /// The machine.
    pub system: Machine,
    /// The daemon's process.
    pub process: Process,
    /// The store.
    pub database: DatabaseInfo,
    /// Login counters since the daemon started.
    pub logins: LoginStats,
    /// Versions and platform.
    pub system_info: SystemInfo,
}

/// The machine a daemon runs on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Machine {
    /// The operating system.
    pub platform: String,
    /// The CPU architecture.
    pub arch: String,
    /// The host name.
    pub hostname: String,
}

/// The daemon's process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Process {
    /// Process id.
    pub pid: u32,
    /// Seconds since it started.
    pub uptime_secs: u64,
}

/// The store of a daemon.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DatabaseInfo {
    /// Bytes on disk.
    pub size_on_disk: u64,
    /// How writers share flushes.
    pub commits: CommitStats,
    /// `ok`, `full: ...` or `failing: ...`.
    pub disk: String,
}

/// Rounds, jobs and flush time of the commit thread since the store opened.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CommitStats {
    /// Flush rounds.
    pub rounds: u64,
    /// Writes committed.
    pub jobs: u64,
    /// Writes per flush round.
    pub jobs_per_round: f64,
    /// Mean flush time, ms.
    pub flush_ms_mean: f64,
}

/// Login counters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginStats {
    /// Passwords checked with argon2.
    pub verified: u64,
    /// Logins answered from the cache of recent logins.
    pub recalled: u64,
    /// Logins refused.
    pub failed: u64,
    /// Logins refused by the throttle before a password was checked.
    pub throttled: u64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::Operation;

    #[test]
    fn set_configuration_sends_flattened_keys() {
        let op = SetConfiguration::one("clustering_nodeName", "A");
        assert_eq!(
            serde_json::to_string(&op.to_request()).unwrap(),
            r#"{"operation":"set_configuration","clustering_nodeName":"A"}"#
        );
        let op = RestartService {
            service: "clustering".into(),
        };
        assert_eq!(
            serde_json::to_string(&op.to_request()).unwrap(),
            r#"{"operation":"restart_service","service":"clustering"}"#
        );
    }

    #[test]
    fn system_information_reads_the_daemons_body() {
        let body = r#"{"system":{"platform":"linux","arch":"x86_64","hostname":"h"},"process":{"pid":7,"uptime_secs":3},"database":{"size_on_disk":100,"commits":{"rounds":2,"jobs":4,"jobs_per_round":2.0,"flush_ms_mean":0.5},"disk":"ok"},"logins":{"verified":1,"recalled":0,"failed":0,"throttled":0},"system_info":{"hdb_version":"0.1.0","node_version":"harperd 0.1.0","platform":"linux"}}"#;
        let r: SystemInformationResponse = serde_json::from_str(body).unwrap();
        assert_eq!(r.database.disk, "ok");
        assert_eq!(serde_json::to_string(&r).unwrap(), body);
    }
}
