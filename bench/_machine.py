"""What machine a benchmark ran on, and a shared writer for bench/RESULTS.md.

Figures mean little without the machine, so every benchmark prints
:func:`describe` and puts it in its section of RESULTS.md.

    import _machine                      # bench/ is on sys.path when run as a script
    _machine.info()      -> dict         # cpu, cores, usable_cores, ram_gb, python, os
    _machine.describe()  -> str          # one line of the above
    _machine.write_section("extract", markdown_text)   # <!-- extract --> … <!-- /extract -->

``python bench/_machine.py`` prints the description.
"""

from __future__ import annotations

import os
import platform
import re
from functools import cache
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"

__all__ = ["RESULTS", "describe", "info", "write_section"]


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("model name"):
                return " ".join(line.split(":", 1)[1].split())
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown CPU"


def _ram_gb() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / (1024 * 1024), 1)
    except (OSError, ValueError, IndexError):
        pass
    try:
        return round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3, 1)
    except (ValueError, OSError, AttributeError):
        return None


def _cpu_quota() -> float | None:
    """CPUs allowed by a cgroup v2 quota (containers), or None when unlimited."""
    try:
        quota, period = Path("/sys/fs/cgroup/cpu.max").read_text(encoding="utf-8").split()[:2]
        if quota != "max":
            return round(int(quota) / int(period), 2)
    except (OSError, ValueError):
        pass
    return None


def usable_cores() -> int:
    """Cores this process may run on (affinity and cgroup quota), at least 1."""
    try:
        n = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        n = os.cpu_count() or 1
    quota = _cpu_quota()
    if quota is not None:
        n = min(n, max(1, int(quota)))
    return max(1, n)


@cache
def info() -> dict[str, object]:
    """CPU model, cores (logical / usable), RAM, Python and OS."""
    os_name = platform.system()
    try:
        release = platform.freedesktop_os_release()
        os_name = release.get("PRETTY_NAME", os_name)
    except (OSError, AttributeError):
        pass
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count() or 1,
        "usable_cores": usable_cores(),
        "ram_gb": _ram_gb(),
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "os": f"{os_name} (kernel {platform.release()}, {platform.machine()})",
    }


def describe() -> str:
    """One line: "Intel Xeon …, 2 cores (2 usable), 7.8 GB RAM, CPython 3.11.2, Debian …"."""
    i = info()
    ram = f"{i['ram_gb']} GB RAM" if i["ram_gb"] is not None else "RAM unknown"
    return (
        f"{i['cpu']}, {i['cores']} cores ({i['usable_cores']} usable), {ram}, "
        f"{i['python']}, {i['os']}"
    )


def read_section(name: str, results: Path = RESULTS) -> str:
    """The block between ``<!-- name -->`` and ``<!-- /name -->`` as it stands ("" when absent)."""
    old = results.read_text(encoding="utf-8") if results.exists() else ""
    m = re.search(re.escape(f"<!-- {name} -->") + r"(.*?)" + re.escape(f"<!-- /{name} -->"), old, re.S)
    return m.group(1) if m else ""


def write_section(name: str, text: str, results: Path = RESULTS) -> None:
    """Replace (or append) the block between ``<!-- name -->`` and ``<!-- /name -->``.

    Each benchmark owns its own block, so they can run in any order.
    """
    if not re.fullmatch(r"[\w.-]+", name):
        raise ValueError(f"section name must be a plain word, not {name!r}")
    start, end = f"<!-- {name} -->", f"<!-- /{name} -->"
    block = f"{start}\n{text.strip()}\n{end}"
    old = results.read_text(encoding="utf-8") if results.exists() else "# Benchmarks\n"
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.S)
    if pattern.search(old):
        new = pattern.sub(lambda _m: block, old, count=1)
    else:
        new = old.rstrip("\n") + "\n\n" + block + "\n"
    results.write_text(new, encoding="utf-8")


if __name__ == "__main__":
    print(describe())
    for key, value in info().items():
        print(f"  {key}: {value}")
