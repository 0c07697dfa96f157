//! Subscriptions and streams: `harper node add|set|remove`, `harper cluster
//! configure`, `harper subscribe list|set|toggle`, `harper stream purge|info`.

use std::collections::BTreeSet;
use std::io::Read;
use std::time::{Duration, Instant};

use clap::Subcommand;
use harper_rpc::ops::INCLUDE_CONSUMERS;
use harper_rpc::{NodeName, TableRef};
use serde_json::{Value, json};

use super::connect;
use crate::Global;
use crate::client::Client;
use crate::complete;
use crate::error::{CliError, CliResult};
use crate::output::{self, cell, table};

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
    fn subscriptions(&self) -> CliResult<Vec<Value>> {
        let tables: BTreeSet<&TableRef> = self.publish.iter().chain(&self.subscribe).collect();
        if tables.is_empty() {
            return Err(CliError::usage(
                "name at least one table with --publish DB.TABLE or --subscribe DB.TABLE",
            ));
        }
        Ok(tables
            .into_iter()
            .map(|t| {
                let mut s = json!({
                    "database": t.database,
                    "table": t.table,
                    "publish": self.publish.contains(t),
                    "subscribe": self.subscribe.contains(t),
                });
                if let Some(st) = &self.start_time {
                    s["start_time"] = json!(st);
                }
                s
            })
            .collect())
    }
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

#[derive(Debug, Subcommand)]
pub enum StreamCommand {
    /// Remove entries from this node's stream of a table (purge_stream; data stays)
    Purge {
        /// The table
        #[arg(add = complete::tables())]
        table: TableRef,
        /// Keep the newest N entries
        #[arg(long, value_name = "N", conflicts_with = "seq")]
        keep: Option<u64>,
        /// Remove the entries below sequence S
        #[arg(long, value_name = "S")]
        seq: Option<u64>,
    },
    /// First/last sequence, messages, bytes, and the consumers with their lag
    Info {
        /// The table
        #[arg(add = complete::tables())]
        table: TableRef,
    },
}

async fn execute(client: &Client, op: &str, body: Value) -> CliResult<Value> {
    client
        .execute(harper_rpc::request(op, body))
        .await?
        .map_err(CliError::from)
}

fn lists_table(value: &Value, groups: &[&str]) -> String {
    let mut t = table(&["table", "publish", "subscribe", "start time", "result"]);
    for group in groups {
        for s in value[*group].as_array().into_iter().flatten() {
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
                (*group).to_owned(),
            ]);
        }
    }
    format!("{}\n{t}", cell(&value["message"]))
}

/// `harper node add` (add_node) and `harper node set` (set_node_replication).
pub async fn node_subscriptions(
    g: &Global,
    op: &str,
    name: NodeName,
    args: SubscriptionArgs,
) -> CliResult {
    let subs = args.subscriptions()?;
    let client = connect(g).await?;
    let value = execute(
        &client,
        op,
        json!({"node_name": name.as_str(), "subscriptions": subs}),
    )
    .await?;
    if !output::machine(g.output, &value)? {
        output::out(&lists_table(&value, &["added", "updated", "skipped"]))?;
    }
    if args.wait {
        wait_for_consumers(g, &client, name.as_str()).await?;
    }
    Ok(())
}

/// `harper node remove` (remove_node).
pub async fn node_remove(g: &Global, name: NodeName) -> CliResult {
    let client = connect(g).await?;
    let value = execute(&client, "remove_node", json!({"node_name": name.as_str()})).await?;
    output::print(g.output, &value)
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
    let connections = match doc {
        Value::Array(_) => doc,
        Value::Object(mut o) if o.contains_key("connections") => {
            o.remove("connections").unwrap_or_default()
        }
        _ => {
            return Err(CliError::usage(format!(
                "{file} must hold a list of connections ({{node_name, subscriptions}}) or an object with `connections`"
            )));
        }
    };
    let client = connect(g).await?;
    let value = execute(
        &client,
        "configure_cluster",
        json!({"connections": connections}),
    )
    .await?;
    if !output::machine(g.output, &value)? {
        let mut lines = vec![cell(&value["message"])];
        for c in value["connections"].as_array().into_iter().flatten() {
            lines.push(format!(
                "{}: {}",
                cell(&c["node_name"]),
                cell(&c["subscriptions"]["message"])
            ));
        }
        if let Some(f) = value["failed_nodes"].as_array() {
            lines.push(format!(
                "failed: {}",
                f.iter().map(cell).collect::<Vec<_>>().join(", ")
            ));
        }
        output::out(&lines.join("\n"))?;
    }
    Ok(())
}

/// One subscription row of `subscribe list`, with its consumer's state.
fn subscription_rows(status: &Value, only: Option<&str>) -> Vec<Value> {
    let mut rows = Vec::new();
    for c in status["connections"].as_array().into_iter().flatten() {
        let node = cell(&c["node_name"]);
        if only.is_some_and(|o| o != node) {
            continue;
        }
        for s in c["subscriptions"].as_array().into_iter().flatten() {
            let consumer = c["consumers"].as_array().and_then(|cs| {
                cs.iter().find(|x| {
                    x["direction"] == "subscribe"
                        && x["database"] == s["schema"]
                        && x["table"] == s["table"]
                })
            });
            rows.push(json!({
                "node": node,
                "database": s["schema"],
                "table": s["table"],
                "publish": s["publish"],
                "subscribe": s["subscribe"],
                "node_status": c["status"],
                "consumer": consumer.map(|x| json!({
                    "state": x["state"],
                    "next_seq": x["next_seq"],
                    "lag_messages": x["lag_messages"],
                    "lag_ms": x["lag_ms"],
                    "last_error": x["last_error"],
                    "resync": x["resync"],
                    "last_gap": x["last_gap"],
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
            let status = execute(
                &client,
                "cluster_status",
                json!({ INCLUDE_CONSUMERS: true }),
            )
            .await?;
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
            let status = execute(&client, "cluster_status", json!({})).await?;
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
fn current_flags(status: &Value, node: &str, t: &TableRef) -> (bool, bool) {
    status["connections"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|c| c["node_name"] == node)
        .flat_map(|c| c["subscriptions"].as_array().cloned().unwrap_or_default())
        .find(|s| s["schema"] == t.database.as_str() && s["table"] == t.table.as_str())
        .map(|s| (s["publish"] == true, s["subscribe"] == true))
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
    let mut sub = json!({
        "database": t.database,
        "table": t.table,
        "publish": publish,
        "subscribe": subscribe,
    });
    if let Some(st) = start_time {
        sub["start_time"] = json!(st);
    }
    let value = execute(
        client,
        "set_node_replication",
        json!({"node_name": node, "subscriptions": [sub]}),
    )
    .await?;
    if !output::machine(g.output, &value)? {
        output::out(&format!(
            "{}\n{node} {t}: publish {publish}, subscribe {subscribe}",
            cell(&value["message"])
        ))?;
    }
    Ok(())
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
    let status = execute(&client, "cluster_status", json!({})).await?;
    let mesh = execute(&client, "cluster_mesh_status", json!({})).await?;
    let me = cell(&status["node_name"]);
    let mut nodes: Vec<String> = status["connections"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| cell(&c["node_name"]))
        .collect();
    for m in mesh["mesh"]["members"].as_array().into_iter().flatten() {
        let n = cell(&m["name"]);
        if n != me && !nodes.contains(&n) {
            nodes.push(n);
        }
    }
    if nodes.is_empty() {
        return Err(
            CliError::failed("no other node is registered or in the mesh")
                .with_hint("harper route add HOST:PORT"),
        );
    }
    let theme = dialoguer::theme::SimpleTheme;
    let pick = |prompt: &str, items: &[String]| -> CliResult<usize> {
        dialoguer::Select::with_theme(&theme)
            .with_prompt(prompt)
            .items(items)
            .default(0)
            .interact()
            .map_err(|e| CliError::failed(format!("prompt failed: {e}")))
    };
    let node = nodes[pick("Node", &nodes)?].clone();
    let all = execute(&client, "describe_all", json!({})).await?;
    let mut tables: Vec<TableRef> = Vec::new();
    for (db, ts) in all.as_object().into_iter().flatten() {
        for name in ts.as_object().into_iter().flatten().map(|(k, _)| k) {
            tables.push(TableRef::new(db, name));
        }
    }
    for s in status["connections"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|c| c["node_name"] == node.as_str())
        .flat_map(|c| c["subscriptions"].as_array().cloned().unwrap_or_default())
    {
        let t = TableRef::new(cell(&s["schema"]), cell(&s["table"]));
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
            format!("{t}  publish {p}  subscribe {s}")
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

pub async fn stream(g: &Global, c: StreamCommand) -> CliResult {
    let client = connect(g).await?;
    match c {
        StreamCommand::Purge { table, keep, seq } => {
            let mut options = serde_json::Map::new();
            if let Some(k) = keep {
                options.insert("keep".into(), json!(k));
            }
            if let Some(s) = seq {
                options.insert("seq".into(), json!(s));
            }
            let value = execute(
                &client,
                "purge_stream",
                json!({"database": table.database, "table": table.table, "options": options}),
            )
            .await?;
            output::print(g.output, &value)
        }
        StreamCommand::Info { table: t } => {
            let v = execute(
                &client,
                "stream_info",
                json!({"database": t.database, "table": t.table}),
            )
            .await?;
            if output::machine(g.output, &v)? {
                return Ok(());
            }
            let mut lines = vec![format!(
                "stream {} of {}: sequences {}..{} (flushed to {}), {} messages, {} bytes",
                cell(&v["stream_name"]),
                t,
                cell(&v["first_seq"]),
                cell(&v["last_seq"]),
                cell(&v["durable_seq"]),
                cell(&v["messages"]),
                cell(&v["bytes"]),
            )];
            let mut readers = table(&["consumer (reads this stream)", "next seq", "lag msgs"]);
            let mut n = 0;
            for r in v["consumers"].as_array().into_iter().flatten() {
                readers.add_row(vec![
                    cell(&r["node"]),
                    cell(&r["next_seq"]),
                    cell(&r["lag_messages"]),
                ]);
                n += 1;
            }
            if n > 0 {
                lines.push(readers.to_string());
            }
            let mut mine = table(&[
                "this node reads from",
                "state",
                "next seq",
                "lag msgs",
                "lag ms",
                "error",
            ]);
            let mut n = 0;
            for c in v["subscriptions"].as_array().into_iter().flatten() {
                mine.add_row(vec![
                    cell(&c["publisher"]),
                    cell(&c["state"]),
                    cell(&c["next_seq"]),
                    cell(&c["lag_messages"]),
                    cell(&c["lag_ms"]),
                    cell(&c["last_error"]),
                ]);
                n += 1;
            }
            if n > 0 {
                lines.push(mine.to_string());
            }
            output::out(&lines.join("\n"))
        }
    }
}

/// Wait until this node's consumers of `node`'s streams are caught up, with a
/// spinner (and resync progress) on a TTY; a consumer error ends the wait.
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
        let status = execute(client, "cluster_status", json!({ INCLUDE_CONSUMERS: true })).await?;
        let consumers: Vec<Value> = status["connections"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|c| c["node_name"] == node)
            .flat_map(|c| c["consumers"].as_array().cloned().unwrap_or_default())
            .filter(|c| c["direction"] == "subscribe")
            .collect();
        let mut pending = Vec::new();
        for c in &consumers {
            let name = format!("{}.{}", cell(&c["database"]), cell(&c["table"]));
            match c["state"].as_str() {
                Some("caught_up") => {}
                Some("resyncing") => pending.push(format!(
                    "{name}: resyncing {} of {} records",
                    cell(&c["resync"]["copied"]),
                    cell(&c["resync"]["total"])
                )),
                Some("error") => {}
                other => pending.push(format!(
                    "{name}: {} ({} behind)",
                    other.unwrap_or("starting"),
                    cell(&c["lag_messages"])
                )),
            }
        }
        if let Some(c) = consumers.iter().find(|c| c["state"] == "error") {
            break Err(CliError::failed(format!(
                "consumer of {}.{} on {node}: {}",
                cell(&c["database"]),
                cell(&c["table"]),
                cell(&c["last_error"])
            )));
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
