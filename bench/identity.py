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

    .venv/bin/python bench/identity.py ../shared/realdocs [--store DB] [--write]

With --write the figures go into bench/RESULTS.md with the machine line.
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
    return {
        "documents": len(keys),
        "stated name+number links found in both forms": seen,
        "split: name+number": split_links,
        "split: undated central number": undated_central,
        "split: undated law name": undated_name,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--store", help="read this store instead of ingesting the corpus")
    ap.add_argument("--write", action="store_true", help="append the figures to bench/RESULTS.md")
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
    for k, v in figures.items():
        print(f"{k}: {v}")
    if a.write:
        body = f"Instruments split over several nodes where the texts state the link ({a.corpus.name}), "
        body += f"`bench/identity.py`; {_machine.describe()}\n\n"
        body += "".join(f"- {k}: {v}\n" for k, v in figures.items())
        _machine.write_section("identity", body)


if __name__ == "__main__":
    main()
