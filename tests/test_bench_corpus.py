"""The extraction benchmark's corpus is what its docstring and the README say it is."""

from __future__ import annotations

from pathlib import Path

from luocdo.loaders.extract import extract
from luocdo.loaders.text import load, load_string
from tests.bench_modules import bench_module


def _refs_per_kb(texts: list[str]) -> float:
    refs = sum(len(extract(load_string(t, f"bench/{i}.txt")).references) for i, t in enumerate(texts))
    return refs / (sum(len(t.encode("utf-8")) for t in texts) / 1024)


def test_bench_corpus_cites_about_as_densely_as_the_seeds(corpus_dir: Path) -> None:
    """Built from the seeds (examples/corpus when they are absent), as bench/extract.py builds it."""
    bench = bench_module("extract")
    seeds = [load(p).text for p in sorted(corpus_dir.glob("*.txt"))]
    texts = bench.build_corpus(seeds, 60, 10 * 1024)
    sizes = [len(t.encode("utf-8")) for t in texts]
    assert 9 * 1024 <= sum(sizes) / len(sizes) <= 11 * 1024  # "10 KB documents"
    seeds_density = _refs_per_kb(seeds)
    corpus_density = _refs_per_kb(texts)
    assert 0.6 * seeds_density <= corpus_density <= 1.6 * seeds_density, (corpus_density, seeds_density)
    # every paragraph citing (--dense, and the runs before 2026-11-23) is denser than any seed
    dense = _refs_per_kb(bench.build_corpus(seeds, 60, 10 * 1024, citing_share=1.0))
    assert dense > 1.2 * corpus_density
