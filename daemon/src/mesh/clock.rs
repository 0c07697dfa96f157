//! A link's liveness clock (when it last made progress each way, how long
//! the peer has been silent less the time this node was starved, what the
//! peer says it has read), and the small counters the link keeps: the
//! window of undecodable frames and the throttle of log lines. No I/O.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use tokio::time::Instant;

use super::link::{LATE_TICK, LOG_EVERY, LONG_FRAME_AFTER, UNDECODABLE_WINDOW};

/// When the link last made progress each way, in ms since it came up plus
/// one (0 = never / not now).
#[derive(Debug)]
pub(super) struct Clock {
    pub(super) start: Instant,
    /// Any byte read from the peer.
    pub(super) heard: AtomicU64,
    /// Time this node was starved (its ticks late), ms in all.
    pub(super) starved: AtomicU64,
    /// `starved` when the peer was last heard.
    pub(super) starved_at_heard: AtomicU64,
    /// When the frame now arriving began to (0 between frames).
    pub(super) frame_started: AtomicU64,
    /// True while the writer holds a frame it has not finished writing.
    pub(super) writing: AtomicBool,
    /// The writer's last progress: a frame taken or bytes written.
    pub(super) wrote: AtomicU64,
    /// When the first heartbeat not yet answered was written (0 = none).
    pub(super) unanswered: AtomicU64,
    /// Bytes read from the peer so far.
    pub(super) read_bytes: AtomicU64,
    /// Bytes written to the peer so far.
    pub(super) written_bytes: AtomicU64,
    /// Frames read from the peer so far.
    pub(super) frames_read: AtomicU64,
    /// Frames written to the peer so far.
    pub(super) frames_written: AtomicU64,
    /// The most the peer has said it read of what was written to it.
    pub(super) peer_read: AtomicU64,
    /// True once the peer has said it (an older peer does not).
    pub(super) peer_reports: AtomicBool,
    /// When the peer was last seen reading: its count grew, or it had read
    /// everything, or its reports were held up behind a long frame.
    pub(super) peer_progress: AtomicU64,
}

impl Clock {
    pub(super) fn new() -> Clock {
        Clock {
            start: Instant::now(),
            heard: AtomicU64::new(1),
            starved: AtomicU64::new(0),
            starved_at_heard: AtomicU64::new(0),
            frame_started: AtomicU64::new(0),
            writing: AtomicBool::new(false),
            wrote: AtomicU64::new(1),
            unanswered: AtomicU64::new(0),
            read_bytes: AtomicU64::new(0),
            written_bytes: AtomicU64::new(0),
            frames_read: AtomicU64::new(0),
            frames_written: AtomicU64::new(0),
            peer_read: AtomicU64::new(0),
            peer_reports: AtomicBool::new(false),
            peer_progress: AtomicU64::new(1),
        }
    }

    /// What this side reports in its heartbeats.
    pub(super) fn report(&self) -> Option<u64> {
        Some(self.read_bytes.load(Ordering::Acquire))
    }

    /// The peer's report, from one of its heartbeats.
    pub(super) fn reported(&self, read: Option<u64>) {
        let Some(read) = read else {
            return;
        };
        self.peer_reports.store(true, Ordering::Release);
        if self.peer_read.fetch_max(read, Ordering::AcqRel) < read {
            self.peer_progress.store(self.now(), Ordering::Release);
        }
    }

    /// True while a frame from the peer has been arriving for long.
    pub(super) fn long_frame(&self) -> bool {
        let started = self.frame_started.load(Ordering::Acquire);
        started != 0 && self.since(started) > LONG_FRAME_AFTER
    }

    pub(super) fn now(&self) -> u64 {
        self.start.elapsed().as_millis() as u64 + 1
    }

    /// The peer was heard now.
    pub(super) fn hear(&self) {
        let now = self.now();
        self.heard.store(now, Ordering::Release);
        self.starved_at_heard
            .store(self.starved.load(Ordering::Acquire), Ordering::Release);
    }

    /// A tick came `late` after it was due.
    pub(super) fn tick_late(&self, late: Duration) {
        if late > LATE_TICK {
            self.starved
                .fetch_add(late.as_millis() as u64, Ordering::AcqRel);
        }
    }

    /// How long the peer has been silent, less the time this node was starved meanwhile.
    pub(super) fn silence(&self) -> Duration {
        let starved = self
            .starved
            .load(Ordering::Acquire)
            .saturating_sub(self.starved_at_heard.load(Ordering::Acquire));
        self.since(self.heard.load(Ordering::Acquire))
            .saturating_sub(Duration::from_millis(starved))
    }

    pub(super) fn since(&self, at: u64) -> Duration {
        Duration::from_millis(self.now().saturating_sub(at))
    }
}

/// Undecodable frames counted over [`UNDECODABLE_WINDOW`].
#[derive(Default)]
pub(super) struct Window {
    pub(super) start: Option<Instant>,
    pub(super) count: u32,
}

impl Window {
    pub(super) fn count(&mut self) -> u32 {
        match self.start {
            Some(s) if s.elapsed() < UNDECODABLE_WINDOW => {}
            _ => {
                self.start = Some(Instant::now());
                self.count = 0;
            }
        }
        self.count += 1;
        self.count
    }
}

/// One log line per [`LOG_EVERY`]; counts the ones held back.
#[derive(Debug, Default)]
pub(super) struct Throttle {
    pub(super) last: Option<Instant>,
    pub(super) held_back: u64,
}

impl Throttle {
    /// `Some(lines held back since the last one)` when a line may be logged now.
    pub(super) fn allow(&mut self) -> Option<u64> {
        match self.last {
            Some(t) if t.elapsed() < LOG_EVERY => {
                self.held_back += 1;
                None
            }
            _ => {
                self.last = Some(Instant::now());
                Some(std::mem::take(&mut self.held_back))
            }
        }
    }
}

pub(super) fn more_since(n: u64) -> String {
    if n == 0 {
        String::new()
    } else {
        format!(" ({n} more since the last line)")
    }
}
