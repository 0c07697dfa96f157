//! Gossip of membership: every link gets this node's digest each
//! [`GOSSIP_INTERVAL`] and after every change; a peer whose digest differs
//! gets what it lacks; records of nodes unreachable for [`FORGET_AFTER`] are
//! forgotten. What the records mean and how they merge is `members`.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use super::attach::tell_mesh_changed;
use super::frame::{Frame, Refusal};
use super::link::LinkHandle;
use super::{Event, Inner, now_ms};

/// How often every link gets our digest (a quiet mesh costs one small frame per link per period).
pub const GOSSIP_INTERVAL: Duration = Duration::from_secs(1);
/// How long records of unreachable nodes are kept (for status) before they are forgotten.
const FORGET_AFTER: Duration = Duration::from_secs(60);

pub(super) fn broadcast_digest(inner: &Arc<Inner>) {
    let digest = inner.members.lock().expect("members").digest();
    for l in inner.links.lock().expect("links").values().flatten() {
        gossip(inner, l, &Frame::Digest { digest });
    }
}

/// Queue a gossip frame (a digest or a member list) if there is room, and count its bytes.
pub(super) fn gossip(inner: &Inner, link: &LinkHandle, frame: &Frame) {
    if let Ok(n) = link.try_send_len(frame) {
        inner
            .counters
            .gossip_bytes_sent
            .fetch_add(n as u64, Ordering::Relaxed);
    }
}

/// A frame that is not heartbeat or handshake, from `link`. Never waits:
/// the link's dispatcher must keep reading.
pub(super) fn on_frame(inner: &Arc<Inner>, link: &LinkHandle, frame: Frame) {
    match frame {
        Frame::Digest { digest } => {
            let (mine, all) = {
                let m = inner.members.lock().expect("members");
                (m.digest(), m.all())
            };
            if mine != digest {
                gossip(inner, link, &Frame::Members { members: all });
            }
        }
        Frame::Members { members } => {
            let theirs: HashMap<String, u64> = members
                .iter()
                .map(|m| (m.name.clone(), m.incarnation))
                .collect();
            let (changed, conflicts, answer) = {
                let mut m = inner.members.lock().expect("members");
                let (changed, conflicts) = m.merge(members);
                (changed, conflicts, m.ahead_of(&theirs).then(|| m.all()))
            };
            if let Some(all) = answer {
                gossip(inner, link, &Frame::Members { members: all });
            }
            for c in conflicts {
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
            if changed {
                broadcast_digest(inner);
                tell_mesh_changed(inner);
            }
        }
        Frame::Envelope(env) => super::route::route_envelope(inner, link, env),
        _ => {}
    }
}

pub(super) async fn gossip_loop(inner: Arc<Inner>) {
    let mut tick = tokio::time::interval(GOSSIP_INTERVAL);
    loop {
        tick.tick().await;
        inner.counters.gossip_rounds.fetch_add(1, Ordering::Relaxed);
        broadcast_digest(&inner);
        // Forget nodes that have been unreachable for a while.
        let reachable = inner.members.lock().expect("members").paths();
        let mut since = inner.unreachable_since.lock().expect("unreachable");
        let now = tokio::time::Instant::now();
        for m in inner.members.lock().expect("members").all() {
            if reachable.contains_key(&m.name) {
                since.remove(&m.name);
            } else {
                since.entry(m.name).or_insert(now);
            }
        }
        let keep = |name: &str| {
            since
                .get(name)
                .is_some_and(|t| now.duration_since(*t) < FORGET_AFTER)
        };
        let forgot = inner
            .members
            .lock()
            .expect("members")
            .forget_unreachable(keep);
        if forgot {
            since.retain(|_, t| now.duration_since(*t) < FORGET_AFTER);
            let members = inner.members.lock().expect("members");
            inner.counters.forget(|peer| members.get(peer).is_some());
        }
    }
}
