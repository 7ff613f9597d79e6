"""A central body's branch in a province (Bảo hiểm xã hội tỉnh, Thuế tỉnh, Tòa án nhân dân tỉnh …) numbers its
papers in that province: its own plan and the letters a commune cites from it are keyed in the province's
scope, while the same code of the central body ("BHXH" of Bảo hiểm xã hội Việt Nam) stays national."""

from __future__ import annotations

import pytest

from luocdo.core.registry import registry
from luocdo.loaders.extract import extract_text
from tests.test_unseen_classes import _read

_OWN = ("{parent}            CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n{own}           Độc lập - Tự do - Hạnh phúc\n\n"
        "Số: 512/KH-{code}                 {place}, ngày 14 tháng 3 năm {year}\n\nKẾ HOẠCH\n"
        "Triển khai công tác năm {year}\n\nThực hiện Công văn số 3456/BHXH-CNTT ngày 02/3/{year} của Bảo hiểm xã hội "
        "Việt Nam, {own_words} ban hành Kế hoạch như sau:\n")

#: (parent line, own line, code, place, year, the paper's key, its issuer's name and province)
OWN = [
    ("BẢO HIỂM XÃ HỘI VIỆT NAM", "BẢO HIỂM XÃ HỘI TỈNH QUẢNG NGÃI", "BHXH", "Quảng Ngãi", 2025,
     "512/KH-BHXH@2025@quang-ngai", ("Bảo hiểm xã hội tỉnh", "Quảng Ngãi")),
    # before July 2025: the province of its day
    ("BẢO HIỂM XÃ HỘI VIỆT NAM", "BẢO HIỂM XÃ HỘI TỈNH KON TUM", "BHXH", "Kon Tum", 2023,
     "512/KH-BHXH@2023@kon-tum", ("Bảo hiểm xã hội tỉnh", "Kon Tum")),
    ("CỤC THUẾ", "THUẾ TỈNH LÂM ĐỒNG", "TLDO", "Lâm Đồng", 2025, "512/KH-TLDO@2025@lam-dong", ("Thuế tỉnh", "Lâm Đồng")),
    ("TÒA ÁN NHÂN DÂN TỐI CAO", "TÒA ÁN NHÂN DÂN TỈNH GIA LAI", "TA", "Gia Lai", 2025, "512/KH-TA@2025@gia-lai",
     ("Tòa án nhân dân tỉnh", "Gia Lai")),
]


@pytest.mark.parametrize("variant", ["clean", "no marks"])
@pytest.mark.parametrize(("parent", "own", "code", "place", "year", "key", "issuer"), OWN)
def test_a_branchs_own_plan_is_keyed_in_its_province(parent, own, code, place, year, key, issuer, variant) -> None:
    text = _OWN.format(parent=parent, own=own, code=code, place=place, year=year, own_words=own.title())
    rec = _read(text, variant)
    d = rec.document
    assert d.key == key
    assert d.issuer is not None and (d.issuer.name, d.issuer.province) == issuer
    # the central body's letter it carries out stays national
    assert {r.target.key: r.relation for r in rec.references} == {f"3456/BHXH-CNTT@{year}": "implements"}


_COMMUNE = ("ỦY BAN NHÂN DÂN           CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nXÃ TƯ NGHĨA             Độc lập - Tự do - "
            "Hạnh phúc\nSố: 45/KH-UBND            Tư Nghĩa, ngày 20 tháng 8 năm 2025\n\nKẾ HOẠCH\n"
            "Phát triển người tham gia bảo hiểm xã hội tự nguyện năm 2025\n\n{} UBND xã Tư Nghĩa ban hành Kế hoạch "
            "như sau:\n")

CITED = [
    ("Thực hiện Công văn số 1234/BHXH-PTTN ngày 05/8/2025 của Bảo hiểm xã hội tỉnh Quảng Ngãi về việc phát triển "
     "người tham gia;", "1234/BHXH-PTTN@2025@quang-ngai"),
    ("Thực hiện Công văn số 1234/BHXH-PTTN ngày 05/8/2025 của BHXH tỉnh về việc phát triển người tham gia;",
     "1234/BHXH-PTTN@2025@quang-ngai"),
    ("Thực hiện Công văn số 88/TQNG-NVDTPC ngày 05/8/2025 của Thuế tỉnh Quảng Ngãi;", "88/TQNG-NVDTPC@2025@quang-ngai"),
    ("Thực hiện Công văn số 567/BHXH-CSXH ngày 01/7/2025 của Bảo hiểm xã hội Việt Nam;", "567/BHXH-CSXH@2025"),
]


@pytest.mark.parametrize("variant", ["clean", "no marks"])
@pytest.mark.parametrize(("sentence", "key"), CITED)
def test_a_branchs_letters_cited_by_a_commune(sentence: str, key: str, variant: str) -> None:
    rec = _read(_COMMUNE.format(sentence), variant)
    assert [(r.target.key, r.relation) for r in rec.references] == [(key, "implements")]


def test_a_branch_of_a_province_not_known_is_no_central_body() -> None:
    """"của BHXH tỉnh" in a paper of a commune whose name two provinces share: the branch's number is local,
    of a province the text does not settle (never Bảo hiểm xã hội Việt Nam's, whose code it shares)."""
    text = _COMMUNE.replace("TƯ NGHĨA", "NGHĨA HÀNH").replace("Tư Nghĩa", "Nghĩa Hành").format(CITED[1][0])
    (ref,) = extract_text(text).references
    assert ref.target.key == "1234/BHXH-PTTN@2025@?"
    assert ref.target.issuer is not None and (ref.target.issuer.id, ref.target.issuer.level) == (None, "department")


@pytest.mark.parametrize(
    ("name", "found"),
    [
        ("Bảo hiểm xã hội tỉnh Quảng Ngãi", ("dept:51:bao-hiem-xa-hoi-tinh", "Quảng Ngãi")),
        ("BHXH tỉnh Quảng Ngãi", ("dept:51:bao-hiem-xa-hoi-tinh", "Quảng Ngãi")),
        ("Cục Thuế tỉnh Lâm Đồng", ("dept:68:cuc-thue-tinh", "Lâm Đồng")),
        ("Viện kiểm sát nhân dân tỉnh Gia Lai", ("dept:52:vien-kiem-sat-nhan-dan-tinh", "Gia Lai")),
        ("Bảo hiểm xã hội Việt Nam", ("ministry:bao-hiem-xa-hoi-viet-nam", None)),
    ],
)
def test_branches_in_the_registry(name: str, found: tuple[str, str | None]) -> None:
    o = registry().resolve(name, province="Quảng Ngãi")
    assert o is not None and (o.id, o.province) == found
