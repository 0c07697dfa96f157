//! A tmpfs of a given size that a test mounts itself (a small disk to fill).
//! Mounting needs root or CAP_SYS_ADMIN; where it is not permitted,
//! [`Tmpfs::mount`] prints why and returns None, and the test skips.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A mounted tmpfs; lazily unmounted (`umount -l`) on drop.
pub struct Tmpfs {
    dir: tempfile::TempDir,
}

impl Tmpfs {
    /// Mount a tmpfs of `mib` MiB at a new temp dir under /tmp, or print
    /// "skipped: cannot mount a tmpfs here: <reason>" and return None.
    pub fn mount(mib: u64) -> Option<Tmpfs> {
        let dir = tempfile::Builder::new()
            .prefix("harper-tmpfs-")
            .tempdir_in("/tmp")
            .expect("tempdir");
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={mib}m"), "tmpfs"])
            .arg(dir.path())
            .output();
        let reason = match out {
            Ok(o) if o.status.success() => return Some(Tmpfs { dir }),
            Ok(o) => String::from_utf8_lossy(&o.stderr).trim().to_owned(),
            Err(e) => e.to_string(),
        };
        println!("skipped: cannot mount a tmpfs here: {reason}");
        None
    }

    /// Where it is mounted.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The filler file's path.
    fn filler(&self) -> PathBuf {
        self.path().join("filler")
    }

    /// Fill the file system up: a filler file written until ENOSPC, then
    /// shrunk to leave `leave` bytes free (0: full).
    pub fn fill(&self, leave: u64) {
        use std::io::Write;
        let mut f = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.filler())
            .expect("open the filler");
        let chunk = vec![0xa5u8; 1 << 20];
        // Bounded: a tmpfs of N MiB takes at most N chunks.
        for _ in 0..100_000 {
            match f.write(&chunk) {
                Ok(0) => break,
                Ok(_) => {}
                Err(e) if e.raw_os_error() == Some(libc::ENOSPC) => break,
                Err(e) => panic!("filling the tmpfs: {e}"),
            }
        }
        // Byte-sized writes fill the last partial page.
        for _ in 0..(1 << 20) {
            if f.write(&chunk[..4096]).is_err() {
                break;
            }
        }
        if leave > 0 {
            let len = f.metadata().expect("filler size").len();
            f.set_len(len.saturating_sub(leave))
                .expect("shrink the filler");
        }
    }

    /// Free the space the filler took.
    pub fn free(&self) {
        std::fs::remove_file(self.filler()).expect("remove the filler");
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(self.path()).status();
    }
}
