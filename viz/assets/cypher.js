/* luocdo Cypher page: the saved questions as one-click examples, an editor,
 * read-only runs through POST /cypher, results as a table.  Results are text:
 * they only reach the page through textContent. */
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
  var api = { ready: false, last: null, lang: LANG };
  window.luocdoCypher = api;

  document.documentElement.lang = LANG;
  $("heading").textContent = T("Cypher (read only)");
  $("lang-label").textContent = T("language");
  $("query-label").textContent = T("Query");
  $("params-label").textContent = T("Parameters (JSON)");
  $("run").textContent = T("Run");
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
      run();
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

  function run() {
    var params;
    $("error").textContent = "";
    try { params = JSON.parse($("params").value || "{}"); } catch (e) {
      $("error").textContent = T("Parameters (JSON)") + ": " + e.message;
      return Promise.resolve();
    }
    api.ready = false;
    $("meta").textContent = T("running…");
    return fetch("cypher", {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json", "Accept-Language": LANG },
      body: JSON.stringify({ query: $("query").value, params: params }),
    }).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) throw new Error((body && body.error && body.error.message) || ("HTTP " + r.status));
        api.last = body;
        show(body);
      });
    }).catch(function (e) {
      $("meta").textContent = "";
      $("error").textContent = T("error") + ": " + e.message;
    }).then(function () { api.ready = true; });
  }
  $("run").addEventListener("click", run);
  api.run = run;
  api.ready = true;
})();
