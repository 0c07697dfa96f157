//! Token logins (issue 13 part 3) against a real daemon over HTTP:
//! `create_authentication_tokens`, `Authorization: Bearer`,
//! `refresh_operation_token`, expiry, revocation, tampering, and forged
//! tokens counted by the login backoff.

use std::net::Ipv4Addr;
use std::os::unix::fs::PermissionsExt as _;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use harper_tests::http::{Answer, Conn, basic};
use harper_tests::{Node, WAIT, wait_for};
use serde_json::{Value, json};

const WHO: &str = r#"{"operation":"user_info"}"#;
const DESCRIBE_ALL: &str = r#"{"operation":"describe_all"}"#;
const REFRESH: &str = r#"{"operation":"refresh_operation_token"}"#;
/// The daemon's free failures per address (`ops::logins::FREE_FAILURES_PER_ADDRESS`).
const FREE_FAILURES_PER_ADDRESS: usize = 5;

fn bearer(token: &str) -> String {
    format!("Bearer {token}")
}

fn create_body(username: &str, password: &str) -> String {
    json!({"operation": "create_authentication_tokens", "username": username, "password": password})
        .to_string()
}

#[track_caller]
fn error(a: &Answer) -> (u16, String) {
    (
        a.status,
        a.json()["error"].as_str().unwrap_or_default().to_owned(),
    )
}

#[track_caller]
fn err(status: u16, message: &str) -> (u16, String) {
    (status, message.to_owned())
}

/// Both tokens of `username`, asked for with no `Authorization` header.
#[track_caller]
fn tokens(n: &Node, username: &str, password: &str) -> (String, String) {
    let a = n.http_as(None, &create_body(username, password));
    assert_eq!(a.status, 200, "{a:#?}");
    let v = a.json();
    let s = |k: &str| {
        v[k].as_str()
            .unwrap_or_else(|| panic!("no {k}: {v}"))
            .to_owned()
    };
    (s("operation_token"), s("refresh_token"))
}

/// A token's header and payload.
fn decode(token: &str) -> (Value, Value) {
    let parts: Vec<&str> = token.split('.').collect();
    assert_eq!(parts.len(), 3, "{token}");
    let part = |p: &str| serde_json::from_slice(&URL_SAFE_NO_PAD.decode(p).unwrap()).unwrap();
    (part(parts[0]), part(parts[1]))
}

/// The daemon's login counters (through the local socket).
fn counters(n: &Node) -> Value {
    n.json(&["op", "system_information"])["logins"].clone()
}

#[test]
fn tokens_are_issued_used_refreshed_and_never_interchangeable() {
    let n = Node::started("Node1");
    // Issued to anyone who gives a user name and password in the body.
    let (op, refresh) = tokens(&n, "admin", "pw");
    let (header, payload) = decode(&op);
    assert_eq!(header, json!({"alg": "HS256", "typ": "JWT"}));
    assert_eq!(payload["username"], "admin");
    assert_eq!(payload["super_user"], true);
    assert_eq!(payload["cluster_user"], false);
    assert_eq!(payload["sub"], "operation");
    let life = |p: &Value| p["exp"].as_u64().unwrap() - p["iat"].as_u64().unwrap();
    assert_eq!(
        life(&payload),
        86_400,
        "operationTokenTimeout defaults to 1d"
    );
    let (_, refresh_payload) = decode(&refresh);
    assert_eq!(refresh_payload["sub"], "refresh");
    assert_eq!(
        life(&refresh_payload),
        30 * 86_400,
        "refreshTokenTimeout defaults to 30d"
    );

    // The key: made on first use, owner-only, never in the configuration.
    let key_file = n.root().join("keys/token-signing.key");
    let mode = std::fs::metadata(&key_file).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    let key = std::fs::read_to_string(&key_file)
        .unwrap()
        .trim()
        .to_owned();
    assert_eq!(key.len(), 64);
    let config = n.http(r#"{"operation":"get_configuration"}"#);
    assert_eq!(config.status, 200);
    assert!(
        !config.body.contains(&key),
        "the key is in get_configuration"
    );
    assert_eq!(
        config.json()["authentication"]["operationTokenTimeout"],
        "1d"
    );

    // An operation token logs in, without argon2.
    let before = counters(&n);
    for _ in 0..5 {
        let a = n.http_as(Some(&bearer(&op)), WHO);
        assert_eq!(
            (a.status, a.json()["username"].clone()),
            (200, json!("admin")),
            "{a:#?}"
        );
        assert_eq!(n.http_as(Some(&bearer(&op)), DESCRIBE_ALL).status, 200);
    }
    let after = counters(&n);
    assert_eq!(
        after["verified"], before["verified"],
        "argon2 ran for a bearer login"
    );

    // Neither token does the other's job.
    let invalid = err(401, "invalid token");
    assert_eq!(error(&n.http_as(Some(&bearer(&refresh)), WHO)), invalid);
    assert_eq!(
        error(&n.http_as(Some(&bearer(&refresh)), DESCRIBE_ALL)),
        invalid
    );
    assert_eq!(error(&n.http_as(Some(&bearer(&op)), REFRESH)), invalid);
    let refresh_with =
        |t: &str| json!({"operation": "refresh_operation_token", "refresh_token": t}).to_string();
    assert_eq!(error(&n.http(&refresh_with(&op))), invalid);
    assert_eq!(error(&n.http(&refresh_with("not.a.token"))), invalid);
    assert_eq!(
        error(&n.http(r#"{"operation":"refresh_operation_token","refresh_token":7}"#)),
        invalid
    );
    assert_eq!(
        error(&n.http(REFRESH)),
        err(400, "refresh_token is required")
    );

    // Refresh: with the refresh token as Bearer (HarperDB's documented
    // form), or in the body of a logged-in request.
    for a in [
        n.http_as(Some(&bearer(&refresh)), REFRESH),
        n.http(&refresh_with(&refresh)),
    ] {
        assert_eq!(a.status, 200, "{a:#?}");
        let v = a.json();
        assert_eq!(v.as_object().unwrap().len(), 1, "{v}");
        let fresh = v["operation_token"].as_str().unwrap();
        assert_eq!(decode(fresh).1["sub"], "operation");
        assert_eq!(n.http_as(Some(&bearer(fresh)), DESCRIBE_ALL).status, 200);
    }

    // HarperDB's messages for what create_authentication_tokens is given.
    let create = |auth: Option<&str>, body: Value| {
        let mut b = json!({"operation": "create_authentication_tokens"});
        for (k, v) in body.as_object().unwrap() {
            b[k] = v.clone();
        }
        n.http_as(auth, &b.to_string())
    };
    let credentials = err(401, "invalid credentials");
    assert_eq!(
        error(&create(
            None,
            json!({"username":"admin","password":"wrong"})
        )),
        credentials
    );
    assert_eq!(
        error(&create(None, json!({"username":"nobody","password":"pw"}))),
        credentials
    );
    assert_eq!(
        error(&create(None, json!({"username":"admin"}))),
        err(400, "password is required")
    );
    assert_eq!(
        error(&create(None, json!({"password":"pw"}))),
        err(400, "username is required")
    );
    assert_eq!(
        error(&create(None, json!({"username":["admin"],"password":"pw"}))),
        err(400, "'username' must be a string")
    );
    // Without credentials in the body the caller must have logged in, and
    // then the tokens are the caller's (Basic or an operation token).
    assert_eq!(error(&create(None, json!({}))), err(401, "Must login"));
    assert_eq!(
        error(&n.http_as(None, DESCRIBE_ALL)),
        err(401, "Must login")
    );
    for auth in [basic("admin", "pw"), bearer(&op)] {
        let a = create(Some(&auth), json!({}));
        assert_eq!(a.status, 200, "{a:#?}");
        assert_eq!(
            decode(a.json()["operation_token"].as_str().unwrap()).1["username"],
            "admin"
        );
    }
    // Only the last refresh token issued to a user refreshes (HarperDB keeps one).
    let (_, newest) = tokens(&n, "admin", "pw");
    assert_eq!(error(&n.http_as(Some(&bearer(&refresh)), REFRESH)), invalid);
    assert_eq!(n.http_as(Some(&bearer(&newest)), REFRESH).status, 200);

    // A user who is not a super user gets tokens too, and they carry its role.
    let add = json!({"operation":"add_user","role":"cluster_user","username":"cu","password":"cu-Secret-1","active":true});
    assert_eq!(n.http(&add.to_string()).status, 200);
    let (cu_op, _) = tokens(&n, "cu", "cu-Secret-1");
    assert_eq!(decode(&cu_op).1["cluster_user"], true);
    assert_eq!(
        n.http_as(Some(&bearer(&cu_op)), WHO).json()["username"],
        "cu"
    );
    assert_eq!(n.http_as(Some(&bearer(&cu_op)), DESCRIBE_ALL).status, 403);

    // Through the local socket: a user must be named.
    let socket = n.harper(&[
        "op",
        "create_authentication_tokens",
        "username=admin",
        "password=pw",
        "-o",
        "json",
    ]);
    assert_eq!(socket.code, 0, "{socket:#?}");
    assert!(socket.json()["operation_token"].is_string());
    let nameless = n.harper(&["op", "create_authentication_tokens", "-o", "json"]);
    assert_eq!(
        nameless.stdout.trim(),
        r#"{"error":"username is required"}"#
    );

    // Tokens and the key never reach the log.
    let log = n.log();
    for secret in [&op, &refresh, &newest, &key] {
        assert!(
            !log.contains(secret.as_str()),
            "a secret is in the log:\n{log}"
        );
    }

    // The key outlives a restart, and so do the tokens.
    n.stop();
    n.start();
    assert_eq!(n.http_as(Some(&bearer(&op)), DESCRIBE_ALL).status, 200);
    assert_eq!(std::fs::read_to_string(&key_file).unwrap().trim(), key);
}

#[test]
fn tokens_expire_and_end_with_a_password_change_a_deactivation_or_a_drop() {
    let n = Node::started("Node1");
    // A bad lifetime is refused with the key named, and the file kept.
    let before = n.config_bytes();
    let bad = n
        .http(r#"{"operation":"set_configuration","authentication_operationTokenTimeout":"soon"}"#);
    assert_eq!(bad.status, 400, "{bad:#?}");
    assert!(
        error(&bad)
            .1
            .contains("'authentication.operationTokenTimeout' must be a duration"),
        "{bad:#?}"
    );
    assert_eq!(n.config_bytes(), before);

    // Two seconds (HarperDB's syntax): at least one second of life left
    // when first used, then 403 `token expired`; the refresh token goes on.
    let set =
        n.http(r#"{"operation":"set_configuration","authentication_operationTokenTimeout":"2s"}"#);
    assert_eq!(set.status, 200, "{set:#?}");
    let (op, refresh) = tokens(&n, "admin", "pw");
    let (_, p) = decode(&op);
    assert_eq!(p["exp"].as_u64().unwrap() - p["iat"].as_u64().unwrap(), 2);
    assert_eq!(n.http_as(Some(&bearer(&op)), WHO).status, 200);
    let expired = |t: &str, body: &str| {
        wait_for("the token to expire", WAIT, || {
            let a = n.http_as(Some(&bearer(t)), body);
            match a.status {
                200 => None,
                _ => Some(error(&a)),
            }
        })
    };
    assert_eq!(expired(&op, WHO), err(403, "token expired"));
    let fresh = n.http_as(Some(&bearer(&refresh)), REFRESH);
    assert_eq!(fresh.status, 200, "{fresh:#?}");
    let fresh = fresh.json()["operation_token"].as_str().unwrap().to_owned();
    assert_eq!(n.http_as(Some(&bearer(&fresh)), WHO).status, 200);

    // The refresh token expires too.
    let set =
        n.http(r#"{"operation":"set_configuration","authentication_refreshTokenTimeout":"2s"}"#);
    assert_eq!(set.status, 200, "{set:#?}");
    let (_, short_refresh) = tokens(&n, "admin", "pw");
    assert_eq!(expired(&short_refresh, REFRESH), err(403, "token expired"));
    let set = n.http(
        r#"{"operation":"set_configuration","authentication_operationTokenTimeout":"1h","authentication_refreshTokenTimeout":"1h"}"#,
    );
    assert_eq!(set.status, 200, "{set:#?}");

    let invalid = err(401, "invalid token");
    let add = |pw: &str| {
        let body = json!({"operation":"add_user","role":"super_user","username":"bob","password":pw,"active":true});
        assert_eq!(n.http(&body.to_string()).status, 200);
    };
    let alter = |fields: Value| {
        let mut body = json!({"operation":"alter_user","username":"bob"});
        for (k, v) in fields.as_object().unwrap() {
            body[k] = v.clone();
        }
        let a = n.http(&body.to_string());
        assert_eq!(a.status, 200, "{a:#?}");
    };
    let ends = |op: &str, refresh: &str| {
        assert_eq!(error(&n.http_as(Some(&bearer(op)), WHO)), invalid);
        assert_eq!(error(&n.http_as(Some(&bearer(refresh)), REFRESH)), invalid);
    };
    add("bob-1");

    // A change of role keeps the tokens (the role is read at each request).
    let (op, refresh) = tokens(&n, "bob", "bob-1");
    alter(json!({"role": "cluster_user"}));
    assert_eq!(n.http_as(Some(&bearer(&op)), DESCRIBE_ALL).status, 403);
    alter(json!({"role": "super_user"}));
    assert_eq!(n.http_as(Some(&bearer(&op)), DESCRIBE_ALL).status, 200);

    // A new password ends them; the new password gets new ones.
    alter(json!({"password": "bob-2"}));
    ends(&op, &refresh);
    let (op, refresh) = tokens(&n, "bob", "bob-2");
    assert_eq!(n.http_as(Some(&bearer(&op)), WHO).status, 200);

    // A deactivation ends them for good, even once the user is active again.
    alter(json!({"active": false}));
    ends(&op, &refresh);
    alter(json!({"active": true}));
    ends(&op, &refresh);

    // A drop ends them, and a user of the same name and password added
    // later is not its predecessor.
    let (op, refresh) = tokens(&n, "bob", "bob-2");
    let drop = n.http(r#"{"operation":"drop_user","username":"bob"}"#);
    assert_eq!(drop.status, 200);
    ends(&op, &refresh);
    add("bob-2");
    ends(&op, &refresh);
}

#[test]
fn forged_tampered_and_oversized_tokens_are_refused_and_backed_off() {
    let n = Node::started("Node1");
    let (op, refresh) = tokens(&n, "admin", "pw");
    let invalid = err(401, "invalid token");
    let parts: Vec<&str> = op.split('.').collect();
    let (_, payload) = decode(&op);
    let encode = |v: &Value| URL_SAFE_NO_PAD.encode(v.to_string());

    // Each from an address of its own, so the backoff stays out of it.
    let mut last = 100u8;
    let mut refused = |auth: &str, body: &str| {
        last += 1;
        n.http_from(Ipv4Addr::new(127, 0, 0, last), Some(auth), body)
    };
    let mut other_user = payload.clone();
    other_user["username"] = json!("root");
    let mut later = payload.clone();
    later["exp"] = json!(u64::MAX / 2);
    let none_header = URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#);
    let forgeries = [
        format!("{}.{}.{}", parts[0], encode(&other_user), parts[2]),
        format!("{}.{}.{}", parts[0], encode(&later), parts[2]),
        format!("{none_header}.{}.", parts[1]),
        format!("{none_header}.{}.{}", parts[1], parts[2]),
        format!("{}.{}", parts[0], parts[1]),
        format!("{op}x"),
        "!!!".to_owned(),
        "a.b.c".to_owned(),
        // Far beyond the longest token the daemon reads (4 KiB), within the head.
        format!("{}.{}.{}", parts[0], "A".repeat(40_000), parts[2]),
    ];
    for forged in &forgeries {
        let a = refused(&bearer(forged), DESCRIBE_ALL);
        assert_eq!(error(&a), invalid, "{forged:.60}");
        assert_eq!(a.header("connection"), Some("close"));
    }
    // Refused cleanly: bytes that are not text, and a header beyond what the
    // door reads at all; the daemon goes on answering.
    let mut c = Conn::open(n.operations_port);
    c.send_raw(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nAuthorization: Bearer \xff\xfe\r\n\r\n{}")
        .unwrap();
    assert_eq!(c.read_answer().map(|a| a.status), Some(401));
    let mut c = Conn::open(n.operations_port);
    let huge = format!(
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nAuthorization: Bearer {}\r\n\r\n{{}}",
        "A".repeat(100_000)
    );
    let _ = c.send_raw(huge.as_bytes());
    if let Some(a) = c.read_answer() {
        assert!((400..500).contains(&a.status), "{a:#?}");
    }
    assert_eq!(n.http_as(Some(&bearer(&op)), DESCRIBE_ALL).status, 200);
    assert_eq!(n.http_as(Some(&bearer(&refresh)), REFRESH).status, 200);

    // Forged tokens are failed logins of their address: after the free
    // ones, that address waits, for passwords as well...
    let attacker = Ipv4Addr::new(127, 0, 0, 7);
    for forged in forgeries.iter().take(FREE_FAILURES_PER_ADDRESS) {
        let a = n.http_from(attacker, Some(&bearer(forged)), WHO);
        assert_eq!(error(&a), invalid);
    }
    let held = n.http_from(attacker, Some(&bearer(&forgeries[0])), WHO);
    assert_eq!(held.status, 429, "{held:#?}");
    assert!(held.header("retry-after").is_some(), "{held:#?}");
    let password = n.http_from(attacker, Some(&basic("admin", "pw")), WHO);
    assert_eq!(password.status, 429, "{password:#?}");
    // ... but a genuine token is not held up, from there or anywhere.
    for from in [attacker, Ipv4Addr::new(127, 0, 0, 8)] {
        let a = n.http_from(from, Some(&bearer(&op)), WHO);
        assert_eq!(a.status, 200, "{a:#?}");
    }
    // Logged (within the rate of refused logins), never with the token.
    n.wait_log(&["bearer token refused from 127.0.0.101: not a token this node issued"]);
    let logged = n.log();
    for forged in &forgeries {
        assert!(!logged.contains(forged.as_str()), "a token is in the log");
    }
}

#[test]
fn the_cli_administers_a_remote_daemon_with_a_token() {
    let a = Node::started("NodeA");
    let b = Node::installed("NodeB");
    let target = format!("127.0.0.1:{}", a.operations_port);
    let (op, refresh) = tokens(&a, "admin", "pw");
    let with = |token: &str, args: &[&str]| {
        let mut all = vec!["--target", &target, "--token", token];
        all.extend_from_slice(args);
        b.harper(&all)
    };
    let remote = with(&op, &["route", "list", "-o", "json"]);
    assert_eq!(remote.ok(), a.harper(&["route", "list", "-o", "json"]).ok());
    // A refresh token, a forged one, or one too long to be a token.
    let refused = with(&refresh, &["route", "list"]);
    assert_eq!(refused.code, 1, "{refused:#?}");
    assert!(
        refused.stderr.contains("error: invalid token"),
        "{refused:#?}"
    );
    let long = "A".repeat(5000);
    let usage = with(&long, &["route", "list"]);
    assert_eq!(usage.code, 2, "{usage:#?}");
    assert!(
        usage.stderr.contains("--token must be an operation token"),
        "{usage:#?}"
    );
    let both = b.harper(&[
        "--target",
        &target,
        "--token",
        &op,
        "--username",
        "admin",
        "route",
        "list",
    ]);
    assert_eq!(both.code, 2, "{both:#?}");
    assert!(!both.stderr.contains(&op) && !refused.stderr.contains(&refresh));
}
