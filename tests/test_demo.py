"""`luocdo demo` (what `make demo` runs), without the final serve: the example
corpus goes in, the gaps report of its provincial directive comes out (in
Vietnamese by default, in English with LUOCDO_LANG=en), the viewer page is
written.  Then every command of the README's question table runs on the store
the demo built."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-m", "luocdo.api.cli"]


def _demo(tmp: Path, lang: str | None) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "200"}
    env.pop("LUOCDO_LANG", None)
    if lang:
        env["LUOCDO_LANG"] = lang
    return subprocess.run(
        [*CLI, "demo", str(ROOT / "examples" / "corpus"), "--db", str(tmp / "demo.db"),
         "--html", str(tmp / "viewer.html"), "--no-serve"],
        capture_output=True, text=True, env=env, timeout=600, check=False,
    )


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    tmp = tmp_path_factory.mktemp("demo")
    return tmp, _demo(tmp, None)


def test_demo_reports_gaps_in_vietnamese_and_writes_the_viewer(demo_run) -> None:
    tmp, out = demo_run
    assert out.returncode == 0, out.stderr
    text = out.stdout
    # the provincial directive of the corpus, found without being named
    assert "đơn vị chưa có kế hoạch thực hiện 145/KH-UBND@2025@tuyen-quang" in text
    assert "Xã Hàm Yên" in text and "Có thể đã có (chưa dẫn chiếu)" in text
    assert "Xã Tân Trào" in text and "Đã có kế hoạch" in text
    assert "Chưa có kế hoạch" in text and "Chỉ có báo cáo" in text
    assert "12/08/2025" in text and "2025-08-12" not in text  # dates as dd/mm/yyyy
    page = (tmp / "viewer.html").read_text(encoding="utf-8")
    assert "145/KH-UBND" in page and "https://" not in page.split("<body", 1)[0]


def test_demo_in_english(tmp_path: Path) -> None:
    out = _demo(tmp_path, "en")
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert "gaps: who has no plan for 145/KH-UBND@2025@tuyen-quang" in text
    assert "Xã Hàm Yên" in text and "possible plan" in text
    assert "has a plan" in text and "no plan" in text and "2025-08-12" in text


def readme_commands() -> list[str]:
    """The `luocdo …` commands of the README's tables (the questions, the reports)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found = []
    for line in text.splitlines():
        if line.startswith("|"):
            found += re.findall(r"`(luocdo [^`]+)`", line)
    return [c for c in found if not c.startswith(("luocdo demo", "luocdo serve", "luocdo ingest"))]


def test_every_readme_command_works_on_the_demo_store(demo_run) -> None:
    tmp, out = demo_run
    assert out.returncode == 0, out.stderr
    commands = readme_commands()
    assert len(commands) >= 10, commands
    for cmd in commands:
        args = shlex.split(cmd)[1:]
        done = subprocess.run([*CLI, *args, "--db", str(tmp / "demo.db")], capture_output=True, text=True,
                              cwd=tmp, timeout=300, check=False, env={**os.environ, "COLUMNS": "100"})
        assert done.returncode == 0, f"{cmd}: {done.stderr}"


def test_the_readme_python_runs_on_the_demo_store(demo_run) -> None:
    tmp, out = demo_run
    assert out.returncode == 0, out.stderr
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    code = re.search(r"```python\n(.*?)```", text, re.S).group(1)
    assert 'open_store("luocdo.db"' in code
    code = code.replace('open_store("luocdo.db"', f"open_store({str(tmp / 'demo.db')!r}")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert "41/KH-UBND Xã Tân Trào" in done.stdout and "'has_plan': 11" in done.stdout
