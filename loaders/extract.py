"""The extractor: text → :class:`~luocdo.core.model.DocumentRecord`.

:func:`extract_text` is a short sequence of stages, each a function of what
the ones before found (the frozen records of loaders.stages):

1. read the page: NFC, fold, header (loaders.header);
2. who wrote it, where (loaders.context);
3. what it cites: numbered citations and laws by name (loaders.citations, loaders.laws);
4. its own type, date and year (here);
5. each citation's relation and instrument (loaders.relations, loaders.instruments);
6. its own instrument and key (here);
7. references, derived edges and aliases, with their evidence (loaders.edges);
8. the record, with signature, recipients and assignments (loaders.assignments).
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import unicodedata

from luocdo.core import keys as K
from luocdo.core.fold import fold, slug
from luocdo.core.former_units import DEPARTMENTS_MERGED
from luocdo.core.model import DocumentRecord, Instrument, Issuer, Signer
from luocdo.core.registry import registry
from luocdo.loaders import patterns as P
from luocdo.loaders.as_then import as_it_then_was, before_reorganisation, cited_as_it_then_was
from luocdo.loaders.assignments import find_assignments
from luocdo.loaders.breaks import sentence_cuts_closed
from luocdo.loaders.citations import find_citations
from luocdo.loaders.context import (
    Context,
    body_issuer,
    is_council,
    issuer_of,
    level_of_name,
    resolve_context,
    unlisted_commune_scope,
)
from luocdo.loaders.duties import notices
from luocdo.loaders.edges import draw_edges
from luocdo.loaders.header import Header, parse_header, place_date
from luocdo.loaders.instruments import (
    citation_issuer,
    date_before,
    inside,
    instrument,
    local_body,
    pair_names,
    same_instrument_again,
    shared_issuers,
    unify_years,
)
from luocdo.loaders.law_names import known_law_set
from luocdo.loaders.laws import editorial_notes, find_laws, self_reference_title
from luocdo.loaders.own_title import title_says_implements
from luocdo.loaders.relations import classify
from luocdo.loaders.restore import restore_damaged
from luocdo.loaders.signature import signature_date
from luocdo.loaders.stages import Cited, Edges, Found, Identity, Page

__all__ = ["extract", "extract_text", "self_reference_title"]


def extract(path_or_text, source: str | None = None) -> DocumentRecord:
    """Extract from a loaded :class:`~luocdo.loaders.text.Text` or a plain string."""
    if isinstance(path_or_text, str):
        return extract_text(path_or_text, source or "<string>")
    t = path_or_text
    return extract_text(t.text, source or t.source, t.sha256)


def extract_text(text: str, source: str = "<string>", content_hash: str | None = None) -> DocumentRecord:
    """Extract from an already loaded text (NFC expected; normalised if not)."""
    page = read_page(text)
    ctx, ctx_warnings = resolve_context(page.text, page.folded, page.header)
    found = find_cited(page)
    ident = identify(page, found)
    found = no_future_dates(found, ident)
    if before_reorganisation(ident.date, ident.year):
        ctx = as_it_then_was(ctx, page.header)
    cited = cite(page, found, ident, ctx)
    document = own_instrument(page, ident, ctx)
    edges = draw_edges(page, found, cited, ident, document)
    warnings = (*page.header.warnings, *ctx_warnings, *found.warnings, *ident.warnings, *cited.warnings,
                *_merged_issuer(document))
    return record(page, source, content_hash, document, ident, edges, warnings)


def _merged_issuer(document: Instrument) -> tuple[str, ...]:
    """A document dated from 1 March 2025 under the name of a department merged that day keeps the
    issuer its header names (with SUCCEEDED_BY to the one that took it over): said, not changed."""
    i = document.issuer
    if i is None or not i.id or not document.date or document.date < DEPARTMENTS_MERGED:
        return ()
    org = registry().by_id(i.id)
    succ = registry().merged_into(org) if org is not None else None
    if succ is None:
        return ()
    return (f"issued under the name of {i.name}, merged into {succ.name} on 1 March 2025: issuer kept as written",)


def read_page(text: str) -> Page:
    text = unicodedata.normalize("NFC", text)
    folded = sentence_cuts_closed(text, P.stray_stops_blanked(text, P.digits_read_as_letters(text, fold(text))))
    return Page(text, folded, parse_header(*_notes_blanked(text, folded)))


#: How far a header may reach: a legal portal's notes in it are blanked before it is read.
_HEADER_ZONE = 4000


def _notes_blanked(text: str, folded: str) -> tuple[str, str]:
    """The text and its folding with a legal portal's notes in the header blanked (same offsets): a note
    wrapped over lines ("LUẬT [Xử phạt … được hướng dẫn bởi …\n… Nghị định 282/2025/NĐ-CP …] CĂN CƯỚC",
    as OCR or a PDF wraps it) would cut the title line."""
    if "[" not in text[:_HEADER_ZONE]:
        return text, folded
    spans = [(a, b) for a, b in editorial_notes(folded[: _HEADER_ZONE + 1200]) if a < _HEADER_ZONE]
    if not spans:
        return text, folded
    t, f = list(text), list(folded)
    for a, b in spans:
        t[a:b] = f[a:b] = " " * (b - a)
    return "".join(t), "".join(f)


def _own_date_line(text: str, folded: str, h: Header) -> int:
    """Where the document's own place and date line starts (-1: none read), the line the header took its
    date from: the first after "Số:" in the header; its place is the words in capitals before the comma
    (a "V/v … số 1588/QĐ-TTg Cà Mau, ngày …" flattened on one line ends at "Cà Mau")."""
    if h.date is None:
        return -1
    lo = h.so_span[1] if h.so_span else 0
    pd = place_date(folded, lo, min(len(folded), 1500))
    if pd is None:
        return -1
    first, start = pd.start("place"), pd.end("place")
    while start > first:
        word = max(folded.rfind(" ", first, start - 1), folded.rfind("\n", first, start - 1)) + 1 or first
        if not text[word : word + 1].isupper():
            break
        start = word
    return start if start < pd.end("place") else -1  # no word in capitals: no place read


def find_cited(page: Page) -> Found:
    """The citations and laws named, without the document's own number and a legal portal's notes."""
    text, folded, h = page.text, page.folded, page.header
    cits_all = find_citations(text, folded, _own_date_line(text, folded, h))
    cits = [c for c in cits_all if not (h.so_span and h.so_span[0] <= c.num_start < h.so_span[1] + 2)]
    cits = [date_before(c, folded) if c.date is None else c for c in cits]
    # the document's own number in its own text ("… Nghị định số 61-CP ngày 05/7/1994 về …") is no citation
    if h.number and h.symbol:
        cits = [c for c in cits if not (c.number == h.number and c.symbol == h.symbol and (c.year is None or c.year == h.year))]
    laws = find_laws(text, folded, [(c.start, c.end) for c in cits_all], known_law_set())
    cits, laws = pair_names(text, folded, cits, laws)
    # a legal portal's notes pasted with the text: marked, and kept out of the edges
    notes = editorial_notes(folded)
    if not notes:
        return Found(tuple(cits), tuple(laws))
    return Found(
        tuple(c for c in cits if not inside(c.start, notes)),
        tuple(law for law in laws if not inside(law.start, notes)),
        (f"{len(notes)} bracketed notes of a legal portal left out of the edges",),
    )


#: "Dự thảo" standing alone; its "D" found first, then the look back (a leading lookbehind is tried at
#: every position of the text).
_DRAFT = re.compile(r"D(?<!\w.)(?:Ự THẢO|ự thảo|U THAO)(?!\w)")


def identify(page: Page, found: Found) -> Identity:
    """The document's own type, date and year: from the header, else from what the text says."""
    text, folded, h = page.text, page.folded, page.header
    warnings: list[str] = []
    # own type when the header gave none: "ban hành Kế hoạch", "Trên đây là Báo cáo", title words
    doc_type = h.type
    if doc_type is None:
        doc_type = h.closing_type or _type_from_opening(folded, h) or "CV"
        warnings.append(f"document type inferred as {doc_type}")
    date = h.date or signature_date(text)
    cited_dates = sorted(c.date for c in found.citations if c.date)
    year = h.year or (int(date[:4]) if date else None)
    if year is None:
        ym = re.search(r"n[a-z`]{1,2}m\s+((?:19|20)\d{2})", fold(h.title or ""))
        if ym:
            year = int(ym.group(1))
    draft = _DRAFT.search(text, 0, min(len(text), max(h.body_start, 1500))) is not None
    if draft:
        warnings.append("draft (Dự thảo): no date or year of its own is borrowed from what it cites")
    if year is None and cited_dates and not draft:
        year = int(cited_dates[-1][:4])
        warnings.append("year inferred from the latest cited date")
    date_not_before = None
    if date is None:
        bounds = [d for d in (cited_dates[-1] if cited_dates else None,
                              f"{year:04d}-{h.month:02d}-01" if (h.month and year and h.year) else None) if d]
        # "ngày  tháng 11 năm 2025": the month bounds the date even with the day blank
        date_not_before = max(bounds) if bounds else None
        warnings.append("document date not stated")
    return Identity(doc_type, date, year, date_not_before, tuple(warnings))


def no_future_dates(found: Found, ident: Identity) -> Found:
    """A mention dated two years or more after the document itself, when it is the only one ("… ngày 15/8/2028" in
    a decision of 26/8/2025): OCR misread a digit of its year.  Its date and that year are dropped, unknown rather
    than wrong (a normative number keeps its own year); several such dates would say the document's own is wrong.
    (A date the next year may be the text's own slip: it stays, and its edge is flagged.)"""
    own, year = ident.date, ident.year
    if own is None or year is None:
        return found
    late = [c for c in found.citations if c.date and c.date > own and c.year and c.year >= year + 2]
    late_laws = [law for law in found.laws if law.date and law.date > own and law.year and law.year >= year + 2]
    if len(late) + len(late_laws) != 1:
        return found
    if late:
        c = late[0]
        kept = c.year if c.syntax == "normative" and c.symbol[:4].isdigit() else None
        cits = tuple(dataclasses.replace(c, date=None, year=kept) if x is c else x for x in found.citations)
        laws, day = found.laws, c.date
    else:
        law = late_laws[0]
        cits, day = found.citations, law.date
        laws = tuple(dataclasses.replace(law, date=None, year=None) if x is law else x for x in found.laws)
    return Found(cits, laws, (*found.warnings, f"a mention dated {day}, after the document's own date {own}: its date left out"))


_OPENING_TYPE = re.compile(
    r"(?:ban\s+h[a]nh|x[a]y\s+d[uw]ng(?:\s+v[a]\s+ban\s+h[a]nh)?|b[a]o\s+c[a]o)\s+(?P<w>" + P.TYPE_WORD.pattern + r")?"
)


_GLUED_BY_HYPHEN = re.compile(r"(?<=[a-z])-(?=[a-z])")


def _type_from_opening(folded: str, h: Header) -> str | None:
    hi = min(len(folded), max(h.preamble_end, h.body_start) + 300)
    folded = _GLUED_BY_HYPHEN.sub(" ", folded[:hi])  # "ban hanh Ke-hoach": OCR's hyphen between two syllables
    for m in _OPENING_TYPE.finditer(folded, h.body_start, hi):
        w = m.group("w")
        if w:
            for i, code in enumerate(P.TYPE_WORD_CODES):
                if re.fullmatch(P.TYPE_WORDS[i][1], w):
                    return code
        elif folded[m.start() : m.start() + 3] == "bao":
            return "BC"
    return None


def cite(page: Page, found: Found, ident: Identity, ctx: Context) -> Cited:
    """Each citation's relation to the document, and the instrument it names (issuer, key)."""
    text, folded, h = page.text, page.folded, page.header
    cits = shared_issuers(list(found.citations), text, folded)
    classified = classify(folded, cits, max(h.preamble_end, h.body_start), ident.type, text,
                          tuple((law.start, law.end) for law in found.laws))
    classified = title_says_implements(folded, h, classified, ident.type)
    insts: list[Instrument] = []
    explicit: list[bool] = []
    warnings: list[str] = []
    # a bare local number takes the year of a dated mention of it in this text before the document's own
    dated = {(c.number, c.symbol): c.year for c in cits if c.year}
    for c in cits:
        org, phrase = citation_issuer(c, text, folded, ctx)
        # undated, it is older than the document citing it: of before July 2025 when the document is
        if before_reorganisation(c.date, c.year if c.year else None) or (
                not c.date and not c.year and before_reorganisation(ident.date, ident.year)):
            org = cited_as_it_then_was(org, c.issuer_phrase or phrase, ctx)
        inst, assumed = instrument(c, org, phrase, ctx, dated.get((c.number, c.symbol), ident.year))
        if assumed and (c.number, c.symbol) not in dated:
            warnings.append(f"{inst.label}: cited without a date; year {ident.year} assumed from the document")
        insts.append(inst)
        # explicit: the words named the issuer ("của UBND xã Lạc" that OCR cut resolves to nothing: the
        # province is a fallback, and a fuller mention of the same number wins over it)
        explicit.append(phrase is not None and (org is not None or unlisted_commune_scope(phrase, ctx.province) is not None))
    insts = unify_years(same_instrument_again(insts, explicit))
    return Cited(tuple(classified), tuple(insts), tuple(warnings))


def own_instrument(page: Page, ident: Identity, ctx: Context) -> Instrument:
    """The document itself, keyed in its issuer's scope."""
    h = page.header
    local = (K.is_local_issuer((h.issuer_code or "").split("-")[0]) or local_body(ctx.org, h.symbol)) if h.issuer_code else True
    if ctx.org is None:
        # a commune's paper whose commune the registry does not know is numbered in it, not in the province: its name
        # as written scopes it when the province is known ("XÃ ĐỨC LẠC" of 2022), else the scope is unknown
        commune_named = bool(ctx.raw) and level_of_name(ctx.raw or "") == "commune"
        own_scope = (unlisted_commune_scope(ctx.raw or "", ctx.province) if commune_named
                     else K.scope_of(ctx.province))
    elif ctx.org.level == "district":
        own_scope = K.scope_of(ctx.org.province, slug(ctx.org.name))
    elif ctx.commune is not None:
        own_scope = K.scope_of(ctx.commune.province, registry().unit_slug(ctx.commune))
    else:
        own_scope = K.scope_of(ctx.org.province or ctx.province)
    if h.number and h.symbol:
        key = K.instrument_key(h.number, h.symbol, ident.year, local=local, scope=own_scope)
    else:
        key = K.unnumbered_key(ident.type, ident.year, own_scope, ctx.org.name if ctx.org else None, h.title)
    return Instrument(
        key=key,
        type=ident.type,
        number=h.number,
        symbol=h.symbol,
        date=ident.date,
        year=ident.year,
        title=h.title,
        issuer=body_issuer(ctx) or issuer_of(ctx.org, council=is_council(h.symbol)) or (
            Issuer(name=ctx.raw, level=level_of_name(ctx.raw), province=ctx.province) if ctx.raw else None
        ),
    )


def record(page: Page, source: str, content_hash: str | None, document: Instrument, ident: Identity, edges: Edges,
           warnings: tuple[str, ...]) -> DocumentRecord:
    """The record of one document: its instrument, edges, signature, recipients and assignments."""
    text, h = page.text, page.header
    signer = Signer(h.signer_name, h.signer_title, h.signer_capacity) if (h.signer_name or h.signer_title) else None
    return DocumentRecord(
        source=source,
        document=document,
        place=h.place,
        signer=signer,
        recipients=h.recipients,
        references=edges.references,
        derived=edges.derived,
        assignments=tuple(find_assignments(text, page.folded)),
        warnings=tuple(dict.fromkeys(warnings)),
        content_hash=content_hash or hashlib.sha256(text.encode()).hexdigest(),
        date_not_before=ident.date_not_before,
        aliases=edges.aliases,
        # the title with its marks put back, beside the OCR one (which stays the title, and searchable)
        extra={"title_restored": restored} if (restored := restore_damaged(h.title)) else {},
        **notices(text, page.folded, h.recipients),  # recipients' purposes, plans and reports asked for
    )
