"""Benchmark of the HTTP API: requests/s and latency under concurrent clients.

Builds (or reuses: ingest skips unchanged files) a store from the seeds,
starts the real server (``luocdo serve``) on a free loopback port, then runs
``--clients`` concurrent clients (one ``httpx.AsyncClient`` each) against
``/documents/{key}/implementers`` and ``/documents/{key}/gaps`` for
``--duration`` seconds each, and prints requests/s and p50/p95/p99 latency.
The section between ``<!-- api -->`` and ``<!-- /api -->`` of
``bench/RESULTS.md`` is replaced with the figures.

    .venv/bin/python bench/api.py [--clients 50] [--duration 10] [--db PATH]

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
    from luocdo.graph.ingest import ingest
    from luocdo.graph.store import open_store

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


async def hammer(base: str, path: str, clients: int, duration: float, warmup: float = 1.0) -> Run:
    """``clients`` concurrent clients, each one request at a time, for ``duration`` seconds."""
    latencies: list[float] = []
    counts = {"ok": 0, "err": 0}
    start_at = time.perf_counter() + warmup
    stop_at = start_at + duration

    async def client() -> None:
        async with httpx.AsyncClient(base_url=base, timeout=30) as c:
            while True:
                t0 = time.perf_counter()
                if t0 >= stop_at:
                    return
                try:
                    r = await c.get(path)
                    ok = r.status_code == 200
                except httpx.HTTPError:
                    ok = False
                t1 = time.perf_counter()
                if t0 >= start_at:  # the warm-up is not counted
                    latencies.append((t1 - t0) * 1000)
                    counts["ok" if ok else "err"] += 1

    await asyncio.gather(*(client() for _ in range(clients)))
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


def write_section(text: str) -> None:
    shared = _shared()
    if shared is not None:
        shared.write_section("api", text)
        return
    start, end = "<!-- api -->", "<!-- /api -->"
    block = f"{start}\n{text.strip()}\n{end}"
    old = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmarks\n"
    if start in old and end in old:
        new = re.sub(re.escape(start) + r".*?" + re.escape(end), lambda _m: block, old, flags=re.S)
    else:
        new = old.rstrip() + "\n\n" + block + "\n"
    RESULTS.write_text(new, encoding="utf-8")


def bench_mode(db: Path, cached: bool, clients: int, duration: float) -> list[Run]:
    """One server (answer cache on or off), both endpoints."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = start_server(db, port, env={} if cached else {"LUOCDO_API_CACHE_TTL": "0"})
    runs = []
    try:
        r = httpx.get(f"{base}/resolve", params={"name": TARGET_NAME}, timeout=10)
        if r.status_code != 200:
            raise SystemExit(f"bench/api.py: /resolve?name={TARGET_NAME} answered {r.status_code}: {r.text}")
        key = quote(r.json()["url_key"], safe="~@")
        for path in (f"/documents/{key}/implementers?transitive=true", f"/documents/{key}/gaps"):
            first = httpx.get(base + path, timeout=30)
            if first.status_code != 200:
                raise SystemExit(f"bench/api.py: {path} answered {first.status_code}: {first.text}")
            run = asyncio.run(hammer(base, path, clients, duration))
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--duration", type=float, default=10.0, help="seconds per endpoint")
    ap.add_argument("--db", type=Path, default=HERE / ".cache" / "api-seeds.db")
    ap.add_argument("--seeds", type=Path, default=SEEDS)
    ap.add_argument("--cache", choices=("on", "off", "both"), default="both",
                    help="the server's answer cache: on (the default of luocdo serve), off, or both runs")
    ap.add_argument("--no-write", action="store_true", help="do not update bench/RESULTS.md")
    args = ap.parse_args()
    if not args.seeds.is_dir():
        raise SystemExit(f"bench/api.py: no seeds at {args.seeds}")

    stats = build_store(args.db, args.seeds)
    runs: list[Run] = []
    for cached in {"on": (True,), "off": (False,), "both": (True, False)}[args.cache]:
        runs += bench_mode(args.db, cached, args.clients, args.duration)

    info = machine()
    print(f"machine: {info}")
    served = [run for run in runs if "(cached)" in run.name] or runs
    ok = all(run.pct(95) < P95_TARGET_MS and run.errors == 0 for run in served)
    print(f"target p95 < {P95_TARGET_MS:g} ms as served by default: {'met' if ok else 'NOT met'}")
    if args.no_write:
        return
    lines = [
        "## HTTP API (`bench/api.py`)",
        "",
        f"{args.clients} concurrent clients (httpx.AsyncClient each, same machine as the server), "
        f"{args.duration:g} s per endpoint after 1 s warm-up; one uvicorn process (`luocdo serve`); store: the "
        f"five seeds ({stats.get('documents', '?')} documents, {stats.get('edges', '?')} edges); target document "
        f"{TARGET_NAME!r}. *cached*: the server as it runs by default (answers kept until the next upload); "
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
    write_section("\n".join(lines))
    print(f"wrote the api section of {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
