"""Fuzzing of the extractor: generated and mutated inputs, no exception, every span inside its text.

Four kinds of input, drawn by hypothesis strategies (no shrinking: a failure is
kept as it was found and printed):

* any Unicode text (``st.text``);
* legal-looking text assembled from the pieces documents are made of — type
  words, numbers in the three syntaxes with symbols, both date forms, cue
  words ("Căn cứ", "Thực hiện", "ban hành"), issuer phrases, headers, list
  markers — glued with OCR-like noise, in any order;
* real documents (the seeds in ../shared/seeds, else examples/corpus) cut,
  spliced, doubled and sprinkled with the characters OCR confuses;
* the same documents with their newlines, spaces or diacritics taken away.

For each input ``extract_text`` must return, and every mention, derived
mention and assignment span must lie inside the (NFC) text.  The run is split
over worker processes (one per usable core), each with its own seed.  The block
between ``<!-- fuzz -->`` and ``<!-- /fuzz -->`` of ``bench/RESULTS.md`` is
replaced with the figures.

    .venv/bin/python bench/fuzz.py [--inputs 100000] [--workers N] [--no-write]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import traceback
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SEEDS = ROOT.parent / "shared" / "seeds"
sys.path.insert(0, str(HERE))

OCR_NOISE = "0D6ébI|/-: \n&¢§.,;()ĐđƠơƯưÂâÊêÔô"
TYPE_WORDS = ["Kế hoạch", "Quyết định", "Nghị quyết", "Chỉ thị", "Hướng dẫn", "Công văn", "Báo cáo", "Thông tư",
              "Nghị định", "Luật", "Chương trình", "Kết luận", "Thông báo", "Tờ trình", "KẾ HOẠCH", "QUYẾT ĐỊNH"]
SYMBOLS = ["KH-UBND", "QĐ-UBND", "NQ-CP", "QĐ-TTg", "NĐ-CP", "NQ/TW", "KH/TU", "TT-BTC", "BC-UBND", "CV-SNV",
           "KH-SKHCN", "BYT-BH", "HD-BTCTW", "CT/TW", "NQ-HĐND", "QĐ-BNV"]
CUES = ["Căn cứ", "Thực hiện", "Trên cơ sở", "Triển khai", "ban hành", "xây dựng và ban hành", "sửa đổi, bổ sung",
        "báo cáo kết quả thực hiện", "theo", "tại", "về việc", "như sau:", "đã ban hành", "Kèm theo"]
ISSUERS = ["của Ủy ban nhân dân tỉnh Quảng Ngãi", "của Bộ Chính trị", "của Chính phủ", "của Thủ tướng Chính phủ",
           "của UBND xã Lý Sơn", "của Sở Khoa học và Công nghệ", "của Ban Chấp hành Trung ương", "của Quốc hội"]
HEADERS = ["ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
           "Số: ", "Quảng Ngãi, ngày ", "Nơi nhận:", "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH", "chủ trì, phối hợp với",
           "Thời gian thực hiện:", "Đơn vị chủ trì:", "I. MỤC ĐÍCH, YÊU CẦU", "1. ", "a) ", "- ", "\n\n", "\f"]


def _sources() -> list[str]:
    files = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    files = files or sorted((ROOT / "examples" / "corpus").glob("*.txt"))
    return [f.read_text(encoding="utf-8") for f in files]


@st.composite
def number(draw) -> str:
    n = draw(st.integers(0, 99999))
    sym = draw(st.sampled_from(SYMBOLS))
    year = draw(st.integers(1900, 2100))
    form = draw(st.integers(0, 3))
    return [f"{n}/{sym}", f"{n}/{year}/{sym}", f"{n}-{sym}", f"{n}/{sym} {year}"][form]


@st.composite
def date(draw) -> str:
    d, m, y = draw(st.integers(0, 40)), draw(st.integers(0, 14)), draw(st.integers(1000, 3000))
    return draw(st.sampled_from([f"ngày {d}/{m}/{y}", f"ngày {d} tháng {m} năm {y}", f"{d:02d}/{m:02d}/{y}",
                                 f"năm {y}", f"ngày {d} tháng {m}"]))


PIECE = st.one_of(
    st.sampled_from(TYPE_WORDS), st.sampled_from(CUES), st.sampled_from(ISSUERS), st.sampled_from(HEADERS),
    number(), date(), st.just("số"), st.just(" "), st.just(", "), st.just(". "), st.just("\n"),
    st.text(alphabet=OCR_NOISE, max_size=4), st.text(max_size=12),
)


@st.composite
def legal_text(draw) -> str:
    return "".join(draw(st.lists(PIECE, max_size=120)))


@st.composite
def mutated(draw, texts: list[str]) -> str:
    text = draw(st.sampled_from(texts))
    edits = draw(st.lists(st.tuples(st.floats(0, 1), st.integers(0, 400), st.integers(0, 4),
                                    st.text(alphabet=OCR_NOISE, max_size=6)), max_size=30))
    for where, length, kind, noise in edits:
        i = int(where * len(text))
        if kind == 0:  # cut
            text = text[:i] + text[i + length :]
        elif kind == 1:  # insert noise
            text = text[:i] + noise + text[i:]
        elif kind == 2:  # double a stretch
            text = text[:i] + text[i : i + length] + text[i:]
        elif kind == 3:  # replace with noise
            text = text[:i] + noise + text[i + len(noise) :]
        else:  # move a stretch to the front
            text = text[i : i + length] + text[:i] + text[i + length :]
    return text


@st.composite
def stripped(draw, texts: list[str]) -> str:
    text = draw(st.sampled_from(texts))
    i = draw(st.integers(0, max(0, len(text) - 1)))
    text = text[i : i + draw(st.integers(0, 6000))]
    how = draw(st.integers(0, 3))
    if how == 0:
        return text.replace("\n", " ")
    if how == 1:
        return "".join(text.split())
    if how == 2:
        return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return unicodedata.normalize("NFD", text)


def inputs(texts: list[str]) -> st.SearchStrategy[str]:
    return st.one_of(st.text(max_size=3000), legal_text(), mutated(texts), stripped(texts))


def check(text: str) -> str | None:
    """None when the extractor takes ``text`` well, else what went wrong."""
    from luocdo.loaders.extract import extract_text

    try:
        rec = extract_text(text, "<fuzz>")
    except Exception:
        return "exception: " + traceback.format_exc(limit=3).strip().splitlines()[-1]
    n = len(unicodedata.normalize("NFC", text))
    for ref in rec.references:
        for m in ref.mentions:
            if not 0 <= m.start < m.end <= n:
                return f"reference span {m.start}..{m.end} outside 0..{n}"
    for d in rec.derived:
        for m in d.mentions:
            if not 0 <= m.start < m.end <= n:
                return f"derived span {m.start}..{m.end} outside 0..{n}"
    for a in rec.assignments:
        end = a.end if a.end is not None else n
        if not 0 <= a.start <= end <= n:
            return f"assignment span {a.start}..{a.end} outside 0..{n}"
    return None


def run(count: int, worker_seed: int) -> dict:
    """``count`` inputs in this process; counts and the first few failures."""
    texts = _sources()
    seen = {"inputs": 0, "failures": 0, "examples": []}

    @seed(worker_seed)
    @settings(max_examples=count, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(inputs(texts))
    def one(text: str) -> None:
        seen["inputs"] += 1
        problem = check(text)
        if problem:
            seen["failures"] += 1
            if len(seen["examples"]) < 5:
                seen["examples"].append((problem, text[:300]))

    one()
    return seen


def fuzz(total: int, workers: int) -> dict:
    per = [total // workers + (1 if i < total % workers else 0) for i in range(workers)]
    t = time.perf_counter()
    if workers == 1:
        parts = [run(per[0], 0)]
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            parts = list(pool.map(run, per, range(workers)))
    took = time.perf_counter() - t
    return {"inputs": sum(p["inputs"] for p in parts), "failures": sum(p["failures"] for p in parts),
            "examples": [e for p in parts for e in p["examples"]], "seconds": took}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--inputs", type=int, default=100_000)
    ap.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
                    else (os.cpu_count() or 1))
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args()
    res = fuzz(args.inputs, args.workers)
    import _machine

    info = _machine.describe()
    rate = res["inputs"] / res["seconds"] if res["seconds"] else 0.0
    print(f"{res['inputs']:,} inputs in {res['seconds']:.0f} s ({rate:.0f}/s, {args.workers} processes): "
          f"{res['failures']} failures")
    for problem, text in res["examples"]:
        print(f"  {problem}\n    input: {text!r}")
    print(f"machine: {info}")
    if args.no_write:
        return
    sources = "the five seeds" if SEEDS.is_dir() else "examples/corpus"
    lines = [
        "## Extractor fuzzing (`bench/fuzz.py`)",
        "",
        f"{res['inputs']:,} inputs drawn by hypothesis (no shrinking), in {args.workers} processes: any Unicode "
        "text; legal-looking text assembled from type words, numbers in the three syntaxes, dates, cues, issuer "
        f"phrases, headers and OCR noise; {sources} cut, spliced, doubled and sprinkled with OCR confusions; the "
        "same without newlines, spaces or diacritics. Each must be extracted without an exception and with every "
        "span inside its text.",
        "",
        "| inputs | exceptions or spans outside | seconds | inputs/s |",
        "|---:|---:|---:|---:|",
        f"| {res['inputs']:,} | {res['failures']} | {res['seconds']:.0f} | {rate:.0f} |",
        "",
        f"Machine: {info}. Run {time.strftime('%Y-%m-%d')}.",
    ]
    _machine.write_section("fuzz", "\n".join(lines))
    print("wrote the fuzz section of bench/RESULTS.md")


if __name__ == "__main__":
    main()
