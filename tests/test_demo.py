"""`luocdo demo` (what `make demo` runs), without the final serve: the example
corpus goes in, the gaps report of its provincial directive comes out, the
viewer page is written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_demo_reports_gaps_and_writes_the_viewer(tmp_path: Path) -> None:
    html = tmp_path / "viewer.html"
    env = {**os.environ, "COLUMNS": "200"}
    out = subprocess.run(
        [sys.executable, "-m", "luocdo.api.cli", "demo", str(ROOT / "examples" / "corpus"),
         "--db", str(tmp_path / "demo.db"), "--html", str(html), "--no-serve"],
        capture_output=True, text=True, env=env, timeout=600, check=False,
    )
    assert out.returncode == 0, out.stderr
    text = out.stdout
    # the provincial directive of the corpus, found without being named
    assert "gaps: who has no plan for 145/KH-UBND@2025@tuyen-quang" in text
    assert "Xã Hàm Yên" in text and "possible" in text
    assert "Xã Tân Trào" in text and "has_plan" in text
    assert "no_plan" in text
    page = html.read_text(encoding="utf-8")
    assert "145/KH-UBND" in page and "https://" not in page.split("<body", 1)[0]
