"""Benchmark of ingest: wall time, documents/s, peak memory and database size, 10k to 1M documents.

For each size N, a corpus from ``bench/generate.py`` (made once, then reused from
``--work``) is ingested with :func:`luocdo.pipeline.ingest` into a fresh
LadybugDB file, in a child process, so that its memory can be measured: the
peak resident set of the largest process (``wait4``), and the peak of the sum
over the ingest process and its extraction workers (sampled with psutil every
0.2 s; shared pages are counted in each process, so it is an upper bound).
Then the same corpus (its first ``--neo4j-docs`` documents) is ingested through the
neo4j driver into a fresh Neo4j Community 5.26 server started for the run (the
server of the tests, ``tests/neo4j_server``; ``--no-neo4j`` skips it,
``--only-neo4j`` skips LadybugDB).  Its figures go to their own section,
``<!-- ingest-neo4j -->``: documents/s end to end, and documents/s of
``store.apply`` alone (the time the store takes, extraction apart).

The stores are kept (``WORK/store-N.db``): ``bench/queries.py`` runs on them.
The section between ``<!-- ingest -->`` and ``<!-- /ingest -->`` of
``bench/RESULTS.md`` shows the latest figures of every size measured.

    .venv/bin/python bench/ingest.py [--sizes 10000 100000 1000000] [--work /tmp/luocdo-bench]
        [--batch-size 200] [--workers N] [--neo4j-docs N | --no-neo4j | --only-neo4j] [--max-minutes M]
        [--profile]
        [--no-write]

``--bulk``: the first load of the same corpus into a fresh file through the bulk
loader (``ingest(bulk=True)``: extraction in workers, Parquet files, ``COPY FROM``),
and, in another child, extraction alone (the same workers, the deltas built and
dropped), so the load's cost over extraction shows.

Targets: 100,000 documents in at most 3 minutes with peak memory at most 2 GB;
1,000,000 documents complete with memory that does not grow with the corpus; the bulk
load of 1,000,000 documents in at most 12 minutes, within 1.5 times extraction alone,
with peak memory at most 3 GB; incremental ingest into Neo4j at 2,000 documents/s or more.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import _machine  # noqa: E402  (bench/ is not a package)

DEFAULT_WORK = Path("/tmp/luocdo-bench")
HISTORY = HERE / ".cache" / "ingest-results.json"
TARGET_100K_S = 180.0
TARGET_PEAK_MB = 2048.0
TARGET_BULK_1M_S = 720.0
TARGET_BULK_RATIO = 1.5
TARGET_BULK_PEAK_MB = 3072.0
TARGET_NEO4J_RATE = 2000.0
#: Memory of the benchmark's Neo4j server (JVM heap, page cache).
NEO4J_HEAP = "2g"
NEO4J_PAGECACHE = "1g"
SEED = 0


# ---------------------------------------------------------------------------
# Corpora and stores
# ---------------------------------------------------------------------------


def corpus(n: int, work: Path = DEFAULT_WORK, seed: int = SEED) -> Path:
    """The folder of an N-document corpus (``docs/``, ``truth.jsonl``), generated once."""
    out = work / f"corpus-{n}"
    stamp = out / "corpus.json"
    want = {"n": n, "seed": seed, "ocr": 0.0}
    if stamp.is_file():
        try:
            if json.loads(stamp.read_text())["params"] == want:
                return out
        except (ValueError, KeyError):
            pass
    if out.exists():
        shutil.rmtree(out)
    from generate import generate  # bench/generate.py

    t0 = time.perf_counter()
    print(f"generating {n:,} documents in {out} …", file=sys.stderr, flush=True)
    generate(n, out, ocr=0.0, seed=seed)
    dt = time.perf_counter() - t0
    size = sum(f.stat().st_size for f in (out / "docs").rglob("*.txt"))
    stamp.write_text(json.dumps({"params": want, "bytes": size, "seconds": round(dt, 1)}))
    print(f"  {n:,} documents, {size / 1e6:,.0f} MB in {dt:.0f} s", file=sys.stderr, flush=True)
    return out


def corpus_bytes(folder: Path) -> int:
    try:
        return int(json.loads((folder / "corpus.json").read_text())["bytes"])
    except (OSError, ValueError, KeyError):
        return sum(f.stat().st_size for f in (folder / "docs").rglob("*.txt"))


def store_path(n: int, work: Path = DEFAULT_WORK) -> Path:
    return work / f"store-{n}.db"


def db_bytes(db: Path) -> int:
    """Size on disk of a LadybugDB store (the file and its write-ahead log)."""
    return sum(p.stat().st_size for p in (db, Path(str(db) + ".wal")) if p.exists())


def remove_db(db: Path) -> None:
    for p in (db, Path(str(db) + ".wal"), Path(str(db) + ".lock"), Path(str(db) + ".shadow")):
        if p.is_dir():
            shutil.rmtree(p)
        elif p.exists():
            p.unlink()


# ---------------------------------------------------------------------------
# Child processes, measured
# ---------------------------------------------------------------------------


@dataclass
class Measured:
    returncode: int
    wall_s: float
    max_rss_mb: float  # the largest single process (the child or one of its workers)
    tree_rss_mb: float  # peak of the sum over the child and its descendants (sampled)
    stdout: str


def run_measured(cmd: list[str], env: dict[str, str] | None = None, max_s: float | None = None) -> Measured:
    """Run ``cmd``; its wall time, peak memory and standard output (stderr passes through).

    After ``max_s`` seconds the child and its workers are stopped (returncode -15).
    """
    import psutil

    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, env={**os.environ, **(env or {})}, cwd=ROOT,
                            start_new_session=True)  # fmt: skip
    if max_s:
        def stop() -> None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)

        timer = threading.Timer(max_s, stop)
        timer.daemon = True
        timer.start()
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        try:
            p = psutil.Process(proc.pid)
        except psutil.Error:
            return
        while not done.is_set():
            total = 0
            try:
                for q in [p, *p.children(recursive=True)]:
                    with contextlib.suppress(psutil.Error):
                        total += q.memory_info().rss
            except psutil.Error:
                break
            peak[0] = max(peak[0], total)
            done.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out_parts: list[str] = []
    reader = threading.Thread(target=lambda: out_parts.append(proc.stdout.read() if proc.stdout else ""), daemon=True)
    reader.start()
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    done.set()
    if max_s:
        timer.cancel()
        with contextlib.suppress(ProcessLookupError):  # workers left behind by a stopped child
            os.killpg(proc.pid, signal.SIGKILL)
    reader.join()
    sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Measured(proc.returncode, wall, usage.ru_maxrss / 1024, peak[0] / 2**20, "".join(out_parts))


def _last_json(text: str) -> dict[str, Any]:
    """The child's result line, or (when it was stopped) its last progress record."""
    for line in reversed(text.strip().splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    return {}


def extrapolate(rates: list[float], step: int, n: int) -> float | None:
    """Seconds to ingest ``n`` documents if the cost per document keeps growing as it did.

    ``rates`` are docs/s over consecutive stretches of ``step`` documents; the
    time per document is fitted as a + b·(documents already in), by least squares,
    so the whole run takes a·n + b·n²/2.
    """
    pts = [((i + 0.5) * step, 1 / r) for i, r in enumerate(rates) if r > 0]
    if len(pts) < 3:
        return None
    pts = pts[1:]  # the first stretch pays for starting the workers
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    sxx = sum((x - mx) ** 2 for x, _ in pts)
    b = max(0.0, sum((x - mx) * (y - my) for x, y in pts) / sxx) if sxx else 0.0
    a = max(0.0, my - b * mx)
    return a * n + b * n * n / 2


# ---------------------------------------------------------------------------
# What the child runs
# ---------------------------------------------------------------------------


class _Progress:
    """Progress lines every 5 % of the corpus, and the rate of each stretch."""

    def __init__(self, label: str, total: int) -> None:
        self.label, self.total = label, total
        self.done = 0
        self.t0 = self.last_t = time.perf_counter()
        self.last_n = 0
        self.step = max(1, total // 20)
        self.rates: list[float] = []

    def __call__(self, n: int) -> None:
        self.done += n
        if self.done - self.last_n >= self.step or self.done >= self.total:
            now = time.perf_counter()
            rate = (self.done - self.last_n) / max(now - self.last_t, 1e-9)
            self.rates.append(round(rate, 1))
            # a record on stdout too: a run stopped by --max-minutes still has its figures
            print(json.dumps({"progress": self.done, "t": round(now - self.t0, 2), "rates": self.rates,
                              "step": self.step}), flush=True)  # fmt: skip
            print(f"  [{self.label}] {self.done:>9,} docs {now - self.t0:8.1f} s  {rate:7.0f} docs/s now  "
                  f"{self.done / (now - self.t0):7.0f} docs/s overall", file=sys.stderr, flush=True)
            self.last_t, self.last_n = now, self.done


def _timed_apply(store: Any) -> list[float]:
    """Count the time spent inside ``store.apply`` (the rest is waiting for extraction)."""
    spent = [0.0]
    inner = store.apply

    def apply(deltas):  # type: ignore[no-untyped-def]
        t = time.perf_counter()
        try:
            return inner(deltas)
        finally:
            spent[0] += time.perf_counter() - t

    store.apply = apply
    return spent


def _counted_statements(store: Any) -> list[int]:
    """Count the statements a store sends (each one round trip to a server)."""
    count = [0]
    inner = store._run

    def run(query, params=None):  # type: ignore[no-untyped-def]
        count[0] += 1
        return inner(query, params)

    store._run = run
    return count


def extract_child(docs: Path, workers: int) -> None:
    """Extraction alone: every file loaded, extracted and built into its delta by ``workers`` processes."""
    from luocdo.loaders.text import iter_files
    from luocdo.pipeline import _parallel, process_file

    files = (str(f) for f in iter_files([docs]))
    prog = _Progress("extract", sum(1 for _ in iter_files([docs])))
    t0 = time.perf_counter()
    n = failed = 0
    results = _parallel(files, workers, in_flight=800) if workers > 1 else (process_file(f) for f in files)
    for _path, _delta, error in results:
        n += 1
        failed += error is not None
        if n % 200 == 0:
            prog(200)
    if n % 200:
        prog(n % 200)
    print(json.dumps({"files": n, "added": n - failed, "failed": failed, "ingest_s": round(time.perf_counter() - t0, 2),
                      "rates": prog.rates, "stats": {}, "notes": []}))  # fmt: skip


def child(kind: str, target: str, docs: Path, limit: int, batch_size: int, workers: int | None,
          profile: bool, bulk: bool | None = None) -> None:
    """Ingest ``docs`` (the first ``limit`` files when limit > 0) and print one JSON line."""
    from luocdo.pipeline import ingest

    if kind == "extract":
        extract_child(docs, workers or 1)
        return
    if kind == "ladybug":
        from luocdo.graph.ladybug_store import LadybugStore

        store: Any = LadybugStore(target)
    else:
        from luocdo.graph.neo4j_store import Neo4jStore

        store = Neo4jStore(target, connection_timeout=5)
        store.clear()
    # the whole corpus: counted, not listed (a million paths held here would be counted as the load's memory)
    files = sorted(str(p) for p in docs.rglob("*.txt"))[:limit] if limit else []
    prog = _Progress(kind, len(files) if limit else sum(1 for _ in docs.rglob("*.txt")))
    spent = _timed_apply(store)
    statements = _counted_statements(store) if kind == "neo4j" else [0]
    prof = None
    if profile:
        import cProfile

        prof = cProfile.Profile()
        prof.enable()
    t0 = time.perf_counter()
    report = ingest(store, files if limit else [docs], batch_size=batch_size, workers=workers, progress=prog, bulk=bulk)
    t_ingest = time.perf_counter() - t0
    if prof is not None:
        prof.disable()
        import pstats

        pstats.Stats(prof, stream=sys.stderr).sort_stats("cumulative").print_stats(30)
    stats = store.stats()
    t1 = time.perf_counter()
    store.close()
    t_close = time.perf_counter() - t1
    print(json.dumps({
        "files": report.files, "added": report.added, "failed": len(report.failed),
        "failed_first": report.failed[:3], "ingest_s": round(t_ingest, 2), "apply_s": round(spent[0], 2),
        "close_s": round(t_close, 2), "rates": prog.rates, "stats": stats,
        "notes": list(report.notes),  # the page cache raised when a checkpoint needed more
        "statements": statements[0], "transactions": getattr(store, "commits", 0),
        "cpu_main_s": round(time.process_time(), 2),
        "cpu_workers_s": round(sum(getattr(resource.getrusage(resource.RUSAGE_CHILDREN), f) for f in ("ru_utime", "ru_stime")), 2),
    }))  # fmt: skip


# ---------------------------------------------------------------------------
# The benchmark
# ---------------------------------------------------------------------------


@dataclass
class Row:
    store: str
    docs: int
    corpus_mb: float
    wall_s: float
    docs_per_s: float
    first_rate: float | None
    last_rate: float | None
    apply_share: float | None
    max_rss_mb: float
    tree_rss_mb: float
    db_mb: float | None
    documents: int
    edges: int
    failed: int
    load: tuple[float, float, float]
    when: str
    batch_size: int
    workers: int
    extra: dict[str, Any] = field(default_factory=dict)


def bench_ladybug(n: int, work: Path, batch_size: int, workers: int, profile: bool,
                  max_s: float | None = None, bulk: bool = False) -> Row:
    folder = corpus(n, work)
    db = store_path(n, work)
    remove_db(db)
    load = os.getloadavg()
    how = "bulk-load" if bulk else "ingest"
    print(f"{how} {n:,} documents into {db} (load average {load[0]:.2f}) …", file=sys.stderr, flush=True)
    cmd = [sys.executable, __file__, "--child", "ladybug", str(db), str(folder / "docs"),
           "--batch-size", str(batch_size), "--workers", str(workers), "--bulk" if bulk else "--no-bulk"]  # fmt: skip
    if profile:
        cmd.append("--profile")
    m = run_measured(cmd, max_s=max_s)
    res = _last_json(m.stdout)
    stopped = bool(max_s) and m.wall_s >= max_s and "progress" in res
    if m.returncode != 0 and not stopped:
        raise SystemExit(f"bench/ingest.py: the ingest of {n:,} documents failed (exit {m.returncode})")
    if stopped:
        print(f"  stopped after {max_s / 60:g} min (--max-minutes) at {res['progress']:,} documents",
              file=sys.stderr, flush=True)  # fmt: skip
    load_end = os.getloadavg()
    name = "LadybugDB bulk load (COPY FROM)" if bulk else "LadybugDB (embedded)"
    return _row(name, n, folder, m, res, db_bytes(db), load, load_end, batch_size, workers)


def bench_extract(n: int, work: Path, workers: int) -> Row:
    """Extraction alone on the same corpus and workers: what a load cannot go below."""
    folder = corpus(n, work)
    load = os.getloadavg()
    print(f"extraction alone of {n:,} documents ({workers} workers) …", file=sys.stderr, flush=True)
    m = run_measured([sys.executable, __file__, "--child", "extract", "-", str(folder / "docs"),
                      "--workers", str(workers)])  # fmt: skip
    if m.returncode != 0:
        raise SystemExit(f"bench/ingest.py: extraction of {n:,} documents failed (exit {m.returncode})")
    return _row("extraction alone (no store)", n, folder, m, _last_json(m.stdout), None, load, os.getloadavg(), 0,
                workers)


def bench_neo4j(n: int, work: Path, limit: int, batch_size: int, workers: int, profile: bool = False) -> Row:
    """The first ``limit`` documents of the N corpus into a fresh Neo4j server (started here, stopped after)."""
    sys.path.insert(0, str(ROOT))
    from tests.neo4j_server import server as neo4j_server

    folder = corpus(n, work)
    data = work / "neo4j"
    shutil.rmtree(data, ignore_errors=True)
    load = os.getloadavg()
    with neo4j_server.running(data, heap=NEO4J_HEAP, pagecache=NEO4J_PAGECACHE) as server:
        print(f"ingest the first {limit:,} documents of the {n:,} corpus into Neo4j at {server.uri} …",
              file=sys.stderr, flush=True)
        cmd = [sys.executable, __file__, "--child", "neo4j", server.uri, str(folder / "docs"),
               "--limit", str(limit), "--batch-size", str(batch_size), "--workers", str(workers)]  # fmt: skip
        if profile:
            cmd.append("--profile")
        import psutil

        jvm = psutil.Process(server.proc.pid)
        cpu0 = sum(jvm.cpu_times()[:2])
        m = run_measured(cmd)
        server_cpu = sum(jvm.cpu_times()[:2]) - cpu0
        server_mb = server.peak_rss_mb()
        db = sum(f.stat().st_size for f in (data / "home" / "data").rglob("*") if f.is_file())
    if m.returncode != 0:
        raise SystemExit(f"bench/ingest.py: the Neo4j ingest failed (exit {m.returncode})")
    res = _last_json(m.stdout)
    row = _row("Neo4j 5.26 via Bolt (neo4j driver)", limit, folder, m, res, db, load, os.getloadavg(),
               batch_size, workers)
    row.extra["server_rss_mb"] = round(server_mb or 0, 0)
    row.extra["of_corpus"] = n
    row.extra["apply_docs_per_s"] = round(row.docs / res["apply_s"], 1) if res.get("apply_s") else None
    row.extra["heap"], row.extra["pagecache"] = NEO4J_HEAP, NEO4J_PAGECACHE
    # CPU per document: the server, the ingest process (reading, building rows, the driver), the
    # extraction workers; and round trips (statements) and transactions per document.
    row.extra["cpu_ms_per_doc"] = {k: round(1000 * v / max(limit, 1), 2) for k, v in (
        ("server", server_cpu), ("client", res.get("cpu_main_s") or 0), ("extraction", res.get("cpu_workers_s") or 0))}
    row.extra["statements_per_doc"] = round((res.get("statements") or 0) / max(limit, 1), 3)
    row.extra["transactions_per_doc"] = round((res.get("transactions") or 0) / max(limit, 1), 4)
    return row


def _row(store: str, n: int, folder: Path, m: Measured, res: dict[str, Any], db: int | None,
         load: tuple[float, float, float], load_end: tuple[float, float, float], batch_size: int,
         workers: int) -> Row:
    stats = res.get("stats", {})
    rates = res.get("rates") or []
    stopped = "progress" in res
    files = res["progress"] if stopped else res.get("files") or n
    mb = corpus_bytes(folder) / 1e6 * (files / n if n else 1)
    step = res.get("step") or max(1, n // 20)
    extra: dict[str, Any] = {"ingest_s": res.get("ingest_s", res.get("t")), "close_s": res.get("close_s"),
                             "rates": rates, "target": n, "stopped": stopped, "notes": res.get("notes") or []}  # fmt: skip
    for size in sorted({n, 1_000_000}):
        if size > files and "LadybugDB (embedded)" in store:  # a trend of the incremental ingest only
            est = extrapolate(rates, step, size)
            if est is not None:
                extra.setdefault("extrapolated_s", {})[str(size)] = round(est)
    return Row(
        store=store, docs=files, corpus_mb=round(mb, 1), wall_s=round(m.wall_s, 1),
        docs_per_s=round(files / m.wall_s, 1), first_rate=rates[0] if rates else None,
        last_rate=rates[-1] if rates else None,
        apply_share=round(res["apply_s"] / res["ingest_s"], 2) if res.get("ingest_s") and "apply_s" in res else None,
        max_rss_mb=round(m.max_rss_mb), tree_rss_mb=round(m.tree_rss_mb),
        db_mb=round(db / 1e6, 1) if db is not None else None,
        documents=int(stats.get("documents", 0)), edges=int(stats.get("edges", 0)), failed=int(res.get("failed", 0)),
        load=tuple(round(x, 2) for x in (max(a, b) for a, b in zip(load, load_end, strict=True))),  # type: ignore[arg-type]
        when=time.strftime("%Y-%m-%d %H:%M"), batch_size=batch_size, workers=workers, extra=extra,
    )  # fmt: skip


def print_row(r: Row) -> None:
    print(f"{r.store}: {r.docs:,} docs ({r.corpus_mb:,.0f} MB) in {r.wall_s:,.1f} s = {r.docs_per_s:,.0f} docs/s "
          f"(first 5 %: {r.first_rate or 0:,.0f}/s, last 5 %: {r.last_rate or 0:,.0f}/s; store.apply "
          f"{(r.apply_share or 0) * 100:.0f} % of the time); peak RSS {r.max_rss_mb:,} MB largest process, "
          f"{r.tree_rss_mb:,} MB all processes; database {r.db_mb if r.db_mb is not None else '-'} MB; "
          f"{r.documents:,} documents, {r.edges:,} edges; failed {r.failed}; load average {r.load[0]:.2f}",
          flush=True)  # fmt: skip
    if r.extra.get("stopped"):
        print(f"  STOPPED by --max-minutes at {r.docs:,} of {r.extra['target']:,} documents", flush=True)
    for note in r.extra.get("notes") or []:
        print(f"  note: {note}", flush=True)
    for size, est in (r.extra.get("extrapolated_s") or {}).items():
        print(f"  at the same trend (time per document growing with the store), {int(size):,} documents would take "
              f"about {est / 60:,.0f} min", flush=True)  # fmt: skip


def _history() -> dict[str, dict[str, Any]]:
    try:
        return json.loads(HISTORY.read_text())
    except (OSError, ValueError):
        return {}


def _save_history(rows: list[Row]) -> dict[str, dict[str, Any]]:
    hist = _history()
    for r in rows:
        key = f"{_kind(r.store)}:{r.extra.get('of_corpus', r.extra.get('target', r.docs))}"
        hist[key] = asdict(r)
    HISTORY.parent.mkdir(parents=True, exist_ok=True)
    HISTORY.write_text(json.dumps(hist, indent=1, ensure_ascii=False))
    return hist


_KINDS = ("ladybug", "bolt", "neo4j", "bulk", "extract")


def _kind(store: str) -> str:
    """The history kind of a row by its store column (the key's first half)."""
    return ("neo4j" if store.startswith("Neo4j") else "bolt" if store.startswith("FalkorDB")
            else "bulk" if "bulk" in store else "extract" if "extraction" in store else "ladybug")  # fmt: skip


def _row_key(line: str) -> tuple[str, int] | None:
    """(kind, documents of the corpus) of a table row of RESULTS.md; None for other lines."""
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    if len(cells) < 4 or not line.startswith("|") or not cells[1][:1].isdigit():
        return None
    of = re.search(r"\bof ([\d,]+)", f"{cells[0]} {cells[1]}")
    docs = int((of.group(1) if of else cells[1].split()[0]).replace(",", ""))
    return _kind(cells[0]), docs


def _merged_rows(new: list[str], old_block: str) -> list[str]:
    """The new table rows and, beside them, the rows of the block already written whose (kind, size)
    no new row has: a clone without the local history keeps the figures RESULTS.md already shows."""
    keys = {k for line in new if (k := _row_key(line))}
    kept = [line for line in old_block.splitlines() if (k := _row_key(line)) and k not in keys]
    rows = [(_row_key(line), i, line) for i, line in enumerate(kept + new)]
    rows.sort(key=lambda r: (_KINDS.index(r[0][0]), r[0][1], r[1]))  # type: ignore[index]
    return [line for _k, _i, line in rows]


def _dated_notes(old_block: str) -> list[str]:
    """Dated notes written under a table by hand ("- 2026-12-06 07:34, quiet machine …"): kept."""
    return [line for line in old_block.splitlines() if re.match(r"- \d{4}-\d{2}-\d{2}\b", line)]


def _fmt_gb(mb: float) -> str:
    return f"{mb / 1024:.2f}"


def section(hist: dict[str, dict[str, Any]], machine: str) -> str:
    lady = sorted((v for k, v in hist.items() if k.startswith("ladybug:")), key=lambda v: v["docs"])
    bolt = sorted((v for k, v in hist.items() if k.startswith("bolt:")), key=lambda v: v["docs"])  # earlier FalkorDB runs
    lines = [
        "## Ingest (`bench/ingest.py`)",
        "",
        "Generated corpora (`bench/generate.py`, seed 0, no OCR damage), ingested with "
        "`luocdo.pipeline.ingest` (default batch size and workers) into a fresh LadybugDB file, in a child "
        "process. *Peak RSS*: the largest single process (wait4), and the sum over the ingest process and its "
        "extraction workers (sampled every 0.2 s, shared pages counted in each). *Last 5 %*: the rate over the "
        "last twentieth of the corpus (a falling rate means the per-document cost grows with the store). "
        "*apply*: share of the ingest spent in `store.apply` (the rest: waiting for extraction).",
        "",
        "| store | documents | corpus MB | wall s | docs/s | last 5 % docs/s | apply | peak RSS GB (largest / all) "
        "| database MB | graph: documents / edges | failed | load avg | run |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    bulk = sorted((v for k, v in hist.items() if k.startswith(("bulk:", "extract:"))), key=lambda v: (v["docs"], v["store"]))
    old_block = _machine.read_section("ingest")
    table: list[str] = []
    for r in lady + bolt + bulk:
        extra = r.get("extra", {})
        name = r["store"] + (f" (first {r['docs']:,} of {extra['of_corpus']:,})" if "of_corpus" in extra else "")
        if extra.get("stopped"):
            name += f" — **stopped** at {r['docs']:,} of {extra['target']:,} (`--max-minutes`)"
        if extra.get("server_rss_mb"):
            name += f"; server peak {extra['server_rss_mb']:,.0f} MB"
        if extra.get("notes"):
            name += "; " + "; ".join(extra["notes"])
        table.append(
            f"| {name} | {r['docs']:,} | {r['corpus_mb']:,.0f} | {r['wall_s']:,.1f} | {r['docs_per_s']:,.0f} | "
            f"{(r['last_rate'] or 0):,.0f} | {(r['apply_share'] or 0) * 100:.0f} % | "
            f"{_fmt_gb(r['max_rss_mb'])} / {_fmt_gb(r['tree_rss_mb'])} | "
            f"{'' if r['db_mb'] is None else format(r['db_mb'], ',.0f')} | "
            f"{'–' if extra.get('stopped') else format(r['documents'], ',') + ' / ' + format(r['edges'], ',')} | "
            f"{r['failed']} | {r['load'][0]:.2f} | {r['when']} |"
        )  # fmt: skip
    lines += [*_merged_rows(table, old_block), ""]
    if notes := _dated_notes(old_block):
        lines += [*notes, ""]
    # a trend is shown only for sizes no run has measured
    measured = {r["docs"] for r in lady if not r.get("extra", {}).get("stopped")}
    guesses = [(r, int(size), est) for r in lady
               for size, est in (r.get("extra", {}).get("extrapolated_s") or {}).items() if int(size) not in measured]  # fmt: skip
    for r, size, est in guesses:
        lines.append(f"- From the {r['docs']:,}-document run: at the same trend (time per document growing "
                     f"linearly with the store, fitted over the 5 % stretches), {size:,} documents would take "
                     f"about {est / 60:,.0f} min.")  # fmt: skip
    if guesses:
        lines.append("")
    by = {r.get("extra", {}).get("target", r["docs"]): r for r in lady}
    verdicts = []
    r = by.get(100_000)
    if r is None and (was := re.search(r"100,000 documents in ≤ .*?GB all processes\)\.", old_block)):
        verdicts.append(was.group())
    elif r is None:
        verdicts.append("100,000 documents: not measured yet (`make bench-full`).")
    elif r["extra"].get("stopped"):
        verdicts.append(f"100,000 documents in ≤ {TARGET_100K_S:.0f} s: **MISSED** (stopped after "
                        f"{r['wall_s'] / 60:,.0f} min at {r['docs']:,} documents).")  # fmt: skip
    else:
        ok_t, ok_m = r["wall_s"] <= TARGET_100K_S, r["tree_rss_mb"] <= TARGET_PEAK_MB
        verdicts.append(f"100,000 documents in ≤ {TARGET_100K_S:.0f} s: **{'met' if ok_t else 'MISSED'}** "
                        f"({r['wall_s']:,.0f} s); peak ≤ 2 GB: **{'met' if ok_m else 'MISSED'}** "
                        f"({_fmt_gb(r['tree_rss_mb'])} GB all processes).")  # fmt: skip
    r = by.get(1_000_000)
    if r is None and (was := re.search(r"1,000,000 documents: (?:completed|\*\*not completed).*?(?:GB|documents\))\.", old_block)):
        verdicts.append(was.group())
    elif r is None:
        verdicts.append("1,000,000 documents: not run yet (`make bench-full`).")
    elif r["extra"].get("stopped"):
        verdicts.append(f"1,000,000 documents: **not completed** (stopped after {r['wall_s'] / 60:,.0f} min at "
                        f"{r['docs']:,} documents).")  # fmt: skip
    else:
        verdicts.append(f"1,000,000 documents: completed in {r['wall_s'] / 60:,.0f} min, peak "
                        f"{_fmt_gb(r['tree_rss_mb'])} GB.")  # fmt: skip
    lines += [" ".join(verdicts), ""]
    lines += bulk_verdicts(hist, old_block)
    lines += [f"Commands: `make bench` (10k), `make bench-full` (10k, 100k, 1M), or "
              f"`.venv/bin/python bench/ingest.py --sizes N … [--bulk]`. Machine: {machine}."]  # fmt: skip
    return "\n".join(lines)


def bulk_verdicts(hist: dict[str, dict[str, Any]], old_block: str = "") -> list[str]:
    """The bulk load against extraction alone, and against the 1M targets, per size measured (the lines
    already written kept for sizes the local history lacks)."""
    sizes = {f"{v['docs']:,}" for k, v in hist.items() if k.startswith("bulk:")}
    out = [line for line in old_block.splitlines()
           if (m := re.match(r"- Bulk load of ([\d,]+) documents", line)) and m.group(1) not in sizes]  # fmt: skip
    for key, r in sorted(hist.items(), key=lambda kv: kv[1]["docs"]):
        if not key.startswith("bulk:"):
            continue
        n = key.split(":", 1)[1]
        ex = hist.get(f"extract:{n}")
        line = (f"- Bulk load of {r['docs']:,} documents: {r['wall_s']:,.0f} s ({r['docs_per_s']:,.0f} docs/s), "
                f"peak {_fmt_gb(r['max_rss_mb'])} GB largest process / {_fmt_gb(r['tree_rss_mb'])} GB with workers")
        if ex:
            ratio = r["wall_s"] / ex["wall_s"] if ex["wall_s"] else 0
            line += (f"; extraction alone {ex['wall_s']:,.0f} s ({ex['docs_per_s']:,.0f} docs/s), so the load is "
                     f"{ratio:.2f}× extraction (target ≤ {TARGET_BULK_RATIO}×: **{'met' if ratio <= TARGET_BULK_RATIO else 'MISSED'}**)")
        if r["docs"] >= 1_000_000:
            ok = r["wall_s"] <= TARGET_BULK_1M_S and r["tree_rss_mb"] <= TARGET_BULK_PEAK_MB
            line += f"; 1M in ≤ 12 min with ≤ 3 GB: **{'met' if ok else 'MISSED'}**"
        else:
            line += (f"; at this rate 1,000,000 documents would take {1_000_000 / max(r['docs_per_s'], 1) / 60:,.1f} min "
                     f"(target ≤ 12)")
        out.append(line + ".")
    return [*out, ""] if out else []
def _cpu(x: dict[str, Any]) -> str:
    c = x.get("cpu_ms_per_doc")
    return f"{c['server']:.2f} / {c['client']:.2f} / {c['extraction']:.2f}" if c else ""


def _trips(x: dict[str, Any]) -> str:
    return f"{x['statements_per_doc']:.3f} / {x['transactions_per_doc']:.4f}" if "statements_per_doc" in x else ""


def neo4j_section(hist: dict[str, dict[str, Any]], machine: str) -> str:
    """The Neo4j rows: end to end, and ``store.apply`` alone, against the 2,000 documents/s target."""
    rows = sorted((v for k, v in hist.items() if k.startswith("neo4j:")), key=lambda v: v["docs"])
    lines = [
        "## Ingest into Neo4j (`bench/ingest.py --only-neo4j`)",
        "",
        "The same generated corpora, ingested incrementally with `luocdo.pipeline.ingest` (batches of "
        "`--batch-size` documents, each one write transaction of `UNWIND` statements) into a fresh Neo4j "
        "Community 5.26 server (embedded with Bolt, `tests/neo4j_server`, started by the benchmark on the same "
        "machine). *docs/s*: end to end, extraction included (the extraction workers and the JVM share the "
        "cores). *apply docs/s*: documents divided by the time spent inside `store.apply` (the store's own "
        "cost). *Peak RSS*: the ingest processes; the server's own peak is listed apart.",
        "",
        "| store | documents | wall s | docs/s | apply docs/s | apply share | peak RSS GB (largest / all) "
        "| server peak MB (heap / page cache) | database MB | graph: documents / edges | failed | load avg "
        "| batch | CPU ms/doc: server / client / extraction | statements / transactions per doc | run |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    table: list[str] = []
    for r in rows:
        x = r.get("extra", {})
        table.append(
            f"| {r['store']} | {r['docs']:,} of {x.get('of_corpus', r['docs']):,} | {r['wall_s']:,.1f} | "
            f"{r['docs_per_s']:,.0f} | {x.get('apply_docs_per_s') or 0:,.0f} | {(r['apply_share'] or 0) * 100:.0f} % | "
            f"{_fmt_gb(r['max_rss_mb'])} / {_fmt_gb(r['tree_rss_mb'])} | "
            f"{x.get('server_rss_mb', 0):,.0f} ({x.get('heap', '?')} / {x.get('pagecache', '?')}) | "
            f"{'' if r['db_mb'] is None else format(r['db_mb'], ',.0f')} | "
            f"{r['documents']:,} / {r['edges']:,} | {r['failed']} | {r['load'][0]:.2f} | {r.get('batch_size', '')} | "
            f"{_cpu(x)} | {_trips(x)} | {r['when']} |"
        )  # fmt: skip
    lines += [*_merged_rows(table, _machine.read_section("ingest-neo4j")), ""]
    if rows:
        r = rows[-1]
        rate, apply_rate = r["docs_per_s"], r.get("extra", {}).get("apply_docs_per_s") or 0
        lines.append(
            f"Target ≥ {TARGET_NEO4J_RATE:,.0f} documents/s ({r['docs']:,} documents): end to end "
            f"**{'met' if rate >= TARGET_NEO4J_RATE else 'MISSED'}** ({rate:,.0f}/s); the store alone "
            f"**{'met' if apply_rate >= TARGET_NEO4J_RATE else 'MISSED'}** ({apply_rate:,.0f}/s)."
        )
        cpu = r.get("extra", {}).get("cpu_ms_per_doc")
        if cpu:  # what the cores allow, whatever else runs: the CPU each document costs in all
            total = sum(cpu.values())
            lines += ["", (
                f"What limits it: {total:.2f} ms of CPU per document in all (server {cpu['server']:.2f}, ingest "
                f"process {cpu['client']:.2f}, extraction workers {cpu['extraction']:.2f}), so {r['workers']} cores "
                f"allow at most {1000 * r['workers'] / total:,.0f} documents/s with nothing else running, and the "
                f"store's share alone (server and ingest process) {1000 * r['workers'] / (cpu['server'] + cpu['client']):,.0f}. "
                f"The load average ({r['load'][0]:.1f}, the larger of the run's start and end) says what share of the "
                f"cores the run got.")]  # fmt: skip
        lines.append("")
    lines.append(f"Command: `.venv/bin/python bench/ingest.py --sizes 10000 --only-neo4j` (and `--sizes 100000`). "
                 f"Machine: {machine}.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    ap.add_argument("--work", type=Path, default=DEFAULT_WORK, help="corpora and stores (reused)")
    ap.add_argument("--batch-size", type=int, default=200)
    ap.add_argument("--neo4j-batch-size", type=int, default=0,
                    help="documents per transaction into Neo4j (default: the store's own, Neo4jStore.write_batch)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--neo4j-docs", type=int, default=0, help="documents loaded into Neo4j (default: all)")
    ap.add_argument("--no-neo4j", action="store_true", help="LadybugDB only")
    ap.add_argument("--only-neo4j", action="store_true", help="Neo4j only")
    ap.add_argument("--profile", action="store_true", help="cProfile the ingest process (printed to stderr)")
    ap.add_argument("--max-minutes", type=float, help="stop an ingest after this long; report its figures so far "
                    "and the extrapolated total")  # fmt: skip
    ap.add_argument("--no-write", action="store_true", help="do not update bench/RESULTS.md")
    ap.add_argument("--bulk", action=argparse.BooleanOptionalAction, default=None,
                    help="measure the bulk load of a fresh store and extraction alone (instead of the incremental ingest)")
    ap.add_argument("--keep-extraction", action="store_true", help="with --bulk: keep the last extraction-alone "
                    "figure of that size instead of measuring it again")
    ap.add_argument("--no-extraction", action="store_true", help="with --bulk: no extraction-alone run (the "
                    "load's own extraction lap is in its note)")
    ap.add_argument("--child", nargs=3, metavar=("KIND", "TARGET", "DOCS"), help=argparse.SUPPRESS)
    ap.add_argument("--limit", type=int, default=0, help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.child:
        kind, target, docs = a.child
        child(kind, target, Path(docs), a.limit, a.batch_size, a.workers, a.profile, a.bulk)
        return 0

    a.work.mkdir(parents=True, exist_ok=True)
    machine = _machine.describe()
    print(f"machine: {machine}; load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    rows: list[Row] = []
    for n in [] if a.only_neo4j else a.sizes:
        row = bench_ladybug(n, a.work, a.batch_size, a.workers, a.profile,
                            a.max_minutes * 60 if a.max_minutes else None, bulk=bool(a.bulk))
        print_row(row)
        rows.append(row)
        if a.bulk and not a.no_write:
            _save_history([row])  # kept even when the extraction-alone run that follows is stopped
        if a.bulk and not a.no_extraction:
            kept = _history().get(f"extract:{n}") if a.keep_extraction else None
            if kept:
                ex = Row(**kept)
                print(f"extraction alone: the figure of {ex.when} kept (--keep-extraction)", flush=True)
            else:
                ex = bench_extract(n, a.work, a.workers)
                print_row(ex)
                rows.append(ex)
            print(f"bulk load {row.wall_s:,.1f} s = {row.wall_s / ex.wall_s:.2f}× extraction alone ({ex.wall_s:,.1f} s); "
                  f"peak {row.max_rss_mb:,} MB largest process, {row.tree_rss_mb:,} MB with workers", flush=True)
        if not a.no_write:
            _machine.write_section("ingest", section(_save_history([r for r in rows if r.docs == n][-2:] if a.bulk else [row]), machine))
    if not a.no_neo4j and not a.bulk:
        n = min(a.sizes)
        from luocdo.graph.neo4j_store import Neo4jStore

        row = bench_neo4j(n, a.work, min(a.neo4j_docs or n, n), a.neo4j_batch_size or Neo4jStore.write_batch,
                          a.workers, a.profile)
        print_row(row)
        print(f"  store.apply alone: {row.extra['apply_docs_per_s'] or 0:,.0f} docs/s; "
              f"server peak {row.extra['server_rss_mb']:,.0f} MB", flush=True)
        rows.append(row)
        if not a.no_write:
            _machine.write_section("ingest-neo4j", neo4j_section(_save_history([row]), machine))
    if not a.no_write:
        print(f"wrote the ingest section of {_machine.RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
