"""A first load with Neo4j's own bulk loader: ``luocdo export neo4j-csv``, then ``neo4j-admin database
import full`` (Maven Central's import tool, tests/neo4j_server) into a stopped server's database,
gives the graph an incremental ingest into Neo4j gives, and the database keeps ingesting."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from luocdo.graph.ladybug_store import LadybugStore
from luocdo.pipeline import ingest
from luocdo.queries import search
from tests.bench_modules import bench_module
from tests.conftest import graph_snapshot

pytestmark = pytest.mark.neo4j

N_DOCS = 300


def test_imported_csv_is_the_incrementally_ingested_graph(neo4j_server, tmp_path: Path) -> None:
    from luocdo.api.cli import app
    from luocdo.graph.neo4j_store import Neo4jStore
    from tests.neo4j_server.server import import_csv, running, start, stop

    truth = bench_module("generate").generate(N_DOCS, tmp_path / "corpus", ocr=0.2, seed=5)
    docs = tmp_path / "corpus" / "docs"
    keys = [json.loads(line)["key"] for line in truth.read_text(encoding="utf-8").splitlines()]

    def fill(store) -> None:
        assert ingest(store, [docs], workers=1, batch_size=64).added == N_DOCS

    neo4j_server.holding(f"import-{tmp_path}", fill)  # the incremental ingest, into the session's server
    with neo4j_server.store(read_only=True) as s:
        want, want_stats = graph_snapshot(s), s.stats()
    with LadybugStore(tmp_path / "g.db") as lb:
        fill(lb)
    csv_dir = tmp_path / "csv"
    res = CliRunner().invoke(app, ["export", "neo4j-csv", "-o", str(csv_dir), "--db", str(tmp_path / "g.db")])
    assert res.exit_code == 0, res.output

    data = tmp_path / "server"
    stop(start(data))  # a server's folder, its database created, then the server stopped
    assert "IMPORT DONE" in import_csv(data, csv_dir)
    with running(data) as server, Neo4jStore(server.uri) as imported:
        assert imported.stats() == want_stats
        assert graph_snapshot(imported) == want
        hits = search(imported, "ke hoach thuc hien")
        assert hits and hits[0].kind == "document"
        again = ingest(imported, [docs], workers=1, batch_size=64)  # incremental from here on
        assert again.unchanged == N_DOCS and not again.added and not again.replaced
    assert sum(k is not None for k in keys) > N_DOCS // 2


def test_import_of_a_folder_without_import_sh_says_so(tmp_path: Path) -> None:
    from tests.neo4j_server.server import ServerError, import_csv

    with pytest.raises(ServerError, match=r"import\.sh: missing"):
        import_csv(tmp_path / "server", tmp_path)
