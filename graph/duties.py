"""Recipients with their purpose, and the plans and reports a document asks for, as edges.

``ADDRESSED_TO`` keeps why a unit got the document (``purpose``: act, or inform
for "để b/c", "để biết") and the line it is written on.  A collective ("UBND các
xã, phường") is one edge to the unit whose members it names, with ``members``
(:mod:`luocdo.core.registry_groups`): the queries list the members as of the
document's date, so a provincial plan does not carry a hundred edges.
``EXPECTS`` is a duty: a plan or a report asked of a unit (or a collective), by
a day or every period, to whom, with the sentence.
"""

from __future__ import annotations

import re
from typing import Any, Protocol

from luocdo.core.model import DocumentRecord
from luocdo.core.registry import Org, Registry
from luocdo.core.registry_groups import collective, narrowed
from luocdo.graph.delta import EdgeRow

#: Where a phrase joins several units: "Các sở, ban, ngành và UBND các xã, phường",
#: "Thủ trưởng các sở, ban, ngành, Chủ tịch UBND các xã, phường", "A; B".
_JOIN = re.compile(
    r"\s*;\s*|\s*(?:,|\bvà\b|\bva\b)\s+(?=(?:UBND|Ủy ban|Uỷ ban|Uy ban|Chủ tịch|Chu tich|Thủ trưởng|Thu truong|Đảng ủy"
    r"|Sở|So|Các|Cac|Ban|Văn phòng|Van phong|Công an|Cong an|Trung tâm|Trung tam)\b)"
)


class _Parts(Protocol):
    reg: Registry
    edges: list[EdgeRow]

    def add_org(self, org: Org | None) -> Org | None: ...


def split_units(phrase: str) -> list[str]:
    """The units a phrase joins ("Các sở, ban, ngành và UBND các xã, phường" → two)."""
    return [p.strip(" ,;.") for p in _JOIN.split(phrase) if p and p.strip(" ,;.")]


def unit_named(reg: Registry, raw: str, province: str | None, commune: str | None, issuer: Org | None,
               day: str | None, whole: bool = False) -> tuple[Org, str | None] | None:
    """The unit ``raw`` names, or the unit of a collective with the kind of its members
    (recipients, duties and assigned units alike).  ``whole``: refuse a collective that
    names only some of its members ("UBND các xã có điểm du lịch"): which ones is not known."""
    # a department merged on 1 March 2025, asked to act in a text of that day or later: its successor
    org = reg.as_of(reg.resolve(raw, province=province, commune=commune), day)
    if org is not None:
        return org, None
    if whole and narrowed(raw):
        return None
    found = collective(reg, raw, province, issuer, day)
    return (found[0], found[1]) if found else None


def _target(parts: _Parts, raw: str, province: str | None, commune: str | None, issuer: Org | None,
            day: str | None) -> tuple[Org, str | None] | None:
    return unit_named(parts.reg, raw, province, commune, issuer, day)


def addressed_and_expected(parts: _Parts, rec: DocumentRecord, province: str | None, commune: str | None) -> None:
    """ADDRESSED_TO from ``rec.addressed`` and EXPECTS from ``rec.duties``."""
    doc = rec.document
    issuer = parts.reg.by_id(doc.issuer.id) if doc.issuer and doc.issuer.id else None
    day = doc.date or (f"{doc.year}-12-31" if doc.year else None)
    seen: set[tuple[str, str | None]] = set()
    for r in rec.addressed:
        hit = _target(parts, r.name, province, commune, issuer, day)
        if hit is None or (hit[0].id, hit[1]) in seen:
            continue
        org, members = hit
        seen.add((org.id, members))
        parts.add_org(org)
        props: dict[str, Any] = {"raw": r.name, "purpose": r.purpose, "members": members, "file": rec.source,
                                 "start": r.start, "end": r.end, "sentence": r.text}
        parts.edges.append(EdgeRow.of("ADDRESSED_TO", doc.key, org.id, props))
    seen_duty: set[tuple[str, str | None, str, str | None, str | None]] = set()
    for d in rec.duties:
        to = parts.reg.as_of(parts.reg.resolve(d.to, province=province, commune=commune), day) if d.to else None
        for raw in split_units(d.reporter):
            hit = _target(parts, raw, province, commune, issuer, day)
            if hit is None:
                continue
            org, members = hit
            key = (org.id, members, d.kind, d.due, d.period)
            if key in seen_duty:
                continue
            seen_duty.add(key)
            parts.add_org(org)
            if to is not None:
                parts.add_org(to)
            props = {"raw": raw, "kind": d.kind, "members": members, "to_raw": d.to, "to_id": to.id if to else None,
                     "timeframe": d.timeframe, "due": d.due, "period": d.period, "file": rec.source,
                     "start": d.start, "end": d.end, "sentence": d.text}
            parts.edges.append(EdgeRow.of("EXPECTS", doc.key, org.id, props))
