"""Uploads that expand: a zip bomb as .docx, an archive of many parts, a PDF page whose stream
decodes to a gigabyte, more scanned pages than OCR may take.  Each is refused while decompressing
(:class:`TooLarge`) within a second and without the memory it asks for; through the real server
the answer is 413 with a message that says why, and nothing changes.  Accepted uploads are removed
once ingested unless ``LUOCDO_KEEP_UPLOADS`` keeps them.
"""

from __future__ import annotations

import io
import resource
import struct
import time
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from luocdo.loaders.errors import LoadError, TooLarge
from luocdo.loaders.formats import read_docx, read_pdf
from tests.test_api import NEW_PLAN, SEEDS, TOKEN, build_seeds_db, running_server


def deflate_bomb(mb: int) -> bytes:
    """Raw deflate data that expands to ``mb`` MiB of "A": one flushed block of 1 MiB, repeated.

    After a full flush a block refers to nothing before it, so the same bytes can follow
    themselves; building a gigabyte's worth takes milliseconds.
    """
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = c.compress(b"A" * 2**20) + c.flush(zlib.Z_FULL_FLUSH)
    return block * mb + c.flush(zlib.Z_FINISH)


def zip_with(members: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip of (name, raw deflate data, declared size, CRC) members, written by hand so a member's
    data can be a bomb (its CRC is never reached: the check stops first)."""
    out, central = io.BytesIO(), io.BytesIO()
    for name, data, size, crc in members:
        offset = out.tell()
        fname = name.encode()
        head = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(data), size, len(fname), 0)
        out.write(head + fname + data)
        central.write(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc, len(data), size,
                                  len(fname), 0, 0, 0, 0, 0, offset) + fname)
    cd = central.getvalue()
    n = len(members)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, n, n, len(cd), out.tell(), 0)
    return out.getvalue() + cd + end


def docx_bomb(mb: int) -> bytes:
    types = zlib.compressobj(9, zlib.DEFLATED, -15)
    ct = b'<?xml version="1.0"?><Types/>'
    return zip_with([("[Content_Types].xml", types.compress(ct) + types.flush(), len(ct), zlib.crc32(ct)),
                     ("word/document.xml", deflate_bomb(mb), mb * 2**20, 0)])


def pdf_with_content(stream: bytes, pages: int = 1) -> bytes:
    """A PDF of ``pages`` pages, each drawing ``stream`` (FlateDecode), no text layer."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(pages))
    objs.append(f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode())
    for i in range(pages):
        objs.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {4 + 2 * i} 0 R >>".encode())
        objs.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objs, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % n + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref))
    return out.getvalue()


def zlib_bomb(mb: int) -> bytes:
    """zlib-wrapped (what FlateDecode reads) ``mb`` MiB of "A"."""
    return b"\x78\x9c" + deflate_bomb(mb)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --------------------------------------------------------------------------- the readers


def test_a_docx_bomb_is_refused_early() -> None:
    data = docx_bomb(1024)  # a gigabyte of XML in one element, about 1 MB on the wire
    assert len(data) < 2 * 2**20
    before = peak_mb()
    t = time.process_time()  # CPU, not the clock: what the refusal costs, however busy the machine
    with pytest.raises(TooLarge, match="decompression bomb"):
        read_docx(data, "bomb.docx")
    assert time.process_time() - t < 1.0
    assert peak_mb() - before < 100


def test_too_many_parts_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for i in range(1200):
            z.writestr(f"word/part{i}.xml", "<x/>")
    with pytest.raises(TooLarge, match="1,200 parts"):
        read_docx(buf.getvalue(), "many.docx")
    monkeypatch.setenv("LUOCDO_MAX_ZIP_PARTS", "2000")
    with pytest.raises(LoadError) as e:  # under the limit: read, and found not to be a document
        read_docx(buf.getvalue(), "many.docx")
    assert not isinstance(e.value, TooLarge)


def test_a_pdf_stream_bomb_is_refused_before_rendering() -> None:
    data = pdf_with_content(zlib_bomb(2048))  # a 2 GB content stream
    assert len(data) < 3 * 2**20
    before = peak_mb()
    t = time.monotonic()
    with pytest.raises(TooLarge, match="page 1: a page content stream decodes to more than 64 MB"):
        read_pdf(data, "bomb.pdf")
    assert time.monotonic() - t < 2.0
    assert peak_mb() - before < 150


def test_too_many_pages_to_ocr_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    c = zlib.compressobj()
    blank = c.compress(b"q Q") + c.flush()
    monkeypatch.setenv("LUOCDO_MAX_OCR_PAGES", "3")
    with pytest.raises(TooLarge, match="4 pages have no text layer"):
        read_pdf(pdf_with_content(blank, pages=4), "scans.pdf")


# --------------------------------------------------------------------------- the real server

pytestmark_server = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"no seeds at {SEEDS}")


@pytest.fixture(scope="module")
def upload_server(tmp_path_factory) -> Iterator[tuple[httpx.Client, Path]]:
    if not SEEDS.is_dir():
        pytest.skip(f"no seeds at {SEEDS}")
    folder = tmp_path_factory.mktemp("upload-limits")
    db = build_seeds_db(folder)
    env = {"LUOCDO_API_TOKEN": TOKEN, "LUOCDO_UPLOAD_DIR": str(folder / "uploads")}
    with running_server(db, **env) as client:
        yield client, folder / "uploads"


def test_ingested_uploads_are_removed_by_default(upload_server) -> None:
    client, uploads = upload_server
    r = client.post("/documents", files=[("files", ("kh-77.txt", NEW_PLAN.encode()))],
                    headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 200, r.text
    assert r.json()["added"] == 1
    assert not any(p.is_file() for p in uploads.rglob("*"))


def test_server_answers_413_to_a_bomb_and_changes_nothing(upload_server) -> None:
    client, uploads = upload_server
    before = client.get("/healthz").json()["stats"]
    bomb = docx_bomb(1024)
    server = _server_process(client)
    t = sum(server.cpu_times()[:2])  # the server's CPU, not the clock: the machine may be busy
    r = client.post("/documents", files=[("files", ("bomb.docx", bomb))],
                    headers={"Authorization": f"Bearer {TOKEN}"})
    assert sum(server.cpu_times()[:2]) - t < 1.0
    assert r.status_code == 413, r.text
    err = r.json()["error"]
    assert "over a size limit" in err["message"] and "decompression bomb" in err["failed"][0]
    assert client.get("/healthz").json()["stats"] == before
    assert not any(p.is_file() for p in uploads.rglob("*"))


def _server_process(client: httpx.Client):
    """The ``luocdo serve`` process (a child of this one) that ``client`` talks to."""
    psutil = pytest.importorskip("psutil")
    port = str(client.base_url.port)
    for child in psutil.Process().children(recursive=True):
        args = child.cmdline()
        if "serve" in args and "--port" in args and args[args.index("--port") + 1] == port:
            return child
    raise AssertionError(f"no luocdo serve on port {port} among this process's children")
