"""The issuer of a party resolution cited by its symbol: "-NQ/TW" is shared by three bodies.

The Politburo, the Secretariat and the Central Committee all number their
resolutions "…-NQ/TW"; only the words ("của Bộ Chính trị") say which issued
one.  A citation by symbol alone names no issuer, so two documents citing
57-NQ/TW, one with the words and one without, agree on it whatever the order.
"""

from __future__ import annotations

import pytest

from luocdo.loaders.extract import extract_text

HEAD = "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: 5/KH-UBND\nQuảng Ngãi, ngày 3 tháng 3 năm 2025\n\nKẾ HOẠCH\nThực hiện chuyển đổi số\n\n"

CASES = [
    ("Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học.", "Bộ Chính trị"),
    ("Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 về đột phá phát triển khoa học.", None),
    ("Thực hiện Nghị quyết 57-NQ/TW, UBND tỉnh ban hành Kế hoạch.", None),
    ("Căn cứ Nghị quyết số 18-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương.", "Ban Chấp hành Trung ương"),
    ("Căn cứ Chỉ thị số 05-CT/TW ngày 15/5/2016 của Ban Bí thư.", "Ban Bí thư"),
    # codes one body owns still say who issued
    ("Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 về chương trình cải cách hành chính.", "Chính phủ"),
    ("Căn cứ Quyết định số 1588/QĐ-TTg ngày 10/12/2024.", "Thủ tướng Chính phủ"),
]


@pytest.mark.parametrize(("sentence", "issuer"), CASES)
def test_issuer_of_a_cited_central_instrument(sentence: str, issuer: str | None) -> None:
    rec = extract_text(HEAD + sentence + "\n", "t.txt")
    cited = [r.target for r in rec.references]
    assert len(cited) == 1, [r.target.key for r in rec.references]
    got = cited[0].issuer.name if cited[0].issuer else None
    assert got == issuer


#: A board of a province's Party Committee: named under "TỈNH ỦY …" in its own header, and by its code when cited.
BOARD_HEAD = ("TỈNH ỦY LÂM ĐỒNG\nBAN TUYÊN GIÁO VÀ DÂN VẬN\n*\nSố 25-HD/BTGDVTU\nĐẢNG CỘNG SẢN VIỆT NAM\nLâm Đồng, ngày 05 "
              "tháng 11 năm 2025\n\nHƯỚNG DẪN\nTuyên truyền kỷ niệm Ngày thành lập Đảng\n\n")


def test_a_board_of_the_province_party_committee_issues_its_own_papers() -> None:
    doc = extract_text(BOARD_HEAD + "1. Nội dung.\n", "t.txt").document
    assert (doc.issuer.name, doc.issuer.level, doc.issuer.id) == (
        "Ban Tuyên giáo và Dân vận Tỉnh ủy", "party", "party:68:ban-tuyen-giao-va-dan-van-tinh-uy")


@pytest.mark.parametrize(("sentence", "issuer_id"), [
    ("Căn cứ Kế hoạch số 34-KH/BTCTU ngày 02/3/2025;", "party:68:ban-to-chuc-tinh-uy"),
    # before 2025 the boards of propaganda and of mass mobilisation stood apart
    ("Căn cứ Hướng dẫn số 12-HD/BTGTU ngày 01/02/2024 của Ban Tuyên giáo Tỉnh ủy;", "party:68:ban-tuyen-giao-tinh-uy"),
    ("Căn cứ Hướng dẫn số 13-HD/BDVTU ngày 01/02/2024;", "party:68:ban-dan-van-tinh-uy"),
])
def test_a_cited_board_of_the_province_party_committee(sentence: str, issuer_id: str) -> None:
    rec = extract_text(BOARD_HEAD + sentence + "\n", "t.txt")
    assert [r.target.issuer.id for r in rec.references if r.target.issuer] == [issuer_id]


def test_a_communes_party_committee_cites_its_own_plan_by_its_code() -> None:
    """"Kế hoạch số 15-KH/ĐU" in a paper of a commune's Party committee: that committee's, numbered in the commune."""
    text = ("ĐẢNG BỘ TỈNH GIA LAI\nĐẢNG ỦY XÃ ĐAK PƠ\n*\nSố 45-BC/ĐU\nĐẢNG CỘNG SẢN VIỆT NAM\nĐak Pơ, ngày 15 tháng 12 năm "
            "2025\n\nBÁO CÁO\nsơ kết 1 năm thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị\n\nI. KẾT QUẢ\nĐảng ủy xã đã ban "
            "hành Kế hoạch số 15-KH/ĐU ngày 20/8/2025 thực hiện Nghị quyết số 57-NQ/TW.\n")
    rec = extract_text(text, "t.txt")
    plan = next(r.target for r in rec.references if r.target.label == "15-KH/ĐU")
    assert (plan.key, plan.issuer.name if plan.issuer else None) == ("15-KH/ĐU@2025@gia-lai/dak-po", "Đảng ủy xã Đak Pơ")
    assert rec.document.key == "45-BC/ĐU@2025@gia-lai/dak-po"
