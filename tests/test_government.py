"""The Government's members (luocdo/core/government.py) against Nghị quyết 176/2025/QH15 of the
National Assembly (Điều 1: 14 bộ, 3 cơ quan ngang bộ, operating from 01/3/2025; the 22 of
Nghị quyết 08/2021/QH15 until 28/02/2025), and each written the ways offices write it."""

from __future__ import annotations

import pytest

from luocdo.core.government import (
    GOVERNMENT_2021,
    GOVERNMENT_2025,
    RESTRUCTURED,
    WRITTEN,
    government,
)
from luocdo.core.registry import registry

#: Điều 1 of Nghị quyết 176/2025/QH15, in its order: the ministries, then the ministry-level agencies.
NQ176_MINISTRIES = (
    "Bộ Quốc phòng", "Bộ Công an", "Bộ Ngoại giao", "Bộ Nội vụ", "Bộ Tư pháp", "Bộ Tài chính",
    "Bộ Công Thương", "Bộ Nông nghiệp và Môi trường", "Bộ Xây dựng", "Bộ Văn hóa, Thể thao và Du lịch",
    "Bộ Khoa học và Công nghệ", "Bộ Giáo dục và Đào tạo", "Bộ Y tế", "Bộ Dân tộc và Tôn giáo",
)
NQ176_AGENCIES = ("Ngân hàng Nhà nước Việt Nam", "Thanh tra Chính phủ", "Văn phòng Chính phủ")
#: The bodies 176/2025/QH15 merged away or replaced (Nghị quyết 08/2021/QH15 had them).
GONE_IN_2025 = {
    "Bộ Kế hoạch và Đầu tư", "Bộ Nông nghiệp và Phát triển nông thôn", "Bộ Giao thông vận tải",
    "Bộ Tài nguyên và Môi trường", "Bộ Thông tin và Truyền thông", "Bộ Lao động - Thương binh và Xã hội",
    "Ủy ban Dân tộc",
}


def test_the_2025_list_is_article_1_of_resolution_176():
    assert GOVERNMENT_2025 == NQ176_MINISTRIES + NQ176_AGENCIES
    assert (len(NQ176_MINISTRIES), len(NQ176_AGENCIES)) == (14, 3)


def test_the_list_before_is_resolution_08_2021():
    assert len(GOVERNMENT_2021) == 22 and GOVERNMENT_2021[-4:] == (
        "Ủy ban Dân tộc", "Ngân hàng Nhà nước Việt Nam", "Thanh tra Chính phủ", "Văn phòng Chính phủ")
    assert set(GOVERNMENT_2021) - set(GOVERNMENT_2025) == GONE_IN_2025
    assert set(GOVERNMENT_2025) - set(GOVERNMENT_2021) == {"Bộ Nông nghiệp và Môi trường", "Bộ Dân tộc và Tôn giáo"}


@pytest.mark.parametrize("day, members", [
    ("2025-02-28", GOVERNMENT_2021),   # the old bodies work until the end of 28/02/2025
    ("2025-02-18", GOVERNMENT_2021),   # the day 176/2025/QH15 was adopted
    (RESTRUCTURED, GOVERNMENT_2025),   # 01/3/2025
    ("2025-08-12", GOVERNMENT_2025),
    ("2021-07-23", GOVERNMENT_2021),
    (None, GOVERNMENT_2025),
])
def test_which_list_stands_on_a_day(day, members):
    assert government(day) == members


@pytest.mark.parametrize("written, expected", [
    # full names, as headers and Nơi nhận lines write them
    ("Bộ Quốc phòng", "ministry:bo-quoc-phong"),
    ("BỘ CÔNG AN", "ministry:bo-cong-an"),
    ("- Bộ Ngoại giao;", "ministry:bo-ngoai-giao"),
    ("Bộ Nội vụ (b/c)", "ministry:bo-noi-vu"),
    ("Bộ Tư pháp", "ministry:bo-tu-phap"),
    ("BỘ TÀI CHÍNH", "ministry:bo-tai-chinh"),
    ("Bộ Công thương", "ministry:bo-cong-thuong"),
    ("Bộ Nông nghiệp và Môi trường", "ministry:bo-nong-nghiep-va-moi-truong"),
    ("Bộ Xây dựng", "ministry:bo-xay-dung"),
    ("Bộ Văn hoá, Thể thao và Du lịch", "ministry:bo-van-hoa-the-thao-va-du-lich"),
    ("Bộ Khoa học và Công nghệ", "ministry:bo-khoa-hoc-va-cong-nghe"),
    ("Bộ Giáo dục và Đào tạo", "ministry:bo-giao-duc-va-dao-tao"),
    ("Bộ Y tế", "ministry:bo-y-te"),
    ("Bộ Dân tộc và Tôn giáo", "ministry:bo-dan-toc-va-ton-giao"),
    ("NGÂN HÀNG NHÀ NƯỚC VIỆT NAM", "ministry:ngan-hang-nha-nuoc-viet-nam"),
    ("Thanh tra Chính phủ", "ministry:thanh-tra-chinh-phu"),
    ("VĂN PHÒNG CHÍNH PHỦ", "central:van-phong-chinh-phu"),
    # OCR without marks
    ("Bo Khoa hoc va Cong nghe", "ministry:bo-khoa-hoc-va-cong-nghe"),
    ("Bo Dan toc va Ton giao", "ministry:bo-dan-toc-va-ton-giao"),
    # short forms
    ("Bộ KH&CN", "ministry:bo-khoa-hoc-va-cong-nghe"),
    ("Bộ KHCN", "ministry:bo-khoa-hoc-va-cong-nghe"),
    ("Bộ GD&ĐT", "ministry:bo-giao-duc-va-dao-tao"),
    ("Bộ NN&MT", "ministry:bo-nong-nghiep-va-moi-truong"),
    ("Bộ VHTTDL", "ministry:bo-van-hoa-the-thao-va-du-lich"),
    ("Bộ VH,TT&DL", "ministry:bo-van-hoa-the-thao-va-du-lich"),
    ("Bộ DT&TG", "ministry:bo-dan-toc-va-ton-giao"),
    ("Ngân hàng Nhà nước", "ministry:ngan-hang-nha-nuoc-viet-nam"),
    ("NHNN", "ministry:ngan-hang-nha-nuoc-viet-nam"),
    ("TTCP", "ministry:thanh-tra-chinh-phu"),
    ("VPCP", "central:van-phong-chinh-phu"),
    # the bodies of before 01/3/2025, as documents of the time write them
    ("Bộ Kế hoạch và Đầu tư", "ministry:bo-ke-hoach-va-dau-tu"),
    ("Bộ KH&ĐT", "ministry:bo-ke-hoach-va-dau-tu"),
    ("Bộ NN&PTNT", "ministry:bo-nong-nghiep-va-phat-trien-nong-thon"),
    ("Bộ Giao thông vận tải", "ministry:bo-giao-thong-van-tai"),
    ("Bộ GTVT", "ministry:bo-giao-thong-van-tai"),
    ("Bộ TN&MT", "ministry:bo-tai-nguyen-va-moi-truong"),
    ("Bộ TT&TT", "ministry:bo-thong-tin-va-truyen-thong"),
    ("Bộ Lao động - Thương binh và Xã hội", "ministry:bo-lao-dong-thuong-binh-va-xa-hoi"),
    ("Bộ Lao động, Thương binh và Xã hội", "ministry:bo-lao-dong-thuong-binh-va-xa-hoi"),
    ("Bộ LĐ-TB&XH", "ministry:bo-lao-dong-thuong-binh-va-xa-hoi"),
    ("Uỷ ban Dân tộc", "ministry:uy-ban-dan-toc"),
    # not a ministry
    ("Sở Khoa học và Công nghệ", None),
    ("Bộ Chính trị", "central:bo-chinh-tri"),
])
def test_names_as_offices_write_them(written, expected):
    org = registry().resolve(written)
    assert (org.id if org else None) == expected


def test_every_member_and_short_form_resolves_to_a_member():
    reg = registry()
    ids = {reg.central(n).id for n in (*GOVERNMENT_2025, *GOVERNMENT_2021)}
    assert len(ids) == len(set(GOVERNMENT_2025) | set(GOVERNMENT_2021))
    for name, forms in WRITTEN.items():
        assert name in GOVERNMENT_2025 or name in GOVERNMENT_2021, name
        for form in forms:
            assert reg.resolve(form) == reg.central(name), form
