//! The document a fresh install writes (HarperDB's keys and defaults, spec
//! 2.2) and the filling-in of keys an older or hand-written file lacks (spec
//! 2.1). The key order here is the schema order every other part follows.

use std::path::Path;

use serde_json::{Map, Value, json};

/// The levels `clustering.logLevel` and `logging.level` accept, in the order
/// HarperDB's messages list them.
pub const LOG_LEVELS: [&str; 5] = ["error", "warn", "info", "debug", "trace"];

/// `logging.rotation.maxSize`: `harperd.log` is rotated once it is larger.
pub const DEFAULT_LOG_MAX_SIZE: &str = "10M";
/// [`DEFAULT_LOG_MAX_SIZE`] in bytes.
pub const DEFAULT_LOG_MAX_SIZE_BYTES: u64 = 10 << 20;
/// `logging.rotation.maxFiles`: rotated logs kept beside `harperd.log`.
pub const DEFAULT_LOG_MAX_FILES: u64 = 5;

/// `authentication.operationTokenTimeout`: how long an operation token lasts.
pub const DEFAULT_OPERATION_TOKEN_TIMEOUT: &str = "1d";
/// `authentication.refreshTokenTimeout`: how long a refresh token lasts.
pub const DEFAULT_REFRESH_TOKEN_TIMEOUT: &str = "30d";

/// The configuration a fresh install writes for a node rooted at `root`.
pub fn default_document(root: &Path) -> Value {
    let under = |rel: &str| Value::String(root.join(rel).to_string_lossy().into_owned());
    json!({
        "rootPath": root.to_string_lossy(),
        "authentication": {
            "operationTokenTimeout": DEFAULT_OPERATION_TOKEN_TIMEOUT,
            "refreshTokenTimeout": DEFAULT_REFRESH_TOKEN_TIMEOUT
        },
        "clustering": {
            "enabled": false,
            "hubServer": {
                "cluster": {
                    "name": "harperdb",
                    "network": { "port": 9932, "host": "0.0.0.0", "routes": null }
                },
                "leafNodes": { "network": { "port": 9931 } },
                "network": { "port": 9930 }
            },
            "leafServer": {
                "network": { "port": 9940, "routes": null },
                "streams": {
                    "maxAge": null,
                    "maxBytes": null,
                    "maxMsgs": null,
                    "maxConsumeMsgs": 100,
                    "maxIngestThreads": 2,
                    "path": null
                }
            },
            "logLevel": "info",
            "nodeName": null,
            "republishMessages": false,
            "databaseLevel": false,
            "maxClockOffset": 60000,
            "tls": {
                "certificate": under("keys/certificate.pem"),
                "certificateAuthority": under("keys/ca.pem"),
                "privateKey": under("keys/privateKey.pem"),
                "insecure": true,
                "verify": true
            },
            "user": null
        },
        "logging": {
            "level": "info",
            "root": under("log"),
            // HarperDB's keys (`maxFiles` is ours); rotation on by default so
            // a flood of lines cannot fill the disk.
            "rotation": {
                "enabled": true,
                "maxSize": DEFAULT_LOG_MAX_SIZE,
                "maxFiles": DEFAULT_LOG_MAX_FILES,
                "compress": false
            }
        },
        "operationsApi": {
            "network": { "host": "127.0.0.1", "port": 9925, "https": false }
        },
        "storage": { "path": under("database"), "fsync": false }
    })
}

/// Add every key of `defaults` that `doc` lacks, recursing into mappings both
/// sides have. Present keys keep their value and position, even `null` or a
/// scalar where the default is a mapping: that is the user's choice and
/// validation, not this function, judges it. New keys go at the end of their
/// mapping. Returns whether anything was added.
pub fn fill_missing(doc: &mut Value, defaults: &Value) -> bool {
    match (doc, defaults) {
        (Value::Object(have), Value::Object(want)) => fill_map(have, want),
        _ => false,
    }
}

fn fill_map(have: &mut Map<String, Value>, want: &Map<String, Value>) -> bool {
    let mut changed = false;
    for (key, default) in want {
        match have.get_mut(key) {
            Some(present) => changed |= fill_missing(present, default),
            None => {
                have.insert(key.clone(), default.clone());
                changed = true;
            }
        }
    }
    changed
}

/// Every leaf of `doc` as its path, in document order. Arrays and `null` are
/// leaves (a route list is one value).
#[cfg(test)]
pub(crate) fn leaf_paths(doc: &Value) -> Vec<Vec<String>> {
    fn walk(v: &Value, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
        match v {
            Value::Object(m) => {
                for (k, child) in m {
                    prefix.push(k.clone());
                    walk(child, prefix, out);
                    prefix.pop();
                }
            }
            _ => out.push(prefix.clone()),
        }
    }
    let mut out = Vec::new();
    walk(doc, &mut Vec::new(), &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_match_harperdb_and_put_files_under_root() {
        let doc = default_document(Path::new("/srv/hdb"));
        assert_eq!(doc["rootPath"], "/srv/hdb");
        assert_eq!(doc["authentication"]["operationTokenTimeout"], "1d");
        assert_eq!(doc["authentication"]["refreshTokenTimeout"], "30d");
        let c = &doc["clustering"];
        assert_eq!(c["enabled"], false);
        assert_eq!(c["hubServer"]["cluster"]["name"], "harperdb");
        assert_eq!(c["hubServer"]["cluster"]["network"]["port"], 9932);
        assert_eq!(c["hubServer"]["cluster"]["network"]["routes"], Value::Null);
        assert_eq!(c["hubServer"]["leafNodes"]["network"]["port"], 9931);
        assert_eq!(c["hubServer"]["network"]["port"], 9930);
        assert_eq!(c["leafServer"]["network"]["port"], 9940);
        assert_eq!(c["leafServer"]["streams"]["maxConsumeMsgs"], 100);
        assert_eq!(c["leafServer"]["streams"]["maxIngestThreads"], 2);
        assert_eq!(c["logLevel"], "info");
        assert_eq!(c["republishMessages"], false);
        // Acceptance item 89: insecure and verify on, key files under keys/.
        assert_eq!(c["tls"]["insecure"], true);
        assert_eq!(c["tls"]["verify"], true);
        assert_eq!(c["tls"]["certificate"], "/srv/hdb/keys/certificate.pem");
        assert_eq!(c["tls"]["certificateAuthority"], "/srv/hdb/keys/ca.pem");
        assert_eq!(c["tls"]["privateKey"], "/srv/hdb/keys/privateKey.pem");
        assert_eq!(doc["logging"]["root"], "/srv/hdb/log");
        assert_eq!(doc["logging"]["rotation"]["enabled"], true);
        assert_eq!(doc["logging"]["rotation"]["maxSize"], "10M");
        assert_eq!(
            super::super::joi::as_size(&json!(DEFAULT_LOG_MAX_SIZE)),
            Some(DEFAULT_LOG_MAX_SIZE_BYTES)
        );
        assert_eq!(doc["operationsApi"]["network"]["host"], "127.0.0.1");
        assert_eq!(doc["operationsApi"]["network"]["port"], 9925);
        assert_eq!(doc["storage"]["path"], "/srv/hdb/database");
        assert_eq!(doc["storage"]["fsync"], false);
    }

    #[test]
    fn top_level_order_is_schema_order() {
        let doc = default_document(Path::new("/r"));
        let keys: Vec<_> = doc.as_object().unwrap().keys().cloned().collect();
        assert_eq!(
            keys,
            [
                "rootPath",
                "authentication",
                "clustering",
                "logging",
                "operationsApi",
                "storage"
            ]
        );
        let c: Vec<_> = doc["clustering"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        assert_eq!(
            c,
            [
                "enabled",
                "hubServer",
                "leafServer",
                "logLevel",
                "nodeName",
                "republishMessages",
                "databaseLevel",
                "maxClockOffset",
                "tls",
                "user"
            ]
        );
    }

    #[test]
    fn filling_adds_only_what_is_missing() {
        let defaults = default_document(Path::new("/r"));
        let mut doc = json!({
            "rootPath": "/r",
            "clustering": {
                "enabled": true,
                "nodeName": "n1",
                "leafServer": { "streams": { "maxAge": 3600 } },
                "tls": { "insecure": false },
                "hubServer": null
            },
            "custom": { "kept": 1 }
        });
        assert!(fill_missing(&mut doc, &defaults));
        let c = &doc["clustering"];
        assert_eq!(c["enabled"], true);
        assert_eq!(c["nodeName"], "n1");
        assert_eq!(c["leafServer"]["streams"]["maxAge"], 3600);
        assert_eq!(c["leafServer"]["streams"]["path"], Value::Null);
        assert!(
            c["leafServer"]["streams"]
                .as_object()
                .unwrap()
                .contains_key("path")
        );
        assert_eq!(c["leafServer"]["network"]["port"], 9940);
        assert_eq!(c["tls"]["insecure"], false);
        assert_eq!(c["tls"]["verify"], true);
        // A present null is the user's value, not a hole.
        assert_eq!(c["hubServer"], Value::Null);
        assert_eq!(doc["custom"]["kept"], 1);
        assert_eq!(doc["storage"]["fsync"], false);
        assert!(!fill_missing(&mut doc, &defaults));
    }
}
