"""Load the named Cypher queries in queries/cypher/ and run them on a store.

``<name>.cypher`` runs on both stores; ``<name>.<dialect>.cypher`` beside it,
when present, replaces it on that dialect (``ladybug`` is the Kùzu fork:
``label(r)`` for ``type(r)``).  Queries take ``$parameters`` only: nothing is
ever pasted into the text.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from luocdo.graph.store import Store
from luocdo.queries.errors import QueryError

CYPHER_DIR = Path(__file__).resolve().parent / "cypher"
DIALECTS = ("ladybug", "neo4j")


@cache
def load(name: str, dialect: str) -> str:
    """The text of query ``name`` for ``dialect`` (the variant if there is one)."""
    if dialect not in DIALECTS:
        raise QueryError(f"unknown store dialect {dialect!r}; expected one of {', '.join(DIALECTS)}")
    for path in (CYPHER_DIR / f"{name}.{dialect}.cypher", CYPHER_DIR / f"{name}.cypher"):
        if path.is_file():
            return _strip_comments(path.read_text(encoding="utf-8"))
    raise QueryError(f"no query named {name!r} in {CYPHER_DIR}", status=500)


def names() -> list[str]:
    """Every named query (without dialect suffixes)."""
    out = set()
    for p in CYPHER_DIR.glob("*.cypher"):
        stem = p.name[: -len(".cypher")]
        for d in DIALECTS:
            if stem.endswith("." + d):
                stem = stem[: -len(d) - 1]
        out.add(stem)
    return sorted(out)


def _strip_comments(text: str) -> str:
    """Drop whole-line ``//`` comments: the files explain themselves, the engines need not read it."""
    lines = [ln for ln in text.splitlines() if not ln.lstrip().startswith("//")]
    return "\n".join(lines).strip()


def run(store: Store, name: str, params: dict[str, Any] | None = None, **kw: Any) -> list[dict[str, Any]]:
    """Run the named query read-only on ``store``."""
    return store.read(load(name, store.dialect), params or {}, **kw)
