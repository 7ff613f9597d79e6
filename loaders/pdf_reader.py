"""PDF: the text layer of each page, and OCR for the pages that have none (scans).

Every page and image stream is sized before it is decoded or rendered, so a
small file that would expand past the limits (loaders.decoded) is refused.
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
import warnings
import zlib

from luocdo.loaders import ocr
from luocdo.loaders.decoded import (
    CHUNK,
    PAGE_BREAK,
    Decoded,
    brief,
    max_ocr_pages,
    max_pdf_stream_bytes,
    mb,
)
from luocdo.loaders.errors import LoadError, TooLarge

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
                raise LoadError(source, f"cannot decrypt the PDF ({brief(exc)})") from None
            if not opened:
                raise LoadError(source, "PDF is password-protected")
        pages = list(reader.pages)
    except LoadError:
        raise
    except Exception as exc:
        raise LoadError(source, f"corrupt PDF ({brief(exc)})") from None
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
        raise LoadError(source, f"corrupt PDF, cannot render it ({brief(exc)})") from None


def _flate_size(raw: bytes, cap: int) -> int:
    """Decoded size of FlateDecode data, counted up to ``cap`` (+1) a piece at a time."""
    d = zlib.decompressobj()
    total = 0
    pos = 0
    try:
        while pos < len(raw) and total <= cap:
            total += len(d.decompress(raw[pos : pos + CHUNK], CHUNK))
            pos += CHUNK
            while d.unconsumed_tail and total <= cap:
                total += len(d.decompress(d.unconsumed_tail, CHUNK))
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
                return f"a page content stream decodes to more than {mb(cap)}"
        resources = page.get("/Resources")
        xobjects = resources.get_object().get("/XObject") if resources is not None else None
        for ref in (xobjects.get_object().values() if xobjects is not None else []):
            x = ref.get_object()
            if x.get("/Subtype") == "/Image":
                w, h = int(x.get("/Width", 0)), int(x.get("/Height", 0))
                if w * h > pixels:
                    return f"an image of {w:,} × {h:,} pixels"
                if _stream_size(x, cap) > cap:
                    return f"an image stream decodes to more than {mb(cap)}"
            elif x.get("/Subtype") == "/Form" and depth < 4:
                if _stream_size(x, cap) > cap:
                    return f"a form stream decodes to more than {mb(cap)}"
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
        raise LoadError(source, f"corrupt PDF, cannot render it ({brief(exc)})") from None
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
        raise LoadError(source, f"cannot render the PDF for OCR ({brief(exc)})") from None
    finally:
        document.close()
    return texts

