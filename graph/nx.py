"""The graph as a networkx MultiDiGraph, for analysis and for the viewer.

Read with plain Cypher that both stores accept, so the same call works on
LadybugDB and on Neo4j.  Node ids are document keys and organisation ids;
each node has ``label`` ("Document" | "Organization") and its non-null
properties; each edge has ``relation`` (IMPLEMENTS, ISSUED_BY …) and its
evidence.  ``claims`` (the per-source bookkeeping) is left out unless asked.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

import networkx

from luocdo.graph.cypher_dialect import PRIMARY_KEYS, columns, q
from luocdo.graph.schema import REL_TABLES
from luocdo.graph.store import Store

#: Node tables that are part of the graph (Source is bookkeeping).
GRAPH_TABLES = ("Document", "Organization")

#: Rows fetched per query when walking a large graph.
PAGE = 50_000


def keyset_rows(
    store: Store, table: str, cols: list[str], keys: list[str] | None = None
) -> Iterator[dict[str, Any]]:
    """Rows of a node table in primary-key order, a page at a time (no SKIP: keyset)."""
    pk = q(PRIMARY_KEYS[table])
    ret = ", ".join(f"n.{q(c)} AS {q(c)}" for c in cols)
    cond = f"n.{pk} > $after" + (f" AND n.{pk} IN $keys" if keys is not None else "")
    query = f"MATCH (n:{table}) WHERE {cond} RETURN {ret} ORDER BY n.{pk} LIMIT $page"
    after = ""
    while True:
        params: dict[str, Any] = {"after": after, "page": PAGE}
        if keys is not None:
            params["keys"] = keys
        rows = store.read(query, params)
        yield from rows
        if len(rows) < PAGE:
            return
        after = rows[-1][PRIMARY_KEYS[table]]


def iter_nodes(
    store: Store, keys: list[str] | None = None, *, internal: bool = False
) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(table, id, properties) of every Document and Organization (or those in ``keys``)."""
    for table in GRAPH_TABLES:
        pk = PRIMARY_KEYS[table]
        cols = [c for c in columns(table) if internal or c != "claims"]
        for row in keyset_rows(store, table, cols, keys):
            props = {k: v for k, v in row.items() if v is not None and k != pk}
            yield table, row[pk], props


def iter_edges(
    store: Store, keys: list[str] | None = None, *, rels: Iterable[str] | None = None
) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    """(relation, source id, target id, properties) of every edge (or those inside ``keys``).

    Walks the source nodes a page at a time, so memory stays bounded.
    """
    for rel in rels if rels is not None else REL_TABLES:
        src_t, dst_t, props = REL_TABLES[rel]
        spk, dpk = PRIMARY_KEYS[src_t], PRIMARY_KEYS[dst_t]
        ret = "".join(f", r.{q(c)} AS {q(c)}" for c in props)
        cond = f"a.{q(spk)} IN $src" + (f" AND b.{q(dpk)} IN $keys" if keys is not None else "")
        query = f"MATCH (a:{src_t})-[r:{rel}]->(b:{dst_t}) WHERE {cond} RETURN a.{q(spk)} AS _s, b.{q(dpk)} AS _d{ret}"
        # A Bolt server with a small request limit (FalkorDB) gets smaller pages of keys.
        budget = (store.max_message or 0) - len(query) - 200
        if keys is not None:
            budget -= len(json.dumps(keys, ensure_ascii=False).encode())
        page: list[str] = []
        size = 0
        for row in keyset_rows(store, src_t, [spk], keys):
            key = row[spk]
            n = len(json.dumps(key, ensure_ascii=False).encode()) + 2
            if page and (len(page) >= PAGE // 10 or (budget > 0 and size + n > budget)):
                yield from _edges_of(store, rel, query, page, keys)
                page, size = [], 0
            page.append(key)
            size += n
        if page:
            yield from _edges_of(store, rel, query, page, keys)


def _edges_of(
    store: Store, rel: str, query: str, src: list[str], keys: list[str] | None
) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    params: dict[str, Any] = {"src": src}
    if keys is not None:
        params["keys"] = keys
    rows = store.read(query, params)
    rows.sort(key=lambda r: (r["_s"], r["_d"], repr(sorted(r.items()))))
    for row in rows:
        props = {k: v for k, v in row.items() if v is not None and k not in ("_s", "_d")}
        yield rel, row["_s"], row["_d"], props


def to_networkx(store: Store, keys: Iterable[str] | None = None, *, internal: bool = False) -> networkx.MultiDiGraph:
    """The whole graph, or the subgraph induced by ``keys`` (document keys and organisation ids)."""
    key_list = sorted(set(keys)) if keys is not None else None
    g = networkx.MultiDiGraph()
    for table, node_id, props in iter_nodes(store, key_list, internal=internal):
        g.add_node(node_id, label=table, **props)
    for rel, s, d, props in iter_edges(store, key_list):
        g.add_edge(s, d, key=None, relation=rel, **props)
    return g
