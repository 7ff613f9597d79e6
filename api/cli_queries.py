"""The query commands of ``luocdo``: implements, basis, trace, gaps, show, search, cypher.

Registered on the app of :mod:`luocdo.api.cli` (imported at its end).  Each
prints a rich table, or the result's JSON with --json; a query error prints
one line (and the candidates when the name is ambiguous) and exits non-zero.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from luocdo.api.cli import (
    DbOpt,
    JsonOpt,
    Neo4jOpt,
    ambiguous,
    app,
    console,
    err,
    fail,
    open_store_or_fail,
)
from luocdo.graph.store import Store
from luocdo.i18n import gettext as _
from luocdo.i18n import relation_label
from luocdo.queries.models import GAP_SCOPES

DepthOpt = Annotated[int, typer.Option("--depth", "-d", min=1, max=10, help="Maximum chain length")]


#: The gap scopes as a choice for typer (the list itself is queries.models.GAP_SCOPES).
Scope = Enum("Scope", {s: s for s in GAP_SCOPES}, type=str)  # type: ignore[misc]


@contextmanager
def _store(db: str | None, neo4j: str | None, write: bool = False) -> Iterator[Any]:
    """Open the store, run the command, turn query errors into one-line messages."""
    from luocdo.graph.store import StoreError
    from luocdo.queries.errors import Ambiguous, BadParameter, QueryError

    store = open_store_or_fail(db, neo4j, read_only=not write)
    try:
        yield store
    except Ambiguous as e:
        ambiguous(e)
    except BadParameter as e:
        fail(e.message, 2)
    except QueryError as e:
        fail(e.message, 1)
    except StoreError as e:
        fail(str(e), 1)
    finally:
        store.close()


def _emit_json(obj: Any) -> None:
    if hasattr(obj, "model_dump_json"):
        typer.echo(obj.model_dump_json(indent=2))
    else:
        typer.echo(json.dumps(obj, ensure_ascii=False, indent=2))


def _when(doc: Any) -> str:
    from luocdo.queries.report_tables import when

    return when(doc)


def _days(n: int | None) -> str:
    return "" if n is None else f"{n:+d}" if n < 0 else str(n)


def _days_bound(target: Any, doc: Any) -> str:
    """"≥ 12" when only a lower bound of the document's date is known."""
    from luocdo.core.dates import days_between

    days = days_between(target.date, getattr(doc, "date_not_before", None))
    return "" if days is None else f"≥ {days}"


def _short(s: str | None, n: int = 110) -> str:
    s = " ".join((s or "").split())
    return s if len(s) <= n else s[: n - 1] + "…"


def _rel(code: str | None) -> str:
    """Relation names: the offices' words in Vietnamese, the graph's names (IMPLEMENTS …) in English."""
    from luocdo.i18n import current

    return relation_label(code) if current() == "vi" else (code or "")


def _level(level: str | None) -> str:
    from luocdo.i18n import level_label

    return level_label(level)


def _name(doc: Any) -> str:
    """A document's display id; unnumbered documents show their (long) title: cut it."""
    return _short(doc.display, 48)


def _table(title: str, columns: list[str]) -> Table:
    t = Table(title=title, title_justify="left", header_style="bold", expand=False)
    for c in columns:
        t.add_column(c, overflow="ellipsis", no_wrap=c not in (_("Evidence"), _("Title"), "title"))
    return t


def _run(as_json: bool, db: str | None, neo4j: str | None, query: Callable[[Any], Any], render: Callable[[Any], None], write: bool = False) -> None:
    with _store(db, neo4j, write=write) as store:
        result = query(store)
    if as_json:
        _emit_json(result)
    else:
        render(result)


class ReportFormat(str, Enum):
    xlsx = "xlsx"
    docx = "docx"
    csv = "csv"


FormatOpt = Annotated[ReportFormat | None, typer.Option(
    "--format", "-f", help="Write the report as a file to file: xlsx, docx or csv (with -o)")]
OutputOpt = Annotated[Path | None, typer.Option("--output", "-o", dir_okay=False, help="File to write the report to")]


def _check_output(fmt: ReportFormat | None, output: Path | None) -> None:
    if fmt is not None and output is None:
        fail(f"--format {fmt.value}: give the file to write with -o FILE")
    if output is not None and fmt is None:
        ext = output.suffix.lower().lstrip(".")
        if ext not in ReportFormat.__members__:
            fail(f"-o {output}: say the format with --format xlsx|docx|csv (or end the name in .xlsx, .docx or .csv)")


def _fmt_of(fmt: ReportFormat | None, output: Path) -> str:
    return fmt.value if fmt is not None else output.suffix.lower().lstrip(".")


def _write_report(table: Any, fmt: str, output: Path) -> None:
    from luocdo.i18n import gettext
    from luocdo.queries.report_files import render

    data = render(table, fmt)
    try:
        output.write_bytes(data)
    except OSError as e:
        fail(f"{output}: cannot write: {e.strerror or e}")
    err.print(gettext("wrote {file} ({n} rows)").format(file=output, n=len(table.rows)), highlight=False)


def _print_report(table: Any, extra: list[tuple[str, list[str]]] | None = None) -> None:
    from luocdo.api.cli_tables import print_report

    print_report(table, extra)


@app.command()
def implements(
    name: Annotated[str, typer.Argument(help="Document: key or as people write it, e.g. '82/KH-UBND'")],
    transitive: Annotated[bool, typer.Option("--transitive", "-t", help="Also through chains of implementing plans")] = False,
    depth: DepthOpt = 5,
    db: DbOpt = None,
    neo4j: Neo4jOpt = None,
    as_json: JsonOpt = False,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
) -> None:
    """Plans for X — documents that implement it (Thực hiện) or rest on it (Căn cứ) — with date and delay."""
    from luocdo.i18n import gettext
    from luocdo.queries import implementers
    from luocdo.queries.report_tables import implements_table

    _check_output(fmt, output)

    def render(r: Any) -> None:
        table = implements_table(r)
        if output is not None:
            _write_report(table, _fmt_of(fmt, output), output)
            return
        extra = None
        if r.transitive:
            names = {r.target.key: _name(r.target), **{row.doc.key: _name(row.doc) for row in r.rows}}
            extra = [(gettext("Chain"), [" → ".join(names.get(k, k) for k in row.chain) for row in r.rows])]
        _print_report(table, extra)

    _run(as_json and output is None, db, neo4j, lambda s: implementers(s, name, transitive=transitive, depth=depth), render)


@app.command()
def basis(
    name: Annotated[str, typer.Argument(help="Document: key or as people write it")],
    depth: DepthOpt = 10,
    db: DbOpt = None,
    neo4j: Neo4jOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """What X is based on and implements, upward to the central documents."""
    from luocdo.queries import basis as run_basis

    def render(r: Any) -> None:
        from luocdo.queries.report_tables import Column, ReportTable

        names = {r.doc.key: _name(r.doc), **{row.doc.key: _name(row.doc) for row in r.rows}}
        rows = tuple(
            (str(row.depth), _rel(row.relation), _name(row.doc), _when(row.doc), row.doc.issuer or "",
             _level(row.doc.level), " → ".join(names.get(k, k) for k in row.chain))
            for row in r.rows
        )
        cols = (Column("depth", _("Depth"), "number"), Column("relation", _("Relation")),
                Column("document", _("Document"), "code"), Column("date", _("Date"), "date"),
                Column("issuer", _("Issuer")), Column("level", _("Level"), narrow=False),
                Column("chain", _("Chain"), narrow=False))
        _print_report(ReportTable(
            kind="basis", title=_("What {doc} rests on").format(doc=_name(r.doc)),
            subject=f"{_name(r.doc)} ({_when(r.doc)}, {r.doc.issuer or '?'})", columns=cols, rows=rows,
            summary=(_("{n} document(s)").format(n=len(r.rows)),)))

    _run(as_json, db, neo4j, lambda s: run_basis(s, name, depth=depth), render)


@app.command()
def trace(
    name: Annotated[str, typer.Argument(help="Document: key or as people write it")],
    depth: DepthOpt = 8,
    db: DbOpt = None,
    neo4j: Neo4jOpt = None,
    as_json: JsonOpt = False,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
) -> None:
    """The propagation tree of X down every level, with the delay at each step."""
    from luocdo.queries import trace as run_trace
    from luocdo.queries.report_tables import trace_table

    _check_output(fmt, output)

    def render(r: Any) -> None:
        table = trace_table(r)
        if output is not None:
            _write_report(table, _fmt_of(fmt, output), output)
        else:
            _print_report(table)

    _run(as_json and output is None, db, neo4j, lambda s: run_trace(s, name, depth=depth), render)


@app.command()
def gaps(
    name: Annotated[str, typer.Argument(help="Document: key or as people write it")],
    scope: Annotated[Scope | None, typer.Option("--scope", "-s", help="Units expected to act (default: province for provincial documents, national for central ones)")] = None,
    db: DbOpt = None,
    neo4j: Neo4jOpt = None,
    as_json: JsonOpt = False,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
) -> None:
    """Units expected to act on X, and whether each has a plan for it (Thực hiện or Căn cứ X)."""
    from luocdo.queries import gaps as run_gaps
    from luocdo.queries.report_tables import gaps_table

    _check_output(fmt, output)

    def render(r: Any) -> None:
        table = gaps_table(r)
        if output is not None:
            _write_report(table, _fmt_of(fmt, output), output)
        else:
            _print_report(table)

    _run(as_json and output is None, db, neo4j, lambda s: run_gaps(s, name, scope=scope.value if scope else None), render)


@app.command()
def show(
    name: Annotated[str, typer.Argument(help="Document: key or as people write it")],
    db: DbOpt = None,
    neo4j: Neo4jOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """A document card: identity, every edge in and out with its evidence and source."""
    from luocdo.queries import show as run_show

    def render(c: Any) -> None:
        d = c.doc
        t = Table(title=f"{_name(d)}", title_justify="left", show_header=False)
        for k in ("key", "type", "kind", "number", "symbol", "date", "year", "date_not_before", "title", "issuer", "issuer_id", "level", "province", "ingested"):
            v = getattr(d, k)
            if k in ("date", "date_not_before") and v:
                from luocdo.i18n import fmt_date

                v = fmt_date(v)
            if v not in (None, ""):
                t.add_row(k, str(v))
        if c.standing is not None:
            from luocdo.i18n import fmt_date, standing_how_label, standing_label

            lines = [standing_label(c.standing.status)] + [
                f"{standing_how_label(a.how)} {_name(a.doc)}" + (f" ({fmt_date(a.doc.date)})" if a.doc.date else "")
                for a in c.standing.by
            ]
            t.add_row(_("standing"), "\n".join(lines))
        t.add_row("sources", "\n".join(c.sources))
        if c.conflicts:
            t.add_row("conflicts", json.dumps(c.conflicts, ensure_ascii=False))
        if c.aliases:
            t.add_row(_("also cited as"), "\n".join(c.aliases))
        if c.candidates:
            t.add_row(_("unresolved: fits"), "\n".join(c.candidates))
        console.print(t)
        sections = [(_("Outgoing edges"), c.outgoing), (_("Incoming edges"), c.incoming),
                    (_("Derived outgoing edges (stated inside another document's citation)"), c.derived_outgoing),
                    (_("Derived incoming edges (stated inside another document's citation)"), c.derived_incoming)]
        for n, (title, edges) in enumerate(sections):
            if n >= 2 and not edges:
                continue
            e = _table(f"{title} ({len(edges)})", [_("Relation"), _("Document"), _("Date"), _("Issuer"), _("Evidence"), _("Source")])
            for ev in edges:
                src = ev.evidence.file if ev.evidence else ""
                flag = " [" + _("flagged") + f": {ev.evidence.flag}]" if ev.evidence and ev.evidence.flag else ""
                e.add_row(_rel(ev.relation), _name(ev.other), _when(ev.other), ev.other.issuer or "", _short(ev.evidence.sentence if ev.evidence else "", 100) + flag, src or "")
            console.print(e)
        o = _table(_("Organizations") + f" ({len(c.organizations)})", [_("Relation"), _("Organization"), "id", _("Role"), _("Task")])
        for oe in c.organizations:
            o.add_row(_rel(oe.relation), oe.org.name, oe.org.id, oe.role or "", _short(oe.task, 80))
        console.print(o)

    _run(as_json, db, neo4j, lambda s: run_show(s, name), render)


@app.command()
def search(
    text: Annotated[str, typer.Argument(help="Number, title or issuer words, with or without diacritics")],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, max=500)] = 20,
    db: DbOpt = None,
    neo4j: Neo4jOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Documents and organizations by number, title or issuer, ranked."""
    from luocdo.queries import search as run_search

    def render(hits: Any) -> None:
        from luocdo.queries.report_tables import Column, ReportTable

        rows = tuple(
            (str(i), f"{h.score:g}", h.kind, h.id, _short(h.label, 100), _when(h.doc) if h.doc else "",
             (h.doc.issuer or "") if h.doc else (h.org.province or "") if h.org else "")
            for i, h in enumerate(hits, 1)
        )
        cols = (Column("no", "#", "number"), Column("score", _("Score"), "number", narrow=False),
                Column("kind", _("Kind"), narrow=False), Column("id", "id", "code"), Column("name", _("Name")),
                Column("date", _("Date"), "date"), Column("issuer", _("Issuer"), narrow=False))
        _print_report(ReportTable(kind="search", title=_("Search {text}: {n} hit(s)").format(text=repr(text), n=len(hits)),
                                  subject="", columns=cols, rows=rows))

    with _store(db, neo4j) as store:
        hits = run_search(store, text, limit=limit)
    if as_json:
        _emit_json([h.model_dump(mode="json") for h in hits])
    else:
        render(hits)


def _parse_param(raw: str) -> tuple[str, Any]:
    if "=" not in raw:
        fail(f"--param {raw!r}: expected NAME=VALUE")
    k, v = raw.split("=", 1)
    k = k.strip()
    if not k.isidentifier():
        fail(f"--param {raw!r}: {k!r} is not a parameter name")
    try:
        return k, json.loads(v)
    except ValueError:
        return k, v


@app.command()
def cypher(
    query: Annotated[str, typer.Argument(help="A Cypher query; $name parameters come from --param")],
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="NAME=VALUE (VALUE as JSON when it parses, else a string)")] = None,
    write: Annotated[bool, typer.Option("--write", help="Allow the query to change the graph")] = False,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, max=100_000, help="Maximum rows returned")] = 1000,
    timeout: Annotated[float, typer.Option("--timeout", min=0.1, max=300.0, help="Seconds before the query is stopped")] = 10.0,
    max_mb: Annotated[float, typer.Option("--max-mb", min=0.001, max=4096.0, help="MB of JSON rows before the answer is cut")] = 64.0,
    db: DbOpt = None,
    neo4j: Neo4jOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Run Cypher on the store: read-only unless --write; rows, bytes, time and memory are bounded."""
    from luocdo.queries import run_cypher
    from luocdo.queries.cypher_run import capped_memory, memory_budget_mb

    params = dict(_parse_param(p) for p in param or [])

    def render(r: Any) -> None:
        from luocdo.api.cli_tables import KEY_RX
        from luocdo.queries.report_tables import Column, ColumnKind, ReportTable

        def cell(v: Any) -> str:
            return v if isinstance(v, str) else "" if v is None else json.dumps(v, ensure_ascii=False)

        rows = tuple(tuple(" ".join(cell(v).split()) for v in row) for row in r.rows)
        # dates and keys stay whole, numbers keep their width; the rest shares the terminal, cut with "…"
        kinds: list[ColumnKind] = []
        for i, _c in enumerate(r.columns):
            values = [row[i] for row in rows if row[i]]
            if values and all(re.fullmatch(r"-?\d+(?:\.\d+)?", v) for v in values):
                kinds.append("number")
            elif values and all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", v) for v in values):
                kinds.append("date")
            elif values and all(KEY_RX.fullmatch(v) for v in values):
                kinds.append("code")
            else:
                kinds.append("text")
        title = f"{len(r.rows)} row(s){f' (truncated: {r.truncated_by})' if r.truncated else ''}"
        cols = tuple(Column(c, c, k) for c, k in zip(r.columns, kinds, strict=True)) or (Column("none", "(no rows)"),)
        _print_report(ReportTable(kind="cypher", title=title, subject="", columns=cols, rows=rows if r.columns else ()))

    def go(store: Store) -> Any:
        if write:
            return run_cypher(store, query, params, write=True)
        with capped_memory(memory_budget_mb()):  # the store is open: what the query allocates is bounded
            return run_cypher(store, query, params, limit=limit, timeout_s=timeout,
                              max_bytes=int(max_mb * 1024 * 1024))

    _run(as_json, db, neo4j, go, render, write=write)
