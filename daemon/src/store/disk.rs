//! The disk's health as the write path sees it (issue 11: a full disk).
//!
//! What sled 0.34.7 does on a full disk (reproduced on a 64 MB tmpfs): the
//! write of an IO buffer fails on one of sled's IO threads, and the commit
//! thread's flush then waits on a condition variable for a stable LSN that
//! never comes: it hangs for good, and every later flush with it. sled keeps
//! the first IO error in a per-`Db` "global error" that only a new open of
//! the database clears. So the store never lets sled meet a full disk when it
//! can tell beforehand, and fails fast when sled met one anyway:
//!
//! - before each commit round, `statvfs` of the database directory: below
//!   [`RESERVE_BYTES`] free, the round is refused with the disk error and
//!   sled is not touched (sled stays healthy: recovery just clears the state);
//! - a flush that returns an IO error, or that is still running after
//!   [`FLUSH_STALL`] while the disk has no room, fails the state, and every
//!   write of that round is answered with the error at once (never
//!   acknowledged); sled is then poisoned and must be opened again;
//! - from then on every write is refused at once, reads go on;
//! - a watcher probes the disk every [`PROBE_EVERY`] (statvfs, then writing,
//!   fsyncing and removing a small file in the database directory). When the
//!   disk takes writes again it clears the state, or, when sled was poisoned,
//!   asks the daemon to restart in place (`run.rs`: the same program and
//!   arguments exec'd in the same process, so the pid file stays right; every
//!   file closes on exec, which releases sled's lock, and listeners bind again
//!   with SO_REUSEADDR). Re-exec rather than rebuilding the `Store` because
//!   the stuck flush still holds sled's internals and every part of the node
//!   holds the store: a new process is the one complete way to let go of both.
//!
//! Acknowledged writes were flushed before their answer, so none is lost.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Free space below which writes are refused before they reach sled: a
/// few of sled's 512 KiB log segments plus room for its snapshot.
pub const RESERVE_BYTES: u64 = 4 * 1024 * 1024;
/// How often the watcher looks at the disk (and at a running flush).
pub const PROBE_EVERY: Duration = Duration::from_millis(100);
/// A flush still running this long on a disk without room is taken as failed.
pub const FLUSH_STALL: Duration = Duration::from_millis(300);
/// The watcher probes for recovery at most this often.
const RECOVERY_PROBE_EVERY: Duration = Duration::from_millis(500);

/// Why writes are refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiskFailure {
    /// The database directory.
    pub dir: PathBuf,
    /// The OS error, as text.
    pub error: String,
    /// True for "no space left" (HTTP 507), false for other IO errors (500).
    pub full: bool,
}

impl std::fmt::Display for DiskFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = if self.full { "full" } else { "failing" };
        write!(
            f,
            "the disk of the database {} is {what}: {}; writes are refused until it recovers",
            self.dir.display(),
            self.error
        )
    }
}

/// The state shared by the commit thread, the watcher and the daemon.
#[derive(Debug)]
pub(super) struct DiskHealth {
    state: Mutex<State>,
    /// Set once sled met the error (a failed or stuck flush): it must be reopened.
    poisoned: std::sync::atomic::AtomicBool,
    /// When the running flush started (None between flushes).
    flush_started: Mutex<Option<Instant>>,
    /// Woken when the disk recovered and sled must be opened again.
    pub(super) reopen: tokio::sync::Notify,
    /// True while failed: writers waiting on a stuck round watch it.
    failed: tokio::sync::watch::Sender<bool>,
}

impl Default for DiskHealth {
    fn default() -> Self {
        DiskHealth {
            state: Mutex::default(),
            poisoned: Default::default(),
            flush_started: Mutex::default(),
            reopen: tokio::sync::Notify::new(),
            failed: tokio::sync::watch::Sender::new(false),
        }
    }
}

#[derive(Debug, Default)]
struct State {
    failure: Option<DiskFailure>,
    last_probe: Option<Instant>,
}

impl DiskHealth {
    /// The failure, when writes are refused.
    pub(super) fn failure(&self) -> Option<DiskFailure> {
        self.lock().failure.clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// True once sled met the error: a flush would hang or fail.
    pub(super) fn poisoned(&self) -> bool {
        self.poisoned.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Record a failure (the first one is kept and logged, once).
    pub(super) fn fail(&self, failure: DiskFailure, sled_met_it: bool) {
        if sled_met_it {
            self.poisoned
                .store(true, std::sync::atomic::Ordering::SeqCst);
        }
        let mut s = self.lock();
        if s.failure.is_none() {
            tracing::error!("{failure}");
            s.failure = Some(failure);
            s.last_probe = Some(Instant::now());
            self.failed.send_replace(true);
        }
    }

    /// Changes to "failed" (for a writer waiting on its round).
    pub(super) fn subscribe(&self) -> tokio::sync::watch::Receiver<bool> {
        self.failed.subscribe()
    }

    /// Check the free space before a round; the failure when there is none.
    pub(super) fn preflight(&self, dir: &Path) -> Option<DiskFailure> {
        if let Some(f) = self.failure() {
            return Some(f);
        }
        let free = free_bytes(dir).ok()?;
        if free >= RESERVE_BYTES {
            return None;
        }
        let f = no_space(dir, free);
        self.fail(f.clone(), false);
        Some(f)
    }

    /// Mark the start (true) and the end (false) of a flush.
    pub(super) fn flushing(&self, on: bool) {
        *self.flush_started.lock().unwrap_or_else(|e| e.into_inner()) = on.then(Instant::now);
    }

    /// The watcher's look: a stuck flush on a disk without room fails the
    /// state (true when it just did); a failed disk that takes writes again
    /// recovers.
    pub(super) fn watch(&self, dir: &Path) -> bool {
        let started = *self.flush_started.lock().unwrap_or_else(|e| e.into_inner());
        let stuck = started.is_some_and(|t| t.elapsed() >= FLUSH_STALL);
        if stuck
            && !self.poisoned()
            && let Ok(free) = free_bytes(dir)
            && free < RESERVE_BYTES
        {
            self.fail(no_space(dir, free), true);
            return true;
        }
        self.maybe_recover(dir);
        false
    }

    fn maybe_recover(&self, dir: &Path) {
        {
            let mut s = self.lock();
            if s.failure.is_none()
                || s.last_probe
                    .is_some_and(|t| t.elapsed() < RECOVERY_PROBE_EVERY)
            {
                return;
            }
            s.last_probe = Some(Instant::now());
        }
        if probe(dir).is_err() {
            return;
        }
        if self.poisoned() {
            tracing::warn!(
                "the disk of the database {} takes writes again; the daemon restarts to reopen the database",
                dir.display()
            );
            self.reopen.notify_one();
            // Stay failed: writes wait for the reopened database.
            self.lock().last_probe = Some(Instant::now() + Duration::from_secs(3600));
        } else {
            self.lock().failure = None;
            self.failed.send_replace(false);
            tracing::warn!(
                "the disk of the database {} takes writes again; writes are accepted",
                dir.display()
            );
        }
    }
}

/// The failure for `err`, an IO error met by sled or a probe.
pub(super) fn from_io(dir: &Path, err: &std::io::Error) -> DiskFailure {
    DiskFailure {
        dir: dir.to_owned(),
        error: err.to_string(),
        full: err.raw_os_error() == Some(libc::ENOSPC) || err.raw_os_error() == Some(libc::EDQUOT),
    }
}

fn no_space(dir: &Path, free: u64) -> DiskFailure {
    DiskFailure {
        dir: dir.to_owned(),
        error: format!(
            "{} ({free} bytes free, {RESERVE_BYTES} needed)",
            std::io::Error::from_raw_os_error(libc::ENOSPC)
        ),
        full: true,
    }
}

/// Bytes an unprivileged writer may still use on the file system of `dir`.
#[allow(unsafe_code)]
pub fn free_bytes(dir: &Path) -> std::io::Result<u64> {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(dir.as_os_str().as_bytes())
        .map_err(|_| std::io::Error::from_raw_os_error(libc::EINVAL))?;
    // SAFETY: statvfs(3) fills the struct we own from a NUL-terminated path.
    let mut st: libc::statvfs = unsafe { std::mem::zeroed() };
    if unsafe { libc::statvfs(c.as_ptr(), &mut st) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(st.f_bavail as u64 * st.f_frsize as u64)
}

/// Does the disk take a write again: room beyond the reserve, and a small
/// file written, fsynced and removed in `dir`.
fn probe(dir: &Path) -> std::io::Result<()> {
    use std::io::Write;
    if free_bytes(dir)? < RESERVE_BYTES {
        return Err(std::io::Error::from_raw_os_error(libc::ENOSPC));
    }
    let path = dir.join(".disk-probe");
    let result = std::fs::File::create(&path).and_then(|mut f| {
        f.write_all(&[0u8; 4096])?;
        f.sync_all()
    });
    let _ = std::fs::remove_file(&path);
    result
}
