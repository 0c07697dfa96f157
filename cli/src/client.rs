//! A typed client for the daemon's socket. Its connect error says what to do
//! (start the daemon), and `hello` checks the protocol before real work.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use harper_rpc::ops::Operation;
use harper_rpc::{HarperClient, Hello, OpError, PROTOCOL_VERSION, Request, SOCKET_FILE};
use serde_json::Value;
use tarpc::tokio_serde::formats::Json;

use crate::error::CliError;

/// Deadline of an ordinary call.
pub const CALL_DEADLINE: Duration = Duration::from_secs(60);
/// Deadline of connecting and `hello`.
pub const CONNECT_DEADLINE: Duration = Duration::from_secs(5);
/// Largest frame accepted from the daemon (a big table dump).
const MAX_FRAME_BYTES: usize = 256 * 1024 * 1024;

/// A connection to a running `harperd`.
pub struct Client {
    inner: HarperClient,
    hello: Hello,
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
        let not_running = || CliError::not_running(root);
        if !path.exists() {
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
        Ok(Client { inner, hello })
    }

    /// What the daemon said in `hello`.
    pub fn hello(&self) -> &Hello {
        &self.hello
    }

    /// Execute a raw request.
    pub async fn execute(&self, request: Request) -> Result<Result<Value, OpError>, CliError> {
        self.execute_with(request, CALL_DEADLINE).await
    }

    /// Execute a raw request with a deadline.
    pub async fn execute_with(
        &self,
        request: Request,
        deadline: Duration,
    ) -> Result<Result<Value, OpError>, CliError> {
        self.inner
            .execute(context(deadline), request)
            .await
            .map_err(|e| CliError::failed(format!("the daemon did not answer: {e}")))
    }

    /// Execute a typed operation: the raw JSON answer (what `-o json` prints).
    pub async fn call<O: Operation>(&self, op: &O) -> Result<Value, CliError> {
        self.execute(op.to_request()).await?.map_err(CliError::from)
    }
}
