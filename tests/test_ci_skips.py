"""In CI a skipped test fails the run: what ``make test`` must install cannot go missing quietly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(("ci", "outcome"), [("true", "1 failed"), ("", "1 skipped")])
def test_a_skip_fails_only_in_ci(tmp_path: Path, ci: str, outcome: str) -> None:
    (tmp_path / "test_probe.py").write_text("import pytest\n\ndef test_probe():\n    pytest.skip('no chromium')\n")
    env = {**os.environ, "CI": ci, "PYTHONPATH": str(ROOT)}
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "tests.conftest",
                          str(tmp_path / "test_probe.py")], capture_output=True, text=True, cwd=tmp_path, env=env,
                         timeout=120)  # fmt: skip
    assert outcome in run.stdout, run.stdout + run.stderr
    if ci:
        assert "skipped in CI" in run.stdout and "no chromium" in run.stdout
