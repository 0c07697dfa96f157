//! Clustering operations: `cluster_network` and `cluster_status` (spec 3.9,
//! 3.10), and our own `cluster_enable`, `cluster_disable` and
//! `cluster_mesh_status`, which turn clustering on and off live and show every
//! link, route and refusal.

use std::time::Duration;

use harper_rpc::ops::{
    ClusterEnableResponse, ClusterNetworkResponse, ClusteringState, MeshStatusResponse,
    NetworkNode, to_body,
};
use harper_rpc::{NodeName, OpError, Request};
use serde_json::{Value, json};

use super::guard::{clustering_enabled, running_mesh};
use super::message;
use crate::cluster::{ClusterState, invalid_cluster_user};
use crate::config::{self, Checker, Null, Obj, Rule, as_bool, as_f64, table};
use crate::node::Node;
use crate::store::users::CLUSTER_USER;

/// `cluster_network`'s default wait for answers, ms.
const NETWORK_TIMEOUT_MS: u64 = 2000;
/// The longest wait `cluster_network` takes, ms: a larger `timeout` is cut to
/// it (HarperDB waits as long as asked; a node answers a ping in
/// milliseconds, and a request must not hold a task for hours).
const MAX_NETWORK_TIMEOUT_MS: u64 = 60_000;

/// How long `cluster_network` waits: `timeout` ms (checked), by default
/// [`NETWORK_TIMEOUT_MS`], at most [`MAX_NETWORK_TIMEOUT_MS`].
fn network_wait(req: &Request) -> Duration {
    let ms = req
        .get("timeout")
        .and_then(as_f64)
        .unwrap_or(NETWORK_TIMEOUT_MS as f64)
        .min(MAX_NETWORK_TIMEOUT_MS as f64);
    Duration::from_micros((ms * 1000.0) as u64)
}

pub async fn cluster_network(node: &Node, req: &Request) -> Result<Value, OpError> {
    clustering_enabled(node)?;
    // Joi's schema: `timeout` a number >= 1, the flags booleans (`"false"`
    // converts; `null` is not a boolean). An absent flag includes its field;
    // HarperDB then casts the value as sent, so only true or "true" (any
    // case) includes it.
    let mut check = Checker::default();
    let root = Obj::root(req);
    let number = Rule::Number {
        min: 1.0,
        max: None,
        integer: false,
    };
    check.field(&root, "timeout", number, false, Null::Checked);
    check.field(&root, "connected_nodes", Rule::Bool, false, Null::Checked);
    check.field(&root, "routes", Rule::Bool, false, Null::Checked);
    if !check.is_ok() {
        return Err(OpError::bad_request(check.message()));
    }
    let wait = network_wait(req);
    let flag = |name: &str| req.get(name).is_none_or(|v| as_bool(v) == Some(true));
    let with_connected = flag("connected_nodes");
    let with_routes = flag("routes");
    let mesh = running_mesh(node)?;
    let members = mesh.members();
    let pings = members.iter().map(|m| {
        let mesh = mesh.clone();
        let name = m.name.clone();
        async move { mesh.ping(&name, wait).await.ok() }
    });
    let rtts = futures::future::join_all(pings).await;
    let nodes = members
        .into_iter()
        .zip(rtts)
        .filter_map(|(m, rtt)| {
            let rtt = rtt?;
            let mut peers = m.links;
            peers.dedup();
            Some(NetworkNode {
                name: m.name,
                response_time: (rtt.as_secs_f64() * 1000.0 * 1000.0).round() / 1000.0,
                connected_nodes: with_connected.then_some(peers),
                routes: with_routes.then_some(m.routes),
            })
        })
        .collect();
    Ok(to_body(&ClusterNetworkResponse { nodes }))
}

pub fn mesh_status(node: &Node) -> Result<Value, OpError> {
    Ok(to_body(&mesh_state(node)))
}

/// `cluster_mesh_status`'s answer.
fn mesh_state(node: &Node) -> MeshStatusResponse {
    let settings = node.config().settings();
    let (state, error, mesh) = match node.cluster().state() {
        ClusterState::Disabled => (ClusteringState::Disabled, None, None),
        ClusterState::Failed(why) => (ClusteringState::Failed, Some(why), None),
        ClusterState::Running(m) => (ClusteringState::Running, None, Some(m.status())),
    };
    MeshStatusResponse {
        node_name: settings.node_name,
        is_enabled: settings.clustering_enabled,
        state,
        error,
        cluster_name: settings.cluster_name,
        cluster_port: settings.cluster_port,
        mesh,
    }
}

/// `cluster_enable {node_name?, cluster_user?, cluster_password?}`: check or
/// create the cluster user, keep its password for the handshake, name the node
/// and turn clustering on, live.
pub async fn cluster_enable(node: &Node, req: &Request) -> Result<Value, OpError> {
    let settings = node.config().settings();
    let node_name = match req.get("node_name") {
        Some(Value::String(n)) => Some(n.clone()),
        None | Some(Value::Null) => settings.node_name.clone(),
        Some(_) => return Err(OpError::bad_request("'node_name' must be a string")),
    };
    let Some(node_name) = node_name else {
        return Err(OpError::bad_request(
            "HarperDB config file validation error: 'clustering.nodeName' is required",
        ));
    };
    if !NodeName::is_valid(&node_name) {
        return Err(OpError::bad_request(
            "'node_name' invalid, must not contain ., * or >",
        ));
    }
    if settings.node_name.as_deref() != Some(node_name.as_str()) {
        refuse_rename_with_subscriptions(node)?;
    }
    let user_name = match req.get("cluster_user") {
        Some(Value::String(u)) if !u.is_empty() => u.clone(),
        None | Some(Value::Null) => settings
            .cluster_user
            .clone()
            .unwrap_or_else(|| CLUSTER_USER.to_owned()),
        Some(_) => return Err(OpError::bad_request("'cluster_user' must be a string")),
    };
    let password = match req.get("cluster_password") {
        Some(Value::String(p)) if !p.is_empty() => Some(p.clone()),
        None | Some(Value::Null) => None,
        Some(_) => return Err(OpError::bad_request("'cluster_password' must be a string")),
    };
    let keys = node.root().join("keys");
    let stored = crate::secrets::password(&keys, &user_name)
        .map_err(|e| OpError::internal(format!("cannot read the cluster credentials: {e}")))?;
    match node.store().user(&user_name)? {
        Some(u) => {
            if u.role != CLUSTER_USER || !u.active {
                return Err(OpError::bad_request(invalid_cluster_user(&user_name)));
            }
            match (&password, &stored) {
                (Some(p), _) => {
                    if super::logins::authenticate(node, &user_name, p)
                        .await
                        .is_none()
                    {
                        return Err(OpError::bad_request(format!(
                            "the password does not match cluster user '{user_name}' on this node"
                        )));
                    }
                }
                (None, Some(_)) => {}
                (None, None) => {
                    return Err(OpError::bad_request(format!(
                        "a password for cluster user '{user_name}' is required"
                    )));
                }
            }
        }
        None => {
            let Some(p) = &password else {
                return Err(OpError::bad_request(format!(
                    "cluster user '{user_name}' does not exist; a password is required to create it"
                )));
            };
            let body =
                json!({"role": CLUSTER_USER, "username": user_name, "password": p, "active": true});
            let Value::Object(body) = body else {
                unreachable!()
            };
            super::users::add_user(node, &body).await?;
        }
    }
    if let Some(p) = &password {
        crate::secrets::store(&keys, &user_name, Some(p))
            .map_err(|e| OpError::internal(format!("cannot store the cluster credentials: {e}")))?;
    }
    node.config().update(|doc| {
        config::set_key(doc, &table::ENABLED, json!(true));
        config::set_key(doc, &table::NODE_NAME, json!(node_name));
        config::set_key(doc, &table::USER, json!(user_name));
        Ok(())
    })?;
    node.reconcile_cluster().await;
    let state = mesh_state(node);
    if state.state == ClusteringState::Failed {
        return Err(OpError::internal(
            state
                .error
                .unwrap_or_else(|| "clustering failed to start".to_owned()),
        ));
    }
    Ok(to_body(&ClusterEnableResponse {
        message: format!("Clustering enabled on node '{node_name}'"),
        node_name,
        cluster_user: user_name,
        cluster_port: state.mesh.map(|m| m.listen),
    }))
}

pub async fn cluster_disable(node: &Node) -> Result<Value, OpError> {
    node.config().update(|doc| {
        config::set_key(doc, &table::ENABLED, json!(false));
        Ok(())
    })?;
    node.reconcile_cluster().await;
    Ok(message("Clustering disabled"))
}

/// A node name cannot change while subscriptions exist (spec 1.2).
pub fn refuse_rename_with_subscriptions(node: &Node) -> Result<(), OpError> {
    if node.store().has_subscriptions()? {
        return Err(OpError::bad_request(
            "the node name cannot change while subscriptions exist; remove the nodes first (harper node remove NAME)",
        ));
    }
    Ok(())
}

/// `renew_certs`: a new node certificate and key signed by this install's CA;
/// the mesh restarts at once to use them.
pub async fn renew_certs(node: &Node) -> Result<Value, OpError> {
    let keys = node.root().join("keys");
    let name = node.config().settings().node_name;
    tokio::task::spawn_blocking(move || crate::pki::renew(&keys, name.as_deref()))
        .await
        .map_err(|e| OpError::internal(e.to_string()))?
        .map_err(|e| OpError::internal(e.to_string()))?;
    if node.cluster().mesh().is_some() {
        node.cluster().reset();
        node.reconcile_cluster().await;
    }
    Ok(message("Successfully renewed self-signed certificates"))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn the_network_wait_is_capped() {
        let wait = |v: serde_json::Value| {
            let serde_json::Value::Object(body) = v else {
                unreachable!()
            };
            network_wait(&body)
        };
        assert_eq!(wait(json!({})), Duration::from_millis(NETWORK_TIMEOUT_MS));
        assert_eq!(wait(json!({"timeout": "250"})), Duration::from_millis(250));
        assert_eq!(wait(json!({"timeout": 1.5})), Duration::from_micros(1500));
        for huge in [json!(1e12), json!(1e300)] {
            assert_eq!(
                wait(json!({ "timeout": huge })),
                Duration::from_millis(MAX_NETWORK_TIMEOUT_MS)
            );
        }
    }
}
