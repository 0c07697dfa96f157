//! Jobs (spec 3.15): `csv_data_load` and `csv_file_load` answer at once with a
//! job id and load in the background; `get_job` reports how a job is going.
//! Rows go through the same `insert`/`update`/`upsert` as the operations API
//! (`super::data::write`), in batches, so they are flushed before they count
//! and replicate like any other write.
//!
//! Jobs are kept in memory (the newest [`MAX_JOBS`]); they do not survive a
//! restart, unlike HarperDB's `system.hdb_job` table. The CSV itself is read
//! by [`super::csv`].

use std::collections::{HashMap, VecDeque};
use std::path::PathBuf;
use std::sync::{LazyLock, Mutex};

use harper_rpc::catalogue::Op;
use harper_rpc::ops::{JobProgress, JobStarted, JobStatus, WriteAction, to_body};
use harper_rpc::{OpError, Request, TableRef};
use serde_json::Value;

use super::{Caller, body, csv, write_error};
use crate::node::Node;
use crate::store::StoreError;
use crate::store::record::wall_millis;

/// Jobs remembered for `get_job`; older finished ones are forgotten first.
const MAX_JOBS: usize = 1000;
/// Rows per write: one sled transaction and one stream entry each.
const BATCH_ROWS: usize = 500;
/// Stream entries should stay well below sled's blob threshold (CRATES.md).
const BATCH_BYTES: usize = 48 * 1024;

/// Where the CSV comes from.
enum Source {
    Data(String),
    File(PathBuf),
}

/// A job's state as `get_job` shows it.
#[derive(Debug, Clone)]
struct Job {
    id: String,
    kind: Op,
    user: Option<String>,
    status: JobStatus,
    message: Option<String>,
    created_ms: u64,
    start_ms: Option<u64>,
    end_ms: Option<u64>,
    processed: usize,
    total: Option<usize>,
}

impl Job {
    /// HarperDB's job record, plus `progress` (ours) for progress bars.
    fn record(&self) -> harper_rpc::ops::Job {
        harper_rpc::ops::Job {
            created_time: self.created_ms,
            updated_time: self.end_ms.or(self.start_ms).unwrap_or(self.created_ms),
            created_datetime: self.created_ms,
            end_datetime: self.end_ms,
            id: self.id.clone(),
            job_body: None,
            message: self.message.clone(),
            start_datetime: self.start_ms,
            status: self.status,
            kind: self.kind.name().to_owned(),
            user: self.user.clone(),
            start_datetime_converted: self.start_ms.map(|ms| crate::config::millis_iso(ms as i64)),
            end_datetime_converted: self.end_ms.map(|ms| crate::config::millis_iso(ms as i64)),
            progress: JobProgress {
                processed: self.processed as u64,
                total: self.total.map(|t| t as u64),
            },
        }
    }
}

/// The jobs of this process. One daemon runs one node, and job ids are
/// random UUIDs, so one registry per process is enough.
static JOBS: LazyLock<Mutex<Registry>> = LazyLock::new(Mutex::default);

#[derive(Default)]
struct Registry {
    jobs: HashMap<String, Job>,
    order: VecDeque<String>,
}

impl Registry {
    fn add(&mut self, job: Job) {
        while self.order.len() >= MAX_JOBS {
            // Forget the oldest finished job; running ones stay.
            let Some(at) = self
                .order
                .iter()
                .position(|id| self.jobs.get(id).is_none_or(|j| j.status.is_finished()))
            else {
                break;
            };
            if let Some(id) = self.order.remove(at) {
                self.jobs.remove(&id);
            }
        }
        self.order.push_back(job.id.clone());
        self.jobs.insert(job.id.clone(), job);
    }
}

fn update(id: &str, f: impl FnOnce(&mut Job)) {
    if let Some(job) = JOBS.lock().expect("jobs lock").jobs.get_mut(id) {
        f(job);
    }
}

/// `csv_data_load`: the CSV text is in the `data` field.
pub async fn csv_data_load(node: &Node, caller: &Caller, req: &Request) -> Result<Value, OpError> {
    let (action, table) = validate(node, req)?;
    let data = match req.get("data") {
        Some(Value::String(s)) if !s.is_empty() => s.clone(),
        None | Some(Value::Null) | Some(Value::String(_)) => {
            return Err(OpError::bad_request("Data can't be blank"));
        }
        Some(_) => return Err(OpError::bad_request("Data must be a string")),
    };
    csv::check_header(data.as_bytes()).map_err(OpError::bad_request)?;
    Ok(start(
        node,
        caller,
        Op::CsvDataLoad,
        action,
        table,
        Source::Data(data),
    ))
}

/// `csv_file_load`: the CSV is a file on the daemon's machine (`file_path`).
pub async fn csv_file_load(node: &Node, caller: &Caller, req: &Request) -> Result<Value, OpError> {
    let (action, table) = validate(node, req)?;
    let path = match req.get("file_path") {
        Some(Value::String(s)) if !s.is_empty() => PathBuf::from(s),
        None | Some(Value::Null) | Some(Value::String(_)) => {
            return Err(OpError::bad_request("File path can't be blank"));
        }
        Some(_) => return Err(OpError::bad_request("File path must be a string")),
    };
    let head = read_head(&path)
        .await
        .map_err(|e| OpError::bad_request(format!("cannot read file '{}': {e}", path.display())))?;
    csv::check_header(&head).map_err(OpError::bad_request)?;
    Ok(start(
        node,
        caller,
        Op::CsvFileLoad,
        action,
        table,
        Source::File(path),
    ))
}

/// The first bytes of a file: enough for its header line.
async fn read_head(path: &std::path::Path) -> std::io::Result<Vec<u8>> {
    use tokio::io::AsyncReadExt;
    let file = tokio::fs::File::open(path).await?;
    if file.metadata().await?.is_dir() {
        return Err(std::io::Error::other("it is a directory"));
    }
    let mut head = Vec::new();
    file.take(64 * 1024).read_to_end(&mut head).await?;
    Ok(head)
}

/// `get_job`: `[job]`, or `[]` for an unknown id (as HarperDB answers).
/// With `owner` set, only a job of that user (`Some(None)`: of the socket).
pub fn get_job(owner: Option<Option<&str>>, req: &Request) -> Result<Value, OpError> {
    let id = match req.get("id") {
        Some(Value::String(s)) if !s.is_empty() => s,
        _ => return Err(OpError::bad_request("'id' is required")),
    };
    let jobs = JOBS.lock().expect("jobs lock");
    let found: Vec<harper_rpc::ops::Job> = jobs
        .jobs
        .get(id)
        .filter(|job| owner.is_none_or(|user| job.user.as_deref() == user))
        .map(Job::record)
        .into_iter()
        .collect();
    Ok(to_body(&found))
}

/// `search_jobs_by_start_date {from_date, to_date}`: the jobs started
/// strictly between the two ISO 8601 times, oldest first, each as `get_job`
/// shows it without the record times (HarperDB's `handleGetJobsByStartDate`).
pub fn search_jobs_by_start_date(req: &Request) -> Result<Value, OpError> {
    let date = |key: &str, which: &str, end: &str| {
        req.get(key)
            .and_then(|v| crate::config::iso_value_millis(v).ok())
            .and_then(|ms| u64::try_from(ms).ok())
            .ok_or_else(|| {
                OpError::bad_request(format!(
                    "There was an error searching jobs by date: Error: Invalid '{which}' date, must be in ISO-8601 format (YYYY-MM-DD){end}"
                ))
            })
    };
    let from = date("from_date", "from", ".")?;
    let to = date("to_date", "to", "")?;
    let jobs = JOBS.lock().expect("jobs lock");
    let found = jobs
        .order
        .iter()
        .filter_map(|id| jobs.jobs.get(id))
        .filter(|j| j.start_ms.is_some_and(|s| s > from && s < to))
        .map(|j| {
            let mut v = to_body(&j.record());
            if let Value::Object(o) = &mut v {
                o.remove("__createdtime__");
                o.remove("__updatedtime__");
            }
            v
        })
        .collect();
    Ok(Value::Array(found))
}

/// The checks HarperDB makes before it starts a load job.
fn validate(node: &Node, req: &Request) -> Result<(WriteAction, TableRef), OpError> {
    let named = |a: &str| match Op::from_name(a) {
        Some(Op::Insert) => Some(WriteAction::Insert),
        Some(Op::Update) => Some(WriteAction::Update),
        Some(Op::Upsert) => Some(WriteAction::Upsert),
        _ => None,
    };
    let action = match req.get("action") {
        None | Some(Value::Null) => Some(WriteAction::Insert),
        Some(Value::String(a)) => named(a),
        Some(_) => None,
    }
    .ok_or_else(|| {
        OpError::bad_request("Action is required and must be either insert, update, or upsert")
    })?;
    let database = body::database(req)?;
    let table = match req.get("table") {
        Some(Value::String(t)) if !t.is_empty() => t.clone(),
        _ => return Err(OpError::bad_request("Table can't be blank")),
    };
    let table = TableRef::new(database, table);
    node.store().table(&table).map_err(write_error)?;
    Ok((action, table))
}

fn start(
    node: &Node,
    caller: &Caller,
    kind: Op,
    action: WriteAction,
    table: TableRef,
    source: Source,
) -> Value {
    let id = uuid::Uuid::new_v4().to_string();
    let user = caller.username().map(str::to_owned);
    JOBS.lock().expect("jobs lock").add(Job {
        id: id.clone(),
        kind,
        user: user.clone(),
        status: JobStatus::Created,
        message: None,
        created_ms: wall_millis(),
        start_ms: None,
        end_ms: None,
        processed: 0,
        total: None,
    });
    let node = node.clone();
    let job_id = id.clone();
    // Detached: the job outlives the request that started it.
    tokio::spawn(async move {
        update(&job_id, |j| {
            j.status = JobStatus::InProgress;
            j.start_ms = Some(wall_millis());
        });
        let (status, message) = match run(&node, &job_id, action, &table, source, user).await {
            Ok(m) => (JobStatus::Complete, m),
            Err(m) => (JobStatus::Error, m),
        };
        tracing::info!(job = %job_id, table = %table, ?status, "{message}");
        update(&job_id, |j| {
            j.status = status;
            j.message = Some(message);
            j.end_ms = Some(wall_millis());
        });
    });
    to_body(&JobStarted {
        message: format!("Starting job with id {id}"),
        job_id: id,
    })
}

/// Parse, then write in batches; the message of the finished job.
async fn run(
    node: &Node,
    job_id: &str,
    action: WriteAction,
    table: &TableRef,
    source: Source,
    user: Option<String>,
) -> Result<String, String> {
    let rows = tokio::task::spawn_blocking(move || match source {
        Source::Data(text) => csv::parse(text.as_bytes()),
        Source::File(path) => std::fs::read(&path)
            .map_err(|e| format!("cannot read file '{}': {e}", path.display()))
            .and_then(|bytes| csv::parse(&bytes)),
    })
    .await
    .map_err(|e| format!("parsing the CSV failed: {e}"))??;
    let total = rows.len();
    if total == 0 {
        return Ok("No records parsed from csv file.".to_owned());
    }
    update(job_id, |j| j.total = Some(total));
    let mut loaded = 0;
    let mut processed = 0;
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let mut batch = Vec::new();
        let mut bytes = 0;
        while let Some(row) = rows.next_if(|_| batch.len() < BATCH_ROWS && bytes < BATCH_BYTES) {
            bytes += row
                .iter()
                .map(|(k, v)| k.len() + json_len(v))
                .sum::<usize>();
            batch.push(Value::Object(row));
        }
        let n = batch.len();
        loaded += write_batch(node, action, table, batch, processed + 1, user.as_deref()).await?;
        processed += n;
        update(job_id, |j| j.processed = processed);
    }
    Ok(format!("successfully loaded {loaded} of {total} records"))
}

/// Write one batch of rows (the first is CSV record `first`); the records
/// written. A batch beyond one of the store's limits (its estimate was off)
/// is split in halves until each part fits, so only a single record beyond
/// the limits fails the load, and the job's error names it and the limit.
async fn write_batch(
    node: &Node,
    action: WriteAction,
    table: &TableRef,
    batch: Vec<Value>,
    first: usize,
    user: Option<&str>,
) -> Result<usize, String> {
    // Parts still to write, the next on top, each with its first record's number.
    let mut parts = vec![(first, batch)];
    let mut written = 0;
    while let Some((at, rows)) = parts.pop() {
        let attempt = super::data::commit_write(node, table.clone(), action, rows.clone(), user);
        match attempt.await {
            Ok(out) => written += out.written.len(),
            Err(StoreError::Limit(_)) if rows.len() > 1 => {
                let mut front = rows;
                let back = front.split_off(front.len() / 2);
                parts.push((at + front.len(), back));
                parts.push((at, front));
            }
            Err(StoreError::Limit(e)) => return Err(format!("CSV record {at}: {e}")),
            Err(e) => return Err(write_error(e).message().to_owned()),
        }
    }
    Ok(written)
}

/// A cheap size estimate of a cell, for batching.
fn json_len(v: &Value) -> usize {
    match v {
        Value::String(s) => s.len() + 2,
        Value::Array(_) | Value::Object(_) => v.to_string().len(),
        _ => 8,
    }
}

/// A job that finished as it started (`restart_service`): its id, for `get_job`.
pub fn finished(caller: &Caller, kind: Op, status: JobStatus, message: String) -> String {
    let id = uuid::Uuid::new_v4().to_string();
    let now = wall_millis();
    JOBS.lock().expect("jobs lock").add(Job {
        id: id.clone(),
        kind,
        user: caller.username().map(str::to_owned),
        status,
        message: Some(message),
        created_ms: now,
        start_ms: Some(now),
        end_ms: Some(now),
        processed: 0,
        total: None,
    });
    id
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn job(id: &str, status: JobStatus) -> Job {
        Job {
            id: id.into(),
            kind: Op::CsvDataLoad,
            user: None,
            status,
            message: None,
            created_ms: 0,
            start_ms: None,
            end_ms: None,
            processed: 0,
            total: None,
        }
    }

    #[test]
    fn registry_forgets_finished_jobs_first() {
        let mut r = Registry::default();
        r.add(job("running", JobStatus::InProgress));
        for i in 0..MAX_JOBS + 5 {
            r.add(job(&format!("done{i}"), JobStatus::Complete));
        }
        assert!(r.jobs.len() <= MAX_JOBS);
        assert!(r.jobs.contains_key("running"));
        assert!(r.jobs.contains_key(&format!("done{}", MAX_JOBS + 4)));
        assert!(!r.jobs.contains_key("done0"));
    }

    #[test]
    fn jobs_are_found_by_start_date_strictly_between() {
        let mut j = job("by-date-1", JobStatus::Complete);
        j.start_ms = Some(crate::config::iso_millis("2031-02-03T10:00:00Z").unwrap() as u64);
        JOBS.lock().unwrap().add(j);
        let search = |from: &str, to: &str| {
            let body = json!({"from_date": from, "to_date": to});
            let Value::Object(body) = body else {
                unreachable!()
            };
            search_jobs_by_start_date(&body)
        };
        let ids = |v: Value| -> Vec<Value> {
            v.as_array()
                .unwrap()
                .iter()
                .map(|j| j["id"].clone())
                .collect()
        };
        let found = search("2031-02-03", "2031-02-04").unwrap();
        assert_eq!(ids(found.clone()), [json!("by-date-1")]);
        assert_eq!(
            found[0]["start_datetime_converted"],
            "2031-02-03T10:00:00.000Z"
        );
        assert!(found[0].get("__createdtime__").is_none());
        assert_eq!(
            ids(search("2031-02-03T10:00:00Z", "2031-02-04").unwrap()),
            Vec::<Value>::new()
        );
        assert_eq!(
            search("soon", "2031-02-04").unwrap_err().message(),
            "There was an error searching jobs by date: Error: Invalid 'from' date, must be in ISO-8601 format (YYYY-MM-DD)."
        );
        assert_eq!(
            search("2031-02-03", "").unwrap_err().message(),
            "There was an error searching jobs by date: Error: Invalid 'to' date, must be in ISO-8601 format (YYYY-MM-DD)"
        );
    }

    #[test]
    fn job_record_has_harperdb_fields() {
        let mut j = job("x", JobStatus::Complete);
        j.start_ms = Some(1_611_615_798_805);
        let v = to_body(&j.record());
        assert_eq!(v["start_datetime_converted"], "2021-01-25T23:03:18.805Z");
        assert_eq!(v["end_datetime_converted"], Value::Null);
        assert_eq!(v["status"], "COMPLETE");
        assert_eq!(v["type"], "csv_data_load");
    }
}
