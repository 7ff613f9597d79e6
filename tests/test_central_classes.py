"""Classes of central documents the visible real set has few of (Government and ministries' acts, orders,
ordinances, court council resolutions, texts of the 1990s, portal copies), on invented texts: each row read
clean, without diacritics, and through the corpus generator's OCR damage."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from luocdo.core.model import DocumentRecord
from luocdo.loaders.extract import extract_text
from tests.test_unseen_classes import _read

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from generate import garble  # noqa: E402

VARIANTS = ["clean", "no diacritics"]
SEEDS = range(4)


def _garbled(text: str, seed: int) -> DocumentRecord:
    return extract_text(garble(text, random.Random(seed), strength=0.5))


def _rels(rec: DocumentRecord) -> dict[str, str]:
    """Relation by label, folded to plain letters so a row reads the same without diacritics."""
    from luocdo.core.fold import squash

    return {squash(r.target.label).lower(): r.relation for r in rec.references}


def _want(rels: dict[str, str]) -> dict[str, str]:
    from luocdo.core.fold import squash

    return {squash(k).lower(): v for k, v in rels.items()}


_DECREE = ("CHÍNH PHỦ -------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ---------------\n"
           "Số: 24/2023/NĐ-CP\nHà Nội, ngày 14 tháng 6 năm 2023\nNGHỊ ĐỊNH\nVề quản lý hoạt động thư viện\n{}\n"
           "Theo đề nghị của Bộ trưởng Bộ Văn hóa, Thể thao và Du lịch;\nChính phủ ban hành Nghị định.\n"
           "Điều 1. Phạm vi điều chỉnh\nNghị định này quy định về thư viện.\n")
_ORDER = ("CHỦ TỊCH NƯỚC -------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ---------------\n"
          "Số: 07/2022/L-CTN\nHà Nội, ngày 28 tháng 6 năm 2022 LỆNH VỀ VIỆC CÔNG BỐ LUẬT\n{}\nNAY CÔNG BỐ:\nLuật Điện ảnh\n"
          "Đã được Quốc hội khóa XV, kỳ họp thứ 3 thông qua ngày 15 tháng 6 năm 2022.\n")


# --------------------------------------------------------------------------- a part named in a "Căn cứ" line

#: "Căn cứ Điều 88 và Điều 91 của Hiến pháp", "Căn cứ khoản 3 Điều 12 Nghị định số …": the line rests on the
#: instrument whose article, clause or point it names.
PART_BASIS = [
    (_ORDER.format("Căn cứ Điều 88 và Điều 91 của Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\n"
                   "Căn cứ Điều 80 của Luật Tổ chức Quốc hội;"),
     {"Hiến pháp": "based_on", "Luật Tổ chức Quốc hội": "based_on", "Luật Điện ảnh": "cites"}),
    (_DECREE.format("Căn cứ khoản 3 Điều 12 Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;"),
     {"30/2020/NĐ-CP": "based_on"}),
    (_DECREE.format("Căn cứ điểm a khoản 2 Điều 5 của Luật Thư viện ngày 21 tháng 11 năm 2019;"),
     {"Luật Thư viện": "based_on"}),
    (_DECREE.format("Căn cứ vào Điều 103 và Điều 106 của Hiến pháp năm 1992;\nCăn cứ Chương II của Nghị quyết số "
                    "12/2022/NQ-CP ngày 01 tháng 02 năm 2022;"),
     {"Hiến pháp": "based_on", "12/2022/NQ-CP": "based_on"}),
]


@pytest.mark.parametrize(("text", "rels"), PART_BASIS)
@pytest.mark.parametrize("variant", VARIANTS)
def test_a_part_named_in_a_basis_line(text: str, rels: dict, variant: str) -> None:
    assert _rels(_read(text, variant)) == _want(rels)


@pytest.mark.parametrize(("text", "rels"), PART_BASIS)
@pytest.mark.parametrize("seed", SEEDS)
def test_a_part_named_in_a_basis_line_garbled(text: str, rels: dict, seed: int) -> None:
    assert _rels(_garbled(text, seed)) == _want(rels)


# --------------------------------------------------------------------------- what a closing article says expires

_LAW = ("QUỐC HỘI -------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ---------------\n"
        "Luật số: 40/2024/QH15\nHà Nội, ngày 27 tháng 6 năm 2024 LUẬT THƯ VIỆN\nCăn cứ Hiến pháp nước Cộng hòa xã hội "
        "chủ nghĩa Việt Nam;\nQuốc hội ban hành Luật Thư viện.\nĐiều 1. Phạm vi điều chỉnh\nLuật này quy định về thư viện.\n"
        "Điều 50. Hiệu lực thi hành\n1. Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2025.\n2. {}\n")

#: "A … hết hiệu lực kể từ ngày Luật này có hiệu lực": A's subject may name another act (which stays), a list joins
#: more (which expire too), the acts that amended A are named after "đã được sửa đổi … theo" (they stay).
_BASIS = "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;"
EXPIRES = [
    (_DECREE.format(_BASIS) + "Điều 30. Hiệu lực thi hành\nNghị định số 38/2012/NĐ-CP ngày 25 tháng 4 năm 2012 của Chính phủ quy định "
     "chi tiết thi hành một số điều của Luật Thư viện hết hiệu lực kể từ ngày Nghị định này có hiệu lực.\n",
     {"38/2012/NĐ-CP": "repeals", "Luật Thư viện": "cites"}),
    (_DECREE.format(_BASIS) + "Điều 30. Hiệu lực thi hành\nNghị định này có hiệu lực từ ngày 01 tháng 8 năm 2023. Thông tư số "
     "35/2014/TT-BVHTTDL ngày 09 tháng 9 năm 2014 và Thông tư số 36/2014/TT-BVHTTDL ngày 10 tháng 9 năm 2014 của Bộ trưởng "
     "Bộ Văn hóa, Thể thao và Du lịch hết hiệu lực kể từ ngày Nghị định này có hiệu lực thi hành.\n",
     {"35/2014/TT-BVHTTDL": "repeals", "36/2014/TT-BVHTTDL": "repeals"}),
    (_LAW.format("Luật Thư viện số 46/2006/QH11 đã được sửa đổi, bổ sung một số điều theo Luật số 12/2012/QH13 và Luật "
                 "số 18/2017/QH14 hết hiệu lực kể từ ngày Luật này có hiệu lực thi hành."),
     {"Hiến pháp": "based_on", "46/2006/QH11": "repeals", "12/2012/QH13": "cites", "18/2017/QH14": "cites"}),
    (_LAW.format("Pháp lệnh Thư viện số 31/2000/PL-UBTVQH10, Pháp lệnh số 21/2008/UBTVQH12 sửa đổi, bổ sung một số điều "
                 "của Pháp lệnh Thư viện năm 2000 và Pháp lệnh số 05/2012/UBTVQH13 sửa đổi, bổ sung một số điều của Pháp lệnh "
                 "Thư viện hết hiệu lực kể từ ngày Luật này có hiệu lực."),
     {"Hiến pháp": "based_on", "31/2000/PL-UBTVQH10": "repeals", "21/2008/UBTVQH12": "repeals", "05/2012/UBTVQH13": "repeals"}),
]


def _numbered_and(rels: dict[str, str], got: dict[str, str]) -> dict[str, str]:
    """The row's instruments as read (a law by name OCR may spell otherwise: only those with a number)."""
    return {k: got.get(k, "-") for k in rels}


@pytest.mark.parametrize(("text", "rels"), EXPIRES)
@pytest.mark.parametrize("variant", VARIANTS)
def test_what_expires(text: str, rels: dict, variant: str) -> None:
    got = _rels(_read(text, variant))
    assert _numbered_and(_want(rels), got) == _want(rels), got


@pytest.mark.parametrize(("text", "rels"), EXPIRES)
@pytest.mark.parametrize("seed", SEEDS)
def test_what_expires_garbled(text: str, rels: dict, seed: int) -> None:
    want = {k: v for k, v in _want(rels).items() if "/" in k}
    got = _rels(_garbled(text, seed))
    assert _numbered_and(want, got) == want, got
    assert not any(v == "repeals" for k, v in got.items() if "/" not in k), got  # no law named in a subject expires


# --------------------------------------------------------------------------- what a title says the text details

_HEAD = ("CHÍNH PHỦ -------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ---------------\n"
         "Số: 31/2024/NĐ-CP\nHà Nội, ngày 10 tháng 4 năm 2024 NGHỊ ĐỊNH {}\n")
_COUNCIL = ("HỘI ĐỒNG THẨM PHÁN TÒA ÁN NHÂN DÂN TỐI CAO -------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc "
            "---------------\nSố: 03/2023/NQ-HĐTP\nHà Nội, ngày 18 tháng 5 năm 2023 NGHỊ QUYẾT {}\n")

#: A decree, circular or court council's resolution whose title details or guides an act ("Quy định chi tiết một số
#: điều của Luật …", "HƯỚNG DẪN ÁP DỤNG … BỘ LUẬT …") implements the act its preamble rests on, by name or number;
#: "Để thi hành (đúng và thống nhất) X", "Thi hành X" carry X out. Not an older law of the name, nor the act an
#: amending title names ("Sửa đổi … Nghị định số A … quy định chi tiết Luật B": A's words), nor the preamble a
#: flattened title runs on into.
TITLE_GUIDES = [
    (_HEAD.format("Quy định chi tiết một số điều của Luật Thư viện") + "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;\n"
     "Căn cứ Luật Thư viện số 46/2019/QH14 ngày 21 tháng 11 năm 2019;\nChính phủ ban hành Nghị định.\nĐiều 1. Luật Thư viện "
     "số 04/2001/QH10 trước đây quy định khác.\n",
     {"Luật Tổ chức Chính phủ": "based_on", "46/2019/QH14": "implements", "04/2001/QH10": "cites",
      "Luật Thư viện": "implements"}),  # (the title's own mention: two laws of the name, it stays apart)
    (_HEAD.format("QUY ĐỊNH CHI TIẾT VÀ BIỆN PHÁP THI HÀNH LUẬT THƯ VIỆN VỀ THƯ VIỆN CÔNG CỘNG") + "Căn cứ Luật Thư viện ngày 21 "
     "tháng 11 năm 2019;\nChính phủ ban hành Nghị định.\n", {"Luật Thư viện": "implements"}),
    (_HEAD.format("SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA NGHỊ ĐỊNH SỐ 93/2020/NĐ-CP NGÀY 10 THÁNG 8 NĂM 2020 CỦA CHÍNH PHỦ QUY ĐỊNH "
                  "CHI TIẾT LUẬT THƯ VIỆN") + "Căn cứ Luật Thư viện ngày 21 tháng 11 năm 2019;\nChính phủ ban hành Nghị định.\n"
     "Điều 1. Sửa đổi, bổ sung một số điều của Nghị định số 93/2020/NĐ-CP như sau:\n",
     {"Luật Thư viện": "based_on", "93/2020/NĐ-CP": "amends"}),
    (_HEAD.format("QUY ĐỊNH THI HÀNH BỘ LUẬT DÂN SỰ VỀ HỢP ĐỒNG THUÊ Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;")
     + "Căn cứ Bộ luật Dân sự ngày 24 tháng 11 năm 2015;\nChính phủ ban hành Nghị định.\n",
     {"Luật Tổ chức Chính phủ": "based_on", "Bộ luật Dân sự": "implements"}),
    (_COUNCIL.format("HƯỚNG DẪN ÁP DỤNG ĐIỀU 65 CỦA BỘ LUẬT HÌNH SỰ VỀ ÁN TREO") + "Căn cứ Luật Tổ chức Tòa án nhân dân số "
     "62/2014/QH13;\nCăn cứ Bộ luật Hình sự số 100/2015/QH13;\nĐể thi hành đúng và thống nhất Bộ luật Tố tụng hình sự số "
     "101/2015/QH13;\nQUYẾT NGHỊ:\nĐiều 1. Phạm vi\n",
     {"62/2014/QH13": "based_on", "100/2015/QH13": "implements", "101/2015/QH13": "implements"}),
    (_COUNCIL.format("HƯỚNG DẪN VỀ THỦ TỤC RÚT GỌN") + "Căn cứ Luật Tổ chức Tòa án nhân dân ngày 24 tháng 11 năm 2014;\n"
     "Để thi hành đúng Bộ luật Tố tụng dân sự ngày 25 tháng 11 năm 2015;\nQUYẾT NGHỊ:\n",
     {"Luật Tổ chức Tòa án nhân dân": "based_on", "Bộ luật Tố tụng dân sự": "implements"}),
    ("BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI\nSố: 07/1999/TT-BLĐTBXH Hà Nội, ngày 05 tháng 3 năm 1999\nTHÔNG TƯ\nHướng dẫn chế độ "
     "bảo hiểm xã hội\nThi hành Nghị định số 93/1998/NĐ-CP ngày 12-11-1998 của Chính phủ, Bộ Lao động - Thương binh và Xã hội "
     "hướng dẫn như sau:\nI. ĐỐI TƯỢNG\n", {"93/1998/NĐ-CP": "implements"}),
]


@pytest.mark.parametrize(("text", "rels"), TITLE_GUIDES)
@pytest.mark.parametrize("variant", VARIANTS)
def test_what_a_title_says_the_text_details(text: str, rels: dict, variant: str) -> None:
    assert _rels(_read(text, variant)) == _want(rels)


#: (a page break OCR puts inside a title cuts it: the rows whose cue is in the body)
TO_EXECUTE_OCR = [
    TITLE_GUIDES[-1],
    (_COUNCIL.format("VỀ ÁN TREO") + "Căn cứ Luật Tổ chức Tòa án nhân dân số 62/2014/QH13;\nĐể thi hành đúng và thống nhất "
     "Bộ luật Tố tụng hình sự số 101/2015/QH13;\nQUYẾT NGHỊ:\nĐiều 1. Phạm vi\n",
     {"62/2014/QH13": "based_on", "101/2015/QH13": "implements"}),
]


@pytest.mark.parametrize(("text", "rels"), TO_EXECUTE_OCR)
@pytest.mark.parametrize("seed", SEEDS)
def test_what_a_title_says_the_text_details_garbled(text: str, rels: dict, seed: int) -> None:
    want = _want(rels)
    assert _numbered_and(want, _rels(_garbled(text, seed))) == want


# --------------------------------------------------------------------------- numbers of the 1990s

_OLD = ("BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI ******** CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ********\n"
        "Số: 09/1996/TT-LĐTBXH Hà Nội, ngày 05 tháng 3 năm 1996\nTHÔNG TƯ\nHướng dẫn chế độ trợ cấp\n{}\n")

#: "Nghị định số 12/CP" (the Government's code, not OCR's "CĐ" of a dispatch), a ministry's letter or circular
#: "1235-BKH/TH", "06-LĐTBXH/TT", the Council of Ministers' "30-HĐBT" without its marks: (key, type, relation).
OLD_NUMBERS = [
    (_OLD.format("Thi hành Nghị định số 12/CP ngày 26-1-1995 của Chính phủ ban hành Điều lệ bảo hiểm xã hội, Bộ hướng dẫn "
                 "như sau:"), [("12/CP@1995", "NĐ", "implements")]),
    (_OLD.format("Căn cứ Nghị định số 96/CP ngày 07-12-1993 của Chính phủ;\nXét đề nghị của Bộ trưởng Bộ Kế hoạch và Đầu tư "
                 "tại Công văn số 1235-BKH/TH ngày 5-3-1995,"),
     [("96/CP@1993", "NĐ", "based_on"), ("1235-BKH/TH@1995", "CV", "based_on")]),
    (_OLD.format("I. HIỆU LỰC\nThông tư này có hiệu lực sau 15 ngày kể từ ngày ký. Bãi bỏ Thông tư số 06-LĐTBXH/TT ngày 4-4-1995 "
                 "của Bộ Lao động - Thương binh và Xã hội."), [("06-LĐTBXH/TT@1995", "TT", "repeals")]),
    (_OLD.format("I. HIỆU LỰC\nBãi bỏ Nghị định số 30-HĐBT ngày 23-3-1989 của Hội đồng Bộ trưởng."),
     [("30/HĐBT@1989", "NĐ", "repeals")]),
]


@pytest.mark.parametrize(("text", "want"), OLD_NUMBERS)
@pytest.mark.parametrize("variant", VARIANTS)
def test_numbers_of_the_1990s(text: str, want: list, variant: str) -> None:
    rec = _read(text, variant)
    assert [(r.target.key, r.target.type, r.relation) for r in rec.references] == want


@pytest.mark.parametrize(("text", "want"), OLD_NUMBERS[:1])  # ("1235-BKHlTH": the "/" of an unknown unit read as "l", left)
@pytest.mark.parametrize("seed", SEEDS)
def test_numbers_of_the_1990s_garbled(text: str, want: list, seed: int) -> None:
    rec = _garbled(text, seed)
    assert [(r.target.key, r.target.type) for r in rec.references] == [(k, t) for k, t, _r in want]


#: An old-style symbol names its issuer ("12-L/CTN": the State President; "38-CP": the Government), its type only by
#: a guess: the type line says it (an order); the rows after the first are what stays (a law, a resolution, a decree).
OLD_OWN_TYPES = [
    ("CHỦ TỊCH NƯỚC ******** CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM ********\nSố: 12-L/CTN Hà Nội, ngày 06 tháng 5 năm 1997\n"
     "LỆNH CỦA CHỦ TỊCH NƯỚC VỀ VIỆC CÔNG BỐ PHÁP LỆNH\nNAY CÔNG BỐ:\n", ("Lệnh", "12", "L/CTN", 1997)),
    ("QUỐC HỘI ******** CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM ********\nSố: 35-L/CTN Hà Nội, ngày 02 tháng 12 năm 1998\n"
     "LUẬT KHIẾU NẠI, TỐ CÁO\nCăn cứ vào Hiến pháp năm 1992;\n", ("Luật", "35", "L/CTN", 1998)),
    ("CHÍNH PHỦ ******** CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM ********\nSố: 38-CP Hà Nội, ngày 28 tháng 4 năm 1993\n"
     "NGHỊ QUYẾT VỀ CẢI CÁCH MỘT BƯỚC THỦ TỤC HÀNH CHÍNH\nCHÍNH PHỦ\n", ("NQ", "38", "CP", 1993)),
    ("CHÍNH PHỦ ******** CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM ********\nSố: 88-CP Hà Nội, ngày 17 tháng 8 năm 1994\n"
     "NGHỊ ĐỊNH VỀ QUẢN LÝ ĐẤT ĐÔ THỊ\nCHÍNH PHỦ\n", ("NĐ", "88", "CP", 1994)),
]


@pytest.mark.parametrize(("text", "want"), OLD_OWN_TYPES)
@pytest.mark.parametrize("variant", VARIANTS)
def test_an_old_symbols_type_is_its_type_lines(text: str, want: tuple, variant: str) -> None:
    d = _read(text, variant).document
    assert (d.type, d.number, d.symbol, d.year) == want


@pytest.mark.parametrize(("text", "want"), OLD_OWN_TYPES)
@pytest.mark.parametrize("seed", SEEDS)
def test_an_old_symbols_type_is_its_type_lines_garbled(text: str, want: tuple, seed: int) -> None:
    d = _garbled(text, seed).document
    assert (d.type, d.year) == (want[0], want[3])


# --------------------------------------------------------------------------- a number on the closing line

_NO_HEADER = ("QUYẾT ĐỊNH\nVề việc công bố thủ tục hành chính trong lĩnh vực thống kê\nBỘ TRƯỞNG BỘ KẾ HOẠCH VÀ ĐẦU TƯ\n"
              "Căn cứ Nghị định số 89/2022/NĐ-CP ngày 28 tháng 10 năm 2022 của Chính phủ;\nXét đề nghị của Tổng cục trưởng "
              "Tổng cục Thống kê,\nQUYẾT ĐỊNH:\nĐiều 1. Công bố kèm theo Quyết định này thủ tục hành chính.\nĐiều 2. Quyết "
              "định này có hiệu lực thi hành kể từ ngày ký.\nBỘ TRƯỞNG Nguyễn Chí Dũng\n{}\n")

#: A portal's copy without its header names itself on its last line ("Quyết định số 1532/QĐ-BKHĐT ngày … của …"), of
#: the type its heading names; a number in the body, or a closing line of another type, is no own number.
CLOSING_NUMBER = [
    (_NO_HEADER.format("Quyết định số 1532/QĐ-BKHĐT ngày 15 tháng 6 năm 2023 của Bộ trưởng Bộ Kế hoạch và Đầu tư."),
     ("QĐ", "1532", "QĐ-BKHĐT", 2023), ["89/2022/NĐ-CP"]),
    ("THÔNG TƯ\nQuy định về hồ sơ bệnh án điện tử\nCăn cứ Luật Khám bệnh, chữa bệnh ngày 09 tháng 01 năm 2023;\nBộ trưởng "
     "Bộ Y tế ban hành Thông tư.\nĐiều 1. Phạm vi điều chỉnh\nThông tư này quy định về hồ sơ bệnh án điện tử.\nKT. BỘ TRƯỞNG "
     "THỨ TRƯỞNG Trần Văn Thuấn\nThông tư số 13/2025/TT-BYT ngày 06 tháng 6 năm 2025 của Bộ trưởng Bộ Y tế.\n",
     ("TT", "13", "2025/TT-BYT", 2025), ["Luật Khám bệnh, chữa bệnh"]),
    # what stays: the number of a text of another type on the last line is a citation
    (_NO_HEADER.format("Thông tư số 12/2023/TT-BKHĐT ngày 15 tháng 6 năm 2023 của Bộ trưởng Bộ Kế hoạch và Đầu tư."),
     ("QĐ", None, None, None), ["89/2022/NĐ-CP", "12/2023/TT-BKHĐT"]),
]


@pytest.mark.parametrize(("text", "ident", "labels"), CLOSING_NUMBER)
@pytest.mark.parametrize("variant", VARIANTS)
def test_a_number_on_the_closing_line(text: str, ident: tuple, labels: list, variant: str) -> None:
    rec = _read(text, variant)
    d = rec.document
    assert (d.type, d.number, d.symbol, d.year if d.number else None) == ident
    assert [_want({r.target.label: ""}).popitem()[0] for r in rec.references] == [_want({x: ""}).popitem()[0] for x in labels]


@pytest.mark.parametrize(("text", "ident", "labels"), CLOSING_NUMBER[:1])
@pytest.mark.parametrize("seed", SEEDS)
def test_a_number_on_the_closing_line_garbled(text: str, ident: tuple, labels: list, seed: int) -> None:
    d = _garbled(text, seed).document
    assert (d.type, d.number, d.symbol, d.year) == ident


# --------------------------------------------------------------------------- a law's name read as another's

#: OCR keeps a word's first consonant: a name is another known name only when its words start as that one's do ("Luật
#: Cư trú" is not "Luật Lưu trữ"); a long name may slip on one word.
LAW_NAMES = [
    ("Luật Cư trú", "Luật Cư trú"),
    ("Luat Cw tru", "Luật Cư trú"),
    ("Luật Lưu trữ", "Luật Lưu trữ"),
    ("Luật Mua bán", "Luật Mua bán"),  # (no "Luật Giá", "Luật Đấu thầu")
    ("Luật Thuế tiêu thụ cá nhân", "Luật Thuế thu nhập cá nhân"),  # (what stays: a slip in a long name)
]


@pytest.mark.parametrize(("written", "name"), LAW_NAMES)
def test_a_laws_name_read_as_another(written: str, name: str) -> None:
    from luocdo.loaders.law_names import canonical_law_name

    assert canonical_law_name(written) == name


_RESIDENCE = (_HEAD.format("Quy định chi tiết một số điều của Luật Cư trú").replace("CHÍNH PHỦ", "BỘ CÔNG AN").replace(
    "NĐ-CP", "TT-BCA").replace("NGHỊ ĐỊNH", "THÔNG TƯ") + "Căn cứ Luật Cư trú ngày 13 tháng 11 năm 2020;\nBộ trưởng Bộ Công an "
    "ban hành Thông tư.\n")
#: (the title's mention, the name without a year, is the law the text dates once: one node)
_RESIDENCE_KEYS = {"Luật:cu-tru@2020": "implements"}


@pytest.mark.parametrize("variant", VARIANTS)
def test_a_law_the_title_details_under_its_own_name(variant: str) -> None:
    assert {r.target.key: r.relation for r in _read(_RESIDENCE, variant).references} == _RESIDENCE_KEYS


@pytest.mark.parametrize("seed", SEEDS)
def test_a_law_the_title_details_under_its_own_name_garbled(seed: int) -> None:
    assert {r.target.key: r.relation for r in _garbled(_RESIDENCE, seed).references} == _RESIDENCE_KEYS


@pytest.mark.parametrize("title", ["QUY ĐỊNH CHI TIẾT MỘT SỐ ĐIỀU CỦA LUẬT DOANH NGHIỆP",
                                   "QUY PINH CHI TIET MOT SO PIEU CUA LUAT DOANH NGHIEP"])
def test_a_title_that_details_a_law_as_ocr_reads_its_d(title: str) -> None:
    """OCR reads the "Đ" of "QUY ĐỊNH" as "P": the title still says what the text details."""
    from luocdo.loaders.own_title import guided_in_title

    assert [g.split()[:2] for g in guided_in_title(title, "NĐ")] == [["mot", "so"]]
