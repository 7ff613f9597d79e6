"""Dates as the graph stores them: ISO strings ("2025-04-17"), read back in one way.

Text dates ("ngày 17 tháng 4 năm 2025", "17/4/2025") are read by the extractor
(loaders/patterns.py); once stored, every layer reads them through here.
"""

from __future__ import annotations

import re
from datetime import date

_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def iso_date(value: str | None) -> date | None:
    """The date of a stored value ("2025-04-17", or a timestamp starting so); None otherwise."""
    if not value or not _ISO.match(value):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def days_between(a: str | None, b: str | None) -> int | None:
    """Days from stored date ``a`` to stored date ``b`` (None when either is unknown)."""
    da, db = iso_date(a), iso_date(b)
    if da is None or db is None:
        return None
    return (db - da).days
