"""Shared pieces: rows → models, fetching documents and organizations by key,
date arithmetic.  Every query module builds on these."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from luocdo.core.keys import url_key
from luocdo.graph.store import Store
from luocdo.queries import loader
from luocdo.queries.models import DocRef, Evidence, OrgRef

#: Upper bound on the rows of the internal "fetch everything" queries (search).
SCAN_LIMIT = 1_000_000
#: Variable-length patterns in the .cypher files are bounded at this many steps.
MAX_DEPTH = 10


def doc_ref(row: dict[str, Any]) -> DocRef:
    key = row["key"]
    year = row.get("year")
    return DocRef(
        key=key,
        url_key=url_key(key),
        display=row.get("display") or key,
        type=row.get("type"),
        kind=row.get("kind"),
        number=row.get("number"),
        symbol=row.get("symbol"),
        date=row.get("date"),
        year=int(year) if year is not None else None,
        title=row.get("title"),
        issuer=row.get("issuer"),
        issuer_id=row.get("issuer_id"),
        level=row.get("level"),
        province=row.get("province"),
        ingested=bool(row.get("ingested")),
        date_not_before=row.get("date_not_before"),
    )


def org_ref(row: dict[str, Any]) -> OrgRef:
    return OrgRef(
        id=row["id"],
        name=row.get("name") or row["id"],
        level=row.get("level"),
        kind=row.get("kind"),
        province=row.get("province"),
        province_code=_str(row.get("province_code")),
        code=_str(row.get("code")),
    )


def org_from_registry(org: Any) -> OrgRef:
    """OrgRef of a registry ``Org``."""
    return OrgRef(
        id=org.id,
        name=org.name,
        level=org.level,
        kind=org.kind,
        province=org.province,
        province_code=_str(org.province_code),
        code=_str(org.code),
    )


def _str(v: Any) -> str | None:
    return None if v is None else str(v)


def evidence_order(row: dict[str, Any]) -> tuple:
    """Which of parallel edges gives the evidence: the document's own statement before one derived
    from a citation, then by file and place.  Engines return parallel edges in no set order."""
    return (bool(row.get("ev_derived")), row.get("ev_file") or "", row.get("ev_start") or 0, row.get("ev_doc") or "")


def evidence(row: dict[str, Any]) -> Evidence | None:
    """Evidence from the ``ev_*`` columns of an edge row (None when the edge has none)."""
    if row.get("ev_doc") is None and row.get("ev_sentence") is None:
        return None
    return Evidence(
        doc=row.get("ev_doc"),
        file=row.get("ev_file"),
        start=row.get("ev_start"),
        end=row.get("ev_end"),
        sentence=row.get("ev_sentence"),
        derived=bool(row.get("ev_derived")),
        flag=row.get("ev_flag"),
    )


def fetch_docs(store: Store, keys: Iterable[str]) -> dict[str, DocRef]:
    """DocRefs by key (keys not in the graph are absent from the result)."""
    wanted = sorted(set(keys))
    if not wanted:
        return {}
    rows = loader.run(store, "docs_by_keys", {"keys": wanted}, limit=len(wanted) + 1)
    return {r["key"]: doc_ref(r) for r in rows}


def fetch_orgs(store: Store, ids: Iterable[str]) -> dict[str, OrgRef]:
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    rows = loader.run(store, "orgs_by_ids", {"ids": wanted}, limit=len(wanted) + 1)
    return {r["id"]: org_ref(r) for r in rows}


def fetch_docs_and_orgs(store: Store, keys: Iterable[str], ids: Iterable[str]) -> tuple[dict[str, DocRef], dict[str, OrgRef]]:
    """:func:`fetch_docs` and :func:`fetch_orgs` in one query: one round trip to a server."""
    want_keys, want_ids = sorted(set(keys)), sorted(set(ids))
    if not want_keys or not want_ids:  # one of them: its own query is as cheap
        return fetch_docs(store, want_keys), fetch_orgs(store, want_ids)
    rows = loader.run(store, "hits_by_ids", {"keys": want_keys, "ids": want_ids},
                      limit=len(want_keys) + len(want_ids) + 1)  # fmt: skip
    docs = {r["key"]: doc_ref(r) for r in rows if r["what"] == "document"}
    orgs = {r["id"]: org_ref(r) for r in rows if r["what"] == "organization"}
    return docs, orgs


def loads_json(value: Any, default: Any) -> Any:
    if value is None or value == "":
        return default
    if isinstance(value, (dict, list)):
        return value
    try:
        return json.loads(value)
    except (TypeError, ValueError):
        return default


def check_depth(depth: int, name: str = "depth") -> int:
    from luocdo.queries.errors import BadParameter

    if not isinstance(depth, int) or depth < 1 or depth > MAX_DEPTH:
        raise BadParameter(f"{name} must be an integer from 1 to {MAX_DEPTH}, got {depth!r}")
    return depth
