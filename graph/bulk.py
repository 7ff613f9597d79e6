"""A first load into an empty LadybugDB file: the graph written as Parquet files, then ``COPY FROM``.

An incremental ingest reads and rewrites the documents every batch touches
(their claims), so each batch costs more as the store grows, and the
write-ahead log's checkpoints rewrite a share of the whole file.  Into an
empty store none of that is needed: the same rows can be computed apart and
handed to the engine's own bulk loader, which builds the tables and their
indexes in one pass.

The rows are the ones :class:`~luocdo.graph.cypher_store.CypherStore` would
write, so the graph is the same as an incremental ingest of the same files:

1. :func:`spool` (in the extraction workers) writes each file's Source row
   and its edges to Parquet files, and appends each document contribution
   (key, source, own, properties, path) to one of :data:`SHARDS` claim files
   chosen by the document's key;
2. :func:`reduce_shard` (in workers too) folds one shard's contributions into
   :class:`~luocdo.graph.delta.DocClaims`, and writes its Document rows and
   the ``@cited`` ISSUED_BY edges;
3. :func:`write_organizations` writes the organisations and PART_OF (few,
   kept by the caller) and :func:`copy_all` copies every table, nodes before
   edges, in parts sized to the page cache with a checkpoint after each (and
   the C heap trimmed: :mod:`luocdo.graph.heap`).

Memory does not grow with the corpus: a worker holds one chunk of files, a
reducer at most :data:`REDUCE_BYTES` of claims (a larger shard is split on
disk first), and the engine its page cache, which the load holds at its size
(a ``COPY`` keeps its rows in the cache until the checkpoint, so a table is
copied in parts of a twelfth of the cache).
"""

from __future__ import annotations

import os
import pickle
import zlib
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from luocdo.graph import heap, identity
from luocdo.graph.cypher_dialect import PRIMARY_KEYS, columns, rel_columns
from luocdo.graph.cypher_rows import REGISTRY_RELS
from luocdo.graph.cypher_store import (
    CITED_SOURCE,
    REGISTRY_SOURCE,
    CypherStore,
    _doc_contributions,
    _is_cited_issuer,
    node_props,
)
from luocdo.graph.delta import DocClaims, GraphDelta
from luocdo.graph.fulltext import COLUMNS, ENTRY_FIELDS, entry
from luocdo.graph.schema import REL_TABLES
from luocdo.graph.store import Store, StoreError

#: Claim files the documents are spread over; a reducer holds one in memory (at 1,000,000 files,
#: some 8,000 own documents and the instruments they cite).
SHARDS = 128

#: Pickled claim bytes a reducer folds at once (some ten times that in memory); a larger shard is
#: split on disk first (:func:`reduce_shard`).
REDUCE_BYTES = 8 * 2**20

_ARROW = {"STRING": pa.string(), "INT64": pa.int64(), "BOOLEAN": pa.bool_(), "STRING[]": pa.list_(pa.string())}


@dataclass
class Spooled:
    """What a chunk of files left besides its Parquet files: the few facts kept once per store."""

    added: int = 0
    #: Organisation id → its registry properties, the last file naming it winning (as batches do).
    orgs: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: Registry facts (PART_OF, SUCCEEDED_BY): one edge each, whoever restates them.
    registry_edges: set[tuple[str, str, str]] = field(default_factory=set)
    #: Identity groups counted as an incremental ingest counts them (graph/identity.py) …
    groups: dict[str, identity.Group] = field(default_factory=dict)
    #: … and, per raw key that settling may move (year-less, named), the files naming it.
    naming: dict[str, set[str]] = field(default_factory=dict)


def shard_of(key: str, shards: int = SHARDS) -> int:
    """The claim file of a document key (stable across processes, unlike ``hash``)."""
    return zlib.crc32(key.encode("utf-8")) % shards


def _schema(cols: dict[str, str], ends: tuple[str, ...] = ()) -> pa.Schema:
    return pa.schema([*(pa.field(e, pa.string()) for e in ends), *(pa.field(c, _ARROW[t]) for c, t in cols.items())])


def _write(path: Path, schema: pa.Schema, rows: list[list[Any]]) -> None:
    """Rows (lists in schema order) as one Parquet file."""
    if not rows:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    arrays = [pa.array([r[i] for r in rows], type=f.type) for i, f in enumerate(schema)]
    pq.write_table(pa.Table.from_arrays(arrays, schema=schema), path, compression="snappy")


def _rel_row(rel: str, src: str, dst: str, values: dict[str, Any], origin: str) -> list[Any]:
    row = CypherStore._edge_row(rel, src, dst, values, origin)
    return [row["s"], row["d"], *(row[f"f{i}"] for i in range(len(rel_columns(rel))))]


def spool(deltas: Iterable[GraphDelta], root: str, tag: str, stamp: str, shards: int = SHARDS, *,
          redone: bool = False) -> Spooled:
    """Write the rows of these files' deltas under ``root`` (``tag`` names this chunk's files).

    ``redone``: the deltas of files already spooled, remapped by :func:`settle_identity`: their Source
    rows stay as spooled, and their claims are marked so the reducers keep these and not the first ones.
    """
    deltas = list(deltas)
    out = Spooled()
    base = Path(root)
    sources: list[list[Any]] = []
    edges: dict[str, list[list[Any]]] = {}
    claims: dict[int, list[tuple]] = {}
    for d in deltas:
        out.added += 1
        sources.append([d.source_id, d.path, d.hash, d.doc_key, d.pack(), stamp])
        for n in d.nodes:
            if n.table == "Organization":
                out.orgs[n.key] = dict(n.props)
        for k in identity.contributions(d)[0]:
            if identity.may_move(k):
                out.naming.setdefault(k, set()).add(d.source_id)
        for e in d.edges:
            if e.rel in REGISTRY_RELS:
                out.registry_edges.add((e.rel, e.src, e.dst))
            elif not _is_cited_issuer(d, e):
                edges.setdefault(e.rel, []).append(_rel_row(e.rel, e.src, e.dst, e.values, d.source_id))
        for key, (own, props) in _doc_contributions(d).items():
            claim = (key, d.source_id, own, props, d.path)
            claims.setdefault(shard_of(key, shards), []).append((*claim, True) if redone else claim)
    out.groups = identity.counted(deltas)
    if not redone:
        source_cols = {c: t for c, t in columns("Source").items()}
        _write(base / "Source" / f"{tag}.parquet", _schema(source_cols), sources)
    for rel, rows in edges.items():
        _write(base / rel / f"{tag}.parquet", _schema(REL_TABLES[rel][2], ("from", "to")), rows)
    pid = os.getpid()
    (base / "claims").mkdir(parents=True, exist_ok=True)
    for shard, held in claims.items():
        with open(base / "claims" / f"{shard:04d}-{pid}.pkl", "ab") as f:
            pickle.dump(held, f, protocol=pickle.HIGHEST_PROTOCOL)
    return out


def _frames(path: Path) -> Iterator[list[tuple]]:
    with open(path, "rb") as f:
        while True:
            try:
                yield pickle.load(f)
            except EOFError:
                return


def reduce_shard(root: str, shard: int, org_ids: frozenset[str] | set[str], doc_cols: list[str]) -> int:
    """Fold one shard's contributions into Document rows (and ``@cited`` edges); how many documents.

    A shard larger than :data:`REDUCE_BYTES` is first spread over smaller
    files by a second hash of the key, each folded alone: a reducer holds at
    most that much, whatever the corpus.
    """
    base = Path(root)
    paths = sorted((base / "claims").glob(f"{shard:04d}-*.pkl"))
    size = sum(p.stat().st_size for p in paths)
    if size <= REDUCE_BYTES:
        return _fold(base, f"{shard:04d}", paths, org_ids, doc_cols)
    parts = _split(base, shard, paths, -(-size // REDUCE_BYTES))
    return sum(_fold(base, f"{shard:04d}-{i:03d}", [p], org_ids, doc_cols) for i, p in enumerate(parts))


def _split(base: Path, shard: int, paths: list[Path], parts: int) -> list[Path]:
    """The shard's contributions spread over ``parts`` files by key (each key's in their order)."""
    out = [base / "claims" / f"{shard:04d}.part-{i:03d}.pkl" for i in range(parts)]
    with ExitStack() as files:
        sinks = [files.enter_context(open(p, "ab")) for p in out]
        for path in paths:
            for frame in _frames(path):
                held: dict[int, list[tuple]] = {}
                for c in frame:
                    held.setdefault(zlib.adler32(c[0].encode("utf-8")) % parts, []).append(c)
                for i, rows in held.items():
                    pickle.dump(rows, sinks[i], protocol=pickle.HIGHEST_PROTOCOL)
            path.unlink()  # the disk holds the shard once
    return out


def _fold(base: Path, name: str, paths: list[Path], org_ids: frozenset[str] | set[str], doc_cols: list[str]) -> int:
    """Fold the contributions in ``paths`` and write their rows as files called ``name``."""
    docs: dict[str, DocClaims] = {}
    redone = _redone(base)
    for path in paths:
        for frame in _frames(path):
            for claim in frame:
                key, sid, own, props, src_path = claim[:5]
                if len(claim) == 5 and sid in redone:
                    continue  # the file's claims under the keys it gave: its remapped ones follow
                c = docs.get(key)
                if c is None:
                    c = docs[key] = DocClaims()
                c.add(sid, own, props, src_path)
    doc_types = columns("Document")
    rows: list[list[Any]] = []
    cited: list[list[Any]] = []
    pk = PRIMARY_KEYS["Document"]
    entries: list[list[Any]] = []
    for key in sorted(docs):
        c = docs[key]
        props = node_props("Document", c)
        rows.append([key if col == pk else props.get(col) for col in doc_cols])
        e = entry({**{col: props.get(col) for col in COLUMNS}, "key": key})
        entries.append([e[f] for f in ENTRY_FIELDS])
        for o, raw in sorted(c.cited_issuers().items()):
            if o in org_ids:  # an edge to an organisation the store lacks is not made incrementally either
                cited.append(_rel_row("ISSUED_BY", key, o, {"raw": raw}, CITED_SOURCE))
    _write(base / "Document" / f"{name}.parquet", _schema({c: doc_types[c] for c in doc_cols}), rows)
    _write(base / "ISSUED_BY" / f"cited-{name}.parquet", _schema(REL_TABLES["ISSUED_BY"][2], ("from", "to")), cited)
    types = {f: ("INT64" if f == "order" else "STRING") for f in ENTRY_FIELDS}
    _write(base / "search" / f"{name}.parquet", _schema(types), entries)
    return len(rows)


#: The ids of the files whose rows :func:`settle_identity` spooled again, for the reducers.
_REDONE = "redone.pkl"


def _redone(base: Path) -> frozenset[str]:
    path = base / "claims" / _REDONE
    if not path.exists():
        return frozenset()
    stamp = (str(path), path.stat().st_mtime_ns)
    if _redone_cache.get("stamp") != stamp:  # a reducer process folds many shards: read it once
        _redone_cache.update(stamp=stamp, ids=frozenset(pickle.loads(path.read_bytes())))
    return _redone_cache["ids"]


_redone_cache: dict[str, Any] = {}


def settle_identity(root: str, spooled: Spooled, stamp: str, batch: int = 2_000) -> tuple[dict[str, str], int]:
    """Settle the identity groups counted while spooling, and spool again, remapped, the files that
    name a key settling moved (57-NQ/TW@? into 57-NQ/TW@2024): the copy is then the graph an
    incremental ingest makes, and nothing in the store is rewritten afterwards.

    Their edges are taken out of the spooled files and written again from the remapped deltas (read
    back from their Source rows, which keep the deltas as extracted, as an incremental ingest keeps
    them); their claims are spooled again, marked, and the reducers skip the first ones.  Returns the
    moved keys (raw key → node key) and how many files were spooled again.
    """
    identity.settle(spooled.groups)
    after = {k: c for g in spooled.groups.values() for k, c in g.canonical.items()}
    moved = {k: c for k, c in after.items() if k != c}
    redo = sorted({s for k in moved for s in spooled.naming.get(k, ())})
    if not redo:
        return moved, 0
    base = Path(root)
    ids = pa.array(redo, type=pa.string())
    # the chunks that spooled them, by their Source rows' ids alone (the deltas are most of those files)
    tags = [p.stem for p in sorted((base / "Source").glob("*.parquet"))
            if pc.any(pc.is_in(pq.read_table(p, columns=["id"])["id"], value_set=ids)).as_py()]
    for tag in tags:
        for rel in REL_TABLES:
            path = base / rel / f"{tag}.parquet"
            if not path.exists():
                continue
            table = pq.read_table(path)
            kept = table.filter(pc.invert(pc.is_in(table["origin"], value_set=ids)))
            if kept.num_rows == table.num_rows:
                continue
            if kept.num_rows:
                pq.write_table(kept, path, compression="snappy")
            else:
                path.unlink()
    (base / "claims" / _REDONE).write_bytes(pickle.dumps(redo, protocol=pickle.HIGHEST_PROTOCOL))
    pending: list[GraphDelta] = []
    parts = 0
    for tag in tags:
        table = pq.read_table(base / "Source" / f"{tag}.parquet", columns=["id", "delta"])
        table = table.filter(pc.is_in(table["id"], value_set=ids))
        for sid, text in zip(table["id"].to_pylist(), table["delta"].to_pylist(), strict=True):
            try:
                pending.append(identity.remap(GraphDelta.unpack(text), after))
            except (ValueError, KeyError, TypeError, zlib.error) as e:
                raise StoreError(f"Source {sid}: spooled delta is unreadable ({e})") from e
            if len(pending) >= batch:
                spool(pending, root, f"redo-{parts:05d}", stamp, redone=True)
                pending, parts = [], parts + 1
    if pending:
        spool(pending, root, f"redo-{parts:05d}", stamp, redone=True)
    pa.default_memory_pool().release_unused()  # what Arrow read is not held through the copy
    return moved, len(redo)


def search_entries(root: str) -> Iterator[dict[str, Any]]:
    """The search index entries :func:`reduce_shard` prepared, a Parquet batch at a time."""
    folder = Path(root) / "search"
    for path in sorted(folder.glob("*.parquet")) if folder.is_dir() else []:
        for batch in pq.ParquetFile(path).iter_batches(batch_size=20_000):
            cols = [batch.column(i).to_pylist() for i in range(batch.num_columns)]
            names = batch.schema.names
            for values in zip(*cols, strict=True):
                yield dict(zip(names, values, strict=True))


def merge_spooled(into: Spooled, part: Spooled) -> None:
    """Add a chunk's facts to the running ones (chunks in file order, so the last file wins)."""
    into.added += part.added
    into.orgs.update(part.orgs)
    into.registry_edges |= part.registry_edges
    identity.add_counts(into.groups, part.groups)
    for k, sids in part.naming.items():
        into.naming.setdefault(k, set()).update(sids)


def write_organizations(root: str, spooled: Spooled, org_cols: list[str]) -> None:
    """The organisations (one ``@registry`` claim each) and their PART_OF edges."""
    base = Path(root)
    types = columns("Organization")
    pk = PRIMARY_KEYS["Organization"]
    rows = []
    for oid in sorted(spooled.orgs):
        props = node_props("Organization", {REGISTRY_SOURCE: {"own": False, "props": spooled.orgs[oid], "path": None}})
        rows.append([oid if col == pk else props.get(col) for col in org_cols])
    _write(base / "Organization" / "all.parquet", _schema({c: types[c] for c in org_cols}), rows)
    for rel in REGISTRY_RELS:
        part = [_rel_row(rel, s, d, {}, REGISTRY_SOURCE) for r, s, d in sorted(spooled.registry_edges)
                if r == rel and s in spooled.orgs and d in spooled.orgs]
        _write(base / rel / "all.parquet", _schema(REL_TABLES[rel][2], ("from", "to")), part)


#: Tables in the order they are copied: a relation's ends must be there first.
COPY_ORDER = ("Organization", "Document", "Source", *REL_TABLES)

#: A ``COPY`` and the checkpoint after it hold several times the rows' (uncompressed) size in the
#: page cache (six to eight times, measured on LadybugDB 0.22): a part is at most this share of it.
COPY_SHARE = 12
#: Shares of tables whose rows are mostly long strings: a Source row carries its file's packed delta,
#: and a ``COPY`` of them holds about twice as much again outside the page cache until the checkpoint
#: (at 100,000 files, a part of 85 MB raised the process by 1.0 GB, one of 21 MB by 0.45 GB, most of it
#: the cache filling); smaller parts keep the peak of a million-file load under 3 GB.
TABLE_SHARE = {"Source": 48}


def copy_parts(files: Iterable[str], limit: int) -> Iterator[list[str]]:
    """The files in order, in runs whose rows take at most ``limit`` bytes uncompressed (one file at least)."""
    part: list[str] = []
    size = 0
    for f in files:
        meta = pq.read_metadata(f)
        n = sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))
        if part and size + n > limit:
            yield part
            part, size = [], 0
        part.append(f)
        size += n
    if part:
        yield part


def copy_all(store: Store, root: str, pool: int) -> int:
    """Copy every table's Parquet files into the (empty) store; how many ``COPY`` statements.

    A table larger than the page cache (``pool`` bytes) can take is copied in
    parts, each checkpointed before the next: the engine keeps what one ``COPY``
    wrote in the cache until the checkpoint, so a whole table at once would need
    a cache as large as the corpus.
    """
    base = Path(root)
    copies = 0
    for table in COPY_ORDER:
        limit = max(1, pool // TABLE_SHARE.get(table, COPY_SHARE))
        files = sorted(str(p) for p in (base / table).glob("*.parquet")) if (base / table).is_dir() else []
        for part in copy_parts(files, limit):
            store.copy_from(table, part)
            store.write("CHECKPOINT")
            heap.trim()  # what the COPY built in malloc'd memory is free now: not kept by the process
            copies += 1
    return copies


def empty(store: Store) -> None:
    """Remove what a failed load copied (edges first), so the store is empty again."""
    for rel in REL_TABLES:
        store.write(f"MATCH ()-[r:{rel}]->() DELETE r")
    for table in ("Source", "Document", "Organization"):
        store.write(f"MATCH (n:{table}) DELETE n")


def table_columns(store: Store, table: str) -> list[str]:
    """The store's columns of ``table`` in their order (COPY matches Parquet columns by position)."""
    got = store.table_columns(table)
    want = set(columns(table))
    if set(got) != want:
        raise StoreError(f"{table}: the store's columns {sorted(got)} are not the schema's {sorted(want)}")
    return got
