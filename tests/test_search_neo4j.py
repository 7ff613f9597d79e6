"""Search on Neo4j from the persistent index its client keeps (graph/fulltext.py): the same answers as the
embedded store, kept in step by this client's writes, rebuilt (and said so) after another client's."""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

import pytest

from luocdo.graph.fulltext import of_store
from luocdo.graph.ladybug_store import LadybugStore
from luocdo.pipeline import apply_indexed, ingest, process_file
from luocdo.queries import search
from luocdo.queries.search_index import IndexedDocuments, MemoryDocuments, document_index
from tests.bench_modules import bench_module
from tests.test_search_persistent import _hits, _law, _queries

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path):
    """The test corpus and 400 generated documents (a quarter OCR-damaged), in a LadybugDB store."""
    work = tmp_path_factory.mktemp("search-neo4j")
    truth = bench_module("generate").generate(400, work / "corpus", ocr=0.25, seed=11)
    paths = [corpus_dir, work / "corpus" / "docs"]
    lb = LadybugStore(work / "g.db")
    ingest(lb, paths, workers=1)
    rows = [json.loads(line) for line in truth.read_text(encoding="utf-8").splitlines()]
    yield lb, paths, rows
    lb.close()


@pytest.fixture
def neo_generated(generated, neo4j_server):
    lb, paths, rows = generated
    neo4j_server.holding("search-generated", lambda s: ingest(s, paths, workers=1, batch_size=64))
    with neo4j_server.store(read_only=True) as neo:
        yield lb, neo, rows


def test_neo4j_answers_from_its_index_as_the_embedded_store(neo_generated, monkeypatch, caplog) -> None:
    from luocdo.queries import search_index
    from luocdo.queries.search import _load_documents

    lb, neo, rows = neo_generated
    with caplog.at_level(logging.WARNING, "luocdo.search"):
        assert isinstance(document_index(neo, lambda: ()), IndexedDocuments)
        assert of_store(neo).problem(neo.stats()["documents"]) is None
        queries = _queries(rows)
        got = {q: _hits(neo, q) for q in queries}
    assert "rebuilt" not in caplog.text  # ingest left it in step: nothing read again
    assert sum(bool(v) for v in got.values()) > 40
    assert got == {q: _hits(lb, q) for q in queries}
    monkeypatch.setattr(search_index, "indexed_documents", lambda store: None)
    assert isinstance(document_index(neo, lambda: _load_documents(neo)), MemoryDocuments)
    assert got == {q: _hits(neo, q) for q in queries}


def test_a_fresh_client_searches_without_reading_the_documents(neo_generated, neo4j_server, monkeypatch) -> None:
    import importlib

    search_module = importlib.import_module("luocdo.queries.search")
    lb, _neo, _rows = neo_generated

    def no(store):  # the documents are not read into memory
        raise AssertionError("a fresh client read every document")

    monkeypatch.setattr(search_module, "_load_documents", no)
    with neo4j_server.store(read_only=True) as fresh:
        for q in ("Nghị quyết 57", "nghi quyel 57", "Sơn Mai", "ke hoach thuc hien"):
            assert _hits(fresh, q) == _hits(lb, q), q


def test_a_search_asks_the_server_twice(neo_generated, monkeypatch) -> None:
    """Once for its state (the index still in step?), once for the hits' documents and organizations."""
    lb, neo, _rows = neo_generated
    q = "Sơn Mai"
    search(neo, q)  # the indexes opened
    calls: list[str] = []
    version, read = neo.version, neo.read
    monkeypatch.setattr(neo, "version", lambda: calls.append("version") or version())
    monkeypatch.setattr(neo, "read", lambda query, params=None, **kw: calls.append("read") or read(query, params, **kw))
    hits = search(neo, q)
    assert {h.kind for h in hits} == {"document", "organization"}
    assert calls == ["version", "read"]
    assert _hits(neo, q) == _hits(lb, q)


def test_a_title_query_finds_its_ingested_document_on_neo4j(neo4j_store, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    _law(docs, "dat.txt", "31/2024/QH15", "LUẬT\nĐẤT ĐAI", "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;")
    for i in range(6):
        (docs / f"kh{i}.txt").write_text(
            f"ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: {40 + i}/KH-UBND\n\nKẾ HOẠCH\nTriển khai thi hành Luật Đất đai\n\n"
            "Căn cứ Luật Đất đai ngày 18 tháng 01 năm 2024;\nCăn cứ Luật Đất đai năm 2013;\n",
            encoding="utf-8",
        )
    assert not ingest(neo4j_store, [docs], workers=1).failed
    assert isinstance(document_index(neo4j_store, lambda: ()), IndexedDocuments)
    for q in ("luat dat dai", "Luật Đất đai", "LUAT DAT DAI"):
        hits = search(neo4j_store, q)
        assert hits and hits[0].doc is not None and hits[0].doc.ingested, [(h.label, h.score) for h in hits[:5]]
        assert "31/2024/QH15" in hits[0].label


def test_ingest_and_uploads_keep_the_neo4j_index_in_step(neo4j_store, tmp_path: Path, corpus_dir: Path, caplog) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(corpus_dir, docs)
    _law(docs, "law.txt", "77/2031/QH17", "LUẬT\nBẢO TỒN NGỰA VẰN", "Căn cứ Hiến pháp;")
    store = neo4j_store
    ft = of_store(store)
    with caplog.at_level(logging.WARNING, "luocdo.search"):
        ingest(store, [docs], workers=1)
        assert ft.problem(store.stats()["documents"]) is None
        assert search(store, "bao ton ngua van")[0].label.startswith("77/2031/QH17")
        assert search(store, "bao ton ngu van")[0].label.startswith("77/2031/QH17")  # OCR-like damage
        _law(docs, "law.txt", "77/2031/QH17", "LUẬT\nBẢO TỒN CHUỘT TÚI", "Căn cứ Hiến pháp;")  # the file changed
        assert ingest(store, [docs], workers=1).replaced == 1
        assert ft.problem(store.stats()["documents"]) is None
        assert search(store, "bao ton chuot tui")[0].label.startswith("77/2031/QH17")
        assert not [h for h in search(store, "ngua van") if "ngựa" in h.label.lower()]
        _law(docs, "law.txt", "77/2031/QH17", "LUẬT\nBẢO TỒN CÁ HEO", "Căn cứ Hiến pháp;")
        _path, delta, error = process_file(str(docs / "law.txt"))  # as the API's upload applies it
        assert error is None and delta is not None
        assert apply_indexed(store, [delta])["replaced"] == 1
        assert ft.problem(store.stats()["documents"]) is None
        assert search(store, "bao ton ca heo")[0].label.startswith("77/2031/QH17")
    assert "rebuilt" not in caplog.text


def test_another_clients_write_makes_the_index_rebuilt_and_said_so(neo4j_server, neo4j_store, tmp_path: Path,
                                                                  corpus_dir: Path, caplog) -> None:
    ingest(neo4j_store, [corpus_dir], workers=1)
    ft = of_store(neo4j_store)
    assert ft.problem(neo4j_store.stats()["documents"]) is None
    _law(tmp_path / "more", "law.txt", "77/2031/QH17", "LUẬT\nBẢO TỒN NGỰA VẰN", "Căn cứ Hiến pháp;")
    _path, delta, _e = process_file(str(tmp_path / "more" / "law.txt"))
    with neo4j_server.store() as other:  # another client, writing to the database without the index
        other.apply([delta])
    problem = ft.problem(neo4j_store.stats()["documents"])
    assert problem is not None
    with caplog.at_level(logging.WARNING, "luocdo.search"):
        assert search(neo4j_store, "bao ton ngua van")[0].label.startswith("77/2031/QH17")
    assert "rebuilt" in caplog.text
    assert ft.problem(neo4j_store.stats()["documents"]) is None
    # the same number of documents, new words: seen by the state the server counts, not by the count
    _law(tmp_path / "more", "law.txt", "77/2031/QH17", "LUẬT\nBẢO TỒN CHUỘT TÚI", "Căn cứ Hiến pháp;")
    _path, delta, _e = process_file(str(tmp_path / "more" / "law.txt"))
    with neo4j_server.store() as other:
        other.apply([delta])
    assert "written since by another client" in (ft.problem(neo4j_store.stats()["documents"]) or "")
    assert search(neo4j_store, "bao ton chuot tui")[0].label.startswith("77/2031/QH17")
