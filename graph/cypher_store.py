"""The part of a Store that is the same on every Cypher engine: per-source replace.

Each Source node keeps the JSON of the delta it contributed.  Applying a delta
whose hash is already stored changes nothing; a new hash first removes exactly
the old contribution — its edges (found by endpoints and ``origin``), its
claims in the nodes' ``claims`` JSON, and nodes left with neither claim nor
edge — then adds the new one.  Node properties are always recomputed from all
remaining claims with :func:`luocdo.graph.delta.merge_claims`, so the result
does not depend on ingest order.

Subclasses provide a transaction, one statement runner and a
:class:`~luocdo.graph.cypher_dialect.Dialect`.
"""

from __future__ import annotations

import datetime as _dt
import json
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any

from luocdo.graph.cypher_dialect import PRIMARY_KEYS, Dialect, columns, rel_columns, value_columns
from luocdo.graph.delta import GraphDelta, claims_for, merge_claims
from luocdo.graph.schema import REL_TABLES, type_label
from luocdo.graph.store import StoreError

#: Claim key of organisations upserted by ensure_organizations (not from any file).
REGISTRY_SOURCE = "@registry"

#: Rows per UNWIND statement.
CHUNK = 2000

Claims = dict[str, dict[str, Any]]


def _chunks(rows: list, n: int = CHUNK) -> Iterator[list]:
    for i in range(0, len(rows), n):
        yield rows[i : i + n]


def _table_of_endpoint(rel: str, end: int) -> str:
    return REL_TABLES[rel][end]


class CypherStore:
    """Shared apply/remove/stats logic; see the module docstring."""

    dialect: str = "cypher"
    _d: Dialect

    def __init__(self) -> None:
        self._write_lock = threading.RLock()

    # -- to implement -------------------------------------------------------

    def _run(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run one statement inside the current write transaction (or autocommit)."""
        raise NotImplementedError

    def _transaction(self) -> AbstractContextManager[None]:
        """All statements run inside commit together or not at all."""
        raise NotImplementedError

    def _check_writable(self) -> None:
        """Raise StoreError when the store was opened read-only."""

    # -- Store protocol -----------------------------------------------------

    def apply(self, deltas: Sequence[GraphDelta]) -> dict[str, int]:
        self._check_writable()
        latest: dict[str, GraphDelta] = {}
        for d in deltas:
            if not isinstance(d, GraphDelta):
                raise StoreError(f"apply() takes GraphDelta objects, got {type(d).__name__}")
            _validate(d)
            latest[d.source_id] = d  # the last one of a source wins
        counts = {"added": 0, "replaced": 0, "unchanged": 0}
        if not latest:
            return counts
        with self._write_lock, self._transaction():
            stored = self._sources(list(latest))
            old: list[GraphDelta] = []
            new: list[GraphDelta] = []
            for sid, d in latest.items():
                prev = stored.get(sid)
                if prev is not None and prev[0] == d.hash:
                    counts["unchanged"] += 1
                    continue
                if prev is not None:
                    counts["replaced"] += 1
                    old.append(self._stored_delta(sid, prev[1]))
                else:
                    counts["added"] += 1
                new.append(d)
            if new:
                self._swap(old, new)
                self._put_sources(new)
        return counts

    def source_hash(self, source_id: str) -> str | None:
        got = self._sources([source_id])
        return got[source_id][0] if source_id in got else None

    def remove_source(self, source_id: str) -> bool:
        self._check_writable()
        with self._write_lock, self._transaction():
            stored = self._sources([source_id])
            if source_id not in stored:
                return False
            self._swap([self._stored_delta(source_id, stored[source_id][1])], [])
            self._run(self._d.delete_sources(), {"ids": [source_id]})
        return True

    def ensure_organizations(self, rows: Iterable[dict[str, Any]]) -> None:
        """Upsert organisations under the ``@registry`` claim; ``part_of`` gives PART_OF."""
        self._check_writable()
        rows = [dict(r) for r in rows]
        if not rows:
            return
        for r in rows:
            if not r.get("id"):
                raise StoreError(f"ensure_organizations: a row has no 'id': {r!r}")
        with self._write_lock, self._transaction():
            ids = [r["id"] for r in rows]
            claims = self._fetch_claims("Organization", ids)
            for r in rows:
                props = {k: v for k, v in r.items() if k not in ("id", "part_of") and v is not None}
                claims[r["id"]][REGISTRY_SOURCE] = {"own": False, "props": props}
            self._upsert("Organization", {i: claims[i] for i in ids})
            # PART_OF of the registry: replace those of these organisations.
            for chunk in _chunks(ids):
                self._run(self._d.delete_out_edges("PART_OF"), {"keys": chunk, "o": REGISTRY_SOURCE})
            parents = [r["part_of"] for r in rows if r.get("part_of")]
            missing = set(parents) - set(self._fetch_claims("Organization", parents, only_existing=True))
            if missing:
                raise StoreError(f"ensure_organizations: parent organisation(s) not found: {sorted(missing)[:5]}")
            edge_rows = [self._edge_row("PART_OF", r["id"], r["part_of"], {}, REGISTRY_SOURCE) for r in rows if r.get("part_of")]
            for chunk in _chunks(edge_rows):
                self._run(self._d.create_edges("PART_OF"), {"rows": chunk})

    def stats(self) -> dict[str, int]:
        def one(query: str) -> int:
            rows = self._read_rows(query)
            return int(next(iter(rows[0].values()))) if rows else 0

        d = self._d
        out = {
            "documents": one(d.count_nodes("Document")),
            "ingested": one(d.count_nodes("Document", "WHERE n.ingested = true")),
            "cited_only": one(d.count_nodes("Document", "WHERE n.ingested = false")),
            "conflicts": one(d.count_nodes("Document", "WHERE n.conflicts IS NOT NULL")),
            "organizations": one(d.count_nodes("Organization")),
            "sources": one(d.count_nodes("Source")),
        }
        total = 0
        for rel in REL_TABLES:
            n = one(d.count_edges(rel))
            out[rel] = n
            total += n
        out["edges"] = total
        return out

    def _read_rows(self, query: str) -> list[dict[str, Any]]:
        return self._run(query)

    # -- the engine ---------------------------------------------------------

    def _sources(self, ids: list[str]) -> dict[str, tuple[str, str]]:
        out: dict[str, tuple[str, str]] = {}
        for chunk in _chunks(ids):
            for r in self._run(self._d.fetch_sources(), {"ids": chunk}):
                out[r["id"]] = (r["hash"], r["delta"])
        return out

    @staticmethod
    def _stored_delta(sid: str, text: str | None) -> GraphDelta:
        try:
            return GraphDelta.from_json(text or "")
        except (ValueError, KeyError, TypeError) as e:
            raise StoreError(f"Source {sid}: stored delta is unreadable ({e}); remove the database and ingest again") from e

    def _fetch_claims(self, table: str, keys: Iterable[str], only_existing: bool = False) -> dict[str, Claims]:
        """Current claims of nodes; missing nodes get {} unless only_existing."""
        keys = list(dict.fromkeys(keys))
        out: dict[str, Claims] = {} if only_existing else {k: {} for k in keys}
        for chunk in _chunks(keys):
            for r in self._run(self._d.fetch_claims(table), {"keys": chunk}):
                try:
                    out[r["k"]] = json.loads(r["c"]) if r["c"] else {}
                except ValueError as e:
                    raise StoreError(f"{table} {r['k']}: claims are not JSON ({e})") from e
        return out

    def _swap(self, old: list[GraphDelta], new: list[GraphDelta]) -> None:
        """Remove the contributions of ``old`` and add those of ``new`` (same transaction)."""
        # Organisations are registry facts, the same whoever names them: they
        # keep one "@registry" claim instead of one per source.  Otherwise a
        # province or the Government, named by nearly every document, would
        # carry a claim per file and be rewritten in full by every batch.
        orgs: dict[str, dict[str, Any]] = {}
        for d in new:
            for n in d.nodes:
                if n.table == "Organization":
                    orgs[n.key] = {REGISTRY_SOURCE: {"own": False, "props": dict(n.props), "path": None}}
        touched: dict[str, set[str]] = {"Document": set()}
        for d in (*old, *new):
            for n in d.nodes:
                if n.table == "Document":
                    touched["Document"].add(n.key)
            for e in d.edges:
                for end, key in ((0, e.src), (1, e.dst)):
                    if _table_of_endpoint(e.rel, end) == "Document":
                        touched["Document"].add(key)
        claims = {"Document": self._fetch_claims("Document", sorted(touched["Document"]))}

        for d in old:
            for table_claims in claims.values():
                for c in table_claims.values():
                    c.pop(d.source_id, None)
        for d in new:
            for n, claim in claims_for(d):
                if n.table in claims:
                    claims[n.table][n.key][d.source_id] = claim
            for e in d.edges:  # an endpoint the delta names but does not describe
                for end, key in ((0, e.src), (1, e.dst)):
                    if _table_of_endpoint(e.rel, end) == "Document":
                        claims["Document"][key].setdefault(d.source_id, {"own": False, "props": {}, "path": d.path})

        # 1. old edges
        gone: dict[str, dict[tuple, dict]] = defaultdict(dict)
        for d in old:
            for e in d.edges:
                gone[e.rel][(e.src, e.dst, d.source_id)] = {"s": e.src, "d": e.dst, "o": d.source_id}
        for rel, rows in gone.items():
            for chunk in _chunks(list(rows.values())):
                self._run(self._d.delete_edges(rel), {"rows": chunk})
        # 2. nodes: upsert those with claims, drop unclaimed ones without edges
        for table, table_claims in claims.items():
            live = {k: c for k, c in table_claims.items() if c}
            self._upsert(table, live)
            dead = [k for k, c in table_claims.items() if not c]
            for chunk in _chunks(dead):
                self._run(self._d.delete_orphans(table), {"keys": chunk})
        if orgs:
            self._upsert("Organization", orgs)
        # 3. new edges
        made: dict[str, list[dict]] = defaultdict(list)
        for d in new:
            for e in d.edges:
                made[e.rel].append(self._edge_row(e.rel, e.src, e.dst, e.values, d.source_id))
        for rel, rows in made.items():
            for chunk in _chunks(rows):
                self._run(self._d.create_edges(rel), {"rows": chunk})

    @staticmethod
    def _edge_row(rel: str, src: str, dst: str, values: dict[str, Any], origin: str) -> dict[str, Any]:
        if rel not in REL_TABLES:
            raise StoreError(f"unknown relation {rel!r} (graph/schema.py REL_TABLES)")
        vals = {**values, "origin": origin}
        row: dict[str, Any] = {"s": src, "d": dst}
        for i, c in enumerate(rel_columns(rel)):
            row[f"f{i}"] = vals.get(c)
        return row

    def _upsert(self, table: str, node_claims: dict[str, Claims]) -> None:
        """Write merged properties of nodes from their claims."""
        cols = value_columns(table)
        by_kind: dict[str | None, list[dict[str, Any]]] = defaultdict(list)
        for key, c in node_claims.items():
            props = node_props(table, c)
            row: dict[str, Any] = {"k": key}
            for i, col in enumerate(cols):
                row[f"f{i}"] = props.get(col)
            by_kind[props.get("kind") if table == "Document" else None].append(row)
        for kind, rows in by_kind.items():
            self._write_nodes(table, self._d.upsert_nodes(table, kind), rows)

    def _write_nodes(self, table: str, stmt: str, rows: list[dict[str, Any]]) -> None:
        """Run an upsert statement over rows (a store may split big values)."""
        for chunk in _chunks(rows):
            self._run(stmt, {"rows": chunk})

    def _put_sources(self, deltas: list[GraphDelta]) -> None:
        now = _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")
        cols = value_columns("Source")
        rows = []
        for d in deltas:
            vals = {"path": d.path, "hash": d.hash, "doc_key": d.doc_key, "delta": d.to_json(), "ingested_at": now}
            rows.append({"k": d.source_id, **{f"f{i}": vals.get(c) for i, c in enumerate(cols)}})
        self._write_nodes("Source", self._d.upsert_nodes("Source"), rows)


def _validate(d: GraphDelta) -> None:
    """Refuse a delta the schema cannot hold, before anything is written."""
    for n in d.nodes:
        if n.table not in ("Document", "Organization"):
            raise StoreError(f"source {d.source_id}: unknown node table {n.table!r} (graph/schema.py)")
    for e in d.edges:
        if e.rel not in REL_TABLES:
            raise StoreError(f"source {d.source_id}: unknown relation {e.rel!r} (graph/schema.py REL_TABLES)")


def node_props(table: str, claims: Claims) -> dict[str, Any]:
    """The visible properties of a node from its claims (what the store writes)."""
    merged, conflicts = merge_claims(claims)
    cols = columns(table)
    props: dict[str, Any] = {c: merged.get(c) for c in cols if c != PRIMARY_KEYS[table]}
    for c, t in cols.items():
        v = props.get(c)
        if v is None:
            continue
        if t == "INT64" and not isinstance(v, int):
            try:
                props[c] = int(v)
            except (TypeError, ValueError):
                props[c] = None
        elif t == "STRING" and not isinstance(v, str):
            props[c] = json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else str(v)
        elif t == "BOOLEAN":
            props[c] = bool(v)
        elif t == "STRING[]":
            props[c] = [str(x) for x in v] if isinstance(v, list | tuple) else [str(v)]
    props["claims"] = json.dumps(claims, ensure_ascii=False, sort_keys=True)
    if table == "Document":
        props["conflicts"] = json.dumps(conflicts, ensure_ascii=False, sort_keys=True) if conflicts else None
        props["kind"] = props.get("kind") or type_label(props.get("type") or "")
        props["ingested"] = bool(merged.get("ingested"))
        props["sources"] = list(merged.get("sources") or [])
    return props
