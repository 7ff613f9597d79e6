"""Late plans, late and missing reports of the units expected to act on X.

What the drawing and the gaps table mark beside each unit's status:

* a *late plan*: the unit's first plan for X was issued after the day X set
  for it ("xây dựng kế hoạch …, hoàn thành trước ngày 31/8/2025");
* a *missing report*: the day X set for the unit's report ("báo cáo kết quả
  … trước ngày 15/11/2025") has passed and the graph holds no report on X
  (or on a plan for it) from the unit or one of its offices, dated by then;
* a *late report*: its first report came after that day.

The days come from two places, and the earliest of each kind stands:

* the plans and reports X asks for (``EXPECTS``: ``kind``, ``due`` or ``period``,
  the sentence that sets it).  A collective ("Các sở, ban, ngành và Ủy ban nhân
  dân các xã, phường …", "Các cơ quan, đơn vị, địa phương báo cáo …") stands for
  its members as of X's date (:mod:`luocdo.queries.members`).  A report asked for
  every period ("định kỳ 6 tháng") is due at the last end of a period before
  ``as_of`` and counts when dated after the end before it;
* the tasks X assigns (``ASSIGNED_TO`` with its ``task`` and ``timeframe``, read
  as :func:`luocdo.queries.overdue.due_date` reads them): a plan duty when its
  words say to draw up or issue a plan (or its ``role`` is ``plan``), a reporting
  duty when they say to report (or its ``role`` is ``report``); a collective
  assigned unit stands for its members too.

A duty given to one of the unit's offices counts for the unit.  Units X sets no
such day for are not marked: the graph cannot tell they are late.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from luocdo.core.dates import days_between
from luocdo.core.dates import iso_date as parse_date
from luocdo.core.fold import squash
from luocdo.graph.store import Store
from luocdo.queries import loader
from luocdo.queries.common import fetch_docs
from luocdo.queries.errors import BadParameter
from luocdo.queries.members import day_of, members_of
from luocdo.queries.models import (
    DeadlinesResult,
    DocRef,
    Evidence,
    GapsResult,
    GapUnit,
    UnitDeadline,
)
from luocdo.queries.org_tree import org_tree
from luocdo.queries.overdue import due_date, period_due

# Folded words of a duty ("Xây dựng kế hoạch triển khai", "ban hành Kế hoạch", "lập kế hoạch").
PLAN_DUTY_RX = re.compile(r"\b(?:xay\s+dung|ban\s+hanh|lap)\b(?:\s+\S+){0,3}?\s+ke\s+hoach\b")
# "báo cáo kết quả …", "báo cáo UBND tỉnh", "gửi báo cáo về …".
REPORT_DUTY_RX = re.compile(r"\bbao\s+cao\b")


def duty_kind(task: str | None, role: str | None = None) -> str | None:
    """"plan", "report" or None: what a task X assigns asks of the unit."""
    if role in ("plan", "report"):
        return role
    text = squash(task or "")
    if PLAN_DUTY_RX.search(text):
        return "plan"
    if REPORT_DUTY_RX.search(text):
        return "report"
    return None


def _as_of(value: str | date | None) -> date:
    if isinstance(value, date):
        return value
    if not value:
        return date.today()
    parsed = parse_date(value)
    if parsed is None or len(value) != 10:
        raise BadParameter(f"as_of must be a date as yyyy-mm-dd, got {value!r}")
    return parsed


def _first(docs: list[DocRef]) -> DocRef | None:
    dated = sorted((d for d in docs if d.date), key=lambda d: (d.date, d.key))
    return dated[0] if dated else None


@dataclass(frozen=True)
class _Day:
    """A day X sets for a unit's plan or report, and where it says so."""

    due: date
    words: str  # the duty as X states it (the sentence, or the task)
    evidence: Evidence
    after: date | None = None  # a periodic report counts when dated after this day


def period_day(period: str, since: date | None, day: date) -> tuple[date, date | None] | None:
    """The day a periodic report is due on ``day``: the last period end passed (with the end
    before it, after which a report counts), else the next end to come."""
    if since is None:
        return None
    passed = period_due(period, since, day)
    if passed is not None:
        return passed
    for months in range(13):  # the first end on or after ``day``, a month at a time
        y, m = divmod(day.month - 1 + months, 12)
        last = calendar.monthrange(day.year + y, m + 1)[1]
        got = period_due(period, since, date(day.year + y, m + 1, last) + timedelta(days=1))
        if got is not None and got[0] >= day:
            return got[0], since
    return None


def _expected(store: Store, target: DocRef, day: date) -> list[tuple[str, str, _Day]]:
    """(unit, plan|report, its day) for every plan and report X asks for, collectives expanded."""
    since = parse_date(target.date) or (date(target.year, 1, 1) if target.year else None)
    out: list[tuple[str, str, _Day]] = []
    for r in loader.run(store, "deadline_expects", {"key": target.key}, limit=None):
        kind = r.get("kind")
        if kind not in ("plan", "report"):
            continue
        after: date | None = None
        d = parse_date(r.get("due")) if r.get("due") else None
        if d is None and r.get("period"):
            got = period_day(r["period"], since, day)
            if got is None:
                continue
            d, after = got
        if d is None:
            continue
        ev = Evidence(doc=target.key, file=r.get("file"), start=r.get("start"), end=r.get("end"),
                      sentence=r.get("sentence"))
        found = _Day(d, r.get("sentence") or r.get("timeframe") or "", ev, after)
        out += [(o, kind, found) for o in _units(store, r, target)]
    return out


def _units(store: Store, r: dict[str, Any], target: DocRef) -> list[str]:
    """The unit of a row, or the members its collective names as of the document's date."""
    if not r.get("members"):
        return [r["org"]]
    return [o.id for o in members_of(store, r["org"], r["members"], day_of(target.date, target.year), target.key)]


def _assigned(store: Store, target: DocRef) -> list[tuple[str, str, _Day]]:
    """(unit, plan|report, its day) for the tasks X assigns that say to draw up a plan or report."""
    out: list[tuple[str, str, _Day]] = []
    for r in loader.run(store, "deadline_duties", {"key": target.key}, limit=None):
        kind = duty_kind(r.get("task"), r.get("role"))
        d = due_date(r.get("timeframe"))
        if kind is None or d is None:
            continue
        ev = Evidence(doc=target.key, start=r.get("start"), end=r.get("end"), sentence=r.get("task"))
        found = _Day(d, r.get("task") or "", ev)
        out += [(o, kind, found) for o in _units(store, r, target)]
    return out


def _late(due: date, doc: DocRef | None) -> int | None:
    """Days ``doc`` came after ``due``; None when on time or undated."""
    gap = days_between(due.isoformat(), doc.date) if doc is not None else None
    return gap if gap is not None and gap > 0 else None


def _unit(u: GapUnit, plan: _Day | None, rep: _Day | None, filed: list[DocRef], day: date) -> UnitDeadline:
    """One unit's marks: its first plan against the plan day, its reports against the report day."""
    first = _first(u.documents) if u.status == "has_plan" else None
    counted: list[DocRef] = []
    if rep is not None:
        # what stands as the report on ``day``: dated by then (after the period before), or undated
        counted = [d for d in filed if d.date is None
                   or (d.date <= day.isoformat() and (rep.after is None or d.date > rep.after.isoformat()))]
    return UnitDeadline(
        org_id=u.org.id,
        plan_due=plan.due.isoformat() if plan else None,
        plan_duty=plan.words if plan else None,
        plan_evidence=plan.evidence if plan else None,
        first_plan=first,
        days_late=_late(plan.due, first) if plan else None,
        report_due=rep.due.isoformat() if rep else None,
        report_duty=rep.words if rep else None,
        report_evidence=rep.evidence if rep else None,
        reports=filed,
        report_missing=bool(rep and rep.due < day and not counted),
        report_days_late=_late(rep.due, _first(counted)) if rep else None,
    )


def deadlines(store: Store, report: GapsResult, as_of: str | date | None = None) -> DeadlinesResult:
    """The marks of ``report``'s units (a gaps answer for X) on ``as_of`` (default today)."""
    day = _as_of(as_of)
    key = report.target.key
    tree = org_tree(store)

    def owners(org: str) -> set[str]:
        """The org and the units it belongs to (a commune for its office)."""
        return {org} | (tree.ancestors(org) if tree is not None else set())

    units = {u.org.id: u for u in report.units}
    due: dict[tuple[str, str], _Day] = {}  # (unit, plan|report) → the earliest day set
    for org, kind, found in _expected(store, report.target, day) + _assigned(store, report.target):
        for unit in owners(org) & units.keys():
            old = due.get((unit, kind))
            if old is None or found.due < old.due:
                due[(unit, kind)] = found

    reports: dict[str, set[str]] = {}
    for r in loader.run(store, "gaps_reports", {"key": key}, limit=None):
        for unit in owners(r["org"]) & units.keys():
            reports.setdefault(unit, set()).add(r["key"])
    report_docs = fetch_docs(store, {k for ks in reports.values() for k in ks})

    out: list[UnitDeadline] = []
    for org_id, u in units.items():
        plan, rep = due.get((org_id, "plan")), due.get((org_id, "report"))
        filed = sorted((report_docs[k] for k in reports.get(org_id, ()) if k in report_docs),
                       key=lambda d: (d.date or "9999", d.key))
        if plan is not None or rep is not None or filed:
            out.append(_unit(u, plan, rep, filed, day))
    out.sort(key=lambda x: x.org_id)
    return DeadlinesResult(
        target=report.target, as_of=day.isoformat(), units=out,
        counts={"late_plan": sum(1 for x in out if x.days_late),
                "report_missing": sum(1 for x in out if x.report_missing),
                "report_late": sum(1 for x in out if x.report_days_late)},
    )
