//! What one link may hold: its frames waiting to be written, bounded in
//! bytes, with heartbeats ahead of them.
//!
//! Frames arrive here encoded (their senders encoded them, so the size is
//! known and within the frame limit). Each takes its bytes from a budget of
//! [`QUEUE_BYTES`] until it is written; a sender waits for room with a
//! deadline, `try_send` fails at once. Senders waiting for room hold at most
//! [`WAITING_BYTES`] between them (one frame may always wait); a send beyond
//! that fails at once, so a peer that does not read cannot make this node
//! hold answer after answer. Heartbeats have a small queue of their own that
//! the writer drains first.
//!
//! Not here: when a peer is taken not to read (see `link`).

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore, TryAcquireError, mpsc};

use super::frame::{Encoded, TooLarge};

/// Bytes of frames queued for one link. A frame larger than this (up to the
/// frame limit) takes all of it: it is queued alone.
pub const QUEUE_BYTES: usize = 16 * 1024 * 1024;
/// Bytes of frames that senders may hold while they wait for room in one
/// link's queue; a send beyond it fails at once (one frame may always wait).
pub const WAITING_BYTES: usize = 16 * 1024 * 1024;
/// The least a queued frame weighs in the budget, so tiny frames cannot
/// queue without bound in number.
const MIN_FRAME_WEIGHT_BYTES: usize = 256;
/// Heartbeat frames (pings and pongs) waiting ahead of the others; more are dropped.
const CONTROL_FRAMES: usize = 16;

const _: () =
    assert!(QUEUE_BYTES <= Semaphore::MAX_PERMITS && QUEUE_BYTES >= MIN_FRAME_WEIGHT_BYTES);

/// Why a frame was not queued.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    /// The link is gone.
    #[error("the link is closed")]
    Closed,
    /// The frame is above the frame limit (the peer would refuse it).
    #[error("the frame is {0}")]
    TooLarge(TooLarge),
    /// No room in the link's queue (at once, or within the deadline).
    #[error("{queued} bytes are queued for the link")]
    Full {
        /// Bytes queued when the send gave up.
        queued: usize,
    },
}

/// The sending side of a link's queues.
#[derive(Debug)]
pub(super) struct Queue {
    data: mpsc::UnboundedSender<Queued>,
    control: mpsc::Sender<Next>,
    budget: Arc<Semaphore>,
    queued_bytes: AtomicUsize,
    waiting_bytes: AtomicUsize,
}

/// The writer's side of a link's queues.
pub(super) struct Receivers {
    control: mpsc::Receiver<Next>,
    data: mpsc::UnboundedReceiver<Queued>,
}

#[derive(Debug)]
struct Queued {
    frame: Encoded,
    permit: OwnedSemaphorePermit,
}

/// A frame to write.
#[derive(Debug)]
pub(super) struct Next {
    /// The frame.
    pub frame: Encoded,
    /// True for a heartbeat that asks for an answer.
    pub ping: bool,
    /// Its share of the budget, given back once it is written.
    permit: Option<OwnedSemaphorePermit>,
}

impl Queue {
    /// A new link's queues.
    pub(super) fn new() -> (Queue, Receivers) {
        let (data_tx, data) = mpsc::unbounded_channel();
        let (control_tx, control) = mpsc::channel(CONTROL_FRAMES);
        (
            Queue {
                data: data_tx,
                control: control_tx,
                budget: Arc::new(Semaphore::new(QUEUE_BYTES)),
                queued_bytes: AtomicUsize::new(0),
                waiting_bytes: AtomicUsize::new(0),
            },
            Receivers { control, data },
        )
    }

    /// Queue `frame`, waiting up to `wait` for room.
    pub(super) async fn send(&self, frame: Encoded, wait: Duration) -> Result<(), SendError> {
        let weight = weight(&frame);
        if let Ok(p) = self.budget.clone().try_acquire_many_owned(weight) {
            return self.push(frame, p);
        }
        if self.budget.is_closed() {
            return Err(SendError::Closed);
        }
        let len = frame.len();
        let waiting = self.waiting_bytes.fetch_add(len, Ordering::AcqRel);
        let _waiting = Waiting(&self.waiting_bytes, len);
        if waiting > 0 && waiting + len > WAITING_BYTES {
            return Err(self.full());
        }
        match tokio::time::timeout(wait, self.budget.clone().acquire_many_owned(weight)).await {
            Ok(Ok(p)) => self.push(frame, p),
            Ok(Err(_)) => Err(SendError::Closed),
            Err(_) => Err(self.full()),
        }
    }

    /// Queue `frame` if there is room now.
    pub(super) fn try_send(&self, frame: Encoded) -> Result<(), SendError> {
        match self.budget.clone().try_acquire_many_owned(weight(&frame)) {
            Ok(p) => self.push(frame, p),
            Err(TryAcquireError::Closed) => Err(SendError::Closed),
            Err(TryAcquireError::NoPermits) => Err(self.full()),
        }
    }

    /// Queue a heartbeat ahead of the others; dropped when too many wait.
    pub(super) fn heartbeat(&self, frame: Encoded, ping: bool) {
        let _ = self.control.try_send(Next {
            frame,
            ping,
            permit: None,
        });
    }

    /// Bytes of frames queued (the one being written included).
    pub(super) fn queued_bytes(&self) -> usize {
        self.queued_bytes.load(Ordering::Acquire)
    }

    /// The frame was written: give its bytes back.
    pub(super) fn written(&self, next: Next) {
        if next.permit.is_some() {
            self.queued_bytes
                .fetch_sub(next.frame.len(), Ordering::AcqRel);
        }
    }

    /// The link is gone: senders waiting for room fail at once, and no more
    /// frames are taken.
    pub(super) fn close(&self) {
        self.budget.close();
    }

    fn push(&self, frame: Encoded, permit: OwnedSemaphorePermit) -> Result<(), SendError> {
        let len = frame.len();
        self.queued_bytes.fetch_add(len, Ordering::AcqRel);
        self.data.send(Queued { frame, permit }).map_err(|_| {
            self.queued_bytes.fetch_sub(len, Ordering::AcqRel);
            SendError::Closed
        })
    }

    fn full(&self) -> SendError {
        SendError::Full {
            queued: self.queued_bytes(),
        }
    }
}

impl Receivers {
    /// The next frame to write, heartbeats first; `None` once the link's
    /// handles are gone.
    pub(super) async fn next(&mut self) -> Option<Next> {
        tokio::select! {
            biased;
            c = self.control.recv() => c,
            d = self.data.recv() => d.map(|q| Next {
                frame: q.frame,
                ping: false,
                permit: Some(q.permit),
            }),
        }
    }

    /// True when no frame waits (the moment to flush).
    pub(super) fn is_empty(&self) -> bool {
        self.control.is_empty() && self.data.is_empty()
    }
}

/// What a frame weighs in a link's budget: its bytes, at least
/// [`MIN_FRAME_WEIGHT_BYTES`], at most the whole budget.
fn weight(frame: &Encoded) -> u32 {
    frame.len().clamp(MIN_FRAME_WEIGHT_BYTES, QUEUE_BYTES) as u32
}

/// Bytes a sender holds while it waits for room; given back when it stops.
struct Waiting<'a>(&'a AtomicUsize, usize);

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(self.1, Ordering::AcqRel);
    }
}

#[cfg(test)]
mod tests {
    use super::super::frame::{self, Frame, MAX_FRAME_BYTES};
    use super::*;

    fn blob(bytes: usize) -> Encoded {
        frame::encode(&Frame::Refused {
            reason: super::super::frame::Refusal::Other,
            message: "x".repeat(bytes),
        })
        .expect("within the limit")
    }

    #[tokio::test]
    async fn the_budget_bounds_queued_and_waiting_bytes() {
        let (q, mut rx) = Queue::new();
        let mib = 1024 * 1024;
        // A frame larger than the budget is queued alone.
        q.try_send(blob(20 * mib)).unwrap();
        assert!(q.queued_bytes() > 20 * mib);
        assert!(matches!(q.try_send(blob(10)), Err(SendError::Full { .. })));
        // One sender may wait, with any size, until its deadline; a second
        // one beyond the waiting bytes fails at once.
        let first = q.send(blob(12 * mib), Duration::from_millis(200));
        let second = async {
            tokio::task::yield_now().await;
            let at_once = Duration::from_secs(10);
            tokio::time::timeout(at_once, q.send(blob(8 * mib), Duration::from_secs(60))).await
        };
        let (first, second) = tokio::join!(first, second);
        assert!(matches!(first, Err(SendError::Full { .. })), "{first:?}");
        assert!(
            matches!(second, Ok(Err(SendError::Full { .. }))),
            "{second:?}"
        );
        // Written, the bytes come back; heartbeats come first.
        q.heartbeat(
            frame::encode(&Frame::Ping { seq: 1, read: None }).unwrap(),
            true,
        );
        let n = rx.next().await.unwrap();
        assert!(n.ping);
        q.written(n);
        let n = rx.next().await.unwrap();
        q.written(n);
        assert_eq!(q.queued_bytes(), 0);
        assert!(rx.is_empty());
        q.try_send(blob(10)).unwrap();
        q.close();
        assert_eq!(
            q.send(blob(QUEUE_BYTES), Duration::from_secs(1)).await,
            Err(SendError::Closed)
        );
        const { assert!(QUEUE_BYTES <= MAX_FRAME_BYTES && WAITING_BYTES <= MAX_FRAME_BYTES) };
    }
}
