"""GraphDelta: the nodes and edges one source file contributes.

A delta is keyed by its source, so applying it twice changes nothing and
replacing a source removes exactly what it added before.  Node properties are
never written directly: each source adds a *claim* (its view of the node's
properties) and the node's visible properties are merged from all claims, the
document's own text winning over what citations say.  Removing a source
removes its claims and re-merges, so no stale value survives.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

#: Properties whose disagreement between sources is worth flagging.
CONFLICT_PROPS = ("date", "type", "issuer", "year")

#: Properties that are not merged from claims but computed by the store.
COMPUTED_PROPS = ("ingested", "sources", "conflicts", "claims", "key", "id")


@dataclass(frozen=True, slots=True)
class NodeClaim:
    """One source's view of a node."""

    table: str  # "Document" | "Organization"
    key: str
    props: tuple[tuple[str, Any], ...]
    own: bool = False  # the node is the document this source's text *is*

    @staticmethod
    def of(table: str, key: str, props: Mapping[str, Any], own: bool = False) -> NodeClaim:
        return NodeClaim(table, key, tuple(sorted((k, v) for k, v in props.items() if v is not None)), own)

    @property
    def values(self) -> dict[str, Any]:
        return dict(self.props)


@dataclass(frozen=True, slots=True)
class EdgeRow:
    """An edge with its evidence; ``origin`` is filled in from the delta's source."""

    rel: str
    src: str
    dst: str
    props: tuple[tuple[str, Any], ...] = ()

    @staticmethod
    def of(rel: str, src: str, dst: str, props: Mapping[str, Any] | None = None) -> EdgeRow:
        items = tuple(sorted((k, v) for k, v in (props or {}).items() if v is not None))
        return EdgeRow(rel, src, dst, items)

    @property
    def values(self) -> dict[str, Any]:
        return dict(self.props)


@dataclass(frozen=True, slots=True)
class GraphDelta:
    source_id: str  # stable id of the file (its path relative to the ingest root)
    path: str
    hash: str  # sha256 of the file's bytes
    doc_key: str  # key of the document the file is
    nodes: tuple[NodeClaim, ...] = ()
    edges: tuple[EdgeRow, ...] = ()
    warnings: tuple[str, ...] = field(default=(), compare=False)

    def to_json(self) -> str:
        return json.dumps(
            {
                "source_id": self.source_id,
                "path": self.path,
                "hash": self.hash,
                "doc_key": self.doc_key,
                "nodes": [[n.table, n.key, dict(n.props), n.own] for n in self.nodes],
                "edges": [[e.rel, e.src, e.dst, dict(e.props)] for e in self.edges],
            },
            ensure_ascii=False,
            sort_keys=True,
        )

    @staticmethod
    def from_json(text: str) -> GraphDelta:
        d = json.loads(text)
        return GraphDelta(
            d["source_id"],
            d["path"],
            d["hash"],
            d["doc_key"],
            tuple(NodeClaim.of(t, k, p, o) for t, k, p, o in d["nodes"]),
            tuple(EdgeRow.of(r, s, t, p) for r, s, t, p in d["edges"]),
        )


def merge_claims(claims: Mapping[str, Mapping[str, Any]]) -> tuple[dict[str, Any], dict[str, list[Any]]]:
    """Merge per-source claims into node properties and a conflict report.

    ``claims`` maps source id → {"own": bool, "props": {...}, "path": str}.
    A property takes the value from the node's own text when there is one,
    otherwise the value most sources agree on (ties: the first source in id
    order, so the result does not depend on ingest order).
    """
    props: dict[str, Any] = {}
    conflicts: dict[str, list[Any]] = {}
    order = sorted(claims)
    names: set[str] = set()
    for sid in order:
        names.update(claims[sid].get("props", {}))
    for name in sorted(names):
        if name in COMPUTED_PROPS:
            continue
        own_vals = [claims[s]["props"][name] for s in order if claims[s].get("own") and name in claims[s]["props"]]
        all_vals = [claims[s]["props"][name] for s in order if name in claims[s]["props"]]
        if own_vals:
            value = own_vals[0]
        else:
            counts = Counter(json.dumps(v, sort_keys=True, ensure_ascii=False) for v in all_vals)
            best = max(counts.values())
            value = next(v for v in all_vals if counts[json.dumps(v, sort_keys=True, ensure_ascii=False)] == best)
        props[name] = value
        if name in CONFLICT_PROPS:
            distinct: list[Any] = []
            for v in all_vals:
                if v not in distinct:
                    distinct.append(v)
            if len(distinct) > 1:
                conflicts[name] = distinct
    props["ingested"] = any(c.get("own") for c in claims.values())
    props["sources"] = sorted({c["path"] for c in claims.values() if c.get("path")})
    return props, conflicts


def claims_for(delta: GraphDelta) -> Iterable[tuple[NodeClaim, dict[str, Any]]]:
    """Each node claim of a delta in the form stored under the node's ``claims``."""
    for n in delta.nodes:
        yield n, {"own": n.own, "props": dict(n.props), "path": delta.path}
