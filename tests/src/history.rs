//! Jepsen-style histories of client writes and the check run on them after
//! the faults: every write a `harper` client ran, when it started and ended
//! (wall clock, the clock the daemons' versions come from), and whether it
//! was acknowledged with an effect, acknowledged without one (an update or
//! delete of a missing record, an insert of an existing one), or left in
//! doubt (the command failed: the daemon died, or did not answer).
//!
//! The API does not show versions, so the check reasons from what must be
//! ordered: versions are hybrid-logical-clock timestamps that never run behind
//! the wall clock and, on one machine, never ahead of it by a whole
//! millisecond; on one node they strictly increase (also across restarts). So
//! a write that started after another one ended on the same node, or more than
//! a millisecond after it ended anywhere, has the higher version. Under
//! last-writer-wins the final value of a key must then be one that no
//! acknowledged write provably came after: never lost, never resurrected.
//! Not here: running faults (the tests) or comparing nodes (they must be equal
//! first; then one node's table is checked).

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{Value, json};

use crate::Node;

/// A tiny deterministic RNG (xorshift64*), so a failing seed replays.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// From a seed (0 is replaced: xorshift never leaves 0).
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    /// The next number.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    /// Uniform in `lo..=hi`.
    pub fn between(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }

    /// An independent generator for another thread.
    pub fn fork(&mut self) -> Rng {
        Rng::new(self.next_u64() | 1)
    }
}

/// The seed of a randomized test: `$var` when set (to replay a failure), else
/// a fresh one. Printed either way, with how to replay it.
pub fn seed(var: &str) -> u64 {
    let seed = std::env::var(var)
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or_else(|| {
            let t = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64)
                .unwrap_or(1);
            t ^ (std::process::id() as u64) << 32
        });
    eprintln!("seed {seed} (replay with {var}={seed})");
    seed
}

/// Microseconds since the Unix epoch by the wall clock.
pub fn now_us() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_micros() as u64)
        .unwrap_or(0)
}

/// Which write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `harper insert` (skipped when the record exists).
    Insert,
    /// `harper update` (skipped when it does not).
    Update,
    /// `harper upsert`.
    Upsert,
    /// `harper delete` (skipped when there is nothing to delete).
    Delete,
}

/// What the client learnt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Exit 0 and the key is among the written (or deleted) ones.
    Applied,
    /// Exit 0 and the key was skipped: the write had no effect.
    Skipped,
    /// The command failed: the write may or may not have happened.
    Unknown,
}

/// One client write of one key.
#[derive(Debug, Clone)]
pub struct Op {
    /// The node it was sent to.
    pub node: String,
    /// `db.table`.
    pub table: String,
    /// The primary key.
    pub key: u64,
    /// Which write.
    pub kind: Kind,
    /// The whole record written (every write carries every attribute, so a
    /// merge of update or upsert with the stored record is this record); none
    /// for a delete.
    pub record: Option<Value>,
    /// When the client started, µs since the epoch.
    pub invoked_us: u64,
    /// When it ended, µs since the epoch.
    pub completed_us: u64,
    /// What it learnt.
    pub outcome: Outcome,
}

impl fmt::Display for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let w = self
            .record
            .as_ref()
            .map(|r| r["w"].to_string())
            .unwrap_or_else(|| "-".into());
        write!(
            f,
            "{:?} {}[{}] w={w} on {} {:?} in {}..{}µs",
            self.kind,
            self.table,
            self.key,
            self.node,
            self.outcome,
            self.invoked_us,
            self.completed_us
        )
    }
}

impl Op {
    /// True when this write's version is certainly below `later`'s.
    pub fn before(&self, later: &Op) -> bool {
        if self.outcome == Outcome::Unknown {
            // A write in doubt may still commit after its client gave up.
            return false;
        }
        if self.node == later.node {
            // One node's clock strictly increases, across restarts too.
            return later.invoked_us > self.completed_us;
        }
        // Elsewhere: this version's millisecond is at most the one it ended
        // in, the later one's at least the one it started in; one spare ms.
        later.invoked_us / 1000 > self.completed_us / 1000 + 1
    }

    /// True when it may have changed the table.
    pub fn may_have_effect(&self) -> bool {
        self.outcome != Outcome::Skipped
    }
}

/// Run one write of `key` through `harper` on `node` and say what happened.
/// `tag` makes the record unique (`w`); the record is `{id, w, by}`.
pub fn write(node: &Node, table: &str, kind: Kind, key: u64, tag: &str) -> Op {
    let record = (kind != Kind::Delete).then(|| json!({"id": key, "w": tag, "by": node.name}));
    let key_text = key.to_string();
    let body = record.as_ref().map(|r| r.to_string()).unwrap_or_default();
    let args: Vec<&str> = match kind {
        Kind::Insert => vec!["insert", table, &body],
        Kind::Update => vec!["update", table, &body],
        Kind::Upsert => vec!["upsert", table, &body],
        Kind::Delete => vec!["delete", table, &key_text],
    };
    let mut args = args;
    args.extend(["-o", "json"]);
    let invoked_us = now_us();
    let run = node.harper(&args);
    let completed_us = now_us();
    let outcome = if run.code != 0 {
        Outcome::Unknown
    } else {
        let v: Value = serde_json::from_str(run.stdout.trim()).unwrap_or(Value::Null);
        let field = match kind {
            Kind::Insert => "inserted_hashes",
            Kind::Update => "update_hashes",
            Kind::Upsert => "upserted_hashes",
            Kind::Delete => "deleted_hashes",
        };
        match v[field].as_array() {
            Some(ids) if ids.iter().any(|i| i.as_u64() == Some(key)) => Outcome::Applied,
            Some(_) => Outcome::Skipped,
            // Exit 0 without the answer we know: treat as in doubt, never as proof.
            None => Outcome::Unknown,
        }
    };
    Op {
        node: node.name.clone(),
        table: table.to_owned(),
        key,
        kind,
        record,
        invoked_us,
        completed_us,
        outcome,
    }
}

/// A history shared by writer threads.
#[derive(Debug, Default)]
pub struct History {
    ops: Mutex<Vec<Op>>,
}

impl History {
    /// Empty.
    pub fn new() -> History {
        History::default()
    }

    /// Add one write.
    pub fn push(&self, op: Op) {
        self.ops.lock().expect("history").push(op);
    }

    /// A copy of every write so far.
    pub fn ops(&self) -> Vec<Op> {
        self.ops.lock().expect("history").clone()
    }

    /// How many writes ended each way: (applied, skipped, unknown).
    pub fn outcomes(&self) -> (usize, usize, usize) {
        let ops = self.ops.lock().expect("history");
        let n = |o| ops.iter().filter(|op| op.outcome == o).count();
        (
            n(Outcome::Applied),
            n(Outcome::Skipped),
            n(Outcome::Unknown),
        )
    }
}

/// The records of a table by primary key, from `harper search T 'id=*'`.
pub fn dump(node: &Node, table: &str) -> Result<BTreeMap<u64, Value>, String> {
    let run = node.harper(&["search", table, "id=*", "-o", "json"]);
    if run.code != 0 {
        return Err(format!("search on {} failed: {run:?}", node.name));
    }
    let v: Value = serde_json::from_str(run.stdout.trim()).map_err(|e| e.to_string())?;
    let mut out = BTreeMap::new();
    for r in v.as_array().cloned().unwrap_or_default() {
        let id = r["id"]
            .as_u64()
            .ok_or_else(|| format!("record without id: {r}"))?;
        out.insert(id, r);
    }
    Ok(out)
}

/// Check the final state of `table` (equal on every node) against the writes
/// of `ops` to it; returns every violation found, one sentence each.
pub fn check(ops: &[Op], table: &str, final_state: &BTreeMap<u64, Value>) -> Vec<String> {
    let mut by_key: BTreeMap<u64, Vec<&Op>> = BTreeMap::new();
    for op in ops.iter().filter(|o| o.table == table) {
        by_key.entry(op.key).or_default().push(op);
    }
    let mut bad = Vec::new();
    for (id, rec) in final_state {
        if !by_key.contains_key(id) {
            bad.push(format!("{table}[{id}] = {rec} was never written"));
        }
    }
    for (key, writes) in &by_key {
        // Acknowledged writes with an effect: what the final value must not
        // provably precede. `before` only looks at the latest start of one
        // on the same node and anywhere, so keep those.
        let acked: Vec<&Op> = writes
            .iter()
            .copied()
            .filter(|o| o.outcome == Outcome::Applied)
            .collect();
        let latest_ms = acked.iter().map(|a| a.invoked_us / 1000).max();
        let mut latest_on: BTreeMap<&str, u64> = BTreeMap::new();
        for a in &acked {
            let e = latest_on.entry(a.node.as_str()).or_default();
            *e = (*e).max(a.invoked_us);
        }
        let outdone = |w: &Op| {
            w.outcome != Outcome::Unknown
                && (latest_ms.is_some_and(|l| l > w.completed_us / 1000 + 1)
                    || latest_on
                        .get(w.node.as_str())
                        .is_some_and(|&l| l > w.completed_us))
        };
        let witness = |w: &Op| {
            acked
                .iter()
                .find(|a| w.before(a))
                .map(|a| a.to_string())
                .unwrap_or_default()
        };
        let possible = || writes.iter().copied().filter(|o| o.may_have_effect());
        match final_state.get(key) {
            Some(rec) => {
                let source =
                    possible().find(|o| o.kind != Kind::Delete && o.record.as_ref() == Some(rec));
                match source {
                    None => bad.push(format!(
                        "{table}[{key}] = {rec}: no write that could have taken effect wrote it"
                    )),
                    Some(w) if outdone(w) => bad.push(format!(
                        "{table}[{key}] = {rec} from ({w}) survived the later acknowledged ({})",
                        witness(w)
                    )),
                    Some(_) => {}
                }
            }
            None => {
                let deleted = possible().any(|o| o.kind == Kind::Delete && !outdone(o));
                let put = acked.iter().find(|o| o.kind != Kind::Delete);
                if let (false, Some(p)) = (deleted, put) {
                    bad.push(format!(
                        "{table}[{key}] is missing, yet ({p}) was acknowledged and no delete can have come after it"
                    ));
                }
            }
        }
    }
    bad
}

#[cfg(test)]
mod tests {
    use super::*;

    fn op(node: &str, key: u64, kind: Kind, w: &str, t: (u64, u64), outcome: Outcome) -> Op {
        Op {
            node: node.into(),
            table: "d.t".into(),
            key,
            kind,
            record: (kind != Kind::Delete).then(|| json!({"id": key, "w": w, "by": node})),
            invoked_us: t.0 * 1000,
            completed_us: t.1 * 1000,
            outcome,
        }
    }

    fn state(recs: &[(u64, &str, &str)]) -> BTreeMap<u64, Value> {
        recs.iter()
            .map(|(k, w, by)| (*k, json!({"id": k, "w": w, "by": by})))
            .collect()
    }

    #[test]
    fn the_last_write_or_a_concurrent_one_may_win() {
        let ops = [
            op("a", 1, Kind::Upsert, "a1", (0, 10), Outcome::Applied),
            op("b", 1, Kind::Upsert, "b1", (5, 20), Outcome::Applied),
            op("a", 1, Kind::Upsert, "a2", (30, 40), Outcome::Applied),
        ];
        assert!(check(&ops, "d.t", &state(&[(1, "a2", "a")])).is_empty());
        // b1 overlaps a1 but a2 came after both.
        let bad = check(&ops, "d.t", &state(&[(1, "b1", "b")]));
        assert_eq!(bad.len(), 1, "{bad:?}");
        assert!(
            bad[0].contains("survived the later acknowledged"),
            "{bad:?}"
        );
        // Lost.
        let bad = check(&ops, "d.t", &state(&[]));
        assert!(bad[0].contains("is missing"), "{bad:?}");
        // Never written.
        let bad = check(&ops, "d.t", &state(&[(1, "zz", "a"), (2, "a1", "a")]));
        assert_eq!(bad.len(), 2, "{bad:?}");
    }

    #[test]
    fn deletes_skips_and_doubt() {
        let ops = [
            op("a", 1, Kind::Upsert, "a1", (0, 10), Outcome::Applied),
            op("b", 1, Kind::Delete, "", (20, 30), Outcome::Applied),
            // A skipped delete changes nothing; an in-doubt put may have happened.
            op("a", 2, Kind::Upsert, "a2", (0, 10), Outcome::Applied),
            op("b", 2, Kind::Delete, "", (20, 30), Outcome::Skipped),
            op("a", 3, Kind::Upsert, "a3", (0, 10), Outcome::Unknown),
        ];
        assert!(check(&ops, "d.t", &state(&[(2, "a2", "a")])).is_empty());
        assert!(check(&ops, "d.t", &state(&[(2, "a2", "a"), (3, "a3", "a")])).is_empty());
        // Resurrected after an acknowledged delete.
        let bad = check(&ops, "d.t", &state(&[(1, "a1", "a"), (2, "a2", "a")]));
        assert_eq!(bad.len(), 1, "{bad:?}");
        // A skipped delete cannot explain a missing record.
        let bad = check(&ops, "d.t", &state(&[]));
        assert_eq!(bad.len(), 1, "{bad:?}");
        assert!(bad[0].contains("d.t[2] is missing"), "{bad:?}");
    }

    #[test]
    fn the_same_node_orders_by_real_time_and_others_need_a_millisecond() {
        let a = op("a", 1, Kind::Upsert, "x", (10, 10), Outcome::Applied);
        let mut b = op("a", 1, Kind::Upsert, "y", (10, 11), Outcome::Applied);
        b.invoked_us = a.completed_us + 1;
        assert!(a.before(&b));
        b.node = "b".into();
        assert!(!a.before(&b));
        b.invoked_us = a.completed_us + 2000;
        assert!(a.before(&b));
    }
}
