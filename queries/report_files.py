"""Files people can file: a report table as XLSX (openpyxl), DOCX (python-docx) or CSV.

The DOCX is laid out as a Vietnamese administrative report (the presentation
rules of Nghị định 30/2020/NĐ-CP): quốc hiệu and tiêu ngữ top right, the
place and date under them, the title centred in capitals, the table, then
the date the graph was read.  Times New Roman 13, A4 landscape.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

from luocdo.i18n import current, gettext
from luocdo.queries.report_tables import ReportTable

FORMATS = ("xlsx", "docx", "csv")
MEDIA_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "csv": "text/csv; charset=utf-8",
}
QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
STATUS_FILL = {"has_plan": "C6EFCE", "reported_only": "DDEBF7", "possible": "FFEB9C", "no_plan": "FFC7CE"}


def dated_line(today: date | None = None) -> str:
    d = today or date.today()
    if current() == "vi":
        return f"ngày {d.day:02d} tháng {d.month:02d} năm {d.year}"
    return d.isoformat()


def to_csv(t: ReportTable) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel opens the Vietnamese letters right."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow([c.header for c in t.columns])
    w.writerows(t.rows)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def to_xlsx(t: ReportTable, today: date | None = None) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = t.kind
    ws.append([t.title])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([t.subject])
    for line in t.summary:
        ws.append([line])
    ws.append([gettext("Read from the graph on {date}").format(date=dated_line(today))])
    ws.append([])
    header_row = ws.max_row + 1
    ws.append([c.header for c in t.columns])
    for cell in ws[header_row]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="D9D9D9")
    status_col = next((i for i, c in enumerate(t.columns) if c.kind == "status"), None)
    for n, row in enumerate(t.rows):
        ws.append([int(v) if c.kind == "number" and v.lstrip("-").isdigit() else v for c, v in zip(t.columns, row, strict=True)])
        if status_col is not None and n < len(t.statuses) and t.statuses[n] in STATUS_FILL:
            ws.cell(row=ws.max_row, column=status_col + 1).fill = PatternFill("solid", fgColor=STATUS_FILL[t.statuses[n]])
    widths = {"number": 8, "code": 22, "date": 12, "status": 24, "text": 40}
    for i, c in enumerate(t.columns, 1):
        ws.column_dimensions[get_column_letter(i)].width = widths[c.kind]
        for (cell,) in ws.iter_rows(min_row=header_row + 1, min_col=i, max_col=i):
            cell.alignment = Alignment(wrap_text=c.kind == "text", vertical="top")
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(t.columns))}{ws.max_row}"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def to_docx(t: ReportTable, today: date | None = None) -> bytes:
    from docx import Document

    doc = Document()
    _docx_page(doc)
    _docx_heading(doc, t, today)
    _docx_table(doc, t)
    _docx_paragraph(doc, gettext("Read from the graph on {date}").format(date=dated_line(today)), italic=True, right=True)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _docx_page(doc: Any) -> None:
    """Times New Roman 13, an A4 landscape page with the margins of an administrative document."""
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = Cm(29.7), Cm(21.0)
    sec.left_margin, sec.right_margin = Cm(3.0), Cm(2.0)
    sec.top_margin, sec.bottom_margin = Cm(2.0), Cm(2.0)


def _docx_run(p: Any, text: str, *, bold: bool = False, italic: bool = False, underline: bool = False,
              size: int | None = None) -> None:
    """A run of ``text`` at the end of paragraph ``p``, centred, in the given style."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = p.add_run(text)
    if bold:
        r.bold = True
    if italic:
        r.italic = True
    if underline:
        r.underline = True
    if size is not None:
        r.font.size = Pt(size)


def _docx_paragraph(doc: Any, text: str, *, right: bool = False, **style: Any) -> None:
    """A new paragraph holding ``text`` in the given style (centred, or to the right)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    p = doc.add_paragraph()
    _docx_run(p, text, **style)
    if right:
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _docx_heading(doc: Any, t: ReportTable, today: date | None) -> None:
    """The two-column head (sender; national motto and date), then the title, subject and summary."""
    head = doc.add_table(rows=1, cols=2)
    left, right = head.rows[0].cells
    _docx_run(left.paragraphs[0], "LUOCDO", bold=True, size=12)
    _docx_run(right.paragraphs[0], QUOC_HIEU, bold=True, size=12)
    _docx_run(right.add_paragraph(), TIEU_NGU, bold=True, underline=True)
    _docx_run(right.add_paragraph(), dated_line(today), italic=True)
    _docx_paragraph(doc, gettext("REPORT"), bold=True, size=14)
    _docx_paragraph(doc, t.title, bold=True)
    _docx_paragraph(doc, t.subject, italic=True)
    for line in t.summary:
        doc.add_paragraph(line)


def _docx_table(doc: Any, t: ReportTable) -> None:
    """The table: bold headers, then one row per line, in 11 points."""
    from docx.shared import Pt

    table = doc.add_table(rows=1, cols=len(t.columns))
    table.style = "Table Grid"
    for cell, c in zip(table.rows[0].cells, t.columns, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(c.header)
        run.bold = True
        run.font.size = Pt(11)
    for row in t.rows:
        cells = table.add_row().cells
        for cell, v in zip(cells, row, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(v).font.size = Pt(11)


def render(t: ReportTable, fmt: str, today: date | None = None) -> bytes:
    if fmt == "csv":
        return to_csv(t)
    if fmt == "xlsx":
        return to_xlsx(t, today)
    if fmt == "docx":
        return to_docx(t, today)
    raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")


def filename(t: ReportTable, fmt: str) -> str:
    """A file name for a download: the kind and the subject's number, safe on every system."""
    import re

    stem = re.sub(r"[^0-9A-Za-z]+", "-", t.subject.split(" (")[0]).strip("-") or "report"
    return f"{t.kind}-{stem}.{fmt}"
