//! Streams, the per-table logs other nodes consume: `harper stream purge|info`.

use clap::Subcommand;
use harper_rpc::TableRef;
use harper_rpc::ops::{PurgeOptions, PurgeStream, StreamInfo, StreamInfoResponse};

use super::prelude::{connect, print_answer, said};
use crate::Global;
use crate::complete;
use crate::error::{CliError, CliResult};
use crate::output::{show, table};

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

pub async fn stream(g: &Global, c: StreamCommand) -> CliResult {
    let client = connect(g).await?;
    match c {
        StreamCommand::Purge { table, keep, seq } => {
            if g.interactive() {
                // Ask only about a table that exists, and say how much its stream holds.
                let info = client
                    .call(&StreamInfo {
                        database: table.database.clone(),
                        table: table.table.clone(),
                    })
                    .await
                    .map_err(|e| with_database(e, &table))?;
                let shown = show(&table.to_string());
                let what = match (keep, seq) {
                    (Some(n), _) => format!("all but the newest {n} of {} entries", info.messages),
                    (_, Some(s)) => format!("the entries below sequence {s}"),
                    _ => format!("all {} entries", info.messages),
                };
                crate::prompt::confirm_or_cancel(
                    g,
                    &format!(
                        "Purge {what} of the stream of {shown}? Nodes that have not read them must resync"
                    ),
                    &format!("the stream of {shown} was not purged"),
                )?;
            }
            let t = table;
            let op = PurgeStream {
                database: t.database.clone(),
                table: t.table.clone(),
                options: (keep.is_some() || seq.is_some()).then_some(PurgeOptions { keep, seq }),
            };
            let answer = client
                .call_raw(&op)
                .await
                .map_err(|e| with_database(e, &t))?;
            print_answer(g, answer, said)
        }
        StreamCommand::Info { table: t } => {
            let op = StreamInfo {
                database: t.database.clone(),
                table: t.table.clone(),
            };
            let answer = client
                .call_raw(&op)
                .await
                .map_err(|e| with_database(e, &t))?;
            print_answer(g, answer, |v| stream_info_text(&t, v))
        }
    }
}

/// HarperDB's stream errors name a missing table without its database
/// (`Table 'cat' does not exist`): say which one was meant.
fn with_database(mut e: CliError, t: &TableRef) -> CliError {
    let bare = format!("Table '{}' does not exist", t.table);
    if e.message.contains(&bare) {
        e.message = e
            .message
            .replace(&bare, &format!("Table '{t}' does not exist"));
    }
    e
}

fn stream_info_text(t: &TableRef, v: &StreamInfoResponse) -> String {
    let mut lines = vec![format!(
        "stream {} of {}: sequences {}..{} (flushed to {}), {} messages, {} bytes",
        show(&v.stream_name),
        t,
        v.first_seq,
        v.last_seq,
        v.durable_seq,
        v.messages,
        v.bytes,
    )];
    if !v.consumers.is_empty() {
        let mut readers = table(&["consumer (reads this stream)", "next seq", "lag msgs"]);
        for r in &v.consumers {
            readers.add_row(vec![
                show(&r.node),
                show(&r.next_seq),
                show(&r.lag_messages),
            ]);
        }
        lines.push(readers.to_string());
    }
    if !v.subscriptions.is_empty() {
        let mut mine = table(&[
            "this node reads from",
            "state",
            "next seq",
            "lag msgs",
            "lag ms",
            "error",
        ]);
        for c in &v.subscriptions {
            mine.add_row(vec![
                show(&c.publisher),
                show(&c.state),
                show(&c.next_seq),
                show(&c.lag_messages),
                show(&c.lag_ms),
                show(&c.last_error),
            ]);
        }
        lines.push(mine.to_string());
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_table_is_named_with_its_database() {
        let t: TableRef = "dev.cat".parse().unwrap();
        let e = CliError::failed("Database 'dev' does not exist. Table 'cat' does not exist");
        assert_eq!(
            with_database(e, &t).message,
            "Database 'dev' does not exist. Table 'dev.cat' does not exist"
        );
        let other = CliError::failed("Table 'dog' does not exist");
        assert_eq!(
            with_database(other, &t).message,
            "Table 'dog' does not exist"
        );
    }
}
