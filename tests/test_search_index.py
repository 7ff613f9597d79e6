"""The in-memory word index behind search: what it shortlists, and when it is rebuilt."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from luocdo.graph.ladybug_store import LadybugStore
from luocdo.pipeline import ingest
from luocdo.queries import search
from luocdo.queries.search_index import WordIndex
from tests.bench_modules import bench_module
from tests.corpora import ACTIVE

TEXTS = {
    "a": "ke hoach 82 kh ubnd thuc hien nghi quyet 57 nq tw quang ngai",
    "b": "ke hoach 12 kh ubnd xa son mai thuc hien ke hoach 82",
    "c": "quyet dinh 1588 qd ttg phe duyet de an chuyen doi so",
    "d": "bao cao ket qua thuc hien ke hoach 82 kh ubnd ly son",
    "e": "cong van 627 byt bh bao hiem y te",
}
INDEX = WordIndex.build(list(TEXTS), list(TEXTS.values()))


@pytest.mark.parametrize(
    ("words", "first", "absent"),
    [
        (["1588"], "c", {"a", "b", "d", "e"}),  # a number is found only as itself
        (["158"], None, set(TEXTS)),  # … never as a near number
        (["son", "mai"], "b", {"e"}),  # the rarest words decide the order ("so" is close to "son")
        (["quyel"], None, {"e"}),  # an OCR'd word finds its close words (quyet)
        (["bao", "hiem"], "e", {"c"}),  # "hiem" is close to "hien": a, b, d stay, after e
        (["ly", "son", "82"], "d", {"e"}),  # two letters: exact only ("ly" is not "y")
        (["zzzz"], None, set(TEXTS)),
        ([], None, set(TEXTS)),
    ],
)
def test_shortlist(words: list[str], first: str | None, absent: set[str]) -> None:
    got = [INDEX.ids[i] for i in INDEX.shortlist(words)]
    if first is not None:
        assert got[0] == first
    assert not absent & set(got)
    assert len(got) == len(set(got))


def test_shortlist_is_capped_and_keeps_the_best() -> None:
    texts = [f"ke hoach {i} kh ubnd" for i in range(50)] + ["ke hoach hiem ubnd"]
    idx = WordIndex.build([str(i) for i in range(51)], texts)
    got = idx.shortlist(["hiem", "ke", "hoach"], k=5)
    assert len(got) == 5 and got[0] == 50


def test_search_sees_a_write_to_the_same_store(tmp_path: Path, corpus_dir: Path) -> None:
    first, rest = sorted(corpus_dir.glob("*.txt"))[:1], sorted(corpus_dir.glob("*.txt"))[1:]
    with LadybugStore(tmp_path / "g.db") as store:
        ingest(store, first, workers=1)
        before = {h.id for h in search(store, ACTIVE.commune)}
        v = store.version()
        ingest(store, rest, workers=1)
        assert store.version() != v
        after = {h.id for h in search(store, ACTIVE.commune)}
        assert ACTIVE.commune_plan_key in after - before


def test_a_reader_sees_what_another_process_wrote(tmp_path: Path, corpus_dir: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    files = sorted(corpus_dir.glob("*.txt"))
    shutil.copy(files[0], corpus)
    db = tmp_path / "g.db"
    with LadybugStore(db) as w:
        ingest(w, [corpus], workers=1)
    reader = LadybugStore(db, read_only=True)
    try:
        n_before = len(search(reader, "kế hoạch", limit=100))
        for f in files[1:]:
            shutil.copy(f, corpus)
        with LadybugStore(db) as w:  # a writer of its own, as `luocdo ingest` would be
            ingest(w, [corpus], workers=1)
        assert len(search(reader, "kế hoạch", limit=100)) > n_before
    finally:
        reader.close()


def test_index_is_built_once_per_version(tmp_path: Path, corpus_dir: Path, monkeypatch) -> None:
    from luocdo.queries import search_index

    builds: list[int] = []
    real = search_index.WordIndex.build

    def counting(ids, texts, *more):
        builds.append(len(ids))
        return real(ids, texts, *more)

    monkeypatch.setattr(search_index.WordIndex, "build", staticmethod(counting))
    with LadybugStore(":memory:") as store:  # no index folder: documents are indexed in memory too
        ingest(store, [corpus_dir], workers=1)
        for q in ("Sơn Mai", "nghi quyet 57", "Lý Sơn", "chuyển đổi số"):
            search(store, q)
        assert len(builds) == 2  # documents and organizations, once
        store.write("MATCH (d:Document) WHERE d.`key` STARTS WITH '57-' SET d.title = 'đổi mới sáng tạo'")
        search(store, "Sơn Mai")
        assert len(builds) == 4


# ---------------------------------------------------------------------------
# Names checked as columns (resolve.fit_scores) = checked one by one (resolve.fit_score)
# ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def named_store(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path):
    """The test corpus and 400 generated documents (a quarter OCR-damaged): many share a number."""
    gen = bench_module("generate")
    work = tmp_path_factory.mktemp("names")
    truth = gen.generate(400, work / "corpus", ocr=0.25, seed=11)
    store = LadybugStore(work / "g.db")
    ingest(store, [corpus_dir, work / "corpus" / "docs"], workers=1)
    rows = [json.loads(line) for line in truth.read_text(encoding="utf-8").splitlines()]
    yield store, rows
    store.close()


def _typed_names(rows: list[dict]) -> list[str]:
    """What people type for the generated documents: number/symbol, with province or year, OCR'd."""
    out = [
        "57-NQ/TW", "NQ 57", "Nghị quyết 57", "nghi quyet 57-nq/tw", "82/KH-UBND", "82/KH-UBND 2025",
        "82/KH-UBND Quảng Ngãi", "Kế hoạch 82 Quang Ngii", "1588/QĐ-TTg", "1588/QD-TTg", "quyết định 1588 năm 2024",
        "12/KH-UBND Sơn Mai", "76/NQ-CP", "Nghị quyết 57 ngày 22/12/2024", "7", "07/CT-TTg", "93/NQ-HĐND",
    ]  # fmt: skip
    for r in rows[::7]:
        if r["number"]:
            prov = r["issuer"]["province"] or ""
            out += [f"{r['number']}/{r['symbol']}", f"{r['number']}/{r['symbol']} {prov}", f"{r['type']} {r['number']} {r['year']}"]
    return out


def test_names_checked_as_columns_equal_one_by_one(named_store) -> None:
    from luocdo.queries.resolve import fit_score, fit_scores, number_candidates, parse_name
    from luocdo.queries.search import _load_documents

    store, rows = named_store
    index = WordIndex.build(*_load_documents(store))
    checked = 0
    for text in _typed_names(rows):
        q = parse_name(text)
        assert q.number is not None, text
        want = {d.key: s for d in number_candidates(store, q) if (s := fit_score(q, d)) is not None}
        assert index.names is not None
        pos, scores = fit_scores(q, index.names, index.holding)
        got = {index.ids[i]: int(s) for i, s in zip(pos.tolist(), scores.tolist(), strict=True)}
        assert got == want, text
        checked += len(want)
    assert checked > 200  # the table exercises many fits, not a few


def test_search_lists_the_named_documents_as_resolution_does(named_store) -> None:
    from luocdo.queries.resolve import candidates

    store, rows = named_store
    for text in ("82/KH-UBND", "57-NQ/TW", *(f"{r['number']}/{r['symbol']}" for r in rows[::40] if r["number"])):
        want = [d.key for d in candidates(store, text, limit=5)]
        got = [h.id for h in search(store, text, limit=5) if h.kind == "document"]
        assert got[: len(want)] == want, text
