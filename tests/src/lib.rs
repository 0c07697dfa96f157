//! The end-to-end harness: real `harper` and `harperd` processes in temp
//! roots on 127.0.0.1. Every wait polls with a deadline; a failing test prints
//! each node's log.

pub mod bench;
pub mod bench_mesh;
pub mod browser;
pub mod http;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

pub mod history;
pub mod live;
pub mod peer;
pub mod proxy;
pub mod pty;
pub mod publisher;
pub mod scrape;
pub mod tmpfs;

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

/// Where test processes reserve ports (one lock file per port).
const PORT_LOCKS: &str = "/tmp/harper-test-ports";
/// Test ports come from here: below the kernel's ephemeral range (32768+),
/// so no outgoing connection can take one between reservation and bind.
const TEST_PORTS: std::ops::Range<u16> = 20000..32000;

/// A port for a daemon to bind: free when checked, outside the ephemeral
/// range, and reserved for this process until it exits (an `flock` on a file
/// per port), so tests running in parallel processes never pick the same one.
pub fn free_port() -> u16 {
    use std::os::fd::AsRawFd;
    static HELD: std::sync::Mutex<Vec<std::fs::File>> = std::sync::Mutex::new(Vec::new());
    std::fs::create_dir_all(PORT_LOCKS).expect("port lock folder");
    let span = u64::from(TEST_PORTS.end - TEST_PORTS.start);
    let seed = u64::from(std::process::id()).wrapping_mul(2654435761)
        ^ std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos() as u64)
            .unwrap_or(0);
    for i in 0..span {
        let port = TEST_PORTS.start + ((seed + i * 7919) % span) as u16;
        let Ok(file) = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(format!("{PORT_LOCKS}/{port}"))
        else {
            continue;
        };
        if !try_lock(file.as_raw_fd()) {
            continue;
        }
        let free = ["127.0.0.1", "0.0.0.0"]
            .iter()
            .all(|h| std::net::TcpListener::bind((*h, port)).is_ok());
        if free {
            HELD.lock().expect("ports").push(file);
            return port;
        }
    }
    panic!("no free port in {TEST_PORTS:?}")
}

#[allow(unsafe_code)]
fn try_lock(fd: std::os::fd::RawFd) -> bool {
    // SAFETY: flock(2) on a descriptor we own; no memory is involved.
    unsafe { libc::flock(fd, libc::LOCK_EX | libc::LOCK_NB) == 0 }
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
        Node::new_in(Path::new("/tmp"), name)
    }

    /// A fresh, not yet installed root inside `parent` (a tmpfs, say).
    pub fn new_in(parent: &Path, name: &str) -> Node {
        let dir = tempfile::Builder::new()
            .prefix("harper-e2e-")
            .tempdir_in(parent)
            .expect("tempdir");
        Node {
            dir,
            name: name.to_owned(),
            cluster_port: free_port(),
            operations_port: free_port(),
        }
    }

    /// Installed and started with its root inside `parent`.
    pub fn started_in(parent: &Path, name: &str) -> Node {
        let node = Node::new_in(parent, name);
        node.install(&[]);
        node.start();
        node
    }

    /// [`Node::started_in`] with clustering enabled (see [`Node::clustered`]).
    pub fn clustered_in(parent: &Path, name: &str) -> Node {
        let node = Node::started_in(parent, name);
        node.enable_clustering(CLUSTER_PASSWORD);
        node
    }

    /// Install with admin/pw and this node's name and ports.
    pub fn installed(name: &str) -> Node {
        Node::installed_with(name, &[])
    }

    /// Installed with extra `install` arguments (`--STORAGE_FSYNC true`, ...).
    pub fn installed_with(name: &str, extra: &[&str]) -> Node {
        let node = Node::new(name);
        node.install(extra);
        node
    }

    /// `harper install` in this node's root with admin/pw, its name and
    /// ports, and `extra` arguments; it must succeed.
    pub fn install(&self, extra: &[&str]) {
        self.install_run(extra).ok();
    }

    /// [`Node::install`] that may fail: what `harper install` did.
    pub fn install_run(&self, extra: &[&str]) -> Run {
        let (cp, op) = (
            self.cluster_port.to_string(),
            self.operations_port.to_string(),
        );
        let mut args = vec![
            "install",
            "-y",
            "--admin-username",
            "admin",
            "--admin-password",
            "pw",
            "--node-name",
            &self.name,
            "--cluster-port",
            &cp,
            "--operations-port",
            &op,
        ];
        args.extend_from_slice(extra);
        self.harper(&args)
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

/// True while the daemon with this pid runs (a recycled pid is not it).
pub fn alive(pid: i32) -> bool {
    harper_rpc::process::harperd_alive(pid)
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

// Mesh helpers (the mesh suite, tests/tests/e2e/mesh.rs), kept together.
impl Node {
    /// Two clustered nodes, the second routed to the first through a
    /// fault-injecting proxy, the link up.
    pub fn linked_through_proxy(first: &str, second: &str) -> (Node, Node, proxy::Proxy) {
        let [a, b]: [Node; 2] = Node::clustered_many(&[first, second])
            .try_into()
            .ok()
            .expect("two nodes");
        let proxy = proxy::Proxy::to_port(a.cluster_port);
        b.harper(&["route", "add", &proxy.route(), "--wait"]).ok();
        (a, b, proxy)
    }

    /// Several nodes installed, started and clustered at once (in parallel:
    /// installs hash passwords and starts wait for the daemon).
    pub fn clustered_many(names: &[&str]) -> Vec<Node> {
        std::thread::scope(|s| {
            let handles: Vec<_> = names
                .iter()
                .map(|n| s.spawn(move || Node::clustered(n)))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("a node failed to start"))
                .collect()
        })
    }

    /// `harper op cluster_mesh_status -o json`: every link, route and refusal.
    #[track_caller]
    pub fn mesh_status(&self) -> Value {
        self.json(&["op", "cluster_mesh_status"])
    }

    /// Poll `cluster_mesh_status` until `pred` holds.
    #[track_caller]
    pub fn wait_mesh(&self, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
        self.wait_json(what, &["op", "cluster_mesh_status"], pred)
    }

    /// Wait for a line of the daemon's log that contains every one of `parts`.
    #[track_caller]
    pub fn wait_log(&self, parts: &[&str]) -> String {
        wait_for(
            &format!("a log line on {} with {parts:?}", self.name),
            WAIT,
            || {
                self.log()
                    .lines()
                    .find(|l| parts.iter().all(|p| l.contains(p)))
                    .map(str::to_owned)
            },
        )
    }

    /// Poll `harper cluster network -o json` until it lists exactly `names`
    /// (in any order); returns the answer.
    #[track_caller]
    pub fn wait_network(&self, names: &[&str]) -> Value {
        let mut want: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        want.sort();
        self.wait_json(
            &format!("cluster network to list {want:?}"),
            &["cluster", "network"],
            |v| network_names(v) == want,
        )
    }

    /// Wait until `cluster network` lists exactly `names` and shows `node`'s
    /// `connected_nodes` as `connected`.
    #[track_caller]
    pub fn wait_links(&self, node: &str, names: &[&str], connected: Value) -> Value {
        let mut want: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        want.sort();
        self.wait_json(
            &format!("cluster network to list {want:?} with {node} linked to {connected}"),
            &["cluster", "network"],
            |v| {
                network_names(v) == want
                    && network_entry(v, node).is_some_and(|e| e["connected_nodes"] == connected)
            },
        )
    }
}

/// The node names a `cluster_network` answer lists, sorted.
pub fn network_names(v: &Value) -> Vec<String> {
    let mut names: Vec<String> = v["nodes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|n| n["name"].as_str().map(str::to_owned))
        .collect();
    names.sort();
    names
}

/// The entry for `name` in a `cluster_network` answer.
pub fn network_entry<'a>(v: &'a Value, name: &str) -> Option<&'a Value> {
    v["nodes"]
        .as_array()?
        .iter()
        .find(|n| n["name"].as_str() == Some(name))
}

impl Node {
    /// Freeze the daemon (SIGSTOP): its sockets stay open but it answers
    /// nothing, so only heartbeats can tell it is gone.
    pub fn freeze(&self) {
        signal(self.pid().expect("pid file"), libc::SIGSTOP);
    }

    /// Let a frozen daemon run again (SIGCONT).
    pub fn thaw(&self) {
        signal(self.pid().expect("pid file"), libc::SIGCONT);
    }

    /// Its `keys/` folder (CA, node certificate and key).
    pub fn keys(&self) -> PathBuf {
        self.root().join("keys")
    }
}

/// Open a TLS 1.3 connection to `port` on 127.0.0.1 without a client
/// certificate (`openssl s_client`), and return what the client saw. With
/// `until_closed` the client keeps reading until the server closes, so a
/// refusal alert is seen; without it, the client closes as soon as the TLS
/// handshake is done.
pub fn tls_client_without_certificate(port: u16, until_closed: bool) -> Run {
    let mut cmd = Command::new("openssl");
    cmd.args([
        "s_client",
        "-connect",
        &format!("127.0.0.1:{port}"),
        "-tls1_3",
    ]);
    if until_closed {
        cmd.arg("-ign_eof");
    }
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run openssl s_client (the mesh TLS tests need the openssl program)");
    let end = Instant::now() + WAIT;
    while child.try_wait().expect("wait openssl").is_none() {
        if Instant::now() > end {
            let _ = child.kill();
            break;
        }
        std::thread::sleep(POLL);
    }
    Run::from(child.wait_with_output().expect("openssl output"))
}
