"""No module over 500 lines and no function over 60, so each piece can be read at one sitting.

The size is read from the source with `ast`: a module's line count, and each function's span from
its first decorator to its last line (methods and nested functions each count on their own). The
folders are checked one by one; `loaders/` is not in the list yet and joins it once its long
modules and functions are split into named steps.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 60

#: The folders held to the limits, each with the modules it covers (a folder, or single files).
CHECKED = {
    "api": ["api"],
    "graph": ["graph"],
    "loaders": ["loaders"],
    "luocdo": ["luocdo/core", "luocdo/pipeline"],
    "queries": ["queries"],
    "viz": ["viz"],
}


def sources(parts: list[str]) -> list[Path]:
    found: list[Path] = []
    for part in parts:
        path = ROOT / part
        found.extend(sorted(path.glob("*.py")) if path.is_dir() else [path])
    return found


def offenders(path: Path, root: Path = ROOT) -> list[str]:
    """Each way this file breaks the limits, as `file: what (lines)`."""
    text = path.read_text(encoding="utf-8")
    name = path.relative_to(root).as_posix()
    out: list[str] = []
    lines = len(text.splitlines())
    if lines > MAX_MODULE_LINES:
        out.append(f"{name}: module ({lines} lines)")
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            length = (node.end_lineno or node.lineno) - first + 1
            if length > MAX_FUNCTION_LINES:
                out.append(f"{name}:{node.lineno}: {node.name} ({length} lines)")
    return out


@pytest.mark.parametrize("folder", sorted(CHECKED))
def test_modules_and_functions_stay_short(folder: str) -> None:
    paths = sources(CHECKED[folder])
    assert paths, f"nothing found to check under {folder}"
    found = [line for path in paths for line in offenders(path)]
    assert not found, "over the limits:\n" + "\n".join(found)


def test_the_check_finds_what_is_too_long(tmp_path: Path) -> None:
    """The measure itself: 61 lines of function and 501 of module are reported, 60 and 500 not."""
    body = "\n".join(f"    x{i} = {i}" for i in range(59))
    ok = tmp_path / "ok.py"
    ok.write_text(f"def fine():\n{body}\n" + "\n" * 440, encoding="utf-8")
    long = tmp_path / "long.py"
    long.write_text(f"@staticmethod\ndef too_long():\n{body}\n" + "\n" * 440, encoding="utf-8")
    assert len(ok.read_text().splitlines()) == 500
    assert offenders(ok, tmp_path) == []
    assert offenders(long, tmp_path) == ["long.py: module (501 lines)", "long.py:2: too_long (61 lines)"]
