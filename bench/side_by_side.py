"""LadybugDB and Neo4j side by side on one generated corpus: ingest, bulk load, queries.

For a corpus of N documents (``bench/generate.py`` through ``bench/ingest.py``,
kept in ``--work``):

* incremental ingest (``luocdo.pipeline.ingest``, batches of ``--batch-size``)
  into a fresh LadybugDB file and into a fresh Neo4j Community 5.26 server
  (``tests/neo4j_server``, started here): documents/s end to end, and of
  ``store.apply`` alone;
* the first load of an empty store (``ingest(bulk=True)``): LadybugDB's
  ``COPY FROM``; Neo4j has no bulk loader in luocdo, so ``--bulk`` on Neo4j
  is the incremental ingest (the row says so);
* implements --transitive / gaps --scope province / trace / search, p50 and
  p95 in ms (``bench/queries.py``'s samples and timing), on both stores.

    .venv/bin/python bench/side_by_side.py [--size 100000] [--work /tmp/luocdo-bench] [--samples 30]
        [--batch-size 200] [--no-write]

Writes the ``<!-- side-by-side -->`` section of bench/RESULTS.md with the
machine line.  At 100,000 documents expect about an hour on 2 quiet cores.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import _machine  # noqa: E402  (bench/ is not a package)
import ingest as bench_ingest  # noqa: E402  (bench/ingest.py)

import queries as bench_queries  # noqa: E402  (bench/queries.py)

QUERIES = ("implements --transitive", "gaps --scope province", "trace", "search")


def ladybug_queries(n: int, work: Path, k: int) -> dict[str, tuple[float, float]]:
    from luocdo.graph.ladybug_store import LadybugStore

    s = bench_queries.samples(bench_ingest.corpus(n, work) / "truth.jsonl", k)
    store = LadybugStore(str(bench_ingest.store_path(n, work)), read_only=True)
    try:
        return _timings(bench_queries.run_queries(store, None, s, False))
    finally:
        store.close()


def neo4j_queries(n: int, work: Path, k: int) -> dict[str, tuple[float, float]]:
    """Restart the server on the data the Neo4j ingest left, and ask the same questions."""
    from luocdo.graph.neo4j_store import Neo4jStore
    from tests.neo4j_server import server as neo4j_server

    s = bench_queries.samples(bench_ingest.corpus(n, work) / "truth.jsonl", k)
    with neo4j_server.running(work / "neo4j", heap=bench_ingest.NEO4J_HEAP,
                              pagecache=bench_ingest.NEO4J_PAGECACHE) as server:  # fmt: skip
        store = Neo4jStore(server.uri, read_only=True)
        try:
            return _timings(bench_queries.run_queries(store, None, s, False))
        finally:
            store.close()


def _timings(ts: list[Any]) -> dict[str, tuple[float, float]]:
    return {t.name: (bench_queries.pct(t.store_ms, 50), bench_queries.pct(t.store_ms, 95)) for t in ts}


def _rate(r: Any) -> str:
    apply = r.extra.get("apply_docs_per_s")
    if apply is None and r.apply_share:
        apply = r.docs / (r.wall_s * r.apply_share)
    return f"{r.docs_per_s:,.0f} docs/s ({r.wall_s:,.0f} s; store.apply alone {apply or 0:,.0f} docs/s)"


def section(n: int, rows: dict[str, Any], q: dict[str, dict[str, tuple[float, float]]], machine: str,
            others: int) -> str:
    lb, neo, bulk = rows["ladybug"], rows["neo4j"], rows["bulk"]
    lines = [
        "## LadybugDB and Neo4j side by side (`bench/side_by_side.py`)",
        "",
        f"One generated corpus of {n:,} documents (seed 0), run {time.strftime('%Y-%m-%d %H:%M')}. Incremental "
        f"ingest: `luocdo.pipeline.ingest`, batches of {lb.batch_size} (Neo4j {neo.batch_size}), {lb.workers} extraction workers, into a fresh "
        "LadybugDB file and a fresh Neo4j Community 5.26 server (`tests/neo4j_server`, heap "
        f"{bench_ingest.NEO4J_HEAP}, page cache {bench_ingest.NEO4J_PAGECACHE}) on the same machine. Queries: "
        "`bench/queries.py`'s samples, one call at a time after a warm-up call.",
        "",
        "| | LadybugDB (embedded) | Neo4j 5.26 (Bolt) |",
        "|---|---|---|",
        f"| incremental ingest | {_rate(lb)} | {_rate(neo)} |",
        f"| bulk load (empty store) | {bulk.docs_per_s:,.0f} docs/s ({bulk.wall_s:,.0f} s, `COPY FROM`) | "
        "not timed: `--bulk` on Neo4j ingests incrementally (the row above); `make neo4j-import` is its bulk route |",
        f"| graph: documents / edges | {lb.documents:,} / {lb.edges:,} | {neo.documents:,} / {neo.edges:,} |",
    ]
    for name in QUERIES:
        a, b = q["ladybug"].get(name), q["neo4j"].get(name)
        cell = lambda t: f"{t[0]:,.1f} / {t[1]:,.1f}" if t else "-"  # noqa: E731
        lines.append(f"| `{name}` p50 / p95 ms | {cell(a)} | {cell(b)} |")
    lines += [
        "",
        f"Machine: {machine}; shared machine, about {others} other jobs (load average "
        f"{max(lb.load[0], neo.load[0]):.1f} on 2 cores), so the figures are noisy.",
        f"Command: `.venv/bin/python bench/side_by_side.py --size {n}`.",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=100_000)
    ap.add_argument("--work", type=Path, default=bench_ingest.DEFAULT_WORK)
    ap.add_argument("--samples", type=int, default=30)
    ap.add_argument("--batch-size", type=int, default=200)
    ap.add_argument("--neo4j-batch-size", type=int, default=0, help="default: Neo4jStore.write_batch")
    ap.add_argument("--workers", type=int, default=_machine.usable_cores())
    ap.add_argument("--others", type=int, default=0, help="other jobs on the machine while it runs (for the note)")
    ap.add_argument("--no-write", action="store_true")
    a = ap.parse_args(argv)
    n, work = a.size, a.work
    work.mkdir(parents=True, exist_ok=True)
    bench_ingest.corpus(n, work)
    rows: dict[str, Any] = {}
    rows["bulk"] = bench_ingest.bench_ladybug(n, work, a.batch_size, a.workers, False, bulk=True)
    bench_ingest.print_row(rows["bulk"])
    rows["ladybug"] = bench_ingest.bench_ladybug(n, work, a.batch_size, a.workers, False)
    bench_ingest.print_row(rows["ladybug"])
    from luocdo.graph.neo4j_store import Neo4jStore

    rows["neo4j"] = bench_ingest.bench_neo4j(n, work, n, a.neo4j_batch_size or Neo4jStore.write_batch, a.workers)
    bench_ingest.print_row(rows["neo4j"])
    q = {"ladybug": ladybug_queries(n, work, a.samples), "neo4j": neo4j_queries(n, work, a.samples)}
    text = section(n, rows, q, _machine.describe(), a.others)
    print(text)
    if not a.no_write:
        _machine.write_section("side-by-side", text)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
