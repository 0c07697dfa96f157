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
            let mut node_name = node_name.map(String::from);
            let mut cluster_user = cluster_user;
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
            if g.interactive() {
                let prompt = |what: &str, default: Option<String>| -> CliResult<String> {
                    let mut i = dialoguer::Input::<String>::new().with_prompt(what);
                    if let Some(d) = default {
                        i = i.default(d);
                    }
                    i.interact_text()
                        .map_err(|e| CliError::failed(format!("prompt failed: {e}")))
                };
                if cluster_user.is_none() {
                    let default = cfg["clustering"]["user"]
                        .as_str()
                        .unwrap_or("cluster_user")
                        .to_owned();
                    cluster_user = Some(prompt("Cluster user", Some(default))?);
                }
                if password.is_none() {
                    password = Some(
                        dialoguer::Password::new()
                            .with_prompt("Cluster password (the same on every node)")
                            .with_confirmation("Repeat the password", "The passwords do not match")
                            .interact()
                            .map_err(|e| CliError::failed(format!("prompt failed: {e}")))?,
                    );
                }
                if node_name.is_none() {
                    let default = cfg["clustering"]["nodeName"].as_str().map(str::to_owned);
                    loop {
                        let n =
                            prompt("Please enter a unique name for this node", default.clone())?;
                        if NodeName::is_valid(&n) {
                            node_name = Some(n);
                            break;
                        }
                        eprintln!("Invalid node name, {}", harper_rpc::names::NODE_NAME_RULE);
                    }
                }
            }
            let op = ClusterEnable {
                node_name,
                cluster_user,
                cluster_password: password,
            };
            let answer = client.call_raw(&op).await?;
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
    call_and_print(g, &ConfigureCluster { connections }, |r| {
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
    .await
}
