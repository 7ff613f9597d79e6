"""What a text's end or opening says of its own identity when its header does not: a consolidated text's closing
certification, heading or opening, and the number a portal's copy without its header gives itself on its last line."""

from __future__ import annotations

import re

from luocdo.loaders import patterns as P
from luocdo.loaders.citations import _date, parse_symbol

#: What marks a consolidated text when no "…/VBHN-…" symbol says so: its closing certification, a
#: "VĂN BẢN HỢP NHẤT" heading, or an opening that names the consolidated act with its number and goes
#: on "…, được sửa đổi, bổ sung bởi:" (an act's own text never opens so).
_V = r"[a-z0-9&`]"  # a letter as OCR may leave it
_HOP_NHAT = r"v" + _V + r"{1,2}n\s+b" + _V + r"{1,2}n\s+h" + _V + r"{1,2}p\s+nh" + _V + r"{1,2}t"
_CERTIFIED = re.compile(r"x" + _V + r"{1,2}c\s+th" + _V + r"{1,2}c\s+" + _HOP_NHAT)
_VBHN_HEADING = re.compile(r"(?m)^[ \t*_-]*" + _HOP_NHAT + r"[ \t*_-]*$")
_AMENDED_BY = re.compile(
    r"\ss" + _V + r"{0,2}\s+\d{1,5}.{0,300}?d" + _V + r"{1,3}c\s+s" + _V + r"{1,2}a\s+d" + _V + r"{1,2}i\s*,?\s+b" + _V
    + r"{1,2}\s+sung\s+(?:b" + _V + r"{1,2}i|theo)\s*:",
    re.S,
)


def consolidated(text: str, folded: str, head_hi: int) -> bool:
    """A consolidated text whose symbol is blank or missing (see ``_CERTIFIED``)."""
    if _VBHN_HEADING.search(folded, 0, head_hi) or _CERTIFIED.search(folded, max(0, len(folded) - 5000)):
        return True
    # the opening, before any "Căn cứ" (where "đã được sửa đổi, bổ sung bởi …" describes what is cited)
    basis = re.search(r"c[a-z`]{1,2}n\s+c[a-z`]{1,2}(?![a-z])", folded[:3000])
    return _AMENDED_BY.search(folded, 0, basis.start() if basis else min(len(folded), 3000)) is not None


#: A line at the end that names the document with its number: "Quyết định số 1532/QĐ-BKHĐT ngày 15 tháng 6 năm 2023
#: của Bộ trưởng …" (a legal portal's copy whose header is lost).
_CLOSING_NUMBER = re.compile(
    r"(?m)^[ \t]*(?P<w>(?:" + P.TYPE_WORD.pattern + r"))[ \t]+" + P.SO + r"[ \t]*:?[ \t]*(?P<num>\d{1,5}[a-z]?)"
    r"(?P<sym>[ \t]{0,2}[/-][ \t]{0,2}[a-z0-9&`]{1,14}(?:[/-][a-z0-9&`]{1,14}){0,5})(?![a-z0-9&`/-])"
)


def closing_number(text: str, folded: str, doc_type: str | None) -> tuple[str, str, str, str | None, str, tuple[int, int], str | None] | None:
    """The number a text without a "Số:" line gives itself on one of its last lines, when that line's type word is the
    type its heading names (the last such line: a closing line is the text's end, not what its body cites): number,
    symbol, type, issuer code, syntax, span and date."""
    if doc_type is None:
        return None
    lo = max(0, len(folded) - 600)
    found = None
    for m in _CLOSING_NUMBER.finditer(folded, lo):
        wm = P.TYPE_WORD.fullmatch(m.group("w"))
        if wm is not None and P.type_word_code(wm) == doc_type and not folded[m.end() :].strip(" \t\n").count("\n") > 1:
            found = m
    if found is None:
        return None
    parsed = parse_symbol("".join(P.as_read(text, folded, *found.span("sym")).split()).lstrip("/"), doc_type)
    if parsed is None:
        return None
    symbol, tcode, issuer_code, _y, syntax = parsed
    iso = None
    if (dm := P.DATE_AFTER.match(folded, found.end(), min(len(folded), found.end() + 60))) is not None:
        iso = _date(dm)[0]
    return P.number_as_read(text, folded, *found.span("num")), symbol, tcode or doc_type, issuer_code, syntax, found.span(), iso


def closing_type(folded: str) -> str | None:
    """The type the closing sentence names: "Trên đây là Kế hoạch … của …"."""
    cm = re.search(r"tr[e&]n\s+d[a]y\s+[l1i]a\s+", folded[-3000:])
    if cm is None:
        return None
    m = P.TYPE_WORD.search(folded[len(folded) - 3000 + cm.end() if len(folded) > 3000 else cm.end():][:40])
    return P.type_word_code(m) if m else None
