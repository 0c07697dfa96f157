//! Token logins, as HarperDB's (`security/tokenAuthentication.js`):
//! `create_authentication_tokens` gives an operation token and a refresh
//! token, `refresh_operation_token` a new operation token, and an operation
//! token logs in on the HTTP door as `Authorization: Bearer <token>`.
//!
//! - A token is a JWT signed with the node's key ([`key`]); checking one is
//!   an HMAC and one read of the user (no argon2: that is the point of
//!   tokens), and the user is read at every use, so a token logs in with the
//!   user's *current* role.
//! - Lifetimes come from `authentication.operationTokenTimeout` (default
//!   `1d`) and `authentication.refreshTokenTimeout` (`30d`), read at issue.
//! - A token carries its user's token epoch ([`crate::store::users::User`]);
//!   a password change, a deactivation or a drop ends every token of that
//!   user (HarperDB's tokens outlive a password change until they expire).
//!   As in HarperDB, only the last refresh token issued to a user refreshes.
//! - An operation token is not a refresh token and a refresh token is not
//!   an operation token (the `sub` claim).
//! - Forged tokens count as failed logins of their address ([`super::logins`]),
//!   so an address cannot guess tokens and passwords in turn past the backoff;
//!   a genuine token is accepted even from an address that is backed off
//!   (checking it costs microseconds and tells nothing guessable).

mod jwt;
mod key;

use std::net::IpAddr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use harper_rpc::{OpError, Request};
use serde_json::{Value, json};

use super::{Caller, logins};
use crate::node::Node;
use crate::store::users::{self, CLUSTER_USER, SUPER_USER, User};
pub use jwt::Kind;

/// HarperDB's messages (`commonErrors.js`, `AUTHENTICATION_ERROR_MSGS`).
pub const INVALID_TOKEN: &str = "invalid token";
/// A genuine token whose `exp` has passed (403).
pub const TOKEN_EXPIRED: &str = "token expired";
/// A wrong user name or password for `create_authentication_tokens` (401).
pub const INVALID_CREDENTIALS: &str = "invalid credentials";
const USERNAME_REQUIRED: &str = "username is required";
const PASSWORD_REQUIRED: &str = "password is required";
const REFRESH_TOKEN_REQUIRED: &str = "refresh_token is required";
const NO_ENCRYPTION_KEYS: &str =
    "unable to generate JWT as there are no encryption keys.  please contact your administrator";
const REFRESH_TOKEN_SAVE_FAILED: &str = "unable to store refresh_token";

/// Why a bearer login was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BearerRefused {
    /// Not a token of this node, or one that no longer works (401 `invalid token`).
    Invalid,
    /// A genuine token past its expiry (403 `token expired`).
    Expired,
    /// The address has too many recent failures (429).
    Throttled(Duration),
}

/// Why a token does not log in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Refusal {
    /// Not ours (counted as a failed login).
    Forged,
    /// Ours but expired.
    Expired,
    /// Ours, but its user is gone, inactive, or has a new epoch.
    Revoked,
}

/// Log in with the token of an `Authorization: Bearer` header from `from`:
/// the caller and the token's type, whatever the operation (the door
/// checks the type once it knows which operation the body asks for).
pub fn bearer_login(
    node: &Node,
    token: &str,
    from: IpAddr,
) -> Result<(Caller, Kind), BearerRefused> {
    match check(node, token) {
        Ok((claims, user)) => Ok((caller(&user), claims.sub)),
        Err(Refusal::Forged) => match logins::forged_token(from) {
            Some(wait) => Err(BearerRefused::Throttled(wait)),
            None => Err(BearerRefused::Invalid),
        },
        Err(Refusal::Expired) => Err(BearerRefused::Expired),
        Err(Refusal::Revoked) => Err(BearerRefused::Invalid),
    }
}

/// The user name and password a `create_authentication_tokens` body logs
/// in with; `None` when it gives neither (the tokens are then the
/// caller's). HarperDB's rules: a field counts as missing when it is
/// JavaScript-falsy (absent, `null`, `""`, `false`, `0`), and the user name
/// is asked for first.
pub fn body_credentials(req: &Request) -> Result<Option<(String, String)>, OpError> {
    let field = |name: &str| -> Result<Option<String>, OpError> {
        match req.get(name) {
            None | Some(Value::Null) | Some(Value::Bool(false)) => Ok(None),
            Some(Value::Number(n)) if n.as_f64() == Some(0.0) => Ok(None),
            Some(Value::String(s)) if s.is_empty() => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(OpError::bad_request(format!("'{name}' must be a string"))),
        }
    };
    match (field("username")?, field("password")?) {
        (None, None) => Ok(None),
        (None, Some(_)) => Err(OpError::bad_request(USERNAME_REQUIRED)),
        (Some(_), None) => Err(OpError::bad_request(PASSWORD_REQUIRED)),
        (Some(u), Some(p)) => Ok(Some((u, p))),
    }
}

/// `create_authentication_tokens`: for the user and password in the body,
/// or for the caller when the body gives neither (newer HarperDB's rule; the
/// local socket has no user of its own and must name one).
pub async fn create(node: &Node, caller: &Caller, req: &Request) -> Result<Value, OpError> {
    let user = match (body_credentials(req)?, caller) {
        (Some((username, password)), _) => {
            // The HTTP door has already checked these with backoff, so the
            // login cache recalls them here without argon2.
            logins::authenticate(node, &username, &password)
                .await
                .ok_or_else(invalid_credentials)?
        }
        (None, Caller::LocalSocket) => return Err(OpError::bad_request(USERNAME_REQUIRED)),
        (None, Caller::User { username, .. }) => node
            .store()
            .user(username)?
            .filter(|u| u.active)
            .ok_or_else(invalid_credentials)?,
    };
    let key = signing_key(node)?;
    let settings = node.config().settings();
    let now = now_secs();
    // A user stored before tokens existed gets its epoch with its first token.
    let epoch = if user.token_epoch.is_empty() {
        users::new_token_epoch()
    } else {
        user.token_epoch.clone()
    };
    let claims = |sub, lifetime| claims_for(&user, &epoch, sub, now, lifetime);
    let operation_token = jwt::sign(
        &key,
        &claims(Kind::Operation, settings.operation_token_timeout_secs),
    );
    let refresh_token = jwt::sign(
        &key,
        &claims(Kind::Refresh, settings.refresh_token_timeout_secs),
    );
    let hash = fingerprint(&refresh_token);
    // Compare-and-swap: a password change that lands meanwhile has a new
    // epoch, and these tokens must not be stored as its refresh token.
    let mut current = false;
    let stored = node.store().update_user(&user.username, |u| {
        if u.token_epoch.is_empty() {
            u.token_epoch = epoch.clone();
        }
        current = u.token_epoch == epoch && u.active;
        if current {
            u.refresh_token_hash = Some(hash.clone());
        }
    });
    match stored {
        Ok(Some(_)) if current => {}
        Ok(_) => return Err(invalid_credentials()),
        Err(e) => {
            tracing::error!("storing the refresh token of a user failed: {e}");
            return Err(OpError::internal(REFRESH_TOKEN_SAVE_FAILED));
        }
    }
    node.store().flush().await?;
    Ok(json!({
        "operation_token": operation_token,
        "refresh_token": refresh_token,
    }))
}

/// `refresh_operation_token`: a new operation token for the user of the
/// body's `refresh_token` (the HTTP door puts a `Bearer` refresh token
/// there, as HarperDB does), which must be the last one issued to them.
pub async fn refresh(node: &Node, req: &Request) -> Result<Value, OpError> {
    let token = match req.get("refresh_token") {
        None | Some(Value::Null) | Some(Value::Bool(false)) => {
            return Err(OpError::bad_request(REFRESH_TOKEN_REQUIRED));
        }
        Some(Value::String(s)) if s.is_empty() => {
            return Err(OpError::bad_request(REFRESH_TOKEN_REQUIRED));
        }
        Some(Value::Number(n)) if n.as_f64() == Some(0.0) => {
            return Err(OpError::bad_request(REFRESH_TOKEN_REQUIRED));
        }
        Some(Value::String(s)) => s.as_str(),
        Some(_) => return Err(invalid_token()),
    };
    let (claims, user) = check(node, token).map_err(|r| match r {
        Refusal::Expired => OpError::new(403, TOKEN_EXPIRED),
        Refusal::Forged | Refusal::Revoked => invalid_token(),
    })?;
    // The stored value is a hash of a token whose signature has just been
    // checked, so comparing it in plain time tells an observer nothing.
    if claims.sub != Kind::Refresh
        || user.refresh_token_hash.as_deref() != Some(fingerprint(token).as_str())
    {
        return Err(invalid_token());
    }
    let key = signing_key(node)?;
    let lifetime = node.config().settings().operation_token_timeout_secs;
    let claims = claims_for(&user, &claims.epoch, Kind::Operation, now_secs(), lifetime);
    Ok(json!({ "operation_token": jwt::sign(&key, &claims) }))
}

/// The claims and the user of a token of this node that still logs in.
fn check(node: &Node, token: &str) -> Result<(jwt::Claims, User), Refusal> {
    let key = match key::signing_key(&node.root().join("keys")) {
        Ok(k) => k,
        Err(e) => {
            // No key: no token can be ours (HarperDB says "invalid token" too).
            tracing::error!("no token signing key: {e}");
            return Err(Refusal::Revoked);
        }
    };
    let claims = jwt::verify(&key, token, now_secs()).map_err(|r| match r {
        jwt::Refusal::Forged => Refusal::Forged,
        jwt::Refusal::Expired => Refusal::Expired,
    })?;
    let user = node
        .store()
        .user(&claims.username)
        .ok()
        .flatten()
        .filter(|u| u.active && !u.token_epoch.is_empty() && u.token_epoch == claims.epoch)
        .ok_or(Refusal::Revoked)?;
    Ok((claims, user))
}

fn claims_for(user: &User, epoch: &str, sub: Kind, now: u64, lifetime_secs: u64) -> jwt::Claims {
    jwt::Claims {
        username: user.username.clone(),
        super_user: user.role == SUPER_USER,
        cluster_user: user.role == CLUSTER_USER,
        epoch: epoch.to_owned(),
        iat: now,
        exp: now.saturating_add(lifetime_secs),
        sub,
        // 128 random bits, like an epoch.
        jti: users::new_token_epoch(),
    }
}

fn caller(user: &User) -> Caller {
    Caller::User {
        username: user.username.clone(),
        role: user.role.clone(),
    }
}

fn signing_key(node: &Node) -> Result<std::sync::Arc<ring::hmac::Key>, OpError> {
    key::signing_key(&node.root().join("keys")).map_err(|e| {
        tracing::error!("no token signing key: {e}");
        OpError::internal(NO_ENCRYPTION_KEYS)
    })
}

/// SHA-256 of a token, as hex: what is stored of a refresh token.
fn fingerprint(token: &str) -> String {
    ring::digest::digest(&ring::digest::SHA256, token.as_bytes())
        .as_ref()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

fn invalid_token() -> OpError {
    OpError::new(401, INVALID_TOKEN)
}

fn invalid_credentials() -> OpError {
    OpError::new(401, INVALID_CREDENTIALS)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn body(v: Value) -> Request {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn body_credentials_follow_harperdb() {
        let ok = body_credentials(&body(json!({"username": "a", "password": "p"}))).unwrap();
        assert_eq!(ok, Some(("a".into(), "p".into())));
        for none in [
            json!({}),
            json!({"username": "", "password": null}),
            json!({"username": false, "password": 0}),
        ] {
            assert_eq!(
                body_credentials(&body(none.clone())).unwrap(),
                None,
                "{none}"
            );
        }
        let err = |v: Value| {
            let e = body_credentials(&body(v)).unwrap_err();
            (e.status, e.message().to_owned())
        };
        assert_eq!(
            err(json!({"password": "p"})),
            (400, USERNAME_REQUIRED.into())
        );
        assert_eq!(
            err(json!({"username": "a"})),
            (400, PASSWORD_REQUIRED.into())
        );
        assert_eq!(
            err(json!({"username": "", "password": "p"})),
            (400, USERNAME_REQUIRED.into())
        );
        assert_eq!(
            err(json!({"username": 5, "password": "p"})),
            (400, "'username' must be a string".into())
        );
        assert_eq!(
            err(json!({"username": "a", "password": ["p"]})),
            (400, "'password' must be a string".into())
        );
    }

    #[test]
    fn fingerprints_are_sha256_hex() {
        assert_eq!(
            fingerprint("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
