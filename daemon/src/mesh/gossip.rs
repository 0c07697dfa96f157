//! Gossip of membership, scuttlebutt-style. A change (this node's own
//! record, or records merged from a peer) is pushed as the changed records
//! alone to every other link. Every [`GOSSIP_INTERVAL`] each link also gets
//! a digest, the quick check; a peer whose digest differs twice in a row
//! gets our name -> incarnation pairs, and answers with the records we lack and a list of the
//! ones it lacks. A change after a quiet spell goes out at once; what comes
//! within a tick of it waits in the link's [`Outbox`] for the link's tick
//! ([`GOSSIP_TICK`]), so a burst of changes costs one frame per link per
//! tick, written with the tick's heartbeat.
//! Records of nodes unreachable for [`FORGET_AFTER`] are forgotten. What the
//! records mean and how they merge is `members`.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use super::attach::tell_mesh_changed;
use super::frame::{Frame, MAX_GOSSIP_ITEMS, Member, Refusal};
use super::link::LinkHandle;
use super::{Event, Inner, now_ms};

/// How often every link gets our digest (a quiet mesh costs one small frame per link per period).
pub const GOSSIP_INTERVAL: Duration = Duration::from_secs(1);
/// How often a link sends what gossip has queued for it: changes within one
/// tick travel together.
pub const GOSSIP_TICK: Duration = Duration::from_millis(125);
/// How long records of unreachable nodes are kept (for status) before they are forgotten.
const FORGET_AFTER: Duration = Duration::from_secs(60);
/// Records per `members` frame (a hub's record lists its links: a few KB).
const RECORDS_PER_FRAME: usize = 1024;

/// What gossip has for one link until its next tick.
#[derive(Debug, Default)]
pub struct Outbox {
    /// Names whose record (as it is when the tick comes) the peer should get.
    records: BTreeSet<String>,
    /// Names whose record we ask the peer for.
    wants: BTreeSet<String>,
    /// Send our name -> incarnation pairs (the digests differed, or the link is new).
    versions: bool,
    /// The peer's last digest differed from ours. Only a second one in a
    /// row starts a comparison: the first usually means news crossing on
    /// the way (what each side pushed at the same tick).
    differed: bool,
    /// When records were last sent: news after a quiet spell goes at once,
    /// news within a tick of the last waits for the tick.
    last_sent: Option<tokio::time::Instant>,
}

impl Outbox {
    fn add_records(&mut self, names: impl IntoIterator<Item = String>) {
        for n in names {
            if self.records.len() >= MAX_GOSSIP_ITEMS {
                // The next digest brings the rest.
                break;
            }
            self.records.insert(n);
        }
    }
}

/// The link is new: compare versions at its first tick.
pub(super) fn link_up(link: &LinkHandle) {
    link.outbox().versions = true;
}

/// Records changed here: every link but `except` gets them, at once if it
/// sent none within the last tick, else at its next tick (so a burst costs
/// one frame per link per tick, and a lone change waits for nothing).
pub(super) fn changed(inner: &Inner, names: &[String], except: Option<u64>) {
    if names.is_empty() {
        return;
    }
    let now = tokio::time::Instant::now();
    let mut at_once = Vec::new();
    for l in inner.links.lock().expect("links").values().flatten() {
        if Some(l.id) != except {
            let mut o = l.outbox();
            o.add_records(names.iter().cloned());
            if o.last_sent
                .is_none_or(|t| now.duration_since(t) >= GOSSIP_TICK)
            {
                at_once.push(l.clone());
            }
        }
    }
    for l in at_once {
        on_tick(inner, &l, false);
    }
}

/// This node's own record changed.
pub(super) fn changed_me(inner: &Inner) {
    changed(inner, &[inner.node().to_owned()], None);
}

/// The link's tick: send what its outbox holds, and the digest when `digest` is due.
pub(super) fn on_tick(inner: &Inner, link: &LinkHandle, digest: bool) {
    let (records, wants, versions) = {
        let mut o = link.outbox();
        if !o.records.is_empty() {
            o.last_sent = Some(tokio::time::Instant::now());
        }
        (
            std::mem::take(&mut o.records),
            std::mem::take(&mut o.wants),
            std::mem::take(&mut o.versions),
        )
    };
    if records.is_empty() && wants.is_empty() && !versions && !digest {
        return;
    }
    let mut frames: Vec<Frame> = Vec::new();
    {
        let m = inner.members.lock().expect("members");
        let held: Vec<Member> = m.records(&records);
        for chunk in held.chunks(RECORDS_PER_FRAME) {
            frames.push(Frame::Members {
                members: chunk.to_vec(),
            });
        }
        if versions {
            frames.push(Frame::Versions {
                versions: m.versions(),
            });
        }
        if digest {
            frames.push(Frame::Digest { digest: m.digest() });
        }
    }
    if !wants.is_empty() {
        frames.push(Frame::Want {
            names: wants.into_iter().collect(),
        });
    }
    for f in frames {
        if !gossip(inner, link, &f)
            && let Frame::Members { members } = f
        {
            // No room: try again at the next tick.
            link.outbox()
                .add_records(members.into_iter().map(|m| m.name));
        }
    }
}

/// Queue a gossip frame if there is room, and count its bytes.
pub(super) fn gossip(inner: &Inner, link: &LinkHandle, frame: &Frame) -> bool {
    match link.try_send_len(frame) {
        Ok(n) => {
            inner
                .counters
                .gossip_bytes_sent
                .fetch_add(n as u64, Ordering::Relaxed);
            true
        }
        Err(_) => false,
    }
}

/// A frame that is not heartbeat or handshake, from `link`. Never waits:
/// the link's dispatcher must keep reading.
pub(super) fn on_frame(inner: &Arc<Inner>, link: &LinkHandle, frame: Frame) {
    match frame {
        Frame::Digest { digest } => {
            let mine = inner.members.lock().expect("members").digest();
            let mut o = link.outbox();
            if mine == digest {
                o.differed = false;
            } else if std::mem::replace(&mut o.differed, true) {
                o.versions = true;
                o.differed = false;
            }
        }
        Frame::Versions { versions } => {
            let (send, want) = inner.members.lock().expect("members").compare(&versions);
            let mut o = link.outbox();
            o.add_records(send);
            o.wants.extend(want.into_iter().take(MAX_GOSSIP_ITEMS));
        }
        Frame::Want { names } => {
            let known: Vec<String> = {
                let m = inner.members.lock().expect("members");
                names.into_iter().filter(|n| m.get(n).is_some()).collect()
            };
            link.outbox().add_records(known);
        }
        Frame::Members { members } => {
            let merged = inner.members.lock().expect("members").merge(members);
            // Pass the news on; send back what the sender has older (and
            // our own record when it had to outbid a stale copy of it).
            changed(inner, &merged.changed, Some(link.id));
            let me = inner.node();
            let mut back = merged.behind;
            back.extend(merged.changed.iter().filter(|n| *n == me).cloned());
            link.outbox().add_records(back);
            for c in merged.conflicts {
                inner.record(Event {
                    at_ms: now_ms(),
                    peer: Some(c.name.clone()),
                    addr: link.addr.clone(),
                    direction: link.direction,
                    reason: Some(Refusal::DuplicateNodeName),
                    message: format!(
                        "two nodes claim the name '{}' (instance {})",
                        c.name, c.instance
                    ),
                });
            }
            if !merged.changed.is_empty() {
                tell_mesh_changed(inner);
            }
        }
        Frame::Envelope(env) => super::route::route_envelope(inner, link, env),
        _ => {}
    }
}

/// The node's ticker: every [`GOSSIP_TICK`], each link's tick (see `link`).
pub(super) async fn tick_loop(inner: Arc<Inner>) {
    let mut tick = tokio::time::interval(GOSSIP_TICK);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        let due = tick.tick().await;
        let late = tokio::time::Instant::now().duration_since(due);
        let links: Vec<LinkHandle> = inner
            .links
            .lock()
            .expect("links")
            .values()
            .flatten()
            .cloned()
            .collect();
        for l in links {
            l.tick(&inner, late);
        }
    }
}

/// Once a [`GOSSIP_INTERVAL`]: forget nodes that have been unreachable for a while.
pub(super) async fn gossip_loop(inner: Arc<Inner>) {
    let mut tick = tokio::time::interval(GOSSIP_INTERVAL);
    loop {
        tick.tick().await;
        inner.counters.gossip_rounds.fetch_add(1, Ordering::Relaxed);
        let now = tokio::time::Instant::now();
        let mut since = inner.unreachable_since.lock().expect("unreachable");
        let mut members = inner.members.lock().expect("members");
        let reachable = members.paths();
        if reachable.len() == members.len() {
            since.clear();
            continue;
        }
        for (name, _) in members.versions() {
            if reachable.contains_key(&name) {
                since.remove(&name);
            } else {
                since.entry(name).or_insert(now);
            }
        }
        let keep = |name: &str| {
            since
                .get(name)
                .is_some_and(|t| now.duration_since(*t) < FORGET_AFTER)
        };
        if members.forget_unreachable(keep) {
            since.retain(|_, t| now.duration_since(*t) < FORGET_AFTER);
            inner.counters.forget(|peer| members.get(peer).is_some());
        }
    }
}
