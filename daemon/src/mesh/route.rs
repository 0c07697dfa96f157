//! Answers that the routing owes even when it cannot do what was asked:
//! requests from other nodes are handled within bounds (per link and in
//! total; beyond them the answer is at once "busy, retry"), an answer too
//! large for a frame becomes an error answer that says so, an envelope that
//! cannot be passed on is bounced to whoever waits for it with the reason,
//! and a frame that does not decode is answered from what could be read of
//! it (see `header`): so every request ends promptly with an answer or an
//! error that says why, never at its deadline, and never by ending the link.
//!
//! Not here: finding the next hop and the pending requests (`mod.rs`), the
//! links' queues (`link`).

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;

use super::frame::{Body, Envelope, MAX_FRAME_BYTES, Undecodable};
use super::header::bounded;
use super::link::{LinkHandle, SendError};
use super::{Inner, MAX_HOPS, RequestError, SEND_WAIT, Unsent};

/// Requests from one link handled here at once (consumers hold long polls
/// open: two per table a node subscribes to through this link).
pub const MAX_REQUESTS_PER_LINK: usize = 256;
/// Requests from all links handled here at once.
pub const MAX_REQUESTS_IN_FLIGHT: usize = 1024;

/// What an envelope being passed on carries, as far as an answer goes.
#[derive(Debug, Clone, Copy)]
pub(super) enum Passing {
    /// A request: its sender waits for the answer.
    Request(u64),
    /// An answer: its destination waits for it.
    Response(u64),
    /// Nothing anybody waits for.
    Other,
}

impl Passing {
    pub(super) fn of(body: &Body) -> Passing {
        match body {
            Body::Request { id, .. } => Passing::Request(*id),
            Body::Response { id, .. } => Passing::Response(*id),
            Body::NoRoute { .. } | Body::Notify { .. } => Passing::Other,
        }
    }
}

/// The operation a request payload names, for messages (escaped, bounded).
pub(super) fn operation(payload: &Value) -> String {
    bounded(
        payload
            .get("operation")
            .and_then(Value::as_str)
            .unwrap_or("?"),
    )
}

/// Why `link` did not take a frame, in words.
pub(super) fn link_refused(link: &LinkHandle, e: &SendError) -> String {
    match e {
        SendError::Full { queued } => format!(
            "{queued} bytes are queued for the link to '{}', which is not read fast enough",
            bounded(&link.peer)
        ),
        other => other.to_string(),
    }
}

/// An envelope from `from` to `to` was not passed on: tell whoever waits
/// for it (the sender of a request, the destination of an answer). With no
/// reason (no route) only a request is bounced, as "no responders".
pub(super) fn bounce(inner: &Arc<Inner>, from: &str, to: &str, what: Passing, why: Option<String>) {
    let me = inner.node();
    let (back_to, id, reason) = match what {
        Passing::Request(id) => (
            from,
            id,
            why.map(|w| {
                format!(
                    "node '{me}' could not pass on the request from node '{}' to node '{}': {w}",
                    bounded(from),
                    bounded(to)
                )
            }),
        ),
        Passing::Response(id) => match why {
            Some(w) => (
                to,
                id,
                Some(format!(
                    "node '{me}' could not pass on the answer from node '{}': {w}",
                    bounded(from)
                )),
            ),
            None => return,
        },
        Passing::Other => return,
    };
    if back_to == me {
        return;
    }
    let back = Envelope {
        from: me.to_owned(),
        to: back_to.to_owned(),
        ttl: MAX_HOPS,
        body: Body::NoRoute { id, reason },
    };
    let _ = super::forward_now(inner, back);
}

/// Answer request `id` of node `to` now, if there is room for the answer.
fn reply_now(inner: &Arc<Inner>, to: &str, id: u64, result: Result<Value, String>) {
    let back = Envelope {
        from: inner.node().to_owned(),
        to: to.to_owned(),
        ttl: MAX_HOPS,
        body: Body::Response { id, result },
    };
    if let Err(Unsent::Link(l, e)) = super::forward_now(inner, back) {
        l.warn_dropped(|| {
            format!(
                "dropped an answer to node '{}': {}",
                bounded(to),
                link_refused(&l, &e)
            )
        });
    }
}

/// A request from `link` being handled: counted against the link's bound
/// and the node's until its answer is queued (or given up).
pub(super) struct RequestSlot {
    link: Arc<AtomicUsize>,
    total: Arc<AtomicUsize>,
}

impl RequestSlot {
    /// Take a slot, or say why there is none.
    fn take(inner: &Arc<Inner>, link: &LinkHandle) -> Result<RequestSlot, String> {
        let slot = RequestSlot {
            link: link.in_flight().clone(),
            total: inner.requests_in_flight.clone(),
        };
        let on_link = slot.link.fetch_add(1, Ordering::AcqRel) + 1;
        let total = slot.total.fetch_add(1, Ordering::AcqRel) + 1;
        let me = inner.node();
        if on_link > MAX_REQUESTS_PER_LINK {
            return Err(format!(
                "node '{me}' is busy: it is handling {MAX_REQUESTS_PER_LINK} requests from its link to node '{}' (its limit per link); retry later",
                bounded(&link.peer)
            ));
        }
        if total > MAX_REQUESTS_IN_FLIGHT {
            return Err(format!(
                "node '{me}' is busy: it is handling {MAX_REQUESTS_IN_FLIGHT} requests from other nodes (its limit); retry later"
            ));
        }
        Ok(slot)
    }
}

impl Drop for RequestSlot {
    fn drop(&mut self) {
        self.link.fetch_sub(1, Ordering::AcqRel);
        self.total.fetch_sub(1, Ordering::AcqRel);
    }
}

/// Handle request `id` of node `from` that arrived on `link`, and send its
/// answer; at once "busy" beyond the bounds.
pub(super) fn serve(inner: &Arc<Inner>, link: &LinkHandle, from: String, id: u64, payload: Value) {
    let slot = match RequestSlot::take(inner, link) {
        Ok(s) => s,
        Err(busy) => {
            link.warn_dropped(|| format!("refused a request: {busy}"));
            return reply_now(inner, &from, id, Err(busy));
        }
    };
    let inner = inner.clone();
    tokio::spawn(async move {
        let op = operation(&payload);
        let result = super::handle_request(&inner, from.clone(), payload).await;
        answer(&inner, &from, id, &op, result).await;
        drop(slot);
    });
}

/// Send the answer to request `id` (`op`) of node `to`. An answer that
/// cannot be sent becomes an error answer saying why.
async fn answer(inner: &Arc<Inner>, to: &str, id: u64, op: &str, result: Result<Value, String>) {
    let me = inner.node();
    let env = Envelope {
        from: me.to_owned(),
        to: to.to_owned(),
        ttl: MAX_HOPS,
        body: Body::Response { id, result },
    };
    let (link, why) = match super::forward_waiting(inner, env, SEND_WAIT).await {
        Ok(()) | Err(Unsent::NoRoute) | Err(Unsent::Link(_, SendError::Closed)) => return,
        Err(Unsent::Link(l, SendError::TooLarge(t))) => {
            let why = format!(
                "the answer to `{op}` from node '{me}' is {} bytes, above the {} MiB frame limit",
                t.bytes,
                MAX_FRAME_BYTES / (1024 * 1024)
            );
            (l, why)
        }
        Err(Unsent::Link(l, e)) => {
            let why = format!(
                "node '{me}' could not queue its answer to `{op}`: {}",
                link_refused(&l, &e)
            );
            (l, why)
        }
    };
    link.warn_dropped(|| format!("answered node '{}' with an error: {why}", bounded(to)));
    reply_now(inner, to, id, Err(why));
}

/// A frame from a link that does not decode: answer it from what could be
/// read of it. A request for this node gets an error answer; an answer to
/// one of our pending requests fails it; an envelope for another node is
/// bounced to whoever waits for it. Anything else is only skipped (the link
/// has counted and logged it).
pub(super) fn on_undecodable(inner: &Arc<Inner>, u: Undecodable) {
    let h = u.header;
    let (Some("envelope"), Some(id), Some(from)) = (h.t.as_deref(), h.id, h.from.as_deref()) else {
        return;
    };
    let me = inner.node();
    let what = match h.kind.as_deref() {
        Some("request") => Passing::Request(id),
        Some("response") => Passing::Response(id),
        _ => return,
    };
    let Some(to) = h.to.as_deref() else {
        return;
    };
    if to != me {
        let why = format!("it does not decode: {}", u.reason);
        return bounce(inner, from, to, what, Some(why));
    }
    match what {
        Passing::Request(id) => reply_now(
            inner,
            from,
            id,
            Err(format!(
                "node '{me}' could not decode the request from node '{}': {}",
                bounded(from),
                u.reason
            )),
        ),
        Passing::Response(id) => {
            if let Some(p) = super::take_pending(inner, id, from) {
                let _ = p.reply.send(Err(RequestError::Undeliverable(format!(
                    "the answer from node '{}' could not be decoded: {}",
                    bounded(from),
                    u.reason
                ))));
            }
        }
        Passing::Other => {}
    }
}
