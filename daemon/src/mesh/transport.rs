//! The seam between the mesh and the network: how a route is connected and
//! how the cluster port listens ([`Transport`]), and how a raw connection is
//! secured before the handshake ([`Security`]). Production uses TCP and TLS;
//! the simulation (`sim_tests`) uses in-memory pipes, with TLS or, for a
//! thousand nodes in one process, without it (a [`Security`] that exists only
//! in test builds).
//!
//! Not here: the handshake that follows (`handshake`), the throttle
//! (`accept`), what a link does (`link`).

use std::io;
use std::net::SocketAddr;
use std::sync::Arc;

use futures::future::BoxFuture;
use tokio::io::{AsyncRead, AsyncWrite};

use super::frame::Refusal;

/// A byte stream to or from a peer: a TCP connection, a TLS session over
/// one, or an in-memory pipe.
pub trait Conn: AsyncRead + AsyncWrite + Unpin + Send + 'static {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send + 'static> Conn for T {}

/// A boxed [`Conn`].
pub type Stream = Box<dyn Conn>;

/// Where the mesh's bytes go: connect to a route, listen on the cluster port.
pub trait Transport: Send + Sync + 'static {
    /// Listen on `host:port` (port 0: any free port).
    fn listen(&self, host: &str, port: u16) -> BoxFuture<'static, io::Result<Box<dyn Listener>>>;
    /// Open a connection to `host:port`.
    fn connect(&self, host: &str, port: u16) -> BoxFuture<'static, io::Result<Stream>>;
}

/// A listening cluster port.
pub trait Listener: Send + 'static {
    /// The address it listens on.
    fn local_addr(&self) -> SocketAddr;
    /// The next connection and the address it came from.
    fn accept(&mut self) -> BoxFuture<'_, io::Result<(Stream, SocketAddr)>>;
}

/// TCP on the host's network (production).
pub struct Tcp;

impl Transport for Tcp {
    fn listen(&self, host: &str, port: u16) -> BoxFuture<'static, io::Result<Box<dyn Listener>>> {
        let host = host.to_owned();
        Box::pin(async move {
            let l = tokio::net::TcpListener::bind((host.as_str(), port)).await?;
            Ok(Box::new(TcpPort(l)) as Box<dyn Listener>)
        })
    }

    fn connect(&self, host: &str, port: u16) -> BoxFuture<'static, io::Result<Stream>> {
        let addr = format!("{host}:{port}");
        Box::pin(async move {
            let tcp = tokio::net::TcpStream::connect(&addr).await?;
            let _ = tcp.set_nodelay(true);
            Ok(Box::new(tcp) as Stream)
        })
    }
}

struct TcpPort(tokio::net::TcpListener);

impl Listener for TcpPort {
    fn local_addr(&self) -> SocketAddr {
        self.0
            .local_addr()
            .unwrap_or_else(|_| SocketAddr::from(([0, 0, 0, 0], 0)))
    }

    fn accept(&mut self) -> BoxFuture<'_, io::Result<(Stream, SocketAddr)>> {
        Box::pin(async move {
            let (tcp, addr) = self.0.accept().await?;
            let _ = tcp.set_nodelay(true);
            Ok((Box::new(tcp) as Stream, addr))
        })
    }
}

/// A connection secured for the handshake, with the value that binds the
/// handshake's proofs to it (the TLS exporter).
pub struct Secured {
    /// The stream the handshake and the link run on.
    pub stream: Stream,
    /// The channel binding.
    pub binding: Vec<u8>,
}

/// Why a connection could not be secured: the refusal reason and the words.
pub type Unsecured = (Option<Refusal>, String);

/// How a raw connection is secured before the handshake.
#[derive(Clone)]
pub enum Security {
    /// TLS (rustls), as configured.
    Tls {
        /// The listening side.
        server: tokio_rustls::TlsAcceptor,
        /// The dialling side.
        client: tokio_rustls::TlsConnector,
    },
    /// No TLS: only the simulation of a thousand nodes, where TLS would cost
    /// more than everything else. The handshake still runs, bound to a
    /// fixed value instead of a TLS session.
    #[cfg(test)]
    Plain,
}

/// What the handshake is bound to without TLS (the simulation only).
#[cfg(test)]
const PLAIN_BINDING: &[u8] = b"harper mesh simulation: no TLS";

impl Security {
    /// TLS from the mesh's certificate files.
    pub fn tls(
        tls: &crate::pki::TlsPaths,
        verify: bool,
        insecure: bool,
    ) -> anyhow::Result<Security> {
        let server = crate::pki::server_config(tls, verify, insecure)?;
        let client = crate::pki::client_config(tls, insecure)?;
        Ok(Security::Tls {
            server: tokio_rustls::TlsAcceptor::from(server),
            client: tokio_rustls::TlsConnector::from(client),
        })
    }

    /// Secure a connection this node dialled to `host`.
    pub async fn dial(&self, host: &str, raw: Stream) -> Result<Secured, Unsecured> {
        match self {
            Security::Tls { client, .. } => {
                let name = crate::pki::server_name_for(host);
                let tls = client.connect(name, raw).await.map_err(tls_failure)?;
                let binding = exporter(tls.get_ref().1)?;
                Ok(Secured {
                    stream: Box::new(tls),
                    binding,
                })
            }
            #[cfg(test)]
            Security::Plain => Ok(plain(raw)),
        }
    }

    /// Secure a connection this node accepted.
    pub async fn accept(&self, raw: Stream) -> Result<Secured, Unsecured> {
        match self {
            Security::Tls { server, .. } => {
                let tls = server.accept(raw).await.map_err(tls_failure)?;
                let binding = exporter(tls.get_ref().1)?;
                Ok(Secured {
                    stream: Box::new(tls),
                    binding,
                })
            }
            #[cfg(test)]
            Security::Plain => Ok(plain(raw)),
        }
    }
}

/// A TLS handshake that failed, on either side.
fn tls_failure(e: std::io::Error) -> Unsecured {
    (Some(Refusal::TlsFailure), format!("TLS failure: {e}"))
}

/// A connection of the simulation, used as it is.
#[cfg(test)]
fn plain(raw: Stream) -> Secured {
    Secured {
        stream: raw,
        binding: PLAIN_BINDING.to_vec(),
    }
}

/// The TLS session's exported keying material, which binds handshake proofs to it.
fn exporter<C>(conn: &rustls::ConnectionCommon<C>) -> Result<Vec<u8>, Unsecured> {
    let mut out = vec![0u8; 32];
    conn.export_keying_material(&mut out, super::handshake::EXPORTER_LABEL, None)
        .map_err(|e| (None, format!("TLS exporter failed: {e}")))?;
    Ok(out)
}

/// The seams a mesh runs on: its network, how links are secured, and the
/// seed of its random source.
#[derive(Clone)]
pub struct Seams {
    /// Connect and listen.
    pub transport: Arc<dyn Transport>,
    /// TLS, or (simulation only) none; `None`: TLS from the configuration.
    pub security: Option<Security>,
    /// Seed of the jitter source; `None`: from the system's randomness.
    pub seed: Option<u64>,
}

impl Default for Seams {
    /// Production: TCP, TLS from the configuration, a random seed.
    fn default() -> Seams {
        Seams {
            transport: Arc::new(Tcp),
            security: None,
            seed: None,
        }
    }
}
