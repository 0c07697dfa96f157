//! One durable consumer: this node pulling one table's stream from one
//! publisher, from its cursor, in order. Each entry is applied together with
//! the cursor advance in one local transaction (see `store::replica`); a batch
//! is flushed before the next pull. A cursor that fell behind what the
//! publisher still holds (a gap) is repaired by a snapshot of the table.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use harper_rpc::TableRef;
use serde::Serialize;
use tokio::sync::Notify;

use super::wire::{self, PullRequest, PullResponse, SnapshotRequest, SnapshotResponse, TableArg};
use super::{Replicator, now_ms};
use crate::mesh::RequestError;
use crate::store::{StoreError, record};

/// How long a publisher may hold a pull open waiting for a new entry.
const LONG_POLL: Duration = Duration::from_millis(1000);
/// Extra time a pull may take beyond the long poll (a big batch on a slow link).
const PULL_SLACK: Duration = Duration::from_secs(10);
/// A snapshot page request's deadline.
const SNAPSHOT_DEADLINE: Duration = Duration::from_secs(30);
/// Records per snapshot page.
const SNAPSHOT_PAGE: usize = 2000;
/// First retry delay after a failure; doubles up to [`BACKOFF_MAX`], with jitter.
const BACKOFF_MIN: Duration = Duration::from_millis(50);
/// Longest retry delay.
const BACKOFF_MAX: Duration = Duration::from_secs(2);

/// A gap found in a publisher's stream.
#[derive(Debug, Clone, Serialize)]
pub struct Gap {
    /// When, ms since the epoch.
    pub detected_ms: u64,
    /// Where this node's cursor was.
    pub cursor: u64,
    /// The first entry the publisher still held.
    pub first_retained: u64,
}

/// Progress of a snapshot resync.
#[derive(Debug, Clone, Serialize)]
pub struct Resync {
    /// Records (and tombstones) copied so far.
    pub copied: u64,
    /// About how many there are.
    pub total: Option<u64>,
}

/// What a consumer is doing, for `cluster status` and `stream info`.
#[derive(Debug, Clone, Serialize)]
pub struct ConsumerStatus {
    /// The node whose stream is read.
    pub publisher: String,
    /// Database.
    pub database: String,
    /// Table.
    pub table: String,
    /// `starting`, `streaming`, `caught_up`, `resyncing`, `waiting` (publisher
    /// unreachable) or `error`.
    pub state: &'static str,
    /// The next sequence to apply.
    pub next_seq: u64,
    /// The publisher's last flushed sequence, as last seen.
    pub publisher_last_seq: Option<u64>,
    /// Entries behind.
    pub lag_messages: Option<u64>,
    /// Time behind, ms: append time of the publisher's newest entry minus that
    /// of the newest one applied here (0 when caught up).
    pub lag_ms: Option<f64>,
    /// Entries applied since the daemon started.
    pub applied: u64,
    /// Last failure.
    pub last_error: Option<String>,
    /// When the state last changed, ms since the epoch.
    pub since_ms: u64,
    /// Gaps repaired since the daemon started.
    pub gaps_repaired: u64,
    /// The last gap found.
    pub last_gap: Option<Gap>,
    /// A snapshot resync in progress.
    pub resync: Option<Resync>,
}

impl ConsumerStatus {
    pub(super) fn new(publisher: &str, t: &TableRef) -> ConsumerStatus {
        ConsumerStatus {
            publisher: publisher.to_owned(),
            database: t.database.clone(),
            table: t.table.clone(),
            state: "starting",
            next_seq: 0,
            publisher_last_seq: None,
            lag_messages: None,
            lag_ms: None,
            applied: 0,
            last_error: None,
            since_ms: now_ms(),
            gaps_repaired: 0,
            last_gap: None,
            resync: None,
        }
    }

    fn set_state(&mut self, state: &'static str) {
        if self.state != state {
            self.state = state;
            self.since_ms = now_ms();
        }
    }
}

/// Why a step of the loop failed.
#[derive(Debug, thiserror::Error)]
enum StepError {
    #[error("clustering is not running on this node")]
    NoMesh,
    #[error("node '{0}' is not reachable")]
    Unreachable(String),
    #[error("node '{0}' did not answer in time")]
    Timeout(String),
    #[error("node '{0}' refused: {1}")]
    Refused(String, String),
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("{0}")]
    Protocol(String),
}

enum Step {
    /// Entries were applied (or a gap repaired): pull again at once.
    Progress,
    /// Nothing new within the long poll: pull again at once.
    Idle,
    /// The consumer is gone (its cursor was removed).
    Stop,
}

struct Backoff(Duration);

impl Backoff {
    fn next(&mut self) -> Duration {
        let d = self.0;
        self.0 = (self.0 * 2).min(BACKOFF_MAX);
        // Up to 25% jitter so many consumers do not retry in step.
        let jitter = (now_ms() % 256) as f64 / 1024.0;
        d.mul_f64(1.0 + jitter)
    }
}

/// Run the consumer of `table` on `publisher`'s stream until its cursor goes.
pub(super) async fn run(
    rep: Replicator,
    publisher: String,
    table: TableRef,
    status: Arc<Mutex<ConsumerStatus>>,
    kick: Arc<Notify>,
) {
    let mut backoff = Backoff(BACKOFF_MIN);
    let mut prefetch = None;
    loop {
        match step(&rep, &publisher, &table, &status, &mut prefetch).await {
            Ok(Step::Progress | Step::Idle) => backoff = Backoff(BACKOFF_MIN),
            Ok(Step::Stop) => return,
            Err(e) => {
                prefetch = None;
                {
                    let mut s = status.lock().expect("status");
                    s.set_state(match e {
                        StepError::NoMesh | StepError::Unreachable(_) | StepError::Timeout(_) => {
                            "waiting"
                        }
                        _ => "error",
                    });
                    let text = e.to_string();
                    if s.last_error.as_deref() != Some(text.as_str()) {
                        tracing::warn!(publisher = %publisher, table = %table, "consumer: {text}");
                    }
                    s.last_error = Some(text);
                }
                tokio::select! {
                    _ = tokio::time::sleep(backoff.next()) => {}
                    _ = kick.notified() => backoff = Backoff(BACKOFF_MIN),
                }
            }
        }
    }
}

fn request_error(publisher: &str, e: RequestError) -> StepError {
    match e {
        RequestError::NoResponders => StepError::Unreachable(publisher.to_owned()),
        RequestError::Timeout => StepError::Timeout(publisher.to_owned()),
        RequestError::Remote(m) => StepError::Refused(publisher.to_owned(), m),
        RequestError::Undeliverable(m) => StepError::Protocol(m),
    }
}

/// The next pull, already on its way while a batch is applied.
struct Prefetch {
    from: u64,
    task: tokio::task::JoinHandle<Result<serde_json::Value, RequestError>>,
}

impl Drop for Prefetch {
    fn drop(&mut self) {
        self.task.abort();
    }
}

fn pull(
    mesh: &crate::mesh::Mesh,
    publisher: &str,
    t: &TableRef,
    from: u64,
    max: usize,
) -> Prefetch {
    let req = PullRequest {
        operation: wire::PULL.into(),
        table: TableArg::of(t),
        from,
        max,
        wait_ms: LONG_POLL.as_millis() as u64,
    };
    let (mesh, publisher) = (mesh.clone(), publisher.to_owned());
    Prefetch {
        from,
        task: tokio::spawn(async move {
            mesh.request(&publisher, wire::to_value(&req), LONG_POLL + PULL_SLACK)
                .await
        }),
    }
}

async fn step(
    rep: &Replicator,
    publisher: &str,
    t: &TableRef,
    status: &Arc<Mutex<ConsumerStatus>>,
    prefetch: &mut Option<Prefetch>,
) -> Result<Step, StepError> {
    let store = rep.inner.store.clone();
    let Some((next, instance)) = store.cursor_state(publisher, t)? else {
        return Ok(Step::Stop);
    };
    let mesh = rep.inner.cluster.mesh().ok_or(StepError::NoMesh)?;
    if !mesh.is_reachable(publisher) {
        return Err(StepError::Unreachable(publisher.to_owned()));
    }
    let max = rep.settings().max_consume_msgs.max(1) as usize;
    // The pull sent while the last batch was applied, if it asked for the
    // right place; a fresh one otherwise.
    let mut fetch = match prefetch.take() {
        Some(p) if p.from == next => p,
        _ => pull(&mesh, publisher, t, next, max),
    };
    let resp = (&mut fetch.task)
        .await
        .map_err(|e| StepError::Protocol(format!("pull task failed: {e}")))?
        .map_err(|e| request_error(publisher, e))?;
    let resp: PullResponse = wire::parse(resp).map_err(StepError::Protocol)?;
    if resp.instance != instance {
        // The publisher's database was recreated: its stream starts again at
        // 1 and holds only what was written since. Read it from the start.
        tracing::warn!(
            publisher = %publisher, table = %t, old = %instance, new = %resp.instance,
            "the publisher's stream was recreated; reading it from the beginning"
        );
        let restart = if instance.is_empty() { next } else { 1 };
        store.move_cursor(publisher, t, (next, &instance), (restart, &resp.instance))?;
        store.flush().await?;
        return Ok(Step::Progress);
    }
    if resp.gap {
        return resync(rep, publisher, t, (next, &instance), resp.first_seq, status).await;
    }
    let Some(last) = resp.entries.last() else {
        let mut s = status.lock().expect("status");
        s.next_seq = next;
        s.publisher_last_seq = Some(resp.last_seq);
        s.lag_messages = Some(resp.last_seq.saturating_sub(next - 1));
        if s.lag_messages == Some(0) {
            s.lag_ms = Some(0.0);
            s.set_state("caught_up");
        }
        s.last_error = None;
        return Ok(Step::Idle);
    };
    let last_seq = last.seq;
    let last_applied_appended = last.entry.appended;
    let count = resp.entries.len() as u64;
    // Ask for what follows while this batch is applied and flushed.
    *prefetch = Some(pull(&mesh, publisher, t, last_seq + 1, max));
    // Read now, not before the long poll: the setting may have changed meanwhile.
    let republish = rep.settings().republish_messages;
    let (p, tr) = (publisher.to_owned(), t.clone());
    let applied = store
        .commit(move |store| {
            for e in &resp.entries {
                match store.apply_remote(&p, &tr, e.seq, &e.entry, republish) {
                    Ok(_) => {}
                    Err(StoreError::NoCursor) => return Ok(false),
                    Err(e) => return Err(e),
                }
            }
            Ok(true)
        })
        .await?;
    if !applied {
        return Ok(Step::Stop);
    }
    let mut s = status.lock().expect("status");
    s.next_seq = last_seq + 1;
    s.applied += count;
    s.publisher_last_seq = Some(resp.last_seq.max(last_seq));
    let behind = resp.last_seq.saturating_sub(last_seq);
    s.lag_messages = Some(behind);
    s.lag_ms = Some(match resp.last_appended {
        Some(a) if behind > 0 => {
            record::hlc_millis(a.saturating_sub(last_applied_appended)).max(0.0)
        }
        _ => 0.0,
    });
    s.last_error = None;
    s.set_state(if behind == 0 {
        "caught_up"
    } else {
        "streaming"
    });
    Ok(Step::Progress)
}

/// Repair a gap: copy the publisher's table (records and tombstones with their
/// versions, merged by last-writer-wins), then resume its stream from where
/// the snapshot began.
async fn resync(
    rep: &Replicator,
    publisher: &str,
    t: &TableRef,
    (cursor, instance): (u64, &str),
    first_retained: u64,
    status: &Arc<Mutex<ConsumerStatus>>,
) -> Result<Step, StepError> {
    tracing::warn!(
        publisher = %publisher, table = %t, cursor, first_retained,
        "gap: the publisher no longer holds entries this node has not applied; resyncing from a snapshot"
    );
    {
        let mut s = status.lock().expect("status");
        s.last_gap = Some(Gap {
            detected_ms: now_ms(),
            cursor,
            first_retained,
        });
        s.resync = Some(Resync {
            copied: 0,
            total: None,
        });
        s.set_state("resyncing");
    }
    let store = rep.inner.store.clone();
    let mut after = None;
    let mut resume = None;
    loop {
        let mesh = rep.inner.cluster.mesh().ok_or(StepError::NoMesh)?;
        let req = SnapshotRequest {
            operation: wire::SNAPSHOT.into(),
            table: TableArg::of(t),
            after: after.clone(),
            limit: SNAPSHOT_PAGE,
        };
        let page = mesh
            .request(publisher, wire::to_value(&req), SNAPSHOT_DEADLINE)
            .await
            .map_err(|e| request_error(publisher, e))?;
        let page: SnapshotResponse = wire::parse(page).map_err(StepError::Protocol)?;
        if after.is_none() {
            resume = page.resume_seq;
            if let Some(r) = status.lock().expect("status").resync.as_mut() {
                r.total = page.total;
            }
        }
        let n = page.items.len() as u64;
        let items: Vec<_> = page.items.into_iter().map(|i| i.stored()).collect();
        let (st, tr) = (store.clone(), t.clone());
        st.commit(move |st| st.apply_snapshot(&tr, &items)).await?;
        if let Some(r) = status.lock().expect("status").resync.as_mut() {
            r.copied += n;
        }
        match page.next {
            Some(k) => after = Some(k),
            None => break,
        }
    }
    let resume =
        resume.ok_or_else(|| StepError::Protocol("snapshot without a resume point".into()))?;
    store.flush().await?;
    if !store.move_cursor(publisher, t, (cursor, instance), (resume, instance))? {
        // Removed (the node was removed) or moved by someone else: look again.
        return Ok(match store.cursor(publisher, t)? {
            Some(_) => Step::Progress,
            None => Step::Stop,
        });
    }
    store.flush().await?;
    let mut s = status.lock().expect("status");
    s.gaps_repaired += 1;
    s.resync = None;
    s.next_seq = resume;
    s.set_state("streaming");
    tracing::info!(publisher = %publisher, table = %t, resume, "resync complete");
    Ok(Step::Progress)
}
