"""Where sentences and clauses break, found once per document.

Evidence sentences and the reach of relation cues are bounded by the last
break before a citation and the first one after it.  Searching a window
around each of some thirty citations per document cost more than all of
the citation parsing; the matches of a break pattern over the whole folded
text are found once (and kept for the few documents in hand) and each
question is a binary search.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache


class Breaks:
    """The matches of one break pattern over one text, in order."""

    __slots__ = ("ends", "starts")

    def __init__(self, pattern: re.Pattern[str] | tuple[re.Pattern[str], ...], text: str, hi: int | None = None) -> None:
        end = len(text) if hi is None else hi
        if isinstance(pattern, tuple):
            # parts whose matches cannot overlap one another: their union, in order
            spans = sorted(m.span() for part in pattern for m in part.finditer(text, 0, end))
        else:
            spans = [m.span() for m in pattern.finditer(text, 0, end)]
        self.starts = [a for a, _ in spans]
        self.ends = [b for _, b in spans]

    def last_end(self, lo: int, pos: int) -> int | None:
        """End of the last match lying within ``[lo, pos]``, if any."""
        i = bisect_right(self.ends, pos) - 1  # ends rise with starts: matches do not overlap
        if i >= 0 and self.starts[i] >= lo:
            return self.ends[i]
        return None

    def first(self, pos: int, hi: int) -> tuple[int, int] | None:
        """(start, end) of the first match lying within ``[pos, hi]``, if any."""
        i = bisect_left(self.starts, pos)
        if i < len(self.starts) and self.ends[i] <= hi:
            return self.starts[i], self.ends[i]
        return None


@lru_cache(maxsize=16)
def breaks(pattern: re.Pattern[str] | tuple[re.Pattern[str], ...], text: str, hi: int | None = None) -> Breaks:
    """The :class:`Breaks` of ``pattern`` in ``text`` (kept for the texts in hand: same text, same object).

    With ``hi``, only ``text[:hi]`` is read: enough for questions about
    positions well before ``hi`` that are not white space.  A break made of
    punctuation and white space that the cut shortens runs through white space
    from before such a position to past ``hi``, so it cannot end before the
    position in one reading and after it in the other (a test compares the two).
    """
    return Breaks(pattern, text, hi)
