//! Writes take turns: one operation that may write at a time from the HTTP
//! door, and the batches of load jobs. Reads are not held up.
//!
//! A workaround, not a design. In sled 0.34.7 a flush holds sled's internal
//! read lock while it waits for the log to be written; a transaction that
//! starts meanwhile queues for the write lock, and parking_lot then blocks
//! every new reader, including the ones the waiting flush needs (the
//! `flush_async` deadlock of spacejam/sled#1308, fixed only in sled's
//! unreleased main branch). `Store::flush` runs after every write, so eight
//! HTTP clients inserting at once froze the daemon. Until the store keeps its
//! transactions and flushes apart itself, they take turns here.

use tokio::sync::{Mutex, MutexGuard};

static TURN: Mutex<()> = Mutex::const_new(());

/// Operations that neither commit a sled transaction nor flush (the bulk
/// loads only start a job; its batches take their own turns).
const NO_TURN: &[&str] = &[
    "describe_all",
    "describe_database",
    "describe_schema",
    "describe_table",
    "search_by_id",
    "search_by_hash",
    "search_by_value",
    "search_by_conditions",
    "list_users",
    "list_roles",
    "user_info",
    "get_configuration",
    "cluster_get_routes",
    "system_information",
    "cluster_status",
    "cluster_network",
    "cluster_mesh_status",
    "get_job",
    "stream_info",
    "csv_data_load",
    "csv_file_load",
];

/// True for an operation that may write, and so takes its turn.
pub fn takes_turns(operation: &str) -> bool {
    !NO_TURN.contains(&operation)
}

/// Wait for this task's turn to write; the turn ends when the guard drops.
pub async fn turn() -> MutexGuard<'static, ()> {
    TURN.lock().await
}
