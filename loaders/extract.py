"""The extractor: text → :class:`~luocdo.core.model.DocumentRecord`.

Pipeline (one module per stage): fold (loaders.fold) → header
(loaders.header) → find and parse citations (loaders.citations) → classify
relations and derived edges (loaders.relations) → assignments
(loaders.assignments) → resolve issuers and keys (here).
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from luocdo.core import keys as K
from luocdo.core.fold import fold, slug, squash
from luocdo.core.model import (
    RELATION_STRENGTH,
    Alias,
    Derived,
    DocumentRecord,
    Instrument,
    Issuer,
    Level,
    Mention,
    Reference,
    Signer,
)
from luocdo.core.registry import REORGANISED, Org, registry
from luocdo.loaders import patterns as P
from luocdo.loaders.assignments import find_assignments
from luocdo.loaders.breaks import breaks
from luocdo.loaders.citations import _LAW as _LAW_HEAD
from luocdo.loaders.citations import (
    _LAW_KIND,
    Citation,
    LawCitation,
    clean,
    editorial_notes,
    find_citations,
    find_laws,
    law_name_end,
    self_reference_title,
)
from luocdo.loaders.consolidated import consolidation_issuer
from luocdo.loaders.header import Header, parse_header, signature_date
from luocdo.loaders.relations import classify, issued_on_basis, own_cue_before
from luocdo.loaders.restore import restore_damaged
from luocdo.loaders.scan import keyword_finditer

__all__ = ["extract", "extract_text", "self_reference_title"]


# ---------------------------------------------------------------------------
# Context: who wrote this document, where.
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Context:
    org: Org | None
    province: str | None  # registry name
    commune: Org | None  # the commune-level unit the document belongs to, if any
    raw: str | None = None  # the issuer as written, when no organisation could be resolved
    body: str | None = None  # the issuing body when it is part of ``org`` ("Tổng cục Hải quan") or several (joint)


_PROVINCE_MENTION = re.compile(r"(?<![a-z])(?:tinh|thanh\s+pho)\s+(?=[a-z])")
#: What every match of _PROVINCE_MENTION / _UNIT_MENTION starts with (loaders.scan; a test checks).
PROVINCE_WORDS = (r"tinh", r"thanh\s")
UNIT_WORDS = (r"ubnd", r"uy\s", r"hdnd", r"hoi\s")
_UNIT_MENTION = re.compile(r"(?<![a-z])(?:ubnd|uy\s+ban\s+nhan\s+dan|hdnd|hoi\s+dong\s+nhan\s+dan)\s+(xa|phuong|dac\s+khu|tinh|thanh\s+pho)\s+(?=[a-z])")
_ACTOR_VERB = re.compile(
    r"(?:,|;|\.\s|\A|\n)\s*(?P<who>[^,;.:\n](?:[^,;.:\n]|\n(?!\s*\n)){2,80}?)\s+(?:d[a]\s+)?(?:x[a]y\s+d[u]ng\s+v[a]\s+ban\s+h[a]nh|ban\s+h[a]nh|x[a]y\s+d[u]ng|b[a]o\s+c[a]o\s+k[e&]t\s+qu[a])\b"
)

# the actor ending right before a verb found by _ACTOR_VERB_ONLY (endpos = the verb)
_ACTOR_BEFORE = re.compile(r"(?:,|;|\.\s|\A|\n)\s*(?P<who>[^,;.:\n](?:[^,;.:\n]|\n(?!\s*\n)){2,80}?)\s+(?:d[a]\s+)?\Z")
_ORG_START = re.compile(r"(?:Sở|SỞ|Văn phòng|VĂN PHÒNG|Ủy ban|ỦY BAN|UBND|Ban|BAN|Phòng|PHÒNG|Trung tâm|Công an|Bộ|BỘ)\s")
_ACTOR_VERB_ONLY = re.compile(r"(?<![a-z])(?:ban\s+h[a]nh|x[a]y\s+d[u]ng|b[a]o\s+c[a]o\s+k[e&]t\s+qu[a])\b")
VERB_WORDS = (r"ban\s", r"xay\s", r"bao\s")  # what every match of _ACTOR_VERB_ONLY starts with


_WORD = re.compile(r"[^\s,;.:()\"“”]+")


def _capitalised_words(text: str, pos: int, limit: int = 4) -> str:
    """Words from ``pos`` while they start with a capital letter ("Quảng Ngãi")."""
    words: list[str] = []
    for m in _WORD.finditer(text, pos, pos + 60):
        w = m.group(0)
        if not w[0].isupper() or len(words) >= limit:
            break
        words.append(w)
    return " ".join(words)


def _province_votes(text: str, folded: str) -> Counter[str]:
    reg = registry()
    votes: Counter[str] = Counter()
    for m in keyword_finditer(_PROVINCE_MENTION, folded, PROVINCE_WORDS):
        if not text[m.end()].isupper():  # "tỉnh năm 2025": the name starts with a capital (or there is none)
            continue
        name = _capitalised_words(text, m.end(), 3)
        if name:
            p = reg.province(f"tỉnh {name}")
            if p:
                votes[p.name] += 1
    return votes


def _actor_candidates(text: str, folded: str, h: Header) -> Iterator[str]:
    """Who acts in the opening and closing sentences ("Sở Nội vụ xây dựng Kế hoạch …"), then the
    title's "… của Văn phòng UBND tỉnh": issuer candidates after the agency block."""
    for lo, hi in ((h.body_start, min(len(text), h.preamble_end + 200)), (max(0, len(text) - 2500), len(text))):
        # anchor on the verbs (rare), then match the actor just before each
        last = -1
        for v in keyword_finditer(_ACTOR_VERB_ONLY, folded, VERB_WORDS, lo, hi):
            if re.search(r"(?<![a-z])(?:s[o0&6]|b[o0])\s+\Z", folded[max(0, v.start() - 4) : v.start()]):
                continue  # "Sở Xây dựng", "Bộ Xây dựng" are names, not verbs
            m = _ACTOR_BEFORE.search(folded, max(lo, v.start() - 100), v.start())
            if m is None or m.start() <= last:
                continue
            last = m.start()
            who = clean(text[m.start("who") : m.end("who")])
            if who and len(who.split()) <= 10:
                yield who
    if h.title and not P.CITATION_SCAN.search(fold(h.title)):
        tm = re.search(r"\bc[a-z`]{0,3}a\s+(.{4,60})$", fold(h.title))
        if tm:
            yield h.title[tm.start(1) :]


def _unit_votes(text: str, folded: str) -> Counter[str]:
    """Units named in the text ("UBND xã Bắc Ruộng"), by how often."""
    unit_votes: Counter[str] = Counter()
    for m in keyword_finditer(_UNIT_MENTION, folded, UNIT_WORDS):
        if not text[m.end()].isupper():
            continue
        name = _capitalised_words(text, m.end(), 3)
        if name:
            unit_votes[f"UBND {m.group(1)} {name}"] += 1
    return unit_votes


def _more(known: list[str], later: Iterator[str]) -> Iterator[str]:
    """The candidates in ``known``, then those of ``later``, each added to ``known`` as it is read."""
    yield from list(known)
    for cand in later:
        known.append(cand)
        yield cand


def _resolve_context(text: str, folded: str, h: Header) -> tuple[Context, list[str]]:
    """The issuer and province of the document.

    Evidence in order of trust: the agency block, the provinces named in the
    text (only when the block names none), the actor of the opening and closing
    sentences and the title (only when the block's issuer does not resolve),
    the place of the date line, the units named in the text.  Later evidence is
    read only when the earlier leaves the question open: most documents carry
    a header that settles it.
    """
    reg = registry()
    warnings: list[str] = []
    # the agency block, parent line first: "UBND TỈNH QUẢNG NGÃI / SỞ KHOA HỌC VÀ CÔNG NGHỆ"
    province = None
    candidates: list[str] = []
    lines = [x for x in (_agency_line(line) for line in h.agency_lines) if x]
    central = _central_agency(lines[-1]) if lines else None
    consolidator = consolidation_issuer(h.issuer_code, folded[:3000]) if h.type == "VBHN" else None
    if consolidator is not None and (central is None or central.org is None or central.org.id != consolidator.id):
        return Context(consolidator, None, None, None), warnings  # never what it consolidates, nor a signer
    if central is not None:
        return central, warnings
    if lines:
        for line in lines:
            p = reg.province(re.sub(r"(?i)^(?:ubnd|ủy ban nhân dân|uy ban nhan dan|hđnd)\s+", "", line))
            if p:
                province = p.name
        issuer_line = lines[-1]
        if len(lines) >= 2 and re.fullmatch(r"(?:xa|phuong|dac khu|tinh|thanh pho)\s+(?!uy\b).+", squash(issuer_line)):
            issuer_line = f"{lines[-2]} {issuer_line}"
        candidates.append(issuer_line)
    if province is None:
        votes = _province_votes(text, folded)
        if votes:
            province = votes.most_common(1)[0][0]
    org = None
    for cand in _more(candidates, _actor_candidates(text, folded, h)):
        o = reg.resolve(cand, province=province)
        if o is not None:
            org = o
            break
    if org is None and h.issuer_code and not lines:
        # no agency block: the symbol's agency code says who issued it ("3500/QĐ-BYT": Bộ Y tế)
        head = h.issuer_code.split("-")[0]
        if not K.is_local_issuer(head):
            org = reg.resolve(_CENTRAL_BY_CODE.get(head, head))
    if org is None and h.place:
        o = reg.commune(h.place, province)
        if o is not None:
            org = o
    if org is None:
        unit_votes = _unit_votes(text, folded)
        if unit_votes:
            o = reg.resolve(unit_votes.most_common(1)[0][0], province=province)
            if o is not None and o.level == "commune":
                org = o
    # "UBND đặc khu" without a name, in a document placed in Lý Sơn
    if org is not None and org.level == "commune" and province is None:
        province = org.province
    if org is not None and org.province and province != org.province:
        province = org.province if (org.level in ("commune", "department") or province is None) else province
    commune = None
    if org is not None and org.level == "commune":
        commune = reg.by_id(org.parent_id) if org.id.startswith("unit:") and org.parent_id else org
    raw = None
    if org is None:
        warnings.append("issuer not established by the text")
        # keep the body as written ("Sở Tài chính" of an unnamed province)
        raw = next((c for c in candidates if _ORG_START.match(c) and len(c.split()) <= 12), None)
    return Context(org, province, commune, raw), warnings


#: Separators and type words that header extraction leaves in the agency block
#: ("QUỐC HỘI ******", "Luật số:" → "Luật"): not the agency.
_BLOCK_JUNK = re.compile(r"[*=_~]{2,}|-{3,}")
_NOT_AGENCY = re.compile(
    r"(?:so\s*(?::|\d).*|(?:bo\s+)?luat|nghi\s+quyet|nghi\s+dinh|thong\s+tu(?:\s+lien\s+tich)?|quyet\s+dinh|chi\s+thi"
    r"|phap\s+lenh|lenh|hien\s+phap|van\s+ban\s+hop\s+nhat)\s*(?:so\s*:?)?\s*"
)
_TYPE_AT_END = re.compile(r"\s(?:" + _NOT_AGENCY.pattern + r")$")
#: Where a central agency block starts (the others are local: read by the registry's resolve).
_CENTRAL_START = re.compile(
    r"(?:bo\s|quoc\s+hoi|uy\s+ban\s+thuong\s+vu|chinh\s+phu|thu\s+tuong|van\s+phong\s+(?:chinh\s+phu|quoc\s+hoi)"
    r"|chu\s+tich\s+nuoc|toa\s+an|hoi\s+dong\s+tham\s+phan|vien\s+kiem\s+sat|kiem\s+toan|bao\s+hiem\s+xa\s+hoi"
    r"|ban\s+chap\s+hanh|ban\s+bi\s+thu|thanh\s+tra\s+chinh\s+phu|ngan\s+hang\s+nha\s+nuoc|uy\s+ban\s+dan\s+toc)"
)
#: "BỘ TÀI CHÍNH TỔNG CỤC HẢI QUAN": a ministry's general department, department, board …
_SUB_AGENCY = re.compile(r"(tong\s+cuc|cuc|vu|uy\s+ban|ban|hoi\s+dong|vien|thanh\s+tra)\s+\S.*")


def _agency_line(line: str) -> str | None:
    """An agency block line without separators, or None when it is not an agency."""
    line = " ".join(_BLOCK_JUNK.sub(" ", line).split()).strip(" -")
    folded = fold(line).lower()  # same offsets as the line
    if _NOT_AGENCY.fullmatch(folded):
        return None
    m = _TYPE_AT_END.search(folded)  # "QUỐC HỘI Luật": the type word of "Luật số:" glued on
    if m:
        line = line[: m.start()].rstrip(" -")
    return line or None


def _canonical_body(raw: str) -> str:
    """A body's name as written in running text: "TỔNG CỤC HẢI QUAN" → "Tổng cục Hải quan"."""
    words = raw.lower().split()
    head = 2 if len(words) > 2 and fold(" ".join(words[:2])) in ("tong cuc", "uy ban", "hoi dong", "thanh tra") else 1
    out = [w.capitalize() if i in (0, head) else w for i, w in enumerate(words)]
    return re.sub(r"\bviệt nam\b", "Việt Nam", " ".join(out))


def _central_agency(line: str) -> Context | None:
    """A central agency block: one body ("VĂN PHÒNG QUỐC HỘI"), several that issue
    together (a joint circular's "BỘ TÀI CHÍNH - BỘ Y TẾ"), or a body of a
    ministry ("BỘ TÀI CHÍNH TỔNG CỤC HẢI QUAN").  Never the signer's title."""
    folded = fold(line).lower()
    if not _CENTRAL_START.match(folded):
        return None
    reg = registry()
    parts = [p for p in re.split(r"\s+-\s+", line) if p]
    if len(parts) >= 2:
        orgs = [reg.central(p) for p in parts]
        if all(o is not None and o.level in ("central", "ministry") for o in orgs):
            return Context(orgs[0], None, None, None, " - ".join(o.name for o in orgs))  # type: ignore[union-attr]
    org = reg.central(line) if len(line.split()) <= 12 else None
    if org is not None and org.level in ("central", "ministry"):
        return Context(org, None, None, None)
    m = re.match(r"(bo\s+\S+(?:\s+\S+){0,6}?)\s+" + _SUB_AGENCY.pattern, folded)
    if m:
        cut = len(m.group(1))
        parent = reg.central(line[:cut])
        if parent is not None and parent.level == "ministry":
            return Context(parent, None, None, None, _canonical_body(line[cut:].strip()))
    return None


def _body_issuer(ctx: Context) -> Issuer | None:
    """The issuer when the body is part of the organisation or several (see Context.body)."""
    if ctx.body is None or ctx.org is None:
        return None
    return Issuer(name=ctx.body, level=ctx.org.level, id=ctx.org.id)  # type: ignore[arg-type]


def _before_reorganisation(date: str | None, year: int | None) -> bool:
    """Dated before 1 July 2025, when provinces merged and districts ended."""
    if date:
        return date < REORGANISED
    return year is not None and year < int(REORGANISED[:4])


def _as_it_then_was(ctx: Context, h: Header) -> Context:
    """A document of before July 2025 keeps the issuer its header names
    ("UBND TỈNH KON TUM", "UBND HUYỆN SƠN TỊNH", "UBND XÃ TỊNH MINH"), not today's successor."""
    lines = list(h.agency_lines)
    if not lines:
        return ctx
    cands = [lines[-1]] + ([f"{lines[-2]} {lines[-1]}"] if len(lines) >= 2 else [])
    if ctx.org is None or ctx.org.level in ("province", "commune"):
        cands += lines[:-1]  # "UBND TỈNH KON TUM" above the body when the body is the province's
    reg = registry()
    body = reg.former_body(ctx.org, tuple(reversed(lines)))  # "UBND TỈNH KON TUM / SỞ Y TẾ"
    if body is not None:
        return Context(body, body.province, None, ctx.raw)
    for cand in cands:
        then = reg.former(cand, ctx.province)
        if then is not None:
            return Context(then, then.province, then if then.level == "commune" else None, ctx.raw)
    return ctx


def _cited_as_it_then_was(org: Org | None, phrase: str | None, ctx: Context) -> Org | None:
    """The issuer of an instrument cited with a date before July 2025, as it then was."""
    reg = registry()
    then = reg.former(phrase, ctx.province) if phrase else None
    if then is not None:
        return then
    then = reg.former_body(org, (phrase,), ctx.org.province if ctx.org and ctx.org.id.startswith("former:") else None)
    if then is not None:  # "của Sở Y tế tỉnh Kon Tum"; "của Sở Y tế" in a Kon Tum document of 2020
        return then
    if org is not None and ctx.org is not None and ctx.org.id.startswith("former:") and org.level == "province":
        # "của UBND tỉnh" in a Kon Tum document of 2018: Kon Tum, not today's Quảng Ngãi
        if any(s.id == org.id for s in reg.successors(ctx.org)) and ctx.org.level == "province":
            return ctx.org
    return org


def _is_council(symbol: str | None) -> bool:
    """A symbol ending in HĐND ("93/NQ-HĐND"): the People's Council issued it, not the People's Committee."""
    return (symbol or "").rsplit("-", 1)[-1] == "HĐND"


@lru_cache(maxsize=16384)  # a pure function of the organisation: asked for at every citation
def _issuer_of(org: Org | None, council: bool = False) -> Issuer | None:
    """The issuer of a document of ``org`` (a locality: its UBND, or its HĐND when ``council``).

    The id stays the locality's: both bodies are its government, and units
    are matched by locality (gaps); the name says which body issued it.
    """
    if org is None:
        return None
    locality = None
    if org.level == "commune":
        reg = registry()
        c = reg.by_id(org.parent_id) if org.id.startswith("unit:") and org.parent_id else org
        locality = c.name if c else None
    name = org.name
    body = "HĐND" if council else "UBND"
    if org.level == "province":
        # the issuing body, not the territory: "UBND tỉnh Quảng Ngãi", "HĐND Thành phố Huế"
        name = f"{body} tỉnh {org.name}" if org.kind == "tỉnh" else f"{body} {org.name}"
    elif org.level == "district":  # before July 2025: "UBND huyện Sơn Tịnh"
        name = f"{body} {org.name[:1].lower()}{org.name[1:]}"
    elif council and org.id.startswith("commune:"):
        name = f"HĐND {org.name[:1].lower()}{org.name[1:]}"  # "HĐND xã Sơn Mai"
    return Issuer(name=name, level=org.level, province=org.province, locality=locality, id=org.id)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------
# Cited instruments
# ---------------------------------------------------------------------------

_CENTRAL_BY_CODE = {
    "TW": "Ban Chấp hành Trung ương",
    "CP": "Chính phủ",
    "TTg": "Thủ tướng Chính phủ",
    "QH": "Quốc hội",
    "UBTVQH": "Ủy ban Thường vụ Quốc hội",
    "VPCP": "Văn phòng Chính phủ",
}
_LOCAL_ACTOR = re.compile(
    r"(?:ubnd|uy\s+ban\s+nhan\s+dan)\s+(xa|phuong|dac\s+khu|tinh|thanh\s+pho)(?:\s+[a-z`&]+){0,3}\s+(?:d[a]\s+)?(?:ban\s+h[a]nh|x[a]y\s+d[u]ng)[\s\w]{0,30}\Z"
)


def _citation_issuer(c: Citation, text: str, folded: str, ctx: Context) -> tuple[Org | None, str | None]:
    """The organisation that issued a cited instrument, and the raw phrase."""
    reg = registry()
    province = ctx.province
    commune_name = ctx.commune.name if ctx.commune else None
    head = (c.issuer_code or "").split("-")[0]
    phrase = c.issuer_phrase
    if phrase:
        o = reg.resolve(phrase, province=province, commune=commune_name)
        if o is not None:
            return o, phrase
    # "UBND đặc khu đã ban hành Kế hoạch số 38/KH-UBND"
    lm = _LOCAL_ACTOR.search(folded, max(0, c.start - 90), c.start)
    if lm:
        kind = lm.group(1)
        named = reg.resolve(clean(text[lm.start() : lm.start() + len(lm.group(0))].split(" ban ")[0].split(" xây ")[0]), province=province)
        if kind in ("tinh", "thanh pho"):
            if named is not None and named.level == "province":
                return named, None
            if province:
                return reg.province(province), None
        if ctx.commune is not None:
            return ctx.commune, None
    if head in _CENTRAL_BY_CODE:
        return reg.resolve(_CENTRAL_BY_CODE[head]), None
    if head in ("UBND", "HĐND"):
        if ctx.commune is not None and (phrase is None or "xa" in fold(phrase) or "phuong" in fold(phrase)):
            return ctx.commune, None
        return (reg.province(province) if province else None), None
    if head in ("TU", "BTV"):
        return (reg.resolve("Tỉnh ủy", province=province) if province else None), None
    if head and K.is_local_issuer(head):
        return reg.department_from_code(head, province), None
    if head:
        o = reg.resolve(head)
        if o is not None:
            return o, None
    return None, phrase


def _instrument(c: Citation, org: Org | None, phrase: str | None, ctx: Context, doc_year: int | None) -> tuple[Instrument, bool]:
    """Build the cited Instrument; returns it and whether its year was assumed."""
    head = (c.issuer_code or "").split("-")[0]
    local = K.is_local_issuer(head)
    scope = None
    assumed = False
    if local:
        if org is not None and org.level == "district":
            scope = K.scope_of(org.province, slug(org.name))
        elif org is not None and org.level == "commune":
            scope = K.scope_of(org.province, org.name.split(" ", 1)[-1] if org.id.startswith("commune:") else None)
            if org.id.startswith("commune:"):
                scope = K.scope_of(org.province, registry().unit_slug(org))
        elif org is not None and org.province:
            scope = K.scope_of(org.province)
        else:
            scope = K.scope_of(ctx.province)
    year = c.year
    if year is None and local and org is not None and ctx.org is not None and doc_year and (
        org.id == ctx.org.id or (ctx.commune is not None and org.id == ctx.commune.id)
    ):
        year, assumed = doc_year, True
    key = K.instrument_key(c.number, c.symbol, year, local=local, scope=scope)
    issuer = _issuer_of(org, council=_is_council(c.symbol))
    if issuer is None and phrase:
        issuer = Issuer(name=phrase, level=_level_guess(head), province=ctx.province if local else None)
    return (
        Instrument(
            key=key,
            type=c.type,
            number=c.number,
            symbol=c.symbol,
            date=c.date,
            year=year,
            title=c.name or c.subject,
            issuer=issuer,
        ),
        assumed,
    )


_DATE_BEFORE = re.compile(
    r"(?<![a-z0-9])" + P.NGAY + r"\s+(?:" + P.DATE_NUMERIC + "|" + P.DATE_WORDS + r")\s*,[^.;\n]{0,90}?(?:ban\s+h[a]nh|k[y]\s+ban\s+h[a]nh|ph[a]t\s+h[a]nh)[^.;\d]{0,40}\Z"
)


def _date_before(c: Citation, folded: str) -> Citation:
    """"Ngày 12/8/2025, Ủy ban nhân dân tỉnh ban hành Kế hoạch số 145/KH-UBND": the date leads."""
    m = _DATE_BEFORE.search(folded, max(0, c.start - 160), c.start)
    if m is None:
        return c
    from luocdo.loaders.citations import _date

    iso, year = _date(m)
    return dataclasses.replace(c, date=iso, year=c.year or year) if iso else c


_IMPL_CUE = re.compile(r"(?<![a-z])(?:" + P.THUC_HIEN + "|" + P.TRIEN_KHAI + r"|c[u]\s+th[e&]\s+h[o0]a)(?![a-z])")


def _title_says_implements(folded: str, h: Header, classified: list, doc_type: str | None) -> list:
    """A plan or programme whose own title carries X out implements X:
    "Ban hành Chương trình hành động … thực hiện Nghị quyết số 15-NQ/TW"."""
    if not h.title_span:
        return classified
    lo, hi = h.title_span
    # a plan or programme, or a text that issues one ("Ban hành Kế hoạch …"); a report on the results of X;
    # a text that details or guides X ("Hướng dẫn thi hành Nghị định số …", "Quy định chi tiết …")
    title = folded[lo:hi]
    report = doc_type == "BC"
    guides = doc_type in ("TT", "TTLT", "NĐ", "QĐ", "HD", "CV") and _GUIDES.search(title) is not None
    if not report and not guides and doc_type not in ("KH", "CTr", "ĐA") and not re.search(r"k[e&]\s*ho[a]ch|ch[u]?[o0]ng\s*tr[i1]nh", title):
        return classified
    cue = _GUIDES if guides else _IMPL_CUE
    out = []
    for cl in classified:
        c = cl.citation
        if lo <= c.start < hi and cl.parent is None and cl.relation in ("cites", "based_on", "implements") and cue.search(folded, lo, c.start):
            cl = dataclasses.replace(cl, relation="reports_on" if report else "implements")
        out.append(cl)
    return out


_GUIDES = re.compile(r"(?<![a-z])(?:h[u][o0]ng\s+d[a]n(?:\s+(?:thi\s+h[a]nh|th[u]c\s+hi[e&]n))?|quy\s+d[i1]nh\s+chi\s+ti[e&]t)(?![a-z])")


def _same_instrument_again(insts: list[Instrument], explicit: list[bool]) -> list[Instrument]:
    """A later bare mention ("Trên cơ sở Kế hoạch số 82/KH-UBND, …") of an
    instrument cited earlier with its issuer is that instrument, not one of
    the context's unit: local numbers repeat across units, so the issuer
    phrase of the fuller mention wins when the dates agree."""
    out = list(insts)
    fuller: dict[str, list[Instrument]] = {}  # by label, in text order: one pass, not one per mention
    for j, other in enumerate(insts):
        if explicit[j]:
            fuller.setdefault(other.label, []).append(other)
    for i, inst in enumerate(insts):
        if explicit[i] or inst.number is None:
            continue
        for other in fuller.get(inst.label, ()):
            if inst.date and other.date and inst.date != other.date:
                continue
            out[i] = other
            break
    return out


def _level_of_name(name: str) -> Level:
    f = fold(name)
    if f.startswith(("bo ", "chinh phu", "thu tuong")):
        return "ministry" if f.startswith("bo ") else "central"
    if f.startswith(("ubnd xa", "ubnd phuong", "uy ban nhan dan xa", "uy ban nhan dan phuong")):
        return "commune"
    if f.startswith(("ubnd tinh", "uy ban nhan dan tinh")):
        return "province"
    return "department"


def _bare_name(name: str) -> str:
    """"Xã Sơn Mai" → "Sơn Mai", "Đặc khu Lý Sơn" → "Lý Sơn"."""
    for prefix in ("Đặc khu ", "Xã ", "Phường ", "Thị trấn "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def _level_guess(head: str) -> Level:
    if head in P.PARTY_ISSUERS:
        return "party" if head != "TW" else "central"
    if head in _CENTRAL_BY_CODE:
        return "central"
    if head.startswith("B"):
        return "ministry"
    if head.startswith("S"):
        return "department"
    return "province"


# ---------------------------------------------------------------------------
# Evidence
# ---------------------------------------------------------------------------

_EVIDENCE_BREAK = re.compile(r";|\.(?=\s)|\n\s*\n|\n\s*[-+•]\s")
#: The same breaks as three patterns that each start with one plain character (found fast) and
#: cannot overlap one another: the union of their matches is _EVIDENCE_BREAK's (a test compares).
EVIDENCE_BREAK_PARTS = (re.compile(";"), re.compile(r"\.(?=\s)"), re.compile(r"\n(?:\s*\n|\s*[-+•]\s)"))


class _Sentences:
    """The evidence sentence around a span of one document (several citations share one: read it once)."""

    __slots__ = ("folded", "found", "said", "text")

    def __init__(self, text: str, folded: str) -> None:
        self.text, self.folded = text, folded
        self.found = breaks(EVIDENCE_BREAK_PARTS, folded)
        self.said: dict[tuple[int, int], str] = {}

    def __call__(self, start: int, end: int) -> tuple[int, int, str]:
        folded, found = self.folded, self.found
        lo = found.last_end(max(0, start - 400), start)
        lo = start if lo is None else lo
        m = found.first(end, min(len(folded), end + 400))
        hi = m[0] + (1 if folded[m[0]] in ".;" else 0) if m else min(len(self.text), end + 400)
        s = self.said.get((lo, hi))
        if s is None:
            s = self.said[(lo, hi)] = " ".join(self.text[lo:hi].split())
        return lo, hi, s


# ---------------------------------------------------------------------------
# The pipeline
# ---------------------------------------------------------------------------


def extract_text(text: str, source: str = "<string>", content_hash: str | None = None) -> DocumentRecord:
    """Extract from an already loaded text (NFC expected; normalised if not)."""
    text = unicodedata.normalize("NFC", text)
    folded = fold(text)
    h = parse_header(text, folded)
    warnings = list(h.warnings)
    ctx, w = _resolve_context(text, folded, h)
    warnings += w

    cits_all = find_citations(text, folded)
    cits = [c for c in cits_all if not (h.so_span and h.so_span[0] <= c.num_start < h.so_span[1] + 2)]
    cits = [_date_before(c, folded) if c.date is None else c for c in cits]
    # the document's own number in its own text ("… Nghị định số 61-CP ngày 05/7/1994 về …") is no citation
    if h.number and h.symbol:
        cits = [c for c in cits if not (c.number == h.number and c.symbol == h.symbol and (c.year is None or c.year == h.year))]
    laws = find_laws(text, folded, [(c.start, c.end) for c in cits_all], _known_law_set())
    cits, laws = _pair_names(text, folded, cits, laws)
    # a legal portal's notes pasted with the text: marked, and kept out of the edges
    notes = editorial_notes(folded)
    if notes:
        cits = [c for c in cits if not _inside(c.start, notes)]
        laws = [law for law in laws if not _inside(law.start, notes)]
        warnings.append(f"{len(notes)} bracketed notes of a legal portal left out of the edges")
    # own type when the header gave none: "ban hành Kế hoạch", "Trên đây là Báo cáo", title words
    doc_type = h.type
    if doc_type is None:
        doc_type = h.closing_type or _type_from_opening(folded, h) or "CV"
        warnings.append(f"document type inferred as {doc_type}")
    # own date and year
    date = h.date or signature_date(text)
    cited_dates = sorted(c.date for c in cits if c.date)
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

    if _before_reorganisation(date, year):
        ctx = _as_it_then_was(ctx, h)
    classified = classify(folded, cits, max(h.preamble_end, h.body_start), doc_type)
    classified = _title_says_implements(folded, h, classified, doc_type)
    # instruments for each citation
    insts: list[Instrument] = []
    explicit: list[bool] = []
    for c in cits:
        org, phrase = _citation_issuer(c, text, folded, ctx)
        if _before_reorganisation(c.date, c.year if c.year else None):
            org = _cited_as_it_then_was(org, c.issuer_phrase or phrase, ctx)
        inst, assumed = _instrument(c, org, phrase, ctx, year)
        if assumed:
            warnings.append(f"{inst.label}: cited without a date; year {year} assumed from the document")
        insts.append(inst)
        explicit.append(c.issuer_phrase is not None and org is not None)
    insts = _same_instrument_again(insts, explicit)
    insts = _unify_years(insts)

    # own document
    local = K.is_local_issuer((h.issuer_code or "").split("-")[0]) if h.issuer_code else True
    own_scope = None
    if ctx.org is not None:
        if ctx.org.level == "district":
            own_scope = K.scope_of(ctx.org.province, slug(ctx.org.name))
        elif ctx.commune is not None:
            own_scope = K.scope_of(ctx.commune.province, registry().unit_slug(ctx.commune))
        else:
            own_scope = K.scope_of(ctx.org.province or ctx.province)
    else:
        own_scope = K.scope_of(ctx.province)
    if h.number and h.symbol:
        key = K.instrument_key(h.number, h.symbol, year, local=local, scope=own_scope)
    else:
        key = K.unnumbered_key(doc_type, year, own_scope, ctx.org.name if ctx.org else None, h.title)
    title = h.title
    document = Instrument(
        key=key,
        type=doc_type,
        number=h.number,
        symbol=h.symbol,
        date=date,
        year=year,
        title=title,
        issuer=_body_issuer(ctx) or _issuer_of(ctx.org, council=_is_council(h.symbol)) or (
            Issuer(name=ctx.raw, level=_level_of_name(ctx.raw), province=ctx.province) if ctx.raw else None
        ),
    )

    # references: one per distinct instrument, strongest relation wins
    _sentence = _Sentences(text, folded)
    groups: dict[str, list[tuple[Instrument, str, Mention]]] = defaultdict(list)
    for c, inst, cl in zip(cits, insts, classified, strict=True):
        lo, hi, sent = _sentence(c.start, c.end)
        groups[inst.key].append((inst, cl.relation, Mention(c.start, c.end, sent)))
    aliases: list[Alias] = []
    if doc_type == "Luật" and h.number and h.symbol and h.title and year:
        own_title = _law_title(h.title)
        if own_title:
            aliases.append(Alias(K.law_key(_canonical_law_name(own_title), year), key))
    for c, inst in zip(cits, insts, strict=True):
        if c.name:
            # "Luật Đất đai số 45/2013/QH13": the name is the number's, one instrument
            _lo, _hi, sent = _sentence(c.start, c.end)
            aliases.append(Alias(K.law_key(c.name, inst.year), inst.key, Mention(c.start, c.end, sent)))
    own_name = _own_name(text, h, doc_type)
    for law in laws:
        name = _canonical_law_name(law.name)
        if own_name and _same_name(squash(name), own_name):
            continue  # "Quốc hội ban hành Luật Chứng khoán." in the Law's own text
        inst = Instrument(key=K.law_key(name, law.year), type=law.kind, date=law.date, year=law.year, title=name,
                          issuer=Issuer(name="Quốc hội", level="central"))
        lo, hi, sent = _sentence(law.start, law.end)
        rel = own_cue_before(folded, law.start) or "cites"
        if rel == "cites" and law.start < max(h.preamble_end, h.body_start + 1500):
            if re.search(r"c[ai]n\s+c(?:u|tr|ur|ir|tv|t|w)(?:\s+v[a]o)?\s*\Z", folded[max(0, law.start - 20) : law.start]):
                rel = "based_on"
        groups[inst.key].append((inst, rel, Mention(law.start, law.end, sent)))
    for a in aliases:
        # the same law under its name elsewhere in this text is the numbered one
        if a.mention is not None and a.alias in groups and a.key in groups:
            numbered = groups[a.key][0][0]
            groups[a.key] += [(numbered, r, m) for _i, r, m in groups.pop(a.alias)]
    if doc_type == "VBHN" and groups:
        # a consolidated text consolidates the instrument it names first, right after its heading
        first = min(groups, key=lambda k: min(m.start for _, _, m in groups[k]))
        groups[first] = [(i, "consolidates", m) for i, _, m in groups[first]]
    references: list[Reference] = []
    for key_, items in groups.items():
        if key_ == document.key:
            continue
        best_rel = max((r for _, r, _ in items), key=lambda r: RELATION_STRENGTH[r])
        target = _merge_instruments([i for i, _, _ in items])
        references.append(Reference(target=target, relation=best_rel, mentions=tuple(m for _, _, m in items)))  # type: ignore[arg-type]

    # derived edges
    derived_map: dict[tuple[str, str, str], list[Mention]] = defaultdict(list)
    by_key = {r.target.key: r.target for r in references}
    for i, cl in enumerate(classified):
        if cl.parent is not None and cl.parent_relation:
            src, dst = insts[cl.parent], insts[i]
            rel = cl.parent_relation
            if rel == "amended_by":  # "X đã được sửa đổi, bổ sung theo Y": Y amends X
                src, dst, rel = dst, src, "amends"
            if src.key != dst.key:
                lo, hi, sent = _sentence(cits[cl.parent].start, cits[i].end)
                derived_map[(src.key, dst.key, rel)].append(Mention(cits[cl.parent].start, cits[i].end, sent))
    for j, i, rel in issued_on_basis(folded, cits, classified):
        src, dst = insts[j], insts[i]
        if src.key != dst.key:
            lo, hi, sent = _sentence(cits[i].start, cits[j].end)
            derived_map[(src.key, dst.key, rel)].append(Mention(min(cits[i].start, cits[j].start), max(cits[i].end, cits[j].end), sent))
    derived_map = _as_a_reader_draws(derived_map, folded, cits, insts, classified)
    derived = tuple(
        Derived(source=by_key.get(s, document), target=by_key[t], relation=r, mentions=tuple(ms))  # type: ignore[arg-type]
        for (s, t, r), ms in derived_map.items()
        if t in by_key and (s in by_key or s == document.key)
    )

    signer = Signer(h.signer_name, h.signer_title, h.signer_capacity) if (h.signer_name or h.signer_title) else None
    return DocumentRecord(
        source=source,
        document=document,
        place=h.place,
        signer=signer,
        recipients=h.recipients,
        references=tuple(references),
        derived=derived,
        assignments=tuple(find_assignments(text, folded)),
        warnings=tuple(dict.fromkeys(warnings)),
        content_hash=content_hash or hashlib.sha256(text.encode()).hexdigest(),
        date_not_before=date_not_before,
        aliases=tuple(dict.fromkeys(a for a in aliases if a.alias != a.key)),
        # the title with its marks put back, beside the OCR one (which stays the title, and searchable)
        extra={"title_restored": restored} if (restored := restore_damaged(title)) else {},
    )


#: "X đã được sửa đổi, bổ sung một số điều theo Luật số Y, Luật số Z": Y and Z amend X.
_AMENDED_BY = re.compile(
    r"(?:d[a]\s+)?d[u]?[o]c\s+s[u]a\s+d[o]i(?:\s*,?\s*b[o]\s+sung)?(?:\s+m[o]t\s+s[o]\s+di[e]u)?\s+(?:theo|b[o]i|t[a]i)\s"
)


#: Between two items of an enumeration: a separator, the next item's type or name and "số",
#: and no word that relates them (theo, thực hiện, ban hành, hướng dẫn, sửa đổi, kèm …).
_SIBLINGS = re.compile(
    r"\s*(?:ng[a-z]{1,2}y\s+[0-9/ a-z]{6,24}?)?\s*[,;]\s*(?:v[a]\s+)?"
    r"(?:(?!theo|thuc\s|ban\s+hanh|huong\s+dan|can\s+cu|sua\s+doi|thay\s+the|kem|trien\s+khai|bai\s+bo|duoc\s)[a-z,]+\s+){0,12}?"
    r"(?:so\s*:?\s*)?"
)


def _as_a_reader_draws(
    derived_map: dict[tuple[str, str, str], list[Mention]], folded: str, cits: list, insts: list, classified: list
) -> dict[tuple[str, str, str], list[Mention]]:
    """Derived edges a careful reader would draw.

    A cited law "đã được sửa đổi, bổ sung … theo Luật số Y, Luật số Z" is not
    based on Y and Z: they amend it.  Such a list gives "Y amends X" for each
    law listed, when X is the citation just before the phrase (only its date
    between); when another name stands between, whose the list is cannot be
    told, and no edge is drawn.
    """
    out: dict[tuple[str, str, str], list[Mention]] = {}
    starts = {(c.start, inst.key): n for n, (c, inst) in enumerate(zip(cits, insts, strict=True))}
    ends = {(c.end, inst.key): n for n, (c, inst) in enumerate(zip(cits, insts, strict=True))}
    for (src, dst, rel), ms in derived_map.items():
        for mention in ms:
            i, j = starts.get((mention.start, src)), ends.get((mention.end, dst))
            if i is None or j is None:  # stated the other way round ("Y … được ban hành trên cơ sở X")
                i, j = starts.get((mention.start, dst)), ends.get((mention.end, src))
            pair = sorted((i, j)) if i is not None and j is not None else None
            if pair and _SIBLINGS.fullmatch(folded, cits[pair[0]].end, cits[pair[1]].start):
                continue  # two items of one list ("Luật A số …, Luật B số …"): nothing between them
            gap = folded[cits[i].end : cits[j].start] if i is not None and j is not None and i < j else ""
            m = _AMENDED_BY.search(gap)
            if m is None:
                out.setdefault((src, dst, rel), []).append(mention)
            elif len(gap[: m.start()].strip(" ,;")) <= 40 and "luat " not in gap[: m.start()]:
                # Y amends X; an edge the relations stage already read as "amends" is that way round
                edge = (src, dst, rel) if rel == "amends" else (dst, src, "amends")
                out.setdefault(edge, []).append(mention)
            # else: the phrase belongs to something named between, not to X: no edge
    return out


def _law_title(title: str) -> str | None:
    """A law's own name from its title ("LUẬT ĐẤT ĐAI"), when the title is one."""
    t = " ".join(title.split())
    if "[" in t or len(t.split()) > 14 or not re.match(r"lu[a]t\s+\S", fold(t[:6]).lower()):
        return None
    return t


_DRAFT = re.compile(r"(?<!\w)(?:DỰ THẢO|Dự thảo|DU THAO)(?!\w)")


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


_NAME_GAP = re.compile(r"[ \t\n,]{0,3}\Z")


def _pair_names(text: str, folded: str, cits: list[Citation], laws: list[LawCitation]) -> tuple[list[Citation], list[LawCitation]]:
    """"Luật Đất đai số 45/2013/QH13": a name and the number written right after it are one citation,
    which keeps the name (:attr:`Citation.name`) and starts where the name does."""
    by_start = {c.start: i for i, c in enumerate(cits)}
    out = list(cits)
    left = []
    for law in laws:
        hit = None
        for pos in range(law.end, min(len(folded), law.end + 4)):
            if pos in by_start and _NAME_GAP.match(folded, law.end, pos) is not None:
                hit = by_start[pos]
                break
        if hit is None:
            left.append(law)
            continue
        c = out[hit]
        if law.tail_start is not None:  # "Luật sửa đổi … của Luật X, Luật Y số …": the number is Luật Y's
            left.append(law)
            head = _LAW_HEAD.match(folded, law.tail_start)
            start = law.tail_start
            name = clean(text[start : law_name_end(text, folded, head.end())]) if head else law.name
            kind = _LAW_KIND.get(folded[start], "Luật")
        else:
            start, name, kind = law.start, law.name, law.kind
        typ = kind if c.type in ("Luật", "CV") else c.type
        out[hit] = dataclasses.replace(c, start=start, name=_canonical_law_name(name), type=typ, date=c.date or law.date,
                                       year=c.year or law.year)
    return out, left


def _same_name(a: str, b: str) -> bool:
    """Two folded names that differ at most by OCR damage."""
    from rapidfuzz import fuzz

    return a == b or (abs(len(a) - len(b)) <= 3 and fuzz.ratio(a, b) >= 88)


def _own_name(text: str, h: Header, doc_type: str | None) -> str | None:
    """A law's, code's or ordinance's own name, folded ("luat chung khoan"): its mentions are itself."""
    if doc_type not in ("Luật", "Bộ luật", "PL", "Hiến pháp") or not h.title or not h.title_span:
        return None
    lo, hi = h.title_span
    t = squash(text[lo:hi].split("\n", 1)[0])
    t = re.split(r"\s(?:so|ngay|nam)\s*[:\d]|\s\[", t)[0].strip(" ,.")
    return t or None


def extract(path_or_text, source: str | None = None) -> DocumentRecord:
    """Extract from a loaded :class:`~luocdo.loaders.text.Text` or a plain string."""
    if isinstance(path_or_text, str):
        return extract_text(path_or_text, source or "<string>")
    t = path_or_text
    return extract_text(t.text, source or t.source, t.sha256)


_OPENING_TYPE = re.compile(
    r"(?:ban\s+h[a]nh|x[a]y\s+d[u]ng(?:\s+v[a]\s+ban\s+h[a]nh)?|b[a]o\s+c[a]o)\s+(?P<w>" + P.TYPE_WORD.pattern + r")?"
)


def _type_from_opening(folded: str, h: Header) -> str | None:
    hi = min(len(folded), max(h.preamble_end, h.body_start) + 300)
    for m in _OPENING_TYPE.finditer(folded, h.body_start, hi):
        w = m.group("w")
        if w:
            for i, code in enumerate(P.TYPE_WORD_CODES):
                if re.fullmatch(P.TYPE_WORDS[i][1], w):
                    return code
        elif folded[m.start() : m.start() + 3] == "bao":
            return "BC"
    return None


def _unify_years(insts: list[Instrument]) -> list[Instrument]:
    """A citation without a date takes the year of a dated mention of the same
    number and symbol in the same document ("Nghị quyết 57-NQ/TW" after
    "Nghị quyết số 57-NQ/TW ngày 22/12/2024")."""
    known: dict[tuple[str | None, str | None, str | None], int] = {}
    for i in insts:
        if i.year:
            known[(i.number, i.symbol, K.Key.parse(i.key).scope)] = i.year
    out = []
    for i in insts:
        if i.year is None:
            key = K.Key.parse(i.key)
            y = known.get((i.number, i.symbol, key.scope))
            if y:
                i = Instrument(
                    key=str(key.with_year(y)),
                    type=i.type, number=i.number, symbol=i.symbol, date=i.date, year=y, title=i.title, issuer=i.issuer,
                )
        out.append(i)
    return out


def _merge_instruments(items: list[Instrument]) -> Instrument:
    """One instrument from several mentions: first non-empty value of each field."""
    first = items[0]
    if len(items) == 1 and (first.issuer is None or first.issuer.level):
        return first  # what the merge below would rebuild, field for field
    date = next((i.date for i in items if i.date), None)
    title = next((i.title for i in items if i.title), None)
    issuer = next((i.issuer for i in items if i.issuer and i.issuer.level), None)
    year = next((i.year for i in items if i.year), None)
    return Instrument(key=first.key, type=first.type, number=first.number, symbol=first.symbol, date=date, year=year, title=title, issuer=issuer)


#: Laws most often cited by name; OCR'd names are matched to these.
KNOWN_LAWS = (
    "Luật Tổ chức chính quyền địa phương",
    "Luật Tổ chức Chính phủ",
    "Luật Ban hành văn bản quy phạm pháp luật",
    "Luật Ngân sách nhà nước",
    "Luật Cán bộ, công chức",
    "Luật Viên chức",
    "Luật Giao dịch điện tử",
    "Luật An ninh mạng",
    "Luật An toàn thông tin mạng",
    "Luật Công nghệ thông tin",
    "Luật Đầu tư công",
    "Luật Khoa học và Công nghệ",
    "Luật Khoa học, công nghệ và đổi mới sáng tạo",
    "Luật Tiếp cận thông tin",
    "Luật Phổ biến, giáo dục pháp luật",
    "Luật Thi đua, khen thưởng",
    "Luật Dữ liệu",
    "Luật Căn cước",
    "Luật Đất đai",
    "Luật Xây dựng",
    "Luật Quy hoạch",
    "Luật Nhà ở",
    "Luật Kinh doanh bất động sản",
    "Luật Doanh nghiệp",
    "Luật Đầu tư",
    "Luật Đấu thầu",
    "Luật Đầu tư theo phương thức đối tác công tư",
    "Luật Quản lý thuế",
    "Luật Quản lý, sử dụng tài sản công",
    "Luật Xử lý vi phạm hành chính",
    "Luật Phòng, chống tham nhũng",
    "Luật Bảo vệ môi trường",
    "Luật Bảo hiểm xã hội",
    "Luật Bảo hiểm y tế",
    "Luật Hải quan",
    "Luật Thuế giá trị gia tăng",
    "Luật Thuế thu nhập doanh nghiệp",
    "Luật Thuế thu nhập cá nhân",
    "Luật Thuế xuất khẩu, thuế nhập khẩu",
    "Luật Thuế tiêu thụ đặc biệt",
    "Luật Kế toán",
    "Luật Giá",
    "Luật Chứng khoán",
    "Luật Các tổ chức tín dụng",
    "Luật Tài nguyên nước",
    "Luật Khám bệnh, chữa bệnh",
    "Luật Giáo dục",
    "Luật Giáo dục đại học",
    "Luật Giáo dục nghề nghiệp",
    "Luật Tổ chức Quốc hội",
    "Luật Tổ chức Tòa án nhân dân",
    "Luật Tổ chức Viện kiểm sát nhân dân",
    "Luật Thi hành án dân sự",
    "Luật Tố cáo",
    "Luật Khiếu nại",
    "Luật Thanh tra",
    "Luật Hôn nhân và gia đình",
    "Luật Sở hữu trí tuệ",
    "Luật Thương mại",
    "Luật Đường bộ",
    "Luật Trật tự, an toàn giao thông đường bộ",
    "Luật Thủy lợi",
    "Luật Lâm nghiệp",
    "Luật Thủy sản",
    "Luật Trồng trọt",
    "Luật Chăn nuôi",
    "Luật Khoáng sản",
    "Luật Dược",
    "Luật Quốc phòng",
    "Luật Biển Việt Nam",
    "Luật Quản lý ngoại thương",
    "Luật Hợp tác xã",
    "Luật Cạnh tranh",
    "Luật Kiểm toán nhà nước",
    "Luật Mặt trận Tổ quốc Việt Nam",
    "Luật Quốc tịch Việt Nam",
    "Luật Trách nhiệm bồi thường của Nhà nước",
    "Luật Điện lực",
    "Luật Viễn thông",
    "Luật Báo chí",
    "Luật Xuất bản",
    "Luật Di sản văn hóa",
    "Luật Du lịch",
    "Luật Thể dục, thể thao",
    "Luật Lao động",
    "Bộ luật Lao động",
    "Bộ luật Dân sự",
    "Bộ luật Hình sự",
    "Bộ luật Tố tụng dân sự",
    "Bộ luật Tố tụng hình sự",
    "Bộ luật Hàng hải Việt Nam",
)


@lru_cache(maxsize=1)
def _known_law_set() -> frozenset[str]:
    return frozenset(_known_law_names())


@lru_cache(maxsize=1)
def _known_law_names() -> dict[str, str]:
    return {squash(n): n for n in KNOWN_LAWS}


@lru_cache(maxsize=4096)  # the same few laws are cited, in the same words, across a corpus
def _canonical_law_name(raw: str) -> str:
    from rapidfuzz import fuzz, process

    folded = squash(raw)
    choices = _known_law_names()
    best = process.extractOne(folded, list(choices), scorer=fuzz.ratio)
    if best and best[1] >= 82:
        return choices[best[0]]
    return raw
