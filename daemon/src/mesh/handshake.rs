//! The link handshake, after TLS: mesh protocol 2. Both nodes prove that
//! they know the cluster user and password by a password-authenticated key
//! exchange (SPAKE2, see `pake`) bound to the TLS session, and neither
//! reveals anything about itself (node name, instance, version, cluster name)
//! before the other has proven the password.
//!
//! ```text
//! dialer                                              listener
//!   Hello   { protocol: 2, pake: X }             ->
//!                                                <-   Pake    { pake: Y, proof: MAC_L }
//!   (checks MAC_L: the listener knows the password)
//!   Confirm { proof: MAC_D(claims), node, instance, version, cluster } ->
//!                        (checks MAC_D, then cluster name, node name, duplicates)
//!                                                <-   Welcome { node, instance, version, MAC_W }
//!   (checks MAC_W, node name, duplicates)
//!   Ready                                        ->
//! ```
//!
//! Why nobody can test passwords offline, from either side:
//! - SPAKE2 gives each side a key K computed from its own password and
//!   ephemeral secret and the other side's message. The keys match only when
//!   the passwords do. The MAC keys come from K and a hash of the TLS exporter
//!   value and both messages, so every MAC is bound to this TLS session.
//! - An attacker that dials sends X = x·G + M·g for a guess g it chose. The
//!   listener answers Y = y·G + N·w (w: the real password) and MAC_L under its
//!   K = y·(X − M·w). The attacker can compute K only for w = g, as x·(Y − N·g).
//!   To test another candidate c offline it would need y·M·(g − c), that is,
//!   Diffie-Hellman of Y − N·c and M: the computational Diffie-Hellman
//!   problem in the Ed25519 group. So MAC_L, although the listener sends it
//!   before the dialer has proven anything, confirms or refutes exactly the
//!   one guess the attacker committed to in X: one online guess per
//!   connection, and nothing to take away. The same holds the other way for
//!   an attacker that listens (on a route's address): the dialer's MAC_D is
//!   keyed by its K and tests only the attacker's one guess (and the dialer
//!   sends it only after MAC_L verified, so an attacker listener gets nothing
//!   at all).
//! - A connection gets one exchange: any frame out of order ends it (a
//!   second `Hello` is a protocol error), so a second guess needs a new
//!   connection, and new connections from an address that keeps failing are
//!   throttled (`throttle`).
//!
//! What each side learns, and so what a refusal may say:
//! - Before the other side's proof: nothing but the protocol version. A wrong
//!   password (or cluster user: both go into the key) shows on both sides as
//!   "wrong cluster credentials", with no name. Each side's own status and log
//!   say which cluster user it uses, so an operator can compare two nodes.
//! - After it: names, versions and cluster names. A node with the right
//!   password learns "duplicate node name" or "cluster name mismatch" (both
//!   clusters named, the names are not secret from a cluster member).
//! - An old-protocol peer: protocol 2's `Hello` keeps protocol 1's fields
//!   (empty), so a protocol-1 node decodes it and refuses it saying the node
//!   "speaks mesh protocol 2"; a protocol-2 node refuses a protocol-1 hello
//!   saying so. Both sides see the versions.
//!
//! Every string a peer sends is escaped and clipped before it goes into a
//! message, a log line or status ([`peer_text`]).

use std::borrow::Cow;

use harper_rpc::NodeName;
use tokio::io::{AsyncRead, AsyncWrite};

use super::frame::{
    ANONYMOUS, Frame, MAX_HANDSHAKE_FRAME_BYTES, Refusal, read_frame_within, write_frame,
};
use super::pake::{Claims, Exchange, Keys, PAKE_MESSAGE_BYTES, PROOF_BYTES, Role, Secret};

/// The mesh protocol version; both ends must speak the same.
pub const MESH_PROTOCOL: u32 = 2;
/// Label for TLS keying-material export (RFC 5705).
pub const EXPORTER_LABEL: &[u8] = b"EXPORTER-harper-mesh-v2";
/// Longest peer-provided name kept in a message, log line or status (chars).
pub const MAX_PEER_NAME_CHARS: usize = 128;
/// Longest peer-provided refusal message kept (chars).
pub const MAX_PEER_MESSAGE_CHARS: usize = 512;
/// Longest field a proven peer may claim (node name, instance, version,
/// cluster name; bytes). Longer is refused, not clipped: these are identities.
pub const MAX_CLAIM_BYTES: usize = 256;

/// What a refusal says to a peer that has not proven the password.
const WIRE_WRONG_CREDENTIALS: &str =
    "the cluster user or password differs (they must be the same on every node)";

/// Who this node is on the mesh.
#[derive(Clone)]
pub struct Identity {
    /// Node name.
    pub node: String,
    /// Installation id.
    pub instance: String,
    /// Cluster name.
    pub cluster: String,
    /// Cluster user name.
    pub user: String,
    /// The SPAKE2 input derived from the cluster user and password.
    pub secret: Secret,
}

impl std::fmt::Debug for Identity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Identity")
            .field("node", &self.node)
            .field("instance", &self.instance)
            .field("cluster", &self.cluster)
            .field("user", &self.user)
            .finish_non_exhaustive()
    }
}

impl Identity {
    /// This node's identity; the password is kept only as the SPAKE2 input.
    pub fn new(node: &str, instance: &str, cluster: &str, user: &str, password: &str) -> Identity {
        Identity {
            node: node.to_owned(),
            instance: instance.to_owned(),
            cluster: cluster.to_owned(),
            user: user.to_owned(),
            secret: Secret::new(user, password),
        }
    }

    fn claims(&self) -> Claims<'_> {
        Claims {
            node: &self.node,
            instance: &self.instance,
            version: harper_rpc::VERSION,
            cluster: &self.cluster,
        }
    }
}

/// The other end of a link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Peer {
    /// Its node name.
    pub node: String,
    /// Its installation id.
    pub instance: String,
    /// Its program version.
    pub version: String,
}

/// Why a handshake did not complete.
#[derive(Debug, thiserror::Error)]
pub enum HandshakeError {
    /// One side refused the link.
    #[error("{}: {message}", reason.describe())]
    Refused {
        /// Why.
        reason: Refusal,
        /// Details (peer-provided parts escaped and clipped).
        message: String,
        /// True when the other side refused us (false: we refused it).
        by_peer: bool,
        /// The other node's name: set only once it proved the password.
        peer: Option<String>,
    },
    /// The connection failed or the peer spoke something else.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// The peer broke the handshake protocol.
    #[error("protocol error: {0}")]
    Protocol(String),
}

impl HandshakeError {
    /// The refusal reason (if any), the peer's name (if it proved the
    /// password), and a sentence for status and logs from this node's view.
    pub fn explain(&self) -> (Option<Refusal>, Option<String>, String) {
        match self {
            HandshakeError::Refused {
                reason,
                message,
                by_peer,
                peer,
            } => {
                let text = if *by_peer {
                    let who = peer
                        .as_deref()
                        .map(|p| format!("node '{p}'"))
                        .unwrap_or_else(|| "the other node".into());
                    format!("{} (refused by {who}): {message}", reason.describe())
                } else {
                    format!("{}: {message}", reason.describe())
                };
                (Some(*reason), peer.clone(), text)
            }
            other => (
                None,
                None,
                peer_text(&other.to_string(), MAX_PEER_MESSAGE_CHARS).into_owned(),
            ),
        }
    }

    /// True when the peer proved the password before the handshake failed
    /// (it is then not a guess, and not throttled).
    pub fn peer_proved_password(&self) -> bool {
        matches!(self, HandshakeError::Refused { peer: Some(_), .. })
    }
}

/// A check of the peer's identity by the caller (duplicate names), run on
/// both sides once the peer proved the password.
pub type PeerCheck<'a> = &'a (dyn Fn(&Peer) -> Result<(), (Refusal, String)> + Send + Sync);

/// Text from a peer made safe to log and show: control, bidi and zero-width
/// characters escaped (`harper_rpc::text::printable`), and at most `max`
/// characters kept.
pub fn peer_text(s: &str, max: usize) -> Cow<'_, str> {
    harper_rpc::text::printable_clipped(s, max)
}

fn name(s: &str) -> Cow<'_, str> {
    peer_text(s, MAX_PEER_NAME_CHARS)
}

/// Every handshake read is bounded by [`MAX_HANDSHAKE_FRAME_BYTES`]: the
/// peer has not authenticated yet.
async fn read_frame<S: AsyncRead + Unpin>(s: &mut S) -> std::io::Result<Frame> {
    read_frame_within(s, MAX_HANDSHAKE_FRAME_BYTES).await
}

/// Lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Bytes from hex.
pub fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

/// Decode a hex field of exactly `len` bytes.
fn field(s: &str, len: usize, what: &str) -> Result<Vec<u8>, String> {
    match unhex(s) {
        Some(b) if b.len() == len => Ok(b),
        _ => Err(format!("bad {what}: expected {len} bytes of hex")),
    }
}

/// The first frame of protocol 2.
pub fn hello(pake: &[u8]) -> Frame {
    Frame::Hello {
        protocol: MESH_PROTOCOL,
        pake: hex(pake),
        version: String::new(),
        cluster: String::new(),
        node: ANONYMOUS.to_owned(),
        instance: String::new(),
        user: String::new(),
        nonce: String::new(),
    }
}

/// How this node explains a wrong password or user, in its own status and
/// log (never sent: the other side has not proven anything).
fn wrong_credentials(me: &Identity) -> String {
    format!(
        "the two nodes do not have the same cluster user and password (this node uses cluster user '{}'; the user and password must be the same on every node)",
        me.user
    )
}

/// Send a refusal with `wire` as its message and fail with `own` (this
/// node's explanation, which may say more than the peer is entitled to).
async fn refuse<S: AsyncWrite + Unpin>(
    s: &mut S,
    peer: Option<&str>,
    reason: Refusal,
    wire: &str,
    own: String,
) -> HandshakeError {
    let _ = write_frame(
        s,
        &Frame::Refused {
            reason,
            message: wire.to_owned(),
        },
    )
    .await;
    HandshakeError::Refused {
        reason,
        message: own,
        by_peer: false,
        peer: peer.map(str::to_owned),
    }
}

/// Refuse a peer whose confirmation did not verify: it learns only that.
async fn refuse_wrong_credentials<S: AsyncWrite + Unpin>(
    s: &mut S,
    me: &Identity,
) -> HandshakeError {
    let own = wrong_credentials(me);
    refuse(
        s,
        None,
        Refusal::WrongCredentials,
        WIRE_WRONG_CREDENTIALS,
        own,
    )
    .await
}

/// What a refusal of a route back to this node itself says: it is shown on
/// the route, not kept as a refused node ([`super::Inner::record`]).
pub const ROUTE_TO_ITSELF: &str = "this route leads back to this node itself";

fn route_to_itself(me: &Identity) -> String {
    format!(
        "{ROUTE_TO_ITSELF} ('{}'); remove it with harper route remove HOST:PORT",
        me.node
    )
}

/// Refuse a peer that has proven the password: it may read what we log.
async fn refuse_proven<S: AsyncWrite + Unpin>(
    s: &mut S,
    peer: Option<&str>,
    reason: Refusal,
    message: String,
) -> HandshakeError {
    refuse(s, peer, reason, &message.clone(), message).await
}

/// A protocol error: the peer is told (briefly) and the handshake ends.
async fn protocol_error<S: AsyncWrite + Unpin>(s: &mut S, what: String) -> HandshakeError {
    let _ = write_frame(
        s,
        &Frame::Refused {
            reason: Refusal::Other,
            message: format!("protocol error: {what}"),
        },
    )
    .await;
    HandshakeError::Protocol(what)
}

/// A refusal from a peer. Before it proved the password only the reasons it
/// could honestly have are kept, and a wrong password is explained in this
/// node's words; after, its reason and (escaped) message are shown.
fn refused_by_peer(
    me: &Identity,
    proven: bool,
    peer: Option<&str>,
    reason: Refusal,
    message: &str,
) -> HandshakeError {
    let message = peer_text(message, MAX_PEER_MESSAGE_CHARS).into_owned();
    let (reason, message) = match reason {
        _ if proven => (reason, message),
        Refusal::WrongCredentials => (reason, wrong_credentials(me)),
        Refusal::VersionMismatch => (reason, message),
        _ => (Refusal::Other, message),
    };
    HandshakeError::Refused {
        reason,
        message,
        by_peer: true,
        peer: peer.map(str::to_owned),
    }
}

fn unexpected(f: &Frame) -> String {
    let name = serde_json::to_value(f)
        .ok()
        .and_then(|v| v.get("t").and_then(|t| t.as_str()).map(str::to_owned))
        .unwrap_or_default();
    format!("unexpected '{name}' frame during the handshake")
}

/// Check what a proven peer says about itself: a valid node name without
/// control or invisible characters (it goes into every status and log line
/// about the node), and no field longer than [`MAX_CLAIM_BYTES`].
fn check_claims(c: &Claims) -> Result<(), String> {
    if !NodeName::is_valid(c.node)
        || c.node.len() > MAX_CLAIM_BYTES
        || c.node.chars().any(harper_rpc::text::is_unsafe_char)
    {
        return Err(format!(
            "'{}' is not a valid node name (at most {MAX_CLAIM_BYTES} bytes of printable characters; no whitespace, '.', ',', '*' or '>')",
            name(c.node)
        ));
    }
    for (what, v) in [
        ("instance id", c.instance),
        ("version", c.version),
        ("cluster name", c.cluster),
    ] {
        if v.len() > MAX_CLAIM_BYTES {
            return Err(format!(
                "node '{}' sent a {what} of {} bytes (at most {MAX_CLAIM_BYTES})",
                c.node,
                v.len()
            ));
        }
    }
    Ok(())
}

/// Run the dialing side of the handshake.
pub async fn dial<S: AsyncRead + AsyncWrite + Unpin>(
    s: &mut S,
    me: &Identity,
    binding: &[u8],
    check: PeerCheck<'_>,
) -> Result<Peer, HandshakeError> {
    let exchange = Exchange::start(Role::Dialer, &me.secret);
    write_frame(s, &hello(exchange.message())).await?;
    let (pake, proof) = match read_frame(s).await? {
        Frame::Pake { pake, proof } => (pake, proof),
        Frame::Refused { reason, message } => {
            return Err(refused_by_peer(me, false, None, reason, &message));
        }
        other => return Err(protocol_error(s, unexpected(&other)).await),
    };
    let keys = match field(&pake, PAKE_MESSAGE_BYTES, "key exchange message")
        .and_then(|y| exchange.finish(&y, binding).map_err(|e| e.to_string()))
    {
        Ok(k) => k,
        Err(e) => return Err(protocol_error(s, e).await),
    };
    let proven = field(&proof, PROOF_BYTES, "proof").is_ok_and(|p| keys.verify_listener(&p));
    if !proven {
        return Err(refuse_wrong_credentials(s, me).await);
    }
    // The listener knows the password: tell it who we are.
    let mine = me.claims();
    write_frame(
        s,
        &Frame::Confirm {
            proof: hex(&keys.dialer_proof(&mine)),
            node: me.node.clone(),
            instance: me.instance.clone(),
            version: harper_rpc::VERSION.to_owned(),
            cluster: me.cluster.clone(),
        },
    )
    .await?;
    let peer = match read_frame(s).await? {
        Frame::Welcome {
            node,
            instance,
            version,
            proof,
        } => {
            let theirs = Claims {
                node: &node,
                instance: &instance,
                version: &version,
                cluster: &me.cluster,
            };
            let ok = field(&proof, PROOF_BYTES, "proof")
                .is_ok_and(|p| keys.verify_welcome(&mine, &theirs, &p));
            if !ok {
                return Err(protocol_error(s, "the welcome's proof does not verify".into()).await);
            }
            if let Err(why) = check_claims(&theirs) {
                return Err(refuse_proven(s, None, Refusal::Other, why).await);
            }
            Peer {
                node,
                instance,
                version,
            }
        }
        Frame::Refused { reason, message } => {
            return Err(refused_by_peer(me, true, None, reason, &message));
        }
        other => return Err(protocol_error(s, unexpected(&other)).await),
    };
    if peer.node == me.node {
        let msg = if peer.instance == me.instance {
            route_to_itself(me)
        } else {
            format!("node '{}' dialled a node with its own name", me.node)
        };
        return Err(refuse_proven(s, Some(&peer.node), Refusal::DuplicateNodeName, msg).await);
    }
    if let Err((reason, message)) = check(&peer) {
        return Err(refuse_proven(s, Some(&peer.node), reason, message).await);
    }
    write_frame(s, &Frame::Ready).await?;
    Ok(peer)
}

/// Read the dialer's hello: its SPAKE2 message, or a refusal for another
/// protocol version.
async fn read_hello<S: AsyncRead + AsyncWrite + Unpin>(
    s: &mut S,
) -> Result<Vec<u8>, HandshakeError> {
    let (protocol, pake, node) = match read_frame(s).await? {
        Frame::Hello {
            protocol,
            pake,
            node,
            ..
        } => (protocol, pake, node),
        other => return Err(protocol_error(s, unexpected(&other)).await),
    };
    if protocol != MESH_PROTOCOL {
        let who = if node.is_empty() || node == ANONYMOUS {
            "the other node".to_owned()
        } else {
            format!("the other node (calling itself '{}')", name(&node))
        };
        let msg = format!(
            "{who} speaks mesh protocol {protocol}, this node speaks {MESH_PROTOCOL}: run the same harper version on every node"
        );
        return Err(refuse_proven(s, None, Refusal::VersionMismatch, msg).await);
    }
    match field(&pake, PAKE_MESSAGE_BYTES, "key exchange message") {
        Ok(x) => Ok(x),
        Err(e) => Err(protocol_error(s, e).await),
    }
}

/// Run the listening side of the handshake.
pub async fn accept<S: AsyncRead + AsyncWrite + Unpin>(
    s: &mut S,
    me: &Identity,
    binding: &[u8],
    check: PeerCheck<'_>,
) -> Result<Peer, HandshakeError> {
    // Our SPAKE2 message does not depend on the hello: compute it first.
    let exchange = Exchange::start(Role::Listener, &me.secret);
    let x = read_hello(s).await?;
    let y = exchange.message().to_vec();
    let keys: Keys = match exchange.finish(&x, binding) {
        Ok(k) => k,
        Err(e) => return Err(protocol_error(s, e.to_string()).await),
    };
    write_frame(
        s,
        &Frame::Pake {
            pake: hex(&y),
            proof: hex(&keys.listener_proof()),
        },
    )
    .await?;
    let (proof, node, instance, version, cluster) = match read_frame(s).await? {
        Frame::Confirm {
            proof,
            node,
            instance,
            version,
            cluster,
        } => (proof, node, instance, version, cluster),
        Frame::Refused { reason, message } => {
            return Err(refused_by_peer(me, false, None, reason, &message));
        }
        other => return Err(protocol_error(s, unexpected(&other)).await),
    };
    let theirs = Claims {
        node: &node,
        instance: &instance,
        version: &version,
        cluster: &cluster,
    };
    let proven = field(&proof, PROOF_BYTES, "proof").is_ok_and(|p| keys.verify_dialer(&theirs, &p));
    if !proven {
        return Err(refuse_wrong_credentials(s, me).await);
    }
    // The dialer knows the password: from here on it may learn who we are.
    if let Err(why) = check_claims(&theirs) {
        return Err(refuse_proven(s, None, Refusal::Other, why).await);
    }
    if cluster != me.cluster {
        let msg = format!(
            "node '{node}' is in cluster '{}', node '{}' is in cluster '{}' (clustering.hubServer.cluster.name must be the same on every node)",
            name(&cluster),
            me.node,
            me.cluster
        );
        return Err(refuse_proven(s, Some(&node), Refusal::ClusterNameMismatch, msg).await);
    }
    let peer = Peer {
        node,
        instance,
        version,
    };
    if peer.node == me.node {
        let msg = if peer.instance == me.instance {
            route_to_itself(me)
        } else {
            format!("node name '{}' is already used by this node", me.node)
        };
        return Err(refuse_proven(s, Some(&peer.node), Refusal::DuplicateNodeName, msg).await);
    }
    if let Err((reason, message)) = check(&peer) {
        return Err(refuse_proven(s, Some(&peer.node), reason, message).await);
    }
    let dialer = Claims {
        node: &peer.node,
        instance: &peer.instance,
        version: &peer.version,
        cluster: &me.cluster,
    };
    let mine = me.claims();
    write_frame(
        s,
        &Frame::Welcome {
            node: me.node.clone(),
            instance: me.instance.clone(),
            version: harper_rpc::VERSION.to_owned(),
            proof: hex(&keys.welcome_proof(&dialer, &mine)),
        },
    )
    .await?;
    match read_frame(s).await? {
        Frame::Ready => Ok(peer),
        Frame::Refused { reason, message } => Err(refused_by_peer(
            me,
            true,
            Some(&peer.node),
            reason,
            &message,
        )),
        other => Err(protocol_error(s, unexpected(&other)).await),
    }
}

#[cfg(test)]
#[path = "handshake_tests.rs"]
mod tests;
