"""Who wrote a document, and where: the issuer and province the text establishes.

Evidence is read in order of trust (the agency block, the provinces named, the
actor of the opening and closing sentences, the place of the date line, the
units named) and later evidence only when the earlier leaves the question open.
A document of before July 2025 keeps the issuer as it then was.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from luocdo.core import keys as K
from luocdo.core.fold import fold, slug, squash
from luocdo.core.model import Issuer, Level
from luocdo.core.registry import Org, registry
from luocdo.loaders import patterns as P
from luocdo.loaders.citations import clean
from luocdo.loaders.consolidated import consolidation_issuer
from luocdo.loaders.header import Header
from luocdo.loaders.restore import restore_damaged
from luocdo.loaders.scan import KeywordPattern

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


#: "tỉnh Quảng Ngãi", "thành phố Huế": a province named in the text (the name follows).
_PROVINCE_MENTION = KeywordPattern(r"(?<![a-z])", ("tinh", r"thanh\s+ph[o0-9bde&`]"), r"\s+(?=[a-z])")
#: "UBND xã Bắc Ruộng", "Hội đồng nhân dân phường …": a unit named in the text (its kind is group 1).
_UNIT_MENTION = KeywordPattern(
    r"(?<![a-z])", ("ubnd", P.UY_BAN_NHAN_DAN, "hdnd", P.HOI_DONG_NHAN_DAN),
    r"\s+(xa|phuong|dac\s+khu|tinh|thanh\s+pho)\s+(?=[a-z])",
)
_ACTOR_VERB = re.compile(
    r"(?:,|;|\.\s|\A|\n)\s*(?P<who>[^,;.:\n](?:[^,;.:\n]|\n(?!\s*\n)){2,80}?)\s+(?:d[a]\s+)?(?:x[a]y\s+d[uw]ng\s+v[a]\s+ban\s+h[a]nh|ban\s+h[a]nh|x[a]y\s+d[uw]ng|b[a]o\s+c[a]o\s+k[e&]t\s+qu[a])\b"
)

# the actor ending right before a verb found by _ACTOR_VERB_ONLY (endpos = the verb)
_ACTOR_BEFORE = re.compile(r"(?:,|;|\.\s|\A|\n)\s*(?P<who>[^,;.:\n](?:[^,;.:\n]|\n(?!\s*\n)){2,80}?)\s+(?:d[a]\s+)?\Z")
#: A body's name, as written or with its marks lost ("UY BAN NHAN DAN XA BA TO").
_ORG_START = re.compile(
    r"(?:Sở|SỞ|Văn phòng|VĂN PHÒNG|Ủy ban|ỦY BAN|UBND|Ban|BAN|Phòng|PHÒNG|Trung tâm|Công an|Bộ|BỘ"
    r"|So|SO|Van phong|VAN PHONG|Uy ban|UY BAN|Phong|PHONG|Trung tam|TRUNG TAM|Cong an|CONG AN|Bo|BO)\s"
)
#: The verbs an actor of the opening or closing sentence does: "ban hành", "xây dựng", "báo cáo kết quả".
_ACTOR_VERB_ONLY = KeywordPattern(r"(?<![a-z])", (r"ban\s+h[a]nh", r"x[a]y\s+d[uw]ng", r"b[a]o\s+c[a]o\s+k[e&]t\s+qu[a]"), r"\b")


_WORD = re.compile(r"[^\s,;.:()\"“”]+")


def _capitalised_words(text: str, pos: int, limit: int = 4) -> str:
    """Words from ``pos`` while they start with a capital letter ("Quảng Ngãi"), up to a punctuation mark ("tỉnh Hà
    Tĩnh, UBND xã …" names Hà Tĩnh)."""
    words: list[str] = []
    end = pos
    for m in _WORD.finditer(text, pos, pos + 60):
        w = m.group(0)
        if not w[0].isupper() or len(words) >= limit or (words and text[end : m.start()].strip()):
            break
        words.append(w)
        end = m.end()
    return " ".join(words)


#: What follows a place at the start of a date line: ", ngày".
_DATE_LINE_AFTER = re.compile(r"\s*,\s*" + P.NGAY)


def _province_votes(text: str, folded: str) -> Counter[str]:
    reg = registry()
    votes: Counter[str] = Counter()
    for m in _PROVINCE_MENTION.finditer(folded):
        if not text[m.end()].isupper():  # "tỉnh năm 2025": the name starts with a capital (or there is none)
            continue
        name = _capitalised_words(text, m.end(), 3)
        if name and "\n" in text[m.start() : m.end()] and _DATE_LINE_AFTER.match(folded, m.end() + len(name)):
            continue  # "… của UBND tỉnh\nSơn Hà, ngày 20 tháng 8 năm 2025": the line after is the date line's place
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
        for v in _ACTOR_VERB_ONLY.finditer(folded, lo, hi):
            if re.search(r"(?<![a-z])(?:s[o0&6]|b[o0])\s+\Z", folded[max(0, v.start() - 4) : v.start()]):
                continue  # "Sở Xây dựng", "Bộ Xây dựng" are names, not verbs
            m = _ACTOR_BEFORE.search(folded, max(lo, v.start() - 100), v.start())
            if m is None or m.start() <= last:
                continue
            last = m.start()
            who = clean(text[m.start("who") : m.end("who")])
            if who and len(who.split()) <= 10:
                yield who
    if h.title and not P.CITATION.search(fold(h.title)):
        tm = re.search(r"\bc[a-z`]{0,3}a\s+(.{4,60})$", fold(h.title))
        if tm:
            yield h.title[tm.start(1) :]


def _unit_votes(text: str, folded: str) -> Counter[str]:
    """Units named in the text ("UBND xã Bắc Ruộng"), by how often."""
    unit_votes: Counter[str] = Counter()
    for m in _UNIT_MENTION.finditer(folded):
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


def resolve_context(text: str, folded: str, h: Header) -> tuple[Context, list[str]]:
    """The issuer and province of the document.

    Evidence in order of trust: the agency block, the provinces named in the
    text (only when the block names none), the actor of the opening and closing
    sentences and the title (only when the block's issuer does not resolve),
    the place of the date line, the units named in the text.  Later evidence is
    read only when the earlier leaves the question open: most documents carry
    a header that settles it.
    """
    # the agency block, parent line first: "UBND TỈNH QUẢNG NGÃI / SỞ KHOA HỌC VÀ CÔNG NGHỆ"
    lines = unflattened([x for x in (_agency_line(line) for line in h.agency_lines) if x])
    central = _central_block(lines)
    consolidator = consolidation_issuer(h.issuer_code, folded[:3000]) if h.type == "VBHN" else None
    if consolidator is not None and (central is None or central.org is None or central.org.id != consolidator.id):
        return Context(consolidator, None, None, None), []  # never what it consolidates, nor a signer
    if central is not None:
        return _party_centre(central, folded, h), []
    province, candidates = _agency_block(lines)
    if province is None:
        votes = _province_votes(text, folded)
        if votes:
            province = votes.most_common(1)[0][0]
    org = _issuer(text, folded, h, bool(lines), candidates, province)
    return _settled(org, province, candidates)


#: A province's body after its province on one line, as a flattened header gives it: "UBND TỈNH QUẢNG NGÃI SỞ Y TẾ".
_BODY_AFTER_PROVINCE = re.compile(
    r"(?:ubnd|" + P.UY_BAN_NHAN_DAN + r")\s+(?:tinh|thanh\s+pho)\s+\S+(?:\s+\S+){0,4}?\s+"
    r"(?=(?:so|ban|van\s+phong|phong|trung\s+tam|chi\s+cuc|thanh\s+tra|cong\s+an)\s)"
)


def unflattened(lines: list[str]) -> list[str]:
    """A single agency line that holds the province and its body ("UBND TỈNH QUẢNG NGÃI SỞ Y TẾ"), as two."""
    if len(lines) != 1:
        return lines
    m = _BODY_AFTER_PROVINCE.match(fold(lines[0]))
    if m is None or not registry().province(lines[0][: m.end()].strip()):
        return lines
    return [lines[0][: m.end()].strip(), lines[0][m.end() :].strip()]


def _agency_block(lines: list[str]) -> tuple[str | None, list[str]]:
    """The province the agency block names, and its issuer line as the first candidate."""
    if not lines:
        return None, []
    reg = registry()
    province = None
    for line in lines:
        p = reg.province(re.sub(r"(?i)^(?:ubnd|ủy ban nhân dân|uy ban nhan dan|hđnd)\s+", "", line))
        if p:
            province = p.name
    issuer_line = lines[-1]
    if len(lines) >= 2 and re.fullmatch(r"(?:xa|phuong|dac khu|tinh|thanh pho)\s+(?!uy\b).+", squash(issuer_line)):
        issuer_line = f"{lines[-2]} {issuer_line}"
    elif (len(lines) >= 2 and _PROVINCE_PARTY_COMMITTEE.fullmatch(squash(issuer_line))
          and _PROVINCE_PARTY.match(squash(lines[-2]))):
        issuer_line = "Tỉnh ủy"  # "ĐẢNG BỘ TỈNH QUẢNG NINH / BAN CHẤP HÀNH": the province's Party Committee
    elif len(lines) >= 2 and _PARTY_COMMITTEE.match(squash(lines[-2])) and _PARTY_BOARD.match(squash(issuer_line)):
        issuer_line = f"{issuer_line} Tỉnh ủy"  # "TỈNH ỦY LÂM ĐỒNG / BAN TUYÊN GIÁO VÀ DÂN VẬN": a board of it
    return province, [issuer_line]


#: "TỈNH ỦY …", "THÀNH ỦY …" above a board of the committee ("BAN TỔ CHỨC", "VĂN PHÒNG", "ỦY BAN KIỂM TRA").
_PARTY_COMMITTEE = re.compile(r"(?:tinh|thanh)\s*uy\b")
_PARTY_BOARD = re.compile(r"(?:ban|van phong|uy ban kiem tra)\s")


#: The Executive Committee under a province's Party organisation ("ĐẢNG BỘ TỈNH … / BAN CHẤP HÀNH"): the Tỉnh ủy.
_PROVINCE_PARTY_COMMITTEE = re.compile(r"ban chap hanh(?: dang bo(?: tinh| thanh pho)?)?")
_PROVINCE_PARTY = re.compile(r"[dpb0]ang bo (?:tinh|thanh pho)\s")  # "ĐẢNG BỘ TỈNH …" ("PANG BO TINH" as OCR reads it)


def _issuer(text: str, folded: str, h: Header, has_block: bool, candidates: list[str], province: str | None) -> Org | None:
    """The first organisation the evidence resolves to (the actors read are added to ``candidates``)."""
    reg = registry()
    for cand in _more(candidates, _actor_candidates(text, folded, h)):
        o = reg.resolve(cand, province=province)
        if o is not None:
            return o
    org = None
    if h.issuer_code and not has_block:
        # no agency block: the symbol's agency code says who issued it ("3500/QĐ-BYT": Bộ Y tế)
        head = h.issuer_code.split("-")[0]
        if not K.is_local_issuer(head) and head not in SHARED_CODES:
            org = reg.resolve(CENTRAL_BY_CODE.get(head, head))
    if org is None and h.place:
        org = reg.commune(h.place, province)
    if org is None:
        unit_votes = _unit_votes(text, folded)
        if unit_votes:
            o = reg.resolve(unit_votes.most_common(1)[0][0], province=province)
            if o is not None and o.level == "commune":
                org = o
    return org


def _settled(org: Org | None, province: str | None, candidates: list[str]) -> tuple[Context, list[str]]:
    """The context once the issuer is known: its province wins, and its commune is kept."""
    reg = registry()
    # "UBND đặc khu" without a name, in a document placed in Lý Sơn
    if org is not None and org.level == "commune" and province is None:
        province = org.province
    if org is not None and org.province and province != org.province:
        province = org.province if (org.level in ("commune", "department") or province is None) else province
    commune = None
    if org is not None and org.level == "commune":
        commune = reg.by_id(org.parent_id) if org.id.startswith("unit:") and org.parent_id else org
    if org is not None:
        return Context(org, province, commune, None), []
    if province is None:
        # "XÃ BA TO" with its marks lost fits Ba Tơ and Ba Tô: both of Quảng Ngãi, so the province is known
        for cand in candidates:
            provinces = {o.province for o in reg.communes_named(cand)}
            if len(provinces) == 1:
                province = provinces.pop()
                break
    # keep the body as written ("Sở Tài chính" of an unnamed province)
    raw = next((c for c in candidates if _ORG_START.match(c) and len(c.split()) <= 12), None)
    return Context(org, province, commune, raw), ["issuer not established by the text"]


#: Separators and type words that header extraction leaves in the agency block
#: ("QUỐC HỘI ******", "Luật số:" → "Luật"): not the agency.
_BLOCK_JUNK = re.compile(r"[*=_~]{2,}|-{3,}")
_NOT_AGENCY = re.compile(
    r"(?:so\s*(?::|\d).*|(?:bo\s+)?luat|nghi\s+quyet|nghi\s+dinh|thong\s+tu(?:\s+lien\s+tich)?|quyet\s+dinh|chi\s+thi"
    r"|phap\s+lenh|lenh|hien\s+phap|van\s+ban\s+hop\s+nhat)\s*(?:so\s*:?)?\s*"
)
_TYPE_AT_END = re.compile(r"\s(?:" + _NOT_AGENCY.pattern + r")[il|]?$")  # ("LUẬTI": a speck read as a letter)
_RULE_READ = re.compile(r"^(?:[^\W\d_]{9,}|[a-z]{5,})[=_~-]*(?:\s+(?=\S*?[A-Z])|$)")  # (no Vietnamese syllable has 9 letters)
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
    line = " ".join(_BLOCK_JUNK.sub(" ", line).split()).strip(" -:.")  # ("QUOC HOI ------- :": OCR's specks)
    line = _RULE_READ.sub("", line)  # "xeseeesese= LUẬT": a rule read as letters before words in capitals
    folded = fold(line).lower()  # same offsets as the line
    if _NOT_AGENCY.fullmatch(folded.rstrip("il|")):  # ("LUẬTI": a speck read as a letter)
        return None
    m = _TYPE_AT_END.search(folded)  # "QUỐC HỘI Luật": the type word of "Luật số:" glued on
    if m:
        line = line[: m.start()].rstrip(" -")
    # an agency is written with capitals: a run of small letters is OCR's reading of a rule ("xeseeesese")
    return line if line and not line.islower() else None


def _canonical_body(raw: str) -> str:
    """A body's name as written in running text: "TỔNG CỤC HẢI QUAN" → "Tổng cục Hải quan"."""
    words = raw.lower().split()
    head = 2 if len(words) > 2 and fold(" ".join(words[:2])) in ("tong cuc", "uy ban", "hoi dong", "thanh tra") else 1
    out = [w.capitalize() if i in (0, head) else w for i, w in enumerate(words)]
    name = re.sub(r"\bviệt nam\b", "Việt Nam", " ".join(out))
    return restore_damaged(name) or name  # "TONG CUC HAI QUAN" as OCR left it: "Tổng cục Hải quan" when sure


#: Who of the Party's centre acts, under a "BAN CHẤP HÀNH TRUNG ƯƠNG" block: "T/M BỘ CHÍNH TRỊ" in the
#: signature, or "Bộ Chính trị yêu cầu / quyết định / kết luận" in the text (folded, OCR-tolerant).
_PARTY_CENTRE_ACTS = re.compile(
    r"(?<![a-z])(?P<who>b[o0]\s+ch[i1j]nh\s+tr[i1j]|ban\s+b[i1j]\s+th[uw])\s+"
    r"(?:y[a-z&`]{1,2}u\s+c[a-z&`]{1,2}u|quy[a-z&`]t\s+d[i1j]nh|k[a-z&`]t\s+lu[a-z&`]n|ch[i1j]\s+th[i1j])"
)


def _party_centre(ctx: Context, folded: str, h: Header) -> Context:
    """A document under the Central Committee's block issued by the Politburo or the Secretariat: the
    body its signature or its text names (the block stays the Central Committee's otherwise)."""
    if ctx.org is None or ctx.org.id != "central:ban-chap-hanh-trung-uong":
        return ctx
    cap = fold(h.signer_capacity or "")
    m = _PARTY_CENTRE_ACTS.search(folded, 0, min(len(folded), 6000))
    who = "Bộ Chính trị" if "chinh tri" in cap else "Ban Bí thư" if "bi thu" in cap and "pho" not in cap else None
    if who is None and m is not None:
        who = "Bộ Chính trị" if m.group("who").startswith("b") and "chinh" in m.group("who") else "Ban Bí thư"
    org = registry().central(who) if who else None
    return Context(org, None, None, None) if org is not None else ctx


def _central_block(lines: list[str]) -> Context | None:
    """The central agency of the block's last line, or of its last two lines read as one when that
    names several bodies or a body of a ministry: a long joint line wrapped ("BỘ TÀI CHÍNH - BỘ TÀI
    NGUYÊN VÀ MÔI / TRƯỜNG - BỘ Y TẾ"), or the ministry above its body ("BỘ TÀI CHÍNH / TỔNG CỤC HẢI QUAN")."""
    if not lines:
        return None
    if len(lines) >= 2:
        # a joint list wrapped before its "- BỘ Y TẾ" (the dash lost with the line's start): joined as a list first
        for joint in ((" - ", " ") if " - " in lines[-2] else (" ",)):
            both = _central_agency(f"{lines[-2]}{joint}{lines[-1]}")
            if both is not None and both.body is not None:
                return both
    return _central_agency(lines[-1])


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


def body_issuer(ctx: Context) -> Issuer | None:
    """The issuer when the body is part of the organisation or several (see Context.body)."""
    if ctx.body is None or ctx.org is None:
        return None
    return Issuer(name=ctx.body, level=ctx.org.level, id=ctx.org.id)  # type: ignore[arg-type]


def is_council(symbol: str | None) -> bool:
    """A symbol ending in HĐND ("93/NQ-HĐND"): the People's Council issued it, not the People's Committee."""
    return (symbol or "").rsplit("-", 1)[-1] in COUNCIL_CODES


#: A council's own code and its committees' ("12/BC-KTNS": Ban Kinh tế - Ngân sách of the HĐND).
COUNCIL_CODES = frozenset({"HĐND", "KTNS", "VHXH", "KTXH"})


@lru_cache(maxsize=16384)  # a pure function of the organisation: asked for at every citation
def issuer_of(org: Org | None, council: bool = False) -> Issuer | None:
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

#: Codes several bodies share: "-NQ/TW" is a resolution of the Politburo (Bộ Chính trị), the
#: Secretariat (Ban Bí thư) or the Central Committee (Ban Chấp hành Trung ương).  The symbol alone
#: does not say which, so no issuer is taken from it; only words ("của Bộ Chính trị") say.
SHARED_CODES = frozenset({"TW"})

CENTRAL_BY_CODE = {
    "TW": "Ban Chấp hành Trung ương",
    "CP": "Chính phủ",
    "TTg": "Thủ tướng Chính phủ",
    "QH": "Quốc hội",
    "UBTVQH": "Ủy ban Thường vụ Quốc hội",
    "VPCP": "Văn phòng Chính phủ",
}


_COMMUNE_HEAD = re.compile(r"^(?:(?:ubnd|uy\s+ban\s+nhan\s+dan)\s+)?(?:xa|phuong|thi\s+tran|dac\s+khu)\s+")


def unlisted_commune_scope(raw: str, province: str | None) -> str | None:
    """The scope of a commune the registry does not list, from its name as written: "ha-tinh/duc-lac"; unknown (None)
    for a name the province's listed communes share as folded ("XA BA TO": Ba Tơ or Ba Tô), which one is not said."""
    folded = " ".join(fold(raw).split())
    head = _COMMUNE_HEAD.match(folded)
    name = folded[head.end() :] if head else ""
    if not province or not name:
        return None
    if any(c.province == province for c in registry().communes_named(raw)):
        return None
    return K.scope_of(province, slug(name))


def level_of_name(name: str) -> Level:
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


def level_guess(head: str) -> Level:
    if head in P.PARTY_ISSUERS:
        return "party" if head != "TW" else "central"
    if head in CENTRAL_BY_CODE:
        return "central"
    if head.startswith("B"):
        return "ministry"
    if head.startswith("S"):
        return "department"
    return "province"
