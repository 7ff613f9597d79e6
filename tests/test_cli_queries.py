"""The query commands: tables for people, --json for machines, one-line errors.

Run through typer's CliRunner on the test corpus (the five seeds, else
examples/corpus: tests/corpora.py) ingested once into a LadybugDB file and through --neo4j on the real Neo4j server of
tests/conftest.py; each command opens the store read-only as a user would.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from luocdo.api.cli import app, console, err
from luocdo.graph.store import open_store
from luocdo.queries import GapsResult, ImplementersResult, TraceResult, implementers
from tests.conftest import STORES
from tests.corpora import ACTIVE, ingested_store

K57 = "57-NQ/TW@2024"
#: What the commands answer on the test corpus.
A = {
    "seeds": {
        "target": "82/KH-UBND", "target_key": "82/KH-UBND@2025@quang-ngai", "target_date": "2025-04-17",
        "target_named": "82/KH-UBND Quảng Ngãi",
        "implementers": ("38/KH-UBND", "Văn phòng UBND tỉnh", "Đặc khu Lý Sơn"),
        "implementer_key": "38/KH-UBND@2025@quang-ngai/ly-son",
        "second_hop": ("327/QĐ-UBND", 155, "359-KH/TU → 327/QĐ-UBND"),
        "trace": ("359-KH/TU", "327/QĐ-UBND", "12/KH-UBND"),  # parent, child, only citing
        "medians": {"party": 128.0, "province": 27.0},
        "basis": ("12/KH-UBND", ("1256/QĐ-UBND", "393/QĐ-UBND", "121/QĐ-UBND")),
        "possible": ("Xã Sơn Mai", "21349", "12/KH-UBND 2025-08-05: title similarity"),
        "gap_counts": {"possible": 1, "has_plan": 2},
        "ambiguous": ("2024-02-20", "Đặc khu Lý Sơn"),
    },
    "examples": {
        "target": "145/KH-UBND", "target_key": "145/KH-UBND@2025@tuyen-quang", "target_date": "2025-08-12",
        "target_named": "145/KH-UBND Tuyên Quang",
        "implementers": ("27/KH-UBND", "Sở Khoa học và Công nghệ", "Xã Lâm Bình"),
        "implementer_key": "27/KH-UBND@2025@tuyen-quang/lam-binh",
        "second_hop": ("35/KH-UBND", 246, "145/KH-UBND → 35/KH-UBND"),
        "trace": ("145/KH-UBND", "35/KH-UBND", "112/UBND-VP"),
        "medians": {"central": 100.0, "party": 218.0, "province": 233.0, "department": 29.0, "commune": 37.0},
        "basis": ("64/KH-UBND", ("145/KH-UBND", "214/KH-SNV", "2310/UBND-KGVX")),
        "possible": ("Xã Hàm Yên", "02374", "39/KH-UBND 2025-09-02: title similarity"),
        "gap_counts": {"possible": 1, "has_plan": 11},
        "ambiguous": ("2024-02-19", "Xã Lâm Bình"),
    },
}[ACTIVE.name]
T = A["target"]

runner = CliRunner(env={"LUOCDO_LANG": "en"})  # these tests read the English tables


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory, corpus_dir: Path) -> str:
    return ingested_store(tmp_path_factory.mktemp("cli_queries") / "seeds.db", corpus_dir)


@pytest.fixture(params=STORES)
def where(request, seed_db) -> list[str]:
    """The store options of each command: --db FILE, or --neo4j URI (the corpus on the real server)."""
    if request.param == "ladybug":
        return ["--db", seed_db]
    return ["--neo4j", request.getfixturevalue("neo4j_seeds").uri]


@pytest.fixture(autouse=True)
def wide_console():
    """Tables as wide as a desktop terminal, so cells are not folded mid-word."""
    saved = (console._width, err._width)
    console.width = err.width = 250
    yield
    console._width, err._width = saved


def run(*args: str):
    return runner.invoke(app, list(args))


def test_implements_table_and_json(where, seed_db):
    r = run("implements", T, *where)
    assert r.exit_code == 0, r.output
    assert all(text in r.output for text in A["implementers"])
    assert A["target_date"] in r.output
    j = run("implements", T, "--json", *where)
    assert j.exit_code == 0, j.output
    got = ImplementersResult.model_validate_json(j.stdout)
    assert got.target.key == A["target_key"]
    assert {row.doc.key for row in got.rows} >= {A["implementer_key"]}
    store = open_store(seed_db, read_only=True)  # the same answer as on the embedded store
    try:
        assert got == implementers(store, T)
    finally:
        store.close()


def test_implements_transitive(where):
    j = run("implements", "57-NQ/TW", "--transitive", "--json", *where)
    assert j.exit_code == 0, j.output
    rows = {row.doc.display: row for row in ImplementersResult.model_validate_json(j.stdout).rows}
    display, days, chain = A["second_hop"]
    assert rows[display].depth == 2 and rows[display].days == days
    t = run("implements", "57-NQ/TW", "-t", *where)
    assert chain in t.output


def test_trace(where):
    r = run("trace", "57-NQ/TW", *where)
    assert r.exit_code == 0, r.output
    out = r.output
    parent, child, citing = A["trace"]
    assert out.index(parent) < out.index(child)
    assert f"└ {child}" in out and "Only citing 57-NQ/TW" in out and citing in out
    j = TraceResult.model_validate_json(run("trace", "57-NQ/TW", "--json", *where).stdout)
    assert j.median_delay_by_level == A["medians"]


def test_basis(where):
    name, displays = A["basis"]
    r = run("basis", name, *where)
    assert r.exit_code == 0, r.output
    for display in displays:
        assert display in r.output


def test_gaps(where):
    r = run("gaps", T, *where)
    assert r.exit_code == 0, r.output
    unit, code, reason = A["possible"]
    assert unit in r.output and "possible" in r.output and code in r.output
    assert reason in r.output
    g = GapsResult.model_validate_json(run("gaps", T, "--json", *where).stdout)
    assert g.scope == "province" and {k: g.counts[k] for k in A["gap_counts"]} == A["gap_counts"]
    n = GapsResult.model_validate_json(run("gaps", "57-NQ/TW", "--scope", "national", "--json", *where).stdout)
    # a central directive: the 34 provinces and the Government's 14 ministries and 3 ministry-level agencies
    assert n.scope == "national" and len(n.units) == 34 + 17
    assert sum(u.org.level == "province" for u in n.units) == 34 and "Bộ Y tế" in {u.org.name for u in n.units}


def test_show_and_search(where):
    r = run("show", A["target_named"], *where)
    assert r.exit_code == 0, r.output
    assert "REPORTS_ON" in r.output and "IMPLEMENTS" in r.output and "Incoming edges" in r.output
    s = run("search", "nghi quyet 57", "--json", *where)
    assert s.exit_code == 0, s.output
    hits = json.loads(s.stdout)
    assert hits[0]["id"] == K57 and hits[0]["kind"] == "document"
    t = run("search", "nghi quyet 57", *where)
    first = next(line for line in t.output.splitlines() if line.startswith("1 "))
    assert "57-NQ/TW" in first


def test_ambiguous_prints_candidates(where):
    r = run("implements", ACTIVE.ambiguous, *where)
    assert r.exit_code == 1
    assert "fits 2 documents" in r.stderr
    assert all(k in r.stderr for k in ACTIVE.ambiguous_keys)
    date, issuer = A["ambiguous"]
    assert date in r.stderr and issuer in r.stderr


def test_not_found_is_one_line(where):
    r = run("basis", "99/KH-UBND", *where)
    assert r.exit_code == 1
    assert r.stderr.strip().count("\n") == 0 and "no document matches '99/KH-UBND'" in r.stderr
    assert "Traceback" not in r.output


def test_bad_parameters(where):
    assert run("gaps", T, "--scope", "world", *where).exit_code == 2
    assert run("implements", T, "--depth", "0", *where).exit_code == 2
    bad = run("gaps", ACTIVE.no_recipients, "--scope", "recipients", *where)
    assert bad.exit_code == 2 and "recipients" in bad.stderr


def test_missing_database(tmp_path):
    r = run("trace", "57-NQ/TW", "--db", str(tmp_path / "none.db"))
    assert r.exit_code != 0 and "Traceback" not in r.output
    assert r.stderr.strip().count("\n") == 0


def test_cypher_reads_with_params(where):
    r = run("cypher", "MATCH (d:Document {key: $k}) RETURN d.date AS date", "--param", f"k={A['target_key']}", "--json", *where)
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout) == {"columns": ["date"], "rows": [[A["target_date"]]], "truncated": False,
                                    "truncated_by": None}
    r = run("cypher", "MATCH (d:Document) RETURN d.key AS key", "--limit", "2", *where)
    assert r.exit_code == 0 and "(truncated: rows)" in r.output
    assert run("cypher", "RETURN 1", "--param", "nonsense", *where).exit_code == 2


def test_cypher_write_refused_without_flag(where):
    count = "MATCH (d:Document) RETURN count(d) AS n"
    before = json.loads(run("cypher", count, "--json", *where).stdout)
    r = run("cypher", "MATCH (d:Document) DETACH DELETE d", *where)
    assert r.exit_code == 1 and "--write" in r.stderr
    r = run("cypher", "CREATE (:Document {key: 'evil'})", *where)
    assert r.exit_code == 1
    assert json.loads(run("cypher", count, "--json", *where).stdout) == before


def test_cypher_write_with_flag(tmp_path):
    db = str(tmp_path / "w.db")
    open_store(db).close()
    r = run("cypher", "CREATE (:Organization {id: 'x:1', name: 'X'})", "--write", "--db", db)
    assert r.exit_code == 0, r.output
    r = run("cypher", "MATCH (o:Organization) RETURN o.name AS name", "--json", "--db", db)
    assert json.loads(r.stdout)["rows"] == [["X"]]
