"""The ``luocdo`` command line: a thin layer over loaders/, graph/ and queries/.

Every command prints a readable rich table by default and JSON with --json;
bad input gives a one-line error naming the file or parameter and a non-zero
exit code.
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer(
    name="luocdo",
    help="A knowledge graph of Vietnamese legal documents and directives.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console()
err = Console(stderr=True)


@app.callback()
def _main(
    lang: Annotated[str | None, typer.Option(
        "--lang", envvar="LUOCDO_LANG", help="Language of tables and messages: vi (default) or en")] = None,
) -> None:
    """A knowledge graph of Vietnamese legal documents and directives."""
    from luocdo.i18n import set_lang

    try:
        set_lang(lang)
    except ValueError as e:
        err.print(f"[bold red]error:[/] --lang: {e}", highlight=False)
        raise typer.Exit(2) from None


class ExtractFormat(str, Enum):
    jsonl = "jsonl"
    table = "table"


def fail(message: str, code: int = 2) -> NoReturn:
    """One line on standard error, in the language in force, and exit ``code``."""
    from rich.markup import escape

    from luocdo.i18n import gettext, translate_message

    label = gettext("error")
    err.print(f"[bold red]{label}:[/] {escape(translate_message(message))}", highlight=False)
    raise typer.Exit(code)


@app.command()
def extract(
    files: Annotated[list[str], typer.Argument(help="Files or folders (txt, docx, pdf, images)")],
    fmt: Annotated[ExtractFormat, typer.Option("--format", "-f", help="jsonl for machines, table for people")] = ExtractFormat.jsonl,
) -> None:
    """Read documents and print what they are and every instrument they cite.

    A batch goes on past bad files: good records are printed as they come,
    the failures are listed at the end (in input order) and the exit code is 1.
    """
    from rich.markup import escape

    from luocdo.loaders.errors import LoadError
    from luocdo.loaders.extract import extract as run_extract
    from luocdo.loaders.text import iter_files, load

    def inputs():
        """(path, None) per file to read, or (None, error) per argument that is not there."""
        seen: set[Path] = set()
        for given in files:
            try:
                for path in iter_files([given]):
                    key = path.resolve()
                    if key not in seen:
                        seen.add(key)
                        yield path, None
            except LoadError as e:
                yield None, str(e)

    failures: list[str] = []
    found = 0
    out = sys.stdout
    for path, problem in inputs():
        if problem is None:
            found += 1
            try:
                text = load(path)
                rec = run_extract(text, source=str(path))
            except LoadError as e:
                problem = str(e)
            except Exception as e:  # an extractor bug must not sink the rest of the batch
                problem = f"{path}: extraction failed ({type(e).__name__}: {' '.join(str(e).split())})"
        if problem is not None:
            failures.append(problem)
            err.print(f"[red]skipped[/] {escape(problem)}", highlight=False, soft_wrap=True)
            continue
        if fmt is ExtractFormat.jsonl:
            out.write(json.dumps(rec.to_dict(), ensure_ascii=False) + "\n")
            out.flush()
        else:
            _print_record(rec)
    if not found and not failures:
        fail("no supported files found in " + ", ".join(files))
    if failures:
        err.print(f"[bold red]{len(failures)} file(s) failed:[/]", highlight=False)
        for f in failures:
            err.print(f"  {escape(f)}", highlight=False, soft_wrap=True)
        raise typer.Exit(1)


#: The exit code of a name that fits several documents, whatever the command.
AMBIGUOUS_EXIT = 1


def ambiguous(e) -> None:
    """The one way every command answers a name that fits several documents:
    the candidates, one per line with its key whole (to be copied), exit 1."""
    from rich.markup import escape

    from luocdo.i18n import fmt_date, gettext

    label = gettext("error")
    said = gettext("{name} fits {n} documents; choose one by its key:").format(name=repr(e.name), n=len(e.candidates))
    err.print(f"[bold red]{label}:[/] {escape(said)}", highlight=False)
    unknown = gettext("issuer unknown")
    for c in e.candidates:
        when = fmt_date(c.date) or (str(c.year) if c.year else gettext("date unknown"))
        shown = c.display if len(c.display) <= 48 else c.display[:47] + "…"
        err.print(escape(f"  {c.key}  ({shown}, {when}, {c.issuer or unknown})"), highlight=False, soft_wrap=True)
    raise typer.Exit(AMBIGUOUS_EXIT)


DbOpt = Annotated[str | None, typer.Option("--db", help="Embedded database file (default ./luocdo.db or $LUOCDO_DB)")]
Neo4jOpt = Annotated[str | None, typer.Option("--neo4j", help="Bolt URI of a Neo4j server (or $NEO4J_URI)")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table")]


def open_store_or_fail(db: str | None, neo4j: str | None, read_only: bool = False):
    from luocdo.graph.store import StoreError, open_store

    try:
        return open_store(db, neo4j, read_only=read_only)
    except StoreError as e:
        fail(str(e))
    except Exception as e:  # driver or database errors: one line, not a traceback
        fail(f"cannot open the store ({db or neo4j or 'default'}): {type(e).__name__}: {e}")


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files or folders, searched recursively")],
    db: DbOpt = None,
    neo4j: Neo4jOpt = None,
    workers: Annotated[int | None, typer.Option(help="Extraction processes (default: all cores)")] = None,
    batch_size: Annotated[
        int | None, typer.Option(min=1, help="Documents per transaction (default: 200 embedded, 1,000 on Neo4j)")
    ] = None,
    bulk: Annotated[
        bool | None,
        typer.Option(
            "--bulk/--no-bulk",
            help="First load of an empty embedded store through its bulk loader (default: when the store "
            "is empty and there are at least 1,000 files)",
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Ingest documents into the graph; unchanged files are skipped, changed ones replaced."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from luocdo.graph.store import StoreError
    from luocdo.pipeline import ingest as run_ingest

    store = open_store_or_fail(db, neo4j)
    try:
        with Progress(
            TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            console=err, transient=True, disable=as_json or not err.is_terminal,
        ) as bar:
            task = bar.add_task("files", total=None)

            def tick(n: int) -> None:
                bar.advance(task, n)

            report = run_ingest(store, paths, batch_size=batch_size, workers=workers, progress=tick, bulk=bulk)
        stats = store.stats()
    except StoreError as e:
        fail(str(e))
    finally:
        store.close()
    if as_json:
        console.print_json(json.dumps({"report": report.to_dict(), "stats": stats}, ensure_ascii=False))
    else:
        from luocdo.i18n import gettext as _

        t = Table(title=_("ingest summary"), show_header=False)
        t.add_row(_("files seen"), str(report.files))
        t.add_row(_("added / replaced / unchanged"), f"{report.added} / {report.replaced} / {report.unchanged}")
        t.add_row(_("files failed"), str(len(report.failed)))
        for k, v in stats.items():
            t.add_row(k, str(v))
        console.print(t)
    for note in report.notes:
        err.print(f"[yellow]note[/] {note}", highlight=False)
    for f in report.failed:
        err.print(f"[red]failed[/] {f}", highlight=False)
    if report.failed:
        raise typer.Exit(1)


@app.command()
def stats(db: DbOpt = None, neo4j: Neo4jOpt = None, as_json: JsonOpt = False) -> None:
    """Counts of documents, organizations, edges and sources in the store."""
    store = open_store_or_fail(db, neo4j, read_only=True)
    try:
        s = store.stats()
    finally:
        store.close()
    if as_json:
        console.print_json(json.dumps(s))
        return
    t = Table(title="luocdo store", show_header=False)
    for k, v in s.items():
        t.add_row(k, str(v))
    console.print(t)


def _print_record(rec) -> None:
    d = rec.document
    who = d.issuer.name if d.issuer else "?"
    prov = d.issuer.province if d.issuer and d.issuer.province else "?"
    console.rule(f"[bold]{Path(rec.source).name}")
    console.print(
        f"[bold]{d.type}[/] {d.label}  date={d.date or '?'} year={d.year or '?'}  issuer={who} ({d.issuer.level if d.issuer else '?'}, {prov})",
        highlight=False,
    )
    console.print(f"key={d.key}  title={(d.title or '')[:100]}", highlight=False)
    t = Table(show_lines=False, expand=True)
    for col in ("relation", "instrument", "date", "issuer", "key", "n"):
        t.add_column(col, overflow="fold")
    for r in sorted(rec.references, key=lambda r: (r.relation != "implements", r.relation, r.target.key)):
        tg = r.target
        t.add_row(r.relation, tg.label, tg.date or "", tg.issuer.name if tg.issuer else "", tg.key, str(len(r.mentions)))
    console.print(t)
    for dv in rec.derived:
        console.print(f"  derived: {dv.source.label} —{dv.relation}→ {dv.target.label}", highlight=False)
    if rec.warnings:
        console.print("  [yellow]warnings:[/] " + "; ".join(rec.warnings), highlight=False)



def main() -> None:  # pragma: no cover - console entry
    app()


# The other commands register themselves on `app` when imported.
import luocdo.api.cli_demo  # noqa: E402
import luocdo.api.cli_export  # noqa: E402
import luocdo.api.cli_overdue  # noqa: E402
import luocdo.api.cli_queries  # noqa: E402
import luocdo.api.cli_serve  # noqa: E402
import luocdo.api.cli_viz  # noqa: E402, F401

if __name__ == "__main__":  # pragma: no cover
    # run as a script this module is __main__; the commands live on the
    # imported luocdo.api.cli's app
    import luocdo.api.cli as _cli

    _cli.main()
