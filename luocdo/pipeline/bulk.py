"""The first load of an empty LadybugDB store: extraction in worker processes, rows spooled to
Parquet files, then the engine's ``COPY FROM`` (:mod:`luocdo.graph.bulk`).

The graph is the one an incremental ingest of the same files makes: the
identity groups are counted as the files are read and settled before the
copy, and the files naming a key that settling merges into another node are
spooled again under the node's key (graph/bulk.py ``settle_identity``).
"""

from __future__ import annotations

import datetime as _dt
import os
import time
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from contextlib import AbstractContextManager, nullcontext, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from luocdo.graph.indexed import search_index_of
from luocdo.graph.store import Store, StoreError
from luocdo.pipeline import IngestReport, _batched, process_file

#: Files a bulk-load worker extracts and writes out at a time.
BULK_CHUNK = 250


def _bulk_many(paths: list[str], root: str, tag: str, stamp: str) -> tuple[list[str], int, object]:
    """Extract a chunk of files and spool their rows (runs in a worker process)."""
    from luocdo.graph.bulk import spool

    errors: list[str] = []
    warnings = 0
    deltas = []
    for p in paths:
        _path, delta, error = process_file(p)
        if error:
            errors.append(error)
        elif delta is not None:
            deltas.append(delta)
            warnings += len(delta.warnings)
    return errors, warnings, spool(deltas, root, tag, stamp)


@dataclass
class _Laps:
    """The time of each phase of a bulk load, for its closing note."""

    phases: list[str] = field(default_factory=list)
    clock: float = field(default_factory=time.perf_counter)

    def lap(self, what: str) -> None:
        now = time.perf_counter()
        self.phases.append(f"{what} {now - self.clock:,.1f} s")
        self.clock = now


@dataclass
class _BulkRun:
    """One bulk load under way: the store's columns, the spool folder, what is spooled so far."""

    store: Store
    tmp: str
    stamp: str
    report: IngestReport
    progress: Callable[[int], None] | None
    doc_cols: list[str]
    org_cols: list[str]
    spooled: Any
    laps: _Laps = field(default_factory=_Laps)
    #: Keys settling merged into another node (raw key → node key), and the files spooled again for them.
    moved: dict[str, str] = field(default_factory=dict)
    redone: int = 0

    def take(self, got: tuple[list[str], int, Any], n: int) -> None:
        """Count a chunk's files and merge the rows it spooled."""
        from luocdo.graph import bulk as gb

        errors, warnings, part = got
        self.report.files += n
        self.report.failed += errors
        self.report.warnings += warnings
        gb.merge_spooled(self.spooled, part)
        if self.progress:
            self.progress(n)


def bulk_ingest(
    store: Store,
    files: Iterable[Path],
    *,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
    report: IngestReport | None = None,
) -> IngestReport:
    """The first load of an empty LadybugDB store: extraction in worker processes, rows written to
    Parquet files in a temporary folder beside the store, then ``COPY FROM`` (graph/bulk.py).

    The graph is the one an incremental ingest of the same files makes; later
    ingests are incremental (the sources' hashes are stored as usual).
    """
    import shutil
    import tempfile

    from luocdo.graph import bulk as gb

    report = report if report is not None else IngestReport()
    if not store.is_empty():
        raise StoreError("a bulk load needs an empty store; ingest into this one incrementally")
    doc_cols = gb.table_columns(store, "Document")
    org_cols = gb.table_columns(store, "Organization")
    src_cols = gb.table_columns(store, "Source")
    if src_cols != list(gb.columns("Source")):
        raise StoreError(f"{store.path}: Source columns {src_cols} are not in the schema's order; ingest incrementally")
    n_workers = max(1, workers if workers is not None else (os.cpu_count() or 1))
    stamp = _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")
    where = Path(store.path or ".").resolve().parent  # bulk loads go to a LadybugDB file
    tmp = tempfile.mkdtemp(prefix=".luocdo-bulk-", dir=where if where.is_dir() else None)
    run = _BulkRun(store, tmp, stamp, report, progress, doc_cols, org_cols, gb.Spooled())
    try:
        with _pinned(store) as pool:
            batches = _batched((str(f) for f in files), BULK_CHUNK)
            shard_counts = _bulk_spool(run, batches, n_workers)
            report.added = run.spooled.added
            run.laps.lap("claims folded")
            if run.spooled.added:
                _bulk_copy(run, shard_counts, pool)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return report


def _pinned(store: Store) -> AbstractContextManager[int]:
    """The store's page cache held at its size for the load (its bytes); a store without one: the default."""
    from luocdo.graph.ladybug_store import DEFAULT_BUFFER_POOL_MB, LadybugStore

    if isinstance(store, LadybugStore):
        return store.pinned_pool()
    return nullcontext(store.buffer_pool or DEFAULT_BUFFER_POOL_MB * 2**20)


def _bulk_spool(run: _BulkRun, batches: Iterable[list[str]], n_workers: int) -> list[int]:
    """Extract every chunk into the spool folder, then fold each shard's claims; the documents
    per shard."""
    from luocdo.graph import bulk as gb

    if n_workers == 1:
        for i, chunk in enumerate(batches):
            run.take(_bulk_many(chunk, run.tmp, f"{i:07d}", run.stamp), len(chunk))
        run.laps.lap("extraction")
        _settle(run)
        return [gb.reduce_shard(run.tmp, s, frozenset(run.spooled.orgs), run.doc_cols) for s in range(gb.SHARDS)]
    with ProcessPoolExecutor(max_workers=n_workers) as pool:
        pending: deque = deque()
        for i, chunk in enumerate(batches):
            pending.append((pool.submit(_bulk_many, chunk, run.tmp, f"{i:07d}", run.stamp), len(chunk)))
            while len(pending) > 2 * n_workers:
                fut, n = pending.popleft()
                run.take(fut.result(), n)
        while pending:
            fut, n = pending.popleft()
            run.take(fut.result(), n)
        run.laps.lap("extraction")
        _settle(run)
        orgs = frozenset(run.spooled.orgs)
        reducing = [pool.submit(gb.reduce_shard, run.tmp, s, orgs, run.doc_cols) for s in range(gb.SHARDS)]
        return [f.result() for f in reducing]


def _settle(run: _BulkRun) -> None:
    """Settle the identity groups and spool again the files naming a key that moved (before the copy)."""
    from luocdo.graph import bulk as gb

    if run.spooled.added:
        run.moved, run.redone = gb.settle_identity(run.tmp, run.spooled, run.stamp)
        run.spooled.naming = {}  # a million files' ids, not needed any more: not held through the copy
        run.laps.lap(f"identity settled ({len(run.moved):,} keys merged, {run.redone:,} files spooled again)")


def _checkpoint(store: Store) -> None:
    store.write("CHECKPOINT")


def _bulk_copy(run: _BulkRun, shard_counts: list[int], pool: int) -> None:
    """``COPY FROM`` the spooled files (a failure leaves the store empty), then the search index."""
    from luocdo.graph import bulk as gb
    from luocdo.graph import heap

    store, spooled, report = run.store, run.spooled, run.report
    gb.write_organizations(run.tmp, spooled, run.org_cols)
    heap.trim()  # what extraction and settling freed goes back before the engine's COPY takes its share
    heap.map_large_blocks()  # and a checkpoint's column chunks go back when freed
    seen = len(store.notes)
    try:
        copies = gb.copy_all(store, run.tmp, pool)
        # the groups settled before the copy (the rows are already under their nodes' keys), kept for
        # the incremental ingests after this one
        store.adopt_identity(spooled.groups, {}, part_done=lambda: _checkpoint(store))
    except BaseException as e:  # tables copied before it would pass for an ingest: empty them
        with suppress(StoreError):
            gb.empty(store)
        raise StoreError(f"the bulk load of {store.path} failed ({e}); the store was left empty: "
                         "run it again, or ingest file by file (--no-bulk)") from e
    run.laps.lap("COPY FROM")
    index = search_index_of(store)
    if index is not None:
        index.rebuild(gb.search_entries(run.tmp), prepared=True)
        run.laps.lap("search index")
    report.notes += store.notes[seen:]
    report.notes.append(
        f"bulk load: {spooled.added:,} files, {sum(shard_counts):,} documents, {len(spooled.orgs):,} organisations "
        f"copied into {store.path} ({', '.join(run.laps.phases)}; {copies:,} COPY statements, "
        f"page cache held at {pool // 2**20:,} MiB)"
    )
