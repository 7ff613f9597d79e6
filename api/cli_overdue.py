"""``luocdo overdue``: lead units whose task is due and who have nothing in the graph for it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from luocdo.api.cli import DbOpt, JsonOpt, Neo4jOpt, app
from luocdo.api.cli_queries import (
    FormatOpt,
    OutputOpt,
    _check_output,
    _fmt_of,
    _print_report,
    _run,
    _write_report,
)


@app.command()
def overdue(
    name: Annotated[str | None, typer.Argument(help="Only the tasks of this document (default: every document)")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="The day to judge on, yyyy-mm-dd (default: today)")] = None,
    db: DbOpt = None,
    neo4j: Neo4jOpt = None,
    as_json: JsonOpt = False,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
) -> None:
    """Units assigned a task whose deadline has passed, with no plan or report for it in the graph."""
    from luocdo.queries.overdue import overdue as run_overdue
    from luocdo.queries.report_tables import overdue_table

    _check_output(fmt, output)

    def render(r: Any) -> None:
        table = overdue_table(r)
        if output is not None:
            _write_report(table, _fmt_of(fmt, output), Path(output))
        else:
            _print_report(table)

    _run(as_json and output is None, db, neo4j, lambda s: run_overdue(s, name, as_of=as_of), render)
