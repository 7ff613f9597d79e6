"""What every format reader returns, and the limits each keeps to while reading.

A reader (loaders.formats, loaders.docx_reader, loaders.pdf_reader) turns the bytes
of a file into a :class:`Decoded`; the limits refuse a small file that would expand
into gigabytes (:class:`~luocdo.loaders.errors.TooLarge`) before the work is done.
"""

from __future__ import annotations

import io
import os
import zipfile
import zlib
from dataclasses import dataclass

from luocdo.loaders.errors import LoadError, TooLarge

PAGE_BREAK = "\n\f\n"
"""Between PDF pages (and TIFF frames): page n of an offset i is text.count("\\f", 0, i) + 1."""


@dataclass(frozen=True)
class Decoded:
    text: str
    loader: str
    ocr: bool = False
    encoding: str | None = None


def brief(exc: BaseException) -> str:
    msg = " ".join(str(exc).split())
    if len(msg) > 120:
        msg = msg[:117] + "..."
    return f"{type(exc).__name__}: {msg}" if msg else type(exc).__name__


# --------------------------------------------------------------------------- limits
#
# A small file can expand enormously: a 149 KB .docx into 51 MB of XML, a 4 MB PDF into a 2 GB
# content stream.  Each limit is checked while decompressing, a piece at a time, so a bomb is
# refused (TooLarge) after at most the limit's worth of work and memory.


def _env_limit(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    try:
        value = float(raw) if raw else default
    except ValueError:
        value = -1.0
    if not value > 0:
        raise LoadError(name, f"must be a positive number, not {raw!r}")
    return value


def max_unzipped_bytes() -> int:
    """Everything in a DOCX (any zip-based format) once decompressed (``LUOCDO_MAX_UNZIPPED_MB``, 64)."""
    return int(_env_limit("LUOCDO_MAX_UNZIPPED_MB", 64) * 2**20)


def max_zip_parts() -> int:
    """Parts (files) in one archive (``LUOCDO_MAX_ZIP_PARTS``, 1000)."""
    return int(_env_limit("LUOCDO_MAX_ZIP_PARTS", 1000))


def max_ocr_pages() -> int:
    """PDF pages or image frames sent to OCR from one file (``LUOCDO_MAX_OCR_PAGES``, 100)."""
    return int(_env_limit("LUOCDO_MAX_OCR_PAGES", 100))


def max_pdf_stream_bytes() -> int:
    """One PDF page's content, or one of its images, decoded (``LUOCDO_MAX_PDF_STREAM_MB``, 64)."""
    return int(_env_limit("LUOCDO_MAX_PDF_STREAM_MB", 64) * 2**20)


CHUNK = 1 << 18


def check_zip(data: bytes, source: str, what: str = "DOCX") -> None:
    """Refuse an archive with too many parts or more than the limit once decompressed.

    Every part is decompressed here, 256 KB at a time, and counted: what the
    archive's directory declares is not trusted.
    """
    parts_limit, limit = max_zip_parts(), max_unzipped_bytes()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            if len(infos) > parts_limit:
                raise TooLarge(source, f"{what} archive has {len(infos):,} parts, over the limit of "
                                       f"{parts_limit:,} (LUOCDO_MAX_ZIP_PARTS); refused")
            total = 0
            for info in infos:
                if info.is_dir():
                    continue
                with zf.open(info) as part:
                    while chunk := part.read(CHUNK):
                        total += len(chunk)
                        if total > limit:
                            raise TooLarge(
                                source, f"{what} expands past {mb(limit)} once decompressed (at part "
                                f"{info.filename!r}); refused as a decompression bomb "
                                "(the limit is LUOCDO_MAX_UNZIPPED_MB)")
    except (TooLarge, LoadError):
        raise
    except zipfile.BadZipFile as exc:
        raise LoadError(source, f"corrupt {what} file (bad zip archive: {exc})") from None
    except (NotImplementedError, RuntimeError) as exc:  # unknown compression, encrypted parts
        raise LoadError(source, f"unsupported {what} archive ({brief(exc)})") from None
    except (zlib.error, EOFError, OSError, ValueError) as exc:
        raise LoadError(source, f"corrupt {what} file ({brief(exc)})") from None


def mb(n: int) -> str:
    return f"{n / 2**20:,.0f} MB"

