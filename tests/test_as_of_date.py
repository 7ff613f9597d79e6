"""Issuers as of their date: units of before 1 July 2025 and SUCCEEDED_BY (invented texts)."""

from __future__ import annotations

from pathlib import Path

import pytest

from luocdo.core.registry import registry
from luocdo.graph.build import build_delta
from luocdo.graph.ladybug_store import LadybugStore
from luocdo.loaders.extract import extract_text

FORMER = [
    # (phrase, context province, id, name, successors)
    ("UBND tỉnh Kon Tum", None, "former:province:kon-tum", "Kon Tum", ["province:51"]),
    ("ỦY BAN NHÂN DÂN TỈNH BÌNH THUẬN", None, "former:province:binh-thuan", "Bình Thuận", None),
    ("UBND tỉnh Bà Rịa - Vũng Tàu", None, "former:province:ba-ria-vung-tau", "Bà Rịa-Vũng Tàu", None),
    ("UBND huyện Sơn Tịnh", "Quảng Ngãi", "former:district:quang-ngai--huyen-son-tinh", "Huyện Sơn Tịnh", None),
    ("UBND thành phố Kon Tum", "Kon Tum", "former:district:kon-tum--thanh-pho-kon-tum", "Thành phố Kon Tum", None),  # the city, not the province
    ("Uy ban nhan dan huyen Dak Ha", "Quảng Ngãi", "former:district:kon-tum--huyen-dak-ha", "Huyện Đắk Hà", None),  # no diacritics
    ("UBND xã Tịnh Minh", "Quảng Ngãi", "former:commune:quang-ngai--huyen-son-tinh--xa-tinh-minh", "Xã Tịnh Minh", None),
    ("UBND thị xã Tịnh Biên", "An Giang", "former:district:an-giang--thi-xa-tinh-bien", "Thị xã Tịnh Biên", None),
    # OCR's "j" for "ị", "P" for "Đ" (no place name has a "j")
    ("Uy ban nhan dan tinh Binh Pjnh", None, "former:province:binh-dinh", "Bình Định", None),
    ("UBND tinh Binh Djnh", None, "former:province:binh-dinh", "Bình Định", None),
    # a province that kept its name, today's cities, and an ambiguous district name: not former units
    ("UBND tỉnh Quảng Ngãi", None, None, None, None),
    ("UBND Thành phố Hà Nội", None, None, None, None),
    ("UBND huyện Châu Thành", "Tây Ninh", None, None, None),  # Tây Ninh and Long An both had one
    ("Sở Y tế", "Quảng Ngãi", None, None, None),
    ("UBND xã Sơn Mai", "Quảng Ngãi", None, None, None),  # a commune of today's name: today's
    ("UBND xã Tịnh Minh", None, None, None, None),  # commune names repeat: the province is needed
]


@pytest.mark.parametrize(("phrase", "province", "org_id", "name", "succ"), FORMER)
def test_former_units(phrase, province, org_id, name, succ) -> None:
    reg = registry()
    org = reg.former(phrase, province)
    assert (org.id if org else None) == org_id
    if org is None:
        return
    assert org.name == name
    assert reg.by_id(org.id) == org  # rebuilt from its id in another process
    successors = [o.id for o in reg.successors(org)]
    assert successors  # every former unit reaches today's
    if succ is not None:
        assert successors == succ
    if org.level == "district":
        assert all(o.level == "commune" for o in reg.successors(org))


def _doc(head: str, number: str, place_date: str, body: str) -> str:
    return f"ỦY BAN NHÂN DÂN\n{head}\nSố: {number}\n{place_date}\nKẾ HOẠCH\nTriển khai công tác\n{body}\n"


ISSUERS = [
    # before July 2025: the issuer as it then was
    (_doc("TỈNH KON TUM", "739/KH-UBND", "Kon Tum, ngày 12 tháng 3 năm 2018", ""),
     "739/KH-UBND@2018@kon-tum", "UBND tỉnh Kon Tum", "former:province:kon-tum"),
    (_doc("HUYỆN SƠN TỊNH", "45/KH-UBND", "Sơn Tịnh, ngày 20 tháng 3 năm 2020", ""),
     "45/KH-UBND@2020@quang-ngai/huyen-son-tinh", "UBND huyện Sơn Tịnh", "former:district:quang-ngai--huyen-son-tinh"),
    (_doc("XÃ TỊNH MINH", "15/KH-UBND", "Tịnh Minh, ngày 20 tháng 3 năm 2021", "Trên địa bàn xã, tỉnh Quảng Ngãi."),
     "15/KH-UBND@2021@quang-ngai/tinh-minh", "Xã Tịnh Minh", "former:commune:quang-ngai--huyen-son-tinh--xa-tinh-minh"),
    # the same province name after the merger, and a province that kept its name before it: today's
    (_doc("TỈNH QUẢNG NGÃI", "739/KH-UBND", "Quảng Ngãi, ngày 20 tháng 3 năm 2018", ""),
     "739/KH-UBND@2018@quang-ngai", "UBND tỉnh Quảng Ngãi", "province:51"),
    (_doc("TỈNH QUẢNG NGÃI", "82/KH-UBND", "Quảng Ngãi, ngày 18 tháng 8 năm 2025", ""),
     "82/KH-UBND@2025@quang-ngai", "UBND tỉnh Quảng Ngãi", "province:51"),
]


@pytest.mark.parametrize(("text", "key", "name", "org_id"), ISSUERS)
def test_issuer_as_of_its_date(text: str, key: str, name: str, org_id: str) -> None:
    doc = extract_text(text).document
    assert (doc.key, doc.issuer.name, doc.issuer.id) == (key, name, org_id)


CITED = [
    ("Căn cứ Kế hoạch số 739/KH-UBND ngày 12/3/2018 của UBND tỉnh Kon Tum;", "739/KH-UBND@2018@kon-tum", "former:province:kon-tum"),
    ("Căn cứ Kế hoạch số 45/KH-UBND ngày 10/3/2021 của UBND huyện Sơn Tịnh;", "45/KH-UBND@2021@quang-ngai/huyen-son-tinh",
     "former:district:quang-ngai--huyen-son-tinh"),
    ("Căn cứ Kế hoạch số 50/KH-UBND ngày 12/9/2025 của UBND tỉnh Quảng Ngãi;", "50/KH-UBND@2025@quang-ngai", "province:51"),
]


@pytest.mark.parametrize(("body", "key", "org_id"), CITED)
def test_cited_issuer_as_of_its_date(body: str, key: str, org_id: str) -> None:
    rec = extract_text(_doc("TỈNH QUẢNG NGÃI", "90/KH-UBND", "Quảng Ngãi, ngày 18 tháng 10 năm 2025", body))
    ref = next(r for r in rec.references if r.target.key == key)
    assert ref.target.issuer.id == org_id


def test_two_provinces_same_number_stay_two_and_reach_today(tmp_path: Path) -> None:
    texts = {
        "kt.txt": _doc("TỈNH KON TUM", "739/KH-UBND", "Kon Tum, ngày 12 tháng 3 năm 2018",
                       "Thực hiện Nghị quyết số 19-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương;"),
        "qn.txt": _doc("TỈNH QUẢNG NGÃI", "739/KH-UBND", "Quảng Ngãi, ngày 20 tháng 3 năm 2018",
                       "Thực hiện Nghị quyết số 19-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương;"),
    }
    deltas = [build_delta(extract_text(t, source=n), n, n, f"h-{n}") for n, t in texts.items()]
    with LadybugStore(tmp_path / "s.db") as s:
        s.apply(deltas)
        keys = {r["k"] for r in s.read("MATCH (d:Document) WHERE d.key STARTS WITH '739/' RETURN d.key AS k")}
        assert keys == {"739/KH-UBND@2018@kon-tum", "739/KH-UBND@2018@quang-ngai"}
        rows = s.read("MATCH (a:Organization {id: 'former:province:kon-tum'})-[:SUCCEEDED_BY]->(b:Organization) RETURN b.id AS id")
        assert [r["id"] for r in rows] == ["province:51"]
        from luocdo.queries import gaps

        # Kon Tum's plan of 2018 counts for today's Quảng Ngãi, which took Kon Tum over
        report = gaps(s, "19-NQ/TW", scope="national")
        qn = next(u for u in report.units if u.org.id == "province:51")
        assert qn.status == "has_plan"
        assert {d.key for d in qn.documents} >= {"739/KH-UBND@2018@kon-tum", "739/KH-UBND@2018@quang-ngai"}


def _central(block: str, number: str, title: str = "QUYẾT ĐỊNH\\nVề việc ban hành quy trình") -> str:
    return (f"{block}\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: {number}\n"
            f"Hà Nội, ngày 10 tháng 7 năm 2024\n{title}\nBỘ TRƯỞNG BỘ Y TẾ\nCăn cứ Luật Dược;\n"
            "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nNguyễn Văn A\n")


CENTRAL_ISSUERS = [
    ("BỘ Y TẾ\n-------", "3500/QĐ-BYT", "Bộ Y tế", "ministry:bo-y-te"),
    ("VĂN PHÒNG QUỐC HỘI\n-------", "02/VBHN-VPQH", "Văn phòng Quốc hội", "central:van-phong-quoc-hoi"),
    ("QUỐC HỘI ******", "45/2013/QH13", "Quốc hội", "central:quoc-hoi"),
    ("VĂN PHÒNG CHÍNH PHỦ", "2739/VPCP-ĐMDN", "Văn phòng Chính phủ", "central:van-phong-chinh-phu"),
    ("BẢO HIỂM XÃ HỘI VIỆT NAM", "1234/QĐ-BHXH", "Bảo hiểm xã hội Việt Nam", "ministry:bao-hiem-xa-hoi-viet-nam"),
    ("HỘI ĐỒNG THẨM PHÁN TÒA ÁN NHÂN DÂN TỐI CAO -------", "01/2020/NQ-HĐTP",
     "Hội đồng Thẩm phán Tòa án nhân dân tối cao", "central:hoi-dong-tham-phan-toa-an-nhan-dan-toi-cao"),
    # a body of a ministry: named as written, tied to its ministry
    ("BỘ TÀI CHÍNH TỔNG CỤC HẢI QUAN -------", "2135/QĐ-TCHQ", "Tổng cục Hải quan", "ministry:bo-tai-chinh"),
    # a joint circular: every ministry of the block, never the signer's title
    ("BỘ TÀI CHÍNH - BỘ Y TẾ -------", "178/2015/TTLT-BTC-BYT", "Bộ Tài chính - Bộ Y tế", "ministry:bo-tai-chinh"),
]


@pytest.mark.parametrize(("block", "number", "name", "org_id"), CENTRAL_ISSUERS)
def test_central_issuer_from_the_agency_block(block: str, number: str, name: str, org_id: str) -> None:
    issuer = extract_text(_central(block, number)).document.issuer
    assert (issuer.name, issuer.id) == (name, org_id)


def _dept_doc(block: str, number: str, place_date: str, body: str = "") -> str:
    return (f"{block}\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: {number}\n{place_date}\nKẾ HOẠCH\n"
            f"Triển khai công tác\n{body}\n")


DEPARTMENTS_THEN = [
    # (agency block, number, date line, key, issuer id, its successor today)
    ("UBND TỈNH KON TUM\nSỞ Y TẾ", "120/KH-SYT", "Kon Tum, ngày 12 tháng 3 năm 2020",
     "120/KH-SYT@2020@kon-tum", "former:department:kon-tum--so-y-te", "dept:51:so-y-te"),
    ("SỞ Y TẾ TỈNH KON TUM", "121/KH-SYT", "Kon Tum, ngày 12 tháng 3 năm 2020",
     "121/KH-SYT@2020@kon-tum", "former:department:kon-tum--so-y-te", "dept:51:so-y-te"),
    ("UY BAN NHAN DAN TINH KON TUM\nSO Y TE", "122/KH-SYT", "Kon Tum, ngay 12 thang 3 nam 2020",  # diacritics lost
     "122/KH-SYT@2020@kon-tum", "former:department:kon-tum--so-y-te", "dept:51:so-y-te"),
    # a department merged into another in 2025: today's is the one that took it over
    ("UBND TỈNH KON TUM\nSỞ THÔNG TIN VÀ TRUYỀN THÔNG", "12/KH-STTTT", "Kon Tum, ngày 12 tháng 3 năm 2021",
     "12/KH-STTTT@2021@kon-tum", "former:department:kon-tum--so-thong-tin-va-truyen-thong", "dept:51:so-khoa-hoc-va-cong-nghe"),
    ("ĐẢNG BỘ TỈNH KON TUM\nTỈNH ỦY KON TUM", "359-KH/TU", "Kon Tum, ngày 12 tháng 3 năm 2019",
     "359-KH/TU@2019@kon-tum", "former:party:kon-tum--tinh-uy", "party:51:tinh-uy"),
    ("ĐẢNG BỘ TỈNH KON TUM\nTỈNH ỦY", "360-KH/TU", "Kon Tum, ngày 12 tháng 3 năm 2019",
     "360-KH/TU@2019@kon-tum", "former:party:kon-tum--tinh-uy", "party:51:tinh-uy"),
    # the same number, the department of the province that kept its name, and after July 2025: today's
    ("UBND TỈNH QUẢNG NGÃI\nSỞ Y TẾ", "120/KH-SYT", "Quảng Ngãi, ngày 12 tháng 3 năm 2020",
     "120/KH-SYT@2020@quang-ngai", "dept:51:so-y-te", None),
    ("UBND TỈNH QUẢNG NGÃI\nSỞ Y TẾ", "120/KH-SYT", "Quảng Ngãi, ngày 12 tháng 8 năm 2025",
     "120/KH-SYT@2025@quang-ngai", "dept:51:so-y-te", None),
]


@pytest.mark.parametrize(("block", "number", "date_line", "key", "org_id", "succ"), DEPARTMENTS_THEN)
def test_department_of_a_former_province(block, number, date_line, key, org_id, succ) -> None:
    rec = extract_text(_dept_doc(block, number, date_line))
    assert (rec.document.key, rec.document.issuer.id) == (key, org_id)
    delta = build_delta(rec, "s", "s", "h")
    got = sorted(e.dst for e in delta.edges if e.rel == "SUCCEEDED_BY" and e.src == org_id)
    assert got == ([succ] if succ else [])
    reg = registry()
    org = reg.by_id(org_id)
    if succ:  # tied to its province of the time, which reaches today's
        assert org.parent_id.startswith("former:province:")
        assert type(reg)().by_id(org_id) == org  # rebuilt from its id in another process


CITED_DEPARTMENTS = [
    # (citing block, its date line, body, cited key, cited issuer id)
    ("UBND TỈNH QUẢNG NGÃI\nSỞ Y TẾ", "Quảng Ngãi, ngày 12 tháng 8 năm 2025",
     "Căn cứ Kế hoạch số 10/KH-SYT ngày 01/02/2020 của Sở Y tế tỉnh Kon Tum;", "10/KH-SYT@2020@kon-tum",
     "former:department:kon-tum--so-y-te"),
    ("UBND TỈNH KON TUM\nSỞ Y TẾ", "Kon Tum, ngày 12 tháng 3 năm 2020",  # its own former province
     "Căn cứ Kế hoạch số 10/KH-SYT ngày 01/02/2020 của Sở Y tế;", "10/KH-SYT@2020@kon-tum", "former:department:kon-tum--so-y-te"),
    ("UBND TỈNH KON TUM\nSỞ Y TẾ", "Kon Tum, ngày 12 tháng 3 năm 2020",
     "Căn cứ Kế hoạch số 10/KH-SYT ngày 01/02/2020;", "10/KH-SYT@2020@kon-tum", "former:department:kon-tum--so-y-te"),
    ("UBND TỈNH QUẢNG NGÃI\nSỞ Y TẾ", "Quảng Ngãi, ngày 12 tháng 8 năm 2025",  # dated after July 2025: today's
     "Căn cứ Kế hoạch số 10/KH-SYT ngày 01/08/2025 của Sở Y tế;", "10/KH-SYT@2025@quang-ngai", "dept:51:so-y-te"),
    ("UBND TỈNH QUẢNG NGÃI\nSỞ Y TẾ", "Quảng Ngãi, ngày 12 tháng 8 năm 2025",  # kept its name: today's
     "Căn cứ Kế hoạch số 10/KH-SYT ngày 01/02/2020 của Sở Y tế tỉnh Quảng Ngãi;", "10/KH-SYT@2020@quang-ngai", "dept:51:so-y-te"),
]


@pytest.mark.parametrize(("block", "date_line", "body", "key", "org_id"), CITED_DEPARTMENTS)
def test_cited_department_as_of_its_date(block, date_line, body, key, org_id) -> None:
    rec = extract_text(_dept_doc(block, "90/KH-SYT", date_line, body))
    ref = next(r for r in rec.references if r.target.key == key)
    assert ref.target.issuer.id == org_id


def test_two_departments_same_number_stay_two_and_reach_today(tmp_path: Path) -> None:
    body = "Thực hiện Nghị quyết số 19-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương;"
    texts = {
        "kt.txt": _dept_doc("UBND TỈNH KON TUM\nSỞ Y TẾ", "120/KH-SYT", "Kon Tum, ngày 12 tháng 3 năm 2020", body),
        "qn.txt": _dept_doc("UBND TỈNH QUẢNG NGÃI\nSỞ Y TẾ", "120/KH-SYT", "Quảng Ngãi, ngày 20 tháng 3 năm 2020", body),
    }
    deltas = [build_delta(extract_text(t, source=n), n, n, f"h-{n}") for n, t in texts.items()]
    with LadybugStore(tmp_path / "s.db") as s:
        s.apply(deltas)
        keys = {r["k"] for r in s.read("MATCH (d:Document) WHERE d.key STARTS WITH '120/' RETURN d.key AS k")}
        assert keys == {"120/KH-SYT@2020@kon-tum", "120/KH-SYT@2020@quang-ngai"}
        rows = s.read("MATCH (a:Organization {id: 'former:department:kon-tum--so-y-te'})-[:SUCCEEDED_BY|PART_OF]->(b) "
                      "RETURN b.id AS id ORDER BY id")
        assert [r["id"] for r in rows] == ["dept:51:so-y-te", "former:province:kon-tum"]


PROVINCE_FROM_BELOW = [
    # (citing unit's line, its date line, body, cited key, cited issuer id): "của UBND tỉnh" with no name, in a paper of
    # a district or commune of a province merged in 2025, is that province as it then was, dated or not
    ("HUYỆN PHÙ CÁT", "Phù Cát, ngày 12 tháng 4 năm 2023",
     "Thực hiện Kế hoạch số 45/KH-UBND ngày 20/3/2023 của UBND tỉnh về phát triển du lịch;",
     "45/KH-UBND@2023@binh-dinh", "former:province:binh-dinh"),
    ("HUYỆN PHÙ CÁT", "Phù Cát, ngày 12 tháng 4 năm 2023",
     "Thực hiện Kế hoạch số 47/KH-UBND của UBND tỉnh về phát triển du lịch;", "47/KH-UBND@?@binh-dinh",
     "former:province:binh-dinh"),
    ("XÃ CÁT HANH\nHUYỆN PHÙ CÁT", "Cát Hanh, ngày 12 tháng 5 năm 2023",
     "Thực hiện Kế hoạch số 45/KH-UBND ngày 20/3/2023 của Ủy ban nhân dân tỉnh về phát triển du lịch;",
     "45/KH-UBND@2023@binh-dinh", "former:province:binh-dinh"),
    # after July 2025 the province is today's
    ("XÃ ĐAK PƠ", "Đak Pơ, ngày 12 tháng 9 năm 2025 (Gia Lai)",
     "Thực hiện Kế hoạch số 201/KH-UBND ngày 18/8/2025 của UBND tỉnh Gia Lai;", "201/KH-UBND@2025@gia-lai", "province:52"),
]


@pytest.mark.parametrize(("unit", "date_line", "body", "key", "org_id"), PROVINCE_FROM_BELOW)
def test_the_province_above_a_former_district_or_commune(unit, date_line, body, key, org_id) -> None:
    rec = extract_text(_doc(unit, "96/KH-UBND", date_line, body))
    refs = {r.target.key: r.target.issuer.id for r in rec.references}
    assert refs == {key: org_id}
