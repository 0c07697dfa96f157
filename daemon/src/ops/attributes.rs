//! `create_attribute` and `drop_attribute` (HarperDB's `dataLayer/schema.js`):
//! a name added to a table's attributes, or taken out of the table and out of
//! every record of it. Neither replicates (a change of structure, spec 4.1).

use harper_rpc::{OpError, Request, TableRef};
use serde_json::Value;

use super::message;
use crate::config::Rule;
use crate::node::Node;

/// `database` / `schema` (database wins, default `data`), `table` and
/// `attribute`, checked as HarperDB's Joi schema for `drop_attribute`.
fn attribute_ref(req: &Request) -> Result<(TableRef, String), OpError> {
    let t = super::body::joi_table_ref(
        req,
        &[
            ("database", Rule::Str, false),
            ("schema", Rule::Str, false),
            ("table", Rule::Str, true),
            ("attribute", Rule::Str, true),
        ],
    )?;
    let attribute = req
        .get("attribute")
        .and_then(Value::as_str)
        .unwrap_or_default();
    Ok((t, attribute.to_owned()))
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
