//! `harper status` and `harper version`, of the local root or, with
//! `--target`, of a remote daemon (through its operations: system_information,
//! get_configuration, cluster_mesh_status, cluster_status). `status` reads
//! like `harperdb status`: YAML of the daemon (status, pid, version, root,
//! operations port) and of clustering (node name, cluster port, state, a
//! summary of links, routes and consumers); `-o json` gives the same.

use std::collections::BTreeMap;

use super::lifecycle::read_pid;
use super::prelude::*;
use harper_rpc::process::harperd_alive;

/// The root as an absolute path (as given, made absolute against the
/// working directory; not resolved through links).
fn absolute_root(g: &Global) -> std::path::PathBuf {
    let root = g.root();
    std::path::absolute(&root).unwrap_or(root)
}

pub async fn status(g: &Global) -> CliResult {
    let value = if g.target.is_some() {
        let client = connect(g).await?;
        remote_status(&client).await?
    } else {
        local_status(g).await?
    };
    if !output::machine(g.output, &value)? {
        output::out(output::yaml(&value).trim_end())?;
    }
    Ok(())
}

async fn local_status(g: &Global) -> CliResult<Value> {
    let root = absolute_root(g);
    let shown = root.display().to_string();
    if !root.join(harper_rpc::CONFIG_FILE).exists() {
        return Ok(json!({"harperd": {"status": "not installed", "root": shown}}));
    }
    let client = match Client::connect(&root).await {
        Ok(c) => c,
        Err(_) => {
            return Ok(match read_pid(&root).filter(|p| harperd_alive(*p)) {
                Some(pid) => {
                    json!({"harperd": {"status": "not answering", "pid": pid, "root": shown}})
                }
                None => json!({"harperd": {"status": "stopped", "root": shown}}),
            });
        }
    };
    let h = client.hello().clone();
    let info = client.call_unless_refused(&SystemInformation {}).await?;
    let mut v = running(&client, info.map(|i| i.database.disk)).await?;
    v["harperd"]["pid"] = json!(h.pid);
    v["harperd"]["version"] = json!(h.version);
    v["harperd"]["uptime_secs"] = json!(h.uptime_secs);
    v["harperd"]["root"] = json!(shown);
    if v["clustering"]["node_name"].is_null() {
        v["clustering"]["node_name"] = json!(h.node_name);
    }
    Ok(v)
}

async fn remote_status(client: &Client) -> CliResult<Value> {
    let info = client.call(&SystemInformation {}).await?;
    let mut v = running(client, Some(info.database.disk.clone())).await?;
    v["harperd"]["pid"] = json!(info.process.pid);
    v["harperd"]["version"] = json!(info.system_info.hdb_version);
    v["harperd"]["uptime_secs"] = json!(info.process.uptime_secs);
    v["harperd"]["host"] = json!(info.system.hostname);
    if let Some(t) = client.target() {
        v["harperd"]["target"] = json!(route_text(t));
    }
    Ok(v)
}

/// What a running daemon says of itself, through its operations; `pid`,
/// `version`, `uptime_secs` and `root` are the caller's to fill in (the
/// local root is the one given, a remote one the one it reports).
async fn running(client: &Client, disk: Option<String>) -> CliResult<Value> {
    let cfg = client
        .call_unless_refused(&GetConfiguration {})
        .await?
        .unwrap_or(Value::Null);
    let cluster = &cfg["clustering"];
    let mesh = client.call(&ClusterMeshStatus {}).await.ok();
    let conns = client
        .call_unless_refused(&CLUSTER_STATUS)
        .await?
        .map(|s| s.connections)
        .unwrap_or_default();
    let mut v = json!({
        "harperd": {
            "status": "running",
            "pid": null,
            "version": null,
            "uptime_secs": null,
            "root": cfg["rootPath"],
            "operations_port": cfg["operationsApi"]["network"]["port"],
            "disk": disk,
        },
        "clustering": {
            "enabled": cluster["enabled"],
            "node_name": mesh.as_ref().and_then(|m| m.node_name.clone()),
            "cluster_port": cluster["hubServer"]["cluster"]["network"]["port"],
            "cluster_listener": cluster_listener(&cluster["hubServer"]["cluster"]["network"]),
            "state": mesh.as_ref().map(|m| m.state),
        },
    });
    if let Some(why) = mesh.as_ref().and_then(|m| m.error.as_deref()) {
        v["clustering"]["error"] = json!(harper_rpc::text::printable(why));
    }
    if let Some(m) = mesh.as_ref().and_then(|m| m.mesh.as_ref()) {
        v["clustering"]["links"] = json!(m.links.len());
        v["clustering"]["routes"] = json!({
            "total": m.routes.len(),
            "up": m.routes.iter().filter(|r| r.state == RouteLinkState::Up).count(),
        });
        v["clustering"]["members"] = json!(m.members.len());
    }
    v["clustering"]["nodes"] = json!({
        "registered": conns.len(),
        "answering": conns.iter().filter(|c| c.status == LinkStatus::Open).count(),
    });
    v["clustering"]["consumers"] = consumer_summary(&conns);
    Ok(v)
}

/// How many of this node's consumers are in each state: `{total, caught_up: 2, ...}`.
fn consumer_summary(conns: &[Connection]) -> Value {
    let mut by_state: BTreeMap<String, u64> = BTreeMap::new();
    let mut total = 0;
    for c in conns {
        for k in c.consumers.iter().flatten() {
            if let ConnectionConsumer::Subscribe(k) = k {
                *by_state.entry(show(&k.state)).or_default() += 1;
                total += 1;
            }
        }
    }
    let mut v = json!({ "total": total });
    for (state, n) in by_state {
        v[state] = json!(n);
    }
    v
}

/// `HOST:PORT` the mesh listens on (`[v6]:PORT` for an IPv6 address), from
/// `clustering.hubServer.cluster.network`; the host defaults to every interface.
fn cluster_listener(network: &Value) -> Value {
    let host = network["host"].as_str().unwrap_or("0.0.0.0");
    let port = match &network["port"] {
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        _ => return Value::Null,
    };
    if host.contains(':') {
        json!(format!("[{host}]:{port}"))
    } else {
        json!(format!("{host}:{port}"))
    }
}

/// `harper version`: this program's, and the daemon's (local, or `--target`'s).
pub async fn version(g: &Global) -> CliResult {
    let (daemon, target) = match &g.target {
        Some(t) => {
            let client = connect(g).await?;
            let info = client.call(&SystemInformation {}).await?;
            (Some(info.system_info.hdb_version), Some(route_text(t)))
        }
        None => {
            let daemon = Client::connect(&g.root())
                .await
                .ok()
                .map(|c| c.hello().version.clone());
            (daemon, None)
        }
    };
    let mut value = json!({"harper": harper_rpc::VERSION, "harperd": daemon, "protocol": harper_rpc::PROTOCOL_VERSION});
    if let Some(t) = &target {
        value["target"] = json!(t);
    }
    if !output::machine(g.output, &value)? {
        output::out(&format!("harper {}", harper_rpc::VERSION))?;
        match (daemon, target) {
            (Some(d), Some(t)) => output::out(&format!("harperd {} (at {t})", show(&d)))?,
            (Some(d), None) => output::out(&format!("harperd {} (running)", show(&d)))?,
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listeners_bracket_v6_hosts() {
        assert_eq!(
            cluster_listener(&json!({"host": "::1", "port": 9932})),
            json!("[::1]:9932")
        );
        assert_eq!(
            cluster_listener(&json!({"port": "9932"})),
            json!("0.0.0.0:9932")
        );
        assert_eq!(cluster_listener(&json!({})), Value::Null);
    }
}
