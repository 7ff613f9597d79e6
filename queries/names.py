"""What people type for a document, read as constraints, and how well a document meets them.

People write "57-NQ/TW", "NQ 57", "Nghị quyết 57", "nghi quyet 57-nq/tw",
"82/KH-UBND 2025", "82/KH-UBND Quảng Ngãi", OCR'd "1256/QD-UBND", or the
key itself.  :func:`parse_name` reads the text into constraints (number,
type, symbol, year, date, place/issuer words) in named steps, each blanking
out what it read; :func:`fit_score` checks one document against every
constraint (:mod:`luocdo.queries.name_columns` does the same for every
document at once).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz

from luocdo.core.fold import fold, squash
from luocdo.core.keys import from_url_key, scope_words
from luocdo.graph.schema import type_name
from luocdo.loaders import patterns as P
from luocdo.loaders.citations import parse_symbol
from luocdo.queries.models import DocRef

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


def norm_number(n: str | None) -> str | None:
    if n is None:
        return None
    n = n.strip().lower()
    return n.lstrip("0") or "0"


def number_variants(n: str) -> list[str]:
    """ "7" → ["7", "07", "007"]: numbers under 10 are written with a leading zero."""
    core = norm_number(n) or n
    out = [core, n]
    for width in (2, 3):
        digits = len(core) - (1 if core[-1:].isalpha() else 0)
        if digits < width:
            out.append("0" * (width - digits) + core)
    return list(dict.fromkeys(x for x in out if x))


def sym_tokens(symbol: str | None) -> tuple[str, ...]:
    return tuple(_TOKEN.findall(fold(symbol))) if symbol else ()


def _word_bounded(folded: str, a: int, b: int) -> bool:
    return (a == 0 or not folded[a - 1].isalnum()) and (b >= len(folded) or not folded[b].isalnum())



def parse_name(text: str) -> NameQuery:
    """Parse what a person typed into constraints (never fails; may find none)."""
    raw, key_year = _unkey(unicodedata.normalize("NFC", text or "").strip())
    r = _Reading(raw, fold(raw))
    r.year = key_year
    _read_date(r)
    _read_type_word(r)
    _read_number_symbol(r)
    _read_tokens(r)
    return NameQuery(
        text=text,
        number=r.number,
        type=r.type_code,
        symbol=r.symbol,
        year=r.year,
        date=r.date,
        words=tuple(r.words),
    )


def _unkey(raw: str) -> tuple[str, int | None]:
    """A key, or a key prefix ("82/KH-UBND@2025@quang-ngai/ly-son"), as id and place words, and its year."""
    if "@" not in raw:
        return raw, None
    key_year: int | None = None
    head, *rest = from_url_key(raw).split("@")
    rest_words = []
    for part in rest:
        part = part.split("#")[0]
        if part.isdigit():
            key_year = int(part)
        elif part != "?":
            rest_words.append(re.sub(r"[-/:]", " ", part))
    return " ".join([head, *rest_words]), key_year


class _Reading:
    """A name being read: the folded text with what was read so far blanked out, and what it said."""

    def __init__(self, raw: str, folded: str):
        self.raw, self.folded = raw, folded
        self.blank = list(folded)
        self.number: str | None = None
        self.type_code: str | None = None
        self.symbol: tuple[str, ...] = ()
        self.year: int | None = None
        self.date: str | None = None
        self.words: list[str] = []

    def left(self) -> str:
        """The text not read yet (read parts blanked, so offsets stay those of ``raw``)."""
        return "".join(self.blank)

    def cut(self, a: int, b: int) -> None:
        for i in range(a, b):
            self.blank[i] = " "


def _read_date(r: _Reading) -> None:
    """The first plausible d/m/yyyy: the date, and its year."""
    for m in _DATE.finditer(r.folded):
        d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if 1 <= d <= 31 and 1 <= mo <= 12:
            r.date, r.year = f"{y:04d}-{mo:02d}-{d:02d}", y
            r.cut(*m.span())
            break


def _read_type_word(r: _Reading) -> None:
    """The first document type named in words ("Nghị quyết", "kế hoạch")."""
    for m in P.TYPE_WORD.finditer(r.left()):
        if not _word_bounded(r.folded, *m.span()):
            continue
        for i, code in enumerate(P.TYPE_WORD_CODES):
            if m.group(f"t{i}"):
                r.type_code = code
                break
        r.cut(*m.span())
        break


def _read_number_symbol(r: _Reading) -> None:
    """The first number with a symbol the citation parser accepts ("82/KH-UBND", "30/2020/NĐ-CP")."""
    for m in _NUM_SYM.finditer(r.left()):
        parsed = parse_symbol(r.raw[m.start(2) : m.end(2)], r.type_code)
        if parsed is None:
            continue
        sym, tcode, _issuer, sym_year, _syntax = parsed
        r.number = r.raw[m.start(1) : m.end(1)].strip()
        r.symbol = sym_tokens(sym)
        if tcode and tcode != "CV":
            r.type_code = r.type_code or tcode
        if sym_year:
            r.year = r.year or sym_year
        r.cut(*m.span())
        break


def _read_tokens(r: _Reading) -> None:
    """The words left: a bare number, a year, a type abbreviation ("NQ 57"), place/issuer words."""
    tokens = _TOKEN.findall(r.left())
    pending_type: str | None = None
    for tok in tokens:
        if tok.isdigit():
            _read_digits(r, tok, tokens, pending_type)
            continue
        if r.number is None and not r.symbol and len(tok) <= 4:
            named = P.type_code(tok)
            if named:
                pending_type = named
                continue
        if re.fullmatch(r"\d{1,5}[a-z]", tok) and r.number is None:
            r.number = tok
            continue
        if tok not in _STOP:
            r.words.append(tok)
    if pending_type and r.type_code is None and r.number is None:
        r.words.append(fold(pending_type))


def _read_digits(r: _Reading, tok: str, tokens: list[str], pending_type: str | None) -> None:
    """A token of digits: the year (when a number is had or can be), else the number, else a word."""
    is_year = len(tok) == 4 and 1945 <= int(tok) <= 2100
    if is_year and (r.number is not None or (r.year is None and _has_other_number(tokens, tok))):
        r.year = r.year or int(tok)
    elif r.number is None and len(tok) <= 5:
        r.number = tok
        if pending_type and r.type_code is None:
            r.type_code = pending_type
    elif is_year:
        r.year = r.year or int(tok)
    else:
        r.words.append(tok)


def _has_other_number(tokens: list[str], tok: str) -> bool:
    """Whether another token can be the number, so a 4-digit ``tok`` is the year."""
    return any(t.isdigit() and t != tok and len(t) <= 5 for t in tokens)


def _haystack(d: DocRef) -> set[str]:
    tname = type_name(d.type) if d.type else ""
    parts = [tname, d.province or "", d.issuer or "", scope_words(d.key), d.title or "", d.display]
    return set(_TOKEN.findall(squash(" ".join(parts))))


def fit_score(q: NameQuery, d: DocRef) -> int | None:
    """How many constraints ``d`` meets (weighted), or None if it contradicts one."""
    score = 0
    if q.number is not None:
        if norm_number(d.number) != norm_number(q.number):
            return None
        score += 10
    if q.symbol:
        dt = sym_tokens(d.symbol)
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
            if w in hay or any(fit_word(w, h) for h in hay):
                score += 1
                continue
            return None
    return score



def fit_word(w: str, h: str) -> bool:
    """Whether the document word ``h`` stands for the typed place/issuer word ``w`` (OCR: "ngii")."""
    return w == h or (len(w) >= 3 and len(h) >= 3 and fuzz.ratio(w, h) >= WORD_MATCH)


def doc_order(d: DocRef) -> tuple:
    # deterministic listing: dated first, newest first, then key
    return (d.date is None, "" if d.date is None else _neg(d.date), d.key)


def _neg(s: str) -> str:
    return "".join(chr(0x10FFFF - ord(c)) for c in s)

