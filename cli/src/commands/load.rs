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
use serde_json::{Value, json};

use super::connect;
use crate::Global;
use crate::complete;
use crate::error::{CliError, CliResult};
use crate::output::{self, cell};

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

impl Action {
    fn name(self) -> &'static str {
        match self {
            Action::Insert => "insert",
            Action::Update => "update",
            Action::Upsert => "upsert",
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
    let mut fields = json!({
        "action": a.action.name(),
        "database": a.table.database,
        "table": a.table.table,
    });
    let operation = if client.target().is_some() {
        // The remote daemon cannot read this machine's files: send the text.
        let data = std::fs::read(&file).map_err(unreadable)?;
        let data = String::from_utf8(data)
            .map_err(|_| CliError::usage(format!("{} is not UTF-8 text", a.file.display())))?;
        fields["data"] = Value::String(data);
        "csv_data_load"
    } else {
        fields["file_path"] = Value::String(file.display().to_string());
        "csv_file_load"
    };
    let started = client
        .execute(harper_rpc::request(operation, fields))
        .await??;
    let Some(id) = started["job_id"].as_str().map(str::to_owned) else {
        return Err(CliError::failed(format!(
            "the daemon did not start a job: {started}"
        )));
    };
    let job = follow(&client, &id, &a.table).await?;
    if !output::machine(g.output, &job)? {
        output::out(&cell(&job[0]["message"]))?;
    }
    Ok(())
}

/// Poll `get_job` until the job ends; its last answer.
async fn follow(client: &crate::client::Client, id: &str, table: &TableRef) -> CliResult<Value> {
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
        let answer = client
            .execute(harper_rpc::request("get_job", json!({ "id": id })))
            .await??;
        let Some(job) = answer.get(0) else {
            break Err(CliError::failed(format!(
                "job {id} is not known to the daemon (was it restarted?)"
            )));
        };
        let processed = job["progress"]["processed"].as_u64().unwrap_or(0);
        let total = job["progress"]["total"].as_u64();
        match (&bar, total) {
            (Some(pb), Some(t)) => {
                pb.set_length(t);
                pb.set_position(processed);
            }
            (None, Some(t)) if t > 0 => {
                let tenths = processed * 10 / t;
                if said_tenths != Some(tenths) {
                    eprintln!("{table}: {processed} of {t} records processed (job {id})");
                    said_tenths = Some(tenths);
                }
            }
            _ => {}
        }
        match job["status"].as_str() {
            Some("COMPLETE") => break Ok(answer),
            Some("ERROR") => {
                break Err(CliError::failed(format!(
                    "loading {table} failed: {}",
                    cell(&job["message"])
                ))
                .with_hint(format!("harper op get_job id={id}")));
            }
            _ => {}
        }
        if processed != last.0 {
            last = (processed, Instant::now());
        } else if last.1.elapsed() > STALL_TIMEOUT {
            break Err(CliError::failed(format!(
                "job {id} made no progress for {} s; it may still be running",
                STALL_TIMEOUT.as_secs()
            ))
            .with_hint(format!("harper op get_job id={id}")));
        }
        tokio::time::sleep(POLL_INTERVAL).await;
    };
    if let Some(pb) = bar {
        pb.finish_and_clear();
    }
    result
}
