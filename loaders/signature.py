"""The signature and the recipients at the end of a document.

The signer's capacity ("KT. CHỦ TỊCH"), title and name, and the list after
"Nơi nhận:" (with the "Kính gửi:" addressees of a công văn), read from
flattened OCR where the signature column is mixed into the recipients.
"""

from __future__ import annotations

import re
from functools import lru_cache

from luocdo.core.fold import fold
from luocdo.loaders.citations import clean
from luocdo.loaders.scan import KeywordPattern, last_match

_NOI_NHAN = re.compile(r"n[o0][i1]\s*nh[a-z`]{1,3}n\s*:")
#: The capacity the signer signs in ("KT. GIÁM ĐỐC", "TM. ỦY BAN NHÂN DÂN"), as written: (capacity, title).
_CAPACITY = KeywordPattern(
    r"(?<![A-ZĐ])", ("TM", "KT", "Q", "TL", "TUQ", "T/M", "K/T"), r"\s*[./]?\s*([A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ .]{2,40})", capture=True
)
_SIGN_TITLES = re.compile(
    r"^(?:ph[o0]\s+)?(?:ch[uw]\s*t[i1]ch|ch[a]nh\s+v[a]n\s+ph[o0]ng|gi[a]m\s+d[o0]c|b[i1]\s+th[uw]|tr[uw][o0]ng\s+ban"
    r"|th[uw]\s+t[uw][o0]ng|b[o0]\s+tr[uw][o0]ng|tr[uw][o0]ng\s+ph[o0]ng|ch[uw]\s+nhi[e&]m)\b"
)
_SIG_TS = re.compile(r"(20\d{2})-(\d{2})-(\d{2})T\d{2}:\d{2}:\d{2}")

SURNAMES = frozenset(
    ["nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang", "bui", "do", "ho", "ngo", "duong", "ly", "dao", "dinh", "mai", "truong", "luong", "doan", "ta", "ha", "cao", "lam", "trinh", "thai", "chau", "to", "tang", "quach", "kieu", "lai", "la", "luu", "ton", "van", "hua", "giang", "khuong", "thach", "kim"]
)
_ORG_WORDS = re.compile(
    r"\b(?:ubnd|hdnd|uy ban|so|phong|xa|phuong|tinh|trung tam|van phong|ban|dang|luu|cac|vp|ct|pct|ttdt|mttq|bch)\b"
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


_KINH_GUI = re.compile(r"k[i1]nh\s*g[uw]i\s*:")


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
_FILED = re.compile(r"l[uw]u\s*[:.]")
_LEADING_NON_LETTERS = re.compile(r"^[^A-Za-zÀ-ỹĐđ]+")
_TITLE_SPLIT = re.compile(r"[:;]")


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
    nn = last_match(_NOI_NHAN, folded)
    region_lo = max(0, (nn.start() if nn else len(text)) - 600)
    tail = text[region_lo:]
    capacity = title = None
    cap = None
    for cap in _CAPACITY.finditer(tail):
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


def signature_and_recipients(text: str, folded: str) -> tuple[str | None, str | None, str | None, list[str]]:
    """(signer's name, title, capacity, recipients): the addressees first, then "Nơi nhận:" but "Như trên"."""
    signer_name, signer_title, capacity, recipients = _signature(text, folded)
    recipients = _addressees(text, folded) + [r for r in recipients if not re.match(r"(?i)nh[uư] tr[eê]n\b", r)]
    return signer_name, signer_title, capacity, recipients
