//! `harper logs [-f] [-n N]`: the daemon's log. Locally the file itself
//! (`log/harperd.log`, or `logging.root` of the config), its last N lines,
//! then, with `-f`, what is appended (polled by file position; a rotation,
//! which renames the file and starts a new one, is followed). With
//! `--target`, the `read_log` operation: the newest N entries, then entries
//! from the last one seen on (`from` and `start`). Every line is escaped
//! before it is printed ([`printable`]): the log quotes peers and clients,
//! and a hostile line must not drive the terminal. Ctrl-C ends `-f` (exit 0).

use std::io::{Read, Seek, SeekFrom};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use harper_rpc::text::printable;

use super::prelude::*;

/// How often `-f` looks at the file.
const FILE_POLL: Duration = Duration::from_millis(200);
/// How often `-f --target` asks the daemon.
const REMOTE_POLL: Duration = Duration::from_millis(500);
/// The longest line printed, in bytes (the rest is dropped, as the daemon's
/// `read_log` does).
const MAX_LINE_BYTES: usize = 16 * 1024;
/// Bytes read from the end of the file per step when looking for the last lines.
const TAIL_CHUNK: u64 = 64 * 1024;
/// The most lines `-n` takes (and the most entries one `read_log` answers).
const MAX_LINES: usize = 10_000;
/// The daemon's log file in its log folder.
const LOG_FILE: &str = "harperd.log";

#[derive(Debug, Clone, clap::Args)]
pub struct LogsArgs {
    /// Keep printing what is written to the log until Ctrl-C
    #[arg(short, long)]
    pub follow: bool,
    /// Print the last N lines first (entries with --target; with --target and -o json, one
    /// read_log entry per line)
    #[arg(short = 'n', long, value_name = "N", default_value_t = 50,
          value_parser = clap::value_parser!(u64).range(0..=MAX_LINES as u64))]
    pub lines: u64,
}

pub async fn run(g: &Global, a: LogsArgs) -> CliResult {
    let n = a.lines as usize;
    if g.target.is_some() {
        let client = connect(g).await?;
        return remote(g, &client, n, a.follow).await;
    }
    local(g, n, a.follow).await
}

/// The log file of the local root: `logging.root` of its config (relative
/// to the root), else `<root>/log`.
fn log_file(root: &Path) -> CliResult<PathBuf> {
    let config = root.join(harper_rpc::CONFIG_FILE);
    let text = std::fs::read_to_string(&config).map_err(|_| {
        CliError::failed(format!("harper is not installed in {}", root.display()))
            .with_hint(format!("harper --root {} install", root.display()))
    })?;
    let doc: Value = serde_yaml::from_str(&text).unwrap_or(Value::Null);
    let dir = match doc["logging"]["root"].as_str() {
        Some(d) if !d.is_empty() => root.join(d),
        _ => root.join("log"),
    };
    Ok(dir.join(LOG_FILE))
}

/// Print one line of the log, escaped; false when stdout is closed.
fn print_line(line: &[u8]) -> CliResult<bool> {
    let line = &line[..line.len().min(MAX_LINE_BYTES)];
    let text = String::from_utf8_lossy(line);
    let text = text.trim_end_matches('\r');
    write_line(&printable(text))
}

fn write_line(text: &str) -> CliResult<bool> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{text}").and_then(|_| out.flush()) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(false),
        Err(e) => Err(CliError::failed(format!("cannot write output: {e}"))),
    }
}

/// Where the last `n` lines of `file` (of `len` bytes) start: read backwards
/// a chunk at a time until `n` line ends are seen before the last line.
fn tail_start(file: &mut std::fs::File, len: u64, n: usize) -> std::io::Result<u64> {
    if n == 0 {
        return Ok(len);
    }
    let mut end = len;
    let mut newlines = 0usize;
    let mut buf = vec![0u8; TAIL_CHUNK as usize];
    // A final newline ends the last line; it does not start another.
    let mut skip_final = true;
    while end > 0 {
        let start = end.saturating_sub(TAIL_CHUNK);
        let chunk = &mut buf[..(end - start) as usize];
        file.seek(SeekFrom::Start(start))?;
        file.read_exact(chunk)?;
        for (i, b) in chunk.iter().enumerate().rev() {
            if *b != b'\n' {
                skip_final = false;
                continue;
            }
            if skip_final {
                skip_final = false;
                continue;
            }
            newlines += 1;
            if newlines == n {
                return Ok(start + i as u64 + 1);
            }
        }
        end = start;
    }
    Ok(0)
}

/// Print the complete lines of `pending` (keeping an unfinished last line,
/// cut at [`MAX_LINE_BYTES`]); false when stdout is closed.
fn flush_lines(pending: &mut Vec<u8>) -> CliResult<bool> {
    while let Some(at) = pending.iter().position(|b| *b == b'\n') {
        let line: Vec<u8> = pending.drain(..=at).collect();
        if !print_line(&line[..line.len() - 1])? {
            return Ok(false);
        }
    }
    pending.truncate(MAX_LINE_BYTES);
    Ok(true)
}

async fn local(g: &Global, n: usize, follow: bool) -> CliResult {
    let path = log_file(&g.root())?;
    let open = || std::fs::File::open(&path);
    let mut file = match open() {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && follow => {
            // Not written yet (a daemon never started): wait for it.
            return follow_file(&path, None, 0).await;
        }
        Err(e) => {
            return Err(
                CliError::failed(format!("cannot read the log {}: {e}", path.display()))
                    .with_hint(format!("harper --root {} start", g.root().display())),
            );
        }
    };
    let len = file.metadata()?.len();
    let start = tail_start(&mut file, len, n)?;
    file.seek(SeekFrom::Start(start))?;
    let mut pending = Vec::new();
    (&mut file).take(len - start).read_to_end(&mut pending)?;
    if !pending.ends_with(b"\n") && !pending.is_empty() {
        pending.push(b'\n');
    }
    if !flush_lines(&mut pending)? || !follow {
        return Ok(());
    }
    follow_file(&path, Some(file), len).await
}

/// `-f` on a file: print what is appended after `pos`; a new file at `path`
/// (rotated: another inode, or shorter than what was read) is read from its
/// start once the old one is drained.
async fn follow_file(path: &Path, mut file: Option<std::fs::File>, mut pos: u64) -> CliResult {
    let ctrl_c = tokio::signal::ctrl_c();
    tokio::pin!(ctrl_c);
    let mut pending = Vec::new();
    loop {
        if let Some(f) = file.as_mut() {
            f.seek(SeekFrom::Start(pos))?;
            let read = f.read_to_end(&mut pending)?;
            pos += read as u64;
            if !flush_lines(&mut pending)? {
                return Ok(());
            }
        }
        let current = std::fs::metadata(path).ok();
        let open_ino = file
            .as_ref()
            .and_then(|f| f.metadata().ok())
            .map(|m| m.ino());
        let replaced = match (&current, open_ino) {
            (Some(m), Some(ino)) => m.ino() != ino || m.len() < pos,
            (Some(_), None) => true,
            (None, _) => false,
        };
        if replaced && let Ok(f) = std::fs::File::open(path) {
            file = Some(f);
            pos = 0;
            pending.clear();
            continue;
        }
        tokio::select! {
            _ = &mut ctrl_c => return Ok(()),
            _ = tokio::time::sleep(FILE_POLL) => {}
        }
    }
}

/// A `read_log` entry as one printed line (a message of several lines as
/// several): `timestamp LEVEL message`, escaped.
fn entry_lines(e: &Value) -> Vec<String> {
    let head = format!(
        "{} {}",
        cell(&e["timestamp"]),
        cell(&e["level"]).to_uppercase()
    );
    let message = e["message"].as_str().unwrap_or_default();
    let mut out = Vec::new();
    for (i, line) in message.split('\n').enumerate() {
        if i == 0 {
            out.push(format!("{head} {}", printable(line)));
        } else {
            out.push(printable(line).into_owned());
        }
    }
    out
}

/// Print an entry: lines for people, one JSON document per line for
/// `-o json|yaml`; false when stdout is closed.
fn print_entry(g: &Global, e: &Value) -> CliResult<bool> {
    if g.output != output::Format::Table {
        return write_line(&output::json_text(e));
    }
    for line in entry_lines(e) {
        if !write_line(&line)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Read `read_log` with these fields.
async fn read_log(client: &Client, fields: Value) -> CliResult<Vec<Value>> {
    let mut request = harper_rpc::Request::new();
    request.insert("operation".into(), json!("read_log"));
    if let Value::Object(m) = fields {
        request.extend(m);
    }
    let answer = client.execute(request).await?.map_err(CliError::from)?;
    match answer {
        Value::Array(entries) => Ok(entries),
        other => Err(CliError::failed(format!(
            "the daemon's answer to read_log is not a list of entries: {}",
            output::json_text(&other)
        ))),
    }
}

/// Where `-f --target` goes on from: the newest timestamp printed and how
/// many entries with it were printed (`read_log`'s `from` is inclusive,
/// `start` skips them).
#[derive(Debug, Default, Clone, PartialEq)]
struct Cursor {
    from: Option<String>,
    seen: u64,
}

impl Cursor {
    fn advance(&mut self, e: &Value) {
        let ts = e["timestamp"].as_str().map(str::to_owned);
        if ts.is_some() && ts == self.from {
            self.seen += 1;
        } else if ts.is_some() {
            self.from = ts;
            self.seen = 1;
        }
    }
}

async fn remote(g: &Global, client: &Client, n: usize, follow: bool) -> CliResult {
    let mut newest = if n > 0 {
        read_log(client, json!({"order": "desc", "limit": n})).await?
    } else {
        Vec::new()
    };
    // The daemon answers newest first, entries of one millisecond in file
    // order; a stable sort by time gives file order.
    newest.sort_by(|a, b| {
        a["timestamp"]
            .as_str()
            .unwrap_or_default()
            .cmp(b["timestamp"].as_str().unwrap_or_default())
    });
    let mut cursor = Cursor::default();
    for e in &newest {
        if !print_entry(g, e)? {
            return Ok(());
        }
        cursor.advance(e);
    }
    if !follow {
        return Ok(());
    }
    // Go on from the newest entry printed (or the newest there is). Entries
    // of that millisecond not among the N printed are older ones: all of them
    // count as seen; newer ones written meanwhile are printed now.
    let from = match cursor.from.clone() {
        Some(f) => Some(Value::String(f)),
        None => read_log(client, json!({"order": "desc", "limit": 1}))
            .await?
            .first()
            .map(|e| e["timestamp"].clone()),
    };
    if let Some(from) = from {
        let since = read_log(client, json!({"from": from, "limit": MAX_LINES})).await?;
        cursor = Cursor {
            from: from.as_str().map(str::to_owned),
            seen: 0,
        };
        for e in &since {
            if e["timestamp"] != from && !print_entry(g, e)? {
                return Ok(());
            }
            cursor.advance(e);
        }
    }
    let ctrl_c = tokio::signal::ctrl_c();
    tokio::pin!(ctrl_c);
    loop {
        tokio::select! {
            _ = &mut ctrl_c => return Ok(()),
            _ = tokio::time::sleep(REMOTE_POLL) => {}
        }
        let fields = match &cursor.from {
            Some(from) => json!({"from": from, "start": cursor.seen, "limit": MAX_LINES}),
            None => json!({"limit": MAX_LINES}),
        };
        for e in read_log(client, fields).await? {
            if !print_entry(g, &e)? {
                return Ok(());
            }
            cursor.advance(&e);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn tail(text: &str, n: usize) -> String {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("l");
        std::fs::File::create(&p)
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
        let mut f = std::fs::File::open(&p).unwrap();
        let at = tail_start(&mut f, text.len() as u64, n).unwrap();
        text[at as usize..].to_owned()
    }

    #[test]
    fn the_last_lines_are_found_from_the_end() {
        assert_eq!(tail("a\nb\nc\n", 2), "b\nc\n");
        assert_eq!(tail("a\nb\nc", 2), "b\nc");
        assert_eq!(tail("a\nb\n", 5), "a\nb\n");
        assert_eq!(tail("a\nb\n", 0), "");
        let long = format!("{}last\n", "x\n".repeat(100_000));
        assert_eq!(tail(&long, 1), "last\n");
        assert_eq!(tail(&long, 2), "x\nlast\n");
    }

    #[test]
    fn entries_print_escaped_one_line_each() {
        let e = json!({"timestamp": "T", "level": "warn", "message": "a\u{1b}[2Jb\nsecond"});
        let lines = entry_lines(&e);
        assert_eq!(lines.len(), 2);
        assert!(lines[0].starts_with("T WARN a"), "{lines:?}");
        assert!(!lines.iter().any(|l| l.contains('\u{1b}')), "{lines:?}");
    }

    #[test]
    fn the_cursor_counts_entries_of_the_newest_timestamp() {
        let mut c = Cursor::default();
        for ts in ["1", "2", "2"] {
            c.advance(&json!({"timestamp": ts}));
        }
        assert_eq!(
            c,
            Cursor {
                from: Some("2".into()),
                seen: 2
            }
        );
    }
}
