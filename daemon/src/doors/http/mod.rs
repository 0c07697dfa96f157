//! The HTTP operations door: `POST /` with a JSON operation and Basic or
//! Bearer (token) auth on
//! `operationsApi.network.host:port` (default 127.0.0.1:9925), as HarperDB's
//! operations API, for applications, HarperDB's clients, and
//! `harper --target`. Every request goes to the one dispatcher, `ops::execute`.
//! Beside it, `GET /metrics` and the health probes ([`probe`]); every
//! request is counted for `/metrics`.
//!
//! Plain HTTP and TLS share the port: the first byte of a connection tells
//! them apart (0x16 opens a TLS ClientHello; no HTTP method starts with it).
//! TLS uses the node certificate (see [`tls`]). With
//! `operationsApi.network.https: true` plain HTTP is refused.
//!
//! Hardening: a cap on connections; deadlines on the first byte, the TLS
//! handshake, the request head (also the keep-alive idle time), the body and
//! the operation; a cap on a request head's bytes; a body size limit. The
//! caller logs in from the headers before anything of its body is read
//! beyond a few KiB, and the memory for all bodies at once (their text and
//! their parsed values) is bounded by one budget ([`budget`]). A slow or
//! hostile client holds at most its own connection, never another's request.

mod answer;
mod body;
mod budget;
mod json;
mod login;
mod probe;
mod studio;
mod tls;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;

use crate::metrics::Metrics;
use crate::node::Node;

/// Largest request body (a bulk insert, a CSV for `csv_data_load`).
pub const MAX_BODY_BYTES: usize = 64 * 1024 * 1024;
/// hyper's read buffer per connection, and so the largest request head
/// (HarperDB's Node.js allows 16 KiB of headers).
pub const MAX_HEAD_BYTES: usize = 64 * 1024;
/// Connections served at once; more wait in the listen backlog.
pub const MAX_CONNECTIONS: usize = 4096;
/// A new connection must send its first byte within this time.
pub const FIRST_BYTE_TIMEOUT: Duration = Duration::from_secs(10);
/// The TLS handshake must finish within this time.
pub const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);
/// A request head must arrive within this time; it is also how long a
/// kept-alive connection may idle (HarperDB's keep-alive timeout is 30 s).
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(30);
/// A request body must arrive within this time.
pub const BODY_READ_TIMEOUT: Duration = Duration::from_secs(60);
/// An operation must finish within this time, or the caller gets a 504 while
/// it goes on (HarperDB's request timeout is 120 s).
pub const OPERATION_DEADLINE: Duration = Duration::from_secs(120);
/// Pause after a failed accept (out of file descriptors), so the loop does not spin.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(50);

/// The `Server` header: names the daemon and its version for `harper --target`.
const SERVER: &str = concat!("harperd/", env!("CARGO_PKG_VERSION"));

/// What every connection of the door shares.
struct Door {
    node: Node,
    https_only: bool,
    /// `localStudio.enabled`: `GET /` serves the Studio page.
    studio: bool,
    deadline: Duration,
    certificates: tls::Certificates,
    budget: budget::BodyBudget,
    metrics: Metrics,
}

/// The running door.
pub struct HttpDoor {
    /// The address it listens on.
    pub local_addr: SocketAddr,
    task: tokio::task::JoinHandle<()>,
}

impl HttpDoor {
    /// Stop accepting (connections in progress end with the runtime).
    pub fn abort(&self) {
        self.task.abort();
    }
}

/// Listen on the configured address; `None` when `operationsApi.network.port`
/// is null (no TCP door). Live config changes need a restart, as in HarperDB.
pub async fn serve(node: Node) -> std::io::Result<Option<HttpDoor>> {
    let settings = node.config().settings();
    let Some(port) = settings.operations_port else {
        return Ok(None);
    };
    let listener = TcpListener::bind((settings.operations_host.as_str(), port))
        .await
        .map_err(|e| {
            std::io::Error::new(
                e.kind(),
                format!(
                    "cannot listen on {}:{port} (operationsApi.network): {e}",
                    settings.operations_host
                ),
            )
        })?;
    let local_addr = listener.local_addr()?;
    let door = Arc::new(Door {
        certificates: tls::Certificates::new(node.clone()),
        metrics: Metrics::new(node.clone()),
        node,
        https_only: settings.operations_https,
        studio: settings.local_studio,
        deadline: OPERATION_DEADLINE,
        budget: budget::BodyBudget::new(budget::BODY_BUDGET_BYTES),
    });
    crate::ops::prepare_logins();
    let task = tokio::spawn(accept_loop(listener, door));
    Ok(Some(HttpDoor { local_addr, task }))
}

async fn accept_loop(listener: TcpListener, door: Arc<Door>) {
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    loop {
        let Ok(slot) = slots.clone().acquire_owned().await else {
            return;
        };
        let (stream, peer) = match listener.accept().await {
            Ok(s) => s,
            Err(e) => {
                tracing::warn!("operations API: accept failed: {e}");
                tokio::time::sleep(ACCEPT_BACKOFF).await;
                continue;
            }
        };
        let door = door.clone();
        tokio::spawn(async move {
            connection(&door, stream, peer).await;
            drop(slot);
        });
    }
}

/// One connection: plain or TLS by its first byte, then HTTP/1.1 with keep-alive.
async fn connection(door: &Arc<Door>, stream: TcpStream, peer: SocketAddr) {
    let _ = stream.set_nodelay(true);
    let mut first = [0u8; 1];
    match tokio::time::timeout(FIRST_BYTE_TIMEOUT, stream.peek(&mut first)).await {
        Ok(Ok(1)) => {}
        _ => return,
    }
    if first[0] == 0x16 {
        let acceptor = match door.certificates.acceptor() {
            Ok(a) => a,
            Err(e) => {
                tracing::error!("operations API: no TLS for {peer}: {e}");
                return;
            }
        };
        match tokio::time::timeout(HANDSHAKE_TIMEOUT, acceptor.accept(stream)).await {
            Ok(Ok(tls)) => http(door, tls, peer, true).await,
            Ok(Err(e)) => tracing::debug!("operations API: TLS handshake with {peer} failed: {e}"),
            Err(_) => tracing::debug!("operations API: TLS handshake with {peer} timed out"),
        }
    } else {
        http(door, stream, peer, false).await;
    }
}

async fn http<S>(door: &Arc<Door>, io: S, peer: SocketAddr, secure: bool)
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let service = {
        let door = door.clone();
        service_fn(move |req: hyper::Request<Incoming>| {
            let door = door.clone();
            async move {
                let started = Instant::now();
                let method = req.method().clone();
                // The Studio page (plain HTTP only when the door allows it).
                if let Some(page) = (secure || !door.https_only)
                    .then(|| studio::answer(door.studio, &req))
                    .flatten()
                {
                    return Ok::<_, std::convert::Infallible>(page);
                }
                let a = answer::answer(&door, req, peer, secure).await;
                let took = started.elapsed();
                door.metrics.http().observe(a.operation(), a.status(), took);
                tracing::debug!(
                    %peer, %method, status = a.status(),
                    ms = took.as_millis() as u64,
                    "operations API request"
                );
                Ok::<_, std::convert::Infallible>(a.into_response())
            }
        })
    };
    let result = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(HEADER_READ_TIMEOUT)
        .max_buf_size(MAX_HEAD_BYTES)
        .keep_alive(true)
        .serve_connection(TokioIo::new(io), service)
        .await;
    if let Err(e) = result {
        tracing::debug!("operations API: connection from {peer} ended: {e}");
    }
}
