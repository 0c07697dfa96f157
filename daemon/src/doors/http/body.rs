//! Reading a request body of a caller who did not log in: at most
//! [`UNAUTHENTICATED_BODY_BYTES`] (enough for a small client to have sent its
//! whole request, so that it reads its 401 normally, and never more,
//! whatever it declared).

use std::time::Duration;

use http_body_util::BodyExt;
use hyper::body::Incoming;
use hyper::header::{self, HeaderMap};

/// The most of a body read from a caller who has not logged in.
pub const UNAUTHENTICATED_BODY_BYTES: usize = 4 * 1024;
/// How long that much may take to arrive before the answer goes anyway.
pub const UNAUTHENTICATED_BODY_TIMEOUT: Duration = Duration::from_secs(1);
/// The declared `Content-Length`, if any and valid.
pub fn declared_length(headers: &HeaderMap) -> Option<u64> {
    headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok())
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
