"""Search documents and organizations, without regard to diacritics, case or OCR damage.

Ranking: a document whose number (and type, symbol, year …) fits the query as
a name (see :mod:`luocdo.queries.resolve`) comes first, scored 90–100 by how
much of the name it meets — "nghi quyet 57" is a name as much as a phrase.
Everything else is ranked by how well each query word is found among the
document's words (rapidfuzz ``ratio`` per word, so "quyel" still finds
"quyết"; numbers must match exactly) blended with ``token_set_ratio`` and
``token_sort_ratio`` on the whole folded text.  Equal scores list documents
before organizations, then as name resolution lists documents (ingested,
dated and newest, key).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from rapidfuzz import fuzz, process

from luocdo.core.fold import squash
from luocdo.graph.fulltext import doc_text, kept
from luocdo.graph.store import Store
from luocdo.queries import loader
from luocdo.queries.common import SCAN_LIMIT, doc_ref, fetch_docs_and_orgs
from luocdo.queries.derived import one_version
from luocdo.queries.errors import BadParameter
from luocdo.queries.models import DocumentPage, SearchHit
from luocdo.queries.resolve import (
    NameColumns,
    doc_order,
    parse_name,
    scope_words,
)
from luocdo.queries.search_index import PREFILTER, WordIndex, document_index, index_for, prefilter  # noqa: F401  (PREFILTER: bench/queries.py)

#: Hits under this score are noise.
MIN_SCORE = 55.0
_WORD = re.compile(r"[a-z0-9]+")


def _words(text: str) -> list[str]:
    return _WORD.findall(squash(text))


def _coverage(qwords: list[str], words: set[str]) -> float:
    """Mean over query words of the best match among ``words`` (0–100)."""
    if not qwords:
        return 0.0
    total = 0.0
    for q in qwords:
        if q in words:
            total += 100
        elif q.isdigit() or not words:
            continue
        else:
            best = process.extractOne(q, words, scorer=fuzz.ratio)
            total += best[1] if best else 0
    return total / len(qwords)


def _score(query: str, qwords: list[str], text: str) -> float:
    words = set(_WORD.findall(text))
    # token_set_ratio rewards containing the query; token_sort_ratio prefers
    # the shorter text among those that contain it (Xã Sơn Mai before its offices)
    return round(
        0.7 * _coverage(qwords, words)
        + 0.2 * fuzz.token_set_ratio(query, text)
        + 0.1 * fuzz.token_sort_ratio(query, text),
        1,
    )


def _doc_text(row: dict[str, Any]) -> str:
    return doc_text(row)


def _org_text(row: dict[str, Any]) -> str:
    return " ".join(
        _WORD.findall(
            squash(f"{row.get('name') or ''} {row.get('kind') or ''} {row.get('search') or ''}")
        )
    )


def _prefilter(query: str, index: WordIndex, qwords: list[str]) -> list[int]:
    return prefilter(query, index, qwords)


def _load(
    store: Store, query: str, text_of: Callable[[dict[str, Any]], str], id_col: str
) -> tuple[list[str], list[str]]:
    rows = loader.run(store, query, {}, limit=SCAN_LIMIT)
    return [r[id_col] for r in rows], [text_of(r) for r in rows]


def _load_documents(store: Store) -> tuple[list[str], list[str], list[str], NameColumns]:
    """Keys, ranked texts, the place words a name may use (province, key scope), and the name columns."""
    rows = loader.run(store, "search_documents", {}, limit=SCAN_LIMIT)
    places: dict[tuple[str, str], str] = {}  # few distinct places: fold each once
    more = []
    for r in rows:
        at = (r.get("province") or "", scope_words(r["key"]))
        if at not in places:
            places[at] = squash(" ".join(at))
        more.append(places[at])
    return [r["key"] for r in rows], [_doc_text(r) for r in rows], more, NameColumns.build(rows)


def _rank(h: SearchHit) -> tuple:
    """Best first: score, documents before organizations, then as name resolution lists documents
    (ingested, dated and newest, key); organizations by name."""
    if h.doc is not None:
        return (-h.score, 0, not h.doc.ingested, *doc_order(h.doc))
    return (-h.score, 1, h.label, h.id)


def search(store: Store, text: str, limit: int = 20) -> list[SearchHit]:
    """Documents and organizations matching ``text``, best first."""
    if limit < 1:
        raise BadParameter(f"limit must be at least 1, got {limit}")
    query = " ".join(_words(text or ""))
    if not query:
        return []
    with one_version(store):  # the store's state read once (a round trip on a server), not per index
        return _search(store, text, query, limit)


def _search(store: Store, text: str, query: str, limit: int) -> list[SearchHit]:
    qwords = query.split()
    hits: list[SearchHit] = []

    docs = document_index(store, lambda: _load_documents(store))
    named, fits = docs.named(parse_name(text), limit)
    # a named document scores by its fit, even when its words match too; the others by their words
    scores = dict(named)
    worded = docs.worded(query, qwords)
    fitted = fits([k for k, _t in worded])
    for key, dtext in worded:
        if key not in fitted:
            scores[key] = _score(query, qwords, dtext)

    orgs = index_for(
        store, "organizations", lambda: kept(store, "organizations", lambda: _load(store, "search_organizations", _org_text, "id"))
    )
    org_scores = {oid: _score(query, qwords, otext)
                  for oid, otext in ((orgs.ids[i], orgs.texts[i]) for i in _prefilter(query, orgs, qwords))}
    doc_scores = {k: s for k, s in scores.items() if s >= MIN_SCORE}
    org_scores = {k: s for k, s in org_scores.items() if s >= MIN_SCORE}
    # only what may reach the first ``limit`` is read from the store: a hit scored under the
    # limit-th best has at least ``limit`` before it (unless some of those are no longer there)
    ranked = sorted([*doc_scores.values(), *org_scores.values()], reverse=True)
    cut = ranked[limit - 1] if len(ranked) >= limit else MIN_SCORE
    refs, org_refs = fetch_docs_and_orgs(store, [k for k, s in doc_scores.items() if s >= cut],
                                         [k for k, s in org_scores.items() if s >= cut])  # fmt: skip
    if cut > MIN_SCORE and len(refs) + len(org_refs) < sum(s >= cut for s in ranked):  # some are gone: read the rest
        refs, org_refs = fetch_docs_and_orgs(store, doc_scores, org_scores)
    for key, score in doc_scores.items():
        d = refs.get(key)
        if d is not None:
            label = d.display + (f" – {d.title}" if d.title else "")
            hits.append(SearchHit(kind="document", id=d.key, label=label[:200], score=score, doc=d))
    for oid, score in org_scores.items():
        o = org_refs.get(oid)
        if o is not None:
            label = o.name + (f" ({o.province})" if o.province and o.province not in o.name else "")
            hits.append(SearchHit(kind="organization", id=o.id, label=label, score=score, org=o))

    hits.sort(key=_rank)
    return hits[:limit]


def list_documents(
    store: Store,
    q: str | None = None,
    type: str | None = None,
    issuer: str | None = None,
    province: str | None = None,
    year: int | None = None,
    limit: int = 50,
    cursor: str | None = None,
) -> DocumentPage:
    """A page of documents, filtered; ``cursor`` comes from the previous page.

    Without ``q`` the documents come in key order.  With ``q`` they are ranked
    by :func:`search`, the ranking of ``luocdo search`` ("nghi quyet 57" finds
    57-NQ/TW), and the other filters apply to the ranked documents.
    """
    if limit < 1 or limit > 1000:
        raise BadParameter(f"limit must be from 1 to 1000, got {limit}")
    skip = 0
    if cursor:
        if not cursor.isdigit():
            raise BadParameter(f"cursor {cursor!r} is not one this API gave out")
        skip = int(cursor)
    if q and q.strip():
        return _ranked_page(store, q, type, issuer, province, year, limit, skip)
    prov = province or ""
    if province:
        try:
            from luocdo.core.registry import registry

            p = registry().province(province)
            if p is not None:
                prov = p.name
        except ImportError:  # pragma: no cover - registry is part of the package
            pass
    params = {
        "type": type or "",
        "issuer": issuer or "",
        "issuer_folded": squash(issuer) if issuer else "",
        "province": prov,
        "year": int(year) if year else 0,
        "q": squash(q) if q else "",
        "skip": skip,
        "limit": limit + 1,
    }
    rows = loader.run(store, "documents_page", params, limit=limit + 1)
    items = [doc_ref(r) for r in rows[:limit]]
    nxt = str(skip + limit) if len(rows) > limit else None
    return DocumentPage(items=items, next_cursor=nxt)


#: Ranked documents a ?q= page is cut from (the search's own cap).
RANKED_MAX = 500


def _ranked_page(store: Store, q: str, type: str | None, issuer: str | None, province: str | None,
                 year: int | None, limit: int, skip: int) -> DocumentPage:
    """Documents of ``search(q)`` in its order, filtered, one page of them."""
    hits = [h.doc for h in search(store, q, limit=RANKED_MAX) if h.kind == "document" and h.doc is not None]
    prov = None
    if province:
        from luocdo.core.registry import registry

        p = registry().province(province)
        prov = squash(p.name if p is not None else province)
    want_issuer = squash(issuer) if issuer else None

    def keep(d: Any) -> bool:
        if type and (d.type or "") != type:
            return False
        if year and d.year != int(year):
            return False
        if prov is not None and squash(d.province or "") != prov:
            return False
        return not (want_issuer and want_issuer not in squash(d.issuer or ""))

    docs = [d for d in hits if keep(d)]
    page = docs[skip: skip + limit]
    nxt = str(skip + limit) if len(docs) > skip + limit else None
    return DocumentPage(items=page, next_cursor=nxt)
