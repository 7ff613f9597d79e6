"""Shared fixtures: real engines only (LadybugDB files, a real Neo4j server)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.corpora import ACTIVE, SEEDS_DIR, Corpus, seeds_present

SEEDS = SEEDS_DIR


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    """In CI (``CI`` set) a skip is a failure: a missing browser, OCR engine, server or data
    must be installed by ``make test``, never pass unnoticed."""
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("CI") and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, where nothing may be: {reason}"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The five real OCR'd seed documents (skips when they are absent: use ``corpus_dir``
    for a test whose expectations come from the corpus profile)."""
    if not seeds_present():
        pytest.skip(f"no seed documents at {SEEDS}")
    return SEEDS


@pytest.fixture(scope="session")
def corpus_profile() -> Corpus:
    """The profile of the test corpus: the seeds when present, else examples/corpus."""
    return ACTIVE


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The folder of the test corpus (tests/corpora.py chooses it)."""
    return ACTIVE.folder


@pytest.fixture
def seeds_copy(seeds_dir: Path, tmp_path: Path) -> Path:
    """A private copy of the seeds, safe to edit."""
    dst = tmp_path / "seeds"
    shutil.copytree(seeds_dir, dst)
    return dst


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A private copy of the test corpus, safe to edit."""
    dst = tmp_path / "corpus"
    shutil.copytree(ACTIVE.folder, dst)
    return dst


@pytest.fixture
def lb_store(tmp_path: Path) -> Iterator[Any]:
    """A fresh LadybugDB store in a temporary file."""
    from luocdo.graph.ladybug_store import LadybugStore

    store = LadybugStore(tmp_path / "graph.db")
    yield store
    store.close()


def graph_snapshot(store: Any) -> tuple[dict, list]:
    """Everything in the graph (claims included), in a form that compares equal across stores."""
    from luocdo.graph.nx import iter_edges, iter_nodes

    nodes = {(t, k): props for t, k, props in iter_nodes(store, internal=True)}
    edges = sorted(
        (rel, s, d, tuple(sorted((k, repr(v)) for k, v in props.items())))
        for rel, s, d, props in iter_edges(store)
    )
    return nodes, edges


@pytest.fixture
def snapshot() -> Callable[[Any], tuple[dict, list]]:
    """``snapshot(store)`` → (nodes, edges) of the whole graph, comparable with ==."""
    return graph_snapshot


# ---------------------------------------------------------------------------
# Neo4j: $NEO4J_URI when set, else Neo4j Community 5.26 built and started here
# (tests/neo4j_server).  Tests that need it carry the ``neo4j`` marker
# (``make test-neo4j``); when the server cannot be had they fail, saying why.
# ---------------------------------------------------------------------------

#: The two stores of the parametrized fixtures; the Neo4j one carries the marker.
STORES = ["ladybug", pytest.param("neo4j", marks=pytest.mark.neo4j)]


class Neo4jServer:
    """The session's Neo4j: where it is, and which named content it holds now.

    Community Neo4j has one user database, so tests share it: a test that
    needs some content (the seeds, a generated corpus) asks for it with
    :meth:`holding`, which reloads it only when something else was loaded
    since; a test that writes freely empties it first (:func:`neo4j_store`).
    """

    def __init__(self, uri: str, user: str | None, password: str, proc: Any = None, log: Path | None = None):
        self.uri, self.user, self.password = uri, user, password
        self.proc, self.log = proc, log
        self.content: str | None = None

    def env(self) -> dict[str, str]:
        """Environment variables that point a luocdo process at this server."""
        return {"NEO4J_URI": self.uri, "NEO4J_USER": self.user or "neo4j", "NEO4J_PASSWORD": self.password}

    def store(self, **kw: Any) -> Any:
        from luocdo.graph.neo4j_store import Neo4jStore

        if self.proc is not None and self.proc.poll() is not None:
            pytest.fail(f"the Neo4j server died (exit {self.proc.returncode}); see {self.log}")
        return Neo4jStore(self.uri, self.user, self.password, connection_timeout=10, **kw)

    def holding(self, name: str, fill: Callable[[Any], None]) -> str:
        """Make the database hold ``name`` (emptied, then ``fill(store)``) unless it already does."""
        if self.content != name:
            self.content = None
            with self.store() as s:
                s.clear()
                fill(s)
            self.content = name
        return self.uri


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jServer]:
    """$NEO4J_URI (its database is emptied!), else a private Neo4j for the session, stopped at its end.

    The search indexes the clients keep of it go to a folder of the session, not the user's cache."""
    env = pytest.MonkeyPatch()
    env.setenv("LUOCDO_SEARCH_DIR", str(tmp_path_factory.mktemp("search")))
    try:
        yield from _neo4j_server(tmp_path_factory)
    finally:
        env.undo()


def _neo4j_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jServer]:
    if os.environ.get("NEO4J_URI"):
        yield Neo4jServer(os.environ["NEO4J_URI"], os.environ.get("NEO4J_USER", "neo4j"),
                          os.environ.get("NEO4J_PASSWORD", ""))
        return
    from tests.neo4j_server.server import ServerError, start, stop

    try:
        server = start(tmp_path_factory.mktemp("neo4j"))
    except ServerError as e:
        pytest.fail(f"no Neo4j server for the tests: {e}", pytrace=False)
    try:
        yield Neo4jServer(server.uri, None, "", server.proc, server.log)
    finally:
        stop(server)


@pytest.fixture
def neo4j_store(neo4j_server: Neo4jServer) -> Iterator[Any]:
    """A Neo4jStore on the session's server, emptied before the test."""
    store = neo4j_server.store()
    neo4j_server.content = None
    store.clear()
    yield store
    store.close()


@pytest.fixture(params=STORES)
def any_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    """An empty store of each kind: a LadybugDB file, then the Neo4j server emptied."""
    if request.param == "ladybug":
        yield request.getfixturevalue("lb_store")
    else:
        yield request.getfixturevalue("neo4j_store")


def ingest_seeds(store: Any, seeds: Path) -> None:
    """The five seeds (or the example corpus) into ``store``; they must all be added."""
    from luocdo.pipeline import ingest

    report = ingest(store, [str(seeds)], workers=1)
    assert not report.failed, report.failed
    assert report.added == (ACTIVE.files if seeds == ACTIVE.folder else 5), report


@pytest.fixture
def neo4j_seeds(neo4j_server: Neo4jServer, corpus_dir: Path) -> Neo4jServer:
    """The session's Neo4j holding the test corpus: the five seeds, else examples/corpus (loaded again
    only if something else was loaded since)."""
    neo4j_server.holding(ACTIVE.name, lambda s: ingest_seeds(s, corpus_dir))
    return neo4j_server
