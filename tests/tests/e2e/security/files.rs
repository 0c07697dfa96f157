//! Files, logs and terminals: owner-only permissions, escaped foreign text, rate-limited and rotated logs, password warnings, and certificate pinning that survives a renewal.

use std::io::Write as _;
use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};
use std::path::{Path, PathBuf};
use std::time::Duration;

use harper_rpc::text::is_unsafe_char;
use harper_tests::peer;
use harper_tests::{Node, WAIT, wait_for};

use crate::http::remote::SECRET;
use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject as _;

/// Garbage connections of the flood test: the issue's figure.
const FLOOD_CONNECTIONS: usize = 3000;
/// How much the log may grow for them (they cost 636 KB before the limit:
/// about 210 bytes each).
const MAX_FLOOD_LOG_BYTES: u64 = 64 * 1024;
/// How long the daemon may take to write a summary line: its period (10 s)
/// and the usual wait.
const SUMMARY_WAIT: Duration = Duration::from_secs(10 + 20);

/// Characters that must never reach a terminal, other than line ends.
fn unsafe_chars(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| *c != '\n' && is_unsafe_char(*c))
        .collect()
}

/// A node name that is an attack on the log and on the terminal, sent in a
/// protocol-1 hello (the one place a peer's own words are logged before it
/// has proven the password: the refusal names what it called itself).
const HOSTILE: &str =
    "mallory\n2030-01-01T00:00:00Z ERROR FORGED-LINE\u{1b}]0;owned\u{7}\u{202e}FORGED-NODE";

/// A record value that is an attack on the terminal of whoever reads it.
const HOSTILE_VALUE: &str = "x\u{1b}[2J\u{1b}]0;owned\u{7}\u{202e}y\u{200b}z";

#[test]
fn peer_text_is_escaped_in_the_log_and_in_cluster_status() {
    let b = Node::clustered("beta");
    let rt = peer::runtime();
    rt.block_on(async {
        let mut c = peer::tls(b.cluster_port, peer::node_tls(&b)).await.unwrap();
        c.write(&peer::v1_hello(HOSTILE)).await.unwrap();
        let _ = c.until_closed(WAIT).await;
    });
    let log = wait_for("the refusal in the log", WAIT, || {
        let log = b.log();
        log.contains("FORGED-LINE").then_some(log)
    });
    assert!(
        unsafe_chars(&log).is_empty(),
        "raw control characters in the log:\n{log}"
    );
    assert!(
        !log.lines().any(|l| l.starts_with("2030-01-01")),
        "a peer forged a log line:\n{log}"
    );
    assert!(log.contains("mallory\\u{000a}2030-01-01"), "{log}");

    // The same text on the operator's terminal, in every format.
    let status = wait_for("the refusal in cluster status", WAIT, || {
        let run = b.harper(&["cluster", "status"]);
        run.stdout.contains("FORGED-NODE").then_some(run)
    });
    let out = status.ok();
    assert!(
        unsafe_chars(out).is_empty(),
        "raw control characters:\n{out}"
    );
    assert!(!out.lines().any(|l| l.starts_with("2030-01-01")), "{out}");
    for format in ["json", "yaml"] {
        let run = b.harper(&["cluster", "status", "-o", format]);
        let text = run.ok();
        assert!(unsafe_chars(text).is_empty(), "-o {format}:\n{text}");
        let mesh = b.harper(&["op", "cluster_mesh_status", "-o", format]);
        let text = mesh.ok();
        assert!(unsafe_chars(text).is_empty(), "-o {format}:\n{text}");
        assert!(text.contains("FORGED-NODE"), "-o {format}:\n{text}");
    }

    // Client text stored in a record: escaped in the table form, the exact
    // value in machine output.
    b.harper(&["table", "create", "dev.t"]).ok();
    let record = serde_json::json!({"id": 1, "name": HOSTILE_VALUE});
    b.harper(&["insert", "dev.t", &record.to_string()]).ok();
    let table = b.harper(&["get", "dev.t", "1"]);
    let out = table.ok();
    assert!(unsafe_chars(out).is_empty(), "raw characters: {out:?}");
    assert!(out.contains("\\u{001b}[2J"), "{out}");
    for format in ["json", "yaml"] {
        let run = b.harper(&["get", "dev.t", "1", "-o", format]);
        let text = run.ok();
        assert!(unsafe_chars(text).is_empty(), "-o {format}:\n{text}");
    }
    assert_eq!(b.json(&["get", "dev.t", "1"])[0]["name"], HOSTILE_VALUE);
}

/// `n`'s log file and its size.
fn log_size(n: &Node) -> u64 {
    std::fs::metadata(n.root().join("log/harperd.log"))
        .map(|m| m.len())
        .unwrap_or(0)
}

/// Connect to `port` `count` times, each time sending a few bytes that are not TLS.
fn garbage_connections(port: u16, count: usize) {
    for _ in 0..count {
        if let Ok(mut s) = std::net::TcpStream::connect(("127.0.0.1", port)) {
            let _ = s.write_all(b"GET / HTTP/1.0\r\n\r\n");
        }
    }
}

/// The numbers of the summary lines in `text`.
fn suppressed(text: &str) -> Vec<u64> {
    text.lines()
        .filter_map(|l| l.split_once(" similar lines suppressed"))
        .filter_map(|(head, _)| head.rsplit(' ').next()?.parse().ok())
        .collect()
}

#[test]
fn a_flood_of_bad_connections_costs_a_bounded_log_and_one_summary_line() {
    let b = Node::clustered("beta");
    let before = std::fs::read_to_string(b.root().join("log/harperd.log")).unwrap();
    let size_before = before.len() as u64;
    garbage_connections(b.cluster_port, FLOOD_CONNECTIONS);
    // The repeated lines (refusals, and the mesh's throttling of one address,
    // which holds most of the flood back or closes it before TLS) are cut
    // short and summed up in a summary line.
    let (added, dropped) = wait_for("the summary of the suppressed lines", SUMMARY_WAIT, || {
        let log = std::fs::read_to_string(b.root().join("log/harperd.log")).unwrap();
        let added = log[before.len()..].to_owned();
        let dropped: u64 = suppressed(&added).iter().sum();
        (dropped > 0).then_some((added, dropped))
    });
    let growth = log_size(&b) - size_before;
    assert!(
        growth <= MAX_FLOOD_LOG_BYTES,
        "{FLOOD_CONNECTIONS} bad connections grew the log by {growth} bytes:\n{added}"
    );
    assert!(dropped <= FLOOD_CONNECTIONS as u64, "{added}");
    assert!(
        added.contains("similar lines suppressed in the last 10 s"),
        "{added}"
    );
    // The daemon is still fine.
    b.harper(&["status"]).ok();
}

#[test]
fn the_log_rotates_by_size_and_keeps_a_bounded_number_of_files() {
    let b = Node::installed_with(
        "beta",
        &[
            "--LOGGING_ROTATION_MAXSIZE",
            "1K",
            "--LOGGING_ROTATION_MAXFILES",
            "2",
        ],
    );
    b.start();
    b.enable_clustering(harper_tests::CLUSTER_PASSWORD);
    garbage_connections(b.cluster_port, 300);
    let log_dir = b.root().join("log");
    let logs = || -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(&log_dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("harperd.log"))
            .collect();
        names.sort();
        names
    };
    wait_for("two rotations", WAIT, || {
        logs().contains(&"harperd.log.2".to_owned()).then_some(())
    });
    garbage_connections(b.cluster_port, 300);
    wait_for("the summary line", SUMMARY_WAIT, || {
        b.log().contains("similar lines suppressed").then_some(())
    });
    assert_eq!(logs(), ["harperd.log", "harperd.log.1", "harperd.log.2"]);
    for name in logs() {
        let size = std::fs::metadata(log_dir.join(&name)).unwrap().len();
        // Rotated after the line that passed 1K: at most one line more.
        assert!(size < 2048, "{name} is {size} bytes");
    }

    // A bad value is refused at install with the key and the reason.
    let bad = Node::new("gamma");
    let run = bad.install_run(&["--LOGGING_ROTATION_MAXSIZE", "10T"]);
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(
        run.stderr
            .contains("'logging.rotation.maxSize' must be a size such as 512K, 10M or 1G"),
        "{run:#?}"
    );
    assert!(!bad.root().join("harperdb-config.yaml").exists());
}

/// Every path under `root` (not following links) with group or other bits.
fn readable_by_others(root: &Path) -> Vec<(PathBuf, u32)> {
    let mut out = Vec::new();
    let mut todo = vec![root.to_owned()];
    while let Some(p) = todo.pop() {
        let meta = std::fs::symlink_metadata(&p).unwrap();
        if meta.mode() & 0o077 != 0 && !meta.file_type().is_symlink() {
            out.push((p.clone(), meta.mode() & 0o777));
        }
        if meta.is_dir() {
            for e in std::fs::read_dir(&p).unwrap() {
                todo.push(e.unwrap().path());
            }
        }
    }
    out.sort();
    out
}

fn make_readable_by_all(root: &Path) {
    let mut todo = vec![root.to_owned()];
    while let Some(p) = todo.pop() {
        let meta = std::fs::symlink_metadata(&p).unwrap();
        let mode = if meta.is_dir() { 0o755 } else { 0o644 };
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(mode)).unwrap();
        if meta.is_dir() {
            for e in std::fs::read_dir(&p).unwrap() {
                todo.push(e.unwrap().path());
            }
        }
    }
}

#[test]
fn everything_under_the_root_is_owner_only_and_start_tightens_a_readable_root() {
    let a = Node::clustered("alpha");
    assert_eq!(readable_by_others(a.root()), [], "after install and start");
    a.harper(&["table", "create", "dev.dog"]).ok();
    a.harper(&["insert", "dev.dog", r#"{"id":1,"name":"Penny"}"#])
        .ok();
    a.harper(&["op", "set_configuration", "logging_level=info"])
        .ok();
    a.harper(&["renew-certs"]).ok();
    a.harper(&["restart"]).ok();
    assert_eq!(readable_by_others(a.root()), [], "after writes");

    a.stop();
    make_readable_by_all(a.root());
    assert!(!readable_by_others(a.root()).is_empty());
    let run = a.harper(&["start"]);
    run.ok();
    assert!(
        run.stderr.contains(&format!(
            "note: {} was readable by other users; removed the group and other permissions",
            a.root().display()
        )),
        "{run:#?}"
    );
    assert_eq!(readable_by_others(a.root()), [], "after start");
    a.harper(&["get", "dev.dog", "1"]).ok();
    // Said once: nothing to say the next time.
    a.stop();
    let run = a.harper(&["start"]);
    assert!(
        !run.ok().is_empty() && !run.stderr.contains("note:"),
        "{run:#?}"
    );
}

#[test]
fn password_flags_warn_on_stderr_and_leave_stdout_alone() {
    let a = Node::new("alpha");
    let run = a.install_run(&["-o", "json"]);
    let report = run.json();
    assert_eq!(report["node_name"], "alpha");
    assert!(
        run.stderr.contains(
            "warning: the password given with --admin-password is visible to other users in the process list"
        ) && run.stderr.contains("--admin-password-stdin")
            && run.stderr.contains("HDB_ADMIN_PASSWORD"),
        "{run:#?}"
    );
    a.start();

    let run = a.harper(&[
        "cluster",
        "enable",
        "--cluster-user",
        "cluster_user",
        "--cluster-password",
        harper_tests::CLUSTER_PASSWORD,
        "-o",
        "json",
    ]);
    run.json();
    assert!(
        run.stderr
            .contains("warning: the password given with --cluster-password is visible")
            && run.stderr.contains("--cluster-password-stdin")
            && run.stderr.contains("CLUSTERING_PASSWORD"),
        "{run:#?}"
    );
    // The ways that do not expose it say nothing.
    let run = a.harper_stdin(
        &[
            "cluster",
            "enable",
            "--cluster-password-stdin",
            "-o",
            "json",
        ],
        harper_tests::CLUSTER_PASSWORD,
    );
    run.json();
    assert!(!run.stderr.contains("warning"), "{run:#?}");
    let out = a
        .command(&["cluster", "enable", "-o", "json"])
        .env("CLUSTERING_PASSWORD", harper_tests::CLUSTER_PASSWORD)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:#?}");
    assert!(out.stderr.is_empty(), "{out:#?}");

    let run = a.harper(&["user", "passwd", "admin", "--password", "New-Secret-1"]);
    run.ok();
    assert!(
        run.stderr
            .contains("warning: the password given with --password is visible")
            && run.stderr.contains("--password-stdin"),
        "{run:#?}"
    );
}

fn fingerprint(pem_file: &Path) -> String {
    let der = CertificateDer::from_pem_file(pem_file).unwrap();
    harper_daemon::pki::certificate_fingerprint(&der)
}

#[test]
fn remote_administrators_keep_working_across_a_certificate_renewal() {
    let a = crate::http::remote::remote_node();
    let b = Node::installed("NodeB");
    let target = format!("127.0.0.1:{}", a.operations_port);
    let known = b.root().join(".harper/known_targets");
    let remote = || b.harper_target(&a, "ops", SECRET, &["route", "list", "-o", "json"]);

    let first = remote();
    assert_eq!(first.ok().trim(), r#"{"hub":[],"leaf":[]}"#);
    assert!(first.stderr.contains("on first use"), "{first:#?}");

    // The node renews its certificate (same CA); the operations API takes
    // the new files on its next handshake, no restart needed.
    let old = fingerprint(&a.keys().join("certificate.pem"));
    a.harper(&["renew-certs"]).ok();
    assert_ne!(fingerprint(&a.keys().join("certificate.pem")), old);
    let after = remote();
    assert_eq!(after.ok().trim(), r#"{"hub":[],"leaf":[]}"#);
    assert!(
        !after.stderr.contains("intercept") && !after.stderr.contains("note:"),
        "{after:#?}"
    );
    // What was pinned: the CA.
    let ca = fingerprint(&a.keys().join("ca.pem"));
    assert_eq!(
        std::fs::read_to_string(&known).unwrap(),
        format!("{target} ca {ca}\n")
    );

    // A pin of the certificate, as older versions wrote: still verified,
    // and moved to the CA the next time.
    let leaf = fingerprint(&a.keys().join("certificate.pem"));
    std::fs::write(&known, format!("{target} {leaf}\n")).unwrap();
    let run = remote();
    run.ok();
    assert!(run.stderr.contains("is now trusted by the CA"), "{run:#?}");
    assert_eq!(
        std::fs::read_to_string(&known).unwrap(),
        format!("{target} ca {ca}\n")
    );
    a.harper(&["renew-certs"]).ok();
    remote().ok();

    // Another CA (another install answering at that address) is refused
    // before the password is sent.
    let other_ca = fingerprint(&b.keys().join("ca.pem"));
    let pinned_other = format!("{target} ca {other_ca}\n");
    std::fs::write(&known, &pinned_other).unwrap();
    let run = remote();
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(
        run.stderr
            .contains("is not one signed by the CA trusted before")
            && run
                .stderr
                .contains("someone may be intercepting the connection"),
        "{run:#?}"
    );
    assert_eq!(std::fs::read_to_string(&known).unwrap(), pinned_other);
}
