"""Organisation names as documents write them → registry organisations."""

from __future__ import annotations

import pytest

from luocdo.core.registry import registry

# (text, context province, context commune, expected id)
ROWS = [
    ("UBND xã Sơn Mai", None, None, "commune:21349"),
    ("UBND đặc khu Lý Sơn", None, None, "commune:21548"),
    ("UBND xã Bắc Ruộng", None, None, "commune:23152"),
    ("UBND x& Béc Ruong", "Lâm Đồng", None, "commune:23152"),  # OCR
    ("Chu tich UBND xd Son Maz", "Quảng Ngãi", None, "commune:21349"),  # OCR
    ("UBND đặc khu", "Quảng Ngãi", "Lý Sơn", "commune:21548"),  # the context unit
    ("UBND TINH QUANG NGAI", None, None, "province:51"),
    ("UBND tinh Quéng Ngii", None, None, "province:51"),
    ("Kon Tum", None, None, "province:51"),  # merged into Quảng Ngãi in 2025
    ("tỉnh Bình Thuận", None, None, "province:68"),  # merged into Lâm Đồng
    ("Chủ tịch UBND tỉnh", "Quảng Ngãi", None, "province:51"),
    ("S& Noi vy;", "Quảng Ngãi", None, "dept:51:so-noi-vu"),
    ("S& Né6i vy;", "Quảng Ngãi", None, "dept:51:so-noi-vu"),
    ("S6 Khoa hoc va Cong nghg", "Quảng Ngãi", None, "dept:51:so-khoa-hoc-va-cong-nghe"),
    # OCR's "Sé", "S¢", "Sd" for "Sở": the department, not the ministry of the same words
    ("Sé Khoa hoc va Cong nghe", "Quảng Ngãi", None, "dept:51:so-khoa-hoc-va-cong-nghe"),
    ("S¢ Khoa hoc va Cong ngh¢", "Quảng Ngãi", None, "dept:51:so-khoa-hoc-va-cong-nghe"),
    ("Sd Tai chinh", "Quảng Ngãi", None, "dept:51:so-tai-chinh"),
    ("Bộ Khoa học và Công nghệ", "Quảng Ngãi", None, "ministry:bo-khoa-hoc-va-cong-nghe"),
    ("sẽ báo cáo", "Quảng Ngãi", None, None),  # "sẽ" (will) before no department's name
    # OCR's "P", "B" for the "Đ" of "Đặc khu"
    ("UBND PAC KHU LY SON", "Quảng Ngãi", None, "commune:21548"),
    ("UBND BAC KHU LY SON", "Quảng Ngãi", None, "commune:21548"),
    ("Văn phòng UBND tỉnh", "Quảng Ngãi", None, "dept:51:van-phong-ubnd-tinh"),
    ("Ban Thường vụ Tỉnh ủy", "Quảng Ngãi", None, "party:51:ban-thuong-vu-tinh-uy"),
    ("Tỉnh ủy", "Gia Lai", None, "party:52:tinh-uy"),
    ("Ban Thuong vu Tinh ty", "Quảng Ngãi", None, "party:51:ban-thuong-vu-tinh-uy"),  # OCR
    ("Văn phòng HĐND và UBND xã", "Quảng Ngãi", "Sơn Mai", "unit:21349:van-phong-hdnd-va-ubnd"),
    ("Uy ban MTTQVN x&;", "Lâm Đồng", "Bắc Ruộng", "unit:23152:uy-ban-mttq-viet-nam"),
    ("Bộ Chính trị", None, None, "central:bo-chinh-tri"),
    ("Thủ tướng Chính phủ", None, None, "central:thu-tuong-chinh-phu"),
    ("Chinh phii", None, None, "central:chinh-phu"),
    ("BYT", None, None, "ministry:bo-y-te"),
    ("Bộ Khoa học và Công nghệ", None, None, "ministry:bo-khoa-hoc-va-cong-nghe"),
    # groups and filing lines name no single organisation
    ("UBND các xã, phường", "Quảng Ngãi", None, None),
    ("Lưu: VT, TTHC.", "Quảng Ngãi", None, None),
    ("Cac sd, ban, nganh tinh;", "Quảng Ngãi", None, None),
]


@pytest.mark.parametrize(("text", "province", "commune", "expected"), ROWS)
def test_resolve(text, province, commune, expected) -> None:
    org = registry().resolve(text, province=province, commune=commune)
    assert (org.id if org else None) == expected


@pytest.mark.parametrize(("name", "province", "expected"), [
    ("XA PINH HOA", "An Giang", "commune:30958"),  # OCR's "P" for "Đ": Định Hòa, not Bình Hòa
    ("XA MY PUC TAY", None, "commune:28405"),  # Mỹ Đức Tây, one in the country
    ("Xã Bình Hòa", "An Giang", "commune:30607"),
    ("Xã Pa Tần", None, "commune:3503"),  # a name that does begin with "P"
])
def test_a_communes_name_with_ocrs_p_for_d(name: str, province: str | None, expected: str) -> None:
    org = registry().commune(name, province)
    assert (org.id if org else None) == expected


def test_counts_after_the_2025_reform() -> None:
    reg = registry()
    assert len(reg.provinces()) == 34
    assert len(reg.communes()) == 3321
    qn = reg.communes("Quảng Ngãi")
    assert len(qn) == 96
    assert {c.kind for c in reg.communes()} == {"xã", "phường", "đặc khu"}
    assert sum(c.kind == "đặc khu" for c in reg.communes()) == 13


def test_derived_bodies_rebuild_from_their_id() -> None:
    """Worker processes create departments; the parent process must know them by id."""
    reg = registry()
    org = reg.by_id("dept:51:so-noi-vu")
    assert org is not None and org.name == "Sở Nội vụ" and org.parent_id == "province:51"
    unit = reg.by_id("unit:21349:van-phong-hdnd-va-ubnd")
    assert unit is not None and unit.parent_id == "commune:21349"


def test_units_that_fold_alike_get_distinct_key_scopes() -> None:
    """Xã Sơn Hà and Xã Sơn Hạ (Quảng Ngãi) fold to the same slug; keys must not merge them."""
    reg = registry()
    ha, ha_ = reg.commune("Xã Sơn Hà", "Quảng Ngãi"), reg.commune("Xã Sơn Hạ", "Quảng Ngãi")
    assert ha is not None and ha_ is not None and ha.id != ha_.id
    assert reg.unit_slug(ha) != reg.unit_slug(ha_)
    assert reg.unit_slug(reg.commune("Lý Sơn", "Quảng Ngãi")) == "ly-son"


def test_a_communes_name_with_its_marks_may_be_one_in_the_country() -> None:
    """A commune's header after 2025 names no province ("ỦY BAN NHÂN DÂN / XÃ BA TƠ"): a name that folds like
    another ("Ba Tô") is still one with its diacritics; without them, or when truly shared, it is not."""
    reg = registry()
    assert reg.commune("Xã Ba Tơ").name == "Xã Ba Tơ"
    assert reg.commune("Xã Ba Tô").name == "Xã Ba Tô"
    assert reg.commune("Xa Ba To") is None
    assert reg.commune("Xã Tân Thành") is None
    found = [reg.resolve("ỦY BAN NHÂN DÂN " + c.name.upper()) for c in reg.communes()]
    assert all(o is None or o.id == c.id for o, c in zip(found, reg.communes(), strict=True))
    assert sum(o is not None for o in found) > 2700
