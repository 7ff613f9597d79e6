"""Benchmark of the HTTP API: requests/s and latency under concurrent clients.

Builds (or reuses: ingest skips unchanged files) a store from the seeds,
starts the real server (``luocdo serve``) on a free loopback port, then runs
``--clients`` concurrent clients (one ``httpx.AsyncClient`` each) against
``/documents/{key}/implementers`` and ``/documents/{key}/gaps`` for
``--duration`` seconds each, and prints requests/s and p50/p95/p99 latency.
The section between ``<!-- api -->`` and ``<!-- /api -->`` of
``bench/RESULTS.md`` is replaced with the figures.

    .venv/bin/python bench/api.py [--clients 50] [--duration 10] [--db PATH]
    .venv/bin/python bench/api.py --store /tmp/luocdo-bench/store-100000.db [--targets 30]
    .venv/bin/python bench/api.py --mixed [--clients 50] [--abusers 10] [--duration 20] [--note "…"]

``--mixed``: the lookup clients run while ``--abusers`` clients (another process) send
abusive queries to ``/cypher``; prints the lookups' p95 and errors, the Cypher answers by
status and the peak memory of the server and its query workers.

``--store`` serves a store built by ``bench/ingest.py`` instead (it is not
written): the clients then ask about ``--targets`` provincial plans of that
store in turn, so an answer cache cannot serve every request from one entry.

Client and server share the machine, so the figures are a floor.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import re
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import httpx

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SEEDS = ROOT.parent / "shared" / "seeds"
RESULTS = HERE / "RESULTS.md"
TARGET_NAME = "82/KH-UBND 2025"  # the provincial plan the seeds implement and report on
P95_TARGET_MS = 100.0


def build_store(db: Path, seeds: Path) -> dict:
    from luocdo.graph.store import open_store
    from luocdo.pipeline import ingest

    db.parent.mkdir(parents=True, exist_ok=True)
    store = open_store(str(db))
    try:
        report = ingest(store, [seeds])
        if report.failed:
            raise SystemExit("bench/api.py: seeds failed to ingest: " + "; ".join(report.failed))
        return store.stats()
    finally:
        store.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int, env: dict[str, str] | None = None) -> subprocess.Popen:
    cmd = [
        sys.executable, "-c", "from luocdo.api.cli import app; app()",
        "serve", "--host", "127.0.0.1", "--port", str(port), "--db", str(db), "--log-level", "warning",
    ]
    proc = subprocess.Popen(cmd, env={**os.environ, **(env or {})}, cwd=ROOT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"bench/api.py: the server exited with {proc.returncode}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return proc
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    proc.terminate()
    raise SystemExit("bench/api.py: the server did not answer /healthz within 60 s")


@dataclass
class Run:
    name: str
    path: str
    requests: int
    errors: int
    seconds: float
    latencies_ms: list[float]

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def pct(self, p: float) -> float:
        if not self.latencies_ms:
            return float("nan")
        xs = sorted(self.latencies_ms)
        return xs[min(len(xs) - 1, round(p / 100 * (len(xs) - 1)))]


class Conn:
    """One keep-alive HTTP/1.1 connection for the lookup clients, its answers parsed by httptools.

    The clients must cost the machine little: the server shares its two cores with them.
    ``httpx`` spent about 3.7 ms of CPU per request here against the server's 0.5 ms, so fifty
    ``httpx`` clients measured mostly themselves; this costs a small fraction of that.
    """

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> int:
        """The status of ``GET path`` (the body read and dropped); reconnects when the server closed."""
        import httptools

        if self.writer is None or self.writer.is_closing():
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        done = asyncio.Event()

        class Answer:
            def on_message_complete(self) -> None:
                done.set()

        parser = httptools.HttpResponseParser(Answer())
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}\r\n\r\n".encode())
        while not done.is_set():
            data = await self.reader.read(1 << 16)
            if not data:
                self.writer.close()
                raise ConnectionError("the server closed the connection")
            parser.feed_data(data)
        if not parser.should_keep_alive():
            self.writer.close()
        return parser.get_status_code()

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


async def hammer(base: str, paths: list[str], clients: int, duration: float, warmup: float = 1.0,
                 start_at: float | None = None) -> Run:
    """``clients`` concurrent clients, each one request at a time on its own connection, for
    ``duration`` seconds; each walks ``paths`` in turn, starting at its own offset.

    The connections are made before the clock starts.  ``start_at`` (``time.time()``): when
    counting starts, for runs in several processes; else after ``warmup`` seconds.
    """
    from urllib.parse import urlsplit

    where = urlsplit(base)
    assert where.hostname is not None and where.port is not None, base
    latencies: list[float] = []
    counts = {"ok": 0, "err": 0}
    conns = [Conn(where.hostname, where.port) for _ in range(clients)]
    start = time.perf_counter() + (warmup if start_at is None else start_at - time.time())
    stop_at = start + duration

    async def client(i: int, conn: Conn) -> None:
        while True:
            t0 = time.perf_counter()
            if t0 >= stop_at:
                return
            path = paths[i % len(paths)]
            i += 1
            try:
                ok = await conn.get(path) == 200
            except (OSError, ConnectionError, ValueError):
                ok = False
            t1 = time.perf_counter()
            if t0 >= start:  # the warm-up is not counted
                latencies.append((t1 - t0) * 1000)
                counts["ok" if ok else "err"] += 1

    try:
        await asyncio.gather(*(client(i, conn) for i, conn in enumerate(conns)))
    finally:
        for conn in conns:
            conn.close()
    path = paths[0]
    return Run(path.split("/")[-1].split("?")[0], path, counts["ok"] + counts["err"], counts["err"],
               duration, latencies)


def _shared():
    """bench/_machine.py (machine line, RESULTS.md writer) when it is there."""
    sys.path.insert(0, str(HERE))
    try:
        import _machine
    except ImportError:
        return None
    return _machine


def machine() -> str:
    shared = _shared()
    if shared is not None:
        return shared.describe()
    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def write_section(text: str, name: str = "api") -> None:
    shared = _shared()
    if shared is not None:
        shared.write_section(name, text)
        return
    start, end = f"<!-- {name} -->", f"<!-- /{name} -->"
    block = f"{start}\n{text.strip()}\n{end}"
    old = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmarks\n"
    if start in old and end in old:
        new = re.sub(re.escape(start) + r".*?" + re.escape(end), lambda _m: block, old, flags=re.S)
    else:
        new = old.rstrip() + "\n\n" + block + "\n"
    RESULTS.write_text(new, encoding="utf-8")


def store_targets(db: Path, k: int) -> list[str]:
    """``k`` provincial plans of a store that something implements (spread over the provinces)."""
    from luocdo.graph.ladybug_store import LadybugStore

    with LadybugStore(db, read_only=True) as store:
        rows = store.read(
            "MATCH (i:Document)-[:IMPLEMENTS]->(d:Document) WHERE d.level = 'province' AND d.ingested = true "
            "RETURN d.`key` AS k, d.province AS p, count(i) AS n ORDER BY p, n DESC, k"
        )
    by_province: dict[str, list[str]] = {}
    for r in rows:
        by_province.setdefault(r["p"] or "", []).append(r["k"])
    out: list[str] = []
    while len(out) < k and any(by_province.values()):
        for keys in by_province.values():
            if keys and len(out) < k:
                out.append(keys.pop(0))
    if not out:
        raise SystemExit(f"bench/api.py: no provincial plan with implementers in {db}")
    return out


def bench_mode(db: Path, cached: bool, clients: int, duration: float, keys: list[str] | None = None) -> list[Run]:
    """One server (answer cache on or off), both endpoints; ``keys``: the documents asked about."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = start_server(db, port, env={} if cached else {"LUOCDO_API_CACHE_TTL": "0"})
    runs = []
    try:
        if keys is None:
            r = httpx.get(f"{base}/resolve", params={"name": TARGET_NAME}, timeout=10)
            if r.status_code != 200:
                raise SystemExit(f"bench/api.py: /resolve?name={TARGET_NAME} answered {r.status_code}: {r.text}")
            keys = [r.json()["url_key"]]
        from luocdo.core.keys import url_key

        quoted = [quote(url_key(k), safe="~@") for k in keys]
        for tmpl in ("/documents/{}/implementers?transitive=true", "/documents/{}/gaps"):
            paths = [tmpl.format(k) for k in quoted]
            first = httpx.get(base + paths[0], timeout=60)
            if first.status_code != 200:
                raise SystemExit(f"bench/api.py: {paths[0]} answered {first.status_code}: {first.text}")
            run = asyncio.run(hammer(base, paths, clients, duration))
            run.name = f"{run.name} ({'cached' if cached else 'uncached'})"
            runs.append(run)
            print(f"{run.name:26s} {run.rps:8.1f} req/s  p50 {run.pct(50):6.1f} ms  p95 {run.pct(95):6.1f} ms  "
                  f"p99 {run.pct(99):6.1f} ms  errors {run.errors}", flush=True)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
    return runs


# --------------------------------------------------------------------------- mixed: lookups under abuse

#: What an abusive client sends to /cypher, in turn: a query that runs until its time limit, a
#: gigabyte of answer, one that wants gigabytes of memory.
ABUSE = [
    {"query": "UNWIND range(1, 30000) AS a UNWIND range(1, 30000) AS b WITH a * b AS x WHERE x % 7 = 3 "
              "RETURN count(*) AS c", "timeout_s": 5},
    {"query": "UNWIND range(1, 10000) AS x RETURN x, repeat('A', 100000) AS a", "limit": 10000},
    {"query": "RETURN size(range(1, 300000000)) AS n"},
]


#: The abusive clients' own process runs at this niceness: it stands in for clients on other machines,
#: whose CPU is not the server's (on loopback, their Python would otherwise take a core from it).
ABUSER_NICE = 19


def _abusers(base: str, clients: int, start_at: float, duration: float, out) -> None:
    """``clients`` clients posting ABUSE to /cypher without pause from ``start_at`` (``time.time()``)
    for ``duration`` seconds; puts ({status: count}, CPU seconds of this process) on ``out``."""
    import contextlib

    with contextlib.suppress(OSError):
        os.nice(ABUSER_NICE)
    counts: dict[int, int] = {}

    async def client(c: httpx.AsyncClient, i: int) -> None:
        await asyncio.sleep(max(0.0, start_at - time.time()))
        stop = time.perf_counter() + duration
        while time.perf_counter() < stop:
            try:
                r = await c.post("/cypher", json=ABUSE[i % len(ABUSE)])
                counts[r.status_code] = counts.get(r.status_code, 0) + 1
            except httpx.HTTPError:
                counts[0] = counts.get(0, 0) + 1
            i += 1

    async def all_clients() -> None:
        limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
        async with httpx.AsyncClient(base_url=base, timeout=120, limits=limits) as c:
            await asyncio.gather(*(client(c, i) for i in range(clients)))

    asyncio.run(all_clients())
    out.put((counts, time.process_time()))


def _lookups(base: str, paths: list[str], clients: int, start_at: float, duration: float, out) -> None:
    """The lookup clients in a process of their own (the measuring one samples memory and CPU):
    puts (latencies in ms, errors, CPU seconds of this process) on ``out``."""
    run = asyncio.run(hammer(base, paths, clients, duration, start_at=start_at))
    out.put((run.latencies_ms, run.errors, time.process_time()))


class _Sampler:
    """Peak memory of the server and its query workers, and the CPU each part used, every 0.1 s."""

    def __init__(self, server_pid: int, clients: dict[str, int]) -> None:
        import psutil

        self.server = psutil.Process(server_pid)
        self.clients = {name: psutil.Process(pid) for name, pid in clients.items()}
        self.peak = {"server": 0.0, "total": 0.0}
        self.cpu_first: dict[int, float] = {}
        self.cpu_last: dict[int, tuple[str, float]] = {}

    def sample(self) -> None:
        import psutil

        try:
            workers = self.server.children(recursive=True)
            rss = [p.memory_info().rss / 2**20 for p in (self.server, *workers)]
        except psutil.Error:
            return
        self.peak["server"] = max(self.peak["server"], rss[0])
        self.peak["total"] = max(self.peak["total"], sum(rss))
        parts = [("server", self.server), *(("query workers", w) for w in workers),
                 *((name, p) for name, p in self.clients.items())]
        for name, p in parts:
            try:
                t = p.cpu_times()
            except psutil.Error:
                continue
            self.cpu_first.setdefault(p.pid, t.user + t.system)
            self.cpu_last[p.pid] = (name, t.user + t.system)

    def cpu(self) -> dict[str, float]:
        """CPU seconds each part used between the first and the last sample (a worker started in
        between counts from its start)."""
        out: dict[str, float] = {}
        for pid, (name, last) in self.cpu_last.items():
            out[name] = out.get(name, 0.0) + last - self.cpu_first.get(pid, 0.0)
        return out


def bench_mixed(db: Path, lookups: int, abusers: int, duration: float, keys: list[str] | None) -> dict:
    """``lookups`` clients on a cached lookup while ``abusers`` clients send ABUSE, each in a process
    of its own; lookup latency, errors of both, the peak memory of the server with its query
    workers and the CPU of each part.  The per-client limits are lifted (the clients share one
    address), so that every abusive query reaches the pool, as from ten addresses."""
    import multiprocessing as mp

    from luocdo.core.keys import url_key

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = start_server(db, port, env={"LUOCDO_CYPHER_PER_CLIENT": "1000", "LUOCDO_CYPHER_PER_MINUTE": "1000000"})
    ctx = mp.get_context("spawn")
    try:
        if keys is None:
            keys = [httpx.get(f"{base}/resolve", params={"name": TARGET_NAME}, timeout=10).json()["url_key"]]
        paths = [f"/documents/{quote(url_key(k), safe='~@')}/implementers?transitive=true" for k in keys]
        for path in paths:
            httpx.get(base + path, timeout=60)  # cached from here on
        httpx.post(f"{base}/cypher", json={"query": "RETURN 1"}, timeout=60)  # the query workers are up
        start_at = time.time() + 3.0  # both client processes started and connected by then
        look_q, abuse_q = ctx.Queue(), ctx.Queue()
        look = ctx.Process(target=_lookups, args=(base, paths, lookups, start_at, duration, look_q))
        abuse = ctx.Process(target=_abusers, args=(base, abusers, start_at, duration + 1.0, abuse_q))
        look.start()
        abuse.start()
        sampler = _Sampler(proc.pid, {"lookup clients": look.pid, "abusive clients": abuse.pid})
        time.sleep(max(0.0, start_at - time.time()))
        load_before = os.getloadavg()[0]
        while time.time() < start_at + duration:
            sampler.sample()
            time.sleep(0.1)
        sampler.sample()
        latencies, errors, _ = look_q.get(timeout=300)
        counts, _ = abuse_q.get(timeout=300)
        look.join()
        abuse.join()
        health = httpx.get(f"{base}/healthz", timeout=10).status_code
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
    run = Run("implementers", paths[0], len(latencies), errors, duration, latencies)
    return {"run": run, "cypher": counts, "peak": sampler.peak, "cpu": sampler.cpu(), "health": health,
            "load": (load_before, os.getloadavg()[0])}


_PARTS = ("server", "query workers", "lookup clients", "abusive clients")


def main_mixed(args) -> None:
    """The lookups alone, then under abuse, back to back on the same machine (so that what the
    machine's other load does to the figures shows in the first row)."""
    keys = None
    if args.store is not None:
        keys = store_targets(args.store, args.targets)
        db = args.store
    else:
        build_store(args.db, args.seeds)
        db = args.db
    runs = []
    for abusers in ((0, args.abusers) if args.baseline else (args.abusers,)):
        res = bench_mixed(db, args.clients, abusers, args.duration, keys)
        res["abusers"] = abusers
        run, peak, cpu = res["run"], res["peak"], res["cpu"]
        res["shown"] = ", ".join(f"{k}: {v}" for k, v in sorted(res["cypher"].items())) or "none"
        res["spent"] = ", ".join(f"{name} {cpu.get(name, 0.0):.1f} s" for name in _PARTS)
        print(f"lookups ({args.clients} clients, cached implementers) with {abusers} abusive clients: "
              f"{run.rps:.0f} req/s, p50 {run.pct(50):.1f} ms, p95 {run.pct(95):.1f} ms, p99 {run.pct(99):.1f} ms, "
              f"errors {run.errors}")
        print(f"  /cypher answers by status {{{res['shown']}}}; peak memory: server {peak['server']:.0f} MB, "
              f"server + query workers {peak['total']:.0f} MB; /healthz after: {res['health']}")
        print(f"  CPU over the {args.duration:g} s: {res['spent']}; load average {res['load'][0]:.1f} → "
              f"{res['load'][1]:.1f}", flush=True)
        runs.append(res)
    info = f"{machine()}; load average {runs[0]['load'][0]:.1f} at the start, {runs[-1]['load'][1]:.1f} at the end"
    if args.note:
        info += f"; {args.note}"
    print(f"machine: {info}")
    last = runs[-1]["run"]
    ok = last.pct(95) < P95_TARGET_MS and last.errors == 0
    print(f"target lookup p95 < {P95_TARGET_MS:g} ms with no errors under abuse: {'met' if ok else 'NOT met'}")
    if not args.no_write:
        _write_mixed(args, runs, info, ok)


def _write_mixed(args, runs: list[dict], info: str, ok: bool) -> None:
    rows = [f"| {r['abusers']} | {r['run'].rps:.0f} | {r['run'].pct(50):.1f} | {r['run'].pct(95):.1f} | "
            f"{r['run'].pct(99):.1f} | {r['run'].errors} | {r['shown']} | {r['peak']['server']:.0f} | "
            f"{r['peak']['total']:.0f} | {r['spent']} |" for r in runs]
    lines = [
        "## HTTP API under abuse (`bench/api.py --mixed" + (f" --store {args.store.name}" if args.store else "") + "`)",
        "",
        f"{args.clients} lookup clients (cached `implementers?transitive=true`, as served by default; one process, "
        f"one keep-alive connection each) for {args.duration:g} s, while {args.abusers} clients in another process "
        "post to `/cypher` without pause, in turn: a query that runs to its time limit, a gigabyte of answer, one "
        "that wants gigabytes of memory. The per-client limits are lifted (all clients share one address), so every "
        f"abusive query reaches the pool; the abusive clients' process runs at nice {ABUSER_NICE}, standing in for "
        "clients on other machines. Server, query workers and both client processes share the machine; the row "
        "with 0 abusive clients ran just before, on the same machine, as the measure of what its other load does.",
        "",
        "| abusive clients | lookup req/s | p50 ms | p95 ms | p99 ms | lookup errors | /cypher answers by status "
        "| peak MB server | peak MB server + workers | CPU in the window |",
        "|---:|---:|---:|---:|---:|---:|---|---:|---:|---|",
        *rows,
        "",
        f"Target lookup p95 < {P95_TARGET_MS:g} ms with no errors under abuse: **{'met' if ok else 'not met'}**. "
        f"Machine: {info}. Run {time.strftime('%Y-%m-%d')}.",
    ]
    write_section("\n".join(lines), "api-mixed" if args.store is None else f"api-mixed-{args.store.stem}")
    print(f"wrote the api-mixed section of {RESULTS.relative_to(ROOT)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--duration", type=float, default=10.0, help="seconds per endpoint")
    ap.add_argument("--db", type=Path, default=HERE / ".cache" / "api-seeds.db")
    ap.add_argument("--seeds", type=Path, default=SEEDS)
    ap.add_argument("--cache", choices=("on", "off", "both"), default="both",
                    help="the server's answer cache: on (the default of luocdo serve), off, or both runs")
    ap.add_argument("--store", type=Path, help="serve this existing store (from bench/ingest.py) instead of the seeds")
    ap.add_argument("--targets", type=int, default=30, help="with --store: provincial plans asked about, in turn")
    ap.add_argument("--no-write", action="store_true", help="do not update bench/RESULTS.md")
    ap.add_argument("--mixed", action="store_true",
                    help="lookups (--clients) while --abusers clients send abusive /cypher queries")
    ap.add_argument("--abusers", type=int, default=10, help="with --mixed: abusive /cypher clients")
    ap.add_argument("--no-baseline", dest="baseline", action="store_false",
                    help="with --mixed: skip the run without abusive clients before")
    ap.add_argument("--note", default="", help="with --mixed: what else ran on the machine, for RESULTS.md")
    args = ap.parse_args()
    if args.mixed:
        main_mixed(args)
        return
    keys = None
    if args.store is not None:
        from luocdo.graph.ladybug_store import LadybugStore

        if not args.store.exists():
            raise SystemExit(f"bench/api.py: no store at {args.store} (run bench/ingest.py first)")
        with LadybugStore(args.store, read_only=True) as s:
            stats = s.stats()
        keys = store_targets(args.store, args.targets)
        db = args.store
        what = (f"`{args.store.name}` ({stats['documents']:,} documents, {stats['edges']:,} edges); "
                f"{len(keys)} provincial plans with implementers, asked about in turn")  # fmt: skip
    else:
        if not args.seeds.is_dir():
            raise SystemExit(f"bench/api.py: no seeds at {args.seeds}")
        stats = build_store(args.db, args.seeds)
        db = args.db
        what = (f"the five seeds ({stats.get('documents', '?')} documents, {stats.get('edges', '?')} edges); "
                f"target document {TARGET_NAME!r}")
    runs: list[Run] = []
    for cached in {"on": (True,), "off": (False,), "both": (True, False)}[args.cache]:
        runs += bench_mode(db, cached, args.clients, args.duration, keys)

    info = machine()
    print(f"machine: {info}")
    served = [run for run in runs if "(cached)" in run.name] or runs
    ok = all(run.pct(95) < P95_TARGET_MS and run.errors == 0 for run in served)
    print(f"target p95 < {P95_TARGET_MS:g} ms as served by default: {'met' if ok else 'NOT met'}")
    if args.no_write:
        return
    lines = [
        "## HTTP API (`bench/api.py" + (f" --store {args.store.name}" if args.store else "") + "`)",
        "",
        f"{args.clients} concurrent clients (httpx.AsyncClient each, same machine as the server), "
        f"{args.duration:g} s per endpoint after 1 s warm-up; one uvicorn process (`luocdo serve`); store: "
        f"{what}. *cached*: the server as it runs by default (answers kept until the next upload); "
        "*uncached*: `LUOCDO_API_CACHE_TTL=0`, every request runs the queries.",
        "",
        "| endpoint | req/s | p50 ms | p95 ms | p99 ms | errors |",
        "|---|---:|---:|---:|---:|---:|",
        *(f"| `{re.sub(r'/documents/[^/]+', '/documents/{key}', run.path)}` {run.name.split(' ', 1)[1]} | {run.rps:.0f} | "
          f"{run.pct(50):.1f} | {run.pct(95):.1f} | {run.pct(99):.1f} | {run.errors} |" for run in runs),
        "",
        f"Target p95 < {P95_TARGET_MS:g} ms (as served by default): **{'met' if ok else 'not met'}**. "
        f"Machine: {info}. Run {time.strftime('%Y-%m-%d')}.",
    ]
    write_section("\n".join(lines), "api" if args.store is None else f"api-{args.store.stem}")
    print(f"wrote the api section of {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
