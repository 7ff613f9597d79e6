"""`Key`: every key the project writes parses back to itself, with its parts readable."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from luocdo.core.keys import Key, instrument_key, law_key, unnumbered_key, url_key

ROUND_TRIP = [
    # (key, ident, year, scope, scoped, digest)
    ("57-NQ/TW@2024", "57-NQ/TW", 2024, None, False, None),
    ("30/2020/NĐ-CP@2020", "30/2020/NĐ-CP", 2020, None, False, None),
    ("82/KH-UBND@2025@quang-ngai", "82/KH-UBND", 2025, "quang-ngai", True, None),
    ("38/KH-UBND@2025@quang-ngai/ly-son", "38/KH-UBND", 2025, "quang-ngai/ly-son", True, None),
    ("18-NQ/TW@?", "18-NQ/TW", None, None, False, None),
    ("12/KH-UBND@?@?", "12/KH-UBND", None, None, True, None),
    ("Luật:to-chuc-chinh-phu@2025", "Luật:to-chuc-chinh-phu", 2025, None, False, None),
    ("KH@2025@quang-ngai/van-phong-ubnd-tinh#3fa2c1", "KH", 2025, "quang-ngai/van-phong-ubnd-tinh", True, "3fa2c1"),
    ("BC@?@?#88047a", "BC", None, None, True, "88047a"),
]


@pytest.mark.parametrize(("text", "ident", "year", "scope", "scoped", "digest"), ROUND_TRIP)
def test_parse_and_print(text: str, ident: str, year: int | None, scope: str | None, scoped: bool, digest: str | None) -> None:
    key = Key.parse(text)
    assert (key.ident, key.year, key.scope, key.scoped, key.digest) == (ident, year, scope, scoped, digest)
    assert str(key) == text
    assert Key.parse(key.url) == key
    assert hash(key) == hash(Key.parse(text))


@pytest.mark.parametrize(
    ("text", "province", "commune", "is_law", "is_numbered"),
    [
        ("38/KH-UBND@2025@quang-ngai/ly-son", "quang-ngai", "ly-son", False, True),
        ("82/KH-UBND@2025@quang-ngai", "quang-ngai", None, False, True),
        ("Luật:dat-dai@2024", None, None, True, False),
        ("BC@2025@lam-dong/bac-ruong#88047a", "lam-dong", "bac-ruong", False, False),
    ],
)
def test_properties(text: str, province: str | None, commune: str | None, is_law: bool, is_numbered: bool) -> None:
    key = Key.parse(text)
    assert (key.province, key.commune, key.is_law, key.is_numbered) == (province, commune, is_law, is_numbered)


@pytest.mark.parametrize(
    "text", ["", "82/KH-UBND", "82/KH-UBND@25", "@2025", "82/KH-UBND@2025@", "a@b@c@d", "KH@2025@x#"]
)
def test_not_a_key(text: str) -> None:
    with pytest.raises(ValueError, match="not a document key"):
        Key.parse(text)


def test_url_form_is_the_stored_form() -> None:
    assert Key.parse("82~KH-UBND@2025@quang-ngai") == Key.parse("82/KH-UBND@2025@quang-ngai")
    assert url_key("82/KH-UBND@2025@quang-ngai") == Key.parse("82/KH-UBND@2025@quang-ngai").url


def test_with_year_keeps_the_rest() -> None:
    assert str(Key.parse("12/KH-UBND@?@quang-ngai/son-mai").with_year(2025)) == "12/KH-UBND@2025@quang-ngai/son-mai"


years = st.one_of(st.none(), st.integers(1945, 2099))
numbers = st.from_regex(r"\A[1-9][0-9]{0,4}[a-z]?\Z")
symbols = st.sampled_from(["KH-UBND", "NQ/TW", "2020/NĐ-CP", "QĐ-TTg", "BYT-BH", "TTLT-BTC-BCT-BYT-BXD"])
scopes = st.one_of(st.none(), st.sampled_from(["quang-ngai", "lam-dong/bac-ruong", "ha-noi/ba-dinh"]))


@given(numbers, symbols, years, st.booleans(), scopes)
def test_every_instrument_key_round_trips(number: str, symbol: str, year: int | None, local: bool, scope: str | None) -> None:
    text = instrument_key(number, symbol, year, local=local, scope=scope)
    key = Key.parse(text)
    assert str(key) == text
    assert key.year == year
    assert key.scoped == local


@given(st.text(min_size=1, max_size=40), years)
def test_every_law_key_round_trips(name: str, year: int | None) -> None:
    text = law_key(name, year)
    assert str(Key.parse(text)) == text


@given(st.sampled_from(["KH", "BC", "CV"]), years, scopes, st.one_of(st.none(), st.text(max_size=20)), st.text(max_size=60))
def test_every_unnumbered_key_round_trips(code: str, year: int | None, scope: str | None, issuer: str | None, title: str) -> None:
    text = unnumbered_key(code, year, scope, issuer, title)
    assert str(Key.parse(text)) == text


def test_a_law_name_read_with_ocrs_w_is_the_same_law() -> None:
    """Vietnamese has no "w": in a law's name it is OCR's reading of "ư"."""
    assert law_key("Pháp lệnh Cán bộ, công chwc", 1998) == law_key("Pháp lệnh Cán bộ, công chức", 1998)
    assert law_key("Luật Thwơng mại", None) == "Luật:thuong-mai@?"


@pytest.mark.parametrize("read", ["một số điều", "mot sb dieu", "mot s0 dieu", "một sd điều", "mot s6 dieu", "mot se dieu"])
def test_an_amending_acts_name_as_ocr_reads_its_so_is_the_same_act(read: str) -> None:
    want = law_key("Pháp lệnh sửa đổi, bổ sung một số điều của Pháp lệnh Thuế nhà, đất", 1994)
    assert law_key(f"Pháp lệnh sửa đổi, bổ sung {read} của Pháp lệnh Thuế nhà, đất", 1994) == want
