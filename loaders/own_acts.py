"""What this document itself does to the acts it names: amends, replaces or repeals them ("Điều 2. Bãi bỏ …", "Thông
tư này thay thế …", "3. Bổ sung khoản 5 vào Điều 82 của X", "Các nghị định sau đây hết hiệu lực …" and its items), as
opposed to what other acts did ("đã được sửa đổi, bổ sung theo …") or would do (a draft's)."""

from __future__ import annotations

import re

from luocdo.loaders import patterns as P
from luocdo.loaders.laws import editorial_notes

#: "sửa đổi, bổ sung … (của)" right before a citation (not "Luật sửa đổi, bổ sung …", the title of an
#: amending law cited in a sentence: its list names the laws that law amends, not this document; but
#: "Quốc hội ban hành Luật sửa đổi, bổ sung …" is the amending law's own enacting words).  Searched in a window that must end at the
#: citation, so the lookahead turns away positions that cannot start one of the cues.
#: The words from the verb to what it acts on ("bổ sung một số điều của"), not over another cue's line ("Về việc bãi
#: bỏ văn bản\nCăn cứ Nghị quyết số …": the title's verb does not reach the basis).
_WORDS_TO_IT = r"(?:(?!\n\s*(?:c[a]n\s+c[uw]|x[e&]t|theo|th[uw]c\s+hi[e&]n|tr[i1][e&]n\s+khai)\b)[^;.]){0,40}"
#: "thay thế các Quyết định: số …" (the type word may lead the first item): a list of what this replaces, opened on
#: the verb's line.
_LIST_OF = r"(?:\s+c[a]c(?:\s+[^;.:\n]{1,30}:)?)?"
_AMENDS_BEFORE = re.compile(
    r"(?=[stbd])(?:(?:(?<=h[a]nh\slu[a]t[ \t])|(?<!lu[a]t[ \t]))(?P<amends>" + P.SUA_DOI_BO_SUNG + _WORDS_TO_IT + r"|thay\s+th[e&]" + _LIST_OF
    + r"|d[i1]nh\s+ch[i1]nh)"
    r"|(?P<repeals>b[a]i\s+b[o0]" + _WORDS_TO_IT + r"))"
    r"\s*(?:c[uw]a\s+)?\Z"
)
#: A cited number (and its date) right before the verb: the subject of "sửa đổi, bổ sung" is that instrument.
#: (Its issuer may follow, and "về": "Nghị định số 11/2012/NĐ-CP ngày 22 tháng 02 năm 2012 của Chính phủ về sửa đổi …".)
_AFTER_A_NUMBER = re.compile(
    r"\d{1,4}[/-][0-9a-z./-]*[a-z][0-9a-z./-]*(?:,?\s+ng[a-z]{1,2}y\s+[0-9a-z/ ]{6,28}?)?(?:\s+c[uw]a\s+[a-z \n]{3,60}?)?"
    r"(?:\s+v[e&])?\s+\Z"
)
#: "dự thảo (Quyết định) …" right before the verb: a draft, not this document, is what would amend.
DRAFT_OF = re.compile(r"d[uw]\s+th[a]o(?:\s+[a-z]+){0,3}\s+\Z")
#: "đã được sửa đổi, bổ sung theo …", "bị bãi bỏ bởi …": what another text did, not this one.
PASSIVE = re.compile(r"(?:d[uw][o0]c|b[i1])\s+(?:\S+\s+){0,1}\Z")

#: An item of a list: "- …", "+ …", "1. …", "a) …" at the start of its line.
_ITEM_LINE = re.compile(r"[ \t]*(?:[-+•*]|\d{1,2}[.),]|[a-z][.)])[ \t]")  # (OCR's "2," for "2.")
#: A line that opens a list of what this document repeals or replaces: "Điều 1. Bãi bỏ các quyết định sau:",
#: "Quyết định này thay thế các văn bản sau:" (not "Sửa đổi, bổ sung … như sau:", whose items quote the new text).
#: Also "3. Các nghị định sau đây hết hiệu lực kể từ ngày Nghị định này có hiệu lực thi hành:" (the ":" may be lost).
_OWN_LIST_OPENER = re.compile(
    r"[ \t]*(?:d[i1][e&]u\s+\d{1,3}[.:]?\s+|\d{1,2}[.)]\s+)?(?:(?:" + P.TYPE_WORD.pattern + r"|v[a]n\s+b[a]n)\s+n[a]y\s+)?"
    r"(?:(?P<amends>thay\s+th[e&])|(?P<repeals>b[a]i\s+b[o0]))(?:[^\n:;.]|\n(?![ \t]*\n)){0,80}:[ \t]*\n"
    r"|[ \t]*(?:\d{1,2}[.)]\s+)?(?:c[a]c|nh[uw]ng)\s[^\n:;.]{0,60}?\bsau\s+(?:d[a-z]{1,2}\s+)?(?P<expire>h[e&]t\s+hi[e&]u\s+l[uy]c)"
    r"(?:[^\n:;.]|\n(?![ \t]*\n)){0,120}?:?[ \t]*\n"
)


#: Between an item's mark and the instrument it is about: nothing, or the part of it ("c) Điều 2 (của) Nghị định …").
_ITEM_HEAD = re.compile(r"[ \t]*(?:(?:[dbp0][i1][e&]u|kho[a]n|di[e&]m)\s+\d{1,3}[a-z]?\s+(?:c[uw]a\s+)?)*"
                        r"(?:[a-z`&]{1,6}\s+){0,3}")  # (and the type word and "số" the citation did not take, as OCR left them)


def own_list_cue(folded: str, start: int) -> str | None:
    """"repeals" or "amends" for an item of a list that a line of this document's own opens ("Điều 1. Bãi bỏ các
    quyết định sau:\n1. Quyết định số …;\n2. Quyết định số …"), within 3,000 characters and no article or
    heading between (blank lines may be: OCR puts them between paragraphs)."""
    line = folded.rfind("\n", 0, start) + 1
    item = _ITEM_LINE.match(folded, line, start)
    if item is None or not _ITEM_HEAD.fullmatch(folded, item.end(), start):
        return None  # not the instrument the item is about ("a) Nghị định số A … hướng dẫn thi hành Luật Đất đai")
    lo = max(0, line - 3000)  # (a list of acts repealed, each with its subject, runs long)
    below = line  # the line after the one looked at: an opener may wrap over two lines
    while line > lo:
        prev = folded.rfind("\n", 0, line - 1) + 1
        m = _OWN_LIST_OPENER.match(folded, prev, line) or _OWN_LIST_OPENER.fullmatch(folded, prev, below)
        below = line
        if m is not None:
            return "repeals" if m.group("repeals") or m.group("expire") else "amends"
        if _ARTICLE_OR_HEADING.match(folded, prev, line):
            return None  # another article or a heading: no list goes on over it
        line = prev
    return None


#: An article's heading or a part's at a line's start; not a line that a wrapped item starts with a reference to an
#: article ("Điều 8 của Thông tư số …", "Điều 3, Điều 4 …", as OCR or a PDF wraps a long item).
_ARTICLE_OR_HEADING = re.compile(
    r"[ \t]*(?:d[i1][e&]u\s+\d{1,3}\b(?!\s*(?:,|v[a]\s|c[a-z]{1,3}a\s|(?:kho[a]n|di[e&]m|[dbp][i1][e&]u|th[o0]ng|ngh|lu[a]t)\s))"
    r"|[ivx]{1,4}\.\s)")


#: An article of this document's own that amends: "Điều 2. Sửa đổi khoản 2 Điều 1 Quyết định số …", "Điều 69. Bổ
#: sung Nghị định số …" at a line's start ("Biều 2." as OCR reads it), "sửa đổi" or "bổ sung" alone (not a task's "Bổ
#: sung kinh phí …").
_ARTICLE_AMENDS = re.compile(
    r"[ \t]*[dbp0][i1][e&]u\s+\d{1,3}[a-z]?[.:]?\s+(?:s[uw]a\s+d[o0bd]i|b[o0d]\s+sung)\s[^;.\n:]{0,60}\Z"
)


_PART = r"(?:[dbp0][i1][e&]u|kho[a]n|di[e&]m|m[u]c|ch[uw][o0]ng|ph[u]\s+l[u]c|c[u]m\s+t[uw])"
#: An item of this document's own that changes a part of X, at a line's start: "3. Bổ sung các khoản 18, 19 vào sau
#: khoản 17 Điều 4 của ", "Bổ sung cụm từ “…” vào sau cụm từ “…” tại khoản 1 Điều 64 của ", "Bổ sung mục 228 vào sau
#: mục 227 của Phụ lục IV … ban hành kèm theo " (a part added, then where it goes in X), "Sửa đổi mức xử phạt … quy
#: định tại điểm đ khoản 1 Điều 24 của " (a part of X named), "Thay thế cụm từ “…” bằng cụm từ “…” tại khoản 2 Điều 9
#: của ", "Bãi bỏ khoản 3 Điều 5, khoản 2 Điều 7 của " (repeals); not a task's "Bổ sung kinh phí … của".
#: An act named between the part and the mention: the part is that act's ("Bãi bỏ khoản 2 Điều 4 Nghị định số 83/2013/NĐ-CP
#: … quy định chi tiết … của Luật Quản lý thuế" repeals nothing of the law).
_ANOTHER_ACT = r"\b(?:ngh[i1j]\s+d[i1j]nh|th[o0]ng\s+t[uw]|quy[e&]t\s+d[i1j]nh|ngh[i1j]\s+quy[e&]t|ph[a]p\s+l[e&]nh)\s"
_IN_ITEM = r"(?:[^;.\n:]|\n(?![ \t]*\n))"  # within the item: a line break that OCR or a PDF put in it, not a blank line
_ITEM_ADDS = re.compile(
    r"[ \t]*(?:(?:\d{1,2}|[a-z])[.)]\s*)?(?:(?P<amends>b[o0d]\s+sung\s+(?:c[a]c\s+)?" + _PART + r"\s" + _IN_ITEM + r"{0,100}?\sv[a]o\s"
    r"|(?:s[uw]a\s+d[o0bd]i(?:,?\s*(?:v[a]\s+)?b[o0d]\s+sung)?|thay\s+th[e&])\s(?:" + _IN_ITEM + r"{0,150}?\s)?" + _PART + r"\s)"
    r"|(?P<repeals>b[a]i\s+b[o0]\s(?:" + _IN_ITEM + r"{0,20}?\s)?" + _PART + r"\s))"
    + r"(?:(?!" + _ANOTHER_ACT + r")" + _IN_ITEM + r"){0,160}?(?:c[uw]a|k[e&]m\s+theo)\s+\Z"
)


#: "Bãi bỏ khoản 4 Điều 12 của ", "bãi bỏ các Điều 32, 33 và khoản 3 Điều 179 của ": a part of the act that follows.
_REPEALS_A_PART = re.compile(r"b[a]i\s+b[o0]\s(?:" + _IN_ITEM + r"{0,20}?\s)?" + _PART + r"\s" + _IN_ITEM + r"{0,240}\Z")


def repeals_a_part(folded: str, start: int) -> bool:
    """The words before a mention repeal a part of it, not the whole act: the act stays, amended."""
    return _REPEALS_A_PART.search(folded, max(0, start - 300), start) is not None


def _item_adds(folded: str, start: int) -> re.Match[str] | None:
    """:data:`_ITEM_ADDS` from the start of the mention's line, or of one of the two lines before it that the item
    wrapped over."""
    line = folded.rfind("\n", 0, start) + 1
    for _ in range(3):
        if start - line > 300:
            return None
        if (m := _ITEM_ADDS.match(folded, line, start)) is not None:
            return m
        if line == 0 or folded[max(0, line - 3) : line - 1].strip() == "":
            return None  # a blank line before: no item wraps over it
        line = folded.rfind("\n", 0, line - 1) + 1
    return None


#: Documents whose numbered items are tasks or findings ("2. Sửa đổi, bổ sung Điều 5 của Quy chế …" is work to do),
#: not changes this document makes.
_ITEMS_DO_NOT_AMEND = frozenset({"KH", "BC", "CV", "TB", "CT", "HD", "CĐ"})


def without_notes_before(folded: str, start: int, reach: int = 1600) -> tuple[str, int]:
    """The folded text up to ``start`` and where it ends, a legal portal's notes in the last ``reach``
    characters left out (only when a note may end there: otherwise the text itself)."""
    if "]" not in folded[max(0, start - 300) : start]:
        return folded, start
    window = folded[max(0, start - reach) : start]
    notes = editorial_notes(window)
    if not notes:
        return folded, start
    kept = "".join(window[a:b] for a, b in zip([0] + [e for _s, e in notes], [s for s, _e in notes] + [len(window)], strict=True))
    return kept, len(kept)


def own_cue_before(folded: str, start: int, doc_type: str | None = None) -> str | None:
    """"amends" or "repeals" when the words right before a mention say this document does it; a legal portal's
    note between the words and the mention ("Sửa đổi, bổ sung [Khoản này hết hiệu lực bởi …] điểm b khoản 2 Điều
    83a của Luật …") is not read."""
    return _own_cue_at_end(*without_notes_before(folded, start), doc_type not in _ITEMS_DO_NOT_AMEND)


def _own_cue_at_end(folded: str, start: int, items: bool) -> str | None:
    lo = max(0, start - 70)
    am = _AMENDS_BEFORE.search(folded, lo, start)
    if am is None:
        line = folded.rfind("\n", 0, start) + 1
        if start - line <= 90 and _ARTICLE_AMENDS.match(folded, line, start):
            return "amends"
        if items and (im := _item_adds(folded, start)) is not None:
            return "repeals" if im.group("repeals") else "amends"
    if am is None or PASSIVE.search(folded, max(0, am.start() - 16), am.start()):
        return own_list_cue(folded, start)
    if _AFTER_A_NUMBER.search(folded, max(0, am.start() - 130), am.start()):
        return None  # "Pháp lệnh số 04/2008/UBTVQH12 sửa đổi … của X": that instrument amends X, not this one
    if DRAFT_OF.search(folded, max(0, am.start() - 40), am.start()):
        return None  # "góp ý dự thảo Quyết định sửa đổi, bổ sung Quyết định số …": the draft would amend it
    return am.lastgroup
