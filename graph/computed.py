"""Columns the store computes from others, and how a file written before one existed gets it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from luocdo.core.subjects import subject

Run = Callable[..., list[dict[str, Any]]]


def fill_subjects(run: Run, batch: int = 5000) -> None:
    """``Document.subject`` of every document with a title, from the title (``run(query, params)``
    on a writable connection); the write path (``cypher_store.node_props``) keeps it from then on."""
    rows = run("MATCH (d:Document) WHERE d.title IS NOT NULL RETURN d.key AS k, d.title AS t")
    for i in range(0, len(rows), batch):
        part = [{"k": r["k"], "s": subject(r["t"])} for r in rows[i : i + batch]]
        run("UNWIND $rows AS r MATCH (d:Document {key: r.k}) SET d.subject = r.s", {"rows": part})
