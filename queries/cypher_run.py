"""Run a user's Cypher on the store: read-only unless asked, bounded in rows, bytes and time.

A query that writes is refused three times over: by the token check of
:func:`luocdo.graph.cypher_dialect.check_read_only` (strings, comments and
numbers glued to keywords handled as the engine reads them; only an
allow-list of schema procedures may be CALLed, no settings), by the store's
``read``, and — where the store was opened read-only, as ``luocdo serve`` and
``luocdo cypher`` without ``--write`` do — by the engine itself.  Either way
:class:`WriteRefused` (403) is raised before anything changes.

An answer is cut (``truncated`` with ``truncated_by``) at ``limit`` rows, at
``max_bytes`` of JSON or when ``timeout_s`` runs out while rows are still
being turned into JSON; a query that the engine itself stops at the time
limit raises :class:`QueryTimedOut` (504).
"""

from __future__ import annotations

import math
import os
import re
import resource
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Literal

from pydantic_core import to_json

from luocdo.queries.errors import BadParameter, QueryError, WriteRefused
from luocdo.queries.models import CypherResult

if TYPE_CHECKING:  # imported where used: a worker process loads no more than it runs
    from luocdo.graph.store import Store

#: Hard ceilings whatever the caller asks.
MAX_ROWS = 100_000
MAX_TIMEOUT_S = 300.0
#: JSON bytes of the rows of one answer (``luocdo cypher``; the service has its own, lower, cap).
DEFAULT_MAX_BYTES = 64 * 1024 * 1024


class QueryTimedOut(QueryError):
    """The engine stopped the query at its time limit."""

    status = 504


class QueryOutOfMemory(QueryError):
    """The query needed more memory than it is allowed; retry with a smaller one."""

    status = 503


def writes(query: str) -> str | None:
    """The first thing that makes ``query`` unfit for the read-only path, or None.

    A query that cannot be tokenised (an unterminated string) is not judged here: None.
    """
    from luocdo.graph.cypher_dialect import CypherSyntaxError, write_keywords

    try:
        found = write_keywords(query)
    except CypherSyntaxError:
        return None
    return found[0] if found else None


def jsonable(v: Any) -> Any:
    """Values as JSON can carry them: nodes and relationships become maps, NaN and infinities strings."""
    if v is None or isinstance(v, (bool, int, str)):
        return v
    if isinstance(v, float):
        return v if math.isfinite(v) else str(v)
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


def neo4j_functions(store: Store, query: str) -> str:
    """``query`` with Neo4j's ``type(r)`` written as LadybugDB's ``label(r)`` on the embedded store.

    People copy Cypher written for Neo4j; the function call is renamed where the
    tokens say it is one (a word ``type`` followed by ``(``, not a property
    ``r.type`` nor a label ``:type``), never inside strings or comments.
    """
    if store.dialect != "ladybug" or "type" not in query.lower():
        return query
    from luocdo.graph.cypher_dialect import CypherSyntaxError, cypher_tokens

    try:
        toks = cypher_tokens(query)
    except CypherSyntaxError:
        return query  # the engine says what is wrong
    out, last = [], 0
    for i, (kind, text, at) in enumerate(toks):
        if kind != "word" or text.lower() != "type" or i + 1 >= len(toks) or toks[i + 1][1] != "(":
            continue
        if i > 0 and toks[i - 1][1] in (".", ":"):
            continue
        out += [query[last:at], "label"]
        last = at + len(text)
    return "".join(out) + query[last:] if out else query


_LABEL_COLUMN = re.compile(r"LABEL\((\w+)\._ID,.*", re.S)


def _neo4j_column_names(result: CypherResult) -> CypherResult:
    """An unnamed ``type(r)`` column is called so, as Neo4j calls it (LadybugDB spells out its label table)."""
    names = [_LABEL_COLUMN.sub(r"type(\1)", c) for c in result.columns]
    return result if names == result.columns else result.model_copy(update={"columns": names})


def run_cypher(
    store: Store,
    query: str,
    params: dict[str, Any] | None = None,
    write: bool = False,
    limit: int = 1000,
    timeout_s: float = 10.0,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> CypherResult:
    """Run ``query``; rows beyond ``limit`` or ``max_bytes`` are dropped and ``truncated`` says so."""
    from luocdo.graph.cypher_dialect import CypherSyntaxError, check_read_only
    from luocdo.graph.store import QueryTimeout, ReadOnlyViolation, StoreError, StoreOverloaded

    if not query or not query.strip():
        raise BadParameter("query is empty")
    if not 1 <= limit <= MAX_ROWS:
        raise BadParameter(f"limit must be from 1 to {MAX_ROWS}, got {limit}")
    if not 0 < timeout_s <= MAX_TIMEOUT_S:
        raise BadParameter(f"timeout must be more than 0 and at most {MAX_TIMEOUT_S:g} s, got {timeout_s}")
    if max_bytes < 1:
        raise BadParameter(f"max_bytes must be positive, got {max_bytes}")
    params = dict(params or {})
    deadline = time.monotonic() + timeout_s
    try:
        if write:
            rows: Any = store.write(query, params)
        else:
            try:
                check_read_only(query)
            except ReadOnlyViolation as e:
                raise WriteRefused(f"{e}; run it with --write (write=True) to allow that") from e
            rows = store.stream(neo4j_functions(store, query), params, limit=limit + 1, timeout_s=timeout_s)
        return _neo4j_column_names(_bounded(rows, limit, max_bytes, deadline))
    except CypherSyntaxError as e:
        raise QueryError(f"query failed: syntax error: {_syntax_message(store, query, e)}") from e
    except ReadOnlyViolation as e:
        raise WriteRefused(f"the query writes; run it with --write (write=True) to allow that ({e})") from e
    except QueryTimeout as e:
        raise QueryTimedOut(f"query stopped at the {timeout_s:g} s time limit; nothing was returned") from e
    except (StoreOverloaded, MemoryError) as e:
        raise QueryOutOfMemory(f"the query ran out of memory ({_one_line(e)}); retry later or ask for less") from e
    except StoreError as e:
        if "bad_alloc" in str(e) or "out of memory" in str(e).lower():
            raise QueryOutOfMemory(f"the query needs more memory than it may use ({_one_line(e)}); "
                                   "ask for less") from e
        raise QueryError(f"query failed: {_one_line(e)}") from e
    except QueryError:
        raise
    except Exception as e:  # engine errors (syntax, types): one line for the caller
        raise QueryError(f"query failed: {type(e).__name__}: {_one_line(e)}") from e


def _bounded(rows: Any, limit: int, max_bytes: int, deadline: float) -> CypherResult:
    """The first rows of ``rows`` that fit ``limit``, ``max_bytes`` of JSON and the time left."""
    out: list[list[Any]] = []
    columns: list[str] = []
    size = 0
    cut: Literal["rows", "bytes", "time"] | None = None
    it = iter(rows)
    try:
        for row in it:
            if not columns:
                columns = list(row.keys())
            if len(out) >= limit:
                cut = "rows"
                break
            if time.monotonic() > deadline:
                cut = "time"
                break
            values = [jsonable(row.get(c)) for c in columns]
            size += len(to_json(values)) + 1
            if size > max_bytes:
                cut = "bytes"
                break
            out.append(values)
    finally:
        close = getattr(it, "close", None)
        if close is not None:
            close()
    return CypherResult(columns=columns, rows=out, truncated=cut is not None, truncated_by=cut)


def _syntax_message(store: Store, query: str, e: Any) -> str:
    """The engine's own message for a query the token check could not read, when it can give one.

    Only the text up to and including the unclosed quote goes to the engine's
    parser (it passed the check, and it cannot parse): nothing is run.
    """
    from luocdo.graph.cypher_dialect import write_keywords

    prefix = query[: e.offset + 1]
    try:
        if not write_keywords(query[: e.offset]):
            msg = store.parse_error(prefix)
            if msg:
                return msg
    except Exception:
        pass
    return str(e)


def _one_line(e: BaseException) -> str:
    return " ".join(str(e).split())[:500]


def memory_budget_mb() -> int:
    """MiB a read-only query may allocate beyond the open store (``LUOCDO_CYPHER_MEMORY_MB``, 1024)."""
    raw = os.environ.get("LUOCDO_CYPHER_MEMORY_MB", "").strip()
    if not raw:
        return 1024
    if not raw.isdigit() or int(raw) < 64:
        raise BadParameter(f"LUOCDO_CYPHER_MEMORY_MB must be a whole number of MiB, at least 64, not {raw!r}")
    return int(raw)


@contextmanager
def capped_memory(extra_mb: int) -> Iterator[None]:
    """Within the block, this process may map at most ``extra_mb`` MiB more than it has now (Linux).

    LadybugDB reserves its page cache as one large virtual region when the file
    is opened; what a query allocates beyond it (``range(1, 300000000)``, a
    huge sort) then fails with an out-of-memory error instead of taking the
    machine.  Enter it after opening the store; the old limit comes back after.
    """
    try:
        with open("/proc/self/statm") as f:
            mapped = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    want = mapped + extra_mb * 1024 * 1024
    if soft != resource.RLIM_INFINITY:
        want = min(want, soft)
    resource.setrlimit(resource.RLIMIT_AS, (want, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
