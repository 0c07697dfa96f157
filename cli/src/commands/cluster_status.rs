//! `harper cluster status [--check | -w [INTERVAL]]`: registered nodes, every
//! link and route, every consumer (cluster_status with consumers, beside
//! cluster_mesh_status). It exits 1 when clustering failed to start; with
//! `--check` it prints no table and exits 0 only when the cluster is healthy
//! ([`problems`]), else 1 with each problem on stderr (for monitoring and
//! systemd health checks).

use super::prelude::*;
use super::watch::{Frame, WatchArgs, watch};

/// `cluster status`'s flags.
#[derive(Debug, Clone, clap::Args)]
pub struct StatusArgs {
    /// Health check: exit 0 when clustering runs, every route's link is up, every registered
    /// node answers and every consumer is caught up or streaming; else exit 1 with each
    /// problem on stderr, one per line
    #[arg(long, conflicts_with = "watch")]
    pub check: bool,
    #[command(flatten)]
    pub watch: WatchArgs,
}

pub async fn run(g: &Global, a: StatusArgs) -> CliResult {
    let client = connect(g).await?;
    if a.check {
        return check(g, &client).await;
    }
    if let Some(every) = a.watch.watch {
        return watch(g, "harper cluster status", every, async || {
            Ok(frame(&client).await?.0)
        })
        .await;
    }
    let (f, mesh) = frame(&client).await?;
    if !output::machine(g.output, &f.raw)? {
        output::out(&f.human)?;
    }
    if mesh.state == ClusteringState::Failed {
        return Err(
            CliError::failed(format!("clustering failed to start: {}", show(&mesh.error)))
                .with_hint("fix the configuration, then: harper cluster enable"),
        );
    }
    Ok(())
}

/// `--check`: the problems on stderr, exit 1 when there are any.
async fn check(g: &Global, client: &Client) -> CliResult {
    let status = client.call(&CLUSTER_STATUS).await?;
    let mesh = client.call(&ClusterMeshStatus {}).await?;
    let problems = problems(&status, &mesh);
    let value = json!({
        "node_name": status.node_name,
        "healthy": problems.is_empty(),
        "problems": problems,
    });
    if !output::machine(g.output, &value)? && problems.is_empty() {
        output::out(&format!(
            "healthy: {} routes up, {} nodes answering, {} consumers caught up or streaming",
            mesh.mesh.as_ref().map_or(0, |m| m.routes.len()),
            status.connections.len(),
            status
                .connections
                .iter()
                .flat_map(|c| c.consumers.iter().flatten())
                .filter(|k| matches!(k, ConnectionConsumer::Subscribe(_)))
                .count()
        ))?;
    }
    if problems.is_empty() {
        return Ok(());
    }
    for p in &problems {
        eprintln!("unhealthy: {p}");
    }
    Err(CliError::failed(format!(
        "the cluster is not healthy ({} problem{})",
        problems.len(),
        if problems.len() == 1 { "" } else { "s" }
    )))
}

/// What makes the cluster unhealthy as this node sees it, one sentence each
/// (escaped): clustering not running, a route whose link is not up, a
/// registered node that does not answer, a consumer of ours that is neither
/// caught up nor streaming. Consumers of our streams are the other node's
/// to report.
pub fn problems(status: &ClusterStatusResponse, mesh: &MeshStatusResponse) -> Vec<String> {
    let mut out = Vec::new();
    match mesh.state {
        ClusteringState::Running => {}
        ClusteringState::Disabled => out.push("clustering is disabled on this node".to_owned()),
        ClusteringState::Failed => {
            out.push(format!("clustering failed to start: {}", show(&mesh.error)))
        }
    }
    for r in mesh.mesh.iter().flat_map(|m| &m.routes) {
        if r.state == RouteLinkState::Up {
            continue;
        }
        let peer = r
            .peer
            .as_ref()
            .map(|p| format!(" to node {}", show(p)))
            .unwrap_or_default();
        let why = r
            .last_error
            .as_ref()
            .map(|e| format!(": {}", show(e)))
            .unwrap_or_default();
        out.push(format!(
            "route {}{peer} is {}{why}",
            route_text(&r.route),
            show(&r.state)
        ));
    }
    for c in &status.connections {
        if c.status != LinkStatus::Open {
            out.push(format!(
                "node {} does not answer ({})",
                show(&c.node_name),
                show(&c.status)
            ));
        }
        for k in c.consumers.iter().flatten() {
            let ConnectionConsumer::Subscribe(k) = k else {
                continue;
            };
            if matches!(k.state, ConsumerState::CaughtUp | ConsumerState::Streaming) {
                continue;
            }
            let why = if let Some(st) = &k.stalled {
                format!(": stalled at {}: {}", st.seq, show(&st.reason))
            } else if let Some(e) = &k.last_error {
                format!(": {}", show(e))
            } else {
                String::new()
            };
            out.push(format!(
                "consumer of {}.{} from node {} is {}{why}",
                show(&k.database),
                show(&k.table),
                show(&c.node_name),
                show(&k.state)
            ));
        }
    }
    out
}

/// One run: the `cluster_status` answer as `-o json` prints it, the tables
/// for people, and the mesh status (for the exit code).
async fn frame(client: &Client) -> CliResult<(Frame, MeshStatusResponse)> {
    let answer = client.call_raw(&CLUSTER_STATUS).await?;
    let mesh = client.call(&ClusterMeshStatus {}).await?;
    let human = render(&answer.typed, &mesh);
    Ok((
        Frame {
            raw: answer.raw,
            human,
        },
        mesh,
    ))
}

fn render(value: &ClusterStatusResponse, mesh: &MeshStatusResponse) -> String {
    let mut lines = vec![format!(
        "node {} — clustering {}",
        show(&value.node_name),
        match (&mesh.state, &mesh.mesh) {
            (ClusteringState::Running, Some(m)) => format!("running on {}", show(&m.listen)),
            (ClusteringState::Failed, _) => format!("FAILED: {}", show(&mesh.error)),
            _ => "disabled".to_owned(),
        }
    )];
    let conns = &value.connections;
    if !conns.is_empty() {
        let mut t = table(&["node", "status", "latency ms", "uptime", "subscriptions"]);
        for c in conns {
            t.add_row(vec![
                show(&c.node_name),
                show(&c.status),
                show(&c.latency_ms),
                show(&c.uptime),
                c.subscriptions.len().to_string(),
            ]);
        }
        lines.push(t.to_string());
        if let Some(t) = consumers_table(conns) {
            lines.push(t);
        }
    }
    let mut t = table(&["link", "peer", "state", "since", "last error"]);
    let mut rows = 0;
    let empty = Vec::new();
    let (routes, links, events) = match &mesh.mesh {
        Some(m) => (&m.routes, &m.links, &m.events),
        None => (&empty, &Vec::new(), &Vec::new()),
    };
    for r in routes {
        t.add_row(vec![
            format!("route {}", route_text(&r.route)),
            show(&r.peer),
            show(&r.state),
            ms_ago(r.since_ms),
            show(&r.last_error),
        ]);
        rows += 1;
    }
    for l in links.iter().filter(|l| l.direction == Direction::Inbound) {
        t.add_row(vec![
            format!("inbound from {}", show(&l.addr)),
            show(&l.peer),
            show(&RouteLinkState::Up),
            ms_ago(l.since_ms),
            String::new(),
        ]);
        rows += 1;
    }
    // The newest inbound refusal per node (or address), not every retry.
    let mut seen = std::collections::BTreeSet::new();
    for e in events.iter().rev() {
        if !(e.reason.is_some() && e.direction == Direction::Inbound) {
            continue;
        }
        if seen.insert(refused_node(e)) {
            t.add_row(vec![
                format!("inbound from {}", show(&e.addr)),
                show(&e.peer),
                show(&RouteLinkState::Refused),
                ms_ago(e.at_ms),
                show(&e.message),
            ]);
            rows += 1;
        }
    }
    if rows > 0 {
        lines.push(t.to_string());
    }
    lines.join("\n")
}

/// Every consumer of every connection: which way the table flows, how far
/// behind it is, gaps found and repaired, a resync in progress.
fn consumers_table(conns: &[Connection]) -> Option<String> {
    let mut t = table(&[
        "node", "table", "flow", "state", "lag msgs", "lag ms", "gaps", "note",
    ]);
    let mut rows = 0;
    for c in conns {
        for k in c.consumers.iter().flatten() {
            let row = match k {
                ConnectionConsumer::Subscribe(k) => {
                    let note = if let Some(r) = &k.resync {
                        format!("resyncing {} of {}", show(&r.copied), show(&r.total))
                    } else if let Some(st) = &k.stalled {
                        format!("stalled at {}: {}", show(&st.seq), show(&st.reason))
                    } else if let Some(e) = &k.last_error {
                        show(e)
                    } else if let Some(gap) = &k.last_gap {
                        format!(
                            "gap at {} repaired (publisher held {}+)",
                            show(&gap.cursor),
                            show(&gap.first_retained)
                        )
                    } else if let Some(r) = &k.last_restart {
                        format!("new stream, read from 1 (was at {})", show(&r.old_next_seq))
                    } else {
                        String::new()
                    };
                    vec![
                        show(&c.node_name),
                        format!("{}.{}", show(&k.database), show(&k.table)),
                        "<- in".to_owned(),
                        show(&k.state),
                        show(&k.lag_messages),
                        show(&k.lag_ms),
                        show(&k.gaps_repaired),
                        note,
                    ]
                }
                ConnectionConsumer::Publish(p) => vec![
                    show(&c.node_name),
                    format!("{}.{}", show(&p.database), show(&p.table)),
                    "-> out".to_owned(),
                    match p.consumer_seen_ms {
                        None => "not read yet".to_owned(),
                        Some(ms) => format!("read {}", ms_ago(ms)),
                    },
                    show(&p.lag_messages),
                    String::new(),
                    String::new(),
                    String::new(),
                ],
            };
            t.add_row(row);
            rows += 1;
        }
    }
    (rows > 0).then(|| t.to_string())
}
