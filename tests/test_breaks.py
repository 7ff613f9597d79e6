"""Breaks found once per text answer as a search of the window around each position did."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from luocdo.core.fold import fold
from luocdo.loaders.breaks import Breaks
from luocdo.loaders.citations import find_citations
from luocdo.loaders.edges import EVIDENCE_BREAK_PARTS
from luocdo.loaders.relations import SENTENCE_BREAK
from luocdo.loaders.text import load


def _last_end_window(rx: re.Pattern[str], text: str, lo: int, pos: int) -> int | None:
    end = None
    for m in rx.finditer(text, lo, pos):
        end = m.end()
    return end


def _first_window(rx: re.Pattern[str], text: str, pos: int, hi: int) -> tuple[int, int] | None:
    m = rx.search(text, pos, hi)
    return m.span() if m else None


@pytest.mark.parametrize(
    ("text", "lo", "pos", "want"),
    [
        ("a; b; c", 0, 7, 5),  # the last break before pos
        ("a; b; c", 0, 4, 2),
        ("a; b; c", 3, 4, None),  # a break before lo does not count
        ("abc", 0, 3, None),
    ],
)
def test_last_end(text: str, lo: int, pos: int, want: int | None) -> None:
    assert Breaks(re.compile(";"), text).last_end(lo, pos) == want


@pytest.mark.parametrize(
    ("text", "pos", "hi", "want"),
    [("a; b; c", 0, 7, (1, 2)), ("a; b; c", 2, 7, (4, 5)), ("a; b; c", 2, 4, None), ("abc", 0, 3, None)],
)
def test_first(text: str, pos: int, hi: int, want: tuple[int, int] | None) -> None:
    assert Breaks(re.compile(";"), text).first(pos, hi) == want


def test_same_answers_as_window_searches_on_the_seeds(corpus_dir: Path) -> None:
    asked = 0
    for path in sorted(corpus_dir.glob("*.txt")):
        text = load(path).text
        folded = fold(text)
        # where they are asked: at the start and end of each citation
        positions = sorted({p for c in find_citations(text, folded) for p in (c.start, c.end)})
        evidence = re.compile("|".join(p.pattern for p in EVIDENCE_BREAK_PARTS))  # the parts as one pattern
        for rx, parts, back, ahead in ((SENTENCE_BREAK, SENTENCE_BREAK, 1500, 0), (evidence, EVIDENCE_BREAK_PARTS, 400, 400)):
            b = Breaks(parts, folded)
            for p in positions:
                assert b.last_end(max(0, p - back), p) == _last_end_window(rx, folded, max(0, p - back), p), (path.name, p)
                if ahead:
                    hi = min(len(folded), p + ahead)
                    assert b.first(p, hi) == _first_window(rx, folded, p, hi), (path.name, p)
                asked += 1
    assert asked > 200
