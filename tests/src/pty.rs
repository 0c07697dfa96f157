//! A pseudo-terminal for tests of what `harper` does at a terminal: prompts,
//! pickers, confirmations, progress bars and `--watch` redraws. The child gets
//! the pty's slave side as its stdin, stdout, stderr and controlling terminal,
//! so `isatty` is true for all three; the test reads what it drew from the
//! master side and types into it. Every wait has a deadline.

use std::io::{Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// Keys as a terminal sends them.
pub mod key {
    pub const ENTER: &[u8] = b"\r";
    pub const ESC: &[u8] = b"\x1b";
    pub const SPACE: &[u8] = b" ";
    pub const UP: &[u8] = b"\x1b[A";
    pub const DOWN: &[u8] = b"\x1b[B";
    pub const CTRL_C: &[u8] = b"\x03";
}

/// Everything the child wrote, and whether it has closed its side.
#[derive(Default)]
struct Screen {
    bytes: Vec<u8>,
    closed: bool,
}

/// A child process running on a pseudo-terminal.
pub struct Pty {
    child: Child,
    master: std::fs::File,
    screen: Arc<(Mutex<Screen>, Condvar)>,
    /// How far `expect` has read in the plain text (escape sequences removed).
    seen: usize,
}

impl Pty {
    /// Start `cmd` on a new 120x40 terminal. Its stdin, stdout and stderr are
    /// replaced by the terminal.
    pub fn spawn(mut cmd: Command) -> std::io::Result<Pty> {
        let (master, slave) = open_pty(120, 40)?;
        cmd.stdin(Stdio::from(slave.try_clone()?))
            .stdout(Stdio::from(slave.try_clone()?))
            .stderr(Stdio::from(slave));
        set_controlling_terminal(&mut cmd);
        let child = cmd.spawn()?;
        // `cmd` still holds the parent's copies of the slave: drop them so
        // the master reads end-of-file once the child has gone.
        drop(cmd);
        let master = std::fs::File::from(master);
        let screen = Arc::new((Mutex::new(Screen::default()), Condvar::new()));
        let mut reader = master.try_clone()?;
        let sink = screen.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            loop {
                // The master reads EIO once every slave descriptor is closed.
                let n = reader.read(&mut buf).unwrap_or(0);
                let (lock, cv) = &*sink;
                let mut s = lock.lock().expect("pty screen");
                if n == 0 {
                    s.closed = true;
                    cv.notify_all();
                    return;
                }
                s.bytes.extend_from_slice(&buf[..n]);
                cv.notify_all();
            }
        });
        Ok(Pty {
            child,
            master,
            screen,
            seen: 0,
        })
    }

    /// Type `bytes` at the terminal.
    pub fn send(&mut self, bytes: &[u8]) {
        self.master.write_all(bytes).expect("write to the pty");
        self.master.flush().expect("flush the pty");
    }

    /// Type a line of text and Enter.
    pub fn line(&mut self, text: &str) {
        self.send(text.as_bytes());
        self.send(key::ENTER);
    }

    /// Type a line at a password prompt: wait (up to `within`) until the
    /// program has turned echo off first. Password prompts flush what was
    /// typed before that (`tcsetattr(TCSAFLUSH)`, as `sudo` does), so a
    /// line typed as soon as the prompt shows could be thrown away.
    #[track_caller]
    pub fn secret(&mut self, text: &str, within: Duration) {
        let end = Instant::now() + within;
        while echo_on(&self.master) {
            assert!(
                Instant::now() < end,
                "the terminal never turned echo off for a password; it shows:\n{}",
                self.text()
            );
            std::thread::sleep(Duration::from_millis(5));
        }
        self.line(text);
    }

    /// Everything written so far, raw (escape sequences included).
    pub fn raw(&self) -> Vec<u8> {
        self.screen.0.lock().expect("pty screen").bytes.clone()
    }

    /// Everything written so far as text, escape sequences removed.
    pub fn text(&self) -> String {
        plain(&self.raw())
    }

    /// Wait until `needle` appears in the text after what earlier `expect`s
    /// matched; returns the text up to and including it. Panics with what
    /// the terminal shows when `within` passes first.
    #[track_caller]
    pub fn expect(&mut self, needle: &str, within: Duration) -> String {
        let end = Instant::now() + within;
        let (lock, cv) = &*self.screen;
        let mut s = lock.lock().expect("pty screen");
        loop {
            let text = plain(&s.bytes);
            if let Some(at) = text.get(self.seen..).and_then(|t| t.find(needle)) {
                let upto = self.seen + at + needle.len();
                let got = text[self.seen..upto].to_string();
                self.seen = upto;
                return got;
            }
            let now = Instant::now();
            assert!(
                now < end && !s.closed,
                "the terminal never showed {needle:?} ({}); it shows:\n{}",
                if s.closed {
                    "the program ended"
                } else {
                    "timed out"
                },
                text.get(self.seen..).unwrap_or_default()
            );
            s = cv.wait_timeout(s, end - now).expect("pty screen").0;
        }
    }

    /// Wait for the child to exit; kills it and panics after `within`.
    #[track_caller]
    pub fn wait(&mut self, within: Duration) -> ExitStatus {
        let end = Instant::now() + within;
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                return status;
            }
            if Instant::now() >= end {
                let _ = self.child.kill();
                panic!(
                    "the program on the terminal did not exit within {within:?}; it shows:\n{}",
                    self.text()
                );
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// The child's pid (to signal it).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// `bytes` as text with ANSI escape sequences (CSI `ESC [ ... final`, OSC
/// `ESC ] ... BEL`, and two-byte `ESC x`) and carriage returns removed.
pub fn plain(bytes: &[u8]) -> String {
    let s = String::from_utf8_lossy(bytes);
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        match c {
            '\x1b' => match it.next() {
                Some('[') => {
                    // Parameters and intermediates, then one final byte in @..~.
                    for c in it.by_ref() {
                        if ('@'..='~').contains(&c) {
                            break;
                        }
                    }
                }
                Some(']') => {
                    while let Some(c) = it.next() {
                        if c == '\x07' || (c == '\x1b' && it.next_if_eq(&'\\').is_some()) {
                            break;
                        }
                    }
                }
                _ => {}
            },
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Whether the terminal echoes what is typed (the master reads the slave's
/// settings on Linux).
#[allow(unsafe_code)]
fn echo_on(master: &std::fs::File) -> bool {
    // SAFETY: tcgetattr writes one termios into the zeroed local.
    let mut t: libc::termios = unsafe { std::mem::zeroed() };
    let rc = unsafe { libc::tcgetattr(master.as_raw_fd(), &mut t) };
    rc != 0 || t.c_lflag & libc::ECHO != 0
}

#[allow(unsafe_code)]
fn open_pty(cols: u16, rows: u16) -> std::io::Result<(OwnedFd, OwnedFd)> {
    let mut master: libc::c_int = -1;
    let mut slave: libc::c_int = -1;
    let size = libc::winsize {
        ws_row: rows,
        ws_col: cols,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: openpty writes two descriptors into the locals; the name
    // and termios pointers may be null, the winsize pointer is valid.
    let rc = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        )
    };
    if rc != 0 {
        return Err(std::io::Error::last_os_error());
    }
    // SAFETY: both descriptors were just opened and are owned by nothing else.
    let (master, slave) = unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
    for fd in [&master, &slave] {
        // SAFETY: fcntl on a descriptor we own; FD_CLOEXEC keeps it out of
        // other children spawned meanwhile (the child gets its dup2'd copies).
        unsafe { libc::fcntl(fd.as_raw_fd(), libc::F_SETFD, libc::FD_CLOEXEC) };
    }
    Ok((master, slave))
}

/// The child starts a new session and takes its stdin (the pty) as its
/// controlling terminal, as a login shell would, so Ctrl-C reaches it.
#[allow(unsafe_code)]
fn set_controlling_terminal(cmd: &mut Command) {
    use std::os::unix::process::CommandExt;
    // SAFETY: signal, setsid and ioctl are async-signal-safe; nothing is allocated
    // between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            // A test started in the background of a shell without job control
            // inherits SIGINT and SIGQUIT ignored; a terminal's program does not.
            libc::signal(libc::SIGINT, libc::SIG_DFL);
            libc::signal(libc::SIGQUIT, libc::SIG_DFL);
            if libc::setsid() < 0 {
                return Err(std::io::Error::last_os_error());
            }
            if libc::ioctl(0, libc::TIOCSCTTY as _, 0) < 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_removes_escapes() {
        assert_eq!(
            plain(b"\x1b[2K\x1b[1Ghello\r\n\x1b]0;t\x07w\x1b[?25l"),
            "hello\nw"
        );
    }

    #[test]
    fn a_child_sees_a_terminal_and_reads_what_is_typed() {
        let mut cmd = Command::new("sh");
        cmd.args([
            "-c",
            "test -t 0 && test -t 1 && test -t 2 && echo tty-yes; read x; echo got-$x",
        ]);
        let mut pty = Pty::spawn(cmd).expect("spawn");
        pty.expect("tty-yes", Duration::from_secs(10));
        pty.line("abc");
        pty.expect("got-abc", Duration::from_secs(10));
        assert!(pty.wait(Duration::from_secs(10)).success());
    }

    #[test]
    fn ctrl_c_reaches_the_child() {
        // The trap is set before `ready`, so a ^C at any moment after it is
        // seen (a plain `sleep` can miss one that lands while sh forks it).
        let mut cmd = Command::new("sh");
        cmd.args([
            "-c",
            "trap 'echo got-int; exit 7' INT; echo ready; i=0; while [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); done",
        ]);
        let mut pty = Pty::spawn(cmd).expect("spawn");
        pty.expect("ready", Duration::from_secs(10));
        pty.send(key::CTRL_C);
        pty.expect("got-int", Duration::from_secs(10));
        assert_eq!(pty.wait(Duration::from_secs(10)).code(), Some(7));
    }
}
