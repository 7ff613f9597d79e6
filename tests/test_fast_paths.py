"""Shortcuts taken for speed answer as the plain regex searches they are derived from.

Each pattern is written once, as its regular expression; the fast search
(:class:`~luocdo.loaders.scan.KeywordPattern`, :class:`~luocdo.loaders.scan.LinePattern`,
:func:`~luocdo.loaders.place_date.place_date`, :func:`~luocdo.loaders.scan.last_match`, breaks
found in parts) must find the same matches: every such pattern of the extractor is found
here by its kind and checked on table rows that name the edge cases, on the test corpus, and on
random text built from the pieces the patterns care about.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import luocdo.loaders
from luocdo.core.doctypes import BY_CODE
from luocdo.core.fold import fold
from luocdo.loaders import assignments as A
from luocdo.loaders import patterns as P
from luocdo.loaders import place_date as PD
from luocdo.loaders.citations import clean
from luocdo.loaders.edges import EVIDENCE_BREAK_PARTS
from luocdo.loaders.scan import KeywordPattern, LinePattern, last_match, literal_prefix
from luocdo.loaders.text import load


def _found(kind: type) -> list[tuple[str, object]]:
    """Every module-level object of ``kind`` in the loaders, named "module.NAME"."""
    out = []
    for info in pkgutil.iter_modules(luocdo.loaders.__path__):
        module = importlib.import_module(f"luocdo.loaders.{info.name}")
        out += [(f"{info.name}.{name}", obj) for name, obj in sorted(vars(module).items()) if isinstance(obj, kind)]
    return out


KEYWORD_PATTERNS = _found(KeywordPattern)
LINE_PATTERNS = _found(LinePattern)


def test_the_fast_patterns_are_found() -> None:
    """The discovery itself: the patterns the extractor scans whole texts with are all here."""
    names = {n for n, _ in KEYWORD_PATTERNS}
    assert {"context._PROVINCE_MENTION", "context._UNIT_MENTION", "context._ACTOR_VERB_ONLY", "laws._LAW_AT",
            "signature._CAPACITY"} <= names
    assert {"assignments._LEAD", "assignments._ITEM", "header._HEADING"} <= {n for n, _ in LINE_PATTERNS}


def _span(m):
    return None if m is None else (m.span(), m.groupdict())


@pytest.mark.parametrize(
    ("text", "lo"),
    [
        ("Sơn Mai, ngày 05 tháng 8 năm 2025", 0),
        ("Tuyên Quang, ngày 22/9/2025", 0),
        ("Quảng Ngãi\n, ngày 05 tháng 8 năm 2025", 0),  # the line break is white space before the comma
        ("X\n, ngày 05 tháng 8 năm 2025", 0),  # a one-letter place: no match
        ("a, b, Lâm Đồng, ngày  tháng 11 năm 2025", 0),  # blank day
        ("Số: 12/KH-UBND  Quảng Ngãi, ngày 1/2/2025", 6),
        ("x" * 60 + ", ngày 1/2/2025", 0),  # a place is at most forty letters
        ("Hà Nội,ngày 1/2/2025, Huế, ngày 3/4/2025", 0),
        ("no date here, ngày mai", 0),
        ("   , ngày 1/2/2025", 0),  # white space only
        ("ab:  , ngày 1/2/2025", 0),
    ],
)
def test_place_date_table(text: str, lo: int) -> None:
    f = fold(text)
    assert _span(PD.place_date(f, lo, len(f))) == _span(PD.PLACE_DATE.search(f, lo, len(f)))


def test_place_date_on_the_corpus(corpus_dir: Path) -> None:
    checked = 0
    for path in sorted(corpus_dir.glob("*.txt")):
        f = fold(load(path).text)
        for lo in range(0, 1500, 7):
            hi = min(len(f), 1500)
            assert _span(PD.place_date(f, lo, hi)) == _span(PD.PLACE_DATE.search(f, lo, hi)), (path.name, lo)
            checked += 1
    assert checked > 500


_PIECES = st.sampled_from(
    [",", ", ", " ,", "\n", ";", ":", " ", "  ", "\t", "ngay", "ngày", " thang ", "tháng", " nam ", "năm",
     "2025", "1999", "05", "8", "/", "-", ".", "Quảng Ngãi", "ab", "x", "Sơn Mai", "số"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=40), st.integers(min_value=0, max_value=30))
def test_place_date_random(pieces: list[str], lo: int) -> None:
    f = fold("".join(pieces))
    lo = min(lo, len(f))
    for hi in (len(f), max(lo, len(f) - 3)):
        assert _span(PD.place_date(f, lo, hi)) == _span(PD.PLACE_DATE.search(f, lo, hi))



@pytest.mark.parametrize(
    "text",
    [
        "Nơi nhận:\n- A;\nNơi nhận:\n- B;",
        "x" * 5000 + "Nơi nhận:\n- A;",  # in the tail
        "Nơi nhận:\n- A;" + "x" * 5000,  # only before the tail: the whole text is read
        "no recipients at all",
        "Noi nhan :\n" + "y" * 4100 + "noi nhan:",
    ],
)
def test_last_match_is_the_last_of_a_full_scan(text: str) -> None:
    pattern = re.compile(r"noi\s*nhan\s*:")
    f = fold(text)
    full = None
    for full in pattern.finditer(f):
        pass
    assert _span(last_match(pattern, f)) == _span(full)


# --------------------------------------------------------------------------- keyword scans


@pytest.mark.parametrize(
    ("alternative", "prefix"),
    [
        ("tinh", "tinh"),
        (r"thanh\s+pho", r"thanh\s"),
        (r"uy\s+ban\s+nhan\s+dan", r"uy\s"),
        (r"x[a]y\s+d[u]ng", r"xay\s"),
        (r"ph[a]p(?:\s+l[e&]nh)?", "phap"),
        (r"ch[u]?[o0]ng", "ch"),  # the optional "u" is not part of every match
        (r"ab{2,3}c", "ab"),
        ("T/M", "T/M"),
    ],
)
def test_literal_prefix(alternative: str, prefix: str) -> None:
    assert literal_prefix(alternative) == prefix
    assert re.match(prefix, re.sub(r"\[(.)\]", r"\1", alternative).replace("\\s+", " ").replace("?", ""))


@pytest.mark.parametrize("alternative", [r"[dp]e", r"a?b", r"(?:x|y)z", r"\d+"])
def test_literal_prefix_refuses_a_start_that_is_not_plain(alternative: str) -> None:
    with pytest.raises(ValueError):
        literal_prefix(alternative)


_MENTIONS = (
    "UBND tỉnh Quảng Ngãi; Ủy ban nhân dân\nxã Bắc Ruộng; HĐND thành phố Huế; Hội đồng nhân dân  đặc khu Lý Sơn; "
    "thành phố Đà Nẵng, tỉnh năm 2025, quy tắc, tuy nhiên, huy động, Luật Đất đai, pháp luật, luật  Ngân sách, "
    "uy ban nhan dan phuong An Hai, hoi dong nhan dan tinh Gia Lai, thanhpho, tinhthan, "
    "Sở Nội vụ xây dựng Kế hoạch, UBND tỉnh ban  hành, báo cáo kết quả, bao\ncao ket qua, xây dựng, "
    "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC, TM. ỦY BAN NHÂN DÂN, T/M BAN, K/T CHỦ TỊCH, TUQ. CHỦ TỊCH, QUẢNG, XTM. AB, Q. CHÁNH"
)


def _spans(it):
    return [(m.span(), m.groups()) for m in it]


@pytest.mark.parametrize(("name", "kp"), KEYWORD_PATTERNS, ids=[n for n, _ in KEYWORD_PATTERNS])
def test_keyword_pattern_finds_what_its_regex_finds(name, kp, corpus_dir: Path) -> None:
    raw = [load(p).text for p in sorted(corpus_dir.glob("*.txt"))] + [_MENTIONS]
    found = 0
    for f in raw + [fold(t) for t in raw]:  # some read the text as written, most the folded text
        want = _spans(kp.regex.finditer(f))
        assert _spans(kp.finditer(f)) == want, name
        found += len(want)
        for lo, hi in ((5, len(f) - 5), (len(f) // 3, 2 * len(f) // 3)):
            assert _spans(kp.finditer(f, lo, hi)) == _spans(kp.regex.finditer(f, lo, hi)), name
    assert found > 5, f"{name}: too few matches to compare"


_MENTION_PIECES = st.sampled_from(
    ["tinh", "tỉnh", "thanh", "pho", "phố", "ubnd", "uy", "ban", "nhan", "dan", "hdnd", "hội", "hoi", "dong",
     "xa", "phuong", "dac", "khu", "luat", "Luật", " ", "  ", "\n", ",", "a", "Quảng", "q", "t",
     "ban", "hanh", "xay", "dung", "bao", "cao", "ket", "qua", "TM", "KT", "T/M", ".", "GIÁM ĐỐC", "Q", "X"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_MENTION_PIECES, max_size=30))
def test_keyword_patterns_random(pieces: list[str]) -> None:
    text = "".join(pieces)
    for f in (text, fold(text)):
        for name, kp in KEYWORD_PATTERNS:
            assert _spans(kp.finditer(f)) == _spans(kp.regex.finditer(f)), name


def test_clean_collapses_the_white_space_the_regex_did() -> None:
    """clean() splits with str.split(): the same characters as \\s, on every code point."""
    import re

    ws_re = {c for c in map(chr, range(0x110000)) if re.match(r"\s", c)}
    ws_split = {c for c in map(chr, range(0x110000)) if len(("a" + c + "b").split()) == 2}
    assert ws_re == ws_split
    for raw in (" a\u00a0 b\n", ", x  y ;", "\u2003a\u3000b\u2028", "“Kế hoạch”  ", "-\t-"):
        assert clean(raw) == re.sub(r"\s+", " ", raw).strip(" ,;:.-–\"“”'")


# --------------------------------------------------------------------------- line patterns

_FIELDS = (
    "1. Thực hiện đăng tải\n- Đơn vị chủ trì: Trung tâm.\n  - Đơn vị phối hợp: Sở A; Sở B\n- Thời gian thực hiện: Quý III\n"
    "a) Cơ quan thực hiện: Sở Nội vụ\n- Đơn vị thực hiện: Sở Y tế\nI. MỤC ĐÍCH\nQUYẾT ĐỊNH:\nĐiều 1. Ban hành\n2.1) x\n\n+ Bộ phận chủ trì thực hiện: A\n"
)


@pytest.mark.parametrize(("name", "lp"), LINE_PATTERNS, ids=[n for n, _ in LINE_PATTERNS])
def test_line_pattern_equals_multiline_scan(name, lp, corpus_dir: Path) -> None:
    texts = [fold(load(p).text) for p in sorted(corpus_dir.glob("*.txt"))] + [fold(_FIELDS), fold("x\n" + _FIELDS)]
    found = 0
    for f in texts:
        want = [m.span() for m in lp.plain.finditer(f)]
        assert list(lp.finditer(f)) == want, name
        found += len(want)
        for lo, hi in ((1, len(f)), (7, len(f) - 9), (len(f) // 3, 2 * len(f) // 3)):
            assert list(lp.finditer(f, lo, hi)) == [m.span() for m in lp.plain.finditer(f, lo, hi)], (name, lo, hi)
            m = lp.plain.search(f, lo, hi)
            assert lp.search(f, lo, hi) == (m.span() if m else None), (name, lo, hi)
    assert found > 0, name


_LINE_PIECES = st.sampled_from(
    ["\n", " ", "\t", "-", "+", "1", "2.1", "a", "i", ".", ")", ":", ";", "don vi", "chu tri", "phoi hop", "thuc hien",
     "thoi gian", "quyet dinh", "dieu 1", "x", "Đơn vị"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINE_PIECES, max_size=30), st.integers(min_value=0, max_value=20))
def test_line_patterns_random(pieces: list[str], lo: int) -> None:
    f = fold("".join(pieces))
    lo = min(lo, len(f))
    for name, lp in LINE_PATTERNS:
        assert list(lp.finditer(f, lo)) == [m.span() for m in lp.plain.finditer(f, lo)], name


# --------------------------------------------------------------------------- the citation pattern


@pytest.mark.parametrize(
    ("text", "number", "after_so", "symbol"),
    [
        ("số 12/KH-UBND", "12", True, "/KH-UBND"),
        ("Số: 12/KH-UBND", None, False, None),  # "Số:" is the header's (loaders.header), not a citation's
        ("so 1 3-NQ/TU", "1 3", True, "-NQ/TU"),
        ("56 1 3-NQ/TU", "1 3", True, "-NQ/TU"),  # "số" read as "56"
        ("s6 57-NQ/TW", "57", True, "-NQ/TW"),
        ("412/QĐ-UBND", "412", False, "/QĐ-UBND"),
        ("1249a/QĐ-TTg", "1249a", False, "/QĐ-TTg"),
        ("12.5/KH", "12.5", False, "/KH"),
        ("x12/KH", None, False, None),  # inside a word
        ("QĐ-12/KH", None, False, None),  # after a dash: inside a symbol
        ("07/CT- -TTg", "07", False, "/CT- -TTg"),
    ],
)
def test_citation_parts(text: str, number: str | None, after_so: bool, symbol: str | None) -> None:
    f = fold(text)
    m = P.CITATION.search(f)
    if number is None:
        assert m is None or m.start() > 0, m
        return
    assert m is not None
    so, (a, b) = P.citation_parts(m)
    assert (text[a:b], so, text[m.start("sym") : m.end("sym")]) == (number, after_so, symbol)


# --------------------------------------------------------------------------- breaks


def test_sentence_breaks_read_near_a_position(corpus_dir: Path) -> None:
    """The last sentence break before a position, read from a little before it, is the one a scan of
    the whole text finds: at every position, white space and list marks included."""
    from luocdo.loaders import relations as R
    from luocdo.loaders.breaks import Breaks, last_end_near

    texts = [fold(load(p).text) for p in sorted(corpus_dir.glob("*.txt"))]
    texts.append(fold("a.\n\n\n   \n" + " " * 500 + "\n- b. c\n  1) d " * 40))
    texts.append(fold("ab" + "\n \n" * 300 + "cd.\n a) ef\n\n1. gh" * 20))
    for f in texts:
        full = Breaks(R.SENTENCE_BREAK, f)
        for pos in range(0, len(f), 7):
            for lo in (0, max(0, pos - 1500), max(0, pos - 3)):
                assert last_end_near(R.SENTENCE_BREAK, f, lo, pos) == full.last_end(lo, pos), (pos, lo)


def test_type_words_hold_no_group_of_their_own() -> None:
    """type_word_code reads the word's group as the match's last group: no other group may close after it."""
    assert P.TYPE_WORD.groups == len(P.TYPE_WORDS)
    assert P.TYPE_BEFORE.groups == len(P.TYPE_WORDS)
    for code, _pattern in P.TYPE_WORDS:
        for rx in (P.TYPE_WORD, P.TYPE_BEFORE):
            m = rx.search(fold(BY_CODE[code].name) + " so ")
            assert m and P.type_word_code(m) == next(c for j, c in enumerate(P.TYPE_WORD_CODES) if m.group(f"t{j}")), code


_EVIDENCE_WHOLE = re.compile("|".join(p.pattern for p in EVIDENCE_BREAK_PARTS))  # the parts as one pattern
_BREAK_PIECES = st.sampled_from([";", ".", ". ", ".\n", "\n", "\n\n", " ", "\t", "-", "+", "•", "a", "1", "x.y"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_BREAK_PIECES, max_size=30))
def test_evidence_break_parts_random(pieces: list[str]) -> None:
    from luocdo.loaders.breaks import Breaks

    f = "".join(pieces)
    whole, parts = Breaks(_EVIDENCE_WHOLE, f), Breaks(EVIDENCE_BREAK_PARTS, f)
    assert (parts.starts, parts.ends) == (whole.starts, whole.ends)


def test_evidence_break_parts_on_the_corpus(corpus_dir: Path) -> None:
    from luocdo.loaders.breaks import Breaks

    for path in sorted(corpus_dir.glob("*.txt")):
        f = fold(load(path).text)
        whole, parts = Breaks(_EVIDENCE_WHOLE, f), Breaks(EVIDENCE_BREAK_PARTS, f)
        assert (parts.starts, parts.ends) == (whole.starts, whole.ends)
        assert len(whole.starts) > 20


def _clause_start_by_steps(folded: str, a: int) -> int:
    """The walk clause_start replaced: one character back at a time."""
    lo = max(0, a - 110)
    while lo > 0 and folded[lo - 1] not in "\n;.:":
        lo -= 1
        if a - lo > 200:
            break
    return lo


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab \n;.:", max_size=400), st.integers(min_value=0, max_value=400))
def test_clause_start_random(text: str, a: int) -> None:
    a = min(a, len(text))
    assert A.clause_start(text, a) == _clause_start_by_steps(text, a)


def test_clause_start_on_the_corpus(corpus_dir: Path) -> None:
    for path in sorted(corpus_dir.glob("*.txt")):
        f = fold(load(path).text)
        for a in range(0, len(f), 13):
            assert A.clause_start(f, a) == _clause_start_by_steps(f, a), a


