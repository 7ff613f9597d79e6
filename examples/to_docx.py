"""Write the example corpus's Word document from its plain-text source.

    .venv/bin/python examples/to_docx.py

``examples/sources/docx/NAME.txt`` becomes ``examples/corpus/NAME.docx``.  In the source,
lines with " | " are rows of a two-column table (the header blocks, and "Nơi nhận" beside
the signature, the way agencies lay them out in Word); a line "===" ends the header table;
every other non-empty line is one paragraph.  The output is byte-for-byte reproducible
(fixed core properties and zip timestamps), so re-running it does not change the file's hash.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

HERE = Path(__file__).resolve().parent


def build(src: Path, dst: Path) -> None:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    rows: list[list[str]] = []

    def flush() -> None:
        if not rows:
            return
        table = doc.add_table(rows=len(rows), cols=2)
        for i, (a, b) in enumerate(rows):
            table.cell(i, 0).text = a
            table.cell(i, 1).text = b
        rows.clear()

    for line in src.read_text(encoding="utf-8").splitlines():
        if " | " in line or line.endswith(" |"):
            a, _, b = line.partition(" |")
            rows.append([a.strip(), b.strip()])
            continue
        flush()
        if line.strip() in ("", "==="):
            continue
        p = doc.add_paragraph(line)
        if line.isupper() or line.startswith(("Triển khai", "KẾ HOẠCH")):
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    flush()
    fixed = dt.datetime(2025, 8, 20, 8, 0, 0)
    cp = doc.core_properties
    cp.author = cp.last_modified_by = "luocdo example corpus"
    cp.created = cp.modified = fixed
    cp.revision = 1
    buf = io.BytesIO()
    doc.save(buf)
    _freeze_zip(buf.getvalue(), dst, fixed)


def _freeze_zip(data: bytes, dst: Path, when: dt.datetime) -> None:
    """Rewrite the .docx archive with one fixed timestamp on every member."""
    src = zipfile.ZipFile(io.BytesIO(data))
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            z = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            z.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(z, src.read(info.filename))


def main() -> int:
    for src in sorted((HERE / "sources" / "docx").glob("*.txt")):
        dst = HERE / "corpus" / (src.stem + ".docx")
        build(src, dst)
        print(f"{src.name} → {dst.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
