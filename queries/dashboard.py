"""What the service's first page shows: the directives with the most units
expected to act on them, each with its coverage, and the latest documents.

Coverage is :func:`luocdo.queries.gaps.gaps` with its default scope, so the
dashboard, the gaps table and ``luocdo gaps`` count the same plans.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from luocdo.graph.store import Store
from luocdo.queries import loader
from luocdo.queries.common import fetch_docs
from luocdo.queries.errors import QueryError
from luocdo.queries.gaps import gaps
from luocdo.queries.models import DocRef

#: Documents acted on most that are looked at (their gaps computed) for the top list.
CANDIDATES = 12


class Coverage(BaseModel):
    model_config = ConfigDict(frozen=True)

    doc: DocRef
    scope: str
    expected: int
    has_plan: int
    possible: int
    reported_only: int
    no_plan: int
    acted_on_by: int  # documents implementing, resting on or reporting on it


class Dashboard(BaseModel):
    model_config = ConfigDict(frozen=True)

    directives: list[Coverage]
    latest: list[DocRef]
    stats: dict[str, int]


def dashboard(store: Store, top: int = 6, latest: int = 10) -> Dashboard:
    """The directives with the most expected units (with coverage), the latest documents, the counts."""
    rows = loader.run(store, "dashboard_directives", {"limit": max(top, CANDIDATES)}, limit=None)
    out: list[Coverage] = []
    for r in rows:
        try:
            g = gaps(store, r["key"])
        except QueryError:  # no scope can be worked out for it (no province, no recipients)
            continue
        c = g.counts
        out.append(Coverage(
            doc=g.target, scope=g.scope, expected=c.get("total", 0), has_plan=c.get("has_plan", 0),
            possible=c.get("possible", 0), reported_only=c.get("reported_only", 0),
            no_plan=c.get("no_plan", 0), acted_on_by=int(r["n"]),
        ))
    out.sort(key=lambda d: (-d.expected, -d.acted_on_by, d.doc.key))
    recent = loader.run(store, "dashboard_latest", {"limit": latest}, limit=None)
    docs = fetch_docs(store, [r["key"] for r in recent])
    return Dashboard(
        directives=out[:top],
        latest=[docs[r["key"]] for r in recent if r["key"] in docs],
        stats=store.stats(),
    )
