//! The link handshake, after TLS: protocol version, cluster name, node names
//! and instance ids, and a mutual proof that both sides know the cluster
//! user's password. The password never crosses the wire: each side sends an
//! HMAC over both nonces, both names and the TLS session's exported keying
//! material, so a relay between two TLS sessions cannot reuse a proof.

use ring::hmac;
use tokio::io::{AsyncRead, AsyncWrite};

use super::frame::{Frame, MAX_HANDSHAKE_FRAME_BYTES, Refusal, read_frame_within, write_frame};

/// The mesh protocol version; both ends must speak the same.
pub const MESH_PROTOCOL: u32 = 1;
/// Label for TLS keying-material export (RFC 5705).
pub const EXPORTER_LABEL: &[u8] = b"EXPORTER-harper-mesh-v1";

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
    /// Key derived from the cluster user and password.
    pub key: hmac::Key,
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
    /// Derive the proof key from the cluster credentials.
    pub fn new(node: &str, instance: &str, cluster: &str, user: &str, password: &str) -> Identity {
        let mut seed = ring::digest::Context::new(&ring::digest::SHA256);
        for part in ["harper-cluster-v1", user, password] {
            seed.update(part.as_bytes());
            seed.update(&[0]);
        }
        Identity {
            node: node.to_owned(),
            instance: instance.to_owned(),
            cluster: cluster.to_owned(),
            user: user.to_owned(),
            key: hmac::Key::new(hmac::HMAC_SHA256, seed.finish().as_ref()),
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
        /// Details.
        message: String,
        /// True when the other side refused us (false: we refused it).
        by_peer: bool,
        /// The other node's name, when it got as far as saying it.
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
    /// The refusal reason (if any), the peer's name (if known), and a sentence
    /// for status and logs written from this node's point of view.
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
            other => (None, None, other.to_string()),
        }
    }
}

/// A check of the peer's identity by the caller (duplicate names), run on both sides.
pub type PeerCheck<'a> = &'a (dyn Fn(&Peer) -> Result<(), (Refusal, String)> + Send + Sync);

/// Every handshake read is bounded by [`MAX_HANDSHAKE_FRAME_BYTES`]: the
/// peer has not authenticated yet.
async fn read_frame<S: AsyncRead + Unpin>(s: &mut S) -> std::io::Result<Frame> {
    read_frame_within(s, MAX_HANDSHAKE_FRAME_BYTES).await
}

fn nonce() -> String {
    let mut b = [0u8; 16];
    ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut b)
        .expect("system randomness");
    hex(&b)
}

/// Lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn transcript(
    role: &str,
    cluster: &str,
    dialer: &str,
    listener: &str,
    nd: &str,
    nl: &str,
    binding: &[u8],
) -> Vec<u8> {
    let mut t = Vec::new();
    for part in [role, cluster, dialer, listener, nd, nl] {
        t.extend_from_slice(part.as_bytes());
        t.push(0);
    }
    t.extend_from_slice(binding);
    t
}

fn sign(key: &hmac::Key, transcript: &[u8]) -> String {
    hex(hmac::sign(key, transcript).as_ref())
}

fn verify(key: &hmac::Key, transcript: &[u8], proof_hex: &str) -> bool {
    let Some(proof) = unhex(proof_hex) else {
        return false;
    };
    hmac::verify(key, transcript, &proof).is_ok()
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

/// The refusal for a proof made with another password; it names both nodes
/// because it is shown on both sides.
fn different_passwords(me: &str, peer: &str, user: &str) -> String {
    format!(
        "nodes '{me}' and '{peer}' have different passwords for cluster user '{user}' (the cluster user and password must be the same on every node)"
    )
}

async fn refuse<S: AsyncWrite + Unpin>(
    s: &mut S,
    peer: Option<&str>,
    reason: Refusal,
    message: String,
) -> HandshakeError {
    let _ = write_frame(
        s,
        &Frame::Refused {
            reason,
            message: message.clone(),
        },
    )
    .await;
    HandshakeError::Refused {
        reason,
        message,
        by_peer: false,
        peer: peer.map(str::to_owned),
    }
}

fn refused_by_peer(peer: Option<&str>, reason: Refusal, message: String) -> HandshakeError {
    HandshakeError::Refused {
        reason,
        message,
        by_peer: true,
        peer: peer.map(str::to_owned),
    }
}

fn unexpected(f: &Frame) -> HandshakeError {
    let name = serde_json::to_value(f)
        .ok()
        .and_then(|v| v.get("t").and_then(|t| t.as_str()).map(str::to_owned))
        .unwrap_or_default();
    HandshakeError::Protocol(format!("unexpected '{name}' frame during the handshake"))
}

/// Run the dialing side of the handshake.
pub async fn dial<S: AsyncRead + AsyncWrite + Unpin>(
    s: &mut S,
    me: &Identity,
    binding: &[u8],
    check: PeerCheck<'_>,
) -> Result<Peer, HandshakeError> {
    let nd = nonce();
    write_frame(
        s,
        &Frame::Hello {
            protocol: MESH_PROTOCOL,
            version: harper_rpc::VERSION.to_owned(),
            cluster: me.cluster.clone(),
            node: me.node.clone(),
            instance: me.instance.clone(),
            user: me.user.clone(),
            nonce: nd.clone(),
        },
    )
    .await?;
    let (peer, nl, proof) = match read_frame(s).await? {
        Frame::Challenge {
            node,
            instance,
            version,
            nonce,
            proof,
        } => (
            Peer {
                node,
                instance,
                version,
            },
            nonce,
            proof,
        ),
        Frame::Refused { reason, message } => {
            return Err(refused_by_peer(None, reason, message));
        }
        other => return Err(unexpected(&other)),
    };
    if peer.node == me.node {
        return Err(refuse(
            s,
            Some(&peer.node),
            Refusal::DuplicateNodeName,
            format!("node '{}' dialled a node with its own name", me.node),
        )
        .await);
    }
    let t = transcript(
        "listener",
        &me.cluster,
        &me.node,
        &peer.node,
        &nd,
        &nl,
        binding,
    );
    if !verify(&me.key, &t, &proof) {
        let msg = different_passwords(&me.node, &peer.node, &me.user);
        return Err(refuse(s, Some(&peer.node), Refusal::WrongCredentials, msg).await);
    }
    // Only a node that proved the password learns that a name is taken.
    if let Err((reason, message)) = check(&peer) {
        return Err(refuse(s, Some(&peer.node), reason, message).await);
    }
    let t = transcript(
        "dialer",
        &me.cluster,
        &me.node,
        &peer.node,
        &nd,
        &nl,
        binding,
    );
    write_frame(
        s,
        &Frame::Proof {
            proof: sign(&me.key, &t),
        },
    )
    .await?;
    match read_frame(s).await? {
        Frame::Welcome => Ok(peer),
        Frame::Refused { reason, message } => {
            Err(refused_by_peer(Some(&peer.node), reason, message))
        }
        other => Err(unexpected(&other)),
    }
}

/// Run the listening side of the handshake.
pub async fn accept<S: AsyncRead + AsyncWrite + Unpin>(
    s: &mut S,
    me: &Identity,
    binding: &[u8],
    check: PeerCheck<'_>,
) -> Result<Peer, HandshakeError> {
    let (peer, user, nd) = match read_frame(s).await? {
        Frame::Hello {
            protocol,
            version,
            cluster,
            node,
            instance,
            user,
            nonce,
        } => {
            if protocol != MESH_PROTOCOL {
                let msg = format!(
                    "node '{node}' speaks mesh protocol {protocol}, this node speaks {MESH_PROTOCOL}"
                );
                return Err(refuse(s, Some(&node), Refusal::VersionMismatch, msg).await);
            }
            if cluster != me.cluster {
                let msg = format!(
                    "node '{node}' is in cluster '{cluster}', this node is in '{}'",
                    me.cluster
                );
                return Err(refuse(s, Some(&node), Refusal::ClusterNameMismatch, msg).await);
            }
            (
                Peer {
                    node,
                    instance,
                    version,
                },
                user,
                nonce,
            )
        }
        other => return Err(unexpected(&other)),
    };
    if peer.node == me.node {
        let msg = format!("node name '{}' is already used by this node", me.node);
        return Err(refuse(s, Some(&peer.node), Refusal::DuplicateNodeName, msg).await);
    }
    if user != me.user {
        let msg = format!(
            "node '{}' uses cluster user '{user}', this node uses '{}'",
            peer.node, me.user
        );
        return Err(refuse(s, Some(&peer.node), Refusal::WrongCredentials, msg).await);
    }
    let nl = nonce();
    let t = transcript(
        "listener",
        &me.cluster,
        &peer.node,
        &me.node,
        &nd,
        &nl,
        binding,
    );
    write_frame(
        s,
        &Frame::Challenge {
            node: me.node.clone(),
            instance: me.instance.clone(),
            version: harper_rpc::VERSION.to_owned(),
            nonce: nl.clone(),
            proof: sign(&me.key, &t),
        },
    )
    .await?;
    let proof = match read_frame(s).await? {
        Frame::Proof { proof } => proof,
        Frame::Refused { reason, message } => {
            return Err(refused_by_peer(Some(&peer.node), reason, message));
        }
        other => return Err(unexpected(&other)),
    };
    let t = transcript(
        "dialer",
        &me.cluster,
        &peer.node,
        &me.node,
        &nd,
        &nl,
        binding,
    );
    if !verify(&me.key, &t, &proof) {
        let msg = different_passwords(&me.node, &peer.node, &me.user);
        return Err(refuse(s, Some(&peer.node), Refusal::WrongCredentials, msg).await);
    }
    // Only a node that proved the password learns that a name is taken.
    if let Err((reason, message)) = check(&peer) {
        return Err(refuse(s, Some(&peer.node), reason, message).await);
    }
    write_frame(s, &Frame::Welcome).await?;
    Ok(peer)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(node: &str, password: &str) -> Identity {
        Identity::new(
            node,
            &format!("{node}-i"),
            "harperdb",
            "cluster_user",
            password,
        )
    }

    async fn run(
        a: Identity,
        b: Identity,
    ) -> (Result<Peer, HandshakeError>, Result<Peer, HandshakeError>) {
        let (mut x, mut y) = tokio::io::duplex(1 << 16);
        let ok: PeerCheck<'static> = &|_| Ok(());
        tokio::join!(
            dial(&mut x, &a, b"bind", ok),
            accept(&mut y, &b, b"bind", ok)
        )
    }

    #[tokio::test]
    async fn same_password_links() {
        let (d, l) = run(id("a", "pw"), id("b", "pw")).await;
        assert_eq!(d.unwrap().node, "b");
        assert_eq!(l.unwrap().node, "a");
    }

    #[tokio::test]
    async fn wrong_password_is_refused_on_both_sides() {
        let (d, l) = run(id("a", "pw"), id("b", "other")).await;
        assert!(
            matches!(
                d,
                Err(HandshakeError::Refused {
                    reason: Refusal::WrongCredentials,
                    by_peer: false,
                    ..
                })
            ),
            "{d:?}"
        );
        assert!(
            matches!(
                l,
                Err(HandshakeError::Refused {
                    reason: Refusal::WrongCredentials,
                    by_peer: true,
                    ..
                })
            ),
            "{l:?}"
        );
    }

    #[tokio::test]
    async fn same_name_and_other_cluster_are_refused() {
        let (d, l) = run(id("a", "pw"), id("a", "pw")).await;
        assert!(matches!(
            l,
            Err(HandshakeError::Refused {
                reason: Refusal::DuplicateNodeName,
                ..
            })
        ));
        assert!(matches!(
            d,
            Err(HandshakeError::Refused {
                reason: Refusal::DuplicateNodeName,
                by_peer: true,
                ..
            })
        ));
        let mut other = id("b", "pw");
        other.cluster = "other".into();
        let (d, _) = run(id("a", "pw"), other).await;
        assert!(matches!(
            d,
            Err(HandshakeError::Refused {
                reason: Refusal::ClusterNameMismatch,
                ..
            })
        ));
    }

    #[tokio::test]
    async fn names_in_use_are_checked_only_after_the_password() {
        let taken: PeerCheck<'static> =
            &|p| Err((Refusal::DuplicateNodeName, format!("'{}' is taken", p.node)));
        let ok: PeerCheck<'static> = &|_| Ok(());
        for (password, expected) in [
            ("other", Refusal::WrongCredentials),
            ("pw", Refusal::DuplicateNodeName),
        ] {
            let (mut x, mut y) = tokio::io::duplex(1 << 16);
            let (a, b) = (id("a", password), id("b", "pw"));
            let (d, l) = tokio::join!(
                dial(&mut x, &a, b"bind", ok),
                accept(&mut y, &b, b"bind", taken)
            );
            let reason = |r: &Result<Peer, HandshakeError>| match r {
                Err(HandshakeError::Refused { reason, .. }) => Some(*reason),
                _ => None,
            };
            assert_eq!(reason(&d), Some(expected), "{d:?}");
            assert_eq!(reason(&l), Some(expected), "{l:?}");
        }
    }

    #[tokio::test]
    async fn proofs_are_bound_to_the_tls_session() {
        let (mut x, mut y) = tokio::io::duplex(1 << 16);
        let ok: PeerCheck<'static> = &|_| Ok(());
        let (a, b) = (id("a", "pw"), id("b", "pw"));
        let (d, _) = tokio::join!(dial(&mut x, &a, b"one", ok), accept(&mut y, &b, b"two", ok));
        assert!(matches!(
            d,
            Err(HandshakeError::Refused {
                reason: Refusal::WrongCredentials,
                ..
            })
        ));
    }
}
