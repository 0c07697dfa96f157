//! `logging.format: json`: every event is one JSON object on one line, for
//! log shippers (Loki, Elasticsearch, journald's JSON export):
//!
//! ```json
//! {"timestamp":"2026-12-02T19:36:18.123456Z","level":"WARN","target":"harper_daemon::mesh","node":"edge","message":"link refused: ...","peer":"cloud","addr":"127.0.0.1:9932"}
//! ```
//!
//! The event's fields sit beside `message` under their own names; one that
//! is named like a key of the line (`timestamp`, `level`, `target`, `node`)
//! is written as `field_<name>`. Numbers and booleans stay JSON numbers and
//! booleans; anything recorded with `?` is its `Debug` text.
//!
//! Safety: JSON already escapes the control characters below U+0020. The
//! other characters that must not reach a log or a terminal as they are
//! (DEL, the C1 controls, the line separators, the bidi and zero-width
//! format characters: `harper_rpc::text::is_unsafe_char`) are written as
//! `\uXXXX` escapes too, so a line is still valid JSON that decodes to the
//! very text logged, and the writer's escaping (`writer::escape_event`)
//! finds nothing left to change.

use std::fmt;
use std::sync::RwLock;

use harper_rpc::text::is_unsafe_char;
use serde_json::{Map, Value};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use tracing::field::{Field, Visit};
use tracing::{Event, Subscriber};
use tracing_subscriber::fmt::format::Writer;
use tracing_subscriber::fmt::{FmtContext, FormatEvent, FormatFields};
use tracing_subscriber::registry::LookupSpan;

/// Keys every line has; an event field of the same name is renamed.
const LINE_KEYS: [&str; 4] = ["timestamp", "level", "target", "node"];

/// The node name lines carry (it can change while the daemon runs).
static NODE: RwLock<String> = RwLock::new(String::new());

/// Set the node name that lines carry from now on (`""`: none).
pub fn set_node(name: &str) {
    let mut node = NODE.write().unwrap_or_else(|e| e.into_inner());
    if *node != name {
        name.clone_into(&mut node);
    }
}

fn node() -> Value {
    let node = NODE.read().unwrap_or_else(|e| e.into_inner());
    if node.is_empty() {
        Value::Null
    } else {
        Value::String(node.clone())
    }
}

/// The event formatter of `logging.format: json`.
#[derive(Debug, Default, Clone, Copy)]
pub struct JsonLines;

impl<S, N> FormatEvent<S, N> for JsonLines
where
    S: Subscriber + for<'a> LookupSpan<'a>,
    N: for<'a> FormatFields<'a> + 'static,
{
    fn format_event(
        &self,
        _ctx: &FmtContext<'_, S, N>,
        mut writer: Writer<'_>,
        event: &Event<'_>,
    ) -> fmt::Result {
        writeln!(writer, "{}", line(event, OffsetDateTime::now_utc(), node()))
    }
}

/// One event as its JSON line (without the newline).
fn line(event: &Event<'_>, at: OffsetDateTime, node: Value) -> String {
    let meta = event.metadata();
    let mut obj = Map::new();
    obj.insert(
        "timestamp".into(),
        Value::String(at.format(&Rfc3339).unwrap_or_default()),
    );
    obj.insert("level".into(), Value::String(meta.level().to_string()));
    obj.insert("target".into(), Value::String(meta.target().to_owned()));
    obj.insert("node".into(), node);
    event.record(&mut Fields(&mut obj));
    json_safe(&Value::Object(obj).to_string())
}

/// Collects an event's fields into the line's object.
struct Fields<'a>(&'a mut Map<String, Value>);

impl Fields<'_> {
    fn put(&mut self, field: &Field, value: Value) {
        let name = field.name();
        let key = if LINE_KEYS.contains(&name) {
            format!("field_{name}")
        } else {
            name.to_owned()
        };
        self.0.insert(key, value);
    }
}

impl Visit for Fields<'_> {
    fn record_f64(&mut self, field: &Field, value: f64) {
        let v = serde_json::Number::from_f64(value)
            .map_or_else(|| Value::String(value.to_string()), Value::Number);
        self.put(field, v);
    }

    fn record_i64(&mut self, field: &Field, value: i64) {
        self.put(field, value.into());
    }

    fn record_u64(&mut self, field: &Field, value: u64) {
        self.put(field, value.into());
    }

    fn record_bool(&mut self, field: &Field, value: bool) {
        self.put(field, value.into());
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        self.put(field, value.into());
    }

    fn record_error(&mut self, field: &Field, value: &(dyn std::error::Error + 'static)) {
        self.put(field, value.to_string().into());
    }

    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.put(field, format!("{value:?}").into());
    }
}

/// `json` with every unsafe character written as a `\uXXXX` escape. They
/// can only be inside strings (the rest of JSON is ASCII), where the escape
/// means the same character.
fn json_safe(json: &str) -> String {
    if !json.chars().any(is_unsafe_char) {
        return json.to_owned();
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if is_unsafe_char(c) {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{u:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use super::*;
    use crate::logging::writer::escape_event;

    /// Lines written by a subscriber with [`JsonLines`], as the writer's
    /// escaping leaves them.
    fn lines_of(f: impl FnOnce()) -> Vec<String> {
        #[derive(Clone, Default)]
        struct Sink(Arc<Mutex<Vec<u8>>>);
        impl std::io::Write for Sink {
            fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
                self.0.lock().unwrap().extend(escape_event(buf));
                Ok(buf.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let sink = Sink::default();
        let out = sink.clone();
        let subscriber = tracing_subscriber::fmt()
            .event_format(JsonLines)
            .with_writer(move || sink.clone())
            .finish();
        tracing::subscriber::with_default(subscriber, f);
        let bytes = out.0.lock().unwrap().clone();
        String::from_utf8(bytes)
            .unwrap()
            .lines()
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn an_event_is_one_object_with_its_fields() {
        set_node("edge-1");
        let lines = lines_of(|| {
            tracing::warn!(
                peer = "cloud",
                seq = 7u64,
                lag = -2i64,
                ok = true,
                ms = 1.5,
                level = "x",
                "link refused: {}",
                "wrong password"
            );
        });
        assert_eq!(lines.len(), 1, "{lines:?}");
        let v: Value = serde_json::from_str(&lines[0]).unwrap();
        assert_eq!(v["level"], "WARN");
        assert_eq!(v["node"], "edge-1");
        assert_eq!(v["message"], "link refused: wrong password");
        assert_eq!(v["peer"], "cloud");
        assert_eq!((v["seq"].as_u64(), v["lag"].as_i64()), (Some(7), Some(-2)));
        assert_eq!(
            (v["ok"].as_bool(), v["ms"].as_f64()),
            (Some(true), Some(1.5))
        );
        assert_eq!(
            v["field_level"], "x",
            "a field named like a line key is renamed"
        );
        assert!(v["target"].as_str().unwrap().starts_with("harper_daemon"));
        let ts = v["timestamp"].as_str().unwrap();
        assert!(OffsetDateTime::parse(ts, &Rfc3339).is_ok(), "{ts}");
        let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(&keys[..4], LINE_KEYS);
        set_node("");
    }

    #[test]
    fn hostile_text_stays_one_valid_line_that_decodes_to_itself() {
        let evil =
            "a\nINFO forged\r\u{1b}[31m\u{7f}\u{9b}2J\u{202e}dcba\u{200b}\u{2028}\u{e0041}\"\\";
        let lines = lines_of(|| tracing::info!(user = evil, "login failed for {evil}"));
        assert_eq!(lines.len(), 1, "{lines:?}");
        let line = &lines[0];
        assert!(!line.chars().any(is_unsafe_char), "{line:?}");
        let v: Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["user"], evil);
        assert_eq!(v["message"], format!("login failed for {evil}"));
    }

    #[test]
    fn escapes_are_utf16() {
        assert_eq!(json_safe(r#"{"a":"x"}"#), r#"{"a":"x"}"#);
        assert_eq!(
            json_safe("\"\u{202e}\u{e0041}\""),
            r#""\u202e\udb40\udc41""#
        );
    }
}
