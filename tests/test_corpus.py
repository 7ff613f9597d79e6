"""The example corpus (examples/corpus/) extracts to the ground truth its README states.

One row per document of ``examples/corpus/truth.jsonl``.  Cases the extractor does not
handle yet are marked ``xfail(strict=True)`` with the sentence at fault, so a fix shows up
as an XPASS to remove the mark.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from luocdo.loaders.extract import extract
from luocdo.loaders.text import load

CORPUS = Path(__file__).resolve().parent.parent / "examples" / "corpus"
TRUTH = [json.loads(line) for line in (CORPUS / "truth.jsonl").read_text(encoding="utf-8").splitlines()]

#: (file, check) → why the extractor gets it wrong today (reported to the extractor's owner).
KNOWN_GAPS: dict[tuple[str, str], str] = {}


def _rows(check: str) -> list:
    out = []
    for t in TRUTH:
        why = KNOWN_GAPS.get((t["file"], check))
        marks = [pytest.mark.xfail(strict=True, reason=why)] if why else []
        out.append(pytest.param(t, id=t["file"], marks=marks))
    return out


@cache
def _record(name: str) -> dict:
    return extract(load(CORPUS / name)).to_dict()


def _key_matches(pred: str, truth: str, dated: bool) -> bool:
    """Exact, except an instrument the text cites without a date may keep year "?"."""
    if pred == truth:
        return True
    p, t = pred.split("@"), truth.split("@")
    return not dated and len(p) == len(t) and p[0] == t[0] and p[1] == "?" and p[2:] == t[2:]


def test_corpus_is_complete() -> None:
    files = sorted(p.name for p in CORPUS.iterdir() if p.suffix in (".txt", ".docx"))
    assert files == sorted(t["file"] for t in TRUTH)
    assert len(files) == 21
    assert any(f.endswith(".docx") for f in files)
    assert sum(t["ocr"] for t in TRUTH) == 4


@pytest.mark.parametrize("truth", _rows("identity"))
def test_identity(truth: dict) -> None:
    d = _record(truth["file"])["document"]
    got = {k: d[k] for k in ("type", "number", "symbol", "year")}
    assert got == {k: truth[k] for k in ("type", "number", "symbol", "year")}
    if truth["key"] is not None:
        assert d["key"] == truth["key"]
    issuer = d["issuer"] or {}
    want = truth["issuer"]
    if want["level"] == "party":  # Tỉnh ủy or its Ban Thường vụ: both are the province's party body
        assert issuer.get("id", "").startswith("party:8:")
    else:
        assert issuer.get("id") == want["id"]


@pytest.mark.parametrize("truth", _rows("date"))
def test_date(truth: dict) -> None:
    assert _record(truth["file"])["document"]["date"] == truth["date"]


@pytest.mark.parametrize("truth", _rows("relations"))
def test_relations(truth: dict) -> None:
    refs = [(r["target"]["key"], r["relation"]) for r in _record(truth["file"])["references"]]
    missing = [
        (r["target"], r["relation"])
        for r in truth["relations"]
        if not any(_key_matches(k, r["target"], r["dated"]) and rel == r["relation"] for k, rel in refs)
    ]
    extra = [(k, rel) for k, rel in refs
             if not any(_key_matches(k, r["target"], r["dated"]) for r in truth["relations"])]
    assert (missing, extra) == ([], [])


@pytest.mark.parametrize("truth", _rows("derived"))
def test_derived(truth: dict) -> None:
    got = {(x["source"]["key"].split("@")[0], x["relation"], x["target"]["key"].split("@")[0])
           for x in _record(truth["file"])["derived"]}
    want = {(x["source"].split("@")[0], x["relation"], x["target"].split("@")[0]) for x in truth["derived"]}
    assert want <= got


def test_directive_recipients_and_assignments() -> None:
    """The provincial plan is addressed to departments and "UBND các xã, phường" and assigns tasks."""
    rec = extract(load(CORPUS / "03_ubnd-tinh_145-KH-UBND.txt"))
    assert "UBND các xã, phường" in rec.recipients
    assert {"Sở Khoa học và Công nghệ", "Sở Nội vụ", "Sở Tài chính"} <= set(rec.recipients)
    leads = [a.lead for a in rec.assignments]
    assert len(leads) == 6
    assert ("Sở Khoa học và Công nghệ",) in leads
    first = rec.assignments[0]
    assert first.coordinating == ("Sở Văn hóa, Thể thao và Du lịch", "Ủy ban nhân dân các xã, phường")
    assert first.timeframe == "Quý III/2025"


def test_gaps_file_matches_registry() -> None:
    """gaps.jsonl covers every commune-level unit of Tuyên Quang once, plus the departments."""
    from vietnam_provinces import Ward

    rows = [json.loads(line) for line in (CORPUS / "gaps.jsonl").read_text(encoding="utf-8").splitlines()]
    communes = [r["unit"] for r in rows if r["unit"].startswith("commune:")]
    assert sorted(communes) == sorted(f"commune:{int(w.code)}" for w in Ward.iter_by_province(8))
    status = {r["name"]: r["status"] for r in rows}
    assert status["Xã Hàm Yên"] == "possible"
    assert status["Xã Yên Sơn"] == "reported_only"
    assert sum(s == "has_plan" for s in status.values()) == 7 + 4


def test_garbled_files_are_reproducible() -> None:
    """examples/garble.py rebuilds the OCR-damaged corpus files byte for byte."""
    import importlib.util
    import random

    examples = CORPUS.parent
    spec = importlib.util.spec_from_file_location("luocdo_examples_garble", examples / "garble.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert sorted(mod.SEEDS) == sorted(t["file"] for t in TRUTH if t["ocr"])
    for name, (seed, strength) in mod.SEEDS.items():
        clean = (examples / "sources" / "ocr" / name).read_text(encoding="utf-8")
        assert mod.garble(clean, random.Random(seed), strength) == (CORPUS / name).read_text(encoding="utf-8")
