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
"""

import asyncio
import hashlib
import hmac
import os
import tempfile
import threading
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable, Iterator, MutableMapping
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Annotated, Any, Literal

import anyio
from fastapi import (
    APIRouter,
    Depends,
    FastAPI,
    File,
    Query,
    Request,
    Response,
    Security,
    UploadFile,
)
from fastapi import Path as PathParam
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic_core import to_json
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from luocdo import queries as Q
from luocdo.api.cypher_pool import CypherRunner
from luocdo.api.cypher_route import max_answer_bytes
from luocdo.api.cypher_route import router as cypher_router
from luocdo.api.models import (
    ErrorDetail,
    ErrorResponse,
    Health,
    UploadedDocument,
    UploadResult,
)
from luocdo.core.keys import from_url_key, url_key
from luocdo.graph.schema import DOC_REL_LABELS, ORG_ORG_RELS, ORG_RELS
from luocdo.graph.store import (
    DEFAULT_DB,
    QueryTimeout,
    ReadOnlyViolation,
    Store,
    StoreError,
    StoreOverloaded,
    open_store,
)
from luocdo.queries.common import MAX_DEPTH
from luocdo.queries.errors import QueryError
from luocdo.queries.models import (
    BasisResult,
    Card,
    DocRef,
    DocumentPage,
    GapScope,
    GapsResult,
    ImplementersResult,
    OrgDocument,
    OrgRef,
    Subgraph,
    TraceResult,
)

VERSION = "0.1.0"
DEFAULT_MAX_UPLOAD_MB = 20.0
CACHE_ENTRIES = 4096
CACHE_BYTES = 64 * 1024 * 1024
RELATIONS = (*DOC_REL_LABELS, *ORG_RELS, *ORG_ORG_RELS)

ASGIApp = Callable[[MutableMapping[str, Any], Callable, Callable], Awaitable[None]]


# --------------------------------------------------------------------------- errors


class ApiError(Exception):
    """An error the API itself raises (the queries raise QueryError)."""

    def __init__(self, status: int, message: str, *, failed: list[str] | None = None,
                 headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.failed = failed
        self.headers = headers


def error_response(status: int, message: str, headers: dict[str, str] | None = None,
                   **extra: Any) -> JSONResponse:
    detail = ErrorDetail(status=status, message=message, **extra)
    body = {"error": detail.model_dump(mode="json", exclude_none=True)}
    return JSONResponse(body, status_code=status, headers=headers)


def _errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI description of the error answers a route can give."""
    meaning = {
        400: "Bad parameter",
        401: "Missing or malformed bearer token",
        403: "Refused (wrong token, uploads disabled, or a write query)",
        404: "Not found; `candidates` lists what the name might have meant",
        409: "Ambiguous name; `candidates` lists the documents it fits",
        413: "Upload over the size limit",
        422: "Invalid parameters, or an upload whose files could not be read",
    }
    return {s: {"model": ErrorResponse, "description": meaning[s]} for s in (*statuses, 422)}


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(QueryError)
    async def query_error(_request: Request, exc: QueryError) -> JSONResponse:
        status = int(getattr(exc, "status", 400) or 400)
        candidates = getattr(exc, "candidates", None)
        extra: dict[str, Any] = {}
        if candidates is not None or status in (404, 409):
            extra["candidates"] = list(candidates or [])
        return error_response(status, exc.message, **extra)

    @app.exception_handler(ApiError)
    async def api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.message, headers=exc.headers, failed=exc.failed)

    @app.exception_handler(ReadOnlyViolation)
    async def read_only(_request: Request, exc: ReadOnlyViolation) -> JSONResponse:
        return error_response(403, f"write refused: {exc}")

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errs = jsonable_encoder(exc.errors(), custom_encoder={bytes: lambda b: b.decode("utf-8", "replace")})
        parts = []
        for e in errs:
            where = ".".join(str(x) for x in e.get("loc", ()) if x != "body") or "request"
            parts.append(f"{where}: {e.get('msg', 'invalid')}")
        return error_response(422, "; ".join(parts) or "invalid request", errors=errs)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return error_response(exc.status_code, str(exc.detail), headers=getattr(exc, "headers", None))

    @app.exception_handler(StoreOverloaded)
    async def overloaded(_request: Request, exc: StoreOverloaded) -> JSONResponse:
        return error_response(503, str(exc), headers={"Retry-After": "1"})

    @app.exception_handler(QueryTimeout)
    async def timed_out(_request: Request, exc: QueryTimeout) -> JSONResponse:
        return error_response(504, f"the query ran past its time limit: {exc}", headers={"Retry-After": "10"})

    def out_of_memory(exc: BaseException) -> bool:
        return isinstance(exc, MemoryError) or "bad_alloc" in str(exc) or "out of memory" in str(exc).lower()

    @app.exception_handler(StoreError)
    @app.exception_handler(MemoryError)
    async def engine_error(_request: Request, exc: Exception) -> JSONResponse:
        if out_of_memory(exc):
            return error_response(503, f"the server ran out of memory for this request ({type(exc).__name__}); "
                                  "retry later", headers={"Retry-After": "10"})
        return error_response(500, f"internal error: {type(exc).__name__}: {exc}")

    @app.exception_handler(Exception)
    async def crash(_request: Request, exc: Exception) -> JSONResponse:
        if out_of_memory(exc):
            return error_response(503, f"the server ran out of memory for this request ({type(exc).__name__}); "
                                  "retry later", headers={"Retry-After": "10"})
        return error_response(500, f"internal error: {type(exc).__name__}: {exc}")


# --------------------------------------------------------------------------- cache


def query_slots() -> int:
    """Queries run at once (``LUOCDO_API_QUERY_SLOTS``; default: twice the cores, at least 2)."""
    raw = os.environ.get("LUOCDO_API_QUERY_SLOTS", "").strip()
    if not raw:
        return max(2, 2 * (os.cpu_count() or 1))
    if not raw.isdigit() or int(raw) < 1:
        raise ValueError(f"LUOCDO_API_QUERY_SLOTS must be a whole number of at least 1, not {raw!r}")
    return int(raw)


class AnswerCache:
    """JSON answers by (route, arguments), valid until the store changes.

    Concurrent misses on one key compute once (the others await the same
    future).  ``generation`` is bumped after every write; an answer computed
    while a write happened is not kept.  ``ttl`` None keeps answers until the
    next write, 0 turns the cache off.
    """

    def __init__(self, ttl: float | None, entries: int = CACHE_ENTRIES, max_bytes: int = CACHE_BYTES,
                 slots: int | None = None):
        self.ttl = ttl
        self.slots = slots or query_slots()
        self._limiter: anyio.CapacityLimiter | None = None
        self.entries = entries
        self.max_bytes = max_bytes
        self.generation = 0
        self._seen = 0  # the generation the kept answers belong to
        self._size = 0
        self._data: OrderedDict[Hashable, tuple[float, bytes]] = OrderedDict()
        self._pending: dict[Hashable, asyncio.Future[bytes]] = {}

    async def _compute(self, compute: Callable[[], Any]) -> Any:
        """Run a query in a worker thread, at most ``slots`` at once.

        Fifty clients asking at once on two cores gain nothing from fifty
        threads in the engine: each holds working memory in the database's
        page cache (which then fills) and they all slow down together.
        """
        if self._limiter is None:
            self._limiter = anyio.CapacityLimiter(self.slots)
        return await anyio.to_thread.run_sync(compute, limiter=self._limiter)

    def invalidate(self) -> None:
        """Called from the thread that wrote; the event loop only reads ``generation``."""
        self.generation += 1

    async def get(self, key: Hashable, compute: Callable[[], Any]) -> bytes:
        if self.ttl == 0:
            return to_json(await self._compute(compute))
        if self._seen != self.generation:  # the store changed: drop every kept answer
            self._data.clear()
            self._size = 0
            self._seen = self.generation
        key = (self.generation, key)
        hit = self._data.get(key)
        if hit is not None and (self.ttl is None or time.monotonic() - hit[0] < self.ttl):
            self._data.move_to_end(key)
            return hit[1]
        pending = self._pending.get(key)
        if pending is not None:
            return await asyncio.shield(pending)
        future: asyncio.Future[bytes] = asyncio.get_running_loop().create_future()
        self._pending[key] = future
        try:
            body = to_json(await self._compute(compute))
        except BaseException as e:
            future.set_exception(e)
            future.exception()  # retrieved: no "never retrieved" warning when nobody waits
            raise
        finally:
            self._pending.pop(key, None)
        future.set_result(body)
        if key[0] == self.generation == self._seen and len(body) <= self.max_bytes // 8:
            old = self._data.pop(key, None)
            if old is not None:
                self._size -= len(old[1])
            self._data[key] = (time.monotonic(), body)
            self._size += len(body)
            while len(self._data) > self.entries or self._size > self.max_bytes:
                _k, (_t, dropped) = self._data.popitem(last=False)
                self._size -= len(dropped)
        return body


# --------------------------------------------------------------------------- service


class Service:
    """What the routes share: the store, the token, the upload settings, the cache."""

    def __init__(self, store: Store, *, token: str | None, max_upload_bytes: int, upload_dir: Path,
                 owns_store: bool, cache_ttl: float | None):
        self.store = store
        self.token = token or None
        self.max_upload_bytes = max_upload_bytes
        self.upload_dir = upload_dir
        self.owns_store = owns_store
        self.cache = AnswerCache(cache_ttl)
        self.cypher = CypherRunner(store, max_bytes=max_answer_bytes())
        self.write_lock = threading.Lock()
        self.keep_uploads = os.environ.get("LUOCDO_KEEP_UPLOADS", "").strip().lower() in ("1", "true", "yes")
        self._file_state: tuple | None = None
        self._page: str | None = None

    async def answer(self, name: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Response:
        """``fn(store, *args, **kwargs)`` as a JSON response, from the cache when it can."""
        key = (name, args, tuple(sorted(kwargs.items())))
        now = self.store.file_state()
        # another process (luocdo ingest) may write to a file served read-only
        if now is not None and now != self._file_state:
            if self._file_state is not None:
                self.cache.invalidate()
            self._file_state = now
        body = await self.cache.get(key, lambda: fn(self.store, *args, **kwargs))
        return Response(body, media_type="application/json")

    # -- token -------------------------------------------------------------

    def check_token(self, authorization: str | None) -> ApiError | None:
        """None when the request may upload, else the error to answer with."""
        if self.token is None:
            return ApiError(403, "uploads are disabled on this server: start it with LUOCDO_API_TOKEN set")
        challenge = {"WWW-Authenticate": "Bearer"}
        if not authorization:
            return ApiError(401, "missing bearer token (header 'Authorization: Bearer <token>')",
                            headers=challenge)
        scheme, _, value = authorization.strip().partition(" ")
        value = value.strip()
        if scheme.lower() != "bearer" or not value or " " in value:
            return ApiError(401, "malformed Authorization header: expected 'Bearer <token>'",
                            headers=challenge)
        if not hmac.compare_digest(value.encode(), self.token.encode()):
            return ApiError(403, "wrong bearer token")
        return None

    # -- viewer ------------------------------------------------------------

    def page(self) -> str:
        if self._page is None:
            try:
                from luocdo.viz.page import service_page
            except ImportError:
                return _PLACEHOLDER_PAGE
            self._page = service_page()
        return self._page

    # -- upload ------------------------------------------------------------

    @contextmanager
    def writer(self) -> Iterator[Store]:
        """The store to write an upload with: on a LadybugDB file served read-only, a writable open
        held only while the upload is applied (so ``luocdo ingest`` can write between uploads)."""
        st = self.store
        if st.dialect != "ladybug" or not st.read_only:
            yield st
            return
        from luocdo.graph.ladybug_store import LadybugStore

        try:
            assert st.path is not None  # a LadybugDB store always has its file
            w = LadybugStore(st.path)
        except StoreError as e:
            raise ApiError(503, f"the store cannot be written now: {e}; nothing was changed",
                           headers={"Retry-After": "5"}) from e
        try:
            yield w
        finally:
            w.close()

    def ingest_files(self, files: list[tuple[str, bytes]]) -> UploadResult:
        """Extract every file, then apply them all in one transaction, or nothing.

        This is :func:`luocdo.pipeline.ingest` made all-or-nothing (ingest
        applies the files that worked and lists the others).  Files are written
        to ``upload_dir/<sha256[:16]>/<name>``: the same bytes uploaded again
        are the same source (unchanged).  Once ingested they are removed unless
        ``LUOCDO_KEEP_UPLOADS=1`` keeps them (so that evidence points at a file
        that exists).  If any file cannot be read or extracted, the files this
        upload wrote are removed and the store is not touched; a file over a
        size limit (a decompression bomb) makes the answer 413.
        """
        from luocdo.graph.build import build_delta
        from luocdo.loaders.errors import LoadError, TooLarge
        from luocdo.loaders.extract import extract
        from luocdo.loaders.text import load
        from luocdo.pipeline import apply_indexed, source_id_of

        with self.write_lock:
            created: list[Path] = []
            failed: list[str] = []
            done: list[tuple[str, Any, Any, str, str]] = []  # name, record, delta, sha, source id
            seen: set[str] = set()
            wrote = False
            too_large = False
            try:
                for i, (raw_name, data) in enumerate(files):
                    name = _safe_name(raw_name, i)
                    sha = hashlib.sha256(data).hexdigest()
                    path = self.upload_dir / sha[:16] / name
                    if not path.exists():
                        path.parent.mkdir(parents=True, exist_ok=True)
                        tmp = path.with_name(f".{name}.part")
                        tmp.write_bytes(data)
                        os.replace(tmp, path)
                        created.append(path)
                    sid = source_id_of(path)
                    if sid in seen:
                        continue
                    seen.add(sid)
                    try:
                        text = load(path)
                        rec = extract(text, source=str(path))
                        delta = build_delta(rec, sid, str(path), text.sha256)
                    except LoadError as e:
                        failed.append(f"{name}: {e.problem}")
                        too_large = too_large or isinstance(e, TooLarge)
                        continue
                    except Exception as e:  # an extractor bug: name the file, change nothing
                        failed.append(f"{name}: extraction failed: {type(e).__name__}: {e}")
                        continue
                    done.append((name, rec, delta, sha, sid))
                if failed:
                    raise ApiError(413 if too_large else 422,
                                   f"{len(failed)} of {len(files)} file(s) could not be ingested"
                                   f"{' (over a size limit)' if too_large else ''}; nothing was changed",
                                   failed=failed)
                docs: list[UploadedDocument] = []
                deltas = []
                with self.writer() as store:  # the file's write lock from here to the commit only
                    for name, rec, delta, sha, sid in done:
                        before = store.source_hash(sid)
                        status: Literal["added", "replaced", "unchanged"]
                        status = "unchanged" if before == sha else ("replaced" if before else "added")
                        if status != "unchanged":
                            deltas.append(delta)
                        d = rec.document
                        docs.append(UploadedDocument(
                            file=name, status=status, key=delta.doc_key, url_key=url_key(delta.doc_key),
                            type=d.type, number=d.number, symbol=d.symbol, display=d.label, date=d.date,
                            title=d.title, issuer=d.issuer.name if d.issuer else None,
                            references=len(rec.references), derived=len(rec.derived),
                            assignments=len(rec.assignments), warnings=list(delta.warnings),
                        ))
                    if deltas:
                        try:
                            apply_indexed(store, deltas)
                        finally:
                            wrote = True
            except BaseException:
                _remove(created, self.upload_dir)
                raise
            finally:
                if wrote:
                    self.cache.invalidate()
            if not self.keep_uploads:  # ingested: the graph keeps the path and spans, not the file
                _remove(created, self.upload_dir)
            counts = {s: sum(1 for d in docs if d.status == s) for s in ("added", "replaced", "unchanged")}
            return UploadResult(documents=docs, stats=self.store.stats(), **counts)


def _safe_name(name: str | None, i: int) -> str:
    """The uploaded file's base name, without anything that could leave the folder."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1].strip().lstrip(".")
    base = "".join(c for c in base if c.isprintable() and c not in '<>:"|?*')[:200]
    return base or f"upload-{i}"


def _remove(paths: list[Path], root: Path) -> None:
    for p in paths:
        p.unlink(missing_ok=True)
        parent = p.parent
        if parent != root and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()


_PLACEHOLDER_PAGE = """<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>luocdo</title></head>
<body><h1>luocdo</h1>
<p>The graph viewer is not installed yet. The API is described at <a href="/docs">/docs</a>
(<a href="/openapi.json">openapi.json</a>).</p></body></html>
"""


# --------------------------------------------------------------------------- upload guard


class UploadGuard:
    """Checks the token and the size of ``POST /documents`` before the body is parsed.

    FastAPI parses a multipart body before any dependency runs, so both checks
    live here: a request without a valid token or over the limit is answered
    without the app ever seeing it.  The body is read (and dropped, up to
    twice the limit) so that the client gets the answer, not a reset
    connection.
    """

    def __init__(self, app: ASGIApp, service: Service):
        self.app = app
        self.service = service

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or scope["path"] != "/documents":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        limit = self.service.max_upload_bytes
        refusal = self.service.check_token(headers.get("authorization"))
        if refusal is None:
            declared = headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limit:
                refusal = self._too_large(int(declared))
        if refusal is not None:
            await _drain(receive, cap=limit * 2)
            await error_response(refusal.status, refusal.message, headers=refusal.headers)(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                if message.get("more_body", False):
                    await _drain(receive, cap=limit * 2)
                err = self._too_large(None)
                await error_response(err.status, err.message)(scope, receive, send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay():
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    def _too_large(self, size: int | None) -> ApiError:
        mb = self.service.max_upload_bytes / (1024 * 1024)
        got = f" ({size / (1024 * 1024):.1f} MB)" if size is not None else ""
        return ApiError(413, f"upload is over the {mb:g} MB limit{got}; nothing was changed "
                        "(the server's limit is LUOCDO_MAX_UPLOAD_MB)")


async def _drain(receive, cap: int) -> None:
    seen = 0
    while seen <= cap:
        message = await receive()
        if message["type"] != "http.request":
            return
        seen += len(message.get("body", b""))
        if not message.get("more_body", False):
            return


# --------------------------------------------------------------------------- routes


def service(request: Request) -> Service:
    return request.app.state.service


Svc = Annotated[Service, Depends(service)]
KeyPath = Annotated[str, PathParam(
    description='Document key in URL form: "/" written "~" (82~KH-UBND@2025@quang-ngai); '
                "percent-encode the rest. A name that is not a key is resolved as by /resolve.",
    min_length=1, max_length=300,
)]
OrgPath = Annotated[str, PathParam(description="Organization id, e.g. province:51", min_length=1, max_length=200)]
Depth = Annotated[int, Query(ge=1, le=MAX_DEPTH, description="How many hops to follow")]
bearer = HTTPBearer(auto_error=False, description="The server's LUOCDO_API_TOKEN")

router = APIRouter()


def _key(value: str) -> str:
    return from_url_key(value.strip())


@router.get("/healthz", response_model=Health, tags=["service"])
async def healthz(svc: Svc) -> Any:
    """Liveness and the store's counts (kept like every answer until the store changes)."""
    return await svc.answer("healthz", _health, svc.token is not None, svc.max_upload_bytes)


def _health(store: Store, uploads: bool, max_upload_bytes: int) -> Health:
    return Health(version=VERSION, dialect=store.dialect, uploads=uploads,
                  max_upload_mb=max_upload_bytes / (1024 * 1024), stats=store.stats())


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def index(svc: Svc) -> HTMLResponse:
    return HTMLResponse(svc.page())


@router.get("/resolve", response_model=DocRef, responses=_errors(404, 409), tags=["documents"])
async def resolve(svc: Svc, name: Annotated[str, Query(
    min_length=1, max_length=300, description="What a person typed: 82/KH-UBND 2025, 57-NQ/TW …",
    examples=["82/KH-UBND 2025"],
)]) -> Any:
    """Turn a name into one document; 404 (none fits) and 409 (several do) carry the candidates."""
    text = name.strip()
    if "~" in text and "/" not in text:
        text = from_url_key(text)
    return await svc.answer("resolve", Q.resolve, text)


@router.get("/documents", response_model=DocumentPage, responses=_errors(400), tags=["documents"])
async def list_documents(
    svc: Svc,
    q: Annotated[str | None, Query(max_length=300, description="Words of the number, title or issuer")] = None,
    type: Annotated[str | None, Query(max_length=20, description="KH, QĐ, NQ …")] = None,
    issuer: Annotated[str | None, Query(max_length=300)] = None,
    province: Annotated[str | None, Query(max_length=100)] = None,
    year: Annotated[int | None, Query(ge=1900, le=2200)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    cursor: Annotated[str | None, Query(max_length=100, description="next_cursor of the previous page")] = None,
) -> Any:
    """Search and filter documents, a page at a time (key order)."""
    return await svc.answer("documents", Q.list_documents, q=q, type=type, issuer=issuer, province=province,
                            year=year, limit=limit, cursor=cursor)


@router.get("/documents/{key}", response_model=Card, responses=_errors(404, 409), tags=["documents"])
async def document(svc: Svc, key: KeyPath) -> Any:
    """The document's card: identity, sources, edges in and out with evidence."""
    return await svc.answer("show", Q.show, _key(key))


@router.get("/documents/{key}/implementers", response_model=ImplementersResult,
            responses=_errors(400, 404, 409), tags=["queries"])
async def implementers(
    svc: Svc, key: KeyPath,
    transitive: Annotated[bool, Query(description="Follow IMPLEMENTS down the chain")] = False,
    depth: Depth = 5,
) -> Any:
    """What implements the document (directly, or down the chain)."""
    return await svc.answer("implementers", Q.implementers, _key(key), transitive=transitive, depth=depth)


@router.get("/documents/{key}/basis", response_model=BasisResult, responses=_errors(400, 404, 409),
            tags=["queries"])
async def basis(svc: Svc, key: KeyPath, depth: Depth = 10) -> Any:
    """What the document rests on, up to the Centre."""
    return await svc.answer("basis", Q.basis, _key(key), depth=depth)


@router.get("/documents/{key}/trace", response_model=TraceResult, responses=_errors(400, 404, 409),
            tags=["queries"])
async def trace(svc: Svc, key: KeyPath, depth: Depth = 8) -> Any:
    """The implementation tree under the document, with delays per level."""
    return await svc.answer("trace", Q.trace, _key(key), depth=depth)


@router.get("/documents/{key}/gaps", response_model=GapsResult, responses=_errors(400, 404, 409),
            tags=["queries"])
async def gaps(
    svc: Svc, key: KeyPath,
    scope: Annotated[GapScope | None, Query(
        description="Which units should have acted (default: chosen from the document)")] = None,
) -> Any:
    """Which units have a plan for the document, and which do not."""
    return await svc.answer("gaps", Q.gaps, _key(key), scope=scope)


@router.get("/organizations/{org_id}", response_model=OrgRef, responses=_errors(404), tags=["organizations"])
async def organization(svc: Svc, org_id: OrgPath) -> Any:
    return await svc.answer("organization", Q.organization, org_id.strip())


def _org_documents(store: Store, org_id: str) -> list[OrgDocument]:
    Q.organization(store, org_id)  # 404 for an id that does not exist
    return Q.organization_documents(store, org_id)


@router.get("/organizations/{org_id}/documents", response_model=list[OrgDocument], responses=_errors(404),
            tags=["organizations"])
async def organization_documents(svc: Svc, org_id: OrgPath) -> Any:
    """Documents issued by, addressed to or assigning tasks to the organization."""
    return await svc.answer("organization_documents", _org_documents, org_id.strip())


@router.get("/graph", response_model=Subgraph, responses=_errors(400, 404, 409), tags=["graph"])
async def graph(
    svc: Svc,
    center: Annotated[str, Query(min_length=1, max_length=300,
                                 description="Document key (URL or human form) or name, or organization id")],
    depth: Annotated[int, Query(ge=0, le=MAX_DEPTH)] = 2,
    relations: Annotated[str | None, Query(
        max_length=300, description=f"Comma-separated, of {', '.join(RELATIONS)} (default: all)",
        examples=["IMPLEMENTS,BASED_ON"])] = None,
    limit: Annotated[int, Query(ge=1, le=5000, description="Node cap")] = 2000,
) -> Any:
    """Nodes and edges around a document or organization, for the viewer."""
    rels = None
    if relations is not None and relations.strip():
        rels = tuple(sorted({r.strip().upper() for r in relations.split(",") if r.strip()}))
    return await svc.answer("graph", _subgraph, _key(center), depth, rels, limit)


def _subgraph(store: Store, center: str, depth: int, rels: tuple[str, ...] | None, limit: int) -> Subgraph:
    return Q.subgraph(store, center, depth=depth, relations=list(rels) if rels else None, limit=limit)


@router.post("/documents", response_model=UploadResult, responses=_errors(400, 401, 403, 413),
             tags=["documents"])
async def upload(
    svc: Svc,
    files: Annotated[list[UploadFile], File(description="One or more documents (txt, docx, pdf, images)")],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Security(bearer)] = None,
) -> Any:
    """Ingest uploaded documents (bearer token; all or nothing) and say what was extracted."""
    # UploadGuard has checked the token and the size already; this is for an
    # app mounted without it.
    refusal = svc.check_token(f"Bearer {credentials.credentials}" if credentials else None)
    if refusal is not None:
        raise refusal
    if not files:
        raise ApiError(400, "files: at least one file is needed")
    payload = [(f.filename or "", await f.read()) for f in files]
    return await run_in_threadpool(svc.ingest_files, payload)


def _one_line(e: BaseException) -> str:
    return " ".join(str(e).split())[:500]


# --------------------------------------------------------------------------- factory


def _env_float(name: str, default: float | None) -> float | None:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return float(raw)
    except ValueError:
        raise ValueError(f"{name} must be a number, not {raw!r}") from None


def _upload_dir(given: str | os.PathLike[str] | None, db: str | None, store: Store) -> Path:
    if given:
        return Path(given)
    env = os.environ.get("LUOCDO_UPLOAD_DIR")
    if env:
        return Path(env)
    if store.dialect == "ladybug":
        where = store.path or db or os.environ.get("LUOCDO_DB") or DEFAULT_DB
        if where not in ("", ":memory:"):
            return Path(f"{os.fspath(where).rstrip('/')}.uploads")
    return Path(tempfile.gettempdir()) / "luocdo-uploads"


def _open_for_serving(db: str | None, neo4j_uri: str | None) -> Store:
    """A LadybugDB file is served read-only (the engine itself refuses writes; uploads open a
    writer for their commit); a missing file is created empty first.  Neo4j is opened as given."""
    if neo4j_uri or os.environ.get("NEO4J_URI"):
        return open_store(db, neo4j_uri)
    path = db or os.environ.get("LUOCDO_DB") or DEFAULT_DB
    if path in ("", ":memory:"):
        return open_store(path)
    if not Path(path).exists():
        open_store(path).close()
    return open_store(path, read_only=True)


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
    limit_mb = max_upload_mb if max_upload_mb is not None else _env_float("LUOCDO_MAX_UPLOAD_MB", DEFAULT_MAX_UPLOAD_MB)
    if limit_mb is None or not limit_mb > 0:
        raise ValueError(f"the upload limit must be a positive number of MB, not {limit_mb!r}")
    owns = store is None
    if store is None:
        store = _open_for_serving(db, neo4j_uri)
    if cache_ttl == -1:
        cache_ttl = _env_float("LUOCDO_API_CACHE_TTL", None if store.dialect == "ladybug" else 0.0)
    svc = Service(
        store,
        token=token if token is not None else os.environ.get("LUOCDO_API_TOKEN"),
        max_upload_bytes=int(limit_mb * 1024 * 1024),
        upload_dir=_upload_dir(upload_dir, db, store),
        owns_store=owns,
        cache_ttl=cache_ttl,
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        svc.cypher.start()
        try:
            yield
        finally:
            svc.cypher.close()
            if svc.owns_store:
                svc.store.close()

    app = FastAPI(
        title="luocdo",
        version=VERSION,
        description="A knowledge graph of Vietnamese legal documents: who implements what, and who has not. "
                    'Keys go in paths in URL form ("/" written "~"); `/resolve` accepts what a person types. '
                    "Errors are `{\"error\": {\"status\", \"message\", \"candidates\"?}}`.",
        lifespan=lifespan,
    )
    app.state.service = svc
    _install_error_handlers(app)
    app.include_router(router)
    app.include_router(cypher_router)
    from luocdo.api.routes_dashboard import (
        install as install_ui,  # dashboard, reports, languages, /docs
    )

    install_ui(app)
    app.add_middleware(UploadGuard, service=svc)
    return app
