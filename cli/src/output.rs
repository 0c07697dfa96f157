//! Printing: `json` and `yaml` print exactly the operation's response (for
//! scripts); `table` renders it for people with comfy-table. Data goes to
//! stdout; prompts, progress and logs go to stderr.

use std::io::Write;

use clap::ValueEnum;
use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
use serde_json::Value;

use crate::error::{CliError, CliResult};

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    /// For people.
    #[default]
    Table,
    /// The operation's JSON response, compact, one line.
    Json,
    /// The same as YAML.
    Yaml,
}

/// Write a line to stdout; a closed pipe is not an error worth a message.
pub fn out(text: &str) -> CliResult {
    let mut stdout = std::io::stdout().lock();
    match writeln!(stdout, "{text}").and_then(|_| stdout.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(CliError::failed(format!("cannot write output: {e}"))),
    }
}

/// Print a response in a machine format; false for `table` (the caller renders).
pub fn machine(format: Format, value: &Value) -> CliResult<bool> {
    match format {
        Format::Json => out(&serde_json::to_string(value).expect("JSON"))?,
        Format::Yaml => out(yaml(value).trim_end())?,
        Format::Table => return Ok(false),
    }
    Ok(true)
}

/// A value as YAML text.
pub fn yaml(value: &Value) -> String {
    serde_yaml::to_string(value).unwrap_or_else(|_| value.to_string())
}

/// A cell's text: strings bare, everything else as JSON.
pub fn cell(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// A new table in the house style.
pub fn table(header: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(header.iter().copied());
    t
}

/// Render records (JSON objects) as a table with the union of their keys as columns.
pub fn records_table(records: &[Value]) -> String {
    let mut columns: Vec<String> = Vec::new();
    for r in records {
        if let Value::Object(m) = r {
            for k in m.keys() {
                if !columns.contains(k) {
                    columns.push(k.clone());
                }
            }
        }
    }
    let header: Vec<&str> = columns.iter().map(String::as_str).collect();
    let mut t = table(&header);
    for r in records {
        t.add_row(
            columns
                .iter()
                .map(|c| r.get(c).map(cell).unwrap_or_default()),
        );
    }
    t.to_string()
}

/// Render any response for people: a message line, a table of records, or key/value rows.
pub fn human(value: &Value) -> String {
    match value {
        Value::Object(m) if m.len() == 1 && m.contains_key("message") => cell(&m["message"]),
        Value::Array(items) if items.iter().all(Value::is_object) => {
            if items.is_empty() {
                "(none)".to_owned()
            } else {
                records_table(items)
            }
        }
        Value::Object(m) => {
            let mut t = table(&["key", "value"]);
            for (k, v) in m {
                t.add_row(vec![k.clone(), cell(v)]);
            }
            t.to_string()
        }
        other => cell(other),
    }
}

/// Print a response in `format`, humans getting [`human`].
pub fn print(format: Format, value: &Value) -> CliResult {
    if !machine(format, value)? {
        out(&human(value))?;
    }
    Ok(())
}
