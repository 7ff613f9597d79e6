"""The graph viewer: the page in a real Chromium with the network blocked.

Every browser test routes all requests through a guard that lets only the
page itself (file:) and the local service through, and records anything else;
a page that even tries to reach an outside host fails.  Screenshots go to
tests/.artifacts/ (ignored by git), or to tests/artifacts/ (the README's
pictures) when LUOCDO_SCREENSHOTS=1.  Chromium is Debian's (/usr/bin/chromium), driven by
Playwright; the tests skip when it is absent.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from luocdo.graph.schema import DOC_REL_LABELS, LEVELS, ORG_ORG_RELS, ORG_RELS
from luocdo.viz.page import (
    LEVEL_GROUP_OF,
    RELATIONS,
    STATUS,
    build_network,
    embed_json,
    render_page,
    service_page,
    vis_edge,
    vis_node,
)
from tests.corpora import ACTIVE

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ACTIVE.folder  # the seeds, else examples/corpus (tests/corpora.py)
#: The provincial plan whose gaps are drawn, a unit that has a plan for it, words of a title.
TARGET, HAS_PLAN_UNIT, TITLE_WORDS = (
    ("82/KH-UBND", "Lý Sơn", "truyen thong cai cach hanh chinh") if ACTIVE.is_seeds
    else ("145/KH-UBND", "Lâm Bình", "chuyen doi so cap xa")
)
ARTIFACTS = Path(__file__).parent / ("artifacts" if os.environ.get("LUOCDO_SCREENSHOTS") == "1" else ".artifacts")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=\"window.__pwned=1;alert(2)\">"
EVIL = f"Kế hoạch {SCRIPT} và {IMG} </script><!-- \u2028"

# --------------------------------------------------------------------------- data


def node(i: int | str, level: str | None = "commune", *, title: str = "Truyền thông", group: str = "document",
         kind: str | None = "Plan", ingested: bool = True, label: str | None = None) -> dict:
    return {
        "id": str(i), "label": label or f"{i}/KH-UBND", "group": group, "kind": kind, "level": level,
        "type": "KH" if group == "document" else None, "date": "2025-04-17", "issuer": "UBND tỉnh Quảng Ngãi",
        "title": title, "ingested": ingested,
    }


def edge(s: str, t: str, relation: str = "IMPLEMENTS", sentence: str = "Thực hiện Kế hoạch số 82/KH-UBND") -> dict:
    return {"source": s, "target": t, "relation": relation,
            "evidence": {"doc": s, "file": f"seeds/{s}.txt", "start": 10, "end": 60, "sentence": sentence,
                         "derived": False}}


def small_subgraph() -> dict:
    nodes = [node("57-NQ/TW@2024", "central", kind="Resolution", label="57-NQ/TW"),
             node("82/KH-UBND@2025@quang-ngai", "province", label="82/KH-UBND"),
             node("38/KH-UBND@2025@quang-ngai/ly-son", "commune", label="38/KH-UBND", ingested=False),
             node("evil", "department", title=EVIL, label=EVIL),
             node("province:51", "province", group="organization", kind="tỉnh", label="Quảng Ngãi")]
    edges = [edge("82/KH-UBND@2025@quang-ngai", "57-NQ/TW@2024", "CITES"),
             edge("38/KH-UBND@2025@quang-ngai/ly-son", "82/KH-UBND@2025@quang-ngai"),
             edge("evil", "82/KH-UBND@2025@quang-ngai", "BASED_ON", sentence=EVIL),
             {"source": "82/KH-UBND@2025@quang-ngai", "target": "province:51", "relation": "ISSUED_BY",
              "evidence": None}]
    return {"center": "82/KH-UBND@2025@quang-ngai", "nodes": nodes, "edges": edges}


def small_gaps() -> dict:
    target = {"key": "82/KH-UBND@2025@quang-ngai", "url_key": "82~KH-UBND@2025@quang-ngai",
              "display": "82/KH-UBND", "type": "KH", "kind": "Plan", "date": "2025-04-17",
              "level": "province", "ingested": True, "title": "Truyền thông CCHC"}

    def unit(i: int, name: str, status: str, docs: list[dict] | None = None) -> dict:
        return {"org": {"id": f"commune:{i}", "name": name, "level": "commune", "kind": "xã",
                        "province": "Quảng Ngãi"},
                "status": status, "documents": docs or [], "candidate": None,
                "reason": EVIL if name == EVIL else None}

    plan = {"key": "38/KH-UBND@2025@quang-ngai/ly-son", "url_key": "x", "display": "38/KH-UBND"}
    units = [unit(1, "Lý Sơn", "has_plan", [plan]), unit(2, "Sơn Mai", "possible"),
             unit(3, "Ba Tơ", "no_plan"), unit(4, EVIL, "no_plan"), unit(5, "Trà Bồng", "reported_only")]
    return {"target": target, "scope": "recipients", "units": units,
            "counts": {"has_plan": 1, "possible": 1, "no_plan": 2, "reported_only": 1}}


def big_subgraph(n: int) -> dict:
    levels = ["central", "ministry", "province", "department", "commune", "commune", "commune"]
    nodes = [node(f"d{i}", levels[i % 7], label=f"{i}/KH-UBND", ingested=i % 3 > 0) for i in range(n)]
    rels = ["IMPLEMENTS", "BASED_ON", "CITES", "REPORTS_ON"]
    edges = [edge(f"d{i}", f"d{(i - 1) // 3}", rels[i % 4]) for i in range(1, n)]
    edges += [edge(f"d{i}", f"d{(i * 7) % n}", "CITES") for i in range(1, n, 5) if (i * 7) % n != i]
    return {"center": "d0", "nodes": nodes, "edges": edges}


# --------------------------------------------------------------------------- no browser


@pytest.mark.parametrize("value", [
    "</script><script>alert(1)</script>",
    "<!-- <script>",
    "a\u2028b\u2029c",
    "&amp; & <b>",
    {"k": ["</SCRIPT >", "\"'`", None, 1.5]},
])
def test_embed_json_is_inert_and_round_trips(value):
    text = embed_json(value)
    assert not re.search("[<>&\u2028\u2029]", text)
    assert json.loads(text) == value


def test_page_loads_nothing_from_outside():
    html = render_page(small_subgraph(), small_gaps(), title=f"t {SCRIPT}")
    assert SCRIPT not in html and "<img" not in html  # neither in the title nor the data
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:[a-z]+:)?//""", html, re.I)
    styles = "".join(re.findall(r"<style>(.*?)</style>", html, re.S))
    assert styles and not re.search(r"""url\(\s*(?!["']?data:)""", styles, re.I)
    assert "@import" not in html and "sourceMappingURL" not in html
    data = re.search(r'id="luocdo-data">(.*?)</script>', html, re.S).group(1)
    assert "<" not in data and r"\u003cscript\u003ealert(1)" in data


def test_page_data_is_what_was_given():
    sub, gaps = small_subgraph(), small_gaps()
    html = render_page(sub, gaps, title="t", hierarchical=False)
    raw = re.search(r'<script type="application/json" id="luocdo-data">(.*?)</script>', html, re.S).group(1)
    data = json.loads(raw)
    assert data["gaps"] == gaps and data["showGaps"] is True
    assert [n["data"] for n in data["nodes"]] == sub["nodes"]
    assert {e["data"]["relation"] for e in data["edges"]} == {"CITES", "IMPLEMENTS", "BASED_ON", "ISSUED_BY"}
    assert data["options"]["layout"]["hierarchical"]["enabled"] is False
    assert data["options"]["physics"]["enabled"] is True


def test_pyvis_builds_the_network_and_drops_dangling_edges():
    sub = small_subgraph()
    sub["edges"].append(edge("evil", "not-in-the-subgraph"))
    sub["nodes"].append(dict(sub["nodes"][0]))  # duplicate node
    net = build_network(sub)
    assert len(net.get_nodes()) == 5
    assert len(net.get_edges()) == 4
    assert all(e["arrows"] == "to" for e in net.get_edges())


def test_style_covers_the_schema():
    for rel in (*DOC_REL_LABELS, *ORG_RELS, *ORG_ORG_RELS):
        assert rel in RELATIONS, rel
    for level in LEVELS:
        assert level in LEVEL_GROUP_OF, level
    assert set(STATUS) == {"has_plan", "reported_only", "possible", "no_plan"}


def test_service_page_is_cached_and_empty():
    page = service_page()
    assert page is service_page()
    assert 'class="mode-service"' in page


# --------------------------------------------------------------------------- browser


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


class Guarded:
    """A page whose requests may only go to file:, data: and the allowed origins."""

    LOCAL = frozenset({"file", "data", "about", "blob"})

    def __init__(self, browser, allowed: tuple[str, ...] = ()):
        self.allowed = set(allowed)
        self.outside: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.context = browser.new_context(viewport={"width": 1400, "height": 900})
        self.context.route("**/*", self._route)
        self.context.on("request", self._seen)
        self.page = self.context.new_page()
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", self._console)
        self.page.on("response", self._response)
        self.failed: list[str] = []

    def _ok(self, url: str) -> bool:
        u = urlsplit(url)
        return u.scheme in self.LOCAL or f"{u.scheme}://{u.netloc}" in self.allowed

    def _seen(self, request) -> None:
        self.requests.append(request.url)
        if not self._ok(request.url):
            self.outside.append(request.url)

    def _route(self, route) -> None:
        if self._ok(route.request.url):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def _console(self, message) -> None:
        # a 4xx answer is logged as a console error too; those are checked in _response
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.errors.append(message.text)

    def _response(self, response) -> None:
        # /resolve answers 404/409 when a search is not a number: the page then lists documents
        if response.status >= 400 and not (response.status in (404, 409) and "/resolve?" in response.url):
            self.failed.append(f"{response.status} {response.url}")

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open_html(self, html: str, path: Path) -> None:
        path.write_text(html, encoding="utf-8")
        self.page.goto(path.as_uri())
        self.wait_ready()

    def wait_for(self, expr: str, timeout_s: float = 15) -> None:
        """Poll a JS expression from outside: the page's CSP forbids eval, which
        Playwright's own wait_for_function needs."""
        deadline = time.monotonic() + timeout_s
        while not self.page.evaluate(f"() => Boolean({expr})"):
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out after {timeout_s}s waiting for {expr}")
            time.sleep(0.05)

    def wait_ready(self, timeout_s: float = 30) -> None:
        self.wait_for("window.luocdo && window.luocdo.ready", timeout_s)

    def js(self, expr: str, arg=None):
        return self.page.evaluate(expr, arg)

    def click_node(self, node_id: str) -> None:
        pos = self.js("id => luocdo.domPosition(id)", node_id)
        assert pos, f"node {node_id!r} is not drawn"
        self.page.mouse.click(pos["x"], pos["y"])

    def hover_node(self, node_id: str) -> str:
        pos = self.js("id => luocdo.domPosition(id)", node_id)
        self.page.mouse.move(pos["x"] - 40, pos["y"] - 40)
        self.page.mouse.move(pos["x"], pos["y"], steps=4)
        self.wait_for("document.querySelector('div.vis-tooltip')"
                      " && document.querySelector('div.vis-tooltip').style.visibility !== 'hidden'"
                      " && document.querySelector('div.vis-tooltip').textContent.length > 0", 5)
        return self.page.inner_text("div.vis-tooltip")

    def check_clean(self) -> None:
        assert self.outside == [], f"requests to outside hosts: {self.outside}"
        assert self.dialogs == [], f"a dialog fired: {self.dialogs}"
        assert self.js("window.__pwned") is None
        assert self.errors == [], self.errors
        assert self.failed == [], self.failed

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def guarded(browser):
    g = Guarded(browser)
    yield g
    g.close()


def counts(g: Guarded) -> dict:
    return g.js("""() => ({nodes: luocdo.nodes.length, edges: luocdo.edges.length,
        drawnNodes: luocdo.network.body.nodeIndices.length, drawnEdges: luocdo.network.body.edgeIndices.length,
        gapNodes: luocdo.gapNodes.length})""")


@pytest.mark.browser
def test_the_guard_sees_outside_requests(guarded, tmp_path):
    # the other browser tests rely on it: a page that reaches out must be caught
    html = '<html><body><img src="https://cdn.example.org/x.png"><link rel="stylesheet" href="http://203.0.113.9/a.css"></body></html>'
    (tmp_path / "leaky.html").write_text(html)
    guarded.page.goto((tmp_path / "leaky.html").as_uri())
    guarded.page.wait_for_timeout(200)
    assert {urlsplit(u).netloc for u in guarded.outside} == {"cdn.example.org", "203.0.113.9"}


@pytest.mark.browser
def test_untrusted_text_is_shown_as_text(guarded, tmp_path):
    g = guarded
    g.open_html(render_page(small_subgraph(), small_gaps(), title=EVIL, show_gaps=False), tmp_path / "evil.html")
    assert counts(g)["drawnNodes"] == 4  # the organisation stays folded until asked for
    g.page.check("#orgs-toggle")
    g.wait_ready()
    assert counts(g)["drawnNodes"] == 5
    tip = g.hover_node("evil")
    assert SCRIPT in tip and "onerror=" in tip
    g.click_node("evil")
    g.page.wait_for_selector("#panel:not([hidden]) blockquote.evidence")
    panel = g.page.inner_text("#panel")
    assert SCRIPT in panel and IMG in panel  # literally, as text
    assert g.page.get_by_text(SCRIPT).first.is_visible()
    assert g.page.title() == EVIL.replace("\u2028", " ").strip() or SCRIPT in g.page.title()
    # The gaps view: an evil unit name and reason stay text too.
    g.page.check("#gaps-toggle")
    g.wait_ready()
    g.click_node("gap|commune:4")
    g.page.wait_for_selector("#panel:not([hidden]) .status")
    assert SCRIPT in g.page.inner_text("#panel")
    assert g.js("document.querySelectorAll('img').length") == 0
    assert g.js("document.scripts.length") == 3
    g.check_clean()


@pytest.mark.browser
def test_script_and_python_build_the_same_items(guarded, tmp_path):
    sub = small_subgraph()
    g = guarded
    g.open_html(render_page(sub, None, title="parity"), tmp_path / "parity.html")
    center = sub["center"]
    js_nodes = g.js("([ns, c]) => ns.map(n => luocdo.visNode(n, c))", [sub["nodes"], center])
    assert js_nodes == [vis_node(n, center) for n in sub["nodes"]]
    js_edges = g.js("es => es.map(e => luocdo.visEdge(e))", sub["edges"])
    py_edges = [{**vis_edge(e), "from": e["source"], "to": e["target"], "arrows": "to"} for e in sub["edges"]]
    assert js_edges == py_edges
    # what pyvis put in the page is what the script would have built
    embedded = g.js("() => luocdo.nodes.get().map(n => { const c = {...n}; delete c.title; return c; })")
    assert sorted(embedded, key=lambda n: n["id"]) == sorted(js_nodes, key=lambda n: n["id"])
    g.check_clean()


@pytest.mark.browser
def test_filters_hide_levels_and_relations(guarded, tmp_path):
    g = guarded
    g.open_html(render_page(small_subgraph(), None, title="filters"), tmp_path / "filters.html")
    assert g.js("luocdo.nodesView.length") == 4  # organisations folded by default
    g.page.check("#orgs-toggle")
    g.wait_ready()
    assert g.js("luocdo.nodesView.length") == 5
    g.page.uncheck('input[data-level="commune"]')
    g.wait_ready()
    assert g.js("luocdo.nodesView.length") == 4
    g.page.uncheck('input[data-relation="CITES"]')
    g.wait_ready()
    assert "CITES" not in g.js("luocdo.edgesView.get().map(e => e.data.relation)")
    assert g.js("luocdo.network.body.nodeIndices.length") == 4
    g.page.uncheck("#orgs-toggle")
    g.wait_ready()
    assert g.js("luocdo.nodesView.get().filter(n => n.data.group === 'organization').length") == 0
    g.page.select_option("#layout", "physics")
    g.wait_ready()
    assert g.js("luocdo.network.physics.options.enabled") is False  # switched off once stable
    g.check_clean()


@pytest.mark.browser
def test_two_thousand_nodes_load_quickly(guarded, tmp_path):
    g = guarded
    sub = big_subgraph(2000)
    t0 = time.monotonic()
    html = render_page(sub, None, title="2000 nodes")
    g.open_html(html, tmp_path / "big.html")
    hierarchical_s = time.monotonic() - t0
    c = counts(g)
    assert c["nodes"] == c["drawnNodes"] == 2000
    assert c["drawnEdges"] == len(sub["edges"])
    assert hierarchical_s < 20, f"2,000 nodes took {hierarchical_s:.1f}s"
    t1 = time.monotonic()
    g.page.select_option("#layout", "physics")
    g.wait_ready(timeout_s=40)
    physics_s = time.monotonic() - t1
    assert physics_s < 30, f"2,000 nodes with physics took {physics_s:.1f}s"
    assert g.js("luocdo.network.physics.options.enabled") is False
    g.check_clean()


# --------------------------------------------------------------------------- real data


def _queries():
    from luocdo import queries as Q

    if not all(hasattr(Q, f) for f in ("subgraph", "gaps", "show")):
        pytest.skip("luocdo.queries has no subgraph/gaps/show yet")
    return Q


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory):
    from luocdo.graph.store import open_store
    from luocdo.pipeline import ingest

    db = tmp_path_factory.mktemp("viz") / "seeds.db"
    store = open_store(str(db))
    try:
        report = ingest(store, [str(SEEDS)], workers=1)
    finally:
        store.close()
    assert not report.failed
    return db


def _cli(*args: str) -> None:
    from typer.testing import CliRunner

    from luocdo.api.cli import app

    result = CliRunner(env={"LUOCDO_LANG": "en"}).invoke(app, list(args))
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(("args", "message"), [
    (["99/KH-XYZ"], "no document"),
    (["57-NQ/TW", "--depth", "9"], "--depth"),
    (["57-NQ/TW", "--relations", "LOVES"], "LOVES"),
])
def test_cli_errors_name_the_problem(seed_db, tmp_path, args, message):
    _queries()
    from typer.testing import CliRunner

    from luocdo.api.cli import app

    out = tmp_path / "never.html"
    result = CliRunner(env={"LUOCDO_LANG": "en"}).invoke(app, ["viz", *args, "-o", str(out), "--db", str(seed_db)])
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert not out.exists()


def _edge_with_evidence(g: Guarded) -> dict:
    """A drawn edge that has an evidence sentence, and the document at its start."""
    e = g.js("""() => luocdo.edges.get().filter(e => e.data.evidence && e.data.evidence.sentence
        && luocdo.nodes.get(e.from).data.group === 'document').map(e => ({from: e.from, to: e.to,
        sentence: e.data.evidence.sentence, file: e.data.evidence.file}))[0]""")
    assert e, "no edge with evidence in the page"
    return e


@pytest.mark.browser
def test_standalone_page_for_57(guarded, seed_db, tmp_path):
    _queries()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    out = ARTIFACTS / "viewer-57-NQ-TW.html"
    _cli("viz", "57-NQ/TW", "-o", str(out), "--db", str(seed_db))
    g = guarded
    g.page.goto(out.as_uri())
    g.wait_ready()
    c = counts(g)
    assert c["drawnNodes"] >= 3 and c["drawnEdges"] >= 2, c
    assert g.js("luocdo.state.center").startswith("57-NQ/TW")
    # hierarchical: central documents above everything, communes below everything
    ys = g.js("""() => { const p = luocdo.network.getPositions(), out = {};
        luocdo.nodesView.get().forEach(n => { (out[n.data.level || '?'] ||= []).push(p[n.id].y); }); return out; }""")
    assert max(ys["central"]) < min(y for lv, v in ys.items() if lv != "central" for y in v)
    assert min(ys["commune"]) > max(y for lv, v in ys.items() if lv != "commune" for y in v)
    e = _edge_with_evidence(g)
    g.click_node(e["from"])
    g.page.wait_for_selector("#panel:not([hidden]) blockquote.evidence")
    panel = g.page.inner_text("#panel")
    assert " ".join(e["sentence"].split())[:60] in " ".join(panel.split())
    assert Path(e["file"]).name in panel
    g.page.select_option("#layout", "physics")  # the free layout reads better in a picture
    g.wait_ready()
    assert g.js("luocdo.network.body.nodeIndices.length") == c["drawnNodes"]
    g.page.screenshot(path=str(ARTIFACTS / "viewer-57-NQ-TW.png"))
    g.check_clean()


def _check_gaps_82(g: Guarded) -> None:
    units = g.js("""() => luocdo.gapNodes.get().filter(n => n.unit).map(n => ({id: n.id,
        name: n.unit.org.name, status: n.status, color: n.color.background}))""")
    assert units, "no expected units drawn"
    ly_son = [u for u in units if u["name"].endswith(HAS_PLAN_UNIT)]
    assert ly_son and ly_son[0]["color"] == STATUS["has_plan"]["color"], ly_son
    missing = [u for u in units if u["status"] == "no_plan"]
    assert missing, "no commune without a plan"
    assert all(u["color"] == STATUS["no_plan"]["color"] for u in missing)
    assert g.js("luocdo.network.body.nodeIndices.length") == len(units) + 1
    g.click_node(ly_son[0]["id"])
    g.page.wait_for_selector("#panel:not([hidden]) .status")
    from luocdo.i18n import status_label

    assert status_label("has_plan", g.js("luocdo.lang")) in g.page.inner_text("#panel")


@pytest.mark.browser
def test_standalone_gaps_for_82(guarded, seed_db, tmp_path):
    _queries()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    out = ARTIFACTS / "viewer-gaps-82.html"
    _cli("viz", TARGET, "--gaps", "-o", str(out), "--db", str(seed_db))
    g = guarded
    g.page.goto(out.as_uri())
    g.wait_ready()
    assert g.js("luocdo.state.scene") == "gaps"
    _check_gaps_82(g)
    g.page.screenshot(path=str(ARTIFACTS / "viewer-gaps-82.png"))
    g.check_clean()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def service(seed_db):
    _queries()
    try:
        from luocdo.api.app import create_app
    except ImportError:
        pytest.skip("luocdo.api.app is not there yet")
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db=str(seed_db)), host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the API server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.mark.browser
def test_service_page_searches_and_shows_cards(browser, service):
    g = Guarded(browser, allowed=(service,))
    try:
        g.page.goto(service + "/")
        g.wait_ready()
        assert g.page.is_visible("#dashboard")  # the page opens on the store's dashboard
        # By number: /resolve finds it and the graph is recentred on it.
        g.page.fill("#search-input", "57-NQ/TW")
        g.page.press("#search-input", "Enter")
        g.wait_for("luocdo.state.center && luocdo.state.center.startsWith('57-NQ/TW') && luocdo.ready")
        c = counts(g)
        assert c["drawnNodes"] >= 3 and c["drawnEdges"] >= 2, c
        e = _edge_with_evidence(g)
        g.click_node(e["from"])
        g.page.wait_for_selector("#panel:not([hidden]) blockquote.evidence")  # the card, from the API
        assert g.js("Object.keys(luocdo.state.cards).length") >= 1
        assert " ".join(e["sentence"].split())[:60] in " ".join(g.page.inner_text("#panel").split())
        # By title words without diacritics: a list to choose from.
        g.page.fill("#search-input", TITLE_WORDS)
        g.page.press("#search-input", "Enter")
        g.page.wait_for_selector("#results:not([hidden]) li button", timeout=10000)
        g.page.click("#results li button")
        g.wait_for("luocdo.ready && !luocdo.state.center.startsWith('57-NQ/TW')")
        # One hop around 82/KH-UBND, then the neighbours of the Lý Sơn report added to it.
        g.page.select_option("#depth", "1")
        g.page.fill("#search-input", TARGET)
        g.page.press("#search-input", "Enter")
        g.wait_for(f"luocdo.ready && luocdo.state.center.startsWith('{TARGET}')")
        before = g.js("luocdo.nodes.length")
        report = g.js("luocdo.nodes.get().find(n => n.data.type === 'BC').id")
        g.click_node(report)
        g.page.click("#card .actions button[data-action=expand]")
        g.wait_for(f"luocdo.ready && luocdo.nodes.length > {before}")
        assert g.js("luocdo.network.body.nodeIndices.length") == g.js("luocdo.nodesView.length")
        # The gaps view of 82/KH-UBND, fetched from the API.
        g.page.check("#gaps-toggle")
        g.wait_for("luocdo.ready && luocdo.gapNodes.length > 1")
        _check_gaps_82(g)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        g.page.screenshot(path=str(ARTIFACTS / "viewer-service.png"))
        assert any(r.startswith(service + "/graph?") for r in g.requests)
        g.check_clean()
    finally:
        g.close()


@pytest.mark.browser
def test_service_page_lists_the_candidates_of_an_ambiguous_name(browser, service):
    g = Guarded(browser, allowed=(service,))
    try:
        g.page.goto(service + f"/?center={ACTIVE.ambiguous}")
        g.page.wait_for_selector("#results:not([hidden]) li button", timeout=15000)
        listed = g.page.locator("#results li button").all_text_contents()
        keys = g.page.locator("#results li button").evaluate_all("bs => bs.map(b => b.parentElement.textContent)")
        assert len(listed) == 2 and all(t.startswith(ACTIVE.ambiguous) for t in listed)
        assert any("2024" in k for k in keys) and any("2025" in k for k in keys)
        assert g.errors == [] and g.outside == []
        g.page.locator("#results li button").first.click()
        g.wait_for(f"luocdo.ready && luocdo.state.center && luocdo.state.center.startsWith('{ACTIVE.ambiguous}@')")
    finally:
        g.close()
