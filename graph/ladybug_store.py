"""LadybugDB (the maintained Kùzu fork): the embedded default store.

One database file (``./luocdo.db`` or ``$LUOCDO_DB``), created with the
schema of :mod:`luocdo.graph.schema` on first open (new columns added to the
schema later are added with ``ALTER TABLE`` on the next writable open).
Document types share the one ``Document`` table; the type label is ``kind``.

Concurrency, as LadybugDB 0.22 behaves (checked, see tests/test_store.py):

* one *writable* ``Database`` per file: a second writer process fails at
  open with "Could not set lock on file" (reported as StoreError);
* any number of ``read_only=True`` opens, in other processes, even while a
  writer has the file open; a reader sees what was committed when it opened,
  so a read-only store re-opens the file when it changed (``.db`` or
  ``.wal`` size or mtime) before each read;
* inside one process, the store serialises writes itself (one write
  connection behind a lock) and gives each thread its own read connection.

So ``luocdo serve`` can open read-only while ``luocdo ingest`` writes, and
sees each committed batch on its next query.
"""

from __future__ import annotations

import os
import re
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import ladybug

from luocdo.graph.computed import fill_subjects
from luocdo.graph.cypher_dialect import LADYBUG, check_read_only, columns, plain, plain_row
from luocdo.graph.cypher_store import CypherStore
from luocdo.graph.schema import NODE_TABLES, REL_TABLES
from luocdo.graph.store import (
    DEFAULT_DB,
    QueryTimeout,
    ReadOnlyViolation,
    StoreError,
    StoreOverloaded,
)

#: LadybugDB's page cache, in MiB (``LUOCDO_BUFFER_POOL_MB`` overrides).  Left to itself the engine
#: takes up to 80 % of the machine's memory in every process that opens the file: an ingest, ``luocdo
#: serve``, each CLI call.  A writer whose checkpoint finds the cache too small (the room a checkpoint
#: needs grows with the database) reopens the file with twice as much (:meth:`LadybugStore._grow_pool`).
DEFAULT_BUFFER_POOL_MB = 1024


def buffer_pool_bytes(memory: bool, read_only: bool = True) -> int:
    """The buffer pool to open with (0: the engine's default, always for in-memory databases)."""
    if memory:
        return 0
    raw = os.environ.get("LUOCDO_BUFFER_POOL_MB", "").strip()
    if not raw:
        return DEFAULT_BUFFER_POOL_MB * 1024 * 1024
    try:
        mb = int(raw)
    except ValueError:
        raise StoreError(f"LUOCDO_BUFFER_POOL_MB must be a whole number of MiB, not {raw!r}") from None
    if mb < 64:
        raise StoreError(f"LUOCDO_BUFFER_POOL_MB={mb} is too small (at least 64)")
    return mb * 1024 * 1024


def _engine_default_pool() -> int:
    """What the engine takes when not told: 80 % of the machine's memory."""
    try:
        return int(0.8 * os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES"))
    except (ValueError, OSError, AttributeError):  # pragma: no cover - not POSIX
        return 8 * 2**30


#: "CALL checkpoint_threshold=…" and the like: remembered, and set again when the file is reopened.
_SETTING = re.compile(r"\s*CALL\s+(\w+)\s*=\s*(\S+?)\s*;?\s*\Z", re.I)


def _message(e: BaseException) -> str:
    text = str(e).strip()
    return text.splitlines()[0] if text else type(e).__name__


class LadybugStore(CypherStore):
    """The Store protocol on an embedded LadybugDB file (``":memory:"`` for a throwaway one)."""

    dialect = "ladybug"
    max_message: int | None = None  # in-process: no request size
    bulk_load = True
    _d = LADYBUG

    def __init__(self, path: str | os.PathLike[str] = DEFAULT_DB, *, read_only: bool = False) -> None:
        super().__init__()
        self.path = str(path)
        self.read_only = read_only
        self._memory = self.path in ("", ":memory:")
        if read_only and not self._memory and not Path(self.path).exists():
            raise StoreError(f"no database at {self.path} (run `luocdo ingest` first, or check --db / LUOCDO_DB)")
        self._local = threading.local()
        self._generation = 0
        self._changes = 0
        self.buffer_pool = buffer_pool_bytes(self._memory, read_only)  # bytes; 0: the engine's default
        self._settings: dict[str, str] = {}
        #: What happened to the page cache (for the ingest report): "raised to N MiB …".
        self.notes: list[str] = []
        self._in_tx = self._pool_pinned = False  # pinned: a bulk load's bound, never raised (pinned_pool)
        self._db: Any = None
        self._wconn: Any = None
        self._token: tuple = ()
        self._open()
        if not read_only:
            self._create_schema()
        else:
            self._check_schema()

    # -- opening ------------------------------------------------------------

    def _file_token(self) -> tuple:
        if self._memory:
            return ()
        out: list[tuple[int, int] | None] = []
        for p in (self.path, self.path + ".wal"):
            try:
                st = os.stat(p)
                out.append((st.st_mtime_ns, st.st_size))
            except FileNotFoundError:
                out.append(None)
        return tuple(out)

    def _open(self) -> None:
        token = self._file_token()
        try:
            db = ladybug.Database(self.path, read_only=self.read_only, buffer_pool_size=self.buffer_pool)
            conn = ladybug.Connection(db)
        except RuntimeError as e:
            msg = _message(e)
            if "lock" in msg.lower():
                raise StoreError(
                    f"{self.path} is open for writing in another process ({msg}); LadybugDB allows one "
                    "writer per file: wait for it, or open read-only"
                ) from e
            raise StoreError(f"cannot open LadybugDB database {self.path}: {msg}") from e
        self._db, self._wconn = db, conn
        self._token = token
        self._generation += 1

    def _refresh(self) -> None:
        """Re-open a read-only database that another process has written to since."""
        if self.read_only and not self._memory and self._file_token() != self._token:
            with self._write_lock:
                if self._file_token() != self._token:
                    try:
                        self._open()
                    except StoreError:
                        if self._db is None:
                            raise
                        # a writer is in the middle of a commit: the snapshot already open answers,
                        # and the next read tries again


    def _create_schema(self) -> None:
        with self._write_lock:
            for table in NODE_TABLES:
                self._exec(self._wconn, LADYBUG.create_node_table(table))
            for rel in REL_TABLES:
                self._exec(self._wconn, LADYBUG.create_rel_table(rel))
            # Columns added to graph/schema.py after the file was created.
            for table in NODE_TABLES:
                have = self._column_names(table)
                for col, typ in columns(table).items():
                    if col not in have:
                        self._exec(self._wconn, LADYBUG.add_column(table, col, typ))
                        if (table, col) == ("Document", "subject"):  # computed: filled, not left null
                            fill_subjects(lambda q, p=None: self._exec(self._wconn, q, p))
            for rel, (_s, _t, props) in REL_TABLES.items():
                have = self._column_names(rel)
                for col, typ in props.items():
                    if col not in have:
                        self._exec(self._wconn, LADYBUG.add_column(rel, col, typ))

    def _column_names(self, table: str) -> set[str]:
        rows = self._exec(self._wconn, f"CALL table_info('{table}') RETURN *")
        return {n for r in rows if (n := r.get("name")) is not None}

    def _check_schema(self) -> None:
        rows = self._exec(self._wconn, "CALL show_tables() RETURN *")
        have = {r.get("name") for r in rows}
        # Identity (graph.identity) is bookkeeping added later: a store without it still reads
        missing = [t for t in (*NODE_TABLES, *REL_TABLES) if t not in have and t != "Identity"]
        if missing and "Document" in have:
            raise StoreError(
                f"{self.path} was written by an earlier luocdo (no table {', '.join(missing)}); "
                "open it for writing once (luocdo ingest) to add them"
            )
        if missing:
            raise StoreError(f"{self.path} is not a luocdo database (no table {', '.join(missing)}); ingest into it first")

    # -- running ------------------------------------------------------------

    def _execute(self, conn: Any, query: str, params: dict[str, Any] | None = None) -> Any:
        """The engine's result of ``query`` (of the last statement when there are several)."""
        try:
            result = conn.execute(query, params or {})
        except RuntimeError as e:
            raise self._error(e, query) from e
        if isinstance(result, list):  # several statements: the last one answers
            for r in result[:-1]:
                r.close()
            result = result[-1]
        return result

    def _error(self, e: RuntimeError, query: str) -> StoreError:
        msg = _message(e)
        if msg.startswith("Interrupted"):
            return QueryTimeout(f"query interrupted by the time limit: {query[:80]}")
        if "buffer pool is full" in msg.lower():
            return StoreOverloaded(
                f"{self.path}: the database's page cache is full ({msg}); retry, run fewer queries at once, "
                "or raise LUOCDO_BUFFER_POOL_MB"
            )
        if "read-only" in msg.lower() and "write" in msg.lower():
            return ReadOnlyViolation(f"{self.path} is open read-only: {msg}")
        older = self._older_file(msg) if self.read_only else None
        if older:
            return StoreError(f"{self.path} was written by an earlier luocdo (no column {older}); "
                              "open it for writing once (luocdo ingest) to add it")
        return StoreError(f"ladybug: {msg}")

    def _older_file(self, msg: str) -> str | None:
        """``TABLE.column`` when the engine misses a property the schema has and the file lacks
        (a read-only open adds no columns); checked only on that error, so opening stays cheap."""
        m = re.search(r"Cannot find property (\w+) for", msg)
        if m is None:
            return None
        wanted = {**{t: columns(t) for t in NODE_TABLES}, **{r: props for r, (_s, _t, props) in REL_TABLES.items()}}
        for table, cols in wanted.items():
            if m.group(1) in cols:
                with suppress(RuntimeError, StoreError):
                    conn = ladybug.Connection(self._db)  # its own: the caller may hold another
                    rows = self._exec(conn, f"CALL table_info('{table}') RETURN *")
                    if m.group(1) not in {r.get("name") for r in rows}:
                        return f"{table}.{m.group(1)}"
        return None

    def _exec(
        self, conn: Any, query: str, params: dict[str, Any] | None = None, *, limit: int | None = None,
        as_plain: bool = False,
    ) -> list[dict[str, Any]]:
        """The rows of ``query`` (``as_plain``: their values as :func:`plain` gives them)."""
        result = self._execute(conn, query, params)
        try:
            names = result.get_column_names()
            rows: list[dict[str, Any]] = []
            while result.has_next() and (limit is None or len(rows) < limit):
                values = result.get_next()
                rows.append(plain_row(names, values) if as_plain else dict(zip(names, values, strict=True)))
            return rows
        except RuntimeError as e:
            raise self._error(e, query) from e
        finally:
            result.close()

    def _run(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        self._refresh()
        with self._write_lock:
            return self._exec(self._wconn, query, params)

    def _read_conn(self) -> Any:
        self._refresh()
        loc = self._local
        if getattr(loc, "generation", None) != self._generation:
            loc.conn = ladybug.Connection(self._db)
            loc.generation = self._generation
        return loc.conn

    def _read_rows(self, query: str) -> list[dict[str, Any]]:
        return self._exec(self._read_conn(), query)

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        if self._in_tx:
            yield
            return
        self._exec(self._wconn, "BEGIN TRANSACTION")
        self._in_tx = True
        try:
            yield
        except BaseException as e:
            with suppress(RuntimeError):  # the engine may have rolled back already
                self._wconn.execute("ROLLBACK")
            if isinstance(e, StoreError | KeyboardInterrupt | SystemExit):
                raise
            raise StoreError(f"write failed and was rolled back: {type(e).__name__}: {e}") from e
        else:
            try:
                self._exec(self._wconn, "COMMIT")
            except StoreOverloaded as e:
                # "Transaction committed successfully, but the post-commit checkpoint failed": the
                # data is durable (the log is replayed on opening); only the cache was too small
                if "committed successfully" not in str(e).lower() or not self._grow_pool():
                    raise
            self._changes += 1
        finally:
            self._in_tx = False

    def _grow_pool(self) -> bool:
        """Reopen the file with twice the page cache, up to the engine's own default; False when at it.

        A checkpoint rewrites the changed parts of the database in the cache; how
        much room that takes grows with the database.  Starting small and
        doubling keeps an ingest's memory at what the database needs (about
        1 GiB for 100,000 documents) rather than at 80 % of the machine.
        """
        if self._memory or self.read_only or self._pool_pinned:
            return False
        ceiling = _engine_default_pool()
        current = self.buffer_pool or ceiling
        if current >= ceiling:
            return False
        self.buffer_pool = min(2 * current, ceiling)
        self.notes.append(
            f"LadybugDB's page cache raised to {self.buffer_pool // 2**20:,} MiB: a checkpoint of "
            f"{self.path} needed more than {current // 2**20:,} MiB"
        )
        with self._write_lock:
            self._close_handles()
            self._open()
            for name, value in self._settings.items():
                self._exec(self._wconn, f"CALL {name}={value}")
        return True

    @contextmanager
    def pinned_pool(self) -> Iterator[int]:
        """The page cache held at its size (given, in bytes) for a bulk load, which sizes its COPY parts to it."""
        self._pool_pinned = True
        try:
            yield self.buffer_pool or _engine_default_pool()
        finally:
            self._pool_pinned = False

    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.path} was opened read-only")

    # -- Store protocol -----------------------------------------------------

    def read(self, query: str, params: dict[str, Any] | None = None, *, limit: int | None = None,
             timeout_s: float | None = None) -> list[dict[str, Any]]:
        """Run a read-only query: at most ``limit`` rows, stopped after ``timeout_s``."""
        check_read_only(query)
        if limit is not None and limit < 0:
            raise StoreError(f"limit must be >= 0, got {limit}")
        conn = self._read_conn()
        conn.set_query_timeout(int(timeout_s * 1000) if timeout_s else 0)
        try:
            return self._exec(conn, query, params, limit=limit, as_plain=True)
        finally:
            conn.set_query_timeout(0)

    def stream(
        self, query: str, params: dict[str, Any] | None = None, *, limit: int | None = None,
        timeout_s: float | None = None,
    ) -> Iterator[dict[str, Any]]:
        """Like :meth:`read`, one row at a time: the caller stops when it has enough (rows, bytes, time).

        The query runs (and is checked) now; the rows are fetched as the
        iterator is consumed, in the calling thread.
        """
        check_read_only(query)
        conn = self._read_conn()
        conn.set_query_timeout(int(timeout_s * 1000) if timeout_s else 0)
        try:
            result = self._execute(conn, query, params)
        finally:
            conn.set_query_timeout(0)
        return self._rows(result, query)

    def _rows(self, result: Any, query: str) -> Iterator[dict[str, Any]]:
        try:
            names = result.get_column_names()
            while result.has_next():
                yield plain_row(names, result.get_next())
        except RuntimeError as e:
            raise self._error(e, query) from e
        finally:
            result.close()

    def setting(self, name: str) -> str:
        """The engine's value of a setting, for the store's own callers (user queries may not read them)."""
        if not re.fullmatch(r"\w+", name):
            raise StoreError(f"bad setting name {name!r}")
        rows = self._exec(self._read_conn(), f"CALL current_setting('{name}') RETURN *")
        if not rows or name not in rows[0]:
            raise StoreError(f"LadybugDB has no setting {name!r}")
        return str(rows[0][name])

    def parse_error(self, query: str) -> str | None:
        """The engine's parser message for ``query``, None when it parses (nothing is run).

        Only for text that passed :func:`check_read_only` up to the point where it stops being Cypher.
        """
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # prepare alone is the point here
            try:
                prepared = self._read_conn().prepare(query)
            except RuntimeError as e:
                return " ".join(str(e).split())
        try:
            return None if prepared.is_success() else " ".join(prepared.get_error_message().split())
        finally:
            prepared.close()

    def write(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        self._check_writable()
        try:
            try:
                rows = self._run(query, params)
            except StoreOverloaded as e:
                # the page cache was too small for the write or for the checkpoint after it
                if self._in_tx or not self._grow_pool():
                    raise
                committed = "committed successfully" in str(e).lower()
                rows = [] if committed else self._run(query, params)
        finally:
            self._changes += 1
        m = _SETTING.match(query)
        if m:
            self._settings[m.group(1).lower()] = m.group(2)
        return [{k: plain(v) for k, v in r.items()} for r in rows]

    def file_state(self) -> tuple:
        """Size and time of the file and its log: changes when any process writes (cheap, opens nothing)."""
        return self._file_token()

    def version(self) -> tuple:
        """Changes whenever the data may have: a commit here, or the file written by another process.

        Lets callers keep what they derived from the store (the search index)
        until it is stale.
        """
        self._refresh()
        return (self._generation, self._changes, self._file_token())

    # -- bulk loading (graph/bulk.py) ----------------------------------------

    def table_columns(self, table: str) -> list[str]:
        """Columns of a table in their stored order."""
        with self._write_lock:
            rows = self._exec(self._wconn, f"CALL table_info('{table}') RETURN *")
        return [r["name"] for r in sorted(rows, key=lambda r: r.get("property id", 0))]

    def is_empty(self) -> bool:
        """No Source, Document or Organization yet: a bulk load may copy into it."""
        with self._write_lock:
            for table in ("Source", "Document", "Organization"):
                if self._exec(self._wconn, f"MATCH (n:{table}) RETURN n LIMIT 1"):
                    return False
        return True

    def copy_from(self, table: str, files: list[str]) -> None:
        """LadybugDB's bulk loader: ``COPY table FROM`` Parquet files (columns in the table's order)."""
        self._check_writable()
        if table not in (*NODE_TABLES, *REL_TABLES):
            raise StoreError(f"unknown table {table!r}")
        listed = ", ".join("'" + f.replace("\\", "\\\\").replace("'", "\\'") + "'" for f in files)
        while True:
            try:
                with self._write_lock:
                    self._exec(self._wconn, f"COPY {table} FROM [{listed}]")
                break
            except StoreOverloaded:  # a COPY is all or nothing: with a larger page cache, again
                if not self._grow_pool():
                    raise
        self._changes += 1

    def _close_handles(self) -> None:
        for obj in (self._wconn, self._db):
            if obj is not None:
                with suppress(RuntimeError):
                    obj.close()
        self._wconn = self._db = None
        self._local = threading.local()

    def close(self) -> None:
        with self._write_lock:
            self._close_handles()

    def __enter__(self) -> LadybugStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"LadybugStore({self.path!r}, read_only={self.read_only})"
