"""Units as they were on a document's date: before 1 July 2025 provinces had not merged and districts stood, so a
document of then keeps the issuer its header names, and an instrument it cites keeps the issuer of its day."""

from __future__ import annotations

import re

from luocdo.core.fold import fold
from luocdo.core.registry import REORGANISED, Org, registry
from luocdo.loaders import patterns as P
from luocdo.loaders.context import Context, unflattened
from luocdo.loaders.header import Header


def before_reorganisation(date: str | None, year: int | None) -> bool:
    """Dated before 1 July 2025, when provinces merged and districts ended."""
    if date:
        return date < REORGANISED
    return year is not None and year < int(REORGANISED[:4])


def as_it_then_was(ctx: Context, h: Header) -> Context:
    """A document of before July 2025 keeps the issuer its header names
    ("UBND TỈNH KON TUM", "UBND HUYỆN SƠN TỊNH", "UBND XÃ TỊNH MINH"), not today's successor."""
    lines = unflattened(list(h.agency_lines))
    if not lines:
        return ctx
    cands = [lines[-1]] + ([f"{lines[-2]} {lines[-1]}"] if len(lines) >= 2 else [])
    if ctx.org is None or ctx.org.level in ("province", "commune"):
        cands += lines[:-1]  # "UBND TỈNH KON TUM" above the body when the body is the province's
    reg = registry()
    body = reg.former_body(ctx.org, tuple(reversed(lines)))  # "UBND TỈNH KON TUM / SỞ Y TẾ"
    if body is not None:
        return Context(body, body.province, None, ctx.raw)
    for cand in cands:
        then = reg.former(cand, ctx.province)
        if then is not None:
            return Context(then, then.province, then if then.level == "commune" else None, ctx.raw)
    return ctx


#: "UBND huyện", "Ủy ban nhân dân thị xã" with no name: the citing document's own district.
_OWN_DISTRICT = re.compile(r"(?:ubnd|" + P.UY_BAN_NHAN_DAN + r")\s+(?:huy[a-z&`]n|qu[a-z&`]n|thi\s+x[a-z&`]|thanh\s+ph[a-z0-9&`])\s*$")


def cited_as_it_then_was(org: Org | None, phrase: str | None, ctx: Context) -> Org | None:
    """The issuer of an instrument cited with a date before July 2025, as it then was."""
    reg = registry()
    if phrase and ctx.org is not None and ctx.org.level == "district" and _OWN_DISTRICT.match(fold(phrase)):
        return ctx.org  # "của UBND huyện" in a document of the district
    then = reg.former(phrase, ctx.province) if phrase else None
    if then is not None:
        return then
    then = reg.former_body(org, (phrase,), ctx.org.province if ctx.org and ctx.org.id.startswith("former:") else None)
    if then is not None:  # "của Sở Y tế tỉnh Kon Tum"; "của Sở Y tế" in a Kon Tum document of 2020
        return then
    if org is not None and ctx.org is not None and ctx.org.id.startswith("former:") and org.level == "province":
        # "của UBND tỉnh" in a Kon Tum document of 2018: Kon Tum, not today's Quảng Ngãi
        if any(s.id == org.id for s in reg.successors(ctx.org)) and ctx.org.level == "province":
            return ctx.org
        # the same in a document of one of its departments ("Sở Y tế" under "UBND TỈNH KON TUM", 2020), districts
        # or communes ("UBND HUYỆN PHÙ CÁT", 2023: Bình Định, not today's Gia Lai)
        then = _former_province(ctx.org)
        if then is not None and any(s.id == org.id for s in reg.successors(then)):
            return then
    return org


def _former_province(org: Org) -> Org | None:
    """The province a former body stood under, up its parents (a commune's district, then the province)."""
    reg, seen = registry(), 0
    while org.parent_id and seen < 4:
        parent = reg.by_id(org.parent_id)
        if parent is None:
            return None
        if parent.id.startswith("former:province:"):
            return parent
        org, seen = parent, seen + 1
    return None
