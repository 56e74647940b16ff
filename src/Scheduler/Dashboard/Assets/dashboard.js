// MiniPaas dashboard: renders the snapshots the scheduler pushes on /api/stream (server-sent
// events). No framework, no network access beyond this origin. Every render rebuilds the DOM
// from the newest snapshot; the browser never reloads.
"use strict";

// Set once per page load; the browser test checks it never changes (no reload happened).
window.__dashboardLoadId = Math.random().toString(36).slice(2) + Date.now().toString(36);
window.__dashboardSnapshots = 0;

(function () {
  const RECENT_CRASH_MS = 20000;
  let latest = null;
  let selectedLogApp = "";

  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "text") el.textContent = value;
      else if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
      else el.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined) continue;
      el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return el;
  }

  const $ = (id) => document.getElementById(id);

  function duration(ms) {
    if (ms === null || ms === undefined) return "—";
    const s = Math.floor(ms / 1000);
    if (s < 60) return s + "s";
    const m = Math.floor(s / 60);
    if (m < 60) return m + "m" + String(s % 60).padStart(2, "0") + "s";
    const hours = Math.floor(m / 60);
    if (hours < 48) return hours + "h" + String(m % 60).padStart(2, "0") + "m";
    return Math.floor(hours / 24) + "d";
  }

  function clock(iso) {
    const d = new Date(iso);
    return isNaN(d) ? iso : d.toLocaleTimeString([], { hour12: false });
  }

  function mb(value) {
    return value >= 1024 ? (value / 1024).toFixed(1) + " GB" : value + " MB";
  }

  function usageBar(used, capacity) {
    const bar = h("div", { class: "bar" });
    const fill = h("span");
    fill.style.width = capacity > 0 ? Math.min(100, (100 * used) / capacity).toFixed(1) + "%" : "0%";
    bar.append(fill);
    return bar;
  }

  function renderNodes(snapshot) {
    const nodes = snapshot.nodes.map((n) => {
      const capInstances = n.capacity.instances > 0 ? n.capacity.instances : "∞";
      const stale = n.state === "ready" && n.heartbeatAgeMs > snapshot.nodeTtlMs / 2;
      return h("div", { class: "node", "data-node": n.id, "data-state": n.state },
        h("div", { class: "title" }, h("span", { text: n.id }), h("span", { class: "small", "data-testid": "node-state", text: n.state })),
        h("div", { class: "small muted", text: n.address + " · ports " + n.ports }),
        h("div", { class: "small", text: "memory " + mb(n.reserved.memoryMb) + " / " + mb(n.capacity.memoryMb) }),
        usageBar(n.reserved.memoryMb, n.capacity.memoryMb),
        h("div", { class: "small", text: "instances " + n.reserved.instances + " / " + capInstances + " (" + n.running + " running)" }),
        n.capacity.instances > 0 ? usageBar(n.reserved.instances, n.capacity.instances) : null,
        h("div", { class: "small" + (stale ? " note" : " muted"), "data-testid": "heartbeat", text: "last heartbeat " + duration(n.heartbeatAgeMs) + " ago" }));
    });
    $("nodes").replaceChildren(...(nodes.length ? nodes : [h("p", { class: "muted", text: "no node has registered" })]));
  }

  function sparkline(title, points, pick, format, extraClass) {
    const values = points.map(pick);
    const numbers = values.filter((v) => v !== null && v !== undefined);
    const last = values.length ? values[values.length - 1] : null;
    const max = Math.max(1e-9, ...numbers);
    const width = 100, height = 30;
    const coords = values.map((v, i) => {
      const x = values.length > 1 ? (i * width) / (values.length - 1) : width;
      const y = v === null || v === undefined ? height : height - (v / max) * (height - 2) - 1;
      return x.toFixed(1) + "," + y.toFixed(1);
    });
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 " + width + " " + height);
    svg.setAttribute("preserveAspectRatio", "none");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", title + " over the last minute");
    const line = document.createElementNS(ns, "polyline");
    line.setAttribute("points", coords.join(" "));
    svg.append(line);
    return h("div", { class: "chart" + (extraClass ? " " + extraClass : ""), "data-chart": title },
      h("div", { class: "label" }, h("span", { text: title }), h("span", { class: "value", text: last === null || last === undefined ? "—" : format(last) })),
      svg);
  }

  function recentCrashes(snapshot, app) {
    const now = new Date(snapshot.now).getTime();
    const byIndex = new Map();
    for (const e of snapshot.events) {
      if (e.app === app && e.kind === "instance.crashed" && now - new Date(e.time).getTime() < RECENT_CRASH_MS) byIndex.set(e.index, e);
    }
    return byIndex;
  }

  function instanceCell(app, i, crashes) {
    const crash = crashes.get(i.index);
    const killable = i.desired === "run" && (i.state === "running" || i.state === "starting");
    return h("div", {
      class: "instance", "data-instance": i.id, "data-index": i.index, "data-state": i.state,
      "data-recent-crash": crash ? "true" : null, title: i.id,
    },
      h("div", { class: "row" }, h("span", { class: "state", text: i.state }), h("span", { text: "#" + i.index + " v" + i.release })),
      h("div", { class: "row" }, h("span", { text: i.node }), h("span", { class: "mono", text: i.address || "—" })),
      h("div", { class: "row" }, h("span", { text: i.state === "running" ? "up " + duration(i.uptimeMs) : "for " + duration(i.stateAgeMs) }),
        h("span", { "data-testid": "restarts", text: "restarts " + i.restarts })),
      i.desired === "stop" ? h("div", { class: "msg", text: "being stopped" }) : null,
      crash ? h("div", { class: "msg", "data-testid": "recent-crash", text: "crashed " + duration(new Date(latest.now) - new Date(crash.time)) + " ago" }) : null,
      h("div", { class: "msg", "data-testid": "health", text: i.message ? "last: " + i.message + (i.exitCode ? " (exit " + i.exitCode + ")" : "") : "" }),
      killable ? h("button", { class: "danger", "data-action": "kill", onclick: () => confirmKill(app, i) }, "Kill") : null);
  }

  function renderApps(snapshot) {
    const m = snapshot.metrics;
    $("metrics-status").textContent = m.error
      ? "router metrics: " + m.error + (m.source ? " (" + m.source + ")" : "")
      : "router metrics from " + m.source + ", scraped " + (m.lastScrape ? clock(m.lastScrape) : "—");
    const apps = snapshot.apps.map((a) => {
      const complete = a.running === a.desired;
      const crashes = recentCrashes(snapshot, a.name);
      const kv = h("dl", { class: "kv" },
        h("dt", { text: "release" }), h("dd", { "data-testid": "release" }, a.release ? "v" + a.release.version + " (" + a.release.description + ", " + (a.release.stack || "no stack") + ")" : "none yet"),
        h("dt", { text: "digest" }), h("dd", { class: "mono", "data-testid": "digest", text: a.release ? a.release.digest : "—" }),
        h("dt", { text: "routes" }), h("dd", {}, ...a.routes.map((url, n) => [n ? ", " : "", h("a", { href: url, target: "_blank", rel: "noopener", text: url })])),
        h("dt", { text: "services" }), h("dd", { "data-testid": "services", class: a.services.length ? "" : "muted", text: a.services.length
          ? a.services.map((s) => s.name + " (" + s.service + " / " + s.plan + (s.state === "create succeeded" ? "" : ", " + s.state) + ")").join(", ")
          : "none bound" }),
        a.placementError ? [h("dt", { text: "placement" }), h("dd", { class: "note", text: a.placementError })] : null,
        a.rolloutHalted ? [h("dt", { text: "rollout" }), h("dd", { class: "note", text: "halted: new instances keep crashing" })] : null);
      const points = a.metrics || [];
      const charts = h("div", { class: "charts" },
        sparkline("req/s", points, (p) => p.rps, (v) => v.toFixed(1)),
        sparkline("p50", points, (p) => p.p50, (v) => v.toFixed(1) + " ms"),
        sparkline("p99", points, (p) => p.p99, (v) => v.toFixed(1) + " ms"),
        sparkline("5xx", points, (p) => p.err, (v) => (100 * v).toFixed(1) + "%", "err"));
      return h("article", { class: "app", "data-app": a.name },
        h("div", { class: "head" },
          h("span", { class: "name", text: a.name }),
          h("span", { class: "count", "data-testid": "app-running", "data-complete": String(complete), title: "running / desired", text: a.running + "/" + a.desired }),
          h("span", { class: "muted small", text: a.state + " · " + a.memoryMb + " MB each" })),
        kv, charts,
        h("div", { class: "grid", "data-testid": "instances" }, a.instances.map((i) => instanceCell(a, i, crashes))));
    });
    $("apps").replaceChildren(...(apps.length ? apps : [h("p", { class: "muted", text: "no apps yet: minipaas push" })]));
  }

  function eventItem(e) {
    const where = [e.app, e.index >= 0 ? "#" + e.index : "", e.node ? "@" + e.node : ""].join("");
    return h("li", { "data-kind": e.kind, "data-app": e.app, "data-index": e.index },
      h("span", { class: "muted", text: clock(e.time) }),
      h("span", { class: "kind", text: e.kind }),
      h("span", { class: "msg", text: (where ? where + " " : "") + e.message }));
  }

  function renderEvents(snapshot) {
    const list = $("events");
    const atTop = list.scrollTop < 8;
    list.replaceChildren(...snapshot.events.slice().reverse().map(eventItem));
    if (atTop) list.scrollTop = 0;
  }

  // The live tail of one app from the log aggregator (through the scheduler, which holds the token).
  const maxLogLines = 500;
  let logSource = null;
  let logSourceApp = "";

  function closeLogTail() {
    if (logSource) logSource.close();
    logSource = null;
    logSourceApp = "";
  }

  function openLogTail(app) {
    closeLogTail();
    const list = $("log-lines");
    list.replaceChildren();
    if (!app) return;
    logSourceApp = app;
    logSource = new EventSource("/api/apps/" + encodeURIComponent(app) + "/logs/stream");
    logSource.addEventListener("line", (message) => {
      const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 8;
      list.append(h("li", { class: "log-line" }, h("span", { class: "msg mono", text: message.data })));
      while (list.childElementCount > maxLogLines) list.firstElementChild.remove();
      if (atBottom) list.scrollTop = list.scrollHeight;
    });
    logSource.addEventListener("failure", (message) => { $("log-status").textContent = message.data; });
    logSource.addEventListener("open", () => { $("log-status").textContent = ""; });
    logSource.addEventListener("error", () => {
      if (logSource && logSource.readyState === EventSource.CLOSED) $("log-status").textContent = "log tail closed: reload or log in again";
    });
  }

  function renderLogs(snapshot) {
    const select = $("log-app");
    const names = snapshot.apps.map((a) => a.name);
    if (!selectedLogApp || !names.includes(selectedLogApp)) selectedLogApp = names[0] || "";
    const current = Array.from(select.options).map((o) => o.value).join("\n");
    if (current !== names.join("\n")) {
      select.replaceChildren(...names.map((n) => h("option", { value: n, text: n })));
    }
    select.value = selectedLogApp;
    $("log-note").textContent = snapshot.logs.note;
    const list = $("log-lines");
    list.dataset.source = snapshot.logs.source;
    if (snapshot.logs.source === "aggregator") {
      if (logSourceApp !== selectedLogApp) openLogTail(selectedLogApp);
      return;
    }

    // No aggregator: the app's platform events stand in, and the note says so.
    closeLogTail();
    const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 8;
    const lines = snapshot.events.filter((e) => e.app === selectedLogApp).map((e) =>
      h("li", { "data-kind": e.kind },
        h("span", { class: "muted", text: clock(e.time) }),
        h("span", { class: "mono", text: e.index >= 0 ? "#" + e.index : "app" }),
        h("span", { class: "msg", text: e.kind + ": " + e.message })));
    list.replaceChildren(...lines);
    if (atBottom) list.scrollTop = list.scrollHeight;
  }

  function render(snapshot) {
    latest = snapshot;
    window.__dashboardSnapshots++;
    renderNodes(snapshot);
    renderApps(snapshot);
    renderEvents(snapshot);
    renderLogs(snapshot);
    $("updated").textContent = "updated " + clock(snapshot.now);
  }

  function toast(text) {
    const el = $("toast");
    el.textContent = text;
    el.dataset.visible = "true";
    clearTimeout(toast.timer);
    toast.timer = setTimeout(() => { el.dataset.visible = "false"; }, 5000);
  }

  function confirmKill(app, instance) {
    const dialog = $("confirm");
    $("confirm-text").textContent = "Kill " + app.name + "#" + instance.index + " on " + instance.node +
      "? Its agent will SIGKILL the container; the platform should then restart it.";
    dialog.returnValue = "";
    dialog.onclose = async () => {
      if (dialog.returnValue !== "ok") return;
      try {
        const response = await fetch("/api/instances/" + encodeURIComponent(instance.id) + "/kill", {
          method: "POST", credentials: "same-origin", headers: { "X-MiniPaas-Dashboard": "1" },
        });
        const body = await response.json().catch(() => ({}));
        toast(body.message || body.error || ("HTTP " + response.status));
      } catch (e) {
        toast("kill failed: " + e);
      }
    };
    dialog.showModal();
  }

  function connect() {
    const status = $("connection");
    const source = new EventSource("/api/stream");
    source.addEventListener("open", () => { status.dataset.state = "live"; status.textContent = "live"; });
    source.addEventListener("snapshot", (message) => {
      status.dataset.state = "live";
      status.textContent = "live";
      render(JSON.parse(message.data));
    });
    source.addEventListener("error", () => {
      // EventSource reconnects by itself (retry: 1000); a 401 closes it for good.
      status.dataset.state = "lost";
      status.textContent = source.readyState === EventSource.CLOSED ? "disconnected: reload or log in again" : "reconnecting…";
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("log-app").addEventListener("change", (e) => {
      selectedLogApp = e.target.value;
      if (latest) renderLogs(latest);
    });
    connect();
  });
})();
