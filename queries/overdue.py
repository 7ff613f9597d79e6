"""Units whose task is due and who have nothing in the graph for it.

A document X assigns tasks to units (``ASSIGNED_TO`` with ``role`` lead and
the ``timeframe`` read from the text: "Trước ngày 30/9/2025", "Quý IV/2025",
"Tháng 9 - 10/2025", "Năm 2025 - 2026"; "Thường xuyên" has no deadline).
:func:`due_date` turns a time frame into the last day it allows.  A lead unit
is *overdue* on a date when that day has passed and neither the unit nor one
of its offices issued a document that implements X, rests on it or reports
on it (the plans of ``gaps``, and its reports).  The offices of X's own
issuer at X's own level (a commune plan's Phòng Kinh tế) carry the tasks out
inside that body and issue nothing of their own: they are not listed.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from pydantic import BaseModel, ConfigDict

from luocdo.core.dates import iso_date as parse_date
from luocdo.core.fold import squash
from luocdo.graph.store import Store
from luocdo.queries import loader
from luocdo.queries.common import fetch_docs, fetch_orgs
from luocdo.queries.errors import BadParameter
from luocdo.queries.models import DocRef, OrgRef
from luocdo.queries.org_tree import org_tree
from luocdo.queries.resolve import resolve

# --------------------------------------------------------------------------- time frames
# Pieces of the patterns, on folded text ("Quý" → "quy", "Tháng" → "thang").

#: A roman quarter, OCR'd I read as 1 or l ("Quy 111/2025"), or an arabic one.
_QUARTER = r"(?:iv|[il1]v|[il1]{1,3}|[1-4])"
#: A year.
_YEAR = r"(?P<y>(?:19|20)\d\d)"
#: A day/month/year date with / . or - between its parts, written tight ("9 - 10/2025" is a range of months).
_DMY = r"(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-]" + _YEAR

DATE_RX = re.compile(r"(?<![\d/.-])" + _DMY)
QUARTER_RX = re.compile(r"\bquy\s+(?P<q1>" + _QUARTER + r")(?:\s*(?:-|den|va)\s*(?:quy\s+)?(?P<q2>" + _QUARTER + r"))?\s*/\s*" + _YEAR)
MONTH_RX = re.compile(r"\bthang\s+(?P<m1>\d{1,2})(?:\s*(?:-|den|va)\s*(?:thang\s+)?(?P<m2>\d{1,2}))?\s*/\s*" + _YEAR)
YEAR_RX = re.compile(r"\bnam\s+(?P<y1>(?:19|20)\d\d)(?:\s*(?:-|den)\s*(?P<y2>(?:19|20)\d\d))?")

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def _quarter(text: str) -> int:
    if text.isdigit() and len(text) == 1:
        return int(text)
    return _ROMAN.get(text.replace("1", "i").replace("l", "i"), 4)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _by_date(m: re.Match[str]) -> date | None:
    try:
        return date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None


def _by_quarter(m: re.Match[str]) -> date | None:
    q = _quarter(m["q2"] or m["q1"])
    return _month_end(int(m["y"]), 3 * min(max(q, 1), 4))


def _by_month(m: re.Match[str]) -> date | None:
    month = int(m["m2"] or m["m1"])
    return _month_end(int(m["y"]), month) if 1 <= month <= 12 else None


def _by_year(m: re.Match[str]) -> date | None:
    return date(int(m["y2"] or m["y1"]), 12, 31)


#: Tried in this order: a date is the most precise, a year the least.
READERS = ((DATE_RX, _by_date), (QUARTER_RX, _by_quarter), (MONTH_RX, _by_month), (YEAR_RX, _by_year))


def due_date(timeframe: str | None) -> date | None:
    """The last day a time frame allows ("Quý III/2025" → 2025-09-30); None when it sets none."""
    text = squash(timeframe or "")
    for rx, read in READERS:
        found = [d for d in (read(m) for m in rx.finditer(text)) if d is not None]
        if found:
            return max(found)
    return None


# --------------------------------------------------------------------------- the query


class OverdueRow(BaseModel):
    model_config = ConfigDict(frozen=True)

    directive: DocRef
    org: OrgRef
    task: str | None
    timeframe: str
    due: str
    days_late: int
    #: what is missing: the plan or report of a task ("task"), a plan asked for ("plan"),
    #: a report asked for by a day or every period ("report")
    kind: str = "task"


class OverdueResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    as_of: str
    rows: list[OverdueRow]


@dataclass(frozen=True)
class _Assignment:
    key: str
    org: str
    task: str | None
    timeframe: str


def _assigned_units(store: Store, row: dict) -> list[str | OrgRef]:
    """The unit a task is assigned to (its id), or the members of a collective ("Ủy ban nhân dân
    các xã, phường") as of the assigning document's date (the registry's, in the graph or not)."""
    if not row.get("members"):
        return [row["org"]]
    from luocdo.queries.members import day_of, members_of

    year = int(row["year"]) if row.get("year") else None
    return list(members_of(store, row["org"], row["members"], day_of(row.get("date"), year), row["key"]))


def overdue(store: Store, key_or_name: str | None = None, as_of: str | date | None = None) -> OverdueResult:
    """Lead units of the store's assignments (or of one document's) overdue on ``as_of`` (default today)."""
    if isinstance(as_of, date):
        day = as_of
    elif as_of:
        parsed = parse_date(as_of)
        if parsed is None or len(as_of) != 10:
            raise BadParameter(f"as_of must be a date as yyyy-mm-dd, got {as_of!r}")
        day = parsed
    else:
        day = date.today()
    target = resolve(store, key_or_name) if key_or_name else None
    if target is not None:
        rows = loader.run(store, "overdue_assignments_of", {"key": target.key}, limit=None)
    else:
        rows = loader.run(store, "overdue_assignments", {}, limit=None)
    duty_rows = overdue_duties(store, target.key if target else None, day)
    due: list[tuple[_Assignment, date]] = []
    members: dict[str, OrgRef] = {}  # units a collective stands for
    for r in rows:
        d = due_date(r["timeframe"])
        if d is not None and d < day:
            for unit in _assigned_units(store, r):
                if isinstance(unit, OrgRef):
                    members[unit.id] = unit
                org = unit.id if isinstance(unit, OrgRef) else unit
                due.append((_Assignment(r["key"], org, r.get("task"), r["timeframe"]), d))
    if not due and not duty_rows:
        return OverdueResult(as_of=day.isoformat(), rows=duty_rows)

    docs = fetch_docs(store, {a.key for a, _ in due})
    orgs = {**members, **fetch_orgs(store, {a.org for a, _ in due})}
    tree = org_tree(store)
    acted: dict[str, set[str]] = {}  # directive key → organizations that issued a plan or report for it
    for key in {a.key for a, _ in due}:
        issuers = {r["org"] for q in ("gaps_plans", "gaps_reports") for r in loader.run(store, q, {"key": key}, limit=None)}
        acted[key] = issuers

    out: list[OverdueRow] = []
    seen: set[tuple[str, str]] = set()
    for a, d in sorted(due, key=lambda t: (t[1], t[0].key, t[0].org)):
        x, o = docs.get(a.key), orgs.get(a.org)
        if x is None or o is None or (a.key, a.org) in seen:
            continue
        own = {a.org} | (tree.members(a.org) if tree is not None else set())
        if own & acted[a.key]:
            continue
        inside = tree is not None and x.issuer_id in tree.ancestors(a.org)
        if inside and o.level == x.level:
            continue  # an office of X's own issuer: it does the work, it files nothing
        seen.add((a.key, a.org))
        out.append(OverdueRow(directive=x, org=o, task=a.task, timeframe=a.timeframe, due=d.isoformat(),
                              days_late=(day - d).days))
    out += duty_rows
    return OverdueResult(as_of=day.isoformat(), rows=out)


# --------------------------------------------------------------------------- plans and reports asked for

#: The months a period ends in.
_PERIOD_ENDS = {"month": tuple(range(1, 13)), "quarter": (3, 6, 9, 12), "half-year": (6, 12), "year": (12,)}


def period_due(period: str, since: date, day: date) -> tuple[date, date] | None:
    """The last end of a period before ``day`` and after ``since``, with the end before it (or
    ``since``): a report of that period is due on the first and counts when dated after the second."""
    ends = [_month_end(y, m) for y in range(since.year, day.year + 1) for m in _PERIOD_ENDS.get(period, (12,))]
    ends = [e for e in ends if since < e < day]
    if not ends:
        return None
    return ends[-1], (ends[-2] if len(ends) > 1 else since)


def _acted(store: Store, key: str, kind: str, letter: bool) -> dict[str, set[str | None]]:
    """Organization → the dates of what it issued for ``key``: reports for a report; plans or
    reports for a plan.  A letter (công văn) asks for what the documents it cites ask for, so
    their plans and reports count too."""
    keys = [key]
    if letter:
        keys += sorted({r["dst"] for r in loader.run(store, "doc_edges_out_one", {"key": key}, limit=None)})
    queries = ("gaps_reports",) if kind == "report" else ("gaps_plans", "gaps_reports")
    found: dict[str, str] = {}
    for k in keys:
        for q in queries:
            for r in loader.run(store, q, {"key": k}, limit=None):
                found.setdefault(r["key"], r["org"])
    docs = fetch_docs(store, found)
    out: dict[str, set[str | None]] = {}
    for k, org in found.items():
        d = docs.get(k)
        out.setdefault(org, set()).add(d.date if d else None)
    return out


def overdue_duties(store: Store, key: str | None, day: date) -> list[OverdueRow]:
    """Units a plan or report was asked of (EXPECTS) by a day now passed, or for a period now
    ended, with nothing of the kind in the graph dated before ``day``.

    A collective ("các cơ quan, đơn vị, địa phương", "UBND các xã, phường") stands for its
    members as of the asking document's date; the offices of the asking body at its own
    level report inside it and are not listed, as for tasks.
    """
    from luocdo.queries.members import day_of, members_of

    rows = loader.run(store, "overdue_duties_of" if key else "overdue_duties", {"key": key} if key else {}, limit=None)
    due: list[tuple[dict, date, date | None]] = []
    for r in rows:
        since = parse_date(r.get("date")) or (date(int(r["year"]), 1, 1) if r.get("year") else None)
        if r.get("due"):
            d = parse_date(r["due"])
            if d is not None and d < day:
                due.append((r, d, None))
        elif r.get("period") and since is not None:
            p = period_due(r["period"], since, day)
            if p is not None:
                due.append((r, p[0], p[1]))
    if not due:
        return []
    docs = fetch_docs(store, {r["key"] for r, _, _ in due})
    tree = org_tree(store)
    acted: dict[tuple[str, str], dict[str, set[str | None]]] = {}
    out: list[OverdueRow] = []
    seen: set[tuple[str, str, str]] = set()
    for r, d, after in sorted(due, key=lambda t: (t[1], t[0]["key"], t[0]["org"])):
        x = docs.get(r["key"])
        if x is None:
            continue
        if r.get("members"):
            units = members_of(store, r["org"], r["members"], day_of(x.date, x.year), x.key)
        else:
            units = list(fetch_orgs(store, [r["org"]]).values())
        ak = (x.key, r["kind"])
        if ak not in acted:
            acted[ak] = _acted(store, x.key, r["kind"], x.type == "CV")
        for o in units:
            if o.id == x.issuer_id or (x.key, o.id, r["kind"]) in seen:
                continue
            inside = tree is not None and x.issuer_id in tree.ancestors(o.id)
            if inside and o.level == x.level:
                continue  # an office of X's own issuer: it reports inside that body
            own = {o.id} | (tree.members(o.id) if tree is not None else set())
            dates = set().union(*(acted[ak].get(u, set()) for u in own)) if own else set()
            if any(t is None or (t <= day.isoformat() and (after is None or t > after.isoformat())) for t in dates):
                continue
            seen.add((x.key, o.id, r["kind"]))
            out.append(OverdueRow(directive=x, org=o, task=r.get("sentence"), timeframe=r.get("timeframe") or "",
                                  due=d.isoformat(), days_late=(day - d).days, kind=r["kind"]))
    return out
