//! Jobs (spec 3.15): `csv_data_load` and `csv_file_load` start a load in the
//! background and answer with its id; `get_job` says how a job is going.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::data::WriteAction;

/// `csv_data_load`: the CSV text is in the request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CsvDataLoad {
    /// What to do with each row (default `insert`).
    pub action: WriteAction,
    /// Database.
    pub database: String,
    /// Table.
    pub table: String,
    /// The CSV; its first line names the attributes.
    pub data: String,
}

/// `csv_file_load`: the CSV is a file on the daemon's machine.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CsvFileLoad {
    /// What to do with each row (default `insert`).
    pub action: WriteAction,
    /// Database.
    pub database: String,
    /// Table.
    pub table: String,
    /// Absolute path of the file, as the daemon sees it.
    pub file_path: String,
}

/// `get_job`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GetJob {
    /// The job's id.
    pub id: String,
}

operation! {
    CsvDataLoad => CsvDataLoad, JobStarted;
    CsvFileLoad => CsvFileLoad, JobStarted;
    GetJob => GetJob, Vec<Job>;
}

/// The answer of an operation that starts a job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobStarted {
    /// `Starting job with id <id>`.
    pub message: String,
    /// The id for `get_job`.
    pub job_id: String,
}

/// Where a job is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum JobStatus {
    /// Accepted, not started.
    Created,
    /// Running.
    InProgress,
    /// Done; `message` says what it did.
    Complete,
    /// Failed; `message` says why.
    Error,
}

impl JobStatus {
    /// True once the job has ended, well or not.
    pub fn is_finished(self) -> bool {
        matches!(self, Self::Complete | Self::Error)
    }
}

/// HarperDB's job record (`system.hdb_job`), with `progress` added (ours).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Job {
    /// Creation time, ms since the epoch.
    #[serde(rename = "__createdtime__")]
    pub created_time: u64,
    /// Last change, ms since the epoch.
    #[serde(rename = "__updatedtime__")]
    pub updated_time: u64,
    /// Creation time, ms since the epoch.
    pub created_datetime: u64,
    /// End time, ms since the epoch.
    pub end_datetime: Option<u64>,
    /// The job's id.
    pub id: String,
    /// The request that started it (not kept: `null`).
    pub job_body: Option<Value>,
    /// What it did, or why it failed, once it has ended.
    pub message: Option<String>,
    /// Start time, ms since the epoch.
    pub start_datetime: Option<u64>,
    /// Where it is.
    pub status: JobStatus,
    /// The operation that started it.
    #[serde(rename = "type")]
    pub kind: String,
    /// Who started it (`null` for the local socket).
    pub user: Option<String>,
    /// `start_datetime` as ISO 8601.
    pub start_datetime_converted: Option<String>,
    /// `end_datetime` as ISO 8601.
    pub end_datetime_converted: Option<String>,
    /// Rows processed so far, of about how many.
    pub progress: JobProgress,
}

/// How far a job has got.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobProgress {
    /// Rows processed.
    pub processed: u64,
    /// Rows in all, once known.
    pub total: Option<u64>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::Operation;

    #[test]
    fn job_requests_use_harperdbs_field_names() {
        let op = CsvFileLoad {
            action: WriteAction::Upsert,
            database: "dev".into(),
            table: "dog".into(),
            file_path: "/tmp/d.csv".into(),
        };
        assert_eq!(
            serde_json::to_string(&op.to_request()).unwrap(),
            r#"{"operation":"csv_file_load","action":"upsert","database":"dev","table":"dog","file_path":"/tmp/d.csv"}"#
        );
        let op = GetJob { id: "x".into() };
        assert_eq!(
            serde_json::to_string(&op.to_request()).unwrap(),
            r#"{"operation":"get_job","id":"x"}"#
        );
    }

    #[test]
    fn job_records_read_the_daemons_bodies() {
        let body = r#"[{"__createdtime__":1,"__updatedtime__":3,"created_datetime":1,"end_datetime":3,"id":"x","job_body":null,"message":"successfully loaded 2 of 2 records","start_datetime":2,"status":"COMPLETE","type":"csv_data_load","user":null,"start_datetime_converted":"1970-01-01T00:00:00.002Z","end_datetime_converted":"1970-01-01T00:00:00.003Z","progress":{"processed":2,"total":2}}]"#;
        let r: Vec<Job> = serde_json::from_str(body).unwrap();
        assert_eq!(r[0].status, JobStatus::Complete);
        assert!(r[0].status.is_finished());
        assert_eq!(serde_json::to_string(&r).unwrap(), body);
        let started = r#"{"message":"Starting job with id x","job_id":"x"}"#;
        let r: JobStarted = serde_json::from_str(started).unwrap();
        assert_eq!(serde_json::to_string(&r).unwrap(), started);
        assert_eq!(
            serde_json::to_value(JobStatus::InProgress).unwrap(),
            "IN_PROGRESS"
        );
    }
}
