//! The process's own figures, read from `/proc/self` at each scrape (the
//! Rust client has no process collector): resident memory, open and allowed
//! file descriptors, CPU time. A figure that cannot be read is left out of
//! the scrape rather than shown as 0.

use std::path::Path;

/// Clock ticks per second of `/proc/<pid>/stat`'s times: the kernel's
/// `USER_HZ`, which is 100 on every architecture Linux exposes `/proc` on
/// (reading `sysconf(_SC_CLK_TCK)` would need `unsafe`).
const USER_HZ: f64 = 100.0;

/// What `/proc/self` says now.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProcessFigures {
    /// Resident set size, bytes.
    pub resident_bytes: Option<u64>,
    /// Open file descriptors.
    pub open_fds: Option<u64>,
    /// The soft limit of open file descriptors.
    pub max_fds: Option<u64>,
    /// User plus system CPU time, seconds.
    pub cpu_seconds: Option<f64>,
}

/// Read the figures of this process.
pub fn read() -> ProcessFigures {
    read_from(Path::new("/proc/self"))
}

fn read_from(dir: &Path) -> ProcessFigures {
    let text = |name: &str| std::fs::read_to_string(dir.join(name)).ok();
    ProcessFigures {
        resident_bytes: text("status").as_deref().and_then(vm_rss_bytes),
        open_fds: std::fs::read_dir(dir.join("fd"))
            .ok()
            .map(|d| d.count() as u64),
        max_fds: text("limits").as_deref().and_then(max_open_files),
        cpu_seconds: text("stat").as_deref().and_then(cpu_seconds),
    }
}

/// `VmRSS:     1234 kB` of `/proc/<pid>/status`, in bytes.
fn vm_rss_bytes(status: &str) -> Option<u64> {
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// The soft limit on the `Max open files` line of `/proc/<pid>/limits`.
fn max_open_files(limits: &str) -> Option<u64> {
    let line = limits.lines().find(|l| l.starts_with("Max open files"))?;
    line["Max open files".len()..]
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// utime + stime (fields 14 and 15) of `/proc/<pid>/stat`, in seconds. The
/// command name (field 2) is in parentheses and may hold spaces, so the
/// fields are counted from the last `)`.
fn cpu_seconds(stat: &str) -> Option<f64> {
    let rest = &stat[stat.rfind(')')? + 1..];
    let mut fields = rest.split_whitespace();
    // `rest` starts at field 3 (state): utime is the 12th after it.
    let utime: u64 = fields.nth(11)?.parse().ok()?;
    let stime: u64 = fields.next()?.parse().ok()?;
    Some((utime + stime) as f64 / USER_HZ)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proc_files_are_read() {
        assert_eq!(
            vm_rss_bytes("Name:\tharperd\nVmRSS:\t   2048 kB\nVmSwap: 0 kB\n"),
            Some(2 << 20)
        );
        assert_eq!(vm_rss_bytes("Name: x\n"), None);
        let limits = "Limit                     Soft Limit           Hard Limit           Units     \nMax open files            1024                 524288               files     \n";
        assert_eq!(max_open_files(limits), Some(1024));
        let stat = "4242 (harper d) S 1 4242 4242 0 -1 4194560 1 0 0 0 250 50 0 0 20 0 9 0 1 1 1";
        assert_eq!(cpu_seconds(stat), Some(3.0));
    }

    #[test]
    fn this_process_has_figures() {
        let f = read();
        assert!(f.resident_bytes.unwrap() > 0);
        assert!(f.open_fds.unwrap() >= 3);
        assert!(f.max_fds.unwrap() >= f.open_fds.unwrap());
        assert!(f.cpu_seconds.is_some());
    }
}
