//! Reading a request body: all of it, within the door's budget, for a caller
//! who logged in; at most [`UNAUTHENTICATED_BODY_BYTES`] for one who did not
//! (enough for a small client to have sent its whole request, so that it
//! reads its 401 normally, and never more, whatever it declared) or who
//! holds only a refresh token: enough for `create_authentication_tokens`
//! or `refresh_operation_token`, the operations such a caller may run.

use std::time::Duration;

use http_body_util::BodyExt;
use hyper::body::Incoming;
use hyper::header::{self, HeaderMap};

use super::budget::{Charge, Short};

/// The most of a body read from a caller who has not logged in.
pub const UNAUTHENTICATED_BODY_BYTES: usize = 4 * 1024;
/// How long that much may take to arrive before the answer goes anyway.
pub const UNAUTHENTICATED_BODY_TIMEOUT: Duration = Duration::from_secs(1);
/// The first room taken for a body of undeclared length (chunked).
const FIRST_CHUNKED_BYTES: usize = 64 * 1024;

/// Why a body was not read to its end.
#[derive(Debug)]
pub enum Unread {
    /// Longer than [`super::MAX_BODY_BYTES`].
    TooLarge,
    /// No room in the budget.
    Short(Short),
    /// The connection failed.
    Broken,
    /// Not within [`super::BODY_READ_TIMEOUT`].
    Slow,
}

/// The declared `Content-Length`, if any and valid.
pub fn declared_length(headers: &HeaderMap) -> Option<u64> {
    headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok())
}

/// Read the whole body, taking room from `charge` before the memory: the
/// declared length first, then (chunked) as the buffer grows.
pub async fn read_all(
    mut body: Incoming,
    declared: Option<u64>,
    charge: &mut Charge,
) -> Result<Vec<u8>, Unread> {
    let declared = declared.map_or(0, |n| n as usize);
    charge.grow_to(declared).await.map_err(Unread::Short)?;
    let mut text = Vec::with_capacity(declared);
    let read = async {
        while let Some(frame) = body.frame().await {
            let frame = frame.map_err(|_| Unread::Broken)?;
            let Ok(data) = frame.into_data() else {
                continue; // trailers
            };
            let len = text.len() + data.len();
            if len > super::MAX_BODY_BYTES {
                return Err(Unread::TooLarge);
            }
            if len > text.capacity() {
                let old = text.capacity();
                // len <= MAX_BODY_BYTES here, so the clamp keeps room for it.
                let new = (old * 2)
                    .max(len)
                    .clamp(FIRST_CHUNKED_BYTES, super::MAX_BODY_BYTES);
                // Old and new buffers both exist while it moves.
                charge.grow_to(old + new).await.map_err(Unread::Short)?;
                text.reserve_exact(new - text.len());
                charge.shrink_to(new);
            }
            text.extend_from_slice(&data);
        }
        Ok(())
    };
    match tokio::time::timeout(super::BODY_READ_TIMEOUT, read).await {
        Ok(Ok(())) => Ok(text),
        Ok(Err(e)) => Err(e),
        Err(_) => Err(Unread::Slow),
    }
}

/// The whole body of a caller who may send only a small one (no login yet,
/// or a refresh token): at most [`UNAUTHENTICATED_BODY_BYTES`], arriving
/// within [`UNAUTHENTICATED_BODY_TIMEOUT`]. `None` when it is longer
/// (declared or sent), slower, or broken; then no more than that much (and
/// one frame) was read, and the connection must close.
pub async fn read_small(
    mut body: Incoming,
    headers: &HeaderMap,
    declared: Option<u64>,
    charge: &mut Charge,
) -> Option<Vec<u8>> {
    if declared.is_some_and(|n| n > UNAUTHENTICATED_BODY_BYTES as u64) {
        discard_some(body, headers).await;
        return None;
    }
    let read = async {
        charge.grow_to(UNAUTHENTICATED_BODY_BYTES).await.ok()?;
        let mut text = Vec::new();
        while let Some(frame) = body.frame().await {
            let Ok(data) = frame.ok()?.into_data() else {
                continue; // trailers
            };
            if text.len() + data.len() > UNAUTHENTICATED_BODY_BYTES {
                return None;
            }
            text.extend_from_slice(&data);
        }
        Some(text)
    };
    tokio::time::timeout(UNAUTHENTICATED_BODY_TIMEOUT, read)
        .await
        .ok()
        .flatten()
}

/// Read and drop at most [`UNAUTHENTICATED_BODY_BYTES`] of the body of a
/// caller who failed to log in. A client waiting for `100 Continue` has
/// not sent its body: nothing is read, so that it is not invited to.
pub async fn discard_some(mut body: Incoming, headers: &HeaderMap) {
    if headers
        .get(header::EXPECT)
        .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"100-continue"))
    {
        return;
    }
    let mut seen = 0;
    let read = async {
        while seen < UNAUTHENTICATED_BODY_BYTES {
            match body.frame().await {
                Some(Ok(frame)) => seen += frame.data_ref().map_or(0, |d| d.len()),
                _ => return,
            }
        }
    };
    let _ = tokio::time::timeout(UNAUTHENTICATED_BODY_TIMEOUT, read).await;
}
