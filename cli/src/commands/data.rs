//! Data commands: databases, tables, insert/update/upsert/delete, get, search.

use std::io::{IsTerminal, Read};

use clap::Subcommand;
use harper_rpc::TableRef;
use harper_rpc::ops::{
    CreateDatabase, CreateTable, Delete, DescribeAll, DescribeDatabase, DescribeTable,
    DropDatabase, DropTable, Insert, SearchById, SearchByValue, TableDescription, Update, Upsert,
    WriteAction, WriteRecords, to_body,
};
use serde_json::Value;

use super::prelude::{call_and_print, connect, print_answer, said};
use crate::Global;
use crate::complete;
use crate::error::{CliError, CliResult};
use crate::output::{self, cell, human, records_table, show, table};

#[derive(Debug, Subcommand)]
pub enum DatabaseCommand {
    /// Create a database
    Create {
        #[arg(value_parser = harper_rpc::names::new_database_name)]
        database: String,
    },
    /// Drop a database and its tables (not replicated)
    Drop {
        #[arg(add = complete::databases())]
        database: String,
    },
    /// Describe a database's tables
    Describe {
        #[arg(add = complete::databases())]
        database: String,
    },
    /// List databases
    List,
}

#[derive(Debug, Subcommand)]
pub enum TableCommand {
    /// Create a table (and its database when missing)
    Create {
        /// DB.TABLE (TABLE alone means database `data`)
        #[arg(value_name = "DB.TABLE")]
        table: TableRef,
        /// The primary key attribute
        #[arg(long, default_value = "id", value_parser = harper_rpc::names::attribute_name)]
        primary_key: String,
    },
    /// Drop a table (not replicated)
    Drop {
        #[arg(value_name = "DB.TABLE", add = complete::tables())]
        table: TableRef,
    },
    /// Describe a table
    Describe {
        #[arg(value_name = "DB.TABLE", add = complete::tables())]
        table: TableRef,
    },
    /// List tables
    List {
        /// Only this database
        #[arg(add = complete::databases())]
        database: Option<String>,
    },
}

#[derive(Debug, clap::Args)]
pub struct WriteArgs {
    /// DB.TABLE
    #[arg(value_name = "DB.TABLE", add = complete::tables())]
    table: TableRef,
    /// A JSON record or array of records, @FILE, or - for standard input
    #[arg(value_name = "JSON|@FILE|-")]
    records: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct IdsArgs {
    /// DB.TABLE
    #[arg(value_name = "DB.TABLE", add = complete::tables())]
    table: TableRef,
    /// Primary keys; one that parses as JSON is taken as such (1 is a number)
    #[arg(required = true, value_name = "ID")]
    ids: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// DB.TABLE
    #[arg(value_name = "DB.TABLE", add = complete::tables())]
    table: TableRef,
    /// ATTR=VALUE; VALUE may contain * wildcards
    #[arg(value_name = "ATTR=VALUE")]
    filter: String,
}

/// A command-line value: JSON when it parses, else the string itself.
pub fn json_or_string(s: &str) -> Value {
    serde_json::from_str(s).unwrap_or_else(|_| Value::String(s.to_owned()))
}

fn describe_tables<'a>(tables: impl IntoIterator<Item = &'a TableDescription>) -> String {
    let mut t = table(&["table", "primary key", "records", "stream"]);
    for d in tables {
        t.add_row(vec![
            format!("{}.{}", show(&d.schema), show(&d.name)),
            show(&d.hash_attribute),
            show(&d.record_count),
            show(&d.clustering_stream_name),
        ]);
    }
    t.to_string()
}

pub async fn database(g: &Global, c: DatabaseCommand) -> CliResult {
    match c {
        DatabaseCommand::Create { database } => {
            call_and_print(g, &CreateDatabase { database }, said).await
        }
        DatabaseCommand::Drop { database } => {
            let client = connect(g).await?;
            if g.interactive() {
                // Ask only about a database that exists, and say what it holds.
                let tables = client
                    .call(&DescribeDatabase {
                        database: database.clone(),
                    })
                    .await?;
                let shown = show(&database);
                crate::prompt::confirm_or_cancel(
                    g,
                    &format!(
                        "Drop database {shown} and its {} tables (their records are deleted)?",
                        tables.len()
                    ),
                    &format!("database {shown} was not dropped"),
                )?;
            }
            print_answer(g, client.call_raw(&DropDatabase { database }).await?, said)
        }
        DatabaseCommand::Describe { database } => {
            call_and_print(g, &DescribeDatabase { database }, |d| {
                describe_tables(d.values())
            })
            .await
        }
        DatabaseCommand::List => {
            let client = connect(g).await?;
            let all = client.call(&DescribeAll {}).await?;
            let value = Value::Array(all.into_keys().map(Value::String).collect());
            if !output::machine(g.output, &value)? {
                let mut t = table(&["database"]);
                for n in value.as_array().into_iter().flatten() {
                    t.add_row(vec![cell(n)]);
                }
                output::out(&t.to_string())?;
            }
            Ok(())
        }
    }
}

pub async fn table_cmd(g: &Global, c: TableCommand) -> CliResult {
    match c {
        TableCommand::Create { table, primary_key } => {
            let op = CreateTable {
                database: table.database,
                table: table.table,
                primary_key,
            };
            call_and_print(g, &op, said).await
        }
        TableCommand::Drop { table } => {
            let client = connect(g).await?;
            let op = DropTable {
                database: table.database.clone(),
                table: table.table.clone(),
            };
            if g.interactive() {
                let d = client
                    .call(&DescribeTable {
                        database: table.database,
                        table: table.table,
                    })
                    .await?;
                let shown = show(&format!("{}.{}", op.database, op.table));
                crate::prompt::confirm_or_cancel(
                    g,
                    &format!(
                        "Drop table {shown} and its {} records?",
                        show(&d.record_count)
                    ),
                    &format!("table {shown} was not dropped"),
                )?;
            }
            print_answer(g, client.call_raw(&op).await?, said)
        }
        TableCommand::Describe { table } => {
            let op = DescribeTable {
                database: table.database,
                table: table.table,
            };
            call_and_print(g, &op, |d| human(&to_body(d))).await
        }
        TableCommand::List {
            database: Some(database),
        } => {
            call_and_print(g, &DescribeDatabase { database }, |d| {
                describe_tables(d.values())
            })
            .await
        }
        TableCommand::List { database: None } => {
            call_and_print(g, &DescribeAll {}, |all| {
                describe_tables(all.values().flat_map(|d| d.values()))
            })
            .await
        }
    }
}

/// Read the records argument: inline JSON, @FILE, `-` or piped standard input.
fn read_records(arg: Option<String>) -> CliResult<Vec<Value>> {
    let text = match arg.as_deref() {
        Some("-") => read_stdin()?,
        None if !std::io::stdin().is_terminal() => read_stdin()?,
        None => {
            return Err(CliError::usage(
                "no records given: pass JSON, @FILE, or - to read standard input",
            ));
        }
        Some(s) if s.starts_with('@') => std::fs::read_to_string(&s[1..])
            .map_err(|e| CliError::usage(format!("cannot read {}: {e}", &s[1..])))?,
        Some(s) => s.to_owned(),
    };
    match serde_json::from_str::<Value>(&text) {
        Ok(Value::Array(items)) => Ok(items),
        Ok(obj @ Value::Object(_)) => Ok(vec![obj]),
        Ok(_) => Err(CliError::usage(
            "records must be a JSON object or an array of objects",
        )),
        Err(e) => Err(CliError::usage(format!("records are not valid JSON: {e}"))),
    }
}

fn read_stdin() -> CliResult<String> {
    let mut s = String::new();
    std::io::stdin()
        .read_to_string(&mut s)
        .map_err(|e| CliError::failed(format!("cannot read standard input: {e}")))?;
    Ok(s)
}

pub async fn write(g: &Global, action: WriteAction, a: WriteArgs) -> CliResult {
    let records = read_records(a.records)?;
    let body = WriteRecords {
        database: a.table.database,
        table: a.table.table,
        records,
    };
    let client = connect(g).await?;
    match action {
        WriteAction::Insert => print_answer(g, client.call_raw(&Insert(body)).await?, |r| {
            wrote(&r.message, &r.skipped_hashes)
        }),
        WriteAction::Update => print_answer(g, client.call_raw(&Update(body)).await?, |r| {
            wrote(&r.message, &r.skipped_hashes)
        }),
        WriteAction::Upsert => print_answer(g, client.call_raw(&Upsert(body)).await?, |r| {
            wrote(&r.message, &[])
        }),
    }
}

/// A write's message, and the primary keys it skipped.
fn wrote(message: &str, skipped: &[Value]) -> String {
    let mut text = show(message);
    if !skipped.is_empty() {
        let ids: Vec<String> = skipped.iter().map(cell).collect();
        text.push_str(&format!("\nskipped: {}", ids.join(", ")));
    }
    text
}

pub async fn delete(g: &Global, a: IdsArgs) -> CliResult {
    let op = Delete {
        database: a.table.database,
        table: a.table.table,
        ids: a.ids.iter().map(|s| json_or_string(s)).collect(),
    };
    call_and_print(g, &op, |r| show(&r.message)).await
}

pub async fn get(g: &Global, a: IdsArgs) -> CliResult {
    let op = SearchById {
        database: a.table.database,
        table: a.table.table,
        ids: a.ids.iter().map(|s| json_or_string(s)).collect(),
        get_attributes: vec!["*".into()],
    };
    call_and_print(g, &op, |r| records_or_none(r)).await
}

fn records_or_none(records: &[Value]) -> String {
    if records.is_empty() {
        "(no records)".to_owned()
    } else {
        records_table(records)
    }
}

pub async fn search(g: &Global, a: SearchArgs) -> CliResult {
    let Some((attr, value)) = a.filter.split_once('=') else {
        return Err(CliError::usage(format!("'{}' is not ATTR=VALUE", a.filter)));
    };
    let op = SearchByValue {
        database: a.table.database,
        table: a.table.table,
        search_attribute: attr.to_owned(),
        search_value: json_or_string(value),
        get_attributes: vec!["*".into()],
    };
    call_and_print(g, &op, |r| records_or_none(r)).await
}
