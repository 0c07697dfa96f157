//! NoSQL operations (spec 3.14): `insert`, `update`, `upsert`, `delete`,
//! `search_by_id`, `search_by_value` and `search_by_conditions`. Records are
//! JSON objects of any shape, so they stay [`Value`]s.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// `insert`, `update` or `upsert`: which write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WriteAction {
    /// Skip records whose key exists.
    Insert,
    /// Merge into existing records; skip missing ones.
    Update,
    /// Write whole records whether or not they exist.
    Upsert,
}

impl WriteAction {
    /// The write operation.
    pub fn op(self) -> crate::catalogue::Op {
        use crate::catalogue::Op;
        match self {
            Self::Insert => Op::Insert,
            Self::Update => Op::Update,
            Self::Upsert => Op::Upsert,
        }
    }

    /// The write operation named `name` (`insert`, `update`, `upsert`).
    pub fn from_name(name: &str) -> Option<WriteAction> {
        [Self::Insert, Self::Update, Self::Upsert]
            .into_iter()
            .find(|a| a.op().name() == name)
    }

    /// The operation name.
    pub fn name(self) -> &'static str {
        self.op().name()
    }
}

/// The body of a write of records (`insert`/`update`/`upsert`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WriteRecords {
    /// Database.
    pub database: String,
    /// Table.
    pub table: String,
    /// The records, JSON objects.
    pub records: Vec<Value>,
}

/// `insert`: records whose primary key exists are skipped.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Insert(pub WriteRecords);

/// `update`: merged into existing records; missing ones are skipped.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Update(pub WriteRecords);

/// `upsert`: written whether or not they exist.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Upsert(pub WriteRecords);

/// `delete`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Delete {
    /// Database.
    pub database: String,
    /// Table.
    pub table: String,
    /// Primary key values.
    pub ids: Vec<Value>,
}

/// `search_by_id` (also `search_by_hash`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchById {
    /// Database.
    pub database: String,
    /// Table.
    pub table: String,
    /// Primary key values.
    pub ids: Vec<Value>,
    /// Attributes to return; `["*"]` for all.
    pub get_attributes: Vec<String>,
}

/// `search_by_value`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchByValue {
    /// Database.
    pub database: String,
    /// Table.
    pub table: String,
    /// Attribute to match.
    pub search_attribute: String,
    /// Value; strings may contain `*` wildcards.
    pub search_value: Value,
    /// Attributes to return; `["*"]` for all.
    pub get_attributes: Vec<String>,
}

/// `search_by_conditions`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchByConditions {
    /// Database.
    pub database: String,
    /// Table.
    pub table: String,
    /// `and` (default) or `or`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operator: Option<String>,
    /// Records to skip.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<u64>,
    /// Most records to return.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u64>,
    /// `{attribute, descending}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sort: Option<Value>,
    /// Attributes to return; `["*"]` for all.
    pub get_attributes: Vec<String>,
    /// `{search_attribute, search_type, search_value}` objects, or nested
    /// `{operator, conditions}` groups.
    pub conditions: Vec<Value>,
}

operation! {
    Insert => Insert, InsertResponse;
    Update => Update, UpdateResponse;
    Upsert => Upsert, UpsertResponse;
    Delete => Delete, DeleteResponse;
    SearchById => SearchById, Vec<Value>;
    SearchByValue => SearchByValue, Vec<Value>;
    SearchByConditions => SearchByConditions, Vec<Value>;
}

/// The answer of `insert`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InsertResponse {
    /// `inserted N of M records`.
    pub message: String,
    /// Primary keys written.
    pub inserted_hashes: Vec<Value>,
    /// Primary keys that existed already.
    pub skipped_hashes: Vec<Value>,
}

/// The answer of `update` (and of `alter_user`, which updates one user).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UpdateResponse {
    /// `updated N of M records`.
    pub message: String,
    /// Primary keys written.
    pub update_hashes: Vec<Value>,
    /// Primary keys that did not exist.
    pub skipped_hashes: Vec<Value>,
}

/// The answer of `upsert`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UpsertResponse {
    /// `upserted N of M records`.
    pub message: String,
    /// Primary keys written.
    pub upserted_hashes: Vec<Value>,
}

/// The answer of `delete`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeleteResponse {
    /// `N of M records successfully deleted`.
    pub message: String,
    /// Primary keys deleted.
    pub deleted_hashes: Vec<Value>,
    /// Primary keys that did not exist.
    pub skipped_hashes: Vec<Value>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::Operation;
    use serde_json::json;

    #[test]
    fn writes_carry_their_operation_and_records() {
        let body = WriteRecords {
            database: "dev".into(),
            table: "dog".into(),
            records: vec![json!({"id": 1})],
        };
        assert_eq!(
            serde_json::to_string(&Upsert(body.clone()).to_request()).unwrap(),
            r#"{"operation":"upsert","database":"dev","table":"dog","records":[{"id":1}]}"#
        );
        assert_eq!(Insert::NAME, WriteAction::Insert.name());
        assert_eq!(Update::NAME, WriteAction::Update.name());
        assert_eq!(Upsert::NAME, WriteAction::Upsert.name());
        let op = SearchByValue {
            database: "dev".into(),
            table: "dog".into(),
            search_attribute: "name".into(),
            search_value: json!("P*"),
            get_attributes: vec!["*".into()],
        };
        assert_eq!(
            serde_json::to_string(&op.to_request()).unwrap(),
            r#"{"operation":"search_by_value","database":"dev","table":"dog","search_attribute":"name","search_value":"P*","get_attributes":["*"]}"#
        );
        let op = SearchByConditions {
            database: "dev".into(),
            table: "dog".into(),
            operator: None,
            offset: None,
            limit: Some(2),
            sort: None,
            get_attributes: vec!["*".into()],
            conditions: vec![
                json!({"search_attribute": "age", "search_type": "greater_than", "search_value": 1}),
            ],
        };
        assert_eq!(
            serde_json::to_string(&op.to_request()).unwrap(),
            r#"{"operation":"search_by_conditions","database":"dev","table":"dog","limit":2,"get_attributes":["*"],"conditions":[{"search_attribute":"age","search_type":"greater_than","search_value":1}]}"#
        );
    }

    #[test]
    fn write_answers_read_the_daemons_bodies() {
        let body =
            r#"{"message":"inserted 1 of 2 records","inserted_hashes":[1],"skipped_hashes":["a"]}"#;
        let r: InsertResponse = serde_json::from_str(body).unwrap();
        assert_eq!(serde_json::to_string(&r).unwrap(), body);
        let body = r#"{"message":"upserted 1 of 1 records","upserted_hashes":[1]}"#;
        let r: UpsertResponse = serde_json::from_str(body).unwrap();
        assert_eq!(serde_json::to_string(&r).unwrap(), body);
        let body = r#"{"message":"1 of 1 record successfully deleted","deleted_hashes":[1],"skipped_hashes":[]}"#;
        let r: DeleteResponse = serde_json::from_str(body).unwrap();
        assert_eq!(serde_json::to_string(&r).unwrap(), body);
    }
}
