//! Bad peers and bad input on a real daemon's mesh port, while a real
//! replication flow runs between two daemons: garbage bytes, TLS without a
//! client certificate (`tls.verify` is on by default), a forged key
//! confirmation, a replayed handshake, handshake frames on a live link, oversized frames
//! before and after the handshake, silent connections (slowloris), an
//! authenticated peer that floods and never reads, and one that sends only
//! frames that do not decode. Each is refused or cut, with a log line naming
//! its address or name, and the flow goes on. (A frame that does not decode
//! now and then is skipped and answered, not cut: see `links.rs`.)
//! (Wrong passwords, duplicate names and cluster mismatches between real
//! daemons are in `mesh.rs`.)

use harper_daemon::mesh::frame::{Frame, Refusal};
use harper_daemon::mesh::handshake;
use harper_daemon::mesh::pake::{Exchange, Role, Secret};
use harper_tests::peer::{self, MAX_FRAME_BYTES, Tls};
use harper_tests::{CLUSTER_PASSWORD, Node, WAIT};
use serde_json::json;

/// Two nodes, `a` dialling `b`, with `a` publishing `dev.flow` to `b`.
fn flowing() -> (Node, Node) {
    let (a, b) = (Node::clustered("alpha"), Node::clustered("beta"));
    a.harper(&["route", "add", &b.route(), "--wait"]).ok();
    a.harper(&["table", "create", "dev.flow"]).ok();
    a.json(&["node", "add", "beta", "--publish", "dev.flow"]);
    flow(&a, &b, 0);
    (a, b)
}

/// One more record through the flow: written on `a`, seen on `b`.
fn flow(a: &Node, b: &Node, id: u64) {
    a.harper(&["insert", "dev.flow", &json!({"id": id}).to_string()])
        .ok();
    b.wait_json(
        &format!("record {id} to replicate"),
        &["get", "dev.flow", &id.to_string()],
        |v| v.as_array().is_some_and(|a| !a.is_empty()),
    );
}

/// Wait for a line of `n`'s log that contains every one of `parts`.
pub fn wait_log(n: &Node, parts: &[&str]) -> String {
    n.wait_log(parts)
}

fn addr(port: u16) -> String {
    format!("addr=127.0.0.1:{port}")
}

/// A hello with a fresh key exchange message for `password`.
fn hello(password: &str) -> Frame {
    let exchange = Exchange::start(Role::Dialer, &Secret::new("cluster_user", password));
    handshake::hello(exchange.message())
}

/// The daemon must answer `c` with a refusal for `reason`, then close.
async fn refused(c: &mut Tls, reason: Refusal) {
    let frames = c.until_closed(WAIT).await.expect("closed");
    assert!(
        frames
            .iter()
            .any(|f| matches!(f, Frame::Refused { reason: r, .. } if *r == reason)),
        "expected a {reason:?} refusal, got {frames:?}"
    );
}

#[test]
fn garbage_missing_certificates_forged_and_replayed_handshakes_are_refused() {
    let (a, b) = flowing();
    let rt = peer::runtime();
    let port = b.cluster_port;
    rt.block_on(async {
        // Garbage instead of TLS.
        let mut s = peer::tcp(port).await.unwrap();
        let local = s.local_addr().unwrap().port();
        let junk: Vec<u8> = (0..4096u32).map(|i| (i * 7 + 3) as u8).collect();
        use tokio::io::AsyncWriteExt;
        let _ = s.write_all(&junk).await;
        peer::until_closed_raw(&mut s, WAIT).await.unwrap();
        wait_log(&b, &["link refused", "TLS failure", &addr(local)]);

        // TLS without a client certificate: verify is on by default.
        let s = peer::tcp(port).await.unwrap();
        let local = s.local_addr().unwrap().port();
        if let Ok(mut c) = peer::tls_over(s, peer::anonymous_tls(&b)).await {
            // TLS 1.3: the client finishes first; the refusal follows.
            let frames = c.until_closed(WAIT).await.expect("closed");
            assert!(frames.is_empty(), "{frames:?}");
        }
        wait_log(&b, &["link refused", "TLS failure", &addr(local)]);

        // A node certificate and a real key exchange, but a forged proof.
        let mut c = peer::tls(port, peer::node_tls(&a)).await.unwrap();
        c.write(&hello(CLUSTER_PASSWORD)).await.unwrap();
        let pake = c.read().await.unwrap();
        assert!(matches!(pake, Frame::Pake { .. }), "{pake:?}");
        c.write(&Frame::Confirm {
            proof: "ab".repeat(32),
            node: "mallory".into(),
            instance: "mallory-instance".into(),
            version: harper_rpc::VERSION.into(),
            cluster: peer::CLUSTER_NAME.into(),
        })
        .await
        .unwrap();
        refused(&mut c, Refusal::WrongCredentials).await;
        wait_log(
            &b,
            &[
                "link refused",
                "wrong cluster credentials",
                &addr(c.local_port),
            ],
        );

        // A recorded good handshake replayed on a new TLS session: its
        // confirmation is bound to the old session and key exchange.
        let id = peer::identity("replayer", None);
        let mut good = peer::tls(port, peer::node_tls(&a)).await.unwrap();
        let p = good.handshake(&id).await.expect("the real handshake links");
        assert_eq!(p.node, "beta");
        let recorded = good.written_frames();
        assert_eq!(recorded.len(), 3, "Hello, Confirm and Ready");
        drop(good);
        let mut again = peer::tls(port, peer::node_tls(&a)).await.unwrap();
        again.write_raw(&recorded[0]).await.unwrap();
        let pake = again.read().await.unwrap();
        assert!(matches!(pake, Frame::Pake { .. }), "{pake:?}");
        again.write_raw(&recorded[1]).await.unwrap();
        refused(&mut again, Refusal::WrongCredentials).await;
        wait_log(
            &b,
            &[
                "link refused",
                "wrong cluster credentials",
                &addr(again.local_port),
            ],
        );

        // A handshake frame replayed on a live link ends it.
        let mut live = peer::tls(port, peer::node_tls(&a)).await.unwrap();
        live.handshake(&id).await.expect("links");
        live.write(&hello(CLUSTER_PASSWORD)).await.unwrap();
        live.until_closed(WAIT).await.expect("cut");
        wait_log(
            &b,
            &["link to replayer is down", "handshake frame on a live link"],
        );
    });
    // The daemon and its real link kept working throughout.
    flow(&a, &b, 1);
}

#[test]
fn oversized_frames_are_cut_before_they_are_buffered() {
    let (a, b) = flowing();
    let rt = peer::runtime();
    let port = b.cluster_port;
    rt.block_on(async {
        // Beyond the frame limit, before the handshake.
        let mut c = peer::tls(port, peer::node_tls(&a)).await.unwrap();
        c.write_raw(&(MAX_FRAME_BYTES as u32 + 1).to_be_bytes())
            .await
            .unwrap();
        c.until_closed(WAIT).await.expect("cut");
        wait_log(&b, &["link refused", "exceeds", &addr(c.local_port)]);

        // Within the frame limit but far beyond any handshake frame: an
        // unauthenticated peer must not make the daemon buffer 48 MiB. The
        // daemon cuts at the length, so sending the body fails part way.
        const BODY: usize = 48 << 20;
        let mut c = peer::tls(port, peer::node_tls(&a)).await.unwrap();
        c.write_raw(&(BODY as u32).to_be_bytes()).await.unwrap();
        let chunk = vec![b' '; 1 << 20];
        let mut sent = 0;
        while sent < BODY {
            if c.write_raw(&chunk).await.is_err() {
                break;
            }
            sent += chunk.len();
        }
        assert!(
            sent < BODY,
            "the daemon read a {BODY}-byte frame from a peer that had not authenticated"
        );
        wait_log(&b, &["link refused", "exceeds", &addr(c.local_port)]);

        // After the handshake: a length beyond the limit ends the link.
        let mut c = peer::tls(port, peer::node_tls(&a)).await.unwrap();
        c.handshake(&peer::identity("bigmouth", None))
            .await
            .expect("links");
        c.write_raw(&u32::MAX.to_be_bytes()).await.unwrap();
        c.until_closed(WAIT).await.expect("cut");
        wait_log(&b, &["link to bigmouth is down", "exceeds"]);
    });
    flow(&a, &b, 1);
}

#[test]
fn silent_and_non_reading_peers_are_cut_while_replication_flows() {
    let (a, b) = flowing();
    let rt = peer::runtime();
    let port = b.cluster_port;
    // Slowloris: connections that start TLS with one byte, and TLS sessions
    // that never say hello.
    let (mut raw, mut quiet) = rt.block_on(async {
        use tokio::io::AsyncWriteExt;
        let mut raw = Vec::new();
        for _ in 0..40 {
            let mut s = peer::tcp(port).await.unwrap();
            s.write_all(&[0x16]).await.unwrap();
            raw.push(s);
        }
        let mut quiet = Vec::new();
        for _ in 0..10 {
            quiet.push(peer::tls(port, peer::node_tls(&a)).await.unwrap());
        }
        (raw, quiet)
    });
    // The real link serves while they hang on.
    flow(&a, &b, 1);
    rt.block_on(async {
        for s in &mut raw {
            let local = s.local_addr().unwrap().port();
            peer::until_closed_raw(s, WAIT).await.unwrap();
            wait_log(&b, &["handshake timed out", &addr(local)]);
        }
        for c in &mut quiet {
            c.until_closed(WAIT).await.expect("cut");
            wait_log(&b, &["handshake timed out", &addr(c.local_port)]);
        }

        // An authenticated peer that never reads and asks for gossip
        // without end: its answers pile up, nothing more can be written to
        // it, and it does not answer heartbeats: the link is cut.
        let mut c = peer::tls(port, peer::node_tls(&a)).await.unwrap();
        c.handshake(&peer::identity("flooder", None))
            .await
            .expect("links");
        let mut sent = 0u64;
        let mut cut = false;
        let end = tokio::time::Instant::now() + 2 * WAIT;
        while sent < 2_000_000 && tokio::time::Instant::now() < end {
            if c.write(&Frame::Digest { digest: sent }).await.is_err() {
                cut = true;
                break;
            }
            sent += 1;
        }
        assert!(
            cut,
            "a peer that never reads was still linked after {sent} frames"
        );
        wait_log(&b, &["link to flooder is down", "does not read"]);
    });
    flow(&a, &b, 2);
}

#[test]
fn a_peer_that_sends_only_frames_that_do_not_decode_is_cut() {
    use harper_daemon::mesh::link::{MAX_UNDECODABLE_FRAMES, UNDECODABLE_WINDOW};
    use harper_tests::live::{LivePeer, Reading, all_but_replication, raw};
    let (a, b) = flowing();
    let garbler = LivePeer::link(&b, &a, "garbler", Reading::Yes, all_but_replication);
    // Up to the limit, each one is skipped and the link stays.
    for i in 0..MAX_UNDECODABLE_FRAMES {
        garbler.send_raw(raw(format!(r#"{{"t":"envelope","no": json {i}"#)));
    }
    garbler.send(&Frame::Digest { digest: 1 });
    wait_log(&b, &["skipped a frame from garbler that does not decode"]);
    flow(&a, &b, 1);
    assert!(
        !b.log().contains("link to garbler is down"),
        "cut before the limit"
    );
    // One more within the window ends it.
    garbler.send_raw(raw(b"\xff garbage"));
    wait_log(
        &b,
        &[
            "link to garbler is down",
            &format!(
                "{} undecodable frames within {}s",
                MAX_UNDECODABLE_FRAMES + 1,
                UNDECODABLE_WINDOW.as_secs()
            ),
        ],
    );
    flow(&a, &b, 2);
}
