"""Named pattern pieces, built to run over *folded* text (see loaders.fold).

Folding removes diacritics and case but keeps length, so these patterns see
"ke hoach so 82/kh-ubnd" whatever the input looked like.  OCR damage that
folding cannot undo is handled by confusion classes: each piece below says
which garbles it accepts and why.  The OCR confusions live here and nowhere
else; the document types in luocdo.core.doctypes, from which the type codes
and words below are read.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from luocdo.core.doctypes import TYPES

# ---------------------------------------------------------------------------
# OCR confusion classes, per canonical character of a code.
# Observed in scanned documents: "QĐ" read as "QD", "Qb", "0D", "0P", "OD";
# "NQ" as "NO"; "HĐND" as "HPND"; "/" as "I", "|" or "l"; "ố" as 6/o/é/b/d.
# ---------------------------------------------------------------------------
CONFUSABLE: dict[str, str] = {
    "Đ": "ĐDPBÞ0",
    "D": "DĐP",
    "Q": "QO0",
    "O": "OQ0",
    "I": "I1L|",
    "L": "LI1",
    "T": "T7IF",  # "ITG", "FTG" for "TTg" (no code has an F: Vietnamese writes none)
    "G": "G6",
    "S": "S5",
    "B": "B8",
}

#: Official type abbreviations as written in symbols (luocdo.core.doctypes), upper-cased for
#: matching; the value is the canonical spelling.
TYPE_CODES: dict[str, str] = {t.code.upper(): t.code for t in TYPES if t.in_symbol}

#: Issuer codes that are common enough to restore from OCR damage.  The list
#: of issuers is open (each agency picks its own); unknown codes are kept.
KNOWN_ISSUERS: dict[str, str] = {
    c.upper(): c
    for c in (
        "TW", "TU", "HU", "ĐU", "CP", "TTg", "QH", "UBTVQH", "VPCP", "UBND", "HĐND",
        "BCĐTW", "BCĐ", "BTV", "MTTQ", "TTHĐND", "BNV", "BTC", "BTP", "BYT", "BCA", "BQP",
        "BGDĐT", "BKHĐT", "BKHCN", "BTTTT", "BVHTTDL", "BNNMT", "BXD", "BCT", "BNG",
        "BLĐTBXH", "BTNMT", "BGTVT", "BNNPTNT", "NHNN", "TTCP", "KTNN",
        # provincial departments whose codes carry Đ
        "SGDĐT", "SKHĐT", "SLĐTBXH", "VPĐĐBQH",
        # central bodies of older texts ("61-CP", "299-TTg", "12-L/CTN") and the courts
        "HĐBT", "CTN", "HĐTP", "VPQH", "TANDTC", "VKSNDTC", "BHXH", "TCHQ", "LĐTBXH",
    )
}

#: Old-style central symbols: number, "-", the issuer alone ("61-CP", "299-TTg", "14-HĐBT").
OLD_STYLE_ISSUERS: dict[str, str] = {"CP": "NĐ", "TTg": "QĐ", "HĐBT": "NĐ"}

#: Issuers of Party documents: their numbers are written "57-NQ/TW".
PARTY_ISSUERS = frozenset({"TW", "TU", "HU", "ĐU", "BCĐTW", "BTV", "QU", "ĐUK"})


def fold_code(code: str) -> str:
    """A code as folded text spells it ("ĐU" → "du")."""
    return code.lower().replace("đ", "d")


@lru_cache(maxsize=256)
def _confusion_regex(code: str) -> re.Pattern[str]:
    parts = []
    for ch in code.upper():
        alts = CONFUSABLE.get(ch, ch)
        parts.append("[" + re.escape(alts) + "]")
    return re.compile("".join(parts) + r"\Z")


#: Tone marks OCR's language model puts on a code's letters ("TỤ", "TÚ" for "TU"): codes carry none ("Ư", "Â"
#: are letters of their own, left as they are).
_TONES = dict.fromkeys(map(ord, "\u0300\u0301\u0303\u0309\u0323"))
def untoned(code: str) -> str:
    """A code without the tone marks OCR's language model put on its letters ("TỤ" → "TU", "TẤN" → "TÂN")."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", code).translate(_TONES))


#: The vowels with marks of their own, as a code's plain letters: OCR's language model puts them there ("NỢ" for "NQ").
_VOWEL_MARKS = str.maketrans("ƠÔƯĂÂÊ", "OOUAAE")


def _match_code(raw: str, table: dict[str, str]) -> str | None:
    up = raw.upper().replace("Ð", "Đ")
    if up in table:
        return table[up]
    if not up.isascii():
        up = untoned(up)
        if up in table:
            return table[up]
        up = up.translate(_VOWEL_MARKS)  # "NỢ" is "NO", then "NQ": no code has "Ơ", "Ô", "Ư", "Ă" or "Â"
        if up in table:
            return table[up]
    if "VV" in up and up.replace("VV", "W") in table:
        return table[up.replace("VV", "W")]  # "TVV": the "W" of "TW" read as two "V"
    best: tuple[int, str] | None = None
    for key, canon in table.items():
        if len(key) != len(up):
            continue
        if _confusion_regex(key).match(up):
            diff = sum(1 for a, b in zip(key, up, strict=True) if a != b)
            if best is None or diff < best[0]:
                best = (diff, canon)
    return best[1] if best else None


#: "Đ" read twice ("QĐÐ", "NĐD"): OCR sees the bar and the letter as two glyphs.
_D_TWICE = re.compile(r"[ĐÐ][ĐÐD]|D[ĐÐ]")


@lru_cache(maxsize=4096)
def type_code(raw: str) -> str | None:
    """Canonical type code for a symbol segment, accepting OCR confusions."""
    code = _match_code(raw, TYPE_CODES)
    if code is None and len(raw) >= 3 and _D_TWICE.search(raw.upper()):
        code = TYPE_CODES.get(_D_TWICE.sub("Đ", raw.upper(), count=1))
    return code


@lru_cache(maxsize=4096)
def issuer_code(raw: str) -> str:
    """Canonical issuer code: known codes restored ("HPND" → "HĐND"), others upper-cased."""
    known = _match_code(raw, KNOWN_ISSUERS)
    if known:
        return known
    up = raw.upper().replace("Ð", "Đ")
    if _D_TWICE.search(up) and (once := _D_TWICE.sub("Đ", up, count=1)) in KNOWN_ISSUERS:
        return KNOWN_ISSUERS[once]  # "ĐĐU": the "Đ" of "ĐU" read twice
    # Steering committees: "BCD…" is "BCĐ…" (Ban Chỉ đạo).
    if up.startswith("BCD"):
        up = "BCĐ" + up[3:]
    # A stray stroke OCR puts before trailing digits: "BCĐTKNQI18" is "BCĐTKNQ18".
    up = re.sub(r"(?<=[A-ZĐ]{2})[IL|](?=\d{1,3}\Z)", "", up)
    return up


# ---------------------------------------------------------------------------
# Pieces of the citation pattern (folded text).
# ---------------------------------------------------------------------------

#: Digits Tesseract reads as letters in a serif face, over the text as written: "l588/QĐ-TTg", "ngày l3/12/2024",
#: "O7/CT-TTg", "tháng l2" (a word that is the letter and digits: two or more, or one before a "/", or a 2, 5 or 7
#: that no letter is read as), and "2O24" (between digits, when no letter ends the run: "176I0D-UBND" is
#: "176/QĐ-UBND", see SLASH_READ_AS_I).  A lone "l3" may be "là": it is left to folding.
DIGIT_AS_LETTER = re.compile(
    r"[lIoO](?=\d)(?:(?<![^\W_][lIoO])(?:\d(?:\d{1,3}(?![^\W\d_])|(?=[/.-]\d|/[^\W\d_]))|[257](?![^\W_]))"
    r"|(?<=\d[lIoO])\d+(?![^\W\d_]))"
)


def digits_read_as_letters(text: str, folded: str) -> str:
    """``folded`` with the numbers of :data:`DIGIT_AS_LETTER` read as digits (same length)."""
    if DIGIT_AS_LETTER.search(text) is None:
        return folded
    out = list(folded)
    for m in DIGIT_AS_LETTER.finditer(text):
        a = m.start()
        out[a] = "0" if text[a] in "oO" else "1"
        out[a + 1 : m.end()] = text[a + 1 : m.end()]  # the digits folding took for letters ("l3" as "la")
    return "".join(out)


#: A "." after a word, the sentence going on in small letters on the next line ("… của UBND.\ntỉnh về …"), or
#: before the date of a citation on its line ("… 1588/QĐ-TTg. ngày 13/12/2024 …"): a speck OCR read as a stop.
#: The word after it is one of small letters: not a list item's letter ("… thực hiện.\na) Nội dung", "b2) …",
#: OCR's "b Nội dung"), nor a formula's legend ("n: là số …"); the word before it is no item's number.
_STRAY_STOP = re.compile(
    r"\.(?<=[^\W\d_]{2}\.)(?=[ \t]*\n[ \t]*(?P<next>[^\W\d_]{2})|[ \t]{1,3}ng[^\W\d_]{1,2}y[ \t]*\d"
    r"|[ \t](?P<word>[^\W\d_]{2}))"  # (a stop before a word in small letters: OCR's reading of a comma, "Luật Phòng. chống")
)
_ITEM_NUMBER = re.compile(r"[ \t]*[IVXivx]{1,4}\Z")


#: A stop OCR read for the comma of "sửa đổi, bổ sung" ("sửa đối. bổ sung"), folded.
_STOP_FOR_COMMA = re.compile(r"(?<=d[o0bd]i)\.(?=[ \t]*(?:v[a]\s+)?b[o0d]\s+sung)")


def stray_stops_blanked(text: str, folded: str) -> str:
    """``folded`` with the stray stops of :data:`_STRAY_STOP` and :data:`_STOP_FOR_COMMA` blanked (same length)."""
    spots = [m.start() for m in _STRAY_STOP.finditer(text) if (m.group("next") or m.group("word") or "x").islower()
             and not _ITEM_NUMBER.match(text, text.rfind("\n", 0, m.start()) + 1, m.start())]
    if "sung" in folded:
        spots += [m.start() for m in _STOP_FOR_COMMA.finditer(folded)]
    if not spots:
        return folded
    out = list(folded)
    for i in spots:
        out[i] = " "
    return "".join(out)


def one_digit_apart(a: int, b: int) -> bool:
    """Two years OCR may take for each other: four digits each, one of them different ("2024" and "2034")."""
    sa, sb = str(a), str(b)
    return len(sa) == len(sb) == 4 and sum(x != y for x, y in zip(sa, sb, strict=True)) == 1


def year_misread(symbol: str | None, year: int | None) -> int | None:
    """The year of a normative number ("31/2024/NQ-HĐND") when the date line's year differs from it by one
    digit ("năm 2034"): OCR misread a digit of the date, as the number and its date share their year."""
    if not symbol or year is None or not symbol[:4].isdigit() or symbol[4:5] != "/":
        return None
    own = int(symbol[:4])
    return own if one_digit_apart(own, year) else None


def as_read(text: str, folded: str, start: int, end: int) -> str:
    """The text of a span with the digits of :func:`digits_read_as_letters` put back ("l588" → "1588")."""
    span = text[start:end]
    if "l" not in span and "I" not in span and "o" not in span and "O" not in span:
        return span  # (most spans: nothing to put back)
    return "".join(f if f.isdigit() else t for t, f in zip(text[start:end], folded[start:end], strict=True))


def number_as_read(text: str, folded: str, start: int, end: int) -> str:
    """A number as :func:`as_read` reads it, without the spaces OCR put between its digits ("1 3")."""
    return "".join(as_read(text, folded, start, end).split())


#: "số" and its OCR forms: "so", "s6", "sé", "sb", "sd", "s0", "sé6", and
#: "56" (s→5, ố→6) when another number follows.
#: What OCR leaves of "ố" after an "s" (or nothing: "s 12/KH"); a digit read for it ("s6 12/KH", "so0 12/KH") is
#: not followed by another: in "số57-NQ/TW", its space lost, the number is 57, not 7.
SO_TAIL_S = r"[obde&`]{0,2}(?:[0-9](?![0-9]))?"
SO_TAIL_5 = r"[o0-9bde&`]{1,2}"  # after a "5" read for the "S", the "ố" must be there
SO = r"(?:s" + SO_TAIL_S + r"|5" + SO_TAIL_5 + r")"
#: Between "số" and the number: spaces, or a line break (a page break: blank lines) OCR put there.
SO_GAP = r"[ \t\n]{0,6}"
#: After "số" written with its letter "s": OCR may glue it to its number with a speck ("so.145/KH-UBND"), which a "5"
#: read for the "S" may not have ("510.400 | Chưa …" is a price).
SO_GAP_S = r"(?:[ \t\n]{0,6}|\.)"

#: The end of a number: ".5" of "12.5/KH" (only right before a separator), a letter suffix ("1249a").
NUM_TAIL = r"(?:\.\d{1,3}(?=[ \t]{0,2}[/|-]))?(?:[a-z](?![a-z]))?"
#: The number after "số": OCR may split its digits ("1 3" for 13).
NUM_AFTER_SO = r"\d(?:\s?\d){0,4}" + NUM_TAIL
#: A number without "số", after its first digit: up to five digits in all.
NUM_BARE_REST = r"\d{0,4}" + NUM_TAIL

#: A page number on a line of its own, between dashes ("- 2 -"): no number of a symbol, though a heading's "II."
#: follows on the next line.
PAGE_NUMBER_LINE = re.compile(r"[ \t]*[-–][ \t]*\d{1,3}[ \t]*[-–][ \t]*(?:\n|\Z)")

#: Separators inside a symbol: "/" (also "|"), "-" possibly doubled or with
#: stray spaces and line breaks ("57- -NQ/TW", "66/NO-\nCP", "259/\nKH-UBND").  A "|" with
#: white space on both sides is a table's cell border ("45/2013/QH13 | Khoản 2"), not a slash.
SEP = (r"(?:[ \t]{0,2}/(?:[ \t]{0,2}\n)?[ \t]{0,2}"  # "/", spaced or wrapped
       r"|(?<![ \t])\|(?:[ \t]{0,2}\n)?[ \t]{0,2}|[ \t]{0,2}\|(?![ \t\n])"  # OCR's "|" for "/", spaced on one side at most
       r"|:?[ \t]?-[ \t\n-]{0,3}:?)")  # "-", doubled or wrapped (or with a speck by it: "KH-:UBND", "TT:-SCT")

#: A ".", ":" or "'" OCR reads for the hyphen between two codes ("82/KH.UBND", "20/CT:TTg", "20/CT'TTg"): only
#: between letters, never first after the number ("12.5/KH" is a number); the code after it must be in capitals
#: (citations.before_a_sentence).
DOT_SEP = (r"[.:'](?<=[a-z][.:'])(?=[a-z])"
           r"|:(?<=[a-z]:)[ \t]*\n[ \t]*(?=(?:cp|ttg)(?![a-z]))")  # "30/2020/NĐ:\nCP": the hyphen at a line's end

#: The hyphen of a Party number lost, a space left for it ("359 KH/TU" for "359-KH/TU"), or read as a colon ("57:NQ/TW"):
#: only before a type code, "/" and a Party committee's code.
PARTY_HYPHEN_LOST = (
    r"[ \t:](?=(?:nq|kh|ctr|ct|kl|qd|hd|tb|bc|qc|da|cv)/(?:"
    + "|".join(sorted((fold_code(c) for c in PARTY_ISSUERS), key=len, reverse=True)) + r"|t[a]?[wn]{1,2}v?)(?![a-z0-9]))"  # ("TẤN": "TW")
)

#: The "/" right after a number read as "I" or "l" ("30IKH-UBND", "176I0D-UBND"): only before a
#: segment that a "-" ends, as in an administrative symbol.
SLASH_READ_AS_I = r"(?<=\d)[il](?=[a-z0-9&`]{1,5}-)"

#: One segment of a symbol: letters, digits, OCR's "&".
SEG = r"[a-z0-9&`]{1,14}"

#: A citation: "số" (or "56") and a number, or a number alone, then a symbol of one to six segments.
#:
#: It starts with the class [s\d] itself, and each alternative then looks back at the character
#: just consumed ("s", "5" or a digit): the engine skips the positions a leading class rules out
#: in a tight loop, where a leading lookahead or lookbehind costs it a try at every position
#: (twice as fast over a document).  The spans of "số" and of the number are read through
#: :func:`citation_parts`.
CITATION = re.compile(
    r"[s\d](?<![\w.,/-].)"  # not inside a word, a number or a symbol: the lookbehind sees the character before
    r"(?:(?<=s)(?P<so_s>" + SO_TAIL_S + r")" + SO_GAP_S + r"(?P<num_so>" + NUM_AFTER_SO + r")"  # "số 12"
    r"|(?<=5)(?P<so_5>" + SO_TAIL_5 + r")" + SO_GAP + r"(?P<num_so5>" + NUM_AFTER_SO + r")"  # "56 12" (số misread)
    r"|(?<=\d)(?P<num_rest>" + NUM_BARE_REST + r"))"  # "12"
    r"(?:[ \t]{0,2}\n(?=[ \t]{0,2}[/|]))?[ \t]{0,2}(?P<sym>(?:" + SEP + r"|" + SLASH_READ_AS_I + r"|" + PARTY_HYPHEN_LOST + r")" + SEG + r"(?:(?:" + SEP + r"|" + DOT_SEP + r")" + SEG + r"){0,5})"  # "/KH-UBND"
    r"(?![\w])",
)


def citation_parts(m: re.Match[str]) -> tuple[bool, tuple[int, int]]:
    """(whether "số" led, span of the number) of a :data:`CITATION` match."""
    if m.start("num_so") != -1:
        return True, m.span("num_so")
    if m.start("num_so5") != -1:
        return True, m.span("num_so5")
    return False, (m.start(), m.end("num_rest"))


#: Type words that precede a number ("Kế hoạch số 82/…"), folded and OCR-tolerant
#: (luocdo.core.doctypes, in the order they are tried).
TYPE_WORDS: tuple[tuple[str, str], ...] = tuple((t.code, t.word) for t in TYPES if t.word)
TYPE_WORD = re.compile(
    r"(?:" + "|".join(f"(?P<t{i}>{p})" for i, (_, p) in enumerate(TYPE_WORDS)) + r")"
)
TYPE_WORD_CODES = [c for c, _ in TYPE_WORDS]
_CODE_OF_GROUP = {f"t{i}": code for i, code in enumerate(TYPE_WORD_CODES)}


def type_word_code(m: re.Match[str]) -> str | None:
    """The type code of the type word a :data:`TYPE_WORD` or :data:`TYPE_BEFORE` match found.

    The type words hold no capturing group of their own (a test checks), so
    the last group the match closed is the one named after the word.
    """
    return _CODE_OF_GROUP.get(m.lastgroup or "")


_HEADER_ONLY = [t for t in TYPES if t.header_word]
#: The type words a document's own header carries: those of :data:`TYPE_WORD` and the ones no
#: running text uses before a number ("BỘ LUẬT", "HIẾN PHÁP", "LỆNH").
HEADER_TYPE_WORD = "|".join(f"(?P<h{i}>{t.header_word})" for i, t in enumerate(_HEADER_ONLY)) + "|" + TYPE_WORD.pattern
_CODE_OF_HEADER_GROUP = {f"h{i}": t.code for i, t in enumerate(_HEADER_ONLY)}


def header_type_code(m: re.Match[str]) -> str | None:
    """The type code of a match of :data:`HEADER_TYPE_WORD` (as :func:`type_word_code`)."""
    return _CODE_OF_HEADER_GROUP.get(m.lastgroup or "") or type_word_code(m)

_FIRST_LETTERS = re.compile(r"\[(?P<class>[^\]]+)\]|(?P<letter>[a-z])")


def _first_letters(word: str) -> str:
    """The letters a type word can start with: the first letter, or the letters of the first class, of
    each of its top-level alternatives ("công văn" or "văn bản")."""
    out = ""
    for alt in _top_level_alternatives(word):
        m = _FIRST_LETTERS.match(alt)
        if m is None or (m["class"] and not m["class"].isalpha()):
            raise ValueError(f"a type word must start with a letter or a class of letters: {word!r}")
        out += m["class"] or m["letter"]
    return out


def _top_level_alternatives(pattern: str) -> list[str]:
    """``pattern`` split at the "|" outside parentheses and classes."""
    parts, depth, in_class, start = [], 0, False, 0
    for i, ch in enumerate(pattern):
        if pattern[i - 1 : i] == "\\":
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
    return [*parts, pattern[start:]]


#: The letters a type word can start with.  Searched for backwards from a number,
#: :data:`TYPE_BEFORE` is tried at each position of a window: this lookahead turns most
#: positions away before the eighteen alternatives are tried (2.3x faster).
TYPE_WORD_FIRST = "".join(sorted(set("".join(_first_letters(w) for _, w in TYPE_WORDS))))

#: Just before the number: type word, optional "số", nothing else but spaces.
TYPE_BEFORE = re.compile(
    r"(?=[" + TYPE_WORD_FIRST + r"])(?:" + "|".join(f"(?P<t{i}>{p})" for i, (_, p) in enumerate(TYPE_WORDS)) + r")"
    r"[\s:,.)]{0,4}(?:" + SO + r"[\s:.]{0,3})?\Z"
)

#: Dates: "ngày 22/12/2024", "ngày 22 tháng 12 năm 2024", OCR'd ("ngay 05thang 8 nam", "nim", "ndm").
NGAY = r"ng[a-z`]{1,2}y"
THANG = r"th[a-z`]{1,2}ng"
NAM = r"n[a-z`]{1,2}m"
#: (OCR may split the day's or the month's two digits: "22/1 2/2024")
DATE_NUMERIC = r"(?P<d1>\d ?\d|\d)\s?[/.-]\s?(?P<m1>\d ?\d|\d)\s?[/.-]\s?(?P<y1>(?:19|20)\d{2})"
#: (OCR may read a day's or month's digit as a letter, which folding then keeps: "ngày O1 tháng T1" is "oi", "ti",
#: "tháng B" is 8;
#: :data:`DATE_LETTERS` reads them back)
DATE_WORDS = (
    r"(?P<d2>\d{1,2}|(?<=y )[\doilt]{1,2})\s*" + THANG + r"\s*(?P<m2>\d{1,2}|[\doiltb!]{1,2}(?=\s))\s*(?:,\s*)?" + NAM
    + r"\s*(?P<y2>(?:19|20)\d{2})"
)
DATE_LETTERS = str.maketrans("oiltb!", "011181")  # ("tháng B": 8, "tháng 1!": 11)
#: (a line wrap may come between a citation and its date, never a blank line: "… Kế hoạch số 112/KH-UBND\n\nNgày
#: 01/11/2025, …" is the next paragraph's date)
DATE_AFTER = re.compile(r"(?:[ \t,(]|\n(?![ \t]*\n)){0,3}(?:" + NGAY + r"[.,:]?\s*)?(?:" + DATE_NUMERIC + "|" + DATE_WORDS + ")")  # ("ngay. 05/9/2025", "ngay: 16 thang 6")

#: The year written right after a citation's symbol, in place of its date: "Kế hoạch số 38/KH-UBND
#: năm 2025", "(năm 2024)"; never a span of years ("năm 2024-2025").
YEAR_AFTER = re.compile(r"[ \t]{0,2}\(?[ \t]*" + NAM + r"[ \t]+(?P<y>(?:19|20)\d{2})(?![\d/])(?![ \t]*[-–][ \t]*\d)[ \t]*\)?")

#: "Ủy ban nhân dân" and "Hội đồng nhân dân" as OCR leaves them ("Uy ban nhin din", "Uy ban nhdn ddn").
UY_BAN_NHAN_DAN = r"uy\s+ban\s+nh[a-z0-9&`]{1,2}n\s+d[a-z0-9&`]{1,2}n"
HOI_DONG_NHAN_DAN = r"hoi\s+[dpb0][a-z0-9&`]{1,2}ng\s+nh[a-z0-9&`]{1,2}n\s+d[a-z0-9&`]{1,2}n"

#: "của" and its OCR forms: "cua", "ciia", "cta", "cia", "ctia", "ctua", "cuia", "caa", "clia".
CUA = r"c[a-z`]{0,3}a\b"
#: "bởi" (by) and its OCR forms, folded: "boi", "b0i", "bei" ("b¢i", "béi"), "b&i", "bdi".
BOI = r"b[o0ed&]i"
_ISSUER_STOP = (
    r"v[a]\s+(?:" + "|".join(p for _, p in TYPE_WORDS) + r")|nh[a]m\b|v[e&]\b|ban\s+h[a]nh|th[uw]c\s+hi[e&]n"
    r"|tri[e&]n\s+khai|c[uw]\s+th[e&]\s+h[o0]a|ph[e&]\s+duy[e&]t|quy\s+dinh|h[uw][o0e]ng\s+d[a]n|s[uw]a\s+d[o0bd]i|t[a]i\s+"
    # what the sentence goes on to say of it: "… hết hiệu lực", "… như sau:", "… trên địa bàn tỉnh"
    r"|v[a]\s+[y]\s+ki[e&]n\b"  # "… của Ban Kinh tế - Xã hội và ý kiến thảo luận của đại biểu"
    r"|h[e&]t\s+hi[e&]u\s+l|nh[uw]\s+sau\b|tr[e&]n\s+d[i1]a\s+b[a]n"
    r"|c(?:[o0]\s+hi[e&]u\s+l"
    r"|[o0]ng\s*h[o0]a\s+x[a]\s+h"  # the motto: a citation in a letter's "V/v" line ends with its line
    # the next "Căn cứ …" line when the title above it ends without a stop ("… của Chính phủ\nCăn cứ Luật …")
    r"|[ai]n\s+c(?:u|tr|ur|ir|tv|t|w)(?![a-z]))"
)
#: "của <issuer>" after a citation; the issuer runs until the subject starts.
#: (it ends before "về" glued by OCR's hyphen too: "của Ủy ban nhân dân tỉnh-về việc …")
ISSUER_AFTER = re.compile(
    r"[\s,]{0,3}(?:" + CUA + r")\s+(?P<who>(?:[^;:\n]|\n(?!\s*\n)){2,120}?)"
    r"(?=\s+(?:" + _ISSUER_STOP + r")|-v[e&]\s|\s*[;,.(:]|\s*$|[ \t]*\n[ \t]*\n|\s+\d|\s+" + NAM + r"\s+(?:19|20)\d{2}(?!\d))",
    re.S,
)

#: From one listed instrument to the next: its date and subject (no sentence or clause ends in them), then
#: ",", ";" or "và" ("… số 12/KH-UBND ngày … về A, số 45/KH-UBND …"; "… Kế hoạch số 82 … và Nghị quyết số 57").
#: Matched from the end of one citation with the start of the next as the end of the text.
NEXT_ITEM = re.compile(r"[^;.:\n]{0,200}?(?:[,;]|(?<![a-z])v[a])\s*\Z")

# Relation cues (folded).  Order matters for the alternation: longer first.
# "thực hiện" and "triển khai" as OCR leaves them: "thwe hién", "thyuc hién",
# "thuc hi¢n", "trzen khai", "trlen khai", and with a letter dropped: "trên khai", "Thển khai".
#: "một số" (of "một số điều") as OCR leaves it: "mot sb", "mot s6".
MOT_SO = r"m[o0]t\s+s[o0bde6&`]{1,2}"
THUC_HIEN = r"th(?:[uwy]{1,2}[a-z]?|[uwy]?[a-z][uwy])c?\s+h[i1l][a-z`&]{0,2}n"
TRIEN_KHAI = r"t(?:r[i1lz]?|h)[a-z`&]{0,2}n\s+khai"

#: Words that make a citation the object of an action: "(về) triển khai thực hiện Nghị quyết số 57-NQ/TW
#: năm 2025" carries it out in 2025, so a year written after such a citation (with no "của …" after the
#: year) is the action's, not the instrument's.
ACTION_BEFORE = re.compile(
    r"(?<![a-z])(?:" + TRIEN_KHAI + r"|" + THUC_HIEN + r"|qu[a]n\s+tri[e&]t|s[o0]\s+k[e&]t|t[o0]ng\s+k[e&]t)"
    r"(?:\s+(?:" + THUC_HIEN + r"|c[a]c|n[o0]i\s+dung))*\s+\Z"
)

#: After "xét": "Xét Tờ trình số …; Báo cáo thẩm tra số …" of a council's resolution or a decision, what it is
#: issued on (only before the papers a proposal is made in, not "xét duyệt", "xét tuyển"; or at the end of the
#: window searched, which stops where the citation, its type word first, starts).
XET_PAPER = r"(?=\s+(?:t[o06]\s*tr[i1]nh|b[a]o\s*c[a]o|c[o0]ng\s*v[a]n|d[e&]\s*[a]n)(?![a-z])|\s*\Z)"

#: A part of an instrument named before it: "Điều 88 và Điều 91 của", "khoản 3 Điều 12", "điểm a khoản 2 Điều 5
#: của", "Chương II của": a "Căn cứ" line that names a part still rests on the instrument.
PART_OF = (
    r"(?:(?:d[i1][e&]m\s+[a-z]\d?|kho[a]n\s+\d{1,3}|[dpb][i1][e&]u\s+\d{1,3}[a-z]?|ch[uw][o0]ng\s+[ivxl\d]{1,6}|m[u]c\s+\d{1,2})"
    r"(?:\s*,\s*|\s+v[a]\s+|\s+))+(?:c[uw]a\s+)?"
)

#: "thi hành (đúng và thống nhất)" as OCR leaves it ("thj hanh dung va théng nhat"): carrying an act out.
THI_HANH = r"th[i1j]\s+h[a]nh(?:\s+d[uwi]{1,2}ng(?:\s+v[a]\s+th[a-z0-9&`]{1,2}ng\s+nh[a-z0-9&`]{1,2}t)?)?"

#: "sửa đổi, bổ sung" as OCR leaves it: "sua d6i, b6 sung", "sửa ddi, bd sung", "sửa\nđối. bổ sung" (a stop for the comma).
SUA_DOI_BO_SUNG = r"s[uw]a\s+d[o0bd]i[,.]?\s*(?:v[a]\s+)?b[o0d]\s+sung"

CUES: tuple[tuple[str, str], ...] = (
    ("amends", SUA_DOI_BO_SUNG + r"|b[a]i\s+b[o0]|thay\s+th[e&]|d[i1]nh\s+ch[i1]nh"),
    # ("Để thi hành đúng và thống nhất Bộ luật …" of a court council's resolution, "Thi hành Nghị định số …" of an old
    # circular, "Để cụ thể hóa Nghị quyết số …")
    ("implements", r"(?:d[e&]\s+)?" + TRIEN_KHAI + r"(?:\s+" + THUC_HIEN + r")?|(?:d[e&]\s+)?" + THUC_HIEN + r"|qu[a]n\s+tri[e&]t"
     r"|(?:[dpb][e&]\s+)?" + THI_HANH + r"|c[uw]\s+th[e&]\s+h[o0]a"),
    ("based_on", r"c[ai]n\s+c(?:u|tr|ur|ir|tv|t|w)|tr[e&]n\s+c[o0]\s+s[o0&e6d]|x[e&]t(?:\s+d[e&]\s+ngh[i1]|" + XET_PAPER + r")|theo(?:\s+d[e&]\s+ngh[i1])?"),
)
#: The letters a cue can start with (a test compares CUE with and without this lookahead): most
#: positions are turned away before the alternatives are tried (CUE over 10 KB: 330 → 230 µs).
CUE_FIRST = "bcdpqstx"
CUE = re.compile(r"(?=[" + CUE_FIRST + r"])(?<![a-z])(?:" + "|".join(f"(?P<{name}>{p})" for name, p in CUES) + r")(?![a-z])")

#: A document speaking of itself or of one just named: "Luật này", "Nghị định này", "Điều 5 của Luật
#: này", "Quyết định trên", "Luật đó".  Folded; the word before is any type word (or "văn bản").
DEMONSTRATIVE = r"(?:n[a]y|d[o0]|tr[e&]n|n[e&]u\s+tr[e&]n|[a]y)(?![a-z])"


#: "Thực hiện (các) nhiệm vụ (được giao) (của …) tại Quyết định số …": the tasks are in the document.
TASKS_AT = re.compile(
    r"\s+(?:c[a]c\s+)?nhi[e&]m\s+v[u](?:\s+(?:d[uw][o0]c\s+)?giao)?(?:\s+" + CUA + r"\s[^;.\n]{2,120}?)?\s+t[a]i(?=\s)"
)
#: A blank line right after a ";" (an item of a list ended): the line after may be the list's next item.
ITEM_AFTER_BLANK = re.compile(r";[ \t]*\n[ \t]*\n\s*\Z")

