"""The search index of an embedded store: a Tantivy index in a folder beside the database file.

``luocdo.db`` keeps its index in ``luocdo.db.search/``.  Ingest keeps it up
to date (every document a batch touched is written again, or deleted when
the batch left it without claims); a search opens it instead of reading every
document's text into memory.  What one index entry holds:

* ``key`` — the document key (a single term: found, deleted by it);
* ``text`` — the words the search ranks (:func:`doc_text`), one term each;
* ``more`` — the place words a name may use (:func:`place_words`);
* ``number`` / ``type`` / ``year`` / ``date`` / ``sym`` / ``sym0`` — what
  name resolution checks a document on, as single terms, so the documents a
  typed name fits are found, and scored, without reading them;
* ``order`` (a fast field) — how documents that fit a name equally are
  listed (:func:`list_order`).

``meta.json`` says which format the index is in, how many documents it held
when last completed, and whether an ingest was writing it (``clean``): an
index that is missing, of another format, left unclean by a stopped ingest,
or whose count is not the store's is rebuilt from the store (the search says
so), never used as it is.

A Neo4j server keeps no files of ours, so its index is kept by the client, in
a folder named by the database's id under ``$LUOCDO_SEARCH_DIR``
(default ``~/.cache/luocdo/search``).  Other clients write to a server unseen,
so the index also records the server's state when it was last in step
(``stamp``: :meth:`Neo4jStore.version`); an index of another state is
rebuilt.  Neo4j's own full-text index (Lucene) was not used: its scores
(BM25) and fuzzy matching (edit distance) are not this ranking's, and Cypher
cannot list its words, which the ranking weighs by rarity — its answers
would not be the embedded store's.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

import tantivy

from luocdo.core.fold import fold, squash
from luocdo.core.keys import scope_words
from luocdo.graph.schema import type_name
from luocdo.graph.store import Store

if TYPE_CHECKING:
    from luocdo.graph.neo4j_store import Neo4jStore

#: Bumped whenever what is indexed changes: an index of another format is rebuilt.
FORMAT = 2

#: Fields of an index entry (:func:`entry`).
ENTRY_FIELDS = ("key", "text", "more", "number", "type", "year", "date", "sym", "sym0", "order")

#: Columns of a Document the index is made of.
COLUMNS = ("key", "type", "display", "title", "issuer", "search", "number", "symbol", "year", "date", "ingested", "province")

_WORD = re.compile(r"[a-z0-9]+")
_TOKEN = re.compile(r"[a-z0-9đ]+")


def index_dir(db_path: str | Path) -> Path:
    """The index folder of a database file."""
    return Path(str(db_path) + ".search")


def search_home() -> Path:
    """Where the indexes of server stores are kept: ``$LUOCDO_SEARCH_DIR``, else the user's cache."""
    if os.environ.get("LUOCDO_SEARCH_DIR"):
        return Path(os.environ["LUOCDO_SEARCH_DIR"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "luocdo" / "search"


def server_index_dir(database_id: str) -> Path:
    """The index folder of a server's database, named by the database's own id (not by the address
    that reaches it, nor the port a restart may change)."""
    return search_home() / ("neo4j-" + re.sub(r"[^A-Za-z0-9]+", "", database_id)[:32])


def doc_text(row: dict[str, Any]) -> str:
    """The words a document is ranked on: its type's name, then its folded number, title and issuer."""
    base = row.get("search") or squash(
        " ".join(x for x in (row.get("display") or row["key"], row.get("title"), row.get("issuer")) if x)
    )
    tname = type_name(row["type"]) if row.get("type") else ""
    return " ".join(_WORD.findall(squash(f"{tname} {base}")))


def place_words(row: dict[str, Any]) -> str:
    """Words a name may use for the document's place (its province, its key's scope), folded."""
    return squash(" ".join(((row.get("province") or ""), scope_words(row["key"]))))


def norm_number(n: str | None) -> str | None:
    """A document number as names are matched on: lower case, no leading zeros."""
    if n is None:
        return None
    n = n.strip().lower()
    return n.lstrip("0") or "0"


def sym_tokens(symbol: str | None) -> tuple[str, ...]:
    return tuple(_TOKEN.findall(fold(symbol))) if symbol else ()


def _schema() -> tantivy.Schema:
    b = tantivy.SchemaBuilder()
    b.add_text_field("key", stored=True, tokenizer_name="raw", index_option="basic")
    b.add_text_field("text", stored=True, tokenizer_name="whitespace", index_option="basic")
    b.add_text_field("more", stored=False, tokenizer_name="whitespace", index_option="basic")
    for name in ("number", "type", "year", "date", "sym", "sym0"):
        b.add_text_field(name, stored=False, tokenizer_name="raw", index_option="basic")
    b.add_unsigned_field("order", stored=False, indexed=False, fast=True)
    return b.build()


def date_int(date: str | None) -> int:
    """"2025-06-02" → 20250602 (0: undated)."""
    try:
        return int(date.replace("-", "")) if date else 0
    except ValueError:
        return 0


def list_order(ingested: bool, date: str | None) -> int:
    """How name resolution lists documents that fit a name equally, as one number (larger first):
    ingested ones, then dated ones, newest first (the key breaks what is left)."""
    d = date_int(date)
    return (int(bool(ingested)) << 40) | (int(d > 0) << 39) | d


def entry(row: dict[str, Any]) -> dict[str, Any]:
    """The index entry of one document row (:data:`COLUMNS`)."""
    toks = sym_tokens(row.get("symbol"))
    return {
        "key": row["key"],
        "text": doc_text(row),
        "more": place_words(row),
        "number": norm_number(row.get("number")) or "",
        "type": fold(row["type"]) if row.get("type") else "",
        "year": str(int(row.get("year") or 0)),
        "date": row.get("date") or "",
        "sym": " ".join(toks),
        "sym0": toks[0] if toks else "",
        "order": list_order(bool(row.get("ingested")), row.get("date")),
    }


def _document(e: dict[str, Any]) -> tantivy.Document:
    """An entry as a Tantivy document (``order`` unsigned: a Python int would be read as signed)."""
    order = e["order"]
    doc = tantivy.Document(**{k: v for k, v in e.items() if k != "order"})
    doc.add_unsigned("order", int(order))
    return doc


class FullText:
    """One index folder: written by ingest, read by search."""

    def __init__(self, folder: str | Path, server: Neo4jStore | None = None) -> None:
        """``server``: the store of a server written by other clients too, whose ``version()``
        stamps the index (None: an embedded store, whose file only this index follows)."""
        self.folder = Path(folder)
        self.server = server
        self._index: tantivy.Index | None = None
        self._base: tuple[Any, int] | None = None  # the server's state and its commits at begin()

    def stamp(self) -> list[Any] | None:
        """The server's state now (None: an embedded store)."""
        return json.loads(json.dumps(list(self.server.version() or ()))) if self.server is not None else None

    # -- state ------------------------------------------------------------------------------------

    def meta(self) -> dict[str, Any] | None:
        try:
            return json.loads((self.folder / "meta.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def _set_meta(self, **values: Any) -> None:
        meta = {**(self.meta() or {}), "format": FORMAT, **values}
        tmp = self.folder / "meta.json.tmp"
        tmp.write_text(json.dumps(meta), encoding="utf-8")
        tmp.replace(self.folder / "meta.json")

    def problem(self, documents: int) -> str | None:
        """Why the index cannot answer for a store of ``documents`` documents (None: it can)."""
        meta = self.meta()
        if meta is None or not (self.folder / "meta.json").is_file():
            return f"{self.folder} is missing (a store written before the search index existed)"
        if meta.get("format") != FORMAT:
            return f"{self.folder} is in format {meta.get('format')}, this version reads format {FORMAT}"
        if not meta.get("clean"):
            return f"{self.folder} was left incomplete by an ingest that stopped"
        if meta.get("documents") != documents:
            return f"{self.folder} holds {meta.get('documents')} documents, the store {documents}"
        if self.server is not None and meta.get("stamp") != self.stamp():
            return f"{self.folder} was made from another state of {self.server.uri} (written since by another client)"
        return None

    def index(self) -> tantivy.Index:
        if self._index is None:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._index = tantivy.Index(_schema(), path=str(self.folder), reuse=True)
        return self._index

    # -- writing ----------------------------------------------------------------------------------

    def begin(self) -> None:
        """Mark the index as being written: a stop before :meth:`finish` leaves it to be rebuilt."""
        self.index()
        if self.server is not None:
            self._base = (self.stamp(), self.server.commits)
        self._set_meta(clean=False)

    def finish(self, documents: int) -> None:
        """The index is in step again.  On a server, only if the write transactions counted since
        :meth:`begin` are this client's own (one more each): another client's write in between,
        unseen by the index, leaves a stamp no state has, and the next search rebuilds it."""
        if self.server is None:
            self._set_meta(clean=True, documents=documents)
            return
        base, commits = self._base or (None, self.server.commits)
        made = self.server.commits - commits
        last = json.loads(json.dumps(list(self.server.last_stamp))) if made and self.server.last_stamp else base
        ok = (base is not None and last is not None and base[0] in (None, last[0])
              and last[1] == (base[1] or 0) + made)
        self._set_meta(clean=True, documents=documents, stamp=last if ok else ["written by another client meanwhile"])

    def update(self, rows: Iterable[dict[str, Any]], gone: Iterable[str] = ()) -> None:
        """Write these documents again (by key) and delete ``gone`` keys; one commit."""
        w = self.index().writer(heap_size=64_000_000, num_threads=1)
        try:
            for key in gone:
                w.delete_documents_by_term("key", key)
            for row in rows:
                w.delete_documents_by_term("key", row["key"])
                w.add_document(_document(entry(row)))
            w.commit()
            w.wait_merging_threads()
        except BaseException:
            w.rollback()
            raise

    def rebuild(self, rows: Iterable[dict[str, Any]], threads: int = 0, prepared: bool = False) -> int:
        """Replace the whole index by these rows (``prepared``: by these :func:`entry` values); how many.

        The index's writer lock is taken before anything is changed, so a
        rebuild asked while an ingest writes the index fails (ValueError) and
        leaves it alone.  Only an index of another format is removed first.
        """
        self._index = None
        stamp = self.stamp()  # before reading: a write while the rows are read leaves the index stale
        meta = self.meta()
        if self.folder.exists() and (meta is None or meta.get("format") != FORMAT):
            shutil.rmtree(self.folder)
        try:
            ix = self.index()
        except ValueError:  # not an index of this schema: start afresh
            shutil.rmtree(self.folder)
            self._index = None
            ix = self.index()
        w = ix.writer(heap_size=256_000_000, num_threads=threads)
        self._set_meta(clean=False)
        w.delete_all_documents()
        n = 0
        for row in rows:
            w.add_document(_document(row if prepared else entry(row)))
            n += 1
        w.commit()
        w.wait_merging_threads()
        self.index().reload()
        if self.server is None:
            self.finish(n)
        else:
            self._set_meta(clean=True, documents=n, stamp=stamp)
        return n

    # -- reading ----------------------------------------------------------------------------------

    def searcher(self) -> tantivy.Searcher:
        ix = self.index()
        ix.reload()
        return ix.searcher()


def of_store(store: Store) -> FullText | None:
    """The index an embedded store keeps beside its file, or a client keeps of a Neo4j database
    (None: in memory, or another engine)."""
    from luocdo.graph.neo4j_store import Neo4jStore

    if isinstance(store, Neo4jStore):
        return FullText(server_index_dir(store.database_id), server=store)
    path = store.path
    if store.dialect != "ladybug" or not path or path == ":memory:":
        return None
    return FullText(index_dir(path))


def count_documents(store: Store) -> int:
    rows = store.read("MATCH (d:Document) RETURN count(d) AS n")
    return int(rows[0]["n"]) if rows else 0


def document_rows(store: Store, keys: list[str] | None = None) -> Iterator[dict[str, Any]]:
    """The index's columns of these documents (of all of them, a page at a time, when ``keys`` is None)."""
    from luocdo.graph.nx import keyset_rows

    if keys is None:
        yield from keyset_rows(store, "Document", list(COLUMNS))
        return
    ret = ", ".join(f"d.`{c}` AS `{c}`" for c in COLUMNS)
    query = f"UNWIND $keys AS k MATCH (d:Document {{key: k}}) RETURN {ret}"
    for i in range(0, len(keys), 2000):
        yield from store.read(query, {"keys": keys[i : i + 2000]})


def rebuild_from_store(store: Store, why: str | None = None) -> str | None:
    """Build the index of ``store`` again from its documents; the note that says so (None: no index)."""
    index = of_store(store)
    if index is None:
        return None
    n = index.rebuild(document_rows(store))
    return f"search index {index.folder} rebuilt from the store ({n:,} documents)" + (f": {why}" if why else "")


def kept(store: Store, name: str, load: Callable[[], tuple[list[str], list[str]]]) -> tuple[list[str], list[str]]:
    """``load()`` (ids and texts, e.g. the organizations' search texts), kept in the index folder of an
    embedded store while its database file is unchanged.

    Reading and folding the 14,000 organizations was most of the first search of a process at
    1,000,000 documents; any write changes the file's size or time, and the next search reads
    the store again.  A folder that cannot be written only costs the reading.
    """
    index = of_store(store)
    state = getattr(store, "file_state", None)
    if index is not None and index.server is not None:
        state = index.stamp
    if index is None or state is None:
        return load()
    stamp = json.loads(json.dumps([FORMAT, name, list(state())]))
    path = index.folder / f"{name}.json"
    try:
        got = json.loads(path.read_text(encoding="utf-8"))
        if got.get("stamp") == stamp:
            return list(got["ids"]), list(got["texts"])
    except (OSError, ValueError, KeyError, AttributeError):
        pass
    ids, texts = load()
    with suppress(OSError):
        index.folder.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps({"stamp": stamp, "ids": list(ids), "texts": list(texts)}, ensure_ascii=False),
                       encoding="utf-8")
        tmp.replace(path)
    return list(ids), list(texts)
