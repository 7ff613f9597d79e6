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

import logging
import math
from collections.abc import Callable, Container, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
from rapidfuzz import fuzz, process

from luocdo.graph.store import Store
from luocdo.queries.derived import derived

if TYPE_CHECKING:
    from luocdo.queries.name_columns import NameColumns
    from luocdo.queries.names import NameQuery

log = logging.getLogger("luocdo.search")

#: Documents kept by the quick score for careful scoring.  1,000 gave the same top 5 as 2,000 on
#: 170 sampled names at 100,000 documents (600 did not: "Chính phủ", whose words most texts hold);
#: reading and prefiltering the shortlist is most of a search's own time.
SHORTLIST = 1000
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
    #: Documents' name fields as columns (:class:`~luocdo.queries.name_columns.NameColumns`), when built with them.
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
        """Vocabulary words standing for ``word`` (:func:`close_words`)."""
        return close_words(word, self.vocab, self.postings)

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
        # equal scores by key, as the persistent index orders them (sums rounded: the order of additions differs)
        return sorted(hit.tolist(), key=lambda i: (-round(float(score[i]), 4), self.ids[i]))


def close_words(word: str, vocab: Sequence[str], held: Container[str]) -> list[tuple[str, float]]:
    """Words of ``vocab`` standing for ``word`` with their closeness: itself when ``held``, and for words (not
    numbers, not one or two letters) the :data:`CLOSE_WORDS` closest."""
    out = [(word, 100.0)] if word in held else []
    if word.isdigit() or len(word) < 3:  # "ly" is not "y", nor 158 "1588"
        return out
    for w, score, _i in process.extract(word, vocab, scorer=fuzz.ratio, score_cutoff=WORD_CUTOFF, limit=CLOSE_WORDS):
        if w != word:
            out.append((w, score))
    return out


def _postings(texts: Sequence[str]) -> dict[str, np.ndarray]:
    """For each word, the positions of the texts holding it (ascending)."""
    lists: dict[str, list[int]] = {}
    for i, text in enumerate(texts):
        for w in set(text.split()):
            lists.setdefault(w, []).append(i)
    return {w: np.asarray(ix, dtype=np.int32) for w, ix in lists.items()}


def index_for(
    store: Store, name: str, load: Callable[[], tuple[Sequence[str], Sequence[str]]]
) -> WordIndex:
    """The ``name`` index of ``store`` (``load`` gives ids and texts), rebuilt when the store changed."""
    got = derived(store, f"words:{name}", lambda: WordIndex.build(*load()))
    return got if got is not None else WordIndex.build(*load())


# -- documents: the persistent index of an embedded store, or the in-memory one -----------------


class MemoryDocuments:
    """Documents found through the in-memory :class:`WordIndex` (stores without a search index)."""

    def __init__(self, index: WordIndex) -> None:
        self.index = index

    def named(self, name: NameQuery, limit: int) -> tuple[dict[str, float], Callable[[list[str]], set[str]]]:
        """The best ``limit`` documents ``name`` fits with their scores, and which of some keys it fits."""
        if name.number is None or self.index.names is None:
            return {}, lambda keys: set()
        named, fitted = _named(self.index, self.index.names, name, limit)
        return named, lambda keys: fitted.intersection(keys)

    def worded(self, query: str, qwords: Sequence[str]) -> list[tuple[str, str]]:
        """(key, text) of the documents worth careful scoring (see :func:`prefilter`)."""
        return [(self.index.ids[i], self.index.texts[i]) for i in prefilter(query, self.index, qwords)]


def _named(index: WordIndex, cols: NameColumns, name: NameQuery, limit: int) -> tuple[dict[str, float], set[str]]:
    from luocdo.queries.name_columns import fit_scores

    pos, fit = fit_scores(name, cols, index.holding)
    scores = np.round(90 + np.minimum(10.0, fit / 2), 1)
    best = cols.order(pos, scores)[:limit]
    named = {index.ids[p]: s for p, s in zip(pos[best].tolist(), scores[best].tolist(), strict=True)}
    return named, {index.ids[p] for p in pos.tolist()}


#: How many documents the fast whole-text prefilter keeps for careful rescoring.
PREFILTER = 300


def prefilter(query: str, index: WordIndex, qwords: Sequence[str]) -> list[int]:
    """Positions of the texts worth careful scoring: the word index's shortlist, then the
    :data:`PREFILTER` best of those by ``token_set_ratio`` on the whole text."""
    short = index.shortlist(qwords)
    if not short:
        return []
    texts = [index.texts[i] for i in short]
    found = process.extract(query, texts, scorer=fuzz.token_set_ratio, limit=PREFILTER)
    return [short[j] for _, _, j in found]


class IndexedDocuments:
    """Documents found through the Tantivy index beside an embedded store (graph/fulltext.py).

    The same two steps as :class:`WordIndex`, asked of the index: the quick score
    of a text is the sum, over the query words, of the best rarity × closeness
    of its words close to each (a disjunction-max of constant scores per query
    word); the documents a name may fit are those with its number whose type,
    year and symbol do not contradict it.  Only those are read.

    The quick score is most of a search's time at 1,000,000 documents (about
    100 ms for a commune's name): the close words of the common query words hold
    nearly every document, and Tantivy scores every document a union holds.  Its
    pruning (block-max WAND) is only for unions of plain BM25 term queries, not
    these constant scores; a required clause does not narrow a union (it reads
    whole blocks of 4,096 documents), and neither did a first pass over the rare
    words with the rest bounded (the rare words' close words hold most documents too).
    """

    def __init__(self, searcher: Any, schema: Any) -> None:
        self.searcher, self.schema = searcher, schema
        self.n = searcher.num_docs
        self.df = {t: c for t, c in searcher.terms_with_prefix("text", "") if c > 0}
        self.vocab = tuple(sorted(self.df))
        self.more_df = {t: c for t, c in searcher.terms_with_prefix("more", "") if c > 0}
        self.more_vocab = tuple(sorted(self.more_df))
        import tantivy

        self._t = tantivy

    def _term(self, field: str, value: str) -> Any:
        return self._t.Query.term_query(self.schema, field, value)

    def close_words(self, word: str) -> list[tuple[str, float]]:
        """Vocabulary words standing for ``word`` (:func:`close_words`)."""
        return close_words(word, self.vocab, self.df)

    def shortlist(self, qwords: Sequence[str], k: int = SHORTLIST) -> list[tuple[str, str]]:
        """(key, text) of the (at most ``k``) documents holding the rarest query words, best first."""
        Q, Occur = self._t.Query, self._t.Occur
        if not self.n or not qwords:
            return []
        parts = []
        for q in dict.fromkeys(qwords):
            own = math.log(1 + self.n / self.df[q]) if q in self.df else math.inf
            subs = []
            for w, closeness in self.close_words(q):
                idf = min(math.log(1 + self.n / self.df[w]), own)
                subs.append(Q.const_score_query(self._term("text", w), float(np.float32(idf * closeness / 100))))
            if subs:
                parts.append((Occur.Should, Q.disjunction_max_query(subs)))
        if not parts:
            return []
        hits = self.searcher.search(Q.boolean_query(parts), k, count=False).hits
        found = []
        for score, addr in hits:
            # the two stored values only: converting the whole document took a third of each read
            d = self.searcher.doc(addr)
            found.append((-round(score, 4), d.get_first("key"), d.get_first("text")))
        found.sort()
        return [(key, text) for _s, key, text in found]

    def worded(self, query: str, qwords: Sequence[str]) -> list[tuple[str, str]]:
        short = self.shortlist(qwords)
        if not short:
            return []
        found = process.extract(query, [t for _k, t in short], scorer=fuzz.token_set_ratio, limit=PREFILTER)
        return [short[j] for _, _, j in found]

    def named(self, name: NameQuery, limit: int) -> tuple[dict[str, float], Callable[[list[str]], set[str]]]:
        """As :meth:`MemoryDocuments.named`, asked of the index: the fit of a document is the sum of
        constant points per constraint it meets (name_columns.fit_scores' rules), so the documents of each
        score are one query, listed by the ``order`` fast field; only the best ``limit`` are read."""
        import itertools

        from luocdo.core.fold import fold
        from luocdo.graph.fulltext import norm_number

        Q, Occur = self._t.Query, self._t.Occur
        num = norm_number(name.number)
        if num is None:
            return {}, lambda keys: set()
        term = self._term
        base = [(Occur.Must, term("number", num))]
        comps: list[list[tuple[int, Any]]] = []  # per constraint: (points, the documents that get them)
        if name.symbol:
            exact = " ".join(name.symbol)
            opts = [(4, term("sym", exact)), (0, term("sym", ""))]
            if len(name.symbol) == 1:
                partial = [(Occur.Must, term("sym0", name.symbol[0])), (Occur.MustNot, term("sym", exact))]
                opts.append((2, Q.boolean_query(partial)))
            comps.append(opts)
        if name.type:
            comps.append([(2, term("type", fold(name.type))), (0, term("type", ""))])
        if name.year is not None:
            comps.append([(2, term("year", str(int(name.year)))), (0, term("year", "0"))])
        if name.date:
            comps.append([(2, term("date", name.date)), (0, term("date", ""))])
        for w in name.words:
            held = self.holding_terms(w)
            if not held:
                return {}, lambda keys: set()
            base.append((Occur.Must, Q.boolean_query([(Occur.Should, term(f, h)) for f, h in held])))
        by_score: dict[float, list[Any]] = {}
        for combo in itertools.product(*comps):
            fit = 10 + len(name.words) + sum(pts for pts, _q in combo)
            score = round(90 + min(10.0, fit / 2), 1)
            q = Q.boolean_query([(Occur.Must, cq) for _p, cq in combo]) if combo else Q.all_query()
            by_score.setdefault(score, []).append(q)

        def either(qs: list[Any]) -> Any:
            return qs[0] if len(qs) == 1 else Q.boolean_query([(Occur.Should, q) for q in qs])

        named: dict[str, float] = {}
        for score in sorted(by_score, reverse=True):
            need = limit - len(named)
            if need <= 0:
                break
            for key in self._listed(Q.boolean_query([*base, (Occur.Must, either(by_score[score]))]), need):
                named[key] = score
        fitting = Q.boolean_query([*base, (Occur.Must, either([q for qs in by_score.values() for q in qs]))])

        def fits(keys: list[str]) -> set[str]:
            if not keys:
                return set()
            q = Q.boolean_query([(Occur.Must, fitting), (Occur.Must, Q.term_set_query(self.schema, "key", keys))])
            return set(self._keys(self.searcher.search(q, len(keys), count=False).hits))

        return named, fits

    def _keys(self, hits: list[tuple[Any, Any]]) -> list[str]:
        return [self.searcher.doc(addr).get_first("key") for _v, addr in hits]

    def _listed(self, query: Any, need: int) -> list[str]:
        """The first ``need`` keys of ``query``'s documents in name-resolution order (``order``, then key)."""
        got = self.searcher.search(query, need, count=True, order_by_field="order")
        hits = got.hits
        if not hits:
            return []
        if got.count <= len(hits):
            return [k for _o, k in sorted(zip((-o for o, _a in hits), self._keys(hits), strict=True))]
        # the last value may be shared by documents left out: list all of that value by key
        last = hits[-1][0]
        above = [h for h in hits if h[0] != last]
        Q, Occur, FT = self._t.Query, self._t.Occur, self._t.FieldType
        ties = Q.boolean_query([(Occur.Must, query), (Occur.Must, Q.range_query(self.schema, "order", FT.Unsigned, last, last))])
        n = self.searcher.search(ties, 1, count=True).count
        tied = sorted(self._keys(self.searcher.search(ties, n, count=False).hits))
        first = [k for _o, k in sorted(zip((-o for o, _a in above), self._keys(above), strict=True))]
        return (first + tied)[:need]

    def holding_terms(self, word: str) -> list[tuple[str, str]]:
        """(field, word) of the index's words that stand for the typed place/issuer word ``word``
        (:func:`~luocdo.queries.names.fit_word`), among the ranked words and the place words."""
        from luocdo.queries.names import WORD_MATCH, fit_word

        out = []
        for fname, vocab, df in (("text", self.vocab, self.df), ("more", self.more_vocab, self.more_df)):
            if word in df:
                out.append((fname, word))
            for h, _s, _i in process.extract(word, vocab, scorer=fuzz.ratio, score_cutoff=WORD_MATCH, limit=None):
                if h != word and fit_word(word, h):
                    out.append((fname, h))
        return out


def indexed_documents(store: Store) -> IndexedDocuments | None:
    """The Tantivy index of an embedded store, rebuilt (with a note) when missing or stale; None when the
    store has none or it cannot be used now (being written by an ingest)."""
    from luocdo.graph.fulltext import count_documents, of_store, rebuild_from_store

    ft = of_store(store)
    if ft is None:
        return None

    def open_it() -> IndexedDocuments | None:
        problem = ft.problem(count_documents(store))
        if problem is not None:
            try:
                note = rebuild_from_store(store, problem)
            except (ValueError, OSError) as e:  # an ingest holds the index's lock, or the folder is not writable
                log.warning("search: %s; and it cannot be rebuilt now (%s): searching in memory", problem, e)
                return None
            log.warning("%s", note)
        return IndexedDocuments(ft.searcher(), ft.index().schema)

    return derived(store, "fulltext", open_it)


def document_index(store: Store, load: Callable[[], tuple]) -> IndexedDocuments | MemoryDocuments:
    """How to find documents in ``store``: its persistent index when it has a sound one, else in memory."""
    got = indexed_documents(store)
    if got is not None:
        return got
    return MemoryDocuments(index_for_rows(store, "documents", load))


def index_for_rows(store: Store, name: str, load: Callable[[], tuple]) -> WordIndex:
    got = derived(store, f"words:{name}", lambda: WordIndex.build(*load()))
    return got if got is not None else WordIndex.build(*load())
