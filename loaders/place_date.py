"""The place and date line of a document's header: "Sơn Mai, ngày 05 tháng 8 năm 2025", "Tuyên Quang, ngày 22/9/2025",
as OCR reads it too (a day's or month's digit read as a letter), and the fast search that finds it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from luocdo.loaders import patterns as P
from luocdo.loaders.citations import clean

__all__ = ["PLACE_DATE", "Dated", "place_and_date", "place_date"]

# "Sơn Mai, ngày 05 tháng 8 năm 2025" — the day may be blank in copies ("ngày   tháng", "ngày … tháng").
_PLACE = r"(?P<place>[^\n,;:]{2,40}?)\s*"
_BLANK = r"[.…_]{1,10}"
_DATE_AFTER_COMMA = (
    r",\s*" + P.NGAY + r"\s*(?:(?:(?P<d>\d{1,2}|[\doilt]{1,2}(?=\s))|" + _BLANK + r")?\s*" + P.THANG
    + r"\s*(?:(?P<m>\d{1,2}|[\doiltb!]{1,2}(?=\s))|" + _BLANK + r")?\s*"
    + P.NAM + r"\s*(?P<y>(?:19|20)\d{2})"
    # "Tuyên Quang, ngày 22/9/2025"
    + r"|(?P<d_>\d{1,2})\s?[/.-]\s?(?P<m_>\d{1,2})\s?[/.-]\s?(?P<y_>(?:19|20)\d{2}))"
)
#: The place and date line; :func:`place_date` finds its first match in a header.
PLACE_DATE = re.compile(_PLACE + _DATE_AFTER_COMMA)
_COMMA_DATE = re.compile(_DATE_AFTER_COMMA)
_PLACE_BREAKS = "\n,;:"


def place_date(folded: str, lo: int, hi: int) -> re.Match[str] | None:
    """``PLACE_DATE.search(folded, lo, hi)``, found from the commas instead of from every position
    (over a header, a hundred times faster).

    The regex search tries up to forty place lengths at each position of the
    header; a match needs ", ngày …" after the place, and a place holds no
    comma, so the first comma followed by a date whose place can start far
    enough before it gives the leftmost match (a test compares the two).
    """
    c = folded.find(",", lo, hi)
    while c != -1:
        if _COMMA_DATE.match(folded, c, hi):
            w0 = c
            while w0 > lo and folded[w0 - 1].isspace():
                w0 -= 1
            for e in range(w0, c + 1):  # the place ends at e, white space runs from e to the comma
                bad = max(folded.rfind(ch, lo, e) for ch in _PLACE_BREAKS)
                s = max(e - 40, bad + 1, lo)
                if e - s >= 2:
                    return PLACE_DATE.match(folded, s, hi)
        c = folded.find(",", c + 1, hi)
    return None


@dataclass(frozen=True, slots=True)
class Dated:
    """The place and date line: "Sơn Mai, ngày 05 tháng 8 năm 2025"."""

    place: str | None = None
    date: str | None = None
    year: int | None = None
    month: int | None = None


def place_and_date(text: str, pd: re.Match[str] | None) -> Dated:
    if pd is None:
        return Dated()
    g_y, g_m, g_d = (pd.group("y"), pd.group("m"), pd.group("d")) if pd.group("y") else (pd.group("y_"), pd.group("m_"), pd.group("d_"))
    year = int(g_y)
    month = int(g_m.translate(P.DATE_LETTERS)) if g_m else None  # ("tháng B": OCR's letter for 8)
    date = None
    if g_d and g_m:
        d, mo = int(g_d.translate(P.DATE_LETTERS)), int(g_m.translate(P.DATE_LETTERS))
        if 1 <= d <= 31 and 1 <= mo <= 12:
            date = f"{year:04d}-{mo:02d}-{d:02d}"
    raw_place = text[pd.start("place") : pd.end("place")]
    place = clean(raw_place.split("\n")[-1]) or None
    if place and (len(place) > 30 or not place[0].isupper()):
        place = None
    return Dated(place, date, year, month)
