"""The gaps, trace and implements answers as tables for people, in the language in force.

One table model serves the command line (rich), the files people file
(XLSX, DOCX, CSV: :mod:`luocdo.queries.report_files`) and the viewer's
download, so the three say the same thing with the same words.  Cells are
plain strings; ``kind`` tells a writer how to lay a column out (codes and
dates never wrap, text may be cut).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from luocdo.i18n import (
    N_,
    display_text,
    fmt_date,
    gettext,
    level_label,
    relation_label,
    scope_label,
    status_label,
    translate_message,
)

ColumnKind = Literal["code", "date", "number", "text", "status"]
REPORT_KINDS = ("gaps", "trace", "implements")

#: Order of the gap statuses in a report: who has acted first.
STATUS_ORDER = {"has_plan": 0, "reported_only": 1, "possible": 2, "no_plan": 3}


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: ColumnKind = "text"
    #: Shown on a narrow terminal (80 columns) too; the others only in files and wide terminals.
    narrow: bool = True
    #: A list of "number (date)" entries joined by "; ": a narrow terminal cuts it between entries.
    items: bool = False


@dataclass(frozen=True)
class ReportTable:
    """A titled table; ``summary`` lines go under the title, ``status`` per row when there is one."""

    kind: str
    title: str
    subject: str  # the document the report is about, as people name it
    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...], ...]
    summary: tuple[str, ...] = ()
    statuses: tuple[str, ...] = field(default=())


def when(doc: Any) -> str:
    """A document's date as people write it, or what is known of it."""
    if doc.date:
        return fmt_date(doc.date)
    if getattr(doc, "date_not_before", None):
        return "≥ " + fmt_date(doc.date_not_before)
    return str(doc.year) if doc.year else "?"


def name(doc: Any, n: int = 48) -> str:
    """A document's display id (unnumbered documents show their title: cut)."""
    return cut(display_text(doc.display), n)


def cut(s: str | None, n: int) -> str:
    s = " ".join((s or "").split())
    return s if len(s) <= n else s[: n - 1] + "…"


def days(n: int | None) -> str:
    return "" if n is None else str(n)


def _rel(code: str | None) -> str:
    if code == "CHAIN":
        return gettext("through a plan for it")
    return relation_label(code)


def gaps_table(r: Any) -> ReportTable:
    cols = (
        Column("no", gettext("No."), "number", narrow=False),
        Column("code", gettext("Code"), "code"),
        Column("unit", gettext("Unit")),
        Column("level", gettext("Level"), narrow=False),
        Column("status", gettext("Status"), "status"),
        Column("documents", gettext("Documents"), items=True),
        Column("relation", gettext("Relation"), narrow=False),
        Column("note", gettext("Note"), narrow=False),
    )
    rows, statuses = [], []
    units = sorted(r.units, key=lambda u: (STATUS_ORDER.get(u.status, 9), u.org.name))
    for i, u in enumerate(units, 1):
        if u.candidate is not None:
            docs, rels = f"{name(u.candidate)} ({when(u.candidate)})", ""
        else:
            docs = "; ".join(f"{name(d)} ({when(d)})" for d in u.documents)
            rels = "; ".join(_rel(u.relations.get(d.key)) for d in u.documents) if u.relations else ""
        rows.append((str(i), u.org.code or "", u.org.name, level_label(u.org.level), status_label(u.status),
                     docs, rels, translate_message(u.reason or "")))
        statuses.append(u.status)
    counts = r.counts
    summary = (
        gettext("Scope: {scope}; {total} units expected").format(scope=scope_label(r.scope), total=counts.get("total", 0)),
        "; ".join(f"{status_label(s)}: {counts.get(s, 0)}" for s in STATUS_ORDER),
    )
    return ReportTable(
        kind="gaps",
        title=gettext("Units without a plan for {doc}").format(doc=name(r.target)),
        subject=f"{name(r.target)} ({when(r.target)}{', ' + r.target.issuer if r.target.issuer else ''})",
        columns=cols, rows=tuple(rows), summary=summary, statuses=tuple(statuses),
    )


def implements_table(r: Any) -> ReportTable:
    cols = (
        Column("no", gettext("No."), "number", narrow=False),
        Column("document", gettext("Document"), "code"),
        Column("relation", gettext("Relation")),
        Column("date", gettext("Date"), "date"),
        Column("days", gettext("Days from X"), "number"),
        Column("issuer", gettext("Issuer")),
        Column("level", gettext("Level"), narrow=False),
        Column("title", gettext("Title"), narrow=False),
    )
    rows = []
    for i, row in enumerate(r.rows, 1):
        rel = relation_label(row.relation)
        if row.depth > 1:
            rel = gettext("{relation}, {depth} steps down").format(relation=rel, depth=row.depth)
        rows.append((str(i), name(row.doc), rel, when(row.doc), days(row.days), row.doc.issuer or "",
                     level_label(row.doc.level), display_text(row.doc.title)))
    return ReportTable(
        kind="implements",
        title=gettext("Plans implementing {doc}").format(doc=name(r.target)),
        subject=f"{name(r.target)} ({when(r.target)}{', ' + r.target.issuer if r.target.issuer else ''})",
        columns=cols, rows=tuple(rows),
        summary=(gettext("{n} document(s)").format(n=len(r.rows)),),
    )


def trace_table(r: Any) -> ReportTable:
    cols = (
        Column("document", gettext("Document"), "code"),
        Column("relation", gettext("Relation"), narrow=False),
        Column("level", gettext("Level")),
        Column("issuer", gettext("Issuer")),
        Column("date", gettext("Date"), "date"),
        Column("from_parent", gettext("Days from parent"), "number"),
        Column("from_root", gettext("Days from X"), "number"),
    )
    children: dict[str | None, list[Any]] = {}
    for n in r.nodes:
        children.setdefault(n.parent, []).append(n)
    rows: list[tuple[str, ...]] = []

    def walk(node: Any, prefix: str) -> None:
        rows.append((prefix + name(node.doc), relation_label(node.relation) if node.relation else "",
                     level_label(node.level), node.doc.issuer or "", when(node.doc),
                     days(node.days_from_parent), days(node.days_from_root)))
        for child in children.get(node.doc.key, []):
            walk(child, "  " * child.depth + "└ ")

    for root in children.get(None, []):
        walk(root, "")
    medians = "; ".join(
        f"{level_label(lvl)}: {'' if v is None else f'{v:g}'}" for lvl, v in r.median_delay_by_level.items()
    )
    summary = [gettext("Median days from the parent, by level: {medians}").format(medians=medians or "—")]
    if r.citing_only:
        summary.append(gettext("Only citing {doc} (not implementing it): {docs}").format(
            doc=name(r.root), docs=", ".join(name(d) for d in r.citing_only)))
    return ReportTable(
        kind="trace",
        title=gettext("How {doc} spread from level to level").format(doc=name(r.root)),
        subject=f"{name(r.root)} ({when(r.root)}{', ' + r.root.issuer if r.root.issuer else ''})",
        columns=cols, rows=tuple(rows), summary=tuple(summary),
    )


TABLES = {"gaps": gaps_table, "implements": implements_table, "trace": trace_table}

# Templates of English messages the queries build, so that translate_message finds them.
_QUERY_MESSAGES = (
    N_("no document matches {name}"),
    N_("no document matches {name}; did you mean {candidates}?"),
    N_("{name} fits {n} documents; name one by its key: {candidates}"),
    N_("{doc} {date}: title similarity {sim} to {target}; does not cite it"),
    N_("scope must be one of {scopes}, got {value}"),
    N_("depth must be an integer from 1 to {max}, got {value}"),
    N_("no organization with id {id}"),
    N_("no document or organization matches {name}"),
    N_("empty document name"),
)


def overdue_table(r: Any) -> ReportTable:
    cols = (
        Column("no", gettext("No."), "number", narrow=False),
        Column("unit", gettext("Unit")),
        Column("document", gettext("Document"), "code"),
        Column("due", gettext("Due"), "date"),
        Column("late", gettext("Days late"), "number"),
        Column("timeframe", gettext("Time frame"), narrow=False),
        Column("task", gettext("Task")),
    )
    rows = tuple(
        (str(i), row.org.name, name(row.directive), fmt_date(row.due), str(row.days_late), row.timeframe,
         display_text(row.task))
        for i, row in enumerate(r.rows, 1)
    )
    return ReportTable(
        kind="overdue",
        title=gettext("Tasks past their deadline with nothing in the graph, as of {date}").format(date=fmt_date(r.as_of)),
        subject="", columns=cols, rows=rows,
        summary=(gettext("{n} unit(s) overdue").format(n=len(r.rows)),),
    )


TABLES["overdue"] = overdue_table
