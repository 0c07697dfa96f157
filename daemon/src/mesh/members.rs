//! Membership and routing, without I/O: what this node knows of every node
//! (merged by incarnation; peers compare digests, then name -> incarnation
//! pairs, and send each other only the newer records), which nodes are
//! reachable through the claimed links, and the next hop towards each (the
//! routing table, computed once per change, not per message).
//!
//! Laws of the merge: a record replaces another of the same name only with a
//! higher incarnation, so merging is commutative, associative and
//! idempotent, and gossip converges whatever the order. A forgotten node
//! stays forgotten: its last incarnation is kept ([`MAX_FORGOTTEN`] at most),
//! and only a newer one (the node came back) is taken again.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, OnceLock};

use super::frame::Member;

/// Forgotten nodes whose last incarnation is kept (so that a peer that has
/// not forgotten them yet cannot bring them back).
pub const MAX_FORGOTTEN: usize = 100_000;

/// For every reachable node, the first hop towards it.
pub type Paths = Arc<HashMap<String, String>>;

/// What this node knows of the mesh, itself included.
#[derive(Debug, Clone)]
pub struct Members {
    me: Member,
    others: BTreeMap<String, Member>,
    /// Forgotten nodes: name -> the incarnation forgotten.
    forgotten: HashMap<String, u64>,
    /// The routing table, until the next change.
    paths: OnceLock<Paths>,
    /// The digest, until the next change.
    digest: OnceLock<u64>,
}

/// What a merge did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Merged {
    /// Names whose record changed here (to pass on to other peers).
    pub changed: Vec<String>,
    /// Names the sender holds an older record of than this node (to send back).
    pub behind: Vec<String>,
    /// Name conflicts seen.
    pub conflicts: Vec<Conflict>,
}

/// A node name claimed by two installations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// The contested name.
    pub name: String,
    /// The installation that claims it besides the known one.
    pub instance: String,
}

/// A strictly increasing incarnation after `prev`, close to the wall clock in ms.
pub fn next_incarnation(prev: u64) -> u64 {
    crate::store::record::wall_millis().max(prev + 1)
}

impl Members {
    /// Knowledge that starts with this node alone.
    pub fn new(me: Member) -> Members {
        Members {
            me,
            others: BTreeMap::new(),
            forgotten: HashMap::new(),
            paths: OnceLock::new(),
            digest: OnceLock::new(),
        }
    }

    /// This node's own record.
    pub fn me(&self) -> &Member {
        &self.me
    }

    /// Change this node's own record (bumps its incarnation).
    pub fn update_me(&mut self, f: impl FnOnce(&mut Member)) {
        let before = self.me.clone();
        f(&mut self.me);
        if self.me != before {
            self.me.incarnation = next_incarnation(before.incarnation);
            self.changed();
        }
    }

    /// A member by name (this node included).
    pub fn get(&self, name: &str) -> Option<&Member> {
        if name == self.me.name {
            Some(&self.me)
        } else {
            self.others.get(name)
        }
    }

    /// How many records, this node's included.
    pub fn len(&self) -> usize {
        self.others.len() + 1
    }

    /// Never empty: this node's own record is always there.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// Every record, this node's first.
    pub fn all(&self) -> Vec<Member> {
        std::iter::once(self.me.clone())
            .chain(self.others.values().cloned())
            .collect()
    }

    /// Drop what is computed once per change.
    fn changed(&mut self) {
        self.paths = OnceLock::new();
        self.digest = OnceLock::new();
    }

    /// A hash of every (name, instance, incarnation): equal digests mean
    /// equal knowledge. Computed once per change.
    pub fn digest(&self) -> u64 {
        *self.digest.get_or_init(|| self.compute_digest())
    }

    fn compute_digest(&self) -> u64 {
        let mut all: Vec<&Member> = std::iter::once(&self.me)
            .chain(self.others.values())
            .collect();
        all.sort_by(|a, b| a.name.cmp(&b.name));
        let mut h = DefaultHasher::new();
        for m in all {
            (&m.name, &m.instance, m.incarnation).hash(&mut h);
        }
        h.finish()
    }

    /// Merge records heard from a peer (see the laws above). A record of a
    /// forgotten node is taken only once the node is reachable again
    /// through the links of records held (it is alive, and was forgotten
    /// only because a partition hid it); so the merge repeats over the
    /// records held back until no more become reachable.
    pub fn merge(&mut self, incoming: Vec<Member>) -> Merged {
        let mut out = Merged::default();
        let mut held_back = self.merge_once(incoming, &mut out);
        while !held_back.is_empty() {
            let paths = self.paths();
            let (now, later): (Vec<Member>, Vec<Member>) = held_back
                .into_iter()
                .partition(|m| paths.contains_key(&m.name));
            if now.is_empty() {
                break;
            }
            for m in &now {
                self.forgotten.remove(&m.name);
            }
            held_back = self.merge_once(now, &mut out);
            held_back.extend(later);
        }
        out
    }

    /// One pass of [`Members::merge`]; returns the records of forgotten nodes held back.
    fn merge_once(&mut self, incoming: Vec<Member>, out: &mut Merged) -> Vec<Member> {
        let mut held_back = Vec::new();
        let changed_before = out.changed.len();
        for m in incoming {
            if m.name == self.me.name {
                if m.instance != self.me.instance {
                    out.conflicts.push(Conflict {
                        name: m.name,
                        instance: m.instance,
                    });
                } else if m.incarnation > self.me.incarnation {
                    // An old copy of us (from before a restart) must not win.
                    self.me.incarnation = next_incarnation(m.incarnation);
                    out.changed.push(m.name);
                } else if m.incarnation < self.me.incarnation {
                    out.behind.push(m.name);
                }
                continue;
            }
            if self
                .forgotten
                .get(&m.name)
                .is_some_and(|inc| *inc >= m.incarnation)
            {
                held_back.push(m);
                continue;
            }
            match self.others.get(&m.name) {
                Some(old) if old.incarnation > m.incarnation => out.behind.push(m.name),
                Some(old) if old.incarnation == m.incarnation => {}
                Some(old) if old.instance != m.instance && self.reachable_contains(&old.name) => {
                    out.conflicts.push(Conflict {
                        name: m.name.clone(),
                        instance: m.instance.clone(),
                    });
                    out.changed.push(m.name.clone());
                    self.others.insert(m.name.clone(), m);
                }
                _ => {
                    self.forgotten.remove(&m.name);
                    out.changed.push(m.name.clone());
                    self.others.insert(m.name.clone(), m);
                }
            }
        }
        if out.changed.len() > changed_before {
            self.changed();
        }
        held_back
    }

    /// Every (name, incarnation) held, this node's first: what a peer
    /// compares with its own to learn which records to send and to ask for.
    pub fn versions(&self) -> Vec<(String, u64)> {
        std::iter::once(&self.me)
            .chain(self.others.values())
            .map(|m| (m.name.clone(), m.incarnation))
            .collect()
    }

    /// Compare a peer's versions with ours: (names whose record is newer
    /// here or that the peer lacks, names whose record is newer there or
    /// that we lack; forgotten ones too, which the merge takes only if
    /// they are reachable again).
    pub fn compare(&self, theirs: &[(String, u64)]) -> (Vec<String>, Vec<String>) {
        let theirs_by_name: HashMap<&str, u64> =
            theirs.iter().map(|(n, i)| (n.as_str(), *i)).collect();
        let newer_here = std::iter::once(&self.me)
            .chain(self.others.values())
            .filter(|m| {
                theirs_by_name
                    .get(m.name.as_str())
                    .is_none_or(|inc| *inc < m.incarnation)
            })
            .map(|m| m.name.clone())
            .collect();
        let newer_there = theirs
            .iter()
            .filter(|(name, inc)| {
                let mine = self.get(name).map(|m| m.incarnation);
                mine.is_none_or(|m| m < *inc) && self.forgotten.get(name).is_none_or(|f| f < inc)
            })
            .map(|(name, _)| name.clone())
            .collect();
        (newer_here, newer_there)
    }

    /// The records of these names that are held (unknown names are skipped).
    pub fn records<'a>(&self, names: impl IntoIterator<Item = &'a String>) -> Vec<Member> {
        names
            .into_iter()
            .filter_map(|n| self.get(n).cloned())
            .collect()
    }

    fn reachable_contains(&self, name: &str) -> bool {
        self.paths().contains_key(name)
    }

    /// For every node reachable from this one through claimed links, the first
    /// hop (a direct peer) of a shortest path; this node maps to itself.
    /// Computed once per change.
    pub fn paths(&self) -> Paths {
        self.paths
            .get_or_init(|| Arc::new(self.compute_paths()))
            .clone()
    }

    fn compute_paths(&self) -> HashMap<String, String> {
        let mut first_hop: HashMap<String, String> = HashMap::new();
        first_hop.insert(self.me.name.clone(), self.me.name.clone());
        let mut queue = VecDeque::new();
        for peer in &self.me.links {
            if !first_hop.contains_key(peer) {
                first_hop.insert(peer.clone(), peer.clone());
                queue.push_back(peer.clone());
            }
        }
        while let Some(node) = queue.pop_front() {
            let hop = first_hop[&node].clone();
            let Some(m) = self.others.get(&node) else {
                continue;
            };
            for next in &m.links {
                if !first_hop.contains_key(next) {
                    first_hop.insert(next.clone(), hop.clone());
                    queue.push_back(next.clone());
                }
            }
        }
        first_hop
    }

    /// Reachable members, this node first, then by name.
    pub fn reachable(&self) -> Vec<Member> {
        let paths = self.paths();
        let mut out = vec![self.me.clone()];
        out.extend(
            self.others
                .values()
                .filter(|m| paths.contains_key(&m.name))
                .cloned(),
        );
        out
    }

    /// Forget records of nodes that are not reachable (called after a grace period).
    pub fn forget_unreachable(&mut self, keep: impl Fn(&str) -> bool) -> bool {
        let paths = self.paths();
        let gone: Vec<String> = self
            .others
            .keys()
            .filter(|name| !paths.contains_key(*name) && !keep(name))
            .cloned()
            .collect();
        if self.forgotten.len() + gone.len() > MAX_FORGOTTEN {
            self.forgotten.clear();
        }
        for name in &gone {
            if let Some(m) = self.others.remove(name) {
                self.forgotten.insert(m.name, m.incarnation);
            }
        }
        if !gone.is_empty() {
            self.changed();
        }
        !gone.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(name: &str, links: &[&str], inc: u64) -> Member {
        Member {
            name: name.into(),
            instance: format!("{name}-1"),
            version: "0".into(),
            links: links.iter().map(|s| s.to_string()).collect(),
            routes: vec![],
            cluster_port: 0,
            operations_port: None,
            incarnation: inc,
        }
    }

    #[test]
    fn chain_routes_through_the_middle() {
        let mut m = Members::new(member("a", &["b"], 1));
        let merged = m.merge(vec![member("b", &["a", "c"], 1), member("c", &["b"], 1)]);
        assert_eq!(merged.changed, ["b", "c"]);
        let paths = m.paths();
        assert_eq!(paths["c"], "b");
        assert_eq!(paths["b"], "b");
        assert_eq!(m.reachable().len(), 3);
        // b loses its link to c: c becomes unreachable (the cached table is dropped).
        m.merge(vec![member("b", &["a"], 2)]);
        assert!(!m.paths().contains_key("c"));
        assert!(m.forget_unreachable(|_| false));
        assert!(m.get("c").is_none());
    }

    #[test]
    fn older_incarnations_lose_and_digests_converge() {
        let mut x = Members::new(member("a", &["b"], 1));
        let mut y = Members::new(member("b", &["a"], 1));
        x.merge(y.all());
        y.merge(x.all());
        assert_eq!(x.digest(), y.digest());
        let merged = x.merge(vec![member("b", &[], 0)]);
        assert!(merged.changed.is_empty());
        assert_eq!(merged.behind, ["b"]);
        assert_eq!(x.get("b").unwrap().links, vec!["a".to_string()]);
        // Merging is idempotent and order does not matter.
        let (r1, r2) = (member("c", &["a"], 3), member("c", &["b"], 4));
        let (mut p, mut q) = (x.clone(), x.clone());
        p.merge(vec![r1.clone(), r2.clone(), r1.clone()]);
        q.merge(vec![r2, r1]);
        assert_eq!(p.digest(), q.digest());
    }

    #[test]
    fn versions_say_which_records_to_send_and_to_ask_for() {
        let mut a = Members::new(member("a", &["b"], 5));
        a.merge(vec![member("c", &[], 2), member("d", &[], 7)]);
        let mut b = Members::new(member("b", &["a"], 3));
        b.merge(vec![member("c", &[], 4), member("d", &[], 7)]);
        // a sends a (b lacks it); a asks for b (lacks it) and c (older here).
        let (send, want) = a.compare(&b.versions());
        assert_eq!(send, ["a"]);
        assert_eq!(want, ["b", "c"]);
        b.merge(a.records(&send));
        a.merge(b.records(&want));
        assert_eq!(a.digest(), b.digest());
        assert_eq!(a.compare(&b.versions()), (vec![], vec![]));
    }

    #[test]
    fn a_forgotten_node_stays_forgotten_until_it_comes_back_newer() {
        let mut a = Members::new(member("a", &[], 5));
        a.merge(vec![member("z", &[], 9)]);
        assert!(a.forget_unreachable(|_| false));
        // A peer that has not forgotten it yet offers the same record: refused.
        assert!(a.merge(vec![member("z", &[], 9)]).changed.is_empty());
        assert!(a.get("z").is_none());
        // Restarted, with a newer incarnation: taken again.
        assert_eq!(a.merge(vec![member("z", &[], 10)]).changed, ["z"]);
        assert!(a.get("z").is_some());
        // Forgotten while a partition hid it, then reachable again through
        // a node that links to it: taken again at the same incarnation.
        let mut b = Members::new(member("b", &["y"], 5));
        b.merge(vec![member("y", &["b", "x"], 1), member("x", &["y"], 3)]);
        b.update_me(|me| me.links.clear());
        assert!(b.forget_unreachable(|_| false));
        assert!(b.get("x").is_none());
        b.update_me(|me| me.links = vec!["y".into()]);
        let merged = b.merge(vec![member("x", &["y"], 3), member("y", &["b", "x"], 2)]);
        assert_eq!(merged.changed, ["y", "x"]);
    }

    #[test]
    fn a_stale_copy_of_me_is_outbid_and_impostors_are_reported() {
        let mut x = Members::new(member("a", &[], 5));
        let merged = x.merge(vec![member("a", &[], 9)]);
        assert!(merged.changed == ["a"] && merged.conflicts.is_empty());
        assert!(x.me().incarnation > 9);
        let mut impostor = member("a", &[], 50);
        impostor.instance = "other".into();
        assert_eq!(x.merge(vec![impostor]).conflicts.len(), 1);
    }
}
