"""Which units expected to act on X have a plan for it, and which do not.

Statuses, strongest first:

* ``has_plan`` — a document issued by the unit (or one of its offices, via
  PART_OF) implements X ("Thực hiện") or rests on it ("Căn cứ"), directly or
  through a chain of IMPLEMENTS / BASED_ON edges (``gaps_plans.cypher``): the
  same plans ``implementers`` lists.  ``relations`` says for each document
  which edge ties it to X;
* ``reported_only`` — the unit only reported on X (``gaps_reports.cypher``);
* ``possible`` — the unit issued, in X's period (X's year, or within
  :data:`PERIOD_DAYS` after X's date, never before X), a document on the same
  subject that does not cite X at all: title similarity of at least
  :data:`SIMILARITY` (see :func:`title_similarity`).  The best such document is
  the ``candidate`` and ``reason`` says why;
* ``no_plan`` — none of these.

Scopes: ``recipients`` (X's Nơi nhận and assigned units), ``province`` (every
commune, ward and special zone of X's province from the registry, plus the
province's departments in the graph) and ``national`` (the 34 provinces, and for a central
directive the ministries and ministry-level agencies of :mod:`luocdo.core.government`).
A unit copied only to be informed is not a recipient; a collective recipient ("UBND các xã,
phường") stands for its members as of X's date (:mod:`luocdo.queries.members`).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from rapidfuzz import fuzz, process

from luocdo.core.dates import iso_date
from luocdo.core.fold import squash
from luocdo.core.subjects import subject_words
from luocdo.graph.schema import LEVELS
from luocdo.graph.store import Store
from luocdo.queries import loader
from luocdo.queries.common import fetch_docs, org_from_registry, org_ref
from luocdo.queries.derived import derived
from luocdo.queries.errors import BadParameter
from luocdo.queries.members import day_of, members_of
from luocdo.queries.models import GAP_SCOPES, GAP_STATUSES, DocRef, GapsResult, GapUnit, OrgRef
from luocdo.queries.org_tree import OrgTree, org_tree
from luocdo.queries.resolve import resolve

SCOPES = GAP_SCOPES
#: "Same period": X's year, or up to this many days after X's date.
PERIOD_DAYS = 365
#: Minimum title similarity (0–100, see :func:`title_similarity`) for "possible".
#: Calibrated on the seeds against 82/KH-UBND (communication on CCHC and digital
#: transformation, 2025): Sơn Mai's communication plan scores 91, other plans on
#: communication about CCHC 74–82, general CCHC plans ("Kế hoạch cải cách hành
#: chính năm 2025") 72, documents on other subjects under 70.
SIMILARITY = 75

def _subject_words(title: str | None, drop: frozenset[str] = frozenset()) -> list[str]:
    return [w for w in subject_words(title) if w not in drop]


def _coverage(want: list[str], have: list[str]) -> float:
    """Share of ``want``'s words found in ``have`` (per-word rapidfuzz ratio, OCR-tolerant)."""
    if not want or not have:
        return 0.0
    total = 0.0
    for w in want:
        best = process.extractOne(w, have, scorer=fuzz.ratio)
        total += best[1] if best and best[1] >= 60 else 0.0
    return total / len(want)


def title_similarity(target: str | None, other: str | None, drop: frozenset[str] = frozenset()) -> int:
    """How far ``other``'s title is on ``target``'s subject, 0–100.

    Both titles are folded and stripped of noise phrases and words, numbers
    and the place names in ``drop``.  The score is the mean of rapidfuzz
    ``token_set_ratio`` (shared words, order-free) and the share of the
    target's subject words found in the other title: ``token_set_ratio``
    alone gives 100 to any title whose words are a subset of the target's,
    so a general "cải cách hành chính" plan would pass for a plan on
    communication about CCHC and digital transformation.
    """
    return _similarity(_subject_words(target, drop), other, drop)


def _similarity(tw: list[str], other: str | None, drop: frozenset[str]) -> int:
    """:func:`title_similarity` with the target's subject words already found (one target, many titles)."""
    return _score(tw, _subject_words(other, drop))


def _score(tw: list[str], ow: list[str]) -> int:
    """:func:`title_similarity` of two titles' subject words."""
    if not tw or not ow:
        return 0
    return round((fuzz.token_set_ratio(" ".join(tw), " ".join(ow)) + _coverage(tw, ow)) / 2)


class _Similarities:
    """:func:`title_similarity` to one target for many titles and units, each part worked out once.

    A province's documents repeat titles ("Kế hoạch cải cách hành chính năm
    2025"), and once each unit's own place names are dropped most of them ask
    the same question again: a title's subject words are found once, and a
    score once per pair of word lists (at 1,000,000 documents, a tenth of the
    scores the units asked for).
    """

    def __init__(self, target: str | None) -> None:
        self.target = target
        self._words: dict[tuple[bool, str | None], list[str]] = {}
        self._targets: dict[frozenset[str], list[str]] = {}
        self._scores: dict[tuple[tuple[str, ...], tuple[str, ...]], int] = {}
        self._asked: dict[tuple[frozenset[str], bool, str | None], int] = {}

    def __call__(self, other: str | None, drop: frozenset[str], subject: str | None = None) -> int:
        """``subject``: the words the store keeps of ``other`` (``Document.subject``), when it has them;
        the period queries return those alone, without the title."""
        asked = (drop, True, subject) if subject is not None else (drop, False, other)
        got = self._asked.get(asked)  # most rows ask again what a row of another unit or title asked
        if got is None:
            got = self._asked[asked] = self._worked_out(other, drop, subject)
        return got

    def _worked_out(self, other: str | None, drop: frozenset[str], subject: str | None) -> int:
        tw = self._targets.get(drop)
        if tw is None:
            tw = self._targets[drop] = _subject_words(self.target, drop)
        seen = (subject is not None, subject if subject is not None else other)
        words = self._words.get(seen)
        if words is None:
            words = self._words[seen] = subject.split() if subject is not None else _subject_words(other)
        ow = tuple(w for w in words if w not in drop)  # = _subject_words(other, drop)
        key = (tuple(tw), ow)
        got = self._scores.get(key)
        if got is None:
            got = self._scores[key] = _score(tw, list(ow))
        return got


def _registry():
    from luocdo.core.registry import registry

    return registry()


def _with_code(o: OrgRef) -> OrgRef:
    """Fill in the registry code of an organization the graph stored without it."""
    if o.code:
        return o
    org = _registry().by_id(o.id)
    return org_from_registry(org) if org is not None and org.code else o


def default_scope(store: Store, target: DocRef) -> str:
    if not target.province:
        return "national"
    if target.level == "commune" and _recipients(store, target):
        return "recipients"
    return "province"


def _recipients(store: Store, target: DocRef) -> list[OrgRef]:
    """The units X is sent to act on (Nơi nhận, Kính gửi) or assigns tasks to.

    A unit copied only to be informed ("để b/c", "để biết", "để theo dõi") is
    left out unless X also asks it to act; a collective ("UBND các xã, phường",
    "Các sở, ban, ngành") stands for its members as of X's date.
    """
    rows = loader.run(store, "gaps_recipients", {"key": target.key}, limit=None)
    day = day_of(target.date, target.year)
    units: dict[str, OrgRef] = {}
    informed: set[str] = set()
    for r in rows:
        if r.get("purpose") == "inform":
            informed.add(r["id"])
        elif r.get("members"):
            for o in members_of(store, r["id"], r["members"], day, target.key):
                units.setdefault(o.id, o)
        else:
            units.setdefault(r["id"], _with_code(org_ref(r)))
    rank = {lvl: i for i, lvl in enumerate(LEVELS)}
    return sorted(units.values(), key=lambda o: (rank.get(o.level or "", 99), o.name, o.id))


def expected_units(store: Store, target: DocRef, scope: str) -> list[OrgRef]:
    """The units expected to act on ``target`` in ``scope`` (its own issuer excluded)."""
    reg = _registry()
    if scope == "recipients":
        units = _recipients(store, target)
        if not units:
            raise BadParameter(
                f"{target.display} has no recorded recipients or assigned units (its own text "
                f"{'gives none' if target.ingested else 'was not ingested'}); use scope 'province' or 'national'"
            )
    elif scope == "province":
        prov = reg.province(target.province) if target.province else None
        if prov is None:
            raise BadParameter(f"{target.display} has no known province; use scope 'recipients' or 'national'")
        units = [org_from_registry(o) for o in reg.communes(prov.name)]
        depts = loader.run(store, "departments", {"province": prov.name, "province_code": str(prov.code or "")}, limit=None)
        units += sorted((org_ref(r) for r in depts), key=lambda o: o.name)
    elif scope == "national":
        units = [org_from_registry(o) for o in reg.provinces()]
        if target.level == "central":  # a central directive: today's ministries and agencies too, as the provinces
            units += members_of(store, "central:chinh-phu", "ministries", None)
    else:
        raise BadParameter(f"scope must be one of {', '.join(SCOPES)}, got {scope!r}")
    seen: set[str] = set()
    out = []
    for u in units:
        if u.id in seen or u.id == target.issuer_id:
            continue
        seen.add(u.id)
        out.append(u)
    return out


def _period(target: DocRef) -> tuple[int, str, str] | None:
    d = iso_date(target.date)
    if d is not None:
        return d.year, d.isoformat(), (d + timedelta(days=PERIOD_DAYS)).isoformat()
    if target.year:
        return target.year, date(target.year, 1, 1).isoformat(), date(target.year + 1, 12, 31).isoformat()
    return None


def gaps(store: Store, key_or_name: str, scope: str | None = None) -> GapsResult:
    """Each expected unit of X with its status, documents and, if possible, a candidate."""
    if scope is not None and scope not in SCOPES:
        raise BadParameter(f"scope must be one of {', '.join(SCOPES)}, got {scope!r}")
    target = resolve(store, key_or_name)
    scope = scope or default_scope(store, target)
    units = expected_units(store, target, scope)
    ids = {u.id for u in units}

    plan_rows = loader.run(store, "gaps_plans", {"key": target.key}, limit=None)
    report_rows = loader.run(store, "gaps_reports", {"key": target.key}, limit=None)
    tree = org_tree(store)
    belongs = _belongs(store, tree, sorted({r["org"] for r in (*plan_rows, *report_rows)}))
    plans = _by_unit(plan_rows, belongs, ids)
    reports = _by_unit(report_rows, belongs, ids)
    mentions = _mentions(store, target)

    todo = [u.id for u in units if u.id not in plans and u.id not in reports]
    period_rows = _period_rows(store, target, todo, tree)
    cands = _candidates(target, units, period_rows, mentions)

    docs = fetch_docs(
        store,
        [k for ks in plans.values() for k in ks]
        + [k for ks in reports.values() for k in ks]
        + [c[1]["key"] for c in cands.values()],
    )
    out = [_gap_unit(u, target, plans, reports, cands, docs, mentions) for u in units]
    counts = {s: sum(1 for g in out if g.status == s) for s in GAP_STATUSES}
    counts["total"] = len(out)
    return GapsResult(target=target, scope=scope, units=out, counts=counts)


def _belongs(store: Store, tree: OrgTree | None, issuers: list[str]) -> dict[str, set[str]]:
    """Each issuer with the units it belongs to (itself, and its ancestors by PART_OF)."""
    belongs: dict[str, set[str]] = {o: {o} for o in issuers}  # an issuer is its own unit too
    if tree is not None:
        for o in issuers:
            belongs[o] |= tree.ancestors(o)
    elif issuers:
        for r in loader.run(store, "org_ancestors", {"ids": issuers}, limit=None):
            belongs[r["org"]].add(r["unit"])
    return belongs


def _by_unit(rows: list[dict[str, Any]], belongs: dict[str, set[str]], ids: set[str]) -> dict[str, list[str]]:
    """The documents of ``rows`` under each expected unit their issuer belongs to."""
    out: dict[str, list[str]] = {}
    for r in rows:
        for unit in sorted(belongs[r["org"]] & ids):
            if r["key"] not in out.get(unit, ()):
                out.setdefault(unit, []).append(r["key"])
    return out


def _mentions(store: Store, target: DocRef) -> dict[str, set[str]]:
    """Each document with an edge to X, with the kinds of those edges."""
    mentions: dict[str, set[str]] = {}
    for r in loader.run(store, "doc_edges_in_one", {"key": target.key}, limit=None):
        mentions.setdefault(r["src"], set()).add(r["rel"])
    return mentions


def _period_rows(store: Store, target: DocRef, todo: list[str], tree: OrgTree | None) -> dict[str, list[dict[str, Any]]]:
    """The documents each unit without a plan or report issued in X's period."""
    period_rows: dict[str, list[dict[str, Any]]] = {}
    period = _period(target)
    if todo and period is not None:
        year, start, end = period
        params = {"key": target.key, "year": year, "from": start, "to": end}
        if tree is not None:  # the units' offices from the tree in memory, then one hop in the store
            units_of: dict[str, list[str]] = {}
            for uid in todo:
                for o in tree.members(uid):
                    units_of.setdefault(o, []).append(uid)
            for r in _issued_in_period(store, params, sorted(units_of), target.province):
                for uid in units_of[r["org"]]:
                    period_rows.setdefault(uid, []).append(r)
        else:
            for r in loader.run(store, "gaps_period", {**params, "units": todo}, limit=None):
                period_rows.setdefault(r["unit"], []).append(r)
    _titles_where_no_subject(store, [r for rows in period_rows.values() for r in rows])
    return period_rows


def _titles_where_no_subject(store: Store, rows: list[dict[str, Any]]) -> None:
    """The period queries return each document's stored subject words, not its title (reading the
    titles cost a third of the query at 1,000,000 documents); a store written before those words were
    stored (a Neo4j database of then) has them null: the titles of those rows, read by key."""
    bare = sorted({r["key"] for r in rows if r.get("subject") is None})
    if not bare or derived(store, "subjects_complete", lambda: not loader.run(store, "titles_without_subject", {}, limit=1)):
        return  # null only where there is no title (an instrument known by its number): nothing to read
    titles = {d["key"]: d.get("title") for d in loader.run(store, "docs_by_keys", {"keys": bare}, limit=None)}
    for r in rows:
        if r.get("subject") is None:
            r["title"] = titles.get(r["key"])


def _issued_in_period(store: Store, params: dict[str, Any], orgs: list[str], province: str | None) -> list[dict[str, Any]]:
    """Rows of ``gaps_period_orgs`` for ``orgs``: those of ``province`` looked up by it (one list check per
    organization of the province, not of the store), the others by the list alone."""
    where = _org_provinces(store) if province else None
    if where is None:
        return loader.run(store, "gaps_period_orgs", {**params, "orgs": orgs}, limit=None)
    near = [o for o in orgs if where.get(o) == province]
    far = [o for o in orgs if where.get(o) != province]
    rows = loader.run(store, "gaps_period_province", {**params, "orgs": near, "province": province}, limit=None)
    if far:
        rows += loader.run(store, "gaps_period_orgs", {**params, "orgs": far}, limit=None)
    return rows


def _org_provinces(store: Store) -> dict[str, str | None] | None:
    """Organization id → its province, kept per store version (None: a store without versions)."""
    return derived(store, "org_provinces",
                   lambda: {r["id"]: r["province"] for r in loader.run(store, "org_provinces", {}, limit=None)})  # fmt: skip


def _candidates(
    target: DocRef,
    units: list[OrgRef],
    period_rows: dict[str, list[dict[str, Any]]],
    mentions: dict[str, set[str]],
) -> dict[str, tuple[int, dict[str, Any], str]]:
    """Per unit, its period document most like X in subject (if similar enough) that does not cite X."""
    cands: dict[str, tuple[int, dict[str, Any], str]] = {}
    unit_by_id = {u.id: u for u in units}
    similarity = _Similarities(target.title)
    for uid, rows in period_rows.items():
        drop = frozenset(squash(" ".join(x for x in (unit_by_id[uid].name, target.province or "") if x)).split())
        best: tuple[int, dict[str, Any], str] | None = None
        for r in sorted(rows, key=lambda r: r["key"]):
            if r["key"] in mentions:
                continue  # it cites X: a plan for X is counted above, a mere citation is not a plan
            sim = similarity(r.get("title"), drop, r.get("subject"))
            if sim < SIMILARITY:
                continue
            if best is None or sim > best[0]:
                best = (sim, r, "does not cite it")
        if best is not None:
            cands[uid] = best
    return cands


def _gap_unit(
    u: OrgRef,
    target: DocRef,
    plans: dict[str, list[str]],
    reports: dict[str, list[str]],
    cands: dict[str, tuple[int, dict[str, Any], str]],
    docs: dict[str, DocRef],
    mentions: dict[str, set[str]],
) -> GapUnit:
    """One unit's line: its plans, else its reports, else its candidate, else nothing."""

    def refs(keys: list[str]) -> list[DocRef]:
        return sorted((docs[k] for k in set(keys) if k in docs), key=lambda d: (d.date or "9999", d.key))

    def tied(keys: list[str], order: tuple[str, ...]) -> dict[str, str]:
        """How each document is tied to X: its own edge to X, else through a chain of plans."""
        return {k: next((r for r in order if r in mentions.get(k, ())), "CHAIN") for k in keys}

    if u.id in plans:
        found = refs(plans[u.id])
        return GapUnit(org=u, status="has_plan", documents=found,
                       relations=tied([d.key for d in found], ("IMPLEMENTS", "BASED_ON")))
    if u.id in reports:
        found = refs(reports[u.id])
        return GapUnit(org=u, status="reported_only", documents=found,
                       relations=tied([d.key for d in found], ("REPORTS_ON",)))
    if u.id in cands and cands[u.id][1]["key"] in docs:
        sim, r, note = cands[u.id]
        cand = docs[r["key"]]
        reason = f"{cand.display} {cand.date or cand.year or 'undated'}: title similarity {sim} to {target.display}; {note}"
        return GapUnit(org=u, status="possible", documents=[], candidate=cand, reason=reason)
    return GapUnit(org=u, status="no_plan", documents=[])
