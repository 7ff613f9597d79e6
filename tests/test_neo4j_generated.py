"""A generated corpus (bench/generate.py) on both stores: the same graph and the same answers.

The corpus is ingested into LadybugDB and into the real Neo4j server in
batches, as ``luocdo ingest`` does; then every question of the product is
asked of both about documents of every role, and the answers compared whole.
A second ingest after some files changed or went away must leave both stores
equal again.
"""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest

from luocdo.graph.ladybug_store import LadybugStore
from luocdo.pipeline import ingest
from luocdo.queries import (
    QueryError,
    basis,
    gaps,
    implementers,
    list_documents,
    resolve,
    search,
    show,
    subgraph,
    trace,
)
from tests.bench_modules import bench_module

pytestmark = pytest.mark.neo4j

N_DOCS = 400


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict]]:
    out = tmp_path_factory.mktemp("generated")
    truth = bench_module("generate").generate(N_DOCS, out, ocr=0.2, seed=11)
    return out, [json.loads(line) for line in truth.read_text(encoding="utf-8").splitlines()]


def _fill(store, corpus_dir: Path) -> None:
    report = ingest(store, [str(corpus_dir / "docs")], workers=1, batch_size=64)
    assert not report.failed, report.failed[:3]
    assert report.added == N_DOCS


@pytest.fixture(scope="module")
def pair(corpus, neo4j_server, tmp_path_factory):
    """(LadybugDB store, Neo4j store) holding the same generated corpus."""
    out, _ = corpus
    lb = LadybugStore(tmp_path_factory.mktemp("gen-lb") / "g.db")
    _fill(lb, out)
    neo4j_server.holding("generated", lambda s: _fill(s, out))
    neo = neo4j_server.store(read_only=True)
    yield lb, neo
    neo.close()
    lb.close()


@pytest.fixture
def both(pair, corpus, neo4j_server):
    neo4j_server.holding("generated", lambda s: _fill(s, corpus[0]))
    return pair


def _answer(fn, *args, **kw):
    """The answer as JSON, or the refusal's kind and message."""
    try:
        got = fn(*args, **kw)
    except QueryError as e:  # the same refusal, with the same message
        return (type(e).__name__, str(e))
    if isinstance(got, list):
        return [x.model_dump(mode="json") for x in got]
    return got.model_dump(mode="json")


def test_same_graph(both, snapshot) -> None:
    lb, neo = both
    assert neo.stats() == lb.stats()
    assert snapshot(neo) == snapshot(lb)


def _sample(truth: list[dict], role: str, n: int) -> list[dict]:
    docs = [t for t in truth if t["role"] == role and t["key"]]
    return random.Random(role).sample(docs, min(n, len(docs)))


def test_same_answers_about_central_instruments(both, corpus) -> None:
    lb, neo = both
    for t in _sample(corpus[1], "central", 6):
        k = t["key"]
        for fn, kw in ((implementers, {}), (implementers, {"transitive": True}), (trace, {}), (show, {}),
                       (basis, {}), (gaps, {"scope": "national"})):
            assert _answer(fn, neo, k, **kw) == _answer(fn, lb, k, **kw), (fn.__name__, kw, k)


def test_same_answers_about_directives(both, corpus) -> None:
    lb, neo = both
    directives = sorted({json.loads(line)["directive"] for line in (corpus[0] / "gaps.jsonl").read_text().splitlines()})
    assert directives
    for k in directives[:8]:
        for fn, kw in ((gaps, {}), (gaps, {"scope": "recipients"}), (implementers, {}), (trace, {}), (show, {})):
            assert _answer(fn, neo, k, **kw) == _answer(fn, lb, k, **kw), (fn.__name__, kw, k)
        assert _answer(subgraph, neo, k, depth=2) == _answer(subgraph, lb, k, depth=2), k


def test_same_answers_about_plans_and_reports(both, corpus) -> None:
    lb, neo = both
    for role in ("plan", "report"):
        for t in _sample(corpus[1], role, 8):
            k = t["key"]
            for fn in (show, basis, implementers):
                assert _answer(fn, neo, k) == _answer(fn, lb, k), (fn.__name__, k)


def test_same_names_resolve_and_search_alike(both, corpus) -> None:
    lb, neo = both
    names = []
    for t in random.Random(3).sample(corpus[1], 25):
        if t["symbol"] and t["number"]:
            names += [f"{t['number']}/{t['symbol']}", f"{t['number']}/{t['symbol']} {t['year']}"]
    for name in names:
        assert _answer(resolve, neo, name) == _answer(resolve, lb, name), name
    for q in ("chuyển đổi số", "kế hoạch triển khai", "báo cáo kết quả thực hiện", "nghị quyết"):
        assert _answer(search, neo, q) == _answer(search, lb, q), q
        assert _answer(list_documents, neo, q=q, limit=15) == _answer(list_documents, lb, q=q, limit=15), q


def test_changed_and_removed_files_leave_both_stores_equal(corpus, neo4j_server, tmp_path: Path, snapshot) -> None:
    out, _ = corpus
    docs = tmp_path / "docs"
    shutil.copytree(out / "docs", docs)
    files = sorted(docs.rglob("*.txt"))
    with LadybugStore(tmp_path / "g.db") as lb, neo4j_server.store() as neo:
        neo4j_server.content = None
        neo.clear()
        for s in (lb, neo):
            assert not ingest(s, [str(docs)], workers=1, batch_size=64).failed
        gone = files[::37]
        for p in files[5::41]:
            p.write_text(p.read_text(encoding="utf-8").replace("Thực hiện", "Căn cứ"), encoding="utf-8")
        reports = [ingest(s, [str(docs)], workers=1, batch_size=64) for s in (lb, neo)]
        assert reports[0].replaced == reports[1].replaced > 0
        for s in (lb, neo):
            ids = [r["id"] for r in s.read("MATCH (x:Source) WHERE x.path IN $p RETURN x.id AS id",
                                           {"p": [str(p) for p in gone]})]
            assert len(ids) == len(gone)
            assert all(s.remove_source(i) for i in ids)
        assert neo.stats() == lb.stats()
        assert snapshot(neo) == snapshot(lb)


def test_default_batches_of_the_server_give_the_same_graph(corpus, pair, neo4j_server, snapshot) -> None:
    """Neo4j's own batch size (Neo4jStore.write_batch documents per transaction) writes the graph the
    embedded store wrote in batches of 64, in one transaction per batch."""
    lb, _neo = pair
    out, _ = corpus
    with neo4j_server.store() as neo:
        neo4j_server.content = None
        neo.clear()
        before = neo.commits
        report = ingest(neo, [str(out / "docs")], workers=1)
        assert not report.failed and report.added == N_DOCS
        assert neo.commits - before == -(-N_DOCS // min(neo.write_batch, N_DOCS))
        assert neo.stats() == lb.stats()
        assert snapshot(neo) == snapshot(lb)
