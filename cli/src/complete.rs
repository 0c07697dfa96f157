//! Completion of live values (tables, routes, node names, roles) from the running daemon, with a
//! short deadline; offers nothing, silently, when the daemon is not running.
//! Users enable it with `source <(COMPLETE=bash harper)`.

use std::ffi::OsStr;
use std::path::PathBuf;
use std::time::Duration;

use clap_complete::engine::{ArgValueCompleter, CompletionCandidate};
use harper_rpc::ops::{
    ClusterGetRoutes, ClusterMeshStatus, DescribeAll, ListRoles, ListUsers, Operation, RoleObject,
};

use crate::client::Client;

/// The whole budget of one completion query.
const COMPLETION_BUDGET: Duration = Duration::from_millis(400);

/// The root named on the command line being completed, else the default.
fn root_from_words() -> PathBuf {
    let words: Vec<String> = std::env::args().collect();
    if let Some(i) = words.iter().position(|w| w == "--root")
        && let Some(r) = words.get(i + 1)
    {
        return PathBuf::from(r);
    }
    for var in ["HARPER_ROOT", "ROOTPATH"] {
        if let Ok(v) = std::env::var(var)
            && !v.is_empty()
        {
            return PathBuf::from(v);
        }
    }
    PathBuf::from(std::env::var("HOME").unwrap_or_else(|_| ".".into())).join("hdb")
}

fn query<O: Operation>(op: O) -> Option<O::Response> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .ok()?;
    rt.block_on(async {
        tokio::time::timeout(COMPLETION_BUDGET, async {
            let client = Client::connect(&root_from_words()).await.ok()?;
            client.call(&op).await.ok()
        })
        .await
        .ok()
        .flatten()
    })
}

fn filter(prefix: &OsStr, values: Vec<String>) -> Vec<CompletionCandidate> {
    let prefix = prefix.to_string_lossy();
    values
        .into_iter()
        .filter(|v| v.starts_with(prefix.as_ref()))
        .map(CompletionCandidate::new)
        .collect()
}

fn table_names(prefix: &OsStr) -> Vec<CompletionCandidate> {
    let Some(all) = query(DescribeAll {}) else {
        return Vec::new();
    };
    let mut names = Vec::new();
    for (db, tables) in &all {
        for t in tables.keys() {
            names.push(format!("{db}.{t}"));
        }
    }
    filter(prefix, names)
}

fn database_names(prefix: &OsStr) -> Vec<CompletionCandidate> {
    let Some(all) = query(DescribeAll {}) else {
        return Vec::new();
    };
    filter(prefix, all.into_keys().collect())
}

fn user_names(prefix: &OsStr) -> Vec<CompletionCandidate> {
    let Some(users) = query(ListUsers {}) else {
        return Vec::new();
    };
    filter(
        prefix,
        users.into_iter().filter_map(|u| u.username).collect(),
    )
}

fn route_names(prefix: &OsStr) -> Vec<CompletionCandidate> {
    let Some(routes) = query(ClusterGetRoutes {}) else {
        return Vec::new();
    };
    // As `route remove` parses them: an IPv6 host in brackets.
    let names = routes
        .hub
        .iter()
        .chain(&routes.leaf)
        .map(|r| match r.host.contains(':') {
            true => format!("[{}]:{}", r.host, r.port),
            false => r.to_string(),
        })
        .collect();
    filter(prefix, names)
}

fn node_names(prefix: &OsStr) -> Vec<CompletionCandidate> {
    let Some(mesh) = query(ClusterMeshStatus {}) else {
        return Vec::new();
    };
    let me = mesh.node_name.unwrap_or_default();
    let names = mesh
        .mesh
        .into_iter()
        .flat_map(|m| m.members)
        .map(|m| m.name)
        .filter(|n| *n != me)
        .collect();
    filter(prefix, names)
}

fn operation_names(prefix: &OsStr) -> Vec<CompletionCandidate> {
    filter(
        prefix,
        harper_rpc::catalogue::names().map(str::to_owned).collect(),
    )
}

/// Completes operation names from the catalogue (no daemon needed).
pub fn operations() -> ArgValueCompleter {
    ArgValueCompleter::new(operation_names)
}

fn role_field(prefix: &OsStr, field: fn(RoleObject) -> String) -> Vec<CompletionCandidate> {
    let Some(roles) = query(ListRoles {}) else {
        return Vec::new();
    };
    filter(prefix, roles.into_iter().map(field).collect())
}

fn complete_role_names(prefix: &OsStr) -> Vec<CompletionCandidate> {
    role_field(prefix, |r| r.role)
}

fn complete_role_ids(prefix: &OsStr) -> Vec<CompletionCandidate> {
    role_field(prefix, |r| r.id)
}

/// Completes role names from the daemon's roles (`--role`).
pub fn roles() -> ArgValueCompleter {
    ArgValueCompleter::new(complete_role_names)
}

/// Completes role ids from the daemon's roles (`role alter`, `role drop`).
pub fn role_ids() -> ArgValueCompleter {
    ArgValueCompleter::new(complete_role_ids)
}

/// Completes node names from the mesh's members.
pub fn nodes() -> ArgValueCompleter {
    ArgValueCompleter::new(node_names)
}

/// Completes `DB.TABLE` from the daemon's tables.
pub fn tables() -> ArgValueCompleter {
    ArgValueCompleter::new(table_names)
}

/// Completes database names from the daemon's databases.
pub fn databases() -> ArgValueCompleter {
    ArgValueCompleter::new(database_names)
}

/// Completes user names from the daemon's users.
pub fn users() -> ArgValueCompleter {
    ArgValueCompleter::new(user_names)
}

/// Completes `HOST:PORT` (`[::1]:9932` for IPv6), as `route remove` takes
/// them, from the daemon's routes.
pub fn routes() -> ArgValueCompleter {
    ArgValueCompleter::new(route_names)
}
