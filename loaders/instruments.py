"""Cited instruments: who issued each citation, its key, and the same instrument met again.

A citation (loaders.citations) becomes an :class:`~luocdo.core.model.Instrument`:
its issuer is read from the words after it, the actor before it, or its
symbol's agency code; its key from number, symbol, year and the issuer's scope.
"""

from __future__ import annotations

import dataclasses
import re

from luocdo.core import keys as K
from luocdo.core.fold import fold, slug, squash
from luocdo.core.model import Instrument, Issuer
from luocdo.core.registry import Org, registry
from luocdo.loaders import patterns as P
from luocdo.loaders.citations import Citation, clean
from luocdo.loaders.context import (
    CENTRAL_BY_CODE,
    COUNCIL_CODES,
    SHARED_CODES,
    Context,
    is_council,
    issuer_of,
    level_guess,
    unlisted_commune_scope,
)
from luocdo.loaders.law_names import canonical_law_name
from luocdo.loaders.laws import LAW_HEAD, LAW_KIND, LawCitation, law_name_end

_LOCAL_ACTOR = re.compile(
    r"(?:(?:ubnd|" + P.UY_BAN_NHAN_DAN + r")\s+|(?<![a-z]))(xa|phuong|dac\s+khu|tinh|thanh\s+ph[o0-9bde&`])(?:\s+[a-z0-9`&]+){0,3}\s+(?:d[a]\s+)?(?:ban\s+h[a]nh|x[a]y\s+d[uw]ng)[\s\w]{0,30}\Z"
)


#: Where an actor's name ends before its verb: "đã", "ban hành", "xây dựng".
_ACTOR_END = re.compile(r"\s+(?:đã|da|ban|xây|xay)\s", re.IGNORECASE)
#: A central body's branch named by its level ("BHXH tỉnh", "Bảo hiểm xã hội huyện", "Thuế thành phố").
#: ("quận" is left out: folded, it is the "quan" of "Hải quan", "cơ quan").
_BRANCH = re.compile(r"[^,;()]{2,40}?\s(?:tinh|thanh\s+pho|huyen|thi\s+xa|khu\s+vuc)\b")


def _names_branch(phrase: str | None) -> bool:
    return phrase is not None and _BRANCH.match(fold(phrase)) is not None


#: The head of a body, before its name: "Giám đốc (Sở Nội vụ)", "Chánh (Văn phòng UBND tỉnh)", "Chỉ huy trưởng (Bộ
#: Chỉ huy Quân sự tỉnh)", "Trưởng (phòng Văn hóa - Xã hội)", "Phó Giám đốc …".
_HEAD_OF = re.compile(
    r"(?:ph[o0]\s+)?(?:gi[a]m\s+d[o0]c|ch[a]nh(?=\s+(?:v[a]n\s+ph[o0]ng|thanh\s+tra))|ch[i1]\s+huy\s+tr[uw][o0]ng"
    r"|tr[uw][o0]ng(?=\s+(?:ph[o0]ng|ban))|th[u]\s+tr[uw][o0]ng|c[u]c\s+tr[uw][o0]ng)\s+"
)
#: "của <issuer> tại" right before a citation: the issuer named before it.
_ISSUER_BEFORE = re.compile(r"(?<![a-z])" + P.CUA + r"\s+(?P<who>[^,;.:()\n]{3,80}?)\s+t[a]i\s+\Z")


def citation_issuer(c: Citation, text: str, folded: str, ctx: Context) -> tuple[Org | None, str | None]:
    """The organisation that issued a cited instrument, and the raw phrase."""
    reg = registry()
    province = ctx.province
    commune_name = ctx.commune.name if ctx.commune else None
    head = _legislature((c.issuer_code or "").split("-")[0])
    phrase = c.issuer_phrase
    if phrase:
        o, said = _leading_issuer(phrase, province, commune_name)
        if o is not None:
            return o, said
    # "(ý kiến) chỉ đạo của Chủ tịch UBND tỉnh tại Văn bản số 4567/UBND-KGVX"
    bm = _ISSUER_BEFORE.search(folded, max(0, c.start - 100), c.start)
    if bm is not None:
        # "Xét đề nghị của Giám đốc Công an tỉnh tại Tờ trình số …": the body its head speaks for
        title = _HEAD_OF.match(folded, bm.start("who"), bm.end("who"))
        who = bm.start("who") if title is None else title.end()
        o, said = _leading_issuer(clean(text[who : bm.end("who")]), province, commune_name)
        if o is not None:
            return o, said
    if (acted := _local_actor(c, text, folded, ctx, head)) is not None:
        return acted
    if head in SHARED_CODES:
        return None, None  # "57-NQ/TW": the Politburo's or the Central Committee's; the words did not say
    # "của BHXH tỉnh" of a province not known here: a branch, not Bảo hiểm xã hội Việt Nam its code names
    branch = _names_branch(phrase)
    if head in CENTRAL_BY_CODE and not branch:
        return reg.resolve(CENTRAL_BY_CODE[head]), None
    if head in ("UBND", "HĐND") or head in COUNCIL_CODES:
        if ctx.commune is not None and (phrase is None or "xa" in fold(phrase) or "phuong" in fold(phrase)):
            return ctx.commune, None
        return (reg.province(province) if province else None), None
    if head in ("TU", "BTV"):
        return (reg.resolve("Tỉnh ủy", province=province) if province else None), None
    if head.endswith("TU") and province and (board := reg.party(head, province)) is not None:
        return board, None  # "34-KH/BTCTU": a board of the province's Party Committee
    if head == "ĐU" and ctx.commune is not None:
        return reg.commune_unit("Đảng ủy", ctx.commune), None  # "15-KH/ĐU" in a commune's paper: its Party committee
    if head and K.is_local_issuer(head):
        return reg.department_from_code(head, province), None
    if head:
        o = reg.resolve(head)
        if o is not None and not (branch and o.level in ("central", "ministry")):
            return o, None
    return None, phrase


def _local_actor(c: Citation, text: str, folded: str, ctx: Context, head: str) -> tuple[Org | None, str | None] | None:
    """The issuer the actor before a citation names: "UBND đặc khu đã ban hành Kế hoạch số 38/KH-UBND", "xã Tịnh Khê
    ban hành Kế hoạch số 12/KH-UBND" in a province's report; None when no actor settles it."""
    reg, province = registry(), ctx.province
    lm = _LOCAL_ACTOR.search(folded, max(0, c.start - 90), c.start)
    if lm is None or (not lm.group(0).startswith(("ubnd", "uy")) and head not in ("UBND", "HĐND")):
        return None  # "xã … ban hành" without "UBND" names the committee only for its committee's numbers
    kind = "thanh pho" if lm.group(1).startswith("thanh") else lm.group(1)
    actor = _ACTOR_END.split(text[lm.start() : lm.start() + len(lm.group(0))])[0]  # "UBND xã Sơn Mai (đã) ban hành"
    named = reg.resolve(clean(actor), province=province)
    if named is not None and named.level == "commune" and kind != "tinh":
        return named, None  # "UBND xã Sơn Mai đã ban hành Kế hoạch số 14/KH-UBND" in a province's report
    if named is None and unlisted_commune_scope(actor, province) is not None:
        return None, clean(actor)  # a commune the registry does not list: its name as written
    if kind in ("tinh", "thanh pho"):
        if named is not None and named.level == "province":
            return named, None
        if province:
            return reg.province(province), None
    return (ctx.commune, None) if ctx.commune is not None else None


#: Between two items of one list of citations: "…/KH-UBND ngày 15/01/2025, số 45/KH-UBND", "… và số …".
_LIST_GAP = re.compile(r"\s*(?:[,;]\s*(?:v[a]\s+)?|\s+v[a]\s+)\Z")
#: A list's heading naming the issuer before its first number: "các Nghị quyết của Bộ Chính trị: số 57-NQ/TW".
_LIST_HEAD = re.compile(r"(?<![a-z])" + P.CUA + r"\s+(?P<who>[^,;.:()\n]{3,60}?)\s*:\s*\Z")


def shared_issuers(cits: list[Citation], text: str, folded: str) -> list[Citation]:
    """Citations of one list take the issuer the list names once.

    "Kế hoạch số 12/KH-UBND ngày 15/01/2025, số 45/KH-UBND ngày 20/3/2025 và số 78/KH-UBND
    ngày 02/6/2025 của UBND tỉnh": the province's three plans, not two of the commune writing.
    "các Nghị quyết của Bộ Chính trị: số 57-NQ/TW …; số 66-NQ/TW …": the heading's issuer for
    each item written as a bare "số …".  Only items of the same agency code share an issuer."""
    out = list(cits)
    # the issuer after the last item, back to the items before it (nothing but "ngày …" and "," between)
    for i in range(len(out) - 2, -1, -1):
        c, nxt = out[i], out[i + 1]
        if (c.issuer_phrase is None and nxt.issuer_phrase is not None and _agency(c) == _agency(nxt)
                and c.end <= nxt.start and (_LIST_GAP.match(folded, c.end, nxt.start) is not None
                                            or (nxt.type_word is None and _continues(c, nxt, folded)))):
            # "… số 12/KH-UBND ngày … về A, số 45/KH-UBND ngày … về B của UBND tỉnh": a bare "số …" goes on the list
            out[i] = dataclasses.replace(c, issuer_phrase=nxt.issuer_phrase)
    # a heading's issuer, forward to each bare "số …" item after the first
    head_phrase: str | None = None
    for i, c in enumerate(out):
        if c.issuer_phrase is not None:
            head_phrase = None
            continue
        if c.type_word is None and head_phrase is not None and _continues(out[i - 1], c, folded):
            out[i] = dataclasses.replace(c, issuer_phrase=head_phrase)
            continue
        head_phrase = None
        hm = _LIST_HEAD.search(folded, max(0, c.start - 80), c.start) if c.type_word is None else None
        if hm is not None:
            head_phrase = clean(text[hm.start("who") : hm.end("who")])
            out[i] = dataclasses.replace(c, issuer_phrase=head_phrase)
    return out


def _agency(c: Citation) -> str:
    return _legislature((c.issuer_code or "").split("-")[0])


def _continues(prev: Citation, c: Citation, folded: str) -> bool:
    """``c`` is the next item of ``prev``'s list: a bare "số …" of the same agency after a separator,
    with at most ``prev``'s subject between ("số 57-NQ/TW ngày … về …; số 66-NQ/TW")."""
    return _agency(prev) == _agency(c) and prev.end <= c.start and P.NEXT_ITEM.match(folded, prev.end, c.start) is not None



def _legislature(head: str) -> str:
    """"QH15", "UBTVQH14" → "QH", "UBTVQH": the legislature's number is no part of the issuer."""
    return _LEGISLATURE.sub("", head)


_LEGISLATURE = re.compile(r"(?<=QH)\d{1,2}\Z")


#: Words a sentence goes on with after "của <issuer>" (folded): "trên địa bàn", "như sau", "đã đạt", "về …".
_SENTENCE_GOES_ON = frozenset({
    "tren", "nhu", "da", "de", "ve", "tai", "theo", "nam", "giai", "den", "cho", "va", "voi", "nham", "co", "duoc", "la",
    "trong", "sau", "ngay", "kem", "ban", "phe", "huong", "quy", "trien", "thuc", "dat", "dang", "se", "can",
})


def _leading_issuer(phrase: str, province: str | None, commune: str | None) -> tuple[Org | None, str]:
    """The issuer named by "của <phrase>", or by its first words when the phrase runs on into the
    sentence ("của Bộ Chính trị trên địa bàn xã", "của UBND tỉnh như sau"): the longest leading words
    that name a unit, followed by one of the words a sentence goes on with ("UBND thanh phb Hô Chi Minh", a
    name OCR damaged, is not "UBND thành")."""
    reg = registry()
    o = reg.resolve(phrase, province=province, commune=commune)
    if o is not None:
        return o, phrase
    words = phrase.split()
    for n in range(min(len(words) - 1, 12), 1, -1):
        if not words[n][:1].islower() or fold(words[n]) not in _SENTENCE_GOES_ON:
            continue  # the words left out must be the sentence's ("trên địa bàn"), not a name OCR garbled
        said = " ".join(words[:n]).rstrip(",;:")
        o = reg.resolve(said, province=province, commune=commune)
        if o is not None:
            return o, said
    return None, phrase


_LOCAL_LEVELS = frozenset({"province", "department", "commune", "district", "party"})


def local_body(org: Org | None, symbol: str | None) -> bool:
    """A body of one province or commune (its office, police, military command, a board of its Party
    committee) numbers its papers in its locality whatever its code ("123/TB-VPUB", "05-HD/BTGTU");
    normative acts ("12/2025/QĐ-UBND") are told by their codes alone."""
    return (org is not None and bool(org.province) and org.level in _LOCAL_LEVELS
            and not (symbol or "")[:5].rstrip("/").isdigit())


def instrument(c: Citation, org: Org | None, phrase: str | None, ctx: Context, doc_year: int | None) -> tuple[Instrument, bool]:
    """Build the cited Instrument; returns it and whether its year was assumed."""
    head = (c.issuer_code or "").split("-")[0]
    branch = org is None and _names_branch(phrase)
    local = K.is_local_issuer(head) or local_body(org, c.symbol) or branch
    scope = None
    assumed = False
    if local:
        if org is not None and org.level == "district":
            scope = K.scope_of(org.province, slug(org.name))
        elif org is not None and org.level == "commune":
            # a commune's office or Party committee ("unit:21349:dang-uy") numbers its papers in its commune
            commune = registry().by_id(org.parent_id) if org.id.startswith("unit:") and org.parent_id else org
            scope = K.scope_of(org.province, None)
            if commune is not None and commune.id.startswith("commune:"):
                scope = K.scope_of(commune.province, registry().unit_slug(commune))
        elif org is not None and org.province:
            scope = K.scope_of(org.province)
        else:  # (a commune the registry does not list is numbered in it, under its name as written)
            scope = (unlisted_commune_scope(phrase, ctx.province) if phrase else None) or K.scope_of(ctx.province)
    year = c.year
    if year is None and local and org is not None and ctx.org is not None and doc_year and (
        org.id == ctx.org.id or (ctx.commune is not None and org.id == ctx.commune.id)
    ):
        year, assumed = doc_year, True
    key = K.instrument_key(c.number, c.symbol, year, local=local, scope=scope)
    issuer = issuer_of(org, council=is_council(c.symbol))
    if issuer is None and phrase:
        issuer = Issuer(name=phrase, level="department" if branch else level_guess(head),
                        province=ctx.province if local else None)
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


def date_before(c: Citation, folded: str) -> Citation:
    """"Ngày 12/8/2025, Ủy ban nhân dân tỉnh ban hành Kế hoạch số 145/KH-UBND": the date leads."""
    m = _DATE_BEFORE.search(folded, max(0, c.start - 160), c.start)
    if m is None:
        return c
    from luocdo.loaders.citations import _date

    iso, year = _date(m)
    return dataclasses.replace(c, date=iso, year=c.year or year) if iso else c


def same_instrument_again(insts: list[Instrument], explicit: list[bool]) -> list[Instrument]:
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
            if inst.date and other.date is None and (other.year is None or other.year == inst.year):
                # the bare mention is the dated one ("Kế hoạch số 45/KH-UBND ngày 20/02/2024 …", then
                # "Kế hoạch số 45/KH-UBND của UBND tỉnh"): the issuer of one, the date of the other
                other = dataclasses.replace(other, date=inst.date, year=inst.year,
                                            key=str(K.Key.parse(other.key).with_year(inst.year)))
            out[i] = other
            break
    return out


def unify_years(insts: list[Instrument]) -> list[Instrument]:
    """A citation without a date takes the year of a dated mention of the same
    number and symbol in the same document ("Nghị quyết 57-NQ/TW" after
    "Nghị quyết số 57-NQ/TW ngày 22/12/2024")."""
    if all(i.year for i in insts):
        return insts  # nothing to take a year
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


def merge_instruments(items: list[Instrument]) -> Instrument:
    """One instrument from several mentions: first non-empty value of each field."""
    first = items[0]
    if len(items) == 1 and (first.issuer is None or first.issuer.level):
        return first  # what the merge below would rebuild, field for field
    date = next((i.date for i in items if i.date), None)
    title = next((i.title for i in items if i.title), None)
    issuer = next((i.issuer for i in items if i.issuer and i.issuer.level), None)
    year = next((i.year for i in items if i.year), None)
    return Instrument(key=first.key, type=first.type, number=first.number, symbol=first.symbol, date=date, year=year, title=title, issuer=issuer)


def inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


_NAME_GAP = re.compile(r"[ \t\n,]{0,3}\Z")
#: "… đã được sửa đổi, bổ sung theo" right before "Luật sửa đổi … của Luật X số N": N is the amending law's own number
#: ("Luật Giáo dục số 38/2005/QH11 đã được sửa đổi, bổ sung theo Luật sửa đổi, bổ sung một số điều của Luật Giáo dục
#: số 44/2009/QH12").
_AMENDED_UNDER = re.compile(r"d[uw][o0]c\s+s[uw]a\s+d[o0bd]i(?:,?\s*(?:v[a]\s+)?b[o0d]\s+sung)?\s+(?:theo|" + P.BOI + r"|t[a]i)\s+\Z")


def _numbered_before_amended(folded: str, cits: list[Citation], law: LawCitation, tail: str) -> bool:
    """"Luật Giáo dục số 38/2005/QH11 đã được sửa đổi, bổ sung theo Luật sửa đổi, bổ sung một số điều của Luật Giáo
    dục số 44/2009/QH12": the law amended has its number before the cue, so the one after the amending law's name
    is that law's own (where the amended law has none before, "… của Luật Đất đai số 31/2024/QH15, Luật Nhà ở số
    27/2023/QH15" is the amending law's title, numbers of the laws it amends and all)."""
    if not _AMENDED_UNDER.search(folded, max(0, law.start - 50), law.start):
        return False
    want = squash(canonical_law_name(tail))
    return any(c.name and law.start - 90 < c.end <= law.start and squash(c.name) == want for c in cits)


def pair_names(text: str, folded: str, cits: list[Citation], laws: list[LawCitation]) -> tuple[list[Citation], list[LawCitation]]:
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
        if hit is None and folded.endswith("luat", law.start, law.end) and law.end - 4 in by_start:
            # "Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15": the name's last word was read as
            # the number's type word ("luật số 64/…")
            hit = by_start[law.end - 4]
        if hit is None:
            left.append(law)
            continue
        c = out[hit]
        start, name, kind = law.start, law.name, law.kind
        if law.tail_start is not None:
            head = LAW_HEAD.match(folded, law.tail_start)
            tail = clean(text[law.tail_start : law_name_end(text, folded, head.end())]) if head else law.name
            if not _numbered_before_amended(folded, out, law, tail):
                # "Quốc hội ban hành Luật sửa đổi … của Luật X, Luật Y số …": the number is Luật Y's
                left.append(law)
                start, name, kind = law.tail_start, tail, LAW_KIND.get(folded[law.tail_start], "Luật")
        typ = kind if c.type in ("Luật", "CV") else c.type
        out[hit] = dataclasses.replace(c, start=start, name=canonical_law_name(name), type=typ, date=c.date or law.date,
                                       year=c.year or law.year)
    return out, left
