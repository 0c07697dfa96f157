//! Lifecycle: start (detached, returns once the daemon answers), stop (waits
//! until the process is gone), restart, renew-certs (status and version are
//! in `status.rs`).

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use harper_rpc::ops::{ClusterMeshStatus, ClusteringState, MeshStatusResponse, RenewCerts};
use harper_rpc::process::harperd_alive;
use serde_json::json;

use crate::Global;
use crate::client::Client;
use crate::error::{CliError, CliResult};
use crate::output;

/// How long `start` waits for the daemon to answer.
const START_DEADLINE: Duration = Duration::from_secs(30);
/// How long `stop` waits for the process to exit.
const STOP_DEADLINE: Duration = Duration::from_secs(60);
/// Polling period while waiting.
const POLL_INTERVAL: Duration = Duration::from_millis(10);
/// Paths `start` names when it cannot make them owner-only (the rest are counted).
const MAX_TIGHTEN_FAILURES_SHOWN: usize = 5;

#[derive(Debug, clap::Args)]
pub struct StartArgs {
    /// Run in the foreground, logging to stderr (for containers and service managers)
    #[arg(long)]
    foreground: bool,
}

/// The `harperd` binary: `$HARPERD_BIN`, else beside this executable, else on `$PATH`.
pub fn harperd_path() -> CliResult<PathBuf> {
    if let Ok(p) = std::env::var("HARPERD_BIN")
        && !p.is_empty()
    {
        return Ok(PathBuf::from(p));
    }
    if let Ok(exe) = std::env::current_exe()
        && let Some(dir) = exe.parent()
    {
        let candidate = dir.join("harperd");
        if candidate.is_file() {
            return Ok(candidate);
        }
    }
    if let Some(paths) = std::env::var_os("PATH") {
        for dir in std::env::split_paths(&paths) {
            let candidate = dir.join("harperd");
            if candidate.is_file() {
                return Ok(candidate);
            }
        }
    }
    Err(
        CliError::failed("cannot find the harperd program beside harper or on PATH")
            .with_hint("cargo build --release (it builds both), or set HARPERD_BIN"),
    )
}

pub(super) fn read_pid(root: &Path) -> Option<i32> {
    std::fs::read_to_string(root.join(harper_rpc::PID_FILE))
        .ok()?
        .trim()
        .parse()
        .ok()
}

#[allow(unsafe_code)]
fn signal(pid: i32, sig: i32) -> bool {
    // SAFETY: kill(2) has no memory-safety preconditions.
    unsafe { libc::kill(pid, sig) == 0 }
}

fn spinner(message: &str) -> indicatif::ProgressBar {
    let pb = indicatif::ProgressBar::new_spinner();
    pb.set_message(message.to_owned());
    pb.enable_steady_tick(Duration::from_millis(80));
    pb
}

fn require_installed(root: &Path) -> CliResult {
    if root.join(harper_rpc::CONFIG_FILE).exists() {
        Ok(())
    } else {
        Err(
            CliError::failed(format!("harper is not installed in {}", root.display()))
                .with_hint(format!("harper --root {} install", root.display())),
        )
    }
}

/// Make `root` owner-only again (a root made readable by hand, or by a
/// version that did not set the umask), saying so once on stderr.
fn tighten_root(root: &Path) {
    let t = harper_rpc::files::tighten_tree(root);
    if !t.changed.is_empty() {
        eprintln!(
            "note: {} was readable by other users; removed the group and other permissions of {} paths \
             (directories 0700, files 0600)",
            root.display(),
            t.changed.len()
        );
    }
    if !t.foreign.is_empty() {
        eprintln!(
            "warning: {} paths under {} belong to another user and were left as they are (first: {})",
            t.foreign.len(),
            root.display(),
            t.foreign[0].display()
        );
    }
    for (path, why) in t.failed.iter().take(MAX_TIGHTEN_FAILURES_SHOWN) {
        eprintln!("warning: cannot make {} owner-only: {why}", path.display());
    }
    if t.failed.len() > MAX_TIGHTEN_FAILURES_SHOWN {
        eprintln!(
            "warning: and {} more paths",
            t.failed.len() - MAX_TIGHTEN_FAILURES_SHOWN
        );
    }
}

pub async fn start(g: &Global, a: StartArgs) -> CliResult {
    let root = g.root();
    require_installed(&root)?;
    // Everything this creates under the root (log/harperd.out) is owner-only.
    harper_rpc::files::restrict_umask();
    tighten_root(&root);
    if let Ok(client) = Client::connect(&root).await {
        let h = client.hello();
        return report_started(g, &root, h.pid, true);
    }
    let harperd = harperd_path()?;
    if a.foreground {
        let status = std::process::Command::new(&harperd)
            .arg("--root")
            .arg(&root)
            .arg("--foreground")
            .status()
            .map_err(|e| CliError::failed(format!("cannot run {}: {e}", harperd.display())))?;
        return if status.success() {
            Ok(())
        } else {
            Err(CliError::failed(format!("harperd exited with {status}")))
        };
    }
    let log_dir = root.join("log");
    std::fs::create_dir_all(&log_dir)?;
    let out_path = log_dir.join("harperd.out");
    let out = std::fs::File::create(&out_path)?;
    let mut child = {
        use std::os::unix::process::CommandExt;
        std::process::Command::new(&harperd)
            .arg("--root")
            .arg(&root)
            .stdin(Stdio::null())
            .stdout(out.try_clone()?)
            .stderr(out)
            // Its own process group: a Ctrl-C in this terminal must not stop the daemon.
            .process_group(0)
            .spawn()
            .map_err(|e| CliError::failed(format!("cannot run {}: {e}", harperd.display())))?
    };
    let pb = spinner("starting harperd");
    let deadline = Instant::now() + START_DEADLINE;
    let result = loop {
        if let Ok(Some(status)) = child.try_wait() {
            let said = std::fs::read_to_string(&out_path).unwrap_or_default();
            let said = said.trim().trim_start_matches("error: ");
            break Err(CliError::failed(if said.is_empty() {
                format!("harperd exited at start ({status})")
            } else {
                said.to_owned()
            }));
        }
        if let Ok(client) = Client::connect(&root).await {
            break Ok(client);
        }
        if Instant::now() > deadline {
            break Err(CliError::failed(format!(
                "harperd did not answer within {}s; see {}",
                START_DEADLINE.as_secs(),
                out_path.display()
            )));
        }
        tokio::time::sleep(POLL_INTERVAL).await;
    };
    pb.finish_and_clear();
    let client = result?;
    let pid = client.hello().pid;
    // The daemon sets up clustering before it answers: a failure is known
    // now. A start that fails leaves nothing running, as a refused config
    // file does (a script reads exit 1 as "not running").
    if let Some(why) = clustering_failure(&client).await {
        drop(client);
        stop_daemon(&root).await?;
        return Err(CliError::failed(format!(
            "clustering cannot start: {why}; harperd stopped again (fix {} and start it again)",
            root.join(harper_rpc::CONFIG_FILE).display()
        )));
    }
    report_started(g, &root, pid, false)
}

/// Why the daemon's clustering failed to start, if it did (state `failed` of
/// `cluster_mesh_status`).
async fn clustering_failure(client: &Client) -> Option<String> {
    let mesh = mesh_state(client).await?;
    (mesh.state == ClusteringState::Failed).then(|| {
        harper_rpc::text::printable(mesh.error.as_deref().unwrap_or("see the log")).into_owned()
    })
}

/// `cluster_mesh_status` of the daemon, or None when it cannot say.
async fn mesh_state(client: &Client) -> Option<MeshStatusResponse> {
    client.call(&ClusterMeshStatus {}).await.ok()
}

fn report_started(g: &Global, root: &Path, pid: u32, already: bool) -> CliResult {
    let value = json!({"status": "running", "pid": pid, "already_running": already});
    if !output::machine(g.output, &value)? {
        if already {
            output::out(&format!(
                "harperd is already running in {} (pid {pid})",
                root.display()
            ))?;
        } else {
            output::out(&format!(
                "harperd started in {} (pid {pid})",
                root.display()
            ))?;
        }
    }
    Ok(())
}

/// Stop the daemon; Ok(false) when it was not running.
async fn stop_daemon(root: &Path) -> CliResult<bool> {
    let Some(pid) = read_pid(root).filter(|p| harperd_alive(*p)) else {
        return Ok(false);
    };
    if !signal(pid, libc::SIGTERM) {
        return Ok(false);
    }
    let pb = spinner("stopping harperd");
    let deadline = Instant::now() + STOP_DEADLINE;
    while harperd_alive(pid) {
        if Instant::now() > deadline {
            pb.finish_and_clear();
            return Err(CliError::failed(format!(
                "harperd (pid {pid}) did not stop within {}s",
                STOP_DEADLINE.as_secs()
            ))
            .with_hint(format!("kill -9 {pid}")));
        }
        tokio::time::sleep(POLL_INTERVAL).await;
    }
    pb.finish_and_clear();
    Ok(true)
}

pub async fn stop(g: &Global) -> CliResult {
    let root = g.root();
    let stopped = stop_daemon(&root).await?;
    let value = json!({"status": "stopped", "was_running": stopped});
    if !output::machine(g.output, &value)? {
        output::out(if stopped {
            "harperd stopped"
        } else {
            "harperd was not running"
        })?;
    }
    Ok(())
}

pub async fn restart(g: &Global) -> CliResult {
    stop_daemon(&g.root()).await?;
    start(g, StartArgs { foreground: false }).await
}

pub async fn renew_certs(g: &Global) -> CliResult {
    let root = g.root();
    require_installed(&root)?;
    // A running daemon renews them itself and restarts its mesh with them.
    if let Ok(client) = Client::connect(&root).await {
        let answer = client.call_raw(&RenewCerts {}).await?;
        return output::print(g.output, &answer.raw);
    }
    let harperd = harperd_path()?;
    let out = std::process::Command::new(&harperd)
        .arg("renew-certs")
        .arg("--root")
        .arg(&root)
        .output()
        .map_err(|e| CliError::failed(format!("cannot run {}: {e}", harperd.display())))?;
    if !out.status.success() {
        return Err(CliError::failed(
            String::from_utf8_lossy(&out.stderr)
                .trim()
                .trim_start_matches("error: ")
                .to_owned(),
        ));
    }
    let value = json!({"message": "Successfully renewed self-signed certificates"});
    output::print(g.output, &value)
}
