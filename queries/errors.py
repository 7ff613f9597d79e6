"""Errors the queries raise, each with the HTTP status the API answers with.

The CLI prints the message on one line (and the candidates of an
:class:`Ambiguous`); the API returns ``{"error": message, "candidates": [...]}``
with ``status``, datasette-style.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from luocdo.queries.models import DocRef


class QueryError(Exception):
    """A query could not answer; ``message`` says why, ``status`` is the HTTP status."""

    status: int = 400

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status

    def __str__(self) -> str:
        return self.message


class NotFound(QueryError):
    """Nothing in the graph fits the name; ``candidates`` are near misses (may be empty)."""

    status = 404

    def __init__(self, name: str, candidates: Sequence[DocRef] = (), message: str | None = None) -> None:
        self.name = name
        self.candidates: list[DocRef] = list(candidates)
        if message is None:
            message = f"no document matches {name!r}"
            if self.candidates:
                message += f"; did you mean {', '.join(c.label() for c in self.candidates[:5])}?"
        super().__init__(message)


class Ambiguous(QueryError):
    """Several documents fit the name equally well: the caller must choose."""

    status = 409

    def __init__(self, name: str, candidates: Sequence[DocRef]) -> None:
        self.name = name
        self.candidates: list[DocRef] = list(candidates)
        super().__init__(
            f"{name!r} fits {len(self.candidates)} documents; name one by its key: "
            + "; ".join(c.label() for c in self.candidates)
        )


class BadParameter(QueryError):
    """A parameter is out of range or malformed; the message names it."""

    status = 400


class WriteRefused(QueryError):
    """A query that writes was sent without permission to write."""

    status = 403
