//! `harper cluster enable|disable|status|network|user create` and
//! `harper node list`: turning clustering on live and seeing the mesh.

use std::time::{Duration, Instant};

use clap::Subcommand;
use harper_rpc::NodeName;
use harper_rpc::ops::INCLUDE_CONSUMERS;
use serde_json::{Value, json};

use super::connect;
use super::users::{PasswordArgs, warn_password_flag};
use crate::Global;
use crate::client::Client;
use crate::error::{CliError, CliResult};
use crate::output::{self, cell, table};

/// How long `--wait` waits for links.
const WAIT_DEADLINE: Duration = Duration::from_secs(30);

#[derive(Debug, Subcommand)]
pub enum ClusterCommand {
    /// Turn clustering on in the running daemon (a wizard on a TTY)
    Enable {
        /// This node's name
        #[arg(long)]
        node_name: Option<NodeName>,
        /// The cluster user (created when missing) [default: cluster_user]
        #[arg(long, value_name = "U")]
        cluster_user: Option<String>,
        /// Its password; the same on every node (visible in the process list; prefer
        /// --cluster-password-stdin or CLUSTERING_PASSWORD) [env: CLUSTERING_PASSWORD]
        #[arg(long, value_name = "P", conflicts_with = "cluster_password_stdin")]
        cluster_password: Option<String>,
        /// Read the password from standard input
        #[arg(long)]
        cluster_password_stdin: bool,
        /// Wait until every route's link is up (or fail with the reason)
        #[arg(long)]
        wait: bool,
    },
    /// Turn clustering off (links close; data stays)
    Disable,
    /// Registered nodes and every link (cluster_status)
    Status,
    /// Every node of the mesh with its response time, links and routes (cluster_network)
    Network {
        /// How long to wait for answers, ms
        #[arg(long, value_name = "MS")]
        timeout: Option<u64>,
    },
    /// Cluster users
    #[command(subcommand)]
    User(ClusterUserCommand),
    /// Replace every node and subscription with a list of connections (configure_cluster)
    Configure {
        /// YAML or JSON file of connections (`-` for standard input)
        #[arg(value_name = "FILE|-")]
        file: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum ClusterUserCommand {
    /// Create a cluster user and name it in clustering.user
    Create {
        /// User name
        name: String,
        #[command(flatten)]
        password: PasswordArgs,
    },
}

fn ms_ago(ms: &Value) -> String {
    let Some(at) = ms.as_u64() else {
        return String::new();
    };
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(at);
    let secs = now.saturating_sub(at) / 1000;
    match secs {
        0..60 => format!("{secs}s ago"),
        60..3600 => format!("{}m ago", secs / 60),
        _ => format!("{}h ago", secs / 3600),
    }
}

pub async fn run(g: &Global, c: ClusterCommand) -> CliResult {
    match c {
        ClusterCommand::Enable {
            node_name,
            cluster_user,
            cluster_password,
            cluster_password_stdin,
            wait,
        } => {
            let client = connect(g).await?;
            let cfg = client
                .execute(harper_rpc::request("get_configuration", json!({})))
                .await??;
            let mut node_name = node_name.map(String::from);
            let mut cluster_user = cluster_user;
            if cluster_password.is_some() {
                warn_password_flag(
                    "--cluster-password",
                    "--cluster-password-stdin or the CLUSTERING_PASSWORD environment variable",
                );
            }
            let mut password = cluster_password;
            if cluster_password_stdin {
                password = Some(super::install::read_stdin_secret()?);
            } else if password.is_none() {
                password = std::env::var("CLUSTERING_PASSWORD")
                    .ok()
                    .filter(|p| !p.is_empty());
            }
            if g.interactive() {
                let prompt = |what: &str, default: Option<String>| -> CliResult<String> {
                    let mut i = dialoguer::Input::<String>::new().with_prompt(what);
                    if let Some(d) = default {
                        i = i.default(d);
                    }
                    i.interact_text()
                        .map_err(|e| CliError::failed(format!("prompt failed: {e}")))
                };
                if cluster_user.is_none() {
                    let default = cfg["clustering"]["user"]
                        .as_str()
                        .unwrap_or("cluster_user")
                        .to_owned();
                    cluster_user = Some(prompt("Cluster user", Some(default))?);
                }
                if password.is_none() {
                    password = Some(
                        dialoguer::Password::new()
                            .with_prompt("Cluster password (the same on every node)")
                            .with_confirmation("Repeat the password", "The passwords do not match")
                            .interact()
                            .map_err(|e| CliError::failed(format!("prompt failed: {e}")))?,
                    );
                }
                if node_name.is_none() {
                    let default = cfg["clustering"]["nodeName"].as_str().map(str::to_owned);
                    loop {
                        let n =
                            prompt("Please enter a unique name for this node", default.clone())?;
                        if NodeName::is_valid(&n) {
                            node_name = Some(n);
                            break;
                        }
                        eprintln!("Invalid node name, {}", harper_rpc::names::NODE_NAME_RULE);
                    }
                }
            }
            let mut body = serde_json::Map::new();
            if let Some(n) = node_name {
                body.insert("node_name".into(), json!(n));
            }
            if let Some(u) = cluster_user {
                body.insert("cluster_user".into(), json!(u));
            }
            if let Some(p) = password {
                body.insert("cluster_password".into(), json!(p));
            }
            let value = client
                .execute(harper_rpc::request("cluster_enable", Value::Object(body)))
                .await??;
            if wait {
                wait_for_routes(&client).await?;
            }
            if !output::machine(g.output, &value)? {
                output::out(&format!(
                    "{} (cluster user {}, listening on {})",
                    cell(&value["message"]),
                    cell(&value["cluster_user"]),
                    cell(&value["cluster_port"])
                ))?;
            }
            Ok(())
        }
        ClusterCommand::Disable => {
            let client = connect(g).await?;
            let value = client
                .execute(harper_rpc::request("cluster_disable", json!({})))
                .await??;
            output::print(g.output, &value)
        }
        ClusterCommand::Status => status(g).await,
        ClusterCommand::Configure { file } => super::configure(g, &file).await,
        ClusterCommand::Network { timeout } => {
            let client = connect(g).await?;
            let mut body = serde_json::Map::new();
            if let Some(t) = timeout {
                body.insert("timeout".into(), json!(t));
            }
            let value = client
                .execute(harper_rpc::request("cluster_network", Value::Object(body)))
                .await??;
            if !output::machine(g.output, &value)? {
                let mut t = table(&["node", "response ms", "connected nodes", "routes"]);
                for n in value["nodes"].as_array().into_iter().flatten() {
                    let peers: Vec<String> = n["connected_nodes"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .map(cell)
                        .collect();
                    let routes: Vec<String> = n["routes"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .map(|r| format!("{}:{}", cell(&r["host"]), cell(&r["port"])))
                        .collect();
                    t.add_row(vec![
                        cell(&n["name"]),
                        cell(&n["response_time"]),
                        peers.join(", "),
                        routes.join(", "),
                    ]);
                }
                output::out(&t.to_string())?;
            }
            Ok(())
        }
        ClusterCommand::User(ClusterUserCommand::Create { name, password }) => {
            let password = password.resolve(g, &format!("Password for cluster user {name}"))?;
            let client = connect(g).await?;
            let added = client
                .execute(harper_rpc::request(
                    "add_user",
                    json!({"role": "cluster_user", "username": name, "password": password, "active": true}),
                ))
                .await??;
            client
                .execute(harper_rpc::request(
                    "set_configuration",
                    json!({"clustering_user": name}),
                ))
                .await??;
            if !output::machine(g.output, &added)? {
                output::out(&format!(
                    "{} and set as clustering.user",
                    cell(&added["message"])
                ))?;
            }
            Ok(())
        }
    }
}

/// `host:port` of a route as the daemon shows it (in the config or the mesh).
fn route_text(r: &Value) -> String {
    format!("{}:{}", cell(&r["host"]), cell(&r["port"]))
}

/// Poll the mesh until every configured hub route has a live link; a refusal
/// ends the wait with its reason. The routes come from the configuration, not
/// from the mesh: the mesh takes a changed route list on a moment after the
/// change is written, and must not be seen as done before it has.
pub async fn wait_for_routes(client: &Client) -> CliResult {
    let configured = client
        .execute(harper_rpc::request("cluster_get_routes", json!({})))
        .await??;
    let wanted: Vec<String> = configured["hub"]
        .as_array()
        .into_iter()
        .flatten()
        .map(route_text)
        .collect();
    let pb = indicatif::ProgressBar::new_spinner();
    pb.set_message("waiting for links");
    pb.enable_steady_tick(Duration::from_millis(80));
    let deadline = Instant::now() + WAIT_DEADLINE;
    let result = loop {
        let s = client
            .execute(harper_rpc::request("cluster_mesh_status", json!({})))
            .await??;
        match s["state"].as_str() {
            Some("failed") => break Err(CliError::failed(cell(&s["error"]))),
            Some("disabled") => {
                break Err(CliError::failed("clustering is not enabled on this node")
                    .with_hint("harper cluster enable"));
            }
            _ => {}
        }
        let routes = s["mesh"]["routes"].as_array().cloned().unwrap_or_default();
        let state = |w: &str| routes.iter().find(|r| route_text(&r["route"]) == w);
        if let Some(r) = wanted
            .iter()
            .filter_map(|w| state(w))
            .find(|r| r["state"] == "refused")
        {
            break Err(CliError::failed(format!(
                "route {} was refused: {}",
                route_text(&r["route"]),
                cell(&r["last_error"])
            )));
        }
        if s["state"] == "running"
            && wanted
                .iter()
                .all(|w| state(w).is_some_and(|r| r["state"] == "up"))
        {
            break Ok(());
        }
        if Instant::now() > deadline {
            let down: Vec<String> = wanted
                .iter()
                .filter(|w| !state(w).is_some_and(|r| r["state"] == "up"))
                .map(|w| match state(w) {
                    Some(r) => format!("{w} ({})", cell(&r["last_error"])),
                    None => format!("{w} (not dialled yet)"),
                })
                .collect();
            break Err(CliError::failed(format!(
                "links not up after {}s: {}",
                WAIT_DEADLINE.as_secs(),
                down.join(", ")
            )));
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    pb.finish_and_clear();
    result
}

async fn status(g: &Global) -> CliResult {
    let client = connect(g).await?;
    let value = client
        .execute(harper_rpc::request(
            "cluster_status",
            json!({ INCLUDE_CONSUMERS: true }),
        ))
        .await??;
    if output::machine(g.output, &value)? {
        return Ok(());
    }
    let mesh = client
        .execute(harper_rpc::request("cluster_mesh_status", json!({})))
        .await??;
    let mut lines = vec![format!(
        "node {} — clustering {}",
        cell(&value["node_name"]),
        match mesh["state"].as_str() {
            Some("running") => format!("running on {}", cell(&mesh["mesh"]["listen"])),
            Some("failed") => format!("FAILED: {}", cell(&mesh["error"])),
            _ => "disabled".to_owned(),
        }
    )];
    let conns = value["connections"].as_array().cloned().unwrap_or_default();
    if !conns.is_empty() {
        let mut t = table(&["node", "status", "latency ms", "uptime", "subscriptions"]);
        for c in &conns {
            let subs = c["subscriptions"].as_array().map(Vec::len).unwrap_or(0);
            t.add_row(vec![
                cell(&c["node_name"]),
                cell(&c["status"]),
                cell(&c["latency_ms"]),
                cell(&c["uptime"]),
                subs.to_string(),
            ]);
        }
        lines.push(t.to_string());
        if let Some(t) = consumers_table(&conns) {
            lines.push(t);
        }
    }
    let mut t = table(&["link", "peer", "state", "since", "last error"]);
    let mut rows = 0;
    for r in mesh["mesh"]["routes"].as_array().into_iter().flatten() {
        t.add_row(vec![
            format!(
                "route {}:{}",
                cell(&r["route"]["host"]),
                cell(&r["route"]["port"])
            ),
            cell(&r["peer"]),
            cell(&r["state"]),
            ms_ago(&r["since_ms"]),
            cell(&r["last_error"]),
        ]);
        rows += 1;
    }
    for l in mesh["mesh"]["links"].as_array().into_iter().flatten() {
        if l["direction"] == "inbound" {
            t.add_row(vec![
                format!("inbound from {}", cell(&l["addr"])),
                cell(&l["peer"]),
                "up".into(),
                ms_ago(&l["since_ms"]),
                String::new(),
            ]);
            rows += 1;
        }
    }
    // The newest inbound refusal per node (or address), not every retry.
    let mut seen = std::collections::BTreeSet::new();
    for e in mesh["mesh"]["events"]
        .as_array()
        .into_iter()
        .flatten()
        .rev()
    {
        if !(e["reason"].is_string() && e["direction"] == "inbound") {
            continue;
        }
        if seen.insert(refused_node(e)) {
            t.add_row(vec![
                format!("inbound from {}", cell(&e["addr"])),
                cell(&e["peer"]),
                "refused".into(),
                ms_ago(&e["at_ms"]),
                cell(&e["message"]),
            ]);
            rows += 1;
        }
    }
    if rows > 0 {
        lines.push(t.to_string());
    }
    output::out(&lines.join("\n"))
}

/// Who a refusal event is about: the node's name when it said it, else the
/// route we dialled, else the host that dialled us (its port changes with
/// every retry).
fn refused_node(e: &Value) -> String {
    if e["peer"].is_string() {
        return cell(&e["peer"]);
    }
    let addr = cell(&e["addr"]);
    if e["direction"] == "outbound" {
        return addr;
    }
    addr.rsplit_once(':')
        .map(|(h, _)| h.to_owned())
        .unwrap_or(addr)
}

/// Every consumer of every connection: which way the table flows, how far
/// behind it is, gaps found and repaired, a resync in progress.
fn consumers_table(conns: &[Value]) -> Option<String> {
    let mut t = table(&[
        "node", "table", "flow", "state", "lag msgs", "lag ms", "gaps", "note",
    ]);
    let mut rows = 0;
    for c in conns {
        for k in c["consumers"].as_array().into_iter().flatten() {
            let subscribe = k["direction"] == "subscribe";
            let note = if let Some(r) = k["resync"].as_object() {
                format!("resyncing {} of {}", cell(&r["copied"]), cell(&r["total"]))
            } else if let Some(st) = k["stalled"].as_object() {
                format!("stalled at {}: {}", cell(&st["seq"]), cell(&st["reason"]))
            } else if !k["last_error"].is_null() {
                cell(&k["last_error"])
            } else if !k["last_gap"].is_null() {
                format!(
                    "gap at {} repaired (publisher held {}+)",
                    cell(&k["last_gap"]["cursor"]),
                    cell(&k["last_gap"]["first_retained"])
                )
            } else if !k["last_restart"].is_null() {
                format!(
                    "new stream, read from 1 (was at {})",
                    cell(&k["last_restart"]["old_next_seq"])
                )
            } else {
                String::new()
            };
            t.add_row(vec![
                cell(&c["node_name"]),
                format!("{}.{}", cell(&k["database"]), cell(&k["table"])),
                if subscribe { "<- in" } else { "-> out" }.to_owned(),
                if subscribe {
                    cell(&k["state"])
                } else if k["consumer_seen_ms"].is_null() {
                    "not read yet".to_owned()
                } else {
                    format!("read {}", ms_ago(&k["consumer_seen_ms"]))
                },
                cell(&k["lag_messages"]),
                cell(&k["lag_ms"]),
                cell(&k["gaps_repaired"]),
                note,
            ]);
            rows += 1;
        }
    }
    (rows > 0).then(|| t.to_string())
}

/// `harper node list`: registered nodes, mesh members, and nodes that cannot be reached.
pub async fn node_list(g: &Global) -> CliResult {
    let client = connect(g).await?;
    let status = client
        .execute(harper_rpc::request("cluster_status", json!({})))
        .await??;
    let mesh = client
        .execute(harper_rpc::request("cluster_mesh_status", json!({})))
        .await??;
    let me = status["node_name"].as_str().unwrap_or("").to_owned();
    let members: Vec<Value> = mesh["mesh"]["members"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let mut nodes = Vec::new();
    for c in status["connections"].as_array().into_iter().flatten() {
        let name = cell(&c["node_name"]);
        let in_mesh = members.iter().any(|m| m["name"] == c["node_name"]);
        nodes.push(json!({
            "name": name,
            "registered": true,
            "in_mesh": in_mesh,
            "status": c["status"],
            "subscriptions": c["subscriptions"],
            "reason": if c["status"] == "open" { Value::Null } else if in_mesh { json!("the node does not answer") } else { json!("not reachable through the mesh") },
        }));
    }
    for m in &members {
        let name = cell(&m["name"]);
        if name == me || nodes.iter().any(|n| n["name"] == name.as_str()) {
            continue;
        }
        nodes.push(json!({
            "name": name,
            "registered": false,
            "in_mesh": true,
            "status": "connected",
            "links": m["links"],
        }));
    }
    // The newest refusal of each node not in the mesh. A refused duplicate
    // name is shown even though a member has that name: it is another node.
    let mut refused = std::collections::BTreeSet::new();
    for e in mesh["mesh"]["events"]
        .as_array()
        .into_iter()
        .flatten()
        .rev()
    {
        if !e["reason"].is_string() {
            continue;
        }
        let who = refused_node(e);
        let duplicate = e["reason"] == "duplicate_node_name";
        let known = nodes.iter().any(|n| n["name"] == who.as_str());
        if (duplicate || !known) && refused.insert(who.clone()) {
            nodes.push(json!({
                "name": who,
                "registered": false,
                "in_mesh": false,
                "status": "refused",
                "reason": e["message"],
                "since_ms": e["at_ms"],
            }));
        }
    }
    let value = json!({ "node_name": me, "nodes": nodes });
    if !output::machine(g.output, &value)? {
        let mut t = table(&["node", "registered", "in mesh", "status", "why"]);
        for n in value["nodes"].as_array().into_iter().flatten() {
            t.add_row(vec![
                cell(&n["name"]),
                cell(&n["registered"]),
                cell(&n["in_mesh"]),
                cell(&n["status"]),
                cell(&n["reason"]),
            ]);
        }
        output::out(&format!("this node: {me}\n{t}"))?;
    }
    Ok(())
}
