"""Tesseract OCR (Vietnamese) through its command line.

The binary is called with PNG bytes on stdin, so no temporary files are left
behind and any image Pillow can open works.  A missing binary or missing
``vie`` data is reported as :class:`OcrUnavailable` with the install command,
because that is a setup problem, not a bad file.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache

from luocdo.loaders.errors import INSTALL_OCR, LoadError, OcrUnavailable

LANG = "vie"
DEFAULT_TIMEOUT_S = 300.0
TESSERACT_ENV = "LUOCDO_TESSERACT"
"""Name or path of the Tesseract binary (default ``tesseract``, looked up on PATH)."""


def _timeout() -> float:
    raw = os.environ.get("LUOCDO_OCR_TIMEOUT", "")
    try:
        value = float(raw) if raw else DEFAULT_TIMEOUT_S
    except ValueError:
        value = DEFAULT_TIMEOUT_S
    return value if value > 0 else DEFAULT_TIMEOUT_S


@lru_cache(maxsize=8)
def _languages(exe: str, tessdata: str | None) -> frozenset[str] | None:
    """Languages this Tesseract can use (cached per binary and data folder)."""
    del tessdata  # part of the cache key only: the child reads it from the environment
    try:
        done = subprocess.run([exe, "--list-langs"], capture_output=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    out = (done.stdout + b"\n" + done.stderr).decode("utf-8", "replace")
    # The first line is a header ("List of available languages in ...").
    return frozenset(line.strip() for line in out.splitlines()[1:] if line.strip())


def tesseract(source: str) -> str:
    """Path of a Tesseract binary that has Vietnamese data, or raise OcrUnavailable."""
    wanted = os.environ.get(TESSERACT_ENV, "").strip() or "tesseract"
    exe = shutil.which(wanted)
    if exe is None:
        where = f" ({TESSERACT_ENV}={wanted!r} not found)" if wanted != "tesseract" else ""
        raise OcrUnavailable(
            source,
            f"needs OCR but Tesseract is not installed{where}; install it with: {INSTALL_OCR}",
        )
    langs = _languages(exe, os.environ.get("TESSDATA_PREFIX"))
    if langs is None:
        raise OcrUnavailable(
            source, f"needs OCR but Tesseract does not run; reinstall it with: {INSTALL_OCR}"
        )
    if LANG not in langs:
        raise OcrUnavailable(
            source,
            "needs OCR but Tesseract has no Vietnamese language data ('vie'); "
            f"install it with: {INSTALL_OCR}",
        )
    return exe


def available() -> bool:
    """True when OCR can run here (for tests and `luocdo doctor`-style checks)."""
    try:
        tesseract("<check>")
    except OcrUnavailable:
        return False
    return True


def to_png(image) -> bytes:  # image: PIL.Image.Image
    """Grey PNG bytes of a Pillow image, transparency flattened onto white."""
    from PIL import Image

    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(white, rgba)
    if image.mode != "L":
        image = image.convert("L")
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    return buf.getvalue()


def ocr_png(png: bytes, source: str, *, dpi: int | None = None) -> str:
    """Text Tesseract reads in one PNG image."""
    exe = tesseract(source)
    cmd = [exe, "stdin", "stdout", "-l", LANG]
    if dpi and dpi >= 70:
        cmd += ["--dpi", str(int(dpi))]
    env = dict(os.environ)
    # Tesseract's own threads only slow it down when pages run side by side.
    env.setdefault("OMP_THREAD_LIMIT", "1")
    timeout = _timeout()
    try:
        done = subprocess.run(cmd, input=png, capture_output=True, timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        raise LoadError(source, f"OCR timed out after {timeout:g} s") from None
    except OSError as exc:
        raise OcrUnavailable(
            source, f"cannot run Tesseract ({exc.strerror}); install it with: {INSTALL_OCR}"
        ) from None
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = lines[-1] if lines else f"exit code {done.returncode}"
        raise LoadError(source, f"OCR failed: {detail}")
    text = done.stdout.decode("utf-8", "replace")
    return text[:-1] if text.endswith("\f") else text  # Tesseract's page separator


def ocr_many(pngs: Iterable[tuple[bytes, int | None]], source: str) -> Iterator[str]:
    """OCR several images in order, two or more at a time on multi-core machines."""
    tesseract(source)  # fail fast, before rendering anything
    workers = max(1, min(4, os.cpu_count() or 1))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        pending = []
        for png, dpi in pngs:
            pending.append(pool.submit(ocr_png, png, source, dpi=dpi))
            if len(pending) > workers:
                yield pending.pop(0).result()
        for fut in pending:
            yield fut.result()
