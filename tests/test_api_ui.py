"""The service for people: languages (Accept-Language, ?lang=), keys written
percent-encoded, reports as files (?format= or Accept), the dashboard, the
offline OpenAPI page, and /documents?q= ranked as `luocdo search` ranks.
Over a real uvicorn server on the seeds (or the example corpus) and the
example corpus."""

from __future__ import annotations

import csv
import io
import socket
import threading
import time
from pathlib import Path

import httpx
import pytest

from tests.corpora import SEEDS_DIR, ingested_store, seeds_present

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"
SEEDS = SEEDS_DIR  # ../shared/seeds, or LUOCDO_TEST_SEEDS (tests/corpora.py)


def _serve(db: str):
    import uvicorn

    from luocdo.api.app import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db=db), host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the API server did not start"
        time.sleep(0.05)
    return server, thread, f"http://127.0.0.1:{port}"


#: name → (source folder, directive key, its URL form, a unit with a plan)
STORES = {
    "corpus": (CORPUS, "145/KH-UBND@2025@tuyen-quang", "Xã Tân Trào"),
    "seeds": (SEEDS if seeds_present() else CORPUS, "82/KH-UBND@2025@quang-ngai", "Đặc khu Lý Sơn"),
}


@pytest.fixture(scope="module", params=list(STORES))
def api(request, tmp_path_factory):
    src, key, unit = STORES[request.param]
    if src == CORPUS and request.param == "seeds":
        key, unit = STORES["corpus"][1:]
    db = ingested_store(tmp_path_factory.mktemp("api_ui") / "store.db", src)
    server, thread, base = _serve(db)
    with httpx.Client(base_url=base, timeout=60) as client:
        yield client, key, unit
    server.should_exit = True
    thread.join(timeout=10)


def _pct(key: str) -> str:
    from urllib.parse import quote

    return quote(key, safe="")


def test_a_percent_encoded_key_is_the_same_document(api):
    c, key, _unit = api
    tilde = c.get(f"/documents/{key.replace('/', '~')}")
    encoded = c.get(f"/documents/{_pct(key)}")
    assert tilde.status_code == encoded.status_code == 200, encoded.text
    assert encoded.json() == tilde.json() and encoded.json()["doc"]["key"] == key
    g = c.get(f"/documents/{_pct(key)}/gaps")
    assert g.status_code == 200 and g.json()["target"]["key"] == key
    assert c.get(f"/documents/{_pct(key)}/implementers", params={"transitive": "true"}).status_code == 200
    assert c.get("/documents/82%2FKH-XYZ%402031/gaps").status_code == 404


def test_errors_follow_accept_language(api):
    c, _key, _unit = api
    vi = c.get("/documents/99~KH-XYZ/gaps")
    assert vi.status_code == 404
    assert vi.json()["error"]["message"].startswith("không có văn bản nào khớp")
    assert vi.headers["content-language"] == "vi"
    en = c.get("/documents/99~KH-XYZ/gaps", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert en.json()["error"]["message"].startswith("no document matches")
    assert c.get("/documents/99~KH-XYZ/gaps", params={"lang": "en"}).json()["error"]["message"].startswith("no document")
    bad = c.get("/documents/99~KH-XYZ/gaps", params={"scope": "world"})
    assert bad.status_code == 422 and bad.json()["error"]["status"] == 422
    # answers other than errors are the same whatever the language
    ok_vi = c.get("/healthz").json()
    assert c.get("/healthz", headers={"Accept-Language": "en"}).json() == ok_vi


@pytest.mark.parametrize("fmt", ["xlsx", "docx", "csv"])
@pytest.mark.parametrize("kind", ["gaps", "trace", "implementers"])
def test_reports_as_files(api, fmt, kind):
    from luocdo.queries.report_files import MEDIA_TYPES

    c, key, unit = api
    r = c.get(f"/documents/{key.replace('/', '~')}/{kind}", params={"format": fmt})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].split(";")[0] == MEDIA_TYPES[fmt].split(";")[0]
    assert "attachment" in r.headers["content-disposition"] and f".{fmt}" in r.headers["content-disposition"]
    by_accept = c.get(f"/documents/{_pct(key)}/{kind}", headers={"Accept": MEDIA_TYPES[fmt].split(";")[0]})
    assert by_accept.status_code == 200 and by_accept.headers["content-type"] == r.headers["content-type"]
    if fmt == "xlsx":
        from openpyxl import load_workbook

        ws = load_workbook(io.BytesIO(r.content)).active
        cells = [str(v) for row in ws.iter_rows(values_only=True) for v in row if v is not None]
        if kind == "gaps":
            assert unit in cells and "Đã có kế hoạch" in cells
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
        assert len(rows) >= 2
    else:
        from docx import Document

        d = Document(io.BytesIO(r.content))
        texts = [p.text for t in d.tables for row in t.rows for cell in row.cells for p in cell.paragraphs]
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in texts


def test_report_in_english_and_json_unchanged(api):
    c, key, unit = api
    r = c.get(f"/reports/gaps/{key.replace('/', '~')}", params={"format": "csv"}, headers={"Accept-Language": "en"})
    assert r.status_code == 200
    text = r.content.decode("utf-8-sig")
    assert text.startswith("No.,Code,Unit,Level,Status") and "has a plan" in text and unit in text
    plain = c.get(f"/documents/{key.replace('/', '~')}/gaps", headers={"Accept": "application/json"})
    assert plain.headers["content-type"].startswith("application/json")
    assert c.get(f"/reports/gaps/{key.replace('/', '~')}", params={"format": "pdf"}).status_code == 422


def test_dashboard(api):
    c, key, _unit = api
    d = c.get("/dashboard")
    assert d.status_code == 200
    body = d.json()
    dirs = body["directives"]
    assert dirs and key in [x["doc"]["key"] for x in dirs]
    assert [x["expected"] for x in dirs] == sorted((x["expected"] for x in dirs), reverse=True)
    for x in dirs:
        assert x["expected"] == x["has_plan"] + x["possible"] + x["reported_only"] + x["no_plan"]
    mine = next(x for x in dirs if x["doc"]["key"] == key)
    gaps = c.get(f"/documents/{key.replace('/', '~')}/gaps").json()
    assert mine["expected"] == gaps["counts"]["total"] and mine["has_plan"] == gaps["counts"]["has_plan"]
    dates = [x["date"] for x in body["latest"]]
    assert dates and dates == sorted(dates, reverse=True)
    assert body["stats"]["documents"] > 0


def test_documents_q_ranks_like_search(api):
    c, _key, _unit = api
    r = c.get("/documents", params={"q": "nghi quyet 57"})
    assert r.status_code == 200
    items = r.json()["items"]
    assert items and items[0]["key"].startswith("57-NQ/TW@2024")


def test_offline_openapi_page(api):
    c, _key, _unit = api
    page = c.get("/docs")
    assert page.status_code == 200
    assert "cdn.jsdelivr" not in page.text and "/docs-assets/swagger-ui-bundle.js" in page.text
    js = c.get("/docs-assets/swagger-ui-bundle.js")
    assert js.status_code == 200 and len(js.content) > 100_000
    assert c.get("/docs-assets/../../etc/passwd").status_code == 404
    assert c.get("/docs-assets/index.html").status_code == 404
    assert c.get("/redoc").status_code == 404  # ReDoc loads from a CDN: not served
    assert "/dashboard" in c.get("/openapi.json").json()["paths"]
