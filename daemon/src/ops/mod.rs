//! The one dispatcher: every door (the CLI's socket, the HTTP port) hands it
//! a request body; it checks the caller's permission, validates the body with
//! HarperDB's messages, and executes the operation. Errors of lower layers are
//! mapped to operation errors here, in one place.

mod body;
mod cluster;
mod csv;
mod data;
mod jobs;
mod logins;
mod nodes;
mod schema;
mod settings;
mod status;
mod tokens;
mod users;

use harper_rpc::{OpError, Request};
use serde_json::{Value, json};

use crate::node::Node;
use crate::replication::wire;
use crate::store::{StoreError, users::SUPER_USER};

pub use data::matches_value;
pub use logins::{Refused, authenticate, login, prepare as prepare_logins};
pub use tokens::{
    BearerRefused, INVALID_CREDENTIALS, INVALID_TOKEN, Kind as TokenKind, TOKEN_EXPIRED,
    bearer_login, body_credentials,
};

/// Who is calling. The local socket is the super user by file permission.
#[derive(Debug, Clone)]
pub enum Caller {
    /// The Unix socket (mode 0600): full rights, like HarperDB's domain socket.
    LocalSocket,
    /// An authenticated user of the users table.
    User {
        /// Login name.
        username: String,
        /// Role name.
        role: String,
    },
}

impl Caller {
    fn is_super_user(&self) -> bool {
        match self {
            Caller::LocalSocket => true,
            Caller::User { role, .. } => role == SUPER_USER,
        }
    }

    /// Whether this caller may run `op`. A super user may run every
    /// operation. Every other role may run only [`OPEN_TO_EVERY_ROLE`]: the
    /// only other role is `cluster_user`, which HarperDB lets hold no other
    /// permission, and whose one use, replication, goes through the mesh and
    /// never through a door (spec 1.6).
    fn may_run(&self, op: &str) -> bool {
        self.is_super_user() || OPEN_TO_EVERY_ROLE.contains(&op)
    }

    fn username(&self) -> Option<&str> {
        match self {
            Caller::LocalSocket => None,
            Caller::User { username, .. } => Some(username),
        }
    }
}

/// The operations every role may run: HarperDB leaves `user_info` open to
/// all roles "no matter what their permissions are"; it shows only the
/// caller's own record (never a hash), which the caller proved it owns by
/// logging in. The token operations log in (HarperDB restricts neither).
const OPEN_TO_EVERY_ROLE: &[&str] = &[
    "user_info",
    "create_authentication_tokens",
    "refresh_operation_token",
];

/// Operations HarperDB restricts to super users, with HarperDB's internal
/// handler name, which the 403 body names (other operations are named as
/// sent: here no role but super_user may run them either, see
/// [`Caller::may_run`]).
const RESTRICTED: &[(&str, &str)] = &[
    ("create_database", "createSchema"),
    ("create_schema", "createSchema"),
    ("drop_database", "dropSchema"),
    ("drop_schema", "dropSchema"),
    ("create_table", "createTable"),
    ("drop_table", "dropTable"),
    ("add_user", "addUser"),
    ("alter_user", "alterUser"),
    ("drop_user", "dropUser"),
    ("list_users", "listUsersExternal"),
    ("list_roles", "listRoles"),
    ("get_configuration", "getConfiguration"),
    ("set_configuration", "setConfiguration"),
    ("cluster_set_routes", "setRoutes"),
    ("cluster_get_routes", "getRoutes"),
    ("cluster_delete_routes", "deleteRoutes"),
    ("system_information", "systemInformation"),
    ("cluster_status", "clusterStatus"),
    ("cluster_network", "clusterNetwork"),
    ("cluster_enable", "clusterEnable"),
    ("cluster_disable", "clusterDisable"),
    ("cluster_mesh_status", "clusterMeshStatus"),
    ("renew_certs", "renewCerts"),
    // It reads any file the daemon can read.
    ("csv_file_load", "csvFileLoad"),
    ("restart", "restart"),
    ("restart_service", "restartService"),
    ("add_node", "addNode"),
    ("update_node", "updateNode"),
    ("set_node_replication", "setNodeReplication"),
    ("remove_node", "removeNode"),
    ("configure_cluster", "configureCluster"),
    ("purge_stream", "purgeStream"),
    ("stream_info", "streamInfo"),
];

/// Execute one operation for `caller`.
pub async fn execute(node: &Node, caller: &Caller, req: Request) -> Result<Value, OpError> {
    let op = match req.get("operation") {
        Some(Value::String(op)) => op.clone(),
        _ => {
            return Err(OpError::bad_request(
                "Request body must include an 'operation' property.",
            ));
        }
    };
    // Before the operation is looked up: a caller who may run nothing is not
    // told which operations exist.
    if !caller.may_run(&op) {
        let internal = RESTRICTED
            .iter()
            .find(|(name, _)| *name == op)
            .map_or(op.as_str(), |(_, internal)| internal);
        return Err(forbidden(internal));
    }
    let user = caller.username();
    match op.as_str() {
        "create_database" | "create_schema" => schema::create_database(node, &req),
        "drop_database" | "drop_schema" => schema::drop_database(node, &req),
        "create_table" => schema::create_table(node, &req),
        "drop_table" => schema::drop_table(node, &req),
        "describe_all" => schema::describe_all(node),
        "describe_database" | "describe_schema" => schema::describe_database(node, &req),
        "describe_table" => schema::describe_table(node, &req),
        "insert" | "update" | "upsert" => data::write(node, &op, &req, user).await,
        "delete" => data::delete(node, &req, user).await,
        "search_by_id" | "search_by_hash" => data::search_by_id(node, &req),
        "search_by_value" => data::search_by_value(node, &req),
        "search_by_conditions" => data::search_by_conditions(node, &req),
        "add_user" => users::add_user(node, &req).await,
        "alter_user" => users::alter_user(node, &req).await,
        "drop_user" => users::drop_user(node, &req).await,
        "list_users" => users::list_users(node),
        "list_roles" => Ok(Value::Array(crate::store::users::roles())),
        "user_info" => users::user_info(node, caller),
        "create_authentication_tokens" => tokens::create(node, caller, &req).await,
        "refresh_operation_token" => tokens::refresh(node, &req).await,
        "get_configuration" => Ok(node.config().document()),
        "set_configuration" => settings::set_configuration(node, &req),
        "cluster_set_routes" => settings::set_routes(node, &req),
        "cluster_get_routes" => settings::get_routes(node),
        "cluster_delete_routes" => settings::delete_routes(node, &req),
        "system_information" => Ok(system_information(node)),
        "cluster_status" => cluster::cluster_status(node).await,
        "cluster_network" => cluster::cluster_network(node, &req).await,
        "cluster_enable" => cluster::cluster_enable(node, &req).await,
        "cluster_disable" => cluster::cluster_disable(node).await,
        "cluster_mesh_status" => cluster::mesh_status(node),
        "renew_certs" => cluster::renew_certs(node).await,
        "csv_data_load" => jobs::csv_data_load(node, caller, &req).await,
        "csv_file_load" => jobs::csv_file_load(node, caller, &req).await,
        "get_job" => jobs::get_job(&req),
        "restart" => Ok(restart(node)),
        "restart_service" => restart_service(node, caller, &req).await,
        "add_node" => nodes::add_node(node, &req).await,
        "update_node" | "set_node_replication" => nodes::update_node(node, &req).await,
        "remove_node" => nodes::remove_node(node, &req).await,
        "configure_cluster" => nodes::configure_cluster(node, &req).await,
        "purge_stream" => status::purge_stream(node, &req).await,
        "stream_info" => status::stream_info(node, &req),
        _ => Err(OpError::bad_request(format!("Operation '{op}' not found"))),
    }
}

/// `restart`: answer, then restart the daemon in place (spec 3.12).
fn restart(node: &Node) -> Value {
    let node = node.clone();
    tokio::spawn(async move {
        // Let the answer leave first.
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        node.request_restart();
    });
    message("Restarting HarperDB. This may take up to 60 seconds.")
}

/// `restart_service` (spec 3.12), as a job. Clustering settings take effect
/// live here, so the clustering services are brought in line with the
/// configuration at once; the HTTP services have nothing to restart.
async fn restart_service(node: &Node, caller: &Caller, req: &Request) -> Result<Value, OpError> {
    let service = match req.get("service") {
        Some(Value::String(s)) => s.clone(),
        _ => return Err(OpError::bad_request("Invalid service")),
    };
    let (status, text) = match service.as_str() {
        "clustering" | "clustering_config" | "clustering config" => {
            if !node.config().settings().clustering_enabled {
                (
                    "ERROR",
                    "Clustering is not enabled so cannot be restarted".to_owned(),
                )
            } else {
                if service == "clustering" {
                    node.cluster().reset();
                }
                node.reconcile_cluster().await;
                ("COMPLETE", format!("Restarted {service}"))
            }
        }
        "http_workers" | "http" | "harperdb" | "custom_functions" => (
            "COMPLETE",
            format!("{service} needs no restart: settings apply live"),
        ),
        _ => return Err(OpError::bad_request("Invalid service")),
    };
    let id = jobs::finished(caller, "restart_service", status, text);
    Ok(json!({"message": format!("Restarting {service}"), "job_id": id}))
}

/// HarperDB's 403 body for a non-super-user calling a restricted operation.
fn forbidden(internal: &str) -> OpError {
    OpError {
        status: 403,
        body: json!({
            "error": "This operation is not authorized due to role restrictions and/or invalid database items",
            "unauthorized_access": [format!("Operation '{internal}' is restricted to 'super_user' roles")],
            "invalid_schema_items": [],
        }),
    }
}

/// A `{"message": ...}` body.
fn message(text: impl Into<String>) -> Value {
    json!({ "message": text.into() })
}

impl From<StoreError> for OpError {
    fn from(e: StoreError) -> OpError {
        if e.status() == 500 && !matches!(e, StoreError::Disk(_)) {
            tracing::error!("store failure: {e}");
        }
        OpError::new(e.status(), e.to_string())
    }
}

/// A store error on a write path: HarperDB answers 400 for a missing table there.
fn write_error(e: StoreError) -> OpError {
    let mut err = OpError::from(e);
    if err.status == 404 {
        err.status = 400;
    }
    err
}

/// `{hdb_version, node_version, platform}`: what HarperDB calls `system_info`.
pub fn system_info() -> Value {
    json!({
        "hdb_version": harper_rpc::VERSION,
        "node_version": format!("harperd {}", harper_rpc::VERSION),
        "platform": std::env::consts::OS,
    })
}

fn system_information(node: &Node) -> Value {
    json!({
        "system": {
            "platform": std::env::consts::OS,
            "arch": std::env::consts::ARCH,
            "hostname": hostname(),
        },
        "process": {
            "pid": std::process::id(),
            "uptime_secs": node.started().elapsed().as_secs(),
        },
        "database": {
            "size_on_disk": node.store().size_on_disk(),
            "commits": node.store().commit_stats(),
            "disk": node.store().disk_state(),
        },
        "logins": logins::stats(),
        "system_info": system_info(),
    })
}

fn hostname() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|s| s.trim().to_owned())
        .unwrap_or_default()
}

/// Answers requests that other nodes send this one through the mesh.
struct MeshRequests {
    node: Node,
}

impl crate::mesh::Handler for MeshRequests {
    fn request(
        &self,
        from: String,
        payload: Value,
    ) -> futures::future::BoxFuture<'static, Result<Value, String>> {
        let node = self.node.clone();
        Box::pin(async move { remote_request(&node, &from, payload).await })
    }

    fn notify(&self, from: String, payload: Value) {
        if payload.get("operation").and_then(Value::as_str) == Some(wire::KICK) {
            self.node.replicator().kick(&from);
        }
    }

    fn mesh_changed(&self) {
        self.node.replicator().kick_all();
    }
}

/// A request from another node (spec Appendix A).
async fn remote_request(node: &Node, from: &str, payload: Value) -> Result<Value, String> {
    let op = payload
        .get("operation")
        .and_then(Value::as_str)
        .unwrap_or("");
    let rep = node.replicator();
    match op {
        wire::PULL => rep.serve_pull(from, payload).await,
        wire::SEEK => rep.serve_seek(from, payload).await,
        wire::SNAPSHOT => rep.serve_snapshot(from, payload).await,
        wire::SCHEMA => rep.serve_schema(),
        "add_node" | "update_node" => nodes::remote_update(node, from, payload).await,
        "remove_node" => nodes::remote_remove(node, from, &payload).await,
        "cluster_status" => status::remote_status(node, from, &payload),
        "describe_all" => schema::describe_all(node).map_err(|e| e.message().to_owned()),
        _ => Err(format!(
            "node '{}' reply service received unrecognized request operation {op} from {from}",
            node.config().settings().node_name.unwrap_or_default()
        )),
    }
}

/// Register this node's answers to mesh requests (before the mesh starts).
pub fn install_mesh_handler(node: &Node) {
    node.set_mesh_handler(std::sync::Arc::new(MeshRequests { node: node.clone() }));
}
