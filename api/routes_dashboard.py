"""The first page's data (``GET /dashboard``), the interface's messages
(``GET /i18n/{lang}``) and the OpenAPI page served from the package.

FastAPI's own ``/docs`` and ``/redoc`` load Swagger UI and ReDoc from a CDN,
blank without a network; here ``/docs`` is Swagger UI 5 (it reads OpenAPI
3.1) with its script and stylesheet from the files the ``swagger-ui-py``
package ships (Apache-2.0), served under ``/docs-assets/``.  :func:`install` adds all of this (and the reports and the
middleware) to an app.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse

from luocdo.i18n import LANGS, messages
from luocdo.queries.dashboard import Dashboard, dashboard

router = APIRouter()

#: The files of Swagger UI the page needs (nothing else of the package is served).
DOCS_ASSETS = {
    "swagger-ui-bundle.js": "text/javascript",
    "swagger-ui.css": "text/css",
    "favicon-32x32.png": "image/png",
}


def _swagger_dir() -> Path:
    """The package's static folder, found without importing it (it pulls in web frameworks' glue)."""
    from importlib.util import find_spec

    spec = find_spec("swagger_ui")
    if spec is None or not spec.submodule_search_locations:
        raise HTTPException(503, "Swagger UI's files are not installed (pip install swagger-ui-py)")
    return Path(next(iter(spec.submodule_search_locations))) / "static"


@router.get("/dashboard", response_model=Dashboard, tags=["service"])
async def get_dashboard(
    request: Request,
    top: Annotated[int, Query(ge=1, le=20, description="How many directives")] = 6,
    latest: Annotated[int, Query(ge=1, le=50, description="How many latest documents")] = 10,
) -> Any:
    """The directives with the most expected units, each with its coverage, and the latest documents."""
    svc = request.app.state.service
    return await svc.answer("dashboard", dashboard, top=top, latest=latest)


@router.get("/overdue", tags=["queries"], response_model=None)
async def get_overdue(
    request: Request,
    as_of: Annotated[str | None, Query(max_length=10, description="The day to judge on, yyyy-mm-dd (default: today)")] = None,
    name: Annotated[str | None, Query(max_length=300, description="Only the tasks of this document")] = None,
    format: Annotated[Literal["json", "xlsx", "docx", "csv"], Query(description="json, or a file")] = "json",
) -> Any:
    """Lead units whose task deadline has passed with no plan or report for it in the graph."""
    from fastapi import Response
    from starlette.concurrency import run_in_threadpool

    from luocdo.i18n import use
    from luocdo.queries.overdue import overdue
    from luocdo.queries.report_files import MEDIA_TYPES, render
    from luocdo.queries.report_tables import overdue_table

    svc = request.app.state.service
    if format == "json":
        return await svc.answer("overdue", overdue, name, as_of=as_of)
    lang = request.scope.get("luocdo.lang")

    def build() -> bytes:
        with use(lang):
            return render(overdue_table(overdue(svc.store, name, as_of=as_of)), format)

    data = await run_in_threadpool(build)
    return Response(data, media_type=MEDIA_TYPES[format],
                    headers={"Content-Disposition": f'attachment; filename="overdue.{format}"'})


@router.get("/documents/{key}/deadlines", tags=["queries"], response_model=None)
async def get_deadlines(
    request: Request,
    key: Annotated[str, PathParam(min_length=1, max_length=300,
                                  description='Document key in URL form ("/" written "~") or a name')],
    as_of: Annotated[str | None, Query(max_length=10, description="The day to judge on, yyyy-mm-dd (default: today)")] = None,
    scope: Annotated[Literal["recipients", "province", "national"] | None, Query(
        description="Which units should have acted, as for gaps")] = None,
) -> Any:
    """Late plans and missing reports of the units expected to act on the document (the gaps view's marks)."""
    from datetime import date

    from luocdo.core.keys import from_url_key

    svc = request.app.state.service
    day = as_of or date.today().isoformat()  # part of the cache key: the marks change with the day
    return await svc.answer("deadlines", _deadlines, from_url_key(key.strip()), scope=scope, as_of=day)


def _deadlines(store: Any, key: str, scope: str | None, as_of: str) -> Any:
    from luocdo.queries import gaps
    from luocdo.queries.deadlines import deadlines

    return deadlines(store, gaps(store, key, scope=scope), as_of=as_of)


@router.get("/i18n/{lang}", tags=["service"], response_model=dict[str, str])
def get_messages(lang: Literal["vi", "en"]) -> dict[str, str]:
    """The interface's translated messages (English message → text in ``lang``)."""
    return messages(lang) if lang in LANGS else {}


@router.get("/cypher-page", include_in_schema=False)
def cypher_page_route() -> HTMLResponse:
    """The Cypher page: saved questions, an editor, results as a table (read-only)."""
    from luocdo.viz.cypher_page import cypher_page

    return HTMLResponse(cypher_page())


@router.get("/docs", include_in_schema=False)
def docs(request: Request) -> HTMLResponse:
    root = request.scope.get("root_path", "")
    return get_swagger_ui_html(
        openapi_url=f"{root}{request.app.openapi_url}",
        title=f"{request.app.title} – API",
        swagger_js_url=f"{root}/docs-assets/swagger-ui-bundle.js",
        swagger_css_url=f"{root}/docs-assets/swagger-ui.css",
        swagger_favicon_url=f"{root}/docs-assets/favicon-32x32.png",
    )


@router.get("/docs-assets/{name}", include_in_schema=False)
def docs_asset(name: str) -> FileResponse:
    if name not in DOCS_ASSETS:
        raise HTTPException(404, f"no such file: {name}")
    return FileResponse(_swagger_dir() / name, media_type=DOCS_ASSETS[name],
                        headers={"Cache-Control": "public, max-age=86400"})


def install(app: FastAPI) -> None:
    """Dashboard, messages, reports, offline docs and the language/key/report middleware."""
    from luocdo.api.middleware_ui import UiMiddleware
    from luocdo.api.routes_reports import router as reports

    # FastAPI's CDN-loading pages give way to the offline one.
    app.router.routes = [r for r in app.router.routes
                         if getattr(r, "path", None) not in ("/docs", "/redoc", "/docs/oauth2-redirect")]
    app.include_router(router)
    app.include_router(reports)
    app.add_middleware(UiMiddleware)
