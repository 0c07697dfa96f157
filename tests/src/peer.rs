//! A hand-driven client of a daemon's mesh port, for bad-peer tests: raw
//! TCP (from any loopback address), TLS with a node's certificate, none, or
//! an attacker's from a CA of its own, the real handshake (the daemon's own
//! code, so a "good" peer is exactly a node) with its bytes recorded for
//! replay, and raw frames (a protocol-1 hello among them). Each test drives
//! it from a small tokio runtime of its own ([`runtime`]).
//!
//! Not here: what a test expects from the daemon (the tests say that).

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::Path;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use harper_daemon::mesh::frame::Frame;
use harper_daemon::mesh::handshake::{self, HandshakeError, Identity, Peer};
use harper_daemon::pki::TlsPaths;
use rustls::pki_types::pem::PemObject as _;
use rustls::pki_types::{CertificateDer, ServerName};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpSocket, TcpStream};
use tokio_rustls::TlsConnector;
use tokio_rustls::client::TlsStream;

pub use harper_daemon::mesh::frame::{MAX_FRAME_BYTES, read_frame, write_frame};

use crate::{CLUSTER_PASSWORD, Node};

/// The cluster name every test node has (HarperDB's default).
pub const CLUSTER_NAME: &str = "harperdb";

/// A current-thread tokio runtime for one test.
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime")
}

/// A TLS client presenting `node`'s certificate, as that node dials.
pub fn node_tls(node: &Node) -> Arc<rustls::ClientConfig> {
    let keys = node.root().join("keys");
    harper_daemon::pki::client_config(
        &TlsPaths {
            certificate: keys.join("certificate.pem"),
            private_key: keys.join("privateKey.pem"),
            certificate_authority: Some(keys.join("ca.pem")),
        },
        true,
    )
    .expect("client TLS config")
}

/// A TLS client without a certificate that trusts `server`'s CA (and so
/// completes TLS with it when client certificates are not required).
pub fn anonymous_tls(server: &Node) -> Arc<rustls::ClientConfig> {
    let mut roots = rustls::RootCertStore::empty();
    let ca = server.root().join("keys/ca.pem");
    roots
        .add(CertificateDer::from_pem_file(Path::new(&ca)).expect("read ca.pem"))
        .expect("add CA");
    Arc::new(
        rustls::ClientConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_protocol_versions(&[&rustls::version::TLS13])
        .expect("TLS 1.3")
        .with_root_certificates(roots)
        .with_no_client_auth(),
    )
}

/// A TLS client with a certificate of an attacker's: signed by a CA of its
/// own that no node knows (a fresh install's keys, made in `dir`). Like a
/// node with `insecure: true`, it does not check the listener's certificate.
pub fn foreign_tls(dir: &Path) -> Arc<rustls::ClientConfig> {
    let keys = harper_daemon::pki::generate(dir, Some("mallory")).expect("attacker's keys");
    harper_daemon::pki::client_config(
        &TlsPaths {
            certificate: keys.certificate,
            private_key: keys.private_key,
            certificate_authority: None,
        },
        true,
    )
    .expect("client TLS config")
}

/// The loopback address tests dial (the daemon's is 0.0.0.0 unless configured).
pub const LOOPBACK: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);

/// Connect TCP to `port` on 127.0.0.1.
pub async fn tcp(port: u16) -> std::io::Result<TcpStream> {
    tcp_between(LOOPBACK, LOOPBACK, port).await
}

/// Connect TCP from `from` (any port) to `to`:`port`. `127.0.0.2` is
/// loopback too, so a test can be another source address.
pub async fn tcp_between(from: IpAddr, to: IpAddr, port: u16) -> std::io::Result<TcpStream> {
    let socket = TcpSocket::new_v4()?;
    socket.bind(SocketAddr::new(from, 0))?;
    let s = socket.connect(SocketAddr::new(to, port)).await?;
    s.set_nodelay(true)?;
    Ok(s)
}

/// TCP then TLS to `port` on 127.0.0.1 (generated certificates carry `localhost`).
pub async fn tls(port: u16, config: Arc<rustls::ClientConfig>) -> std::io::Result<Tls> {
    tls_over(tcp(port).await?, config).await
}

/// TLS over a connected stream.
pub async fn tls_over(s: TcpStream, config: Arc<rustls::ClientConfig>) -> std::io::Result<Tls> {
    let local = s.local_addr()?.port();
    let name = ServerName::try_from("localhost").expect("localhost");
    let stream = TlsConnector::from(config).connect(name, s).await?;
    Ok(Tls {
        stream: Recorder {
            inner: stream,
            written: Vec::new(),
            received: Vec::new(),
        },
        local_port: local,
    })
}

/// Read from a raw connection until the daemon closes it (Ok, with the bytes
/// it sent) or `deadline` passes (Err).
pub async fn until_closed_raw(
    s: &mut TcpStream,
    deadline: std::time::Duration,
) -> Result<Vec<u8>, String> {
    use tokio::io::AsyncReadExt;
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    let end = tokio::time::Instant::now() + deadline;
    loop {
        match tokio::time::timeout_at(end, s.read(&mut buf)).await {
            Err(_) => return Err(format!("still open after {deadline:?}")),
            Ok(Ok(0)) | Ok(Err(_)) => return Ok(got),
            Ok(Ok(n)) => got.extend_from_slice(&buf[..n]),
        }
    }
}

/// A TLS connection to a mesh port.
pub struct Tls {
    /// The stream, recording every byte written.
    pub stream: Recorder<TlsStream<TcpStream>>,
    /// Our side's port (the daemon's logs name peers by address).
    pub local_port: u16,
}

impl Tls {
    /// The session's exported keying material, which handshake proofs are bound to.
    pub fn binding(&self) -> Vec<u8> {
        let mut out = vec![0u8; 32];
        self.stream
            .inner
            .get_ref()
            .1
            .export_keying_material(&mut out, handshake::EXPORTER_LABEL, None)
            .expect("TLS exporter");
        out
    }

    /// Run the real dialling side of the handshake as node `id.node`.
    pub async fn handshake(&mut self, id: &Identity) -> Result<Peer, HandshakeError> {
        let binding = self.binding();
        handshake::dial(&mut self.stream, id, &binding, &|_| Ok(())).await
    }

    /// Read one frame.
    pub async fn read(&mut self) -> std::io::Result<Frame> {
        read_frame(&mut self.stream).await
    }

    /// Write one frame.
    pub async fn write(&mut self, f: &Frame) -> std::io::Result<()> {
        write_frame(&mut self.stream, f).await
    }

    /// Write raw bytes.
    pub async fn write_raw(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        use tokio::io::AsyncWriteExt;
        self.stream.write_all(bytes).await?;
        self.stream.flush().await
    }

    /// Every frame written so far, as raw bytes (length prefix included).
    pub fn written_frames(&self) -> Vec<Vec<u8>> {
        split_frames(&self.stream.written)
    }

    /// Every frame the daemon sent so far, as raw bytes (length prefix included).
    pub fn received_frames(&self) -> Vec<Vec<u8>> {
        split_frames(&self.stream.received)
    }

    /// Read until the daemon ends the connection (Ok: it did, with the
    /// frames it sent before) or `deadline` passes (Err).
    pub async fn until_closed(
        &mut self,
        deadline: std::time::Duration,
    ) -> Result<Vec<Frame>, String> {
        let mut frames = Vec::new();
        let end = tokio::time::Instant::now() + deadline;
        loop {
            match tokio::time::timeout_at(end, self.read()).await {
                Err(_) => {
                    return Err(format!(
                        "still open after {deadline:?}; frames read: {frames:?}"
                    ));
                }
                Ok(Ok(f)) => frames.push(f),
                Ok(Err(_)) => return Ok(frames),
            }
        }
    }
}

/// Protocol 1's first frame, as a protocol-1 node sent it (names in clear).
pub fn v1_hello(node: &str) -> Frame {
    Frame::Hello {
        protocol: 1,
        pake: String::new(),
        version: "0.1.0".to_owned(),
        cluster: CLUSTER_NAME.to_owned(),
        node: node.to_owned(),
        instance: format!("{node}-instance"),
        user: "cluster_user".to_owned(),
        nonce: "00".repeat(16),
    }
}

/// A mesh identity with the shared test credentials unless `password` says otherwise.
pub fn identity(name: &str, password: Option<&str>) -> Identity {
    Identity::new(
        name,
        &format!("{name}-instance"),
        CLUSTER_NAME,
        "cluster_user",
        password.unwrap_or(CLUSTER_PASSWORD),
    )
}

/// Length-prefixed frames, each with its prefix (a cut last one as it is).
fn split_frames(mut rest: &[u8]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    while rest.len() >= 4 {
        let len = u32::from_be_bytes(rest[..4].try_into().expect("4 bytes")) as usize;
        let end = (4 + len).min(rest.len());
        out.push(rest[..end].to_vec());
        rest = &rest[end..];
    }
    out
}

/// A stream that keeps a copy of everything written and read through it.
pub struct Recorder<S> {
    inner: S,
    /// The bytes written.
    pub written: Vec<u8>,
    /// The bytes read.
    pub received: Vec<u8>,
}

impl<S: AsyncRead + Unpin> AsyncRead for Recorder<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        let r = Pin::new(&mut self.inner).poll_read(cx, buf);
        if let Poll::Ready(Ok(())) = &r {
            let new = buf.filled()[before..].to_vec();
            self.received.extend_from_slice(&new);
        }
        r
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Recorder<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let r = Pin::new(&mut self.inner).poll_write(cx, buf);
        if let Poll::Ready(Ok(n)) = &r {
            let n = *n;
            self.written.extend_from_slice(&buf[..n]);
        }
        r
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}
