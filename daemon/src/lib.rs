//! harperd: a sidecar daemon that stores tables in sled and replicates them,
//! table by table, to other nodes over an authenticated TLS mesh.
//!
//! Modules depend downward only: `config`, `pki`, `secrets`, `histogram` and
//! `store` at the bottom; then `mesh` (links, gossip, routing); `cluster`
//! (runs the mesh as the config says); `replication` (consumers and the
//! publisher's answers); `node` (the shared state); `ops` (the one
//! dispatcher); `metrics` (what `/metrics` and the health probes read of all
//! of them); `doors` (the listeners); `run` (the daemon's life).

pub mod cluster;
pub mod config;
pub mod doors;
pub mod histogram;
pub mod logging;
pub mod mesh;
pub mod metrics;
pub mod node;
pub mod ops;
pub mod pki;
pub mod replication;
pub mod run;
pub mod secrets;
pub mod store;
