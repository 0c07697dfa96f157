//! `harper route add|list|remove`: the other nodes this node dials, and waiting for their links.

use super::node::WaitArgs;
use super::prelude::*;
use super::watch::Span;

/// How long `--wait` waits for links unless `--timeout` says otherwise.
pub const LINK_DEADLINE: Duration = Duration::from_secs(30);

#[derive(Debug, Subcommand)]
pub enum RouteCommand {
    /// Add routes: this node dials HOST:PORT (cluster_set_routes)
    Add {
        /// Other nodes' cluster ports
        #[arg(required = true, value_name = "HOST:PORT")]
        routes: Vec<Route>,
        /// Which route list
        #[arg(long, value_enum, default_value_t = Server::Hub)]
        server: Server,
        #[command(flatten)]
        wait: WaitArgs,
    },
    /// List routes (cluster_get_routes)
    List,
    /// Remove routes (cluster_delete_routes)
    Remove {
        /// Routes to remove
        #[arg(required = true, value_name = "HOST:PORT", add = complete::routes())]
        routes: Vec<Route>,
    },
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Server {
    Hub,
    Leaf,
}

fn route_lines(groups: &[(&[ListedRoute], &str)]) -> String {
    let mut t = table(&["route", "result"]);
    for (routes, label) in groups {
        for r in *routes {
            t.add_row(vec![show(&r.to_string()), label.to_string()]);
        }
    }
    t.to_string()
}

pub async fn route(g: &Global, c: RouteCommand) -> CliResult {
    match c {
        RouteCommand::Add {
            routes,
            server,
            wait,
        } => {
            let op = ClusterSetRoutes {
                server: match server {
                    Server::Hub => RouteServer::Hub,
                    Server::Leaf => RouteServer::Leaf,
                },
                routes,
            };
            let client = connect(g).await?;
            let answer = client.call_raw(&op).await?;
            print_answer(g, answer, |r| {
                route_lines(&[(&r.set, "added"), (&r.skipped, "already present")])
            })?;
            if let Some(deadline) = wait.deadline(LINK_DEADLINE) {
                wait_for_routes(&client, Some(&op.routes), deadline).await?;
            }
            Ok(())
        }
        RouteCommand::List => {
            call_and_print(g, &ClusterGetRoutes {}, |r| {
                let mut t = table(&["server", "host", "port"]);
                for (server, routes) in [(RouteServer::Hub, &r.hub), (RouteServer::Leaf, &r.leaf)] {
                    for route in routes {
                        t.add_row(vec![show(&server), show(&route.host), show(&route.port)]);
                    }
                }
                if r.hub.is_empty() && r.leaf.is_empty() {
                    "(no routes)".to_owned()
                } else {
                    t.to_string()
                }
            })
            .await
        }
        RouteCommand::Remove { routes } => {
            call_and_print(g, &ClusterDeleteRoutes { routes }, |r| {
                route_lines(&[(&r.deleted, "removed"), (&r.skipped, "not found")])
            })
            .await
        }
    }
}

/// Poll the mesh until every configured hub route (or each of `only`) has a
/// live link, for at most `deadline`. A refusal by the other node ends the
/// wait at once with its reason; a dial that fails (connection refused,
/// unreachable: the node may still be starting) is shown and retried until
/// the deadline. Progress goes to stderr: a spinner on a TTY, else a line
/// each time it changes. The routes come from the configuration, not from
/// the mesh: the mesh takes a changed route list on a moment after the change
/// is written, and must not be seen as done before it has.
pub async fn wait_for_routes(
    client: &Client,
    only: Option<&[Route]>,
    deadline: Duration,
) -> CliResult {
    let wanted: Vec<String> = match only {
        Some(routes) => routes.iter().map(route_text).collect(),
        None => {
            let configured = client.call(&ClusterGetRoutes {}).await?;
            configured
                .hub
                .iter()
                .map(|r| show(&r.to_string()))
                .collect()
        }
    };
    let progress = super::subscribe::Progress::new("waiting for links");
    let until = Instant::now() + deadline;
    let result = loop {
        let s = client.call(&ClusterMeshStatus {}).await?;
        match s.state {
            ClusteringState::Failed => break Err(CliError::failed(show(&s.error))),
            ClusteringState::Disabled => {
                break Err(CliError::failed("clustering is not enabled on this node")
                    .with_hint("harper cluster enable"));
            }
            ClusteringState::Running => {}
        }
        let routes = s.mesh.map(|m| m.routes).unwrap_or_default();
        let state = |w: &str| routes.iter().find(|r| route_text(&r.route) == w);
        let up = |w: &str| state(w).is_some_and(|r| r.state == RouteLinkState::Up);
        if let Some(r) = wanted
            .iter()
            .filter_map(|w| state(w))
            .find(|r| r.state == RouteLinkState::Refused)
        {
            break Err(CliError::failed(format!(
                "route {} was refused: {}",
                route_text(&r.route),
                show(&r.last_error)
            )));
        }
        if wanted.iter().all(|w| up(w)) {
            break Ok(());
        }
        let down: Vec<String> = wanted
            .iter()
            .filter(|w| !up(w))
            .map(|w| match state(w) {
                Some(r) => match &r.last_error {
                    Some(e) => format!("{w} {} ({}), retrying", show(&r.state), show(e)),
                    None => format!("{w} {}", show(&r.state)),
                },
                None => format!("{w} not dialled yet"),
            })
            .collect();
        if Instant::now() > until {
            break Err(CliError::failed(format!(
                "links not up after {}: {}",
                Span(deadline),
                down.join(", ")
            ))
            .with_hint("harper cluster status"));
        }
        progress.show(&format!("waiting for links: {}", down.join(", ")));
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    progress.finish();
    result
}
