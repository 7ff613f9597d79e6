"""Neo4j through the official ``neo4j`` driver (tested against Neo4j Community 5.26).

Same semantics as the embedded store (see :mod:`luocdo.graph.cypher_store`):
per-source replace, claims merged into properties, batched
``UNWIND $rows AS r MERGE …``, each :meth:`apply` one write transaction.
Documents carry ``:Document`` plus one label per type (``:Document:Plan``);
the label is recomputed with the properties.  Uniqueness constraints on
Document.key, Organization.id and Source.id, and the indexes the queries
filter on, are created on the first connection that may write (``IF NOT
EXISTS``: later connections find them).

Reads are refused twice: the keyword check of the embedded store comes first
(a clear message, no round trip), then the query runs in a *read transaction*
of a session opened with ``default_access_mode=READ``, which the server itself
refuses to write in — clauses and writing procedures alike — and which is
rolled back, never committed.  ``timeout_s`` is the transaction's server-side
timeout.

What a client keeps of a server (the search index, derived tables) needs to
know whether the database changed since: Neo4j Community exposes no
transaction counter, so every write transaction made through luocdo also
counts itself on one node of its own label (``:LuocdoState``, which no query
of the graph matches), and :meth:`Neo4jStore.version` reads that count with
the number of documents.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any

import neo4j
from neo4j.exceptions import DriverError, Neo4jError

from luocdo.graph.cypher_dialect import (
    NEO4J,
    PRIMARY_KEYS,
    TYPE_LABELS,
    check_read_only,
    plain,
    q,
    value_columns,
)
from luocdo.graph.cypher_store import CypherStore, node_props
from luocdo.graph.schema import REL_TABLES
from luocdo.graph.store import QueryTimeout, ReadOnlyViolation, StoreError

#: Python types a value of each schema type may have (Neo4j itself does not check them).
_TYPES: dict[str, tuple[type, ...]] = {"STRING": (str,), "INT64": (int,), "BOOLEAN": (bool,), "DOUBLE": (float, int)}

#: Neo4j status codes of a statement that tried to write where it may not.
_WRITE_REFUSED = ("Neo.ClientError.Statement.AccessMode", "Neo.ClientError.Security.Forbidden")


@functools.cache
def _checked_columns(rel: str) -> tuple[tuple[str, str, str, tuple[type, ...]], ...]:
    """(row field, column, schema type, Python types) of the typed columns of a relation (every edge row is checked)."""
    return tuple((f"f{i}", col, typ, _TYPES[typ]) for i, (col, typ) in enumerate(REL_TABLES[rel][2].items())
                 if typ in _TYPES)


def _message(e: BaseException) -> str:
    if isinstance(e, Neo4jError):
        return f"{e.code or 'error'}: {e.message or e}"
    return str(e).splitlines()[0] if str(e) else type(e).__name__


#: Counts a write transaction on the state node (created, with a new store id, by the first one).
_BUMP = (
    "MATCH (d:Document) WITH count(d) AS n "
    "MERGE (m:LuocdoState {id: 'writes'}) ON CREATE SET m.store = randomUUID(), m.writes = 0 "
    "SET m.writes = m.writes + 1 RETURN m.store AS store, m.writes AS writes, n"
)
#: The state the database is in: (store id, writes counted, documents).
_VERSION = (
    "MATCH (d:Document) WITH count(d) AS n "
    "OPTIONAL MATCH (m:LuocdoState {id: 'writes'}) RETURN m.store AS store, m.writes AS writes, n"
)


def _stamp(rows: list[dict[str, Any]]) -> tuple[Any, ...]:
    r = rows[0] if rows else {}
    return (r.get("store"), r.get("writes"), r.get("n") or 0)


def _timed_out(e: Neo4jError) -> bool:
    code = e.code or ""
    return "TransactionTimedOut" in code or "Terminated" in code or "timed out" in (e.message or "").lower()


class Neo4jStore(CypherStore):
    """The Store protocol on a Neo4j server."""

    dialect = "neo4j"
    path: str | None = None  # a server: no file of ours
    max_message: int | None = None  # Bolt streams large parameters
    buffer_pool = 0  # the server's own setting
    bulk_load = False
    #: Documents per write transaction of an ingest: each batch costs a dozen round trips and
    #: rewrites the organisations and cited documents it names, so larger batches pay less of
    #: both (10,000 documents: server CPU 10 s with 1,000 per batch, 18 s with 200).
    write_batch = 1000
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
        self.notes: list[str] = []
        self.database = database or os.environ.get("NEO4J_DATABASE") or None
        # An empty password means a server with auth off.
        auth = (user or "neo4j", password) if password else None
        try:
            self._driver = neo4j.GraphDatabase.driver(
                uri, auth=auth, connection_timeout=connection_timeout,
                connection_acquisition_timeout=connection_timeout,
                notifications_min_severity="OFF",  # "property does not exist yet" on a young graph
            )
            self._driver.verify_connectivity()
            self.server = str(self._driver.get_server_info().agent or "")
        except (DriverError, Neo4jError, ValueError, OSError) as e:
            with suppress(Exception):
                self._driver.close()
            raise StoreError(f"cannot connect to {uri}: {_message(e)}") from e
        self._tx: Any = None
        self._session: Any = None
        #: Write transactions this client committed, and the state the last one left (see version()).
        self.commits = 0
        self._database_id: str | None = None
        self.last_stamp: tuple[Any, ...] | None = None
        if not read_only:
            self._create_schema()

    # -- node writes ----------------------------------------------------------

    def _upsert(self, table: str, node_claims: dict, existing: set[str] | None = None) -> None:
        """All documents of a batch in one statement, whatever their type.

        The type label is a parameter (``SET n:$(r.lbl) REMOVE n:$(r.drop)``,
        Neo4j 5.26's dynamic labels) rather than part of the statement, so a
        batch is one round trip and one query plan instead of one per type.
        """
        cols = value_columns(table)
        rows: list[dict[str, Any]] = []
        for key, c in node_claims.items():
            props = node_props(table, c)
            row: dict[str, Any] = {"k": key, **{f"f{i}": props.get(col) for i, col in enumerate(cols)}}
            if table == "Document":
                kind = props.get("kind")
                row["lbl"] = [kind] if kind and kind != "Document" else []
                row["drop"] = [t for t in TYPE_LABELS if t != kind]
            rows.append(row)
        if existing is None:
            self._write_nodes(table, self._node_statement(table, "merge"), rows)
            return
        for exists in (True, False):
            part = [r for r in rows if (r["k"] in existing) == exists]
            if part:
                self._write_nodes(table, self._node_statement(table, "match" if exists else "create"), part)

    def _write_known(self, table: str, kind: str | None, rows: list[dict[str, Any]], existing: set[str]) -> None:
        for exists in (True, False):
            part = [r for r in rows if (r["k"] in existing) == exists]
            if part:
                self._write_nodes(table, self._node_statement(table, "match" if exists else "create"), part)

    @staticmethod
    def _node_statement(table: str, how: str) -> str:
        """MERGE (unknown), MATCH (known to exist) or CREATE (known to be new) nodes from rows."""
        pk = q(PRIMARY_KEYS[table])
        values = [(q(c), f"r.f{i}") for i, c in enumerate(value_columns(table))]
        doc = table == "Document"
        if how == "create":
            fields = ", ".join([f"{pk}: r.k", *(f"{c}: {v}" for c, v in values)])
            return f"UNWIND $rows AS r CREATE (n:{table} {{{fields}}})" + (" SET n:$(r.lbl)" if doc else "")
        sets = ", ".join(f"n.{c} = {v}" for c, v in values)
        head = "MERGE" if how == "merge" else "MATCH"
        out = f"UNWIND $rows AS r {head} (n:{table} {{{pk}: r.k}}) SET {sets}"
        return out + (", n:$(r.lbl) REMOVE n:$(r.drop)" if doc else "")

    # -- plumbing -----------------------------------------------------------

    @staticmethod
    def _edge_row(rel: str, src: str, dst: str, values: dict[str, Any], origin: str) -> dict[str, Any]:
        """The embedded store's typed columns refuse a value of the wrong type; so does this one.

        Neo4j Community has no property type constraints, so the check is here;
        raised inside the batch's transaction, it rolls the whole batch back.
        """
        row = CypherStore._edge_row(rel, src, dst, values, origin)
        for field, col, typ, ok in _checked_columns(rel):
            v = row[field]
            if v is not None and (not isinstance(v, ok) or (typ == "INT64" and isinstance(v, bool))):
                raise StoreError(f"{rel} {src} -> {dst}: {col} must be {typ}, got {type(v).__name__} {v!r}")
        return row

    def _sess(self, mode: str = neo4j.WRITE_ACCESS) -> Any:
        kw: dict[str, Any] = {"default_access_mode": mode}
        if self.database:
            kw["database"] = self.database
        return self._driver.session(**kw)

    def _create_schema(self) -> None:
        """Uniqueness constraints on the primary keys and the indexes the queries use."""
        state = "CREATE CONSTRAINT luocdostate_id IF NOT EXISTS FOR (n:LuocdoState) REQUIRE n.id IS UNIQUE"
        for stmt in (*NEO4J.constraints(), state):
            try:
                self._autocommit(stmt)
            except StoreError as e:
                raise StoreError(f"{self.uri}: cannot create the schema ({stmt[:60]}…): {e}") from e

    def _autocommit(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        try:
            with self._sess() as s:
                return [dict(r.items()) for r in s.run(query, params or {})]
        except (Neo4jError, DriverError) as e:
            raise StoreError(f"neo4j: {_message(e)}") from e

    def _run(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """One statement, one round trip, in the open write transaction (or auto-committed).

        Statements are sent one by one rather than combined into one per batch: the texts of
        the batch statements never change, so the server plans each once and finds it in its
        query cache, whereas a combination of the statements a batch happens to need is a new
        text most batches, planned again (at 10,000 documents that planning was about a third
        of the server's CPU; a round trip on the loopback costs far less).
        """
        with self._write_lock:
            if self._tx is None:
                return self._autocommit(query, params)
            return self._tx_run(query, params or {})

    def _tx_run(self, query: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        try:
            return [dict(r.items()) for r in self._tx.run(query, params)]
        except (Neo4jError, DriverError) as e:
            raise StoreError(f"neo4j: {_message(e)}") from e

    def _read_rows(self, query: str) -> list[dict[str, Any]]:
        return self._read_tx(query, None)

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        if self._tx is not None:
            yield
            return
        try:
            self._session = self._sess()
            self._tx = self._session.begin_transaction()
        except (Neo4jError, DriverError) as e:
            self._close_session()
            raise StoreError(f"neo4j: cannot begin a transaction: {_message(e)}") from e
        try:
            yield
            stamp = _stamp(self._tx_run(_BUMP, {}))
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
            self.commits += 1
            self.last_stamp = stamp

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

    def _read_tx(
        self,
        query: str,
        params: dict[str, Any] | None,
        *,
        limit: int | None = None,
        timeout_s: float | None = None,
    ) -> list[dict[str, Any]]:
        """Run ``query`` in a read transaction of a READ session, then roll it back.

        No keyword check here: this is where the server's own refusal is
        enforced (and tested); :meth:`read` checks the keywords first.
        """
        out: list[dict[str, Any]] = []
        try:
            with self._sess(neo4j.READ_ACCESS) as s:
                tx = s.begin_transaction(timeout=timeout_s) if timeout_s else s.begin_transaction()
                try:
                    result = tx.run(query, params or {})
                    for rec in result:
                        if limit is not None and len(out) >= limit:
                            break
                        out.append({k: plain(v) for k, v in rec.items()})
                finally:
                    with suppress(Neo4jError, DriverError):
                        tx.rollback()
        except Neo4jError as e:
            if e.code in _WRITE_REFUSED:
                raise ReadOnlyViolation(f"read-only query refused by the server: {_message(e)}") from e
            if _timed_out(e):
                raise QueryTimeout(f"query stopped by the time limit ({timeout_s}s): {query[:80]}") from e
            raise StoreError(f"neo4j: {_message(e)}") from e
        except DriverError as e:
            raise StoreError(f"neo4j: {_message(e)}") from e
        return out

    # -- Store protocol -----------------------------------------------------

    def read(
        self,
        query: str,
        params: dict[str, Any] | None = None,
        *,
        limit: int | None = None,
        timeout_s: float | None = None,
    ) -> list[dict[str, Any]]:
        """Run a read-only query in a read transaction: at most ``limit`` rows, ``timeout_s`` on the server."""
        check_read_only(query)
        if limit is not None and limit < 0:
            raise StoreError(f"limit must be >= 0, got {limit}")
        return self._read_tx(query, params, limit=limit, timeout_s=timeout_s)

    def write(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        self._check_writable()
        alone = self._tx is None
        rows = self._run(query, params)
        if alone:  # counted as a change, though not in the same transaction (it may change the schema)
            self._autocommit(_BUMP)
        return [{k: plain(v) for k, v in r.items()} for r in rows]

    def stream(
        self, query: str, params: dict[str, Any] | None = None, *, limit: int | None = None,
        timeout_s: float | None = None,
    ) -> Iterator[dict[str, Any]]:
        """The rows of :meth:`read` (at most ``limit``), fetched in one go: a read transaction ends before it returns."""
        return iter(self.read(query, params, limit=limit, timeout_s=timeout_s))

    def parse_error(self, query: str) -> str | None:
        """None: the server's parser runs only with the query, so it cannot tell without running it."""
        return None

    def version(self) -> tuple[Any, ...] | None:
        """(store id, write transactions counted, documents): changes with every write made through
        luocdo, by any client (one round trip).  Writes made to the database by other means are seen
        only when they change the number of documents."""
        try:  # one auto-commit read (our own query: a read transaction would cost a round trip more)
            with self._sess(neo4j.READ_ACCESS) as s:
                return _stamp([dict(r.items()) for r in s.run(_VERSION)])
        except (Neo4jError, DriverError) as e:
            raise StoreError(f"neo4j: {_message(e)}") from e

    def file_state(self) -> tuple[Any, ...] | None:
        return None

    @property
    def database_id(self) -> str:
        """The server's id of the database (``db.info()``): the same through restarts and whatever
        address reaches it; a database created again gets another."""
        if self._database_id is None:
            rows = self._read_tx("CALL db.info() YIELD id RETURN id", None)
            self._database_id = str(rows[0]["id"]) if rows else ""
        return self._database_id

    def setting(self, name: str) -> str:
        raise StoreError(f"Neo4j settings are the server's ({name!r} is not read here)")

    def is_empty(self) -> bool:
        """No Source, Document or Organization yet."""
        return not any(self._read_tx(f"MATCH (n:{t}) RETURN 1 AS x LIMIT 1", None, limit=1)
                       for t in ("Source", "Document", "Organization"))

    def table_columns(self, table: str) -> list[str]:
        raise StoreError("bulk loading needs an embedded LadybugDB store")

    def copy_from(self, table: str, files: list[str]) -> None:
        raise StoreError("bulk loading needs an embedded LadybugDB store")

    def clear(self) -> None:
        """Delete everything (tests, and re-building a graph from scratch), in bounded transactions."""
        self._check_writable()
        self._autocommit("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS")

    def close(self) -> None:
        self._close_session()
        self._driver.close()

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Neo4jStore({self.uri!r}, database={self.database!r})"
