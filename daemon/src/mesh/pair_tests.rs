//! Two real meshes in one process, linked over TLS on 127.0.0.1: what one
//! node's answer can and cannot do to the link (the end-to-end suite cannot
//! make a real answer this large: every answer of the daemon's own requests
//! is bounded far below the frame limit).

use std::sync::Arc;
use std::time::{Duration, Instant};

use futures::future::BoxFuture;
use serde_json::{Value, json};

use super::{Handler, Mesh, MeshConfig, RequestError};
use crate::mesh::handshake::Identity;

/// Answers `{"size": N}` with a string of N bytes.
struct Sized;

impl Handler for Sized {
    fn request(&self, _from: String, payload: Value) -> BoxFuture<'static, Result<Value, String>> {
        let n = payload["size"].as_u64().unwrap_or(0) as usize;
        Box::pin(async move { Ok(json!("x".repeat(n))) })
    }
}

async fn node(name: &str, dir: &std::path::Path, routes: Vec<harper_rpc::Route>) -> Mesh {
    let keys = dir.join(name);
    let k = crate::pki::generate(&keys, Some(name)).expect("keys");
    let cfg = MeshConfig {
        identity: Identity::new(name, &format!("{name}-i"), "harperdb", "cluster_user", "pw"),
        listen_host: "127.0.0.1".into(),
        listen_port: 0,
        routes,
        tls: crate::pki::TlsPaths {
            certificate: k.certificate,
            private_key: k.private_key,
            certificate_authority: Some(k.ca_certificate),
        },
        verify: true,
        insecure: true,
        operations_port: None,
    };
    Mesh::start(cfg).await.expect("mesh starts")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_answer_above_the_frame_limit_is_an_error_naming_its_size_and_the_link_stays() {
    let dir = tempfile::tempdir().unwrap();
    let b = node("b", dir.path(), Vec::new()).await;
    b.set_handler(Arc::new(Sized));
    let route: harper_rpc::Route = format!("127.0.0.1:{}", b.local_addr().port())
        .parse()
        .unwrap();
    let a = node("a", dir.path(), vec![route]).await;
    let end = Instant::now() + Duration::from_secs(20);
    while !a.is_reachable("b") {
        assert!(Instant::now() < end, "the link did not come up");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let since = a.status().links[0].since_ms;
    let big = 65 * 1024 * 1024;
    let r = a
        .request("b", json!({"size": big}), Duration::from_secs(30))
        .await;
    match r {
        Err(RequestError::Remote(e)) => assert!(
            e.contains("the answer to") && e.contains("above the 64 MiB frame limit"),
            "{e}"
        ),
        other => panic!("{:?}", other.map(|v| v.as_str().map(str::len))),
    }
    // The same link answers the next request.
    let small = a
        .request("b", json!({"size": 10}), Duration::from_secs(10))
        .await
        .unwrap();
    assert_eq!(small, json!("xxxxxxxxxx"));
    let links = a.status().links;
    assert_eq!(links.len(), 1);
    assert_eq!(links[0].since_ms, since, "the link was not replaced");
    a.shutdown().await;
    b.shutdown().await;
}
