"""The Government's own members: the ministries and ministry-level agencies (cơ quan ngang bộ).

For a central directive these, with the provinces, are the units expected to act
(``gaps --scope national``).  The names are the registry's (:data:`registry_tables.MINISTRIES`,
Văn phòng Chính phủ in :data:`registry_tables.CENTRAL`), so each resolves to its node.

Sources (public law):

* Nghị quyết số 176/2025/QH15 ngày 18/02/2025 của Quốc hội về cơ cấu tổ chức của Chính phủ
  nhiệm kỳ Quốc hội khóa XV, Điều 1: 14 bộ and 3 cơ quan ngang bộ, in the order below.  It took
  effect when adopted and replaced Nghị quyết 08/2021/QH15; its Điều 2 has the bodies it lists
  operate from 01/3/2025, those of 08/2021/QH15 until the end of 28/02/2025;
* before it, Nghị quyết số 08/2021/QH15 ngày 23/7/2021 (the same term's first structure):
  18 bộ and 4 cơ quan ngang bộ.
"""

from __future__ import annotations

#: The day the 2025 structure took effect.
RESTRUCTURED = "2025-03-01"

#: Nghị quyết 176/2025/QH15: 14 ministries, then 3 ministry-level agencies.
GOVERNMENT_2025: tuple[str, ...] = (
    "Bộ Quốc phòng",
    "Bộ Công an",
    "Bộ Ngoại giao",
    "Bộ Nội vụ",
    "Bộ Tư pháp",
    "Bộ Tài chính",
    "Bộ Công Thương",
    "Bộ Nông nghiệp và Môi trường",
    "Bộ Xây dựng",
    "Bộ Văn hóa, Thể thao và Du lịch",
    "Bộ Khoa học và Công nghệ",
    "Bộ Giáo dục và Đào tạo",
    "Bộ Y tế",
    "Bộ Dân tộc và Tôn giáo",
    "Ngân hàng Nhà nước Việt Nam",
    "Thanh tra Chính phủ",
    "Văn phòng Chính phủ",
)

#: Nghị quyết 08/2021/QH15: 18 ministries, then 4 ministry-level agencies.
GOVERNMENT_2021: tuple[str, ...] = (
    "Bộ Quốc phòng",
    "Bộ Công an",
    "Bộ Ngoại giao",
    "Bộ Nội vụ",
    "Bộ Tư pháp",
    "Bộ Kế hoạch và Đầu tư",
    "Bộ Tài chính",
    "Bộ Công Thương",
    "Bộ Nông nghiệp và Phát triển nông thôn",
    "Bộ Giao thông vận tải",
    "Bộ Xây dựng",
    "Bộ Tài nguyên và Môi trường",
    "Bộ Thông tin và Truyền thông",
    "Bộ Lao động - Thương binh và Xã hội",
    "Bộ Văn hóa, Thể thao và Du lịch",
    "Bộ Khoa học và Công nghệ",
    "Bộ Giáo dục và Đào tạo",
    "Bộ Y tế",
    "Ủy ban Dân tộc",
    "Ngân hàng Nhà nước Việt Nam",
    "Thanh tra Chính phủ",
    "Văn phòng Chính phủ",
)


#: Short forms offices write for these bodies ("Bộ KH&CN", "Bộ GD&ĐT"), by the registry's name.
WRITTEN: dict[str, tuple[str, ...]] = {
    "Bộ Khoa học và Công nghệ": ("Bộ KH&CN", "Bộ KHCN"),
    "Bộ Giáo dục và Đào tạo": ("Bộ GD&ĐT", "Bộ GDĐT"),
    "Bộ Nông nghiệp và Môi trường": ("Bộ NN&MT", "Bộ NNMT"),
    "Bộ Văn hóa, Thể thao và Du lịch": ("Bộ VHTTDL", "Bộ VH,TT&DL", "Bộ VHTT&DL"),
    "Bộ Dân tộc và Tôn giáo": ("Bộ DT&TG", "Bộ DTTG"),
    "Bộ Lao động - Thương binh và Xã hội": ("Bộ Lao động, Thương binh và Xã hội", "Bộ LĐ-TB&XH", "Bộ LĐTBXH", "Bộ LĐ,TB&XH"),
    "Bộ Kế hoạch và Đầu tư": ("Bộ KH&ĐT", "Bộ KHĐT"),
    "Bộ Nông nghiệp và Phát triển nông thôn": ("Bộ NN&PTNT", "Bộ NNPTNT"),
    "Bộ Tài nguyên và Môi trường": ("Bộ TN&MT", "Bộ TNMT"),
    "Bộ Thông tin và Truyền thông": ("Bộ TT&TT", "Bộ TTTT"),
    "Bộ Giao thông vận tải": ("Bộ GTVT",),
    "Ngân hàng Nhà nước Việt Nam": ("Ngân hàng Nhà nước",),
}


def government(as_of: str | None) -> tuple[str, ...]:
    """The ministries and ministry-level agencies on ``as_of`` (ISO date; None: today's)."""
    return GOVERNMENT_2021 if as_of and as_of < RESTRUCTURED else GOVERNMENT_2025
