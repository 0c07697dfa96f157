//! The listening side: accept connections on the cluster port, throttle
//! them per source address (`throttle`), run TLS and the handshake, and hand
//! a node that passed to its link. Refusals and failures are recorded for
//! status, with the address.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use tokio::time::Instant;

use super::attach::serve_link;
use super::frame::Refusal;
use super::handshake::{self, HandshakeError, Peer};
use super::link::Direction;
use super::throttle::{self, Admission, Source};
use super::transport::{Listener, Stream};
use super::{Event, HANDSHAKE_TIMEOUT, Inner, now_ms};

/// Pause after a failed `accept` (out of file descriptors, ...).
const ACCEPT_RETRY: Duration = Duration::from_millis(50);

pub(super) async fn accept_loop(inner: Arc<Inner>, mut listener: Box<dyn Listener>) {
    loop {
        let (tcp, addr) = match listener.accept().await {
            Ok(x) => x,
            Err(e) => {
                tracing::warn!("cluster port accept failed: {e}");
                tokio::time::sleep(ACCEPT_RETRY).await;
                continue;
            }
        };
        let mut conns = inner.conns.lock().expect("conns");
        if inner.stopped.load(Ordering::SeqCst) {
            return;
        }
        // Reap the connections that have ended.
        while conns.try_join_next().is_some() {}
        conns.spawn(serve_connection(inner.clone(), tcp, addr));
    }
}

/// One accepted connection: the throttle, TLS, the handshake, then the link.
async fn serve_connection(inner: Arc<Inner>, tcp: Stream, addr: SocketAddr) {
    let src = Source::of(addr.ip());
    let addr = addr.to_string();
    let admission = inner
        .throttle
        .lock()
        .expect("throttle")
        .admit(src, Instant::now());
    let wait = match admission {
        Admission::Refuse { failures } => {
            tracing::warn!(
                %addr,
                failures,
                "mesh connection from {src} closed before TLS: too many handshakes are waiting ({failures} failed in a row from this address)"
            );
            return;
        }
        Admission::Go { wait, failures } => {
            if !wait.is_zero() {
                tracing::warn!(
                    %addr,
                    failures,
                    "mesh handshake from {src} throttled: {failures} failed in a row from this address, this one waits {} ms",
                    wait.as_millis()
                );
            }
            wait
        }
    };
    let mut pending = Pending {
        inner: inner.clone(),
        src,
        proven: false,
    };
    if !wait.is_zero() {
        // (A zero sleep would still wait for the timer's next tick.)
        tokio::time::sleep(wait).await;
    }
    let accepted = tokio::time::timeout(HANDSHAKE_TIMEOUT, async {
        let secured = inner
            .security
            .accept(tcp)
            .await
            .map_err(|(r, m)| (r, None, m, false))?;
        let (mut tls, binding) = (secured.stream, secured.binding);
        let check = |p: &Peer| inner.check_peer(p);
        handshake::accept(&mut tls, &inner.cfg.identity, &binding, &check)
            .await
            .map(|peer| (peer, tls))
            .map_err(|e: HandshakeError| {
                let (reason, peer, message) = e.explain();
                (reason, peer, message, e.peer_proved_password())
            })
    })
    .await;
    match accepted {
        Ok(Ok((peer, tls))) => {
            pending.proven = true;
            drop(pending);
            serve_link(inner, peer, Direction::Inbound, addr, tls).await;
        }
        Ok(Err((reason, peer, message, proven))) => {
            pending.proven = proven;
            drop(pending);
            inner.record(Event {
                at_ms: now_ms(),
                peer,
                addr,
                direction: Direction::Inbound,
                reason: reason.or(Some(Refusal::Other)),
                message,
            })
        }
        Err(_) => {
            drop(pending);
            inner.record(Event {
                at_ms: now_ms(),
                peer: None,
                addr,
                direction: Direction::Inbound,
                reason: Some(Refusal::Other),
                message: "handshake timed out".into(),
            })
        }
    }
}

/// A handshake admitted by the throttle; dropping it (the handshake ended,
/// or the mesh stopped) tells the throttle how it went.
struct Pending {
    inner: Arc<Inner>,
    src: Source,
    /// The peer proved the password.
    proven: bool,
}

impl Drop for Pending {
    fn drop(&mut self) {
        let failures = self.inner.throttle.lock().expect("throttle").finish(
            self.src,
            Instant::now(),
            self.proven,
        );
        let next = throttle::delay(failures);
        if !next.is_zero() {
            tracing::warn!(
                failures,
                "failed mesh handshakes from {}: {failures} in a row; the next one from this address waits at least {} ms",
                self.src,
                next.as_millis()
            );
        }
    }
}
