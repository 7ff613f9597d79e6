"""The search index kept beside an embedded store (graph/fulltext.py): same answers as the in-memory
index, kept in step by ingest, rebuilt (and said so) when missing or stale."""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

import pytest

from luocdo.graph.fulltext import FullText, index_dir
from luocdo.graph.ladybug_store import LadybugStore
from luocdo.pipeline import ingest
from luocdo.queries import search
from luocdo.queries.search_index import IndexedDocuments, MemoryDocuments, WordIndex, document_index
from tests.bench_modules import bench_module


@pytest.fixture(scope="module")
def gen_store(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path):
    """The seeds and 400 generated documents (a quarter OCR-damaged), ingested incrementally."""
    work = tmp_path_factory.mktemp("persist")
    truth = bench_module("generate").generate(400, work / "corpus", ocr=0.25, seed=11)
    store = LadybugStore(work / "g.db")
    ingest(store, [corpus_dir, work / "corpus" / "docs"], workers=1)
    rows = [json.loads(line) for line in truth.read_text(encoding="utf-8").splitlines()]
    yield store, rows
    store.close()


def _queries(rows: list[dict]) -> list[str]:
    out = ["57-NQ/TW", "Nghị quyết 57", "82/KH-UBND Quảng Ngãi", "Kế hoạch 82 Quang Ngii", "quyết định 1588 năm 2024",
           "Sơn Mai", "chuyển đổi số", "ke hoach thuc hien", "bao cao ket qua", "Lý Sơn", "quyel dinh", "7"]  # fmt: skip
    for r in rows[::9]:
        if r["number"]:
            out += [f"{r['number']}/{r['symbol']}", f"{r['type']} {r['number']} {r['year']}"]
        if r["issuer"].get("name"):
            out.append(r["issuer"]["name"])
    return out


def _hits(store, text: str) -> list[tuple[str, float]]:
    return [(h.id, h.score) for h in search(store, text, limit=10)]


def test_the_index_answers_as_the_in_memory_one(gen_store, monkeypatch) -> None:
    from luocdo.queries import search_index
    from luocdo.queries.search import _load_documents

    store, rows = gen_store
    assert isinstance(document_index(store, lambda: ()), IndexedDocuments)
    persistent = {q: _hits(store, q) for q in _queries(rows)}
    monkeypatch.setattr(search_index, "indexed_documents", lambda store: None)
    assert isinstance(document_index(store, lambda: _load_documents(store)), MemoryDocuments)
    memory = {q: _hits(store, q) for q in _queries(rows)}
    assert sum(bool(v) for v in memory.values()) > 40
    assert persistent == memory


def _law(folder: Path, name: str, number: str, title: str, body: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(
        "QUỐC HỘI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
        f"Luật số: {number}\n\n{title}\n\n{body}\n",
        encoding="utf-8",
    )


def test_a_title_query_finds_its_ingested_document(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    _law(docs, "dat.txt", "31/2024/QH15", "LUẬT\nĐẤT ĐAI", "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;")
    for i in range(6):  # plans citing the Land Law by its title only, and a fragment that is not it
        (docs / f"kh{i}.txt").write_text(
            f"ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: {40 + i}/KH-UBND\n\nKẾ HOẠCH\nTriển khai thi hành Luật Đất đai\n\n"
            "Căn cứ Luật Đất đai ngày 18 tháng 01 năm 2024;\nCăn cứ Luật Đất đai năm 2013;\n",
            encoding="utf-8",
        )
    with LadybugStore(tmp_path / "g.db") as store:
        assert not ingest(store, [docs], workers=1).failed
        hits = search(store, "luat dat dai")
        assert hits and hits[0].doc is not None and hits[0].doc.ingested, [(h.label, h.score) for h in hits[:5]]
        assert "31/2024/QH15" in hits[0].label


def test_ingest_keeps_the_index_in_step(tmp_path: Path, corpus_dir: Path) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(corpus_dir, docs)
    _law(docs, "law.txt", "77/2031/QH17", "LUẬT\nBẢO TỒN NGỰA VẰN", "Căn cứ Hiến pháp;")
    with LadybugStore(tmp_path / "g.db") as store:
        ingest(store, [docs], workers=1)
        ft = FullText(index_dir(store.path))
        assert ft.problem(store.stats()["documents"]) is None
        assert search(store, "bao ton ngua van")[0].label.startswith("77/2031/QH17")
        assert not [h for h in search(store, "chuot tui") if h.score >= 80]
        _law(docs, "law.txt", "77/2031/QH17", "LUẬT\nBẢO TỒN CHUỘT TÚI", "Căn cứ Hiến pháp;")  # the file changed
        assert ingest(store, [docs], workers=1).replaced == 1
        assert ft.problem(store.stats()["documents"]) is None
        assert search(store, "bao ton chuot tui")[0].label.startswith("77/2031/QH17")
        assert not [h for h in search(store, "ngua van") if "ngựa" in h.label.lower()]
        store.remove_source(str((docs / "law.txt").resolve()))
        ingest(store, [docs], workers=1)  # nothing changed: the index is still whole
        assert ft.problem(store.stats()["documents"]) is None


def test_a_missing_or_stale_index_is_rebuilt_and_said_so(tmp_path: Path, corpus_dir: Path, caplog) -> None:
    db = tmp_path / "g.db"
    with LadybugStore(db) as store:
        ingest(store, [corpus_dir], workers=1)
        want = _hits(store, "Sơn Mai")
    shutil.rmtree(index_dir(db))  # a store written before the index existed
    with LadybugStore(db, read_only=True) as store, caplog.at_level(logging.WARNING, "luocdo.search"):
        assert _hits(store, "Sơn Mai") == want
    assert "rebuilt" in caplog.text and "missing" in caplog.text
    caplog.clear()
    ft = FullText(index_dir(db))
    ft.begin()  # an ingest that stopped half-way
    with LadybugStore(db) as store, caplog.at_level(logging.WARNING, "luocdo.search"):
        assert _hits(store, "Sơn Mai") == want
    assert "incomplete" in caplog.text
    caplog.clear()
    (index_dir(db) / "meta.json").write_text(json.dumps({"format": -1, "clean": True, "documents": 0}))
    with LadybugStore(db) as store, caplog.at_level(logging.WARNING, "luocdo.search"):
        assert _hits(store, "Sơn Mai") == want
        assert ft.problem(store.stats()["documents"]) is None
    assert "format -1" in caplog.text


def test_an_ingest_into_a_store_without_index_rebuilds_it(tmp_path: Path, corpus_dir: Path) -> None:
    files = sorted(corpus_dir.glob("*.txt"))
    db = tmp_path / "g.db"
    with LadybugStore(db) as store:
        ingest(store, files[:2], workers=1)
    shutil.rmtree(index_dir(db))
    with LadybugStore(db) as store:
        report = ingest(store, files[2:], workers=1)
        assert any("rebuilt" in n for n in report.notes)
        assert FullText(index_dir(db)).problem(store.stats()["documents"]) is None


def test_close_words_match_the_word_index(gen_store) -> None:
    from luocdo.queries.search import _load_documents

    store, _rows = gen_store
    memory = WordIndex.build(*_load_documents(store))
    indexed = document_index(store, lambda: ())
    assert isinstance(indexed, IndexedDocuments)
    for w in ("quyet", "quyel", "hoach", "ngai", "ngii", "thuc", "1588", "so"):
        assert indexed.close_words(w) == memory.close_words(w), w


def test_while_an_ingest_writes_the_index_a_search_answers_from_memory(tmp_path: Path, corpus_dir: Path, caplog) -> None:
    from luocdo.queries.search_index import indexed_documents

    db = tmp_path / "g.db"
    with LadybugStore(db) as store:
        ingest(store, [corpus_dir], workers=1)
        want = _hits(store, "Sơn Mai")
    ft = FullText(index_dir(db))
    ft.begin()  # as an ingest does: the index is being written …
    writer = ft.index().writer(heap_size=16_000_000, num_threads=1)  # … and its lock is held
    try:
        with LadybugStore(db, read_only=True) as store, caplog.at_level(logging.WARNING, "luocdo.search"):
            assert indexed_documents(store) is None
            assert _hits(store, "Sơn Mai") == want
        assert "cannot be rebuilt now" in caplog.text
        assert (index_dir(db) / "meta.json").is_file()  # left alone
    finally:
        writer.rollback()
        del writer


def test_an_upload_keeps_the_index_in_step(tmp_path: Path, corpus_dir: Path) -> None:
    """The API's upload applies deltas itself (all or nothing): through apply_indexed, as ingest does."""
    from luocdo.pipeline import apply_indexed, process_file

    docs = tmp_path / "docs"
    _law(docs, "law.txt", "77/2031/QH17", "LUẬT\nBẢO TỒN NGỰA VẰN", "Căn cứ Hiến pháp;")
    with LadybugStore(tmp_path / "g.db") as store:
        ingest(store, [corpus_dir], workers=1)
        _path, delta, error = process_file(str(docs / "law.txt"))
        assert error is None and delta is not None
        assert apply_indexed(store, [delta])["added"] == 1
        assert FullText(index_dir(store.path)).problem(store.stats()["documents"]) is None
        assert search(store, "bao ton ngua van")[0].label.startswith("77/2031/QH17")
        _law(docs, "law.txt", "77/2031/QH17", "LUẬT\nBẢO TỒN CHUỘT TÚI", "Căn cứ Hiến pháp;")
        _path, delta, _e = process_file(str(docs / "law.txt"))
        assert apply_indexed(store, [delta])["replaced"] == 1  # the same count of documents, new words
        assert search(store, "bao ton chuot tui")[0].label.startswith("77/2031/QH17")


def test_organization_texts_are_kept_beside_the_store_until_it_changes(tmp_path: Path, corpus_dir: Path) -> None:
    from luocdo.graph.fulltext import kept

    db = tmp_path / "g.db"
    with LadybugStore(db) as store:
        ingest(store, [corpus_dir], workers=1)
    loads: list[int] = []

    def load() -> tuple[list[str], list[str]]:
        loads.append(1)
        return ["o1", "o2"], ["xa son mai", "so noi vu"]

    kept_file = index_dir(db) / "organizations.json"
    with LadybugStore(db, read_only=True) as store:
        assert kept(store, "organizations", load) == (["o1", "o2"], ["xa son mai", "so noi vu"])
        assert kept_file.is_file()
        assert kept(store, "organizations", load) == (["o1", "o2"], ["xa son mai", "so noi vu"])
        assert len(loads) == 1  # the second read the file, not the store
    _law(tmp_path / "more", "law.txt", "77/2031/QH17", "LUẬT\nBẢO TỒN NGỰA VẰN", "Căn cứ Hiến pháp;")
    with LadybugStore(db) as store:  # a write: the file no longer matches the store
        ingest(store, [tmp_path / "more"], workers=1)
    with LadybugStore(db, read_only=True) as store:
        kept(store, "organizations", load)
        assert len(loads) == 2
