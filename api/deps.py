"""What the routes take: the service, and the shape of keys, organisation ids and depths in paths."""

from typing import Annotated

from fastapi import Depends, Query, Request
from fastapi import Path as PathParam
from fastapi.security import HTTPBearer

from luocdo.api.service import Service
from luocdo.core.keys import from_url_key
from luocdo.queries.common import MAX_DEPTH


async def service(request: Request) -> Service:
    """Async, so that FastAPI does not hand every request to a thread just to read an attribute."""
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


def key_of(value: str) -> str:
    return from_url_key(value.strip())
