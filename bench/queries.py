"""Benchmark of the queries on a large store, next to a plain BFS over networkx (the floor).

On the store ``bench/ingest.py`` built for N documents (``WORK/store-N.db``; built
here when missing), each question is asked for a sample of real keys and
names from the corpus' ``truth.jsonl``, and timed:

* ``implementers(key, transitive=True)`` — central instruments and provincial plans;
* ``gaps(key, scope="province")`` — provincial plans (every commune and department);
* ``trace(key)`` — central instruments;
* ``search(text)`` — document numbers ("277/KH-UBND") and issuer names.

The floor answers the same questions on an in-memory networkx graph of the
whole store (:func:`luocdo.graph.nx.to_networkx`; above 300,000 documents a
slimmer graph with only the properties the answers need): a breadth-first
walk over in-edges for implements / trace / gaps, and for search the same
rapidfuzz ranking over texts prepared once.  Its answer is checked against
the store's (same keys, same statuses), so the floor is the same work minus
the store.

    .venv/bin/python bench/queries.py [--sizes 100000] [--work /tmp/luocdo-bench] [--samples 30]
        [--no-floor] [--profile] [--no-write]

Targets at 1,000,000 documents: transitive implements p95 ≤ 50 ms, gaps for one
province p95 ≤ 100 ms, search p95 ≤ 50 ms (with the search index beside the store), and the
first search of a fresh process ≤ 1 s taking ≤ 500 MB (timed in a child process before the rest).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import _machine  # noqa: E402  (bench/ is not a package)
import ingest as bench_ingest  # noqa: E402  (bench/ingest.py)

# The floor follows the product's rule of what a plan is (a document implementing X or based on it)
# and of what a trace lists apart as only citing X.
from luocdo.queries.implements import CITING_RELS, PLAN_RELS  # noqa: E402

HISTORY = HERE / ".cache" / "queries-results.json"
TARGETS_MS = {"implements --transitive": 50.0, "gaps --scope province": 100.0, "search": 50.0}
SLIM_ABOVE = 300_000


# ---------------------------------------------------------------------------
# Samples from the ground truth
# ---------------------------------------------------------------------------


@dataclass
class Samples:
    central: list[str] = field(default_factory=list)  # keys of central instruments
    provincial: list[str] = field(default_factory=list)  # keys of provincial plans (directives)
    names: list[str] = field(default_factory=list)  # what people type into search


def samples(truth: Path, k: int, seed: int = 1) -> Samples:
    """Reservoir samples of ``k`` keys of each kind, and ``k`` search texts, in one pass."""
    rng = random.Random(seed)
    pools: dict[str, list[str]] = {"central": [], "provincial": [], "names": []}
    seen: dict[str, int] = {"central": 0, "provincial": 0, "names": 0}

    def offer(pool: str, value: str) -> None:
        seen[pool] += 1
        got = pools[pool]
        if len(got) < k:
            got.append(value)
        else:
            j = rng.randrange(seen[pool])
            if j < k:
                got[j] = value

    with open(truth, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d["key"] is None:
                continue
            if d["role"] == "central":
                offer("central", d["key"])
            elif d["role"] == "directive" and d["issuer"]["level"] == "province":
                offer("provincial", d["key"])
            if d["number"] and rng.random() < 0.5:
                offer("names", f"{d['number']}/{d['symbol']}")
            elif d["issuer"]["name"]:
                where = d["issuer"]["province"] or ""
                offer("names", f"{d['issuer']['name']} {where}".strip())
    return Samples(pools["central"], pools["provincial"], pools["names"])


# ---------------------------------------------------------------------------
# The floor: the same answers over networkx
# ---------------------------------------------------------------------------

SLIM_DOC_PROPS = ("title", "date", "year", "level", "province", "province_code", "display", "type", "kind",
                  "number", "symbol", "issuer", "issuer_id", "ingested", "search")  # fmt: skip
SLIM_ORG_PROPS = ("name", "level", "kind", "province", "province_code", "search")


def floor_graph(store: Any, slim: bool) -> Any:
    """The whole graph in memory: to_networkx, or only what the answers need.

    The slim graph reads each relation in one query (parallel edges folded into
    one), not page by page like to_networkx, which at 1M documents would take hours.
    """
    import networkx

    from luocdo.graph.nx import iter_nodes, to_networkx

    if not slim:
        return to_networkx(store)
    g = networkx.MultiDiGraph()
    for table, node_id, props in iter_nodes(store):
        keep = SLIM_DOC_PROPS if table == "Document" else SLIM_ORG_PROPS
        g.add_node(node_id, label=table, **{k: props[k] for k in keep if k in props})
    rels = {"IMPLEMENTS": "Document", "BASED_ON": "Document", "CITES": "Document", "REPORTS_ON": "Document",
            "AMENDS": "Document", "REPEALS": "Document", "CONSOLIDATES": "Document",
            "ISSUED_BY": "Organization", "PART_OF": "Organization"}  # fmt: skip
    for rel, dst in rels.items():
        src = "Organization" if rel == "PART_OF" else "Document"
        a, b = ("id" if src == "Organization" else "key"), ("id" if dst == "Organization" else "key")
        rows = store.read(f"MATCH (x:{src})-[:{rel}]->(y:{dst}) RETURN DISTINCT x.{a} AS s, y.{b} AS d")
        g.add_edges_from((r["s"], r["d"], {"relation": rel}) for r in rows)
        del rows
    return g


def _in_by(g: Any, node: str, rels: tuple[str, ...]) -> list[str]:
    return [s for s, _d, r in g.in_edges(node, data="relation") if r in rels]


def _out_by(g: Any, node: str, rels: tuple[str, ...]) -> list[str]:
    return [d for _s, d, r in g.out_edges(node, data="relation") if r in rels]


def bfs_in(g: Any, root: str, rels: tuple[str, ...], depth: int) -> dict[str, int]:
    """Nodes that reach ``root`` over ``rels`` in at most ``depth`` steps → their distance."""
    if root not in g:
        return {}
    dist = {root: 0}
    queue = deque([root])
    while queue:
        x = queue.popleft()
        if dist[x] >= depth:
            continue
        for s in _in_by(g, x, rels):
            if s not in dist:
                dist[s] = dist[x] + 1
                queue.append(s)
    dist.pop(root)
    return dist


#: Recorded with every run, so that figures measured under an older rule are told apart.
FLOOR_RULE = "plans: IMPLEMENTS or BASED_ON"


def floor_implementers(g: Any, key: str, depth: int = 5) -> set[str]:
    return set(bfs_in(g, key, PLAN_RELS, depth))


def floor_trace(g: Any, key: str, depth: int = 8) -> tuple[set[str], set[str]]:
    tree = set(bfs_in(g, key, PLAN_RELS, depth))
    citing = set(_in_by(g, key, CITING_RELS)) - tree - {key}
    citing = {c for c in citing if g.nodes[c].get("label") == "Document"}
    return tree, citing


def _part_of_closure(g: Any, org: str, up: bool, depth: int = 3) -> set[str]:
    """``org`` and the organisations it is part of (``up``) or that are part of it, ``depth`` PART_OF steps."""
    step = _out_by if up else _in_by
    out = {org}
    frontier = {org}
    for _ in range(depth):
        frontier = {x for o in frontier for x in step(g, o, ("PART_OF",))} - out
        if not frontier:
            break
        out |= frontier
    return out


def floor_gaps(g: Any, key: str) -> dict[str, str]:
    """unit id → status, for the province scope, as queries/gaps.py defines it."""
    from luocdo.core.fold import squash
    from luocdo.core.registry import registry
    from luocdo.queries.gaps import PERIOD_DAYS, SIMILARITY, title_similarity

    t = g.nodes[key]
    reg = registry()
    prov = reg.province(t["province"]) if t.get("province") else None
    if prov is None:
        return {}
    units = [o.id for o in reg.communes(prov.name)]
    code = str(prov.code or "")
    depts = sorted(
        (n, a.get("name") or n) for n, a in g.nodes(data=True)
        if a.get("label") == "Organization" and a.get("level") == "department"
        and (a.get("province") == prov.name or str(a.get("province_code") or "") == code)
    )  # fmt: skip
    units += [n for n, _name in sorted(depts, key=lambda x: x[1])]
    issuer = t.get("issuer_id")
    units = list(dict.fromkeys(u for u in units if u != issuer))
    wanted = set(units)

    def by_unit(docs: set[str]) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for d in docs:
            for o in _out_by(g, d, ("ISSUED_BY",)):
                for u in _part_of_closure(g, o, up=True) & wanted:
                    out.setdefault(u, set()).add(d)
        return out

    plans = by_unit(set(bfs_in(g, key, PLAN_RELS, 6)))
    impl = {key, *bfs_in(g, key, ("IMPLEMENTS",), 5)}
    reporters = {s for p in impl for s in _in_by(g, p, ("REPORTS_ON",))}
    reports = by_unit(reporters)
    mentions = set(_in_by(g, key, ("IMPLEMENTS", "BASED_ON", "CITES", "REPORTS_ON", "AMENDS")))
    status: dict[str, str] = {}
    tdate = t.get("date")
    period = None
    if tdate:
        d0 = date.fromisoformat(tdate[:10])
        period = (d0.year, d0.isoformat(), (d0 + timedelta(days=PERIOD_DAYS)).isoformat())
    elif t.get("year"):
        period = (t["year"], date(t["year"], 1, 1).isoformat(), date(t["year"] + 1, 12, 31).isoformat())
    names = {u: (reg.by_id(u).name if reg.by_id(u) else g.nodes[u].get("name", u) if u in g else u) for u in units}
    for u in units:
        if u in plans:
            status[u] = "has_plan"
            continue
        if u in reports:
            status[u] = "reported_only"
            continue
        status[u] = "no_plan"
        if period is None or u not in g:
            continue
        year, start, end = period
        drop = frozenset(squash(" ".join(x for x in (names[u], t.get("province") or "") if x)).split())
        for o in _part_of_closure(g, u, up=False):
            for d in _in_by(g, o, ("ISSUED_BY",)):
                a = g.nodes[d]
                if d == key or d in mentions:
                    continue
                if not (a.get("year") == year or (a.get("date") and start <= a["date"] <= end)):
                    continue
                if a.get("date") and tdate and a["date"] < tdate:
                    continue
                if title_similarity(t.get("title"), a.get("title"), drop) >= SIMILARITY:
                    status[u] = "possible"
                    break
            if status[u] == "possible":
                break
    return status


class SearchFloor:
    """The same ranking as queries.search over every text prepared once (no word index: an exhaustive
    prefilter), numbers indexed in a dict.  "Same answer" then says whether the word index loses hits."""

    def __init__(self, g: Any) -> None:
        from luocdo.queries.search import _doc_text, _org_text

        self.g = g
        self.keys: list[str] = []
        self.texts: list[str] = []
        self.by_number: dict[str, list[str]] = {}
        self.org_ids: list[str] = []
        self.org_texts: list[str] = []
        for n, a in g.nodes(data=True):
            if a.get("label") == "Document":
                self.keys.append(n)
                self.texts.append(_doc_text({"key": n, **a}))
                if a.get("number"):
                    self.by_number.setdefault(a["number"], []).append(n)
            else:
                self.org_ids.append(n)
                self.org_texts.append(_org_text(a))
        self.text_of = dict(zip(self.keys, self.texts, strict=True))

    def __call__(self, text: str, limit: int = 20) -> list[tuple[str, float]]:
        """(id, score) of the best hits, best first."""
        from rapidfuzz import fuzz, process

        from luocdo.queries.common import doc_ref
        from luocdo.queries.names import fit_score, number_variants, parse_name
        from luocdo.queries.search import MIN_SCORE, PREFILTER, _score, _words

        def _prefilter(q: str, texts: list[str]) -> set[int]:  # exhaustive: every text, no word index
            return {i for _, _, i in process.extract(q, texts, scorer=fuzz.token_set_ratio, limit=PREFILTER)}

        query = " ".join(_words(text))
        if not query:
            return []
        qwords = query.split()
        name = parse_name(text)
        scored: list[tuple[float, bool, str]] = []
        fits: set[str] = set()
        if name.number is not None:  # a named document scores by its fit alone
            for num in number_variants(name.number):
                for k in self.by_number.get(num, ()):
                    f = fit_score(name, doc_ref({"key": k, **self.g.nodes[k]}))
                    if f is not None:
                        fits.add(k)
                        scored.append((-round(90 + min(10.0, f / 2), 1), False, k))
        for i in _prefilter(query, self.texts):
            if self.keys[i] not in fits:
                score = _score(query, qwords, self.texts[i])
                if score >= MIN_SCORE:
                    scored.append((-score, False, self.keys[i]))
        for i in _prefilter(query, self.org_texts):
            score = _score(query, qwords, self.org_texts[i])
            if score >= MIN_SCORE:
                scored.append((-score, True, self.org_ids[i]))
        scored.sort()
        return [(k, -s) for s, _org, k in scored[:limit]]


# ---------------------------------------------------------------------------
# Timing
# ---------------------------------------------------------------------------


def same_hits(got: list[tuple[str, float]], want: list[tuple[str, float]], k: int = 5) -> bool:
    """The same top-``k`` scores, and the same hits above the k-th score (ties may come in any order)."""
    gs, ws = [round(s, 1) for _i, s in got[:k]], [round(s, 1) for _i, s in want[:k]]
    if gs != ws:
        return False
    if not gs:
        return True
    return {i for i, s in got if s > gs[-1]} == {i for i, s in want if s > ws[-1]}


def pct(xs: list[float], p: float) -> float:
    if not xs:
        return float("nan")
    s = sorted(xs)
    return s[min(len(s) - 1, round(p / 100 * (len(s) - 1)))]


@dataclass
class Timing:
    name: str
    store_ms: list[float] = field(default_factory=list)
    floor_ms: list[float] = field(default_factory=list)
    agree: int = 0
    compared: int = 0
    errors: list[str] = field(default_factory=list)
    answer_size: list[int] = field(default_factory=list)


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t = time.perf_counter()
    out = fn()
    return (time.perf_counter() - t) * 1000, out


def run_queries(store: Any, g: Any, s: Samples, profile: bool) -> list[Timing]:
    from luocdo.queries import gaps, implementers, search, trace
    from luocdo.queries.errors import QueryError

    prof = None
    if profile:
        import cProfile

        prof = cProfile.Profile()
    search_floor = SearchFloor(g) if g is not None else None
    out: list[Timing] = []

    def bench(name: str, inputs: list[str], ask: Callable[[str], Any], floor: Callable[[str], Any] | None,
              same: Callable[[Any, Any], bool], size: Callable[[Any], int]) -> None:
        t = Timing(name)
        for i, x in enumerate(inputs):
            try:
                if i == 0:
                    ask(x)  # warm-up: caches, the connection, the first plan
                if prof is not None:
                    prof.enable()
                ms, got = timed(lambda x=x: ask(x))
                if prof is not None:
                    prof.disable()
            except QueryError as e:
                t.errors.append(f"{x}: {e}")
                continue
            t.store_ms.append(ms)
            t.answer_size.append(size(got))
            if floor is not None:
                fms, want = timed(lambda x=x: floor(x))
                t.floor_ms.append(fms)
                t.compared += 1
                t.agree += bool(same(got, want))
        out.append(t)
        print(f"  {name:26s} n={len(t.store_ms):3d}  store p50 {pct(t.store_ms, 50):8.1f} ms  p95 "
              f"{pct(t.store_ms, 95):8.1f} ms  |  floor p50 {pct(t.floor_ms, 50):7.2f} ms  p95 "
              f"{pct(t.floor_ms, 95):7.2f} ms  |  same answer {t.agree}/{t.compared}  "
              f"errors {len(t.errors)}", flush=True)  # fmt: skip

    impl_keys = s.central + s.provincial
    bench(
        "implements --transitive", impl_keys,
        lambda k: implementers(store, k, transitive=True),
        (lambda k: floor_implementers(g, k)) if g is not None else None,
        lambda got, want: {r.doc.key for r in got.rows} == want,
        lambda got: len(got.rows),
    )  # fmt: skip
    bench(
        "gaps --scope province", s.provincial,
        lambda k: gaps(store, k, scope="province"),
        (lambda k: floor_gaps(g, k)) if g is not None else None,
        lambda got, want: {u.org.id: u.status for u in got.units} == want,
        lambda got: len(got.units),
    )  # fmt: skip
    bench(
        "trace", s.central,
        lambda k: trace(store, k),
        (lambda k: floor_trace(g, k)) if g is not None else None,
        lambda got, want: ({n.doc.key for n in got.nodes[1:]}, {d.key for d in got.citing_only}) == want,
        lambda got: len(got.nodes),
    )  # fmt: skip
    bench(
        "search", s.names,
        lambda q: search(store, q),
        search_floor,
        lambda got, want: same_hits([(h.id, h.score) for h in got], want),
        lambda got: len(got),
    )  # fmt: skip
    if prof is not None:
        import pstats

        print("\ncProfile of the store calls (cumulative):", file=sys.stderr)
        pstats.Stats(prof, stream=sys.stderr).sort_stats("cumulative").print_stats(35)
    return out


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------


def first_search_child(db: str, text: str) -> None:
    """In a fresh process: open the store, time its first search, and say what memory it took."""
    import resource

    import psutil

    from luocdo.graph.ladybug_store import LadybugStore
    from luocdo.queries import search

    t0 = time.perf_counter()
    store = LadybugStore(db, read_only=True)
    opened = time.perf_counter() - t0
    before = psutil.Process().memory_info().rss
    t1 = time.perf_counter()
    hits = search(store, text)
    first = time.perf_counter() - t1
    t2 = time.perf_counter()
    search(store, text)
    second = time.perf_counter() - t2
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    after = psutil.Process().memory_info().rss
    print(json.dumps({"open_s": round(opened, 3), "first_s": round(first, 3), "second_s": round(second, 4),
                      "rss_before_mb": round(before / 2**20), "rss_after_mb": round(after / 2**20),
                      "peak_mb": round(peak / 2**20), "hits": len(hits)}))  # fmt: skip


def first_search(db: Path, text: str) -> dict[str, Any]:
    """:func:`first_search_child` in a new process (twice: the first may rebuild a missing index)."""
    import subprocess

    out = {}
    for attempt in ("first", "fresh"):
        run = subprocess.run([sys.executable, __file__, "--first-search", str(db), text], capture_output=True,
                             text=True, cwd=ROOT)  # fmt: skip
        if run.returncode != 0:
            raise SystemExit(f"bench/queries.py: the first search failed: {run.stderr[-2000:]}")
        got = json.loads(run.stdout.strip().splitlines()[-1])
        got["notes"] = [line for line in run.stderr.splitlines() if "search index" in line]
        out[attempt] = got
    return out


def bench_size(n: int, work: Path, k: int, floor: bool, profile: bool) -> dict[str, Any]:
    from luocdo.graph.ladybug_store import LadybugStore

    folder = bench_ingest.corpus(n, work)
    db = bench_ingest.store_path(n, work)
    if not db.exists():
        print(f"no store at {db}: building it with bench/ingest.py …", file=sys.stderr, flush=True)
        # the store only: its ingest figures are bench/ingest.py's to record, not this script's
        bench_ingest.main(["--sizes", str(n), "--work", str(work), "--no-neo4j", "--no-write"])
    smp = samples(folder / "truth.jsonl", k)
    fs = first_search(db, smp.names[0] if smp.names else "ke hoach")
    f = fs["fresh"]
    for note in fs["first"]["notes"]:
        print(f"  note: {note}", flush=True)
    print(f"first search after a fresh start: {f['first_s'] * 1000:,.0f} ms (store opened in {f['open_s'] * 1000:,.0f} ms), "
          f"memory {f['rss_before_mb']:,} MB before it, {f['rss_after_mb']:,} MB after, peak {f['peak_mb']:,} MB", flush=True)  # fmt: skip
    store = LadybugStore(db, read_only=True)
    stats = store.stats()
    g = None
    build_s = None
    if floor:
        slim = stats.get("documents", 0) > SLIM_ABOVE
        print(f"loading the {'slim ' if slim else ''}networkx graph of {stats['documents']:,} documents …",
              file=sys.stderr, flush=True)  # fmt: skip
        t0 = time.perf_counter()
        g = floor_graph(store, slim)
        build_s = time.perf_counter() - t0
        print(f"  {g.number_of_nodes():,} nodes, {g.number_of_edges():,} edges in {build_s:.0f} s", file=sys.stderr)
    load = os.getloadavg()
    print(f"{n:,} documents ({stats['documents']:,} in the graph, {stats['edges']:,} edges); "
          f"load average {load[0]:.2f}", flush=True)  # fmt: skip
    timings = run_queries(store, g, smp, profile)
    store.close()
    load_end = os.getloadavg()
    return {
        "docs": n,
        "documents": stats.get("documents"),
        "edges": stats.get("edges"),
        "nx_build_s": round(build_s, 1) if build_s is not None else None,
        "load": round(max(load[0], load_end[0]), 2),
        "when": time.strftime("%Y-%m-%d %H:%M"),
        "floor_rule": FLOOR_RULE if floor else None,
        "first_search": fs,
        "rows": [
            {
                "name": t.name,
                "n": len(t.store_ms),
                "p50": round(pct(t.store_ms, 50), 1),
                "p95": round(pct(t.store_ms, 95), 1),
                "floor_p50": round(pct(t.floor_ms, 50), 2) if t.floor_ms else None,
                "floor_p95": round(pct(t.floor_ms, 95), 2) if t.floor_ms else None,
                "agree": t.agree,
                "compared": t.compared,
                "errors": len(t.errors),
                "first_errors": t.errors[:3],
                "answer_median": sorted(t.answer_size)[len(t.answer_size) // 2] if t.answer_size else 0,
            }
            for t in timings
        ],
    }


def section(hist: dict[str, Any], machine: str) -> str:
    lines = [
        "## Queries (`bench/queries.py`)",
        "",
        "Each question asked for a sample of real keys and names from the corpus' `truth.jsonl` (central "
        "instruments for implements and trace, provincial plans for implements and gaps, document numbers and "
        "issuer names for search), on the store `bench/ingest.py` built, opened read-only, one call at a time "
        "after one warm-up call. *Floor*: the same answer by a plain breadth-first walk over the whole graph held "
        "in networkx (`luocdo.graph.nx.to_networkx`), and for search the same rapidfuzz ranking over texts "
        "prepared once; *same answer*: the floor found the same keys or statuses (search: the same five best scores and hits, ties in any order).",
        "",
        "| documents | query | n | p50 ms | p95 ms | floor p50 ms | floor p95 ms | same answer | median answer size "
        "| target p95 (at 1M) |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for _n, res in sorted(hist.items(), key=lambda kv: int(kv[0])):
        for r in res["rows"]:
            target = TARGETS_MS.get(r["name"])
            verdict = r.get("verdict", "")  # a row read back from RESULTS.md keeps the verdict it was given
            if target is not None and "verdict" not in r:
                verdict = f"≤ {target:.0f} ms: {'met' if r['p95'] <= target else '**missed**'}"
            fl50 = "" if r["floor_p50"] is None else f"{r['floor_p50']:,.2f}"
            fl95 = "" if r["floor_p95"] is None else f"{r['floor_p95']:,.2f}"
            same = f"{r['agree']}/{r['compared']}" if r["compared"] else ""
            lines.append(
                f"| {res['docs']:,} | `{r['name']}` | {r['n']} | {r['p50']:,.1f} | {r['p95']:,.1f} | {fl50} | {fl95} | "
                f"{same} | {r['answer_median']:,} | {verdict} |"
            )  # fmt: skip
    lines.append("")
    for _n, res in sorted(hist.items(), key=lambda kv: int(kv[0])):
        build = f"networkx graph built in {res['nx_build_s']:,.0f} s; " if res.get("nx_build_s") is not None else ""
        fs = (res.get("first_search") or {}).get("fresh")
        first = ""
        if fs:
            ok = fs["first_s"] <= 1.0 and fs["rss_after_mb"] - fs["rss_before_mb"] <= 500
            first = (f"first search after a fresh start {fs['first_s'] * 1000:,.0f} ms, the process at "
                     f"{fs['rss_before_mb']:,} MB before it and {fs['rss_after_mb']:,} MB after (≤ 1 s and ≤ 500 MB "
                     f"for the search: {'met' if ok else '**missed**'}); ")
            rebuilt = (res["first_search"].get("first") or {}).get("notes")
            if rebuilt:
                first += f"before that: {'; '.join(rebuilt)}; "
        rule = res.get("floor_rule") or "plans: IMPLEMENTS only (before implements and gaps shared one rule)"
        lines.append(f"- {res['docs']:,} documents: {res['documents']:,} in the graph, {res['edges']:,} edges; "
                     f"{first}{build}floor {rule}; load average {res['load']:.2f}{res.get('shared', '')}; "
                     f"run {res['when']}.")  # fmt: skip
    lines += ["", f"Command: `.venv/bin/python bench/queries.py --sizes N` (`make bench-full` runs 100k and 1M). "
              f"Machine: {machine}."]  # fmt: skip
    return "\n".join(lines)


_ROW = re.compile(
    r"^\| (?P<docs>[\d,]+) \| `(?P<name>[^`]+)` \| (?P<n>\d+) \| (?P<p50>[\d,.]+) \| (?P<p95>[\d,.]+) \| "
    r"(?P<f50>[\d,.]*) \| (?P<f95>[\d,.]*) \| (?:(?P<agree>\d+)/(?P<compared>\d+))? \| (?P<size>[\d,]+) \|"
    r" ?(?P<verdict>[^|]*?) ?\|$"
)
_NOTE = re.compile(
    r"^- (?P<docs>[\d,]+) documents: (?P<documents>[\d,]+) in the graph, (?P<edges>[\d,]+) edges; .*?"
    r"(?:networkx graph built in (?P<build>[\d,.]+) s; )?(?:floor (?P<rule>plans: [^;]+); )?"
    r"load average (?P<load>[\d.]+)(?P<shared>[^;]*); run (?P<when>[^.]+)\."
)


def history_from_results() -> dict[str, Any]:
    """The runs already in RESULTS.md, for when the (git-ignored) history file is missing.

    So that a run at one size does not drop the rows of the others; a run
    recorded before the floor said its rule keeps "IMPLEMENTS only" beside it.
    """
    try:
        text = _machine.RESULTS.read_text(encoding="utf-8")
    except OSError:
        return {}
    start, end = text.find("<!-- queries -->"), text.find("<!-- /queries -->")
    if start < 0 or end < 0:
        return {}
    num = lambda v: float(v.replace(",", "")) if v else None  # noqa: E731
    hist: dict[str, Any] = {}
    for line in text[start:end].splitlines():
        if m := _ROW.match(line):
            res = hist.setdefault(str(int(num(m["docs"]))), {"docs": int(num(m["docs"])), "rows": []})
            res["rows"].append({
                "name": m["name"], "n": int(m["n"]), "p50": num(m["p50"]), "p95": num(m["p95"]),
                "floor_p50": num(m["f50"]), "floor_p95": num(m["f95"]), "agree": int(m["agree"] or 0),
                "compared": int(m["compared"] or 0), "errors": 0, "first_errors": [],
                "answer_median": int(num(m["size"])), "verdict": m["verdict"],
            })  # fmt: skip
        elif (m := _NOTE.match(line)) and str(int(num(m["docs"]))) in hist:
            res = hist[str(int(num(m["docs"])))]
            res.update(documents=int(num(m["documents"])), edges=int(num(m["edges"])),
                       nx_build_s=num(m["build"]), load=float(m["load"]), when=m["when"],
                       floor_rule=m["rule"], shared=m["shared"])  # fmt: skip
    return {k: v for k, v in hist.items() if "when" in v}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    ap.add_argument("--work", type=Path, default=bench_ingest.DEFAULT_WORK)
    ap.add_argument("--samples", type=int, default=30, help="inputs per question (of each kind)")
    ap.add_argument("--no-floor", action="store_true", help="skip the networkx floor")
    ap.add_argument("--profile", action="store_true", help="cProfile the store calls (printed to stderr)")
    ap.add_argument("--no-write", action="store_true", help="do not update bench/RESULTS.md")
    ap.add_argument("--note", default="", help="what else ran meanwhile, recorded beside the load average "
                    "(e.g. 'shared machine, 6 other jobs')")
    ap.add_argument("--first-search", nargs=2, metavar=("DB", "TEXT"), help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.first_search:
        first_search_child(*a.first_search)
        return 0
    machine = _machine.describe()
    print(f"machine: {machine}", flush=True)
    try:
        hist = json.loads(HISTORY.read_text())
    except (OSError, ValueError):
        hist = history_from_results()
    for n in a.sizes:
        res = bench_size(n, a.work, a.samples, not a.no_floor, a.profile)
        if a.note:
            res["shared"] = f" ({a.note})"
        hist[str(n)] = res
        if not a.no_write:
            HISTORY.parent.mkdir(parents=True, exist_ok=True)
            HISTORY.write_text(json.dumps(hist, indent=1, ensure_ascii=False))
            _machine.write_section("queries", section(hist, machine))
    if not a.no_write:
        print(f"wrote the queries section of {_machine.RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
