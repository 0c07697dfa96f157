//! `harper node name` and `harper route add|list|remove`.

use clap::Subcommand;
use harper_rpc::ops::{
    ClusterDeleteRoutes, ClusterGetRoutes, ClusterSetRoutes, GetConfiguration, ListedRoute,
    RouteServer, SetConfiguration,
};
use harper_rpc::{NodeName, Route};
use serde_json::{Value, json};

use super::{call_and_print, connect};
use crate::Global;
use crate::complete;
use crate::error::CliResult;
use crate::output::{self, cell, show, table};

#[derive(Debug, Subcommand)]
pub enum NodeCommand {
    /// Show this node's name, or set it (clustering.nodeName)
    Name {
        /// The new name: no whitespace, ., ,, * or >
        name: Option<NodeName>,
    },
    /// Nodes registered and connected, mesh members, unreachable nodes and why
    List,
    /// Register a node and subscriptions with it (add_node)
    Add {
        /// The other node's name
        name: NodeName,
        #[command(flatten)]
        subscriptions: super::SubscriptionArgs,
    },
    /// Set subscriptions with a node, adding it if needed (set_node_replication)
    Set {
        /// The other node's name
        name: NodeName,
        #[command(flatten)]
        subscriptions: super::SubscriptionArgs,
    },
    /// Forget a node and its subscriptions, on both sides (remove_node)
    Remove {
        /// The other node's name
        #[arg(add = complete::nodes())]
        name: NodeName,
    },
}

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

pub async fn node(g: &Global, c: NodeCommand) -> CliResult {
    match c {
        NodeCommand::List => super::clustering::node_list(g).await,
        NodeCommand::Add {
            name,
            subscriptions,
        } => super::node_subscriptions(g, super::NodeOp::Add, name, subscriptions).await,
        NodeCommand::Set {
            name,
            subscriptions,
        } => super::node_subscriptions(g, super::NodeOp::Set, name, subscriptions).await,
        NodeCommand::Remove { name } => super::node_remove(g, name).await,
        NodeCommand::Name { name: None } => {
            let client = connect(g).await?;
            let cfg = client.call(&GetConfiguration {}).await?;
            let name = cfg["clustering"]["nodeName"].clone();
            let value = json!({ "node_name": name });
            if !output::machine(g.output, &value)? {
                output::out(&match name {
                    Value::Null => "(no node name set)".to_owned(),
                    v => cell(&v),
                })?;
            }
            Ok(())
        }
        NodeCommand::Name { name: Some(name) } => {
            let op = SetConfiguration::one("clustering_nodeName", name.as_str());
            call_and_print(g, &op, |_| format!("node name set to {name}")).await
        }
    }
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
                super::clustering::wait_for_routes(&connect(g).await?).await?;
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
