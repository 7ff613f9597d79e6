"""The facts luocdo extracts, as frozen (hashable) dataclasses.

These are exactly what ``luocdo extract --format jsonl`` prints: one
:class:`DocumentRecord` per input document.  Everything downstream (graph,
queries, viewer) is built from them and nothing else, so each fact carries
its provenance: the source file, a character span in the loaded text and the
sentence it came from.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Level = Literal["central", "ministry", "party", "province", "district", "department", "commune"]  # district: before July 2025
Relation = Literal["implements", "based_on", "cites", "reports_on", "amends", "repeals", "consolidates"]

RELATIONS: tuple[str, ...] = ("implements", "based_on", "cites", "reports_on", "amends", "repeals", "consolidates")

#: When one instrument is mentioned several times with different cues, the
#: strongest relation wins.  A plan that "thực hiện X" and later lists X among
#: the documents to disseminate still implements X.
RELATION_STRENGTH: dict[str, int] = {
    "consolidates": 7,
    "repeals": 6,
    "amends": 5,
    "implements": 4,
    "reports_on": 3,
    "based_on": 2,
    "cites": 1,
}


@dataclass(frozen=True, slots=True)
class Issuer:
    """The body that issued an instrument, as far as the text establishes it."""

    name: str
    level: Level
    province: str | None = None  # official province name from the registry, e.g. "Quảng Ngãi"
    locality: str | None = None  # commune-level unit name when the issuer is a commune
    id: str | None = None  # Organization id in the registry (graph.registry.Org.id)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Instrument:
    """A legal document or directive, cited or ingested.

    ``key`` is the canonical identity (see :mod:`luocdo.core.keys`).
    ``symbol`` is the part after the number ("KH-UBND", "NQ/TW", "2020/NĐ-CP"),
    written with Đ; ``type`` the official abbreviation (KH, QĐ, NQ, CV, Luật …).
    """

    key: str
    type: str
    number: str | None = None
    symbol: str | None = None
    date: str | None = None  # ISO YYYY-MM-DD
    year: int | None = None
    title: str | None = None
    issuer: Issuer | None = None

    def to_dict(self) -> dict[str, Any]:
        d = {
            "key": self.key,
            "type": self.type,
            "number": self.number,
            "symbol": self.symbol,
            "date": self.date,
            "year": self.year,
            "title": self.title,
            "issuer": self.issuer.to_dict() if self.issuer else None,
        }
        return d

    @property
    def label(self) -> str:
        """How people write it: "82/KH-UBND", "57-NQ/TW", or the title for laws."""
        return display_id(self.number, self.symbol) or (self.title or self.key)


def display_id(number: str | None, symbol: str | None) -> str | None:
    """Join number and symbol in the syntax the symbol belongs to."""
    if not symbol:
        return None
    if number is None:
        return f"/{symbol}"
    # Party syntax "57-NQ/TW": the symbol is stored as "NQ/TW" and joined by "-".
    if "/" in symbol and "-" not in symbol.split("/")[0] and not symbol[:4].isdigit():
        return f"{number}-{symbol}"
    return f"{number}/{symbol}"


@dataclass(frozen=True, slots=True)
class Mention:
    """Where an instrument is mentioned: a span of the loaded text and its sentence."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Reference:
    """This document's relation to one cited instrument, with every mention."""

    target: Instrument
    relation: Relation
    mentions: tuple[Mention, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "target": self.target.to_dict(),
            "relation": self.relation,
            "mentions": [m.to_dict() for m in self.mentions],
        }


@dataclass(frozen=True, slots=True)
class Derived:
    """An edge between two *cited* instruments, stated inside a citation.

    "Quyết định số 327/QĐ-UBND … ban hành Kế hoạch hành động thực hiện Nghị quyết
    số 71/NQ-CP" gives 327/QĐ-UBND implements 71/NQ-CP.
    """

    source: Instrument
    target: Instrument
    relation: Relation
    mentions: tuple[Mention, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source.to_dict(),
            "target": self.target.to_dict(),
            "relation": self.relation,
            "mentions": [m.to_dict() for m in self.mentions],
        }


@dataclass(frozen=True, slots=True)
class Alias:
    """The text proves two keys name one instrument: "Luật Đất đai số 45/2013/QH13"
    (the law's name and year, and its number), or a law's own text and its title."""

    alias: str
    key: str
    mention: Mention | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"alias": self.alias, "key": self.key, "mention": self.mention.to_dict() if self.mention else None}


@dataclass(frozen=True, slots=True)
class Assignment:
    """A task in a plan with its lead unit(s), coordinating units and time frame."""

    task: str
    lead: tuple[str, ...]
    coordinating: tuple[str, ...] = ()
    timeframe: str | None = None
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "task": self.task,
            "lead": list(self.lead),
            "coordinating": list(self.coordinating),
            "timeframe": self.timeframe,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True, slots=True)
class Recipient:
    """One unit a document is sent to (a line of "Nơi nhận", or "Kính gửi"), and why.

    ``purpose`` is "inform" when the line says the copy is only to be informed
    ("để b/c", "để báo cáo", "để biết", "để theo dõi", or under a "Để báo cáo:"
    heading), else "act".  ``start``/``end`` span the line in the loaded text.
    """

    name: str
    purpose: Literal["act", "inform"]
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Duty:
    """A unit's duty to file a plan or a report on this document by a day or every period.

    "Các cơ quan, đơn vị, địa phương báo cáo kết quả trước ngày 15/11/2025",
    "định kỳ 6 tháng báo cáo kết quả về Ban Thường vụ Tỉnh ủy", "Các sở, ban,
    ngành … xây dựng kế hoạch …, hoàn thành trước ngày 31/8/2025".  ``kind`` is
    "report" or "plan"; ``reporter`` the unit as written (a collective phrase
    too); ``to`` whom it goes to, as written; ``due`` the ISO day (None for a
    periodic duty); ``period`` "month" | "quarter" | "half-year" | "year".
    """

    kind: Literal["plan", "report"]
    reporter: str
    to: str | None
    timeframe: str
    due: str | None
    period: str | None
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Signer:
    name: str | None
    title: str | None
    capacity: str | None  # TM. / KT. / Q. / TL. / TUQ. or None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class DocumentRecord:
    """Everything extracted from one document."""

    source: str
    document: Instrument
    place: str | None = None
    signer: Signer | None = None
    recipients: tuple[str, ...] = ()
    references: tuple[Reference, ...] = ()
    derived: tuple[Derived, ...] = ()
    assignments: tuple[Assignment, ...] = ()
    warnings: tuple[str, ...] = ()
    content_hash: str | None = None
    #: Lower bound on an undated document's date: the latest date it cites.
    date_not_before: str | None = None
    aliases: tuple[Alias, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    #: ``recipients`` with the purpose of each and where it is written
    addressed: tuple[Recipient, ...] = ()
    #: duties to file a plan or a report, with their deadlines
    duties: tuple[Duty, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        doc = self.document.to_dict()
        doc["place"] = self.place
        doc["signer"] = self.signer.to_dict() if self.signer else None
        doc["recipients"] = list(self.recipients)
        doc["date_not_before"] = self.date_not_before
        if self.extra.get("title_restored"):
            doc["title_restored"] = self.extra["title_restored"]  # marks restored from an OCR'd title
        out = {
            "source": self.source,
            "content_hash": self.content_hash,
            "document": doc,
            "references": [r.to_dict() for r in self.references],
            "derived": [d.to_dict() for d in self.derived],
            "assignments": [a.to_dict() for a in self.assignments],
            "warnings": list(self.warnings),
        }
        if self.aliases:
            out["aliases"] = [a.to_dict() for a in self.aliases]
        if self.addressed:
            out["addressed"] = [r.to_dict() for r in self.addressed]
        if self.duties:
            out["duties"] = [d.to_dict() for d in self.duties]
        return out
