//! Owner-only files under a root: the process umask that makes everything
//! `harperd` and `harper` create there private (directories 0700, files
//! 0600), and the tightening of a root that was made readable by others by
//! hand or by an older version (`harper start` runs it).
//!
//! The root holds every record, the argon2 hashes of every password, the
//! cluster secret and the node's private key: nobody but its owner has any
//! business reading it. Not here: which files exist (the daemon knows).

use std::fs::{File, Metadata, OpenOptions, Permissions};
use std::io;
use std::os::unix::fs::{MetadataExt as _, OpenOptionsExt as _, PermissionsExt as _};
use std::path::{Path, PathBuf};

/// The umask of both programs: no bit for the group or others.
pub const OWNER_ONLY_UMASK: u32 = 0o077;
/// The permission bits a path under the root may not have (group and others).
pub const GROUP_OTHER_BITS: u32 = 0o077;
/// How deep [`tighten_tree`] descends (a root is a few levels deep; a cycle
/// cannot happen since symbolic links are never followed, but a hostile tree
/// could be deep).
const MAX_DEPTH: usize = 64;

/// Set the process umask to [`OWNER_ONLY_UMASK`]: every file and directory
/// created from now on, by this process and the processes it starts, has no
/// group or other bits (an explicit mode still narrows, never widens).
pub fn restrict_umask() {
    set_umask(OWNER_ONLY_UMASK);
}

#[allow(unsafe_code)]
fn set_umask(mask: u32) {
    // SAFETY: umask(2) only swaps the process's file creation mask; it has no
    // memory-safety preconditions and cannot fail.
    unsafe {
        libc::umask(mask as libc::mode_t);
    }
}

/// What [`tighten_tree`] did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Tightened {
    /// Paths whose group/other bits were removed.
    pub changed: Vec<PathBuf>,
    /// Paths left alone because another user owns them.
    pub foreign: Vec<PathBuf>,
    /// Paths that could not be examined or changed, with the reason.
    pub failed: Vec<(PathBuf, String)>,
}

/// Remove the group and other permission bits of `root` and of everything
/// below it that this user owns. Symbolic links are neither followed nor
/// changed (only `root` itself is resolved, since the caller named it).
/// Directories and regular files are changed through a descriptor opened
/// with `O_NOFOLLOW`, so a path swapped for a link between the check and the
/// change is not followed; other files (the socket) by path, after an
/// `lstat`.
pub fn tighten_tree(root: &Path) -> Tightened {
    let mut out = Tightened::default();
    let uid = effective_uid();
    match std::fs::metadata(root) {
        Ok(meta) => tighten(root, &meta, uid, 0, &mut out),
        Err(e) => out.failed.push((root.to_owned(), e.to_string())),
    }
    out
}

fn tighten(path: &Path, meta: &Metadata, uid: u32, depth: usize, out: &mut Tightened) {
    if meta.file_type().is_symlink() {
        return;
    }
    if meta.uid() != uid {
        out.foreign.push(path.to_owned());
        return;
    }
    if meta.mode() & GROUP_OTHER_BITS != 0 {
        match narrow(path, meta) {
            Ok(true) => out.changed.push(path.to_owned()),
            Ok(false) => {}
            Err(e) => out.failed.push((path.to_owned(), e.to_string())),
        }
    }
    if !meta.is_dir() || depth >= MAX_DEPTH {
        return;
    }
    let entries = match std::fs::read_dir(path) {
        Ok(entries) => entries,
        Err(e) => {
            out.failed.push((path.to_owned(), e.to_string()));
            return;
        }
    };
    for entry in entries.flatten() {
        let child = entry.path();
        match std::fs::symlink_metadata(&child) {
            Ok(m) => tighten(&child, &m, uid, depth + 1, out),
            Err(e) => out.failed.push((child, e.to_string())),
        }
    }
}

/// Drop the group/other bits of one path; false when it turned out to need
/// nothing (it changed between the look and the open).
fn narrow(path: &Path, seen: &Metadata) -> io::Result<bool> {
    if seen.is_dir() || seen.is_file() {
        let mut open = OpenOptions::new();
        open.read(true)
            .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC);
        if seen.is_dir() {
            open.custom_flags(libc::O_NOFOLLOW | libc::O_DIRECTORY | libc::O_CLOEXEC);
        }
        let file: File = match open.open(path) {
            Ok(f) => f,
            // An owner without read permission: lstat just said it is no link.
            Err(e) if e.kind() == io::ErrorKind::PermissionDenied => {
                std::fs::set_permissions(path, Permissions::from_mode(seen.mode() & 0o7700))?;
                return Ok(true);
            }
            Err(e) => return Err(e),
        };
        let meta = file.metadata()?;
        if meta.uid() != seen.uid() || meta.mode() & GROUP_OTHER_BITS == 0 {
            return Ok(false);
        }
        file.set_permissions(Permissions::from_mode(meta.mode() & 0o7700))?;
        return Ok(true);
    }
    // A socket or FIFO cannot be opened for this; it was just seen with
    // lstat, so it is no link.
    std::fs::set_permissions(path, Permissions::from_mode(seen.mode() & 0o7700))?;
    Ok(true)
}

#[allow(unsafe_code)]
fn effective_uid() -> u32 {
    // SAFETY: geteuid(2) has no preconditions and cannot fail.
    unsafe { libc::geteuid() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mode(p: &Path) -> u32 {
        std::fs::symlink_metadata(p).unwrap().mode() & 0o7777
    }

    #[test]
    fn a_readable_tree_is_tightened_and_links_are_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("root");
        let outside = dir.path().join("outside");
        std::fs::create_dir_all(root.join("database/db")).unwrap();
        std::fs::write(root.join("database/db/conf"), "x").unwrap();
        std::fs::write(&outside, "not ours to change").unwrap();
        std::os::unix::fs::symlink(&outside, root.join("link")).unwrap();
        let fifo = root.join("pipe");
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        for p in [&root, &root.join("database"), &root.join("database/db")] {
            std::fs::set_permissions(p, Permissions::from_mode(0o755)).unwrap();
        }
        for p in [&root.join("database/db/conf"), &outside, &fifo] {
            std::fs::set_permissions(p, Permissions::from_mode(0o644)).unwrap();
        }

        let t = tighten_tree(&root);
        assert!(t.failed.is_empty(), "{t:?}");
        assert_eq!(t.changed.len(), 5, "{t:?}");
        assert_eq!(mode(&root), 0o700);
        assert_eq!(mode(&root.join("database/db")), 0o700);
        assert_eq!(mode(&root.join("database/db/conf")), 0o600);
        assert_eq!(mode(&fifo), 0o600);
        assert_eq!(mode(&outside), 0o644, "a link's target is not changed");
        // Nothing left to do the second time.
        assert_eq!(tighten_tree(&root), Tightened::default());
    }

    #[test]
    fn files_of_other_users_are_left_alone() {
        if effective_uid() != 0 {
            return; // only root can give a file away
        }
        let dir = tempfile::tempdir().unwrap();
        let theirs = dir.path().join("theirs");
        std::fs::write(&theirs, "x").unwrap();
        std::fs::set_permissions(&theirs, Permissions::from_mode(0o644)).unwrap();
        std::os::unix::fs::chown(&theirs, Some(65534), None).unwrap();
        let t = tighten_tree(dir.path());
        assert_eq!(t.foreign, vec![theirs.clone()], "{t:?}");
        assert_eq!(mode(&theirs), 0o644);
    }
}
