//! A typed client for the daemon, through either door: the local socket
//! (tarpc; `hello` checks the protocol before real work, and the connect
//! error says to start the daemon) or, with `--target`, a remote daemon's
//! operations port over TLS ([`remote`]). Commands do not care which.

mod remote;
mod trust;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use harper_rpc::ops::Operation;
use harper_rpc::{HarperClient, Hello, OpError, PROTOCOL_VERSION, Request, Route, SOCKET_FILE};
use serde_json::Value;
use tarpc::tokio_serde::formats::Json;

use crate::error::CliError;

pub use remote::Login;

/// Deadline of an ordinary call.
pub const CALL_DEADLINE: Duration = Duration::from_secs(60);
/// Deadline of connecting and `hello`.
pub const CONNECT_DEADLINE: Duration = Duration::from_secs(5);
/// Largest frame accepted from the daemon (a big table dump).
const MAX_FRAME_BYTES: usize = 256 * 1024 * 1024;

/// A connection to a running `harperd`.
pub struct Client {
    door: Door,
    hello: Hello,
}

enum Door {
    Socket(HarperClient),
    Remote(Box<remote::Remote>),
}

fn context(deadline: Duration) -> tarpc::context::Context {
    let mut ctx = tarpc::context::current();
    ctx.deadline = Instant::now() + deadline;
    ctx
}

/// The socket path of a root.
pub fn socket_path(root: &Path) -> PathBuf {
    root.join(SOCKET_FILE)
}

impl Client {
    /// Connect to the daemon of `root` and say hello.
    pub async fn connect(root: &Path) -> Result<Client, CliError> {
        let path = socket_path(root);
        tracing::debug!(socket = %path.display(), "connecting to harperd");
        let not_running = || CliError::not_running(root);
        if !path.exists() {
            if !root.join(harper_rpc::CONFIG_FILE).exists() {
                return Err(CliError::not_installed(root));
            }
            return Err(not_running());
        }
        let mut connect = tarpc::serde_transport::unix::connect(&path, Json::default);
        connect.config_mut().max_frame_length(MAX_FRAME_BYTES);
        let transport = tokio::time::timeout(CONNECT_DEADLINE, connect)
            .await
            .map_err(|_| not_running())?
            .map_err(|_| not_running())?;
        let inner = HarperClient::new(tarpc::client::Config::default(), transport).spawn();
        let hello = inner
            .hello(context(CONNECT_DEADLINE))
            .await
            .map_err(|e| CliError::unreachable(root, &e.to_string()))?;
        if hello.protocol != PROTOCOL_VERSION {
            return Err(CliError::failed(format!(
                "harperd {} speaks protocol {} but this harper {} speaks {}",
                hello.version,
                hello.protocol,
                harper_rpc::VERSION,
                PROTOCOL_VERSION
            ))
            .with_hint("restart the daemon with the same version: harper restart"));
        }
        Ok(Client {
            door: Door::Socket(inner),
            hello,
        })
    }

    /// Connect to a remote daemon's operations port over TLS (`--target`).
    pub async fn connect_target(login: Login) -> Result<Client, CliError> {
        let remote = remote::Remote::connect(login).await?;
        // The operations API has no hello: only what this client speaks is known.
        let hello = Hello {
            version: String::new(),
            protocol: PROTOCOL_VERSION,
            node_name: None,
            pid: 0,
            uptime_secs: 0,
        };
        Ok(Client {
            door: Door::Remote(Box::new(remote)),
            hello,
        })
    }

    /// What the daemon said in `hello` (for a remote target, which has no
    /// hello, only the protocol is filled in).
    pub fn hello(&self) -> &Hello {
        &self.hello
    }

    /// The remote target, when this client talks to one.
    pub fn target(&self) -> Option<&Route> {
        match &self.door {
            Door::Socket(_) => None,
            Door::Remote(r) => Some(r.target()),
        }
    }

    /// Execute a raw request.
    pub async fn execute(&self, request: Request) -> Result<Result<Value, OpError>, CliError> {
        self.execute_with(request, CALL_DEADLINE).await
    }

    /// Execute a raw request with a deadline. A request nested deeper than the
    /// socket's framing takes is refused here: the daemon could only drop
    /// the connection.
    pub async fn execute_with(
        &self,
        request: Request,
        deadline: Duration,
    ) -> Result<Result<Value, OpError>, CliError> {
        match &self.door {
            // A validation error, found here rather than by the daemon: exit 2 as well.
            Door::Socket(_) if too_deep_for_the_socket(&request) => Err(CliError::usage(format!(
                "the request nests arrays and objects more than {} levels deep, more than the daemon's socket takes",
                harper_rpc::MAX_SOCKET_REQUEST_DEPTH
            ))),
            Door::Socket(inner) => inner
                .execute(context(deadline), request)
                .await
                .map_err(|e| CliError::failed(format!("the daemon did not answer: {e}"))),
            Door::Remote(r) => r.execute(request, deadline).await,
        }
    }

    /// Execute a typed operation: its typed answer.
    pub async fn call<O: Operation>(&self, op: &O) -> Result<O::Response, CliError> {
        Ok(self.call_raw(op).await?.typed)
    }

    /// Execute a typed operation; `None` when the daemon refused it (an
    /// error of the operation), an error when it could not be asked.
    pub async fn call_unless_refused<O: Operation>(
        &self,
        op: &O,
    ) -> Result<Option<O::Response>, CliError> {
        match self.execute(op.to_request()).await? {
            Ok(raw) => Ok(Some(Answer::decode::<O>(raw)?.typed)),
            Err(_) => Ok(None),
        }
    }

    /// Execute a typed operation: its typed answer and the exact JSON the
    /// daemon sent (what `-o json` prints; never re-serialised, so a field
    /// this harper does not know is printed all the same).
    pub async fn call_raw<O: Operation>(&self, op: &O) -> Result<Answer<O::Response>, CliError> {
        let raw = self
            .execute(op.to_request())
            .await?
            .map_err(CliError::from)?;
        Answer::decode::<O>(raw)
    }
}

/// A typed answer and the JSON it was read from.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer<T> {
    /// The answer as the catalogue types it.
    pub typed: T,
    /// The JSON exactly as the daemon sent it.
    pub raw: Value,
}

impl<T: serde::de::DeserializeOwned> Answer<T> {
    /// Read the answer of `O` from the daemon's JSON; an answer of another
    /// shape (a daemon of another version) fails naming the operation.
    pub fn decode<O: Operation<Response = T>>(raw: Value) -> Result<Self, CliError> {
        match T::deserialize(&raw) {
            Ok(typed) => Ok(Answer { typed, raw }),
            Err(e) => Err(CliError::failed(format!(
                "the daemon's answer to {} is not what this harper {} expects: {}",
                O::NAME,
                harper_rpc::VERSION,
                harper_rpc::text::printable(&e.to_string())
            ))
            .with_hint("run harper and harperd of the same version: harper restart")),
        }
    }
}

/// True when the socket could not carry `request` (see
/// [`harper_rpc::MAX_SOCKET_REQUEST_DEPTH`]).
fn too_deep_for_the_socket(request: &Request) -> bool {
    request
        .values()
        .any(|v| harper_rpc::depth::deeper_than(v, harper_rpc::MAX_SOCKET_REQUEST_DEPTH - 1))
}

#[cfg(test)]
mod tests {
    use harper_rpc::ops::{ClusterGetRoutes, GetRoutesResponse, ListUsers};
    use serde_json::json;

    use super::*;

    #[test]
    fn an_answer_keeps_the_exact_json_beside_the_typed_one() {
        // A field this harper does not know still reaches `-o json`, in order.
        let raw = json!({"leaf": [], "hub": [{"host": "a", "port": 9932}], "extra": 1});
        let a = Answer::<GetRoutesResponse>::decode::<ClusterGetRoutes>(raw.clone()).unwrap();
        assert_eq!(a.typed.hub[0].host, "a");
        assert_eq!(
            serde_json::to_string(&a.raw).unwrap(),
            r#"{"leaf":[],"hub":[{"host":"a","port":9932}],"extra":1}"#
        );
    }

    #[test]
    fn an_answer_of_another_shape_fails_naming_the_operation() {
        let e = Answer::decode::<ListUsers>(json!({"users": []})).unwrap_err();
        assert!(e.message.contains("list_users"), "{}", e.message);
    }
}
