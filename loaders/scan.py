"""Scanning a whole document for a pattern that always starts with a keyword.

A regular expression searched over 10 KB of text is tried at every
position, and each try costs the engine a call, whatever the first letter
rules out: about 50 µs per pattern per document, the largest part of
extraction for the patterns looked for everywhere ("tỉnh …", "UBND xã …",
"Luật …").  ``str.find`` looks for a plain word far faster; when every
match of the pattern starts with one of a few such words, trying the pattern
only where they occur finds the same matches.
"""

from __future__ import annotations

import re
from collections.abc import Iterator


def keyword_finditer(
    pattern: re.Pattern[str], text: str, keywords: tuple[str, ...], lo: int = 0, hi: int | None = None
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text, lo, hi)``, for a pattern whose every match starts with one of ``keywords``.

    Like ``finditer``, a match is looked for only after the end of the one
    before (matches do not overlap); lookbehinds still see the text before
    each position, as they do in a scan.
    """
    end = len(text) if hi is None else min(hi, len(text))
    starts: list[int] = []
    for word in keywords:
        i = text.find(word, lo, end)
        while i != -1:
            starts.append(i)
            i = text.find(word, i + 1, end)
    if len(keywords) > 1:
        starts = sorted(set(starts))
    after = lo
    for i in starts:
        if i < after:
            continue
        m = pattern.match(text, i, end)
        if m is not None:
            yield m
            after = m.end() if m.end() > i else i + 1
