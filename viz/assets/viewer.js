/* luocdo viewer: draws the graph embedded in the page (standalone) or fetched
 * from the API (service mode).  Text from documents is untrusted: it only ever
 * reaches the page through textContent / text nodes, never innerHTML.
 * visNode/visEdge mirror luocdo.viz.page.vis_node/vis_edge (tested to agree).
 */
(function () {
  "use strict";

  var DATA = JSON.parse(document.getElementById("luocdo-data").textContent);
  var STYLE = DATA.style;
  var SERVICE = DATA.mode === "service";
  var STATUS_ORDER = ["has_plan", "reported_only", "possible", "no_plan"];
  var BIG = 500; // above this many nodes: cheaper edges and layout

  // ------------------------------------------------------------------ language
  // Messages come from the gettext catalogues (DATA.i18n: English → Vietnamese);
  // the choice is remembered in localStorage.
  var LANGS = ["vi", "en"];
  function storedLang() {
    try { return localStorage.getItem("luocdo.lang"); } catch (e) { return null; }
  }
  var LANG = LANGS.indexOf(storedLang()) >= 0 ? storedLang() : (DATA.lang || "vi");
  var MSGS = (DATA.i18n || {})[LANG] || {};
  function T(s) { return MSGS[s] || s; }
  function TF(s, vals) {
    return T(s).replace(/\{(\w+)\}/g, function (m, k) { return vals[k] === undefined ? m : String(vals[k]); });
  }
  function fmtDate(iso) {
    if (!iso) return "";
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
    return LANG === "vi" && m ? m[3] + "/" + m[2] + "/" + m[1] : String(iso);
  }
  // Text read from documents, as shown to people: the restored text (diacritics
  // put back where the restoration was confident) when the data carries one,
  // else the text as read; mirrors luocdo.i18n.display_text.
  function displayText(text, restored) {
    return String(restored || text || "").split(/\s+/).join(" ").trim();
  }
  function statusLabel(k) { return T((STYLE.status[k] || { label: k }).label); }
  function relLabel(k) { return T(relStyle(k).label); }
  function levelLabel(k) { return T((STYLE.groups[k] || { label: k }).label); }

  // ------------------------------------------------------------------ DOM
  function el(tag, props) {
    var e = document.createElement(tag);
    if (props) {
      Object.keys(props).forEach(function (k) {
        var v = props[k];
        if (v === undefined || v === null || v === false) return;
        if (k === "class") e.className = v;
        else if (k === "text") e.textContent = String(v);
        else if (k === "style") Object.assign(e.style, v);
        else if (k.slice(0, 2) === "on") e.addEventListener(k.slice(2), v);
        else e.setAttribute(k, String(v));
      });
    }
    for (var i = 2; i < arguments.length; i++) append(e, arguments[i]);
    return e;
  }
  function append(parent, kid) {
    if (kid === null || kid === undefined || kid === false) return;
    if (Array.isArray(kid)) { kid.forEach(function (k) { append(parent, k); }); return; }
    parent.appendChild(kid instanceof Node ? kid : document.createTextNode(String(kid)));
  }
  function svg(tag, attrs) {
    var e = document.createElementNS("http://www.w3.org/2000/svg", tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
    for (var i = 2; i < arguments.length; i++) e.appendChild(arguments[i]);
    return e;
  }
  function $(id) { return document.getElementById(id); }

  // ------------------------------------------------ model -> vis (mirrors page.py)
  function levelGroup(level) { return STYLE.groupOf[level || ""] || "unknown"; }
  function shortLabel(s) {
    s = String(s);
    return s.length <= STYLE.labelMax ? s : s.slice(0, STYLE.labelMax - 1) + "…";
  }
  function visNode(n, center) {
    var g = STYLE.groups[levelGroup(n.level)];
    var isOrg = n.group === "organization";
    var kind = n.kind || STYLE.typeKinds[n.type || ""] || "Document";
    var isCenter = n.id === center;
    return {
      id: n.id,
      label: shortLabel(n.label || n.id),
      shape: isOrg ? STYLE.orgShape : (STYLE.shapes[kind] || STYLE.otherShape),
      color: {
        background: g.color, border: g.border,
        highlight: { background: g.color, border: "#111111" },
        hover: { background: g.color, border: "#111111" },
      },
      level: g.rank,
      size: isCenter ? 24 : (isOrg || n.ingested ? 15 : 10),
      borderWidth: isCenter ? 4 : 1.5,
      font: { color: isOrg ? "#ffffff" : "#222222", size: isCenter ? 16 : 13 },
      shapeProperties: { borderDashes: !isOrg && !n.ingested ? [3, 3] : false },
      data: n,
    };
  }
  function edgeId(e) { return e.source + "|" + e.relation + "|" + e.target; }
  function relStyle(rel) { return STYLE.relations[rel] || STYLE.relations._other; }
  function visEdge(e) {
    var r = relStyle(e.relation);
    return {
      id: edgeId(e), from: e.source, to: e.target, arrows: "to",
      color: { color: r.color, highlight: r.color, hover: r.color },
      width: r.width, dashes: r.dashes, data: e,
    };
  }

  // ----------------------------------------------------------- tooltips (DOM)
  function nodeTip(n) {
    if (n.group === "organization") {
      return el("div", { class: "tip" }, el("b", { text: n.label || n.id }),
        el("div", { class: "muted", text: [n.kind, n.level].filter(Boolean).join(" · ") }));
    }
    return el("div", { class: "tip" },
      el("b", { text: n.label || n.id }),
      el("div", { text: [n.type, fmtDate(n.date) || T("date unknown")].filter(Boolean).join(" · ") }),
      n.issuer ? el("div", { text: n.issuer }) : null,
      n.title ? el("div", { class: "tip-title", text: displayText(n.title, n.title_restored) }) : null,
      n.ingested ? null : el("div", { class: "muted", text: T("cited only: its text is not in the corpus") }));
  }
  function edgeTip(e) {
    var ev = e.evidence;
    return el("div", { class: "tip" },
      el("b", { text: relLabel(e.relation) }),
      ev && ev.sentence ? el("div", { text: "“" + ev.sentence + "”" }) : null,
      ev && ev.file ? el("div", { class: "muted", text: ev.file }) : null);
  }
  function withTip(item) { item.title = nodeTip(item.data); return item; }
  function withEdgeTip(item) { item.title = edgeTip(item.data); return item; }

  // ------------------------------------------------------------------ state
  var state = {
    center: DATA.center,
    title: DATA.title,
    depth: DATA.depth || 2,
    hierarchical: DATA.hierarchical,
    scene: "graph",
    gaps: DATA.gaps,
    deadlines: DATA.deadlines || null,
    cards: DATA.cards || {},
    levelsOn: new Set(Object.keys(STYLE.groups)),
    // Organisations (issuers, recipients, assigned units) stay folded into their
    // level until asked for: the documents are the story.
    orgsOn: DATA.showOrgs === true,
    relsOn: new Set(Object.keys(STYLE.relations)),
    selected: null,
  };
  var nodes = new vis.DataSet();
  var edges = new vis.DataSet();
  var gapNodes = new vis.DataSet();
  var gapEdges = new vis.DataSet();
  var nodesView = new vis.DataView(nodes, {
    filter: function (n) {
      if (n.data.group === "organization" && !state.orgsOn && n.id !== state.center) return false;
      return state.levelsOn.has(levelGroup(n.data.level));
    },
  });
  var edgesView = new vis.DataView(edges, {
    filter: function (e) {
      var r = STYLE.relations[e.data.relation] ? e.data.relation : "_other";
      return state.relsOn.has(r);
    },
  });
  var network = null;
  var container = $("graph");
  var api = {
    nodes: nodes, edges: edges, gapNodes: gapNodes, gapEdges: gapEdges,
    nodesView: nodesView, edgesView: edgesView, state: state,
    visNode: visNode, visEdge: visEdge, ready: false, renderMs: null, errors: [],
    get network() { return network; },
    recentre: recentre, setScene: setScene, showNode: showNode,
    domPosition: domPosition,
  };
  window.luocdo = api;

  function loadSubgraph(sub, merge) {
    if (!merge) { nodes.clear(); edges.clear(); }
    var center = state.center;
    var newNodes = (sub.nodes || []).filter(function (n) { return !nodes.get(n.id); });
    var seen = {};
    nodes.add(newNodes.filter(function (n) {
      if (seen[n.id]) return false; seen[n.id] = true; return true;
    }).map(function (n) { return withTip(visNode(n, center)); }));
    var eseen = {};
    var newEdges = (sub.edges || []).filter(function (e) {
      var id = edgeId(e);
      if (eseen[id] || edges.get(id) || !nodes.get(e.source) || !nodes.get(e.target)) return false;
      eseen[id] = true; return true;
    });
    edges.add(newEdges.map(function (e) { return withEdgeTip(visEdge(e)); }));
  }

  // -------------------------------------------------------------- gaps scene
  // A unit's days (queries/deadlines.py): its plan came late, its report is missing or late.
  function deadlineOf(orgId) {
    var d = state.deadlines;
    if (!d || !state.gaps || d.target.key !== state.gaps.target.key) return null;
    if (!d.byOrg) {
      d.byOrg = {};
      (d.units || []).forEach(function (x) { d.byOrg[x.org_id] = x; });
    }
    return d.byOrg[orgId] || null;
  }
  function marksOf(orgId) {
    var d = deadlineOf(orgId);
    var out = [];
    if (d && d.days_late) out.push("late");
    if (d && d.report_missing) out.push("report_missing");
    if (d && d.report_days_late) out.push("report_late");
    return out;
  }
  function markText(orgId, k) {
    var d = deadlineOf(orgId) || {};
    if (k === "late") return TF("late by {n} days (due {date})", { n: d.days_late, date: fmtDate(d.plan_due) });
    if (k === "report_late") return TF("report late by {n} days (due {date})", { n: d.report_days_late, date: fmtDate(d.report_due) });
    return TF("no report (due {date})", { date: fmtDate(d.report_due) });
  }
  function buildGaps(g) {
    gapNodes.clear(); gapEdges.clear();
    if (!g) return;
    var t = g.target;
    var centerNode = visNode({
      id: t.key, label: t.display || t.key, group: "document", kind: t.kind, level: t.level,
      type: t.type, date: t.date, issuer: t.issuer, title: t.title, ingested: t.ingested,
    }, t.key);
    centerNode.x = 0; centerNode.y = 0; centerNode.fixed = true;
    gapNodes.add(withTip(centerNode));
    var units = (g.units || []).slice().sort(function (a, b) {
      var d = STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status);
      return d || String(a.org.name).localeCompare(String(b.org.name), "vi");
    });
    // Concentric rings filled in status order: plans nearest, missing ones outside.
    // Boxes are ~100 wide and ~20 high: 110 along a ring, 55 between rings, and
    // every other ring turned by half a slot, so neighbours never overlap.
    var ring = 0, slot = 0, first = 0, radius = RING0, cap = ringCap(radius);
    units.forEach(function (u, i) {
      if (slot >= cap) { ring++; slot = 0; first = i; radius = RING0 + ring * RING_STEP; cap = ringCap(radius); }
      var n = Math.min(cap, units.length - first);
      var a = -Math.PI / 2 + (2 * Math.PI * slot) / n + (ring % 2) * (Math.PI / n);
      slot++;
      var st = STYLE.status[u.status] || STYLE.status.no_plan;
      var docs = (u.documents || []).map(function (d) { return d.display || d.key; });
      var marks = marksOf(u.org.id);
      // a missing report is drawn by the dashed border alone: when most units miss it, a line
      // under each name would bury the few late ones
      var label = u.org.name + (docs.length ? "\n" + shortLabel(docs.join(", ")) : "") +
        marks.filter(function (k) { return k !== "report_missing"; })
          .map(function (k) { return "\n" + markText(u.org.id, k); }).join("");
      var mk = marks.length ? STYLE.marks[marks[0]] : null;
      var border = mk ? mk.color : st.border;
      var id = "gap|" + u.org.id;
      gapNodes.add({
        id: id, label: label, shape: "box", x: Math.round(radius * Math.cos(a)),
        y: Math.round(radius * Math.sin(a)), fixed: true,
        color: { background: st.color, border: border,
                 highlight: { background: st.color, border: "#111111" },
                 hover: { background: st.color, border: "#111111" } },
        font: { color: "#ffffff", size: 13, multi: false },
        borderWidth: mk ? mk.width : 1.5,
        shapeProperties: { borderDashes: marks.indexOf("report_missing") >= 0 ? STYLE.marks.report_missing.dashes
          : marks.indexOf("report_late") >= 0 ? STYLE.marks.report_late.dashes : false },
        status: u.status, marks: marks, unit: u,
        title: unitTip(u),
      });
      gapEdges.add({
        id: id + "|edge", from: id, to: t.key, arrows: "to",
        color: { color: st.color, highlight: st.color, hover: st.color, opacity: 0.55 },
        width: u.status === "has_plan" ? 2 : 1, dashes: u.status === "no_plan" ? [4, 4] : false,
      });
    });
  }
  var RING0 = 200, RING_STEP = 55, SLOT = 110;
  function ringCap(r) { return Math.max(6, Math.floor((2 * Math.PI * r) / SLOT)); }
  function unitTip(u) {
    var st = STYLE.status[u.status] || { label: u.status };
    return el("div", { class: "tip" },
      el("b", { text: u.org.name }),
      el("div", { text: statusLabel(u.status) }),
      u.reason ? el("div", { class: "muted", text: u.reason }) : null,
      (u.documents || []).map(function (d) {
        return el("div", { text: (d.display || d.key) + (d.date ? " · " + fmtDate(d.date) : "") });
      }),
      u.candidate ? el("div", { class: "muted", text: T("candidate") + ": " + (u.candidate.display || u.candidate.key) }) : null,
      marksOf(u.org.id).map(function (k) { return el("div", { class: "mark-" + k, text: markText(u.org.id, k) }); }));
  }

  // ------------------------------------------------------------------ drawing
  function options() {
    var o = JSON.parse(JSON.stringify(DATA.options));
    var gapsScene = state.scene === "gaps";
    var n = gapsScene ? gapNodes.length : nodesView.length;
    var big = n > BIG;
    o.layout.improvedLayout = n <= 150;
    if (gapsScene) {
      o.layout.hierarchical.enabled = false;
      o.physics.enabled = false;
      o.edges.smooth = false;
    } else {
      o.layout.hierarchical.enabled = state.hierarchical;
      o.physics.enabled = !state.hierarchical;
      if (state.hierarchical) {
        o.edges.smooth = big ? false : { enabled: true, type: "cubicBezier", forceDirection: "vertical", roundness: 0.4 };
      } else if (big) {
        o.edges.smooth = false;
      }
      if (big) {
        o.layout.hierarchical.edgeMinimization = false;
        o.layout.hierarchical.blockShifting = false;
        o.physics.solver = "barnesHut";
        o.physics.stabilization.iterations = 150;
        o.interaction.hideEdgesOnDrag = true;
      }
    }
    return o;
  }

  function draw() {
    var t0 = performance.now();
    api.ready = false;
    if (network) network.destroy();
    var gapsScene = state.scene === "gaps";
    var data = gapsScene ? { nodes: gapNodes, edges: gapEdges } : { nodes: nodesView, edges: edgesView };
    var opts = options();
    network = new vis.Network(container, data, opts);
    network.on("click", onClick);
    if (!gapsScene && state.hierarchical) network.on("beforeDrawing", drawBands);
    var done = function () {
      if (api.ready) return;
      api.ready = true;
      api.renderMs = Math.round(performance.now() - t0);
      if (!gapsScene && state.selected && nodesView.get(state.selected)) network.selectNodes([state.selected]);
      document.body.setAttribute("data-ready", "1");
    };
    if (opts.physics.enabled) {
      network.once("stabilizationIterationsDone", function () {
        network.setOptions({ physics: { enabled: false } });
        network.fit();
        done();
      });
    } else {
      network.once("afterDrawing", function () { network.fit(); done(); });
    }
    network.redraw();
    updateHint();
    updateLegend();
    updateStatus();
    renderGapsTable();
  }

  // Levels as bands: a tinted strip behind each level of the hierarchical layout, named on the left.
  function drawBands(ctx) {
    var pos = network.getPositions(nodesView.getIds());
    var rows = {};
    Object.keys(pos).forEach(function (id) {
      var n = nodes.get(id);
      if (!n) return;
      var g = levelGroup(n.data.level);
      var r = rows[g] || (rows[g] = { min: Infinity, max: -Infinity, x0: Infinity, x1: -Infinity });
      r.min = Math.min(r.min, pos[id].y); r.max = Math.max(r.max, pos[id].y);
      r.x0 = Math.min(r.x0, pos[id].x); r.x1 = Math.max(r.x1, pos[id].x);
    });
    var xs = Object.keys(rows).map(function (k) { return rows[k]; });
    if (!xs.length) return;
    var view0 = network.DOMtoCanvas({ x: 0, y: 0 }), view1 = network.DOMtoCanvas({ x: container.clientWidth, y: 0 });
    var left = Math.min(view0.x, Math.min.apply(null, xs.map(function (r) { return r.x0; })) - 160);
    var right = Math.max(view1.x, Math.max.apply(null, xs.map(function (r) { return r.x1; })) + 160);
    var labelX = view0.x + 8 / Math.max(network.getScale(), 0.05);
    ctx.save();
    Object.keys(rows).forEach(function (k) {
      var r = rows[k], g = STYLE.groups[k];
      ctx.globalAlpha = 0.08;
      ctx.fillStyle = g.color;
      ctx.fillRect(left, r.min - 45, right - left, r.max - r.min + 90);
      ctx.globalAlpha = 0.8;
      ctx.fillStyle = g.border;
      ctx.font = "bold 15px system-ui, sans-serif";
      ctx.fillText(levelLabel(k), labelX, r.min - 24);
    });
    ctx.restore();
  }
  api.drawBands = drawBands;

  function domPosition(id) {
    var p = network.getPositions([id])[id];
    if (!p) return null;
    var d = network.canvasToDOM(p);
    var r = container.getBoundingClientRect();
    return { x: r.left + d.x, y: r.top + d.y };
  }

  function updateHint() {
    var hint = $("hint");
    var empty = state.scene === "gaps" ? !state.gaps : nodes.length === 0;
    hint.hidden = !empty;
    hint.textContent = state.scene === "gaps"
      ? T("No gaps report for this document.")
      : SERVICE ? T("Search for a document by number or title to draw its graph.") : T("The subgraph is empty.");
  }
  function updateStatus() {
    var s = state.scene === "gaps" && state.gaps
      ? TF("{n} expected units · scope {scope}", { n: (state.gaps.units || []).length, scope: T(state.gaps.scope) })
      : TF("{shown} of {n} nodes · {edges} edges", { shown: nodesView.length, n: nodes.length, edges: edgesView.length });
    $("status").textContent = s;
  }

  // ------------------------------------------------------------ legend/filters
  function shapeIcon(shape, color) {
    var c = color || "#777";
    var kids;
    switch (shape) {
      case "dot": kids = svg("circle", { cx: 8, cy: 8, r: 6, fill: c }); break;
      case "square": kids = svg("rect", { x: 2, y: 2, width: 12, height: 12, fill: c }); break;
      case "triangle": kids = svg("polygon", { points: "8,1 15,14 1,14", fill: c }); break;
      case "triangleDown": kids = svg("polygon", { points: "1,2 15,2 8,15", fill: c }); break;
      case "diamond": kids = svg("polygon", { points: "8,1 15,8 8,15 1,8", fill: c }); break;
      case "star": kids = svg("polygon", { points: "8,1 10,6 15,6 11,9.5 12.5,15 8,11.5 3.5,15 5,9.5 1,6 6,6", fill: c }); break;
      case "hexagon": kids = svg("polygon", { points: "4,1.5 12,1.5 15.5,8 12,14.5 4,14.5 0.5,8", fill: c }); break;
      default: kids = svg("rect", { x: 1, y: 4, width: 14, height: 9, rx: 2, fill: c });
    }
    return svg("svg", { width: 16, height: 16, viewBox: "0 0 16 16", "aria-hidden": "true" }, kids);
  }
  function lineIcon(r) {
    var attrs = { x1: 1, y1: 8, x2: 27, y2: 8, stroke: r.color, "stroke-width": Math.max(1.5, r.width) };
    if (r.dashes) attrs["stroke-dasharray"] = r.dashes.join(" ");
    return svg("svg", { width: 28, height: 16, "aria-hidden": "true" }, svg("line", attrs));
  }
  function countBy(items, fn) {
    var c = {};
    items.forEach(function (x) { var k = fn(x); c[k] = (c[k] || 0) + 1; });
    return c;
  }

  function updateLegend() {
    var box = $("legend");
    var gapsScene = state.scene === "gaps";
    var levelCounts = countBy(nodes.get(), function (n) { return levelGroup(n.data.level); });
    var relCounts = countBy(edges.get(), function (e) {
      return STYLE.relations[e.data.relation] ? e.data.relation : "_other";
    });
    var parts = [];
    if (gapsScene && state.gaps) {
      var counts = countBy(state.gaps.units || [], function (u) { return u.status; });
      parts.push(el("h2", { text: T("Expected units") }));
      STATUS_ORDER.forEach(function (k) {
        var st = STYLE.status[k];
        parts.push(el("div", { class: "row" },
          el("span", { class: "swatch", style: { background: st.color } }),
          statusLabel(k), el("span", { class: "count", text: counts[k] || 0 })));
      });
      var markCounts = (state.deadlines && state.deadlines.target.key === state.gaps.target.key)
        ? state.deadlines.counts || {} : {};
      parts.push(el("h2", { text: T("Marks") }));
      Object.keys(STYLE.marks).forEach(function (k) {
        var m = STYLE.marks[k];
        parts.push(el("div", { class: "row", "data-mark": k },
          el("span", { class: "swatch mark", style: { background: "#ffffff", borderColor: m.color,
            borderWidth: Math.min(m.width, 3) + "px", borderStyle: m.dashes ? "dashed" : "solid" } }),
          T(m.label), el("span", { class: "count", text: markCounts[m.count || k] || 0 })));
      });
      var hasDays = !!(state.deadlines && (state.deadlines.units || []).some(function (x) { return x.plan_due || x.report_due; }));
      parts.push(el("p", { class: "note", text: hasDays
        ? TF("Days set by the document for a plan or a report; judged on {date}.", { date: fmtDate(state.deadlines.as_of) })
        : T("The document sets no day for a plan or a report that the graph knows of.") }));
      parts.push(el("p", { class: "note", text: T("Each box is a unit expected to act on the document in the middle.") }));
    }
    parts.push(el("h2", { text: T("Levels") }));
    var orgCount = nodes.get().filter(function (n) { return n.data.group === "organization"; }).length;
    var orgBox = el("input", { type: "checkbox", id: "orgs-toggle", onchange: function (ev) {
      state.orgsOn = ev.target.checked;
      refilter();
    } });
    orgBox.checked = state.orgsOn;
    orgBox.disabled = gapsScene;
    parts.push(el("label", { class: gapsScene ? "disabled" : null }, orgBox,
      T("show organizations"), el("span", { class: "count", text: orgCount })));
    Object.keys(STYLE.groups).forEach(function (k) {
      var g = STYLE.groups[k];
      if (k === "unknown" && !levelCounts[k]) return;
      var box2 = el("input", { type: "checkbox", "data-level": k, onchange: function (ev) {
        if (ev.target.checked) state.levelsOn.add(k); else state.levelsOn.delete(k);
        refilter();
      } });
      box2.checked = state.levelsOn.has(k);
      box2.disabled = gapsScene;
      parts.push(el("label", { class: gapsScene ? "disabled" : null }, box2,
        el("span", { class: "swatch", style: { background: g.color } }), levelLabel(k),
        el("span", { class: "count", text: levelCounts[k] || 0 })));
    });
    parts.push(el("h2", { text: T("Relations") }));
    Object.keys(STYLE.relations).forEach(function (k) {
      if (STYLE.docRelations.indexOf(k) < 0 && !relCounts[k]) return;
      var r = STYLE.relations[k];
      var cb = el("input", { type: "checkbox", "data-relation": k, onchange: function (ev) {
        if (ev.target.checked) state.relsOn.add(k); else state.relsOn.delete(k);
        refilter();
      } });
      cb.checked = state.relsOn.has(k);
      cb.disabled = gapsScene;
      parts.push(el("label", { class: gapsScene ? "disabled" : null }, cb, lineIcon(r), T(r.label),
        el("span", { class: "count", text: relCounts[k] || 0 })));
    });
    parts.push(el("h2", { text: T("Shapes") }));
    STYLE.shapeLegend.forEach(function (s) {
      parts.push(el("div", { class: "row" }, shapeIcon(s[0]), T(s[1])));
    });
    parts.push(el("p", { class: "note", text: T("Dashed outline: cited only (the text itself is not in the corpus).") }));
    box.replaceChildren();
    append(box, parts);
  }

  function refilter() {
    nodesView.refresh();
    edgesView.refresh();
    if (state.hierarchical) draw(); // re-run the layout for what is left
    else updateStatus();
  }

  // ------------------------------------------------------------------ panel
  function openPanel(children) {
    var card = $("card");
    card.replaceChildren();
    append(card, children);
    $("panel").hidden = false;
    $("panel").scrollTop = 0;
  }
  function closePanel() { $("panel").hidden = true; state.selected = null; }

  function urlKey(key) { return String(key).split("/").join("~"); }
  function enc(s) { return encodeURIComponent(s); }

  function fetchJSON(path) {
    return fetch(path, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) {
        return r.text().then(function (body) {
          var json = null;
          try { json = body ? JSON.parse(body) : null; } catch (e) { json = null; }
          if (!r.ok) {
            var e = json && (json.error || json.detail || json);
            var msg = e && (typeof e === "string" ? e : e.message);
            var err = new Error(msg || ("HTTP " + r.status));
            err.status = r.status; err.body = json;
            throw err;
          }
          return json;
        });
      });
  }

  function onClick(p) {
    if (p.nodes && p.nodes.length) {
      var gn = state.scene === "gaps" ? gapNodes.get(p.nodes[0]) : null;
      if (gn && gn.unit) selectUnit(gn.unit.org.id, false);
      else if (state.scene === "gaps") showUnit(p.nodes[0]); else showNode(p.nodes[0]);
    } else if (p.edges && p.edges.length && state.scene === "graph") {
      showEdge(p.edges[0]);
    }
  }

  function refOfNode(id) {
    var n = nodes.get(id);
    var d = n ? n.data : { id: id, label: id };
    return { key: d.id, display: d.label, date: d.date, title: d.title, issuer: d.issuer,
             type: d.type, kind: d.kind, level: d.level, ingested: d.ingested };
  }
  function derived(e) { return !!(e.data.evidence && e.data.evidence.derived); }
  function own(e) { return !derived(e); }
  function localCard(id) {
    var n = nodes.get(id);
    var d = n.data;
    var out = edges.get({ filter: function (e) { return e.from === id; } });
    var inc = edges.get({ filter: function (e) { return e.to === id; } });
    return {
      partial: true,
      doc: refOfNode(id), sources: [], conflicts: {},
      outgoing: out.filter(own).map(function (e) { return { relation: e.data.relation, other: refOfNode(e.to), evidence: e.data.evidence }; }),
      incoming: inc.filter(own).map(function (e) { return { relation: e.data.relation, other: refOfNode(e.from), evidence: e.data.evidence }; }),
      derived_outgoing: out.filter(derived).map(function (e) { return { relation: e.data.relation, other: refOfNode(e.to), evidence: e.data.evidence }; }),
      derived_incoming: inc.filter(derived).map(function (e) { return { relation: e.data.relation, other: refOfNode(e.from), evidence: e.data.evidence }; }),
      organizations: [],
      isOrg: d.group === "organization", orgKind: d.kind,
    };
  }

  function showNode(id) {
    var n = nodes.get(id);
    if (!n) return;
    state.selected = id;
    if (n.data.group === "organization" || !SERVICE || state.cards[id]) {
      renderCard(state.cards[id] || localCard(id));
      return;
    }
    openPanel([el("p", { class: "muted", text: TF("Loading {name}…", { name: n.data.label || id }) })]);
    fetchJSON("documents/" + enc(urlKey(id))).then(function (card) {
      state.cards[id] = card;
      renderCard(card);
    }).catch(function (err) {
      var c = localCard(id);
      c.error = TF("Could not load the card ({error}); showing what the graph holds.", { error: err.message });
      renderCard(c);
    });
  }

  function relBadge(rel) {
    return el("span", { class: "rel", style: { background: relStyle(rel).color }, text: relLabel(rel) });
  }
  function docLink(ref) {
    var label = ref.display || ref.key;
    return el("button", { class: "link", type: "button", title: ref.key, onclick: function () { goTo(ref.key); } }, label);
  }
  function goTo(key) {
    if (nodes.get(key)) {
      if (state.scene !== "graph") setScene("graph");
      network.selectNodes([key]);
      network.focus(key, { scale: Math.max(network.getScale(), 0.8), animation: false });
      showNode(key);
    } else if (SERVICE) {
      recentre(key);
    }
  }
  function evidenceBlock(ev) {
    if (!ev) return el("div", { class: "none", text: T("no evidence sentence recorded") });
    // the file by its name (its folder is the reader's machine's), the whole path on hover
    var where = [ev.file ? String(ev.file).split(/[\\/]/).pop() : T("(file unknown)")];
    if (ev.start !== null && ev.start !== undefined) where.push(TF("chars {start}–{end}", { start: ev.start, end: ev.end }));
    if (ev.derived) where.push(T("stated inside a citation"));
    if (ev.doc) where.push(TF("in {doc}", { doc: ev.doc }));
    return [el("blockquote", { class: "evidence", text: ev.sentence || "" }),
            el("div", { class: "src", text: where.join(" · "), title: ev.file || "" })];
  }
  function edgeList(title, rows) {
    return [el("h3", { text: title + " (" + rows.length + ")" }),
      rows.length ? el("ul", null, rows.map(function (r) {
        return el("li", { class: "edge" },
          el("div", null, relBadge(r.relation), docLink(r.other),
             r.other.date ? el("span", { class: "meta", text: " · " + fmtDate(r.other.date) }) : null),
          r.other.title ? el("div", { class: "meta", text: displayText(r.other.title, r.other.title_restored) }) : null,
          evidenceBlock(r.evidence));
      })) : el("div", { class: "none", text: T("none") })];
  }

  // In force, amended or repealed, and by what (queries/show.py: standing).
  function standingBlock(st) {
    var labels = STYLE.standing;
    return el("div", { class: "standing standing-" + st.status, "data-standing": st.status },
      el("span", { class: "badge standing-badge", text: T(labels.status[st.status] || st.status) }),
      (st.by || []).map(function (a) {
        return el("div", { class: "meta" }, T(labels.how[a.how] || a.how) + " ", docLink(a.doc),
          a.doc.date ? " · " + fmtDate(a.doc.date) : "");
      }));
  }

  function renderCard(card) {
    var d = card.doc || {};
    var kids = [];
    kids.push(el("h2", { text: d.display || d.key }));
    if (card.isOrg) {
      kids.push(el("div", { class: "meta", text: [card.orgKind, d.level].filter(Boolean).join(" · ") }));
    } else {
      kids.push(el("div", { class: "meta", text: [d.type, fmtDate(d.date) || T("date unknown")].filter(Boolean).join(" · ") }));
      if (d.issuer) kids.push(el("div", { class: "meta", text: d.issuer + (d.province ? " · " + d.province : "") }));
      if (d.title) kids.push(el("div", { class: "doc-title", text: displayText(d.title, d.title_restored) }));
    }
    if (!card.isOrg && card.standing) kids.push(standingBlock(card.standing));
    kids.push(el("div", { class: "key", text: d.key },
      !card.isOrg && d.ingested === false ? el("span", { class: "badge", text: T("cited only") }) : null));
    if (card.error) kids.push(el("p", { class: "error", text: card.error }));
    var actions = [];
    if (SERVICE) {
      actions.push(el("button", { type: "button", "data-action": "expand", onclick: function () { expand(d.key); } }, T("expand neighbours")));
      if (!card.isOrg && d.key !== state.center) {
        actions.push(el("button", { type: "button", onclick: function () { recentre(d.key); } }, T("centre here")));
      }
    } else {
      actions.push(el("button", { type: "button", onclick: function () { focusNeighbours(d.key); } }, T("show neighbours")));
    }
    kids.push(el("div", { class: "actions" }, actions));
    if (SERVICE && !card.isOrg && d.key) kids.push(downloads(d.key));
    if (card.sources && card.sources.length) {
      kids.push(el("h3", { text: T("Sources") + " (" + card.sources.length + ")" }),
        el("ul", null, card.sources.map(function (s) { return el("li", { class: "src", text: s }); })));
    }
    var conflicts = Object.keys(card.conflicts || {});
    if (conflicts.length) {
      kids.push(el("h3", { text: T("Sources disagree") }), el("ul", null, conflicts.map(function (k) {
        return el("li", { class: "meta", text: k + ": " + (card.conflicts[k] || []).map(String).join(" / ") });
      })));
    }
    if (card.aliases && card.aliases.length) {
      kids.push(el("div", { class: "meta", text: T("Also cited as") + ": " + card.aliases.join(", ") }));
    }
    if (card.candidates && card.candidates.length) {
      kids.push(el("p", { class: "error", text: T("Unresolved reference: fits") + " " + card.candidates.join(", ") }));
    }
    kids.push(edgeList(T("Outgoing"), card.outgoing || []));
    kids.push(edgeList(T("Incoming"), card.incoming || []));
    // edges a third document states inside a citation, apart from the documents' own
    if ((card.derived_outgoing || []).length) kids.push(edgeList(T("Derived outgoing (stated inside a citation)"), card.derived_outgoing));
    if ((card.derived_incoming || []).length) kids.push(edgeList(T("Derived incoming (stated inside a citation)"), card.derived_incoming));
    if (card.organizations && card.organizations.length) {
      kids.push(el("h3", { text: T("Organizations") + " (" + card.organizations.length + ")" }),
        el("ul", null, card.organizations.map(function (o) {
          return el("li", { class: "edge" }, relBadge(o.relation), (o.org && o.org.name) || "?",
            o.role ? el("span", { class: "badge", text: o.role }) : null,
            o.task ? el("div", { class: "meta", text: o.task }) : null);
        })));
    }
    if (card.partial) {
      kids.push(el("p", { class: "none", text: T("Edges drawn on this page only.") }));
    }
    openPanel(kids);
  }

  function showEdge(id) {
    var e = edges.get(id);
    if (!e) return;
    openPanel([
      el("h2", { text: relLabel(e.data.relation) }),
      el("div", null, docLink(refOfNode(e.from)), " → ", docLink(refOfNode(e.to))),
      el("h3", { text: T("Evidence") }),
      evidenceBlock(e.data.evidence),
    ]);
  }

  // The sentence that sets a day, and where it stands (file, span), as the document says it.
  function dutySource(ev, words, kind) {
    if (!ev && !words) return null;
    return el("div", { class: "duty-source", "data-duty": kind },
      ev ? evidenceBlock(ev) : el("blockquote", { class: "evidence", text: words }));
  }
  function deadlineBlock(orgId) {
    var d = deadlineOf(orgId);
    if (!d) return null;
    var lines = [];
    if (d.plan_due) {
      lines.push(el("div", { class: d.days_late ? "mark mark-late" : "meta" },
        TF("Plan due {date}", { date: fmtDate(d.plan_due) }) + (d.first_plan ? " · " + TF("first plan {doc} of {date}", {
          doc: d.first_plan.display || d.first_plan.key, date: fmtDate(d.first_plan.date) }) : "") +
        (d.days_late ? " · " + TF("late by {n} days", { n: d.days_late }) : "")));
      lines.push(dutySource(d.plan_evidence, d.plan_duty, "plan"));
    }
    if (d.report_due) {
      var repClass = d.report_missing ? "mark mark-report_missing" : d.report_days_late ? "mark mark-report_late" : "meta";
      lines.push(el("div", { class: repClass,
        text: TF("Report due {date}", { date: fmtDate(d.report_due) }) + (d.report_missing ? " · " + T("none in the graph") : "") +
          (d.report_days_late ? " · " + TF("report late by {n} days", { n: d.report_days_late }) : "") }));
      lines.push(dutySource(d.report_evidence, d.report_duty, "report"));
    }
    if ((d.reports || []).length) {
      lines.push(el("div", { class: "meta", text: T("Reports") + ": " + d.reports.map(function (r) {
        return (r.display || r.key) + (r.date ? " (" + fmtDate(r.date) + ")" : ""); }).join("; ") }));
    }
    return lines.length ? [el("h3", { text: T("Deadlines") }), lines] : null;
  }

  function showUnit(id) {
    var n = gapNodes.get(id);
    if (!n || !n.unit) { if (n) goTo(n.id); return; }
    var u = n.unit;
    var st = STYLE.status[u.status] || { label: u.status, color: "#777" };
    var kids = [
      el("h2", { text: u.org.name }),
      el("div", { class: "meta", text: [u.org.kind, u.org.level, u.org.province].filter(Boolean).join(" · ") }),
      el("p", null, el("span", { class: "status", style: { background: st.color }, text: statusLabel(u.status) })),
      u.reason ? el("p", { class: "meta", text: u.reason }) : null,
      deadlineBlock(u.org.id),
      el("h3", { text: T("Documents") + " (" + (u.documents || []).length + ")" }),
      (u.documents || []).length ? el("ul", null, u.documents.map(function (d) {
        var rel = (u.relations || {})[d.key];
        return el("li", { class: "edge" }, rel ? relBadge(rel) : null, docLink(d), d.date ? " · " + fmtDate(d.date) : "",
          d.title ? el("div", { class: "meta", text: displayText(d.title, d.title_restored) }) : null);
      })) : el("div", { class: "none", text: T("none found") }),
    ];
    if (u.candidate) {
      kids.push(el("h3", { text: T("Candidate") }), el("div", null, docLink(u.candidate),
        u.candidate.title ? el("div", { class: "meta", text: displayText(u.candidate.title, u.candidate.title_restored) }) : null));
    }
    openPanel(kids);
  }

  function focusNeighbours(id) {
    if (state.scene !== "graph") setScene("graph");
    var ids = [id].concat(network.getConnectedNodes(id));
    network.selectNodes(ids);
    network.fit({ nodes: ids, animation: false });
  }

  // --------------------------------------------------------- service actions
  function setBusy(text) { $("status").textContent = text; }

  function recentre(key) {
    if (!SERVICE) return Promise.resolve();
    hideDashboard();
    setBusy(TF("loading {name}…", { name: key }));
    return fetchJSON("graph?center=" + enc(key) + "&depth=" + enc(state.depth)).then(function (sub) {
      state.center = sub.center || key;
      state.cards = {};
      if (state.gaps && state.gaps.target && state.gaps.target.key !== state.center) state.gaps = null;
      loadSubgraph(sub, false);
      var c = nodes.get(state.center);
      state.title = c ? (c.data.label || state.center) : state.center;
      $("title-text").textContent = " · " + state.title;
      document.title = "luocdo · " + state.title;
      try { history.replaceState(null, "", "?center=" + enc(state.center) + (state.scene === "gaps" ? "&gaps=1" : "")); } catch (e) { /* file: */ }
      closePanel();
      if (state.scene === "gaps") return loadGaps().then(draw);
      draw();
    }).catch(function (err) {
      // A name that fits several documents: the candidates to choose from, as everywhere.
      var body = err.body || {};
      var cands = (body.error && body.error.candidates) || [];
      if (err.status === 409 && cands.length) {
        setBusy("");
        showResults(cands, TF("Several documents fit “{q}”:", { q: key }));
        api.ready = true;
        return;
      }
      showError(err);
    });
  }

  function expand(id) {
    setBusy(T("expanding…"));
    return fetchJSON("graph?center=" + enc(id) + "&depth=1").then(function (sub) {
      loadSubgraph(sub, true);
      draw();
      network.once("afterDrawing", function () { network.selectNodes([id]); });
    }).catch(showError);
  }

  function loadGaps() {
    if (state.gaps || !state.center) { buildGaps(state.gaps); return Promise.resolve(); }
    if (!SERVICE) return Promise.resolve();
    return fetchJSON("documents/" + enc(urlKey(state.center)) + "/gaps").then(function (g) {
      state.gaps = g;
      // The marks are extra: without them the gaps view still stands.
      return fetchJSON("documents/" + enc(urlKey(state.center)) + "/deadlines").then(function (d) {
        state.deadlines = d;
      }).catch(function (err) { state.deadlines = null; api.errors.push("deadlines: " + err.message); });
    }).then(function () { buildGaps(state.gaps); })
      .catch(function (err) { state.gaps = null; buildGaps(null); showError(err); });
  }

  function setScene(scene) {
    state.scene = scene;
    $("gaps-toggle").checked = scene === "gaps";
    if (scene === "gaps") return loadGaps().then(draw);
    draw();
    return Promise.resolve();
  }

  function showError(err) {
    api.errors.push(String(err && err.message));
    setBusy(T("error") + ": " + (err && err.message));
  }

  function showResults(items, note) {
    var ul = $("results");
    var lis = [];
    if (note) lis.push(el("li", { class: "muted", text: note }));
    items.forEach(function (d) {
      lis.push(el("li", null, el("button", { type: "button", onclick: function () {
        ul.hidden = true; recentre(d.key);
      } }, d.display || d.key),
      el("span", { class: "muted", text: " · " + [fmtDate(d.date), d.issuer, displayText(d.title, d.title_restored)].filter(Boolean).join(" · ") })));
    });
    ul.replaceChildren();
    append(ul, lis);
    ul.hidden = lis.length === 0;
  }

  function search(q) {
    q = q.trim();
    if (!q) return Promise.resolve();
    showResults([], T("searching…"));
    return fetchJSON("resolve?name=" + enc(q)).then(function (doc) {
      showResults([]);
      return recentre(doc.key);
    }).catch(function (err) {
      var body = err.body || {};
      var cands = (body.error && body.error.candidates) || body.candidates || [];
      if (cands.length) { showResults(cands, TF("Several documents fit “{q}”:", { q: q })); return; }
      return fetchJSON("documents?q=" + enc(q) + "&limit=20").then(function (page) {
        var items = (page && page.items) || [];
        showResults(items, items.length ? null : TF("Nothing found for “{q}”.", { q: q }));
      }).catch(function (e2) { showResults([], T("Search failed") + ": " + e2.message); });
    });
  }


  // ------------------------------------------------------- gaps beside the graph
  // The expected units as a table: sortable, filtered by status, level and words,
  // linked both ways with the drawing (a row selects its box, a box its row).
  var table = { sort: "status", dir: 1, status: "", level: "", mark: "", q: "" };
  function fold(s) {
    return String(s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d")
      .replace(/Đ/g, "D").toLowerCase();
  }
  function unitRows() {
    var g = state.gaps;
    if (!g) return [];
    var q = fold(table.q).trim();
    var rows = (g.units || []).filter(function (u) {
      if (table.status && u.status !== table.status) return false;
      if (table.level && (u.org.level || "") !== table.level) return false;
      if (table.mark && marksOf(u.org.id).indexOf(table.mark) < 0) return false;
      if (q) {
        var text = [u.org.name, u.org.code, u.org.province].concat((u.documents || []).map(function (d) {
          return d.display + " " + (d.title || "");
        })).join(" ");
        if (fold(text).indexOf(q) < 0) return false;
      }
      return true;
    });
    var key = {
      status: function (u) { return STATUS_ORDER.indexOf(u.status); },
      unit: function (u) { return fold(u.org.name); },
      level: function (u) { return u.org.level || ""; },
      code: function (u) { return u.org.code || u.org.id; },
      docs: function (u) { return (u.documents || []).length + (u.candidate ? 0.5 : 0); },
      marks: function (u) { var d = deadlineOf(u.org.id) || {};
        return -((d.days_late || 0) + (d.report_days_late || 0) + (d.report_missing ? 0.5 : 0)); },
    }[table.sort];
    rows.sort(function (a, b) {
      var x = key(a), y = key(b);
      var d = x < y ? -1 : x > y ? 1 : 0;
      return d * table.dir || fold(a.org.name).localeCompare(fold(b.org.name));
    });
    return rows;
  }
  function downloadLinks(kind, key) {
    var base = "documents/" + enc(urlKey(key)) + "/" + kind + "?lang=" + LANG + "&format=";
    return ["xlsx", "docx", "csv"].map(function (f) {
      return el("a", { class: "dl", href: base + f, download: "", "data-format": f }, f.toUpperCase());
    });
  }
  function downloads(key) {
    return el("div", { class: "downloads" }, el("span", { class: "meta", text: T("Download") + ": " }),
      el("span", { class: "meta", text: T("plans") + " " }), downloadLinks("implementers", key),
      el("span", { class: "meta", text: " · " + T("spread") + " " }), downloadLinks("trace", key),
      el("span", { class: "meta", text: " · " + T("gaps") + " " }), downloadLinks("gaps", key));
  }
  var QUOTE = String.fromCharCode(34);
  function csvCell(c) {
    c = String(c);
    var special = c.indexOf(QUOTE) >= 0 || c.indexOf(",") >= 0 || c.indexOf("\n") >= 0 || c.indexOf("\r") >= 0;
    return special ? QUOTE + c.split(QUOTE).join(QUOTE + QUOTE) + QUOTE : c;
  }
  function csvOfRows(rows) {
    var head = [T("Code"), T("Unit"), T("Level"), T("Status"), T("Documents"), T("Deadlines"), T("Note")];
    var lines = [head].concat(rows.map(function (u) {
      var docs = u.candidate ? [u.candidate] : (u.documents || []);
      return [u.org.code || u.org.id, u.org.name, levelLabel(levelGroup(u.org.level)), statusLabel(u.status),
              docs.map(function (d) { return (d.display || d.key) + (d.date ? " (" + fmtDate(d.date) + ")" : ""); }).join("; "),
              marksOf(u.org.id).map(function (k) { return markText(u.org.id, k); }).join("; "),
              u.reason || ""];
    }));
    return "\ufeff" + lines.map(function (r) {
      return r.map(csvCell).join(",");
    }).join("\r\n");
  }
  function renderGapsTable() {
    var side = $("gaps-side");
    var g = state.gaps;
    side.hidden = !(state.scene === "gaps" && g);
    if (side.hidden) return;
    var rows = unitRows();
    var statusSel = el("select", { id: "gt-status", "aria-label": T("Status"), onchange: function (ev) {
      table.status = ev.target.value; renderGapsTable(); } },
      el("option", { value: "" }, T("every status")),
      STATUS_ORDER.map(function (k) { return el("option", { value: k }, statusLabel(k)); }));
    statusSel.value = table.status;
    var levels = [];
    (g.units || []).forEach(function (u) { if (u.org.level && levels.indexOf(u.org.level) < 0) levels.push(u.org.level); });
    var levelSel = el("select", { id: "gt-level", "aria-label": T("Level"), onchange: function (ev) {
      table.level = ev.target.value; renderGapsTable(); } },
      el("option", { value: "" }, T("every level")),
      levels.map(function (k) { return el("option", { value: k }, levelLabel(levelGroup(k))); }));
    levelSel.value = table.level;
    var markSel = el("select", { id: "gt-mark", "aria-label": T("Marks"), onchange: function (ev) {
      table.mark = ev.target.value; renderGapsTable(); } },
      el("option", { value: "" }, T("with or without marks")),
      Object.keys(STYLE.marks).map(function (k) { return el("option", { value: k }, T(STYLE.marks[k].label)); }));
    markSel.value = table.mark;
    var search = el("input", { id: "gt-search", type: "search", placeholder: T("find a unit or document"),
      "aria-label": T("find a unit or document") });
    search.value = table.q;
    search.addEventListener("input", function (ev) {
      table.q = ev.target.value; renderBody(); });
    function th(key, label) {
      var mark = table.sort === key ? (table.dir > 0 ? " ▲" : " ▼") : "";
      return el("th", { "data-sort": key, tabindex: "0", onclick: function () {
        if (table.sort === key) table.dir = -table.dir; else { table.sort = key; table.dir = 1; }
        renderGapsTable();
      } }, label + mark);
    }
    var tbody = el("tbody");
    var count = el("div", { class: "meta", id: "gt-count" });
    function renderBody() {
      var list = unitRows();
      tbody.replaceChildren();
      list.forEach(function (u) {
        var st = STYLE.status[u.status] || STYLE.status.no_plan;
        var docs = u.candidate ? [u.candidate] : (u.documents || []);
        var tr = el("tr", { "data-unit": u.org.id, class: state.selectedUnit === u.org.id ? "selected" : null,
          onclick: function () { selectUnit(u.org.id, true); } },
          el("td", null, el("span", { class: "dot", style: { background: st.color } }), statusLabel(u.status)),
          el("td", { text: u.org.name }),
          el("td", { text: levelLabel(levelGroup(u.org.level)) }),
          el("td", { class: "docs", text: docs.map(function (d) {
            var rel = (u.relations || {})[d.key];
            return (d.display || d.key) + (d.date ? " · " + fmtDate(d.date) : "") + (rel ? " (" + relLabel(rel) + ")" : "");
          }).join("; ") }),
          el("td", { class: "marks" }, marksOf(u.org.id).map(function (k) {
            return el("div", { class: "mark mark-" + k, "data-mark": k, text: markText(u.org.id, k) });
          })));
        tbody.appendChild(tr);
      });
      count.textContent = TF("{shown} of {n} units", { shown: list.length, n: (g.units || []).length });
    }
    var csvLink = el("a", { class: "dl", href: "#", "data-format": "csv-shown", onclick: function (ev) {
      ev.preventDefault();
      var blob = new Blob([csvOfRows(unitRows())], { type: "text/csv;charset=utf-8" });
      var a = el("a", { href: URL.createObjectURL(blob), download: "gaps.csv" });
      document.body.appendChild(a); a.click(); a.remove();
    } }, T("CSV of the rows shown"));
    side.replaceChildren();
    append(side, [
      el("h2", { text: TF("Units expected to act on {doc}", { doc: g.target.display || g.target.key }) }),
      el("div", { class: "gt-filters" }, statusSel, levelSel, markSel, search),
      el("div", { class: "downloads" }, el("span", { class: "meta", text: T("Download") + ": " }),
        SERVICE ? downloadLinks("gaps", g.target.key) : null, csvLink),
      count,
      el("table", { id: "gaps-table" }, el("thead", null, el("tr", null,
        th("status", T("Status")), th("unit", T("Unit")), th("level", T("Level")), th("docs", T("Documents")),
        th("marks", T("Deadlines")))),
        tbody),
    ]);
    renderBody();
    void rows;
  }
  function selectUnit(orgId, fromTable) {
    state.selectedUnit = orgId;
    var id = "gap|" + orgId;
    Array.prototype.forEach.call(document.querySelectorAll("#gaps-table tr[data-unit]"), function (tr) {
      tr.classList.toggle("selected", tr.getAttribute("data-unit") === orgId);
    });
    if (fromTable) {
      if (network && gapNodes.get(id)) {
        network.selectNodes([id]);
        network.focus(id, { scale: Math.max(network.getScale(), 1), animation: false });
      }
    } else {
      var row = document.querySelector('#gaps-table tr[data-unit="' + (window.CSS && CSS.escape ? CSS.escape(orgId) : orgId) + '"]');
      if (row && row.scrollIntoView) row.scrollIntoView({ block: "nearest" });
    }
    showUnit(id);
  }
  api.selectUnit = selectUnit;

  // ------------------------------------------------------------------ dashboard
  function coverageBar(c) {
    var total = Math.max(1, c.expected);
    var parts = [["has_plan", c.has_plan], ["reported_only", c.reported_only], ["possible", c.possible], ["no_plan", c.no_plan]];
    return el("div", { class: "bar", title: parts.map(function (p) { return statusLabel(p[0]) + ": " + p[1]; }).join(" · ") },
      parts.filter(function (p) { return p[1] > 0; }).map(function (p) {
        return el("span", { style: { width: (100 * p[1] / total) + "%", background: STYLE.status[p[0]].color } });
      }));
  }
  function renderDashboard(d) {
    var box = $("dashboard");
    var dirs = d.directives || [];
    var q = el("input", { id: "dash-search", type: "search", placeholder: T("number or title, e.g. 57-NQ/TW or chuyen doi so"),
      "aria-label": T("Find a document") });
    var form = el("form", { class: "dash-search", role: "search", onsubmit: function (ev) {
      ev.preventDefault(); search(q.value); } }, q, el("button", { type: "submit" }, T("Find")));
    var rows = dirs.map(function (c) {
      return el("tr", { "data-key": c.doc.key, class: "dir", onclick: function () { openDirective(c.doc.key); } },
        el("td", null, el("button", { class: "link", type: "button", text: c.doc.display || c.doc.key }),
          el("div", { class: "meta", text: [fmtDate(c.doc.date), c.doc.issuer].filter(Boolean).join(" · ") }),
          c.doc.title ? el("div", { class: "meta title", text: displayText(c.doc.title, c.doc.title_restored) }) : null),
        el("td", { class: "num", text: c.expected }),
        el("td", { class: "num has", text: c.has_plan }),
        el("td", { class: "num pos", text: c.possible }),
        el("td", { class: "num rep", text: c.reported_only }),
        el("td", { class: "num no", text: c.no_plan }),
        el("td", null, coverageBar(c)));
    });
    var latest = (d.latest || []).map(function (doc) {
      return el("li", { "data-key": doc.key }, el("button", { class: "link", type: "button", onclick: function () {
        hideDashboard(); recentre(doc.key); } }, doc.display || doc.key),
        el("span", { class: "meta", text: " · " + [fmtDate(doc.date), doc.issuer].filter(Boolean).join(" · ") }),
        doc.title ? el("div", { class: "meta title", text: displayText(doc.title, doc.title_restored) }) : null);
    });
    var stats = d.stats || {};
    box.replaceChildren();
    append(box, [
      el("div", { class: "dash-head" },
        el("h2", { text: T("Overview of the store") }),
        el("span", { class: "meta", text: TF("{docs} documents · {orgs} organizations", {
          docs: stats.documents || 0, orgs: stats.organizations || 0 }) })),
      form,
      el("div", { class: "dash-cols" },
        el("section", { class: "dash-dirs" },
          el("h3", { text: T("Directives with the most expected units") }),
          dirs.length ? el("table", { id: "dash-table" },
            el("thead", null, el("tr", null, el("th", { text: T("Document") }), el("th", { text: T("units expected") }),
              el("th", { text: statusLabel("has_plan") }), el("th", { text: statusLabel("possible") }),
              el("th", { text: statusLabel("reported_only") }), el("th", { text: statusLabel("no_plan") }),
              el("th", { text: T("Coverage") }))),
            el("tbody", null, rows)) : el("p", { class: "none", text: T("No document in the store is acted on yet.") })),
        el("section", { class: "dash-latest" },
          el("h3", { text: T("Latest documents") }),
          latest.length ? el("ul", null, latest) : el("p", { class: "none", text: T("none") }))),
    ]);
    box.hidden = false;
    document.body.classList.add("on-dashboard");
  }
  function hideDashboard() {
    $("dashboard").hidden = true;
    document.body.classList.remove("on-dashboard");
  }
  function openDirective(key) {
    hideDashboard();
    state.scene = "gaps";
    $("gaps-toggle").checked = true;
    return recentre(key);
  }
  function showDashboard() {
    setBusy(T("loading the overview…"));
    return fetchJSON("dashboard").then(function (d) {
      state.dashboard = d;
      renderDashboard(d);
      setBusy("");
      api.ready = true;
      document.body.setAttribute("data-ready", "1");
    }).catch(showError);
  }
  api.showDashboard = showDashboard;
  api.openDirective = openDirective;

  // ------------------------------------------------------------ static labels
  function translateStatic() {
    document.documentElement.lang = LANG;
    Array.prototype.forEach.call(document.querySelectorAll("[data-t]"), function (e) {
      e.textContent = T(e.getAttribute("data-t"));
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-t-placeholder]"), function (e) {
      e.setAttribute("placeholder", T(e.getAttribute("data-t-placeholder")));
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-t-title]"), function (e) {
      e.setAttribute("title", T(e.getAttribute("data-t-title")));
    });
    $("lang").value = LANG;
  }
  // Marks for extraction: the labels of page.html and of the style tables.
  void [T("depth"), T("Show"), T("layout"), T("hierarchical"), T("free (physics)"), T("gaps view"), T("Fit"),
        T("language"), T("Dashboard"), T("Cypher"), T("show organizations"), T("number or title, e.g. 57-NQ/TW or chuyen doi so")];
  api.lang = LANG;
  api.T = T;

  // -------------------------------------------------------------------- wiring
  translateStatic();
  $("lang").addEventListener("change", function (ev) {
    try { localStorage.setItem("luocdo.lang", ev.target.value); } catch (e) { /* storage off: this page only */ }
    location.reload();
  });
  $("home").addEventListener("click", function () {
    try { history.replaceState(null, "", location.pathname); } catch (e) { /* file: */ }
    showDashboard();
  });
  $("layout").value = state.hierarchical ? "hierarchical" : "physics";
  $("layout").addEventListener("change", function (ev) {
    state.hierarchical = ev.target.value === "hierarchical";
    if (state.scene === "graph") draw();
  });
  $("gaps-toggle").addEventListener("change", function (ev) {
    setScene(ev.target.checked ? "gaps" : "graph");
  });
  $("fit").addEventListener("click", function () { if (network) network.fit(); });
  $("panel-close").addEventListener("click", closePanel);
  $("depth").value = String(state.depth);
  $("depth").addEventListener("change", function (ev) { state.depth = Number(ev.target.value); });
  $("search").addEventListener("submit", function (ev) {
    ev.preventDefault();
    search($("search-input").value);
  });

  // Standalone data arrives as pyvis built it; only the DOM tooltips are added here.
  nodes.add(DATA.nodes.map(withTip));
  edges.add(DATA.edges.map(withEdgeTip));
  if (!DATA.gaps) $("gaps-toggle").disabled = !SERVICE;
  buildGaps(DATA.gaps);

  var params = new URLSearchParams(location.search);
  if (SERVICE && params.get("center")) {
    if (params.get("gaps") === "1") { state.scene = "gaps"; $("gaps-toggle").checked = true; }
    if (params.get("depth")) state.depth = Number(params.get("depth")) || state.depth;
    $("depth").value = String(state.depth);
    draw();
    recentre(params.get("center"));
  } else if (SERVICE && !DATA.center) {
    $("title-text").textContent = "";
    showDashboard();
  } else if (DATA.showGaps && DATA.gaps) {
    setScene("gaps");
  } else {
    draw();
  }
})();
