//! `harperd`: the harper daemon.
//!
//! ```text
//! harperd [--root DIR] [--foreground] [--KEY value ...]   run the daemon
//! harperd install [--root DIR]        create a root from a JSON plan on stdin
//! harperd renew-certs [--root DIR]    regenerate the node certificate
//! harperd --version
//! ```
//! `--KEY value` are HarperDB's flattened config names (`--CLUSTERING_NODENAME Node1`).

use std::path::PathBuf;
use std::process::ExitCode;

use harper_daemon::run;

const USAGE: &str =
    "usage: harperd [install|renew-certs] [--root DIR] [--foreground] [--KEY value ...]";

struct Args {
    mode: String,
    root: PathBuf,
    foreground: bool,
    settings: Vec<(String, String)>,
}

fn default_root() -> PathBuf {
    for var in ["HARPER_ROOT", "ROOTPATH"] {
        if let Ok(v) = std::env::var(var)
            && !v.is_empty()
        {
            return PathBuf::from(v);
        }
    }
    let home = std::env::var("HOME").unwrap_or_else(|_| ".".into());
    PathBuf::from(home).join("hdb")
}

fn parse(argv: Vec<String>) -> Result<Args, String> {
    let mut args = Args {
        mode: "run".into(),
        root: default_root(),
        foreground: false,
        settings: Vec::new(),
    };
    let mut it = argv.into_iter().peekable();
    if let Some(first) = it.peek()
        && (first == "install" || first == "renew-certs" || first == "run")
    {
        args.mode = it.next().unwrap_or_default();
    }
    while let Some(a) = it.next() {
        match a.as_str() {
            "--root" => args.root = it.next().ok_or("--root needs a folder")?.into(),
            "--foreground" => args.foreground = true,
            "--version" | "-V" => args.mode = "version".into(),
            "--help" | "-h" => args.mode = "help".into(),
            flag if flag.starts_with("--") && flag.len() > 2 => {
                // HarperDB (minimist): a bare flag means true.
                let value = match it.peek() {
                    Some(v) if !v.starts_with("--") => it.next().unwrap_or_default(),
                    _ => "true".into(),
                };
                args.settings.push((flag[2..].to_owned(), value));
            }
            other => return Err(format!("unexpected argument '{other}'")),
        }
    }
    Ok(args)
}

fn main() -> ExitCode {
    let args = match parse(std::env::args().skip(1).collect()) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("error: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match args.mode.as_str() {
        "version" => {
            println!("harperd {}", harper_rpc::VERSION);
            return ExitCode::SUCCESS;
        }
        "help" => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => {}
    }
    tune_allocator();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::from(1);
        }
    };
    let result = runtime.block_on(async {
        match args.mode.as_str() {
            "install" => run::install(&args.root).await.map(|report| {
                println!("{}", serde_json::to_string(&report).unwrap_or_default());
            }),
            "renew-certs" => run::renew_certs(&args.root),
            _ => run::run(&args.root, &args.settings, args.foreground).await,
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(1)
        }
    }
}

/// glibc's allocator, tuned for a small sidecar: a fixed mmap threshold, so
/// the 19 MiB that each argon2 check allocates goes back to the system when it
/// is freed (by default glibc raises the threshold after the first such free
/// and keeps later ones in its heap), and two arenas instead of eight per core.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
fn tune_allocator() {
    const MMAP_THRESHOLD_BYTES: i32 = 256 * 1024;
    const ARENAS: i32 = 2;
    // SAFETY: mallopt only changes allocator parameters; called before any
    // other thread exists.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES);
        libc::mallopt(libc::M_ARENA_MAX, ARENAS);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn tune_allocator() {}
