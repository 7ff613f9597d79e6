"""One node per real instrument: which keys name the same document.

A law is cited by number ("45/2013/QH13"), by name and year ("Luật Đất đai
năm 2013"), by name alone ("Luật Đất đai"); a central resolution with and
without its date ("57-NQ/TW@2024", "57-NQ/TW@?").  Each file's delta keeps
the keys its text gives (its *raw* keys) and the links its text proves
("Luật Đất đai số 45/2013/QH13": the name and the number are one law).  The
store keeps, per identity group (:func:`~luocdo.core.keys.ident_group`), how
many files name each raw key and each link, and settles here which raw keys
share a node and under which key.

:func:`settle` is a function of those counts only — not of the order files
came in — so ingesting in any order gives the same graph.  A key without a
year joins the one dated instrument of its group; when several fit, it stays
its own node, flagged with the candidates, never silently merged.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from luocdo.core import keys as K
from luocdo.graph.delta import EdgeRow, GraphDelta, NodeClaim

#: Properties a citation under another key may not vote for on the merged node:
#: they say how *that* alias is written, not what the instrument is.
ALIAS_ONLY_PROPS = ("number", "symbol", "display", "type", "kind")

#: Edge labels from strongest to weakest, for edges that fall together when keys merge.
_DOC_REL_STRENGTH = {"AMENDS": 5, "IMPLEMENTS": 4, "REPORTS_ON": 3, "BASED_ON": 2, "CITES": 1}


@dataclass
class Group:
    """Counts of one identity group: raw key → files naming it, and its links.

    ``canonical`` and ``candidates`` are what :func:`settle` decided when the
    group was last written (read back to know what the store holds now).
    """

    grp: str
    names: dict[str, int] = field(default_factory=dict)
    links: dict[str, dict[str, int]] = field(default_factory=dict)
    canonical: dict[str, str] = field(default_factory=dict)
    candidates: dict[str, list[str]] = field(default_factory=dict)

    @staticmethod
    def load(grp: str, text: str | None) -> Group:
        d = json.loads(text) if text else {}
        return Group(grp, dict(d.get("n") or {}), {k: dict(v) for k, v in (d.get("l") or {}).items()},
                     dict(d.get("c") or {}), {k: list(v) for k, v in (d.get("u") or {}).items()})

    def to_json(self) -> str:
        return json.dumps({"n": self.names, "l": self.links, "c": self.canonical, "u": self.candidates},
                          ensure_ascii=False, sort_keys=True)

    def __bool__(self) -> bool:
        return bool(self.names)


def contributions(d: GraphDelta) -> tuple[set[str], set[tuple[str, str]]]:
    """The mergeable raw keys a delta names and the links it states."""
    names = {k for k in _doc_keys(d) if K.ident_group(k)}
    links = {tuple(sorted(p)) for p in d.aliases if p[0] != p[1] and K.ident_group(p[0]) and K.ident_group(p[1])}
    for a, b in links:
        names.update((a, b))
    return names, links  # type: ignore[return-value]


def count(groups: dict[str, Group], d: GraphDelta, sign: int) -> None:
    """Add (sign=1) or take out (sign=-1) what one delta says; groups must be loaded."""
    names, links = contributions(d)
    for k in names:
        g = groups[K.ident_group(k)]  # type: ignore[index]
        n = g.names.get(k, 0) + sign
        if n > 0:
            g.names[k] = n
        else:
            g.names.pop(k, None)
    for a, b in links:
        for x, y in ((a, b), (b, a)):
            g = groups[K.ident_group(x)]  # type: ignore[index]
            box = g.links.setdefault(x, {})
            n = box.get(y, 0) + sign
            if n > 0:
                box[y] = n
            else:
                box.pop(y, None)
            if not box:
                g.links.pop(x, None)


def add_counts(into: dict[str, Group], part: Mapping[str, Group]) -> None:
    """Add the counts of ``part`` (groups counted elsewhere, e.g. by a bulk-load worker) to ``into``."""
    for grp, g in part.items():
        mine = into.setdefault(grp, Group(grp))
        for k, n in g.names.items():
            mine.names[k] = mine.names.get(k, 0) + n
        for x, box in g.links.items():
            have = mine.links.setdefault(x, {})
            for y, n in box.items():
                have[y] = have.get(y, 0) + n


def counted(deltas: Iterable[GraphDelta]) -> dict[str, Group]:
    """The groups these deltas name, counted from nothing."""
    groups: dict[str, Group] = {}
    for d in deltas:
        for k in contributions(d)[0]:
            g = K.ident_group(k)
            groups.setdefault(g, Group(g))  # type: ignore[arg-type]
        count(groups, d, +1)
    return groups


def may_move(key: str) -> bool:
    """Whether settling could put this raw key under another (a year-less or named key)."""
    return not _strong(key)


def linked_groups(groups: Iterable[Group]) -> set[str]:
    """Groups reached by a link from these (to load before settling)."""
    out: set[str] = set()
    for g in groups:
        for box in g.links.values():
            out.update(K.ident_group(y) for y in box)  # type: ignore[misc]
    return out


class _Sets:
    """Union-find over keys, remembering each set's numbered, dated keys."""

    def __init__(self, keys: Iterable[str]) -> None:
        self.up = {k: k for k in keys}
        self.strong = {k: ({k} if _strong(k) else set()) for k in self.up}

    def find(self, k: str) -> str:
        while self.up[k] != k:
            self.up[k] = self.up[self.up[k]]
            k = self.up[k]
        return k

    def union(self, a: str, b: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if self.strong[ra] and self.strong[rb]:
            return False  # two different numbered instruments: a link cannot make them one
        if rb < ra:
            ra, rb = rb, ra
        self.up[rb] = ra
        self.strong[ra] |= self.strong.pop(rb)
        return True


def _strong(key: str) -> bool:
    return not K.is_name_key(key) and K.key_year(key) is not None


def settle(groups: Mapping[str, Group]) -> None:
    """Decide ``canonical`` (and ``candidates`` of ambiguous keys) for every live key.

    1. Links (a text stating name and number together) join their keys, in
       sorted order; never two different numbered, dated instruments.
    2. A key without a year joins the one dated instrument of its group; with
       several it stays apart and lists them.
    3. Each set is named by its best key (:func:`~luocdo.core.keys.canonical_rank`).
    """
    live = sorted({k for g in groups.values() for k in g.names})
    sets = _Sets(live)
    pairs = sorted(
        {tuple(sorted((x, y))) for g in groups.values() for x, box in g.links.items() for y in box
         if x in sets.up and y in sets.up}
    )
    for a, b in pairs:
        sets.union(a, b)
    undecided: dict[str, list[str]] = {}
    for g in sorted(groups.values(), key=lambda g: g.grp):
        dated = sorted(k for k in g.names if K.key_year(k) is not None)
        for k in sorted(k for k in g.names if K.key_year(k) is None):
            if any(K.key_year(m) is not None for m in _members(sets, k, live)):
                continue  # already one with a dated key through a link
            roots = sorted({sets.find(m) for m in dated})
            if len(roots) == 1:
                sets.union(k, dated[0])
            elif len(roots) > 1:
                undecided[k] = roots
    members: dict[str, list[str]] = {}
    for k in live:
        members.setdefault(sets.find(k), []).append(k)
    best = {root: min(ms, key=K.canonical_rank) for root, ms in members.items()}
    for g in groups.values():
        g.canonical = {k: best[sets.find(k)] for k in g.names}
        g.candidates = {k: sorted({best[r] for r in roots}) for k, roots in undecided.items() if k in g.names}


def _members(sets: _Sets, key: str, live: list[str]) -> list[str]:
    root = sets.find(key)
    return [m for m in live if sets.find(m) == root]


# ---------------------------------------------------------------------------
# Writing a delta under the keys its instruments have now
# ---------------------------------------------------------------------------


def remap(d: GraphDelta, node_of: Mapping[str, str]) -> GraphDelta:
    """The delta with every document key replaced by its node's key.

    Claims that fall on one node merge (the document's own wins; a citation
    under another alias keeps only what the alias cannot misstate: date,
    year, title, issuer); edges that fall together keep the strongest
    relation; an edge from a node to itself is dropped.
    """
    def to(k: str) -> str:
        return node_of.get(k, k)

    if not any(to(k) != k for k in _doc_keys(d)):
        return d
    nodes: dict[tuple[str, str], NodeClaim] = {}
    for n in d.nodes:
        if n.table != "Document":
            nodes[(n.table, n.key)] = n
            continue
        key = to(n.key)
        props = n.values
        if key != n.key and not n.own:
            for p in ALIAS_ONLY_PROPS:
                props.pop(p, None)
        claim = NodeClaim.of("Document", key, props, n.own)
        prev = nodes.get(("Document", key))
        if prev is not None:
            claim = _merge_claims(prev, claim)
        nodes[("Document", key)] = claim
    best: dict[tuple[str, str, bool], EdgeRow] = {}
    others: list[EdgeRow] = []
    for e in d.edges:
        if e.rel in _DOC_REL_STRENGTH:
            s, t = to(e.src), to(e.dst)
            if s == t:
                continue
            slot = (s, t, bool(e.values.get("derived")))
            row = EdgeRow(e.rel, s, t, e.props)
            kept = best.get(slot)
            if kept is None or _DOC_REL_STRENGTH[e.rel] > _DOC_REL_STRENGTH[kept.rel]:
                best[slot] = row
        elif e.rel == "ISSUED_BY":
            others.append(EdgeRow(e.rel, to(e.src), e.dst, e.props))
        else:
            others.append(e)
    # a source that states both a document's own and a derived edge between the same two keeps both
    edges = tuple(dict.fromkeys([*others, *best.values()]))
    return GraphDelta(d.source_id, d.path, d.hash, to(d.doc_key), tuple(nodes.values()), edges, d.warnings, d.aliases)


def _doc_keys(d: GraphDelta) -> Iterable[str]:
    for n in d.nodes:
        if n.table == "Document":
            yield n.key
    for e in d.edges:
        yield e.src
        if e.rel in _DOC_REL_STRENGTH:
            yield e.dst


def _merge_claims(a: NodeClaim, b: NodeClaim) -> NodeClaim:
    """Two claims of one source on one node: the own one first, then the first value of each property."""
    first, second = (b, a) if b.own and not a.own else (a, b)
    props: dict[str, Any] = dict(second.values)
    props.update(first.values)
    return NodeClaim.of(first.table, first.key, props, a.own or b.own)
