"""What the Cypher stores' writes share: rows per statement, and the origins that are no file."""

from __future__ import annotations

from collections.abc import Iterator

#: Claim key of organisations upserted by ensure_organizations (not from any file).
REGISTRY_SOURCE = "@registry"

#: Origin of the ISSUED_BY edges of cited instruments, kept once (see CypherStore._swap).
CITED_SOURCE = "@cited"

#: Relations that are registry facts, kept once whoever restates them (origin ``@registry``).
REGISTRY_RELS = ("PART_OF", "SUCCEEDED_BY")

#: Identity group that records that the store's groups were counted (graph.identity keys never have "#").
IDENTITY_MARKER = "#counted"

#: Rows per UNWIND statement.
CHUNK = 2000


def chunks(rows: list, n: int = CHUNK) -> Iterator[list]:
    for i in range(0, len(rows), n):
        yield rows[i : i + n]
