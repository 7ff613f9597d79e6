"""The C heap of a bulk load: what the engine frees after each ``COPY`` handed back to the system.

LadybugDB's ``COPY`` and the checkpoint after it build rows and column chunks
in memory taken from the C library's ``malloc`` (counted against the page
cache, but not in it), and free them at the end.  glibc keeps freed memory in
its heaps for reuse rather than returning it, so a bulk load grew from part to
part: on a million documents the process held 2.3–2.6 GB between the edge
tables' parts with a page cache of 1 GiB, and peaked at 3.1 GB.  A trim after
each checkpoint brought that to 1.3–1.6 GB (peak 2.8 GB), and large blocks in
mappings of their own to a peak of 2.7 GB, at the same speed (within 2 %).  Where the C
library is not glibc, nothing is done.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import cache
from typing import Any

#: ``mallopt`` parameter: the size from which a block gets a mapping of its own.
_M_MMAP_THRESHOLD = -3

#: Blocks from this size get their own mapping during a bulk load's copy (glibc's default, 128 KiB,
#: rises up to 32 MiB as large blocks are freed, and blocks under it stay in the heaps).
MAPPED_BLOCK = 256 * 2**10


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
    return lib if hasattr(lib, "malloc_trim") and hasattr(lib, "mallopt") else None


def trim() -> bool:
    """Return the free memory of every arena to the system; False where not glibc (nothing done)."""
    lib = _glibc()
    if lib is None:
        return False
    lib.malloc_trim(0)  # 1 when something was returned: not a failure when nothing was
    return True


def map_large_blocks(threshold: int = MAPPED_BLOCK) -> bool:
    """From now on, give each block of ``threshold`` bytes or more its own mapping, unmapped when freed.

    A checkpoint's column chunks are such blocks: in the heaps, what one frees
    stays until the next :func:`trim`, and a later block that fits none of its
    holes grows the heap further.  False where not glibc (nothing done).
    """
    lib = _glibc()
    return bool(lib is not None and lib.mallopt(_M_MMAP_THRESHOLD, threshold))
