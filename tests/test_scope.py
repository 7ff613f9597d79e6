"""Recipients copied only to be informed, collective recipients as of the document's date, the
Government's ministries, and plans and reports asked for by a day: invented text, clean and
OCR-garbled (diacritics lost, letters confused)."""

from __future__ import annotations

import pytest

from luocdo.core.fold import fold
from luocdo.core.government import GOVERNMENT_2021, GOVERNMENT_2025, government
from luocdo.core.registry import registry
from luocdo.core.registry_groups import collective, expand
from luocdo.graph.duties import split_units
from luocdo.loaders.duties import duties, recipients
from luocdo.loaders.extract import extract
from tests.corpora import ingested_store

_HEAD = """ỦY BAN NHÂN DÂN              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH TUYÊN QUANG                   Độc lập - Tự do - Hạnh phúc
Số: 901/KH-UBND              Tuyên Quang, ngày 10 tháng 9 năm 2025

KẾ HOẠCH
Triển khai thực hiện chuyển đổi số năm 2025

Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:

I. TỔ CHỨC THỰC HIỆN

{body}

Nơi nhận:                                   TM. ỦY BAN NHÂN DÂN
{lines}
- Lưu: VT.                                    Nguyễn Văn Bình
"""


def _doc(lines: str, body: str = "1. Các sở, ban, ngành tổ chức thực hiện.") -> str:
    return _HEAD.format(lines=lines, body=body)


# (a Nơi nhận line, the purpose read from it)
PURPOSES = [
    ("- Bộ Khoa học và Công nghệ (b/c);", "inform"),
    ("- Bộ Khoa học và Công nghệ (để b/c);", "inform"),
    ("- Bộ Khoa học và Công nghệ (để báo cáo);", "inform"),
    ("- Thường trực Tỉnh ủy (để biết);", "inform"),
    ("- Sở Nội vụ (để theo dõi);", "inform"),
    ("- Sở Nội vụ (đ/b);", "inform"),
    ("- Sở Nội vụ - để biết;", "inform"),
    ("- Sở Nội vụ (để thực hiện);", "act"),
    ("- Sở Nội vụ;", "act"),
    # OCR: diacritics lost, "á" read as "é", "ể" as "é"
    ("- Bo Khoa hoc va Cong nghe (b/céo);", "inform"),
    ("- Bo Khoa hoc va Cong nghe (dé b/c);", "inform"),
    ("- Thuong truc Tinh uy (de biet);", "inform"),
    ("- S& Noi vu (de theo doi);", "inform"),
    ("- S& Noi vu;", "act"),
]


@pytest.mark.parametrize(("line", "purpose"), PURPOSES)
def test_recipient_purpose(line: str, purpose: str) -> None:
    text = _doc(line)
    rec = extract(text)
    assert len(rec.addressed) == 1, rec.addressed
    r = rec.addressed[0]
    assert r.purpose == purpose
    assert "(" not in r.name and "để biết" not in r.name
    # provenance: the span is the line in the text
    assert text[r.start : r.end].strip() == line.strip()


def test_heading_sets_the_purpose_of_the_lines_under_it() -> None:
    lines = "- Như trên;\n- Để báo cáo:\n+ Bộ Nội vụ;\n+ Thường trực Tỉnh ủy;\n- Sở Tài chính;\n- De biet:\n+ So Y te;"
    got = {r.name: r.purpose for r in extract(_doc(lines)).addressed}
    assert got == {"Bộ Nội vụ": "inform", "Thường trực Tỉnh ủy": "inform", "Sở Tài chính": "act", "So Y te": "inform"}


def test_recipients_without_names_give_nothing() -> None:
    assert recipients("no list here", "no list here", ()) == ()


TQ = "Tuyên Quang"

# (phrase, province, issuer id, date, kind of members, how many, one of them)
COLLECTIVES = [
    ("UBND các xã, phường", TQ, "province:8", "2025-09-10", "communes", 124, "Xã Lâm Bình"),
    ("Ủy ban nhân dân các xã, phường, đặc khu", TQ, "province:8", "2025-09-10", "communes", 124, "Xã Lâm Bình"),
    ("UBND cac xa, phwong", TQ, "province:8", "2025-09-10", "communes", 124, "Xã Lâm Bình"),
    ("Đảng ủy các xã, phường", TQ, "province:8", "2025-09-10", "communes", 124, "Xã Lâm Bình"),
    ("Các sở, ban, ngành tỉnh", TQ, "province:8", "2025-09-10", "departments", 0, None),
    ("Cac sd, ban, nganh tinh", TQ, "province:8", "2025-09-10", "departments", 0, None),
    ("Thủ trưởng các sở, ban, ngành", TQ, "province:8", "2025-09-10", "departments", 0, None),
    # before 1 July 2025: the districts of the time, through the former-unit lookups
    ("UBND các huyện, thị xã, thành phố", "Quảng Ngãi", "province:51", "2019-05-01", "districts", 13, "Huyện Sơn Tịnh"),
    ("UBND cac huyen, thanh pho", "Kon Tum", "former:province:kon-tum", "2020-05-01", "districts", 10, "Huyện Kon Plông"),
    ("UBND các xã, thị trấn", "Quảng Ngãi", "former:district:quang-ngai--huyen-son-tinh", "2020-05-01", "communes", 11,
     "Xã Tịnh Minh"),
    # districts no longer exist after 1 July 2025
    ("UBND các huyện, thành phố", TQ, "province:8", "2025-09-10", None, 0, None),
    ("Các bộ, cơ quan ngang bộ", None, "central:thu-tuong-chinh-phu", "2025-08-01", "ministries", 17, "Bộ Dân tộc và Tôn giáo"),
    ("Các bộ, cơ quan ngang bộ", None, "central:thu-tuong-chinh-phu", "2024-08-01", "ministries", 22, "Ủy ban Dân tộc"),
    ("UBND các tỉnh, thành phố trực thuộc Trung ương", None, "central:thu-tuong-chinh-phu", "2025-08-01", "provinces", 34,
     "Quảng Ngãi"),
    ("UBND các tỉnh, thành phố trực thuộc Trung ương", None, "central:thu-tuong-chinh-phu", "2024-08-01", "provinces", 63,
     "Kon Tum"),
    ("Các cơ quan, đơn vị, địa phương", TQ, "province:8", "2025-09-10", "recipients", 0, None),
    ("Các cơ quan, đơn vị được giao nhiệm vụ", TQ, "province:8", "2025-09-10", "assigned", 0, None),
    ("Các đồng chí Tỉnh ủy viên", TQ, "province:8", "2025-09-10", None, 0, None),
    ("Sở Nội vụ", TQ, "province:8", "2025-09-10", None, 0, None),
]


@pytest.mark.parametrize(("phrase", "province", "issuer", "day", "members", "count", "one"), COLLECTIVES)
def test_collectives(phrase, province, issuer, day, members, count, one) -> None:
    reg = registry()
    iss = reg.by_id(issuer) or reg.former(issuer)
    if issuer.startswith("former:district"):
        iss = reg.former("UBND huyện Sơn Tịnh", "Quảng Ngãi")
    found = collective(reg, phrase, province, iss, day)
    if members is None:
        assert found is None
        return
    assert found is not None and found[1] == members
    got = expand(reg, found[0], found[1], day)
    assert len(got) == count
    if one:
        assert one in {o.name for o in got}


def test_former_communes_map_to_today() -> None:
    """A district's communes of 2020: a commune whose name is gone is a former unit with successors."""
    reg = registry()
    st = reg.former("UBND huyện Sơn Tịnh", "Quảng Ngãi")
    got = {o.name: o for o in expand(reg, st, "communes", "2020-05-01")}
    tm = got["Xã Tịnh Minh"]
    assert tm.id.startswith("former:commune:") and reg.successors(tm)


@pytest.mark.parametrize(("phrase", "parts"), [
    ("Các sở, ban, ngành và Ủy ban nhân dân các xã, phường", ["Các sở, ban, ngành", "Ủy ban nhân dân các xã, phường"]),
    ("Thủ trưởng các sở, ban, ngành, Chủ tịch UBND các xã, phường", ["Thủ trưởng các sở, ban, ngành", "Chủ tịch UBND các xã, phường"]),
    ("Các sở, ban, ngành tỉnh; Ủy ban nhân dân các xã, phường", ["Các sở, ban, ngành tỉnh", "Ủy ban nhân dân các xã, phường"]),
    ("Sở Văn hóa, Thể thao và Du lịch", ["Sở Văn hóa, Thể thao và Du lịch"]),
])
def test_split_units(phrase: str, parts: list[str]) -> None:
    assert split_units(phrase) == parts


def test_government_lists() -> None:
    assert len(GOVERNMENT_2025) == 17 and len(GOVERNMENT_2021) == 22
    assert government(None) == GOVERNMENT_2025 and government("2024-12-31") == GOVERNMENT_2021
    reg = registry()
    for name in (*GOVERNMENT_2025, *GOVERNMENT_2021):
        assert reg.central(name) is not None, name
    # names as headers write them resolve to the same units
    for header, name in [("BỘ Y TẾ", "Bộ Y tế"), ("NGÂN HÀNG NHÀ NƯỚC VIỆT NAM", "Ngân hàng Nhà nước Việt Nam"),
                         ("VĂN PHÒNG CHÍNH PHỦ", "Văn phòng Chính phủ"), ("Bo Dan toc va Ton giao", "Bộ Dân tộc và Tôn giáo"),
                         ("THANH TRA CHÍNH PHỦ", "Thanh tra Chính phủ")]:
        org = reg.resolve(header)
        assert org is not None and org.name == name


# (sentence, kind, reporter, to, due, period)
DUTIES = [
    ("3. Các cơ quan, đơn vị, địa phương báo cáo kết quả trước ngày 15/11/2025.",
     "report", "Các cơ quan, đơn vị, địa phương", None, "2025-11-15", None),
    ("3. Giao Sở Khoa học và Công nghệ là cơ quan thường trực, tổng hợp kết quả, báo cáo Ủy ban nhân dân tỉnh trước ngày 20/11/2025.",
     "report", "Sở Khoa học và Công nghệ", "Ủy ban nhân dân tỉnh", "2025-11-20", None),
    ("1. Các sở, ban, ngành và Ủy ban nhân dân các xã, phường xây dựng kế hoạch của đơn vị mình, hoàn thành trước ngày 31/8/2025, gửi về Sở Nội vụ.",
     "plan", "Các sở, ban, ngành và Ủy ban nhân dân các xã, phường", "Sở Nội vụ", "2025-08-31", None),
    ("3. Đảng ủy các xã, phường lãnh đạo thực hiện; định kỳ 6 tháng báo cáo kết quả về Ban Thường vụ Tỉnh ủy.",
     "report", "Đảng ủy các xã, phường", "Ban Thường vụ Tỉnh ủy", None, "half-year"),
    ("2. Sở Tài chính hằng quý tổng hợp, báo cáo Ủy ban nhân dân tỉnh.",
     "report", "Sở Tài chính", "Ủy ban nhân dân tỉnh", None, "quarter"),
    ("4. Sở Y tế báo cáo kết quả về Sở Nội vụ trước ngày 15 tháng 12 năm 2025.",
     "report", "Sở Y tế", "Sở Nội vụ", "2025-12-15", None),
    # OCR: diacritics lost, "ả" read as "a", the date across a line
    ("3. Cac co quan, don vi, dia phuong bao cao ket qua truoc ngay\n15/11/2025.",
     "report", "Cac co quan, don vi, dia phuong", None, "2025-11-15", None),
    ("1. S& Noi vu béo céo két qua vé UBND tinh truoc ngay 30/6/2025.",
     "report", "S& Noi vu", "UBND tinh", "2025-06-30", None),
]


@pytest.mark.parametrize(("sentence", "kind", "reporter", "to", "due", "period"), DUTIES)
def test_duties(sentence, kind, reporter, to, due, period) -> None:
    text = _doc("- Sở Nội vụ;", body=sentence)
    rec = extract(text)
    assert len(rec.duties) == 1, rec.duties
    d = rec.duties[0]
    assert (d.kind, d.reporter, d.to, d.due, d.period) == (kind, reporter, to, due, period)
    assert d.text and d.text in " ".join(sentence.split()) and " ".join(text[d.start : d.end].split()) == d.text


@pytest.mark.parametrize("sentence", [
    "Kết quả được lồng ghép vào báo cáo cải cách hành chính định kỳ.",  # "báo cáo" as a noun
    "Trên đây là báo cáo kết quả thực hiện năm 2025.",
    "Sở Nội vụ tổng hợp, báo cáo Ủy ban nhân dân tỉnh.",  # no day, no period
    "Sở Khoa học và Công nghệ theo dõi các cơ quan chậm ban hành kế hoạch trước ngày 20/9/2025",
])
def test_not_duties(sentence: str) -> None:
    assert duties(sentence, fold(sentence)) == ()


@pytest.fixture(scope="module")
def examples_db(tmp_path_factory) -> str:
    from tests.corpora import EXAMPLES_DIR

    return ingested_store(tmp_path_factory.mktemp("scope") / "examples.db", EXAMPLES_DIR)


def test_recipients_scope_matches_the_example_gaps_file(examples_db) -> None:
    """145/KH-UBND is sent to seven departments and "UBND các xã, phường" (the 124 communes of
    Tuyên Quang), and to Bộ KHCN and Thường trực Tỉnh ủy only "(b/c)": gaps.jsonl's units and
    statuses, plus the one office it assigns a task to."""
    import json

    from luocdo.graph.store import open_store
    from luocdo.queries import gaps
    from tests.corpora import EXAMPLES_DIR

    truth = {}
    for line in (EXAMPLES_DIR / "gaps.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        truth[row["unit"]] = row["status"]
    store = open_store(examples_db, read_only=True)
    try:
        g = gaps(store, "145/KH-UBND", scope="recipients")
    finally:
        store.close()
    got = {u.org.id: u.status for u in g.units}
    assert set(got) - set(truth) == {"dept:8:van-phong-ubnd-tinh"}  # coordinates task 2
    assert {k: got[k] for k in truth} == truth
    assert "ministry:bo-khoa-hoc-va-cong-nghe" not in got


def test_recipients_scope_on_the_active_corpus() -> None:
    """The seeds' 272/KH-SKHCN sends "UBND tỉnh (b/céo)" a copy to report: not a unit expected to act."""
    import tempfile

    from luocdo.graph.store import open_store
    from luocdo.pipeline import ingest
    from luocdo.queries import gaps
    from tests.corpora import ACTIVE

    with tempfile.TemporaryDirectory() as d:
        store = open_store(f"{d}/c.db")
        try:
            assert not ingest(store, [str(ACTIVE.folder)], workers=1).failed
            ids = {u.org.id for u in gaps(store, ACTIVE.with_recipients, scope="recipients").units}
        finally:
            store.close()
    assert ids
    assert ACTIVE.target_org not in ids
    if ACTIVE.is_seeds:
        assert {"dept:51:so-thong-tin-va-truyen-thong", "dept:51:so-noi-vu"} <= ids
