"""The one table of document types (luocdo.core.doctypes) and what is read from it."""

from __future__ import annotations

import re

import pytest

from luocdo.core.doctypes import BY_CODE, TYPES
from luocdo.core.fold import fold
from luocdo.graph.schema import DOC_TYPES, type_label, type_name
from luocdo.loaders import patterns as P
from luocdo.loaders.extract import extract_text


def test_codes_are_unique() -> None:
    assert len(BY_CODE) == len(TYPES)


@pytest.mark.parametrize("t", [t for t in TYPES if t.word or t.header_word], ids=lambda t: t.code)
def test_each_word_reads_the_name_it_stands_for(t) -> None:
    """The folded, OCR-tolerant word accepts the type's own name, written plainly."""
    word = t.word or t.header_word
    assert re.fullmatch(word, fold(t.name)), (t.code, t.name)


def test_the_graph_and_the_extractor_read_the_same_table() -> None:
    assert set(DOC_TYPES) == set(BY_CODE)
    assert {code for code, _ in P.TYPE_WORDS} <= set(BY_CODE)
    assert set(P.TYPE_CODES.values()) <= set(BY_CODE)
    for t in TYPES:
        assert type_name(t.code) == t.name
        assert type_label(t.code) == t.label


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("N0", "NQ"),  # NQ or NĐ misread: the earlier row
        ("HP", "HD"),  # HD or HĐ misread: the earlier row
        ("QD", "QĐ"),
        ("0D", "QĐ"),
        ("HPND", None),
        ("GUQ", "GUQ"),
        ("QyĐ", "QyĐ"),
        ("QĐi", None),
        ("CV", None),  # a công văn's symbol carries no type code
    ],
)
def test_type_codes_in_symbols(raw: str, code: str | None) -> None:
    assert P.type_code(raw) == code


@pytest.mark.parametrize(
    ("words", "code"),
    [
        ("thong tu lien tich so", "TTLT"),  # the longer word is tried first
        ("thong tu so", "TT"),
        ("nghi quyet so", "NQ"),
        ("nghi dinh so", "NĐ"),
        ("quy dinh so", "QyĐ"),
        ("quyet dinh so", "QĐ"),
        ("ke hoach hanh dong so", "KH"),
        ("to trinh so", "TTr"),
        ("thong bao ket luan so", "TB"),
    ],
)
def test_type_words(words: str, code: str) -> None:
    m = P.TYPE_WORD.search(words)
    assert m and P.type_word_code(m) == code


@pytest.mark.parametrize(
    ("heading", "code"),
    [("BỘ LUẬT", "Bộ luật"), ("HIẾN PHÁP", "Hiến pháp"), ("NGHỊ QUYẾT", "NQ"), ("LUẬT", "Luật")],
)
def test_a_header_names_its_own_type(heading: str, code: str) -> None:
    """A symbol without a type code ("12/2020/QH14") takes the type the heading names."""
    text = f"QUỐC HỘI\nSố: 12/2020/QH14\nHà Nội, ngày 5 tháng 3 năm 2020\n\n{heading}\nVỀ VIỆC THỬ\n\nNội dung.\n"
    assert extract_text(text).document.type == code


@pytest.mark.parametrize(("heading", "code"), [("LỆNH", "Lệnh"), ("THÔNG TƯ LIÊN TỊCH", "TTLT"), ("CÔNG ĐIỆN", "CĐ")])
def test_a_header_without_a_number_names_its_own_type(heading: str, code: str) -> None:
    text = f"CHỦ TỊCH NƯỚC\nHà Nội, ngày 5 tháng 3 năm 2020\n\n{heading}\nVỀ VIỆC THỬ\n\nNội dung.\n"
    assert extract_text(text).document.type == code
