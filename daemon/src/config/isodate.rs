//! Joi's two date conversions as HarperDB's validators use them:
//! `date().iso()` (an ISO 8601 date or date-time string, as `start_time` of a
//! subscription, `from`/`until` of `read_log`) and `date().timestamp()`
//! (milliseconds since the epoch, as `from`/`to` of `read_transaction_log`).
//!
//! Joi accepts what its ISO pattern matches and JavaScript's `Date` then
//! parses. This accepts the extended forms of that set: `YYYY`, `YYYY-MM`,
//! `YYYY-MM-DD`, and a date followed by `T` or a space, `HH:MM`, optional
//! `:SS` and fraction, and an optional zone `Z`, `±HH`, `±HHMM` or `±HH:MM`.
//! A date alone is midnight UTC, as in JavaScript. A date-time without a zone
//! is local time in JavaScript; here it is UTC (a daemon's answer must not
//! depend on the machine's time zone, and HarperDB's servers run in UTC).
//! Basic forms without separators (`20220902`) are refused: JavaScript's
//! `Date` does not parse them either, so Joi refuses them too.

use serde_json::Value;

/// The largest time JavaScript's `Date` holds, in ms either side of the epoch.
const MAX_DATE_MS: f64 = 8.64e15;

/// Milliseconds since the epoch of an ISO 8601 string, as Joi's
/// `date().iso()` converts it; `None` when Joi would refuse it.
pub fn iso_millis(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    let num = |at: usize, len: usize| -> Option<u32> {
        let digits = b.get(at..at + len)?;
        digits
            .iter()
            .all(u8::is_ascii_digit)
            .then(|| digits.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
    };
    let year = num(0, 4)? as i32;
    let (mut month, mut day, mut at) = (1, 1, 4);
    if b.get(at) == Some(&b'-') {
        month = num(at + 1, 2)?;
        at += 3;
        if b.get(at) == Some(&b'-') {
            day = num(at + 1, 2)?;
            at += 3;
        }
    }
    let month = time::Month::try_from(u8::try_from(month).ok()?).ok()?;
    let date = time::Date::from_calendar_date(year, month, u8::try_from(day).ok()?).ok()?;
    let midnight = date.midnight().assume_utc().unix_timestamp() * 1000;
    if at == b.len() {
        return Some(midnight);
    }
    // A time needs the full date before it.
    if at != 10 || !matches!(b[at], b'T' | b' ') {
        return None;
    }
    at += 1;
    let hour = num(at, 2)?;
    if b.get(at + 2) != Some(&b':') {
        return None;
    }
    let minute = num(at + 3, 2)?;
    at += 5;
    let mut second = 0;
    let mut fraction_ms = 0.0;
    if b.get(at) == Some(&b':') {
        second = num(at + 1, 2)?;
        at += 3;
        if matches!(b.get(at), Some(b'.' | b',')) {
            let start = at + 1;
            at = start;
            while b.get(at).is_some_and(u8::is_ascii_digit) {
                at += 1;
            }
            if at == start {
                return None;
            }
            fraction_ms = format!("0.{}", &s[start..at]).parse::<f64>().ok()? * 1000.0;
        }
    }
    let offset_minutes: i64 = match b.get(at) {
        None => 0,
        Some(b'Z') if at + 1 == b.len() => 0,
        Some(&sign @ (b'+' | b'-')) => {
            let hours = num(at + 1, 2)?;
            let minutes = match b.len() - (at + 3) {
                0 => 0,
                2 => num(at + 3, 2)?,
                3 if b[at + 3] == b':' => num(at + 4, 2)?,
                _ => return None,
            };
            if hours > 23 || minutes > 59 {
                return None;
            }
            let m = i64::from(hours * 60 + minutes);
            if sign == b'+' { m } else { -m }
        }
        _ => return None,
    };
    // 24:00 is the end of the day (JavaScript reads it as the next midnight).
    let valid = (hour < 24 && minute < 60 && second < 60)
        || (hour == 24 && minute == 0 && second == 0 && fraction_ms == 0.0);
    if !valid {
        return None;
    }
    let secs = i64::from(hour * 3600 + minute * 60 + second) - offset_minutes * 60;
    let ms = midnight + secs * 1000 + fraction_ms.floor() as i64;
    (ms.unsigned_abs() as f64 <= MAX_DATE_MS).then_some(ms)
}

/// Why a value is not a date Joi's `date().iso()` takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateProblem {
    /// A string that is not an ISO 8601 date: `must be in ISO 8601 date format`.
    Format,
    /// Not a string at all: `must be a valid date`.
    Base,
}

/// A JSON value as Joi's `date().iso()` converts it. Joi also converts a
/// number whose digits match its ISO pattern, which only a four-digit year does.
pub fn iso_value_millis(v: &Value) -> Result<i64, DateProblem> {
    match v {
        Value::String(s) => iso_millis(s).ok_or(DateProblem::Format),
        Value::Number(n) => n
            .as_u64()
            .filter(|y| (1000..=9999).contains(y))
            .and_then(|y| iso_millis(&y.to_string()))
            .ok_or(DateProblem::Base),
        _ => Err(DateProblem::Base),
    }
}

/// A JSON value as Joi's `date().timestamp()` converts it: a number of
/// milliseconds, or a string of one.
pub fn timestamp_value_millis(v: &Value) -> Result<f64, DateProblem> {
    let ms = match v {
        Value::Number(n) => n.as_f64().ok_or(DateProblem::Base)?,
        Value::String(s) if is_decimal(s) => s.parse::<f64>().map_err(|_| DateProblem::Format)?,
        Value::String(_) => return Err(DateProblem::Format),
        _ => return Err(DateProblem::Base),
    };
    if ms.abs() <= MAX_DATE_MS {
        Ok(ms)
    } else {
        Err(DateProblem::Base)
    }
}

/// `^[+-]?\d+(\.\d+)?$`: the strings Joi reads as a number of milliseconds.
fn is_decimal(s: &str) -> bool {
    let s = s.strip_prefix(['+', '-']).unwrap_or(s);
    let (int, frac) = s.split_once('.').unwrap_or((s, "0"));
    !int.is_empty()
        && !frac.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
}

/// An ISO 8601 UTC time with milliseconds (`2021-01-25T23:03:18.805Z`), as
/// JavaScript's `Date.toISOString` writes it.
pub fn millis_iso(ms: i64) -> String {
    let t = time::OffsetDateTime::UNIX_EPOCH + time::Duration::milliseconds(ms);
    let f = time::macros::format_description!(
        "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z"
    );
    t.format(f).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    const DAY: i64 = 86_400_000;

    #[test]
    fn dates_alone_are_midnight_utc() {
        let sep2 = iso_millis("2022-09-02").unwrap();
        assert_eq!(millis_iso(sep2), "2022-09-02T00:00:00.000Z");
        assert_eq!(iso_millis("2022-09").unwrap(), sep2 - DAY);
        assert_eq!(
            millis_iso(iso_millis("2022").unwrap()),
            "2022-01-01T00:00:00.000Z"
        );
        assert_eq!(iso_millis("1970-01-01"), Some(0));
    }

    #[test]
    fn date_times_take_fractions_and_zones() {
        let t = iso_millis("2022-09-02T20:06:35.993Z").unwrap();
        assert_eq!(millis_iso(t), "2022-09-02T20:06:35.993Z");
        assert_eq!(iso_millis("2022-09-02 20:06:35.993"), Some(t));
        assert_eq!(iso_millis("2022-09-02T22:06:35.993+02:00"), Some(t));
        assert_eq!(iso_millis("2022-09-02T22:06:35.993+0200"), Some(t));
        assert_eq!(iso_millis("2022-09-02T18:06:35,993-02"), Some(t));
        assert_eq!(iso_millis("2022-09-02T20:06Z"), Some(t - 35_993));
        assert_eq!(iso_millis("2022-09-02T24:00"), iso_millis("2022-09-03"));
    }

    #[test]
    fn what_joi_refuses_is_refused() {
        for bad in [
            "",
            "yesterday",
            "20220902",
            "2022-9-2",
            "2022-13-01",
            "2022-02-30",
            "2022-09-02T",
            "2022-09-02T25:00",
            "2022-09-02T24:01",
            "2022-09-02T20:06:60",
            "2022-09-02T20:06:35.",
            "2022-09-02T20:06:35Zjunk",
            "2022-09-02T20:06+24:00",
            " 2022-09-02",
            "2022-09-02 ",
            "2022-09T10:00",
        ] {
            assert_eq!(iso_millis(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn json_values_convert_as_joi_converts_them() {
        assert_eq!(
            iso_value_millis(&json!("2022-09-02")),
            Ok(1_662_076_800_000)
        );
        assert_eq!(
            iso_value_millis(&json!(2022)),
            iso_value_millis(&json!("2022"))
        );
        assert_eq!(iso_value_millis(&json!("soon")), Err(DateProblem::Format));
        for base in [
            json!(true),
            json!(null),
            json!(20220902),
            json!({}),
            json!(1.5),
        ] {
            assert_eq!(iso_value_millis(&base), Err(DateProblem::Base), "{base}");
        }
        assert_eq!(
            timestamp_value_millis(&json!(1_560_249_020_865u64)),
            Ok(1.560249020865e12)
        );
        assert_eq!(timestamp_value_millis(&json!("-12.5")), Ok(-12.5));
        assert_eq!(
            timestamp_value_millis(&json!("2022-09-02")),
            Err(DateProblem::Format)
        );
        assert_eq!(
            timestamp_value_millis(&json!("1e3")),
            Err(DateProblem::Format)
        );
        assert_eq!(
            timestamp_value_millis(&json!(false)),
            Err(DateProblem::Base)
        );
        assert_eq!(timestamp_value_millis(&json!(9e15)), Err(DateProblem::Base));
    }
}
