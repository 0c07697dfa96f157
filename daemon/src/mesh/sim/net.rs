//! The simulation's network: in-memory pipes (`tokio::io::duplex`) between
//! nodes numbered from 0, each with its own address 127.1.x.y. It can do to
//! connections what real networks and processes do: reset one (a link
//! flap), hold every byte of a stopped node (SIGSTOP: the connections stay
//! open and silent), stop one node reading, and cut the network in two (a
//! partition: nothing crosses, connections hang). It counts every byte
//! written, so a scenario's cost is measured on the wire (after TLS).

use std::collections::{HashMap, HashSet};
use std::io;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

use futures::future::BoxFuture;
use tokio::io::{AsyncRead, AsyncWrite, DuplexStream, ReadBuf};
use tokio::sync::mpsc;

use crate::mesh::transport::{Listener, Stream, Transport};

/// Bytes a pipe holds each way before its writer waits (a socket buffer).
const PIPE_BYTES: usize = 64 * 1024;
/// The cluster port every simulated node listens on (each has its own address).
pub const PORT: u16 = 9932;

/// The address of node `i`.
pub fn ip(i: usize) -> IpAddr {
    IpAddr::V4(Ipv4Addr::new(127, 1, (i >> 8) as u8, (i & 0xff) as u8))
}

fn node_of(ip: &str) -> Option<usize> {
    let v4: Ipv4Addr = ip.parse().ok()?;
    let [a, b, c, d] = v4.octets();
    (a == 127 && b == 1).then_some(((c as usize) << 8) | d as usize)
}

/// The shared network.
#[derive(Default)]
pub struct Net {
    state: Mutex<State>,
    /// Bytes written by every node on every connection.
    pub bytes: AtomicU64,
    /// Connections opened.
    pub connections: AtomicU64,
}

#[derive(Default)]
struct State {
    listeners: HashMap<usize, mpsc::UnboundedSender<(Stream, SocketAddr)>>,
    /// Live connections: id -> (one end's node, the other's, ends not dropped).
    conns: HashMap<u64, (usize, usize, u8)>,
    next_conn: u64,
    next_port: u16,
    reset: HashSet<u64>,
    frozen: HashSet<usize>,
    deaf: HashSet<usize>,
    /// Side of each node during a partition (none: no partition).
    side: Option<Vec<bool>>,
    /// Ends dropped while their node was stopped or cut off: their peers
    /// must not see them close until then.
    held: Vec<DuplexStream>,
    wakers: Vec<Waker>,
}

impl State {
    fn cut(&self, a: usize, b: usize) -> bool {
        self.side.as_ref().is_some_and(|s| {
            s.get(a).copied().unwrap_or(false) != s.get(b).copied().unwrap_or(false)
        })
    }

    fn wake(&mut self) {
        for w in self.wakers.drain(..) {
            w.wake();
        }
    }
}

impl Net {
    /// A transport for node `i`.
    pub fn transport(self: &Arc<Net>, i: usize) -> Arc<dyn Transport> {
        Arc::new(NodeNet {
            net: self.clone(),
            node: i,
        })
    }

    /// Reset every connection between `a` and `b` (both ends see an error).
    pub fn reset(&self, a: usize, b: usize) {
        let mut s = self.state.lock().unwrap();
        let ids: Vec<u64> = s
            .conns
            .iter()
            .filter(|(_, (x, y, _))| (*x, *y) == (a, b) || (*x, *y) == (b, a))
            .map(|(id, _)| *id)
            .collect();
        s.reset.extend(ids);
        s.wake();
    }

    /// Stop (true) or resume (false) node `i`: nothing it writes leaves, nothing reaches it.
    pub fn freeze(&self, i: usize, on: bool) {
        let mut s = self.state.lock().unwrap();
        if on {
            s.frozen.insert(i);
        } else {
            s.frozen.remove(&i);
            s.held.clear();
        }
        s.wake();
    }

    /// Node `i` stops (or resumes) reading from its connections.
    pub fn deafen(&self, i: usize, on: bool) {
        let mut s = self.state.lock().unwrap();
        if on {
            s.deaf.insert(i);
        } else {
            s.deaf.remove(&i);
        }
        s.wake();
    }

    /// Cut the network in two (`side[i]` for each node), or heal it (`None`).
    pub fn partition(&self, side: Option<Vec<bool>>) {
        let mut s = self.state.lock().unwrap();
        if side.is_none() {
            s.held.clear();
        }
        s.side = side;
        s.wake();
    }

    /// Node `i` no longer listens (it was killed).
    pub fn unlisten(&self, i: usize) {
        self.state.lock().unwrap().listeners.remove(&i);
    }

    /// Live connections now.
    pub fn live_connections(&self) -> usize {
        self.state.lock().unwrap().conns.len()
    }
}

struct NodeNet {
    net: Arc<Net>,
    node: usize,
}

impl Transport for NodeNet {
    fn listen(&self, _host: &str, _port: u16) -> BoxFuture<'static, io::Result<Box<dyn Listener>>> {
        let (tx, rx) = mpsc::unbounded_channel();
        self.net
            .state
            .lock()
            .unwrap()
            .listeners
            .insert(self.node, tx);
        let addr = SocketAddr::new(ip(self.node), PORT);
        Box::pin(async move { Ok(Box::new(Port { addr, rx }) as Box<dyn Listener>) })
    }

    fn connect(&self, host: &str, _port: u16) -> BoxFuture<'static, io::Result<Stream>> {
        let net = self.net.clone();
        let from = self.node;
        let to = node_of(host);
        Box::pin(async move {
            let refused = || io::Error::from(io::ErrorKind::ConnectionRefused);
            let to = to.ok_or_else(refused)?;
            let mine = {
                let mut s = net.state.lock().unwrap();
                if s.cut(from, to) || s.frozen.contains(&to) || s.frozen.contains(&from) {
                    return Err(io::Error::from(io::ErrorKind::TimedOut));
                }
                let tx = s.listeners.get(&to).ok_or_else(refused)?.clone();
                let (a, b) = tokio::io::duplex(PIPE_BYTES);
                let id = s.next_conn;
                s.next_conn += 1;
                s.conns.insert(id, (from, to, 2));
                s.next_port = s.next_port.wrapping_add(1).max(1024);
                let src = SocketAddr::new(ip(from), s.next_port);
                let end = |io, local, remote| Conn {
                    io: Some(io),
                    net: net.clone(),
                    id,
                    local,
                    remote,
                };
                let theirs: Stream = Box::new(end(b, to, from));
                if tx.send((theirs, src)).is_err() {
                    s.conns.remove(&id);
                    return Err(refused());
                }
                Box::new(end(a, from, to)) as Stream
            };
            net.connections.fetch_add(1, Ordering::Relaxed);
            Ok(mine)
        })
    }
}

struct Port {
    addr: SocketAddr,
    rx: mpsc::UnboundedReceiver<(Stream, SocketAddr)>,
}

impl Listener for Port {
    fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    fn accept(&mut self) -> BoxFuture<'_, io::Result<(Stream, SocketAddr)>> {
        Box::pin(async move {
            match self.rx.recv().await {
                Some(c) => Ok(c),
                None => std::future::pending().await,
            }
        })
    }
}

/// One end of a connection.
struct Conn {
    io: Option<DuplexStream>,
    net: Arc<Net>,
    id: u64,
    local: usize,
    remote: usize,
}

enum Gate {
    Open,
    Wait,
    Reset,
}

impl Conn {
    fn gate(&self, cx: &Context<'_>, reading: bool) -> Gate {
        let mut s = self.net.state.lock().unwrap();
        if s.reset.contains(&self.id) {
            return Gate::Reset;
        }
        let held = s.frozen.contains(&self.local)
            || s.cut(self.local, self.remote)
            || (reading && s.deaf.contains(&self.local));
        if held {
            s.wakers.push(cx.waker().clone());
            Gate::Wait
        } else {
            Gate::Open
        }
    }
}

fn reset() -> io::Error {
    io::Error::from(io::ErrorKind::ConnectionReset)
}

impl AsyncRead for Conn {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        match self.gate(cx, true) {
            Gate::Reset => Poll::Ready(Err(reset())),
            Gate::Wait => Poll::Pending,
            Gate::Open => Pin::new(self.io.as_mut().expect("open")).poll_read(cx, buf),
        }
    }
}

impl AsyncWrite for Conn {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        match self.gate(cx, false) {
            Gate::Reset => Poll::Ready(Err(reset())),
            Gate::Wait => Poll::Pending,
            Gate::Open => {
                let r = Pin::new(self.io.as_mut().expect("open")).poll_write(cx, buf);
                if let Poll::Ready(Ok(n)) = &r {
                    self.net.bytes.fetch_add(*n as u64, Ordering::Relaxed);
                }
                r
            }
        }
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(self.io.as_mut().expect("open")).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.gate(cx, false) {
            Gate::Reset => Poll::Ready(Err(reset())),
            Gate::Wait => Poll::Pending,
            Gate::Open => Pin::new(self.io.as_mut().expect("open")).poll_shutdown(cx),
        }
    }
}

impl Drop for Conn {
    fn drop(&mut self) {
        let mut s = self.net.state.lock().unwrap();
        if let Some(c) = s.conns.get_mut(&self.id) {
            c.2 -= 1;
            if c.2 == 0 {
                s.conns.remove(&self.id);
                s.reset.remove(&self.id);
            }
        }
        let silent = s.frozen.contains(&self.local) || s.cut(self.local, self.remote);
        if silent && let Some(io) = self.io.take() {
            // A stopped process or a cut network sends no FIN.
            s.held.push(io);
        }
    }
}
