//! What a node accepts, every peer can receive: one set of limits on a record
//! and on a transaction's stream entry, checked where a write is committed
//! (both doors, bulk loads and applied remote transactions go through it), and
//! again where a publisher ships an entry and a subscriber applies one.
//!
//! Why these numbers: a mesh frame may be at most 64 MiB
//! (`mesh::frame::MAX_FRAME_BYTES`), and serde_json refuses documents nested
//! more than 128 levels. A pull answer carries up to 4 MiB of entries plus
//! one more, and a frame wraps an entry in about a dozen levels of its own,
//! so an entry of [`MAX_ENTRY_BYTES`] whose records nest [`MAX_RECORD_DEPTH`]
//! levels always fits in one frame that every peer can decode.
//!
//! Sizes are of the encoded JSON as it is stored and shipped, not of the
//! request: `1e15` in a request is `1000000000000000.0` in the store.

use serde_json::Value;

/// Deepest nesting of arrays and objects in one record (the record itself is level 1).
pub const MAX_RECORD_DEPTH: usize = 64;
/// Largest record, as stored (encoded JSON).
pub const MAX_RECORD_BYTES: usize = 8 * 1024 * 1024;
/// Largest stream entry (one transaction on one table), as stored (encoded JSON).
pub const MAX_ENTRY_BYTES: usize = 32 * 1024 * 1024;

/// A limit that a record or an entry goes beyond.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LimitError {
    /// Arrays and objects nested deeper than [`MAX_RECORD_DEPTH`].
    #[error(
        "a record is nested more than {MAX_RECORD_DEPTH} levels deep (the limit of nested objects and arrays in a record)"
    )]
    TooDeep,
    /// A record larger than [`MAX_RECORD_BYTES`] once encoded.
    #[error(
        "a record of {0} bytes is larger than the limit of {mib} MiB per record",
        mib = MAX_RECORD_BYTES / (1024 * 1024)
    )]
    RecordTooLarge(usize),
    /// A transaction larger than [`MAX_ENTRY_BYTES`] once encoded.
    #[error(
        "a transaction of {0} bytes is larger than the limit of {mib} MiB per transaction on one table; write fewer records per request",
        mib = MAX_ENTRY_BYTES / (1024 * 1024)
    )]
    EntryTooLarge(usize),
}

pub use harper_rpc::depth::deeper_than;

/// Check a record's nesting.
pub fn check_depth(record: &Value) -> Result<(), LimitError> {
    if deeper_than(record, MAX_RECORD_DEPTH) {
        Err(LimitError::TooDeep)
    } else {
        Ok(())
    }
}

/// Check the encoded size of a record.
pub fn check_record_bytes(len: usize) -> Result<(), LimitError> {
    if len > MAX_RECORD_BYTES {
        Err(LimitError::RecordTooLarge(len))
    } else {
        Ok(())
    }
}

/// Check the encoded size of a stream entry.
pub fn check_entry_bytes(len: usize) -> Result<(), LimitError> {
    if len > MAX_ENTRY_BYTES {
        Err(LimitError::EntryTooLarge(len))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn nested(levels: usize) -> Value {
        let mut v = json!(1);
        for _ in 0..levels {
            v = json!({ "a": v });
        }
        v
    }

    #[test]
    fn the_depth_limit_is_inclusive() {
        assert!(check_depth(&nested(MAX_RECORD_DEPTH)).is_ok());
        assert_eq!(
            check_depth(&nested(MAX_RECORD_DEPTH + 1)),
            Err(LimitError::TooDeep)
        );
    }

    #[test]
    fn sizes_name_their_limit() {
        assert!(check_record_bytes(MAX_RECORD_BYTES).is_ok());
        let e = check_record_bytes(MAX_RECORD_BYTES + 1).unwrap_err();
        assert!(e.to_string().contains("8 MiB per record"), "{e}");
        assert!(check_entry_bytes(MAX_ENTRY_BYTES).is_ok());
        let e = check_entry_bytes(MAX_ENTRY_BYTES + 1).unwrap_err();
        assert!(e.to_string().contains("32 MiB per transaction"), "{e}");
    }
}
