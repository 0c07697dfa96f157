//! `harper subscribe toggle` with no arguments on a TTY: pick a node, then
//! tick the publish and subscribe flags of the tables of both sides in a
//! list; nothing is sent until the changes are confirmed. HarperDB Studio has
//! a grid of toggles that apply at once; a terminal picker that applied on
//! Space would let keys typed ahead change real subscriptions, so Space only
//! ticks, Enter ends the picking, and a `[y/N]` question applies.
//!
//! Esc or `q` in a list, or No at the question, cancel with exit 1 and
//! nothing changed (see [`crate::prompt`]).

use super::node::lists_table;
use super::prelude::*;
use crate::prompt;

/// One table in the picker: where it exists and its flags with the node now.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    table: TableRef,
    /// On this node.
    local: bool,
    /// On the other node.
    remote: bool,
    publish: bool,
    subscribe: bool,
}

/// The tables of both sides, sorted, with the current flags: `local` from
/// `describe_all` here, `remote` from the node's own schema (through the
/// mesh), and every table a subscription with the node names.
fn rows(local: &[TableRef], remote: &[TableRef], subscriptions: &[NodeSubscription]) -> Vec<Row> {
    let mut tables: Vec<TableRef> = local
        .iter()
        .chain(remote)
        .cloned()
        .chain(subscriptions.iter().map(NodeSubscription::table_ref))
        .collect();
    tables.sort_by_key(|t| t.to_string());
    tables.dedup();
    tables
        .into_iter()
        .map(|t| {
            let sub = subscriptions.iter().find(|s| s.table_ref() == t);
            Row {
                local: local.contains(&t),
                remote: remote.contains(&t),
                publish: sub.is_some_and(|s| s.publish),
                subscribe: sub.is_some_and(|s| s.subscribe),
                table: t,
            }
        })
        .collect()
}

/// Where a table exists, for its label.
fn sides(r: &Row, node: &str) -> String {
    match (r.local, r.remote) {
        (true, true) => "both nodes".to_owned(),
        (true, false) => "this node".to_owned(),
        (false, true) => format!("{} only", show(node)),
        (false, false) => "in a subscription only".to_owned(),
    }
}

/// The picker's items: two per table (publish, then subscribe), and which are ticked.
fn items(rows: &[Row], node: &str) -> (Vec<String>, Vec<bool>) {
    let width = rows
        .iter()
        .map(|r| show(&r.table.to_string()).chars().count())
        .max()
        .unwrap_or(0);
    let mut labels = Vec::new();
    let mut ticked = Vec::new();
    for r in rows {
        let t = show(&r.table.to_string());
        let where_ = sides(r, node);
        labels.push(format!(
            "{t:<width$}  publish    (writes here go to {}; {where_})",
            show(node)
        ));
        ticked.push(r.publish);
        labels.push(format!(
            "{t:<width$}  subscribe  ({}'s writes are applied here; {where_})",
            show(node)
        ));
        ticked.push(r.subscribe);
    }
    (labels, ticked)
}

/// The subscriptions whose flags differ between `rows` and the ticked `chosen`
/// items (indices into [`items`]).
fn changes(rows: &[Row], chosen: &[usize]) -> Vec<SubscriptionRequest> {
    rows.iter()
        .enumerate()
        .filter_map(|(i, r)| {
            let publish = chosen.contains(&(2 * i));
            let subscribe = chosen.contains(&(2 * i + 1));
            (publish != r.publish || subscribe != r.subscribe).then(|| SubscriptionRequest {
                database: r.table.database.clone(),
                table: r.table.table.clone(),
                publish,
                subscribe,
                start_time: None,
            })
        })
        .collect()
}

fn prompt_failed(e: dialoguer::Error) -> CliError {
    CliError::failed(format!("prompt failed: {e}"))
}

/// The other node's tables, from its own schema through the mesh; none when
/// it cannot be asked (not linked, an older daemon).
async fn remote_tables(client: &Client, node: &str) -> Vec<TableRef> {
    let op = ClusterDescribeNode {
        node_name: node.to_owned(),
    };
    match client.call(&op).await {
        Ok(all) => all
            .iter()
            .flat_map(|(db, ts)| ts.keys().map(move |t| TableRef::new(db, t)))
            .collect(),
        Err(e) => {
            eprintln!(
                "warning: cannot list the tables of {}: {}",
                show(node),
                show(&e.message)
            );
            Vec::new()
        }
    }
}

pub async fn toggle_interactive(g: &Global) -> CliResult {
    if !g.interactive() {
        return Err(CliError::usage(
            "harper subscribe toggle needs NODE DB.TABLE and --publish or --subscribe when not on a terminal",
        ));
    }
    let client = connect(g).await?;
    let status = client.call(&CLUSTER_STATUS).await?;
    let mesh = client.call(&ClusterMeshStatus {}).await?;
    let nodes = known_nodes(&status, &mesh);
    if nodes.is_empty() {
        return Err(
            CliError::failed("no other node is registered or in the mesh")
                .with_hint("harper route add HOST:PORT"),
        );
    }
    let theme = dialoguer::theme::SimpleTheme;
    let shown: Vec<String> = nodes.iter().map(show).collect();
    let Some(picked) = dialoguer::Select::with_theme(&theme)
        .with_prompt("Node (Enter picks, Esc or q cancels)")
        .items(&shown)
        .default(0)
        .interact_opt()
        .map_err(prompt_failed)?
    else {
        return Err(prompt::cancelled("no node picked"));
    };
    let node = nodes[picked].clone();
    let local: Vec<TableRef> = client
        .call(&DescribeAll {})
        .await?
        .iter()
        .flat_map(|(db, ts)| ts.keys().map(move |t| TableRef::new(db, t)))
        .collect();
    let remote = remote_tables(&client, &node).await;
    let subscriptions: Vec<NodeSubscription> = status
        .connections
        .iter()
        .filter(|c| c.node_name == node)
        .flat_map(|c| c.subscriptions.clone())
        .collect();
    let rows = rows(&local, &remote, &subscriptions);
    if rows.is_empty() {
        return Err(
            CliError::failed(format!("neither this node nor {} has a table", show(&node)))
                .with_hint("harper table create DB.TABLE"),
        );
    }
    let (labels, ticked) = items(&rows, &node);
    let Some(chosen) = dialoguer::MultiSelect::with_theme(&theme)
        .with_prompt(format!(
            "Tables with {} (Space ticks, Enter is done, Esc or q cancels)",
            show(&node)
        ))
        .items(&labels)
        .defaults(&ticked)
        .interact_opt()
        .map_err(prompt_failed)?
    else {
        return Err(prompt::cancelled("picker closed"));
    };
    let changes = changes(&rows, &chosen);
    if changes.is_empty() {
        eprintln!("no flag changed; nothing to apply");
        return Ok(());
    }
    for c in &changes {
        eprintln!(
            "  {}.{}: publish {}, subscribe {}",
            show(&c.database),
            show(&c.table),
            c.publish,
            c.subscribe
        );
    }
    let n = changes.len();
    prompt::confirm_or_cancel(
        g,
        &format!(
            "Apply {n} change{} with {}?",
            if n == 1 { "" } else { "s" },
            show(&node)
        ),
        "no subscription was changed",
    )?;
    let op = SetNodeReplication {
        node_name: node.clone(),
        subscriptions: changes,
    };
    print_answer(g, client.call_raw(&op).await?, |r| {
        lists_table(&r.message, "updated", &r.updated, &r.skipped)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> TableRef {
        s.parse().unwrap()
    }

    fn sub(table: &str, publish: bool, subscribe: bool) -> NodeSubscription {
        let t = t(table);
        NodeSubscription {
            schema: t.database,
            table: t.table,
            publish,
            subscribe,
        }
    }

    #[test]
    fn rows_list_both_sides_once_with_current_flags() {
        let rows = rows(
            &[t("dev.dog"), t("dev.cat")],
            &[t("dev.dog"), t("cloud.thresholds")],
            &[sub("dev.dog", true, false), sub("old.gone", false, true)],
        );
        let names: Vec<String> = rows.iter().map(|r| r.table.to_string()).collect();
        assert_eq!(
            names,
            ["cloud.thresholds", "dev.cat", "dev.dog", "old.gone"]
        );
        assert_eq!(sides(&rows[0], "n2"), "n2 only");
        assert_eq!(sides(&rows[1], "n2"), "this node");
        assert_eq!(sides(&rows[2], "n2"), "both nodes");
        assert!(rows[2].publish && !rows[2].subscribe);
        assert!(!rows[3].publish && rows[3].subscribe);
    }

    #[test]
    fn only_changed_tables_are_sent() {
        let rows = rows(
            &[t("dev.dog"), t("dev.cat")],
            &[],
            &[sub("dev.dog", true, false)],
        );
        let (labels, ticked) = items(&rows, "n2");
        assert_eq!(labels.len(), 4);
        assert_eq!(ticked, [false, false, true, false]);
        // Untouched: the ticks as they were.
        assert!(changes(&rows, &[2]).is_empty());
        // dev.dog: subscribe ticked as well; dev.cat untouched.
        let c = changes(&rows, &[2, 3]);
        assert_eq!(c.len(), 1);
        assert_eq!(
            (c[0].table.as_str(), c[0].publish, c[0].subscribe),
            ("dog", true, true)
        );
    }
}
