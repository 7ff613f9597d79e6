/* luocdo Cypher page: the saved questions as one-click examples, an editor,
 * read-only runs through POST /cypher, results as a table and as a graph.
 * Results are text: they only reach the page through textContent (and vis
 * labels, which are drawn on a canvas).  graphOf mirrors
 * luocdo.viz.cypher_page.answer_graph: within a row a relationship joins the
 * node returned before it to the node returned after it. */
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("luocdo-data").textContent);
  var LANGS = ["vi", "en"];
  var stored = null;
  try { stored = localStorage.getItem("luocdo.lang"); } catch (e) { stored = null; }
  var LANG = LANGS.indexOf(stored) >= 0 ? stored : "vi";
  var MSGS = (DATA.i18n || {})[LANG] || {};
  function T(s) { return MSGS[s] || s; }
  function $(id) { return document.getElementById(id); }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  var api = { ready: false, last: null, lang: LANG, graph: null, network: null };
  window.luocdoCypher = api;

  document.documentElement.lang = LANG;
  $("heading").textContent = T("Cypher (read only)");
  $("lang-label").textContent = T("language");
  $("query-label").textContent = T("Query");
  $("params-label").textContent = T("Parameters (JSON)");
  $("run").textContent = T("Run");
  $("view-table").textContent = T("Table");
  $("view-graph").textContent = T("Graph");
  $("lang").value = LANG;
  $("lang").addEventListener("change", function (ev) {
    try { localStorage.setItem("luocdo.lang", ev.target.value); } catch (e) { /* this page only */ }
    location.reload();
  });

  var box = $("examples");
  box.appendChild(el("h3", T("Saved questions")));
  DATA.saved.forEach(function (q) {
    var b = el("button");
    b.setAttribute("type", "button");
    b.setAttribute("data-id", q.id);
    b.appendChild(el("div", LANG === "vi" ? q.question_vi : q.question_en));
    if (LANG === "vi") b.appendChild(el("div", q.question_en, "en"));
    b.addEventListener("click", function () {
      $("query").value = q.cypher;
      $("params").value = JSON.stringify(q.params || {}, null, 1);
      run(q.graph || null);
    });
    box.appendChild(b);
  });

  function show(result) {
    var out = $("result");
    out.replaceChildren();
    var table = el("table");
    var head = el("tr");
    result.columns.forEach(function (c) { head.appendChild(el("th", c)); });
    table.appendChild(el("thead")).appendChild(head);
    var body = el("tbody");
    result.rows.forEach(function (row) {
      var tr = el("tr");
      row.forEach(function (v) {
        tr.appendChild(el("td", v === null ? "" : typeof v === "object" ? JSON.stringify(v) : v));
      });
      body.appendChild(tr);
    });
    table.appendChild(body);
    out.appendChild(table);
    $("meta").textContent = result.rows.length + " " + T("row(s)") + (result.truncated ? " · " + T("truncated") : "");
  }

  // ------------------------------------------------------------------ graph
  function pathRels(v) { return v && typeof v === "object" ? (v.rels || v.relationships) : null; }
  function isPath(v) { return v && typeof v === "object" && Array.isArray(v.nodes) && Array.isArray(pathRels(v)); }
  function isRel(v) { return v && typeof v === "object" && !Array.isArray(v) && typeof v._type === "string"; }
  function nodeId(v) {
    if (!v || typeof v !== "object" || Array.isArray(v) || "_type" in v) return null;
    return (typeof v.key === "string" && v.key) || (typeof v.id === "string" && v.id) || null;
  }
  function graphOf(rows) {
    var nodes = {}, order = [], edges = [], seen = {};
    rows.forEach(function (row) {
      var items = [];
      row.forEach(function (v) {
        if (isPath(v)) {
          var rs = pathRels(v);
          v.nodes.forEach(function (n, i) { items.push(n); if (i < rs.length) items.push(rs[i]); });
        } else items.push(v);
      });
      items.forEach(function (v) {
        var id = nodeId(v);
        if (id && !nodes[id]) { nodes[id] = v; order.push(id); }
      });
      items.forEach(function (v, i) {
        if (!isRel(v)) return;
        var a = null, b = null, j;
        for (j = i - 1; j >= 0 && !a; j--) a = nodeId(items[j]);
        for (j = i + 1; j < items.length && !b; j++) b = nodeId(items[j]);
        var k = a + "|" + v._type + "|" + b;
        if (a && b && !seen[k]) { seen[k] = true; edges.push({ from: a, type: v._type, to: b, data: v }); }
      });
    });
    return { nodes: order.map(function (id) { return { id: id, data: nodes[id] }; }), edges: edges };
  }
  api.graphOf = graphOf;
  var RELS = DATA.relations || {};
  function drawGraph(g) {
    api.graph = g;
    var note = $("graph-note");
    if (api.network) { api.network.destroy(); api.network = null; }
    if (!g.nodes.length) {
      note.textContent = T("This answer returns no nodes or relationships to draw; return them (RETURN a, r, b) to see a graph.");
      $("graph").hidden = true;
      return;
    }
    $("graph").hidden = false;
    note.textContent = g.nodes.length + " " + T("nodes") + " · " + g.edges.length + " " + T("edges");
    var nodes = new vis.DataSet(g.nodes.map(function (n) {
      var d = n.data, isOrg = !d.key;
      var label = String(d.display || d.name || n.id);
      return { id: n.id, label: label.length > 32 ? label.slice(0, 31) + "…" : label,
               shape: isOrg ? "box" : "dot", size: 12,
               color: isOrg ? { background: "#6b7b8c", border: "#3d4a57" } : { background: "#2e6fba", border: "#1b4272" },
               font: { color: isOrg ? "#ffffff" : "#222222", size: 13 } };
    }));
    var edges = new vis.DataSet(g.edges.map(function (e, i) {
      var r = RELS[e.type] || RELS._other || { color: "#999", width: 1, dashes: false, label: e.type };
      return { id: i, from: e.from, to: e.to, arrows: "to", label: T(r.label || e.type),
               color: { color: r.color }, width: r.width, dashes: r.dashes, font: { size: 11, align: "middle" } };
    }));
    api.network = new vis.Network($("graph"), { nodes: nodes, edges: edges }, {
      physics: { solver: "forceAtlas2Based", stabilization: { iterations: 300, fit: true } },
      interaction: { hover: true }, layout: { randomSeed: 7 },
    });
    api.network.once("stabilizationIterationsDone", function () { api.network.setOptions({ physics: false }); });
  }
  function setView(v) {
    api.view = v;
    $("view-table").setAttribute("aria-pressed", String(v === "table"));
    $("view-graph").setAttribute("aria-pressed", String(v === "graph"));
    $("result").hidden = v !== "table";
    $("graph-box").hidden = v !== "graph";
    if (v === "graph" && api.network) { api.network.redraw(); api.network.fit(); }
  }
  $("view-table").addEventListener("click", function () { setView("table"); });
  $("view-graph").addEventListener("click", function () { setView("graph"); });
  api.setView = setView;

  function post(query, params) {
    return fetch("cypher", {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json", "Accept-Language": LANG },
      body: JSON.stringify({ query: query, params: params }),
    }).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) throw new Error((body && body.error && body.error.message) || ("HTTP " + r.status));
        return body;
      });
    });
  }

  // graphQuery: a saved question's form that returns its nodes and relationships, drawn
  // in place of the table's answer (which may hold only values).
  function run(graphQuery) {
    var params;
    $("error").textContent = "";
    try { params = JSON.parse($("params").value || "{}"); } catch (e) {
      $("error").textContent = T("Parameters (JSON)") + ": " + e.message;
      return Promise.resolve();
    }
    api.ready = false;
    $("meta").textContent = T("running…");
    return post($("query").value, params).then(function (body) {
      api.last = body;
      show(body);
      if (typeof graphQuery !== "string") return body;
      return post(graphQuery, params).catch(function () { return body; });
    }).then(function (forGraph) {
      if (forGraph) drawGraph(graphOf(forGraph.rows || []));
      if (api.view === "graph") setView("graph");
    }).catch(function (e) {
      $("meta").textContent = "";
      $("error").textContent = T("error") + ": " + e.message;
    }).then(function () { api.ready = true; });
  }
  setView("table");
  $("run").addEventListener("click", function () { run(null); });
  api.run = run;
  api.ready = true;
})();
