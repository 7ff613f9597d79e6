"""The README must not drift from the code: every `luocdo …` command it shows
exists, every command the CLI has is documented, and the two make targets it
opens with are real."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

from luocdo.api.cli import app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands() -> set[str]:
    return set(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def test_every_documented_command_exists() -> None:
    # commands appear in code spans and in the shell blocks
    blocks = "\n".join(re.findall(r"```sh\n(.*?)```", README, re.S))
    shown = set(re.findall(r"`luocdo ([a-z][a-z-]*)", README)) | set(re.findall(r"^luocdo ([a-z][a-z-]*)", blocks, re.M))
    assert shown, "README shows no luocdo command"
    assert shown <= _commands(), shown - _commands()


def test_every_command_is_documented() -> None:
    missing = {c for c in _commands() if not re.search(rf"luocdo {c}\b", README)}
    assert not missing, f"commands not in README: {sorted(missing)}"


def test_readme_opens_with_the_two_make_targets() -> None:
    head = README.split("\n## ", 1)[0]
    assert "make demo" in head and "make test" in head
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("demo", "test", "bench", "bench-full"):
        if f"make {target}" in README:
            assert re.search(rf"^{re.escape(target)}:", makefile, re.M), target


def test_documented_endpoints_exist() -> None:
    from luocdo.api.app import create_app

    paths = set(create_app(db=":memory:").openapi()["paths"]) | {"/"}
    shown = set(re.findall(r"`(?:GET|POST) (/[a-z{}/_]*)", README))
    assert shown, "README shows no endpoint"
    assert shown <= paths, shown - paths
