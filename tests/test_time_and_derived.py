"""Derived edges a careful reader draws, and time sanity of edges (invented texts)."""

from __future__ import annotations

import pytest

from luocdo.core.model import Instrument
from luocdo.graph.build import build_delta, issued_after
from luocdo.loaders.extract import extract_text

HEAD = "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: 12/KH-UBND\nQuảng Ngãi, ngày {date}\nKẾ HOẠCH\nTriển khai công tác\n"

# ---------------------------------------------------------------------------
# derived edges
# ---------------------------------------------------------------------------

DERIVED = [
    # "X đã được sửa đổi, bổ sung … theo Y, Z": Y and Z amend X
    ("Căn cứ Luật Đầu tư số 61/2020/QH14 đã được sửa đổi, bổ sung một số điều theo Luật số 72/2020/QH14 "
     "và Luật số 03/2022/QH15;",
     {("72/2020/QH14@2020", "amends", "61/2020/QH14@2020"), ("03/2022/QH15@2022", "amends", "61/2020/QH14@2020")}),
    # the same with its date between
    ("Căn cứ Luật Giá số 11/2012/QH13 ngày 20 tháng 6 năm 2012 đã được sửa đổi, bổ sung theo Luật số 61/2014/QH13;",
     {("61/2014/QH13@2014", "amends", "11/2012/QH13@2012")}),
    # OCR'd, diacritics lost
    ("Can cu Luat Gia so 11/2012/QH13 da duoc sua doi, bo sung mot so dieu theo Luat so 61/2014/QH13;",
     {("61/2014/QH13@2014", "amends", "11/2012/QH13@2012")}),
    # a decision issuing a plan that implements a resolution: kept
    ("Thực hiện Quyết định số 327/QĐ-UBND ngày 10/3/2025 của UBND tỉnh ban hành Kế hoạch hành động thực hiện "
     "Nghị quyết số 71/NQ-CP ngày 01/4/2024 của Chính phủ;",
     {("327/QĐ-UBND@2025@quang-ngai", "implements", "71/NQ-CP@2024")}),
]


@pytest.mark.parametrize(("body", "expected"), DERIVED)
def test_derived_edges(body: str, expected: set) -> None:
    rec = extract_text(HEAD.format(date="05 tháng 8 năm 2025") + body + "\n")
    got = {(d.source.key, d.relation, d.target.key) for d in rec.derived}
    assert got == expected
    for d in rec.derived:
        assert d.mentions and d.mentions[0].text


NOT_RELATED = [
    # two items of one list: neither rests on the other
    "Căn cứ Luật Quảng cáo số 16/2012/QH13, Luật Xây dựng số 50/2014/QH13 và Luật Đầu tư số 61/2020/QH14;",
    # the amendments belong to the law named between, not to the first
    "Căn cứ Luật số 77/2015/QH13, Luật Dầu khí năm 1993 đã được sửa đổi, bổ sung một số điều theo Luật số 19/2000/QH10;",
]


@pytest.mark.parametrize("body", NOT_RELATED)
def test_no_derived_edge(body: str) -> None:
    rec = extract_text(HEAD.format(date="05 tháng 8 năm 2025") + body + "\n")
    assert rec.derived == ()


# ---------------------------------------------------------------------------
# time
# ---------------------------------------------------------------------------


def _i(key: str, date: str | None = None, year: int | None = None) -> Instrument:
    return Instrument(key=key, type="NQ", date=date, year=year or (int(date[:4]) if date else None))


ORDER = [
    (_i("a", "2025-08-05"), _i("b", "2024-12-22"), None),
    (_i("a", "2025-08-05"), _i("b", "2025-08-05"), None),  # the same day: possible
    (_i("a", "2025-08-05"), _i("b", "2025-09-01"), "2025-09-01 after 2025-08-05"),
    (_i("a", year=2020), _i("b", year=2024), "2024 after 2020"),
    (_i("a", year=2024), _i("b"), None),  # unknown: no flag
    (_i("a"), _i("b", "2025-09-01"), None),
]


@pytest.mark.parametrize(("src", "dst", "why"), ORDER)
def test_issued_after(src: Instrument, dst: Instrument, why: str | None) -> None:
    assert issued_after(src, dst) == why


TIME = [
    # based on a decree of a later date: flagged, drawn as a citation
    ("Căn cứ Nghị định số 30/2026/NĐ-CP ngày 01 tháng 3 năm 2026 của Chính phủ;", "30/2026/NĐ-CP@2026", "CITES", True),
    ("Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;", "57-NQ/TW@2024", "IMPLEMENTS", False),
    ("Thực hiện Kế hoạch số 99/KH-UBND ngày 10/10/2025 của UBND tỉnh;", "99/KH-UBND@2025@quang-ngai", "CITES", True),
]


@pytest.mark.parametrize(("body", "target", "rel", "flagged"), TIME)
def test_time_sanity_of_edges(body: str, target: str, rel: str, flagged: bool) -> None:
    rec = extract_text(HEAD.format(date="05 tháng 8 năm 2025") + body + "\n", source="x.txt")
    delta = build_delta(rec, "x.txt", "x.txt", "h")
    edge = next(e for e in delta.edges if e.dst == target and e.src == rec.document.key)
    assert edge.rel == rel
    assert ("flag" in edge.values) is flagged
    if flagged:
        assert "issued after it" in edge.values["flag"]
        assert any("issued after it" in w for w in delta.warnings)


def _head(date_line: str, number: str = "Số: 12/KH-UBND", kind: str = "KẾ HOẠCH") -> str:
    return f"ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\n{number}\n{date_line}\n{kind}\nTriển khai công tác\n"


STATED = [
    # (head, body, target, relation drawn, flagged)
    # its own date blank (a draft, a copy): the full date the text states for what it cites stands
    (_head("Quảng Ngãi, ngày      tháng      năm 2024"),
     "Thực hiện Kế hoạch số 50/KH-UBND ngày 12/01/2025 của UBND tỉnh;", "50/KH-UBND@2025@quang-ngai", "IMPLEMENTS", False),
    (_head("Quang Ngai, ngay      thang      nam 2024"),  # OCR: diacritics lost
     "Thuc hien Ke hoach so 50/KH-UBND ngay 12/01/2025 cua UBND tinh;", "50/KH-UBND@2025@quang-ngai", "IMPLEMENTS", False),
    (_head("Quảng Ngãi, ngày      tháng      năm 2024", "Số:      /BC-UBND", "BÁO CÁO"),
     "Thực hiện Kế hoạch số 50/KH-UBND ngày 12/01/2025 của UBND tỉnh, UBND tỉnh báo cáo kết quả như sau:",
     "50/KH-UBND@2025@quang-ngai", "REPORTS_ON", False),
    (_head("DỰ THẢO\nQuảng Ngãi, ngày      tháng      năm 2024"),
     "Căn cứ Nghị định số 50/2025/NĐ-CP ngày 12 tháng 01 năm 2025 của Chính phủ;", "50/2025/NĐ-CP@2025", "BASED_ON", False),
    # its own date stated in full: the order is the text's, the edge is flagged
    (_head("Quảng Ngãi, ngày 10 tháng 12 năm 2024"),
     "Thực hiện Kế hoạch số 50/KH-UBND ngày 12/01/2025 của UBND tỉnh;", "50/KH-UBND@2025@quang-ngai", "CITES", True),
    (_head("Quang Ngai, ngay 10 thang 12 nam 2024"),
     "Thuc hien Ke hoach so 50/KH-UBND ngay 12/01/2025 cua UBND tinh;", "50/KH-UBND@2025@quang-ngai", "CITES", True),
    # what it cites has a year only: nothing explicit, flagged
    (_head("Quảng Ngãi, ngày      tháng      năm 2024"),
     "Căn cứ Nghị định số 50/2025/NĐ-CP của Chính phủ;", "50/2025/NĐ-CP@2025", "CITES", True),
    # a year in its own number fixes its year: flagged
    (_head("Quảng Ngãi, ngày      tháng      năm 2024", "Số: 12/2024/QĐ-UBND", "QUYẾT ĐỊNH"),
     "Căn cứ Nghị định số 50/2025/NĐ-CP ngày 12 tháng 01 năm 2025 của Chính phủ;", "50/2025/NĐ-CP@2025", "CITES", True),
]


@pytest.mark.parametrize(("head", "body", "target", "rel", "flagged"), STATED)
def test_a_later_date_the_text_states(head: str, body: str, target: str, rel: str, flagged: bool) -> None:
    rec = extract_text(head + body + "\n", source="x.txt")
    delta = build_delta(rec, "x.txt", "x.txt", "h")
    edge = next(e for e in delta.edges if e.dst == target and e.src == rec.document.key)
    assert (edge.rel, "flag" in edge.values) == (rel, flagged)
    if not flagged:  # said, and the document is dated no earlier than what it cites
        assert rec.date_not_before is not None and rec.date_not_before >= "2025-01-12"
        assert any("not stated in full" in w for w in delta.warnings)


def test_a_derived_edge_to_a_later_document_stays_flagged() -> None:
    """Inside a citation the source's date is the citation's: no explicit statement, flagged."""
    body = ("Căn cứ Quyết định số 10/QĐ-UBND của UBND tỉnh ban hành Kế hoạch thực hiện "
            "Nghị quyết số 05/NQ-CP ngày 05/01/2025 của Chính phủ;")
    rec = extract_text(_head("Quảng Ngãi, ngày      tháng      năm 2024") + body + "\n", source="x.txt")
    delta = build_delta(rec, "x.txt", "x.txt", "h")
    derived = [e for e in delta.edges if e.values.get("derived") and e.dst.startswith("05/NQ-CP")]
    assert derived and all(e.rel == "CITES" and "flag" in e.values for e in derived)
