//! Streams and their consumers: `purge_stream` (spec 3.11), `stream_info`
//! (ours), and the consumer status that `cluster_status` and `stream_info`
//! show. The daemon's consumers keep their status in [`ConsumerStatus`], so
//! the consumer states are spelt here only.

use serde::{Deserialize, Serialize};

use super::MessageResponse;

/// `purge_stream`: remove entries of this node's stream of a table (data stays).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PurgeStream {
    /// Database.
    pub database: String,
    /// Table.
    pub table: String,
    /// What to keep; absent purges the whole stream.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<PurgeOptions>,
}

/// `purge_stream`'s `options` (NATS's, without `filter`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PurgeOptions {
    /// Keep the newest `keep` entries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keep: Option<u64>,
    /// Remove the entries below sequence `seq`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seq: Option<u64>,
}

/// `stream_info` (ours): the extent of this node's stream of a table and who reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StreamInfo {
    /// Database.
    pub database: String,
    /// Table.
    pub table: String,
}

operation! {
    PurgeStream => PurgeStream, MessageResponse;
    StreamInfo => StreamInfo, StreamInfoResponse;
}

/// The answer of `stream_info`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StreamInfoResponse {
    /// Database.
    pub database: String,
    /// Table.
    pub table: String,
    /// HarperDB's stream name (md5 of `database.table`).
    pub stream_name: String,
    /// First retained sequence.
    pub first_seq: u64,
    /// Last sequence written.
    pub last_seq: u64,
    /// Last sequence flushed (what peers may read).
    pub durable_seq: u64,
    /// Retained entries.
    pub messages: u64,
    /// Bytes of retained entries.
    pub bytes: u64,
    /// Append time of the first retained entry, ms since the epoch.
    pub first_time: Option<f64>,
    /// Append time of the last entry, ms since the epoch.
    pub last_time: Option<f64>,
    /// Other nodes reading this stream.
    pub consumers: Vec<StreamReader>,
    /// This node's consumers of that table on other nodes' streams.
    pub subscriptions: Vec<ConsumerStatus>,
}

/// Another node reading one of this node's streams, as its pulls show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StreamReader {
    /// The reading node.
    pub node: String,
    /// The next sequence it asked for.
    pub next_seq: u64,
    /// Entries it is behind the flushed end of the stream.
    pub lag_messages: u64,
    /// When it last asked, ms since the epoch.
    pub seen_ms: u64,
}

/// What a consumer (this node reading a table's stream on another node) does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsumerState {
    /// Created; no pull has finished yet.
    Starting,
    /// Applying entries; more are waiting.
    Streaming,
    /// Nothing left to apply.
    CaughtUp,
    /// Copying the table (a gap or a new stream).
    Resyncing,
    /// The publisher is unreachable or slow, or this node's disk refuses writes.
    Waiting,
    /// Stuck on one entry (see [`Stall`]).
    Stalled,
}

/// A consumer's status, for `cluster_status` and `stream_info`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConsumerStatus {
    /// The node whose stream is read.
    pub publisher: String,
    /// Database.
    pub database: String,
    /// Table.
    pub table: String,
    /// What it does.
    pub state: ConsumerState,
    /// The next sequence to apply.
    pub next_seq: u64,
    /// The publisher's last flushed sequence, as last seen.
    pub publisher_last_seq: Option<u64>,
    /// Entries behind.
    pub lag_messages: Option<u64>,
    /// Time behind, ms: append time of the publisher's newest entry minus that
    /// of the newest one applied here (0 when caught up).
    pub lag_ms: Option<f64>,
    /// Entries applied since the daemon started.
    pub applied: u64,
    /// Last failure.
    pub last_error: Option<String>,
    /// When the state last changed, ms since the epoch.
    pub since_ms: u64,
    /// Gaps repaired since the daemon started.
    pub gaps_repaired: u64,
    /// The last gap found.
    pub last_gap: Option<Gap>,
    /// A snapshot resync in progress.
    pub resync: Option<Resync>,
    /// Where and why it is stuck, while it is.
    pub stalled: Option<Stall>,
    /// Times the publisher's stream was replaced and read again from its start.
    pub stream_restarts: u64,
    /// The last such replacement.
    pub last_restart: Option<StreamRestart>,
    /// Writes the publisher left out because they were beyond the limits and
    /// superseded by a newer version of their record there.
    pub omitted_writes: u64,
}

/// A gap found in a publisher's stream: the cursor fell behind what it keeps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gap {
    /// When, ms since the epoch.
    pub detected_ms: u64,
    /// Where this node's cursor was.
    pub cursor: u64,
    /// The first entry the publisher still held.
    pub first_retained: u64,
}

/// Where a consumer is stuck, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stall {
    /// The sequence it cannot get past.
    pub seq: u64,
    /// Why.
    pub reason: String,
    /// Since when, ms since the epoch.
    pub since_ms: u64,
}

/// The publisher's stream was replaced by a new one (its table was dropped
/// and created again), and the consumer read it again from sequence 1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StreamRestart {
    /// When it was noticed, ms since the epoch.
    pub detected_ms: u64,
    /// Where the cursor was on the old stream.
    pub old_next_seq: u64,
    /// The old stream's identity.
    pub old_stream: String,
    /// The new one's.
    pub new_stream: String,
}

/// Progress of a snapshot resync.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resync {
    /// Records (and tombstones) copied so far.
    pub copied: u64,
    /// About how many there are.
    pub total: Option<u64>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::{Operation, to_body};

    #[test]
    fn purge_stream_sends_only_the_options_given() {
        let mut op = PurgeStream {
            database: "data".into(),
            table: "dog".into(),
            options: None,
        };
        assert_eq!(
            serde_json::to_string(&op.to_request()).unwrap(),
            r#"{"operation":"purge_stream","database":"data","table":"dog"}"#
        );
        op.options = Some(PurgeOptions {
            keep: Some(5),
            seq: None,
        });
        assert_eq!(
            serde_json::to_string(&op.to_request()).unwrap(),
            r#"{"operation":"purge_stream","database":"data","table":"dog","options":{"keep":5}}"#
        );
    }

    #[test]
    fn consumer_states_are_the_strings_status_shows() {
        let all = [
            (ConsumerState::Starting, "starting"),
            (ConsumerState::Streaming, "streaming"),
            (ConsumerState::CaughtUp, "caught_up"),
            (ConsumerState::Resyncing, "resyncing"),
            (ConsumerState::Waiting, "waiting"),
            (ConsumerState::Stalled, "stalled"),
        ];
        for (state, text) in all {
            assert_eq!(serde_json::to_value(state).unwrap(), text);
        }
    }

    #[test]
    fn stream_info_reads_the_daemons_answer() {
        let body = r#"{"database":"data","table":"dog","stream_name":"x","first_seq":1,"last_seq":3,"durable_seq":3,"messages":3,"bytes":120,"first_time":1700000000000.5,"last_time":null,"consumers":[{"node":"B","next_seq":4,"lag_messages":0,"seen_ms":9}],"subscriptions":[{"publisher":"B","database":"data","table":"dog","state":"stalled","next_seq":2,"publisher_last_seq":5,"lag_messages":3,"lag_ms":1.5,"applied":1,"last_error":"too big","since_ms":8,"gaps_repaired":1,"last_gap":{"detected_ms":1,"cursor":1,"first_retained":4},"resync":{"copied":2,"total":null},"stalled":{"seq":2,"reason":"too big","since_ms":8},"stream_restarts":1,"last_restart":{"detected_ms":2,"old_next_seq":9,"old_stream":"a","new_stream":"b"},"omitted_writes":0}]}"#;
        let r: StreamInfoResponse = serde_json::from_str(body).unwrap();
        assert_eq!(r.subscriptions[0].state, ConsumerState::Stalled);
        assert_eq!(serde_json::to_string(&to_body(&r)).unwrap(), body);
    }
}
