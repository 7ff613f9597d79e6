"""A text issued with a decision: a plan, rules or a programme that has no "Số:" or date line of its own, only its
type line, its title and "(Ban hành kèm theo Quyết định số … ngày …)" under it.  The header reads its identity from
those lines (its date is the decision's: it is issued that day) and the relations stage its tie to the decision."""

from __future__ import annotations

import re
from dataclasses import dataclass

from luocdo.loaders import patterns as P
from luocdo.loaders.citations import clean, parse_date

#: The line under an annex's title that names the decision it is issued with: "(Ban hành kèm theo Quyết định số …";
#: up to the type word.
_ANNEX_LINE_HEAD = r"[ \t]*[(\[]?[ \t]*(?:ban\s+h[a]nh\s+)?k[e&]m\s+theo\s+"

#: The annex's line under its title, up to the decision's number: "(Ban hành kèm theo Quyết định số 1234/QĐ-UBND".
_ANNEXED = re.compile(
    r"(?m)^" + _ANNEX_LINE_HEAD + r"(?:" + P.TYPE_WORD.pattern + r")\s*"
    r"(?:s[o0-9bde&`]{0,2}\s*:?\s*)?\d[^\s,;()]{0,30}"
)
#: The decision's date on that line ("số 45 /QĐ-SNV ngày …": after the number as OCR spaced it).
_ANNEX_DATE = re.compile(P.NGAY + r"\s*\d")
#: The type line above the title, in capitals: "KẾ HOẠCH", "QUY CHẾ", "CHƯƠNG TRÌNH".
_HEADER_TYPE_LINE = re.compile(r"[ \t*_-]*(?:" + P.HEADER_TYPE_WORD + r")[ \t*_-]*$", re.M)
#: The words before the decision on the annex's line, to the type word: "(Ban hành kèm theo ".
_ANNEX_LINE = re.compile(_ANNEX_LINE_HEAD + r"\Z")


@dataclass(frozen=True, slots=True)
class Annex:
    type_start: int  # where the type line starts: the agency block ends there
    type: str | None
    title: str | None
    title_span: tuple[int, int] | None
    body_start: int  # the line after the annex's line
    date: str | None  # the decision's
    year: int | None


def annexed(text: str, folded: str, head_hi: int) -> Annex | None:
    """The annex read from its first lines, or None when the text is not one."""
    if "kem theo" not in folded[:head_hi]:
        return None
    m = _ANNEXED.search(folded, 0, head_hi)
    if m is None:
        return None
    lines = _lines(text, m.start())
    typed = tm = None
    for i in range(len(lines) - 1, -1, -1):  # the type line nearest above
        tm = _HEADER_TYPE_LINE.match(folded, *lines[i])
        if tm is not None and text[lines[i][0] : lines[i][1]].strip().isupper():
            typed = i
            break
    if typed is None or tm is None:
        return None
    title_lines = [(lo, hi) for lo, hi in lines[typed + 1 :] if text[lo:hi].strip()]
    span = (title_lines[0][0], title_lines[-1][1]) if title_lines else None
    line_end = folded.find("\n", m.end())
    body_start = len(folded) if line_end < 0 else line_end + 1
    dm = _ANNEX_DATE.search(folded, m.end(), body_start)
    iso, year, _end = parse_date(folded, dm.start()) if dm else (None, None, 0)
    return Annex(lines[typed][0], P.header_type_code(tm), clean(text[span[0] : span[1]]) if span else None, span,
                 body_start, iso, year)


def issued_with(folded: str, start: int) -> bool:
    """The citation at ``start`` is the decision named on an annex's line: the decision this text is issued with."""
    return start < 1500 and _ANNEX_LINE.match(folded, folded.rfind("\n", 0, start) + 1, start) is not None


def _lines(text: str, hi: int) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text[:hi].split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out
