//! `cluster_describe_node` (ours): another node's databases and tables, as
//! the replication layer already asks for them through the mesh (`__schema`)
//! when a subscription is added. The CLI's subscription picker lists the far
//! side's tables with it; HarperDB Studio learns them by logging in to every
//! instance, which a node's operator need not be able to do.

use std::time::Duration;

use harper_rpc::{OpError, Request};
use serde_json::{Value, json};

use super::body::required_str;
use super::guard::running_mesh;
use crate::node::Node;
use crate::replication::wire;

/// How long the other node has to answer: a person is waiting at a picker.
const DESCRIBE_DEADLINE: Duration = Duration::from_secs(5);

pub async fn describe_node(node: &Node, req: &Request) -> Result<Value, OpError> {
    let name = required_str(req, "node_name", "'node_name'")?;
    let mesh = running_mesh(node)?;
    if node.config().settings().node_name.as_deref() == Some(name.as_str()) {
        return Err(OpError::bad_request(
            "'node_name' is this node: use describe_all",
        ));
    }
    mesh.request(&name, json!({"operation": wire::SCHEMA}), DESCRIBE_DEADLINE)
        .await
        .map_err(|e| OpError::internal(format!("node '{name}' did not describe its tables: {e}")))
}
