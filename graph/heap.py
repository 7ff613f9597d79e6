"""The C heap of a bulk load: what the engine frees after each ``COPY`` handed back to the system.

LadybugDB's ``COPY`` builds its rows in memory it takes from the C library's
``malloc`` (counted against the page cache, but not in it) and frees it at the
checkpoint.  glibc keeps freed memory in its arenas for reuse rather than
returning it, and each ``COPY`` leaves holes of its own, so a bulk load grew
from part to part: on a million documents the process held 2.3–2.6 GB between
the edge tables' parts with a page cache of 1 GiB, 1.3–1.6 GB with a trim after
each checkpoint.  Where the C library is not glibc, nothing is done.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import cache
from typing import Any


@cache
def _glibc() -> Any:
    """glibc's handle, or None (musl, macOS, Windows: no ``malloc_trim``)."""
    name = ctypes.util.find_library("c")
    if not name:
        return None
    try:
        lib = ctypes.CDLL(name)
    except OSError:  # pragma: no cover - no C library by that name
        return None
    return lib if hasattr(lib, "malloc_trim") else None


def trim() -> bool:
    """Return the free memory of every arena to the system; False where not glibc (nothing done)."""
    lib = _glibc()
    if lib is None:
        return False
    lib.malloc_trim(0)  # 1 when something was returned: not a failure when nothing was
    return True
