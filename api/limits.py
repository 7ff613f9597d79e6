"""Per-client limits of the expensive routes: queries at once and queries per minute.

A client is its address as the server sees it (put the service behind a proxy
that sets one address per user, or require a token).  Past either limit the
request is answered 429 with ``Retry-After`` before any work is done.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass


class TooMany(Exception):
    """The client is over a limit; ``retry_after`` is in whole seconds."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.message = message
        self.retry_after = max(1, retry_after)


@dataclass
class _Bucket:
    tokens: float
    stamp: float
    running: int = 0


class ClientLimits:
    """At most ``concurrent`` requests in flight and ``per_minute`` requests a minute (bursts of
    ``burst``) per client; the table of clients is trimmed so it cannot grow without end."""

    def __init__(self, *, concurrent: int, per_minute: float, burst: int | None = None,
                 max_clients: int = 10_000) -> None:
        self.concurrent = concurrent
        self.rate = per_minute / 60.0
        self.burst = burst if burst is not None else max(1, math.ceil(per_minute))
        self.max_clients = max_clients
        self._clients: dict[str, _Bucket] = {}

    @contextmanager
    def slot(self, client: str) -> Iterator[None]:
        """Hold one of the client's slots for the block, or raise :class:`TooMany`.

        Called from the event loop only (no lock needed).
        """
        now = time.monotonic()
        b = self._clients.get(client)
        if b is None:
            if len(self._clients) >= self.max_clients:
                self._trim(now)
            b = self._clients[client] = _Bucket(tokens=float(self.burst), stamp=now)
        b.tokens = min(float(self.burst), b.tokens + (now - b.stamp) * self.rate)
        b.stamp = now
        if b.running >= self.concurrent:
            raise TooMany(f"{self.concurrent} queries from this client are already running; "
                          "wait for one to finish", 1)
        if b.tokens < 1.0:
            wait = math.ceil((1.0 - b.tokens) / self.rate) if self.rate > 0 else 60
            raise TooMany(f"over {self.rate * 60:g} queries a minute from this client", wait)
        b.tokens -= 1.0
        b.running += 1
        try:
            yield
        finally:
            b.running -= 1

    def _trim(self, now: float) -> None:
        idle = [k for k, b in self._clients.items() if b.running == 0]
        idle.sort(key=lambda k: self._clients[k].stamp)
        for k in idle[: max(1, len(idle) // 2)]:
            del self._clients[k]
