//! Reading CSV for the bulk loads (spec 3.15): the first line names the
//! attributes, every other line is a record. Cells are cast the way
//! HarperDB's loader casts them, so a CSV of numbers loads as numbers.
//!
//! Not here: the jobs and the writes (see `jobs`).

use serde_json::{Map, Number, Value};

/// A column name may hold only these characters (HarperDB's rule: attribute
/// names became file names in its original storage engine).
fn valid_column(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

fn reader(bytes: &[u8]) -> csv::Reader<&[u8]> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(bytes)
}

fn columns(r: &mut csv::Reader<&[u8]>) -> Result<Vec<String>, String> {
    let header = r
        .headers()
        .map_err(|e| format!("the CSV header cannot be read: {e}"))?;
    let mut names: Vec<String> = Vec::with_capacity(header.len());
    for name in header {
        if !valid_column(name) {
            return Err(format!(
                "Invalid column name '{name}', cancelling load operation"
            ));
        }
        if names.iter().any(|n| n == name) {
            return Err(format!(
                "Duplicate column name '{name}', cancelling load operation"
            ));
        }
        names.push(name.to_owned());
    }
    Ok(names)
}

/// Check the header line of a CSV (or of its first bytes), before a job starts.
pub fn check_header(head: &[u8]) -> Result<(), String> {
    // A header longer than the bytes given cannot be judged yet; the full
    // parse checks it again.
    if !head.contains(&b'\n') && head.len() >= 64 * 1024 {
        return Ok(());
    }
    header(head).map(|_| ())
}

/// The column names of a CSV's header line (only the header is read).
pub fn header(bytes: &[u8]) -> Result<Vec<String>, String> {
    columns(&mut reader(bytes))
}

/// Every record of a CSV, cells cast with [`cast`].
pub fn parse(bytes: &[u8]) -> Result<Vec<Map<String, Value>>, String> {
    let mut r = reader(bytes);
    let names = columns(&mut r)?;
    let mut out = Vec::new();
    for (i, rec) in r.records().enumerate() {
        let rec = rec.map_err(|e| match e.kind() {
            csv::ErrorKind::UnequalLengths {
                expected_len, len, ..
            } => format!(
                "CSV record {} has {len} fields, but the header has {expected_len}",
                i + 1
            ),
            _ => format!("CSV record {} cannot be read: {e}", i + 1),
        })?;
        let mut obj = Map::with_capacity(names.len());
        for (name, cell) in names.iter().zip(rec.iter()) {
            obj.insert(name.clone(), cast(cell));
        }
        out.push(obj);
    }
    Ok(out)
}

/// A cell as JSON: `true`/`false` as booleans, `null` as null, JSON objects
/// and arrays parsed, decimal numbers as numbers (but not `007` or integers
/// beyond 2^53, which would change when read back), anything else a string.
pub fn cast(cell: &str) -> Value {
    match cell {
        "true" | "TRUE" => return Value::Bool(true),
        "false" | "FALSE" => return Value::Bool(false),
        "null" | "NULL" => return Value::Null,
        _ => {}
    }
    if (cell.starts_with('{') || cell.starts_with('['))
        && let Ok(v) = serde_json::from_str::<Value>(cell)
        && (v.is_object() || v.is_array())
    {
        return v;
    }
    if looks_numeric(cell) {
        if let Ok(i) = cell.parse::<i64>() {
            if i.unsigned_abs() <= 1 << 53 {
                return Value::Number(i.into());
            }
        } else if let Ok(f) = cell.parse::<f64>()
            && let Some(n) = Number::from_f64(f)
        {
            return Value::Number(n);
        }
    }
    Value::String(cell.to_owned())
}

/// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`
fn looks_numeric(s: &str) -> bool {
    let b = s.strip_prefix('-').unwrap_or(s).as_bytes();
    let int_len = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if int_len == 0 || (int_len > 1 && b[0] == b'0') {
        return false;
    }
    let mut rest = &b[int_len..];
    if let Some(frac) = rest.strip_prefix(b".") {
        let n = frac.iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return false;
        }
        rest = &frac[n..];
    }
    if let Some(exp) = rest.strip_prefix(b"e").or_else(|| rest.strip_prefix(b"E")) {
        let exp = exp
            .strip_prefix(b"+")
            .or_else(|| exp.strip_prefix(b"-"))
            .unwrap_or(exp);
        return !exp.is_empty() && exp.iter().all(u8::is_ascii_digit);
    }
    rest.is_empty()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn cells_are_cast_like_harperdb() {
        assert_eq!(cast("1"), json!(1));
        assert_eq!(cast("-2.5"), json!(-2.5));
        assert_eq!(cast("1e3"), json!(1000.0));
        assert_eq!(cast("007"), json!("007"));
        assert_eq!(cast("9007199254740993"), json!("9007199254740993"));
        assert_eq!(cast("1."), json!("1."));
        assert_eq!(cast("true"), json!(true));
        assert_eq!(cast("null"), Value::Null);
        assert_eq!(cast(r#"{"a":1}"#), json!({"a":1}));
        assert_eq!(cast("[1,2]"), json!([1, 2]));
        assert_eq!(cast("[oops"), json!("[oops"));
        assert_eq!(cast(""), json!(""));
        assert_eq!(cast("Penny"), json!("Penny"));
    }

    #[test]
    fn records_follow_the_header() {
        let rows = parse(b"\xEF\xBB\xBFid,name\n1,Penny\n\n2,\"Harper, the dog\"\n").unwrap();
        assert_eq!(
            Value::Array(rows.into_iter().map(Value::Object).collect()),
            json!([{"id":1,"name":"Penny"},{"id":2,"name":"Harper, the dog"}])
        );
        assert!(parse(b"id,name\n").unwrap().is_empty());
    }

    #[test]
    fn bad_csv_is_named() {
        assert_eq!(
            parse(b"id,na me\n1,x\n").unwrap_err(),
            "Invalid column name 'na me', cancelling load operation"
        );
        assert_eq!(
            check_header(b"id,id/\n").unwrap_err(),
            "Invalid column name 'id/', cancelling load operation"
        );
        assert_eq!(
            parse(b"id,name\n1,a\n2,b,c\n").unwrap_err(),
            "CSV record 2 has 3 fields, but the header has 2"
        );
        assert!(check_header(b"id,name\n1,a").is_ok());
    }
}
