"""Response and request models that only the HTTP API has.

Everything a query returns is a model of :mod:`luocdo.queries.models` and
goes out as it is; this module adds the envelope for errors, the health
check, the /cypher request and what an upload extracted, so that every
answer of the service is described in its OpenAPI schema.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from luocdo.queries.models import DocRef

#: Hard caps of POST /cypher, whatever the client asks for.
CYPHER_MAX_ROWS = 10_000
CYPHER_MAX_TIMEOUT_S = 30.0


class ErrorDetail(BaseModel):
    """What went wrong; ``candidates`` when a name did not resolve or was ambiguous."""

    status: int = Field(description="The HTTP status, repeated for clients that lose it")
    message: str
    candidates: list[DocRef] | None = Field(
        default=None, description="Documents the name might have meant (404 and 409)"
    )
    failed: list[str] | None = Field(
        default=None, description="Upload: one line per file that could not be read or extracted"
    )
    errors: list[dict[str, Any]] | None = Field(
        default=None, description="Validation: the parameters that were refused and why (422)"
    )


class ErrorResponse(BaseModel):
    error: ErrorDetail


class Health(BaseModel):
    status: Literal["ok"] = "ok"
    version: str
    dialect: str = Field(description='"ladybug" or "neo4j"')
    uploads: bool = Field(description="Whether POST /documents is enabled (a token is configured)")
    max_upload_mb: float
    stats: dict[str, int] = Field(description="Counts of documents, organizations, edges, sources")


class CypherRequest(BaseModel):
    """A read-only query; writes are refused with 403."""

    model_config = ConfigDict(extra="forbid")

    query: str = Field(min_length=1, max_length=20_000, examples=["MATCH (d:Document) RETURN d.key LIMIT 5"])
    params: dict[str, Any] = Field(default_factory=dict, description="Query parameters ($name)")
    limit: int = Field(default=1000, ge=1, le=CYPHER_MAX_ROWS, description="Row cap")
    timeout_s: float = Field(default=10.0, gt=0, le=CYPHER_MAX_TIMEOUT_S, description="Time cap in seconds")


class UploadedDocument(BaseModel):
    """What one uploaded file turned out to be."""

    file: str = Field(description="The file name as uploaded")
    status: Literal["added", "replaced", "unchanged"]
    key: str
    url_key: str
    type: str | None
    number: str | None
    symbol: str | None
    display: str | None
    date: str | None
    title: str | None
    issuer: str | None
    references: int = Field(description="Instruments the text cites")
    derived: int = Field(description="Relations stated inside citations")
    assignments: int
    warnings: list[str]


class UploadResult(BaseModel):
    documents: list[UploadedDocument]
    added: int
    replaced: int
    unchanged: int
    stats: dict[str, int] = Field(description="Store counts after the upload")
