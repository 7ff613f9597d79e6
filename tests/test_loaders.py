"""Loaders on real files made here: encodings, NFC offsets, DOCX, PDF, OCR, bad input.

Nothing is mocked: files are written to tmp_path with the real libraries
(python-docx, reportlab, Pillow, pypdf) and images are read by the real
Tesseract.  OCR tests skip when Tesseract with Vietnamese is not installed
(`make system-deps`); the "Tesseract missing" tests hide the real binary.
"""

from __future__ import annotations

import codecs
import io
import itertools
import logging
import os
import random
import re
import sys
import time
import unicodedata
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from luocdo.core.fold import squash
from luocdo.loaders import ocr
from luocdo.loaders.errors import INSTALL_OCR, LoadError, OcrUnavailable
from luocdo.loaders.formats import PAGE_BREAK
from luocdo.loaders.text import SUPPORTED_SUFFIXES, Text, iter_files, load, load_string

# --------------------------------------------------------------------------- sample text

TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng
VOWELS = "aăâeêioôơuưy"

HEADER = (
    "UBND TỈNH QUẢNG NGÃI\n"
    "SỞ KHOA HỌC VÀ CÔNG NGHỆ\n"
    "Số: 127/KH-SKHCN\n"
    "Quảng Ngãi, ngày 05 tháng 8 năm 2025\n"
    "KẾ HOẠCH\n"
    "Triển khai thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị "
    "về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia\n"
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n"
    "Nơi nhận: Thường trực Tỉnh ủy; Đảng ủy UBND tỉnh; Lưu: VT.\n"
)
# Every vowel with every tone, lower and upper case: all the precomposed letters.
ALL_LETTERS = " ".join(
    unicodedata.normalize("NFC", v + t) + unicodedata.normalize("NFC", v.upper() + t)
    for v in VOWELS
    for t in ("", *TONES)
) + " đĐ\n"
SAMPLE = HEADER + ALL_LETTERS


def cp1258(text: str) -> bytes:
    """Encode like Vietnamese Windows-1258: precomposed where the code page has it,
    else the base letter (â, ơ, ư …) followed by a combining tone mark."""
    out = []
    for ch in text:
        try:
            out.append(ch.encode("cp1258"))
            continue
        except UnicodeEncodeError:
            pass
        nfd = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in TONES))
        out.append((base + "".join(c for c in nfd if c in TONES)).encode("cp1258"))
    return b"".join(out)


def _crlf(s: str) -> str:
    return s.replace("\n", "\r\n")


# (name, bytes of the file, how to decode them back, encoding the loader reports)
ENCODINGS = [
    ("utf8", SAMPLE.encode("utf-8"), "utf-8", "utf-8"),
    ("utf8-bom", codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8-sig", "utf-8-sig"),
    ("utf16le-bom", codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"), "utf-16", "utf-16"),
    ("utf16be-bom", codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), "utf-16", "utf-16"),
    ("utf16le-nobom", SAMPLE.encode("utf-16-le"), "utf-16-le", "utf-16-le"),
    ("utf16be-nobom", SAMPLE.encode("utf-16-be"), "utf-16-be", "utf-16-be"),
    ("cp1258", cp1258(SAMPLE), "cp1258", "cp1258"),
    ("cp1258-crlf", cp1258(_crlf(SAMPLE)), "cp1258", "cp1258"),
    ("nfd", unicodedata.normalize("NFD", SAMPLE).encode("utf-8"), "utf-8", "utf-8"),
    ("crlf", _crlf(SAMPLE).encode("utf-8"), "utf-8", "utf-8"),
    ("nfd-crlf-bom", codecs.BOM_UTF8 + _crlf(unicodedata.normalize("NFD", SAMPLE)).encode(), "utf-8-sig", "utf-8-sig"),
    ("lone-cr", SAMPLE.replace("\n", "\r").encode("utf-8"), "utf-8", "utf-8"),
]


def test_cp1258_fixture_really_uses_combining_marks():
    data = cp1258("Kế hoạch")
    assert data.decode("cp1258") != "Kế hoạch"  # "ạ" is not in the code page
    assert unicodedata.normalize("NFC", data.decode("cp1258")) == "Kế hoạch"


@pytest.mark.parametrize(("name", "data", "codec", "encoding"), ENCODINGS, ids=[e[0] for e in ENCODINGS])
def test_text_encodings(tmp_path, name, data, codec, encoding):
    path = tmp_path / f"{name}.txt"
    path.write_bytes(data)
    t = load(path)
    assert t.text == unicodedata.normalize("NFC", SAMPLE)
    assert (t.loader, t.encoding, t.ocr, t.source) == ("txt", encoding, False, str(path))
    assert t.sha256 == __import__("hashlib").sha256(data).hexdigest()
    # Every word maps back to the same word in the decoded file.
    decoded = data.decode(codec)
    words = list(re.finditer(r"\w+", t.text))
    assert len(words) > 100
    for m in words:
        a, b = t.original_span(m.start(), m.end())
        assert unicodedata.normalize("NFC", decoded[a:b]) == m.group(), (m.group(), decoded[a:b])
    assert t.original_offset(len(t.text)) == len(decoded)


def test_load_string_normalises_and_maps():
    raw = "Ke\u0302\u0301 hoa\u0323ch\r\nso\u0302\u0301 12/KH"
    t = load_string(raw)
    assert t.text == "Kế hoạch\nsố 12/KH"
    assert (t.loader, t.source) == ("string", "<string>")
    i = t.text.index("12/KH")
    assert raw[t.original_offset(i) :].startswith("12/KH")
    start, end = t.original_span(t.text.index("hoạch"), t.text.index("hoạch") + 5)
    assert raw[start:end] == "hoa\u0323ch"
    with pytest.raises(IndexError):
        t.original_offset(len(t.text) + 1)


def test_clean_text_has_no_maps():
    t = load_string(HEADER)
    assert t.text == HEADER
    assert all(t.original_offset(i) == i for i in range(0, len(HEADER) + 1, 7))


# --------------------------------------------------------------------------- property: offsets

_LETTERS = list("aAeEoOuUiIyYdDqQ")
_MARKS = [*TONES, "\u0302", "\u0306", "\u031b"]  # tones, circumflex, breve, horn
_PRECOMPOSED = list("ăâêôơưđĐàáảãạằắẳẵặầấẩẫậềếểễệồốổỗộờớởỡợừứửữựỳýỷỹỵ")
# Not Vietnamese, but NFC treats them specially: Hangul jamo and an Oriya vowel
# sign compose across starters, Å and U+0340 are singletons, U+0344 and U+0958
# and U+1D160 grow under NFC.
_ODD = ["\u1100", "\u1161", "\u11a8", "\u0b47", "\u0b3e", "\u212b", "\u0340", "\u0344", "\u0958", "\U0001d160"]
_ALPHABET = st.sampled_from([*_LETTERS, *_MARKS, *_PRECOMPOSED, *_ODD, " ", "\n", "\r", "\r\n", "/", "1"])


def _boundaries(text: str) -> list[int]:
    """Offsets where a character cluster starts (or the text ends)."""
    return [i for i in range(len(text) + 1) if i in (0, len(text)) or not unicodedata.combining(text[i])]


def _norm(s: str) -> str:
    return unicodedata.normalize("NFC", s.replace("\r\n", "\n").replace("\r", "\n"))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parts=st.lists(st.one_of(_ALPHABET, st.sampled_from(_ODD)), max_size=40), nfd=st.booleans())
def test_original_offset_maps_cluster_spans_exactly(parts, nfd):
    raw = "".join(parts)
    if nfd:  # the same text spelled decomposed
        raw = unicodedata.normalize("NFD", raw)
    t = load_string(raw)
    assert t.text == _norm(raw)
    cuts = _boundaries(t.text)
    mapped = [t.original_offset(i) for i in range(len(t.text) + 1)]
    assert all(x <= y for x, y in itertools.pairwise(mapped))
    for k, a in enumerate(cuts):
        for b in cuts[k:]:
            assert _norm(raw[mapped[a] : mapped[b]]) == t.text[a:b], (a, b)


@settings(max_examples=200, deadline=None)
@given(raw=st.text(max_size=80))
def test_original_offset_is_monotone_on_any_text(raw):
    t = load_string(raw)
    assert t.text == _norm(raw)
    mapped = [t.original_offset(i) for i in range(len(t.text) + 1)]
    assert mapped[0] == 0 and mapped[-1] == len(raw)
    assert all(x <= y for x, y in itertools.pairwise(mapped))
    assert all(0 <= x <= len(raw) for x in mapped)


# --------------------------------------------------------------------------- DOCX


def test_docx_paragraphs_and_tables_in_order(tmp_path):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "Đầu trang"
    head = d.add_table(rows=1, cols=2)  # the usual two-column header block
    left, right = head.rows[0].cells
    left.text = "UBND TỈNH QUẢNG NGÃI"
    left.add_paragraph("SỞ KHOA HỌC VÀ CÔNG NGHỆ")
    left.add_paragraph("Số: 127/KH-SKHCN")
    right.text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    right.add_paragraph("Quảng Ngãi, ngày 05 tháng 8 năm 2025")
    d.add_paragraph("KẾ HOẠCH")
    d.add_paragraph("Thực hiện Nghị quyết số 57-NQ/TW")
    tasks = d.add_table(rows=2, cols=3)
    for i, row in enumerate([["TT", "Nhiệm vụ", "Chủ trì"], ["1", "Tuyên truyền", "Sở KH&CN"]]):
        for j, value in enumerate(row):
            tasks.cell(i, j).text = value
    d.add_paragraph("Nơi nhận:")
    path = tmp_path / "kh.docx"
    d.save(path)

    t = load(path)
    assert t.loader == "docx" and not t.ocr
    assert t.text.split("\n") == [
        "Đầu trang",
        "UBND TỈNH QUẢNG NGÃI",
        "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        "Số: 127/KH-SKHCN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Quảng Ngãi, ngày 05 tháng 8 năm 2025",
        "KẾ HOẠCH",
        "Thực hiện Nghị quyết số 57-NQ/TW",
        "TT\tNhiệm vụ\tChủ trì",
        "1\tTuyên truyền\tSở KH&CN",
        "Nơi nhận:",
    ]


# --------------------------------------------------------------------------- PDF and images


def _find_font() -> str | None:
    """A TTF with Vietnamese glyphs: DejaVu Sans (Debian fonts-dejavu-core) or matplotlib's."""
    candidates = [Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")]
    candidates += sorted(Path("/usr/share/fonts").glob("**/DejaVuSans.ttf"))
    try:
        import matplotlib

        candidates.append(Path(matplotlib.__file__).parent / "mpl-data/fonts/ttf/DejaVuSans.ttf")
    except ImportError:
        pass
    return next((str(p) for p in candidates if p.is_file()), None)


FONT = _find_font()
needs_font = pytest.mark.skipif(FONT is None, reason="no DejaVuSans.ttf (apt-get install fonts-dejavu-core)")
needs_ocr = pytest.mark.skipif(
    not ocr.available(), reason=f"Tesseract with Vietnamese is not installed ({INSTALL_OCR})"
)

PAGE1 = [
    "UBND TỈNH QUẢNG NGÃI",
    "Số: 127/KH-UBND",
    "Quảng Ngãi, ngày 05 tháng 8 năm 2025",
    "KẾ HOẠCH",
    *["Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về chuyển đổi số"] * 4,
]
PAGE2 = ["Nơi nhận: Thường trực Tỉnh ủy; Lưu: VT."]
SCAN_LINES = ["UBND TỈNH QUẢNG NGÃI", "Số: 127/KH-UBND", "KẾ HOẠCH", "Kế hoạch thực hiện Nghị quyết số 57-NQ/TW"]


def _text_pdf(pages: list[list[str]]) -> bytes:
    canvas_mod = pytest.importorskip("reportlab.pdfgen.canvas")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont("DejaVuSans", FONT))
    buf = io.BytesIO()
    c = canvas_mod.Canvas(buf)
    for lines in pages:
        c.setFont("DejaVuSans", 11)
        for k, line in enumerate(lines):
            c.drawString(50, 800 - 16 * k, line)
        c.showPage()
    c.save()
    return buf.getvalue()


def _render(lines: list[str], size: int = 36):
    """A clean 'scan' of the lines, black on white, as a Pillow image."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(FONT, size)
    pad, step = 40, int(size * 1.6)
    width = max(int(font.getlength(line)) for line in lines) + 2 * pad
    image = Image.new("L", (width, len(lines) * step + 2 * pad), 255)
    draw = ImageDraw.Draw(image)
    for k, line in enumerate(lines):
        draw.text((pad, pad + k * step), line, font=font, fill=0)
    return image


def _image_bytes(image, fmt: str, **kw) -> bytes:
    buf = io.BytesIO()
    image.save(buf, format=fmt, **kw)
    return buf.getvalue()


@needs_font
def test_pdf_text_layer(tmp_path):
    path = tmp_path / "kh.pdf"
    path.write_bytes(_text_pdf([PAGE1, PAGE2]))
    t = load(path)
    assert (t.loader, t.ocr) == ("pdf", False)
    assert t.text == "\n".join(PAGE1) + PAGE_BREAK + "\n".join(PAGE2)


@needs_font
def test_pdf_with_a_broken_xref_is_repaired_quietly(tmp_path, capfd, caplog):
    caplog.set_level(logging.DEBUG)
    data = re.sub(rb"startxref\s+\d+", b"startxref\n999", _text_pdf([PAGE1]))
    path = tmp_path / "badxref.pdf"
    path.write_bytes(data)
    assert load(path).text == "\n".join(PAGE1)
    holed = tmp_path / "holed.pdf"
    holed.write_bytes(_holed_pdf())
    with pytest.raises(LoadError):
        load(holed)
    # pypdf's repair log ("incorrect startxref pointer") stays out of the user's way
    assert [r.getMessage() for r in caplog.records if r.name.startswith("pypdf")] == []
    assert capfd.readouterr().err == ""


def _looks_like_scan(text: str) -> None:
    """Loose: OCR may drop a mark or two, but the number and the type survive."""
    assert re.search(r"127\s*/\s*KH\s*-\s*UBND", text), text
    assert re.search(r"57\s*-\s*NQ\s*/\s*TW", text), text
    assert "ke hoach" in squash(text), text


@needs_ocr
@needs_font
@pytest.mark.parametrize(
    ("suffix", "fmt", "kw"),
    [(".png", "PNG", {}), (".jpg", "JPEG", {"quality": 85}), (".tiff", "TIFF", {}), (".pdf", "PDF", {"resolution": 150.0})],
)
def test_ocr_of_scans(tmp_path, suffix, fmt, kw):
    image = _render(SCAN_LINES)
    if fmt == "JPEG":
        image = image.convert("RGB")
    path = tmp_path / f"scan{suffix}"
    path.write_bytes(_image_bytes(image, fmt, **kw))
    t = load(path)
    assert t.ocr is True
    assert t.loader == ("pdf+ocr" if suffix == ".pdf" else "image+ocr")
    _looks_like_scan(t.text)
    assert "\f" not in t.text


@needs_ocr
@needs_font
def test_multipage_tiff_keeps_frame_order(tmp_path):
    first, second = _render(SCAN_LINES[:2]), _render(["Nơi nhận: Lưu VT", "Số trang 2"])
    path = tmp_path / "two.tif"
    path.write_bytes(_image_bytes(first, "TIFF", save_all=True, append_images=[second]))
    t = load(path)
    one, two = t.text.split(PAGE_BREAK)
    assert re.search(r"127\s*/\s*KH", one) and "noi nhan" in squash(two)


@needs_ocr
@needs_font
def test_pdf_mixing_text_layer_and_scanned_page(tmp_path):
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter()
    for blob in (_text_pdf([PAGE1]), _image_bytes(_render(SCAN_LINES), "PDF", resolution=150.0)):
        for page in pypdf.PdfReader(io.BytesIO(blob)).pages:
            writer.add_page(page)
    buf = io.BytesIO()
    writer.write(buf)
    path = tmp_path / "mixed.pdf"
    path.write_bytes(buf.getvalue())
    t = load(path)
    assert (t.loader, t.ocr) == ("pdf+ocr", True)
    first, second = t.text.split(PAGE_BREAK)
    assert first == "\n".join(PAGE1)
    _looks_like_scan(second)


# --------------------------------------------------------------------------- Tesseract missing


def _one_line_naming(err: LoadError, path: Path) -> str:
    message = str(err)
    assert "\n" not in message
    assert message.startswith(f"{path}: ")
    return message


@needs_font
@pytest.mark.parametrize("how", ["PATH", "LUOCDO_TESSERACT"])
@pytest.mark.parametrize("suffix", [".png", ".pdf"])
def test_missing_tesseract_says_how_to_install(tmp_path, monkeypatch, how, suffix):
    empty = tmp_path / "bin"
    empty.mkdir()
    if how == "PATH":
        monkeypatch.setenv("PATH", str(empty))
        monkeypatch.delenv("LUOCDO_TESSERACT", raising=False)
    else:
        monkeypatch.setenv("LUOCDO_TESSERACT", str(empty / "tesseract"))
    path = tmp_path / f"scan{suffix}"
    fmt = {".png": ("PNG", {}), ".pdf": ("PDF", {"resolution": 150.0})}[suffix]
    path.write_bytes(_image_bytes(_render(SCAN_LINES), fmt[0], **fmt[1]))
    assert not ocr.available()
    with pytest.raises(OcrUnavailable) as info:
        load(path)
    message = _one_line_naming(info.value, path)
    assert "Tesseract is not installed" in message
    assert message.endswith(f"install it with: {INSTALL_OCR}")
    # Files that need no OCR still load.
    txt = tmp_path / "ok.txt"
    txt.write_text(HEADER, encoding="utf-8")
    assert load(txt).text == HEADER
    pdf = tmp_path / "layer.pdf"
    pdf.write_bytes(_text_pdf([PAGE1]))
    assert load(pdf).loader == "pdf"


@needs_ocr
@needs_font
def test_tesseract_without_vietnamese_data(tmp_path, monkeypatch):
    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path))  # a data folder with no languages
    path = tmp_path / "scan.png"
    path.write_bytes(_image_bytes(_render(SCAN_LINES), "PNG"))
    with pytest.raises(OcrUnavailable) as info:
        load(path)
    message = _one_line_naming(info.value, path)
    assert "no Vietnamese language data" in message and INSTALL_OCR in message


# --------------------------------------------------------------------------- bad input


def _junk(n: int, *, nul: bool = True) -> bytes:
    rng = random.Random(n)
    data = rng.randbytes(n)
    return data if nul else data.replace(b"\x00", b"\x01")


def _zip_not_docx() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("readme.txt", "not a word document")
    return buf.getvalue()


def _damaged_utf8() -> bytes:
    data = bytearray(SAMPLE.encode("utf-8"))
    for k in (40, 400, 900):
        data[k] = 0xFF
    return bytes(data)


def _truncated_pdf() -> bytes:
    if FONT is None:
        pytest.skip("no font for the PDF fixture")
    data = _text_pdf([PAGE1, PAGE2])
    return data[: len(data) // 2]


def _holed_pdf() -> bytes:
    """Ends intact (so %%EOF is there), middle missing."""
    if FONT is None:
        pytest.skip("no font for the PDF fixture")
    data = _text_pdf([PAGE1, PAGE2])
    return data[: len(data) // 3] + data[-200:]


def _blank_pdf() -> bytes:
    if FONT is None:
        pytest.skip("no font for the PDF fixture")
    return _text_pdf([[]])


def _truncated_png() -> bytes:
    if FONT is None:
        pytest.skip("no font for the image fixture")
    data = _image_bytes(_render(SCAN_LINES), "PNG")
    return data[: len(data) // 2]


# (file name, its bytes, words the problem must contain)
BAD_FILES = [
    ("junk.txt", lambda: _junk(4096), "binary file"),
    ("junk-no-nul.txt", lambda: _junk(4096, nul=False), "not text"),
    ("junk.pdf", lambda: _junk(4096), "not a PDF file"),
    ("junk.docx", lambda: _junk(4096), "not a valid DOCX"),
    ("junk.png", lambda: _junk(4096), "not a valid image"),
    ("zip.docx", _zip_not_docx, "corrupt or unsupported DOCX"),
    ("ole.docx", lambda: b"\xd0\xcf\x11\xe0" + _junk(512), "old Word .doc"),
    ("empty.txt", lambda: b"", "file is empty"),
    ("empty.pdf", lambda: b"", "file is empty"),
    ("blank.txt", lambda: b" \r\n\t\n", "only white space"),
    ("damaged-utf8.txt", _damaged_utf8, "looks like UTF-8 but has"),
    ("odd-utf16.txt", lambda: codecs.BOM_UTF16_LE + "Kế hoạch".encode("utf-16-le") + b"\x41", "not valid UTF-16"),
    ("truncated.pdf", _truncated_pdf, "truncated"),
    ("holed.pdf", _holed_pdf, "corrupt PDF"),
    ("blank.pdf", _blank_pdf, "no text found in the PDF"),
    ("truncated.png", _truncated_png, "corrupt image"),
    ("old.doc", lambda: b"\xd0\xcf\x11\xe0" + _junk(64), "save it as .docx"),
    ("data.xyz", lambda: b"hello", "unsupported file type '.xyz'"),
    ("README", lambda: b"hello", "unsupported file type '(no suffix)'"),
]


@pytest.mark.parametrize(("name", "make", "problem"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_files_give_one_line_errors(tmp_path, name, make, problem):
    path = tmp_path / name
    path.write_bytes(make())
    with pytest.raises(LoadError) as info:
        load(path)
    assert not isinstance(info.value, OcrUnavailable)
    message = _one_line_naming(info.value, path)
    assert problem in info.value.problem, message
    assert info.value.path == str(path)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(LoadError, match=r"nope\.txt: no such file$"):
        load(tmp_path / "nope.txt")
    with pytest.raises(LoadError, match="is a folder, not a file"):
        load(tmp_path)


# An audit hook sees every open(); it is permanent, so it only records paths
# listed in _WATCH.
_WATCH: set[str] = set()
_OPENED: list[str] = []


def _audit(event: str, args: tuple) -> None:
    if event == "open" and _WATCH and args and isinstance(args[0], str | os.PathLike):
        if os.fspath(args[0]) in _WATCH:
            _OPENED.append(os.fspath(args[0]))


sys.addaudithook(_audit)


def test_oversized_file_fails_fast_without_being_read(tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as f:
        f.truncate(200 * 1024 * 1024)  # sparse: no blocks on disk
    small = tmp_path / "small.txt"
    small.write_text(HEADER, encoding="utf-8")
    _WATCH.update({str(big), str(small)})
    try:
        started = time.perf_counter()
        with pytest.raises(LoadError) as info:
            load(big)
        assert time.perf_counter() - started < 0.5
        assert _OPENED == []  # refused on stat() alone
        load(small)
        assert [str(small)] == _OPENED  # the hook does see the loader's open()
    finally:
        _WATCH.clear()
        _OPENED.clear()
    message = _one_line_naming(info.value, big)
    assert "file is 200 MB, over the 50 MB limit" in message


def test_size_limit_knobs(tmp_path, monkeypatch):
    path = tmp_path / "kh.txt"
    path.write_text(HEADER * 10, encoding="utf-8")
    with pytest.raises(LoadError, match="over the"):
        load(path, max_bytes=1000)
    assert load(path, max_bytes=100_000).text == HEADER * 10
    monkeypatch.setenv("LUOCDO_MAX_FILE_MB", "0.001")
    with pytest.raises(LoadError, match=r"file is 5\.049 KB, over the 1\.023 KB limit \(raise it with LUOCDO_MAX_FILE_MB\)$"):
        load(path)
    monkeypatch.setenv("LUOCDO_MAX_FILE_MB", "lots")
    with pytest.raises(LoadError, match="LUOCDO_MAX_FILE_MB must be a positive number"):
        load(path)


def test_load_error_pickles_and_stays_one_line():
    import pickle

    err = pickle.loads(pickle.dumps(OcrUnavailable("a.png", "needs OCR\nbut  no")))
    assert type(err) is OcrUnavailable
    assert (err.path, err.problem, str(err)) == ("a.png", "needs OCR but no", "a.png: needs OCR but no")


def test_text_pickles_with_its_offset_map():
    import pickle

    t = load_string("Ke\u0302\u0301 hoa\u0323ch\r\nso\u0302\u0301")
    back = pickle.loads(pickle.dumps(t))
    assert isinstance(back, Text) and back == t
    assert [back.original_offset(i) for i in range(len(t.text) + 1)] == [
        t.original_offset(i) for i in range(len(t.text) + 1)
    ]


# --------------------------------------------------------------------------- folders


def test_iter_files_walks_folders(tmp_path):
    root = tmp_path / "corpus"
    files = {
        "a/b/c.txt": b"x",
        "a/x.pdf": b"x",
        "a/sub/d.DOCX": b"x",
        "a/scan.jpeg": b"x",
        "a/.hidden/y.txt": b"x",
        "a/.z.txt": b"x",
        "a/~$lock.docx": b"x",
        "a/notes.xyz": b"x",
        "top.txt": b"x",
    }
    for rel, data in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
    (root / "a/loop").symlink_to(root, target_is_directory=True)  # must not recurse forever

    got = list(iter_files([root, root / "a/b/c.txt", root / "a/notes.xyz"]))
    rel = [p.relative_to(root).as_posix() for p in got]
    assert rel == ["a/b/c.txt", "a/scan.jpeg", "a/sub/d.DOCX", "a/x.pdf", "top.txt", "a/notes.xyz"]
    assert {Path(r).suffix.lower() for r in rel[:-1]} <= SUPPORTED_SUFFIXES
    with pytest.raises(LoadError, match=r"missing: no such file or folder"):
        list(iter_files([tmp_path / "missing"]))
    # A file named explicitly is yielded whatever it is, so load() can say why it fails.
    with pytest.raises(LoadError, match="unsupported file type"):
        load(got[-1])


@pytest.mark.parametrize(("text", "folded"), [
    ("Sửa đổi, bổ sung", "sua doi, bo sung"),
    ("Sua d6i, b6 sung m9t s6 diều", "sua doi, bo sung mot so dieu"),  # OCR's digits for marked letters
    ("c4c hi¢u lực, vi¢c", "cac hieu luc, viec"),
    ("N6i vụ", "noi vu"),
    # digits that are numbers or parts of codes stay
    ("57-NQ/TW, 45/2019/QH14, H1N1, 2025, 12a, 05/ABC", "57-nq/tw, 45/2019/qh14, hin1, 2025, 12a, 05/abc"),
    ("Khoản 2 Điều 5, F0", "khoan 2 dieu 5, fo"),
    ("T6 chirc ", "to chirc "),  # also at the very start of the text
])
def test_fold_table(text: str, folded: str) -> None:
    from luocdo.core.fold import fold

    assert fold(text) == folded
    assert fold(text * 60) == folded * 60  # the long-text path


def test_fold_of_long_texts_equals_the_table_translation() -> None:
    """fold() maps long texts through an array; the result must be the str.translate one, character for character."""
    import random

    from luocdo.core import fold as F

    every = "".join(chr(c) for c in range(0x0001, 0x3000) if not 0xD800 <= c <= 0xDFFF)
    rng = random.Random(4)
    samples = [every, every[::-1], "".join(rng.choice(every) for _ in range(5000)),
               "Kế hoạch số 82/KH-UBND\tngày 17/4/2025 của UBND tỉnh Quảng Ngãi 😀 \U0001F600" * 20]  # fmt: skip
    for text in samples:
        assert len(text) >= F._LONG
        want = text.translate(F._TABLE)
        assert F._translate_long(text) == want
        got = F.fold(text)
        assert len(got) == len(text)
    lone = "x\ud800" * 600  # a lone surrogate cannot be encoded: the table path
    assert F._translate_long(lone) == lone.translate(F._TABLE)


def test_iter_files_streams_in_the_order_of_sorting_every_path(tmp_path):
    """The folder walk holds one listing at a time, yet yields what sorting all paths would."""
    import random

    rng = random.Random(9)
    root = tmp_path / "c"
    names = ["a", "b", "b.txt", "B", "a-1", "a_1", "z9", "ä", "10", "2"]
    made = []
    for _ in range(120):
        parts = [rng.choice(names) for _ in range(rng.randint(0, 3))]
        f = root.joinpath(*parts, rng.choice(names) + rng.choice([".txt", ".pdf", ".TXT"]))
        if any(p.exists() and p.is_file() for p in f.parents):
            continue
        if f.exists() and f.is_dir():
            continue
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text("x")
        made.append(f)
    want = sorted({p for p in made})
    assert list(iter_files([root])) == want
    # a file reached twice (a folder and the file itself, or a hard link) comes once
    (root / "hard.txt").hardlink_to(want[0])
    got = list(iter_files([root, want[0]]))
    assert got.count(want[0]) == 1 and root / "hard.txt" not in got
