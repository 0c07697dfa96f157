//! `harper user add|list|drop|passwd`.

use super::install::read_stdin_secret;
use super::prelude::{call_and_print, connect, print_answer, said};
use crate::Global;
use crate::error::{CliError, CliResult};
use crate::output::{show, table};
use clap::Subcommand;
use harper_rpc::ops::{AddUser, AlterUser, DropUser, ListUsers};

/// `--role NAME`: any role name ([`harper_rpc::ops::roles::role_name`]);
/// the two built-in roles are offered as possible values (static shell
/// completions, `--help`), the live ones by the dynamic completer.
#[derive(Debug, Clone, Copy)]
struct RoleName;

impl clap::builder::TypedValueParser for RoleName {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        clap::builder::StringValueParser::new()
            .try_map(|s| harper_rpc::ops::roles::role_name(&s))
            .parse_ref(cmd, arg, value)
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        use clap::builder::PossibleValue;
        Some(Box::new(
            [
                PossibleValue::new("super_user").help("Every permission"),
                PossibleValue::new("cluster_user").help("Inter-node authentication only"),
            ]
            .into_iter(),
        ))
    }
}

#[derive(Debug, clap::Args)]
pub struct PasswordArgs {
    /// The password (visible in the process list; prefer --password-stdin)
    #[arg(long, value_name = "P", conflicts_with = "password_stdin")]
    password: Option<String>,
    /// Read the password from standard input
    #[arg(long)]
    password_stdin: bool,
}

/// Warn on stderr that the password given with `flag` is exposed: every
/// local user can read a command line (`ps`, `/proc/PID/cmdline`) and the
/// shell keeps it in its history. `instead` names the safer ways. Stdout is
/// untouched (scripts read it).
pub fn warn_password_flag(flag: &str, instead: &str) {
    eprintln!(
        "warning: the password given with {flag} is visible to other users in the process list \
         and stays in your shell history; use {instead} instead"
    );
}

impl PasswordArgs {
    /// The password from the flag, stdin, or a prompt on a TTY.
    pub fn resolve(self, g: &Global, what: &str) -> CliResult<String> {
        if let Some(p) = self.password {
            warn_password_flag(
                "--password",
                "--password-stdin (or the prompt on a terminal)",
            );
            return Ok(p);
        }
        if self.password_stdin {
            return read_stdin_secret();
        }
        if g.interactive() {
            return crate::prompt::new_password(what);
        }
        Err(CliError::usage(
            "a password is required: pass --password or --password-stdin",
        ))
    }
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a user (add_user)
    Add {
        /// User name
        #[arg(value_parser = harper_rpc::names::user_name)]
        name: String,
        /// Role name: super_user, cluster_user, or a role added with `harper role add`
        #[arg(long, value_name = "ROLE", value_parser = RoleName, hide_possible_values = true, add = crate::complete::roles())]
        role: String,
        #[command(flatten)]
        password: PasswordArgs,
    },
    /// List users (list_users)
    List,
    /// Remove a user (drop_user)
    Drop {
        /// User name
        #[arg(add = crate::complete::users())]
        name: String,
    },
    /// Change a user's password (alter_user)
    Passwd {
        /// User name
        #[arg(add = crate::complete::users())]
        name: String,
        #[command(flatten)]
        password: PasswordArgs,
    },
}

pub async fn run(g: &Global, c: UserCommand) -> CliResult {
    match c {
        UserCommand::Add {
            name,
            role,
            password,
        } => {
            let password = password.resolve(g, &format!("Password for {name}"))?;
            let op = AddUser {
                role,
                username: name,
                password,
                active: true,
            };
            call_and_print(g, &op, said).await
        }
        UserCommand::List => {
            call_and_print(g, &ListUsers {}, |users| {
                let mut t = table(&["username", "role", "active"]);
                for u in users {
                    t.add_row(vec![
                        show(&u.username),
                        show(&u.role.as_ref().map(|r| &r.role)),
                        show(&u.active),
                    ]);
                }
                t.to_string()
            })
            .await
        }
        UserCommand::Drop { name } => call_and_print(g, &DropUser { username: name }, said).await,
        UserCommand::Passwd { name, password } => {
            // Say that the user does not exist before asking for a password.
            let client = connect(g).await?;
            let users = client.call(&ListUsers {}).await?;
            if !users
                .iter()
                .any(|u| u.username.as_deref() == Some(name.as_str()))
            {
                return Err(
                    CliError::failed(format!("User {} does not exist", show(&name)))
                        .with_hint("harper user list"),
                );
            }
            let password = password.resolve(g, &format!("New password for {name}"))?;
            let op = AlterUser {
                username: name.clone(),
                password: Some(password),
                ..AlterUser::default()
            };
            print_answer(g, client.call_raw(&op).await?, |_| {
                format!("password of {name} changed")
            })
        }
    }
}
