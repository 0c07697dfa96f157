//! Routing: envelopes for this node are delivered (requests handled,
//! answers matched to the pending requests they answer), others are passed
//! one hop closer to their destination.
//!
//! Every request ends promptly with an answer or an error that says why,
//! never at its deadline, and never by ending the link: requests from other
//! nodes are handled within bounds (per link and in total; beyond them the
//! answer is at once "busy, retry"), an answer too large for a frame becomes
//! an error answer that says so, an envelope that cannot be passed on is
//! bounced to whoever waits for it with the reason, and a frame that does
//! not decode is answered from what could be read of it (see `header`).
//! Nothing here waits on a link that has no room except the senders of
//! requests, answers and notifications, so a link's dispatcher keeps reading.
//!
//! Not here: the links and their queues (`link`, `queue`), gossip (`mod.rs`).

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use serde_json::{Value, json};
use tokio::sync::oneshot;

use super::frame::{Body, Envelope, Frame, MAX_FRAME_BYTES, Undecodable};
use super::header::{self, bounded};
use super::link::{LinkHandle, SendError};
use super::{Inner, MAX_HOPS, Pending, RequestError, SEND_WAIT};

/// Requests from one link handled here at once (consumers hold long polls
/// open: two per table a node subscribes to through this link).
pub const MAX_REQUESTS_PER_LINK: usize = 256;
/// Requests from all links handled here at once.
pub const MAX_REQUESTS_IN_FLIGHT: usize = 1024;

/// Why an envelope was not sent on.
enum Unsent {
    /// No link leads to its destination.
    NoRoute,
    /// The link to the next hop did not take it.
    Link(Box<LinkHandle>, SendError),
}

/// The link an envelope for `to` leaves by: a direct one, else the first
/// hop of the shortest path.
fn next_hop(inner: &Arc<Inner>, to: &str) -> Option<LinkHandle> {
    let direct = inner
        .links
        .lock()
        .expect("links")
        .get(to)
        .and_then(|v| v.first().cloned());
    direct.or_else(|| {
        let paths = inner.members.lock().expect("members").paths();
        let first = paths.get(to)?;
        inner
            .links
            .lock()
            .expect("links")
            .get(first)
            .and_then(|v| v.first().cloned())
    })
}

/// Send an envelope one hop closer to its destination if its link has room now.
fn forward_now(inner: &Arc<Inner>, env: Envelope) -> Result<(), Unsent> {
    let l = next_hop(inner, &env.to).ok_or(Unsent::NoRoute)?;
    l.try_send(&Frame::Envelope(env))
        .map_err(|e| Unsent::Link(Box::new(l), e))
}

/// Send a one-way message one hop closer; false when it cannot be sent
/// (no route, or no room within [`SEND_WAIT`]).
pub(super) async fn notify(inner: &Arc<Inner>, env: Envelope) -> bool {
    forward_waiting(inner, env, SEND_WAIT).await.is_ok()
}

/// Send an envelope one hop closer, waiting up to `wait` for room.
async fn forward_waiting(inner: &Arc<Inner>, env: Envelope, wait: Duration) -> Result<(), Unsent> {
    let l = next_hop(inner, &env.to).ok_or(Unsent::NoRoute)?;
    match l.send(Frame::Envelope(env), wait).await {
        Ok(()) => Ok(()),
        Err(e) => Err(Unsent::Link(Box::new(l), e)),
    }
}

/// Handle an envelope that arrived on `link`.
pub(super) fn route_envelope(inner: &Arc<Inner>, link: &LinkHandle, mut env: Envelope) {
    if env.to != inner.node() {
        let (from, to, body) = (env.from.clone(), env.to.clone(), Passing::of(&env.body));
        if env.ttl == 0 {
            return bounce(inner, &from, &to, body, None);
        }
        env.ttl -= 1;
        if let Err(unsent) = forward_now(inner, env) {
            let why = match unsent {
                Unsent::NoRoute | Unsent::Link(_, SendError::Closed) => None,
                Unsent::Link(l, e) => Some(link_refused(&l, &e)),
            };
            bounce(inner, &from, &to, body, why);
        }
        return;
    }
    deliver(inner, link, env);
}

fn deliver(inner: &Arc<Inner>, link: &LinkHandle, env: Envelope) {
    match env.body {
        Body::Request { id, payload } => serve(inner, link, env.from, id, payload),
        Body::Response { id, result } => {
            if let Some(p) = take_pending(inner, id, &env.from) {
                let _ = p.reply.send(result.map_err(RequestError::Remote));
            }
        }
        Body::NoRoute { id, reason } => {
            let p = inner.pending.lock().expect("pending").remove(&id);
            if let Some(p) = p {
                let _ = p.reply.send(Err(match reason {
                    Some(r) => RequestError::Undeliverable(header::bounded(&r)),
                    None => RequestError::NoResponders,
                }));
            }
        }
        Body::Notify { payload } => {
            let h = inner.handler.read().expect("handler").clone();
            if let Some(h) = h {
                h.notify(env.from, payload);
            }
        }
    }
}

/// The pending request `id`, if it was sent to `from` (an answer from any
/// other node is not its answer).
fn take_pending(inner: &Arc<Inner>, id: u64, from: &str) -> Option<Pending> {
    let mut pending = inner.pending.lock().expect("pending");
    if pending.get(&id).is_some_and(|p| p.to == from) {
        pending.remove(&id)
    } else {
        None
    }
}

async fn handle_request(inner: &Arc<Inner>, from: String, payload: Value) -> Result<Value, String> {
    if payload.get("operation").and_then(Value::as_str) == Some("__ping") {
        return Ok(json!({}));
    }
    let h = inner.handler.read().expect("handler").clone();
    match h {
        Some(h) => h.request(from, payload).await,
        None => Err(format!(
            "node '{}' cannot answer requests yet",
            inner.node()
        )),
    }
}

pub(super) async fn request(
    inner: &Arc<Inner>,
    to: &str,
    payload: Value,
    timeout: Duration,
) -> Result<Value, RequestError> {
    if to == inner.node() {
        return handle_request(inner, to.to_owned(), payload)
            .await
            .map_err(RequestError::Remote);
    }
    let started = tokio::time::Instant::now();
    let op = operation(&payload);
    let Some(link) = next_hop(inner, to) else {
        return Err(RequestError::NoResponders);
    };
    let id = inner.next_request.fetch_add(1, Ordering::Relaxed);
    let (tx, rx) = oneshot::channel();
    // Registered before it is sent, with its link: if the link goes while
    // the request waits for room or for its answer, it fails at once.
    inner.pending.lock().expect("pending").insert(
        id,
        Pending {
            reply: tx,
            via: link.id,
            to: to.to_owned(),
        },
    );
    let env = Envelope {
        from: inner.node().to_owned(),
        to: to.to_owned(),
        ttl: MAX_HOPS,
        body: Body::Request { id, payload },
    };
    if let Err(e) = link
        .send(Frame::Envelope(env), timeout.min(SEND_WAIT))
        .await
    {
        inner.pending.lock().expect("pending").remove(&id);
        return Err(match e {
            SendError::Closed => RequestError::NoResponders,
            SendError::TooLarge(t) => {
                RequestError::Undeliverable(format!("the request `{op}` to node '{to}' is {t}"))
            }
            SendError::Full { .. } => RequestError::Undeliverable(format!(
                "the request `{op}` to node '{to}' could not be queued: {}",
                link_refused(&link, &e)
            )),
        });
    }
    match tokio::time::timeout(timeout.saturating_sub(started.elapsed()), rx).await {
        Ok(Ok(r)) => r,
        Ok(Err(_)) => Err(RequestError::NoResponders),
        Err(_) => {
            inner.pending.lock().expect("pending").remove(&id);
            Err(RequestError::Timeout)
        }
    }
}

/// What an envelope being passed on carries, as far as an answer goes.
#[derive(Debug, Clone, Copy)]
enum Passing {
    /// A request: its sender waits for the answer.
    Request(u64),
    /// An answer: its destination waits for it.
    Response(u64),
    /// Nothing anybody waits for.
    Other,
}

impl Passing {
    fn of(body: &Body) -> Passing {
        match body {
            Body::Request { id, .. } => Passing::Request(*id),
            Body::Response { id, .. } => Passing::Response(*id),
            Body::NoRoute { .. } | Body::Notify { .. } => Passing::Other,
        }
    }
}

/// The operation a request payload names, for messages (escaped, bounded).
fn operation(payload: &Value) -> String {
    bounded(
        payload
            .get("operation")
            .and_then(Value::as_str)
            .unwrap_or("?"),
    )
}

/// Why `link` did not take a frame, in words.
fn link_refused(link: &LinkHandle, e: &SendError) -> String {
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
fn bounce(inner: &Arc<Inner>, from: &str, to: &str, what: Passing, why: Option<String>) {
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
    // The news that explains the bounce (a link gone) goes ahead of it, not
    // at the link's next gossip tick: whoever learns there is no route has
    // the records that say why.
    if let Some(l) = next_hop(inner, back_to) {
        super::gossip::on_tick(inner, &l, false);
    }
    let _ = forward_now(inner, back);
}

/// Answer request `id` of node `to` now, if there is room for the answer.
fn reply_now(inner: &Arc<Inner>, to: &str, id: u64, result: Result<Value, String>) {
    let back = Envelope {
        from: inner.node().to_owned(),
        to: to.to_owned(),
        ttl: MAX_HOPS,
        body: Body::Response { id, result },
    };
    if let Err(Unsent::Link(l, e)) = forward_now(inner, back) {
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
struct RequestSlot {
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
fn serve(inner: &Arc<Inner>, link: &LinkHandle, from: String, id: u64, payload: Value) {
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
        let result = handle_request(&inner, from.clone(), payload).await;
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
    let (link, why) = match forward_waiting(inner, env, SEND_WAIT).await {
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
            if let Some(p) = take_pending(inner, id, from) {
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
