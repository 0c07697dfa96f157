//! `harper subscribe list|set|toggle`, and waiting for consumers to catch up.

use super::prelude::*;

/// How long `--wait` waits for consumers to catch up.
const WAIT_DEADLINE: Duration = Duration::from_secs(120);

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
        } => super::picker::toggle_interactive(g).await,
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
