"""Put back the diacritics OCR lost: "vé truyén théng cai cach" → "về truyền thông cải cách".

A syllable model (counts built by :mod:`luocdo.loaders.restore_build` from Vietnamese legal
text, the registry's names and local offices' phrases, in ``data/restore.npz``) scores every
reading of a phrase: each OCR'd syllable may stand for any accented syllable whose letters it
could be a misreading of (the confusion classes below), and the counts of three syllables in a
row (backing off to two, then to one) decide between them; a word OCR printed capitalised inside
a phrase also weighs how often each reading is written so ("Sở", not "số").
The probability of each syllable's best reading, given the whole phrase, is its confidence;
a syllable is changed only when that is at least :data:`THRESHOLD`, so unsure syllables stay
as OCR read them.  Callers keep the OCR text as evidence and show the result as restored.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from luocdo.core.fold import fold

__all__ = ["CASE_WEIGHT", "DATA", "NUM", "THRESHOLD", "Change", "Model", "Restored", "damaged", "load", "restore", "restore_damaged", "word_case", "words"]

#: Entries kept in each of the model's caches (pair probabilities, readings of a printed word).
_CACHE = 200_000

#: Weight of the case evidence: log share of a syllable's uses inside a phrase written capitalised,
#: for a word OCR printed capitalised there.
CASE_WEIGHT = 1.0
#: Pseudo-count of each case for every syllable (a syllable seen rarely says little by its case).
_CASE_PRIOR = 1.0

#: The model file shipped with the package.
DATA = Path(__file__).with_name("data") / "restore.npz"

#: A syllable is changed when its reading has at least this probability given the phrase.
THRESHOLD = 0.8

# ---------------------------------------------------------------------------
# OCR confusion classes, read backwards: what a glyph OCR printed may stand for.
# Each entry: (as printed, lower case) → (base letters it stands for, cost in nats).
# The forward classes are those the extractor knows (loaders/patterns.py) and the
# corpus generator imitates: ố read as 6/o/é/b/d, ơ as &/6, ư as w/ir/tr, ủa as
# ia/tia/ta, ệ as ¢/€, ỹ as ¥/§, ị as j, Đ as D/P/B/0, l as 1 or I, Ộ as Q or 9.
# ---------------------------------------------------------------------------

#: Glyphs that are never letters in Vietnamese: a misreading is the only reading.
_GLYPH = 2.0
#: A letter read as another letter: possible, but the letter itself is more likely.
_LETTER = 3.5

_CONFUSIONS: tuple[tuple[str, str, float], ...] = (
    # vowels of the o family: ố ồ ổ ộ ô ơ ớ ở
    ("6", "o", _GLYPH), ("0", "o", _GLYPH), ("9", "o", _GLYPH), ("&", "o", _GLYPH),
    ("é", "o", _LETTER + 1.0), ("b", "o", _LETTER), ("d", "o", _LETTER), ("q", "o", _LETTER),
    ("g", "o", _LETTER), ("¢", "o", _GLYPH),
    # e family: ê ế ề ể ệ
    ("&", "e", _GLYPH), ("¢", "e", _GLYPH), ("€", "e", _GLYPH), ("g", "e", _LETTER),
    # a family: ă â ấ ầ ắ ằ (read as i, ì, d, á, é)
    ("i", "a", _LETTER), ("ì", "a", _LETTER), ("d", "a", _LETTER), ("é", "a", _LETTER + 1.0),
    ("4", "a", _GLYPH),
    # u family: ư ứ ừ ự ủ (and "của" as "ctia", "cia", "ciia", "cta")
    ("ir", "u", _GLYPH), ("tr", "u", _LETTER), ("w", "u", _GLYPH), ("ti", "u", _LETTER),
    ("ii", "u", _LETTER), ("i", "u", _LETTER), ("t", "u", _LETTER), ("y", "u", _LETTER),
    ("yu", "u", _LETTER), ("ur", "u", _LETTER), ("ix", "u", _LETTER), ("li", "u", _LETTER),
    # i and y: ị as j, i as l; ỹ as ¥ or §
    ("j", "i", _GLYPH), ("l", "i", _LETTER), ("¥", "y", _GLYPH), ("§", "y", _GLYPH),
    # l as 1, I, |
    ("1", "l", _GLYPH), ("i", "l", _LETTER), ("|", "l", _GLYPH),
)
#: Đ at the start of a syllable, as OCR prints it: D, P, B, 0 (the letter D itself needs no entry).
_START_D: tuple[tuple[str, float], ...] = (("P", _GLYPH), ("B", _LETTER), ("0", _GLYPH), ("b", _LETTER + 1.0))
#: Whole syllables OCR printed for another with more than its letters' confusions: "số" as "sé",
#: which loses its mark to "se".
_WHOLE: dict[str, tuple[tuple[str, float], ...]] = {"se": (("so", _LETTER),)}
#: At most this many misreadings in one syllable.
_MAX_EDITS = 2
#: At most this many readings of one syllable are weighed.
_MAX_READINGS = 8
#: Reward for a reading that keeps every mark OCR printed ("truyền" for "truyền").
_AS_PRINTED = 1.0

_BY_FIRST: dict[str, list[tuple[str, str, float]]] = {}
for _g, _b, _c in _CONFUSIONS:
    _BY_FIRST.setdefault(_g[0], []).append((_g, _b, _c))

#: A word as it stands in the text, with what OCR may glue to it.
_TOKEN = re.compile(r"\S+")
#: Punctuation around a word; it ends a phrase.  (The glyphs of the classes above are not in it.)
_EDGE = re.compile(r"^[\"'“”‘’(\[\-–—.,;:!?…*/]+|[\"'“”‘’)\].,;:!?…*/\-–—]+$")
_LETTER_RE = re.compile(r"[^\W\d_]")


# ---------------------------------------------------------------------------
# The model
# ---------------------------------------------------------------------------


class Model:
    """Counts of syllables and of adjacent pairs, with interpolated absolute discounting."""

    DISCOUNT = 0.5

    def __init__(self, arrays: dict[str, np.ndarray]) -> None:
        self.vocab: list[str] = [str(s) for s in arrays["vocab"]]
        self.count = arrays["count"].astype(np.float64)
        ctx = arrays["ctx"].astype(np.float64)
        follow = arrays["follow"].astype(np.float64)
        precede = arrays["precede"].astype(np.float64)
        n = len(self.vocab)
        self.n = n
        # continuation probability of each syllable (how many different words it follows)
        cont = (precede + 0.5) / (precede.sum() + 0.5 * n)
        self._cont = cont.tolist()
        self._ctx = ctx.tolist()
        self._backoff = np.where(ctx > 0, self.DISCOUNT * follow / np.maximum(ctx, 1), 1.0).tolist()
        a, b, c = arrays["pair_a"].tolist(), arrays["pair_b"].tolist(), arrays["pair_n"].tolist()
        self._pairs: dict[int, float] = {ia * n + ib: float(cnt) for ia, ib, cnt in zip(a, b, c, strict=True)}
        self._by_key: dict[str, list[int]] = {}
        self.num = self.vocab.index(NUM)
        for i, s in enumerate(self.vocab[3:], start=3):
            self._by_key.setdefault(fold(s), []).append(i)
        for ids in self._by_key.values():
            ids.sort(key=lambda i: -self.count[i])
        self._prefixes = {k[:j] for k in self._by_key for j in range(len(k) + 1)}
        self._p: dict[int, float] = {}
        self._mats: dict[tuple[str, str], np.ndarray] = {}
        self._readings: dict[str, list[tuple[int, float]]] = {}
        # how often each syllable is written capitalised inside a phrase (log share): "Sở" mostly,
        # "số" almost never.  (Lower case says little: "Thông tư" and "truyền thông" share a syllable.)
        n_title = arrays["title"].astype(np.float64) if "title" in arrays else np.zeros(n)
        n_lower = arrays["lower"].astype(np.float64) if "lower" in arrays else np.zeros(n)
        self._title = np.log((n_title + _CASE_PRIOR) / (n_title + n_lower + 2 * _CASE_PRIOR))
        self._emit: dict[tuple[str, bool], np.ndarray] = {}
        # three syllables in a row: counts, and for each two-syllable context its total and how many
        # different syllables follow it (the share left to the pair model)
        self._tri: dict[int, float] = {}
        self._ctx2: dict[int, tuple[float, float]] = {}
        if "tri_n" in arrays and len(arrays["tri_n"]):
            ta, tb, tc = (arrays[k].astype(np.int64) for k in ("tri_a", "tri_b", "tri_c"))
            tn = arrays["tri_n"].astype(np.float64)
            ab = ta * n + tb
            self._tri = dict(zip((ab * n + tc).tolist(), tn.tolist(), strict=True))
            keys, first, total = np.unique(ab, return_index=True, return_counts=True)
            sums = np.add.reduceat(tn, first)
            self._ctx2 = {k: (t, f) for k, t, f in zip(keys.tolist(), sums.tolist(), total.tolist(), strict=True)}
        self._tensors: dict[tuple[str, str, str], np.ndarray] = {}

    def p(self, a: int, b: int) -> float:
        """P(b | a): the pair's discounted share, plus the context's left-over mass spread by how
        many different words precede b."""
        key = a * self.n + b
        v = self._p.get(key)
        if v is None:
            ctx = self._ctx[a]
            if ctx <= 0:
                v = self._cont[b]
            else:
                seen = self._pairs.get(key, 0.0)
                v = max(seen - self.DISCOUNT, 0.0) / ctx + self._backoff[a] * self._cont[b]
            if len(self._p) > _CACHE:
                self._p.clear()
            self._p[key] = v
        return v

    def tensor(self, cores: tuple[str, str, str], ids: tuple[list[int], list[int], list[int]]) -> np.ndarray:
        """P(c | a b) for every reading of three adjacent printed words (kept: phrases repeat).
        Built row by row from the pair matrix: most two-syllable contexts were never seen."""
        t = self._tensors.get(cores)
        if t is None:
            a_ids, b_ids, c_ids = ids
            pair = self.matrix(cores[1], cores[2], b_ids, c_ids)
            t = np.repeat(pair[None, :, :], len(a_ids), axis=0)
            n, tri, d = self.n, self._tri, self.DISCOUNT
            for ia, a in enumerate(a_ids):
                for ib, b in enumerate(b_ids):
                    ab = a * n + b
                    ctx = self._ctx2.get(ab)
                    if ctx is not None:
                        total, kinds = ctx
                        base = ab * n
                        seen = np.array([tri.get(base + c, 0.0) for c in c_ids])
                        t[ia, ib] = (np.maximum(seen - d, 0.0) + d * kinds * pair[ib]) / total
            if len(self._tensors) > _CACHE // 10:
                self._tensors.clear()
            self._tensors[cores] = t
        return t

    def matrix(self, left: str, right: str, a_ids: list[int], b_ids: list[int]) -> np.ndarray:
        """P(b | a) for every reading of two adjacent printed words (kept: word pairs repeat)."""
        key = (left, right)
        m = self._mats.get(key)
        if m is None:
            p = self.p
            m = np.array([[p(a, b) for b in b_ids] for a in a_ids])
            if len(self._mats) > _CACHE // 10:
                self._mats.clear()
            self._mats[key] = m
        return m

    def emission(self, core: str, inside: bool, readings: list[tuple[int, float]]) -> np.ndarray:
        """How well each reading fits what OCR printed: its misreading cost and, for a word inside a
        phrase and capitalised, how often the syllable is written so ("Sở" often, "số" almost never)."""
        key = (core, inside)
        e = self._emit.get(key)
        if e is None:
            costs = np.array([c for _, c in readings])
            if inside and word_case(core) == "title":
                costs = costs + CASE_WEIGHT * self._title[[i for i, _ in readings]]
            e = np.exp(costs - costs.max())
            if len(self._emit) > _CACHE:
                self._emit.clear()
            self._emit[key] = e
        return e

    def readings(self, core: str) -> list[tuple[int, float]]:
        """The syllables ``core`` (as OCR printed it) may stand for, with the cost of each misreading."""
        r = self._readings.get(core)
        if r is None:
            if len(self._readings) > _CACHE:
                self._readings.clear()
            r = self._readings[core] = _readings(self, core)
        return r


def _keys(model: Model, core: str) -> dict[str, float]:
    """Folded spellings ``core`` may be a misreading of (that the model knows), with their least cost."""
    low = core.lower()
    out: dict[str, float] = {}
    starts: list[tuple[str, int, float, int]] = [("", 0, 0.0, 0)]
    for g, c in _START_D:
        if core.startswith(g):
            starts.append(("d", len(g), c, 1))
    for key, c in _WHOLE.get(low, ()):
        if key in model._by_key:
            out[key] = c
    stack = list(starts)
    prefixes = model._prefixes
    while stack:
        key, i, cost, edits = stack.pop()
        if i == len(low):
            if key in model._by_key and cost < out.get(key, math.inf):
                out[key] = cost
            continue
        ch = low[i]
        plain = fold(ch)
        if plain.isalpha() and plain.isascii() and (key + plain) in prefixes:
            stack.append((key + plain, i + 1, cost, edits))
        if edits < _MAX_EDITS:
            for g, base, c in _BY_FIRST.get(ch, ()):
                if low.startswith(g, i) and (key + base) in prefixes:
                    stack.append((key + base, i + len(g), cost + c, edits + 1))
    return out


def _readings(model: Model, core: str) -> list[tuple[int, float]]:
    low = unicodedata.normalize("NFC", core.lower())
    marked = not low.isascii()
    scored: list[tuple[float, int]] = []
    for key, cost in _keys(model, core).items():
        for i in model._by_key[key]:
            c = cost
            if marked and model.vocab[i] == low:
                c -= _AS_PRINTED
            scored.append((c, i))
    scored.sort(key=lambda t: (t[0], -model.count[t[1]]))
    return [(i, -c) for c, i in scored[:_MAX_READINGS]]


@lru_cache(maxsize=4)
def load(path: str | None = None) -> Model:
    """The model in ``path`` (default: the one shipped), read once per process."""
    p = Path(path) if path else DATA
    if not p.is_file():
        raise FileNotFoundError(f"restore model {p}: not found (build it with python -m luocdo.loaders.restore_build)")
    with np.load(p, allow_pickle=False) as z:
        return Model({k: z[k] for k in z.files})


# ---------------------------------------------------------------------------
# Restoring a text
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Change:
    """One syllable: where it is in the input, as OCR read it, its best reading and how sure."""

    start: int
    end: int
    ocr: str
    restored: str
    confidence: float
    applied: bool  # the reading was sure enough to be put in the text


@dataclass(frozen=True, slots=True)
class Restored:
    """A text with its diacritics restored where the model is sure.

    ``text`` differs from the input only inside the spans of ``changes`` that are ``applied``;
    ``confident`` is True when every syllable's reading reached the threshold.
    """

    text: str
    original: str
    confident: bool
    syllables: tuple[Change, ...]

    @property
    def changes(self) -> tuple[Change, ...]:
        """The syllables that were changed."""
        return tuple(c for c in self.syllables if c.applied and c.restored != c.ocr)

    @property
    def changed(self) -> bool:
        return any(c.applied and c.restored != c.ocr for c in self.syllables)

    @property
    def min_confidence(self) -> float:
        return min((c.confidence for c in self.syllables), default=1.0)


def word_case(word: str) -> str:
    """How a word is written: "title" ("Sở", "0ồng"), "lower" ("số") or "" (all capitals, no letter).

    Shared by the model's builder and :func:`restore`."""
    letters = [ch for ch in word if ch.isalpha()]
    if not letters or (len(letters) > 1 and all(ch.isupper() for ch in letters)):
        return ""
    if letters[0].isupper() and all(ch.islower() for ch in letters[1:]):
        return "title"
    return "lower" if all(ch.islower() for ch in letters) else ""


def _recase(reading: str, core: str) -> str:
    letters = [ch for ch in core if ch.isalpha()]
    if len(letters) > 1 and all(ch.isupper() for ch in letters):
        return reading.upper()
    if core[:1].isupper() or (core[:1] in "0" and len(core) > 1 and core[1:2].isupper()):
        return reading[:1].upper() + reading[1:]
    return reading


#: A number, a date or a document's number ("2025", "17/4/2025", "82/KH-UBND"): one word to the model.
_NUMBER = re.compile(r"\d[\d/.,\-]*")
NUM = "<num>"


def words(text: str) -> Iterator[tuple[int, int, str, bool, bool]]:
    """Each word without the punctuation around it: (start, end, core, punctuation before, after).

    Shared by the model's builder and :func:`restore`, so both cut phrases alike.
    """
    for m in _TOKEN.finditer(text):
        tok = m.group()
        lead = _EDGE.match(tok)
        core_start = m.start() + (lead.end() if lead else 0)
        core = text[core_start : m.end()]
        trail = _EDGE.search(core)
        if trail:
            core = core[: trail.start()]
        yield core_start, core_start + len(core), core, lead is not None, trail is not None


def _phrases(text: str, model: Model) -> Iterator[list[tuple[int, int, str, list[tuple[int, float]]]]]:
    """Runs of syllables, each (start, end, core, readings); punctuation and non-words end a run.
    A number stays in the run as the model's number word ("năm 2025"), with no reading of its own."""
    run: list[tuple[int, int, str, list[tuple[int, float]]]] = []
    for start, end, core, before, after in words(text):
        if before and run:
            yield run
            run = []
        if _NUMBER.fullmatch(core):
            readings = [(model.num, 0.0)]
        elif core and len(core) <= 9 and _LETTER_RE.search(core):
            readings = model.readings(core) or ([(model.num, 0.0)] if core[:1].isdigit() else [])
        else:
            readings = []
        if readings:
            run.append((start, end, core, readings))
        elif run:
            yield run
            run = []
        if after and run:
            yield run
            run = []
    if run:
        yield run


def _marginals(model: Model, run: list[tuple[int, int, str, list[tuple[int, float]]]]) -> list[np.ndarray]:
    """P(reading | the whole run) for every reading of every syllable: forward-backward over pairs of
    adjacent readings, each syllable scored given the two before it (each step scaled to sum to one,
    so probabilities need no logarithms)."""
    cands = [[i for i, _ in r[3]] for r in run]
    if all(len(c) == 1 for c in cands):
        return [_ONE] * len(run)  # nothing to choose (text that kept its marks)
    emit = [model.emission(r[2], t > 0, r[3]) for t, r in enumerate(run)]
    cores = ["<s>", "<s>", *(r[2] for r in run), "</s>"]
    ids = [[0], [0], *cands, [1]]
    # step t (0 … len(run)): tens[t][a, b, c] = P(reading c of word t | readings a, b of the two before);
    # before the first word stands the start alone, so its "two before" are the start twice and the
    # pair model scores it
    tens = [model.matrix("<s>", cores[2], [0], ids[2])[None, :, :]]
    tens += [model.tensor((cores[t], cores[t + 1], cores[t + 2]), (ids[t], ids[t + 1], ids[t + 2]))
             for t in range(1, len(run) + 1)]
    # fwd[t][b, c]: readings b, c of words t - 1 and t, with everything up to word t
    fwd = [_norm(tens[0][0] * emit[0][None, :])]
    for t in range(1, len(run)):
        fwd.append(_norm(np.einsum("ab,abc->bc", fwd[-1], tens[t]) * emit[t][None, :]))
    bwd = [_norm(tens[-1][:, :, 0])]
    for t in range(len(run) - 1, 0, -1):
        bwd.insert(0, _norm(np.einsum("abc,c,bc->ab", tens[t], emit[t], bwd[0])))
    return [_norm((f * b).sum(axis=0)) for f, b in zip(fwd, bwd, strict=True)]


_ONE = np.ones(1)


def _norm(xs: np.ndarray) -> np.ndarray:
    z = xs.sum()
    return xs / z if z > 0 else np.full(len(xs), 1.0 / len(xs))


def restore(text: str, threshold: float = THRESHOLD, model: Model | None = None) -> Restored:
    """Restore the diacritics of ``text`` where the model is at least ``threshold`` sure."""
    model = model or load()
    text = unicodedata.normalize("NFC", text)
    pieces: list[str] = []
    syllables: list[Change] = []
    pos = 0
    for run in _phrases(text, model):
        for (start, end, core, readings), post in zip(run, _marginals(model, run), strict=True):
            if readings[0][0] == model.num:
                continue
            k = int(post.argmax())
            reading = _recase(model.vocab[readings[k][0]], core)
            applied = bool(post[k] >= threshold)
            syllables.append(Change(start, end, core, reading, float(post[k]), applied))
            if applied and reading != core:
                pieces.append(text[pos:start])
                pieces.append(reading)
                pos = end
    pieces.append(text[pos:])
    return Restored(
        text="".join(pieces),
        original=text,
        confident=all(c.applied for c in syllables),
        syllables=tuple(syllables),
    )


#: Letters of a word that OCR printed with one of its look-alike glyphs inside ("d6i", "v&i", "hi¢u").
_GLYPH_IN_WORD = re.compile(r"[^\W\d_][069&¢€¥§]|[069&¢€¥§][^\W\d_]")
#: Below this share of syllables with a mark, a Vietnamese text has lost its marks (clean text: about 0.7).
_MARKED_SHARE = 0.35


def damaged(text: str) -> bool:
    """Whether ``text`` reads like OCR that lost its marks: few of its syllables carry one, or OCR's
    look-alike glyphs stand inside words.  Cheap; does not load the model."""
    words = [w for w in text.split() if _LETTER_RE.search(w)]
    if len(words) < 3:
        return False
    if _GLYPH_IN_WORD.search(text):
        return True
    marked = sum(not w.isascii() for w in words)
    return marked < _MARKED_SHARE * len(words)


def restore_damaged(text: str | None, threshold: float = THRESHOLD) -> str | None:
    """The restored ``text`` when it looks damaged and every syllable's reading is sure; else None."""
    if not text or not damaged(text):
        return None
    return _restore_sure(text, threshold)


@lru_cache(maxsize=4096)
def _restore_sure(text: str, threshold: float) -> str | None:
    """(Titles recur: many communes issue "Kế hoạch tuyên truyền … năm 2025".)"""
    r = restore(text, threshold)
    return r.text if r.confident and r.changed else None
