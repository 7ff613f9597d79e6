"""The smaller classes seen on unseen documents and the OCR cues, each over clean text, text with its
diacritics lost and OCR-garbled text (invented texts)."""

from __future__ import annotations

import random
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

from luocdo.core.model import DocumentRecord
from luocdo.loaders.extract import extract_text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from generate import garble  # noqa: E402


def _no_diacritics(text: str) -> str:
    out = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
    return out.replace("đ", "d").replace("Đ", "D")


PLAN = "UBND TỈNH QUẢNG NGÃI\nSỞ Y TẾ\nSố: 15/KH-SYT\nQuảng Ngãi, ngày 05 tháng 8 năm 2025\nKẾ HOẠCH\nTriển khai công tác y tế\n"
LETTER = "UBND TỈNH QUẢNG NGÃI\nSỞ Y TẾ\nSố: 1520/SYT-NVY\nQuảng Ngãi, ngày 05 tháng 8 năm 2025\nV/v triển khai công tác\n"
REPORT = "UBND TỈNH QUẢNG NGÃI\nSố: 215/BC-UBND\nQuảng Ngãi, ngày 05 tháng 8 năm 2025\nBÁO CÁO\nKết quả công tác 6 tháng đầu năm 2025\n"
_FILLER = "Tình hình kinh tế xã hội ổn định, các ngành đều đạt kết quả. " * 40


def _rels(rec: DocumentRecord) -> dict[str, str]:
    return {r.target.label: r.relation for r in rec.references}


Check = Callable[[DocumentRecord], bool]

CLASSES: list[tuple[str, str, Check]] = [
    # "Thực hiện …" after "Kính gửi: …", on its own line or the same one
    ("after Kính gửi", LETTER + "Kính gửi: Các phòng, đơn vị trực thuộc.\nThực hiện Công văn số 627/BYT-BH ngày "
     "03/02/2025 của Bộ Y tế, Sở Y tế đề nghị các đơn vị triển khai.\n", lambda r: _rels(r) == {"627/BYT-BH": "implements"}),
    ("after Kính gửi, same line", LETTER + "Kính gửi: Các phòng, đơn vị trực thuộc. Thực hiện Công văn số 627/BYT-BH "
     "ngày 03/02/2025 của Bộ Y tế, Sở Y tế đề nghị.\n", lambda r: _rels(r) == {"627/BYT-BH": "implements"}),
    ("after a Kính gửi list", LETTER.replace("V/v triển khai công tác\n", "") + "V/v triển khai công tác\nKính gửi: - Các phòng, "
     "đơn vị trực thuộc;\n- Trung tâm Y tế các huyện.\nThực hiện Công văn số 627/BYT-BH ngày 03/02/2025 của Bộ Y tế, Sở Y tế đề nghị.\n",
     lambda r: _rels(r) == {"627/BYT-BH": "implements"}),
    # deep in a report's body, under a heading, after an item number
    ("deep in a report", REPORT + "I. TÌNH HÌNH CHUNG\n" + _FILLER + "\nII. KẾT QUẢ\n1. Công tác chuyển đổi số\nThực hiện Kế hoạch "
     "số 82/KH-UBND ngày 17/4/2025 của UBND tỉnh, các sở ngành đã triển khai.\n", lambda r: _rels(r) == {"82/KH-UBND": "reports_on"}),
    ("deep, after an item number", REPORT + "I. KẾT QUẢ\nNội dung.\n3. Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ "
     "Chính trị, tỉnh đã ban hành kế hoạch.\n", lambda r: _rels(r) == {"57-NQ/TW": "reports_on"}),
    # "N năm thực hiện X" looks back: no cue
    ("N năm thực hiện", PLAN + "I. TÌNH HÌNH\nQua 3 năm thực hiện Kế hoạch số 82/KH-UBND ngày 17/4/2022 của UBND tỉnh, kết quả tốt.\n",
     lambda r: _rels(r) == {"82/KH-UBND": "cites"}),
    # form codes are not citations
    ("form codes", PLAN + "Báo cáo theo mẫu số 05/ABC/XYZ ban hành kèm theo; hồ sơ theo Mẫu số 02/TNMT/KH và biểu số 03/BC-TK.\n",
     lambda r: _rels(r) == {}),
    # a date written just before a citation belongs to it (in figures or in words)
    ("date before, figures", PLAN + "Ngày 12/8/2025, Ủy ban nhân dân tỉnh ban hành Kế hoạch số 145/KH-UBND về triển khai.\n",
     lambda r: [x.target.date for x in r.references] == ["2025-08-12"]),
    ("date before, words", PLAN + "Ngày 12 tháng 8 năm 2025, UBND tỉnh ban hành Kế hoạch số 145/KH-UBND về triển khai.\n",
     lambda r: [x.target.date for x in r.references] == ["2025-08-12"]),
    # a self-citation followed by "năm YYYY" is still one
    ("self-citation with its year", PLAN + "Các đơn vị thực hiện Kế hoạch số 15/KH-SYT năm 2025 của Sở Y tế.\n",
     lambda r: _rels(r) == {}),
    # a body-only text never takes its own date from a cited instrument
    ("body-only date", "Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị, Sở Y tế xây dựng kế hoạch như sau:\n"
     "I. MỤC ĐÍCH\nNội dung.\n", lambda r: r.document.date is None),
    # the issuer from the symbol's agency code when no header names one
    ("issuer from the code", "Số: 12/2024/TT-BTC\nHà Nội, ngày 05 tháng 8 năm 2024\nTHÔNG TƯ\nHướng dẫn\n",
     lambda r: r.document.issuer is not None and r.document.issuer.id == "ministry:bo-tai-chinh"),
    # an issuer header not at the start of its line, or in a table
    ("indented header", "      ỦY BAN NHÂN DÂN                 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n      TỈNH QUẢNG NGÃI        "
     "          Độc lập - Tự do - Hạnh phúc\nSố: 82/KH-UBND       Quảng Ngãi, ngày 05 tháng 8 năm 2025\nKẾ HOẠCH\nTriển khai\n",
     lambda r: r.document.issuer is not None and r.document.issuer.id == "province:51"),
    ("header in a table", "| ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n| SỞ Y TẾ | Độc lập - Tự do - "
     "Hạnh phúc |\n| Số: 82/KH-SYT | Quảng Ngãi, ngày 05 tháng 8 năm 2025 |\nKẾ HOẠCH\nTriển khai\n",
     lambda r: r.document.issuer is not None and r.document.issuer.id == "dept:51:so-y-te"),
    # a type from the title when the symbol carries no type code
    ("type from the title", "UBND TỈNH QUẢNG NGÃI\nSỞ Y TẾ\nSố: 82/SYT\nQuảng Ngãi, ngày 05 tháng 8 năm 2025\nKẾ HOẠCH\nTriển khai\n",
     lambda r: (r.document.type, r.document.symbol) == ("KH", "SYT")),
    ("type from the title, report", "UBND TỈNH QUẢNG NGÃI\nSố: 82/UBND\nQuảng Ngãi, ngày 05 tháng 8 năm 2025\nBÁO CÁO\nKết quả\n",
     lambda r: r.document.type == "BC"),
    ("a letter stays a letter", LETTER, lambda r: r.document.type == "CV"),
    # OCR cues: "Can ct", "Can cw", "Can ctv"; "Số:" as "$6:"; "TTg" as "ITG"
    ("Can ct, ITG", PLAN + "Can ct Quyết định số 299/QĐ-ITG ngày 01/02/2024 của Thủ tướng Chính phủ;\n",
     lambda r: _rels(r) == {"299/QĐ-TTg": "based_on"}),
    ("Can cw, Can ctv", PLAN + "Can ctv Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;\nCan cw Nghị định số "
     "30/2020/NĐ-CP ngày 05/3/2020;\n", lambda r: _rels(r).get("30/2020/NĐ-CP") == "based_on"),
    ("$6:", LETTER.replace("Số:", "$6:") + "Thực hiện Công văn số 627/BYT-BH ngày 03/02/2025 của Bộ Y tế.\n",
     lambda r: r.document.number == "1520" and _rels(r) == {"627/BYT-BH": "implements"}),
    # a list item cut by a blank line, and a "Căn cứ:" list
    ("cue cut by a blank line", PLAN + "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ;\nCăn cứ Quyết định\n\nsố "
     "12/QĐ-UBND ngày 01/02/2025 của UBND tỉnh;\nI. MỤC ĐÍCH\n", lambda r: _rels(r).get("12/QĐ-UBND") == "based_on"),
    ("a 'Căn cứ:' list", PLAN + "Căn cứ:\n- Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ;\n- Quyết định số 12/QĐ-UBND "
     "ngày 01/02/2025 của UBND tỉnh;\nI. MỤC ĐÍCH\n", lambda r: _rels(r) == {"30/2020/NĐ-CP": "based_on", "12/QĐ-UBND": "based_on"}),
    ("a list cut by a blank line", PLAN + "Thực hiện:\n- Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;\n\n- Kế hoạch "
     "số 82/KH-UBND ngày 17/4/2025 của UBND tỉnh;\nSở Y tế xây dựng Kế hoạch như sau:\nI. MỤC ĐÍCH\n",
     lambda r: _rels(r) == {"57-NQ/TW": "implements", "82/KH-UBND": "implements"}),
    ("a list under a heading is no cue", PLAN + "I. MỤC ĐÍCH\nCác nội dung:\n- Kế hoạch số 82/KH-UBND ngày 17/4/2025 của UBND tỉnh;\n",
     lambda r: _rels(r) == {"82/KH-UBND": "cites"}),
]


@pytest.mark.parametrize(("name", "text", "check"), CLASSES, ids=[c[0] for c in CLASSES])
@pytest.mark.parametrize("variant", ["clean", "no diacritics"])
def test_class(name: str, text: str, check: Check, variant: str) -> None:
    rec = extract_text(text if variant == "clean" else _no_diacritics(text))
    assert check(rec), (_rels(rec), rec.document)


@pytest.mark.parametrize(("name", "text", "check"), CLASSES, ids=[c[0] for c in CLASSES])
@pytest.mark.parametrize("seed", range(4))
def test_class_garbled(name: str, text: str, check: Check, seed: int) -> None:
    """OCR confusions (ô→é, ă→i, o→0, lost diacritics …) at half strength."""
    rec = extract_text(garble(text, random.Random(seed), strength=0.5))
    assert check(rec), (_rels(rec), rec.document)
