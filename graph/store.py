"""The Store protocol: everything a backend must do, and how to open one.

Two implementations: LadybugDB (embedded, the default) and Neo4j (through the
official driver, any Bolt server).  Dialect differences live in the two
implementations and in per-dialect query variants, nowhere else.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
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
    dialect: str  # "ladybug" | "neo4j"

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
