"""The Store protocol: everything a backend must do, and how to open one.

Two implementations: LadybugDB (embedded, the default) and Neo4j (through the
official driver, any Bolt server).  Dialect differences live in the two
implementations and in per-dialect query variants, nowhere else.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, Protocol, runtime_checkable

from luocdo.graph.delta import GraphDelta

DEFAULT_DB = "luocdo.db"


class StoreError(Exception):
    """A store could not do what was asked; the message says why."""


class ReadOnlyViolation(StoreError):
    """A query that writes was sent where only reads are allowed."""


class QueryTimeout(StoreError):
    """A read ran longer than its ``timeout_s`` and was stopped."""


class StoreOverloaded(StoreError):
    """The engine ran out of working memory for this query (too many at once, or too big); retry later."""


@runtime_checkable
class Store(Protocol):
    """What every store does; callers use these names instead of probing for attributes."""

    dialect: str  # "ladybug" | "neo4j"
    read_only: bool
    @property
    def path(self) -> str | None:
        """The embedded database's file (":memory:" in memory); None for a server."""
    #: Things the user should hear about (e.g. a cache the store enlarged), appended as they happen.
    notes: list[str]
    #: The largest request the engine takes, in bytes; None: no limit worth splitting for.
    max_message: int | None
    #: The engine's page cache in bytes; 0: the engine's default, or not the store's to set.
    buffer_pool: int
    #: Whether :meth:`copy_from` can load Parquet files straight into the tables.
    bulk_load: bool
    #: Documents per write transaction an ingest uses unless told otherwise.
    write_batch: int

    def apply(self, deltas: Sequence[GraphDelta]) -> dict[str, int]:
        """Apply deltas atomically (all or none); returns counts of added/replaced/unchanged."""

    def source_hash(self, source_id: str) -> str | None:
        """Content hash of the source as last ingested, or None."""

    def remove_source(self, source_id: str) -> bool:
        """Remove exactly what a source contributed."""

    def read(self, query: str, params: dict[str, Any] | None = None, *, limit: int | None = None,
             timeout_s: float | None = None) -> list[dict[str, Any]]:
        """Run a read-only query; refuses writes with ReadOnlyViolation."""

    def write(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run a query that may write."""

    def stats(self) -> dict[str, int]:
        """Counts: documents, ingested documents, organizations, edges by label, sources."""

    def ensure_organizations(self, rows: Iterable[dict[str, Any]]) -> None:
        """Upsert Organization nodes (and PART_OF edges given as 'part_of')."""

    def stream(self, query: str, params: dict[str, Any] | None = None, *, limit: int | None = None,
               timeout_s: float | None = None) -> Iterator[dict[str, Any]]:
        """Like :meth:`read`, one row at a time where the engine can; ``limit``: the most the caller will take."""

    def parse_error(self, query: str) -> str | None:
        """The engine's parser message for ``query`` without running it; None when it parses or cannot tell."""

    def version(self) -> tuple[Any, ...] | None:
        """Changes whenever the data may have; None when the store cannot tell (nothing is cached)."""

    def file_state(self) -> tuple[Any, ...] | None:
        """Cheap marker of another process having written the file; None for a server."""

    def setting(self, name: str) -> str:
        """The engine's value of a setting; StoreError when it has none."""

    def is_empty(self) -> bool:
        """No Source, Document or Organization yet."""

    def table_columns(self, table: str) -> list[str]:
        """Columns of a table in their stored order (bulk loading)."""

    def copy_from(self, table: str, files: list[str]) -> None:
        """Bulk-load Parquet files into a table; StoreError where ``bulk_load`` is False."""

    def adopt_identity(self, groups: dict[str, Any], naming: Mapping[str, Iterable[str]],
                       part_done: Callable[[], None] | None = None) -> dict[str, str]:
        """After a bulk load wrote every file under its own keys: keep these counted identity groups
        (:class:`~luocdo.graph.identity.Group`), settle them, and write again the files ``naming``
        gives for each key now merged into another node.  Returns moved key → the key of its node.
        With ``part_done``, the files are written in parts of their own, each followed by it."""

    def close(self) -> None: ...


def open_store(db: str | None = None, neo4j_uri: str | None = None, *, read_only: bool = False) -> Store:
    """Open the store the user asked for: Neo4j when a URI is given (or NEO4J_URI is set), else LadybugDB."""
    uri = neo4j_uri or os.environ.get("NEO4J_URI")
    if uri:
        from luocdo.graph.neo4j_store import Neo4jStore

        return Neo4jStore(
            uri, os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD", ""), read_only=read_only
        )
    from luocdo.graph.ladybug_store import LadybugStore

    return LadybugStore(db or os.environ.get("LUOCDO_DB") or DEFAULT_DB, read_only=read_only)
