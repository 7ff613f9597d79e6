"""A collective named as the unit a task is assigned to ("Cơ quan chủ trì: Ủy ban nhân dân các
xã, phường", "Cơ quan phối hợp: Các sở, ban, ngành") stands for its members as of the document's
date, wherever assigned units are listed: gaps (scope recipients), deadlines and overdue.  One
that names only some of its members ("Ủy ban nhân dân các xã có điểm du lịch") is left out:
which ones is not known.  An invented plan of Sở Y tế Tuyên Quang whose Nơi nhận names no
collective, on a real embedded store."""

from __future__ import annotations

import pytest

from luocdo.core.registry import registry
from luocdo.core.registry_groups import narrowed
from luocdo.graph.store import open_store
from luocdo.queries import gaps
from luocdo.queries.deadlines import deadlines
from luocdo.queries.overdue import overdue
from tests.corpora import ingested_store

PLAN = """UBND TỈNH TUYÊN QUANG
SỞ Y TẾ
Số: 301/KH-SYT

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Tuyên Quang, ngày 15 tháng 9 năm 2025

KẾ HOẠCH
Chuyển đổi số trong quản lý trạm y tế năm 2025

Căn cứ Kế hoạch số 145/KH-UBND ngày 12/8/2025 của Ủy ban nhân dân tỉnh Tuyên Quang;

Sở Y tế ban hành Kế hoạch như sau:

I. NHIỆM VỤ CỤ THỂ

1. Xây dựng kế hoạch chuyển đổi số của trạm y tế xã, phường

- Cơ quan chủ trì: Ủy ban nhân dân các xã, phường.
- Cơ quan phối hợp: Sở Khoa học và Công nghệ.
- Thời gian thực hiện: Trước ngày 30/10/2025.

2. Cập nhật dữ liệu hồ sơ sức khỏe điện tử

- Cơ quan chủ trì: Trung tâm Kiểm soát bệnh tật tỉnh.
- Cơ quan phối hợp: Các sở, ban, ngành; Ủy ban nhân dân các xã có điểm du lịch.
- Thời gian thực hiện: Quý IV/2025.

II. TỔ CHỨC THỰC HIỆN

Các đơn vị triển khai thực hiện Kế hoạch này.

Nơi nhận:                                   GIÁM ĐỐC
- UBND tỉnh (b/c);
- Sở Khoa học và Công nghệ;
- Lưu: VT.
                                            Nguyễn Văn B
"""
KEY = "301/KH-SYT@2025@tuyen-quang"


@pytest.mark.parametrize("text, narrow", [
    ("Ủy ban nhân dân các xã, phường", False),
    ("UBND các xã, phường trên địa bàn tỉnh", False),
    ("UBND các xã, phường thuộc tỉnh Tuyên Quang", False),
    ("Uy ban nhan dan cac xa, phuong", False),
    ("Ủy ban nhân dân các xã có điểm du lịch", True),
    ("UBND các xã vùng biên giới", True),
    ("UBND các xã, phường liên quan", True),
    ("cac co quan, don vi lién quan", True),  # OCR'd, a seed's "Cơ quan phối hợp"
    ("Các cơ quan, đơn vị, địa phương", False),
    ("Các sở, ban, ngành", False),
    ("Sở Y tế", False),
])
def test_narrowed(text, narrow):
    assert narrowed(text) is narrow


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    tmp = tmp_path_factory.mktemp("assigned")
    (tmp / "docs").mkdir()
    (tmp / "docs" / "kh-301.txt").write_text(PLAN, encoding="utf-8")
    return ingested_store(tmp / "assigned.db", tmp / "docs")


def _read(db: str, fn):
    store = open_store(db, read_only=True)
    try:
        return fn(store)
    finally:
        store.close()


def test_the_collective_is_one_edge_with_its_members(db):
    rows = _read(db, lambda s: s.read(
        "MATCH (x:Document {key: $k})-[a:ASSIGNED_TO]->(o:Organization) RETURN o.id AS org, a.role AS role, "
        "a.members AS members, a.raw AS raw", {"k": KEY}))
    got = {(r["org"], r["role"], r["members"]) for r in rows}
    assert ("province:8", "lead", "communes") in got
    assert ("province:8", "coordinating", "departments") in got
    assert not any("du lịch" in (r["raw"] or "") for r in rows)  # only some communes: left out


def test_gaps_lists_the_members(db):
    report = _read(db, lambda s: gaps(s, KEY, scope="recipients"))
    ids = {u.org.id for u in report.units}
    communes = {c.id for c in registry().communes("Tuyên Quang")}
    assert len(communes) == 124 and communes <= ids
    assert "province:8" not in ids  # the collective's unit is not itself expected
    assert "dept:8:so-khoa-hoc-va-cong-nghe" in ids


def test_deadlines_and_overdue_list_the_members(db):
    def both(s):
        return deadlines(s, gaps(s, KEY, scope="recipients"), as_of="2025-11-15"), overdue(s, KEY, as_of="2025-11-15")

    marks, late = _read(db, both)
    communes = {c.id for c in registry().communes("Tuyên Quang")}
    planned = {u.org_id for u in marks.units if u.plan_due == "2025-10-30"}
    assert planned == communes | {"dept:8:so-khoa-hoc-va-cong-nghe"}  # the task's units, the collective's members
    one = next(u for u in marks.units if u.org_id in communes)
    assert one.plan_duty == "Xây dựng kế hoạch chuyển đổi số của trạm y tế xã, phường"
    assert one.plan_evidence.doc == KEY and one.plan_evidence.start is not None
    rows = [r for r in late.rows if r.kind == "task"]
    assert {r.org.id for r in rows} >= communes and "province:8" not in {r.org.id for r in rows}
    assert {r.due for r in rows if r.org.id in communes} == {"2025-10-30"}


def test_a_store_written_before_the_column_says_how_to_read_it(tmp_path):
    """A file whose ASSIGNED_TO has no ``members`` (written before it was kept): opened read-only
    it says so and what to do; one writable open adds the column."""
    import ladybug

    from luocdo.graph.store import StoreError

    path = str(tmp_path / "old.db")
    open_store(path).close()
    db = ladybug.Database(path)
    ladybug.Connection(db).execute("ALTER TABLE ASSIGNED_TO DROP members")
    db.close()
    old = open_store(path, read_only=True)
    try:
        with pytest.raises(StoreError, match=r"earlier luocdo \(no column ASSIGNED_TO\.members\).*luocdo ingest"):
            old.read("MATCH ()-[a:ASSIGNED_TO]->() RETURN a.members AS m", {})
        with pytest.raises(StoreError, match=r"ladybug: .*Cannot find property"):  # not in the schema at all
            old.read("MATCH ()-[a:ASSIGNED_TO]->() RETURN a.nothing AS m", {})
    finally:
        old.close()
    open_store(path).close()
    store = open_store(path, read_only=True)
    try:
        assert store.read("MATCH ()-[a:ASSIGNED_TO]->() RETURN a.members AS m", {}) == []
    finally:
        store.close()
