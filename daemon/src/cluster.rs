//! Clustering follows the configuration live: when `clustering.enabled`, the
//! node name, the cluster user, the listener's address or port, TLS or routes change, the mesh is
//! started, stopped, restarted or re-routed without a daemon restart
//! (HarperDB needs one). Why it is not running is kept for status.

use std::path::Path;
use std::sync::{Arc, Mutex};

use crate::config::Settings;
use crate::mesh::handshake::Identity;
use crate::mesh::{Mesh, MeshConfig};
use crate::store::Store;
use crate::store::users::CLUSTER_USER;

/// Whether clustering runs, and if not, why.
#[derive(Clone)]
pub enum ClusterState {
    /// `clustering.enabled` is false.
    Disabled,
    /// Enabled, but it cannot run; the message says why.
    Failed(String),
    /// The mesh is running.
    Running(Mesh),
}

/// The clustering supervisor. Cheap to clone.
#[derive(Clone)]
pub struct Cluster {
    inner: Arc<Mutex<(ClusterState, Option<RestartKey>)>>,
    /// Serialises reconciliations.
    gate: Arc<tokio::sync::Mutex<()>>,
}

/// What, when it changes, needs a new mesh (routes alone do not).
#[derive(Debug, Clone, PartialEq)]
struct RestartKey {
    node: String,
    instance: String,
    cluster: String,
    user: String,
    password_digest: Vec<u8>,
    host: String,
    port: u16,
    tls: (String, String, Option<String>, bool, bool),
    operations_port: Option<u16>,
}

impl Default for Cluster {
    fn default() -> Self {
        Self::new()
    }
}

/// HarperDB's message for a missing, inactive or wrong-role cluster user (spec 1.6).
pub fn invalid_cluster_user(name: &str) -> String {
    format!(
        "Error generating clustering config: Invalid cluster user '{name}'. A valid user with the role 'cluster_user' must be defined under clustering.user in harperdb-config.yaml"
    )
}

impl Cluster {
    /// Not running yet.
    pub fn new() -> Cluster {
        Cluster {
            inner: Arc::new(Mutex::new((ClusterState::Disabled, None))),
            gate: Arc::new(tokio::sync::Mutex::new(())),
        }
    }

    /// The current state.
    pub fn state(&self) -> ClusterState {
        self.inner.lock().expect("cluster").0.clone()
    }

    /// The running mesh, if any.
    pub fn mesh(&self) -> Option<Mesh> {
        match self.state() {
            ClusterState::Running(m) => Some(m),
            _ => None,
        }
    }

    fn set(&self, state: ClusterState, key: Option<RestartKey>) {
        let mut g = self.inner.lock().expect("cluster");
        if let ClusterState::Running(old) = &g.0
            && !matches!(&state, ClusterState::Running(new) if new.same(old))
        {
            old.stop();
        }
        *g = (state, key);
    }

    /// Replace the state with `next`; a running mesh is stopped and waited
    /// for, so its port is free and its peers have seen the links close.
    async fn stop_into(&self, next: ClusterState) {
        let old = {
            let mut g = self.inner.lock().expect("cluster");
            let old = std::mem::replace(&mut g.0, next);
            g.1 = None;
            old
        };
        if let ClusterState::Running(mesh) = old {
            mesh.shutdown().await;
        }
    }

    /// Bring the mesh in line with `settings`.
    pub async fn reconcile(
        &self,
        settings: &Settings,
        store: &Store,
        keys_dir: &Path,
        on_start: impl FnOnce(&Mesh),
    ) {
        let _gate = self.gate.lock().await;
        if !settings.clustering_enabled {
            self.stop_into(ClusterState::Disabled).await;
            return;
        }
        let cfg = match mesh_config(settings, store, keys_dir) {
            Ok(cfg) => cfg,
            Err(why) => {
                tracing::error!("clustering cannot start: {why}");
                self.stop_into(ClusterState::Failed(why)).await;
                return;
            }
        };
        let key = restart_key(&cfg);
        let running = {
            let g = self.inner.lock().expect("cluster");
            match (&g.0, &g.1) {
                (ClusterState::Running(m), Some(k)) if *k == key => Some(m.clone()),
                _ => None,
            }
        };
        if let Some(mesh) = running {
            mesh.set_routes(cfg.routes.clone());
            return;
        }
        // Stop the old mesh first, and wait for it: the new one binds the same
        // port, and an old link left running would keep a peer linked to it.
        self.stop_into(ClusterState::Disabled).await;
        match Mesh::start(cfg).await {
            Ok(mesh) => {
                on_start(&mesh);
                self.set(ClusterState::Running(mesh), Some(key));
            }
            Err(e) => {
                let why = causes(&e);
                tracing::error!("clustering cannot start: {why}");
                self.set(ClusterState::Failed(why), None);
            }
        }
    }

    /// Make the next reconcile restart the mesh (new certificates); the
    /// running one stays up until then.
    pub fn reset(&self) {
        self.inner.lock().expect("cluster").1 = None;
    }

    /// Stop the mesh (daemon shutdown).
    pub fn shutdown(&self) {
        self.set(ClusterState::Disabled, None);
    }
}

fn mesh_config(settings: &Settings, store: &Store, keys_dir: &Path) -> Result<MeshConfig, String> {
    let node = settings
        .node_name
        .clone()
        .filter(|n| harper_rpc::NodeName::is_valid(n))
        .ok_or_else(|| "'clustering.nodeName' is required".to_owned())?;
    let user_name = settings.cluster_user.clone().unwrap_or_default();
    let user = store.user(&user_name).map_err(|e| e.to_string())?;
    match user {
        Some(u) if u.active && u.role == CLUSTER_USER => {}
        _ => return Err(invalid_cluster_user(&user_name)),
    }
    let password = crate::secrets::password(keys_dir, &user_name)
        .map_err(|e| format!("cannot read the cluster credentials: {e}"))?
        .ok_or_else(|| {
            format!(
                "no password is stored for cluster user '{user_name}' on this node (run `harper cluster enable --cluster-user {user_name} --cluster-password-stdin`)"
            )
        })?;
    let instance = store.instance_id().map_err(|e| e.to_string())?;
    Ok(MeshConfig {
        identity: Identity::new(
            &node,
            &instance,
            &settings.cluster_name,
            &user_name,
            &password,
        ),
        listen_host: settings.cluster_host.clone(),
        listen_port: settings.cluster_port,
        routes: settings.hub_routes.clone(),
        tls: tls_paths(settings, keys_dir),
        verify: settings.tls.verify,
        insecure: settings.tls.insecure,
        operations_port: settings.operations_port,
    })
}

/// The TLS files the mesh uses: `clustering.tls.*`, or the node's own under `keys/`.
fn tls_paths(settings: &Settings, keys_dir: &Path) -> crate::pki::TlsPaths {
    let tls = &settings.tls;
    crate::pki::TlsPaths {
        certificate: tls
            .certificate
            .clone()
            .unwrap_or_else(|| keys_dir.join(crate::pki::CERTIFICATE_FILE)),
        private_key: tls
            .private_key
            .clone()
            .unwrap_or_else(|| keys_dir.join(crate::pki::PRIVATE_KEY_FILE)),
        certificate_authority: tls.certificate_authority.clone(),
    }
}

/// At start, with clustering enabled: every TLS file the mesh will load is
/// there and readable, or the error names the first that is not (the daemon
/// then does not start; see README "Clustering TLS files").
pub fn check_tls_files(settings: &Settings, keys_dir: &Path) -> Result<(), String> {
    if !settings.clustering_enabled {
        return Ok(());
    }
    crate::pki::check_files(&tls_paths(settings, keys_dir))
        .map_err(|e| format!("clustering cannot start: {e}"))
}

fn restart_key(cfg: &MeshConfig) -> RestartKey {
    let id = &cfg.identity;
    RestartKey {
        node: id.node.clone(),
        instance: id.instance.clone(),
        cluster: id.cluster.clone(),
        user: id.user.clone(),
        password_digest: id.secret.fingerprint(),
        host: cfg.listen_host.clone(),
        port: cfg.listen_port,
        tls: (
            cfg.tls.certificate.display().to_string(),
            cfg.tls.private_key.display().to_string(),
            cfg.tls
                .certificate_authority
                .as_ref()
                .map(|p| p.display().to_string()),
            cfg.verify,
            cfg.insecure,
        ),
        operations_port: cfg.operations_port,
    }
}

/// An error and its causes, `: `-joined, leaving out a cause that the text
/// before it already ends with (an error that prints its source too, as
/// thiserror's `{source}` in a message does).
pub fn causes(e: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in e.chain().map(ToString::to_string) {
        if !out.ends_with(&cause) {
            if !out.is_empty() {
                out.push_str(": ");
            }
            out.push_str(&cause);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::causes;

    #[test]
    fn causes_are_said_once() {
        let io = || std::io::Error::new(std::io::ErrorKind::NotFound, "gone");
        let read = crate::pki::PkiError::Read {
            what: "certificate",
            path: "/k/c.pem".into(),
            source: io(),
        };
        let e = anyhow::Error::new(read).context("cannot start the mesh");
        assert_eq!(
            causes(&e),
            "cannot start the mesh: cannot read certificate /k/c.pem: gone"
        );
        let e = anyhow::Error::new(io()).context("cannot bind");
        assert_eq!(causes(&e), "cannot bind: gone");
    }
}
