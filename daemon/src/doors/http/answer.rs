//! One HTTP request to one answer. The caller logs in from the headers
//! first ([`login`]: 401 `Login failed` / `invalid token`, 403 `token
//! expired`, 429 while its failures are being backed off); only then is the
//! body read, within the door's budget, and parsed: it must be a JSON object
//! with an `operation` (400); then the dispatcher decides (unknown operation
//! 400, role 403, the operation's own status). Bodies are the operation's
//! JSON exactly, the same bytes `harper -o json` prints.
//!
//! A caller with no header, or with only a refresh token, may run one
//! operation (`create_authentication_tokens` with credentials in the body,
//! `refresh_operation_token`): its body is read only up to a few KiB
//! (`body::UNAUTHENTICATED_BODY_BYTES`), and anything else is 401 (`Must
//! login`, `invalid token`), after which the connection closes.
//!
//! HarperDB judges the body before the login; a client that logs in sees
//! the same answers either way, and one that does not costs only its
//! headers and those few KiB before its answer. Header-only refusals (wrong
//! path or method, a declared length over the limit) still come first.
//!
//! Nothing here logs a header or a body: they carry passwords and tokens.

use std::net::SocketAddr;
use std::time::Duration;

use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::header::{self, HeaderValue};
use hyper::{Method, Request, Response, StatusCode};
use serde_json::{Value, json};

use super::Door;
use super::body::{self, Unread};
use super::budget::{self, Charge, Short};
use super::json::{self, ParseError};
use super::login;
use crate::ops::{self, Caller};

/// The `Retry-After` of a request the budget had no room for.
const RETRY_BUSY: Duration = budget::BUDGET_WAIT;
/// Bodies up to this size are parsed on the runtime's thread (microseconds),
/// larger ones on a blocking thread.
const INLINE_PARSE_BYTES: usize = 64 * 1024;
/// Copies of a request's parsed values counted while it runs: its own and
/// the one an operation makes of its input (the data operations copy their
/// records before handing them to the store).
const VALUE_COPIES: usize = 2;

/// The answer to a request, and whether the connection must close after it
/// (when the request body was not read to its end).
pub struct Answer {
    status: u16,
    body: Vec<u8>,
    close: bool,
    allow_post: bool,
    retry_after: Option<Duration>,
}

impl Answer {
    pub(super) fn json(status: u16, value: &Value) -> Answer {
        Answer {
            status,
            body: serde_json::to_vec(value).expect("JSON values serialise"),
            close: false,
            allow_post: false,
            retry_after: None,
        }
    }

    pub(super) fn error(status: u16, message: &str) -> Answer {
        Answer::json(status, &json!({ "error": message }))
    }

    /// `{"error": "<why>; try again in N s."}` with `Retry-After: N` (whole
    /// seconds, rounded up, at least 1).
    pub(super) fn retry_later(status: u16, why: &str, wait: Duration) -> Answer {
        let secs = wait.as_secs_f64().ceil().max(1.0) as u64;
        let mut a = Answer::error(status, &format!("{why}; try again in {secs} s."));
        a.retry_after = Some(Duration::from_secs(secs));
        a
    }

    fn closing(mut self) -> Answer {
        self.close = true;
        self
    }

    /// The status, for the log.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// As a hyper response.
    pub fn into_response(self) -> Response<Full<Bytes>> {
        let mut r = Response::new(Full::new(Bytes::from(self.body)));
        *r.status_mut() =
            StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let h = r.headers_mut();
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json; charset=utf-8"),
        );
        h.insert(header::SERVER, HeaderValue::from_static(super::SERVER));
        if self.close {
            h.insert(header::CONNECTION, HeaderValue::from_static("close"));
        }
        if self.allow_post {
            h.insert(header::ALLOW, HeaderValue::from_static("POST"));
        }
        if let Some(wait) = self.retry_after {
            h.insert(header::RETRY_AFTER, HeaderValue::from(wait.as_secs()));
        }
        r
    }
}

/// Answer one request from `peer`. `secure` tells whether it came over TLS.
pub async fn answer(door: &Door, req: Request<Incoming>, peer: SocketAddr, secure: bool) -> Answer {
    if door.https_only && !secure {
        return Answer::error(
            400,
            "This port requires HTTPS (operationsApi.network.https is true)",
        )
        .closing();
    }
    if req.uri().path() != "/" {
        return Answer::error(404, "Not found: the operations API answers POST /");
    }
    if req.method() != Method::POST {
        let mut a = Answer::error(405, "Method not allowed: send operations with POST /");
        a.allow_post = true;
        return a;
    }
    let declared = body::declared_length(req.headers());
    if declared.is_some_and(|n| n > super::MAX_BODY_BYTES as u64) {
        return too_large();
    }
    let (parts, incoming) = req.into_parts();
    let from = peer.ip();
    let login = match login::from_headers(door, &parts.headers, from).await {
        Ok(l) => l,
        Err(refusal) => {
            body::discard_some(incoming, &parts.headers).await;
            return refusal.closing();
        }
    };
    let mut charge = door.budget.charge();
    if !login.reads_whole_body() {
        // Only a small body that turns out to be the one operation this
        // login allows gets further.
        let Some(text) = body::read_small(incoming, &parts.headers, declared, &mut charge).await
        else {
            return login.refusal().closing();
        };
        return match parse(text, charge).await {
            Ok(mut request) if has_operation(&request.0) => {
                match login::caller_for(door, login, &mut request.0, from).await {
                    Ok(caller) => execute(door, caller, request).await,
                    Err(a) => a,
                }
            }
            _ => login.refusal().closing(),
        };
    }
    let text = match body::read_all(incoming, declared, &mut charge).await {
        Ok(text) => text,
        Err(Unread::TooLarge) => return too_large(),
        Err(Unread::Short(short)) => return no_room(short).closing(),
        Err(Unread::Broken) => {
            return Answer::error(400, "The request body could not be read.").closing();
        }
        Err(Unread::Slow) => {
            return Answer::error(
                408,
                &format!(
                    "The request body did not arrive within {} s.",
                    super::BODY_READ_TIMEOUT.as_secs()
                ),
            )
            .closing();
        }
    };
    let mut request = match parse(text, charge).await {
        Ok(r) => r,
        Err(a) => return a,
    };
    if !has_operation(&request.0) {
        return Answer::error(400, "Request body must include an 'operation' property.");
    }
    let caller = match login::caller_for(door, login, &mut request.0, from).await {
        Ok(c) => c,
        Err(a) => return a,
    };
    execute(door, caller, request).await
}

/// HarperDB's test is "falsy": missing, null, "", false and 0 all count as missing.
fn has_operation(request: &harper_rpc::Request) -> bool {
    !matches!(
        request.get("operation"),
        None | Some(Value::Null) | Some(Value::Bool(false))
    ) && !request.get("operation").is_some_and(|v| v == "" || v == 0)
}

fn too_large() -> Answer {
    Answer::error(
        413,
        &format!(
            "The request body is larger than the limit of {} MiB.",
            super::MAX_BODY_BYTES / (1024 * 1024)
        ),
    )
    .closing()
}

/// The budget had no room for this request (or never could have).
fn no_room(short: Short) -> Answer {
    match short {
        Short::TooLarge => Answer::error(
            413,
            &format!(
                "The request body's values need more than the limit of {} MiB of memory; send fewer records per request.",
                budget::BODY_BUDGET_BYTES / (1024 * 1024)
            ),
        ),
        Short::Busy => Answer::retry_later(
            503,
            "Other large requests are using the memory for request bodies",
            RETRY_BUSY,
        ),
    }
}

/// Parse the body, with its values (and the operation's copy of them)
/// counted in the budget; the text's room is given back after. A small
/// body is parsed here if there is room for it now; a large one (it takes
/// seconds), or one that must wait for room, on a blocking thread.
async fn parse(text: Vec<u8>, mut charge: Charge) -> Result<(harper_rpc::Request, Charge), Answer> {
    let base = charge.held();
    let mut result = Err(ParseError::Short(Short::Busy));
    if text.len() <= INLINE_PARSE_BYTES {
        result = json::parse(&text, &mut charge, VALUE_COPIES, None);
    }
    if result == Err(ParseError::Short(Short::Busy)) {
        charge.shrink_to(base);
        let runtime = tokio::runtime::Handle::current();
        let parsed = tokio::task::spawn_blocking(move || {
            let result = json::parse(&text, &mut charge, VALUE_COPIES, Some(&runtime));
            (result, charge)
        })
        .await;
        match parsed {
            Ok((r, c)) => (result, charge) = (r, c),
            Err(e) => {
                tracing::error!("parsing a request body panicked: {e}");
                return Err(Answer::error(
                    500,
                    "The request could not be parsed; see the daemon's log.",
                ));
            }
        }
    }
    match result {
        Ok((Value::Object(m), used)) if !m.is_empty() => {
            charge.shrink_to(used * VALUE_COPIES);
            Ok((m, charge))
        }
        Ok(_) | Err(ParseError::Invalid) => Err(Answer::error(400, "Invalid JSON.")),
        Err(ParseError::TooDeep) => Err(Answer::error(400, &too_deep())),
        Err(ParseError::Short(short)) => Err(no_room(short)),
    }
}

/// The message for a body nested beyond what the parser takes.
fn too_deep() -> String {
    format!(
        "Invalid JSON: the body is nested more than {} levels deep (a record may nest at most {} levels)",
        json::MAX_BODY_DEPTH,
        crate::store::limits::MAX_RECORD_DEPTH
    )
}

/// Run the operation detached, so that a client going away or the deadline
/// passing never cuts a write half-way (as the socket door does). The
/// request's room in the budget is held until the operation ends.
async fn execute(
    door: &Door,
    caller: Caller,
    (request, charge): (harper_rpc::Request, Charge),
) -> Answer {
    let node = door.node.clone();
    let task = tokio::spawn(async move {
        let result = ops::execute(&node, &caller, request).await;
        drop(charge);
        result
    });
    match tokio::time::timeout(door.deadline, task).await {
        Ok(Ok(Ok(value))) => Answer::json(200, &value),
        Ok(Ok(Err(e))) => Answer::json(e.status, &e.body),
        Ok(Err(e)) => {
            tracing::error!("operation panicked: {e}");
            Answer::error(
                500,
                "The operation failed unexpectedly; see the daemon's log.",
            )
        }
        Err(_) => Answer::error(504, &deadline_message(door.deadline)),
    }
}

fn deadline_message(d: Duration) -> String {
    format!(
        "The operation did not finish within {} s; it goes on in the background.",
        d.as_secs()
    )
}
