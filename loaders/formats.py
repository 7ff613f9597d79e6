"""Turn the bytes of one file into a decoded string, per format.

Each reader takes the raw bytes and the path as given (for messages) and
returns text that has *not* been normalised yet: ``loaders.text`` does the NFC
and newline normalisation once, for every format, and keeps the offset map.
Every failure is a :class:`LoadError` naming the file.
"""

from __future__ import annotations

import codecs
import io
import re

from luocdo.loaders import ocr
from luocdo.loaders.decoded import PAGE_BREAK, Decoded, brief, max_ocr_pages
from luocdo.loaders.docx_reader import read_docx
from luocdo.loaders.errors import LoadError, TooLarge
from luocdo.loaders.pdf_reader import read_pdf

__all__ = ["PAGE_BREAK", "READERS", "Decoded", "decode_text", "read_docx", "read_image", "read_pdf"]


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_TEXTLIKE = re.compile(r"[\w\s\u0300-\u036f]")
_MARK = re.compile(r"[\u0300-\u036f]")
_STRAY_MARK = re.compile(r"(?<![^\W\d_])[\u0300-\u036f]")  # a mark not right after a letter
_UTF8_MULTI = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _sniff_utf16(data: bytes) -> str | None:
    """BOM-less UTF-16: Vietnamese and ASCII text has a NUL in most high bytes."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    n = len(odd)
    z_even, z_odd = even.count(0), odd.count(0)
    if z_odd >= 0.25 * n and z_even <= 0.02 * n:
        return "utf-16-le"
    if z_even >= 0.25 * n and z_odd <= 0.02 * n:
        return "utf-16-be"
    return None


def _control_problem(text: str) -> str | None:
    bad = len(_CONTROL.findall(text))
    if bad and bad > 0.01 * len(text):
        return f"does not look like text ({bad} control characters in {len(text)})"
    return None


def _cp1258_problem(text: str) -> str | None:
    """Why text decoded as Windows-1258 is implausible, or None if it reads like text."""
    problem = _control_problem(text)
    if problem:
        return problem
    textlike = len(_TEXTLIKE.findall(text))
    if textlike < 0.75 * len(text):
        return f"is mostly symbols ({100 - 100 * textlike // len(text)}% not letters, digits or spaces)"
    marks = len(_MARK.findall(text))
    stray = len(_STRAY_MARK.findall(text))
    if stray > max(2, 0.05 * marks):
        return f"has {stray} tone marks that follow no letter"
    return None


def decode_text(data: bytes, source: str) -> Decoded:
    """Decode a plain-text file: UTF-8 (± BOM), UTF-16 (± BOM), else Windows-1258."""
    if data.startswith(codecs.BOM_UTF8):
        encoding: str | None = "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        encoding = _sniff_utf16(data)
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise LoadError(
                source, f"not valid {encoding.upper()} text (bad bytes at offset {exc.start})"
            ) from None
        problem = _control_problem(text)
        if problem:
            raise LoadError(source, problem)
        return Decoded(text, "txt", encoding=encoding)

    nul = data.count(b"\x00")
    if nul > max(8, len(data) // 1000):
        raise LoadError(source, "looks like a binary file (contains NUL bytes), not text")
    if nul:  # a few stray NULs (a bad copy, a portal's export) do not make a text binary
        data = data.replace(b"\x00", b"")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    else:
        problem = _control_problem(text)
        if problem:
            raise LoadError(source, problem)
        return Decoded(text, "txt", encoding="utf-8")

    # Not UTF-8.  Text that is *mostly* valid UTF-8 is damaged UTF-8, not
    # Windows-1258: decoding it as cp1258 would silently give mojibake.
    valid_multi = len(_UTF8_MULTI.findall(data))
    invalid = data.decode("utf-8", "replace").count("\ufffd") - data.count(b"\xef\xbf\xbd")
    if valid_multi and valid_multi >= invalid:
        raise LoadError(
            source,
            f"looks like UTF-8 but has {invalid} invalid byte sequence(s), "
            f"the first at byte {first_bad}; the file may be damaged",
        )
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError:
        raise LoadError(
            source, "not text: the bytes are neither UTF-8, UTF-16 nor Windows-1258"
        ) from None
    problem = _cp1258_problem(text)
    if problem:
        raise LoadError(source, f"not text: not UTF-8, and read as Windows-1258 it {problem}")
    return Decoded(text, "txt", encoding="cp1258")


# --------------------------------------------------------------------------- images


def read_image(data: bytes, source: str) -> Decoded:
    """OCR every frame of an image (multi-page TIFF gives several)."""
    from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
        n = getattr(image, "n_frames", 1)
        if n > max_ocr_pages():
            raise TooLarge(source, f"image has {n} frames, over the limit of {max_ocr_pages()} pages to "
                                   "OCR per file (LUOCDO_MAX_OCR_PAGES); refused")
        frames = []
        for frame in ImageSequence.Iterator(image):
            upright = ImageOps.exif_transpose(frame.copy())
            frames.append(ocr.to_png(upright))
    except TooLarge:
        raise
    except Image.DecompressionBombError:
        raise LoadError(source, "image is too large to OCR (decompression-bomb limit)") from None
    except UnidentifiedImageError:
        raise LoadError(source, "not a valid image file (unknown or corrupt format)") from None
    except Exception as exc:
        raise LoadError(source, f"corrupt image ({brief(exc)})") from None
    # No --dpi: files often carry a wrong one (72), and Tesseract estimates it well.
    texts = list(ocr.ocr_many(((png, None) for png in frames), source))
    text = PAGE_BREAK.join(t.strip("\n") for t in texts)
    if not text.replace("\f", "").strip():
        raise LoadError(source, "OCR found no text in the image")
    return Decoded(text, "image+ocr", ocr=True)


READERS = {
    ".txt": decode_text,
    ".docx": read_docx,
    ".pdf": read_pdf,
    ".png": read_image,
    ".jpg": read_image,
    ".jpeg": read_image,
    ".tif": read_image,
    ".tiff": read_image,
    ".bmp": read_image,
    ".webp": read_image,
}
