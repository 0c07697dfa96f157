//! The mesh through the CLI: real daemons on 127.0.0.1 linked by routes,
//! gossip and forwarding, links lost and healed, refusals shown on both
//! sides, the TLS modes, routes changed live, clustering turned on live.

use harper_tests::peer;
use harper_tests::{
    CLUSTER_PASSWORD, Node, WAIT, network_entry, network_names, tls_client_without_certificate,
};
use serde_json::{Value, json};

/// The peers of a node's live links, sorted (from `cluster_mesh_status`).
fn linked(status: &Value) -> Vec<String> {
    let mut peers: Vec<String> = status["mesh"]["links"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|l| l["peer"].as_str().map(str::to_owned))
        .collect();
    peers.sort();
    peers
}

/// The entry of our route to `to` in `cluster_mesh_status`: its `state`
/// (`connecting`, `up`, `down`, `refused`), `peer` and `last_error`.
fn route<'a>(status: &'a Value, to: &Node) -> Option<&'a Value> {
    status["mesh"]["routes"]
        .as_array()?
        .iter()
        .find(|r| r["route"] == json!({"host": "127.0.0.1", "port": to.cluster_port}))
}

/// Recorded refusals with this reason (`wrong_credentials`, `tls_failure`...).
fn refusals<'a>(status: &'a Value, reason: &str) -> Vec<&'a Value> {
    status["mesh"]["events"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|e| e["reason"] == reason)
        .collect()
}

/// The issue's first "done when": A routes to B, C routes to A, and every
/// node, B included (which has no route), sees all three.
#[test]
fn a_chain_of_routes_gives_every_node_the_whole_mesh() {
    let nodes = Node::clustered_many(&["A", "B", "C"]);
    let (a, b, c) = (&nodes[0], &nodes[1], &nodes[2]);
    a.route_to(b);
    c.route_to(a);

    let from_c = c.wait_network(&["A", "B", "C"]);
    let from_b = b.wait_network(&["A", "B", "C"]);
    assert_eq!(b.json(&["route", "list"]), json!({"hub": [], "leaf": []}));
    for net in [&from_c, &from_b] {
        let entry = |n| network_entry(net, n).unwrap_or_else(|| panic!("{n} in {net}"));
        assert_eq!(entry("A")["connected_nodes"], json!(["B", "C"]), "{net}");
        assert_eq!(entry("B")["connected_nodes"], json!(["A"]), "{net}");
        assert_eq!(entry("C")["connected_nodes"], json!(["A"]), "{net}");
        assert_eq!(
            entry("A")["routes"],
            json!([{"host": "127.0.0.1", "port": b.cluster_port}])
        );
        assert_eq!(entry("B")["routes"], json!([]));
    }
    let table = b.harper(&["cluster", "network"]);
    for name in ["A", "B", "C"] {
        assert!(table.ok().contains(&format!(" {name} ")), "{table:#?}");
    }
    assert_eq!(
        network_names(&a.json(&["cluster", "network"])),
        ["A", "B", "C"]
    );
    // `node list` shows the mesh members that are not registered nodes: A
    // linked to B, C known by gossip only ("unconnected", as in the Studio).
    let list = b.json(&["node", "list"]);
    assert_eq!(list["node_name"], "B");
    let mut members: Vec<_> = list["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (n["name"].clone(), n["in_mesh"].clone(), n["status"].clone()))
        .collect();
    members.sort_by_key(|m| m.0.to_string());
    assert_eq!(
        members,
        [
            (json!("A"), json!(true), json!("connected")),
            (json!("C"), json!(true), json!("unconnected"))
        ],
        "{list}"
    );
}

/// Three spokes dial one hub: everyone sees all four, and the spokes, which
/// have one link each (to the hub), answer each other's pings through it.
#[test]
fn a_star_forwards_between_spokes_through_the_hub() {
    let nodes = Node::clustered_many(&["hub", "s1", "s2", "s3"]);
    let hub = &nodes[0];
    for spoke in &nodes[1..] {
        spoke.route_to(hub);
    }
    let all = ["hub", "s1", "s2", "s3"];
    for n in &nodes {
        let net = n.wait_network(&all);
        // Every entry answered a ping: `cluster network` lists only those.
        for name in all {
            assert!(network_entry(&net, name).unwrap()["response_time"].is_number());
        }
    }
    assert_eq!(linked(&hub.mesh_status()), ["s1", "s2", "s3"]);
    for spoke in &nodes[1..] {
        // One link, so a spoke's pings of other spokes went through the hub.
        assert_eq!(linked(&spoke.mesh_status()), ["hub"]);
        let net = spoke.json(&["cluster", "network"]);
        for other in ["s1", "s2", "s3"] {
            assert_eq!(
                network_entry(&net, other).unwrap()["connected_nodes"],
                json!(["hub"]),
                "{net}"
            );
        }
    }
}

/// The issue's third "done when": B stops and starts again; A (which routes to
/// B) and C (which only reaches B through A) see it go and come back, with no
/// command typed on them.
#[test]
fn stopping_and_starting_a_node_takes_its_links_down_then_up() {
    let nodes = Node::clustered_many(&["A", "B", "C"]);
    let (a, b, c) = (&nodes[0], &nodes[1], &nodes[2]);
    a.route_to(b);
    c.route_to(a);
    c.wait_network(&["A", "B", "C"]);
    a.wait_mesh("the route to B up", |s| {
        route(s, b).is_some_and(|r| r["state"] == "up" && r["peer"] == "B")
    });

    b.stop();
    a.wait_mesh("the link to B down", |s| {
        !linked(s).contains(&"B".to_owned())
            && route(s, b).is_some_and(|r| r["state"] != "up" && r["last_error"].is_string())
    });
    // Gossip is eventually consistent: B's departure and A's new links may
    // reach C in either order, so wait for the view that has both.
    c.wait_links("A", &["A", "C"], json!(["C"]));
    let table = a.harper(&["cluster", "status"]);
    assert!(
        table.ok().contains("link lost") || table.ok().contains("unreachable"),
        "{table:#?}"
    );

    b.start();
    a.wait_mesh("the link to B up again", |s| {
        linked(s) == ["B", "C"] && route(s, b).is_some_and(|r| r["state"] == "up")
    });
    c.wait_links("A", &["A", "B", "C"], json!(["B", "C"]));
    b.wait_network(&["A", "B", "C"]);
}

/// The middle node of a chain (A, in B - A - C) goes away, by `harper stop`
/// and then by kill -9, and comes back: the ends lose each other and find
/// each other again by themselves.
#[test]
fn the_middle_of_a_chain_stopped_or_killed_and_restarted_heals_the_chain() {
    let nodes = Node::clustered_many(&["A", "B", "C"]);
    let (a, b, c) = (&nodes[0], &nodes[1], &nodes[2]);
    a.route_to(b);
    c.route_to(a);
    b.wait_network(&["A", "B", "C"]);

    for (how, stop) in [("stop", Node::stop as fn(&Node)), ("kill -9", Node::kill9)] {
        stop(a);
        b.wait_network(&["B"]);
        c.wait_network(&["C"]);
        c.wait_mesh(&format!("the route to A down after {how}"), |s| {
            linked(s).is_empty() && route(s, a).is_some_and(|r| r["state"] != "up")
        });

        a.start();
        b.wait_network(&["A", "B", "C"]);
        c.wait_network(&["A", "B", "C"]);
        assert_eq!(linked(&a.mesh_status()), ["B", "C"], "after {how}");
    }
}

/// A frozen node keeps its sockets open, so only heartbeats can notice: its
/// peers drop the link within the dead-link time and take it back when it
/// runs again.
#[test]
fn a_frozen_node_is_dropped_by_heartbeats_and_rejoins_when_it_runs_again() {
    let nodes = Node::clustered_many(&["A", "B"]);
    let (a, b) = (&nodes[0], &nodes[1]);
    a.route_to(b);
    a.wait_network(&["A", "B"]);

    b.freeze();
    let down = a.wait_mesh("the link to frozen B down", |s| linked(s).is_empty());
    b.thaw();
    let events = down["mesh"]["events"].to_string();
    assert!(events.contains("no heartbeat"), "{events}");
    a.wait_mesh("the link to B up again", |s| linked(s) == ["B"]);
    b.wait_network(&["A", "B"]);
}

/// The issue's second "done when": D has another cluster password and routes
/// to A. It is refused, and on both A and D the `cluster status` table, the
/// `cluster_mesh_status` JSON and `node list` say the credentials were wrong.
/// Neither has proven the password to the other, so neither learns the
/// other's name: A names D by its address, D names A by its route.
/// (`cluster status -o json` is `cluster_status`'s HarperDB body, which has no
/// place for refusals yet.)
#[test]
fn a_node_with_another_password_is_refused_and_both_sides_say_why() {
    let nodes = Node::clustered_many(&["A", "B"]);
    let d = Node::started("D");
    d.enable_clustering("not-the-cluster-password");
    nodes[1].route_to(&nodes[0]);
    let (a, b) = (&nodes[0], &nodes[1]);
    a.wait_network(&["A", "B"]);
    // `--wait` fails with the reason.
    let waited = d.harper(&["route", "add", &a.route(), "--wait"]);
    assert_eq!(waited.code, 1, "{waited:#?}");
    assert!(
        waited
            .stderr
            .contains("was refused: wrong cluster credentials"),
        "{waited:#?}"
    );

    let at_d = d.wait_mesh("D's route to A refused", |s| {
        route(s, a).is_some_and(|r| r["state"] == "refused")
    });
    let error = route(&at_d, a).unwrap()["last_error"].as_str().unwrap();
    assert!(error.contains("wrong cluster credentials"), "{at_d}");
    let at_a = a.wait_mesh("A to record the refusal", |s| {
        !refusals(s, "wrong_credentials").is_empty()
    });
    let refused = refusals(&at_a, "wrong_credentials")[0];
    assert_eq!(refused["peer"], Value::Null, "{at_a}");
    assert_eq!(refused["direction"], "inbound", "{at_a}");
    assert!(refused["addr"].as_str().unwrap().starts_with("127.0.0.1:"));
    assert!(
        !at_a["mesh"]["events"].to_string().contains("'D'"),
        "{at_a}"
    );
    assert!(!error.contains("'A'"), "{at_d}");
    for (n, status) in [(a, &at_a), (&d, &at_d)] {
        let text = status["mesh"].to_string();
        assert!(
            text.contains("this node uses cluster user 'cluster_user'"),
            "{}: {text}",
            n.name
        );
    }

    let route_to_a = a.route();
    for (node, other) in [(a, "127.0.0.1"), (&d, route_to_a.as_str())] {
        let table = node.harper(&["cluster", "status"]);
        assert!(
            table.ok().contains("wrong cluster credentials"),
            "{table:#?}"
        );
        assert!(table.ok().contains("refused"), "{table:#?}");
        assert!(table.ok().contains(other), "{table:#?}");
        let list = node.json(&["node", "list"]);
        let entry = list["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["name"] == other)
            .unwrap_or_else(|| panic!("{other} in {list}"));
        assert_eq!(entry["status"], "refused", "{list}");
        assert_eq!(entry["in_mesh"], false, "{list}");
        assert!(
            entry["reason"]
                .as_str()
                .unwrap()
                .contains("wrong cluster credentials"),
            "{list}"
        );
        let table = node.harper(&["node", "list"]);
        assert!(
            table.ok().contains("wrong cluster credentials"),
            "{table:#?}"
        );
    }
    // Nothing leaked across: D is alone, A and B are unchanged.
    assert_eq!(network_names(&d.json(&["cluster", "network"])), ["D"]);
    assert_eq!(network_names(&a.json(&["cluster", "network"])), ["A", "B"]);
    assert_eq!(network_names(&b.json(&["cluster", "network"])), ["A", "B"]);

    // Given the cluster's password, D joins at once (its mesh restarts with it).
    let password = format!("password={CLUSTER_PASSWORD}");
    d.harper(&["op", "alter_user", "username=cluster_user", &password])
        .ok();
    d.wait_network(&["A", "B", "D"]);
    a.wait_network(&["A", "B", "D"]);
}

/// D has the cluster's password but another cluster name and routes to A:
/// both have proven the password, so both learn the other's name and
/// cluster, and both say the cluster names differ. Renamed, D joins.
#[test]
fn a_node_of_another_cluster_is_refused_and_both_sides_say_why() {
    let a = Node::clustered("A");
    let d = Node::started("D");
    d.harper(&[
        "op",
        "set_configuration",
        "clustering_hubServer_cluster_name=elsewhere",
    ])
    .ok();
    d.enable_clustering(CLUSTER_PASSWORD);
    d.route_to(&a);
    let why = "node 'D' is in cluster 'elsewhere', node 'A' is in cluster 'harperdb'";
    let at_d = d.wait_mesh("D's route to A refused", |s| {
        route(s, &a).is_some_and(|r| r["state"] == "refused")
    });
    let error = route(&at_d, &a).unwrap()["last_error"].as_str().unwrap();
    assert!(
        error.starts_with("cluster name mismatch (refused by the other node)"),
        "{at_d}"
    );
    assert!(error.contains(why), "{at_d}");
    let at_a = a.wait_mesh("A to record the refusal", |s| {
        !refusals(s, "cluster_name_mismatch").is_empty()
    });
    let refused = refusals(&at_a, "cluster_name_mismatch")[0];
    assert_eq!(refused["peer"], "D", "{at_a}");
    assert!(refused["message"].as_str().unwrap().contains(why), "{at_a}");
    for node in [&a, &d] {
        let table = node.harper(&["cluster", "status"]);
        assert!(table.ok().contains("cluster name mismatch"), "{table:#?}");
    }
    d.harper(&[
        "op",
        "set_configuration",
        "clustering_hubServer_cluster_name=harperdb",
    ])
    .ok();
    a.wait_network(&["A", "D"]);
}

/// A second node named B routes to A while the real B is linked: it is
/// refused, both sides say the name is taken, and the real B keeps its link.
#[test]
fn a_duplicate_node_name_is_refused_and_both_sides_say_why() {
    let nodes = Node::clustered_many(&["A", "B"]);
    let (a, b) = (&nodes[0], &nodes[1]);
    b.route_to(a);
    a.wait_network(&["A", "B"]);
    let twin = Node::clustered("B");
    twin.route_to(a);

    let at_twin = twin.wait_mesh("the twin's route refused", |s| {
        route(s, a).is_some_and(|r| r["state"] == "refused")
    });
    let error = route(&at_twin, a).unwrap()["last_error"].as_str().unwrap();
    assert!(error.contains("duplicate node name"), "{at_twin}");
    assert!(error.contains("'B'"), "{at_twin}");
    let at_a = a.wait_mesh("A to record the refusal", |s| {
        !refusals(s, "duplicate_node_name").is_empty()
    });
    assert_eq!(refusals(&at_a, "duplicate_node_name")[0]["peer"], "B");
    for node in [a, &twin] {
        let table = node.harper(&["cluster", "status"]);
        assert!(table.ok().contains("duplicate node name"), "{table:#?}");
    }
    // A's node list shows the real B in the mesh and the refused twin.
    let list = a.json(&["node", "list"]);
    let rows: Vec<_> = list["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["name"] == "B")
        .map(|n| n["status"].clone())
        .collect();
    assert_eq!(rows, [json!("connected"), json!("refused")], "{list}");
    // The real B is undisturbed.
    assert_eq!(linked(&a.mesh_status()), ["B"]);
    assert_eq!(network_names(&b.json(&["cluster", "network"])), ["A", "B"]);
    assert_eq!(network_names(&twin.json(&["cluster", "network"])), ["B"]);
}

/// With `clustering.tls.verify` on (the default) the cluster port demands a
/// client certificate: a TLS client without one is refused while nodes link;
/// with it off, the same client gets through TLS (and no further).
#[test]
fn verify_on_refuses_a_tls_client_without_a_certificate() {
    let nodes = Node::clustered_many(&["A", "B"]);
    let (a, b) = (&nodes[0], &nodes[1]);
    let cfg = a.json(&["op", "get_configuration"]);
    assert_eq!(cfg["clustering"]["tls"]["verify"], true);
    b.route_to(a);
    a.wait_network(&["A", "B"]);

    let client = tls_client_without_certificate(a.cluster_port, true);
    assert!(
        client.stderr.contains("certificate required"),
        "{client:#?}"
    );
    let at_a = a.wait_mesh("A to record the TLS refusal", |s| {
        !refusals(s, "tls_failure").is_empty()
    });
    let refused = refusals(&at_a, "tls_failure")[0];
    assert!(
        refused["message"]
            .as_str()
            .unwrap()
            .contains("no certificates"),
        "{at_a}"
    );
    assert_eq!(linked(&at_a), ["B"], "nodes with certificates still link");

    // verify off, live: the mesh restarts, B links again, and the same client
    // now gets through TLS (it is then dropped for not speaking the mesh).
    a.harper(&["op", "set_configuration", "clustering_tls_verify=false"])
        .ok();
    a.wait_mesh("A's mesh restarted without verify, B linked again", |s| {
        refusals(s, "tls_failure").is_empty() && linked(s) == ["B"]
    });
    let client = tls_client_without_certificate(a.cluster_port, false);
    assert!(
        !client.stderr.contains("certificate required"),
        "{client:#?}"
    );
    let at_a =
        a.wait_mesh("A to drop the client after TLS", |s| {
            s["mesh"]["events"].as_array().unwrap().iter().any(|e| {
                e["direction"] == "inbound" && e["peer"].is_null() && e["reason"].is_string()
            })
        });
    assert!(refusals(&at_a, "tls_failure").is_empty(), "{at_a}");
    b.wait_network(&["A", "B"]);
}

/// `insecure: false`: certificates are checked against the CA, so the nodes
/// need one CA. Each install makes its own; the smallest correct setup is to
/// give B and C the CA of A (`ca.pem` and, just for signing, `ca.key`), renew
/// their node certificates with it, and take the CA key away again. A node
/// with its own CA is then refused on TLS, and both sides say so; so is an
/// attacker's client that ignores the server's certificate but presents one
/// from a CA of its own.
#[test]
fn insecure_off_links_nodes_that_share_a_ca_and_refuses_others() {
    let nodes: Vec<Node> = std::thread::scope(|s| {
        let handles: Vec<_> = ["A", "B", "C", "D"]
            .into_iter()
            .map(|n| s.spawn(move || Node::installed(n)))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let (a, b, c, d) = (&nodes[0], &nodes[1], &nodes[2], &nodes[3]);
    for n in [b, c] {
        for f in ["ca.pem", "ca.key"] {
            std::fs::copy(a.keys().join(f), n.keys().join(f)).unwrap();
        }
        let renewed = n.harper(&["renew-certs"]);
        assert!(renewed.ok().contains("renewed"), "{renewed:#?}");
        std::fs::remove_file(n.keys().join("ca.key")).unwrap();
    }
    std::thread::scope(|s| {
        for n in &nodes {
            s.spawn(move || {
                n.start();
                n.harper(&["op", "set_configuration", "clustering_tls_insecure=false"])
                    .ok();
                n.enable_clustering(CLUSTER_PASSWORD);
            });
        }
    });
    let cfg = a.json(&["op", "get_configuration"]);
    assert_eq!(cfg["clustering"]["tls"]["insecure"], false);
    assert_eq!(cfg["clustering"]["tls"]["verify"], true);
    b.route_to(a);
    c.route_to(b);
    a.wait_network(&["A", "B", "C"]);
    c.wait_network(&["A", "B", "C"]);

    d.route_to(a);
    let at_d = d.wait_mesh("D's route refused on TLS", |s| {
        route(s, a).is_some_and(|r| r["state"] == "refused")
    });
    let error = route(&at_d, a).unwrap()["last_error"].as_str().unwrap();
    assert!(error.contains("TLS failure"), "{at_d}");
    assert!(error.contains("UnknownIssuer"), "{at_d}");
    let at_a = a.wait_mesh("A to record the TLS refusal", |s| {
        !refusals(s, "tls_failure").is_empty()
    });
    assert_eq!(refusals(&at_a, "tls_failure")[0]["direction"], "inbound");
    for node in [a, d] {
        let table = node.harper(&["cluster", "status"]);
        assert!(table.ok().contains("TLS failure"), "{table:#?}");
    }
    // A client that does not check A's certificate (as D would with
    // `insecure: true`) but presents one from a CA of its own is refused by
    // A at TLS: with `insecure: false` A checks client certificates too.
    let foreign = tempfile::tempdir().unwrap();
    let local = peer::runtime().block_on(async {
        let s = peer::tcp(a.cluster_port).await.unwrap();
        let local = s.local_addr().unwrap().port();
        if let Ok(mut c) = peer::tls_over(s, peer::foreign_tls(foreign.path())).await {
            // TLS 1.3: the client finishes first; the refusal follows.
            let frames = c.until_closed(WAIT).await.expect("closed");
            assert!(frames.is_empty(), "{frames:?}");
        }
        local
    });
    let at_a = a.wait_mesh("A to refuse the foreign certificate", |s| {
        refusals(s, "tls_failure")
            .iter()
            .any(|e| e["addr"] == format!("127.0.0.1:{local}").as_str())
    });
    let refused = refusals(&at_a, "tls_failure")
        .into_iter()
        .find(|e| e["addr"] == format!("127.0.0.1:{local}").as_str())
        .unwrap();
    assert!(
        refused["message"]
            .as_str()
            .unwrap()
            .contains("UnknownIssuer"),
        "{at_a}"
    );
    assert_eq!(
        network_names(&a.json(&["cluster", "network"])),
        ["A", "B", "C"]
    );
    assert_eq!(network_names(&d.json(&["cluster", "network"])), ["D"]);
}

/// `route add` and `route remove` answer with HarperDB's JSON, are
/// idempotent, and change the links at once: a removed route's link drops on
/// both ends and stays down; added back, it comes up again.
#[test]
fn routes_are_idempotent_and_removing_one_drops_its_link_live() {
    let nodes = Node::clustered_many(&["A", "B"]);
    let (a, b) = (&nodes[0], &nodes[1]);
    let r = json!({"host": "127.0.0.1", "port": b.cluster_port});
    assert_eq!(
        a.json(&["route", "add", &b.route()]),
        json!({"message": "cluster routes successfully set", "set": [r], "skipped": []})
    );
    assert_eq!(
        a.json(&["route", "add", &b.route()]),
        json!({"message": "cluster routes successfully set", "set": [], "skipped": [r]})
    );
    a.wait_mesh("one link to B", |s| linked(s) == ["B"]);
    b.wait_network(&["A", "B"]);
    assert_eq!(a.json(&["route", "list"]), json!({"hub": [r], "leaf": []}));

    assert_eq!(
        a.json(&["route", "remove", &b.route()]),
        json!({"message": "cluster routes successfully deleted", "deleted": [r], "skipped": []})
    );
    assert_eq!(
        a.json(&["route", "remove", &b.route()]),
        json!({"message": "cluster routes successfully deleted", "deleted": [], "skipped": [r]})
    );
    a.wait_mesh("no route and no link", |s| {
        linked(s).is_empty() && s["mesh"]["routes"] == json!([])
    });
    b.wait_mesh("B's end of the link gone", |s| linked(s).is_empty());
    b.wait_network(&["B"]);
    a.wait_network(&["A"]);
    assert_eq!(a.json(&["route", "list"]), json!({"hub": [], "leaf": []}));

    // With `--wait` the link is up when the command returns.
    a.harper(&["route", "add", &b.route(), "--wait"]).ok();
    assert_eq!(linked(&a.mesh_status()), ["B"]);
    b.wait_network(&["A", "B"]);
}

/// `harper cluster enable` on a daemon that already serves data turns
/// clustering on in that process (same pid) and loses nothing.
#[test]
fn cluster_enable_on_a_serving_daemon_keeps_its_data() {
    let nodes: Vec<Node> = std::thread::scope(|s| {
        let a = s.spawn(|| Node::started("A"));
        let b = s.spawn(|| Node::clustered("B"));
        vec![a.join().unwrap(), b.join().unwrap()]
    });
    let (a, b) = (&nodes[0], &nodes[1]);
    a.harper(&["table", "create", "dev.dog", "--primary-key", "id"])
        .ok();
    a.harper(&[
        "insert",
        "dev.dog",
        r#"[{"id":1,"name":"Penny"},{"id":2,"name":"Kato"}]"#,
    ])
    .ok();
    let before = a.harper(&["cluster", "network"]);
    assert_eq!(before.code, 2, "{before:#?}");
    let pid = a.pid();

    a.enable_clustering(CLUSTER_PASSWORD);
    assert_eq!(
        a.pid(),
        pid,
        "enabling clustering must not restart the daemon"
    );
    assert_eq!(
        a.json(&["get", "dev.dog", "1", "2"]),
        json!([{"id":1,"name":"Penny"},{"id":2,"name":"Kato"}])
    );
    let more = a.json(&["insert", "dev.dog", r#"{"id":3,"name":"Riley"}"#]);
    assert_eq!(more["inserted_hashes"], json!([3]));
    assert_eq!(a.json(&["table", "describe", "dev.dog"])["record_count"], 3);
    // Enabling again changes nothing, and the node is a working mesh member.
    a.enable_clustering(CLUSTER_PASSWORD);
    a.route_to(b);
    b.wait_network(&["A", "B"]);
    assert_eq!(a.json(&["table", "describe", "dev.dog"])["record_count"], 3);
    a.harper(&["update", "dev.dog", r#"{"id":1,"name":"Penny II"}"#])
        .ok();
    assert_eq!(
        a.json(&["get", "dev.dog", "1"]),
        json!([{"id":1,"name":"Penny II"}])
    );
    // Disabling closes the links in both directions and keeps the data;
    // enabling again relinks.
    b.harper(&["cluster", "disable"]).ok();
    a.wait_mesh("A's link to B closed by B", |s| linked(s).is_empty());
    a.harper(&["cluster", "disable"]).ok();
    assert_eq!(a.json(&["table", "describe", "dev.dog"])["record_count"], 3);
    b.enable_clustering(CLUSTER_PASSWORD);
    a.enable_clustering(CLUSTER_PASSWORD);
    b.wait_network(&["A", "B"]);
    assert_eq!(
        a.json(&["get", "dev.dog", "1", "2", "3"])
            .as_array()
            .map(Vec::len),
        Some(3)
    );
    assert_eq!(a.pid(), pid);
}
