//! The token signing key, `keys/token-signing.key` (mode 0600): 32 random
//! bytes as hex, made on first use and kept for the life of the install
//! (delete the file and restart to invalidate every token at once). It is
//! never logged and is not part of the configuration. Written like the
//! cluster credentials: a temporary file created 0600, fsync, rename.

use std::collections::HashMap;
use std::io::Write as _;
use std::os::unix::fs::{DirBuilderExt as _, OpenOptionsExt as _, PermissionsExt as _};
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, Mutex};

use ring::hmac;
use ring::rand::{SecureRandom as _, SystemRandom};

/// File name inside `keys/`.
pub const FILE: &str = "token-signing.key";
/// The key's length: HMAC-SHA256's block-sized secret.
const KEY_BYTES: usize = 32;
/// The file's mode.
const MODE: u32 = 0o600;

/// Why there is no key.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    /// Reading or writing the file failed.
    #[error("cannot {action} {}: {source}", path.display())]
    Io {
        /// What was being done.
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// The operating-system error.
        source: std::io::Error,
    },
    /// The file is there but does not hold a key.
    #[error("{} does not hold a token signing key ({KEY_BYTES} bytes as hex); remove it to make a new one (every token issued so far stops working)", path.display())]
    Malformed {
        /// The file.
        path: PathBuf,
    },
}

/// The key of each root this process serves (one in a daemon), read or
/// made once. The lock also keeps two first uses from making two keys.
static KEYS: LazyLock<Mutex<HashMap<PathBuf, Arc<hmac::Key>>>> = LazyLock::new(Default::default);

/// The signing key of the install whose keys folder is `keys_dir`.
pub fn signing_key(keys_dir: &Path) -> Result<Arc<hmac::Key>, KeyError> {
    let mut keys = KEYS.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(k) = keys.get(keys_dir) {
        return Ok(k.clone());
    }
    let bytes = match read(keys_dir)? {
        Some(b) => b,
        None => create(keys_dir)?,
    };
    let key = Arc::new(hmac::Key::new(hmac::HMAC_SHA256, &bytes));
    keys.insert(keys_dir.to_owned(), key.clone());
    Ok(key)
}

/// The file of a keys folder.
pub fn path(keys_dir: &Path) -> PathBuf {
    keys_dir.join(FILE)
}

fn read(keys_dir: &Path) -> Result<Option<[u8; KEY_BYTES]>, KeyError> {
    let file = path(keys_dir);
    let io = |action, source| KeyError::Io {
        action,
        path: file.clone(),
        source,
    };
    let text = match std::fs::read(&file) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io("read", e)),
    };
    // An owner-only folder is the real guard; a copy restored with a wider
    // mode is narrowed rather than refused.
    let mode = std::fs::metadata(&file)
        .map_err(|e| io("read", e))?
        .permissions()
        .mode();
    if mode & 0o077 != 0 {
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(MODE))
            .map_err(|e| io("restrict", e))?;
    }
    from_hex(text.trim_ascii())
        .map(Some)
        .ok_or(KeyError::Malformed { path: file })
}

fn create(keys_dir: &Path) -> Result<[u8; KEY_BYTES], KeyError> {
    let mut bytes = [0u8; KEY_BYTES];
    SystemRandom::new()
        .fill(&mut bytes)
        .expect("the system random generator works");
    let file = path(keys_dir);
    let tmp = keys_dir.join(format!(".{FILE}.tmp"));
    let io = |action, source| KeyError::Io {
        action,
        path: file.clone(),
        source,
    };
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(keys_dir)
        .map_err(|e| io("create the folder of", e))?;
    let written = (|| {
        let _ = std::fs::remove_file(&tmp);
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(MODE)
            .open(&tmp)?;
        f.write_all(to_hex(&bytes).as_bytes())?;
        f.write_all(b"\n")?;
        f.sync_all()?;
        std::fs::rename(&tmp, &file)?;
        std::fs::File::open(keys_dir)?.sync_all()
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(io("write", e));
    }
    tracing::info!("made the token signing key {}", file.display());
    Ok(bytes)
}

fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn from_hex(text: &[u8]) -> Option<[u8; KEY_BYTES]> {
    if text.len() != KEY_BYTES * 2 {
        return None;
    }
    let mut out = [0u8; KEY_BYTES];
    for (i, pair) in text.chunks(2).enumerate() {
        let pair = std::str::from_utf8(pair).ok()?;
        out[i] = u8::from_str_radix(pair, 16).ok()?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mode(p: &Path) -> u32 {
        std::fs::metadata(p).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn made_once_with_mode_0600_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let keys = dir.path().join("keys");
        let first = signing_key(&keys).unwrap();
        assert_eq!(mode(&path(&keys)), 0o600);
        assert_eq!(mode(&keys), 0o700);
        let text = std::fs::read_to_string(path(&keys)).unwrap();
        assert_eq!(text.trim().len(), 64);
        let tag = hmac::sign(&first, b"x");
        // Read back from the file (as after a restart) it is the same key.
        KEYS.lock().unwrap().remove(&keys);
        let again = signing_key(&keys).unwrap();
        hmac::verify(&again, b"x", tag.as_ref()).unwrap();
        assert_eq!(std::fs::read_to_string(path(&keys)).unwrap(), text);
    }

    #[test]
    fn a_wider_mode_is_narrowed_and_a_malformed_file_refused() {
        let dir = tempfile::tempdir().unwrap();
        let keys = dir.path().to_owned();
        std::fs::write(path(&keys), format!("{}\n", "ab".repeat(32))).unwrap();
        std::fs::set_permissions(path(&keys), std::fs::Permissions::from_mode(0o644)).unwrap();
        signing_key(&keys).unwrap();
        assert_eq!(mode(&path(&keys)), 0o600);

        let other = tempfile::tempdir().unwrap();
        std::fs::write(path(other.path()), "not a key").unwrap();
        let e = signing_key(other.path()).unwrap_err();
        assert!(matches!(e, KeyError::Malformed { .. }), "{e}");
        assert!(!e.to_string().contains("not a key"));
        assert_eq!(std::fs::read(path(other.path())).unwrap(), b"not a key");
    }

    #[test]
    fn hex_round_trips() {
        let bytes: [u8; KEY_BYTES] = std::array::from_fn(|i| (i * 7) as u8);
        assert_eq!(from_hex(to_hex(&bytes).as_bytes()), Some(bytes));
        assert_eq!(from_hex(b"zz"), None);
        assert_eq!(from_hex("é".repeat(32).as_bytes()), None);
    }
}
