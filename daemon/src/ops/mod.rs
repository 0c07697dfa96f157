//! The one dispatcher: every door (the CLI's socket, the HTTP port) hands it
//! a request body; it checks the caller's permission, validates the body with
//! HarperDB's messages, and executes the operation. Errors of lower layers are
//! mapped to operation errors here, in one place.

mod attributes;
mod body;
mod cluster;
mod csv;
mod data;
mod guard;
mod jobs;
mod logins;
mod logs;
mod node_request;
mod nodes;
mod permissions;
mod remote_schema;
mod roles;
mod schema;
mod settings;
mod sql;
mod status;
mod tokens;
mod txlog;
mod users;

use harper_rpc::catalogue::Op;
use harper_rpc::ops::{
    DatabaseInfo, JobStarted, JobStatus, Machine, MessageResponse, Process, SystemInfo,
    SystemInformationResponse, WriteAction, to_body,
};
use harper_rpc::{OpError, Request};
use serde_json::Value;

use crate::node::Node;
use crate::store::StoreError;

pub use data::matches_value;
pub use logins::{Refused, authenticate, login, prepare as prepare_logins, stats as login_stats};
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
        /// The id of the user's role (looked up on each request, see
        /// `permissions`).
        role: String,
    },
}

impl Caller {
    /// Whether this caller has a super user's rights now (the socket, or a
    /// role with `super_user: true`): who may read `/metrics`, which tells
    /// what `cluster_status` tells.
    pub fn is_super_user(&self, node: &Node) -> bool {
        matches!(
            permissions::Access::of(node, self),
            permissions::Access::Super
        )
    }

    fn username(&self) -> Option<&str> {
        match self {
            Caller::LocalSocket => None,
            Caller::User { username, .. } => Some(username),
        }
    }
}

/// Execute one operation for `caller`.
pub async fn execute(node: &Node, caller: &Caller, req: Request) -> Result<Value, OpError> {
    let name = match req.get("operation") {
        Some(Value::String(op)) => op.clone(),
        _ => {
            return Err(OpError::bad_request(
                "Request body must include an 'operation' property.",
            ));
        }
    };
    let access = permissions::Access::of(node, caller);
    let Some(op) = Op::from_name(&name) else {
        // A caller who is not a super user is not told which operations exist.
        if !matches!(access, permissions::Access::Super) {
            return Err(permissions::super_user_only(&name));
        }
        return Err(OpError::bad_request(format!(
            "Operation '{name}' not found"
        )));
    };
    let mut req = req;
    access.authorize(node, op, &mut req)?;
    let user = caller.username();
    let answer = match op {
        Op::CreateDatabase => schema::create_database(node, &req),
        Op::DropDatabase => schema::drop_database(node, &req),
        Op::CreateTable => schema::create_table(node, &req),
        Op::DropTable => schema::drop_table(node, &req),
        Op::DescribeAll => schema::describe_all(node),
        Op::DescribeDatabase => schema::describe_database(node, &req),
        Op::DescribeTable => schema::describe_table(node, &req),
        Op::Insert => data::write(node, WriteAction::Insert, &req, user).await,
        Op::Update => data::write(node, WriteAction::Update, &req, user).await,
        Op::Upsert => data::write(node, WriteAction::Upsert, &req, user).await,
        Op::Delete => data::delete(node, &req, user).await,
        Op::SearchById => data::search_by_id(node, &req),
        Op::SearchByValue => data::search_by_value(node, &req),
        Op::SearchByConditions => data::search_by_conditions(node, &req),
        Op::AddUser => users::add_user(node, &req).await,
        Op::AlterUser => users::alter_user(node, &req).await,
        Op::DropUser => users::drop_user(node, &req).await,
        Op::ListUsers => users::list_users(node),
        Op::ListRoles => Ok(roles::list_roles(node)),
        Op::AddRole => roles::add_role(node, &req).await,
        Op::AlterRole => roles::alter_role(node, &req).await,
        Op::DropRole => roles::drop_role(node, &req).await,
        Op::UserInfo => users::user_info(node, caller),
        Op::GetConfiguration => Ok(node.config().document()),
        Op::SetConfiguration => settings::set_configuration(node, &req),
        Op::ClusterSetRoutes => settings::set_routes(node, &req),
        Op::ClusterGetRoutes => settings::get_routes(node),
        Op::ClusterDeleteRoutes => settings::delete_routes(node, &req),
        Op::SystemInformation => Ok(system_information(node)),
        Op::ClusterStatus => status::cluster_status(node, &req).await,
        Op::ClusterNetwork => cluster::cluster_network(node, &req).await,
        Op::ClusterEnable => cluster::cluster_enable(node, &req).await,
        Op::ClusterDisable => cluster::cluster_disable(node).await,
        Op::ClusterMeshStatus => cluster::mesh_status(node),
        Op::ClusterDescribeNode => remote_schema::describe_node(node, &req).await,
        Op::RenewCerts => cluster::renew_certs(node).await,
        Op::CsvDataLoad => jobs::csv_data_load(node, caller, &req).await,
        Op::CsvFileLoad => jobs::csv_file_load(node, caller, &req).await,
        Op::GetJob => {
            // Any other role sees only its own jobs.
            let owner = (!matches!(access, permissions::Access::Super)).then_some(user);
            jobs::get_job(owner, &req)
        }
        Op::Restart => Ok(restart(node)),
        Op::RestartService => restart_service(node, caller, &req).await,
        Op::AddNode => nodes::add_node(node, &req).await,
        Op::UpdateNode => nodes::update_node(node, &req).await,
        Op::RemoveNode => nodes::remove_node(node, &req).await,
        Op::ConfigureCluster => nodes::configure_cluster(node, &req).await,
        Op::PurgeStream => status::purge_stream(node, &req).await,
        Op::StreamInfo => status::stream_info(node, &req),
        Op::CreateAttribute => attributes::create_attribute(node, &req).await,
        Op::DropAttribute => attributes::drop_attribute(node, &req).await,
        Op::ReadLog => logs::read_log(node, &req).await,
        Op::SearchJobsByStartDate => jobs::search_jobs_by_start_date(&req),
        Op::ReadTransactionLog => txlog::read_transaction_log(node, &req).await,
        Op::DeleteTransactionLogsBefore => {
            txlog::delete_transaction_logs_before(node, caller, &req).await
        }
        Op::Sql => sql::sql(),
        Op::CreateAuthenticationTokens => tokens::create(node, caller, &req).await,
        Op::RefreshOperationToken => tokens::refresh(node, &req).await,
    }?;
    access.filter(node, op, answer)
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
                    JobStatus::Error,
                    "Clustering is not enabled so cannot be restarted".to_owned(),
                )
            } else {
                if service == "clustering" {
                    node.cluster().reset();
                }
                node.reconcile_cluster().await;
                (JobStatus::Complete, format!("Restarted {service}"))
            }
        }
        "http_workers" | "http" | "harperdb" | "custom_functions" => (
            JobStatus::Complete,
            format!("{service} needs no restart: settings apply live"),
        ),
        _ => return Err(OpError::bad_request("Invalid service")),
    };
    let id = jobs::finished(caller, Op::RestartService, status, text);
    Ok(to_body(&JobStarted {
        message: format!("Restarting {service}"),
        job_id: id,
    }))
}

/// A `{"message": ...}` body.
fn message(text: impl Into<String>) -> Value {
    to_body(&MessageResponse::new(text))
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

fn system_information(node: &Node) -> Value {
    to_body(&SystemInformationResponse {
        system: Machine {
            platform: std::env::consts::OS.to_owned(),
            arch: std::env::consts::ARCH.to_owned(),
            hostname: hostname(),
        },
        process: Process {
            pid: std::process::id(),
            uptime_secs: node.started().elapsed().as_secs(),
        },
        database: DatabaseInfo {
            size_on_disk: node.store().size_on_disk(),
            commits: node.store().commit_stats(),
            disk: node.store().disk_state(),
        },
        logins: logins::stats(),
        system_info: SystemInfo::this_program(),
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
        self.node.replicator().notified(&from, &payload);
    }

    fn mesh_changed(&self) {
        self.node.replicator().kick_all();
    }
}

/// A request from another node (spec Appendix A): replication's own, or one
/// of the operations a node asks another to run for it.
async fn remote_request(node: &Node, from: &str, payload: Value) -> Result<Value, String> {
    let payload = match node.replicator().serve(from, payload).await {
        Ok(answer) => return answer,
        Err(payload) => payload,
    };
    let name = payload
        .get("operation")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_owned();
    match Op::from_name(&name) {
        Some(op @ (Op::AddNode | Op::UpdateNode)) => {
            nodes::remote_update(node, from, op, payload).await
        }
        Some(Op::RemoveNode) => nodes::remote_remove(node, from, &payload).await,
        Some(Op::ClusterStatus) => status::remote_status(node, from, &payload),
        Some(Op::DescribeAll) => schema::describe_all(node).map_err(|e| e.message().to_owned()),
        _ => Err(format!(
            "node '{}' reply service received unrecognized request operation {name} from {from}",
            node.config().settings().node_name.unwrap_or_default()
        )),
    }
}

/// Register this node's answers to mesh requests (before the mesh starts).
pub fn install_mesh_handler(node: &Node) {
    node.set_mesh_handler(std::sync::Arc::new(MeshRequests { node: node.clone() }));
}
