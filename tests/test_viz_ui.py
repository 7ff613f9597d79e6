"""The service's pages in a real Chromium with the network blocked: the
Vietnamese dashboard, the gaps table beside the graph (both ways), the
language switch (remembered), a downloaded XLSX opened by openpyxl, and the
OpenAPI page rendered from the package's own files.  On the example corpus.

The dashboard screenshot of the README is written to tests/artifacts/ only
when LUOCDO_SCREENSHOTS=1 (else to the ignored tests/.artifacts/).
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest

from luocdo.i18n import gettext, status_label
from tests.test_viz import ARTIFACTS, Guarded, browser, guarded  # noqa: F401 - the browser fixtures

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"
K145 = "145/KH-UBND@2025@tuyen-quang"


def _service(db: Path, corpus: Path):
    import uvicorn

    from luocdo.api.app import create_app
    from luocdo.graph.store import open_store
    from luocdo.pipeline import ingest

    store = open_store(str(db))
    try:
        assert not ingest(store, [str(corpus)], workers=1).failed
    finally:
        store.close()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db=str(db)), host="127.0.0.1", port=port,
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


@pytest.fixture(scope="module")
def corpus_service(tmp_path_factory):
    yield from _service(tmp_path_factory.mktemp("viz_ui") / "corpus.db", CORPUS)


@pytest.fixture(scope="module")
def duty_service(tmp_path_factory):
    """The example corpus whose 145/KH-UBND also lists a plan duty and a reporting duty (tests/test_deadlines.py)."""
    from tests.test_deadlines import corpus_with_duties

    tmp = tmp_path_factory.mktemp("viz_ui_duties")
    yield from _service(tmp / "duties.db", corpus_with_duties(tmp))


@pytest.fixture
def page(browser, corpus_service):  # noqa: F811 - the fixture imported above
    g = Guarded(browser, allowed=(corpus_service,))
    g.context.set_default_timeout(15000)
    yield g
    g.close()


def _gaps_counts(base: str) -> dict:
    import httpx

    return httpx.get(f"{base}/documents/{K145.replace('/', '~')}/gaps", timeout=60).json()["counts"]


@pytest.mark.browser
def test_vietnamese_dashboard_opens_the_graph(page, corpus_service):
    g = page
    g.page.goto(corpus_service + "/")
    g.wait_ready()
    assert g.js("luocdo.lang") == "vi" and g.js("document.documentElement.lang") == "vi"
    g.page.wait_for_selector("#dashboard:not([hidden]) #dash-table")
    text = g.page.text_content("#dashboard")
    for words in ("Tổng quan kho văn bản", "Văn bản chỉ đạo có nhiều đơn vị phải thực hiện nhất", "Văn bản mới nhất",
                  "Đã có kế hoạch", "Có thể đã có (chưa dẫn chiếu)", "Chưa có kế hoạch", "Chỉ có báo cáo"):
        assert words in text, words
    row = g.page.locator(f'#dash-table tr[data-key="{K145}"]')
    cells = row.locator("td").all_inner_texts()
    counts = _gaps_counts(corpus_service)
    assert [int(c) for c in cells[1:6]] == [counts["total"], counts["has_plan"], counts["possible"],
                                            counts["reported_only"], counts["no_plan"]]
    assert "12/08/2025" in cells[0]
    assert g.page.is_visible("#dash-search")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    g.page.set_viewport_size({"width": 1400, "height": 800})
    g.page.screenshot(path=str(ARTIFACTS / "dashboard-vi.png"))
    row.click()
    g.wait_for(f"luocdo.ready && luocdo.state.center === {K145!r} && luocdo.state.scene === 'gaps'"
               " && luocdo.gapNodes.length > 1")
    assert not g.page.is_visible("#dashboard") and g.page.is_visible("#gaps-side")
    assert "gaps=1" in g.page.url
    # the search box of the dashboard finds documents without diacritics
    g.page.click("#home")
    g.page.wait_for_selector("#dashboard:not([hidden])")
    g.page.fill("#dash-search", "nghi quyet 57")
    g.page.press("#dash-search", "Enter")
    g.wait_for("luocdo.ready && luocdo.state.center && luocdo.state.center.startsWith('57-NQ/TW')"
               " || !document.getElementById('results').hidden")
    g.check_clean()


@pytest.mark.browser
def test_gaps_table_beside_the_graph(page, corpus_service):
    g = page
    g.page.goto(f"{corpus_service}/?center={K145}&gaps=1")
    g.wait_for("luocdo.ready && luocdo.gapNodes.length > 1 && document.querySelector('#gaps-table tbody tr')")
    counts = _gaps_counts(corpus_service)
    rows = g.page.locator("#gaps-table tbody tr")
    assert rows.count() == counts["total"]
    # filter by status
    g.page.select_option("#gt-status", "no_plan")
    assert rows.count() == counts["no_plan"]
    assert set(rows.locator("td:first-child").all_inner_texts()) == {status_label("no_plan", "vi")}
    g.page.select_option("#gt-status", "")
    # filter by level
    g.page.select_option("#gt-level", "department")
    depts = rows.count()
    assert 0 < depts < counts["total"]
    assert set(rows.locator("td:nth-child(3)").all_inner_texts()) == {gettext("department", "vi")}
    g.page.select_option("#gt-level", "")
    # search, without diacritics
    g.page.fill("#gt-search", "tan trao")
    assert rows.count() == 1 and "Tân Trào" in rows.first.inner_text()
    g.page.fill("#gt-search", "")
    assert rows.count() == counts["total"]
    # sort by unit name, both ways
    g.page.click('#gaps-table th[data-sort="unit"]')
    names = rows.locator("td:nth-child(2)").all_inner_texts()
    g.page.click('#gaps-table th[data-sort="unit"]')
    assert rows.locator("td:nth-child(2)").all_inner_texts() == list(reversed(names)) or names[0] != names[-1]
    # a row selects its box in the drawing and opens its card
    row = g.page.locator("#gaps-table tbody tr", has_text="Tân Trào").first
    org_id = row.get_attribute("data-unit")
    row.click()
    assert g.js("luocdo.network.getSelectedNodes()") == [f"gap|{org_id}"]
    g.page.wait_for_selector("#panel:not([hidden]) .status")
    assert "Tân Trào" in g.page.inner_text("#panel")
    # a box in the drawing selects its row
    other = g.js("luocdo.gapNodes.get().find(n => n.unit && n.unit.org.name.includes('Hàm Yên')).unit.org.id")
    g.click_node(f"gap|{other}")
    g.page.wait_for_selector(f'#gaps-table tr.selected[data-unit="{other}"]')
    assert g.page.locator("#gaps-table tr.selected").count() == 1
    g.check_clean()


@pytest.mark.browser
def test_language_switch_is_remembered(page, corpus_service):
    g = page
    g.page.goto(corpus_service + "/")
    g.wait_ready()
    assert "Tổng quan kho văn bản" in g.page.text_content("#dashboard")
    with g.page.expect_navigation():
        g.page.select_option("#lang", "en")
    g.wait_ready()
    g.page.wait_for_selector("#dashboard:not([hidden]) #dash-table")
    assert g.js("luocdo.lang") == "en"
    text = g.page.text_content("#dashboard")
    assert "Overview of the store" in text and "has a plan" in text and "Đã có kế hoạch" not in text
    assert g.page.get_attribute("#search-input", "placeholder").startswith("number or title")
    g.page.reload()
    g.wait_ready()
    g.page.wait_for_selector("#dashboard:not([hidden]) #dash-table")
    assert g.js("luocdo.lang") == "en" and g.js("localStorage.getItem('luocdo.lang')") == "en"
    with g.page.expect_navigation():
        g.page.select_option("#lang", "vi")
    g.wait_ready()
    assert g.js("luocdo.lang") == "vi"
    g.check_clean()


@pytest.mark.browser
def test_downloaded_xlsx_opens(page, corpus_service, tmp_path):
    from openpyxl import load_workbook

    g = page
    g.page.goto(f"{corpus_service}/?center={K145}&gaps=1")
    g.wait_for("luocdo.ready && document.querySelector('#gaps-side a.dl[data-format=xlsx]')")
    with g.page.expect_download() as info:
        g.page.click("#gaps-side a.dl[data-format=xlsx]")
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    assert path.suffix == ".xlsx"
    ws = load_workbook(path).active
    cells = [str(v) for row in ws.iter_rows(values_only=True) for v in row if v is not None]
    assert "Xã Tân Trào" in cells and status_label("has_plan", "vi") in cells
    assert any(c.startswith("Tình hình ban hành kế hoạch thực hiện 145/KH-UBND") for c in cells)
    counts = _gaps_counts(corpus_service)
    assert sum(1 for c in cells if c == status_label("no_plan", "vi")) == counts["no_plan"]
    g.check_clean()


@pytest.mark.browser
def test_openapi_page_renders_offline(page, corpus_service):
    g = page
    g.page.goto(corpus_service + "/docs")
    g.page.wait_for_selector(".swagger-ui .information-container .title", timeout=20000)
    g.page.wait_for_selector(".swagger-ui .opblock", timeout=20000)
    assert "luocdo" in g.page.inner_text(".swagger-ui .information-container .title")
    assert g.outside == []
    assert any(r.endswith("/docs-assets/swagger-ui-bundle.js") for r in g.requests)


@pytest.mark.browser
def test_cypher_page_runs_a_saved_question(page, corpus_service):
    g = page
    g.page.goto(corpus_service + "/cypher-page")
    g.wait_for("window.luocdoCypher && luocdoCypher.ready")
    assert g.page.locator("#examples button").count() == 10
    assert "Câu hỏi lưu sẵn" in g.page.text_content("#examples")
    g.page.click('#examples button[data-id="implements"]')
    g.wait_for("luocdoCypher.ready && luocdoCypher.last && document.querySelector('#result tbody tr')")
    assert "41/KH-UBND" in g.page.inner_text("#result")
    # the same answer as a graph: one node per document, one IMPLEMENTS edge per row, into 145/KH-UBND
    rows = g.js("luocdoCypher.last.rows.length")
    g.wait_for("luocdoCypher.graph && luocdoCypher.network")
    g.page.click("#view-graph")
    assert g.page.is_visible("#graph canvas") and not g.page.is_visible("#result")
    graph = g.js("({nodes: luocdoCypher.graph.nodes.map(n => n.id), edges: luocdoCypher.graph.edges.map(e => [e.from, e.type, e.to])})")
    assert len(graph["edges"]) == rows and len(graph["nodes"]) == rows + 1
    assert {tuple(e[1:]) for e in graph["edges"]} == {("IMPLEMENTS", K145)}
    assert g.js("luocdoCypher.network.body.nodeIndices.length") == rows + 1
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    g.page.screenshot(path=str(ARTIFACTS / "cypher-graph.png"))
    # a query of values only draws nothing, and says why
    g.page.click('#examples button[data-id="by_type"]')
    g.wait_for("luocdoCypher.ready && luocdoCypher.graph && luocdoCypher.graph.nodes.length === 0")
    assert "RETURN a, r, b" in g.page.inner_text("#graph-note")
    g.page.click("#view-table")
    # a write is refused, and said so
    g.page.fill("#query", "CREATE (d:Document {key: 'x'})")
    g.page.fill("#params", "{}")
    g.failed.clear()
    g.page.click("#run")
    g.wait_for("luocdoCypher.ready && document.getElementById('error').textContent.length > 0")
    g.failed.clear()  # the 403 is the expected answer
    assert g.outside == [] and g.errors == []


@pytest.mark.browser
def test_gaps_view_marks_late_plans_and_missing_reports(page, corpus_service):
    """145/KH-UBND as it is: its plan day (31/8/2025) and report day (15/11/2025) are stated in
    prose (EXPECTS) for "các sở, ban, ngành", "UBND các xã, phường", "các cơ quan, đơn vị, địa
    phương".  Sở Nội vụ, Lâm Bình and Sơn Dương planned late; every expected unit but Minh Xuân,
    Yên Sơn (who reported) and the Ban Quản lý Khu kinh tế (no report day) has no report.  Each
    status has its own colour, each mark its own border, in the legend and the table; the unit's
    card quotes the sentence that sets the day, with its file."""
    g = page
    g.page.set_viewport_size({"width": 1600, "height": 1000})
    g.page.goto(f"{corpus_service}/?center={K145}&gaps=1")
    g.wait_for("luocdo.ready && luocdo.gapNodes.length > 1 && luocdo.state.deadlines"
               " && document.querySelector('#gaps-table tbody tr')")
    marked = dict(g.js("luocdo.gapNodes.get().filter(n => n.marks && n.marks.length).map(n => [n.id, n.marks])"))
    late = {k for k, v in marked.items() if "late" in v}
    assert late == {"gap|dept:8:so-noi-vu", "gap|commune:2266", "gap|commune:2536"}
    missing = {k for k, v in marked.items() if "report_missing" in v}
    units = g.js("luocdo.gapNodes.get().filter(n => n.unit).length")
    assert len(missing) == units - 3 and "gap|commune:2473" not in missing  # Yên Sơn reported
    snv = g.js("(() => { const n = luocdo.gapNodes.get('gap|dept:8:so-noi-vu');"
               " return {label: n.label, border: n.color.border, width: n.borderWidth, status: n.status,"
               " dashes: n.shapeProperties.borderDashes}; })()")
    # the late plan is written under the name; the missing report is the dashed border (and the table)
    assert "chậm 10 ngày (hạn 31/08/2025)" in snv["label"] and "chưa báo cáo" not in snv["label"]
    assert snv["status"] == "has_plan" and snv["border"] == "#111111" and snv["width"] == 4 and snv["dashes"]
    # four statuses, four colours, each named in the legend
    colours = g.js("['has_plan','reported_only','possible','no_plan'].map(k => luocdo.gapNodes.get()"
                   ".find(n => n.status === k).color.background)")
    assert len(set(colours)) == 4
    for k in ("has_plan", "reported_only", "possible", "no_plan"):
        assert status_label(k, "vi") in g.page.inner_text("#legend")
    legend = g.page.inner_text("#legend")
    assert "kế hoạch ban hành chậm (sau thời hạn)" in legend and "thiếu báo cáo (đã quá hạn)" in legend
    assert "báo cáo gửi chậm (sau thời hạn)" in legend
    assert g.page.locator('#legend [data-mark="late"] .count').inner_text() == "3"
    assert g.page.locator('#legend [data-mark="report_missing"] .count').inner_text() == str(units - 3)
    assert g.page.locator('#legend [data-mark="report_late"] .count').inner_text() == "0"
    # the table: a column of marks, and a filter on them
    g.page.select_option("#gt-mark", "late")
    rows = g.page.locator("#gaps-table tbody tr")
    assert rows.count() == 3
    names = " ".join(rows.all_inner_texts())
    for name in ("Sở Nội vụ", "Lâm Bình", "Sơn Dương"):
        assert name in names
    assert "chưa báo cáo (hạn 15/11/2025)" in rows.first.locator("td.marks").inner_text()
    g.page.locator("#gaps-table tbody tr", has_text="Sở Nội vụ").click()
    g.page.wait_for_selector("#panel:not([hidden]) .mark-late")
    panel = g.page.inner_text("#panel")
    assert "Hạn báo cáo 15/11/2025" in panel and "chậm 10 ngày" in panel
    # the sentences that set the two days, and where they stand
    assert "Các cơ quan, đơn vị, địa phương báo cáo kết quả trước ngày 15/11/2025" in g.page.inner_text(
        "#panel [data-duty=report]")
    plan_src = g.page.inner_text("#panel [data-duty=plan]")
    assert "hoàn thành trước ngày 31/8/2025" in plan_src and "03_ubnd-tinh_145-KH-UBND.txt" in plan_src
    g.page.select_option("#gt-mark", "")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    g.page.screenshot(path=str(ARTIFACTS / "gaps-marks-145.png"))
    g.check_clean()


@pytest.mark.browser
def test_gaps_view_marks_a_late_report(browser, duty_service):  # noqa: F811
    """A copy of 145/KH-UBND that asks the communes ("Cơ quan chủ trì: Ủy ban nhân dân các xã,
    phường") to report by 01/11/2025: Yên Sơn's 58/BC-UBND of 14/11 is 13 days late."""
    g = Guarded(browser, allowed=(duty_service,))
    g.context.set_default_timeout(15000)
    try:
        g.page.goto(f"{duty_service}/?center={K145}&gaps=1")
        g.wait_for("luocdo.ready && luocdo.gapNodes.length > 1 && luocdo.state.deadlines"
                   " && document.querySelector('#gaps-table tbody tr')")
        yen_son = g.js("(() => { const n = luocdo.gapNodes.get('gap|commune:2473');"
                       " return {label: n.label, marks: n.marks, dashes: n.shapeProperties.borderDashes}; })()")
        assert yen_son["marks"] == ["report_late"] and yen_son["dashes"]
        assert "báo cáo chậm 13 ngày (hạn 01/11/2025)" in yen_son["label"]
        assert g.page.locator('#legend [data-mark="report_late"] .count').inner_text() == "1"
        g.page.select_option("#gt-mark", "report_late")
        rows = g.page.locator("#gaps-table tbody tr")
        assert rows.count() == 1 and "Yên Sơn" in rows.first.inner_text()
        rows.first.click()
        g.page.wait_for_selector("#panel:not([hidden]) .mark-report_late")
        assert "Báo cáo kết quả thực hiện Kế hoạch tại cấp xã" in g.page.inner_text("#panel [data-duty=report]")
        g.check_clean()
    finally:
        g.close()


@pytest.mark.browser
def test_a_card_says_whether_the_document_is_in_force(guarded, tmp_path):  # noqa: F811
    """luocdo viz on a decision that replaces, repeals and amends three others: their cards say so."""
    import os
    import subprocess
    import sys

    from luocdo.graph.store import open_store
    from luocdo.pipeline import ingest
    from tests.test_deadlines import DECISION

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "qd-15.txt").write_text(DECISION, encoding="utf-8")
    db = tmp_path / "standing.db"
    store = open_store(str(db))
    try:
        assert not ingest(store, [str(tmp_path / "docs")], workers=1).failed
    finally:
        store.close()
    page = tmp_path / "qd.html"
    out = subprocess.run([sys.executable, "-m", "luocdo.api.cli", "viz", "15/2025/QĐ-UBND", "-o", str(page),
                          "--db", str(db)], capture_output=True, text=True, timeout=120, check=False,
                         env={**os.environ, "LUOCDO_LANG": "vi"})
    assert out.returncode == 0, out.stderr
    g = guarded
    g.page.goto(page.as_uri())
    g.wait_ready()
    expected = {"45/2019/QĐ-UBND@2019@quang-ngai": ("repealed", "được thay thế bởi"),
                "20/2018/QĐ-UBND@2018@quang-ngai": ("repealed", "bị bãi bỏ bởi"),
                "30/2021/QĐ-UBND@2021@quang-ngai": ("amended", "được sửa đổi, bổ sung bởi"),
                "15/2025/QĐ-UBND@2025@quang-ngai": ("in_force", None)}
    for key, (status, words) in expected.items():
        g.js("k => luocdo.showNode(k)", key)
        g.page.wait_for_selector(f'#card [data-standing="{status}"]')
        text = g.page.inner_text("#card .standing")
        if words:
            assert f"{words} 15/2025/QĐ-UBND" in text and "10/03/2025" in text, text
        else:
            assert "còn hiệu lực" in text
    g.check_clean()
