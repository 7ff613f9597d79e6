"""Plans and the decisions that issue them, as the legal staff of a province, a department, a district of before
July 2025 or a commune of after it write them: the classes of relation and identity errors seen on invented
texts, each row read clean, without its diacritics and through the generator's OCR damage."""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest

from luocdo.core.model import DocumentRecord
from luocdo.loaders.extract import extract_text
from tests.test_unseen_classes import _keyed, _read, garble

Check = Callable[[DocumentRecord], bool]

_MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
_PLAN = ("ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\n" + _MOTTO + "Số: 318/KH-UBND\nLào Cai, ngày 09 tháng 10 năm 2025\nKẾ HOẠCH\n"
         "Phát triển rừng bền vững năm 2026\n")
_DECISION = ("ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\n" + _MOTTO + "Số: 1802/QĐ-UBND\nLào Cai, ngày 12 tháng 11 năm 2025\nQUYẾT ĐỊNH\n"
             "Phê duyệt phương án\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÀO CAI\n")


def _base(key: str) -> str:
    """A key without its year and scope, its "Đ" as "D" (a text without marks reads "QD")."""
    return key.split("@")[0].replace("Đ", "D")


def _refs(*pairs: tuple[str, str]) -> Check:
    """The references by number or name (without year and scope), exactly these."""
    want = {_base(k): v for k, v in pairs}
    return lambda r: {_base(k): v for k, v in _keyed(r).items()} == want


def _rel(label: str, relation: str) -> Check:
    """The instrument ``label`` (number or law key, without year and scope) is cited with ``relation``."""
    return lambda r: {_base(k): v for k, v in _keyed(r).items()}.get(_base(label)) == relation


def _issuer(org_id: str, province: str) -> Check:
    return lambda r: r.document.issuer is not None and (r.document.issuer.id, r.document.issuer.province) == (org_id, province)


CLASSES: list[tuple[str, str, Check]] = [
    # a law dated in a "Căn cứ" line and named again, without its year, in another instrument's subject ("… quy định
    # chi tiết … Luật Lâm nghiệp") is that one law: one reference, the basis (not a second one that only cites)
    ("a law dated once, named again without its year", _DECISION + "Căn cứ Luật Lâm nghiệp ngày 15 tháng 11 năm 2017;\n"
     "Căn cứ Nghị định số 156/2018/NĐ-CP ngày 16/11/2018 của Chính phủ quy định chi tiết thi hành một số điều của Luật Lâm "
     "nghiệp;\nQUYẾT ĐỊNH:\nĐiều 1. Phê duyệt.\n",
     _refs(("Luật:lam-nghiep", "based_on"), ("156/2018/NĐ-CP", "based_on"))),
    ("guard: two years of one name stay apart", _DECISION + "Căn cứ Luật Đất đai ngày 29 tháng 11 năm 2013; Luật Đất đai "
     "ngày 18 tháng 01 năm 2024;\nCăn cứ Nghị định số 102/2024/NĐ-CP ngày 30/7/2024 của Chính phủ quy định chi tiết thi "
     "hành một số điều của Luật Đất đai;\nQUYẾT ĐỊNH:\nĐiều 1. Phê duyệt.\n",
     lambda r: {"Luật:dat-dai@2013", "Luật:dat-dai@2024"} <= set(_keyed(r))
     and all(len(x.mentions) == 1 for x in r.references if x.target.key.startswith("Luật:dat-dai@20"))),
    # a plan issued with a decision has no "Số:" or date line of its own: its type is its heading's, its date the
    # decision's, its issuer the header's, and it rests on the decision that issues it
    ("a plan issued with a decision", "ỦY BAN NHÂN DÂN\nTỈNH ĐỒNG THÁP\n" + _MOTTO + "KẾ HOẠCH\nThực hiện Nghị quyết số "
     "71/NQ-CP ngày 01/4/2025 của Chính phủ trên địa bàn tỉnh\n(Ban hành kèm theo Quyết định số 1234/QĐ-UBND ngày 19 tháng 8 "
     "năm 2025 của Ủy ban nhân dân tỉnh)\nI. MỤC ĐÍCH, YÊU CẦU\nCụ thể hóa các nhiệm vụ được giao.\n",
     lambda r: (r.document.type, r.document.number, r.document.date) == ("KH", None, "2025-08-19")
     and _issuer("province:82", "Đồng Tháp")(r) and _refs(("71/NQ-CP", "implements"), ("1234/QĐ-UBND", "based_on"))(r)),
    ("rules issued with a decision", "UBND TỈNH ĐỒNG THÁP\nSỞ NỘI VỤ\n" + _MOTTO + "\nQUY CHẾ\nLàm việc của Sở Nội vụ\n"
     "(Kèm theo Quyết định số 45/QĐ-SNV ngày 02/10/2025 của Giám đốc Sở Nội vụ)\nChương I\nQUY ĐỊNH CHUNG\n",
     lambda r: (r.document.type, r.document.date) == ("QC", "2025-10-02") and _issuer("dept:82:so-noi-vu", "Đồng Tháp")(r)
     and _refs(("45/QĐ-SNV", "based_on"))(r)),
    # a clause opening with a purpose word before its cue ("Nhằm triển khai", "Để kịp thời triển khai", "Để cụ thể hóa",
    # "Tiếp tục triển khai") is a clause of its own: the "Căn cứ" of the line above does not reach into it
    *((f"{lead} after a Căn cứ line", _PLAN + "Căn cứ Quyết định số 1245/QĐ-UBND ngày 01/8/2025 của Chủ tịch UBND tỉnh về "
       f"việc thành lập Ban Chỉ đạo;\n{lead} Kế hoạch số 01-KH/BCĐTW ngày 19/3/2025 của Ban Chỉ đạo Trung ương, UBND tỉnh "
       "ban hành Kế hoạch như sau:\nI. MỤC ĐÍCH\n", _refs(("1245/QĐ-UBND", "based_on"), ("01-KH/BCĐTW", "implements")))
      for lead in ("Nhằm triển khai", "Nhằm thực hiện", "Để kịp thời triển khai", "Để tổ chức thực hiện tốt", "Để cụ thể hóa",
                   "Nhằm cụ thể hóa", "Tiếp tục triển khai")),
    # "Thực hiện nhiệm vụ được giao tại Quyết định số …": the tasks are in the instrument that follows
    ("tasks given in an instrument", _PLAN + "Thực hiện nhiệm vụ được giao tại Quyết định số 412/QĐ-UBND ngày 20/3/2025 "
     "của UBND tỉnh; Thực hiện các nhiệm vụ của Chủ tịch UBND tỉnh tại Thông báo số 88/TB-UBND ngày 02/4/2025, Sở ban hành "
     "Kế hoạch như sau:\nI. MỤC ĐÍCH\n", _refs(("412/QĐ-UBND", "implements"), ("88/TB-UBND", "implements"))),
    # a plan whose title reviews carrying X out ("Tổng kết 10 năm thực hiện Chỉ thị …") does not carry X out
    *((f"title: {words}", _PLAN.replace("Phát triển rừng bền vững năm 2026", words + " Chỉ thị số 05-CT/TW ngày 15/5/2016 "
       "của Bộ Chính trị") + "I. MỤC ĐÍCH\nĐánh giá đúng kết quả.\n", _refs(("05-CT/TW", "cites")))
      for words in ("Tổng kết 10 năm thực hiện", "Sơ kết 05 năm triển khai thực hiện", "Tổ chức Hội nghị tổng kết việc thực hiện",
                    "Đánh giá kết quả thực hiện")),
    ("guard: a title that carries out", _PLAN.replace("Phát triển rừng bền vững năm 2026", "Tiếp tục thực hiện Chỉ thị số "
     "05-CT/TW ngày 15/5/2016 của Bộ Chính trị") + "I. MỤC ĐÍCH\nNội dung.\n", _refs(("05-CT/TW", "implements"))),
    # a province's Ban Dân tộc (until 2025) is no misreading of the central Ủy ban Dân tộc
    ("a province's Ban Dân tộc", "UBND TỈNH LÂM ĐỒNG\nBAN DÂN TỘC\n" + _MOTTO + "Số: 45/KH-BDT\nLâm Đồng, ngày 12 tháng 3 năm "
     "2024\nKẾ HOẠCH\nThực hiện chính sách dân tộc năm 2024\nCăn cứ Thông tư số 02/2022/TT-UBDT ngày 30/6/2022 của Ủy ban "
     "Dân tộc;\n", lambda r: _issuer("dept:68:ban-dan-toc", "Lâm Đồng")(r) and r.document.key == "45/KH-BDT@2024@lam-dong"),
    # "ĐẢNG BỘ TỈNH … / BAN CHẤP HÀNH" is the province's Party Committee, not the Politburo its opening names
    ("a province's Party Executive Committee", "ĐẢNG BỘ TỈNH QUẢNG NINH ĐẢNG CỘNG SẢN VIỆT NAM\nBAN CHẤP HÀNH\n*\nSố "
     "25-CTr/TU Quảng Ninh, ngày 05 tháng 9 năm 2025\nCHƯƠNG TRÌNH HÀNH ĐỘNG\nthực hiện Nghị quyết số 59-NQ/TW ngày "
     "24/01/2025 của Bộ Chính trị\nNgày 24/01/2025, Bộ Chính trị ban hành Nghị quyết số 59-NQ/TW về hội nhập quốc tế. Để tổ "
     "chức thực hiện Nghị quyết, Ban Chấp hành Đảng bộ tỉnh ban hành Chương trình hành động như sau:\nI. MỤC TIÊU\n",
     lambda r: _issuer("party:22:tinh-uy", "Quảng Ninh")(r) and r.document.key == "25-CTr/TU@2025@quang-ninh"),
    ("guard: the Central Committee's block", "BAN CHẤP HÀNH TRUNG ƯƠNG\n*\nSố 45-CT/TW\nĐẢNG CỘNG SẢN VIỆT NAM\nHà Nội, "
     "ngày 14 tháng 4 năm 2025\nCHỈ THỊ\nvề đại hội đảng bộ các cấp\nI. NỘI DUNG\n",
     lambda r: r.document.issuer is not None and r.document.issuer.level == "central"),
    # a former district's name with its first "Đ" read as "P" and a later "Ph" its own ("THỊ XÃ PỨC PHỔ")
    ("a former town's Đ read as P", "ỦY BAN NHÂN DÂN\nTHỊ XÃ PỨC PHỔ\n" + _MOTTO + "Số: 89/KH-UBND\nPức Phổ, ngày 07 tháng "
     "6 năm 2023\nKẾ HOẠCH\nPhòng, chống thiên tai năm 2023\n",
     _issuer("former:district:quang-ngai--thi-xa-duc-pho", "Quảng Ngãi")),
    # a law's name wrapped inside a listed name, the next line in capitals ("… của Luật Tổ chức\nChính phủ và …")
    ("a listed name wrapped before a capital", _DECISION + "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Tổ chức\n"
     "Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;\nQUYẾT ĐỊNH:\n",
     _refs(("Luật:sua-doi-bo-sung-mot-so-dieu-cua-luat-to-chuc-chinh-phu-va-luat-to-chuc-chinh-quyen-dia-phuong", "based_on"))),
    ("guard: a new paragraph in capitals", _DECISION + "Căn cứ Luật Đất đai\nCăn cứ Luật Đầu tư công;\nQUYẾT ĐỊNH:\n",
     _refs(("Luật:dat-dai", "based_on"), ("Luật:dau-tu-cong", "based_on"))),
    # a page's number between dashes on its own line, a heading's "II." under it, is no number of a symbol
    ("a page number above a heading", _PLAN + "I. NHIỆM VỤ CHUNG\nNội dung.\n- 2 -\nII. NHIỆM VỤ CỤ THỂ\n1. Đánh giá theo "
     "Thông tư số 22/2021/TT-BGDĐT.\n- 3 -\nIII. TỔ CHỨC THỰC HIỆN\n", _refs(("22/2021/TT-BGDĐT", "cites"))),
    # blank lines OCR puts inside a sentence after a short line: the sentence goes on in small letters, or after a word
    # no sentence ends on ("… một số điều của\n\nNghị định số …"); what the cited act carries out is still its own edge
    ("a sentence cut by a blank line", _DECISION + "Căn cứ Nghị quyết số 03/NQ-CP ngày 09/01/2025 của Chính phủ ban hành "
     "Chương\ntrình hành động của Chính phủ\n\nthực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;\n"
     "QUYẾT ĐỊNH:\n", lambda r: _refs(("03/NQ-CP", "based_on"), ("57-NQ/TW", "cites"))(r)
     and {(_base(d.source.key), d.relation, _base(d.target.key)) for d in r.derived} == {("03/NQ-CP", "implements", "57-NQ/TW")}),
    ("a sentence cut after của", _DECISION + "Căn cứ Thông tư số 12/2022/TT-BTTTT ngày 12/8/2022 của Bộ Thông tin và "
     "Truyền\nthông quy định chi tiết một số điều của\n\nNghị định số 85/2016/NĐ-CP;\nQUYẾT ĐỊNH:\n",
     lambda r: {(_base(d.source.key), d.relation, _base(d.target.key)) for d in r.derived}
     == {("12/2022/TT-BTTTT", "implements", "85/2016/ND-CP")}),
    # "một sb điều", "mot sd dieu": the nesting words as OCR leaves them
    ("một số điều as OCR reads it", _DECISION + "Căn cứ Nghị định số 91/2024/NĐ-CP ngày 18/7/2024 của Chính phủ sửa đổi, "
     "bổ sung một sb điều của Nghị định số 156/2018/NĐ-CP; Thông tư số 12/2022/TT-BTTTT ngày 12/8/2022 của Bộ Thông tin và "
     "Truyền thông quy định chi tiết mot sd điều của Nghị định số 85/2016/NĐ-CP;\nQUYẾT ĐỊNH:\n",
     lambda r: {(_base(d.source.key), d.relation, _base(d.target.key)) for d in r.derived}
     == {("91/2024/ND-CP", "amends", "156/2018/ND-CP"), ("12/2022/TT-BTTTT", "implements", "85/2016/ND-CP")}),
    # the lines of a preamble set apart by blank lines: an item after "…;" and a blank line is the list's next item
    ("the next item after a blank line", _PLAN + "\nCăn cứ Nghị định số 85/2016/NĐ-CP ngày 01/7/2016 của Chính phủ;\n\n"
     "Nghị định số 47/2020/NĐ-CP ngày 09/4/2020 của Chính phủ;\n\nThực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ "
     "Chính trị;\n\nKế hoạch số 18-KH/TU ngày 20/02/2025 của Tỉnh ủy;\n\nUBND tỉnh ban hành Kế hoạch như sau:\n\nI. MỤC "
     "ĐÍCH\n\nNội dung;\n\nQuyết định số 12/QĐ-UBND ngày 01/3/2025 của UBND tỉnh;\n",
     _refs(("85/2016/NĐ-CP", "based_on"), ("47/2020/NĐ-CP", "based_on"), ("57-NQ/TW", "implements"), ("18-KH/TU", "implements"),
           ("12/QĐ-UBND", "cites"))),
    # a name ending in "thông" before "số" ("Luật Viễn thông số 24/2023/QH15") is no month ("tháng 02/2024")
    ("a name ending in thông before its number", _PLAN + "Căn cứ Luật Viễn thông số 24/2023/QH15; Luật Giao thông đường "
     "thủy nội địa số 23/2004/QH11;\n", _refs(("24/2023/QH15", "based_on"), ("23/2004/QH11", "based_on"))),
]


@pytest.mark.parametrize(("name", "text", "check"), CLASSES, ids=[c[0] for c in CLASSES])
@pytest.mark.parametrize("variant", ["clean", "no diacritics"])
def test_plan_class(name: str, text: str, check: Check, variant: str) -> None:
    rec = _read(text, variant)
    assert check(rec), (_keyed(rec), rec.document)


#: Rows OCR damage may take out of reach: a known name's own letters misread ("Luật Tổ chirc / Chính phủ").
NOT_GARBLED = {"a listed name wrapped before a capital"}
GARBLED = [c for c in CLASSES if c[0] not in NOT_GARBLED]


@pytest.mark.parametrize(("name", "text", "check"), GARBLED, ids=[c[0] for c in GARBLED])
@pytest.mark.parametrize("seed", range(4))
def test_plan_class_garbled(name: str, text: str, check: Check, seed: int) -> None:
    """OCR confusions (ô→é, ă→i, o→0, lost diacritics …) at half strength."""
    rec = extract_text(garble(text, random.Random(seed), strength=0.5))
    assert check(rec), (_keyed(rec), rec.document)
