//! The commit thread: every write of the daemon (local writes, applied remote
//! transactions, snapshots, purges) runs here, one after another, and each
//! round of them is made durable by ONE flush before any of them is answered
//! (group commit). sled serialises transactions anyway, so one thread loses
//! nothing; it saves every writer a flush of its own and two thread hand-offs,
//! and a flush can never overlap a transaction (see `gate`). Local writes
//! come as typed jobs (`Store::commit_write`) so that the writes of one table
//! that follow each other in a round share one sled transaction (`group`).
//!
//! The thread holds the store weakly: when the last `Store` goes, it ends and
//! sled's files close.

use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::mpsc;
use std::sync::{Arc, Weak};

use harper_rpc::TableRef;
use harper_rpc::ops::WriteAction;
use serde_json::Value;

use super::{Inner, Store, StoreError, WriteItem, WriteOutcome, disk, gate};
use crate::histogram::{Histogram, Snapshot};

/// Most jobs in one round (one flush).
const MAX_ROUND: usize = 4096;

/// The answer of a job, sent after the flush (with its result).
type Answer = Box<dyn FnOnce(Result<(), StoreError>) + Send>;

/// A job given the store (or None when it is refused without running).
pub(super) type RunJob = Box<dyn FnOnce(Option<&Store>) -> Answer + Send>;

/// Work for the commit thread; its answer goes out after the flush.
pub(super) enum Job {
    /// Runs on the commit thread (given the store), or is refused without
    /// running (given None).
    Run(RunJob),
    /// A local write: consecutive ones to one table in a round share one
    /// transaction (see `group`).
    Write(WriteJob),
}

/// A local write and where its outcome goes.
pub(super) struct WriteJob {
    table: TableRef,
    item: WriteItem,
    reply: WriteReply,
}

/// The answer of a write whose outcome is `outcome`, sent once the round is flushed.
fn write_answer(reply: WriteReply, outcome: Result<WriteOutcome, StoreError>) -> Answer {
    Box::new(move |flushed: Result<(), StoreError>| {
        let _ = reply.send(flushed.and(outcome));
    })
}

type WriteReply = tokio::sync::oneshot::Sender<Result<WriteOutcome, StoreError>>;

/// The answers of the round being flushed: the commit thread takes them when
/// the flush returns, the disk watcher when the flush is stuck on a full disk.
#[derive(Default)]
pub(super) struct Pending(std::sync::Mutex<Vec<Answer>>);

impl Pending {
    fn put(&self, answers: Vec<Answer>) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = answers;
    }

    /// Send `result` to every answer still waiting.
    fn answer(&self, result: impl Fn() -> Result<(), StoreError>) {
        let answers = std::mem::take(&mut *self.0.lock().unwrap_or_else(|e| e.into_inner()));
        for a in answers {
            a(result());
        }
    }
}

/// The sending half, kept by the store.
pub(super) type Queue = mpsc::Sender<Job>;

/// Start the commit thread of `inner`.
pub(super) fn start(inner: Weak<Inner>, jobs: mpsc::Receiver<Job>) -> std::io::Result<()> {
    let watched = inner.clone();
    std::thread::Builder::new()
        .name("harper-commit".into())
        .spawn(move || run(inner, jobs))?;
    std::thread::Builder::new()
        .name("harper-disk".into())
        .spawn(move || watch_disk(watched))
        .map(|_| ())
}

/// The disk watcher: fails a round stuck on a full disk (answering its
/// writers at once) and notices when a failed disk takes writes again. Ends
/// with the store.
fn watch_disk(inner: Weak<Inner>) {
    loop {
        std::thread::sleep(disk::PROBE_EVERY);
        let Some(inner) = inner.upgrade() else {
            return;
        };
        if inner.disk.watch(&inner.path) {
            let failure = inner.disk.failure();
            inner
                .pending
                .answer(|| Err(disk_error(&inner, failure.clone())));
        }
    }
}

/// The disk error of the store (`failure`, else a generic one).
fn disk_error(inner: &Inner, failure: Option<disk::DiskFailure>) -> StoreError {
    StoreError::Disk(failure.unwrap_or_else(|| disk::DiskFailure {
        dir: inner.path.clone(),
        error: "a write to the disk failed".into(),
        full: false,
    }))
}

fn run(inner: Weak<Inner>, jobs: mpsc::Receiver<Job>) {
    // Waiting here holds no reference: the store can go away meanwhile.
    while let Ok(first) = jobs.recv() {
        let Some(inner) = inner.upgrade() else {
            return;
        };
        let store = Store { inner };
        // A disk without room: refuse the round before sled meets it.
        if let Some(f) = store.inner.disk.preflight(&store.inner.path) {
            refuse(first, f.clone());
            while let Ok(job) = jobs.try_recv() {
                refuse(job, f.clone());
            }
            continue;
        }
        let mut round = vec![first];
        while round.len() < MAX_ROUND {
            match jobs.try_recv() {
                Ok(job) => round.push(job),
                Err(_) => break,
            }
        }
        let answers = run_round(&store, round);
        let round = answers.len() as u64;
        store.inner.pending.put(answers);
        let started = std::time::Instant::now();
        store.inner.disk.flushing(true);
        let flushed = flush(&store);
        store.inner.disk.flushing(false);
        let took = started.elapsed();
        let stats = &store.inner.commit_stats;
        stats.rounds.fetch_add(1, Relaxed);
        stats.jobs.fetch_add(round, Relaxed);
        stats
            .flush_micros
            .fetch_add(took.as_micros() as u64, Relaxed);
        stats.flush_time.observe_duration(took);
        stats.round_size.observe(round);
        if let Err(StoreError::Sled(sled::Error::Io(e))) = &flushed {
            store
                .inner
                .disk
                .fail(disk::from_io(&store.inner.path, e), true);
        }
        let failure = store.inner.disk.failure();
        store.inner.pending.answer(|| match (&flushed, &failure) {
            (Ok(()), _) => Ok(()),
            (Err(_), Some(f)) => Err(StoreError::Disk(f.clone())),
            (Err(e), None) => Err(clone_error(e)),
        });
    }
}

/// Run the jobs of a round in order, the writes to one table that follow
/// each other as one group; their answers, in order.
fn run_round(store: &Store, round: Vec<Job>) -> Vec<Answer> {
    let mut answers = Vec::with_capacity(round.len());
    let mut jobs = round.into_iter().peekable();
    while let Some(job) = jobs.next() {
        let first = match job {
            Job::Run(f) => {
                answers.push(f(Some(store)));
                continue;
            }
            Job::Write(w) => w,
        };
        let mut group = vec![first];
        while let Some(Job::Write(next)) = jobs.peek() {
            if next.table != group[0].table {
                break;
            }
            let Some(Job::Write(next)) = jobs.next() else {
                unreachable!("peeked a write");
            };
            group.push(next);
        }
        let table = group[0].table.clone();
        let (items, replies): (Vec<_>, Vec<_>) =
            group.into_iter().map(|w| (w.item, w.reply)).unzip();
        let outcomes = store.write_group(&table, items);
        for (reply, outcome) in replies.into_iter().zip(outcomes) {
            answers.push(write_answer(reply, outcome));
        }
    }
    answers
}

/// Answer `job` with the disk error without running it.
fn refuse(job: Job, failure: disk::DiskFailure) {
    match job {
        Job::Run(f) => f(None)(Err(StoreError::Disk(failure))),
        Job::Write(w) => write_answer(w.reply, Err(StoreError::Disk(failure)))(Ok(())),
    }
}

/// sled's flush of everything committed so far, then (with `storage.fsync`)
/// an fdatasync of its log; then the stream entries covered become readable
/// by other nodes.
pub(super) fn flush(store: &Store) -> Result<(), StoreError> {
    let inner = &store.inner;
    let marks: Vec<_> = store
        .tables()
        .into_iter()
        .map(|t| {
            let last = t.last_seq();
            (t, last)
        })
        .filter(|(t, last)| *last > t.durable_seq())
        .collect();
    {
        let _alone = gate::flushing();
        inner.db.flush()?;
    }
    // sled's flush is a sync_file_range: the data, but neither the file's
    // size nor the drive's cache. fdatasync covers both for the one file sled
    // appends to (values stay far below its separate-blob size).
    if let Some(log) = &inner.fsync {
        log.sync_data().map_err(|e| StoreError::Sled(e.into()))?;
    }
    for (t, last) in marks {
        t.mark_durable(last);
    }
    Ok(())
}

/// Every answer of a round gets the flush's error.
fn clone_error(e: &StoreError) -> StoreError {
    StoreError::Sled(std::io::Error::other(format!("flush failed: {e}")).into())
}

impl Store {
    /// Run `f` on the commit thread and answer once a flush has made it
    /// durable (with the writes of every other caller of the same round).
    pub async fn commit<R: Send + 'static>(
        &self,
        f: impl FnOnce(&Store) -> Result<R, StoreError> + Send + 'static,
    ) -> Result<R, StoreError> {
        // A failed disk refuses at once; a write queued behind a stuck round
        // gets the error as soon as the disk is found failed.
        let failed = self.inner.disk.subscribe();
        if let Some(f) = self.inner.disk.failure() {
            return Err(StoreError::Disk(f));
        }
        let (tx, rx) = tokio::sync::oneshot::channel();
        let job = Job::Run(Box::new(move |store: Option<&Store>| {
            let result = store.map(f);
            Box::new(move |flushed: Result<(), StoreError>| {
                let _ = tx.send(flushed.and_then(|()| result.expect("a refused job has an error")));
            })
        }));
        self.submit(job, rx, failed).await
    }

    /// Write `records` to `t` on the commit thread and answer once a flush
    /// has made them durable; a write that meets others to the same table in
    /// its round shares their transaction (see `group`).
    pub async fn commit_write(
        &self,
        t: TableRef,
        action: WriteAction,
        records: Vec<Value>,
        user: Option<String>,
    ) -> Result<WriteOutcome, StoreError> {
        let failed = self.inner.disk.subscribe();
        if let Some(f) = self.inner.disk.failure() {
            return Err(StoreError::Disk(f));
        }
        let (reply, rx) = tokio::sync::oneshot::channel();
        let item = WriteItem {
            action,
            records,
            user,
        };
        let job = Job::Write(WriteJob {
            table: t,
            item,
            reply,
        });
        self.submit(job, rx, failed).await
    }

    /// Queue `job` and wait for its answer `rx` (or the disk's failure).
    async fn submit<R>(
        &self,
        job: Job,
        rx: tokio::sync::oneshot::Receiver<Result<R, StoreError>>,
        mut failed: tokio::sync::watch::Receiver<bool>,
    ) -> Result<R, StoreError> {
        self.inner.commits.send(job).map_err(|_| {
            StoreError::Sled(std::io::Error::other("the commit thread is gone").into())
        })?;
        tokio::select! {
            biased;
            r = rx => r.map_err(|_| {
                StoreError::Sled(std::io::Error::other("the commit thread stopped").into())
            })?,
            _ = failed.wait_for(|f| *f) => {
                Err(disk_error(&self.inner, self.inner.disk.failure()))
            }
        }
    }

    /// Make every write committed before this call durable (a round of the
    /// commit thread with nothing of its own).
    pub async fn flush(&self) -> Result<(), StoreError> {
        self.commit(|_| Ok(())).await
    }
}

/// Keep a strong reference out of the thread (it only ever holds a `Weak`).
pub(super) fn weak(inner: &Arc<Inner>) -> Weak<Inner> {
    Arc::downgrade(inner)
}

/// Bucket bounds of the writes in one round (one flush), up to [`MAX_ROUND`].
const ROUND_SIZE_BUCKETS: &[u64] = &[1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096];

/// What the commit thread has done since the store opened (atomics only:
/// the thread records a round without waiting for anyone).
#[derive(Debug)]
pub(super) struct CommitStats {
    rounds: AtomicU64,
    jobs: AtomicU64,
    flush_micros: AtomicU64,
    /// Time of each round's flush.
    flush_time: Histogram,
    /// Writes (jobs) in each round.
    round_size: Histogram,
}

impl Default for CommitStats {
    fn default() -> Self {
        CommitStats {
            rounds: AtomicU64::new(0),
            jobs: AtomicU64::new(0),
            flush_micros: AtomicU64::new(0),
            flush_time: Histogram::micros(),
            round_size: Histogram::new(ROUND_SIZE_BUCKETS, 1.0),
        }
    }
}

/// The commit thread's figures for `/metrics`.
#[derive(Debug, Clone)]
pub struct CommitFigures {
    /// Writes committed (every job of every round).
    pub writes: u64,
    /// Flush time of each round, seconds.
    pub flush_seconds: Snapshot,
    /// Writes per round.
    pub round_writes: Snapshot,
}

impl Store {
    /// The commit thread's counters and histograms since the store opened.
    pub fn commit_figures(&self) -> CommitFigures {
        let s = &self.inner.commit_stats;
        CommitFigures {
            writes: s.jobs.load(Relaxed),
            flush_seconds: s.flush_time.snapshot(),
            round_writes: s.round_size.snapshot(),
        }
    }

    /// Rounds, jobs and flush time of the commit thread since the store opened
    /// (how well writers share flushes, for `system_information`).
    pub fn commit_stats(&self) -> harper_rpc::ops::CommitStats {
        let s = &self.inner.commit_stats;
        let (rounds, jobs, micros) = (
            s.rounds.load(Relaxed),
            s.jobs.load(Relaxed),
            s.flush_micros.load(Relaxed),
        );
        harper_rpc::ops::CommitStats {
            rounds,
            jobs,
            jobs_per_round: if rounds > 0 {
                jobs as f64 / rounds as f64
            } else {
                0.0
            },
            flush_ms_mean: if rounds > 0 {
                micros as f64 / rounds as f64 / 1000.0
            } else {
                0.0
            },
        }
    }
}
