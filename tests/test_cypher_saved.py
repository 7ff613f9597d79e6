"""The ten saved questions of docs/cypher.md: the page shows them as
queries/saved.py holds them, and each runs read-only on the embedded store
built from the example corpus, and on the real Neo4j server with the same answers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from luocdo.graph.store import open_store
from luocdo.queries import run_cypher
from luocdo.queries.saved import SAVED
from tests.corpora import ingested_store

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"
#: Questions the example corpus has answers to (it amends nothing).
ANSWERED = {"implements", "based_on", "reports", "late", "assigned", "addressed", "issued_by", "most_cited", "by_type"}


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory):
    path = ingested_store(tmp_path_factory.mktemp("saved") / "corpus.db", CORPUS)
    store = open_store(path, read_only=True)
    yield store
    store.close()


def test_the_page_shows_the_saved_queries():
    page = (ROOT / "docs" / "cypher.md").read_text(encoding="utf-8")
    assert len(SAVED) == 10 and len({q.id for q in SAVED}) == 10
    for q in SAVED:
        assert f"```cypher\n{q.cypher}\n```" in page, q.id
        assert q.question_vi in page and q.question_en in page
        for k, v in q.params.items():
            assert f"`{k}` = `{json.dumps(v, ensure_ascii=False)}`" in page


@pytest.mark.parametrize("q", SAVED, ids=[q.id for q in SAVED])
def test_each_saved_query_runs_on_the_embedded_store(corpus_store, q):
    r = run_cypher(corpus_store, q.cypher, q.params)
    if q.id in ANSWERED:
        assert r.rows, q.id
        assert all(len(row) == len(r.columns) for row in r.rows)
    if q.id == "late":
        assert all(row[1] > q.params["after"] for row in r.rows)
        assert "214/KH-SNV" in [row[0] for row in r.rows]  # the late department plan of the corpus


@pytest.mark.neo4j
def test_the_saved_queries_answer_alike_on_neo4j(corpus_store, neo4j_store):
    from luocdo.pipeline import ingest

    assert not ingest(neo4j_store, [str(CORPUS)], workers=1).failed
    for q in SAVED:
        embedded = run_cypher(corpus_store, q.cypher, q.params)
        served = run_cypher(neo4j_store, q.cypher, q.params)
        assert served.columns == embedded.columns or not embedded.rows, q.id
        assert sorted(map(json.dumps, served.rows)) == sorted(map(json.dumps, embedded.rows)), q.id


#: node ids and edges each graph form draws on the example corpus (a few of each, and the count).
GRAPH_EXPECT = {
    "implements": ("41/KH-UBND@2025@tuyen-quang/tan-trao", "IMPLEMENTS", "145/KH-UBND@2025@tuyen-quang"),
    "assigned": ("145/KH-UBND@2025@tuyen-quang", "ASSIGNED_TO", "dept:8:so-noi-vu"),
    "issued_by": (None, "ISSUED_BY", "province:8"),
}


def _graph(store, q):
    from luocdo.viz.cypher_page import answer_graph

    r = run_cypher(store, q.graph, q.params)
    nodes, edges = answer_graph(r.rows)
    return r, set(nodes), set(edges)


@pytest.mark.parametrize("q", [q for q in SAVED if q.graph], ids=[q.id for q in SAVED if q.graph])
def test_each_graph_form_draws_what_the_question_answers(corpus_store, q):
    """The graph form returns the nodes and relationships of the table's answer."""
    table = run_cypher(corpus_store, q.cypher, q.params)
    r, nodes, edges = _graph(corpus_store, q)
    assert r.columns == [] or len(r.columns) == 3
    if q.id in ANSWERED:
        assert edges, q.id
        # every edge joins two drawn nodes, and there is one per row of the table
        assert all(a in nodes and b in nodes for a, _t, b in edges)
        assert len(edges) == len(table.rows) or q.id in ("assigned",), (q.id, len(edges), len(table.rows))
    if q.id in GRAPH_EXPECT:
        src, rel, dst = GRAPH_EXPECT[q.id]
        assert any(t == rel and b == dst and (src is None or a == src) for a, t, b in edges), (q.id, edges)
    if q.id == "late":
        assert all(t in ("IMPLEMENTS", "BASED_ON") for _a, t, _b in edges)


def test_answer_graph_joins_a_relationship_to_its_neighbours_in_the_row():
    from luocdo.viz.cypher_page import answer_graph

    a, b, o = {"key": "A"}, {"key": "B"}, {"id": "org:1", "name": "Sở"}
    rows = [[a, {"_type": "IMPLEMENTS"}, b], [b, {"_type": "ISSUED_BY"}, o], ["x", 3, None],
            [{"nodes": [a, b, o], "relationships": [{"_type": "CITES"}, {"_type": "ISSUED_BY"}]}],
            [{"_type": "CITES"}, a]]  # no node before it: not drawn
    nodes, edges = answer_graph(rows)
    assert set(nodes) == {"A", "B", "org:1"}
    assert edges == [("A", "IMPLEMENTS", "B"), ("B", "ISSUED_BY", "org:1"), ("A", "CITES", "B")]


@pytest.mark.neo4j
def test_the_graph_forms_draw_alike_on_neo4j(corpus_store, neo4j_store):
    from luocdo.pipeline import ingest

    assert not ingest(neo4j_store, [str(CORPUS)], workers=1).failed
    for q in SAVED:
        if q.graph:
            _r, n1, e1 = _graph(corpus_store, q)
            _r, n2, e2 = _graph(neo4j_store, q)
            assert (n2, e2) == (n1, e1), q.id


class _Embedded:
    dialect = "ladybug"


@pytest.mark.parametrize("query, rewritten", [
    ("MATCH ()-[r]->() RETURN type(r)", "MATCH ()-[r]->() RETURN label(r)"),
    ("MATCH ()-[r]->() RETURN TYPE( r ) AS t", "MATCH ()-[r]->() RETURN label( r ) AS t"),
    ("MATCH (d) WHERE d.type = 'type(r)' RETURN d.type", "MATCH (d) WHERE d.type = 'type(r)' RETURN d.type"),
    ("MATCH (d:type) RETURN d // type(r)", "MATCH (d:type) RETURN d // type(r)"),
    ("RETURN `type`(1)", "RETURN `type`(1)"),
    ("MATCH ()-[r]->() RETURN type(r), d.kind /* type(x) */ , type(r)",
     "MATCH ()-[r]->() RETURN label(r), d.kind /* type(x) */ , label(r)"),
    ("RETURN 'unterminated type(", "RETURN 'unterminated type("),
])
def test_neo4j_type_is_read_on_the_embedded_store(query, rewritten):
    from luocdo.queries.cypher_run import neo4j_functions

    assert neo4j_functions(_Embedded(), query) == rewritten


TYPE_QUERY = ("MATCH (d:Document)-[r]->(x:Document {key: '145/KH-UBND@2025@tuyen-quang'}) "
              "RETURN type(r), count(*) AS n ORDER BY n DESC, type(r)")


def test_type_of_a_relationship_on_the_embedded_store(corpus_store):
    r = run_cypher(corpus_store, TYPE_QUERY)
    assert r.columns == ["type(r)", "n"]
    assert r.rows[0] == ["IMPLEMENTS", 10]


@pytest.mark.neo4j
def test_type_of_a_relationship_alike_on_neo4j(corpus_store, neo4j_store):
    from luocdo.pipeline import ingest

    assert not ingest(neo4j_store, [str(CORPUS)], workers=1).failed
    a, b = run_cypher(corpus_store, TYPE_QUERY), run_cypher(neo4j_store, TYPE_QUERY)
    assert (a.columns, a.rows) == (b.columns, b.rows)
