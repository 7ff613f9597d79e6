"""What differs between the Cypher of LadybugDB and of Neo4j, in one place.

Three things live here:

* :func:`check_read_only` — the keyword check that makes ``Store.read`` refuse
  writes on both stores.  It tokenises the query (string literals, comments
  and backquoted names are skipped) so that ``WHERE d.title CONTAINS 'set'``
  or ``RETURN r.start AS start`` pass, while ``MATCH (n) SET n.x = 1`` or
  ``CALL db.create.setNodeVectorProperty(…)`` do not.
* :class:`Dialect` — the handful of statements the stores generate, written
  once per engine: LadybugDB has one ``Document`` table (the type label is in
  ``kind``), needs a schema, cannot infer the type of an all-null column in a
  parameter list (so values are ``CAST``) and reserves ``end`` (so every
  property name is backquoted); Neo4j has no schema but one extra label per
  document type (``:Document:Plan``), set by grouping rows by label.
* :func:`plain` — result values turned into plain Python (nodes and
  relationships become property dicts) so both stores answer alike.

Notes for query writers (see docs/CONTRACTS.md): ``label(r)`` on LadybugDB vs
``type(r)`` on Neo4j; write ``r.`end``` — ``end`` is reserved in LadybugDB;
``SET n += map`` is Neo4j only; shortest paths: ``-[* SHORTEST 1..n]-`` on
LadybugDB vs ``shortestPath(…)`` on Neo4j.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from luocdo.graph.schema import DOC_TYPES, NODE_TABLES, REL_TABLES
from luocdo.graph.store import ReadOnlyViolation, StoreError

# ---------------------------------------------------------------------------
# Read-only check
# ---------------------------------------------------------------------------

#: Clauses that write data or schema, touch files, extensions or other databases, in either dialect.
WRITE_KEYWORDS = frozenset(
    {
        "CREATE", "MERGE", "SET", "DELETE", "DETACH", "REMOVE", "DROP", "ALTER", "RENAME",
        "COPY", "INSTALL", "UNINSTALL", "LOAD", "IMPORT", "EXPORT", "ATTACH", "FOREACH",
        "CHECKPOINT", "BEGIN", "COMMIT", "ROLLBACK", "COMMENT", "GRANT", "REVOKE", "DENY",
        "TERMINATE", "USE", "SHOW",
    }
)  # fmt: skip

#: The procedures a read-only query may CALL: what the schema is, nothing about the server
#: (settings such as ``current_setting('home_directory')``, files, extensions, attached databases).
READ_PROCEDURES = frozenset(
    {
        # LadybugDB / Kùzu
        "show_tables", "table_info", "show_connection", "show_indexes", "show_functions", "db_version",
        # Neo4j
        "db.labels", "db.relationshiptypes", "db.propertykeys", "db.schema.visualization",
        "db.schema.nodetypeproperties", "db.schema.reltypeproperties", "db.indexes", "db.constraints",
        "db.ping",
    }
)  # fmt: skip

#: ``SHOW …`` commands that describe the graph's own schema (Neo4j): indexes and constraints.
#: Every other ``SHOW`` (settings, servers, databases, users, transactions) tells about the server.
SCHEMA_SHOWS = frozenset({"INDEX", "INDEXES", "CONSTRAINT", "CONSTRAINTS"})
#: Words that may stand between ``SHOW`` and what it shows ("SHOW UNIQUE CONSTRAINTS").
_SHOW_QUALIFIERS = frozenset(
    {"ALL", "RANGE", "TEXT", "POINT", "LOOKUP", "FULLTEXT", "VECTOR", "UNIQUE", "UNIQUENESS",
     "EXISTENCE", "EXIST", "KEY", "NODE", "RELATIONSHIP", "REL", "PROPERTY", "TYPE", "BTREE"}
)  # fmt: skip

#: Namespaces whose functions reach outside the graph (Neo4j plug-ins and administration).
FOREIGN_NAMESPACES = frozenset({"apoc", "gds", "dbms", "db"})


class CypherSyntaxError(StoreError):
    """The query cannot be read at all (an unterminated string, name or comment); ``offset`` says where."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


# The lexical pieces of Cypher as both engines read them (openCypher's lexer): tried in this
# order at each position, the longest match of a piece wins.
_TOKEN = re.compile(
    r"""
      (?P<space>\s+)
    | (?P<line_comment>//[^\n]*)                # "--" is NOT a comment: 1--1 is one minus minus one
    | (?P<block_comment>/\*(?:[^*]|\*(?!/))*\*/)
    | (?P<string>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")   # backslash escapes, as the engines read them
    | (?P<name>`[^`]*`)                          # a backquoted name
    | (?P<number>                                # a number is one token even when a word follows
        0[xX][0-9A-Fa-f]+
      | (?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?
      )
    | (?P<param>\$(?:\w+|`[^`]*`))
    | (?P<word>[^\W\d]\w*)                        # keywords and identifiers (letters, digits, _)
    | (?P<other>.)
    """,
    re.X | re.S,
)
_OPENERS = {"'": "string literal", '"': "string literal", "`": "`name`", "/*": "comment"}


def cypher_tokens(query: str) -> list[tuple[str, str, int]]:
    """(kind, text, offset) of each token of a query, without spaces and comments.

    Raises :class:`CypherSyntaxError` where a string, name or comment is never closed.
    """
    out: list[tuple[str, str, int]] = []
    pos, n = 0, len(query)
    while pos < n:
        m = _TOKEN.match(query, pos)
        assert m is not None  # "other" matches any one character
        kind = m.lastgroup or "other"
        text = m.group()
        if kind == "other" and (text in "'\"`" or query.startswith("/*", pos)):
            what = _OPENERS[query[pos : pos + 2] if text == "/" else text]
            raise CypherSyntaxError(f"unterminated {what} starting at offset {pos}", pos)
        if kind not in ("space", "line_comment", "block_comment"):
            out.append((kind, text, pos))
        pos = m.end()
    return out


def write_keywords(query: str) -> list[str]:
    """What makes a query unfit for the read-only path: writing clauses, unlisted procedures.

    Empty for a query that only reads the graph.  A keyword counts wherever it
    stands as a word outside strings, names and comments, even glued to a number
    (``LIMIT 1SET``), unless it is a property (``n.set``), a label (``:Set``), a
    parameter or a map key (``{set: 1}``).
    """
    toks = cypher_tokens(query)
    found: list[str] = []
    for i, (kind, text, _pos) in enumerate(toks):
        if kind != "word":
            continue
        up = text.upper()
        prev = toks[i - 1][1] if i else ""
        nxt = toks[i + 1][1] if i + 1 < len(toks) else ""
        if prev in (".", ":") or (nxt == ":" and prev in ("{", ",")):
            continue  # property, label or map key
        if not text.isascii() and any(w.upper() in WRITE_KEYWORDS for w in re.findall(r"[A-Za-z]+", text)):
            found.append(text)  # a keyword glued to letters the engine may not take as part of a name
        elif up == "SHOW" and _shows_schema(toks, i + 1):
            continue
        elif up in WRITE_KEYWORDS:
            found.append(up)
        elif up == "CALL":
            if nxt == "{" or _scoped_subquery(toks, i + 1):
                continue  # a subquery: its clauses are checked like the rest
            name, j = _dotted(toks, i + 1)
            if name.lower() not in READ_PROCEDURES:
                found.append(f"CALL {name or '?'}")
        elif text.lower() in FOREIGN_NAMESPACES and nxt == "." and prev.upper() != "CALL":
            name, j = _dotted(toks, i)
            if j < len(toks) and toks[j][1] == "(" and name.lower() not in READ_PROCEDURES:
                found.append(name)  # a plug-in or administration function: apoc.load.json(…)
    return found


def _shows_schema(toks: list[tuple[str, str, int]], i: int) -> bool:
    """Whether ``SHOW`` at ``i - 1`` lists indexes or constraints (and nothing about the server)."""
    while i < len(toks) and toks[i][0] == "word" and toks[i][1].upper() in _SHOW_QUALIFIERS:
        i += 1
    return i < len(toks) and toks[i][0] == "word" and toks[i][1].upper() in SCHEMA_SHOWS


def _dotted(toks: list[tuple[str, str, int]], i: int) -> tuple[str, int]:
    """The dotted name starting at token ``i`` (``db.schema.visualization``) and the index after it."""
    parts: list[str] = []
    while i < len(toks) and toks[i][0] in ("word", "name"):
        parts.append(toks[i][1].strip("`"))
        i += 1
        if i + 1 < len(toks) and toks[i][1] == "." and toks[i + 1][0] in ("word", "name"):
            parts.append(".")
            i += 1
        else:
            break
    return "".join(parts), i


def _scoped_subquery(toks: list[tuple[str, str, int]], i: int) -> bool:
    """Whether ``CALL`` at ``i - 1`` opens Neo4j's ``CALL (a, b) { … }``."""
    if i >= len(toks) or toks[i][1] != "(":
        return False
    j = i + 1
    while j < len(toks) and (toks[j][0] == "word" or toks[j][1] in (",", "*")):
        j += 1
    return j + 1 < len(toks) and toks[j][1] == ")" and toks[j + 1][1] == "{"


@lru_cache(maxsize=512)
def _write_keywords_of(query: str) -> tuple[str, ...]:
    """:func:`write_keywords` remembered per text: the named queries run thousands of times a second
    (a trace asks one per document of its tree) and tokenising cost more than the engine's answer."""
    return tuple(write_keywords(query))


def check_read_only(query: str) -> None:
    """Raise ReadOnlyViolation when ``query`` may write or reach outside the graph.

    Raises :class:`CypherSyntaxError` (a 400, not a refusal) when the query cannot be tokenised.
    """
    bad = _write_keywords_of(query)
    if bad:
        uniq = ", ".join(dict.fromkeys(bad))
        raise ReadOnlyViolation(f"read-only query refused: it uses {uniq}")


# ---------------------------------------------------------------------------
# Result values
# ---------------------------------------------------------------------------


#: Result values that are plain already.
_SCALARS = (str, int, float, bool, _dt.date, _dt.datetime)
#: The same as exact types, for a set lookup per value (a subclass goes through :func:`plain`).
_PLAIN_TYPES = frozenset({*_SCALARS, type(None)})


def plain_row(names: list[str], values: Any) -> dict[str, Any]:
    """One result row as plain Python (:func:`plain`), scalars passed as they are: a call per value
    was a tenth of a large read (the 2,700 rows of a province's plans in a period)."""
    return {k: v if type(v) in _PLAIN_TYPES else plain(v) for k, v in zip(names, values, strict=True)}


def plain(value: Any) -> Any:
    """A result value as plain Python, the same from both stores.

    Nodes become their property dict (null properties dropped), relationships
    the same plus ``_type``; paths ``{"nodes": […], "rels": […]}``; Neo4j
    temporal values become ``datetime`` objects.
    """
    if value is None or isinstance(value, _SCALARS):
        return value
    if not isinstance(value, dict) and any(c.__module__.startswith("neo4j") for c in type(value).__mro__):
        # before Mapping: a Neo4j node or relationship is one too (a relationship's class is made
        # per type, in module "abc", so its bases tell)
        return _plain_neo4j(value)
    if isinstance(value, Mapping):
        if "_NODES" in value and "_RELS" in value:  # LadybugDB recursive rel / path
            return {"nodes": [plain(n) for n in value["_NODES"]], "rels": [plain(r) for r in value["_RELS"]]}
        if "_LABEL" in value and "_ID" in value:  # LadybugDB node or rel
            out = {k: plain(v) for k, v in value.items() if not k.startswith("_") and v is not None}
            if "_SRC" in value:
                out["_type"] = value["_LABEL"]
            return out
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    mod = type(value).__module__
    if mod.startswith("neo4j"):
        return _plain_neo4j(value)
    return value


def _plain_neo4j(value: Any) -> Any:
    from neo4j.graph import Node, Path, Relationship

    if isinstance(value, Node):
        return {k: plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, Relationship):
        out = {k: plain(v) for k, v in value.items() if v is not None}
        out["_type"] = value.type
        return out
    if isinstance(value, Path):
        return {"nodes": [plain(n) for n in value.nodes], "rels": [plain(r) for r in value.relationships]}
    to_native = getattr(value, "to_native", None)
    return to_native() if to_native else value


# ---------------------------------------------------------------------------
# Statements
# ---------------------------------------------------------------------------

#: Primary key property of each node table.
PRIMARY_KEYS = {"Document": "key", "Organization": "id", "Source": "id", "Identity": "grp"}

#: Columns the stores keep beyond graph.schema: per-source claims on organisations too.
EXTRA_COLUMNS: dict[str, dict[str, str]] = {"Organization": {"claims": "STRING"}}

#: Labels Neo4j documents carry besides ``Document`` (one per type).
TYPE_LABELS: tuple[str, ...] = tuple(sorted({label for _name, label in DOC_TYPES.values()} - {"Document"}))

_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def q(name: str) -> str:
    """A backquoted property or label name (``end`` is reserved in LadybugDB)."""
    if "`" in name:
        raise ValueError(f"bad identifier {name!r}")
    return f"`{name}`"


def columns(table: str) -> dict[str, str]:
    """All columns of a node table, schema first then store-internal ones."""
    return {**NODE_TABLES[table], **EXTRA_COLUMNS.get(table, {})}


def value_columns(table: str) -> list[str]:
    """Columns written on upsert (everything but the primary key)."""
    pk = PRIMARY_KEYS[table]
    return [c for c in columns(table) if c != pk]


def rel_columns(rel: str) -> list[str]:
    return list(REL_TABLES[rel][2])


class Dialect:
    """Statements for one engine; rows are dicts ``{"k": key, "f0": …, "f1": …}``."""

    name = "cypher"

    def cast(self, expr: str, typ: str) -> str:
        return expr

    def node_label(self, table: str) -> str:
        return table

    def _node_values(self, table: str) -> list[tuple[str, str]]:
        """(column, parameter expression) of every value column: row field ``f<i>`` for column i."""
        return [(q(c), self.cast(f"r.f{i}", columns(table)[c])) for i, c in enumerate(value_columns(table))]

    def upsert_nodes(self, table: str, kind: str | None = None) -> str:
        pk = PRIMARY_KEYS[table]
        sets = ", ".join(f"n.{c} = {v}" for c, v in self._node_values(table))
        return f"UNWIND $rows AS r MERGE (n:{table} {{{q(pk)}: r.k}}) SET {sets}"

    def write_known_nodes(self, table: str, kind: str | None, exists: bool) -> str:
        """Like :meth:`upsert_nodes` for rows whose existence the caller has just read (one writer)."""
        return self.upsert_nodes(table, kind)

    def fetch_claims(self, table: str) -> str:
        pk = PRIMARY_KEYS[table]
        return f"UNWIND $keys AS k MATCH (n:{table} {{{q(pk)}: k}}) RETURN n.{q(pk)} AS k, n.claims AS c"

    def delete_orphans(self, table: str) -> str:
        pk = PRIMARY_KEYS[table]
        return (
            f"UNWIND $keys AS k MATCH (n:{table} {{{q(pk)}: k}}) "
            f"OPTIONAL MATCH (n)-[e]-() WITH n, count(e) AS c WHERE c = 0 DELETE n"
        )

    @staticmethod
    def _match_ends(rel: str) -> str:
        """Both endpoints of each row's edge (r.s, r.d), by primary key.

        Two MATCH clauses, not one with a comma: LadybugDB plans the comma
        form as a join over both whole tables (1.3 s for 2,000 rows on a
        10k-document store, against 35 ms), a cost that grows with the store.
        """
        src_t, dst_t, _ = REL_TABLES[rel]
        return (
            f"UNWIND $rows AS r MATCH (a:{src_t} {{{q(PRIMARY_KEYS[src_t])}: r.s}}) "
            f"MATCH (b:{dst_t} {{{q(PRIMARY_KEYS[dst_t])}: r.d}})"
        )

    def create_edges(self, rel: str) -> str:
        props = REL_TABLES[rel][2]
        fields = ", ".join(f"{q(c)}: {self.cast(f'r.f{i}', t)}" for i, (c, t) in enumerate(props.items()))
        return f"{self._match_ends(rel)} CREATE (a)-[:{rel} {{{fields}}}]->(b)"

    def merge_edges(self, rel: str) -> str:
        """Create an edge of ``origin`` r.o between two nodes unless there is one."""
        return (
            f"{self._match_ends(rel)} OPTIONAL MATCH (a)-[x:{rel}]->(b) WHERE x.origin = r.o "
            f"WITH a, b, r, count(x) AS n WHERE n = 0 CREATE (a)-[:{rel} {{origin: r.o}}]->(b)"
        )

    def origin_edges(self, rel: str) -> str:
        """Edges of ``origin`` $o out of the given nodes, with their ``raw`` (ISSUED_BY)."""
        src_t, dst_t, _ = REL_TABLES[rel]
        a, b = q(PRIMARY_KEYS[src_t]), q(PRIMARY_KEYS[dst_t])
        return (
            f"UNWIND $keys AS k MATCH (a:{src_t} {{{a}: k}})-[e:{rel}]->(b:{dst_t}) "
            f"WHERE e.origin = $o RETURN a.{a} AS s, b.{b} AS d, e.raw AS raw"
        )

    def delete_edges(self, rel: str) -> str:
        src_t, dst_t, _ = REL_TABLES[rel]
        return (
            f"UNWIND $rows AS r MATCH (a:{src_t} {{{q(PRIMARY_KEYS[src_t])}: r.s}})-[e:{rel}]->"
            f"(b:{dst_t} {{{q(PRIMARY_KEYS[dst_t])}: r.d}}) WHERE e.origin = r.o DELETE e"
        )

    def delete_out_edges(self, rel: str) -> str:
        src_t = REL_TABLES[rel][0]
        return (
            f"UNWIND $keys AS k MATCH (a:{src_t} {{{q(PRIMARY_KEYS[src_t])}: k}})-[e:{rel}]->() "
            f"WHERE e.origin = $o DELETE e"
        )

    def fetch_sources(self) -> str:
        return "UNWIND $ids AS i MATCH (s:Source {id: i}) RETURN s.id AS id, s.hash AS hash, s.delta AS delta"

    def edge_origins(self) -> str:
        """Sources that contributed an edge at a document, either way (who states something about it)."""
        return "MATCH (d:Document {key: $k})-[e]-() RETURN DISTINCT e.origin AS o"

    def source_paths(self) -> str:
        return "UNWIND $ids AS i MATCH (s:Source {id: i}) RETURN s.path AS path"

    def delete_sources(self) -> str:
        return "UNWIND $ids AS i MATCH (s:Source {id: i}) DELETE s"

    def count_nodes(self, table: str, where: str = "") -> str:
        return f"MATCH (n:{table}) {where} RETURN count(n) AS c"

    def count_edges(self, rel: str) -> str:
        return f"MATCH ()-[e:{rel}]->() RETURN count(e) AS c"


class LadybugDialect(Dialect):
    name = "ladybug"

    def cast(self, expr: str, typ: str) -> str:
        # An all-null field in a parameter list is typed STRING; say what it is.
        return expr if typ == "STRING" else f"CAST({expr} AS {typ})"

    def write_known_nodes(self, table: str, kind: str | None, exists: bool) -> str:
        """MATCH … SET for nodes that exist, CREATE for new ones: LadybugDB's MERGE costs time that
        grows with the table (133 ms for 200 rows of a 100k-row table, against 7 ms and 4 ms)."""
        if exists:
            return self.upsert_nodes(table).replace(" MERGE ", " MATCH ", 1)
        fields = ", ".join([f"{q(PRIMARY_KEYS[table])}: r.k"] + [f"{c}: {v}" for c, v in self._node_values(table)])
        return f"UNWIND $rows AS r CREATE (n:{table} {{{fields}}})"

    def create_node_table(self, table: str) -> str:
        cols = ", ".join(f"{q(c)} {t}" for c, t in columns(table).items())
        return f"CREATE NODE TABLE IF NOT EXISTS {table}({cols}, PRIMARY KEY({q(PRIMARY_KEYS[table])}))"

    def create_rel_table(self, rel: str) -> str:
        src_t, dst_t, props = REL_TABLES[rel]
        cols = "".join(f", {q(c)} {t}" for c, t in props.items())
        return f"CREATE REL TABLE IF NOT EXISTS {rel}(FROM {src_t} TO {dst_t}{cols})"

    def add_column(self, table: str, col: str, typ: str) -> str:
        return f"ALTER TABLE {table} ADD {q(col)} {typ}"


class Neo4jDialect(Dialect):
    name = "neo4j"

    def upsert_nodes(self, table: str, kind: str | None = None) -> str:
        """MERGE on the primary key, then set every column and the type label.

        ``SET n += map`` would be shorter but FalkorDB's Bolt and older servers
        differ on it; explicit assignments work everywhere.
        """
        base = super().upsert_nodes(table)
        if table != "Document":
            return base
        if kind is not None and not _IDENT.match(kind):
            raise ValueError(f"bad document label {kind!r}")
        others = [t for t in TYPE_LABELS if t != kind]
        out = base
        if kind and kind != "Document":
            out += f", n:{kind}"
        return out + " REMOVE n:" + ":".join(others) if others else out

    def merge_edges(self, rel: str) -> str:
        """MERGE with both ends bound: the server expands the end with fewer edges (a province has thousands)."""
        return f"{self._match_ends(rel)} MERGE (a)-[:{rel} {{origin: r.o}}]->(b)"

    def constraints(self) -> list[str]:
        out = [
            f"CREATE CONSTRAINT {t.lower()}_{pk} IF NOT EXISTS FOR (n:{t}) REQUIRE n.{pk} IS UNIQUE"
            for t, pk in PRIMARY_KEYS.items()
        ]
        out += [
            "CREATE INDEX document_year IF NOT EXISTS FOR (n:Document) ON (n.year)",
            "CREATE INDEX document_issuer_id IF NOT EXISTS FOR (n:Document) ON (n.issuer_id)",
            "CREATE INDEX document_province IF NOT EXISTS FOR (n:Document) ON (n.province)",
            "CREATE INDEX organization_level IF NOT EXISTS FOR (n:Organization) ON (n.level)",
        ]
        return out

    def plain_indexes(self) -> list[str]:
        """Index statements for servers without constraints (FalkorDB)."""
        return [f"CREATE INDEX FOR (n:{t}) ON (n.{pk})" for t, pk in PRIMARY_KEYS.items()]


LADYBUG = LadybugDialect()
NEO4J = Neo4jDialect()
