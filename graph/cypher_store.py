"""The part of a Store that is the same on every Cypher engine: per-source replace.

Each Source node keeps the JSON of the delta it contributed.  Applying a delta
whose hash is already stored changes nothing; a new hash first removes exactly
the old contribution — its edges (found by endpoints and ``origin``), its
claims in the documents' ``claims`` (a :class:`~luocdo.graph.delta.DocClaims`),
and nodes left with neither claim nor edge — then adds the new one.  Node
properties are always recomputed from the remaining claims, so the result
does not depend on ingest order.  Facts every file restates (organisations,
PART_OF, the issuer of a cited instrument) are kept once, so the cost of a
batch does not grow with the number of files already in the store.

Subclasses provide a transaction, one statement runner and a
:class:`~luocdo.graph.cypher_dialect.Dialect`.
"""

from __future__ import annotations

import datetime as _dt
import json
import threading
import zlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from typing import Any

from luocdo.core.subjects import subject
from luocdo.graph import identity
from luocdo.graph.cypher_dialect import PRIMARY_KEYS, Dialect, columns, rel_columns, value_columns
from luocdo.graph.cypher_identity import IdentityWrites
from luocdo.graph.cypher_rows import CITED_SOURCE, REGISTRY_RELS, REGISTRY_SOURCE
from luocdo.graph.cypher_rows import chunks as _chunks
from luocdo.graph.delta import CITING_SOURCES_SHOWN, DocClaims, GraphDelta, merge_claims
from luocdo.graph.schema import REL_TABLES, type_label
from luocdo.graph.store import StoreError

Claims = dict[str, dict[str, Any]]


def _table_of_endpoint(rel: str, end: int) -> str:
    src, dst, _props = REL_TABLES[rel]
    return src if end == 0 else dst


class CypherStore(IdentityWrites):
    """Shared apply/remove/stats logic; see the module docstring."""

    dialect: str = "cypher"
    #: Documents per write transaction of an ingest (a server's store takes more).
    write_batch: int = 200
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
            self._identity_backfill()
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
                before, after, extra = self._settle(old, new)
                self._swap(
                    [identity.remap(d, before) for d in (*old, *extra)],
                    [identity.remap(d, after) for d in (*new, *extra)],
                )
                self._put_sources(new, set(stored))
        return counts

    def source_hash(self, source_id: str) -> str | None:
        got = self._sources([source_id])
        return got[source_id][0] if source_id in got else None

    def remove_source(self, source_id: str) -> bool:
        self._check_writable()
        with self._write_lock, self._transaction():
            self._identity_backfill()
            stored = self._sources([source_id])
            if source_id not in stored:
                return False
            gone = self._stored_delta(source_id, stored[source_id][1])
            before, after, extra = self._settle([gone], [])
            self._swap(
                [identity.remap(d, before) for d in (gone, *extra)],
                [identity.remap(d, after) for d in extra],
            )
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
            return GraphDelta.unpack(text or "")
        except (ValueError, KeyError, TypeError, zlib.error) as e:
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

    def _fetch_doc_claims(self, keys: list[str], existing: set[str]) -> dict[str, DocClaims]:
        """Aggregated claims of documents; missing ones get empty claims, the others go in ``existing``."""
        out = {k: DocClaims() for k in keys}
        for chunk in _chunks(keys):
            for r in self._run(self._d.fetch_claims("Document"), {"keys": chunk}):
                existing.add(r["k"])
                try:
                    out[r["k"]] = DocClaims.load(r["c"])
                except (ValueError, TypeError, AttributeError) as e:
                    raise StoreError(f"Document {r['k']}: claims are not readable JSON ({e})") from e
        return out

    def _refill_paths(self, docs: dict[str, DocClaims], keys: list[str], leaving: set[str]) -> None:
        """List citing files again where a listed one left and others remain (rare: a citer removed)."""
        for key in keys:
            rows = self._run(self._d.edge_origins(), {"k": key})
            ids = sorted({r["o"] for r in rows if r["o"]} - leaving - set(docs[key].own))
            paths: set[str] = set()
            for chunk in _chunks(ids):
                paths.update(r["path"] for r in self._run(self._d.source_paths(), {"ids": chunk}) if r["path"])
            c = docs[key]
            c.paths = sorted(paths)[:CITING_SOURCES_SHOWN]
            c.short = False

    def _swap(self, old: list[GraphDelta], new: list[GraphDelta]) -> None:
        """Remove the contributions of ``old`` and add those of ``new`` (same transaction)."""
        orgs = _registry_orgs(new)
        docs, doc_exists = self._swap_doc_claims(old, new)
        self._delete_edges_of(old)
        cited_issuers = self._sync_cited_issuers(docs)
        self._write_swapped_nodes(docs, doc_exists, orgs)
        self._create_edges_of(new, cited_issuers)

    def _swap_doc_claims(self, old: list[GraphDelta], new: list[GraphDelta]) -> tuple[dict[str, DocClaims], set[str]]:
        """Documents: each source's contribution to each node it touches, taken out for the old
        deltas and put in for the new ones.  Also returns the keys already stored."""
        touched: set[str] = set()
        for d in (*old, *new):
            touched.update(_doc_contributions(d))
        doc_exists: set[str] = set()
        docs = self._fetch_doc_claims(sorted(touched), doc_exists)
        old_ids = {d.source_id for d in old}
        for d in old:
            for key, (own, props) in _doc_contributions(d).items():
                docs[key].remove(d.source_id, own, props, d.path)
        short = [k for k, c in docs.items() if c.short]
        if short:
            self._refill_paths(docs, short, old_ids)
        for d in new:
            for key, (own, props) in _doc_contributions(d).items():
                docs[key].add(d.source_id, own, props, d.path)
        return docs, doc_exists

    def _delete_edges_of(self, old: list[GraphDelta]) -> None:
        """Step 1: the edges the old deltas made (found by endpoints and origin)."""
        gone: dict[str, dict[tuple, dict]] = defaultdict(dict)
        for d in old:
            for e in d.edges:
                gone[e.rel][(e.src, e.dst, d.source_id)] = {"s": e.src, "d": e.dst, "o": d.source_id}
        for rel, keyed in gone.items():
            for chunk in _chunks(list(keyed.values())):
                self._run(self._d.delete_edges(rel), {"rows": chunk})

    def _write_swapped_nodes(self, docs: dict[str, DocClaims], doc_exists: set[str], orgs: dict[str, Claims]) -> None:
        """Step 2: upsert the nodes with claims, drop unclaimed ones without edges."""
        self._upsert("Document", {k: c for k, c in docs.items() if c}, doc_exists)
        dead = [k for k, c in docs.items() if not c]
        for chunk in _chunks(dead):
            self._run(self._d.delete_orphans("Document"), {"keys": chunk})
        if orgs:  # written only when new or changed: most batches name the same few hundred
            stored = self._fetch_claims("Organization", list(orgs), only_existing=True)
            changed = {k: c for k, c in orgs.items() if _registry_props(stored.get(k)) != c[REGISTRY_SOURCE]["props"]}
            if changed:
                self._upsert("Organization", changed, set(stored))

    def _create_edges_of(self, new: list[GraphDelta], cited_issuers: list[dict[str, Any]]) -> None:
        """Step 3: the new edges.

        Two kinds are facts about the registry or the cited document rather
        than about one file, and are kept once, not once per source that
        restates them: PART_OF (a commune is part of its province whoever
        names it) and the issuer of a cited instrument (every file citing
        57-NQ/TW says the Politburo issued it).
        """
        made: dict[str, list[dict]] = defaultdict(list)
        part_of: dict[tuple[str, str, str], dict] = {}
        for d in new:
            for e in d.edges:
                if e.rel in REGISTRY_RELS:
                    part_of[(e.rel, e.src, e.dst)] = {"s": e.src, "d": e.dst, "o": REGISTRY_SOURCE}
                elif not _is_cited_issuer(d, e):
                    made[e.rel].append(self._edge_row(e.rel, e.src, e.dst, e.values, d.source_id))
        made["ISSUED_BY"] += cited_issuers
        for rel, rows in made.items():
            for chunk in _chunks(rows):
                self._run(self._d.create_edges(rel), {"rows": chunk})
        for rel in REGISTRY_RELS:
            rows = [r for (r_, _s, _d), r in part_of.items() if r_ == rel]
            for chunk in _chunks(rows):
                self._run(self._d.merge_edges(rel), {"rows": chunk})

    def _sync_cited_issuers(self, docs: dict[str, DocClaims]) -> list[dict[str, Any]]:
        """Make the ``@cited`` ISSUED_BY edges of ``docs`` follow their claims
        (:meth:`~luocdo.graph.delta.DocClaims.cited_issuers`).

        Deletes those no source supports any more, or whose raw name the votes
        changed, and returns the rows of the missing ones (created with the
        other edges): the edges are a function of the claims, whatever the order.
        """
        want = {(key, org): raw for key, c in docs.items() for org, raw in c.cited_issuers().items()}
        have: dict[tuple[str, str], Any] = {}
        for chunk in _chunks(list(docs)):
            for r in self._run(self._d.origin_edges("ISSUED_BY"), {"keys": chunk, "o": CITED_SOURCE}):
                have[(r["s"], r["d"])] = r["raw"]
        stale = [{"s": s, "d": d, "o": CITED_SOURCE} for (s, d), raw in sorted(have.items())
                 if (s, d) not in want or want[(s, d)] != raw]
        for chunk in _chunks(stale):
            self._run(self._d.delete_edges("ISSUED_BY"), {"rows": chunk})
        return [
            self._edge_row("ISSUED_BY", s, d, {"raw": raw}, CITED_SOURCE)
            for (s, d), raw in sorted(want.items())
            if (s, d) not in have or have[(s, d)] != raw
        ]

    @staticmethod
    def _edge_row(rel: str, src: str, dst: str, values: dict[str, Any], origin: str) -> dict[str, Any]:
        if rel not in REL_TABLES:
            raise StoreError(f"unknown relation {rel!r} (graph/schema.py REL_TABLES)")
        vals = {**values, "origin": origin}
        row: dict[str, Any] = {"s": src, "d": dst}
        for i, c in enumerate(rel_columns(rel)):
            row[f"f{i}"] = vals.get(c)
        return row

    def _upsert(
        self, table: str, node_claims: dict[str, Claims] | dict[str, DocClaims], existing: set[str] | None = None
    ) -> None:
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
            if existing is None:
                self._write_nodes(table, self._d.upsert_nodes(table, kind), rows)
            else:
                self._write_known(table, kind, rows, existing)

    def _write_known(self, table: str, kind: str | None, rows: list[dict[str, Any]], existing: set[str]) -> None:
        """Rows whose existence was just read: the existing ones updated, the others created (no MERGE)."""
        for exists in (True, False):
            part = [r for r in rows if (r["k"] in existing) == exists]
            if part:
                self._write_nodes(table, self._d.write_known_nodes(table, kind, exists), part)

    def _write_nodes(self, table: str, stmt: str, rows: list[dict[str, Any]]) -> None:
        """Run an upsert statement over rows (a store may split big values)."""
        for chunk in _chunks(rows):
            self._run(stmt, {"rows": chunk})

    def _put_sources(self, deltas: list[GraphDelta], existing: set[str]) -> None:
        now = _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")
        cols = value_columns("Source")
        rows = []
        for d in deltas:
            vals = {"path": d.path, "hash": d.hash, "doc_key": d.doc_key, "delta": d.pack(), "ingested_at": now}
            rows.append({"k": d.source_id, **{f"f{i}": vals.get(c) for i, c in enumerate(cols)}})
        self._write_known("Source", None, rows, existing)


def _registry_orgs(new: list[GraphDelta]) -> dict[str, Claims]:
    """The organisations the new deltas name, each under one "@registry" claim.

    Organisations are registry facts, the same whoever names them: they keep
    one claim instead of one per source.  Otherwise a province or the
    Government, named by nearly every document, would carry a claim per file
    and be rewritten in full by every batch.
    """
    orgs: dict[str, Claims] = {}
    for d in new:
        for n in d.nodes:
            if n.table == "Organization":
                orgs[n.key] = {REGISTRY_SOURCE: {"own": False, "props": dict(n.props), "path": None}}
    return orgs


def _validate(d: GraphDelta) -> None:
    """Refuse a delta the schema cannot hold, before anything is written."""
    for n in d.nodes:
        if n.table not in ("Document", "Organization"):
            raise StoreError(f"source {d.source_id}: unknown node table {n.table!r} (graph/schema.py)")
    for e in d.edges:
        if e.rel not in REL_TABLES:
            raise StoreError(f"source {d.source_id}: unknown relation {e.rel!r} (graph/schema.py REL_TABLES)")


def _registry_props(claims: Claims | None) -> dict[str, Any] | None:
    """The registry claim's properties of a stored organisation, if it has only that claim."""
    if not claims or set(claims) != {REGISTRY_SOURCE}:
        return None
    return claims[REGISTRY_SOURCE].get("props")


def _is_cited_issuer(d: GraphDelta, e: Any) -> bool:
    """An ISSUED_BY edge a source states about an instrument it cites (not about itself)."""
    return e.rel == "ISSUED_BY" and e.src != d.doc_key


def _doc_contributions(d: GraphDelta) -> dict[str, tuple[bool, dict[str, Any]]]:
    """Document key → (own, props) for every document a delta names: by a claim or as an edge's endpoint."""
    out: dict[str, tuple[bool, dict[str, Any]]] = {}
    for e in d.edges:
        for end, key in ((0, e.src), (1, e.dst)):
            if _table_of_endpoint(e.rel, end) == "Document":
                out.setdefault(key, (False, {}))
    for n in d.nodes:
        if n.table == "Document":
            out[n.key] = (n.own, dict(n.props))
    return out


def node_props(table: str, claims: Claims | DocClaims) -> dict[str, Any]:
    """The visible properties of a node from its claims (what the store writes)."""
    if isinstance(claims, DocClaims):
        merged, conflicts = claims.merge()
        claims_json = claims.to_json()
    else:
        merged, conflicts = merge_claims(claims)
        claims_json = json.dumps(claims, ensure_ascii=False, sort_keys=True)
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
    props["claims"] = claims_json
    if table == "Document":
        props["conflicts"] = json.dumps(conflicts, ensure_ascii=False, sort_keys=True) if conflicts else None
        props["kind"] = props.get("kind") or type_label(props.get("type") or "")
        props["subject"] = subject(props.get("title"))  # written with the title, whichever source gave it
        props["ingested"] = bool(merged.get("ingested"))
        props["sources"] = list(merged.get("sources") or [])
    return props
