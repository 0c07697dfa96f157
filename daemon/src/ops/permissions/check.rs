//! The checks of a data operation against a role's grants, in HarperDB's
//! order and with its 403 body (`utility/operation_authorization.js`
//! `hasPermissions` and `checkAttributePerms`, `PermissionResponseObject`):
//! first the database and the table (one the role cannot see is answered
//! as missing, in `invalid_schema_items`), then the verbs on the table, then
//! each attribute the request names (`unauthorized_access` lists what is
//! missing per table and attribute).
//!
//! Not here: which verbs an operation needs (`super`), what a role grants (`grants`).

use harper_rpc::{OpError, Request};
use serde_json::{Value, json};

use super::grants::{Grants, Schema, TableGrant, Verb};

/// HarperDB's `OP_AUTH_PERMS_ERROR`.
pub const OP_AUTH_PERMS_ERROR: &str =
    "This operation is not authorized due to role restrictions and/or invalid database items";

/// A refusal: HarperDB's 403 body in parts.
#[derive(Debug, Default, PartialEq)]
pub struct Denial {
    /// `unauthorized_access`: messages, or per-table objects.
    pub unauthorized: Vec<Value>,
    /// `invalid_schema_items`: what is answered as missing.
    pub invalid: Vec<String>,
}

impl Denial {
    /// One `unauthorized_access` message (`handleUnauthorizedItem`).
    pub fn unauthorized(message: impl Into<String>) -> Denial {
        Denial {
            unauthorized: vec![Value::String(message.into())],
            invalid: Vec::new(),
        }
    }

    /// One `invalid_schema_items` message (`handleInvalidItem`).
    pub fn invalid(message: impl Into<String>) -> Denial {
        Denial {
            unauthorized: Vec::new(),
            invalid: vec![message.into()],
        }
    }

    fn is_empty(&self) -> bool {
        self.unauthorized.is_empty() && self.invalid.is_empty()
    }

    /// The 403 answer.
    pub fn into_error(self) -> OpError {
        OpError {
            status: 403,
            body: json!({
                "error": OP_AUTH_PERMS_ERROR,
                "unauthorized_access": self.unauthorized,
                "invalid_schema_items": self.invalid,
            }),
        }
    }
}

/// HarperDB's `SCHEMA_NOT_FOUND`.
pub fn no_database(db: &str) -> String {
    format!("database '{db}' does not exist")
}

/// HarperDB's `TABLE_NOT_FOUND`.
pub fn no_table(db: &str, table: &str) -> String {
    format!("Table '{db}.{table}' does not exist")
}

fn no_attribute(db: &str, table: &str, attr: &str) -> String {
    format!("Attribute '{attr}' does not exist on '{db}.{table}'")
}

/// The database and table must be visible and grant `verbs`; the grant on
/// the table when they do.
pub fn table(
    grants: Grants,
    schema: &Schema,
    db: &str,
    table: &str,
    verbs: &[Verb],
) -> Result<TableGrant, Denial> {
    let Some(tables) = schema.databases.get(db) else {
        return Err(Denial::invalid(no_database(db)));
    };
    if !grants.database_visible(db, tables) {
        return Err(Denial::invalid(no_database(db)));
    }
    let grant = match tables.get(table) {
        Some(shape) => grants.table(db, table, shape),
        None => TableGrant::default(),
    };
    if !grant.describe() {
        return Err(Denial::invalid(no_table(db, table)));
    }
    let missing: Vec<&str> = verbs
        .iter()
        .filter(|v| !grant.allows(**v))
        .map(|v| v.key())
        .collect();
    if !missing.is_empty() {
        return Err(Denial {
            unauthorized: vec![json!({
                "schema": db,
                "table": table,
                "required_table_permissions": missing,
                "required_attribute_permissions": [],
            })],
            invalid: Vec::new(),
        });
    }
    Ok(grant)
}

/// Each attribute the request names must exist for the role and grant `verbs`.
pub fn attributes(
    grant: &TableGrant,
    db: &str,
    table: &str,
    verbs: &[Verb],
    named: &[String],
) -> Result<(), Denial> {
    if grant.attributes.is_none() {
        return Ok(());
    }
    let mut denial = Denial::default();
    let mut required = Vec::new();
    for attr in named {
        match grant.attribute(attr) {
            Some(a) if a.describe() => {
                let missing: Vec<&str> = verbs
                    .iter()
                    .filter(|v| !a.allows(**v))
                    .map(|v| v.key())
                    .collect();
                if !missing.is_empty() {
                    required.push(json!({"attribute_name": attr, "required_permissions": missing}));
                }
            }
            // A new attribute, or one the role cannot see: both are missing to it.
            _ => denial.invalid.push(no_attribute(db, table, attr)),
        }
    }
    if !required.is_empty() {
        denial.unauthorized.push(json!({
            "schema": db,
            "table": table,
            "required_table_permissions": [],
            "required_attribute_permissions": required,
        }));
    }
    if denial.is_empty() {
        Ok(())
    } else {
        Err(denial)
    }
}

/// Put `name` in `out` unless it is there already (first-seen order).
fn add(out: &mut Vec<String>, name: &str) {
    if !out.iter().any(|n| n == name) {
        out.push(name.to_owned());
    }
}

/// The attributes a write names: every key of every record.
pub fn written_attributes(req: &Request) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(Value::Array(records)) = req.get("records") {
        for r in records.iter().filter_map(Value::as_object) {
            for k in r.keys() {
                add(&mut out, k);
            }
        }
    }
    out
}

/// The attributes a search names: what it matches on, sorts by and returns.
pub fn searched_attributes(req: &Request) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(a) = req.get("search_attribute").and_then(text) {
        add(&mut out, &a);
    }
    if let Some(conditions) = req.get("conditions") {
        condition_attributes(conditions, &mut out, 0);
    }
    if let Some(a) = req
        .get("sort")
        .and_then(|s| s.get("attribute"))
        .and_then(Value::as_str)
    {
        add(&mut out, a);
    }
    if let Some(Value::Array(attrs)) = req.get("get_attributes") {
        for a in attrs.iter().filter_map(Value::as_str) {
            add(&mut out, a);
        }
    }
    out
}

/// A string, or a number as its text (as `body::required_str` reads names).
fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Bodies are nested at most this deep by the doors; a condition tree
/// deeper than this is refused by the search itself.
const MAX_CONDITION_DEPTH: usize = 128;

fn condition_attributes(v: &Value, out: &mut Vec<String>, depth: usize) {
    if depth > MAX_CONDITION_DEPTH {
        return;
    }
    match v {
        Value::Array(items) => {
            for c in items {
                condition_attributes(c, out, depth + 1);
            }
        }
        Value::Object(m) => {
            if let Some(inner) = m.get("conditions") {
                condition_attributes(inner, out, depth + 1);
            } else if let Some(a) = m
                .get("search_attribute")
                .or_else(|| m.get("attribute"))
                .and_then(Value::as_str)
            {
                add(out, a);
            }
        }
        _ => {}
    }
}

/// `get_attributes: ["*"]` (or `"%"`) of a role with attribute rules on the
/// table becomes the attributes it may read, so a search leaves the others
/// out (HarperDB's rewrite).
pub fn narrow_wildcard(req: &mut Request, grant: &TableGrant) {
    let Some(attrs) = &grant.attributes else {
        return;
    };
    let wildcard = matches!(
        req.get("get_attributes"),
        Some(Value::Array(a)) if matches!(a.first().and_then(Value::as_str), Some("*" | "%"))
    );
    if wildcard && grant.read {
        let readable = attrs
            .iter()
            .filter(|a| a.read)
            .map(|a| Value::String(a.name.clone()))
            .collect();
        req.insert("get_attributes".into(), Value::Array(readable));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::permissions::grants::TableShape;
    use std::collections::BTreeMap;

    fn schema() -> Schema {
        let dog = TableShape {
            primary_key: "id".into(),
            attributes: vec!["id".into(), "name".into(), "owner".into(), "chip".into()],
        };
        Schema {
            databases: BTreeMap::from([
                (
                    "dev".to_owned(),
                    BTreeMap::from([("dog".to_owned(), dog.clone()), ("cat".to_owned(), dog)]),
                ),
                ("empty".to_owned(), BTreeMap::new()),
            ]),
        }
    }

    fn role() -> Value {
        json!({"dev": {"tables": {"dog": {"read": true, "insert": true, "update": false, "delete": false,
            "attribute_permissions": [
                {"attribute_name": "name", "read": true, "insert": true, "update": false},
                {"attribute_name": "owner", "read": true, "insert": false, "update": false}]}}}})
    }

    fn req(v: Value) -> Request {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn hidden_databases_and_tables_are_answered_as_missing() {
        let p = role();
        let g = Grants::new(&p);
        let s = schema();
        let err = |db, t| table(g, &s, db, t, &[Verb::Read]).unwrap_err();
        assert_eq!(
            err("nope", "dog"),
            Denial::invalid("database 'nope' does not exist")
        );
        assert_eq!(
            err("empty", "dog"),
            Denial::invalid("database 'empty' does not exist")
        );
        assert_eq!(
            err("dev", "cat"),
            Denial::invalid("Table 'dev.cat' does not exist")
        );
        assert_eq!(
            err("dev", "cow"),
            Denial::invalid("Table 'dev.cow' does not exist")
        );
    }

    #[test]
    fn a_missing_table_verb_is_named_per_table() {
        let p = role();
        let s = schema();
        let d = table(
            Grants::new(&p),
            &s,
            "dev",
            "dog",
            &[Verb::Insert, Verb::Update],
        )
        .unwrap_err();
        assert_eq!(
            d.into_error().body,
            json!({
                "error": OP_AUTH_PERMS_ERROR,
                "unauthorized_access": [{"schema": "dev", "table": "dog",
                    "required_table_permissions": ["update"], "required_attribute_permissions": []}],
                "invalid_schema_items": [],
            })
        );
        assert!(
            table(
                Grants::new(&p),
                &s,
                "dev",
                "dog",
                &[Verb::Read, Verb::Insert]
            )
            .is_ok()
        );
    }

    #[test]
    fn attributes_are_checked_per_verb_and_unknown_ones_are_missing() {
        let p = role();
        let s = schema();
        let g = table(Grants::new(&p), &s, "dev", "dog", &[Verb::Insert]).unwrap();
        let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(attributes(&g, "dev", "dog", &[Verb::Insert], &names(&["id", "name"])).is_ok());
        let d = attributes(
            &g,
            "dev",
            "dog",
            &[Verb::Insert],
            &names(&["id", "owner", "chip", "colour"]),
        )
        .unwrap_err();
        assert_eq!(
            d.unauthorized,
            vec![
                json!({"schema": "dev", "table": "dog", "required_table_permissions": [],
                "required_attribute_permissions": [{"attribute_name": "owner", "required_permissions": ["insert"]}]})
            ]
        );
        assert_eq!(
            d.invalid,
            vec![
                "Attribute 'chip' does not exist on 'dev.dog'",
                "Attribute 'colour' does not exist on 'dev.dog'"
            ],
            "an attribute the role may not see is as missing as a new one"
        );
    }

    #[test]
    fn a_wildcard_becomes_the_readable_attributes() {
        let p = role();
        let s = schema();
        let g = table(Grants::new(&p), &s, "dev", "dog", &[Verb::Read]).unwrap();
        let mut r = req(json!({"get_attributes": ["*"]}));
        narrow_wildcard(&mut r, &g);
        assert_eq!(r["get_attributes"], json!(["name", "owner", "id"]));
        let mut explicit = req(json!({"get_attributes": ["chip"]}));
        narrow_wildcard(&mut explicit, &g);
        assert_eq!(
            explicit["get_attributes"],
            json!(["chip"]),
            "checked, not rewritten"
        );
    }

    #[test]
    fn the_attributes_a_request_names() {
        let w = req(json!({"records": [{"id": 1, "name": "a"}, {"id": 2, "owner": "b"}, 7]}));
        assert_eq!(written_attributes(&w), vec!["id", "name", "owner"]);
        let s = req(json!({
            "search_attribute": "name",
            "conditions": [{"search_attribute": "owner"}, {"operator": "or", "conditions": [{"attribute": "age"}]}],
            "sort": {"attribute": "rank"},
            "get_attributes": ["id", "name"],
        }));
        assert_eq!(
            searched_attributes(&s),
            vec!["name", "owner", "age", "rank", "id"]
        );
    }
}
