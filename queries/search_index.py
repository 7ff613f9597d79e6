"""An in-memory word index over every document's search text, kept per store until the store changes.

Fuzzy ranking (rapidfuzz) needs the texts in Python; reading and ranking all
of them on every search cost 1.6 s at 100,000 documents.  The index reads
them once, then answers a search by looking only at the documents that
contain the query's words (or words close to them): each document gets a
quick score, the sum of the rarity (inverse document frequency) of the query
words it holds, weighted by how close its word is; only the best
:data:`SHORTLIST` go on to the careful scoring in :mod:`luocdo.queries.search`.

A document none of whose words is within :data:`WORD_CUTOFF` of any query
word scores below ``0.7 * 60 + 30`` there, so leaving such documents out only
drops weak hits.

The index is rebuilt when ``store.version()`` changes (a write here, or the
database file written by another process).  Stores without ``version`` (a
remote Neo4j that other clients write to) are read in full every time.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
from rapidfuzz import fuzz, process

from luocdo.queries.derived import derived

if TYPE_CHECKING:
    from luocdo.queries.resolve import NameColumns

#: Documents kept by the quick score for careful scoring.
SHORTLIST = 2000
#: Vocabulary words at least this close (rapidfuzz ratio) to a query word count as it.
WORD_CUTOFF = 60.0
#: Close words considered per query word.
CLOSE_WORDS = 50


@dataclass(frozen=True)
class WordIndex:
    """Texts of ``ids`` (in order) and, for each word, the positions of the texts that hold it."""

    ids: tuple[str, ...]
    texts: tuple[str, ...]
    vocab: tuple[str, ...]
    postings: dict[str, np.ndarray]
    #: Documents' name fields as columns (:class:`~luocdo.queries.resolve.NameColumns`), when built with them.
    names: NameColumns | None = None
    #: Words of ``more`` (see :meth:`build`): found by :meth:`holding`, not by :meth:`shortlist`.
    more_vocab: tuple[str, ...] = ()
    more_postings: dict[str, np.ndarray] = field(default_factory=dict)

    @staticmethod
    def build(
        ids: Sequence[str], texts: Sequence[str], more: Sequence[str] | None = None, names: NameColumns | None = None
    ) -> WordIndex:
        """``more[i]``: words a name may use for text ``i`` (its place) that are not part of the ranked text."""
        postings = _postings(texts)
        extra = _postings(more) if more is not None else {}
        return WordIndex(tuple(ids), tuple(texts), tuple(sorted(postings)), postings, names, tuple(sorted(extra)), extra)

    def __len__(self) -> int:
        return len(self.ids)

    def close_words(self, word: str) -> list[tuple[str, float]]:
        """Vocabulary words standing for ``word``: itself, and for words (not numbers, not one or two
        letters) the close ones."""
        out = [(word, 100.0)] if word in self.postings else []
        if word.isdigit() or len(word) < 3:  # "ly" is not "y", nor 158 "1588"
            return out
        for w, score, _i in process.extract(word, self.vocab, scorer=fuzz.ratio, score_cutoff=WORD_CUTOFF,
                                            limit=CLOSE_WORDS):  # fmt: skip
            if w != word:
                out.append((w, score))
        return out

    def holding(self, word: str, like: Callable[[str, str], bool], cutoff: float) -> np.ndarray:
        """Mask of the texts holding a word that ``like(word, it)`` (none below rapidfuzz ratio ``cutoff``)."""
        mask = np.zeros(len(self.ids), dtype=bool)
        for vocab, postings in ((self.vocab, self.postings), (self.more_vocab, self.more_postings)):
            if word in postings:
                mask[postings[word]] = True
            for w, _s, _i in process.extract(word, vocab, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None):
                if w != word and like(word, w):
                    mask[postings[w]] = True
        return mask

    def shortlist(self, qwords: Sequence[str], k: int = SHORTLIST) -> list[int]:
        """Positions of the (at most ``k``) texts that hold the rarest query words, best first."""
        n = len(self.ids)
        if n == 0 or not qwords:
            return []
        score = np.zeros(n, dtype=np.float32)
        for q in dict.fromkeys(qwords):
            best = np.zeros(n, dtype=np.float32)  # each query word counts once per text: its closest word
            own = math.log(1 + n / len(self.postings[q])) if q in self.postings else math.inf
            for w, closeness in self.close_words(q):
                ix = self.postings[w]  # distinct positions
                # a near word is worth no more than the word itself: "nghinh" (rare) stands in for
                # "ninh" (common), it is not a better clue to it
                idf = min(math.log(1 + n / len(ix)), own)
                best[ix] = np.maximum(best[ix], np.float32(idf * closeness / 100))
            score += best
        hit = np.flatnonzero(score)
        if len(hit) > k:
            hit = hit[np.argpartition(-score[hit], k - 1)[:k]]
        return sorted(hit.tolist(), key=lambda i: (-score[i], i))


def _postings(texts: Sequence[str]) -> dict[str, np.ndarray]:
    """For each word, the positions of the texts holding it (ascending)."""
    lists: dict[str, list[int]] = {}
    for i, text in enumerate(texts):
        for w in set(text.split()):
            lists.setdefault(w, []).append(i)
    return {w: np.asarray(ix, dtype=np.int32) for w, ix in lists.items()}


def index_for(
    store: Any, name: str, load: Callable[[], tuple[Sequence[str], Sequence[str]]]
) -> WordIndex:
    """The ``name`` index of ``store`` (``load`` gives ids and texts), rebuilt when the store changed."""
    got = derived(store, f"words:{name}", lambda: WordIndex.build(*load()))
    return got if got is not None else WordIndex.build(*load())
