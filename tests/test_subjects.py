"""Subject words of titles (luocdo.core.subjects), stored with each document wherever its title is
written: a first ingest, a re-ingest with another title, identity merges, and files written before
the column existed."""

from __future__ import annotations

from pathlib import Path

import pytest

from luocdo.core.subjects import subject, subject_words
from luocdo.graph.ladybug_store import LadybugStore
from luocdo.graph.store import StoreError
from luocdo.pipeline import ingest
from tests.test_identity import FILES, _deltas


@pytest.mark.parametrize(
    ("title", "words"),
    [
        ("Kế hoạch cải cách hành chính năm 2025", ["cai", "cach", "hanh", "chinh"]),
        ("Về việc triển khai thực hiện chuyển đổi số trên địa bàn xã Sơn Mai", ["chuyen", "doi", "so", "son", "mai"]),
        ("KẾ HOẠCH Tuyên truyền CCHC nim 2025", ["tuyen", "truyen", "cchc"]),  # OCR'd "năm" dropped too
        ("Phát triển s0 liệu số 12 của tỉnh", ["phat", "trien", "so", "lieu"]),  # "s0" → "so"; "số 12" dropped
        ("Ban hành quy chế ngày 05 tháng 8", ["quy", "che"]),  # "ban hành", "ngày", "tháng" say nothing
        ("", []),
        (None, []),
    ],
)
def test_subject_words(title: str | None, words: list[str]) -> None:
    assert subject_words(title) == words


def test_stored_form() -> None:
    assert subject(None) is None
    assert subject("Năm 2025") == ""
    assert subject("Kế hoạch chuyển đổi số") == "chuyen doi so"


def _mismatches(store) -> list[tuple[str, str | None, str | None]]:
    """Documents whose stored subject is not their title's."""
    rows = store.read("MATCH (d:Document) RETURN d.key AS k, d.title AS t, d.subject AS s")
    assert rows
    return [(r["k"], r["t"], r["s"]) for r in rows if r["s"] != subject(r["t"])]


def test_every_write_keeps_the_subject_with_the_title(any_store, tmp_path: Path, corpus_dir: Path) -> None:
    assert not ingest(any_store, [corpus_dir], workers=1).failed
    assert _mismatches(any_store) == []
    docs = tmp_path / "docs"
    docs.mkdir()
    plan = docs / "kh.txt"
    head = "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: 91/KH-UBND\nQuảng Ngãi, ngày 05 tháng 8 năm 2025\nKẾ HOẠCH\n"
    plan.write_text(head + "Tuyên truyền cải cách hành chính năm 2025\n\nThực hiện Nghị quyết số 57-NQ/TW.\n",
                    encoding="utf-8")  # fmt: skip
    assert not ingest(any_store, [docs], workers=1).failed
    before = any_store.read("MATCH (d:Document) WHERE d.display = '91/KH-UBND' RETURN d.subject AS s")
    assert before == [{"s": "tuyen truyen cai cach hanh chinh"}]
    plan.write_text(head + "Chuyển đổi số trong giáo dục năm 2025\n\nThực hiện Nghị quyết số 57-NQ/TW.\n",
                    encoding="utf-8")  # fmt: skip
    assert not ingest(any_store, [docs], workers=1).failed  # the file again, another title
    after = any_store.read("MATCH (d:Document) WHERE d.display = '91/KH-UBND' RETURN d.subject AS s")
    assert after == [{"s": "chuyen doi so giao duc"}]
    assert _mismatches(any_store) == []


def test_identity_merges_keep_the_subject_with_the_title(tmp_path: Path) -> None:
    with LadybugStore(tmp_path / "s.db") as s:
        deltas = _deltas(FILES)
        s.apply(list(deltas.values()))
        law = s.read("MATCH (d:Document {key: '45/2013/QH13@2013'}) RETURN d.title AS t, d.subject AS s")
        assert law == [{"t": "Luật Đất đai", "s": "luat dat dai"}]  # the name's node merged into the number's
        assert s.remove_source("e.txt")  # the proof gone: split again
        assert _mismatches(s) == []


def test_a_file_written_before_the_column_gets_it_filled(tmp_path: Path, corpus_dir: Path) -> None:
    db = tmp_path / "old.db"
    with LadybugStore(db) as s:
        assert not ingest(s, [corpus_dir], workers=1).failed
        s._run("ALTER TABLE Document DROP subject")  # as written before the column existed
    with LadybugStore(db, read_only=True) as ro, pytest.raises(StoreError, match=r"no column Document\.subject"):
        ro.read("MATCH (d:Document) RETURN d.subject AS s LIMIT 1")
    with LadybugStore(db) as s:  # opened for writing: the column added and filled from the titles
        assert _mismatches(s) == []
        assert s.read("MATCH (d:Document) WHERE d.title IS NOT NULL AND d.subject IS NULL RETURN count(*) AS n") == [{"n": 0}]


def test_gaps_reads_a_title_whose_subject_is_not_stored(lb_store, corpus_dir: Path) -> None:
    """A Neo4j database written before the property, or a file whose filling was cut short: the same answer."""
    from luocdo.queries import gaps
    from tests.test_queries import T

    assert not ingest(lb_store, [corpus_dir], workers=1).failed

    def answer() -> list[tuple]:
        return [(u.org.id, u.status, u.candidate.key if u.candidate else None, u.reason) for u in gaps(lb_store, T).units]

    stored = answer()
    assert any(status == "possible" for _o, status, _c, _r in stored)
    lb_store.write("MATCH (d:Document) SET d.subject = NULL")
    assert answer() == stored
