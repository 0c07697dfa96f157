//! The `harperd` binary on its own: arguments and refusals before any daemon runs.

use std::process::Command;

fn harperd() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_harperd"));
    c.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default());
    c
}

#[test]
fn version_and_usage() {
    let out = harperd().arg("--version").output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("harperd "));
    let out = harperd().arg("stray").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unexpected argument 'stray'"));
}

#[test]
fn refuses_a_root_that_is_not_installed() {
    let dir = tempfile::tempdir().unwrap();
    let out = harperd().arg("--root").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("is not installed"), "{err}");
    assert!(
        std::fs::read_dir(dir.path()).unwrap().next().is_none(),
        "nothing written"
    );
}

#[test]
fn install_plan_must_be_valid_json() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = harperd()
        .args(["install", "--root"])
        .arg(dir.path())
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(b"{garbage").unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("install plan"));
    assert!(!dir.path().join("harperdb-config.yaml").exists());
}
