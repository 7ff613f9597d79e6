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

