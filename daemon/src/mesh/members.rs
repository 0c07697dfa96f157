//! Membership and routing, without I/O: what this node knows of every node
//! (merged by incarnation, exchanged only when digests differ), which nodes
//! are reachable through the claimed links, and the next hop towards each.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::hash::{DefaultHasher, Hash, Hasher};

use super::frame::Member;

/// What this node knows of the mesh, itself included.
#[derive(Debug, Clone)]
pub struct Members {
    me: Member,
    others: BTreeMap<String, Member>,
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

    /// A hash of every (name, instance, incarnation): equal digests mean equal knowledge.
    pub fn digest(&self) -> u64 {
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

    /// Merge records heard from a peer; returns whether anything changed and
    /// any name conflicts seen.
    pub fn merge(&mut self, incoming: Vec<Member>) -> (bool, Vec<Conflict>) {
        let mut changed = false;
        let mut conflicts = Vec::new();
        for m in incoming {
            if m.name == self.me.name {
                if m.instance != self.me.instance {
                    conflicts.push(Conflict {
                        name: m.name,
                        instance: m.instance,
                    });
                } else if m.incarnation > self.me.incarnation {
                    // An old copy of us (from before a restart) must not win.
                    self.me.incarnation = next_incarnation(m.incarnation);
                    changed = true;
                }
                continue;
            }
            match self.others.get(&m.name) {
                Some(old) if old.incarnation >= m.incarnation => {}
                Some(old) if old.instance != m.instance && self.reachable_contains(&old.name) => {
                    conflicts.push(Conflict {
                        name: m.name.clone(),
                        instance: m.instance.clone(),
                    });
                    self.others.insert(m.name.clone(), m);
                    changed = true;
                }
                _ => {
                    self.others.insert(m.name.clone(), m);
                    changed = true;
                }
            }
        }
        (changed, conflicts)
    }

    /// True when this node knows something that a peer holding `theirs`
    /// (name → incarnation) does not: a record it lacks or has older. The
    /// answer to gossip that leaves the sender behind (push-pull), so a change
    /// crosses a link in one round trip rather than at the next gossip tick.
    pub fn ahead_of(&self, theirs: &HashMap<String, u64>) -> bool {
        std::iter::once(&self.me)
            .chain(self.others.values())
            .any(|m| theirs.get(&m.name).is_none_or(|inc| *inc < m.incarnation))
    }

    fn reachable_contains(&self, name: &str) -> bool {
        self.paths().contains_key(name)
    }

    /// For every node reachable from this one through claimed links, the first
    /// hop (a direct peer) of a shortest path; this node maps to itself.
    pub fn paths(&self) -> HashMap<String, String> {
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
        let before = self.others.len();
        self.others
            .retain(|name, _| paths.contains_key(name) || keep(name));
        before != self.others.len()
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
        let (changed, _) = m.merge(vec![member("b", &["a", "c"], 1), member("c", &["b"], 1)]);
        assert!(changed);
        let paths = m.paths();
        assert_eq!(paths["c"], "b");
        assert_eq!(paths["b"], "b");
        assert_eq!(m.reachable().len(), 3);
        // b loses its link to c: c becomes unreachable.
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
        let (changed, _) = x.merge(vec![member("b", &[], 0)]);
        assert!(!changed);
        assert_eq!(x.get("b").unwrap().links, vec!["a".to_string()]);
    }

    #[test]
    fn push_pull_answers_only_a_sender_that_is_behind() {
        let mut a = Members::new(member("a", &["b"], 5));
        let b = Members::new(member("b", &["a"], 3));
        let theirs = |m: &Members| -> HashMap<String, u64> {
            m.all()
                .into_iter()
                .map(|m| (m.name, m.incarnation))
                .collect()
        };
        // b lacks a's record.
        a.merge(b.all());
        assert!(a.ahead_of(&theirs(&b)));
        // A peer that knows everything a knows, as new, is not behind.
        let mut c = Members::new(member("c", &[], 1));
        c.merge(a.all());
        assert!(!a.ahead_of(&theirs(&c)));
        // An older copy of one record is behind.
        a.update_me(|me| me.links = vec![]);
        assert!(a.ahead_of(&theirs(&c)));
    }

    #[test]
    fn a_stale_copy_of_me_is_outbid_and_impostors_are_reported() {
        let mut x = Members::new(member("a", &[], 5));
        let (changed, conflicts) = x.merge(vec![member("a", &[], 9)]);
        assert!(changed && conflicts.is_empty());
        assert!(x.me().incarnation > 9);
        let mut impostor = member("a", &[], 50);
        impostor.instance = "other".into();
        let (_, conflicts) = x.merge(vec![impostor]);
        assert_eq!(conflicts.len(), 1);
    }
}
