//! Route operations (spec 3.4): `cluster_set_routes`, `cluster_get_routes`
//! and `cluster_delete_routes`.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Route;

/// Which route list: the hub (mesh) routes or the leaf routes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum RouteServer {
    /// `clustering.hubServer.cluster.network.routes`.
    #[default]
    Hub,
    /// `clustering.leafServer.network.routes`.
    Leaf,
}

/// `cluster_set_routes`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClusterSetRoutes {
    /// Which list.
    pub server: RouteServer,
    /// Routes to add.
    pub routes: Vec<Route>,
}

no_fields! {
    /// `cluster_get_routes`.
    ClusterGetRoutes;
}

/// `cluster_delete_routes`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClusterDeleteRoutes {
    /// Routes to remove from whichever list holds them.
    pub routes: Vec<Route>,
}

operation! {
    ClusterSetRoutes => ClusterSetRoutes, SetRoutesResponse;
    ClusterGetRoutes => ClusterGetRoutes, GetRoutesResponse;
    ClusterDeleteRoutes => ClusterDeleteRoutes, DeleteRoutesResponse;
}

/// A route as the configuration holds it or a request gave it: HarperDB
/// takes a port written as a string (`"9932"`), and lists it as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListedRoute {
    /// IP address or DNS name.
    pub host: String,
    /// The port, as written.
    pub port: RoutePort,
}

/// A route's port: a number (kept as written, `9932` or `9932.0`), or the
/// string it was written as.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum RoutePort {
    /// `9932`.
    Number(serde_json::Number),
    /// `"9932"`.
    Text(String),
}

impl fmt::Display for RoutePort {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RoutePort::Number(n) => write!(f, "{n}"),
            RoutePort::Text(s) => f.write_str(s),
        }
    }
}

impl fmt::Display for ListedRoute {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.host, self.port)
    }
}

/// The answer of `cluster_set_routes`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetRoutesResponse {
    /// `cluster routes successfully set`.
    pub message: String,
    /// Routes added (ports cast to numbers).
    pub set: Vec<ListedRoute>,
    /// Routes already present in either list.
    pub skipped: Vec<ListedRoute>,
}

/// The answer of `cluster_get_routes`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GetRoutesResponse {
    /// Hub routes.
    pub hub: Vec<ListedRoute>,
    /// Leaf routes.
    pub leaf: Vec<ListedRoute>,
}

/// The answer of `cluster_delete_routes`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeleteRoutesResponse {
    /// `cluster routes successfully deleted`.
    pub message: String,
    /// Routes removed, as given.
    pub deleted: Vec<ListedRoute>,
    /// Routes not found, as given.
    pub skipped: Vec<ListedRoute>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::Operation;

    #[test]
    fn requests_carry_operation_and_harperdb_field_names() {
        let req = ClusterSetRoutes {
            server: RouteServer::Hub,
            routes: vec!["10.0.0.5:9932".parse().unwrap()],
        }
        .to_request();
        assert_eq!(
            serde_json::to_string(&req).unwrap(),
            r#"{"operation":"cluster_set_routes","server":"hub","routes":[{"host":"10.0.0.5","port":9932}]}"#
        );
        let req = ClusterDeleteRoutes {
            routes: vec!["10.0.0.5:9932".parse().unwrap()],
        }
        .to_request();
        assert_eq!(
            serde_json::to_string(&req).unwrap(),
            r#"{"operation":"cluster_delete_routes","routes":[{"host":"10.0.0.5","port":9932}]}"#
        );
        assert_eq!(
            serde_json::to_string(&ClusterGetRoutes {}.to_request()).unwrap(),
            r#"{"operation":"cluster_get_routes"}"#
        );
    }

    #[test]
    fn route_answers_keep_ports_as_written() {
        let body = r#"{"message":"cluster routes successfully deleted","deleted":[{"host":"a","port":"9932"}],"skipped":[{"host":"b","port":9933}]}"#;
        let r: DeleteRoutesResponse = serde_json::from_str(body).unwrap();
        assert_eq!(r.deleted[0].to_string(), "a:9932");
        assert_eq!(r.skipped[0].port, RoutePort::Number(9933.into()));
        assert_eq!(serde_json::to_string(&r).unwrap(), body);
        let body = r#"{"hub":[{"host":"a","port":9932.0}],"leaf":[{"host":"b","port":" 9933"}]}"#;
        let r: GetRoutesResponse = serde_json::from_str(body).unwrap();
        assert_eq!(serde_json::to_string(&r).unwrap(), body);
        let body = r#"{"message":"cluster routes successfully set","set":[{"host":"a","port":9932}],"skipped":[]}"#;
        let r: SetRoutesResponse = serde_json::from_str(body).unwrap();
        assert_eq!(serde_json::to_string(&r).unwrap(), body);
    }
}
