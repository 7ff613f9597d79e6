"""Late plans and missing reports of the units expected to act on X.

What the drawing and the gaps table mark beside each unit's status:

* a *late plan*: the unit's first plan for X was issued after the day X set
  for it ("xây dựng kế hoạch …, hoàn thành trước ngày 31/8/2025");
* a *missing report*: the day X set for the unit's report ("báo cáo kết quả
  … trước ngày 15/11/2025") has passed and the graph holds no report on X
  (or on a plan for it) from the unit or one of its offices.

The days come from what X assigns to the unit (``ASSIGNED_TO`` with its
``task`` and ``timeframe``, read as :func:`luocdo.queries.overdue.due_date`
reads them): a duty is a plan duty when its words say to draw up or issue a
plan (or its ``role`` is ``plan``), a reporting duty when they say to report
(or its ``role`` is ``report``).  A duty given to one of the unit's offices
counts for the unit.  Units X sets no such day for are not marked: the graph
cannot tell they are late.
"""

from __future__ import annotations

import re
from datetime import date

from luocdo.core.dates import days_between
from luocdo.core.dates import iso_date as parse_date
from luocdo.core.fold import squash
from luocdo.graph.store import Store
from luocdo.queries import loader
from luocdo.queries.common import fetch_docs
from luocdo.queries.errors import BadParameter
from luocdo.queries.models import DeadlinesResult, DocRef, GapsResult, UnitDeadline
from luocdo.queries.org_tree import org_tree
from luocdo.queries.overdue import due_date

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


def deadlines(store: Store, report: GapsResult, as_of: str | date | None = None) -> DeadlinesResult:
    """The marks of ``report``'s units (a gaps answer for X) on ``as_of`` (default today)."""
    day = _as_of(as_of)
    key = report.target.key
    tree = org_tree(store)

    def owners(org: str) -> set[str]:
        """The org and the units it belongs to (a commune for its office)."""
        return {org} | (tree.ancestors(org) if tree is not None else set())

    units = {u.org.id: u for u in report.units}
    due: dict[tuple[str, str], tuple[date, str]] = {}  # (unit, plan|report) → (earliest day, the task)
    for r in loader.run(store, "deadline_duties", {"key": key}, limit=None):
        kind = duty_kind(r.get("task"), r.get("role"))
        d = due_date(r.get("timeframe"))
        if kind is None or d is None:
            continue
        for unit in owners(r["org"]) & units.keys():
            old = due.get((unit, kind))
            if old is None or d < old[0]:
                due[(unit, kind)] = (d, r.get("task") or "")

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
        if plan is None and rep is None and not filed:
            continue
        first = _first(u.documents) if u.status == "has_plan" else None
        late = days_between(plan[0].isoformat(), first.date) if plan and first else None
        out.append(UnitDeadline(
            org_id=org_id,
            plan_due=plan[0].isoformat() if plan else None,
            plan_duty=plan[1] if plan else None,
            first_plan=first,
            days_late=late if late is not None and late > 0 else None,
            report_due=rep[0].isoformat() if rep else None,
            report_duty=rep[1] if rep else None,
            reports=filed,
            report_missing=bool(rep and rep[0] < day and not filed),
        ))
    out.sort(key=lambda x: x.org_id)
    return DeadlinesResult(
        target=report.target, as_of=day.isoformat(), units=out,
        counts={"late_plan": sum(1 for x in out if x.days_late), "report_missing": sum(1 for x in out if x.report_missing)},
    )
