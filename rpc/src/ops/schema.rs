//! Databases and tables (spec 3.13): create, drop, describe.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::MessageResponse;

/// `create_database`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateDatabase {
    /// Database name (default `data`).
    pub database: String,
}

/// `drop_database`: the database and its tables (not replicated).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DropDatabase {
    /// Database name.
    pub database: String,
}

/// `create_table`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateTable {
    /// Database (created if missing).
    pub database: String,
    /// Table name.
    pub table: String,
    /// Primary key attribute (legacy `hash_attribute` is accepted by the daemon).
    pub primary_key: String,
}

/// `drop_table` (not replicated).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DropTable {
    /// Database.
    pub database: String,
    /// Table.
    pub table: String,
}

/// `describe_table`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DescribeTable {
    /// Database.
    pub database: String,
    /// Table.
    pub table: String,
}

/// `describe_database`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DescribeDatabase {
    /// Database.
    pub database: String,
}

no_fields! {
    /// `describe_all`: every database and its tables.
    DescribeAll;
}

operation! {
    CreateDatabase => CreateDatabase, MessageResponse;
    DropDatabase => DropDatabase, MessageResponse;
    CreateTable => CreateTable, MessageResponse;
    DropTable => DropTable, MessageResponse;
    DescribeTable => DescribeTable, TableDescription;
    DescribeDatabase => DescribeDatabase, DatabaseDescription;
    DescribeAll => DescribeAll, BTreeMap<String, DatabaseDescription>;
}

/// A database's tables by name (names sort as the daemon lists them).
pub type DatabaseDescription = BTreeMap<String, TableDescription>;

/// A table as HarperDB describes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TableDescription {
    /// Database.
    pub schema: String,
    /// Table name.
    pub name: String,
    /// Primary key attribute.
    pub hash_attribute: String,
    /// Whether writes are kept in an audit log (always, as HarperDB's default).
    pub audit: bool,
    /// Whether the attributes are fixed by a schema (never here).
    pub schema_defined: bool,
    /// Attributes seen in records, the primary key marked.
    pub attributes: Vec<AttributeDescription>,
    /// Bytes of the table's records and stream.
    pub db_size: u64,
    /// HarperDB's stream name for the table (md5 of `database.table`).
    pub clustering_stream_name: String,
    /// Live records.
    pub record_count: u64,
    /// Newest record version, ms since the epoch (none for an empty table).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_updated_record: Option<f64>,
}

/// One attribute of a [`TableDescription`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttributeDescription {
    /// Attribute name.
    pub attribute: String,
    /// `true` on the primary key (left out on the others).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_primary_key: Option<bool>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::Operation;

    #[test]
    fn schema_requests_use_harperdbs_field_names() {
        let op = CreateTable {
            database: "dev".into(),
            table: "dog".into(),
            primary_key: "id".into(),
        };
        assert_eq!(
            serde_json::to_string(&op.to_request()).unwrap(),
            r#"{"operation":"create_table","database":"dev","table":"dog","primary_key":"id"}"#
        );
        let op = DropDatabase {
            database: "dev".into(),
        };
        assert_eq!(
            serde_json::to_string(&op.to_request()).unwrap(),
            r#"{"operation":"drop_database","database":"dev"}"#
        );
        assert_eq!(
            serde_json::to_string(&DescribeAll {}.to_request()).unwrap(),
            r#"{"operation":"describe_all"}"#
        );
    }

    #[test]
    fn descriptions_read_the_daemons_bodies() {
        let dog = r#"{"schema":"dev","name":"dog","hash_attribute":"id","audit":true,"schema_defined":false,"attributes":[{"attribute":"id","is_primary_key":true},{"attribute":"name"}],"db_size":10,"clustering_stream_name":"abc","record_count":1,"last_updated_record":1700000000000.25}"#;
        let empty = r#"{"schema":"dev","name":"cat","hash_attribute":"id","audit":true,"schema_defined":false,"attributes":[],"db_size":0,"clustering_stream_name":"def","record_count":0}"#;
        let all = format!(r#"{{"data":{{}},"dev":{{"cat":{empty},"dog":{dog}}}}}"#);
        let r: BTreeMap<String, DatabaseDescription> = serde_json::from_str(&all).unwrap();
        assert_eq!(r["dev"]["dog"].attributes[0].is_primary_key, Some(true));
        assert_eq!(serde_json::to_string(&r).unwrap(), all);
    }
}
