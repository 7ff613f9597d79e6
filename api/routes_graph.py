"""The graph route: the neighbourhood of a document, for the viewer."""

from typing import Annotated, Any

from fastapi import APIRouter, Query

from luocdo import queries as Q
from luocdo.api.deps import Svc
from luocdo.api.deps import key_of as _key
from luocdo.api.errors import errors_doc as _errors
from luocdo.graph.schema import DOC_REL_LABELS, ORG_ORG_RELS, ORG_RELS
from luocdo.graph.store import Store
from luocdo.queries.common import MAX_DEPTH
from luocdo.queries.models import Subgraph

RELATIONS = (*DOC_REL_LABELS, *ORG_RELS, *ORG_ORG_RELS)


router = APIRouter()


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
