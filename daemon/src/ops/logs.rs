//! `read_log` (HarperDB's `utility/logging/readLog.js`): the daemon's log
//! (`log/harperd.log`, the file the rotating writer appends to) as HarperDB's
//! entries `{level, message, timestamp, thread, tags}`, filtered by `level`,
//! `from` and `until` (or `to`), `start` matches skipped, at most `limit`
//! answered, in file order or sorted by `order`.
//!
//! The file is streamed line by line, never read whole, each line cut at
//! [`MAX_LINE_BYTES`]; what is kept is at most `limit` entries, `limit` at
//! most [`MAX_LIMIT`]. With `order: "desc"` and no time window the newest
//! entries are answered (HarperDB reads the file's tail): a first pass counts
//! the matches, a second keeps the last ones. harperd does not name threads:
//! `thread` is `harperd`, `tags` holds the event's spans and module.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader};
use std::path::Path;

use harper_rpc::{OpError, Request};
use serde_json::{Value, json};

use crate::config::{Checker, Null, Obj, Rule, as_f64, iso_millis, millis_iso};
use crate::node::Node;

/// Entries answered when `limit` is not given (HarperDB's default).
const DEFAULT_LIMIT: u64 = 1000;
/// The most entries one answer holds.
const MAX_LIMIT: u64 = 10_000;
/// The longest line read; the rest of a longer one is skipped.
const MAX_LINE_BYTES: usize = 16 * 1024;
/// The longest message answered, in characters (longer ones end in `…`).
const MAX_MESSAGE_CHARS: usize = 2048;
/// HarperDB's levels, which `level` must be one of.
const LEVELS: [&str; 7] = ["notify", "fatal", "error", "warn", "info", "debug", "trace"];
/// The log names HarperDB's clients send for the main log.
const LOG_NAMES: [&str; 2] = ["hdb.log", crate::logging::LOG_FILE];

/// One parsed line.
#[derive(Debug, Clone, PartialEq)]
struct Entry {
    ms: i64,
    level: String,
    tags: Vec<String>,
    message: String,
}

impl Entry {
    fn to_value(&self) -> Value {
        json!({
            "level": self.level,
            "message": self.message,
            "timestamp": millis_iso(self.ms),
            "thread": "harperd",
            "tags": self.tags,
        })
    }
}

/// The request, checked.
#[derive(Debug, Clone, PartialEq)]
struct Query {
    level: Option<String>,
    from: Option<i64>,
    to: Option<i64>,
    start: u64,
    limit: u64,
    order: Option<String>,
}

impl Query {
    fn matches(&self, e: &Entry) -> bool {
        self.level.as_ref().is_none_or(|l| *l == e.level)
            && self.from.is_none_or(|f| e.ms >= f)
            && self.to.is_none_or(|t| e.ms <= t)
    }

    /// The newest matches are wanted (HarperDB reads the tail for these).
    fn wants_the_newest(&self) -> bool {
        self.order.as_deref() == Some("desc") && self.from.is_none() && self.to.is_none()
    }
}

/// A value as a message quotes it: a string escaped and clipped, else its JSON.
fn shown(v: &Value) -> String {
    v.as_str().map_or_else(
        || v.to_string(),
        |s| harper_rpc::text::printable_clipped(s, 64).into_owned(),
    )
}

/// Check `read_log`'s fields with HarperDB's messages.
fn query(req: &Request) -> Result<Query, OpError> {
    let mut check = Checker::default();
    let root = Obj::root(req);
    let mut date = |key: &str| -> Option<i64> {
        let v = req.get(key)?;
        let ms = v.as_str().and_then(iso_millis);
        if ms.is_none() {
            check
                .messages
                .push(format!("'{key}' date '{}' is invalid.", shown(v)));
        }
        ms
    };
    let from = date("from");
    let until = date("until");
    let to = date("to");
    check.field(&root, "level", Rule::OneOf(&LEVELS), false, Null::Checked);
    check.field(
        &root,
        "order",
        Rule::OneOf(&["asc", "desc"]),
        false,
        Null::Checked,
    );
    let limit_rule = Rule::Number {
        min: 1.0,
        max: Some(MAX_LIMIT as f64),
        integer: false,
    };
    check.field(&root, "limit", limit_rule, false, Null::Checked);
    let start_rule = Rule::Number {
        min: 0.0,
        max: None,
        integer: false,
    };
    check.field(&root, "start", start_rule, false, Null::Checked);
    if let Some(name) = req.get("log_name")
        && !name.as_str().is_some_and(|n| LOG_NAMES.contains(&n))
    {
        check
            .messages
            .push(format!("'log_name' '{}' is invalid.", shown(name)));
    }
    if !check.is_ok() {
        return Err(OpError::bad_request(check.message()));
    }
    let count = |key: &str, default: u64| {
        req.get(key)
            .and_then(as_f64)
            .map_or(default, |n| n.floor() as u64)
    };
    let text = |key: &str| req.get(key).and_then(Value::as_str).map(str::to_owned);
    Ok(Query {
        level: text("level"),
        from,
        // HarperDB reads `until` when `to` is not given.
        to: to.or(until),
        start: count("start", 0),
        limit: count("limit", DEFAULT_LIMIT),
        order: text("order"),
    })
}

/// Parse a line as tracing's formatter writes it:
/// `2024-05-06T10:11:12.123456Z  INFO span{a=1}: harper_daemon::ops: message`.
fn parse_line(line: &str) -> Option<Entry> {
    let (stamp, rest) = line.split_once(' ')?;
    let ms = iso_millis(stamp)?;
    let rest = rest.trim_start();
    let (level, rest) = rest.split_once(' ').unwrap_or((rest, ""));
    let level = match level {
        "ERROR" => "error",
        "WARN" => "warn",
        "INFO" => "info",
        "DEBUG" => "debug",
        "TRACE" => "trace",
        _ => return None,
    };
    // Spans (`name{fields}:`) come first, then the module and `: `.
    let mut tags = Vec::new();
    let mut message = rest;
    let mut at = 0;
    while let Some(end) = rest[at..].find(": ").map(|i| at + i) {
        let token = rest[at..end].trim();
        tags.push(token.to_owned());
        at = end + 2;
        let is_module = !token.is_empty()
            && token
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b':');
        if is_module {
            message = &rest[at..];
            break;
        }
        if tags.len() > 8 {
            tags.clear();
            break;
        }
    }
    if message == rest {
        tags.clear();
    }
    Some(Entry {
        ms,
        level: level.to_owned(),
        tags,
        message: clip(message),
    })
}

fn clip(s: &str) -> String {
    match s.char_indices().nth(MAX_MESSAGE_CHARS) {
        Some((at, _)) => format!("{}…", &s[..at]),
        None => s.to_owned(),
    }
}

/// Read one line of at most [`MAX_LINE_BYTES`] into `buf` (the rest of a
/// longer line is read and dropped); false at the end of the file.
fn read_line(r: &mut impl BufRead, buf: &mut Vec<u8>) -> std::io::Result<bool> {
    buf.clear();
    let mut any = false;
    loop {
        let chunk = r.fill_buf()?;
        if chunk.is_empty() {
            return Ok(any);
        }
        any = true;
        let (part, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (&chunk[..i], Some(i + 1)),
            None => (chunk, None),
        };
        let room = MAX_LINE_BYTES.saturating_sub(buf.len());
        buf.extend_from_slice(&part[..part.len().min(room)]);
        let used = done.unwrap_or(chunk.len());
        r.consume(used);
        if done.is_some() {
            return Ok(true);
        }
    }
}

/// Every entry of the file at `path`, in file order, to `f`; stop when it
/// returns false. A line that is not an entry continues the one before.
fn each_entry(path: &Path, mut f: impl FnMut(Entry) -> bool) -> std::io::Result<()> {
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    let mut reader = BufReader::new(file);
    let mut buf = Vec::new();
    let mut pending: Option<Entry> = None;
    while read_line(&mut reader, &mut buf)? {
        let line = String::from_utf8_lossy(&buf);
        match parse_line(&line) {
            Some(e) => {
                if let Some(p) = pending.replace(e)
                    && !f(p)
                {
                    return Ok(());
                }
            }
            None => {
                if let Some(p) = pending.as_mut() {
                    p.message = clip(&format!("{}\n{}", p.message, line.trim_end()));
                }
            }
        }
    }
    if let Some(p) = pending {
        f(p);
    }
    Ok(())
}

/// The entries `q` asks for, from the log at `path`.
fn read(path: &Path, q: &Query) -> std::io::Result<Vec<Entry>> {
    let mut out = Vec::new();
    if q.wants_the_newest() {
        let mut total = 0u64;
        each_entry(path, |e| {
            total += u64::from(q.matches(&e));
            true
        })?;
        // Matches numbered from 0: keep [total - start - limit, total - start).
        let end = total.saturating_sub(q.start);
        let begin = end.saturating_sub(q.limit);
        let mut ring = VecDeque::new();
        let mut i = 0u64;
        each_entry(path, |e| {
            if q.matches(&e) {
                if (begin..end).contains(&i) {
                    ring.push_back(e);
                }
                i += 1;
            }
            i < end
        })?;
        out.extend(ring);
    } else {
        let mut skipped = 0u64;
        each_entry(path, |e| {
            if q.matches(&e) {
                if skipped < q.start {
                    skipped += 1;
                } else {
                    out.push(e);
                }
            }
            (out.len() as u64) < q.limit
        })?;
    }
    match q.order.as_deref() {
        Some("asc") => out.sort_by_key(|e| e.ms),
        Some("desc") => out.sort_by_key(|e| std::cmp::Reverse(e.ms)),
        _ => {}
    }
    Ok(out)
}

/// `read_log`.
pub async fn read_log(node: &Node, req: &Request) -> Result<Value, OpError> {
    let q = query(req)?;
    let path = node
        .config()
        .settings()
        .log_root
        .join(crate::logging::LOG_FILE);
    let entries = tokio::task::spawn_blocking(move || read(&path, &q))
        .await
        .map_err(|e| OpError::internal(format!("reading the log failed: {e}")))?
        .map_err(|e| OpError::internal(format!("cannot read the log: {e}")))?;
    Ok(Value::Array(entries.iter().map(Entry::to_value).collect()))
}

#[cfg(test)]
mod tests {
    use std::io::Write as _;

    use super::*;

    use crate::ops::body::object as body;

    #[test]
    fn lines_parse_into_harperdb_entries() {
        let e = parse_line(
            "2024-05-06T10:11:12.123456Z  INFO harper_daemon::run: harperd started on 127.0.0.1:9925",
        )
        .unwrap();
        assert_eq!(e.level, "info");
        assert_eq!(e.tags, ["harper_daemon::run"]);
        assert_eq!(e.message, "harperd started on 127.0.0.1:9925");
        assert_eq!(millis_iso(e.ms), "2024-05-06T10:11:12.123Z");
        let e = parse_line(
            "2024-05-06T10:11:12.5Z ERROR link{peer=\"b\"}: harper_daemon::mesh::link: refused: bad: x",
        )
        .unwrap();
        assert_eq!(e.tags, ["link{peer=\"b\"}", "harper_daemon::mesh::link"]);
        assert_eq!(e.message, "refused: bad: x");
        assert_eq!(parse_line("not a line"), None);
        assert_eq!(parse_line("2024-05-06T10:11:12Z NOTICE x: y"), None);
    }

    #[test]
    fn fields_are_checked_with_harperdb_messages() {
        let e = |v: Value| query(&body(v)).unwrap_err().message().to_owned();
        assert_eq!(
            e(
                json!({"from": "yesterday", "level": "loud", "order": "up", "limit": 0, "start": -1})
            ),
            // Joi joins with ". " after a message that ends in one.
            "'from' date 'yesterday' is invalid.. \
             'level' must be one of [notify, fatal, error, warn, info, debug, trace]. \
             'order' must be one of [asc, desc]. \
             'limit' must be greater than or equal to 1. \
             'start' must be greater than or equal to 0"
        );
        assert_eq!(
            e(json!({"limit": 10_001})),
            "'limit' must be less than or equal to 10000"
        );
        assert_eq!(
            e(json!({"log_name": "../../etc/passwd"})),
            "'log_name' '../../etc/passwd' is invalid."
        );
        let q = query(&body(json!({"until": "2024-05-06", "limit": "5"}))).unwrap();
        assert_eq!((q.to, q.limit, q.start), (iso_millis("2024-05-06"), 5, 0));
    }

    fn log(lines: &[String]) -> tempfile::NamedTempFile {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        for l in lines {
            writeln!(f, "{l}").unwrap();
        }
        f
    }

    fn line(i: u32, level: &str) -> String {
        format!("2024-05-06T10:11:{i:02}.000000Z {level:>5} harper_daemon::x: event {i}")
    }

    fn messages(v: &[Entry]) -> Vec<String> {
        v.iter().map(|e| e.message.clone()).collect()
    }

    #[test]
    fn reads_filter_skip_limit_and_order() {
        let lines: Vec<String> = (0..10)
            .map(|i| line(i, if i % 2 == 0 { "INFO" } else { "WARN" }))
            .collect();
        let f = log(&lines);
        let q = |v: Value| query(&body(v)).unwrap();
        let got = read(
            f.path(),
            &q(json!({"level": "warn", "start": 1, "limit": 2})),
        )
        .unwrap();
        assert_eq!(messages(&got), ["event 3", "event 5"]);
        let got = read(
            f.path(),
            &q(json!({"order": "desc", "limit": 3, "start": 1})),
        )
        .unwrap();
        assert_eq!(
            messages(&got),
            ["event 8", "event 7", "event 6"],
            "the newest, newest first"
        );
        let window = json!({"from": "2024-05-06T10:11:02Z", "until": "2024-05-06T10:11:04Z", "order": "desc"});
        let got = read(f.path(), &q(window)).unwrap();
        assert_eq!(messages(&got), ["event 4", "event 3", "event 2"]);
        assert!(
            read(Path::new("/nonexistent/harperd.log"), &q(json!({})))
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn long_lines_are_cut_and_other_lines_continue_the_entry() {
        let long = format!("{} {}", line(1, "INFO"), "x".repeat(MAX_LINE_BYTES * 3));
        let f = log(&[
            line(0, "INFO"),
            "  a continuation".into(),
            long,
            line(2, "INFO"),
        ]);
        let got = read(f.path(), &query(&body(json!({}))).unwrap()).unwrap();
        assert_eq!(got.len(), 3);
        assert_eq!(got[0].message, "event 0\n  a continuation");
        assert_eq!(got[1].message.chars().count(), MAX_MESSAGE_CHARS + 1);
        assert_eq!(got[2].message, "event 2");
    }
}
