"""Ingest keeps going when a file or a worker misbehaves, on the real embedded store.

A FIFO named like a document is refused with a clear error instead of
blocking the ingest for ever; an extraction worker that dies (here: killed on
one particular file) breaks no more than that file: the rest of its batch is
retried and ingested, and the file is reported by name.
"""

from __future__ import annotations

import os
import signal
import threading
from pathlib import Path

import pytest

from luocdo import pipeline as ingest_mod
from luocdo.pipeline import PARALLEL_MIN_FILES, ingest

ROOT = Path(__file__).resolve().parents[1]
PLAN = (ROOT / "examples" / "corpus" / "03_ubnd-tinh_145-KH-UBND.txt").read_text(encoding="utf-8")


def corpus(folder: Path, n: int) -> list[Path]:
    """``n`` copies of one plan, each a different file (a line of its own at the end)."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        p = folder / f"plan-{i:03d}.txt"
        p.write_text(PLAN + f"\n(bản sao {i})\n", encoding="utf-8")
        out.append(p)
    return out


def run_with_deadline(fn, seconds: float):
    box: dict = {}
    t = threading.Thread(target=lambda: box.setdefault("r", fn()), daemon=True)
    t.start()
    t.join(seconds)
    assert not t.is_alive(), f"ingest did not finish within {seconds} s"
    return box["r"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_named_txt_is_refused_not_waited_on(lb_store, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    corpus(folder, 2)
    os.mkfifo(folder / "pipe.txt")
    report = run_with_deadline(lambda: ingest(lb_store, [folder], workers=1), 60)
    assert report.added == 2
    assert report.failed == [f"{folder / 'pipe.txt'}: is a FIFO (named pipe), not a regular file; skipped"]


def test_a_killed_worker_loses_only_its_file(lb_store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = corpus(tmp_path / "in", PARALLEL_MIN_FILES + 6)
    bad = files[40]
    real = ingest_mod.process_file

    def dies_on_the_bad_one(path: str):
        if path == str(bad):
            os.kill(os.getpid(), signal.SIGKILL)  # as the kernel's OOM killer would
        return real(path)

    monkeypatch.setattr(ingest_mod, "process_file", dies_on_the_bad_one)  # the forked workers inherit it
    report = run_with_deadline(lambda: ingest(lb_store, [tmp_path / "in"], workers=2, batch_size=16), 300)
    assert report.failed == [f"{bad}: extraction failed: the worker process died on this file (killed, out of "
                             "memory, or a crash in a library); skipped"]
    assert report.added + report.replaced == len(files) - 1
    assert lb_store.stats()["sources"] == len(files) - 1


@pytest.mark.parametrize("size", [0, -5])
def test_a_batch_size_below_one_is_refused_by_name(lb_store, tmp_path: Path, size: int) -> None:
    (tmp_path / "a.txt").write_text("Căn cứ Luật Đất đai số 31/2024/QH15.\n", encoding="utf-8")
    with pytest.raises(ValueError, match=f"batch_size must be at least 1, got {size}"):
        ingest(lb_store, [str(tmp_path)], batch_size=size)
    assert lb_store.stats()["sources"] == 0
