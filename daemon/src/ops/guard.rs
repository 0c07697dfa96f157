//! The one check that clustering operations make before they run (spec 3.1,
//! `checkClusteringEnabled`), and the running mesh they then use.

use harper_rpc::OpError;

use crate::cluster::ClusterState;
use crate::mesh::Mesh;
use crate::node::Node;

/// HarperDB's refusal for clustering operations while clustering is off.
pub const NOT_ENABLED: &str = "Clustering must be enabled to perform this operation.";

/// 400 [`NOT_ENABLED`] unless the running configuration has clustering on.
pub fn clustering_enabled(node: &Node) -> Result<(), OpError> {
    if node.config().settings().clustering_enabled {
        Ok(())
    } else {
        Err(OpError::bad_request(NOT_ENABLED))
    }
}

/// The running mesh: 400 [`NOT_ENABLED`] when clustering is off, 500 naming
/// why when it is on but did not start (or has not started yet).
pub fn running_mesh(node: &Node) -> Result<Mesh, OpError> {
    clustering_enabled(node)?;
    match node.cluster().state() {
        ClusterState::Running(mesh) => Ok(mesh),
        ClusterState::Failed(why) => Err(OpError::internal(format!(
            "clustering is enabled but not running on this node: {why}"
        ))),
        ClusterState::Disabled => Err(OpError::internal(
            "clustering is enabled but not running on this node (see `harper cluster status`)",
        )),
    }
}
