"""Turn the bytes of one file into a decoded string, per format.

Each reader takes the raw bytes and the path as given (for messages) and
returns text that has *not* been normalised yet: ``loaders.text`` does the NFC
and newline normalisation once, for every format, and keeps the offset map.
Every failure is a :class:`LoadError` naming the file.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import logging
import os
import re
import warnings
import zipfile
import zlib
from dataclasses import dataclass

from luocdo.loaders import ocr
from luocdo.loaders.errors import LoadError, TooLarge

PAGE_BREAK = "\n\f\n"
"""Between PDF pages (and TIFF frames): page n of an offset i is text.count("\\f", 0, i) + 1."""


@dataclass(frozen=True)
class Decoded:
    text: str
    loader: str
    ocr: bool = False
    encoding: str | None = None


def _brief(exc: BaseException) -> str:
    msg = " ".join(str(exc).split())
    if len(msg) > 120:
        msg = msg[:117] + "..."
    return f"{type(exc).__name__}: {msg}" if msg else type(exc).__name__


# --------------------------------------------------------------------------- plain text

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


# --------------------------------------------------------------------------- DOCX

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_W_P, _W_TBL, _W_TR, _W_TC = _W + "p", _W + "tbl", _W + "tr", _W + "tc"
_W_TXBX = _W + "txbxContent"
_SKIP_IN_RUNS = {_W_TXBX, _MC_FALLBACK, _W + "del", _W + "moveFrom", _W + "pPr", _W + "rPr"}
_CONTAINERS = {_W + "sdt", _W + "sdtContent", _W + "customXml", _W + "smartTag"}


def _para_text(p, boxes: list) -> str:
    """Visible text of one w:p; text boxes met on the way are collected in ``boxes``."""
    out: list[str] = []

    def walk(el) -> None:
        for child in el:
            tag = child.tag
            if tag == _W + "t":
                out.append(child.text or "")
            elif tag in (_W + "tab", _W + "ptab"):
                out.append("\t")
            elif tag in (_W + "br", _W + "cr"):
                out.append("\n")
            elif tag == _W + "noBreakHyphen":
                out.append("-")
            elif tag == _W_TXBX:
                boxes.append(child)
            elif tag in _SKIP_IN_RUNS or not isinstance(tag, str):
                continue
            else:
                walk(child)

    walk(p)
    return "".join(out)


def _blocks(el, out: list[str]) -> None:
    """Append one line per paragraph and table row found in a body-like element."""
    for child in el:
        tag = child.tag
        if tag == _W_P:
            boxes: list = []
            out.append(_para_text(child, boxes))
            for box in boxes:
                _blocks(box, out)
        elif tag == _W_TBL:
            _table(child, out)
        elif tag in _CONTAINERS:
            _blocks(child, out)


def _children(el, tag: str):
    """Direct children with ``tag``, looking through content-control wrappers."""
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag in _CONTAINERS:
            yield from _children(child, tag)


def _table(tbl, out: list[str]) -> None:
    """Rows in order; a row of one-line cells on one line (tab-separated), else cell by cell.

    Header tables put "UBND TỈNH ... / Số: ..." and "CỘNG HÒA ... / ngày ..." side
    by side in multi-line cells: emitting whole cells keeps each column's lines
    together.  Continuations of vertically merged cells are skipped.
    """
    for tr in _children(tbl, _W_TR):
        cells: list[list[str]] = []
        for tc in _children(tr, _W_TC):
            vmerge = tc.find(f"{_W}tcPr/{_W}vMerge")
            if vmerge is not None and vmerge.get(_W + "val", "continue") != "restart":
                continue
            lines: list[str] = []
            _blocks(tc, lines)
            lines = [line for line in lines if line.strip()]
            if lines:
                cells.append(lines)
        if not cells:
            continue
        if all(len(c) == 1 and "\n" not in c[0] for c in cells):
            out.append("\t".join(c[0] for c in cells))
        else:
            for c in cells:
                out.extend(c)


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


_CHUNK = 1 << 18


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
                    while chunk := part.read(_CHUNK):
                        total += len(chunk)
                        if total > limit:
                            raise TooLarge(
                                source, f"{what} expands past {_mb(limit)} once decompressed (at part "
                                f"{info.filename!r}); refused as a decompression bomb "
                                "(the limit is LUOCDO_MAX_UNZIPPED_MB)")
    except (TooLarge, LoadError):
        raise
    except zipfile.BadZipFile as exc:
        raise LoadError(source, f"corrupt {what} file (bad zip archive: {exc})") from None
    except (NotImplementedError, RuntimeError) as exc:  # unknown compression, encrypted parts
        raise LoadError(source, f"unsupported {what} archive ({_brief(exc)})") from None
    except (zlib.error, EOFError, OSError, ValueError) as exc:
        raise LoadError(source, f"corrupt {what} file ({_brief(exc)})") from None


def _mb(n: int) -> str:
    return f"{n / 2**20:,.0f} MB"


def read_docx(data: bytes, source: str) -> Decoded:
    """Section headers first, then body paragraphs and tables in document order."""
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise LoadError(
            source,
            "is an old Word .doc (or a password-protected .docx), not DOCX; "
            "save it as .docx without a password",
        )
    if not data.startswith(b"PK"):
        raise LoadError(source, "not a valid DOCX file (not a zip archive)")
    check_zip(data, source)
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
        body = document.element.body
        lines: list[str] = []
        seen: set[str] = set()
        for ref in document.element.iter(_W + "headerReference"):
            rid = ref.get(_R_ID)
            if not rid or rid in seen:
                continue
            seen.add(rid)
            part = document.part.related_parts.get(rid)
            element = getattr(part, "element", None)
            if element is not None:
                before = len(lines)
                _blocks(element, lines)
                lines[before:] = [line for line in lines[before:] if line.strip()]
        _blocks(body, lines)
    except zipfile.BadZipFile as exc:
        raise LoadError(source, f"corrupt DOCX file (bad zip archive: {exc})") from None
    except LoadError:
        raise
    except Exception as exc:
        raise LoadError(source, f"corrupt or unsupported DOCX file ({_brief(exc)})") from None
    text = "\n".join(lines)
    if not text.strip():
        raise LoadError(source, "no text found in the DOCX file")
    return Decoded(text, "docx")


# --------------------------------------------------------------------------- PDF

MIN_TEXT_LAYER = 200
"""A page with fewer letters/digits than this in its text layer may be a scan."""
OCR_DPI = 300
MAX_RENDER_PX = 5000
MAX_IMAGE_PIXELS = 200_000_000
"""An image in a PDF page larger than this is refused before rendering (a scan at 600 dpi is ~35M)."""

_GARBAGE = re.compile(r"[\ufffd\ue000-\uf8ff\x00-\x08\x0e-\x1f]")


def _alnum(text: str) -> int:
    return sum(ch.isalnum() for ch in text)


def _clean_layer(text: str) -> str:
    """Text layer, or "" when it is mostly undecodable glyphs (fonts without ToUnicode)."""
    if text and len(_GARBAGE.findall(text)) > 0.3 * len(text):
        return ""
    return text.replace("\f", "\n")


def _image_coverage(page) -> float:
    """Share of a pdfium page covered by images (a scan is one page-sized image)."""
    import pypdfium2.raw as pdfium_c

    width, height = page.get_size()
    area = max(width * height, 1.0)
    covered = 0.0
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=4):
        try:
            left, bottom, right, top = obj.get_bounds()
        except Exception:
            continue
        w = max(0.0, min(right, width) - max(left, 0.0))
        h = max(0.0, min(top, height) - max(bottom, 0.0))
        covered += w * h
    return min(1.0, covered / area)


def _render(page, dpi: int):
    """Grey Pillow image of a pdfium page at ``dpi``, capped at MAX_RENDER_PX a side."""
    width, height = page.get_size()
    scale = min(dpi / 72.0, MAX_RENDER_PX / max(width, height, 1.0))
    bitmap = page.render(scale=scale, grayscale=True)
    return bitmap.to_pil(), round(scale * 72)


def _is_blank(page) -> bool:
    image, _ = _render(page, 50)
    low, high = image.convert("L").getextrema()
    return high - low < 24


@contextlib.contextmanager
def _quiet_pypdf():
    """pypdf logs its repairs ("incorrect startxref pointer") to stderr; a damaged
    file is reported once, as a LoadError, so those lines are only noise."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def read_pdf(data: bytes, source: str) -> Decoded:
    """Text layer page by page; pages without one (scans) go through OCR."""
    with _quiet_pypdf():
        return _read_pdf(data, source)


def _read_pdf(data: bytes, source: str) -> Decoded:
    if b"%PDF-" not in data[:1024]:
        raise LoadError(source, "not a PDF file (no %PDF- header)")
    if data.rfind(b"%%EOF") == -1:
        raise LoadError(source, "PDF is truncated or damaged (no %%EOF end marker)")
    try:
        import pypdf

        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except Exception as exc:
                raise LoadError(source, f"cannot decrypt the PDF ({_brief(exc)})") from None
            if not opened:
                raise LoadError(source, "PDF is password-protected")
        pages = list(reader.pages)
    except LoadError:
        raise
    except Exception as exc:
        raise LoadError(source, f"corrupt PDF ({_brief(exc)})") from None
    if not pages:
        raise LoadError(source, "PDF has no pages")

    layers: list[str] = []
    for page in pages:
        try:
            layers.append(_clean_layer(page.extract_text() or ""))
        except Exception:
            layers.append("")

    todo = [i for i, t in enumerate(layers) if _alnum(t) < MIN_TEXT_LAYER]
    ocr_pages: list[int] = []
    if todo:
        _check_pages(pages, todo, source)
        ocr_pages = _pages_to_ocr(data, source, layers, todo)
    texts = list(layers)
    if ocr_pages:
        texts = _ocr_pdf_pages(data, source, layers, ocr_pages)
    text = PAGE_BREAK.join(t.strip("\n") for t in texts)
    if not text.replace("\f", "").strip():
        raise LoadError(source, f"no text found in the PDF ({len(pages)} page(s))")
    return Decoded(text, "pdf+ocr" if ocr_pages else "pdf", ocr=bool(ocr_pages))


def _open_pdfium(data: bytes, source: str):
    try:
        import pypdfium2 as pdfium
    except ImportError:
        raise LoadError(
            source, "scanned PDF pages need pypdfium2 to render them: pip install pypdfium2"
        ) from None
    try:
        return pdfium.PdfDocument(data)
    except Exception as exc:
        raise LoadError(source, f"corrupt PDF, cannot render it ({_brief(exc)})") from None


def _flate_size(raw: bytes, cap: int) -> int:
    """Decoded size of FlateDecode data, counted up to ``cap`` (+1) a piece at a time."""
    d = zlib.decompressobj()
    total = 0
    pos = 0
    try:
        while pos < len(raw) and total <= cap:
            total += len(d.decompress(raw[pos : pos + _CHUNK], _CHUNK))
            pos += _CHUNK
            while d.unconsumed_tail and total <= cap:
                total += len(d.decompress(d.unconsumed_tail, _CHUNK))
    except zlib.error:
        return total  # damaged: the renderer will say so
    return total


def _stream_size(obj, cap: int) -> int:
    """What a PDF stream decodes to, as far as it can be told without decoding more than ``cap``."""
    raw = getattr(obj, "_data", b"") or b""
    filters = obj.get("/Filter")
    names = [str(f) for f in filters] if isinstance(filters, list) else ([str(filters)] if filters else [])
    if names[:1] == ["/FlateDecode"] or names[:1] == ["/Fl"]:
        return _flate_size(raw, cap)
    return len(raw)


def _page_problem(page, cap: int, pixels: int, depth: int = 0) -> str | None:
    """Why rendering this (pypdf) page or form would take too much memory, or None."""
    try:
        contents = page.get("/Contents") if depth == 0 else page
        streams = contents if isinstance(contents, list) else [contents] if contents is not None else []
        for ref in streams:
            obj = ref.get_object()
            if hasattr(obj, "get") and _stream_size(obj, cap) > cap:
                return f"a page content stream decodes to more than {_mb(cap)}"
        resources = page.get("/Resources")
        xobjects = resources.get_object().get("/XObject") if resources is not None else None
        for ref in (xobjects.get_object().values() if xobjects is not None else []):
            x = ref.get_object()
            if x.get("/Subtype") == "/Image":
                w, h = int(x.get("/Width", 0)), int(x.get("/Height", 0))
                if w * h > pixels:
                    return f"an image of {w:,} × {h:,} pixels"
                if _stream_size(x, cap) > cap:
                    return f"an image stream decodes to more than {_mb(cap)}"
            elif x.get("/Subtype") == "/Form" and depth < 4:
                if _stream_size(x, cap) > cap:
                    return f"a form stream decodes to more than {_mb(cap)}"
                inner = _page_problem(x, cap, pixels, depth + 1)
                if inner:
                    return inner
    except Exception:
        return None  # an odd structure: leave it to the renderer
    return None


def _check_pages(pages: list, todo: list[int], source: str) -> None:
    """Refuse a PDF whose pages to look at closely would take too much memory or OCR time."""
    if len(todo) > max_ocr_pages():
        raise TooLarge(source, f"{len(todo)} pages have no text layer (scans), over the limit of "
                               f"{max_ocr_pages()} pages to OCR per file (LUOCDO_MAX_OCR_PAGES); refused")
    cap, pixels = max_pdf_stream_bytes(), MAX_IMAGE_PIXELS
    for i in todo:
        problem = _page_problem(pages[i], cap, pixels)
        if problem:
            raise TooLarge(source, f"page {i + 1}: {problem}; refused before rendering it "
                                   "(the limit is LUOCDO_MAX_PDF_STREAM_MB)")


def _pages_to_ocr(data: bytes, source: str, layers: list[str], todo: list[int]) -> list[int]:
    """Which of the thin-text pages are scans (page-sized image, or ink but no text)."""
    document = _open_pdfium(data, source)
    try:
        chosen = []
        for i in todo:
            page = document[i]
            try:
                if _image_coverage(page) >= 0.5 or (
                    _alnum(layers[i]) < 3 and not _is_blank(page)
                ):
                    chosen.append(i)
            finally:
                page.close()
    except Exception as exc:
        raise LoadError(source, f"corrupt PDF, cannot render it ({_brief(exc)})") from None
    finally:
        document.close()
    if chosen and not ocr.available():
        if any(_alnum(layers[i]) < 3 for i in chosen):
            ocr.tesseract(source)  # raises OcrUnavailable with the install command
        return []  # every chosen page has *some* text layer: use it rather than fail
    return chosen


def _ocr_pdf_pages(data: bytes, source: str, layers: list[str], chosen: list[int]) -> list[str]:
    document = _open_pdfium(data, source)

    def rendered():
        for i in chosen:
            page = document[i]
            try:
                image, dpi = _render(page, OCR_DPI)
            finally:
                page.close()
            yield ocr.to_png(image), dpi

    texts = list(layers)
    try:
        for i, found in zip(chosen, ocr.ocr_many(rendered(), source), strict=True):
            layer = layers[i].strip()
            # Keep a thin text layer too: on signed scans it is the signature stamp.
            texts[i] = found.strip("\n") + ("\n" + layer if layer else "")
    except LoadError:
        raise
    except Exception as exc:
        raise LoadError(source, f"cannot render the PDF for OCR ({_brief(exc)})") from None
    finally:
        document.close()
    return texts


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
        raise LoadError(source, f"corrupt image ({_brief(exc)})") from None
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
