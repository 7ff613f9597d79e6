"""Table-driven tests of the citation finder and parser: each syntax, both
date forms, the OCR confusions, issuer phrases."""

from __future__ import annotations

import unicodedata

import pytest

from luocdo.core.fold import fold
from luocdo.loaders.citations import find_citations
from luocdo.loaders.laws import find_laws
from luocdo.loaders.patterns import issuer_code, type_code


def cites(text: str):
    text = unicodedata.normalize("NFC", text)
    return find_citations(text, fold(text))


# (text, [(number, symbol, type, date)])
ROWS = [
    # administrative
    ("Thực hiện Kế hoạch số 82/KH-UBND ngày 17/4/2025 của Chủ tịch UBND tỉnh",
     [("82", "KH-UBND", "KH", "2025-04-17")]),
    ("Quyết định số 1588/QĐ-TTg ngày 17/12/2024 của Thủ tướng Chính phủ",
     [("1588", "QĐ-TTg", "QĐ", "2024-12-17")]),
    # normative, year inside the symbol
    ("Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư",
     [("30", "2020/NĐ-CP", "NĐ", "2020-03-05")]),
    ("Nghị quyết số 31/2024/NQ-HĐND ngày 10 tháng 7 năm 2024",
     [("31", "2024/NQ-HĐND", "NQ", "2024-07-10")]),
    ("Luật số 63/2020/QH14 ngày 18/6/2020", [("63", "2020/QH14", "Luật", "2020-06-18")]),
    # Party
    ("Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị", [("57", "NQ/TW", "NQ", "2024-12-22")]),
    ("Kế hoạch hành động số 359-KH/TU ngày 29/4/2025", [("359", "KH/TU", "KH", "2025-04-29")]),
    # công văn: no type code
    ("Công văn số 627/BYT-BH ngày 03/02/2025 của Bộ Y tế", [("627", "BYT-BH", "CV", "2025-02-03")]),
    ("theo Công văn số 2739/VPCP-ĐMDN", [("2739", "VPCP-ĐMDN", "CV", None)]),
    # date in words, with OCR spacing
    ("Quyết định số 1256/QĐ-UBND ngày 22 tháng 12 năm 2021 của UBND tỉnh",
     [("1256", "QĐ-UBND", "QĐ", "2021-12-22")]),
    ("Quyet dinh so 5/QD-UBND ngay 05thang 8 nam 2025", [("5", "QĐ-UBND", "QĐ", "2025-08-05")]),
    # OCR confusions: diacritics lost, Đ as b/0/P, / as I, Q as O, spaces, line breaks
    ("Nghi quyét s6 57-NQITW ngay 22/12/2024 cua Bo Chinh tri", [("57", "NQ/TW", "NQ", "2024-12-22")]),
    ("Quyet dinh s6 906/0D-UBND ngay 11/7/2022", [("906", "QĐ-UBND", "QĐ", "2022-07-11")]),
    ("Quyet dinh s6 121/Qb-UBND ngay 23/7/2025", [("121", "QĐ-UBND", "QĐ", "2025-07-23")]),
    ("Quyet dinh sé 121/0P-UBND ngay 23/7/2025", [("121", "QĐ-UBND", "QĐ", "2025-07-23")]),
    ("Nghi quyét s6 66/NO-\nCP ngay 26/3/2025", [("66", "NQ-CP", "NQ", "2025-03-26")]),
    ("Nghi quyét s6 93/NQ-HPND ngay 08/12/2021", [("93", "NQ-HĐND", "NQ", "2021-12-08")]),
    ("Nghi quyet 56 1 3-NQ/TU ngay 06/9/2023", [("13", "NQ/TU", "NQ", "2023-09-06")]),
    ("Chi thi s0 07/CT- -TTg ngay 14/3/2025", [("07", "CT-TTg", "CT", "2025-03-14")]),
    ("Nghi quyét sd 04- NQ/TU ngay 18/10/2021", [("04", "NQ/TU", "NQ", "2021-10-18")]),
    ("Nghi quyét s6 57- -NQ/TW ngay 22/12/2024", [("57", "NQ/TW", "NQ", "2024-12-22")]),
    ("K& hoach s6 67-KH-UBND ngay 03/4/2025", [("67", "KH-UBND", "KH", "2025-04-03")]),
    ("S6: 272 |KH-SKHCN", [("272", "KH-SKHCN", "KH", None)]),
    ("Ké hoach sd 141/KH-\nBCDTKNQI18 ngay 06/12/2024", [("141", "KH-BCĐTKNQ18", "KH", "2024-12-06")]),
    # NFD input behaves like NFC
    (unicodedata.normalize("NFD", "Kế hoạch số 12/KH-UBND ngày 05/8/2025"), [("12", "KH-UBND", "KH", "2025-08-05")]),
    # letter suffix
    ("Quyết định số 1249a/QĐ-UBND ngày 01/02/2023", [("1249a", "QĐ-UBND", "QĐ", "2023-02-01")]),
    # a day's or month's digit that OCR read as a letter: "O1", "Ø1", "T1", "1ï"
    ("Quyết định số 12/QĐ-TTg ngay O1 thang 7 nam 2020 của Thủ tướng", [("12", "QĐ-TTg", "QĐ", "2020-07-01")]),
    ("Nghị định số 15/2021/NĐ-CP ngày 03 tháng Ø1 năm 2021", [("15", "2021/NĐ-CP", "NĐ", "2021-01-03")]),
    ("Luật số 47/2019/QH14 ngày 22 tháng T1 năm 2019", [("47", "2019/QH14", "Luật", "2019-11-22")]),
    ("Luật số 28/2023/QH15 ngày 27 tháng 1ï năm 2023", [("28", "2023/QH15", "Luật", "2023-11-27")]),
    # the Party's "TW" as Tesseract reads it, the hyphen read as a colon
    *((f"Nghị quyết số 57{joint}NQ/{tw} ngày 22/12/2024", [("57", "NQ/TW", "NQ", "2024-12-22")])
      for joint, tw in (("-", "TÁW"), ("-", "TẤN"), ("-", "TN"), ("-", "TWW"), (":", "TW"), (":", "TẤN"))),
    ("Nghị quyet sb 57-NO/TÂWV ngay 22/12/2024", [("57", "NQ/TW", "NQ", "2024-12-22")]),
    ("Kế hoạch số 12-KH/ĐTN ngày 01/3/2025", [("12", "KH/ĐTN", "KH", "2025-03-01")]),  # a code of its own: left as it is
    # a speck: "số" glued to its number, after the hyphen, for the hyphen at a line's end; "ngày." before the date
    ("Căn cứ Kế hoạch so.145/KH-UBND ngay. 12/8/2025", [("145", "KH-UBND", "KH", "2025-08-12")]),
    ("Kế hoạch số 145/KH-:UBND ngày 12/8/2025", [("145", "KH-UBND", "KH", "2025-08-12")]),
    ("tại Nghị định số 30/2020/NĐ:\nCP ngày 05/3/2020", [("30", "2020/NĐ-CP", "NĐ", "2020-03-05")]),
    ("Quyết định số 1588/QĐ:\nTTg ngày 20/12/2024", [("1588", "QĐ-TTg", "QĐ", "2024-12-20")]),
    ("Kế hoạch số 12/KH-UBND:\nUBND xã tổ chức", [("12", "KH-UBND", "KH", None)]),
    ("tại Tờ trình số 245/TTr:-SCT ngày 02/10/2025", [("245", "TTr-SCT", "TTr", "2025-10-02")]),
    # a code's letter read with a vowel's own mark ("NỢ" for "NQ")
    ("Căn cứ Nghị quyết số 76/NỢ-CP ngày 15/7/2021", [("76", "NQ-CP", "NQ", "2021-07-15")]),
    # things that are not citations
    ("510.400\n| Chua bao gom thuoc", []),  # a price in a table: no "số" read from its "5"
    ("giai đoạn 2021 - 2025, Quý III/2025, ngày 22/12/2024, (30/11)", []),
    ("Tần suất: 01 số /tuần (52 số/năm); ISO 9001:2015; 16.641/19.336", []),
    ("các tổ chức CT-XH xã; Đề án 06", []),
]


@pytest.mark.parametrize(("text", "expected"), ROWS)
def test_citation_rows(text: str, expected: list) -> None:
    got = [(c.number, c.symbol, c.type, c.date) for c in cites(text)]
    assert got == expected


# (text, issuer phrase, subject prefix)
PHRASES = [
    ("Kế hoạch số 82/KH-UBND ngày 17/4/2025 của Chủ tịch UBND tỉnh về truyền thông cải cách hành chính",
     "Chủ tịch UBND tỉnh", "về truyền thông"),
    ("Nghị quyết số 13-NQ/TU ngày 06/9/2023 của Ban Thường vụ Tỉnh ủy về chuyển đổi số",
     "Ban Thường vụ Tỉnh ủy", "về chuyển đổi số"),
    ("Quyết định số 327/QĐ-UBND ngày 26/5/2025 của UBND tỉnh Quảng Ngãi ban hành Kế hoạch hành động",
     "UBND tỉnh Quảng Ngãi", "ban hành Kế hoạch hành động"),
    ("Nghi quyet s6 71/NQ-CP ngay 01/4/2025 cua Chinh phii va Ke hoach hanh dong so 359-KH/TU",
     "Chinh phii", None),
]


@pytest.mark.parametrize(("text", "phrase", "subject"), PHRASES)
def test_issuer_phrase_and_subject(text: str, phrase: str, subject: str | None) -> None:
    c = cites(text)[0]
    assert c.issuer_phrase == phrase
    if subject is None:
        assert not c.subject
    else:
        assert c.subject and c.subject.startswith(subject)


@pytest.mark.parametrize(
    ("raw", "code"),
    [("QĐ", "QĐ"), ("QD", "QĐ"), ("Qb", "QĐ"), ("0D", "QĐ"), ("0P", "QĐ"), ("OD", "QĐ"), ("NO", "NQ"),
     ("KH", "KH"), ("BC", "BC"), ("PA", "PA"), ("ND", "NĐ"), ("CTr", "CTr"), ("XYZ", None)],
)
def test_type_code_confusions(raw: str, code: str | None) -> None:
    assert type_code(raw) == code


@pytest.mark.parametrize(
    ("raw", "code"),
    [("HPND", "HĐND"), ("HDND", "HĐND"), ("TTG", "TTg"), ("ttg", "TTg"), ("UBND", "UBND"), ("SKHCN", "SKHCN"),
     ("BCDTW", "BCĐTW"), ("DU", "ĐU")],
)
def test_issuer_code_confusions(raw: str, code: str) -> None:
    assert issuer_code(raw) == code


def test_laws_by_name() -> None:
    text = ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; "
            "Luật Tổ chức Chính phủ năm 2025 và theo quy định của pháp luật")
    laws = find_laws(text, fold(text), [])
    assert [(law.name, law.date, law.year) for law in laws] == [
        ("Luật Tổ chức chính quyền địa phương", "2015-06-19", 2015),
        ("Luật Tổ chức Chính phủ", None, 2025),
    ]


def test_type_words_start_with_the_letters_the_lookahead_lets_through() -> None:
    """TYPE_BEFORE's lookahead (patterns.TYPE_WORD_FIRST) must not turn a type word away."""
    import re as _re

    from luocdo.loaders import patterns as P

    def first_letters(parsed) -> set[str]:  # type: ignore[no-untyped-def]
        op, arg = parsed[0]  # (opcode, argument) of the first element
        if op is _re._constants.BRANCH:  # "công văn|văn bản": the first letters of every alternative
            return set().union(*(first_letters(branch) for branch in arg[1]))
        if op is _re._constants.LITERAL:
            return {chr(arg)}
        assert op is _re._constants.IN, parsed[0]
        assert all(o is _re._constants.LITERAL for o, _a in arg), parsed[0]
        return {chr(a) for o, a in arg if o is _re._constants.LITERAL}

    for code, pattern in P.TYPE_WORDS:
        letters = first_letters(_re._parser.parse(pattern))
        assert letters <= set(P.TYPE_WORD_FIRST), (code, letters)


def test_lookaheads_turn_away_no_match(corpus_dir) -> None:
    """The first-letter lookahead on CUE only saves time: the same matches without it.  (The patterns
    scanned over a whole text are tried only where their first words are: tests/test_fast_paths.py.)"""
    import re as _re

    from luocdo.loaders import patterns as P
    from luocdo.loaders.text import load

    texts = [fold(load(p).text) for p in sorted(corpus_dir.glob("*.txt"))]
    texts.append(fold("Căn cứ Luật số 63/2020/QH14; Thực hiện Kế hoạch số 82/KH-UBND; sửa đổi, bổ sung Quyết định 12/QĐ-TTg; "
                      "theo đề nghị của Sở; Xét Tờ trình số 5/TTr-SNV; quán triệt Nghị quyết 57-NQ/TW; bãi bỏ Thông tư 01/2024/TT-BTC; "
                      "UBND xã Bắc Ruộng, Hội đồng nhân dân tỉnh Lâm Đồng, HĐND phường Sông Trí, Ủy ban nhân dân đặc khu Lý Sơn"))  # fmt: skip
    for rx, prefix in ((P.CUE, r"(?=[" + P.CUE_FIRST + r"])"),):
        assert rx.pattern.startswith(prefix)
        bare = _re.compile(rx.pattern[len(prefix):], rx.flags)
        for t in texts:
            assert [m.span() for m in rx.finditer(t)] == [m.span() for m in bare.finditer(t)]
