"""`luocdo extract FILE...`: good records out, bad files listed at the end, exit 1.

Real files in tmp_path, the real loaders and extractor; one run in a
subprocess with Tesseract hidden from PATH.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from luocdo.api.cli import app

GOOD = (
    "UBND TỈNH QUẢNG NGÃI\n"
    "Số: {n}/KH-UBND\n"
    "Quảng Ngãi, ngày 05 tháng 8 năm 2025\n"
    "KẾ HOẠCH\n"
    "Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá "
    "phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia.\n"
)


def _docx(path: Path, text: str) -> None:
    import docx

    d = docx.Document()
    for line in text.splitlines():
        d.add_paragraph(line)
    d.save(path)


@pytest.fixture()
def batch(tmp_path):
    """Arguments in order, the good sources in output order, the bad ones in report order."""
    (tmp_path / "sub").mkdir()
    (tmp_path / "good1.txt").write_text(GOOD.format(n=11), encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "sub" / "good3.txt").write_bytes(GOOD.format(n=13).encode("utf-16"))
    (tmp_path / "sub" / "junk.pdf").write_bytes(b"%PDF-1.7\n" + os.urandom(2000))
    (tmp_path / "notes.xyz").write_text("hello", encoding="utf-8")
    _docx(tmp_path / "good2.docx", GOOD.format(n=12))
    args = ["good1.txt", "missing.txt", "empty.txt", "sub", "notes.xyz", "good2.docx", "good1.txt"]
    good = [("good1.txt", "11"), ("sub/good3.txt", "13"), ("good2.docx", "12")]
    bad = [
        ("missing.txt", "no such file"),
        ("empty.txt", "file is empty"),
        ("sub/junk.pdf", "PDF is truncated or damaged"),
        ("notes.xyz", "unsupported file type '.xyz'"),
    ]
    return tmp_path, args, good, bad


def _run(args: list[str], cwd: Path):
    old = Path.cwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(app, ["extract", *args])
    finally:
        os.chdir(old)


def _records(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def test_batch_prints_good_records_and_reports_failures_last(batch):
    root, args, good, bad = batch
    result = _run(args, root)
    assert result.exit_code == 1, result.output
    records = _records(result.stdout)
    # Every good file, once, in argument order (a repeated argument is read once).
    assert [(r["source"], r["document"]["number"]) for r in records] == [
        (str(Path(src)), n) for src, n in good
    ]
    for r in records:
        assert r["document"]["type"] == "KH"
        assert "57" in [ref["target"]["number"] for ref in r["references"]]
    # The report closes stderr, one complete line per failure, in argument order.
    lines = result.stderr.splitlines()
    tail = lines[lines.index(f"{len(bad)} file(s) failed:") :]
    assert len(tail) == len(bad) + 1
    for line, (src, problem) in zip(tail[1:], bad, strict=True):
        assert line.strip().startswith(f"{Path(src)}: ") and problem in line, line


def test_all_good_exits_zero(batch):
    root, _, good, _ = batch
    result = _run([src for src, _ in good], root)
    assert result.exit_code == 0, result.output
    assert len(_records(result.stdout)) == len(good)
    assert "failed" not in result.stderr


def test_table_format(batch):
    root, _, good, _ = batch
    result = _run(["--format", "table", good[0][0]], root)
    assert result.exit_code == 0, result.output
    assert "good1.txt" in result.stdout and "11/KH-UBND" in result.stdout


def test_folder_without_documents_is_an_error(tmp_path):
    (tmp_path / "notes.xyz").write_text("x", encoding="utf-8")
    result = _run([str(tmp_path)], tmp_path)
    assert result.exit_code == 2
    assert "no supported files found" in result.stderr


def test_extractor_crash_on_one_file_does_not_sink_the_batch(batch, monkeypatch):
    import luocdo.loaders.extract as extract_module

    real = extract_module.extract

    def flaky(text, source=None):
        if source == "good1.txt":
            raise RuntimeError("boom\nwith a second line")
        return real(text, source=source)

    monkeypatch.setattr(extract_module, "extract", flaky)
    root, _, good, _ = batch
    result = _run([src for src, _ in good], root)
    assert result.exit_code == 1
    assert [r["source"] for r in _records(result.stdout)] == [str(Path(s)) for s, _ in good[1:]]
    assert "  good1.txt: extraction failed (RuntimeError: boom with a second line)" in result.stderr


def test_missing_tesseract_in_a_real_process(tmp_path):
    from PIL import Image, ImageDraw

    image = Image.new("L", (400, 120), 255)
    ImageDraw.Draw(image).text((10, 50), "Số: 12/KH-UBND", fill=0)
    image.save(tmp_path / "scan.png")
    (tmp_path / "good.txt").write_text(GOOD.format(n=12), encoding="utf-8")
    empty_bin = tmp_path / "bin"
    empty_bin.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "LUOCDO_TESSERACT"}
    env["PATH"] = str(empty_bin)
    done = subprocess.run(
        [sys.executable, "-m", "luocdo.api.cli", "extract", "scan.png", "good.txt"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 1, done.stderr
    assert [r["source"] for r in _records(done.stdout)] == ["good.txt"]
    assert done.stderr.splitlines()[-2:] == [
        "1 file(s) failed:",
        "  scan.png: needs OCR but Tesseract is not installed; "
        "install it with: apt-get install tesseract-ocr tesseract-ocr-vie",
    ]
