"""The questions of issue 4, answered on the test corpus, on both stores.

The corpus (the five real seeds, else examples/corpus: tests/corpora.py) is
ingested once per session into LadybugDB and into the Neo4j server of
tests/conftest.py; every test reads only and must get the same answer from
both.  Where the answers differ by corpus, each corpus has its own.
Writes are tested on throwaway stores.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from luocdo.core.fold import squash
from luocdo.graph.store import open_store
from luocdo.queries import (
    Ambiguous,
    BadParameter,
    NotFound,
    WriteRefused,
    basis,
    candidates,
    gaps,
    implementers,
    list_documents,
    loader,
    organization,
    organization_documents,
    resolve,
    run_cypher,
    search,
    show,
    subgraph,
    trace,
)
from luocdo.queries.cypher_run import writes
from luocdo.queries.gaps import title_similarity
from luocdo.queries.resolve import parse_name
from tests.conftest import STORES
from tests.corpora import ACTIVE

SEEDS = ACTIVE.is_seeds

K82 = "82/KH-UBND@2025@quang-ngai"
K57 = "57-NQ/TW@2024"
K359 = "359-KH/TU@2025@quang-ngai"
K327 = "327/QĐ-UBND@2025@quang-ngai"
K38_LY_SON = "38/KH-UBND@2025@quang-ngai/ly-son"
K38_PROVINCE = "38/KH-UBND@2024@quang-ngai"
K12_SON_MAI = "12/KH-UBND@2025@quang-ngai/son-mai"
SON_MAI = "commune:21349"
LY_SON = "commune:21548"
# examples/corpus
K145 = "145/KH-UBND@2025@tuyen-quang"
K09 = "09-KH/TU@2025@tuyen-quang"
K412 = "412/QĐ-UBND@2025@tuyen-quang"
K35 = "35/KH-UBND@2025@tuyen-quang/minh-xuan"
K64 = "64/KH-UBND@2025@tuyen-quang/son-duong"
K27_LAM_BINH = "27/KH-UBND@2025@tuyen-quang/lam-binh"
K27_PROVINCE = "27/KH-UBND@2024@tuyen-quang"
LAM_BINH = "commune:2266"
HAM_YEN = "commune:2374"
#: the provincial plan the tests ask about: as typed, its key, its date, its province
T, KT, T_DATE, T_PROVINCE = (
    ("82/KH-UBND", K82, "2025-04-17", "Quảng Ngãi") if SEEDS else ("145/KH-UBND", K145, "2025-08-12", "Tuyên Quang")
)
#: a commune, its id and code, and its own plan
COMMUNE, COMMUNE_ID, COMMUNE_PLAN = (
    ("son mai", SON_MAI, K12_SON_MAI) if SEEDS else ("lam binh", LAM_BINH, K27_LAM_BINH)
)


def _ingest(store, seeds_dir: Path) -> None:
    from luocdo.pipeline import ingest

    report = ingest(store, [str(seeds_dir)], workers=1)
    assert not report.failed, report.failed
    assert report.added == ACTIVE.files


@pytest.fixture(scope="session")
def ladybug_seed_db(tmp_path_factory, corpus_dir: Path) -> str:
    """Path of a LadybugDB file holding the test corpus (built once per session)."""
    path = str(tmp_path_factory.mktemp("queries") / "seeds.db")
    store = open_store(path)
    try:
        _ingest(store, corpus_dir)
    finally:
        store.close()
    return path


@pytest.fixture(scope="session")
def ladybug_seed_store(ladybug_seed_db):
    s = open_store(ladybug_seed_db, read_only=True)
    yield s
    s.close()


@pytest.fixture(scope="session")
def neo4j_seed_store(neo4j_server):
    s = neo4j_server.store(read_only=True)
    yield s
    s.close()


@pytest.fixture(params=STORES)
def store(request):
    """A store holding the test corpus, on each backend; the tests only read it."""
    if request.param == "ladybug":
        return request.getfixturevalue("ladybug_seed_store")
    request.getfixturevalue("neo4j_seeds")  # reloaded if another test used the server meanwhile
    return request.getfixturevalue("neo4j_seed_store")


# ---------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------

PARSE_ROWS = [
    ("57-NQ/TW", dict(number="57", type="NQ", symbol=("nq", "tw"), year=None)),
    ("NQ 57", dict(number="57", type="NQ", symbol=())),
    ("Nghị quyết 57", dict(number="57", type="NQ")),
    ("nghi quyet 57-nq/tw", dict(number="57", type="NQ", symbol=("nq", "tw"))),
    ("82/KH-UBND 2025", dict(number="82", type="KH", symbol=("kh", "ubnd"), year=2025)),
    ("82/KH-UBND Quảng Ngãi", dict(number="82", words=("quang", "ngai"))),
    ("1256/QD-UBND", dict(number="1256", type="QĐ", symbol=("qd", "ubnd"))),
    ("Quyết định số 121/Qb-UBND", dict(number="121", type="QĐ", symbol=("qd", "ubnd"))),
    ("30/2020/NĐ-CP", dict(number="30", type="NĐ", year=2020)),
    ("Kế hoạch 82/KH-UBND ngày 17/4/2025", dict(number="82", date="2025-04-17", year=2025)),
    ("38/KH-UBND@2025@quang-ngai/ly-son", dict(number="38", year=2025, words=("quang", "ngai", "ly", "son"))),
    ("KH@2025@quang-ngai/van-phong-ubnd-tinh#3fa2c1", dict(number=None, year=2025)),
]


@pytest.mark.parametrize(("text", "expected"), PARSE_ROWS)
def test_parse_name(text, expected):
    q = parse_name(text)
    for field, value in expected.items():
        assert getattr(q, field) == value, (text, field, q)


#: names of the national directive, the same in either corpus
RESOLVE_CENTRAL = [
    ("57-NQ/TW", K57),
    ("NQ 57", K57),
    ("Nghị quyết 57", K57),
    ("nghi quyet 57-nq/tw", K57),
    ("NGHỊ QUYẾT SỐ 57-NQ/TW", K57),
    (K57, K57),
    ("57-NQ~TW@2024", K57),  # the URL form
]

RESOLVE_ROWS = RESOLVE_CENTRAL + ([
    ("145/KH-UBND", K145),
    ("145/KH-UBND 2025", K145),
    ("145/KH-UBND Tuyên Quang", K145),
    ("145/kh-ubnd tuyen quang", K145),
    ("Kế hoạch 145/KH-UBND ngày 12/8/2025", K145),
    ("27/KH-UBND Lâm Bình", K27_LAM_BINH),
    ("27/KH-UBND 2024", K27_PROVINCE),
    ("64/KH-UBND", K64),
    ("412/QD-UBND", K412),
    ("QĐ 412", K412),
    ("71/NQ-CP", "71/NQ-CP@2025"),
    ("9-KH/TU", K09),
    ("Luật Tổ chức chính quyền địa phương", "Luật:to-chuc-chinh-quyen-dia-phuong@2025"),
] if not SEEDS else [
    ("82/KH-UBND", K82),
    ("82/KH-UBND 2025", K82),
    ("82/KH-UBND Quảng Ngãi", K82),
    ("82/kh-ubnd quang ngai", K82),
    ("Kế hoạch 82/KH-UBND ngày 17/4/2025", K82),
    ("38/KH-UBND Lý Sơn", K38_LY_SON),
    ("38/KH-UBND 2024", K38_PROVINCE),
    ("12/KH-UBND", K12_SON_MAI),
    ("1256/QD-UBND", "1256/QĐ-UBND@2021@quang-ngai"),
    ("QĐ 393", "393/QĐ-UBND@2025@quang-ngai"),
    ("7/CT-TTg", "07/CT-TTg@2025"),
    ("359-KH/TU", K359),
    ("Luật Tổ chức chính quyền địa phương", "Luật:to-chuc-chinh-quyen-dia-phuong@2025"),
])


@pytest.mark.parametrize(("name", "key"), RESOLVE_ROWS)
def test_resolve(store, name, key):
    assert resolve(store, name).key == key


def test_ambiguous_lists_candidates_with_number_date_issuer(store):
    name = ACTIVE.ambiguous
    with pytest.raises(Ambiguous) as e:
        resolve(store, name)
    assert e.value.status == 409
    keys = {c.key for c in e.value.candidates}
    assert keys == ACTIVE.ambiguous_keys
    by_key = {c.key: c for c in e.value.candidates}
    province, commune, date, issuer = (
        (K38_PROVINCE, K38_LY_SON, "2024-02-20", "Đặc khu Lý Sơn") if SEEDS
        else (K27_PROVINCE, K27_LAM_BINH, "2024-02-19", "Xã Lâm Bình")
    )
    assert by_key[province].date == date
    assert by_key[commune].issuer == issuer
    assert name in str(e.value)
    assert [c.key for c in candidates(store, name)] == [c.key for c in e.value.candidates]


@pytest.mark.parametrize("name", ["99/KH-UBND", f"{T} 2019", T.replace("KH", "QĐ"), "zzqx", ""])
def test_not_found(store, name):
    with pytest.raises(NotFound) as e:
        resolve(store, name)
    assert e.value.status == 404


def test_candidates_never_raise(store):
    assert candidates(store, "") == []
    assert candidates(store, "99/KH-UBND") == []
    assert [c.key for c in candidates(store, T)] == [KT]
    # a contradicting year still offers the documents with that number
    assert [c.key for c in candidates(store, f"{T} 2019")] == [KT]


# ---------------------------------------------------------------------------
# implements / trace / basis
# ---------------------------------------------------------------------------


def test_implements_target(store):
    r = implementers(store, T)
    assert r.target.key == KT and r.target.date == T_DATE
    rows = {row.doc.key: row for row in r.rows}
    department, commune_plan, commune, derived = (
        ("Văn phòng UBND tỉnh", K38_LY_SON, "Đặc khu Lý Sơn", True) if SEEDS  # Lý Sơn's plan: stated in a report
        else ("Sở Khoa học và Công nghệ", K27_LAM_BINH, "Xã Lâm Bình", False)
    )
    dept = [row for row in r.rows if row.doc.issuer == department]
    assert len(dept) == 1 and dept[0].doc.ingested and dept[0].doc.level == "department"
    assert commune_plan in rows
    plan = rows[commune_plan]
    assert plan.doc.issuer == commune and plan.doc.level == "commune"
    assert plan.evidence is not None and plan.evidence.derived == derived
    assert T in plan.evidence.sentence
    for row in r.rows:
        assert row.depth == 1 and row.chain == [KT, row.doc.key] and row.via is None
        # days from 2025-04-17; None exactly when the document's own date is unknown
        if row.doc.date:
            from datetime import date

            assert row.days == (date.fromisoformat(row.doc.date) - date.fromisoformat(T_DATE)).days
        else:
            assert row.days is None


#: Down from 57-NQ/TW: what implements it directly, a first hop (key, days), a second (key, days, date).
DOWN_57 = {
    "direct": [K359],
    "first": (K359, 128),
    "second": (K327, 155, "2025-05-26"),  # 2024-12-22 → 2025-05-26
} if SEEDS else {
    "direct": ["71/NQ-CP@2025", K09, K412, K145, "88/KH-SKHCN@2025@tuyen-quang",
               "41/KH-UBND@2025@tuyen-quang/tan-trao", "39/KH-UBND@2025@tuyen-quang/ham-yen",
               "2310/UBND-KGVX@2025@tuyen-quang"],
    "first": (K145, 233),
    "second": (K35, 246, "2025-08-25"),  # 2024-12-22 → 2025-08-25
}


def test_implements_transitive_57(store):
    direct = implementers(store, "57-NQ/TW")
    assert [row.doc.key for row in direct.rows] == DOWN_57["direct"]
    r = implementers(store, "57-NQ/TW", transitive=True)
    rows = {row.doc.key: row for row in r.rows}
    first, first_days = DOWN_57["first"]
    second, second_days, second_date = DOWN_57["second"]
    assert rows[first].depth == 1 and rows[first].days == first_days
    assert rows[second].depth == 2
    assert rows[second].chain == [K57, first, second]
    assert rows[second].via == first
    assert rows[second].days == second_days
    assert rows[second].doc.date == second_date
    shallow = implementers(store, "57-NQ/TW", transitive=True, depth=1)
    assert [row.doc.key for row in shallow.rows] == DOWN_57["direct"]


def test_trace_57(store):
    t = trace(store, "57-NQ/TW")
    assert t.root.key == K57
    nodes = {n.doc.key: n for n in t.nodes}
    assert nodes[K57].parent is None and nodes[K57].depth == 0
    if not SEEDS:
        assert nodes[K145].parent == K57 and nodes[K145].days_from_parent == 233
        assert nodes[K35].parent == K145 and nodes[K35].days_from_parent == 13
        assert nodes[K35].days_from_root == 246
        assert nodes[K145].level == "province" and nodes[K35].level == "commune"
        assert nodes[K145].doc.issuer == "UBND tỉnh Tuyên Quang"
        assert t.median_delay_by_level == {"central": 100.0, "party": 218.0, "province": 233.0,
                                           "department": 29.0, "commune": 37.0}
        # the documents that mention 57-NQ/TW and stand on no chain down from it are listed apart
        assert {d.key for d in t.citing_only} == {"112/UBND-VP@2025@tuyen-quang/na-hang",
                                                 "58/BC-UBND@2025@tuyen-quang/yen-son",
                                                 "BC@2025@tuyen-quang/minh-xuan/phuong-minh-xuan#337adc"}
        assert not {d.key for d in t.citing_only} & set(nodes)
        return
    assert nodes[K359].parent == K57 and nodes[K359].days_from_parent == 128
    assert nodes[K327].parent == K359 and nodes[K327].days_from_parent == 27
    assert nodes[K327].days_from_root == 155
    assert nodes[K359].level == "party" and nodes[K327].level == "province"
    assert nodes[K359].doc.issuer == "Ban Thường vụ Tỉnh ủy"
    assert t.median_delay_by_level == {"party": 128.0, "province": 27.0}
    citing = {d.key for d in t.citing_only}
    seeds = {d.key for d in citing_seed_docs(store)}
    assert seeds <= citing, "the seed plans that only cite 57-NQ/TW are listed apart"
    assert len(seeds) == 3
    assert not citing & set(nodes)


def citing_seed_docs(store):
    """The ingested seeds that mention 57-NQ/TW without implementing it."""
    rows = store.read(
        "MATCH (d:Document)-[:CITES]->(x:Document {key: $k}) WHERE d.ingested = true RETURN DISTINCT d.key AS key",
        {"k": K57},
    )
    from luocdo.queries.common import fetch_docs

    return list(fetch_docs(store, [r["key"] for r in rows]).values())


def test_basis_of_a_plan(store):
    name, key, displays, (issued, issuer) = (
        ("12/KH-UBND", K12_SON_MAI, ("1256/QĐ-UBND", "393/QĐ-UBND", "121/QĐ-UBND"), ("121/QĐ-UBND", "Xã Sơn Mai"))
        if SEEDS else ("64/KH-UBND", K64, ("145/KH-UBND", "214/KH-SNV"), ("214/KH-SNV", "Sở Nội vụ"))
    )
    b = basis(store, name)
    assert b.doc.key == key
    got = {row.doc.display: row for row in b.rows}
    for display in displays:
        assert got[display].relation == "BASED_ON" and got[display].depth == 1
        assert got[display].chain[0] == key
        assert got[display].evidence is not None and display.split("/")[0] in got[display].evidence.sentence
    assert got[issued].doc.issuer == issuer


def test_basis_goes_up_through_implements(store):
    name, start, up = ("327/QĐ-UBND", K327, K359) if SEEDS else ("27/KH-UBND Lâm Bình", K27_LAM_BINH, K145)
    b = basis(store, name)
    got = {row.doc.key: row for row in b.rows}
    assert got[up].relation == "IMPLEMENTS" and got[up].depth == 1
    assert got[K57].depth == 2 and got[K57].chain == [start, up, K57]
    assert got[K57].doc.level == "central"


@pytest.mark.parametrize("depth", [0, 11, -1])
def test_depth_is_checked(store, depth):
    with pytest.raises(BadParameter):
        implementers(store, K82, transitive=True, depth=depth)


# ---------------------------------------------------------------------------
# gaps
# ---------------------------------------------------------------------------


#: The target's gaps by province: communes; a commune with its plan; a commune with a possible one
#: (candidate, reason's start); departments with and without a plan; counts of has_plan and possible.
GAPS = {
    "communes": 96, "plan": (LY_SON, K38_LY_SON), "possible": (SON_MAI, K12_SON_MAI, "12/KH-UBND 2025-08-05"),
    "depts": ("Văn phòng UBND tỉnh", "Sở Khoa học và Công nghệ"), "no_plan": 94, "counts": (2, 1),
} if SEEDS else {
    "communes": 124, "plan": (LAM_BINH, K27_LAM_BINH),
    "possible": (HAM_YEN, "39/KH-UBND@2025@tuyen-quang/ham-yen", "39/KH-UBND 2025-09-02"),
    "depts": ("Sở Khoa học và Công nghệ", "Văn phòng UBND tỉnh"), "no_plan": 115, "counts": (11, 1),
}


def test_gaps_of_the_target_by_province(store):
    from luocdo.core.registry import registry

    g = gaps(store, T)
    assert g.scope == "province"
    communes = registry().communes(T_PROVINCE)
    assert len(communes) == GAPS["communes"]
    units = {u.org.id: u for u in g.units}
    for c in communes:
        assert c.id in units, c
        assert units[c.id].org.code == str(c.code) and units[c.id].org.code
    unit, plan = GAPS["plan"]
    assert units[unit].status == "has_plan"
    assert [d.key for d in units[unit].documents] == [plan]
    unit, candidate, reason = GAPS["possible"]
    maybe = units[unit]
    assert maybe.status == "possible"
    assert maybe.candidate is not None and maybe.candidate.key == candidate
    assert maybe.reason.startswith(f"{reason}: title similarity ")
    assert maybe.reason.endswith(f"to {T}; does not cite it")
    others = [units[c.id] for c in communes if units[c.id].status == "no_plan"]
    assert len(others) == GAPS["no_plan"] and all(u.candidate is None for u in others)
    # the province's departments known to the graph: one has a plan, another not
    depts = {u.org.name: u for u in g.units if u.org.level == "department"}
    with_plan, without = GAPS["depts"]
    assert depts[with_plan].status == "has_plan"
    assert depts[without].status == "no_plan"
    assert all(u.org.province == T_PROVINCE for u in depts.values())
    assert g.counts["total"] == len(g.units) == GAPS["communes"] + len(depts)
    assert (g.counts["has_plan"], g.counts["possible"]) == GAPS["counts"]
    assert sum(g.counts[s] for s in ("has_plan", "reported_only", "possible", "no_plan")) == len(g.units)


def test_gaps_national_default_for_central(store):
    g = gaps(store, "57-NQ/TW")
    assert g.scope == "national"
    # the 34 provinces and, for a central directive, today's 14 ministries and 3 ministry-level agencies
    assert len(g.units) == 34 + 17
    ministries = {u.org.name for u in g.units if u.org.level in ("ministry", "central")}
    assert {"Bộ Nội vụ", "Bộ Dân tộc và Tôn giáo", "Ngân hàng Nhà nước Việt Nam", "Văn phòng Chính phủ"} <= ministries
    assert "Bộ Kế hoạch và Đầu tư" not in ministries  # merged into Bộ Tài chính in 2025
    units = {u.org.name: u for u in g.units}
    code, plans = ("51", {K359, K327}) if SEEDS else ("08", {K09, K145})
    qn = units[T_PROVINCE]
    assert qn.status == "has_plan" and qn.org.code == code
    assert {d.key for d in qn.documents} >= plans
    assert units["Lâm Đồng"].status == "no_plan"
    assert g.counts["has_plan"] == 1


def test_gaps_recipients(store):
    name, want = (
        ("12/KH-UBND", {"dept:51:so-noi-vu", "dept:51:van-phong-ubnd-tinh", "unit:21349:van-phong-hdnd-va-ubnd"})
        if SEEDS else ("145/KH-UBND", {"dept:8:so-noi-vu", "dept:8:so-tai-chinh", "dept:8:so-khoa-hoc-va-cong-nghe"})
    )
    g = gaps(store, name, scope="recipients")
    ids = {u.org.id for u in g.units}
    assert want <= ids
    with pytest.raises(BadParameter, match="recipients"):
        gaps(store, ACTIVE.no_recipients, scope="recipients")  # it names no recipients
    with pytest.raises(BadParameter, match="scope"):
        gaps(store, T, scope="world")


def _synthetic_store(s):
    """A small graph with one unit per gap status, built from deltas (no seeds needed).

    X = 5/KH-UBND of Quảng Ngãi (2025-03-01).  Commune A has a plan that
    implements a plan implementing X (has_plan through a chain); B only
    reported on X; C issued a plan on the same subject that does not cite X
    (possible); D issued an unrelated plan, and one on the subject but before
    X (no_plan); E's office issued a plan based on X (has_plan through PART_OF).
    """
    from luocdo.core.registry import registry
    from luocdo.graph.delta import EdgeRow, GraphDelta, NodeClaim

    communes = registry().communes("Quảng Ngãi")[:5]
    a, b, c, d, e = communes
    x = "5/KH-UBND@2025@quang-ngai"
    subject = "truyền thông về cải cách hành chính và chuyển đổi số năm 2025"

    def doc(key, date, title, issuer, own=True, typ="KH"):
        return NodeClaim.of("Document", key, {"type": typ, "display": key.split("@")[0], "date": date,
                                              "year": int(date[:4]), "title": title, "issuer": issuer.name,
                                              "issuer_id": issuer.id, "level": issuer.level,
                                              "province": "Quảng Ngãi", "search": key.lower()}, own=own)

    def org(o):
        props = {k: v for k, v in o.row().items() if k not in ("id", "part_of")}
        return NodeClaim.of("Organization", o.id, props)

    province = registry().province("Quảng Ngãi")
    office = type(e)(id=f"unit:{e.code}:van-phong", name="Văn phòng", level="commune", kind="văn phòng",
                     province="Quảng Ngãi", province_code=e.province_code, parent_id=e.id)
    orgs = [org(o) for o in (a, b, c, d, e, province, office)]
    parts = [EdgeRow.of("PART_OF", o.id, province.id) for o in communes] + [EdgeRow.of("PART_OF", office.id, e.id)]
    ev = {"doc": "k", "file": "f", "start": 0, "end": 1, "sentence": "Thực hiện Kế hoạch 5/KH-UBND", "derived": False}
    specs = [
        # key, date, title, issuer, edges
        (x, "2025-03-01", subject, province, []),
        ("1/KH-UBND@2025@a", "2025-04-01", "kế hoạch triển khai", a, [("IMPLEMENTS", "2/KH-UBND@2025@a")]),
        ("2/KH-UBND@2025@a", "2025-03-20", "kế hoạch của xã", a, [("IMPLEMENTS", x)]),
        ("3/BC-UBND@2025@b", "2025-06-01", "báo cáo kết quả", b, [("REPORTS_ON", x)]),
        ("4/KH-UBND@2025@c", "2025-05-01", "Truyền thông về cải cách hành chính, chuyển đổi số năm 2025", c, []),
        ("6/KH-UBND@2025@d", "2025-05-01", "phòng chống thiên tai mùa mưa bão", d, []),
        ("7/KH-UBND@2025@d", "2025-01-10", subject, d, []),
        ("8/KH-UBND@2025@e", "2025-03-05", "kế hoạch của văn phòng", office, [("BASED_ON", x)]),
    ]
    deltas = []
    for key, date, title, issuer, rels in specs:
        nodes = [doc(key, date, title, issuer), *orgs]
        edges = [EdgeRow.of("ISSUED_BY", key, issuer.id, {"raw": issuer.name}), *parts]
        edges += [EdgeRow.of(rel, key, dst, ev) for rel, dst in rels]
        deltas.append(GraphDelta(source_id=key, path=key, hash=key, doc_key=key, nodes=tuple(nodes), edges=tuple(edges)))
    s.apply(deltas)
    return s, x, communes


def test_gaps_statuses_on_a_built_graph(any_store):
    s, x, (a, b, c, d, e) = _synthetic_store(any_store)
    g = gaps(s, x)
    assert g.scope == "province"
    units = {u.org.id: u for u in g.units}
    assert units[a.id].status == "has_plan"
    assert {doc.key for doc in units[a.id].documents} == {"1/KH-UBND@2025@a", "2/KH-UBND@2025@a"}
    assert units[b.id].status == "reported_only"
    assert [doc.key for doc in units[b.id].documents] == ["3/BC-UBND@2025@b"]
    assert units[c.id].status == "possible" and units[c.id].candidate.key == "4/KH-UBND@2025@c"
    assert "does not cite it" in units[c.id].reason
    assert units[d.id].status == "no_plan"  # unrelated, or on the subject but before X
    assert units[e.id].status == "has_plan"  # its office's plan rests on X
    assert g.counts == {"has_plan": 2, "reported_only": 1, "possible": 1, "no_plan": 92, "total": 96}



def test_gaps_reports_through_a_chain_of_plans(any_store):
    """A report counts when it reports on X or on a plan down X's chain of IMPLEMENTS, its last step its
    only REPORTS_ON: a plan carrying out a report, or a report on a report, is none (both engines)."""
    from luocdo.graph.delta import EdgeRow, GraphDelta, NodeClaim
    from luocdo.queries import loader

    s, x, (a, b, c, d, e) = _synthetic_store(any_store)
    ev = {"doc": "k", "file": "f", "start": 0, "end": 1, "sentence": "Báo cáo kết quả", "derived": False}
    extra = [  # key, issuer, relation, target
        ("9/BC-UBND@2025@d", d, "REPORTS_ON", "2/KH-UBND@2025@a"),  # on a plan that implements X
        ("10/KH-UBND@2025@c", c, "IMPLEMENTS", "3/BC-UBND@2025@b"),  # carries out a report on X
        ("11/BC-UBND@2025@e", e, "REPORTS_ON", "3/BC-UBND@2025@b"),  # a report on a report on X
    ]
    s.apply([
        GraphDelta(source_id=key, path=key, hash=key, doc_key=key,
                   nodes=(NodeClaim.of("Document", key, {"type": key.split("/")[1][:2], "display": key.split("@")[0],
                                                         "date": "2025-07-01", "year": 2025, "issuer": o.name,
                                                         "issuer_id": o.id, "province": "Quảng Ngãi"}),),
                   edges=(EdgeRow.of("ISSUED_BY", key, o.id, {"raw": o.name}), EdgeRow.of(rel, key, dst, ev)))
        for key, o, rel, dst in extra
    ])
    rows = loader.run(s, "gaps_reports", {"key": x}, limit=None)
    assert sorted((r["key"], r["org"]) for r in rows) == [("3/BC-UBND@2025@b", b.id), ("9/BC-UBND@2025@d", d.id)]
    units = {u.org.id: u for u in gaps(s, x).units}
    assert units[d.id].status == "reported_only" and [k.key for k in units[d.id].documents] == ["9/BC-UBND@2025@d"]

TITLE_ROWS = [
    # (title a, title b, at least, at most)
    ("về truyền thông về cải cách hành chính và chuyển đổi số năm 2025 trên địa bàn tỉnh Quảng Ngãi",
     "Truyền thông về cải cách hành chính và chuyển đổi số xã Sơn Mai năm 2025", 90, 100),
    ("về truyền thông về cải cách hành chính và chuyển đổi số năm 2025",
     "về việc ban hành Kế hoạch cải cách hành chính năm 2025", 0, 74),
    # OCR'd on both sides ("theng", "d6i", "so0", "nim") still matches
    ("vé truyén théng cai cach hanh chinh va chuyén d6i sé nim 2025",
     "Truyén thong vé cai cach hanh chinh va chuyén doi so0 xa Son Mai nam 2025", 85, 100),
    ("về truyền thông về cải cách hành chính và chuyển đổi số năm 2025",
     "về tăng cường bảo đảm an toàn, an ninh thông tin", 0, 50),
    (None, "anything", 0, 0),
]


@pytest.mark.parametrize(("a", "b", "lo", "hi"), TITLE_ROWS)
def test_title_similarity(a, b, lo, hi):
    assert lo <= title_similarity(a, b, frozenset({"son", "mai", "quang", "ngai"})) <= hi


# ---------------------------------------------------------------------------
# show / search / listing / organizations / subgraph
# ---------------------------------------------------------------------------


def test_show_the_target(store):
    if not SEEDS:
        c = show(store, "145/KH-UBND Tuyên Quang")
        assert c.doc.key == K145 and c.doc.ingested
        assert len(c.sources) == 17 and c.sources[0].endswith("03_ubnd-tinh_145-KH-UBND.txt")  # its own, 16 citing it
        incoming = {(e.relation, e.other.key) for e in c.incoming}
        assert {("IMPLEMENTS", K27_LAM_BINH), ("BASED_ON", K64), ("REPORTS_ON", "58/BC-UBND@2025@tuyen-quang/yen-son")} <= incoming
        assert c.derived_incoming == []
        for e in c.incoming:
            assert e.evidence is not None and e.evidence.sentence and e.evidence.file and not e.evidence.derived
        assert any(o.relation == "ISSUED_BY" and o.org.id == ACTIVE.target_org for o in c.organizations)
        return
    c = show(store, "82/KH-UBND Quảng Ngãi")
    assert c.doc.key == K82 and not c.doc.ingested
    assert len(c.sources) == 2  # cited by two seeds
    incoming = {(e.relation, e.other.key) for e in c.incoming}
    # Lý Sơn's plan is not among the seeds: its edge is stated inside the report's citation, shown apart
    assert ("IMPLEMENTS", K38_LY_SON) in {(e.relation, e.other.key) for e in c.derived_incoming}
    assert ("IMPLEMENTS", K38_LY_SON) not in incoming
    assert any(rel == "REPORTS_ON" and k.startswith("BC@2025@quang-ngai/ly-son") for rel, k in incoming)
    for e in c.incoming:
        assert e.evidence is not None and e.evidence.sentence and e.evidence.file and not e.evidence.derived
    for e in c.derived_incoming:
        assert e.evidence is not None and e.evidence.sentence and e.evidence.derived
    assert any(o.relation == "ISSUED_BY" and o.org.id == "province:51" for o in c.organizations)


def test_show_a_commune_plan_has_outgoing_and_assignments(store):
    key, file, basis_of = (
        (K12_SON_MAI, "002_ec9dfb82eb2a2281.txt", "1256/QĐ-UBND") if SEEDS else (K64, "14_son-duong_64-KH-UBND.txt", "145/KH-UBND")
    )
    c = show(store, key)
    assert c.doc.ingested and c.sources and c.sources[0].endswith(file)
    out = {(e.relation, e.other.display) for e in c.outgoing}
    assert ("BASED_ON", basis_of) in out and ("CITES", "57-NQ/TW") in out
    assert any(o.relation == "ASSIGNED_TO" and o.role == "lead" and o.task for o in c.organizations)


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("nghi quyet 57", K57),
        ("Nghị quyết 57", K57),
        ("NGHI QUYET SO 57", K57),
        ("nghi quyel 57", K57),  # OCR: t read as l
        ("57-NQ/TW", K57),
        *([("1256/QD-UBND", "1256/QĐ-UBND@2021@quang-ngai"), ("ke hoach 12 son mai", K12_SON_MAI)] if SEEDS
          else [("412/QD-UBND", K412), ("ke hoach 27 lam binh", K27_LAM_BINH)]),
    ],
)
def test_search_ranks_the_named_document_first(store, text, first):
    hits = search(store, text)
    assert hits and hits[0].kind == "document" and hits[0].id == first, [(h.id, h.score) for h in hits[:5]]
    assert hits == sorted(hits, key=lambda h: -h.score)


def test_search_organizations_without_diacritics(store):
    plain = search(store, COMMUNE)
    marked = search(store, ACTIVE.commune)
    assert [h.id for h in plain] == [h.id for h in marked]
    orgs = [h for h in plain if h.kind == "organization"]
    assert orgs and orgs[0].id == COMMUNE_ID and orgs[0].org.code == ("21349" if SEEDS else "02266")
    assert search(store, "   ") == []


def test_list_documents(store):
    page = list_documents(store, year=2025, province=squash(T_PROVINCE), limit=5)
    assert len(page.items) == 5 and page.next_cursor == "5"
    assert all(d.year == 2025 and d.province == T_PROVINCE for d in page.items)
    keys = [d.key for d in page.items]
    assert keys == sorted(keys)
    rest = list_documents(store, year=2025, province=T_PROVINCE, limit=1000, cursor=page.next_cursor)
    assert not {d.key for d in rest.items} & set(keys) and rest.next_cursor is None
    # ?q= ranks as `luocdo search` does: the best fit first
    assert list_documents(store, q=COMMUNE, type="KH").items[0].key == COMMUNE_PLAN
    ranked = [h.doc.key for h in search(store, "nghi quyet 57") if h.kind == "document"]
    assert [d.key for d in list_documents(store, q="nghi quyet 57").items] == ranked
    assert list_documents(store, q="nghi quyet 57").items[0].key == K57
    with pytest.raises(BadParameter):
        list_documents(store, cursor="abc")


def test_organizations(store):
    o = organization(store, COMMUNE_ID)
    assert (o.name, o.code) == (("Xã Sơn Mai", "21349") if SEEDS else ("Xã Lâm Bình", "02266"))
    docs = organization_documents(store, COMMUNE_ID)
    assert {(d.relation, d.doc.key) for d in docs} >= {("ISSUED_BY", COMMUNE_PLAN)}
    # a commune no document mentions: from the registry
    from luocdo.core.registry import registry

    other = (next(c for c in registry().communes("Quảng Ngãi") if c.id not in (SON_MAI, LY_SON)) if SEEDS
             else registry().by_id("commune:2269"))  # Xã Thượng Lâm
    assert other is not None
    assert organization(store, other.id).code == str(other.code)
    assert organization_documents(store, other.id) == []
    with pytest.raises(NotFound):
        organization(store, "commune:0")


def test_subgraph(store):
    plan = K38_LY_SON if SEEDS else K27_LAM_BINH
    sg = subgraph(store, T, depth=1)
    assert sg.center == KT
    ids = {n.id for n in sg.nodes}
    assert {KT, plan, ACTIVE.target_org} <= ids
    assert all(e.source in ids and e.target in ids for e in sg.edges)
    assert any(e.relation == "IMPLEMENTS" and e.source == plan and e.target == KT for e in sg.edges)
    only = subgraph(store, T, depth=2, relations=["IMPLEMENTS"])
    assert {e.relation for e in only.edges} == {"IMPLEMENTS"}
    small = subgraph(store, T, depth=3, limit=3)
    assert len(small.nodes) <= 3
    org = subgraph(store, COMMUNE_ID, depth=1)
    assert org.center == COMMUNE_ID and COMMUNE_PLAN in {n.id for n in org.nodes}
    with pytest.raises(BadParameter):
        subgraph(store, KT, relations=["LIKES"])


# ---------------------------------------------------------------------------
# cypher
# ---------------------------------------------------------------------------


def test_run_cypher_reads_and_bounds_rows(store):
    r = run_cypher(store, "MATCH (d:Document) RETURN d.key AS key ORDER BY key", limit=3)
    assert r.columns == ["key"] and len(r.rows) == 3 and r.truncated
    r = run_cypher(store, "MATCH (d:Document {key: $k}) RETURN d.date AS date", {"k": KT})
    assert r.rows == [[T_DATE]] and not r.truncated
    r = run_cypher(store, "RETURN 'CREATE (x)' AS text")  # a writing word inside a string is fine
    assert r.rows == [["CREATE (x)"]]


WRITES = [
    "CREATE (:Document {key: 'evil'})",
    "MATCH (d:Document) SET d.title = 'x'",
    "MATCH (d:Document) DETACH DELETE d",
    "match (d:Document) where d.key = 'a' remove d.title",
    "MERGE (o:Organization {id: 'x'})",
]


@pytest.mark.parametrize("query", WRITES)
def test_run_cypher_refuses_writes_and_changes_nothing(store, query):
    before = store.stats()
    with pytest.raises(WriteRefused) as e:
        run_cypher(store, query)
    assert e.value.status == 403
    assert store.stats() == before


@pytest.mark.parametrize(
    ("query", "clause"),
    [
        ("MATCH (n) RETURN n", None),
        ("MATCH (n) WHERE n.title = 'SET' RETURN n // DELETE", None),
        ("MATCH (n) RETURN n.`set`", None),
        ("MATCH (n) SET n.x = 1", "SET"),
        ("CALL db.x() YIELD a MERGE (b)", "CALL db.x"),  # an unlisted procedure, first
    ],
)
def test_write_detection(query, clause):
    assert writes(query) == clause


def test_run_cypher_write_allowed_when_asked(any_store):
    run_cypher(any_store, "CREATE (:Organization {id: 'x:1', name: 'X'})", write=True)
    assert run_cypher(any_store, "MATCH (o:Organization) RETURN o.id AS id").rows == [["x:1"]]


def test_run_cypher_errors_are_one_line(store):
    from luocdo.queries import QueryError

    with pytest.raises(QueryError) as e:
        run_cypher(store, "MATCH (d:Nope RETURN d")
    assert "\n" not in str(e.value).strip() or str(e.value).startswith("query failed")
    with pytest.raises(BadParameter):
        run_cypher(store, "RETURN 1", limit=0)


# ---------------------------------------------------------------------------
# The named queries themselves
# ---------------------------------------------------------------------------


def test_every_query_loads_on_both_dialects():
    names = loader.names()
    assert {"implements_tree", "basis_edges", "gaps_plans", "docs_by_number"} <= set(names)
    for name in names:
        for dialect in loader.DIALECTS:
            text = loader.load(name, dialect)
            assert text and "//" not in text.splitlines()[0]
            assert not writes(text), name
            if dialect == "ladybug":
                assert "type(r)" not in text, name
    # variants only beside a base file
    for p in loader.CYPHER_DIR.glob("*.*.cypher"):
        assert (loader.CYPHER_DIR / (p.name.split(".")[0] + ".cypher")).is_file(), p
