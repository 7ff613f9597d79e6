"""Finding a pattern over a whole document without trying it at every position.

A regular expression searched over 10 KB of text is tried at every
position, and each try costs the engine a call, whatever the first letter
rules out: about 50 µs per pattern per document, the largest part of
extraction for the patterns looked for everywhere ("tỉnh …", "UBND xã …",
"Luật …").  A pattern that starts with plain characters is found far faster:
the engine looks for those characters first.  So a pattern whose every match
starts with one of a few words is tried only where they occur
(:class:`KeywordPattern`, which reads those words off the pattern's own
alternatives), and a pattern that starts a line is searched from the line
breaks (:class:`LinePattern`).  Each is written once, as its regular
expression; the fast search is derived from it and gives its matches
(tests/test_fast_paths.py checks every one of them on the seeds and on random text).
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


#: One piece at the start of an alternative: a plain letter, digit or "/", a class of one
#: character ("[a]"), or white space ("\s"); and the quantifier after it, if any.
_PIECE = re.compile(r"(?P<piece>[a-zA-Z0-9/]|\[(?P<one>[^\]\\])\]|\\s)(?P<q>[?*+{])?")


def literal_prefix(alternative: str) -> str:
    """The plain start every match of ``alternative`` begins with, as a small pattern.

    "uy\\s+ban\\s+nhan\\s+dan" → "uy\\s", "x[a]y\\s+d[uw]ng" → "xay\\s", "lu[a]t" → "luat": letters
    (and one-character classes) up to the first white space (kept once), optional piece or group.
    """
    out = []
    pos = 0
    while m := _PIECE.match(alternative, pos):
        piece = m["one"] or m["piece"]
        q = m["q"]
        least = int(re.match(r"\d*", alternative[m.end() :]).group() or 0) if q == "{" else 1  # type: ignore[union-attr]
        if q in ("?", "*") or least == 0:
            break  # the piece may be missing
        out.append(piece)
        if q or piece == r"\s":
            break  # repeated or white space: one of it, then anything may follow
        pos = m.end()
    if not out:
        raise ValueError(f"no plain start to find the pattern from: {alternative!r}")
    return "".join(out)


class KeywordPattern:
    """A regular expression whose every match starts with one of a few alternatives, found from them.

    Written as the pattern it is: what must stand before (a lookbehind), the alternatives it starts
    with, and the rest.  :attr:`regex` is that pattern; :meth:`finditer` gives its matches, found
    with :func:`keyword_finditer` from the plain start of each alternative (:func:`literal_prefix`).
    """

    __slots__ = ("keywords", "regex")

    def __init__(self, before: str, alternatives: tuple[str, ...], after: str, *, capture: bool = False,
                 flags: int = 0) -> None:
        lead = ("(" if capture else "(?:") + "|".join(alternatives) + ")"
        self.regex = re.compile(before + lead + after, flags)
        # a word read whole ("lu[a]t") before white space the pattern asks for: the space is found too
        space = r"\s" if after.startswith((r"\s+", r"(?=\s)")) else ""
        self.keywords = tuple(p + space if p == re.sub(r"\[(.)\]", r"\1", a) else p
                              for a, p in ((a, literal_prefix(a)) for a in alternatives))

    def finditer(self, text: str, lo: int = 0, hi: int | None = None) -> Iterator[re.Match[str]]:
        """The matches of ``regex.finditer(text, lo, hi)``."""
        return keyword_finditer(self.regex, text, self.keywords, lo, hi)


def last_match(pattern: re.Pattern[str], text: str, window: int = 4000) -> re.Match[str] | None:
    """The last match of ``pattern`` in ``text``, looked for in the tail first.

    For patterns whose matches cannot overlap (a match cannot start inside
    another, as for "Nơi nhận:"), the last match of a scan of the tail is the
    last match of a scan of the whole text; the whole text is scanned only when
    the tail has none.
    """
    last = None
    lo = max(0, len(text) - window)
    for m in pattern.finditer(text, lo):
        last = m
    if last is None and lo:
        for m in pattern.finditer(text):
            last = m
    return last
