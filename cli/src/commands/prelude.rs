//! What every command file uses: the imports and the helpers that connect to
//! the daemon, call an operation and print its answer.

pub(crate) use std::time::{Duration, Instant};

pub(crate) use clap::Subcommand;
pub(crate) use harper_rpc::ops::*;
pub(crate) use harper_rpc::{NodeName, Route, TableRef};
pub(crate) use serde_json::{Value, json};

pub(crate) use crate::Global;
pub(crate) use crate::client::{Answer, Client};
pub(crate) use crate::complete;
pub(crate) use crate::error::{CliError, CliResult};
pub(crate) use crate::output::{self, cell, ms_ago, refused_node, route_text, show, table};

/// Connect to the daemon: the local one, or the `--target`.
pub(crate) async fn connect(g: &Global) -> CliResult<Client> {
    match g.login()? {
        Some(login) => Client::connect_target(login).await,
        None => Client::connect(&g.root()).await,
    }
}

/// Call a typed operation and print its answer: machine formats exactly as
/// the daemon sent it, tables through `human` (the command's renderer).
pub(crate) async fn call_and_print<O: Operation>(
    g: &Global,
    op: &O,
    human: impl FnOnce(&O::Response) -> String,
) -> CliResult {
    let client = connect(g).await?;
    print_answer(g, client.call_raw(op).await?, human)
}

/// Print an answer: machine formats exactly as the daemon sent it, tables
/// through `human`.
pub(crate) fn print_answer<T>(
    g: &Global,
    answer: Answer<T>,
    human: impl FnOnce(&T) -> String,
) -> CliResult {
    if !output::machine(g.output, &answer.raw)? {
        output::out(&human(&answer.typed))?;
    }
    Ok(())
}

/// `cluster_status` as the CLI asks it: with each connection's consumers.
pub(crate) const CLUSTER_STATUS: ClusterStatus = ClusterStatus {
    include_consumers: Some(true),
};

/// A `{"message": ...}` answer for people: the message.
pub(crate) fn said(r: &MessageResponse) -> String {
    output::show(&r.message)
}

/// Every other node this one knows: the registered ones first, in
/// `cluster_status` order, then the mesh members known by gossip only.
pub(crate) fn known_nodes(
    status: &ClusterStatusResponse,
    mesh: &MeshStatusResponse,
) -> Vec<String> {
    let me = status.node_name.clone().unwrap_or_default();
    let mut nodes: Vec<String> = status
        .connections
        .iter()
        .map(|c| c.node_name.clone())
        .collect();
    for m in mesh.mesh.iter().flat_map(|m| &m.members) {
        if m.name != me && !nodes.contains(&m.name) {
            nodes.push(m.name.clone());
        }
    }
    nodes
}
