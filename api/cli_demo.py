"""``luocdo demo``: the whole tour on one corpus, as ``make demo`` runs it.

Ingest → pick the corpus's provincial directive (the ingested provincial
document most implemented, directly or down a chain) → print its gaps
report → write the viewer page → serve API and viewer until Ctrl-C.
"""

from __future__ import annotations

import os
import sys
import threading
import webbrowser
from pathlib import Path
from typing import Annotated
from urllib.parse import urlencode

import typer

from luocdo.api.cli import DbOpt, app, console, fail, ingest, open_store_or_fail
from luocdo.i18n import gettext as _

# The most implemented ingested document issued at province level (its own
# text was read, so its recipients and assignments are known).
_DIRECTIVE = """
MATCH (d:Document)<-[:IMPLEMENTS*1..3]-(x:Document)
WHERE d.ingested = true AND d.level = 'province'
RETURN d.key AS key, count(DISTINCT x) AS n
ORDER BY n DESC, key
LIMIT 1
"""


def pick_directive(db: str | None) -> str | None:
    store = open_store_or_fail(db, None, read_only=True)
    try:
        rows = store.read(_DIRECTIVE)
    finally:
        store.close()
    return rows[0]["key"] if rows else None


@app.command()
def demo(
    corpus: Annotated[Path, typer.Argument(help="Folder of documents")] = Path("examples/corpus"),
    db: DbOpt = None,
    directive: Annotated[str | None, typer.Option(help="Document to report on (default: the corpus's provincial directive)")] = None,
    html: Annotated[Path, typer.Option("--html", help="Viewer page to write")] = Path("luocdo-viewer.html"),
    host: Annotated[str, typer.Option(help="Interface to serve on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to serve on")] = 8000,
    serve: Annotated[bool, typer.Option("--serve/--no-serve", help="Serve API and viewer at the end")] = True,
    open_browser: Annotated[bool, typer.Option(
        "--open/--no-open", help="Open the browser on the directive's gaps view when serving (needs a display)")] = True,
) -> None:
    """Ingest a corpus, report the gaps of its provincial directive, write the viewer, serve."""
    from luocdo.api.cli_queries import gaps
    from luocdo.api.cli_serve import serve as serve_cmd
    from luocdo.api.cli_viz import viz

    if not corpus.is_dir():
        fail(f"{corpus}: no such folder (give a folder of documents: make demo CORPUS=DIR)")
    console.rule("[bold]1. " + _("ingest {corpus}").format(corpus=corpus))
    try:
        ingest([str(corpus)], db=db, neo4j=None, workers=None, batch_size=200, as_json=False)
    except typer.Exit as e:  # some files failed: report, but go on with the rest
        if e.exit_code not in (0, 1, None):
            raise
    key = directive or pick_directive(db)
    if key is None:
        fail("no provincial document in the corpus is implemented by another one; pass --directive")
    console.rule("[bold]2. " + _("gaps: who has no plan for {key}").format(key=key))
    gaps(key, scope=None, db=db, neo4j=None, as_json=False)
    console.rule("[bold]3. " + _("viewer"))
    viz(key, output=html, depth=2, gaps=True, hierarchical=True, relations=None, limit=2000, db=db, neo4j=None)
    console.print(_("open {file} in a browser (works offline)").format(file=html.resolve()), highlight=False)
    if serve:
        url = f"http://{host}:{port}/?" + urlencode({"center": key, "gaps": "1"})
        console.rule("[bold]4. " + _("serving {url}  (Ctrl-C to stop)").format(url=f"http://{host}:{port}"))
        console.print(_("the gaps view of {key}: {url}").format(key=key, url=url), highlight=False, soft_wrap=True)
        if open_browser and _has_display():
            threading.Timer(1.5, webbrowser.open, [url]).start()
        serve_cmd(host=host, port=port, db=db, neo4j=None, log_level="warning")


def _has_display() -> bool:
    """A graphical browser can be shown (never a console browser taking over the terminal)."""
    return sys.platform in ("darwin", "win32") or bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
