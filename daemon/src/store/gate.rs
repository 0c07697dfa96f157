//! Keeps sled's flushes apart from its write-locked operations.
//!
//! In sled 0.34.7 a flush holds sled's (process-wide) concurrency-control read
//! lock while it waits for the log to reach the disk, and that wait needs more
//! read locks taken on sled's threads. A transaction or batch that starts
//! meanwhile queues for the write lock, the lock then turns new readers away,
//! and the flush never finishes (spacejam/sled#1308, fixed only in sled's
//! unreleased main branch). So: transactions and batches hold this gate
//! shared, a flush holds it alone. Group commit keeps flushes few, so writers
//! seldom wait on it.

use std::sync::{RwLock, RwLockReadGuard, RwLockWriteGuard};

/// Process-wide, as sled's own lock is.
static GATE: RwLock<()> = RwLock::new(());

/// Held around a sled transaction or `apply_batch`.
pub(super) fn committing() -> RwLockReadGuard<'static, ()> {
    GATE.read().unwrap_or_else(|e| e.into_inner())
}

/// Held around a flush.
pub(super) fn flushing() -> RwLockWriteGuard<'static, ()> {
    GATE.write().unwrap_or_else(|e| e.into_inner())
}
