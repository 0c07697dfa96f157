//! JSON Web Tokens in HarperDB's shape (`header.payload.signature`,
//! base64url without padding; the payload carries `username`,
//! `super_user`, `cluster_user`, `iat`, `exp` and the token type in `sub`:
//! `operation` or `refresh`; ours add `epoch` and `jti`), signed with HMAC-SHA256 (`HS256`) under the
//! node's key (HarperDB signs with RS256; a token is only ever checked by
//! the node that issued it, so a shared secret is enough). No I/O and no
//! clock of its own: the caller passes `now`.
//!
//! Verification spends nothing on a token before it is known to be ours:
//! the length is bounded ([`MAX_TOKEN_BYTES`]), the header must be the one
//! header we issue (so `alg: none` or any other algorithm is refused without
//! a decode), and the signature is checked in constant time (ring) before
//! the payload is decoded or parsed. Expiry is checked after the signature,
//! as HarperDB's library does (an expired forgery is "invalid", a genuine
//! expired token "expired").

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ring::hmac;
use serde::{Deserialize, Serialize};

/// The longest token looked at. Ours are a few hundred bytes (a user name
/// is at most 250); anything longer is refused unread.
use harper_rpc::MAX_TOKEN_BYTES;
/// `{"alg":"HS256","typ":"JWT"}`, base64url: the one header we issue.
const HEADER: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";
/// An HMAC-SHA256 tag's length.
const SIGNATURE_BYTES: usize = 32;

/// The token type, HarperDB's `sub` claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Authenticates operations (`Authorization: Bearer`).
    Operation,
    /// Only buys new operation tokens (`refresh_operation_token`).
    Refresh,
}

/// What a token says. HarperDB's claims plus `epoch`, the user's token
/// epoch when it was issued (a password change or a deactivation replaces
/// the epoch, and every older token stops working).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    /// The user the token logs in.
    pub username: String,
    /// Whether the user had the `super_user` role when it was issued
    /// (informative: the role is read from the user at each request).
    pub super_user: bool,
    /// Whether the user had the `cluster_user` role (informative too).
    pub cluster_user: bool,
    /// The user's token epoch at issue.
    pub epoch: String,
    /// Issued at, seconds since the Unix epoch.
    pub iat: u64,
    /// Expires at, seconds since the Unix epoch.
    pub exp: u64,
    /// The token type.
    pub sub: Kind,
    /// A random id (the JWT `jti`), so that no two tokens are alike even
    /// when issued to one user in the same second: the one refresh token
    /// a user may refresh with is told from the ones before it.
    pub jti: String,
}

/// Why a token was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Not a token we signed (too long, malformed, another header, a bad
    /// signature): HarperDB's 401 `invalid token`.
    Forged,
    /// Ours, but its `exp` has passed: HarperDB's 403 `token expired`.
    Expired,
}

/// The signed token for `claims`.
pub fn sign(key: &hmac::Key, claims: &Claims) -> String {
    let payload = serde_json::to_vec(claims).expect("claims serialise");
    let mut token = format!("{HEADER}.{}", URL_SAFE_NO_PAD.encode(payload));
    let tag = hmac::sign(key, token.as_bytes());
    token.push('.');
    token.push_str(&URL_SAFE_NO_PAD.encode(tag.as_ref()));
    token
}

/// The claims of `token` if `key` signed it and it has not expired at
/// `now` (seconds since the Unix epoch). Its type is for the caller to
/// check.
pub fn verify(key: &hmac::Key, token: &str, now: u64) -> Result<Claims, Refusal> {
    if token.len() > MAX_TOKEN_BYTES {
        return Err(Refusal::Forged);
    }
    let mut parts = token.split('.');
    let (Some(header), Some(payload), Some(signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(Refusal::Forged);
    };
    if header != HEADER {
        return Err(Refusal::Forged);
    }
    let mut tag = [0u8; SIGNATURE_BYTES];
    match URL_SAFE_NO_PAD.decode_slice(signature, &mut tag) {
        Ok(SIGNATURE_BYTES) => {}
        _ => return Err(Refusal::Forged),
    }
    let signed = &token[..header.len() + 1 + payload.len()];
    hmac::verify(key, signed.as_bytes(), &tag).map_err(|_| Refusal::Forged)?;
    // Ours from here on: decoding and parsing cost what we chose to sign.
    let payload = URL_SAFE_NO_PAD
        .decode(payload)
        .map_err(|_| Refusal::Forged)?;
    let claims: Claims = serde_json::from_slice(&payload).map_err(|_| Refusal::Forged)?;
    if now >= claims.exp {
        return Err(Refusal::Expired);
    }
    Ok(claims)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(byte: u8) -> hmac::Key {
        hmac::Key::new(hmac::HMAC_SHA256, &[byte; 32])
    }

    fn claims(sub: Kind) -> Claims {
        Claims {
            username: "admin".into(),
            super_user: true,
            cluster_user: false,
            epoch: "e1".into(),
            iat: 1000,
            exp: 1060,
            sub,
            jti: "j1".into(),
        }
    }

    fn b64(bytes: &[u8]) -> String {
        URL_SAFE_NO_PAD.encode(bytes)
    }

    #[test]
    fn a_signed_token_verifies_until_it_expires() {
        let k = key(1);
        let c = claims(Kind::Operation);
        let t = sign(&k, &c);
        assert_eq!(verify(&k, &t, 1000), Ok(c.clone()));
        assert_eq!(verify(&k, &t, 1059), Ok(c));
        assert_eq!(verify(&k, &t, 1060), Err(Refusal::Expired));
        assert_eq!(verify(&k, &t, u64::MAX), Err(Refusal::Expired));
    }

    #[test]
    fn the_shape_is_harperdbs() {
        let t = sign(&key(1), &claims(Kind::Refresh));
        let parts: Vec<&str> = t.split('.').collect();
        assert_eq!(parts.len(), 3);
        let header: serde_json::Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[0]).unwrap()).unwrap();
        assert_eq!(header, serde_json::json!({"alg": "HS256", "typ": "JWT"}));
        let payload: serde_json::Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
        assert_eq!(payload["username"], "admin");
        assert_eq!(payload["super_user"], true);
        assert_eq!(payload["cluster_user"], false);
        assert_eq!(
            (payload["iat"].as_u64(), payload["exp"].as_u64()),
            (Some(1000), Some(1060))
        );
        assert_eq!(payload["sub"], "refresh");
        assert!(!t.contains('=') && !t.contains('+') && !t.contains('/'));
    }

    #[test]
    fn another_key_is_refused() {
        let t = sign(&key(1), &claims(Kind::Operation));
        assert_eq!(verify(&key(2), &t, 1000), Err(Refusal::Forged));
    }

    #[test]
    fn an_expired_forgery_is_forged_not_expired() {
        let t = sign(&key(2), &claims(Kind::Operation));
        assert_eq!(verify(&key(1), &t, 5000), Err(Refusal::Forged));
    }

    #[test]
    fn tampered_payloads_are_refused() {
        let k = key(1);
        let t = sign(&k, &claims(Kind::Refresh));
        let parts: Vec<&str> = t.split('.').collect();
        // Another user, a later expiry, another type, each with the old signature.
        let edits = [
            Claims {
                username: "root".into(),
                ..claims(Kind::Refresh)
            },
            Claims {
                exp: u64::MAX,
                ..claims(Kind::Refresh)
            },
            claims(Kind::Operation),
        ];
        for c in edits {
            let payload = b64(&serde_json::to_vec(&c).unwrap());
            let forged = format!("{}.{payload}.{}", parts[0], parts[2]);
            assert_eq!(verify(&k, &forged, 1000), Err(Refusal::Forged), "{c:?}");
        }
        // One changed character anywhere.
        for i in 0..t.len() {
            let mut bytes = t.clone().into_bytes();
            bytes[i] = if bytes[i] == b'A' { b'B' } else { b'A' };
            let changed = String::from_utf8(bytes).unwrap();
            assert_eq!(verify(&k, &changed, 1000), Err(Refusal::Forged), "at {i}");
        }
    }

    #[test]
    fn other_headers_and_algorithms_are_refused() {
        let k = key(1);
        let payload = b64(&serde_json::to_vec(&claims(Kind::Operation)).unwrap());
        for header in [
            r#"{"alg":"none","typ":"JWT"}"#,
            r#"{"alg":"HS512","typ":"JWT"}"#,
            r#"{"alg":"RS256","typ":"JWT"}"#,
            r#"{"typ":"JWT","alg":"HS256"}"#,
        ] {
            let input = format!("{}.{payload}", b64(header.as_bytes()));
            let tag = hmac::sign(&k, input.as_bytes());
            for token in [
                format!("{input}.{}", b64(tag.as_ref())),
                format!("{input}."),
            ] {
                assert_eq!(verify(&k, &token, 1000), Err(Refusal::Forged), "{header}");
            }
        }
    }

    #[test]
    fn malformed_and_oversized_tokens_are_refused() {
        let k = key(1);
        let good = sign(&k, &claims(Kind::Operation));
        let padded = format!("{good}==");
        let long = format!(
            "{HEADER}.{}.{}",
            "A".repeat(MAX_TOKEN_BYTES),
            "A".repeat(43)
        );
        for bad in [
            "",
            ".",
            "..",
            "abc.def",
            "a.b.c.d",
            &format!("{good}.extra"),
            &padded,
            &format!("{HEADER}..{}", "A".repeat(43)),
            &format!("{HEADER}.e30.{}", "A".repeat(44)),
            &format!("{HEADER}.e30.!!!"),
            &long,
        ] {
            assert_eq!(verify(&k, bad, 1000), Err(Refusal::Forged), "{bad:.80}");
        }
    }

    #[test]
    fn a_signed_payload_that_is_not_claims_is_refused() {
        let k = key(1);
        let input = format!("{HEADER}.{}", b64(br#"{"username":"admin"}"#));
        let tag = hmac::sign(&k, input.as_bytes());
        let token = format!("{input}.{}", b64(tag.as_ref()));
        assert_eq!(verify(&k, &token, 1000), Err(Refusal::Forged));
    }
}
