"""Classes of real central documents (laws, codes, decrees, circulars, consolidated texts, drafts),
on invented text, clean and OCR-garbled; and the identity figures over ../shared/realdocs."""

from __future__ import annotations

import json
import random
import sys
import unicodedata
from pathlib import Path

import pytest

from luocdo.core.fold import fold
from luocdo.graph.export import ELI_RELS
from luocdo.graph.schema import DOC_RELS, type_name
from luocdo.loaders.extract import extract, extract_text, read_page
from luocdo.loaders.formats import decode_text
from luocdo.loaders.law_names import known_law_set
from luocdo.loaders.laws import find_laws, self_reference_title
from luocdo.loaders.text import load
from luocdo.queries.show import standing_how

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from generate import garble  # noqa: E402

REALDOCS = ROOT.parent / "shared" / "realdocs"


def _doc(head: str, body: str = "") -> str:
    return head + "\n" + body


LAW = """QUỐC HỘI -------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc --------------- {word} số: {num}
Hà Nội, ngày 20 tháng 11 năm 2019 {heading}
Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;
Quốc hội ban hành {name}.
Điều 1. Phạm vi điều chỉnh
{name} này quy định về các hoạt động trong lĩnh vực này.
Điều 2. Áp dụng
Trường hợp luật khác quy định khác thì thực hiện theo quy định của Luật đó; Điều 5 của Luật này không áp dụng.
"""

#: (header words, expected type, number, symbol, year)
TYPES = [
    (dict(word="Bộ luật", num="45/2019/QH14", heading="BỘ LUẬT LAO ĐỘNG", name="Bộ luật Lao động"), "Bộ luật", "45", "2019/QH14", 2019),
    (dict(word="Luật", num="54/2019/QH14", heading="LUẬT CHỨNG KHOÁN", name="Luật Chứng khoán"), "Luật", "54", "2019/QH14", 2019),
    (dict(word="Nghị quyết", num="132/2019/QH14", heading="NGHỊ QUYẾT THÍ ĐIỂM MỘT SỐ CHÍNH SÁCH", name="Nghị quyết"), "NQ", "132", "2019/QH14", 2019),
    (dict(word="Pháp lệnh", num="02/2019/UBTVQH14", heading="PHÁP LỆNH QUẢN LÝ THỊ TRƯỜNG", name="Pháp lệnh Quản lý thị trường"), "PL", "02", "2019/UBTVQH14", 2019),
    (dict(word="", num="03/VBHN-VPQH", heading="LUẬT QUY HOẠCH Luật Quy hoạch số 21/2017/QH14 ngày 24 tháng 11 năm 2017 của Quốc hội", name="Luật Quy hoạch"), "VBHN", "03", "VBHN-VPQH", 2019),
    (dict(word="", num="61-CP", heading="NGHỊ ĐỊNH VỀ MUA BÁN NHÀ Ở", name="Nghị định"), "NĐ", "61", "CP", 2019),
    (dict(word="", num="24-L/CTN", heading="LUẬT ĐẤT ĐAI", name="Luật Đất đai"), "Luật", "24", "L/CTN", 2019),
    # (the template's "năm 2019" is one digit off the number's 2015: a misread digit of the date, the number's year kept)
    (dict(word="", num="178/2015/TTLT-BTC-BNNPTNT-BTNMT-BYT", heading="THÔNG TƯ LIÊN TỊCH HƯỚNG DẪN", name="Thông tư liên tịch"), "TTLT", "178", "2015/TTLT-BTC-BNNPTNT-BTNMT-BYT", 2015),
    (dict(word="", num="66.16/2019/NQ-CP", heading="NGHỊ QUYẾT", name="Nghị quyết"), "NQ", "66.16", "2019/NQ-CP", 2019),
    (dict(word="", num="08/2019/TT- BLĐTBXH", heading="THÔNG TƯ", name="Thông tư"), "TT", "08", "2019/TT-BLĐTBXH", 2019),
]


def _text_of(fields: dict) -> str:
    word = fields["word"]
    t = LAW.format(**fields)
    return t.replace(" số: ", " Số: ") if not word else t


@pytest.mark.parametrize(("fields", "typ", "number", "symbol", "year"), TYPES, ids=[t[1] + ":" + t[2] for t in TYPES])
def test_type_number_symbol_from_what_the_text_says(fields, typ, number, symbol, year) -> None:
    d = extract_text(_text_of(fields)).document
    assert (d.type, d.number, d.symbol, d.year) == (typ, number, symbol, year)


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize(("fields", "typ", "number", "symbol", "year"), TYPES[:5], ids=[t[1] for t in TYPES[:5]])
def test_types_survive_ocr(fields, typ, number, symbol, year, seed) -> None:
    d = extract_text(garble(_text_of(fields), random.Random(seed), strength=0.5)).document
    assert (d.type, d.year) == (typ, year)


def test_constitution_has_no_number() -> None:
    t = "QUỐC HỘI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHà Nội, ngày 28 tháng 11 năm 2013 HIẾN PHÁP NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nLỜI NÓI ĐẦU\n"
    assert extract_text(t).document.type == "Hiến pháp"


# --------------------------------------------------------------------------- self-references

SELF = [
    "Luật này", "Nghị định này", "Thông tư này", "Quyết định này", "Kế hoạch này", "Bộ luật này", "Luật đó",
    "Nghị định trên", "Văn bản hợp nhất này",
]


@pytest.mark.parametrize("title", SELF)
def test_pronouns_are_no_titles(title: str) -> None:
    assert self_reference_title(title)
    assert not find_laws(f"theo quy định tại Điều 5 của {title} năm 2020.", fold(f"theo quy định tại Điều 5 của {title} năm 2020."), [])


@pytest.mark.parametrize("seed", [None, 0, 1, 2])
def test_a_law_never_cites_itself(seed) -> None:
    t = _text_of(TYPES[1][0])
    if seed is not None:
        t = garble(t, random.Random(seed), strength=0.5)
    rec = extract_text(t)
    titles = [fold(r.target.title or "") for r in rec.references]
    assert not any("chung khoan" in x or x.endswith((" nay", " do")) for x in titles), titles
    assert all(r.target.key != rec.document.key for r in rec.references)


@pytest.mark.parametrize(("heading", "name"), [("LUẬT\nĐẤT ĐAI", "Luật đất đai"), ("BỘ LUẬT\nDÂN SỰ", "Bộ luật dân sự"),
                                                ("PHÁP LỆNH\nCHỐNG NƯỚC NGOÀI TRỪNG PHẠT", "Pháp lệnh chống nước ngoài trừng phạt")])
@pytest.mark.parametrize("diacritics", [True, False])
def test_own_name_under_a_type_line_is_no_citation(heading: str, name: str, diacritics: bool) -> None:
    """The type line apart from the name under it ("LUẬT / ĐẤT ĐAI"): "Quốc hội ban hành Luật đất đai." is itself."""
    t = (f"QUỐC HỘI\n-------\nLuật số: 45/2013/QH13\nHà Nội, ngày 29 tháng 11 năm 2013\n{heading}\nCăn cứ Hiến pháp nước "
         f"Cộng hòa xã hội chủ nghĩa Việt Nam;\nQuốc hội ban hành {name}.\nĐiều 1. Phạm vi\n")
    rec = extract_text(t if diacritics else _plain(t))
    assert [r.target.label for r in rec.references] == ["Hiến pháp"]


def test_own_number_in_own_title_is_no_citation() -> None:
    t = "CHÍNH PHỦ\nSố: 61-CP Hà Nội, ngày 05 tháng 7 năm 1994\nNGHỊ ĐỊNH CỦA CHÍNH PHỦ SỐ 61-CP NGÀY 05 THÁNG 7 NĂM 1994 VỀ MUA BÁN NHÀ Ở\n"
    rec = extract_text(t)
    assert rec.references == ()


# --------------------------------------------------------------------------- names of laws

NAMES = [
    ("Căn cứ Luật Phòng, chống tham nhũng ngày 20 tháng 11 năm 2018;", [("Luật Phòng, chống tham nhũng", 2018)]),
    ("Căn cứ Luật Đầu tư theo phương thức đối tác công tư ngày 18 tháng 6 năm 2020;", [("Luật Đầu tư theo phương thức đối tác công tư", 2020)]),
    ("theo Luật Đất đai, Luật Nhà ở và Luật Kinh doanh bất động sản.", [("Luật Đất đai", None), ("Luật Nhà ở", None), ("Luật Kinh doanh bất động sản", None)]),
    ("Căn cứ Bộ luật Dân sự ngày 24 tháng 11 năm 2015;", [("Bộ luật Dân sự", 2015)]),
    ("Căn cứ Luật Quản lý, sử dụng vũ khí, vật liệu nổ và công cụ hỗ trợ ngày 20 tháng 6 năm 2017;", [("Luật Quản lý, sử dụng vũ khí, vật liệu nổ và công cụ hỗ trợ", 2017)]),
    ("Căn cứ Luật Bảo vệ môi trường ngày 17 tháng 11 năm 2020;", [("Luật Bảo vệ môi trường", 2020)]),
    ("Căn cứ Luật Chứng khoán ngày 26 tháng 11 năm 2019;", [("Luật Chứng khoán", 2019)]),
    ("theo Bộ luật Dân sự và khoản 1 Điều 5 Nghị định này.", [("Bộ luật Dân sự", None)]),
    ("Luật sửa đổi, bổ sung một số điều của Luật Đất đai;", [("Luật sửa đổi, bổ sung một số điều của Luật Đất đai", None)]),
    ("Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 2013;", [("Hiến pháp", 2013)]),
    # an amending law of the list amended together is itself named "Luật sửa đổi, bổ sung một số điều của …"
    ("về việc thi hành Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Tòa án nhân dân, Luật sửa đổi, bổ sung một số "
     "điều của Luật Tổ chức Viện kiểm sát nhân dân;",
     [("Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Tòa án nhân dân, Luật sửa đổi, bổ sung một số điều của Luật "
       "Tổ chức Viện kiểm sát nhân dân", None)]),
    # OCR's "j" for "ị": "co quy djnh" ends a name as "có quy định" does
    ("trừ trường hợp Luat Quan nhan chuyen nghiep, cong nhan va vien chuc quoc phong co quy djnh khac.",
     [("Luat Quan nhan chuyen nghiep, cong nhan va vien chuc quoc phong", None)]),
    ("Luật sư, trợ giúp viên pháp lý tham gia.", []),
    ("Luật có hiệu lực từ ngày ký.", []),
]


@pytest.mark.parametrize(("text", "want"), NAMES)
def test_names_stay_whole(text: str, want: list) -> None:
    assert [(x.name, x.year) for x in find_laws(text, fold(text), [])] == want


#: A clause that runs on from a name: cut at the listed name at its head when the words after it are in
#: lower case; a longer real name in the list, a word of a name a stop would end ("hàng không"), and a
#: plural ("các Luật …", laws of a kind) each kept for what they are.
NAMES_RUN_ON = [
    ("tại Điều 137 Luật Đất đai và thời điểm bắt đầu sử dụng đất thể hiện trên giấy tờ.", [("Luật Đất đai", None)]),
    ("công trình tạm theo quy định của Luật Xây dựng bị phá dỡ thì hoa lợi được bồi thường.", [("Luật Xây dựng", None)]),
    ("theo quy định tại Điều 198 Luật Doanh nghiệp, ngoài giấy tờ quy định tại Điều 23, hồ sơ gồm:", [("Luật Doanh nghiệp", None)]),
    ("theo quy định của Luật Đất đai trước ngày 01 tháng 7 năm 2025 nhưng chưa kết thúc.", [("Luật Đất đai", None)]),
    ("theo quy định của Luật Doanh nghiệp nhà nước ngày 20 tháng 4 năm 1995;", [("Luật Doanh nghiệp nhà nước", 1995)]),
    ("xét duyệt theo Luật đầu tư nước ngoài tại Việt Nam.", [("Luật đầu tư nước ngoài tại Việt Nam", None)]),
    ("Căn cứ Luật Giáo dục quốc phòng và an ninh ngày 19 tháng 6 năm 2013;", [("Luật Giáo dục quốc phòng và an ninh", 2013)]),
    ("Căn cứ Luật hàng không dân dụng Việt Nam ngày 29 tháng 6 năm 2006;", [("Luật hàng không dân dụng Việt Nam", 2006)]),
    ("Căn cứ Luật Thủ đô ngày 28 tháng 6 năm 2024;", [("Luật Thủ đô", 2024)]),
    ("thực hiện theo quy định của các Luật quản lý chuyên ngành và các văn bản hướng dẫn.", []),
    # a listed name that a stop ("tại") would cut
    ("theo quy định tại Luật Quản lý và đầu tư vốn nhà nước tại doanh nghiệp, quy định của Chính phủ.",
     [("Luật Quản lý và đầu tư vốn nhà nước tại doanh nghiệp", None)]),
    # "được" before a body: the name ends there, also without its marks
    ("2. Luật này thay thế Luật quy định quyền lập hội được Chủ tịch nước Việt\nNam dân chủ cộng hòa công bố theo Sắc "
     "lệnh số 102/SL/L004 ngày 20 tháng 5 năm 1957.", [("Luật quy định quyền lập hội", None)]),
    # a line wrapped inside "Việt Nam" (the next line starts with its capital N)
    ("của Luật Giao thông đường bộ, Bộ luật Hàng hải Việt\nNam và Luật Đường sắt;",
     [("Luật Giao thông đường bộ", None), ("Bộ luật Hàng hải Việt Nam", None), ("Luật Đường sắt", None)]),
]


@pytest.mark.parametrize(("text", "want"), NAMES_RUN_ON)
@pytest.mark.parametrize("diacritics", [True, False])
def test_names_that_a_clause_runs_on_from(text: str, want: list, diacritics: bool) -> None:
    if not diacritics:
        text, want = _plain(text), [(_plain(n), y) for n, y in want]
    assert [(x.name, x.year) for x in find_laws(text, fold(text), [], known_law_set())] == want


def _plain(text: str) -> str:
    out = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
    return out.replace("đ", "d").replace("Đ", "D")


def test_name_and_number_are_one_citation() -> None:
    t = _doc("UBND TỈNH QUẢNG NGÃI\nSố: 12/KH-UBND\nQuảng Ngãi, ngày 05 tháng 8 năm 2025\nKẾ HOẠCH\n",
             "Căn cứ Luật Đất đai số 31/2024/QH15 ngày 18 tháng 01 năm 2024;\n")
    refs = extract_text(t).references
    assert [(r.target.label, r.target.title, r.target.type, r.relation) for r in refs] == [
        ("31/2024/QH15", "Luật Đất đai", "Luật", "based_on")]


# --------------------------------------------------------------------------- relations

DECREE = "CHÍNH PHỦ\nSố: 10/2025/NĐ-CP\nHà Nội, ngày 05 tháng 3 năm 2025\nNGHỊ ĐỊNH\n{body}\n"

RELATIONS = [
    # a list of what expires, one item wrapped so that a line starts with the article it keeps ("Điều 8 của …"): that
    # line is no article of this text's own, and the list goes on over it
    ("Điều 5. Hiệu lực thi hành\nCác Thông tư sau đây hết hiệu lực kể từ ngày Nghị định này có hiệu lực thi hành:\n"
     "a) Thông tư số 33/2017/TT-BTNMT ngày 29 tháng 9 năm 2017 của Bộ trưởng Bộ Tài nguyên và Môi trường, trừ\nĐiều 8 "
     "của Thông tư số 33/2017/TT-BTNMT;\nb) Thông tư số 53/2017/TT-BTNMT ngày 04 tháng 12 năm 2017 của Bộ trưởng Bộ Tài "
     "nguyên và Môi trường;", {"33/2017/TT-BTNMT": "repeals", "53/2017/TT-BTNMT": "repeals"}, set()),
    # an item that adds to X: "Bổ sung <part> vào (sau) <part> của X"
    ("Điều 30. Sửa đổi, bổ sung một số luật\n1. Bổ sung Điều 6a vào sau Điều 6 của Luật Công nghệ cao số 21/2008/QH12 "
     "như sau:\n3. Bổ sung các khoản 18, 19 vào sau khoản 17 Điều 4 của Luật Thuế thu nhập cá nhân số 04/2007/QH12 như sau:",
     {"21/2008/QH12": "amends", "04/2007/QH12": "amends"}, set()),
    ("Bo sung khoan 5 vao Dieu 82 cua Luat Kham benh, chua benh so 40/2009/QH12 nhu sau:", {"40/2009/QH12": "amends"}, set()),
    ("2. Bổ sung cụm từ “, tần số vô tuyến điện” vào sau cụm từ “phòng, chống tác hại của rượu, bia” tại khoản 1 Điều 64 "
     "của Luật Xử lý vi phạm hành chính số 15/2012/QH13.\n3. Bổ sung mục 228 vào sau mục 227 của Phụ lục IV Danh mục ngành, "
     "nghề đầu tư kinh doanh có điều kiện ban hành kèm theo Luật Đầu tư số 61/2020/QH14 như sau:\n4. Sửa đổi mức xử phạt "
     "vi phạm hành chính tối đa trong lĩnh vực thủy sản quy định tại điểm đ khoản 1 Điều 24 của Luật Thủy sản số "
     "17/2003/QH11 như sau:", {"15/2012/QH13": "amends", "61/2020/QH14": "amends", "17/2003/QH11": "amends"}, set()),
    ("5. Thay thế cụm từ “chữ ký số chuyên dùng” bằng cụm từ “chữ ký số chuyên dùng công vụ” tại khoản 2 Điều 9 của "
     "Luật An ninh mạng số 24/2018/QH14.\n6. Bãi bỏ khoản 3 Điều 5, khoản 2 Điều 7 và Điều 9 của Luật Thủy lợi số "
     "08/2017/QH14.", {"24/2018/QH14": "amends", "08/2017/QH14": "repeals"}, set()),
    # "Căn cứ" the parts of an instrument, a later law of the same line after "và", a portal's note after the cue
    ("Căn cứ vào các điều 17, 18 và 84 của Hiến pháp nước Cộng hoà xã hội chủ nghĩa Việt Nam năm 1992;\nCăn cứ khoản 2 "
     "Điều 112 của Luật Đất đai số 45/2013/QH13;\nCăn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015 và Luật sửa đổi, "
     "bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;\n"
     "Căn cứ [Điều này được hướng dẫn bởi Nghị định 10/2020/NĐ-CP] Điều 5 Luật Quy hoạch ngày 24 tháng 11 năm 2017;",
     {"45/2013/QH13": "based_on", "Hiến pháp": "based_on", "Luật Tổ chức Chính phủ": "based_on", "Luật Quy hoạch": "based_on",
      "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương": "based_on"},
     # the amending law's name says what it amends, and the text cites that law too
     {("Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương", "amends",
       "Luật Tổ chức Chính phủ")}),
    ("Can cu khoan 2 Dieu 112 cua Nghi dinh so 45/2013/ND-CP;", {"45/2013/NĐ-CP": "based_on"}, set()),
    # what this document replaces or repeals, listed with their subjects: "… A … ban hành … và Thông tư số B …"
    ("Điều 9. Nghị định này thay thế Nghị định số 78/2015/NĐ-CP ngày 14 tháng 9 năm 2015 của Chính phủ về đăng ký doanh "
     "nghiệp và Nghị định số 108/2018/NĐ-CP ngày 23 tháng 8 năm 2018 của Chính phủ sửa đổi, bổ sung một số điều của Nghị "
     "định số 78/2015/NĐ-CP; bãi bỏ Quyết định số 65/2004/QĐ-TTg ngày 19 tháng 4 năm 2004 của Thủ tướng Chính phủ ban hành "
     "Quy chế hoạt động của lực lượng hải quan và Quyết định số 19/2011/QĐ-TTg ngày 23 tháng 3 năm 2011.",
     {"78/2015/NĐ-CP": "amends", "108/2018/NĐ-CP": "amends", "65/2004/QĐ-TTg": "repeals", "19/2011/QĐ-TTg": "repeals"},
     {("108/2018/NĐ-CP", "amends", "78/2015/NĐ-CP")}),
    # the same as OCR and PDFs leave them: marks lost, lines wrapped inside an opener, an item or a list
    ("Điều 12. Hiệu lực thi hành\n2. Cac van ban quy pham phap luat sau diy het hieu luc thi hanh ke tu ngay Nghi\n"
     "dinh nay co hieu luc:\na) Phap lenh thue nha, dat nam 1992;\nb) Nghi dinh so 47/CP ngay 03 thang 5 nam 1997.",
     {"47/CP": "repeals", "Phap lenh thue nha, dat": "repeals"}, set()),
    ("1. Bo sung khoan 3 vao sau khoan 2\nDieu 7 cua Luat Bien Viet Nam so 18/2012/QH13 nhu sau:", {"18/2012/QH13": "amends"},
     set()),
    ("Can cu vao Hien phap nuoc Cong hoa xa hoi chu nghia Viet Nam nam 1992 da duoc\nsua doi, bo sung theo Nghi quyet so "
     "51/2001/QH10 ngay 25 thang 12 nam 2001;", {"51/2001/QH10": "cites", "Hiến pháp": "based_on"}, set()),
    ("Can cu Nghi dinh so 59/2018/ND-CP ngay 20 thang 4 nam 2018 cua Chinh phu sua doi, bo sung mot so dieu cua\nNghi dinh "
     "so 08/2015/ND-CP;", {"59/2018/NĐ-CP": "based_on", "08/2015/NĐ-CP": "cites"}, {("59/2018/NĐ-CP", "amends", "08/2015/NĐ-CP")}),
    ("Điều 33. Hiệu lực thi hành\n3. Bãi bỏ các văn bản sau:\na) Nghị định số 51/2016/NĐ-CP ngày 13 tháng 6 năm 2016 của "
     "Chính phủ quy định quản lý lao động;", {"51/2016/NĐ-CP": "repeals"}, set()),
    ("Điều 40. Hiệu lực\n2. Nghị định này bãi bỏ Quyết định số 65/2004/QĐ-TTg ngày 19 tháng 4 năm 2004 của Thủ tướng Chính "
     "phủ ban hành Quy chế\nhoạt động của lực lượng hải quan và Quyết định số 19/2011/QĐ-TTg ngày 23 tháng 3 năm 2011.",
     {"65/2004/QĐ-TTg": "repeals", "19/2011/QĐ-TTg": "repeals"}, set()),
    ("Điều 39. Hiệu lực\n3. Cac nghj djnh sau diy h&t hieu lyc ke tir ngay Nghj djnh nay co hieu lyc thi hanh\na) Nghj djnh "
     "se 44/2014/ND-CP ngay 15 thang 5 nam 2014 cua Chinh phu quy dinh ve gia dat;", {"44/2014/NĐ-CP": "repeals"}, set()),
    # what a cited act does to a law its words name without a number: a derived edge, as a numbered law would get
    ("Căn cứ Nghị định số 96/2023/NĐ-CP ngày 30 tháng 12 năm 2023 của Chính phủ quy định chi tiết một số điều của Luật "
     "Khám bệnh, chữa bệnh;\nCăn cứ Nghị định số 10/2023/NĐ-CP ngày 03 tháng 4 năm 2023 của Chính phủ sửa đổi, bổ sung "
     "một số điều của các nghị định hướng dẫn thi hành Luật Đất đai;\nChính phủ ban hành Nghị định.\nĐiều 9. Luật số "
     "56/2024/QH15 sửa đổi, bổ sung một số điều của Luật Kế toán, Luật Kiểm toán độc lập có hiệu lực từ ngày 01/01/2025.",
     {"96/2023/NĐ-CP": "based_on", "10/2023/NĐ-CP": "based_on", "56/2024/QH15": "cites", "Luật Khám bệnh, chữa bệnh": "cites",
      "Luật Đất đai": "cites", "Luật Kế toán": "cites", "Luật Kiểm toán độc lập": "cites"},
     {("96/2023/NĐ-CP", "implements", "Luật Khám bệnh, chữa bệnh"), ("56/2024/QH15", "amends", "Luật Kế toán"),
      ("56/2024/QH15", "amends", "Luật Kiểm toán độc lập")}),
    ("Can cu Nghi dinh so 96/2023/ND-CP ngay 30 thang 12 nam 2023 cua Chinh phu quy dinh chi tiet mot so dieu cua Luat "
     "Kham benh, chua benh;", {"96/2023/NĐ-CP": "based_on", "Luật Khám bệnh, chữa bệnh": "cites"},
     {("96/2023/NĐ-CP", "implements", "Luật Khám bệnh, chữa bệnh")}),
    # the enacting words of a law amending laws, as OCR reads "số" ("sb", "s0") and wraps "Việt / Nam"
    ("Quoc hoi ban hanh Luat sua doi, bo sung mot so dieu co lien quan den\nquy hoach cua Luat Giao thong duong bo sb "
     "23/2008/QH12, Bo luat Hang hai Viet\nNam s0 95/2015/QH13, Luat Duong sat sd 06/2017/QH14.",
     {"23/2008/QH12": "amends", "95/2015/QH13": "amends", "06/2017/QH14": "amends"}, set()),
    # "Bổ sung kinh phí …" is a task, not an amendment
    ("1. Bổ sung kinh phí cho các nhiệm vụ theo Quyết định số 12/2024/QĐ-TTg.", {"12/2024/QĐ-TTg": "cites"}, set()),
    # a legal portal's note between the verb and what it acts on is not read
    ("2. Sửa đổi, bổ sung [Khoản này hết hiệu lực bởi Khoản 3 Điều 94 Luật Xây dựng 2025 có hiệu lực từ ngày 01/07/2026] "
     "điểm b khoản 2 Điều 83a của Luật Xây dựng số 50/2014/QH13 như sau:", {"50/2014/QH13": "amends"}, set()),
    ("3. Bãi bỏ [Khoản này hết hiệu lực bởi Khoản 2 Điều 47 Luật Chuyển đổi số 2025] Điều 58 của Luật Công nghệ thông "
     "tin số 67/2006/QH11.", {"67/2006/QH11": "repeals"}, set()),
    # a note may list many acts over more than a thousand characters: none of them is cited by the document
    ("Điều 5. Gia hạn nộp thuế [Gia hạn thời hạn nộp thuế được hướng dẫn bởi " + "Nghị định 52/2021/NĐ-CP có hiệu lực từ "
     "ngày 19/04/2021 (VB hết hiệu lực: 01/01/2022) Gia hạn thời hạn nộp thuế giá trị gia tăng, thuế thu nhập doanh "
     "nghiệp, thuế thu nhập cá nhân và tiền thuê đất trong năm 2021; " * 12 + "] 1. Người nộp thuế được gia hạn.",
     {}, set()),
    # "Các … sau đây hết hiệu lực …" opens a list of what this document repeals; what an item says of others is not
    ("2. Các nghị định sau đây hết hiệu lực kể từ ngày Nghị định này có hiệu lực thi hành\na) Nghị định số 44/2014/NĐ-CP "
     "ngày 15 tháng 5 năm 2014 của Chính phủ quy định về giá đất;\nb) Điều 2 Nghị định số 10/2023/NĐ-CP ngày 03 tháng 4 "
     "năm 2023 của Chính phủ sửa đổi, bổ sung các nghị định hướng dẫn thi hành Luật Đất đai số 45/2013/QH13;\n"
     "c) Nghị định số 47/CP ngày 03 tháng 5 năm 1997 của Chính phủ.\nĐiều 40. Trách nhiệm thi hành",
     {"44/2014/NĐ-CP": "repeals", "10/2023/NĐ-CP": "repeals", "45/2013/QH13": "cites", "47/CP": "repeals"},
     {("10/2023/NĐ-CP", "implements", "45/2013/QH13")}),
    # "đã được sửa đổi, bổ sung theo Luật sửa đổi … của Luật X số N" after X's own number: N is the amending law's,
    # and a law named otherwise after it is the next one of the outer list, not another amending law
    ("Quy hoạch theo Luật Giáo dục số 38/2005/QH11 đã được sửa đổi, bổ sung theo Luật sửa đổi, bổ sung một số điều "
     "của Luật Giáo dục số 44/2009/QH12, Luật Biển Việt Nam số 18/2012/QH13.",
     {"38/2005/QH11": "cites", "44/2009/QH12": "cites", "18/2012/QH13": "cites"},
     {("44/2009/QH12", "amends", "38/2005/QH11")}),
    # "Luật áp dụng" (the law governing a contract) names no law; "Luật Người cao tuổi" is not "Luật Nuôi con nuôi"
    ("a) Luật áp dụng để điều chỉnh quan hệ hợp đồng dự án; b) quyền của người cao tuổi theo Luật Người cao tuổi.",
     {"Luật Người cao tuổi": "cites"}, set()),
    ("Căn cứ Luật Doanh nghiệp số 59/2020/QH14 đã được sửa đổi, bổ sung một số điều theo Luật số 03/2022/QH15;",
     {"59/2020/QH14": "based_on", "03/2022/QH15": "cites"}, {("03/2022/QH15", "amends", "59/2020/QH14")}),
    ("Điều 1. Sửa đổi, bổ sung một số điều của Nghị định số 45/2020/NĐ-CP như sau:",
     {"45/2020/NĐ-CP": "amends"}, set()),
    ("Điều 2. Bãi bỏ Thông tư số 12/2019/TT-BTC ngày 01 tháng 3 năm 2019.",
     {"12/2019/TT-BTC": "repeals"}, set()),
    ("Điều 3. Thông tư số 15/2018/TT-BTC ngày 01 tháng 3 năm 2018 hết hiệu lực kể từ ngày Nghị định này có hiệu lực.",
     {"15/2018/TT-BTC": "repeals"}, set()),
    ("Căn cứ Nghị định số 123/2024/NĐ-CP sửa đổi, bổ sung một số điều của Nghị định số 45/2020/NĐ-CP;",
     {"123/2024/NĐ-CP": "based_on", "45/2020/NĐ-CP": "cites"}, {("123/2024/NĐ-CP", "amends", "45/2020/NĐ-CP")}),
    ("Các mẫu số 05/ABC-XYZ và Phụ lục số 02/QĐ-XL ban hành kèm theo Nghị định này.", {}, set()),
    ("Điều 4. [Điều này được sửa đổi bởi Khoản 2 Điều 1 Nghị định 70/2025/NĐ-CP có hiệu lực từ ngày 01/7/2025] Nội dung.",
     {}, set()),
    # a note the text wraps over lines (or OCR'd: "duợc huong dan b6i"), still not the document's own words
    ("Chương II [Chương này được hướng dẫn bởi \nNghị định 44/2025/NĐ-CP. Chương II Thông tư 003/2025/TT-BNV có hiệu lực\n"
     "từ ngày 15/06/2025] TIỀN LƯƠNG", {}, set()),
    ("Chuong II [Chuong nay duợc huong dan b6i Nghi dinh\n44/2025/ND-CP co hieu luc tu ngay 15/06/2025] TIEN LUONG", {}, set()),
]


@pytest.mark.parametrize(("body", "rels", "derived"), RELATIONS)
def test_relations_say_what_this_document_does(body: str, rels: dict, derived: set) -> None:
    rec = extract_text(DECREE.format(body=body))
    assert {r.target.label: r.relation for r in rec.references} == rels
    assert {(d.source.label, d.relation, d.target.label) for d in rec.derived} == derived


#: Whose number follows "Luật sửa đổi, bổ sung một số điều của Luật X số N": the amending law's when X has its own
#: number before the cue, else X's (an amending law's title names the laws it amends with their numbers).
AMENDING_TITLES = [
    ("Luật Giáo dục số 38/2005/QH11 đã được sửa đổi, bổ sung theo Luật sửa đổi, bổ sung một số điều của Luật Giáo dục "
     "số 44/2009/QH12;", {"38/2005/QH11": "Luật Giáo dục", "44/2009/QH12": "Luật sửa đổi, bổ sung một số điều của Luật Giáo dục"},
     True),
    ("Luật Đất đai đã được sửa đổi, bổ sung theo Luật sửa đổi, bổ sung một số điều của Luật Đất đai số 31/2024/QH15, "
     "Luật Nhà ở số 27/2023/QH15;", {"31/2024/QH15": "Luật Đất đai", "27/2023/QH15": "Luật Nhà ở"}, False),
    ("Quốc hội ban hành Luật sửa đổi, bổ sung một số điều của Luật Doanh nghiệp số 59/2020/QH14.",
     {"59/2020/QH14": "Luật Doanh nghiệp"}, False),
]


@pytest.mark.parametrize("body", [
    "Căn cứ Luật Giá ngày 19 tháng 6 năm 2023;\nChính phủ ban hành Nghị định.\nĐiều 3. Giá thực hiện theo quy định của Luật Giá.",
    "Can cu Luat Gia ngay 19 thang 6 nam 2023;\nChinh phu ban hanh Nghi dinh.\nDieu 3. Gia thuc hien theo quy dinh cua Luat Gia.",
])
def test_a_law_named_once_with_its_date_is_the_one_named_alone(body: str) -> None:
    """The same law, dated in the basis and named alone further on, is one node of this text."""
    rec = extract_text(DECREE.format(body=body))
    laws = [r for r in rec.references if r.target.key.startswith("Luật:gia")]
    assert [(r.target.key, r.relation, len(r.mentions)) for r in laws] == [("Luật:gia@2023", "based_on", 2)]


AMENDED_BY_NAME = [
    # the amending law's name says which law it amends; the text cites that law too
    ("Căn cứ Luật Xây dựng ngày 18 tháng 6 năm 2014; Luật sửa đổi, bổ sung một số điều của Luật Xây dựng ngày 17 tháng 6 "
     "năm 2020;", {("Luật sửa đổi, bổ sung một số điều của Luật Xây dựng", "amends", "Luật Xây dựng")}),
    # of two laws of the name, the latest not after the amending one
    ("Căn cứ Luật Đất đai ngày 29 tháng 11 năm 2013; Luật sửa đổi, bổ sung một số điều của Luật Đất đai ngày 20 tháng "
     "11 năm 2018;\nĐiều 5. Thay thế Luật Đất đai năm 2003.",
     {("Luật sửa đổi, bổ sung một số điều của Luật Đất đai", "amends", "Luật Đất đai")}),
    # guard: the amended law is not cited, so no edge
    ("Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Xây dựng ngày 17 tháng 6 năm 2020;", set()),
]


@pytest.mark.parametrize(("body", "derived"), AMENDED_BY_NAME)
def test_an_amending_law_amends_the_laws_its_name_lists(body: str, derived: set) -> None:
    rec = extract_text(DECREE.format(body=body))
    got = {(d.source.label, d.relation, d.target.label, d.target.year) for d in rec.derived if d.relation == "amends"}
    assert {g[:3] for g in got} == derived
    if "2013" in body:
        assert {g[3] for g in got} == {2013}


def test_the_evidence_of_a_reference_says_its_relation() -> None:
    """An act that amends X and repeals parts of it amends X: the edge's evidence (its first mention) is the repeal,
    which X's standing reads as a repeal in part."""
    rec = extract_text(DECREE.format(body="Chính phủ ban hành Nghị định sửa đổi, bổ sung một số điều của Nghị định số "
                                          "45/2020/NĐ-CP.\nĐiều 1. Sửa đổi, bổ sung Điều 3 như sau:\n2. Bãi bỏ các Điều 7, 8 "
                                          "và 9, điểm b khoản 1 Điều 16 của Nghị định số 45/2020/NĐ-CP."))
    ref = next(r for r in rec.references if r.target.label == "45/2020/NĐ-CP")
    assert ref.relation == "amends" and ref.mentions[0].text.startswith("Bãi bỏ")
    assert standing_how("AMENDS", ref.mentions[0].text, "Nghị định số 45/2020/NĐ-CP") == "repeals_in_part"


@pytest.mark.parametrize(("body", "titles", "numbered"), AMENDING_TITLES)
def test_the_number_after_an_amending_laws_name(body: str, titles: dict, numbered: bool) -> None:
    rec = extract_text(DECREE.format(body=body))
    got = {r.target.label: r.target.title for r in rec.references if r.target.label in titles}
    assert got == titles
    # the amending law is one node: by its number when the text gives it one, else by its name
    assert any(r.target.label.startswith("Luật sửa đổi") for r in rec.references) is not numbered


def test_a_consolidated_text_consolidates_what_it_names_first() -> None:
    fields = TYPES[4][0]
    rec = extract_text(_text_of(fields))
    assert {r.target.label: r.relation for r in rec.references}["21/2017/QH14"] == "consolidates"


def test_new_relations_have_their_edges_and_eli_terms() -> None:
    assert DOC_RELS["repeals"] == "REPEALS" and DOC_RELS["consolidates"] == "CONSOLIDATES"
    assert str(ELI_RELS["REPEALS"]).endswith("#repeals") and str(ELI_RELS["CONSOLIDATES"]).endswith("#consolidates")


# --------------------------------------------------------------------------- OCR cues and real files

OCR = [
    ("Can ct Quyết định số 299/QĐ-ITG ngày 01/02/2024;", "299/QĐ-TTg", "based_on"),
    ("Can cw Kế hoạch số 82/KH-UBND ngày 17/4/2025;", "82/KH-UBND", "based_on"),
    ("Can ctv Nghị định số 30/2020/NĐ-CP ngày 05/3/2020;", "30/2020/NĐ-CP", "based_on"),
]


@pytest.mark.parametrize(("line", "label", "rel"), OCR)
def test_ocr_cues(line: str, label: str, rel: str) -> None:
    t = "UBND TỈNH QUẢNG NGÃI\n$6: 12/KH-UBND\nQuảng Ngãi, ngày 05 tháng 8 năm 2025\nKẾ HOẠCH\n" + line + "\n"
    rec = extract_text(t)
    assert (rec.document.number, rec.document.symbol) == ("12", "KH-UBND")
    assert {r.target.label: r.relation for r in rec.references}[label] == rel


def test_a_few_nul_bytes_do_not_reject_a_text() -> None:
    data = ("Số: 12/KH-UBND\nKẾ HOẠCH\n" * 20).encode() + b"\x00\x00"
    assert "\x00" not in decode_text(data, "x.txt").text


def test_a_draft_borrows_no_date() -> None:
    t = "QUỐC HỘI\nLuật số: … /2016/QH14 DỰ THẢO LUẬT VỀ HỘI\nCăn cứ Nghị định số 45/2010/NĐ-CP ngày 21 tháng 4 năm 2010;\n"
    rec = extract_text(t)
    assert rec.document.date is None and any(w.startswith("draft") for w in rec.warnings)


# --------------------------------------------------------------------------- the real corpus

FIELDS = ("type", "number", "symbol", "year")


def _bare(symbol):
    return symbol.split("/", 1)[1] if symbol and symbol[:4].isdigit() and "/" in symbol else symbol


def test_identity_on_real_documents() -> None:
    """≥ 97 % of type, number, symbol and year right on ../shared/realdocs (examples/corpus when absent)."""
    rows = []
    if (REALDOCS / "gold.jsonl").is_file():
        for line in (REALDOCS / "gold.jsonl").read_text(encoding="utf-8").splitlines():
            g = json.loads(line)
            rows.append((REALDOCS / g["file"], {k: g.get(k) for k in FIELDS}))
    else:
        corpus = ROOT / "examples" / "corpus"
        for line in (corpus / "truth.jsonl").read_text(encoding="utf-8").splitlines():
            t = json.loads(line)
            rows.append((corpus / t["file"], {"type": type_name(t["type"]), "number": t.get("number"),
                                             "symbol": _bare(t.get("symbol")), "year": t.get("year")}))
    right = dict.fromkeys(FIELDS, 0)
    scored = dict.fromkeys(FIELDS, 0)
    selfs = 0
    for path, gold in rows:
        rec = extract(load(path))
        d = rec.document
        got = {"type": type_name(d.type), "number": d.number, "symbol": _bare(d.symbol), "year": d.year}
        for f in FIELDS:
            if gold[f] is not None:
                scored[f] += 1
                right[f] += got[f] == gold[f]
        selfs += sum(1 for r in rec.references if r.target.key == d.key or self_reference_title(r.target.title or ""))
    for f in FIELDS:
        assert right[f] >= 0.97 * scored[f], (f, right[f], scored[f])
    assert selfs == 0


# --------------------------------------------------------------------------- smaller classes

PLAN = "UBND TỈNH QUẢNG NGÃI\nSỞ Y TẾ\nSố: 15/KH-SYT\nQuảng Ngãi, ngày 05 tháng 8 năm 2025\nKẾ HOẠCH\nTriển khai công tác y tế\n"

BODY = [
    ("I. MỤC ĐÍCH\nĐể triển khai Quyết định số 123/QĐ-UBND ngày 01/7/2025 của UBND tỉnh, Sở xây dựng kế hoạch.",
     {"123/QĐ-UBND": "implements"}),
    ("I. MỤC ĐÍCH\nThực hiện chỉ đạo của UBND tỉnh tại Công văn số 456/UBND-KGVX ngày 02/7/2025, Sở Y tế triển khai.",
     {"456/UBND-KGVX": "implements"}),
    ("I. TÌNH HÌNH\nSau 5 năm thực hiện Nghị quyết số 18-NQ/TW ngày 25/10/2017, tỉnh đạt kết quả.", {"18-NQ/TW": "cites"}),
    ("Căn cứ Quy chế ban hành kèm theo Quyết định số 99/QĐ-UBND ngày 01/02/2025 của UBND tỉnh;", {"99/QĐ-UBND": "based_on"}),
    ("Trong tháng 02/2024-BC các đơn vị báo cáo; biểu mẫu số 05/ABC-XYZ kèm theo.", {}),
]


@pytest.mark.parametrize(("body", "rels"), BODY)
def test_body_cues(body: str, rels: dict) -> None:
    assert {r.target.label: r.relation for r in extract_text(PLAN + body + "\n").references} == rels


@pytest.mark.parametrize("seed", range(3))
def test_body_cue_survives_ocr(seed: int) -> None:
    t = garble(PLAN + BODY[0][0] + "\n", random.Random(seed), strength=0.5)
    assert {r.relation for r in extract_text(t).references} == {"implements"}


TITLES = [
    ("BỘ TÀI CHÍNH\nSố: 12/2025/TT-BTC\nHà Nội, ngày 05 tháng 3 năm 2025\nTHÔNG TƯ\nHướng dẫn thi hành Nghị định số 30/2024/NĐ-CP ngày 01/02/2024\n",
     {"30/2024/NĐ-CP": "implements"}),
    ("UBND XÃ SƠN MAI\nSố: 20/BC-UBND\nSơn Mai, ngày 05 tháng 8 năm 2025\nBÁO CÁO\nKết quả thực hiện Kế hoạch số 82/KH-UBND ngày 17/4/2025 của UBND tỉnh\n",
     {"82/KH-UBND": "reports_on"}),
]


@pytest.mark.parametrize(("text", "rels"), TITLES)
def test_what_the_title_says(text: str, rels: dict) -> None:
    assert {r.target.label: r.relation for r in extract_text(text).references} == rels


def test_a_circular_that_guides_a_decree_is_a_derived_edge() -> None:
    rec = extract_text(PLAN + "Căn cứ Thông tư số 12/2025/TT-BTC hướng dẫn Nghị định số 30/2024/NĐ-CP;\n")
    assert {(d.source.label, d.relation, d.target.label) for d in rec.derived} == {("12/2025/TT-BTC", "implements", "30/2024/NĐ-CP")}


@pytest.mark.parametrize(("symbol", "issuer"), [("QĐ-BYT", "Bộ Y tế"), ("QĐ-BTC", "Bộ Tài chính"), ("QĐ-TTg", "Thủ tướng Chính phủ")])
def test_issuer_from_the_symbol_when_no_header_names_one(symbol: str, issuer: str) -> None:
    d = extract_text(f"Số: 3500/{symbol}\nHà Nội, ngày 05 tháng 8 năm 2025\nQUYẾT ĐỊNH\nVề việc ban hành\n").document
    assert d.issuer is not None and d.issuer.name == issuer


def test_a_gazette_page_header_is_never_a_title() -> None:
    t = "BỘ Y TẾ\nSố: 05/2024/TT-BYT\nHà Nội, ngày 05 tháng 02 năm 2024\nCÔNG BÁO/Số 123 + 124/Ngày 15-02-2024\nTHÔNG TƯ\nQuy định về khám bệnh\n"
    d = extract_text(t).document
    assert (d.type, d.title) == ("TT", "Quy định về khám bệnh")


@pytest.mark.parametrize("seed", [None, 0, 1])
def test_an_item_cut_by_a_blank_line_keeps_its_cue(seed) -> None:
    t = PLAN + "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ;\nCăn cứ\n\nQuyết định số 12/QĐ-UBND ngày 01/02/2025 của UBND tỉnh;\nI. MỤC ĐÍCH\n"
    if seed is not None:
        t = garble(t, random.Random(seed), strength=0.5)
    assert {r.target.label: r.relation for r in extract_text(t).references}["12/QĐ-UBND"] == "based_on"


def test_a_consolidated_text_is_identified_by_its_closing_certification() -> None:
    body = "Điều 1. Phạm vi\n" + "Nội dung quy định về quy hoạch. " * 80 + "\n"
    t = ("VĂN PHÒNG QUỐC HỘI\nLUẬT QUY HOẠCH\nLuật Quy hoạch số 21/2017/QH14 ngày 24 tháng 11 năm 2017 của Quốc hội.\n" + body
         + "XÁC THỰC VĂN BẢN HỢP NHẤT\nSố: 03/VBHN-VPQH\nHà Nội, ngày 21 tháng 02 năm 2025\nCHỦ NHIỆM\n")
    rec = extract_text(t)
    d = rec.document
    assert (d.type, d.number, d.symbol, d.date) == ("VBHN", "03", "VBHN-VPQH", "2025-02-21")
    assert {r.target.label: r.relation for r in rec.references} == {"21/2017/QH14": "consolidates"}


#: A law named in the text is a known law only when OCR damage explains the difference: the words
#: and their consonants stay; a shorter, longer or other law keeps its name as written.
LAW_NAMES = [
    ("Luật Đất đai", "Luật Đất đai"),
    ("Luat Pat dai", "Luật Đất đai"),  # "Đ" read as "P", marks lost
    ("Luật Biu tu", "Luật Đầu tư"),
    ("Luật Peu thiu", "Luật Đấu thầu"),
    ("Luật Tổ chức Chính phũ", "Luật Tổ chức Chính phủ"),
    ("Luật Thuế", "Luật Thuế"),  # not "Luật Thú y"
    ("Pháp lệnh xử lý vi phạm hành chính", "Pháp lệnh xử lý vi phạm hành chính"),  # an ordinance, not the law
    ("Luật Quản lý, sử dụng tài sản nhà nước", "Luật Quản lý, sử dụng tài sản nhà nước"),  # the 2008 law, not "… tài sản công"
    ("Luật Bầu cử đại biểu Quốc hội", "Luật Bầu cử đại biểu Quốc hội"),  # a law of its own before 2015
    ("Luật sua d6i, b6 sung mot sb diéu cua Luat Bau thau", "Luật sửa đổi, bổ sung một số điều của Luật Đấu thầu"),
    ("Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương",
     "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương"),
]


@pytest.mark.parametrize(("written", "name"), LAW_NAMES)
def test_known_law_names_read_through_ocr_only(written: str, name: str) -> None:
    from luocdo.loaders.law_names import canonical_law_name

    assert canonical_law_name(written) == name


@pytest.mark.parametrize("written", ["Luật Dầu khí năm 1993", "Luat Dau khi nam 1993", "Luat Diu khi nim 1993"])
def test_a_listed_name_keeps_a_word_that_ocr_turned_into_a_stop(written: str) -> None:
    """"khí" without its mark is "khi" (when), which ends a name; a listed name as OCR spells it keeps it."""
    text = f"theo Luật số 77/2015/QH13, {written} đã được sửa đổi, bổ sung một số điều theo Luật số 10/2008/QH12;"
    got = [(x.name, x.year) for x in find_laws(text, fold(text), [], known_law_set())]
    assert got == [(written.rsplit(" ", 2)[0], 1993)]


@pytest.mark.parametrize("written", ["Luật Phổ biến, giáo dục pháp luật", "Luat Ph6 bien, giao duc phap luat",
                                     "Luat Ph& bién, giáo duc phap luat"])
def test_a_listed_name_with_a_comma_goes_on_past_it_as_ocr_spells_it(written: str) -> None:
    """"Luật Phổ biến, giáo dục pháp luật" goes on past its comma; so it does with a digit or sign for a marked vowel."""
    text = f"Căn cứ {written} ngày 20 tháng 6 năm 2012;\n"
    text, folded = read_page(text).text, read_page(text).folded
    assert [(x.name, x.year) for x in find_laws(text, folded, [], known_law_set())] == [(written, 2012)]


def test_a_law_named_at_a_sentence_end_keeps_its_last_word() -> None:
    rec = extract_text(DECREE.format(body="Điều 2. Thực hiện theo quy định của Luật Thủ đô."))
    assert [r.target.title for r in rec.references] == ["Luật Thủ đô"]


@pytest.mark.parametrize("block", ["BỘ TÀI CHÍNH\nTỔNG CỤC HẢI QUAN\n", "BO TAI CHINH\nTONG CUC HAI QUAN\n"])
def test_a_ministrys_body_named_in_its_own_spelling(block: str) -> None:
    """A body of a ministry read from its header block, its marks lost to OCR or not: named as it is written."""
    rec = extract_text(block + "Số: 2135/QĐ-TCHQ\nHà Nội, ngày 31 tháng 7 năm 2015\nQUYẾT ĐỊNH\nVề việc ban hành quy trình\n"
                       "TỔNG CỤC TRƯỞNG TỔNG CỤC HẢI QUAN\nCăn cứ Luật Hải quan số 54/2014/QH13;\n")
    assert rec.document.issuer is not None and rec.document.issuer.name == "Tổng cục Hải quan"


@pytest.mark.parametrize(("block", "issuer"), [
    ("BO TAI CHINH - BO NONG NGHIEP VA PHAT TRIEN NONG THON - BO TAI NGUYEN VA MOI TRUONG\n- BO Y TE -------\n",
     "Bộ Tài chính - Bộ Nông nghiệp và Phát triển nông thôn - Bộ Tài nguyên và Môi trường - Bộ Y tế"),
    ("BỘ TÀI CHÍNH - BỘ TÀI\nNGUYÊN VÀ MÔI TRƯỜNG - BỘ Y TẾ\n", "Bộ Tài chính - Bộ Tài nguyên và Môi trường - Bộ Y tế"),
])
def test_a_joint_agency_block_wrapped(block: str, issuer: str) -> None:
    """A joint circular's agency line wrapped before its last body (the dash left at the wrap) or inside a name."""
    rec = extract_text(block + "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 178/2015/TTLT-BTC-BNNPTNT-BTNMT-BYT\nHà Nội, ngày 12 "
                       "tháng 11 năm 2015\nTHÔNG TƯ LIÊN TỊCH\nHướng dẫn thực hiện cơ chế một cửa quốc gia\n")
    assert rec.document.issuer is not None and rec.document.issuer.name == issuer


_VBHN = ("VĂN PHÒNG QUỐC HỘI\nSố: 13/VBHN-VPQH\nHà Nội, ngày 16 tháng 9 năm 2024\nLUẬT TỔ CHỨC CHÍNH QUYỀN ĐỊA PHƯƠNG\n"
         "Luật Tổ chức chính quyền địa phương số 77/2015/QH13 ngày 19 tháng 6 năm 2015 của Quốc hội, có hiệu lực kể từ "
         "ngày 01 tháng 01 năm 2016, được {amended}:\n1. Luật Quy hoạch số 21/2017/QH14 ngày 24 tháng 11 năm 2017 của Quốc "
         "hội, có hiệu lực kể từ ngày 01 tháng 01 năm 2019;\n2. Luật Đất đai số 31/2024/QH15 ngày 18 tháng 01 năm 2024 của "
         "Quốc hội, có hiệu lực kể từ ngày 01 tháng 8 năm 2024.\nCăn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\n")


@pytest.mark.parametrize("amended", ["sửa đổi, bổ sung bởi", "sua d6i, b6 sung b¢i", "sua ddi, bd sung b&i",
                                     "sua doi, bo sung béi"])
def test_a_consolidated_texts_amending_acts_as_ocr_spells_bởi(amended: str) -> None:
    """"được sửa đổi, bổ sung bởi:" with OCR's signs for its marked vowels still opens the list of amending acts."""
    rec = extract_text(_VBHN.format(amended=amended))
    assert {(d.source.label, d.relation, d.target.label) for d in rec.derived} == {
        ("21/2017/QH14", "amends", "77/2015/QH13"), ("31/2024/QH15", "amends", "77/2015/QH13")}


@pytest.mark.parametrize("gap", [" ", "\n", "\n\n\n\n"])
def test_an_amending_laws_name_over_a_line_or_page_break(gap: str) -> None:
    """No name ends with "của": "Luật sửa đổi, bổ sung một số điều của / Luật Xây dựng" is one name over a break."""
    rec = extract_text(DECREE.format(body=f"Căn cứ Luật Xây dựng ngày 18 tháng 6 năm 2014; Luật sửa đổi, bổ sung một số "
                                          f"điều của{gap}Luật Xây dựng ngày 17 tháng 6 năm 2020;"))
    assert {r.target.label: r.target.year for r in rec.references} == {
        "Luật Xây dựng": 2014, "Luật sửa đổi, bổ sung một số điều của Luật Xây dựng": 2020}


@pytest.mark.parametrize("gap", [" ", "\n"])
def test_what_an_act_does_to_a_law_over_a_wrapped_line(gap: str) -> None:
    """"Nghị định số X … quy định chi tiết một số điều và biện pháp / thi hành Luật Y": X implements Y."""
    rec = extract_text(DECREE.format(body=f"Điều 9. Nghị định số 123/2015/NĐ-CP ngày 15/11/2015 của Chính phủ quy định chi "
                                          f"tiết một số điều và biện pháp{gap}thi hành Luật Hộ tịch tiếp tục được áp dụng."))
    assert {(d.source.label, d.relation, d.target.label) for d in rec.derived} == {
        ("123/2015/NĐ-CP", "implements", "Luật Hộ tịch")}
