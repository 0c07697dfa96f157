//! The committed completions and man pages match what the CLI generates now.
//! Regenerate with `bash scripts/generate` (or `harper completions SHELL`, `harper man --dir man`).

use std::path::Path;

use harper_cli::commands::{SHELLS, completion_file_name, write_completions, write_man_pages};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap()
}

#[test]
fn completions_are_current() {
    for shell in SHELLS {
        let mut now = Vec::new();
        write_completions(shell, &mut now);
        let path = repo().join("completions").join(completion_file_name(shell));
        let committed = std::fs::read(&path).unwrap_or_default();
        assert!(
            committed == now,
            "{} is out of date: run `bash scripts/generate` and commit",
            path.display()
        );
    }
}

#[test]
fn man_pages_are_current() {
    let dir = tempfile::tempdir().unwrap();
    write_man_pages(dir.path()).unwrap();
    let mut generated: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    generated.sort();
    let mut committed: Vec<_> = std::fs::read_dir(repo().join("man"))
        .map(|d| d.map(|e| e.unwrap().file_name()).collect())
        .unwrap_or_default();
    committed.sort();
    assert_eq!(
        generated, committed,
        "man/ has other pages: run `bash scripts/generate`"
    );
    for name in generated {
        let now = std::fs::read(dir.path().join(&name)).unwrap();
        let old = std::fs::read(repo().join("man").join(&name)).unwrap();
        assert!(
            now == old,
            "man/{} is out of date: run `bash scripts/generate`",
            name.to_string_lossy()
        );
    }
}

#[test]
fn harper_binary_prints_the_same_completions() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_harper"))
        .args(["completions", "bash"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let mut now = Vec::new();
    write_completions(clap_complete::Shell::Bash, &mut now);
    assert_eq!(out.stdout, now);
}
