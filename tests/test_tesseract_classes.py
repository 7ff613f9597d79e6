"""What Tesseract (``vie``) does to plans, letters, reports, decisions and resolutions, class by class: each row is
an invented text as Tesseract reads a printed page, read with its marks and without them."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from luocdo.core.fold import fold
from luocdo.core.model import DocumentRecord
from luocdo.loaders.patterns import stray_stops_blanked
from tests.test_unseen_classes import _keyed, _read

Check = Callable[[DocumentRecord], bool]

PLAN = ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH TUYÊN QUANG Độc lập - Tự do - Hạnh phúc\n"
        "Số: 145/KH-UBND Tuyên Quang, ngày 18 tháng 8 năm 2025\nKẾ HOẠCH\nTriển khai công tác chuyển đổi số\n\n")
DECISION = ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH TUYÊN QUANG Độc lập - Tự do - Hạnh phúc\n"
            "Số: 327/QĐ-UBND Tuyên Quang, ngày 26 tháng 8 năm 2025\nQUYẾT ĐỊNH\n")
RESOLUTION = ("HỘI ĐỒNG NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nTỈNH ĐẮK LẮK Độc lập - Tự do - Hạnh phúc\n\n"
              "Số: 31/2024/NQ-HĐND Đắk Lắk, ngày 10 tháng 12 năm 2024\nNGHỊ QUYẾT\nQuy định chính sách hỗ trợ phát triển "
              "khoa học, công nghệ\nvà đổi mới sáng tạo trên địa bàn tỉnh\nHỘI ĐỒNG NHÂN DÂN TỈNH ĐẮK LẮK\nKHÓA X, KỲ HỌP "
              "THỨ MƯỜI CHÍN\n\nCăn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6\nnăm 2015;\n\n")
REPORT = ("UBND TỈNH QUẢNG NGÃI CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nSỞ KHOA HỌC VÀ CÔNG NGHỆ Độc lập - Tự do - Hạnh phúc\n"
          "Số: 305/BC-SKHCN Quảng Ngãi, ngày 10 tháng 11 năm 2025\nBÁO CÁO\nKết quả công tác khoa học và công nghệ\n\n")


def _refs(*pairs: tuple[str, str]) -> Check:
    """The references by key without the scope, which the lost marks may move (Tuyên Quang or Tuyên Quảng)."""
    want = dict(pairs)
    return lambda r: {k.split("@")[0]: v for k, v in _keyed(r).items()} == want


def _letter_head(subject: str) -> str:
    return (f"ỦY BAN NHÂN DÂN\nTỈNH TUYÊN QUANG\nSố: 2310/UBND-KGVX\n{subject}\nTuyên Quang, ngày 05 tháng 9 năm 2025\n")


CLASSES: list[tuple[str, str, Check]] = [
    # the thin hyphen of a symbol lost between a type code and a known issuer: "07/CTTTg", "12/2024/TTBKHCN", "57-NQTW"
    ("hyphen lost, administrative", PLAN + "Thực hiện Chỉ thị số 07/CTTTg ngày 14/3/2023 của Thủ tướng Chính phủ, UBND "
     "tỉnh ban hành Kế hoạch như sau:\n", _refs(("07/CT-TTg", "implements"))),
    ("hyphen lost, normative", PLAN + "Căn cứ Thông tư số 12/2024/TTBKHCN ngày 30/10/2024 của Bộ Khoa học và Công nghệ;\n",
     _refs(("12/2024/TT-BKHCN", "based_on"))),
    ("hyphen lost, Party", PLAN + "Thực hiện Nghị quyết số 57-NQTW ngày 22/12/2024 của Bộ Chính trị, UBND tỉnh ban hành "
     "Kế hoạch như sau:\n", _refs(("57-NQ/TW", "implements"))),
    ("hyphen lost, own number", PLAN.replace("145/KH-UBND", "145/KHUBND") + "Nội dung.\n",
     lambda r: (r.document.number, r.document.symbol) == ("145", "KH-UBND")),
    # "số" glued to its number: "số57-NQ/TW" is 57, not 7 ("s6 57", "so0 57": a digit read for "ố" before a space)
    ("số glued to its number", PLAN + "Thực hiện Nghị quyết số57-NQ/TW ngày 22/12/2024 của Bộ Chính trị; Nghị quyết s6 "
     "71/NQ-CP ngày 01/4/2025 của Chính phủ, UBND tỉnh ban hành Kế hoạch như sau:\n",
     _refs(("57-NQ/TW", "implements"), ("71/NQ-CP", "implements"))),
    # a code's letters with tone marks the language model put on them, "W" read as "VV"
    ("tone marks and VV in a code", PLAN + "Thực hiện Kế hoạch số 359-KH/TỤ ngày 29/4/2025 của Ban Thường vụ Tỉnh ủy; Nghị "
     "quyết số 57-NQ/TVV ngày 22/12/2024 của Bộ Chính trị, UBND tỉnh ban hành Kế hoạch như sau:\n",
     _refs(("359-KH/TU", "implements"), ("57-NQ/TW", "implements"))),
    # a Party number's hyphen lost, a space in its place, after its type word and "số"
    ("a Party number's hyphen lost", PLAN + "Thực hiện Kế hoạch số 359 KH/TU ngày 29/4/2025 của Ban Thường vụ Tỉnh ủy; Nghị "
     "quyết số 57 NQ/TW ngày 22/12/2024 của Bộ Chính trị, UBND tỉnh ban hành Kế hoạch như sau:\n",
     _refs(("359-KH/TU", "implements"), ("57-NQ/TW", "implements"))),
    # a "." read for the hyphen: "82/KH.UBND", "1852/STTTT.CĐS"
    ("dot for the hyphen", PLAN + "Thực hiện Kế hoạch số 82/KH.UBND ngày 12/3/2025 của UBND tỉnh; Công văn số "
     "1852/STTTT.BCVT ngày 02/10/2025 của Sở Thông tin và Truyền thông, UBND tỉnh ban hành Kế hoạch như sau:\n",
     _refs(("82/KH-UBND", "implements"), ("1852/STTTT-BCVT", "implements"))),
    ("dot for the hyphen, own number", PLAN.replace("145/KH-UBND", "145/KH.UBND") + "Nội dung.\n",
     lambda r: (r.document.number, r.document.symbol) == ("145", "KH-UBND")),
    # the hyphen read as a colon, an apostrophe or a letter: "20/CT:TTg", "20/CT'TTg", "20/CTETTg"
    *((f"hyphen read as {sep!r}", PLAN + f"Thực hiện Chỉ thị số 20/CT{sep}TTg ngày 12/6/2025 của Thủ tướng Chính phủ, UBND "
       "tỉnh ban hành Kế hoạch như sau:\n", _refs(("20/CT-TTg", "implements"))) for sep in (":", "'", "E")),
    # "T" read as "F", a letter Vietnamese does not write: "20/CT-FTG"
    ("F for T", PLAN + "Thực hiện Chỉ thị số 20/CT-FTG ngày 12/6/2025 của Thủ tướng Chính phủ, UBND tỉnh ban hành Kế hoạch "
     "như sau:\n", _refs(("20/CT-TTg", "implements"))),
    # a date's month split by a space: "22/1 2/2024"
    ("a date's digits split", PLAN + "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/1 2/2024 của Bộ Chính trị;\n",
     lambda r: [(x.target.key, x.target.date) for x in r.references] == [("57-NQ/TW@2024", "2024-12-22")]),
    # "Đ" read twice in an issuer's code: "05-CTr/ÐĐU"
    ("Đ read twice in an issuer's code", "ĐẢNG BỘ TỈNH LÂM ĐỒNG ĐẢNG CỘNG SẢN VIỆT NAM\nĐẢNG ỦY XÃ LẠC DƯƠNG\n*\nSố "
     "05-CTr/ÐĐU Lạc Dương, ngày 10 tháng 10 năm 2025\nCHƯƠNG TRÌNH HÀNH ĐỘNG\nthực hiện Nghị quyết Đại hội\n",
     lambda r: r.document.symbol in ("CTr/ĐU", "CTr/DU")),
    # "Đ" read twice, the bar as a glyph of its own: "QĐÐ" (the second an eth)
    ("Đ read twice", PLAN + "Căn cứ Quyết định số 1217/QĐÐ-BNV ngày 15/5/2025 của Bộ Nội vụ;\n",
     _refs(("1217/QĐ-BNV", "based_on"))),
    # digits read as letters in a serif face: "l588", "l3/12/2024", "2O24", "O7/CT-TTg", "tháng l2", "Số: l5/KH-UBND"
    ("l for 1, O for 0", PLAN.replace("145/KH-UBND", "l45/KH-UBND").replace("năm 2025", "năm 2O25") + "Căn cứ Quyết định "
     "số l588/QĐ-TTg ngày l3/12/2024 của Thủ tướng Chính phủ; Nghị quyết số 31/2O24/NQ-HĐND ngày 10/12/2024 của Hội đồng "
     "nhân dân tỉnh; Chỉ thị số O7/CT-TTg ngày 14 tháng l2 năm 2024 của Thủ tướng Chính phủ;\n",
     lambda r: (r.document.number, r.document.date) == ("145", "2025-08-18") and {k.split("@")[0] + "@" + k.split("@")[1]: v
     for k, v in _keyed(r).items()} == {"1588/QĐ-TTg@2024": "based_on", "31/2024/NQ-HĐND@2024": "based_on",
                                        "07/CT-TTg@2024": "based_on"}),
    # a digit of a year misread in a date, when a normative number states the year: "31/2024/NQ-HĐND … năm 2034"
    ("a year's digit misread, own date", RESOLUTION.replace("năm 2024\nNGHỊ QUYẾT", "năm 2034\nNGHỊ QUYẾT") + "Điều 1. Phạm vi\n",
     lambda r: (r.document.year, r.document.date) == (2024, "2024-12-10")),
    ("a year's digit misread, cited date", PLAN + "Căn cứ Nghị quyết số 31/2024/NQ-HĐND ngày 10/12/2034 của Hội đồng nhân dân "
     "tỉnh;\n", lambda r: [(x.target.year, x.target.date) for x in r.references] == [(2024, "2024-12-10")]),
    ("O for 0 in the own number's year", RESOLUTION.replace("31/2024/NQ-HĐND", "31/2O24/NQ-HĐND") + "Điều 1. Phạm vi\n",
     lambda r: (r.document.number, r.document.symbol, r.document.year) in (("31", "2024/NQ-HĐND", 2024),
                                                                          ("31", "2024/NQ-HDND", 2024))),
    # a decision's own list of what it repeals or replaces, its items set apart by blank lines, "2," for "2."
    ("a list of what the decision repeals", DECISION + "Bãi bỏ một số quyết định\nCăn cứ Luật Tổ chức chính quyền địa phương "
     "ngày 16 tháng 6 năm 2025;\nQUYẾT ĐỊNH:\nĐiều 1. Bãi bỏ toàn bộ các quyết định sau:\n\n1. Quyết định số 12/2019/QĐ-UBND "
     "ngày 05/4/2019 của Ủy ban nhân dân tỉnh ban hành Quy chế.\n\n2, Quyết định số 45/2021/QĐ-UBND ngày 18/8/2021 của Ủy "
     "ban nhân dân tỉnh quy định giá dịch vụ.\nĐiều 2. Quyết định này có hiệu lực kể từ ngày ký.\n",
     lambda r: {k.split("@")[0]: v for k, v in _keyed(r).items() if "/" in k}
     == {"12/2019/QĐ-UBND": "repeals", "45/2021/QĐ-UBND": "repeals"}),
    ("a list of what the decision replaces", DECISION + "Ban hành Quy chế\nQUYẾT ĐỊNH:\nĐiều 1. Ban hành Quy chế.\nĐiều 2. "
     "Quyết định này thay thế các văn bản sau:\n- Quyết định số 12/2019/QĐ-UBND ngày 05/4/2019 của Ủy ban nhân dân tỉnh;\n"
     "- Quyết định số 45/2021/QĐ-UBND ngày 18/8/2021 của Ủy ban nhân dân tỉnh.\n",
     _refs(("12/2019/QĐ-UBND", "amends"), ("45/2021/QĐ-UBND", "amends"))),
    # a provincial Party board's number restarts in its province ("15-HD/BTGTU" of the Tỉnh ủy's propaganda board)
    ("a provincial Party board's number is local", PLAN + "Căn cứ Hướng dẫn số 15-HD/BTGTU ngày 10/01/2025 của Ban Tuyên "
     "giáo Tỉnh ủy;\n", lambda r: [x.target.key.split("@", 1)[1] for x in r.references] == ["2025@tuyen-quang"]),
    # a speck read as a stop at a line's end, the sentence going on in small letters on the next line
    ("a stray stop at a line's end", PLAN.replace("TỈNH TUYÊN QUANG", "XÃ LÂM BÌNH").replace("Tuyên Quang, ngày", "Lâm Bình, ngày")
     + "Thực hiện Kế hoạch số 82/KH-UBND ngày 12/3/2025 của UBND.\ntỉnh về truyền thông năm 2025; Kế hoạch số 150/KH-UBND\n"
     "ngày 18/8/2025 của UBND tỉnh, Ủy ban nhân dân xã xây dựng Kế hoạch như sau:\n",
     lambda r: _keyed(r) == {"82/KH-UBND@2025@tuyen-quang": "implements", "150/KH-UBND@2025@tuyen-quang": "implements"}),
    # a letter's opening ending "… một số nội dung sau:" above an item whose "1." was read "1,"
    ("an opening ending with nội dung sau", PLAN.replace("Số: 145/KH-UBND", "Số: 1125/UBND-VP").replace("KẾ HOẠCH\n", "")
     .replace("Triển khai công tác chuyển đổi số", "V/v đẩy mạnh thanh toán không dùng tiền mặt") + "Thực hiện Công văn số "
     "2739/VPCP-KSTT ngày 19/4/2024 của Văn phòng Chính phủ, Ủy ban nhân dân tỉnh yêu cầu các cơ quan, đơn vị triển khai một "
     "số nội dung sau:\n\n1, Quán triệt, thực hiện nghiêm Quyết định số 1813/QĐ-TTg ngày 28/10/2021 của Thủ tướng Chính "
     "phủ.\n2. Báo cáo kết quả trước ngày 30/6/2024.\n",
     _refs(("2739/VPCP-KSTT", "implements"), ("1813/QĐ-TTg", "cites"))),
    # a letter's "V/v" read "V/w", "//v" or "V/", under the date line, "Kính gửi:" on the next line
    *((f"a letter's subject as {vv}", "UBND TỈNH LÂM ĐỒNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSỞ NỘI VỤ Độc lập - Tự do - Hạnh "
       "phúc\nSố: 1456/SNV-CCHC Lâm Đồng, ngày 22 tháng 9 năm 2025\n" + vv + " triển khai đánh giá Chỉ số cải cách hành "
       "chính năm 2025\nKính gửi: Ủy ban nhân dân các xã, phường, đặc khu.\nNội dung.\n",
       lambda r: r.document.type == "CV" and (r.document.title or "").endswith(("năm 2025", "nam 2025")))
      for vv in ("V/v", "V/w", "//v", "V/")),
    ("a stray stop before a citation's date", PLAN + "Căn cứ Quyết định số 1588/QĐ-TTg. ngày 13/12/2024 của Thủ tướng Chính "
     "phủ;\n", lambda r: [(x.target.key, x.target.date) for x in r.references] == [("1588/QĐ-TTg@2024", "2024-12-13")]),
    # a mention dated after the document in a later year: a misread digit, the date left out rather than kept wrong
    ("a cited date after the document's", DECISION + "Ban hành Kế hoạch\nCăn cứ Luật Tổ chức chính quyền địa phương ngày 16 "
     "tháng 6 năm 2028;\nTheo đề nghị của Giám đốc Sở Khoa học và Công nghệ tại Tờ trình số 120/TTr-SKHCN ngày 15/8/2025.\n",
     lambda r: sorted(_keyed(r)) == ["120/TTr-SKHCN@2025@tuyen-quang", "Luật:to-chuc-chinh-quyen-dia-phuong@?"]),
    # a resolution's "Xét Tờ trình …; Báo cáo thẩm tra …" paragraph, set apart by the blank lines OCR puts between
    ("Xét Tờ trình in a paragraph of its own", RESOLUTION + "Xét Tờ trình số 215/TTr-UBND ngày 20 tháng 11 năm 2024 "
     "của\nỦy ban nhân dân tỉnh; Báo cáo thẩm tra số 98/BC-HĐND ngày 02\ntháng 12 năm 2024 của Ban Văn hóa - Xã hội Hội "
     "đồng nhân dân\ntỉnh; ý kiến thảo luận của đại biểu Hội đồng nhân dân tỉnh tại kỳ\nhọp.\n\nQUYẾT NGHỊ:\n\n"
     "Điều 1. Phạm vi điều chỉnh\n", lambda r: {k.split("@")[0]: v for k, v in _keyed(r).items() if "/" in k}
     == {"215/TTr-UBND": "based_on", "98/BC-HĐND": "based_on"}),
    # the authority line under a decision's title ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …") is not the title's; a title
    # ending without a stop does not run its last citation's issuer into the "Căn cứ" line under it
    ("authority line under the title", DECISION + "Ban hành Kế hoạch hành động thực hiện Nghị quyết số 71/NQ-CP\n"
     "ngày 01/4/2025 của Chính phủ\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG\nCăn cứ Luật Tổ chức chính quyền địa "
     "phương ngày 16 tháng 6 năm 2025;\nCăn cứ Nghị quyết số 31/2024/NQ-HĐND ngày 10/12/2024 của Hội đồng nhân dân tỉnh;\n",
     lambda r: r.document.title is not None and r.document.title.endswith(("Chính phủ", "Chinh phu"))
     and any(k.startswith("Luật:to-chuc-chinh-quyen-dia-phuong@2025") for k in _keyed(r))),
    ("authority lines under a resolution's title", RESOLUTION + "Điều 1. Phạm vi\n",
     lambda r: r.document.title is not None and r.document.title.endswith(("trên địa bàn tỉnh", "tren dia ban tinh"))),
    # the ";" ending a "Căn cứ" line lost: the "Thực hiện" line under it opens a clause of its own
    ("a lost ; before Thực hiện", PLAN + "Căn cứ Nghị quyết số 71/NQ-CP ngày 01/4/2025 của Chính phủ sửa đổi, bổ sung "
     "Chương\ntrình hành động của Chính phủ thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính\ntrị\n"
     "Thực hiện Kế hoạch số 359-KH/TU ngày 29/4/2025 của Ban Thường vụ Tỉnh ủy về thực hiện Nghị\nquyết số 57-NQ/TW, "
     "Ủy ban nhân dân tỉnh ban hành Kế hoạch triển khai thực hiện như sau:\nI. MỤC ĐÍCH\n",
     _refs(("71/NQ-CP", "based_on"), ("57-NQ/TW", "cites"), ("359-KH/TU", "implements"))),
    # a report's "…, Sở … báo cáo kết quả thực hiện như sau" wrapped between the comma and "báo cáo"
    ("report's closing words wrapped", REPORT + "Căn cứ Kế hoạch số 145/KH-UBND ngày 18/8/2025 của UBND tỉnh về chuyển "
     "đổi số, Sở\nKhoa học và Công nghệ báo cáo kết quả thực hiện như sau:\n\nI. KẾT QUẢ ĐẠT ĐƯỢC\n",
     _refs(("145/KH-UBND", "reports_on"))),
    # what the plan it reports on carries out is only cited (the plan implements it), wrapped or not
    *((f"what the plan reported on carries out{name}", REPORT + "Thực hiện Kế hoạch số 145/KH-UBND ngày 18/8/2025 của "
       "UBND tỉnh triển khai thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị," + gap + "Sở Khoa học và "
       "Công nghệ báo cáo kết quả thực hiện như sau:\n\nI. KẾT QUẢ ĐẠT ĐƯỢC\n",
       lambda r: _refs(("145/KH-UBND", "reports_on"), ("57-NQ/TW", "cites"))(r)
       and {(d.source.label, d.relation, d.target.label) for d in r.derived} == {("145/KH-UBND", "implements", "57-NQ/TW")})
      for name, gap in (("", " "), (", wrapped", "\n"))),
    # a speck between the motto's last words ("VIỆT.NAM"): the motto, not the issuer's line
    ("a speck in the motto", "BỘ TÀI CHÍNH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT.NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 9821/BTC-NSNN\n"
     "V/v hướng dẫn thực hiện Nghị định số 178/2024/NĐ-CP\nHà Nội, ngày 20 tháng 7 năm 2025\n",
     lambda r: r.document.issuer is not None and r.document.issuer.id == "ministry:bo-tai-chinh"),
    # a letter's "V/v" read "V#"
    ("V/v read V#", "UBND TỈNH QUẢNG TRỊ\nSỞ TÀI CHÍNH\nSố: 2345/STC-NS\nV# triển khai Kế hoạch số 112/KH-UBND ngày 15/3/2025 "
     "của UBND tỉnh\nQuảng Trị, ngày 10 tháng 10 năm 2025\nKính gửi: Các phòng.\n",
     lambda r: r.document.type == "CV" and (r.document.title or "").endswith(("UBND tỉnh", "UBND tinh"))
     and _refs(("112/KH-UBND", "implements"))(r)),
    # "triển khai" with a letter dropped: "trên khai", "Thển khai"
    *((f"triển khai read {cue}", PLAN + f"{cue} Kế hoạch số 45/KH-UBND ngày 20/3/2025 của UBND tỉnh, UBND tỉnh ban hành Kế "
       "hoạch như sau:\n", _refs(("45/KH-UBND", "implements"))) for cue in ("Thển khai", "Trên khai")),
    # a law's header as Tesseract reads a scan: the rule under its body read as letters ("xeseeesese="), "Luật số." with a
    # stop, a speck after the colon, the number on the line after a blank one, " -" at its end
    *((f"a law's header read from a scan ({n})", f"QUỐC HỘI -------\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - "
       f"Hạnh phúc\n{line}\n\nHà Nội, ngày 19 tháng 6 năm 2015 LUẬT TỔ CHỨC CHÍNH QUYỀN ĐỊA PHƯƠNG\nCăn cứ Hiến pháp nước "
       "Cộng hòa xã hội chủ nghĩa Việt Nam;\n",
       lambda r: (r.document.key, r.document.issuer.id if r.document.issuer else None) == (
           "77/2015/QH13@2015", "central:quoc-hoi"))
      for n, line in ((1, "xeseeesese= LUẬTI SỐ:\n\n77/2015/QH13 -"), (2, "Trterereeeexree Luat so.\n\n77/2015/QH13"),
                      (3, "se LUẬT SỐ: l\n77/2015/QH13"))),
    # the Party's motto over two lines with a letter read twice ("ĐĂNG CÔNG SẲẢN VIỆT / NAM"): the committee, not its
    # standing committee named in the opening, issued the plan
    ("the Party's motto over two lines", "TỈNH ỦY TUYẾN QUANG ĐĂNG CÔNG SẲẢN VIỆT\nNAM\n\n*\n\nSo 09-KH/TU Tuyên Quang, ngay "
     "28 thang 7\nnăm 2025\n\nKE HOACH\nthực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị\n\nThực hiện "
     "Nghị quyết số 57-NQ/TW, Ban Thường vụ Tỉnh ủy xây dựng Kế hoạch thực hiện như sau:\n",
     lambda r: r.document.issuer is not None and r.document.issuer.id == "party:8:tinh-uy"),
    # a plan without its header whose opening issues "Ke-hoạch" (OCR's hyphen between two syllables)
    ("a type word split by a hyphen", "Phổ cập kỹ năng số năm 2025\n\nThực hiện Kế hoạch số 145/KH-UBND ngày 12/8/2025 của Ủy "
     "ban nhân dân tỉnh Tuyên Quang, Ủy ban nhân dân xã Yên Hoa ban hành Ke-hoạch phổ cập kỹ năng số như sau\n\nI. MỤC "
     "ĐÍCH\n", lambda r: r.document.type == "KH"),
    # "của Ủy ban nhân dân tỉnh-về việc …": the issuer ends where OCR glued "về" to it
    ("về glued to the issuer", PLAN + "Thực hiện Công văn số 2310/UBND-KGVX ngày 05/9/2025 của Ủy ban nhân dân tỉnh-về việc "
     "chuyển đổi số, UBND tỉnh ban hành Kế hoạch như sau:\n",
     lambda r: [x.target.issuer.id for x in r.references if x.target.issuer] == ["province:8"]),
    # the number's line: "Số:" read "So-" or "S8:"; the month's 8 read "B"; "V/v" read "V⁄"
    *((f"the number's line read {so}", "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nXÃ ĐỒNG VĂN Độc lập - Tự do - "
       f"Hạnh phúc\n{so} 52/KH-UBND Đồng Văn, ngày 29 tháng B năm 2025\nKẾ HOẠCH\nChuyển đổi số năm 2025\n",
       lambda r: (r.document.number, r.document.symbol, r.document.date) == ("52", "KH-UBND", "2025-08-29"))
      for so in ("So-", "S8:")),
    # the motto's second line with colons for its dashes ("Độc lập - Tự do : Hạnh: phúc"): the motto, not the issuer
    ("colons in the motto", "BỘ KHOA HỌC VÀ CÔNG NGHỆ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do : Hạnh: phúc\n\n"
     "So. 21/2025/TT-BKHCN\n\nHà Nội, ngày 30 tháng 10 năm 2025\n\nTHÔNG TƯ\nHướng dẫn thi hành\n",
     lambda r: (r.document.key, r.document.issuer.id if r.document.issuer else None) == (
         "21/2025/TT-BKHCN@2025", "ministry:bo-khoa-hoc-va-cong-nghe")),
    # specks by the hyphens of the number's line: "So-.15-KH/ĐU", "77/KH-:SNV"
    ("specks on the number's line", "ĐẢNG BỘ TỈNH QUẢNG NGÃI\nĐẢNG ỦY XÃ SƠN TỊNH\nSo-.15-KH/ĐÐU\n\nĐẢNG CỘNG SẢN VIỆT NAM\n\n"
     "Sơn Tịnh, ngày 20 tháng 8 năm 2025\n\nKẾ HOẠCH\nthực hiện Nghị quyết\n",
     lambda r: (r.document.number, r.document.symbol) == ("15", "KH/ĐU")),
    ("a speck after the number's hyphen", "UBND TỈNH QUẢNG TRỊ\nSỞ NỘI VỤ\nSo: 77/KH-:SNV Quảng Trị, ngày 12 tháng 11 năm 2025\n"
     "KẾ HOẠCH\nTriển khai công tác\n", lambda r: (r.document.symbol, r.document.issuer.id if r.document.issuer else None)
     == ("KH-SNV", "dept:44:so-noi-vu")),
    # "đã được sửa\nđối. bổ sung tại …": a stop for the comma of "sửa đổi, bổ sung"; "V@v"; "tháng 1!" (11)
    ("a stop for the comma of sửa đổi, bổ sung", "BỘ TÀI CHÍNH\nSố: 9821/BTC-NSNN\nV@v hướng dẫn thực hiện Nghị định\nHà Nội, "
     "ngày 20 tháng 7 năm 2025\nKính gửi: Các Bộ.\nThực hiện Nghị định số 178/2024/NĐ-CP ngày 31/12/2024 của Chính phủ (đã "
     "được sửa\nđối. bổ sung tại Nghị định số 67/2025/NĐ-CP ngày 15/3/2025), Bộ Tài chính hướng dẫn như sau:\n",
     lambda r: r.document.type == "CV" and {(d.source.label, d.relation, d.target.label) for d in r.derived} == {
         ("67/2025/NĐ-CP", "amends", "178/2024/NĐ-CP")}),
    ("a month read 1!", DECISION + "Ban hành quy chế\nCăn cứ Luật Tổ chức chính quyền địa phương ngày 22 tháng 1! năm 2019;\n",
     lambda r: [x.target.date for x in r.references] == ["2019-11-22"]),
    # a sentence OCR wrapped so that "thực hiện X" starts a line in small letters: no cue of its own
    ("a cue at a wrapped line's start", "ỦY BAN NHÂN DÂN\nTỈNH CÀ MAU\nSố: 89/TB-VP\nCà Mau, ngày 25 tháng 9 năm 2025\n"
     "THÔNG BÁO\nÝ kiến kết luận của Chủ tịch UBND tỉnh\n\nNgày 20/9/2025, Chủ tịch UBND tỉnh chủ trì cuộc họp đánh giá "
     "tình hình\nthực hiện Kế hoạch số 145/KH-UBND ngày 12/3/2025 của UBND tỉnh về chuyển đổi số. Chủ tịch UBND tỉnh kết "
     "luận như sau:\n1. Nội dung.\n", lambda r: _refs(("145/KH-UBND", "cites"))(r)),
    # a letter's subject wrapped in small letters, also over a blank line OCR put in it: the subject goes on
    *((f"a letter's subject wrapped{name}", _letter_head("V/v đôn đốc xây dựng kế hoạch" + gap + "triển khai Nghị quyết số "
       "57-NQ/TW") + "Kính gửi: Các sở.\nNgày 12/8/2025, UBND tỉnh ban hành Kế hoạch số 145/KH-UBND.\n",
       lambda r: {k.split("@")[0]: v for k, v in _keyed(r).items()}.get("57-NQ/TW") == "implements")
      for name, gap in (("", "\n"), (" over a blank line", "\n\n"))),
    # "ngày:" before a law's date; a stop for the comma inside a listed name ("Luật Phòng. chống thiên tai")
    ("a law's date after ngày:", DECISION + "Ban hành quy chế\nCăn cứ Luật Tổ chức chính quyền địa phương ngày: 16 tháng 6 "
     "năm 2025;\n", lambda r: [x.target.key for x in r.references] == ["Luật:to-chuc-chinh-quyen-dia-phuong@2025"]),
    ("a stop for a comma in a law's name", DECISION + "Ban hành quy chế\nCăn cứ Luật Phòng. chống thiên tai ngày 19 tháng 6 năm "
     "2013;\n", lambda r: [x.target.key for x in r.references] == ["Luật:phong-chong-thien-tai@2013"]),
    ("V/v read V⁄", "UBND TỈNH TUYÊN QUANG\nSố: 2310/UBND-KGVX\nV⁄ đôn đốc xây dựng kế hoạch\nTuyên Quang, ngày 05 tháng 9 "
     "năm 2025\nKính gửi: Các sở.\n", lambda r: r.document.type == "CV" and (r.document.title or "").endswith(("kế hoạch",
                                                                                                         "ke hoach"))),
    # a consolidated text's list of amending acts: "bởi. :", items numbered "2 ", "3:", "5_"
    ("a consolidated text's list as Tesseract reads it", "VĂN PHÒNG QUỐC HỘI\nSố: 23/VBHN-VPQH\nHà Nội, ngày 26 tháng 02 năm "
     "2025\nLUẬT QUẢN LÝ, SỬ DỤNG TÀI SẢN CÔNG\nLuật Quản lý, sử dụng tài sản công số 15/2017/QH14 ngày 21 tháng 6 năm 2017 "
     "của Quốc hội, có hiệu lực kể từ ngày 01 tháng 01 năm 2018, được sửa đổi, bổ sung bởi. :\n1. Luật Đầu tư theo phương "
     "thức đối tác công tư số 64/2020/QH14 ngày 18 tháng 6 năm 2020 của Quốc hội;\n2 Luật Viễn thông số 24/2023/QH15 "
     "ngày 24 tháng 11 năm 2023 của Quốc hội:\n3: Luật Đất đai số 31/2024/QH15 ngày 18 tháng 01 năm 2024 của Quốc hội;\n"
     "5_ Luật Giá số 16/2023/QH15 ngày 19 tháng 6 năm 2023 của Quốc hội.\nCăn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa "
     "Việt Nam;\n",
     lambda r: {(d.source.label, d.target.label) for d in r.derived if d.relation == "amends"} == {
         (a, "15/2017/QH14") for a in ("64/2020/QH14", "24/2023/QH15", "31/2024/QH15", "16/2023/QH15")}),
]

#: What the classes above must leave alone.
GUARDS: list[tuple[str, str, Check]] = [
    # a code that is itself an issuer is not split ("TTCP" is the Government Inspectorate)
    ("an issuer code that begins like a type code", PLAN + "Thực hiện Công văn số 1520/TTCP-KHTH ngày 05/6/2025 của Thanh "
     "tra Chính phủ, UBND tỉnh ban hành Kế hoạch như sau:\n", _refs(("1520/TTCP-KHTH", "implements"))),
    # a sentence glued to a symbol by a "." ("… 82/KH-UBND.Sau đó …"): no code after it
    ("a sentence glued after a symbol", PLAN + "Thực hiện Kế hoạch số 82/KH-UBND.Sau đó, UBND tỉnh ban hành Kế hoạch như "
     "sau:\n", _refs(("82/KH-UBND", "implements"))),
    # "triển khai\nthực hiện" wrapped in small letters stays the subject of the citation before
    ("a cue wrapped in small letters", PLAN + "Căn cứ Kế hoạch số 81/KH-UBND ngày 14/4/2025 của UBND tỉnh về triển khai\n"
     "thực hiện Nghị quyết số 66/NQ-CP ngày 26/3/2025 của Chính phủ;\n",
     _refs(("81/KH-UBND", "based_on"), ("66/NQ-CP", "cites"))),
    # "Xét duyệt", "xét tuyển": no cue
    ("xét tuyển is no cue", PLAN + "I. NỘI DUNG\nXét tuyển viên chức theo Kế hoạch số 12/KH-SNV ngày 05/3/2025.\n",
     _refs(("12/KH-SNV", "cites"))),
    # "l3" alone may be "là", and "176I0D-UBND" is "176/QĐ-UBND": no number made of them
    ("a letter and a digit that are a word", PLAN + "Căn cứ Quyết định số 176I0D-UBND ngày 16/7/2025 của UBND tỉnh; nội "
     "dung l3 ví dụ.\n", lambda r: _refs(("176/QĐ-UBND", "based_on"))(r)),
    # a number's year and its date's two digits apart ("năm 2018" under "…/2024/…" is no misreading of one digit)
    ("years two digits apart", PLAN + "Căn cứ Nghị quyết số 31/2024/NQ-HĐND ngày 10/12/2018 của Hội đồng nhân dân tỉnh;\n",
     lambda r: [(x.target.year, x.target.date) for x in r.references] == [(2024, "2018-12-10")]),
    # a stop before a list item's letter or a formula's legend stays a stop
    ("a stop before an item", PLAN + "II. NỘI DUNG\n1. Thực hiện Kế hoạch số 82/KH-UBND ngày 12/3/2025 của UBND tỉnh.\n"
     "b2) Quyết định số 412/QĐ-UBND ngày 20/3/2025 của UBND tỉnh.\n",
     lambda r: {k.split("@")[0]: v for k, v in _keyed(r).items()} == {"82/KH-UBND": "implements", "412/QĐ-UBND": "cites"}),
    # a stop before "Ngày …" that starts the next sentence stays one: that date is not the citation's
    ("a sentence starting with its date", PLAN + "I. NỘI DUNG\nCăn cứ Quyết định số 1588/QĐ-TTg. Ngày 13/12/2024, UBND tỉnh "
     "họp.\n", lambda r: [x.target.date for x in r.references] == [None]),
    # a year, or a number without "số", before a Party code is no number of it
    ("a year before a Party code", PLAN + "I. NỘI DUNG\nTrong năm 2024 KH/TU đã triển khai; có 12 KH/TU được ban hành.\n",
     _refs()),
    # the items under "Sửa đổi, bổ sung … như sau:" quote the new text: what they cite is only cited
    ("the new text of an amendment", DECISION + "Sửa đổi Quy chế\nQUYẾT ĐỊNH:\nĐiều 1. Sửa đổi, bổ sung Quy chế như sau:\n"
     "1. Sửa đổi khoản 1 Điều 5 như sau:\n“1. Thực hiện theo Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ.”\n",
     _refs(("30/2020/NĐ-CP", "cites"))),
    # an item heading of a law that names replacing ("c) Sửa đổi, thay thế, rút hồ sơ:") is no list of this document's
    ("an item heading naming replacing", DECISION + "Quy định\nQUYẾT ĐỊNH:\nĐiều 3. Hồ sơ\nc) Sửa đổi, thay thế, rút hồ sơ:\n"
     "- Thực hiện theo Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ.\n", _refs(("30/2020/NĐ-CP", "cites"))),
    # several mentions dated after the document: its own date is what OCR misread, theirs stay
    ("several cited dates after the document's", DECISION.replace("năm 2025", "năm 2022") + "Ban hành Kế hoạch\nCăn cứ "
     "Kế hoạch số 82/KH-UBND ngày 12/3/2025 của UBND tỉnh;\nCăn cứ Quyết định số 1588/QĐ-TTg ngày 13/12/2024 của Thủ tướng "
     "Chính phủ;\n", lambda r: {k.split("@")[0] + "@" + k.split("@")[1] for k in _keyed(r)} == {"82/KH-UBND@2025",
                                                                                          "1588/QĐ-TTg@2024"}),
    # a title line in capitals under a title in capitals stays the title's ("LUẬT / SỬA ĐỔI … / CỦA LUẬT ĐẤT ĐAI")
    ("a title in capitals", "QUỐC HỘI\nSố: 31/2024/QH15\nHà Nội, ngày 29 tháng 6 năm 2024\nLUẬT\nSỬA ĐỔI, BỔ SUNG MỘT SỐ "
     "ĐIỀU CỦA LUẬT ĐẤT ĐAI\nVÀ LUẬT NHÀ Ở\nCăn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\n",
     lambda r: r.document.title is not None and r.document.title.endswith(("NHÀ Ở", "NHA O"))),
]


@pytest.mark.parametrize(("name", "text", "check"), CLASSES + GUARDS, ids=[c[0] for c in CLASSES + GUARDS])
@pytest.mark.parametrize("variant", ["clean", "no diacritics"])
def test_tesseract_class(name: str, text: str, check: Check, variant: str) -> None:
    assert check(_read(text, variant)), name


#: (text, the stops left) for :func:`~luocdo.loaders.patterns.stray_stops_blanked`.
STOPS = [
    ("của UBND.\ntỉnh về", 0),  # a speck: the sentence goes on
    ("số 1588/QĐ-TTg. ngày 13/12/2024", 0),
    ("thực hiện.\na) Nội dung", 1),  # a list item's letter
    ("thực hiện.\nb2) nội dung", 1),
    ("liên danh.\nn: là số thành viên", 1),  # a formula's legend
    ("tại www.vnsw.gov.vn và", 3),  # an address
    ("II. nhiệm vụ", 1),  # an item's number
    ("hoàn thành. Ngày 13/12/2024", 1),  # the next sentence's date
]


@pytest.mark.parametrize(("text", "stops"), STOPS)
def test_stray_stops(text: str, stops: int) -> None:
    assert stray_stops_blanked(text, fold(text)).count(".") == stops
