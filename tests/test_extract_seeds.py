"""The extractor against our own annotation of the five real seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from luocdo.core.fold import squash
from luocdo.loaders.extract import extract_text
from tests.seeds_truth import SEEDS

SEEDS_DIR = Path(__file__).resolve().parents[2] / "shared" / "seeds"
pytestmark = pytest.mark.skipif(not SEEDS_DIR.is_dir(), reason="../shared/seeds not present")


def _load(name: str):
    path = SEEDS_DIR / name
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
    assert squash(want["issuer"]) in squash(doc.issuer.name)


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
    text = path.read_text(encoding="utf-8")
    rec = extract_text(text, str(path))
    for r in rec.references:
        for m in r.mentions:
            assert 0 <= m.start < m.end <= len(text)
            assert m.text
            if r.target.number:
                assert r.target.number.lstrip("0") in text[m.start : m.end].replace(" ", "")


def test_two_38_kh_ubnd_are_two_instruments() -> None:
    a = {r.target.label: r.target.key for r in _load("002_ec9dfb82eb2a2281.txt").references}
    b = {r.target.label: r.target.key for r in _load("003_032d32de84dc821b.txt").references}
    assert a["38/KH-UBND"] != b["38/KH-UBND"]
    assert a["38/KH-UBND"] == "38/KH-UBND@2024@quang-ngai"
    assert b["38/KH-UBND"] == "38/KH-UBND@2025@quang-ngai/ly-son"
    assert a["57-NQ/TW"] == b["57-NQ/TW"] == "57-NQ/TW@2024"
