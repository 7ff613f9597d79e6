"""A process that runs clients' ``/cypher`` queries for the service (:mod:`luocdo.api.cypher_pool`).

It is started as ``python -m luocdo.api.cypher_worker FD NICE PATH BUFFER_MB MEMORY_MB MAX_BYTES``
and lowers its CPU priority before it imports anything else: starting one
(the imports, opening the store) costs about half a second of CPU, and a
worker replaced while lookups are served must not take that from them.  The
engine's threads, started later, inherit the priority.  Nothing heavy is
imported at the top of this module, so that the lowering comes first.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from typing import Any


def lower_priority(nice: int) -> None:
    """Raise this process's niceness to ``nice`` (0–19); a lower one is kept (it cannot be lowered
    without privileges anyway)."""
    with contextlib.suppress(OSError, AttributeError):
        now = os.getpriority(os.PRIO_PROCESS, 0)
        if nice > now:
            os.nice(nice - now)


def open_read_only(path: str, tries: int = 20) -> Any:
    """The store at ``path`` opened read-only; a writer's checkpoint can make an open fail for a
    moment, so it is tried again for a few seconds before the error is let through."""
    from luocdo.graph.ladybug_store import LadybugStore

    for attempt in range(tries):
        try:
            return LadybugStore(path, read_only=True)
        except Exception:
            if attempt == tries - 1:
                raise
            time.sleep(0.25)
    raise AssertionError("unreachable")


def answer(store: Any, msg: tuple, memory_mb: int, max_bytes: int) -> tuple:
    """One query (query, params, limit, timeout) → ("ok", json bytes) or ("error", status, message)."""
    from pydantic_core import to_json

    from luocdo.queries.cypher_run import capped_memory, run_cypher
    from luocdo.queries.errors import QueryError

    query, params, limit, timeout_s = msg
    try:
        store.version()  # re-open (uncapped) when another process wrote to the file
        store._read_conn().set_max_threads_for_exec(1)  # one core per query
        with capped_memory(memory_mb):
            result = run_cypher(store, query, params, limit=limit, timeout_s=timeout_s, max_bytes=max_bytes)
            return ("ok", to_json(result))
    except QueryError as e:
        return ("error", e.status, e.message)
    except MemoryError:
        return ("error", 503, "the query ran out of memory; ask for less")
    except Exception as e:
        return ("error", 400, f"query failed: {type(e).__name__}: {e}")


def serve(conn: Any, path: str, buffer_pool_mb: int, memory_mb: int, max_bytes: int) -> None:
    """Answer queries from ``conn`` until it closes; first say ("ready", pid) or ("dead", why)."""
    os.environ["LUOCDO_BUFFER_POOL_MB"] = str(buffer_pool_mb)
    try:
        store = open_read_only(path)
    except Exception as e:
        conn.send(("dead", f"{type(e).__name__}: {e}"))
        return
    conn.send(("ready", os.getpid()))
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        try:
            conn.send(answer(store, msg, memory_mb, max_bytes))
        except (OSError, ValueError):
            return


def main(argv: list[str]) -> None:
    fd, nice, path, buffer_pool_mb, memory_mb, max_bytes = argv
    lower_priority(int(nice))  # before the imports below and the engine's threads
    from multiprocessing.connection import Connection

    serve(Connection(int(fd)), path, int(buffer_pool_mb), int(memory_mb), int(max_bytes))


if __name__ == "__main__":
    main(sys.argv[1:])
