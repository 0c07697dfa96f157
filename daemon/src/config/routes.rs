//! The route operations `cluster_get_routes`, `cluster_set_routes` and
//! `cluster_delete_routes` as edits of the document (spec 3.4). They read
//! the route lists from the document the caller loaded from the file, not
//! from the running mesh; the caller writes the result, which re-validates
//! the whole file.

use serde_json::{Map, Value, json};

use super::VALIDATION_PREFIX;
use super::cast::cast_value;
use super::joi::{as_f64, check_routes, check_server};
use super::keys::apply;
use super::table::Cast;

/// Where hub routes live: `clustering.hubServer.cluster.network.routes`.
const HUB_ROUTES: [&str; 5] = ["clustering", "hubServer", "cluster", "network", "routes"];
/// Where leaf routes live: `clustering.leafServer.network.routes`.
const LEAF_ROUTES: [&str; 4] = ["clustering", "leafServer", "network", "routes"];

/// Why a route operation failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RouteError {
    /// The request is invalid (HTTP 400); the message lists every problem.
    #[error("{0}")]
    Invalid(String),
    /// The config file's route lists are already invalid or overlap (HTTP
    /// 500), so HarperDB refuses to touch them.
    #[error("{VALIDATION_PREFIX}{0}")]
    BadConfig(String),
}

impl RouteError {
    /// The HTTP status HarperDB answers with.
    pub fn status(&self) -> u16 {
        match self {
            RouteError::Invalid(_) => 400,
            RouteError::BadConfig(_) => 500,
        }
    }
}

/// The hub and leaf route lists of `doc`, as stored (absent when missing).
pub(crate) fn route_lists(doc: &Value) -> (Option<&Value>, Option<&Value>) {
    let at = |path: &[&str]| path.iter().try_fold(doc, |v, k| v.get(k));
    (at(&HUB_ROUTES), at(&LEAF_ROUTES))
}

/// JavaScript `===` on a route's host and port: `"9932"` is not `9932`, but
/// `9932` and `9932.0` are the same number.
fn same_route(a: &Value, b: &Value) -> bool {
    let (Value::Object(a), Value::Object(b)) = (a, b) else {
        return false;
    };
    let port_a = a.get("port");
    let port_b = b.get("port");
    let same_port = match (port_a, port_b) {
        (Some(Value::Number(x)), Some(Value::Number(y))) => x.as_f64() == y.as_f64(),
        _ => port_a == port_b,
    };
    a.get("host") == b.get("host") && same_port
}

/// HarperDB's message for hub routes that also appear among leaf routes, or
/// `None` when the lists do not overlap.
pub(crate) fn duplicate_message(hub: &[Value], leaf: &[Value]) -> Option<String> {
    let dups: Vec<&Value> = hub
        .iter()
        .filter(|h| leaf.iter().any(|l| same_route(h, l)))
        .collect();
    if dups.is_empty() {
        return None;
    }
    let list = serde_json::to_string(&dups).unwrap_or_default();
    Some(format!("Duplicate hub and leaf routes found {list}"))
}

/// One stored list: `null`, missing or empty reads as `[]`; anything else
/// must pass the route rules, labelled `routes` as HarperDB does.
fn stored_list(v: Option<&Value>) -> Result<Vec<Value>, RouteError> {
    match v {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::String(s)) if s.is_empty() => Ok(Vec::new()),
        Some(v) => {
            let problems = check_routes(Some(v), "routes", false);
            if problems.is_empty() {
                Ok(v.as_array().cloned().unwrap_or_default())
            } else {
                Err(RouteError::BadConfig(problems.join(". ")))
            }
        }
    }
}

/// The hub and leaf routes of `doc` (`null` as empty), refusing a file
/// whose lists are invalid or share a route.
pub fn get_routes(doc: &Value) -> Result<(Vec<Value>, Vec<Value>), RouteError> {
    let (hub, leaf) = route_lists(doc);
    let hub = stored_list(hub)?;
    let leaf = stored_list(leaf)?;
    match duplicate_message(&hub, &leaf) {
        Some(message) => Err(RouteError::BadConfig(message)),
        None => Ok((hub, leaf)),
    }
}

fn requested(body: &Map<String, Value>) -> &[Value] {
    body.get("routes")
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

fn route(host: Option<&Value>, port: Value) -> Value {
    json!({ "host": host.cloned().unwrap_or(Value::Null), "port": port })
}

/// `cluster_set_routes`: append each requested route (port cast, so `"9932"`
/// becomes 9932) to the `server`'s list unless the same host and port is in
/// either list already, counting routes appended earlier in this request.
/// Returns `(set, skipped)`; `doc` changes only when something was set.
pub fn set_routes(
    doc: &mut Value,
    body: &Map<String, Value>,
) -> Result<(Vec<Value>, Vec<Value>), RouteError> {
    let mut problems = check_server(body.get("server"));
    problems.extend(check_routes(body.get("routes"), "routes", true));
    if !problems.is_empty() {
        return Err(RouteError::Invalid(problems.join(". ")));
    }
    let (mut hub, mut leaf) = get_routes(doc)?;
    let to_hub = body.get("server").and_then(Value::as_str) == Some("hub");

    let (mut set, mut skipped) = (Vec::new(), Vec::new());
    for r in requested(body) {
        let port = cast_value(Cast::Auto, r.get("port").cloned().unwrap_or(Value::Null));
        let candidate = route(r.get("host"), port);
        if hub
            .iter()
            .chain(&leaf)
            .any(|known| same_route(known, &candidate))
        {
            skipped.push(candidate);
            continue;
        }
        let target = if to_hub { &mut hub } else { &mut leaf };
        target.push(candidate.clone());
        set.push(candidate);
    }
    if !set.is_empty() {
        let (path, list): (&[&str], _) = if to_hub {
            (&HUB_ROUTES, hub)
        } else {
            (&LEAF_ROUTES, leaf)
        };
        apply(doc, path, Value::Array(list));
    }
    Ok((set, skipped))
}

/// `cluster_delete_routes`: remove each requested route from the hub list,
/// or failing that from the leaf list, matching host and port exactly (no
/// cast). Returns `(deleted, skipped)`. A list emptied this way is stored as
/// `null`; a list nothing was removed from is left as it was.
pub fn delete_routes(
    doc: &mut Value,
    body: &Map<String, Value>,
) -> Result<(Vec<Value>, Vec<Value>), RouteError> {
    let problems = check_routes(body.get("routes"), "routes", true);
    if !problems.is_empty() {
        return Err(RouteError::Invalid(problems.join(". ")));
    }
    let (mut hub, mut leaf) = get_routes(doc)?;
    let (mut hub_changed, mut leaf_changed) = (false, false);
    let (mut deleted, mut skipped) = (Vec::new(), Vec::new());
    for r in requested(body) {
        let given = route(r.get("host"), r.get("port").cloned().unwrap_or(Value::Null));
        if let Some(i) = hub.iter().position(|known| same_route(known, r)) {
            hub.remove(i);
            hub_changed = true;
            deleted.push(given);
        } else if let Some(i) = leaf.iter().position(|known| same_route(known, r)) {
            leaf.remove(i);
            leaf_changed = true;
            deleted.push(given);
        } else {
            skipped.push(given);
        }
    }
    let stored = |list: Vec<Value>| {
        if list.is_empty() {
            Value::Null
        } else {
            Value::Array(list)
        }
    };
    if hub_changed {
        apply(doc, &HUB_ROUTES, stored(hub));
    }
    if leaf_changed {
        apply(doc, &LEAF_ROUTES, stored(leaf));
    }
    Ok((deleted, skipped))
}

/// Parse a stored route list into typed routes, skipping entries that are
/// not `{host: non-empty string, port: 0..=65535}`.
pub(crate) fn typed_routes(v: Option<&Value>) -> Vec<harper_rpc::Route> {
    let Some(Value::Array(items)) = v else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|item| {
            let host = item.get("host")?.as_str().filter(|h| !h.is_empty())?;
            let port = as_f64(item.get("port")?)
                .filter(|p| p.fract() == 0.0 && (0.0..=65535.0).contains(p))?;
            Some(harper_rpc::Route {
                host: host.to_owned(),
                port: port as u16,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::config::default_document;

    fn body(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    fn r(host: &str, port: u16) -> Value {
        json!({"host": host, "port": port})
    }

    fn with_routes(hub: Value, leaf: Value) -> Value {
        let mut doc = default_document(Path::new("/r"));
        apply(&mut doc, &HUB_ROUTES, hub);
        apply(&mut doc, &LEAF_ROUTES, leaf);
        doc
    }

    fn invalid(e: RouteError) -> String {
        assert_eq!(e.status(), 400);
        e.to_string()
    }

    #[test]
    fn get_on_a_fresh_config_is_empty() {
        // Acceptance item 1.
        let doc = default_document(Path::new("/r"));
        assert_eq!(get_routes(&doc).unwrap(), (vec![], vec![]));
    }

    #[test]
    fn get_returns_both_lists() {
        // Acceptance item 9.
        let doc = with_routes(
            json!([r("dev.chicken", 7718)]),
            json!([r("dev.wing", 7716)]),
        );
        assert_eq!(
            get_routes(&doc).unwrap(),
            (vec![r("dev.chicken", 7718)], vec![r("dev.wing", 7716)])
        );
    }

    #[test]
    fn set_appends_new_routes() {
        // Acceptance item 2.
        let mut doc = default_document(Path::new("/r"));
        let req = body(
            json!({"server": "hub", "routes": [r("dev.chicken", 7718), r("1.2.44.244", 7719)]}),
        );
        let (set, skipped) = set_routes(&mut doc, &req).unwrap();
        assert_eq!(set, vec![r("dev.chicken", 7718), r("1.2.44.244", 7719)]);
        assert!(skipped.is_empty());
        assert_eq!(get_routes(&doc).unwrap().0, set);
    }

    #[test]
    fn set_skips_known_routes_and_keeps_existing_first() {
        // Acceptance item 3.
        let mut doc = with_routes(json!([r("dev.chicken", 7718)]), Value::Null);
        let req = body(
            json!({"server": "hub", "routes": [r("1.2.44.244", 7719), r("dev.chicken", 7718)]}),
        );
        let (set, skipped) = set_routes(&mut doc, &req).unwrap();
        assert_eq!(
            (set, skipped),
            (vec![r("1.2.44.244", 7719)], vec![r("dev.chicken", 7718)])
        );
        assert_eq!(
            get_routes(&doc).unwrap().0,
            vec![r("dev.chicken", 7718), r("1.2.44.244", 7719)]
        );
    }

    #[test]
    fn set_skips_routes_of_the_other_server() {
        // Acceptance item 4.
        let mut doc = with_routes(json!([r("dev.chicken", 7718)]), Value::Null);
        let before = doc.clone();
        let req = body(json!({"server": "leaf", "routes": [r("dev.chicken", 7718)]}));
        let (set, skipped) = set_routes(&mut doc, &req).unwrap();
        assert_eq!((set, skipped), (vec![], vec![r("dev.chicken", 7718)]));
        assert_eq!(doc, before, "leaf routes stay empty, nothing rewritten");
    }

    #[test]
    fn set_casts_ports_and_skips_repeats_within_a_request() {
        let mut doc = default_document(Path::new("/r"));
        let req = body(json!({"server": "leaf", "routes": [
            {"host": "a", "port": "9932"}, {"host": "a", "port": 9932}
        ]}));
        let (set, skipped) = set_routes(&mut doc, &req).unwrap();
        assert_eq!((set, skipped), (vec![r("a", 9932)], vec![r("a", 9932)]));
        assert_eq!(get_routes(&doc).unwrap().1, vec![r("a", 9932)]);
    }

    #[test]
    fn set_validation_messages() {
        let mut doc = default_document(Path::new("/r"));
        let mut fail = |v: Value| invalid(set_routes(&mut doc, &body(v)).unwrap_err());
        // Acceptance items 5-7.
        assert_eq!(
            fail(json!({"server": "harperdb", "routes": []})),
            "'server' must be one of [hub, leaf]"
        );
        assert_eq!(
            fail(
                json!({"server": "hub", "routes": [r("test.uni", 1111), {"ip": "1.2.3.4", "port": 12345}]})
            ),
            "'routes[1].host' is required"
        );
        assert_eq!(
            fail(json!({"server": "hub", "routes": [{"host": "a"}]})),
            "'routes[0].port' is required"
        );
        assert_eq!(
            fail(json!({"routes": null})),
            "'server' is required. 'routes' is required"
        );
        assert_eq!(
            fail(json!({"server": "hub", "routes": "a:1"})),
            "'routes' must be an array"
        );
        assert_eq!(
            fail(json!({"server": "hub", "routes": [{"host": "a", "port": -1}]})),
            "'routes[0].port' must be greater than or equal to 0"
        );
        // Acceptance items 11 and 12.
        assert_eq!(
            fail(
                json!({"server": "hub", "routes": [{"host": 123, "port": 7916}, {"host": "4.4.4.6", "port": "711a"}]})
            ),
            "'routes[0].host' must be a string. 'routes[1].port' must be a number"
        );
        assert_eq!(
            fail(json!({"server": "hub", "routes": [{"port": 7916}, {"host": "4.4.4.6"}]})),
            "'routes[0].host' is required. 'routes[1].port' is required"
        );
    }

    #[test]
    fn delete_removes_hub_first_then_leaf_and_nulls_empty_lists() {
        // Acceptance item 8.
        let mut doc = with_routes(
            json!([r("dev.chicken", 7718), r("dev.foot", 7718)]),
            json!([r("dev.wing", 7716)]),
        );
        let req = body(
            json!({"routes": [r("dev.chicken", 7718), r("dev.wing", 7716), r("1.2.44.244", 7719)]}),
        );
        let (deleted, skipped) = delete_routes(&mut doc, &req).unwrap();
        assert_eq!(deleted, vec![r("dev.chicken", 7718), r("dev.wing", 7716)]);
        assert_eq!(skipped, vec![r("1.2.44.244", 7719)]);
        let (hub, leaf) = route_lists(&doc);
        assert_eq!(hub, Some(&json!([r("dev.foot", 7718)])));
        assert_eq!(leaf, Some(&Value::Null));
    }

    #[test]
    fn delete_is_strict_and_counts_repeats() {
        let mut doc = with_routes(json!([r("a", 9932)]), json!([]));
        let req = body(json!({"server": "ignored", "routes": [
            {"host": "a", "port": "9932"}, r("a", 9932), r("a", 9932)
        ]}));
        let (deleted, skipped) = delete_routes(&mut doc, &req).unwrap();
        assert_eq!(deleted, vec![r("a", 9932)]);
        assert_eq!(
            skipped,
            vec![json!({"host": "a", "port": "9932"}), r("a", 9932)]
        );
        let (_, leaf) = route_lists(&doc);
        assert_eq!(leaf, Some(&json!([])), "an untouched list is left alone");
        assert_eq!(
            invalid(delete_routes(&mut doc, &body(json!({}))).unwrap_err()),
            "'routes' is required"
        );
    }

    #[test]
    fn a_bad_file_fails_every_route_operation_with_500() {
        // Acceptance item 10.
        let dup = json!([r("3.6.3.3", 7916)]);
        let mut doc = with_routes(dup.clone(), dup);
        let expected = "HarperDB config file validation error: Duplicate hub and leaf routes found [{\"host\":\"3.6.3.3\",\"port\":7916}]";
        let req = body(json!({"server": "hub", "routes": [r("b", 1)]}));
        for e in [
            get_routes(&doc).unwrap_err(),
            set_routes(&mut doc, &req).unwrap_err(),
            delete_routes(&mut doc, &req).unwrap_err(),
        ] {
            assert_eq!((e.status(), e.to_string().as_str()), (500, expected));
        }
        let doc = with_routes(json!([{"host": 1, "port": 1}]), Value::Null);
        let e = get_routes(&doc).unwrap_err();
        assert_eq!(
            (e.status(), e.to_string()),
            (
                500,
                "HarperDB config file validation error: 'routes[0].host' must be a string".into()
            )
        );
    }

    #[test]
    fn typed_routes_skip_malformed_entries() {
        let v = json!([r("a", 1), {"host": "b", "port": "2"}, {"host": "c"}, {"host": "d", "port": 1.5}, 7]);
        let got = typed_routes(Some(&v));
        let want = [("a", 1), ("b", 2)].map(|(h, p)| harper_rpc::Route {
            host: h.into(),
            port: p,
        });
        assert_eq!(got, want);
    }
}
