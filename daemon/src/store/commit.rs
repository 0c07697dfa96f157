//! The commit thread: every write of the daemon (local writes, applied remote
//! transactions, snapshots, purges) runs here, one after another, and each
//! round of them is made durable by ONE flush before any of them is answered
//! (group commit). sled serialises transactions anyway, so one thread loses
//! nothing; it saves every writer a flush of its own and two thread hand-offs,
//! and a flush can never overlap a transaction (see `gate`).
//!
//! The thread holds the store weakly: when the last `Store` goes, it ends and
//! sled's files close.

use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::mpsc;
use std::sync::{Arc, Weak};

use super::{Inner, Store, StoreError, gate};

/// Most jobs in one round (one flush).
const MAX_ROUND: usize = 4096;

/// A job: runs on the commit thread; its answer goes out after the flush.
pub(super) type Job =
    Box<dyn FnOnce(&Store) -> Box<dyn FnOnce(Result<(), StoreError>) + Send> + Send>;

/// The sending half, kept by the store.
pub(super) type Queue = mpsc::Sender<Job>;

/// Start the commit thread of `inner`.
pub(super) fn start(inner: Weak<Inner>, jobs: mpsc::Receiver<Job>) -> std::io::Result<()> {
    std::thread::Builder::new()
        .name("harper-commit".into())
        .spawn(move || run(inner, jobs))
        .map(|_| ())
}

fn run(inner: Weak<Inner>, jobs: mpsc::Receiver<Job>) {
    // Waiting here holds no reference: the store can go away meanwhile.
    while let Ok(first) = jobs.recv() {
        let Some(inner) = inner.upgrade() else {
            return;
        };
        let store = Store { inner };
        let mut answers = Vec::new();
        answers.push(first(&store));
        while answers.len() < MAX_ROUND {
            match jobs.try_recv() {
                Ok(job) => answers.push(job(&store)),
                Err(_) => break,
            }
        }
        let round = answers.len() as u64;
        let started = std::time::Instant::now();
        let flushed = flush(&store);
        let stats = &store.inner.commit_stats;
        stats.rounds.fetch_add(1, Relaxed);
        stats.jobs.fetch_add(round, Relaxed);
        stats
            .flush_micros
            .fetch_add(started.elapsed().as_micros() as u64, Relaxed);
        for answer in answers {
            answer(flushed.as_ref().map(|_| ()).map_err(clone_error));
        }
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
        let (tx, rx) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move |store: &Store| {
            let result = f(store);
            Box::new(move |flushed: Result<(), StoreError>| {
                let _ = tx.send(flushed.and(result));
            })
        });
        self.inner.commits.send(job).map_err(|_| {
            StoreError::Sled(std::io::Error::other("the commit thread is gone").into())
        })?;
        rx.await.map_err(|_| {
            StoreError::Sled(std::io::Error::other("the commit thread stopped").into())
        })?
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

/// What the commit thread has done since the store opened.
#[derive(Debug, Default)]
pub(super) struct CommitStats {
    rounds: AtomicU64,
    jobs: AtomicU64,
    flush_micros: AtomicU64,
}

impl Store {
    /// Rounds, jobs and flush time of the commit thread since the store opened
    /// (how well writers share flushes, for `system_information`).
    pub fn commit_stats(&self) -> serde_json::Value {
        let s = &self.inner.commit_stats;
        let (rounds, jobs, micros) = (
            s.rounds.load(Relaxed),
            s.jobs.load(Relaxed),
            s.flush_micros.load(Relaxed),
        );
        serde_json::json!({
            "rounds": rounds,
            "jobs": jobs,
            "jobs_per_round": if rounds > 0 { jobs as f64 / rounds as f64 } else { 0.0 },
            "flush_ms_mean": if rounds > 0 { micros as f64 / rounds as f64 / 1000.0 } else { 0.0 },
        })
    }
}
