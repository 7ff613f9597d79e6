"""The document's own identity: header, number, place and date, type, title,
signature and recipients.

Works on flattened OCR (the two header blocks on one line, the signature
column mixed into "Nơi nhận"), on clean text, and on documents whose header
is missing, in which case the title, the opening and closing sentences and
the signature say what the document is.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from luocdo.loaders import patterns as P
from luocdo.loaders.annex import annexed
from luocdo.loaders.citations import before_a_sentence, clean, parse_symbol
from luocdo.loaders.closing import closing_number, closing_type, consolidated
from luocdo.loaders.place_date import Dated, place_and_date, place_date
from luocdo.loaders.scan import LinePattern
from luocdo.loaders.signature import signature_and_recipients

# Inside a symbol, "/" or OCR's "|" for it; there a "|" spaced on both sides is a table's cell border ("| Số:
# 12/KH-SYT | Quảng Ngãi, …"); right after the number it is the slash ("86: 272 | KH-SKHCN")
_SLASH = r"(?:[ \t]{0,2}/[ \t]{0,2}|(?<![ \t])\|[ \t]{0,2}|[ \t]{0,2}\|(?![ \t]))"
# "Số: 12/KH-UBND", "Sb: 12 /KH-UBND", "86: 272 |KH-SKHCN" (S→8, ố→6), "Sé: /BC-UBND" (blank), "So 2 10" (split digits)
_SO_LINE = re.compile(
    r"(?<![a-z0-9])(?:s[o0-9abde&`]{0,2}\s*[:;.-]{1,2}|[58$][o0-9bde&`]{1,2}\s*[:;.])\s*(?:[li|]\s+)?"  # ("số.", "So-", "S8:", "số: l": OCR)
    r"(?:(?P<num>\d(?:[ \t]?\d){0,4}(?:\.\d{1,3})?[a-z]?)|[.…_]{1,12})?[ \t]*(?P<sym>(?:[ \t]{0,2}[/|][ \t]{0,2}|[ \t]?-[ \t-]{0,3}|"
    + P.SLASH_READ_AS_I + r")[a-z0-9&`]{1,14}"
    r"(?:(?:" + _SLASH + r"|:?[ \t]?-:?[ \t-]{0,3}\n?[ \t-]{0,2}|" + P.DOT_SEP + r")[a-z0-9&`]{1,14}){0,5})"  # (a line break; "-:")
)
_SO_BARE = re.compile(
    r"(?m)^[ \t]*(?:s[o0-9bde&`]{0,2}|[58$][o0-9bde&`]{1,2})[ \t]+(?P<num>\d(?:[ \t]?\d){0,4}[a-z]?)[ \t]*(?P<sym>(?:[/|]|-[ \t]{0,2})[a-z0-9&`]{1,14}"
    r"(?:(?:[/|]|-[ \t]{0,2}|" + P.DOT_SEP + r")[a-z0-9&`]{1,14}){0,5})(?=\s)"
)
# "Số:" with nothing after it (a draft or copy of a consolidated text): the line is the number's place.
_SO_EMPTY = re.compile(r"(?m)^[ \t]*(?:s[o0-9bde&`]{0,2}|[58$][o0-9bde&`]{1,2})[ \t]*[:;][ \t.…_/-]*$")
_MOTTO = re.compile(
    r"c[o0]ng\s*h[o0]a\s*x[a]\s*h[a-z0-9`]{1,3}\s*ch[uw]\s*ngh[i1]a\s*vi[e&]t[\s.,]*nam"  # ("VIET.NAM": OCR's speck)
    r"|[dpb][a-z0-9`]{1,3}c\s*[l1][a-z0-9`]{1,3}p\s*[-:]\s*t[a-z`]{1,2}\s*d[o0]\s*[-:]\s*h[a-z`]{1,3}nh[\s:.,]*ph[a-z`]{1,3}c"
    r"|[dpb][a]ng\s*c[o0]ng\s*s[a]{1,2}n\s*vi[e&]t[\s.,]*nam"  # ("SẲẢN": a letter read twice)
)
_TYPE_LINE = re.compile(r"\s*(?:" + P.TYPE_WORD.pattern + r")\s*$")
_TYPE_BEFORE_TITLE = re.compile(r"\s*(?:" + P.TYPE_WORD.pattern + r")[ \t]+(?=\S)")  # the type, then the title on its line
_TYPE_WORD_FIRST = re.compile(r"\s*(?:" + P.HEADER_TYPE_WORD + r")(?![a-z])")
#: A section heading at the start of a line: "I. MỤC ĐÍCH", "a) …", "QUYẾT ĐỊNH:", "Điều 1".
_HEADING = LinePattern(
    r"[ \t]*(?:(?:[ivxl|1]{1,4}|[a-e])[ \t]*[.)][ \t]*[a-z]"
    r"|quy[e&]?t\s*[dpb]inh\s*:"
    r"|[dp]i[e&]u\s*1\b)"
)
_GAZETTE = re.compile(r"[ \t]*c[o0]ng\s*b[a]o\s*/?\s*(?:s[o0]|$)")
#: "… như sau:", "… một số nội dung sau:", "… các nhiệm vụ cụ thể sau:": the opening ends there (the first item's
#: number may be misread: "1," for "1.").
_NHU_SAU = re.compile(r"(?:nh[uw]|n[o0]i\s+dung|(?:vi[e&]c|nhi[e&]m\s+v[u])(?:\s+c[uw]\s+th[e&])?)\s+sau\s*:")
_CUE_LINE = re.compile(r"[ \t]*(?:" + P.CUE.pattern + r")")


@dataclass(frozen=True, slots=True)
class Header:
    number: str | None = None
    symbol: str | None = None
    type: str | None = None
    issuer_code: str | None = None
    syntax: str | None = None
    so_span: tuple[int, int] | None = None
    place: str | None = None
    date: str | None = None
    year: int | None = None
    month: int | None = None
    agency_lines: tuple[str, ...] = ()
    title: str | None = None
    title_span: tuple[int, int] | None = None
    body_start: int = 0
    preamble_end: int = 0
    signer_name: str | None = None
    signer_title: str | None = None
    signer_capacity: str | None = None
    recipients: tuple[str, ...] = ()
    closing_type: str | None = None
    warnings: tuple[str, ...] = field(default=())


def _standalone_block(text: str, lines: list[tuple[int, int]], i: int, most: int = 4) -> bool:
    block = []
    while i < len(lines) and text[lines[i][0] : lines[i][1]].strip():
        block.append(text[lines[i][0] : lines[i][1]].strip())
        i += 1
    return 0 < len(block) <= most and i < len(lines) and not block[-1].endswith((";", ":", ","))


#: A document's opening sentence at a line's start, written with its capital: "Căn cứ …", "Thực hiện …", "Triển khai …".
_OPENING = re.compile(r"[ \t]*(?:c[a]n\s+c[uw]|" + P.THUC_HIEN + "|" + P.TRIEN_KHAI + r"|x[e&]t\s|nh[a]m\s|[dp][e&]\s)")


def _before_an_opening(text: str, folded: str, lines: list[tuple[int, int]], i: int) -> bool:
    """A title under its type line (its lines after the first in small letters) with the opening sentence on the line
    after it and no blank line between, as a word processor's paragraphs give it ("KẾ HOẠCH / Triển khai Kế hoạch số
    82/KH-UBND … / Thực hiện Kế hoạch số …")."""
    j = i + 1
    while j < min(len(lines), i + 3) and text[lines[j][0] : lines[j][1]].lstrip()[:1].islower():
        j += 1  # the title's lines after its first go on in small letters ("… Kế hoạch số 82/KH-UBND\nvề chuyển đổi số")
    if j >= len(lines) or text[lines[j - 1][0] : lines[j - 1][1]].rstrip().endswith((";", ":", ",", ".")):
        return False
    a, b = lines[j]
    return text[a:b].lstrip()[:1].isupper() and _OPENING.match(folded, a, b) is not None


def _lines(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    out = []
    pos = lo
    for line in text[lo:hi].split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


_WORD_BEFORE_SO = re.compile(r"(?:" + P.HEADER_TYPE_WORD + r")[ \t]*\Z")
_HEADING_WORD = re.compile(r"[\s*_-]*(?:" + P.HEADER_TYPE_WORD + r")(?![a-z])")


def _heading_type(text: str, folded: str, pos: int) -> str | None:
    """The type heading right after the date line, in capitals ("NGHỊ QUYẾT", "HIẾN PHÁP", "LỆNH"),
    on a line of its own or run into the title."""
    hm = _HEADING_WORD.match(folded, pos, min(len(folded), pos + 80))
    if hm is None:
        return None
    word = text[hm.end() - len(hm.group().lstrip(" \t\n*_-")) : hm.end()]
    if not word.isupper():
        return None
    return P.header_type_code(hm)


@dataclass(frozen=True, slots=True)
class _Number:
    """The "Số:" line: number, symbol and what the symbol says (type, issuer, syntax)."""

    number: str | None = None
    symbol: str | None = None
    type: str | None = None
    issuer_code: str | None = None
    syntax: str | None = None
    span: tuple[int, int] | None = None
    #: Where the type word before "Số:" starts ("Nghị quyết số:", OCR may break it over two lines):
    #: the agency block ends there.
    word_start: int | None = None


@dataclass(frozen=True, slots=True)
class _Titled:
    """The title under the type line, where the body starts, and the type the type line names."""

    title: str | None
    span: tuple[int, int] | None
    body_start: int
    type_from_line: str | None


def _vbhn_tail(text: str, folded: str) -> tuple[_Number, str | None] | None:
    """The "Số: …/VBHN-…" of a consolidated text's closing certification, and the date after it."""
    lo = max(0, len(folded) - 4000)
    for m in _SO_LINE.finditer(folded, lo):
        if "vbhn" not in m.group("sym"):
            continue
        parsed = parse_symbol(_symbol_text(text, folded, m), None)
        if not parsed:
            continue
        symbol, tcode, issuer_code, _y, syntax = parsed
        date = place_and_date(text, place_date(folded, m.end(), min(len(folded), m.end() + 200))).date
        number = P.number_as_read(text, folded, *m.span("num")) if m.group("num") else None
        return _Number(number, symbol, tcode, issuer_code, syntax, (m.start(), m.end())), date
    return None


def _typed(num: _Number, said: str | None) -> _Number:
    """The type the symbol says, else the type line's; an old-style symbol names its issuer ("12-L/CTN", "38-CP"),
    its type only by a guess: the type line says it."""
    if num.syntax == "old" and said:
        return dataclasses.replace(num, type=said)
    return dataclasses.replace(num, type=num.type or said)


def _from_the_end(text: str, folded: str, num: _Number, dated: Dated, head_hi: int) -> tuple[_Number, Dated]:
    """What a text's end says of its identity: a consolidated text's certification ("XÁC THỰC VĂN BẢN HỢP NHẤT … Số:
    03/VBHN-VPQH"), a portal's copy that names itself on its last line ("Quyết định số 1532/QĐ-BKHĐT ngày …"), a
    consolidated text whose number is blank or missing (never the act it consolidates)."""
    if num.symbol is None and len(folded) > head_hi and (tail := _vbhn_tail(text, folded)) is not None:
        num, tail_date = tail
        if tail_date:
            dated = Dated(dated.place, tail_date, int(tail_date[:4]), int(tail_date[5:7]))
    if num.span is None and len(folded) > head_hi // 5 and (found := closing_number(text, folded, num.type)) is not None:
        number, symbol, tcode, issuer_code, syntax, span, iso = found
        if dated.date is None and iso:
            dated = Dated(dated.place, iso, int(iso[:4]), int(iso[5:7]))
        num = _Number(number, symbol, tcode, issuer_code, syntax, span)
    if num.symbol is None and consolidated(text, folded, head_hi):
        num = dataclasses.replace(num, type="VBHN")
    return num, dated


def _type_of_words(folded_words: str) -> str | None:
    m = P.TYPE_WORD.search(folded_words)
    return P.type_word_code(m) if m else None


def parse_header(text: str, folded: str) -> Header:
    """The document's own identity, read from its header, title, closing sentence and signature."""
    head_hi = min(len(text), 1500)
    num, pd, heading_type = _number_line(text, folded, head_hi)
    dated = place_and_date(text, pd)
    annex = annexed(text, folded, head_hi) if not num.span and pd is None else None
    # agency block: the lines above "Số:" (or the date line, or an annex's type line), motto removed
    block_end = (num.span[0] if num.word_start is None else num.word_start) if num.span else (
        pd.start() if pd else (annex.type_start if annex else 0))
    agency = _agency_block(text, folded, block_end, pd)
    if annex is not None:
        titled = _Titled(annex.title, annex.title_span, annex.body_start, annex.type)
        dated = Dated(None, annex.date, annex.year, int(annex.date[5:7]) if annex.date else None)
    else:
        titled = _title(text, folded, pd.end() if pd else (num.span[1] if num.span else 0), num.span)
    if num.span and titled.type_from_line is None:
        titled = _subject_line_above(text, folded, num.span[1], pd.start() if pd else num.span[1], titled)
    num = _typed(num, titled.type_from_line or heading_type)
    num, dated = _from_the_end(text, folded, num, dated, head_hi)
    signer_name, signer_title, capacity, recipients = signature_and_recipients(text, folded)
    warnings: list[str] = []
    if (misread := P.year_misread(num.symbol, dated.year)) is not None:
        warnings.append(f"date's year read as {dated.year}: the year {misread} of the number kept")
        dated = Dated(dated.place, f"{misread:04d}{dated.date[4:]}" if dated.date else None, misread, dated.month)
    if not num.span:
        warnings.append("no 'Số:' line: number and symbol unknown")
    elif num.number is None:
        warnings.append("number left blank in 'Số:'")
    return Header(
        number=num.number,
        symbol=num.symbol,
        type=num.type,
        issuer_code=num.issuer_code,
        syntax=num.syntax,
        so_span=num.span,
        place=dated.place,
        date=dated.date,
        year=dated.year,
        month=dated.month,
        agency_lines=tuple(agency),
        title=without_portal_notes(titled.title),
        title_span=titled.span,
        body_start=titled.body_start,
        preamble_end=_preamble_end(folded, titled.body_start),
        signer_name=signer_name,
        signer_title=signer_title,
        signer_capacity=capacity,
        recipients=tuple(recipients),
        closing_type=closing_type(folded),
        warnings=tuple(warnings),
    )


_PORTAL_NOTE = re.compile(r"\s*\[[^\[\]\n]*\]")


def without_portal_notes(title: str | None) -> str | None:
    """A title without a legal portal's bracketed notes ("LUẬT [Quy định … tại Luật này …] ĐẤT ĐAI")."""
    if not title or "[" not in title:
        return title
    return " ".join(_PORTAL_NOTE.sub(" ", title).split()) or None


def _symbol_text(text: str, folded: str, m: re.Match[str]) -> str:
    """The symbol of a "Số:" match, its digits read as letters put back ("2O24"), up to a stop that is no hyphen."""
    sym = P.as_read(text, folded, *m.span("sym"))
    return before_a_sentence(sym, m.end("sym"))[0]


def _number_line(text: str, folded: str, head_hi: int) -> tuple[_Number, re.Match[str] | None, str | None]:
    """The "Số:" line, the place and date line, and the type the heading after the date names."""
    m = _SO_LINE.search(folded, 0, head_hi)
    if m is None:
        # Party style "Số 12-KH/TU" without a colon, at the start of a header line
        m = _SO_BARE.search(folded, 0, min(head_hi, 900))
    # the type named right before "số:" ("Luật số:", "Nghị quyết số:")
    word_type = None
    wb = None
    if m:
        wb = _WORD_BEFORE_SO.search(folded, max(0, m.start() - 24), m.start())
        word_type = P.header_type_code(wb) if wb else None
    pd = place_date(folded, m.end() if m else 0, head_hi)
    if pd is None and m:
        pd = place_date(folded, 0, head_hi)
    heading_type = _heading_type(text, folded, pd.end() if pd else (m.end() if m else 0))
    # a symbol without a type code ("132/2020/QH14", "61-CP") takes the type the words say
    parsed = parse_symbol(_slash(_symbol_text(text, folded, m)), word_type or heading_type) if m else None
    if m is None or parsed is None:
        empty = _SO_EMPTY.search(folded, 0, min(head_hi, 900)) if m is None else None
        span = (empty.start(), empty.end()) if empty else None
        return _Number(span=span), place_date(folded, 0, head_hi), heading_type
    symbol, tcode, issuer_code, _y, syntax = parsed
    if syntax == "letter" and heading_type and heading_type not in ("CV", tcode):
        tcode = heading_type  # "Số: 82/SYT" above "KẾ HOẠCH": no type code, the title says it
    elif heading_type and tcode and tcode != heading_type and _d_read(tcode) == _d_read(heading_type):
        # "12/PA-SYT" above "ĐỀ ÁN": OCR read the code's Đ as P
        symbol = re.sub(r"(^|/)" + re.escape(tcode) + r"(?=-|/|$)", lambda mm: mm.group(1) + heading_type, symbol, count=1)
        tcode = heading_type
    number = P.number_as_read(text, folded, *m.span("num")) if m.group("num") else None
    return _Number(number, symbol, tcode, issuer_code, syntax, (m.start(), m.end()), wb.start() if wb else None), pd, heading_type


def _d_read(code: str | None) -> str | None:
    """A type code with the letters OCR confuses with "Đ" read as "Đ" ("PA", "DA", "BA" → "ĐA")."""
    return re.sub(r"[ĐDPB0]", "Đ", code) if code else code


def _slash(sym: str) -> str:
    """"IKH-UBND" → "/KH-UBND": the slash after the number read as "I" (``P.SLASH_READ_AS_I``)."""
    return "/" + sym[1:] if sym[:1] in "Il" else sym


_COLUMN_GAP = re.compile(r"[ \t]{2,}")


def _agency_block(text: str, folded: str, block_end: int, pd: re.Match[str] | None = None) -> list[str]:
    agency: list[str] = []
    # blank out the motto (also when a wrap split it over two lines: "CỘNG HÒA XÃ HỘI CHỦ / NGHĨA VIỆT
    # NAM"), keeping offsets, then keep what is left of each line
    blanked = _MOTTO.sub(lambda mm: re.sub(r"[^\n]", "\0", mm.group()), folded[:block_end])
    if pd is not None and pd.start() < block_end:
        # the place and date line above "Số:" (its right column, wrapped: "Hà Nội, ngày 22 tháng 8 / năm 2026")
        gap = None
        for gap in _COLUMN_GAP.finditer(folded, pd.start(), pd.end("place")):
            pass
        lo = gap.end() if gap is not None else pd.start()
        hi = min(pd.end(), block_end)
        blanked = blanked[:lo] + re.sub(r"[^\n]", "\0", blanked[lo:hi]) + blanked[hi:]
    for lo, hi in _lines(text, 0, block_end):
        f = blanked[lo:hi]
        kept = "".join(" " if f[i] == "\0" else text[lo + i] for i in range(hi - lo))
        kept = clean(kept)
        if kept and any(c.isalpha() for c in kept):
            agency.append(kept)
    return agency


def _title(text: str, folded: str, after: int, so_span: tuple[int, int] | None) -> _Titled:
    """The type line and the title after the date line: lines until a blank line, a cue line or a heading."""
    lines = _lines(text, after, min(len(text), after + 2500))
    i = 0
    # skip to first non-empty line (and past a gazette's page header)
    while i < len(lines) and (not _HAS_LETTER.search(text, *lines[i]) or _GAZETTE.match(folded, *lines[i])):
        i += 1  # (a table's cell border left after the date, " |", is no title either)
    type_from_line, given = None, False
    if i < len(lines):
        lo, hi = lines[i]
        if _TYPE_LINE.match(folded[lo:hi]) and text[lo:hi].strip().isupper():
            type_from_line = _type_of_words(folded[lo:hi])
            i += 1
            while i < len(lines) and not text[lines[i][0] : lines[i][1]].strip():
                i += 1
        elif ((head := _TYPE_BEFORE_TITLE.match(folded, lo, hi)) is not None and text[lo : head.end()].strip().isupper()
              and text[head.end() : head.end() + 2].istitle()):
            # "KẾ HOẠCH Triển khai …" on one line (a header flattened by a PDF): the line's rest starts the title
            type_from_line, lines[i], given = _type_of_words(folded[lo : head.end()]), (head.end(), hi), True
    # "V/v …" of a công văn
    if i < len(lines) and _SUBJECT_LINE.match(folded, *lines[i]):
        type_from_line = type_from_line or "CV"
    t_lines = _title_lines(text, folded, lines, i, bool(type_from_line), so_span is not None, given)
    if t_lines and (type_from_line or not so_span or len(t_lines) <= 4):
        span = (t_lines[0][0], t_lines[-1][1])
        return _Titled(clean(text[span[0] : span[1]]), span, span[1], type_from_line)
    return _Titled(None, None, after, type_from_line)


_HAS_LETTER = re.compile(r"[^\W\d_]")
#: A letter's "V/v" (về việc), also as OCR reads it: "V/w", "//v", "V/", "V#", "V⁄", "V@v" before the subject.
_SUBJECT_LINE = re.compile(r"[ \t]*(?:v\s*/\s*[vw]\b|/\s*/\s*v\b|v\s*[/#⁄]|v@v\b)(?=[ \t]+[a-z])")
_KINH_GUI = re.compile(r"\s*k[i1]nh\s+g[uw]i\b")


def _subject_line_above(text: str, folded: str, lo: int, hi: int, titled: _Titled) -> _Titled:
    """A letter's "V/v …" written in the left column under "Số:", so read before the motto and the date:
    it is the title, and the "Kính gửi: …" block after the date never is."""
    lines = _lines(text, lo, hi)
    first = next((n for n, (a, b) in enumerate(lines) if _SUBJECT_LINE.match(folded, a, b)), None)
    if first is None:
        kinh_gui = titled.span is not None and _KINH_GUI.match(folded, *titled.span) is not None
        return _Titled(None, None, titled.body_start, None) if kinh_gui else titled
    span_lines: list[tuple[int, int]] = []
    for n, (a, b) in enumerate(lines[first : first + 4]):
        if span_lines and ((not text[a:b].strip() and not _small_after(text, lines, first + n + 1))
                           or place_date(folded, a, b) is not None):
            break
        if not text[a:b].strip():
            continue
        # the right column on the same line (the motto, two spaces or more away) is not the subject's
        cut = min([m.start() for m in (_MOTTO.search(folded, a, b), _COLUMN_GAP.search(folded, a, b)) if m] or [b])
        if cut <= a:
            break
        span_lines.append((a, cut))
    span = (span_lines[0][0], span_lines[-1][1])
    return _Titled(clean(text[span[0] : span[1]]), span, titled.body_start, "CV")


def _small_after(text: str, lines: list[tuple[int, int]], i: int) -> bool:
    """The next line with words from ``i`` goes on in small letters: a blank line before it is one OCR put in a title."""
    return next((text[a:b].strip() for a, b in lines[i : i + 2] if text[a:b].strip()), "")[:1].islower()


def _title_lines(text: str, folded: str, lines: list[tuple[int, int]], i: int, typed: bool, numbered: bool,
                 given: bool = False) -> list[tuple[int, int]]:
    t_lines: list[tuple[int, int]] = []
    while i < len(lines):
        lo, hi = lines[i]
        line = text[lo:hi]
        if not line.strip():
            if t_lines and not _small_after(text, lines, i + 1):
                break
            i += 1
            continue
        if _HEADING.plain.match(folded, lo, hi) or (t_lines and _KINH_GUI.match(folded, lo, hi)):
            break  # (a letter's subject ends where "Kính gửi:" starts)
        if (t_lines and _authority_line(line) and not text[t_lines[-1][0] : t_lines[-1][1]].strip().isupper()
                and not _TYPE_WORD_FIRST.match(folded, lo, hi)):
            break  # "… của Chính phủ / CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …": who decides, under a title in small letters
        if _GAZETTE.match(folded, lo, hi):
            i += 1  # a gazette's page header ("CÔNG BÁO/Số 123 + 124/Ngày 15-02-2024") is never a title
            continue
        # (given: the first line is the title's; a line in small letters goes on the one before: "V/v … kế hoạch\ntriển khai …")
        if _CUE_LINE.match(folded[lo:hi]) and not (given and not t_lines) and not (t_lines and line.lstrip()[:1].islower()):
            # "KẾ HOẠCH / Thực hiện Nghị quyết số 57-NQ/TW …" is a title when it
            # stands alone right under the type line: a short block ending
            # without ";", ":" or "," and followed by a blank line
            # (also at the very top of a text with no header at all)
            # "LUẬT / SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA …" in capitals under the type line is its title whatever follows
            upper_title = typed and line.strip().isupper() and (not t_lines or text[t_lines[-1][0]:t_lines[-1][1]].strip().isupper())
            if not upper_title and not (not t_lines and (typed or not numbered) and (
                    _standalone_block(text, lines, i, 4 if typed else 2) or (typed and _before_an_opening(text, folded, lines, i)))):
                break
        t_lines.append((lo, hi))
        i += 1
        if len(t_lines) >= 5:
            break
    return t_lines


def _authority_line(line: str) -> bool:
    """A line of words in capitals (not a symbol wrapped onto its own line, "71/NQ-CP"): the authority that
    issues a decision or a resolution ("HỘI ĐỒNG NHÂN DÂN TỈNH …", "KHÓA X, KỲ HỌP THỨ …")."""
    words = [w for w in line.split() if w.isalpha()]
    return len(words) >= 2 and line.isupper() and sum(len(w) for w in words) >= 8


def _preamble_end(folded: str, body_start: int) -> int:
    """From the body start to the first section heading or "như sau:"."""
    hm = _HEADING.search(folded, body_start)
    ns = _NHU_SAU.search(folded, body_start, min(len(folded), body_start + 3000))
    ends = [x for x in (hm[0] if hm else None, ns.end() if ns else None) if x is not None]
    return min(ends) if ends else min(len(folded), body_start + 1500)
