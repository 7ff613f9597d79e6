"""Search on Neo4j from the index its client keeps (graph/fulltext.py), at N generated documents.

* loads the N corpus (``bench/ingest.py``'s, kept in ``--work``) into a Neo4j
  Community 5.26 server of its own (``tests/neo4j_server``), by the incremental
  ingest, which keeps the client's search index in step; a server folder that
  already holds the corpus is reused;
* stops the server and starts it again, then in a fresh Python process: the
  first search (connect, open the index, answer), then p50/p95 of the sampled
  searches (document numbers and issuer names, ``bench/queries.py``'s samples);
* the first searches answered without the index (every document's text read
  into memory, as every search on a Neo4j store did before): the time of that
  reading, and whether both give the same top 5 (``bench/queries.py``'s ``same_hits``).

    .venv/bin/python bench/search_neo4j.py [--size 100000] [--work /tmp/luocdo-bench] [--samples 200]
        [--old 5] [--batch-size 400] [--workers 2] [--no-write]

Writes the ``<!-- neo4j-search -->`` section of bench/RESULTS.md with the machine line.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
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

#: Targets of the national scale (at 1M documents): first search ≤ 1 s, p95 ≤ 50 ms.
TARGET_FIRST_S = 1.0
TARGET_P95_MS = 50.0


def load(uri: str, docs: Path, batch_size: int, workers: int, record: Path) -> dict[str, Any]:
    """Ingest ``docs`` into the server unless it holds them with its index in step (``record``: how
    they were loaded, kept for the runs that reuse the server's folder)."""
    from luocdo.graph.fulltext import of_store
    from luocdo.graph.neo4j_store import Neo4jStore
    from luocdo.pipeline import ingest

    with Neo4jStore(uri, connection_timeout=30) as store:
        n = store.stats()["documents"]
        if n and of_store(store).problem(n) is None:
            before = json.loads(record.read_text()) if record.is_file() else None
            return {"loaded": False, "documents": n, "before": before}
        store.clear()
        t0 = time.perf_counter()
        report = ingest(store, [docs], batch_size=batch_size, workers=workers)
        dt = time.perf_counter() - t0
        stats = store.stats()
        got = {"loaded": True, "seconds": round(dt, 1), "added": report.added, "failed": len(report.failed),
                "notes": list(report.notes), "documents": stats["documents"],
                "problem": of_store(store).problem(stats["documents"])}  # fmt: skip
        record.write_text(json.dumps(got))
        return got


def child(uri: str, truth: str, k: int, old: int, only_first: bool) -> None:
    """In a fresh process: the first search, the sampled ones, and the same without the index."""
    import resource

    t0 = time.perf_counter()
    from luocdo.graph.neo4j_store import Neo4jStore
    from luocdo.queries import search, search_index

    imported = time.perf_counter() - t0
    s = bench_queries.samples(Path(truth), k)
    names = s.names or ["ke hoach"]
    t1 = time.perf_counter()
    store = Neo4jStore(uri, read_only=True, connection_timeout=30)
    connected = time.perf_counter() - t1
    t2 = time.perf_counter()
    search(store, names[0])
    first = time.perf_counter() - t2
    peak_first = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    ms, hits = [], {}
    for q in names if not only_first else []:
        dt, got = bench_queries.timed(lambda q=q: search(store, q))
        ms.append(dt)
        hits[q] = [(h.id, h.score) for h in got]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # as before: no index, every document read for each search
    search_index.indexed_documents = lambda store: None  # type: ignore[assignment]
    old_ms, agree = [], 0
    for q in names[:old]:
        dt, got = bench_queries.timed(lambda q=q: search(store, q))
        old_ms.append(dt)
        agree += bench_queries.same_hits(hits[q], [(h.id, h.score) for h in got])
    store.close()
    print(json.dumps({
        "import_s": round(imported, 3), "connect_s": round(connected, 3), "first_s": round(first, 3),
        "peak_first_mb": round(peak_first), "peak_mb": round(peak), "n": len(ms),
        "p50_ms": round(bench_queries.pct(ms, 50), 1), "p95_ms": round(bench_queries.pct(ms, 95), 1),
        "found": sum(bool(h) for h in hits.values()),
        "old_n": len(old_ms), "old_first_ms": round(old_ms[0]) if old_ms else None,
        "old_p50_ms": round(bench_queries.pct(old_ms[1:], 50)) if len(old_ms) > 1 else None,
        "old_agree": agree,
    }))  # fmt: skip


def run(n: int, work: Path, k: int, old: int, batch_size: int, workers: int) -> dict[str, Any]:
    from tests.neo4j_server import server as neo4j_server

    folder = bench_ingest.corpus(n, work)
    data = work / f"neo4j-search-{n}"
    os.environ["LUOCDO_SEARCH_DIR"] = str(work / f"neo4j-search-{n}.index")
    load_avg = os.getloadavg()
    with neo4j_server.running(data, heap=bench_ingest.NEO4J_HEAP, pagecache=bench_ingest.NEO4J_PAGECACHE) as srv:
        print(f"loading {n:,} documents into Neo4j at {srv.uri} (unless held) …", file=sys.stderr, flush=True)
        loaded = load(srv.uri, folder / "docs", batch_size, workers, work / f"neo4j-search-{n}.load.json")
    print(f"  {loaded}", file=sys.stderr, flush=True)
    t0 = time.perf_counter()
    with neo4j_server.running(data, heap=bench_ingest.NEO4J_HEAP, pagecache=bench_ingest.NEO4J_PAGECACHE) as srv:
        started = time.perf_counter() - t0
        print(f"server started again in {started:.1f} s; searching in a fresh process …", file=sys.stderr, flush=True)
        cold = _child(srv.uri, folder, k, 0, True)  # the server's first queries too
        got = _child(srv.uri, folder, k, old, False)  # a client started afresh against a running server
    got.update(cold_first_s=cold["first_s"], cold_connect_s=cold["connect_s"], notes=cold["notes"] + got["notes"])
    got.update(size=n, loaded=loaded, server_start_s=round(started, 1), load_before=load_avg, load_after=os.getloadavg())
    return got


def _child(uri: str, folder: Path, k: int, old: int, only_first: bool) -> dict[str, Any]:
    proc = subprocess.run([sys.executable, __file__, "--child", uri, str(folder / "truth.jsonl"), str(k), str(old),
                           "1" if only_first else "0"], capture_output=True, text=True, cwd=ROOT)  # fmt: skip
    if proc.returncode != 0:
        raise SystemExit(f"bench/search_neo4j.py: the search child failed: {proc.stderr[-2000:]}")
    got = json.loads(proc.stdout.strip().splitlines()[-1])
    got["notes"] = [line for line in proc.stderr.splitlines() if "search index" in line]
    return got


def section(r: dict[str, Any], machine: str) -> str:
    lo = r["loaded"]

    def loaded(x: dict[str, Any]) -> str:
        return (f"by the incremental ingest in {x['seconds']:,.0f} s ({x['added']:,} files, {x['documents']:,} "
                f"documents; index left {'in step' if x.get('problem') is None else 'stale'})")

    how = (f"loaded here {loaded(lo)}" if lo.get("loaded")
           else f"server folder already holding the corpus ({lo['documents']:,} documents)"
           + (f", loaded by an earlier run {loaded(lo['before'])}" if lo.get("before") else ""))  # fmt: skip
    first = "met" if r["first_s"] <= TARGET_FIRST_S else "MISSED"
    p95 = "met" if r["p95_ms"] <= TARGET_P95_MS else "MISSED"
    load = ", ".join(f"{x:.1f}" for x in r["load_before"])
    return f"""## Search on Neo4j from the client's persistent index (`bench/search_neo4j.py`)

Machine: {machine}; shared machine, load average {load} at the start (other jobs running).
Corpus: {r['size']:,} generated documents (`bench/generate.py`, seed 0), {how}.
The server was stopped and started again ({r['server_start_s']} s); then a fresh Python process searched once (the
server's first queries), then another fresh process searched the samples.

| what | figure | target (at 1M) |
|---|---|---|
| first search of a fresh client, the server running (connect {r['connect_s'] * 1000:,.0f} ms, then the search) | {r['first_s'] * 1000:,.0f} ms, peak {r['peak_first_mb']:,} MB | ≤ 1 s: {first} at {r['size']:,} |
| first search of a fresh client on the server just started (its first queries: plans compiled, JVM cold) | {r['cold_first_s'] * 1000:,.0f} ms (connect {r['cold_connect_s'] * 1000:,.0f} ms) | |
| search p50 / p95, {r['n']} sampled texts (numbers, issuers) | {r['p50_ms']:,.1f} / {r['p95_ms']:,.1f} ms ({r['found']} with hits), peak {r['peak_mb']:,} MB | p95 ≤ 50 ms: {p95} at {r['size']:,} |
| the first {r['old_n']} of them without the index: every text read into memory, which before this index every search on Neo4j did | {r['old_first_ms']:,} ms for the first (reading and indexing every text), then p50 {r['old_p50_ms']} ms while the store is unchanged; same top 5 as the index on {r['old_agree']} of {r['old_n']} | |

Notes from the search process: {'; '.join(r['notes']) or 'none (the index was in step: nothing rebuilt)'}.
"""


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--child":
        child(argv[1], argv[2], int(argv[3]), int(argv[4]), argv[5] == "1")
        return 0
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=100_000)
    ap.add_argument("--work", type=Path, default=bench_ingest.DEFAULT_WORK)
    ap.add_argument("--samples", type=int, default=200)
    ap.add_argument("--old", type=int, default=5, help="searches timed without the index")
    ap.add_argument("--batch-size", type=int, default=400)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--no-write", action="store_true", help="print, do not write bench/RESULTS.md")
    a = ap.parse_args(argv)
    a.work.mkdir(parents=True, exist_ok=True)
    r = run(a.size, a.work, a.samples, a.old, a.batch_size, a.workers)
    text = section(r, _machine.describe())
    print(text)
    if not a.no_write:
        _machine.write_section("neo4j-search", text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
