"""Why each recipient gets the document, and the plans and reports it asks for by a day.

Two things the header and the task list do not say:

* **The purpose of each recipient.**  "Nơi nhận: - Bộ Khoa học và Công nghệ (b/c);"
  sends a copy to be informed, not to act: "(để) b/c", "(để) báo cáo",
  "(để) biết", "(để) theo dõi", "đ/b", "t/d", or every line under a "Để báo
  cáo:" heading.  :func:`recipients` gives each recipient the header found
  ("Kính gửi" addressees, then "Nơi nhận" lines) with its purpose and the span
  of its line.
* **Duties with deadlines.**  "Các cơ quan, đơn vị, địa phương báo cáo kết quả
  trước ngày 15/11/2025", "định kỳ 6 tháng báo cáo kết quả về Ban Thường vụ
  Tỉnh ủy", "… xây dựng kế hoạch …, hoàn thành trước ngày 31/8/2025, gửi về
  Sở …".  :func:`duties` reads who files (the subject of the sentence, a
  collective phrase too), what (a plan or a report), to whom and by when.

Every pattern runs over folded text (same offsets as the original), so OCR'd
text without diacritics reads the same.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date
from functools import lru_cache
from typing import Any, Literal

from luocdo.core.model import Duty, Recipient
from luocdo.loaders import patterns as P

# --------------------------------------------------------------------------- pieces (folded text)

#: "để" as folded or OCR'd ("de", "dé" → "de"); optional.
_DE = r"(?:d[e&]\s*)?"
#: The words that mark a copy sent to be informed: "b/c" (OCR "b/céo", "b/cao"),
#: "báo cáo", "biết", "theo dõi", and the short forms "đ/b", "t/d".
_INFORM_WORD = r"(?:b\s*/\s*c[a-z`]{0,4}|b[a]o\s*c[a]o|bi[e&]t|theo\s*d[o0]i|[dđ]\s*/\s*b|t\s*/\s*d)"
#: A qualifier after the recipient's name: "(để b/c)", "(b/céo)", "- để biết", "để báo cáo và theo dõi".
_INFORM_AFTER = re.compile(
    r"\s*(?:\(\s*(?:thay\s+)?" + _DE + _INFORM_WORD + r"(?:\s*(?:,|va|;)\s*" + _DE + r"[a-z/ ]{1,20})?\s*\)?"
    r"|[-–,]?\s*d[e&]\s+" + _INFORM_WORD + r")"
)
#: Any parenthesised qualifier, to be cut from the name ("(để thực hiện)").
_PARENS_AT_END = re.compile(r"\s*\([^()]{0,40}\)?\s*$")
#: A heading inside Nơi nhận that sets the purpose of the lines under it.
_INFORM_HEADING = re.compile(r"[-+•]?\s*" + _DE + _INFORM_WORD + r"(?:\s*(?:,|va)\s*" + _DE + _INFORM_WORD + r")?\s*:\s*$")
_ACT_HEADING = re.compile(r"[-+•]?\s*" + _DE + r"(?:th[uw]c\s*hi[e&]n|tri[e&]n\s*khai|ch[i1]\s*d[a]o(?:\s*th[uw]c\s*hi[e&]n)?|ph[o0]i\s*h[o0]p)\s*:\s*$")
_NOI_NHAN = re.compile(r"n[o0][i1]\s*nh[a-z`]{1,3}n\s*:")
_KINH_GUI = re.compile(r"k[i1]nh\s*g[uw]i\s*:")
_BULLET = re.compile(r"[ \t]*([-+•])")


@lru_cache(maxsize=4096)  # the same recipients recur from one document to the next
def _words(name: str) -> re.Pattern[str]:
    """The name as a pattern over the original text: its words with any white space between."""
    return re.compile(r"\s+".join(re.escape(w) for w in name.split()))


def _lines(folded: str, lo: int, hi: int) -> list[tuple[int, int]]:
    out = []
    pos = lo
    while pos < hi:
        nl = folded.find("\n", pos, hi)
        end = hi if nl == -1 else nl
        out.append((pos, end))
        pos = end + 1
    return out


def _heading_purpose(folded: str, lines: list[tuple[int, int]], i: int) -> str | None:
    """The purpose a heading above line ``i`` gives it ("- Để báo cáo:" then "+ Bộ Nội vụ;").

    A heading governs the lines after it whose bullet differs from its own (or
    every line when it has none), up to the next heading or a line with its bullet.
    """
    own = _BULLET.match(folded, *lines[i])
    for j in range(i - 1, -1, -1):
        lo, hi = lines[j]
        text = folded[lo:hi].strip()
        if not text:
            continue
        purpose = "inform" if _INFORM_HEADING.fullmatch(text) else "act" if _ACT_HEADING.fullmatch(text) else None
        bullet = _BULLET.match(folded, lo, hi)
        if purpose is not None:
            if bullet is None or own is None or bullet.group(1) != own.group(1):
                return purpose
            return None
        if bullet is not None and own is not None and bullet.group(1) != own.group(1):
            return None  # a line of the outer level: no heading governs line i
    return None


def recipients(text: str, folded: str, names: tuple[str, ...]) -> tuple[Recipient, ...]:
    """``names`` (the header's recipients, in order) with the purpose and line of each."""
    if not names:
        return ()
    starts = [m.end() for m in (_KINH_GUI.search(folded, 0, min(len(folded), 4000)),) if m]
    nn = None
    for nn in _NOI_NHAN.finditer(folded, max(0, len(folded) - 6000)):
        pass
    block = _lines(folded, nn.end(), len(folded)) if nn else []
    block_starts = [lo for lo, _ in block]
    cursor = starts[0] if starts else (nn.end() if nn else 0)
    out: list[Recipient] = []
    for name in names:
        m = _words(name).search(text, cursor)
        if m is None and nn is not None:
            m = _words(name).search(text, nn.end())
        if m is None:
            continue  # not written as read (should not happen): no span, no fact
        cursor = m.end()
        lo = text.rfind("\n", 0, m.start()) + 1
        hi = text.find("\n", m.end())
        hi = len(text) if hi == -1 else hi
        line = text[lo:hi]
        cut = re.split(r"[ \t]{3,}", line.strip())[0]  # the signature column after a wide gap
        purpose: Literal["act", "inform"] = "act"
        inside = _INFORM_AFTER.search(folded, m.start(), m.end())  # "(để báo cáo)" kept in the name
        if _INFORM_AFTER.match(folded, m.end()) or inside:
            purpose = "inform"
        if inside is not None:
            name = text[m.start() : inside.start()]
        elif nn is not None and m.start() >= nn.end():
            i = bisect_right(block_starts, m.start()) - 1
            if i >= 0 and _heading_purpose(folded, block, i) == "inform":
                purpose = "inform"
        clean_name = _PARENS_AT_END.sub("", name).strip(" -;,.")
        if not clean_name:
            continue  # a heading ("- Để báo cáo:"), not a unit
        out.append(Recipient(name=clean_name, purpose=purpose, start=lo + line.find(cut[:1]) if cut else lo,
                             end=hi, text=" ".join(cut.split())))
    return tuple(out)


# --------------------------------------------------------------------------- duties

#: "trước ngày 15/12/2025", "hoàn thành trước ngày 31/8/2025", "trước ngày 15 tháng 12 năm 2025".
_DEADLINE = re.compile(
    r"(?:ho[a]n\s*th[a]nh\s+)?tr[uw][o0]c\s+" + P.NGAY + r"\s*"
    r"(?:(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>(?:19|20)\d\d)"
    r"|(?P<d2>\d{1,2})\s*" + P.THANG + r"\s*(?P<m2>\d{1,2})\s*,?\s*" + P.NAM + r"\s*(?P<y2>(?:19|20)\d\d))"
)
#: "định kỳ 6 tháng", "định kỳ hằng quý", "hằng năm", "hàng tháng", "6 tháng, năm".
_PERIOD = re.compile(
    r"(?:d[i1]nh\s*k[y]\s*(?:h[a]ng\s+)?|h[a]ng\s+)(?P<p>(?:6|sau)\s+th[a]ng|qu[y]|th[a]ng|n[a]m)\b"
)
_PERIODS = {"quy": "quarter", "thang": "month", "nam": "year"}
#: What is filed: a report ("báo cáo (kết quả)"), a plan ("xây dựng / ban hành kế hoạch").
#: Each starts with its first letters and then looks back past them (not inside a word): a leading
#: lookbehind would be tried at every position of the text, leading letters are found fast.
_REPORT = re.compile(r"b(?<![a-z]b)[a-z`]o\s*c[a-z`]{1,2}o\b")  # OCR: "béo céo", "bao cdo", "bao cio"
#: "xây dựng / ban hành (và triển khai) kế hoạch": two patterns, one per first word (see :func:`_plans`).
_PLAN_TAIL = r"\s+(?:va\s+(?:ban\s*hanh|tri[e&]n\s*khai)\s+)?k[e&]\s*hoach\b"
_PLAN = (re.compile(r"xay(?<![a-z]xay)\s*dung" + _PLAN_TAIL), re.compile(r"ban(?<![a-z]ban)\s*hanh" + _PLAN_TAIL))
#: "báo cáo" that is a noun here ("vào báo cáo CCHC", "Trên đây là báo cáo") or a forwarding
#: step ("để tổng hợp, báo cáo …", "tham mưu UBND … báo cáo"): not a duty of the subject.
_NOT_A_DUTY_BEFORE = re.compile(
    r"(?:v[a]o|trong|t[a]i|c[uw]a|theo|l[a]|d[e&]\s+t[o0]ng\s+h[o0]p\s*,?|tham\s+m[uw]u[^,;.]{0,60}|m[a]u|ch[e&]\s+d[o0]|ch[a]m)\s*\Z"
)
#: Where the subject of a clause stops: its verb.
_VERB = re.compile(
    r"\s*,?\s*(?:\bl[a]\s+c[o0]\s+quan|\bch[uw]\s*tr[i1]|\bt[o0]ng\s+h[o0]p|\bch[uw]\s+d[o0]ng|\btri[e&]n\s+khai"
    r"|\bt[o0]\s+ch[uw]c|\bl[a]nh\s+d[a]o|\bx[a]y\s+d[uw]ng|\bc[a]n\s+c[uw]|\bb[a]o\s+c[a]o|\btheo\s+d[o0]i|\bth[uw]c\s+hi[e&]n"
    r"|\bc[o0]\s+tr[a]ch\s+nhi[e&]m|\bch[uw]a\b|\bti[e&]p\s+t[uw]c|\b[l1]ong\s+gh[e&]p|\bkh[a]n\s+tr[uw][o0]ng|\bd[i1]nh\s+k[y]|\bh[a]ng\s+(?:qu[y]|th[a]ng|n[a]m)|\bban\s+h[a]nh|\bg[uw]i\b|\bph[o0]i\s+h[o0]p)"
)
#: The first word of a unit's name (OCR'd "Sở" as "S&", "S6").
_ORG_HEAD = (
    r"(?:s[o0&6]|ubnd|uy\s+ban|[dp][a]ng\s+[uw]y|ban|v[a]n\s+ph[o0]ng|ph[o0]ng|c[o0]\s+quan|d[o0]n\s+v[i1]|c[o0]ng\s+an"
    r"|trung\s+t[a]m|b[o0]|t[o0]\s+c[o0]ng\s+t[a]c|chi\s+c[uw]c|kho\s+b[a]c|b[a]o)(?![a-z])"
)
#: A subject names units: it starts with an organisation word (or "Giao", "Thủ trưởng", "Các").
_UNIT_START = re.compile(r"(?:giao\s+)?(?:th[uw]\s+tr[uw][o0]ng\s+)?(?:c[a]c\s+)?" + _ORG_HEAD)
#: To whom: "về Sở Nội vụ", "gửi về …", or the body named right after "báo cáo" ("báo cáo Ủy ban nhân dân tỉnh").
_TO = re.compile(
    r"(?:\s+k[e&]t\s+qu[a](?:\s+th[uw]c\s+hi[e&]n)?)?\s*(?:(?:g[uw]i\s+)?v[e&]\s+|l[e&]n\s+|cho\s+)?"
    r"(?P<to>(?:ban\s+th[uw][o0e]ng\s+v[uw]|th[uw][o0e]ng\s+tr[uw]c|ch[uw]\s+t[i1]ch|" + _ORG_HEAD + r")[^,;.()\n]{0,60}?)"
    r"(?=\s*(?:\(|tr[uw][o0]c\s+ng|d[e&]\s|theo\s|qua\s|,|;|\.|\n|$))"
)
_GUI_VE = re.compile(r"g[uw]i\s+(?:qua\s+[^;.]{0,80}?)?v[e&]\s+")
_SENTENCE_END = re.compile(r"\.(?=\s)|\n\s*\n|\n(?=\s*(?:\d{1,2}|[a-z])[.)]\s)|\n(?=\s*[-+•]\s)")
#: Heads of a collective reporter that stand for the document's own recipients.
_ALL_UNITS = re.compile(r"c[a]c\s+(?:c[o0]\s+quan|d[o0]n\s+v[i1]|d[i1]a\s+ph[uw][o0e]ng)\b")


def _plans(folded: str) -> list[re.Match[str]]:
    """The matches of both :data:`_PLAN` patterns as one scan of their union finds them: in order, none
    starting inside the one before ("xây dựng và ban hành kế hoạch" is one)."""
    out: list[re.Match[str]] = []
    for m in sorted((m for p in _PLAN for m in p.finditer(folded)), key=lambda m: m.start()):
        if not out or m.start() >= out[-1].end():
            out.append(m)
    return out


def _sentence_of(folded: str, pos: int) -> tuple[int, int]:
    """The sentence that holds ``pos`` (a letter): from the end of the last :data:`_SENTENCE_END` before
    it to the start of the first after it, as a scan of the whole text would find them.

    A break is made of ".", line breaks and white space, so none holds a letter and a scan
    started at a letter finds the breaks a scan of the whole text finds after it: the text
    is read from a letter a little before ``pos``, further back only when no break lies between.
    """
    hi_m = _SENTENCE_END.search(folded, pos)
    hi = hi_m.start() if hi_m else len(folded)
    back = 256
    while True:
        w = max(0, pos - back)
        while w > 0 and (folded[w] == "." or folded[w].isspace()):
            w -= 1
        lo = None
        for m in _SENTENCE_END.finditer(folded, w):
            if m.start() >= pos:
                break
            lo = m.end()
        if lo is not None or w == 0:
            return (lo or 0), hi
        back *= 4


def _due(m: re.Match[str]) -> str | None:
    d, mo, y = (m["d"], m["m"], m["y"]) if m["d"] else (m["d2"], m["m2"], m["y2"])
    try:
        return date(int(y), int(mo), int(d)).isoformat()
    except (TypeError, ValueError):
        return None


def _period(m: re.Match[str]) -> str:
    p = m["p"]
    return "half-year" if p[0] in "6s" else _PERIODS.get(p[:1] + p[1:].replace("`", ""), _PERIODS.get(p, "year"))


def _clean(s: str) -> str:
    return " ".join(s.split()).strip(" ,;:.-")


def _subject(text: str, folded: str, lo: int, hi: int) -> str | None:
    """The units at the start of the clause ``lo:hi`` ("Giao Sở X là cơ quan …" → "Sở X")."""
    while lo < hi and folded[lo] in " \t\n-+•":
        lo += 1
    item = re.match(r"(?:\d{1,2}(?:\.\d{1,2})*|[a-z])[.)]\s*", folded[lo:hi])
    if item:
        lo += item.end()
    m = _UNIT_START.match(folded, lo, hi)
    if m is None:
        return None
    if folded.startswith("giao", lo):
        lo += 4
        while lo < hi and folded[lo].isspace():
            lo += 1
    v = _VERB.search(folded, m.end(), hi)
    end = v.start() if v else hi
    name = _clean(text[lo:end])
    return name if 3 <= len(name) <= 160 else None


def _reporter(text: str, folded: str, s_lo: int, pos: int) -> str | None:
    """Who files: the subject of the clause holding ``pos``, else of the sentence's first clause."""
    clause_lo = max(folded.rfind(";", s_lo, pos), folded.rfind(":", s_lo, pos)) + 1 or s_lo
    clause_lo = max(clause_lo, s_lo)
    return _subject(text, folded, clause_lo, pos) or _subject(text, folded, s_lo, pos)


def _to(text: str, folded: str, at: int, hi: int, kind: str) -> str | None:
    """To whom it goes: "về Sở Nội vụ", "gửi về …", or the body named right after "báo cáo"."""
    g = _GUI_VE.search(folded, at, hi)
    if g is not None:
        m = _TO.match(folded, g.end() - 3 if folded[g.end() - 3 : g.end()].startswith("ve") else g.end(), hi)
        if m is None:
            m = _TO.match(folded, g.end(), hi)
    else:
        m = _TO.match(folded, at, hi) if kind == "report" else None
    return _clean(text[m.start("to") : m.end("to")]) if m else None


def _one(text: str, folded: str, s_lo: int, s_hi: int, trig: re.Match[str], kind: Literal["plan", "report"],
         default: str | None) -> Duty | None:
    """The duty a trigger states, when a deadline or a period stands in its sentence."""
    if _NOT_A_DUTY_BEFORE.search(folded, max(s_lo, trig.start() - 80), trig.start()):
        return None
    dl = _DEADLINE.search(folded, trig.end(), s_hi)
    per = _PERIOD.search(folded, max(s_lo, trig.start() - 60), s_hi)
    if dl is None and per is None:
        return None
    reporter = _reporter(text, folded, s_lo, trig.start())
    if reporter is None and not folded[s_lo : trig.start()].strip(" \t\n-+•0123456789.)"):
        reporter = default  # "Báo cáo gửi về Sở … trước ngày …" in a letter: its addressees file it
    if not reporter:
        return None
    if kind == "plan" and _GUI_VE.search(folded, trig.end(), s_hi) is None:
        to = None
    else:
        to = _to(text, folded, trig.end(), s_hi, kind)
    spans = [x.span() for x in (dl, per) if x is not None]
    tf_lo, tf_hi = min(a for a, _ in spans), max(b for _, b in spans)
    lo = s_lo
    while lo < s_hi and text[lo].isspace():
        lo += 1
    return Duty(kind=kind, reporter=reporter, to=to, timeframe=_clean(text[tf_lo:tf_hi]),
                due=_due(dl) if dl else None, period=None if dl else _period(per) if per else None,
                start=lo, end=s_hi, text=_clean(text[lo:s_hi]))


def duties(text: str, folded: str, addressees: tuple[str, ...] = ()) -> tuple[Duty, ...]:
    """Plans and reports the document asks for, each with who files it and by when.

    A sentence with no subject ("Báo cáo gửi về Sở Nội vụ trước ngày …" in a
    letter) is a duty of the letter's addressees, named by ``addressees``.
    """
    # the words that ask for something, found once over the text, then read in their sentences
    found: list[tuple[re.Match[str], Literal["plan", "report"]]] = [(m, "plan") for m in _plans(folded)]
    found += [(m, "report") for m in _REPORT.finditer(folded)]
    if not found:
        return ()
    default = "; ".join(addressees) or None
    by_sentence: dict[tuple[int, int], list[tuple[re.Match[str], Literal["plan", "report"]]]] = {}
    for trig, kind in found:
        s_lo, s_hi = _sentence_of(folded, trig.start())
        if trig.end() <= s_hi and s_hi - s_lo >= 12:
            by_sentence.setdefault((s_lo, s_hi), []).append((trig, kind))
    out: list[Duty] = []
    for s_lo, s_hi in sorted(by_sentence):
        for trig, kind in sorted(by_sentence[(s_lo, s_hi)], key=lambda t: t[0].start()):
            duty = _one(text, folded, s_lo, s_hi, trig, kind, default)
            if duty is not None:
                out.append(duty)
                break  # one duty per sentence: a later "báo cáo" forwards what the first one files
    return tuple(dict.fromkeys(out))


def notices(text: str, folded: str, names: tuple[str, ...]) -> dict[str, Any]:
    """The fields of a record this module fills: ``addressed`` and ``duties``."""
    addressed = recipients(text, folded, names)
    kinh_gui = _KINH_GUI.search(folded, 0, min(len(folded), 4000))
    letter_to = tuple(r.name for r in addressed if kinh_gui and r.start < kinh_gui.end() + 600 and r.purpose == "act")
    return {"addressed": addressed, "duties": duties(text, folded, letter_to)}
