"""Store writes with the full-text index beside an embedded store kept in step (graph/fulltext.py)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress

from luocdo.graph.delta import GraphDelta
from luocdo.graph.store import Store


def search_index_of(store: Store):  # -> FullText | None
    """The full-text index an embedded store keeps beside its file (None: in memory, or another engine)."""
    from luocdo.graph.fulltext import of_store

    return of_store(store)


class SearchIndexer:
    """Keeps the search index in step with the batches of an ingest."""

    def __init__(self, store: Store, index) -> None:
        self.store, self.index = store, index

    def touched(self, deltas: list[GraphDelta]) -> set[str]:
        """Documents a batch may change: those its files name, and those the files' previous versions named."""
        from luocdo.graph.cypher_store import _doc_contributions

        keys: set[str] = set()
        for d in deltas:
            keys.update(_doc_contributions(d))
        ids = [d.source_id for d in deltas]
        new_hash = {d.source_id: d.hash for d in deltas}
        query = "UNWIND $ids AS i MATCH (s:Source {id: i}) RETURN s.id AS id, s.hash AS hash, s.delta AS delta"
        for row in self.store.read(query, {"ids": ids}):
            if row["hash"] != new_hash.get(row["id"]) and row["delta"]:
                with suppress(ValueError, KeyError, TypeError):
                    keys.update(_doc_contributions(GraphDelta.unpack(row["delta"])))
        return keys

    def write(self, keys: set[str]) -> None:
        from luocdo.graph.fulltext import document_rows

        rows = list(document_rows(self.store, sorted(keys)))
        found = {r["key"] for r in rows}
        self.index.update(rows, sorted(keys - found))


def apply_indexed(store: Store, deltas: list[GraphDelta]) -> dict[str, int]:
    """``store.apply(deltas)`` in one transaction, with the search index beside an embedded store kept
    in step (an index already out of step is left for the next search to rebuild)."""
    from luocdo.graph.fulltext import count_documents

    index = search_index_of(store)
    if index is None or index.problem(count_documents(store)) is not None:
        return store.apply(deltas)
    index.begin()
    indexer = SearchIndexer(store, index)
    touched = indexer.touched(deltas)
    counts = store.apply(deltas)
    indexer.write(touched)
    index.finish(count_documents(store))
    return counts


def reindex(store: Store, index, keys: set[str]) -> None:
    """Write these documents' entries again as the store has them now (gone ones deleted)."""
    from luocdo.graph.fulltext import count_documents

    index.begin()
    SearchIndexer(store, index).write(keys)
    index.finish(count_documents(store))


@contextmanager
def indexing(store: Store, notes: list[str]) -> Iterator[SearchIndexer | None]:
    """The search index updated batch by batch when it is sound, rebuilt at the end when it is not."""
    from luocdo.graph.fulltext import count_documents, rebuild_from_store

    index = search_index_of(store)
    if index is None:
        yield None
        return
    documents = count_documents(store)
    problem = index.problem(documents)
    if problem is not None and documents == 0:
        index.rebuild([])  # a new store: a new, empty index
        problem = None
    if problem is not None:
        yield None
        notes.append(rebuild_from_store(store, problem) or "")
        return
    index.begin()
    yield SearchIndexer(store, index)
    index.finish(count_documents(store))
