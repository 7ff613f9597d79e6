"""Neo4jStore on a real Neo4j server (tests/neo4j_server, or $NEO4J_URI).

The same deltas and the same seeds go into LadybugDB and into Neo4j; the
graphs and the answers to the same read queries must be identical.  Reads are
refused by the server itself, not only by the keyword check.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from luocdo.graph.delta import EdgeRow, GraphDelta, NodeClaim
from luocdo.graph.ladybug_store import LadybugStore
from luocdo.graph.neo4j_store import Neo4jStore
from luocdo.graph.store import QueryTimeout, ReadOnlyViolation, StoreError
from tests.corpora import ACTIVE

pytestmark = pytest.mark.neo4j


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
def both(neo4j_store: Neo4jStore, tmp_path: Path):
    with LadybugStore(tmp_path / "g.db") as lb:
        yield lb, neo4j_store


def test_server_is_neo4j_with_its_schema(neo4j_store: Neo4jStore) -> None:
    assert neo4j_store.dialect == "neo4j"
    assert neo4j_store.server.startswith("Neo4j/")
    rows = neo4j_store.read("SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties")
    unique = {(r["labelsOrTypes"][0], r["properties"][0]) for r in rows if r["type"] == "UNIQUENESS"}
    assert unique == {("Document", "key"), ("Organization", "id"), ("Source", "id"), ("Identity", "grp"),
                      ("LuocdoState", "id")}
    indexed = {(r["labelsOrTypes"][0], r["properties"][0])
               for r in neo4j_store.read("SHOW INDEXES YIELD labelsOrTypes, properties WHERE properties IS NOT NULL")}
    assert {("Document", "year"), ("Document", "issuer_id"), ("Organization", "level")} <= indexed
    with pytest.raises(StoreError, match="ConstraintValidationFailed"):
        neo4j_store.write("CREATE (:Source {id: 'x'}), (:Source {id: 'x'})")


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


def test_labels_follow_the_type(neo4j_store: Neo4jStore) -> None:
    neo4j_store.apply([plan("b", "B", {"A": None})])
    assert neo4j_store.read("MATCH (d:Document:Resolution) RETURN d.key AS k") == [{"k": "A"}]
    own = GraphDelta("a", "/corpus/a.txt", "h1", "A",
                     (NodeClaim.of("Document", "A", {"type": "QĐ", "kind": "Decision"}, own=True),))
    neo4j_store.apply([own])
    assert neo4j_store.read("MATCH (d:Document:Decision) RETURN d.key AS k") == [{"k": "A"}]
    assert neo4j_store.read("MATCH (d:Resolution) RETURN d.key AS k") == []
    assert neo4j_store.read("MATCH (d:Plan) RETURN d.key AS k") == [{"k": "B"}]


@pytest.mark.parametrize("text", ["it's O'Brien", "C:\\path\\file", "ngoặc \"kép\"", "tab\tand\nnewline", "x" * 9000])
def test_awkward_and_long_strings_round_trip(both, snapshot, text: str) -> None:
    lb, bolt = both
    deltas = [plan("a", "A", {f"T{i}": None for i in range(30)}, sentence=text), plan("b", "B", {"T1": None})]
    lb.apply(deltas)
    bolt.apply(deltas)
    got = bolt.read("MATCH (:Document {key: 'A'})-[r:IMPLEMENTS]->(:Document {key: 'T1'}) RETURN r.sentence AS s")
    assert got == [{"s": text}]
    nodes_lb, _ = snapshot(lb)
    nodes_bolt, _ = snapshot(bolt)
    assert nodes_lb == nodes_bolt
    t1 = json.loads(nodes_bolt[("Document", "T1")]["claims"])
    assert (t1["cited"], t1["paths"]) == (2, ["/corpus/a.txt", "/corpus/b.txt"])


def test_many_long_keys(both, snapshot) -> None:
    lb, bolt = both
    deltas = [plan(f"s{i}", f"{i}/KH-UBND@2025@quang-ngai/{'x' * 60}", {f"{i}-NQ/TW@2024": None}) for i in range(120)]
    lb.apply(deltas)
    bolt.apply(deltas)
    assert bolt.stats()["IMPLEMENTS"] == 120
    assert snapshot(bolt) == snapshot(lb)


def test_failed_batch_is_rolled_back_whole(neo4j_store: Neo4jStore, snapshot) -> None:
    """A batch that fails half-way (here: at its Source, after its nodes and edges) leaves nothing."""
    neo4j_store.apply([plan("a", "A", {"X": None})])
    before = snapshot(neo4j_store)
    neo4j_store.write("CREATE (:Document {key: 'clash'})")
    neo4j_store.write("MATCH (d:Document {key: 'clash'}) DELETE d")
    bad = plan("b", "B", {"X": None, "Y": None})
    original = neo4j_store._put_sources

    def broken(*a, **kw):
        original(*a, **kw)
        neo4j_store._run("CREATE (:Source {id: 'a'})")  # violates the uniqueness constraint

    neo4j_store._put_sources = broken  # type: ignore[method-assign]
    with pytest.raises(StoreError, match="ConstraintValidationFailed"):
        neo4j_store.apply([bad])
    del neo4j_store._put_sources
    assert snapshot(neo4j_store) == before
    assert neo4j_store.source_hash("b") is None
    assert neo4j_store.apply([bad]) == {"added": 1, "replaced": 0, "unchanged": 0}
    assert neo4j_store.stats()["IMPLEMENTS"] == 3


def test_batches_repeat_the_same_statement_texts(both, snapshot) -> None:
    """A batch's writes are sent one statement per kind of row, and a batch of the same shape as
    earlier ones sends only texts the server has planned already (its query cache); the graph
    is the one of the embedded store."""
    lb, bolt = both
    sent: list[str] = []
    original = bolt._tx_run

    def counted(query: str, params: dict) -> list:
        sent.append(query)
        return original(query, params)

    bolt._tx_run = counted  # type: ignore[method-assign]
    batch = [plan(f"s{i}", f"P{i}", {f"X{i % 7}": None, "Y": "2025-01-0" + str(1 + i % 9)}) for i in range(120)]
    for part in (batch[:30], batch[30:60]):
        for store in (lb, bolt):
            store.apply(part)
    first = list(sent)
    sent.clear()
    for store in (lb, bolt):
        store.apply(batch[60:90])
    assert set(sent) <= set(first), sorted(set(sent) - set(first))
    assert len(sent) <= 25, [q[:60] for q in sent]
    assert not any(q.count("CALL () {") for q in sent), "statements are not combined into per-batch texts"
    sent.clear()
    for store in (lb, bolt):
        assert store.apply([*batch[90:], plan("s0", "P0", {"Z": None}, h="h2")])["replaced"] == 1
    del bolt._tx_run
    assert len(sent) <= 30, [q[:60] for q in sent]
    assert snapshot(bolt) == snapshot(lb)


def test_failed_apply_raises_store_error(neo4j_store: Neo4jStore) -> None:
    bad = GraphDelta("c", "/corpus/c.txt", "h", "C", (), (EdgeRow.of("NOT_A_REL", "C", "Y"),))
    with pytest.raises(StoreError, match="unknown relation"):
        neo4j_store.apply([bad])
    assert neo4j_store.source_hash("c") is None


def test_read_guard_and_limit(neo4j_store: Neo4jStore) -> None:
    neo4j_store.apply([plan("a", "A", {"X": None, "Y": None})])
    before = neo4j_store.stats()
    for q in ("MATCH (n) DETACH DELETE n", "CREATE (:Document {key: 'z'})", "MATCH (n) SET n.x = 1"):
        with pytest.raises(ReadOnlyViolation, match="read-only query refused: it uses"):
            neo4j_store.read(q)
    assert neo4j_store.stats() == before
    assert len(neo4j_store.read("MATCH (d:Document) RETURN d.key AS k", limit=2)) == 2
    assert len(neo4j_store.read("MATCH (d:Document) RETURN d.key AS k", timeout_s=5)) == 3
    with pytest.raises(StoreError, match="SyntaxError"):
        neo4j_store.read("MATCH (n RETURN n")
    slow = "UNWIND range(1, 100000000) AS i WITH i WHERE i % 7 = 99 RETURN count(i) AS n"
    with pytest.raises(QueryTimeout):
        neo4j_store.read(slow, timeout_s=0.5)
    assert neo4j_store.read("RETURN 1 AS one", timeout_s=0.5) == [{"one": 1}]


#: Writes, schema changes and writing procedures: past the keyword check, the server refuses them.
SERVER_REFUSES = [
    "MATCH (n) DETACH DELETE n",
    "CREATE (:Document {key: 'z'})",
    "MATCH (d:Document {key: 'A'}) SET d.title = 'changed'",
    "MATCH (d:Document {key: 'A'}) REMOVE d:Plan",
    "MERGE (:Organization {id: 'evil'})",
    "MATCH (a:Document {key: 'A'}), (x:Document {key: 'X'}) CREATE (a)-[:CITES]->(x)",
    "CALL { CREATE (:Source {id: 'evil'}) } RETURN 1 AS one",
    "FOREACH (i IN [1] | CREATE (:Source {id: 'evil'}))",
    "CALL db.createLabel('Evil')",
    "CALL db.createProperty('evil')",
    "CALL db.createRelationshipType('EVIL')",
    "CREATE INDEX evil IF NOT EXISTS FOR (n:Document) ON (n.title)",
    "DROP CONSTRAINT document_key",
    "MATCH (d:Document {key: 'A'}) CALL db.create.setNodeVectorProperty(d, 'v', [1.0, 2.0])",
]


@pytest.mark.parametrize("query", SERVER_REFUSES)
def test_server_refuses_writes_in_read_transactions(neo4j_store: Neo4jStore, snapshot, query: str) -> None:
    neo4j_store.apply([plan("a", "A", {"X": None})])
    before = snapshot(neo4j_store)
    labels = neo4j_store.read("CALL db.labels() YIELD label RETURN collect(label) AS l")
    schema = neo4j_store.read("SHOW CONSTRAINTS YIELD name RETURN collect(name) AS c")
    with pytest.raises(ReadOnlyViolation, match="refused by the server"):
        neo4j_store._read_tx(query, None)  # past the keyword check: only the server stands in the way
    assert snapshot(neo4j_store) == before
    assert neo4j_store.read("CALL db.labels() YIELD label RETURN collect(label) AS l") == labels
    assert neo4j_store.read("SHOW CONSTRAINTS YIELD name RETURN collect(name) AS c") == schema
    assert neo4j_store.read("MATCH (n:Source {id: 'evil'}) RETURN count(n) AS n") == [{"n": 0}]


#: Portable read queries and how to normalise their answers.
SAME_ANSWERS = [
    "MATCH (d:Document) RETURN d.key AS k, d.display AS display, d.date AS date, d.ingested AS ingested ORDER BY k",
    "MATCH (a:Document)-[r:IMPLEMENTS]->(b:Document) RETURN a.key AS src, b.key AS dst, r.derived AS derived, "
    "r.start AS s, r.`end` AS e ORDER BY src, dst, s",
    "MATCH (d:Document)-[r:ISSUED_BY]->(o:Organization) RETURN o.id AS org, count(r) AS n ORDER BY org",
    "MATCH (a:Document)-[:IMPLEMENTS*1..3]->(b:Document {display: '57-NQ/TW'}) RETURN DISTINCT a.key AS k ORDER BY k",
    "MATCH (o:Organization {level: 'commune'}) RETURN o.name AS name, o.code AS code ORDER BY code, name",
    "MATCH (c:Organization)-[r:PART_OF]->(p:Organization) RETURN c.id AS child, p.id AS parent, r.origin AS o "
    "ORDER BY child, parent, o",
    "MATCH (d:Document) WHERE d.conflicts IS NOT NULL RETURN d.key AS k, d.conflicts AS conflicts ORDER BY k",
    "MATCH (d:Document {key: $k}) RETURN d.sources AS sources",
]


def test_the_corpus_gives_the_same_graph_and_answers(both, corpus_dir: Path, snapshot) -> None:
    from luocdo.pipeline import ingest

    lb, bolt = both
    for store in (lb, bolt):
        report = ingest(store, [str(corpus_dir)], workers=1)
        assert report.failed == [] and report.added == ACTIVE.files
    assert bolt.stats() == lb.stats()
    assert snapshot(bolt) == snapshot(lb)
    for q in SAME_ANSWERS:
        params = {"k": "57-NQ/TW@2024"}
        assert bolt.read(q, params) == lb.read(q, params), q
    again = ingest(bolt, [str(corpus_dir)], workers=1)
    assert (again.added, again.replaced, again.unchanged) == (0, 0, ACTIVE.files)
    assert snapshot(bolt) == snapshot(lb)
