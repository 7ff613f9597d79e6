"""A document's card (identity, every edge in and out with its evidence and
source) and an organization's documents."""

from __future__ import annotations

import re
from typing import Any

from luocdo.core.fold import squash
from luocdo.graph.store import Store
from luocdo.queries import loader
from luocdo.queries.common import evidence, fetch_docs, fetch_orgs, loads_json, org_from_registry
from luocdo.queries.errors import NotFound
from luocdo.queries.models import (
    Card,
    EdgeView,
    OrgDocument,
    OrgEdge,
    OrgRef,
    Standing,
    StandingAct,
    StandingHow,
    StandingStatus,
)
from luocdo.queries.resolve import identity_state, resolve

_REL_ORDER = {"IMPLEMENTS": 0, "BASED_ON": 1, "REPORTS_ON": 2, "AMENDS": 3, "REPEALS": 3, "CONSOLIDATES": 3, "CITES": 4}
_ORG_REL_ORDER = {"ISSUED_BY": 0, "ASSIGNED_TO": 1, "ADDRESSED_TO": 2}


def _ev_order(e: EdgeView) -> tuple:
    ev = e.evidence
    return (ev.file or "", ev.start or 0, ev.doc or "") if ev else ("", 0, "")


def show(store: Store, key_or_name: str) -> Card:
    """Everything the graph says about one document, each edge with its evidence."""
    doc = resolve(store, key_or_name)
    card = loader.run(store, "doc_card", {"key": doc.key}, limit=2)
    sources = list(card[0].get("sources") or []) if card else []
    conflicts = loads_json(card[0].get("conflicts") if card else None, {})
    out_rows = loader.run(store, "doc_edges_out_one", {"key": doc.key}, limit=None)
    in_rows = loader.run(store, "doc_edges_in_one", {"key": doc.key}, limit=None)
    org_rows = loader.run(store, "doc_orgs", {"keys": [doc.key]}, limit=None)
    docs = fetch_docs(store, [r["dst"] for r in out_rows] + [r["src"] for r in in_rows])
    orgs = fetch_orgs(store, [r["dst"] for r in org_rows])

    def edges(rows: list[dict[str, Any]], other: str) -> list[EdgeView]:
        views = [
            EdgeView(relation=r["rel"], other=docs[r[other]], evidence=evidence(r))
            for r in rows
            if r[other] in docs
        ]
        views.sort(key=lambda e: (_REL_ORDER.get(e.relation, 9), e.other.key, *_ev_order(e)))
        return views

    org_edges = [
        OrgEdge(relation=r["rel"], org=orgs[r["dst"]], role=r.get("role"), task=r.get("task"), raw=r.get("raw"))
        for r in org_rows
        if r["dst"] in orgs
    ]
    org_edges.sort(key=lambda e: (_ORG_REL_ORDER.get(e.relation, 9), e.org.id, e.role or "", e.task or "", e.raw or ""))
    outgoing, incoming = edges(out_rows, "dst"), edges(in_rows, "src")
    state = identity_state(store, doc.key)
    # the node's group, and the groups its links reach (a law's name for its number)
    linked = {y for box in (state.get("l") or {}).values() for y in box}
    states = [state, *(identity_state(store, k) for k in sorted(linked))]
    aliases = sorted({k for st in states for k, c in (st.get("c") or {}).items() if c == doc.key and k != doc.key})
    return Card(
        doc=doc,
        sources=sources,
        conflicts=conflicts if isinstance(conflicts, dict) else {},
        outgoing=[e for e in outgoing if not _derived(e)],
        incoming=[e for e in incoming if not _derived(e)],
        organizations=org_edges,
        derived_outgoing=[e for e in outgoing if _derived(e)],
        derived_incoming=[e for e in incoming if _derived(e)],
        aliases=aliases,
        candidates=list((state.get("u") or {}).get(doc.key) or []),
        standing=standing(incoming, doc.display),
    )


# Folded words of the evidence sentence that narrow what a later document does:
# "bãi bỏ Điều 5, khoản 2 Điều 7 của …" ends a part only; "thay thế Quyết định số …"
# ends the whole (while "thay thế cụm từ …" only changes words).
_PART = r"(?:cac\s+|mot\s+so\s+|toan\s+bo\s+)?(?:dieu|khoan|diem|chuong|muc|phan|noi\s+dung|cum\s+tu|tu\s+ngu|phu\s+luc)\b"
REPEAL_IN_PART_RX = re.compile(r"\bbai\s+bo\s+" + _PART)
REPLACES_RX = re.compile(r"\bthay\s+the\b(?!\s+" + _PART + ")")
#: The relations that change a document's standing, and the order they are listed in.
STANDING_RELS = ("REPEALS", "AMENDS", "CONSOLIDATES")


def standing_how(relation: str, sentence: str | None, name: str | None = None) -> StandingHow | None:
    """How a document acting on this one through ``relation`` changes its standing (None: it does not).

    The words looked at are those just before ``name`` (this document as cited) in the
    sentence, so that "sửa đổi X và thay thế Y" replaces Y only.
    """
    whole = squash(sentence or "")
    at = whole.find(squash(name)) if name else -1
    text = whole[max(0, at - 80): at] if at >= 0 else whole
    if relation == "REPEALS":
        # the parts repealed may be a long list ("Bãi bỏ các Điều 32, 33, …, khoản 3 và khoản 4 Điều 179 của X")
        return "repeals_in_part" if REPEAL_IN_PART_RX.search(whole[max(0, at - 300): at] if at >= 0 else whole) else "repeals"
    if relation == "AMENDS":
        if REPEAL_IN_PART_RX.search(whole[max(0, at - 300): at] if at >= 0 else whole):
            return "repeals_in_part"  # an act that amends X and repeals parts of it, its evidence the repeal
        return "replaces" if REPLACES_RX.search(text) else "amends"
    if relation == "CONSOLIDATES":
        return "consolidates"
    return None


def standing(incoming: list[EdgeView], name: str | None = None) -> Standing:
    """In force, amended or repealed, from the edges that reach the document ``name`` (their own and derived)."""
    acts: dict[tuple[str, str], StandingAct] = {}
    for e in incoming:
        how = standing_how(e.relation, e.evidence.sentence if e.evidence else None, name)
        if how is None:
            continue
        acts.setdefault((e.other.key, how), StandingAct(how=how, relation=e.relation, doc=e.other, evidence=e.evidence))
    by = sorted(acts.values(), key=lambda a: (a.doc.date or "", a.doc.key), reverse=True)
    status: StandingStatus
    if any(a.how in ("repeals", "replaces") for a in by):
        status = "repealed"
    elif by:
        status = "amended"
    else:
        status = "in_force"
    return Standing(status=status, by=by)


def _derived(e: EdgeView) -> bool:
    return bool(e.evidence and e.evidence.derived)


def organization(store: Store, org_id: str) -> OrgRef:
    """An organization by id: from the graph, else from the registry; NotFound otherwise."""
    found = fetch_orgs(store, [org_id])
    if org_id in found:
        return found[org_id]
    from luocdo.core.registry import registry

    org = registry().by_id(org_id)
    if org is not None:
        return org_from_registry(org)
    raise NotFound(org_id, message=f"no organization with id {org_id!r}")


def organization_documents(store: Store, org_id: str) -> list[OrgDocument]:
    """Documents issued by, addressed to or assigning tasks to the organization."""
    organization(store, org_id)
    rows = loader.run(store, "org_docs", {"ids": [org_id]}, limit=None)
    docs = fetch_docs(store, [r["src"] for r in rows])
    out = [OrgDocument(relation=r["rel"], role=r.get("role"), doc=docs[r["src"]]) for r in rows if r["src"] in docs]
    uniq = {(o.relation, o.role, o.doc.key): o for o in out}
    return sorted(uniq.values(), key=lambda o: (_ORG_REL_ORDER.get(o.relation, 9), o.doc.date or "", o.doc.key, o.role or ""))
