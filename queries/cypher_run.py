"""Run a user's Cypher on the store: read-only unless asked, bounded in rows and time.

A query that writes is refused twice over: here, by a lexical check for the
writing clauses (outside strings and comments), and by the store, whose
``read`` runs in a read-only transaction and raises ``ReadOnlyViolation``.
Either way :class:`WriteRefused` (403) is raised before anything changes.
"""

from __future__ import annotations

import re
from typing import Any

from luocdo.queries.errors import BadParameter, QueryError, WriteRefused
from luocdo.queries.models import CypherResult

#: Hard ceilings whatever the caller asks.
MAX_ROWS = 100_000
MAX_TIMEOUT_S = 300.0

_WRITE_WORDS = (
    "CREATE", "MERGE", "SET", "DELETE", "DETACH", "REMOVE", "DROP", "ALTER", "COPY", "LOAD",
    "INSTALL", "ATTACH", "DETACH", "IMPORT", "EXPORT", "CHECKPOINT", "BEGIN", "COMMIT", "ROLLBACK",
    "FOREACH", "RENAME", "GRANT", "REVOKE", "DENY",
)
_WRITE = re.compile(r"(?<![\w.$`])(?:" + "|".join(dict.fromkeys(_WRITE_WORDS)) + r")(?![\w`])", re.I)
_STRIP = re.compile(r"'(?:\\.|[^'\\])*'|\"(?:\\.|[^\"\\])*\"|`[^`]*`|//[^\n]*|/\*.*?\*/", re.S)


def writes(query: str) -> str | None:
    """The first writing clause in ``query`` (outside strings, names and comments), or None."""
    m = _WRITE.search(_STRIP.sub(" ", query))
    return m.group(0).upper() if m else None


def jsonable(v: Any) -> Any:
    """Values as JSON can carry them: nodes and relationships become maps."""
    if v is None or isinstance(v, (bool, int, float, str)):
        return v
    if isinstance(v, dict):
        return {str(k): jsonable(x) for k, x in v.items()}
    if isinstance(v, (list, tuple, set, frozenset)):
        return [jsonable(x) for x in v]
    if hasattr(v, "isoformat"):
        return v.isoformat()
    if hasattr(v, "nodes") and hasattr(v, "relationships"):  # neo4j Path
        return {"nodes": [jsonable(n) for n in v.nodes], "relationships": [jsonable(r) for r in v.relationships]}
    if hasattr(v, "labels") and hasattr(v, "items"):  # neo4j Node
        return {"_labels": sorted(v.labels), **{k: jsonable(x) for k, x in v.items()}}
    if hasattr(v, "type") and hasattr(v, "items"):  # neo4j Relationship
        return {"_type": v.type, **{k: jsonable(x) for k, x in v.items()}}
    if isinstance(v, (bytes, bytearray)):
        return v.hex()
    return str(v)


def run_cypher(
    store: Any,
    query: str,
    params: dict[str, Any] | None = None,
    write: bool = False,
    limit: int = 1000,
    timeout_s: float = 10.0,
) -> CypherResult:
    """Run ``query``; rows beyond ``limit`` are dropped and ``truncated`` says so."""
    from luocdo.graph.store import ReadOnlyViolation, StoreError

    if not query or not query.strip():
        raise BadParameter("query is empty")
    if not 1 <= limit <= MAX_ROWS:
        raise BadParameter(f"limit must be from 1 to {MAX_ROWS}, got {limit}")
    if not 0 < timeout_s <= MAX_TIMEOUT_S:
        raise BadParameter(f"timeout must be more than 0 and at most {MAX_TIMEOUT_S:g} s, got {timeout_s}")
    params = dict(params or {})
    if write:
        try:
            rows = store.write(query, params)
        except StoreError as e:
            raise QueryError(f"query failed: {e}") from e
        except Exception as e:  # engine errors (syntax, types): one line for the caller
            raise QueryError(f"query failed: {type(e).__name__}: {e}") from e
    else:
        clause = writes(query)
        if clause:
            raise WriteRefused(f"the query writes ({clause}); run it with --write (write=True) to allow that")
        try:
            rows = store.read(query, params, limit=limit + 1, timeout_s=timeout_s)
        except ReadOnlyViolation as e:
            raise WriteRefused(f"the query writes; run it with --write (write=True) to allow that ({e})") from e
        except StoreError as e:
            raise QueryError(f"query failed: {e}") from e
        except Exception as e:
            raise QueryError(f"query failed: {type(e).__name__}: {e}") from e
    rows = list(rows or [])
    truncated = len(rows) > limit
    rows = rows[:limit]
    columns: list[str] = list(rows[0].keys()) if rows else []
    return CypherResult(
        columns=columns,
        rows=[[jsonable(r.get(c)) for c in columns] for r in rows],
        truncated=truncated,
    )
