//! The one table of configuration keys: each key's dotted path, the value a
//! fresh install writes, and how a value given as text or JSON is cast. The
//! default document, the flattened names (`clustering_nodeName`,
//! `CLUSTERING_NODENAME`) and the defaults of the typed [`super::Settings`]
//! are all derived from it, so a key is written once. It does not validate:
//! `validate.rs` keeps HarperDB's check order and messages.

use std::path::Path;

use serde_json::{Number, Value};

use crate::store::record::DEFAULT_MAX_CLOCK_OFFSET_MS;

/// How a value given for a key is cast (HarperDB's `castConfigValue`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cast {
    /// Numeric text becomes a number, `true`/`false` a boolean, and so on.
    Auto,
    /// A name (node, user): numbers and booleans become their text.
    Name,
}

/// The value a fresh install writes for a key.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Default {
    /// `null`.
    Null,
    /// A boolean.
    Bool(bool),
    /// A whole number.
    Int(u64),
    /// Text.
    Text(&'static str),
    /// The root folder itself.
    Root,
    /// A path under the root folder.
    UnderRoot(&'static str),
}

/// One configuration key.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Key {
    /// The dotted path, e.g. `clustering.nodeName`.
    pub path: &'static str,
    /// What a fresh install writes.
    pub default: Default,
    /// How given values are cast.
    pub cast: Cast,
}

const fn key(path: &'static str, default: Default) -> Key {
    Key {
        path,
        default,
        cast: Cast::Auto,
    }
}

impl Key {
    /// The path's segments.
    pub fn segments(&self) -> impl Iterator<Item = &'static str> + use<> {
        self.path.split('.')
    }

    /// The path's segments, collected.
    pub fn path_vec(&self) -> Vec<&'static str> {
        self.segments().collect()
    }

    /// Whether `path` (segments) is this key.
    pub fn is<S: AsRef<str>>(&self, path: &[S]) -> bool {
        let mut mine = self.segments();
        path.iter().all(|s| mine.next() == Some(s.as_ref())) && mine.next().is_none()
    }

    /// The default as the JSON a node rooted at `root` writes.
    pub fn default_value(&self, root: &Path) -> Value {
        match self.default {
            Default::Null => Value::Null,
            Default::Bool(b) => Value::Bool(b),
            Default::Int(n) => Value::Number(Number::from(n)),
            Default::Text(s) => Value::String(s.to_owned()),
            Default::Root => Value::String(root.to_string_lossy().into_owned()),
            Default::UnderRoot(rel) => Value::String(root.join(rel).to_string_lossy().into_owned()),
        }
    }

    /// The default of a boolean key (false for any other).
    pub fn default_bool(&self) -> bool {
        matches!(self.default, Default::Bool(true))
    }

    /// The default of a numeric key (0 for any other).
    pub fn default_int(&self) -> u64 {
        match self.default {
            Default::Int(n) => n,
            _ => 0,
        }
    }

    /// The default of a text key, or the relative path of a path key.
    pub fn default_text(&self) -> &'static str {
        match self.default {
            Default::Text(s) | Default::UnderRoot(s) => s,
            _ => "",
        }
    }
}

/// The levels `clustering.logLevel` and `logging.level` accept, in the order
/// HarperDB's messages list them.
pub const LOG_LEVELS: [&str; 5] = ["error", "warn", "info", "debug", "trace"];
/// What `logging.format` accepts (ours): lines of text, or one JSON object a line.
pub const LOG_FORMATS: [&str; 2] = ["text", "json"];

pub const ROOT_PATH: Key = key("rootPath", Default::Root);
/// How long an operation token lasts (HarperDB's duration syntax).
pub const OPERATION_TOKEN_TIMEOUT: Key =
    key("authentication.operationTokenTimeout", Default::Text("1d"));
/// How long a refresh token lasts.
pub const REFRESH_TOKEN_TIMEOUT: Key =
    key("authentication.refreshTokenTimeout", Default::Text("30d"));
pub const ENABLED: Key = key("clustering.enabled", Default::Bool(false));
pub const CLUSTER_NAME: Key = key(
    "clustering.hubServer.cluster.name",
    Default::Text("harperdb"),
);
pub const CLUSTER_PORT: Key = key(
    "clustering.hubServer.cluster.network.port",
    Default::Int(9932),
);
pub const CLUSTER_HOST: Key = key(
    "clustering.hubServer.cluster.network.host",
    Default::Text("0.0.0.0"),
);
pub const HUB_ROUTES: Key = key("clustering.hubServer.cluster.network.routes", Default::Null);
pub const LEAF_NODES_PORT: Key = key(
    "clustering.hubServer.leafNodes.network.port",
    Default::Int(9931),
);
pub const HUB_PORT: Key = key("clustering.hubServer.network.port", Default::Int(9930));
pub const LEAF_PORT: Key = key("clustering.leafServer.network.port", Default::Int(9940));
pub const LEAF_ROUTES: Key = key("clustering.leafServer.network.routes", Default::Null);
pub const MAX_AGE: Key = key("clustering.leafServer.streams.maxAge", Default::Null);
pub const MAX_BYTES: Key = key("clustering.leafServer.streams.maxBytes", Default::Null);
pub const MAX_MSGS: Key = key("clustering.leafServer.streams.maxMsgs", Default::Null);
pub const MAX_CONSUME_MSGS: Key = key(
    "clustering.leafServer.streams.maxConsumeMsgs",
    Default::Int(100),
);
pub const MAX_INGEST_THREADS: Key = key(
    "clustering.leafServer.streams.maxIngestThreads",
    Default::Int(2),
);
/// `null` means `<root>/clustering/leaf` (see [`STREAMS_DIR`]).
pub const STREAMS_PATH: Key = key("clustering.leafServer.streams.path", Default::Null);
pub const CLUSTER_LOG_LEVEL: Key = key("clustering.logLevel", Default::Text("info"));
pub const NODE_NAME: Key = Key {
    cast: Cast::Name,
    ..key("clustering.nodeName", Default::Null)
};
/// A fresh install writes `false`; HarperDB treats an absent key as true
/// (see `Settings`).
pub const REPUBLISH: Key = key("clustering.republishMessages", Default::Bool(false));
pub const DATABASE_LEVEL: Key = key("clustering.databaseLevel", Default::Bool(false));
/// Ours: how far ahead of this node's clock a replicated version may be, ms.
pub const MAX_CLOCK_OFFSET: Key = key(
    "clustering.maxClockOffset",
    Default::Int(DEFAULT_MAX_CLOCK_OFFSET_MS),
);
pub const TLS_CERTIFICATE: Key = key(
    "clustering.tls.certificate",
    Default::UnderRoot("keys/certificate.pem"),
);
pub const TLS_CA: Key = key(
    "clustering.tls.certificateAuthority",
    Default::UnderRoot("keys/ca.pem"),
);
pub const TLS_PRIVATE_KEY: Key = key(
    "clustering.tls.privateKey",
    Default::UnderRoot("keys/privateKey.pem"),
);
pub const TLS_INSECURE: Key = key("clustering.tls.insecure", Default::Bool(true));
pub const TLS_VERIFY: Key = key("clustering.tls.verify", Default::Bool(true));
pub const USER: Key = Key {
    cast: Cast::Name,
    ..key("clustering.user", Default::Null)
};
pub const LOGGING_LEVEL: Key = key("logging.level", Default::Text("info"));
pub const LOGGING_ROOT: Key = key("logging.root", Default::UnderRoot("log"));
/// Ours: `text` (tracing's lines) or `json` (one object a line); read at start.
pub const LOGGING_FORMAT: Key = key("logging.format", Default::Text("text"));
// HarperDB's rotation keys (`maxFiles` is ours); rotation is on by default so
// that a flood of lines cannot fill the disk.
pub const ROTATION_ENABLED: Key = key("logging.rotation.enabled", Default::Bool(true));
/// `harperd.log` is rotated once it is larger.
pub const ROTATION_MAX_SIZE: Key = key("logging.rotation.maxSize", Default::Text("10M"));
/// Rotated logs kept beside `harperd.log`.
pub const ROTATION_MAX_FILES: Key = key("logging.rotation.maxFiles", Default::Int(5));
pub const ROTATION_COMPRESS: Key = key("logging.rotation.compress", Default::Bool(false));
/// HarperDB's key: serve the Studio page on `GET /` of the operations port.
pub const LOCAL_STUDIO: Key = key("localStudio.enabled", Default::Bool(false));
pub const OPERATIONS_HOST: Key = key("operationsApi.network.host", Default::Text("127.0.0.1"));
/// `null` turns the TCP listener off.
pub const OPERATIONS_PORT: Key = key("operationsApi.network.port", Default::Int(9925));
pub const OPERATIONS_HTTPS: Key = key("operationsApi.network.https", Default::Bool(false));
/// Ours: `true` serves `GET /metrics` without a login (it is live).
pub const METRICS_PUBLIC: Key = key("operationsApi.metrics.public", Default::Bool(false));
pub const STORAGE_PATH: Key = key("storage.path", Default::UnderRoot("database"));
pub const FSYNC: Key = key("storage.fsync", Default::Bool(false));

/// Where the streams live when [`STREAMS_PATH`] is null, under the root.
pub const STREAMS_DIR: &str = "clustering/leaf";

/// Every key, in schema order: the order of the default document, of
/// `overrides_from`'s result, and of HarperDB's docs.
pub const KEYS: &[Key] = &[
    ROOT_PATH,
    OPERATION_TOKEN_TIMEOUT,
    REFRESH_TOKEN_TIMEOUT,
    ENABLED,
    CLUSTER_NAME,
    CLUSTER_PORT,
    CLUSTER_HOST,
    HUB_ROUTES,
    LEAF_NODES_PORT,
    HUB_PORT,
    LEAF_PORT,
    LEAF_ROUTES,
    MAX_AGE,
    MAX_BYTES,
    MAX_MSGS,
    MAX_CONSUME_MSGS,
    MAX_INGEST_THREADS,
    STREAMS_PATH,
    CLUSTER_LOG_LEVEL,
    NODE_NAME,
    REPUBLISH,
    DATABASE_LEVEL,
    MAX_CLOCK_OFFSET,
    TLS_CERTIFICATE,
    TLS_CA,
    TLS_PRIVATE_KEY,
    TLS_INSECURE,
    TLS_VERIFY,
    USER,
    LOGGING_LEVEL,
    LOGGING_ROOT,
    LOGGING_FORMAT,
    ROTATION_ENABLED,
    ROTATION_MAX_SIZE,
    ROTATION_MAX_FILES,
    ROTATION_COMPRESS,
    LOCAL_STUDIO,
    OPERATIONS_HOST,
    OPERATIONS_PORT,
    OPERATIONS_HTTPS,
    METRICS_PUBLIC,
    STORAGE_PATH,
    FSYNC,
];
