"""The answer cache: JSON answers by (route, arguments), valid until the store changes."""

import asyncio
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

import anyio
from pydantic_core import to_json

from luocdo.api.settings import load as load_settings

CACHE_ENTRIES = 4096
CACHE_BYTES = 64 * 1024 * 1024


def query_slots() -> int:
    """Queries run at once (``LUOCDO_API_QUERY_SLOTS``; default: twice the cores, at least 2)."""
    return load_settings().query_slots


class AnswerCache:
    """JSON answers by (route, arguments), valid until the store changes.

    Concurrent misses on one key compute once (the others await the same
    future).  ``generation`` is bumped after every write; an answer computed
    while a write happened is not kept.  ``ttl`` None keeps answers until the
    next write, 0 turns the cache off.
    """

    def __init__(self, ttl: float | None, entries: int = CACHE_ENTRIES, max_bytes: int = CACHE_BYTES,
                 slots: int | None = None):
        self.ttl = ttl
        self.slots = slots or query_slots()
        self._limiter: anyio.CapacityLimiter | None = None
        self.entries = entries
        self.max_bytes = max_bytes
        self.generation = 0
        self._seen = 0  # the generation the kept answers belong to
        self._size = 0
        self._data: OrderedDict[Hashable, tuple[float, bytes]] = OrderedDict()
        self._pending: dict[Hashable, asyncio.Future[bytes]] = {}

    async def _compute(self, compute: Callable[[], Any]) -> Any:
        """Run a query in a worker thread, at most ``slots`` at once.

        Fifty clients asking at once on two cores gain nothing from fifty
        threads in the engine: each holds working memory in the database's
        page cache (which then fills) and they all slow down together.
        """
        if self._limiter is None:
            self._limiter = anyio.CapacityLimiter(self.slots)
        return await anyio.to_thread.run_sync(compute, limiter=self._limiter)

    def invalidate(self) -> None:
        """Called from the thread that wrote; the event loop only reads ``generation``."""
        self.generation += 1

    async def get(self, key: Hashable, compute: Callable[[], Any]) -> bytes:
        if self.ttl == 0:
            return to_json(await self._compute(compute))
        if self._seen != self.generation:  # the store changed: drop every kept answer
            self._data.clear()
            self._size = 0
            self._seen = self.generation
        key = (self.generation, key)
        hit = self._data.get(key)
        if hit is not None and (self.ttl is None or time.monotonic() - hit[0] < self.ttl):
            self._data.move_to_end(key)
            return hit[1]
        pending = self._pending.get(key)
        if pending is not None:
            return await asyncio.shield(pending)
        future: asyncio.Future[bytes] = asyncio.get_running_loop().create_future()
        self._pending[key] = future
        try:
            body = to_json(await self._compute(compute))
        except BaseException as e:
            future.set_exception(e)
            future.exception()  # retrieved: no "never retrieved" warning when nobody waits
            raise
        finally:
            self._pending.pop(key, None)
        future.set_result(body)
        if key[0] == self.generation == self._seen and len(body) <= self.max_bytes // 8:
            old = self._data.pop(key, None)
            if old is not None:
                self._size -= len(old[1])
            self._data[key] = (time.monotonic(), body)
            self._size += len(body)
            while len(self._data) > self.entries or self._size > self.max_bytes:
                _k, (_t, dropped) = self._data.popitem(last=False)
                self._size -= len(dropped)
        return body
