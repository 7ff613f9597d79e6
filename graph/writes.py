"""How a long ingest reads and writes a store: the stored hashes of its files through the
primary-key index, and LadybugDB checkpoints kept rare while the batches go in."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress

from luocdo.graph.store import Store, StoreError


def known_hashes(store: Store, ids: list[str]) -> dict[str, str]:
    """Stored content hashes of these sources, in one query.

    ``UNWIND … MATCH {id: i}`` goes through the primary-key index; ``WHERE
    s.id IN $ids`` scans every Source on LadybugDB, which grows with the corpus.
    """
    query = "UNWIND $ids AS i MATCH (s:Source {id: i}) RETURN s.id AS id, s.hash AS hash"
    out: dict[str, str] = {}
    for part in by_size(ids, store.max_message, len(query)):
        out.update((r["id"], r["hash"]) for r in store.read(query, {"ids": part}))
    return out


def by_size(ids: list[str], max_bytes: int | None, overhead: int) -> Iterator[list[str]]:
    """``ids`` in parts small enough for a server that limits the request size (FalkorDB's Bolt)."""
    if not max_bytes:
        yield ids
        return
    budget = max(256, max_bytes - overhead - 256)
    part: list[str] = []
    size = 0
    for i in ids:
        n = len(i.encode()) + 8
        if part and size + n > budget:
            yield part
            part, size = [], 0
        part.append(i)
        size += n
    if part:
        yield part


@contextmanager
def checkpoint_rarely(store: Store, wrote: Callable[[], bool], threshold: int) -> Iterator[None]:
    """On LadybugDB: checkpoint rarely while the batches go in, then once at the end.

    ``threshold`` is the write-ahead-log size that triggers one meanwhile;
    ``wrote()`` says at the end whether anything was written.  Each batch is
    still committed (to the write-ahead log) on its own, so a
    crash loses nothing more than without this.
    """
    old = None
    if store.dialect == "ladybug" and not store.read_only:
        with suppress(StoreError, LookupError, ValueError, TypeError):
            old = int(store.setting("checkpoint_threshold"))
    # Changes not yet checkpointed stay in the page cache: with a capped cache,
    # a log as large as the cache filled it at ~55,000 documents and the ingest
    # stopped.  A quarter of the cache leaves room for the batch and its reads.
    pool = store.buffer_pool
    bulk = min(threshold, pool // 4) if pool else threshold
    if old is None or old >= bulk:
        yield
        return
    store.write(f"CALL checkpoint_threshold={bulk}")
    try:
        yield
    finally:
        with suppress(StoreError):
            store.write(f"CALL checkpoint_threshold={old}")
            if wrote():
                store.write("CHECKPOINT")
