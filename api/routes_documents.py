"""Routes over documents: health, the page, name resolution, the list, a card and its questions."""

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse

from luocdo import queries as Q
from luocdo.api.deps import Depth, KeyPath, Svc
from luocdo.api.deps import key_of as _key
from luocdo.api.errors import errors_doc as _errors
from luocdo.api.models import Health
from luocdo.core.keys import from_url_key
from luocdo.graph.store import Store
from luocdo.queries.models import (
    BasisResult,
    Card,
    DocRef,
    DocumentPage,
    GapScope,
    GapsResult,
    ImplementersResult,
    TraceResult,
)

VERSION = "0.1.0"


router = APIRouter()


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
