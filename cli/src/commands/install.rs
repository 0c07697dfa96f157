//! `harper install`: gather the answers (flags, HarperDB's env vars, prompts on
//! a TTY) and hand them to `harperd install`, which creates the root.

use std::io::{Read, Write};
use std::process::Stdio;

use harper_rpc::{InstallPlan, InstallReport, NodeName};

use super::user::warn_password_flag;
use crate::Global;
use crate::error::{CliError, CliResult};
use crate::output;

#[derive(Debug, clap::Args)]
pub struct InstallArgs {
    /// The first super user [env: HDB_ADMIN_USERNAME]
    #[arg(long, value_name = "U")]
    admin_username: Option<String>,
    /// Its password (visible in the process list; prefer --admin-password-stdin or
    /// HDB_ADMIN_PASSWORD) [env: HDB_ADMIN_PASSWORD]
    #[arg(long, value_name = "P", conflicts_with = "admin_password_stdin")]
    admin_password: Option<String>,
    /// Read the admin password from standard input
    #[arg(long)]
    admin_password_stdin: bool,
    /// This node's name (no whitespace, ., ,, * or >) [env: CLUSTERING_NODENAME]
    #[arg(long, value_name = "N")]
    node_name: Option<NodeName>,
    /// Create this cluster user and name it in clustering.user [env: CLUSTERING_USER]
    #[arg(long, value_name = "U", requires = "cluster_password")]
    cluster_user: Option<String>,
    /// The cluster user's password (visible in the process list; prefer CLUSTERING_PASSWORD)
    /// [env: CLUSTERING_PASSWORD]
    #[arg(long, value_name = "P")]
    cluster_password: Option<String>,
    /// Turn clustering on [env: CLUSTERING_ENABLED]
    #[arg(long)]
    enable_clustering: bool,
    /// The mesh port (clustering.hubServer.cluster.network.port)
    #[arg(long, value_name = "PORT")]
    cluster_port: Option<u16>,
    /// The operations API port (operationsApi.network.port)
    #[arg(long, value_name = "PORT")]
    operations_port: Option<u16>,
    /// Replace an existing installation in the root (its data is deleted)
    #[arg(long)]
    force: bool,
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// A `--KEY value` setting by flattened name, case-insensitively.
fn setting(settings: &[(String, String)], name: &str) -> Option<String> {
    settings
        .iter()
        .rev()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.clone())
}

fn prompt_text(g: &Global, what: &str, default: Option<&str>) -> CliResult<Option<String>> {
    if !g.interactive() {
        return Ok(None);
    }
    let mut input = dialoguer::Input::<String>::new().with_prompt(what);
    if let Some(d) = default {
        input = input.default(d.to_owned());
    }
    input
        .interact_text()
        .map(Some)
        .map_err(|e| CliError::failed(format!("prompt failed: {e}")))
}

fn prompt_password(g: &Global, what: &str) -> CliResult<Option<String>> {
    if !g.interactive() {
        return Ok(None);
    }
    dialoguer::Password::new()
        .with_prompt(what)
        .with_confirmation("Repeat the password", "The passwords do not match")
        .interact()
        .map(Some)
        .map_err(|e| CliError::failed(format!("prompt failed: {e}")))
}

/// Read a secret from standard input (one line, trailing newline removed).
pub fn read_stdin_secret() -> CliResult<String> {
    let mut s = String::new();
    std::io::stdin()
        .read_to_string(&mut s)
        .map_err(|e| CliError::failed(format!("cannot read standard input: {e}")))?;
    let s = s.trim_end_matches(['\n', '\r']).to_owned();
    if s.is_empty() {
        return Err(CliError::usage("the password on standard input is empty"));
    }
    Ok(s)
}

fn missing(what: &str, flag: &str, var: &str) -> CliError {
    CliError::usage(format!("missing {what}: pass {flag} or set {var}"))
}

pub async fn run(g: &Global, a: InstallArgs, settings: Vec<(String, String)>) -> CliResult {
    let root = g.root();
    // harperd install sets it too; nothing this process makes may be wider.
    harper_rpc::files::restrict_umask();
    if root.join(harper_rpc::CONFIG_FILE).exists() && !a.force {
        return Err(CliError::usage(format!(
            "{} already holds an installation; refusing to overwrite it",
            root.display()
        ))
        .with_hint(format!(
            "harper --root {} install --force   (deletes its data)",
            root.display()
        )));
    }
    let admin_username = match a.admin_username.or_else(|| env("HDB_ADMIN_USERNAME")) {
        Some(u) => u,
        None => prompt_text(g, "Admin username", Some("HDB_ADMIN"))?.ok_or_else(|| {
            missing(
                "the admin username",
                "--admin-username",
                "HDB_ADMIN_USERNAME",
            )
        })?,
    };
    if a.admin_password.is_some() {
        warn_password_flag(
            "--admin-password",
            "--admin-password-stdin or the HDB_ADMIN_PASSWORD environment variable",
        );
    }
    if a.cluster_password.is_some() {
        warn_password_flag(
            "--cluster-password",
            "the CLUSTERING_PASSWORD environment variable",
        );
    }
    let admin_password = if a.admin_password_stdin {
        read_stdin_secret()?
    } else {
        match a.admin_password.or_else(|| env("HDB_ADMIN_PASSWORD")) {
            Some(p) => p,
            None => prompt_password(g, "Admin password")?.ok_or_else(|| {
                missing(
                    "the admin password",
                    "--admin-password",
                    "HDB_ADMIN_PASSWORD",
                )
            })?,
        }
    };
    let enable_clustering = a.enable_clustering
        || setting(&settings, "CLUSTERING_ENABLED")
            .or_else(|| env("CLUSTERING_ENABLED"))
            .is_some_and(|v| v.eq_ignore_ascii_case("true"));
    let cluster_user = a
        .cluster_user
        .or_else(|| setting(&settings, "CLUSTERING_USER"))
        .or_else(|| env("CLUSTERING_USER"));
    // CLUSTERING_PASSWORD is not a config key: take it out of the settings.
    let cluster_password = a
        .cluster_password
        .or_else(|| setting(&settings, "CLUSTERING_PASSWORD"))
        .or_else(|| env("CLUSTERING_PASSWORD"));
    let settings: Vec<_> = settings
        .into_iter()
        .filter(|(k, _)| !k.eq_ignore_ascii_case("CLUSTERING_PASSWORD"))
        .collect();
    let mut node_name = a.node_name.map(String::from);
    if node_name.is_none()
        && enable_clustering
        && setting(&settings, "CLUSTERING_NODENAME").is_none()
        && env("CLUSTERING_NODENAME").is_none()
    {
        node_name = prompt_text(g, "Please enter a unique name for this node", None)?;
        if let Some(n) = &node_name
            && !NodeName::is_valid(n)
        {
            return Err(CliError::usage(format!(
                "Invalid node name, {}",
                harper_rpc::names::NODE_NAME_RULE
            )));
        }
    }
    if cluster_user.is_some() != cluster_password.is_some() {
        return Err(CliError::usage(
            "a cluster user needs both a name and a password (--cluster-user and --cluster-password, or CLUSTERING_USER and CLUSTERING_PASSWORD)",
        ));
    }
    let plan = InstallPlan {
        admin_username,
        admin_password,
        node_name,
        cluster_user,
        cluster_password,
        enable_clustering,
        cluster_port: a.cluster_port,
        operations_port: a.operations_port,
        settings,
        force: a.force,
    };
    let report = run_harperd_install(&root, &plan)?;
    let value = serde_json::to_value(&report).expect("JSON");
    if !output::machine(g.output, &value)? {
        output::out(&format!("Installed harper in {}", report.root))?;
        output::out(&format!("  config: {}", report.config_file))?;
        if let Some(n) = &report.node_name {
            output::out(&format!("  node name: {n}"))?;
        }
        output::out(&format!("  users: {}", report.users.join(", ")))?;
        output::out(&format!("  keys: {}", report.keys.join(", ")))?;
        output::out(&format!(
            "Start it with: harper --root {} start",
            root.display()
        ))?;
    }
    Ok(())
}

fn run_harperd_install(root: &std::path::Path, plan: &InstallPlan) -> CliResult<InstallReport> {
    let harperd = super::lifecycle::harperd_path()?;
    let mut child = std::process::Command::new(&harperd)
        .arg("install")
        .arg("--root")
        .arg(root)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| CliError::failed(format!("cannot run {}: {e}", harperd.display())))?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(&serde_json::to_vec(plan).expect("JSON"))
            .map_err(|e| CliError::failed(format!("cannot talk to harperd install: {e}")))?;
    }
    let out = child
        .wait_with_output()
        .map_err(|e| CliError::failed(format!("harperd install failed: {e}")))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        let msg = err.trim().trim_start_matches("error: ").to_owned();
        // A validation refusal of the answers is a usage error.
        return Err(CliError::usage(if msg.is_empty() {
            format!("harperd install failed ({})", out.status)
        } else {
            msg
        }));
    }
    serde_json::from_slice(&out.stdout).map_err(|e| {
        CliError::failed(format!(
            "harperd install answered something unexpected: {e}"
        ))
    })
}
