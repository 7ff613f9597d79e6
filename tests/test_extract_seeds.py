"""The extractor against our own annotation of the five real seeds, or, when they are
absent, against examples/corpus/truth.jsonl (the same checks, from the corpus's truth file)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from luocdo.core.fold import squash
from luocdo.loaders.extract import extract, extract_text
from luocdo.loaders.text import load
from tests.corpora import ACTIVE
from tests.seeds_truth import SEEDS as SEEDS_TRUTH

SEEDS_DIR = ACTIVE.folder


def _truth_of_examples(folder: Path) -> dict[str, dict]:
    """examples/corpus/truth.jsonl in the shape of tests/seeds_truth.py (issuers by id)."""
    rows = [json.loads(line) for line in (folder / "truth.jsonl").read_text(encoding="utf-8").splitlines()]
    labels = {r["target"]: r["label"] for row in rows for r in row["relations"]}
    out = {}
    for row in rows:
        issuer = row["issuer"]
        out[row["file"]] = {
            "document": {"type": row["type"], "number": row["number"], "symbol": row["symbol"],
                         "year": row["year"], "date": row["date"], "level": issuer["level"],
                         "province": issuer["province"], "issuer_id": issuer["id"]},
            "references": [(r["label"], r["date"] if r["dated"] else None, r["relation"])
                           for r in row["relations"]],
            "derived": [(labels[d["source"]], d["relation"], labels[d["target"]]) for d in row["derived"]],
        }
    return out


SEEDS = SEEDS_TRUTH if ACTIVE.is_seeds else _truth_of_examples(ACTIVE.folder)


@cache
def _load(name: str):
    path = SEEDS_DIR / name
    if path.suffix == ".docx":
        return extract(load(path))
    return extract_text(path.read_text(encoding="utf-8"), str(path))


def _label(ref_target) -> str:
    return ref_target.label if ref_target.type != "Luật" else ref_target.title


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_document_identity(name: str) -> None:
    rec = _load(name)
    want = SEEDS[name]["document"]
    doc = rec.document
    assert doc.type == want["type"]
    assert doc.number == want["number"]
    if "symbol" in want:
        assert doc.symbol == want["symbol"]
    assert doc.year == want["year"]
    assert doc.date == want["date"]
    assert doc.issuer is not None, rec.warnings
    assert doc.issuer.level == want["level"]
    assert doc.issuer.province == want["province"]
    if "issuer_id" not in want:
        assert squash(want["issuer"]) in squash(doc.issuer.name)
    elif want["level"] == "party":  # Tỉnh ủy or its Ban Thường vụ: both the province's party body
        assert doc.issuer.id.startswith(want["issuer_id"].rsplit(":", 1)[0] + ":")
    else:
        assert doc.issuer.id == want["issuer_id"]


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_every_citation_and_nothing_else(name: str) -> None:
    rec = _load(name)
    got = {_label(r.target): (r.target.date, r.relation) for r in rec.references}
    want = {label: (date, rel) for label, date, rel in SEEDS[name]["references"]}
    assert set(got) == set(want), f"missing {set(want) - set(got)}; extra {set(got) - set(want)}"
    for label, (date, rel) in want.items():
        assert got[label] == (date, rel), label


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_derived_edges(name: str) -> None:
    rec = _load(name)
    got = {(d.source.label, d.relation, d.target.label) for d in rec.derived}
    assert got == set(SEEDS[name]["derived"])


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_spans_point_at_the_mention(name: str) -> None:
    path = SEEDS_DIR / name
    text = load(path).text if path.suffix == ".docx" else path.read_text(encoding="utf-8")
    rec = _load(name)
    for r in rec.references:
        for m in r.mentions:
            assert 0 <= m.start < m.end <= len(text)
            assert m.text
            if r.target.number:
                assert r.target.number.lstrip("0") in text[m.start : m.end].replace(" ", "")


def test_one_number_two_instruments() -> None:
    """One number issued by two bodies in two years names two instruments, each with its own key."""
    if not ACTIVE.is_seeds:  # the example corpus holds both 27/KH-UBND plans themselves
        keys = {_load(f).document.key for f in ("13_lam-binh_27-KH-UBND.txt", "21_ubnd-tinh_27-KH-UBND-2024.txt")}
        assert keys == ACTIVE.ambiguous_keys
        return
    a = {r.target.label: r.target.key for r in _load("002_ec9dfb82eb2a2281.txt").references}
    b = {r.target.label: r.target.key for r in _load("003_032d32de84dc821b.txt").references}
    assert a["38/KH-UBND"] != b["38/KH-UBND"]
    assert a["38/KH-UBND"] == "38/KH-UBND@2024@quang-ngai"
    assert b["38/KH-UBND"] == "38/KH-UBND@2025@quang-ngai/ly-son"
    assert a["57-NQ/TW"] == b["57-NQ/TW"] == "57-NQ/TW@2024"
