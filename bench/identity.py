"""Instruments split over several nodes where the corpus states the link.

Ingests a directory of real documents into a temporary store (or reads a
store given with --store) and counts, with evidence read from the texts by
its own simple pattern rather than by the extractor:

* name+number: "Luật <Name> số N/YYYY/QHnn" states that the law's name with
  that year and its number are one law; split when both are nodes;
* undated central: a national number cited without a date ("57-NQ/TW@?")
  while exactly one dated node of it exists;
* undated name: a law named without a year while exactly one law of that name
  with a year exists.

    .venv/bin/python bench/identity.py ../shared/realdocs [--store DB] [--baseline DB --baseline-name TEXT] [--write]

``--baseline``: a store of the same corpus written by other code (e.g. an earlier
commit's ``luocdo ingest``), measured the same way and shown beside.  With
--write the figures go into bench/RESULTS.md with the machine line.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from luocdo.core import keys as K
from luocdo.core.fold import fold
from luocdo.graph.store import open_store

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _machine

#: "Luật <Name> số 45/2013/QH13" over folded text: the name's words, then the number.
_NAME_NUMBER = re.compile(
    r"\bluat\s+(?P<name>[a-z][a-z ,]{2,80}?)\s*,?\s+so\s+(?P<num>\d{1,3})/(?P<year>(?:19|20)\d{2})/(?P<sym>qh\d{1,2})\b"
)


def stated_links(root: Path) -> set[tuple[str, str]]:
    """(name key, number key) pairs the texts state."""
    out: set[tuple[str, str]] = set()
    for p in sorted(root.glob("*.txt")):
        text = p.read_text(encoding="utf-8", errors="replace").replace("\x00", "")
        for m in _NAME_NUMBER.finditer(fold(text).lower()):
            name, year = m.group("name").strip(" ,"), int(m.group("year"))
            if len(name.split()) > 10:
                continue
            number_key = f"{int(m.group('num')):02d}/{year}/{m.group('sym').upper()}@{year}"
            out.add((K.law_key(name, year), number_key))
    return out


def node_map(store) -> tuple[set[str], dict[str, str]]:
    keys = {r["k"] for r in store.read("MATCH (d:Document) RETURN d.key AS k")}
    canonical: dict[str, str] = {}
    try:
        rows = store.read("MATCH (i:Identity) RETURN i.state AS s")
    except Exception:  # a store written before identity groups existed
        rows = []
    for r in rows:
        canonical.update(json.loads(r["s"]).get("c") or {})
    return keys, canonical


def measure(store, root: Path) -> dict[str, int]:
    keys, canonical = node_map(store)

    def node(k: str) -> str | None:
        c = canonical.get(k, k)
        return c if c in keys else None

    links = stated_links(root)
    # the number key as the store spells it: numbers keep the text's leading zeros
    by_ident = defaultdict(set)
    for k in keys | set(canonical):
        g = K.ident_group(k)
        if g:
            by_ident[g.upper()].add(k)
    split_links = 0
    seen = 0
    for name_key, number_key in sorted(links):
        num = next((k for k in by_ident.get(number_key.rsplit("@", 1)[0].upper(), ()) if K.key_year(k)), None)
        a, b = node(name_key), node(num) if num else None
        if a is None or b is None:
            continue
        seen += 1
        split_links += a != b
    undated_central = undated_name = 0
    for group in by_ident.values():
        nodes = {node(k) for k in group} - {None}
        undated = {k for k in nodes if K.key_year(k) is None}
        dated = {k for k in nodes if K.key_year(k) is not None}
        if undated and len(dated) == 1:
            if K.is_name_key(next(iter(undated))):
                undated_name += 1
            else:
                undated_central += 1
    derived = store.read("MATCH (:Document)-[r:BASED_ON]->(:Document) RETURN r.derived AS d, count(*) AS n")
    by = {bool(r["d"]): int(r["n"]) for r in derived}
    return {
        "documents": len(keys),
        "BASED_ON edges, own / derived": f"{by.get(False, 0)} / {by.get(True, 0)}",
        "stated name+number links found in both forms": seen,
        "split: name+number": split_links,
        "split: undated central number": undated_central,
        "split: undated law name": undated_name,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--store", help="read this store instead of ingesting the corpus")
    ap.add_argument("--baseline", help="a store of the same corpus written by other code, shown beside")
    ap.add_argument("--baseline-name", default="baseline", help="what wrote the baseline store")
    ap.add_argument("--write", action="store_true", help="write the figures into bench/RESULTS.md")
    a = ap.parse_args()
    if a.store:
        store = open_store(a.store, read_only=True)
    else:
        from luocdo.pipeline import ingest

        tmp = tempfile.mkdtemp(prefix="luocdo-identity-")
        store = open_store(str(Path(tmp) / "store.db"))
        ingest(store, [a.corpus])
    figures = measure(store, a.corpus)
    store.close()
    base = None
    if a.baseline:
        b = open_store(a.baseline)  # writable: a store of an earlier version gets the tables added since
        base = measure(b, a.corpus)
        b.close()
    for k, v in figures.items():
        print(f"{k}: {v}" + (f"   ({a.baseline_name}: {base.get(k)})" if base else ""))
    if a.write:
        body = "## Identity on real documents\n\nInstruments split over several nodes where the texts state the link "
        body += f"({a.corpus.name}, "
        body += f"{_machine.describe()}): `bench/identity.py {a.corpus.name}"
        body += f" --baseline STORE`, the baseline written by {a.baseline_name}.\n\n" if base else "`.\n\n"
        body += "| | this code |" + (f" {a.baseline_name} |" if base else "") + "\n"
        body += "|---|---|" + ("---|" if base else "") + "\n"
        for k, v in figures.items():
            body += f"| {k} | {v} |" + (f" {base.get(k)} |" if base else "") + "\n"
        _machine.write_section("identity", body)


if __name__ == "__main__":
    main()
