"""Deadlines: time frames read as the last day they allow, and the units whose
task is past it with nothing in the graph — from Python, the command line (both
languages, a file) and the API, on the example corpus."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from luocdo.api.cli import app, console, err
from luocdo.graph.store import open_store
from luocdo.queries.errors import BadParameter
from luocdo.queries.overdue import due_date, overdue
from tests.corpora import ingested_store

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"
TTPV = "Trung tâm Phục vụ hành chính công tỉnh"


@pytest.mark.parametrize(("timeframe", "due"), [
    ("Trước ngày 30/9/2025", date(2025, 9, 30)),
    ("hoàn thành trước ngày 30/6/2025", date(2025, 6, 30)),
    ("báo cáo kết quả trước ngày 15.12.2025", date(2025, 12, 15)),
    ("Quý III/2025", date(2025, 9, 30)),
    ("Quy 111/2025", date(2025, 9, 30)),  # OCR: III read as 111
    ("Quý I/2026", date(2026, 3, 31)),
    ("Quy III - IV/2025", date(2025, 12, 31)),
    ("Quý 2/2025", date(2025, 6, 30)),
    ("Tháng 9 - 10/2025", date(2025, 10, 31)),
    ("Thang 10/2025", date(2025, 10, 31)),
    ("Tháng 2/2024", date(2024, 2, 29)),
    ("Năm 2025", date(2025, 12, 31)),
    ("Nam 2025 - 2026", date(2026, 12, 31)),
    ("Thường xuyên trong năm", None),
    ("Hằng tháng", None),
    ("trước ngày 31/02/2025", None),  # no such day
    ("", None),
    (None, None),
])
def test_due_date(timeframe, due):
    assert due_date(timeframe) == due


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory) -> str:
    return ingested_store(tmp_path_factory.mktemp("overdue") / "corpus.db", CORPUS)


def test_overdue_on_the_corpus(corpus_db):
    store = open_store(corpus_db, read_only=True)
    try:
        assert tasks(overdue(store, as_of="2025-11-01").rows) == []
        r = overdue(store, as_of="2026-01-15")
        got = {(row.directive.display, row.org.name): row for row in tasks(r.rows)}
        # the provincial centre leads tasks of two commune plans and issued nothing for them
        assert set(got) == {("64/KH-UBND", TTPV), ("48/KH-UBND", TTPV)}
        assert got[("64/KH-UBND", TTPV)].due == "2025-11-30" and got[("64/KH-UBND", TTPV)].days_late == 46
        assert got[("48/KH-UBND", TTPV)].due == "2025-12-31" and got[("48/KH-UBND", TTPV)].days_late == 15
        # the departments 145/KH-UBND gives tasks to all issued a plan for it: none is overdue
        assert tasks(overdue(store, "145/KH-UBND", as_of="2026-06-30").rows) == []
        # a commune plan's own offices carry its tasks out and file nothing: not listed
        assert all(not row.org.id.startswith("unit:") for row in overdue(store, as_of="2027-01-01").rows)
        with pytest.raises(BadParameter, match="as_of"):
            overdue(store, as_of="15/01/2026")
    finally:
        store.close()


def tasks(rows):
    return [r for r in rows if r.kind == "task"]


def _asked(store, kind: str, directive: str, as_of: str) -> dict[str, str]:
    """Unit name → due day of the plans or reports ``directive`` asks for that are missing on ``as_of``."""
    return {r.org.name: r.due for r in overdue(store, directive, as_of=as_of).rows if r.kind == kind}


def test_plans_and_reports_asked_for(corpus_db):
    """145/KH-UBND asks every department and commune it is sent to for a plan by 31/8/2025
    ("UBND các xã, phường": the 124 communes) and a report by 15/11/2025."""
    store = open_store(corpus_db, read_only=True)
    try:
        plans = _asked(store, "plan", "145/KH-UBND", "2025-09-01")
        assert plans["Sở Nội vụ"] == "2025-08-31"  # its plan came on 10/9
        assert "Xã Lâm Bình" in plans and "Xã Thượng Lâm" in plans  # late (18/9), none
        assert not {"Sở Khoa học và Công nghệ", "Xã Tân Trào", "Phường Minh Xuân"} & set(plans)  # on time
        assert "Xã Yên Sơn" in plans and "Xã Yên Sơn" not in _asked(store, "plan", "145/KH-UBND", "2025-11-20")  # reported 14/11
        later = _asked(store, "plan", "145/KH-UBND", "2025-10-01")
        assert "Sở Nội vụ" not in later and "Xã Lâm Bình" not in later and "Xã Thượng Lâm" in later
        assert "Xã Sơn Dương" in later and "Xã Hàm Yên" in later  # its plan came on 8/10; a plan not citing 145
        # 124 communes, 6 with a plan by then (Yên Hoa's undated plan counts)
        assert len([u for u in later if u.startswith(("Xã", "Phường"))]) == 124 - 6
        reports = _asked(store, "report", "145/KH-UBND", "2025-11-16")
        assert reports["Xã Tân Trào"] == "2025-11-15" and reports["Sở Khoa học và Công nghệ"] == "2025-11-15"
        assert "Xã Yên Sơn" not in reports and "Phường Minh Xuân" not in reports  # they reported
        assert "Bộ Khoa học và Công nghệ" not in reports  # copied only to be informed ("b/c")
        assert _asked(store, "report", "145/KH-UBND", "2025-11-15") == {}  # not due yet
        # "định kỳ 6 tháng báo cáo": due at the end of each half-year after the plan's date
        half = _asked(store, "report", "09-KH/TU", "2026-01-15")
        assert half["Xã Tân Trào"] == "2025-12-31" and len(half) >= 120
        assert _asked(store, "report", "09-KH/TU", "2025-12-31") == {}
        # a commune's own offices report inside the commune: not listed
        assert all(not r.org.id.startswith("unit:") for r in overdue(store, as_of="2027-01-01").rows)
    finally:
        store.close()


@pytest.fixture
def wide():
    saved = (console._width, err._width)
    console.width = err.width = 200
    yield
    console._width, err._width = saved


def test_overdue_command(corpus_db, tmp_path, wide):
    vi = CliRunner(env={"LUOCDO_LANG": ""}).invoke(app, ["overdue", "--as-of", "2026-01-15", "--db", corpus_db])
    assert vi.exit_code == 0, vi.output
    assert TTPV in vi.output and "64/KH-UBND" in vi.output and "30/11/2025" in vi.output
    assert "15/01/2026" in vi.output
    en = CliRunner(env={"LUOCDO_LANG": "en"}).invoke(app, ["overdue", "--as-of", "2026-01-15", "--db", corpus_db])
    assert en.exit_code == 0 and "2025-11-30" in en.output and "overdue" in en.output
    out = tmp_path / "overdue.xlsx"
    f = CliRunner().invoke(app, ["overdue", "--as-of", "2026-01-15", "-o", str(out), "--db", corpus_db])
    assert f.exit_code == 0, f.output
    from openpyxl import load_workbook

    cells = [str(v) for row in load_workbook(out).active.iter_rows(values_only=True) for v in row if v is not None]
    assert TTPV in cells and "48/KH-UBND" in cells
    bad = CliRunner().invoke(app, ["overdue", "--as-of", "tomorrow", "--db", corpus_db])
    assert bad.exit_code == 2 and "as_of" in bad.output


def test_overdue_route(corpus_db):
    import httpx

    from tests.test_api_ui import _serve

    server, thread, base = _serve(corpus_db)
    try:
        _check_route(httpx.Client(base_url=base, timeout=60))
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def _check_route(c) -> None:
    with c:
        r = c.get("/overdue", params={"as_of": "2026-01-15"})
        assert r.status_code == 200
        assert {(x["directive"]["display"], x["org"]["name"]) for x in r.json()["rows"] if x["kind"] == "task"} == {
            ("64/KH-UBND", TTPV), ("48/KH-UBND", TTPV)}
        assert c.get("/overdue", params={"as_of": "2026-01-15", "name": "64/KH-UBND"}).json()["rows"][0]["due"] == "2025-11-30"
        reports = [x for x in r.json()["rows"] if x["kind"] == "report" and x["directive"]["display"] == "145/KH-UBND"]
        assert {x["due"] for x in reports} >= {"2025-11-15"} and all(x["task"] for x in reports)
        assert c.get("/overdue", params={"as_of": "x"}).status_code == 400
        x = c.get("/overdue", params={"as_of": "2026-01-15", "format": "csv"})
        assert x.status_code == 200 and TTPV in x.content.decode("utf-8-sig")
