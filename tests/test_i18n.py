"""Languages: the catalogues, the language in force, dates, translated messages,
and the query commands in Vietnamese (the default) and English, as tables at
80 columns and as XLSX, DOCX and CSV files, on the seeds (or the example
corpus when ../shared is absent) and on the example corpus."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from typer.testing import CliRunner

from luocdo import i18n
from luocdo.api.cli import app, console, err
from luocdo.graph.store import open_store
from tests.corpora import ACTIVE, ingested_store

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"

# --------------------------------------------------------------------------- catalogues


def _extracted() -> set[str]:
    found = set()
    method_map = [("luocdo/**.py", "python"), ("api/**.py", "python"), ("queries/**.py", "python"),
                  ("viz/**.py", "python"), ("viz/assets/viewer.js", "javascript"),
                  ("viz/assets/cypher.js", "javascript")]
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, keywords={"_": None, "gettext": None, "N_": None, "T": None, "TF": None}
    ):
        if isinstance(message, str):
            found.add(message)
    return found


def test_every_message_in_the_code_has_a_vietnamese_translation():
    extracted = _extracted()
    assert len(extracted) > 100
    vi = i18n.messages("vi")
    missing = sorted(m for m in extracted if m not in vi)
    assert missing == [], f"untranslated (run make messages, then translate in luocdo/locale/vi): {missing}"
    # fields survive translation: a template's {names} are the same in both languages
    for msgid, msgstr in vi.items():
        assert set(re.findall(r"\{(\w+)\}", msgid)) == set(re.findall(r"\{(\w+)\}", msgstr)), msgid


@pytest.mark.parametrize(("key", "vi"), [
    ("has_plan", "Đã có kế hoạch"),
    ("possible", "Có thể đã có (chưa dẫn chiếu)"),
    ("reported_only", "Chỉ có báo cáo"),
    ("no_plan", "Chưa có kế hoạch"),
])
def test_status_terms(key, vi):
    assert i18n.status_label(key, "vi") == vi
    assert i18n.status_label(key, "en") != vi


@pytest.mark.parametrize(("rel", "vi"), [
    ("IMPLEMENTS", "Thực hiện"), ("BASED_ON", "Căn cứ"), ("CITES", "Dẫn chiếu"),
    ("REPORTS_ON", "Báo cáo về"), ("AMENDS", "Sửa đổi"), ("REPEALS", "Bãi bỏ"),
])
def test_relation_terms(rel, vi):
    assert i18n.relation_label(rel, "vi") == vi


@pytest.mark.parametrize(("level", "vi"), [
    ("central", "cấp trung ương"), ("ministry", "bộ/ngành"), ("province", "tỉnh"),
    ("department", "sở"), ("commune", "xã"),
])
def test_level_terms(level, vi):
    assert i18n.level_label(level, "vi") == vi


@pytest.mark.parametrize(("header", "lang"), [
    (None, "vi"), ("", "vi"), ("en", "en"), ("en-US,en;q=0.9", "en"), ("vi-VN,vi;q=0.9,en;q=0.8", "vi"),
    ("fr-FR,fr;q=0.9,en;q=0.5", "en"), ("fr", "vi"), ("en;q=0.2,vi;q=0.8", "vi"), ("*", "vi"),
    ("de, en-GB;q=0.7", "en"), ("garbage;;q=x", "vi"),
])
def test_accept_language(header, lang):
    assert i18n.negotiate(header) == lang


@pytest.mark.parametrize(("raw", "lang"), [("vi", "vi"), ("EN", "en"), ("en_US.UTF-8", "en"), ("vi-VN", "vi"), (None, "vi")])
def test_normalize(raw, lang):
    assert i18n.normalize(raw) == lang


def test_an_unknown_language_is_refused_by_name():
    with pytest.raises(ValueError, match=r"'fr'.*vi, en"):
        i18n.normalize("fr")


@pytest.mark.parametrize(("iso", "lang", "shown"), [
    ("2025-04-17", "vi", "17/04/2025"), ("2025-04-17", "en", "2025-04-17"), (None, "vi", ""),
    ("2025-13-40", "vi", "2025-13-40"),
])
def test_dates(iso, lang, shown):
    assert i18n.fmt_date(iso, lang) == shown


@pytest.mark.parametrize(("english", "vietnamese"), [
    ("no document matches '99/KH-XYZ'", "không có văn bản nào khớp '99/KH-XYZ'"),
    ("'38/KH-UBND' fits 2 documents; name one by its key: a; b",
     "'38/KH-UBND' khớp 2 văn bản; hãy chọn một văn bản theo mã: a; b"),
    ("scope must be one of recipients, province, national, got 'world'",
     "phạm vi phải là một trong recipients, province, national, nhận được 'world'"),
    ("something no template knows", "something no template knows"),
])
def test_messages_built_from_templates_are_translated(english, vietnamese):
    assert i18n.translate_message(english, "vi") == vietnamese
    assert i18n.translate_message(english, "en") == english


def test_display_text_is_where_restored_text_plugs_in():
    assert i18n.display_text("Tuyén truyén  cai cach") == "Tuyén truyén cai cach"
    assert i18n.display_text("Tuyén truyén", restored="Tuyên truyền") == "Tuyên truyền"
    assert i18n.display_text(None) == ""


# --------------------------------------------------------------------------- the command line


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory) -> str:
    return ingested_store(tmp_path_factory.mktemp("i18n") / "corpus.db", CORPUS)


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory, corpus_dir: Path) -> str:
    """The test corpus: the five seeds, else examples/corpus (tests/corpora.py)."""
    return ingested_store(tmp_path_factory.mktemp("i18n") / "seeds.db", corpus_dir)


@pytest.fixture
def narrow():
    """An 80-column terminal."""
    saved = (console._width, err._width)
    console.width = err.width = 80
    yield
    console._width, err._width = saved


def run(*args: str, lang: str | None = None):
    env = {"LUOCDO_LANG": lang} if lang else {"LUOCDO_LANG": ""}
    return CliRunner(env=env).invoke(app, list(args))


#: (store fixture, directive, a unit with a plan, a unit without one)
CASES = [
    ("corpus_db", "145/KH-UBND", "Xã Tân Trào", "Xã Hàm Yên"),
    *([("seeds_db", "82/KH-UBND", "Đặc khu Lý Sơn", "Xã Sơn Mai")] if ACTIVE.is_seeds else []),
]


def _check_80(text: str) -> None:
    for line in text.splitlines():
        assert len(line.rstrip()) <= 80, line
    # no date broken across lines or cut with "…": every date is whole on its line
    assert not re.search(r"\b\d{2}/\d{2}/\d{0,3}\s*$", text, re.M)
    assert not re.search(r"\b\d{1,2}/\d{0,2}/?\d{0,3}…", text) and not re.search(r"\d{4}-\d{0,2}-?\d{0,1}…", text)


@pytest.mark.parametrize(("db", "directive", "has", "other"), CASES)
def test_gaps_in_vietnamese_by_default(request, narrow, db, directive, has, other):
    r = run("gaps", directive, "--db", request.getfixturevalue(db))
    assert r.exit_code == 0, r.output
    out = r.output
    assert "Tình hình ban hành kế hoạch thực hiện" in out and "Đã có kế hoạch" in out
    assert has in out and other in out and "Chưa có kế hoạch" in out
    assert re.search(r"\(\d{2}/\d{2}/\d{4}, UBND tỉnh", out)  # the directive's date, dd/mm/yyyy
    _check_80(out)


@pytest.mark.parametrize(("db", "directive", "has", "other"), CASES)
def test_gaps_in_english(request, narrow, db, directive, has, other):
    for r in (run("--lang", "en", "gaps", directive, "--db", request.getfixturevalue(db)),
              run("gaps", directive, "--db", request.getfixturevalue(db), lang="en")):
        assert r.exit_code == 0, r.output
        assert "Units without a plan for" in r.output and "has a plan" in r.output and has in r.output
        assert "Đã có kế hoạch" not in r.output
        _check_80(r.output)


def test_implements_and_trace_at_80_columns(corpus_db, narrow):
    r = run("implements", "145/KH-UBND", "--transitive", "--db", corpus_db)
    assert r.exit_code == 0, r.output
    assert "Kế hoạch thực hiện 145/KH-UBND" in r.output and "Căn cứ" in r.output and "Thực hiện" in r.output
    _check_80(r.output)
    t = run("trace", "57-NQ/TW 2024", "--db", corpus_db)
    assert t.exit_code == 0, t.output
    assert "qua các cấp" in t.output and "22/12/2024" in t.output and "145/KH-UBND" in t.output
    _check_80(t.output)
    # a long title is cut with "…", never folded onto a second line
    s = run("search", "chuyen doi so", "--db", corpus_db)
    assert s.exit_code == 0 and "…" in s.output
    _check_80(s.output)
    # keys and ids are never cut nor folded: each hit's key is whole on its line
    hits = json.loads(run("search", "chuyen doi so", "--json", "--db", corpus_db).output)
    for h in hits:
        if len(h["id"]) <= 40:  # longer ones (unnumbered documents) are cut as far as the other columns need
            assert any(h["id"] in line for line in s.output.splitlines()), h["id"]
    # the gaps' documents: each number whole with its date, the list cut between entries
    g = run("gaps", "145/KH-UBND", "--db", corpus_db)
    assert re.search(r"1456/STC-QLNS \(26/08/2025\)", g.output) and "214/KH-SNV (10/09/2025)" in g.output
    # cypher answers too: ids whole, dates whole, long text cut
    c = run("cypher", "MATCH (x:Document {key: '145/KH-UBND@2025@tuyen-quang'})-[a:ASSIGNED_TO]->(o:Organization) "
            "RETURN o.id, o.name, a.timeframe, a.task, x.date", "--db", corpus_db)
    assert c.exit_code == 0, c.output
    _check_80(c.output)
    assert "dept:8:so-khoa-hoc-va-cong-nghe" in c.output and "2025-08-12" in c.output and "…" in c.output


def test_unknown_language_and_missing_output(corpus_db, tmp_path):
    r = run("--lang", "fr", "gaps", "145/KH-UBND", "--db", corpus_db)
    assert r.exit_code == 2 and "--lang" in r.output and "'fr'" in r.output
    r = run("gaps", "145/KH-UBND", "--format", "xlsx", "--db", corpus_db)
    assert r.exit_code == 2 and "-o FILE" in r.output
    r = run("gaps", "145/KH-UBND", "-o", str(tmp_path / "x.pdf"), "--db", corpus_db)
    assert r.exit_code == 2 and "--format" in r.output


def test_errors_in_both_languages(corpus_db):
    r = run("gaps", "99/KH-XYZ", "--db", corpus_db)
    assert r.exit_code == 1 and "không có văn bản nào khớp '99/KH-XYZ'" in r.output
    r = run("gaps", "99/KH-XYZ", "--db", corpus_db, lang="en")
    assert r.exit_code == 1 and "no document matches '99/KH-XYZ'" in r.output


# --------------------------------------------------------------------------- the files


def _read_xlsx(path: Path) -> list[list[str]]:
    from openpyxl import load_workbook

    ws = load_workbook(path).active
    return [["" if c is None else str(c) for c in row] for row in ws.iter_rows(values_only=True)]


def _read_docx(path: Path) -> tuple[list[str], list[list[str]]]:
    from docx import Document

    d = Document(str(path))
    paras = [p.text for p in d.paragraphs]
    head = [p.text for c in d.tables[0].rows[0].cells for p in c.paragraphs]
    rows = [[c.text for c in row.cells] for row in d.tables[1].rows]
    return head + paras, rows


@pytest.mark.parametrize(("db", "directive", "has", "other"), CASES)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_gaps_as_three_files(request, tmp_path, db, directive, has, other, lang):
    from luocdo.queries import gaps

    where = request.getfixturevalue(db)
    store = open_store(where, read_only=True)
    try:
        g = gaps(store, directive)
    finally:
        store.close()
    status = {"vi": "Đã có kế hoạch", "en": "has a plan"}[lang]
    for fmt in ("xlsx", "docx", "csv"):
        out = tmp_path / f"gaps.{fmt}"
        r = run("gaps", directive, "--format", fmt, "-o", str(out), "--db", where, lang=lang)
        assert r.exit_code == 0, r.output
        if fmt == "xlsx":
            rows = _read_xlsx(out)
            header = next(i for i, row in enumerate(rows) if row[:2] == [("STT" if lang == "vi" else "No."), ("Mã" if lang == "vi" else "Code")])
            body = rows[header + 1:]
        elif fmt == "csv":
            text = out.read_bytes().decode("utf-8-sig")
            rows = list(csv.reader(io.StringIO(text)))
            body = rows[1:]
        else:
            paras, rows = _read_docx(out)
            body = rows[1:]
            assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in paras and "Độc lập - Tự do - Hạnh phúc" in paras
            assert ("BÁO CÁO" if lang == "vi" else "REPORT") in paras
            dated = "ngày " if lang == "vi" else "-"
            assert any(p.startswith(dated) or dated in p for p in paras)
        assert len(body) == len(g.units), fmt
        units = {row[2]: row for row in body}
        assert units[has][4] == status, (fmt, units[has])
        assert units[other][4] != status


def test_implements_and_trace_files(corpus_db, tmp_path):
    for cmd, name in (("implements", "145/KH-UBND"), ("trace", "57-NQ/TW 2024")):
        for fmt in ("xlsx", "docx", "csv"):
            out = tmp_path / f"{cmd}.{fmt}"
            r = run(cmd, name, "-o", str(out), "--db", corpus_db)  # the format from the name
            assert r.exit_code == 0, r.output
            assert out.stat().st_size > 100
        rows = list(csv.reader(io.StringIO((tmp_path / f"{cmd}.csv").read_bytes().decode("utf-8-sig"))))
        assert any("145/KH-UBND" in c or "09-KH/TU" in c for row in rows for c in row)


# --------------------------------------------------------------------------- one way with an ambiguous name


@pytest.mark.parametrize("command", [
    ["implements"], ["basis"], ["trace"], ["gaps"], ["show"], ["viz", "-o", "never.html"],
    ["gaps", "--format", "xlsx", "-o", "never.xlsx"],
])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_command_lists_the_candidates_of_an_ambiguous_name(seeds_db, tmp_path, monkeypatch, command, lang):
    monkeypatch.chdir(tmp_path)
    r = run(command[0], ACTIVE.ambiguous, *command[1:], "--db", seeds_db, lang=lang)
    assert r.exit_code == 1, r.output
    assert all(k in r.output for k in ACTIVE.ambiguous_keys)
    assert ("khớp 2 văn bản" if lang == "vi" else "fits 2 documents") in r.output
    assert not list(tmp_path.glob("never.*"))
