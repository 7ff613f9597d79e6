"""Why a national-scale ingest's memory grows: the same documents added to an empty store and to a large one.

The first ``--docs`` documents of the 10,000-document corpus (made by
``bench/ingest.py``) are ingested twice, each time in a child process: into a
new, empty LadybugDB file, and into a copy of a large store (by default the
1,000,000-document store ``bench/ingest.py --sizes 1000000`` keeps).  For each
it prints the wall time, the time spent after the last batch was committed
(the final checkpoint, which writes the batches into the database file), and
the peak resident memory of the ingest process.  The same documents in the
same batches cost far more time and memory once the file is large: the cost
lies in the engine's checkpoint, not in the batch.  ``--plain`` adds
documents that cite nothing, issued by no known body (no edges at all), to
separate the node tables from the edges.

    .venv/bin/python bench/checkpoint.py [--docs 8000] [--big /tmp/luocdo-bench/store-1000000.db] [--plain]
        [--work /tmp/luocdo-bench] [--no-write]

The section between ``<!-- checkpoint -->`` and ``<!-- /checkpoint -->`` of
``bench/RESULTS.md`` is replaced with the figures.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import _machine  # noqa: E402  (bench/ is not a package)
from ingest import DEFAULT_WORK, corpus, db_bytes, remove_db, run_measured, store_path  # noqa: E402


def _child(db: str, files_list: str) -> None:
    """Ingest the listed files into ``db``; print the timings as one JSON line."""
    from luocdo.graph.ladybug_store import LadybugStore
    from luocdo.pipeline import ingest

    files = Path(files_list).read_text(encoding="utf-8").split("\n")
    t0 = time.perf_counter()
    last = [t0]

    def progress(_n: int) -> None:
        last[0] = time.perf_counter()

    with LadybugStore(db) as store:
        report = ingest(store, [f for f in files if f], progress=progress)
    end = time.perf_counter()
    print(json.dumps({"added": report.added, "failed": len(report.failed), "total_s": round(end - t0, 2),
                      "after_last_batch_s": round(end - last[0], 2)}))  # fmt: skip


def _plain_docs(folder: Path, n: int) -> list[str]:
    """Documents with a number and a title but no citation and no known issuer."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        p = folder / f"plain-{i:06d}.txt"
        if not p.exists():
            body = "Nội dung không dẫn văn bản nào. " * 120
            p.write_text(f"Số: {i + 1}/ABC-XYZ\n\nVĂN BẢN\nVề việc thử nghiệm số {i}\n\n{body}\n", encoding="utf-8")
        out.append(str(p))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=8000)
    ap.add_argument("--work", type=Path, default=DEFAULT_WORK)
    ap.add_argument("--big", type=Path, default=None, help="the large store (default: WORK/store-1000000.db)")
    ap.add_argument("--plain", action="store_true", help="also add documents without citations or issuer")
    ap.add_argument("--no-write", action="store_true", help="do not update bench/RESULTS.md")
    ap.add_argument("--child", nargs=2, metavar=("DB", "FILES"), help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        _child(*a.child)
        return 0

    big = a.big or store_path(1_000_000, a.work)
    if not big.is_file():
        print(f"bench/checkpoint.py: no large store at {big}; run bench/ingest.py --sizes 1000000 first (skipped)")
        return 0
    machine = _machine.describe()
    print(f"machine: {machine}")
    docs = sorted(str(p) for p in (corpus(10_000, a.work) / "docs").rglob("*.txt"))[: a.docs]
    sets = [("generated plans and reports", docs)]
    if a.plain:
        sets.append(("documents citing nothing", _plain_docs(a.work / "checkpoint-plain", min(a.docs, 3000))))
    scratch = a.work / "checkpoint"
    scratch.mkdir(parents=True, exist_ok=True)
    rows = []
    for label, files in sets:
        listing = scratch / "files.txt"
        listing.write_text("\n".join(files), encoding="utf-8")
        for target in ("empty", "large"):
            db = scratch / f"{target}.db"
            remove_db(db)
            if target == "large":
                shutil.copyfile(big, db)
                if Path(str(big) + ".wal").exists():
                    shutil.copyfile(str(big) + ".wal", str(db) + ".wal")
            before = db_bytes(db)
            m = run_measured([sys.executable, __file__, "--child", str(db), str(listing)])
            res = json.loads(m.stdout.strip().splitlines()[-1]) if m.returncode == 0 else {}
            remove_db(db)
            row = {"set": label, "store": "empty" if target == "empty" else f"{before / 1e9:.1f} GB ({big.name})",
                   "docs": len(files), "added": res.get("added"), "wall_s": round(m.wall_s, 1),
                   "checkpoint_s": res.get("after_last_batch_s"), "peak_mb": round(m.max_rss_mb)}  # fmt: skip
            rows.append(row)
            print(f"  {label}: {len(files):,} documents into the {target} store: {m.wall_s:6.1f} s, "
                  f"{res.get('after_last_batch_s')} s after the last batch, peak {m.max_rss_mb:,.0f} MB"
                  + ("" if m.returncode == 0 else f"  (exit {m.returncode})"), flush=True)
    if a.no_write:
        return 0
    table = "\n".join(
        f"| {r['set']} | {r['docs']:,} | {r['store']} | {r['wall_s']} | {r['checkpoint_s']} | {r['peak_mb']:,} |" for r in rows
    )
    section = f"""\
## Checkpoint cost against store size (`bench/checkpoint.py`)

{time.strftime('%Y-%m-%d')}, {machine}.
The same documents, in the same batches of 200, added to an empty store and to a copy of the large store.
"after the last batch" is the final checkpoint, which writes the batches into the database file.

| documents | n | into | wall s | after the last batch s | peak MB (ingest process) |
|---|---:|---|---:|---:|---:|
{table}
"""
    _machine.write_section("checkpoint", section)
    print(f"\nwrote the checkpoint section of {_machine.RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
