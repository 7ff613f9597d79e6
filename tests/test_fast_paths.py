"""Shortcuts taken for speed answer as the plain regex searches they replace.

Each one finds the same match as the search it stands for: on table rows
that name the edge cases, on the seeds, and on random text built from the
pieces the pattern cares about (commas, line breaks, date words, digits).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from luocdo.core.fold import fold
from luocdo.loaders import header as H
from luocdo.loaders.text import load


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
    assert _span(H.place_date(f, lo, len(f))) == _span(H._PLACE_DATE.search(f, lo, len(f)))


def test_place_date_on_the_seeds(seeds_dir: Path) -> None:
    checked = 0
    for path in sorted(seeds_dir.glob("*.txt")):
        f = fold(load(path).text)
        for lo in range(0, 1500, 7):
            hi = min(len(f), 1500)
            assert _span(H.place_date(f, lo, hi)) == _span(H._PLACE_DATE.search(f, lo, hi)), (path.name, lo)
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
        assert _span(H.place_date(f, lo, hi)) == _span(H._PLACE_DATE.search(f, lo, hi))


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
    f = fold(text)
    full = None
    for full in H._NOI_NHAN.finditer(f):
        pass
    assert _span(H._last_match(H._NOI_NHAN, f)) == _span(full)


# --------------------------------------------------------------------------- keyword scans

from luocdo.loaders import citations as C  # noqa: E402
from luocdo.loaders import extract as E  # noqa: E402
from luocdo.loaders.scan import keyword_finditer  # noqa: E402

KEYWORD_SCANS = [
    ("_PROVINCE_MENTION", E._PROVINCE_MENTION, E.PROVINCE_WORDS),
    ("_UNIT_MENTION", E._UNIT_MENTION, E.UNIT_WORDS),
    ("_LAW_AT", C._LAW_AT, C.LAW_WORDS),
    ("_ACTOR_VERB_ONLY", E._ACTOR_VERB_ONLY, E.VERB_WORDS),
    ("_CAPACITY", H._CAPACITY, H.CAPACITY_WORDS),
]
_MENTIONS = (
    "UBND tỉnh Quảng Ngãi; Ủy ban nhân dân\nxã Bắc Ruộng; HĐND thành phố Huế; Hội đồng nhân dân  đặc khu Lý Sơn; "
    "thành phố Đà Nẵng, tỉnh năm 2025, quy tắc, tuy nhiên, huy động, Luật Đất đai, pháp luật, luật  Ngân sách, "
    "uy ban nhan dan phuong An Hai, hoi dong nhan dan tinh Gia Lai, thanhpho, tinhthan, "
    "Sở Nội vụ xây dựng Kế hoạch, UBND tỉnh ban  hành, báo cáo kết quả, bao\ncao ket qua, xây dựng, "
    "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC, TM. ỦY BAN NHÂN DÂN, T/M BAN, K/T CHỦ TỊCH, TUQ. CHỦ TỊCH, QUẢNG, XTM. AB, Q. CHÁNH"
)


def _spans(it):
    return [(m.span(), m.groups()) for m in it]


@pytest.mark.parametrize(("name", "rx", "words"), KEYWORD_SCANS, ids=[k[0] for k in KEYWORD_SCANS])
def test_keyword_scan_equals_finditer(name, rx, words, seeds_dir: Path) -> None:
    raw = [load(p).text for p in sorted(seeds_dir.glob("*.txt"))] + [_MENTIONS]
    # the signature's capacity ("KT. GIÁM ĐỐC") is read in the text as written, the rest folded
    texts = raw if rx is H._CAPACITY else [fold(t) for t in raw]
    found = 0
    for f in texts:
        want = _spans(rx.finditer(f))
        assert _spans(keyword_finditer(rx, f, words)) == want, name
        found += len(want)
        for lo, hi in ((5, len(f) - 5), (len(f) // 3, 2 * len(f) // 3)):
            assert _spans(keyword_finditer(rx, f, words, lo, hi)) == _spans(rx.finditer(f, lo, hi)), name
    assert found > 5, f"{name}: too few matches to compare"


_MENTION_PIECES = st.sampled_from(
    ["tinh", "tỉnh", "thanh", "pho", "phố", "ubnd", "uy", "ban", "nhan", "dan", "hdnd", "hội", "hoi", "dong",
     "xa", "phuong", "dac", "khu", "luat", "Luật", " ", "  ", "\n", ",", "a", "Quảng", "q", "t",
     "ban", "hanh", "xay", "dung", "bao", "cao", "ket", "qua"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_MENTION_PIECES, max_size=30))
def test_keyword_scans_random(pieces: list[str]) -> None:
    f = fold("".join(pieces))
    for name, rx, words in KEYWORD_SCANS:
        assert _spans(keyword_finditer(rx, f, words)) == _spans(rx.finditer(f)), name


def test_clean_collapses_the_white_space_the_regex_did() -> None:
    """clean() splits with str.split(): the same characters as \\s, on every code point."""
    import re

    ws_re = {c for c in map(chr, range(0x110000)) if re.match(r"\s", c)}
    ws_split = {c for c in map(chr, range(0x110000)) if len(("a" + c + "b").split()) == 2}
    assert ws_re == ws_split
    for raw in (" a\u00a0 b\n", ", x  y ;", "\u2003a\u3000b\u2028", "“Kế hoạch”  ", "-\t-"):
        assert C.clean(raw) == re.sub(r"\s+", " ", raw).strip(" ,;:.-–\"“”'")


# --------------------------------------------------------------------------- line patterns

from luocdo.loaders import assignments as A  # noqa: E402

LINE_PATTERNS = [("_LEAD", A._LEAD), ("_COORD", A._COORD), ("_DOER", A._DOER), ("_TIME", A._TIME),
                 ("_ITEM", A._ITEM), ("_FIELD_START", A._FIELD_START), ("_HEADING", H._HEADING)]
_FIELDS = (
    "1. Thực hiện đăng tải\n- Đơn vị chủ trì: Trung tâm.\n  - Đơn vị phối hợp: Sở A; Sở B\n- Thời gian thực hiện: Quý III\n"
    "a) Cơ quan thực hiện: Sở Nội vụ\nI. MỤC ĐÍCH\nQUYẾT ĐỊNH:\nĐiều 1. Ban hành\n2.1) x\n\n+ Bộ phận chủ trì thực hiện: A\n"
)


@pytest.mark.parametrize(("name", "lp"), LINE_PATTERNS, ids=[k[0] for k in LINE_PATTERNS])
def test_line_pattern_equals_multiline_scan(name, lp, seeds_dir: Path) -> None:
    texts = [fold(load(p).text) for p in sorted(seeds_dir.glob("*.txt"))] + [fold(_FIELDS), fold("x\n" + _FIELDS)]
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


_AMENDS_PIECES = st.sampled_from(
    ["sua", "sửa", "doi", "đổi", "d0i", ",", " ", "\n", "va", "bo", "bổ", "sung", "thay", "the", "thế", "bai", "bãi",
     "dinh", "d1nh", "chinh", "ch1nh", "cua", "của", "x", "Quyết định"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_AMENDS_PIECES, max_size=16))
def test_amends_words_are_in_every_amends_cue(pieces: list[str]) -> None:
    from luocdo.loaders import relations as R

    window = fold("".join(pieces))
    if R._AMENDS_BEFORE.search(window):
        assert any(w in window for w in R.AMENDS_WORDS), window


@pytest.mark.parametrize("cue", ["sửa đổi, bổ sung", "sửa đổi bổ sung một số điều của", "thay thế", "bãi bỏ", "đính chính", "đ1nh ch1nh"])
def test_amends_words_table(cue: str) -> None:
    from luocdo.loaders import relations as R

    window = fold(f"Quyết định {cue} ")
    assert R._AMENDS_BEFORE.search(window), cue
    assert any(w in window for w in R.AMENDS_WORDS), cue


# --------------------------------------------------------------------------- the citation scan

from luocdo.loaders import patterns as P  # noqa: E402


def _plain_citations(f: str, lo: int = 0) -> list:
    out = []
    for m in P.CITATION.finditer(f, lo):
        num = m.span("num_so") if m.group("num_so") else m.span("num")
        out.append((m.span(), m.span("sym"), bool(m.group("so")), num))
    return out


def _scanned_citations(f: str, lo: int = 0) -> list:
    out = []
    for m in P.CITATION_SCAN.finditer(f, lo):
        after_so, num = P.citation_parts(m)
        out.append((m.span(), m.span("sym"), after_so, num))
    return out


_CITED = (
    "Nghị quyết số 57-NQ/TW, Nghi quyét s6 57-NQITW, số 1 3-NQ/TU, 56 1 3-NQ/TU, 07/CT- -TTg, 30/2020/NĐ-CP, "
    "Công văn 627/BYT-BH; số:12/KH-UBND 5o 12/KH, 512/QĐ-UBND, x12/KH, 1.5/KH, 22/12/2024, 2021-2025, số 1249a/QĐ-TTg, "
    "s0 88 | KH-SKHCN, 12/UBND-KT.",
)


def test_citation_scan_equals_citation(seeds_dir: Path) -> None:
    texts = [fold(load(p).text) for p in sorted(seeds_dir.glob("*.txt"))] + [fold(t) for t in _CITED]
    found = 0
    for f in texts:
        want = _plain_citations(f)
        assert _scanned_citations(f) == want
        assert _scanned_citations(f, 3) == _plain_citations(f, 3)
        found += len(want)
    assert found > 100


_CITATION_PIECES = st.sampled_from(
    ["so", "số", "s6", "sé", "56", "5o", "s", "5", "1", "12", "2024", "a", " ", "  ", "\n", "/", "|", "-", "- -", ".", ",",
     "KH", "UBND", "NQ", "TW", "QĐ", "2020", "x", ":", "I"]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_CITATION_PIECES, max_size=24))
def test_citation_scan_random(pieces: list[str]) -> None:
    f = fold("".join(pieces))
    assert _scanned_citations(f) == _plain_citations(f)


def test_citation_scan_search_in_windows(seeds_dir: Path) -> None:
    """Searched in a window (the subject of a citation), the two patterns find the same first match."""
    for path in sorted(seeds_dir.glob("*.txt")):
        f = fold(load(path).text)
        for lo in range(0, len(f), 37):
            hi = min(len(f), lo + 400)
            a, b = P.CITATION.search(f, lo, hi), P.CITATION_SCAN.search(f, lo, hi)
            assert (a and a.span()) == (b and b.span()), (path.name, lo)


# --------------------------------------------------------------------------- breaks read to a point


def test_sentence_breaks_read_to_a_margin(seeds_dir: Path) -> None:
    """Breaks read only up to SENTENCE_MARGIN past a position answer as breaks read over the whole text,
    at the positions asked about: citations, which never start with white space."""
    from luocdo.loaders import relations as R
    from luocdo.loaders.breaks import Breaks

    texts = [fold(load(p).text) for p in sorted(seeds_dir.glob("*.txt"))]
    texts.append(fold("a.\n\n\n   \n" + " " * 500 + "\n- b. c\n  1) d " * 40))
    for f in texts:
        full = Breaks(R._SENTENCE_BREAK, f)
        for pos in range(0, len(f), 11):
            if f[pos].isspace():
                continue
            read_to = min(len(f), pos + R.SENTENCE_MARGIN)
            part = Breaks(R._SENTENCE_BREAK, f, read_to)
            assert part.last_end(max(0, pos - 1500), pos) == full.last_end(max(0, pos - 1500), pos), pos


def test_type_words_hold_no_group_of_their_own() -> None:
    """type_word_code reads the word's group as the match's last group: no other group may close after it."""
    assert P.TYPE_WORD.groups == len(P.TYPE_WORDS)
    assert P.TYPE_BEFORE.groups == len(P.TYPE_WORDS)
    for i, (code, pattern) in enumerate(P.TYPE_WORDS):
        for rx in (P.TYPE_WORD, P.TYPE_BEFORE):
            sample = {"KH": "ke hoach", "NQ": "nghi quyet", "QĐ": "quyet dinh", "CT": "chi thi", "CTr": "chuong trinh",
                      "BC": "bao cao", "CV": "cong van", "TB": "thong bao", "HD": "huong dan", "NĐ": "nghi dinh",
                      "TTLT": "thong tu lien tich", "TT": "thong tu", "Luật": "luat", "ĐA": "de an", "QyĐ": "quy dinh",
                      "KL": "ket luan", "CĐ": "cong dien", "TTr": "to trinh", "PL": "phap lenh"}[code]  # fmt: skip
            m = rx.search(sample + " so ")
            assert m and P.type_word_code(m) == next(c for j, c in enumerate(P.TYPE_WORD_CODES) if m.group(f"t{j}")), code


_BREAK_PIECES = st.sampled_from([";", ".", ". ", ".\n", "\n", "\n\n", " ", "\t", "-", "+", "•", "a", "1", "x.y"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_BREAK_PIECES, max_size=30))
def test_evidence_break_parts_random(pieces: list[str]) -> None:
    from luocdo.loaders.breaks import Breaks

    f = "".join(pieces)
    whole, parts = Breaks(E._EVIDENCE_BREAK, f), Breaks(E.EVIDENCE_BREAK_PARTS, f)
    assert (parts.starts, parts.ends) == (whole.starts, whole.ends)


def test_evidence_break_parts_on_the_seeds(seeds_dir: Path) -> None:
    from luocdo.loaders.breaks import Breaks

    for path in sorted(seeds_dir.glob("*.txt")):
        f = fold(load(path).text)
        whole, parts = Breaks(E._EVIDENCE_BREAK, f), Breaks(E.EVIDENCE_BREAK_PARTS, f)
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


def test_clause_start_on_the_seeds(seeds_dir: Path) -> None:
    for path in sorted(seeds_dir.glob("*.txt")):
        f = fold(load(path).text)
        for a in range(0, len(f), 13):
            assert A.clause_start(f, a) == _clause_start_by_steps(f, a), a


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["da", "đã", "ban", "hanh", "hành", "xay", "xây", "dung", "dựng", "va", " ", "  ", "\n", "x"]),
                max_size=12))
def test_ban_hanh_cue_holds_ban_or_xay(pieces: list[str]) -> None:
    from luocdo.loaders import relations as R

    left = fold("".join(pieces))
    if R._BAN_HANH_BEFORE.search(left):
        assert "ban" in left or "xay" in left
