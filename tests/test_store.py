"""The stores: schema, per-source replace, atomicity, read-only guard, concurrency, seeds.

Tests taking ``any_store`` run on LadybugDB and on the real Neo4j server alike.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import ladybug
import pytest

from luocdo.graph.cypher_dialect import CypherSyntaxError, check_read_only, write_keywords
from luocdo.graph.delta import EdgeRow, GraphDelta, NodeClaim
from luocdo.graph.ladybug_store import LadybugStore
from luocdo.graph.schema import NODE_TABLES, REL_TABLES
from luocdo.graph.store import (
    QueryTimeout,
    ReadOnlyViolation,
    StoreError,
    StoreOverloaded,
    open_store,
)
from tests.corpora import ACTIVE

REPO = Path(__file__).resolve().parents[1]
LUOCDO = [sys.executable, "-m", "luocdo.api.cli"]

# ---------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------


def plan(sid: str, key: str, cites: dict[str, str | None], *, h: str = "h1", date: str | None = None,
         issuer: str = "province:51", rel: str = "IMPLEMENTS") -> GraphDelta:
    """A source whose document ``key`` relates to each of ``cites`` (key → date it gives)."""
    nodes = [NodeClaim.of("Document", key, {"type": "KH", "kind": "Plan", "date": date, "year": 2025}, own=True)]
    edges = [EdgeRow.of("ISSUED_BY", key, issuer, {"raw": "UBND tỉnh"})]
    nodes.append(NodeClaim.of("Organization", issuer, {"name": "Quảng Ngãi", "level": "province", "code": "51"}))
    for i, (target, tdate) in enumerate(cites.items()):
        nodes.append(NodeClaim.of("Document", target, {"type": "NQ", "kind": "Resolution", "date": tdate}))
        edges.append(EdgeRow.of(rel, key, target, {"doc": key, "file": sid, "start": 10 * i, "end": 10 * i + 8,
                                                    "sentence": f"Thực hiện {target}", "derived": False}))
    return GraphDelta(sid, f"/corpus/{sid}.txt", h, key, tuple(nodes), tuple(edges))


def keys(store, table: str = "Document") -> list[str]:
    pk = "key" if table == "Document" else "id"
    return [r["k"] for r in store.read(f"MATCH (n:{table}) RETURN n.{pk} AS k ORDER BY k")]


def edges(store) -> list[tuple[str, str, str, str]]:
    rel = "label(r)" if store.dialect == "ladybug" else "type(r)"
    rows = store.read(f"MATCH (a)-[r]->(b) RETURN a.key AS src, {rel} AS rel, r.origin AS o, "
                      "coalesce(b.key, b.id) AS dst ORDER BY src, rel, dst, o")
    return [(r["src"], r["rel"], r["dst"], r["o"]) for r in rows]


def doc(store, key: str) -> dict:
    rows = store.read("MATCH (d:Document {key: $k}) RETURN d", {"k": key})
    assert rows, f"no document {key}"
    return rows[0]["d"]


# ---------------------------------------------------------------------------
# read-only guard (the keyword check, then the real store)
# ---------------------------------------------------------------------------

READ_ONLY_CASES = [
    ("MATCH (d:Document) RETURN d.key", []),
    ("MATCH (d:Document) WHERE d.title CONTAINS 'set' RETURN d", []),
    ("MATCH (d) WHERE d.title = \"CREATE TABLE x\" RETURN d", []),
    ("MATCH ()-[r:IMPLEMENTS]->() RETURN r.start AS start, r.`end` AS `end`", []),
    ("MATCH (n) RETURN n {.key, set: 1}", []),
    ("MATCH (n) WHERE n.key = $delete RETURN n", []),
    ("MATCH (n:Create) RETURN n // DELETE n", []),
    ("/* MERGE */ MATCH (n) RETURN count(n)", []),
    ("CALL show_tables() RETURN *", []),
    ("CALL db.labels()", []),
    ("MATCH (n) CALL { WITH n RETURN n.key AS k } RETURN k", []),
    ("MATCH (n) SET n.x = 1", ["SET"]),
    ("match (n) detach delete n", ["DETACH", "DELETE"]),
    ("CREATE (:Document {key: 'x'})", ["CREATE"]),
    ("MERGE (n:Document {key: 'x'}) RETURN n", ["MERGE"]),
    ("MATCH (n) REMOVE n.title", ["REMOVE"]),
    ("DROP TABLE Document", ["DROP"]),
    ("ALTER TABLE Document ADD x STRING", ["ALTER"]),
    ("COPY Document FROM 'x.csv'", ["COPY"]),
    ("LOAD FROM 'x.csv' RETURN *", ["LOAD"]),
    ("INSTALL httpfs", ["INSTALL"]),
    ("CALL threads=4", ["CALL threads"]),
    ("CALL apoc.create.node(['X'], {})", ["CALL apoc.create.node"]),
    ("MATCH (n) RETURN n; MATCH (m) DELETE m", ["DELETE"]),
    ("MATCH (n) WITH n CALL { WITH n SET n.x = 1 } RETURN n", ["SET"]),
    ("MATCH (n) RETURN 'it''s' AS s, n", []),
]


@pytest.mark.parametrize(("query", "expected"), READ_ONLY_CASES)
def test_write_keywords(query: str, expected: list[str]) -> None:
    assert write_keywords(query) == expected


def test_unterminated_literal_is_a_syntax_error() -> None:
    with pytest.raises(CypherSyntaxError, match="unterminated"):
        check_read_only("MATCH (n) WHERE n.key = 'abc RETURN n")


@pytest.mark.parametrize("query", [q for q, exp in READ_ONLY_CASES if exp])
def test_read_refuses_writes_and_changes_nothing(any_store, query: str) -> None:
    any_store.apply([plan("a", "A", {"X": "2024-01-01"})])
    before = any_store.stats()
    with pytest.raises(ReadOnlyViolation):
        any_store.read(query)
    assert any_store.stats() == before


def test_read_limit_and_timeout(lb_store: LadybugStore) -> None:
    assert lb_store.read("UNWIND range(1, 50) AS i RETURN i", limit=3) == [{"i": 1}, {"i": 2}, {"i": 3}]
    assert len(lb_store.read("UNWIND range(1, 50) AS i RETURN i")) == 50
    slow = "UNWIND range(1, 20000) AS a UNWIND range(1, 20000) AS b WITH a * b AS x WHERE x % 7 = 3 RETURN count(*) AS c"
    t0 = time.monotonic()
    with pytest.raises(QueryTimeout):
        lb_store.read(slow, timeout_s=0.2)
    assert time.monotonic() - t0 < 5
    assert lb_store.read("RETURN 1 AS one", timeout_s=0.2) == [{"one": 1}]  # the limit does not stick


def test_bad_query_names_the_engine_error(lb_store: LadybugStore) -> None:
    with pytest.raises(StoreError, match=r"ladybug: .*Nope"):
        lb_store.read("MATCH (n:Nope) RETURN n")


# ---------------------------------------------------------------------------
# schema
# ---------------------------------------------------------------------------


def test_schema_from_graph_schema(lb_store: LadybugStore) -> None:
    tables = {r["name"]: r["type"] for r in lb_store.read("CALL show_tables() RETURN *")}
    assert {t: "NODE" for t in NODE_TABLES}.items() <= tables.items()
    assert {t: "REL" for t in REL_TABLES}.items() <= tables.items()
    cols = {r["name"]: r["type"] for r in lb_store.read("CALL table_info('Document') RETURN *")}
    assert cols["sources"] == "STRING[]" and cols["year"] == "INT64" and cols["ingested"] == "BOOL"
    rel_cols = {r["name"] for r in lb_store.read("CALL table_info('IMPLEMENTS') RETURN *")}
    assert {"origin", "doc", "file", "start", "end", "sentence", "derived"} <= rel_cols


def test_missing_columns_are_added_on_open(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = ladybug.Database(str(path))
    conn = ladybug.Connection(db)
    conn.execute("CREATE NODE TABLE Source(id STRING, path STRING, hash STRING, PRIMARY KEY(id))")
    conn.close()
    db.close()
    with LadybugStore(path) as store:
        cols = {r["name"] for r in store.read("CALL table_info('Source') RETURN *")}
    assert set(NODE_TABLES["Source"]) <= cols


# ---------------------------------------------------------------------------
# apply: per-source replace
# ---------------------------------------------------------------------------


def test_apply_counts_and_reapply_is_unchanged(any_store, snapshot) -> None:
    a, b = plan("a", "A", {"X": "2024-01-01"}), plan("b", "B", {"X": "2024-01-01"})
    assert any_store.apply([a, b]) == {"added": 2, "replaced": 0, "unchanged": 0}
    first = snapshot(any_store)
    assert any_store.apply([a, b]) == {"added": 0, "replaced": 0, "unchanged": 2}
    assert snapshot(any_store) == first
    assert any_store.source_hash("a") == "h1" and any_store.source_hash("nope") is None
    assert keys(any_store) == ["A", "B", "X"]
    assert doc(any_store, "X")["sources"] == ["/corpus/a.txt", "/corpus/b.txt"]
    assert doc(any_store, "X")["ingested"] is False and doc(any_store, "A")["ingested"] is True
    stats = any_store.stats()
    assert (stats["documents"], stats["ingested"], stats["cited_only"], stats["organizations"]) == (3, 2, 1, 1)
    assert (stats["IMPLEMENTS"], stats["ISSUED_BY"], stats["edges"], stats["sources"]) == (2, 2, 4, 2)


def test_changed_source_replaces_exactly_its_facts(any_store) -> None:
    any_store.apply([plan("a", "A", {"X": None, "Y": None}), plan("b", "B", {"X": None})])
    counts = any_store.apply([plan("a", "A", {"Z": None}, h="h2")])
    assert counts == {"added": 0, "replaced": 1, "unchanged": 0}
    # Y was only a's: gone.  X is still b's.  Z is new.
    assert keys(any_store) == ["A", "B", "X", "Z"]
    assert [e for e in edges(any_store) if e[1] == "IMPLEMENTS"] == [
        ("A", "IMPLEMENTS", "Z", "a"),
        ("B", "IMPLEMENTS", "X", "b"),
    ]
    x = json.loads(doc(any_store, "X")["claims"])
    assert (x["own"], x["cited"], x["paths"]) == ({}, 1, ["/corpus/b.txt"])
    assert any_store.source_hash("a") == "h2"


def test_conflicts_are_kept_then_cleared(any_store) -> None:
    any_store.apply([plan("a", "A", {"X": "2024-01-01"}), plan("b", "B", {"X": "2024-02-02"})])
    x = doc(any_store, "X")
    assert json.loads(x["conflicts"]) == {"date": ["2024-01-01", "2024-02-02"]}
    assert x["date"] == "2024-01-01"  # tie: the first source in id order
    assert any_store.stats()["conflicts"] == 1
    any_store.apply([plan("a", "A", {"X": "2024-02-02"}, h="h2")])
    x = doc(any_store, "X")
    assert "conflicts" not in x and x["date"] == "2024-02-02"


def test_own_text_wins_over_citations(any_store) -> None:
    any_store.apply([plan("b", "B", {"A": "2024-09-09"})])
    assert doc(any_store, "A")["date"] == "2024-09-09" and doc(any_store, "A")["kind"] == "Resolution"
    any_store.apply([plan("a", "A", {}, date="2024-01-01")])
    a = doc(any_store, "A")
    assert (a["date"], a["kind"], a["ingested"]) == ("2024-01-01", "Plan", True)
    assert json.loads(a["conflicts"]) == {"date": ["2024-01-01", "2024-09-09"], "type": ["KH", "NQ"]}


def test_result_does_not_depend_on_order(tmp_path: Path, snapshot) -> None:
    deltas = [plan("a", "A", {"X": "2024-01-01"}), plan("b", "B", {"X": "2024-02-02", "A": None}),
              plan("c", "C", {"B": "2025-01-01"})]
    with LadybugStore(tmp_path / "1.db") as s1, LadybugStore(tmp_path / "2.db") as s2:
        s1.apply(deltas)
        for d in reversed(deltas):
            s2.apply([d])
        assert snapshot(s1) == snapshot(s2)


def test_remove_source(any_store) -> None:
    any_store.apply([plan("a", "A", {"X": None}), plan("b", "B", {"X": None})])
    assert any_store.remove_source("a") is True
    assert any_store.remove_source("a") is False
    assert keys(any_store) == ["B", "X"]
    assert any_store.stats()["sources"] == 1
    orgs = keys(any_store, "Organization")
    any_store.remove_source("b")
    # documents go with their last source; organisations are registry facts and stay
    assert keys(any_store) == [] and keys(any_store, "Organization") == orgs


def test_apply_is_atomic(any_store, snapshot) -> None:
    any_store.apply([plan("a", "A", {"X": None})])
    before = snapshot(any_store)
    good = plan("b", "B", {"X": None})
    bad = plan("c", "C", {"Y": None})
    bad = GraphDelta(bad.source_id, bad.path, bad.hash, bad.doc_key, bad.nodes,
                     (*bad.edges, EdgeRow.of("CITES", "C", "Y", {"start": "not a number"})))
    with pytest.raises(StoreError):
        any_store.apply([good, bad, plan("a", "A", {"Z": None}, h="h2")])
    assert snapshot(any_store) == before
    assert any_store.source_hash("b") is None and any_store.source_hash("a") == "h1"
    assert any_store.apply([good]) == {"added": 1, "replaced": 0, "unchanged": 0}  # still usable


def test_ensure_organizations(any_store) -> None:
    rows = [
        {"id": "province:51", "name": "Quảng Ngãi", "level": "province", "code": "51", "part_of": None},
        {"id": "commune:21349", "name": "Xã Sơn Mai", "level": "commune", "code": "21349", "part_of": "province:51"},
    ]
    any_store.ensure_organizations(rows)
    any_store.ensure_organizations(rows)  # idempotent
    assert any_store.stats()["PART_OF"] == 1
    any_store.apply([plan("a", "A", {})])
    any_store.remove_source("a")  # the registry's claim keeps the organisation
    assert keys(any_store, "Organization") == ["commune:21349", "province:51"]
    got = any_store.read("MATCH (c:Organization)-[:PART_OF]->(p:Organization) RETURN c.name AS c, p.code AS p")
    assert got == [{"c": "Xã Sơn Mai", "p": "51"}]
    with pytest.raises(StoreError, match="parent"):
        any_store.ensure_organizations([{"id": "commune:1", "name": "X", "part_of": "province:99"}])


def test_write_runs_any_statement(any_store) -> None:
    any_store.write("CREATE (:Organization {id: 'x:1', name: 'X'})")
    assert keys(any_store, "Organization") == ["x:1"]


# ---------------------------------------------------------------------------
# read-only opening and other processes
# ---------------------------------------------------------------------------


def test_read_only_store(tmp_path: Path) -> None:
    path = tmp_path / "g.db"
    with pytest.raises(StoreError, match="no database"):
        LadybugStore(path, read_only=True)
    with LadybugStore(path) as w:
        w.apply([plan("a", "A", {"X": None})])
    store = open_store(str(path), read_only=True)
    try:
        assert store.dialect == "ladybug" and keys(store) == ["A", "X"]
        with pytest.raises(StoreError, match="read-only"):
            store.apply([plan("b", "B", {})])
        with pytest.raises(StoreError, match="read-only"):
            store.write("MATCH (n) RETURN n")
    finally:
        store.close()


WRITER = textwrap.dedent(
    """
    import sys, time
    from luocdo.graph.ladybug_store import LadybugStore
    sys.path.insert(0, sys.argv[2])
    from test_store import plan
    store = LadybugStore(sys.argv[1])
    store.apply([plan("a", "A", {"X": None})])
    print("one", flush=True)
    sys.stdin.readline()
    store.apply([plan("b", "B", {"Y": None})])
    print("two", flush=True)
    sys.stdin.readline()
    store.close()
    """
)


def test_readers_in_other_processes_see_each_commit(tmp_path: Path) -> None:
    """A writer process holds the file; this process reads it read-only meanwhile."""
    path = tmp_path / "g.db"
    LadybugStore(path).close()
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(Path(__file__).parent)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "one"
        reader = LadybugStore(path, read_only=True)
        assert keys(reader) == ["A", "X"]
        with pytest.raises(StoreError, match="another process"):
            LadybugStore(path)  # a second writer is refused, with a message that says why
        proc.stdin.write("\n")
        proc.stdin.flush()
        assert proc.stdout.readline().strip() == "two"
        assert keys(reader) == ["A", "B", "X", "Y"]  # re-opened on change
        reader.close()
    finally:
        proc.stdin.write("\n")
        proc.stdin.close()
        proc.wait(timeout=30)
    assert proc.returncode == 0


def test_threads_read_while_another_writes(lb_store: LadybugStore) -> None:
    errors: list[Exception] = []
    done = threading.Event()

    def reader() -> None:
        while not done.is_set():
            try:
                n = lb_store.read("MATCH (d:Document) RETURN count(d) AS c")[0]["c"]
                assert n % 2 == 0  # whole deltas only: each adds two documents
            except Exception as e:
                errors.append(e)
                return

    threads = [threading.Thread(target=reader) for _ in range(3)]
    for t in threads:
        t.start()
    try:
        for i in range(30):
            lb_store.apply([plan(f"s{i}", f"D{i}", {f"T{i}": None})])
    finally:
        done.set()
        for t in threads:
            t.join()
    assert errors == []
    assert lb_store.stats()["documents"] == 60


# ---------------------------------------------------------------------------
# the test corpus: the real seeds, else examples/corpus
# ---------------------------------------------------------------------------


def _ingest(store, *paths, **kw):
    from luocdo.pipeline import ingest

    return ingest(store, [str(p) for p in paths], workers=1, **kw)


#: What the graph of the test corpus holds (tests/corpora.py chooses the corpus).
CORPUS_GRAPH = {
    "seeds": {
        "once": ["57-NQ/TW", "76/NQ-CP"],
        "twice": "38/KH-UBND",  # the province's of 2024, Lý Sơn's of 2025
        "citing_57": 3,
        "second": ("76/NQ-CP", {"Quảng Ngãi", "Lâm Đồng"}),  # cited in two provinces
        "implements": [("38/KH-UBND", "82/KH-UBND"), ("359-KH/TU", "57-NQ/TW")],
        "commune_plan": ("38/KH-UBND", "82/KH-UBND", "38/KH-UBND@2025@quang-ngai/ly-son"),
        "communes": ("Xã Sơn Mai", "Đặc khu Lý Sơn", "Xã Bắc Ruộng"),
    },
    "examples": {
        "once": ["57-NQ/TW", "71/NQ-CP"],
        "twice": "27/KH-UBND",  # the province's of 2024, Lâm Bình's of 2025
        "citing_57": 18,
        "second": ("71/NQ-CP", {"Tuyên Quang"}),
        "implements": [("27/KH-UBND", "145/KH-UBND"), ("09-KH/TU", "57-NQ/TW")],
        "commune_plan": ("27/KH-UBND", "145/KH-UBND", "27/KH-UBND@2025@tuyen-quang/lam-binh"),
        "communes": ("Xã Lâm Bình", "Phường Minh Xuân", "Xã Tân Trào"),
    },
}[ACTIVE.name]


def test_corpus_graph(any_store, corpus_dir: Path) -> None:
    want = CORPUS_GRAPH
    report = _ingest(any_store, corpus_dir)
    assert report.failed == [] and report.added == ACTIVE.files
    second, second_provinces = want["second"]
    rows = any_store.read("MATCH (d:Document) WHERE d.display IN $names "
                         "RETURN d.display AS display, d.key AS key, d.province AS province ORDER BY key",
                         {"names": [*want["once"], want["twice"]]})
    by_display: dict[str, list[str]] = {}
    for r in rows:
        by_display.setdefault(r["display"], []).append(r["key"])
    for name in want["once"]:
        assert len(by_display[name]) == 1, name
    assert len(by_display[want["twice"]]) == 2
    citing = any_store.read("MATCH (a:Document)-[r]->(b:Document {display: '57-NQ/TW'}) WHERE NOT r.derived "
                           "RETURN DISTINCT a.key AS a")
    assert len(citing) == want["citing_57"]
    cited = any_store.read("MATCH (a:Document)-[]->(b:Document {display: $d}) RETURN DISTINCT a.province AS p",
                           {"d": second})
    assert {r["p"] for r in cited} == second_provinces
    impl = {(r["a"], r["b"]) for r in any_store.read(
        "MATCH (a:Document)-[:IMPLEMENTS]->(b:Document) RETURN a.display AS a, a.year AS y, b.display AS b")}
    assert set(want["implements"]) <= impl
    plan, target, key = want["commune_plan"]
    found = any_store.read("MATCH (a:Document)-[:IMPLEMENTS]->(b:Document {display: $t}) "
                           "WHERE a.display = $p RETURN a.key AS k", {"t": target, "p": plan})
    assert [r["k"] for r in found] == [key]
    communes = {r["name"]: r["code"] for r in any_store.read(
        "MATCH (o:Organization {level: 'commune'}) RETURN o.name AS name, o.code AS code")}
    assert set(want["communes"]) <= communes.keys()
    assert all(communes[n] and communes[n].isdigit() for n in want["communes"])


def test_reingest_is_a_noop(any_store, corpus_dir: Path, snapshot) -> None:
    _ingest(any_store, corpus_dir)
    first, stats = snapshot(any_store), any_store.stats()
    report = _ingest(any_store, corpus_dir)
    assert (report.added, report.replaced, report.unchanged) == (0, 0, ACTIVE.files)
    assert snapshot(any_store) == first and any_store.stats() == stats


def test_editing_one_file_changes_only_its_facts(tmp_path: Path, corpus_copy: Path, snapshot) -> None:
    with LadybugStore(tmp_path / "g.db") as store:
        _ingest(store, corpus_copy)
        before_nodes, before_edges = snapshot(store)
        edited = sorted(corpus_copy.glob("*.txt"))[1]
        text = edited.read_text(encoding="utf-8")
        second = CORPUS_GRAPH["second"][0]
        cut = text.index(second)  # drop everything from the first mention of 76/NQ-CP (71/NQ-CP) on
        edited.write_text(text[:cut], encoding="utf-8")
        report = _ingest(store, corpus_copy)
        assert (report.replaced, report.unchanged) == (1, ACTIVE.files - 1)
        after_nodes, after_edges = snapshot(store)
        sid = str(edited.resolve())

        gone = {k for t, k in before_nodes if t == "Document"} - {k for t, k in after_nodes if t == "Document"}

        def others(edge_list):
            """Edges of the other files: not the edited one's, nor the issuers of what only it cited."""
            return [e for e in edge_list if ("origin", repr(sid)) not in e[3] and e[1] not in gone]

        assert others(after_edges) == others(before_edges)
        assert after_edges != before_edges
        # The same as ingesting the edited corpus from scratch.
        with LadybugStore(tmp_path / "fresh.db") as fresh:
            _ingest(fresh, corpus_copy)
            assert snapshot(fresh) == (after_nodes, after_edges)


def _corpus(seeds: Path, root: Path, copies: int) -> Path:
    for i in range(copies):
        shutil.copytree(seeds, root / f"c{i:03d}")
    return root


def test_sigkill_mid_ingest_then_rerun_equals_clean_run(tmp_path: Path, corpus_dir: Path, snapshot) -> None:
    corpus = _corpus(corpus_dir, tmp_path / "corpus", 200 // ACTIVE.files)  # about 200 files
    killed, clean = tmp_path / "killed.db", tmp_path / "clean.db"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    cmd = [*LUOCDO, "ingest", str(corpus), "--db", str(killed), "--batch-size", "5", "--workers", "1", "--json"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        seen = 0
        while time.monotonic() < deadline and proc.poll() is None:
            if killed.exists():
                try:
                    with LadybugStore(killed, read_only=True) as r:
                        seen = r.stats()["sources"]
                except StoreError:
                    seen = 0  # not created yet
                if seen >= 5:
                    break
            time.sleep(0.05)
        assert proc.poll() is None, "ingest finished before it could be killed; make the corpus bigger"
        os.killpg(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    with LadybugStore(killed, read_only=True) as r:
        partial = r.stats()["sources"]
    assert 5 <= partial < 200 and partial % 5 == 0  # whole batches only
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["report"]["unchanged"] >= partial
    subprocess.run([*LUOCDO, "ingest", str(corpus), "--db", str(clean), "--batch-size", "50", "--json"],
                   env=env, capture_output=True, check=True, timeout=300)
    with LadybugStore(killed, read_only=True) as a, LadybugStore(clean, read_only=True) as b:
        assert a.stats() == b.stats()
        assert snapshot(a) == snapshot(b)


# ---------------------------------------------------------------------------
# claims of much-cited documents stay small
# ---------------------------------------------------------------------------


def test_claims_of_a_much_cited_document_do_not_grow_with_its_citers(any_store, snapshot, tmp_path: Path) -> None:
    from luocdo.graph.delta import CITING_SOURCES_SHOWN

    n = CITING_SOURCES_SHOWN + 15
    deltas = [plan(f"s{i:03d}", f"P{i:03d}", {"X": "2024-01-01" if i % 3 else "2024-02-02"}) for i in range(n)]
    any_store.apply(deltas[:CITING_SOURCES_SHOWN])
    full = len(doc(any_store, "X")["claims"])
    any_store.apply(deltas[CITING_SOURCES_SHOWN:])
    x = doc(any_store, "X")
    assert len(x["claims"]) <= full + 4  # votes and a bounded list, not one claim per citer
    assert json.loads(x["claims"])["cited"] == n
    assert x["sources"] == [f"/corpus/s{i:03d}.txt" for i in range(CITING_SOURCES_SHOWN)]
    assert x["date"] == "2024-01-01"  # the majority
    assert json.loads(x["conflicts"]) == {"date": ["2024-01-01", "2024-02-02"]}
    # Removing listed citers lists the next ones, read back from the store's edges.
    for i in range(3):
        assert any_store.remove_source(f"s{i:03d}")
    any_store.apply([plan("s001", "P001", {"Y": None})])  # back, citing something else
    x = doc(any_store, "X")
    want = sorted(f"/corpus/s{i:03d}.txt" for i in range(3, n))[:CITING_SOURCES_SHOWN]
    assert x["sources"] == want and json.loads(x["claims"])["cited"] == n - 3
    # The same as a store that never saw the removed citations.
    with LadybugStore(tmp_path / "fresh.db") as fresh:
        fresh.apply([d for d in deltas if d.source_id not in ("s000", "s001", "s002")])
        fresh.apply([plan("s001", "P001", {"Y": None})])
        assert snapshot(fresh) == snapshot(any_store)


def test_claims_in_the_older_per_source_form_are_read(any_store) -> None:
    any_store.apply([plan("a", "A", {"X": "2024-01-01"})])
    older = {"a": {"own": False, "props": {"type": "NQ", "kind": "Resolution", "date": "2024-01-01"},
                   "path": "/corpus/a.txt"}}  # fmt: skip
    any_store.write("MATCH (d:Document {key: 'X'}) SET d.claims = $c", {"c": json.dumps(older)})
    any_store.apply([plan("b", "B", {"X": "2024-02-02"})])
    x = doc(any_store, "X")
    assert x["sources"] == ["/corpus/a.txt", "/corpus/b.txt"]
    assert json.loads(x["conflicts"]) == {"date": ["2024-01-01", "2024-02-02"]}
    assert any_store.remove_source("a") and doc(any_store, "X")["date"] == "2024-02-02"


def test_facts_restated_by_every_file_are_kept_once(tmp_path: Path, corpus_dir: Path) -> None:
    """Three copies of the corpus: the issuer of a cited instrument and PART_OF are one edge each, not three."""
    corpus = _corpus(corpus_dir, tmp_path / "corpus", 3)
    with LadybugStore(tmp_path / "g.db") as store:
        _ingest(store, corpus)
        dup = store.read("MATCH (a)-[e:PART_OF]->(b) WITH a, b, count(e) AS n WHERE n > 1 RETURN count(*) AS c")
        assert dup == [{"c": 0}] and store.stats()["PART_OF"] > 0
        issuers = store.read("MATCH (d:Document)-[e:ISSUED_BY]->(o:Organization) WHERE d.`key` = '57-NQ/TW@2024' "
                             "RETURN o.id AS o, e.origin AS origin, e.raw AS raw")  # fmt: skip
        assert issuers == [{"o": "central:bo-chinh-tri", "origin": "@cited", "raw": "Bộ Chính trị"}]
        # Remove every copy of the files citing it: the instrument and its issuer edge go with them.
        citers = {r["o"] for r in store.read("MATCH (a:Document)-[e]->(d:Document {`key`: '57-NQ/TW@2024'}) "
                                             "RETURN DISTINCT e.origin AS o")}  # fmt: skip
        assert len(citers) >= 3
        for sid in citers:
            assert store.remove_source(sid)
        assert store.read("MATCH (d:Document {`key`: '57-NQ/TW@2024'}) RETURN d.`key` AS k") == []


@pytest.mark.parametrize(
    ("env", "memory", "read_only", "expected"),
    [
        (None, False, True, 1024 * 2**20),  # readers: the default cap
        (None, False, False, 1024 * 2**20),  # writers too (raised when a checkpoint needs more)
        ("256", False, True, 256 * 2**20),
        ("256", False, False, 256 * 2**20),  # asked for: writers too
        (" 2048 ", False, True, 2048 * 2**20),
        ("256", True, True, 0),  # an in-memory database lives in its buffer pool: never capped
        ("lots", False, True, "whole number"),
        ("1.5", False, False, "whole number"),
        ("16", False, True, "too small"),
    ],
)
def test_buffer_pool_setting(monkeypatch, env, memory, read_only, expected) -> None:
    from luocdo.graph.ladybug_store import buffer_pool_bytes

    if env is None:
        monkeypatch.delenv("LUOCDO_BUFFER_POOL_MB", raising=False)
    else:
        monkeypatch.setenv("LUOCDO_BUFFER_POOL_MB", env)
    if isinstance(expected, int):
        assert buffer_pool_bytes(memory, read_only) == expected
    else:
        with pytest.raises(StoreError, match=f"LUOCDO_BUFFER_POOL_MB.*{expected}"):
            buffer_pool_bytes(memory, read_only)


@pytest.mark.parametrize(("pool_mb", "expected"), [(None, 256 * 2**20), ("128", 32 * 2**20), ("8192", 2**30)])
def test_bulk_checkpoints_leave_room_in_the_page_cache(tmp_path: Path, monkeypatch, pool_mb, expected) -> None:
    """While an ingest runs, the log is checkpointed at a quarter of the page cache (at most 1 GiB):
    uncheckpointed changes live in the cache, and a log as big as the cache fills it."""
    from luocdo.pipeline import IngestReport, _bulk_writes

    if pool_mb is None:
        monkeypatch.delenv("LUOCDO_BUFFER_POOL_MB", raising=False)
    else:
        monkeypatch.setenv("LUOCDO_BUFFER_POOL_MB", pool_mb)

    def threshold(s) -> int:
        return int(s.setting("checkpoint_threshold"))

    with LadybugStore(tmp_path / "g.db") as store:
        before = threshold(store)
        with _bulk_writes(store, IngestReport()):
            assert threshold(store) == max(expected, before)
        assert threshold(store) == before


def test_deltas_are_kept_packed_and_older_plain_ones_still_read(any_store) -> None:
    import base64
    import zlib

    from luocdo.graph.delta import PACKED, PACKED_85

    d = plan("a", "A", {"X": "2024-01-01"})
    assert GraphDelta.unpack(d.pack()) == d and GraphDelta.unpack(d.to_json()) == d
    older = PACKED_85 + base64.b85encode(zlib.compress(d.to_json().encode("utf-8"))).decode("ascii")
    assert GraphDelta.unpack(older) == d  # packed by an earlier version
    assert len(d.pack()) < len(d.to_json())
    any_store.apply([d])
    stored = any_store.read("MATCH (s:Source {id: 'a'}) RETURN s.delta AS d")[0]["d"]
    assert stored.startswith(PACKED)
    # a database written before deltas were packed: the plain JSON is read to remove the source
    any_store.write("MATCH (s:Source {id: 'a'}) SET s.delta = $d", {"d": d.to_json()})
    assert any_store.remove_source("a")
    assert any_store.read("MATCH (d:Document) RETURN count(d) AS n") == [{"n": 0}]
    any_store.apply([d])
    for bad in ("z85:not base85 at all", "z64:not base64 at all"):
        any_store.write("MATCH (s:Source {id: 'a'}) SET s.delta = $d", {"d": bad})
        with pytest.raises(StoreError, match="stored delta is unreadable"):
            any_store.remove_source("a")


def test_a_checkpoint_short_of_cache_reopens_with_twice_as_much(tmp_path: Path, corpus_dir: Path, monkeypatch) -> None:
    """The engine's "committed successfully, but the post-commit checkpoint failed" (its page cache was
    too small): the data is kept, the file reopened with a cache twice as large, the ingest goes on."""
    monkeypatch.setenv("LUOCDO_BUFFER_POOL_MB", "64")
    files = sorted(corpus_dir.glob("*.txt"))
    with LadybugStore(tmp_path / "g.db") as store:
        real = store._exec
        failed: list[str] = []

        def exec_(conn, query, params=None, **kw):
            rows = real(conn, query, params, **kw)
            if query == "COMMIT" and not failed:
                failed.append(query)
                raise StoreOverloaded("g.db: the database's page cache is full (Transaction committed successfully, "
                                      "but the post-commit checkpoint failed. …: The buffer pool is full and no "
                                      "memory could be freed!)")  # fmt: skip
            return rows

        monkeypatch.setattr(store, "_exec", exec_)
        report = _ingest(store, *files[:2])
        assert failed and report.added == 2 and not report.failed
        assert store.buffer_pool == 128 * 2**20
        assert report.notes == [f"LadybugDB's page cache raised to 128 MiB: a checkpoint of {store.path} needed more than 64 MiB"]
        _ingest(store, *files)
        assert store.stats()["sources"] == len(files)


def test_the_cache_is_not_raised_past_the_engine_default(tmp_path: Path, monkeypatch) -> None:
    from luocdo.graph import ladybug_store

    monkeypatch.setattr(ladybug_store, "_engine_default_pool", lambda: 100 * 2**20)
    monkeypatch.setenv("LUOCDO_BUFFER_POOL_MB", "64")
    with LadybugStore(tmp_path / "g.db") as store:
        store.write("CALL checkpoint_threshold=12345678")
        assert store._grow_pool() and store.buffer_pool == 100 * 2**20
        setting = store.setting("checkpoint_threshold")
        assert int(setting) == 12345678  # set again on the reopened file
        assert not store._grow_pool() and len(store.notes) == 1
    with LadybugStore(tmp_path / "g.db", read_only=True) as reader:
        assert not reader._grow_pool()  # a reader's cache is what it was told
