//! Pieces of the benchmark (`harper-bench`): a keep-alive HTTP/1.1 client for
//! the operations door, the records it writes, waiting for them on another
//! node, percentiles, memory, and the sled ceiling (the store's own write path
//! without HTTP or replication, in the same process and run).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// One keep-alive connection to a node's operations API, as `admin`.
pub struct Http {
    conn: BufReader<TcpStream>,
    port: u16,
    auth: String,
}

fn base64(input: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in input.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18, 12, 6, 0].iter().enumerate() {
            if i <= chunk.len() {
                out.push(ABC[((n >> shift) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

impl Http {
    /// Connect to 127.0.0.1:`port` with user `admin`, password `pw`.
    pub fn connect(port: u16) -> std::io::Result<Http> {
        let s = TcpStream::connect(("127.0.0.1", port))?;
        s.set_nodelay(true)?;
        s.set_read_timeout(Some(Duration::from_secs(120)))?;
        Ok(Http {
            conn: BufReader::new(s),
            port,
            auth: base64(b"admin:pw"),
        })
    }

    /// POST one operation; the status and the parsed body.
    pub fn op(&mut self, body: &Value) -> std::io::Result<(u16, Value)> {
        let bytes = serde_json::to_vec(body).expect("JSON");
        let head = format!(
            "POST / HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nAuthorization: Basic {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
            self.port,
            self.auth,
            bytes.len()
        );
        let s = self.conn.get_mut();
        s.write_all(head.as_bytes())?;
        s.write_all(&bytes)?;
        let mut line = String::new();
        self.conn.read_line(&mut line)?;
        let status: u16 = line
            .split_whitespace()
            .nth(1)
            .and_then(|c| c.parse().ok())
            .ok_or_else(|| std::io::Error::other(format!("bad status line {line:?}")))?;
        let mut len = None;
        loop {
            line.clear();
            self.conn.read_line(&mut line)?;
            let h = line.trim_end();
            if h.is_empty() {
                break;
            }
            if let Some((k, v)) = h.split_once(':')
                && k.eq_ignore_ascii_case("content-length")
            {
                len = v.trim().parse::<usize>().ok();
            }
        }
        let len = len.ok_or_else(|| std::io::Error::other("no Content-Length"))?;
        let mut body = vec![0u8; len];
        self.conn.read_exact(&mut body)?;
        let v = serde_json::from_slice(&body).unwrap_or(Value::Null);
        Ok((status, v))
    }

    /// POST and insist on 200.
    pub fn ok(&mut self, body: &Value) -> Value {
        match self.op(body) {
            Ok((200, v)) => v,
            other => panic!("{} answered {other:?}", body["operation"]),
        }
    }
}

/// The benchmark's record: `{id, name, breed, age}`.
pub fn dog(id: u64) -> Value {
    const BREEDS: [&str; 5] = ["beagle", "collie", "poodle", "terrier", "whippet"];
    json!({"id": id, "name": format!("dog{id}"), "breed": BREEDS[(id % 5) as usize], "age": id % 15})
}

/// An insert of records `ids` into dev.dog.
pub fn insert(ids: impl Iterator<Item = u64>) -> Value {
    let records: Vec<Value> = ids.map(dog).collect();
    json!({"operation": "insert", "database": "dev", "table": "dog", "records": records})
}

/// Poll `port` until record `id` of dev.dog is there; false after `deadline`.
pub fn wait_for_id(port: u16, id: u64, deadline: Duration) -> bool {
    let mut http = Http::connect(port).expect("connect");
    let q = json!({"operation": "search_by_id", "database": "dev", "table": "dog", "ids": [id], "get_attributes": ["id"]});
    let end = Instant::now() + deadline;
    while Instant::now() < end {
        if let Ok((200, v)) = http.op(&q)
            && v.as_array().is_some_and(|a| !a.is_empty())
        {
            return true;
        }
    }
    false
}

/// Write `total` records from `first` on through `clients` connections in
/// requests of `batch`; returns when every request was acknowledged.
pub fn load(port: u16, first: u64, total: u64, batch: u64, clients: u64) {
    let per = total / clients;
    std::thread::scope(|s| {
        for c in 0..clients {
            s.spawn(move || {
                let mut http = Http::connect(port).expect("connect");
                let start = first + c * per;
                let mut id = start;
                while id < start + per {
                    let end = (id + batch).min(start + per);
                    let v = http.ok(&insert(id..end));
                    assert!(v["message"].is_string(), "{v}");
                    id = end;
                }
            });
        }
    });
}

/// The `q`-quantile (0..=1) of sorted samples.
pub fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() - 1) as f64 * q).round() as usize;
    sorted[i]
}

/// Resident memory of a process, MiB.
pub fn rss_mib(pid: i32) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map(|kb| (kb / 1024.0 * 10.0).round() / 10.0)
        .unwrap_or(0.0)
}

/// A daemon's CPU time and context switches, read from `/proc` (counts that
/// do not depend on how busy the machine is, unlike rates). Switches are
/// summed over the threads alive at the reading, by thread name: sled's
/// dynamic IO threads that ended meanwhile are missing from them.
#[derive(Debug, Clone, Default)]
pub struct ProcCounters {
    /// User and system CPU, clock ticks.
    pub user_ticks: u64,
    pub system_ticks: u64,
    /// (thread name, voluntary, involuntary) context switches.
    pub threads: Vec<(String, u64, u64)>,
}

/// Clock ticks per second of `/proc/PID/stat` (USER_HZ: 100 on Linux).
const TICKS_PER_SEC: f64 = 100.0;

impl ProcCounters {
    /// The counters of process `pid` now (zeros when it is gone).
    pub fn read(pid: i32) -> ProcCounters {
        let mut out = ProcCounters::default();
        if let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) {
            // Fields after the command name (which may hold spaces): state is
            // field 3, utime 14, stime 15.
            let rest = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or("");
            let f: Vec<&str> = rest.split_whitespace().collect();
            out.user_ticks = f.get(11).and_then(|v| v.parse().ok()).unwrap_or(0);
            out.system_ticks = f.get(12).and_then(|v| v.parse().ok()).unwrap_or(0);
        }
        let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
            return out;
        };
        for task in tasks.flatten() {
            let Ok(status) = std::fs::read_to_string(task.path().join("status")) else {
                continue;
            };
            let field = |name: &str| {
                status
                    .lines()
                    .find_map(|l| l.strip_prefix(name))
                    .map(|v| v.trim().to_owned())
                    .unwrap_or_default()
            };
            out.threads.push((
                field("Name:"),
                field("voluntary_ctxt_switches:").parse().unwrap_or(0),
                field("nonvoluntary_ctxt_switches:").parse().unwrap_or(0),
            ));
        }
        out
    }

    /// Per write between `before` and `self`: CPU µs (user, system) and
    /// context switches by thread group (a name's digits dropped, so
    /// `sled-io-3` counts as `sled-io-`).
    pub fn per_write_since(&self, before: &ProcCounters, writes: u64) -> Value {
        let n = writes.max(1) as f64;
        let us = |after: u64, before: u64| {
            (after.saturating_sub(before) as f64 / TICKS_PER_SEC * 1e6 / n * 10.0).round() / 10.0
        };
        let group = |name: &str| {
            name.trim_end_matches(|c: char| c.is_ascii_digit())
                .to_owned()
        };
        let mut by_group: std::collections::BTreeMap<String, (u64, u64)> = Default::default();
        for (name, v, i) in &self.threads {
            let e = by_group.entry(group(name)).or_default();
            e.0 += v;
            e.1 += i;
        }
        for (name, v, i) in &before.threads {
            let e = by_group.entry(group(name)).or_default();
            e.0 = e.0.saturating_sub(*v);
            e.1 = e.1.saturating_sub(*i);
        }
        let per = |x: u64| (x as f64 / n * 100.0).round() / 100.0;
        let total: u64 = by_group.values().map(|(v, i)| v + i).sum();
        let groups: serde_json::Map<String, Value> = by_group
            .into_iter()
            .filter(|(_, (v, i))| v + i > 0)
            .map(|(g, (v, i))| (g, json!({"voluntary": per(v), "involuntary": per(i)})))
            .collect();
        json!({
            "cpu_us_user": us(self.user_ticks, before.user_ticks),
            "cpu_us_system": us(self.system_ticks, before.system_ticks),
            "ctx_switches": per(total),
            "ctx_switches_by_thread": groups,
        })
    }
}

/// Records per second, rounded.
pub fn rate(records: u64, took: Duration) -> f64 {
    (records as f64 / took.as_secs_f64()).round()
}

/// The sled ceiling: the daemon's own write path (records plus their stream
/// entry in one transaction) flushed per batch of 100, in this process.
pub fn sled_ceiling(records: u64, fsync: bool) -> f64 {
    use harper_daemon::store::Store;
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(&dir.path().join("db"), "ceiling", fsync).expect("open");
    let t = harper_rpc::TableRef::new("dev", "dog");
    store.create_table(&t, "id").expect("table");
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let started = Instant::now();
    rt.block_on(async {
        let mut id = 0;
        while id < records {
            let batch: Vec<Value> = (id..id + 100).map(dog).collect();
            store
                .write(&t, harper_rpc::ops::WriteAction::Insert, batch, None)
                .expect("write");
            store.flush().await.expect("flush");
            id += 100;
        }
    });
    rate(records, started.elapsed())
}

#[cfg(test)]
mod tests {
    #[test]
    fn base64_matches_rfc_4648() {
        assert_eq!(super::base64(b"admin:pw"), "YWRtaW46cHc=");
        assert_eq!(super::base64(b"f"), "Zg==");
        assert_eq!(super::base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn quantiles_pick_from_sorted_samples() {
        let s: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(super::quantile(&s, 0.5), 51.0);
        assert_eq!(super::quantile(&s, 0.99), 99.0);
        assert_eq!(super::quantile(&s, 1.0), 100.0);
    }
}
