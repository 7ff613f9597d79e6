"""``luocdo viz X``: write the graph viewer for a document as one self-contained HTML file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from luocdo.api.cli import DbOpt, Neo4jOpt, ambiguous, app, err, fail, open_store_or_fail
from luocdo.i18n import current
from luocdo.i18n import gettext as _

#: Cards (every edge with its evidence) are embedded for at most this many
#: documents; beyond it a click shows the edges the page itself holds.
CARD_LIMIT = 300


@app.command()
def viz(
    name: Annotated[str, typer.Argument(help="Document: key, number or title (57-NQ/TW, 82/KH-UBND 2025 …)")],
    output: Annotated[Path, typer.Option("--output", "-o", dir_okay=False, help="HTML file to write")],
    depth: Annotated[int, typer.Option(min=0, max=4, help="Hops around the document")] = 2,
    gaps: Annotated[bool, typer.Option("--gaps", help="Show the units expected to act on it, by status")] = False,
    hierarchical: Annotated[bool, typer.Option(
        "--hierarchical/--physics", help="Fixed levels (central on top, communes at the bottom) or a free layout",
    )] = True,
    relations: Annotated[str | None, typer.Option(
        help="Comma-separated relations to follow, e.g. IMPLEMENTS,BASED_ON (default: all)")] = None,
    limit: Annotated[int, typer.Option(min=1, max=5000, help="Most nodes to draw")] = 2000,
    db: DbOpt = None,
    neo4j: Neo4jOpt = None,
) -> None:
    """Write an interactive graph of a document's neighbourhood (works offline, no external URL)."""
    from luocdo import queries as Q
    from luocdo.queries.deadlines import deadlines
    from luocdo.queries.errors import Ambiguous, QueryError
    from luocdo.viz.page import render_page

    rels = [r.strip().upper() for r in relations.split(",") if r.strip()] if relations else None
    store = open_store_or_fail(db, neo4j, read_only=True)
    try:
        sub = Q.subgraph(store, name, depth=depth, relations=rels, limit=limit)
        gap = marks = None
        if gaps:
            try:
                gap = Q.gaps(store, sub.center)
                marks = deadlines(store, gap)
            except QueryError as e:  # the graph is still worth drawing
                err.print(f"[yellow]{_('no gaps view')}:[/] {e}", highlight=False)
        docs = [n.id for n in sub.nodes if n.group == "document"][:CARD_LIMIT]
        cards = {key: Q.show(store, key) for key in docs}
    except Ambiguous as e:
        ambiguous(e)
    except QueryError as e:
        fail(str(e))
    finally:
        store.close()
    center = next((n for n in sub.nodes if n.id == sub.center), None)
    title = f"luocdo · {center.label if center else sub.center}"
    page = render_page(sub, gap, title=title, hierarchical=hierarchical, cards=cards, depth=depth,
                       deadlines=marks, lang=current())
    try:
        output.write_text(page, encoding="utf-8")
    except OSError as e:
        fail(f"{output}: cannot write: {e.strerror or e}")
    said = _("wrote {file} ({nodes} nodes, {edges} edges)").format(file=output, nodes=len(sub.nodes), edges=len(sub.edges))
    if gap is not None:
        said += " · " + _("{n} expected units").format(n=len(gap.units))
        if marks is not None and any(marks.counts.values()):
            said += " · " + _("{late} late plan(s), {missing} missing report(s), {late_reports} late report(s)").format(
                late=marks.counts["late_plan"], missing=marks.counts["report_missing"],
                late_reports=marks.counts["report_late"])
    err.print(said, highlight=False)
