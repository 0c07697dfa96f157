//! HarperDB's `castConfigValue` (spec 2.3): how a value given as text (an
//! environment variable, a `--NAME value` argument) or as JSON (a
//! `set_configuration` body field) becomes the typed value written to the
//! file. Node and user names are the exception that keeps names like `44`
//! or `TrUe` from turning into a number or a boolean.

use serde_json::{Number, Value};

use super::table::Cast;

/// Is `s` a number the way JavaScript's `is-number` sees it (surrounding
/// whitespace allowed, finite)? Hex and `Infinity` are deliberately not.
pub(crate) fn parse_number(s: &str) -> Option<f64> {
    let t = s.trim();
    let plausible = t.bytes().any(|b| b.is_ascii_digit())
        && t.bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.' | b'e' | b'E'));
    if !plausible {
        return None;
    }
    t.parse::<f64>().ok().filter(|f| f.is_finite())
}

/// Largest integer an f64 holds exactly (JavaScript's safe-integer bound).
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// A number as JSON, integral values as integers so `9932` is written `9932`
/// and not `9932.0`.
fn number_value(f: f64) -> Value {
    if f.fract() == 0.0 && f.abs() <= MAX_SAFE_INTEGER {
        Value::Number(Number::from(f as i64))
    } else {
        Number::from_f64(f).map_or(Value::Null, Value::Number)
    }
}

/// HarperDB's `castConfigValue` for a value that arrived as JSON (a
/// `set_configuration` body field). Node and user names keep their text:
/// numbers and booleans become strings, `"TrUe"` stays a string. Elsewhere
/// numeric strings become numbers, `"true"`/`"false"` (any case) booleans,
/// `"undefined"` and `"null"` null, and `[...]`/`{...}` strings are parsed as
/// JSON when valid; anything else is kept as given.
pub fn cast_value(cast: Cast, raw: Value) -> Value {
    if cast == Cast::Name {
        return match raw {
            Value::Number(n) => Value::String(n.to_string()),
            Value::Bool(b) => Value::String(b.to_string()),
            Value::String(s) => cast_text(s, false),
            other => other,
        };
    }
    match raw {
        Value::Number(n) => n.as_f64().map_or(Value::Number(n), number_value),
        Value::String(s) => {
            if let Some(f) = parse_number(&s) {
                number_value(f)
            } else if s.eq_ignore_ascii_case("true") || s.eq_ignore_ascii_case("false") {
                Value::Bool(s.eq_ignore_ascii_case("true"))
            } else {
                cast_text(s, true)
            }
        }
        other => other,
    }
}

/// The tail of `castConfigValue` shared by every key. For names HarperDB
/// returns numeric text unchanged before reaching this point, so `numbers`
/// is off for them.
fn cast_text(s: String, numbers: bool) -> Value {
    if s.eq_ignore_ascii_case("undefined") || s == "null" {
        return Value::Null;
    }
    let bracketed =
        (s.starts_with('[') && s.ends_with(']')) || (s.starts_with('{') && s.ends_with('}'));
    if bracketed && let Ok(parsed) = serde_json::from_str::<Value>(&s) {
        return parsed;
    }
    match parse_number(&s) {
        Some(f) if numbers => number_value(f),
        _ => Value::String(s),
    }
}

/// [`cast_value`] for text from an environment variable or a command-line
/// argument, which HarperDB trims first.
pub fn cast_str(cast: Cast, raw: &str) -> Value {
    cast_value(cast, Value::String(raw.trim().to_owned()))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn s(v: &str) -> Value {
        Value::String(v.into())
    }

    #[test]
    fn names_and_users_keep_their_text() {
        assert_eq!(cast_value(Cast::Name, json!(44)), s("44"));
        assert_eq!(cast_value(Cast::Name, json!(44)), s("44"));
        assert_eq!(cast_str(Cast::Name, "44"), s("44"));
        assert_eq!(cast_str(Cast::Name, " TrUe "), s("TrUe"));
        assert_eq!(cast_value(Cast::Name, s("FALSE")), s("FALSE"));
        assert_eq!(cast_value(Cast::Name, json!(true)), s("true"));
        assert_eq!(cast_value(Cast::Name, Value::Null), Value::Null);
        assert_eq!(cast_value(Cast::Name, s("Node1")), s("Node1"));
        assert_eq!(cast_value(Cast::Name, s("undefined")), Value::Null);
    }

    #[test]
    fn other_values_are_auto_cast() {
        let p = Cast::Auto;
        assert_eq!(cast_str(p, "0.777"), json!(0.777));
        assert_eq!(cast_str(p, "-44.6"), json!(-44.6));
        let port = cast_str(p, "9932");
        assert_eq!(port, json!(9932));
        assert!(port.is_i64(), "an integer, not 9932.0");
        assert_eq!(cast_value(p, json!(9932.0)), json!(9932));
        assert_eq!(cast_str(p, "TrUe"), json!(true));
        assert_eq!(cast_str(p, "false"), json!(false));
        assert_eq!(cast_value(p, json!(true)), json!(true));
        assert_eq!(cast_str(p, "undefined"), Value::Null);
        assert_eq!(cast_str(p, "UNDEFINED"), Value::Null);
        assert_eq!(cast_str(p, "null"), Value::Null);
        assert_eq!(cast_value(p, Value::Null), Value::Null);
        assert_eq!(cast_str(p, "[1, 2]"), json!([1, 2]));
        assert_eq!(cast_str(p, "{\"a\": 1}"), json!({"a": 1}));
        assert_eq!(cast_str(p, "[not json]"), s("[not json]"));
        assert_eq!(cast_str(p, "0x10"), s("0x10"));
        assert_eq!(cast_str(p, "Infinity"), s("Infinity"));
        assert_eq!(cast_str(p, "info"), s("info"));
        assert_eq!(cast_str(p, ""), s(""));
        assert_eq!(
            cast_value(p, json!([{"host": "a"}])),
            json!([{"host": "a"}])
        );
    }
}
