//! One live link: a reader task, a writer task, heartbeats, and the dispatch
//! of incoming frames to the mesh. A link ends when either side closes it, a
//! frame is bad, or nothing has been heard for `DEAD_AFTER`.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime};

use tokio::io::{AsyncRead, AsyncWrite};
use tokio::sync::mpsc;

use super::Inner;
use super::frame::{Frame, read_frame, write_frame};

/// How often a link sends a heartbeat.
pub const PING_INTERVAL: Duration = Duration::from_millis(500);
/// Silence after which a link is declared dead.
pub const DEAD_AFTER: Duration = Duration::from_secs(2);
/// Frames queued for one link before senders wait.
const QUEUE_FRAMES: usize = 4096;

/// Which side dialled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// We dialled it (one of our routes).
    Outbound,
    /// It dialled us.
    Inbound,
}

/// A handle to send on a live link.
#[derive(Debug, Clone)]
pub struct LinkHandle {
    /// Unique id of this link.
    pub id: u64,
    /// The peer's node name.
    pub peer: String,
    /// The peer's installation id.
    pub instance: String,
    /// The peer's program version.
    pub version: String,
    /// Who dialled.
    pub direction: Direction,
    /// The remote socket address.
    pub addr: String,
    /// When it came up.
    pub since: SystemTime,
    /// Round-trip time of the last heartbeat, µs (0 = none yet).
    pub rtt_micros: Arc<AtomicU64>,
    tx: mpsc::Sender<Frame>,
}

impl LinkHandle {
    /// Queue a frame; false when the link is gone.
    pub async fn send(&self, frame: Frame) -> bool {
        self.tx.send(frame).await.is_ok()
    }

    /// Queue a frame without waiting; false when the link is gone or full.
    pub fn try_send(&self, frame: Frame) -> bool {
        self.tx.try_send(frame).is_ok()
    }
}

static NEXT_LINK_ID: AtomicU64 = AtomicU64::new(1);

/// Create the handle and the receiving end of its queue.
pub fn handle(
    peer: &super::handshake::Peer,
    direction: Direction,
    addr: String,
) -> (LinkHandle, mpsc::Receiver<Frame>) {
    let (tx, rx) = mpsc::channel(QUEUE_FRAMES);
    (
        LinkHandle {
            id: NEXT_LINK_ID.fetch_add(1, Ordering::Relaxed),
            peer: peer.node.clone(),
            instance: peer.instance.clone(),
            version: peer.version.clone(),
            direction,
            addr,
            since: SystemTime::now(),
            rtt_micros: Arc::new(AtomicU64::new(0)),
            tx,
        },
        rx,
    )
}

/// Run the link until it ends; returns why it ended.
pub async fn run<S>(
    inner: Arc<Inner>,
    link: LinkHandle,
    mut queue: mpsc::Receiver<Frame>,
    stream: S,
) -> String
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let (mut rd, mut wr) = tokio::io::split(stream);
    // Reading is not cancel-safe, so it has a task of its own feeding a channel.
    // Both tasks hold a half of the stream: they must end with this future even
    // when it is dropped (a removed route, a stopped mesh), or the connection
    // would outlive the link.
    let (in_tx, mut incoming) = mpsc::channel::<std::io::Result<Frame>>(64);
    let _reader = AbortOnDrop(tokio::spawn(async move {
        loop {
            let r = read_frame(&mut rd).await;
            let end = r.is_err();
            if in_tx.send(r).await.is_err() || end {
                break;
            }
        }
    }));
    let _writer = AbortOnDrop(tokio::spawn(async move {
        while let Some(f) = queue.recv().await {
            if let Err(e) = write_frame(&mut wr, &f).await {
                return format!("write failed: {e}");
            }
        }
        "closed".to_owned()
    }));

    let mut ping = tokio::time::interval(PING_INTERVAL);
    let mut last_heard = Instant::now();
    let mut ping_seq = 0u64;
    let mut ping_sent: Option<(u64, Instant)> = None;
    loop {
        tokio::select! {
            frame = incoming.recv() => {
                let frame = match frame {
                    Some(Ok(f)) => f,
                    Some(Err(e)) if e.kind() == std::io::ErrorKind::UnexpectedEof => break "the peer closed the link".to_owned(),
                    Some(Err(e)) => break format!("read failed: {e}"),
                    None => break "reader ended".to_owned(),
                };
                last_heard = Instant::now();
                match frame {
                    Frame::Ping { seq } => {
                        if !link.try_send(Frame::Pong { seq }) {
                            break "send queue full".to_owned();
                        }
                    }
                    Frame::Pong { seq } => {
                        if let Some((s, at)) = ping_sent && s == seq {
                            link.rtt_micros.store(at.elapsed().as_micros().max(1) as u64, Ordering::Relaxed);
                        }
                    }
                    Frame::Refused { reason, message } => {
                        break format!("{}: {message}", reason.describe());
                    }
                    f if f.is_handshake() => {
                        break "protocol error: handshake frame on a live link".to_owned();
                    }
                    other => super::on_frame(&inner, &link, other).await,
                }
            }
            _ = ping.tick() => {
                if last_heard.elapsed() > DEAD_AFTER {
                    break format!("no heartbeat for {:.1}s", last_heard.elapsed().as_secs_f64());
                }
                ping_seq += 1;
                ping_sent = Some((ping_seq, Instant::now()));
                if !link.try_send(Frame::Ping { seq: ping_seq }) {
                    break "send queue full".to_owned();
                }
            }
        }
    }
}

/// A task that is aborted when this handle is dropped.
struct AbortOnDrop<T>(tokio::task::JoinHandle<T>);

impl<T> Drop for AbortOnDrop<T> {
    fn drop(&mut self) {
        self.0.abort();
    }
}
