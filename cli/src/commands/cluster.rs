//! `harper cluster enable|disable|status|network|user create|configure`: turning
//! clustering on live and seeing the mesh.

use std::io::Read;

use super::node::WaitArgs;
use super::prelude::*;
use super::route::{LINK_DEADLINE, wait_for_routes};
use super::user::{PasswordArgs, warn_password_flag};

#[derive(Debug, Subcommand)]
pub enum ClusterCommand {
    /// Turn clustering on in the running daemon (a wizard on a TTY)
    Enable {
        /// This node's name
        #[arg(long)]
        node_name: Option<NodeName>,
        /// The cluster user (created when missing) [default: cluster_user]
        #[arg(long, value_name = "U")]
        cluster_user: Option<String>,
        /// Its password; the same on every node (visible in the process list; prefer
        /// --cluster-password-stdin or CLUSTERING_PASSWORD) [env: CLUSTERING_PASSWORD]
        #[arg(long, value_name = "P", conflicts_with = "cluster_password_stdin")]
        cluster_password: Option<String>,
        /// Read the password from standard input
        #[arg(long)]
        cluster_password_stdin: bool,
        #[command(flatten)]
        wait: WaitArgs,
    },
    /// Turn clustering off (links close; data stays)
    Disable,
    /// Registered nodes and every link (cluster_status); --check for a health check
    Status(super::cluster_status::StatusArgs),
    /// Every node of the mesh with its response time, links and routes (cluster_network)
    Network {
        /// How long to wait for answers, ms
        #[arg(long, value_name = "MS")]
        timeout: Option<u64>,
    },
    /// Cluster users
    #[command(subcommand)]
    User(ClusterUserCommand),
    /// Replace every node and subscription with a list of connections (configure_cluster)
    Configure {
        /// YAML or JSON file of connections (`-` for standard input)
        #[arg(value_name = "FILE|-")]
        file: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum ClusterUserCommand {
    /// Create a cluster user (role cluster_user); with --use, also name it in clustering.user
    Create {
        /// User name
        name: String,
        #[command(flatten)]
        password: PasswordArgs,
        /// Also make it this node's cluster user (clustering.user); every node of the
        /// cluster needs the same cluster user and password
        #[arg(long = "use")]
        use_it: bool,
    },
}

pub async fn run(g: &Global, c: ClusterCommand) -> CliResult {
    match c {
        ClusterCommand::Enable {
            node_name,
            cluster_user,
            cluster_password,
            cluster_password_stdin,
            wait,
        } => {
            let client = connect(g).await?;
            let cfg = client.call(&GetConfiguration {}).await?;
            let node_name = node_name.map(String::from);
            if cluster_password.is_some() {
                warn_password_flag(
                    "--cluster-password",
                    "--cluster-password-stdin or the CLUSTERING_PASSWORD environment variable",
                );
            }
            let mut password = cluster_password;
            if cluster_password_stdin {
                password = Some(super::install::read_stdin_secret()?);
            } else if password.is_none() {
                password = std::env::var("CLUSTERING_PASSWORD")
                    .ok()
                    .filter(|p| !p.is_empty());
            }
            let mut op = ClusterEnable {
                node_name,
                cluster_user,
                cluster_password: password,
            };
            if g.interactive() {
                ask_missing(&client, &cfg, &mut op).await?;
            }
            let answer = match client.call_raw(&op).await {
                // A cluster user that exists but whose password this node
                // has not kept: ask for it (once) and try again.
                Err(e)
                    if g.interactive()
                        && op.cluster_password.is_none()
                        && e.message.contains("a password for cluster user") =>
                {
                    op.cluster_password = Some(crate::prompt::password(&format!(
                        "Password of cluster user {}",
                        show(&op.cluster_user)
                    ))?);
                    client.call_raw(&op).await?
                }
                other => other?,
            };
            if let Some(deadline) = wait.deadline(LINK_DEADLINE) {
                wait_for_routes(&client, None, deadline).await?;
            }
            print_answer(g, answer, |r| {
                format!(
                    "{} (cluster user {}, listening on {})",
                    show(&r.message),
                    show(&r.cluster_user),
                    show(&r.cluster_port)
                )
            })
        }
        ClusterCommand::Disable => call_and_print(g, &ClusterDisable {}, said).await,
        ClusterCommand::Status(a) => super::cluster_status::run(g, a).await,
        ClusterCommand::Configure { file } => configure(g, &file).await,
        ClusterCommand::Network { timeout } => {
            let op = ClusterNetwork {
                timeout,
                ..ClusterNetwork::default()
            };
            call_and_print(g, &op, |r| {
                let mut t = table(&["node", "response ms", "connected nodes", "routes"]);
                for n in &r.nodes {
                    let peers: Vec<String> = n.connected_nodes.iter().flatten().map(show).collect();
                    let routes: Vec<String> = n.routes.iter().flatten().map(route_text).collect();
                    t.add_row(vec![
                        show(&n.name),
                        show(&n.response_time),
                        peers.join(", "),
                        routes.join(", "),
                    ]);
                }
                t.to_string()
            })
            .await
        }
        ClusterCommand::User(ClusterUserCommand::Create {
            name,
            password,
            use_it,
        }) => {
            let password = password.resolve(g, &format!("Password for cluster user {name}"))?;
            let client = connect(g).await?;
            let added = client
                .call_raw(&AddUser {
                    role: "cluster_user".into(),
                    username: name.clone(),
                    password,
                    active: true,
                })
                .await?;
            // Which cluster user this node links with changes only when asked:
            // peers with another one refuse the node (spec 1.6).
            if use_it {
                client
                    .call(&SetConfiguration::one("clustering_user", name.as_str()))
                    .await?;
                eprintln!(
                    "warning: this node now links as {}; every node of the cluster needs the same cluster user and password, or they refuse it",
                    show(&name)
                );
            }
            print_answer(g, added, |r| {
                if use_it {
                    format!(
                        "{}; clustering.user is now {}",
                        show(&r.message),
                        show(&name)
                    )
                } else {
                    format!(
                        "{} (clustering.user is unchanged; to link as it: harper op set_configuration clustering_user={})",
                        show(&r.message),
                        show(&name)
                    )
                }
            })
        }
    }
}

/// `harper cluster configure FILE|-`: YAML or JSON, a list of connections or
/// an object with `connections`.
pub async fn configure(g: &Global, file: &str) -> CliResult {
    let text = if file == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| CliError::failed(format!("cannot read standard input: {e}")))?;
        s
    } else {
        // A file that cannot be read is an I/O failure (exit 1), not a usage error.
        std::fs::read_to_string(file)
            .map_err(|e| CliError::failed(format!("cannot read {file}: {e}")))?
    };
    let doc: Value = serde_yaml::from_str(&text)
        .map_err(|e| CliError::usage(format!("{file} is not valid YAML or JSON: {e}")))?;
    let not_a_list = || {
        CliError::usage(format!(
            "{file} must hold a list of connections ({{node_name, subscriptions}}) or an object with `connections`"
        ))
    };
    let connections = match doc {
        Value::Array(list) => list,
        Value::Object(mut o) => match o.remove("connections") {
            Some(Value::Array(list)) => list,
            _ => return Err(not_a_list()),
        },
        _ => return Err(not_a_list()),
    };
    let client = connect(g).await?;
    if g.interactive() {
        confirm_removals(g, &client, &connections).await?;
    }
    let answer = client.call_raw(&ConfigureCluster { connections }).await?;
    print_answer(g, answer, |r| {
        let mut lines = vec![show(&r.message)];
        for c in &r.connections {
            lines.push(format!(
                "{}: {}",
                show(&c.node_name),
                show(&c.subscriptions.message)
            ));
        }
        if let Some(f) = &r.failed_nodes {
            lines.push(format!(
                "failed: {}",
                f.iter().map(show).collect::<Vec<_>>().join(", ")
            ));
        }
        lines.join("\n")
    })
}

/// `configure_cluster` replaces every node: on a TTY, ask before it removes
/// registered nodes the new list leaves out.
/// `cluster enable` on a TTY: ask only for what neither the flags nor the
/// node have. A configured node name and cluster user are kept; a password is
/// asked for (twice) only when the cluster user is to be created.
async fn ask_missing(client: &Client, cfg: &Value, op: &mut ClusterEnable) -> CliResult {
    let configured = |key: &str| {
        cfg["clustering"][key]
            .as_str()
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    let users = client.call(&ListUsers {}).await?;
    let is_cluster_user = |name: &str| {
        users.iter().any(|u| {
            u.username.as_deref() == Some(name)
                && u.role.as_ref().is_some_and(|r| r.role == "cluster_user")
        })
    };
    if op.cluster_user.is_none() {
        op.cluster_user = match configured("user").filter(|u| is_cluster_user(u)) {
            Some(u) => Some(u),
            None => Some(crate::prompt::text(
                "Cluster user",
                Some(configured("user").as_deref().unwrap_or("cluster_user")),
            )?),
        };
    }
    let user = op.cluster_user.clone().unwrap_or_default();
    if op.cluster_password.is_none() && !is_cluster_user(&user) {
        op.cluster_password = Some(crate::prompt::new_password(&format!(
            "Password for the new cluster user {} (the same on every node)",
            show(&user)
        ))?);
    }
    if op.node_name.is_none() && configured("nodeName").is_none() {
        op.node_name = Some(crate::prompt::text_until(
            "Please enter a unique name for this node",
            None,
            NodeName::is_valid,
            &format!("Invalid node name, {}", harper_rpc::names::NODE_NAME_RULE),
        )?);
    }
    Ok(())
}

async fn confirm_removals(g: &Global, client: &Client, connections: &[Value]) -> CliResult {
    let status = client.call(&CLUSTER_STATUS).await?;
    let kept: Vec<&str> = connections
        .iter()
        .filter_map(|c| c["node_name"].as_str())
        .collect();
    let removed: Vec<String> = status
        .connections
        .iter()
        .map(|c| c.node_name.as_str())
        .filter(|n| !kept.contains(n))
        .map(show)
        .collect();
    if removed.is_empty() {
        return Ok(());
    }
    crate::prompt::confirm_or_cancel(
        g,
        &format!(
            "This removes {} and every subscription with {}: {}. Go on?",
            if removed.len() == 1 {
                "a node"
            } else {
                "nodes"
            },
            if removed.len() == 1 { "it" } else { "them" },
            removed.join(", ")
        ),
        "the cluster was not reconfigured",
    )
}
