//! Flattened config names (`clustering_nodeName`, `CLUSTERING_PORT`, ...)
//! and applying named, cast values to a document: from
//! environment variables and `--NAME value` arguments at start and install,
//! and from a `set_configuration` body (spec 2.3, 2.4).
//!
//! HarperDB also writes any unknown name ending in `_port` or `_package`
//! verbatim as a nested key; we do not: those names configure HarperDB
//! components we do not have, so they are ignored like other unknown names.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::cast::{cast_str, cast_value};
use super::table::{
    CLUSTER_PORT, ENABLED, KEYS, Key, NODE_NAME, OPERATION_TOKEN_TIMEOUT, REFRESH_TOKEN_TIMEOUT,
    ROOT_PATH,
};

/// Pre-4.0 names HarperDB still maps (its own CI sets them).
const ALIASES: &[(&str, &Key)] = &[
    ("NODE_NAME", &NODE_NAME),
    ("CLUSTERING_NODE_NAME_KEY", &NODE_NAME),
    ("CLUSTERING", &ENABLED),
    ("CLUSTERING_ENABLED_KEY", &ENABLED),
    ("CLUSTERING_PORT", &CLUSTER_PORT),
    ("HDB_ROOT", &ROOT_PATH),
    ("OPERATIONSAPI_ROOT", &ROOT_PATH),
    // HarperDB 4.0 kept them under operationsApi.
    (
        "OPERATIONSAPI_AUTHENTICATION_OPERATIONTOKENTIMEOUT",
        &OPERATION_TOKEN_TIMEOUT,
    ),
    (
        "OPERATIONSAPI_AUTHENTICATION_REFRESHTOKENTIMEOUT",
        &REFRESH_TOKEN_TIMEOUT,
    ),
];

/// Body fields of an operation request that are not config names.
const REQUEST_FIELDS: [&str; 3] = ["operation", "hdb_user", "hdb_auth_header"];

/// The key and whether `name` is the canonical spelling (not an alias).
fn find(name: &str) -> Option<(&'static Key, bool)> {
    let canonical = KEYS.iter().find(|key| {
        let mut segments = name.split('_');
        key.segments()
            .all(|seg| segments.next().is_some_and(|s| s.eq_ignore_ascii_case(seg)))
            && segments.next().is_none()
    });
    if let Some(key) = canonical {
        return Some((key, true));
    }
    ALIASES
        .iter()
        .find(|(alias, _)| alias.eq_ignore_ascii_case(name))
        .map(|(_, key)| (*key, false))
}

/// The document path a flattened name addresses (case-insensitive), or
/// `None` for a name HarperDB does not map.
pub fn lookup_key(name: &str) -> Option<Vec<&'static str>> {
    find(name).map(|(key, _)| key.path_vec())
}

/// Check that a `--NAME value` argument names a config key (or one of
/// HarperDB's legacy aliases). An unknown name is refused with the closest
/// known name by edit distance, spelt in the case style of the one given
/// (`CLUSTERING_NODENAME` for `CLUSTERING_NODNAME`), when one is close.
/// Environment variables are not checked: the environment holds much else.
pub fn check_argument_name(name: &str) -> Result<(), String> {
    if find(name).is_some() {
        return Ok(());
    }
    let mut msg = format!("unknown setting --{name}");
    if let Some(close) = closest_name(name) {
        msg.push_str(&format!("; did you mean --{close}?"));
    }
    Err(msg)
}

/// Every name `--NAME value` accepts: the flattened keys, then the aliases.
fn argument_names() -> impl Iterator<Item = String> {
    KEYS.iter()
        .map(|k| k.segments().collect::<Vec<_>>().join("_"))
        .chain(ALIASES.iter().map(|(alias, _)| (*alias).to_owned()))
}

/// The known name nearest to `name` (case-insensitive edit distance), if it
/// is near enough to be a typo: at most a third of the name's length.
fn closest_name(name: &str) -> Option<String> {
    let given = name.to_ascii_lowercase();
    let (distance, best) = argument_names()
        .map(|n| (edit_distance(&given, &n.to_ascii_lowercase()), n))
        .min_by_key(|(d, _)| *d)?;
    if distance > (given.len() / 3).max(1) {
        return None;
    }
    let upper = name.chars().any(|c| c.is_ascii_alphabetic())
        && !name.chars().any(|c| c.is_ascii_lowercase());
    Some(if upper {
        best.to_ascii_uppercase()
    } else {
        best
    })
}

/// Levenshtein distance between two ASCII-ish strings (by `char`).
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if ca == *cb {
                diagonal
            } else {
                1 + diagonal.min(above).min(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()]
}

/// The config changes that environment variables and `--NAME value`
/// arguments ask for, cast, one per key, in schema order. Unmapped names are
/// ignored. An argument beats an environment variable for the same key, and
/// within one source a canonical name beats an alias. `rootPath` is never
/// returned: the daemon's root comes from `--root`, so `ROOTPATH`/`HDB_ROOT`
/// in the environment must not point the config elsewhere.
pub fn overrides_from(
    env: impl IntoIterator<Item = (String, String)>,
    args: &[(String, String)],
) -> Vec<(Vec<&'static str>, Value)> {
    let from_env = env.into_iter().map(|(k, v)| (k, v, 0u8));
    let from_args = args.iter().map(|(k, v)| (k.clone(), v.clone(), 2u8));
    let mut chosen: BTreeMap<usize, (u8, &'static Key, String)> = BTreeMap::new();
    for (name, raw, source_rank) in from_env.chain(from_args) {
        let Some((key, canonical)) = find(&name) else {
            continue;
        };
        if *key == ROOT_PATH {
            continue;
        }
        let order = KEYS.iter().position(|k| k == key).unwrap_or(usize::MAX);
        let rank = source_rank + u8::from(canonical);
        if chosen.get(&order).is_none_or(|(r, _, _)| rank >= *r) {
            chosen.insert(order, (rank, key, raw));
        }
    }
    chosen
        .into_values()
        .map(|(_, key, raw)| (key.path_vec(), cast_str(key.cast, &raw)))
        .collect()
}

/// Set the value at `path`, creating mappings on the way and replacing any
/// non-mapping that stands where one is needed (HarperDB does the same for a
/// legacy `clustering: true`).
pub fn apply<S: AsRef<str>>(doc: &mut Value, path: &[S], value: Value) {
    let Some((last, parents)) = path.split_last() else {
        *doc = value;
        return;
    };
    let mut node = doc;
    for key in parents {
        node = force_object(node)
            .entry(key.as_ref())
            .or_insert(Value::Null);
    }
    force_object(node).insert(last.as_ref().to_owned(), value);
}

fn force_object(v: &mut Value) -> &mut Map<String, Value> {
    if !v.is_object() {
        *v = Value::Object(Map::new());
    }
    match v {
        Value::Object(m) => m,
        _ => unreachable!("just made an object"),
    }
}

/// Set `key` in `doc` to `raw`, cast as the key casts values.
pub fn set_key(doc: &mut Value, key: &Key, raw: Value) {
    apply(doc, &key.path_vec(), cast_value(key.cast, raw));
}

/// The document `set_configuration` would write: `doc` with every mapped
/// body field cast and applied. Request fields (`operation`, `hdb_user`,
/// `hdb_auth_header`) and unknown names are ignored, and so is `rootPath`
/// (the root is where this file lives; moving it is not a config edit). The
/// caller validates the result.
pub fn set_configuration(doc: &Value, body: &Map<String, Value>) -> Value {
    let mut next = doc.clone();
    for (name, raw) in body {
        if REQUEST_FIELDS.contains(&name.as_str()) {
            continue;
        }
        match find(name) {
            Some((key, _)) if *key != ROOT_PATH => set_key(&mut next, key, raw.clone()),
            _ => {}
        }
    }
    next
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use serde_json::json;

    use super::*;
    use crate::config::defaults::{default_document, leaf_paths};
    use crate::config::table::{HUB_ROUTES, MAX_AGE};

    fn s(v: &str) -> Value {
        Value::String(v.into())
    }

    #[test]
    fn every_default_leaf_has_a_name_in_schema_order() {
        let leaves = leaf_paths(&default_document(Path::new("/r")));
        let ours: Vec<Vec<String>> = KEYS
            .iter()
            .map(|k| k.segments().map(str::to_owned).collect())
            .collect();
        assert_eq!(ours, leaves);
    }

    #[test]
    fn names_match_case_insensitively() {
        let want = Some(vec!["clustering", "nodeName"]);
        assert_eq!(lookup_key("CLUSTERING_NODENAME"), want);
        assert_eq!(lookup_key("clustering_nodeName"), want);
        assert_eq!(lookup_key("Clustering_NodeName"), want);
        assert_eq!(
            lookup_key("clustering_hubServer_cluster_network_port"),
            Some(vec![
                "clustering",
                "hubServer",
                "cluster",
                "network",
                "port"
            ])
        );
        assert_eq!(lookup_key("ROOTPATH"), Some(vec!["rootPath"]));
        for unknown in [
            "clustering_nodeName_x",
            "clustering_hubServer",
            "clustering_password",
            "",
            "_",
        ] {
            assert_eq!(lookup_key(unknown), None, "{unknown}");
        }
    }

    #[test]
    fn unknown_argument_names_are_refused_with_the_closest() {
        assert_eq!(check_argument_name("CLUSTERING_NODENAME"), Ok(()));
        assert_eq!(check_argument_name("node_name"), Ok(()));
        assert_eq!(
            check_argument_name("CLUSTERING_NODNAME"),
            Err("unknown setting --CLUSTERING_NODNAME; did you mean --CLUSTERING_NODENAME?".into())
        );
        assert_eq!(
            check_argument_name("clustering_nodNam"),
            Err("unknown setting --clustering_nodNam; did you mean --clustering_nodeName?".into())
        );
        assert_eq!(
            check_argument_name("OPERATIONSAPI_NETWORK_PROT"),
            Err(
                "unknown setting --OPERATIONSAPI_NETWORK_PROT; did you mean --OPERATIONSAPI_NETWORK_PORT?"
                    .into()
            )
        );
        assert_eq!(
            check_argument_name("SOMETHING_ELSE_ENTIRELY"),
            Err("unknown setting --SOMETHING_ELSE_ENTIRELY".into())
        );
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
    }

    #[test]
    fn legacy_aliases_map_to_their_keys() {
        assert_eq!(
            lookup_key("NODE_NAME"),
            Some(vec!["clustering", "nodeName"])
        );
        assert_eq!(
            lookup_key("CLUSTERING_NODE_NAME_KEY"),
            Some(vec!["clustering", "nodeName"])
        );
        assert_eq!(
            lookup_key("CLUSTERING_ENABLED_KEY"),
            Some(vec!["clustering", "enabled"])
        );
        assert_eq!(lookup_key("CLUSTERING_PORT"), Some(CLUSTER_PORT.path_vec()));
        assert_eq!(lookup_key("HDB_ROOT"), Some(vec!["rootPath"]));
        assert_eq!(lookup_key("operationsapi_root"), Some(vec!["rootPath"]));
        assert_eq!(
            lookup_key("operationsApi_authentication_operationTokenTimeout"),
            Some(OPERATION_TOKEN_TIMEOUT.path_vec())
        );
        assert_eq!(
            lookup_key("OPERATIONSAPI_AUTHENTICATION_REFRESHTOKENTIMEOUT"),
            Some(REFRESH_TOKEN_TIMEOUT.path_vec())
        );
    }

    #[test]
    fn routes_arrive_as_json_text_in_env() {
        // Acceptance item 58.
        let env = vec![(
            "CLUSTERING_HUBSERVER_CLUSTER_NETWORK_ROUTES".to_string(),
            r#"[{"host": "3.735.184.8", "port": 9932}]"#.to_string(),
        )];
        let got = overrides_from(env, &[]);
        assert_eq!(
            got,
            vec![(
                vec!["clustering", "hubServer", "cluster", "network", "routes"],
                json!([{"host": "3.735.184.8", "port": 9932}])
            )]
        );
    }

    #[test]
    fn arguments_beat_environment() {
        // Acceptance item 57.
        let env = vec![("CLUSTERING_NODENAME".to_string(), "EnvNode".to_string())];
        let args = vec![("CLUSTERING_NODENAME".to_string(), "ArgNode".to_string())];
        assert_eq!(
            overrides_from(env, &args),
            vec![(NODE_NAME.path_vec(), s("ArgNode"))]
        );
    }

    #[test]
    fn aliases_from_the_environment_at_install() {
        // Acceptance item 59, plus unmapped and root names being ignored.
        let env = [
            ("NODE_NAME", "ClstrTestA1"),
            ("CLUSTERING_PORT", "12345"),
            ("CLUSTERING", "true"),
            ("PATH", "/usr/bin"),
            ("ROOTPATH", "/elsewhere"),
            ("HDB_ROOT", "/elsewhere"),
            ("CLUSTERING_PASSWORD", "secret"),
        ]
        .map(|(k, v)| (k.to_string(), v.to_string()));
        let mut doc = default_document(Path::new("/r"));
        let got = overrides_from(env, &[]);
        assert_eq!(got.len(), 3);
        for (path, value) in got {
            apply(&mut doc, &path, value);
        }
        assert_eq!(doc["clustering"]["nodeName"], "ClstrTestA1");
        assert_eq!(
            doc["clustering"]["hubServer"]["cluster"]["network"]["port"],
            12345
        );
        assert_eq!(doc["clustering"]["enabled"], true);
        assert_eq!(doc["rootPath"], "/r");
    }

    #[test]
    fn canonical_names_beat_aliases_in_one_source() {
        let env = [("CLUSTERING_NODENAME", "canonical"), ("NODE_NAME", "alias")]
            .map(|(k, v)| (k.to_string(), v.to_string()));
        assert_eq!(
            overrides_from(env, &[]),
            vec![(NODE_NAME.path_vec(), s("canonical"))]
        );
    }

    #[test]
    fn apply_creates_and_replaces_parents() {
        let mut doc = json!({"clustering": true});
        apply(&mut doc, &["clustering", "tls", "verify"], json!(false));
        assert_eq!(doc, json!({"clustering": {"tls": {"verify": false}}}));
        apply(&mut doc, &["clustering", "tls", "verify"], json!(true));
        assert_eq!(doc["clustering"]["tls"]["verify"], true);
    }

    #[test]
    fn set_configuration_strips_casts_and_ignores_unknown() {
        let doc = default_document(Path::new("/r"));
        let body = json!({
            "operation": "set_configuration",
            "hdb_user": {"username": "admin"},
            "hdb_auth_header": "Basic x",
            "clustering_nodeName": 44,
            "CLUSTERING_ENABLED": "true",
            "clustering_hubServer_cluster_network_routes": [],
            "clustering_leafServer_streams_maxAge": "3600",
            "rootPath": "/moved",
            "no_such_key": 1
        });
        let next = set_configuration(&doc, body.as_object().unwrap());
        // Acceptance items 49 and 52.
        assert_eq!(next["clustering"]["nodeName"], s("44"));
        assert_eq!(next["clustering"]["enabled"], true);
        assert_eq!(
            next["clustering"]["hubServer"]["cluster"]["network"]["routes"],
            json!([])
        );
        assert_eq!(next["clustering"]["leafServer"]["streams"]["maxAge"], 3600);
        assert_eq!(next["rootPath"], "/r");
        assert!(next.get("operation").is_none() && next.get("no_such_key").is_none());
        let mut expected = doc.clone();
        for (k, v) in [
            (NODE_NAME, s("44")),
            (ENABLED, json!(true)),
            (HUB_ROUTES, json!([])),
            (MAX_AGE, json!(3600)),
        ] {
            apply(&mut expected, &k.path_vec(), v);
        }
        assert_eq!(next, expected);
    }
}
