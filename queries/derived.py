"""What queries derive from a whole store (a word index, the organization tree), kept until the store changes.

Building such a thing reads a table in full, so it is worth keeping between
queries; ``store.version()`` says when it is stale (a commit here, or the
database file written by another process).  Stores without ``version`` (a
remote Neo4j that other clients write to) get ``None``: callers then ask the
store each time.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from luocdo.graph.store import Store

T = TypeVar("T")

_cache: weakref.WeakKeyDictionary[Any, dict[str, tuple[Hashable, Any]]] = weakref.WeakKeyDictionary()
_lock = threading.Lock()
_pinned = threading.local()


@contextmanager
def one_version(store: Store) -> Iterator[None]:
    """Within this block, every :func:`derived` of ``store`` in this thread takes the version read once
    here: on a server each read of it is a round trip, and one question needs it only once."""
    pins: dict[int, Any] = _pinned.__dict__.setdefault("pins", {})
    if id(store) in pins:  # nested: the outer block's version holds
        yield
        return
    pins[id(store)] = store.version()
    try:
        yield
    finally:
        del pins[id(store)]


def _version(store: Store) -> Any:
    pins = getattr(_pinned, "pins", None)
    if pins and id(store) in pins:
        return pins[id(store)]
    return store.version()


def derived(store: Store, name: str, build: Callable[[], T]) -> T | None:
    """The ``name`` thing of ``store``, built by ``build`` once per store version; None without versions."""
    version = _version(store)
    if version is None:
        return None
    with _lock:
        got = _cache.get(store, {}).get(name)
        if got is not None and got[0] == version:
            return got[1]
    value = build()
    with _lock:
        _cache.setdefault(store, {})[name] = (version, value)
    return value
