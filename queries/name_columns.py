"""The test of :func:`~luocdo.queries.names.fit_score`, over columns, for every document at once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from luocdo.core.fold import fold
from luocdo.queries.names import WORD_MATCH, NameQuery, fit_word, norm_number, sym_tokens


def _date_int(s: str | None) -> int:
    return int(s.replace("-", "")) if s else 0


class _Interned:
    """Distinct values and the position of each, so a column holds small integers."""

    def __init__(self) -> None:
        self.values: list[Any] = []
        self._ix: dict[Any, int] = {}

    def __call__(self, v: Any) -> int:
        if not v:
            return -1
        i = self._ix.get(v)
        if i is None:
            i = self._ix[v] = len(self.values)
            self.values.append(v)
        return i


@dataclass(frozen=True)
class NameColumns:
    """What :func:`fit_score` reads of a document, for every document of a search index, as columns.

    At national scale a name like "25/KH-UBND" has the number of ten thousand
    documents (numbers restart per issuer and year); fetching and checking
    each one cost most of a search.  Columns are checked all at once, and only
    the best few documents are fetched.
    """

    by_number: dict[str, np.ndarray]  # normalized number → positions
    symbol: np.ndarray  # index into symbols, -1: none
    symbols: tuple[tuple[str, ...], ...]
    type: np.ndarray  # index into types (folded codes), -1: none
    types: tuple[str, ...]
    year: np.ndarray  # 0: unknown
    date: np.ndarray  # yyyymmdd, 0: undated
    ingested: np.ndarray
    rank: np.ndarray  # of each key in sorted order: the last tie-break

    @staticmethod
    def build(rows: list[dict[str, Any]]) -> NameColumns:
        n = len(rows)
        syms, types = _Interned(), _Interned()
        by_number: dict[str, list[int]] = {}
        symbol = np.full(n, -1, np.int32)
        typ = np.full(n, -1, np.int32)
        year = np.zeros(n, np.int32)
        date = np.zeros(n, np.int32)
        ingested = np.zeros(n, bool)
        sym_of: dict[Any, int] = {}  # symbol or type as stored → its interned id (few distinct values)
        type_of: dict[Any, int] = {}
        for i, r in enumerate(rows):
            num = norm_number(r.get("number"))
            if num is not None:
                by_number.setdefault(num, []).append(i)
            s, t = r.get("symbol"), r.get("type")
            if s not in sym_of:
                sym_of[s] = syms(sym_tokens(s))
            if t not in type_of:
                type_of[t] = types(fold(t) if t else None)
            symbol[i], typ[i] = sym_of[s], type_of[t]
            year[i] = int(r.get("year") or 0)
            date[i] = _date_int(r.get("date"))
            ingested[i] = bool(r.get("ingested"))
        rank = np.empty(n, np.int32)
        rank[sorted(range(n), key=lambda i: rows[i]["key"])] = np.arange(n, dtype=np.int32)
        return NameColumns(
            {k: np.asarray(v, np.int32) for k, v in by_number.items()},
            symbol, tuple(syms.values), typ, tuple(types.values), year, date, ingested, rank,
        )  # fmt: skip

    def order(self, pos: np.ndarray, scores: np.ndarray) -> np.ndarray:
        """The permutation putting ``pos`` best first: higher score, ingested, dated and newest, then key."""
        return np.lexsort(
            (self.rank[pos], -self.date[pos], self.date[pos] == 0, ~self.ingested[pos], -scores)
        )


def _table(
    values: tuple[Any, ...], test: Any, none: tuple[bool, int]
) -> tuple[np.ndarray, np.ndarray]:
    """(ok, points) of each distinct value, and last the ones of "no value" (index -1)."""
    pairs = [test(v) for v in values] + [none]
    return np.array([p[0] for p in pairs], bool), np.array([p[1] for p in pairs], np.int32)


def fit_scores(q: NameQuery, cols: NameColumns, holding: Any) -> tuple[np.ndarray, np.ndarray]:
    """Positions of the documents ``q`` fits and their :func:`fit_score`, for every document at once.

    ``holding(word, like, cutoff)`` gives a boolean mask of the documents
    having, among their :func:`_haystack` words, one that ``like(word, it)``
    (``cutoff``: the rapidfuzz ratio below which none is); the place/issuer
    words are checked through it.
    """
    empty = np.zeros(0, np.int32)
    if q.number is None:
        return empty, empty
    pos = cols.by_number.get(norm_number(q.number) or "", empty)
    score = np.full(len(pos), 10, np.int32)
    ok = np.ones(len(pos), bool)

    def apply(column: np.ndarray, values: tuple[Any, ...], test: Any) -> None:
        good, points = _table(values, test, (True, 0))
        at = column[pos]
        ok[:] &= good[at]
        score[:] += points[at]

    if q.symbol:
        apply(cols.symbol, cols.symbols,
              lambda dt: (True, 4) if dt == q.symbol else ((True, 2) if len(q.symbol) == 1 and dt[:1] == q.symbol else (False, 0)))  # fmt: skip
    if q.type:
        want = fold(q.type)
        apply(cols.type, cols.types, lambda t: (t == want, 2))
    for column, value in ((cols.year, q.year), (cols.date, _date_int(q.date) if q.date else None)):
        if value is not None:
            at = column[pos]
            known = at != 0
            ok &= ~known | (at == value)
            score += 2 * known
    pos, score = pos[ok], score[ok]
    for w in q.words:
        has = holding(w, fit_word, WORD_MATCH)[pos]
        pos, score = pos[has], score[has] + 1
    return pos, score

