//! The operation catalogue and the wire types shared by `harper` (the CLI) and
//! `harperd` (the daemon).
//!
//! Every request is a HarperDB *operation*: a JSON object with an `operation`
//! field and the operation's own fields, exactly as HarperDB's operations API
//! takes it. The daemon answers with the operation's JSON response or an
//! [`OpError`] (an HTTP-like status plus HarperDB's error body). This crate knows
//! nothing of clap or sled.

pub mod catalogue;
pub mod depth;
pub mod files;
pub mod install;
pub mod names;
pub mod ops;
pub mod process;
pub mod text;
#[cfg(feature = "tls")]
pub mod tls;

pub use install::{InstallPlan, InstallReport};
pub use names::{
    DEFAULT_DATABASE, InvalidNodeName, InvalidRoute, InvalidTableRef, NameError, NameKind,
    NodeName, Route, TableRef, stream_name,
};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The version of the harper programs, reported by `hello` and `harper version`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The CLI↔daemon protocol version; `hello` refuses a mismatch before real work.
pub const PROTOCOL_VERSION: u32 = 1;

/// The file name of the daemon's Unix socket inside the root folder.
pub const SOCKET_FILE: &str = "harperd.sock";
/// The deepest request (nesting of arrays and objects) the daemon's socket
/// takes: serde_json parses 127 levels, and tarpc's envelope takes 4 of them.
/// (A record may nest only 64 levels; the daemon names that limit.)
pub const MAX_SOCKET_REQUEST_DEPTH: usize = 123;

/// The file name of the daemon's pid file inside the root folder.
pub const PID_FILE: &str = "harperd.pid";
/// The file name of the configuration inside the root folder.
pub const CONFIG_FILE: &str = "harperdb-config.yaml";

/// The longest token (`create_authentication_tokens`) the daemon reads from
/// an `Authorization: Bearer` header; the ones it issues are a few hundred
/// bytes. Longer ones are refused unread.
pub const MAX_TOKEN_BYTES: usize = 4096;

/// A request: a JSON object with `operation` and the operation's fields.
pub type Request = Map<String, Value>;

/// What the daemon says in answer to `hello`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hello {
    /// The daemon's program version.
    pub version: String,
    /// The daemon's protocol version ([`PROTOCOL_VERSION`]).
    pub protocol: u32,
    /// `clustering.nodeName` of the running daemon, if set.
    pub node_name: Option<String>,
    /// Process id of the daemon.
    pub pid: u32,
    /// Seconds since the daemon started.
    pub uptime_secs: u64,
}

/// An operation that failed: an HTTP-like status and HarperDB's error body
/// (`{"error": "<message>"}`, or a structured body for permission failures).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[error("{}", self.message())]
pub struct OpError {
    /// 400 validation, 401 login, 403 permission, 404 missing, 409 conflict, 500 internal.
    pub status: u16,
    /// The JSON body HarperDB answers with.
    pub body: Value,
}

impl OpError {
    /// An error with body `{"error": message}`.
    pub fn new(status: u16, message: impl Into<String>) -> Self {
        let mut body = Map::new();
        body.insert("error".into(), Value::String(message.into()));
        Self {
            status,
            body: Value::Object(body),
        }
    }

    /// 400 Bad Request.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(400, message)
    }

    /// 404 Not Found.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(404, message)
    }

    /// 409 Conflict.
    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(409, message)
    }

    /// 500 Internal Server Error.
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(500, message)
    }

    /// The human-readable message: the body's `error` field.
    pub fn message(&self) -> &str {
        self.body
            .get("error")
            .and_then(Value::as_str)
            .unwrap_or("unknown error")
    }
}

/// The CLI↔daemon service. The socket's file permissions are the authority
/// (mode 0600), like HarperDB's domain socket, so calls run as the super user.
#[tarpc::service]
pub trait Harper {
    /// Protocol handshake: the daemon's version, protocol and node name.
    async fn hello() -> Hello;
    /// Execute one operation of the catalogue.
    async fn execute(request: Request) -> Result<Value, OpError>;
}

/// Build a request object from an operation name and its fields.
pub fn request(operation: &str, fields: Value) -> Request {
    let mut map = Map::new();
    map.insert("operation".into(), Value::String(operation.into()));
    if let Value::Object(fields) = fields {
        for (k, v) in fields {
            map.insert(k, v);
        }
    }
    map
}
