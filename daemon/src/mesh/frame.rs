//! What travels on a mesh link: length-prefixed JSON frames. The handshake
//! frames come first (see `handshake`), then heartbeats, gossip and routed
//! envelopes, in both directions.

use harper_rpc::Route;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

/// Largest frame a peer may send (NATS's `max_payload` in HarperDB is 64 MiB).
pub const MAX_FRAME_BYTES: usize = 64 * 1024 * 1024;
/// Largest frame read during the handshake. Handshake frames are a few
/// hundred bytes, and a peer that has not yet proved it knows the cluster
/// password must not make this node buffer [`MAX_FRAME_BYTES`] per connection.
pub const MAX_HANDSHAKE_FRAME_BYTES: usize = 64 * 1024;

/// Why a link was refused; shown on both sides in status and logs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Refusal {
    /// The cluster user or password differs.
    WrongCredentials,
    /// `clustering.hubServer.cluster.name` differs.
    ClusterNameMismatch,
    /// Another node already uses this node name.
    DuplicateNodeName,
    /// The mesh protocol versions differ.
    VersionMismatch,
    /// The peer is not (or no longer) clustering.
    ClusteringDisabled,
    /// The TLS handshake failed (certificates, mTLS); never sent, only recorded.
    TlsFailure,
    /// Anything else (the message says what).
    Other,
}

impl Refusal {
    /// A short phrase for tables and logs.
    pub fn describe(self) -> &'static str {
        match self {
            Refusal::WrongCredentials => "wrong cluster credentials",
            Refusal::ClusterNameMismatch => "cluster name mismatch",
            Refusal::DuplicateNodeName => "duplicate node name",
            Refusal::VersionMismatch => "protocol version mismatch",
            Refusal::ClusteringDisabled => "clustering disabled",
            Refusal::TlsFailure => "TLS failure",
            Refusal::Other => "refused",
        }
    }
}

/// What a node tells the mesh about itself (gossiped to every node).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Member {
    /// Node name.
    pub name: String,
    /// Random id of the installation: tells a restarted node from an impostor.
    pub instance: String,
    /// Program version.
    pub version: String,
    /// Names of the nodes it has a live link with.
    pub links: Vec<String>,
    /// Its configured hub routes.
    pub routes: Vec<Route>,
    /// Its mesh port.
    pub cluster_port: u16,
    /// Its operations API port.
    pub operations_port: Option<u16>,
    /// Grows with every change of this info (ms clock, strictly increasing).
    pub incarnation: u64,
}

/// A message for one node, forwarded hop by hop.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Envelope {
    /// Sender node.
    pub from: String,
    /// Destination node.
    pub to: String,
    /// Hops left before it is dropped.
    pub ttl: u8,
    /// What it carries.
    pub body: Body,
}

/// The contents of an envelope.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "k", rename_all = "snake_case")]
pub enum Body {
    /// A request; the destination answers with a `Response` of the same id.
    Request {
        /// Correlation id, unique per sender.
        id: u64,
        /// The request.
        payload: Value,
    },
    /// The answer to a request.
    Response {
        /// The request's id.
        id: u64,
        /// Ok payload or an error message.
        result: Result<Value, String>,
    },
    /// A hop could not forward the request with this id: nobody to deliver to.
    NoRoute {
        /// The request's id.
        id: u64,
    },
    /// A one-way message (no answer).
    Notify {
        /// The message.
        payload: Value,
    },
}

/// The node name a protocol-2 hello carries in protocol 1's `node` field.
pub const ANONYMOUS: &str = "(anonymous until authenticated)";

/// One frame on a link.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "t", rename_all = "snake_case")]
pub enum Frame {
    /// Dialer → listener, first: the protocol version and the dialer's
    /// SPAKE2 message, and nothing that names the dialer or its cluster (see
    /// `handshake`).
    Hello {
        /// Mesh protocol version.
        protocol: u32,
        /// The dialer's SPAKE2 message (hex); protocol 2 on.
        #[serde(default)]
        pake: String,
        /// Protocol 1's fields. Protocol 2 sends them empty (the node name as
        /// [`ANONYMOUS`]) only so that a protocol-1 node can decode the hello
        /// and refuse it for its version; read only to name a protocol-1
        /// node in that refusal.
        #[serde(default)]
        version: String,
        /// Protocol 1: cluster name.
        #[serde(default)]
        cluster: String,
        /// Protocol 1: the dialer's node name.
        #[serde(default)]
        node: String,
        /// Protocol 1: the dialer's instance id.
        #[serde(default)]
        instance: String,
        /// Protocol 1: the cluster user name.
        #[serde(default)]
        user: String,
        /// Protocol 1: the dialer's nonce.
        #[serde(default)]
        nonce: String,
    },
    /// Listener → dialer: its SPAKE2 message and its key confirmation.
    Pake {
        /// The listener's SPAKE2 message (hex).
        pake: String,
        /// HMAC key confirmation (hex).
        proof: String,
    },
    /// Dialer → listener, once the listener's confirmation verified: the
    /// dialer's key confirmation, covering who it says it is.
    Confirm {
        /// HMAC key confirmation over the fields below (hex).
        proof: String,
        /// Dialer's node name.
        node: String,
        /// Dialer's instance id.
        instance: String,
        /// Dialer's program version.
        version: String,
        /// Dialer's cluster name.
        cluster: String,
    },
    /// Listener → dialer: the dialer is accepted; who the listener is, proven.
    Welcome {
        /// Listener's node name.
        node: String,
        /// Listener's instance id.
        instance: String,
        /// Listener's program version.
        version: String,
        /// HMAC over both nodes' claims (hex).
        proof: String,
    },
    /// Dialer → listener: the listener is accepted too; the link is up.
    Ready,
    /// Either side: the link is refused, and why.
    Refused {
        /// The reason.
        reason: Refusal,
        /// Details for people.
        message: String,
    },
    /// Heartbeat.
    Ping {
        /// Sequence number.
        seq: u64,
    },
    /// Heartbeat answer.
    Pong {
        /// The ping's sequence number.
        seq: u64,
    },
    /// Gossip: a hash of everything the sender knows about the mesh.
    Digest {
        /// The hash.
        digest: u64,
    },
    /// Gossip: everything the sender knows (sent when digests differ).
    Members {
        /// Member records.
        members: Vec<Member>,
    },
    /// A routed message.
    Envelope(Envelope),
}

impl Frame {
    /// True for the frames of the handshake, which have no place on a live link.
    pub fn is_handshake(&self) -> bool {
        matches!(
            self,
            Frame::Hello { .. }
                | Frame::Pake { .. }
                | Frame::Confirm { .. }
                | Frame::Welcome { .. }
                | Frame::Ready
        )
    }
}

/// Read one frame; an oversized or undecodable frame is an error that ends the link.
pub async fn read_frame<R: AsyncRead + Unpin>(r: &mut R) -> std::io::Result<Frame> {
    read_frame_within(r, MAX_FRAME_BYTES).await
}

/// Read one frame of at most `max` bytes; a longer one is refused at its
/// length, before any of it is buffered.
pub async fn read_frame_within<R: AsyncRead + Unpin>(
    r: &mut R,
    max: usize,
) -> std::io::Result<Frame> {
    let len = r.read_u32().await? as usize;
    if len > max {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("frame of {len} bytes exceeds the {max}-byte limit"),
        ));
    }
    let mut buf = vec![0u8; len];
    r.read_exact(&mut buf).await?;
    serde_json::from_slice(&buf).map_err(|e| {
        std::io::Error::new(std::io::ErrorKind::InvalidData, format!("bad frame: {e}"))
    })
}

/// Write one frame.
pub async fn write_frame<W: AsyncWrite + Unpin>(w: &mut W, frame: &Frame) -> std::io::Result<()> {
    let bytes = serde_json::to_vec(frame).map_err(std::io::Error::other)?;
    if bytes.len() > MAX_FRAME_BYTES {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("frame of {} bytes exceeds the limit", bytes.len()),
        ));
    }
    w.write_u32(bytes.len() as u32).await?;
    w.write_all(&bytes).await?;
    w.flush().await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn frames_round_trip_and_oversize_is_refused() {
        let (mut a, mut b) = tokio::io::duplex(1 << 16);
        let f = Frame::Envelope(Envelope {
            from: "a".into(),
            to: "b".into(),
            ttl: 8,
            body: Body::Request {
                id: 7,
                payload: serde_json::json!({"op":"ping"}),
            },
        });
        write_frame(&mut a, &f).await.unwrap();
        assert_eq!(read_frame(&mut b).await.unwrap(), f);
        a.write_u32(u32::MAX).await.unwrap();
        assert!(read_frame(&mut b).await.is_err());
    }

    #[tokio::test]
    async fn a_limited_read_refuses_at_the_length() {
        let (mut a, mut b) = tokio::io::duplex(1 << 16);
        // Only the length is sent: the refusal must not wait for the body.
        a.write_u32((MAX_HANDSHAKE_FRAME_BYTES + 1) as u32)
            .await
            .unwrap();
        let e = read_frame_within(&mut b, MAX_HANDSHAKE_FRAME_BYTES)
            .await
            .unwrap_err();
        assert!(
            e.to_string().contains("exceeds the 65536-byte limit"),
            "{e}"
        );
    }
}
