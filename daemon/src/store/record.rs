//! How a record sits in its table tree: the primary-key encoding (keys sort by
//! type, then value) and the stored value (version header, then the record
//! JSON, or the deleted id for a tombstone). Also the hybrid logical clock that
//! hands out versions.

use std::cmp::Ordering;
use std::sync::atomic::{AtomicU64, Ordering as AtomicOrdering};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Bits of an HLC timestamp below the millisecond part (a logical counter).
const HLC_LOGICAL_BITS: u32 = 16;

const KEY_TAG_NUMBER: u8 = 0x10;
const KEY_TAG_STRING: u8 = 0x20;
const FLAG_TOMBSTONE: u8 = 0x01;

/// A record version: a hybrid logical clock timestamp, then the origin node's
/// name as tie-break, so every node orders two writes the same way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Version {
    /// HLC timestamp: milliseconds since the epoch << 16 | logical counter.
    pub ts: u64,
    /// The node where the write was committed.
    pub node: String,
}

impl Ord for Version {
    fn cmp(&self, other: &Self) -> Ordering {
        self.ts
            .cmp(&other.ts)
            .then_with(|| self.node.cmp(&other.node))
    }
}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Version {
    /// The timestamp as HarperDB shows times: float milliseconds since the epoch.
    pub fn millis(&self) -> f64 {
        hlc_millis(self.ts)
    }
}

/// Milliseconds (with the logical counter as a fraction) of an HLC timestamp.
pub fn hlc_millis(ts: u64) -> f64 {
    (ts >> HLC_LOGICAL_BITS) as f64 + (ts & 0xffff) as f64 / 65536.0
}

/// The HLC timestamp at the start of a wall-clock millisecond.
pub fn hlc_from_millis(ms: u64) -> u64 {
    ms << HLC_LOGICAL_BITS
}

/// How far ahead of the wall clock a version may be before this node refuses
/// to let it move its clock (`clustering.maxClockOffset`), unless set otherwise.
pub const DEFAULT_MAX_CLOCK_OFFSET_MS: u64 = 60_000;

/// A hybrid logical clock: strictly increasing on this node, never behind the
/// wall clock, and pushed forward by every version it observes, so a local
/// write always wins over whatever this node has already seen. A version
/// further ahead of the wall clock than the maximum offset is refused and
/// never moves the clock: one peer (or one stored record) with a clock in the
/// year 10889 must not drag every later write of this node there.
#[derive(Debug)]
pub struct Hlc {
    last: AtomicU64,
    max_offset_ms: AtomicU64,
}

impl Default for Hlc {
    fn default() -> Self {
        Hlc {
            last: AtomicU64::new(0),
            max_offset_ms: AtomicU64::new(DEFAULT_MAX_CLOCK_OFFSET_MS),
        }
    }
}

/// A version further ahead of this node's clock than the maximum offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error(
    "a version {} ahead of this node's clock, more than the maximum clock offset of {max_offset_ms} ms (clustering.maxClockOffset)",
    ahead_text(*ahead_ms)
)]
pub struct ClockAhead {
    /// How far ahead of the wall clock, ms.
    pub ahead_ms: u64,
    /// The offset in force, ms.
    pub max_offset_ms: u64,
}

fn ahead_text(ms: u64) -> String {
    match ms {
        0..=9_999 => format!("{ms} ms"),
        10_000..=863_999_999 => format!("{} s", ms / 1000),
        _ => format!("{} days", ms / 86_400_000),
    }
}

impl Hlc {
    /// The next timestamp.
    pub fn now(&self) -> u64 {
        let wall = hlc_from_millis(wall_millis());
        let mut last = self.last.load(AtomicOrdering::Relaxed);
        loop {
            let next = wall.max(last.saturating_add(1));
            match self.last.compare_exchange_weak(
                last,
                next,
                AtomicOrdering::AcqRel,
                AtomicOrdering::Relaxed,
            ) {
                Ok(_) => return next,
                Err(seen) => last = seen,
            }
        }
    }

    /// Set the maximum offset (live, from the settings).
    pub fn set_max_offset_ms(&self, ms: u64) {
        self.max_offset_ms.store(ms, AtomicOrdering::Relaxed);
    }

    /// The maximum offset in force, ms.
    pub fn max_offset_ms(&self) -> u64 {
        self.max_offset_ms.load(AtomicOrdering::Relaxed)
    }

    /// Refuse a version too far ahead of the wall clock (see [`Hlc`]).
    pub fn check(&self, ts: u64) -> Result<(), ClockAhead> {
        let max_offset_ms = self.max_offset_ms();
        let wall = wall_millis();
        let limit_ms = wall
            .saturating_add(max_offset_ms)
            .min(u64::MAX >> HLC_LOGICAL_BITS);
        let limit = hlc_from_millis(limit_ms) | 0xffff;
        if ts <= limit {
            return Ok(());
        }
        Err(ClockAhead {
            ahead_ms: (ts >> HLC_LOGICAL_BITS).saturating_sub(wall),
            max_offset_ms,
        })
    }

    /// Remember a timestamp seen elsewhere (a remote write, a stored record),
    /// unless it is too far ahead (then the clock stays where it is).
    pub fn observe(&self, ts: u64) -> Result<(), ClockAhead> {
        self.check(ts)?;
        self.last.fetch_max(ts, AtomicOrdering::AcqRel);
        Ok(())
    }
}

/// Milliseconds since the Unix epoch by the wall clock.
pub fn wall_millis() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

/// Why a value cannot be a primary key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a primary key must be a string or a number, not {0}")]
pub struct BadKey(pub String);

/// Encode a primary-key value so that keys sort numbers first (numerically),
/// then strings (bytewise).
pub fn encode_key(id: &Value) -> Result<Vec<u8>, BadKey> {
    match id {
        Value::Number(n) => {
            let f = n.as_f64().ok_or_else(|| BadKey(n.to_string()))?;
            // Order-preserving f64: flip the sign bit of positives, all bits of negatives.
            let bits = f.to_bits();
            let ordered = if f.is_sign_negative() {
                !bits
            } else {
                bits ^ (1 << 63)
            };
            let mut k = Vec::with_capacity(9);
            k.push(KEY_TAG_NUMBER);
            k.extend_from_slice(&ordered.to_be_bytes());
            Ok(k)
        }
        Value::String(s) => {
            let mut k = Vec::with_capacity(1 + s.len());
            k.push(KEY_TAG_STRING);
            k.extend_from_slice(s.as_bytes());
            Ok(k)
        }
        other => Err(BadKey(other.to_string())),
    }
}

/// A record as stored: its version and either the record or a tombstone.
#[derive(Debug, Clone, PartialEq)]
pub struct Stored {
    /// Version of the last write (or delete).
    pub version: Version,
    /// The record, or `None` for a tombstone.
    pub record: Option<Value>,
    /// The primary-key value (kept for tombstones, which have no record).
    pub id: Value,
}

impl Stored {
    /// Serialise: flags, ts, node name, then JSON of the record (or of the id for a tombstone).
    pub fn encode(&self) -> Vec<u8> {
        let body = match &self.record {
            Some(r) => serde_json::to_vec(r),
            None => serde_json::to_vec(&self.id),
        }
        .expect("JSON values serialise");
        let node = self.version.node.as_bytes();
        let node_len = node.len().min(255);
        let mut out = Vec::with_capacity(10 + node_len + body.len());
        out.push(if self.record.is_none() {
            FLAG_TOMBSTONE
        } else {
            0
        });
        out.extend_from_slice(&self.version.ts.to_be_bytes());
        out.push(node_len as u8);
        out.extend_from_slice(&node[..node_len]);
        out.extend_from_slice(&body);
        out
    }

    /// Parse a stored value; `pk` names the primary key to recover the id of a live record.
    pub fn decode(bytes: &[u8], pk: &str) -> Option<Stored> {
        let version = decode_version(bytes)?;
        let body_at = 10 + bytes[9] as usize;
        let body: Value = serde_json::from_slice(bytes.get(body_at..)?).ok()?;
        if bytes[0] & FLAG_TOMBSTONE != 0 {
            Some(Stored {
                version,
                record: None,
                id: body,
            })
        } else {
            let id = body.get(pk).cloned().unwrap_or(Value::Null);
            Some(Stored {
                version,
                record: Some(body),
                id,
            })
        }
    }
}

/// Read just the version of a stored value, without parsing the record.
pub fn decode_version(bytes: &[u8]) -> Option<Version> {
    if bytes.len() < 10 {
        return None;
    }
    let ts = u64::from_be_bytes(bytes[1..9].try_into().ok()?);
    let node_len = bytes[9] as usize;
    let node = std::str::from_utf8(bytes.get(10..10 + node_len)?).ok()?;
    Some(Version {
        ts,
        node: node.to_owned(),
    })
}

/// Bytes of the record (or tombstone id) JSON in a stored value, without its version header.
pub fn body_len(bytes: &[u8]) -> usize {
    match bytes.get(9) {
        Some(&node_len) => bytes.len().saturating_sub(10 + node_len as usize),
        None => 0,
    }
}

/// True when a stored value is a tombstone.
pub fn is_tombstone(bytes: &[u8]) -> bool {
    bytes.first().is_some_and(|f| f & FLAG_TOMBSTONE != 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn keys_sort_numbers_then_strings() {
        let ids = [
            json!(-5.5),
            json!(-1),
            json!(0),
            json!(1),
            json!(2.5),
            json!(10),
            json!(1e9),
        ];
        let keys: Vec<_> = ids.iter().map(|i| encode_key(i).unwrap()).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted);
        assert!(encode_key(&json!(1e12)).unwrap() < encode_key(&json!("a")).unwrap());
        assert!(encode_key(&json!("a")).unwrap() < encode_key(&json!("b")).unwrap());
        assert!(encode_key(&json!(null)).is_err());
        assert!(encode_key(&json!({"a":1})).is_err());
    }

    #[test]
    fn stored_round_trips() {
        let v = Version {
            ts: 42 << 16,
            node: "n1".into(),
        };
        let live = Stored {
            version: v.clone(),
            record: Some(json!({"id": 1, "a": "x"})),
            id: json!(1),
        };
        assert_eq!(Stored::decode(&live.encode(), "id").unwrap(), live);
        let dead = Stored {
            version: v,
            record: None,
            id: json!("k"),
        };
        let bytes = dead.encode();
        assert!(is_tombstone(&bytes));
        assert_eq!(Stored::decode(&bytes, "id").unwrap(), dead);
    }

    #[test]
    fn versions_order_by_time_then_node() {
        let a = Version {
            ts: 5,
            node: "a".into(),
        };
        let b = Version {
            ts: 5,
            node: "b".into(),
        };
        let c = Version {
            ts: 6,
            node: "a".into(),
        };
        assert!(a < b && b < c);
    }

    #[test]
    fn hlc_is_strictly_increasing_and_observes() {
        let hlc = Hlc::default();
        let t1 = hlc.now();
        let t2 = hlc.now();
        assert!(t2 > t1);
        hlc.observe(t2 + (1000 << 16)).unwrap();
        assert!(hlc.now() > t2 + (1000 << 16));
    }

    #[test]
    fn a_version_beyond_the_offset_never_moves_the_clock() {
        let hlc = Hlc::default();
        hlc.set_max_offset_ms(5_000);
        let before = hlc.now();
        let far = u64::MAX - 3;
        let e = hlc.observe(far).unwrap_err();
        assert_eq!(e.max_offset_ms, 5_000);
        assert!(e.to_string().contains("days ahead"), "{e}");
        let next = hlc.now();
        assert!(next > before && next < before + hlc_from_millis(1_000));
        // Within the offset it is observed (ordinary skew converges).
        let ahead = hlc_from_millis(wall_millis() + 4_000);
        hlc.observe(ahead).unwrap();
        assert!(hlc.now() > ahead);
        assert!(hlc.check(hlc_from_millis(wall_millis() + 6_000)).is_err());
    }

    #[test]
    fn a_huge_offset_accepts_everything_rather_than_wrapping() {
        let hlc = Hlc::default();
        hlc.set_max_offset_ms(u64::MAX);
        assert!(hlc.check(u64::MAX).is_ok());
    }

    #[test]
    fn the_clock_saturates_instead_of_wrapping() {
        let hlc = Hlc::default();
        hlc.last.store(u64::MAX, AtomicOrdering::Relaxed);
        assert_eq!(hlc.now(), u64::MAX);
    }
}
