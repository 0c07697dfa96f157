//! Telling a live `harperd` from a stale pid file: the CLI, the daemon and the
//! test harness all read `harperd.pid`, and a pid left by a `kill -9` may since
//! belong to another program.

/// True while any thread of `pid`, a process named `harperd*`, still runs
/// (Linux `/proc`).
///
/// When the daemon's main thread returns, it shows as a zombie at once, but
/// the kernel closes the process's files (the database lock among them) only
/// when its last thread ends; sled's IO threads may still be finishing a
/// write then. Until every thread is gone a new daemon cannot open the
/// database, so `harper stop` must wait for all of them.
pub fn harperd_alive(pid: i32) -> bool {
    if pid <= 0 {
        return false;
    }
    let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return false;
    };
    let Some((name, leader_running)) = parse_stat(&stat) else {
        return false;
    };
    if !name.starts_with("harperd") {
        return false;
    }
    if leader_running {
        return true;
    }
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return false;
    };
    tasks.flatten().any(|task| {
        std::fs::read_to_string(task.path().join("stat"))
            .ok()
            .is_some_and(|s| parse_stat(&s).is_some_and(|(_, running)| running))
    })
}

/// `pid (name) state ...` → (name, not a zombie or dead). The name may itself
/// hold spaces or parentheses, so the state follows the last `)`.
fn parse_stat(stat: &str) -> Option<(&str, bool)> {
    let (head, rest) = stat.rsplit_once(')')?;
    let name = head.split_once('(').map(|(_, n)| n).unwrap_or("");
    Some((name, !rest.trim_start().starts_with(['Z', 'X', 'x'])))
}

#[cfg(test)]
mod tests {
    #[test]
    fn this_test_is_not_harperd_and_bad_pids_are_dead() {
        assert!(!super::harperd_alive(std::process::id() as i32));
        assert!(!super::harperd_alive(0));
        assert!(!super::harperd_alive(-1));
    }

    #[test]
    fn stat_lines_give_the_name_and_whether_the_thread_runs() {
        assert_eq!(
            super::parse_stat("42 (harperd) S 1 42 42 0"),
            Some(("harperd", true))
        );
        assert_eq!(
            super::parse_stat("42 (harperd) Z 1 42 42 0"),
            Some(("harperd", false))
        );
        assert_eq!(
            super::parse_stat("7 (a (b) c) R 1"),
            Some(("a (b) c", true))
        );
        assert_eq!(super::parse_stat("garbage"), None);
    }

    /// A child named like the daemon whose main thread has ended while
    /// another thread still runs is alive; it is dead once that thread ends.
    #[test]
    #[allow(unsafe_code)]
    fn a_zombie_main_thread_with_a_running_thread_is_alive() {
        use std::time::{Duration, Instant};

        extern "C" fn wait_for_eof(fd: *mut libc::c_void) -> *mut libc::c_void {
            let mut byte = 0u8;
            // SAFETY: reads one byte into a live local; only raw syscalls run
            // in the forked child.
            unsafe {
                libc::syscall(libc::SYS_read, fd as libc::c_long, &mut byte as *mut u8, 1);
                libc::syscall(libc::SYS_exit, 0);
            }
            std::ptr::null_mut()
        }

        let mut pipe = [0; 2];
        // SAFETY: `pipe` has room for the two descriptors.
        assert_eq!(unsafe { libc::pipe(pipe.as_mut_ptr()) }, 0);
        let [read_end, write_end] = pipe;
        // SAFETY: the child calls only prctl, close, pthread_create and raw
        // syscalls, and leaves by SYS_exit (its main thread alone), never
        // returning into the test harness.
        let pid = unsafe { libc::fork() };
        assert!(pid >= 0, "fork failed");
        if pid == 0 {
            unsafe {
                libc::prctl(libc::PR_SET_NAME, c"harperd-linger".as_ptr());
                libc::close(write_end);
                let mut thread: libc::pthread_t = 0;
                let arg = read_end as isize as *mut libc::c_void;
                if libc::pthread_create(&mut thread, std::ptr::null(), wait_for_eof, arg) != 0 {
                    libc::syscall(libc::SYS_exit_group, 1);
                }
                libc::syscall(libc::SYS_exit, 0);
            }
        }
        // SAFETY: the parent's copy of the read end is not needed.
        unsafe { libc::close(read_end) };
        let poll = |want: &dyn Fn(&str) -> bool| {
            let end = Instant::now() + Duration::from_secs(10);
            loop {
                let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
                if want(&stat) || Instant::now() > end {
                    return stat;
                }
                std::thread::sleep(Duration::from_millis(5));
            }
        };
        let leader_gone = |stat: &str| super::parse_stat(stat).is_some_and(|(_, run)| !run);
        let stat = poll(&|s| leader_gone(s) && s.contains("harperd-linger"));
        assert!(
            leader_gone(&stat),
            "the child's main thread did not end: {stat}"
        );
        let alive_while_thread_runs = super::harperd_alive(pid);
        // SAFETY: closing our write end lets the child's thread read EOF and end.
        unsafe { libc::close(write_end) };
        let end = Instant::now() + Duration::from_secs(10);
        while super::harperd_alive(pid) && Instant::now() < end {
            std::thread::sleep(Duration::from_millis(5));
        }
        let alive_after = super::harperd_alive(pid);
        let mut status = 0;
        // SAFETY: reaps our own child.
        unsafe { libc::waitpid(pid, &mut status, 0) };
        assert!(alive_while_thread_runs, "alive while a thread runs");
        assert!(!alive_after, "dead once every thread ended");
    }
}
