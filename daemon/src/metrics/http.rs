//! The HTTP door's figures: requests by operation and status, and the time
//! to answer them by operation. A request is counted with a few relaxed
//! atomic adds into fixed tables (no lock, no allocation), so the write
//! path pays nothing it would notice.
//!
//! The labels are bounded whatever clients send: an operation is one of the
//! catalogue's names (an alias counts as its operation), `unknown` for any
//! other name, or `none` when the request had none (refused before its body
//! was read, not JSON, a probe); a status is one of [`STATUSES`] or
//! `other`.

use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::time::Duration;

use harper_rpc::catalogue::{CATALOGUE, Op};
use serde_json::Value;

use crate::histogram::{Histogram, Snapshot};

/// The statuses counted under their own label; any other is `other`.
pub const STATUSES: &[u16] = &[
    200, 400, 401, 403, 404, 405, 408, 409, 413, 429, 500, 503, 504, 507,
];

/// What a request asked for, as the figures label it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Operation {
    /// No operation: refused before one was read, or not an operation (a probe).
    #[default]
    None,
    /// An operation name the catalogue does not have.
    Unknown,
    /// An operation of the catalogue.
    Known(Op),
}

impl Operation {
    /// The operation a request body's `operation` field names.
    pub fn of(field: Option<&Value>) -> Operation {
        match field {
            Some(Value::String(name)) => {
                Op::from_name(name).map_or(Operation::Unknown, Operation::Known)
            }
            Some(_) => Operation::Unknown,
            None => Operation::None,
        }
    }

    fn slot(self) -> usize {
        match self {
            Operation::Known(op) => CATALOGUE
                .iter()
                .position(|e| e.op == op)
                .unwrap_or(CATALOGUE.len()),
            Operation::Unknown => CATALOGUE.len(),
            Operation::None => CATALOGUE.len() + 1,
        }
    }

    fn label(slot: usize) -> &'static str {
        match CATALOGUE.get(slot) {
            Some(e) => e.name,
            None if slot == CATALOGUE.len() => "unknown",
            None => "none",
        }
    }
}

const OPERATION_SLOTS: usize = CATALOGUE.len() + 2;
const STATUS_SLOTS: usize = STATUSES.len() + 1;

fn status_slot(status: u16) -> usize {
    STATUSES
        .iter()
        .position(|s| *s == status)
        .unwrap_or(STATUSES.len())
}

fn status_label(slot: usize) -> String {
    STATUSES
        .get(slot)
        .map_or_else(|| "other".to_owned(), u16::to_string)
}

/// Requests answered by the HTTP door since it started.
#[derive(Debug)]
pub struct HttpFigures {
    /// Requests, `[operation][status]` flattened.
    requests: Box<[AtomicU64]>,
    /// Time to answer, by operation.
    times: Box<[Histogram]>,
}

impl Default for HttpFigures {
    fn default() -> Self {
        HttpFigures {
            requests: (0..OPERATION_SLOTS * STATUS_SLOTS)
                .map(|_| AtomicU64::new(0))
                .collect(),
            times: (0..OPERATION_SLOTS).map(|_| Histogram::micros()).collect(),
        }
    }
}

/// One line of [`HttpFigures::requests`].
#[derive(Debug, Clone, PartialEq)]
pub struct RequestCount {
    /// The operation's label.
    pub operation: &'static str,
    /// The status's label.
    pub status: String,
    /// Requests.
    pub count: u64,
}

impl HttpFigures {
    /// Count a request answered with `status` after `took`.
    pub fn observe(&self, op: Operation, status: u16, took: Duration) {
        let o = op.slot();
        self.requests[o * STATUS_SLOTS + status_slot(status)].fetch_add(1, Relaxed);
        self.times[o].observe_duration(took);
    }

    /// Requests by operation and status (only the pairs seen).
    pub fn requests(&self) -> Vec<RequestCount> {
        let mut out = Vec::new();
        for o in 0..OPERATION_SLOTS {
            for s in 0..STATUS_SLOTS {
                let count = self.requests[o * STATUS_SLOTS + s].load(Relaxed);
                if count > 0 {
                    out.push(RequestCount {
                        operation: Operation::label(o),
                        status: status_label(s),
                        count,
                    });
                }
            }
        }
        out
    }

    /// Time to answer, seconds, by operation (only the operations seen).
    pub fn times(&self) -> Vec<(&'static str, Snapshot)> {
        self.times
            .iter()
            .enumerate()
            .map(|(o, h)| (Operation::label(o), h.snapshot()))
            .filter(|(_, s)| s.count > 0)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn operations_are_labelled_by_the_catalogue_and_nothing_else() {
        let f = HttpFigures::default();
        let ms = Duration::from_millis(1);
        for (field, status) in [
            (Some(json!("insert")), 200),
            (Some(json!("insert")), 200),
            (Some(json!("create_schema")), 200),
            (Some(json!("no such thing, with \"quotes\"\n")), 400),
            (Some(json!(42)), 400),
            (None, 401),
            (None, 418),
        ] {
            f.observe(Operation::of(field.as_ref()), status, ms);
        }
        let got: Vec<(&str, String, u64)> = f
            .requests()
            .into_iter()
            .map(|r| (r.operation, r.status, r.count))
            .collect();
        assert_eq!(
            got,
            [
                ("create_database", "200".to_owned(), 1),
                ("insert", "200".to_owned(), 2),
                ("unknown", "400".to_owned(), 2),
                ("none", "401".to_owned(), 1),
                ("none", "other".to_owned(), 1),
            ]
        );
        let times = f.times();
        let insert = times.iter().find(|(o, _)| *o == "insert").unwrap();
        assert_eq!(insert.1.count, 2);
        assert_eq!(times.len(), 4);
    }
}
