"""Questions legal staff ask the graph, as typed Python functions over named Cypher.

Every function takes a store (``luocdo.graph.store.open_store``) and, where a
document is meant, anything :func:`resolve` accepts: a canonical key or what
people type ("NQ 57", "82/KH-UBND Quảng Ngãi").  Results are pydantic models
(:mod:`luocdo.queries.models`); errors carry an HTTP status
(:mod:`luocdo.queries.errors`).  The Cypher is in ``queries/cypher/``.
"""

from luocdo.queries.basis import basis
from luocdo.queries.cypher_run import run_cypher
from luocdo.queries.errors import Ambiguous, BadParameter, NotFound, QueryError, WriteRefused
from luocdo.queries.gaps import gaps
from luocdo.queries.implements import implementers, trace
from luocdo.queries.models import (
    BasisResult,
    BasisRow,
    Card,
    CypherResult,
    DocRef,
    DocumentPage,
    EdgeView,
    Evidence,
    GapsResult,
    GapUnit,
    GraphEdge,
    GraphNode,
    ImplementersResult,
    ImplRow,
    OrgDocument,
    OrgEdge,
    OrgRef,
    SearchHit,
    Subgraph,
    TraceNode,
    TraceResult,
)
from luocdo.queries.resolve import candidates, resolve
from luocdo.queries.search import list_documents, search
from luocdo.queries.show import organization, organization_documents, show
from luocdo.queries.subgraph import subgraph

__all__ = [
    "Ambiguous",
    "BadParameter",
    "BasisResult",
    "BasisRow",
    "Card",
    "CypherResult",
    "DocRef",
    "DocumentPage",
    "EdgeView",
    "Evidence",
    "GapUnit",
    "GapsResult",
    "GraphEdge",
    "GraphNode",
    "ImplRow",
    "ImplementersResult",
    "NotFound",
    "OrgDocument",
    "OrgEdge",
    "OrgRef",
    "QueryError",
    "SearchHit",
    "Subgraph",
    "TraceNode",
    "TraceResult",
    "WriteRefused",
    "basis",
    "candidates",
    "gaps",
    "implementers",
    "list_documents",
    "organization",
    "organization_documents",
    "resolve",
    "run_cypher",
    "search",
    "show",
    "subgraph",
    "trace",
]
