//! Databases and tables: create, drop, describe (spec 3.13). None of these
//! replicate.

use std::collections::BTreeMap;

use harper_rpc::ops::{AttributeDescription, DatabaseDescription, TableDescription, to_body};
use harper_rpc::{OpError, Request, TableRef};
use serde_json::Value;

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
    let mut out = BTreeMap::new();
    for db in node.store().databases()? {
        let tables = describe_db(node, &db)?;
        out.insert(db, tables);
    }
    Ok(to_body(&out))
}

pub fn describe_database(node: &Node, req: &Request) -> Result<Value, OpError> {
    let db = body::database(req)?;
    if !node.store().has_database(&db)? {
        return Err(OpError::not_found(format!(
            "database '{db}' does not exist"
        )));
    }
    Ok(to_body(&describe_db(node, &db)?))
}

pub fn describe_table(node: &Node, req: &Request) -> Result<Value, OpError> {
    let t = body::table_ref(req)?;
    let table = node.store().table(&t)?;
    Ok(to_body(&describe(
        &table,
        node.config().settings().database_level,
    )?))
}

fn describe_db(node: &Node, db: &str) -> Result<DatabaseDescription, OpError> {
    let mut out = DatabaseDescription::new();
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
pub fn describe(table: &Table, database_level: bool) -> Result<TableDescription, OpError> {
    let meta = table.meta();
    let stats = table.stats()?;
    let attributes = meta
        .attributes
        .iter()
        .map(|a| AttributeDescription {
            attribute: a.clone(),
            is_primary_key: (*a == meta.primary_key).then_some(true),
        })
        .collect();
    let name = table.name();
    Ok(TableDescription {
        schema: name.database.clone(),
        name: name.table.clone(),
        hash_attribute: meta.primary_key.clone(),
        audit: true,
        schema_defined: false,
        attributes,
        db_size: stats.bytes,
        clustering_stream_name: name.stream_name_at(database_level),
        record_count: stats.record_count,
        last_updated_record: stats.last_updated_ms,
    })
}
