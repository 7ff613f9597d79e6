"""The identity part of a Cypher store: which keys name one instrument (:mod:`luocdo.graph.identity`).

Groups of keys are kept as ``Identity`` nodes; each apply counts what its
deltas say and settles the groups it touched, and the files naming a key
whose node moved are written again under the new key.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from contextlib import AbstractContextManager, nullcontext
from typing import Any

from luocdo.core import keys as K
from luocdo.graph import identity
from luocdo.graph.cypher_rows import CITED_SOURCE, IDENTITY_MARKER, REGISTRY_SOURCE
from luocdo.graph.cypher_rows import chunks as _chunks
from luocdo.graph.delta import GraphDelta
from luocdo.graph.store import StoreError


class IdentityWrites:
    """Identity groups read, counted and written in the store's transaction (a part of
    :class:`~luocdo.graph.cypher_store.CypherStore`, which gives the statement runner)."""

    _run: Any
    _d: Any
    _sources: Any
    _stored_delta: Any
    _swap: Any
    _fetch_doc_claims: Any
    _write_known: Any
    _check_writable: Any
    _write_lock: Any
    _transaction: Any

    def _identity_backfill(self) -> None:
        """A store written before identity groups were kept: count every stored delta once.

        Its nodes are under the keys each file gave; the files that name a key
        now merged into another node are written again under that node's key.
        Done once per store (a marker group records it), in the caller's transaction.
        """
        if getattr(self, "_identity_known", False):
            return
        if self._run("MATCH (i:Identity {grp: $g}) RETURN i.grp AS g", {"g": IDENTITY_MARKER}):
            self._identity_known = True
            return
        ids = sorted(r["id"] for r in self._run("MATCH (s:Source) RETURN s.id AS id"))
        groups: dict[str, identity.Group] = {}
        for chunk in _chunks(ids, 500):
            identity.add_counts(groups, identity.counted(self._stored_delta(sid, text) for sid, (_h, text) in self._sources(chunk).items()))
        self._keep_groups(groups, lambda _moved: ids)

    def adopt_identity(self, groups: dict[str, identity.Group], naming: Mapping[str, Iterable[str]],
                       part_done: Callable[[], None] | None = None) -> dict[str, str]:
        """A bulk load's counted groups: settled and kept, the files naming a key that moved written again.

        With ``part_done`` (a checkpoint), each part of the files is its own transaction followed by it:
        at a million documents the files naming a merged key are too many for one transaction to hold
        in the page cache.  The marker is written last, so a load stopped midway is settled again."""
        self._check_writable()
        if part_done is None:
            with self._write_lock, self._transaction():
                return self._keep_groups(groups, lambda moved: sorted({s for k in moved for s in naming.get(k, ())}))
        with self._write_lock:
            return self._keep_groups(groups, lambda moved: sorted({s for k in moved for s in naming.get(k, ())}),
                                     part=self._transaction, part_done=part_done)

    def _keep_groups(self, groups: dict[str, identity.Group], files: Callable[[dict[str, str]], list[str]],
                     part: Callable[[], AbstractContextManager[None]] = nullcontext,
                     part_done: Callable[[], None] = lambda: None) -> dict[str, str]:
        """Settle counted groups, write again the files (stored under the keys each gave) that name a
        key now merged into another node (among ``files(moved)``), store the groups and the marker."""
        identity.settle(groups)
        moved = {k: c for g in groups.values() for k, c in g.canonical.items() if k != c}
        after = {k: c for g in groups.values() for k, c in g.canonical.items()}
        if moved:
            for chunk in _chunks(files(moved), 500):
                with part():
                    redo = [self._stored_delta(sid, text) for sid, (_h, text) in sorted(self._sources(chunk).items())]
                    redo = [d for d in redo if any(k in moved for k in identity.contributions(d)[0])]
                    if redo:
                        self._swap(redo, [identity.remap(d, after) for d in redo])
                part_done()
        with part():
            self._write_groups(groups)
        part_done()
        self._identity_known = True
        return moved

    def _write_groups(self, groups: dict[str, identity.Group]) -> None:
        rows = [{"k": g.grp, "f0": g.to_json()} for g in groups.values() if g]
        rows.append({"k": IDENTITY_MARKER, "f0": "{}"})
        existing = set(self._groups_existing([r["k"] for r in rows]))
        self._write_known("Identity", None, rows, existing)

    def _groups(self, names: Iterable[str], found: set[str] | None = None) -> dict[str, identity.Group]:
        """The stored groups of these names (new empty ones for the others); ``found`` gets the stored ones."""
        names = sorted(set(names))
        out: dict[str, identity.Group] = {}
        for chunk in _chunks(names):
            for r in self._run(
                "UNWIND $keys AS k MATCH (n:Identity {grp: k}) RETURN n.grp AS k, n.state AS c", {"keys": chunk}
            ):
                if found is not None:
                    found.add(r["k"])
                try:
                    out[r["k"]] = identity.Group.load(r["k"], r["c"])
                except (ValueError, TypeError, AttributeError) as e:
                    raise StoreError(f"Identity {r['k']}: state is not readable JSON ({e})") from e
        for g in names:
            out.setdefault(g, identity.Group(g))
        return out

    def _settle(
        self, old: list[GraphDelta], new: list[GraphDelta]
    ) -> tuple[dict[str, str], dict[str, str], list[GraphDelta]]:
        """Count what the deltas say about identities and settle the groups they touch.

        Returns the key of every named document's node before and after, and the
        stored deltas of other sources that name a key whose node changed (to be
        written again under the new key: the merge, or the split when the proof left).
        """
        touched: set[str] = set()
        for d in (*old, *new):
            names, _links = identity.contributions(d)
            touched.update(K.ident_group(k) for k in names)  # type: ignore[misc]
        if not touched:
            return {}, {}, []
        stored: set[str] = set()  # the groups read from the store: written back with MATCH, not CREATE
        groups = self._groups(touched, stored)
        while True:  # links reach other groups (a name and a number): load the whole component
            more = identity.linked_groups(groups.values()) - set(groups)
            if not more:
                break
            groups.update(self._groups(more, stored))
        before = {k: c for g in groups.values() for k, c in g.canonical.items()}
        for d in old:
            identity.count(groups, d, -1)
        for d in new:
            identity.count(groups, d, +1)
        while True:
            more = identity.linked_groups(groups.values()) - set(groups)
            if not more:
                break
            groups.update(self._groups(more, stored))
            before.update({k: c for grp in more for k, c in groups[grp].canonical.items()})
        identity.settle(groups)
        after = {k: c for g in groups.values() for k, c in g.canonical.items()}
        # sources outside this batch that name a key whose node moves
        batch = {d.source_id for d in (*old, *new)}
        moved = sorted(k for k, c in before.items() if after.get(k, k) != c)
        extra = self._sources_naming(moved, before, batch)
        # their other keys keep the node they have (read, not recounted)
        rest = {k for d in extra for k in identity.contributions(d)[0]} - set(before) - set(after)
        if rest:
            for g in self._groups({K.ident_group(k) for k in rest}).values():  # type: ignore[misc]
                for k, c in g.canonical.items():
                    before.setdefault(k, c)
                    after.setdefault(k, c)
        for k in {*before, *after}:
            before.setdefault(k, k)
            after.setdefault(k, k)
        live = [g for g in groups.values() if g]
        dead = [g.grp for g in groups.values() if not g]
        for chunk in _chunks(dead):
            self._run("UNWIND $keys AS k MATCH (n:Identity {grp: k}) DELETE n", {"keys": chunk})
        if live:
            existing = {g.grp for g in live} & stored
            rows = [{"k": g.grp, "f0": g.to_json()} for g in live]
            self._write_known("Identity", None, rows, existing)
        return before, after, extra

    def _groups_existing(self, grps: list[str]) -> list[str]:
        out: list[str] = []
        for chunk in _chunks(grps):
            out += [r["k"] for r in self._run("UNWIND $keys AS k MATCH (n:Identity {grp: k}) RETURN n.grp AS k", {"keys": chunk})]
        return out

    def _sources_naming(self, keys: list[str], node_of: dict[str, str], skip: set[str]) -> list[GraphDelta]:
        """Stored deltas of sources (not in ``skip``) whose text names one of ``keys``."""
        if not keys:
            return []
        wanted = set(keys)
        ids: set[str] = set()
        nodes = sorted({node_of.get(k, k) for k in keys})
        for key in nodes:
            ids.update(r["o"] for r in self._run(self._d.edge_origins(), {"k": key}) if r["o"])
        for c in self._fetch_doc_claims(nodes, set()).values():
            ids.update(c.own)
        ids -= skip
        ids -= {REGISTRY_SOURCE, CITED_SOURCE}
        out: list[GraphDelta] = []
        for sid, (_h, text) in sorted(self._sources(sorted(ids)).items()):
            d = self._stored_delta(sid, text)
            if wanted & identity.contributions(d)[0]:
                out.append(d)
        return out
