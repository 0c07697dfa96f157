//! The subcommands. Each file declares its arguments and does: parse, call the
//! daemon, print.

mod cluster;
mod cluster_status;
mod data;
mod demo;
mod generate;
mod grid;
mod install;
mod lifecycle;
mod load;
mod logs;
mod man;
mod node;
mod node_link;
mod op;
mod picker;
mod prelude;
mod role;
mod route;
mod status;
mod stream;
mod subscribe;
mod user;
mod watch;
#[cfg(test)]
mod watch_tests;

use clap::Subcommand;

use crate::Cli;
use crate::error::{CliError, CliResult};

pub use generate::{SHELLS, completion_file_name, write_completions, write_man_pages};

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a root: config, database, first users and certificates
    Install(install::InstallArgs),
    /// Start harperd in the background; returns once it answers
    Start(lifecycle::StartArgs),
    /// Stop harperd gracefully; waits until the process is gone
    Stop,
    /// Stop, then start
    Restart,
    /// Daemon and clustering state (like `harperdb status`); also of a --target
    Status,
    /// Versions of harper and of the running daemon (or of the --target)
    Version,
    /// Regenerate the node certificate and key (same CA)
    RenewCerts,
    /// Clustering: enable, status, network, cluster users
    #[command(subcommand)]
    Cluster(cluster::ClusterCommand),
    /// Nodes: this node's name, the nodes of the cluster
    #[command(subcommand)]
    Node(node::NodeCommand),
    /// Routes: the other nodes this node dials
    #[command(subcommand)]
    Route(route::RouteCommand),
    /// Subscriptions: which tables flow to and from which nodes
    #[command(subcommand)]
    Subscribe(subscribe::SubscribeCommand),
    /// Streams: the per-table logs that other nodes consume
    #[command(subcommand)]
    Stream(stream::StreamCommand),
    /// Databases
    #[command(subcommand)]
    Database(data::DatabaseCommand),
    /// Tables
    #[command(subcommand)]
    Table(data::TableCommand),
    /// Insert records (existing primary keys are skipped)
    Insert(data::WriteArgs),
    /// Update records (merged into existing ones; missing ones are skipped)
    Update(data::WriteArgs),
    /// Insert or update records
    Upsert(data::WriteArgs),
    /// Delete records by primary key
    Delete(data::IdsArgs),
    /// Read records by primary key (all attributes)
    Get(data::IdsArgs),
    /// Find records whose attribute matches a value (`*` wildcards)
    Search(data::SearchArgs),
    /// Users
    #[command(subcommand)]
    User(user::UserCommand),
    /// Roles: what users may do, per database, table and attribute
    #[command(subcommand)]
    Role(role::RoleCommand),
    /// The daemon's log: the last lines, -f to follow (the file, or read_log with --target)
    Logs(logs::LogsArgs),
    /// Bulk loads, run by the daemon as a job (csv_data_load / csv_file_load)
    #[command(subcommand)]
    Load(load::LoadCommand),
    /// The two-node demo: edge and cloud on 127.0.0.1, replication, a cut link, catch-up
    Demo(demo::DemoArgs),
    /// Run any operation: `harper op describe_table database=dev table=dog`
    Op(op::OpArgs),
    /// Print a shell completion script
    Completions(generate::CompletionsArgs),
    /// Write the man pages
    Man(generate::ManArgs),
}

impl Command {
    /// The name of a command that manages the local root and so cannot go
    /// to a `--target` (completions and man pages talk to no daemon at all).
    fn local_only(&self) -> Option<&'static str> {
        Some(match self {
            Command::Install(_) => "install",
            Command::Start(_) => "start",
            Command::Stop => "stop",
            Command::Restart => "restart",
            Command::RenewCerts => "renew-certs",
            Command::Demo(_) => "demo",
            _ => return None,
        })
    }
}

/// Run a parsed command line.
pub async fn run(cli: Cli, settings: Vec<(String, String)>) -> CliResult {
    let g = cli.global;
    if let (Some(target), Some(name)) = (&g.target, cli.command.local_only()) {
        return Err(CliError::usage(format!(
            "`harper {name}` acts on the local root only and does not take --target {target}"
        ))
        .with_hint(format!(
            "run it without --target (and HARPER_TARGET), on the node itself: harper {name}"
        )));
    }
    match cli.command {
        Command::Install(a) => install::run(&g, a, settings).await,
        Command::Start(a) => lifecycle::start(&g, a).await,
        Command::Stop => lifecycle::stop(&g).await,
        Command::Restart => lifecycle::restart(&g).await,
        Command::Status => status::status(&g).await,
        Command::Version => status::version(&g).await,
        Command::RenewCerts => lifecycle::renew_certs(&g).await,
        Command::Cluster(c) => cluster::run(&g, c).await,
        Command::Node(c) => node::node(&g, c).await,
        Command::Route(c) => route::route(&g, c).await,
        Command::Subscribe(c) => subscribe::subscribe(&g, c).await,
        Command::Stream(c) => stream::stream(&g, c).await,
        Command::Database(c) => data::database(&g, c).await,
        Command::Table(c) => data::table_cmd(&g, c).await,
        Command::Insert(a) => data::write(&g, harper_rpc::ops::WriteAction::Insert, a).await,
        Command::Update(a) => data::write(&g, harper_rpc::ops::WriteAction::Update, a).await,
        Command::Upsert(a) => data::write(&g, harper_rpc::ops::WriteAction::Upsert, a).await,
        Command::Delete(a) => data::delete(&g, a).await,
        Command::Get(a) => data::get(&g, a).await,
        Command::Search(a) => data::search(&g, a).await,
        Command::User(c) => user::run(&g, c).await,
        Command::Role(c) => role::run(&g, c).await,
        Command::Load(c) => load::run(&g, c).await,
        Command::Logs(a) => logs::run(&g, a).await,
        Command::Op(a) => op::run(&g, a).await,
        Command::Demo(a) => demo::run(&g, a).await,
        Command::Completions(a) => generate::completions(a),
        Command::Man(a) => generate::man(a),
    }
}
