//! Clustering operations: `cluster_status` (spec 3.9, with each consumer's
//! lag added), `cluster_network` (spec 3.10), and our own `cluster_enable`,
//! `cluster_disable` and `renew_certs`.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use super::MessageResponse;
use super::nodes::NodeSubscription;
use super::streams::ConsumerStatus;
use crate::Route;

/// `cluster_status`: every registered node, asked in parallel.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClusterStatus {
    /// Also list each connection's consumers (ours; HarperDB's answer has none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include_consumers: Option<bool>,
}

/// [`ClusterStatus::include_consumers`]'s name, for the daemon that reads
/// the request as sent: with it each connection's `consumers` (this node's
/// consumers of that node's streams and that node's reads of this node's,
/// with lag, gaps and errors) come besides HarperDB's body.
pub const INCLUDE_CONSUMERS: &str = "include_consumers";

/// `cluster_network`: every node of the mesh with its response time.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClusterNetwork {
    /// How long to wait for answers, ms (HarperDB's default 2000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout: Option<u64>,
    /// `false` leaves each node's `connected_nodes` out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connected_nodes: Option<bool>,
    /// `false` leaves each node's `routes` out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub routes: Option<bool>,
}

/// `cluster_enable` (ours): check or create the cluster user, name the node and
/// turn clustering on, live. Missing fields keep the configured values.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClusterEnable {
    /// This node's name (`clustering.nodeName`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_name: Option<String>,
    /// The cluster user (`clustering.user`; default `cluster_user`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster_user: Option<String>,
    /// Its password; needed when the user is created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster_password: Option<String>,
}

no_fields! {
    /// `cluster_disable` (ours): turn clustering off; links close, data stays.
    ClusterDisable;
    /// `renew_certs`: a new node certificate and key from this install's CA.
    RenewCerts;
}

operation! {
    ClusterStatus => ClusterStatus, ClusterStatusResponse;
    ClusterNetwork => ClusterNetwork, ClusterNetworkResponse;
    ClusterEnable => ClusterEnable, ClusterEnableResponse;
    ClusterDisable => ClusterDisable, MessageResponse;
    RenewCerts => RenewCerts, MessageResponse;
}

/// The answer of `cluster_status`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClusterStatusResponse {
    /// `clustering.nodeName`, if set.
    pub node_name: Option<String>,
    /// `clustering.enabled`.
    pub is_enabled: bool,
    /// One per registered node.
    pub connections: Vec<Connection>,
    /// The disk's state, only while it refuses writes (ours).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disk: Option<String>,
}

/// How a registered node answered `cluster_status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LinkStatus {
    /// It answered.
    #[serde(rename = "open")]
    Open,
    /// It answered with an error, or the request could not be carried.
    #[serde(rename = "closed")]
    Closed,
    /// No path to it through the mesh.
    NoResponders,
    /// No answer in time.
    Timeout,
}

/// One registered node in `cluster_status`. Unknown fields are left out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Connection {
    /// The node.
    pub node_name: String,
    /// How it answered.
    pub status: LinkStatus,
    /// Its ports, as it said (`{}` when it did not answer).
    pub ports: Ports,
    /// Round trip, ms (when it answered, even with an error).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latency_ms: Option<f64>,
    /// Its uptime, HarperDB's `30d 1h 18m 8s` (when open).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uptime: Option<String>,
    /// The subscriptions with it.
    pub subscriptions: Vec<NodeSubscription>,
    /// Its `{hdb_version, node_version, platform}` as it reported them (when open).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system_info: Option<Value>,
    /// Our consumers of its streams and its reads of ours (ours).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consumers: Option<Vec<ConnectionConsumer>>,
}

/// A node's ports in `cluster_status`; unknown ones are left out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ports {
    /// `clustering.hubServer.cluster.network.port`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clustering: Option<u16>,
    /// `operationsApi.network.port`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operations_api: Option<u16>,
}

/// Which way a table flows in a connection's consumer list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsumerDirection {
    /// The other node's writes are applied here: our consumer of its stream.
    Subscribe,
    /// Our writes go to the other node: its reads of our stream.
    Publish,
}

/// One entry of a connection's `consumers`: `direction` says which.
// A few per connection, made once per status answer: not worth a box.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum ConnectionConsumer {
    /// Our consumer of the node's stream (`"direction": "subscribe"`, last).
    Subscribe(ConsumerStatus),
    /// The node's reads of our stream (`"direction": "publish"`, first).
    Publish(PublishedTable),
}

impl ConnectionConsumer {
    /// Which way the table flows.
    pub fn direction(&self) -> ConsumerDirection {
        match self {
            Self::Subscribe(_) => ConsumerDirection::Subscribe,
            Self::Publish(_) => ConsumerDirection::Publish,
        }
    }
}

/// A table this node publishes to the connection's node, and how far it has read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedTable {
    /// Database.
    pub database: String,
    /// Table.
    pub table: String,
    /// Our stream's last flushed sequence.
    pub last_seq: u64,
    /// The next sequence the node asked for, once it has.
    pub consumer_next_seq: Option<u64>,
    /// Entries it is behind.
    pub lag_messages: Option<u64>,
    /// When it last asked, ms since the epoch.
    pub consumer_seen_ms: Option<u64>,
}

impl Serialize for ConnectionConsumer {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Subscribe<'a> {
            #[serde(flatten)]
            status: &'a ConsumerStatus,
            direction: ConsumerDirection,
        }
        #[derive(Serialize)]
        struct Publish<'a> {
            direction: ConsumerDirection,
            #[serde(flatten)]
            table: &'a PublishedTable,
        }
        let direction = self.direction();
        match self {
            Self::Subscribe(status) => Subscribe { status, direction }.serialize(s),
            Self::Publish(table) => Publish { direction, table }.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for ConnectionConsumer {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut v = Value::deserialize(d)?;
        let direction = v
            .as_object_mut()
            .and_then(|o| o.remove("direction"))
            .ok_or_else(|| D::Error::missing_field("direction"))?;
        let direction: ConsumerDirection =
            serde_json::from_value(direction).map_err(D::Error::custom)?;
        match direction {
            ConsumerDirection::Subscribe => serde_json::from_value(v).map(Self::Subscribe),
            ConsumerDirection::Publish => serde_json::from_value(v).map(Self::Publish),
        }
        .map_err(D::Error::custom)
    }
}

/// The answer of `cluster_network`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClusterNetworkResponse {
    /// Every node that answered in time.
    pub nodes: Vec<NetworkNode>,
}

/// One node of `cluster_network`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NetworkNode {
    /// Node name.
    pub name: String,
    /// Round trip, ms.
    pub response_time: f64,
    /// The nodes it has a live link with (unless the request said `false`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connected_nodes: Option<Vec<String>>,
    /// Its hub routes (unless the request said `false`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub routes: Option<Vec<Route>>,
}

/// The answer of `cluster_enable`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClusterEnableResponse {
    /// `Clustering enabled on node '<name>'`.
    pub message: String,
    /// The node's name.
    pub node_name: String,
    /// The cluster user.
    pub cluster_user: String,
    /// The address the mesh listens on (`host:port`).
    pub cluster_port: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::{Operation, to_body};

    #[test]
    fn requests_leave_out_what_is_not_given() {
        assert_eq!(
            serde_json::to_string(&ClusterStatus::default().to_request()).unwrap(),
            r#"{"operation":"cluster_status"}"#
        );
        let op = ClusterStatus {
            include_consumers: Some(true),
        };
        assert_eq!(
            serde_json::to_string(&op.to_request()).unwrap(),
            r#"{"operation":"cluster_status","include_consumers":true}"#
        );
        let op = ClusterNetwork {
            timeout: Some(500),
            ..ClusterNetwork::default()
        };
        assert_eq!(
            serde_json::to_string(&op.to_request()).unwrap(),
            r#"{"operation":"cluster_network","timeout":500}"#
        );
        let op = ClusterEnable {
            node_name: Some("A".into()),
            cluster_user: None,
            cluster_password: Some("pw".into()),
        };
        assert_eq!(
            serde_json::to_string(&op.to_request()).unwrap(),
            r#"{"operation":"cluster_enable","node_name":"A","cluster_password":"pw"}"#
        );
    }

    #[test]
    fn link_statuses_are_harperdbs_strings() {
        for (s, text) in [
            (LinkStatus::Open, "open"),
            (LinkStatus::Closed, "closed"),
            (LinkStatus::NoResponders, "NoResponders"),
            (LinkStatus::Timeout, "Timeout"),
        ] {
            assert_eq!(serde_json::to_value(s).unwrap(), text);
        }
    }

    #[test]
    fn cluster_status_reads_the_daemons_answer() {
        let open = r#"{"node_name":"B","status":"open","ports":{"clustering":9932,"operations_api":9925},"latency_ms":0.5,"uptime":"1h ","subscriptions":[{"schema":"data","table":"dog","publish":true,"subscribe":false}],"system_info":{"hdb_version":"0.1.0","node_version":"harperd 0.1.0","platform":"linux"},"consumers":[{"publisher":"B","database":"data","table":"dog","state":"caught_up","next_seq":3,"publisher_last_seq":2,"lag_messages":0,"lag_ms":0.0,"applied":2,"last_error":null,"since_ms":1,"gaps_repaired":0,"last_gap":null,"resync":null,"stalled":null,"stream_restarts":0,"last_restart":null,"omitted_writes":0,"direction":"subscribe"},{"direction":"publish","database":"data","table":"dog","last_seq":4,"consumer_next_seq":null,"lag_messages":null,"consumer_seen_ms":null}]}"#;
        let gone = r#"{"node_name":"C","status":"NoResponders","ports":{},"subscriptions":[],"consumers":[]}"#;
        let body = format!(
            r#"{{"node_name":"A","is_enabled":true,"connections":[{open},{gone}],"disk":"full: x"}}"#
        );
        let r: ClusterStatusResponse = serde_json::from_str(&body).unwrap();
        assert_eq!(r.connections[0].status, LinkStatus::Open);
        let consumers = r.connections[0].consumers.as_ref().unwrap();
        assert_eq!(consumers[0].direction(), ConsumerDirection::Subscribe);
        assert_eq!(consumers[1].direction(), ConsumerDirection::Publish);
        assert_eq!(r.connections[1].status, LinkStatus::NoResponders);
        assert_eq!(serde_json::to_string(&to_body(&r)).unwrap(), body);

        let bad = r#"{"direction":"sideways","database":"d"}"#;
        assert!(serde_json::from_str::<ConnectionConsumer>(bad).is_err());
    }

    #[test]
    fn cluster_network_and_enable_read_the_daemons_answers() {
        let body = r#"{"nodes":[{"name":"A","response_time":0.2,"connected_nodes":["B"],"routes":[{"host":"127.0.0.1","port":9933}]},{"name":"B","response_time":1.0}]}"#;
        let r: ClusterNetworkResponse = serde_json::from_str(body).unwrap();
        assert_eq!(serde_json::to_string(&r).unwrap(), body);
        let body = r#"{"message":"Clustering enabled on node 'A'","node_name":"A","cluster_user":"cluster_user","cluster_port":"127.0.0.1:9932"}"#;
        let r: ClusterEnableResponse = serde_json::from_str(body).unwrap();
        assert_eq!(serde_json::to_string(&r).unwrap(), body);
    }
}
