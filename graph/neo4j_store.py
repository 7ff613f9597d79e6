"""Neo4j (or any Bolt server) through the official ``neo4j`` driver.

Same semantics as the embedded store (see :mod:`luocdo.graph.cypher_store`):
per-source replace, claims merged into properties, batched
``UNWIND $rows AS r MERGE …``.  Documents carry ``:Document`` plus one label
per type (``:Document:Plan``); the label is recomputed with the properties.
Uniqueness constraints on Document.key, Organization.id and Source.id are
created when the server supports them, plain indexes otherwise.

Reads run in sessions opened with ``default_access_mode=READ`` (Neo4j
refuses writes there) after the same keyword check as the embedded store, and
with the server-side transaction timeout.

FalkorDB 4.16's experimental Bolt endpoint (what the tests use when no Neo4j
is at hand) differs, and the store detects it (``flavor == "falkordb"``) and
works around each difference:

* no constraints: plain indexes on the primary keys instead;
* no rollback: :meth:`apply` first deletes the edges a source is about to add,
  so re-running a batch that failed half-way does not duplicate them, and the
  Source node (with the new hash) is written last, so a failed batch is
  retried in full on the next ingest;
* the access mode and the database name select *different graphs*, and not
  consistently: every session is opened in write mode without a database
  name, so ``read()`` relies on the keyword check alone;
* a request of 4 KiB or more crashes the server: UNWIND lists are split, and
  long values are written in pieces (``SET n.p = n.p + $piece``);
* a string parameter holding ``'`` or ``\\`` fails: such characters are stored
  as private-use characters (U+E027, U+E05C) and turned back when read, so
  string *literals* in a query that contain them do not match;
* parallel edges (same endpoints, e.g. one CITES per citing source) count as
  one row when the relationship variable is not used in the query
  (``count(d)`` over ``(d)-[:R]->(o)``): write ``-[r:R]->`` and use ``r``;
* a transaction timeout, like the access mode, selects another graph: it is
  not sent, so ``timeout_s`` is not enforced there;
* every error is "An unknown error occurred";
* a new connection right after another client's GOODBYE may not get its
  handshake answered: connections are retried (``connection_timeout``).
"""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import Any, TypeVar
from urllib.parse import urlsplit

import neo4j
from neo4j.exceptions import DriverError, Neo4jError, ServiceUnavailable, SessionExpired

from luocdo.graph.cypher_dialect import (
    NEO4J,
    PRIMARY_KEYS,
    check_read_only,
    plain,
    q,
    value_columns,
)
from luocdo.graph.cypher_store import CypherStore
from luocdo.graph.delta import GraphDelta
from luocdo.graph.store import QueryTimeout, StoreError

T = TypeVar("T")

#: Attempts at a new Bolt connection before giving up.
CONNECT_ATTEMPTS = 3


#: FalkorDB 4.16's Bolt crashes on a request of 4096 bytes or more; stay well below.
FALKORDB_MAX_MESSAGE = 3600


#: FalkorDB 4.16's Bolt fails on a string parameter holding ' or \\ (or NUL):
#: those are stored as private-use characters and turned back on the way out.
_ENCODE = str.maketrans({"'": "\ue027", "\\": "\ue05c", "\x00": "\ue000"})
_DECODE = str.maketrans({"\ue027": "'", "\ue05c": "\\", "\ue000": "\x00"})


def _size(query: str, params: dict[str, Any] | None) -> int:
    """An upper bound of the request's size on the wire (JSON is larger than PackStream)."""
    return len(query.encode()) + len(json.dumps(params or {}, ensure_ascii=False, default=str).encode()) + 64


def _cut(text: str, max_bytes: int) -> str:
    data = text.encode()
    return data[: max(0, max_bytes)].decode(errors="ignore") if len(data) > max_bytes else text


def _pieces(value: str | list, max_bytes: int) -> Iterator[str | list]:
    """A long string or list in consecutive parts of at most ``max_bytes`` (as JSON)."""
    max_bytes = max(64, max_bytes)
    if isinstance(value, str):
        part: list[str] = []
        size = 0
        for ch in value:
            n = len(ch.encode()) + (1 if ch in '"\\' else 0)
            if size + n > max_bytes and part:
                yield "".join(part)
                part, size = [], 0
            part.append(ch)
            size += n
        if part:
            yield "".join(part)
    else:
        items: list = []
        size = 2
        for x in value:
            n = len(json.dumps(x, ensure_ascii=False).encode()) + 2
            if size + n > max_bytes and items:
                yield items
                items, size = [], 2
            items.append(x)
            size += n
        if items:
            yield items


def _absorb_handshake(uri: str, wait_s: float = 0.3) -> None:
    """Take FalkorDB's one unanswered handshake after a GOODBYE, so the next client does not.

    A bare TCP handshake (closed without GOODBYE) does not leave the server in that state.
    """
    parts = urlsplit(uri)
    host, port = parts.hostname or "localhost", parts.port or 7687
    try:
        with socket.create_connection((host, port), timeout=wait_s) as s:
            s.sendall(b"\x60\x60\xb0\x17" + bytes([0, 0, 4, 5]) + bytes(12))
            s.recv(4)
    except OSError:
        pass


def _message(e: BaseException) -> str:
    if isinstance(e, Neo4jError):
        return f"{e.code or 'error'}: {e.message or e}"
    return str(e).splitlines()[0] if str(e) else type(e).__name__


class Neo4jStore(CypherStore):
    """The Store protocol on a Bolt server."""

    dialect = "neo4j"
    _d = NEO4J

    def __init__(
        self,
        uri: str,
        user: str | None = None,
        password: str | None = None,
        *,
        database: str | None = None,
        read_only: bool = False,
        connection_timeout: float = 10.0,
    ) -> None:
        super().__init__()
        self.uri = uri
        self.read_only = read_only
        self.database = database or os.environ.get("NEO4J_DATABASE") or None
        # An empty password means "no auth" (FalkorDB answers AUTH with an error otherwise).
        auth = (user or "neo4j", password) if password else None
        try:
            self._driver = neo4j.GraphDatabase.driver(
                uri, auth=auth, connection_timeout=connection_timeout,
                connection_acquisition_timeout=connection_timeout,
            )
            self._retry(self._driver.verify_connectivity)
        except (DriverError, Neo4jError, ValueError, OSError) as e:
            raise StoreError(f"cannot connect to {uri}: {_message(e)}") from e
        self._tx: Any = None
        self._session: Any = None
        self._escape = False
        self.server = self._server_agent()
        self.flavor = self._flavor()
        self._escape = self.flavor == "falkordb"
        #: Largest request FalkorDB's Bolt survives (it crashes on a 4 KiB message).
        self.max_message: int | None = FALKORDB_MAX_MESSAGE if self.flavor == "falkordb" else None
        if not read_only:
            self._create_schema()

    # -- plumbing -----------------------------------------------------------

    @staticmethod
    def _retry(fn: Callable[[], T], attempts: int = CONNECT_ATTEMPTS) -> T:
        """Call ``fn``, again when a new connection could not be made.

        FalkorDB's Bolt sometimes leaves the first handshake after another
        client's GOODBYE unanswered; the next connection works.
        """
        for i in range(attempts):
            try:
                return fn()
            except (ServiceUnavailable, SessionExpired):
                if i == attempts - 1:
                    raise
        raise AssertionError("unreachable")

    def _enc(self, value: Any) -> Any:
        """Strings as FalkorDB's Bolt can take them (no ' or \\ in parameters)."""
        if not self._escape:
            return value
        if isinstance(value, str):
            return value.translate(_ENCODE)
        if isinstance(value, dict):
            return {k: self._enc(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [self._enc(v) for v in value]
        return value

    def _dec(self, value: Any) -> Any:
        if not self._escape:
            return value
        if isinstance(value, str):
            return value.translate(_DECODE)
        if isinstance(value, dict):
            return {k: self._dec(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [self._dec(v) for v in value]
        return value

    def _flavor(self) -> str:
        """"neo4j", "falkordb" (which calls itself Neo4j in its agent string) or "bolt"."""
        try:
            rows = self._autocommit("CALL dbms.components() YIELD name RETURN name")
            if any("neo4j" in str(r.get("name", "")).lower() for r in rows):
                return "neo4j"
        except StoreError:
            pass
        try:
            rows = self._autocommit("CALL dbms.procedures() YIELD name RETURN name")
            if any(str(r.get("name", "")).startswith(("algo.", "db.idx.")) for r in rows):
                return "falkordb"
        except StoreError:
            pass
        return "bolt"

    def _server_agent(self) -> str:
        try:
            info = self._driver.get_server_info()
            return str(info.agent or "")
        except (DriverError, Neo4jError):
            return ""

    def _sess(self, mode: str = neo4j.WRITE_ACCESS) -> Any:
        if self._escape:  # FalkorDB: see the module docstring
            return self._driver.session(default_access_mode=neo4j.WRITE_ACCESS)
        kw: dict[str, Any] = {"default_access_mode": mode}
        if self.database:
            kw["database"] = self.database
        return self._driver.session(**kw)

    def _create_schema(self) -> None:
        """Constraints and indexes, each skipped if the server does not have it."""
        done_unique = True
        for stmt in NEO4J.constraints():
            try:
                self._autocommit(stmt)
            except StoreError:
                if "CONSTRAINT" in stmt:
                    done_unique = False
        if not done_unique:  # FalkorDB: plain (exact-match) indexes on the primary keys
            for stmt in NEO4J.plain_indexes():
                with suppress(StoreError):  # already there
                    self._autocommit(stmt)

    def _autocommit(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        def go() -> list[dict[str, Any]]:
            with self._sess() as s:
                return [self._dec(dict(r.items())) for r in s.run(query, self._enc(params or {}))]

        try:
            return self._retry(go)
        except (Neo4jError, DriverError) as e:
            raise StoreError(f"neo4j: {_message(e)}") from e

    def _run(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        params = self._enc(params or {})
        if self.max_message and _size(query, params) > self.max_message:
            return self._run_split(query, params)
        with self._write_lock:
            if self._tx is None:
                return self._autocommit(query, params)
            try:
                return [self._dec(dict(r.items())) for r in self._tx.run(query, params)]
            except (Neo4jError, DriverError) as e:
                raise StoreError(f"neo4j: {_message(e)}") from e

    def _run_split(self, query: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        """Run a statement too big for the server as several smaller ones.

        Every UNWIND statement here treats its rows independently, so halving
        the list is exact.  A single row still too big has its longest strings
        cut (only evidence sentences get that long; node values are written in
        pieces by :meth:`_write_nodes`).
        """
        lists = [k for k, v in params.items() if isinstance(v, list) and len(v) > 1]
        if lists:
            k = max(lists, key=lambda k: len(params[k]))
            half = len(params[k]) // 2
            return self._run(query, {**params, k: params[k][:half]}) + self._run(query, {**params, k: params[k][half:]})
        rows = params.get("rows")
        if isinstance(rows, list) and len(rows) == 1 and isinstance(rows[0], dict):
            row = dict(rows[0])
            for f, v in sorted(row.items(), key=lambda kv: -len(str(kv[1]))):
                if isinstance(v, str) and len(v) > 200:
                    row[f] = _cut(v, max(200, len(v.encode()) - (_size(query, {**params, "rows": [row]}) - self.max_message) - 16))
                if _size(query, {**params, "rows": [row]}) <= (self.max_message or 0):
                    return self._run(query, {**params, "rows": [row]})
        raise StoreError(f"{self.uri}: statement too large for this Bolt server ({_size(query, params)} bytes): {query[:60]}")

    def _write_nodes(self, table: str, stmt: str, rows: list[dict[str, Any]]) -> None:
        if not self.max_message:
            super()._write_nodes(table, stmt, rows)
            return
        small: list[dict[str, Any]] = []
        budget = self.max_message // 2
        cols = value_columns(table)
        for row in rows:
            if _size(stmt, {"rows": [row]}) <= self.max_message:
                small.append(row)
                continue
            # Write the row with its long values empty, then append them piece by piece.
            later: list[tuple[str, Any]] = []
            short = dict(row)
            for f, v in row.items():
                if f != "k" and isinstance(v, str | list) and len(json.dumps(v, ensure_ascii=False).encode()) > 256:
                    short[f] = "" if isinstance(v, str) else []
                    later.append((cols[int(f[1:])], v))
            self._run(stmt, {"rows": [short]})
            pk = PRIMARY_KEYS[table]
            for col, v in later:
                append = f"MATCH (n:{table} {{{q(pk)}: $k}}) SET n.{q(col)} = n.{q(col)} + $p"
                for piece in _pieces(v, budget - len(append) - len(row["k"].encode())):
                    self._run(append, {"k": row["k"], "p": piece})
        if small:
            super()._write_nodes(table, stmt, small)

    def _read_rows(self, query: str) -> list[dict[str, Any]]:
        return self.read(query)

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        if self._tx is not None:
            yield
            return
        def begin() -> None:
            self._session = self._sess()
            try:
                self._tx = self._session.begin_transaction()
            except BaseException:
                self._session.close()
                raise

        try:
            self._retry(begin)
        except (Neo4jError, DriverError) as e:
            self._close_session()
            raise StoreError(f"neo4j: cannot begin a transaction: {_message(e)}") from e
        try:
            yield
        except BaseException as e:
            with suppress(Neo4jError, DriverError):
                self._tx.rollback()
            self._close_session()
            if isinstance(e, StoreError | KeyboardInterrupt | SystemExit):
                raise
            raise StoreError(f"write failed and was rolled back: {type(e).__name__}: {e}") from e
        else:
            try:
                self._tx.commit()
            except (Neo4jError, DriverError) as e:
                raise StoreError(f"neo4j: commit failed: {_message(e)}") from e
            finally:
                self._close_session()

    def _close_session(self) -> None:
        tx, sess = self._tx, self._session
        self._tx = self._session = None
        if tx is not None:
            with suppress(Neo4jError, DriverError):
                tx.close()
        if sess is not None:
            sess.close()

    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.uri} was opened read-only")

    def _swap(self, old: list[GraphDelta], new: list[GraphDelta]) -> None:
        # Without rollback (FalkorDB) a failed batch may have left some of the new
        # edges behind; removing them first makes the retry exact.
        super()._swap([*old, *(d for d in new if d not in old)], new)

    # -- Store protocol -----------------------------------------------------

    def read(
        self,
        query: str,
        params: dict[str, Any] | None = None,
        *,
        limit: int | None = None,
        timeout_s: float | None = None,
    ) -> list[dict[str, Any]]:
        """Run a read-only query in a READ session: at most ``limit`` rows, ``timeout_s`` on the server."""
        check_read_only(query)
        if limit is not None and limit < 0:
            raise StoreError(f"limit must be >= 0, got {limit}")
        if self.max_message and _size(query, self._enc(params or {})) > self.max_message:
            raise StoreError(
                f"{self.uri}: FalkorDB's Bolt crashes on requests over 4 KiB and this read is "
                f"{_size(query, params)} bytes; pass fewer parameters"
            )
        # FalkorDB reads any RUN metadata (timeout, mode, db) as a graph name: send none.
        stmt = neo4j.Query(query, timeout=timeout_s) if timeout_s and not self._escape else query

        def go() -> list[dict[str, Any]]:
            out: list[dict[str, Any]] = []
            with self._sess(neo4j.READ_ACCESS) as s:
                for rec in s.run(stmt, self._enc(params or {})):
                    if limit is not None and len(out) >= limit:
                        break
                    out.append(self._dec({k: plain(v) for k, v in rec.items()}))
            return out

        try:
            return self._retry(go)
        except Neo4jError as e:
            code = e.code or ""
            if "TimedOut" in code or "Timeout" in code or "terminated" in (e.message or "").lower():
                raise QueryTimeout(f"query stopped by the time limit ({timeout_s}s): {query[:80]}") from e
            raise StoreError(f"neo4j: {_message(e)}") from e
        except DriverError as e:
            raise StoreError(f"neo4j: {_message(e)}") from e

    def write(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        self._check_writable()
        rows = self._run(query, params)
        return [{k: plain(v) for k, v in r.items()} for r in rows]

    def clear(self) -> None:
        """Delete everything (tests, and re-building a graph from scratch)."""
        self._check_writable()
        self._run("MATCH (n) DETACH DELETE n")

    def close(self) -> None:
        self._close_session()
        self._driver.close()
        if self.flavor == "falkordb":
            _absorb_handshake(self.uri)

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Neo4jStore({self.uri!r}, database={self.database!r})"
