//! One live link: a reader task, a writer task, heartbeats, and the dispatch
//! of incoming frames to the mesh.
//!
//! What a peer can make this node hold through one link is bounded: frames
//! are encoded by their senders, so a frame the peer would refuse is never
//! queued (the sender learns its size at once), and the link's queue is
//! bounded in bytes (see `queue`). A frame that does not decode is skipped,
//! not fatal (its framing is intact); more than [`MAX_UNDECODABLE_FRAMES`]
//! of them within [`UNDECODABLE_WINDOW`] end the link.
//!
//! Heartbeats go ahead of queued frames, and any byte heard counts as a
//! heartbeat, so a large frame on a slow link does not make either side
//! look dead. Each heartbeat says how many bytes its sender has read from
//! the link, so a peer that reads slowly (what was written to it waits in
//! socket buffers and proxies) is told from one that does not read. A link
//! ends when either side closes it, the framing breaks, nothing has been
//! heard for [`DEAD_AFTER`], or the peer does not read: it has read nothing
//! more of what was written to it for [`NOT_READING_AFTER`] (a peer that
//! does not report: its answer to a heartbeat is that late), or nothing
//! could be written to it for [`WRITE_STALL_AFTER`]. Neither clock runs
//! while the peer is sending a long frame, which its heartbeats wait behind.
//!
//! Failure detection has slack, as Lifeguard gives memberlist. After
//! [`SUSPECT_AFTER`] of silence the link is suspect: it pings on every tick
//! (so one answer clears it) instead of every [`PING_INTERVAL`]. It is dead
//! only after [`DEAD_AFTER`] of silence, not counting the time this node
//! itself was starved: a tick that fires more than [`LATE_TICK`] after it
//! was due means this node's timers (and so its reader) ran late, and that
//! lateness is this node's fault, not the peer's. So a stopped peer
//! (SIGSTOP: its connection open and silent) is cut after [`DEAD_AFTER`]
//! plus at most one tick, and everyone else learns it within a gossip tick
//! per hop after that.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use tokio::time::Instant;

use harper_rpc::text::printable;
use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt};
use tokio::sync::mpsc;

use super::Inner;
use super::clock::{Clock, Throttle, Window, more_since};
pub use super::counters::Traffic;
use super::frame::{self, Frame, MAX_FRAME_BYTES, Undecodable};
pub use super::queue::{QUEUE_BYTES, SendError, WAITING_BYTES};
use super::queue::{Queue, Receivers};

/// How often a link sends a heartbeat.
pub const PING_INTERVAL: Duration = Duration::from_millis(500);
/// Silence (not one byte from the peer, not counting the time this node was
/// starved) after which a link is declared dead.
pub const DEAD_AFTER: Duration = Duration::from_secs(3);
/// Silence after which a link is suspect: it pings on every tick.
pub const SUSPECT_AFTER: Duration = Duration::from_secs(1);
/// A tick this much later than due counts as this node starved (for the lateness beyond it).
pub const LATE_TICK: Duration = Duration::from_millis(100);
/// How long the peer may read nothing more of what was written to it (not
/// counting time it spends sending us a long frame, which its reports wait
/// behind) before it is taken not to read and the link is cut.
pub const NOT_READING_AFTER: Duration = Duration::from_secs(5);
/// How long the writer may have bytes to send and write none of them before
/// the peer is taken not to read and the link is cut.
pub const WRITE_STALL_AFTER: Duration = Duration::from_secs(5);
/// Undecodable frames a peer may send within [`UNDECODABLE_WINDOW`]; one more ends the link.
pub const MAX_UNDECODABLE_FRAMES: u32 = 100;
/// The window over which undecodable frames are counted.
pub const UNDECODABLE_WINDOW: Duration = Duration::from_secs(60);
/// At most one log line per link per this period about skipped frames
/// (and one about dropped ones); the lines say how many were not logged.
pub const LOG_EVERY: Duration = Duration::from_secs(10);
/// Decoded frames waiting for the link's dispatcher before its reader waits.
const INCOMING_FRAMES: usize = 8;
/// Frames longer than this are decoded on the blocking pool, not on a
/// runtime worker that other links' heartbeats need.
const DECODE_INLINE_BYTES: usize = 256 * 1024;
/// Bytes written at a time, so a large frame shows the writer's progress
/// (one TLS record's worth: a link must carry less than this in
/// [`WRITE_STALL_AFTER`], about 3 KB/s, to look stalled while it drains).
const WRITE_CHUNK_BYTES: usize = 16 * 1024;
/// A frame still arriving after this long is a long frame: the peer's
/// answers to our heartbeats wait behind it, so they are not late meanwhile.
pub(super) const LONG_FRAME_AFTER: Duration = PING_INTERVAL;

/// Which side dialled (the catalogue's type, shown in status).
pub use harper_rpc::ops::Direction;

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
    shared: Arc<Shared>,
}

/// Counters of a link, for status (the catalogue's type).
pub use harper_rpc::ops::LinkStats;

/// What the handles, the reader, the writer and the dispatcher share.
#[derive(Debug)]
struct Shared {
    queue: Queue,
    /// Requests from this link being handled (see `route::RequestSlot`).
    in_flight: Arc<AtomicUsize>,
    undecodable: AtomicU64,
    last_undecodable: Mutex<Option<String>>,
    drops_logged: Mutex<Throttle>,
    clock: Clock,
    /// What gossip has for the peer until the next tick.
    outbox: Mutex<super::gossip::Outbox>,
    /// The heartbeat's state, kept by the node's ticker.
    beat: Mutex<Beat>,
    /// Why the ticker cut the link (the link's loop ends on it).
    cut: Mutex<Option<String>>,
    cut_now: tokio::sync::Notify,
}

/// When the link last pinged and sent a digest, and the last ping.
#[derive(Debug)]
struct Beat {
    last_ping: Option<Instant>,
    last_digest: Instant,
    seq: u64,
    sent: Option<(u64, Instant)>,
}

/// The receiving ends of a link's queues (the writer's).
pub struct Queues(Receivers);

impl LinkHandle {
    /// Encode and queue a frame, waiting up to `wait` for room. The frame is
    /// dropped once encoded, so a waiting sender holds its bytes only once.
    pub async fn send(&self, frame: Frame, wait: Duration) -> Result<(), SendError> {
        let encoded = frame::encode(&frame).map_err(SendError::TooLarge)?;
        drop(frame);
        self.shared.queue.send(encoded, wait).await
    }

    /// Encode and queue a frame if there is room now.
    pub fn try_send(&self, frame: &Frame) -> Result<(), SendError> {
        self.try_send_len(frame).map(|_| ())
    }

    /// [`LinkHandle::try_send`], saying how many bytes were queued.
    pub fn try_send_len(&self, frame: &Frame) -> Result<usize, SendError> {
        let encoded = frame::encode(frame).map_err(SendError::TooLarge)?;
        let len = encoded.len() + 4;
        self.shared.queue.try_send(encoded).map(|()| len)
    }

    /// Queue a heartbeat frame ahead of the others.
    fn heartbeat(&self, frame: Frame) {
        if let Ok(encoded) = frame::encode(&frame) {
            let ping = matches!(frame, Frame::Ping { .. });
            self.shared.queue.heartbeat(encoded, ping);
        }
    }

    /// Bytes of frames queued to be written.
    pub fn queued_bytes(&self) -> usize {
        self.shared.queue.queued_bytes()
    }

    /// What gossip has for the peer until the link's next tick.
    pub(super) fn outbox(&self) -> std::sync::MutexGuard<'_, super::gossip::Outbox> {
        self.shared.outbox.lock().expect("outbox")
    }

    /// The link's tick, from the node's ticker (one timer for all of a
    /// node's links, so what is due on each goes out together): the
    /// overdue checks, what gossip has queued, the digest and the ping when
    /// due. `late`: how long after it was due the tick came.
    pub(super) fn tick(&self, inner: &Inner, late: Duration) {
        let clock = &self.shared.clock;
        clock.tick_late(late);
        if self.shared.cut.lock().expect("cut").is_some() {
            return;
        }
        if let Some(why) = self.overdue() {
            tracing::warn!(peer = %printable(&self.peer), "cutting the link: {why}");
            *self.shared.cut.lock().expect("cut") = Some(why);
            self.shared.cut_now.notify_one();
            return;
        }
        let now = Instant::now();
        let (digest, ping) = {
            let mut b = self.shared.beat.lock().expect("beat");
            let digest = now.duration_since(b.last_digest) >= super::gossip::GOSSIP_INTERVAL;
            if digest {
                b.last_digest = now;
            }
            let suspect = clock.silence() > SUSPECT_AFTER;
            let ping = suspect
                || b.last_ping
                    .is_none_or(|t| now.duration_since(t) >= PING_INTERVAL);
            if ping {
                b.last_ping = Some(now);
                b.seq += 1;
                b.sent = Some((b.seq, now));
            }
            (digest, ping.then_some(b.seq))
        };
        super::gossip::on_tick(inner, self, digest);
        if let Some(seq) = ping {
            let read = clock.report();
            self.heartbeat(Frame::Ping { seq, read });
        }
    }

    /// The counter of requests from this link being handled here.
    pub(super) fn in_flight(&self) -> &Arc<AtomicUsize> {
        &self.shared.in_flight
    }

    /// Bytes and frames carried since the link came up.
    pub fn traffic(&self) -> Traffic {
        let c = &self.shared.clock;
        Traffic {
            bytes_sent: c.written_bytes.load(Ordering::Acquire),
            bytes_received: c.read_bytes.load(Ordering::Acquire),
            frames_sent: c.frames_written.load(Ordering::Acquire),
            frames_received: c.frames_read.load(Ordering::Acquire),
        }
    }

    /// Counters for status.
    pub fn stats(&self) -> LinkStats {
        let t = self.traffic();
        LinkStats {
            queued_bytes: self.queued_bytes(),
            requests_in_flight: self.shared.in_flight.load(Ordering::Acquire),
            undecodable_frames: self.shared.undecodable.load(Ordering::Acquire),
            last_undecodable: self
                .shared
                .last_undecodable
                .lock()
                .expect("last undecodable")
                .clone(),
            bytes_sent: t.bytes_sent,
            bytes_received: t.bytes_received,
            frames_sent: t.frames_sent,
            frames_received: t.frames_received,
        }
    }

    /// Log a warning about a frame this node dropped instead of sending on
    /// this link, at most one line per [`LOG_EVERY`].
    pub(super) fn warn_dropped(&self, what: impl FnOnce() -> String) {
        let allowed = self.shared.drops_logged.lock().expect("throttle").allow();
        if let Some(more) = allowed {
            tracing::warn!(peer = %printable(&self.peer), "{}{}", what(), more_since(more));
        }
    }

    /// Count a skipped frame; the reason to end the link when there are too many.
    fn skipped(&self, u: &Undecodable, window: &mut Window, log: &mut Throttle) -> Option<String> {
        self.shared.undecodable.fetch_add(1, Ordering::AcqRel);
        let what = format!("{} of {} bytes: {}", u.header.describe(), u.bytes, u.reason);
        *self
            .shared
            .last_undecodable
            .lock()
            .expect("last undecodable") = Some(what.clone());
        let n = window.count();
        if n > MAX_UNDECODABLE_FRAMES {
            return Some(format!(
                "{n} undecodable frames within {}s (the last: {what})",
                UNDECODABLE_WINDOW.as_secs()
            ));
        }
        if let Some(more) = log.allow() {
            tracing::warn!(
                peer = %printable(&self.peer),
                "skipped a frame from {} that does not decode: {what}{}",
                printable(&self.peer),
                more_since(more)
            );
        }
        None
    }

    /// Why the link must end now, if it must: silence, or a peer that does not read.
    fn overdue(&self) -> Option<String> {
        let c = &self.shared.clock;
        let silent = c.silence();
        if silent > DEAD_AFTER {
            return Some(format!("no heartbeat for {:.1}s", silent.as_secs_f64()));
        }
        let stalled = c.since(c.wrote.load(Ordering::Acquire));
        if c.writing.load(Ordering::Acquire) && stalled > WRITE_STALL_AFTER {
            return Some(format!(
                "node '{}' does not read: nothing could be written to it for {:.1}s ({} bytes queued)",
                printable(&self.peer),
                stalled.as_secs_f64(),
                self.queued_bytes()
            ));
        }
        if c.peer_reports.load(Ordering::Acquire) {
            let written = c.written_bytes.load(Ordering::Acquire);
            let unread = written.saturating_sub(c.peer_read.load(Ordering::Acquire));
            if unread == 0 || c.long_frame() {
                c.peer_progress.store(c.now(), Ordering::Release);
                return None;
            }
            let stuck = c.since(c.peer_progress.load(Ordering::Acquire));
            return (stuck > NOT_READING_AFTER).then(|| {
                format!(
                    "node '{}' does not read: it has read nothing more for {:.1}s, {unread} bytes written to it are unread ({} bytes queued)",
                    printable(&self.peer),
                    stuck.as_secs_f64(),
                    self.queued_bytes()
                )
            });
        }
        // A peer that does not report: its answers to heartbeats tell.
        let unanswered = c.unanswered.load(Ordering::Acquire);
        if unanswered == 0 {
            return None;
        }
        if c.long_frame() {
            // The answer waits behind the long frame the peer is sending:
            // the heartbeat's clock stops meanwhile.
            let _ = c.unanswered.compare_exchange(
                unanswered,
                c.now(),
                Ordering::AcqRel,
                Ordering::Acquire,
            );
            return None;
        }
        let late = c.since(unanswered);
        (late > NOT_READING_AFTER).then(|| {
            format!(
                "node '{}' does not read: its answer to a heartbeat is {:.1}s late ({} bytes queued)",
                printable(&self.peer),
                late.as_secs_f64(),
                self.queued_bytes()
            )
        })
    }
}

static NEXT_LINK_ID: AtomicU64 = AtomicU64::new(1);

/// Create the handle and the receiving ends of its queues.
pub fn handle(
    peer: &super::handshake::Peer,
    direction: Direction,
    addr: String,
) -> (LinkHandle, Queues) {
    let (queue, receivers) = Queue::new();
    let shared = Arc::new(Shared {
        queue,
        in_flight: Arc::new(AtomicUsize::new(0)),
        undecodable: AtomicU64::new(0),
        last_undecodable: Mutex::new(None),
        drops_logged: Mutex::new(Throttle::default()),
        clock: Clock::new(),
        outbox: Mutex::default(),
        beat: Mutex::new(Beat {
            last_ping: None,
            last_digest: Instant::now(),
            seq: 0,
            sent: None,
        }),
        cut: Mutex::new(None),
        cut_now: tokio::sync::Notify::new(),
    });
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
            shared,
        },
        Queues(receivers),
    )
}

/// A frame from the reader: decoded, or what could be read of it.
enum Incoming {
    /// A frame and its size on the wire.
    Frame(Frame, usize),
    Undecodable(Box<Undecodable>),
}

/// Run the link until it ends; returns why it ended.
pub async fn run<S>(inner: Arc<Inner>, link: LinkHandle, queues: Queues, stream: S) -> String
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let (rd, wr) = tokio::io::split(stream);
    // Reading is not cancel-safe, so it has a task of its own feeding a channel.
    // Both tasks hold a half of the stream: they must end with this future even
    // when it is dropped (a removed route, a stopped mesh), or the connection
    // would outlive the link.
    let (in_tx, mut incoming) = mpsc::channel(INCOMING_FRAMES);
    let _reader = AbortOnDrop(tokio::spawn(read_loop(rd, in_tx, link.clone())));
    let mut writer = AbortOnDrop(tokio::spawn(write_loop(wr, queues, link.shared.clone())));
    // Senders waiting for room must learn at once that the link is gone.
    let _close = CloseOnDrop(link.shared.clone());

    let mut window = Window::default();
    let mut log = Throttle::default();
    loop {
        tokio::select! {
            ended = &mut writer.0 => {
                break ended.unwrap_or_else(|e| format!("the writer failed: {e}"));
            }
            item = incoming.recv() => {
                let frame = match item {
                    Some(Ok(Incoming::Frame(f, bytes))) => {
                        if matches!(f, Frame::Digest { .. } | Frame::Members { .. } | Frame::Versions { .. } | Frame::Want { .. }) {
                            inner.counters.gossip_bytes_received.fetch_add(bytes as u64, Ordering::Relaxed);
                        }
                        f
                    }
                    Some(Ok(Incoming::Undecodable(u))) => {
                        if let Some(why) = link.skipped(&u, &mut window, &mut log) {
                            break why;
                        }
                        super::route::on_undecodable(&inner, *u);
                        continue;
                    }
                    Some(Err(e)) if e.kind() == std::io::ErrorKind::UnexpectedEof => break "the peer closed the link".to_owned(),
                    Some(Err(e)) => break format!("read failed: {e}"),
                    None => break "reader ended".to_owned(),
                };
                match frame {
                    Frame::Pong { seq, read } => {
                        link.shared.clock.reported(read);
                        link.shared.clock.unanswered.store(0, Ordering::Release);
                        let sent = link.shared.beat.lock().expect("beat").sent;
                        if let Some((s, at)) = sent && s == seq {
                            link.rtt_micros.store(at.elapsed().as_micros().max(1) as u64, Ordering::Relaxed);
                        }
                    }
                    Frame::Refused { reason, message } => {
                        break format!("{}: {message}", reason.describe());
                    }
                    f if f.is_handshake() => {
                        break "protocol error: handshake frame on a live link".to_owned();
                    }
                    other => super::gossip::on_frame(&inner, &link, other),
                }
            }
            () = link.shared.cut_now.notified() => {
                let why = link.shared.cut.lock().expect("cut").clone();
                if let Some(why) = why {
                    break why;
                }
            }
        }
    }
}

/// Read frames until the stream ends or breaks. Pings are answered here, so
/// the answer says exactly that this side reads.
async fn read_loop<R: AsyncRead + Unpin>(
    mut rd: R,
    tx: mpsc::Sender<std::io::Result<Incoming>>,
    link: LinkHandle,
) {
    let clock = &link.shared.clock;
    // Bytes of the frames read before this one, length prefixes included.
    let mut before = 0u64;
    loop {
        let read = frame::read_frame_bytes(&mut rd, MAX_FRAME_BYTES, |n| {
            let now = clock.now();
            clock.hear();
            if n == 0 {
                clock.frame_started.store(now, Ordering::Release);
            }
            clock
                .read_bytes
                .store(before + 4 + n as u64, Ordering::Release);
        })
        .await;
        clock.frame_started.store(0, Ordering::Release);
        let bytes = match read {
            Ok(b) => {
                before += 4 + b.len() as u64;
                clock.frames_read.fetch_add(1, Ordering::Relaxed);
                b
            }
            Err(e) => {
                let _ = tx.send(Err(e)).await;
                return;
            }
        };
        let wire_len = 4 + bytes.len();
        let decoded = if bytes.len() > DECODE_INLINE_BYTES {
            match tokio::task::spawn_blocking(move || frame::decode(&bytes)).await {
                Ok(d) => d,
                Err(e) => {
                    let _ = tx.send(Err(std::io::Error::other(e))).await;
                    return;
                }
            }
        } else {
            frame::decode(&bytes)
        };
        let item = match decoded {
            Ok(Frame::Ping { seq, read }) => {
                clock.reported(read);
                link.heartbeat(Frame::Pong {
                    seq,
                    read: clock.report(),
                });
                continue;
            }
            Ok(f) => Incoming::Frame(f, wire_len),
            Err(u) => Incoming::Undecodable(u),
        };
        if tx.send(Ok(item)).await.is_err() {
            return;
        }
    }
}

/// Write queued frames, heartbeats first, flushing when nothing else waits.
async fn write_loop<W: AsyncWrite + Unpin>(
    mut wr: W,
    Queues(mut q): Queues,
    shared: Arc<Shared>,
) -> String {
    let clock = &shared.clock;
    while let Some(next) = q.next().await {
        clock.wrote.store(clock.now(), Ordering::Release);
        clock.writing.store(true, Ordering::Release);
        let written = frame::write_encoded(&mut wr, &next.frame, WRITE_CHUNK_BYTES, |n| {
            clock.wrote.store(clock.now(), Ordering::Release);
            clock.written_bytes.fetch_add(n as u64, Ordering::AcqRel);
        })
        .await;
        if let Err(e) = written {
            return format!("write failed: {e}");
        }
        clock.frames_written.fetch_add(1, Ordering::Relaxed);
        if q.is_empty()
            && let Err(e) = wr.flush().await
        {
            return format!("write failed: {e}");
        }
        clock.writing.store(false, Ordering::Release);
        if next.ping {
            let _ = clock.unanswered.compare_exchange(
                0,
                clock.now(),
                Ordering::AcqRel,
                Ordering::Acquire,
            );
        }
        shared.queue.written(next);
    }
    "closed".to_owned()
}

/// A task that is aborted when this handle is dropped.
struct AbortOnDrop<T>(tokio::task::JoinHandle<T>);

impl<T> Drop for AbortOnDrop<T> {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// A link's queue, closed when the link ends (waiting senders fail at once).
struct CloseOnDrop(Arc<Shared>);

impl Drop for CloseOnDrop {
    fn drop(&mut self) {
        self.0.queue.close();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn silence_does_not_count_the_time_this_node_was_starved() {
        let c = Clock::new();
        c.hear();
        c.heard.store(1, Ordering::Release);
        // Pretend 4 s passed since the peer was heard.
        let c = Clock {
            start: Instant::now() - Duration::from_secs(4),
            ..c
        };
        assert!(c.silence() > DEAD_AFTER);
        // A tick a little late is not starvation; 2.5 s late is.
        c.tick_late(LATE_TICK / 2);
        assert!(c.silence() > DEAD_AFTER);
        c.tick_late(Duration::from_millis(2500));
        assert!(c.silence() < DEAD_AFTER && c.silence() > SUSPECT_AFTER);
        // Hearing the peer starts afresh.
        c.hear();
        assert!(c.silence() < Duration::from_millis(50));
    }

    #[test]
    fn the_window_and_the_throttle_count() {
        let mut w = Window::default();
        assert_eq!((w.count(), w.count()), (1, 2));
        let mut t = Throttle::default();
        assert_eq!(t.allow(), Some(0));
        assert_eq!(t.allow(), None);
        assert_eq!(t.allow(), None);
        t.last = Some(Instant::now() - LOG_EVERY);
        assert_eq!(t.allow(), Some(2));
    }
}
