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

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"
#: Questions the example corpus has answers to (it amends nothing).
ANSWERED = {"implements", "based_on", "reports", "late", "assigned", "addressed", "issued_by", "most_cited", "by_type"}


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory):
    from luocdo.pipeline import ingest

    path = str(tmp_path_factory.mktemp("saved") / "corpus.db")
    store = open_store(path)
    try:
        assert not ingest(store, [str(CORPUS)], workers=1).failed
    finally:
        store.close()
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
