"""Find and parse citations of numbered instruments and laws named in the text.

Stage "find": :data:`patterns.CITATION` over the folded text yields number +
symbol candidates.  Stage "parse": each candidate's symbol is split into
segments, OCR confusions are undone per segment (type code, year, issuer),
the syntax is decided (administrative, normative, Party, công văn), and the
words around it are read: the type word before, the date, the issuer phrase
and the subject after.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from luocdo.loaders import patterns as P

_SEG_SPLIT = re.compile(r"[/|]|-")
#: A "." OCR read for a hyphen between two codes ("KH.UBND"): see :data:`patterns.DOT_SEP`.
_DOT_FOR_HYPHEN = re.compile(r"(?<=[^\W\d_])(?:[.:'’]|:[ \t]*\n[ \t]*)(?=[^\W\d_])")
#: Dashes a word processor or PDF writes for the hyphen of a symbol (folding reads them all as "-").
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-"))
_DOUBLED_DASH = re.compile(r"-[\s-]*-")


@dataclass(frozen=True, slots=True)
class Citation:
    """One mention of a numbered instrument, as read from the text."""

    start: int  # start of the mention (type word if any, else the number)
    end: int  # end of the core: number, symbol, date and issuer phrase
    num_start: int
    sym_end: int
    number: str
    symbol: str  # canonical, e.g. "KH-UBND", "NQ/TW", "2020/NĐ-CP", "BYT-BH"
    type: str  # canonical type code: KH, QĐ, NQ, CV, Luật …
    issuer_code: str | None
    year: int | None
    date: str | None
    type_word: str | None  # type named by the word before the number
    issuer_phrase: str | None
    subject: str | None
    subject_end: int  # end of the subject (or == end)
    syntax: str  # admin | normative | party | letter | old
    #: The name the text gives the instrument together with its number ("Luật Đất đai" of "Luật Đất đai
    #: số 45/2013/QH13"): both name the same instrument, so a law cited elsewhere by name alone is this one.
    name: str | None = None


def _year_ok(y: int) -> bool:
    return 1945 <= y <= 2100


def _date(m: re.Match[str]) -> tuple[str | None, int | None]:
    d = m.group("d1") or m.group("d2")
    mo = m.group("m1") or m.group("m2")
    y = m.group("y1") or m.group("y2")
    try:
        di, mi = (int(x.replace(" ", "").translate(P.DATE_LETTERS)) for x in (d, mo))
        yi = int(y)
    except (TypeError, ValueError):
        return None, None
    if not (1 <= di <= 31 and 1 <= mi <= 12 and _year_ok(yi)):
        return None, yi if _year_ok(yi) else None
    return f"{yi:04d}-{mi:02d}-{di:02d}", yi


def parse_date(folded: str, pos: int) -> tuple[str | None, int | None, int]:
    """A date right after ``pos``; returns (iso date, year, end) or (None, None, pos)."""
    m = P.DATE_AFTER.match(folded, pos, min(len(folded), pos + 60))
    if not m:
        return None, None, pos
    iso, year = _date(m)
    return iso, year, m.end()


def _tw_as_read(raw: str, first_sep: str, seps: list[str], issuer: str, head: str) -> tuple[str, str]:
    """The issuer and its head, "57-NQ/TÁW", "57:NQ/TẤN" read as the Party's "TW" (in a Party number's form only)."""
    party_form = (first_sep == "-" and seps[1:2] in (["/"], ["|"])) or (raw[:1] in " \t:" and first_sep in "/|")
    if party_form and head not in P.PARTY_ISSUERS and _TW_READ.fullmatch(P.untoned(head)):
        return "TW" + issuer[len(head) :], "TW"
    return issuer, head


#: "TW" of a Party number as OCR reads it, its tone marks taken off: "TAW", "TWW", "TÂN" ("TẤN", a word the language
#: model knows), "TN", "TÂWV".
_TW_READ = re.compile(r"T[AÂ]?[WN]{1,2}V?")


def _party_code(code: str) -> bool:
    """A Party body's code: a committee's ("TW", "TU", "HU" …) or one ending in its committee's ("BTGTW",
    "VPTW", "BTGTU" for the provincial committee's propaganda board)."""
    return code in P.PARTY_ISSUERS or (len(code) >= 4 and code.isalpha() and code.endswith(("TW", "TU")))


def _split_lost_hyphen(seg: str, type_word: str | None) -> tuple[str, str] | None:
    """"CTTTg" → ("CT", "TTg"), "TTBKHCN" → ("TT", "BKHCN"): OCR lost the thin hyphen between a type code
    and a known issuer.  Only a known issuer after a type code (the one the type word says, if any) is
    split off, and never a segment that is itself a code ("TTCP", "TTHĐND")."""
    if len(seg) < 4 or P.type_code(seg) or seg.upper().replace("Ð", "Đ") in P.KNOWN_ISSUERS:
        return None
    for i in (2, 3, 4):
        head, rest = seg[:i], seg[i:]
        tcode = P.type_code(head) if head.isalpha() else None
        if tcode is None or (type_word is not None and type_word != tcode) or len(rest) < 2:
            continue
        if P.issuer_code(rest).upper() in P.KNOWN_ISSUERS and rest[0].isupper():
            return head, rest
        if rest[0] in "EIL1" and len(rest) >= 3 and P.issuer_code(rest[1:]).upper() in P.KNOWN_ISSUERS and rest[1].isupper():
            return head, rest[1:]  # "CTETTg": the hyphen read as a letter
    return None


def _split_party_slash(seg: str) -> tuple[str, str] | None:
    """"NQITW" → ("NQ", "TW"): OCR read the "/" of a Party symbol as I, l or 1."""
    for i in range(2, len(seg) - 1):
        if seg[i].upper() in "IL1|" and P.type_code(seg[:i]):
            rest = seg[i + 1 :]
            if rest and (_party_code(P.issuer_code(rest)) or rest.upper() in P.KNOWN_ISSUERS):
                return seg[:i], rest
    return None


@lru_cache(maxsize=8192)  # a pure function of a few thousand distinct symbols ("KH-UBND", "NQ/TW" …)
def parse_symbol(raw: str, type_word: str | None) -> tuple[str, str, str | None, int | None, str] | None:
    """Parse the part after the number.

    Returns (symbol, type, issuer_code, year, syntax) or None when the run is not
    an instrument symbol (dates, ranges "2021-2025", quarter "III/2025" …).
    """
    text = _DOUBLED_DASH.sub("-", raw.strip().lstrip(":").translate(_DASHES).replace("-:", "-").replace(":-", "-"))  # "12- -HD/BTGTW": one dash, OCR's doubled
    if "." in text or ":" in text or "'" in text or "’" in text:
        text = _DOT_FOR_HYPHEN.sub("-", text)
    seps = _SEG_SPLIT.findall(text)
    segs = [s for s in (x.strip(" \t\n`") for x in _SEG_SPLIT.split(text)) if s]
    if not segs or not any(any(c.isalpha() for c in s) for s in segs):
        return None
    first_sep = seps[0] if seps else "/"
    # Party symbol with the slash misread: "57-NQITW".
    if len(segs) == 1 and first_sep == "-":
        split = _split_party_slash(segs[0])
        if split:
            segs = list(split)
            seps = ["-", "/"]
    year = None
    if segs[0].isdigit() and len(segs[0]) == 4 and _year_ok(int(segs[0])):
        year = int(segs[0])
        segs = segs[1:]
        if not segs:
            return None
    if len(segs) == 1 and (lost := _split_lost_hyphen(segs[0], type_word)) is not None:
        segs = list(lost)
        seps = [*seps, "-"] if year is not None or first_sep != "-" else ["-", "/"]
    if any(s.isdigit() for s in segs[:1]):
        return None
    # old style: the issuer alone after a dash ("61-CP", "299-TTg"); its type is said by the words before
    old = P.OLD_STYLE_ISSUERS.get(P.issuer_code(segs[0])) if len(segs) == 1 and first_sep == "-" else None
    if old and segs[0].upper().replace("Đ", "D") == P.issuer_code(segs[0]).upper().replace("Đ", "D"):  # ("30-HDBT": its mark lost)
        issuer = P.issuer_code(segs[0])
        return issuer, type_word or old, issuer, year, "old"
    # an old-style law or ordinance of the State President: "24-L/CTN", "12-PL/UBTVQH"
    if len(segs) >= 2 and segs[0].upper() == "L" and first_sep == "-":
        issuer = "-".join(P.issuer_code(s) for s in segs[1:])
        return f"L/{issuer}", "Luật", issuer, year, "old"
    if (old_one := _old_written(segs, seps, first_sep, type_word, year)) is not None:
        return old_one
    tcode = P.type_code(segs[0]) or _party_letter(segs, seps, first_sep)
    if tcode and len(segs) >= 2:
        issuer = "-".join(P.issuer_code(s) for s in segs[1:])
        head = issuer.split("-")[0]
        if year is not None:
            return f"{year}/{tcode}-{issuer}", tcode, issuer, year, "normative"
        issuer, head = _tw_as_read(raw, first_sep, seps, issuer, head)
        # "12-HD/BTGTW", also with OCR's "|" for the slash
        party = _party_code(head) or (first_sep == "-" and seps[1:2] in (["/"], ["|"]) and head not in ("UBND", "HĐND", "CP", "TTg"))
        if party and head not in ("UBND", "HĐND", "CP", "TTg"):
            return f"{tcode}/{issuer}", tcode, issuer, None, "party"
        return f"{tcode}-{issuer}", tcode, issuer, None, "admin"
    if tcode and len(segs) == 1:
        # "số 12/KH" with the issuer lost: keep what there is.
        return tcode, tcode, None, year, "admin"
    return _without_type_code(segs, year, first_sep, type_word)


#: Old-style issuers written exactly (in capitals: "CP", "TTG", "HĐBT").
_OLD_STYLE_EXACT = {k.upper(): k for k in P.OLD_STYLE_ISSUERS}
#: A ministry's code in an old-style number ("BKH", "LĐTBXH", "BTC"): capitals, a "B" first or a known issuer.
_OLD_MINISTRY = re.compile(r"B[A-ZĐ]{1,6}|LĐTBXH|LDTBXH|TCCP|UBKH|NHNN")


def _old_written(segs: list[str], seps: list[str], first_sep: str, type_word: str | None,
                 year: int | None) -> tuple[str, str, str | None, int | None, str] | None:
    """Old-style numbers a type word names: "Nghị định số 12/CP", "Quyết định số 299/TTg" (the issuer as written, not
    a type code OCR could read it as: "CĐ"); a ministry's letter or circular, number, "-", the ministry, "/" and its unit
    or type ("1235-BKH/TH", "06-LĐTBXH/TT")."""
    if (len(segs) == 1 and first_sep in "/|" and type_word not in (None, "CV", "CĐ")
            and (old_issuer := _OLD_STYLE_EXACT.get(segs[0].upper().replace("Ð", "Đ"))) is not None):
        return old_issuer, type_word, old_issuer, year, "old"
    if (len(segs) == 2 and first_sep == "-" and seps[1:2] == ["/"] and type_word in ("CV", "TT", "QĐ", "CT")
            and _OLD_MINISTRY.fullmatch(segs[0]) and segs[1].isupper() and segs[1].isalpha()):
        issuer = P.issuer_code(segs[0])
        return f"{issuer}/{segs[1].upper()}", type_word, issuer, year, "old"
    return None


def _party_letter(segs: list[str], seps: list[str], first_sep: str) -> str | None:
    """"CV" of a Party body's letter ("1234-CV/TU", "45-CV/BCĐTW"): a State agency's letter mostly has no
    type code in its symbol ("627/BYT-BH"), a Party body's has, in the Party's "-…/…" form."""
    if len(segs) >= 2 and segs[0].upper() == "CV" and (first_sep in "/|" or seps[1:2] in (["/"], ["|"])):
        return "CV"  # "45/CV-UBND" too, as some committees write a letter's number
    return None


def _without_type_code(segs: list[str], year: int | None, first_sep: str, type_word: str | None) -> tuple[str, str, str | None, int | None, str] | None:
    """A symbol without a type code: a letter (công văn) "627/BYT-BH", or a law "63/2020/QH14"."""
    if not segs[0][0].isalpha():
        return None
    issuer = "-".join(P.issuer_code(s) for s in segs)
    if len(issuer) < 2:
        return None
    if year is not None:
        t = type_word if type_word in ("NQ", "Luật", "PL", "Bộ luật", "Hiến pháp") else ("Luật" if issuer.startswith("QH") else (type_word or "CV"))
        return f"{year}/{issuer}", t, issuer, year, "normative"
    if first_sep not in "/|":  # "627/BYT-BH", OCR's "39|UBND-TH"
        return None
    if type_word and type_word != "CV" and issuer in P.OLD_STYLE_ISSUERS:
        return issuer, type_word, issuer, None, "old"  # "Chỉ thị số 299/TTg", "Quyết định số 12/CP": old style
    return issuer, type_word if type_word in ("CV", "TB", "HD") else "CV", issuer, None, "letter"


_WS = re.compile(r"\s+")


@lru_cache(maxsize=8192)
def _looks_like_code(raw: str) -> bool:
    """Symbols are written in capitals ("KH-UBND", "TTg"): a lower-case word after
    a number ("01 số /tuần") is prose, not a symbol."""
    segs = [s.strip() for s in _SEG_SPLIT.split(raw)]
    for i, seg in enumerate(segs):
        letters = [c for c in seg if c.isalpha()]
        if letters and not letters[0].isupper():
            return False
        # a word in capitals run on after a symbol ("95/2015/QH13- KHOẢN 1"): codes carry no tone marks
        if i and len(letters) > 3 and _TONED.search(seg) and not _TW_READ.fullmatch(P.untoned(seg)):  # ("TÂWV": "TW")
            return False
        # a word with toned small letters after a table's bar ("TT 23/2024 | Tên dịch vụ"): no code either
        if i and len(letters) >= 2 and _TONED_SMALL.search(seg, 1):
            return False
    return True


_CODE_BEFORE = re.compile(r"(?<![a-z])m[a]\s*s[o0]\s*[:.]?\s*\Z|(?<![a-z])m[a]\s*\Z")  # "Mã số 06/…": a form's code
_TONED = re.compile(r"[À-ÃÈ-ÊÌÍÒ-ÕÙÚÝĂĨŨƠƯẠ-ỹ]")
_TONED_SMALL = re.compile(r"[à-ãè-êìíò-õùúýăĩũơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]")


def clean(text: str) -> str:
    """Collapse white space and strip punctuation at the ends."""
    # str.split() breaks at the characters \s matches; the ends lose their spaces in strip anyway
    return " ".join(text.split()).strip(" ,;:.-–\"“”'")


_SUBJECT_START = re.compile(r"[\s,]{0,3}(?:v[e&]\s+vi[e&]c\s+|v[e&]\s+|ban\s+h[a]nh\s+|ph[e&]\s+duy[e&]t\s+)", re.S)
_SUBJECT_STOP = re.compile(r";|\.\s|\.$|:\s|\n\s*\n|\n\s*[-+•]\s|\(\s*sau\s+d")


_HAS_LETTER = re.compile(r"[^\W\d_]")
_MONTH_BEFORE = re.compile(r"(?<![a-z])th[a-z`]{1,2}ng\s*\Z")
_FORM_BEFORE = re.compile(
    r"(?<![a-z])(?:m[a]u|ph[uw]\s+l[uw]c|bi[e&]u|s[o0d6&`]\s*d[o06d&`]|b[a]ng)\s*(?:" + P.SO + r"\s*)?[:.]?\s*\Z"
)


@dataclass(frozen=True, slots=True)
class _Head:
    """A citation's number and symbol, read and accepted: what the words after it are read for."""

    start: int
    num_start: int
    sym_end: int
    number: str
    symbol: str
    type: str
    issuer_code: str | None
    year: int | None
    type_word: str | None
    syntax: str


def find_citations(text: str, folded: str, stop: int = -1) -> list[Citation]:
    """Every numbered citation in the text, in order.  The words after one that starts before ``stop`` (where
    the document's own place and date line starts) end there: a letter's "V/v triển khai Quyết định số
    1588/QĐ-TTg" above "Cà Mau, ngày 30 tháng 12 năm 2025" is not dated by the letter's own date, nor
    issued in "tỉnh\nCà Mau"."""
    out: list[Citation] = []
    for m in P.CITATION.finditer(folded):
        head = _head(m, text, folded)
        if head is None:
            continue
        if head.sym_end <= stop:  # (a "place" inside the symbol is no date line: "số 05- HDIBTGTW, ngày 10/01/2025")
            out.append(_with_words_after(head, text[:stop], folded[:stop]))
        else:
            out.append(_with_words_after(head, text, folded))
    return out


def _head(m: re.Match[str], text: str, folded: str) -> _Head | None:
    """The number and symbol of a match, with the type word before; None when it is no citation."""
    sym_start, sym_end = m.span("sym")
    sym_raw = P.as_read(text, folded, sym_start, sym_end).translate(_DASHES)  # "KH–UBND" as a word processor writes it
    if sym_raw[:1] in "Il" and folded[sym_start - 1 : sym_start].isdigit():
        sym_raw = "/" + sym_raw[1:]  # "30IKH-UBND": the slash read as "I"
    if not _HAS_LETTER.search(sym_raw):  # dates "22/12/2024", ranges "2021-2025"
        return None
    if _HYPHEN_READ_AS.search(sym_raw):
        sym_raw, sym_end = before_a_sentence(sym_raw, sym_end)
    cut = _glued_word(sym_raw)
    if cut:  # "83/2013/NĐ-CPco hiệu lực": OCR lost the space after the symbol
        sym_raw, sym_end = sym_raw[:-cut], sym_end - cut
    after_so, num_span = P.citation_parts(m)
    start = m.start()  # "số", or the number itself
    # the type word right before (within 40 chars, nothing else between)
    type_word = None
    tb = P.TYPE_BEFORE.search(folded, max(0, start - 48), start) if start else None
    if tb:
        type_word = P.type_word_code(tb)
        start = tb.start()
    if not after_so and type_word is None and P.PAGE_NUMBER_LINE.match(folded, folded.rfind("\n", 0, start) + 1):
        return None  # "- 2 -" above "II. NHIỆM VỤ": a page's number
    parsed = parse_symbol(sym_raw, type_word)
    if parsed is None:
        return None
    before = folded[max(0, start - 16) : start]
    if _form_code(before, type_word):
        return None
    if not after_so and "th" in before and _MONTH_BEFORE.search(before):
        return None  # "tháng 02/2024-…": a month, not a number (but "Luật Viễn thông số 24/2023/QH15" is one)
    symbol, tcode, issuer, year, syntax = parsed
    if not _looks_like_code(sym_raw):
        return None
    if syntax in ("letter", "old") and type_word is None and not after_so:
        return None  # a bare "12/UBND" without "số" or a type word is too weak
    if sym_raw[:1] in " \t" and sym_raw.lstrip()[:1].isalpha() and (type_word is None or not after_so):
        return None  # a Party number whose hyphen was lost ("359 KH/TU") only after its type word and "số"
    if type_word == "Luật" and syntax != "normative" and not symbol.startswith("L/"):
        return None  # "Luật số 24-L/CTN" (a law of before 2002) is one
    number = P.number_as_read(text, folded, *num_span)
    return _Head(start, num_span[0], sym_end, number, symbol, tcode, issuer, year, type_word, syntax)


_HYPHEN_READ_AS = re.compile(r"[.:'’]")


def before_a_sentence(sym_raw: str, sym_end: int) -> tuple[str, int]:
    """The symbol up to a ".", ":" or "'" that is no hyphen: "12/KH.Sau đó" is a sentence's end glued to the next
    one; a code after one is in capitals ("KH.UBND", "CT:TTg")."""
    for m in _HYPHEN_READ_AS.finditer(sym_raw):
        code = _SEG_SPLIT.split(sym_raw[m.end() :].lstrip().lstrip("-"))[0]  # (after a line break: "NĐ:\nCP"; "TT:-SCT")
        code = _HYPHEN_READ_AS.split(code)[0]
        if not (code.isupper() or code in P.KNOWN_ISSUERS.values()):
            return sym_raw[: m.start()], sym_end - (len(sym_raw) - m.start())
    return sym_raw, sym_end


def _glued_word(sym_raw: str) -> int:
    """How many small letters end the symbol after two capitals: a word OCR glued to it ("NĐ-CPco");
    a symbol ends in one small letter at most ("QĐ-TTg", "TTr-UBND")."""
    i = len(sym_raw)
    while i and sym_raw[i - 1].islower():
        i -= 1
    n = len(sym_raw) - i
    return n if n >= 2 and i >= 2 and sym_raw[i - 1].isupper() and sym_raw[i - 2].isupper() else 0


def _form_code(before: str, type_word: str | None) -> bool:
    """A form's, table's or chart's code ("mẫu số 05/ABC/XYZ", "Phụ lục số 02/…", "Sơ đồ số 02/THĐ",
    "Bảng số 04/QĐC", "Mã số 06/…"), not an instrument: ``before`` is the text before the citation."""
    if _FORM_BEFORE.search(before):
        return True
    return type_word is None and "ma" in before and _CODE_BEFORE.search(before) is not None


def _with_words_after(head: _Head, text: str, folded: str) -> Citation:
    """The citation with what is written after its symbol: the date, "của <issuer>", the subject."""
    year = head.year
    date, dyear, pos = parse_date(folded, head.sym_end)
    if date and _next_sentence_opens(text, folded, head.sym_end, pos):
        date, dyear, pos = None, None, head.sym_end
    if dyear and not year:
        year = dyear
    elif date and year and dyear and P.one_digit_apart(year, dyear):
        date = f"{year:04d}{date[4:]}"  # "31/2024/NQ-HĐND ngày 10/12/2034": a digit of the date misread
    if date is None and dyear is None:
        # "Kế hoạch số 38/KH-UBND năm 2025": the year of the cited instrument (a number's own year wins)
        ym = P.YEAR_AFTER.match(folded, pos, min(len(folded), pos + 20))
        if ym is not None and (year is None or year == int(ym.group("y"))) and (
            "(" in ym.group() or not _acted_on(folded, head.start) or P.ISSUER_AFTER.match(folded, ym.end(), ym.end() + 160)
        ):
            year, pos = int(ym.group("y")), ym.end()
    issuer_phrase = None
    im = P.ISSUER_AFTER.match(folded, pos, min(len(folded), pos + 160))
    if im:
        issuer_phrase = clean(text[im.start("who") : im.end("who")])
        pos = im.end("who")
        if not date:
            d2, y2, p3 = parse_date(folded, pos)
            if d2:
                date, pos = d2, p3
                year = year or y2
            elif ((ym := P.YEAR_AFTER.match(folded, pos, min(len(folded), pos + 20))) is not None and year is None
                  and not _acted_on(folded, head.start)):
                year, pos = int(ym.group("y")), ym.end()  # "… của UBND tỉnh năm 2024"
    subject, subject_end = _subject(text, folded, pos)
    return Citation(
        start=head.start,
        end=pos,
        num_start=head.num_start,
        sym_end=head.sym_end,
        number=head.number,
        symbol=head.symbol,
        type=head.type,
        issuer_code=head.issuer_code,
        year=year,
        date=date,
        type_word=head.type_word,
        issuer_phrase=issuer_phrase,
        subject=subject,
        subject_end=subject_end,
        syntax=head.syntax,
    )


def _next_sentence_opens(text: str, folded: str, lo: int, end: int) -> bool:
    """The date read after a citation is the next sentence's opening: on a new line, "Ngày" in capitals, a comma
    after it ("… về triển khai Nghị quyết số 57-NQ/TW\nNgày 10/9/2025, Ban Thường vụ họp …"), not a wrapped
    "…\nngày 12/3/2025, UBND xã …"."""
    nl = folded.find("\n", lo, end)
    if nl < 0:
        return False
    at = nl + 1
    while at < end and folded[at] in " \t":
        at += 1
    return text[at : at + 1] == "N" and folded[end : end + 3].lstrip(" \t")[:1] == ","


def _acted_on(folded: str, start: int) -> bool:
    """The citation starting at ``start`` is the object of "triển khai", "thực hiện" … (see
    :data:`patterns.ACTION_BEFORE`)."""
    return P.ACTION_BEFORE.search(folded, max(0, start - 48), start) is not None


def _subject(text: str, folded: str, pos: int) -> tuple[str | None, int]:
    """"về …", "ban hành …", "phê duyệt …" after a citation, up to a break or the next citation."""
    sm = _SUBJECT_START.match(folded, pos, min(len(folded), pos + 20))
    if not sm:
        return None, pos
    stop = _SUBJECT_STOP.search(folded, sm.end(), min(len(folded), sm.end() + 400))
    nxt = P.CITATION.search(folded, sm.end(), stop.start() if stop else min(len(folded), sm.end() + 400))
    hi = stop.start() if stop else min(len(folded), sm.end() + 400)
    if nxt:
        tw = P.TYPE_BEFORE.search(folded, max(sm.end(), nxt.start() - 48), nxt.start())
        hi = min(hi, tw.start() if tw else nxt.start())
    return clean(text[sm.start() : hi]) or None, hi
