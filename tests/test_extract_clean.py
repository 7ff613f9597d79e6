"""The extractor on clean Unicode text (DOCX/portal style), NFC and NFD.

The documents under tests/data/clean are our own writing in the style of
real ones; each row states what a reader of the document would record.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from luocdo.loaders.extract import extract_text

DATA = Path(__file__).parent / "data" / "clean"

# (file, own key, type, date, issuer id, {cited label: relation}, derived)
DOCS = [
    (
        "tq_145_kh_ubnd.txt",
        "145/KH-UBND@2025@tuyen-quang",
        "KH",
        "2025-05-12",
        "province:8",
        {
            "57-NQ/TW": "implements",
            "30/2020/NĐ-CP": "based_on",
            "71/NQ-CP": "implements",
            "627/BYT-BH": "implements",
            "12/KH-UBND": "amends",
        },
        {("71/NQ-CP", "implements", "57-NQ/TW")},
    ),
    (
        "tu_12_kh_tu.txt",
        "12-KH/TU@2025@gia-lai",
        "KH",
        "2025-09-03",
        "party:52:ban-thuong-vu-tinh-uy",
        {"150-KL/TW": "implements", "31-HD/BTCTW": "implements", "18-NQ/TW": "cites"},
        set(),
    ),
    (
        "snv_cv.txt",
        "2310/SNV-CCHC@2025@lam-dong",
        "CV",
        "2025-08-18",
        "dept:68:so-noi-vu",
        {"438/KH-UBND": "implements", "01/2023/TT-VPCP": "based_on"},
        set(),
    ),
]


@pytest.mark.parametrize("form", ["NFC", "NFD"])
@pytest.mark.parametrize(("name", "key", "type_", "date", "issuer", "refs", "derived"), DOCS)
def test_clean_document(form, name, key, type_, date, issuer, refs, derived) -> None:
    text = unicodedata.normalize(form, (DATA / name).read_text(encoding="utf-8"))
    rec = extract_text(text, name)
    doc = rec.document
    assert (doc.key, doc.type, doc.date) == (key, type_, date)
    assert doc.issuer is not None and doc.issuer.id == issuer
    got = {r.target.label: r.relation for r in rec.references if r.target.type != "Luật"}
    assert got == refs
    assert {(d.source.label, d.relation, d.target.label) for d in rec.derived} == derived
    for r in rec.references:
        for m in r.mentions:
            # provenance: the span is in the NFC text and inside its sentence
            assert m.start < m.end
            assert unicodedata.normalize("NFC", text)[m.start : m.end].split()[0] in m.text


def test_plan_title_law_and_assignment() -> None:
    rec = extract_text((DATA / "tq_145_kh_ubnd.txt").read_text(encoding="utf-8"))
    assert rec.document.title.startswith("Thực hiện Nghị quyết số 57-NQ/TW")
    laws = [r for r in rec.references if r.target.type == "Luật"]
    assert [(r.target.title, r.target.date, r.relation) for r in laws] == [
        ("Luật Tổ chức chính quyền địa phương", "2015-06-19", "based_on")
    ]
    a = rec.assignments[0]
    assert a.lead == ("Sở Khoa học và Công nghệ",)
    assert a.coordinating == ("Sở Nội vụ", "Sở Tài chính")
    assert a.timeframe == "quý III năm 2025"
    assert rec.signer is not None and (rec.signer.name, rec.signer.capacity) == ("Nguyễn Văn A", "KT.")
    assert "Sở Nội vụ" in rec.recipients


def test_party_signature_and_recipients() -> None:
    rec = extract_text((DATA / "tu_12_kh_tu.txt").read_text(encoding="utf-8"))
    assert rec.signer is not None and rec.signer.name == "Trần Thị Bích Hằng"
    assert rec.recipients == ("Ban Tổ chức Trung ương", "Các đảng ủy trực thuộc Tỉnh ủy")


def test_letter_addressees_are_recipients() -> None:
    rec = extract_text((DATA / "snv_cv.txt").read_text(encoding="utf-8"))
    assert rec.recipients[:2] == ("UBND các xã, phường, đặc khu", "Các sở, ban, ngành tỉnh")
    assert "Như trên" not in rec.recipients


@pytest.mark.parametrize(
    ("text", "label", "issuer"),
    [
        # a council's resolution is the council's, not the committee's, in the same locality
        ("Căn cứ Nghị quyết số 93/NQ-HĐND ngày 08/12/2021 của HĐND tỉnh Quảng Ngãi về đẩy mạnh cải cách hành chính.",
         "93/NQ-HĐND", ("HĐND tỉnh Quảng Ngãi", "province:51")),
        ("Thực hiện Kế hoạch số 82/KH-UBND ngày 17/4/2025 của UBND tỉnh Quảng Ngãi.",
         "82/KH-UBND", ("UBND tỉnh Quảng Ngãi", "province:51")),
    ],
)
def test_council_and_committee_of_a_province(text: str, label: str, issuer: tuple[str, str]) -> None:
    head = "ỦY BAN NHÂN DÂN\nXÃ SƠN MAI\nSố: 5/KH-UBND\nSơn Mai, ngày 05 tháng 8 năm 2025\nKẾ HOẠCH\nCải cách hành chính\n"
    rec = extract_text(head + text)
    ref = next(r for r in rec.references if r.target.label == label)
    assert ref.target.issuer is not None and (ref.target.issuer.name, ref.target.issuer.id) == issuer


def test_a_commune_council_resolution_names_the_council() -> None:
    text = ("HỘI ĐỒNG NHÂN DÂN\nXÃ SƠN MAI\nSố: 15/NQ-HĐND\nSơn Mai, ngày 05 tháng 8 năm 2025\n"
            "NGHỊ QUYẾT\nVề nhiệm vụ chuyển đổi số năm 2025\nHỘI ĐỒNG NHÂN DÂN XÃ SƠN MAI\n"
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;\n")
    issuer = extract_text(text).document.issuer
    assert issuer is not None and issuer.name == "HĐND xã Sơn Mai" and issuer.id.startswith("commune:")
