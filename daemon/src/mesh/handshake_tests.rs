//! Unit tests of the handshake over in-memory pipes (the e2e ones, against
//! real daemons, are in `tests/tests/e2e/security/mesh.rs`).

use serde::Deserialize;

use super::*;
use crate::mesh::frame::read_frame;

fn id(node: &str, password: &str) -> Identity {
    Identity::new(
        node,
        &format!("{node}-i"),
        "harperdb",
        "cluster_user",
        password,
    )
}

type Outcome = Result<Peer, HandshakeError>;

async fn run_with(
    a: &Identity,
    b: &Identity,
    ba: &[u8],
    bb: &[u8],
    check: PeerCheck<'_>,
) -> (Outcome, Outcome) {
    let (mut x, mut y) = tokio::io::duplex(1 << 16);
    let ok: PeerCheck<'static> = &|_| Ok(());
    tokio::join!(dial(&mut x, a, ba, ok), accept(&mut y, b, bb, check))
}

async fn run(a: Identity, b: Identity) -> (Outcome, Outcome) {
    run_with(&a, &b, b"bind", b"bind", &|_| Ok(())).await
}

fn refusal(r: &Outcome) -> Option<(Refusal, bool, Option<String>, String)> {
    match r {
        Err(HandshakeError::Refused {
            reason,
            by_peer,
            peer,
            message,
        }) => Some((*reason, *by_peer, peer.clone(), message.clone())),
        _ => None,
    }
}

#[tokio::test]
async fn same_password_links() {
    let (d, l) = run(id("a", "pw"), id("b", "pw")).await;
    let (d, l) = (d.unwrap(), l.unwrap());
    assert_eq!((d.node.as_str(), d.instance.as_str()), ("b", "b-i"));
    assert_eq!((l.node.as_str(), l.instance.as_str()), ("a", "a-i"));
    assert_eq!(d.version, harper_rpc::VERSION);
}

#[tokio::test]
async fn a_wrong_password_or_user_is_refused_on_both_sides_and_names_nobody() {
    let mut other_user = id("b", "pw");
    other_user.secret = Secret::new("someone_else", "pw");
    for listener in [id("b", "other"), other_user] {
        let (d, l) = run(id("a", "pw"), listener).await;
        let (dr, db, dp, dm) = refusal(&d).unwrap_or_else(|| panic!("{d:?}"));
        let (lr, lb, lp, lm) = refusal(&l).unwrap_or_else(|| panic!("{l:?}"));
        assert_eq!((dr, db, dp), (Refusal::WrongCredentials, false, None));
        assert_eq!((lr, lb, lp), (Refusal::WrongCredentials, true, None));
        // Each side explains in its own words, naming only its own user.
        for m in [&dm, &lm] {
            assert!(
                m.contains("this node uses cluster user 'cluster_user'"),
                "{m}"
            );
            assert!(!m.contains("'a'") && !m.contains("'b'"), "{m}");
        }
        assert!(!l.as_ref().unwrap_err().peer_proved_password());
    }
}

#[tokio::test]
async fn another_cluster_name_with_the_right_password_is_named_on_both_sides() {
    let mut other = id("b", "pw");
    other.cluster = "other".into();
    let (d, l) = run(id("a", "pw"), other).await;
    let (dr, db, _, dm) = refusal(&d).unwrap();
    let (lr, lb, lp, lm) = refusal(&l).unwrap();
    assert_eq!((dr, db), (Refusal::ClusterNameMismatch, true));
    assert_eq!(
        (lr, lb, lp.as_deref()),
        (Refusal::ClusterNameMismatch, false, Some("a"))
    );
    for m in [dm, lm] {
        assert!(
            m.contains("node 'a' is in cluster 'harperdb', node 'b' is in cluster 'other'"),
            "{m}"
        );
    }
    assert!(l.unwrap_err().peer_proved_password());
}

#[tokio::test]
async fn same_name_is_refused() {
    let (d, l) = run(id("a", "pw"), id("a", "pw")).await;
    assert_eq!(refusal(&l).unwrap().0, Refusal::DuplicateNodeName);
    let (r, by_peer, ..) = refusal(&d).unwrap();
    assert_eq!((r, by_peer), (Refusal::DuplicateNodeName, true));
}

#[tokio::test]
async fn names_in_use_are_checked_only_after_the_password() {
    let taken: PeerCheck<'static> =
        &|p| Err((Refusal::DuplicateNodeName, format!("'{}' is taken", p.node)));
    for (password, expected) in [
        ("other", Refusal::WrongCredentials),
        ("pw", Refusal::DuplicateNodeName),
    ] {
        let (a, b) = (id("a", password), id("b", "pw"));
        let (d, l) = run_with(&a, &b, b"bind", b"bind", taken).await;
        assert_eq!(refusal(&d).map(|r| r.0), Some(expected), "{d:?}");
        assert_eq!(refusal(&l).map(|r| r.0), Some(expected), "{l:?}");
    }
}

#[tokio::test]
async fn proofs_are_bound_to_the_tls_session() {
    let (a, b) = (id("a", "pw"), id("b", "pw"));
    let (d, _) = run_with(&a, &b, b"one", b"two", &|_| Ok(())).await;
    assert_eq!(refusal(&d).map(|r| r.0), Some(Refusal::WrongCredentials));
}

/// Read every frame `accept` sends to a dialer that sends `first` and then
/// `then` (if any), until it closes.
async fn listener_frames(first: &[u8], then: Option<Frame>) -> (Vec<Frame>, Outcome) {
    let (mut x, mut y) = tokio::io::duplex(1 << 16);
    let me = id("listener-node", "pw");
    let ok: PeerCheck<'static> = &|_| Ok(());
    let client = async {
        use tokio::io::AsyncWriteExt;
        x.write_u32(first.len() as u32).await.unwrap();
        x.write_all(first).await.unwrap();
        let mut got = Vec::new();
        if let Ok(f) = read_frame(&mut x).await {
            got.push(f);
        }
        if let Some(f) = then {
            let _ = write_frame(&mut x, &f).await;
        }
        while let Ok(f) = read_frame(&mut x).await {
            got.push(f);
        }
        got
    };
    let server = async {
        let r = accept(&mut y, &me, b"bind", ok).await;
        drop(y);
        r
    };
    tokio::join!(client, server)
}

#[tokio::test]
async fn the_listener_reveals_nothing_before_the_dialers_proof_and_takes_one_guess() {
    let guess = Exchange::start(Role::Dialer, &Secret::new("cluster_user", "guess"));
    let first = serde_json::to_vec(&hello(guess.message())).unwrap();
    // A second hello instead of a confirmation: a second guess on the same
    // connection. It is refused and the connection ends.
    let again = Exchange::start(Role::Dialer, &Secret::new("cluster_user", "guess2"));
    let (frames, outcome) = listener_frames(&first, Some(hello(again.message()))).await;
    assert!(
        matches!(outcome, Err(HandshakeError::Protocol(_))),
        "{outcome:?}"
    );
    assert!(matches!(frames[0], Frame::Pake { .. }), "{frames:?}");
    assert_eq!(frames.len(), 2, "one Pake, then the refusal: {frames:?}");
    assert!(
        matches!(
            &frames[1],
            Frame::Refused {
                reason: Refusal::Other,
                ..
            }
        ),
        "{frames:?}"
    );
    let sent = serde_json::to_string(&frames).unwrap();
    for secret in [
        "listener-node",
        "harperdb",
        "cluster_user",
        harper_rpc::VERSION,
    ] {
        assert!(!sent.contains(secret), "{secret} in {sent}");
    }
}

/// Protocol 1's first frame, as a protocol-1 node decodes it (its
/// `Frame::Hello`, every field required).
#[derive(Deserialize)]
#[serde(tag = "t", rename_all = "snake_case")]
enum V1Frame {
    Hello {
        protocol: u32,
        #[allow(dead_code)]
        version: String,
        #[allow(dead_code)]
        cluster: String,
        node: String,
        #[allow(dead_code)]
        instance: String,
        #[allow(dead_code)]
        user: String,
        #[allow(dead_code)]
        nonce: String,
    },
}

#[test]
fn a_protocol_1_node_can_decode_our_hello_and_refuse_it_for_its_version() {
    let ex = Exchange::start(Role::Dialer, &Secret::new("u", "pw"));
    let bytes = serde_json::to_vec(&hello(ex.message())).unwrap();
    let V1Frame::Hello { protocol, node, .. } = serde_json::from_slice(&bytes).unwrap();
    // Protocol 1's refusal, word for word.
    let msg = format!("node '{node}' speaks mesh protocol {protocol}, this node speaks 1");
    assert_eq!(
        msg,
        "node '(anonymous until authenticated)' speaks mesh protocol 2, this node speaks 1"
    );
}

#[tokio::test]
async fn a_protocol_1_hello_is_refused_for_its_version_with_its_name_escaped() {
    let v1 = br#"{"t":"hello","protocol":1,"version":"0.1.0","cluster":"harperdb","node":"old\nINFO forged \u001b[31m","instance":"i","user":"cluster_user","nonce":"00"}"#;
    let (frames, outcome) = listener_frames(v1, None).await;
    let (reason, _, peer, message) = refusal(&outcome).unwrap();
    assert_eq!((reason, peer), (Refusal::VersionMismatch, None));
    assert_eq!(
        message,
        "the other node (calling itself 'old\\u{000a}INFO forged \\u{001b}[31m') speaks mesh protocol 1, this node speaks 2: run the same harper version on every node"
    );
    assert!(
        matches!(&frames[..], [Frame::Refused { reason: Refusal::VersionMismatch, message: m }] if *m == message),
        "{frames:?}"
    );
}

#[tokio::test]
async fn a_proven_peer_with_an_invalid_or_huge_name_is_refused_and_escaped() {
    for bad in [
        "evil\nname",
        "esc\u{1b}[31m",
        &"n".repeat(MAX_CLAIM_BYTES + 1),
    ] {
        let (d, l) = run(id(bad, "pw"), id("b", "pw")).await;
        let (reason, _, _, message) = refusal(&l).unwrap();
        assert_eq!(reason, Refusal::Other);
        assert!(message.contains("is not a valid node name"), "{message}");
        assert!(
            !message.contains(['\n', '\u{1b}']) && message.len() < 1024,
            "{message}"
        );
        assert_eq!(refusal(&d).unwrap().0, Refusal::Other);
    }
}
