//! `harper load csv DB.TABLE FILE [--action insert|update|upsert]`: the
//! daemon loads the file as a job (`csv_file_load` locally, where it can read
//! the file; `csv_data_load` with the file's text to a `--target`), and this
//! command follows the job with `get_job` until it ends: a progress bar on a
//! TTY, a plain line per tenth otherwise. `-o json` prints the last `get_job`
//! answer.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use clap::Subcommand;
use harper_rpc::TableRef;
use harper_rpc::ops::{CsvDataLoad, CsvFileLoad, GetJob, Job, JobStatus, WriteAction};

use super::prelude::{connect, print_answer};
use crate::Global;
use crate::client::Answer;
use crate::complete;
use crate::error::{CliError, CliResult};
use crate::output::show;

/// How often the job is asked how it is going.
const POLL_INTERVAL: Duration = Duration::from_millis(100);
/// Give up following a job that has not moved for this long.
const STALL_TIMEOUT: Duration = Duration::from_secs(300);

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
    let unreadable =
        |e: std::io::Error| CliError::usage(format!("cannot read {}: {e}", a.file.display()));
    let file = std::fs::canonicalize(&a.file).map_err(unreadable)?;
    if !std::fs::metadata(&file).map_err(unreadable)?.is_file() {
        return Err(CliError::usage(format!(
            "{} is not a file",
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
        client.call(&op).await?
    } else {
        let op = CsvFileLoad {
            action,
            database,
            table,
            file_path: file.display().to_string(),
        };
        client.call(&op).await?
    };
    let job = follow(&client, &started.job_id, &a.table).await?;
    print_answer(g, job, |jobs| {
        show(&jobs.first().and_then(|j| j.message.as_ref()))
    })
}

/// Poll `get_job` until the job ends; its last answer.
async fn follow(
    client: &crate::client::Client,
    id: &str,
    table: &TableRef,
) -> CliResult<Answer<Vec<Job>>> {
    let tty = std::io::stderr().is_terminal();
    let bar = tty.then(|| {
        let pb = indicatif::ProgressBar::new(0);
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
        let answer = client.call_raw(&GetJob { id: id.to_owned() }).await?;
        let Some(job) = answer.typed.first() else {
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
            JobStatus::Complete => break Ok(answer),
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
