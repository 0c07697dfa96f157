//! The mesh handshake as an attacker meets it, on real daemons: no offline
//! password guessing from what a listener sends, one guess per connection,
//! nothing learnt before the password is proven, failed handshakes throttled
//! per source address, old-protocol peers refused clearly, peer names
//! escaped, and the listener bound to its configured address.
//! (Certificates with `insecure: false` are in `mesh.rs`, with the other TLS modes.)

use harper_daemon::mesh::frame::{Frame, Refusal};
use harper_daemon::mesh::handshake;
use harper_daemon::mesh::pake::{self, Claims, DIALER_ID, Keys, LISTENER_ID};
use harper_daemon::mesh::throttle;
use harper_tests::peer::{self, Tls};
use harper_tests::{CLUSTER_PASSWORD, Node, WAIT};
use ring::digest::{SHA256, digest};
use spake2::{Ed25519Group, Group};
use std::net::{IpAddr, Ipv4Addr};
use std::time::{Duration, Instant};

type Scalar = <Ed25519Group as Group>::Scalar;

/// The SPAKE2 scalar of a password (the cluster user is the tests' one).
fn scalar_for(password: &str) -> Scalar {
    Ed25519Group::hash_to_scalar(&pake::password_input("cluster_user", password))
}

/// An attacker that dials and plays SPAKE2's side A by hand, so that it
/// keeps its secret scalar and can afterwards compute, for any candidate
/// password, what the listener's key would be: everything an offline
/// dictionary attack could do with what it received.
struct Attacker {
    x: Scalar,
    /// Its SPAKE2 message: side byte 'A', then X = x·G + M·guess.
    msg: Vec<u8>,
}

impl Attacker {
    fn new(guess: &str) -> Attacker {
        let mut seed = [0u8; 64];
        ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut seed).unwrap();
        let x = Ed25519Group::hash_to_scalar(&seed);
        let blind = Ed25519Group::scalarmult(&Ed25519Group::const_m(), &scalar_for(guess));
        let big_x = Ed25519Group::add(&Ed25519Group::basepoint_mult(&x), &blind);
        let mut msg = vec![b'A'];
        msg.extend(Ed25519Group::element_to_bytes(&big_x));
        Attacker { x, msg }
    }

    /// The confirmation keys the attacker computes for `candidate` from the
    /// listener's SPAKE2 message `y` (33 bytes) and the TLS exporter value.
    fn keys(&self, candidate: &str, binding: &[u8], y: &[u8]) -> Keys {
        let big_y = Ed25519Group::bytes_to_element(&y[1..]).expect("a curve point");
        let unblind = Ed25519Group::scalarmult(
            &Ed25519Group::const_n(),
            &Ed25519Group::scalar_neg(&scalar_for(candidate)),
        );
        let k = Ed25519Group::scalarmult(&Ed25519Group::add(&big_y, &unblind), &self.x);
        // SPAKE2's key (spake2 0.4 `hash_ab`): SHA-256 over the hashes of
        // the password and both identities, both messages and K.
        let mut t = Vec::new();
        t.extend(digest(&SHA256, &pake::password_input("cluster_user", candidate)).as_ref());
        t.extend(digest(&SHA256, DIALER_ID).as_ref());
        t.extend(digest(&SHA256, LISTENER_ID).as_ref());
        t.extend(&self.msg[1..]);
        t.extend(&y[1..]);
        t.extend(Ed25519Group::element_to_bytes(&k));
        Keys::derive(digest(&SHA256, &t).as_ref(), binding, &self.msg, y)
    }
}

/// Dial `port` as an attacker with a certificate from a CA of its own,
/// send a hello for `guess`, and return the connection, the attacker, the
/// listener's SPAKE2 message and its proof.
async fn attack(
    port: u16,
    guess: &str,
    dir: &std::path::Path,
) -> (Tls, Attacker, Vec<u8>, Vec<u8>) {
    let mut c = peer::tls(port, peer::foreign_tls(dir))
        .await
        .expect("TLS with any certificate (insecure: true)");
    let attacker = Attacker::new(guess);
    c.write(&handshake::hello(&attacker.msg)).await.unwrap();
    match c.read().await.unwrap() {
        Frame::Pake { pake, proof } => (
            c,
            attacker,
            handshake::unhex(&pake).unwrap(),
            handshake::unhex(&proof).unwrap(),
        ),
        other => panic!("expected the listener's key exchange message, got {other:?}"),
    }
}

#[test]
fn an_attacker_gets_a_refusal_and_nothing_to_test_passwords_against_offline() {
    let victim = Node::clustered("victim");
    let instance = victim.mesh_status()["mesh"]["members"][0]["instance"]
        .as_str()
        .unwrap()
        .to_owned();
    let keys_dir = tempfile::tempdir().unwrap();
    let rt = peer::runtime();
    rt.block_on(async {
        let (mut c, attacker, y, proof) = attack(victim.cluster_port, "guess-1", keys_dir.path()).await;
        // Everything the listener sent before the dialer's confirmation.
        let sent: Vec<u8> = c.received_frames().concat();
        let text = String::from_utf8_lossy(&sent);
        for secret in ["victim", "harperdb", "cluster_user", instance.as_str()] {
            assert!(!text.contains(secret), "the listener revealed {secret:?}: {text}");
        }
        // Offline, with its own secret: neither the right password nor
        // another wrong one verifies; the transcript does not tell them apart.
        let binding = c.binding();
        for candidate in [CLUSTER_PASSWORD, "guess-2", "guess-1"] {
            assert!(
                !attacker.keys(candidate, &binding, &y).verify_listener(&proof),
                "the listener's proof verified offline for {candidate:?}"
            );
        }
        // Its one guess gets a refusal, and the connection ends.
        let keys = attacker.keys("guess-1", &binding, &y);
        let me = Claims {
            node: "mallory",
            instance: "m",
            version: harper_rpc::VERSION,
            cluster: peer::CLUSTER_NAME,
        };
        c.write(&Frame::Confirm {
            proof: handshake::hex(&keys.dialer_proof(&me)),
            node: me.node.into(),
            instance: me.instance.into(),
            version: me.version.into(),
            cluster: me.cluster.into(),
        })
        .await
        .unwrap();
        let frames = c.until_closed(WAIT).await.expect("closed after the refusal");
        assert!(
            matches!(&frames[..], [Frame::Refused { reason: Refusal::WrongCredentials, message }] if !message.contains("victim")),
            "{frames:?}"
        );
        victim.wait_log(&[
            "link refused",
            "wrong cluster credentials",
            &format!("127.0.0.1:{}", c.local_port),
        ]);

        // The control: had the guess been right, the same computation
        // verifies. So the check above is a real one, not a vacuous one.
        let (c, attacker, y, proof) = attack(victim.cluster_port, CLUSTER_PASSWORD, keys_dir.path()).await;
        assert!(attacker.keys(CLUSTER_PASSWORD, &c.binding(), &y).verify_listener(&proof));
    });
    let at = victim.mesh_status();
    let events = at["mesh"]["events"].to_string();
    assert!(
        !events.contains("mallory"),
        "an unproven name was recorded: {events}"
    );
}

#[test]
fn a_second_guess_on_the_same_connection_ends_it() {
    let victim = Node::clustered("victim");
    let keys_dir = tempfile::tempdir().unwrap();
    peer::runtime().block_on(async {
        let (mut c, _, _, _) = attack(victim.cluster_port, "guess-1", keys_dir.path()).await;
        let again = Attacker::new("guess-2");
        c.write(&handshake::hello(&again.msg)).await.unwrap();
        let frames = c.until_closed(WAIT).await.expect("closed");
        assert!(
            frames.iter().all(|f| !matches!(f, Frame::Pake { .. })),
            "a second key exchange on one connection: {frames:?}"
        );
        assert!(
            matches!(
                &frames[..],
                [Frame::Refused {
                    reason: Refusal::Other,
                    ..
                }]
            ),
            "{frames:?}"
        );
        victim.wait_log(&[
            "unexpected 'hello' frame",
            &format!("127.0.0.1:{}", c.local_port),
        ]);
    });
}

/// One wrong-password handshake from `from` with the real dialing code.
/// Returns when its TLS session was up (the daemon lets TLS start only
/// after the throttle's wait, and counts the failure after that time),
/// once the daemon has counted the failure (its log line comes after).
async fn wrong_guess(
    victim: &Node,
    tls: &std::sync::Arc<rustls::ClientConfig>,
    from: IpAddr,
    n: usize,
) -> Instant {
    let tcp = peer::tcp_between(from, peer::LOOPBACK, victim.cluster_port)
        .await
        .unwrap();
    let mut c = peer::tls_over(tcp, tls.clone()).await.unwrap();
    let tls_up = Instant::now();
    let id = peer::identity(&format!("guesser{n}"), Some(&format!("wrong-{n}")));
    let r = c.handshake(&id).await;
    assert!(
        matches!(
            r,
            Err(handshake::HandshakeError::Refused {
                reason: Refusal::WrongCredentials,
                ..
            })
        ),
        "{r:?}"
    );
    victim.wait_log(&["link refused", &format!("{from}:{}", c.local_port)]);
    tls_up
}

#[test]
fn failed_handshakes_are_throttled_per_address_and_other_addresses_link_at_once() {
    let victim = Node::clustered("victim");
    let port = victim.cluster_port;
    let tls = peer::node_tls(&victim);
    let other = IpAddr::V4(Ipv4Addr::new(127, 0, 0, 2));
    peer::runtime().block_on(async {
        let guesses = throttle::FREE_FAILURES as usize + 4;
        let mut tls_up = Vec::new();
        for n in 0..guesses {
            tls_up.push(wrong_guess(&victim, &tls, peer::LOOPBACK, n).await);
        }
        // Past the free failures, guess n starts at least delay(n) after
        // guess n-1 failed, so after its TLS session was up: a growing lower
        // bound (load can only make the gaps longer).
        let gaps: Vec<Duration> = tls_up.windows(2).map(|w| w[1] - w[0]).collect();
        for (i, gap) in gaps.iter().enumerate() {
            let floor = throttle::delay(i as u32 + 1);
            assert!(
                *gap >= floor,
                "guess {} came {gap:?} after the previous one, less than {floor:?}: {gaps:?}",
                i + 1
            );
        }
        assert!(throttle::delay(guesses as u32 - 1) >= throttle::FIRST_DELAY * 8);
        victim.wait_log(&[
            "mesh handshake from 127.0.0.1 throttled",
            &format!("{} failed in a row", guesses - 1),
        ]);
        victim.wait_log(&[
            "failed mesh handshakes from 127.0.0.1",
            &format!("{guesses} in a row"),
        ]);

        // The next attempt from 127.0.0.1 waits (seconds now); a node from
        // 127.0.0.2 with the right password links meanwhile, unthrottled.
        let patient_tls = tls.clone();
        let throttled = tokio::spawn(async move {
            let tcp = peer::tcp(port).await.unwrap();
            let mut c = peer::tls_over(tcp, patient_tls).await.unwrap();
            let tls_done = Instant::now();
            let linked = c.handshake(&peer::identity("patient", None)).await;
            (tls_done, linked.map(|p| p.node))
        });
        let tcp = peer::tcp_between(other, peer::LOOPBACK, port)
            .await
            .unwrap();
        let mut c = peer::tls_over(tcp, tls.clone()).await.unwrap();
        let p = c
            .handshake(&peer::identity("elsewhere", None))
            .await
            .expect("links from 127.0.0.2");
        assert_eq!(p.node, "victim");
        let linked_at = Instant::now();
        let (tls_done, patient) = throttled.await.unwrap();
        assert!(
            linked_at < tls_done,
            "127.0.0.2 linked only after the throttled 127.0.0.1 got its TLS session"
        );
        // The right password from the throttled address still gets in, after its wait.
        assert_eq!(patient.expect("the patient node links"), "victim");
    });
    let log = victim.log();
    assert!(!log.contains("from 127.0.0.2 throttled"), "{log}");
}

/// A listener that speaks protocol 1 as it was: TLS with `node`'s keys, then
/// it decodes the hello by protocol 1's rules (its `Frame::Hello`: all seven
/// fields required) and refuses another version in protocol 1's words. It
/// answers up to `max` connections, then stops. Returns its port.
fn protocol_1_listener(node: &Node, max: usize) -> u16 {
    let keys = node.keys();
    let paths = harper_daemon::pki::TlsPaths {
        certificate: keys.join("certificate.pem"),
        private_key: keys.join("privateKey.pem"),
        certificate_authority: None,
    };
    let config = harper_daemon::pki::server_config(&paths, true, true).unwrap();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    listener.set_nonblocking(true).unwrap();
    std::thread::spawn(move || {
        peer::runtime().block_on(async move {
            use tokio::io::AsyncReadExt;
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            let acceptor = tokio_rustls::TlsAcceptor::from(config);
            for _ in 0..max {
                let Ok((tcp, _)) = listener.accept().await else {
                    continue;
                };
                let Ok(mut tls) = acceptor.accept(tcp).await else {
                    continue;
                };
                let Ok(len) = tls.read_u32().await else {
                    continue;
                };
                let mut buf = vec![0u8; (len as usize).min(1 << 16)];
                if tls.read_exact(&mut buf).await.is_err() {
                    continue;
                }
                let hello: serde_json::Value = serde_json::from_slice(&buf).unwrap();
                let text = |k: &str| hello[k].as_str().map(str::to_owned);
                let fields = ["version", "cluster", "node", "instance", "user", "nonce"];
                assert_eq!(hello["t"], "hello", "{hello}");
                assert!(
                    fields.iter().all(|k| text(k).is_some()),
                    "protocol 1 cannot decode {hello}"
                );
                let protocol = hello["protocol"].as_u64().expect("a protocol number");
                let node = text("node").unwrap();
                let refusal = Frame::Refused {
                    reason: Refusal::VersionMismatch,
                    message: format!(
                        "node '{node}' speaks mesh protocol {protocol}, this node speaks 1"
                    ),
                };
                let _ = peer::write_frame(&mut tls, &refusal).await;
            }
        })
    });
    port
}

/// How a protocol-2 node refuses a protocol-1 hello from a node named `old`.
const V2_REFUSAL: &str =
    "the other node (calling itself 'old') speaks mesh protocol 1, this node speaks 2";

#[test]
fn an_old_protocol_peer_is_refused_with_a_clear_reason_on_both_sides() {
    let nodes = Node::clustered_many(&["current", "old"]);
    let (current, old) = (&nodes[0], &nodes[1]);
    peer::runtime().block_on(async {
        // A protocol-1 node dials us: refused, saying which versions.
        let mut c = peer::tls(current.cluster_port, peer::node_tls(old)).await.unwrap();
        c.write(&peer::v1_hello("old")).await.unwrap();
        let frames = c.until_closed(WAIT).await.expect("closed");
        let expected = "speaks mesh protocol 1, this node speaks 2";
        assert!(
            matches!(&frames[..], [Frame::Refused { reason: Refusal::VersionMismatch, message }] if message.contains(expected) && message.contains("'old'")),
            "{frames:?}"
        );
        current.wait_log(&["link refused", "protocol version mismatch", expected]);
    });
    let status = current.wait_mesh("the refusal recorded", |s| {
        s["mesh"]["events"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["reason"] == "version_mismatch")
    });
    assert!(
        status["mesh"]["events"].to_string().contains(V2_REFUSAL),
        "{status}"
    );

    // We dial a protocol-1 node: it can read our hello and refuses it by
    // version, and our status says so.
    let port = protocol_1_listener(old, 50);
    current
        .harper(&["route", "add", &format!("127.0.0.1:{port}")])
        .ok();
    let at = current.wait_mesh("the route to the old node refused", |s| {
        s["mesh"]["routes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["state"] == "refused")
    });
    let error = at["mesh"]["routes"][0]["last_error"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        error,
        "protocol version mismatch (refused by the other node): node '(anonymous until authenticated)' speaks mesh protocol 2, this node speaks 1",
        "{at}"
    );
    let table = current.harper(&["cluster", "status"]);
    assert!(
        table.ok().contains("protocol version mismatch"),
        "{table:#?}"
    );
}

#[test]
fn newlines_and_escapes_in_peer_names_are_escaped_in_the_log_and_status() {
    let victim = Node::clustered("victim");
    let evil = "evil\nFORGED harperd: link to root is up\u{1b}[2J\u{1b}]0;pwned\u{7}";
    peer::runtime().block_on(async {
        // Unauthenticated: a protocol-1 hello with that name.
        let mut c = peer::tls(victim.cluster_port, peer::node_tls(&victim)).await.unwrap();
        c.write(&peer::v1_hello(evil)).await.unwrap();
        c.until_closed(WAIT).await.expect("closed");
        // Authenticated: a peer with the password claims that name.
        let mut c = peer::tls(victim.cluster_port, peer::node_tls(&victim)).await.unwrap();
        let r = c.handshake(&peer::identity(evil, None)).await;
        assert!(
            matches!(&r, Err(handshake::HandshakeError::Refused { reason: Refusal::Other, message, .. }) if message.contains("is not a valid node name") && !message.contains('\n')),
            "{r:?}"
        );
    });
    let escaped =
        "evil\\u{000a}FORGED harperd: link to root is up\\u{001b}[2J\\u{001b}]0;pwned\\u{0007}";
    victim.wait_log(&["speaks mesh protocol 1", escaped]);
    victim.wait_log(&["is not a valid node name", escaped]);
    let log = victim.log();
    assert!(
        !log.lines().any(|l| l.starts_with("FORGED")),
        "a forged log line:\n{log}"
    );
    assert!(
        !log.contains(['\u{1b}', '\u{7}']),
        "raw escape sequences in the log"
    );

    let status = victim.mesh_status();
    let messages: Vec<&str> = status["mesh"]["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["message"].as_str())
        .filter(|m| m.contains("FORGED"))
        .collect();
    assert_eq!(messages.len(), 2, "{status}");
    for m in messages {
        assert!(
            m.contains(escaped) && !m.contains(['\n', '\u{1b}', '\u{7}']),
            "{m:?}"
        );
    }
    let table = victim.harper(&["cluster", "status"]);
    let out = table.ok();
    assert!(out.contains("\\u{001b}[2J"), "{out}");
    assert!(
        !out.contains(['\u{1b}', '\u{7}']),
        "raw escape sequences reach the terminal: {out:?}"
    );
    assert!(!out.lines().any(|l| l.starts_with("FORGED")), "{out}");
}

#[test]
fn the_mesh_listens_only_on_its_configured_address() {
    let nodes = Node::clustered_many(&["bound", "dialer"]);
    let (bound, dialer) = (&nodes[0], &nodes[1]);
    bound
        .harper(&[
            "op",
            "set_configuration",
            "clustering_hubServer_cluster_network_host=127.0.0.2",
        ])
        .ok();
    let listen = format!("127.0.0.2:{}", bound.cluster_port);
    bound.wait_mesh("the mesh restarted on 127.0.0.2", |s| {
        s["mesh"]["listen"] == listen.as_str()
    });
    peer::runtime().block_on(async {
        let refused = peer::tcp(bound.cluster_port).await;
        assert!(refused.is_err(), "the mesh still answers on 127.0.0.1");
    });
    dialer.harper(&["route", "add", &listen, "--wait"]).ok();
    bound.wait_network(&["bound", "dialer"]);
    let status = bound.harper(&["status"]);
    assert!(
        status.ok().contains(&format!("cluster_listener: {listen}")),
        "{status:#?}"
    );
    assert_eq!(
        bound.json(&["status"])["clustering"]["cluster_listener"],
        listen.as_str()
    );

    let before = bound.config_bytes();
    for bad in ["not a host!", "300.1.2.3", "-leading.dash"] {
        let r = bound.harper(&[
            "op",
            "set_configuration",
            &format!("clustering_hubServer_cluster_network_host={bad}"),
        ]);
        assert_eq!(r.code, 2, "{r:#?}");
        assert!(
            r.stderr.contains(
                "'clustering.hubServer.cluster.network.host' must be an IP address or a host name"
            ),
            "{r:#?}"
        );
        assert_eq!(
            bound.config_bytes(),
            before,
            "a refused value changed the file"
        );
    }
    assert_eq!(bound.mesh_status()["mesh"]["listen"], listen.as_str());
}
