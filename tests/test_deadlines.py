"""Late plans and missing reports (queries/deadlines.py, GET /documents/{key}/deadlines),
and a document's standing on its card (in force, amended, repealed: queries/show.py).

On the example corpus as it is (145/KH-UBND states its plan and report days in
prose the extractor does not turn into duties yet: nothing is marked), and on
a copy whose 145/KH-UBND also lists them as tasks: "Xây dựng kế hoạch triển
khai …, Sở Nội vụ, trước ngày 31/8/2025" (its 214/KH-SNV of 10/09/2025 is ten
days late) and "Báo cáo kết quả …, Sở Tài chính, trước ngày 15/11/2025" (no
report from it in the corpus).  Real extraction, a real embedded store and
the service over HTTP.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from luocdo.graph.store import open_store
from luocdo.queries import gaps, show
from luocdo.queries.deadlines import deadlines, duty_kind
from luocdo.queries.errors import BadParameter
from luocdo.queries.show import standing_how
from tests.corpora import ingested_store

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"
K145 = "145/KH-UBND@2025@tuyen-quang"
SNV, STC = "dept:8:so-noi-vu", "dept:8:so-tai-chinh"

DUTIES = """7. Xây dựng kế hoạch triển khai Nghị quyết trong ngành nội vụ

- Cơ quan chủ trì: Sở Nội vụ.
- Thời gian thực hiện: Trước ngày 31/8/2025.

8. Báo cáo kết quả bố trí kinh phí chuyển đổi số năm 2025 về Ủy ban nhân dân tỉnh

- Cơ quan chủ trì: Sở Tài chính.
- Thời gian thực hiện: Trước ngày 15/11/2025.

III. KINH PHÍ"""


def corpus_with_duties(folder: Path) -> Path:
    """A copy of the example corpus whose 145/KH-UBND lists a plan duty and a reporting duty as tasks."""
    out = folder / "corpus"
    shutil.copytree(CORPUS, out)
    path = out / "03_ubnd-tinh_145-KH-UBND.txt"
    text = path.read_text(encoding="utf-8")
    assert "\nIII. KINH PHÍ" in text
    path.write_text(text.replace("III. KINH PHÍ", DUTIES, 1), encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def duty_db(tmp_path_factory) -> str:
    tmp = tmp_path_factory.mktemp("duties")
    return ingested_store(tmp / "duties.db", corpus_with_duties(tmp))


@pytest.fixture(scope="module")
def plain_db(tmp_path_factory) -> str:
    return ingested_store(tmp_path_factory.mktemp("plain") / "plain.db", CORPUS)


@pytest.mark.parametrize("task, role, kind", [
    ("Xây dựng kế hoạch triển khai Nghị quyết trong ngành nội vụ", "lead", "plan"),
    ("ban hành Kế hoạch thực hiện của đơn vị", "lead", "plan"),
    ("Lập kế hoạch chi tiết", None, "plan"),
    ("xay dung ke hoach trien khai", "lead", "plan"),  # OCR without marks
    ("Báo cáo kết quả thực hiện về Sở Khoa học và Công nghệ", "lead", "report"),
    ("tổng hợp, báo cáo Ủy ban nhân dân tỉnh", "coordinating", "report"),
    ("Tổ chức quán triệt Nghị quyết", "lead", None),
    ("Triển khai thực hiện kế hoạch", "lead", None),  # carrying a plan out is not drawing one up
    ("anything at all", "report", "report"),  # a duty stored with its kind as the role
    (None, None, None),
])
def test_duty_kind(task, role, kind):
    assert duty_kind(task, role) == kind


def test_late_plan_and_missing_report(duty_db):
    store = open_store(duty_db, read_only=True)
    try:
        report = gaps(store, K145)
        r = deadlines(store, report, as_of="2026-01-15")
        r_before = deadlines(store, report, as_of="2025-11-01")
    finally:
        store.close()
    units = {u.org_id: u for u in r.units}
    snv = units[SNV]
    assert (snv.plan_due, snv.days_late, snv.first_plan.display) == ("2025-08-31", 10, "214/KH-SNV")
    assert "kế hoạch" in snv.plan_duty and not snv.report_missing
    stc = units[STC]
    assert (stc.report_due, stc.report_missing, stc.reports, stc.days_late) == ("2025-11-15", True, [], None)
    assert r.counts == {"late_plan": 1, "report_missing": 1}
    # before the report's day nothing is missing yet; the late plan stays late
    assert r_before.counts == {"late_plan": 1, "report_missing": 0}
    # units with reports carry them (Yên Sơn reported only), unmarked
    yen_son = next(u for u in r.units if u.reports and u.reports[0].display == "58/BC-UBND")
    assert not yen_son.report_missing and yen_son.days_late is None


def test_nothing_is_marked_without_duties(plain_db):
    store = open_store(plain_db, read_only=True)
    try:
        r = deadlines(store, gaps(store, K145), as_of="2026-01-15")
        with pytest.raises(BadParameter, match="as_of"):
            deadlines(store, gaps(store, K145), as_of="15/01/2026")
    finally:
        store.close()
    assert r.counts == {"late_plan": 0, "report_missing": 0}
    assert all(u.plan_due is None and u.report_due is None for u in r.units)


def test_the_service_answers_the_marks(duty_db):
    import httpx

    from tests.test_api_ui import _serve

    server, thread, base = _serve(duty_db)
    try:
        c = httpx.Client(base_url=base, timeout=60)
        tilde = c.get(f"/documents/{K145.replace('/', '~')}/deadlines", params={"as_of": "2026-01-15"})
        assert tilde.status_code == 200, tilde.text
        assert tilde.json()["counts"] == {"late_plan": 1, "report_missing": 1}
        encoded = c.get("/documents/145%2FKH-UBND%402025%40tuyen-quang/deadlines", params={"as_of": "2026-01-15"})
        assert encoded.json() == tilde.json()
        bad = c.get(f"/documents/{K145.replace('/', '~')}/deadlines", params={"as_of": "2026-13-45"})
        assert bad.status_code == 400 and "as_of" in bad.json()["error"]["message"]
        assert c.get("/documents/99~KH-XYZ/deadlines").status_code == 404
    finally:
        server.should_exit = True
        thread.join(timeout=10)


# --------------------------------------------------------------------------- standing

@pytest.mark.parametrize("relation, sentence, name, how", [
    ("REPEALS", "Bãi bỏ Quyết định số 20/2018/QĐ-UBND ngày 05/6/2018", "20/2018/QĐ-UBND", "repeals"),
    ("REPEALS", "Bãi bỏ Điều 5 của Quyết định số 12/2020/QĐ-UBND", "12/2020/QĐ-UBND", "repeals_in_part"),
    ("REPEALS", "Bãi bỏ khoản 2 Điều 3 Thông tư số 01/2019/TT-BNV", "01/2019/TT-BNV", "repeals_in_part"),
    ("REPEALS", "Thông tư số 01/2019/TT-BNV hết hiệu lực kể từ ngày Thông tư này có hiệu lực", "01/2019/TT-BNV", "repeals"),
    ("AMENDS", "Quyết định này thay thế Quyết định số 45/2019/QĐ-UBND ngày 12/11/2019", "45/2019/QĐ-UBND", "replaces"),
    ("AMENDS", "Thay thế cụm từ “Sở Nội vụ” tại Điều 3 Quyết định số 30/2021/QĐ-UBND", "30/2021/QĐ-UBND", "amends"),
    ("AMENDS", "Sửa đổi, bổ sung Điều 2 Quyết định số 30/2021/QĐ-UBND", "30/2021/QĐ-UBND", "amends"),
    # one sentence, two documents: only the one after "thay thế" is replaced
    ("AMENDS", "Sửa đổi Điều 2 Quyết định số 30/2021/QĐ-UBND và thay thế Quyết định số 45/2019/QĐ-UBND",
     "30/2021/QĐ-UBND", "amends"),
    ("AMENDS", "Sửa đổi Điều 2 Quyết định số 30/2021/QĐ-UBND và thay thế Quyết định số 45/2019/QĐ-UBND",
     "45/2019/QĐ-UBND", "replaces"),
    ("CONSOLIDATES", "Văn bản hợp nhất Luật Đất đai", "Luật Đất đai", "consolidates"),
    ("CITES", "Căn cứ Quyết định số 30/2021/QĐ-UBND", "30/2021/QĐ-UBND", None),
    ("IMPLEMENTS", "Thực hiện Kế hoạch số 145/KH-UBND", "145/KH-UBND", None),
])
def test_standing_how(relation, sentence, name, how):
    assert standing_how(relation, sentence, name) == how


DECISION = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG NGÃI
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 15/2025/QĐ-UBND
Quảng Ngãi, ngày 10 tháng 3 năm 2025

QUYẾT ĐỊNH
Ban hành Quy chế quản lý hồ sơ điện tử trên địa bàn tỉnh Quảng Ngãi

ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI

Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;

QUYẾT ĐỊNH:

Điều 1. Ban hành kèm theo Quyết định này Quy chế quản lý hồ sơ điện tử trên địa bàn tỉnh.

Điều 2. Quyết định này có hiệu lực từ ngày 20 tháng 3 năm 2025 và thay thế Quyết định số 45/2019/QĐ-UBND ngày 12/11/2019 của Ủy ban nhân dân tỉnh Quảng Ngãi.

Điều 3. Bãi bỏ Quyết định số 20/2018/QĐ-UBND ngày 05/6/2018 của Ủy ban nhân dân tỉnh Quảng Ngãi.

Điều 4. Sửa đổi, bổ sung Điều 2 Quyết định số 30/2021/QĐ-UBND ngày 14/5/2021 của Ủy ban nhân dân tỉnh Quảng Ngãi.

Nơi nhận:
- Các sở, ban, ngành;
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn A
"""


@pytest.fixture(scope="module")
def decision_db(tmp_path_factory) -> str:
    tmp = tmp_path_factory.mktemp("standing")
    (tmp / "docs").mkdir()
    (tmp / "docs" / "qd-15.txt").write_text(DECISION, encoding="utf-8")
    return ingested_store(tmp / "standing.db", tmp / "docs")


@pytest.mark.parametrize("name, status, how", [
    ("45/2019/QĐ-UBND", "repealed", ["replaces"]),
    ("20/2018/QĐ-UBND", "repealed", ["repeals"]),
    ("30/2021/QĐ-UBND", "amended", ["amends"]),
    ("15/2025/QĐ-UBND", "in_force", []),
])
def test_the_card_says_in_force_amended_or_repealed(decision_db, name, status, how):
    store = open_store(decision_db, read_only=True)
    try:
        card = show(store, name)
    finally:
        store.close()
    assert card.standing is not None and card.standing.status == status
    assert [a.how for a in card.standing.by] == how
    assert all(a.doc.display == "15/2025/QĐ-UBND" and a.evidence and a.evidence.sentence for a in card.standing.by)


@pytest.mark.parametrize("lang, words", [("vi", ["hiệu lực", "đã bị bãi bỏ, thay thế", "được thay thế bởi 15/2025/QĐ-UBND",
                                                 "10/03/2025"]),
                                         ("en", ["standing", "repealed", "replaced by 15/2025/QĐ-UBND"])])
def test_show_prints_the_standing(decision_db, lang, words):
    import os
    import subprocess
    import sys

    env = {**os.environ, "COLUMNS": "100", "LUOCDO_LANG": lang}
    out = subprocess.run([sys.executable, "-m", "luocdo.api.cli", "show", "45/2019/QĐ-UBND", "--db", decision_db],
                         capture_output=True, text=True, env=env, timeout=120, check=False)
    assert out.returncode == 0, out.stderr
    for w in words:
        assert w in out.stdout, (w, out.stdout)
