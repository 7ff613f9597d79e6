"""``luocdo serve``: the HTTP API (and the viewer at ``/``) under uvicorn."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from luocdo.api.cli import DbOpt, Neo4jOpt, app, err, fail


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port", min=1, max=65535)] = 8000,
    db: DbOpt = None,
    neo4j: Neo4jOpt = None,
    log_level: Annotated[str, typer.Option(help="uvicorn log level")] = "info",
) -> None:
    """Serve the HTTP API (OpenAPI at /docs, viewer at /); uploads need $LUOCDO_API_TOKEN."""
    import uvicorn

    from luocdo.api.app import create_app
    from luocdo.graph.store import DEFAULT_DB, StoreError

    if not (neo4j or os.environ.get("NEO4J_URI")):
        path = Path(db or os.environ.get("LUOCDO_DB") or DEFAULT_DB)
        if not path.exists():
            err.print(f"[yellow]warning:[/] no database at {path}: serving an empty graph "
                      "(run `luocdo ingest` first, or upload with a token)", highlight=False)
    try:
        api = create_app(db, neo4j)
    except (StoreError, ValueError) as e:
        fail(str(e))
    except Exception as e:  # driver or database errors: one line, not a traceback
        fail(f"cannot open the store ({db or neo4j or 'default'}): {type(e).__name__}: {e}")
    # One process: the store is in-process (LadybugDB) and must not be opened twice.
    uvicorn.run(api, host=host, port=port, log_level=log_level, workers=1)
