"""Benchmark of the extractor: documents/s and MB/s, one core and all cores.

Builds a corpus of ``--docs`` documents of about ``--size`` bytes from the five
OCR'd seeds in ../shared/seeds (renumbered, cut or padded to size, so no two
documents are the same) mixed half and half with clean-Unicode plans written
here: a header and an opening that cite, then task paragraphs of which a fifth
cite several instruments each, so that the corpus carries about as many
references per KB as the seeds do.  It times ``extract(load_string(text))``
over it in one process and in a ProcessPoolExecutor with every usable core,
next to one bare ``re.finditer(r"\\d+[/-][A-Z]")`` pass over the same texts,
and once more in one process on plans whose every paragraph cites (the
corpus of runs before 2026-11-23; ``--dense`` makes it the main one).  The
target is 1,000 documents/s per core on 10 KB documents, within 10x of the
bare pass; when one core misses it, or with ``--profile``, the time per stage
and the profiles are printed.  The block between ``<!-- extract -->`` and
``<!-- /extract -->`` of ``bench/RESULTS.md`` is replaced with the figures.

    .venv/bin/python bench/extract.py [--docs 5000] [--size 10240] [--workers N]
                                      [--profile] [--dense] [--no-write]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import random
import re
import sys
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SEEDS = ROOT.parent / "shared" / "seeds"
sys.path.insert(0, str(HERE))

import _machine  # noqa: E402  (bench/ is on sys.path)

TARGET_DOCS_PER_CORE = 1000.0
TARGET_RATIO = 10.0
BARE = re.compile(r"\d+[/-][A-Z]")

# --------------------------------------------------------------------------- corpus

# Clean-Unicode material for the other half of the corpus: a header, body
# paragraphs that cite in all syntaxes and both date forms, tasks, a tail.
CLEAN_HEAD = """\
UBND TỈNH {prov_up}
{dept_up}
Số: {no}/KH-{dept_code}
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
{prov}, ngày {d} tháng {m} năm {y}

KẾ HOẠCH
Triển khai thực hiện Nghị quyết số {nq}-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia trên địa bàn tỉnh năm {y}

Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư;
Thực hiện Kế hoạch số {kh}/KH-UBND ngày {d2}/{m2}/{y} của Chủ tịch UBND tỉnh về truyền thông cải cách hành chính và chuyển đổi số năm {y}, {dept} xây dựng Kế hoạch triển khai như sau:

I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
- Nâng cao nhận thức của cán bộ, công chức, viên chức và Nhân dân về vai trò của khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số trong phát triển kinh tế - xã hội của tỉnh.
- Tạo sự thống nhất trong chỉ đạo, điều hành, tổ chức thực hiện các nhiệm vụ, giải pháp đã đề ra.
2. Yêu cầu
- Bám sát nội dung Nghị quyết, bảo đảm thiết thực, hiệu quả, phù hợp với điều kiện thực tế của địa phương.

II. NỘI DUNG
"""

CLEAN_BODY = [
    "Tuyên truyền các văn bản chỉ đạo của Trung ương và của tỉnh như: Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030; Nghị quyết số 04-NQ/TU ngày 18/10/2021 của Hội nghị Tỉnh ủy lần thứ 5 khóa XX; Quyết định số {a}/QĐ-UBND ngày 26/7/2021 của UBND tỉnh ban hành Kế hoạch cải thiện, nâng cao chỉ số năng lực cạnh tranh cấp tỉnh.",
    "Triển khai Quyết định số {a}/QĐ-UBND ngày 22 tháng 12 năm 2024 của UBND tỉnh ban hành Kế hoạch hành động thực hiện Nghị quyết số 71/NQ-CP ngày 01/4/2025 của Chính phủ; Công văn số {b}/BYT-BH ngày 10/02/2025 của Bộ Y tế về bảo hiểm y tế; Thông tư số 12/2024/TT-BTC ngày 28/02/2024 của Bộ Tài chính.",
    "Đơn vị chủ trì: Văn phòng Sở; Đơn vị phối hợp: Trung tâm Công nghệ thông tin, các phòng chuyên môn thuộc Sở; Thời gian thực hiện: Thường xuyên trong năm {y}.",
    "Cơ quan chủ trì: Sở Nội vụ; Cơ quan phối hợp: Sở Tài chính, UBND các xã, phường, đặc khu; Thời gian thực hiện: Quý III/{y}.",
    "Phổ biến Chỉ thị số {c}-CT/TU ngày 05/6/2025 của Ban Thường vụ Tỉnh ủy về tăng cường sự lãnh đạo của Đảng đối với công tác chuyển đổi số; Hướng dẫn số {b}/HD-STTTT ngày 15/3/2025 của Sở Thông tin và Truyền thông về công tác tuyên truyền năm {y}.",
    "Căn cứ Quyết định số {a}/QĐ-UBND ngày {d}/{m}/{y} của Chủ tịch UBND tỉnh về việc sửa đổi, bổ sung một số điều của Quy chế làm việc; Thông báo số {b}/TB-VPUB ngày 03/4/{y} của Văn phòng UBND tỉnh về kết luận của Chủ tịch UBND tỉnh.",
    "Báo cáo kết quả thực hiện Kế hoạch số {c}-KH/TU ngày 14/8/2023 của Ban Thường vụ Tỉnh ủy và Nghị quyết số 31/2024/NQ-HĐND ngày 10/12/2024 của HĐND tỉnh quy định mức chi hỗ trợ; Công văn số {b}/VPCP-ĐMDN ngày 20/5/2025 của Văn phòng Chính phủ.",
    "Tổ chức các hội nghị, tọa đàm, diễn đàn trao đổi kinh nghiệm; xây dựng chuyên mục, chuyên trang trên Cổng thông tin điện tử của Sở; đăng tải tin, bài, phóng sự về kết quả cải cách hành chính, chuyển đổi số, ứng dụng khoa học và công nghệ vào sản xuất, đời sống.",
]

#: Task paragraphs without a citation, as most of a real plan's body is: the five seeds carry about
#: one citation per KB (0.26 to 1.5); a body made only of CLEAN_BODY carries five.
CLEAN_PROSE = [
    "Đẩy mạnh ứng dụng công nghệ thông tin trong hoạt động của cơ quan; bảo đảm 100% hồ sơ công việc được xử lý trên môi trường mạng, trừ hồ sơ công việc thuộc phạm vi bí mật nhà nước; duy trì vận hành ổn định hệ thống quản lý văn bản và điều hành, hệ thống thư điện tử công vụ.",
    "Rà soát, chuẩn hóa quy trình nội bộ giải quyết thủ tục hành chính; công khai đầy đủ, kịp thời thủ tục hành chính trên Cổng dịch vụ công; tăng tỷ lệ hồ sơ trực tuyến toàn trình, giảm thời gian giải quyết so với quy định, không để hồ sơ trễ hạn.",
    "Tổ chức tập huấn, bồi dưỡng kỹ năng số cho cán bộ, công chức, viên chức và người lao động; lồng ghép nội dung chuyển đổi số vào chương trình sinh hoạt chuyên môn định kỳ; khuyến khích tự học, tự nghiên cứu và chia sẻ kinh nghiệm giữa các đơn vị.",
    "Phối hợp với các cơ quan báo chí, đài phát thanh và truyền hình xây dựng chuyên trang, chuyên mục; biên soạn tài liệu hỏi đáp, tờ gấp, pa-nô, áp phích; phát huy vai trò của mạng xã hội, nhóm Zalo của tổ dân phố, thôn trong việc đưa thông tin đến người dân.",
    "Kiểm tra, đánh giá việc thực hiện nhiệm vụ được giao tại các phòng, đơn vị; kịp thời phát hiện khó khăn, vướng mắc để tháo gỡ hoặc đề xuất cấp có thẩm quyền xem xét, giải quyết; biểu dương, khen thưởng tập thể, cá nhân có thành tích tiêu biểu.",
    "Bảo đảm kinh phí thực hiện từ nguồn ngân sách được giao trong dự toán hằng năm và các nguồn huy động hợp pháp khác; sử dụng kinh phí đúng mục đích, tiết kiệm, hiệu quả, thanh quyết toán theo quy định hiện hành của pháp luật.",
    "Nâng cao chất lượng dữ liệu chuyên ngành; thực hiện kết nối, chia sẻ dữ liệu với cơ sở dữ liệu quốc gia về dân cư; từng bước số hóa hồ sơ, kết quả giải quyết thủ tục hành chính còn hiệu lực; bảo đảm an toàn, an ninh thông tin trong quá trình vận hành.",
    "Tăng cường kỷ luật, kỷ cương hành chính; nâng cao tinh thần trách nhiệm, thái độ phục vụ của đội ngũ cán bộ, công chức trực tiếp tiếp nhận và giải quyết hồ sơ; tiếp nhận, xử lý kịp thời phản ánh, kiến nghị của người dân và doanh nghiệp.",
]

#: Share of the clean plans' body paragraphs drawn from CLEAN_BODY (the rest from CLEAN_PROSE):
#: about 1.1 citations per KB, as in the seeds.  ``--dense`` draws every paragraph from CLEAN_BODY.
CITING_SHARE = 0.2

CLEAN_TAIL = """
III. TỔ CHỨC THỰC HIỆN
Các phòng, đơn vị thuộc Sở căn cứ nội dung Kế hoạch này tổ chức triển khai thực hiện; định kỳ báo cáo kết quả về Văn phòng Sở trước ngày 15/12/{y} để tổng hợp, báo cáo UBND tỉnh.

Nơi nhận:
- UBND tỉnh (b/c);
- Sở Nội vụ;
- Các phòng, đơn vị thuộc Sở;
- Lưu: VT, VP.
KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC
Nguyễn Văn An
"""

PROVINCES = ["Quảng Ngãi", "Lâm Đồng", "Đắk Lắk", "Gia Lai", "Khánh Hòa", "Nghệ An", "Thanh Hóa"]
DEPTS = [
    ("Sở Khoa học và Công nghệ", "SKHCN"),
    ("Sở Nội vụ", "SNV"),
    ("Sở Tài chính", "STC"),
    ("Sở Y tế", "SYT"),
    ("Văn phòng UBND tỉnh", "VPUB"),
]
_NUMBER_BEFORE_SYMBOL = re.compile(r"(?<![\d/])\d{1,4}(?=\s?[/-]\s?(?:\d{4}/)?[A-ZĐ])")


def _fit(text: str, size: int, filler: list[str], rng: random.Random, tail_chars: int = 1500) -> str:
    """Cut or pad the middle of ``text`` at paragraph breaks to about ``size`` UTF-8 bytes,
    keeping its head and its tail (signature, "Nơi nhận")."""
    split = text.find("\n", max(0, len(text) - tail_chars)) + 1
    head, tail = text[:split], text[split:]
    room = size - len(tail.encode("utf-8"))
    if len(head.encode("utf-8")) > room:
        head = head.encode("utf-8")[:room].decode("utf-8", "ignore")
        cut = head.rfind("\n\n")
        head = head[: cut if cut > room // 2 else head.rfind("\n") + 1]
        return head.rstrip("\n") + "\n\n" + tail
    parts = [head.rstrip("\n")]
    total = len(head.encode("utf-8"))
    while total < room:
        para = rng.choice(filler)
        parts.append(para)
        total += len(para.encode("utf-8")) + 2
    return "\n\n".join(parts) + "\n\n" + tail


def _renumber(text: str, rng: random.Random) -> str:
    return _NUMBER_BEFORE_SYMBOL.sub(lambda m: str(rng.randint(1, 2999)), text)


def build_corpus(seeds: list[str], n: int, size: int, seed: int = 2025, citing_share: float = CITING_SHARE) -> list[str]:
    """``n`` distinct documents of about ``size`` bytes: OCR'd seeds and clean plans, alternating.

    ``citing_share`` of a clean plan's body paragraphs cite (several instruments each), the rest are
    task prose; 1.0 gives the citation-dense plans of the earlier runs (five citations per KB).
    """
    rng = random.Random(seed)
    seed_paras = [p for s in seeds for p in s.split("\n\n") if len(p) > 200]
    docs = []
    for i in range(n):
        y = rng.choice([2023, 2024, 2025])
        v = {
            "a": rng.randint(1, 2999), "b": rng.randint(1, 2999), "c": rng.randint(1, 99),
            "d": rng.randint(1, 28), "m": rng.randint(1, 12), "y": y,
        }
        if i % 2 == 0:
            text = _renumber(seeds[(i // 2) % len(seeds)], rng)
            docs.append(_fit(text, size, [_renumber(p, rng) for p in rng.sample(seed_paras, 6)], rng))
            continue
        prov = rng.choice(PROVINCES)
        dept, code = rng.choice(DEPTS)
        head = CLEAN_HEAD.format(
            prov=prov, prov_up=prov.upper(), dept=dept, dept_up=dept.upper(), dept_code=code,
            no=rng.randint(1, 999), nq=rng.choice([57, 66, 68, 71]), kh=rng.randint(1, 500),
            d=v["d"], m=v["m"], y=y, d2=rng.randint(1, 28), m2=rng.randint(1, 12),
        )
        filler = [p.format(**v) for p in CLEAN_BODY]
        tail = CLEAN_TAIL.format(y=y)
        body: list[str] = []
        total = len((head + tail).encode("utf-8"))
        while total < size:
            para = f"{len(body) + 1}. {rng.choice(filler if rng.random() < citing_share else CLEAN_PROSE)}"
            body.append(para)
            total += len(para.encode("utf-8")) + 1
        docs.append(head + "\n".join(body) + "\n" + tail)
    return docs


# --------------------------------------------------------------------------- timing


def _extract_one(text: str, source: str) -> int:
    from luocdo.loaders.extract import extract
    from luocdo.loaders.text import load_string

    rec = extract(load_string(text, source), source=source)
    return len(rec.references)


def _extract_chunk(chunk: tuple[int, list[str]]) -> tuple[int, int]:
    start, texts = chunk
    refs = 0
    for k, text in enumerate(texts):
        refs += _extract_one(text, f"bench/{start + k}.txt")
    return len(texts), refs


def _warm(_: int) -> int:
    time.sleep(0.2)  # long enough that every worker gets one
    return _extract_one("Số: 12/KH-UBND\nThực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024", "warm")


@dataclass(frozen=True)
class Timing:
    label: str
    seconds: float
    docs: int
    mb: float
    cpu: float | None = None  # CPU seconds of this process (one process only)

    @property
    def docs_per_s(self) -> float:
        return self.docs / self.seconds

    @property
    def mb_per_s(self) -> float:
        return self.mb / self.seconds


def time_single(texts: list[str], mb: float) -> tuple[Timing, int]:
    _extract_one(texts[0], "warm")
    started, cpu = time.perf_counter(), time.process_time()
    refs = sum(_extract_one(t, f"bench/{k}.txt") for k, t in enumerate(texts))
    return Timing("1 process", time.perf_counter() - started, len(texts), mb, time.process_time() - cpu), refs


def time_pool(texts: list[str], mb: float, workers: int, chunk: int = 25) -> tuple[Timing, int]:
    chunks = [(i, texts[i : i + chunk]) for i in range(0, len(texts), chunk)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        list(pool.map(_warm, range(workers)))  # start and warm every worker first
        started = time.perf_counter()
        results = list(pool.map(_extract_chunk, chunks))
        seconds = time.perf_counter() - started
    return Timing(f"{workers} processes", seconds, len(texts), mb), sum(r for _, r in results)


def time_bare(texts: list[str], mb: float) -> tuple[Timing, int]:
    started = time.perf_counter()
    hits = 0
    for t in texts:
        for _ in BARE.finditer(t):
            hits += 1
    return Timing("bare re.finditer", time.perf_counter() - started, len(texts), mb), hits


STAGES = (
    "fold", "parse_header", "resolve_context", "find_citations", "classify", "citation_issuer",
    "instrument", "Sentences", "find_laws", "issued_on_basis", "find_assignments", "signature_date",
)


def stages(texts: list[str]) -> str:
    """Wall time per stage of ``extract_text`` (inclusive), without profiler overhead.

    The stage functions are wrapped, for this run only, where the stages of
    extract_text look them up (the globals of loaders.extract and loaders.edges);
    nothing is changed on disk.
    """
    import luocdo.loaders.edges as edges
    import luocdo.loaders.extract as ex
    from luocdo.loaders.text import load_string

    spent: dict[str, float] = defaultdict(float)
    calls: dict[str, int] = defaultdict(int)
    saved = {(mod, name): getattr(mod, name) for mod in (ex, edges) for name in STAGES if hasattr(mod, name)}

    def timed(name, fn):
        def wrapper(*a, **kw):
            t0 = time.perf_counter()
            try:
                return fn(*a, **kw)
            finally:
                spent[name] += time.perf_counter() - t0
                calls[name] += 1
        return wrapper

    for (mod, name), fn in saved.items():
        setattr(mod, name, timed(name, fn))
    try:
        t0 = time.perf_counter()
        for k, t in enumerate(texts):
            ex.extract(load_string(t, f"bench/{k}.txt"))
        total = time.perf_counter() - t0
    finally:
        for (mod, name), fn in saved.items():
            setattr(mod, name, fn)
    n = len(texts)
    lines = [f"stages of extract_text over {n} documents: {1000 * total / n:.2f} ms/document in all "
             "(inclusive: fold is also counted inside the stages that call it)"]
    for name, sec in sorted(spent.items(), key=lambda kv: -kv[1]):
        lines.append(f"  {100 * sec / total:5.1f}%  {1000 * sec / n:6.3f} ms/doc  {calls[name] / n:7.1f} calls/doc  {name}")
    return "\n".join(lines)


def profile(texts: list[str], top: int = 25) -> str:
    """cProfile of the single-process path: top functions by own time, and time per module."""
    prof = cProfile.Profile()
    prof.enable()
    for k, t in enumerate(texts):
        _extract_one(t, f"bench/{k}.txt")
    prof.disable()
    out = io.StringIO()
    stats = pstats.Stats(prof, stream=out)
    total = sum(v[2] for v in stats.stats.values())  # type: ignore[attr-defined]
    per_module: dict[str, float] = defaultdict(float)
    for (filename, _line, _name), v in stats.stats.items():  # type: ignore[attr-defined]
        path = Path(filename)
        key = f"{path.parent.name}/{path.name}" if path.suffix == ".py" else filename
        per_module[key] += v[2]
    lines = [f"cProfile over {len(texts)} documents, {total:.2f} s of own time:", "", "time per module (own time):"]
    for key, sec in sorted(per_module.items(), key=lambda kv: -kv[1])[:12]:
        lines.append(f"  {100 * sec / total:5.1f}%  {sec:7.3f} s  {key}")
    lines += ["", f"top {top} functions by own time:"]
    rows = sorted(stats.stats.items(), key=lambda kv: -kv[1][2])[:top]  # type: ignore[attr-defined]
    for (filename, line, name), (_cc, ncalls, tt, ct, _callers) in rows:
        where = f"{Path(filename).parent.name}/{Path(filename).name}:{line}" if line else filename
        lines.append(f"  {100 * tt / total:5.1f}%  own {tt:6.3f} s  cum {ct:6.3f} s  {ncalls:8d} calls  {name}  ({where})")
    lines += ["", "top functions by cumulative time (luocdo code only):"]
    ours = [kv for kv in stats.stats.items() if "/work/" in kv[0][0] or "luocdo" in kv[0][0]]  # type: ignore[attr-defined]
    for (filename, line, name), (_cc, ncalls, _tt, ct, _callers) in sorted(ours, key=lambda kv: -kv[1][3])[:15]:
        lines.append(f"  {100 * ct / total:5.1f}%  cum {ct:6.3f} s  {ncalls:8d} calls  {name}  ({Path(filename).name}:{line})")
    return "\n".join(lines)


def call_tree(texts: list[str], lines: int = 45) -> str:
    """pyinstrument's view of the single-process path: time per function, own and in its callees.

    Sampling (every 0.5 ms) costs little, so the shares are those of the
    unprofiled run; cProfile above counts every call and says how many.
    """
    try:
        from pyinstrument import Profiler
    except ImportError:
        return "(pyinstrument is not installed: `make install` puts it in the venv)"
    prof = Profiler(interval=0.0005)
    prof.start()
    for k, t in enumerate(texts):
        _extract_one(t, f"bench/{k}.txt")
    prof.stop()
    flat = prof.output_text(flat=True, flat_time="self", time="percent_of_total")
    tree = prof.output_text(time="percent_of_total", processor_options={"filter_threshold": 0.02})

    def body(text: str, n: int) -> list[str]:  # without pyinstrument's banner
        rows = [ln for ln in text.splitlines() if ln.strip()]
        start = next((i + 1 for i, ln in enumerate(rows) if ln.startswith("Profile at")), 0)
        return rows[start : start + n]

    head, tree_rows = body(flat, lines // 2), body(tree, lines)
    return "\n".join(["pyinstrument, own time per function:", *head, "", "pyinstrument, call tree (≥ 2 %):", *tree_rows])


# --------------------------------------------------------------------------- main


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=5000)
    ap.add_argument("--size", type=int, default=10 * 1024, help="bytes per document (UTF-8)")
    ap.add_argument("--workers", type=int, default=_machine.usable_cores())
    ap.add_argument("--profile", action="store_true", help="print a profile even when on target")
    ap.add_argument("--dense", action="store_true",
                    help="clean plans made only of citing paragraphs (five citations per KB), as before 2026-11-23")
    ap.add_argument("--no-write", action="store_true", help="do not update bench/RESULTS.md")
    args = ap.parse_args()

    if not SEEDS.is_dir() or not sorted(SEEDS.glob("*.txt")):
        print(f"bench/extract.py: no seeds at {SEEDS}; nothing to benchmark (skipped)")
        return 0
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    machine = _machine.describe()
    print(f"machine: {machine}")

    texts = build_corpus(seeds, args.docs, args.size, citing_share=1.0 if args.dense else CITING_SHARE)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"corpus: {len(texts)} documents, {mb:.1f} MB (mean {1e6 * mb / len(texts) / 1024:.1f} KB), "
          f"half OCR'd seeds renumbered, half clean Unicode" + (" (citation-dense)" if args.dense else ""))

    load_before = os.getloadavg()[0]
    bare, hits = time_bare(texts, mb)
    single, refs = time_single(texts, mb)
    pool, refs_pool = time_pool(texts, mb, args.workers) if args.workers > 1 else (None, refs)
    if refs_pool != refs:
        print(f"warning: the pool found {refs_pool} references, one process {refs}")

    rows = [single, *([pool] if pool else []), bare]
    if not args.dense:
        # the same number of documents, every clean plan's paragraph citing (five citations per KB)
        dense_texts = build_corpus(seeds, args.docs, args.size, citing_share=1.0)
        dense_mb = sum(len(t.encode("utf-8")) for t in dense_texts) / 1e6
        dense, _ = time_single(dense_texts, dense_mb)
        dense = Timing("1 process, every plan paragraph citing",
                       dense.seconds, dense.docs, dense.mb)
        rows.insert(1 + bool(pool), dense)
    print()
    print(f"{'':18} {'seconds':>9} {'docs/s':>10} {'MB/s':>8}  vs bare pass")
    for t in rows:
        print(f"{t.label:18} {t.seconds:9.3f} {t.docs_per_s:10,.0f} {t.mb_per_s:8.2f}  {t.seconds / bare.seconds:8.1f}x")
    per_core = single.docs_per_s
    load_after = os.getloadavg()[0]
    cpu_rate = single.docs / single.cpu if single.cpu else per_core
    shared = (f"Shared machine: load average {load_before:.1f} before the runs and {load_after:.1f} after them on "
              f"{_machine.usable_cores()} cores; one process used {single.cpu or 0:.2f} CPU seconds "
              f"({cpu_rate:,.0f} documents per CPU-second), the bare pass {bare.docs_per_s:,.0f} docs/s.")
    print(shared)
    ratio = single.seconds / bare.seconds
    kb = 1e6 * mb / 1024
    print(f"\nreferences found: {refs:,} ({refs / kb:.2f} per KB); bare pattern hits: {hits:,}")
    verdict_speed = "met" if per_core >= TARGET_DOCS_PER_CORE else "MISSED"
    verdict_ratio = "met" if ratio <= TARGET_RATIO else "MISSED"
    print(f"target {TARGET_DOCS_PER_CORE:,.0f} docs/s on one core: {verdict_speed} ({per_core:,.0f})")
    print(f"target within {TARGET_RATIO:g}x of the bare pass: {verdict_ratio} ({ratio:,.0f}x)")
    if pool:
        print(f"scaling: {pool.docs_per_s / single.docs_per_s:.2f}x on {args.workers} processes")

    report = ""
    if per_core < TARGET_DOCS_PER_CORE or args.profile:
        sample = texts[: min(len(texts), 400)]
        report = stages(sample) + "\n\n" + call_tree(sample) + "\n\n" + profile(sample)
        print("\n" + report)

    if not args.no_write:
        table = "\n".join(
            f"| {t.label} | {t.seconds:.2f} | {t.docs_per_s:,.0f} | {t.mb_per_s:.2f} | {t.seconds / bare.seconds:.1f}x |"
            for t in rows
        )
        dense = ", every body paragraph citing" if args.dense else ""
        seed_refs = sum(_extract_one(t, "seed") for t in seeds)
        seeds_density = f" (the five seeds: {seed_refs / (sum(len(t.encode()) for t in seeds) / 1024):.2f} per KB)"
        section = f"""\
## Extraction (`bench/extract.py`)

{time.strftime('%Y-%m-%d')}, {machine}.
Corpus: {len(texts):,} documents, {mb:.1f} MB (about {args.size / 1024:.0f} KB each; half the OCR'd seeds renumbered and cut or padded to size, half clean-Unicode plans{dense}); {refs:,} references, {refs / kb:.2f} per KB{seeds_density}. Timed: `extract(load_string(text))` per document.

| run | seconds | docs/s | MB/s | vs bare `re.finditer(r"\\d+[/-][A-Z]")` |
|---|---:|---:|---:|---:|
{table}

Target 1,000 docs/s on one core: **{verdict_speed}** ({per_core:,.0f}). Within 10x of the bare pass: **{verdict_ratio}** ({ratio:,.0f}x).
{shared}
"""
        if report:
            section += "\n<details><summary>profile (one process)</summary>\n\n```\n" + report + "\n```\n</details>\n"
        _machine.write_section("extract", section)
        print(f"\nwrote the extract section of {_machine.RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
