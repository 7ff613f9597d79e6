"""Where ``POST /cypher`` queries run: in worker processes of their own, a few at a time.

A client's Cypher can ask for anything the engine can do: a path search that
never ends, a list of 300 million numbers, a gigabyte of text.  So it never
runs in the server process.  :class:`WorkerPool` keeps ``LUOCDO_CYPHER_SLOTS``
(default half the cores, at least 1) processes, each with the store open read-only (a page cache of
``LUOCDO_CYPHER_BUFFER_POOL_MB``, default 256) and running at a lower CPU
priority (``LUOCDO_CYPHER_NICE``, default 10, taken before the process imports
anything: :mod:`luocdo.api.cypher_worker`), so that on a busy machine the
lookups get the CPU first; while a query runs, its process may map at most
``LUOCDO_CYPHER_MEMORY_MB`` (default 1024) beyond what the open store takes,
so a query that wants more fails with out-of-memory (503) instead of taking
the machine.  The answer is built (and cut to size) in the worker; a worker
that has not answered by the time limit plus a grace second is killed and
replaced (504), and one that crashes is replaced too (503).  Lookups and
``/healthz`` never wait for any of this.

Stores that cannot be opened from another process (``:memory:``) or that
bound their queries on a server (Neo4j) run in a bounded thread pool instead
(:class:`ThreadRunner`), with the same row, byte and time bounds.
"""

from __future__ import annotations

import contextlib
import queue
import subprocess
import sys
import threading
from typing import Any

import anyio
from pydantic_core import to_json

from luocdo.api.limits import ClientLimits
from luocdo.api.settings import ApiSettings
from luocdo.api.settings import load as load_settings
from luocdo.graph.store import Store
from luocdo.queries.cypher_run import (
    QueryOutOfMemory,
    QueryTimedOut,
    memory_budget_mb,
    run_cypher,
)
from luocdo.queries.errors import QueryError, WriteRefused

#: Seconds a worker may take beyond a query's time limit before it is killed.
GRACE_S = 1.0


class QueryCrashed(QueryError):
    """The worker running the query died (a crash in the engine); the query was not answered."""

    status = 503


# --------------------------------------------------------------------------- the worker process


class _Worker:
    """One query process (:mod:`luocdo.api.cypher_worker`) and the pipe to it."""

    def __init__(self, args: tuple) -> None:
        import multiprocessing as mp  # its Connection: length-prefixed pickles over a socket pair

        path, buffer_pool_mb, memory_mb, max_bytes, nice = args
        self.conn, child = mp.Pipe()
        cmd = [sys.executable, "-m", "luocdo.api.cypher_worker", str(child.fileno()), str(nice), path,
               str(buffer_pool_mb), str(memory_mb), str(max_bytes)]
        try:
            self.proc = subprocess.Popen(cmd, pass_fds=(child.fileno(),), stdin=subprocess.DEVNULL)
        finally:
            child.close()
        self.ready = False

    @property
    def exitcode(self) -> int | None:
        return self.proc.poll()

    def kill(self) -> None:
        with contextlib.suppress(Exception):
            self.proc.kill()
        with contextlib.suppress(Exception):
            self.proc.wait(5)
        with contextlib.suppress(Exception):
            self.conn.close()


class WorkerPool:
    """``size`` worker processes over the LadybugDB file at ``path``; :meth:`run` blocks."""

    def __init__(self, path: str, *, size: int, max_bytes: int, memory_mb: int, buffer_pool_mb: int,
                 nice: int = 10) -> None:
        self.path = path
        self.size = size
        self._args = (path, buffer_pool_mb, memory_mb, max_bytes, nice)
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: list[_Worker] = []
        self._lock = threading.Lock()
        self._closed = False
        self._started = False

    def _start(self) -> None:
        """The workers start with the first query (a second or so), not with the app."""
        with self._lock:
            if self._started:
                return
            self._started = True
        for _ in range(self.size):
            self._add()

    def _add(self) -> None:
        w = _Worker(self._args)
        with self._lock:
            self._all.append(w)
        self._idle.put(w)

    def _replace(self, w: _Worker) -> None:
        w.kill()
        with self._lock:
            if w in self._all:
                self._all.remove(w)
        if not self._closed:
            self._add()

    def pids(self) -> list[int]:
        with self._lock:
            return [w.proc.pid for w in self._all if w.proc.pid]

    def run(self, query: str, params: dict[str, Any], *, limit: int, timeout_s: float) -> bytes:
        if not self._started:
            self._start()
        w = self._idle.get()
        try:
            if not w.ready:
                status = w.conn.recv() if w.conn.poll(60) else ("dead", "the worker did not start within 60 s")
                if status[0] != "ready":
                    raise QueryCrashed(f"the query worker could not open the store: {status[1]}")
                w.ready = True
            w.conn.send((query, params, limit, timeout_s))
            if not w.conn.poll(timeout_s + GRACE_S):
                raise QueryTimedOut(f"query stopped at the {timeout_s:g} s time limit (answer included); "
                                    "nothing was returned")
            reply = w.conn.recv()
        except QueryError:
            self._replace(w)
            raise
        except (EOFError, OSError, BrokenPipeError) as e:
            code = w.exitcode
            self._replace(w)
            raise QueryCrashed(f"the query stopped the process running it (exit code {code}); "
                               "it was not answered") from e
        self._idle.put(w)
        if reply[0] == "ok":
            return reply[1]
        status, message = reply[1], reply[2]
        if status == 504:
            raise QueryTimedOut(message)
        if status == 503:
            raise QueryOutOfMemory(message)
        if status == 403:
            raise WriteRefused(message)
        raise QueryError(message, status=status)

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for w in workers:
            with contextlib.suppress(Exception):
                w.conn.send(None)
            with contextlib.suppress(subprocess.TimeoutExpired):
                w.proc.wait(2)
            w.kill()


class ThreadRunner:
    """Queries in the calling thread, on the store itself (bounded in rows, bytes and time)."""

    def __init__(self, store: Store, *, max_bytes: int) -> None:
        self.store = store
        self.max_bytes = max_bytes

    def run(self, query: str, params: dict[str, Any], *, limit: int, timeout_s: float) -> bytes:
        return to_json(run_cypher(self.store, query, params, limit=limit, timeout_s=timeout_s,
                                  max_bytes=self.max_bytes))

    def pids(self) -> list[int]:
        return []

    def close(self) -> None:
        pass


class ServiceFull(QueryError):
    """Every slot is busy and the queue is full."""

    status = 503


class CypherRunner:
    """The service's way to run clients' queries: at most ``slots`` at once, apart from everything
    else, ``LUOCDO_CYPHER_QUEUE`` more waiting (default 4 × slots), and per client at most
    ``LUOCDO_CYPHER_PER_CLIENT`` at once (2) and ``LUOCDO_CYPHER_PER_MINUTE`` a minute (60)."""

    def __init__(self, store: Store, *, max_bytes: int, slots: int | None = None,
                 settings: ApiSettings | None = None) -> None:
        settings = settings or load_settings()
        self.slots = slots or settings.cypher_slots
        self.max_waiting = 4 * self.slots if settings.CYPHER_QUEUE is None else settings.CYPHER_QUEUE
        self.limits = ClientLimits(concurrent=settings.CYPHER_PER_CLIENT, per_minute=settings.CYPHER_PER_MINUTE)
        self.token = settings.CYPHER_TOKEN or None
        path = store.path
        if store.dialect == "ladybug" and path not in (None, "", ":memory:"):
            self.backend: WorkerPool | ThreadRunner = WorkerPool(
                path, size=self.slots, max_bytes=max_bytes, memory_mb=memory_budget_mb(),
                buffer_pool_mb=settings.CYPHER_BUFFER_POOL_MB, nice=settings.CYPHER_NICE)
        else:
            self.backend = ThreadRunner(store, max_bytes=max_bytes)
        self._limiter: anyio.CapacityLimiter | None = None
        self.in_flight = 0

    async def run(self, client: str, query: str, params: dict[str, Any], *, limit: int,
                  timeout_s: float) -> bytes:
        """The answer's JSON; raises :class:`TooMany` (429), :class:`ServiceFull` and the query errors."""
        if self._limiter is None:
            self._limiter = anyio.CapacityLimiter(self.slots)
        with self.limits.slot(client):
            if self.in_flight >= self.slots + self.max_waiting:
                raise ServiceFull(f"{self.slots} queries are running and {self.max_waiting} waiting, the most "
                                  "this server takes; retry shortly")
            self.in_flight += 1
            try:
                return await anyio.to_thread.run_sync(
                    lambda: self.backend.run(query, params, limit=limit, timeout_s=timeout_s),
                    limiter=self._limiter)
            finally:
                self.in_flight -= 1

    def start(self) -> None:
        """Start the worker processes now rather than with the first query."""
        if isinstance(self.backend, WorkerPool):
            self.backend._start()

    def close(self) -> None:
        self.backend.close()
