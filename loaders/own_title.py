"""What a document's own title says it does to the acts it names: a plan that carries X out, a text that details or
guides X, a report on the results of X, a letter whose subject carries X out."""

from __future__ import annotations

import dataclasses
import re

from luocdo.core.fold import squash
from luocdo.loaders import patterns as P
from luocdo.loaders.header import Header
from luocdo.loaders.relations import Classified
from luocdo.loaders.report_cues import REPORTS_ON_BEFORE, reports_itself

_IMPL_CUE = re.compile(r"(?<![a-z])(?:" + P.THUC_HIEN + "|" + P.TRIEN_KHAI + r"|c[uw]\s+th[e&]\s+h[o0]a)(?![a-z])")


#: A review of what carrying X out gave, right before the cue in a plan's title: "Tổng kết 10 năm thực hiện …",
#: "Sơ kết 5 năm triển khai thực hiện …", "Đánh giá kết quả thực hiện …".
_REVIEWED = re.compile(r"(?<![a-z])(?:s[o0&6]\s+k[e&]t|t[o0&6]ng\s+k[e&]t|[dpb][a]nh\s+gi[a])(?![a-z])")


def _last(pattern: re.Pattern[str], folded: str, lo: int, hi: int) -> re.Match[str] | None:
    m = None
    for m in pattern.finditer(folded, lo, hi):
        pass
    return m


def title_says_implements(folded: str, h: Header, classified: list, doc_type: str | None) -> list:
    """A plan or programme whose own title carries X out implements X:
    "Ban hành Chương trình hành động … thực hiện Nghị quyết số 15-NQ/TW"."""
    if not h.title_span:
        return classified
    lo, hi = h.title_span
    # a plan or programme, or a text that issues one ("Ban hành Kế hoạch …"); a report on the results of X;
    # a text that details or guides X ("Hướng dẫn thi hành Nghị định số …", "Quy định chi tiết …")
    title = folded[lo:hi]
    report = doc_type == "BC"
    guides = doc_type in GUIDING_TYPES and _GUIDES.search(title) is not None
    if doc_type == "CV" and not guides:
        reports = reports_itself(folded, hi)
        return [_letter_carries_out(cl, folded, lo, hi, reports) for cl in classified]
    if not report and not guides and doc_type not in ("KH", "CTr", "ĐA") and not _ISSUES_A_PLAN.search(title):
        return classified
    cue = _GUIDES if guides else _IMPL_CUE
    out = []
    for cl in classified:
        c = cl.citation
        if (lo <= c.start < hi and cl.parent is None and cl.relation in ("cites", "based_on", "implements")
                and (m := _last(cue, folded, lo, c.start)) is not None):
            if report or guides or not _REVIEWED.search(folded, max(lo, m.start() - 40), m.start()):
                cl = dataclasses.replace(cl, relation="reports_on" if report else "implements")
            elif cl.relation == "implements" and cl.cue_start is not None and lo <= cl.cue_start < hi:
                # "KẾ HOẠCH / Tổng kết 10 năm thực hiện Chỉ thị số 05-CT/TW": a plan to review X does not carry it out
                cl = dataclasses.replace(cl, relation="cites", cue_start=None)
        out.append(cl)
    if report and any(lo <= cl.citation.start < hi and cl.relation == "reports_on" for cl in out):
        out = [_the_request(cl, lo, hi) for cl in out]
    return out


#: A letter's subject that carries X out, right before it: "V/v triển khai (thực hiện) Kế hoạch số …", "V/v tổ chức
#: thực hiện Quyết định số …".
_LETTER_CARRIES_OUT = re.compile(
    r"(?<![a-z])(?:" + P.TRIEN_KHAI + r"(?:\s+" + P.THUC_HIEN + r")?|(?:t[o0]\s+ch[uw]c\s+)?" + P.THUC_HIEN + r")\s+\Z"
)
#: Before it, words that make the subject another's act: a draft to comment on, a report, a review.
_NOT_OWN_ACT = re.compile(r"d[uw]\s+th[a]o|g[o0]p\s+[y]|b[a]o\s+c[a]o|s[o0]\s+k[e&]t|t[o0]ng\s+k[e&]t|d[a]nh\s+gi[a]")


def _letter_carries_out(cl: Classified, folded: str, lo: int, hi: int, reports: bool) -> Classified:
    """A letter whose "V/v" subject carries X out ("V/v triển khai Kế hoạch số 82/KH-UBND") implements X; not a
    draft's, a report's or a review's subject ("V/v góp ý dự thảo Kế hoạch thực hiện Nghị quyết số …"). A letter that
    is itself a report (``reports``: "Sở Tài chính báo cáo như sau") whose subject is "báo cáo kết quả thực hiện X"
    reports on X; one asking for that report does not."""
    c = cl.citation
    if (reports and lo <= c.start < hi and cl.parent is None and cl.relation in ("cites", "based_on")
            and (rm := REPORTS_ON_BEFORE.search(folded, max(lo, c.start - 90), c.start)) is not None):
        return dataclasses.replace(cl, relation="reports_on", cue_start=rm.start())
    if (lo <= c.start < hi and cl.parent is None and cl.relation in ("cites", "based_on")
            and _LETTER_CARRIES_OUT.search(folded, max(lo, c.start - 40), c.start)
            and not _NOT_OWN_ACT.search(folded, lo, c.start)):
        return dataclasses.replace(cl, relation="implements")
    return cl


#: What asks for a report, not what one is on: letters, guidance, notices, telegrams.
_REQUESTS = frozenset({"CV", "HD", "TB", "CĐ"})


def _the_request(cl: Classified, lo: int, hi: int) -> Classified:
    """In a report whose title names what it is on ("Báo cáo sơ kết 05 năm thực hiện Chỉ thị số 35-CT/TW"), the
    letter its opening carries out ("Thực hiện Công văn số 1200-CV/BTCTW …, Ban Thường vụ báo cáo") asked for it."""
    c = cl.citation
    if cl.relation == "reports_on" and cl.parent is None and c.type in _REQUESTS and not lo <= c.start < hi:
        return dataclasses.replace(cl, relation="implements")
    return cl


#: A plan or programme the title issues ("Ban hành Kế hoạch thực hiện …"), not one it cites by number
#: ("Kết luận … về tiến độ triển khai Kế hoạch số 112/KH-UBND").
_ISSUES_A_PLAN = re.compile(
    r"(?:k[e&]\s*ho[a]ch|ch[uw]?[o0]ng\s*tr[i1]nh)(?!\s+(?:h[a]nh\s+d[o0]ng\s+)?(?:(?:" + P.SO + r")\s*:?\s*)?\d)"
)
_GUIDES = re.compile(r"(?<![a-z])(?:h[uw][o0e]ng\s+[dpb][a]n(?:\s+(?:thi\s+h[a]nh|th[uw]c\s+hi[e&]n))?|quy\s+[dpb0][i1j]nh\s+(?:chi\s+ti[e&]t|th[i1j]\s+h[a]nh))(?![a-z])")  # (OCR's "P" for "Đ": "QUY PINH")
#: The types of text whose title says what they detail or guide ("Nghị quyết hướng dẫn áp dụng … Bộ luật …" of a court council).
GUIDING_TYPES = ("TT", "TTLT", "NĐ", "QĐ", "NQ", "HD", "CV")


_BASIS_IN_TITLE = re.compile(r"(?<![a-z])c[a]n\s+c[uw](?![a-z])")
#: Before a cue in a title, what makes the cue another act's: this text amends or replaces it, or it is named by number.
_ANOTHERS_WORDS = re.compile(r"s[uw]a\s+d[o0bd]i|b[o0d]\s+sung|thay\s+th[e&]|b[a]i\s+b[o0]|\d\s*/")


def guided_in_title(title: str | None, doc_type: str | None) -> list[str]:
    """The words of a title after each cue that says the text details or guides an act ("quy định chi tiết một số
    điều của luật phòng cháy, chữa cháy …"), folded: the acts named there are what the text implements."""
    if not title or doc_type not in GUIDING_TYPES:
        return []
    t = squash(title)
    if (cut := _BASIS_IN_TITLE.search(t)) is not None:
        t = t[: cut.start()]  # a title run on into the preamble ("… NGHĨA VỤ Căn cứ Luật Tổ chức Chính phủ …")
    out = []
    for m in _GUIDES.finditer(t):
        if _ANOTHERS_WORDS.search(t, 0, m.start()):
            break  # "Sửa đổi … Nghị định số 08/2015/NĐ-CP … quy định chi tiết Luật Hải quan": that decree's words
        out.append(t[m.end() : m.end() + 160])
    return out


#: In a report's title, what comes before the act reported on: "Tổng kết 10 năm thi hành Luật Hộ tịch",
#: "Kết quả 5 năm thực hiện Luật Tiếp cận thông tin".
_REPORTED_CUE = re.compile(r"(?<![a-z])(?:thi\s+h[a]nh|" + P.THUC_HIEN + "|" + P.TRIEN_KHAI + r")(?![a-z])")


def reported_in_title(title: str | None, doc_type: str | None) -> list[str]:
    """The words of a report's title after each cue that says how the act named there was carried out, folded:
    the law named there (cited in the body by name or number) is what the report is on."""
    if not title or doc_type != "BC":
        return []
    t = squash(title)
    return [t[m.end() : m.end() + 160] for m in _REPORTED_CUE.finditer(t)]
