"""The layers only point one way: core ← loaders ← graph ← pipeline, queries ← viz ← api.

Every import of the installed package is read from the source (module level and inside
functions alike), so a lazy import against the direction fails here as surely as a top one.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

#: Folder (as laid out in the repository) → the package it is installed as.
FOLDERS = {
    "luocdo/core": "luocdo.core",
    "loaders": "luocdo.loaders",
    "graph": "luocdo.graph",
    "queries": "luocdo.queries",
    "viz": "luocdo.viz",
    "api": "luocdo.api",
}

#: A module may import its own layer and any lower one, never a higher one.
#: `pipeline` (reading files into a store) and `queries` sit side by side above graph.
RANK = {
    "luocdo.core": 0,
    "luocdo.loaders": 1,
    "luocdo.graph": 2,
    "luocdo.pipeline": 3,
    "luocdo.queries": 3,
    "luocdo.viz": 4,
    "luocdo.api": 5,
}


def layer_of(module: str) -> str | None:
    """The layer a dotted module name belongs to (None for the package root)."""
    for layer in sorted(RANK, key=len, reverse=True):
        if module == layer or module.startswith(layer + "."):
            return layer
    return None


def modules() -> list[tuple[str, Path]]:
    found = [("luocdo.pipeline", ROOT / "luocdo" / "pipeline" / "__init__.py")]
    found += [(f"luocdo.pipeline.{p.stem}", p) for p in sorted((ROOT / "luocdo" / "pipeline").glob("[!_]*.py"))]
    for folder, package in FOLDERS.items():
        for path in sorted((ROOT / folder).glob("*.py")):
            found.append((f"{package}.{path.stem}", path))
    return found


def imported(path: Path, module: str) -> list[tuple[int, str]]:
    """Every `luocdo.*` module this file imports, with the line it is imported on."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module.rsplit(".", 1)[0]
    out: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names if a.name.startswith("luocdo")]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base]) if base else ".".join(parts)
            if base.startswith("luocdo"):
                names = [f"{base}.{a.name}" for a in node.names]
                # `from luocdo.graph import keys` names a module; `from x import name` a member.
                out += [(node.lineno, n if layer_of(n) != layer_of(base) else base) for n in names]
    return out


def test_every_module_is_in_a_layer() -> None:
    for module, _ in modules():
        assert layer_of(module), module


@pytest.mark.parametrize(("module", "path"), modules(), ids=lambda v: str(v))
def test_imports_point_down(module: str, path: Path) -> None:
    own = layer_of(module)
    assert own is not None
    wrong = []
    for line, target in imported(path, module):
        layer = layer_of(target)
        if layer is None or layer == own:
            continue
        if RANK[layer] >= RANK[own]:
            wrong.append(f"{path.relative_to(ROOT)}:{line} imports {target} ({layer} is not below {own})")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize(
    ("module", "target", "allowed"),
    [
        ("luocdo.loaders.extract", "luocdo.core.keys", True),
        ("luocdo.core.keys", "luocdo.loaders.extract", False),
        ("luocdo.graph.build", "luocdo.pipeline", False),
        ("luocdo.queries.gaps", "luocdo.pipeline", False),
        ("luocdo.api.cli", "luocdo.pipeline", True),
        ("luocdo.viz.page", "luocdo.api.app", False),
    ],
)
def test_rank_table(module: str, target: str, allowed: bool) -> None:
    """The rule itself, on pairs whose answer is known, so the check above can fail."""
    own, other = layer_of(module), layer_of(target)
    assert own and other
    assert (own == other or RANK[other] < RANK[own]) is allowed
