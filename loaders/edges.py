"""Edges of a document: its references (one per instrument cited) and the derived edges.

Each edge keeps its evidence: the sentence around each mention, read once per
document from the breaks found over the whole text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from itertools import pairwise

from luocdo.core import keys as K
from luocdo.core.fold import squash
from luocdo.core.model import (
    RELATION_STRENGTH,
    Alias,
    Derived,
    Instrument,
    Issuer,
    Mention,
    Reference,
)
from luocdo.loaders import patterns as P
from luocdo.loaders.breaks import breaks
from luocdo.loaders.citations import Citation
from luocdo.loaders.expiry import expiring
from luocdo.loaders.instruments import merge_instruments
from luocdo.loaders.law_names import (
    amended_in_name,
    canonical_law_name,
    law_title,
    own_name,
    same_name,
    skeleton,
)
from luocdo.loaders.laws import amended_after
from luocdo.loaders.own_acts import own_cue_before, repeals_a_part, without_notes_before
from luocdo.loaders.own_title import guided_in_title, reported_in_title
from luocdo.loaders.relations import issued_on_basis
from luocdo.loaders.stages import Cited, Edges, Found, Identity, Page

# ---------------------------------------------------------------------------
# Evidence
# ---------------------------------------------------------------------------

#: What ends an evidence sentence: ";", a full stop before white space, a blank line, a new bullet.
#: Three patterns that each start with one plain character (found fast) and cannot overlap one
#: another: :class:`~luocdo.loaders.breaks.Breaks` takes the union of their matches.
EVIDENCE_BREAK_PARTS = (re.compile(";"), re.compile(r"\.(?=\s)"), re.compile(r"\n(?:\s*\n|\s*[-+•]\s)"))


class Sentences:
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


#: "X đã được sửa đổi, bổ sung một số điều theo Luật số Y, Luật số Z": Y and Z amend X.
_AMENDED_BY = re.compile(
    r"(?:d[a]\s+)?d[uw]?[o]c\s+s[uw]a\s+d[o]i(?:\s*,?\s*b[o]\s+sung)?(?:\s+m[o]t\s+s[o]\s+di[e]u)?\s+(?:theo|b[o]i|t[a]i)\s"
)


#: Between two items of an enumeration: a separator, the next item's type or name and "số",
#: and no word that relates them (theo, thực hiện, ban hành, hướng dẫn, sửa đổi, kèm …).
_SIBLINGS = re.compile(
    r"\s*(?:ng[a-z]{1,2}y\s+[0-9/ a-z]{6,24}?)?\s*[,;]\s*(?:v[a]\s+)?"
    r"(?:(?!theo|thuc\s|ban\s+hanh|huong\s+dan|can\s+cu|sua\s+doi|thay\s+the|kem|trien\s+khai|bai\s+bo|duoc\s)[a-z,]+\s+){0,12}?"
    r"(?:so\s*:?\s*)?"
)


def as_a_reader_draws(
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


# ---------------------------------------------------------------------------
# References and derived edges
# ---------------------------------------------------------------------------

#: The mentions of each instrument cited, by key: (instrument as mentioned, relation, mention).
Groups = dict[str, list[tuple[Instrument, str, Mention]]]


def draw_edges(page: Page, found: Found, cited: Cited, ident: Identity, document: Instrument) -> Edges:
    """References (one per distinct instrument, the strongest relation wins), derived edges, aliases."""
    sentence = Sentences(page.text, page.folded)
    groups: Groups = defaultdict(list)
    for c, inst, cl in zip(found.citations, cited.instruments, cited.classified, strict=True):
        _lo, _hi, sent = sentence(c.start, c.end)
        groups[inst.key].append((inst, cl.relation, Mention(c.start, c.end, sent)))
    aliases = _aliases(page, found, cited, ident, document, sentence)
    _add_laws(groups, page, found, ident, sentence)
    for a in aliases:
        # the same law under its name elsewhere in this text is the numbered one
        if a.mention is not None and a.alias in groups and a.key in groups:
            numbered = groups[a.key][0][0]
            groups[a.key] += [(numbered, r, m) for _i, r, m in groups.pop(a.alias)]
    for yearless, key in _named_without_year(groups, aliases).items():
        # "Luật Khám bệnh, chữa bệnh số 15/2023/QH15" and, further on, "Luật Khám bệnh, chữa bệnh"
        numbered = groups[key][0][0]
        groups[key] += [(numbered, r, m) for _i, r, m in groups.pop(yearless)]
    _title_implements(groups, guided_in_title(page.header.title, ident.type))
    _title_reports_on(groups, reported_in_title(page.header.title, ident.type))
    references = _references(groups, ident.type, document.key, page.folded)
    derived = _derived(page, found, cited, references, document, sentence, ident.type)
    return Edges(references, derived, tuple(dict.fromkeys(a for a in aliases if a.alias != a.key)))


_NAMED_TYPES = ("Luật", "Bộ luật", "PL")


#: What may follow a law's whole name in a title ("… Luật Đấu thầu về lựa chọn nhà đầu tư"), not more of a longer
#: name ("Luật Doanh nghiệp nhà nước" is not "Luật Doanh nghiệp").
_AFTER_A_NAME = re.compile(r"\s*(?:$|[,;.(\[]|(?:ve|va|so|nam|ngay|doi|trong|tai|de|cua|theo|ap|tu)(?![a-z]))")


def _names_whole(name: str, words: str) -> bool:
    """``words`` name the law ``name`` whole, letter for letter or as OCR spelled it (the same consonants)."""
    at = words.find(name)
    if at < 0:
        name, words = skeleton(name), skeleton(words)
        at = words.find(name)
    return at >= 0 and _AFTER_A_NAME.match(words, at + len(name)) is not None


def _title_implements(groups: Groups, guided: list[str]) -> None:
    """A law, code or ordinance the title says this text details or guides ("Quy định chi tiết một số điều của Luật
    Dữ liệu"), cited in its preamble by name or number ("Căn cứ Luật Dữ liệu số 60/2024/QH15"), is implemented."""
    if not guided:
        return
    named = _laws_named_in(groups, guided)
    # the act the preamble rests on (not an older law of the name, cited elsewhere), and its name without a year
    rested = [k for k in named if any(r == "based_on" for _i, r, _m in groups[k])]
    for key in rested + ([k for k in named if k.endswith("@?")] if rested else []):
        groups[key] = [(i, "implements" if r in ("cites", "based_on") else r, m) for i, r, m in groups[key]]


def _laws_named_in(groups: Groups, title_words: list[str]) -> list[str]:
    """The keys of the laws, codes and ordinances cited here whose name the words of the title give whole."""
    return [k for k, items in groups.items()
            if any(_names_whole(squash(i.title), words) for i, _r, _m in items if i.type in _NAMED_TYPES and i.title
                   for words in title_words)]


def _title_reports_on(groups: Groups, reported: list[str]) -> None:
    """A law, code or ordinance a report's title says it reviews the carrying out of ("Tổng kết 10 năm thi hành Luật
    Hộ tịch"), cited in the report by name or number, is what it reports on: the latest of that name when the text
    also cites older ones."""
    if not reported:
        return
    named = _laws_named_in(groups, reported)
    dated = [k for k in named if not k.endswith("@?")]
    if dated:
        latest = max(dated, key=lambda k: groups[k][0][0].year or 0)
        named = [latest] + [k for k in named if k.endswith("@?")]
    for key in named:
        groups[key] = [(i, "reports_on" if r in ("cites", "based_on") else r, m) for i, r, m in groups[key]]


def _aliases(page: Page, found: Found, cited: Cited, ident: Identity, document: Instrument, sentence: Sentences) -> list[Alias]:
    """A law's own name for its key, and "Luật Đất đai số 45/2013/QH13": the name is the number's."""
    h = page.header
    out: list[Alias] = []
    if ident.type == "Luật" and h.number and h.symbol and h.title and ident.year:
        own_title = law_title(h.title)
        if own_title:
            out.append(Alias(K.law_key(canonical_law_name(own_title), ident.year), document.key))
    for c, inst in zip(found.citations, cited.instruments, strict=True):
        if c.name:
            _lo, _hi, sent = sentence(c.start, c.end)
            out.append(Alias(K.law_key(c.name, inst.year), inst.key, Mention(c.start, c.end, sent)))
        elif inst.type == "Luật" and (amended := amended_after(page.folded, found.laws, c.end)) is not None:
            # "Luật số 90/2025/QH15 … sửa đổi, bổ sung một số điều của Luật A, Luật B": the number of the law
            # other texts name "Luật sửa đổi, bổ sung một số điều của Luật A, Luật B"
            (lo, hi), laws = amended
            end = laws[-1].end
            _lo, _hi, sent = sentence(c.start, end)
            head = "Luật " + " ".join(page.text[lo:hi].split()) + " "
            # as written, and with each "và" as a comma: texts name the act with either ("…; Luật Hải quan; Luật …")
            for names in dict.fromkeys((page.text[laws[0].start : end], ", ".join(page.text[x.start : x.end] for x in laws))):
                out.append(Alias(K.law_key(head + names, inst.year), inst.key, Mention(c.start, end, sent)))
    return out


def _named_without_year(groups: Groups, aliases: list[Alias]) -> dict[str, str]:
    """Law names cited without a year whose name this text also gives with a number or a date ("Căn cứ Luật Giá
    ngày 19 tháng 6 năm 2023; …", then "… của Luật Giá"), that one's key: only when the text names one such law
    (two laws of one name and different years stay apart)."""
    numbered: dict[str, set[str]] = defaultdict(set)
    for a in aliases:
        if a.mention is not None and a.key in groups:
            numbered[a.alias.rpartition("@")[0]].add(a.key)
    dated: dict[str, set[str]] = defaultdict(set)
    for k in groups:
        name, _at, year = k.rpartition("@")
        if k.startswith("Luật:") and year.isdigit():
            dated[name].add(k)
    out = {}
    for k in groups:
        if k.startswith("Luật:") and k.endswith("@?"):
            keys = numbered.get(k[:-2]) or dated.get(k[:-2], set())  # a number given says more than a date
            if len(keys) == 1:
                out[k] = next(iter(keys))
    return out


_CAN_CU = r"c[ai]n\s+c(?:u|tr|ur|ir|tv|t|w)(?:\s+v[a]o)?"
#: "Căn cứ", or "Căn cứ (vào) các điều 17, 18 và 84 của", "Căn cứ khoản 2 Điều 112", "Căn cứ Chương II của": the parts
#: of it the document rests on.
_CAN_CU_BEFORE = re.compile(
    _CAN_CU + r"(?:\s+(?:c[a]c\s+)?(?:[dbp0][i1][e&]u|kho[a]n|di[e&]m|ch[uw][o0]ng|m[u]c)\s+[0-9a-z][^;.\n]{0,80}?(?:\s+c[uw]a)?)?\s*\Z"
)
#: "Để thi hành (đúng và thống nhất)", "Thi hành" opening a line or a clause right before a law's name.
_TO_EXECUTE_BEFORE = re.compile(
    r"(?:^|(?<=[\n;:]))[ \t]*(?:[-+•][ \t]*)?(?:[dpb][e&]\s+)?" + P.THI_HANH + r"\s+(?:"
    + P.PART_OF + r")?\Z"
)
#: A later item of one "Căn cứ" line: "Căn cứ Luật A ngày …; Luật B ngày …;", "Căn cứ Luật A ngày … và Luật B" (its
#: line, or the line it wrapped from, opens with the cue; no sentence ends between).
_CAN_CU_ITEM = re.compile(
    r"(?:^|\n)[ \t]*(?:[-+•][ \t]*)?" + _CAN_CU + r"\s[^.\n]*(?:\n(?![ \t]*\n)[^.\n]*)?(?:;\s*(?:v[a]\s+)?|[^;.\n]\s+v[a]\s+)\Z"
)


def _add_laws(groups: Groups, page: Page, found: Found, ident: Identity, sentence: Sentences) -> None:
    """The laws named without a number, each under its name and year (not the document's own name)."""
    text, folded, h = page.text, page.folded, page.header
    own = own_name(text, h, ident.type)
    own_canonical = squash(canonical_law_name(own)) if own else None  # "LUẬT / PAT PAI" (OCR) is Luật Đất đai
    expire = expiring(folded, sorted([*((c.start, c.end) for c in found.citations), *((x.start, x.end) for x in found.laws)]))
    for law in found.laws:
        name = canonical_law_name(law.name)
        if own and (same_name(squash(name), own) or squash(name) == own_canonical) and law.year in (None, ident.year):
            continue  # "Quốc hội ban hành Luật Chứng khoán." in the Law's own text (not "Luật Đất đai năm 1993")
        inst = Instrument(key=K.law_key(name, law.year), type=law.kind, date=law.date, year=law.year, title=name,
                          issuer=Issuer(name="Quốc hội", level="central"))
        _lo, _hi, sent = sentence(law.start, law.end)
        rel = (own_cue_before(folded, law.start, ident.type) if ident.type != "VBHN" else None) or "cites"
        if rel == "cites" and ident.type != "VBHN" and law.start in expire:
            rel = "repeals"  # "Luật Đất đai năm 2013 hết hiệu lực kể từ ngày Luật này có hiệu lực"
        if law.kind == "Hiến pháp" and rel in ("amends", "repeals") and ident.type not in ("Hiến pháp", "NQ"):
            rel = "cites"  # "tham gia sửa đổi Hiến pháp" in a law: only the National Assembly's resolution amends it
        if rel == "cites" and law.start < max(h.preamble_end, h.body_start + 1500):
            before, at = without_notes_before(folded, law.start)  # "Căn cứ [a portal's note] khoản 2 Điều 112 Luật …"
            if ident.type not in ("BC", "CV") and _TO_EXECUTE_BEFORE.search(folded, max(0, law.start - 80), law.start):
                rel = "implements"  # "Để thi hành đúng và thống nhất Bộ luật Tố tụng dân sự …"
            elif _CAN_CU_BEFORE.search(before[max(0, at - 110) : at]) or _CAN_CU_ITEM.search(before[max(0, at - 400) : at]):
                rel = "based_on"
        groups[inst.key].append((inst, rel, Mention(law.start, law.end, sent)))


def _references(groups: Groups, doc_type: str, own_key: str, folded: str) -> tuple[Reference, ...]:
    if doc_type == "VBHN" and groups:
        # a consolidated text consolidates the instrument it names first, right after its heading
        first = min(groups, key=lambda k: min(m.start for _, _, m in groups[k]))
        groups[first] = [(i, "consolidates", m) for i, _, m in groups[first]]
    references: list[Reference] = []
    for key_, items in groups.items():
        if key_ == own_key:
            continue
        best_rel = max((r for _, r, _ in items), key=lambda r: RELATION_STRENGTH[r])
        if best_rel == "repeals" and any(r == "amends" for _, r, _ in items) and all(
                repeals_a_part(folded, m.start) for _, r, m in items if r == "repeals"):
            # "Sửa đổi, bổ sung một số điều của X" that also repeals a clause of X: X is amended, and the repeal in
            # part stays the evidence (what the edge does to X's standing)
            best_rel, evidence = "amends", "repeals"
        else:
            evidence = best_rel
        target = merge_instruments([i for i, _, _ in items])
        # the first mention is the edge's evidence: one that says what the relation is ("Bãi bỏ khoản 3 Điều 5 của X",
        # a repeal in part, not "Luật sửa đổi … của X" before it)
        mentions = [m for _, r, m in items if r == evidence] + [m for _, r, m in items if r != evidence]
        references.append(Reference(target=target, relation=best_rel, mentions=tuple(mentions)))  # type: ignore[arg-type]
    return tuple(references)


#: A consolidated text's opening: "X …, được sửa đổi, bổ sung bởi:" then the amending acts, one an item.
_AMENDED_BY_COLON = re.compile(r"s[uw]a\s+d[o0bd]i(?:\s*,?\s*(?:v[a]\s+)?b[o0d]\s+sung)?\s+" + P.BOI + r"(?:\s+[^:;.\n]{0,40})?[\s.,]*:")  # ("bởi. :", OCR's speck)
#: Where that list ends: the preamble or the first part of the text.
_AMENDED_BY_END = re.compile(r"\n\s*(?:c[a]n\s+c[uw]|qu[o0]c\s+h[o0]i\s+ban|ch[i1]nh\s+ph[u]\s+ban|ch[uw][o0]ng\s|ph[a]n\s+th[uw]|[dp][i1][e&]u\s+1[.\s])")
#: Where an item of the list starts: its number on a new line, or after a ";" written inline.
_AMENDED_BY_ITEM = re.compile(r"\n\s*\d{1,2}\s*[.),:_-]?\s|;\s")  # (OCR may lose the item's "." or read it ":", "_", "-")


def consolidated_amended_by(folded: str, cits: list[Citation], classified: list) -> list[tuple[int, int]]:
    """(amending act, act consolidated) for each act a consolidated text's opening lists as amending the act
    it consolidates ("Luật Quản lý thuế số 78/2006/QH11 …, được sửa đổi, bổ sung bởi: 1. Luật số 21/2012/QH13 …;
    2. Luật Hải quan số 54/2014/QH13 …"): the first act named in each item."""
    first = next((i for i, cl in enumerate(classified) if cl.relation == "consolidates"), None)
    if first is None:
        first = 0 if cits else None
    if first is None:
        return []
    colon = _AMENDED_BY_COLON.search(folded, cits[first].end, cits[first].end + 400)
    if colon is None:
        return []
    end_m = _AMENDED_BY_END.search(folded, colon.end(), colon.end() + 3000)
    end = end_m.start() if end_m is not None else min(len(folded), colon.end() + 3000)
    bounds = [colon.end(), *(m.end() for m in _AMENDED_BY_ITEM.finditer(folded, colon.end(), end)), end]
    out = []
    for lo, hi in pairwise(bounds):
        head = next((i for i, c in enumerate(cits) if lo <= c.start < hi), None)
        if head is not None and head != first:
            out.append((head, first))
    return out


#: What a cited act does to a law its words name next: "Nghị định số 96/2023/NĐ-CP … quy định chi tiết một số điều của
#: Luật Khám bệnh, chữa bệnh", "… hướng dẫn thi hành Luật …" (carries it out), "… sửa đổi, bổ sung một số điều của Luật …"
#: (amends it); the law follows within a few words.
_ACTS_ON_LAW = re.compile(
    r"(?P<implements>quy\s+d[i1]nh\s+chi\s+ti[e&]t|h[uw][o0]ng\s+d[a]n|quy\s+d[i1]nh\s+(?:vi[e&]c\s+)?thi\s+h[a]nh)"
    r"|(?P<amends>" + P.SUA_DOI_BO_SUNG + r")"
)
_TO_THE_LAW = re.compile(r"(?:[^;.\n:]|\n(?![ \t]*\n)){0,70}?\s(?:c[uw]a\s+)?\Z")  # (a line wrapped in it)
#: Another act named between: the law is that one's object ("… sửa đổi, bổ sung một số điều của các nghị định hướng
#: dẫn thi hành Luật Đất đai": the decrees are amended, the law is not).
_OTHER_ACTS = re.compile(r"\b(?:ngh[i1j]\s+d[i1j]nh|th[o0]ng\s+t[uw]|quy[e&]t\s+d[i1j]nh|ngh[i1j]\s+quy[e&]t|ph[a]p\s+l[e&]nh|v[a]n\s+b[a]n)\b")


def _laws_in_subjects(page: Page, found: Found, insts: list[Instrument], references: tuple[Reference, ...],
                      sentence: Sentences) -> list[tuple[str, str, str, Mention]]:
    """(act, law, relation, mention) for a law named without a number in the words that follow a cited act, when
    they say what the act does to it (:data:`_ACTS_ON_LAW`): the derived edge a numbered law would get by nesting."""
    if not found.laws:
        return []
    folded = page.folded
    key_at = {m.start: r.target.key for r in references for m in r.mentions}
    starts = [c.start for c in found.citations]
    out = []
    for law in found.laws:
        law_key = key_at.get(law.start)
        i = bisect_right(starts, law.start) - 1  # the cited act right before the law
        if law_key is None or i < 0:
            continue
        c = found.citations[i]
        if not (c.end <= law.start <= c.end + 200) or _CLAUSE_END.search(folded, c.end, law.start):
            continue
        m = None
        for m in _ACTS_ON_LAW.finditer(folded, max(c.end, law.start - 140), law.start):
            pass  # the cue nearest the law
        if (m is not None and insts[i].key != law_key and _TO_THE_LAW.match(folded, m.end(), law.start)
                and not _OTHER_ACTS.search(folded, c.end, law.start)):
            _lo, _hi, sent = sentence(c.start, law.end)
            out.append((insts[i].key, law_key, m.lastgroup or "implements", Mention(c.start, law.end, sent)))
    return out


def _amended_by_name(references: tuple[Reference, ...]) -> list[tuple[str, str, Mention]]:
    """(amending law, law, mention) for a law cited by a name that says it amends others ("Luật sửa đổi, bổ sung một
    số điều của Luật Xây dựng ngày 17 tháng 6 năm 2020") and each of those laws this text also cites: the latest of
    the name not after the amending law."""
    laws = [r for r in references if r.target.type in _NAMED_TYPES and r.target.title]
    names = [squash(canonical_law_name(r.target.title or "")) for r in laws]  # each once, not once per pair
    out = []
    for r in laws:
        for name in amended_in_name(r.target.title or ""):
            fits = [o.target for o, n in zip(laws, names, strict=True) if o is not r and n == name
                    and (not o.target.year or not r.target.year or o.target.year <= r.target.year)]
            if fits:
                law = max(fits, key=lambda t: t.year or 0)
                out.append((r.target.key, law.key, r.mentions[0]))
    return out


#: Where a cited act's own words end before a law is named: a clause's or sentence's end.
_CLAUSE_END = re.compile(r";|\.\s|\n\s*\n")


def _derived(page: Page, found: Found, cited: Cited, references: tuple[Reference, ...], document: Instrument,
             sentence: Sentences, ident_type: str | None = None) -> tuple[Derived, ...]:
    """Edges between the instruments cited: nesting ("X thực hiện Y"), and "ban hành Y trên cơ sở X"."""
    cits, insts, classified = list(found.citations), list(cited.instruments), list(cited.classified)
    derived_map: dict[tuple[str, str, str], list[Mention]] = defaultdict(list)
    by_key = {r.target.key: r.target for r in references}
    for i, cl in enumerate(classified):
        if cl.parent is not None and cl.parent_relation:
            src, dst = insts[cl.parent], insts[i]
            rel = cl.parent_relation
            if rel == "amended_by":  # "X đã được sửa đổi, bổ sung theo Y": Y amends X
                src, dst, rel = dst, src, "amends"
            if src.key != dst.key:
                _lo, _hi, sent = sentence(cits[cl.parent].start, cits[i].end)
                derived_map[(src.key, dst.key, rel)].append(Mention(cits[cl.parent].start, cits[i].end, sent))
    for j, i, rel in issued_on_basis(page.folded, cits, classified):
        src, dst = insts[j], insts[i]
        if src.key != dst.key:
            _lo, _hi, sent = sentence(cits[i].start, cits[j].end)
            derived_map[(src.key, dst.key, rel)].append(Mention(min(cits[i].start, cits[j].start), max(cits[i].end, cits[j].end), sent))
    for act, law, how, ment in _laws_in_subjects(page, found, insts, references, sentence):
        derived_map[(act, law, how)].append(ment)
    for act, law, ment in _amended_by_name(references):
        derived_map[(act, law, "amends")].append(ment)
    derived_map = as_a_reader_draws(derived_map, page.folded, cits, insts, classified)
    if ident_type == "VBHN":
        for head, first in consolidated_amended_by(page.folded, cits, classified):
            if insts[head].key != insts[first].key:
                _lo, _hi, sent = sentence(cits[head].start, cits[head].end)
                derived_map.setdefault((insts[head].key, insts[first].key, "amends"), []).append(
                    Mention(cits[head].start, cits[head].end, sent))
    years = {i.key: i.year or 0 for i in insts}
    # an act amends or repeals only one older than itself (a list read past its end says otherwise)
    derived_map = {(s, t, r): ms for (s, t, r), ms in derived_map.items()
                   if not (r in ("amends", "repeals") and 0 < years.get(s, 0) < years.get(t, 0))}
    return tuple(
        Derived(source=by_key.get(s, document), target=by_key[t], relation=r, mentions=tuple(ms))  # type: ignore[arg-type]
        for (s, t, r), ms in derived_map.items()
        if t in by_key and (s in by_key or s == document.key)
    )
