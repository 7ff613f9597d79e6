"""A report's own words: what it reports on, and what asked for it.

A report (or a letter that is one) names what it reports on before a citation ("báo cáo kết quả thực hiện
Kế hoạch số …"), after what it rests on ("Căn cứ Kế hoạch số …, UBND xã báo cáo kết quả thực hiện như sau")
and in its closing sentence ("Trên đây là báo cáo kết quả thực hiện …"); a letter's subject or a sentence
asking others to report is a request, not a report.
"""

from __future__ import annotations

import re

from luocdo.loaders import patterns as P
from luocdo.loaders.citations import Citation

#: A report's own words for what it reports on: "báo cáo (sơ kết|tổng kết) (kết quả|tình hình) (triển khai)
#: thực hiện", right before the citation.
REPORTS_ON_BEFORE = re.compile(
    r"(?<![a-z])b[a]o\s+c[a]o\s+(?:(?:s[o0]|t[o0]ng)\s+k[e&]t\s+)?(?:(?:k[e&]t\s+qu[a]|t[i1]nh\s+h[i1]nh)\s+)?"
    r"(?:(?:vi[e&]c\s+)?(?:" + P.TRIEN_KHAI + r"\s+)?" + P.THUC_HIEN + r"|" + P.TRIEN_KHAI + r")\s+(?:c[a]c\s+)?\Z"
)
#: A line break that only wraps a sentence (no blank line): OCR and PDF text break lines anywhere.
_WRAP = r"\n(?![ \t]*\n)"
#: The report's own words after what it rests on: "…, UBND xã báo cáo kết quả (triển khai) thực hiện như sau",
#: "…, Sở Nội vụ báo cáo sơ kết như sau".
_REPORTS_AFTER = re.compile(
    r"(?:[^;.\n]|" + _WRAP + r"){0,200}?,\s*(?:[^;.,\n]|" + _WRAP + r"){0,60}?\sb[a]o\s+c[a]o\s+(?:(?:(?:s[o0]|t[o0]ng)\s+k[e&]t\s+)?(?:k[e&]t\s+qu[a]|t[i1]nh\s+h[i1]nh)|(?:s[o0]|t[o0]ng)\s+k[e&]t)"
    r"(?:\s+(?:" + P.TRIEN_KHAI + r"\s+)?" + P.THUC_HIEN + r")?\s+nh[uw]\s+sau"
)
#: What a report reports on when it rests on it: plans, programmes, directives, resolutions, decisions, conclusions.
REPORTED_TYPES = frozenset({"KH", "CTr", "CT", "NQ", "QĐ", "KL", "ĐA"})


#: A report's closing words: "Trên đây là báo cáo kết quả thực hiện …".
_CLOSING = re.compile(r"tr[e&]n\s+d[a]y\s+l[a]\s+b[a]o\s+c[a]o\s")


def closing_report(folded: str, start: int) -> bool:
    """The citation at ``start`` is named by the closing sentence of a report (or a letter that is one): "Trên đây
    là báo cáo kết quả thực hiện Kế hoạch số 82/KH-UBND …", what it reports on (with :data:`REPORTS_ON_BEFORE`)."""
    return "tren day" in folded[max(0, start - 120) : start] and _CLOSING.search(folded, max(0, start - 120), start) is not None


def reports_after(folded: str, cits: list[Citation], i: int) -> bool:
    """The opening sentence goes on, after citation ``i`` (or after the list it begins), to say that the report
    gives the results of carrying it out."""
    c = cits[i]
    m = _REPORTS_AFTER.match(folded, c.end, min(len(folded), c.end + 300))
    if m is None:
        return False
    if ASKS_OTHERS.search(folded, m.start(), m.end()):
        return False  # "…, Sở đề nghị UBND các xã báo cáo kết quả thực hiện như sau": a request, no report
    nxt = cits[i + 1].start if i + 1 < len(cits) else len(folded)
    return m.end() <= nxt or P.NEXT_ITEM.match(folded, c.end, nxt) is not None


#: Words asking others to report: a letter that requests reports, not one that is a report.
ASKS_OTHERS = re.compile(r"(?<![a-z])(?:d[e&]\s+ngh[i1]|y[e&]u\s+c[a]u|d[o0]n\s+d[o0]c|giao)(?![a-z])")


#: A letter's own words that it reports: "Sở Tài chính báo cáo như sau", "xin báo cáo kết quả như sau" (not "đề
#: nghị các xã báo cáo … như sau", a request).
_OWN_REPORT = re.compile(r"(?<![a-z])b[a]o\s+c[a]o(?:\s+[^.;:\n]{0,60}?)?\s+nh[uw]\s+sau")


def reports_itself(folded: str, start: int, reach: int = 3000) -> bool:
    """The words from ``start`` (a letter's body) say that the letter is itself a report."""
    for m in _OWN_REPORT.finditer(folded, start, min(len(folded), start + reach)):
        if not ASKS_OTHERS.search(folded, max(start, m.start() - 60), m.start()):
            return True
    return False


#: A letter's subject that asks for a report: "Công văn số … về việc báo cáo kết quả …", "… đề nghị báo cáo …".
ASKS_REPORT = re.compile(
    r"[\s,]{0,3}(?:v[e&]\s+(?:vi[e&]c\s+)?|(?:v[e&]\s+vi[e&]c\s+)?(?:d[e&]\s+ngh[i1]|y[e&]u\s+c[a]u)\s+)b[a]o\s+c[a]o(?![a-z])"
)
