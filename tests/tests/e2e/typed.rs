//! The catalogue's typed answers against real daemons: every operation the
//! CLI sends goes through the CLI's typed client, and each answer must read
//! as its rpc response type and write back to exactly the JSON the daemon
//! sent (same fields, same order, same numbers). A reply whose shape drifts
//! from `rpc` fails here, naming the operation.

use std::time::{Duration, Instant};

use harper_cli::client::Client;
use harper_rpc::ops::*;
use harper_tests::{Node, WAIT};
use serde_json::{Value, json};

/// Call `op` and check that its answer reads as `O::Response` and writes
/// back byte for byte; the typed answer.
async fn check<O: Operation>(c: &Client, op: &O) -> O::Response {
    let answer = c
        .call_raw(op)
        .await
        .unwrap_or_else(|e| panic!("{}: {} ({:?})", O::NAME, e.message, e.body));
    let again = serde_json::to_string(&to_body(&answer.typed)).unwrap();
    let sent = serde_json::to_string(&answer.raw).unwrap();
    assert_eq!(
        again,
        sent,
        "{}: the typed answer differs from the daemon's",
        O::NAME
    );
    answer.typed
}

/// Poll `f` until it returns Some (async), or panic naming `what`.
async fn until<T, F, Fut>(what: &str, mut f: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let end = Instant::now() + WAIT;
    loop {
        if let Some(v) = f().await {
            return v;
        }
        assert!(Instant::now() < end, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

fn dog() -> (String, String) {
    ("dev".to_owned(), "dog".to_owned())
}

fn records(list: Value) -> WriteRecords {
    let (database, table) = dog();
    WriteRecords {
        database,
        table,
        records: list.as_array().cloned().unwrap_or_default(),
    }
}

fn sub(table: &str, publish: bool, subscribe: bool) -> SubscriptionRequest {
    SubscriptionRequest {
        database: "dev".into(),
        table: table.into(),
        publish,
        subscribe,
        start_time: None,
    }
}

async fn schema_and_data(c: &Client) {
    let (database, table) = dog();
    check(
        c,
        &CreateDatabase {
            database: database.clone(),
        },
    )
    .await;
    check(
        c,
        &CreateTable {
            database: database.clone(),
            table: table.clone(),
            primary_key: "id".into(),
        },
    )
    .await;
    let describe = DescribeTable {
        database: database.clone(),
        table: table.clone(),
    };
    assert_eq!(check(c, &describe).await.last_updated_record, None);
    check(
        c,
        &Insert(records(json!([{"id": 1, "name": "Penny"}, {"id": 2}]))),
    )
    .await;
    let skipped = check(c, &Insert(records(json!([{"id": 1}])))).await;
    assert_eq!(skipped.skipped_hashes, vec![json!(1)]);
    check(c, &Update(records(json!([{"id": 2, "age": 3}, {"id": 9}])))).await;
    check(c, &Upsert(records(json!([{"id": 3, "name": "Harper"}])))).await;
    check(
        c,
        &Delete {
            database: database.clone(),
            table: table.clone(),
            ids: vec![json!(3), json!(99)],
        },
    )
    .await;
    let described = check(c, &describe).await;
    assert!(described.last_updated_record.is_some());
    assert_eq!(described.attributes[0].is_primary_key, Some(true));
    let got = SearchById {
        database: database.clone(),
        table: table.clone(),
        ids: vec![json!(1)],
        get_attributes: vec!["*".into()],
    };
    assert_eq!(check(c, &got).await.len(), 1);
    let found = SearchByValue {
        database: database.clone(),
        table: table.clone(),
        search_attribute: "name".into(),
        search_value: json!("P*"),
        get_attributes: vec!["id".into()],
    };
    assert_eq!(check(c, &found).await, vec![json!({"id": 1})]);
    let found = SearchByConditions {
        database: database.clone(),
        table: table.clone(),
        operator: None,
        offset: None,
        limit: Some(5),
        sort: None,
        get_attributes: vec!["*".into()],
        conditions: vec![
            json!({"search_attribute": "id", "search_type": "greater_than", "search_value": 0}),
        ],
    };
    assert_eq!(check(c, &found).await.len(), 2);
    check(c, &DescribeDatabase { database }).await;
    check(c, &DescribeAll {}).await;
}

/// `harper ARGS -o json` prints exactly what the daemon answers `op`.
async fn printed_as_sent<O: Operation>(n: &Node, c: &Client, args: &[&str], op: &O) {
    let raw = c.call_raw(op).await.unwrap().raw;
    let mut args = args.to_vec();
    args.extend(["-o", "json"]);
    let run = n.harper(&args);
    assert_eq!(
        run.ok().trim(),
        serde_json::to_string(&raw).unwrap(),
        "harper {args:?}"
    );
}

async fn cli_prints_the_daemons_json(n: &Node, c: &Client) {
    let (database, table) = dog();
    let describe = DescribeTable {
        database: database.clone(),
        table: table.clone(),
    };
    printed_as_sent(n, c, &["table", "describe", "dev.dog"], &describe).await;
    let db = DescribeDatabase {
        database: database.clone(),
    };
    printed_as_sent(n, c, &["database", "describe", "dev"], &db).await;
    let got = SearchById {
        database,
        table,
        ids: vec![json!(1), json!(2)],
        get_attributes: vec!["*".into()],
    };
    printed_as_sent(n, c, &["get", "dev.dog", "1", "2"], &got).await;
    printed_as_sent(n, c, &["route", "list"], &ClusterGetRoutes {}).await;
    printed_as_sent(n, c, &["user", "list"], &ListUsers {}).await;
}

async fn users_and_jobs(c: &Client, root: &std::path::Path) {
    check(
        c,
        &AddUser {
            role: "super_user".into(),
            username: "ann".into(),
            password: "Pw-1234567".into(),
            active: true,
        },
    )
    .await;
    let users = check(c, &ListUsers {}).await;
    assert!(users.iter().any(|u| u.username.as_deref() == Some("ann")));
    assert_eq!(check(c, &UserInfo {}).await.username, None);
    assert_eq!(check(c, &ListRoles {}).await.len(), 2);
    check(
        c,
        &AlterUser {
            username: "ann".into(),
            active: Some(false),
            ..AlterUser::default()
        },
    )
    .await;
    check(
        c,
        &DropUser {
            username: "ann".into(),
        },
    )
    .await;

    let (database, table) = dog();
    let data = CsvDataLoad {
        action: WriteAction::Upsert,
        database: database.clone(),
        table: table.clone(),
        data: "id,name\n10,Rex\n".into(),
    };
    let started = check(c, &data).await;
    let file = root.join("dogs.csv");
    std::fs::write(&file, "id,name\n11,Fido\n12,Lady\n").unwrap();
    let load = CsvFileLoad {
        action: WriteAction::Insert,
        database,
        table,
        file_path: file.display().to_string(),
    };
    let from_file = check(c, &load).await;
    let restarted = check(
        c,
        &RestartService {
            service: "http_workers".into(),
        },
    )
    .await;
    for id in [started.job_id, from_file.job_id, restarted.job_id] {
        let job = until(&format!("job {id} to end"), || async {
            let jobs = check(c, &GetJob { id: id.clone() }).await;
            jobs.into_iter().next().filter(|j| j.status.is_finished())
        })
        .await;
        assert_eq!(job.status, JobStatus::Complete, "{job:?}");
    }

    check(c, &GetConfiguration {}).await;
    check(c, &SetConfiguration::one("logging_level", "info")).await;
    let info = check(c, &SystemInformation {}).await;
    assert_eq!(info.database.disk, "ok");
}

async fn routes(c: &Client) {
    check(c, &ClusterGetRoutes {}).await;
    let spare: harper_rpc::Route = format!("127.0.0.1:{}", harper_tests::free_port())
        .parse()
        .unwrap();
    let set = ClusterSetRoutes {
        server: RouteServer::Leaf,
        routes: vec![spare.clone()],
    };
    assert_eq!(check(c, &set).await.set.len(), 1);
    assert_eq!(check(c, &set).await.skipped.len(), 1);
    let gone: harper_rpc::Route = "127.0.0.1:1".parse().unwrap();
    let delete = ClusterDeleteRoutes {
        routes: vec![spare, gone],
    };
    let deleted = check(c, &delete).await;
    assert_eq!((deleted.deleted.len(), deleted.skipped.len()), (1, 1));
}

/// Subscriptions with B, streams and status, until both kinds of consumer show.
async fn replication(c: &Client, b: &Client) {
    let (database, table) = dog();
    check(
        b,
        &CreateTable {
            database: database.clone(),
            table: table.clone(),
            primary_key: "id".into(),
        },
    )
    .await;
    let added = check(
        c,
        &AddNode {
            node_name: "B".into(),
            subscriptions: vec![sub("dog", true, true), sub("nothing_here", true, false)],
        },
    )
    .await;
    assert_eq!((added.added.len(), added.skipped.len()), (1, 1));
    let status = until("A's consumer of B and B's reads of A", || async {
        let s = check(
            c,
            &ClusterStatus {
                include_consumers: Some(true),
            },
        )
        .await;
        let consumers = s.connections.first()?.consumers.clone()?;
        let caught_up = consumers.iter().any(
            |k| matches!(k, ConnectionConsumer::Subscribe(k) if k.state == ConsumerState::CaughtUp),
        );
        let read = consumers
            .iter()
            .any(|k| matches!(k, ConnectionConsumer::Publish(p) if p.consumer_next_seq.is_some()));
        (caught_up && read).then_some(s)
    })
    .await;
    assert_eq!(status.connections[0].status, LinkStatus::Open);
    check(c, &ClusterStatus::default()).await;
    check(
        c,
        &SetNodeReplication {
            node_name: "B".into(),
            subscriptions: vec![sub("dog", true, false)],
        },
    )
    .await;
    check(
        c,
        &UpdateNode {
            node_name: "B".into(),
            subscriptions: vec![sub("dog", true, true)],
        },
    )
    .await;
    let stream = StreamInfo {
        database: database.clone(),
        table: table.clone(),
    };
    let info = until("B to read A's stream", || async {
        let info = check(c, &stream).await;
        (!info.consumers.is_empty() && !info.subscriptions.is_empty()).then_some(info)
    })
    .await;
    assert!(info.last_seq > 0);
    check(
        c,
        &PurgeStream {
            database,
            table,
            options: Some(PurgeOptions {
                keep: Some(1),
                seq: None,
            }),
        },
    )
    .await;

    check(
        c,
        &ClusterNetwork {
            timeout: Some(1000),
            ..ClusterNetwork::default()
        },
    )
    .await;
    let bare = ClusterNetwork {
        timeout: None,
        connected_nodes: Some(false),
        routes: Some(false),
    };
    let network = check(c, &bare).await;
    assert!(network.nodes.iter().all(|n| n.routes.is_none()));

    check(
        c,
        &RemoveNode {
            node_name: "B".into(),
        },
    )
    .await;
    let configure = ConfigureCluster {
        connections: vec![json!({
            "node_name": "B",
            "subscriptions": [{"database": "dev", "table": "dog", "publish": true, "subscribe": false}],
        })],
    };
    let configured = check(c, &configure).await;
    assert_eq!(configured.connections.len(), 1);
}

async fn clustering(c: &Client) {
    let mesh = check(c, &ClusterMeshStatus {}).await;
    assert_eq!(mesh.state, ClusteringState::Running);
    let up = mesh.mesh.expect("a running mesh");
    assert_eq!(up.routes[0].state, RouteLinkState::Up);
    check(c, &RenewCerts {}).await;
    check(c, &ClusterDisable {}).await;
    assert_eq!(
        check(c, &ClusterMeshStatus {}).await.state,
        ClusteringState::Disabled
    );
    let enabled = check(c, &ClusterEnable::default()).await;
    assert_eq!(enabled.node_name, "A");
}

#[test]
fn every_cli_operation_answers_in_the_catalogue_shape() {
    let (a, b) = (Node::clustered("A"), Node::clustered("B"));
    a.harper(&["route", "add", &b.route(), "--wait"]).ok();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let ca = Client::connect(a.root()).await.expect("A answers");
        let cb = Client::connect(b.root()).await.expect("B answers");
        schema_and_data(&ca).await;
        cli_prints_the_daemons_json(&a, &ca).await;
        users_and_jobs(&ca, a.root()).await;
        routes(&ca).await;
        replication(&ca, &cb).await;
        clustering(&ca).await;
    });
}
