"""DocumentRecord → GraphDelta: the nodes and edges one document contributes.

Identity is settled here: the document's own node and the nodes of what it
cites are keyed by :mod:`luocdo.core.keys`; recipients and assigned units
are resolved to registry organisations.  Nothing is written: the store
applies the delta.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from luocdo.core.fold import squash
from luocdo.core.model import DocumentRecord, Instrument, Mention
from luocdo.core.registry import Org, Registry, registry
from luocdo.graph.delta import EdgeRow, GraphDelta, NodeClaim
from luocdo.graph.duties import addressed_and_expected, unit_named
from luocdo.graph.schema import DOC_RELS, type_label


def _doc_props(inst: Instrument) -> dict:
    iss = inst.issuer
    reg = registry()
    province_code = None
    if iss and iss.province:
        p = reg.province(iss.province)
        province_code = p.code if p else None
    return {
        "type": inst.type,
        "kind": type_label(inst.type),
        "number": inst.number,
        "symbol": inst.symbol,
        "display": inst.label,
        "date": inst.date,
        "year": inst.year,
        "title": inst.title,
        "issuer": iss.name if iss else None,
        "issuer_id": iss.id if iss else None,
        "level": iss.level if iss else None,
        "province": iss.province if iss else None,
        "province_code": province_code,
        "search": squash(" ".join(x for x in (inst.label, inst.title or "", iss.name if iss else "") if x)),
    }


#: Relations whose target must exist before the document that states them.
NEEDS_EARLIER = frozenset({"based_on", "implements", "reports_on"})


def issued_after(src: Instrument, dst: Instrument) -> str | None:
    """Why ``dst`` cannot be what ``src`` rests on, implements or reports on: it
    was issued later (dates, else years); None when the order is possible or unknown."""
    if src.date and dst.date:
        return f"{dst.date} after {src.date}" if dst.date > src.date else None
    if src.year and dst.year and dst.year > src.year:
        return f"{dst.year} after {src.year}"
    return None


def stated_later(src: Instrument, dst: Instrument) -> bool:
    """The text says explicitly that ``src`` came after ``dst``: it states the full date of what it
    cites ("Kế hoạch số 12/KH-UBND ngày 20/01/2025") and leaves its own open (a draft, a copy, a
    blank day "ngày … tháng … năm 2024"), with no year in its own number ("15/2024/QĐ-UBND" fixes
    it).  The stated date stands; the document was issued on it or later (``date_not_before``)."""
    return src.date is None and dst.date is not None and not _YEAR_IN_SYMBOL.match(src.symbol or "")


_YEAR_IN_SYMBOL = re.compile(r"(?:19|20)\d{2}/")


def _time_checked(relation: str, src: Instrument, dst: Instrument, warnings: list[str],
                  own: bool = False) -> tuple[str, dict]:
    """The relation to draw and a flag: a document cannot be based on, implement
    or report on one issued after it, so such an edge is kept as a citation, flagged
    (unless the document's own text says so explicitly: ``own`` edges, :func:`stated_later`)."""
    if relation not in NEEDS_EARLIER:
        return relation, {}
    why = issued_after(src, dst)
    if why is None:
        return relation, {}
    if own and stated_later(src, dst):
        warnings.append(f"{src.label} → {dst.label}: {relation} a document dated {dst.date}, after its own "
                        f"year {src.year}; kept: its own date is not stated in full")
        return relation, {}
    flag = f"{relation} a document issued after it ({why}): drawn as a citation"
    warnings.append(f"{src.label} → {dst.label}: {flag}")
    return "cites", {"flag": flag}


def _evidence(rec: DocumentRecord, m: Mention, derived: bool = False) -> dict:
    return {
        "doc": rec.document.key,
        "file": rec.source,
        "start": m.start,
        "end": m.end,
        "sentence": m.text,
        "derived": derived,
    }


def _org_chain(org: Org) -> list[Org]:
    """The organisation and its parents (commune → province), for PART_OF."""
    reg = registry()
    out = [org]
    seen = {org.id}
    cur = org
    while cur.parent_id and cur.parent_id not in seen:
        parent = reg.by_id(cur.parent_id)
        if parent is None:
            break
        out.append(parent)
        seen.add(parent.id)
        cur = parent
    return out


@dataclass
class _Parts:
    """The nodes, edges, organisations and warnings of one delta, gathered step by step
    (in the order they are found: the delta keeps that order)."""

    reg: Registry
    nodes: dict[tuple[str, str], NodeClaim] = field(default_factory=dict)
    edges: list[EdgeRow] = field(default_factory=list)
    orgs: dict[str, Org] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def add_org(self, org: Org | None) -> Org | None:
        if org is None:
            return None
        for o in _org_chain(org):
            if o.id not in self.orgs:
                self.orgs[o.id] = o
        return org

    def add_doc(self, inst: Instrument) -> None:
        k = ("Document", inst.key)
        if k not in self.nodes:
            self.nodes[k] = NodeClaim.of("Document", inst.key, _doc_props(inst))

    def issued_by(self, inst: Instrument) -> None:
        if inst.issuer and inst.issuer.id:
            org = self.add_org(self.reg.by_id(inst.issuer.id))
            if org:
                self.edges.append(EdgeRow.of("ISSUED_BY", inst.key, org.id, {"raw": inst.issuer.name}))


def build_delta(rec: DocumentRecord, source_id: str, path: str, content_hash: str) -> GraphDelta:
    """The delta of one extracted document."""
    doc = rec.document
    parts = _Parts(registry(), warnings=list(rec.warnings))
    own = _doc_props(doc)
    own["date_not_before"] = rec.date_not_before
    parts.nodes[("Document", doc.key)] = NodeClaim.of("Document", doc.key, own, own=True)
    parts.issued_by(doc)
    _document_edges(parts, rec)
    _organisation_edges(parts, rec)
    _organisation_nodes(parts)
    return GraphDelta(
        source_id=source_id,
        path=path,
        hash=content_hash,
        doc_key=doc.key,
        nodes=tuple(parts.nodes.values()),
        edges=tuple(dict.fromkeys(parts.edges)),
        warnings=tuple(dict.fromkeys(parts.warnings)),
        aliases=tuple(sorted({(a.alias, a.key) for a in rec.aliases if a.alias != a.key})),
    )


def _document_edges(parts: _Parts, rec: DocumentRecord) -> None:
    """The edges to the documents cited (with their issuers), then the derived ones."""
    doc = rec.document
    for ref in rec.references:
        parts.add_doc(ref.target)
        parts.issued_by(ref.target)
        m = ref.mentions[0]
        rel, flag = _time_checked(ref.relation, doc, ref.target, parts.warnings, own=True)
        parts.edges.append(EdgeRow.of(DOC_RELS[rel], doc.key, ref.target.key, {**_evidence(rec, m), **flag}))
    for d in rec.derived:
        parts.add_doc(d.source)
        parts.add_doc(d.target)
        rel, flag = _time_checked(d.relation, d.source, d.target, parts.warnings)
        parts.edges.append(EdgeRow.of(DOC_RELS[rel], d.source.key, d.target.key,
                                      {**_evidence(rec, d.mentions[0], True), **flag}))


def _organisation_edges(parts: _Parts, rec: DocumentRecord) -> None:
    """Recipients and assigned units, resolved in the issuer's province (and commune)."""
    doc = rec.document
    province = doc.issuer.province if doc.issuer else None
    commune = doc.issuer.locality if doc.issuer and doc.issuer.level == "commune" else None
    if rec.addressed or rec.duties:
        addressed_and_expected(parts, rec, province, commune)
    issuer = parts.reg.by_id(doc.issuer.id) if doc.issuer and doc.issuer.id else None
    day = doc.date or (f"{doc.year}-12-31" if doc.year else None)
    seen_rcpt: set[str] = set()
    for raw in () if rec.addressed else rec.recipients:
        org = parts.add_org(parts.reg.as_of(parts.reg.resolve(raw, province=province, commune=commune), day))
        if org and org.id not in seen_rcpt:
            seen_rcpt.add(org.id)
            parts.edges.append(EdgeRow.of("ADDRESSED_TO", doc.key, org.id, {"raw": raw}))
    seen_assign: set[tuple[str, str | None, str, str]] = set()
    for a in rec.assignments:
        for role, units in (("lead", a.lead), ("coordinating", a.coordinating)):
            for raw in units:
                # a collective ("Ủy ban nhân dân các xã, phường") is one edge with its ``members``
                hit = unit_named(parts.reg, raw, province, commune, issuer, day, whole=True)
                org, members = (parts.add_org(hit[0]), hit[1]) if hit else (None, None)
                if org is None or (org.id, members, role, a.task) in seen_assign:
                    continue
                seen_assign.add((org.id, members, role, a.task))
                props = {"raw": raw, "role": role, "members": members, "task": a.task, "timeframe": a.timeframe,
                         "start": a.start, "end": a.end}
                parts.edges.append(EdgeRow.of("ASSIGNED_TO", doc.key, org.id, props))


def _organisation_nodes(parts: _Parts) -> None:
    """Every organisation met, with today's successor of a unit of before July 2025 and PART_OF."""
    for o in list(parts.orgs.values()):
        for succ in parts.reg.successors(o):  # a unit of before July 2025 → today's
            parts.add_org(succ)
            parts.edges.append(EdgeRow.of("SUCCEEDED_BY", o.id, succ.id))
    for o in parts.orgs.values():
        row = o.row()
        props = {k: v for k, v in row.items() if k not in ("id", "part_of")}
        parts.nodes[("Organization", o.id)] = NodeClaim.of("Organization", o.id, props)
        if o.parent_id and o.parent_id in parts.orgs:
            parts.edges.append(EdgeRow.of("PART_OF", o.id, o.parent_id))
