//! `harper`: the command line for `harperd`. One module per command group,
//! each thin: parse, call the daemon, print. The exit policy lives in
//! [`error`]; output formats in [`output`].

pub mod client;
pub mod commands;
pub mod complete;
pub mod error;
pub mod output;
pub mod prompt;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use harper_rpc::{MAX_TOKEN_BYTES, Route};

use crate::client::Login;
use crate::commands::Command;
use crate::error::{CliError, EXIT_USAGE};
use crate::output::Format;

/// Options every command understands.
#[derive(Debug, Clone, clap::Args)]
pub struct Global {
    /// Root folder of the installation [default: ~/hdb; also $ROOTPATH]
    #[arg(long, global = true, env = "HARPER_ROOT", value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// Output format
    #[arg(short, long, global = true, env = "HARPER_OUTPUT", value_enum, default_value_t = Format::Table)]
    pub output: Format,
    /// Tables without their header row (for `awk` and `cut`)
    #[arg(long, global = true)]
    pub no_headers: bool,
    /// Never prompt; a missing value is an error (exit 2)
    #[arg(short = 'y', long, global = true)]
    pub yes: bool,
    /// Log to stderr; HARPER_LOG=FILTER (`debug`, `harper_cli=trace`) logs without -v too
    #[arg(short, long, global = true)]
    pub verbose: bool,
    /// Administer a remote daemon over TLS (its operations API) instead of the local socket
    #[arg(long, global = true, env = "HARPER_TARGET", value_name = "HOST:PORT")]
    pub target: Option<Route>,
    /// CA certificate to verify --target with [default: trust on first use, pinned in ~/.harper/known_targets]
    #[arg(long, global = true, env = "HARPER_TARGET_CA", value_name = "FILE")]
    pub target_ca: Option<PathBuf>,
    /// User name for --target
    #[arg(
        long = "username",
        global = true,
        env = "CLI_TARGET_USERNAME",
        hide_env_values = true,
        value_name = "U"
    )]
    pub target_username: Option<String>,
    /// Password for --target; give it before the subcommand (`user add --password` is the new
    /// user's) or in the environment; prompted for on a TTY
    #[arg(
        long = "password",
        env = "CLI_TARGET_PASSWORD",
        hide_env_values = true,
        value_name = "P"
    )]
    pub target_password: Option<Secret>,
    /// Operation token for --target instead of --username/--password (from the node's
    /// create_authentication_tokens), sent as `Authorization: Bearer`
    #[arg(
        long = "token",
        global = true,
        env = "CLI_TARGET_TOKEN",
        hide_env_values = true,
        value_name = "T"
    )]
    pub target_token: Option<Secret>,
}

/// `path` joined to the current directory when relative (`std::path::absolute`:
/// no symlink is resolved and nothing need exist); as given when even the
/// current directory is gone.
fn absolute(path: PathBuf) -> PathBuf {
    std::path::absolute(&path).unwrap_or(path)
}

/// A value that never shows in debug output or help (a password).
#[derive(Clone)]
pub struct Secret(pub String);

impl std::str::FromStr for Secret {
    type Err = std::convert::Infallible;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Secret(s.to_owned()))
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<hidden>")
    }
}

impl Global {
    /// The root folder: `--root`, `$HARPER_ROOT`, `$ROOTPATH`, else `~/hdb`;
    /// always absolute (a relative one is under the current directory, which
    /// need not hold it yet), so that every path printed or handed to
    /// harperd names the same folder wherever it is read.
    pub fn root(&self) -> PathBuf {
        absolute(self.given_root())
    }

    fn given_root(&self) -> PathBuf {
        if let Some(r) = &self.root {
            return r.clone();
        }
        if let Ok(r) = std::env::var("ROOTPATH")
            && !r.is_empty()
        {
            return PathBuf::from(r);
        }
        let home = std::env::var("HOME").unwrap_or_else(|_| ".".into());
        PathBuf::from(home).join("hdb")
    }

    /// The login for `--target`: a user name is required; a missing password
    /// is asked for on a TTY. `None` without `--target`.
    pub fn login(&self) -> Result<Option<Login>, CliError> {
        let Some(target) = &self.target else {
            return Ok(None);
        };
        if let Some(Secret(token)) = &self.target_token {
            return self.token_login(target, token).map(Some);
        }
        let Some(username) = self.target_username.clone().filter(|u| !u.is_empty()) else {
            return Err(CliError::usage(format!(
                "--target {target} needs a user name: pass --username or set CLI_TARGET_USERNAME"
            )));
        };
        let password = match &self.target_password {
            Some(Secret(p)) => p.clone(),
            None if self.interactive() => dialoguer::Password::new()
                .with_prompt(format!("Password of {username} on {target}"))
                .interact()
                .map_err(|e| CliError::failed(format!("prompt failed: {e}")))?,
            None => {
                return Err(CliError::usage(format!(
                    "--target {target} needs a password: pass --password before the subcommand or set CLI_TARGET_PASSWORD"
                )));
            }
        };
        Ok(Some(Login {
            target: target.clone(),
            username,
            password,
            token: None,
            ca: self.target_ca.clone(),
        }))
    }

    /// The login for `--target` with `--token`: no user name or password
    /// with it, and no token longer than any harperd issues.
    fn token_login(&self, target: &Route, token: &str) -> Result<Login, CliError> {
        if self.target_username.is_some() || self.target_password.is_some() {
            return Err(CliError::usage(
                "--token logs in by itself: leave out --username and --password (and CLI_TARGET_USERNAME, CLI_TARGET_PASSWORD)",
            ));
        }
        let token = token.trim();
        if token.is_empty() || token.len() > MAX_TOKEN_BYTES {
            return Err(CliError::usage(format!(
                "--token must be an operation token (harperd issues them with create_authentication_tokens; at most {MAX_TOKEN_BYTES} bytes)"
            )));
        }
        Ok(Login {
            target: target.clone(),
            username: String::new(),
            password: String::new(),
            token: Some(token.to_owned()),
            ca: self.target_ca.clone(),
        })
    }

    /// True when prompts may be shown (a TTY on stdin and stderr, and no `--yes`).
    pub fn interactive(&self) -> bool {
        use std::io::IsTerminal;
        !self.yes && std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
    }
}

/// harper: install, run and administer harperd, a HarperDB-compatible node
/// that stores tables in sled and replicates them over a TLS mesh.
#[derive(Debug, Parser)]
#[command(
    name = "harper",
    version,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

/// Split HarperDB-style `--KEY value` settings (`--CLUSTERING_NODENAME Node1`)
/// out of the arguments of `install`, leaving the rest for clap.
pub fn split_settings(args: Vec<String>) -> (Vec<String>, Vec<(String, String)>) {
    let install_at = args.iter().position(|a| a == "install");
    let Some(install_at) = install_at else {
        return (args, Vec::new());
    };
    let mut kept = args[..=install_at].to_vec();
    let mut settings = Vec::new();
    let mut it = args[install_at + 1..].iter().peekable();
    while let Some(a) = it.next() {
        let name = a.strip_prefix("--").unwrap_or("");
        let is_setting = !name.is_empty()
            && !name.contains('=')
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && name.chars().any(|c| c == '_' || c.is_ascii_uppercase());
        if is_setting {
            let value = match it.peek() {
                Some(v) if !v.starts_with("--") => it.next().cloned().unwrap_or_default(),
                _ => "true".to_owned(),
            };
            settings.push((name.to_owned(), value));
        } else {
            kept.push(a.clone());
        }
    }
    (kept, settings)
}

/// Run the CLI with the process arguments; `main` returns this.
pub fn main() -> ExitCode {
    clap_complete::CompleteEnv::with_factory(Cli::command).complete();
    let (args, settings) = split_settings(std::env::args().collect());
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            print_clap_error(&e);
            return ExitCode::from(if e.use_stderr() { EXIT_USAGE } else { 0 });
        }
    };
    if let Some(filter) = log_filter(
        cli.global.verbose,
        env_var("HARPER_LOG"),
        env_var("RUST_LOG"),
    ) {
        init_logging(&filter);
    }
    output::set_no_headers(cli.global.no_headers);
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => return report(CliError::failed(format!("cannot start a runtime: {e}"))),
    };
    match runtime.block_on(commands::run(cli, settings)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => report(e),
    }
}

/// A clap error as clap prints it, unless it quotes an argument holding a
/// control or invisible character (clap echoes the bad value): then each line
/// escaped with [`harper_rpc::text::printable`], without colour.
fn print_clap_error(e: &clap::Error) {
    let plain = e.render().to_string();
    let unsafe_char = |c: char| c != '\n' && harper_rpc::text::is_unsafe_char(c);
    if e.use_stderr() && plain.chars().any(unsafe_char) {
        for line in plain.lines() {
            eprintln!("{}", harper_rpc::text::printable(line));
        }
    } else {
        let _ = e.print();
    }
}

/// The filter used with `-v` and no `HARPER_LOG`.
const VERBOSE_FILTER: &str = "debug,tarpc=warn,rustls=info,hyper=info";

fn env_var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// The log filter, when the CLI logs at all: `HARPER_LOG` alone turns
/// logging on with its filter (as `RUST_LOG` does for other programs), `-v`
/// with `HARPER_LOG` or `RUST_LOG` as the filter, else [`VERBOSE_FILTER`].
fn log_filter(
    verbose: bool,
    harper_log: Option<String>,
    rust_log: Option<String>,
) -> Option<String> {
    match harper_log {
        Some(f) => Some(f),
        None if verbose => Some(rust_log.unwrap_or_else(|| VERBOSE_FILTER.to_owned())),
        None => None,
    }
}

/// Logs go to stderr (stdout stays the command's output), without colour.
fn init_logging(filter: &str) {
    let env_filter = match tracing_subscriber::EnvFilter::try_new(filter) {
        Ok(f) => f,
        Err(e) => {
            eprintln!(
                "warning: HARPER_LOG '{}' is not a log filter ({e}); using {VERBOSE_FILTER}",
                harper_rpc::text::printable(filter)
            );
            tracing_subscriber::EnvFilter::new(VERBOSE_FILTER)
        }
    };
    let _ = tracing_subscriber::fmt()
        .with_env_filter(env_filter)
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .try_init();
    tracing::debug!(version = harper_rpc::VERSION, filter, "harper logging");
}

fn report(e: CliError) -> ExitCode {
    // The message may be the daemon's, quoting a peer or a client: one line, escaped.
    use harper_rpc::text::printable;
    eprintln!("error: {}", printable(&e.message));
    if let Some(h) = &e.hint {
        eprintln!("hint: {}", printable(h));
    }
    ExitCode::from(e.code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn harper_log_alone_turns_logging_on() {
        let s = |v: &str| Some(v.to_owned());
        assert_eq!(log_filter(false, s("debug"), None), s("debug"));
        assert_eq!(log_filter(true, s("info"), s("trace")), s("info"));
        assert_eq!(log_filter(true, None, s("trace")), s("trace"));
        assert_eq!(log_filter(true, None, None), s(VERBOSE_FILTER));
        assert_eq!(log_filter(false, None, s("trace")), None);
    }

    #[test]
    fn a_relative_root_is_made_absolute() {
        let cli = Cli::try_parse_from(["harper", "--root", "rel/n4", "version"]).unwrap();
        let root = cli.global.root();
        assert!(root.is_absolute(), "{}", root.display());
        assert_eq!(root, std::env::current_dir().unwrap().join("rel/n4"));
    }

    #[test]
    fn settings_are_split_out_of_install_only() {
        let args = |s: &str| s.split(' ').map(String::from).collect::<Vec<_>>();
        let (kept, settings) = split_settings(args(
            "harper --root R install -y --node-name N --CLUSTERING_USER cu --CLUSTERING_ENABLED --TLS_X 1",
        ));
        assert_eq!(kept, args("harper --root R install -y --node-name N"));
        assert_eq!(
            settings,
            vec![
                ("CLUSTERING_USER".into(), "cu".into()),
                ("CLUSTERING_ENABLED".into(), "true".into()),
                ("TLS_X".into(), "1".into())
            ]
        );
        let (kept, settings) = split_settings(args("harper route list --CLUSTERING_USER x"));
        assert_eq!(kept.len(), 5);
        assert!(settings.is_empty());
    }
}
