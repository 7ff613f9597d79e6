"""Upward query: what X rests on (BASED_ON) and implements (IMPLEMENTS), and
what those rest on, up to the central documents."""

from __future__ import annotations

from collections import deque
from typing import Any

from luocdo.graph.store import Store
from luocdo.queries import loader
from luocdo.queries.common import check_depth, evidence, evidence_order, fetch_docs
from luocdo.queries.models import BasisResult, BasisRow, Evidence
from luocdo.queries.resolve import resolve

_REL_ORDER = {"IMPLEMENTS": 0, "BASED_ON": 1}


def basis(store: Store, key_or_name: str, depth: int = 10) -> BasisResult:
    """Every document above X through IMPLEMENTS / BASED_ON, with the shortest chain to it."""
    check_depth(depth)
    doc = resolve(store, key_or_name)
    rows = loader.run(store, "basis_edges", {"key": doc.key}, limit=None)
    up: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        up.setdefault(r["src"], []).append(r)
    for lst in up.values():
        lst.sort(key=lambda r: (_REL_ORDER.get(r["rel"], 9), r["dst"], *evidence_order(r)))
    found: dict[str, tuple[str, str, int, Evidence | None]] = {}  # key → (parent, rel, depth, ev)
    queue = deque([(doc.key, 0)])
    seen = {doc.key}
    while queue:
        key, d = queue.popleft()
        if d >= depth:
            continue
        for r in up.get(key, ()):
            k = r["dst"]
            if k in seen:
                continue
            seen.add(k)
            found[k] = (key, r["rel"], d + 1, evidence(r))
            queue.append((k, d + 1))
    docs = fetch_docs(store, found)
    out: list[BasisRow] = []
    for key, (_parent, rel, d, ev) in found.items():
        if key not in docs:
            continue
        chain = [key]
        while chain[-1] != doc.key:
            chain.append(found[chain[-1]][0])
        out.append(BasisRow(doc=docs[key], relation=rel, depth=d, chain=list(reversed(chain)), evidence=ev))
    out.sort(key=lambda r: (r.depth, _REL_ORDER.get(r.relation, 9), r.doc.date or "", r.doc.key))
    return BasisResult(doc=doc, rows=out)
