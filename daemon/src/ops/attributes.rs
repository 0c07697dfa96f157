//! `create_attribute` and `drop_attribute` (HarperDB's `dataLayer/schema.js`):
//! a name added to a table's attributes, or taken out of the table and out of
//! every record of it. Neither replicates (a change of structure, spec 4.1).

use harper_rpc::{DEFAULT_DATABASE, OpError, Request, TableRef};
use serde_json::Value;

use super::message;
use crate::config::{Checker, Null, Obj, Rule};
use crate::node::Node;

/// `database` / `schema` (database wins, default `data`), `table` and
/// `attribute`, checked as HarperDB's Joi schema for `drop_attribute`.
fn attribute_ref(req: &Request) -> Result<(TableRef, String), OpError> {
    let mut check = Checker::default();
    let root = Obj::root(req);
    for key in ["database", "schema", "table", "attribute"] {
        let required = matches!(key, "table" | "attribute");
        check.field(&root, key, Rule::Str, required, Null::Checked);
    }
    if !check.is_ok() {
        return Err(OpError::bad_request(check.message()));
    }
    let text = |key: &str| req.get(key).and_then(Value::as_str);
    let database = text("database")
        .or_else(|| text("schema"))
        .unwrap_or(DEFAULT_DATABASE);
    let table = TableRef::new(database, text("table").unwrap_or_default());
    Ok((table, text("attribute").unwrap_or_default().to_owned()))
}

/// `create_attribute`: `attribute 'db.table.attr' successfully created.`
pub async fn create_attribute(node: &Node, req: &Request) -> Result<Value, OpError> {
    let (t, attribute) = attribute_ref(req)?;
    let answer = format!(
        "attribute '{}.{}.{attribute}' successfully created.",
        t.database, t.table
    );
    node.store()
        .commit(move |s| s.create_attribute(&t, &attribute))
        .await?;
    Ok(message(answer))
}

/// `drop_attribute`: the attribute leaves the table and every record, which
/// keep their versions.
pub async fn drop_attribute(node: &Node, req: &Request) -> Result<Value, OpError> {
    let (t, attribute) = attribute_ref(req)?;
    let answer = format!("successfully deleted attribute '{attribute}'");
    node.store()
        .commit(move |s| s.drop_attribute(&t, &attribute))
        .await?;
    Ok(message(answer))
}
