"""Laws, codes, ordinances and the constitution cited by name, without a number of their own.

"Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015": the name is
found from its head word ("Luật", "Bộ luật", "Pháp lệnh", "Hiến pháp") and
runs until a word that cannot be part of a name; a name that runs on into the
sentence is cut at the longest name known from the list or from the text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from luocdo.core.fold import fold
from luocdo.loaders import patterns as P
from luocdo.loaders.citations import clean, parse_date
from luocdo.loaders.law_names import begins_known_by_skeleton, known_by_skeleton, known_law_set
from luocdo.loaders.scan import KeywordPattern

#: The head of a name: "Luật", "Bộ luật", "Pháp lệnh", "Hiến pháp" (written with a capital).
LAW_HEAD = re.compile(r"(?<![a-z])(?:b[o0]\s+lu[a]t|lu[a]t|ph[a]p\s+l[e&]nh|hi[e&]n\s+ph[a]p)(?=\s)")
#: Found from the words "luật" and "pháp" (two fast scans), then moved back to "Bộ" or "Hiến" before them.
_LAW_AT = KeywordPattern(r"(?<![a-z])", (r"lu[a]t", r"ph[a]p(?:\s+l[e&]nh)?"), r"(?=\s)")
_HEAD_BEFORE = re.compile(r"(?<![a-z])(?:b[o0]|hi[e&]n)\s+\Z")


def _law_heads(folded: str) -> Iterator[re.Match[str]]:
    """Matches of :data:`LAW_HEAD` at the heads of names, found from their last word."""
    for m in _LAW_AT.finditer(folded):
        lo = m.start()
        hb = _HEAD_BEFORE.search(folded, max(0, lo - 6), lo)
        whole = LAW_HEAD.match(folded, hb.start()) if hb else None
        if whole is None or whole.end() != m.end():
            # "thực hiện Luật …": "hiện" before "Luật" is not the head "Hiến pháp"
            hb, whole = None, LAW_HEAD.match(folded, lo)
        if whole is not None and (whole.end() == m.end()) and (hb or folded[lo] == "l" or m.end() - lo > 5):
            yield whole
LAW_KIND = {"b": "Bộ luật", "l": "Luật", "p": "PL", "h": "Hiến pháp"}

#: "số" before a name's number, and its OCR forms ("s6", "sb", "sd", "se", "s0"): where a name ends.
_SO = r"s[o0-9bde&`]{1,2}"
#: What ends a name, folded, at a word after the first: a date, a year, a number, a clause's verb or
#: preposition, a demonstrative, another instrument joined by "và".  The words inside real names
#: ("Đầu tư theo phương thức …", "Trách nhiệm bồi thường của Nhà nước", "Phòng, chống ma túy") are
#: not among them: "theo" ends a name only as "theo quy định", "của" only before a body's name.
_NAME_STOP = re.compile(
    r"(?=[abcdhnpqstv\d])"  # the letters the stops start with: most words are turned away here
    r"(?:ng[a-z`]{1,2}y\s*\d|n[a-z`]{1,2}m\s*(?:19|20)\d{2}|" + _SO + r"\s*[:.]?\s*(?:\d|…|\.\.)"
    r"|" + P.DEMONSTRATIVE +
    r"|quy\s+d[i1j]nh|c[o0]\s+(?:hi[e&]u\s+l[uy]c|li[e&]n\s+quan|quy\s+d[i1j]nh)|hi[e&]n\s+h[a]nh"
    r"|theo\s+(?:quy|d[o0]|d[e&])|d[o0]i\s+v[o0]i|bao\s+g[o0]m"
    r"|d[a]\s+d[uw][o0]c|d[uw][o0]c\s+(?:s[uw]a|b[o0]|thay|h[uw][o0e]ng)"  # "đã được", "được sửa đổi …" (OCR: "da duoc")
    r"|\d|ph[a]p\s+lu[a]t|c[o0]\s+quan|h[e&]t\s+hi[e&]u|ban\s+h[a]nh|h[uw][o0e]ng\s+d[a]n|" + P.THUC_HIEN + r"|ho[a]c|n[e&]u"
    r"|c[uw]a\s+(?:qu[o0]c\s+h[o0]i|ch[i1]nh\s+ph[uw]|[uw]y\s+ban|b[o0]\s)"
    r"|v[a]\s+(?:c[uw]a|c[a]c|nh[uw]ng|(?:b[o0]\s+)?lu[a]t|ph[a]p\s+l[e&]nh|ngh[i1]|th[o0]ng\s+t[uw]|quy[e&]t|hi[e&]n\s+ph[a]p|v[a]n\s+b[a]n))"
    r"(?![a-z])"
)
_NAME_WORD = re.compile(r"\S+")
#: Stops that folding would confuse with words of names: "về" (not "vệ" of "Bảo vệ"), "mà" (not "ma túy"),
#: "nhưng" (not "tham nhũng"), "có" (not "cỏ").
_STOP_AS_WRITTEN = frozenset(
    {"về", "mà", "nhưng", "có", "khi", "thì", "để", "đã", "là", "sẽ", "tại", "với", "trừ", "như", "cũng", "được",
     "trong", "phải", "cho", "gồm", "các", "khoản", "điều", "điểm", "chương", "mục", "không", "gửi", "chưa",
     "đến", "việc", "sửa", "luật", "đề", "liên"}
)
#: Stops only with their capital: "Bộ" of a ministry or a code ("… và Bộ luật Dân sự"), never "đường bộ".
_STOP_WITH_CAPITAL = frozenset({"Bộ", "BỘ"})
#: "được" as OCR leaves it without marks, before a body in capitals ("… quyền lập hội duoc Chu tich nuoc …"):
#: the passive that ends a name, not "dược" (pharmacy) inside one.
_PASSIVE_AS_READ = frozenset({"duoc", "dwoc", "du0c"})
_TRAILING = ",;.:)\"”]?!…"  # punctuation a word may carry at its end
_NAME_PUNCT = re.compile(r"[;.():\"“”\[\]?!…]")  # "…" of a form's blank ("Căn cứ Luật Đất đai………;")
#: "Luật sửa đổi, bổ sung một số điều của Luật X": the amending law, named whole.
_AMENDING_HEAD = re.compile(
    r"\s*s[uw]a\s+d[o0bd]i(?:,?\s*(?:v[a]\s+)?b[o0d]\s+sung)?(?:\s+m[o09]t\s+" + P.SO + r"\s+[dpb][i1][e&]u)?(?P<of>\s+" + P.CUA + r")?(?=\s)"
)

#: The next of the laws an amending law amends together: "… của Luật A, Luật B và Luật C", and as the
#: official names of some write it, "… của Luật Đấu thầu; Luật Hải quan; …; Luật Đầu tư công ngày …" (read
#: right after a name: an item of a "Căn cứ" list has its date before the ";").
_AMENDED_TOGETHER = re.compile(r"\s*(?:,|;|v[a])\s*(?=(?:b[o0]\s+)?lu[a]t\s)")
#: Between a law's number and the words that say what it amends: its date and "của Quốc hội" ("Luật số
#: 90/2025/QH15 ngày 25 tháng 6 năm 2025 của Quốc hội sửa đổi, bổ sung một số điều của …").
_NUMBER_TO_VERB = re.compile(r"(?:,?\s+ng[a-z]{1,2}y\s+[0-9a-z/ ]{6,28}?)?(?:\s+c[uw]a\s+qu[o0]c\s+h[o0]i)?")


def amended_after(folded: str, laws: Sequence[LawCitation], end: int) -> tuple[tuple[int, int], list[LawCitation]] | None:
    """What the words right after a law's number (ending at ``end``) say it amends: the span of the verb as written
    ("sửa đổi, bổ sung một số điều của") and the laws it names together ("Luật A, Luật B và Luật C", ``laws`` in text
    order); None when they say no such thing."""
    first = next((law for law in laws if end < law.start <= end + 160), None)
    if first is None:
        return None
    lead = _NUMBER_TO_VERB.match(folded, end)
    verb = _AMENDING_HEAD.match(folded, lead.end() if lead else end, first.start)
    if verb is None or not verb.group("of") or folded[verb.end() : first.start].strip():
        return None
    listed = [first]
    for law in laws:
        if law.start > listed[-1].end:
            nx = _AMENDED_TOGETHER.match(folded, listed[-1].end)
            if nx is None or nx.end() != law.start:
                break
            listed.append(law)
    return (verb.start(), verb.end()), listed


#: What follows a name that ended where it should: punctuation, a date, a year, a number, the next
#: instrument, or the words a clause goes on with after a name ("… hiện hành", "… và các văn bản").
_STRONG_AFTER = re.compile(
    r"\s*(?:$|[;.:)\]”\"\n(]|,\s*(?:(?:b[o0]\s+)?lu[a]t\s|ngh|th[o0]ng\s|ph[a]p\s|hi[e&]n\s|c[a]c\s|ng[a-z`]{1,2}y|n[a-z`]{1,2}m|s[o0]\s|\d)"
    r"|,?\s*(?:ng[a-z`]{1,2}y\s*\d|n[a-z`]{1,2}m\s*(?:19|20)\d{2}|" + _SO + r"\s*[:.]?\s*\d"
    r"|v[a]\s+(?:c[uw]a|c[a]c|nh[uw]ng|(?:b[o0]\s+)?lu[a]t|ngh|th[o0]ng|ph[a]p|v[a]n)\b|hi[e&]n\s+h[a]nh|c[o0]\s+li[e&]n\s+quan"
    r"|(?:v[a]\s+|ho[a]c\s+|t[a]i\s+)?(?:kho[a]n|d[i1][e&]u|di[e&]m|ch[uw][o0e]ng)\s|tr[uw]\s|h[e&]t\s+hi[e&]u"
    r"|c[o0]\s+hi[e&]u\s+l[uy]c|(?:c[o0]\s+)?quy\s+d[i1j]nh|v[e&]\s|th[i1]\s|d[e&]\s|t[a]i\s|d[uw][o0]c\s|d[a]\s|" + P.DEMONSTRATIVE + r"))"
)
#: First words after "Luật" that make it no name: "Luật sư" (a lawyer), "Luật có hiệu lực", "Luật pháp", "Luật áp
#: dụng" (the law that governs a contract), "Luật chuyên ngành", "Luật hiện hành".
_NOT_A_NAME = re.compile(r"\s+(?:s[uw]|c[o0]|v[a]|kh[a]c|ph[a]p|tr[e&]n|d[o0](?!\s+l[uw][o0]ng)|m[o0]i|n[a]o|n[a]y|[a]p\s+d[uw]ng"
                         r"|chuy[e&]n\s+ng[a]nh|hi[e&]n\s+h[a]nh)(?![a-z])")  # ("Luật do …", not "Luật Đo lường")
_SELF_OR_NUMBER = re.compile(r"\s+(?:(?!d[o0]\s+l[uw][o0]ng)" + P.DEMONSTRATIVE + r"|" + _SO + r"\s*[:.]?\s*(?:\d|…|\.|$))")


def editorial_notes(folded: str) -> list[tuple[int, int]]:
    """Spans of a legal portal's bracketed notes ("[Điều này được sửa đổi bởi …]", "[1]"): not the
    document's own words, so nothing inside them becomes an edge of the document."""
    out = []
    for m in _NOTE.finditer(folded):
        body = m.group(1)
        if body.strip().isdigit() or _NOTE_CUE.search(body):
            out.append(m.span())
    return out


_NOTE = re.compile(r"\[([^\[\]]{1,3000})\]")  # a wrapped line or a page break may cut a note; one may list many acts
_NOTE_CUE = re.compile(
    r"(?:d[uw][o0]c|b[i1])\s+(?:s[uw]a\s+d[o0bd]i|b[o0d]\s+sung|b[a]i\s+b[o0]|thay\s+th[e&]|h[uw][o0e]ng\s+d[a]n|d[i1]nh\s+ch[i1]nh|h[uw]y)"
    r"|h[e&]t\s+hi[e&]u\s+l[uy]c|c[o0]\s+hi[e&]u\s+l[uy]c|ng[uw]ng\s+hi[e&]u\s+l[uy]c"
    r"|d[uw][o0]c\s+th[uw]c\s+hi[e&]n\s+theo"  # "[Quy định … tại Luật này được thực hiện theo Nghị định …]"
)


def _known_prefix(folded: str, start: int, hi: int, known: frozenset[str]) -> int | None:
    """End of the longest known name (folded, single-spaced) the text from ``start`` begins with,
    as written or as OCR spells it ("Luat Pat dai thi …": see :func:`law_names.known_by_skeleton`)."""
    words = list(_NAME_WORD.finditer(folded, start, hi))
    best = None
    acc = ""
    for w in words:
        acc = f"{acc} {w.group()}" if acc else w.group()
        name = acc.rstrip(",")
        if name in known or known_by_skeleton(name):
            best = w.start() + len(w.group().rstrip(","))
    return best


def _wrapped(text: str, gap: str, nxt: int) -> bool:
    """Whether the line breaks in ``gap`` (before the word at ``nxt``) only cut the sentence: the next
    line goes on in lower case ("Luật Xử lý / vi phạm hành chính", as OCR and PDF text wrap lines, or
    across the blank lines of a page break), not a new paragraph or list item."""
    return text[nxt].islower()


def _wraps_a_known_name(folded: str, pos: int, w: re.Match[str]) -> bool:
    """Whether the word ``w``, on the next line in capitals, goes on the listed name of the last law the name
    read so far names ("… của Luật Tổ chức / Chính phủ và …", a line wrapped inside "Luật Tổ chức Chính phủ")."""
    head = folded.rfind("luat ", max(0, pos - 10), w.start())
    return head >= 0 and _in_known(" ".join(folded[head : w.end()].split()))


_A_YEAR = re.compile(r"(?:19|20)\d{2}(?!\d)")
#: "của" (and OCR's "ctia", "cla"): no name ends with it, so the name goes on over a line or page break after it.
_OF = re.compile(P.CUA)
_DATE_OR_YEAR = re.compile(P.NGAY + r"\s*\d|" + P.NAM + r"\s*(?:19|20)\d{2}")


def _viet_nam(text: str, pos: int, last_word: str) -> bool:
    """"Việt Nam" inside a name ("Luật Quốc tịch Việt Nam 2008", "Viet Nam" in OCR): "Nam" with its capital
    after "Việt" is the country, not "năm" of a year."""
    return last_word == "viet" and text.startswith("Nam", pos)


def law_name_end(text: str, folded: str, pos: int, limit: int = 24) -> int:
    """Where a name that starts at ``pos`` (right after its head word) ends.

    Words are taken while none of the stops above begins them (the first word is always taken: "Luật
    Dược", "Luật Đo lường"); a comma continues the name only before a lower-case word that is not a
    stop ("Luật Phòng, chống tham nhũng", not "Luật Đất đai, Luật Nhà ở").
    """
    end = before_conj = pos
    last_word = ""
    n = 0
    hi = min(len(folded), pos + 200)
    hb = _HEAD_AT_END.search(folded, max(0, pos - 10), pos)
    for w in _NAME_WORD.finditer(folded, pos, hi):
        gap = folded[end : w.start()]
        if n and (_NAME_PUNCT.search(gap) or ("\n" in gap and not _wrapped(text, gap, w.start())
                                                and not _wraps_a_known_name(folded, pos, w)
                                                and not _viet_nam(text, w.start(), last_word)
                                                and not _OF.fullmatch(last_word))):  # "… của / Luật X" over a page
            break
        comma = "," in gap
        if n and (
            (_NAME_STOP.match(folded, w.start(), hi) and not _viet_nam(text, w.start(), last_word))
            or (comma and not text[w.start()].islower())
            or text[w.start() : w.end()].rstrip(_TRAILING).lower() in _STOP_AS_WRITTEN  # "… tài sản công gồm:"
            or text[w.start() : w.end()].rstrip(_TRAILING) in _STOP_WITH_CAPITAL
            or (w.group() in _PASSIVE_AS_READ and text[w.end() : w.end() + 3].strip()[:1].isupper())
        ) and not (hb and _in_known(" ".join(folded[hb.start() : w.end()].split()))):  # "Luật Thủ đô", "Luật hàng không …"
            if last_word in ("va", "hoac"):
                end = before_conj  # "Bộ luật Dân sự và khoản 1 …": the "và" is not the name's
            break
        if n == 0 and (_A_YEAR.match(w.group()) or _DATE_OR_YEAR.match(folded, w.start(), hi)):
            break  # "Hiến pháp 2013.", "Hiến pháp năm 1992": the date or year, not a first word of the name
        if w.group() in ("va", "hoac"):
            before_conj = end
        last_word = w.group()
        word = w.group()
        if not word[0].isalnum():
            break
        cut = _NAME_PUNCT.search(word)  # a word that carries punctuation: keep its letters and stop
        if cut:
            end = w.start() + cut.start()
            break
        end = w.start() + len(word.rstrip(","))
        n += 1  # noqa: SIM113  (counts the words taken, not those looked at)
        if n >= limit:
            break
    return end


_SELF_TITLE = re.compile(
    r"(?:(?:b[o0]\s+)?lu[a]t|hi[e&]n\s+ph[a]p|ph[a]p\s+l[e&]nh|v[a]n\s+b[a]n(?:\s+h[o0]p\s+nh[a]t)?|" + P.TYPE_WORD.pattern + r")"
    r"\s+" + P.DEMONSTRATIVE + r"\s*\Z"
)


def self_reference_title(title: str) -> bool:
    """"Luật này", "Nghị định trên": a pronoun, never the title of an instrument."""
    from luocdo.core.fold import squash

    return bool(_SELF_TITLE.match(squash(title)))


@dataclass(frozen=True, slots=True)
class LawCitation:
    start: int
    end: int
    name: str  # "Luật Tổ chức chính quyền địa phương" as written
    date: str | None
    year: int | None
    kind: str = "Luật"  # Luật, Bộ luật, PL (Pháp lệnh), Hiến pháp
    #: The name a number written right after it belongs to: the whole name, or for "Luật sửa đổi, bổ sung
    #: một số điều của Luật X, Luật Y số …" the last law amended ("Luật Y").
    tail_start: int | None = None


class _Covered:
    """Whether a position lies in one of the spans, by bisection (one check per span made
    long texts cost time that grew with the square of their length)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [a for a, _b in ordered]
        self.reach: list[int] = []  # the furthest end among the spans up to each one
        furthest = -1
        for _a, b in ordered:
            furthest = max(furthest, b)
            self.reach.append(furthest)

    def __call__(self, pos: int) -> bool:
        k = bisect.bisect_right(self.starts, pos) - 1
        return k >= 0 and self.reach[k] > pos


def find_laws(text: str, folded: str, taken: list[tuple[int, int]], known: frozenset[str] = frozenset()) -> list[LawCitation]:
    """Laws, codes, ordinances and the constitution named without a number of their own.

    ``taken`` spans (numbered citations) are skipped.  A name in capitals is a heading (the
    document's own title), and "Luật này", "Luật đó" are the document or one just named.
    """
    out: list[LawCitation] = []
    covered = _Covered(taken)
    weak: list[tuple[re.Match[str], int]] = []
    for m in _law_heads(folded):
        if covered(m.start()) or (out and m.start() < out[-1].end) or not _names_a_law(text, folded, m):
            continue
        ends = _name_end(text, folded, m)
        if ends is None:
            continue
        hi, tail = ends
        amending = tail is not None
        if tail is not None:
            # "… của Luật A; Luật Quản lý, sử dụng tài sản công chưa đủ thời gian …": the last law amended
            # runs on into the sentence (OCR lost the marks of its stop word): it ends with the known name
            hi = _run_on(text, folded, tail, hi, known)
        if not amending and not _STRONG_AFTER.match(folded, hi, min(len(folded), hi + 30)):
            # the name runs on into the sentence ("Luật Đất đai, cá nhân có …"): the longest name known from
            # a clearer mention in this text or from the list of laws, else no name can be told
            found = _known_prefix(folded, m.start(), hi, known)
            if found is None:
                weak.append((m, hi))
                continue
            hi = found
        elif not amending and len(folded[m.start() : hi].split()) > 7:
            hi = _known_prefix(folded, m.start(), hi, known) or hi  # a long run with a known name at its head
        elif not amending:
            hi = _run_on(text, folded, m.start(), hi, known)
        law = _law_named(text, folded, m, hi, tail)
        if law is not None:
            out.append(law)
    if weak and out:
        # names the text states clearly elsewhere tell where the run-on ones end
        here = known | {" ".join(fold(law.name).split()) for law in out}
        for m, hi in weak:
            found = _known_prefix(folded, m.start(), hi, here)
            if found is not None:
                out.append(_law_at(text, folded, m, found))
        out.sort(key=lambda law: law.start)
    return out


def _run_on(text: str, folded: str, start: int, hi: int, known: frozenset[str]) -> int:
    """Where a name that a clause runs on from ends: "Điều 137 Luật Đất đai và thời điểm …", "Luật Xây
    dựng bị phá dỡ", "Luật Doanh nghiệp, ngoài giấy tờ …" end with the known name at their head when the
    words after it are written in lower case (a longer real name is in the list: "Luật Doanh nghiệp nhà
    nước", "Luật Quy hoạch đô thị")."""
    run = " ".join(folded[start:hi].split()).rstrip(",")
    if run in known or _begins_known(run, known):
        return hi  # "Luật đầu tư nước ngoài [tại Việt Nam]": a longer name the list knows
    found = _known_prefix(folded, start, hi, known)
    if found is None or found >= hi:
        return hi
    nxt = re.match(r"[\s,]*(\S)", text[found:hi])
    return found if nxt is not None and nxt.group(1).islower() else hi


_HEAD_AT_END = re.compile(r"(?:b[o0]\s+lu[a]t|lu[a]t|ph[a]p\s+l[e&]nh)\s*\Z")


def _in_known(run: str) -> bool:
    """``run`` (folded, single-spaced) is a listed name, or the head of a longer one."""
    known = known_law_set()
    run = run.rstrip(",.;:)")  # "… Luật Thủ đô." : the name without the sentence's end
    # a listed name as OCR left it too: "Luật Diu khi" is "Luật Dầu khí", whose "khi" is no stop
    return run in known or _begins_known(run, known) or known_by_skeleton(run) or begins_known_by_skeleton(run)


_PLURAL_BEFORE = re.compile(r"(?<![a-z])(?:c[a]c|nh[uw]ng)\s+\Z")


@lru_cache(maxsize=4096)
def _begins_known(run: str, known: frozenset[str]) -> bool:
    return any(k.startswith((run + " ", run + ",")) for k in known)  # "… vũ khí, vật liệu nổ …" goes on


def _names_a_law(text: str, folded: str, m: re.Match[str]) -> bool:
    """A head word that starts a name: written with a capital, not a heading, not "Luật này" or "Luật số"."""
    # must start with a capital in the original: "Luật Tổ chức", not "pháp luật"; a heading is all capitals
    head = text[m.start() : m.end()]
    if not head[0].isupper() or (len(head) > 1 and head[1:].replace(" ", "").isupper()):
        return False
    if _PLURAL_BEFORE.search(folded, max(0, m.start() - 8), m.start()):
        return False  # "các Luật quản lý chuyên ngành": laws of a kind, no one name
    after = m.end()
    # "Luật này"; "Luật số 03/2022/QH15", "Luật số: …" (a number, read as one)
    return not (_SELF_OR_NUMBER.match(folded, after, after + 16) or (
        folded[m.start()] == "l" and _NOT_A_NAME.match(folded, after, after + 12)
    ))


_SPACE = re.compile(r"\s{1,16}")


def _past_space(folded: str, pos: int) -> int:
    """Where the next word starts after ``pos``: past a space, a line break or the blank lines of a page break."""
    sp = _SPACE.match(folded, pos)
    return sp.end() if sp else pos


def _name_end(text: str, folded: str, m: re.Match[str]) -> tuple[int, int | None] | None:
    """Where the name ends, and for an amending law where the last law it amends starts."""
    after = m.end()
    am = _AMENDING_HEAD.match(folded, after, after + 60)
    if am:
        inner = LAW_HEAD.match(folded, _past_space(folded, am.end()))
        if inner is None:
            return None  # "Luật sửa đổi, bổ sung …" without the law it amends: not a name
        hi = law_name_end(text, folded, inner.end())
        tail: int | None = inner.start()
        # the laws amended together: "… của Luật Đấu thầu, Luật Đầu tư và Luật Hải quan"
        while True:
            nx = _AMENDED_TOGETHER.match(folded, hi, hi + 16)
            if not nx:
                break
            inner = LAW_HEAD.match(folded, nx.end())
            if inner is None:
                break
            tail = inner.start()
            am = _AMENDING_HEAD.match(folded, inner.end(), inner.end() + 60)
            if am and (amended := LAW_HEAD.match(folded, _past_space(folded, am.end()))) is not None:
                inner = amended  # "…, Luật sửa đổi, bổ sung một số điều của Luật Y": its words are no stops
            hi = law_name_end(text, folded, inner.end())
    else:
        tail = None
        hi = law_name_end(text, folded, after)
    if hi <= after:
        # "Hiến pháp năm 1992", "Hiến pháp 2013": the head is the whole name; any other head needs a name
        return (after, None) if folded[m.start()] == "h" else None
    return hi, tail


def _law_named(text: str, folded: str, m: re.Match[str], hi: int, tail: int | None) -> LawCitation | None:
    """The law named from ``m`` to ``hi``, with the date or year after it; None when it is no name."""
    name = clean(text[m.start() : hi])
    name = re.sub(r"(?<=[^\W\d])\d{1,3}$", "", name)  # a footnote number glued on: "… hành chính1"
    words = name.split()
    if len(words) < 2 or (len(words) > 24 and tail is None):
        return None
    kind = LAW_KIND[folded[m.start()]]
    rest = folded[hi : hi + 60]
    if kind == "Hiến pháp":
        name = "Hiến pháp"  # "Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam": one name, told apart by its year
        hi = max(hi, m.end())
        rest = folded[hi : hi + 60]
        cm = re.match(r"\s*n[uw][o0]c\s+c[o0]ng\s+h[o0]a\s+x[a]\s+h[o0]i\s+ch[uw]\s+ngh[i1]a\s+vi[e&]t\s+nam", rest)
        if cm:
            hi += cm.end()
            rest = folded[hi : hi + 40]
    date, year, end = _date_after(folded, hi, rest)
    return LawCitation(m.start(), end, name, date, year, kind, tail)


def _date_after(folded: str, hi: int, rest: str) -> tuple[str | None, int | None, int]:
    """The date ("ngày …") or year ("năm 2015") written in ``rest``, right after a name ending at ``hi``."""
    if re.match(r"\s*,?\s*(?:" + P.NGAY + r")\s*", rest):
        return parse_date(folded, hi)
    # "năm 2015", or the year alone ("Luật Đất đai 2013"), never a span or a number ("2021-2025", "2013/QH13")
    ym = re.match(r"\s*(?:(?:" + P.NAM + r")\s*)?((?:19|20)\d{2})(?!\d|[/-]|\.\d)", rest)
    if ym:
        return None, int(ym.group(1)), hi + ym.end()
    return None, None, hi


def _law_at(text: str, folded: str, m: re.Match[str], hi: int) -> LawCitation:
    """The law named from ``m`` to ``hi``, with the date or year written after it."""
    date, year, end = _date_after(folded, hi, folded[hi : hi + 60])
    return LawCitation(m.start(), end, clean(text[m.start() : hi]), date, year, LAW_KIND[folded[m.start()]])
