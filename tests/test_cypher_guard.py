"""The read-only path of Cypher under attack: each bypass found by probing, reproduced first.

On the real embedded store (the check, the store's ``read``, and the engine
opened read-only), through ``luocdo cypher`` as a separate process, and
against the real server (``luocdo serve`` on loopback) over a copy of the
seeds' store (examples/corpus when the seeds are absent): nothing changes, no
file is read, no setting is shown or changed, the server stays up, and a
query that cannot be parsed is a 400 with the engine's message, not a 403.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from luocdo.graph.cypher_dialect import CypherSyntaxError, check_read_only, write_keywords
from luocdo.graph.store import ReadOnlyViolation, open_store
from luocdo.queries import QueryError, WriteRefused, run_cypher
from tests.test_api import build_seeds_db, copy_db, running_server

ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-c", "from luocdo.api.cli import app; app()"]

# (query, what the check finds): every one of these got past the old guard or harmed the server.
ATTACKS = [
    # "--" is minus minus to the engine, not a comment; a number glued to a keyword
    ("UNWIND [1--1] AS z MATCH (n) WITH n LIMIT 100000000DELETE n", ["DELETE"]),
    ("MATCH (n:Organization) WITH n LIMIT 1SET n.name = 'x'", ["SET"]),
    ("MATCH (n) WITH n LIMIT 1LOAD FROM '/etc/passwd' (header=false) RETURN *", ["LOAD"]),
    ("RETURN 1e5DELETE", ["DELETE"]),
    ("MATCH (n) WITH n LIMIT 1.5e1DETACH DELETE n", ["DETACH", "DELETE"]),
    # table functions that read files or the server's settings; settings themselves
    ("MATCH (a)--(b) CALL read_csv_serial('/etc/hostname') RETURN *", ["CALL read_csv_serial"]),
    ("CALL current_setting('home_directory') RETURN *", ["CALL current_setting"]),
    ("CALL current_setting('file_search_path') RETURN *", ["CALL current_setting"]),
    ("CALL file_info('/etc/passwd') RETURN *", ["CALL file_info"]),
    ("CALL show_attached_databases() RETURN *", ["CALL show_attached_databases"]),
    ("CALL timeout=0", ["CALL timeout"]),
    ("CALL TIMEOUT = 0; MATCH (n) RETURN n", ["CALL TIMEOUT"]),
    ("CALL `timeout`=0", ["CALL timeout"]),
    ("RETURN 1; COPY (MATCH (n) RETURN n.key) TO '/tmp/x.csv'", ["COPY"]),
    ("EXPORT DATABASE '/tmp/x'", ["EXPORT"]),
    ("ATTACH '/tmp/other.db' AS o (dbtype lbug)", ["ATTACH"]),
    ("RETURN apoc.load.json('file:///etc/passwd')", ["apoc.load.json"]),
    ("MATCH (n) RETURN 1 AS set", ["SET"]),
    ("RETURN éDELETE", ["éDELETE"]),
]

READS = [
    "MATCH (d:Document) RETURN d.key ORDER BY d.key LIMIT 2",
    "RETURN 1--1 AS two",  # the engine's minus minus, and a read
    "MATCH (n) WITH n LIMIT 1 RETURN n.key AS k // DELETE n",
    "MATCH (d:Document) WHERE d.title CONTAINS 'set' OR d.title CONTAINS 'LOAD FROM' RETURN count(d)",
    "MATCH (d:Document) RETURN d {.key, set: 1} LIMIT 1",
    "CALL show_tables() RETURN *",
    "CALL table_info('Document') RETURN *",
    "RETURN 'it\\'s -- a /* string */' AS s",
]


@pytest.mark.parametrize(("query", "found"), ATTACKS, ids=[q[:50] for q, _ in ATTACKS])
def test_the_check_finds_every_attack(query: str, found: list[str]) -> None:
    assert write_keywords(query) == found
    with pytest.raises(ReadOnlyViolation):
        check_read_only(query)


#: Neo4j's SHOW: the graph's own schema reads; anything about the server is refused.
SHOWS = [
    ("SHOW CONSTRAINTS YIELD name RETURN collect(name) AS c", []),
    ("SHOW INDEXES YIELD labelsOrTypes, properties WHERE properties IS NOT NULL", []),
    ("SHOW UNIQUE CONSTRAINTS", []),
    ("SHOW RANGE INDEXES", []),
    ("SHOW SETTINGS YIELD name, value", ["SHOW"]),
    ("SHOW SETTINGS 'server.directories.data'", ["SHOW"]),
    ("SHOW DATABASES", ["SHOW"]),
    ("SHOW USERS", ["SHOW"]),
    ("SHOW TRANSACTIONS", ["SHOW"]),
    ("SHOW ALL", ["SHOW"]),
    ("SHOW", ["SHOW"]),
]


@pytest.mark.parametrize(("query", "found"), SHOWS)
def test_show_only_the_schema(query: str, found: list[str]) -> None:
    assert write_keywords(query) == found


@pytest.mark.parametrize("query", READS)
def test_the_check_lets_reads_through(query: str) -> None:
    assert write_keywords(query) == []


@pytest.mark.parametrize(("query", "offset"), [("RETURN '", 7), ("RETURN `x", 7), ("RETURN 1 /* x", 9),
                                               ('RETURN "a\\"', 7)])
def test_unreadable_query_is_a_syntax_error_not_a_refusal(query: str, offset: int) -> None:
    with pytest.raises(CypherSyntaxError) as e:
        check_read_only(query)
    assert e.value.offset == offset and not isinstance(e.value, ReadOnlyViolation)


# --------------------------------------------------------------------------- the real embedded store


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory) -> Path:
    return build_seeds_db(tmp_path_factory.mktemp("guard-seeds"))


@pytest.fixture
def stores(seeds_db: Path, tmp_path: Path) -> Iterator[tuple]:
    """A writable open of a copy (as a careless caller would have) and a read-only one."""
    db = copy_db(seeds_db, tmp_path)
    rw = open_store(str(db))
    ro = open_store(str(db), read_only=True)
    yield rw, ro
    ro.close()
    rw.close()


@pytest.mark.parametrize(("query", "found"), ATTACKS, ids=[q[:50] for q, _ in ATTACKS])
def test_run_cypher_refuses_attacks_on_both_opens(stores, query: str, found: list[str]) -> None:
    rw, ro = stores
    before = rw.stats()
    for store in (rw, ro):
        with pytest.raises(WriteRefused) as e:
            run_cypher(store, query)
        assert e.value.status == 403 and "root:" not in str(e.value)
    assert rw.stats() == before == ro.stats()


def test_the_engine_refuses_writes_on_a_read_only_open(stores) -> None:
    """The second line: a write that got past the check is refused by the engine itself."""
    _rw, ro = stores
    before = ro.stats()
    with pytest.raises(ReadOnlyViolation, match="read-only"):
        ro._exec(ro._read_conn(), "MATCH (n:Organization) WITH n LIMIT 1 DETACH DELETE n")
    assert ro.stats() == before


def test_reads_still_answer(stores) -> None:
    _rw, ro = stores
    assert run_cypher(ro, "RETURN 1--1 AS two").rows == [[2]]
    assert run_cypher(ro, "CALL table_info('Document') RETURN *").rows
    assert run_cypher(ro, READS[-1]).rows == [["it's -- a /* string */"]]


def test_unterminated_string_gets_the_engines_parser_message(stores) -> None:
    _rw, ro = stores
    with pytest.raises(QueryError) as e:
        run_cypher(ro, "RETURN '")
    assert e.value.status == 400 and "Parser exception" in str(e.value)


# --------------------------------------------------------------------------- luocdo cypher


def _env(**extra: str) -> dict[str, str]:
    return {**{k: v for k, v in os.environ.items() if not k.startswith("LUOCDO_")}, **extra}


def test_cli_refuses_the_file_read(seeds_db: Path) -> None:
    query = "MATCH (n) WITH n LIMIT 1LOAD FROM '/etc/passwd' (header=false) RETURN *"
    r = subprocess.run([*CLI, "cypher", query, "--db", str(seeds_db), "--json"], capture_output=True, text=True,
                       cwd=ROOT, timeout=120, env=_env())
    assert r.returncode != 0 and "LOAD" in r.stderr
    assert "root:" not in r.stdout + r.stderr


def test_cli_bounds_memory_and_bytes(seeds_db: Path) -> None:
    r = subprocess.run([*CLI, "cypher", "RETURN size(range(1, 300000000)) AS n", "--db", str(seeds_db)],
                       capture_output=True, text=True, cwd=ROOT, timeout=120,
                       env=_env(LUOCDO_CYPHER_MEMORY_MB="512"))
    assert r.returncode != 0 and "memory" in r.stderr
    r = subprocess.run([*CLI, "cypher", "UNWIND range(1, 10000) AS x RETURN x, repeat('A', 100000) AS a",
                        "--db", str(seeds_db), "--json", "--max-mb", "1"], capture_output=True, text=True, cwd=ROOT,
                       timeout=120, env=_env())
    assert r.returncode == 0, r.stderr
    assert len(r.stdout) < 2 * 1024 * 1024 and '"truncated_by": "bytes"' in r.stdout


# --------------------------------------------------------------------------- the real server


@pytest.fixture(scope="module")
def server(seeds_db: Path, tmp_path_factory) -> Iterator[httpx.Client]:
    db = copy_db(seeds_db, tmp_path_factory.mktemp("guard-server"))
    with running_server(db, LUOCDO_CYPHER_PER_MINUTE="100000") as client:
        yield client


@pytest.mark.parametrize(("query", "found"), ATTACKS, ids=[q[:50] for q, _ in ATTACKS])
def test_server_refuses_attacks_and_stays_up(server: httpx.Client, query: str, found: list[str]) -> None:
    before = server.get("/healthz").json()["stats"]
    r = server.post("/cypher", json={"query": query})
    assert r.status_code == 403, r.text
    assert "read-only" in r.json()["error"]["message"]
    assert "root:" not in r.text and "/root" not in r.text
    health = server.get("/healthz")
    assert health.status_code == 200 and health.json()["stats"] == before


def test_server_parse_error_is_400_with_the_engine_message(server: httpx.Client) -> None:
    r = server.post("/cypher", json={"query": "RETURN '"})
    assert r.status_code == 400, r.text
    assert "Parser exception" in r.json()["error"]["message"]


def test_server_answers_reads(server: httpx.Client) -> None:
    r = server.post("/cypher", json={"query": "RETURN 1--1 AS two"})
    assert r.status_code == 200 and r.json()["rows"] == [[2]]
