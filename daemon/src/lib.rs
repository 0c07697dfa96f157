//! harperd: a sidecar daemon that stores tables in sled and replicates them,
//! table by table, to other nodes over an authenticated TLS mesh.
//!
//! Modules depend downward only: `config`/`pki` and `store` at the bottom, then
//! `ops` (the one dispatcher), then `doors` (the listeners).

pub mod config;
pub mod pki;
pub mod store;
