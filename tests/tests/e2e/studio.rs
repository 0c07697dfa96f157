//! The Studio page (`localStudio.enabled`) in a real headless Chromium
//! against real daemons: log in (a wrong password first), enable clustering,
//! add a route, toggle publish and watch records flow and then stop, a
//! refused route's red mark, disconnect and remove node, a phone's width,
//! no request leaving the page's origin. Skipped only when there is no
//! Chromium and `HARPER_REQUIRE_BROWSER` is unset (`.ci/run` sets it).
//! `studio_screenshot` (ignored) writes `$HARPER_SCREENSHOT` for
//! `scripts/screenshot`.

use harper_tests::browser::{self, Browser};
use harper_tests::http::Conn;
use harper_tests::{CLUSTER_PASSWORD, Node};
use serde_json::{Value, json};

/// A node with the Studio page on, started.
fn studio_node(name: &str) -> Node {
    let n = Node::new(name);
    n.install(&["--LOCALSTUDIO_ENABLED", "true"]);
    n.start();
    n
}

fn url(n: &Node) -> String {
    format!("http://127.0.0.1:{}/", n.operations_port)
}

/// `GET /` with no credentials.
fn get_slash(n: &Node) -> harper_tests::http::Answer {
    let mut c = Conn::open(n.operations_port);
    c.send_raw(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        .expect("send");
    c.read_answer().expect("an answer")
}

/// The text of every toast so far (they last a few seconds).
fn toasts(b: &mut Browser) -> String {
    b.eval("Array.from(document.querySelectorAll('.toast')).map(t => t.dataset.kind + ': ' + t.textContent).join('\\n')")
        .as_str()
        .unwrap_or("")
        .to_owned()
}

/// Wait for a toast of `kind` ("ok" or "error") containing `text`.
#[track_caller]
fn wait_toast(b: &mut Browser, kind: &str, text: &str) {
    let expr = format!(
        "Array.from(document.querySelectorAll('.toast')).some(t => t.dataset.kind === {k} && t.textContent.includes({t}))",
        k = json!(kind),
        t = json!(text)
    );
    b.wait(&format!("a {kind} toast with {text:?}"), &expr);
}

fn switch(node: &str, table: &str, flag: &str) -> String {
    format!("button[data-toggle=\"{flag}\"][data-node=\"{node}\"][data-table=\"{table}\"]")
}

#[track_caller]
fn wait_checked(b: &mut Browser, selector: &str, on: bool) {
    let expr = format!(
        "(document.querySelector({s}) || {{}}).getAttribute?.('aria-checked') === {v}",
        s = json!(selector),
        v = json!(on.to_string())
    );
    b.wait(&format!("{selector} to be {on}"), &expr);
}

fn log_in(b: &mut Browser, node: &Node) {
    b.goto(&url(node));
    b.wait("the login form", "!document.getElementById('login').hidden");
    b.fill("#login-username", "admin");
    b.fill("#login-password", "pw");
    b.click("#login-submit");
    b.wait("the app", "!document.getElementById('app').hidden");
}

fn get(n: &Node, table: &str, id: &str) -> Value {
    n.json(&["get", table, id])
}

fn insert(n: &Node, table: &str, records: Value) {
    n.harper(&["insert", table, &records.to_string()]).ok();
}

#[test]
fn get_slash_serves_the_page_only_when_local_studio_is_enabled() {
    let off = Node::started("studio-off");
    let a = get_slash(&off);
    assert_eq!(a.status, 405, "{a:?}");
    assert_eq!(
        a.json(),
        json!({"error": "Method not allowed: send operations with POST /"})
    );
    let on = studio_node("studio-on");
    let a = get_slash(&on);
    assert_eq!(a.status, 200, "{a:?}");
    assert_eq!(a.header("content-type"), Some("text/html; charset=utf-8"));
    let csp = a.header("content-security-policy").expect("a CSP");
    assert!(csp.starts_with("default-src 'none';"), "{csp}");
    assert!(csp.contains("frame-ancestors 'none'") && csp.contains("connect-src 'self'"));
    assert_eq!(a.header("x-frame-options"), Some("DENY"));
    assert_eq!(a.header("x-content-type-options"), Some("nosniff"));
    assert!(a.body.contains("Manage Clustering"));
    // Operations answer as before on the same port.
    let r = on.http(r#"{"operation":"cluster_status"}"#);
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["is_enabled"], false);
    // Only GET / is the page.
    let mut c = Conn::open(on.operations_port);
    c.send_raw(b"GET /studio.js HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    assert_eq!(c.read_answer().unwrap().status, 404);
}

#[test]
fn studio_page_manages_clustering_in_a_real_browser() {
    let Some(mut b) = browser::for_test() else {
        return;
    };
    let (a, bn) = (studio_node("studio-a"), studio_node("studio-b"));
    let c = Node::started("studio-c");
    for n in [&a, &bn] {
        n.harper(&["table", "create", "data.dog"]).ok();
        n.harper(&["table", "create", "data.cat"]).ok();
    }

    // A wrong password: the node's refusal, in red, and still the login form.
    b.goto(&url(&a));
    b.wait("the login form", "!document.getElementById('login').hidden");
    b.fill("#login-username", "admin");
    b.fill("#login-password", "not-the-password");
    b.click("#login-submit");
    b.wait(
        "the login refusal",
        "!document.getElementById('login-error').hidden && document.getElementById('login-error').textContent === 'Login failed'",
    );
    assert_eq!(b.eval("document.getElementById('app').hidden"), json!(true));
    assert_eq!(b.eval("sessionStorage.length"), json!(0));

    b.fill("#login-password", "pw");
    b.click("#login-submit");
    b.wait("the app", "!document.getElementById('app').hidden");
    // The login lives in this tab only, as a token (this build has them).
    assert_eq!(
        b.eval("JSON.parse(sessionStorage.getItem('harper.studio.auth')).kind"),
        json!("bearer")
    );
    assert_eq!(b.eval("localStorage.length"), json!(0));
    assert_eq!(b.eval("document.cookie"), json!(""));

    // Enable clustering from the panel; the node name is prefilled.
    b.wait(
        "the enable panel",
        "!document.getElementById('enable').hidden && document.getElementById('enable-node').value === 'studio-a'",
    );
    b.fill("#enable-password", CLUSTER_PASSWORD);
    b.click("#enable-submit");
    wait_toast(&mut b, "ok", "Clustering enabled on node 'studio-a'");
    b.wait(
        "the enable panel to go",
        "document.getElementById('enable').hidden",
    );
    assert_eq!(a.json(&["cluster", "status"])["is_enabled"], true);

    bn.enable_clustering(CLUSTER_PASSWORD);
    c.enable_clustering("not-the-cluster-password");

    // A route to B: B shows up as an unregistered instance, then its grid.
    b.fill("#route-host", "127.0.0.1");
    b.fill("#route-port", &bn.cluster_port.to_string());
    b.click("#route-add");
    wait_toast(&mut b, "ok", "cluster routes successfully set");
    b.wait(
        "studio-b among the unregistered instances",
        "!!document.querySelector('#list-unregistered li[data-node=\"studio-b\"]')",
    );
    let dog = switch("studio-b", "data.dog", "publish");
    let cat = switch("studio-b", "data.cat", "publish");
    wait_checked(&mut b, &dog, false);

    // Publish data.dog (and data.cat, the live link's witness) to B.
    b.click(&dog);
    wait_toast(&mut b, "ok", "Successfully updated 'studio-b'");
    wait_checked(&mut b, &dog, true);
    b.click(&cat);
    wait_checked(&mut b, &cat, true);
    b.wait(
        "studio-b among the connected instances, with its latency",
        "(document.querySelector('#list-connected li[data-node=\"studio-b\"]') || {textContent: ''}).textContent.includes('latency')",
    );
    insert(&a, "data.dog", json!([{"id": 1, "name": "Penny"}]));
    bn.wait_json("dog 1 on studio-b", &["get", "data.dog", "1"], |v| {
        v[0]["name"] == "Penny"
    });

    // Off again: the next record stays on A while data.cat still flows.
    b.click(&dog);
    wait_checked(&mut b, &dog, false);
    insert(&a, "data.dog", json!([{"id": 2, "name": "Harper"}]));
    insert(&a, "data.cat", json!([{"id": 1, "name": "Tom"}]));
    bn.wait_json("cat 1 on studio-b", &["get", "data.cat", "1"], |v| {
        v[0]["name"] == "Tom"
    });
    assert_eq!(get(&bn, "data.dog", "2"), json!([]));
    assert_eq!(get(&a, "data.dog", "2")[0]["name"], "Harper");

    // The mesh graph: both nodes, a link and a flow from A to B.
    b.wait(
        "the graph",
        "document.querySelectorAll('#graph [data-graph-node]').length === 2 && document.querySelectorAll('#graph .link').length === 1 && document.querySelectorAll('#graph .flow').length >= 1",
    );

    // A route to C, whose cluster password differs: a red mark and the reason.
    let c_route = format!("127.0.0.1:{}", c.cluster_port);
    b.fill("#route-host", "127.0.0.1");
    b.fill("#route-port", &c.cluster_port.to_string());
    b.click("#route-add");
    b.wait(
        "the refused route's red mark",
        &format!(
            "(() => {{ const li = document.querySelector('#list-unconnected li[data-node={n}]'); \
             return !!li && !!li.querySelector('.mark') && li.querySelector('.name.bad') !== null && \
             li.querySelector('.reason').textContent.includes('wrong cluster credentials'); }})()",
            n = json!(c_route)
        ),
    );
    b.wait(
        "the refused route's row",
        &format!(
            "(document.querySelector('tr.bad[data-route={n}]') || {{textContent: ''}}).textContent.includes('refused')",
            n = json!(c_route)
        ),
    );

    // A refusal from the node is shown as it said it, and changes nothing.
    b.fill("#route-host", "127.0.0.1");
    b.fill("#route-port", "-1");
    b.click("#route-add");
    wait_toast(
        &mut b,
        "error",
        "'routes[0].port' must be greater than or equal to 0",
    );

    // Values from the API are text, never markup: a route whose host is HTML.
    let evil = "<img src=x onerror=window.pwned=1>";
    let r = a.http(&json!({"operation": "cluster_set_routes", "server": "hub", "routes": [{"host": evil, "port": 1}]}).to_string());
    assert_eq!(r.status, 200, "{r:?}");
    b.wait(
        "the HTML host shown as text",
        &format!(
            "Array.from(document.querySelectorAll('#routes-body td')).some(td => td.textContent === {})",
            json!(format!("{evil}:1"))
        ),
    );
    assert_eq!(
        b.eval("[typeof window.pwned, document.querySelectorAll('main img').length]"),
        json!(["undefined", 0])
    );
    let r = a.http(
        &json!({"operation": "cluster_delete_routes", "routes": [{"host": evil, "port": 1}]})
            .to_string(),
    );
    assert_eq!(r.status, 200, "{r:?}");

    // Phone width: nothing sticks out sideways; tables scroll in their box.
    b.viewport(390, 844, true);
    b.wait(
        "the page to fit a phone",
        "document.documentElement.scrollWidth <= 391",
    );
    b.viewport(browser::WIDTH, browser::HEIGHT, false);

    // Disconnect C (its route), then remove B as a node.
    b.click(&format!(
        "#routes-body tr[data-route={}] button",
        json!(c_route)
    ));
    wait_toast(&mut b, "ok", "cluster routes successfully deleted");
    b.wait(
        "C's route to go",
        &format!(
            "!document.querySelector('tr[data-route={}]')",
            json!(c_route)
        ),
    );
    // B goes down: red, with the reason; a toggle the node refuses stays as
    // it was (nothing changes on screen until the node confirms).
    bn.stop();
    b.wait(
        "studio-b among the unconnected instances, marked",
        "!!document.querySelector('#list-unconnected li[data-node=\"studio-b\"] .mark')",
    );
    b.click(&dog);
    wait_toast(&mut b, "error", "studio-b");
    b.wait(
        "the refused toggle to settle",
        &format!(
            "!document.querySelector({}).hasAttribute('aria-busy')",
            json!(dog)
        ),
    );
    wait_checked(&mut b, &dog, false);
    b.click("button[data-key=\"rmnode-studio-b\"]");
    wait_toast(&mut b, "ok", "Successfully removed 'studio-b' from");
    b.wait(
        "studio-b gone from the added instances",
        "!document.querySelector('#list-connected li[data-node=\"studio-b\"], #list-unconnected li[data-node=\"studio-b\"]')",
    );

    // Nothing left the page's origin, and the policy refused nothing.
    let foreign = b.eval(&format!(
        "performance.getEntriesByType('resource').map(e => e.name).filter(n => !n.startsWith({}))",
        json!(url(&a).trim_end_matches('/'))
    ));
    assert_eq!(foreign, json!([]), "requests outside the origin");
    let console = b.console();
    assert!(
        !console
            .iter()
            .any(|l| l.contains("Content Security Policy") || l.starts_with("exception")),
        "{console:#?}\n{}",
        toasts(&mut b)
    );
}

#[test]
fn the_page_works_over_https_and_plain_http_is_refused_when_the_port_requires_https() {
    let n = Node::new("studio-tls");
    n.install(&[
        "--LOCALSTUDIO_ENABLED",
        "true",
        "--OPERATIONSAPI_NETWORK_HTTPS",
        "true",
        "--AUTHENTICATION_OPERATIONTOKENTIMEOUT",
        "2s",
    ]);
    n.start();
    let a = get_slash(&n);
    assert_eq!(a.status, 400, "{a:?}");
    assert!(a.body.contains("requires HTTPS"), "{a:?}");
    let Some(mut b) = browser::for_test() else {
        return;
    };
    b.goto(&format!("https://127.0.0.1:{}/", n.operations_port));
    b.wait("the login form", "!document.getElementById('login').hidden");
    b.fill("#login-username", "admin");
    b.fill("#login-password", "pw");
    b.click("#login-submit");
    b.wait(
        "the node's name over HTTPS",
        "document.getElementById('node-label').textContent === 'node studio-tls'",
    );
    // The page logged in with a token, and refreshes it when it expires
    // (2 s here) without asking for the password again.
    let first = b.eval("JSON.parse(sessionStorage.getItem('harper.studio.auth')).token");
    assert_eq!(
        b.eval("JSON.parse(sessionStorage.getItem('harper.studio.auth')).kind"),
        json!("bearer")
    );
    b.wait(
        "a refreshed token, still logged in",
        &format!(
            "JSON.parse(sessionStorage.getItem('harper.studio.auth')).token !== {} && document.getElementById('login').hidden && document.getElementById('offline').hidden",
            first
        ),
    );
}

/// The README's picture: two nodes, one table replicating each way.
#[test]
#[ignore = "writes $HARPER_SCREENSHOT; run by scripts/screenshot"]
fn studio_screenshot() {
    let path = std::env::var("HARPER_SCREENSHOT").expect("HARPER_SCREENSHOT names the PNG");
    let bin = browser::chromium().expect("a Chromium (apt-get install chromium)");
    let (a, bn) = (studio_node("edge"), studio_node("cloud"));
    for n in [&a, &bn] {
        n.enable_clustering(CLUSTER_PASSWORD);
        for t in ["data.dog", "data.cat", "dev.sensor"] {
            n.harper(&["table", "create", t]).ok();
        }
    }
    a.route_to(&bn);
    a.harper(&[
        "subscribe",
        "set",
        "cloud",
        "data.dog",
        "--publish",
        "true",
        "--subscribe",
        "true",
    ])
    .ok();
    a.harper(&[
        "subscribe",
        "set",
        "cloud",
        "dev.sensor",
        "--publish",
        "true",
        "--subscribe",
        "false",
    ])
    .ok();
    insert(&a, "data.dog", json!([{"id": 1, "name": "Penny"}]));
    let mut b = Browser::launch(&bin);
    log_in(&mut b, &a);
    b.wait(
        "the grid with both flows",
        "document.querySelectorAll('#list-connected li[data-node=\"cloud\"]').length === 1 && document.querySelectorAll('#graph .flow').length === 2",
    );
    b.screenshot(std::path::Path::new(&path));
    eprintln!("wrote {path}");
}
