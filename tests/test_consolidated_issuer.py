"""Who issues a consolidated text (VBHN): the body that consolidates, never the body that passed what
it consolidates nor a signer's title (invented texts, clean and OCR'd)."""

from __future__ import annotations

import pytest

from luocdo.loaders.extract import extract_text

_LAW_OPENING = ("LUẬT ĐẤT ĐAI\nLuật Đất đai số 31/2024/QH15 ngày 18 tháng 01 năm 2024 của Quốc hội, có hiệu lực kể từ "
                "ngày 01 tháng 01 năm 2025, được sửa đổi, bổ sung bởi:\nCăn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\n")
_DECREE_OPENING = ("NGHỊ ĐỊNH\nQuy định về phí\nNghị định số 120/2016/NĐ-CP ngày 23 tháng 8 năm 2016 của Chính phủ, có "
                   "hiệu lực kể từ ngày 01/10/2016, được sửa đổi, bổ sung bởi:\nCăn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;\n")
_RESOLUTION_OPENING = ("NGHỊ QUYẾT\nVề tổ chức chính quyền đô thị\nNghị quyết số 97/2019/QH14 ngày 27 tháng 11 năm 2019 của Quốc hội, "
                       "có hiệu lực kể từ ngày 01/7/2020, được sửa đổi, bổ sung bởi:\n")
_MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"


def _head(block: str, number: str, opening: str) -> str:
    return f"{block}\n-------\n{_MOTTO}Số: {number}\nHà Nội, ngày 04 tháng 9 năm 2025\n{opening}"


def _tail(opening: str, number: str, signer: str) -> str:
    """A text pasted without its header: the consolidated text certifies itself at its end."""
    return f"{opening}Điều 1. Phạm vi điều chỉnh\n...\nXÁC THỰC VĂN BẢN HỢP NHẤT\n{signer}\nSố: {number}\nHà Nội, ngày 04 tháng 9 năm 2025\n"


CASES = [
    # (text, issuer name, issuer id)
    (_head("VĂN PHÒNG QUỐC HỘI", "134/VBHN-VPQH", _LAW_OPENING), "Văn phòng Quốc hội", "central:van-phong-quoc-hoi"),
    (_head("VAN PHONG QUOC HOI", "134/VBHN-VPQH", _LAW_OPENING), "Văn phòng Quốc hội", "central:van-phong-quoc-hoi"),
    # a block that names the body that passed the law: the symbol says who consolidated it
    (_head("QUỐC HỘI", "134/VBHN-VPQH", _LAW_OPENING), "Văn phòng Quốc hội", "central:van-phong-quoc-hoi"),
    (_head("BỘ TÀI CHÍNH", "05/VBHN-BTC", _DECREE_OPENING), "Bộ Tài chính", "ministry:bo-tai-chinh"),
    (_head("BO TAI CHINH", "05/VBHN-BTC", _DECREE_OPENING), "Bộ Tài chính", "ministry:bo-tai-chinh"),
    # a body of a ministry keeps its name as the block writes it
    (_head("BỘ TÀI CHÍNH TỔNG CỤC HẢI QUAN", "07/VBHN-TCHQ", _DECREE_OPENING), "Tổng cục Hải quan", "ministry:bo-tai-chinh"),
    # no header: the certification's number names the body, not the signer's title nor "của Quốc hội"
    (_tail(_LAW_OPENING, "134/VBHN-VPQH", "CHỦ NHIỆM"), "Văn phòng Quốc hội", "central:van-phong-quoc-hoi"),
    (_tail(_DECREE_OPENING, "05/VBHN-BTC", "BỘ TRƯỞNG"), "Bộ Tài chính", "ministry:bo-tai-chinh"),
    (_tail(_DECREE_OPENING, "05/VBHN-BYT", "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG"), "Bộ Y tế", "ministry:bo-y-te"),
    (_tail(_RESOLUTION_OPENING, "20/VBHN-VPQH", "CHỦ NHIỆM"), "Văn phòng Quốc hội", "central:van-phong-quoc-hoi"),
    # OCR: "Số:" read as "$6:"
    (_tail(_LAW_OPENING, "134/VBHN-VPQH", "CHU NHIEM").replace("Số:", "$6:"), "Văn phòng Quốc hội", "central:van-phong-quoc-hoi"),
]


@pytest.mark.parametrize(("text", "name", "org_id"), CASES)
def test_consolidated_text_issuer(text: str, name: str, org_id: str) -> None:
    doc = extract_text(text).document
    assert (doc.type, doc.issuer.name, doc.issuer.id) == ("VBHN", name, org_id)


def test_what_it_consolidates_keeps_its_own_issuer() -> None:
    rec = extract_text(_head("VĂN PHÒNG QUỐC HỘI", "134/VBHN-VPQH", _LAW_OPENING))
    law = next(r for r in rec.references if r.target.key.startswith("31/2024/QH15"))
    assert (law.relation, law.target.issuer.id) == ("consolidates", "central:quoc-hoi")
