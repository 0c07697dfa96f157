//! `harper subscribe list|set|toggle`, and waiting for consumers to catch up.

use super::prelude::*;
use super::watch::{Frame, WatchArgs, watch};

/// How long `--wait` waits for consumers to catch up unless `--timeout` says otherwise.
pub const WAIT_DEADLINE: Duration = Duration::from_secs(120);

#[derive(Debug, Subcommand)]
pub enum SubscribeCommand {
    /// Subscriptions with each node, their consumers and lag; --all for the Studio's grid
    List {
        /// Only this node
        #[arg(add = complete::nodes())]
        node: Option<NodeName>,
        /// Every known node by every table of either side, with publish/subscribe marks and
        /// errors (the Studio's grid)
        #[arg(long, conflicts_with = "node")]
        all: bool,
        #[command(flatten)]
        watch: WatchArgs,
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
        SubscribeCommand::List {
            node,
            all,
            watch: w,
        } => {
            let client = connect(g).await?;
            let only = node.as_ref().map(NodeName::as_str);
            let frame = async || {
                if all {
                    super::grid::frame(&client).await
                } else {
                    list_frame(&client, only).await
                }
            };
            match w.watch {
                Some(every) => watch(g, "harper subscribe list", every, frame).await,
                None => {
                    let f = frame().await?;
                    if !output::machine(g.output, &f.raw)? {
                        output::out(&f.human)?;
                    }
                    Ok(())
                }
            }
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

/// `subscribe list [NODE]`: one row per subscription with its consumer.
async fn list_frame(client: &Client, only: Option<&str>) -> CliResult<Frame> {
    let status = client.call(&CLUSTER_STATUS).await?;
    let raw = Value::Array(subscription_rows(&status, only));
    let rows = raw.as_array().map(Vec::as_slice).unwrap_or_default();
    if rows.is_empty() {
        return Ok(Frame {
            raw,
            human: "(no subscriptions)".to_owned(),
        });
    }
    let mut t = table(&["node", "table", "publish", "subscribe", "consumer", "lag"]);
    for r in rows {
        let consumer = &r["consumer"];
        t.add_row(vec![
            cell(&r["node"]),
            format!("{}.{}", cell(&r["database"]), cell(&r["table"])),
            cell(&r["publish"]),
            cell(&r["subscribe"]),
            cell(&consumer["state"]),
            lag_text(consumer),
        ]);
    }
    let human = t.to_string();
    Ok(Frame { raw, human })
}

/// A consumer's lag for people: `3 msgs, 12 ms`, only what is known, and
/// `starting` while a new consumer has not measured it yet.
fn lag_text(consumer: &Value) -> String {
    if consumer.is_null() {
        return String::new();
    }
    let mut parts = Vec::new();
    if !consumer["lag_messages"].is_null() {
        parts.push(format!("{} msgs", cell(&consumer["lag_messages"])));
    }
    if !consumer["lag_ms"].is_null() {
        parts.push(format!("{} ms", cell(&consumer["lag_ms"])));
    }
    if parts.is_empty() {
        return match consumer["state"].as_str() {
            Some("starting") | None => "starting".to_owned(),
            Some(_) => String::new(),
        };
    }
    parts.join(", ")
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
    let answer = client.call_raw(&op).await?;
    // HarperDB answers 200 when it set nothing (the table exists on neither
    // node): the result line is printed only for what was set.
    if answer.typed.updated.is_empty() {
        output::machine(g.output, &answer.raw)?;
        return Err(CliError::failed(format!(
            "{} (nothing changed for {node} {t})",
            show(&answer.typed.message)
        ))
        .with_hint(format!(
            "harper table create {t}   (on this node or on {node})"
        )));
    }
    print_answer(g, answer, |r| {
        format!(
            "{}\n{node} {t}: publish {publish}, subscribe {subscribe}",
            show(&r.message)
        )
    })
}

/// Progress of a wait on stderr: a spinner on a TTY, else a plain line each
/// time the message changes.
pub struct Progress {
    bar: Option<indicatif::ProgressBar>,
    last: std::cell::RefCell<String>,
}

impl Progress {
    pub fn new(message: &str) -> Progress {
        use std::io::IsTerminal;
        let bar = std::io::stderr().is_terminal().then(|| {
            let pb = indicatif::ProgressBar::new_spinner();
            pb.set_message(message.to_owned());
            pb.enable_steady_tick(Duration::from_millis(80));
            pb
        });
        Progress {
            bar,
            last: std::cell::RefCell::new(String::new()),
        }
    }

    /// Show `line` (escaped by the caller).
    pub fn show(&self, line: &str) {
        match &self.bar {
            Some(pb) => pb.set_message(line.to_owned()),
            None => {
                let mut last = self.last.borrow_mut();
                if *last != line {
                    eprintln!("{line}");
                    *last = line.to_owned();
                }
            }
        }
    }

    pub fn finish(&self) {
        if let Some(pb) = &self.bar {
            pb.finish_and_clear();
        }
    }
}

/// A consumer that is not caught up, for a progress line: `dev.dog: resyncing
/// 3 of 10 records`, `dev.dog: streaming (12 behind)`, `dev.dog: starting`
/// (no lag shown while it is not known).
fn pending_text(c: &ConsumerStatus) -> Option<String> {
    let name = format!("{}.{}", show(&c.database), show(&c.table));
    match (&c.state, &c.resync, &c.lag_messages) {
        (ConsumerState::CaughtUp, _, _) => None,
        (ConsumerState::Resyncing, Some(r), _) => Some(match r.total {
            Some(total) => format!("{name}: resyncing {} of {total} records", r.copied),
            None => format!("{name}: resyncing, {} records copied", r.copied),
        }),
        (state, _, Some(lag)) => Some(format!("{name}: {} ({lag} behind)", show(state))),
        (state, _, None) => Some(format!("{name}: {}", show(state))),
    }
}

/// Wait until this node's consumers of `node`'s streams are caught up, for
/// at most `deadline`, with progress on stderr.
pub async fn wait_for_consumers(client: &Client, node: &str, deadline: Duration) -> CliResult {
    let progress = Progress::new("waiting for consumers");
    let until = Instant::now() + deadline;
    let result = loop {
        let status = client.call(&CLUSTER_STATUS).await?;
        let pending: Vec<String> = consumers_of(&status, node)
            .into_iter()
            .filter_map(pending_text)
            .collect();
        if pending.is_empty() {
            break Ok(());
        }
        if Instant::now() > until {
            break Err(CliError::failed(format!(
                "consumers of {node} not caught up after {}: {}",
                super::watch::Span(deadline),
                pending.join("; ")
            ))
            .with_hint("harper subscribe list"));
        }
        progress.show(&pending.join("; "));
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    progress.finish();
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_starting_consumer_shows_no_empty_lag() {
        assert_eq!(
            lag_text(&json!({"state": "starting", "lag_messages": null, "lag_ms": null})),
            "starting"
        );
        assert_eq!(
            lag_text(&json!({"state": "streaming", "lag_messages": 3, "lag_ms": null})),
            "3 msgs"
        );
        assert_eq!(
            lag_text(&json!({"state": "caught_up", "lag_messages": 0, "lag_ms": 1.5})),
            "0 msgs, 1.5 ms"
        );
        assert_eq!(lag_text(&Value::Null), "");
    }

    #[test]
    fn progress_lines_leave_out_what_is_not_known() {
        let consumer = |state: &str, lag: Value| -> ConsumerStatus {
            serde_json::from_value(json!({"publisher": "B", "database": "dev", "table": "dog",
                "state": state, "next_seq": 1, "publisher_last_seq": null, "lag_messages": lag,
                "lag_ms": null, "applied": 0, "last_error": null, "since_ms": 1,
                "gaps_repaired": 0, "resyncs": 0, "last_gap": null, "resync": null,
                "stalled": null, "stream_restarts": 0, "last_restart": null,
                "omitted_writes": 0}))
            .unwrap()
        };
        assert_eq!(
            pending_text(&consumer("starting", Value::Null)).as_deref(),
            Some("dev.dog: starting")
        );
        assert_eq!(
            pending_text(&consumer("streaming", json!(12))).as_deref(),
            Some("dev.dog: streaming (12 behind)")
        );
        assert_eq!(pending_text(&consumer("caught_up", json!(0))), None);
    }
}
