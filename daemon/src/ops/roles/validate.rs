//! The checks of a role's request body and permission object, in HarperDB's
//! order and words (`validation/role_validation.js`, the messages of
//! `commonErrors.js` `ROLE_PERMS_ERROR_MSGS`): every error is reported, in
//! `main_permissions` or, for one database's table, in
//! `schema_permissions["<db>_<table>"]`, in one 400:
//! `{"error":"Errors in the role permissions JSON provided","main_permissions":[..],"schema_permissions":{..}}`.
//!
//! Databases, tables and attributes a permission names must exist now.
//! Where HarperDB accepts nonsense (a permission that is not an object, a
//! database entry that is a string) or would fail inside, this refuses it
//! with a message of the same kind; and a permission object is at most
//! [`MAX_PERMISSION_BYTES`].

use harper_rpc::catalogue::Verb;
use harper_rpc::ops::roles::is_role_name;
use harper_rpc::{OpError, Request};
use serde_json::{Map, Value, json};

use crate::ops::permissions::Schema;

/// HarperDB's `ROLE_PERMS_ERROR`.
pub const ROLE_PERMS_ERROR: &str = "Errors in the role permissions JSON provided";

/// The largest permission object (its JSON), so that a role stays a small
/// value in the store (DESIGN.md: values well below 64 KiB).
pub const MAX_PERMISSION_BYTES: usize = 48 * 1024;

/// The body fields HarperDB's role validation allows (`ALLOWED_JSON_KEYS`).
const ALLOWED_KEYS: &[&str] = &[
    "operation",
    "role",
    "id",
    "permission",
    "hdb_user",
    "hdb_auth_header",
    "access",
];
const ROLE_TYPES: &[&str] = &["super_user", "cluster_user"];
const STRUCTURE_USER: &str = "structure_user";
const TABLE_VERBS: [&str; 4] = [
    Verb::Read.key(),
    Verb::Insert.key(),
    Verb::Update.key(),
    Verb::Delete.key(),
];
const ATTRIBUTE_VERBS: [&str; 3] = [Verb::Read.key(), Verb::Insert.key(), Verb::Update.key()];

/// Which operation the body is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    /// `add_role`: `role` is required, `id` optional.
    Add,
    /// `alter_role`: `id` is required, `role` optional.
    Alter,
}

/// The errors found so far, where HarperDB files them.
#[derive(Debug, Default)]
struct Errors {
    main: Vec<String>,
    schema: Map<String, Value>,
}

impl Errors {
    fn main(&mut self, e: impl Into<String>) {
        self.main.push(e.into());
    }

    fn at(&mut self, db: &str, table: Option<&str>, e: impl Into<String>) {
        let key = match table {
            Some(t) => format!("{db}_{t}"),
            None => db.to_owned(),
        };
        match self.schema.entry(key).or_insert_with(|| json!([])) {
            Value::Array(list) => list.push(Value::String(e.into())),
            _ => unreachable!("schema_permissions entries are arrays"),
        }
    }
}

/// JavaScript's truthiness, which HarperDB's checks lean on.
fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(_) | Value::Object(_) => true,
    }
}

/// A key as JavaScript would print it in a message.
fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// validate.js `presence` (a value, even empty) and `format: [\w\-_]+`.
fn name_field(req: &Request, field: &str, label: &str, required: bool, errors: &mut Errors) {
    match req.get(field) {
        None | Some(Value::Null) if required => errors.main(format!("{label} can't be blank")),
        None | Some(Value::Null) => {}
        Some(Value::String(s)) if is_role_name(s) => {}
        Some(_) => errors.main(format!("{label} is invalid")),
    }
}

/// Check an `add_role` or `alter_role` body against `schema`; the 400 when
/// anything is wrong.
pub fn check(req: &Request, which: Which, schema: &Schema) -> Result<(), OpError> {
    let mut errors = Errors::default();
    let unknown: Vec<&str> = req
        .keys()
        .map(String::as_str)
        .filter(|k| !ALLOWED_KEYS.contains(k))
        .collect();
    if !unknown.is_empty() {
        let noun = if unknown.len() > 1 { "keys" } else { "key" };
        errors.main(format!(
            "Invalid {noun} in JSON body - '{}'",
            unknown.join("', '")
        ));
    }
    name_field(req, "role", "Role", which == Which::Add, &mut errors);
    name_field(req, "id", "Id", which == Which::Alter, &mut errors);
    match req.get("permission") {
        None | Some(Value::Null) => errors.main("Permission can't be blank"),
        Some(Value::Object(p)) => permission(p, schema, &mut errors),
        Some(_) => errors.main("Permission must be an object"),
    }
    if errors.main.is_empty() && errors.schema.is_empty() {
        return Ok(());
    }
    Err(OpError {
        status: 400,
        body: json!({
            "error": ROLE_PERMS_ERROR,
            "main_permissions": errors.main,
            "schema_permissions": errors.schema,
        }),
    })
}

fn permission(p: &Map<String, Value>, schema: &Schema, errors: &mut Errors) {
    let bytes = serde_json::to_vec(p).map_or(0, |b| b.len());
    if bytes > MAX_PERMISSION_BYTES {
        errors.main(format!(
            "The permission object is {bytes} bytes; at most {MAX_PERMISSION_BYTES} are allowed"
        ));
        return;
    }
    let is = |k: &str| p.get(k) == Some(&Value::Bool(true));
    if p.len() > 1 && (is("super_user") || is("cluster_user")) {
        if is("super_user") && is("cluster_user") {
            errors.main("Roles cannot have both 'super_user' and 'cluster_user' values included in their permissions set.");
        } else {
            let role = if p.get("super_user").is_some_and(truthy) {
                "super_user"
            } else {
                "cluster_user"
            };
            errors.main(format!(
                "Roles with '{role}' set to true cannot have other permissions set."
            ));
        }
    }
    for role in ROLE_TYPES {
        if let Some(v) = p.get(*role)
            && truthy(v)
            && !v.is_boolean()
        {
            errors.main(format!("Value for '{role}' permission must be a boolean"));
        }
    }
    for (item, value) in p {
        if ROLE_TYPES.contains(&item.as_str()) {
            continue;
        }
        if item == STRUCTURE_USER {
            match value {
                Value::Bool(_) => {}
                Value::Array(dbs) => {
                    for db in dbs {
                        if !schema.databases.contains_key(&text(db)) {
                            errors.main(format!("database '{}' does not exist", text(db)));
                        }
                    }
                }
                _ => errors.main(format!(
                    "Value for '{STRUCTURE_USER}' permission must be a boolean or Array"
                )),
            }
            continue;
        }
        database(item, value, schema, errors);
    }
}

fn database(db: &str, value: &Value, schema: &Schema, errors: &mut Errors) {
    let Some(tables) = schema.databases.get(db) else {
        errors.main(format!("database '{db}' does not exist"));
        return;
    };
    let Some(entry) = value.as_object() else {
        errors.at(
            db,
            None,
            format!("Value for '{db}' permission must be an object"),
        );
        return;
    };
    let listed = match entry.get("tables") {
        None => return,
        Some(v) if !truthy(v) => return,
        Some(Value::Object(t)) => t,
        Some(_) => {
            errors.at(
                db,
                None,
                format!("Value for 'tables' of '{db}' must be an object"),
            );
            return;
        }
    };
    static EMPTY: std::sync::LazyLock<Map<String, Value>> = std::sync::LazyLock::new(Map::new);
    for (t, perms) in listed {
        let Some(shape) = tables.get(t) else {
            errors.main(format!("Table '{db}.{t}' does not exist"));
            continue;
        };
        // HarperDB reads a table entry that is not an object as one without keys.
        let perms = perms.as_object().unwrap_or(&EMPTY);
        let at = Some(t.as_str());
        for key in perms.keys() {
            if key != "attribute_permissions" && !TABLE_VERBS.contains(&key.as_str()) {
                errors.at(
                    db,
                    at,
                    format!("Invalid table permission key value '{key}'"),
                );
            }
        }
        for verb in &TABLE_VERBS {
            match perms.get(*verb) {
                None | Some(Value::Null) => errors.at(
                    db,
                    at,
                    format!("Missing table {} permission", verb.to_uppercase()),
                ),
                Some(Value::Bool(_)) => {}
                Some(_) => errors.at(
                    db,
                    at,
                    format!("Table {} permission must be a boolean", verb.to_uppercase()),
                ),
            }
        }
        let attrs = match perms.get("attribute_permissions") {
            None => {
                errors.at(db, at, "Missing 'attribute_permissions' array");
                continue;
            }
            Some(Value::Null) => continue,
            Some(Value::Array(a)) => a,
            Some(_) => {
                errors.at(db, at, "Value for 'attribute_permissions' must be an array");
                continue;
            }
        };
        let mut granted = [false; 3];
        for a in attrs {
            let a = a.as_object().unwrap_or(&EMPTY);
            for key in a.keys() {
                if key != "attribute_name" && !TABLE_VERBS.contains(&key.as_str()) {
                    errors.at(
                        db,
                        at,
                        format!("Invalid attribute permission key value '{key}'"),
                    );
                }
            }
            let name = match a.get("attribute_name") {
                None | Some(Value::Null) => {
                    errors.at(
                        db,
                        at,
                        "Permission object in 'attribute_permission' missing an 'attribute_name'",
                    );
                    continue;
                }
                Some(n) => text(n),
            };
            if !shape.attributes.contains(&name) {
                errors.at(
                    db,
                    at,
                    format!("Invalid attribute '{name}' in 'attribute_permissions'"),
                );
                continue;
            }
            for (i, verb) in ATTRIBUTE_VERBS.iter().enumerate() {
                let upper = verb.to_uppercase();
                match a.get(*verb) {
                    None | Some(Value::Null) => errors.at(
                        db,
                        at,
                        format!("{upper} attribute permission missing for '{name}'"),
                    ),
                    Some(Value::Bool(b)) => granted[i] |= b,
                    Some(_) => errors.at(
                        db,
                        at,
                        format!("{upper} attribute permission for '{name}' must be a boolean"),
                    ),
                }
            }
        }
        let denied = |verb: &str| perms.get(verb) == Some(&Value::Bool(false));
        if (denied(Verb::Read.key()) && granted[0])
            || (denied(Verb::Insert.key()) && granted[1])
            || (denied(Verb::Update.key()) && granted[2])
        {
            errors.at(
                db,
                at,
                format!("You have a conflict with TABLE permissions for '{db}.{t}' being false and ATTRIBUTE permissions being true"),
            );
        }
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
            attributes: vec!["id".into(), "name".into()],
        };
        Schema {
            databases: BTreeMap::from([(
                "dev".to_owned(),
                BTreeMap::from([("dog".to_owned(), dog)]),
            )]),
        }
    }

    fn run(which: Which, body: Value) -> Result<(), Value> {
        check(body.as_object().unwrap(), which, &schema()).map_err(|e| {
            assert_eq!(e.status, 400);
            assert_eq!(e.body["error"], ROLE_PERMS_ERROR);
            e.body
        })
    }

    fn table(extra: Value) -> Value {
        let mut t = json!({"read": true, "insert": true, "update": true, "delete": false, "attribute_permissions": []});
        for (k, v) in extra.as_object().unwrap() {
            t[k] = v.clone();
        }
        json!({"operation": "add_role", "role": "dev", "permission": {"dev": {"tables": {"dog": t}}}})
    }

    #[test]
    fn a_good_role_passes() {
        assert_eq!(run(Which::Add, table(json!({}))), Ok(()));
        let attrs = json!({"attribute_permissions": [{"attribute_name": "name", "read": true, "insert": false, "update": true}]});
        assert_eq!(run(Which::Add, table(attrs)), Ok(()));
        let su =
            json!({"operation": "add_role", "role": "admins", "permission": {"super_user": true}});
        assert_eq!(run(Which::Add, su), Ok(()));
        let st = json!({"operation": "alter_role", "id": "x", "permission": {"structure_user": ["dev"]}});
        assert_eq!(run(Which::Alter, st), Ok(()));
    }

    #[test]
    fn the_body_fields_are_checked_like_validate_js() {
        let e = run(
            Which::Add,
            json!({"operation": "add_role", "junk": 1, "more": 2}),
        )
        .unwrap_err();
        assert_eq!(
            e["main_permissions"],
            json!([
                "Invalid keys in JSON body - 'junk', 'more'",
                "Role can't be blank",
                "Permission can't be blank"
            ])
        );
        let e = run(
            Which::Alter,
            json!({"operation": "alter_role", "role": "a b", "permission": 5}),
        )
        .unwrap_err();
        assert_eq!(
            e["main_permissions"],
            json!([
                "Role is invalid",
                "Id can't be blank",
                "Permission must be an object"
            ])
        );
        assert_eq!(e["schema_permissions"], json!({}));
    }

    #[test]
    fn super_and_cluster_users_hold_nothing_else() {
        let both = json!({"operation": "add_role", "role": "x", "permission": {"super_user": true, "cluster_user": true}});
        assert_eq!(
            run(Which::Add, both).unwrap_err()["main_permissions"],
            json!([
                "Roles cannot have both 'super_user' and 'cluster_user' values included in their permissions set."
            ])
        );
        let cu = json!({"operation": "add_role", "role": "x", "permission": {"cluster_user": true, "structure_user": true}});
        assert_eq!(
            run(Which::Add, cu).unwrap_err()["main_permissions"],
            json!(["Roles with 'cluster_user' set to true cannot have other permissions set."])
        );
        let s = json!({"operation": "add_role", "role": "x", "permission": {"super_user": "yes", "structure_user": "wut", "nope": {}}});
        assert_eq!(
            run(Which::Add, s).unwrap_err()["main_permissions"],
            json!([
                "Value for 'super_user' permission must be a boolean",
                "Value for 'structure_user' permission must be a boolean or Array",
                "database 'nope' does not exist"
            ])
        );
        let arr = json!({"operation": "add_role", "role": "x", "permission": {"structure_user": ["dev", "blah"]}});
        assert_eq!(
            run(Which::Add, arr).unwrap_err()["main_permissions"],
            json!(["database 'blah' does not exist"])
        );
    }

    #[test]
    fn table_errors_are_filed_under_the_table() {
        let e = run(
            Which::Add,
            table(
                json!({"read": "yes", "delete": null, "colour": true, "attribute_permissions": {}}),
            ),
        )
        .unwrap_err();
        assert_eq!(e["main_permissions"], json!([]));
        assert_eq!(
            e["schema_permissions"],
            json!({"dev_dog": [
                "Invalid table permission key value 'colour'",
                "Table READ permission must be a boolean",
                "Missing table DELETE permission",
                "Value for 'attribute_permissions' must be an array"
            ]})
        );
        let missing = json!({"operation": "add_role", "role": "x", "permission": {"dev": {"tables": {"dog": {}, "cat": {}}}}});
        let e = run(Which::Add, missing).unwrap_err();
        assert_eq!(
            e["main_permissions"],
            json!(["Table 'dev.cat' does not exist"])
        );
        assert_eq!(
            e["schema_permissions"]["dev_dog"],
            json!([
                "Missing table READ permission",
                "Missing table INSERT permission",
                "Missing table UPDATE permission",
                "Missing table DELETE permission",
                "Missing 'attribute_permissions' array"
            ])
        );
    }

    #[test]
    fn attribute_errors_are_filed_under_the_table() {
        let attrs = json!({"read": false, "attribute_permissions": [
            {"read": true},
            {"attribute_name": "colour", "read": true, "insert": true, "update": true},
            {"attribute_name": "name", "read": true, "insert": 1, "colour": 2},
        ]});
        let e = run(Which::Add, table(attrs)).unwrap_err();
        assert_eq!(
            e["schema_permissions"]["dev_dog"],
            json!([
                "Permission object in 'attribute_permission' missing an 'attribute_name'",
                "Invalid attribute 'colour' in 'attribute_permissions'",
                "Invalid attribute permission key value 'colour'",
                "INSERT attribute permission for 'name' must be a boolean",
                "UPDATE attribute permission missing for 'name'",
                "You have a conflict with TABLE permissions for 'dev.dog' being false and ATTRIBUTE permissions being true"
            ])
        );
    }

    #[test]
    fn odd_shapes_and_huge_permissions_are_refused() {
        let odd = json!({"operation": "add_role", "role": "x", "permission": {"dev": "all"}});
        assert_eq!(
            run(Which::Add, odd).unwrap_err()["schema_permissions"],
            json!({"dev": ["Value for 'dev' permission must be an object"]})
        );
        let names: Vec<Value> = (0..5000)
            .map(|i| json!({"attribute_name": "name", "read": true, "insert": true, "update": true, "n": i}))
            .collect();
        let big = table(json!({"attribute_permissions": names}));
        let e = run(Which::Add, big).unwrap_err();
        assert_eq!(e["schema_permissions"], json!({}));
        assert!(
            e["main_permissions"][0]
                .as_str()
                .unwrap()
                .ends_with(&format!("at most {MAX_PERMISSION_BYTES} are allowed")),
            "{e}"
        );
    }
}
