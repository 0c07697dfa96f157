//! `harperd`: the harper daemon.
//!
//! ```text
//! harperd [--root DIR] [--foreground] [--KEY value ...]   run the daemon
//! harperd install [--root DIR]        create a root from a JSON plan on stdin
//! harperd renew-certs [--root DIR]    regenerate the node certificate
//! harperd check-settings [--KEY value ...]   refuse names that are no config key (exit 2)
//! harperd --version
//! ```
//! `--KEY value` are HarperDB's flattened config names (`--CLUSTERING_NODENAME Node1`).

use std::path::PathBuf;
use std::process::ExitCode;

use harper_daemon::run;

/// mimalloc: glibc's allocator spent a third of the write path in malloc and
/// free (and kept argon2's 19 MiB buffers after they were freed).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str = "usage: harperd [install|renew-certs|check-settings] [--root DIR] [--foreground] [--KEY value ...]";

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
        && (first == "install"
            || first == "renew-certs"
            || first == "run"
            || first == "check-settings")
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
    // Before anything is created: the root is owner-only (SECURITY.md).
    harper_rpc::files::restrict_umask();
    let args = match parse(std::env::args().skip(1).collect()) {
        // The root is resolved once, here, to an absolute path: the config's
        // relative paths are under it, and must not be joined to it twice.
        Ok(a) => match std::path::absolute(&a.root) {
            Ok(root) => Args { root, ..a },
            Err(e) => {
                eprintln!("error: cannot resolve the root {}: {e}", a.root.display());
                return ExitCode::from(2);
            }
        },
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
        "check-settings" => {
            return match run::check_settings(&args.settings) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(2)
                }
            };
        }
        _ => {}
    }
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
            // Not `{e:#}`: an error that prints its source would say it twice.
            eprintln!("error: {}", harper_daemon::cluster::causes(&e));
            ExitCode::from(1)
        }
    }
}

/// mimalloc, tuned for a small sidecar: commit arena memory as it is used (not
/// eagerly: that alone was 40 MiB of idle RSS), and give freed memory back at
/// once (argon2 frees 19 MiB after each password check). Set from an ELF
/// constructor, which runs before Rust's runtime makes its first allocation
/// (the arena is created then, with the settings of that moment).
#[cfg(target_os = "linux")]
#[allow(unsafe_code)]
#[used]
#[unsafe(link_section = ".init_array")]
static TUNE_ALLOCATOR: extern "C" fn() = tune_allocator;

#[allow(unsafe_code)]
extern "C" fn tune_allocator() {
    // The option numbers of mimalloc 2's `mi_option_e` (mimalloc.h).
    const ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: mi_option_set only stores a setting; nothing runs concurrently
    // this early.
    unsafe {
        libmimalloc_sys::mi_option_set(ARENA_EAGER_COMMIT, 0);
        libmimalloc_sys::mi_option_set(PURGE_DELAY, 0);
    }
}
