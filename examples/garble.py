"""Make the OCR-damaged documents of the example corpus, reproducibly.

    .venv/bin/python examples/garble.py

Reads the clean texts in ``examples/sources/ocr/`` and writes their garbled form to
``examples/corpus/`` with the same file name.  Only the garbled form is part of the
corpus; the clean text stays here so that anyone can check what the damage hides.  The
damage is done by :func:`bench.generate.garble` (the corpus generator's OCR model) with a
fixed seed and strength per file, listed below: running this again gives the same bytes.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "bench"))

from generate import garble  # noqa: E402

#: file → (seed, strength: share of lines that lose all diacritics)
SEEDS: dict[str, tuple[int, float]] = {
    "08_svhttdl_63-KH-SVHTTDL.txt": (8, 0.95),
    "18_dong-van_52-KH-UBND.txt": (18, 1.0),
    "19_ha-giang-1_48-KH-UBND.txt": (19, 0.8),
    "20_yen-son_58-BC-UBND.txt": (20, 1.0),
}


def main() -> int:
    src = HERE / "sources" / "ocr"
    dst = HERE / "corpus"
    missing = sorted(p.name for p in src.glob("*.txt") if p.name not in SEEDS)
    if missing:
        raise SystemExit(f"examples/garble.py: no seed listed for {', '.join(missing)}; add it to SEEDS")
    for name, (seed, strength) in SEEDS.items():
        text = (src / name).read_text(encoding="utf-8")
        out = garble(text, random.Random(seed), strength)
        (dst / name).write_text(out, encoding="utf-8")
        print(f"{name}: {len(text)} → {len(out)} characters")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
