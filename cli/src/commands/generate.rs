//! `harper completions SHELL` and `harper man`: generated from the clap
//! definition. The files in `completions/` and `man/` are these outputs,
//! committed, and a test fails when they drift.

use std::path::{Path, PathBuf};

use clap::CommandFactory;
use clap_complete::Shell;

use crate::Cli;
use crate::error::{CliError, CliResult};
use crate::output;

/// Every shell we ship a completion script for.
pub const SHELLS: [Shell; 5] = [
    Shell::Bash,
    Shell::Zsh,
    Shell::Fish,
    Shell::Elvish,
    Shell::PowerShell,
];

#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    shell: Shell,
}

#[derive(Debug, clap::Args)]
pub struct ManArgs {
    /// Write one page per command into DIR (else print harper(1) to stdout)
    #[arg(long, value_name = "DIR")]
    dir: Option<PathBuf>,
}

/// The file name of a shell's script in `completions/`.
pub fn completion_file_name(shell: Shell) -> String {
    match shell {
        Shell::Bash => "harper.bash".into(),
        Shell::Zsh => "_harper".into(),
        Shell::Fish => "harper.fish".into(),
        Shell::Elvish => "harper.elv".into(),
        Shell::PowerShell => "_harper.ps1".into(),
        other => format!("harper.{other}"),
    }
}

/// Write a shell's completion script.
pub fn write_completions(shell: Shell, out: &mut dyn std::io::Write) {
    clap_complete::generate(shell, &mut Cli::command(), "harper", out);
}

/// Write every man page into `dir`.
pub fn write_man_pages(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    super::man::write_pages(Cli::command(), dir)
}

/// Generated into memory, then written: clap_complete panics on a write
/// error, [`output::write_bytes`] does not.
pub fn completions(a: CompletionsArgs) -> CliResult {
    let mut script = Vec::new();
    write_completions(a.shell, &mut script);
    output::write_bytes(&script)
}

pub fn man(a: ManArgs) -> CliResult {
    match a.dir {
        Some(dir) => write_man_pages(&dir).map_err(|e| {
            CliError::failed(format!("cannot write man pages to {}: {e}", dir.display()))
        }),
        None => {
            let mut page = Vec::new();
            super::man::render(Cli::command(), &mut page)
                .map_err(|e| CliError::failed(format!("cannot render the man page: {e}")))?;
            output::write_bytes(&page)
        }
    }
}
