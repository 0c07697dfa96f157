// harper Studio: the "Manage Clustering" page. Plain JavaScript, no library.
// Every value from the API reaches the page through textContent or
// setAttribute on an element made here, never as markup. Nothing changes on
// screen until the node has answered: toggles and lists are drawn from the
// node's own answers, polled every POLL_MS.
"use strict";
(function () {
  const POLL_MS = 3000;
  const TOAST_MS = 8000;
  const AUTH_KEY = "harper.studio.auth";
  const SVG_NS = "http://www.w3.org/2000/svg";

  const $ = (id) => document.getElementById(id);
  let state = null;
  let polling = false;
  let timer = null;
  let refreshing = null;

  // ---- elements -----------------------------------------------------------
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === "text") e.textContent = String(v);
      else if (k === "onclick") e.addEventListener("click", v);
      else e.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children) {
      if (c === null || c === undefined || c === false) continue;
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }
  function svg(tag, attrs) {
    const e = document.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
    return e;
  }

  // ---- credentials (this tab only) -----------------------------------------
  function loadAuth() {
    try { return JSON.parse(sessionStorage.getItem(AUTH_KEY) || "null"); } catch (_) { return null; }
  }
  function saveAuth(a) { sessionStorage.setItem(AUTH_KEY, JSON.stringify(a)); }
  function basic(user, password) {
    const bytes = new TextEncoder().encode(user + ":" + password);
    let bin = "";
    for (const b of bytes) bin += String.fromCharCode(b);
    return "Basic " + btoa(bin);
  }
  function header(a) { return a.kind === "bearer" ? "Bearer " + a.token : a.value; }

  // ---- the operations API ----------------------------------------------------
  async function post(body, authorization) {
    const headers = { "content-type": "application/json" };
    if (authorization) headers.authorization = authorization;
    let r;
    try {
      r = await fetch("/", { method: "POST", headers, body: JSON.stringify(body), credentials: "omit", cache: "no-store" });
    } catch (e) {
      return { ok: false, status: 0, data: { error: "The node did not answer: " + e.message } };
    }
    let data;
    try { data = await r.json(); } catch (_) { data = { error: "HTTP " + r.status + " with a body that is not JSON" }; }
    return { ok: r.ok, status: r.status, data };
  }

  // One operation as the logged-in user; an expired token is refreshed once.
  async function op(body) {
    const a = loadAuth();
    if (!a) { logout("Log in again."); return { ok: false, status: 401, data: { error: "Must login" } }; }
    let r = await post(body, header(a));
    if (!r.ok && a.kind === "bearer" && (r.status === 401 || r.status === 403) && /token/i.test(r.data.error || "")) {
      // One refresh for all the requests that found the token expired.
      if (!refreshing) {
        refreshing = post({ operation: "refresh_operation_token", refresh_token: a.refresh }, "Bearer " + a.refresh)
          .then((f) => {
            const now = loadAuth();
            if (f.ok && f.data.operation_token && now) { now.token = f.data.operation_token; saveAuth(now); return true; }
            return false;
          })
          .finally(() => { refreshing = null; });
      }
      if ((await refreshing) && loadAuth()) r = await post(body, header(loadAuth()));
    }
    if (r.status === 401) logout(r.data.error || "Login failed");
    return r;
  }

  function errorText(data) {
    if (!data) return "Unknown error";
    let t = typeof data.error === "string" ? data.error : JSON.stringify(data.error || data);
    if (Array.isArray(data.unauthorized_access) && data.unauthorized_access.length) t += ": " + data.unauthorized_access.join("; ");
    return t;
  }

  function toast(text, kind) {
    const t = el("div", { class: "toast " + (kind || ""), role: kind === "error" ? "alert" : "status", "data-kind": kind || "ok", text });
    $("toasts").append(t);
    setTimeout(() => t.remove(), TOAST_MS);
  }

  // Run an action: its control is disabled until the node answers, then its
  // message (or error) is shown and the page redrawn from fresh answers.
  async function act(control, body) {
    if (control) { control.disabled = true; control.setAttribute("aria-busy", "true"); }
    const r = await op(body);
    if (r.ok) toast(r.data.message || body.operation + ": done", "ok");
    else toast(errorText(r.data), "error");
    await refresh();
    if (control && control.isConnected) { control.disabled = false; control.removeAttribute("aria-busy"); }
    return r;
  }

  // ---- login -----------------------------------------------------------------
  async function login(ev) {
    ev.preventDefault();
    const user = $("login-username").value;
    const password = $("login-password").value;
    const b = basic(user, password);
    const err = $("login-error");
    err.hidden = true;
    $("login-submit").disabled = true;
    // Tokens when this build has them; otherwise Basic credentials.
    const r = await post({ operation: "create_authentication_tokens", username: user, password }, b);
    $("login-submit").disabled = false;
    if (r.ok && r.data.operation_token) {
      saveAuth({ kind: "bearer", token: r.data.operation_token, refresh: r.data.refresh_token });
    } else if (r.status === 400 && /not found/i.test(r.data.error || "")) {
      saveAuth({ kind: "basic", value: b });
    } else {
      err.textContent = errorText(r.data);
      err.hidden = false;
      return;
    }
    $("login-password").value = "";
    start();
  }

  function logout(why) {
    sessionStorage.removeItem(AUTH_KEY);
    if (timer) clearInterval(timer);
    timer = null;
    state = null;
    $("app").hidden = true;
    $("who").hidden = true;
    $("login").hidden = false;
    const err = $("login-error");
    if (why) { err.textContent = why; err.hidden = false; } else err.hidden = true;
  }

  function start() {
    $("login").hidden = true;
    $("app").hidden = false;
    $("who").hidden = false;
    refresh();
    if (!timer) timer = setInterval(refresh, POLL_MS);
  }

  // ---- polling -----------------------------------------------------------------
  async function refresh() {
    if (polling || !loadAuth()) return;
    polling = true;
    try {
      const [mesh, status, routes, schema] = await Promise.all([
        op({ operation: "cluster_mesh_status" }),
        op({ operation: "cluster_status", include_consumers: true }),
        op({ operation: "cluster_get_routes" }),
        op({ operation: "describe_all" }),
      ]);
      if (!loadAuth()) return;
      const failed = [mesh, status, routes, schema].find((r) => !r.ok);
      const off = $("offline");
      if (failed) {
        off.textContent = errorText(failed.data);
        off.hidden = false;
        if (!mesh.ok) return;
      } else off.hidden = true;
      let network = null;
      if (mesh.data.state === "running") {
        const n = await op({ operation: "cluster_network" });
        if (n.ok) network = n.data;
      }
      state = {
        mesh: mesh.data,
        status: status.ok ? status.data : { connections: [] },
        routes: routes.ok ? routes.data : { hub: [], leaf: [] },
        schema: schema.ok ? schema.data : {},
        network,
      };
      render();
      $("updated").textContent = "updated " + new Date().toLocaleTimeString();
    } finally {
      polling = false;
    }
  }

  // ---- the model: Studio's lists from the node's answers ---------------------------
  function model(s) {
    const self = s.mesh.node_name || "";
    const mesh = s.mesh.mesh || {};
    const records = (s.status.connections || []).filter((c) => c && typeof c.node_name === "string");
    const byName = new Map(records.map((c) => [c.node_name, c]));
    const routeStates = Array.isArray(mesh.routes) ? mesh.routes : [];
    const routes = [];
    for (const server of ["hub", "leaf"]) {
      for (const r of s.routes[server] || []) {
        const live = routeStates.find((x) => x.route && x.route.host === r.host && x.route.port === r.port);
        routes.push({ server, host: r.host, port: r.port, live });
      }
    }
    const routeOf = (name) => routes.find((r) => r.live && r.live.peer === name);
    const times = new Map(((s.network && s.network.nodes) || []).map((n) => [n.name, n.response_time]));
    const members = (Array.isArray(mesh.members) ? mesh.members : []).map((m) => m.name).filter((n) => n && n !== self);
    const connected = [], unconnected = [], unregistered = [];
    for (const c of records) {
      const problems = consumerProblems(c);
      const item = { name: c.node_name, record: c, route: routeOf(c.node_name), time: times.get(c.node_name), problems };
      if (c.status === "open") connected.push(item);
      else {
        const r = item.route && item.route.live;
        item.reason = "status " + c.status + (r && r.last_error ? ": " + r.last_error : "") +
          ". Instances must reach each other, both must run, and both must have the same cluster user name and password.";
        unconnected.push(item);
      }
    }
    for (const r of routes) {
      if (r.live && r.live.state === "up") continue;
      if (r.live && r.live.peer && byName.has(r.live.peer)) continue;
      unconnected.push({
        name: r.host + ":" + r.port, routeOnly: r, route: r,
        reason: r.live ? (r.live.state + (r.live.last_error ? ": " + r.live.last_error : "")) : "not dialled yet",
      });
    }
    for (const name of members) {
      if (!byName.has(name)) unregistered.push({ name, route: routeOf(name), time: times.get(name) });
    }
    return { self, mesh, records, routes, connected, unconnected, unregistered };
  }

  function consumerProblems(c) {
    const out = [];
    for (const k of c.consumers || []) {
      const why = k.last_error || k.stalled || (k.resync && k.resync.error);
      if (why) out.push({ database: k.database, table: k.table, why: typeof why === "string" ? why : JSON.stringify(why) });
    }
    return out;
  }

  // ---- drawing -------------------------------------------------------------------
  function render() {
    const focused = document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.key : null;
    const m = model(state);
    $("node-label").textContent = m.self ? "node " + m.self : "no node name";
    renderEnable(state.mesh);
    renderList("list-connected", m.connected, "connected", m);
    renderList("list-unconnected", m.unconnected, "unconnected", m);
    renderList("list-unregistered", m.unregistered, "unregistered", m);
    renderRoutes(m);
    renderGraph(m);
    renderManage(m);
    if (focused) {
      const again = document.querySelector('[data-key="' + CSS.escape(focused) + '"]');
      if (again) again.focus();
    }
  }

  function renderEnable(mesh) {
    const running = mesh.is_enabled && mesh.state === "running";
    $("enable").hidden = running;
    const e = $("enable-error");
    if (mesh.state === "failed" && mesh.error) { e.textContent = "Clustering failed to start: " + mesh.error; e.hidden = false; }
    else e.hidden = true;
    const n = $("enable-node");
    if (!n.value && document.activeElement !== n && mesh.node_name) n.value = mesh.node_name;
  }

  function removeRouteButton(r, key, label) {
    return el("button", {
      type: "button", class: "small ghost", "data-key": key, title: "Disconnect From This Instance",
      "aria-label": "Disconnect from " + r.host + ":" + r.port,
      onclick: (ev) => act(ev.currentTarget, { operation: "cluster_delete_routes", routes: [{ host: r.host, port: r.port }] }),
    }, label || "\u2212 Disconnect");
  }

  function renderList(id, items, type, m) {
    const ul = $(id);
    ul.replaceChildren();
    if (!items.length) { ul.append(el("li", { class: "muted" }, "There are no " + type + " instances")); return; }
    for (const it of items) {
      const bad = type === "unconnected" || (it.problems && it.problems.length);
      const li = el("li", { "data-node": it.name, "data-list": type });
      const name = el("span", { class: "name" + (bad ? " bad" : "") });
      if (bad) name.append(el("span", { class: "mark", "aria-hidden": "true", title: "Why isn't this instance clustering?" }, "!"));
      name.append(it.name);
      li.append(name);
      if (it.route && !it.routeOnly) li.append(removeRouteButton(it.route, "disc-" + it.name));
      if (it.routeOnly) {
        li.append(el("button", {
          type: "button", class: "small danger", "data-key": "rmroute-" + it.name, "aria-label": "Remove route " + it.name,
          onclick: (ev) => act(ev.currentTarget, { operation: "cluster_delete_routes", routes: [{ host: it.routeOnly.host, port: it.routeOnly.port }] }),
        }, "Remove route"));
      } else if (it.record) {
        li.append(el("button", {
          type: "button", class: "small danger", "data-key": "rmnode-" + it.name, "aria-label": "Remove node " + it.name,
          onclick: (ev) => act(ev.currentTarget, { operation: "remove_node", node_name: it.name }),
        }, "Remove node"));
      } else {
        li.append(el("button", {
          type: "button", class: "small", "data-key": "addnode-" + it.name, title: "Replicate every table of this node both ways",
          "aria-label": "Add node " + it.name,
          onclick: (ev) => act(ev.currentTarget, { operation: "add_node", node_name: it.name, subscriptions: allTables(true) }),
        }, "+ Add node"));
      }
      const facts = [];
      if (it.record) {
        facts.push("status " + it.record.status);
        if (typeof it.record.latency_ms === "number") facts.push("latency " + it.record.latency_ms + " ms");
        if (it.record.uptime) facts.push("uptime " + it.record.uptime);
      } else if (typeof it.time === "number") facts.push("response " + it.time + " ms");
      if (it.route && it.route.live && !it.routeOnly) facts.push("route " + it.route.host + ":" + it.route.port + " " + it.route.live.state);
      if (facts.length) li.append(el("span", { class: "facts" }, facts.join(" \u00b7 ")));
      if (it.reason) li.append(el("span", { class: "reason", "data-reason": "" }, it.reason));
      for (const p of it.problems || []) li.append(el("span", { class: "reason", "data-reason": "" }, p.database + "." + p.table + ": " + p.why));
      ul.append(li);
    }
  }

  function renderRoutes(m) {
    const body = $("routes-body");
    body.replaceChildren();
    if (!m.routes.length) {
      body.append(el("tr", {}, el("td", { colspan: 4, class: "muted" }, "No routes: add another node's host and cluster port.")));
      return;
    }
    for (const r of m.routes) {
      const live = r.live;
      const up = live && live.state === "up";
      const cell = el("td", {}, live ? live.state + (live.peer ? " (" + live.peer + ")" : "") : "not dialled");
      if (live && live.last_error) cell.append(el("div", { class: "reason" }, live.last_error));
      body.append(el("tr", { class: up ? "" : "bad", "data-route": r.host + ":" + r.port },
        el("td", {}, r.host + ":" + r.port), el("td", {}, r.server), cell,
        el("td", {}, removeRouteButton(r, "route-" + r.host + ":" + r.port, "Remove"))));
    }
  }

  // The mesh as a ring: grey lines are links, green arrows the way data flows
  // for this node's subscriptions, red dashes nodes it cannot reach.
  function renderGraph(m) {
    const box = $("graph");
    const names = [m.self];
    const add = (n) => { if (n && !names.includes(n)) names.push(n); };
    for (const mb of m.mesh.members || []) add(mb.name);
    for (const c of m.records) add(c.node_name);
    const W = 420, H = 260, R = 20;
    const cx = W / 2, cy = H / 2, rad = names.length > 1 ? Math.min(W, H) / 2 - 40 : 0;
    const pos = new Map(names.map((n, i) => {
      const a = -Math.PI / 2 + (2 * Math.PI * i) / names.length;
      return [n, { x: cx + rad * Math.cos(a), y: cy + rad * Math.sin(a) }];
    }));
    const s = svg("svg", { viewBox: "0 0 " + W + " " + H, role: "img" });
    const title = svg("title");
    const flows = [];
    const defs = svg("defs");
    const marker = svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" });
    const tip = svg("path", { d: "M0,0 L10,5 L0,10 z", fill: "#17803d" });
    marker.append(tip);
    defs.append(marker);
    s.append(title, defs);
    const seen = new Set();
    for (const mb of m.mesh.members || []) {
      for (const peer of mb.links || []) {
        const k = [mb.name, peer].sort().join("\u0000");
        if (seen.has(k) || !pos.has(peer)) continue;
        seen.add(k);
        const a = pos.get(mb.name), b = pos.get(peer);
        s.append(svg("line", { class: "link", x1: a.x, y1: a.y, x2: b.x, y2: b.y }));
      }
    }
    const me = pos.get(m.self);
    for (const c of m.records) {
      const p = pos.get(c.node_name);
      if (!p || !me) continue;
      if (c.status !== "open") {
        s.append(svg("line", { class: "bad-link", x1: me.x, y1: me.y, x2: p.x, y2: p.y }));
        continue;
      }
      const subs = c.subscriptions || [];
      if (subs.some((x) => x.publish)) { arrow(s, me, p, 6, R); flows.push(m.self + " to " + c.node_name); }
      if (subs.some((x) => x.subscribe)) { arrow(s, p, me, 6, R); flows.push(c.node_name + " to " + m.self); }
    }
    for (const n of names) {
      const p = pos.get(n);
      const rec = m.records.find((c) => c.node_name === n);
      const g = svg("g", { class: "n" + (n === m.self ? " self" : "") + (rec && rec.status !== "open" ? " bad" : ""), "data-graph-node": n });
      g.append(svg("circle", { cx: p.x, cy: p.y, r: R }));
      // The name outside the ring, away from the lines.
      const ox = p.x - cx, oy = p.y - cy, d = Math.hypot(ox, oy);
      const lx = d ? p.x + (ox / d) * (R + 14) : p.x, ly = d ? p.y + (oy / d) * (R + 14) : p.y + R + 12;
      const t = svg("text", { x: lx, y: ly });
      t.textContent = n.length > 18 ? n.slice(0, 17) + "\u2026" : n;
      g.append(t);
      s.append(g);
    }
    title.textContent = "Mesh of " + names.length + " node(s). " + (flows.length ? "Data flows from " + flows.join(", ") + "." : "No data flows yet.");
    s.setAttribute("aria-label", title.textContent);
    box.replaceChildren(s);
  }

  // An arrow from a to b, shifted sideways by `off` so both directions show.
  function arrow(s, a, b, off, r) {
    const dx = b.x - a.x, dy = b.y - a.y, len = Math.hypot(dx, dy) || 1;
    const ux = dx / len, uy = dy / len, nx = -uy * off, ny = ux * off;
    s.append(svg("line", {
      class: "flow", "marker-end": "url(#arrow)",
      x1: a.x + ux * r + nx, y1: a.y + uy * r + ny, x2: b.x - ux * (r + 2) + nx, y2: b.y - uy * (r + 2) + ny,
    }));
  }

  function localTables() {
    const out = [];
    for (const [db, tables] of Object.entries(state.schema || {})) {
      if (!tables || typeof tables !== "object") continue;
      for (const t of Object.keys(tables)) out.push({ database: db, table: t });
    }
    return out;
  }
  function allTables(both) {
    return localTables().map((t) => ({ database: t.database, table: t.table, publish: both, subscribe: both }));
  }

  // Per node, one row per database x table: publish and subscribe as
  // switches that only show what the node last said.
  function renderManage(m) {
    const box = $("manage");
    box.replaceChildren();
    const nodes = m.records.map((c) => c.node_name).concat(m.unregistered.map((u) => u.name));
    if (!nodes.length) {
      box.append(el("p", { class: "muted" }, "Please connect at least one instance to configure clustering"));
      return;
    }
    for (const name of nodes) {
      const rec = m.records.find((c) => c.node_name === name);
      const rows = new Map();
      for (const t of localTables()) rows.set(t.database + "." + t.table, { database: t.database, table: t.table, publish: false, subscribe: false });
      for (const sub of (rec && rec.subscriptions) || []) {
        const db = sub.database || sub.schema;
        const k = db + "." + sub.table;
        rows.set(k, { database: db, table: sub.table, publish: !!sub.publish, subscribe: !!sub.subscribe });
      }
      const block = el("div", { class: "node-block", "data-manage-node": name });
      block.append(el("h3", {}, name + (rec ? "" : " (unregistered)")));
      if (!rows.size) { block.append(el("p", { class: "muted" }, "No databases or tables on this node yet.")); box.append(block); continue; }
      const tbody = el("tbody");
      const keys = Array.from(rows.keys()).sort();
      for (const k of keys) {
        const row = rows.get(k);
        const cons = ((rec && rec.consumers) || []).filter((c) => c.database === row.database && c.table === row.table);
        const sub = cons.find((c) => c.direction === "subscribe");
        const pub = cons.find((c) => c.direction === "publish");
        const problem = cons.map((c) => c.last_error || c.stalled).find((x) => x);
        const lag = [];
        if (pub && pub.lag_messages !== null && pub.lag_messages !== undefined) lag.push("out " + pub.lag_messages);
        if (sub && sub.lag_messages !== null && sub.lag_messages !== undefined) lag.push("in " + sub.lag_messages + (typeof sub.lag_ms === "number" ? " (" + sub.lag_ms + " ms)" : ""));
        const stateCell = el("td", {}, sub ? String(sub.state || "") : "");
        if (problem) stateCell.append(el("div", { class: "reason" }, el("span", { class: "mark", "aria-hidden": "true" }, "!"), typeof problem === "string" ? problem : JSON.stringify(problem)));
        tbody.append(el("tr", { class: problem ? "bad" : "", "data-row": name + "/" + k },
          el("td", {}, row.database), el("td", {}, row.table),
          el("td", {}, toggle(name, row, "publish")), el("td", {}, toggle(name, row, "subscribe")),
          el("td", {}, lag.join(", ") || "\u2013"), el("td", {}, sub ? String(sub.gaps_repaired || 0) : "\u2013"), stateCell));
      }
      const table = el("table", { class: "grid" },
        el("thead", {}, el("tr", {}, ...["database", "table", "publish", "subscribe", "lag (messages)", "gap repairs", "state"].map((h) => el("th", { scope: "col" }, h)))),
        tbody);
      block.append(el("div", { class: "scroll" }, table));
      box.append(block);
    }
  }

  function toggle(node, row, flag) {
    const on = row[flag];
    return el("button", {
      type: "button", role: "switch", "aria-checked": on ? "true" : "false",
      "aria-label": flag + " " + row.database + "." + row.table + " to " + node,
      "data-key": "t-" + node + "/" + row.database + "." + row.table + "/" + flag,
      "data-toggle": flag, "data-node": node, "data-table": row.database + "." + row.table,
      onclick: (ev) => {
        const sub = { database: row.database, table: row.table, publish: row.publish, subscribe: row.subscribe };
        sub[flag] = !on;
        act(ev.currentTarget, { operation: "set_node_replication", node_name: node, subscriptions: [sub] });
      },
    });
  }

  // ---- forms ---------------------------------------------------------------------
  $("login-form").addEventListener("submit", login);
  $("logout").addEventListener("click", () => logout(null));
  $("refresh").addEventListener("click", () => refresh());
  $("enable-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const body = { operation: "cluster_enable", cluster_user: $("enable-user").value, node_name: $("enable-node").value };
    const pw = $("enable-password").value;
    if (pw) body.cluster_password = pw;
    act($("enable-submit"), body).then((r) => { if (r.ok) $("enable-password").value = ""; });
  });
  $("route-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const portText = $("route-port").value.trim();
    const port = /^\d+$/.test(portText) ? Number(portText) : portText;
    act($("route-add"), { operation: "cluster_set_routes", server: $("route-server").value, routes: [{ host: $("route-host").value.trim(), port }] })
      .then((r) => { if (r.ok) { $("route-host").value = ""; $("route-port").value = ""; } });
  });

  if (loadAuth()) start();
})();
