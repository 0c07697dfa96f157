//! The man pages: clap_mangen's sections (name, synopsis, description,
//! options, subcommands) and ours after them: EXIT STATUS, ENVIRONMENT (every
//! `[env: ...]` variable of the page's `--help`, read from the clap tree so
//! the two cannot drift), FILES (the root's layout) and EXAMPLES.

use std::io::Write;
use std::path::Path;

/// The exit codes (`crate::error`).
const EXIT_STATUS: [(&str, &str); 4] = [
    ("0", "Success."),
    (
        "1",
        "The operation failed: the daemon refused it, I/O failed, or a question was declined or cancelled (nothing changed).",
    ),
    (
        "2",
        "Usage or validation error, found by harper or by the daemon.",
    ),
    ("3", "The daemon is not running or cannot be reached."),
];

/// Variables harper reads that no flag carries.
const OTHER_ENVIRONMENT: [(&str, &str); 5] = [
    (
        "ROOTPATH",
        "HarperDB's name for the root folder, used when --root and HARPER_ROOT are not set.",
    ),
    (
        "HARPERD_BIN",
        "The harperd program to run (else the one beside harper, else on PATH).",
    ),
    (
        "HARPER_LOG",
        "The log filter (as RUST_LOG), e.g. debug,tarpc=warn; logs go to stderr.",
    ),
    (
        "COMPLETE",
        "Set to a shell name, prints that shell's dynamic completion script: source <(COMPLETE=bash harper).",
    ),
    (
        "HOME",
        "The default root is $HOME/hdb; pinned --target certificates are in $HOME/.harper/known_targets.",
    ),
];

/// The root folder's layout (`harper_rpc` and the daemon's file names).
const FILES: [(&str, &str); 9] = [
    (
        "ROOT/harperdb-config.yaml",
        "The configuration (HarperDB's keys); only harperd writes it.",
    ),
    (
        "ROOT/backup/harperdb-config.yaml.bak",
        "The configuration before its last change.",
    ),
    (
        "ROOT/database/",
        "The tables, their streams and the system trees (sled).",
    ),
    (
        "ROOT/log/harperd.log",
        "The daemon's log (rotated to harperd.log.1, ...); harperd.out holds what a detached start printed.",
    ),
    (
        "ROOT/keys/",
        "ca.pem, ca.key, certificate.pem, privateKey.pem and cluster-credentials.json (owner-only).",
    ),
    ("ROOT/harperd.pid", "The running daemon's process id."),
    (
        "ROOT/harperd.sock",
        "The local socket harper talks to (mode 0600: its permissions are the authority).",
    ),
    (
        "~/hdb",
        "The default ROOT (--root, HARPER_ROOT or ROOTPATH choose another).",
    ),
    (
        "~/.harper/known_targets",
        "Certificates of --target daemons, pinned on first use.",
    ),
];

/// Examples by page (the page's file name without `.1`).
const EXAMPLES: &[(&str, &[(&str, &str)])] = &[
    (
        "harper",
        &[
            (
                "harper install && harper start",
                "Install in ~/hdb (asking on a terminal), then start the daemon.",
            ),
            (
                "harper cluster enable && harper route add 10.0.0.2:9932 --wait",
                "Turn clustering on and link to another node.",
            ),
            (
                "harper node add cloud --publish dev.alerts --subscribe dev.thresholds --wait",
                "Send dev.alerts to node cloud and receive its dev.thresholds.",
            ),
            (
                "harper -o json cluster status",
                "The cluster_status answer, for scripts.",
            ),
        ],
    ),
    (
        "harper-install",
        &[
            (
                "harper install",
                "On a terminal: answer the questions (Enter takes the default).",
            ),
            (
                "HDB_ADMIN_PASSWORD=pw harper install -y --admin-username admin --node-name edge1 --CLUSTERING_ENABLED true --CLUSTERING_USER cluster_user --CLUSTERING_PASSWORD secret",
                "Without questions, HarperDB style.",
            ),
        ],
    ),
    (
        "harper-subscribe-toggle",
        &[
            (
                "harper subscribe toggle",
                "On a terminal: pick a node, tick flags with Space, Enter, then confirm.",
            ),
            (
                "harper subscribe toggle cloud dev.dog --publish",
                "Flip one flag, without questions.",
            ),
        ],
    ),
    (
        "harper-table-drop",
        &[
            ("harper table drop dev.dog", "Asks first on a terminal."),
            ("harper -y table drop dev.dog", "Does not ask."),
        ],
    ),
    (
        "harper-node-add",
        &[(
            "harper node add cloud --publish dev.alerts --subscribe dev.thresholds",
            "dev.alerts flows to cloud, dev.thresholds from it.",
        )],
    ),
    (
        "harper-route-add",
        &[(
            "harper route add 10.0.0.2:9932 [::1]:9933 --wait",
            "Dial two nodes' cluster ports and wait for the links.",
        )],
    ),
];

/// Text as roff: backslashes and hyphens escaped, no line starting with a control character.
fn roff(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    if escaped.starts_with('.') || escaped.starts_with('\'') {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}

/// A section of `.TP` items: a bold tag, then its text.
fn section(out: &mut String, title: &str, items: &[(String, String)]) {
    out.push_str(&format!(".SH \"{title}\"\n"));
    for (tag, text) in items {
        out.push_str(&format!(".TP\n\\fB{}\\fR\n{}\n", roff(tag), roff(text)));
    }
}

/// The variables of the command's `[env: ...]`: each argument's `env`, and
/// any `[env: NAME]` its help text names (values clap does not read itself,
/// such as install's HarperDB variables).
fn environment(cmd: &clap::Command) -> Vec<(String, String)> {
    let mut vars: Vec<(String, String)> = Vec::new();
    for arg in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
        let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
        let flag = match arg.get_long() {
            Some(l) => format!("--{l}"),
            None => arg.get_id().to_string().to_uppercase(),
        };
        let mut names: Vec<String> = arg
            .get_env()
            .map(|e| e.to_string_lossy().into_owned())
            .into_iter()
            .collect();
        let mut rest = help.as_str();
        while let Some(at) = rest.find("[env: ") {
            let after = &rest[at + 6..];
            let Some(end) = after.find(']') else { break };
            names.extend(after[..end].split(',').map(|n| n.trim().to_owned()));
            rest = &after[end..];
        }
        let about = help
            .split(" [env: ")
            .next()
            .unwrap_or_default()
            .trim()
            .to_owned();
        for name in names {
            if !vars.iter().any(|(n, _)| *n == name) {
                vars.push((name, format!("{flag}: {about}")));
            }
        }
    }
    vars.extend(
        OTHER_ENVIRONMENT
            .iter()
            .map(|(n, t)| ((*n).to_owned(), (*t).to_owned())),
    );
    vars
}

fn owned(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect()
}

/// One page: clap_mangen's sections, ours, then version and authors.
pub fn render(cmd: clap::Command, w: &mut dyn Write) -> std::io::Result<()> {
    let man = clap_mangen::Man::new(cmd.clone());
    let name = man.get_filename();
    let page = name.trim_end_matches(".1");
    man.render_title(w)?;
    man.render_name_section(w)?;
    man.render_synopsis_section(w)?;
    man.render_description_section(w)?;
    if cmd.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(w)?;
    }
    if cmd.get_subcommands().any(|s| !s.is_hide_set()) {
        man.render_subcommands_section(w)?;
    }
    if cmd.get_after_long_help().is_some() || cmd.get_after_help().is_some() {
        man.render_extra_section(w)?;
    }
    let mut ours = String::new();
    section(&mut ours, "EXIT STATUS", &owned(&EXIT_STATUS));
    section(&mut ours, "ENVIRONMENT", &environment(&cmd));
    section(&mut ours, "FILES", &owned(&FILES));
    if let Some((_, examples)) = EXAMPLES.iter().find(|(p, _)| *p == page) {
        section(&mut ours, "EXAMPLES", &owned(examples));
    }
    w.write_all(ours.as_bytes())?;
    if cmd.get_version().is_some() || cmd.get_long_version().is_some() {
        man.render_version_section(w)?;
    }
    if cmd.get_author().is_some() {
        man.render_authors_section(w)?;
    }
    Ok(())
}

/// Every page, one per command, into `dir` (as `clap_mangen::generate_to`
/// names and walks them).
pub fn write_pages(cmd: clap::Command, dir: &Path) -> std::io::Result<()> {
    fn walk(cmd: clap::Command, dir: &Path) -> std::io::Result<()> {
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()).cloned() {
            walk(sub, dir)?;
        }
        let name = clap_mangen::Man::new(cmd.clone()).get_filename();
        let mut file = std::fs::File::create(dir.join(name))?;
        render(cmd, &mut file)?;
        file.flush()
    }
    let mut cmd = cmd.disable_help_subcommand(true);
    cmd.build();
    walk(cmd, dir)
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    fn page(path: &[&str]) -> String {
        let mut cmd = crate::Cli::command().disable_help_subcommand(true);
        cmd.build();
        for p in path {
            cmd = cmd.find_subcommand(p).expect("subcommand").clone();
        }
        let mut out = Vec::new();
        render(cmd, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn every_env_of_the_help_is_in_environment() {
        let text = page(&[]);
        for s in ["EXIT STATUS", "ENVIRONMENT", "FILES", "EXAMPLES"] {
            assert!(text.contains(&format!(".SH \"{s}\"")), "{s}");
        }
        for var in [
            "HARPER_ROOT",
            "HARPER_OUTPUT",
            "HARPER_TARGET",
            "CLI_TARGET_USERNAME",
            "ROOTPATH",
        ] {
            assert!(text.contains(&format!("\\fB{}\\fR", roff(var))), "{var}");
        }
        assert!(text.contains(&roff("harperd.sock")));
        let install = page(&["install"]);
        for var in [
            "HDB_ADMIN_USERNAME",
            "HDB_ADMIN_PASSWORD",
            "CLUSTERING_NODENAME",
        ] {
            assert!(install.contains(&format!("\\fB{}\\fR", roff(var))), "{var}");
        }
        // Global flags reach every page.
        assert!(page(&["table", "drop"]).contains(&format!("\\fB{}\\fR", roff("HARPER_ROOT"))));
    }

    #[test]
    fn roff_escapes() {
        assert_eq!(roff(".x-y\\"), "\\&.x\\-y\\e");
    }
}
