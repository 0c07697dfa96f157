//! Completion of live values (tables, routes, node names, roles) from the running daemon, with a
//! short deadline; offers nothing, silently, when the daemon is not running.
//! Users enable it with `source <(COMPLETE=bash harper)`.

use std::ffi::OsStr;
use std::path::PathBuf;
use std::time::Duration;

use clap_complete::engine::{ArgValueCompleter, CompletionCandidate};
use serde_json::json;

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

fn query(operation: &str) -> Option<serde_json::Value> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .ok()?;
    rt.block_on(async {
        tokio::time::timeout(COMPLETION_BUDGET, async {
            let client = Client::connect(&root_from_words()).await.ok()?;
            client
                .execute(harper_rpc::request(operation, json!({})))
                .await
                .ok()?
                .ok()
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
    let Some(all) = query("describe_all") else {
        return Vec::new();
    };
    let mut names = Vec::new();
    for (db, tables) in all.as_object().into_iter().flatten() {
        for t in tables.as_object().into_iter().flatten().map(|(t, _)| t) {
            names.push(format!("{db}.{t}"));
        }
    }
    filter(prefix, names)
}

fn route_names(prefix: &OsStr) -> Vec<CompletionCandidate> {
    let Some(routes) = query("cluster_get_routes") else {
        return Vec::new();
    };
    let mut names = Vec::new();
    for list in ["hub", "leaf"] {
        for r in routes[list].as_array().into_iter().flatten() {
            names.push(format!(
                "{}:{}",
                r["host"].as_str().unwrap_or(""),
                r["port"]
            ));
        }
    }
    filter(prefix, names)
}

fn node_names(prefix: &OsStr) -> Vec<CompletionCandidate> {
    let Some(mesh) = query("cluster_mesh_status") else {
        return Vec::new();
    };
    let me = mesh["node_name"].as_str().unwrap_or("");
    let names = mesh["mesh"]["members"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|m| m["name"].as_str())
        .filter(|n| *n != me)
        .map(str::to_owned)
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

fn role_field(prefix: &OsStr, field: &str) -> Vec<CompletionCandidate> {
    let Some(roles) = query("list_roles") else {
        return Vec::new();
    };
    let names = roles
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r[field].as_str())
        .map(str::to_owned)
        .collect();
    filter(prefix, names)
}

fn complete_role_names(prefix: &OsStr) -> Vec<CompletionCandidate> {
    role_field(prefix, "role")
}

fn complete_role_ids(prefix: &OsStr) -> Vec<CompletionCandidate> {
    role_field(prefix, "id")
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

/// Completes `HOST:PORT` from the daemon's routes.
pub fn routes() -> ArgValueCompleter {
    ArgValueCompleter::new(route_names)
}
