//! Printing: `json` and `yaml` print exactly the operation's response (for
//! scripts); `table` renders it for people with comfy-table. Data goes to
//! stdout; prompts, progress and logs go to stderr.
//!
//! Most of what is printed came from the daemon, and through it from peers
//! and clients (node names from a hello, refusal messages, last errors,
//! records). None of it may reach the terminal raw: an ESC sequence would
//! drive it, a newline would forge a line, a bidi override would reorder
//! what the operator reads. So every cell ([`cell`]) and every line people
//! get ([`out`]) is escaped by [`printable`], and the machine formats write
//! the same characters as JSON/YAML escapes ([`json_text`], [`yaml`]): still
//! exactly the response's value, but safe to show.

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};

use clap::ValueEnum;
use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
use harper_rpc::text::{is_unsafe_char, printable};
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

/// Write text for people to stdout, each line escaped ([`printable`]); a
/// closed pipe is not an error worth a message.
pub fn out(text: &str) -> CliResult {
    let lines: Vec<_> = text.split('\n').map(printable).collect();
    write_stdout(&lines.join("\n"))
}

fn write_stdout(text: &str) -> CliResult {
    write_bytes(format!("{text}\n").as_bytes())
}

/// Write bytes to stdout as they are (a generated completion script or man
/// page). Everything printed goes through here, never `print!` (which panics
/// on a closed or full stdout): a closed pipe (`| head -1`) ends the output
/// quietly; any other failure (`> /dev/full`) is one error line, exit 1.
pub fn write_bytes(bytes: &[u8]) -> CliResult {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|_| stdout.flush()) {
        Ok(()) => Ok(()),
        Err(e) => write_failed(e),
    }
}

fn write_failed(e: std::io::Error) -> CliResult {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        Ok(())
    } else {
        Err(CliError::failed(format!("cannot write output: {e}")))
    }
}

/// Print a response in a machine format; false for `table` (the caller renders).
pub fn machine(format: Format, value: &Value) -> CliResult<bool> {
    match format {
        Format::Json => write_stdout(&json_text(value))?,
        Format::Yaml => write_stdout(yaml(value).trim_end())?,
        Format::Table => return Ok(false),
    }
    Ok(true)
}

/// `text` (JSON) with every unsafe character that serde_json leaves as it is
/// (DEL, C1 controls such as the 8-bit CSI, bidi and zero-width characters)
/// written as a `\uXXXX` escape. Outside strings JSON is printable ASCII, and
/// every unsafe character is in the Basic Multilingual Plane, so the result
/// parses to the same value.
fn escape_json(text: &str) -> String {
    // A raw newline is the pretty printer's; serde_json escapes those in strings.
    let unsafe_char = |c: char| c != '\n' && is_unsafe_char(c);
    if !text.chars().any(unsafe_char) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if unsafe_char(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// A value as compact JSON, safe on a terminal.
pub fn json_text(value: &Value) -> String {
    escape_json(&serde_json::to_string(value).expect("JSON"))
}

/// A value as 2-space JSON, safe on a terminal.
pub fn json_pretty(value: &Value) -> String {
    escape_json(&serde_json::to_string_pretty(value).expect("JSON"))
}

/// A value as YAML text, safe on a terminal. The YAML emitter escapes
/// control characters but writes bidi and zero-width characters as they are,
/// and newlines as block scalars; so every string holding an unsafe
/// character goes to it as a plain placeholder, which is then replaced by the
/// string as a JSON string: a YAML double-quoted scalar of the same value
/// with every unsafe character escaped.
pub fn yaml(value: &Value) -> String {
    let whole = serde_json::to_string(value).unwrap_or_default();
    let mut tag = String::from("__harper_quoted");
    while whole.contains(&tag) {
        tag.push('_');
    }
    let mut quoted = Vec::new();
    let stand_in = placeholders(value, &tag, &mut quoted);
    let mut text = serde_yaml::to_string(&stand_in).unwrap_or_else(|_| json_text(value));
    for (i, q) in quoted.iter().enumerate() {
        text = text.replacen(&format!("{tag}{i}__"), q, 1);
    }
    text
}

/// `value` with each string that needs quoting replaced by `{tag}{n}__`, its
/// quoted form pushed to `quoted` at index `n` (keys too).
fn placeholders(value: &Value, tag: &str, quoted: &mut Vec<String>) -> Value {
    match value {
        Value::String(s) => Value::String(stand_in(s, tag, quoted)),
        Value::Array(items) => {
            Value::Array(items.iter().map(|v| placeholders(v, tag, quoted)).collect())
        }
        Value::Object(m) => {
            let mut out = serde_json::Map::new();
            for (k, v) in m {
                let k = stand_in(k, tag, quoted);
                out.insert(k, placeholders(v, tag, quoted));
            }
            Value::Object(out)
        }
        other => other.clone(),
    }
}

fn stand_in(s: &str, tag: &str, quoted: &mut Vec<String>) -> String {
    if !s.chars().any(is_unsafe_char) {
        return s.to_owned();
    }
    quoted.push(json_text(&Value::String(s.to_owned())));
    format!("{tag}{}__", quoted.len() - 1)
}

/// A cell's text: strings bare, everything else as JSON; escaped
/// ([`printable`]), so a cell is one line of visible text.
pub fn cell(v: &Value) -> String {
    match v {
        Value::String(s) => printable(s).into_owned(),
        Value::Null => String::new(),
        other => printable(&other.to_string()).into_owned(),
    }
}

/// A typed value's cell text, as its JSON shows it ([`cell`]): a state its
/// string (`caught_up`), a number its digits, `None` nothing.
pub fn show<T: serde::Serialize + ?Sized>(v: &T) -> String {
    cell(&serde_json::to_value(v).unwrap_or(Value::Null))
}

/// `--no-headers`: set once, before any table is made.
static NO_HEADERS: AtomicBool = AtomicBool::new(false);

/// Make every table without its header row from now on (`--no-headers`).
pub fn set_no_headers(on: bool) {
    NO_HEADERS.store(on, Ordering::Relaxed);
}

/// A new table in the house style, with `header` unless `--no-headers`.
pub fn table(header: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    if !NO_HEADERS.load(Ordering::Relaxed) {
        t.set_header(header.iter().copied());
    }
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
    let header: Vec<String> = columns.iter().map(|c| printable(c).into_owned()).collect();
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
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
                t.add_row(vec![printable(k).into_owned(), cell(v)]);
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

/// How long ago a time in ms since the epoch was: `5s ago`, `3m ago`, `2h ago`.
pub fn ms_ago(at: u64) -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(at);
    let secs = now.saturating_sub(at) / 1000;
    match secs {
        0..60 => format!("{secs}s ago"),
        60..3600 => format!("{}m ago", secs / 60),
        _ => format!("{}h ago", secs / 3600),
    }
}

/// `host:port` of a route as the mesh shows it, escaped.
pub fn route_text(r: &harper_rpc::Route) -> String {
    show(&format!("{}:{}", r.host, r.port))
}

/// Who a refusal event is about: the node's name when it said it, else the
/// route we dialled, else the host that dialled us (its port changes with
/// every retry).
pub fn refused_node(e: &harper_rpc::ops::Event) -> String {
    if let Some(peer) = &e.peer {
        return show(peer);
    }
    let addr = show(&e.addr);
    if e.direction == harper_rpc::ops::Direction::Outbound {
        return addr;
    }
    addr.rsplit_once(':')
        .map(|(h, _)| h.to_owned())
        .unwrap_or(addr)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    /// Text from a hostile peer: a forged line, terminal escapes (7- and
    /// 8-bit), a bidi override, a zero-width space, a lone DEL.
    fn hostile() -> Value {
        json!({
            "node\u{1b}]0;owned\u{7}": "evil\nERROR forged line",
            "events": [{"message": "\u{1b}[2J\u{9b}31mred", "peer": "abc\u{202e}fed\u{200b}"}],
            "plain": "Zürich \\ ok",
            "num": 7,
            "__harper_quoted0__": "a key like the placeholder",
            "del": "\u{7f}",
        })
    }

    fn assert_terminal_safe(text: &str) {
        let bad: Vec<char> = text
            .chars()
            .filter(|c| *c != '\n' && is_unsafe_char(*c))
            .collect();
        assert!(bad.is_empty(), "unsafe {bad:?} in {text}");
    }

    #[test]
    fn json_output_is_the_same_value_with_nothing_unsafe() {
        let v = hostile();
        for text in [json_text(&v), json_pretty(&v)] {
            assert_terminal_safe(&text);
            assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), v);
        }
        assert!(!json_text(&v).contains('\n'));
        assert_eq!(json_text(&json!({"a": 1})), r#"{"a":1}"#);
    }

    #[test]
    fn yaml_output_is_the_same_value_with_nothing_unsafe() {
        let v = hostile();
        let text = yaml(&v);
        assert_terminal_safe(&text);
        assert!(!text.contains("ERROR forged line\n") && !text.contains("\nERROR"));
        assert_eq!(serde_yaml::from_str::<Value>(&text).unwrap(), v, "{text}");
        // Ordinary values look as they always did.
        assert_eq!(yaml(&json!({"a": "b", "n": [1]})), "a: b\nn:\n- 1\n");
    }

    #[test]
    fn a_closed_pipe_is_quiet_and_a_full_disk_is_an_error() {
        let pipe = std::io::Error::from(std::io::ErrorKind::BrokenPipe);
        assert!(write_failed(pipe).is_ok());
        let full = std::io::Error::from_raw_os_error(libc::ENOSPC);
        let e = write_failed(full).unwrap_err();
        assert_eq!(e.code, crate::error::EXIT_FAILED);
        assert!(
            e.message.starts_with("cannot write output: "),
            "{}",
            e.message
        );
    }

    #[test]
    fn cells_and_lines_for_people_are_escaped() {
        assert_eq!(cell(&json!("evil\nERROR x")), "evil\\u{000a}ERROR x");
        assert_eq!(cell(&json!("\u{1b}[31m")), "\\u{001b}[31m");
        assert_eq!(cell(&json!("plain")), "plain");
        assert_eq!(cell(&Value::Null), "");
        let t = human(&hostile());
        assert_terminal_safe(&t);
        assert!(!t.lines().any(|l| l.starts_with("ERROR")), "{t}");
    }
}
