//! The typed view of a validated document that the rest of the daemon reads
//! (the document itself stays the source of truth and is what gets written).
//! Every missing or unreadable value takes its default, so building a view
//! never fails; validation is what refuses bad values.

use std::path::{Path, PathBuf};

use harper_rpc::Route;
use serde_json::Value;

use super::duration::as_duration_secs;
use super::joi::{as_bool, as_f64, as_size};
use super::routes::{route_lists, typed_routes};
use super::table::*;

/// `clustering.tls`: the node's certificate files and how peers are checked.
#[derive(Debug, Clone, PartialEq)]
pub struct TlsSettings {
    /// `certificate`: the node certificate (PEM); `None` when null.
    pub certificate: Option<PathBuf>,
    /// `certificateAuthority`: the CA chain peers are checked against.
    pub certificate_authority: Option<PathBuf>,
    /// `privateKey`: the node's private key (PEM).
    pub private_key: Option<PathBuf>,
    /// `insecure`: accept a peer certificate without checking it (default true).
    pub insecure: bool,
    /// `verify`: require and verify client certificates (default true).
    pub verify: bool,
}

/// `logging.rotation`: when `harperd.log` is rotated and how many old logs stay.
#[derive(Debug, Clone, PartialEq)]
pub struct LogRotation {
    /// `enabled` (default true).
    pub enabled: bool,
    /// `maxSize`: the log is rotated once it is larger than this many bytes.
    pub max_size_bytes: u64,
    /// `maxFiles` (ours): rotated logs kept beside `harperd.log`.
    pub max_files: usize,
    /// `compress`: gzip rotated logs.
    pub compress: bool,
}

/// `logging.format`: how the daemon's log lines look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    /// `text` (the default): tracing's lines of text.
    Text,
    /// `json`: one JSON object a line (timestamp, level, target, node, fields).
    Json,
}

/// What the daemon needs from `harperdb-config.yaml`, typed.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// `rootPath`; relative paths elsewhere in the file resolve against it.
    pub root_path: PathBuf,
    /// `authentication.operationTokenTimeout`, seconds: the lifetime of an
    /// operation token (default `1d`).
    pub operation_token_timeout_secs: u64,
    /// `authentication.refreshTokenTimeout`, seconds: the lifetime of a
    /// refresh token (default `30d`).
    pub refresh_token_timeout_secs: u64,
    /// `clustering.enabled`.
    pub clustering_enabled: bool,
    /// `clustering.nodeName`.
    pub node_name: Option<String>,
    /// `clustering.user`: the cluster user's name.
    pub cluster_user: Option<String>,
    /// `clustering.hubServer.cluster.name`: identical on every node of a mesh.
    pub cluster_name: String,
    /// `clustering.hubServer.cluster.network.port`: the port routes dial.
    pub cluster_port: u16,
    /// `clustering.hubServer.cluster.network.host`: the address the mesh
    /// listens on (default `0.0.0.0`, every interface).
    pub cluster_host: String,
    /// `clustering.hubServer.network.port`.
    pub hub_port: u16,
    /// `clustering.hubServer.leafNodes.network.port`.
    pub leaf_nodes_port: u16,
    /// `clustering.leafServer.network.port`.
    pub leaf_port: u16,
    /// `clustering.hubServer.cluster.network.routes` (malformed entries dropped).
    pub hub_routes: Vec<Route>,
    /// `clustering.leafServer.network.routes` (malformed entries dropped).
    pub leaf_routes: Vec<Route>,
    /// `clustering.republishMessages`; HarperDB treats an absent key as true.
    pub republish_messages: bool,
    /// `clustering.databaseLevel`.
    pub database_level: bool,
    /// `clustering.maxClockOffset`, ms: how far ahead of this node's clock a
    /// replicated version may be (ours; HarperDB has no such bound).
    pub max_clock_offset_ms: u64,
    /// `clustering.leafServer.streams.maxAge`, seconds.
    pub max_age_secs: Option<u64>,
    /// `clustering.leafServer.streams.maxBytes`.
    pub max_bytes: Option<u64>,
    /// `clustering.leafServer.streams.maxMsgs`.
    pub max_msgs: Option<u64>,
    /// `clustering.leafServer.streams.maxConsumeMsgs`: batch size per pull.
    pub max_consume_msgs: u64,
    /// `clustering.leafServer.streams.maxIngestThreads`.
    pub max_ingest_threads: u64,
    /// `clustering.leafServer.streams.path`; null means `<root>/clustering/leaf`.
    pub streams_path: PathBuf,
    /// `clustering.tls`.
    pub tls: TlsSettings,
    /// `clustering.logLevel`: verbosity of the clustering layer.
    pub log_level: String,
    /// `logging.level`: verbosity of the daemon's log.
    pub logging_level: String,
    /// `logging.root`: the log directory.
    pub log_root: PathBuf,
    /// `logging.rotation`.
    pub log_rotation: LogRotation,
    /// `logging.format` (ours), read when the daemon starts.
    pub log_format: LogFormat,
    /// `localStudio.enabled`: serve the Studio page on `GET /`.
    pub local_studio: bool,
    /// `operationsApi.network.host`: the address the operations API binds.
    pub operations_host: String,
    /// `operationsApi.network.port`; `None` (null) turns the TCP listener off.
    pub operations_port: Option<u16>,
    /// `operationsApi.network.https`.
    pub operations_https: bool,
    /// `operationsApi.metrics.public` (ours): `GET /metrics` without a login.
    pub metrics_public: bool,
    /// `storage.path`: the database directory.
    pub storage_path: PathBuf,
    /// `storage.fsync`: flush every commit to disk before answering.
    pub fsync: bool,
}

/// A key's value, treating `null` as absent.
fn at<'a>(doc: &'a Value, key: &Key) -> Option<&'a Value> {
    key.segments()
        .try_fold(doc, |v, k| v.get(k))
        .filter(|v| !v.is_null())
}

fn text(doc: &Value, key: &Key) -> Option<String> {
    match at(doc, key)? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn text_or_default(doc: &Value, key: &Key) -> String {
    text(doc, key).unwrap_or_else(|| key.default_text().to_owned())
}

fn flag(doc: &Value, key: &Key) -> bool {
    flag_or(doc, key, key.default_bool())
}

fn flag_or(doc: &Value, key: &Key, absent: bool) -> bool {
    at(doc, key).and_then(as_bool).unwrap_or(absent)
}

fn count(doc: &Value, key: &Key) -> Option<u64> {
    at(doc, key)
        .and_then(as_f64)
        .filter(|n| *n >= 0.0)
        .map(|n| n as u64)
}

fn count_or_default(doc: &Value, key: &Key) -> u64 {
    count(doc, key).unwrap_or(key.default_int())
}

fn port(doc: &Value, key: &Key) -> u16 {
    at(doc, key)
        .and_then(as_f64)
        .filter(|n| (0.0..=65535.0).contains(n))
        .map_or(key.default_int() as u16, |n| n as u16)
}

fn size(doc: &Value, key: &Key) -> u64 {
    at(doc, key)
        .and_then(as_size)
        .or_else(|| as_size(&Value::String(key.default_text().to_owned())))
        .unwrap_or_default()
}

impl Settings {
    /// The typed view of `doc`. Call after [`super::validate`]; anything
    /// missing or unreadable takes its default from the key table.
    pub fn from_document(doc: &Value) -> Settings {
        let root_path = PathBuf::from(text(doc, &ROOT_PATH).unwrap_or_default());
        let path_or = |key: &Key, default: &str| resolve(&root_path, text(doc, key), default);
        let file = |key: &Key| text(doc, key).map(|p| resolve(&root_path, Some(p), ""));
        let (hub, leaf) = route_lists(doc);
        let operations_port = match doc.pointer("/operationsApi/network/port") {
            Some(Value::Null) => None,
            _ => Some(port(doc, &OPERATIONS_PORT)),
        };
        let lifetime = |key: &Key| {
            at(doc, key)
                .and_then(as_duration_secs)
                .or_else(|| as_duration_secs(&Value::String(key.default_text().to_owned())))
                .expect("the default lifetimes are durations")
        };
        Settings {
            operation_token_timeout_secs: lifetime(&OPERATION_TOKEN_TIMEOUT),
            refresh_token_timeout_secs: lifetime(&REFRESH_TOKEN_TIMEOUT),
            clustering_enabled: flag(doc, &ENABLED),
            node_name: text(doc, &NODE_NAME),
            cluster_user: text(doc, &USER),
            cluster_name: text_or_default(doc, &CLUSTER_NAME),
            cluster_port: port(doc, &CLUSTER_PORT),
            cluster_host: text_or_default(doc, &CLUSTER_HOST),
            hub_port: port(doc, &HUB_PORT),
            leaf_nodes_port: port(doc, &LEAF_NODES_PORT),
            leaf_port: port(doc, &LEAF_PORT),
            hub_routes: typed_routes(hub),
            leaf_routes: typed_routes(leaf),
            // HarperDB treats an absent key as true, though a fresh install
            // writes false.
            republish_messages: flag_or(doc, &REPUBLISH, true),
            database_level: flag(doc, &DATABASE_LEVEL),
            max_clock_offset_ms: count(doc, &MAX_CLOCK_OFFSET)
                .filter(|ms| *ms > 0)
                .unwrap_or(MAX_CLOCK_OFFSET.default_int()),
            max_age_secs: count(doc, &MAX_AGE),
            max_bytes: count(doc, &MAX_BYTES),
            max_msgs: count(doc, &MAX_MSGS),
            max_consume_msgs: count_or_default(doc, &MAX_CONSUME_MSGS),
            max_ingest_threads: count_or_default(doc, &MAX_INGEST_THREADS),
            streams_path: path_or(&STREAMS_PATH, STREAMS_DIR),
            tls: TlsSettings {
                certificate: file(&TLS_CERTIFICATE),
                certificate_authority: file(&TLS_CA),
                private_key: file(&TLS_PRIVATE_KEY),
                insecure: flag(doc, &TLS_INSECURE),
                verify: flag(doc, &TLS_VERIFY),
            },
            log_level: text_or_default(doc, &CLUSTER_LOG_LEVEL),
            logging_level: text_or_default(doc, &LOGGING_LEVEL),
            log_root: path_or(&LOGGING_ROOT, LOGGING_ROOT.default_text()),
            log_rotation: LogRotation {
                enabled: flag(doc, &ROTATION_ENABLED),
                max_size_bytes: size(doc, &ROTATION_MAX_SIZE),
                max_files: count_or_default(doc, &ROTATION_MAX_FILES) as usize,
                compress: flag(doc, &ROTATION_COMPRESS),
            },
            log_format: match text(doc, &LOGGING_FORMAT).as_deref() {
                Some("json") => LogFormat::Json,
                _ => LogFormat::Text,
            },
            local_studio: flag(doc, &LOCAL_STUDIO),
            operations_host: text_or_default(doc, &OPERATIONS_HOST),
            operations_port,
            operations_https: flag(doc, &OPERATIONS_HTTPS),
            metrics_public: flag(doc, &METRICS_PUBLIC),
            storage_path: path_or(&STORAGE_PATH, STORAGE_PATH.default_text()),
            fsync: flag(doc, &FSYNC),
            root_path,
        }
    }
}

/// `value` (or `default`) as a path: `~/` is the home directory and a
/// relative path is under the root, as HarperDB resolves them.
fn resolve(root: &Path, value: Option<String>, default: &str) -> PathBuf {
    let value = value.unwrap_or_else(|| default.to_owned());
    if let Some(rest) = value.strip_prefix("~/")
        && let Some(home) = std::env::var_os("HOME")
    {
        return PathBuf::from(home).join(rest);
    }
    root.join(value)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::config::{apply, default_document, validate};

    #[test]
    fn defaults_read_back_as_harperdb_defaults() {
        let doc = default_document(Path::new("/srv/hdb"));
        validate(&doc).unwrap();
        let s = Settings::from_document(&doc);
        assert_eq!(s.root_path, Path::new("/srv/hdb"));
        assert_eq!(s.operation_token_timeout_secs, 86_400);
        assert_eq!(s.refresh_token_timeout_secs, 30 * 86_400);
        assert!(!s.clustering_enabled);
        assert_eq!(s.node_name, None);
        assert_eq!(s.cluster_user, None);
        assert_eq!(s.cluster_name, "harperdb");
        assert_eq!(
            (s.cluster_port, s.hub_port, s.leaf_nodes_port, s.leaf_port),
            (9932, 9930, 9931, 9940)
        );
        assert!(s.hub_routes.is_empty() && s.leaf_routes.is_empty());
        assert!(!s.republish_messages, "the default file sets it false");
        assert_eq!(
            (s.max_age_secs, s.max_bytes, s.max_msgs),
            (None, None, None)
        );
        assert_eq!((s.max_consume_msgs, s.max_ingest_threads), (100, 2));
        assert_eq!(s.streams_path, Path::new("/srv/hdb/clustering/leaf"));
        assert_eq!(
            s.tls,
            TlsSettings {
                certificate: Some("/srv/hdb/keys/certificate.pem".into()),
                certificate_authority: Some("/srv/hdb/keys/ca.pem".into()),
                private_key: Some("/srv/hdb/keys/privateKey.pem".into()),
                insecure: true,
                verify: true,
            }
        );
        assert_eq!(
            (s.log_level.as_str(), s.logging_level.as_str()),
            ("info", "info")
        );
        assert_eq!(s.log_root, Path::new("/srv/hdb/log"));
        assert_eq!(
            s.log_rotation,
            LogRotation {
                enabled: true,
                max_size_bytes: 10 << 20,
                max_files: 5,
                compress: false
            }
        );
        assert_eq!(s.operations_host, "127.0.0.1");
        assert_eq!(s.cluster_host, "0.0.0.0");
        assert_eq!(s.operations_port, Some(9925));
        assert!(!s.operations_https && !s.fsync && !s.local_studio);
        assert!(!s.metrics_public);
        assert_eq!(s.log_format, LogFormat::Text);
        assert_eq!(s.storage_path, Path::new("/srv/hdb/database"));
    }

    #[test]
    fn configured_values_are_typed() {
        let mut doc = default_document(Path::new("/r"));
        for (path, value) in [
            ("clustering.enabled", json!(true)),
            ("clustering.nodeName", json!("node1")),
            ("clustering.user", json!("cluster_account")),
            ("clustering.hubServer.cluster.network.port", json!("12345")),
            (
                "clustering.hubServer.cluster.network.routes",
                json!([
                    {"host": "10.0.0.2", "port": 9932}, {"host": "", "port": 1}, {"host": "h", "port": 70000}
                ]),
            ),
            (
                "clustering.leafServer.network.routes",
                json!([{"host": "10.0.0.3", "port": "9933"}]),
            ),
            ("clustering.leafServer.streams.maxAge", json!(3600)),
            ("clustering.tls.certificate", Value::Null),
            ("clustering.tls.privateKey", json!("keys/k.pem")),
            ("operationsApi.network.port", Value::Null),
            ("storage.fsync", json!(true)),
            ("logging.format", json!("json")),
            ("operationsApi.metrics.public", json!("true")),
            ("authentication.operationTokenTimeout", json!("90s")),
            ("authentication.refreshTokenTimeout", json!(7200)),
        ] {
            let path: Vec<&str> = path.split('.').collect();
            apply(&mut doc, &path, value);
        }
        let s = Settings::from_document(&doc);
        assert!(s.clustering_enabled);
        assert_eq!(s.node_name.as_deref(), Some("node1"));
        assert_eq!(s.cluster_user.as_deref(), Some("cluster_account"));
        assert_eq!(s.cluster_port, 12345);
        assert_eq!(
            s.hub_routes,
            vec![Route {
                host: "10.0.0.2".into(),
                port: 9932
            }]
        );
        assert_eq!(
            s.leaf_routes,
            vec![Route {
                host: "10.0.0.3".into(),
                port: 9933
            }]
        );
        assert_eq!(s.max_age_secs, Some(3600));
        assert_eq!(s.tls.certificate, None);
        assert_eq!(s.tls.private_key, Some(PathBuf::from("/r/keys/k.pem")));
        assert_eq!(s.operations_port, None);
        assert!(s.fsync);
        assert_eq!(s.log_format, LogFormat::Json);
        assert!(s.metrics_public);
        assert_eq!(s.operation_token_timeout_secs, 90);
        assert_eq!(s.refresh_token_timeout_secs, 7200);
    }

    #[test]
    fn absent_republish_means_true() {
        let mut doc = default_document(Path::new("/r"));
        doc["clustering"]
            .as_object_mut()
            .unwrap()
            .remove("republishMessages");
        assert!(Settings::from_document(&doc).republish_messages);
    }
}
