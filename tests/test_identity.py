"""One node per real instrument: aliases, merges, order independence (invented texts)."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from luocdo.core import keys as K
from luocdo.graph import identity
from luocdo.graph.build import build_delta
from luocdo.graph.ladybug_store import LadybugStore
from luocdo.loaders.extract import extract_text

HEAD = "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: {n}/KH-UBND\nQuảng Ngãi, ngày 05 tháng 8 năm 2025\nKẾ HOẠCH\nTriển khai công tác năm 2025\n"

# ---------------------------------------------------------------------------
# keys
# ---------------------------------------------------------------------------

GROUPS = [
    ("57-NQ/TW@2024", "57-NQ/TW"),
    ("57-NQ/TW@?", "57-NQ/TW"),
    ("45/2013/QH13@2013", "45/2013/QH13"),
    ("Luật:dat-dai@2013", "Luật:dat-dai"),
    ("Luật:dat-dai@?", "Luật:dat-dai"),
    ("82/KH-UBND@2025@quang-ngai", None),  # local: numbers restart per locality
    ("BC@2025@quang-ngai#3fa2c1", None),  # no number
    ("?@2025", None),
]


@pytest.mark.parametrize(("key", "group"), GROUPS)
def test_ident_group(key: str, group: str | None) -> None:
    assert K.ident_group(key) == group


SYMBOLS = [
    (("45", "2013/QH13-KHOẢN", 2013), "45/2013/QH13@2013"),  # "45/2013/QH13 | Khoản 2" in a table
    (("45", "2013/QH13-ĐIỀU", 2013), "45/2013/QH13@2013"),
    (("45", "2013/QH13-PIEU", 2013), "45/2013/QH13@2013"),  # OCR: "Điều" without marks, "Đ" read as "P"
    (("45", "2013/QH13-KHOAN", 2013), "45/2013/QH13@2013"),
    (("31", "2024/QH14", 2024), "31/2024/QH15@2024"),  # the Assembly sitting that year
    (("15", "2012/QH11", 2012), "15/2012/QH13@2012"),
    (("01", "2016/QH13", 2016), "01/2016/QH13@2016"),  # 2016: both sat, keep what is written
    (("01", "2016/QH14", 2016), "01/2016/QH14@2016"),
    (("30", "2020/NĐ-CP", 2020), "30/2020/NĐ-CP@2020"),
    (("57", "NQ/TW", None), "57-NQ/TW@?"),
]


@pytest.mark.parametrize(("args", "key"), SYMBOLS)
def test_key_symbol(args: tuple, key: str) -> None:
    number, symbol, year = args
    assert K.instrument_key(number, symbol, year, local=False, scope=None) == key


# ---------------------------------------------------------------------------
# settle: counts of keys and links → one node per instrument
# ---------------------------------------------------------------------------


def _settled(names: dict[str, int], links: list[tuple[str, str]]) -> tuple[dict, dict]:
    groups: dict[str, identity.Group] = {}
    for k, n in names.items():
        groups.setdefault(K.ident_group(k), identity.Group(K.ident_group(k))).names[k] = n
    for a, b in links:
        for x, y in ((a, b), (b, a)):
            g = groups[K.ident_group(x)]
            g.links.setdefault(x, {})[y] = 1
    identity.settle(groups)
    canon = {k: c for g in groups.values() for k, c in g.canonical.items()}
    cands = {k: c for g in groups.values() for k, c in g.candidates.items()}
    return canon, cands


SETTLE = [
    # undated central number joins its one dated node
    ({"57-NQ/TW@2024": 3, "57-NQ/TW@?": 5}, [], {"57-NQ/TW@?": "57-NQ/TW@2024"}, {}),
    # two dated ones: the undated stays apart, flagged with both
    ({"57-NQ/TW@2024": 1, "57-NQ/TW@2018": 1, "57-NQ/TW@?": 1}, [], {"57-NQ/TW@?": "57-NQ/TW@?"},
     {"57-NQ/TW@?": ["57-NQ/TW@2018", "57-NQ/TW@2024"]}),
    # a name with year linked to the number, and the bare name: all the number
    ({"45/2013/QH13@2013": 1, "Luật:dat-dai@2013": 1, "Luật:dat-dai@?": 1},
     [("Luật:dat-dai@2013", "45/2013/QH13@2013")],
     {"Luật:dat-dai@2013": "45/2013/QH13@2013", "Luật:dat-dai@?": "45/2013/QH13@2013"}, {}),
    # the bare name fits two laws of that name: flagged, not merged
    ({"45/2013/QH13@2013": 1, "Luật:dat-dai@2013": 1, "Luật:dat-dai@2024": 1, "Luật:dat-dai@?": 1},
     [("Luật:dat-dai@2013", "45/2013/QH13@2013")],
     {"Luật:dat-dai@?": "Luật:dat-dai@?", "Luật:dat-dai@2024": "Luật:dat-dai@2024"},
     {"Luật:dat-dai@?": ["45/2013/QH13@2013", "Luật:dat-dai@2024"]}),
    # a link cannot make two different numbered laws one
    ({"45/2013/QH13@2013": 1, "46/2013/QH13@2013": 1, "Luật:dat-dai@2013": 1},
     [("Luật:dat-dai@2013", "45/2013/QH13@2013"), ("Luật:dat-dai@2013", "46/2013/QH13@2013")],
     {"45/2013/QH13@2013": "45/2013/QH13@2013", "46/2013/QH13@2013": "46/2013/QH13@2013",
      "Luật:dat-dai@2013": "45/2013/QH13@2013"}, {}),
    # a name alone, nothing dated: its own node
    ({"Luật:bao-chi@?": 2}, [], {"Luật:bao-chi@?": "Luật:bao-chi@?"}, {}),
]


@pytest.mark.parametrize(("names", "links", "expected", "flagged"), SETTLE)
def test_settle(names, links, expected, flagged) -> None:
    canon, cands = _settled(names, links)
    for k, v in expected.items():
        assert canon[k] == v, k
    assert cands == flagged


# ---------------------------------------------------------------------------
# extraction: what the text proves
# ---------------------------------------------------------------------------

ALIASES = [
    ("Căn cứ Luật Đất đai số 45/2013/QH13 ngày 29 tháng 11 năm 2013;",
     {("Luật:dat-dai@2013", "45/2013/QH13@2013")}),
    ("Căn cứ Luật Tổ chức chính quyền địa phương số 65/2025/QH15;",
     {("Luật:to-chuc-chinh-quyen-dia-phuong@2025", "65/2025/QH15@2025")}),
    # OCR: "sô" for "số"
    ("Căn cu Luật Đất đai sô 31/2024/QH15 ngày 18/01/2024;", {("Luật:dat-dai@2024", "31/2024/QH15@2024")}),
    # the name and the number apart: nothing proved
    ("Căn cứ Luật Đất đai năm 2013; Căn cứ Nghị định số 43/2014/NĐ-CP ngày 15/5/2014;", set()),
    # a law amending laws, by its number and what it amends: its name, as written and with "và" as a comma
    ("Luật số 90/2025/QH15 ngày 25 tháng 6 năm 2025 của Quốc hội sửa đổi, bổ sung một số điều của Luật Đấu thầu, Luật "
     "Hải quan và Luật Quản lý, sử dụng tài sản công, có hiệu lực kể từ ngày 01 tháng 7 năm 2025.",
     {("Luật:sua-doi-bo-sung-mot-so-dieu-cua-luat-dau-thau-luat-hai-quan-va-luat-quan-ly-su-dung-tai-san-cong@2025",
       "90/2025/QH15@2025"),
      ("Luật:sua-doi-bo-sung-mot-so-dieu-cua-luat-dau-thau-luat-hai-quan-luat-quan-ly-su-dung-tai-san-cong@2025",
       "90/2025/QH15@2025")}),
    ("Luat so 90/2025/QH15 sua doi, bo sung mot so dieu cua Luat Dau thau; Luat Hai quan.",
     {("Luật:sua-doi-bo-sung-mot-so-dieu-cua-luat-dau-thau-luat-hai-quan@2025", "90/2025/QH15@2025")}),
    # what a law named by its number does to another is not its name
    ("Luật số 90/2025/QH15 đã sửa đổi Điều 5 của Luật Đấu thầu.", set()),
    ("Luật số 90/2025/QH15 sửa đổi Luật Đấu thầu.", set()),  # not "… của": no amending law's name
]


@pytest.mark.parametrize(("body", "pairs"), ALIASES)
def test_aliases_from_text(body: str, pairs: set) -> None:
    rec = extract_text(HEAD.format(n=12) + body + "\n")
    assert {(a.alias, a.key) for a in rec.aliases} == pairs
    for a in rec.aliases:
        assert a.mention is not None and a.mention.text  # provenance


def test_name_and_number_in_one_text_are_one_reference() -> None:
    rec = extract_text(HEAD.format(n=12) + "Căn cứ Luật Đất đai số 45/2013/QH13 ngày 29/11/2013;\n"
                       "Thực hiện Luật Đất đai năm 2013, Ủy ban ban hành kế hoạch.\n")
    keys = [r.target.key for r in rec.references]
    assert keys.count("45/2013/QH13@2013") == 1 and "Luật:dat-dai@2013" not in keys
    law = next(r for r in rec.references if r.target.key == "45/2013/QH13@2013")
    # one mention for the name and its number together, one for the name further on
    assert law.target.title == "Luật Đất đai" and len(law.mentions) == 2


def test_a_law_text_is_its_name() -> None:
    text = ("QUỐC HỘI -------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc Luật số: 45/2013/QH13\n"
            "Hà Nội, ngày 29 tháng 11 năm 2013 LUẬT ĐẤT ĐAI\nCăn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\n"
            "Quốc hội ban hành Luật Đất đai.\n")
    rec = extract_text(text)
    assert rec.document.key == "45/2013/QH13@2013"
    assert ("Luật:dat-dai@2013", "45/2013/QH13@2013") in {(a.alias, a.key) for a in rec.aliases}


# ---------------------------------------------------------------------------
# the store: merges, splits, any order
# ---------------------------------------------------------------------------

FILES = {
    "a.txt": "Thực hiện Nghị quyết 57-NQ/TW của Bộ Chính trị, Ủy ban ban hành kế hoạch.",
    "b.txt": "Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về khoa học.",
    "c.txt": "Căn cứ Luật Đất đai;",
    "d.txt": "Căn cứ Luật Đất đai năm 2013;",
    "e.txt": "Căn cứ Luật Đất đai số 45/2013/QH13 ngày 29 tháng 11 năm 2013;",
    "f.txt": "Căn cứ Luật số 45/2013/QH13;",
}


def _deltas(files: dict[str, str]) -> dict[str, object]:
    out = {}
    for i, (name, body) in enumerate(sorted(files.items()), start=1):
        text = HEAD.format(n=10 + i) + body + "\n"
        rec = extract_text(text, source=name)
        out[name] = build_delta(rec, name, name, f"h-{name}")
    return out


def _doc_nodes(store: LadybugStore) -> set[str]:
    return {r["k"] for r in store.read("MATCH (d:Document) RETURN d.key AS k")}


def _edges(store: LadybugStore) -> set[tuple[str, str, str]]:
    rows = store.read("MATCH (a:Document)-[e]->(b:Document) RETURN a.key AS s, label(e) AS r, b.key AS d")
    return {(r["s"], r["r"], r["d"]) for r in rows}


def test_merged_nodes(tmp_path: Path) -> None:
    with LadybugStore(tmp_path / "s.db") as s:
        s.apply(list(_deltas(FILES).values()))
        nodes = _doc_nodes(s)
        assert "57-NQ/TW@2024" in nodes and "57-NQ/TW@?" not in nodes
        assert "45/2013/QH13@2013" in nodes
        assert not {k for k in nodes if k.startswith("Luật:dat-dai")}
        # every plan reaches the one law and the one resolution
        cited = {d for _s, _r, d in _edges(s)}
        assert cited == {"57-NQ/TW@2024", "45/2013/QH13@2013"}
        law = s.read("MATCH (d:Document {key: '45/2013/QH13@2013'}) RETURN d.title AS t, d.display AS x")[0]
        assert law == {"t": "Luật Đất đai", "x": "45/2013/QH13"}


def test_a_law_amending_laws_named_in_one_text_and_numbered_in_another_is_one_node(tmp_path: Path) -> None:
    files = {"a.txt": "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Đấu thầu; Luật Hải quan; Luật Quản lý, sử dụng "
                      "tài sản công năm 2025;",
             "b.txt": "Thực hiện Luật số 90/2025/QH15 ngày 25 tháng 6 năm 2025 của Quốc hội sửa đổi, bổ sung một số "
                      "điều của Luật Đấu thầu, Luật Hải quan và Luật Quản lý, sử dụng tài sản công."}
    with LadybugStore(tmp_path / "s.db") as s:
        s.apply(list(_deltas(files).values()))
        nodes = _doc_nodes(s)
        assert "90/2025/QH15@2025" in nodes
        assert not {k for k in nodes if k.startswith("Luật:sua-doi")}, nodes
        assert len({src for src, _r, dst in _edges(s) if dst == "90/2025/QH15@2025"}) == 2  # both plans reach it


def test_proof_removed_splits_again(tmp_path: Path, snapshot) -> None:
    deltas = _deltas(FILES)
    without = {k: v for k, v in deltas.items() if k != "e.txt"}
    with LadybugStore(tmp_path / "1.db") as s1, LadybugStore(tmp_path / "2.db") as s2:
        s1.apply(list(deltas.values()))
        assert s1.remove_source("e.txt")
        s2.apply(list(without.values()))
        assert snapshot(s1) == snapshot(s2)
        nodes = _doc_nodes(s1)
        # no text links the name to the number any more: the name is its own node again
        assert {"45/2013/QH13@2013", "Luật:dat-dai@2013"} <= nodes and "Luật:dat-dai@?" not in nodes


def test_ambiguous_name_is_flagged_not_merged(tmp_path: Path) -> None:
    files = {**FILES, "g.txt": "Căn cứ Luật Đất đai năm 2024;"}
    with LadybugStore(tmp_path / "s.db") as s:
        s.apply(list(_deltas(files).values()))
        nodes = _doc_nodes(s)
        assert {"Luật:dat-dai@?", "Luật:dat-dai@2024", "45/2013/QH13@2013"} <= nodes
        state = json.loads(s.read("MATCH (i:Identity {grp: 'Luật:dat-dai'}) RETURN i.state AS s")[0]["s"])
        assert state["u"] == {"Luật:dat-dai@?": ["45/2013/QH13@2013", "Luật:dat-dai@2024"]}


ORDERS = [p for i, p in enumerate(itertools.permutations(sorted(FILES))) if i % 97 == 0] + [tuple(sorted(FILES, reverse=True))]


def test_ingest_order_does_not_matter(tmp_path: Path, snapshot) -> None:
    deltas = _deltas(FILES)
    with LadybugStore(tmp_path / "all.db") as ref:
        ref.apply(list(deltas.values()))
        want = snapshot(ref)
    for n, order in enumerate(ORDERS):
        with LadybugStore(tmp_path / f"{n}.db") as s:
            for name in order:
                s.apply([deltas[name]])
            assert snapshot(s) == want, order


def test_replacing_a_file_with_itself_changes_nothing(tmp_path: Path, snapshot) -> None:
    deltas = _deltas(FILES)
    with LadybugStore(tmp_path / "s.db") as s:
        s.apply(list(deltas.values()))
        before = snapshot(s)
        e = deltas["e.txt"]
        s.apply([type(e)(e.source_id, e.path, "other-hash", e.doc_key, e.nodes, e.edges, e.warnings, e.aliases)])
        after = snapshot(s)
        # only the Source node's hash and time differ
        strip = lambda snap: ({k: v for k, v in snap[0].items() if k[0] != "Source"}, snap[1])  # noqa: E731
        assert strip(after) == strip(before)


def test_card_names_aliases_and_candidates(tmp_path: Path) -> None:
    from luocdo.queries import show

    files = {**FILES, "g.txt": "Căn cứ Luật Đất đai năm 2024;"}
    with LadybugStore(tmp_path / "s.db") as s:
        s.apply(list(_deltas(files).values()))
        card = show(s, "Luật:dat-dai@2013")  # an alias key finds the instrument's node
        assert card.doc.key == "45/2013/QH13@2013"
        assert card.aliases == ["Luật:dat-dai@2013"]
        assert {e.other.key for e in card.incoming} >= {"14/KH-UBND@2025@quang-ngai", "15/KH-UBND@2025@quang-ngai"}
        loose = show(s, "Luật:dat-dai@?")
        assert loose.doc.key == "Luật:dat-dai@?" and loose.candidates == ["45/2013/QH13@2013", "Luật:dat-dai@2024"]
        one = show(s, "57-NQ/TW")  # no longer "fits 2 documents"
        assert one.doc.key == "57-NQ/TW@2024" and one.aliases == ["57-NQ/TW@?"]
        assert len(one.incoming) == 2


def test_example_corpus_traces_57_from_one_node(tmp_path: Path) -> None:
    """The example corpus cites 57-NQ/TW with and without its date: one node, one trace."""
    from luocdo.pipeline import ingest
    from luocdo.queries import resolve, trace

    corpus = Path(__file__).resolve().parent.parent / "examples" / "corpus"
    with LadybugStore(tmp_path / "s.db") as s:
        ingest(s, [corpus])
        assert "57-NQ/TW@?" not in _doc_nodes(s)
        root = resolve(s, "57-NQ/TW")  # not "fits 2 documents"
        assert root.key == "57-NQ/TW@2024"
        t = trace(s, "57-NQ/TW")
        assert len(t.nodes) > 3


def test_a_store_of_an_earlier_version_is_counted_once(tmp_path: Path, snapshot, monkeypatch) -> None:
    """A store written before identity groups existed: its first write counts every stored file
    and merges what the files prove, as if they had been ingested now."""
    from luocdo.graph import cypher_store

    deltas = _deltas(FILES)
    with LadybugStore(tmp_path / "ref.db") as ref:
        ref.apply(list(deltas.values()))
        want = snapshot(ref)
    # the earlier version: no identity groups, every node under the key its file gave
    with monkeypatch.context() as m:
        m.setattr(cypher_store.CypherStore, "_settle", lambda self, old, new: ({}, {}, []))
        m.setattr(cypher_store.CypherStore, "_identity_backfill", lambda self: None)
        with LadybugStore(tmp_path / "old.db") as old:
            old.apply([d for n, d in deltas.items() if n != "f.txt"])
            assert "57-NQ/TW@?" in _doc_nodes(old)  # split, as before
    with LadybugStore(tmp_path / "old.db") as s:
        s.apply([deltas["f.txt"]])
        assert snapshot(s) == want
        assert s.read("MATCH (i:Identity {grp: '#counted'}) RETURN count(i) AS n")[0]["n"] == 1
