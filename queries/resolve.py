"""Name resolution: what people type → the canonical key of one document.

The text is parsed into constraints (:func:`~luocdo.queries.names.parse_name`:
number, type, symbol, year, date, place/issuer words), the documents with that
number are fetched (``docs_by_number.cypher``) and each is checked against
every constraint (:func:`~luocdo.queries.names.fit_score`).
A document that contradicts one is out; among the rest, the ones that match
the most constraints win.  When several win equally, :class:`Ambiguous`
lists them: numbers restart every year for every issuer, so guessing would
silently answer about the wrong plan.
"""

from __future__ import annotations

from typing import Any

from luocdo.core.fold import squash
from luocdo.core.keys import from_url_key
from luocdo.graph.store import Store
from luocdo.queries import loader
from luocdo.queries.common import doc_ref, fetch_docs
from luocdo.queries.errors import Ambiguous, NotFound, QueryError
from luocdo.queries.models import DocRef
from luocdo.queries.name_columns import NameColumns, fit_scores
from luocdo.queries.names import (
    NameQuery,
    doc_order,
    fit_score,
    number_variants,
    parse_name,
    scope_words,
)

__all__ = [
    "NameColumns",
    "NameQuery",
    "candidates",
    "doc_order",
    "fit_score",
    "fit_scores",
    "number_candidates",
    "parse_name",
    "resolve",
    "resolve_key",
    "scope_words",
]


def number_candidates(store: Store, q: NameQuery) -> list[DocRef]:
    """Documents with the number ``q`` names ("7" finds "07")."""
    if q.number is None:
        return []
    rows = loader.run(
        store, "docs_by_number", {"numbers": number_variants(q.number)}, limit=100_000
    )
    return [doc_ref(r) for r in rows]


def _scored(store: Store, q: NameQuery) -> tuple[list[tuple[int, DocRef]], list[DocRef]]:
    """(fitting documents with scores, same-number documents that do not fit)."""
    docs = number_candidates(store, q)
    fits, near = [], []
    for d in docs:
        s = fit_score(q, d)
        if s is None:
            near.append(d)
        else:
            fits.append((s, d))
    fits.sort(key=lambda sd: (-sd[0], doc_order(sd[1])))
    near.sort(key=doc_order)
    return fits, near


def resolve_key(store: Store, key: str) -> DocRef | None:
    """The document with exactly this key (or its URL form), if any."""
    for k in dict.fromkeys((key, from_url_key(key))):
        found = fetch_docs(store, [k])
        if k in found:
            return found[k]
    for k in dict.fromkeys((key, from_url_key(key))):
        node = node_of_alias(store, k)  # a key merged into another instrument's node
        if node is not None and node != k:
            found = fetch_docs(store, [node])
            if node in found:
                return found[node]
    return None


def identity_state(store: Store, key: str) -> dict[str, Any]:
    """What the store settled about the identity group of ``key`` (graph.identity), {} if none."""
    import json

    from luocdo.core.keys import ident_group
    from luocdo.graph.store import StoreError

    grp = ident_group(key)
    if grp is None:
        return {}
    try:
        rows = store.read("MATCH (i:Identity {grp: $g}) RETURN i.state AS s", {"g": grp}, limit=1)
    except StoreError:  # a store written before identity groups were kept
        return {}
    return json.loads(rows[0]["s"]) if rows and rows[0].get("s") else {}


def node_of_alias(store: Store, key: str) -> str | None:
    """The key of the node an alias key was merged into, if the store knows the alias."""
    return (identity_state(store, key).get("c") or {}).get(key)


def resolve(store: Store, name: str) -> DocRef:
    """The one document ``name`` designates; raises NotFound or Ambiguous."""
    name = (name or "").strip()
    if not name:
        raise NotFound(name, message="empty document name")
    exact = resolve_key(store, name)
    if exact is not None:
        return exact
    q = parse_name(name)
    if q.number is None:
        return _resolve_by_text(store, name)
    fits, near = _scored(store, q)
    if not fits:
        raise NotFound(name, near[:10])
    best = fits[0][0]
    top = [d for s, d in fits if s == best]
    if len(top) == 1:
        return top[0]
    raise Ambiguous(name, top)


def _resolve_by_text(store: Store, name: str) -> DocRef:
    """Names without a number (laws by name, titles): the search must single one out."""
    from luocdo.queries.search import search

    hits = [h for h in search(store, name, limit=10) if h.kind == "document" and h.doc is not None]
    if not hits:
        raise NotFound(name)
    want = squash(name)
    exact = [
        h.doc for h in hits if h.doc and want in {squash(h.doc.display), squash(h.doc.title or "")}
    ]
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        raise Ambiguous(name, exact)
    top = hits[0].score
    best = [h.doc for h in hits if h.doc and h.score == top]
    if top >= 90 and len(best) == 1 and (len(hits) == 1 or hits[1].score < top - 5):
        return best[0]
    raise NotFound(name, [h.doc for h in hits if h.doc])


def candidates(store: Store, name: str, limit: int = 10) -> list[DocRef]:
    """Documents ``name`` may designate, best first; [] when nothing fits.  Never raises."""
    try:
        name = (name or "").strip()
        if not name:
            return []
        exact = resolve_key(store, name)
        if exact is not None:
            return [exact]
        q = parse_name(name)
        if q.number is not None:
            fits, near = _scored(store, q)
            out = [d for _, d in fits] or near
            return out[: max(0, limit)]
        from luocdo.queries.search import search

        return [h.doc for h in search(store, name, limit=limit) if h.doc is not None][:limit]
    except QueryError:
        return []


def resolve_doc(store: Store, key_or_name: str) -> DocRef:
    """What every query does with its ``key_or_name`` argument."""
    return resolve(store, key_or_name)
