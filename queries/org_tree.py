"""The organization tree (PART_OF: office → commune → province), read whole and walked in memory.

It has the registry's size (3,321 communes, 34 provinces, their offices)
whatever the number of documents: at a million documents reading all of
it once cost 57 ms, while walking it in the store cost 12 ms per question
(``org_ancestors.cypher``), several times per ``gaps``.  Kept per store
version (:mod:`luocdo.queries.derived`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from luocdo.graph.store import Store
from luocdo.queries import loader
from luocdo.queries.derived import derived

#: PART_OF steps walked, as the ``*..3`` of the Cypher queries.
DEPTH = 3


@dataclass(frozen=True)
class OrgTree:
    parents: dict[str, tuple[str, ...]]
    children: dict[str, tuple[str, ...]]

    @staticmethod
    def build(edges: Iterable[tuple[str, str]]) -> OrgTree:
        up: dict[str, set[str]] = {}
        down: dict[str, set[str]] = {}
        for a, b in edges:
            if a != b:
                up.setdefault(a, set()).add(b)
                down.setdefault(b, set()).add(a)
        return OrgTree({k: tuple(sorted(v)) for k, v in up.items()}, {k: tuple(sorted(v)) for k, v in down.items()})

    @staticmethod
    def _walk(start: str, step: dict[str, tuple[str, ...]], depth: int) -> set[str]:
        seen = {start}
        frontier = [start]
        for _ in range(depth):
            frontier = [n for o in frontier for n in step.get(o, ()) if n not in seen]
            seen.update(frontier)
            if not frontier:
                break
        return seen

    def ancestors(self, org: str, depth: int = DEPTH) -> set[str]:
        """The units ``org`` belongs to, up to ``depth`` steps (itself not included)."""
        return self._walk(org, self.parents, depth) - {org}

    def members(self, unit: str, depth: int = DEPTH) -> set[str]:
        """``unit`` and the organizations part of it, up to ``depth`` steps."""
        return self._walk(unit, self.children, depth)


def org_tree(store: Store) -> OrgTree | None:
    """The tree of ``store``, or None for a store without versions (ask it with Cypher instead)."""
    return derived(
        store, "org_tree", lambda: OrgTree.build((r["src"], r["dst"]) for r in loader.run(store, "part_of_all", {}, limit=None))
    )
