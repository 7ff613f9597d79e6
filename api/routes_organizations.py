"""Routes over organisations: one organisation and the documents it issued or received."""

from typing import Any

from fastapi import APIRouter

from luocdo import queries as Q
from luocdo.api.deps import OrgPath, Svc
from luocdo.api.errors import errors_doc as _errors
from luocdo.graph.store import Store
from luocdo.queries.models import OrgDocument, OrgRef

router = APIRouter()


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
