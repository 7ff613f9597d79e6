"""Downward queries: what implements X (directly or through a chain), and the
propagation tree of X level by level with the delay at each step.

A plan for X is a document that implements X ("Thực hiện …") or rests on it
("Căn cứ …"), directly or through a chain of such plans: the same rule as
``gaps`` (``gaps_plans.cypher``).  Each row says which of the two relations
ties it to the document above it.

The walk from X down (shortest chain first, so each document hangs under the
document nearest X) is done here, as are the delays: on a server the edges come
in one query (``implements_tree.cypher``), embedded one document at a time
(``implementers_direct.cypher``, both relations in one lookup), which LadybugDB
answers faster.
"""

from __future__ import annotations

from collections import deque
from statistics import median
from typing import Any

from luocdo.core.dates import days_between
from luocdo.graph.schema import LEVELS
from luocdo.graph.store import Store
from luocdo.queries import loader
from luocdo.queries.common import (
    MAX_DEPTH,
    check_depth,
    evidence,
    evidence_order,
    fetch_docs,
)
from luocdo.queries.models import (
    DocRef,
    Evidence,
    ImplementersResult,
    ImplRow,
    TraceNode,
    TraceResult,
)
from luocdo.queries.resolve import resolve

#: Relations that count as "only citing" X in a trace (IMPLEMENTS is the tree).
CITING_RELS = ("CITES", "BASED_ON", "REPORTS_ON", "AMENDS", "REPEALS", "CONSOLIDATES")


def _plan_order(r: dict[str, Any]) -> tuple:
    """Per document, IMPLEMENTS before BASED_ON, then its evidence in a stable order."""
    return (r["src"], PLAN_RELS.index(r["rel"]), *evidence_order(r))


#: The relations that make a document a plan for the one it points to.
PLAN_RELS = ("IMPLEMENTS", "BASED_ON")


def _direct(store: Store, key: str) -> list[dict[str, Any]]:
    """The plans for ``key`` one step down, each row with its ``rel``; IMPLEMENTS first per document."""
    return sorted(loader.run(store, "implementers_direct", {"key": key}, limit=None), key=_plan_order)


def _walk_down(store: Store, root: str, depth: int) -> dict[str, tuple[str, int, Evidence | None, str]]:
    """key → (parent key, depth, evidence of the edge to the parent, relation), breadth first from ``root``."""
    children: dict[str, list[dict[str, Any]]] = {}
    per_node = store.dialect == "ladybug"
    if not per_node:
        # A server: one round trip for every edge of the tree.
        for r in loader.run(store, "implements_tree", {"key": root}, limit=None):
            children.setdefault(r["dst"], []).append(r)
        for lst in children.values():
            lst.sort(key=_plan_order)

    def kids(key: str) -> list[dict[str, Any]]:
        # Embedded: one lookup per document of the tree.  LadybugDB answers the
        # whole-tree pattern by joining every IMPLEMENTS edge (80 ms at 1M
        # documents); a lookup from one node is a fraction of a millisecond.
        if per_node and key not in children:
            children[key] = _direct(store, key)
        return children.get(key, [])

    out: dict[str, tuple[str, int, Evidence | None, str]] = {}
    queue = deque([(root, 0)])
    seen = {root}
    while queue:
        key, d = queue.popleft()
        if d >= depth:
            continue
        for r in kids(key):
            k = r["src"]
            if k in seen:
                continue
            seen.add(k)
            out[k] = (key, d + 1, evidence(r), r["rel"])
            queue.append((k, d + 1))
    return out


def _chains(tree: dict[str, tuple[str, int, Evidence | None, str]], root: str) -> dict[str, list[str]]:
    """key → its chain from ``root``, each built on its parent's (documents in order of depth)."""
    out = {root: [root]}
    for key in sorted(tree, key=lambda k: tree[k][1]):
        out[key] = [*out[tree[key][0]], key]
    return out


def implementers(store: Store, key_or_name: str, transitive: bool = False, depth: int = 5) -> ImplementersResult:
    """Plans for X (implementing it or based on it): directly, or (``transitive``) through a chain of plans."""
    check_depth(depth)
    target = resolve(store, key_or_name)
    if transitive:
        tree = _walk_down(store, target.key, depth)
    else:
        tree = {}
        for r in _direct(store, target.key):
            tree.setdefault(r["src"], (target.key, 1, evidence(r), r["rel"]))
    docs = fetch_docs(store, tree)
    chains = _chains(tree, target.key)
    out: list[ImplRow] = []
    for key, (parent, d, ev, rel) in tree.items():
        doc = docs.get(key)
        if doc is None:
            continue
        out.append(
            ImplRow(
                doc=doc,
                depth=d,
                chain=chains[key],
                via=parent if d > 1 else None,
                days=days_between(target.date, doc.date),
                evidence=ev,
                relation=rel,
            )
        )
    out.sort(key=lambda r: (r.depth, r.doc.date or "9999", r.doc.key))
    return ImplementersResult(target=target, transitive=transitive, rows=out)


def trace(store: Store, key_or_name: str, depth: int = 8) -> TraceResult:
    """The propagation tree of X down every level, delays per step and per level.

    Documents that mention X without implementing it (cite it, rest on it,
    report on it) and are not in the tree are listed apart in ``citing_only``.
    """
    check_depth(depth)
    root = resolve(store, key_or_name)
    tree = _walk_down(store, root.key, min(depth, MAX_DEPTH))
    incoming = loader.run(store, "doc_edges_in_one", {"key": root.key}, limit=None)
    citing = sorted({r["src"] for r in incoming if r["rel"] in CITING_RELS} - set(tree) - {root.key})
    docs = fetch_docs(store, [*tree, *citing])
    nodes = [TraceNode(doc=root, parent=None, depth=0, level=root.level)]
    order = sorted(tree, key=lambda k: (tree[k][1], docs[k].date if k in docs and docs[k].date else "9999", k))
    for key in order:
        doc = docs.get(key)
        if doc is None:
            continue
        parent, d, _ev, rel = tree[key]
        parent_doc = docs.get(parent, root if parent == root.key else None)
        nodes.append(
            TraceNode(
                doc=doc,
                parent=parent,
                depth=d,
                level=doc.level,
                days_from_parent=days_between(parent_doc.date if parent_doc else None, doc.date),
                days_from_root=days_between(root.date, doc.date),
                relation=rel,
            )
        )
    return TraceResult(
        root=root,
        nodes=nodes,
        median_delay_by_level=_medians(nodes[1:]),
        citing_only=[docs[k] for k in citing if k in docs],
    )


def _medians(nodes: list[TraceNode]) -> dict[str, float | None]:
    """Median delay from the parent, per level of the implementing document."""
    by_level: dict[str, list[int]] = {}
    present: list[str] = []
    for n in nodes:
        lvl = n.level or "unknown"
        if lvl not in present:
            present.append(lvl)
        if n.days_from_parent is not None:
            by_level.setdefault(lvl, []).append(n.days_from_parent)
    rank = {lvl: i for i, lvl in enumerate(LEVELS)}
    present.sort(key=lambda lvl: rank.get(lvl, len(LEVELS)))
    return {lvl: (float(median(by_level[lvl])) if by_level.get(lvl) else None) for lvl in present}


def tree_docs(result: TraceResult) -> list[DocRef]:
    """Every document of a trace (root first), for callers drawing it."""
    return [n.doc for n in result.nodes]
