//! Slow, idle, half-finished, oversized and garbage clients hold at most
//! their own connection: other requests are answered meanwhile and the
//! daemon stays up.

use std::io::Write;
use std::net::TcpStream;

use harper_tests::http::{Conn, basic};
use harper_tests::{Node, alive};

const ROUTES: &str = r#"{"operation":"cluster_get_routes"}"#;

#[test]
fn hostile_clients_do_not_stall_others() {
    let n = Node::started("Node1");
    let port = n.operations_port;
    let admin = basic("admin", "pw");

    let idle: Vec<TcpStream> = (0..1000)
        .map(|_| TcpStream::connect(("127.0.0.1", port)).expect("an idle connection"))
        .collect();
    // Logged in: a caller who is not gets its 401 without its body being waited for.
    let mut half_body = Conn::open(port);
    half_body
        .send_raw(
            format!("POST / HTTP/1.1\r\nHost: x\r\nAuthorization: {admin}\r\nContent-Length: 100\r\n\r\n{{\"operation\":")
                .as_bytes(),
        )
        .unwrap();
    let mut half_head = Conn::open(port);
    half_head
        .send_raw(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Le")
        .unwrap();
    // The first bytes of a TLS ClientHello, then nothing.
    let mut stalled_tls = Conn::open(port);
    stalled_tls
        .send_raw(&[0x16, 0x03, 0x01, 0x02, 0x00, 0x01])
        .unwrap();

    // Garbage gets an HTTP error (or a closed connection), nothing else.
    let mut garbage = Conn::open(port);
    garbage.send_raw(b"\x00\xff\xfegarbage\r\n\r\n").unwrap();
    if let Some(a) = garbage.read_answer() {
        assert_eq!(a.status, 400, "{a:#?}");
    }
    assert!(garbage.is_closed());

    // A body over the limit, without a declared length, is cut at the limit.
    let mut huge = Conn::open(port);
    huge.send_raw(
        format!("POST / HTTP/1.1\r\nHost: x\r\nAuthorization: {admin}\r\nTransfer-Encoding: chunked\r\n\r\n")
            .as_bytes(),
    )
    .unwrap();
    let size = 64 * 1024 * 1024 + 1;
    huge.send_raw(format!("{size:x}\r\n").as_bytes()).unwrap();
    let chunk = vec![b' '; 1024 * 1024];
    let mut sent = 0;
    while sent < size {
        let n = chunk.len().min(size - sent);
        huge.stream().write_all(&chunk[..n]).unwrap();
        sent += n;
    }
    let a = huge.read_answer().expect("an answer to the huge body");
    assert_eq!(a.status, 413, "{a:#?}");
    assert_eq!(
        a.json()["error"],
        "The request body is larger than the limit of 64 MiB."
    );

    // Meanwhile everyone else is served: new connections and a kept-alive one.
    let mut kept = Conn::open(port);
    for _ in 0..20 {
        let a = n.http(ROUTES);
        assert_eq!(
            (a.status, a.body.as_str()),
            (200, r#"{"hub":[],"leaf":[]}"#)
        );
        assert_eq!(kept.post(Some(&admin), ROUTES).status, 200);
    }
    // TLS too, through the CLI.
    let other = Node::new("Other");
    let run = other.harper_target(&n, "admin", "pw", &["route", "list", "-o", "json"]);
    assert_eq!(run.ok().trim(), r#"{"hub":[],"leaf":[]}"#);

    // The half request is still waiting for its body, not answered wrongly.
    half_body.send_raw(&[b' '; 87]).unwrap();
    let a = half_body
        .read_answer()
        .expect("an answer once the body is complete");
    assert_eq!(
        (a.status, a.json()["error"].clone()),
        (400, "Invalid JSON.".into())
    );

    drop(idle);
    let pid = n.pid().expect("pid file");
    assert!(alive(pid), "the daemon died");
    assert_eq!(n.http(ROUTES).status, 200);
}

/// Eight kept-alive clients inserting at once all get their answers (sled
/// 0.34.7 deadlocked on concurrent flushes before writes took turns).
#[test]
fn concurrent_inserts_all_complete() {
    const CLIENTS: usize = 8;
    const EACH: usize = 200;
    let n = Node::started("Node1");
    n.harper(&["table", "create", "dev.hits"]).ok();
    let port = n.operations_port;
    let workers: Vec<_> = (0..CLIENTS)
        .map(|c| {
            std::thread::spawn(move || {
                let admin = basic("admin", "pw");
                let mut conn = Conn::open(port);
                for i in 0..EACH {
                    let body = format!(
                        r#"{{"operation":"insert","database":"dev","table":"hits","records":[{{"id":"{c}-{i}"}}]}}"#
                    );
                    let a = conn.post(Some(&admin), &body);
                    assert_eq!(a.status, 200, "{a:#?}");
                    assert_eq!(a.json()["inserted_hashes"][0], format!("{c}-{i}"));
                }
            })
        })
        .collect();
    for w in workers {
        w.join().expect("a client failed");
    }
    let t = n.json(&["table", "describe", "dev.hits"]);
    assert_eq!(t["record_count"], serde_json::json!(CLIENTS * EACH), "{t}");
}
