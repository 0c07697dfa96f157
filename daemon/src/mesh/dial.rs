//! One route's dialer: connect, TLS, handshake, run the link, and after it
//! ends (or fails) try again with capped, jittered backoff. Its state is
//! shown by `cluster status`.

use std::sync::Arc;
use std::time::Duration;

use harper_rpc::Route;
use tokio::time::Instant;

use super::attach::serve_link;
use super::frame::Refusal;
use super::handshake::{self, Peer, peer_text};
use super::link::Direction;
use super::throttle;
use super::transport::Stream;
use super::{Event, HANDSHAKE_TIMEOUT, Inner, MAX_EVENT_MESSAGE_CHARS, RouteLinkState, now_ms};

/// First retry delay.
const BACKOFF_MIN: Duration = Duration::from_millis(100);
/// Longest retry delay.
const BACKOFF_MAX: Duration = Duration::from_secs(5);
/// A link that lived this long resets the backoff.
const STABLE_AFTER: Duration = Duration::from_secs(10);

/// Retry delays are spread by this fraction either way.
const JITTER: f64 = 0.25;

/// Dial `route` until the task is aborted (route removed or mesh stopped).
pub async fn route_loop(inner: Arc<Inner>, route: Route) {
    let mut backoff = BACKOFF_MIN;
    // The route starts as `connecting` (see `Mesh::set_routes`); a retry
    // keeps the last outcome, `down` or `refused`, until it has its own, so
    // status does not flicker to `connecting` and hide why the route is
    // not up.
    loop {
        let started = Instant::now();
        match connect(&inner, &route).await {
            Ok((peer, tls)) => {
                inner.set_route_state(&route, RouteLinkState::Up, Some(peer.node.clone()), None);
                let why = serve_link(
                    inner.clone(),
                    peer,
                    Direction::Outbound,
                    route.to_string(),
                    tls,
                )
                .await;
                inner.set_route_state(
                    &route,
                    RouteLinkState::Down,
                    None,
                    Some(format!("link lost: {why}")),
                );
                if started.elapsed() > STABLE_AFTER {
                    backoff = BACKOFF_MIN;
                }
            }
            Err(DialError {
                state,
                reason,
                peer,
                message,
            }) => {
                // The message may quote the other side (a refusal's words).
                let message = peer_text(&message, MAX_EVENT_MESSAGE_CHARS).into_owned();
                inner.set_route_state(&route, state, peer.clone(), Some(message.clone()));
                if state == RouteLinkState::Refused {
                    inner.record(Event {
                        at_ms: now_ms(),
                        peer,
                        addr: route.to_string(),
                        direction: Direction::Outbound,
                        reason,
                        message,
                    });
                } else {
                    tracing::debug!(route = %route, "dial failed: {message}");
                }
            }
        }
        tokio::time::sleep(inner.random.jitter(backoff, JITTER)).await;
        backoff = (backoff * 2).min(BACKOFF_MAX);
    }
}

/// Why a dial did not give a link.
struct DialError {
    /// The route's state: `down` (unreachable) or `refused`.
    state: RouteLinkState,
    /// The refusal reason, when refused.
    reason: Option<Refusal>,
    /// The node at the other end, when it got as far as saying its name.
    peer: Option<String>,
    /// For status and logs.
    message: String,
}

impl DialError {
    fn new(state: RouteLinkState, reason: Option<Refusal>, message: String) -> DialError {
        DialError {
            state,
            reason,
            peer: None,
            message,
        }
    }
}

async fn connect(inner: &Arc<Inner>, route: &Route) -> Result<(Peer, Stream), DialError> {
    let tcp = tokio::time::timeout(
        HANDSHAKE_TIMEOUT,
        inner.transport.connect(&route.host, route.port),
    )
    .await
    .map_err(|_| {
        DialError::new(
            RouteLinkState::Down,
            None,
            format!("unreachable: connecting to {route} timed out"),
        )
    })?
    .map_err(|e| DialError::new(RouteLinkState::Down, None, format!("unreachable: {e}")))?;
    // The listener may hold a connection from an address with failed
    // handshakes for up to the throttle's delay before it starts TLS.
    tokio::time::timeout(HANDSHAKE_TIMEOUT + throttle::MAX_DELAY, async {
        let secured = inner
            .security
            .dial(&route.host, tcp)
            .await
            .map_err(|(r, m)| DialError::new(RouteLinkState::Refused, r, m))?;
        let (mut tls, binding) = (secured.stream, secured.binding);
        let check = |p: &Peer| inner.check_peer(p);
        match handshake::dial(&mut tls, &inner.cfg.identity, &binding, &check).await {
            Ok(peer) => Ok((peer, tls)),
            Err(e) => {
                let (reason, peer, message) = e.explain();
                Err(DialError {
                    state: RouteLinkState::Refused,
                    reason: reason.or(Some(Refusal::Other)),
                    peer,
                    message,
                })
            }
        }
    })
    .await
    .map_err(|_| {
        DialError::new(
            RouteLinkState::Refused,
            Some(Refusal::Other),
            format!("handshake with {route} timed out"),
        )
    })?
}
