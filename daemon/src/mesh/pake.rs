//! The cryptography of the mesh handshake, with no I/O: SPAKE2 over the
//! cluster credentials, a key schedule bound to the TLS session, and the key
//! confirmation MACs each side sends. The flow (who sends what, and when) is
//! in `handshake`, and why it leaves nothing to guess offline is written there.
//!
//! - SPAKE2 (RustCrypto `spake2` 0.4, Ed25519 group) in its two-role form: the
//!   dialer plays A and the listener B. Roles are fixed by who dials, so the
//!   symmetric mode is not needed, and distinct roles mean a message cannot be
//!   reflected back to its sender. The password input is a hash of the
//!   cluster user and password ([`Secret`]), so both must match.
//! - The key schedule: HKDF-SHA256 with the SPAKE2 key as input and, as salt,
//!   a hash of the protocol label, the TLS exporter value and both SPAKE2
//!   messages ([`transcript`]). A relay between two TLS sessions sees two
//!   exporter values, so keys it cannot compute, and no message is reusable
//!   in another session.
//! - One MAC key per direction, so a confirmation cannot be echoed back.

use std::sync::Arc;

use ring::{digest, hkdf, hmac};
use spake2::{Ed25519Group, Identity as SpakeIdentity, Password, Spake2};

/// Bytes of a SPAKE2 message (a side byte and a compressed Ed25519 point).
pub const PAKE_MESSAGE_BYTES: usize = 33;
/// Bytes of a confirmation MAC (HMAC-SHA256).
pub const PROOF_BYTES: usize = 32;
/// Label of protocol 2 in every hash and key derivation.
const LABEL: &[u8] = b"harper-mesh-v2";
/// SPAKE2 identity of the dialer (side A). The node names are bound later,
/// in the confirmations: neither side may reveal its name before the other
/// proves the password.
pub const DIALER_ID: &[u8] = b"harper-mesh-v2 dialer";
/// SPAKE2 identity of the listener (side B).
pub const LISTENER_ID: &[u8] = b"harper-mesh-v2 listener";
/// HKDF info strings of the two confirmation keys.
const DIALER_KEY_INFO: &[u8] = b"harper-mesh-v2 dialer confirmation";
const LISTENER_KEY_INFO: &[u8] = b"harper-mesh-v2 listener confirmation";
/// What the listener's second MAC covers, apart from both identities.
const WELCOME_LABEL: &[u8] = b"welcome";

/// The SPAKE2 password input derived from the cluster user and password.
/// Kept in memory only: never logged, never sent.
#[derive(Clone)]
pub struct Secret(Arc<[u8]>);

impl Secret {
    /// Derive it from the cluster credentials.
    pub fn new(user: &str, password: &str) -> Secret {
        Secret(Arc::from(password_input(user, password)))
    }

    /// A value that changes when the credentials change (to notice a new
    /// password without keeping a second copy of it); not a password hash
    /// that could be tested offline, because it is keyed by the secret itself
    /// and never leaves the process.
    pub fn fingerprint(&self) -> Vec<u8> {
        let key = hmac::Key::new(hmac::HMAC_SHA256, &self.0);
        hmac::sign(&key, b"restart-key").as_ref().to_vec()
    }
}

/// The bytes SPAKE2 takes as its password for `user` and `password`: a
/// length-prefixed SHA-256, so neither field can run into the other. SPAKE2
/// needs no slow hash: nothing derived from it is ever exposed to test
/// guesses against.
pub fn password_input(user: &str, password: &str) -> Vec<u8> {
    let mut h = digest::Context::new(&digest::SHA256);
    for part in [LABEL, user.as_bytes(), password.as_bytes()] {
        h.update(&(part.len() as u64).to_be_bytes());
        h.update(part);
    }
    h.finish().as_ref().to_vec()
}

/// Which side of a handshake we are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// We dialled (SPAKE2 side A).
    Dialer,
    /// We accepted (SPAKE2 side B).
    Listener,
}

/// The other side's SPAKE2 message could not be used.
#[derive(Debug, thiserror::Error)]
#[error("bad key exchange message: {0}")]
pub struct PakeError(String);

/// One side's half-finished exchange.
pub struct Exchange {
    state: Spake2<Ed25519Group>,
    role: Role,
    mine: Vec<u8>,
}

impl Exchange {
    /// Start: our state and the message to send.
    pub fn start(role: Role, secret: &Secret) -> Exchange {
        let password = Password::new(&secret.0);
        let (a, b) = (
            SpakeIdentity::new(DIALER_ID),
            SpakeIdentity::new(LISTENER_ID),
        );
        let (state, mine) = match role {
            Role::Dialer => Spake2::<Ed25519Group>::start_a(&password, &a, &b),
            Role::Listener => Spake2::<Ed25519Group>::start_b(&password, &a, &b),
        };
        Exchange { state, role, mine }
    }

    /// The message to send to the other side.
    pub fn message(&self) -> &[u8] {
        &self.mine
    }

    /// Finish with the other side's message and the TLS exporter value.
    /// Succeeds whatever the other side's password was (SPAKE2 gives each
    /// side a key; they match only if the passwords did): the
    /// confirmations tell.
    pub fn finish(self, theirs: &[u8], binding: &[u8]) -> Result<Keys, PakeError> {
        if theirs.len() != PAKE_MESSAGE_BYTES {
            return Err(PakeError(format!(
                "{} bytes, expected {PAKE_MESSAGE_BYTES}",
                theirs.len()
            )));
        }
        let (dialer, listener) = match self.role {
            Role::Dialer => (self.mine.clone(), theirs.to_vec()),
            Role::Listener => (theirs.to_vec(), self.mine.clone()),
        };
        let key = self
            .state
            .finish(theirs)
            .map_err(|e| PakeError(format!("{e:?}")))?;
        Ok(Keys::derive(&key, binding, &dialer, &listener))
    }
}

/// The hash every key is bound to: the protocol label, the TLS exporter
/// value and both SPAKE2 messages, each length-prefixed.
pub fn transcript(binding: &[u8], dialer_msg: &[u8], listener_msg: &[u8]) -> Vec<u8> {
    let mut h = digest::Context::new(&digest::SHA256);
    for part in [LABEL, binding, dialer_msg, listener_msg] {
        h.update(&(part.len() as u64).to_be_bytes());
        h.update(part);
    }
    h.finish().as_ref().to_vec()
}

/// What a node says about itself once the other side has proven the
/// password; covered by the MAC that carries it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claims<'a> {
    /// Node name.
    pub node: &'a str,
    /// Installation id.
    pub instance: &'a str,
    /// Program version.
    pub version: &'a str,
    /// Cluster name (the dialer's; the listener compares it with its own).
    pub cluster: &'a str,
}

impl Claims<'_> {
    fn encode(&self, out: &mut Vec<u8>) {
        for part in [self.node, self.instance, self.version, self.cluster] {
            out.extend_from_slice(&(part.len() as u64).to_be_bytes());
            out.extend_from_slice(part.as_bytes());
        }
    }
}

/// The two confirmation keys of one session.
pub struct Keys {
    dialer: hmac::Key,
    listener: hmac::Key,
}

/// HKDF output length for a confirmation key.
struct KeyLen;

impl hkdf::KeyType for KeyLen {
    fn len(&self) -> usize {
        PROOF_BYTES
    }
}

fn expand(prk: &hkdf::Prk, info: &[u8]) -> hmac::Key {
    let mut bytes = [0u8; PROOF_BYTES];
    prk.expand(&[info], KeyLen)
        .and_then(|okm| okm.fill(&mut bytes))
        .expect("HKDF-SHA256 can expand 32 bytes");
    hmac::Key::new(hmac::HMAC_SHA256, &bytes)
}

impl Keys {
    /// The confirmation keys from a SPAKE2 key and the session it belongs to.
    /// Public so that a test can play an attacker who computes keys its own way.
    pub fn derive(
        spake_key: &[u8],
        binding: &[u8],
        dialer_msg: &[u8],
        listener_msg: &[u8],
    ) -> Keys {
        let salt = transcript(binding, dialer_msg, listener_msg);
        let prk = hkdf::Salt::new(hkdf::HKDF_SHA256, &salt).extract(spake_key);
        Keys {
            dialer: expand(&prk, DIALER_KEY_INFO),
            listener: expand(&prk, LISTENER_KEY_INFO),
        }
    }

    /// The listener's first confirmation: it knows the password.
    pub fn listener_proof(&self) -> Vec<u8> {
        hmac::sign(&self.listener, LABEL).as_ref().to_vec()
    }

    /// Check the listener's first confirmation (constant time).
    pub fn verify_listener(&self, proof: &[u8]) -> bool {
        hmac::verify(&self.listener, LABEL, proof).is_ok()
    }

    /// The dialer's confirmation, covering what it says about itself.
    pub fn dialer_proof(&self, dialer: &Claims) -> Vec<u8> {
        let mut m = Vec::new();
        dialer.encode(&mut m);
        hmac::sign(&self.dialer, &m).as_ref().to_vec()
    }

    /// Check the dialer's confirmation.
    pub fn verify_dialer(&self, dialer: &Claims, proof: &[u8]) -> bool {
        let mut m = Vec::new();
        dialer.encode(&mut m);
        hmac::verify(&self.dialer, &m, proof).is_ok()
    }

    /// The listener's welcome, covering both nodes' claims.
    pub fn welcome_proof(&self, dialer: &Claims, listener: &Claims) -> Vec<u8> {
        hmac::sign(&self.listener, &welcome(dialer, listener))
            .as_ref()
            .to_vec()
    }

    /// Check the listener's welcome.
    pub fn verify_welcome(&self, dialer: &Claims, listener: &Claims, proof: &[u8]) -> bool {
        hmac::verify(&self.listener, &welcome(dialer, listener), proof).is_ok()
    }
}

fn welcome(dialer: &Claims, listener: &Claims) -> Vec<u8> {
    let mut m = WELCOME_LABEL.to_vec();
    dialer.encode(&mut m);
    listener.encode(&mut m);
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(dialer_pw: &str, listener_pw: &str, bd: &[u8], bl: &[u8]) -> (Keys, Keys) {
        let d = Exchange::start(Role::Dialer, &Secret::new("u", dialer_pw));
        let l = Exchange::start(Role::Listener, &Secret::new("u", listener_pw));
        let (dm, lm) = (d.message().to_vec(), l.message().to_vec());
        (d.finish(&lm, bd).unwrap(), l.finish(&dm, bl).unwrap())
    }

    const ME: Claims<'static> = Claims {
        node: "a",
        instance: "i",
        version: "1",
        cluster: "c",
    };

    #[test]
    fn same_credentials_confirm_both_ways() {
        let (d, l) = pair("pw", "pw", b"tls", b"tls");
        assert!(d.verify_listener(&l.listener_proof()));
        assert!(l.verify_dialer(&ME, &d.dialer_proof(&ME)));
        let other = Claims { node: "b", ..ME };
        assert!(d.verify_welcome(&ME, &other, &l.welcome_proof(&ME, &other)));
        // A claim changed in transit does not verify.
        assert!(!l.verify_dialer(&other, &d.dialer_proof(&ME)));
        // A proof sent back the other way does not verify.
        assert!(!l.verify_dialer(&ME, &l.listener_proof()));
    }

    #[test]
    fn another_password_user_or_session_confirms_nothing() {
        for (dp, lp, bd, bl) in [
            ("pw", "other", &b"tls"[..], &b"tls"[..]),
            ("pw", "pw", b"one", b"two"),
        ] {
            let (d, l) = pair(dp, lp, bd, bl);
            assert!(!d.verify_listener(&l.listener_proof()));
            assert!(!l.verify_dialer(&ME, &d.dialer_proof(&ME)));
        }
        assert_ne!(password_input("u", "pw"), password_input("v", "pw"));
        assert_ne!(password_input("ab", "c"), password_input("a", "bc"));
    }

    #[test]
    fn bad_messages_are_refused() {
        let l = Exchange::start(Role::Listener, &Secret::new("u", "pw"));
        assert!(l.finish(&[0x41; 5], b"tls").is_err());
        // A listener's message where a dialer's is expected (reflection).
        let l = Exchange::start(Role::Listener, &Secret::new("u", "pw"));
        let l2 = Exchange::start(Role::Listener, &Secret::new("u", "pw"));
        assert!(l.finish(l2.message(), b"tls").is_err());
    }

    #[test]
    fn the_fingerprint_follows_the_credentials() {
        let a = Secret::new("u", "pw").fingerprint();
        assert_eq!(a, Secret::new("u", "pw").fingerprint());
        assert_ne!(a, Secret::new("u", "pw2").fingerprint());
    }
}
