"""Tasks of a plan: lead unit ("đơn vị/cơ quan chủ trì"), coordinating units
("phối hợp") and time frame ("thời gian thực hiện").

Plans list tasks as numbered or lettered items followed by dash lines:

    1. Thực hiện đăng tải Danh mục TTHC …
    - Đơn vị chủ trì: Trung tâm Phục vụ - Kiểm soát TTHC tỉnh.
    - Đơn vị phối hợp: Trung tâm Công báo và Tin học.
    - Thời gian thực hiện: Thường xuyên trong năm.

OCR turns "Đơn vị" into "Pon vi"/"Bon vi", "phối hợp" into "phdi hop"/"phi hop".
"""

from __future__ import annotations

import re

from luocdo.core.model import Assignment
from luocdo.loaders.citations import clean
from luocdo.loaders.scan import LinePattern

_UNIT = r"(?:[dpb0][o0]n\s*v[i1]|c[o0]\s*quan|b[o0]\s*ph[a]n)\s*"
_LEAD = LinePattern(r"[ \t]*[-+•]?[ \t]*" + _UNIT + r"ch[a-z`]{0,2}\s*tr[i1l](?:\s*th[a-z]{1,2}c\s*hi[a-z`]{1,3}n)?\s*[:;]")
_COORD = LinePattern(r"[ \t]*[-+•]?[ \t]*" + _UNIT + r"ph[a-z0-9`]{0,3}\s*h[a-z`]{1,2}p\s*[:;]")
_DOER = LinePattern(r"[ \t]*[-+•]?[ \t]*" + _UNIT + r"th[a-z]{1,2}c\s*hi[a-z`]{1,3}n\s*[:;]")
_TIME = LinePattern(r"[ \t]*[-+•]?[ \t]*th[a-z0-9`]{0,3}\s*gian\s*(?:th[a-z]{1,2}c\s*hi[a-z`]{1,3}n|ho[a]n\s*th[a]nh)?\s*[:;]")
_ITEM = LinePattern(r"[ \t]*(?:\d{1,2}(?:\.\d{1,2})?|[a-zđ])[ \t]*[.)][ \t]*(?=\S)")
_FIELD_START = LinePattern(r"[ \t]*[-+•][ \t]*\S")


def _value(text: str, folded: str, lo: int) -> tuple[str, int]:
    """Text after "…:" (ending at ``lo``) up to the next field line, item or blank line."""
    nxt = [x[0] for x in (_FIELD_START.search(folded, lo), _ITEM.search(folded, lo)) if x]
    blank = folded.find("\n\n", lo)
    if blank != -1:
        nxt.append(blank)
    hi = min(nxt) if nxt else len(text)
    hi = min(hi, lo + 400)
    return clean(text[lo:hi]), hi


def _units(value: str) -> tuple[str, ...]:
    parts = [clean(p) for p in re.split(r";", value)]
    return tuple(p for p in parts if p)


# Prose form: "Sở Khoa học và Công nghệ chủ trì, phối hợp với Sở Nội vụ, Sở Tài
# chính triển khai …; thời gian thực hiện: quý III năm 2025."  Also "Giao Sở X
# chủ trì …".  Unit names start with an organisation word.
_ORG_WORD = r"(?:s[o0&6]|ubnd|uy\s+ban|van\s+ph[o0]ng|c[o0]ng\s+an|ban|trung\s+t[a]m|ph[o0]ng|b[o0]\s+ch[i1]\s+huy|thanh\s+tra|d[a]i|b[a]o|t[i1]nh\s+d[o0]an|h[o0]i)\b"
_PROSE = re.compile(
    r"(?:(?<=[\n;.:])|(?<=\bgiao\s)|(?<=\d[.)]\s))\s*(?:giao\s+)?(?P<lead>" + _ORG_WORD + r"[^;:.\n]{2,90}?)\s+ch[uw]\s*tr[i1]"
    r"(?:\s*,?\s*(?:v[a]\s+)?ph[o0]i\s+h[o0]p\s+v[o0]i\s+(?P<coord>(?:c[a]c\s+)?" + _ORG_WORD + r"[^;:\n]{2,240}?))?"
    r"(?=\s+(?:tri[e&]n\s+khai|th[uw]c\s+hi[e&]n|x[a]y\s+d[uw]ng|t[o0]\s+ch[uw]c|tham\s+m[uw]u|h[uw][o0e]ng\s+d[a]n|theo\s+d[o0]i|ki[e&]m\s+tra|r[a]\s+so[a]t|c[a]p\s+nh[a]t|d[a]y\s+m[a]nh|n[a]ng\s+c[a]o|b[a]o\s+c[a]o)|\s*[;.]|\s*$|(?(coord)(?!)|\s*,))",
    re.M,
)
_PROSE_TIME = re.compile(
    r"th[a-z0-9`]{0,3}\s*gian\s*(?:th[a-z]{1,2}c\s*hi[a-z`]{1,3}n|ho[a]n\s*th[a]nh)?\s*[:;]?\s*(?P<t>[^;.\n]{3,80})"
    r"|(?P<t2>(?:ho[a]n\s+th[a]nh\s+)?tr[uw][o0]c\s+ng[a]y\s+\d{1,2}/\d{1,2}/\d{4}|(?:trong\s+)?qu[y]\s+[ivx1-4]+\s+n[a]m\s+\d{4}|th[uw][o0e]ng\s+xuy[e&]n)"
)


def _split_units(text: str) -> tuple[str, ...]:
    parts = re.split(r",\s*|\s+và\s+|\s+va\s+", text)
    return tuple(p for p in (clean(x) for x in parts) if p and p[:1].isupper())


_CHU_TRI = re.compile(r"ch[uw]\s*tr[i1]\b")


def clause_start(folded: str, a: int) -> int:
    """Where the clause holding position ``a`` starts: after the last break ("\\n", ";", ".", ":")
    before ``a - 110``, looking back no further than ``a - 201``."""
    lo0 = max(0, a - 110)
    return max(max(folded.rfind(ch, max(0, a - 202), lo0) for ch in "\n;.:") + 1, a - 201, 0)


#: How far after "chủ trì …" a task's sentence may run.
TASK_REACH = 5000


def _prose_assignments(text: str, folded: str) -> list[Assignment]:
    out: list[Assignment] = []
    # anchor on "chủ trì" (rare) and match the sentence around it, instead of
    # trying the whole pattern at every position of the document
    for anchor in _CHU_TRI.finditer(folded):
        lo = clause_start(folded, anchor.start())
        m = _PROSE.search(folded, lo, min(len(folded), anchor.end() + 300))
        if m is None or m.start("lead") > anchor.start() or (out and out[-1].start == m.start("lead")):
            continue
        lead = clean(text[m.start("lead") : m.end("lead")])
        if not lead[:1].isupper():
            continue
        coord = _split_units(text[m.start("coord") : m.end("coord")]) if m.group("coord") else ()
        # the task is the rest of the sentence, read no further than TASK_REACH (searching on to the
        # end of the text for every task made a long text without breaks cost its length squared)
        stop = min(len(text), m.end() + TASK_REACH)
        for pat in (r"[.;]\s", r"\n\s*\n", r"\n\s*(?:\d{1,2}|[a-z])[.)]\s"):
            sm = re.compile(pat).search(folded, m.end(), stop)
            if sm:
                stop = min(stop, sm.start())
        task = clean(text[m.end() : stop])
        timeframe = None
        tm = _PROSE_TIME.search(folded, m.end(), min(len(folded), stop + 120))
        end = stop
        if tm:
            g = "t" if tm.group("t") else "t2"
            timeframe = clean(text[tm.start(g) : tm.end(g)])
            end = max(end, tm.end())
        out.append(Assignment(task=task[:300], lead=(lead,), coordinating=coord, timeframe=timeframe, start=m.start("lead"), end=end))
    return out


def find_assignments(text: str, folded: str) -> list[Assignment]:
    """Field-list tasks first; prose tasks that do not overlap them next."""
    out = _field_assignments(text, folded)
    taken = [(a.start or 0, a.end or a.start or 0) for a in out]  # found tasks always have a span
    for a in _prose_assignments(text, folded):
        if not any(lo <= (a.start or 0) < hi for lo, hi in taken):
            out.append(a)
    out.sort(key=lambda a: a.start or 0)
    return out


def _field_assignments(text: str, folded: str) -> list[Assignment]:
    leads = list(_LEAD.finditer(folded)) + list(_DOER.finditer(folded))
    leads.sort()
    out: list[Assignment] = []
    for k, (lead_start, lead_stop) in enumerate(leads):
        lead_val, lead_end = _value(text, folded, lead_stop)
        # the task is the nearest item heading before the lead line
        item = None
        for im in _ITEM.finditer(folded, max(0, lead_start - 3000), lead_start):
            item = im
        task = ""
        task_start = lead_start
        if item:
            task_start = item[0]
            task = clean(text[item[1] : lead_start])
        # coordinating and time frame until the next lead or item
        stop = leads[k + 1][0] if k + 1 < len(leads) else len(text)
        nitem = _ITEM.search(folded, lead_end, stop)
        if nitem:
            stop = nitem[0]
        coord: tuple[str, ...] = ()
        cm = _COORD.search(folded, lead_end - 1, stop)
        if cm:
            coord = _units(_value(text, folded, cm[1])[0])
        timeframe = None
        tm = _TIME.search(folded, lead_end - 1, stop)
        end = lead_end
        if tm:
            timeframe, tend = _value(text, folded, tm[1])
            timeframe = timeframe or None
            end = max(end, tend)
        if cm:
            end = max(end, cm[1])
        out.append(
            Assignment(
                task=task[:300],
                lead=_units(lead_val),
                coordinating=coord,
                timeframe=timeframe,
                start=task_start,
                end=end,
            )
        )
    return out
