"""The viewer's Cypher page: the saved questions (:mod:`luocdo.queries.saved`)
as one-click examples, an editor, and results as a table and as a graph,
read-only through ``POST /cypher``.  One self-contained page, like the graph
viewer (vis-network in-lined).

The graph is drawn from the nodes and relationships an answer returns
(:func:`answer_graph`, mirrored by ``graphOf`` in ``assets/cypher.js``).  The
stores give a relationship without its ends, so within a row a relationship
joins the node returned just before it to the node returned just after it:
``RETURN a, r, b`` for ``(a)-[r]->(b)``; a path (``{nodes, rels}``) joins its nodes in turn.
"""

from __future__ import annotations

import re
from dataclasses import asdict
from functools import cache
from typing import Any

from luocdo.i18n import messages
from luocdo.queries.saved import SAVED
from luocdo.viz.page import RELATIONS, _asset, embed_json

_SLOT = re.compile(r"\{\{([A-Z_]+)\}\}")

__all__ = ["answer_graph", "cypher_page"]


def node_id(v: Any) -> str | None:
    """A returned value's node id: a document's key or an organization's id; None for anything else."""
    if not isinstance(v, dict) or "_type" in v:
        return None
    key = v.get("key") if isinstance(v.get("key"), str) else None
    oid = v.get("id") if isinstance(v.get("id"), str) else None
    return key or oid


def answer_graph(rows: list[list[Any]]) -> tuple[dict[str, dict[str, Any]], list[tuple[str, str, str]]]:
    """The nodes (id → the node's map) and edges (source, relationship type, target) of an answer."""
    nodes: dict[str, dict[str, Any]] = {}
    edges: list[tuple[str, str, str]] = []
    seen: set[tuple[str, str, str]] = set()

    def edge(a: str | None, rel: Any, b: str | None) -> None:
        if a and b and isinstance(rel, dict) and isinstance(rel.get("_type"), str):
            e = (a, rel["_type"], b)
            if e not in seen:
                seen.add(e)
                edges.append(e)

    for row in rows:
        items: list[Any] = []
        for v in row:  # a path's nodes and relationships in turn, in place of the path
            rels = v.get("rels", v.get("relationships")) if isinstance(v, dict) else None
            if isinstance(v, dict) and isinstance(v.get("nodes"), list) and isinstance(rels, list):
                ns, rs = v["nodes"], rels
                for i, n in enumerate(ns):
                    items.append(n)
                    if i < len(rs):
                        items.append(rs[i])
            else:
                items.append(v)
        for v in items:
            nid = node_id(v)
            if nid is not None:
                nodes.setdefault(nid, v)
        for i, v in enumerate(items):
            if isinstance(v, dict) and "_type" in v:
                before = next((node_id(x) for x in reversed(items[:i]) if node_id(x)), None)
                after = next((node_id(x) for x in items[i + 1:] if node_id(x)), None)
                edge(before, v, after)
    return nodes, edges


@cache
def cypher_page() -> str:
    data = {"saved": [asdict(q) for q in SAVED], "i18n": {"vi": messages("vi")}, "relations": RELATIONS}
    slots = {"DATA": embed_json(data), "PAGE_JS": _asset("cypher.js"), "VIS_JS": _asset("vis-network.min.js"),
             "VIS_CSS": _asset("vis-network.css")}
    return _SLOT.sub(lambda m: slots[m.group(1)], _asset("cypher.html"))
