"""Accuracy of the extractor on real documents: identity, self-references, references, nodes.

For ``../shared/realdocs`` (against its ``gold.jsonl``: what the portal's title
line said of each file) and for the seeds (against ``tests/seeds_truth.py``),
or ``examples/corpus`` (against its ``truth.jsonl``) when ../shared is absent,
it prints:

- identity accuracy per field (type, number, symbol, year; draft and issuer for realdocs, the
  issuer expected from the gold's type and symbol: its agency code names the body)
  over the documents whose gold states that field, and per gold type;
- self-references: references of a document to itself (its own number, or a
  pronoun such as "Luật này" taken for a title);
- references without a number (laws and codes cited by name);
- the same real documents damaged by ``bench/generate.py``'s OCR model (lost marks, digits and
  signs for marked letters, lines wrapped, page breaks), at two strengths: identity per field, and
  the references of the clean reading kept, lost, added and with another relation, and its derived edges kept;
- on ``bench/generate.py``'s corpus (half of it OCR'd), whose every relation is known: references
  (precision, recall, F1), relations and metadata, clean and OCR'd apart;
- after an ingest of all of it into a temporary embedded store: instruments
  split over several nodes (a law whose name and number the corpus states
  together, or one name under several keys), and nodes whose title is a
  pronoun or a fragment ("Luật này", "Luật Phòng").

The figures go into the block ``<!-- accuracy -->`` of ``bench/RESULTS.md``.

    .venv/bin/python bench/accuracy.py [--realdocs DIR] [--seeds DIR] [--no-ingest] [--no-write] [-v] [--generated N]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import _machine  # noqa: E402  (bench/ is on sys.path)

from luocdo.core.fold import squash  # noqa: E402
from luocdo.core.model import DocumentRecord  # noqa: E402
from luocdo.graph.schema import type_name  # noqa: E402
from luocdo.loaders.extract import extract, extract_text, self_reference_title  # noqa: E402
from luocdo.loaders.text import load  # noqa: E402

TARGET = 0.97
FIELDS = ("type", "number", "symbol", "year")


@dataclass
class Corpus:
    """Documents with what their identity should be."""

    name: str
    files: list[Path]
    gold: dict[str, dict]  # file name → {type (Vietnamese word), number, symbol, year, draft?}
    records: dict[str, DocumentRecord] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- gold


def _bare_symbol(symbol: str | None) -> str | None:
    """"2020/NĐ-CP" → "NĐ-CP": the year is a field of its own, as in gold.jsonl."""
    if not symbol:
        return None
    return re.sub(r"^(?:19|20)\d{2}/", "", symbol).replace("Ð", "Đ")


#: Agency codes the registry does not spell as codes (a general department is named as written).
_GOLD_CODES = {"QH": "Quốc hội", "CP": "Chính phủ", "TTg": "Thủ tướng Chính phủ", "TCHQ": "Tổng cục Hải quan"}
#: Acts the National Assembly passes (the portal gives them no symbol).
_ASSEMBLY_TYPES = ("Luật", "Bộ luật", "Hiến pháp")


def gold_issuer(g: dict) -> str | None:
    """The issuer a document's gold type and symbol imply: "VBHN-VPQH" → Văn phòng Quốc hội,
    "TTLT-BTC-BYT" → Bộ Tài chính - Bộ Y tế, "QH14" → Quốc hội, a law → Quốc hội; None: not implied."""
    from luocdo.core.registry import registry

    symbol = g.get("symbol")
    if not symbol:
        return "Quốc hội" if g.get("type") in _ASSEMBLY_TYPES else None
    parts = symbol.split("-")
    names = []
    for code in (parts[1:] if len(parts) > 1 else parts):
        code = re.sub(r"\d+$", "", code)
        org = registry().central(code) if code not in _GOLD_CODES else None
        name = _GOLD_CODES.get(code) or (org.name if org else None)
        if name is None:
            return None
        names.append(name)
    return " - ".join(names)


def realdocs_corpus(root: Path) -> Corpus:
    gold = {}
    for line in (root / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            g = json.loads(line)
            gold[g["file"]] = {k: g.get(k) for k in ("type", "number", "symbol", "year", "draft")}
            if gold[g["file"]]["symbol"]:
                gold[g["file"]]["symbol"] = _bare_symbol(gold[g["file"]]["symbol"])
            gold[g["file"]]["issuer"] = gold_issuer(gold[g["file"]])
    return Corpus("realdocs", sorted(root / f for f in gold), gold)


def seeds_corpus(root: Path) -> Corpus:
    from tests.seeds_truth import SEEDS

    gold = {}
    for name, s in SEEDS.items():
        d = s["document"]
        gold[name] = {"type": type_name(d["type"]), "number": d.get("number"), "symbol": d.get("symbol"), "year": d.get("year")}
    return Corpus("seeds", sorted(root / f for f in gold), gold)


def example_corpus(root: Path) -> Corpus:
    gold = {}
    for line in (root / "truth.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        t = json.loads(line)
        d = t.get("document", t)
        name = t.get("file") or t.get("source")
        number = d.get("number")
        gold[Path(name).name] = {"type": type_name(d["type"]), "number": number, "symbol": _bare_symbol(d.get("symbol")), "year": d.get("year")}
    return Corpus("examples/corpus", sorted(root / f for f in gold), gold)


# --------------------------------------------------------------------------- measures


def own_identity(rec: DocumentRecord) -> dict:
    d = rec.document
    return {
        "type": type_name(d.type),
        "number": d.number,
        "symbol": _bare_symbol(d.symbol),
        "year": d.year,
        "draft": any(w.startswith("draft") for w in rec.warnings),
        "issuer": d.issuer.name if d.issuer else None,
    }


def identity_scores(c: Corpus) -> tuple[dict[str, tuple[int, int]], dict[str, tuple[int, int]], list[str]]:
    """Per field (right, scored), per gold type (all fields right, documents), and the misses."""
    per_field: dict[str, list[int]] = {f: [0, 0] for f in (*FIELDS, "draft", "issuer")}
    per_type: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses = []
    for f in c.files:
        g = c.gold[f.name]
        rec = c.records.get(f.name)
        got = own_identity(rec) if rec else {}
        ok_all = rec is not None
        for fld in (*FIELDS, "draft", "issuer"):
            if fld not in g or (g[fld] is None and fld != "type") or (fld == "type" and g[fld] is None and not g.get("draft")):
                continue  # the gold does not say
            want = g[fld]
            have = got.get(fld)
            if fld == "type" and want is None:  # a draft whose title line gave no type
                continue
            per_field[fld][1] += 1
            if have == want:
                per_field[fld][0] += 1
            else:
                ok_all = False
                misses.append(f"{c.name}/{f.name} {fld}: want {want!r}, got {have!r}")
        t = g.get("type") or ("(draft)" if g.get("draft") else "(none)")
        per_type[t][1] += 1
        per_type[t][0] += ok_all
    return ({k: (v[0], v[1]) for k, v in per_field.items() if v[1]}, {k: (v[0], v[1]) for k, v in per_type.items()}, misses)


def self_references(rec: DocumentRecord) -> list[str]:
    """References of a document to itself: its own number, or a pronoun read as a title."""
    d = rec.document
    out = []
    for r in rec.references:
        t = r.target
        if t.key == d.key or (d.number and t.number == d.number and t.symbol == d.symbol and t.year in (None, d.year)) or self_reference_title(t.title or ""):
            out.append(t.label)
    return out


def unnumbered(rec: DocumentRecord) -> list[str]:
    return [r.target.title or r.target.key for r in rec.references if not r.target.number]



#: The last word of a cut name: a conjunction or a word that never ends one ("Luật Phòng").
_FRAGMENT_END = re.compile(r"(?:^|\s)(?:va|hoac|cua|,)$")


def bad_title(title: str | None, typ: str) -> str | None:
    """Why a node's title is a pronoun or a fragment, or None."""
    if not title:
        return None
    f = squash(title)
    if self_reference_title(title):
        return "pronoun"
    if typ in ("Luật", "Bộ luật", "Pháp lệnh") and (_FRAGMENT_END.search(f) or len(f.split()) < 2):
        return "fragment"
    return None


def ingest_figures(corpora: list[Corpus]) -> dict:
    """Ingest every file into a temporary embedded store; count split instruments and bad titles."""
    from luocdo.graph.store import open_store
    from luocdo.pipeline import ingest

    paths = [p for c in corpora for p in c.files]
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "acc.db")
        t0 = time.perf_counter()
        store = open_store(db)
        ingest(store, paths, workers=1)
        took = time.perf_counter() - t0
        rows = store.read("MATCH (d:Document) RETURN d.key AS key, d.type AS type, d.title AS title, d.number AS number, d.symbol AS symbol, d.year AS year", {}, limit=10**7)
        store.close()
    keys = {r["key"] for r in rows}
    # one law under several keys: the same name with and without a year, or named and numbered
    by_name: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        if r["key"].startswith("Luật:"):
            by_name[r["key"].split("@")[0]].add(r["key"])
    split = {n: ks for n, ks in by_name.items() if len(ks) > 1 and any(k.endswith("@?") for k in ks)}
    # pairs the texts state ("Luật Đất đai số 45/2013/QH13") that are still two nodes
    # a numbered law whose text gives its name ("Luật Đất đai số 45/2013/QH13" keeps the title "Luật Đất đai"),
    # and a node for the same name and year
    from luocdo.core.keys import law_key

    stated = set()
    for r in rows:
        if r["number"] and r["type"] in ("Luật", "Bộ luật", "PL") and r["title"] and r["year"]:
            alias = law_key(r["title"], r["year"])
            if alias in keys:
                stated.add(frozenset((alias, r["key"])))
    bad = [(r["key"], r["title"], why) for r in rows if (why := bad_title(r["title"], r["type"] or ""))]
    return {"nodes": len(rows), "seconds": took, "split_names": split, "split_stated": stated, "bad_titles": bad}


def run_corpus(c: Corpus) -> None:
    for f in c.files:
        try:
            c.records[f.name] = extract(load(f))
        except Exception as exc:
            c.errors.append(f"{f.name}: {exc}")


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:.1f} % ({a}/{b})" if b else "–"


def report(c: Corpus, verbose: bool) -> tuple[list[str], dict]:
    per_field, per_type, misses = identity_scores(c)
    selfs = {n: s for n, r in c.records.items() if (s := self_references(r))}
    nonum = Counter()
    refs = 0
    for r in c.records.values():
        refs += len(r.references)
        for t in unnumbered(r):
            nonum[t] += 1
    lines = [f"**{c.name}**: {len(c.files)} documents, {refs} references ({len(c.errors)} files failed to load)", ""]
    lines.append("| field | right |")
    lines.append("|---|---|")
    for fld, (a, b) in per_field.items():
        lines.append(f"| {fld} | {_pct(a, b)} |")
    lines.append("")
    lines.append("| type (gold) | every field right |")
    lines.append("|---|---|")
    for t, (a, b) in sorted(per_type.items(), key=lambda kv: -kv[1][1]):
        lines.append(f"| {t} | {_pct(a, b)} |")
    lines.append("")
    lines.append(f"self-references: {sum(len(s) for s in selfs.values())}; references without a number: {sum(nonum.values())} "
                 f"({len(nonum)} distinct names)")
    if verbose:
        for m in misses:
            print("  miss:", m)
        for n, s in selfs.items():
            print("  self-reference:", n, s)
        for e in c.errors:
            print("  error:", e)
    met = all(a >= TARGET * b for fld, (a, b) in per_field.items() if fld in FIELDS)
    return lines, {"per_field": per_field, "self": sum(len(s) for s in selfs.values()), "met": met, "misses": misses}


# --------------------------------------------------------------------------- generated corpus


def generated_figures(n: int, ocr: float, seed: int) -> list[str]:
    """References (precision, recall, F1), relations of the references found, and metadata (key, type,
    number, symbol, date, year, issuer) on ``bench/generate.py``'s corpus, its clean and its OCR'd
    documents apart: a corpus whose every relation is known, where realdocs has identity gold only."""
    from generate import generate

    with tempfile.TemporaryDirectory() as tmp:
        truth = generate(n, tmp, ocr=ocr, seed=seed)
        rows = [json.loads(line) for line in truth.read_text(encoding="utf-8").splitlines()]
        score: dict[bool, Counter] = {False: Counter(), True: Counter()}
        for g in rows:
            rec = extract(load(Path(tmp) / g["file"]))
            sc = score[bool(g["ocr"])]
            d = rec.document
            sc["docs"] += 1
            for f in ("type", "number", "symbol", "date", "year"):
                sc[f] += getattr(d, f) == g[f]
            sc["key"] += (d.key == g["key"]) if g["key"] else 1
            sc["issuer"] += (d.issuer.id if d.issuer else None) == g["issuer"]["id"]
            got = {r.target.key: r.relation for r in rec.references}
            want = {r["target"]: r["relation"] for r in g["relations"]}
            sc["tp"] += len(got.keys() & want.keys())
            sc["fp"] += len(got.keys() - want.keys())
            sc["fn"] += len(want.keys() - got.keys())
            sc["rel"] += sum(got[k] == v for k, v in want.items() if k in got)
    lines = [f"**generated** (`bench/generate.py {n} --ocr {ocr} --seed {seed}`: every relation known)", "",
             "| documents | references P / R / F1 | relations right | key | type | number | symbol | date | year | issuer |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for garbled, sc in score.items():
        if not sc["docs"]:
            continue
        p = sc["tp"] / max(1, sc["tp"] + sc["fp"])
        r = sc["tp"] / max(1, sc["tp"] + sc["fn"])
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        meta = " | ".join(f"{100 * sc[f] / sc['docs']:.1f} %" for f in ("key", "type", "number", "symbol", "date", "year", "issuer"))
        lines.append(f"| {'OCR' if garbled else 'clean'}: {sc['docs']} | {p:.3f} / {r:.3f} / {f1:.3f} | "
                     f"{100 * sc['rel'] / max(1, sc['tp']):.1f} % | {meta} |")
    return [*lines, ""]


def ocr_figures(c: Corpus, strengths: tuple[float, ...] = (0.5, 1.0)) -> list[str]:
    """The real documents read again after OCR damage: identity, and references against the clean reading."""
    import random

    from generate import garble  # bench/generate.py

    clean = {name: {r.target.key: r.relation for r in rec.references} for name, rec in c.records.items()}
    clean_derived = {name: _derived_keys(rec) for name, rec in c.records.items()}
    lines = ["**realdocs, OCR'd** (`bench/generate.py`'s damage model; the clean reading is the reference)", "",
             "| strength | type / number / symbol / year / issuer right | references kept | lost | added | other relation "
             "| derived edges kept | added |",
             "|---|---|---|---|---|---|---|---|"]
    for strength in strengths:
        damaged = Corpus(c.name, c.files, c.gold)
        kept = lost = added = other = d_kept = d_total = d_added = 0
        for i, f in enumerate(c.files):
            rec = extract_text(garble(load(f).text, random.Random(i), strength), str(f))
            damaged.records[f.name] = rec
            got = {r.target.key: r.relation for r in rec.references}
            want = clean.get(f.name, {})
            kept += len(want.keys() & got.keys())
            lost += len(want.keys() - got.keys())
            added += len(got.keys() - want.keys())
            other += sum(1 for k in want.keys() & got.keys() if want[k] != got[k])
            d_want, d_got = clean_derived.get(f.name, set()), _derived_keys(rec)
            d_kept, d_total, d_added = d_kept + len(d_want & d_got), d_total + len(d_want), d_added + len(d_got - d_want)
        per_field, _types, _misses = identity_scores(damaged)
        ids = " / ".join(f"{100 * a / b:.1f} %" for fld, (a, b) in per_field.items() if fld in (*FIELDS, "issuer"))
        total = kept + lost
        lines.append(f"| {strength} | {ids} | {kept}/{total} ({100 * kept / max(total, 1):.1f} %) | {lost} | {added} | {other} "
                     f"| {d_kept}/{d_total} ({100 * d_kept / max(d_total, 1):.1f} %) | {d_added} |")
    return [*lines, ""]


def _derived_keys(rec) -> set[tuple[str, str, str]]:
    """A record's derived edges as (source key, relation, target key)."""
    return {(d.source.key, d.relation, d.target.key) for d in rec.derived}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--realdocs", type=Path, default=SHARED / "realdocs")
    ap.add_argument("--seeds", type=Path, default=SHARED / "seeds")
    ap.add_argument("--no-ingest", action="store_true", help="skip the ingest into a temporary store")
    ap.add_argument("--no-write", action="store_true", help="do not update bench/RESULTS.md")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    ap.add_argument("--generated", type=int, default=600, metavar="N",
                    help="documents of bench/generate.py's corpus to score (0: none)")
    args = ap.parse_args(argv)
    machine = _machine.describe()
    print(f"machine: {machine}")
    corpora = []
    if (args.realdocs / "gold.jsonl").is_file():
        corpora.append(realdocs_corpus(args.realdocs))
    if args.seeds.is_dir():
        corpora.append(seeds_corpus(args.seeds))
    corpora.append(example_corpus(ROOT / "examples" / "corpus"))
    out = []
    ok = True
    for c in corpora:
        t0 = time.perf_counter()
        run_corpus(c)
        lines, fig = report(c, args.verbose)
        ok &= fig["met"] and fig["self"] == 0
        print("\n".join(lines))
        print(f"({time.perf_counter() - t0:.1f} s)\n")
        out += [*lines, ""]
    real = next((c for c in corpora if c.name == "realdocs"), None)
    if real is not None:
        lines = ocr_figures(real)
        print("\n".join(lines))
        out += lines
    if not args.no_ingest:
        ing = ingest_figures(corpora)
        lines = [
            f"After an ingest of all of the above into an empty embedded store ({ing['nodes']} document nodes, {ing['seconds']:.0f} s):",
            f"laws split over several keys by the year (named with and without it): {len(ing['split_names'])}; "
            f"laws with a node by number and another by the same name and year (a text states the number with the name; "
            f"joining them is the graph's work): {len(ing['split_stated'])}; "
            f"nodes whose title is a pronoun or a fragment: {len(ing['bad_titles'])}.",
        ]
        ok &= not ing["bad_titles"]
        if args.verbose:
            for n, ks in ing["split_names"].items():
                print("  split:", n, sorted(ks))
            for pair in ing["split_stated"]:
                print("  stated, two nodes:", sorted(pair))
            for b in ing["bad_titles"]:
                print("  bad title:", b)
        print("\n".join(lines))
        out += [*lines, ""]
    if args.generated:
        lines = generated_figures(args.generated, 0.5, 7)
        print("\n".join(lines))
        out += lines
    load = os.getloadavg()[0]
    section = (f"## Extraction accuracy on real and generated documents (`bench/accuracy.py`)\n\n{time.strftime('%Y-%m-%d')}, {machine}; "
               f"load average {load:.1f} (shared machine: the seconds are inflated by other jobs).\n\n" + "\n".join(out))
    if not args.no_write:
        _machine.write_section("accuracy", section)
        print(f"\nwrote the accuracy section of {_machine.RESULTS.relative_to(ROOT)}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
