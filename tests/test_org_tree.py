"""The organization tree held in memory (queries/org_tree.py) answers as the Cypher walks it replaces."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from luocdo.graph.ladybug_store import LadybugStore
from luocdo.pipeline import ingest
from luocdo.queries import gaps, loader
from luocdo.queries.org_tree import OrgTree, org_tree
from tests.bench_modules import bench_module
from tests.corpora import ACTIVE

EDGES = [("office:a", "commune:x"), ("commune:x", "province:p"), ("province:p", "nation"), ("nation", "world"),
         ("office:b", "commune:x"), ("commune:y", "province:p")]  # fmt: skip
TREE = OrgTree.build(EDGES)


@pytest.mark.parametrize(
    ("org", "ancestors"),
    [
        ("office:a", {"commune:x", "province:p", "nation"}),  # three steps, as PART_OF*1..3
        ("commune:x", {"province:p", "nation", "world"}),
        ("world", set()),
        ("unknown", set()),
    ],
)
def test_ancestors(org: str, ancestors: set[str]) -> None:
    assert TREE.ancestors(org) == ancestors


@pytest.mark.parametrize(
    ("unit", "members"),
    [
        ("commune:x", {"commune:x", "office:a", "office:b"}),  # itself too, as PART_OF*0..3
        ("province:p", {"province:p", "commune:x", "commune:y", "office:a", "office:b"}),
        ("world", {"world", "nation", "province:p", "commune:x", "commune:y"}),
        ("office:a", {"office:a"}),
    ],
)
def test_members(unit: str, members: set[str]) -> None:
    assert TREE.members(unit) == members


def test_a_cycle_does_not_loop() -> None:
    t = OrgTree.build([("a", "b"), ("b", "a"), ("a", "a")])
    assert t.ancestors("a") == {"b"} and t.members("a") == {"a", "b"}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path):
    """500 generated documents of two provinces, and the test corpus (whose offices issue plans too)."""
    gen = bench_module("generate")
    work = tmp_path_factory.mktemp("tree")
    truth = gen.generate(500, work / "corpus", ocr=0.2, seed=5, provinces=["Quảng Ngãi", "Lâm Đồng"])
    store = LadybugStore(work / "g.db")
    ingest(store, [work / "corpus" / "docs", corpus_dir], workers=1)
    rows = [json.loads(line) for line in truth.read_text(encoding="utf-8").splitlines()]
    yield store, rows
    store.close()


def test_tree_equals_the_store_walk(generated) -> None:
    store, _ = generated
    tree = org_tree(store)
    assert tree is not None and tree.parents
    orgs = sorted(tree.parents)
    want: dict[str, set[str]] = {}
    for r in loader.run(store, "org_ancestors", {"ids": orgs}, limit=None):
        want.setdefault(r["org"], set()).add(r["unit"])
    assert {o: tree.ancestors(o) for o in orgs} == {o: want.get(o, set()) for o in orgs}


def test_gaps_with_the_tree_equal_gaps_with_cypher(generated, monkeypatch: pytest.MonkeyPatch) -> None:
    store, rows = generated
    plans = [r["key"] for r in rows if r["role"] == "directive" and r["issuer"]["level"] == "province" and r["key"]]
    asks = [(k, "province") for k in [*plans, ACTIVE.target_key]] + [("57-NQ/TW", "national")]
    with_tree = {a: gaps(store, a[0], scope=a[1]).model_dump() for a in asks}
    monkeypatch.setattr(sys.modules["luocdo.queries.gaps"], "org_tree", lambda store: None)
    with_cypher = {a: gaps(store, a[0], scope=a[1]).model_dump() for a in asks}
    assert with_tree == with_cypher
    statuses = {u["status"] for g in with_tree.values() for u in g["units"]}
    assert {"has_plan", "no_plan", "possible"} <= statuses  # the comparison covers the kinds of answer


def test_the_tree_is_rebuilt_after_a_write(tmp_path: Path, corpus_dir: Path) -> None:
    with LadybugStore(tmp_path / "g.db") as store:
        ingest(store, sorted(corpus_dir.glob("*.txt"))[:1], workers=1)
        before = org_tree(store)
        assert org_tree(store) is before  # kept while nothing changes
        ingest(store, [corpus_dir], workers=1)
        after = org_tree(store)
        assert after is not before and len(after.parents) >= len(before.parents)
