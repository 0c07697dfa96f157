//! `harper node name|list|add|set|remove`: this node's name and the nodes of the cluster.

use std::collections::BTreeSet;

use super::node_link::{node_connect, node_disconnect};
use super::prelude::*;
use super::subscribe::wait_for_consumers;
use super::watch::{Frame, Span, WatchArgs, watch};

#[derive(Debug, Subcommand)]
pub enum NodeCommand {
    /// Show this node's name, or set it (clustering.nodeName)
    Name {
        /// The new name: no whitespace, ., ,, * or >
        name: Option<NodeName>,
    },
    /// Nodes registered and connected, mesh members (linked to this node, or known by
    /// gossip only: unconnected), unreachable nodes and why
    List {
        #[command(flatten)]
        watch: WatchArgs,
    },
    /// Link this node to a node known by gossip: a route to its cluster port (the Studio's
    /// Connect; cluster_set_routes)
    Connect {
        /// The node, as the mesh knows it
        #[arg(add = complete::nodes())]
        name: NodeName,
        /// Its host, when the mesh cannot tell it (the port is the one it gossips)
        #[arg(long, value_name = "HOST")]
        host: Option<String>,
        #[command(flatten)]
        wait: WaitArgs,
    },
    /// Remove this node's routes to a node (the Studio's Disconnect; cluster_delete_routes)
    Disconnect {
        /// The node
        #[arg(add = complete::nodes())]
        name: NodeName,
    },
    /// Register a node and subscriptions with it (add_node)
    Add {
        /// The other node's name
        #[arg(add = complete::nodes())]
        name: NodeName,
        #[command(flatten)]
        subscriptions: SubscriptionArgs,
    },
    /// Set subscriptions with a node, adding it if needed (set_node_replication)
    Set {
        /// The other node's name
        #[arg(add = complete::nodes())]
        name: NodeName,
        #[command(flatten)]
        subscriptions: SubscriptionArgs,
    },
    /// Forget a node and its subscriptions, on both sides (remove_node)
    Remove {
        /// The other node's name
        #[arg(add = complete::nodes())]
        name: NodeName,
    },
}

/// Which tables flow which way with one node, as flags of `node add|set`.
#[derive(Debug, Clone, clap::Args)]
pub struct SubscriptionArgs {
    /// Tables whose local writes go to the node (repeat)
    #[arg(long, value_name = "DB.TABLE", add = complete::tables())]
    pub publish: Vec<TableRef>,
    /// Tables whose writes on the node are applied here (repeat)
    #[arg(long, value_name = "DB.TABLE", add = complete::tables())]
    pub subscribe: Vec<TableRef>,
    /// Start new consumers at this time (ISO 8601, e.g. 2000-01-01T00:00:00.000Z)
    #[arg(long, value_name = "ISO")]
    pub start_time: Option<String>,
    #[command(flatten)]
    pub wait: WaitArgs,
}

/// `--wait [--timeout DURATION]` of the commands that can wait for links or consumers.
#[derive(Debug, Clone, clap::Args)]
pub struct WaitArgs {
    /// Wait until the links are up and the consumers caught up (progress on stderr). A dial
    /// that fails (connection refused: the node may be starting) is shown and retried until
    /// the timeout; a refusal by the other node (credentials, name, version) ends the wait at
    /// once with exit 1
    #[arg(long)]
    pub wait: bool,
    /// How long --wait waits (500ms, 30s, 2m, or seconds) [default: 30s for links, 2m for
    /// consumers]
    #[arg(long, value_name = "DURATION", requires = "wait")]
    pub timeout: Option<Span>,
}

impl WaitArgs {
    /// How long to wait, when waiting: `--timeout`, else `default`.
    pub fn deadline(&self, default: Duration) -> Option<Duration> {
        self.wait.then(|| self.timeout.map_or(default, |t| t.0))
    }
}

impl SubscriptionArgs {
    /// The `subscriptions` list: a table named by both flags gets both true,
    /// a table named by one gets the other false.
    fn subscriptions(&self) -> CliResult<Vec<SubscriptionRequest>> {
        let tables: BTreeSet<&TableRef> = self.publish.iter().chain(&self.subscribe).collect();
        if tables.is_empty() {
            return Err(CliError::usage(
                "name at least one table with --publish DB.TABLE or --subscribe DB.TABLE",
            ));
        }
        Ok(tables
            .into_iter()
            .map(|t| SubscriptionRequest {
                database: t.database.clone(),
                table: t.table.clone(),
                publish: self.publish.contains(t),
                subscribe: self.subscribe.contains(t),
                start_time: self.start_time.clone(),
            })
            .collect())
    }
}

/// Which operation `node add|set` sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeOp {
    /// `add_node`.
    Add,
    /// `set_node_replication`.
    Set,
}

pub async fn node(g: &Global, c: NodeCommand) -> CliResult {
    match c {
        NodeCommand::List { watch: w } => {
            let client = connect(g).await?;
            match w.watch {
                Some(every) => {
                    watch(g, "harper node list", every, async || {
                        node_frame(&client).await
                    })
                    .await
                }
                None => {
                    let f = node_frame(&client).await?;
                    if !output::machine(g.output, &f.raw)? {
                        output::out(&f.human)?;
                    }
                    Ok(())
                }
            }
        }
        NodeCommand::Connect { name, host, wait } => node_connect(g, name, host, wait).await,
        NodeCommand::Disconnect { name } => node_disconnect(g, name).await,
        NodeCommand::Add {
            name,
            subscriptions,
        } => node_subscriptions(g, NodeOp::Add, name, subscriptions).await,
        NodeCommand::Set {
            name,
            subscriptions,
        } => node_subscriptions(g, NodeOp::Set, name, subscriptions).await,
        NodeCommand::Remove { name } => node_remove(g, name).await,
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

/// A table row of an add/update answer: `db.table`, the flags, the start time, which list.
fn item_row(t: &mut comfy_table::Table, s: &SubscriptionItem, group: &str) {
    t.add_row(vec![
        format!("{}.{}", show(&s.schema), show(&s.table)),
        show(&s.publish),
        show(&s.subscribe),
        show(&s.start_time),
        group.to_owned(),
    ]);
}

/// The message of an add/update answer, then its subscriptions: those made
/// under `group`, and the skipped ones as they were sent.
pub(super) fn lists_table(
    message: &str,
    group: &str,
    items: &[SubscriptionItem],
    skipped: &[Value],
) -> String {
    let mut t = table(&["table", "publish", "subscribe", "start time", "result"]);
    for s in items {
        item_row(&mut t, s, group);
    }
    for s in skipped {
        let db = s.get("schema").or_else(|| s.get("database")).map(cell);
        t.add_row(vec![
            format!(
                "{}.{}",
                db.unwrap_or_else(|| "data".into()),
                cell(&s["table"])
            ),
            cell(&s["publish"]),
            cell(&s["subscribe"]),
            cell(&s["start_time"]),
            "skipped".to_owned(),
        ]);
    }
    format!("{}\n{t}", show(message))
}

/// `harper node add` (add_node) and `harper node set` (set_node_replication).
pub async fn node_subscriptions(
    g: &Global,
    op: NodeOp,
    name: NodeName,
    args: SubscriptionArgs,
) -> CliResult {
    let subscriptions = args.subscriptions()?;
    let node_name = String::from(name.clone());
    let client = connect(g).await?;
    match op {
        NodeOp::Add => {
            let answer = client
                .call_raw(&AddNode {
                    node_name,
                    subscriptions,
                })
                .await?;
            print_answer(g, answer, |r| {
                lists_table(&r.message, "added", &r.added, &r.skipped)
            })?;
        }
        NodeOp::Set => {
            let answer = client
                .call_raw(&SetNodeReplication {
                    node_name,
                    subscriptions,
                })
                .await?;
            print_answer(g, answer, |r| {
                lists_table(&r.message, "updated", &r.updated, &r.skipped)
            })?;
        }
    }
    if let Some(deadline) = args.wait.deadline(super::subscribe::WAIT_DEADLINE) {
        wait_for_consumers(&client, name.as_str(), deadline).await?;
    }
    Ok(())
}

/// `harper node remove` (remove_node). HarperDB's answer when the other
/// node could not be told says "Check the logs": say which file.
pub async fn node_remove(g: &Global, name: NodeName) -> CliResult {
    let client = connect(g).await?;
    // Ask only about a registered node; the daemon answers for any other.
    if g.interactive() {
        let status = client.call(&CLUSTER_STATUS).await?;
        if let Some(c) = status
            .connections
            .iter()
            .find(|c| c.node_name == name.as_str())
        {
            crate::prompt::confirm_or_cancel(
                g,
                &format!(
                    "Remove node {name} and its {} subscriptions, on both sides?",
                    c.subscriptions.len()
                ),
                &format!("node {name} was not removed"),
            )?;
        }
    }
    let op = RemoveNode {
        node_name: name.into(),
    };
    let answer = client.call_raw(&op).await?;
    let log = if answer.typed.message.contains(CHECK_THE_LOGS) {
        log_file(g, &client).await
    } else {
        None
    };
    print_answer(g, answer, |r| match &log {
        Some(log) => format!("{} ({log})", said(r)),
        None => said(r),
    })
}

/// HarperDB's words for "the reason is in the log".
const CHECK_THE_LOGS: &str = "Check the logs";
/// The daemon's log file in `logging.root` (harper_daemon::logging::LOG_FILE).
const LOG_FILE: &str = "harperd.log";

/// Where the daemon's log is: `logging.root` of its configuration, on the
/// `--target` when there is one.
async fn log_file(g: &Global, client: &Client) -> Option<String> {
    let cfg = client.call(&GetConfiguration {}).await.ok()?;
    let dir = std::path::Path::new(cfg["logging"]["root"].as_str()?);
    let path = show(&dir.join(LOG_FILE).display().to_string());
    Some(match &g.target {
        Some(t) => format!("log: {path} on {t}"),
        // A relative logging.root is under the root, as the daemon reads it.
        None if dir.is_relative() => format!(
            "log: {}",
            show(&g.root().join(dir).join(LOG_FILE).display().to_string())
        ),
        None => format!("log: {path}"),
    })
}

/// `harper node list`: registered nodes, mesh members (linked to this node,
/// or known by gossip only), and nodes that cannot be reached.
async fn node_frame(client: &Client) -> CliResult<Frame> {
    let status = client.call(&CLUSTER_STATUS).await?;
    let mesh = client.call(&ClusterMeshStatus {}).await?;
    let me = status.node_name.clone().unwrap_or_default();
    let (members, events, links) = match mesh.mesh {
        Some(m) => (m.members, m.events, m.links),
        None => Default::default(),
    };
    let linked = |name: &str| links.iter().any(|l| l.peer == name);
    let mut nodes = Vec::new();
    for c in &status.connections {
        let in_mesh = members.iter().any(|m| m.name == c.node_name);
        let reason = if c.status == LinkStatus::Open {
            None
        } else if in_mesh {
            Some("the node does not answer")
        } else {
            Some("not reachable through the mesh")
        };
        nodes.push(json!({
            "name": show(&c.node_name),
            "registered": true,
            "in_mesh": in_mesh,
            "linked": linked(&c.node_name),
            "status": c.status,
            "subscriptions": c.subscriptions,
            "reason": reason,
        }));
    }
    for m in &members {
        let name = show(&m.name);
        if name == me || nodes.iter().any(|n| n["name"] == name.as_str()) {
            continue;
        }
        // Known by gossip but not linked to this node: the Studio's "unconnected".
        let direct = linked(&m.name);
        nodes.push(json!({
            "name": name,
            "registered": false,
            "in_mesh": true,
            "linked": direct,
            "status": if direct { "connected" } else { "unconnected" },
            "links": m.links,
            "reason": (!direct).then(|| format!(
                "known by gossip, not linked to this node (harper node connect {name})"
            )),
        }));
    }
    // The newest refusal of each node not in the mesh. A refused duplicate
    // name is shown even though a member has that name: it is another node.
    let mut refused = BTreeSet::new();
    for e in events.iter().rev() {
        if e.reason.is_none() {
            continue;
        }
        let who = refused_node(e);
        let duplicate = e.reason == Some(Refusal::DuplicateNodeName);
        let known = nodes.iter().any(|n| n["name"] == who.as_str());
        if (duplicate || !known) && refused.insert(who.clone()) {
            nodes.push(json!({
                "name": who,
                "registered": false,
                "in_mesh": false,
                "linked": false,
                "status": RouteLinkState::Refused,
                "reason": e.message,
                "since_ms": e.at_ms,
            }));
        }
    }
    let raw = json!({ "node_name": me, "nodes": nodes });
    let mut t = table(&["node", "registered", "in mesh", "linked", "status", "why"]);
    for n in raw["nodes"].as_array().into_iter().flatten() {
        t.add_row(vec![
            cell(&n["name"]),
            cell(&n["registered"]),
            cell(&n["in_mesh"]),
            cell(&n["linked"]),
            cell(&n["status"]),
            cell(&n["reason"]),
        ]);
    }
    let human = format!("this node: {}\n{t}", show(&me));
    Ok(Frame { raw, human })
}
