//! A hand-driven node on a live mesh link, for the link tests: it links
//! with the real handshake (`peer`), then sends heartbeats and whatever
//! frames or raw bytes the test gives it, and (when it reads) answers the
//! daemon's heartbeats and hands every other frame to the test. It runs on
//! a runtime of its own, so the test can drive the daemons' CLI meanwhile.
//!
//! Not here: what a test expects of the daemon (the tests say that).

use std::sync::mpsc;
use std::time::{Duration, Instant};

use harper_daemon::mesh::frame::{self, Body, Envelope, Frame};
use serde_json::Value;
use tokio::io::AsyncWriteExt;

use crate::{Node, WAIT, peer};

/// How often a [`LivePeer`] sends a heartbeat.
const HEARTBEAT: Duration = Duration::from_millis(300);

/// A node on a live link, driven by the test: it links with the real
/// handshake, sends heartbeats, and (when it reads) answers the daemon's
/// heartbeats and hands every other frame to the test.
pub struct LivePeer {
    rt: tokio::runtime::Runtime,
    out: tokio::sync::mpsc::UnboundedSender<Vec<u8>>,
    seen: mpsc::Receiver<Frame>,
    /// Its node name.
    pub name: String,
}

/// Whether a [`LivePeer`] reads what the daemon sends it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// It reads, answers heartbeats, and hands the rest to the test (its
    /// heartbeats do not count what it read, so the daemon judges it by
    /// its answers).
    Yes,
    /// It never reads a byte after the handshake; its heartbeats say it
    /// read nothing (`reports`) or say nothing about it.
    Never {
        /// Whether its heartbeats report what it read (0 bytes).
        reports: bool,
    },
}

/// Requests a [`LivePeer`] answers by itself (`cluster_status` and the
/// like, which would otherwise keep the daemon's status waiting); `None`
/// hands the request to the test.
pub type Auto = fn(&Value) -> Option<Result<Value, String>>;

/// Answers every request except replication's (`__pull`, `__seek`, ...) with an error.
pub fn all_but_replication(payload: &Value) -> Option<Result<Value, String>> {
    let op = payload["operation"].as_str().unwrap_or("");
    (!op.starts_with("__")).then(|| Err("a test peer".to_owned()))
}

impl LivePeer {
    /// Link to `node`'s mesh port as node `name`, presenting `cert_of`'s
    /// certificate; it sends heartbeats, and reads as `reading` says.
    pub fn link(node: &Node, cert_of: &Node, name: &str, reading: Reading, auto: Auto) -> LivePeer {
        let report = match reading {
            Reading::Never { reports: true } => Some(0),
            _ => None,
        };
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("runtime");
        let tls = rt.block_on(async {
            let mut c = peer::tls(node.cluster_port, peer::node_tls(cert_of))
                .await
                .expect("TLS to the mesh port");
            c.handshake(&peer::identity(name, None))
                .await
                .expect("the real handshake links");
            c
        });
        let (out, mut queue) = tokio::sync::mpsc::unbounded_channel::<Vec<u8>>();
        let (seen_tx, seen) = mpsc::channel();
        let (mut rd, mut wr) = tokio::io::split(tls.stream);
        rt.spawn(async move {
            let mut tick = tokio::time::interval(HEARTBEAT);
            let mut seq = 0;
            loop {
                let bytes = tokio::select! {
                    b = queue.recv() => match b { Some(b) => b, None => return },
                    _ = tick.tick() => {
                        seq += 1;
                        encoded(&Frame::Ping { seq, read: report })
                    }
                };
                if wr.write_all(&bytes).await.is_err() || wr.flush().await.is_err() {
                    return;
                }
            }
        });
        let pongs = out.clone();
        let me = name.to_owned();
        rt.spawn(async move {
            if reading != Reading::Yes {
                // Hold the read half (and so the connection) without reading.
                std::future::pending::<()>().await;
            }
            while let Ok(f) = frame::read_frame(&mut rd).await {
                match f {
                    Frame::Ping { seq, .. } => {
                        let _ = pongs.send(encoded(&Frame::Pong { seq, read: None }));
                    }
                    Frame::Envelope(Envelope {
                        from,
                        body: Body::Request { id, payload },
                        ..
                    }) if auto(&payload).is_some() => {
                        let result = auto(&payload).expect("checked");
                        let _ = pongs.send(encoded(&response(&me, &from, id, result)));
                    }
                    other => {
                        if seen_tx.send(other).is_err() {
                            return;
                        }
                    }
                }
            }
        });
        LivePeer {
            rt,
            out,
            seen,
            name: name.to_owned(),
        }
    }

    /// Write raw bytes (a length prefix and what follows).
    pub fn send_raw(&self, bytes: Vec<u8>) {
        let _ = self.out.send(bytes);
    }

    /// Write a frame.
    pub fn send(&self, f: &Frame) {
        self.send_raw(encoded(f));
    }

    /// The next frame from the daemon for which `pick` returns Some, within [`WAIT`].
    pub fn next<T>(&self, what: &str, mut pick: impl FnMut(&Frame) -> Option<T>) -> T {
        let end = Instant::now() + WAIT;
        loop {
            let left = end.saturating_duration_since(Instant::now());
            match self.seen.recv_timeout(left) {
                Ok(f) => {
                    if let Some(v) = pick(&f) {
                        return v;
                    }
                }
                Err(e) => panic!(
                    "{}: no {what} from the daemon within {WAIT:?} ({e})",
                    self.name
                ),
            }
        }
    }

    /// The daemon's answer to our request `id`.
    pub fn answer(&self, id: u64) -> Body {
        self.next(&format!("answer to request {id}"), |f| match f {
            Frame::Envelope(e) => match &e.body {
                Body::Response { id: i, .. } | Body::NoRoute { id: i, .. } if *i == id => {
                    Some(e.body.clone())
                }
                _ => None,
            },
            _ => None,
        })
    }
}

impl Drop for LivePeer {
    fn drop(&mut self) {
        // Let the tasks go without waiting for them.
        let rt = std::mem::replace(
            &mut self.rt,
            tokio::runtime::Builder::new_current_thread()
                .build()
                .expect("runtime"),
        );
        rt.shutdown_background();
    }
}

/// A frame as it travels (length prefix included).
pub fn encoded(f: &Frame) -> Vec<u8> {
    frame::encode(f).expect("a test frame fits").wire().to_vec()
}

/// `json` as a frame: its length, then its bytes.
pub fn raw(json: impl AsRef<[u8]>) -> Vec<u8> {
    let b = json.as_ref();
    let mut out = (b.len() as u32).to_be_bytes().to_vec();
    out.extend_from_slice(b);
    out
}

/// A JSON value nested `depth` levels.
pub fn deep(depth: usize) -> String {
    format!("{}1{}", "[".repeat(depth), "]".repeat(depth))
}

/// An answer from `from` to `to`.
pub fn response(from: &str, to: &str, id: u64, result: Result<Value, String>) -> Frame {
    Frame::Envelope(Envelope {
        from: from.to_owned(),
        to: to.to_owned(),
        ttl: 16,
        body: Body::Response { id, result },
    })
}

/// A request from `from` to `to`.
pub fn request(from: &str, to: &str, id: u64, payload: Value) -> Frame {
    Frame::Envelope(Envelope {
        from: from.to_owned(),
        to: to.to_owned(),
        ttl: 16,
        body: Body::Request { id, payload },
    })
}
