//! Reading and durably replacing `harperdb-config.yaml`. A write validates
//! first, keeps a copy of the previous file under `<root>/backup/`, and
//! replaces the file by rename so a crash leaves either the old or the new
//! file, never a torn one.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::{ConfigError, default_document, fill_missing, validate};

/// The directory under the root where the previous config is kept.
pub const BACKUP_DIR: &str = "backup";
/// The name of the previous config inside [`BACKUP_DIR`].
pub const BACKUP_FILE: &str = "harperdb-config.yaml.bak";

fn io_error(action: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> ConfigError {
    let path = path.to_owned();
    move |source| ConfigError::Io {
        action,
        path,
        source,
    }
}

/// Read and parse the config file at `path`, then add any key of the default
/// document it lacks (an older or hand-written file) without changing the
/// keys it has. The result is not validated.
pub fn load(path: &Path) -> Result<Value, ConfigError> {
    let text = fs::read_to_string(path).map_err(io_error("read", path))?;
    let parse_error = |message: String| ConfigError::Parse {
        path: path.to_owned(),
        message,
    };
    let mut doc: Value = serde_yaml::from_str(&text).map_err(|e| parse_error(e.to_string()))?;
    match doc {
        Value::Object(_) => {}
        Value::Null => {
            return Err(ConfigError::Empty {
                path: path.to_owned(),
            });
        }
        _ => {
            return Err(parse_error(
                "the top level must be a mapping of keys to values".into(),
            ));
        }
    }
    let root = match doc.get("rootPath").and_then(Value::as_str) {
        Some(root) if !root.is_empty() => PathBuf::from(root),
        _ => path.parent().map(Path::to_owned).unwrap_or_default(),
    };
    let absent: Vec<&[&str]> = NOT_FILLED
        .iter()
        .copied()
        .filter(|keys| lookup(&doc, keys).is_none())
        .collect();
    fill_missing(&mut doc, &default_document(&root));
    for keys in absent {
        remove(&mut doc, keys);
    }
    Ok(doc)
}

/// Keys HarperDB requires in the file itself (spec 2.2: `clustering.tls.insecure`
/// is a required boolean, also when clustering is disabled): never filled from
/// the defaults, so a file without them fails validation naming the key.
const NOT_FILLED: &[&[&str]] = &[&["clustering", "tls", "insecure"]];

fn lookup<'a>(doc: &'a Value, keys: &[&str]) -> Option<&'a Value> {
    keys.iter().try_fold(doc, |v, k| v.get(k))
}

fn remove(doc: &mut Value, keys: &[&str]) {
    let Some((last, parents)) = keys.split_last() else {
        return;
    };
    let parent = parents.iter().try_fold(doc, |v, k| v.get_mut(k));
    if let Some(Value::Object(map)) = parent {
        map.remove(*last);
    }
}

/// `<path>.tmp`, beside the file so the rename stays on one file system.
fn temp_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_owned();
    name.push(".tmp");
    path.with_file_name(name)
}

/// Validate `doc` and, only if it is valid, make it the content of `path`:
/// back up the current file to `<root>/backup/harperdb-config.yaml.bak`,
/// write and fsync `<path>.tmp`, rename it over `path`, fsync the directory.
pub fn write_atomic(root: &Path, path: &Path, doc: &Value) -> Result<(), ConfigError> {
    validate(doc)?;
    let yaml = serde_yaml::to_string(doc)
        .map_err(|e| io_error("serialize", path)(std::io::Error::other(e)))?;

    let previous = fs::metadata(path).ok();
    if previous.is_some() {
        // A missing backup costs only the undo copy; the write itself is still
        // atomic, so this is worth a warning and not a refusal (HarperDB agrees).
        let dir = root.join(BACKUP_DIR);
        let backup = dir.join(BACKUP_FILE);
        if let Err(e) = fs::create_dir_all(&dir).and_then(|()| fs::copy(path, &backup)) {
            tracing::warn!(
                "cannot back up {} to {}: {e}",
                path.display(),
                backup.display()
            );
        }
    }

    let tmp = temp_path(path);
    let written = write_synced(&tmp, yaml.as_bytes(), previous.as_ref())
        .and_then(|()| fs::rename(&tmp, path).map_err(io_error("rename", &tmp)));
    if let Err(e) = written {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }

    // The rename is done; if the directory cannot be synced the new file is in
    // place but might not survive a power cut. Failing now would make the
    // caller believe the old config is still current, which is worse.
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if let Err(e) = File::open(dir).and_then(|d| d.sync_all()) {
        tracing::warn!("cannot sync directory {}: {e}", dir.display());
    }
    Ok(())
}

fn write_synced(
    tmp: &Path,
    bytes: &[u8],
    previous: Option<&fs::Metadata>,
) -> Result<(), ConfigError> {
    let mut file = File::create(tmp).map_err(io_error("create", tmp))?;
    file.write_all(bytes).map_err(io_error("write", tmp))?;
    if let Some(meta) = previous {
        // Keep the permissions the operator gave the file, but never for the
        // group or others (an explicit mode ignores the umask): it names the
        // cluster user and the key files.
        use std::os::unix::fs::PermissionsExt as _;
        let mode = meta.permissions().mode() & !harper_rpc::files::GROUP_OTHER_BITS;
        file.set_permissions(fs::Permissions::from_mode(mode))
            .map_err(io_error("set permissions on", tmp))?;
    }
    file.sync_all().map_err(io_error("sync", tmp))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::config::set_configuration;

    fn setup() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("harperdb-config.yaml");
        (dir, path)
    }

    #[test]
    fn round_trip_keeps_values_order_and_string_names() {
        let (dir, path) = setup();
        let mut doc = default_document(dir.path());
        let body = json!({"clustering_nodeName": 44, "clustering_user": "TrUe",
            "clustering_hubServer_cluster_network_routes": [{"host": "10.0.0.1", "port": 9932}],
            "clustering_leafServer_streams_maxAge": "0.777e3"});
        doc = set_configuration(&doc, body.as_object().unwrap());
        write_atomic(dir.path(), &path, &doc).unwrap();
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("rootPath:"), "{text}");
        let back = load(&path).unwrap();
        assert_eq!(back, doc);
        assert_eq!(back["clustering"]["nodeName"], "44");
        assert_eq!(back["clustering"]["user"], "TrUe");
        assert_eq!(
            serde_json::to_string(&back).unwrap(),
            serde_json::to_string(&doc).unwrap(),
            "key order survives"
        );
        assert!(!temp_path(&path).exists());
        assert!(
            !dir.path().join(BACKUP_DIR).exists(),
            "nothing to back up on first write"
        );
    }

    #[test]
    fn rewrite_backs_up_the_previous_file() {
        let (dir, path) = setup();
        let doc = default_document(dir.path());
        write_atomic(dir.path(), &path, &doc).unwrap();
        let first = fs::read(&path).unwrap();
        let next = set_configuration(&doc, json!({"logging_level": "debug"}).as_object().unwrap());
        write_atomic(dir.path(), &path, &next).unwrap();
        assert_eq!(
            fs::read(dir.path().join(BACKUP_DIR).join(BACKUP_FILE)).unwrap(),
            first
        );
        assert_eq!(load(&path).unwrap()["logging"]["level"], "debug");
    }

    #[test]
    fn an_invalid_document_is_never_written() {
        let (dir, path) = setup();
        let mut doc = default_document(dir.path());
        doc["clustering"]["enabled"] = json!(true);
        doc["clustering"]["nodeName"] = json!("node1");
        write_atomic(dir.path(), &path, &doc).unwrap();
        let before = fs::read(&path).unwrap();

        // Acceptance item 50.
        let bad = set_configuration(
            &doc,
            json!({"clustering_nodeName": "wowee*nodename"})
                .as_object()
                .unwrap(),
        );
        let err = write_atomic(dir.path(), &path, &bad).unwrap_err();
        assert_eq!(
            err.to_string(),
            "HarperDB config file validation error: 'clustering.nodeName' invalid, must not contain ., * or >"
        );
        assert!(err.is_validation());
        assert_eq!(fs::read(&path).unwrap(), before, "file byte-identical");
        assert!(!temp_path(&path).exists());
        assert!(!dir.path().join(BACKUP_DIR).exists());
    }

    #[test]
    fn missing_keys_are_filled_on_load() {
        let (dir, path) = setup();
        fs::write(&path, "rootPath: /srv/hdb\nclustering:\n  enabled: true\n  nodeName: n1\n  tls:\n    insecure: false\nextra: kept\n").unwrap();
        let doc = load(&path).unwrap();
        assert_eq!(doc["clustering"]["enabled"], true);
        assert_eq!(doc["clustering"]["tls"]["insecure"], false);
        assert_eq!(doc["clustering"]["tls"]["verify"], true);
        assert_eq!(
            doc["clustering"]["tls"]["certificate"],
            "/srv/hdb/keys/certificate.pem"
        );
        assert_eq!(
            doc["clustering"]["leafServer"]["streams"]["path"],
            Value::Null
        );
        assert_eq!(doc["storage"]["path"], "/srv/hdb/database");
        assert_eq!(doc["extra"], "kept");
        validate(&doc).unwrap();
        drop(dir);
    }

    #[test]
    fn a_missing_tls_insecure_is_not_filled() {
        let (_dir, path) = setup();
        for text in [
            "rootPath: /srv/hdb\nclustering:\n  enabled: false\n  tls:\n    verify: true\n",
            "rootPath: /srv/hdb\nclustering:\n  enabled: false\n",
        ] {
            fs::write(&path, text).unwrap();
            let doc = load(&path).unwrap();
            assert_eq!(doc["clustering"]["tls"].get("insecure"), None, "{text}");
            assert_eq!(
                validate(&doc).unwrap_err().to_string(),
                "HarperDB config file validation error: 'clustering.tls.insecure' is required"
            );
        }
    }

    #[test]
    fn unreadable_files_are_named_in_the_error() {
        let (_dir, path) = setup();
        fs::write(
            &path,
            "rootPath: /r\nclustering:\n  enabled: true\n   nodeName: x\n",
        )
        .unwrap();
        let msg = load(&path).unwrap_err().to_string();
        assert!(
            msg.starts_with(&format!("cannot parse {}: ", path.display())),
            "{msg}"
        );
        assert!(msg.contains("line"), "{msg}");

        fs::write(&path, "# only a comment\n").unwrap();
        let msg = load(&path).unwrap_err().to_string();
        assert!(msg.contains("is empty"), "{msg}");

        fs::write(&path, "- a\n- b\n").unwrap();
        let msg = load(&path).unwrap_err().to_string();
        assert!(
            msg.ends_with("the top level must be a mapping of keys to values"),
            "{msg}"
        );

        fs::remove_file(&path).unwrap();
        let msg = load(&path).unwrap_err().to_string();
        assert!(
            msg.starts_with(&format!("cannot read {}", path.display())),
            "{msg}"
        );
    }
}
