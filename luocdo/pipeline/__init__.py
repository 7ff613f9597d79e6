"""Ingest files into a store: load → extract → build delta → apply in batches.

A file's identity is its resolved path; its content hash decides whether it
changed.  Unchanged files are skipped before they are even read twice, a
changed file replaces exactly its old facts, and each batch is applied in
one transaction, so a crash leaves whole documents only.  Extraction runs in
worker processes when there is enough work to pay for them.

Scale (bench/ingest.py): stored hashes are looked up through the primary-key
index a window at a time, and on LadybugDB the write-ahead log is merged into
the database file (a checkpoint) rarely during an ingest and once at its end,
because each checkpoint costs time in proportion to the whole database.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import stat
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from luocdo.graph.delta import GraphDelta
from luocdo.graph.indexed import (
    SearchIndexer,
    apply_indexed,  # noqa: F401  (the API upload applies through the pipeline)
    indexing,
)
from luocdo.graph.store import Store
from luocdo.graph.writes import checkpoint_rarely, known_hashes

#: Below this many files, worker processes cost more than they save.
PARALLEL_MIN_FILES = 64

#: LadybugDB's write-ahead-log size that triggers a checkpoint, while an ingest runs.
#: Its default (16 MiB) is reached every few hundred documents, and a checkpoint
#: rewrites a share of the database that grows with it: at 10,000 documents that
#: made the ingest twice as slow and the file 2.5 times larger (bench/ingest.py).
BULK_CHECKPOINT_BYTES = 1 << 30

#: Documents per transaction unless the store or the caller says otherwise.
BATCH_SIZE = 200


@dataclass
class IngestReport:
    files: int = 0
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    failed: list[str] = field(default_factory=list)
    warnings: int = 0
    #: What the store did along the way that a user should know (its page cache raised …).
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "files": self.files,
            "added": self.added,
            "replaced": self.replaced,
            "unchanged": self.unchanged,
            "failed": self.failed,
            "warnings": self.warnings,
            "notes": self.notes,
        }


class NotRegular(OSError):
    """A path that is not a regular file (reading a FIFO would block)."""


def source_id_of(path: Path) -> str:
    return str(path.resolve())


def file_hash(path: Path) -> str:
    """SHA-256 of a regular file; anything else (a FIFO, a device) is refused before it is opened,
    because reading one could block for ever."""
    st = os.stat(path)
    if not stat.S_ISREG(st.st_mode):
        kind = "a FIFO (named pipe)" if stat.S_ISFIFO(st.st_mode) else (
            "a folder" if stat.S_ISDIR(st.st_mode) else "a device or socket")
        raise NotRegular(f"is {kind}, not a regular file; skipped")
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def extract_file(path: Path) -> tuple[Any, GraphDelta]:
    """Load, extract and build one file: its record and the delta that writes it.  A file that
    cannot be read raises ``LoadError``.  ``ingest`` and the API's uploads both read files here."""
    from luocdo.graph.build import build_delta
    from luocdo.loaders.extract import extract
    from luocdo.loaders.text import load

    text = load(path)
    rec = extract(text, source=str(path))
    return rec, build_delta(rec, source_id_of(path), str(path), text.sha256)


def process_file(path_str: str) -> tuple[str, GraphDelta | None, str | None]:
    """:func:`extract_file` with its problem as text (runs in a worker process)."""
    from luocdo.loaders.errors import LoadError

    path = Path(path_str)
    try:
        _rec, delta = extract_file(path)
        return path_str, delta, None
    except LoadError as e:
        return path_str, None, str(e)
    except Exception as e:  # a bug must not lose the rest of the batch
        return path_str, None, f"{path}: extraction failed: {type(e).__name__}: {e}"


def _batched(items: Iterable, n: int) -> Iterator[list]:
    batch: list = []
    for x in items:
        batch.append(x)
        if len(batch) >= n:
            yield batch
            batch = []
    if batch:
        yield batch


def _changed(store: Store, files: Iterable[Path], report: IngestReport, progress, window: int = 1000) -> Iterator[str]:
    """Files whose content is new or changed; unchanged ones are counted and skipped.

    Hashes are compared a window at a time, so a million files never sit in
    memory together with their stored hashes.
    """
    for chunk in _batched(files, window):
        known = known_hashes(store, [source_id_of(f) for f in chunk])
        for f in chunk:
            report.files += 1
            try:
                h = file_hash(f)
            except NotRegular as e:
                report.failed.append(f"{f}: {e}")
                if progress:
                    progress(1)
                continue
            except OSError as e:
                report.failed.append(f"{f}: cannot read: {e.strerror or e}")
                if progress:
                    progress(1)
                continue
            if known.get(source_id_of(f)) == h:
                report.unchanged += 1
                if progress:
                    progress(1)
                continue
            yield str(f)


def _parallel(paths: Iterable[str], workers: int, in_flight: int) -> Iterator[tuple[str, GraphDelta | None, str | None]]:
    """process_file over worker processes, in order, with a bounded queue of work.

    A worker that dies (killed, out of memory, a crash in a library) breaks the
    whole pool: the pool is started again, the chunks in flight are sent again,
    and the chunk that was being waited for is retried a file at a time in a
    process of its own, so the file that kills its worker is found and
    reported, and nothing else is lost.
    """
    from collections import deque

    pool = _Pool(workers)
    try:
        pending: deque = deque()
        for chunk in _batched(paths, 32):
            pending.append((chunk, pool.submit(_process_many, chunk)))
            while len(pending) * 32 >= in_flight:
                yield from _collect(pool, pending)
        while pending:
            yield from _collect(pool, pending)
    finally:
        pool.shutdown()


class _Pool:
    """A ProcessPoolExecutor that can be started again after a worker died."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.pool = ProcessPoolExecutor(max_workers=workers)

    def submit(self, fn, *args):
        return self.pool.submit(fn, *args)

    def restart(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.pool = ProcessPoolExecutor(max_workers=self.workers)

    def shutdown(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def _collect(pool: _Pool, pending) -> list[tuple[str, GraphDelta | None, str | None]]:
    from concurrent.futures.process import BrokenProcessPool

    chunk, future = pending.popleft()
    try:
        return future.result()
    except BrokenProcessPool:
        pass
    pool.restart()
    for i, (other, _f) in enumerate(pending):  # they died with the pool: send them again
        pending[i] = (other, pool.submit(_process_many, other))
    out = []
    alone = ProcessPoolExecutor(max_workers=1)  # only this chunk's files: a death names its file
    try:
        for path in chunk:
            try:
                out.extend(alone.submit(_process_many, [path]).result())
            except BrokenProcessPool:
                out.append((path, None, f"{path}: extraction failed: the worker process died on this file "
                                        "(killed, out of memory, or a crash in a library); skipped"))
                alone.shutdown(wait=False, cancel_futures=True)
                alone = ProcessPoolExecutor(max_workers=1)
    finally:
        alone.shutdown(wait=True, cancel_futures=True)
    return out


def _process_many(paths: list[str]) -> list[tuple[str, GraphDelta | None, str | None]]:
    return [process_file(p) for p in paths]


def ingest(
    store: Store,
    paths: Iterable[str | os.PathLike[str]],
    *,
    batch_size: int | None = None,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
    bulk: bool | None = None,
) -> IngestReport:
    """Ingest files and folders (recursively) into ``store``.

    Streaming: files are listed, hashed, extracted (in worker processes when
    there are enough of them) and applied one batch at a time, so memory does
    not grow with the corpus.  Each batch is one transaction.

    ``batch_size``: documents per transaction (default: :func:`_batch_size`).

    ``bulk``: load an empty LadybugDB store with its bulk loader (see
    :func:`~luocdo.pipeline.bulk.bulk_ingest`); ``None`` chooses it when the store is empty and the
    corpus has at least :data:`BULK_MIN_FILES` files.
    """
    from luocdo.loaders.text import iter_files

    report = IngestReport()
    batch_size = _batch_size(store, batch_size)
    given = [Path(p) for p in paths]
    for p in given:
        if not p.exists():
            report.failed.append(f"{p}: no such file or directory")
    files: Iterable[Path] = iter_files([str(p) for p in given if p.exists()])
    n_workers = workers if workers is not None else (os.cpu_count() or 1)
    if bulk is not False:
        files, use_bulk = _choose_bulk(store, files, bulk, report)
        if use_bulk:
            from luocdo.pipeline.bulk import (
                bulk_ingest,  # it reads files with this module's functions
            )

            return bulk_ingest(store, files, workers=n_workers, progress=progress, report=report)
    todo = _changed(store, files, report, progress)
    # look ahead a little: a small job is not worth starting processes for
    head: list[str] = []
    for path in todo:
        head.append(path)
        if len(head) >= PARALLEL_MIN_FILES:
            break
    rest = itertools.chain(head, todo)
    if len(head) >= PARALLEL_MIN_FILES and n_workers > 1:
        results = _parallel(rest, n_workers, in_flight=max(4 * batch_size, 256))
    else:
        results = (process_file(p) for p in rest)
    if not head:
        return report
    seen = len(store.notes)
    try:
        with _bulk_writes(store, report), indexing(store, report.notes) as index:
            _apply_all(store, results, batch_size, report, progress, index)
    finally:
        report.notes += store.notes[seen:]
    return report


def _batch_size(store: Store, given: int | None) -> int:
    """Documents per transaction: the caller's, else the store's ``write_batch`` (a server pays per
    statement and per transaction, so Neo4j takes more a batch), else :data:`BATCH_SIZE`."""
    size = (store.write_batch or BATCH_SIZE) if given is None else given
    if size < 1:
        raise ValueError(f"batch_size must be at least 1, got {size}")
    return size


@contextmanager
def _bulk_writes(store: Store, report: IngestReport) -> Iterator[None]:
    """Checkpoints kept rare while the batches go in, one at the end if anything was written."""
    with checkpoint_rarely(store, lambda: bool(report.added or report.replaced), BULK_CHECKPOINT_BYTES):
        yield


def _apply_all(store: Store, results: Iterable, batch_size: int, report: IngestReport, progress,
               index: SearchIndexer | None = None) -> None:
    for batch in _batched(results, batch_size):
        deltas = []
        for _path, delta, error in batch:
            if error:
                report.failed.append(error)
            elif delta is not None:
                deltas.append(delta)
                report.warnings += len(delta.warnings)
        if deltas:
            touched = index.touched(deltas) if index is not None else None
            counts = store.apply(deltas)
            if index is not None and touched:
                index.write(touched)
            report.added += counts.get("added", 0)
            report.replaced += counts.get("replaced", 0)
            report.unchanged += counts.get("unchanged", 0)
        if progress:
            progress(len(batch))


# -- the first load of a large corpus --------------------------------------------------------------

#: An empty store takes a corpus of at least this many files through the bulk loader unless told.
BULK_MIN_FILES = 1000


def _choose_bulk(store: Store, files: Iterable[Path], bulk: bool | None, report: IngestReport) -> tuple[Iterable[Path], bool]:
    """Whether to bulk-load (the files, with those looked at to decide put back)."""
    can = store.bulk_load and not store.read_only
    if bulk and not can:
        report.notes.append(f"--bulk needs an embedded LadybugDB store; {store.dialect} store ingested file by file")
        return files, False
    if not can:
        return files, False
    if not store.is_empty():
        if bulk:
            report.notes.append("--bulk loads only an empty store; this one has data, so the files were ingested incrementally")
        return files, False
    if bulk:
        return files, True
    it = iter(files)
    head = list(itertools.islice(it, BULK_MIN_FILES))
    return itertools.chain(head, it), len(head) >= BULK_MIN_FILES
