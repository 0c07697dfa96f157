//! `harper route add|list|remove`: the other nodes this node dials, and waiting for their links.

use super::prelude::*;

/// How long `--wait` waits for links.
const WAIT_DEADLINE: Duration = Duration::from_secs(30);

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
        /// Wait until the links are up (or fail with the reason)
        #[arg(long)]
        wait: bool,
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
            call_and_print(g, &op, |r| {
                route_lines(&[(&r.set, "added"), (&r.skipped, "already present")])
            })
            .await?;
            if wait {
                wait_for_routes(&connect(g).await?).await?;
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

/// Poll the mesh until every configured hub route has a live link; a refusal
/// ends the wait with its reason. The routes come from the configuration, not
/// from the mesh: the mesh takes a changed route list on a moment after the
/// change is written, and must not be seen as done before it has.
pub async fn wait_for_routes(client: &Client) -> CliResult {
    let configured = client.call(&ClusterGetRoutes {}).await?;
    let wanted: Vec<String> = configured
        .hub
        .iter()
        .map(|r| show(&r.to_string()))
        .collect();
    let pb = indicatif::ProgressBar::new_spinner();
    pb.set_message("waiting for links");
    pb.enable_steady_tick(Duration::from_millis(80));
    let deadline = Instant::now() + WAIT_DEADLINE;
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
        if Instant::now() > deadline {
            let down: Vec<String> = wanted
                .iter()
                .filter(|w| !up(w))
                .map(|w| match state(w) {
                    Some(r) => format!("{w} ({})", show(&r.last_error)),
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
