//! One durable consumer: this node pulling one table's stream from one
//! publisher, from its cursor, in order. Each entry is applied together with
//! the cursor advance in one local transaction (see `store::replica`); a batch
//! is flushed before the next pull. A cursor that fell behind what the
//! publisher still holds (a gap) is repaired by a snapshot of the table.
//!
//! What one bad entry can do: an entry the publisher cannot ship, an answer
//! this node cannot decode, or an entry it cannot apply (beyond the limits,
//! a version too far ahead of this clock) stalls this consumer at that
//! sequence, with the reason in status and the log, and nothing else: every
//! other table and the link go on. It retries (slowly) and goes on by itself
//! once the entry can be shipped and applied (the record was fixed or
//! deleted on the publisher, the entry purged, the clock caught up).
//! A publisher's stream with a new identity (the table was dropped and
//! created again, or its database recreated) starts again at sequence 1, and
//! the consumer follows it from there.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use harper_rpc::TableRef;
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
/// Longest retry delay while stalled on one entry (each retry may cost the
/// publisher a read of a large entry).
const STALLED_BACKOFF_MAX: Duration = Duration::from_secs(10);

/// What a consumer is doing, for `cluster status` and `stream info`: the
/// catalogue's types, so the states are spelt once.
pub use harper_rpc::ops::{ConsumerState, ConsumerStatus, Gap, Resync, Stall, StreamRestart};

/// A fresh consumer's status.
pub(super) fn new_status(publisher: &str, t: &TableRef) -> ConsumerStatus {
    ConsumerStatus {
        publisher: publisher.to_owned(),
        database: t.database.clone(),
        table: t.table.clone(),
        state: ConsumerState::Starting,
        next_seq: 0,
        publisher_last_seq: None,
        lag_messages: None,
        lag_ms: None,
        applied: 0,
        last_error: None,
        since_ms: now_ms(),
        gaps_repaired: 0,
        resyncs: 0,
        last_gap: None,
        resync: None,
        stalled: None,
        stream_restarts: 0,
        last_restart: None,
        omitted_writes: 0,
    }
}

/// How the loop moves a status along.
trait Track {
    /// Going again: no longer stalled.
    fn unstall(&mut self);
    /// A new state (and its time, when it changed).
    fn set_state(&mut self, state: ConsumerState);
}

impl Track for ConsumerStatus {
    /// Going again: no longer stalled.
    fn unstall(&mut self) {
        self.last_error = None;
        if let Some(s) = self.stalled.take() {
            tracing::info!(
                publisher = %self.publisher, table = %format!("{}.{}", self.database, self.table),
                seq = s.seq, "consumer going again"
            );
        }
    }

    fn set_state(&mut self, state: ConsumerState) {
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
    #[error("node '{0}' cannot ship entry {1}: {2}")]
    Poison(String, u64, String),
    #[error("entry {1} from node '{0}' cannot be applied: {2}")]
    Apply(String, u64, StoreError),
}

impl StepError {
    /// Waiting for the publisher (not reachable, slow) or for this node's
    /// disk to take writes again: not this entry's fault. Nothing was
    /// applied and the cursor did not move, so the same entries come again.
    fn transient(&self) -> bool {
        matches!(
            self,
            StepError::NoMesh
                | StepError::Unreachable(_)
                | StepError::Timeout(_)
                | StepError::Store(StoreError::Disk(_))
        )
    }

    /// The sequence this failure is about, when it is one entry's.
    fn seq(&self) -> Option<u64> {
        match self {
            StepError::Poison(_, seq, _) | StepError::Apply(_, seq, _) => Some(*seq),
            _ => None,
        }
    }
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
    fn next(&mut self, max: Duration) -> Duration {
        let d = self.0.min(max);
        self.0 = (self.0 * 2).min(max);
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
                let max = {
                    let mut s = status.lock().expect("status");
                    let text = e.to_string();
                    if s.last_error.as_deref() != Some(text.as_str()) {
                        tracing::warn!(
                            publisher = %publisher, table = %table, "consumer: {}",
                            harper_rpc::text::printable(&text)
                        );
                    }
                    s.last_error = Some(text.clone());
                    s.resync = None;
                    if e.transient() {
                        s.set_state(ConsumerState::Waiting);
                        BACKOFF_MAX
                    } else {
                        let seq = e.seq().unwrap_or(s.next_seq);
                        let same = s.stalled.as_ref().is_some_and(|st| st.seq == seq);
                        if !same {
                            tracing::warn!(
                                publisher = %publisher, table = %table, seq,
                                "consumer stalled at sequence {seq}: {}",
                                harper_rpc::text::printable(&text)
                            );
                        }
                        let since_ms = match &s.stalled {
                            Some(st) if same => st.since_ms,
                            _ => now_ms(),
                        };
                        s.stalled = Some(Stall {
                            seq,
                            reason: text,
                            since_ms,
                        });
                        s.set_state(ConsumerState::Stalled);
                        STALLED_BACKOFF_MAX
                    }
                };
                tokio::select! {
                    _ = tokio::time::sleep(backoff.next(max)) => {}
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

/// What became of a batch of pulled entries.
enum Batch {
    /// Every entry applied.
    Applied,
    /// The cursor was removed (the node was removed): the consumer ends.
    CursorGone,
    /// This node's table was dropped and created again since the pull.
    Discarded,
    /// This many applied, then the entry with this sequence could not be.
    Failed(u64, u64, StoreError),
}

/// The next pull, already on its way while a batch is applied.
struct Prefetch {
    from: u64,
    /// The incarnation of this node's own table when the pull left: entries
    /// pulled for a table this node has since dropped and created again are
    /// not applied to the new one (they are pulled again, and a publisher
    /// that dropped its table too has a new stream by then).
    local: String,
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
    local: String,
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
        local,
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
    status.lock().expect("status").next_seq = next;
    let mesh = rep.inner.cluster.mesh().ok_or(StepError::NoMesh)?;
    if !mesh.is_reachable(publisher) {
        return Err(StepError::Unreachable(publisher.to_owned()));
    }
    let max = rep.settings().max_consume_msgs.max(1) as usize;
    let local = store.table(t)?.incarnation();
    // The pull sent while the last batch was applied, if it asked for the
    // right place for this table; a fresh one otherwise.
    let mut fetch = match prefetch.take() {
        Some(p) if p.from == next && p.local == local => p,
        _ => pull(&mesh, publisher, t, next, max, local.clone()),
    };
    let resp = (&mut fetch.task)
        .await
        .map_err(|e| StepError::Protocol(format!("pull task failed: {e}")))?
        .map_err(|e| request_error(publisher, e))?;
    let resp: PullResponse = wire::parse(resp).map_err(StepError::Protocol)?;
    if resp.stream != instance {
        return restart(
            &store,
            publisher,
            t,
            (next, &instance),
            &resp.stream,
            status,
        )
        .await;
    }
    if resp.gap {
        return resync(rep, publisher, t, (next, &instance), resp.first_seq, status).await;
    }
    if let Some(p) = resp.poison {
        return Err(StepError::Poison(publisher.to_owned(), p.seq, p.reason));
    }
    let Some(last) = resp.entries.last() else {
        let mut s = status.lock().expect("status");
        s.next_seq = next;
        s.publisher_last_seq = Some(resp.last_seq);
        s.lag_messages = Some(resp.last_seq.saturating_sub(next - 1));
        if s.lag_messages == Some(0) {
            s.lag_ms = Some(0.0);
            s.set_state(ConsumerState::CaughtUp);
        }
        s.unstall();
        return Ok(Step::Idle);
    };
    let last_seq = last.seq;
    let last_applied_appended = last.entry.appended;
    let count = resp.entries.len() as u64;
    // Ask for what follows while this batch is applied and flushed.
    *prefetch = Some(pull(&mesh, publisher, t, last_seq + 1, max, local.clone()));
    // Read now, not before the long poll: the setting may have changed meanwhile.
    let republish = rep.settings().republish_messages;
    let (p, tr) = (publisher.to_owned(), t.clone());
    let entries: Vec<_> = resp.entries.into_iter().map(|e| (e.seq, e.entry)).collect();
    // The batch goes in as one transaction when it can; otherwise entries
    // are applied one transaction each, and one that cannot be applied
    // stops the batch there, and what came before it stays applied.
    let pulled_for = fetch.local.clone();
    let batch = store
        .commit(move |store| {
            if store.table(&tr)?.incarnation() != pulled_for {
                return Ok(Batch::Discarded);
            }
            Ok(
                match store.apply_remote_batch(&p, &tr, &entries, republish) {
                    Ok(_) => Batch::Applied,
                    Err((_, _, StoreError::NoCursor)) => Batch::CursorGone,
                    Err((applied, seq, err)) => Batch::Failed(applied, seq, err),
                },
            )
        })
        .await?;
    match batch {
        Batch::Applied => {}
        Batch::CursorGone => return Ok(Step::Stop),
        Batch::Discarded => {
            *prefetch = None;
            return Ok(Step::Progress);
        }
        Batch::Failed(applied, seq, err) => {
            *prefetch = None;
            let mut s = status.lock().expect("status");
            s.next_seq = seq;
            s.applied += applied;
            return Err(StepError::Apply(publisher.to_owned(), seq, err));
        }
    }
    let mut s = status.lock().expect("status");
    s.next_seq = last_seq + 1;
    s.applied += count;
    s.omitted_writes += resp.omitted;
    s.publisher_last_seq = Some(resp.last_seq.max(last_seq));
    let behind = resp.last_seq.saturating_sub(last_seq);
    s.lag_messages = Some(behind);
    s.lag_ms = Some(match resp.last_appended {
        Some(a) if behind > 0 => {
            record::hlc_millis(a.saturating_sub(last_applied_appended)).max(0.0)
        }
        _ => 0.0,
    });
    s.unstall();
    s.set_state(if behind == 0 {
        ConsumerState::CaughtUp
    } else {
        ConsumerState::Streaming
    });
    Ok(Step::Progress)
}

/// The publisher's stream has a new identity (the table was dropped and
/// created again, or its database recreated): its stream starts again at 1
/// and holds only what was written since. Read it from the start; a cursor
/// made before its publisher was known (recovery) only learns the identity.
async fn restart(
    store: &crate::store::Store,
    publisher: &str,
    t: &TableRef,
    (next, old): (u64, &str),
    new: &str,
    status: &Arc<Mutex<ConsumerStatus>>,
) -> Result<Step, StepError> {
    let from = if old.is_empty() { next } else { 1 };
    if !old.is_empty() {
        tracing::warn!(
            publisher = %publisher, table = %t, old_next_seq = next, old = %old, new = %new,
            "the publisher's stream of the table is a new one (the table or its database was created again); reading it from the beginning"
        );
    }
    if store.move_cursor(publisher, t, (next, old), (from, new))? {
        store.flush().await?;
        if !old.is_empty() {
            let mut s = status.lock().expect("status");
            s.stream_restarts += 1;
            s.last_restart = Some(StreamRestart {
                detected_ms: now_ms(),
                old_next_seq: next,
                old_stream: old.to_owned(),
                new_stream: new.to_owned(),
            });
            s.next_seq = from;
        }
    }
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
        s.resyncs += 1;
        s.set_state(ConsumerState::Resyncing);
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
    s.unstall();
    s.set_state(ConsumerState::Streaming);
    tracing::info!(publisher = %publisher, table = %t, resume, "resync complete");
    Ok(Step::Progress)
}
