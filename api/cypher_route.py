"""``POST /cypher``: a client's own read-only Cypher, bounded in rows, bytes, time and memory.

The query is checked (:func:`luocdo.graph.cypher_dialect.check_read_only`),
then run by the engine on a store opened read-only, so that the engine
itself refuses any write the check missed.  The answer is cut at the row
limit, at ``LUOCDO_CYPHER_MAX_MB`` of JSON, or when the time runs out while it
is being built (``truncated`` and ``truncated_by`` say so).  A query the
engine stops at the time limit answers 504, one that runs out of memory or
finds the service full 503, both with Retry-After; a query that cannot be
parsed 400 with the engine's message; a write 403.
"""

from __future__ import annotations

import hmac
from typing import Annotated, Any

from fastapi import APIRouter, Body, Request, Response

from luocdo.api.cypher_pool import CypherRunner
from luocdo.api.limits import TooMany
from luocdo.api.models import CYPHER_MAX_ROWS, CYPHER_MAX_TIMEOUT_S, CypherRequest, ErrorResponse
from luocdo.queries.cypher_run import QueryTimedOut
from luocdo.queries.errors import QueryError, WriteRefused
from luocdo.queries.models import CypherResult

#: JSON bytes of one answer's rows, by default (``LUOCDO_CYPHER_MAX_MB``).

router = APIRouter()


def max_answer_bytes() -> int:
    """The largest answer /cypher sends (``LUOCDO_CYPHER_MAX_MB``, 16 by default)."""
    from luocdo.api.settings import load

    return load().cypher_max_bytes


_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorResponse, "description": "The query cannot be parsed or failed in the engine"},
    401: {"model": ErrorResponse, "description": "LUOCDO_CYPHER_TOKEN is set and no bearer token was sent"},
    403: {"model": ErrorResponse, "description": "The query writes, or calls a procedure outside the allow-list"},
    429: {"model": ErrorResponse, "description": "Too many queries from this client; see Retry-After"},
    503: {"model": ErrorResponse, "description": "Out of memory or the service is full; see Retry-After"},
    504: {"model": ErrorResponse, "description": "The query ran past its time limit"},
    422: {"model": ErrorResponse, "description": "Invalid parameters"},
}


@router.post("/cypher", response_model=CypherResult, responses=_ERRORS, tags=["graph"])
async def cypher(request: Request, body: Annotated[CypherRequest, Body()]) -> Any:
    """Read-only Cypher with parameters: writes are refused (403); rows, bytes, time and memory are capped,
    and so are the queries per client (429)."""
    from luocdo.api.errors import ApiError

    svc = request.app.state.service
    runner: CypherRunner = svc.cypher
    if runner.token is not None:
        _check_token(request.headers.get("authorization"), runner.token, ApiError)
    limit = min(body.limit, CYPHER_MAX_ROWS)
    timeout = min(body.timeout_s, CYPHER_MAX_TIMEOUT_S)
    client = request.client.host if request.client else "?"
    try:
        answer = await runner.run(client, body.query, body.params, limit=limit, timeout_s=timeout)
    except TooMany as e:
        raise ApiError(429, e.message, headers={"Retry-After": str(e.retry_after)}) from e
    except WriteRefused as e:
        raise ApiError(403, f"/cypher is read-only: {e.message.split(';')[0]}; nothing was run") from e
    except QueryTimedOut as e:
        raise ApiError(504, e.message, headers={"Retry-After": "10"}) from e
    except QueryError as e:
        headers = {"Retry-After": "5"} if e.status == 503 else None
        raise ApiError(e.status, e.message, headers=headers) from e
    return Response(answer, media_type="application/json")


def _check_token(authorization: str | None, token: str, error: Any) -> None:
    challenge = {"WWW-Authenticate": "Bearer"}
    if not authorization:
        raise error(401, "/cypher needs a bearer token on this server (header 'Authorization: Bearer <token>')",
                    headers=challenge)
    scheme, _, value = authorization.strip().partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        raise error(401, "malformed Authorization header: expected 'Bearer <token>'", headers=challenge)
    if not hmac.compare_digest(value.strip().encode(), token.encode()):
        raise error(403, "wrong bearer token for /cypher")
