"""What the stages of the extractor hand one another (loaders.extract).

Each stage reads the ones before it and adds one thing: the page read, what it
cites, the document's own identity, the cited instruments, the edges.  Frozen,
so a later stage cannot change what an earlier one found.
"""

from __future__ import annotations

from dataclasses import dataclass

from luocdo.core.model import Alias, Derived, Instrument, Reference
from luocdo.loaders.citations import Citation
from luocdo.loaders.header import Header
from luocdo.loaders.laws import LawCitation
from luocdo.loaders.relations import Classified


@dataclass(frozen=True, slots=True)
class Page:
    """The text (NFC), the same text folded (same offsets), and its header."""

    text: str
    folded: str
    header: Header


@dataclass(frozen=True, slots=True)
class Found:
    """What the text cites: numbered citations (its own number left out) and laws named alone."""

    citations: tuple[Citation, ...]
    laws: tuple[LawCitation, ...]
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Identity:
    """The document's own type, date and year, stated or inferred (the warnings say which)."""

    type: str
    date: str | None
    year: int | None
    date_not_before: str | None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Cited:
    """For each citation, in text order: its relation and the instrument it names."""

    classified: tuple[Classified, ...]
    instruments: tuple[Instrument, ...]
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Edges:
    """The document's references (one per instrument), derived edges and aliases."""

    references: tuple[Reference, ...]
    derived: tuple[Derived, ...]
    aliases: tuple[Alias, ...]
