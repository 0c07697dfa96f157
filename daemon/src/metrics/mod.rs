//! What `GET /metrics` and the health probes tell about a node. `/metrics`
//! is Prometheus' text exposition format (version 0.0.4), encoded by
//! Prometheus' own Rust client (`prometheus-client`) from one collector
//! that reads the node's typed states at each scrape ([`collect`]); the
//! only figures counted as things happen are atomics ([`http`], the store's
//! and the mesh's counters), so the write path takes no lock for them.
//!
//! Every name starts with `harper_`, carries its base unit (`_seconds`,
//! `_bytes`) and, for counters, ends with `_total`; a unit test holds every
//! name to that.
//!
//! Not here: serving them (`doors::http::probe`), and who may read them
//! (`operationsApi.metrics.public`, the door's login).

pub mod collect;
pub mod encode;
pub mod health;
pub mod http;
pub mod process;

use std::sync::Arc;

use prometheus_client::registry::Registry;

use crate::node::Node;
use http::HttpFigures;

/// The `Content-Type` of `/metrics`.
pub const CONTENT_TYPE: &str = prometheus_client::encoding::prometheus_text::CONTENT_TYPE;

/// A node's metrics: the registry with its collector, and the HTTP door's figures.
pub struct Metrics {
    registry: Registry,
    http: Arc<HttpFigures>,
}

impl Metrics {
    /// The metrics of `node`.
    pub fn new(node: Node) -> Metrics {
        let http = Arc::new(HttpFigures::default());
        let mut registry = Registry::default();
        registry.register_collector(Box::new(collect::NodeCollector {
            node,
            http: http.clone(),
        }));
        Metrics { registry, http }
    }

    /// Where the HTTP door counts its requests.
    pub fn http(&self) -> &HttpFigures {
        &self.http
    }

    /// One scrape, in the text exposition format.
    pub fn render(&self) -> String {
        let mut out = String::new();
        if let Err(e) =
            prometheus_client::encoding::prometheus_text::encode(&mut out, &self.registry)
        {
            // Writing to a String does not fail; a collector that did is a bug.
            tracing::error!("encoding the metrics failed: {e}");
        }
        out
    }
}

/// Why a metric family's name breaks Prometheus' naming conventions, if it
/// does: the `harper_` prefix, snake case, base units only (`_seconds`,
/// `_bytes`, never milliseconds or kilobytes), a unit word last (before
/// `_total`), and `_total` on counters and only on them.
pub fn naming_problem(name: &str, kind: &str) -> Option<String> {
    if !name.starts_with("harper_") {
        return Some(format!("{name}: no harper_ prefix"));
    }
    if !name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        return Some(format!("{name}: not snake case"));
    }
    let words: Vec<&str> = name.split('_').collect();
    for bad in [
        "ms",
        "millis",
        "milliseconds",
        "us",
        "micros",
        "kb",
        "mb",
        "kib",
        "mib",
    ] {
        if words.contains(&bad) {
            return Some(format!("{name}: '{bad}' is not a base unit"));
        }
    }
    let stem = match (kind, name.strip_suffix("_total")) {
        ("counter", Some(stem)) => stem,
        ("counter", None) => return Some(format!("{name}: a counter must end with _total")),
        (_, Some(_)) => return Some(format!("{name}: only counters end with _total")),
        (_, None) => name,
    };
    for unit in ["seconds", "bytes"] {
        let inside = stem.split('_').rev().skip(1).any(|w| w == unit);
        if inside {
            return Some(format!("{name}: the unit '{unit}' must come last"));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::config::default_document;
    use crate::node::ConfigHandle;
    use crate::store::Store;

    fn node(dir: &Path) -> Node {
        let doc = default_document(dir);
        let store = Store::open(&dir.join("database"), "unit", false).unwrap();
        Node::new(dir, store, ConfigHandle::new(dir, &dir.join("c.yaml"), doc))
    }

    /// `(name, type)` of every `# TYPE` line.
    fn families(text: &str) -> Vec<(String, String)> {
        text.lines()
            .filter_map(|l| l.strip_prefix("# TYPE "))
            .map(|l| {
                let (n, t) = l.split_once(' ').unwrap();
                (n.to_owned(), t.to_owned())
            })
            .collect()
    }

    #[tokio::test]
    async fn a_scrape_follows_the_naming_conventions() {
        let dir = tempfile::tempdir().unwrap();
        let m = Metrics::new(node(dir.path()));
        m.http().observe(
            http::Operation::of(Some(&serde_json::json!("insert"))),
            200,
            std::time::Duration::from_millis(2),
        );
        let text = m.render();
        let fams = families(&text);
        for (name, kind) in &fams {
            assert_eq!(naming_problem(name, kind), None, "{text}");
        }
        let names: Vec<&str> = fams.iter().map(|(n, _)| n.as_str()).collect();
        for want in [
            "harper_node_info",
            "harper_process_resident_memory_bytes",
            "harper_process_open_fds",
            "harper_process_cpu_seconds_total",
            "harper_process_uptime_seconds",
            "harper_store_commits_total",
            "harper_store_flush_duration_seconds",
            "harper_store_commit_round_writes",
            "harper_store_size_bytes",
            "harper_http_requests_total",
            "harper_http_request_duration_seconds",
            "harper_clustering_state",
        ] {
            assert!(names.contains(&want), "{want} missing from:\n{text}");
        }
        let mut unique = names.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), names.len(), "a family twice:\n{text}");
        assert!(
            text.contains("harper_http_requests_total{operation=\"insert\",status=\"200\"} 1\n"),
            "{text}"
        );
        assert!(text.contains("harper_clustering_state{state=\"disabled\"} 1\n"));
        assert!(text.contains("harper_http_request_duration_seconds_bucket{operation=\"insert\",le=\"0.0025\"} 1\n"), "{text}");
    }

    #[tokio::test]
    async fn commits_show_in_the_store_families() {
        let dir = tempfile::tempdir().unwrap();
        let n = node(dir.path());
        let m = Metrics::new(n.clone());
        for _ in 0..3 {
            n.store().flush().await.unwrap();
        }
        let text = m.render();
        assert!(text.contains("harper_store_commits_total 3\n"), "{text}");
        assert!(
            text.contains("harper_store_flush_duration_seconds_count 3\n"),
            "{text}"
        );
        assert!(
            text.contains("harper_store_commit_round_writes_bucket{le=\"1\"} 3\n"),
            "{text}"
        );
        assert!(
            text.contains("harper_store_commit_round_writes_sum 3.0\n"),
            "{text}"
        );
    }

    #[test]
    fn names_are_judged() {
        for (name, kind) in [
            ("harper_link_sent_bytes_total", "counter"),
            ("harper_consumer_lag_seconds", "gauge"),
            ("harper_store_flush_duration_seconds", "histogram"),
        ] {
            assert_eq!(naming_problem(name, kind), None);
        }
        for (name, kind) in [
            ("link_sent_bytes_total", "counter"),
            ("harper_link_sent_bytes", "counter"),
            ("harper_lag_total", "gauge"),
            ("harper_consumer_lag_ms", "gauge"),
            ("harper_flush_seconds_count", "gauge"),
            ("harper_Lag", "gauge"),
        ] {
            assert!(naming_problem(name, kind).is_some(), "{name}");
        }
    }
}
