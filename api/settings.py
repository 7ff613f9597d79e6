"""The service's settings, read from the environment in one place.

Each field is one ``LUOCDO_*`` variable (``NEO4J_URI`` for the Neo4j
address); an unset or blank variable takes the default.  Settings are read
when an app is made (:func:`load`), so a variable changed between two apps
is seen by the second.  A bad value is a ``ValueError`` naming the variable,
what it must be and what it was.
"""

from __future__ import annotations

import os
from typing import Any

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_MAX_UPLOAD_MB = 20.0
DEFAULT_CYPHER_MAX_MB = 16.0

#: What a value must look like, by the kind of field (for the error message).
_MUST = {
    "whole": "a whole number of at least {low}",
    "positive": "a positive number",
    "number": "a number",
    "switch": "one of 1, true, yes, 0, false, no",
}


def _whole(low: int) -> Any:
    return Field(default=None, ge=low, json_schema_extra={"must": _MUST["whole"].format(low=low)})


class ApiSettings(BaseSettings):
    """Every variable the service reads; None means "not set: the default that depends on the store"."""

    model_config = SettingsConfigDict(env_prefix="LUOCDO_", env_ignore_empty=True, extra="ignore",
                                      case_sensitive=True, populate_by_name=True)

    API_TOKEN: str | None = None  # bearer token for uploads; without one, uploads are off
    MAX_UPLOAD_MB: float = Field(default=DEFAULT_MAX_UPLOAD_MB, gt=0, json_schema_extra={"must": _MUST["positive"]})
    UPLOAD_DIR: str | None = None  # where uploaded files are kept (else beside the store)
    KEEP_UPLOADS: bool = Field(default=False, json_schema_extra={"must": _MUST["switch"]})
    API_CACHE_TTL: float | None = Field(default=None, json_schema_extra={"must": _MUST["number"]})
    API_QUERY_SLOTS: int | None = _whole(1)  # queries at once (twice the cores, at least 2)
    CYPHER_MAX_MB: float = Field(default=DEFAULT_CYPHER_MAX_MB, gt=0, json_schema_extra={"must": _MUST["positive"]})
    CYPHER_TOKEN: str | None = None
    CYPHER_SLOTS: int | None = _whole(1)  # worker processes (half the cores, at least 1)
    CYPHER_QUEUE: int | None = _whole(0)  # queries waiting (four per slot)
    CYPHER_PER_CLIENT: int = Field(default=2, ge=1, json_schema_extra={"must": _MUST["whole"].format(low=1)})
    CYPHER_PER_MINUTE: int = Field(default=60, ge=1, json_schema_extra={"must": _MUST["whole"].format(low=1)})
    CYPHER_BUFFER_POOL_MB: int = Field(default=256, ge=64, json_schema_extra={"must": _MUST["whole"].format(low=64)})
    CYPHER_NICE: int = Field(default=10, ge=0, le=19,  # the query workers' CPU priority (higher: lower)
                             json_schema_extra={"must": "a whole number from 0 to 19"})
    DB: str | None = None
    NEO4J_URI: str | None = Field(default=None, validation_alias="NEO4J_URI")

    @field_validator("*", mode="before")
    @classmethod
    def _strip(cls, value: Any) -> Any:
        return value.strip() if isinstance(value, str) else value

    @field_validator("API_QUERY_SLOTS", "CYPHER_SLOTS", "CYPHER_QUEUE", "CYPHER_PER_CLIENT",
                     "CYPHER_PER_MINUTE", "CYPHER_BUFFER_POOL_MB", "CYPHER_NICE", mode="before")
    @classmethod
    def _digits(cls, value: Any) -> Any:
        """Whole numbers are written in digits only ("2.0" and "+2" are refused, as before)."""
        if isinstance(value, str) and not value.isdigit():
            raise ValueError("not a whole number")
        return value

    @property
    def query_slots(self) -> int:
        return self.API_QUERY_SLOTS or max(2, 2 * (os.cpu_count() or 1))

    @property
    def cypher_slots(self) -> int:
        return self.CYPHER_SLOTS or max(1, (os.cpu_count() or 2) // 2)

    @property
    def cypher_queue(self) -> int:
        return 4 * self.cypher_slots if self.CYPHER_QUEUE is None else self.CYPHER_QUEUE

    @property
    def cypher_max_bytes(self) -> int:
        return int(self.CYPHER_MAX_MB * 1024 * 1024)


def _variable(field: str) -> str:
    return "NEO4J_URI" if field == "NEO4J_URI" else f"LUOCDO_{field}"


def load() -> ApiSettings:
    """The settings as the environment has them now; a bad value names its variable."""
    try:
        return ApiSettings()
    except ValidationError as e:
        problems = []
        for error in e.errors():
            field = str(error["loc"][0]) if error["loc"] else "?"
            info = ApiSettings.model_fields.get(field)
            extra = info.json_schema_extra if info is not None and isinstance(info.json_schema_extra, dict) else {}
            must = extra.get("must", error["msg"])
            raw = os.environ.get(_variable(field), "").strip()
            problems.append(f"{_variable(field)} must be {must}, not {raw!r}")
        raise ValueError("; ".join(problems)) from None
