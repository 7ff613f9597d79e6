"""What a closing article says expires: "Thông tư số A … và Thông tư số B … hết hiệu lực kể từ ngày Nghị định này có
hiệu lực" (this document repeals A and B), read for numbered citations and laws named alike."""

from __future__ import annotations

import re

from luocdo.loaders import patterns as P

#: "Thông tư số X … hết hiệu lực kể từ ngày Thông tư này có hiệu lực": this document repeals X.
#: "… hết hiệu lực kể từ ngày Luật này có hiệu lực", in one sentence (a single line break only wraps it).
_EXPIRES_AFTER = re.compile(
    r"(?:[^;.\n]|\n(?![ \t]*\n)){0,160}?h[e&]t\s+hi[e&]u\s+l[uy]c(?:[^;.\n]|\n(?![ \t]*\n)){0,60}?(?:" + P.TYPE_WORD.pattern + r"|lu[a]t)\s+n[a]y"
)


def expires_here(folded: str, end: int) -> bool:
    """The sentence goes on from a mention ending at ``end`` to say it expires when this document takes
    effect ("… hết hiệu lực kể từ ngày Luật này có hiệu lực"): this document repeals it."""
    return "hieu l" in folded[end : end + 240] and _EXPIRES_AFTER.match(folded, end, min(len(folded), end + 260)) is not None


_EXPIRY = re.compile(r"h[e&]t\s+hi[e&]u\s+l[uy]c")
#: What ends the subject of "hết hiệu lực" going back: a clause's or sentence's end, a new item.
_SUBJECT_BREAK = re.compile(r";|\.\s|\n\s*\n|\n\s*(?:[-+•]|\d{1,2}[.)]|[a-z][.)])\s")
#: Between two mentions of a list: ",", "và" right before the next ("Thông tư số A ngày … và Thông tư số B"), or a
#: next item named by its title, whose number follows ("Luật số A … và Luật sửa đổi, bổ sung Điều 170 của Luật
#: doanh nghiệp số B").
_LIST_JOINT = re.compile(r"(?:,|(?<![a-z])v[a])\s*\Z|\s*(?:,|v[a])\s+(?:lu[a]t|ph[a]p\s+l[e&]nh|ngh[i1]\s+[dpb][i1]nh|th[o0]ng\s+t[uw])\s")
#: A description that opens a list of acts amending the one before ("… đã được sửa đổi, bổ sung theo Luật số A, Luật
#: số B"): the list's items are named in it, not listed beside it.
_AMENDED_BY_LIST = re.compile(r"(?:d[uw][o0]c|b[i1])\s[^;.]{0,60}(?:theo|" + P.BOI + r"|t[a]i)\s*\Z")


def expiring(folded: str, spans: list[tuple[int, int]]) -> frozenset[int]:
    """The starts of the mentions (``spans``, in text order) that a "… hết hiệu lực kể từ ngày Nghị định này có
    hiệu lực" sentence says expire: its subject, and what a list joins to it ("Thông tư số A … và Thông tư số B …
    hết hiệu lực"); not an act an item's words name ("Nghị định số A … quy định chi tiết Luật B hết hiệu lực": A
    expires, B stays), nor the acts that amended it ("Luật số A đã được sửa đổi theo Luật số B, Luật số C …")."""
    if "hieu l" not in folded:
        return frozenset()
    out: set[int] = set()
    for k, (_s, e) in enumerate(spans):
        if not expires_here(folded, e):
            continue
        verb = _EXPIRY.search(folded, e, min(len(folded), e + 260))
        if verb is None or (k + 1 < len(spans) and spans[k + 1][0] < verb.start()):
            continue  # not the last mention before the verb
        head = k  # back to the first mention of the sentence
        while head > 0:
            gap_lo, gap_hi = spans[head - 1][1], spans[head][0]
            if gap_hi - gap_lo > 300 or gap_lo > gap_hi or _SUBJECT_BREAK.search(folded, gap_lo, gap_hi):
                break
            head -= 1
        out.add(spans[head][0])
        amended_by = False  # inside a list of the acts that amended an item
        for j in range(head + 1, k + 1):
            gap_lo, gap_hi = spans[j - 1][1], spans[j][0]
            if _LIST_JOINT.search(folded, gap_lo, gap_hi) or _LIST_JOINT.match(folded, gap_lo, gap_hi):
                if not amended_by:
                    out.add(spans[j][0])
            else:
                amended_by = _AMENDED_BY_LIST.search(folded, gap_lo, gap_hi) is not None
    return frozenset(out)
