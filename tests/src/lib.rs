//! The end-to-end harness: real `harper` and `harperd` processes in temp
//! roots on 127.0.0.1. Every wait polls with a deadline; a failing test prints
//! each node's log.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

pub mod history;
pub mod peer;
pub mod proxy;

/// How long a test waits for something that should happen "at once".
pub const WAIT: Duration = Duration::from_secs(20);
/// Polling period.
pub const POLL: Duration = Duration::from_millis(20);
/// The cluster password every test node shares (cluster user `cluster_user`).
pub const CLUSTER_PASSWORD: &str = "letsCluster123!";

/// A built binary of the workspace: `$<NAME>_BIN`, else beside the test binary's
/// `deps/` folder (cargo builds every bin of the workspace before running tests).
pub fn bin(name: &str) -> PathBuf {
    let var = format!("{}_BIN", name.to_uppercase());
    if let Ok(p) = std::env::var(&var) {
        return PathBuf::from(p);
    }
    let exe = std::env::current_exe().expect("current exe");
    let mut dir = exe.parent().expect("exe dir").to_path_buf();
    if dir.ends_with("deps") {
        dir.pop();
    }
    let path = dir.join(name);
    assert!(
        path.is_file(),
        "{} is not built; run `cargo build --workspace` (or set {var})",
        path.display()
    );
    path
}

/// A port on 127.0.0.1 that was free a moment ago.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("bind 127.0.0.1:0")
}

/// Poll `f` until it returns Some, or panic after `deadline` naming `what`.
pub fn wait_for<T>(what: &str, deadline: Duration, mut f: impl FnMut() -> Option<T>) -> T {
    let end = Instant::now() + deadline;
    loop {
        if let Some(v) = f() {
            return v;
        }
        assert!(
            Instant::now() < end,
            "timed out after {deadline:?} waiting for {what}"
        );
        std::thread::sleep(POLL);
    }
}

/// The result of one `harper` run.
#[derive(Debug)]
pub struct Run {
    /// Exit code (-1 when killed by a signal).
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl Run {
    fn from(o: Output) -> Run {
        Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }

    /// Assert exit 0 and return stdout.
    #[track_caller]
    pub fn ok(&self) -> &str {
        assert_eq!(self.code, 0, "expected success, got {self:#?}");
        &self.stdout
    }

    /// Parse stdout as JSON (after asserting success).
    #[track_caller]
    pub fn json(&self) -> Value {
        serde_json::from_str(self.ok().trim())
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {self:#?}"))
    }
}

/// One installation in a temp root, driven through the real CLI.
pub struct Node {
    dir: tempfile::TempDir,
    /// Its name.
    pub name: String,
    /// Its mesh port.
    pub cluster_port: u16,
    /// Its operations API port.
    pub operations_port: u16,
}

impl Node {
    /// A fresh, not yet installed root (under /tmp: socket paths are limited to 108 bytes).
    pub fn new(name: &str) -> Node {
        let dir = tempfile::Builder::new()
            .prefix("harper-e2e-")
            .tempdir_in("/tmp")
            .expect("tempdir");
        Node {
            dir,
            name: name.to_owned(),
            cluster_port: free_port(),
            operations_port: free_port(),
        }
    }

    /// Install with admin/pw and this node's name and ports.
    pub fn installed(name: &str) -> Node {
        let node = Node::new(name);
        node.harper(&[
            "install",
            "-y",
            "--admin-username",
            "admin",
            "--admin-password",
            "pw",
            "--node-name",
            name,
            "--cluster-port",
            &node.cluster_port.to_string(),
            "--operations-port",
            &node.operations_port.to_string(),
        ])
        .ok();
        node
    }

    /// Installed and started.
    pub fn started(name: &str) -> Node {
        let node = Node::installed(name);
        node.harper(&["start"]).ok();
        node
    }

    /// Installed, started, and clustering enabled with the shared test
    /// credentials (`cluster_user` / [`CLUSTER_PASSWORD`]).
    pub fn clustered(name: &str) -> Node {
        let node = Node::started(name);
        node.enable_clustering(CLUSTER_PASSWORD);
        node
    }

    /// `harper cluster enable` with flags (cluster user `cluster_user`).
    #[track_caller]
    pub fn enable_clustering(&self, password: &str) {
        self.harper(&[
            "cluster",
            "enable",
            "--cluster-user",
            "cluster_user",
            "--cluster-password",
            password,
        ])
        .ok();
    }

    /// `harper route add 127.0.0.1:<other's cluster port>`.
    #[track_caller]
    pub fn route_to(&self, other: &Node) {
        self.harper(&["route", "add", &other.route()]).ok();
    }

    /// This node's mesh address as a route (`127.0.0.1:PORT`).
    pub fn route(&self) -> String {
        format!("127.0.0.1:{}", self.cluster_port)
    }

    /// `harper start`.
    #[track_caller]
    pub fn start(&self) {
        self.harper(&["start"]).ok();
    }

    /// `harper stop`.
    #[track_caller]
    pub fn stop(&self) {
        self.harper(&["stop"]).ok();
    }

    /// Poll `harper ARGS -o json` until `pred` holds, or panic naming `what`
    /// with the last answer.
    #[track_caller]
    pub fn wait_json(&self, what: &str, args: &[&str], pred: impl Fn(&Value) -> bool) -> Value {
        let mut a = args.to_vec();
        a.extend(["-o", "json"]);
        let end = Instant::now() + WAIT;
        loop {
            let run = self.harper(&a);
            let last = match serde_json::from_str::<Value>(run.stdout.trim()) {
                Ok(v) if run.code == 0 => {
                    if pred(&v) {
                        return v;
                    }
                    v.to_string()
                }
                _ => format!("{run:?}"),
            };
            assert!(
                Instant::now() < end,
                "node {}: timed out after {WAIT:?} waiting for {what}; last answer: {last}",
                self.name,
            );
            std::thread::sleep(POLL * 5);
        }
    }

    /// The root folder.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// A `harper` command for this root, with a clean environment.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(bin("harper"));
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.root())
            .env("HARPERD_BIN", bin("harperd"))
            .arg("--root")
            .arg(self.root())
            .args(args)
            .stdin(Stdio::null());
        cmd
    }

    /// Run `harper --root <root> args...`.
    pub fn harper(&self, args: &[&str]) -> Run {
        Run::from(self.command(args).output().expect("run harper"))
    }

    /// Run with `input` on standard input.
    pub fn harper_stdin(&self, args: &[&str], input: &str) -> Run {
        use std::io::Write;
        let mut child = self
            .command(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn harper");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(input.as_bytes())
            .expect("write stdin");
        Run::from(child.wait_with_output().expect("wait harper"))
    }

    /// `harper ... -o json` parsed.
    #[track_caller]
    pub fn json(&self, args: &[&str]) -> Value {
        let mut a = args.to_vec();
        a.extend(["-o", "json"]);
        self.harper(&a).json()
    }

    /// The daemon's pid, from its pid file.
    pub fn pid(&self) -> Option<i32> {
        std::fs::read_to_string(self.root().join("harperd.pid"))
            .ok()?
            .trim()
            .parse()
            .ok()
    }

    /// `kill -9` the daemon and wait until it is gone.
    pub fn kill9(&self) {
        let pid = self.pid().expect("pid file");
        signal(pid, libc::SIGKILL);
        wait_for("the daemon to die", WAIT, || (!alive(pid)).then_some(()));
    }

    /// The config file's bytes.
    pub fn config_bytes(&self) -> Vec<u8> {
        std::fs::read(self.root().join("harperdb-config.yaml")).unwrap_or_default()
    }

    /// The daemon's log.
    pub fn log(&self) -> String {
        let mut s =
            std::fs::read_to_string(self.root().join("log/harperd.log")).unwrap_or_default();
        s.push_str(
            &std::fs::read_to_string(self.root().join("log/harperd.out")).unwrap_or_default(),
        );
        s
    }
}

/// True while the process exists and is not a zombie.
pub fn alive(pid: i32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => stat
            .rsplit_once(')')
            .is_some_and(|(_, rest)| !rest.trim_start().starts_with(['Z', 'X'])),
        Err(_) => false,
    }
}

#[allow(unsafe_code)]
fn signal(pid: i32, sig: i32) {
    // SAFETY: kill(2) has no memory-safety preconditions.
    unsafe {
        libc::kill(pid, sig);
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!(
                "----- log of node {} ({}) -----\n{}",
                self.name,
                self.root().display(),
                self.log()
            );
        }
        if let Some(pid) = self.pid()
            && alive(pid)
        {
            signal(pid, libc::SIGKILL);
            let end = Instant::now() + WAIT;
            while alive(pid) && Instant::now() < end {
                std::thread::sleep(POLL);
            }
        }
    }
}
