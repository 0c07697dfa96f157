//! The configuration schema and whole-document validation (spec 2.2): the
//! keys HarperDB's Joi schema checks, in its order, plus the ones this daemon
//! reads (logging, operations listener, storage). Clustering keys other than
//! `enabled` and `tls` are checked only when clustering is enabled; unknown
//! keys are allowed. Ports must also fit in 16 bits, which HarperDB leaves
//! for NATS to discover at start.

use serde_json::Value;

use super::joi::{Checker, Null, Obj, PORT, Rule, as_bool};
use super::routes::{duplicate_message, route_lists};
use super::{ConfigError, LOG_FORMATS, LOG_LEVELS};

/// The smallest `logging.rotation.maxSize`: below it a log rotates every few lines.
const MIN_LOG_MAX_SIZE_BYTES: u64 = 1024;
/// The most rotated logs `logging.rotation.maxFiles` may keep.
const MAX_LOG_FILES: u64 = 1000;

const ROOT_UNDEFINED: &str = "rootPath config parameter is undefined";
const ENABLED_UNDEFINED: &str = "clustering.enabled config parameter is undefined";

/// The document schema, in the order HarperDB reports failures.
impl Checker {
    fn clustering(&mut self, c: &Obj, enabled: bool) {
        self.field(c, "enabled", Rule::Bool, true, Null::Checked);
        if enabled {
            self.servers(c);
            self.field(
                c,
                "logLevel",
                Rule::OneOf(&LOG_LEVELS),
                false,
                Null::Checked,
            );
            self.field(c, "nodeName", Rule::NodeName, true, Null::AsMissing);
            self.field(c, "republishMessages", Rule::Bool, false, Null::Checked);
            self.field(c, "databaseLevel", Rule::Bool, false, Null::Checked);
            let ms = Rule::Number {
                min: 1.0,
                max: None,
                integer: true,
            };
            self.field(c, "maxClockOffset", ms, false, Null::AsMissing);
        }
        if let Some(tls) = self.object(c, "tls", false) {
            for key in ["certificate", "certificateAuthority", "privateKey"] {
                self.field(&tls, key, Rule::Str, false, Null::AsMissing);
            }
            self.field(&tls, "insecure", Rule::Bool, true, Null::Checked);
            self.field(&tls, "verify", Rule::Bool, false, Null::Checked);
        }
        if enabled {
            self.field(c, "user", Rule::Str, false, Null::AsMissing);
        }
    }

    fn servers(&mut self, c: &Obj) {
        if let Some(hub) = self.object(c, "hubServer", true) {
            if let Some(cluster) = self.object(&hub, "cluster", true) {
                self.field(&cluster, "name", Rule::Any, true, Null::AsMissing);
                if let Some(net) = self.object(&cluster, "network", true) {
                    self.field(&net, "port", PORT, true, Null::Checked);
                    self.field(&net, "host", Rule::Host, false, Null::AsMissing);
                    self.field(&net, "routes", Rule::Routes, false, Null::AsMissing);
                }
            }
            if let Some(leaf_nodes) = self.object(&hub, "leafNodes", true)
                && let Some(net) = self.object(&leaf_nodes, "network", true)
            {
                self.field(&net, "port", PORT, true, Null::Checked);
            }
            if let Some(net) = self.object(&hub, "network", true) {
                self.field(&net, "port", PORT, true, Null::Checked);
            }
        }
        if let Some(leaf) = self.object(c, "leafServer", true) {
            if let Some(net) = self.object(&leaf, "network", true) {
                self.field(&net, "port", PORT, true, Null::Checked);
                self.field(&net, "routes", Rule::Routes, false, Null::AsMissing);
            }
            if let Some(streams) = self.object(&leaf, "streams", true) {
                let at_least = |min| Rule::Number {
                    min,
                    max: None,
                    integer: false,
                };
                // maxAge must exceed the streams' 120 s duplicate window.
                self.field(&streams, "maxAge", at_least(120.0), false, Null::Allowed);
                self.field(&streams, "maxBytes", at_least(1.0), false, Null::Allowed);
                self.field(&streams, "maxMsgs", at_least(1.0), false, Null::Allowed);
                self.field(&streams, "path", Rule::Str, false, Null::AsMissing);
            }
        }
    }

    /// Keys HarperDB validates differently or not at all but this daemon
    /// reads: token lifetimes, logging, the operations listener, storage.
    fn ours(&mut self, top: &Obj) {
        // HarperDB accepts anything here and fails at the first login; a
        // bad lifetime is refused when it is written instead.
        if let Some(auth) = self.object(top, "authentication", false) {
            for key in ["operationTokenTimeout", "refreshTokenTimeout"] {
                self.field(&auth, key, Rule::Duration, false, Null::AsMissing);
            }
        }
        if let Some(logging) = self.object(top, "logging", false) {
            self.field(
                &logging,
                "level",
                Rule::OneOf(&LOG_LEVELS),
                false,
                Null::Checked,
            );
            self.field(&logging, "root", Rule::Str, false, Null::AsMissing);
            self.field(
                &logging,
                "format",
                Rule::OneOf(&LOG_FORMATS),
                false,
                Null::AsMissing,
            );
            if let Some(rotation) = self.object(&logging, "rotation", false) {
                self.field(&rotation, "enabled", Rule::Bool, false, Null::Checked);
                let size = Rule::Size {
                    min: MIN_LOG_MAX_SIZE_BYTES,
                };
                self.field(&rotation, "maxSize", size, false, Null::AsMissing);
                let files = Rule::Number {
                    min: 1.0,
                    max: Some(MAX_LOG_FILES as f64),
                    integer: true,
                };
                self.field(&rotation, "maxFiles", files, false, Null::AsMissing);
                self.field(&rotation, "compress", Rule::Bool, false, Null::Checked);
            }
        }
        if let Some(studio) = self.object(top, "localStudio", false) {
            self.field(&studio, "enabled", Rule::Bool, false, Null::Checked);
        }
        if let Some(ops) = self.object(top, "operationsApi", false) {
            if let Some(net) = self.object(&ops, "network", false) {
                self.field(&net, "host", Rule::Str, false, Null::AsMissing);
                self.field(&net, "port", PORT, false, Null::Allowed);
                self.field(&net, "https", Rule::Bool, false, Null::Checked);
            }
            if let Some(metrics) = self.object(&ops, "metrics", false) {
                self.field(&metrics, "public", Rule::Bool, false, Null::Checked);
            }
        }
        self.field(top, "rootPath", Rule::Str, true, Null::AsMissing);
        if let Some(storage) = self.object(top, "storage", false) {
            self.field(&storage, "path", Rule::Str, false, Null::AsMissing);
            self.field(&storage, "fsync", Rule::Bool, false, Null::Checked);
        }
    }
}

/// Check a whole configuration document. `Err` lists every failure.
pub fn validate(doc: &Value) -> Result<(), ConfigError> {
    let Value::Object(map) = doc else {
        return Err(ConfigError::NotMapping);
    };
    // HarperDB throws these two before its schema runs, so they come alone.
    if matches!(map.get("rootPath"), None | Some(Value::Null)) {
        return Err(ConfigError::Undefined(ROOT_UNDEFINED));
    }
    let enabled = map.get("clustering").and_then(|c| c.get("enabled"));
    if matches!(enabled, None | Some(Value::Null)) {
        return Err(ConfigError::Undefined(ENABLED_UNDEFINED));
    }
    let enabled = enabled.and_then(as_bool) == Some(true);

    let top = Obj {
        map,
        label: String::new(),
    };
    let mut check = Checker::default();
    if let Some(clustering) = check.object(&top, "clustering", true) {
        check.clustering(&clustering, enabled);
    }
    check.ours(&top);
    let (hub, leaf) = route_lists(doc);
    if let (Some(Value::Array(hub)), Some(Value::Array(leaf))) = (hub, leaf)
        && let Some(message) = duplicate_message(hub, leaf)
    {
        check.messages.push(message);
    }
    if check.messages.is_empty() {
        Ok(())
    } else {
        Err(ConfigError::Invalid(check.messages))
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use serde_json::json;

    use super::*;
    use crate::config::{apply, default_document, set_configuration};

    /// A valid clustering-enabled document with `changes` (dotted path,
    /// value; `None` removes the key) applied.
    fn enabled_with(changes: &[(&str, Option<Value>)]) -> Value {
        let mut doc = default_document(Path::new("/r"));
        doc["clustering"]["enabled"] = json!(true);
        doc["clustering"]["nodeName"] = json!("node1");
        for (path, value) in changes {
            let path: Vec<&str> = path.split('.').collect();
            match value {
                Some(v) => apply(&mut doc, &path, v.clone()),
                None => {
                    let (last, parents) = path.split_last().unwrap();
                    let parent = parents.iter().fold(&mut doc, |v, k| &mut v[*k]);
                    parent.as_object_mut().unwrap().remove(*last);
                }
            }
        }
        doc
    }

    fn message(doc: &Value) -> String {
        validate(doc).unwrap_err().to_string()
    }

    const PREFIX: &str = "HarperDB config file validation error: ";

    #[test]
    fn defaults_and_enabled_defaults_are_valid() {
        validate(&default_document(Path::new("/r"))).unwrap();
        validate(&enabled_with(&[])).unwrap();
    }

    #[test]
    fn spec_example_hub_server() {
        let doc = enabled_with(&[
            ("clustering.hubServer.cluster.name", Some(Value::Null)),
            (
                "clustering.hubServer.cluster.network.port",
                Some(json!("abc")),
            ),
            (
                "clustering.hubServer.cluster.network.routes",
                Some(json!([{"host": 123, "port": 9932}])),
            ),
            (
                "clustering.hubServer.leafNodes.network.port",
                Some(json!(true)),
            ),
            ("clustering.hubServer.network.port", Some(json!(-1))),
        ]);
        assert_eq!(
            message(&doc),
            format!(
                "{PREFIX}'clustering.hubServer.cluster.name' is required. 'clustering.hubServer.cluster.network.port' must be a number. 'clustering.hubServer.cluster.network.routes[0].host' must be a string. 'clustering.hubServer.leafNodes.network.port' must be a number. 'clustering.hubServer.network.port' must be greater than or equal to 0"
            )
        );
    }

    #[test]
    fn the_mesh_bind_address_is_an_ip_address_or_host_name() {
        for ok in ["127.0.0.2", "::", "node-1.example.com"] {
            validate(&enabled_with(&[(
                "clustering.hubServer.cluster.network.host",
                Some(json!(ok)),
            )]))
            .unwrap();
        }
        let doc = enabled_with(&[(
            "clustering.hubServer.cluster.network.host",
            Some(json!("not a host")),
        )]);
        assert_eq!(
            message(&doc),
            format!(
                "{PREFIX}'clustering.hubServer.cluster.network.host' must be an IP address or a host name"
            )
        );
        let doc = enabled_with(&[("clustering.hubServer.cluster.network.host", Some(json!(7)))]);
        assert!(
            message(&doc).contains("'clustering.hubServer.cluster.network.host' must be a string")
        );
    }

    #[test]
    fn spec_example_leaf_server_and_node_name() {
        let doc = enabled_with(&[
            ("clustering.leafServer.network.port", None),
            ("clustering.leafServer.streams.maxAge", Some(json!(10))),
            ("clustering.nodeName", Some(json!("bad.name"))),
        ]);
        assert_eq!(
            message(&doc),
            format!(
                "{PREFIX}'clustering.leafServer.network.port' is required. 'clustering.leafServer.streams.maxAge' must be greater than or equal to 120. 'clustering.nodeName' invalid, must not contain ., * or >"
            )
        );
    }

    #[test]
    fn spec_example_tls_and_user() {
        let doc = enabled_with(&[
            ("clustering.tls.certificateAuthority", Some(json!(5))),
            ("clustering.user", Some(json!(7))),
        ]);
        assert_eq!(
            message(&doc),
            format!(
                "{PREFIX}'clustering.tls.certificateAuthority' must be a string. 'clustering.user' must be a string"
            )
        );
    }

    #[test]
    fn set_configuration_examples() {
        let doc = enabled_with(&[]);
        let set = |body: Value| set_configuration(&doc, body.as_object().unwrap());
        // Acceptance items 50 and 51.
        assert_eq!(
            message(&set(json!({"clustering_nodeName": "wowee*nodename"}))),
            format!("{PREFIX}'clustering.nodeName' invalid, must not contain ., * or >")
        );
        assert_eq!(
            message(&set(json!({"clustering_leafServer_streams_maxAge": 10}))),
            format!(
                "{PREFIX}'clustering.leafServer.streams.maxAge' must be greater than or equal to 120"
            )
        );
        // Acceptance items 49 and 52 pass.
        validate(&set(
            json!({"clustering_hubServer_cluster_network_routes": []}),
        ))
        .unwrap();
        let numeric = set(json!({"clustering_nodeName": 44}));
        validate(&numeric).unwrap();
        assert_eq!(numeric["clustering"]["nodeName"], "44");
    }

    #[test]
    fn enabled_rules() {
        let mut doc = default_document(Path::new("/r"));
        doc["clustering"].as_object_mut().unwrap().remove("enabled");
        assert_eq!(
            message(&doc),
            "clustering.enabled config parameter is undefined"
        );
        doc["clustering"]["enabled"] = Value::Null;
        assert_eq!(
            message(&doc),
            "clustering.enabled config parameter is undefined"
        );
        doc["clustering"]["enabled"] = json!(5);
        assert_eq!(
            message(&doc),
            format!("{PREFIX}'clustering.enabled' must be a boolean")
        );
        doc["clustering"]["enabled"] = json!("FALSE");
        validate(&doc).unwrap();
        doc.as_object_mut().unwrap().remove("rootPath");
        assert_eq!(message(&doc), "rootPath config parameter is undefined");
    }

    #[test]
    fn disabled_clustering_checks_only_enabled_and_tls() {
        let mut doc = default_document(Path::new("/r"));
        doc["clustering"]["nodeName"] = json!("bad.name*");
        doc["clustering"]["hubServer"] = json!("nonsense");
        doc["clustering"]["logLevel"] = json!("loud");
        validate(&doc).unwrap();
        doc["clustering"]["tls"]["insecure"] = json!("maybe");
        doc["clustering"]["tls"]["verify"] = Value::Null;
        doc["clustering"]["tls"]["privateKey"] = json!("");
        assert_eq!(
            message(&doc),
            format!(
                "{PREFIX}'clustering.tls.privateKey' is not allowed to be empty. 'clustering.tls.insecure' must be a boolean. 'clustering.tls.verify' must be a boolean"
            )
        );
        doc["clustering"]["tls"] = json!({"certificate": null});
        assert_eq!(
            message(&doc),
            format!("{PREFIX}'clustering.tls.insecure' is required")
        );
    }

    #[test]
    fn enabled_clustering_checks_the_rest() {
        let doc = enabled_with(&[
            ("clustering.hubServer.leafNodes", None),
            ("clustering.leafServer.network.routes", Some(json!("x"))),
            ("clustering.leafServer.streams.maxBytes", Some(json!(0))),
            ("clustering.leafServer.streams.maxMsgs", Some(json!("many"))),
            ("clustering.leafServer.streams.path", Some(json!(1))),
            ("clustering.logLevel", Some(json!("loud"))),
            ("clustering.nodeName", Some(Value::Null)),
            ("clustering.republishMessages", Some(json!("yes"))),
            ("clustering.user", Some(json!(""))),
        ]);
        assert_eq!(
            message(&doc),
            format!(
                "{PREFIX}'clustering.hubServer.leafNodes' is required. 'clustering.leafServer.network.routes' must be an array. 'clustering.leafServer.streams.maxBytes' must be greater than or equal to 1. 'clustering.leafServer.streams.maxMsgs' must be a number. 'clustering.leafServer.streams.path' must be a string. 'clustering.logLevel' must be one of [error, warn, info, debug, trace]. 'clustering.nodeName' is required. 'clustering.republishMessages' must be a boolean. 'clustering.user' is not allowed to be empty"
            )
        );
        // Numeric strings pass as numbers; null stream limits are fine.
        validate(&enabled_with(&[(
            "clustering.hubServer.network.port",
            Some(json!("9930")),
        )]))
        .unwrap();
        let routes = json!([{"host": "a", "port": 1, "extra": true}, {"port": 2}, 5]);
        let doc = enabled_with(&[("clustering.leafServer.network.routes", Some(routes))]);
        assert_eq!(
            message(&doc),
            format!(
                "{PREFIX}'clustering.leafServer.network.routes[1].host' is required. 'clustering.leafServer.network.routes[2]' must be of type object"
            )
        );
    }

    #[test]
    fn our_keys_are_always_checked() {
        let mut doc = default_document(Path::new("/r"));
        doc["logging"]["level"] = json!("verbose");
        doc["operationsApi"]["network"]["port"] = json!(70000);
        doc["operationsApi"]["network"]["https"] = json!(1);
        doc["storage"]["fsync"] = json!("sometimes");
        doc["logging"]["format"] = json!("xml");
        doc["operationsApi"]["metrics"]["public"] = json!("yes");
        assert_eq!(
            message(&doc),
            format!(
                "{PREFIX}'logging.level' must be one of [error, warn, info, debug, trace]. 'logging.format' must be one of [text, json]. 'operationsApi.network.port' must be less than or equal to 65535. 'operationsApi.network.https' must be a boolean. 'operationsApi.metrics.public' must be a boolean. 'storage.fsync' must be a boolean"
            )
        );
        let mut doc = default_document(Path::new("/r"));
        doc["operationsApi"]["network"]["port"] = Value::Null;
        doc["somethingElse"] = json!({"any": ["thing"]});
        validate(&doc).unwrap();
        doc["operationsApi"]["network"]["port"] = json!(99.5);
        assert_eq!(
            message(&doc),
            format!("{PREFIX}'operationsApi.network.port' must be an integer")
        );
    }

    #[test]
    fn local_studio_enabled_is_a_boolean() {
        let mut doc = default_document(Path::new("/r"));
        assert_eq!(doc["localStudio"]["enabled"], json!(false));
        doc["localStudio"]["enabled"] = json!(true);
        validate(&doc).unwrap();
        doc["localStudio"]["enabled"] = json!("yes");
        assert_eq!(
            message(&doc),
            format!("{PREFIX}'localStudio.enabled' must be a boolean")
        );
    }

    #[test]
    fn log_rotation_keys_are_checked() {
        let mut doc = default_document(Path::new("/r"));
        doc["logging"]["rotation"] =
            json!({"enabled": "often", "maxSize": "10T", "maxFiles": 0, "compress": 1});
        assert_eq!(
            message(&doc),
            format!(
                "{PREFIX}'logging.rotation.enabled' must be a boolean. 'logging.rotation.maxSize' must be a size such as 512K, 10M or 1G. 'logging.rotation.maxFiles' must be greater than or equal to 1. 'logging.rotation.compress' must be a boolean"
            )
        );
        doc["logging"]["rotation"] = json!({"maxSize": 100, "maxFiles": 2.5});
        assert_eq!(
            message(&doc),
            format!(
                "{PREFIX}'logging.rotation.maxSize' must be at least 1024 bytes. 'logging.rotation.maxFiles' must be an integer"
            )
        );
        doc["logging"]["rotation"] = json!({"enabled": "false", "maxSize": "64M", "maxFiles": "3"});
        validate(&doc).unwrap();
        doc["logging"]["rotation"] = json!("daily");
        assert_eq!(
            message(&doc),
            format!("{PREFIX}'logging.rotation' must be of type object")
        );
    }

    #[test]
    fn duplicate_routes_are_refused_even_when_disabled() {
        let mut doc = default_document(Path::new("/r"));
        let r = json!([{"host": "3.6.3.3", "port": 7916}]);
        doc["clustering"]["hubServer"]["cluster"]["network"]["routes"] = r.clone();
        doc["clustering"]["leafServer"]["network"]["routes"] = r;
        assert_eq!(
            message(&doc),
            format!(
                "{PREFIX}Duplicate hub and leaf routes found [{{\"host\":\"3.6.3.3\",\"port\":7916}}]"
            )
        );
    }

    #[test]
    fn token_lifetimes_are_durations() {
        let doc = default_document(Path::new("/r"));
        let set = |body: Value| set_configuration(&doc, body.as_object().unwrap());
        for ok in [
            json!("1s"),
            json!(3600),
            json!("3600"),
            json!("2 days"),
            Value::Null,
        ] {
            validate(&set(json!({"authentication_operationTokenTimeout": ok}))).unwrap();
        }
        let rule = super::super::duration::DURATION_RULE;
        assert_eq!(
            message(&set(json!({
                "authentication_operationTokenTimeout": "soon",
                "authentication_refreshTokenTimeout": 0
            }))),
            format!(
                "{PREFIX}'authentication.operationTokenTimeout' {rule}. 'authentication.refreshTokenTimeout' {rule}"
            )
        );
        let mut doc = default_document(Path::new("/r"));
        doc["authentication"] = json!("1d");
        assert_eq!(
            message(&doc),
            format!("{PREFIX}'authentication' must be of type object")
        );
    }

    #[test]
    fn the_document_must_be_a_mapping() {
        for doc in [json!([1]), json!("x"), Value::Null] {
            assert!(matches!(validate(&doc), Err(ConfigError::NotMapping)));
        }
    }
}
