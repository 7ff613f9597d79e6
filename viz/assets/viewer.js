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
      el("div", { text: [n.type, n.date || "date unknown"].filter(Boolean).join(" · ") }),
      n.issuer ? el("div", { text: n.issuer }) : null,
      n.title ? el("div", { class: "tip-title", text: n.title }) : null,
      n.ingested ? null : el("div", { class: "muted", text: "cited only: its text is not in the corpus" }));
  }
  function edgeTip(e) {
    var ev = e.evidence;
    return el("div", { class: "tip" },
      el("b", { text: relStyle(e.relation).label }),
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
    cards: DATA.cards || {},
    levelsOn: new Set(Object.keys(STYLE.groups)),
    relsOn: new Set(Object.keys(STYLE.relations)),
    selected: null,
  };
  var nodes = new vis.DataSet();
  var edges = new vis.DataSet();
  var gapNodes = new vis.DataSet();
  var gapEdges = new vis.DataSet();
  var nodesView = new vis.DataView(nodes, {
    filter: function (n) { return state.levelsOn.has(levelGroup(n.data.level)); },
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
      var label = u.org.name + (docs.length ? "\n" + shortLabel(docs.join(", ")) : "");
      var id = "gap|" + u.org.id;
      gapNodes.add({
        id: id, label: label, shape: "box", x: Math.round(radius * Math.cos(a)),
        y: Math.round(radius * Math.sin(a)), fixed: true,
        color: { background: st.color, border: st.border,
                 highlight: { background: st.color, border: "#111111" },
                 hover: { background: st.color, border: "#111111" } },
        font: { color: "#ffffff", size: 13, multi: false },
        borderWidth: 1.5, status: u.status, unit: u,
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
      el("div", { text: st.label }),
      u.reason ? el("div", { class: "muted", text: u.reason }) : null,
      (u.documents || []).map(function (d) {
        return el("div", { text: (d.display || d.key) + (d.date ? " · " + d.date : "") });
      }),
      u.candidate ? el("div", { class: "muted", text: "candidate: " + (u.candidate.display || u.candidate.key) }) : null);
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
  }

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
      ? "No gaps report for this document."
      : SERVICE ? "Search for a document by number or title to draw its graph." : "The subgraph is empty.";
  }
  function updateStatus() {
    var s = state.scene === "gaps" && state.gaps
      ? (state.gaps.units || []).length + " expected units · scope " + state.gaps.scope
      : nodesView.length + " of " + nodes.length + " nodes · " + edgesView.length + " edges";
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
      parts.push(el("h2", { text: "Expected units" }));
      STATUS_ORDER.forEach(function (k) {
        var st = STYLE.status[k];
        parts.push(el("div", { class: "row" },
          el("span", { class: "swatch", style: { background: st.color } }),
          st.label, el("span", { class: "count", text: counts[k] || 0 })));
      });
      parts.push(el("p", { class: "note", text: "Each box is a unit expected to act on the document in the middle." }));
    }
    parts.push(el("h2", { text: "Levels" }));
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
        el("span", { class: "swatch", style: { background: g.color } }), g.label,
        el("span", { class: "count", text: levelCounts[k] || 0 })));
    });
    parts.push(el("h2", { text: "Relations" }));
    Object.keys(STYLE.relations).forEach(function (k) {
      if (STYLE.docRelations.indexOf(k) < 0 && !relCounts[k]) return;
      var r = STYLE.relations[k];
      var cb = el("input", { type: "checkbox", "data-relation": k, onchange: function (ev) {
        if (ev.target.checked) state.relsOn.add(k); else state.relsOn.delete(k);
        refilter();
      } });
      cb.checked = state.relsOn.has(k);
      cb.disabled = gapsScene;
      parts.push(el("label", { class: gapsScene ? "disabled" : null }, cb, lineIcon(r), r.label,
        el("span", { class: "count", text: relCounts[k] || 0 })));
    });
    parts.push(el("h2", { text: "Shapes" }));
    STYLE.shapeLegend.forEach(function (s) {
      parts.push(el("div", { class: "row" }, shapeIcon(s[0]), s[1]));
    });
    parts.push(el("p", { class: "note", text: "Dashed outline: cited only (the text itself is not in the corpus)." }));
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
      if (state.scene === "gaps") showUnit(p.nodes[0]); else showNode(p.nodes[0]);
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
    openPanel([el("p", { class: "muted", text: "Loading " + (n.data.label || id) + "…" })]);
    fetchJSON("documents/" + enc(urlKey(id))).then(function (card) {
      state.cards[id] = card;
      renderCard(card);
    }).catch(function (err) {
      var c = localCard(id);
      c.error = "Could not load the card (" + err.message + "); showing what the graph holds.";
      renderCard(c);
    });
  }

  function relBadge(rel) {
    return el("span", { class: "rel", style: { background: relStyle(rel).color }, text: relStyle(rel).label });
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
    if (!ev) return el("div", { class: "none", text: "no evidence sentence recorded" });
    var where = [ev.file || "(file unknown)"];
    if (ev.start !== null && ev.start !== undefined) where.push("chars " + ev.start + "–" + ev.end);
    if (ev.derived) where.push("stated inside a citation");
    if (ev.doc) where.push("in " + ev.doc);
    return [el("blockquote", { class: "evidence", text: ev.sentence || "" }),
            el("div", { class: "src", text: where.join(" · ") })];
  }
  function edgeList(title, rows) {
    return [el("h3", { text: title + " (" + rows.length + ")" }),
      rows.length ? el("ul", null, rows.map(function (r) {
        return el("li", { class: "edge" },
          el("div", null, relBadge(r.relation), docLink(r.other),
             r.other.date ? el("span", { class: "meta", text: " · " + r.other.date }) : null),
          r.other.title ? el("div", { class: "meta", text: r.other.title }) : null,
          evidenceBlock(r.evidence));
      })) : el("div", { class: "none", text: "none" })];
  }

  function renderCard(card) {
    var d = card.doc || {};
    var kids = [];
    kids.push(el("h2", { text: d.display || d.key }));
    if (card.isOrg) {
      kids.push(el("div", { class: "meta", text: [card.orgKind, d.level].filter(Boolean).join(" · ") }));
    } else {
      kids.push(el("div", { class: "meta", text: [d.type, d.date || "date unknown"].filter(Boolean).join(" · ") }));
      if (d.issuer) kids.push(el("div", { class: "meta", text: d.issuer + (d.province ? " · " + d.province : "") }));
      if (d.title) kids.push(el("div", { class: "doc-title", text: d.title }));
    }
    kids.push(el("div", { class: "key", text: d.key },
      !card.isOrg && d.ingested === false ? el("span", { class: "badge", text: "cited only" }) : null));
    if (card.error) kids.push(el("p", { class: "error", text: card.error }));
    var actions = [];
    if (SERVICE) {
      actions.push(el("button", { type: "button", onclick: function () { expand(d.key); } }, "expand neighbours"));
      if (!card.isOrg && d.key !== state.center) {
        actions.push(el("button", { type: "button", onclick: function () { recentre(d.key); } }, "centre here"));
      }
    } else {
      actions.push(el("button", { type: "button", onclick: function () { focusNeighbours(d.key); } }, "show neighbours"));
    }
    kids.push(el("div", { class: "actions" }, actions));
    if (card.sources && card.sources.length) {
      kids.push(el("h3", { text: "Sources (" + card.sources.length + ")" }),
        el("ul", null, card.sources.map(function (s) { return el("li", { class: "src", text: s }); })));
    }
    var conflicts = Object.keys(card.conflicts || {});
    if (conflicts.length) {
      kids.push(el("h3", { text: "Sources disagree" }), el("ul", null, conflicts.map(function (k) {
        return el("li", { class: "meta", text: k + ": " + (card.conflicts[k] || []).map(String).join(" / ") });
      })));
    }
    if (card.aliases && card.aliases.length) {
      kids.push(el("div", { class: "meta", text: "Also cited as: " + card.aliases.join(", ") }));
    }
    if (card.candidates && card.candidates.length) {
      kids.push(el("p", { class: "error", text: "Unresolved reference: fits " + card.candidates.join(", ") }));
    }
    kids.push(edgeList("Outgoing", card.outgoing || []));
    kids.push(edgeList("Incoming", card.incoming || []));
    // edges a third document states inside a citation, apart from the documents' own
    if ((card.derived_outgoing || []).length) kids.push(edgeList("Derived outgoing (stated inside a citation)", card.derived_outgoing));
    if ((card.derived_incoming || []).length) kids.push(edgeList("Derived incoming (stated inside a citation)", card.derived_incoming));
    if (card.organizations && card.organizations.length) {
      kids.push(el("h3", { text: "Organizations (" + card.organizations.length + ")" }),
        el("ul", null, card.organizations.map(function (o) {
          return el("li", { class: "edge" }, relBadge(o.relation), (o.org && o.org.name) || "?",
            o.role ? el("span", { class: "badge", text: o.role }) : null,
            o.task ? el("div", { class: "meta", text: o.task }) : null);
        })));
    }
    if (card.partial) {
      kids.push(el("p", { class: "none", text: "Edges drawn on this page only." }));
    }
    openPanel(kids);
  }

  function showEdge(id) {
    var e = edges.get(id);
    if (!e) return;
    openPanel([
      el("h2", { text: relStyle(e.data.relation).label }),
      el("div", null, docLink(refOfNode(e.from)), " → ", docLink(refOfNode(e.to))),
      el("h3", { text: "Evidence" }),
      evidenceBlock(e.data.evidence),
    ]);
  }

  function showUnit(id) {
    var n = gapNodes.get(id);
    if (!n || !n.unit) { if (n) goTo(n.id); return; }
    var u = n.unit;
    var st = STYLE.status[u.status] || { label: u.status, color: "#777" };
    var kids = [
      el("h2", { text: u.org.name }),
      el("div", { class: "meta", text: [u.org.kind, u.org.level, u.org.province].filter(Boolean).join(" · ") }),
      el("p", null, el("span", { class: "status", style: { background: st.color }, text: st.label })),
      u.reason ? el("p", { class: "meta", text: u.reason }) : null,
      el("h3", { text: "Documents (" + (u.documents || []).length + ")" }),
      (u.documents || []).length ? el("ul", null, u.documents.map(function (d) {
        return el("li", { class: "edge" }, docLink(d), d.date ? " · " + d.date : "",
          d.title ? el("div", { class: "meta", text: d.title }) : null);
      })) : el("div", { class: "none", text: "none found" }),
    ];
    if (u.candidate) {
      kids.push(el("h3", { text: "Candidate" }), el("div", null, docLink(u.candidate),
        u.candidate.title ? el("div", { class: "meta", text: u.candidate.title }) : null));
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
    setBusy("loading " + key + "…");
    return fetchJSON("graph?center=" + enc(key) + "&depth=" + enc(state.depth)).then(function (sub) {
      state.center = sub.center || key;
      state.cards = {};
      if (state.gaps && state.gaps.target && state.gaps.target.key !== state.center) state.gaps = null;
      loadSubgraph(sub, false);
      var c = nodes.get(state.center);
      state.title = c ? (c.data.label || state.center) : state.center;
      $("page-title").textContent = "luocdo · " + state.title;
      document.title = "luocdo · " + state.title;
      try { history.replaceState(null, "", "?center=" + enc(state.center) + (state.scene === "gaps" ? "&gaps=1" : "")); } catch (e) { /* file: */ }
      closePanel();
      if (state.scene === "gaps") return loadGaps().then(draw);
      draw();
    }).catch(function (err) { showError(err); });
  }

  function expand(id) {
    setBusy("expanding…");
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
      buildGaps(g);
    }).catch(function (err) { state.gaps = null; buildGaps(null); showError(err); });
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
    setBusy("error: " + (err && err.message));
  }

  function showResults(items, note) {
    var ul = $("results");
    var lis = [];
    if (note) lis.push(el("li", { class: "muted", text: note }));
    items.forEach(function (d) {
      lis.push(el("li", null, el("button", { type: "button", onclick: function () {
        ul.hidden = true; recentre(d.key);
      } }, d.display || d.key),
      el("span", { class: "muted", text: " · " + [d.date, d.issuer, d.title].filter(Boolean).join(" · ") })));
    });
    ul.replaceChildren();
    append(ul, lis);
    ul.hidden = lis.length === 0;
  }

  function search(q) {
    q = q.trim();
    if (!q) return Promise.resolve();
    showResults([], "searching…");
    return fetchJSON("resolve?name=" + enc(q)).then(function (doc) {
      showResults([]);
      return recentre(doc.key);
    }).catch(function (err) {
      var body = err.body || {};
      var cands = (body.error && body.error.candidates) || body.candidates || [];
      if (cands.length) { showResults(cands, "Several documents fit “" + q + "”:"); return; }
      return fetchJSON("documents?q=" + enc(q) + "&limit=20").then(function (page) {
        var items = (page && page.items) || [];
        showResults(items, items.length ? null : "Nothing found for “" + q + "”.");
      }).catch(function (e2) { showResults([], "Search failed: " + e2.message); });
    });
  }

  // -------------------------------------------------------------------- wiring
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
  } else if (DATA.showGaps && DATA.gaps) {
    setScene("gaps");
  } else {
    draw();
  }
})();
