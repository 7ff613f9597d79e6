"""Classify how the document relates to each citation, and find the edges
stated inside citations.

Rules, in the order they apply to one mention:

1. *Nested*: a citation that follows another one within the same clause,
   introduced by a cue ("… Kế hoạch số 81/KH-UBND của UBND tỉnh về triển khai
   thực hiện Nghị quyết số 66/NQ-CP …"), belongs to the earlier citation's
   subject: it yields a derived edge 81 → 66 and, for the document, only a
   citation.  A citation joined to a nested one by "và" or a comma is nested
   under the same parent.
2. *Governed*: in the opening part of the document (header, title, the
   "Thực hiện …"/"Căn cứ …" paragraph up to the first section), a citation
   takes the relation of the nearest clause-initial cue before it in the same
   sentence.  "Thực hiện" in a report (Báo cáo) means reports_on.
3. *Amends*: "sửa đổi, bổ sung", "thay thế", "bãi bỏ", "đính chính" right
   before a citation anywhere, and the citations listed after it ("thay thế
   A và B"); not when another instrument is the verb's subject ("Luật sửa
   đổi … của", "Pháp lệnh số 04/2008/UBTVQH12 sửa đổi …"), nor in a
   consolidated text, which quotes its acts' words.
4. A report's own "báo cáo kết quả thực hiện X" in its opening: it reports on X.
5. Otherwise the document only cites it.

A plan issued on the basis of another ("Trên cơ sở Kế hoạch số 82/KH-UBND,
UBND đặc khu đã ban hành Kế hoạch số 38/KH-UBND") yields the derived edge
38 implements 82.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from luocdo.core.fold import squash
from luocdo.loaders import patterns as P
from luocdo.loaders.annex import issued_with
from luocdo.loaders.breaks import last_end_near
from luocdo.loaders.citations import Citation
from luocdo.loaders.expiry import expiring
from luocdo.loaders.own_acts import DRAFT_OF, PASSIVE, own_cue_before
from luocdo.loaders.report_cues import (
    ASKS_REPORT,
    REPORTED_TYPES,
    REPORTS_ON_BEFORE,
    closing_report,
    reports_after,
)

#: A purpose word before a clause's cue: "Nhằm triển khai …", "Để kịp thời triển khai …", "Để tổ chức thực hiện
#: tốt …", "Tiếp tục triển khai …" open a clause of their own as "Thực hiện …" does (folded, up to the cue).
_PURPOSE_LEAD = re.compile(
    r"(?<![a-z])(?:[dpb][e&]|nh[ai]m|ti[e&]p\s+t[u]c)"  # để (OCR: "Bé", "Pể"), nhằm ("Nhim"), tiếp tục
    r"(?:\s+(?:k[i1]p\s+th[o0]i|t[o06bde&]\s+ch[a-z]{1,3}c|c[uw]\s+th[e&]\s+h[o0]a\s+v[a]))*"  # kịp thời, tổ chức ("t6 chirc", "td chuc"), cụ thể hóa và
    r"\s+\Z"
)

# A clause break ends nesting: ";", a sentence end, a blank line, a new bullet.
_CLAUSE_BREAK = re.compile(r";|\.(?:\s|$)|\n\s*\n|\n\s*[-+•]\s|:\s")
# A sentence break ends the reach of a cue.
SENTENCE_BREAK = re.compile(r"\.(?:\s+[A-ZĐ\n]|\s*\n)|\n\s*\n|\n\s*[-+•]\s|\n\s*(?:[IVX]{1,4}|\d{1,2}|[a-z])[.)]\s")
_CONJ = re.compile(r"[\s,]*(?:v[a]|c[uw]ng|,)?[\s,]*")
_NEST_CUE = re.compile(
    r"(?:(?P<amended_by>(?:d[uw][o0]c|b[i1])\s+(?:s[uw]a\s+d[o0bd]i(?:,?\s*(?:v[a]\s+)?b[o0d]\s+sung)?|thay\s+th[e&]|b[a]i\s+b[o0])"
    r"[^;.]{0,40}?(?:theo|" + P.BOI + r"|t[a]i)(?:\s+(?:quy\s+d[i1]nh\s+)?t[a]i)?"
    # "… theo Luật sửa đổi, bổ sung một số điều của [Luật X số N]": N is the amending law, named by what it amends
    r"(?:\s+lu[a]t\s+" + P.SUA_DOI_BO_SUNG + r"\s+" + P.MOT_SO + r"\s+d[i1][e&]u\s+c[uw]a)?)"
    r"|(?<!lu[a]t\s)(?P<amends>" + P.SUA_DOI_BO_SUNG + r"(?:\s+" + P.MOT_SO + r"\s+d[i1][e&]u\s+c[uw]a)?|thay\s+th[e&]|b[a]i\s+b[o0])"
    r"|(?P<implements>(?:" + P.TRIEN_KHAI + r"\s+)?" + P.THUC_HIEN + r"|" + P.TRIEN_KHAI + r"|c[uw]\s+th[e&]\s+h[o0]a"
    r"|(?:quy\s+d[i1]nh\s+chi\s+ti[e&]t(?:\s+v[a]\s+)?|h[uw][o0e]ng\s+d[a]n(?:\s+(?:thi\s+h[a]nh|th[uw]c\s+hi[e&]n))?)"
    r"(?:\s+(?:" + P.MOT_SO + r"\s+)?(?:d[i1][e&]u(?:\s+v[a]\s+bi[e&]n\s+ph[a]p)?|n[o0]i\s+dung))?(?:\s+(?:thi\s+h[a]nh\s+)?c[uw]a)?)"
    r"|(?P<based_on>c[a]n\s+c[uw]|(?<!k[e&]m\s)theo))\s*\Z"
)
_BAN_HANH_BEFORE = re.compile(r"(?:d[a]\s+)?(?:ban\s+h[a]nh|x[a]y\s+d[uw]ng(?:\s+v[a]\s+ban\s+h[a]nh)?)\s*\Z")


@dataclass(frozen=True, slots=True)
class Classified:
    citation: Citation
    relation: str  # relation of the document to this citation
    parent: int | None  # index of the citation it is nested in
    parent_relation: str | None  # relation parent → this citation
    cue_start: int | None


#: What may precede a clause-initial cue: a break, "và", a sentence's end ("Kính gửi: … trực thuộc. Thực
#: hiện …"), a list item's number ("3. Thực hiện …", "b) Căn cứ …").
_CLAUSE_OPENER = re.compile(r"(?:[;,(:\n]|\.\s|\bv[a]|(?:^|\s)(?:[ivx]{1,4}|\d{1,2}(?:\.\d{1,2})*|[a-z])[.)])\s*\Z")
_XET_DE_NGHI = re.compile(r"(?:x[e&]t|theo)\s+d[e&]")
_TO_TRINH = re.compile(r"t[o0]\s*tr[i1]nh")
_AT_PAPER = re.compile(r"\st[a]i\s+(?=" + P.TYPE_WORD.pattern + r")")
#: "ý kiến (chỉ đạo|kết luận) của … tại", "(sự) chỉ đạo của … tại", "kết luận của … tại", "yêu cầu của … tại": what leads on
#: to the document.
_OPINION_AT = re.compile(
    r"\s+(?:[y]\s+ki[e&]n(?:\s+(?:ch[i1]\s+d[a][o0]|k[e&]t\s+lu[a]n))?|(?:s[uw]\s+)?ch[i1]\s+d[a][o0]|k[e&]t\s+lu[a]n|y[e&]u\s+c[a]u)"
    r"\s+" + P.CUA + r"\s[^;.\n]{2,120}?\st[a]i(?=\s)"
)
#: "khoản 2 Điều 112 (của) ": the parts of an instrument a cue may name before it ("Căn cứ khoản 2 Điều 112 của Luật …").
_PARTS_OF = r"(?:[dbp0][i1][e&]u|kho[a]n|di[e&]m|ch[uw][o0]ng|m[u]c)\s+\d[^;.\n]{0,80}?\s(?:c[uw]a\s+)?"
_LEADS_TO_DOCUMENT = re.compile(
    r"\s*(?:c[a]c\s+)?(?:" + _PARTS_OF + r"(?=(?:b[o0]\s+)?lu[a]t\s|ph[a]p\s+l[e&]nh\s)|(?:" + _PARTS_OF + r")?"
    r"(?:v[a]n\s+b[a]n|" + P.TYPE_WORD.pattern + r"|[^;.\n]{0,80}?ban\s+h[a]nh\s+k[e&]m\s+theo\s))"
)
#: A sentence of the body that opens by carrying an instrument out: "Để triển khai Quyết định số …", "Tổ chức thực hiện …",
#: "Thực hiện chỉ đạo của UBND tỉnh tại Công văn số …" (not "Sau 5 năm thực hiện …", which looks back).
_BODY_IMPLEMENTS = re.compile(
    r"[\s\-+•*]*(?:(?:[ivx]{1,4}|\d{1,2}(?:\.\d{1,2})*|[a-z])[.)]\s+)?(?:[dpb][e&]\s+)?(?:t[o06bde&]\s+ch[a-z]{1,3}c\s+)?(?:" + P.TRIEN_KHAI + r"(?:\s+" + P.THUC_HIEN + r")?|" + P.THUC_HIEN + r")\s+"
    r"(?:(?:c[o0]\s+hi[e&]u\s+qu[a]|nghi[e&]m\s+t[u]c|k[i1]p\s+th[o0]i|d[a]y\s+d[u]|d[o0]ng\s+b[o0]|t[o0]t)(?:\s*,\s*|\s+)(?:v[a]\s+)?){0,3}"  # "Triển khai thực hiện có hiệu quả, kịp thời Kế hoạch số …"
    r"(?:(?:(?:s[uw]\s+)?ch[i1]\s+d[a][o0]|[y]\s+ki[e&]n(?:\s+ch[i1]\s+d[a][o0])?|k[e&]t\s+lu[a]n)[^.;\n]{0,150}?\s+t[a]i\s+)?\Z"
)
#: "Căn cứ Điều 88 và Điều 91 của Hiến pháp", "Căn cứ khoản 3 Điều 12 Nghị định số …": the cue reaches over the part named.
_PART_AHEAD = re.compile(r"\s*(?:v[a]o\s+)?" + P.PART_OF)
#: A law's name in words up to its number, the name and number not read as one ("Bộ luật" read "B9 luật"): the cue
#: reaches the number.
_LAW_NAME_AHEAD = re.compile(r"\s*(?:b[a-z0-9&`]{1,2}\s+)?lu[a]t\s[^;.:\n]{0,100}\Z")
_SIBLING_CLAUSE = re.compile(r"(?:\bv[a]|,)\s*\Z")
_REVIEWS = re.compile(r"t[o0]ng\s+k[e&]t|s[o0]\s+k[e&]t|d[a]nh\s+gi[a]|k[e&]t\s+qu[a]")
#: A blank line right after words that cannot end a sentence (no ".", ";", ":" before it).
_CUT_ITEM = re.compile(r"[^\s.;:]\n[ \t]*\n\s*\Z")
_IMPL_NEAR = re.compile(P.THUC_HIEN + "|" + P.TRIEN_KHAI)


#: A line that opens a list with a cue: "Căn cứ:", "Thực hiện các văn bản sau:", then "- Nghị định …;" items.
_LIST_OPENER = re.compile(r"[ \t]*(?:[-+•*][ \t]*)?(?P<cue>" + P.CUE.pattern + r")[^\n:;.]{0,60}:[ \t]*\n")
_BULLET_LINE = re.compile(r"[ \t]*[-+•*]")


def list_cue(folded: str, floor: int) -> tuple[str, int] | None:
    """The cue of the list an item belongs to: an item "- Quyết định số …;" under "Căn cứ:" rests on it,
    even when a blank line cuts the list.  ``floor`` is where the item's own sentence starts; the lines
    back to the opener must all be items (or blank, or an item's wrapped text)."""
    if not _BULLET_LINE.match(folded, folded.rfind("\n", 0, floor) + 1):
        return None  # not an item
    colon = folded.rfind(":", max(0, floor - 1500), floor)
    if colon < 0:
        return None
    line = folded.rfind("\n", 0, colon) + 1
    m = _LIST_OPENER.match(folded, line, min(len(folded), colon + 3))
    if m is None or re.search(r"\n\s*(?:[ivx]{1,4}|\d{1,2})[.)]\s", folded[colon:floor]):
        return None
    rel = next((name for name, _ in P.CUES if m.group(name)), None)
    return (rel, m.start("cue")) if rel else None


def _clause_initial(folded: str, pos: int, floor: int, text: str | None = None) -> bool:
    """A cue is clause-initial when only a break, ";", ",", "và", "(" or
    nothing precedes it in its sentence; after a line break only when it is written with its capital (``text``, the
    original): a line that OCR or a PDF wrapped a sentence onto goes on in small letters."""
    if (pos - floor > 2 and folded[pos - 1] == " "
            and (lead := _PURPOSE_LEAD.search(folded, max(floor, pos - 40), pos)) is not None):
        pos = lead.start()  # "Nhằm triển khai …", "Để tổ chức thực hiện tốt …": the clause opens at the purpose word
    before = folded[max(floor, pos - 12) : pos]
    stripped = before.rstrip()
    if pos - floor <= 2 or not stripped:
        return True
    if text is not None and text[pos : pos + 1].islower() and before.rstrip(" \t").endswith("\n") and (
            stripped[-1:] not in ";,(:."):
        return False  # "… đánh giá tình hình\nthực hiện Kế hoạch …": wrapped, not a clause of its own
    return bool(_CLAUSE_OPENER.search(before)) or stripped.endswith(("\n",))


def _governing_cue(folded: str, floor: int, pos: int, text: str | None = None) -> tuple[str, int] | None:
    best = None
    for m in P.CUE.finditer(folded, floor, pos):
        if not _clause_initial(folded, m.start(), floor, text):
            continue
        if m.lastgroup == "amends" and PASSIVE.search(folded, max(0, m.start() - 16), m.start()):
            continue  # "… đã được\nsửa đổi, bổ sung theo …" wrapped by OCR: what another act did
        # the cue must lead to a document reference within a few words
        # "Xét đề nghị của Giám đốc Sở … tại Tờ trình số …" reaches further
        reach = 200 if _XET_DE_NGHI.match(folded, m.start(), m.start() + 8) else 60
        ahead = folded[m.end() : m.end() + reach]
        directed = False  # "Theo (ý kiến) chỉ đạo / yêu cầu của … tại Công văn số …": carried out, as "Thực hiện …" is
        if reach > 60:
            # the proposal: "… tại Tờ trình số …", or another paper it was made in ("… tại Công văn số …")
            if tm := _TO_TRINH.search(ahead):
                ahead = ahead[tm.start() :]
            elif at := _AT_PAPER.search(ahead):
                ahead = ahead[at.end() :]
        elif (om := _OPINION_AT.match(folded, m.end(), m.end() + 200) or P.TASKS_AT.match(folded, m.end(), m.end() + 200)) is not None:
            # "Căn cứ ý kiến chỉ đạo của Thường trực Tỉnh ủy tại Thông báo số …": the opinion is in the document
            ahead = folded[om.end() : om.end() + 60]
            directed = folded.startswith("theo", m.start()) and ("chi dao" in om.group() or "yeu cau" in om.group())
        # (or the citation itself starts right after it: its type word may be garbled, "Céng vin sd 627/…")
        if not (P.TYPE_WORD.match(ahead.lstrip()) or _LEADS_TO_DOCUMENT.match(ahead) or pos - m.end() <= 16
                or ((pm := _PART_AHEAD.match(folded, m.end(), pos)) is not None and pos - pm.end() <= 16)
                or _LAW_NAME_AHEAD.match(folded, m.end(), pos)):
            continue
        best = ("implements" if directed else m.lastgroup or "cites", m.start())
    return best


def _sentence_floor(folded: str, pos: int, lo: int, text: str | None = None) -> int:
    """Where the sentence holding ``pos`` starts: after the last break within 1,500 characters, or after a
    full stop inside a line that ``text`` (folded's original, whose capitals folding lost) shows to end one."""
    end = last_end_near(SENTENCE_BREAK, folded, max(lo, pos - 1500), pos)
    floor = lo if end is None else end
    return floor if text is None else prose_stop(text, floor, pos)


def prose_stop(text: str, floor: int, pos: int) -> int:
    """After the last full stop in ``[floor, pos)`` that ends a sentence of prose: a word in small letters
    before it, a capital after ("… tổ chức quán triệt. Các nội dung thực hiện theo …"); not "TP. Hồ Chí Minh",
    "ngày 12/8/2025. Sau" (a date may end an abbreviation's number), nor "Điều 5. Luật".  ``floor`` if none."""
    at = text.rfind(". ", floor, pos)
    while at >= floor + 2:
        nxt = at + 2
        while nxt < pos and text[nxt] == " ":
            nxt += 1
        if text[at - 2 : at].isalpha() and text[at - 2 : at].islower() and nxt < pos and text[nxt].isupper():
            return nxt
        at = text.rfind(". ", floor, at)
    return floor


def classify(folded: str, cits: list[Citation], preamble_end: int, doc_type: str | None,
             text: str | None = None, laws: tuple[tuple[int, int], ...] = ()) -> list[Classified]:
    """Each citation's relation (rules in the module's docstring); ``text`` (folded's original) tells a cue
    in capitals at a line's start, which opens a clause of its own; ``laws``, the spans of the laws named,
    tell which of a sentence's mentions expire."""
    out: list[Classified] = []
    expire = expiring(folded, sorted([*((c.start, c.end) for c in cits), *laws])) if doc_type != "VBHN" else frozenset()
    for i, c in enumerate(cits):
        if (doc_type == "BC" and c.start < preamble_end) or (doc_type in ("BC", "CV") and closing_report(folded, c.start)):
            rm = REPORTS_ON_BEFORE.search(folded, max(0, c.start - 90), c.start)
            if rm is not None:
                # "…, Sở Nội vụ báo cáo kết quả thực hiện Kế hoạch số 45/KH-UBND …": what this report is on,
                # also when the sentence began with the letter that asked for it
                out.append(Classified(c, "reports_on", None, None, rm.start()))
                continue
        gap = _gap_before(folded, cits, i)
        parent, parent_rel = _nested(cits, out, i, gap, text) if gap is not None else (None, None)
        if (doc_type in ("BC", "CV") and c.start < preamble_end and c.type in REPORTED_TYPES and parent is None
                and reports_after(folded, cits, i)):
            # "Căn cứ Kế hoạch số 12/KH-UBND …, UBND xã báo cáo kết quả thực hiện như sau:": what it reports on
            # (not what that plan carries out: "Kế hoạch số 145 … triển khai Nghị quyết số 57 …, Sở … báo cáo"),
            # also in a letter that is a report ("V/v báo cáo kết quả thực hiện Kế hoạch số 82/KH-UBND")
            out.append(Classified(c, "reports_on", None, None, c.start))
            continue
        relation, cue_start = "cites", None
        if parent is None:
            relation, cue_start = _governed(folded, c, preamble_end, doc_type, text)
            if relation == "reports_on" and cue_start != c.start and _asks_for_the_report(folded, cits, i):
                relation = "implements"
            elif _issued_by_another(folded, cits, i, cue_start):
                relation = "cites"  # "Thực hiện X …, Sở Nội vụ đã ban hành Kế hoạch số Y …": Y is what that body issued
            # a consolidated text quotes the amending acts' own words: it amends and repeals nothing itself
            own = own_cue_before(folded, c.start, doc_type) if doc_type != "VBHN" else None
            if issued_with(folded, c.start):
                # "KẾ HOẠCH / … / (Ban hành kèm theo Quyết định số …)": the decision this text is issued with
                relation, cue_start = "based_on", c.start
            elif own:
                relation, cue_start = own, c.start
            elif gap is not None and (item := _list_item_before(out, i)) is not None and _enumerated_after_own_cue(
                    item, gap, folded, c):
                # "thay thế Nghị quyết số A … và Nghị quyết số B …": the cue governs the whole list
                relation, cue_start = item.relation, c.start
            elif (relation != "implements" and gap is not None and doc_type != "BC" and c.start < preamble_end
                  and _own_clause_carries_out(gap)):
                # "Căn cứ Kế hoạch số 145/KH-UBND …, UBND xã ban hành Kế hoạch thực hiện Nghị quyết số 57-NQ/TW"
                relation, cue_start = "implements", c.start
            elif relation == "cites" and gap is not None and _carried_out_with(out[i - 1], folded, c):
                # "Triển khai thực hiện có hiệu quả Kế hoạch số 82/KH-UBND … về … và Nghị quyết số 57-NQ/TW"
                relation, cue_start = "implements", out[i - 1].cue_start
            elif c.start in expire:
                relation, cue_start = "repeals", c.end
        out.append(Classified(c, relation, parent, parent_rel, cue_start))
    return out



def _asks_for_the_report(folded: str, cits: list[Citation], i: int) -> bool:
    """A report's "Thực hiện X" where X is the request, not what is reported on: X's subject asks for the report
    ("Thực hiện Công văn số 2201/SKHCN-CĐS … về việc báo cáo kết quả, UBND xã báo cáo như sau"), or the sentence
    goes on to name what the report is on ("Thực hiện Công văn số 1050-CV/TU …, UBND huyện báo cáo kết quả thực
    hiện Nghị quyết số 06-NQ/TU")."""
    c = cits[i]
    if c.subject and ASKS_REPORT.match(folded, c.end):
        return True
    for nxt in cits[i + 1 : i + 4]:
        if nxt.start - c.end > 300 or SENTENCE_BREAK.search(folded, c.end, nxt.start):
            break
        if REPORTS_ON_BEFORE.search(folded, max(0, nxt.start - 90), nxt.start):
            return True
    return False


def _gap_before(folded: str, cits: list[Citation], i: int) -> str | None:
    """The text between citation ``i`` and the one before it (None for the first)."""
    if i == 0:
        return None
    prev = cits[i - 1]
    gap_lo = max(prev.end, prev.sym_end)
    return folded[gap_lo : cits[i].start] if gap_lo <= cits[i].start else ""


#: A clause of this document's own between two citations: ", UBND xã ban hành Kế hoạch thực hiện …", ", Sở Nội vụ
#: sửa đổi, bổ sung …" — one body that acts (not "các …", a group given a task inside the cited text's subject).
OWN_CLAUSE = re.compile(
    r",\s*(?:ubnd|" + P.UY_BAN_NHAN_DAN + r"|hdnd|" + P.HOI_DONG_NHAN_DAN + r"|s[o0]|ban\s+th[uw][o0]ng\s+v[u]|d[a]ng\s+[u]y"
    r"|t[i1]nh\s+[u]y|ch[u]\s+t[i1]ch|v[a]n\s+ph[o0]ng|ph[o0]ng|trung\s+t[a]m|c[o0]ng\s+an)"
    r"(?:\s+(?!c[a]c\b|giao\b)[a-z0-9]+){0,6}?\s+(?:d[a]\s+)?(?:ban\s+h[a]nh|x[a]y\s+d[uw]ng|s[uw]a\s+d[o0]i|b[o0]\s+sung"
    r"|thay\s+th[e&]|b[a]i\s+b[o0]|" + P.TRIEN_KHAI + "|" + P.THUC_HIEN + r"|c[u]\s+th[e&]\s+h[o0]a)(?![a-z])"
)


def _nested(cits: list[Citation], out: list[Classified], i: int, gap: str, text: str | None) -> tuple[int | None, str | None]:
    """The citation ``i`` is nested in, and how that one relates to it (rule 1); not one after a clause of this
    document's own (:data:`OWN_CLAUSE`)."""
    if len(gap) >= 220 or _CLAUSE_BREAK.search(gap) or ("," in gap and OWN_CLAUSE.search(gap)):
        return None, None
    nm = _NEST_CUE.search(gap)
    if nm and text is not None and _opens_a_line(text, cits[i].start - len(gap) + nm.start()):
        return None, None
    # "… và theo Công văn số …": a conjunction before the cue opens a sibling clause with its own cue
    if nm and not _SIBLING_CLAUSE.search(gap, 0, nm.start()):
        reviews = _REVIEWS.search(gap, 0, nm.start()) is not None or (
            nm.lastgroup == "amends" and DRAFT_OF.search(gap, max(0, nm.start() - 40), nm.start()) is not None)
        if nm.lastgroup == "implements" and cits[i - 1].type == "BC":
            # "Báo cáo số 45/BC-UBND … về kết quả thực hiện Kế hoạch số 82 …": a report on what carrying X out gave
            return i - 1, "reports_on"
        # "về tổng kết việc thực hiện Nghị quyết …" reviews X, it does not carry it out
        return i - 1, (None if reviews else nm.lastgroup)
    prev = out[i - 1]
    if nm is None and _CONJ.fullmatch(gap) and prev.parent is not None and not (
        prev.parent_relation == "amended_by" and not _amending_name(cits[i].name)
    ):
        # "… đã được sửa đổi theo Luật số A, Luật số B": A and B amend it; a law named with its
        # number after them ("…, Luật Hải quan số 54/2014/QH13"), unless its name is an amending law's, is the
        # next one of the outer list
        return prev.parent, prev.parent_relation
    return None, None


def _amending_name(name: str | None) -> bool:
    """"Luật sửa đổi, bổ sung một số điều của Luật …" (and an ordinance's): the name of an amending act; no name
    ("Luật số 03/2022/QH15") may be one too."""
    return name is None or squash(name).startswith(("luat sua doi", "bo luat sua doi", "phap lenh sua doi"))


#: The cue right before a citation that carries it out ("… ban hành Kế hoạch thực hiện ", "… triển khai thực hiện ").
_CARRIES_OUT = re.compile(
    r"(?:" + P.TRIEN_KHAI + r"\s+)?" + P.THUC_HIEN + r"\s*\Z|" + P.TRIEN_KHAI + r"\s*\Z|c[u]\s+th[e&]\s+h[o0]a\s*\Z"
)


def _issued_by_another(folded: str, cits: list[Citation], i: int, cue_start: int | None) -> bool:
    """The citation, after another in the clause of its cue, is what a body issued ("(đã) ban hành Kế hoạch số …"):
    the cue is for the first ("Thực hiện Kế hoạch số 145/KH-UBND …, Sở Nội vụ đã ban hành Kế hoạch số 20/KH-SNV")."""
    c = cits[i]
    return (cue_start is not None and cue_start < c.start and i > 0 and cits[i - 1].start >= cue_start
            and _BAN_HANH_BEFORE.search(folded, max(0, c.start - 30), c.start) is not None)


def _own_clause_carries_out(gap: str) -> bool:
    """The gap before a citation is a clause of this document's own that ends by carrying it out: ", UBND xã
    ban hành Kế hoạch thực hiện " (:data:`OWN_CLAUSE`, not the subject of the citation before)."""
    if len(gap) >= 220 or "," not in gap or _CLAUSE_BREAK.search(gap):
        return False
    m = OWN_CLAUSE.search(gap)
    return m is not None and _CARRIES_OUT.search(gap, m.start()) is not None and not _REVIEWS.search(gap, m.start())


def _opens_a_line(text: str, at: int) -> bool:
    """A cue in capitals at the start of a line ("… của Bộ Chính trị\nThực hiện Kế hoạch số …"): a new clause
    whose ";" the scan lost, not the subject of the citation before ("… về triển khai\nthực hiện …")."""
    line = text.rfind("\n", 0, at) + 1
    return line > 0 and not text[line:at].strip() and text[at : at + 1].isupper()


def _governed(folded: str, c: Citation, preamble_end: int, doc_type: str | None,
              text: str | None = None) -> tuple[str, int | None]:
    """The relation a cue gives a citation that is not nested (rule 2), with where the cue starts."""
    relation, cue_start = "cites", None
    if c.start < preamble_end:  # only the opening part is governed: its breaks are all that is read
        floor = _sentence_floor(folded, c.start, 0, text)
        g = _governing_cue(folded, floor, c.start, text)
        if g is None and floor > 0 and _CUT_ITEM.search(folded, max(0, floor - 80), floor):
            # an item the scan cut by a blank line ("Căn cứ\n\nNghị định số …"): its cue is before the cut
            g = _governing_cue(folded, _sentence_floor(folded, floor - 3, 0), c.start, text)
        if (g is None and floor > 0 and not folded[floor : c.start].strip(" \t\n-+•")
                and P.ITEM_AFTER_BLANK.search(folded, max(0, floor - 40), floor)):
            # "Căn cứ Nghị định số 85/…;\n\nNghị định số 47/…;": the next item of the list, a blank line between
            # (as exports and OCR set the lines of a preamble apart), under the cue of the line above
            g = _governing_cue(folded, _sentence_floor(folded, folded.rfind(";", 0, floor), 0, text), c.start, text)
        if g is None:
            g = list_cue(folded, floor)  # "Căn cứ:\n- Nghị định số …;\n- Quyết định số …;"
        if g:
            relation, cue_start = g
            if relation == "implements" and doc_type == "BC":
                relation = "reports_on"
    # "Thực hiện (ý kiến) chỉ đạo của … tại Công văn số …", in the opening as in the body
    if relation == "cites" and _IMPL_NEAR.search(folded, max(0, c.start - 200), c.start):
        floor = _sentence_floor(folded, c.start, 0, text)
        line = folded.rfind("\n", floor, c.start) + 1  # a heading line before it in the same "sentence"
        if _BODY_IMPLEMENTS.match(folded, floor, c.start) or (
                line and _line_opens_a_clause(folded, text, line) and _BODY_IMPLEMENTS.match(folded, line, c.start)):
            relation, cue_start = ("reports_on" if doc_type == "BC" else "implements"), floor
    return relation, cue_start


def _line_opens_a_clause(folded: str, text: str | None, line: int) -> bool:
    """The line at ``line`` opens a clause of its own: written with a capital, an item, or after a line that ends a
    clause; not a line that OCR or a PDF wrapped a sentence onto ("… đánh giá tình hình\nthực hiện Kế hoạch …")."""
    if text is None or text[line : line + 80].lstrip()[:1].isupper() or _ITEM_MARK.match(folded, line):
        return True
    prev = folded[max(0, line - 200) : line].rstrip()
    return not prev or prev[-1] in ".:;"


_ITEM_MARK = re.compile(r"[ \t]*(?:[-+•*]|(?:[ivx]{1,4}|\d{1,2}(?:\.\d{1,2})*|[a-z])[.)])\s")


def _carried_out_with(prev: Classified, folded: str, c: Citation) -> bool:
    """The citation is the next item (:data:`~luocdo.loaders.patterns.NEXT_ITEM`) of a list a sentence of the body opens by
    carrying out (the previous citation implements by such a cue, with at most its subject between)."""
    p = prev.citation
    return (prev.relation == "implements" and prev.parent is None and prev.cue_start is not None
            and p.end <= c.start and P.NEXT_ITEM.match(folded, p.end, c.start) is not None)



def _list_item_before(out: list[Classified], i: int) -> Classified | None:
    """The item of a list before citation ``i``: the citation right before, or the one it is nested in when it is an
    act that amended that item ("Luật Chứng khoán số 70/2006/QH11 đã được sửa đổi, bổ sung theo Luật số 62/2010/QH12,
    Luật Điện ảnh số …": the list goes on after the amending acts)."""
    prev = out[i - 1] if i > 0 else None
    while prev is not None and prev.parent is not None and prev.parent_relation == "amended_by":
        prev = out[prev.parent]
    return prev


def _enumerated_after_own_cue(prev: Classified, gap: str, folded: str, c: Citation) -> bool:
    """The citation follows, joined by "và" or a comma only, one this document amends or repeals; or it is the next
    bare "số …" of a list on the same line ("thay thế các Nghị định: số 154/2005/NĐ-CP … quy định …; số 87/2012/NĐ-CP")."""
    if not (prev.relation in ("amends", "repeals") and prev.cue_start == prev.citation.start and prev.parent is None):
        return False
    return _CONJ.fullmatch(gap) is not None or (
        _NEXT_ON_LINE.search(gap) is not None and _BARE_NUMBER.match(folded, c.start) is not None) or (
        # "thay thế Thông tư số A … của Bộ trưởng … ban hành Danh mục … và Thông tư số B …": A's subject, then one
        # more of its kind
        c.type == prev.citation.type and _AND_ONE_MORE.fullmatch(gap) is not None and not P.CUE.search(gap))


#: The subject of one item of a list, then "và" (one sentence, no blank line).
_AND_ONE_MORE = re.compile(r"(?:[^;.\n:]|\n(?![ \t]*\n)){0,300}?\sv[a]\s+")


#: "…; số 31/QĐ-UBND": the next item of a list in the same sentence, after a ";" (the list "thay thế các Quyết định:
#: số 30/QĐ-UBND …; số 31/QĐ-UBND …" opens; a line may wrap, no new item or article starts); the item is a bare "số …"
#: (:data:`_BARE_NUMBER`).
_NEXT_ON_LINE = re.compile(
    r"\A(?:[^\n.]|\.(?!\s)|\n(?![ \t]*\n)(?![ \t]*(?:\d{1,2}[.)]|[a-z][.)]|[-+•]|[dbp0]i[e&]u\s+\d))){0,400}?;\s*(?:v[a]\s+)?\Z"
)
_BARE_NUMBER = re.compile(P.SO + r"\s*\d")


def issued_on_basis(folded: str, cits: list[Citation], classified: list[Classified]) -> list[tuple[int, int, str]]:
    """(issued, basis, relation) for "<cue> X …, <unit> (đã) ban hành <type> số Y"."""
    out = []
    for j, c in enumerate(cits):
        left = folded[max(0, c.start - 30) : c.start]
        if not _BAN_HANH_BEFORE.search(left):
            continue
        # no break within 1,500 characters: not a sentence, and reading back to the start of the
        # text from every citation made one long line cost time that grew with its square
        floor = max(_sentence_floor(folded, c.start, 0), c.start - 1500)
        for i in range(j - 1, -1, -1):
            b = cits[i]
            if b.start < floor:
                break
            if classified[i].parent is not None:
                continue
            m = None
            for m in P.CUE.finditer(folded, floor, b.start):
                pass
            if m is None:
                continue
            cue = m.lastgroup
            if cue == "implements":
                rel = "implements"
            elif cue == "based_on":
                rel = "implements" if c.type in ("KH", "CTr") and b.type in ("KH", "CTr", "NQ", "CT") else "based_on"
            else:
                rel = cue or "cites"
            out.append((j, i, rel))
            break
    return out
