//! `cluster_mesh_status` (ours): the state of clustering on a node and every
//! link, route, refusal and member of its mesh. The daemon's mesh keeps its
//! status in these types, so the states below are spelt here only.

use serde::{Deserialize, Serialize};

use crate::Route;

no_fields! {
    /// `cluster_mesh_status`: clustering's state and the mesh as this node sees it.
    ClusterMeshStatus;
}

operation! {
    ClusterMeshStatus => ClusterMeshStatus, MeshStatusResponse;
    ClusterDescribeNode => ClusterDescribeNode, RemoteSchema;
}

/// `cluster_describe_node` (ours): another node's databases and tables,
/// asked of it through the mesh (what `subscribe toggle` lists for the far side).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClusterDescribeNode {
    /// The other node.
    pub node_name: String,
}

/// Another node's databases, each with its tables by name (`hash_attribute`
/// and `attributes` of each).
pub type RemoteSchema =
    std::collections::BTreeMap<String, std::collections::BTreeMap<String, serde_json::Value>>;

/// Whether clustering runs on a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClusteringState {
    /// `clustering.enabled` is false.
    Disabled,
    /// Enabled, but it could not start (the answer's `error` says why).
    Failed,
    /// The mesh is listening and dialling its routes.
    Running,
}

/// The answer of `cluster_mesh_status`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeshStatusResponse {
    /// `clustering.nodeName`, if set.
    pub node_name: Option<String>,
    /// `clustering.enabled`.
    pub is_enabled: bool,
    /// What clustering is doing.
    pub state: ClusteringState,
    /// Why it failed, when [`ClusteringState::Failed`] (else `null`).
    pub error: Option<String>,
    /// `clustering.hubServer.cluster.name`.
    pub cluster_name: String,
    /// `clustering.hubServer.cluster.network.port`.
    pub cluster_port: u16,
    /// The mesh, while it runs (else `null`).
    pub mesh: Option<MeshStatus>,
}

/// A snapshot of a running mesh.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeshStatus {
    /// Our node name.
    pub node: String,
    /// The address we listen on (`host:port`).
    pub listen: String,
    /// Live links.
    pub links: Vec<LinkState>,
    /// Our routes and their state.
    pub routes: Vec<RouteState>,
    /// Recent refusals and failures, newest last.
    pub events: Vec<Event>,
    /// Every reachable node, us first.
    pub members: Vec<MeshMember>,
}

/// Which side dialled a link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// We dialled it (one of our routes).
    Outbound,
    /// It dialled us.
    Inbound,
}

/// A live link.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LinkState {
    /// Peer node.
    pub peer: String,
    /// Who dialled.
    pub direction: Direction,
    /// Remote address.
    pub addr: String,
    /// Up since, ms since the epoch.
    pub since_ms: u64,
    /// Last heartbeat round trip, ms.
    pub rtt_ms: Option<f64>,
    /// Queued bytes, requests in flight, skipped frames.
    #[serde(flatten)]
    pub stats: LinkStats,
}

/// Counters of a link.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkStats {
    /// Bytes of frames queued to be written.
    pub queued_bytes: usize,
    /// Requests from this link being handled here.
    pub requests_in_flight: usize,
    /// Frames from the peer that did not decode and were skipped.
    pub undecodable_frames: u64,
    /// Why the last of them did not decode.
    pub last_undecodable: Option<String>,
    /// Bytes written to the peer since the link came up (length prefixes included).
    #[serde(default)]
    pub bytes_sent: u64,
    /// Bytes read from the peer since the link came up.
    #[serde(default)]
    pub bytes_received: u64,
    /// Frames written to the peer since the link came up (heartbeats included).
    #[serde(default)]
    pub frames_sent: u64,
    /// Frames read from the peer since the link came up.
    #[serde(default)]
    pub frames_received: u64,
}

/// The state of the link of one of our routes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RouteLinkState {
    /// No attempt has finished yet.
    Connecting,
    /// The link is up.
    Up,
    /// Unreachable, or the link was lost.
    Down,
    /// The other node (or this one) refused the link.
    Refused,
}

/// One of our routes and its link.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RouteState {
    /// The route.
    pub route: Route,
    /// Its link's state.
    pub state: RouteLinkState,
    /// The node at the other end, once known.
    pub peer: Option<String>,
    /// When the state last changed, ms since the epoch.
    pub since_ms: u64,
    /// The last error, if any.
    pub last_error: Option<String>,
}

/// Why a link was refused; shown on both sides in status and logs, and sent
/// to the peer in the mesh handshake.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Refusal {
    /// The cluster user or password differs.
    WrongCredentials,
    /// `clustering.hubServer.cluster.name` differs.
    ClusterNameMismatch,
    /// Another node already uses this node name.
    DuplicateNodeName,
    /// The mesh protocol versions differ.
    VersionMismatch,
    /// The peer is not (or no longer) clustering.
    ClusteringDisabled,
    /// The TLS handshake failed (certificates, mTLS); never sent, only recorded.
    TlsFailure,
    /// Anything else (the message says what).
    Other,
}

impl Refusal {
    /// A short phrase for tables and logs.
    pub fn describe(self) -> &'static str {
        match self {
            Refusal::WrongCredentials => "wrong cluster credentials",
            Refusal::ClusterNameMismatch => "cluster name mismatch",
            Refusal::DuplicateNodeName => "duplicate node name",
            Refusal::VersionMismatch => "protocol version mismatch",
            Refusal::ClusteringDisabled => "clustering disabled",
            Refusal::TlsFailure => "TLS failure",
            Refusal::Other => "refused",
        }
    }
}

/// A link event worth showing (a refusal, a failure).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// When, ms since the epoch.
    pub at_ms: u64,
    /// The peer's name, when known.
    pub peer: Option<String>,
    /// The remote address or route.
    pub addr: String,
    /// Which side dialled.
    pub direction: Direction,
    /// The refusal reason, for refusals.
    pub reason: Option<Refusal>,
    /// What happened.
    pub message: String,
}

/// What a node tells the mesh about itself. The mesh gossips exactly this
/// record to every node, so a field added here is a field on the wire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeshMember {
    /// Node name.
    pub name: String,
    /// Random id of the installation: tells a restarted node from an impostor.
    pub instance: String,
    /// Program version.
    pub version: String,
    /// Names of the nodes it has a live link with.
    pub links: Vec<String>,
    /// Its configured hub routes.
    pub routes: Vec<Route>,
    /// Its mesh port.
    pub cluster_port: u16,
    /// Its operations API port.
    pub operations_port: Option<u16>,
    /// Grows with every change of this info (ms clock, strictly increasing).
    pub incarnation: u64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::{Operation, to_body};

    fn text<T: Serialize>(v: &T) -> String {
        serde_json::to_string(v).unwrap()
    }

    #[test]
    fn states_are_the_strings_status_shows() {
        assert_eq!(text(&ClusteringState::Running), r#""running""#);
        assert_eq!(text(&ClusteringState::Failed), r#""failed""#);
        assert_eq!(text(&ClusteringState::Disabled), r#""disabled""#);
        assert_eq!(text(&RouteLinkState::Connecting), r#""connecting""#);
        assert_eq!(text(&RouteLinkState::Up), r#""up""#);
        assert_eq!(text(&RouteLinkState::Down), r#""down""#);
        assert_eq!(text(&RouteLinkState::Refused), r#""refused""#);
        assert_eq!(text(&Direction::Inbound), r#""inbound""#);
        assert_eq!(
            text(&Refusal::DuplicateNodeName),
            r#""duplicate_node_name""#
        );
    }

    #[test]
    fn mesh_status_reads_the_daemons_answer() {
        assert_eq!(
            serde_json::to_string(&ClusterMeshStatus {}.to_request()).unwrap(),
            r#"{"operation":"cluster_mesh_status"}"#
        );
        let body = r#"{"node_name":"A","is_enabled":true,"state":"running","error":null,"cluster_name":"harperdb","cluster_port":9932,"mesh":{"node":"A","listen":"127.0.0.1:9932","links":[{"peer":"B","direction":"outbound","addr":"127.0.0.1:9933","since_ms":5,"rtt_ms":0.25,"queued_bytes":0,"requests_in_flight":0,"undecodable_frames":0,"last_undecodable":null,"bytes_sent":10,"bytes_received":20,"frames_sent":1,"frames_received":2}],"routes":[{"route":{"host":"127.0.0.1","port":9933},"state":"up","peer":"B","since_ms":5,"last_error":null}],"events":[{"at_ms":3,"peer":null,"addr":"127.0.0.1:4000","direction":"inbound","reason":"wrong_credentials","message":"wrong cluster credentials"}],"members":[{"name":"A","instance":"i","version":"0.1.0","links":["B"],"routes":[{"host":"127.0.0.1","port":9933}],"cluster_port":9932,"operations_port":null,"incarnation":7}]}}"#;
        let r: MeshStatusResponse = serde_json::from_str(body).unwrap();
        assert_eq!(r.state, ClusteringState::Running);
        let mesh = r.mesh.as_ref().unwrap();
        assert_eq!(mesh.routes[0].state, RouteLinkState::Up);
        assert_eq!(mesh.events[0].reason, Some(Refusal::WrongCredentials));
        assert_eq!(serde_json::to_string(&to_body(&r)).unwrap(), body);

        let off = r#"{"node_name":null,"is_enabled":false,"state":"disabled","error":null,"cluster_name":"harperdb","cluster_port":9932,"mesh":null}"#;
        let r: MeshStatusResponse = serde_json::from_str(off).unwrap();
        assert_eq!(serde_json::to_string(&r).unwrap(), off);
    }
}
