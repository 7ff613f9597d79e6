"""DOCX: the text of a Word document, as a reader sees it.

Section headers first, then body paragraphs and tables in document order;
text boxes after the paragraph that holds them.  The archive is checked
against the limits (loaders.decoded) before it is read.
"""

from __future__ import annotations

import io
import zipfile

from luocdo.loaders.decoded import Decoded, brief, check_zip
from luocdo.loaders.errors import LoadError

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
        raise LoadError(source, f"corrupt or unsupported DOCX file ({brief(exc)})") from None
    text = "\n".join(lines)
    if not text.strip():
        raise LoadError(source, "no text found in the DOCX file")
    return Decoded(text, "docx")


