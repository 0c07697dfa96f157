//! The daemon's life: read and validate the configuration (applying HarperDB's
//! env vars and `--KEY value` arguments), open the store, write the pid file,
//! serve the doors, and on SIGTERM/SIGINT stop accepting, flush and clean up.
//! Also the two one-shot modes: `install` and `renew-certs`.

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use harper_rpc::process::harperd_alive;
use harper_rpc::{CONFIG_FILE, InstallPlan, InstallReport, PID_FILE, SOCKET_FILE};
use serde_json::Value;

use crate::config::{self, Settings, table};
use crate::node::{ConfigHandle, Node};
use crate::store::{Store, users};

/// Where a root keeps its files.
#[derive(Debug, Clone)]
pub struct Paths {
    /// The root folder.
    pub root: PathBuf,
}

impl Paths {
    /// Paths below `root`.
    pub fn new(root: &Path) -> Paths {
        Paths {
            root: root.to_owned(),
        }
    }
    /// `harperdb-config.yaml`.
    pub fn config(&self) -> PathBuf {
        self.root.join(CONFIG_FILE)
    }
    /// `harperd.sock`.
    pub fn socket(&self) -> PathBuf {
        self.root.join(SOCKET_FILE)
    }
    /// `harperd.pid`.
    pub fn pid(&self) -> PathBuf {
        self.root.join(PID_FILE)
    }
    /// `keys/`.
    pub fn keys(&self) -> PathBuf {
        self.root.join("keys")
    }
    /// The system backup (users, roles and node records; see `store::backup`).
    pub fn system_backup(&self) -> PathBuf {
        self.root.join("backup").join("harper-system.json")
    }
}

/// Load the config, apply env/arg overrides (writing them back, with a
/// backup, when they change anything), and validate.
pub fn load_config(paths: &Paths, args: &[(String, String)]) -> anyhow::Result<Value> {
    let path = paths.config();
    if !path.exists() {
        bail!(
            "harper is not installed in {}: {} is missing (run `harper --root {} install`)",
            paths.root.display(),
            CONFIG_FILE,
            paths.root.display()
        );
    }
    let mut doc = config::load(&path)?;
    let overrides = config::overrides_from(std::env::vars(), args);
    if !overrides.is_empty() {
        let mut next = doc.clone();
        for (key, value) in overrides {
            config::apply(&mut next, &key, value);
        }
        if next != doc {
            config::write_atomic(&paths.root, &path, &next)?;
            doc = next;
        }
    }
    config::validate(&doc)?;
    Ok(doc)
}

/// Run the daemon until SIGTERM or SIGINT.
pub async fn run(root: &Path, args: &[(String, String)], foreground: bool) -> anyhow::Result<()> {
    let paths = Paths::new(root);
    let doc = load_config(&paths, args)?;
    let settings = Settings::from_document(&doc);
    crate::logging::init(&settings, foreground)?;

    if let Ok(pid) = std::fs::read_to_string(paths.pid())
        && let Ok(pid) = pid.trim().parse::<i32>()
        && pid != std::process::id() as i32
        && harperd_alive(pid)
    {
        bail!(
            "harperd is already running in {} (pid {pid})",
            root.display()
        );
    }

    crate::cluster::check_tls_files(&settings, &paths.keys()).map_err(anyhow::Error::msg)?;
    let (store, recovered) = open_store(&paths, &settings)?;
    let node = Node::new(
        root,
        store.clone(),
        ConfigHandle::new(root, &paths.config(), doc),
    );
    crate::ops::install_mesh_handler(&node);
    node.reconcile_cluster().await;
    node.replicator()
        .start()
        .context("cannot start replication")?;
    if recovered {
        node.replicator().recover_from_peers();
    }
    spawn_settings_follower(&node);

    write_pid(&paths.pid())?;
    let socket = crate::doors::socket::serve(node.clone(), &paths.socket())
        .await
        .with_context(|| format!("cannot listen on {}", paths.socket().display()))?;
    let http = crate::doors::http::serve(node.clone()).await?;
    if let Some(h) = &http {
        tracing::info!("operations API on {} (HTTP and HTTPS)", h.local_addr);
    }
    tracing::info!(
        root = %root.display(),
        node = settings.node_name.as_deref().unwrap_or(""),
        version = harper_rpc::VERSION,
        "harperd started"
    );

    let restart = tokio::select! {
        r = wait_for_shutdown() => { r?; false }
        _ = node.restart_requested() => true,
        _ = store.disk_reopen_needed() => true,
    };
    tracing::info!(restart, "shutting down");
    socket.abort();
    if let Some(h) = &http {
        h.abort();
    }
    node.replicator().stop();
    node.cluster().shutdown();
    let _ = std::fs::remove_file(paths.socket());
    // With sled poisoned by a disk error the flush would hang; every
    // acknowledged write was flushed before its answer, so none is lost.
    if store.disk_failure().is_some() {
        tracing::warn!("the database was not flushed on the way out: its disk failed");
    } else {
        store.flush().await.context("final flush failed")?;
    }
    if restart {
        // The same program with the same arguments, in this process (so the
        // pid file stays right); every file but stdio closes on exec.
        use std::os::unix::process::CommandExt;
        tracing::info!("restarting");
        let exe = std::env::current_exe().context("cannot find this program to restart it")?;
        let err = std::process::Command::new(exe)
            .args(std::env::args_os().skip(1))
            .exec();
        bail!("cannot restart: {err}");
    }
    let _ = std::fs::remove_file(paths.pid());
    tracing::info!("stopped");
    Ok(())
}

/// Open the store. A damaged database is set aside (kept for inspection), and
/// the node starts afresh with the users, roles and node records of its system
/// backup; replication then refills its tables from its peers. True when that
/// happened.
fn open_store(paths: &Paths, settings: &Settings) -> anyhow::Result<(Store, bool)> {
    let dir = &settings.storage_path;
    let name = settings.node_name.as_deref().unwrap_or("");
    let opened = Store::open(dir, name, settings.fsync);
    let (store, recovered) = match opened {
        Ok(store) => (store, false),
        Err(e) if e.is_corruption() => {
            let aside = dir.with_file_name(format!(
                "{}.damaged-{}",
                dir.file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or("database"),
                crate::store::record::wall_millis()
            ));
            tracing::error!(
                "the database in {} is damaged ({e}); it is kept as {} and this node starts afresh, to be refilled by its peers",
                dir.display(),
                aside.display()
            );
            std::fs::rename(dir, &aside).with_context(|| {
                format!("cannot set the damaged database {} aside", dir.display())
            })?;
            let store = Store::open(dir, name, settings.fsync)
                .with_context(|| format!("cannot create a new database in {}", dir.display()))?;
            let backup = paths.system_backup();
            if backup.exists() {
                let b = store
                    .restore_backup(&backup)
                    .with_context(|| format!("cannot restore {}", backup.display()))?;
                tracing::warn!(
                    "restored {} users, {} roles and {} node records from {}",
                    b.users.len(),
                    b.roles.len(),
                    b.nodes.len(),
                    backup.display()
                );
            } else {
                tracing::error!(
                    "no system backup in {}: users, roles and node records are lost (add them again)",
                    backup.display()
                );
            }
            (store, true)
        }
        Err(e) => {
            return Err(e)
                .with_context(|| format!("cannot open the database in {}", dir.display()));
        }
    };
    store
        .set_backup_path(paths.system_backup())
        .context("cannot write the system backup")?;
    Ok((store, recovered))
}

/// Keep parts of the node in step with live config changes: the name stamped
/// on new writes, and the mesh (enabled, identity, routes).
fn spawn_settings_follower(node: &Node) {
    let mut rx = node.config().subscribe();
    let node = node.clone();
    tokio::spawn(async move {
        while rx.changed().await.is_ok() {
            let name = rx.borrow_and_update().node_name.clone().unwrap_or_default();
            node.store().set_node_name(&name);
            crate::logging::json::set_node(&name);
            node.reconcile_cluster().await;
        }
    });
}

fn write_pid(path: &Path) -> anyhow::Result<()> {
    let tmp = path.with_extension("pid.tmp");
    std::fs::write(&tmp, format!("{}\n", std::process::id()))
        .with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

async fn wait_for_shutdown() -> anyhow::Result<()> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut term = signal(SignalKind::terminate())?;
    let mut int = signal(SignalKind::interrupt())?;
    tokio::select! {
        _ = term.recv() => {}
        _ = int.recv() => {}
    }
    Ok(())
}

/// Refuse `--NAME value` settings that name no config key, each with the
/// closest known name (all of them at once).
pub fn check_settings(settings: &[(String, String)]) -> anyhow::Result<()> {
    let unknown: Vec<String> = settings
        .iter()
        .filter_map(|(name, _)| config::check_argument_name(name).err())
        .collect();
    if unknown.is_empty() {
        Ok(())
    } else {
        bail!("{}", unknown.join("; "))
    }
}

/// `harperd install`: create a root from the plan on standard input.
pub async fn install(root: &Path) -> anyhow::Result<InstallReport> {
    let mut input = String::new();
    std::io::stdin()
        .read_to_string(&mut input)
        .context("cannot read the install plan from standard input")?;
    let plan: InstallPlan =
        serde_json::from_str(&input).context("the install plan on standard input is not valid")?;
    install_plan(root, &plan).await
}

/// Create a root: config, database with the first users, certificates. The
/// config file is written last, so a failed install never looks installed.
pub async fn install_plan(root: &Path, plan: &InstallPlan) -> anyhow::Result<InstallReport> {
    let paths = Paths::new(root);
    check_settings(&plan.settings)?;
    if paths.config().exists() && !plan.force {
        bail!(
            "{} already holds an installation ({} exists); use --force to replace it",
            root.display(),
            CONFIG_FILE
        );
    }
    if paths.pid().exists()
        && let Ok(pid) = std::fs::read_to_string(paths.pid())
        && pid.trim().parse::<i32>().is_ok_and(harperd_alive)
    {
        bail!(
            "harperd is running in {}; stop it before installing",
            root.display()
        );
    }
    if plan.admin_username.is_empty() || plan.admin_password.is_empty() {
        bail!("an admin username and password are required");
    }
    if let Some(n) = &plan.node_name
        && !harper_rpc::NodeName::is_valid(n)
    {
        bail!("Invalid node name, {}", harper_rpc::names::NODE_NAME_RULE);
    }
    for user in std::iter::once(&plan.admin_username).chain(&plan.cluster_user) {
        harper_rpc::names::check_name(harper_rpc::NameKind::User, user)?;
    }
    if plan.cluster_user.is_some() != plan.cluster_password.is_some() {
        bail!(
            "a cluster user needs both a name and a password (CLUSTERING_USER and CLUSTERING_PASSWORD)"
        );
    }
    if plan.cluster_user.as_deref() == Some(plan.admin_username.as_str()) {
        bail!("Username is already in use.");
    }

    let mut doc = config::default_document(root);
    let mut set = |key: &config::Key, value: Value| config::set_key(&mut doc, key, value);
    set(&table::ENABLED, Value::Bool(plan.enable_clustering));
    if let Some(n) = &plan.node_name {
        set(&table::NODE_NAME, Value::String(n.clone()));
    }
    if let Some(u) = &plan.cluster_user {
        set(&table::USER, Value::String(u.clone()));
    }
    if let Some(p) = plan.cluster_port {
        set(&table::CLUSTER_PORT, p.into());
    }
    if let Some(p) = plan.operations_port {
        set(&table::OPERATIONS_PORT, p.into());
    }
    for (key, value) in config::overrides_from(std::env::vars(), &plan.settings) {
        config::apply(&mut doc, &key, value);
    }
    config::validate(&doc)?;
    let settings = Settings::from_document(&doc);

    if plan.force && settings.storage_path.exists() {
        std::fs::remove_dir_all(&settings.storage_path).with_context(|| {
            format!(
                "cannot remove the old database {}",
                settings.storage_path.display()
            )
        })?;
    }
    std::fs::create_dir_all(&settings.log_root)
        .with_context(|| format!("cannot create {}", settings.log_root.display()))?;
    crate::pki::generate(&paths.keys(), settings.node_name.as_deref())
        .context("cannot generate certificates")?;

    let store = Store::open(
        &settings.storage_path,
        settings.node_name.as_deref().unwrap_or(""),
        settings.fsync,
    )
    .with_context(|| {
        format!(
            "cannot create the database in {}",
            settings.storage_path.display()
        )
    })?;
    let mut created = Vec::new();
    let admin = plan.clone();
    let mut to_create = vec![(
        admin.admin_username,
        admin.admin_password,
        users::SUPER_USER,
    )];
    if let (Some(u), Some(p)) = (admin.cluster_user, admin.cluster_password) {
        to_create.push((u, p, users::CLUSTER_USER));
    }
    for (name, password, role) in to_create {
        let user =
            tokio::task::spawn_blocking(move || users::new_user(&name, &password, role, true))
                .await??;
        let _ = store.remove_user(&user.username)?;
        store.insert_user(&user)?;
        created.push(user.username);
    }
    if let (Some(u), Some(p)) = (&plan.cluster_user, &plan.cluster_password) {
        crate::secrets::store(&paths.keys(), u, Some(p))
            .context("cannot store the cluster credentials")?;
    }
    store
        .set_backup_path(paths.system_backup())
        .context("cannot write the system backup")?;
    store.flush().await?;
    drop(store);

    std::fs::create_dir_all(root)?;
    config::write_atomic(root, &paths.config(), &doc)?;
    Ok(InstallReport {
        root: root.display().to_string(),
        config_file: paths.config().display().to_string(),
        node_name: settings.node_name,
        users: created,
        keys: ["ca.pem", "certificate.pem", "privateKey.pem"]
            .iter()
            .map(|f| paths.keys().join(f).display().to_string())
            .collect(),
    })
}

/// `harperd renew-certs`: new node certificate and key, same CA.
pub fn renew_certs(root: &Path) -> anyhow::Result<()> {
    let paths = Paths::new(root);
    let doc = config::load(&paths.config())?;
    let settings = Settings::from_document(&doc);
    crate::pki::renew(&paths.keys(), settings.node_name.as_deref())?;
    Ok(())
}
