//! The cluster credentials file, `keys/cluster-credentials.json` (mode 0600):
//! the mesh handshake needs the cluster user's password in the clear (as
//! HarperDB keeps it reversibly for NATS), and it must never be in the config
//! file or the log. Written like the config: temp file, fsync, rename.

use std::collections::BTreeMap;
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

/// File name inside `keys/`.
pub const FILE: &str = "cluster-credentials.json";

/// The file of a root's keys folder.
pub fn path(keys_dir: &Path) -> PathBuf {
    keys_dir.join(FILE)
}

/// Read every stored credential (user → password); a missing file is empty.
pub fn load(keys_dir: &Path) -> std::io::Result<BTreeMap<String, String>> {
    match std::fs::read(path(keys_dir)) {
        Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("{} is not valid: {e}", path(keys_dir).display()),
            )
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(BTreeMap::new()),
        Err(e) => Err(e),
    }
}

/// The password of one cluster user.
pub fn password(keys_dir: &Path, user: &str) -> std::io::Result<Option<String>> {
    Ok(load(keys_dir)?.remove(user))
}

/// Store (or with `None`, forget) a user's password.
pub fn store(keys_dir: &Path, user: &str, password: Option<&str>) -> std::io::Result<()> {
    let mut all = load(keys_dir)?;
    match password {
        Some(p) => all.insert(user.to_owned(), p.to_owned()),
        None => all.remove(user),
    };
    std::fs::create_dir_all(keys_dir)?;
    let target = path(keys_dir);
    let tmp = keys_dir.join(format!(".{FILE}.tmp"));
    {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(0o600)
            .open(&tmp)?;
        f.write_all(&serde_json::to_vec(&all).map_err(std::io::Error::other)?)?;
        f.sync_all()?;
    }
    std::fs::rename(&tmp, &target)?;
    std::fs::File::open(keys_dir)?.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn stores_with_mode_0600_and_forgets() {
        let dir = tempfile::tempdir().unwrap();
        store(dir.path(), "cu", Some("pw")).unwrap();
        assert_eq!(password(dir.path(), "cu").unwrap().as_deref(), Some("pw"));
        let mode = std::fs::metadata(path(dir.path()))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
        store(dir.path(), "cu", None).unwrap();
        assert_eq!(password(dir.path(), "cu").unwrap(), None);
    }
}
