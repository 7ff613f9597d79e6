"""The document's own identity: header, number, place and date, type, title,
signature and recipients.

Works on flattened OCR (the two header blocks on one line, the signature
column mixed into "Nơi nhận"), on clean text, and on documents whose header
is missing, in which case the title, the opening and closing sentences and
the signature say what the document is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from luocdo.core.fold import fold
from luocdo.loaders import patterns as P
from luocdo.loaders.citations import clean, parse_symbol
from luocdo.loaders.scan import LinePattern, keyword_finditer

# "Số: 12/KH-UBND", "Sb: 12 /KH-UBND", "86: 272 |KH-SKHCN" (S→8, ố→6), "Sé: /BC-UBND" (blank number)
_SO_LINE = re.compile(
    r"(?<![a-z0-9])(?:s[o0-9bde&`]{0,2}|[58$][o0-9bde&`]{1,2})\s*[:;]\s*"
    r"(?P<num>\d{1,5}(?:\.\d{1,3})?[a-z]?)?[ \t]*(?P<sym>(?:[ \t]{0,2}[/|][ \t]{0,2}|[ \t]?-[ \t-]{0,3})[a-z0-9&`]{1,14}"
    r"(?:(?:[ \t]{0,2}[/|][ \t]{0,2}|[ \t]?-[ \t\n-]{0,3})[a-z0-9&`]{1,14}){0,5})"
)
_SO_BARE = re.compile(
    r"(?m)^[ \t]*s[o0-9bde&`]{0,2}[ \t]+(?P<num>\d{1,5}[a-z]?)[ \t]*(?P<sym>(?:[/|]|-)[a-z0-9&`]{1,14}"
    r"(?:(?:[/|]|-)[a-z0-9&`]{1,14}){0,5})(?=\s)"
)
# "Sơn Mai, ngày 05 tháng 8 năm 2025" — the day may be blank in copies.
_PLACE = r"(?P<place>[^\n,;:]{2,40}?)\s*"
_DATE_AFTER_COMMA = (
    r",\s*" + P.NGAY + r"\s*(?:(?P<d>\d{1,2})?\s*" + P.THANG + r"\s*(?P<m>\d{1,2})?\s*"
    + P.NAM + r"\s*(?P<y>(?:19|20)\d{2})"
    # "Tuyên Quang, ngày 22/9/2025"
    + r"|(?P<d_>\d{1,2})\s?[/.-]\s?(?P<m_>\d{1,2})\s?[/.-]\s?(?P<y_>(?:19|20)\d{2}))"
)
_PLACE_DATE = re.compile(_PLACE + _DATE_AFTER_COMMA)
_COMMA_DATE = re.compile(_DATE_AFTER_COMMA)
_PLACE_BREAKS = "\n,;:"


def place_date(folded: str, lo: int, hi: int) -> re.Match[str] | None:
    """``_PLACE_DATE.search(folded, lo, hi)``, found from the commas instead of from every position.

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
                    return _PLACE_DATE.match(folded, s, hi)
        c = folded.find(",", c + 1, hi)
    return None


_MOTTO = re.compile(
    r"c[o0]ng\s*h[o0]a\s*x[a]\s*h[a-z0-9`]{1,3}\s*ch[u]\s*ngh[i1]a\s*vi[e&]t\s*nam"
    r"|[dpb][a-z0-9`]{1,3}c\s*[l1][a-z0-9`]{1,3}p\s*-\s*t[a-z`]{1,2}\s*d[o0]\s*-\s*h[a-z`]{1,3}nh\s*ph[a-z`]{1,3}c"
    r"|[dpb][a]ng\s*c[o0]ng\s*s[a]n\s*vi[e&]t\s*nam"
)
_TYPE_LINE = re.compile(r"\s*(?:" + P.TYPE_WORD.pattern + r")\s*$")
#: A section heading at the start of a line: "I. MỤC ĐÍCH", "a) …", "QUYẾT ĐỊNH:", "Điều 1".
_HEADING = LinePattern(
    r"[ \t]*(?:(?:[ivxl|1]{1,4}|[a-e])[ \t]*[.)][ \t]*[a-z]"
    r"|quy[e&]?t\s*[dpb]inh\s*:"
    r"|[dp]i[e&]u\s*1\b)"
)
_GAZETTE = re.compile(r"[ \t]*c[o0]ng\s*b[a]o\s*/?\s*(?:s[o0]|$)")
_NHU_SAU = re.compile(r"nh[u]\s+sau\s*:")
_CUE_LINE = re.compile(r"[ \t]*(?:" + P.CUE.pattern + r")")
_NOI_NHAN = re.compile(r"n[o0][i1]\s*nh[a-z`]{1,3}n\s*:")
_CAPACITY = re.compile(r"(?<![A-ZĐ])(TM|KT|Q|TL|TUQ|T/M|K/T)\s*[./]?\s*([A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ .]{2,40})")
CAPACITY_WORDS = ("TM", "KT", "Q", "TL", "TUQ", r"T/M", r"K/T")  # what every match of _CAPACITY starts with
_SIGN_TITLES = re.compile(
    r"^(?:ph[o0]\s+)?(?:ch[u]\s*t[i1]ch|ch[a]nh\s+v[a]n\s+ph[o0]ng|gi[a]m\s+d[o0]c|b[i1]\s+th[u]|tr[u][o0]ng\s+ban"
    r"|th[u]\s+t[u][o0]ng|b[o0]\s+tr[u][o0]ng|tr[u][o0]ng\s+ph[o0]ng|ch[u]\s+nhi[e&]m)\b"
)
_SIG_TS = re.compile(r"(20\d{2})-(\d{2})-(\d{2})T\d{2}:\d{2}:\d{2}")

SURNAMES = frozenset(
    ["nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang", "bui", "do", "ho", "ngo", "duong", "ly", "dao", "dinh", "mai", "truong", "luong", "doan", "ta", "ha", "cao", "lam", "trinh", "thai", "chau", "to", "tang", "quach", "kieu", "lai", "la", "luu", "ton", "van", "hua", "giang", "khuong", "thach", "kim"]
)
_ORG_WORDS = re.compile(
    r"\b(?:ubnd|hdnd|uy ban|so|phong|xa|phuong|tinh|trung tam|van phong|ban|dang|luu|cac|vp|ct|pct|ttdt|mttq|bch)\b"
)


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


def _lines(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    out = []
    pos = lo
    for line in text[lo:hi].split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


#: The type words of :data:`patterns.TYPE_WORD`, and those only a document's own header carries.
_HEADER_TYPE_WORD = r"(?P<bl>b[o0]\s*lu[a]t)|(?P<hp>hi[e&]n\s*ph[a]p)|" + P.TYPE_WORD.pattern + r"|(?P<lenh>l[e&]nh)"
_HEADER_CODES = {"bl": "Bộ luật", "hp": "Hiến pháp", "lenh": "Lệnh"}
_WORD_BEFORE_SO = re.compile(r"(?:" + _HEADER_TYPE_WORD + r")[ \t]*\Z")
_HEADING_WORD = re.compile(r"[\s*_-]*(?:" + _HEADER_TYPE_WORD + r")(?![a-z])")


def _header_type_code(m: re.Match[str]) -> str | None:
    return _HEADER_CODES.get(m.lastgroup or "") or P.type_word_code(m)


def _heading_type(text: str, folded: str, pos: int) -> str | None:
    """The type heading right after the date line, in capitals ("NGHỊ QUYẾT", "HIẾN PHÁP", "LỆNH"),
    on a line of its own or run into the title."""
    hm = _HEADING_WORD.match(folded, pos, min(len(folded), pos + 80))
    if hm is None:
        return None
    word = text[hm.end() - len(hm.group().lstrip(" \t\n*_-")) : hm.end()]
    if not word.isupper():
        return None
    return _header_type_code(hm)


def _vbhn_tail(text: str, folded: str) -> tuple[tuple, str | None] | None:
    """The "Số: …/VBHN-…" of a consolidated text's closing certification, and the date after it."""
    lo = max(0, len(folded) - 4000)
    for m in _SO_LINE.finditer(folded, lo):
        if "vbhn" not in m.group("sym") or not m.group("num"):
            continue
        parsed = parse_symbol(text[m.start("sym") : m.end("sym")], None)
        if not parsed:
            continue
        symbol, tcode, issuer_code, _y, syntax = parsed
        pd = place_date(folded, m.end(), min(len(folded), m.end() + 200))
        date = None
        if pd and pd.group("y") and pd.group("m") and pd.group("d"):
            date = f"{int(pd.group('y')):04d}-{int(pd.group('m')):02d}-{int(pd.group('d')):02d}"
        elif pd and pd.group("y_"):
            date = f"{int(pd.group('y_')):04d}-{int(pd.group('m_')):02d}-{int(pd.group('d_')):02d}"
        number = text[m.start("num") : m.end("num")]
        return (number, symbol, tcode, issuer_code, syntax, (m.start(), m.end())), date
    return None


def _type_of_words(folded_words: str) -> str | None:
    m = P.TYPE_WORD.search(folded_words)
    return P.type_word_code(m) if m else None


def parse_header(text: str, folded: str) -> Header:
    warnings: list[str] = []
    head_hi = min(len(text), 1500)
    number = symbol = tcode = issuer_code = syntax = None
    so_span = None
    m = _SO_LINE.search(folded, 0, head_hi)
    if m is None:
        # Party style "Số 12-KH/TU" without a colon, at the start of a header line
        m = _SO_BARE.search(folded, 0, min(head_hi, 900))
    # the type named right before "số:" ("Luật số:", "Nghị quyết số:")
    word_type = None
    if m:
        wb = _WORD_BEFORE_SO.search(folded, max(0, m.start() - 24), m.start())
        word_type = _header_type_code(wb) if wb else None
    pd = place_date(folded, m.end() if m else 0, head_hi)
    if pd is None and m:
        pd = place_date(folded, 0, head_hi)
    heading_type = _heading_type(text, folded, pd.end() if pd else (m.end() if m else 0))
    if m:
        # a symbol without a type code ("132/2020/QH14", "61-CP") takes the type the words say
        parsed = parse_symbol(text[m.start("sym") : m.end("sym")], word_type or heading_type)
        if parsed:
            symbol, tcode, issuer_code, _y, syntax = parsed
            if syntax == "letter" and heading_type and heading_type not in ("CV", tcode):
                tcode = heading_type  # "Số: 82/SYT" above "KẾ HOẠCH": no type code, the title says it
            number = m.group("num")
            if number:
                number = text[m.start("num") : m.end("num")]
            so_span = (m.start(), m.end())
        else:
            m = None
    if m is None:
        pd = place_date(folded, 0, head_hi)
    # place and date
    place = date = None
    year = month = None
    if pd:
        g_y, g_m, g_d = (pd.group("y"), pd.group("m"), pd.group("d")) if pd.group("y") else (pd.group("y_"), pd.group("m_"), pd.group("d_"))
        y = int(g_y)
        year = y
        if g_m:
            month = int(g_m)
        if g_d and g_m:
            d, mo = int(g_d), int(g_m)
            if 1 <= d <= 31 and 1 <= mo <= 12:
                date = f"{y:04d}-{mo:02d}-{d:02d}"
        raw_place = text[pd.start("place") : pd.end("place")]
        place = clean(raw_place.split("\n")[-1]) or None
        if place and (len(place) > 30 or not place[0].isupper()):
            place = None
    # agency block: the lines above "Số:" (or the date line), motto removed
    block_end = so_span[0] if so_span else (pd.start() if pd else 0)
    agency: list[str] = []
    for lo, hi in _lines(text, 0, block_end):
        # blank out the motto, keeping offsets, then keep what is left of the line
        f = _MOTTO.sub(lambda mm: "\0" * len(mm.group()), folded[lo:hi])
        kept = "".join(" " if f[i] == "\0" else text[lo + i] for i in range(hi - lo))
        kept = clean(kept)
        if kept and any(c.isalpha() for c in kept):
            agency.append(kept)
    # type line and title
    after = pd.end() if pd else (so_span[1] if so_span else 0)
    title = None
    title_span = None
    body_start = after
    lines = _lines(text, after, min(len(text), after + 2500))
    i = 0
    # skip to first non-empty line (and past a gazette's page header)
    while i < len(lines) and (not text[lines[i][0] : lines[i][1]].strip() or _GAZETTE.match(folded, *lines[i])):
        i += 1
    type_from_line = None
    if i < len(lines):
        lo, hi = lines[i]
        if _TYPE_LINE.match(folded[lo:hi]) and text[lo:hi].strip().isupper():
            type_from_line = _type_of_words(folded[lo:hi])
            i += 1
            while i < len(lines) and not text[lines[i][0] : lines[i][1]].strip():
                i += 1
    # "V/v …" of a công văn
    if i < len(lines) and re.match(r"\s*v\s*/\s*v\b", folded[lines[i][0] : lines[i][1]]):
        type_from_line = type_from_line or "CV"
    # title: lines until a blank line, a cue line or a heading
    t_lines: list[tuple[int, int]] = []
    while i < len(lines):
        lo, hi = lines[i]
        line = text[lo:hi]
        if not line.strip():
            if t_lines:
                break
            i += 1
            continue
        if _HEADING.plain.match(folded, lo, hi):
            break
        if _GAZETTE.match(folded, lo, hi):
            i += 1  # a gazette's page header ("CÔNG BÁO/Số 123 + 124/Ngày 15-02-2024") is never a title
            continue
        if _CUE_LINE.match(folded[lo:hi]):
            # "KẾ HOẠCH / Thực hiện Nghị quyết số 57-NQ/TW …" is a title when it
            # stands alone right under the type line: a short block ending
            # without ";", ":" or "," and followed by a blank line
            # (also at the very top of a text with no header at all)
            if not (not t_lines and (type_from_line or not so_span) and _standalone_block(text, lines, i, 4 if type_from_line else 2)):
                break
        t_lines.append((lo, hi))
        i += 1
        if len(t_lines) >= 5:
            break
    if t_lines and (type_from_line or not so_span or len(t_lines) <= 4):
        title_span = (t_lines[0][0], t_lines[-1][1])
        title = clean(text[title_span[0] : title_span[1]])
        body_start = title_span[1]
    # preamble: from the body start to the first section heading / "như sau:"
    hm = _HEADING.search(folded, body_start)
    ns = _NHU_SAU.search(folded, body_start, min(len(folded), body_start + 3000))
    ends = [x for x in (hm[0] if hm else None, ns.end() if ns else None) if x is not None]
    preamble_end = min(ends) if ends else min(len(text), body_start + 1500)
    # closing: "Trên đây là Kế hoạch … của …"
    closing_type = None
    cm = re.search(r"tr[e&]n\s+d[a]y\s+[l1i]a\s+", folded[-3000:])
    if cm:
        closing_type = _type_of_words(folded[len(folded) - 3000 + cm.end() if len(folded) > 3000 else cm.end():][:40])
    tcode = tcode or type_from_line or heading_type
    if so_span is None and len(folded) > head_hi:
        # a consolidated text certifies itself at its end: "XÁC THỰC VĂN BẢN HỢP NHẤT … Số: 03/VBHN-VPQH"
        tail = _vbhn_tail(text, folded)
        if tail is not None:
            (number, symbol, tcode, issuer_code, syntax, so_span), tail_date = tail
            if tail_date:
                date, year, month = tail_date, int(tail_date[:4]), int(tail_date[5:7])
    # signature & recipients
    signer_name, signer_title, capacity, recipients = _signature(text, folded)
    recipients = _addressees(text, folded) + [r for r in recipients if not re.match(r"(?i)nh[uư] tr[eê]n\b", r)]
    if not so_span:
        warnings.append("no 'Số:' line: number and symbol unknown")
    elif number is None:
        warnings.append("number left blank in 'Số:'")
    return Header(
        number=number,
        symbol=symbol,
        type=tcode,
        issuer_code=issuer_code,
        syntax=syntax,
        so_span=so_span,
        place=place,
        date=date,
        year=year,
        month=month,
        agency_lines=tuple(agency),
        title=title,
        title_span=title_span,
        body_start=body_start,
        preamble_end=preamble_end,
        signer_name=signer_name,
        signer_title=signer_title,
        signer_capacity=capacity,
        recipients=tuple(recipients),
        closing_type=closing_type,
        warnings=tuple(warnings),
    )


def signature_date(text: str) -> str | None:
    """Earliest digital-signature timestamp ("2025-07-29T17:04:47+0700") in the text."""
    found = sorted(f"{y}-{m}-{d}" for y, m, d in _SIG_TS.findall(text))
    return found[0] if found else None


def _is_name(seg: str) -> bool:
    words = seg.split()
    if not 2 <= len(words) <= 5:
        return False
    if not all(w[0].isupper() for w in words if w[0].isalpha()):
        return False
    if any(ch.isdigit() for ch in seg) or seg.isupper():
        return False
    f = fold(seg)
    if _ORG_WORDS.search(f):
        return False
    return f.split()[0] in SURNAMES


_KINH_GUI = re.compile(r"k[i1]nh\s*g[u]i\s*:")


def _addressees(text: str, folded: str) -> list[str]:
    """"Kính gửi: - UBND các xã, phường; - Sở Nội vụ." of a công văn: the
    addressees are recipients too (the "Như trên" of Nơi nhận points to them)."""
    m = _KINH_GUI.search(folded, 0, min(len(folded), 4000))
    if m is None:
        return []
    end = folded.find("\n\n", m.end() + 3)
    block = text[m.end() : end if end != -1 else min(len(text), m.end() + 600)]
    out = []
    for part in re.split(r"[;\n]", block):
        p = clean(part.strip(" -+•.\t"))
        if p and len(p) < 120:
            out.append(p)
    return out


_COLUMN_GAP = re.compile(r"[ \t]{3,}")
_MERGED_TITLE = re.compile(r",\s*[A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ ]{3,}$")
_FOR_INFO = re.compile(r"\s*\((?:b/c[^)]*|đ/b|d/b|b/céo|để b/c|thay b/c)\)?\s*$", re.I)
_FILED = re.compile(r"l[u]u\s*[:.]")
_LEADING_NON_LETTERS = re.compile(r"^[^A-Za-zÀ-ỹĐđ]+")
_TITLE_SPLIT = re.compile(r"[:;]")


def _last_match(pattern: re.Pattern[str], folded: str, window: int = 4000) -> re.Match[str] | None:
    """The last match of ``pattern`` in ``folded``, looked for in the tail first.

    For patterns whose matches cannot overlap (a match cannot start inside
    another, as for "Nơi nhận:"), the last match of a scan of the tail is the
    last match of a scan of the whole text; the whole text is scanned only when
    the tail has none.
    """
    last = None
    lo = max(0, len(folded) - window)
    for m in pattern.finditer(folded, lo):
        last = m
    if last is None and lo:
        for m in pattern.finditer(folded):
            last = m
    return last


@lru_cache(maxsize=4096)
def _title_in_line(line: str) -> str | None:
    """The last signer's title standing alone in a line ("CHỦ TỊCH", "KT. GIÁM ĐỐC" parts)."""
    title = None
    for part in _TITLE_SPLIT.split(line):
        p = part.strip(" -")
        if p and p.isupper() and _SIGN_TITLES.match(fold(p)):
            title = clean(p)
    return title


@lru_cache(maxsize=8192)
def _recipient_line(raw: str) -> tuple[str | None, str | None]:
    """One line after "Nơi nhận:": (the recipient it lists, the last signer's name in it).

    Recipient lists and signature columns repeat from one document to the
    next, so each distinct line is read once.
    """
    name = None
    # a flattened page puts the signature column after a wide gap
    cols = _COLUMN_GAP.split(raw.strip())
    line = cols[0]
    for col in cols[1:]:
        if _is_name(clean(col)):
            name = clean(col)
    if not line:
        return None, name
    # "Ban Tổ chức Trung ương, PHÓ BÍ THƯ": the column merged in by OCR
    line = _MERGED_TITLE.sub("", line)
    segs = [x.strip() for x in line.split(";")]
    recipient = None
    if line.startswith(("-", "+", "•")):
        rec = clean(segs[0].lstrip("-+• "))
        rec = _FOR_INFO.sub("", rec).strip()
        frec = fold(rec)
        if rec and not _FILED.match(frec) and not frec.startswith("luu "):
            recipient = rec
        rest = segs[1:]
    else:
        rest = segs
    for x in rest:
        s2 = clean(_LEADING_NON_LETTERS.sub("", x))
        if _is_name(s2):
            name = s2
    whole = clean(line)
    if _is_name(whole):
        name = whole
    return recipient, name


@lru_cache(maxsize=8192)
def _name_line(raw: str) -> str | None:
    s = clean(raw)
    return s if _is_name(s) else None


def _signature(text: str, folded: str) -> tuple[str | None, str | None, str | None, list[str]]:
    nn = _last_match(_NOI_NHAN, folded)
    region_lo = max(0, (nn.start() if nn else len(text)) - 600)
    tail = text[region_lo:]
    capacity = title = None
    cap = None
    for cap in keyword_finditer(_CAPACITY, tail, CAPACITY_WORDS):
        pass
    if cap:
        capacity = cap.group(1).replace("/", "") + "."
        title = clean(cap.group(2).split("\n")[0])
        if capacity == "TM.":
            # "TM. ỦY BAN NHÂN DÂN" names the collective; the title is on the next line
            nxt = tail[cap.end() :].lstrip(" \t").split("\n")
            following = [clean(x) for x in nxt[1:4] if clean(x)]
            capacity = f"TM. {title}"
            title = following[0] if following and following[0].isupper() else None
    # a bare title line ("CHỦ TỊCH", "CHÁNH VĂN PHÒNG") in the signature column
    if title is None:
        for line in tail.split("\n"):
            title = _title_in_line(line) or title
    recipients: list[str] = []
    name = None
    if nn:
        for raw in text[nn.end() :].split("\n"):
            recipient, found = _recipient_line(raw)
            if recipient:
                recipients.append(recipient)
            name = found or name
    if name is None:
        for raw in reversed(text[-1200:].split("\n")):
            name = _name_line(raw)
            if name:
                break
    return name, title, capacity, recipients
