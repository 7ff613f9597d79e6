"""Build and run the Neo4j Community server of the tests and benchmarks.

The server is ``Neo4jTestServer.java`` here: embedded Neo4j 5.26 (the LTS
line that runs on Java 17) with its Bolt connector on a loopback port, auth
off, its data in a folder given by the caller.  Maven fetches Neo4j from
Maven Central once into ``.m2/`` next to this file; the compiled class and
the classpath go to ``target/`` (both git-ignored), so later runs start
without the network.

    python -m tests.neo4j_server.server build          # once (make neo4j-server)
    python -m tests.neo4j_server.server run --port 7687 --data /tmp/neo4j-data

    with running(workdir) as server:                   # server.uri == "bolt://127.0.0.1:NNNNN"
        ...

    python -m tests.neo4j_server.server import --data /tmp/neo4j-data --csv DIR   # the server stopped

The build also brings ``neo4j-admin`` (``org.neo4j.cli.AdminTool`` from Maven
Central's neo4j-command-line and neo4j-import-tool): :func:`import_csv` runs the
``import.sh`` that ``luocdo export neo4j-csv`` writes, with a ``neo4j-admin``
of that classpath first on the PATH, into the server's data folder.

The Java process stops when its standard input closes, so it cannot outlive
the Python process that started it, however that one ends.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
POM = HERE / "pom.xml"
SOURCES = sorted((HERE / "src").rglob("*.java"))
M2 = HERE / ".m2"
TARGET = HERE / "target"
CLASSPATH = TARGET / "classpath.txt"
MAIN = "luocdo.testserver.Neo4jTestServer"
ADMIN_MAIN = "org.neo4j.cli.AdminTool"

#: Seconds allowed for the server to open its Bolt port (a cold JVM on a busy 2-core machine).
START_TIMEOUT_S = 120


class ServerError(RuntimeError):
    """The server could not be built or started; the message says why and where the log is."""


def _java() -> str:
    java = os.environ.get("LUOCDO_JAVA") or shutil.which("java")
    if not java:
        raise ServerError("no Java found: Neo4j 5.26 needs Java 17 or 21 (apt-get install openjdk-17-jre-headless)")
    return java


def _built() -> bool:
    """The classpath file exists, is newer than the sources, and every jar it names is there."""
    if not CLASSPATH.is_file() or not (TARGET / "classes").is_dir():
        return False
    stamp = CLASSPATH.stat().st_mtime
    if any(p.stat().st_mtime > stamp for p in (POM, *SOURCES)):
        return False
    return all(Path(p).exists() for p in CLASSPATH.read_text().strip().split(os.pathsep) if p)


def build(*, quiet: bool = True) -> Path:
    """Compile the launcher with Maven (dependencies from Maven Central, once); the classpath file."""
    if _built():
        return CLASSPATH
    mvn = shutil.which("mvn")
    if not mvn:
        raise ServerError("no Maven found (apt-get install maven): it builds the Neo4j server of the tests")
    cmd = [mvn, "-B", *(["-q"] if quiet else []), f"-Dmaven.repo.local={M2}", "-f", str(POM), "compile"]
    log = HERE / "build.log"
    with open(log, "wb") as out:
        rc = subprocess.run(cmd, stdout=out, stderr=subprocess.STDOUT, cwd=HERE).returncode
    if rc != 0 or not CLASSPATH.is_file():
        tail = log.read_text(errors="replace").strip().splitlines()[-15:]
        raise ServerError(f"building the Neo4j server failed (mvn exit {rc}; full log {log}):\n" + "\n".join(tail))
    CLASSPATH.touch()
    return CLASSPATH


@dataclass(frozen=True)
class Server:
    """A running server: its process, Bolt URI, data folder and output log."""

    proc: subprocess.Popen
    uri: str
    data: Path
    log: Path

    def alive(self) -> bool:
        return self.proc.poll() is None

    def peak_rss_mb(self) -> float | None:
        """The JVM's peak resident memory (VmHWM), while it runs."""
        try:
            for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        except (OSError, ValueError, IndexError):
            pass
        return None


def start(
    data: Path,
    *,
    port: int = 0,
    heap: str = "768m",
    pagecache: str = "128m",
    settings: dict[str, str] | None = None,
) -> Server:
    """Build if needed, then start the server on ``data`` (created); port 0 lets the system choose."""
    classpath = build()
    data = Path(data).resolve()
    data.mkdir(parents=True, exist_ok=True)
    log = data / "server.out"
    conf = {
        "server.memory.pagecache.size": pagecache,
        # Transaction logs are of no use to a throwaway database: keep only the current one.
        "db.tx_log.rotation.retention_policy": "false",
        **(settings or {}),
    }
    cmd = [
        _java(), f"-Xms{heap}", f"-Xmx{heap}", "-XX:+UseG1GC", "-XX:-OmitStackTraceInFastThrow",
        "-cp", f"{TARGET / 'classes'}{os.pathsep}{classpath.read_text().strip()}",
        MAIN, str(data / "home"), str(port), *(f"{k}={v}" for k, v in conf.items()),
    ]
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        for line in log.read_text(errors="replace").splitlines():
            if line.startswith("READY "):
                return Server(proc, line.split()[1], data, log)
        if proc.poll() is not None:
            break
        time.sleep(0.1)
    server = Server(proc, "", data, log)
    stop(server)
    tail = log.read_text(errors="replace").strip().splitlines()[-15:]
    why = f"exited with {proc.returncode}" if proc.returncode not in (None, 0, -15) else f"no Bolt port after {START_TIMEOUT_S} s"
    raise ServerError(f"the Neo4j server did not start ({why}; log {log}, {data / 'home' / 'logs'}):\n" + "\n".join(tail))


def stop(server: Server, timeout_s: float = 60) -> None:
    """Close its input (a clean shutdown), then terminate, then kill."""
    proc = server.proc
    if proc.stdin:
        with suppress(OSError):
            proc.stdin.close()
    try:
        proc.wait(timeout=timeout_s)
        return
    except subprocess.TimeoutExpired:
        proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def admin_bin() -> Path:
    """A folder holding ``neo4j-admin``: this build's AdminTool (built first if need be)."""
    classpath = build()
    folder = TARGET / "bin"
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "neo4j-admin"
    script.write_text(
        "#!/bin/sh\n"
        f'exec "{_java()}" -Xmx1g -cp "{classpath.read_text().strip()}" {ADMIN_MAIN} "$@"\n', encoding="utf-8",
    )
    script.chmod(0o755)
    return folder


def import_csv(data: Path, csv_dir: Path, database: str = "neo4j") -> str:
    """``neo4j-admin database import full`` of ``csv_dir`` (``luocdo export neo4j-csv``, its
    ``import.sh``) into the database of the server folder ``data``, which must not be running;
    the tool's output.  The database is replaced; the server creates luocdo's constraints again
    when luocdo first connects."""
    script = Path(csv_dir) / "import.sh"
    if not script.is_file():
        raise ServerError(f"{script}: missing (write the folder with `luocdo export neo4j-csv -o {csv_dir}`)")
    home = Path(data).resolve() / "home"
    home.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "NEO4J_HOME": str(home), "PATH": f"{admin_bin()}{os.pathsep}{os.environ.get('PATH', '')}"}
    run = subprocess.run(["sh", str(script), database], cwd=csv_dir, env=env, capture_output=True, text=True)
    out = run.stdout + run.stderr
    if run.returncode != 0 or "IMPORT DONE" not in out:
        tail = "\n".join(out.strip().splitlines()[-15:])
        raise ServerError(f"neo4j-admin database import of {csv_dir} into {home} failed (exit {run.returncode}):\n{tail}")
    return out


@contextmanager
def running(data: Path, **kw: object) -> Iterator[Server]:
    server = start(data, **kw)  # type: ignore[arg-type]
    try:
        yield server
    finally:
        stop(server)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.neo4j_server.server", description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("build", help="compile the server (Maven, once)")
    run = sub.add_parser("run", help="run a server in the foreground until Ctrl-C")
    run.add_argument("--data", type=Path, required=True, help="folder of the database (created)")
    run.add_argument("--port", type=int, default=7687)
    run.add_argument("--heap", default="1g")
    run.add_argument("--pagecache", default="512m")
    imp = sub.add_parser("import", help="neo4j-admin database import of a `luocdo export neo4j-csv` folder (server stopped)")
    imp.add_argument("--data", type=Path, required=True, help="folder of the server's database")
    imp.add_argument("--csv", type=Path, required=True, help="folder written by `luocdo export neo4j-csv -o DIR`")
    imp.add_argument("--database", default="neo4j")
    a = ap.parse_args(argv)
    try:
        if a.cmd == "build":
            print(build(quiet=False))
            return 0
        if a.cmd == "import":
            out = import_csv(a.data, a.csv, a.database)
            print("\n".join(line for line in out.splitlines() if not line.startswith((".", "-."))))
            return 0
        with running(a.data, port=a.port, heap=a.heap, pagecache=a.pagecache) as server:
            print(f"Neo4j listening on {server.uri} (auth off); data in {a.data}; Ctrl-C stops it", flush=True)
            with suppress(KeyboardInterrupt):
                while server.alive():
                    time.sleep(0.5)
            if not server.alive():
                print(f"the server stopped (exit {server.proc.returncode}); see {server.log}", file=sys.stderr)
                return 1
    except ServerError as e:
        print(e, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
