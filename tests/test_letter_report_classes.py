"""Letters, reports and decisions as legal staff hold them: the classes of relation and identity errors seen on
invented texts, each row read clean and with its diacritics lost."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from luocdo.core.model import DocumentRecord
from tests.test_unseen_classes import _keyed, _read

Check = Callable[[DocumentRecord], bool]

_MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"


def _refs(*pairs: tuple[str, str]) -> Check:
    """The references by key, exactly these."""
    want = dict(pairs)
    return lambda r: _keyed(r) == want


def _rel(r: DocumentRecord, label: str) -> str | None:
    """The relation to the instrument numbered ``label``, whatever its year and scope (and its "Đ" read "D")."""
    want = label.replace("Đ", "D")
    return next((x.relation for x in r.references if x.target.label.replace("Đ", "D") == want), None)


_REPORT = ("ỦY BAN NHÂN DÂN\nXÃ BA TƠ\n" + _MOTTO + "Số: 88/BC-UBND\nBa Tơ, ngày 15 tháng 11 năm 2025\nBÁO CÁO\n"
           "Tình hình chuyển đổi số năm 2025\nKính gửi: Sở Khoa học và Công nghệ.\n")


_PLAN = ("ỦY BAN NHÂN DÂN\nXÃ TƯ NGHĨA\n" + _MOTTO + "Số: 35/KH-UBND\nTư Nghĩa, ngày 05 tháng 9 năm 2025\nKẾ HOẠCH\n"
         "Triển khai công tác năm 2025\n")


_DECISION = ("ỦY BAN NHÂN DÂN\nXÃ SƠN TỊNH\n" + _MOTTO + "Số: 88/QĐ-UBND\nSơn Tịnh, ngày 22 tháng 9 năm 2025\nQUYẾT ĐỊNH\n"
             "Phê duyệt danh sách hộ nghèo năm 2025\nCHỦ TỊCH ỦY BAN NHÂN DÂN XÃ SƠN TỊNH\nCăn cứ Nghị định số "
             "07/2021/NĐ-CP ngày 27/01/2021 của Chính phủ;\nQUYẾT ĐỊNH:\n")


_PROVINCE_DECISION = ("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\n" + _MOTTO + "Số: 900/QĐ-UBND\nQuảng Ngãi, ngày 20 tháng 10 năm "
                      "2025\nQUYẾT ĐỊNH\nVề việc phê duyệt\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH\n")


_PROVINCE_REPORT = ("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\n" + _MOTTO + "Số: 900/BC-UBND\nQuảng Ngãi, ngày 20 tháng 10 năm 2025\n"
                    "BÁO CÁO\nKết quả chuyển đổi số\n")


def _letter(issuer: str, number: str, subject: str, place_date: str) -> str:
    """A letter's header as exported: the number and its "V/v" subject, then the place and date line."""
    return f"{issuer}\n{_MOTTO}Số: {number}\n{subject}\n{place_date}\n"


CLASSES: list[tuple[str, str, Check]] = [
    # the place and date line under a letter's "V/v … số N" is the letter's own: the citation is not dated by it,
    # nor issued in the province its place would name ("của UBND tỉnh\nCà Mau, ngày …")
    ("own date line after a V/v citation", _letter("ỦY BAN NHÂN DÂN\nTỈNH CÀ MAU", "4521/UBND-VX",
     "V/v triển khai thực hiện Quyết định số 1588/QĐ-TTg", "Cà Mau, ngày 30 tháng 12 năm 2025")
     + "Kính gửi: Các sở, ban, ngành tỉnh.\nThực hiện Quyết định số 1588/QĐ-TTg ngày 20/12/2024 của Thủ tướng Chính phủ, "
     "Chủ tịch UBND tỉnh chỉ đạo như sau:\n1. Nội dung.\n",
     lambda r: set(_keyed(r)) == {"1588/QĐ-TTg@2024"}),
    ("own date line after a V/v issuer phrase", _letter("UBND XÃ SƠN HÀ\nVĂN PHÒNG HĐND VÀ UBND", "215/VP-UBND",
     "V/v sao gửi Kế hoạch số 145/KH-UBND của UBND tỉnh", "Sơn Hà, ngày 20 tháng 8 năm 2025")
     + "Kính gửi: Các cơ quan, đơn vị trên địa bàn xã.\nVăn phòng sao gửi Kế hoạch số 145/KH-UBND ngày 12/8/2025 của UBND "
     "tỉnh Quảng Ngãi đến các cơ quan, đơn vị để biết, thực hiện.\n",
     lambda r: r.document.issuer is not None and r.document.issuer.province == "Quảng Ngãi"
     and set(_keyed(r)) == {"145/KH-UBND@2025@quang-ngai"}),
    ("own date line on the V/v's line", "ỦY BAN NHÂN DÂN TỈNH CÀ MAU " + _MOTTO + "Số: 4521/UBND-VX\nV/v triển khai thực "
     "hiện Quyết định số 1588/QĐ-TTg Cà Mau, ngày 30 tháng 12 năm 2025\nKính gửi: Các sở.\nThực hiện Quyết định số "
     "1588/QĐ-TTg ngày 20/12/2024 của Thủ tướng Chính phủ, UBND tỉnh yêu cầu:\n1. Nội dung.\n",
     lambda r: set(_keyed(r)) == {"1588/QĐ-TTg@2024"}),
    # guard: a citation dated on the line after it, in the body, keeps its date
    ("guard: a citation's date on the next line", _letter("ỦY BAN NHÂN DÂN\nTỈNH CÀ MAU", "4522/UBND-VX",
     "V/v triển khai công tác", "Cà Mau, ngày 30 tháng 12 năm 2025")
     + "Kính gửi: Các sở.\nThực hiện Quyết định số 1588/QĐ-TTg\nngày 20/12/2024 của Thủ tướng Chính phủ, UBND tỉnh đề nghị.\n",
     _refs(("1588/QĐ-TTg@2024", "implements"))),
    # a report's "Thực hiện X" is what it reports on, unless X is the letter asking for it: its subject asks for a
    # report, or the sentence goes on to name what the report is on
    ("report: the letter that asks for it", _REPORT + "Thực hiện Công văn số 2201/SKHCN-CĐS ngày 01/11/2025 của Sở Khoa "
     "học và Công nghệ về việc báo cáo kết quả chuyển đổi số, UBND xã báo cáo như sau:\nI. KẾT QUẢ\nNội dung.\n",
     lambda r: _rel(r, "2201/SKHCN-CĐS") == "implements"),
    ("report: the request, then what it is on", _REPORT + "Thực hiện Công văn số 1050-CV/TU ngày 20/5/2024 của Tỉnh ủy, "
     "UBND huyện báo cáo kết quả thực hiện Nghị quyết số 06-NQ/TU ngày 15/3/2021 của Tỉnh ủy như sau:\nI. KẾT QUẢ\n",
     lambda r: (_rel(r, "1050-CV/TU"), _rel(r, "06-NQ/TU")) == ("implements", "reports_on")),
    ("guard: report on the plan it carries out", _REPORT + "Thực hiện Kế hoạch số 145/KH-UBND ngày 12/8/2025 của UBND "
     "tỉnh về chuyển đổi số, UBND xã báo cáo kết quả như sau:\nI. KẾT QUẢ\n",
     lambda r: _rel(r, "145/KH-UBND") == "reports_on"),
    ("guard: report on a letter's tasks", _REPORT + "Thực hiện Công văn số 1876/UBND-KT ngày 08/9/2025 của UBND tỉnh về "
     "tăng cường phòng chống dịch bệnh, UBND xã báo cáo kết quả như sau:\nI. KẾT QUẢ\n",
     lambda r: _rel(r, "1876/UBND-KT") == "reports_on"),
    # "…, Sở Nội vụ báo cáo sơ kết (tổng kết) như sau" after the plan it rests on: it reports on that plan
    ("report: sơ kết after Căn cứ", _REPORT + "Căn cứ Kế hoạch số 35/KH-UBND ngày 15/01/2025 của UBND tỉnh về cải cách "
     "hành chính năm 2025, UBND xã báo cáo sơ kết như sau:\nI. KẾT QUẢ\n",
     lambda r: _rel(r, "35/KH-UBND") == "reports_on"),
    ("guard: Căn cứ a letter in a report", _REPORT + "Căn cứ Công văn số 1876/UBND-KT ngày 08/9/2025 của UBND tỉnh, UBND "
     "xã báo cáo tổng kết như sau:\nI. KẾT QUẢ\n",
     lambda r: _rel(r, "1876/UBND-KT") == "based_on"),
    # ", UBND xã ban hành …" after a citation is this document's own clause: what follows is not the cited text's subject
    ("own clause: issues a plan carrying X out", _PLAN + "Căn cứ Kế hoạch số 145/KH-UBND ngày 12/8/2025 của UBND tỉnh, "
     "UBND xã ban hành Kế hoạch thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị như sau:\nI. MỤC ĐÍCH\n",
     lambda r: (_rel(r, "145/KH-UBND"), _rel(r, "57-NQ/TW"), len(r.derived)) == ("based_on", "implements", 0)),
    ("own clause: amends", _PLAN + "Căn cứ Công văn số 6123/BNV-CQĐP ngày 20/9/2025 của Bộ Nội vụ, UBND xã sửa đổi, bổ sung "
     "Kế hoạch số 25/KH-UBND ngày 15/8/2025 như sau:\nI. MỤC ĐÍCH\n",
     lambda r: (_rel(r, "6123/BNV-CQĐP"), _rel(r, "25/KH-UBND"), len(r.derived)) == ("based_on", "amends", 0)),
    ("own clause: carries out", _PLAN + "Thực hiện Kế hoạch số 145/KH-UBND ngày 12/8/2025 của UBND tỉnh, Ủy ban nhân dân xã "
     "triển khai thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị như sau:\nI. MỤC ĐÍCH\n",
     lambda r: (_rel(r, "145/KH-UBND"), _rel(r, "57-NQ/TW"), len(r.derived)) == ("implements", "implements", 0)),
    ("guard: the cited plan's own subject", _PLAN + "Thực hiện Kế hoạch số 145/KH-UBND ngày 12/8/2025 của UBND tỉnh về "
     "triển khai thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị, UBND xã ban hành Kế hoạch như sau:\nI. MỤC ĐÍCH\n",
     lambda r: (_rel(r, "145/KH-UBND"), _rel(r, "57-NQ/TW"), len(r.derived)) == ("implements", "cites", 1)),
    ("guard: units given a task in the subject", _PLAN + "Thực hiện Kế hoạch số 145/KH-UBND ngày 12/8/2025 của UBND tỉnh "
     "về việc giao Sở Nội vụ, UBND các xã triển khai thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị, UBND xã "
     "ban hành Kế hoạch như sau:\nI. MỤC ĐÍCH\n",
     lambda r: (_rel(r, "145/KH-UBND"), _rel(r, "57-NQ/TW"), len(r.derived)) == ("implements", "cites", 1)),
    # a letter that is a report ("…, UBND xã báo cáo kết quả thực hiện như sau") reports on the plan it rests on, and
    # one that asks others for reports does not
    ("letter that is a report", _letter("UBND XÃ ĐÔNG SƠN", "145/UBND-VP", "V/v báo cáo kết quả thực hiện Kế hoạch số "
     "82/KH-UBND", "Đông Sơn, ngày 25 tháng 9 năm 2025") + "Kính gửi: Sở Nội vụ tỉnh Quảng Ngãi.\nThực hiện Kế hoạch số "
     "82/KH-UBND ngày 12/3/2025 của UBND tỉnh, UBND xã Đông Sơn báo cáo kết quả thực hiện như sau:\n1. Nội dung.\n",
     lambda r: _rel(r, "82/KH-UBND") == "reports_on"),
    ("guard: letter asking for reports", _letter("UBND TỈNH AN GIANG\nSỞ NỘI VỤ", "901/SNV-CCHC", "V/v báo cáo kết quả "
     "thực hiện Kế hoạch số 82/KH-UBND", "An Giang, ngày 03 tháng 11 năm 2025") + "Kính gửi: UBND các xã, phường.\nThực "
     "hiện Kế hoạch số 82/KH-UBND ngày 12/3/2025 của UBND tỉnh, Sở Nội vụ đề nghị UBND các xã, phường báo cáo kết quả thực "
     "hiện như sau:\n1. Nội dung.\n", lambda r: _rel(r, "82/KH-UBND") == "implements"),
    # a report whose title names what it is on: the letter or guidance its opening carries out asked for it
    ("report titled on X, opening on the request", _REPORT.replace("Tình hình chuyển đổi số năm 2025", "Sơ kết 05 năm "
     "thực hiện Chỉ thị số 35-CT/TW ngày 30/5/2019 của Bộ Chính trị") + "Thực hiện Hướng dẫn số 12-HD/BTGTU ngày "
     "10/5/2024 của Ban Tuyên giáo Tỉnh ủy, UBND xã báo cáo kết quả như sau:\nI. KẾT QUẢ\n",
     lambda r: (_rel(r, "35-CT/TW"), _rel(r, "12-HD/BTGTU")) == ("reports_on", "implements")),
    ("guard: report titled on X, opening on a plan", _REPORT.replace("Tình hình chuyển đổi số năm 2025", "Sơ kết 05 năm "
     "thực hiện Chỉ thị số 35-CT/TW ngày 30/5/2019 của Bộ Chính trị") + "Thực hiện Kế hoạch số 12/KH-UBND ngày 10/5/2020 "
     "của UBND tỉnh, UBND xã báo cáo kết quả như sau:\nI. KẾT QUẢ\n",
     lambda r: (_rel(r, "35-CT/TW"), _rel(r, "12/KH-UBND")) == ("reports_on", "reports_on")),
    # a full stop inside a line ends the sentence when a word in small letters precedes it and a capital follows:
    # the opening's cue does not reach the next sentence
    ("prose stop ends a cue's reach", _letter("ĐẢNG BỘ TỈNH NGHỆ AN\nTỈNH ỦY", "1520-CV/TU", "V/v triển khai Chỉ thị",
     "Nghệ An, ngày 12 tháng 5 năm 2025") + "Triển khai Chỉ thị số 45-CT/TW ngày 14/4/2025 của Bộ Chính trị, Ban Thường "
     "vụ Tỉnh ủy yêu cầu các cấp ủy tổ chức quán triệt. Các nội dung thực hiện theo Hướng dẫn số 26-HD/BTCTW ngày "
     "15/4/2025 của Ban Tổ chức Trung ương.\n",
     lambda r: (_rel(r, "45-CT/TW"), _rel(r, "26-HD/BTCTW")) == ("implements", "cites")),
    ("guard: TP. in a sentence", _PLAN + "Thực hiện Kế hoạch số 12/KH-UBND ngày 10/5/2025 của UBND TP. Hồ Chí Minh "
     "và Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị, UBND xã ban hành Kế hoạch như sau:\nI. MỤC ĐÍCH\n",
     lambda r: (_rel(r, "12/KH-UBND"), _rel(r, "57-NQ/TW")) == ("implements", "implements")),
    # a commune's header whose name only its marks tell apart ("XA BA TO": Ba Tơ or Ba Tô) keeps the body as written:
    # its number is the commune's (scope unknown), never the province's
    ("commune named only by its marks", "ỦY BAN NHÂN DÂN\nXÃ BA TƠ\n" + _MOTTO + "Số: 30/QĐ-UBND\nBa Tơ, ngày 10 tháng 8 "
     "năm 2025\nQUYẾT ĐỊNH\nVề việc thành lập Ban Chỉ đạo chuyển đổi số\nCăn cứ Kế hoạch số 145/KH-UBND ngày 12/8/2025 "
     "của UBND tỉnh;\nQUYẾT ĐỊNH:\nĐiều 1. Thành lập Ban Chỉ đạo.\n",
     lambda r: r.document.issuer is not None and r.document.issuer.province == "Quảng Ngãi"
     and r.document.issuer.level == "commune" and not r.document.key.endswith("@quang-ngai")),
    # OCR reads a word-initial "Đ" as B, P or 0: in a Party header's "ĐẢNG BỘ TỈNH …" and in a district's name
    ("Party header's Đ read as P", "PANG BO TINH QUANG NGAI\nTINH UY\n*\nSo 210-BC/TU\nPANG CONG SAN VIET NAM\n"
     "Quang Ngai, ngay 30 thang 10 nam 2025\nBAO CAO\nSo ket cong tac\nNoi dung.\n",
     lambda r: r.document.issuer is not None and r.document.issuer.id == "party:51:tinh-uy"),
    ("Party header's Đ read as B", "BANG BO TINH NGHE AN\nTINH UY\n*\nSo 1520-CV/TU\nV/v trien khai\nBANG CONG SAN VIET "
     "NAM\nNghe An, ngay 12 thang 5 nam 2025\nKinh gui: Cac dang uy truc thuoc.\nNoi dung.\n",
     lambda r: r.document.issuer is not None and r.document.issuer.id == "party:40:tinh-uy"),
    ("district's Đ read as B", "UY BAN NHAN DAN\nHUYEN BAK HA\n" + _MOTTO + "So: 120/KH-UBND\nBak Ha, ngay 12 thang 4 nam "
     "2024\nKE HOACH\nTrien khai De an 06\nNoi dung.\n",
     lambda r: r.document.key == "120/KH-UBND@2024@kon-tum/huyen-dak-ha"),
    # an article of this document's own that amends with "Sửa đổi" or "Bổ sung" alone, at its line's start
    ("article: Sửa đổi a provision of X", _DECISION + "Điều 1. Phê duyệt danh sách.\nĐiều 2. Sửa đổi khoản 2 Điều 1 Quyết "
     "định số 50/QĐ-UBND ngày 15/7/2025 của Chủ tịch UBND xã như sau: …\n", lambda r: _rel(r, "50/QĐ-UBND") == "amends"),
    ("article: Bổ sung X", _DECISION + "Điều 1. Bổ sung Quyết định số 50/QĐ-UBND ngày 15/7/2025 của Chủ tịch UBND xã như "
     "sau: …\n", lambda r: _rel(r, "50/QĐ-UBND") == "amends"),
    ("guard: a proposal to amend, mid-sentence", _REPORT + "I. KIẾN NGHỊ\nĐề nghị UBND tỉnh xem xét sửa đổi Quyết định số "
     "50/QĐ-UBND ngày 15/7/2025 của UBND tỉnh cho phù hợp.\n", lambda r: _rel(r, "50/QĐ-UBND") == "cites"),
    ("guard: a plan's task that adds to X", _PLAN + "II. NỘI DUNG\nBổ sung các nhiệm vụ tại Kế hoạch số 12/KH-UBND ngày "
     "10/5/2025 của UBND tỉnh vào chương trình công tác.\n", lambda r: _rel(r, "12/KH-UBND") != "amends"),
    # a report's closing sentence names what it reports on
    ("report's closing sentence", _REPORT + "I. TÌNH HÌNH\nNội dung.\nII. KIẾN NGHỊ\nNội dung.\nTrên đây là báo cáo kết quả "
     "thực hiện Kế hoạch số 82/KH-UBND ngày 12/3/2025 của UBND tỉnh của UBND xã./.\n",
     lambda r: _rel(r, "82/KH-UBND") == "reports_on"),
    ("guard: closing sentence of a plan", _PLAN + "I. MỤC ĐÍCH\nNội dung.\nTrên đây là Kế hoạch thực hiện Kế hoạch số "
     "82/KH-UBND ngày 12/3/2025 của UBND tỉnh./.\n", lambda r: _rel(r, "82/KH-UBND") != "reports_on"),
    # a title's verb ("Về việc bãi bỏ văn bản") does not reach over the next line's cue to the basis it names
    ("title's verb, then a Căn cứ line", _DECISION.replace("Phê duyệt danh sách hộ nghèo năm 2025", "Về việc bãi bỏ văn bản")
     .replace("CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ SƠN TỊNH\n", "")
     .replace("Căn cứ Nghị định", "Căn cứ Nghị quyết số 1680/NQ-UBTVQH15 ngày 16/6/2025 của Ủy ban Thường vụ Quốc hội;\n"
              "Căn cứ Nghị định") + "Điều 1. Bãi bỏ Quyết định số 12/QĐ-UBND ngày 10/2/2020 của UBND xã.\n",
     lambda r: (_rel(r, "1680/NQ-UBTVQH15"), _rel(r, "07/2021/NĐ-CP"), _rel(r, "12/QĐ-UBND"))
     == ("based_on", "based_on", "repeals")),
    # "thay thế các Quyết định: số A …; số B …": every bare "số" of the list on the verb's line
    ("replaces a list of bare numbers", _DECISION + "Điều 1. Quyết định này thay thế các Quyết định: số 30/QĐ-UBND ngày "
     "01/5/2023 về quy chế làm việc; số 31/QĐ-UBND ngày 02/5/2023 về phân công nhiệm vụ của UBND xã.\n",
     lambda r: (_rel(r, "30/QĐ-UBND"), _rel(r, "31/QĐ-UBND")) == ("amends", "amends")),
    ("replaces a list, its lines wrapped", _DECISION + "Điều 1. Quyết định này thay thế các Quyết định: so 30/QĐ-UBND ngày "
     "01/5/2023 về quy chế\nlàm việc; s0 31/QĐ-UBND ngày 02/5/2023 về phân công nhiệm vụ của UBND xã.\n",
     lambda r: (_rel(r, "30/QĐ-UBND"), _rel(r, "31/QĐ-UBND")) == ("amends", "amends")),
    ("guard: a new article after a replaced item", _DECISION + "Điều 1. Quyết định này thay thế Quyết định số 30/QĐ-UBND ngày "
     "01/5/2023 của UBND xã;\nĐiều 2. số 31/QĐ-UBND ngày 02/5/2023 của UBND xã vẫn có hiệu lực.\n",
     lambda r: (_rel(r, "30/QĐ-UBND"), _rel(r, "31/QĐ-UBND")) == ("amends", "cites")),
    ("guard: after a replaced item, a basis", _DECISION + "Điều 1. Quyết định này thay thế Quyết định số 30/QĐ-UBND ngày "
     "01/5/2023 của UBND xã; căn cứ Quyết định số 31/QĐ-UBND ngày 02/5/2023 của UBND tỉnh.\n",
     lambda r: (_rel(r, "30/QĐ-UBND"), _rel(r, "31/QĐ-UBND")) == ("amends", "cites")),
    # a draft that would amend ("góp ý dự thảo Quyết định sửa đổi, bổ sung X"): neither this letter nor the one it answers does
    ("a draft that would amend", _letter("UBND TỈNH QUẢNG NGÃI\nSỞ NỘI VỤ", "1200/SNV-CCVC", "V/v góp ý dự thảo Quyết định "
     "sửa đổi, bổ sung Quyết định số 15/2024/QĐ-UBND", "Quảng Ngãi, ngày 10 tháng 9 năm 2025") + "Kính gửi: Sở Tư pháp.\n"
     "Phúc đáp Công văn số 800/STP-XDKTVB ngày 01/9/2025 của Sở Tư pháp về việc góp ý dự thảo Quyết định sửa đổi, bổ sung "
     "Quyết định số 15/2024/QĐ-UBND ngày 10/5/2024 của UBND tỉnh, Sở Nội vụ thống nhất.\n",
     lambda r: _rel(r, "15/2024/QĐ-UBND") == "cites" and not r.derived),
    ("Party number's digits split", "ĐẢNG BỘ TỈNH ĐỒNG THÁP\nTỈNH ỦY\n*\nSố 2 10 -BClTU\nĐẢNG CỘNG SẢN VIỆT NAM\nĐồng "
     "Tháp, ngày 15 tháng 8 năm 2025\nBÁO CÁO\nSơ kết công tác\nNội dung.\n",
     lambda r: (r.document.number, r.document.symbol) == ("210", "BC/TU")),
    ("guard: a Party number whole", "ĐẢNG BỘ TỈNH ĐỒNG THÁP\nTỈNH ỦY\n*\nSố 08-CTr/TU\nĐẢNG CỘNG SẢN VIỆT NAM\nĐồng "
     "Tháp, ngày 15 tháng 8 năm 2025\nCHƯƠNG TRÌNH\nHành động\nNội dung.\n",
     lambda r: (r.document.number, r.document.symbol) == ("08", "CTr/TU")),
    # type words as OCR reads them: "ô" as "é" ("Théng báo", "Théng tư"), "ươ" as "ud" ("Chudng trình", "Hudng dẫn")
    ("type words: ô read é, ươ read ud", _PLAN + "Thực hiện ý kiến chỉ đạo của Thường trực Tỉnh ủy tại Théng bao so 125-TB/TU "
     "ngày 29/9/2025; Chudng trinh hành dong sd 12-CTr/TU ngày 20/3/2025 của Ban Chấp hành Đảng bộ tỉnh, UBND xã ban hành "
     "Kế hoạch như sau:\nI. MỤC ĐÍCH\n", lambda r: (_rel(r, "125-TB/TU"), _rel(r, "12-CTr/TU")) == ("implements", "implements")),
    ("article amends, its Đ read as B", _DECISION + "Biều 1. Phê duyệt danh sách.\nBiều 2. Sua ddi khoan 2 Piều 1 Quyết định "
     "số 50/QĐ-UBND ngày 15/7/2025 của Chủ tịch UBND xã như sau: …\n", lambda r: _rel(r, "50/QĐ-UBND") == "amends"),
    # a letter whose "V/v" subject carries X out implements X; not a draft's, a report's or a review's subject
    ("letter's V/v carries X out", _letter("UBND TỈNH QUẢNG NGÃI\nSỞ Y TẾ", "1520/SYT-NVY", "V/v triển khai Kế hoạch số "
     "82/KH-UBND\nngày 12/3/2025 của UBND tỉnh", "Quảng Ngãi, ngày 05 tháng 8 năm 2025") + "Kính gửi: Các đơn vị.\nSở Y tế "
     "đề nghị các đơn vị triển khai.\n", lambda r: _rel(r, "82/KH-UBND") == "implements"),
    ("guard: V/v comments on a draft", _letter("UBND TỈNH QUẢNG NGÃI\nSỞ Y TẾ", "1520/SYT-NVY", "V/v góp ý dự thảo Kế hoạch "
     "thực hiện Nghị quyết số 57-NQ/TW", "Quảng Ngãi, ngày 05 tháng 8 năm 2025") + "Kính gửi: Sở Khoa học và Công nghệ.\nSở "
     "Y tế thống nhất với dự thảo.\n", lambda r: _rel(r, "57-NQ/TW") == "cites"),
    # a header flattened on one line: the province and its body on one agency line
    ("province and body on one line", "UBND TỈNH QUẢNG NGÃI SỞ Y TẾ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - "
     "Hạnh phúc Số: 1520/SYT-NVY Quảng Ngãi, ngày 05 tháng 8 năm 2025 V/v triển khai công tác\nKính gửi: Các đơn vị.\n"
     "Nội dung.\n", lambda r: r.document.issuer is not None and r.document.issuer.id == "dept:51:so-y-te"),
    ("province and body on one line, before July 2025", "UBND TỈNH KON TUM SỞ Y TẾ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc "
     "lập - Tự do - Hạnh phúc Số: 1520/SYT-NVY Kon Tum, ngày 05 tháng 8 năm 2024 V/v triển khai công tác\nKính gửi: Các "
     "đơn vị.\nNội dung.\n", lambda r: r.document.key == "1520/SYT-NVY@2024@kon-tum"),
    # "Ngày 10/9/2025, …" opening the next line is that sentence's date, not the date of the citation before it
    ("next sentence's date after a title", "ĐẢNG BỘ TỈNH QUẢNG NGÃI\nĐẢNG ỦY XÃ SƠN MAI\n*\nSố 25-TB/ĐU\nĐẢNG CỘNG SẢN VIỆT "
     "NAM\nSơn Mai, ngày 12 tháng 9 năm 2025\nTHÔNG BÁO\nKết luận về triển khai Nghị quyết số 57-NQ/TW\nNgày 10/9/2025, "
     "Ban Thường vụ Đảng ủy xã họp. Ban Thường vụ kết luận như sau:\n1. Nội dung.\n",
     lambda r: set(_keyed(r)) == {"57-NQ/TW@?"}),
    ("guard: a wrapped date with a comma", _PLAN + "Thực hiện Kế hoạch số 82/KH-UBND\nngày 12/3/2025, UBND xã ban hành Kế "
     "hoạch như sau:\nI. MỤC ĐÍCH\n", lambda r: [x.target.date for x in r.references] == ["2025-03-12"]),
    # a commune's office or Party committee numbers its papers in its commune
    ("commune Party committee's paper", "ĐẢNG BỘ TỈNH QUẢNG NGÃI\nĐẢNG ỦY XÃ SƠN MAI\n*\nSố 25-TB/ĐU\nĐẢNG CỘNG SẢN VIỆT "
     "NAM\nSơn Mai, ngày 12 tháng 9 năm 2025\nTHÔNG BÁO\nKết luận\nBan Thường vụ họp nghe báo cáo kết quả thực hiện Kế "
     "hoạch số 12-KH/ĐU ngày 01/8/2025 của Ban Thường vụ Đảng ủy xã. Kết luận như sau:\n1. Nội dung.\n",
     lambda r: set(_keyed(r)) == {"12-KH/ĐU@2025@quang-ngai/son-mai"}),
    # "của Giám đốc Công an tỉnh tại Tờ trình số …": the body its head speaks for issued it
    ("head of a body before the proposal", _PROVINCE_DECISION + "Xét đề nghị của Giám đốc Công an tỉnh tại Tờ trình số "
     "150/TTr-CAT ngày 10/8/2025,\nQUYẾT ĐỊNH:\nĐiều 1. Nội dung.\n",
     lambda r: set(_keyed(r)) == {"150/TTr-CAT@2025@quang-ngai"}),
    ("head of a body: Chánh Văn phòng", _PROVINCE_DECISION + "Theo đề nghị của Chánh Văn phòng UBND tỉnh tại Tờ trình số "
     "150/TTr-VP ngày 10/8/2025,\nQUYẾT ĐỊNH:\nĐiều 1. Nội dung.\n",
     lambda r: set(_keyed(r)) == {"150/TTr-VP@2025@quang-ngai"}),
    # "Theo đề nghị của … tại Công văn số …": the proposal, as "… tại Tờ trình số …"
    ("proposal made in a letter", _PROVINCE_DECISION + "Theo đề nghị của Sở Tài chính tại Công văn số 250/STC-QLG ngày "
     "01/10/2025,\nQUYẾT ĐỊNH:\nĐiều 1. Nội dung.\n", lambda r: _rel(r, "250/STC-QLG") == "based_on"),
    # the opening's cue is for the first citation; a later one that another body "đã ban hành" is only cited
    ("another body's plan in the opening", _PLAN + "Thực hiện Kế hoạch số 145/KH-UBND ngày 12/8/2025 của UBND tỉnh, Sở Nội vụ "
     "đã ban hành Kế hoạch số 20/KH-SNV ngày 20/8/2025 triển khai; UBND xã ban hành Kế hoạch như sau:\nI. MỤC ĐÍCH\n",
     lambda r: (_rel(r, "145/KH-UBND"), _rel(r, "20/KH-SNV")) == ("implements", "cites")
     and [(d.source.label, d.relation, d.target.label) for d in r.derived] == [("20/KH-SNV", "implements", "145/KH-UBND")]),
    # a report whose title reviews how a law was carried out reports on that law, cited in it by number or name
    ("report on a law named in its title", "BỘ TƯ PHÁP\n" + _MOTTO + "Số: 245/BC-BTP\nHà Nội, ngày 20 tháng 8 năm 2024\n"
     "BÁO CÁO\nTổng kết 10 năm thi hành Luật Hộ tịch\nI. TÌNH HÌNH THI HÀNH\nLuật Hộ tịch số 60/2014/QH13 được Quốc hội "
     "thông qua ngày 20 tháng 11 năm 2014. Nghị định số 123/2015/NĐ-CP ngày 15/11/2015 của Chính phủ quy định chi tiết "
     "Luật Hộ tịch đã được ban hành kịp thời.\n",
     lambda r: (_rel(r, "60/2014/QH13"), _rel(r, "123/2015/NĐ-CP")) == ("reports_on", "cites")),
    ("guard: a report's title names no law", "BỘ TƯ PHÁP\n" + _MOTTO + "Số: 246/BC-BTP\nHà Nội, ngày 20 tháng 8 năm 2024\n"
     "BÁO CÁO\nTổng kết công tác năm 2024\nI. TÌNH HÌNH THI HÀNH\nLuật Hộ tịch số 60/2014/QH13 tiếp tục được thi hành.\n",
     lambda r: _rel(r, "60/2014/QH13") == "cites"),
    # a letter that is itself a report, its subject "báo cáo kết quả thực hiện X": it reports on X
    ("a letter that reports", _letter("UBND TỈNH QUẢNG TRỊ\nSỞ TÀI CHÍNH", "2345/STC-NS", "V/v báo cáo kết quả thực hiện "
     "Kế hoạch số 112/KH-UBND ngày 15/3/2025 của UBND tỉnh", "Quảng Trị, ngày 10 tháng 10 năm 2025")
     + "Kính gửi: Ủy ban nhân dân tỉnh.\nThực hiện Công văn số 4567/UBND-KT ngày 01/10/2025 của UBND tỉnh, Sở Tài chính "
     "báo cáo như sau:\n1. Kết quả.\n",
     lambda r: (_rel(r, "112/KH-UBND"), _rel(r, "4567/UBND-KT")) == ("reports_on", "implements")),
    ("guard: a letter asking for that report", _letter("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG TRỊ", "4567/UBND-KT",
     "V/v báo cáo kết quả thực hiện Kế hoạch số 112/KH-UBND ngày 15/3/2025 của UBND tỉnh",
     "Quảng Trị, ngày 01 tháng 10 năm 2025") + "Kính gửi: Các sở, ban, ngành tỉnh.\nChủ tịch UBND tỉnh đề nghị các sở, "
     "ban, ngành báo cáo kết quả thực hiện như sau:\n1. Nội dung.\n",
     lambda r: _rel(r, "112/KH-UBND") != "reports_on"),
    # "Theo yêu cầu của … tại Công văn số …" in a report: the request it answers; what it reports on is named after
    ("a report made as requested", _REPORT + "Theo yêu cầu của Sở Nội vụ tại Công văn số 300/SNV-CCHC ngày 01/11/2025, UBND xã "
     "báo cáo kết quả thực hiện Kế hoạch số 82/KH-UBND ngày 24/4/2025 của UBND tỉnh như sau:\nI. KẾT QUẢ\n",
     lambda r: (_rel(r, "300/SNV-CCHC"), _rel(r, "82/KH-UBND")) == ("implements", "reports_on")),
    # a province's report naming the commune that issued each plan: "xã Tịnh Khê ban hành …", "UBND xã Sơn Mai đã ban
    # hành …" (the commune's, numbered in it); "các xã ban hành …" names none
    ("communes that issued the plans a report lists", _PROVINCE_REPORT + "I. KẾT QUẢ\n1. Riêng xã Tịnh Khê ban hành Kế hoạch "
     "số 12/KH-UBND ngày 15/9/2025; UBND xã Sơn Mai đã ban hành Kế hoạch số 14/KH-UBND ngày 16/9/2025; các xã ban hành Kế "
     "hoạch số 15/KH-UBND ngày 01/9/2025.\n",
     lambda r: {x.target.label: x.target.key.split("@", 2)[2] for x in r.references} == {
         "12/KH-UBND": "quang-ngai/tinh-khe", "14/KH-UBND": "quang-ngai/son-mai", "15/KH-UBND": "quang-ngai"}),
    ("guard: two carried out together", _PLAN + "Thực hiện Kế hoạch số 145/KH-UBND ngày 12/8/2025 của UBND tỉnh và Kế hoạch số "
     "20/KH-SNV ngày 20/8/2025 của Sở Nội vụ, UBND xã ban hành Kế hoạch như sau:\nI. MỤC ĐÍCH\n",
     lambda r: (_rel(r, "145/KH-UBND"), _rel(r, "20/KH-SNV")) == ("implements", "implements")),
]


@pytest.mark.parametrize("variant", ["clean", "no diacritics"])
@pytest.mark.parametrize("name,text,check", CLASSES, ids=[c[0] for c in CLASSES])
def test_letter_report_classes(name: str, text: str, check: Check, variant: str) -> None:
    r = _read(text, variant)
    assert check(r), (name, variant, r.document.key, _keyed(r))
