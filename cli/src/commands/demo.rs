//! `harper demo`: the edge/cloud use case in one command. Two daemons in a
//! temporary folder on 127.0.0.1: the edge dials the cloud (its only route),
//! subscribes to the cloud's `thresholds`, publishes `alerts`, keeps
//! `sensor_data` local. Sensor readings stream in, readings over a threshold
//! raise alerts, the link is cut while writing goes on, and restored: the
//! cloud catches up. Everything is cleaned up at the end.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use harper_rpc::DEFAULT_DATABASE as DATA;
use harper_rpc::ops::{
    AddNode, ClusterStatus, ConnectionConsumer, CreateTable, DescribeDatabase, DescribeTable,
    Insert, SearchById, SearchByValue, SubscriptionRequest, Update, WriteRecords,
};
use serde_json::{Value, json};

use crate::Global;
use crate::client::Client;
use crate::error::{CliError, CliResult};
use crate::output::{self, cell, show, table};

/// How long the demo waits for replication before it gives up.
const WAIT: Duration = Duration::from_secs(30);
/// Readings written per insert.
const BATCH: usize = 50;

#[derive(Debug, clap::Args)]
pub struct DemoArgs {
    /// Sensor readings to stream while the link is up
    #[arg(long, default_value_t = 2000)]
    readings: usize,
    /// Readings to write while the link is cut
    #[arg(long, default_value_t = 1000)]
    offline_readings: usize,
    /// Keep the temporary folder (and stop the daemons) instead of deleting it
    #[arg(long)]
    keep: bool,
}

struct DemoNode {
    name: &'static str,
    root: PathBuf,
    cluster_port: u16,
}

impl DemoNode {
    /// Run this program (`harper`) on the node's root; its stdout, or the error.
    fn harper(&self, args: &[&str]) -> CliResult<String> {
        let exe = std::env::current_exe()
            .map_err(|e| CliError::failed(format!("cannot find this program: {e}")))?;
        let out = Command::new(exe)
            .arg("--root")
            .arg(&self.root)
            .args(args)
            .env_remove("HARPER_OUTPUT")
            .output()
            .map_err(|e| CliError::failed(format!("cannot run harper: {e}")))?;
        if !out.status.success() {
            return Err(CliError::failed(format!(
                "harper {} on {} failed: {}",
                args.join(" "),
                self.name,
                String::from_utf8_lossy(&out.stderr).trim()
            )));
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }

    async fn client(&self) -> CliResult<Client> {
        Client::connect(&self.root).await
    }

    fn route(&self) -> String {
        format!("127.0.0.1:{}", self.cluster_port)
    }
}

fn free_port() -> CliResult<u16> {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| CliError::failed(format!("no free port on 127.0.0.1: {e}")))
}

async fn count(c: &Client, table: &str) -> CliResult<u64> {
    let op = DescribeTable {
        database: DATA.into(),
        table: table.into(),
    };
    Ok(c.call(&op).await?.record_count)
}

/// `insert` of records into `data.table`.
fn insert(table: &str, records: Vec<Value>) -> Insert {
    Insert(WriteRecords {
        database: DATA.into(),
        table: table.into(),
        records,
    })
}

/// `search_by_value` of every record of `data.table`.
fn everything(table: &str) -> SearchByValue {
    SearchByValue {
        database: DATA.into(),
        table: table.into(),
        search_attribute: "id".into(),
        search_value: json!("*"),
        get_attributes: vec!["*".into()],
    }
}

/// `create_table` of `data.table` keyed by `id`.
fn create(table: &str) -> CreateTable {
    CreateTable {
        database: DATA.into(),
        table: table.into(),
        primary_key: "id".into(),
    }
}

/// Poll until `f` is true; the time it took.
async fn until<F, Fut>(what: &str, mut f: F) -> CliResult<Duration>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = CliResult<bool>>,
{
    let start = Instant::now();
    while !f().await? {
        if start.elapsed() > WAIT {
            return Err(CliError::failed(format!("timed out waiting for {what}")));
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    Ok(start.elapsed())
}

fn say(text: &str) -> CliResult {
    output::out(text)
}

/// A progress bar on a TTY; plain lines otherwise.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    what: String,
    total: u64,
    step: u64,
}

impl Progress {
    fn new(what: &str, total: u64) -> Progress {
        use std::io::IsTerminal;
        let bar = std::io::stderr().is_terminal().then(|| {
            let b = indicatif::ProgressBar::new(total);
            b.set_style(
                indicatif::ProgressStyle::with_template(
                    "  {msg:24} [{bar:40}] {pos}/{len} ({per_sec})",
                )
                .expect("template")
                .progress_chars("=> "),
            );
            b.set_message(what.to_owned());
            b
        });
        Progress {
            bar,
            what: what.to_owned(),
            total,
            step: (total / 4).max(1),
        }
    }

    fn set(&self, n: u64) {
        match &self.bar {
            Some(b) => b.set_position(n),
            None if n.is_multiple_of(self.step) || n == self.total => {
                eprintln!("  {}: {n}/{}", self.what, self.total);
            }
            None => {}
        }
    }

    fn done(self) {
        if let Some(b) = self.bar {
            b.finish_and_clear();
        }
    }
}

/// The reading of sensor `s` at step `i`: a slow wave with a few spikes.
fn reading(i: usize, s: usize) -> (f64, f64) {
    let t = i as f64 / 40.0 + s as f64;
    let spike = if (i * 7 + s * 13).is_multiple_of(97) {
        9.0
    } else {
        0.0
    };
    let temperature = 24.0 + 5.0 * t.sin() + spike;
    let humidity = 60.0 + 15.0 * (t / 3.0).cos() + spike * 2.0;
    (
        (temperature * 10.0).round() / 10.0,
        (humidity * 10.0).round() / 10.0,
    )
}

/// Write `n` readings (from `from` on) on the edge, raising an alert for each
/// reading above a threshold; returns alerts raised.
async fn stream_readings(
    edge: &Client,
    thresholds: &[Value],
    from: usize,
    n: usize,
    what: &str,
) -> CliResult<usize> {
    let max = |id: &str| {
        thresholds
            .iter()
            .find(|t| t["id"] == id)
            .and_then(|t| t["max"].as_f64())
            .unwrap_or(f64::MAX)
    };
    let (tmax, hmax) = (max("temperature"), max("humidity"));
    let progress = Progress::new(what, n as u64);
    let mut alerts = 0;
    let mut i = from;
    while i < from + n {
        let end = (i + BATCH).min(from + n);
        let mut readings = Vec::new();
        let mut raised = Vec::new();
        for k in i..end {
            let sensor = k % 4;
            let (temperature, humidity) = reading(k, sensor);
            readings.push(json!({"id": k, "sensor": format!("s{sensor}"), "temperature": temperature, "humidity": humidity}));
            for (kind, value, limit) in [
                ("temperature", temperature, tmax),
                ("humidity", humidity, hmax),
            ] {
                if value > limit {
                    raised.push(json!({
                        "id": format!("{kind}-{k}"),
                        "sensor": format!("s{sensor}"),
                        "kind": kind,
                        "value": value,
                        "threshold": limit,
                    }));
                }
            }
        }
        edge.call(&insert("sensor_data", readings)).await?;
        if !raised.is_empty() {
            alerts += raised.len();
            edge.call(&insert("alerts", raised)).await?;
        }
        i = end;
        progress.set((i - from) as u64);
    }
    progress.done();
    Ok(alerts)
}

fn records_table(records: &[Value], columns: &[&str]) -> String {
    let mut t = table(columns);
    for r in records {
        t.add_row(columns.iter().map(|c| cell(&r[*c])));
    }
    t.to_string()
}

pub async fn run(g: &Global, a: DemoArgs) -> CliResult {
    let dir = std::env::temp_dir().join(format!("harper-demo-{}", std::process::id()));
    std::fs::create_dir_all(&dir)
        .map_err(|e| CliError::failed(format!("cannot create {}: {e}", dir.display())))?;
    let result = demo(g, &a, &dir).await;
    for name in ["edge", "cloud"] {
        let root = dir.join(name);
        if root.join(harper_rpc::PID_FILE).exists() {
            let _ = Command::new(std::env::current_exe().unwrap_or_default())
                .arg("--root")
                .arg(&root)
                .arg("stop")
                .output();
        }
    }
    if a.keep {
        say(&format!("kept {}", dir.display()))?;
    } else {
        let _ = std::fs::remove_dir_all(&dir);
    }
    result
}

async fn demo(_g: &Global, a: &DemoArgs, dir: &Path) -> CliResult {
    let started = Instant::now();
    let password = format!("demo-{}", std::process::id());
    let mut nodes = Vec::new();
    for name in ["edge", "cloud"] {
        let node = DemoNode {
            name,
            root: dir.join(name),
            cluster_port: free_port()?,
        };
        node.harper(&[
            "install",
            "-y",
            "--admin-username",
            "admin",
            "--admin-password",
            &password,
            "--node-name",
            name,
            "--cluster-port",
            &node.cluster_port.to_string(),
            "--operations-port",
            &free_port()?.to_string(),
        ])?;
        node.harper(&["start"])?;
        node.harper(&[
            "cluster",
            "enable",
            "--cluster-user",
            "cluster_user",
            "--cluster-password",
            &password,
        ])?;
        nodes.push(node);
    }
    let (edge, cloud) = (&nodes[0], &nodes[1]);
    say(&format!(
        "1. Two nodes in {}: edge and cloud, clustering on 127.0.0.1:{} and :{}",
        dir.display(),
        edge.cluster_port,
        cloud.cluster_port
    ))?;
    edge.harper(&["route", "add", &cloud.route(), "--wait"])?;
    say(&format!(
        "   the edge dials the cloud ({}); the cloud has no route back",
        cloud.route()
    ))?;

    let (e, c) = (edge.client().await?, cloud.client().await?);
    c.call(&create("thresholds")).await?;
    c.call(&insert(
        "thresholds",
        vec![
            json!({"id": "temperature", "max": 28.0, "unit": "°C"}),
            json!({"id": "humidity", "max": 74.0, "unit": "%"}),
        ],
    ))
    .await?;
    for t in ["sensor_data", "alerts"] {
        e.call(&create(t)).await?;
    }
    let flags = |table: &str, subscribe, publish, start_time: Option<&str>| SubscriptionRequest {
        database: DATA.into(),
        table: table.into(),
        publish,
        subscribe,
        start_time: start_time.map(str::to_owned),
    };
    e.call(&AddNode {
        node_name: "cloud".into(),
        subscriptions: vec![
            flags("thresholds", true, false, Some("2000-01-01T00:00:00.000Z")),
            flags("alerts", false, true, None),
        ],
    })
    .await?;
    say(
        "2. edge: node add cloud --subscribe data.thresholds --publish data.alerts (sensor_data stays local)",
    )?;
    let took = until("the thresholds to reach the edge", || async {
        Ok(count(&e, "thresholds").await? == 2)
    })
    .await?;
    let thresholds = e.call(&everything("thresholds")).await?;
    say(&format!(
        "   thresholds written on the cloud, readable on the edge after {:.1} ms:",
        took.as_secs_f64() * 1000.0
    ))?;
    say(&records_table(&thresholds, &["id", "max", "unit"]))?;

    say(&format!(
        "3. {} sensor readings stream into the edge; readings over a threshold raise alerts",
        a.readings
    ))?;
    let t0 = Instant::now();
    let mut alerts = stream_readings(&e, &thresholds, 0, a.readings, "readings (link up)").await?;
    let wrote = t0.elapsed();
    let want = alerts as u64;
    until("the alerts to reach the cloud", || async {
        Ok(count(&c, "alerts").await? == want)
    })
    .await?;
    say(&format!(
        "   {} readings and {alerts} alerts written in {:.2} s; the cloud holds all {alerts} alerts, and no sensor data:",
        a.readings,
        wrote.as_secs_f64()
    ))?;
    let latest = c.call(&everything("alerts")).await?;
    let shown: Vec<Value> = latest.into_iter().take(5).collect();
    say(&records_table(
        &shown,
        &["id", "sensor", "kind", "value", "threshold"],
    ))?;
    let cloud_tables = c
        .call(&DescribeDatabase {
            database: DATA.into(),
        })
        .await?;
    if cloud_tables.contains_key("sensor_data") {
        return Err(CliError::failed(
            "sensor_data reached the cloud, which it must not",
        ));
    }

    say("4. The link is cut (the edge drops its route); the edge keeps writing")?;
    edge.harper(&["route", "remove", &cloud.route()])?;
    let before = count(&c, "alerts").await?;
    let t0 = Instant::now();
    let offline = stream_readings(
        &e,
        &thresholds,
        a.readings,
        a.offline_readings,
        "readings (link cut)",
    )
    .await?;
    alerts += offline;
    say(&format!(
        "   {} readings and {offline} alerts written offline in {:.2} s (writes never wait for the peer); the cloud still has {before}",
        a.offline_readings,
        t0.elapsed().as_secs_f64()
    ))?;

    say("5. The link is restored; the cloud catches up from its cursor")?;
    let t0 = Instant::now();
    edge.harper(&["route", "add", &cloud.route(), "--wait"])?;
    let want = alerts as u64;
    until("the cloud to catch up", || async {
        Ok(count(&c, "alerts").await? == want)
    })
    .await?;
    say(&format!(
        "   caught up: {offline} alerts arrived {:.0} ms after the route was added back; the cloud holds all {alerts}",
        t0.elapsed().as_secs_f64() * 1000.0
    ))?;

    c.call(&Update(WriteRecords {
        database: DATA.into(),
        table: "thresholds".into(),
        records: vec![json!({"id": "temperature", "max": 26.5})],
    }))
    .await?;
    until("the new threshold to reach the edge", || async {
        let op = SearchById {
            database: DATA.into(),
            table: "thresholds".into(),
            ids: vec![json!("temperature")],
            get_attributes: vec!["max".into()],
        };
        let v = e.call(&op).await?;
        Ok(v.first().is_some_and(|r| r["max"] == 26.5))
    })
    .await?;
    say("   a threshold lowered on the cloud reached the edge: temperature max 26.5")?;

    say("6. harper --root edge cluster status")?;
    output::write_bytes(edge.harper(&["cluster", "status"])?.as_bytes())?;
    let status = e
        .call(&ClusterStatus {
            include_consumers: Some(true),
        })
        .await?;
    for conn in &status.connections {
        for cons in conn.consumers.iter().flatten() {
            if let ConnectionConsumer::Subscribe(k) = cons {
                say(&format!(
                    "   consumer of {}.{} on {}: {}, {} applied, lag {} messages",
                    show(&k.database),
                    show(&k.table),
                    show(&k.publisher),
                    show(&k.state),
                    show(&k.applied),
                    show(&k.lag_messages)
                ))?;
            }
        }
    }
    say(&format!(
        "done in {:.1} s; cleaning up",
        started.elapsed().as_secs_f64()
    ))?;
    Ok(())
}
