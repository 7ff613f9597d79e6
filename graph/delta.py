"""GraphDelta: the nodes and edges one source file contributes.

A delta is keyed by its source, so applying it twice changes nothing and
replacing a source removes exactly what it added before.  Node properties are
never written directly: each source adds a *claim* (its view of the node's
properties) and the node's visible properties are merged from all claims, the
document's own text winning over what citations say.  Removing a source
removes its claims and re-merges, so no stale value survives.
"""

from __future__ import annotations

import base64
import json
import zlib
from collections.abc import Mapping
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


#: Prefix of a packed delta (:meth:`GraphDelta.pack`); a plain one starts with "{".
PACKED = "z64:"
#: Prefix of the deltas packed before: base85 (pure Python before 3.13, 0.25 ms a document: an eighth
#: of a bulk load's extraction workers), still read.
PACKED_85 = "z85:"


@dataclass(frozen=True, slots=True)
class GraphDelta:
    source_id: str  # stable id of the file (its path relative to the ingest root)
    path: str
    hash: str  # sha256 of the file's bytes
    doc_key: str  # key of the document the file is
    nodes: tuple[NodeClaim, ...] = ()
    edges: tuple[EdgeRow, ...] = ()
    warnings: tuple[str, ...] = field(default=(), compare=False)
    #: (alias key, key) pairs the text proves name one instrument (graph.identity)
    aliases: tuple[tuple[str, str], ...] = ()

    def to_json(self) -> str:
        return json.dumps(
            {
                "source_id": self.source_id,
                "path": self.path,
                "hash": self.hash,
                "doc_key": self.doc_key,
                "nodes": [[n.table, n.key, dict(n.props), n.own] for n in self.nodes],
                "edges": [[e.rel, e.src, e.dst, dict(e.props)] for e in self.edges],
                **({"aliases": [list(p) for p in self.aliases]} if self.aliases else {}),
            },
            ensure_ascii=False,
            sort_keys=True,
        )

    def pack(self) -> str:
        """The form kept on the Source node: the JSON, zlib-compressed, base64.

        The JSON repeats every edge's evidence sentence; kept plain it was half
        of the database (4.9 KB of text per document) and so of what each
        checkpoint rewrites.  :meth:`unpack` also reads plain JSON (databases
        written before).
        """
        return PACKED + base64.b64encode(zlib.compress(self.to_json().encode("utf-8"), 6)).decode("ascii")

    @staticmethod
    def unpack(text: str) -> GraphDelta:
        if text.startswith(PACKED):
            text = zlib.decompress(base64.b64decode(text[len(PACKED) :], validate=True)).decode("utf-8")
        elif text.startswith(PACKED_85):
            text = zlib.decompress(base64.b85decode(text[len(PACKED_85) :])).decode("utf-8")
        return GraphDelta.from_json(text)

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
            aliases=tuple((a, b) for a, b in d.get("aliases") or ()),
        )


def merge_claims(claims: Mapping[str, Mapping[str, Any]]) -> tuple[dict[str, Any], dict[str, list[Any]]]:
    """Merge per-source claims into node properties and a conflict report.

    ``claims`` maps source id → {"own": bool, "props": {...}, "path": str}.
    Used for organisations (one registry claim each); documents keep their
    claims aggregated in a :class:`DocClaims`, which merges the same way.
    """
    agg = DocClaims()
    for sid in sorted(claims):
        c = claims[sid]
        agg.add(sid, bool(c.get("own")), c.get("props") or {}, c.get("path"))
    return agg.merge()


def _j(v: Any) -> str:
    return json.dumps(v, sort_keys=True, ensure_ascii=False)


#: Citing files listed in a document's ``sources`` (besides the files of its own text).
CITING_SOURCES_SHOWN = 20


@dataclass
class DocClaims:
    """What all sources say about one document, in a size that does not grow with the citers.

    A national instrument is cited by a large share of a corpus; keeping one
    claim per citing file made its bookkeeping, and the cost of every batch
    that touches it, grow with the store.  Here the sources whose own text
    *is* the document keep their claims whole (``own``); the citing ones are
    reduced to votes: for each property, how many sources give each value.
    A source's removal subtracts the votes of its stored delta, so the result
    is the same as if it had never been applied.

    Merging: a property takes the value of the document's own text when there
    is one, otherwise the value most citing sources give (ties: the smaller
    value in JSON order, so the result does not depend on ingest order).
    """

    own: dict[str, dict[str, Any]] = field(default_factory=dict)  # source id → {"props", "path"}
    cited: int = 0  # citing sources
    votes: dict[str, dict[str, int]] = field(default_factory=dict)  # property → JSON value → sources
    paths: list[str] = field(default_factory=list)  # up to CITING_SOURCES_SHOWN citing files, sorted
    short: bool = False  # a listed citing file was removed while more citers remain: refill from the store

    @staticmethod
    def load(text: str | None) -> DocClaims:
        """From the ``claims`` column: this form, or the older one claim per source."""
        if not text:
            return DocClaims()
        d = json.loads(text)
        if not isinstance(d, dict):
            raise ValueError("claims is not a JSON object")
        if d.get("v") == 2:
            return DocClaims(d.get("own") or {}, int(d.get("cited") or 0), d.get("votes") or {}, list(d.get("paths") or []))
        agg = DocClaims()
        for sid in sorted(d):
            c = d[sid]
            agg.add(sid, bool(c.get("own")), c.get("props") or {}, c.get("path"))
        return agg

    def cited_issuers(self) -> dict[str, str | None]:
        """Organisation id → raw name of the ``@cited`` ISSUED_BY edges these claims call for.

        A document's own text states its issuer with its own edge; each other
        issuer the citing sources name gives one edge, so a disagreement stays
        visible without an edge per citing file.  The raw name is the one most
        citing sources write (ties: JSON order), a function of the votes only.
        """
        own_ids = {o["props"].get("issuer_id") for o in self.own.values()}
        names = self.votes.get("issuer", {})
        raw = json.loads(max(names, key=lambda j: (names[j], j))) if names else None
        return {org: raw for j in self.votes.get("issuer_id", {}) if (org := json.loads(j)) and org not in own_ids}

    def to_json(self) -> str:
        return _j({"v": 2, "own": self.own, "cited": self.cited, "votes": self.votes, "paths": self.paths})

    def __bool__(self) -> bool:
        return bool(self.own) or self.cited > 0

    def add(self, sid: str, own: bool, props: Mapping[str, Any], path: str | None) -> None:
        if own:
            self.own[sid] = {"props": dict(props), "path": path}
            return
        self.cited += 1
        for name, v in props.items():
            if name in COMPUTED_PROPS or v is None:
                continue
            box = self.votes.setdefault(name, {})
            j = _j(v)
            box[j] = box.get(j, 0) + 1
        if path and path not in self.paths:
            self.paths = sorted([*self.paths, path])[:CITING_SOURCES_SHOWN]

    def remove(self, sid: str, own: bool, props: Mapping[str, Any], path: str | None) -> None:
        """Undo :meth:`add` with the same arguments."""
        if own:
            self.own.pop(sid, None)
            return
        self.cited = max(0, self.cited - 1)
        for name, v in props.items():
            box = self.votes.get(name)
            if box is None or v is None:
                continue
            j = _j(v)
            if box.get(j, 0) <= 1:
                box.pop(j, None)
            else:
                box[j] -= 1
            if not box:
                del self.votes[name]
        if path in self.paths:
            self.paths.remove(path)
            self.short = self.cited > len(self.paths)

    def merge(self) -> tuple[dict[str, Any], dict[str, list[Any]]]:
        """The node's properties and the properties its sources disagree on."""
        props: dict[str, Any] = {}
        conflicts: dict[str, list[Any]] = {}
        owners = [self.own[s]["props"] for s in sorted(self.own)]
        names = set(self.votes).union(*owners) - set(COMPUTED_PROPS)
        for name in sorted(names):
            own_vals = [o[name] for o in owners if o.get(name) is not None]
            ranked = sorted(self.votes.get(name, {}).items(), key=lambda kv: (-kv[1], kv[0]))
            cited_vals = [json.loads(j) for j, _n in ranked]
            if not own_vals and not cited_vals:
                continue
            props[name] = own_vals[0] if own_vals else cited_vals[0]
            if name in CONFLICT_PROPS:
                distinct: list[Any] = []
                for v in (*own_vals, *cited_vals):
                    if v not in distinct:
                        distinct.append(v)
                if len(distinct) > 1:
                    conflicts[name] = distinct
        props["ingested"] = bool(self.own)
        own_paths = sorted({o["path"] for o in self.own.values() if o.get("path")})
        props["sources"] = own_paths + [p for p in self.paths if p not in own_paths]
        return props, conflicts
