//! Reading fields out of a request body with HarperDB's defaults and aliases
//! (`schema` for `database`, `hash_values` for `ids`) and its messages.

use harper_rpc::{DEFAULT_DATABASE, OpError, Request, TableRef};
use serde_json::Value;

use crate::config::{Checker, Null, Obj, Rule};

/// `database` (or legacy `schema`; `database` wins), defaulting to `data`.
pub fn database(body: &Request) -> Result<String, OpError> {
    match body.get("database").or_else(|| body.get("schema")) {
        None | Some(Value::Null) => Ok(DEFAULT_DATABASE.to_owned()),
        Some(Value::String(s)) if !s.is_empty() => Ok(s.clone()),
        Some(_) => Err(OpError::bad_request("'database' must be a string")),
    }
}

/// A required string field, with a validate.js-style message when missing.
pub fn required_str(body: &Request, field: &str, label: &str) -> Result<String, OpError> {
    match body.get(field) {
        Some(Value::String(s)) if !s.is_empty() => Ok(s.clone()),
        Some(Value::Number(n)) => Ok(n.to_string()),
        None | Some(Value::Null) | Some(Value::String(_)) => {
            Err(OpError::bad_request(format!("{label} is required")))
        }
        Some(_) => Err(OpError::bad_request(format!("{label} must be a string"))),
    }
}

/// `database` + required `table`.
pub fn table_ref(body: &Request) -> Result<TableRef, OpError> {
    let database = database(body)?;
    let table = required_str(body, "table", "Table")?;
    Ok(TableRef::new(database, table))
}

/// The table of a request checked as a Joi schema: every `(key, rule,
/// required)` of `keys` in order (a `null` is a wrong type), every failure
/// reported; then `database` (or `schema`; database wins, default `data`)
/// and `table`.
pub fn joi_table_ref(req: &Request, keys: &[(&str, Rule, bool)]) -> Result<TableRef, OpError> {
    let mut check = Checker::default();
    let root = Obj::root(req);
    for (key, rule, required) in keys {
        check.field(&root, key, *rule, *required, Null::Checked);
    }
    if !check.is_ok() {
        return Err(OpError::bad_request(check.message()));
    }
    let text = |key: &str| req.get(key).and_then(Value::as_str);
    let database = text("database")
        .or_else(|| text("schema"))
        .unwrap_or(DEFAULT_DATABASE);
    Ok(TableRef::new(database, text("table").unwrap_or_default()))
}

/// A JSON object as a request body (tests).
#[cfg(test)]
pub fn object(v: Value) -> Request {
    match v {
        Value::Object(m) => m,
        other => panic!("not an object: {other}"),
    }
}

/// A required array field.
pub fn array(body: &Request, field: &str) -> Result<Vec<Value>, OpError> {
    match body.get(field) {
        Some(Value::Array(a)) => Ok(a.clone()),
        None | Some(Value::Null) => Err(OpError::bad_request(format!("'{field}' is required"))),
        Some(_) => Err(OpError::bad_request(format!("'{field}' must be an array"))),
    }
}

/// `ids` (or legacy `hash_values`).
pub fn ids(body: &Request) -> Result<Vec<Value>, OpError> {
    if body.contains_key("ids") {
        array(body, "ids")
    } else if body.contains_key("hash_values") {
        array(body, "hash_values")
    } else {
        Err(OpError::bad_request("'ids' is required"))
    }
}

/// `get_attributes`: a list of attribute names, `["*"]` meaning all.
pub fn get_attributes(body: &Request) -> Result<Vec<String>, OpError> {
    let attrs = array(body, "get_attributes")?;
    attrs
        .into_iter()
        .map(|a| match a {
            Value::String(s) => Ok(s),
            _ => Err(OpError::bad_request(
                "'get_attributes' must be an array of strings",
            )),
        })
        .collect()
}

/// Keep only the requested attributes of a record (all for `*`).
pub fn project(record: Value, attrs: &[String]) -> Value {
    if attrs.iter().any(|a| a == "*") {
        return record;
    }
    let Value::Object(obj) = record else {
        return record;
    };
    let mut out = serde_json::Map::new();
    for a in attrs {
        if let Some(v) = obj.get(a) {
            out.insert(a.clone(), v.clone());
        }
    }
    Value::Object(out)
}
