//! The document a fresh install writes (HarperDB's keys and defaults, spec
//! 2.2) and the filling-in of keys an older or hand-written file lacks (spec
//! 2.1), both from the key table (`table.rs`).

use std::path::Path;

use serde_json::{Map, Value};

use super::keys::apply;
use super::table::KEYS;

/// The configuration a fresh install writes for a node rooted at `root`:
/// every key of the table with its default, in schema order.
pub fn default_document(root: &Path) -> Value {
    let mut doc = Value::Object(Map::new());
    for key in KEYS {
        apply(&mut doc, &key.path_vec(), key.default_value(root));
    }
    doc
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
    use serde_json::json;

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
                "localStudio",
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
