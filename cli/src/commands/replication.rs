//! Subscriptions: `harper node add|set|remove`, `harper cluster configure`,
//! `harper subscribe list|set|toggle`, and waiting for consumers to catch up.

use std::collections::BTreeSet;
use std::io::Read;
use std::time::{Duration, Instant};

use clap::Subcommand;
use harper_rpc::ops::{
    AddNode, ClusterMeshStatus, ClusterStatusResponse, ConfigureCluster, Connection,
    ConnectionConsumer, ConsumerState, ConsumerStatus, DescribeAll, RemoveNode, SetNodeReplication,
    SubscriptionItem, SubscriptionRequest,
};
use harper_rpc::{NodeName, TableRef};
use serde_json::{Value, json};

use super::{CLUSTER_STATUS, call_and_print, connect, print_answer, said};
use crate::Global;
use crate::client::Client;
use crate::complete;
use crate::error::{CliError, CliResult};
use crate::output::{self, cell, show, table};

/// How long `--wait` waits for consumers to catch up.
const WAIT_DEADLINE: Duration = Duration::from_secs(120);

/// Which tables flow which way with one node, as flags of `node add|set`.
#[derive(Debug, Clone, clap::Args)]
pub struct SubscriptionArgs {
    /// Tables whose local writes go to the node (repeat)
    #[arg(long, value_name = "DB.TABLE")]
    pub publish: Vec<TableRef>,
    /// Tables whose writes on the node are applied here (repeat)
    #[arg(long, value_name = "DB.TABLE")]
    pub subscribe: Vec<TableRef>,
    /// Start new consumers at this time (ISO 8601, e.g. 2000-01-01T00:00:00.000Z)
    #[arg(long, value_name = "ISO")]
    pub start_time: Option<String>,
    /// Wait until the consumers are up and caught up (progress on a TTY)
    #[arg(long)]
    pub wait: bool,
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

#[derive(Debug, Subcommand)]
pub enum SubscribeCommand {
    /// Subscriptions with each node, their consumers and lag
    List {
        /// Only this node
        #[arg(add = complete::nodes())]
        node: Option<NodeName>,
    },
    /// Set both flags of one table with one node (set_node_replication)
    Set {
        /// The other node
        #[arg(add = complete::nodes())]
        node: NodeName,
        /// The table
        #[arg(add = complete::tables())]
        table: TableRef,
        /// Local writes go to the node
        #[arg(long, value_name = "BOOL", action = clap::ArgAction::Set)]
        publish: bool,
        /// The node's writes are applied here
        #[arg(long, value_name = "BOOL", action = clap::ArgAction::Set)]
        subscribe: bool,
        /// Start a new consumer at this time (ISO 8601)
        #[arg(long, value_name = "ISO")]
        start_time: Option<String>,
    },
    /// Flip one flag of one table with one node; with no arguments on a TTY, pick them
    Toggle {
        /// The other node
        #[arg(requires = "table", add = complete::nodes())]
        node: Option<NodeName>,
        /// The table
        #[arg(add = complete::tables())]
        table: Option<TableRef>,
        /// Flip publish
        #[arg(long, conflicts_with = "subscribe")]
        publish: bool,
        /// Flip subscribe
        #[arg(long)]
        subscribe: bool,
    },
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
fn lists_table(
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
    if args.wait {
        wait_for_consumers(g, &client, name.as_str()).await?;
    }
    Ok(())
}

/// `harper node remove` (remove_node).
pub async fn node_remove(g: &Global, name: NodeName) -> CliResult {
    let op = RemoveNode {
        node_name: name.into(),
    };
    call_and_print(g, &op, said).await
}

/// `harper cluster configure FILE|-`: YAML or JSON, a list of connections or
/// an object with `connections`.
pub async fn configure(g: &Global, file: &str) -> CliResult {
    let text = if file == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| CliError::usage(format!("cannot read standard input: {e}")))?;
        s
    } else {
        std::fs::read_to_string(file)
            .map_err(|e| CliError::usage(format!("cannot read {file}: {e}")))?
    };
    let doc: Value = serde_yaml::from_str(&text)
        .map_err(|e| CliError::usage(format!("{file} is not valid YAML or JSON: {e}")))?;
    let not_a_list = || {
        CliError::usage(format!(
            "{file} must hold a list of connections ({{node_name, subscriptions}}) or an object with `connections`"
        ))
    };
    let connections = match doc {
        Value::Array(list) => list,
        Value::Object(mut o) => match o.remove("connections") {
            Some(Value::Array(list)) => list,
            _ => return Err(not_a_list()),
        },
        _ => return Err(not_a_list()),
    };
    call_and_print(g, &ConfigureCluster { connections }, |r| {
        let mut lines = vec![show(&r.message)];
        for c in &r.connections {
            lines.push(format!(
                "{}: {}",
                show(&c.node_name),
                show(&c.subscriptions.message)
            ));
        }
        if let Some(f) = &r.failed_nodes {
            lines.push(format!(
                "failed: {}",
                f.iter().map(show).collect::<Vec<_>>().join(", ")
            ));
        }
        lines.join("\n")
    })
    .await
}

/// Our consumer of `node`'s stream of `db.table`, in a `cluster_status` connection.
fn consumer_of<'a>(c: &'a Connection, db: &str, table: &str) -> Option<&'a ConsumerStatus> {
    c.consumers.iter().flatten().find_map(|x| match x {
        ConnectionConsumer::Subscribe(k) if k.database == db && k.table == table => Some(k),
        _ => None,
    })
}

/// Our consumers of `node`'s streams.
fn consumers_of<'a>(status: &'a ClusterStatusResponse, node: &str) -> Vec<&'a ConsumerStatus> {
    status
        .connections
        .iter()
        .filter(|c| c.node_name == node)
        .flat_map(|c| c.consumers.iter().flatten())
        .filter_map(|x| match x {
            ConnectionConsumer::Subscribe(k) => Some(k),
            ConnectionConsumer::Publish(_) => None,
        })
        .collect()
}

/// One subscription row of `subscribe list`, with its consumer's state.
fn subscription_rows(status: &ClusterStatusResponse, only: Option<&str>) -> Vec<Value> {
    let mut rows = Vec::new();
    for c in &status.connections {
        if only.is_some_and(|o| o != c.node_name) {
            continue;
        }
        for s in &c.subscriptions {
            let consumer = consumer_of(c, &s.schema, &s.table);
            rows.push(json!({
                "node": c.node_name,
                "database": s.schema,
                "table": s.table,
                "publish": s.publish,
                "subscribe": s.subscribe,
                "node_status": c.status,
                "consumer": consumer.map(|x| json!({
                    "state": x.state,
                    "next_seq": x.next_seq,
                    "lag_messages": x.lag_messages,
                    "lag_ms": x.lag_ms,
                    "last_error": x.last_error,
                    "resync": x.resync,
                    "last_gap": x.last_gap,
                })),
            }));
        }
    }
    rows
}

pub async fn subscribe(g: &Global, c: SubscribeCommand) -> CliResult {
    match c {
        SubscribeCommand::List { node } => {
            let client = connect(g).await?;
            let status = client.call(&CLUSTER_STATUS).await?;
            let rows = subscription_rows(&status, node.as_ref().map(NodeName::as_str));
            let value = Value::Array(rows);
            if !output::machine(g.output, &value)? {
                if value.as_array().is_some_and(Vec::is_empty) {
                    return output::out("(no subscriptions)");
                }
                let mut t = table(&["node", "table", "publish", "subscribe", "consumer", "lag"]);
                for r in value.as_array().into_iter().flatten() {
                    let consumer = &r["consumer"];
                    let lag = if consumer.is_null() {
                        String::new()
                    } else {
                        format!(
                            "{} msgs, {} ms",
                            cell(&consumer["lag_messages"]),
                            cell(&consumer["lag_ms"])
                        )
                    };
                    t.add_row(vec![
                        cell(&r["node"]),
                        format!("{}.{}", cell(&r["database"]), cell(&r["table"])),
                        cell(&r["publish"]),
                        cell(&r["subscribe"]),
                        cell(&consumer["state"]),
                        lag,
                    ]);
                }
                output::out(&t.to_string())?;
            }
            Ok(())
        }
        SubscribeCommand::Set {
            node,
            table,
            publish,
            subscribe,
            start_time,
        } => {
            let client = connect(g).await?;
            set_one(
                g,
                &client,
                node.as_str(),
                &table,
                publish,
                subscribe,
                start_time,
            )
            .await
        }
        SubscribeCommand::Toggle {
            node: Some(node),
            table: Some(table),
            publish,
            subscribe,
        } => {
            if !publish && !subscribe {
                return Err(CliError::usage(
                    "say which flag to flip: --publish or --subscribe",
                ));
            }
            let client = connect(g).await?;
            let status = client.call(&CLUSTER_STATUS).await?;
            let (p, s) = current_flags(&status, node.as_str(), &table);
            let (p, s) = if publish { (!p, s) } else { (p, !s) };
            set_one(g, &client, node.as_str(), &table, p, s, None).await
        }
        SubscribeCommand::Toggle {
            publish: false,
            subscribe: false,
            ..
        } => toggle_interactive(g).await,
        SubscribeCommand::Toggle { .. } => Err(CliError::usage(
            "harper subscribe toggle needs NODE and DB.TABLE with --publish or --subscribe",
        )),
    }
}

/// The flags of a table with a node in `cluster_status` (false, false when none).
fn current_flags(status: &ClusterStatusResponse, node: &str, t: &TableRef) -> (bool, bool) {
    status
        .connections
        .iter()
        .filter(|c| c.node_name == node)
        .flat_map(|c| &c.subscriptions)
        .find(|s| s.schema == t.database && s.table == t.table)
        .map(|s| (s.publish, s.subscribe))
        .unwrap_or((false, false))
}

async fn set_one(
    g: &Global,
    client: &Client,
    node: &str,
    t: &TableRef,
    publish: bool,
    subscribe: bool,
    start_time: Option<String>,
) -> CliResult {
    let op = SetNodeReplication {
        node_name: node.to_owned(),
        subscriptions: vec![SubscriptionRequest {
            database: t.database.clone(),
            table: t.table.clone(),
            publish,
            subscribe,
            start_time,
        }],
    };
    print_answer(g, client.call_raw(&op).await?, |r| {
        format!(
            "{}\n{node} {t}: publish {publish}, subscribe {subscribe}",
            show(&r.message)
        )
    })
}

/// `harper subscribe toggle` on a TTY: pick the node, the table and the flag
/// from live lists (HarperDB Studio's toggle grid, one cell at a time).
async fn toggle_interactive(g: &Global) -> CliResult {
    if !g.interactive() {
        return Err(CliError::usage(
            "harper subscribe toggle needs NODE DB.TABLE and --publish or --subscribe when not on a terminal",
        ));
    }
    let client = connect(g).await?;
    let status = client.call(&CLUSTER_STATUS).await?;
    let mesh = client.call(&ClusterMeshStatus {}).await?;
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
    if nodes.is_empty() {
        return Err(
            CliError::failed("no other node is registered or in the mesh")
                .with_hint("harper route add HOST:PORT"),
        );
    }
    let shown: Vec<String> = nodes.iter().map(show).collect();
    let theme = dialoguer::theme::SimpleTheme;
    let pick = |prompt: &str, items: &[String]| -> CliResult<usize> {
        dialoguer::Select::with_theme(&theme)
            .with_prompt(prompt)
            .items(items)
            .default(0)
            .interact()
            .map_err(|e| CliError::failed(format!("prompt failed: {e}")))
    };
    let node = nodes[pick("Node", &shown)?].clone();
    let all = client.call(&DescribeAll {}).await?;
    let mut tables: Vec<TableRef> = Vec::new();
    for (db, ts) in &all {
        for name in ts.keys() {
            tables.push(TableRef::new(db, name));
        }
    }
    for s in status
        .connections
        .iter()
        .filter(|c| c.node_name == node)
        .flat_map(|c| &c.subscriptions)
    {
        let t = s.table_ref();
        if !tables.contains(&t) {
            tables.push(t);
        }
    }
    if tables.is_empty() {
        return Err(
            CliError::failed("this node has no tables").with_hint("harper table create DB.TABLE")
        );
    }
    let labels: Vec<String> = tables
        .iter()
        .map(|t| {
            let (p, s) = current_flags(&status, &node, t);
            format!("{}  publish {p}  subscribe {s}", show(&t.to_string()))
        })
        .collect();
    let t = tables[pick("Table", &labels)?].clone();
    let (p, s) = current_flags(&status, &node, &t);
    let flags = vec![
        format!("publish   ({p} -> {})", !p),
        format!("subscribe ({s} -> {})", !s),
    ];
    let (p, s) = if pick("Flip", &flags)? == 0 {
        (!p, s)
    } else {
        (p, !s)
    };
    set_one(g, &client, &node, &t, p, s, None).await
}

/// Wait until this node's consumers of `node`'s streams are caught up, with a
/// spinner (and resync progress) on a TTY.
pub async fn wait_for_consumers(g: &Global, client: &Client, node: &str) -> CliResult {
    use std::io::IsTerminal;
    let tty = std::io::stderr().is_terminal();
    let pb = indicatif::ProgressBar::new_spinner();
    if tty {
        pb.enable_steady_tick(Duration::from_millis(80));
    }
    let deadline = Instant::now() + WAIT_DEADLINE;
    let mut last_line = String::new();
    let result = loop {
        let status = client.call(&CLUSTER_STATUS).await?;
        let mut pending = Vec::new();
        for c in consumers_of(&status, node) {
            let name = format!("{}.{}", show(&c.database), show(&c.table));
            match (&c.state, &c.resync) {
                (ConsumerState::CaughtUp, _) => {}
                (ConsumerState::Resyncing, Some(r)) => pending.push(format!(
                    "{name}: resyncing {} of {} records",
                    show(&r.copied),
                    show(&r.total)
                )),
                (state, _) => pending.push(format!(
                    "{name}: {} ({} behind)",
                    show(state),
                    show(&c.lag_messages)
                )),
            }
        }
        if pending.is_empty() {
            break Ok(());
        }
        let line = pending.join("; ");
        if tty {
            pb.set_message(line);
        } else if line != last_line && !g.yes {
            eprintln!("{line}");
            last_line = line;
        }
        if Instant::now() > deadline {
            break Err(CliError::failed(format!(
                "consumers of {node} not caught up after {}s: {}",
                WAIT_DEADLINE.as_secs(),
                pending.join("; ")
            )));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    pb.finish_and_clear();
    result
}
