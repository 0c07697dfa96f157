//! Parsing of the operator commands and flags (issue 14: watch, check, grid,
//! connect, logs, no-headers, wait timeouts, status and version of a target).

use clap::Parser;

use super::Command;
use super::cluster::ClusterCommand;
use super::node::NodeCommand;
use super::route::RouteCommand;
use super::subscribe::SubscribeCommand;
use crate::Cli;

fn parse(line: &str) -> Result<Cli, clap::Error> {
    Cli::try_parse_from(std::iter::once("harper").chain(line.split(' ')))
}

fn watch_of(line: &str) -> Option<std::time::Duration> {
    match parse(line).unwrap().command {
        Command::Cluster(ClusterCommand::Status(a)) => a.watch.watch.map(|s| s.0),
        Command::Node(NodeCommand::List { watch }) => watch.watch.map(|s| s.0),
        Command::Subscribe(SubscribeCommand::List { watch, .. }) => watch.watch.map(|s| s.0),
        other => panic!("not a watched command: {other:?}"),
    }
}

#[test]
fn watch_takes_an_optional_interval() {
    use std::time::Duration;
    assert_eq!(watch_of("cluster status"), None);
    assert_eq!(watch_of("cluster status -w"), Some(Duration::from_secs(2)));
    assert_eq!(
        watch_of("cluster status -w 500ms"),
        Some(Duration::from_millis(500))
    );
    assert_eq!(
        watch_of("node list --watch=1m"),
        Some(Duration::from_secs(60))
    );
    assert_eq!(
        watch_of("subscribe list --watch 3"),
        Some(Duration::from_secs(3))
    );
    assert_eq!(
        watch_of("subscribe list --all -w"),
        Some(Duration::from_secs(2))
    );
    let e = parse("node list -w soon").unwrap_err();
    assert!(e.to_string().contains("500ms, 2s, 1m"), "{e}");
}

#[test]
fn check_and_watch_do_not_go_together() {
    match parse("cluster status --check").unwrap().command {
        Command::Cluster(ClusterCommand::Status(a)) => assert!(a.check),
        other => panic!("{other:?}"),
    }
    assert!(parse("cluster status --check -w").is_err());
}

#[test]
fn the_grid_is_of_every_node() {
    match parse("subscribe list --all").unwrap().command {
        Command::Subscribe(SubscribeCommand::List { all, node, .. }) => {
            assert!(all && node.is_none())
        }
        other => panic!("{other:?}"),
    }
    assert!(parse("subscribe list n2 --all").is_err());
}

#[test]
fn connect_and_disconnect_name_a_node() {
    match parse("node connect C --host 10.0.0.3 --wait --timeout 5s")
        .unwrap()
        .command
    {
        Command::Node(NodeCommand::Connect { name, host, wait }) => {
            assert_eq!(name.as_str(), "C");
            assert_eq!(host.as_deref(), Some("10.0.0.3"));
            assert_eq!(
                wait.deadline(std::time::Duration::from_secs(30)),
                Some(std::time::Duration::from_secs(5))
            );
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        parse("node disconnect C").unwrap().command,
        Command::Node(NodeCommand::Disconnect { .. })
    ));
    assert!(parse("node connect").is_err());
    assert!(
        parse("node connect a.b").is_err(),
        "node names have no dots"
    );
}

#[test]
fn timeout_needs_wait() {
    match parse("route add 127.0.0.1:9932 --wait").unwrap().command {
        Command::Route(RouteCommand::Add { wait, .. }) => {
            let d = std::time::Duration::from_secs(30);
            assert_eq!(wait.deadline(d), Some(d));
        }
        other => panic!("{other:?}"),
    }
    assert!(parse("route add 127.0.0.1:9932 --timeout 5s").is_err());
    assert!(parse("node add n2 --publish dev.dog --wait --timeout 2m").is_ok());
    assert!(parse("cluster enable --wait --timeout 10").is_ok());
    assert!(parse("route add 127.0.0.1:9932 --wait --timeout 0").is_err());
}

#[test]
fn logs_take_follow_and_a_count() {
    match parse("logs -f -n 5").unwrap().command {
        Command::Logs(a) => assert!(a.follow && a.lines == 5),
        other => panic!("{other:?}"),
    }
    match parse("logs").unwrap().command {
        Command::Logs(a) => assert!(!a.follow && a.lines == 50),
        other => panic!("{other:?}"),
    }
    assert!(parse("logs -n 10001").is_err());
    assert!(parse("logs -n -1").is_err());
}

#[test]
fn no_headers_is_global_and_status_takes_a_target() {
    assert!(parse("--no-headers node list").unwrap().global.no_headers);
    assert!(parse("route list --no-headers").unwrap().global.no_headers);
    let cli = parse("status --target 127.0.0.1:9925").unwrap();
    assert!(cli.command.local_only().is_none());
    assert!(
        parse("version --target 127.0.0.1:9925")
            .unwrap()
            .command
            .local_only()
            .is_none()
    );
}
