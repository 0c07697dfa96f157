//! Where the daemon's log lines go: `log/harperd.log`, rotated by size
//! (file-rotate: `harperd.log.1` is the newest old log, up to
//! `logging.rotation.maxFiles` of them, optionally gzipped), or standard
//! error in the foreground. Every line is escaped on its way out: peers and
//! clients put their own text into log messages (a node name in a hello, a
//! user name), and a newline in it would forge a line, an ESC sequence would
//! drive the terminal of whoever reads the log. The escaping rule is
//! [`harper_rpc::text::printable`], the same the CLI applies to what it prints.
//!
//! tracing-subscriber's fmt layer formats each event into one buffer and
//! hands it to the writer with a single `write_all` (`fmt_layer.rs`,
//! `on_event`), and [`EventWriter::write`] always takes the whole buffer, so
//! one `write` is one event: everything but its final newline is the
//! event's own text.

use std::fs::OpenOptions;
use std::io::{self, Write};
use std::os::unix::fs::OpenOptionsExt as _;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use file_rotate::compression::Compression;
use file_rotate::suffix::AppendCount;
use file_rotate::{ContentLimit, FileRotate};
use harper_rpc::text::printable;
use tracing_subscriber::fmt::MakeWriter;

use crate::config::LogRotation;

/// Mode of the log files (the umask would give the same; this does not rely on it).
const LOG_FILE_MODE: u32 = 0o600;

/// The daemon's log sink, shared by every event.
#[derive(Clone)]
pub struct LogWriter {
    sink: Arc<Mutex<Sink>>,
}

enum Sink {
    Stderr,
    File {
        path: PathBuf,
        rotation: LogRotation,
        /// `None` after the rotating writer panicked; made anew on the next line.
        file: Option<FileRotate<AppendCount>>,
    },
}

impl LogWriter {
    /// Lines to standard error (`harperd --foreground`).
    pub fn stderr() -> LogWriter {
        LogWriter {
            sink: Arc::new(Mutex::new(Sink::Stderr)),
        }
    }

    /// Lines appended to `path`, rotated as `rotation` says. The folder must exist.
    pub fn file(path: &Path, rotation: &LogRotation) -> LogWriter {
        LogWriter {
            sink: Arc::new(Mutex::new(Sink::File {
                path: path.to_owned(),
                rotation: rotation.clone(),
                file: Some(open(path, rotation)),
            })),
        }
    }

    fn write_line(&self, line: &[u8]) -> io::Result<()> {
        let mut sink = self.sink.lock().unwrap_or_else(|e| e.into_inner());
        match &mut *sink {
            Sink::Stderr => io::stderr().lock().write_all(line),
            Sink::File {
                path,
                rotation,
                file,
            } => {
                let f = file.get_or_insert_with(|| open(path, rotation));
                // file-rotate asserts on files that vanish under it (a log
                // removed by hand mid-rotation); losing a line beats losing
                // the thread that logged it.
                match std::panic::catch_unwind(AssertUnwindSafe(|| f.write_all(line))) {
                    Ok(result) => result,
                    Err(_) => {
                        *file = None;
                        Err(io::Error::other("the log file writer failed; reopening it"))
                    }
                }
            }
        }
    }
}

fn open(path: &Path, rotation: &LogRotation) -> FileRotate<AppendCount> {
    let limit = if rotation.enabled {
        // Rotate after the write that passes the size: lines stay whole.
        ContentLimit::BytesSurpassed(rotation.max_size_bytes.max(1) as usize)
    } else {
        ContentLimit::None
    };
    let compression = if rotation.compress {
        Compression::OnRotate(0)
    } else {
        Compression::None
    };
    let mut options = OpenOptions::new();
    options.create(true).append(true).mode(LOG_FILE_MODE);
    FileRotate::new(
        path,
        AppendCount::new(rotation.max_files.max(1)),
        limit,
        compression,
        Some(options),
    )
}

/// One event's text made safe: every unsafe character escaped except the
/// final newline.
pub fn escape_event(buf: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(buf);
    let body = text.strip_suffix('\n').unwrap_or(&text);
    let mut line = printable(body).into_owned().into_bytes();
    line.push(b'\n');
    line
}

/// The writer of one event.
pub struct EventWriter<'a> {
    log: &'a LogWriter,
}

impl Write for EventWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.log.write_line(&escape_event(buf))?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for LogWriter {
    type Writer = EventWriter<'a>;

    fn make_writer(&'a self) -> Self::Writer {
        EventWriter { log: self }
    }
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt as _;

    use super::*;

    fn rotation(max_size_bytes: u64, max_files: usize, compress: bool) -> LogRotation {
        LogRotation {
            enabled: true,
            max_size_bytes,
            max_files,
            compress,
        }
    }

    /// A folder with `harperd.log` after `count` events of 70 bytes
    /// (`line NNNN xxx...`), one write each as tracing writes them.
    fn log_of(rotation: &LogRotation, count: usize) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let log = LogWriter::file(&dir.path().join("harperd.log"), rotation);
        let mut w = log.make_writer();
        for i in 0..count {
            w.write_all(format!("line {i:04} {}\n", "x".repeat(60)).as_bytes())
                .unwrap();
        }
        dir
    }

    #[test]
    fn an_event_is_one_line_whatever_it_holds() {
        assert_eq!(
            escape_event(b"WARN refused node 'x\nINFO forged'\n"),
            b"WARN refused node 'x\\u{000a}INFO forged'\n"
        );
        assert_eq!(
            escape_event(b"\x1b[31mred\r\n"),
            b"\\u{001b}[31mred\\u{000d}\n"
        );
        assert_eq!(escape_event(b"plain\n"), b"plain\n");
        assert_eq!(escape_event(b"no newline"), b"no newline\n");
    }

    #[test]
    fn the_log_rotates_by_size_and_keeps_a_bounded_number_of_files() {
        let dir = log_of(&rotation(1024, 2, false), 200);
        let path = dir.path().join("harperd.log");
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["harperd.log", "harperd.log.1", "harperd.log.2"]);
        let current = std::fs::read_to_string(&path).unwrap();
        assert!(current.ends_with(&format!("line 0199 {}\n", "x".repeat(60))));
        // Lines stay whole across a rotation.
        let older = std::fs::read_to_string(dir.path().join("harperd.log.1")).unwrap();
        assert!(older.lines().all(|l| l.starts_with("line ")), "{older}");
        for n in names {
            let mode = std::fs::metadata(dir.path().join(n))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn rotated_logs_can_be_compressed_and_rotation_can_be_off() {
        let dir = log_of(&rotation(1024, 3, true), 100);
        assert!(dir.path().join("harperd.log.1.gz").is_file());
        assert!(!dir.path().join("harperd.log.1").exists());

        let off = LogRotation {
            enabled: false,
            ..rotation(1024, 3, false)
        };
        let dir = log_of(&off, 100);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
