//! `harper install`: gather the answers (flags, HarperDB's env vars, prompts on
//! a TTY) and hand them to `harperd install`, which creates the root.

use std::io::{Read, Write};
use std::process::Stdio;

use harper_rpc::{InstallPlan, InstallReport, NodeName};

use super::user::warn_password_flag;
use crate::Global;
use crate::error::{CliError, CliResult};
use crate::output;
use crate::prompt;

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

/// A value from `--KEY value` under any of `names` (an argument beats the
/// environment, as in HarperDB), else from the environment.
fn given(settings: &[(String, String)], names: &[&str]) -> Option<String> {
    names
        .iter()
        .find_map(|n| setting(settings, n))
        .or_else(|| names.iter().find_map(|n| env(n)))
}

/// HarperDB installer arguments that are no config key: the CLI takes them
/// (`TC_AGREEMENT` has nothing to agree to here) and does not pass them on.
const INSTALLER_NAMES: [&str; 4] = [
    "HDB_ADMIN_USERNAME",
    "HDB_ADMIN_PASSWORD",
    "CLUSTERING_PASSWORD",
    "TC_AGREEMENT",
];
const NODE_NAME_NAMES: [&str; 3] = [
    "CLUSTERING_NODENAME",
    "NODE_NAME",
    "CLUSTERING_NODE_NAME_KEY",
];
const ENABLED_NAMES: [&str; 3] = ["CLUSTERING_ENABLED", "CLUSTERING", "CLUSTERING_ENABLED_KEY"];
const CLUSTER_PORT_NAMES: [&str; 2] = [
    "CLUSTERING_HUBSERVER_CLUSTER_NETWORK_PORT",
    "CLUSTERING_PORT",
];
const OPERATIONS_PORT_NAMES: [&str; 1] = ["OPERATIONSAPI_NETWORK_PORT"];

/// The default ports, as a fresh config has them.
const DEFAULT_OPERATIONS_PORT: u16 = 9925;
const DEFAULT_CLUSTER_PORT: u16 = 9932;

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

/// A value nobody gave, for the one error that names them all.
struct Missing(Vec<String>);

impl Missing {
    fn note<T>(&mut self, value: Option<T>, what: &str, ways: &str) -> Option<T> {
        if value.is_none() {
            self.add(what, ways);
        }
        value
    }

    fn add(&mut self, what: &str, ways: &str) {
        self.0.push(format!("{what} ({ways})"));
    }

    fn check(self) -> CliResult {
        if self.0.is_empty() {
            return Ok(());
        }
        Err(CliError::usage(format!(
            "missing {}: pass them as flags or environment variables, or run install on a terminal to be asked",
            self.0.join(", ")
        )))
    }
}

/// This machine's host name when it is a valid node name (the wizard's
/// default node name).
fn host_name() -> Option<String> {
    let name = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| env("HOSTNAME"))?;
    let name = name.trim().to_owned();
    NodeName::is_valid(&name).then_some(name)
}

/// Refuse `--KEY value` names that are no config key before anything is
/// asked: `harperd check-settings` knows the keys and the closest one.
fn check_settings(settings: &[(String, String)]) -> CliResult {
    if settings.is_empty() {
        return Ok(());
    }
    let harperd = super::lifecycle::harperd_path()?;
    let mut cmd = std::process::Command::new(&harperd);
    cmd.arg("check-settings");
    for (k, v) in settings {
        cmd.arg(format!("--{k}")).arg(v);
    }
    let out = cmd
        .stdin(Stdio::null())
        .output()
        .map_err(|e| CliError::failed(format!("cannot run {}: {e}", harperd.display())))?;
    if out.status.success() {
        return Ok(());
    }
    let err = String::from_utf8_lossy(&out.stderr);
    Err(CliError::usage(err.trim().trim_start_matches("error: ")))
}

pub async fn run(g: &Global, a: InstallArgs, settings: Vec<(String, String)>) -> CliResult {
    let root = g.root();
    // harperd install sets it too; nothing this process makes may be wider.
    harper_rpc::files::restrict_umask();
    let passed_on: Vec<(String, String)> = settings
        .iter()
        .filter(|(k, _)| !INSTALLER_NAMES.iter().any(|n| k.eq_ignore_ascii_case(n)))
        .cloned()
        .collect();
    check_settings(&passed_on)?;
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
    let ask = g.interactive();
    let mut missing = Missing(Vec::new());

    let mut admin_username = a
        .admin_username
        .or_else(|| given(&settings, &["HDB_ADMIN_USERNAME"]));
    if admin_username.is_none() && ask {
        admin_username = Some(prompt::text("Admin username", Some("HDB_ADMIN"))?);
    }
    let admin_username = missing.note(
        admin_username,
        "the admin username",
        "--admin-username or HDB_ADMIN_USERNAME",
    );
    let mut admin_password = if a.admin_password_stdin {
        Some(read_stdin_secret()?)
    } else {
        a.admin_password
            .or_else(|| given(&settings, &["HDB_ADMIN_PASSWORD"]))
    };
    if admin_password.is_none() && ask {
        admin_password = Some(prompt::new_password("Admin password")?);
    }
    let admin_password = missing.note(
        admin_password,
        "the admin password",
        "--admin-password-stdin or HDB_ADMIN_PASSWORD",
    );

    let mut node_name = a
        .node_name
        .map(String::from)
        .or_else(|| given(&settings, &NODE_NAME_NAMES));
    if node_name.is_none() && ask {
        node_name = Some(prompt::text_until(
            "Please enter a unique name for this node",
            host_name().as_deref(),
            NodeName::is_valid,
            &format!("Invalid node name, {}", harper_rpc::names::NODE_NAME_RULE),
        )?);
    }
    let mut operations_port = a.operations_port;
    if operations_port.is_none() && ask && given(&settings, &OPERATIONS_PORT_NAMES).is_none() {
        operations_port = Some(prompt::port(
            "Operations API port",
            DEFAULT_OPERATIONS_PORT,
        )?);
    }
    let enable_given = a.enable_clustering
        || given(&settings, &ENABLED_NAMES).is_some_and(|v| v.eq_ignore_ascii_case("true"));
    let enabled_named = a.enable_clustering || given(&settings, &ENABLED_NAMES).is_some();
    let enable_clustering = if !enabled_named && ask {
        prompt::yes_no("Enable clustering?", false)?
    } else {
        enable_given
    };
    let mut cluster_port = a.cluster_port;
    let mut cluster_user = a
        .cluster_user
        .or_else(|| given(&settings, &["CLUSTERING_USER"]));
    // CLUSTERING_PASSWORD is not a config key: it never goes into the settings.
    let mut cluster_password = a
        .cluster_password
        .or_else(|| given(&settings, &["CLUSTERING_PASSWORD"]));
    if enable_clustering && ask {
        if cluster_port.is_none() && given(&settings, &CLUSTER_PORT_NAMES).is_none() {
            cluster_port = Some(prompt::port("Cluster port", DEFAULT_CLUSTER_PORT)?);
        }
        if cluster_user.is_none() {
            cluster_user = Some(prompt::text("Cluster user", Some("cluster_user"))?);
        }
        if cluster_password.is_none() {
            cluster_password = Some(prompt::new_password(
                "Cluster password (the same on every node)",
            )?);
        }
    }
    if enable_clustering && node_name.is_none() {
        missing.add(
            "the node name (clustering is enabled)",
            "--node-name or CLUSTERING_NODENAME",
        );
    }
    match (&cluster_user, &cluster_password) {
        (Some(_), None) => missing.add(
            "the cluster user's password",
            "--cluster-password or CLUSTERING_PASSWORD",
        ),
        (None, Some(_)) => missing.add(
            "the cluster user's name",
            "--cluster-user or CLUSTERING_USER",
        ),
        _ => {}
    }
    missing.check()?;
    let (Some(admin_username), Some(admin_password)) = (admin_username, admin_password) else {
        unreachable!("Missing::check refused a missing admin");
    };
    let plan = InstallPlan {
        admin_username,
        admin_password,
        node_name,
        cluster_user,
        cluster_password,
        enable_clustering,
        cluster_port,
        operations_port,
        settings: passed_on,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_error_names_every_missing_value() {
        let mut m = Missing(Vec::new());
        assert_eq!(
            m.note(Some(1), "the admin username", "--admin-username"),
            Some(1)
        );
        assert_eq!(
            m.note(None::<u8>, "the admin password", "HDB_ADMIN_PASSWORD"),
            None
        );
        m.add("the node name", "--node-name");
        let e = m.check().unwrap_err();
        assert_eq!(e.code, crate::error::EXIT_USAGE);
        assert!(
            e.message.starts_with(
                "missing the admin password (HDB_ADMIN_PASSWORD), the node name (--node-name): "
            ),
            "{}",
            e.message
        );
        assert!(Missing(Vec::new()).check().is_ok());
    }

    #[test]
    fn an_argument_beats_the_environment_and_installer_names_stay_here() {
        let settings = vec![("node_name".to_owned(), "fromArg".to_owned())];
        assert_eq!(
            given(&settings, &NODE_NAME_NAMES).as_deref(),
            Some("fromArg")
        );
        assert!(INSTALLER_NAMES.contains(&"CLUSTERING_PASSWORD"));
    }
}
