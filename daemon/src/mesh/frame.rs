//! What travels on a mesh link: length-prefixed JSON frames. The handshake
//! frames come first (see `handshake`), then heartbeats, gossip and routed
//! envelopes, in both directions. Here too: encoding a frame within the frame
//! limit (a sender learns the size before anything is queued), reading one
//! within a limit as its bytes arrive, and decoding it, keeping what can be
//! read of one that does not decode (see `header`).

use serde::{Deserialize, Serialize};
use serde_json::Value;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

use super::header::bounded;
pub use super::header::{Header, Undecodable};

/// Largest frame a peer may send (NATS's `max_payload` in HarperDB is 64 MiB).
pub const MAX_FRAME_BYTES: usize = 64 * 1024 * 1024;
/// Largest frame read during the handshake. Handshake frames are a few
/// hundred bytes, and a peer that has not yet proved it knows the cluster
/// password must not make this node buffer [`MAX_FRAME_BYTES`] per connection.
pub const MAX_HANDSHAKE_FRAME_BYTES: usize = 64 * 1024;
/// Most records, pairs or names one gossip frame may carry: a peer's list
/// longer than this stops decoding at the next item (the frame is skipped,
/// see `link`), so a hostile list costs its sender, not this node.
pub const MAX_GOSSIP_ITEMS: usize = 65_536;
/// Bytes of a frame body read at a time (so a slow large frame shows progress
/// and its buffer grows only as it arrives).
const READ_CHUNK_BYTES: usize = 64 * 1024;

/// Why a link was refused (sent in the handshake, shown in status): the
/// operation catalogue's type, so the CLI reads the same names.
pub use harper_rpc::ops::Refusal;

/// What a node tells the mesh about itself (gossiped to every node); the
/// catalogue's type, as `cluster_mesh_status` lists members.
pub use harper_rpc::ops::MeshMember as Member;

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
    /// A hop could not forward the request with this id, or its answer:
    /// nobody to deliver to, or (with a reason) the message could not be
    /// carried (too large, not decodable, a full link).
    NoRoute {
        /// The request's id.
        id: u64,
        /// Why, when it was not just the lack of a route.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
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
        /// Bytes the sender has read from this link so far (how the other
        /// side tells a peer that reads slowly from one that does not read).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        read: Option<u64>,
    },
    /// Heartbeat answer.
    Pong {
        /// The ping's sequence number.
        seq: u64,
        /// As in `Ping`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        read: Option<u64>,
    },
    /// Gossip: a hash of everything the sender knows about the mesh.
    Digest {
        /// The hash.
        digest: u64,
    },
    /// Gossip: member records newer than the receiver's (at most
    /// [`MAX_GOSSIP_ITEMS`]; more do not decode).
    Members {
        /// Member records.
        #[serde(deserialize_with = "at_most")]
        members: Vec<Member>,
    },
    /// Gossip, when digests differ: every name the sender knows with its
    /// incarnation, so the receiver sends only newer records and asks for
    /// the ones it lacks (at most [`MAX_GOSSIP_ITEMS`]; more do not decode).
    Versions {
        /// (name, incarnation) pairs.
        #[serde(deserialize_with = "at_most")]
        versions: Vec<(String, u64)>,
    },
    /// Gossip: the records the sender asks for (at most [`MAX_GOSSIP_ITEMS`]).
    Want {
        /// Node names.
        #[serde(deserialize_with = "at_most")]
        names: Vec<String>,
    },
    /// A routed message.
    Envelope(Envelope),
}

/// A list of at most [`MAX_GOSSIP_ITEMS`]: decoding stops at the first item beyond.
fn at_most<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct Bounded<T>(std::marker::PhantomData<T>);
    impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for Bounded<T> {
        type Value = Vec<T>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            write!(f, "a list of at most {MAX_GOSSIP_ITEMS} items")
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
            while let Some(item) = seq.next_element()? {
                if out.len() == MAX_GOSSIP_ITEMS {
                    return Err(serde::de::Error::custom(format!(
                        "more than {MAX_GOSSIP_ITEMS} items in a gossip list"
                    )));
                }
                out.push(item);
            }
            Ok(out)
        }
    }
    d.deserialize_seq(Bounded(std::marker::PhantomData))
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

/// Read one frame; an oversized or undecodable frame is an error (used where
/// any bad frame ends the connection: the handshake and test clients).
pub async fn read_frame<R: AsyncRead + Unpin>(r: &mut R) -> std::io::Result<Frame> {
    read_frame_within(r, MAX_FRAME_BYTES).await
}

/// Read one frame of at most `max` bytes; a longer one is refused at its
/// length, before any of it is buffered.
pub async fn read_frame_within<R: AsyncRead + Unpin>(
    r: &mut R,
    max: usize,
) -> std::io::Result<Frame> {
    let buf = read_frame_bytes(r, max, |_| {}).await?;
    serde_json::from_slice(&buf).map_err(|e| {
        std::io::Error::new(std::io::ErrorKind::InvalidData, format!("bad frame: {e}"))
    })
}

/// Why a frame of `len` bytes is refused. A length whose bytes are the start
/// of HTTP (`HTTP`, `GET `, `POST`, ...) is not a frame: the other side is an
/// HTTP server (or client), most likely the operations port given as a route.
fn oversized(len: usize, max: usize) -> String {
    const HTTP_STARTS: [&[u8; 4]; 6] = [b"HTTP", b"GET ", b"POST", b"PUT ", b"HEAD", b"OPTI"];
    let first = (len as u32).to_be_bytes();
    if HTTP_STARTS.contains(&&first) {
        return "the other side speaks HTTP: this looks like an operations (HTTP) port, not a cluster port (clustering.hubServer.cluster.network.port, 9932 by default)".to_owned();
    }
    format!("frame of {len} bytes exceeds the {max}-byte limit")
}

/// Read one frame's bytes (without its length prefix), at most `max` of
/// them. A longer frame is refused at its length; the buffer grows as bytes
/// arrive, so a peer that announces a large frame and sends little of it
/// makes this node hold only what it sent. `progress` is called with the
/// bytes received so far: 0 once the length is read, then after each read.
pub async fn read_frame_bytes<R: AsyncRead + Unpin>(
    r: &mut R,
    max: usize,
    mut progress: impl FnMut(usize),
) -> std::io::Result<Vec<u8>> {
    let len = r.read_u32().await? as usize;
    if len > max {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            oversized(len, max),
        ));
    }
    progress(0);
    let mut buf: Vec<u8> = Vec::with_capacity(len.min(READ_CHUNK_BYTES));
    while buf.len() < len {
        let start = buf.len();
        let want = (len - start).min(READ_CHUNK_BYTES);
        if buf.capacity() < start + want {
            let grown = (buf.capacity() * 2).clamp(start + want, len);
            buf.reserve_exact(grown - start);
        }
        buf.resize(start + want, 0);
        let n = r.read(&mut buf[start..]).await?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        buf.truncate(start + n);
        progress(buf.len());
    }
    Ok(buf)
}

/// Decode a frame's bytes; when they do not decode, say why and keep what
/// can be read of them (see [`Header`]).
pub fn decode(bytes: &[u8]) -> Result<Frame, Box<Undecodable>> {
    serde_json::from_slice(bytes).map_err(|e| {
        Box::new(Undecodable {
            header: Header::read(bytes),
            reason: bounded(&e.to_string()),
            bytes: bytes.len(),
        })
    })
}

/// A frame that does not fit the frame limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{bytes} bytes, above the {} MiB frame limit", MAX_FRAME_BYTES / (1024 * 1024))]
pub struct TooLarge {
    /// Its encoded length.
    pub bytes: usize,
}

/// A frame encoded for the wire: the 4-byte big-endian length, then the JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Encoded(Vec<u8>);

impl Encoded {
    /// Length of the JSON (what the length prefix says).
    pub fn len(&self) -> usize {
        self.0.len() - 4
    }

    /// True for an empty frame (never produced by [`encode`]).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The bytes to write, length prefix included.
    pub fn wire(&self) -> &[u8] {
        &self.0
    }
}

/// Encode a frame, refusing one above [`MAX_FRAME_BYTES`] (that a peer
/// would refuse). Beyond the limit the bytes are only counted, not kept, so
/// an answer far too large costs no memory beyond its own.
pub fn encode(frame: &Frame) -> Result<Encoded, TooLarge> {
    let mut out = Capped {
        buf: vec![0; 4],
        total: 0,
    };
    serde_json::to_writer(&mut out, frame).expect("frames serialise to a writer that never fails");
    if out.total > MAX_FRAME_BYTES {
        return Err(TooLarge { bytes: out.total });
    }
    let len = u32::try_from(out.total).expect("within the frame limit");
    out.buf[..4].copy_from_slice(&len.to_be_bytes());
    Ok(Encoded(out.buf))
}

/// A buffer that keeps bytes up to the frame limit and only counts the rest.
struct Capped {
    buf: Vec<u8>,
    total: usize,
}

impl std::io::Write for Capped {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.total += b.len();
        if self.total <= MAX_FRAME_BYTES {
            self.buf.extend_from_slice(b);
        } else if !self.buf.is_empty() {
            self.buf = Vec::new();
        }
        Ok(b.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Write an encoded frame, `chunk` bytes at a time, calling `progress` with
/// the length of each piece written (so a peer that stops reading shows as
/// a writer that stops making progress, even in the middle of a large
/// frame). Does not flush.
pub async fn write_encoded<W: AsyncWrite + Unpin>(
    w: &mut W,
    frame: &Encoded,
    chunk: usize,
    mut progress: impl FnMut(usize),
) -> std::io::Result<()> {
    for piece in frame.wire().chunks(chunk.max(1)) {
        w.write_all(piece).await?;
        progress(piece.len());
    }
    Ok(())
}

/// Write one frame and flush; a frame above the limit is an error.
pub async fn write_frame<W: AsyncWrite + Unpin>(w: &mut W, frame: &Frame) -> std::io::Result<()> {
    let e = encode(frame).map_err(|e| {
        std::io::Error::new(std::io::ErrorKind::InvalidInput, format!("frame of {e}"))
    })?;
    w.write_all(e.wire()).await?;
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

    #[tokio::test]
    async fn an_http_answer_is_named_as_the_wrong_port() {
        let (mut a, mut b) = tokio::io::duplex(1 << 16);
        a.write_all(b"HTTP/1.1 400 Bad Request\r\n\r\n")
            .await
            .unwrap();
        let e = read_frame_within(&mut b, MAX_HANDSHAKE_FRAME_BYTES)
            .await
            .unwrap_err();
        assert!(
            e.to_string()
                .contains("operations (HTTP) port, not a cluster port"),
            "{e}"
        );
    }

    #[test]
    fn an_answer_above_the_limit_is_measured_not_kept() {
        let big = "x".repeat(MAX_FRAME_BYTES);
        let f = Frame::Envelope(Envelope {
            from: "a".into(),
            to: "b".into(),
            ttl: 8,
            body: Body::Response {
                id: 1,
                result: Ok(serde_json::json!(big)),
            },
        });
        let e = encode(&f).unwrap_err();
        assert!(e.bytes > MAX_FRAME_BYTES, "{e}");
        assert!(
            e.to_string().ends_with("above the 64 MiB frame limit"),
            "{e}"
        );
        let ping = Frame::Ping {
            seq: 3,
            read: Some(9),
        };
        let small = encode(&ping).unwrap();
        assert_eq!(small.len() + 4, small.wire().len());
        assert_eq!(decode(&small.wire()[4..]).unwrap(), ping);
        // A heartbeat without a report (an older peer) still decodes.
        let old = decode(br#"{"t":"pong","seq":4}"#).unwrap();
        assert_eq!(old, Frame::Pong { seq: 4, read: None });
    }

    #[test]
    fn an_undecodable_frame_says_why_and_what_it_was() {
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        let frame = format!(
            r#"{{"t":"envelope","from":"b","to":"a","ttl":16,"body":{{"k":"request","id":9,"payload":{deep}}}}}"#
        );
        let u = decode(frame.as_bytes()).unwrap_err();
        assert!(u.reason.contains("recursion limit exceeded"), "{u:?}");
        assert_eq!(
            (u.header.kind.as_deref(), u.header.id),
            (Some("request"), Some(9))
        );
        assert_eq!(u.bytes, frame.len());
        let u = decode(br#"{"t":"ping","seq":"one"}"#).unwrap_err();
        assert!(u.reason.contains("invalid type"), "{u:?}");
        assert_eq!(u.header.t.as_deref(), Some("ping"));
    }

    #[test]
    fn a_gossip_list_beyond_the_bound_stops_decoding() {
        let ok = Frame::Versions {
            versions: vec![("a".into(), 1); MAX_GOSSIP_ITEMS],
        };
        let bytes = encode(&ok).unwrap();
        assert_eq!(decode(&bytes.wire()[4..]).unwrap(), ok);
        let mut huge = String::from(r#"{"t":"want","names":["#);
        huge.push_str(&vec![r#""x""#; MAX_GOSSIP_ITEMS + 1].join(","));
        huge.push_str("]}");
        let u = decode(huge.as_bytes()).unwrap_err();
        assert!(u.reason.contains("more than 65536 items"), "{u:?}");
        assert_eq!(u.header.t.as_deref(), Some("want"));
    }

    #[tokio::test]
    async fn a_frame_is_read_as_it_arrives() {
        let (mut a, mut b) = tokio::io::duplex(1 << 16);
        let f = encode(&Frame::Digest { digest: 5 }).unwrap();
        let w = tokio::spawn(async move {
            write_encoded(&mut a, &f, 3, |_| {}).await.unwrap();
            a
        });
        let mut seen = Vec::new();
        let bytes = read_frame_bytes(&mut b, MAX_FRAME_BYTES, |n| seen.push(n))
            .await
            .unwrap();
        drop(w.await.unwrap());
        assert_eq!(decode(&bytes).unwrap(), Frame::Digest { digest: 5 });
        assert_eq!(seen.first(), Some(&0));
        assert_eq!(seen.last(), Some(&bytes.len()));
        // A frame cut short is an end of file, not a frame.
        let (mut a, mut b) = tokio::io::duplex(1 << 16);
        a.write_u32(100).await.unwrap();
        a.write_all(b"{\"t\"").await.unwrap();
        drop(a);
        let e = read_frame_bytes(&mut b, MAX_FRAME_BYTES, |_| {})
            .await
            .unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::UnexpectedEof);
    }
}
