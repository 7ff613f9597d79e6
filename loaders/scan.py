"""Finding a pattern over a whole document without trying it at every position.

A regular expression searched over 10 KB of text is tried at every
position, and each try costs the engine a call, whatever the first letter
rules out: about 50 µs per pattern per document, the largest part of
extraction for the patterns looked for everywhere ("tỉnh …", "UBND xã …",
"Luật …").  A pattern that starts with plain characters is found far faster:
the engine looks for those characters first.  So a pattern whose every match
starts with one of a few keywords is tried only where they occur
(:func:`keyword_finditer`), and a pattern that starts a line is searched from
the line breaks (:class:`LinePattern`).  Both give the matches of the plain
search; tests/test_fast_paths.py compares them on the seeds and random text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache


@lru_cache(maxsize=64)
def _keyword(source: str) -> re.Pattern[str]:
    return re.compile(source)


def keyword_finditer(
    pattern: re.Pattern[str], text: str, keywords: tuple[str, ...], lo: int = 0, hi: int | None = None
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text, lo, hi)``, for a pattern whose every match starts with a match of one of
    ``keywords``.

    Each keyword is a small regular expression that starts with plain letters
    ("uy\\s", not "uy": the engine finds its first letters fast, and "uy"
    alone occurs inside a hundred words of a plan).  Like ``finditer``, a match
    is looked for only after the end of the one before; lookbehinds still see
    the text before each position, as they do in a scan.
    """
    end = len(text) if hi is None else min(hi, len(text))
    starts: list[int] = []
    for word in keywords:
        starts += [m.start() for m in _keyword(word).finditer(text, lo, end)]
    if len(keywords) > 1:
        starts.sort()
    after = lo
    for i in starts:
        if i < after:
            continue
        m = pattern.match(text, i, end)
        if m is not None:
            yield m
            after = m.end() if m.end() > i else i + 1


class LinePattern:
    """A pattern that starts at the beginning of a line, found from the line breaks.

    ``(?m)^`` is an assertion, tried at every position; a pattern that starts
    with a literal "\\n" is found by the engine's fast search for that
    character (four to five times faster over a document).  ``finditer`` and
    ``search`` give the spans the ``(?m)^`` form (:attr:`plain`, kept for
    tests) gives, for patterns whose matches never end with a line break.
    """

    __slots__ = ("_after_break", "_at_start", "plain")

    def __init__(self, body: str, flags: int = 0) -> None:
        self.plain = re.compile(r"(?m)^(?:" + body + ")", flags)
        self._at_start = re.compile(r"(?:" + body + ")", flags)
        self._after_break = re.compile(r"\n(?P<_line>" + body + ")", flags)

    def finditer(self, text: str, lo: int = 0, hi: int | None = None) -> Iterator[tuple[int, int]]:
        """Spans of ``plain.finditer(text, lo, hi)``."""
        end = len(text) if hi is None else hi
        first_break = lo - 1 if lo > 0 else 0  # the line break before a line that starts at lo or later
        if lo == 0:
            m = self._at_start.match(text, 0, end)
            if m is not None:
                yield m.span()
                first_break = max(m.end() - 1, 0)  # the next line must start at or after its end
        for m in self._after_break.finditer(text, first_break, end):
            yield m.span("_line")

    def search(self, text: str, lo: int = 0, hi: int | None = None) -> tuple[int, int] | None:
        """Span of ``plain.search(text, lo, hi)``."""
        return next(self.finditer(text, lo, hi), None)
