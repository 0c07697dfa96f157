//! Durations as HarperDB writes `authentication.operationTokenTimeout` and
//! `refreshTokenTimeout`: the syntax of the `ms` package that its JWT
//! library (`jsonwebtoken`'s `expiresIn`) reads, such as `1d`, `12h`,
//! `30m`, `90s`, `2 days`, `1.5h`, `500ms`, or a plain number of seconds.
//!
//! One difference, on purpose: `jsonwebtoken` reads a *number* as seconds
//! but unit-less *text* (`"3600"` quoted in YAML) as milliseconds, so a
//! quoted `"3600"` gives tokens that expire in 3.6 s. Here a bare number is
//! seconds however it is written. A token's lifetime is whole seconds (JWT
//! times are), at least [`MIN_SECS`] and at most [`MAX_SECS`].

use serde_json::Value;

/// The shortest lifetime: a JWT's `exp` is in whole seconds, so anything
/// shorter would be a token born expired.
pub const MIN_SECS: u64 = 1;
/// The longest lifetime: 100 years (far beyond any sensible token, and
/// small enough that `iat + lifetime` never overflows).
pub const MAX_SECS: u64 = 100 * YEAR_MS / 1000;
/// The longest duration text read (the `ms` package's own limit).
const MAX_TEXT_CHARS: usize = 100;

const SECOND_MS: u64 = 1000;
const MINUTE_MS: u64 = 60 * SECOND_MS;
const HOUR_MS: u64 = 60 * MINUTE_MS;
const DAY_MS: u64 = 24 * HOUR_MS;
const WEEK_MS: u64 = 7 * DAY_MS;
/// The `ms` package's year: 365.25 days.
const YEAR_MS: u64 = DAY_MS * 365 + DAY_MS / 4;

/// What the validation message says a duration must be.
pub const DURATION_RULE: &str = "must be a duration of at least 1 second and at most 100 years, such as 1d, 12h, 30m, 90s or a number of seconds";

/// The units of the `ms` package (any case), in milliseconds.
const UNITS: &[(&[&str], u64)] = &[
    (&["milliseconds", "millisecond", "msecs", "msec", "ms"], 1),
    (&["seconds", "second", "secs", "sec", "s"], SECOND_MS),
    (&["minutes", "minute", "mins", "min", "m"], MINUTE_MS),
    (&["hours", "hour", "hrs", "hr", "h"], HOUR_MS),
    (&["days", "day", "d"], DAY_MS),
    (&["weeks", "week", "w"], WEEK_MS),
    (&["years", "year", "yrs", "yr", "y"], YEAR_MS),
];

/// A duration value (a number of seconds, or text in the `ms` syntax) as
/// whole seconds, `None` when it is not one or is outside
/// [`MIN_SECS`]..=[`MAX_SECS`].
pub fn as_duration_secs(v: &Value) -> Option<u64> {
    let ms = match v {
        Value::Number(n) => n.as_f64()? * SECOND_MS as f64,
        Value::String(s) => text_ms(s)?,
        _ => return None,
    };
    if !ms.is_finite() || ms < 0.0 {
        return None;
    }
    let secs = (ms / SECOND_MS as f64).floor();
    (secs >= MIN_SECS as f64 && secs <= MAX_SECS as f64).then_some(secs as u64)
}

/// `12h`, `2 days`, `1.5h`, `.5d`, `3600`: the number and its unit, in ms.
fn text_ms(s: &str) -> Option<f64> {
    let s = s.trim();
    if s.is_empty() || s.chars().count() > MAX_TEXT_CHARS {
        return None;
    }
    let split = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(s.len());
    let (number, rest) = s.split_at(split);
    // Digits with at most one point, and at least one digit after it.
    let valid_number = !number.is_empty()
        && number.matches('.').count() <= 1
        && !number.ends_with('.')
        && number.bytes().any(|b| b.is_ascii_digit());
    if !valid_number {
        return None;
    }
    let value: f64 = number.parse().ok()?;
    let unit = rest.trim_start_matches(' ');
    if unit.is_empty() {
        return Some(value * SECOND_MS as f64);
    }
    let unit_ms = UNITS
        .iter()
        .find(|(names, _)| names.iter().any(|n| n.eq_ignore_ascii_case(unit)))?
        .1;
    Some(value * unit_ms as f64)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn secs(v: Value) -> Option<u64> {
        as_duration_secs(&v)
    }

    #[test]
    fn harperdb_defaults_and_the_ms_units() {
        assert_eq!(secs(json!("1d")), Some(86_400));
        assert_eq!(secs(json!("30d")), Some(30 * 86_400));
        assert_eq!(secs(json!("12h")), Some(12 * 3600));
        assert_eq!(secs(json!("30m")), Some(1800));
        assert_eq!(secs(json!("90s")), Some(90));
        assert_eq!(secs(json!("1w")), Some(7 * 86_400));
        assert_eq!(secs(json!("1y")), Some(31_557_600));
        assert_eq!(secs(json!("2 days")), Some(2 * 86_400));
        assert_eq!(secs(json!("1 Hour")), Some(3600));
        assert_eq!(secs(json!("10 MINUTES")), Some(600));
        assert_eq!(secs(json!("5 secs")), Some(5));
        assert_eq!(secs(json!("2 hrs")), Some(7200));
        assert_eq!(secs(json!("3 yrs")), Some(3 * 31_557_600));
        assert_eq!(secs(json!("1.5h")), Some(5400));
        assert_eq!(secs(json!(".5d")), Some(43_200));
        assert_eq!(secs(json!(" 1d ")), Some(86_400));
    }

    #[test]
    fn bare_numbers_are_seconds_however_written() {
        assert_eq!(secs(json!(3600)), Some(3600));
        assert_eq!(secs(json!("3600")), Some(3600));
        assert_eq!(secs(json!(1)), Some(1));
        assert_eq!(secs(json!(1.9)), Some(1), "whole seconds, rounded down");
    }

    #[test]
    fn milliseconds_are_rounded_down_to_whole_seconds() {
        assert_eq!(secs(json!("1500ms")), Some(1));
        assert_eq!(secs(json!("1000 milliseconds")), Some(1));
        assert_eq!(secs(json!("999ms")), None, "a token would be born expired");
    }

    #[test]
    fn out_of_range_and_malformed_values_are_refused() {
        for bad in [
            json!(0),
            json!(-5),
            json!("0s"),
            json!("-1d"),
            json!("101y"),
            json!(1e300),
            json!(""),
            json!("   "),
            json!("d"),
            json!("1 d ay"),
            json!("1dd"),
            json!("1.d"),
            json!("1..5h"),
            json!("1.2.3s"),
            json!("1 fortnight"),
            json!("1e3s"),
            json!("0x10"),
            json!(true),
            Value::Null,
            json!(["1d"]),
            json!({"d": 1}),
        ] {
            assert_eq!(as_duration_secs(&bad), None, "{bad}");
        }
        let long = format!("{}s", "1".repeat(MAX_TEXT_CHARS));
        assert_eq!(secs(json!(long)), None);
        assert_eq!(secs(json!("100y")), Some(MAX_SECS));
    }
}
