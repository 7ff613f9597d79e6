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
