"""Late plans, late and missing reports (queries/deadlines.py, GET /documents/{key}/deadlines),
and a document's standing on its card (in force, amended, repealed: queries/show.py).

On the example corpus as it is, 145/KH-UBND (Tuyên Quang) states its days in prose, read
as EXPECTS duties: "Các sở, ban, ngành và Ủy ban nhân dân các xã, phường … xây dựng kế
hoạch …, hoàn thành trước ngày 31/8/2025" and "Các cơ quan, đơn vị, địa phương báo cáo
kết quả trước ngày 15/11/2025".  Sở Nội vụ's 214/KH-SNV (10/9), Lâm Bình's 27/KH-UBND
(18/9) and Sơn Dương's 64/KH-UBND (08/10) are late; on 15/01/2026 every expected unit but
Minh Xuân and Yên Sơn (who reported) has its report missing.  On a copy whose 145/KH-UBND
also lists duties as tasks, with earlier days and a collective as the lead unit ("Cơ quan
chủ trì: Ủy ban nhân dân các xã, phường"), the earlier day stands and Yên Sơn's report of
14/11 is late.  Real extraction, a real embedded store and the service over HTTP.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from luocdo.graph.store import open_store
from luocdo.queries import gaps, show
from luocdo.queries.deadlines import deadlines, duty_kind, period_day
from luocdo.queries.errors import BadParameter
from luocdo.queries.overdue import overdue
from luocdo.queries.show import standing_how
from tests.corpora import ingested_store

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"
K145 = "145/KH-UBND@2025@tuyen-quang"
F145 = "03_ubnd-tinh_145-KH-UBND.txt"
SNV, STC = "dept:8:so-noi-vu", "dept:8:so-tai-chinh"
# communes of Tuyên Quang (registry ids)
LAM_BINH, SON_DUONG, YEN_SON, MINH_XUAN, THUONG_LAM, TAN_TRAO = (
    "commune:2266", "commune:2536", "commune:2473", "commune:2215", "commune:2269", "commune:2545")
PLAN_SENTENCE = ("Các sở, ban, ngành và Ủy ban nhân dân các xã, phường căn cứ Kế hoạch này xây dựng kế hoạch "
                 "triển khai của cơ quan, đơn vị, địa phương mình, hoàn thành trước ngày 31/8/2025, gửi về Sở "
                 "Khoa học và Công nghệ")
REPORT_SENTENCE = "Các cơ quan, đơn vị, địa phương báo cáo kết quả trước ngày 15/11/2025"

DUTIES = """7. Xây dựng kế hoạch triển khai Nghị quyết trong ngành nội vụ

- Cơ quan chủ trì: Sở Nội vụ.
- Thời gian thực hiện: Trước ngày 25/8/2025.

8. Báo cáo kết quả bố trí kinh phí chuyển đổi số năm 2025 về Ủy ban nhân dân tỉnh

- Cơ quan chủ trì: Sở Tài chính.
- Thời gian thực hiện: Trước ngày 10/11/2025.

9. Báo cáo kết quả thực hiện Kế hoạch tại cấp xã về Sở Khoa học và Công nghệ

- Cơ quan chủ trì: Ủy ban nhân dân các xã, phường.
- Thời gian thực hiện: Trước ngày 01/11/2025.

III. KINH PHÍ"""


def corpus_with_duties(folder: Path) -> Path:
    """A copy of the example corpus whose 145/KH-UBND also lists plan and reporting duties as tasks."""
    out = folder / "corpus"
    shutil.copytree(CORPUS, out)
    path = out / F145
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


@pytest.mark.parametrize("period, since, day, expected", [
    # the last end passed, with the end before it (a report counts when dated after it)
    ("half-year", date(2025, 7, 28), date(2026, 1, 15), (date(2025, 12, 31), date(2025, 7, 28))),
    ("quarter", date(2025, 8, 12), date(2026, 1, 15), (date(2025, 12, 31), date(2025, 9, 30))),
    ("month", date(2025, 8, 12), date(2025, 10, 2), (date(2025, 9, 30), date(2025, 8, 31))),
    # none passed yet: the next end to come
    ("half-year", date(2025, 7, 28), date(2025, 9, 1), (date(2025, 12, 31), date(2025, 7, 28))),
    ("year", date(2025, 8, 12), date(2025, 12, 31), (date(2025, 12, 31), date(2025, 8, 12))),
    ("month", date(2025, 8, 12), date(2025, 8, 20), (date(2025, 8, 31), date(2025, 8, 12))),
    ("quarter", None, date(2025, 8, 20), None),  # the asking document has no date
])
def test_period_day(period, since, day, expected):
    assert period_day(period, since, day) == expected


def test_a_report_asked_every_half_year(plain_db):
    """09-KH/TU: "Đảng ủy các xã, phường … định kỳ 6 tháng báo cáo kết quả về Ban Thường vụ Tỉnh
    ủy": each commune's report for the half-year ending 31/12/2025 is missing on 15/01/2026 unless
    the graph has one."""
    store = open_store(plain_db, read_only=True)
    try:
        report = gaps(store, "09-KH/TU@2025@tuyen-quang")
        after, before = (deadlines(store, report, as_of=d) for d in ("2026-01-15", "2025-10-01"))
    finally:
        store.close()
    units = {u.org_id: u for u in after.units}
    assert units[THUONG_LAM].report_due == "2025-12-31" and units[THUONG_LAM].report_missing
    assert "định kỳ 6 tháng báo cáo kết quả" in units[THUONG_LAM].report_evidence.sentence
    assert not units[YEN_SON].report_missing  # its 58/BC-UBND of 14/11 reports on a plan for 09-KH/TU
    assert after.counts["report_missing"] > 100 and before.counts["report_missing"] == 0


def _marks(db: str, as_of: str):
    store = open_store(db, read_only=True)
    try:
        report = gaps(store, K145)
        return report, deadlines(store, report, as_of=as_of)
    finally:
        store.close()


def test_the_days_the_plan_sets_in_prose_mark_its_units(plain_db):
    """EXPECTS duties of 145/KH-UBND, collectives expanded: late plans, missing reports, the sentence."""
    report, r = _marks(plain_db, "2026-01-15")
    units = {u.org_id: u for u in r.units}
    # every unit of the gaps answer is expected: the departments and the 124 communes
    assert set(units) == {u.org.id for u in report.units}
    late = {k: (u.first_plan.display, u.days_late) for k, u in units.items() if u.days_late}
    assert late == {SNV: ("214/KH-SNV", 10), LAM_BINH: ("27/KH-UBND", 18), SON_DUONG: ("64/KH-UBND", 38)}
    snv = units[SNV]
    assert (snv.plan_due, snv.report_due, snv.report_missing) == ("2025-08-31", "2025-11-15", True)
    assert snv.plan_duty == PLAN_SENTENCE and snv.plan_evidence.sentence == PLAN_SENTENCE
    assert snv.report_evidence.sentence == REPORT_SENTENCE
    # provenance: the span is the sentence in the source file
    ev = snv.report_evidence
    assert ev.doc == K145 and Path(ev.file).name == F145
    text = Path(ev.file).read_text(encoding="utf-8")
    assert " ".join(text[ev.start:ev.end].split()) == REPORT_SENTENCE
    # the ones who reported are not marked; Minh Xuân's report has no date and stands
    assert [d.display for d in units[YEN_SON].reports] == ["58/BC-UBND"]
    for unit in (YEN_SON, MINH_XUAN):
        assert not units[unit].report_missing and units[unit].report_days_late is None
    assert units[THUONG_LAM].report_missing and units[THUONG_LAM].plan_due == "2025-08-31"
    assert units[SON_DUONG].report_missing
    # "các cơ quan, đơn vị, địa phương" are the plan's recipients: the Ban Quản lý Khu kinh tế,
    # one of "các sở, ban, ngành" (a plan day) but not in Nơi nhận, has no report day
    assert {k for k, u in units.items() if u.report_due is None} == {"dept:8:ban-quan-ly-khu-kinh-te"}
    assert r.counts == {"late_plan": 3, "report_missing": len(units) - 3, "report_late": 0}
    # before the report's day nothing is missing yet; late plans stay late
    _, before = _marks(plain_db, "2025-11-01")
    assert before.counts == {"late_plan": 3, "report_missing": 0, "report_late": 0}
    with pytest.raises(BadParameter, match="as_of"):
        _marks(plain_db, "15/01/2026")


def test_tasks_with_earlier_days_and_a_collective_lead_unit(duty_db):
    """The earliest day of a kind stands; a collective lead unit is each of its communes."""
    _, r = _marks(duty_db, "2026-01-15")
    units = {u.org_id: u for u in r.units}
    snv = units[SNV]
    assert (snv.plan_due, snv.days_late, snv.first_plan.display) == ("2025-08-25", 16, "214/KH-SNV")
    assert snv.plan_duty == "Xây dựng kế hoạch triển khai Nghị quyết trong ngành nội vụ"
    assert units[STC].report_due == "2025-11-10" and units[STC].report_missing
    # "Cơ quan chủ trì: Ủy ban nhân dân các xã, phường" → each commune reports by 01/11
    assert {units[c].report_due for c in (LAM_BINH, YEN_SON, THUONG_LAM, TAN_TRAO)} == {"2025-11-01"}
    assert units[YEN_SON].report_days_late == 13 and not units[YEN_SON].report_missing
    assert r.counts["report_late"] == 1
    # the departments keep the day of the sentence that names them
    assert units[SNV].report_due == "2025-11-15"


def test_a_collective_lead_unit_is_listed_overdue_commune_by_commune(duty_db):
    store = open_store(duty_db, read_only=True)
    try:
        rows = overdue(store, K145, as_of="2025-11-05").rows
        edges = store.read("MATCH (x:Document {key: $k})-[a:ASSIGNED_TO]->(o:Organization) WHERE a.members IS NOT NULL "
                           "RETURN o.id AS org, a.role AS role, a.members AS members, a.raw AS raw", {"k": K145})
    finally:
        store.close()
    assert {"org": "province:8", "role": "lead", "members": "communes",
            "raw": "Ủy ban nhân dân các xã, phường"} in edges
    task9 = {x.org.id for x in rows if x.kind == "task" and (x.task or "").startswith("Báo cáo kết quả thực hiện Kế hoạch tại cấp xã")}
    # the communes with nothing for 145 are overdue; those with a plan or a report are not
    assert THUONG_LAM in task9 and len(task9) >= 100
    assert not task9 & {LAM_BINH, YEN_SON, TAN_TRAO, MINH_XUAN}
    assert "province:8" not in {x.org.id for x in rows}


def test_the_service_answers_the_marks(plain_db):
    import httpx

    from tests.test_api_ui import _serve

    server, thread, base = _serve(plain_db)
    try:
        c = httpx.Client(base_url=base, timeout=60)
        tilde = c.get(f"/documents/{K145.replace('/', '~')}/deadlines", params={"as_of": "2026-01-15"})
        assert tilde.status_code == 200, tilde.text
        body = tilde.json()
        assert body["counts"]["late_plan"] == 3 and body["counts"]["report_missing"] > 120
        snv = next(u for u in body["units"] if u["org_id"] == SNV)
        assert snv["days_late"] == 10 and snv["report_missing"] is True
        assert snv["report_evidence"]["sentence"] == REPORT_SENTENCE
        assert snv["plan_evidence"]["sentence"] == PLAN_SENTENCE
        encoded = c.get("/documents/145%2FKH-UBND%402025%40tuyen-quang/deadlines", params={"as_of": "2026-01-15"})
        assert encoded.json() == body
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
    # a long list of the parts repealed
    ("REPEALS", "49. Bãi bỏ các Điều 32, 33, 34, 51, 138 và 139, điểm b khoản 1 Điều 163, khoản 3 và khoản 4 Điều 179 của "
     "Luật thi hành án dân sự số 26/2008/QH12.", "26/2008/QH12", "repeals_in_part"),
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


# --------------------------------------------------------------------------- both stores

@pytest.mark.neo4j
def test_the_marks_agree_on_neo4j(tmp_path, corpus_dir, request):
    """The test corpus on the embedded store and on a real Neo4j: the same marks for every
    document that asks for a plan or a report (its EXPECTS), collectives expanded alike."""
    lady = open_store(ingested_store(tmp_path / "lady.db", corpus_dir), read_only=True)
    neo = request.getfixturevalue("neo4j_seeds").store(read_only=True)
    try:
        keys = sorted({r["k"] for r in lady.read("MATCH (x:Document)-[:EXPECTS]->() RETURN DISTINCT x.key AS k", {})})
        assert keys
        for key in keys:
            a, b = (deadlines(s, gaps(s, key), as_of="2026-06-30") for s in (lady, neo))
            assert a.model_dump(exclude={"target"}) == b.model_dump(exclude={"target"}), key
        assert any(deadlines(lady, gaps(lady, k), as_of="2026-06-30").counts["report_missing"] for k in keys)
    finally:
        lady.close()
        neo.close()


def test_the_viewer_command_counts_late_reports_too(duty_db, tmp_path):
    """``luocdo viz X --gaps`` says on its last line how many plans and reports came late or are missing."""
    from typer.testing import CliRunner

    from luocdo.api.cli import app

    out = tmp_path / "viewer.html"
    result = CliRunner(env={"LUOCDO_LANG": "en"}).invoke(app, ["viz", K145, "--gaps", "-o", str(out), "--db", duty_db])
    assert result.exit_code == 0, result.output
    assert "1 late report(s)" in result.output and "3 late plan(s)" in result.output, result.output
    assert out.stat().st_size > 10_000
