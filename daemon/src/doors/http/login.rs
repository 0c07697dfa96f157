//! Who is calling: the `Authorization` header first (before the body is
//! read), then, once the body is parsed, what the operation allows.
//!
//! - `Basic`: a user name and password ([`ops::login`], argon2 with backoff).
//! - `Bearer`: a token ([`ops::bearer_login`], an HMAC, no argon2). An
//!   operation token logs in for every operation but
//!   `refresh_operation_token`; a refresh token for that one only, which
//!   then refreshes it (HarperDB's `Bearer <refresh_token>` form). Either
//!   the wrong way round is 401 `invalid token`, as in HarperDB.
//! - No header: only `create_authentication_tokens` with a user name and
//!   password in the body, which HarperDB lets anyone call. Such a caller's
//!   body is read only up to `body::UNAUTHENTICATED_BODY_BYTES`.
//! - `create_authentication_tokens` with credentials in the body logs in
//!   with those (with backoff), whatever the header said, as in HarperDB.
//!
//! Nothing here logs a header or a body: they carry passwords and tokens.

use std::net::IpAddr;

use base64::Engine as _;
use hyper::header::{self, HeaderMap};
use serde_json::Value;

use super::Door;
use super::answer::Answer;
use crate::ops::{self, BearerRefused, Caller, Refused, TokenKind};

const CREATE_TOKENS: &str = "create_authentication_tokens";
const REFRESH_TOKEN: &str = "refresh_operation_token";

/// What the header proved.
pub enum Login {
    /// A user name and password.
    Basic(Caller),
    /// An operation token.
    Operation(Caller),
    /// A refresh token (kept, to hand to `refresh_operation_token`).
    Refresh(Caller, String),
    /// No header at all.
    Nobody,
}

impl Login {
    /// Whether the caller's whole body may be read (within the budget);
    /// otherwise only a small one is.
    pub fn reads_whole_body(&self) -> bool {
        matches!(self, Login::Basic(_) | Login::Operation(_))
    }

    /// The answer when a caller who may send only a small body sent
    /// something else (too large, not JSON, another operation).
    pub fn refusal(&self) -> Answer {
        match self {
            Login::Refresh(..) => invalid_token(),
            _ => Answer::error(401, "Must login"),
        }
    }
}

/// Log in from the headers, or the answer refusing the caller.
pub async fn from_headers(door: &Door, headers: &HeaderMap, from: IpAddr) -> Result<Login, Answer> {
    let Some(value) = headers.get(header::AUTHORIZATION) else {
        return Ok(Login::Nobody);
    };
    let failed = || Answer::error(401, "Login failed");
    let value = value.to_str().map_err(|_| failed())?.trim();
    let (scheme, rest) = value.split_once(' ').ok_or_else(failed)?;
    // A token longer than any we issue is refused unread, and counted as
    // a forgery (hyper bounds the whole head at `MAX_HEAD_BYTES`).
    if scheme.eq_ignore_ascii_case("bearer") {
        return bearer(door, rest.trim(), from);
    }
    if !scheme.eq_ignore_ascii_case("basic") {
        return Err(failed());
    }
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(rest.trim())
        .map_err(|_| failed())?;
    let decoded = String::from_utf8(decoded).map_err(|_| failed())?;
    let (username, password) = decoded.split_once(':').ok_or_else(failed)?;
    match ops::login(&door.node, username, password, from).await {
        Ok(user) => Ok(Login::Basic(Caller::User {
            username: user.username,
            role: user.role,
        })),
        Err(Refused::Failed) => Err(failed()),
        Err(Refused::Throttled(wait)) => Err(throttled(wait)),
    }
}

fn bearer(door: &Door, token: &str, from: IpAddr) -> Result<Login, Answer> {
    match ops::bearer_login(&door.node, token, from) {
        Ok((caller, TokenKind::Operation)) => Ok(Login::Operation(caller)),
        Ok((caller, TokenKind::Refresh)) => Ok(Login::Refresh(caller, token.to_owned())),
        Err(BearerRefused::Invalid) => Err(invalid_token()),
        Err(BearerRefused::Expired) => Err(Answer::error(403, ops::TOKEN_EXPIRED)),
        Err(BearerRefused::Throttled(wait)) => Err(throttled(wait)),
    }
}

/// The caller of the operation `request` asks for (its `operation` is a
/// string or the dispatcher refuses it), given what the header proved.
pub async fn caller_for(
    door: &Door,
    login: Login,
    request: &mut harper_rpc::Request,
    from: IpAddr,
) -> Result<Caller, Answer> {
    let op = request
        .get("operation")
        .and_then(Value::as_str)
        .unwrap_or("");
    if op == CREATE_TOKENS {
        let credentials =
            ops::body_credentials(request).map_err(|e| Answer::json(e.status, &e.body))?;
        if let Some((username, password)) = credentials {
            return match ops::login(&door.node, &username, &password, from).await {
                Ok(user) => Ok(Caller::User {
                    username: user.username,
                    role: user.role,
                }),
                Err(Refused::Failed) => Err(Answer::error(401, ops::INVALID_CREDENTIALS)),
                Err(Refused::Throttled(wait)) => Err(throttled(wait)),
            };
        }
    }
    match login {
        Login::Basic(caller) => Ok(caller),
        Login::Operation(caller) if op != REFRESH_TOKEN => Ok(caller),
        Login::Refresh(caller, token) if op == REFRESH_TOKEN => {
            request.insert("refresh_token".to_owned(), Value::String(token));
            Ok(caller)
        }
        Login::Operation(_) | Login::Refresh(..) => Err(invalid_token()),
        Login::Nobody => Err(Answer::error(401, "Must login")),
    }
}

fn invalid_token() -> Answer {
    Answer::error(401, ops::INVALID_TOKEN)
}

fn throttled(wait: std::time::Duration) -> Answer {
    Answer::retry_later(
        429,
        "Too many failed logins from this address or for this user",
        wait,
    )
}
