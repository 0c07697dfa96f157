//! Databases and tables: create, drop, describe (spec 3.13). None of these
//! replicate.

use harper_rpc::{OpError, Request, TableRef};
use serde_json::{Map, Value, json};

use super::body;
use super::message;
use crate::node::Node;
use crate::store::Table;

pub fn create_database(node: &Node, req: &Request) -> Result<Value, OpError> {
    let db = body::database(req)?;
    node.store().create_database(&db)?;
    Ok(message(format!("database '{db}' successfully created")))
}

pub fn drop_database(node: &Node, req: &Request) -> Result<Value, OpError> {
    let db = match req.get("database").or_else(|| req.get("schema")) {
        Some(Value::String(s)) if !s.is_empty() => s.clone(),
        _ => return Err(OpError::bad_request("database is required")),
    };
    node.store().drop_database(&db)?;
    Ok(message(format!("successfully deleted '{db}'")))
}

pub fn create_table(node: &Node, req: &Request) -> Result<Value, OpError> {
    let db = body::database(req)?;
    let table = match req.get("table") {
        Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
        _ => None,
    };
    let pk = match req.get("primary_key").or_else(|| req.get("hash_attribute")) {
        Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
        _ => None,
    };
    let mut errors = Vec::new();
    if table.is_none() {
        errors.push("Table is required");
    }
    if pk.is_none() {
        errors.push("Hash attribute can't be blank");
    }
    let (Some(table), Some(pk)) = (table, pk) else {
        return Err(OpError::bad_request(errors.join(",")));
    };
    let t = TableRef::new(db, table);
    node.store().create_table(&t, &pk)?;
    Ok(message(format!("table '{t}' successfully created.")))
}

pub fn drop_table(node: &Node, req: &Request) -> Result<Value, OpError> {
    let t = body::table_ref(req)?;
    node.store().drop_table(&t)?;
    Ok(message(format!("successfully deleted table '{t}'")))
}

pub fn describe_all(node: &Node) -> Result<Value, OpError> {
    let mut out = Map::new();
    for db in node.store().databases()? {
        out.insert(db.clone(), Value::Object(describe_db(node, &db)?));
    }
    Ok(Value::Object(out))
}

pub fn describe_database(node: &Node, req: &Request) -> Result<Value, OpError> {
    let db = body::database(req)?;
    if !node.store().has_database(&db)? {
        return Err(OpError::not_found(format!(
            "database '{db}' does not exist"
        )));
    }
    Ok(Value::Object(describe_db(node, &db)?))
}

pub fn describe_table(node: &Node, req: &Request) -> Result<Value, OpError> {
    let t = body::table_ref(req)?;
    let table = node.store().table(&t)?;
    describe(&table, node.config().settings().database_level)
}

fn describe_db(node: &Node, db: &str) -> Result<Map<String, Value>, OpError> {
    let mut out = Map::new();
    let database_level = node.config().settings().database_level;
    for table in node.store().tables() {
        if table.name().database == db {
            out.insert(
                table.name().table.clone(),
                describe(&table, database_level)?,
            );
        }
    }
    Ok(out)
}

/// A table object as HarperDB describes it (its stream named per
/// `clustering.databaseLevel`, `database_level`).
pub fn describe(table: &Table, database_level: bool) -> Result<Value, OpError> {
    let meta = table.meta();
    let stats = table.stats()?;
    let attributes: Vec<Value> = meta
        .attributes
        .iter()
        .map(|a| {
            if *a == meta.primary_key {
                json!({"attribute": a, "is_primary_key": true})
            } else {
                json!({"attribute": a})
            }
        })
        .collect();
    let name = table.name();
    let mut out = json!({
        "schema": name.database,
        "name": name.table,
        "hash_attribute": meta.primary_key,
        "audit": true,
        "schema_defined": false,
        "attributes": attributes,
        "db_size": stats.bytes,
        "clustering_stream_name": name.stream_name_at(database_level),
        "record_count": stats.record_count,
    });
    if let Some(ms) = stats.last_updated_ms {
        out["last_updated_record"] = json!(ms);
    }
    Ok(out)
}
