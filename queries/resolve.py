"""Name resolution: what people type → the canonical key of one document.

People write "57-NQ/TW", "NQ 57", "Nghị quyết 57", "nghi quyet 57-nq/tw",
"82/KH-UBND 2025", "82/KH-UBND Quảng Ngãi", OCR'd "1256/QD-UBND", or the
key itself.  The text is parsed into constraints (number, type, symbol,
year, date, place/issuer words), the documents with that number are fetched
(``docs_by_number.cypher``) and each is checked against every constraint.
A document that contradicts one is out; among the rest, the ones that match
the most constraints win.  When several win equally, :class:`Ambiguous`
lists them: numbers restart every year for every issuer, so guessing would
silently answer about the wrong plan.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

import numpy as np
from rapidfuzz import fuzz

from luocdo.core.fold import fold, squash
from luocdo.core.keys import Key, from_url_key
from luocdo.graph.schema import type_name
from luocdo.graph.store import Store
from luocdo.loaders import patterns as P
from luocdo.loaders.citations import parse_symbol
from luocdo.queries import loader
from luocdo.queries.common import doc_ref, fetch_docs
from luocdo.queries.errors import Ambiguous, NotFound, QueryError
from luocdo.queries.models import DocRef

__all__ = [
    "NameColumns",
    "NameQuery",
    "candidates",
    "doc_order",
    "fit_score",
    "fit_scores",
    "number_candidates",
    "parse_name",
    "resolve",
    "resolve_key",
    "scope_words",
]

_DATE = re.compile(r"(?<![0-9])(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*((?:19|20)\d{2})(?![0-9])")
# number + symbol over folded text: "82/kh-ubnd", "57-nq/tw", "30/2020/nd-cp", "67 - kh - ubnd"
_NUM_SYM = re.compile(
    r"(?<![a-z0-9])(\d{1,5}[a-z]?)(\s{0,2}[-/|]\s{0,2}[a-z0-9&]{1,14}(?:\s{0,2}[-/|]\s{0,2}[a-z0-9&]{1,14}){0,3})(?![a-z0-9])"
)
_TOKEN = re.compile(r"[a-z0-9]+")
#: Words that carry no identity: "số", dates' "ngày/tháng/năm", "của", "về",
#: and the generic words of body names (the place names are what identify).
_STOP = frozenset(
    (
        "so", "ngay", "thang", "nam", "cua", "ve", "viec", "va", "tai", "cac", "theo", "ubnd",
        "hdnd", "uy", "ban", "nhan", "dan", "hoi", "dong", "tinh", "xa", "phuong", "dac",
        "khu", "thanh", "pho", "huyen", "quan", "thi", "tran",
    )
)  # fmt: skip
#: Fuzzy match of a place/issuer word against a document's words (OCR: "Ngii" for "Ngãi").
WORD_MATCH = 85


@dataclass(frozen=True, slots=True)
class NameQuery:
    """The constraints a typed name sets."""

    text: str
    number: str | None = None
    type: str | None = None  # canonical type code: NQ, QĐ, KH …
    symbol: tuple[str, ...] = ()  # folded tokens of the whole symbol: ("kh", "ubnd")
    year: int | None = None
    date: str | None = None
    words: tuple[str, ...] = ()  # folded place / issuer / title words


def _norm_number(n: str | None) -> str | None:
    if n is None:
        return None
    n = n.strip().lower()
    return n.lstrip("0") or "0"


def _number_variants(n: str) -> list[str]:
    """ "7" → ["7", "07", "007"]: numbers under 10 are written with a leading zero."""
    core = _norm_number(n) or n
    out = [core, n]
    for width in (2, 3):
        digits = len(core) - (1 if core[-1:].isalpha() else 0)
        if digits < width:
            out.append("0" * (width - digits) + core)
    return list(dict.fromkeys(x for x in out if x))


def _sym_tokens(symbol: str | None) -> tuple[str, ...]:
    return tuple(_TOKEN.findall(fold(symbol))) if symbol else ()


def _word_bounded(folded: str, a: int, b: int) -> bool:
    return (a == 0 or not folded[a - 1].isalnum()) and (b >= len(folded) or not folded[b].isalnum())


def parse_name(text: str) -> NameQuery:
    """Parse what a person typed into constraints (never fails; may find none)."""
    raw = unicodedata.normalize("NFC", text or "").strip()
    # a key, or a key prefix: "82/KH-UBND@2025@quang-ngai/ly-son" → id, year, place words
    key_year: int | None = None
    if "@" in raw:
        raw = from_url_key(raw)
        head, *rest = raw.split("@")
        rest_words = []
        for part in rest:
            part = part.split("#")[0]
            if part.isdigit():
                key_year = int(part)
            elif part != "?":
                rest_words.append(re.sub(r"[-/:]", " ", part))
        raw = " ".join([head, *rest_words])
    folded = fold(raw)
    blank = list(folded)

    def cut(a: int, b: int) -> None:
        for i in range(a, b):
            blank[i] = " "

    date = None
    year = key_year
    for m in _DATE.finditer(folded):
        d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if 1 <= d <= 31 and 1 <= mo <= 12:
            date, year = f"{y:04d}-{mo:02d}-{d:02d}", y
            cut(*m.span())
            break
    type_code = None
    for m in P.TYPE_WORD.finditer("".join(blank)):
        if not _word_bounded(folded, *m.span()):
            continue
        for i, code in enumerate(P.TYPE_WORD_CODES):
            if m.group(f"t{i}"):
                type_code = code
                break
        cut(*m.span())
        break
    number = None
    symbol: tuple[str, ...] = ()
    for m in _NUM_SYM.finditer("".join(blank)):
        parsed = parse_symbol(raw[m.start(2) : m.end(2)], type_code)
        if parsed is None:
            continue
        sym, tcode, _issuer, sym_year, _syntax = parsed
        number = raw[m.start(1) : m.end(1)].strip()
        symbol = _sym_tokens(sym)
        if tcode and tcode != "CV":
            type_code = type_code or tcode
        if sym_year:
            year = year or sym_year
        cut(*m.span())
        break
    tokens = _TOKEN.findall("".join(blank))
    words: list[str] = []
    pending_type: str | None = None
    for tok in tokens:
        if tok.isdigit():
            if (
                len(tok) == 4
                and 1945 <= int(tok) <= 2100
                and (number is not None or (year is None and _has_other_number(tokens, tok)))
            ):
                year = year or int(tok)
                continue
            if number is None and len(tok) <= 5:
                number = tok
                if pending_type and type_code is None:
                    type_code = pending_type
                continue
            if len(tok) == 4 and 1945 <= int(tok) <= 2100:
                year = year or int(tok)
                continue
            words.append(tok)
            continue
        if number is None and not symbol and len(tok) <= 4:
            named = P.type_code(tok)
            if named:
                pending_type = named
                continue
        if re.fullmatch(r"\d{1,5}[a-z]", tok) and number is None:
            number = tok
            continue
        if tok not in _STOP:
            words.append(tok)
    if pending_type and type_code is None and number is None:
        words.append(fold(pending_type))
    return NameQuery(
        text=text,
        number=number,
        type=type_code,
        symbol=symbol,
        year=year,
        date=date,
        words=tuple(words),
    )


def _has_other_number(tokens: list[str], tok: str) -> bool:
    """Whether another token can be the number, so a 4-digit ``tok`` is the year."""
    return any(t.isdigit() and t != tok and len(t) <= 5 for t in tokens)


def scope_words(key: str) -> str:
    """The place part of a key ("quang-ngai/son-mai") as words."""
    try:
        scope = Key.parse(key).scope or ""
    except ValueError:
        return ""
    return scope.replace("-", " ").replace("/", " ")


def _haystack(d: DocRef) -> set[str]:
    tname = type_name(d.type) if d.type else ""
    parts = [tname, d.province or "", d.issuer or "", scope_words(d.key), d.title or "", d.display]
    return set(_TOKEN.findall(squash(" ".join(parts))))


def fit_score(q: NameQuery, d: DocRef) -> int | None:
    """How many constraints ``d`` meets (weighted), or None if it contradicts one."""
    score = 0
    if q.number is not None:
        if _norm_number(d.number) != _norm_number(q.number):
            return None
        score += 10
    if q.symbol:
        dt = _sym_tokens(d.symbol)
        if dt:
            if dt != q.symbol and not (len(q.symbol) == 1 and dt[:1] == q.symbol):
                return None
            score += 4 if dt == q.symbol else 2
    if q.type:
        if d.type:
            if fold(d.type) != fold(q.type):
                return None
            score += 2
    if q.year is not None:
        if d.year is not None:
            if d.year != q.year:
                return None
            score += 2
    if q.date is not None:
        if d.date:
            if d.date != q.date:
                return None
            score += 2
    if q.words:
        hay = _haystack(d)
        for w in q.words:
            if w in hay or any(_fit_word(w, h) for h in hay):
                score += 1
                continue
            return None
    return score


# ---------------------------------------------------------------------------
# The same test over columns, for every document at once
# ---------------------------------------------------------------------------


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
            num = _norm_number(r.get("number"))
            if num is not None:
                by_number.setdefault(num, []).append(i)
            s, t = r.get("symbol"), r.get("type")
            if s not in sym_of:
                sym_of[s] = syms(_sym_tokens(s))
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
    pos = cols.by_number.get(_norm_number(q.number) or "", empty)
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
        has = holding(w, _fit_word, WORD_MATCH)[pos]
        pos, score = pos[has], score[has] + 1
    return pos, score


def _fit_word(w: str, h: str) -> bool:
    """Whether the document word ``h`` stands for the typed place/issuer word ``w`` (OCR: "ngii")."""
    return w == h or (len(w) >= 3 and len(h) >= 3 and fuzz.ratio(w, h) >= WORD_MATCH)


def doc_order(d: DocRef) -> tuple:
    # deterministic listing: dated first, newest first, then key
    return (d.date is None, "" if d.date is None else _neg(d.date), d.key)


def _neg(s: str) -> str:
    return "".join(chr(0x10FFFF - ord(c)) for c in s)


def number_candidates(store: Store, q: NameQuery) -> list[DocRef]:
    """Documents with the number ``q`` names ("7" finds "07")."""
    if q.number is None:
        return []
    rows = loader.run(
        store, "docs_by_number", {"numbers": _number_variants(q.number)}, limit=100_000
    )
    return [doc_ref(r) for r in rows]


def _scored(store: Store, q: NameQuery) -> tuple[list[tuple[int, DocRef]], list[DocRef]]:
    """(fitting documents with scores, same-number documents that do not fit)."""
    docs = number_candidates(store, q)
    fits, near = [], []
    for d in docs:
        s = fit_score(q, d)
        if s is None:
            near.append(d)
        else:
            fits.append((s, d))
    fits.sort(key=lambda sd: (-sd[0], doc_order(sd[1])))
    near.sort(key=doc_order)
    return fits, near


def resolve_key(store: Store, key: str) -> DocRef | None:
    """The document with exactly this key (or its URL form), if any."""
    for k in dict.fromkeys((key, from_url_key(key))):
        found = fetch_docs(store, [k])
        if k in found:
            return found[k]
    for k in dict.fromkeys((key, from_url_key(key))):
        node = node_of_alias(store, k)  # a key merged into another instrument's node
        if node is not None and node != k:
            found = fetch_docs(store, [node])
            if node in found:
                return found[node]
    return None


def identity_state(store: Store, key: str) -> dict[str, Any]:
    """What the store settled about the identity group of ``key`` (graph.identity), {} if none."""
    import json

    from luocdo.core.keys import ident_group
    from luocdo.graph.store import StoreError

    grp = ident_group(key)
    if grp is None:
        return {}
    try:
        rows = store.read("MATCH (i:Identity {grp: $g}) RETURN i.state AS s", {"g": grp}, limit=1)
    except StoreError:  # a store written before identity groups were kept
        return {}
    return json.loads(rows[0]["s"]) if rows and rows[0].get("s") else {}


def node_of_alias(store: Store, key: str) -> str | None:
    """The key of the node an alias key was merged into, if the store knows the alias."""
    return (identity_state(store, key).get("c") or {}).get(key)


def resolve(store: Store, name: str) -> DocRef:
    """The one document ``name`` designates; raises NotFound or Ambiguous."""
    name = (name or "").strip()
    if not name:
        raise NotFound(name, message="empty document name")
    exact = resolve_key(store, name)
    if exact is not None:
        return exact
    q = parse_name(name)
    if q.number is None:
        return _resolve_by_text(store, name)
    fits, near = _scored(store, q)
    if not fits:
        raise NotFound(name, near[:10])
    best = fits[0][0]
    top = [d for s, d in fits if s == best]
    if len(top) == 1:
        return top[0]
    raise Ambiguous(name, top)


def _resolve_by_text(store: Store, name: str) -> DocRef:
    """Names without a number (laws by name, titles): the search must single one out."""
    from luocdo.queries.search import search

    hits = [h for h in search(store, name, limit=10) if h.kind == "document" and h.doc is not None]
    if not hits:
        raise NotFound(name)
    want = squash(name)
    exact = [
        h.doc for h in hits if h.doc and want in {squash(h.doc.display), squash(h.doc.title or "")}
    ]
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        raise Ambiguous(name, exact)
    top = hits[0].score
    best = [h.doc for h in hits if h.doc and h.score == top]
    if top >= 90 and len(best) == 1 and (len(hits) == 1 or hits[1].score < top - 5):
        return best[0]
    raise NotFound(name, [h.doc for h in hits if h.doc])


def candidates(store: Store, name: str, limit: int = 10) -> list[DocRef]:
    """Documents ``name`` may designate, best first; [] when nothing fits.  Never raises."""
    try:
        name = (name or "").strip()
        if not name:
            return []
        exact = resolve_key(store, name)
        if exact is not None:
            return [exact]
        q = parse_name(name)
        if q.number is not None:
            fits, near = _scored(store, q)
            out = [d for _, d in fits] or near
            return out[: max(0, limit)]
        from luocdo.queries.search import search

        return [h.doc for h in search(store, name, limit=limit) if h.doc is not None][:limit]
    except QueryError:
        return []


def resolve_doc(store: Store, key_or_name: str) -> DocRef:
    """What every query does with its ``key_or_name`` argument."""
    return resolve(store, key_or_name)
