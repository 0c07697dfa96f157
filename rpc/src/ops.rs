//! The operation catalogue: HarperDB's operation names with typed requests and
//! responses for the ones the CLI builds. Field names are HarperDB's exactly;
//! serialising a request gives the JSON body the operations API takes.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::{Request, Route};

/// A typed operation: its HarperDB name and the type of its success response.
pub trait Operation: Serialize {
    /// HarperDB's operation name, e.g. `cluster_set_routes`.
    const NAME: &'static str;
    /// The response body on success.
    type Response: DeserializeOwned;

    /// The request as a JSON object with `operation` set.
    fn to_request(&self) -> Request {
        let fields = serde_json::to_value(self).expect("operation requests serialise");
        crate::request(Self::NAME, fields)
    }
}

/// Every operation name the daemon knows, in catalogue order.
pub const OPERATIONS: &[&str] = &[
    "create_database",
    "create_schema",
    "drop_database",
    "drop_schema",
    "create_table",
    "drop_table",
    "describe_all",
    "describe_database",
    "describe_schema",
    "describe_table",
    "insert",
    "update",
    "upsert",
    "delete",
    "search_by_id",
    "search_by_hash",
    "search_by_value",
    "search_by_conditions",
    "add_user",
    "alter_user",
    "drop_user",
    "list_users",
    "list_roles",
    "user_info",
    "create_authentication_tokens",
    "refresh_operation_token",
    "get_configuration",
    "set_configuration",
    "cluster_set_routes",
    "cluster_get_routes",
    "cluster_delete_routes",
    "system_information",
    "csv_data_load",
    "csv_file_load",
    "get_job",
];

/// A response that is only `{"message": ...}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MessageResponse {
    /// HarperDB's message text.
    pub message: String,
}

/// `create_database`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CreateDatabase {
    /// Database name (default `data`).
    pub database: String,
}
impl Operation for CreateDatabase {
    const NAME: &'static str = "create_database";
    type Response = MessageResponse;
}

/// `drop_database`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DropDatabase {
    /// Database name.
    pub database: String,
}
impl Operation for DropDatabase {
    const NAME: &'static str = "drop_database";
    type Response = MessageResponse;
}

/// `create_table`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CreateTable {
    /// Database (created if missing).
    pub database: String,
    /// Table name.
    pub table: String,
    /// Primary key attribute (legacy `hash_attribute` is accepted by the daemon).
    pub primary_key: String,
}
impl Operation for CreateTable {
    const NAME: &'static str = "create_table";
    type Response = MessageResponse;
}

/// `drop_table`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DropTable {
    /// Database.
    pub database: String,
    /// Table.
    pub table: String,
}
impl Operation for DropTable {
    const NAME: &'static str = "drop_table";
    type Response = MessageResponse;
}

/// `describe_table`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DescribeTable {
    /// Database.
    pub database: String,
    /// Table.
    pub table: String,
}
impl Operation for DescribeTable {
    const NAME: &'static str = "describe_table";
    type Response = Value;
}

/// `describe_database`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DescribeDatabase {
    /// Database.
    pub database: String,
}
impl Operation for DescribeDatabase {
    const NAME: &'static str = "describe_database";
    type Response = Value;
}

/// `describe_all`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct DescribeAll {}
impl Operation for DescribeAll {
    const NAME: &'static str = "describe_all";
    type Response = Value;
}

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
    /// The operation name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Insert => "insert",
            Self::Update => "update",
            Self::Upsert => "upsert",
        }
    }
}

/// A write of records (`insert`/`update`/`upsert`); build with [`WriteRecords::request`].
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WriteRecords {
    /// Database.
    pub database: String,
    /// Table.
    pub table: String,
    /// The records, JSON objects.
    pub records: Vec<Value>,
}

impl WriteRecords {
    /// The request for `action`.
    pub fn request(&self, action: WriteAction) -> Request {
        crate::request(
            action.name(),
            serde_json::to_value(self).expect("serialise"),
        )
    }
}

/// `delete`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Delete {
    /// Database.
    pub database: String,
    /// Table.
    pub table: String,
    /// Primary key values.
    pub ids: Vec<Value>,
}
impl Operation for Delete {
    const NAME: &'static str = "delete";
    type Response = Value;
}

/// `search_by_id`.
#[derive(Debug, Clone, Serialize, Deserialize)]
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
impl Operation for SearchById {
    const NAME: &'static str = "search_by_id";
    type Response = Vec<Value>;
}

/// `search_by_value`.
#[derive(Debug, Clone, Serialize, Deserialize)]
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
impl Operation for SearchByValue {
    const NAME: &'static str = "search_by_value";
    type Response = Vec<Value>;
}

/// `add_user`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AddUser {
    /// Role name: `super_user` or `cluster_user`.
    pub role: String,
    /// User name (`[\w\-_]+`).
    pub username: String,
    /// Plain-text password (hashed with argon2 by the daemon, never logged).
    pub password: String,
    /// Whether the user may log in.
    pub active: bool,
}
impl Operation for AddUser {
    const NAME: &'static str = "add_user";
    type Response = MessageResponse;
}

/// `alter_user`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct AlterUser {
    /// User to change.
    pub username: String,
    /// New password.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    /// New role name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// New active flag.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
}
impl Operation for AlterUser {
    const NAME: &'static str = "alter_user";
    type Response = MessageResponse;
}

/// `drop_user`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DropUser {
    /// User to remove.
    pub username: String,
}
impl Operation for DropUser {
    const NAME: &'static str = "drop_user";
    type Response = MessageResponse;
}

/// `list_users`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ListUsers {}
impl Operation for ListUsers {
    const NAME: &'static str = "list_users";
    type Response = Vec<Value>;
}

/// `get_configuration`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct GetConfiguration {}
impl Operation for GetConfiguration {
    const NAME: &'static str = "get_configuration";
    type Response = Value;
}

/// Which route list: the hub (mesh) routes or the leaf routes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum RouteServer {
    /// `clustering.hubServer.cluster.network.routes`.
    #[default]
    Hub,
    /// `clustering.leafServer.network.routes`.
    Leaf,
}

/// `cluster_set_routes`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ClusterSetRoutes {
    /// Which list.
    pub server: RouteServer,
    /// Routes to add.
    pub routes: Vec<Route>,
}
/// Answer of `cluster_set_routes`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SetRoutesResponse {
    /// `cluster routes successfully set`.
    pub message: String,
    /// Routes added.
    pub set: Vec<Route>,
    /// Routes already present in either list.
    pub skipped: Vec<Route>,
}
impl Operation for ClusterSetRoutes {
    const NAME: &'static str = "cluster_set_routes";
    type Response = SetRoutesResponse;
}

/// `cluster_get_routes`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ClusterGetRoutes {}
/// Answer of `cluster_get_routes`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GetRoutesResponse {
    /// Hub routes.
    pub hub: Vec<Route>,
    /// Leaf routes.
    pub leaf: Vec<Route>,
}
impl Operation for ClusterGetRoutes {
    const NAME: &'static str = "cluster_get_routes";
    type Response = GetRoutesResponse;
}

/// `cluster_delete_routes`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ClusterDeleteRoutes {
    /// Routes to remove from whichever list holds them.
    pub routes: Vec<Route>,
}
/// Answer of `cluster_delete_routes`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeleteRoutesResponse {
    /// `cluster routes successfully deleted`.
    pub message: String,
    /// Routes removed.
    pub deleted: Vec<Route>,
    /// Routes not found.
    pub skipped: Vec<Route>,
}
impl Operation for ClusterDeleteRoutes {
    const NAME: &'static str = "cluster_delete_routes";
    type Response = DeleteRoutesResponse;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_carry_operation_and_harperdb_field_names() {
        let req = ClusterSetRoutes {
            server: RouteServer::Hub,
            routes: vec!["10.0.0.5:9932".parse().unwrap()],
        }
        .to_request();
        assert_eq!(
            serde_json::to_string(&req).unwrap(),
            r#"{"operation":"cluster_set_routes","server":"hub","routes":[{"host":"10.0.0.5","port":9932}]}"#
        );
    }
}
