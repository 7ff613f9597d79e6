"""Who issues a consolidated text (văn bản hợp nhất, VBHN).

A consolidated text is certified by the body that consolidates, not by the one
that passed what it consolidates: the Văn phòng Quốc hội for laws, codes,
ordinances and resolutions of the National Assembly ("Số: 02/VBHN-VPQH"), the
ministry for a decree or circular ("Số: 05/VBHN-BTC").  Its symbol names that
body; the opening names the consolidated instrument and its issuer ("Luật Đất
đai số 31/2024/QH15 … của Quốc hội"), which must never be taken for its own.
"""

from __future__ import annotations

import re

from luocdo.core.registry import Org, registry

#: The first instrument named at the opening (folded): the one consolidated.
_FIRST_ACT = re.compile(
    r"(?<![a-z])(hien\s+phap|bo\s+luat|luat|phap\s+lenh|nghi\s+quyet|nghi\s+dinh|thong\s+tu|quyet\s+dinh|chi\s+thi)(?![a-z])"
)
#: Acts of the National Assembly and its Standing Committee, consolidated by its Office.
_BY_THE_ASSEMBLY = frozenset({"hien phap", "bo luat", "luat", "phap lenh"})
_ASSEMBLY_SYMBOL = re.compile(r"/(?:(?:19|20)\d{2}/)?(?:nq-)?(?:ubtvqh|qh)\d*(?![a-z])")


def consolidation_issuer(code: str | None, opening: str) -> Org | None:
    """The issuer of a consolidated text: the central body or ministry its symbol's agency code
    names ("VPQH", "BTC"); without one, the Văn phòng Quốc hội when the first instrument the
    ``opening`` (folded text) names is an act of the National Assembly; else None (unknown)."""
    reg = registry()
    if code:
        org = reg.central(code.split("-")[0])
        return org if org is not None and org.level in ("central", "ministry") else None
    m = _FIRST_ACT.search(opening)
    if m is None:
        return None
    word = " ".join(m.group(1).split())
    if word in _BY_THE_ASSEMBLY or (word == "nghi quyet" and _ASSEMBLY_SYMBOL.search(opening, m.end(), m.end() + 300)):
        return reg.central("Văn phòng Quốc hội")
    return None


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


def consolidated_without_symbol(folded: str, head_hi: int) -> bool:
    """A consolidated text whose symbol is blank or missing (see ``_CERTIFIED``)."""
    if _VBHN_HEADING.search(folded, 0, head_hi) or _CERTIFIED.search(folded, max(0, len(folded) - 5000)):
        return True
    # the opening, before any "Căn cứ" (where "đã được sửa đổi, bổ sung bởi …" describes what is cited)
    basis = re.search(r"c[a-z`]{1,2}n\s+c[a-z`]{1,2}(?![a-z])", folded[:3000])
    return _AMENDED_BY.search(folded, 0, basis.start() if basis else min(len(folded), 3000)) is not None
