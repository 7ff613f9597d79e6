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
    if key_or_name:
        target = resolve(store, key_or_name)
        rows = loader.run(store, "overdue_assignments_of", {"key": target.key}, limit=None)
    else:
        rows = loader.run(store, "overdue_assignments", {}, limit=None)
    due: list[tuple[_Assignment, date]] = []
    for r in rows:
        d = due_date(r["timeframe"])
        if d is not None and d < day:
            due.append((_Assignment(r["key"], r["org"], r.get("task"), r["timeframe"]), d))
    if not due:
        return OverdueResult(as_of=day.isoformat(), rows=[])

    docs = fetch_docs(store, {a.key for a, _ in due})
    orgs = fetch_orgs(store, {a.org for a, _ in due})
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
    return OverdueResult(as_of=day.isoformat(), rows=out)
