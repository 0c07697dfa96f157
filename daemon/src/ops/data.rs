//! NoSQL operations (spec 3.14): insert, update, upsert, delete and the three
//! searches. A write is acknowledged only after the store is flushed.

use harper_rpc::ops::{
    DeleteResponse, InsertResponse, UpdateResponse, UpsertResponse, WriteAction, to_body,
};
use harper_rpc::{OpError, Request, TableRef};
use serde_json::Value;

use super::{body, write_error};
use crate::node::Node;
use crate::store::{StoreError, WriteOutcome};

pub async fn write(
    node: &Node,
    action: WriteAction,
    req: &Request,
    user: Option<&str>,
) -> Result<Value, OpError> {
    let t = body::table_ref(req)?;
    let records = body::array(req, "records")?;
    let total = records.len();
    let out = commit_write(node, t, action, records, user)
        .await
        .map_err(write_error)?;
    let n = out.written.len();
    Ok(match action {
        WriteAction::Insert => to_body(&InsertResponse {
            message: format!("inserted {n} of {total} records"),
            inserted_hashes: out.written,
            skipped_hashes: out.skipped,
        }),
        WriteAction::Update => to_body(&UpdateResponse {
            message: format!("updated {n} of {total} records"),
            update_hashes: out.written,
            skipped_hashes: out.skipped,
        }),
        WriteAction::Upsert => to_body(&UpsertResponse {
            message: format!("upserted {n} of {total} records"),
            upserted_hashes: out.written,
        }),
    })
}

/// Write records as one transaction and wait for the flush (the store's
/// error as it is, for callers that act on its kind).
pub async fn commit_write(
    node: &Node,
    t: TableRef,
    action: WriteAction,
    records: Vec<Value>,
    user: Option<&str>,
) -> Result<WriteOutcome, StoreError> {
    node.store()
        .commit_write(t, action, records, user.map(str::to_owned))
        .await
}

pub async fn delete(node: &Node, req: &Request, user: Option<&str>) -> Result<Value, OpError> {
    let t = body::table_ref(req)?;
    let ids = body::ids(req)?;
    let total = ids.len();
    let user = user.map(str::to_owned);
    let out = node
        .store()
        .commit(move |s| s.delete(&t, ids, user.as_deref()))
        .await
        .map_err(write_error)?;
    let noun = if total == 1 { "record" } else { "records" };
    Ok(to_body(&DeleteResponse {
        message: format!(
            "{} of {total} {noun} successfully deleted",
            out.deleted.len()
        ),
        deleted_hashes: out.deleted,
        skipped_hashes: out.skipped,
    }))
}

pub fn search_by_id(node: &Node, req: &Request) -> Result<Value, OpError> {
    let t = body::table_ref(req)?;
    let ids = body::ids(req)?;
    let attrs = body::get_attributes(req)?;
    let table = node.store().table(&t)?;
    let mut out = Vec::new();
    for id in &ids {
        if let Some(r) = table.get(id)? {
            out.push(body::project(r, &attrs));
        }
    }
    Ok(Value::Array(out))
}

pub fn search_by_value(node: &Node, req: &Request) -> Result<Value, OpError> {
    let t = body::table_ref(req)?;
    let attr = body::required_str(req, "search_attribute", "Search attribute")?;
    let value = match req.get("search_value") {
        None | Some(Value::Null) => {
            return Err(OpError::bad_request("Search value is required"));
        }
        Some(v) => v.clone(),
    };
    let attrs = body::get_attributes(req)?;
    let table = node.store().table(&t)?;
    let mut out = Vec::new();
    table.scan(|r| {
        if r.get(&attr).is_some_and(|v| matches_value(v, &value)) {
            out.push(body::project(r, &attrs));
        }
        true
    })?;
    Ok(Value::Array(out))
}

/// HarperDB's search_by_value match: `*` wildcards in a string, else equality
/// (a number and its decimal string are equal).
pub fn matches_value(v: &Value, search: &Value) -> bool {
    match search {
        Value::String(pattern) if pattern.contains('*') => glob(pattern, &text(v)),
        Value::String(s) => text(v) == *s,
        other => v == other || text(v) == text(other),
    }
}

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// `*` matches any run of characters; everything else literally.
fn glob(pattern: &str, s: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !s.starts_with(first) || s.len() < first.len() + last.len() || !s.ends_with(last) {
        return false;
    }
    let mut rest = &s[first.len()..s.len() - last.len()];
    for mid in &parts[1..parts.len() - 1] {
        match rest.find(mid) {
            Some(i) => rest = &rest[i + mid.len()..],
            None => return false,
        }
    }
    true
}

pub fn search_by_conditions(node: &Node, req: &Request) -> Result<Value, OpError> {
    let t = body::table_ref(req)?;
    let attrs = body::get_attributes(req)?;
    let cond = Condition::group(req)?;
    let offset = usize_field(req, "offset")?.unwrap_or(0);
    let limit = usize_field(req, "limit")?;
    let table = node.store().table(&t)?;
    let mut hits = Vec::new();
    table.scan(|r| {
        if cond.matches(&r) {
            hits.push(r);
        }
        true
    })?;
    if let Some(Value::Object(sort)) = req.get("sort") {
        let attr = sort.get("attribute").and_then(Value::as_str).unwrap_or("");
        let desc = sort
            .get("descending")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        hits.sort_by(|a, b| {
            let o = compare(
                a.get(attr).unwrap_or(&Value::Null),
                b.get(attr).unwrap_or(&Value::Null),
            );
            if desc { o.reverse() } else { o }
        });
    }
    let out: Vec<Value> = hits
        .into_iter()
        .skip(offset)
        .take(limit.unwrap_or(usize::MAX))
        .map(|r| body::project(r, &attrs))
        .collect();
    Ok(Value::Array(out))
}

fn usize_field(req: &Request, field: &str) -> Result<Option<usize>, OpError> {
    match req.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => v
            .as_u64()
            .map(|n| Some(n as usize))
            .ok_or_else(|| OpError::bad_request(format!("'{field}' must be a number"))),
    }
}

/// Numbers numerically, strings lexically, numbers before strings.
fn compare(a: &Value, b: &Value) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) => x.partial_cmp(&y).unwrap_or(Ordering::Equal),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => text(a).cmp(&text(b)),
    }
}

/// A parsed condition tree of `search_by_conditions`.
enum Condition {
    Leaf {
        attr: String,
        kind: String,
        value: Value,
    },
    Group {
        or: bool,
        items: Vec<Condition>,
    },
}

impl Condition {
    fn group(obj: &Request) -> Result<Condition, OpError> {
        let or = match obj.get("operator").and_then(Value::as_str) {
            None | Some("and") => false,
            Some("or") => true,
            Some(_) => return Err(OpError::bad_request("'operator' must be one of [and, or]")),
        };
        let items = body::array(obj, "conditions")?
            .into_iter()
            .enumerate()
            .map(|(i, c)| match c {
                Value::Object(m) if m.contains_key("conditions") => Condition::group(&m),
                Value::Object(m) => Condition::leaf(i, &m),
                _ => Err(OpError::bad_request(format!(
                    "'conditions[{i}]' must be an object"
                ))),
            })
            .collect::<Result<_, _>>()?;
        Ok(Condition::Group { or, items })
    }

    fn leaf(i: usize, m: &Request) -> Result<Condition, OpError> {
        let attr = m
            .get("search_attribute")
            .or_else(|| m.get("attribute"))
            .and_then(Value::as_str)
            .ok_or_else(|| {
                OpError::bad_request(format!("'conditions[{i}].search_attribute' is required"))
            })?;
        let kind = m
            .get("search_type")
            .or_else(|| m.get("comparator"))
            .and_then(Value::as_str)
            .unwrap_or("equals");
        const KINDS: &[&str] = &[
            "equals",
            "not_equal",
            "contains",
            "starts_with",
            "ends_with",
            "greater_than",
            "greater_than_equal",
            "less_than",
            "less_than_equal",
            "between",
        ];
        if !KINDS.contains(&kind) {
            return Err(OpError::bad_request(format!(
                "'conditions[{i}].search_type' must be one of [{}]",
                KINDS.join(", ")
            )));
        }
        let value = m
            .get("search_value")
            .or_else(|| m.get("value"))
            .cloned()
            .unwrap_or(Value::Null);
        Ok(Condition::Leaf {
            attr: attr.to_owned(),
            kind: kind.to_owned(),
            value,
        })
    }

    fn matches(&self, r: &Value) -> bool {
        use std::cmp::Ordering::*;
        match self {
            Condition::Group { or: true, items } => items.iter().any(|c| c.matches(r)),
            Condition::Group { or: false, items } => items.iter().all(|c| c.matches(r)),
            Condition::Leaf { attr, kind, value } => {
                let Some(v) = r.get(attr) else {
                    return kind == "not_equal";
                };
                match kind.as_str() {
                    "equals" => matches_value(v, value),
                    "not_equal" => !matches_value(v, value),
                    "contains" => text(v).contains(&text(value)),
                    "starts_with" => text(v).starts_with(&text(value)),
                    "ends_with" => text(v).ends_with(&text(value)),
                    "greater_than" => compare(v, value) == Greater,
                    "greater_than_equal" => compare(v, value) != Less,
                    "less_than" => compare(v, value) == Less,
                    "less_than_equal" => compare(v, value) != Greater,
                    "between" => match value.as_array().map(Vec::as_slice) {
                        Some([lo, hi]) => compare(v, lo) != Less && compare(v, hi) != Greater,
                        _ => false,
                    },
                    _ => false,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn wildcards_match_like_harperdb() {
        assert!(matches_value(&json!("Penny"), &json!("P*")));
        assert!(matches_value(&json!("Penny"), &json!("*nn*")));
        assert!(matches_value(&json!("Penny"), &json!("*")));
        assert!(!matches_value(&json!("Penny"), &json!("H*")));
        assert!(matches_value(&json!(7), &json!("7")));
        assert!(matches_value(&json!(7), &json!(7)));
        assert!(!matches_value(&json!("ab"), &json!("a*b*b")));
    }
}
