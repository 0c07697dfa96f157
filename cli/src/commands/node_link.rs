//! `harper node connect|disconnect NAME`: the Studio's Connect and Disconnect
//! for a node the mesh knows by name. Connect adds a hub route to the node's
//! cluster address (cluster_set_routes); disconnect removes this node's routes
//! whose link leads to it (cluster_delete_routes). Subscriptions are left as
//! they are: a node still reachable through another one keeps replicating.
//!
//! A member's gossip gives its name and cluster port but not its host: the
//! host is taken from the routes that the node's linked neighbours gossip
//! (a route to that port from a node linked to it), or from `--host`.

use std::collections::BTreeSet;

use super::node::WaitArgs;
use super::prelude::*;
use super::route::{LINK_DEADLINE, wait_for_routes};

/// The mesh of this node, or why there is none.
async fn running_mesh(client: &Client) -> CliResult<MeshStatus> {
    let s = client.call(&ClusterMeshStatus {}).await?;
    match (s.state, s.mesh) {
        (ClusteringState::Running, Some(m)) => Ok(m),
        (ClusteringState::Failed, _) => Err(CliError::failed(format!(
            "clustering failed to start on this node: {}",
            show(&s.error)
        ))),
        _ => Err(CliError::failed("clustering is not enabled on this node")
            .with_hint("harper cluster enable")),
    }
}

/// Where `name` listens, from what the mesh gossips: the routes to its
/// cluster port of the members linked to it, less our own routes known to
/// lead elsewhere. Exactly one, or an error that says what was found.
fn address_of(mesh: &MeshStatus, name: &str, host: Option<&str>) -> CliResult<Route> {
    let Some(member) = mesh.members.iter().find(|m| m.name == name) else {
        return Err(CliError::failed(format!(
            "no node named {} is known to the mesh of this node",
            show(&name)
        ))
        .with_hint("harper node list (or add a route to it: harper route add HOST:PORT)"));
    };
    let port = member.cluster_port;
    if let Some(host) = host {
        return format!("{host}:{port}")
            .parse::<Route>()
            .map_err(|e| CliError::usage(format!("--host {}: {e}", show(&host))));
    }
    let elsewhere: BTreeSet<&Route> = mesh
        .routes
        .iter()
        .filter(|r| r.peer.as_deref().is_some_and(|p| p != name))
        .map(|r| &r.route)
        .collect();
    let found: BTreeSet<&Route> = mesh
        .members
        .iter()
        .filter(|m| m.name != name && m.links.iter().any(|l| l == name))
        .flat_map(|m| &m.routes)
        .filter(|r| r.port == port && !elsewhere.contains(r))
        .collect();
    let mut found = found.into_iter();
    match (found.next(), found.next()) {
        (Some(r), None) => Ok(r.clone()),
        (None, _) => Err(CliError::failed(format!(
            "the mesh does not say where {} listens (no node linked to it has a route to its cluster port {port})",
            show(&name)
        ))
        .with_hint(format!("harper node connect {} --host HOST", show(&name)))),
        (Some(a), Some(b)) => Err(CliError::failed(format!(
            "{} may listen at {} or {} (routes to its cluster port {port})",
            show(&name),
            route_text(a),
            route_text(b)
        ))
        .with_hint(format!("harper node connect {} --host HOST", show(&name)))),
    }
}

/// `harper node connect NAME [--host HOST] [--wait [--timeout D]]`.
pub async fn node_connect(
    g: &Global,
    name: NodeName,
    host: Option<String>,
    wait: WaitArgs,
) -> CliResult {
    let client = connect(g).await?;
    let mesh = running_mesh(&client).await?;
    if mesh.node == name.as_str() {
        return Err(CliError::usage(format!(
            "{} is this node",
            show(&name.as_str())
        )));
    }
    if host.is_none()
        && let Some(l) = mesh.links.iter().find(|l| l.peer == name.as_str())
    {
        // Already linked (either side dialled): nothing to add.
        let value =
            json!({"message": "already linked", "node_name": name.as_str(), "addr": l.addr});
        if !output::machine(g.output, &value)? {
            output::out(&format!(
                "{} is already linked to this node ({} {})",
                show(&name.as_str()),
                show(&l.direction),
                show(&l.addr)
            ))?;
        }
        return Ok(());
    }
    let route = address_of(&mesh, name.as_str(), host.as_deref())?;
    let answer = client
        .call_raw(&ClusterSetRoutes {
            server: RouteServer::Hub,
            routes: vec![route.clone()],
        })
        .await?;
    let already = !answer.typed.skipped.is_empty();
    print_answer(g, answer, |_| {
        if already {
            format!(
                "this node already has a route to {} ({})",
                show(&name.as_str()),
                route_text(&route)
            )
        } else {
            format!(
                "route {} added: this node dials {}",
                route_text(&route),
                show(&name.as_str())
            )
        }
    })?;
    if let Some(deadline) = wait.deadline(LINK_DEADLINE) {
        wait_for_routes(&client, Some(std::slice::from_ref(&route)), deadline).await?;
    }
    Ok(())
}

/// `harper node disconnect NAME`: remove the routes whose link leads to it.
pub async fn node_disconnect(g: &Global, name: NodeName) -> CliResult {
    let client = connect(g).await?;
    let mesh = running_mesh(&client).await?;
    let routes: Vec<Route> = mesh
        .routes
        .iter()
        .filter(|r| r.peer.as_deref() == Some(name.as_str()))
        .map(|r| r.route.clone())
        .collect();
    if routes.is_empty() {
        let inbound = mesh
            .links
            .iter()
            .any(|l| l.peer == name.as_str() && l.direction == Direction::Inbound);
        return Err(if inbound {
            CliError::failed(format!(
                "{} dialled this node: the link is its route, not one of this node's",
                show(&name.as_str())
            ))
            .with_hint(format!(
                "on {}: harper route remove {}",
                show(&name.as_str()),
                show(&mesh.listen)
            ))
        } else {
            CliError::failed(format!(
                "this node has no route to {}",
                show(&name.as_str())
            ))
            .with_hint("harper route list")
        });
    }
    let answer = client.call_raw(&ClusterDeleteRoutes { routes }).await?;
    print_answer(g, answer, |r| {
        let removed: Vec<String> = r.deleted.iter().map(|x| show(&x.to_string())).collect();
        format!(
            "removed route {} to {}",
            removed.join(", "),
            show(&name.as_str())
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(name: &str, port: u16, links: &[&str], routes: &[&str]) -> MeshMember {
        MeshMember {
            name: name.into(),
            instance: "i".into(),
            version: "v".into(),
            links: links.iter().map(|s| s.to_string()).collect(),
            routes: routes.iter().map(|r| r.parse().unwrap()).collect(),
            cluster_port: port,
            operations_port: None,
            incarnation: 1,
        }
    }

    fn mesh(members: Vec<MeshMember>) -> MeshStatus {
        MeshStatus {
            node: "A".into(),
            listen: "127.0.0.1:1".into(),
            links: vec![],
            routes: vec![],
            events: vec![],
            members,
        }
    }

    #[test]
    fn the_address_comes_from_a_linked_neighbours_route() {
        let m = mesh(vec![
            member("A", 1, &["B"], &["10.0.0.2:9932"]),
            member("B", 9932, &["A", "C"], &["10.0.0.3:9932"]),
            member("C", 9932, &["B"], &[]),
        ]);
        assert_eq!(
            address_of(&m, "C", None).unwrap().to_string(),
            "10.0.0.3:9932"
        );
        assert_eq!(
            address_of(&m, "C", Some("h")).unwrap().to_string(),
            "h:9932"
        );
        assert!(
            address_of(&m, "Z", None)
                .unwrap_err()
                .message
                .contains("no node named Z")
        );
    }

    #[test]
    fn an_unknown_or_ambiguous_address_asks_for_the_host() {
        let m = mesh(vec![
            member("B", 9932, &["C", "D"], &["10.0.0.3:9932", "10.0.0.4:9932"]),
            member("C", 9932, &["B"], &[]),
            member("D", 9932, &["B"], &[]),
        ]);
        let e = address_of(&m, "C", None).unwrap_err();
        assert!(e.message.contains("may listen at"), "{}", e.message);
        assert!(e.hint.unwrap().contains("--host"));
        let lonely = mesh(vec![member("C", 9932, &[], &[])]);
        assert!(
            address_of(&lonely, "C", None)
                .unwrap_err()
                .message
                .contains("does not say")
        );
    }
}
