//! The door's `GET` paths beside the operations API's `POST /`:
//!
//! - `/health/live` and `/health/ready` (see `metrics::health`), for
//!   systemd, Kubernetes and load balancers: no login, a small JSON body,
//!   200 or 503. They tell only whether the node works, never its data.
//! - `/metrics`, Prometheus' text format: behind the same login as the
//!   operations API (Basic or an operation token, 401 without one) and
//!   readable by super users (it tells what `cluster_status` tells: peers,
//!   tables, lags),
//!   unless `operationsApi.metrics.public: true` opens it to anyone who can
//!   reach the port (read live: no restart).
//!
//! `HEAD` is answered like `GET` (without the body); any other method gets
//! 405 with `Allow: GET, HEAD`. Nothing of a request's body is read: a
//! request that declares one is answered and its connection closed.

use std::net::SocketAddr;

use hyper::body::{Body as _, Incoming};
use hyper::{Method, Request};

use super::Door;
use super::answer::Answer;
use super::login::{self, Login};
use crate::metrics::{self, health};

/// The paths answered here.
pub const METRICS_PATH: &str = "/metrics";
/// The liveness probe.
pub const LIVE_PATH: &str = "/health/live";
/// The readiness probe.
pub const READY_PATH: &str = "/health/ready";

/// The answer to `req` when its path is one of the probes', else `None`.
pub(super) async fn answer(
    door: &Door,
    req: &Request<Incoming>,
    peer: SocketAddr,
) -> Option<Answer> {
    let path = req.uri().path();
    if ![METRICS_PATH, LIVE_PATH, READY_PATH].contains(&path) {
        return None;
    }
    let a = if req.method() != Method::GET && req.method() != Method::HEAD {
        Answer::error(405, &format!("Method not allowed: {path} answers GET")).allowing("GET, HEAD")
    } else {
        match path {
            LIVE_PATH => probe(health::live(&door.node)),
            READY_PATH => probe(health::ready(&door.node)),
            _ => scrape(door, req, peer).await,
        }
    };
    // A body was not read: the connection cannot carry another request.
    Some(if req.body().is_end_stream() {
        a
    } else {
        a.closing()
    })
}

fn probe(p: health::Probe) -> Answer {
    Answer::json(p.status, &p.body)
}

async fn scrape(door: &Door, req: &Request<Incoming>, peer: SocketAddr) -> Answer {
    if !door.node.config().settings().metrics_public {
        let caller = match login::from_headers(door, req.headers(), peer.ip()).await {
            Ok(Login::Basic(c) | Login::Operation(c)) => c,
            // No header, or a refresh token (it logs in for nothing but
            // `refresh_operation_token`).
            Ok(other) => return other.refusal(),
            Err(refusal) => return refusal,
        };
        if !caller.is_super_user(&door.node) {
            return Answer::error(
                403,
                "Reading /metrics is restricted to 'super_user' roles (or set operationsApi.metrics.public: true)",
            );
        }
    }
    Answer::bytes(
        200,
        metrics::CONTENT_TYPE,
        door.metrics.render().into_bytes(),
    )
}
