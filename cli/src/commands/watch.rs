//! `-w/--watch [INTERVAL]` (of `cluster status`, `node list`, `subscribe
//! list`): the command again every interval over one connection. On a
//! terminal each frame overwrites the last in place (cursor home, every line
//! cleared to its end, the rest of the screen cleared below: no full clear,
//! so no flicker), under a header like `watch`'s; with `-o json`, or when
//! stdout is not a terminal, one JSON document per line (for `jq`); with
//! `-o yaml`, one YAML document per interval. Ctrl-C ends it with exit 0.
//!
//! Also [`Span`], the duration syntax of `--watch` and `--timeout`.

use std::io::{IsTerminal, Write};

use super::prelude::*;
use crate::output::Format;

/// The interval of a bare `--watch`.
pub const DEFAULT_INTERVAL: &str = "2s";
/// The shortest interval (the daemon is asked once per interval).
const MIN_INTERVAL: Duration = Duration::from_millis(100);
/// The longest span taken (a day).
const MAX_SPAN: Duration = Duration::from_secs(24 * 3600);
/// Move the cursor to the top left.
const HOME: &str = "\x1b[H";
/// Clear to the end of the line.
const CLEAR_LINE: &str = "\x1b[K";
/// Clear from the cursor to the end of the screen.
const CLEAR_BELOW: &str = "\x1b[J";
/// Clear the whole screen: the first frame only.
const CLEAR_SCREEN: &str = "\x1b[2J";
const HIDE_CURSOR: &str = "\x1b[?25l";
const SHOW_CURSOR: &str = "\x1b[?25h";

/// A duration as people write it: `500ms`, `2s`, `1m`, `1h`, or bare seconds
/// (`3`, `0.5`); more than 0 and at most a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span(pub Duration);

impl std::str::FromStr for Span {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("`{s}` is not a duration: write 500ms, 2s, 1m, 1h or seconds");
        let t = s.trim();
        let (number, unit) = match t.find(|c: char| !(c.is_ascii_digit() || c == '.')) {
            Some(at) => t.split_at(at),
            None => (t, "s"),
        };
        let n: f64 = number.parse().map_err(|_| bad())?;
        let secs = match unit {
            "ms" => n / 1000.0,
            "s" => n,
            "m" => n * 60.0,
            "h" => n * 3600.0,
            _ => return Err(bad()),
        };
        if !secs.is_finite() || secs <= 0.0 || secs > MAX_SPAN.as_secs_f64() {
            return Err(format!(
                "`{s}` is out of range: more than 0 and at most {}h",
                MAX_SPAN.as_secs() / 3600
            ));
        }
        Ok(Span(Duration::from_secs_f64(secs)))
    }
}

impl std::fmt::Display for Span {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ms = self.0.as_millis();
        if !ms.is_multiple_of(1000) {
            write!(f, "{ms}ms")
        } else {
            write!(f, "{}s", ms / 1000)
        }
    }
}

/// The `--watch` flag of a listing command.
#[derive(Debug, Clone, clap::Args)]
pub struct WatchArgs {
    /// Run again every INTERVAL (500ms, 2s, 1m or seconds; default 2s) until Ctrl-C: redrawn
    /// in place on a terminal, one JSON document per line with -o json or when stdout is not
    /// a terminal
    #[arg(
        short = 'w',
        long,
        value_name = "INTERVAL",
        num_args = 0..=1,
        default_missing_value = DEFAULT_INTERVAL
    )]
    pub watch: Option<Span>,
}

/// One run of a watched command: what `-o json|yaml` prints, and the text for people.
pub struct Frame {
    /// The machine document.
    pub raw: Value,
    /// The rendered text.
    pub human: String,
}

/// How frames are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Redraw,
    JsonLines,
    YamlDocs,
}

fn mode(format: Format, tty: bool) -> Mode {
    match format {
        Format::Yaml => Mode::YamlDocs,
        Format::Table if tty => Mode::Redraw,
        _ => Mode::JsonLines,
    }
}

/// Print `frame()` every `every` until Ctrl-C (exit 0), a closed stdout
/// (exit 0), or an error of `frame` (its exit code). `title` is the command
/// as the header shows it.
pub async fn watch(
    g: &Global,
    title: &str,
    every: Span,
    mut frame: impl AsyncFnMut() -> CliResult<Frame>,
) -> CliResult {
    let every = Span(every.0.max(MIN_INTERVAL));
    let mode = mode(g.output, std::io::stdout().is_terminal());
    let ctrl_c = tokio::signal::ctrl_c();
    tokio::pin!(ctrl_c);
    let mut ticks = tokio::time::interval(every.0);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut first = true;
    let result = loop {
        tokio::select! {
            _ = &mut ctrl_c => break Ok(()),
            _ = ticks.tick() => {}
        }
        let f = tokio::select! {
            _ = &mut ctrl_c => break Ok(()),
            f = frame() => f,
        };
        let f = match f {
            Ok(f) => f,
            Err(e) => break Err(e),
        };
        let text = match mode {
            Mode::JsonLines => format!("{}\n", output::json_text(&f.raw)),
            Mode::YamlDocs => format!("---\n{}\n", output::yaml(&f.raw).trim_end()),
            Mode::Redraw => {
                let (cols, rows) = terminal_size();
                redraw(
                    &header(title, every, &now_text(), cols),
                    &f.human,
                    (cols, rows),
                    first,
                )
            }
        };
        first = false;
        match write_all(&text) {
            Ok(true) => {}
            Ok(false) => break Ok(()),
            Err(e) => break Err(e),
        }
    };
    if mode == Mode::Redraw && !first {
        let _ = write_all(&format!("{SHOW_CURSOR}\n"));
    }
    result
}

/// Write to stdout; false when it is closed (a pipe to `head`: the watch ends).
fn write_all(text: &str) -> CliResult<bool> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(false),
        Err(e) => Err(CliError::failed(format!("cannot write output: {e}"))),
    }
}

/// `watch`'s header: `Every 2s: harper node list` and, at the right, the time.
fn header(title: &str, every: Span, now: &str, width: usize) -> String {
    let left = format!("Every {every}: {title}");
    let pad = width.saturating_sub(left.chars().count() + now.chars().count());
    format!("{left}{}{now}", " ".repeat(pad.max(2)))
}

/// One frame for the terminal: cursor home (the whole screen cleared only on
/// the first), each line escaped, cut at `cols` characters and cleared to its
/// end, at most `rows - 1` lines (a longer or wider frame would wrap or
/// scroll, and the next could not overwrite it), then the rest of the screen
/// cleared.
fn redraw(header: &str, body: &str, (cols, rows): (usize, usize), first: bool) -> String {
    let mut s = String::new();
    if first {
        s.push_str(HIDE_CURSOR);
        s.push_str(CLEAR_SCREEN);
    }
    s.push_str(HOME);
    let room = rows.saturating_sub(1).max(1);
    let lines: Vec<String> = std::iter::once(header.to_owned())
        .chain(std::iter::once(String::new()))
        .chain(
            body.split('\n')
                .map(|l| harper_rpc::text::printable(l).into_owned()),
        )
        .collect();
    let shown = lines.len().min(room);
    for (i, line) in lines.iter().take(shown).enumerate() {
        s.extend(line.chars().take(cols.max(1)));
        s.push_str(CLEAR_LINE);
        if i + 1 < shown {
            s.push('\n');
        }
    }
    s.push_str(CLEAR_BELOW);
    s
}

/// The time now, UTC, to the second.
fn now_text() -> String {
    let format =
        time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]:[second] UTC");
    time::OffsetDateTime::now_utc()
        .format(&format)
        .unwrap_or_default()
}

/// Columns and rows of the terminal on stdout (80x24 when it cannot say).
#[allow(unsafe_code)]
fn terminal_size() -> (usize, usize) {
    let mut size = libc::winsize {
        ws_row: 0,
        ws_col: 0,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: TIOCGWINSZ writes one winsize into the valid pointer given.
    let rc = unsafe { libc::ioctl(libc::STDOUT_FILENO, libc::TIOCGWINSZ, &mut size) };
    if rc != 0 || size.ws_col == 0 || size.ws_row == 0 {
        return (80, 24);
    }
    (usize::from(size.ws_col), usize::from(size.ws_row))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(s: &str) -> Result<Duration, String> {
        s.parse::<Span>().map(|s| s.0)
    }

    #[test]
    fn spans_take_units_and_bare_seconds() {
        assert_eq!(span("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(span("2s"), Ok(Duration::from_secs(2)));
        assert_eq!(span("1m"), Ok(Duration::from_secs(60)));
        assert_eq!(span("1h"), Ok(Duration::from_secs(3600)));
        assert_eq!(span("3"), Ok(Duration::from_secs(3)));
        assert_eq!(span("0.5"), Ok(Duration::from_millis(500)));
        for bad in ["", "0", "-1", "2x", "s", "1.2.3s", "25h", "nan"] {
            assert!(span(bad).is_err(), "{bad} was taken");
        }
        assert!(span("2x").unwrap_err().contains("500ms, 2s, 1m"));
        assert_eq!(Span(Duration::from_millis(500)).to_string(), "500ms");
        assert_eq!(Span(Duration::from_secs(2)).to_string(), "2s");
    }

    #[test]
    fn frames_go_to_json_lines_unless_on_a_terminal() {
        assert_eq!(mode(Format::Table, true), Mode::Redraw);
        assert_eq!(mode(Format::Table, false), Mode::JsonLines);
        assert_eq!(mode(Format::Json, true), Mode::JsonLines);
        assert_eq!(mode(Format::Yaml, false), Mode::YamlDocs);
    }

    #[test]
    fn a_redraw_overwrites_in_place_and_clears_the_screen_only_once() {
        let first = redraw("h", "a\nb", (80, 40), true);
        assert!(first.contains(CLEAR_SCREEN));
        let again = redraw("h", "a\nb", (80, 40), false);
        assert!(!again.contains(CLEAR_SCREEN), "{again:?}");
        assert_eq!(again, "\x1b[Hh\x1b[K\n\x1b[K\na\x1b[K\nb\x1b[K\x1b[J");
        // A frame taller than the terminal is cut so that it never scrolls.
        let tall = redraw("h", &"x\n".repeat(100), (80, 10), false);
        assert_eq!(tall.matches('\n').count(), 8);
        let wide = redraw("h", &"y".repeat(100), (10, 10), false);
        assert!(
            wide.contains(&format!("{}\x1b[K", "y".repeat(10))),
            "{wide:?}"
        );
        assert!(!wide.contains(&"y".repeat(11)), "{wide:?}");
        // What the daemon sent cannot drive the terminal.
        assert!(!redraw("h", "\x1b[2Jevil", (80, 40), false).contains("\x1b[2J"));
    }

    #[test]
    fn the_header_puts_the_time_at_the_right() {
        let h = header("harper node list", Span(Duration::from_secs(2)), "T", 30);
        assert_eq!(h, "Every 2s: harper node list   T");
        assert!(header("x", Span(Duration::from_secs(1)), "T", 0).ends_with("  T"));
    }
}
