//! What `harper install` hands to `harperd install` on standard input: the
//! CLI gathers answers (prompts, flags, HarperDB's env vars); the daemon, the
//! only writer of the root, creates it. Passwords travel on stdin, never argv.

use serde::{Deserialize, Serialize};

/// The answers of an install.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InstallPlan {
    /// The first super user.
    pub admin_username: String,
    /// Its password.
    pub admin_password: String,
    /// `clustering.nodeName`.
    pub node_name: Option<String>,
    /// A cluster user to create (role `cluster_user`) and name in `clustering.user`.
    pub cluster_user: Option<String>,
    /// Its password (needs `cluster_user`).
    pub cluster_password: Option<String>,
    /// `clustering.enabled`.
    pub enable_clustering: bool,
    /// `clustering.hubServer.cluster.network.port`.
    pub cluster_port: Option<u16>,
    /// `operationsApi.network.port`.
    pub operations_port: Option<u16>,
    /// HarperDB-style `--KEY value` settings (flattened config names).
    pub settings: Vec<(String, String)>,
    /// Replace an existing installation in the root.
    pub force: bool,
}

/// What `harperd install` reports on standard output when it succeeds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InstallReport {
    /// The root folder.
    pub root: String,
    /// The config file written.
    pub config_file: String,
    /// The node name, if set.
    pub node_name: Option<String>,
    /// Users created.
    pub users: Vec<String>,
    /// Certificate files generated.
    pub keys: Vec<String>,
}
