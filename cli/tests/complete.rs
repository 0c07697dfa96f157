//! Dynamic completion (`COMPLETE=<shell> harper -- ...`) of values that need no
//! daemon: operation names come from the catalogue.

use std::process::Command;

fn complete(words: &[&str]) -> Vec<String> {
    let out = Command::new(env!("CARGO_BIN_EXE_harper"))
        .env("COMPLETE", "fish")
        .arg("--")
        .args(words)
        .output()
        .expect("run harper");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| l.split('\t').next().unwrap_or_default().to_owned())
        .collect()
}

#[test]
fn op_completes_every_catalogue_name_and_alias() {
    assert_eq!(
        complete(&["harper", "op", "cluster_s"]),
        ["cluster_set_routes", "cluster_status"]
    );
    let all: Vec<_> = complete(&["harper", "op", ""])
        .into_iter()
        .filter(|w| !w.starts_with('-'))
        .collect();
    let expected: Vec<_> = harper_rpc::catalogue::names().collect();
    assert_eq!(all, expected);
    assert!(
        all.iter().any(|n| n == "set_node_replication"),
        "aliases too"
    );
}
