"""``luocdo export FORMAT``: the graph as Turtle, JSON-LD, GraphML, node-link JSON or Neo4j import CSV."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from luocdo.api.cli import DbOpt, Neo4jOpt, app, err, fail, open_store_or_fail


class ExportFormat(str, Enum):
    turtle = "turtle"
    jsonld = "jsonld"
    graphml = "graphml"
    json = "json"
    neo4j_csv = "neo4j-csv"


@app.command()
def export(
    fmt: Annotated[ExportFormat, typer.Argument(metavar="FORMAT", help="turtle, jsonld, graphml, json or neo4j-csv")],
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="File to write (default: standard output); a folder for neo4j-csv")] = None,
    base: Annotated[str, typer.Option(help="Base of the resource IRIs in turtle / jsonld")] = "urn:luocdo:",
    db: DbOpt = None,
    neo4j: Neo4jOpt = None,
) -> None:
    """Export the whole graph (RDF on the ELI ontology, Gephi GraphML, node-link JSON, neo4j-admin CSV)."""
    from luocdo.graph.export import ExportError, render
    from luocdo.graph.export import export as run_export
    from luocdo.graph.store import StoreError

    if fmt is ExportFormat.neo4j_csv and output is None:
        fail("neo4j-csv writes a folder of CSV files: give it with -o DIR")
    store = open_store_or_fail(db, neo4j, read_only=True)
    try:
        if output is None:
            sys.stdout.buffer.write(render(store, fmt.value, base=base))
            sys.stdout.buffer.flush()
            return
        written = run_export(store, fmt.value, output, base=base)
    except (ExportError, StoreError) as e:
        fail(str(e))
    finally:
        store.close()
    if fmt is ExportFormat.neo4j_csv:
        rows = sum(written.values())
        err.print(f"wrote {len(written)} data files ({rows} rows) and import.sh to {output}", highlight=False)
    else:
        err.print(f"wrote {output} ({next(iter(written.values()))} bytes)", highlight=False)
