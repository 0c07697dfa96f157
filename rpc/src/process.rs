//! Telling a live `harperd` from a stale pid file: the CLI, the daemon and the
//! test harness all read `harperd.pid`, and a pid left by a `kill -9` may since
//! belong to another program.

/// True when `pid` is a live (not zombie) process named `harperd*` (Linux `/proc`).
pub fn harperd_alive(pid: i32) -> bool {
    if pid <= 0 {
        return false;
    }
    let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return false;
    };
    // `pid (name) state ...`: the name may itself hold spaces or parentheses.
    let Some((head, rest)) = stat.rsplit_once(')') else {
        return false;
    };
    let name = head.split_once('(').map(|(_, n)| n).unwrap_or("");
    name.starts_with("harperd") && !rest.trim_start().starts_with(['Z', 'X'])
}

#[cfg(test)]
mod tests {
    #[test]
    fn this_test_is_not_harperd_and_bad_pids_are_dead() {
        assert!(!super::harperd_alive(std::process::id() as i32));
        assert!(!super::harperd_alive(0));
        assert!(!super::harperd_alive(-1));
    }
}
