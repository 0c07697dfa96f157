//! `harper load csv DB.TABLE FILE [--action insert|update|upsert]`: the
//! daemon loads the file as a job (`csv_file_load` locally, where it can read
//! the file; `csv_data_load` with the file's text to a `--target`), and this
//! command follows the job with `get_job` until it ends: a progress bar on a
//! TTY, a plain line per tenth otherwise. `-o json` prints what the load
//! operation answered (HarperDB's `{"message", "job_id"}`), at once, so a
//! script has the job id however the job ends. A load that wrote no row of a
//! non-empty file exits 1; Ctrl-C stops following (not the job), says how
//! to follow it, and exits 130.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use clap::Subcommand;
use harper_rpc::TableRef;
use harper_rpc::ops::{CsvDataLoad, CsvFileLoad, GetJob, Job, JobStatus, WriteAction};

use super::prelude::connect;
use crate::Global;
use crate::complete;
use crate::error::{CliError, CliResult};
use crate::output::{self, show};

/// How often the job is asked how it is going.
const POLL_INTERVAL: Duration = Duration::from_millis(100);
/// Give up following a job that has not moved for this long.
const STALL_TIMEOUT: Duration = Duration::from_secs(300);
/// Exit code after Ctrl-C (128 + SIGINT, as shells report it).
const EXIT_INTERRUPTED: u8 = 130;

#[derive(Debug, Subcommand)]
pub enum LoadCommand {
    /// Load a CSV file (first line: attribute names) into a table
    Csv(CsvArgs),
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Action {
    /// Skip records whose primary key exists
    Insert,
    /// Merge into existing records; skip missing ones
    Update,
    /// Insert or update
    Upsert,
}

impl From<Action> for WriteAction {
    fn from(a: Action) -> WriteAction {
        match a {
            Action::Insert => WriteAction::Insert,
            Action::Update => WriteAction::Update,
            Action::Upsert => WriteAction::Upsert,
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct CsvArgs {
    /// DB.TABLE (TABLE alone means database `data`)
    #[arg(value_name = "DB.TABLE", add = complete::tables())]
    table: TableRef,
    /// The CSV file
    #[arg(value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    file: PathBuf,
    /// What to do with each row
    #[arg(long, value_enum, default_value_t = Action::Insert)]
    action: Action,
}

pub async fn run(g: &Global, c: LoadCommand) -> CliResult {
    let LoadCommand::Csv(a) = c;
    // A file that cannot be read is an I/O failure (exit 1).
    let unreadable =
        |e: std::io::Error| CliError::failed(format!("cannot read {}: {e}", a.file.display()));
    let file = std::fs::canonicalize(&a.file).map_err(unreadable)?;
    if !std::fs::metadata(&file).map_err(unreadable)?.is_file() {
        return Err(CliError::failed(format!(
            "cannot read {}: not a file",
            a.file.display()
        )));
    }
    let client = connect(g).await?;
    let (action, database, table) = (
        a.action.into(),
        a.table.database.clone(),
        a.table.table.clone(),
    );
    let started = if client.target().is_some() {
        // The remote daemon cannot read this machine's files: send the text.
        let data = std::fs::read(&file).map_err(unreadable)?;
        let data = String::from_utf8(data)
            .map_err(|_| CliError::usage(format!("{} is not UTF-8 text", a.file.display())))?;
        let op = CsvDataLoad {
            action,
            database,
            table,
            data,
        };
        client.call_raw(&op).await?
    } else {
        let op = CsvFileLoad {
            action,
            database,
            table,
            file_path: file.display().to_string(),
        };
        client.call_raw(&op).await?
    };
    // Ctrl-C is caught from before the job id is printed, so it never kills
    // this process with the id unsaid.
    let mut ctrl_c = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::interrupt())
        .map_err(|e| CliError::failed(format!("cannot catch Ctrl-C: {e}")))?;
    let machine = output::machine(g.output, &started.raw)?;
    let id = started.typed.job_id;
    let job = tokio::select! {
        job = follow(&client, &id, &a.table) => job?,
        _ = ctrl_c.recv() => return Err(interrupted(&id)),
    };
    let message = job.message.clone().unwrap_or_default();
    if nothing_loaded(&message) {
        return Err(CliError::failed(format!(
            "no record of {} was written to {}: {}",
            a.file.display(),
            a.table,
            show(&message)
        ))
        .with_hint(match a.action {
            // Insert skips rows whose key exists, update those whose key does not.
            Action::Insert | Action::Update => format!(
                "harper load csv {} {} --action upsert",
                a.table,
                show(&a.file.display().to_string())
            ),
            Action::Upsert => format!("harper op get_job id={}", show(&id)),
        }));
    }
    if !machine {
        output::out(&show(&message))?;
    }
    Ok(())
}

/// True when a finished load wrote none of its (some) rows: the job's
/// message is `successfully loaded 0 of N records` with N > 0.
fn nothing_loaded(message: &str) -> bool {
    let Some(rest) = message.strip_prefix("successfully loaded 0 of ") else {
        return false;
    };
    rest.split(' ')
        .next()
        .and_then(|n| n.parse::<u64>().ok())
        .is_some_and(|n| n > 0)
}

/// Ctrl-C while following: the job goes on in the daemon; say how to follow it.
fn interrupted(id: &str) -> CliError {
    CliError {
        code: EXIT_INTERRUPTED,
        ..CliError::failed(format!(
            "interrupted; the load goes on in harperd as job {}",
            show(id)
        ))
    }
    .with_hint(format!("harper op get_job id={}", show(id)))
}

/// Poll `get_job` until the job ends; the job as it ended.
async fn follow(client: &crate::client::Client, id: &str, table: &TableRef) -> CliResult<Job> {
    let tty = std::io::stderr().is_terminal();
    let bar = tty.then(|| {
        // Cleared however following ends, Ctrl-C (the future dropped) included.
        let pb = indicatif::ProgressBar::new(0).with_finish(indicatif::ProgressFinish::AndClear);
        pb.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} {msg} [{bar:40}] {human_pos}/{human_len} records ({elapsed}, {eta} left)",
            )
            .expect("a valid template")
            .progress_chars("=> "),
        );
        pb.set_message(format!("loading {table}"));
        pb.enable_steady_tick(Duration::from_millis(100));
        pb
    });
    let mut said_tenths = None;
    let mut last = (0, Instant::now());
    let result = loop {
        let answer = client.call(&GetJob { id: id.to_owned() }).await?;
        let Some(job) = answer.first() else {
            break Err(CliError::failed(format!(
                "job {} is not known to the daemon (was it restarted?)",
                show(id)
            )));
        };
        let processed = job.progress.processed;
        let total = job.progress.total;
        match (&bar, total) {
            (Some(pb), Some(t)) => {
                pb.set_length(t);
                pb.set_position(processed);
            }
            (None, Some(t)) if t > 0 => {
                let tenths = processed * 10 / t;
                if said_tenths != Some(tenths) {
                    eprintln!(
                        "{table}: {processed} of {t} records processed (job {})",
                        show(id)
                    );
                    said_tenths = Some(tenths);
                }
            }
            _ => {}
        }
        match job.status {
            JobStatus::Complete => break Ok(job.clone()),
            JobStatus::Error => {
                break Err(CliError::failed(format!(
                    "loading {table} failed: {}",
                    show(&job.message)
                ))
                .with_hint(format!("harper op get_job id={}", show(id))));
            }
            JobStatus::Created | JobStatus::InProgress => {}
        }
        if processed != last.0 {
            last = (processed, Instant::now());
        } else if last.1.elapsed() > STALL_TIMEOUT {
            break Err(CliError::failed(format!(
                "job {} made no progress for {} s; it may still be running",
                show(id),
                STALL_TIMEOUT.as_secs()
            ))
            .with_hint(format!("harper op get_job id={}", show(id))));
        }
        tokio::time::sleep(POLL_INTERVAL).await;
    };
    if let Some(pb) = bar {
        pb.finish_and_clear();
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_load_that_wrote_no_row_is_told_apart() {
        assert!(nothing_loaded("successfully loaded 0 of 3 records"));
        assert!(!nothing_loaded("successfully loaded 2 of 3 records"));
        assert!(!nothing_loaded("successfully loaded 0 of 0 records"));
        assert!(!nothing_loaded("No records parsed from csv file."));
    }

    #[test]
    fn an_interrupted_load_names_its_job_and_exits_130() {
        let e = interrupted("j-1");
        assert_eq!(e.code, 130);
        assert!(e.message.contains("j-1"), "{}", e.message);
        assert_eq!(e.hint.as_deref(), Some("harper op get_job id=j-1"));
    }
}
