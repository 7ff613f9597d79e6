"""Reports people can file, from the API: gaps, trace and implements as XLSX, DOCX or CSV.

``GET /reports/{kind}/{key}?format=xlsx`` is the route; the query routes
answer the same files when asked for them (``/documents/{key}/gaps?format=docx``
or ``Accept: text/csv``): :class:`luocdo.api.middleware_ui.UiMiddleware` sends
those requests here.  The table is in the request's language
(``Accept-Language``, or ``?lang=``).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Query, Request, Response
from fastapi import Path as PathParam
from starlette.concurrency import run_in_threadpool

from luocdo import queries as Q
from luocdo.core.keys import from_url_key
from luocdo.graph.store import Store
from luocdo.i18n import use
from luocdo.queries.common import MAX_DEPTH
from luocdo.queries.report_files import FORMATS, MEDIA_TYPES, filename, render
from luocdo.queries.report_tables import TABLES

router = APIRouter()

#: The query routes a report can be asked from, and the kind of report each gives.
ROUTE_KINDS = {"gaps": "gaps", "trace": "trace", "implementers": "implements"}
#: Media types a client may ask for in Accept, and the format each means.
ACCEPTED = {MEDIA_TYPES[f].split(";")[0]: f for f in FORMATS}

Kind = Literal["gaps", "trace", "implements"]
Format = Literal["xlsx", "docx", "csv"]


def _result(store: Store, kind: str, key: str, scope: str | None, transitive: bool, depth: int | None) -> Any:
    if kind == "gaps":
        return Q.gaps(store, key, scope=scope)
    if kind == "trace":
        return Q.trace(store, key, depth=depth or 8)
    return Q.implementers(store, key, transitive=transitive, depth=depth or 5)


@router.get(
    "/reports/{kind}/{key}",
    tags=["reports"],
    response_class=Response,
    responses={200: {"content": {m: {} for m in ACCEPTED}, "description": "The report as a file"}},
)
async def report(
    request: Request,
    kind: Kind,
    key: Annotated[str, PathParam(min_length=1, max_length=300,
                                  description='Document key in URL form ("/" written "~") or a name')],
    format: Annotated[Format, Query(description="xlsx, docx or csv")] = "xlsx",
    scope: Annotated[Literal["recipients", "province", "national"] | None, Query(
        description="gaps: which units should have acted")] = None,
    transitive: Annotated[bool, Query(description="implements: down the chain too")] = False,
    depth: Annotated[int | None, Query(ge=1, le=MAX_DEPTH)] = None,
) -> Response:
    """Gaps, trace or implements of a document as a file to file (the table in the request's language)."""
    svc = request.app.state.service
    lang = request.scope.get("luocdo.lang")
    name = from_url_key(key.strip())

    def build() -> tuple[bytes, str]:
        with use(lang):
            table = TABLES[kind](_result(svc.store, kind, name, scope, transitive, depth))
            return render(table, format), filename(table, format)

    data, fname = await run_in_threadpool(build)
    return Response(
        data,
        media_type=MEDIA_TYPES[format],
        headers={"Content-Disposition": f"attachment; filename=\"{fname}\"; filename*=UTF-8''{quote(fname)}"},
    )
