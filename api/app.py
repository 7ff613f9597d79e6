"""The HTTP service: the queries of :mod:`luocdo.queries` over one store, as JSON.

One store per app; a LadybugDB file is opened read-only, so the engine
itself refuses writes, and an upload opens a writer only while it commits.
Queries run in the thread pool (the LadybugDB store gives each thread its
own read connection), so a slow query never stalls the event loop; clients'
own Cypher runs apart, in worker processes of its own
(:mod:`luocdo.api.cypher_route`).  An upload is extracted in the pool under
a lock of its own, and reads keep flowing while it runs.

Answers are cached as JSON bytes per (route, arguments) until the store
changes: an upload, or on LadybugDB any process writing to the file (its
size and time are checked on every request); on Neo4j other writers are
not seen, so the cache is off unless ``LUOCDO_API_CACHE_TTL`` (seconds)
says how stale an answer may be.

Keys contain "/" (57-NQ/TW), so paths carry the URL form of
:func:`luocdo.core.keys.url_key` ("/" written "~"); ``/resolve`` turns what
a person typed into a key.  Every error is ``{"error": {"status", "message",
"candidates"?}}`` with a status that means something (datasette style).

The parts, one concern each: :mod:`~luocdo.api.settings` (the environment,
read once per app), :mod:`~luocdo.api.errors`, :mod:`~luocdo.api.cache`,
:mod:`~luocdo.api.service` (what routes share), :mod:`~luocdo.api.uploads`,
and the routes by resource (``routes_documents``, ``routes_organizations``,
``routes_graph``, ``routes_uploads``, ``cypher_route``); this module puts
them together.
"""

import os
import tempfile
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import APIRouter, FastAPI

from luocdo.api.cypher_route import router as cypher_router
from luocdo.api.errors import install_error_handlers
from luocdo.api.routes_documents import VERSION
from luocdo.api.routes_documents import router as documents_router
from luocdo.api.routes_graph import router as graph_router
from luocdo.api.routes_organizations import router as organizations_router
from luocdo.api.routes_uploads import router as uploads_router
from luocdo.api.service import Service
from luocdo.api.settings import ApiSettings
from luocdo.api.settings import load as load_settings
from luocdo.api.uploads import UploadGuard
from luocdo.graph.store import DEFAULT_DB, Store, open_store

#: Every route of the service but /cypher and the pages, in the order they are matched.
router = APIRouter(routes=[route for part in (documents_router, organizations_router, graph_router, uploads_router)
                           for route in part.routes])


def _upload_dir(given: str | os.PathLike[str] | None, db: str | None, store: Store, settings: ApiSettings) -> Path:
    if given:
        return Path(given)
    if settings.UPLOAD_DIR:
        return Path(settings.UPLOAD_DIR)
    if store.dialect == "ladybug":
        where = store.path or db or settings.DB or DEFAULT_DB
        if where not in ("", ":memory:"):
            return Path(f"{os.fspath(where).rstrip('/')}.uploads")
    return Path(tempfile.gettempdir()) / "luocdo-uploads"


def _open_for_serving(db: str | None, neo4j_uri: str | None, settings: ApiSettings) -> Store:
    """A LadybugDB file is served read-only (the engine itself refuses writes; uploads open a
    writer for their commit); a missing file is created empty first.  Neo4j is opened as given."""
    if neo4j_uri or settings.NEO4J_URI:
        return open_store(db, neo4j_uri)
    path = db or settings.DB or DEFAULT_DB
    if path in ("", ":memory:"):
        return open_store(path)
    if not Path(path).exists():
        open_store(path).close()
    return open_store(path, read_only=True)


def _upload_limit_mb(given: float | None, settings: ApiSettings) -> float:
    limit_mb = given if given is not None else settings.MAX_UPLOAD_MB
    if not limit_mb > 0:
        raise ValueError(f"the upload limit must be a positive number of MB, not {limit_mb!r}")
    return limit_mb


def _service(store: Store, db: str | None, settings: ApiSettings, *, owns: bool, token: str | None,
             limit_mb: float, upload_dir: str | os.PathLike[str] | None,
             cache_ttl: float | None) -> Service:
    """What the routes share, from the arguments of :func:`create_app` and the settings."""
    if cache_ttl == -1:
        cache_ttl = settings.API_CACHE_TTL
        if cache_ttl is None and store.dialect != "ladybug":
            cache_ttl = 0.0
    return Service(
        store,
        token=token if token is not None else settings.API_TOKEN,
        max_upload_bytes=int(limit_mb * 1024 * 1024),
        upload_dir=_upload_dir(upload_dir, db, store, settings),
        owns_store=owns,
        cache_ttl=cache_ttl,
        settings=settings,
    )


def _lifespan(svc: Service):
    """The /cypher workers started with the app; they and an opened store closed with it."""

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        svc.cypher.start()
        try:
            yield
        finally:
            svc.cypher.close()
            if svc.owns_store:
                svc.store.close()

    return lifespan


def create_app(
    db: str | None = None,
    neo4j_uri: str | None = None,
    token: str | None = None,
    *,
    store: Store | None = None,
    max_upload_mb: float | None = None,
    upload_dir: str | os.PathLike[str] | None = None,
    cache_ttl: float | None = -1,
) -> FastAPI:
    """The service over one store: opened from ``db``/``neo4j_uri``, or the ``store`` given.

    ``token`` defaults to ``$LUOCDO_API_TOKEN``; without one, uploads are off.
    ``max_upload_mb`` defaults to ``$LUOCDO_MAX_UPLOAD_MB`` or 20.  Uploaded
    files are kept in ``upload_dir`` (``$LUOCDO_UPLOAD_DIR``, else
    ``<db>.uploads``).  ``cache_ttl``: seconds an answer may be reused, None
    for "until the next upload", 0 for never; the default is
    ``$LUOCDO_API_CACHE_TTL``, else None on LadybugDB and 0 on Neo4j.  An
    opened store is closed when the app shuts down; a given one is left to
    its owner.
    """
    settings = load_settings()
    limit_mb = _upload_limit_mb(max_upload_mb, settings)
    owns = store is None
    if store is None:
        store = _open_for_serving(db, neo4j_uri, settings)
    svc = _service(store, db, settings, owns=owns, token=token, limit_mb=limit_mb,
                   upload_dir=upload_dir, cache_ttl=cache_ttl)
    app = FastAPI(
        title="luocdo",
        version=VERSION,
        description="A knowledge graph of Vietnamese legal documents: who implements what, and who has not. "
                    'Keys go in paths in URL form ("/" written "~"); `/resolve` accepts what a person types. '
                    "Errors are `{\"error\": {\"status\", \"message\", \"candidates\"?}}`.",
        lifespan=_lifespan(svc),
    )
    app.state.service = svc
    install_error_handlers(app)
    app.include_router(router)
    app.include_router(cypher_router)
    from luocdo.api.routes_dashboard import (
        install as install_ui,  # dashboard, reports, languages, /docs
    )

    install_ui(app)
    app.add_middleware(UploadGuard, service=svc)
    return app
