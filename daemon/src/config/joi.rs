//! A small Joi look-alike: the rules, `null` handling and message templates
//! HarperDB's validators use (`'label' is required`, `'label' must be a
//! number`, ...), so our messages match theirs word for word. It knows
//! nothing of which keys exist; `validate` and `routes` supply the schema.
//! Like Joi with its default conversion, numeric strings pass as numbers,
//! `"true"`/`"false"` as booleans and ISO 8601 strings as dates
//! ([`super::isodate`]). Operation handlers use it too (`ops`), with labels
//! that carry Joi's full key path (`'connections[0].node_name'`).

use harper_rpc::NodeName;
use harper_rpc::names::NODE_NAME_RULE;
use serde_json::{Map, Value};

use super::cast::parse_number;
use super::duration::{DURATION_RULE, as_duration_secs};
use super::isodate::{self, DateProblem};

/// A number, or a string Joi would convert to one.
pub(crate) fn as_f64(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => parse_number(s),
        _ => None,
    }
}

/// A boolean, or `"true"`/`"false"` in any case as Joi converts them.
pub(crate) fn as_bool(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        Value::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
        Value::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
}

/// A size in bytes as HarperDB writes `logging.rotation.maxSize`: digits
/// with a unit `K`, `M` or `G` (1024-based, any case), or a plain number of
/// bytes.
pub(crate) fn as_size(v: &Value) -> Option<u64> {
    let text = match v {
        Value::Number(n) => return n.as_u64(),
        Value::String(s) => s.trim(),
        _ => return None,
    };
    let (digits, unit) = match text.char_indices().last()? {
        (i, c) if c.is_ascii_alphabetic() => (&text[..i], c.to_ascii_uppercase()),
        _ => (text, 'B'),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let shift = match unit {
        'B' => 0,
        'K' => 10,
        'M' => 20,
        'G' => 30,
        _ => return None,
    };
    digits.parse::<u64>().ok()?.checked_mul(1 << shift)
}

/// What a value must be.
#[derive(Clone, Copy)]
pub(crate) enum Rule {
    Any,
    Bool,
    Str,
    NodeName,
    /// An IP address or a host name (RFC 1123 labels).
    Host,
    OneOf(&'static [&'static str]),
    Number {
        min: f64,
        max: Option<f64>,
        integer: bool,
    },
    Routes,
    /// A size ([`as_size`]) of at least `min` bytes.
    Size {
        min: u64,
    },
    /// Joi's `date().iso()`.
    IsoDate,
    /// Joi's `date().timestamp()`: milliseconds since the epoch.
    Timestamp,
    /// A token lifetime ([`as_duration_secs`]).
    Duration,
}

pub(crate) const PORT: Rule = Rule::Number {
    min: 0.0,
    max: Some(65535.0),
    integer: true,
};

/// How `null` is treated: as if the key were absent (Joi `.empty(null)`),
/// accepted (`.allow(null)`), or checked against the rule like any value.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Null {
    AsMissing,
    Allowed,
    Checked,
}

/// A mapping being checked and its dotted label.
pub(crate) struct Obj<'a> {
    pub(crate) map: &'a Map<String, Value>,
    pub(crate) label: String,
}

impl<'a> Obj<'a> {
    /// The top level of a request body (labels are bare keys).
    pub(crate) fn root(map: &'a Map<String, Value>) -> Obj<'a> {
        Obj {
            map,
            label: String::new(),
        }
    }

    /// The label of `key` inside this mapping: `parent.key`, or `key` at the top.
    pub(crate) fn label_of(&self, key: &str) -> String {
        if self.label.is_empty() {
            key.to_owned()
        } else {
            format!("{}.{key}", self.label)
        }
    }
}

/// Collects Joi-style messages.
#[derive(Default)]
pub(crate) struct Checker {
    pub(crate) messages: Vec<String>,
}

impl Checker {
    /// Add `'label' what`.
    pub(crate) fn fail(&mut self, label: &str, what: &str) {
        self.messages.push(format!("'{label}' {what}"));
    }

    /// True when nothing failed.
    pub(crate) fn is_ok(&self) -> bool {
        self.messages.is_empty()
    }

    /// The failures as Joi's message: each once, in order, joined by `". "`.
    pub(crate) fn message(&self) -> String {
        join_messages(&self.messages)
    }

    pub(crate) fn object<'a>(
        &mut self,
        parent: &Obj<'a>,
        key: &str,
        required: bool,
    ) -> Option<Obj<'a>> {
        let label = parent.label_of(key);
        match parent.map.get(key) {
            Some(Value::Object(map)) => Some(Obj { map, label }),
            Some(_) => {
                self.fail(&label, "must be of type object");
                None
            }
            None => {
                if required {
                    self.fail(&label, "is required");
                }
                None
            }
        }
    }

    pub(crate) fn field(
        &mut self,
        parent: &Obj,
        key: &str,
        rule: Rule,
        required: bool,
        null: Null,
    ) {
        self.value(
            parent.map.get(key),
            &parent.label_of(key),
            rule,
            required,
            null,
        );
    }

    pub(crate) fn value(
        &mut self,
        v: Option<&Value>,
        label: &str,
        rule: Rule,
        required: bool,
        null: Null,
    ) {
        let v = match v {
            Some(Value::Null) if null == Null::Allowed => return,
            Some(Value::Null) if null == Null::AsMissing => None,
            other => other,
        };
        let Some(v) = v else {
            if required {
                self.fail(label, "is required");
            }
            return;
        };
        match rule {
            Rule::Any => {}
            Rule::Bool if as_bool(v).is_none() => self.fail(label, "must be a boolean"),
            Rule::Bool => {}
            Rule::Str | Rule::NodeName => match v.as_str() {
                None => self.fail(label, "must be a string"),
                Some("") => self.fail(label, "is not allowed to be empty"),
                Some(s) if matches!(rule, Rule::NodeName) && !NodeName::is_valid(s) => self
                    .messages
                    .push(format!("'{label}' invalid, {NODE_NAME_RULE}")),
                Some(_) => {}
            },
            Rule::Host => match v.as_str() {
                None => self.fail(label, "must be a string"),
                Some("") => self.fail(label, "is not allowed to be empty"),
                Some(s) if !is_host(s) => self.fail(label, "must be an IP address or a host name"),
                Some(_) => {}
            },
            Rule::OneOf(allowed) => {
                if !v.as_str().is_some_and(|s| allowed.contains(&s)) {
                    self.fail(label, &format!("must be one of [{}]", allowed.join(", ")));
                }
            }
            Rule::Number { min, max, integer } => {
                let problem = match as_f64(v) {
                    None => Some("must be a number".to_owned()),
                    Some(n) if n < min => Some(format!("must be greater than or equal to {min}")),
                    Some(n) => match max {
                        Some(max) if n > max => {
                            Some(format!("must be less than or equal to {max}"))
                        }
                        _ if integer && n.fract() != 0.0 => Some("must be an integer".to_owned()),
                        _ => None,
                    },
                };
                if let Some(problem) = problem {
                    self.fail(label, &problem);
                }
            }
            Rule::Routes => self.routes(v, label),
            Rule::Size { min } => match as_size(v) {
                None => self.fail(label, "must be a size such as 512K, 10M or 1G"),
                Some(n) if n < min => {
                    self.fail(label, &format!("must be at least {min} bytes"));
                }
                Some(_) => {}
            },
            Rule::IsoDate => match isodate::iso_value_millis(v) {
                Ok(_) => {}
                Err(DateProblem::Format) => self.fail(label, "must be in ISO 8601 date format"),
                Err(DateProblem::Base) => self.fail(label, "must be a valid date"),
            },
            Rule::Timestamp => match isodate::timestamp_value_millis(v) {
                Ok(_) => {}
                Err(DateProblem::Format) => self.fail(
                    label,
                    "must be in timestamp or number of milliseconds format",
                ),
                Err(DateProblem::Base) => self.fail(label, "must be a valid date"),
            },
            Rule::Duration if as_duration_secs(v).is_none() => self.fail(label, DURATION_RULE),
            Rule::Duration => {}
        }
    }

    /// A route list: an array of `{host: string, port: number >= 0}`.
    fn routes(&mut self, v: &Value, label: &str) {
        let Value::Array(items) = v else {
            self.fail(label, "must be an array");
            return;
        };
        for (i, item) in items.iter().enumerate() {
            let label = format!("{label}[{i}]");
            let Value::Object(map) = item else {
                self.fail(&label, "must be of type object");
                continue;
            };
            let route = Obj { map, label };
            self.field(&route, "host", Rule::Str, true, Null::Checked);
            self.field(&route, "port", PORT, true, Null::Checked);
        }
    }
}

/// Joi's message for several failures: each distinct message once, in the
/// order found, joined by `". "`.
pub(crate) fn join_messages(messages: &[String]) -> String {
    let mut seen = std::collections::HashSet::new();
    messages
        .iter()
        .filter(|m| seen.insert(m.as_str()))
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(". ")
}

/// True for an IP address or a host name: dot-separated labels of letters,
/// digits and `-` (not at either end), at most 63 bytes each and 253 in all.
pub(crate) fn is_host(s: &str) -> bool {
    if s.parse::<std::net::IpAddr>().is_ok() {
        return true;
    }
    let name = s.strip_suffix('.').unwrap_or(s);
    !name.is_empty()
        && name.len() <= 253
        && name.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
        // All-numeric dotted names are IPv4 addresses or nothing.
        && !name.split('.').all(|l| l.bytes().all(|b| b.is_ascii_digit()))
}

/// Check a request's or file's route list under `label` (HarperDB's
/// `route_constraints`): `null` counts as absent.
pub(crate) fn check_routes(v: Option<&Value>, label: &str, required: bool) -> Vec<String> {
    let mut check = Checker::default();
    check.value(v, label, Rule::Routes, required, Null::AsMissing);
    check.messages
}

/// Check a `server` field of `cluster_set_routes`.
pub(crate) fn check_server(v: Option<&Value>) -> Vec<String> {
    let mut check = Checker::default();
    check.value(
        v,
        "server",
        Rule::OneOf(&["hub", "leaf"]),
        true,
        Null::Checked,
    );
    check.messages
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn conversions_follow_joi() {
        assert_eq!(as_f64(&json!(" 12 ")), Some(12.0));
        assert_eq!(as_f64(&json!("711a")), None);
        assert_eq!(as_f64(&json!(true)), None);
        assert_eq!(as_bool(&json!("TRUE")), Some(true));
        assert_eq!(as_bool(&json!("yes")), None);
        assert_eq!(as_bool(&json!(1)), None);
    }

    #[test]
    fn sizes_take_harperdb_units() {
        assert_eq!(as_size(&json!("10M")), Some(10 << 20));
        assert_eq!(as_size(&json!("100k")), Some(100 << 10));
        assert_eq!(as_size(&json!(" 2G ")), Some(2 << 30));
        assert_eq!(as_size(&json!("4096")), Some(4096));
        assert_eq!(as_size(&json!(4096)), Some(4096));
        for bad in [
            json!("M"),
            json!("10 M"),
            json!("10T"),
            json!("-1K"),
            json!(1.5),
            json!(true),
        ] {
            assert_eq!(as_size(&bad), None, "{bad}");
        }
        assert_eq!(as_size(&json!("99999999999999999999G")), None);
    }

    #[test]
    fn route_lists_report_every_item_in_order() {
        let routes = json!([{"host": 123, "port": 7916}, {"host": "4.4.4.6", "port": "711a"}]);
        assert_eq!(
            check_routes(Some(&routes), "routes", true),
            [
                "'routes[0].host' must be a string",
                "'routes[1].port' must be a number"
            ]
        );
        let routes = json!([{"host": "", "port": 1.5}, {"host": "a", "port": 65536}]);
        assert_eq!(
            check_routes(Some(&routes), "routes", true),
            [
                "'routes[0].host' is not allowed to be empty",
                "'routes[0].port' must be an integer",
                "'routes[1].port' must be less than or equal to 65535"
            ]
        );
        assert_eq!(
            check_routes(Some(&Value::Null), "routes", true),
            ["'routes' is required"]
        );
        assert!(check_routes(Some(&Value::Null), "routes", false).is_empty());
        assert!(check_routes(None, "routes", false).is_empty());
    }

    #[test]
    fn hosts_are_ip_addresses_or_host_names() {
        for ok in [
            "0.0.0.0",
            "127.0.0.2",
            "::",
            "::1",
            "localhost",
            "node-1.example.com",
            "a.b.",
        ] {
            assert!(is_host(ok), "{ok}");
        }
        for bad in [
            "",
            "not a host",
            "-a",
            "a-.b",
            "a..b",
            "300.1.1.1",
            "1.2.3",
            "[::1]",
            "h:1",
            "a_b",
            &"a".repeat(64),
        ] {
            assert!(!is_host(bad), "{bad}");
        }
    }

    #[test]
    fn server_must_be_hub_or_leaf() {
        assert!(check_server(Some(&json!("leaf"))).is_empty());
        assert_eq!(check_server(None), ["'server' is required"]);
        assert_eq!(
            check_server(Some(&json!("Hub"))),
            ["'server' must be one of [hub, leaf]"]
        );
    }
}
