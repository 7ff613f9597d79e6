"""Build the syllable model that :mod:`luocdo.loaders.restore` uses to put diacritics back.

    .venv/bin/python -m luocdo.loaders.restore_build ../shared/realdocs -o loaders/data/restore.npz

Reads Vietnamese text (files or folders of ``.txt``) and the registry's unit names and
writes counts only: how often each lower-case syllable occurs (and how often it is written
capitalised inside a phrase), and how often two and three syllables follow each other
inside a phrase.  No sentence of the input can be read back
from the file.  Files whose name falls in the held-out split (:func:`held_out`) are left
out, so that ``bench/restore.py`` measures the model on text it was not built from.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np

__all__ = [
    "HELD_OUT_MOD", "PHRASES", "build", "catalogue_texts", "doctype_names", "extra_texts", "held_out", "local_names",
    "main", "phrases", "registry_names", "save", "tone_style", "written_phrases",
]

#: One file in this many (by a digest of its name) is kept out of the model for the benchmark.
HELD_OUT_MOD = 5

#: Vietnamese letters, lower case: the only characters a syllable is made of.
VIET_LETTERS = "abcdefghijklmnopqrstuvwxyzàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"

#: A syllable: letters only, at most seven of them ("nghiêng", "nghiệp").
_SYLLABLE = re.compile(rf"[{VIET_LETTERS}]{{1,7}}")
#: Inside a phrase, syllables are separated by spaces (and the hyphen of "Hà-Nội" style names);
#: anything else (punctuation, digits, symbols, line ends of the source) ends the phrase.

#: Pairs seen fewer times than this are left out of the file (they cost space and teach little).
MIN_PAIR = 1
#: Syllables seen fewer times than this are left out, unless the registry names them.
MIN_SYLLABLE = 2
#: How many times a registry name counts (see :func:`build`).
NAME_WEIGHT = 3


def held_out(name: str) -> bool:
    """True for the files the benchmark keeps apart: a fixed fifth, chosen by a digest of the name."""
    return int(hashlib.sha1(Path(name).name.encode()).hexdigest(), 16) % HELD_OUT_MOD == 0


def phrases(text: str, cased: bool = False) -> Iterator[list[str]]:
    """Runs of lower-case syllables (as written, with ``cased``) between punctuation, line ends
    and non-words; numbers stay in a run as :data:`~luocdo.loaders.restore.NUM`."""
    from luocdo.loaders.restore import _NUMBER, NUM, words

    for line in unicodedata.normalize("NFC", text).splitlines():
        run: list[str] = []
        for _, _, core, before, after in words(line):
            if before and run:
                yield run
                run = []
            if _SYLLABLE.fullmatch(core.lower()):
                run.append(core if cased else core.lower())
            elif core[:1].isdigit() and _NUMBER.match(core):
                run.append(NUM)
            elif run:
                yield run
                run = []
            if after and run:
                yield run
                run = []
        if run:
            yield run


_TONED = {unicodedata.normalize("NFC", base + mark): (base, mark)
          for base in "aeiouy" for mark in ("\u0301", "\u0300", "\u0309", "\u0303", "\u0323")}
#: "hoá", "khoẻ", "thuỷ": the older placement of the tone mark, on the second vowel of oa, oe, uy.
_OLD_TONE = re.compile(r"^([^aeiouy]*?)([ou])([áàảãạéèẻẽẹýỳỷỹỵ])$")


def tone_style(syllable: str) -> str:
    """The tone mark where the registry and most documents put it: "hoá" → "hóa", "thuỷ" → "thủy"
    ("quý" stays: there "u" belongs to the consonant)."""
    m = _OLD_TONE.match(syllable)
    if m is None or m.group(1).endswith("q"):
        return syllable
    base, mark = _TONED[m.group(3)]
    return m.group(1) + unicodedata.normalize("NFC", m.group(2) + mark) + base


def registry_names() -> list[str]:
    """Every organisation name the registry knows (provinces, communes, central bodies, ministries)."""
    from luocdo.core import registry as R

    reg = R.registry()
    names = [o.name for o in reg.provinces()] + [o.name for o in reg.communes()]
    names += [name for name, *_ in R.CENTRAL] + [name for name, _ in R.MINISTRIES]
    names += [name for name, _ in R.DEPARTMENTS] + [name for name, _ in R.PARTY]
    names += list(R.FORMER_PROVINCES)
    return names


def local_names() -> list[str]:
    """The registry's names as local documents write them inside a sentence: "phường Hoàn Kiếm",
    "Ủy ban nhân dân xã Bắc Ruộng", "tỉnh Cao Bằng", "Giám đốc Sở Nội vụ tỉnh"."""
    from luocdo.core import registry as R

    reg = R.registry()
    out: list[str] = []
    for o in reg.communes():
        kind, _, place = o.name.partition(" ")
        if kind.lower() in ("xã", "phường") and place:
            out += [f"{kind.lower()} {place}", f"Ủy ban nhân dân {kind.lower()} {place}"]
        else:
            out.append(f"Ủy ban nhân dân {o.name[:1].lower()}{o.name[1:]}")
    for o in reg.provinces():
        place = o.name.removeprefix("Thành phố ")
        word = "thành phố" if o.name.startswith("Thành phố ") else "tỉnh"
        out += [f"{word} {place}", f"Ủy ban nhân dân {word} {place}"]
    out += [f"Giám đốc {name} tỉnh" for name, _ in R.DEPARTMENTS if name.startswith("Sở ")]
    return out


def catalogue_texts() -> list[str]:
    """The project's own Vietnamese messages (luocdo/locale/vi): the words its pages show."""
    from babel.messages.pofile import read_po

    root = Path(__file__).resolve().parents[1] / "luocdo" / "locale" / "vi" / "LC_MESSAGES"
    out: list[str] = []
    for po in sorted(root.glob("*.po")):
        with po.open("rb") as f:
            for msg in read_po(f):
                strings = msg.string if isinstance(msg.string, tuple | list) else (msg.string,)
                out += [s for s in strings if s]
    return out


def doctype_names() -> list[str]:
    """The document types' names ("Kế hoạch", "Tờ trình"), alone and before their number."""
    from luocdo.core.doctypes import TYPES

    return [form for t in TYPES for form in (t.name, f"{t.name} số 1")]


#: Phrases of local offices' plans, reports and letters, written for this model.
PHRASES = Path(__file__).with_name("data") / "restore_phrases.txt"


def written_phrases(path: Path = PHRASES) -> list[str]:
    """The lines of :data:`PHRASES` (notes after # left out)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


def extra_texts() -> list[str]:
    """Every source besides the documents: the registry's names, as listed and as written in a
    sentence, the message catalogues, the document types and the written phrases."""
    return registry_names() + local_names() + catalogue_texts() + doctype_names() + written_phrases()


def _case(word: str) -> str:
    """How a word is written: "title" ("Sở"), "lower" ("số") or "" (all capitals, a number)."""
    from luocdo.loaders.restore import word_case

    return word_case(word)


def _files(paths: Iterable[str | Path]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(f for f in p.glob("*.txt") if f.name.lower() != "readme.txt")
        elif p.is_file():
            out.append(p)
        else:
            raise SystemExit(f"restore_build: {p}: no such file or folder")
    return out


def build(texts: Iterable[str], names: Iterable[str] = ()) -> dict[str, np.ndarray]:
    """Count syllables, pairs and triples; return the arrays :func:`save` writes.

    The registry's names count :data:`NAME_WEIGHT` times each: they are the words local
    documents use most and laws least ("phường", "Sở", place names)."""
    from luocdo.loaders.restore import NUM

    uni: Counter[str] = Counter()
    title: Counter[str] = Counter()  # written "Sở", "Tỉnh" inside a phrase (not at its start)
    lower: Counter[str] = Counter()  # written "số", "tính" there
    pairs: Counter[tuple[str, str]] = Counter()
    triples: Counter[tuple[str, str, str]] = Counter()

    def add(run: list[str], weight: int) -> None:
        low = [t if t == NUM else tone_style(t.lower()) for t in run]
        for lo in low:
            uni[lo] += weight
        for t, lo in zip(run[1:], low[1:], strict=True):
            case = _case(t)
            if case == "title":
                title[lo] += weight
            elif case == "lower":
                lower[lo] += weight
        for pair in zip(["<s>", *low], [*low, "</s>"], strict=True):
            pairs[pair] += weight
        seq = ["<s>", *low, "</s>"]
        for tri in zip(seq[:-2], seq[1:-1], seq[2:], strict=True):
            triples[tri] += weight

    for text in texts:
        for run in phrases(text, cased=True):
            add(run, 1)
    named: set[str] = set()
    for name in names:
        for run in phrases(name, cased=True):
            named.update(tone_style(t.lower()) for t in run if t != NUM)
            add(run, NAME_WEIGHT)
    vocab = [NUM, *sorted(s for s, c in uni.items() if (c >= MIN_SYLLABLE or s in named) and s != NUM.lower())]
    ids = {s: i + 2 for i, s in enumerate(vocab)}  # 0 = <s>, 1 = </s>, 2 = a number
    n = len(vocab) + 2
    count = np.zeros(n, dtype=np.uint32)
    titled = np.zeros(n, dtype=np.uint32)
    lowered = np.zeros(n, dtype=np.uint32)
    for s, i in ids.items():
        count[i], titled[i], lowered[i] = uni[s], title[s], lower[s]
    ids["<s>"], ids["</s>"] = 0, 1
    return {
        "vocab": np.array(["<s>", "</s>", *vocab]),
        "count": count,
        "title": titled,
        "lower": lowered,
        **_pair_arrays(pairs, ids, named, n),
        **_triple_arrays(triples, ids),
    }


def _pair_arrays(pairs: Counter[tuple[str, str]], ids: dict[str, int], named: set[str], n: int) -> dict[str, np.ndarray]:
    """The pairs kept, and for each syllable its total as a context and its distinct neighbours,
    over every pair (before pruning): the smoothing needs them."""
    ctx = np.zeros(n, dtype=np.uint32)
    follow = np.zeros(n, dtype=np.uint32)
    precede = np.zeros(n, dtype=np.uint32)
    kept: list[tuple[int, int, int]] = []
    for (a, b), c in pairs.items():
        ia, ib = ids.get(a), ids.get(b)
        if ia is None or ib is None:
            continue
        ctx[ia] += c
        follow[ia] += 1
        precede[ib] += 1
        if c >= MIN_PAIR or (a in named and b in named):
            kept.append((ia, ib, c))
    kept.sort()
    arr = np.array(kept, dtype=np.uint32).reshape(-1, 3)
    return {"ctx": ctx, "follow": follow, "precede": precede,
            "pair_a": arr[:, 0].copy(), "pair_b": arr[:, 1].copy(), "pair_n": arr[:, 2].copy()}


def _triple_arrays(triples: Counter[tuple[str, str, str]], ids: dict[str, int]) -> dict[str, np.ndarray]:
    """Three syllables in a row (of the vocabulary), with their counts."""
    tri = sorted((ids[a], ids[b], ids[c], k) for (a, b, c), k in triples.items() if a in ids and b in ids and c in ids)
    arr = np.array(tri, dtype=np.uint32).reshape(-1, 4)
    return {"tri_a": arr[:, 0].copy(), "tri_b": arr[:, 1].copy(), "tri_c": arr[:, 2].copy(), "tri_n": arr[:, 3].copy()}


def save(model: dict[str, np.ndarray], path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(path, **model)  # type: ignore[arg-type]  # numpy's stub reads **kwds as allow_pickle
    return path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("inputs", nargs="+", help="text files or folders of .txt files")
    ap.add_argument("-o", "--out", default=str(Path(__file__).with_name("data") / "restore.npz"))
    ap.add_argument("--all", action="store_true", help="use the held-out files too")
    ap.add_argument("--no-registry", action="store_true",
                    help="documents only: leave out the registry's names, the catalogues and the written phrases")
    a = ap.parse_args(argv)
    files = _files(a.inputs)
    used = [f for f in files if a.all or not held_out(f.name)]
    model = build((f.read_text(encoding="utf-8", errors="replace") for f in used),
                  () if a.no_registry else extra_texts())
    out = save(model, a.out)
    print(f"{len(used)} of {len(files)} files, {len(model['vocab']) - 2:,} syllables, "
          f"{len(model['pair_n']):,} pairs → {out} ({out.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
