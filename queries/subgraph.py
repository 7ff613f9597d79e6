"""The neighbourhood of a document or organization, for the viewer.

Breadth first from the center, one hop per round: document–document edges
both ways (``doc_edges_out`` / ``doc_edges_in``), document–organization edges
(``doc_orgs`` / ``org_docs``) and PART_OF between organizations
(``org_parts``).  Stops at ``depth`` hops or ``limit`` nodes.
"""

from __future__ import annotations

from typing import Any

from luocdo.graph.schema import DOC_REL_LABELS, ORG_ORG_RELS, ORG_RELS
from luocdo.graph.store import Store
from luocdo.queries import loader
from luocdo.queries.common import MAX_DEPTH, evidence, evidence_order, fetch_docs, fetch_orgs
from luocdo.queries.errors import BadParameter, NotFound
from luocdo.queries.models import DocRef, GraphEdge, GraphNode, OrgRef, Subgraph
from luocdo.queries.resolve import resolve

ALL_RELS = (*DOC_REL_LABELS, *ORG_RELS, *ORG_ORG_RELS)


def _doc_node(d: DocRef) -> GraphNode:
    return GraphNode(
        id=d.key, label=d.display, group="document", kind=d.kind, level=d.level, type=d.type,
        date=d.date, issuer=d.issuer, title=d.title, ingested=d.ingested,
    )


def _org_node(o: OrgRef) -> GraphNode:
    return GraphNode(id=o.id, label=o.name, group="organization", kind=o.kind, level=o.level)


def subgraph(
    store: Store,
    center: str,
    depth: int = 2,
    relations: list[str] | None = None,
    limit: int = 2000,
) -> Subgraph:
    """Nodes and edges within ``depth`` hops of ``center`` (a document name/key or an organization id)."""
    if not 0 <= depth <= MAX_DEPTH:
        raise BadParameter(f"depth must be from 0 to {MAX_DEPTH}, got {depth}")
    if limit < 1:
        raise BadParameter(f"limit must be at least 1, got {limit}")
    rels = _relations(relations)
    center_id, doc_front, org_front = _center(store, center)
    walk = _Walk(limit, set(doc_front), set(org_front))
    for _ in range(depth):
        new_docs: set[str] = set()
        new_orgs: set[str] = set()
        for kind, r in _hop_rows(store, doc_front, org_front, rels):
            if r["rel"] in rels:
                walk.take(kind, r, new_docs, new_orgs)
        doc_front, org_front = new_docs, new_orgs
        if not doc_front and not org_front:
            break

    docs = fetch_docs(store, walk.doc_seen)
    org_refs = fetch_orgs(store, walk.org_seen)
    nodes = [_doc_node(docs[k]) for k in sorted(walk.doc_seen) if k in docs]
    nodes += [_org_node(org_refs[i]) for i in sorted(walk.org_seen) if i in org_refs]
    present = {n.id for n in nodes}
    out_edges = [e for e in walk.edges.values() if e.source in present and e.target in present]
    return Subgraph(center=center_id, nodes=nodes, edges=out_edges)


def _relations(relations: list[str] | None) -> set[str]:
    """The relations asked for (all when none), upper-cased; an unknown one is refused."""
    rels = set(ALL_RELS)
    if relations:
        wanted = {r.strip().upper() for r in relations if r and r.strip()}
        unknown = wanted - rels
        if unknown:
            raise BadParameter(f"unknown relation(s) {', '.join(sorted(unknown))}; expected some of {', '.join(ALL_RELS)}")
        rels = wanted
    return rels


def _center(store: Store, center: str) -> tuple[str, set[str], set[str]]:
    """The center's id, and the first fronts: documents, organizations (an organization id wins)."""
    if center in fetch_orgs(store, [center]):
        return center, set(), {center}
    try:
        doc = resolve(store, center)
    except NotFound:
        raise NotFound(center, message=f"no document or organization matches {center!r}") from None
    return doc.key, {doc.key}, set()


def _hop_rows(store: Store, doc_front: set[str], org_front: set[str], rels: set[str]) -> list[tuple[str, dict[str, Any]]]:
    """The edges one hop from the fronts, each tagged by its ends ("dd", "do", "oo"), in a stable order."""
    rows: list[tuple[str, dict[str, Any]]] = []
    if doc_front:
        keys = sorted(doc_front)
        rows += [("dd", r) for r in loader.run(store, "doc_edges_out", {"keys": keys}, limit=None)]
        rows += [("dd", r) for r in loader.run(store, "doc_edges_in", {"keys": keys}, limit=None)]
        rows += [("do", r) for r in loader.run(store, "doc_orgs", {"keys": keys}, limit=None)]
    if org_front:
        ids = sorted(org_front)
        rows += [("do", r) for r in loader.run(store, "org_docs", {"ids": ids}, limit=None)]
        if "PART_OF" in rels:
            rows += [("oo", {**r, "rel": "PART_OF"}) for r in loader.run(store, "org_parts", {"ids": ids}, limit=None)]
    rows.sort(key=lambda kr: (kr[1]["rel"], kr[1]["src"], kr[1]["dst"], *evidence_order(kr[1])))
    return rows


_ENDS = {"dd": ("d", "d"), "do": ("d", "o"), "oo": ("o", "o")}


class _Walk:
    """What the breadth-first walk has seen so far, up to ``limit`` nodes."""

    def __init__(self, limit: int, doc_seen: set[str], org_seen: set[str]):
        self.limit = limit
        self.doc_seen = doc_seen
        self.org_seen = org_seen
        self.edges: dict[tuple[str, str, str], GraphEdge] = {}

    def room(self) -> bool:
        return len(self.doc_seen) + len(self.org_seen) < self.limit

    def take(self, kind: str, r: dict[str, Any], new_docs: set[str], new_orgs: set[str]) -> None:
        """Add the edge ``r`` and its ends, unless an end is new and there is no room left for it."""
        src, dst = r["src"], r["dst"]
        for node, group in zip((src, dst), _ENDS[kind], strict=True):
            seen, new = (self.doc_seen, new_docs) if group == "d" else (self.org_seen, new_orgs)
            if node in seen:
                continue
            if not self.room():
                return
            seen.add(node)
            new.add(node)
        ek = (src, dst, r["rel"])
        if ek not in self.edges:
            self.edges[ek] = GraphEdge(source=src, target=dst, relation=r["rel"], evidence=evidence(r) if kind == "dd" else None)
