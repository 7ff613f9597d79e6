"""A small run of bench/fuzz.py in the default test run: the same four kinds of generated and
mutated input, no exception, every span inside its text (the bench takes 100,000)."""

from __future__ import annotations

from tests.bench_modules import bench_module


def test_extractor_takes_generated_and_mutated_inputs() -> None:
    fuzz = bench_module("fuzz")
    res = fuzz.run(400, worker_seed=12345)
    assert res["inputs"] == 400
    assert res["failures"] == 0, res["examples"]


def test_the_check_catches_a_broken_extractor(monkeypatch) -> None:
    """The check can fail: an extractor that raises is counted, with the input."""
    import luocdo.loaders.extract as ex

    fuzz = bench_module("fuzz")

    def broken(text, source, sha=None):
        raise RuntimeError("boom")

    monkeypatch.setattr(ex, "extract_text", broken)
    assert fuzz.check("Kế hoạch số 82/KH-UBND").startswith("exception: RuntimeError: boom")
