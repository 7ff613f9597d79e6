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

from luocdo.graph.model import Assignment
from luocdo.loaders.citations import clean

_UNIT = r"(?:[dpb0][o0]n\s*v[i1]|c[o0]\s*quan|b[o0]\s*ph[a]n)\s*"
_LEAD = re.compile(r"(?m)^[ \t]*[-+•]?[ \t]*" + _UNIT + r"ch[a-z`]{0,2}\s*tr[i1l](?:\s*th[a-z]{1,2}c\s*hi[a-z`]{1,3}n)?\s*[:;]")
_COORD = re.compile(r"(?m)^[ \t]*[-+•]?[ \t]*" + _UNIT + r"ph[a-z0-9`]{0,3}\s*h[a-z`]{1,2}p\s*[:;]")
_DOER = re.compile(r"(?m)^[ \t]*[-+•]?[ \t]*" + _UNIT + r"th[a-z]{1,2}c\s*hi[a-z`]{1,3}n\s*[:;]")
_TIME = re.compile(r"(?m)^[ \t]*[-+•]?[ \t]*th[a-z0-9`]{0,3}\s*gian\s*(?:th[a-z]{1,2}c\s*hi[a-z`]{1,3}n|ho[a]n\s*th[a]nh)?\s*[:;]")
_ITEM = re.compile(r"(?m)^[ \t]*(?:\d{1,2}(?:\.\d{1,2})?|[a-zđ])[ \t]*[.)][ \t]*(?=\S)")
_FIELD_START = re.compile(r"(?m)^[ \t]*[-+•][ \t]*\S")


def _value(text: str, folded: str, m: re.Match[str]) -> tuple[str, int]:
    """Text after "…:" up to the next field line, item or blank line."""
    lo = m.end()
    nxt = [x.start() for x in (_FIELD_START.search(folded, lo), _ITEM.search(folded, lo)) if x]
    blank = folded.find("\n\n", lo)
    if blank != -1:
        nxt.append(blank)
    hi = min(nxt) if nxt else len(text)
    hi = min(hi, lo + 400)
    return clean(text[lo:hi]), hi


def _units(value: str) -> tuple[str, ...]:
    parts = [clean(p) for p in re.split(r";", value)]
    return tuple(p for p in parts if p)


def find_assignments(text: str, folded: str) -> list[Assignment]:
    leads = list(_LEAD.finditer(folded)) + list(_DOER.finditer(folded))
    leads.sort(key=lambda m: m.start())
    out: list[Assignment] = []
    for k, lm in enumerate(leads):
        lead_val, lead_end = _value(text, folded, lm)
        # the task is the nearest item heading before the lead line
        item = None
        for im in _ITEM.finditer(folded, max(0, lm.start() - 3000), lm.start()):
            item = im
        prev_end = out[-1].end if out and out[-1].end is not None else 0
        task = ""
        task_start = lm.start()
        if item and item.start() >= prev_end - 1:
            task_start = item.start()
            task = clean(text[item.end() : lm.start()])
        elif item:
            task_start = item.start()
            task = clean(text[item.end() : lm.start()])
        # coordinating and time frame until the next lead or item
        stop = leads[k + 1].start() if k + 1 < len(leads) else len(text)
        nitem = _ITEM.search(folded, lead_end, stop)
        if nitem:
            stop = nitem.start()
        coord: tuple[str, ...] = ()
        cm = _COORD.search(folded, lead_end - 1, stop)
        if cm:
            coord = _units(_value(text, folded, cm)[0])
        timeframe = None
        tm = _TIME.search(folded, lead_end - 1, stop)
        end = lead_end
        if tm:
            timeframe, tend = _value(text, folded, tm)
            timeframe = timeframe or None
            end = max(end, tend)
        if cm:
            end = max(end, cm.end())
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
