"""The query commands of ``luocdo``: implements, basis, trace, gaps, show, search, cypher.

Registered on the app of :mod:`luocdo.api.cli` (imported at its end).  Each
prints a rich table, or the result's JSON with --json; a query error prints
one line (and the candidates when the name is ambiguous) and exits non-zero.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from luocdo.api.cli import DbOpt, JsonOpt, Neo4jOpt, app, console, err, fail, open_store_or_fail
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
        err.print(f"[bold red]error:[/] {e.name!r} fits {len(e.candidates)} documents; choose one by its key:", highlight=False)
        # one line per candidate: keys must stay whole to be copied, whatever the width
        for c in e.candidates:
            when = c.date or (str(c.year) if c.year else "date unknown")
            err.print(f"  {c.key}  ({_name(c)}, {when}, {c.issuer or 'issuer unknown'})", highlight=False, soft_wrap=True)
        raise typer.Exit(1) from None
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
    if doc.date:
        return doc.date
    if doc.date_not_before:
        return f"≥ {doc.date_not_before}"
    return str(doc.year) if doc.year else "?"


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


def _name(doc: Any) -> str:
    """A document's display id; unnumbered documents show their (long) title: cut it."""
    return _short(doc.display, 48)


def _table(title: str, columns: list[str]) -> Table:
    t = Table(title=title, title_justify="left", header_style="bold", expand=False)
    for c in columns:
        t.add_column(c, overflow="fold")
    return t


def _run(as_json: bool, db: str | None, neo4j: str | None, query: Callable[[Any], Any], render: Callable[[Any], None], write: bool = False) -> None:
    with _store(db, neo4j, write=write) as store:
        result = query(store)
    if as_json:
        _emit_json(result)
    else:
        render(result)


@app.command()
def implements(
    name: Annotated[str, typer.Argument(help="Document: key or as people write it, e.g. '82/KH-UBND'")],
    transitive: Annotated[bool, typer.Option("--transitive", "-t", help="Also through chains of implementing plans")] = False,
    depth: DepthOpt = 5,
    db: DbOpt = None,
    neo4j: Neo4jOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Documents that implement X, with issuer, level, date and days from X."""
    from luocdo.queries import implementers

    def render(r: Any) -> None:
        names = {r.target.key: _name(r.target), **{row.doc.key: _name(row.doc) for row in r.rows}}
        t = _table(
            f"Implementing {_name(r.target)} ({_when(r.target)}, {r.target.issuer or '?'}) — {len(r.rows)} document(s)",
            ["depth", "document", "date", "days from X", "issuer", "level", "chain", "evidence"],
        )
        for row in r.rows:
            t.add_row(
                str(row.depth), _name(row.doc), _when(row.doc), _days(row.days) or _days_bound(r.target, row.doc),
                row.doc.issuer or "",
                row.doc.level or "", " → ".join(names.get(k, k) for k in row.chain),
                _short(row.evidence.sentence if row.evidence else "", 90),
            )
        console.print(t)

    _run(as_json, db, neo4j, lambda s: implementers(s, name, transitive=transitive, depth=depth), render)


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
        names = {r.doc.key: _name(r.doc), **{row.doc.key: _name(row.doc) for row in r.rows}}
        t = _table(
            f"Basis of {_name(r.doc)} ({_when(r.doc)}, {r.doc.issuer or '?'}) — {len(r.rows)} document(s)",
            ["depth", "relation", "document", "date", "issuer", "level", "chain"],
        )
        for row in r.rows:
            t.add_row(
                str(row.depth), row.relation, _name(row.doc), _when(row.doc), row.doc.issuer or "",
                row.doc.level or "", " → ".join(names.get(k, k) for k in row.chain),
            )
        console.print(t)

    _run(as_json, db, neo4j, lambda s: run_basis(s, name, depth=depth), render)


@app.command()
def trace(
    name: Annotated[str, typer.Argument(help="Document: key or as people write it")],
    depth: DepthOpt = 8,
    db: DbOpt = None,
    neo4j: Neo4jOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """The propagation tree of X down every level, with the delay at each step."""
    from luocdo.queries import trace as run_trace

    def render(r: Any) -> None:
        t = _table(
            f"Propagation of {_name(r.root)} ({_when(r.root)}, {r.root.issuer or '?'})",
            ["document", "level", "issuer", "date", "days from parent", "days from X"],
        )
        children: dict[str | None, list[Any]] = {}
        for n in r.nodes:
            children.setdefault(n.parent, []).append(n)

        def walk(node: Any, prefix: str) -> None:
            t.add_row(
                Text(prefix + _name(node.doc)), node.level or "", node.doc.issuer or "", _when(node.doc),
                _days(node.days_from_parent), _days(node.days_from_root),
            )
            for child in children.get(node.doc.key, []):
                walk(child, "  " * child.depth + "└ ")

        for root in children.get(None, []):
            walk(root, "")
        console.print(t)
        m = _table("Median days from the parent, by level", ["level", "median days"])
        for lvl, v in r.median_delay_by_level.items():
            m.add_row(lvl, "" if v is None else f"{v:g}")
        console.print(m)
        c = _table(f"Only citing {_name(r.root)} (not implementing it) — {len(r.citing_only)}", ["document", "date", "issuer", "title"])
        for d in r.citing_only:
            c.add_row(_name(d), _when(d), d.issuer or "", _short(d.title, 80))
        console.print(c)

    _run(as_json, db, neo4j, lambda s: run_trace(s, name, depth=depth), render)


@app.command()
def gaps(
    name: Annotated[str, typer.Argument(help="Document: key or as people write it")],
    scope: Annotated[Scope | None, typer.Option("--scope", "-s", help="Units expected to act (default: province for provincial documents, national for central ones)")] = None,
    db: DbOpt = None,
    neo4j: Neo4jOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Units expected to act on X, and whether each has a plan for it."""
    from luocdo.queries import gaps as run_gaps

    style = {"has_plan": "green", "reported_only": "cyan", "possible": "yellow", "no_plan": "red"}

    def render(r: Any) -> None:
        summary = ", ".join(f"{k} {v}" for k, v in r.counts.items())
        t = _table(f"Gaps for {_name(r.target)} ({_when(r.target)}), scope {r.scope}: {summary}", ["code", "unit", "kind", "status", "documents / candidate", "reason"])
        order = {"has_plan": 0, "reported_only": 1, "possible": 2, "no_plan": 3}
        for u in sorted(r.units, key=lambda u: order[u.status]):
            docs = ", ".join(f"{_name(d)} ({_when(d)})" for d in u.documents)
            if u.candidate is not None:
                docs = f"{_name(u.candidate)} ({_when(u.candidate)})"
            t.add_row(u.org.code or u.org.id, u.org.name, u.org.kind or "", Text(u.status, style=style[u.status]), docs, u.reason or "")
        console.print(t)

    _run(as_json, db, neo4j, lambda s: run_gaps(s, name, scope=scope.value if scope else None), render)


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
            if v not in (None, ""):
                t.add_row(k, str(v))
        t.add_row("sources", "\n".join(c.sources))
        if c.conflicts:
            t.add_row("conflicts", json.dumps(c.conflicts, ensure_ascii=False))
        if c.aliases:
            t.add_row("also cited as", "\n".join(c.aliases))
        if c.candidates:
            t.add_row("unresolved: fits", "\n".join(c.candidates))
        console.print(t)
        sections = [("Outgoing", c.outgoing), ("Incoming", c.incoming),
                    ("Derived outgoing (stated inside another document's citation)", c.derived_outgoing),
                    ("Derived incoming (stated inside another document's citation)", c.derived_incoming)]
        for title, edges in sections:
            if title.startswith("Derived") and not edges:
                continue
            e = _table(f"{title} edges ({len(edges)})", ["relation", "document", "date", "issuer", "evidence", "source"])
            for ev in edges:
                src = ev.evidence.file if ev.evidence else ""
                flag = f" [flagged: {ev.evidence.flag}]" if ev.evidence and ev.evidence.flag else ""
                e.add_row(ev.relation, _name(ev.other), _when(ev.other), ev.other.issuer or "", _short(ev.evidence.sentence if ev.evidence else "", 100) + flag, src or "")
            console.print(e)
        o = _table(f"Organizations ({len(c.organizations)})", ["relation", "organization", "id", "role", "task"])
        for oe in c.organizations:
            o.add_row(oe.relation, oe.org.name, oe.org.id, oe.role or "", _short(oe.task, 80))
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
        t = _table(f"Search {text!r}: {len(hits)} hit(s)", ["#", "score", "kind", "id", "label", "date", "issuer"])
        for i, h in enumerate(hits, 1):
            t.add_row(str(i), f"{h.score:g}", h.kind, h.id, _short(h.label, 100), _when(h.doc) if h.doc else "", (h.doc.issuer or "") if h.doc else (h.org.province or "") if h.org else "")
        console.print(t)

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
        t = _table(f"{len(r.rows)} row(s){f' (truncated: {r.truncated_by})' if r.truncated else ''}", r.columns or ["(no rows)"])
        for row in r.rows:
            t.add_row(*(json.dumps(v, ensure_ascii=False) if not isinstance(v, str) else v for v in row))
        console.print(t)

    def go(store: Any) -> Any:
        if write:
            return run_cypher(store, query, params, write=True)
        with capped_memory(memory_budget_mb()):  # the store is open: what the query allocates is bounded
            return run_cypher(store, query, params, limit=limit, timeout_s=timeout,
                              max_bytes=int(max_mb * 1024 * 1024))

    _run(as_json, db, neo4j, go, render, write=write)
