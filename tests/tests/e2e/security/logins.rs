//! Logins: the same cost whether or not the user exists, and backoff for failures that does not hold up correct logins.

use std::net::Ipv4Addr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use harper_tests::http::{Answer, Conn, basic};
use harper_tests::{Node, WAIT, wait_for};
use serde_json::Value;

const WHO: &str = r#"{"operation":"user_info"}"#;
/// The daemon's free failures per address (`ops::logins::FREE_FAILURES_PER_ADDRESS`).
const FREE_FAILURES_PER_ADDRESS: usize = 5;
/// Its longest delay, in seconds.
const MAX_DELAY_SECS: u64 = 60;

fn loopback(last: u8) -> Ipv4Addr {
    Ipv4Addr::new(127, 0, 0, last)
}

/// The daemon's login counters (through the local socket, which needs no login).
fn counters(n: &Node) -> Value {
    n.json(&["op", "system_information"])["logins"].clone()
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// The `Retry-After` of a 429, in seconds.
#[track_caller]
fn retry_after(a: &Answer) -> u64 {
    assert_eq!(a.status, 429, "{a:#?}");
    a.header("retry-after")
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("no Retry-After: {a:#?}"))
}

#[test]
fn a_missing_user_costs_what_a_wrong_password_costs() {
    const N: u8 = 7;
    let n = Node::started("Node1");
    let timed = |from: Ipv4Addr, user: &str| {
        let started = Instant::now();
        let a = n.http_from(from, Some(&basic(user, "not-the-password")), WHO);
        let took = started.elapsed();
        assert_eq!(a.status, 401, "{a:#?}");
        took
    };
    let (mut known, mut unknown) = (Vec::new(), Vec::new());
    // Each from an address of its own, and fewer than a name's free failures: no backoff.
    for i in 0..N {
        known.push(timed(loopback(20 + i), "admin"));
        unknown.push(timed(loopback(40 + i), "nobody"));
    }
    let (k, u) = (median(known), median(unknown));
    let ratio = u.as_secs_f64() / k.as_secs_f64();
    eprintln!("median wrong password {k:?}, unknown user {u:?}, ratio {ratio:.2}");
    assert!(
        (0.5..2.0).contains(&ratio),
        "a wrong password takes {k:?}, an unknown user {u:?}: the names can be told apart"
    );
}

#[test]
fn failures_are_backed_off_by_address_without_argon2() {
    let n = Node::started("Node1");
    let attacker = loopback(3);
    let wrong = basic("admin", "guess");
    for _ in 0..FREE_FAILURES_PER_ADDRESS {
        let a = n.http_from(attacker, Some(&wrong), WHO);
        assert_eq!(a.status, 401, "{a:#?}");
    }
    let before = counters(&n);
    let held = n.http_from(attacker, Some(&wrong), WHO);
    assert!(retry_after(&held) >= 1);
    assert_eq!(held.header("connection"), Some("close"));
    assert!(
        held.json()["error"]
            .as_str()
            .is_some_and(|e| e.starts_with("Too many failed logins")),
        "{held:#?}"
    );
    let after = counters(&n);
    assert_eq!(
        after["verified"], before["verified"],
        "argon2 ran for a held-back attempt: {before} -> {after}"
    );
    assert_eq!(
        after["throttled"].as_u64(),
        Some(before["throttled"].as_u64().unwrap() + 1)
    );
    wait_for("the log to say throttled", WAIT, || {
        n.log()
            .contains("login throttled for user 'admin' from 127.0.0.3")
            .then_some(())
    });

    // Another address logs in at once with the right password.
    let right = basic("admin", "pw");
    let other = n.http_from(loopback(2), Some(&right), WHO);
    assert_eq!(other.status, 200, "{other:#?}");
    // From the held-back address even the right password waits for the delay, then works.
    let first = n.http_from(attacker, Some(&right), WHO);
    let wait = retry_after(&first);
    assert!(wait <= MAX_DELAY_SECS);
    wait_for(
        "the delay to pass",
        Duration::from_secs(wait) + WAIT,
        || {
            let a = n.http_from(attacker, Some(&right), WHO);
            match a.status {
                200 => Some(()),
                429 => None,
                _ => panic!("{a:#?}"),
            }
        },
    );
    // The success reset the address: a wrong password is verified again.
    assert_eq!(n.http_from(attacker, Some(&wrong), WHO).status, 401);
    let log = n.log();
    assert!(!log.contains("guess"), "a password is in the log");
}

#[test]
fn three_hundred_wrong_passwords_then_the_right_one_waits() {
    let n = Node::started("Node1");
    let attacker = loopback(4);
    let wrong = basic("admin", "guess");
    let before = counters(&n);
    let mut held = 0;
    for _ in 0..300 {
        let a = n.http_from(attacker, Some(&wrong), WHO);
        match a.status {
            401 => {}
            429 => held += 1,
            _ => panic!("{a:#?}"),
        }
    }
    assert!(held >= 280, "only {held} of 300 were held back");
    let verified =
        counters(&n)["verified"].as_u64().unwrap() - before["verified"].as_u64().unwrap();
    eprintln!("300 wrong attempts: {held} held back, {verified} verified");
    assert!(
        verified <= 20,
        "argon2 ran {verified} times for 300 attempts"
    );
    let right = n.http_from(attacker, Some(&basic("admin", "pw")), WHO);
    let wait = retry_after(&right);
    assert!(wait <= MAX_DELAY_SECS, "{right:#?}");
    wait_for(
        "the right password after the delay",
        Duration::from_secs(wait) + WAIT,
        || match n
            .http_from(attacker, Some(&basic("admin", "pw")), WHO)
            .status
        {
            200 => Some(()),
            429 => None,
            s => panic!("status {s}"),
        },
    );
}

/// While many connections send wrong passwords, a user who has not logged in
/// before (so its login is verified, not recalled) logs in from another
/// address in about the time of one verification.
#[test]
fn a_flood_of_wrong_passwords_does_not_hold_up_a_correct_login() {
    const FLOODERS: usize = 128;
    const ATTEMPTS_EACH: usize = 20;
    let n = Node::started("Node1");
    let port = n.operations_port;
    let add = r#"{"operation":"add_user","role":"super_user","username":"ops","password":"ops-Secret-7","active":true}"#;
    assert_eq!(n.http(add).status, 200);
    // What one attempt of the flood costs: a wrong password, from fresh
    // addresses, one at a time.
    let cost = median(
        (0..3u8)
            .map(|i| {
                let started = Instant::now();
                let a = n.http_from(loopback(60 + i), Some(&basic("admin", "x")), WHO);
                assert_eq!(a.status, 401, "{a:#?}");
                started.elapsed()
            })
            .collect(),
    );
    let stop = Arc::new(AtomicBool::new(false));
    let answered = Arc::new(AtomicUsize::new(0));
    let flood: Vec<_> = (0..FLOODERS)
        .map(|i| {
            let (stop, answered) = (stop.clone(), answered.clone());
            std::thread::spawn(move || {
                let from = loopback(100 + (i % 4) as u8);
                let auth = basic("admin", &format!("guess-{i}"));
                for _ in 0..ATTEMPTS_EACH {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let a = Conn::open_from(port, from).post(Some(&auth), WHO);
                    assert!(matches!(a.status, 401 | 429), "{a:#?}");
                    answered.fetch_add(1, Ordering::Relaxed);
                }
            })
        })
        .collect();
    wait_for("the flood to be under way", WAIT, || {
        (answered.load(Ordering::Relaxed) >= FLOODERS).then_some(())
    });
    let started = Instant::now();
    let a = n.http_from(loopback(2), Some(&basic("ops", "ops-Secret-7")), WHO);
    let took = started.elapsed();
    stop.store(true, Ordering::Relaxed);
    for f in flood {
        f.join().expect("a flooding client failed");
    }
    eprintln!("correct login during the flood: {took:?}; one attempt: {cost:?}");
    assert_eq!(a.status, 200, "{a:#?}");
    assert!(
        took < cost * 10 + Duration::from_millis(500),
        "a correct login took {took:?} during the flood; one attempt costs {cost:?}"
    );
}

/// Failed logins are logged with the address and the user name escaped
/// (a newline cannot forge a line), never the password, at most 10 lines a
/// minute.
#[test]
fn failed_logins_are_logged_escaped_and_rate_limited() {
    const ATTEMPTS: u8 = 15;
    const LOGGED_PER_MINUTE: usize = 10;
    let n = Node::started("Node1");
    for i in 0..ATTEMPTS {
        // Each from an address and with a name of its own: no backoff.
        let name = format!("evil{i}\nforged line\u{202e}");
        let a = n.http_from(loopback(70 + i), Some(&basic(&name, "hunter2-secret")), WHO);
        assert_eq!(a.status, 401, "{a:#?}");
    }
    let failed = |log: &str| {
        log.lines()
            .filter(|l| l.contains("login failed for user"))
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    let lines = wait_for("the failed logins in the log", WAIT, || {
        let lines = failed(&n.log());
        (lines.len() >= LOGGED_PER_MINUTE).then_some(lines)
    });
    assert_eq!(lines.len(), LOGGED_PER_MINUTE, "{lines:#?}");
    assert!(
        lines[0]
            .contains(r"login failed for user 'evil0\u{000a}forged line\u{202e}' from 127.0.0.70"),
        "{lines:#?}"
    );
    let log = n.log();
    assert!(!log.lines().any(|l| l.starts_with("forged line")), "{log}");
    assert!(!log.contains("hunter2-secret"), "a password is in the log");
}
