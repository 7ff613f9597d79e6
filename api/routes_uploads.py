"""The upload route (the guard in :mod:`luocdo.api.uploads` has checked token and size)."""

from typing import Annotated, Any

from fastapi import APIRouter, File, Security, UploadFile
from fastapi.security import HTTPAuthorizationCredentials
from starlette.concurrency import run_in_threadpool

from luocdo.api.deps import Svc, bearer
from luocdo.api.errors import ApiError
from luocdo.api.errors import errors_doc as _errors
from luocdo.api.models import UploadResult

router = APIRouter()


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
