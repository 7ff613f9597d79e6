"""Typed results of every query (pydantic v2), returned as they are by the API.

Field names and shapes are the contract in docs/CONTRACTS.md; the CLI prints
them as tables and ``model_dump_json`` gives the --json form.
"""

from __future__ import annotations

from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class DocRef(_Model):
    """A document as the graph knows it (ingested, or only cited by others)."""

    key: str
    url_key: str
    display: str
    type: str | None = None
    kind: str | None = None
    number: str | None = None
    symbol: str | None = None
    date: str | None = None
    year: int | None = None
    title: str | None = None
    issuer: str | None = None
    issuer_id: str | None = None
    level: str | None = None
    province: str | None = None
    ingested: bool = False
    #: For undated documents: the latest date they cite (a lower bound on their date).
    date_not_before: str | None = None

    def label(self) -> str:
        """One line for people: number, date, issuer and key."""
        when = self.date or (str(self.year) if self.year else "undated")
        who = f", {self.issuer}" if self.issuer else ""
        return f"{self.display} ({when}{who}) [{self.key}]"


class OrgRef(_Model):
    id: str
    name: str
    level: str | None = None
    kind: str | None = None
    province: str | None = None
    province_code: str | None = None
    code: str | None = None


class Evidence(_Model):
    """Where an edge is stated: the document whose text says it, the span and the sentence."""

    doc: str | None = None
    file: str | None = None
    start: int | None = None
    end: int | None = None
    sentence: str | None = None
    derived: bool = False
    flag: str | None = None  # why the edge is not drawn as stated ("based_on a document issued after it …")


class ImplRow(_Model):
    doc: DocRef
    depth: int
    chain: list[str]  # keys target → … → doc
    via: str | None = None  # the document it implements directly, when depth > 1
    days: int | None = None  # days from the target's date to doc's date
    evidence: Evidence | None = None
    #: How the document is tied to the one above it: IMPLEMENTS ("Thực hiện") or BASED_ON ("Căn cứ").
    relation: str = "IMPLEMENTS"


class ImplementersResult(_Model):
    target: DocRef
    transitive: bool
    rows: list[ImplRow]


class BasisRow(_Model):
    doc: DocRef
    relation: str  # IMPLEMENTS | BASED_ON: how the document below it rests on it
    depth: int
    chain: list[str]  # keys start → … → doc
    evidence: Evidence | None = None


class BasisResult(_Model):
    doc: DocRef
    rows: list[BasisRow]


class TraceNode(_Model):
    doc: DocRef
    parent: str | None
    depth: int
    level: str | None = None
    days_from_parent: int | None = None
    days_from_root: int | None = None
    #: How the document is tied to its parent (IMPLEMENTS or BASED_ON); None for the root.
    relation: str | None = None


class TraceResult(_Model):
    root: DocRef
    nodes: list[TraceNode]
    median_delay_by_level: dict[str, float | None]
    citing_only: list[DocRef]


GapStatus = Literal["has_plan", "reported_only", "possible", "no_plan"]
GAP_STATUSES: tuple[str, ...] = ("has_plan", "reported_only", "possible", "no_plan")


class GapUnit(_Model):
    org: OrgRef
    status: GapStatus
    documents: list[DocRef]
    candidate: DocRef | None = None
    reason: str | None = None
    #: document key → how it is tied to X: IMPLEMENTS, BASED_ON or REPORTS_ON when it
    #: points at X itself, CHAIN when it does so through a plan for X.
    relations: dict[str, str] = {}


#: Which units a gaps question expects a plan from (queries/gaps.py says how each is found).
GapScope = Literal["recipients", "province", "national"]
GAP_SCOPES: tuple[str, ...] = get_args(GapScope)


class GapsResult(_Model):
    target: DocRef
    scope: str
    units: list[GapUnit]
    counts: dict[str, int]


class UnitDeadline(_Model):
    """A unit's days under X: its plan (late when issued after ``plan_due``) and its report
    (missing when ``report_due`` has passed with none, late when it came after)."""

    org_id: str
    plan_due: str | None = None
    plan_duty: str | None = None  # the words of the duty, as X states it
    plan_evidence: Evidence | None = None  # where X sets plan_due: file, span, the sentence
    first_plan: DocRef | None = None
    days_late: int | None = None  # days the first plan came after plan_due; None when on time or unknown
    report_due: str | None = None
    report_duty: str | None = None
    report_evidence: Evidence | None = None
    reports: list[DocRef] = []
    report_missing: bool = False  # report_due has passed (on as_of) and no report is in the graph
    report_days_late: int | None = None  # days the first report came after report_due


class DeadlinesResult(_Model):
    """Late plans and missing reports of a gaps answer's units (queries/deadlines.py)."""

    target: DocRef
    as_of: str
    units: list[UnitDeadline]
    counts: dict[str, int]


class EdgeView(_Model):
    relation: str
    other: DocRef
    evidence: Evidence | None = None


class OrgEdge(_Model):
    relation: str
    org: OrgRef
    role: str | None = None
    task: str | None = None
    raw: str | None = None


#: What a document's standing is, as far as the graph knows (queries/show.py: standing).
StandingStatus = Literal["in_force", "amended", "repealed"]
#: How a later document acts on it: amends, repeals wholly or in part, replaces, consolidates.
StandingHow = Literal["amends", "repeals", "repeals_in_part", "replaces", "consolidates"]


class StandingAct(_Model):
    how: StandingHow
    relation: str  # the graph's edge: AMENDS, REPEALS or CONSOLIDATES
    doc: DocRef  # the document that acts on this one
    evidence: Evidence | None = None


class Standing(_Model):
    """In force, amended or repealed, and by what: read from the AMENDS, REPEALS and CONSOLIDATES
    edges that reach the document.  "in_force" only says the graph knows of nothing that ended it."""

    status: StandingStatus
    by: list[StandingAct] = []


class Card(_Model):
    """``outgoing``/``incoming``: edges the documents' own texts state;
    ``derived_*``: edges a third document states inside a citation ("Quyết định
    X ban hành Kế hoạch thực hiện Nghị quyết Y"), kept apart.  ``aliases``: the
    other keys this instrument is cited under (merged into this node);
    ``candidates``: for a reference that fits several instruments (a law named
    without its year), the keys it may designate."""

    doc: DocRef
    sources: list[str]
    conflicts: dict[str, list]
    outgoing: list[EdgeView]
    incoming: list[EdgeView]
    organizations: list[OrgEdge]
    derived_outgoing: list[EdgeView] = []
    derived_incoming: list[EdgeView] = []
    aliases: list[str] = []
    candidates: list[str] = []
    standing: Standing | None = None


class SearchHit(_Model):
    kind: Literal["document", "organization"]
    id: str
    label: str
    score: float
    doc: DocRef | None = None
    org: OrgRef | None = None


class DocumentPage(_Model):
    items: list[DocRef]
    next_cursor: str | None = None


class OrgDocument(_Model):
    relation: str
    role: str | None = None
    doc: DocRef


class CypherResult(_Model):
    columns: list[str]
    rows: list[list[Any]]
    truncated: bool
    #: What cut the answer: "rows" (the row limit), "bytes" (the size limit) or "time" (the time limit).
    truncated_by: Literal["rows", "bytes", "time"] | None = None


class GraphNode(_Model):
    id: str
    label: str
    group: Literal["document", "organization"]
    kind: str | None = None
    level: str | None = None
    type: str | None = None
    date: str | None = None
    issuer: str | None = None
    title: str | None = None
    ingested: bool = False


class GraphEdge(_Model):
    source: str
    target: str
    relation: str
    evidence: Evidence | None = None


class Subgraph(_Model):
    center: str
    nodes: list[GraphNode]
    edges: list[GraphEdge]
