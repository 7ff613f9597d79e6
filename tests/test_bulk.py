"""The first load through LadybugDB's bulk loader makes the graph an incremental ingest makes."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from luocdo.graph.bulk import SHARDS, shard_of
from luocdo.graph.fulltext import FullText, index_dir
from luocdo.graph.ladybug_store import LadybugStore
from luocdo.graph.store import StoreError
from luocdo.pipeline import ingest
from luocdo.pipeline.bulk import bulk_ingest
from luocdo.queries import search
from tests.bench_modules import bench_module
from tests.corpora import ACTIVE


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> list[Path]:
    """A generated corpus (OCR damage on a quarter of it) and the test corpus."""
    work = tmp_path_factory.mktemp("bulk")
    bench_module("generate").generate(300, work / "gen", ocr=0.25, seed=5)
    return [corpus_dir, work / "gen" / "docs"]


@pytest.fixture(scope="module")
def incremental(tmp_path_factory: pytest.TempPathFactory, corpus: list[Path]) -> Any:
    from tests.conftest import graph_snapshot

    with LadybugStore(tmp_path_factory.mktemp("inc") / "g.db") as store:
        report = ingest(store, corpus, workers=2, bulk=False)
        assert report.added > 300 and not report.failed
        return graph_snapshot(store), store.stats(), [(h.id, h.score) for h in search(store, "Sơn Mai")]


@pytest.mark.parametrize("workers", [1, 2])
def test_bulk_load_is_the_incremental_graph(tmp_path: Path, corpus: list[Path], incremental: Any, snapshot, workers: int) -> None:
    with LadybugStore(tmp_path / "g.db") as store:
        report = ingest(store, corpus, workers=workers, bulk=True)
        assert any(n.startswith("bulk load:") for n in report.notes)
        # keys merged (57-NQ/TW cited with and without its date): their files were spooled again under
        # the node's key before the copy, so nothing is rewritten in the store after it
        assert any("identity settled" in n for n in report.notes)
        assert report.added == incremental[1]["sources"] and not report.failed
        assert store.stats() == incremental[1]
        # its identity groups are kept: a later ingest does not count every stored file again
        assert store.read("MATCH (i:Identity {grp: '#counted'}) RETURN count(*) AS n") == [{"n": 1}]
        nodes, edges = snapshot(store)
        # the search index was written by the load, and answers as the one ingest keeps
        assert FullText(index_dir(store.path)).problem(store.stats()["documents"]) is None
        assert [(h.id, h.score) for h in search(store, "Sơn Mai")] == incremental[2]
    want_nodes, want_edges = incremental[0]
    assert nodes.keys() == want_nodes.keys()
    assert [k for k in nodes if nodes[k] != want_nodes[k]] == []
    assert edges == want_edges
    assert not list(tmp_path.glob(".luocdo-bulk-*"))  # the spooled files are gone


_PLAN = ("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: {n}/KH-UBND\nQuảng Ngãi, ngày 05 tháng 3 năm 2025\nKẾ HOẠCH\n"
         "Triển khai Nghị quyết {cited} trên địa bàn tỉnh\nCăn cứ Luật Đất đai{law};\nCăn cứ Kế hoạch số 82/KH-UBND ngày "
         "17/4/2025 của UBND tỉnh thực hiện Nghị quyết {cited};\nI. MỤC ĐÍCH\nNội dung.\n")


@pytest.mark.parametrize("workers", [1, 2])
def test_keys_merged_by_identity_are_settled_before_the_copy(tmp_path: Path, snapshot, workers: int) -> None:
    """57-NQ/TW cited with and without its date, Luật Đất đai with and without its number: the files
    naming the year-less keys are spooled again under the node's key, and the graph is the incremental one."""
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(12):
        cited = "số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị" if i % 3 == 0 else "57-NQ/TW"
        law = " số 31/2024/QH15" if i % 4 == 0 else ""
        (docs / f"kh{i:02d}.txt").write_text(_PLAN.format(n=10 + i, cited=cited, law=law), encoding="utf-8")
    with LadybugStore(tmp_path / "inc.db") as store:
        ingest(store, [docs], workers=1, bulk=False)
        want = snapshot(store), store.stats()
    with LadybugStore(tmp_path / "bulk.db") as store:
        report = ingest(store, [docs], workers=workers, bulk=True)
        settled = [m for n in report.notes for m in re.findall(r"identity settled \(([\d,]+) keys merged, ([\d,]+) files", n)]
        assert settled and int(settled[0][0]) >= 2 and int(settled[0][1]) >= 8, report.notes
        got = snapshot(store), store.stats()
        keys = {r["k"] for r in store.read("MATCH (d:Document) RETURN d.key AS k")}
    assert "57-NQ/TW@2024" in keys and "57-NQ/TW@?" not in keys
    assert got[1] == want[1]
    assert got[0][0] == want[0][0]
    assert got[0][1] == want[0][1]


def test_a_later_ingest_is_incremental_and_idempotent(tmp_path: Path, corpus: list[Path], corpus_dir: Path, snapshot) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(corpus_dir, seeds)
    with LadybugStore(tmp_path / "g.db") as store:
        ingest(store, [corpus[1]], workers=2, bulk=True)
        before = snapshot(store)
        again = ingest(store, [corpus[1]], workers=2)
        assert again.added == again.replaced == 0 and again.unchanged == again.files == 300
        assert snapshot(store) == before
        more = ingest(store, [seeds], workers=1, bulk=True)  # not empty any more: file by file, said so
        assert more.added == ACTIVE.files
        assert any("only an empty store" in n for n in more.notes)
        # a changed file replaces its facts as usual
        f = sorted(seeds.glob("*.txt"))[0]
        f.write_text(f.read_text(encoding="utf-8") + "\nThêm một dòng.\n", encoding="utf-8")
        assert ingest(store, [seeds], workers=1).replaced == 1


def test_the_store_is_chosen_by_emptiness_and_size(tmp_path: Path, corpus: list[Path], corpus_dir: Path) -> None:
    with LadybugStore(tmp_path / "small.db") as store:
        report = ingest(store, [corpus_dir], workers=1)  # too few files for the bulk path
        assert not any(n.startswith("bulk load:") for n in report.notes)
        with pytest.raises(StoreError, match="empty store"):
            bulk_ingest(store, [])


def test_a_bad_file_is_reported_and_the_rest_loaded(tmp_path: Path, corpus_dir: Path) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(corpus_dir, docs)
    (docs / "broken.pdf").write_bytes(b"not a pdf at all")
    with LadybugStore(tmp_path / "g.db") as store:
        report = ingest(store, [docs], workers=1, bulk=True)
        assert report.added == ACTIVE.files
        assert len(report.failed) == 1 and "broken.pdf" in report.failed[0]
        assert store.stats()["sources"] == report.added


def test_shards_are_stable_and_spread() -> None:
    keys = [f"kh:{i}/kh-ubnd:2025:province:{i % 34}" for i in range(3000)]
    got = [shard_of(k) for k in keys]
    assert got == [shard_of(k) for k in keys]
    assert len(set(got)) == SHARDS


def test_the_command_takes_bulk(tmp_path: Path, corpus_dir: Path) -> None:
    import json

    from typer.testing import CliRunner

    from luocdo.api.cli import app

    db = str(tmp_path / "g.db")
    got = CliRunner().invoke(app, ["ingest", "--bulk", "--workers", "1", "--db", db, "--json", str(corpus_dir)])
    assert got.exit_code == 0, got.output
    out = json.loads(got.stdout[got.stdout.index("{"):])
    assert any(n.startswith("bulk load:") for n in out["report"]["notes"])
    assert out["stats"]["sources"] == ACTIVE.files
    again = CliRunner().invoke(app, ["ingest", "--db", db, "--json", str(corpus_dir)])
    assert json.loads(again.stdout[again.stdout.index("{"):])["report"]["unchanged"] == out["stats"]["sources"]


def test_a_failed_copy_leaves_the_store_empty(tmp_path: Path, corpus_dir: Path, monkeypatch) -> None:
    real = LadybugStore.copy_from

    def failing(self, table, files):  # the third table fails: two were copied already
        if table == "Source":
            raise StoreError("ladybug: disk full")
        return real(self, table, files)

    monkeypatch.setattr(LadybugStore, "copy_from", failing)
    with LadybugStore(tmp_path / "g.db") as store:
        with pytest.raises(StoreError, match="left empty"):
            ingest(store, [corpus_dir], workers=1, bulk=True)
        assert store.is_empty()
        monkeypatch.setattr(LadybugStore, "copy_from", real)
        assert ingest(store, [corpus_dir], workers=1).added == ACTIVE.files


def test_a_failed_identity_step_leaves_the_store_empty(tmp_path: Path, corpus_dir: Path, monkeypatch) -> None:
    """The identity groups are stored after every table was copied: a failure there empties the store too."""
    parts: list[int] = []
    real = LadybugStore.adopt_identity

    def failing(self, groups, naming, part_done=None):
        assert part_done is not None and not naming  # the rows were settled before the copy
        parts.append(1)
        raise StoreError("Buffer manager exception: Unable to allocate memory!")

    monkeypatch.setattr(LadybugStore, "adopt_identity", failing)
    with LadybugStore(tmp_path / "g.db") as store:
        with pytest.raises(StoreError, match="left empty"):
            ingest(store, [corpus_dir], workers=1, bulk=True)
        assert parts and store.is_empty()
        monkeypatch.setattr(LadybugStore, "adopt_identity", real)
        assert ingest(store, [corpus_dir], workers=1, bulk=True).added == ACTIVE.files
