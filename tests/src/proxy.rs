//! A fault-injecting TCP proxy for the links between real daemons: node A's
//! route points at the proxy's 127.0.0.1 port and the proxy forwards to node
//! B's cluster port. The test sets what the link does (pass, delay, throttle,
//! drop everything, cut, drop or stall one direction) and can reset every
//! connection it carries; the change applies at once to live connections and
//! to new ones.
//!
//! Plain std threads: one accepting, and per connection a reader and a writer
//! for each direction. Every thread polls with a short timeout and ends within
//! [`TICK`] of the proxy being dropped, so a test never leaks a blocked thread.
//! Not here: which links to fault when (the tests decide that).

use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How often every proxy thread looks at its fault and stop flags.
pub const TICK: Duration = Duration::from_millis(20);
/// How long the proxy waits to connect to its target.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(2);
/// Read size.
const CHUNK: usize = 64 * 1024;

/// A direction through the proxy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dir {
    /// From the dialling node to the listening node.
    Up,
    /// From the listening node back to the dialling node.
    Down,
}

/// What the link does now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Forward everything at once.
    Pass,
    /// Forward everything, each chunk held this long (both directions).
    Delay(Duration),
    /// Forward at most this many bytes per second, each direction.
    Throttle(u64),
    /// Keep connections open but drop every byte both ways (nothing is
    /// closed, the daemons must notice by themselves). Unlike a network,
    /// whose TCP would retransmit, what is dropped leaves a hole in the
    /// stream: after a heal TLS finds it at the next record ("cannot
    /// decrypt peer's message") and the link ends. For a silence that loses
    /// nothing, stall both ways.
    Blackhole,
    /// Close every connection and close new ones at once (both ways cut).
    Cut,
    /// Drop the bytes going this way (leaving a hole, as with
    /// [`Fault::Blackhole`]); the other way passes (half-open).
    HalfOpen(Dir),
    /// Stop reading this way: the sender's socket buffers fill and its writes
    /// block (a peer that stops reading); the other way passes.
    Stall(Dir),
}

/// Counters of what a proxy did.
#[derive(Debug, Default)]
pub struct Stats {
    /// Connections accepted.
    pub accepted: AtomicU64,
    /// Connections closed by the proxy because of a cut or a reset.
    pub killed: AtomicU64,
    /// Bytes forwarded.
    pub forwarded: AtomicU64,
    /// Bytes dropped.
    pub dropped: AtomicU64,
}

struct Shared {
    target: SocketAddr,
    fault: Mutex<Fault>,
    /// Bumped by [`Proxy::reset`]; a connection older than the bump resets.
    resets: AtomicU64,
    stop: AtomicBool,
    stats: Stats,
    live: AtomicUsize,
    threads: Mutex<Vec<JoinHandle<()>>>,
}

impl Shared {
    fn fault(&self) -> Fault {
        *self.fault.lock().expect("fault")
    }

    fn spawn(&self, f: impl FnOnce() + Send + 'static) {
        let handle = std::thread::spawn(f);
        let mut threads = self.threads.lock().expect("threads");
        threads.retain(|t| !t.is_finished());
        threads.push(handle);
    }
}

/// A running proxy; stops (and closes everything it carries) when dropped.
pub struct Proxy {
    shared: Arc<Shared>,
    port: u16,
    accept: Option<JoinHandle<()>>,
}

impl Proxy {
    /// A proxy on a free 127.0.0.1 port forwarding to 127.0.0.1:`port`.
    pub fn to_port(port: u16) -> Proxy {
        Proxy::start(SocketAddr::from(([127, 0, 0, 1], port)))
    }

    /// A proxy on a free 127.0.0.1 port forwarding to `target`.
    pub fn start(target: SocketAddr) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind the proxy");
        listener.set_nonblocking(true).expect("nonblocking");
        let port = listener.local_addr().expect("proxy addr").port();
        let shared = Arc::new(Shared {
            target,
            fault: Mutex::new(Fault::Pass),
            resets: AtomicU64::new(0),
            stop: AtomicBool::new(false),
            stats: Stats::default(),
            live: AtomicUsize::new(0),
            threads: Mutex::new(Vec::new()),
        });
        let s = shared.clone();
        let accept = std::thread::spawn(move || accept_loop(s, listener));
        Proxy {
            shared,
            port,
            accept: Some(accept),
        }
    }

    /// The port it listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Its address as a route (`127.0.0.1:PORT`).
    pub fn route(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// Set what the link does from now on.
    pub fn set(&self, fault: Fault) {
        *self.shared.fault.lock().expect("fault") = fault;
    }

    /// What the link does now.
    pub fn fault(&self) -> Fault {
        self.shared.fault()
    }

    /// Reset (RST) every connection it carries now; new ones pass as the
    /// fault says.
    pub fn reset(&self) {
        self.shared.resets.fetch_add(1, Ordering::SeqCst);
    }

    /// Connections open through it now.
    pub fn live(&self) -> usize {
        self.shared.live.load(Ordering::SeqCst)
    }

    /// What it did so far.
    pub fn stats(&self) -> &Stats {
        &self.shared.stats
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.accept.take() {
            let _ = t.join();
        }
        let threads = std::mem::take(&mut *self.shared.threads.lock().expect("threads"));
        for t in threads {
            let _ = t.join();
        }
    }
}

fn accept_loop(shared: Arc<Shared>, listener: TcpListener) {
    while !shared.stop.load(Ordering::SeqCst) {
        let client = match listener.accept() {
            Ok((c, _)) => c,
            Err(e) if e.kind() == ErrorKind::WouldBlock => {
                std::thread::sleep(TICK / 4);
                continue;
            }
            Err(_) => {
                std::thread::sleep(TICK);
                continue;
            }
        };
        shared.stats.accepted.fetch_add(1, Ordering::Relaxed);
        if shared.fault() == Fault::Cut {
            shared.stats.killed.fetch_add(1, Ordering::Relaxed);
            drop(client);
            continue;
        }
        let s = shared.clone();
        shared.spawn(move || {
            let _ = client.set_nonblocking(false);
            if let Ok(server) = TcpStream::connect_timeout(&s.target, CONNECT_TIMEOUT) {
                carry(s, client, server);
            }
        });
    }
}

/// One proxied connection: both directions share its fate.
struct Conn {
    shared: Arc<Shared>,
    client: TcpStream,
    server: TcpStream,
    epoch: u64,
    dead: AtomicBool,
    readers_done: AtomicUsize,
}

impl Conn {
    /// True when this connection must end now (and ends it).
    fn check(&self) -> bool {
        if self.dead.load(Ordering::SeqCst) {
            return true;
        }
        if self.shared.stop.load(Ordering::SeqCst) {
            self.close();
            return true;
        }
        if self.shared.resets.load(Ordering::SeqCst) != self.epoch {
            // SO_LINGER 0: the last close of each socket sends RST, not FIN.
            set_linger_zero(&self.client);
            set_linger_zero(&self.server);
            self.shared.stats.killed.fetch_add(1, Ordering::Relaxed);
            self.dead.store(true, Ordering::SeqCst);
            return true;
        }
        if self.shared.fault() == Fault::Cut {
            self.shared.stats.killed.fetch_add(1, Ordering::Relaxed);
            self.close();
            return true;
        }
        false
    }

    fn close(&self) {
        if !self.dead.swap(true, Ordering::SeqCst) {
            let _ = self.client.shutdown(Shutdown::Both);
            let _ = self.server.shutdown(Shutdown::Both);
        }
    }

    fn ends(&self, dir: Dir) -> (&TcpStream, &TcpStream) {
        match dir {
            Dir::Up => (&self.client, &self.server),
            Dir::Down => (&self.server, &self.client),
        }
    }

    /// A reader ended; when both have, the connection is over.
    fn reader_done(&self) {
        if self.readers_done.fetch_add(1, Ordering::SeqCst) + 1 == 2 {
            self.close();
        }
    }
}

/// What a reader hands its writer.
enum Piece {
    Data(Instant, Vec<u8>),
    /// The sender closed its side: pass the FIN on.
    Eof,
}

fn carry(shared: Arc<Shared>, client: TcpStream, server: TcpStream) {
    let _ = client.set_nodelay(true);
    let _ = server.set_nodelay(true);
    let conn = Arc::new(Conn {
        epoch: shared.resets.load(Ordering::SeqCst),
        shared: shared.clone(),
        client,
        server,
        dead: AtomicBool::new(false),
        readers_done: AtomicUsize::new(0),
    });
    shared.live.fetch_add(1, Ordering::SeqCst);
    let mut handles = Vec::new();
    for dir in [Dir::Up, Dir::Down] {
        let (tx, rx) = mpsc::channel();
        let c = conn.clone();
        handles.push(std::thread::spawn(move || read_side(&c, dir, tx)));
        let c = conn.clone();
        handles.push(std::thread::spawn(move || write_side(&c, dir, rx)));
    }
    for h in handles {
        let _ = h.join();
    }
    shared.live.fetch_sub(1, Ordering::SeqCst);
}

fn read_side(conn: &Conn, dir: Dir, tx: mpsc::Sender<Piece>) {
    let (from, _) = conn.ends(dir);
    let mut from = from.try_clone().expect("clone socket");
    let _ = from.set_read_timeout(Some(TICK));
    let mut buf = vec![0u8; CHUNK];
    let stats = &conn.shared.stats;
    while !conn.check() {
        let fault = conn.shared.fault();
        if fault == Fault::Stall(dir) {
            std::thread::sleep(TICK);
            continue;
        }
        let n = match from.read(&mut buf) {
            Ok(0) => {
                // A FIN in a direction that drops everything is dropped too:
                // the far side must find out by its own heartbeats.
                if !drops(conn.shared.fault(), dir) {
                    let _ = tx.send(Piece::Eof);
                }
                break;
            }
            Ok(n) => n,
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => continue,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(_) => {
                conn.close();
                break;
            }
        };
        // A read that was under way when the stall began holds its bytes too.
        while conn.shared.fault() == Fault::Stall(dir) && !conn.check() {
            std::thread::sleep(TICK);
        }
        let fault = conn.shared.fault();
        if drops(fault, dir) {
            stats.dropped.fetch_add(n as u64, Ordering::Relaxed);
            continue;
        }
        let due = match fault {
            Fault::Delay(d) => Instant::now() + d,
            _ => Instant::now(),
        };
        if tx.send(Piece::Data(due, buf[..n].to_vec())).is_err() {
            break;
        }
    }
    conn.reader_done();
}

fn drops(fault: Fault, dir: Dir) -> bool {
    fault == Fault::Blackhole || fault == Fault::HalfOpen(dir)
}

fn write_side(conn: &Conn, dir: Dir, rx: mpsc::Receiver<Piece>) {
    let (_, to) = conn.ends(dir);
    let mut to = to.try_clone().expect("clone socket");
    let _ = to.set_write_timeout(Some(TICK));
    let stats = &conn.shared.stats;
    'pieces: loop {
        let piece = match rx.recv_timeout(TICK) {
            Ok(p) => p,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                if conn.check() {
                    break;
                }
                continue;
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        };
        let (due, data) = match piece {
            Piece::Data(due, data) => (due, data),
            Piece::Eof => {
                let _ = to.shutdown(Shutdown::Write);
                break;
            }
        };
        while Instant::now() < due {
            if conn.check() {
                break 'pieces;
            }
            std::thread::sleep((due - Instant::now()).min(TICK));
        }
        let mut rest = &data[..];
        while !rest.is_empty() {
            if conn.check() {
                break 'pieces;
            }
            let fault = conn.shared.fault();
            if drops(fault, dir) {
                stats
                    .dropped
                    .fetch_add(rest.len() as u64, Ordering::Relaxed);
                continue 'pieces;
            }
            let take = match fault {
                // Pieces of 1/50 s at the allowed rate.
                Fault::Throttle(bps) => rest.len().min((bps / 50).max(1) as usize),
                _ => rest.len(),
            };
            match to.write(&rest[..take]) {
                Ok(0) => {
                    conn.close();
                    break 'pieces;
                }
                Ok(n) => {
                    stats.forwarded.fetch_add(n as u64, Ordering::Relaxed);
                    rest = &rest[n..];
                    if let Fault::Throttle(bps) = fault {
                        std::thread::sleep(Duration::from_secs_f64(n as f64 / bps.max(1) as f64));
                    }
                }
                Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(_) => {
                    conn.close();
                    break 'pieces;
                }
            }
        }
    }
}

#[allow(unsafe_code)]
fn set_linger_zero(s: &TcpStream) {
    use std::os::fd::AsRawFd;
    let linger = libc::linger {
        l_onoff: 1,
        l_linger: 0,
    };
    // SAFETY: a valid socket fd and a pointer to a live `linger` of the size passed.
    unsafe {
        libc::setsockopt(
            s.as_raw_fd(),
            libc::SOL_SOCKET,
            libc::SO_LINGER,
            (&linger as *const libc::linger).cast(),
            std::mem::size_of::<libc::linger>() as libc::socklen_t,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An echo server on 127.0.0.1 that serves until dropped.
    struct Echo {
        port: u16,
        stop: Arc<AtomicBool>,
        thread: Option<JoinHandle<()>>,
    }

    impl Echo {
        fn start() -> Echo {
            let l = TcpListener::bind("127.0.0.1:0").unwrap();
            l.set_nonblocking(true).unwrap();
            let port = l.local_addr().unwrap().port();
            let stop = Arc::new(AtomicBool::new(false));
            let s = stop.clone();
            let thread = std::thread::spawn(move || {
                let mut conns = Vec::new();
                while !s.load(Ordering::SeqCst) {
                    if let Ok((c, _)) = l.accept() {
                        let s = s.clone();
                        conns.push(std::thread::spawn(move || {
                            c.set_nonblocking(false).unwrap();
                            c.set_read_timeout(Some(TICK)).unwrap();
                            let mut c = c;
                            let mut buf = [0u8; 4096];
                            while !s.load(Ordering::SeqCst) {
                                match c.read(&mut buf) {
                                    Ok(0) => break,
                                    Ok(n) => {
                                        if c.write_all(&buf[..n]).is_err() {
                                            break;
                                        }
                                    }
                                    Err(e) if e.kind() == ErrorKind::WouldBlock => {}
                                    Err(e) if e.kind() == ErrorKind::TimedOut => {}
                                    Err(_) => break,
                                }
                            }
                        }));
                    } else {
                        std::thread::sleep(TICK / 4);
                    }
                }
                for c in conns {
                    let _ = c.join();
                }
            });
            Echo {
                port,
                stop,
                thread: Some(thread),
            }
        }
    }

    impl Drop for Echo {
        fn drop(&mut self) {
            self.stop.store(true, Ordering::SeqCst);
            if let Some(t) = self.thread.take() {
                t.join().unwrap();
            }
        }
    }

    fn connect(p: &Proxy) -> TcpStream {
        let c = TcpStream::connect(("127.0.0.1", p.port())).unwrap();
        c.set_read_timeout(Some(Duration::from_millis(300)))
            .unwrap();
        c
    }

    /// Send `msg` and read what comes back within the read timeout.
    fn round_trip(c: &mut TcpStream, msg: &[u8]) -> std::io::Result<Vec<u8>> {
        c.write_all(msg)?;
        let mut got = Vec::new();
        let mut buf = [0u8; 4096];
        let end = Instant::now() + Duration::from_secs(5);
        while got.len() < msg.len() && Instant::now() < end {
            match c.read(&mut buf) {
                Ok(0) => return Err(ErrorKind::UnexpectedEof.into()),
                Ok(n) => got.extend_from_slice(&buf[..n]),
                Err(e) if e.kind() == ErrorKind::WouldBlock => break,
                Err(e) => return Err(e),
            }
        }
        Ok(got)
    }

    #[test]
    fn passes_delays_drops_and_cuts() {
        let echo = Echo::start();
        let p = Proxy::to_port(echo.port);
        let mut c = connect(&p);
        assert_eq!(round_trip(&mut c, b"hello").unwrap(), b"hello");

        p.set(Fault::Delay(Duration::from_millis(150)));
        c.set_read_timeout(Some(Duration::from_secs(2))).unwrap();
        let t = Instant::now();
        assert_eq!(round_trip(&mut c, b"slow").unwrap(), b"slow");
        assert!(
            t.elapsed() >= Duration::from_millis(300),
            "{:?}",
            t.elapsed()
        );

        p.set(Fault::Blackhole);
        c.set_read_timeout(Some(Duration::from_millis(300)))
            .unwrap();
        assert_eq!(round_trip(&mut c, b"lost").unwrap(), b"");
        p.set(Fault::HalfOpen(Dir::Down));
        assert_eq!(round_trip(&mut c, b"echo lost").unwrap(), b"");
        p.set(Fault::Pass);
        assert_eq!(round_trip(&mut c, b"back").unwrap(), b"back");

        p.set(Fault::Cut);
        let end = Instant::now() + Duration::from_secs(5);
        let mut buf = [0u8; 8];
        loop {
            match c.read(&mut buf) {
                Ok(0) => break,
                Err(e) if e.kind() == ErrorKind::WouldBlock => {}
                other => panic!("expected EOF, got {other:?}"),
            }
            assert!(Instant::now() < end, "the cut did not close the connection");
        }
        // New connections are closed at once while cut.
        let mut c2 = connect(&p);
        assert!(matches!(c2.read(&mut buf), Ok(0) | Err(_)));
        p.set(Fault::Pass);
        let mut c3 = connect(&p);
        assert_eq!(round_trip(&mut c3, b"again").unwrap(), b"again");

        p.reset();
        let end = Instant::now() + Duration::from_secs(5);
        loop {
            match c3.read(&mut buf) {
                Err(e) if e.kind() == ErrorKind::ConnectionReset => break,
                Err(e) if e.kind() == ErrorKind::WouldBlock => {}
                other => panic!("expected a reset, got {other:?}"),
            }
            assert!(Instant::now() < end, "the reset did not reach the client");
        }
        assert!(p.stats().killed.load(Ordering::Relaxed) >= 2);
    }

    #[test]
    fn throttles_and_stalls() {
        let echo = Echo::start();
        let p = Proxy::to_port(echo.port);
        let mut c = connect(&p);
        p.set(Fault::Throttle(20_000));
        c.set_read_timeout(Some(Duration::from_secs(3))).unwrap();
        let msg = vec![7u8; 8_000];
        let t = Instant::now();
        assert_eq!(round_trip(&mut c, &msg).unwrap(), msg);
        // 8 kB at 20 kB/s takes 0.4 s (the way back overlaps): a lower bound,
        // which a loaded machine only makes longer.
        assert!(
            t.elapsed() >= Duration::from_millis(350),
            "{:?}",
            t.elapsed()
        );

        p.set(Fault::Stall(Dir::Up));
        c.set_read_timeout(Some(Duration::from_millis(300)))
            .unwrap();
        assert_eq!(round_trip(&mut c, b"held").unwrap(), b"");
        // Unstalled, what was held is delivered.
        p.set(Fault::Pass);
        c.set_read_timeout(Some(Duration::from_secs(3))).unwrap();
        let mut buf = [0u8; 4];
        c.read_exact(&mut buf).unwrap();
        assert_eq!(&buf, b"held");
    }
}
