"""Where sentences and clauses break, found once per document.

Evidence sentences and the reach of relation cues are bounded by the last
break before a citation and the first one after it.  Searching a window
around each of some thirty citations per document cost more than all of
the citation parsing; the matches of a break pattern over the whole folded
text are found once (and kept for the few documents in hand) and each
question is a binary search.  Where a document asks about only a few
positions, :func:`last_end_near` reads just around each of them.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache


class Breaks:
    """The matches of one break pattern over one text, in order."""

    __slots__ = ("ends", "starts")

    def __init__(self, pattern: re.Pattern[str] | tuple[re.Pattern[str], ...], text: str) -> None:
        end = len(text)
        spans: list[tuple[int, int]] = []
        # parts whose matches cannot overlap one another: their union, in order
        for part in pattern if isinstance(pattern, tuple) else (pattern,):
            spans += [m.span() for m in part.finditer(text, 0, end)]
        if isinstance(pattern, tuple):
            spans.sort()
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


_LOWER = frozenset("abcdefghijklmnopqrstuvwxyz")


def _between_letters(text: str, at: int) -> int:
    """``at``, or the nearest position before it that stands between two lower-case letters (or 0)."""
    while at > 0 and not (text[at - 1] in _LOWER and text[at] in _LOWER):
        at -= 1
    return at


def _letters_after(text: str, at: int) -> int:
    """The nearest position from ``at`` on that stands between two lower-case letters (or the end)."""
    n = len(text)
    at = max(at, 1)
    while at < n and not (text[at - 1] in _LOWER and text[at] in _LOWER):
        at += 1
    return min(at, n)


def last_end_near(pattern: re.Pattern[str], text: str, lo: int, pos: int) -> int | None:
    """``Breaks(pattern, text).last_end(lo, pos)``, reading the text only a little before ``pos``.

    For a pattern without lookbehind none of whose matches holds two lower-case letters in a
    row or ends with one (breaks made of punctuation, white space and list marks, over folded
    text): no match then runs across a point between two such letters, so a scan started
    there finds the matches a scan of the whole text finds after it, and one stopped at such a
    point finds those before it.
    """
    back = 256
    while True:
        target = max(lo, pos - back)
        last = None
        for m in pattern.finditer(text, _between_letters(text, target), _letters_after(text, pos + 1)):
            if m.end() > pos:
                break
            if m.start() >= lo:
                last = m.end()
        if last is not None or target == lo:
            return last
        back *= 4


@lru_cache(maxsize=16)
def breaks(pattern: re.Pattern[str] | tuple[re.Pattern[str], ...], text: str) -> Breaks:
    """The :class:`Breaks` of ``pattern`` in ``text`` (kept for the texts in hand: same text, same object)."""
    return Breaks(pattern, text)


#: Blank lines OCR puts inside a sentence, after a short line ("… ban hành Chương trình hành động của Chính phủ\n\n
#: thực hiện Nghị quyết số …"): the line before ends on a small letter or a comma and the next goes on in small
#: letters, or the line before ends on a word no sentence ends on ("… một số điều của\n\nNghị định số …").  Found
#: from the blank lines (a search that starts on "\n"), the words on either side read from there.
_BLANK_LINES = re.compile(r"\n(?P<blank>(?:[ \t]*\n)+)")
_WORD_BEFORE = re.compile(r"(?:[^\W\d_]+|,)[ \t]*\Z")
_WORD_AFTER = re.compile(r"[ \t]*(?P<next>[^\W\d_]{2})")
_GOES_ON = frozenset({"cua", "va", "ve", "tai", "theo", "so", "voi", "cac", "cho", "ngay", "thuc", "trien", "ban"})  # folded


def sentence_cuts_closed(text: str, folded: str) -> str:
    """``folded`` with the blank lines inside a sentence blanked (same length): the sentence is one, its line only
    wrapped, for the cues and the nesting read over it."""
    if "\n\n" not in text and "\n \n" not in text:
        return folded
    spots = []
    for m in _BLANK_LINES.finditer(text):
        nxt = _WORD_AFTER.match(text, m.end())
        if nxt is None:
            continue
        prev = _WORD_BEFORE.search(text, max(0, m.start() - 40), m.start())
        if prev is None:
            continue
        word = prev.group().rstrip(" \t")
        if (word == "," or word[-1].islower()) and (nxt.group("next").islower() or folded[prev.start() : prev.start() + len(word)] in _GOES_ON):
            spots.append(m.span("blank"))
    if not spots:
        return folded
    out = list(folded)
    for lo, hi in spots:
        out[lo:hi] = " " * (hi - lo)
    return "".join(out)
