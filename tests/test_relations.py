"""Table-driven tests of relation cues, nesting and derived edges."""

from __future__ import annotations

import pytest

from luocdo.core.fold import fold
from luocdo.loaders.citations import find_citations
from luocdo.loaders.relations import classify, issued_on_basis


def run(text: str, doc_type: str = "KH", preamble_end: int | None = None):
    f = fold(text)
    cits = find_citations(text, f)
    cl = classify(f, cits, len(text) if preamble_end is None else preamble_end, doc_type)
    return cits, cl


# (opening text, document type, [relation of each citation in order])
ROWS = [
    ("Thực hiện Kế hoạch số 82/KH-UBND ngày 17/4/2025 của UBND tỉnh, Sở Nội vụ ban hành Kế hoạch như sau:",
     "KH", ["implements"]),
    ("Triển khai thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị, Tỉnh ủy ban hành",
     "KH", ["implements"]),
    ("Để triển khai Chỉ thị số 07/CT-TTg ngày 14/3/2025 của Thủ tướng Chính phủ, UBND xã ban hành",
     "KH", ["implements"]),
    ("Căn cứ Quyết định số 1256/QĐ-UBND ngày 22/12/2021 của UBND tỉnh; Căn cứ Quyết định số 393/QĐ-UBND "
     "ngày 14/7/2025 của Chủ tịch UBND tỉnh;", "KH", ["based_on", "based_on"]),
    ("Trên cơ sở Quyết định số 121/QĐ-UBND ngày 23/7/2025 của Chủ tịch UBND xã, UBND xã ban hành",
     "KH", ["based_on"]),
    ("Thực hiện Kế hoạch số 34/KH-UBND ngày 03/3/2022 của UBND tỉnh và theo Công văn số 305/HD-STTTT "
     "ngày 15/3/2022 của Sở Thông tin và Truyền thông, Sở ban hành", "KH", ["implements", "based_on"]),
    # one cue governs a list across ";"
    ("Thực hiện Kế hoạch số 82/KH-UBND ngày 17/4/2025 của UBND tỉnh; Kế hoạch số 67/KH-UBND ngày "
     "03/4/2025 của UBND tỉnh, Văn phòng ban hành", "KH", ["implements", "implements"]),
    # a report on a plan
    ("Thực hiện Kế hoạch số 82/KH-UBND ngày 17/4/2025 của UBND tỉnh, UBND xã báo cáo kết quả như sau:",
     "BC", ["reports_on"]),
    # a proposal
    ("Xét đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 45/TTr-SNV ngày 02/6/2025.", "QĐ", ["based_on"]),
    # amending
    ("Sửa đổi, bổ sung một số nội dung của Kế hoạch số 82/KH-UBND ngày 17/4/2025 của UBND tỉnh.",
     "QĐ", ["amends"]),
    ("Quyết định này thay thế Quyết định số 15/QĐ-UBND ngày 10/01/2024.", "QĐ", ["amends"]),
    # mere mentions
    ("Tuyên truyền các văn bản như: Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị.", "KH", ["cites"]),
    ("cập nhật kết quả theo Quyết định số 766/QĐ-TTg ngày 23/6/2022 của Thủ tướng Chính phủ.", "KH", ["cites"]),
    # OCR'd cue
    ("Thuc hién Ké hoach sé 82/KH-UBND ngay 17/4/2025 cta Chu tich UBND tinh, Van phong ban hanh", "KH", ["implements"]),
    ("Cin ctr Quyét dinh s6 1256/QD-UBND ngay 22 thang 12 nam 2021 cia Uy ban nhan dan tinh;", "KH", ["based_on"]),
]


@pytest.mark.parametrize(("text", "doc_type", "expected"), ROWS)
def test_relation_cues(text: str, doc_type: str, expected: list[str]) -> None:
    _, cl = run(text, doc_type)
    assert [c.relation for c in cl] == expected


def test_cue_inside_a_sentence_of_the_body_is_a_mention() -> None:
    text = "I. MỤC ĐÍCH\nSau 5 năm thực hiện Kế hoạch số 82/KH-UBND ngày 17/4/2025 của UBND tỉnh, kết quả tốt."
    _, cl = run(text, "KH", preamble_end=0)
    assert [c.relation for c in cl] == ["cites"]


def test_a_body_sentence_that_opens_by_carrying_out_implements() -> None:
    text = "I. MỤC ĐÍCH\nThực hiện Kế hoạch số 82/KH-UBND ngày 17/4/2025 của UBND tỉnh."
    _, cl = run(text, "KH", preamble_end=0)
    assert [c.relation for c in cl] == ["implements"]


NESTED = [
    # (text, [(parent index or None, parent relation)])
    ("Kế hoạch số 81/KH-UBND ngày 14/4/2025 của UBND tỉnh về triển khai thực hiện Nghị quyết số 66/NQ-CP "
     "ngày 26/3/2025 của Chính phủ", [(None, None), (0, "implements")]),
    ("Quyết định số 327/QĐ-UBND ngày 26/5/2025 của UBND tỉnh ban hành Kế hoạch hành động thực hiện Nghị quyết "
     "số 71/NQ-CP ngày 01/4/2025 của Chính phủ và Kế hoạch hành động số 359-KH/TU ngày 29/4/2025 của Ban "
     "Thường vụ Tỉnh ủy thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị",
     [(None, None), (0, "implements"), (0, "implements"), (2, "implements")]),
    ("Quyết định số 5/QĐ-UBND ngày 05/01/2025 sửa đổi, bổ sung Kế hoạch số 82/KH-UBND ngày 17/4/2024",
     [(None, None), (0, "amends")]),
    # siblings in a list are not nested
    ("Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị; Nghị quyết số 71/NQ-CP ngày 01/4/2025",
     [(None, None), (None, None)]),
]


@pytest.mark.parametrize(("text", "expected"), NESTED)
def test_nesting(text: str, expected: list) -> None:
    _, cl = run(text, "BC", preamble_end=0)
    assert [(c.parent, c.parent_relation) for c in cl] == expected


def test_plan_issued_on_the_basis_of_a_plan_implements_it() -> None:
    text = ("Trên cơ sở Kế hoạch số 82/KH-UBND ngày 17/4/2025, UBND đặc khu đã ban hành Kế hoạch số "
            "38/KH-UBND về truyền thông cải cách hành chính.")
    cits, cl = run(text, "BC", preamble_end=0)
    assert issued_on_basis(fold(text), cits, cl) == [(1, 0, "implements")]
