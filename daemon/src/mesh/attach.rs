//! A link that passed its handshake joins the mesh here: it is registered
//! in `Inner::links`, this node's own record gains the peer, the link runs
//! (`link`), and when it ends, however it ends, it is taken out again and the
//! requests that left by it fail at once. The counterpart of `dial` and
//! `accept`, which bring links this far.

use std::sync::Arc;

use super::gossip;
use super::handshake::Peer;
use super::link::{self, Direction, LinkHandle};
use super::{Event, Inner, RequestError, now_ms};

/// Register a link that completed its handshake, run it, and clean up after.
pub(super) async fn serve_link<S>(
    inner: Arc<Inner>,
    peer: Peer,
    direction: Direction,
    addr: String,
    stream: S,
) -> String
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let (handle, queue) = link::handle(&peer, direction, addr.clone());
    inner
        .links
        .lock()
        .expect("links")
        .entry(peer.node.clone())
        .or_default()
        .push(handle.clone());
    update_my_links(&inner);
    inner.clear_refusals(None, Some((&peer.node, &addr)));
    inner.record(Event {
        at_ms: now_ms(),
        peer: Some(peer.node.clone()),
        addr: addr.clone(),
        direction,
        reason: None,
        message: format!("link to {} is up", peer.node),
    });
    // Compare what each side knows at the link's first tick.
    gossip::link_up(&handle);
    // The link is unregistered however this future ends: run to completion,
    // or dropped because its route was removed or the mesh stopped.
    let mut registered = Registered {
        inner: inner.clone(),
        link: handle.clone(),
        why: None,
    };
    let why = link::run(inner, handle, queue, stream).await;
    registered.why = Some(why.clone());
    why
}

/// A link in `Inner::links`; dropping it takes the link out and says why.
struct Registered {
    inner: Arc<Inner>,
    link: LinkHandle,
    why: Option<String>,
}

impl Drop for Registered {
    fn drop(&mut self) {
        let peer = &self.link.peer;
        // Requests that left by this link will not be answered through it: fail
        // them now rather than at their deadline, so callers retry on a new link.
        let stranded: Vec<_> = {
            let mut pending = self.inner.pending.lock().expect("pending");
            let ids: Vec<u64> = pending
                .iter()
                .filter(|(_, p)| p.via == self.link.id)
                .map(|(id, _)| *id)
                .collect();
            ids.into_iter()
                .filter_map(|id| pending.remove(&id))
                .collect()
        };
        for p in stranded {
            let _ = p.reply.send(Err(RequestError::NoResponders));
        }
        {
            let mut links = self.inner.links.lock().expect("links");
            if let Some(v) = links.get_mut(peer) {
                v.retain(|l| l.id != self.link.id);
                if v.is_empty() {
                    links.remove(peer);
                }
            }
            // Under the links lock, as `Mesh::figures` reads both: the
            // peer's totals never count this link twice or not at all, so
            // they never go down.
            self.inner.counters.link_ended(peer, self.link.traffic());
        }
        update_my_links(&self.inner);
        let why = self
            .why
            .take()
            .unwrap_or_else(|| "closed by this node (route removed or clustering stopped)".into());
        self.inner.record(Event {
            at_ms: now_ms(),
            peer: Some(peer.clone()),
            addr: self.link.addr.clone(),
            direction: self.link.direction,
            reason: None,
            message: format!("link to {peer} is down: {why}"),
        });
    }
}

pub(super) fn update_my_links(inner: &Arc<Inner>) {
    let mut peers: Vec<String> = inner.links.lock().expect("links").keys().cloned().collect();
    peers.sort();
    let changed = {
        let mut m = inner.members.lock().expect("members");
        let before = m.me().incarnation;
        m.update_me(|me| me.links = peers);
        m.me().incarnation != before
    };
    if changed {
        gossip::changed_me(inner);
        tell_mesh_changed(inner);
    }
}

pub(super) fn tell_mesh_changed(inner: &Arc<Inner>) {
    let h = inner.handler.read().expect("handler").clone();
    if let Some(h) = h {
        h.mesh_changed();
    }
}
