"""A bulk load in bounded memory: tables copied in parts, large shards folded in parts, the page
cache held at its size; the graph is still the one an incremental ingest makes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from luocdo.graph import bulk as gb
from luocdo.graph.ladybug_store import LadybugStore
from luocdo.graph.store import StoreOverloaded
from luocdo.pipeline import bulk, ingest
from tests.bench_modules import bench_module


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> list[Path]:
    work = tmp_path_factory.mktemp("bounded")
    bench_module("generate").generate(100, work / "gen", ocr=0.25, seed=11)
    return [corpus_dir, work / "gen" / "docs"]


@pytest.fixture(scope="module")
def incremental(tmp_path_factory: pytest.TempPathFactory, corpus: list[Path]) -> Any:
    from tests.conftest import graph_snapshot

    with LadybugStore(tmp_path_factory.mktemp("inc") / "g.db") as store:
        ingest(store, corpus, workers=1, bulk=False)
        return graph_snapshot(store), store.stats()


def test_parts_and_split_shards_make_the_same_graph(tmp_path: Path, corpus: list[Path], incremental: Any,
                                                    snapshot, monkeypatch) -> None:
    """Every table copied a file at a time (node and relation tables appended to), every shard split."""
    monkeypatch.setattr(gb, "COPY_SHARE", 2**40)  # a part is one file
    monkeypatch.setattr(gb, "TABLE_SHARE", {})
    monkeypatch.setattr(bulk, "BULK_CHUNK", 60)  # and a table has several
    monkeypatch.setattr(gb, "REDUCE_BYTES", 1)  # every shard split (into three parts: _few_parts)
    monkeypatch.setattr(gb, "_split", _few_parts(gb._split))
    copied: list[tuple[str, int]] = []
    real = LadybugStore.copy_from

    def counting(self, table, files):
        copied.append((table, len(files)))
        return real(self, table, files)

    monkeypatch.setattr(LadybugStore, "copy_from", counting)
    with LadybugStore(tmp_path / "g.db") as store:
        report = ingest(store, corpus, workers=1, bulk=True)
        assert not report.failed and store.stats() == incremental[1]
        nodes, edges = snapshot(store)
    assert {n for _t, n in copied} == {1}
    tables = [t for t, _n in copied]
    assert tables.count("Source") > 1 and tables.count("Document") > 1 and tables.count("CITES") > 1
    note = next(n for n in report.notes if n.startswith("bulk load:"))
    assert f"{len(copied):,} COPY statements" in note
    want_nodes, want_edges = incremental[0]
    assert nodes.keys() == want_nodes.keys()
    assert [k for k in nodes if nodes[k] != want_nodes[k]] == []
    assert edges == want_edges


def _few_parts(split):
    def few(base, shard, paths, parts):
        return split(base, shard, paths, min(parts, 3))
    return few


def test_parts_follow_the_rows_size(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    files = []
    for i, n in enumerate([10, 10, 200, 10]):
        f = tmp_path / f"{i}.parquet"
        pq.write_table(pa.table({"k": [f"{i}-{j}" + "x" * 100 for j in range(n)]}), f)
        files.append(str(f))
    one = pq.read_metadata(files[0]).row_group(0).total_byte_size
    assert list(gb.copy_parts(files, 2 * one)) == [files[:2], [files[2]], [files[3]]]
    assert list(gb.copy_parts(files, 2**30)) == [files]
    assert list(gb.copy_parts([], 10)) == []


def test_source_rows_are_copied_in_smaller_parts(tmp_path: Path) -> None:
    """A Source part is a quarter of another table's: its packed deltas weigh more in a COPY than their
    Parquet size says."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    one = 0
    for table in ("Document", "Source"):
        (tmp_path / table).mkdir()
        for i in range(8):
            f = tmp_path / table / f"{i}.parquet"
            pq.write_table(pa.table({"k": [f"{i}-{j}" + "x" * 100 for j in range(50)]}), f)
            one = pq.read_metadata(str(f)).row_group(0).total_byte_size

    class Recorder:
        def __init__(self) -> None:
            self.parts: list[tuple[str, int]] = []

        def copy_from(self, table: str, files: list[str]) -> None:
            self.parts.append((table, len(files)))

        def write(self, query: str) -> None:
            assert query == "CHECKPOINT"

    rec = Recorder()
    pool = 8 * one * gb.COPY_SHARE  # another table's part: the 8 files
    assert gb.copy_all(rec, str(tmp_path), pool) == 1 + 4  # type: ignore[arg-type]
    assert rec.parts == [("Document", 8)] + [("Source", 2)] * 4
    assert gb.TABLE_SHARE["Source"] == 4 * gb.COPY_SHARE


def test_the_heap_is_trimmed_after_each_checkpoint(tmp_path: Path, monkeypatch) -> None:
    """What a COPY built is freed at its checkpoint and handed back before the next part: glibc kept it
    otherwise, and a million-file load grew by gigabytes from part to part."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from luocdo.graph import heap

    (tmp_path / "Document").mkdir()
    for i in range(3):
        pq.write_table(pa.table({"k": [f"{i}-{j}" for j in range(50)]}), tmp_path / "Document" / f"{i}.parquet")
    events: list[str] = []

    class Recorder:
        def copy_from(self, table: str, files: list[str]) -> None:
            events.append("copy")

        def write(self, query: str) -> None:
            events.append(query.lower())

    monkeypatch.setattr(heap, "trim", lambda: events.append("trim") or True)
    assert gb.copy_all(Recorder(), str(tmp_path), 1) == 3  # type: ignore[arg-type]
    assert events == ["copy", "checkpoint", "trim"] * 3


def test_the_heap_settings_are_real_calls_here() -> None:
    """On glibc the trim and the mapping of large blocks are real calls (the measured figures rest on
    them); elsewhere no-ops."""
    import platform

    from luocdo.graph import heap

    glibc = platform.libc_ver()[0] == "glibc"
    assert heap.trim() is glibc
    assert heap.map_large_blocks() is glibc


def test_the_copy_phase_maps_large_blocks_apart(tmp_path: Path, corpus_dir: Path, monkeypatch) -> None:
    """The bulk load sets the heap's large blocks apart before its first COPY, and trims before it."""
    from luocdo.graph import heap

    calls: list[str] = []
    monkeypatch.setattr(heap, "map_large_blocks", lambda: calls.append("map") or True)
    monkeypatch.setattr(heap, "trim", lambda: calls.append("trim") or True)
    with LadybugStore(tmp_path / "g.db") as store:
        ingest(store, [corpus_dir], workers=1, bulk=True)
        assert store.stats()["documents"] > 0
    assert calls[:2] == ["trim", "map"] and calls.count("map") == 1 and calls.count("trim") > 2


def test_the_page_cache_is_not_raised_during_a_bulk_load(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("LUOCDO_BUFFER_POOL_MB", "64")
    with LadybugStore(tmp_path / "g.db") as store:
        with store.pinned_pool() as pool:
            assert pool == 64 * 2**20
            assert store._grow_pool() is False
        assert store._grow_pool() is True  # outside a bulk load a checkpoint may still raise it
        assert store.buffer_pool == 128 * 2**20
        assert any("raised to 128 MiB" in n for n in store.notes)


def test_a_copy_too_large_for_the_held_cache_fails_clearly(tmp_path: Path, monkeypatch) -> None:
    """Inside the bound a COPY that does not fit is an error naming the setting, not a larger cache."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    monkeypatch.setenv("LUOCDO_BUFFER_POOL_MB", "64")
    n = 150_000
    with LadybugStore(tmp_path / "g.db") as store:
        cols = store.table_columns("Source")
        values = {c: [f"{c}-{i:07d}" * (40 if c == "delta" else 1) for i in range(n)] for c in cols}
        f = tmp_path / "big.parquet"
        pq.write_table(pa.table(values), f)
        with store.pinned_pool(), pytest.raises(StoreOverloaded, match="LUOCDO_BUFFER_POOL_MB"):
            store.copy_from("Source", [str(f)])
        assert store.buffer_pool == 64 * 2**20
