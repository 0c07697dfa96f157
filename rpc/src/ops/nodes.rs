//! Subscription operations (spec 3.5-3.8): `add_node`, `update_node` /
//! `set_node_replication`, `remove_node` and `configure_cluster`.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::MessageResponse;

/// One table's flags with a node, as a request gives them. The flags are
/// this node's view: `publish` sends local writes to the other node.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubscriptionRequest {
    /// Database (HarperDB also takes the legacy `schema`; default `data`).
    pub database: String,
    /// Table.
    pub table: String,
    /// Local writes on the table go to the node.
    pub publish: bool,
    /// The node's writes on the table are applied here.
    pub subscribe: bool,
    /// Start new consumers at this time (ISO 8601) instead of now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_time: Option<String>,
}

/// `add_node`: register a node and subscriptions with it, on both sides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddNode {
    /// The other node.
    pub node_name: String,
    /// At least one; each with `publish` and/or `subscribe` true.
    pub subscriptions: Vec<SubscriptionRequest>,
}

/// `update_node`: change subscriptions with a node (adding it if needed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateNode {
    /// The other node.
    pub node_name: String,
    /// The tables to set; others stay as they are.
    pub subscriptions: Vec<SubscriptionRequest>,
}

/// `set_node_replication`: `update_node` under its newer name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetNodeReplication {
    /// The other node.
    pub node_name: String,
    /// The tables to set; others stay as they are.
    pub subscriptions: Vec<SubscriptionRequest>,
}

/// `remove_node`: forget a node and its subscriptions, on both sides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemoveNode {
    /// The other node.
    pub node_name: String,
}

/// `configure_cluster`: remove every node, then add each connection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConfigureCluster {
    /// `{node_name, subscriptions}` objects, as `add_node` takes them. They
    /// are passed as written (a file's YAML or JSON) so that the daemon's
    /// validation names what is wrong in HarperDB's words.
    pub connections: Vec<Value>,
}

operation! {
    AddNode => AddNode, AddNodeResponse;
    UpdateNode => UpdateNode, UpdateNodeResponse;
    SetNodeReplication => UpdateNode, UpdateNodeResponse;
    RemoveNode => RemoveNode, MessageResponse;
    ConfigureCluster => ConfigureCluster, ConfigureClusterResponse;
}

/// A subscription as a node record holds it (`cluster_status` lists them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NodeSubscription {
    /// Database (HarperDB calls it `schema` in node records).
    pub schema: String,
    /// Table.
    pub table: String,
    /// Local writes on the table go to the remote node.
    pub publish: bool,
    /// The remote node's writes on the table are applied here.
    pub subscribe: bool,
}

impl NodeSubscription {
    /// The table it is about.
    pub fn table_ref(&self) -> crate::TableRef {
        crate::TableRef::new(&self.schema, &self.table)
    }
}

/// An accepted subscription in the answer of `add_node` / `update_node`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubscriptionItem {
    /// Database.
    pub schema: String,
    /// Table.
    pub table: String,
    /// As requested.
    pub publish: bool,
    /// As requested.
    pub subscribe: bool,
    /// As requested (echoed as sent), when it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_time: Option<Value>,
}

/// The answer of `add_node`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AddNodeResponse {
    /// `Successfully added '<node>' to manifest`, or why some or none were.
    pub message: String,
    /// The subscriptions made.
    pub added: Vec<SubscriptionItem>,
    /// Subscriptions whose table exists on neither node, exactly as sent.
    pub skipped: Vec<Value>,
}

/// The answer of `update_node` and `set_node_replication`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UpdateNodeResponse {
    /// `Successfully updated '<node>'`, or why some or none were.
    pub message: String,
    /// The subscriptions set.
    pub updated: Vec<SubscriptionItem>,
    /// Subscriptions whose table exists on neither node, exactly as sent.
    pub skipped: Vec<Value>,
}

/// The answer of `configure_cluster`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConfigureClusterResponse {
    /// `Configure cluster complete.`, or that it partly succeeded.
    pub message: String,
    /// Nodes that could not be removed or added (only when some failed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failed_nodes: Option<Vec<String>>,
    /// The nodes added, each with its `add_node` answer.
    pub connections: Vec<ConfiguredNode>,
}

/// One node `configure_cluster` added.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConfiguredNode {
    /// The node.
    pub node_name: String,
    /// Its `add_node` answer.
    pub subscriptions: AddNodeResponse,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::{Operation, to_body};

    #[test]
    fn node_requests_use_harperdbs_field_names() {
        let op = AddNode {
            node_name: "B".into(),
            subscriptions: vec![SubscriptionRequest {
                database: "data".into(),
                table: "dog".into(),
                publish: true,
                subscribe: false,
                start_time: None,
            }],
        };
        assert_eq!(
            serde_json::to_string(&op.to_request()).unwrap(),
            r#"{"operation":"add_node","node_name":"B","subscriptions":[{"database":"data","table":"dog","publish":true,"subscribe":false}]}"#
        );
        let op = SetNodeReplication {
            node_name: "B".into(),
            subscriptions: vec![SubscriptionRequest {
                start_time: Some("2022-09-02T00:00:00.000Z".into()),
                ..op.subscriptions[0].clone()
            }],
        };
        assert_eq!(
            serde_json::to_string(&op.to_request()).unwrap(),
            // set_node_replication is update_node's alias: one operation.
            r#"{"operation":"update_node","node_name":"B","subscriptions":[{"database":"data","table":"dog","publish":true,"subscribe":false,"start_time":"2022-09-02T00:00:00.000Z"}]}"#
        );
        let op = RemoveNode {
            node_name: "B".into(),
        };
        assert_eq!(
            serde_json::to_string(&op.to_request()).unwrap(),
            r#"{"operation":"remove_node","node_name":"B"}"#
        );
    }

    #[test]
    fn node_answers_read_the_daemons_bodies() {
        let added = r#"{"message":"Successfully added 'B' to manifest","added":[{"schema":"data","table":"dog","publish":true,"subscribe":false,"start_time":"2022-09-02"}],"skipped":[{"database":"x","table":"y","publish":true,"subscribe":true}]}"#;
        let r: AddNodeResponse = serde_json::from_str(added).unwrap();
        assert_eq!(serde_json::to_string(&to_body(&r)).unwrap(), added);
        let updated = r#"{"message":"Successfully updated 'B'","updated":[],"skipped":[]}"#;
        let r: UpdateNodeResponse = serde_json::from_str(updated).unwrap();
        assert_eq!(serde_json::to_string(&r).unwrap(), updated);
        let partial = format!(
            r#"{{"message":"partly","failed_nodes":["C"],"connections":[{{"node_name":"B","subscriptions":{added}}}]}}"#
        );
        let r: ConfigureClusterResponse = serde_json::from_str(&partial).unwrap();
        assert_eq!(serde_json::to_string(&r).unwrap(), partial);
        let done = r#"{"message":"Configure cluster complete.","connections":[]}"#;
        let r: ConfigureClusterResponse = serde_json::from_str(done).unwrap();
        assert_eq!(serde_json::to_string(&r).unwrap(), done);
    }
}
