"""Where ``POST /cypher`` queries run: apart from the lookups, a few at a time.

:class:`CypherRunner` runs each query in a worker thread of its own bounded
pool (``LUOCDO_CYPHER_SLOTS``, default 2), never in the thread pool that
serves the lookups and ``/healthz``.
"""

from __future__ import annotations

import os
from typing import Any

import anyio
from pydantic_core import to_json

from luocdo.queries.cypher_run import run_cypher


def _env_int(name: str, default: int, low: int = 1) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) < low:
        raise ValueError(f"{name} must be a whole number of at least {low}, not {raw!r}")
    return int(raw)


class CypherRunner:
    """Runs read-only queries on ``store`` in ``slots`` threads of their own."""

    def __init__(self, store: Any, *, slots: int | None = None, max_bytes: int) -> None:
        self.store = store
        self.slots = slots or _env_int("LUOCDO_CYPHER_SLOTS", 2)
        self.max_bytes = max_bytes
        self._limiter: anyio.CapacityLimiter | None = None

    async def run(self, request: Any, query: str, params: dict[str, Any], *, limit: int,
                  timeout_s: float) -> bytes:
        if self._limiter is None:
            self._limiter = anyio.CapacityLimiter(self.slots)

        def go() -> bytes:
            result = run_cypher(self.store, query, params, limit=limit, timeout_s=timeout_s,
                                max_bytes=self.max_bytes)
            return to_json(result)

        return await anyio.to_thread.run_sync(go, limiter=self._limiter)

    def close(self) -> None:
        pass
