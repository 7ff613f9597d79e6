"""Errors that carry their HTTP status, and the handlers that answer every failure as
``{"error": {"status", "message", "candidates"?}}`` (datasette style)."""

from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from luocdo.api.models import ErrorDetail, ErrorResponse
from luocdo.graph.store import QueryTimeout, ReadOnlyViolation, StoreError, StoreOverloaded
from luocdo.queries.errors import QueryError


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


def errors_doc(*statuses: int) -> dict[int | str, dict[str, Any]]:
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


def install_error_handlers(app: FastAPI) -> None:
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

    @app.exception_handler(StoreError)
    @app.exception_handler(MemoryError)
    @app.exception_handler(Exception)
    async def engine_error(_request: Request, exc: Exception) -> JSONResponse:
        """An engine out of memory is 503 with Retry-After (it may pass); anything else a 500."""
        if isinstance(exc, MemoryError) or "bad_alloc" in str(exc) or "out of memory" in str(exc).lower():
            return error_response(503, f"the server ran out of memory for this request ({type(exc).__name__}); "
                                  "retry later", headers={"Retry-After": "10"})
        return error_response(500, f"internal error: {type(exc).__name__}: {exc}")
