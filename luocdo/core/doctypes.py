"""Document types: one table for the code, the Vietnamese name, the graph's node label and how each is written.

The extractor reads its type codes (in symbols: "82/KH-UBND") and type words
(before a number: "Kế hoạch số 82/…") from here, and the graph its names and
node labels; a new document type is one row below.

The order of the rows matters twice, and only there:

- the words are tried in this order, so a longer word comes before a word it
  starts with ("thông tư liên tịch" before "thông tư");
- an OCR'd code that two codes could be read from is read as the earlier one
  ("N0" as NQ rather than NĐ, "HP" as HD rather than HĐ).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DocType:
    #: The canonical code: the official abbreviation (Nghị định 30/2020/NĐ-CP, Phụ lục III), or the
    #: word itself for the types without one ("Luật", "Hiến pháp").
    code: str
    #: The name in Vietnamese ("Kế hoạch").
    name: str
    #: The node label of its documents in the graph ("Document" when they have none of their own).
    label: str = "Document"
    #: Written as a code inside symbols ("82/KH-UBND"); a công văn's symbol and a law's carry none.
    in_symbol: bool = True
    #: The word before a number, folded and OCR-tolerant (see luocdo.loaders.patterns); None when
    #: running text never names the type so.
    word: str | None = None
    #: A word only a document's own header carries ("BỘ LUẬT", "HIẾN PHÁP", "LỆNH").
    header_word: str | None = None


TYPES: tuple[DocType, ...] = (
    # named by a word before a number, in the order the words are tried
    DocType("PL", "Pháp lệnh", "Ordinance", word=r"ph[a]p\s*l[e&]nh"),
    DocType("KH", "Kế hoạch", "Plan", word=r"k[e&`]{0,2}\s*ho[a@]ch(?:\s+h[a]nh\s+d[o06]ng)?"),
    DocType("NQ", "Nghị quyết", "Resolution", word=r"ngh[i1lj]\s*quy[e&`]{0,2}t"),
    DocType("QĐ", "Quyết định", "Decision", word=r"quy[e&`]{0,2}t\s*[dpb0][i1j]nh"),
    DocType("CT", "Chỉ thị", "Directive", word=r"ch[i1lj]\s*th[i1lj]"),
    DocType("CTr", "Chương trình", "Programme", word=r"ch[uw]?[o06d]ng\s*tr[i1]nh(?:\s+h[a]nh\s+d[o06]ng)?"),
    DocType("BC", "Báo cáo", "Report", word=r"b[a]o\s*c[a]o"),
    DocType("CV", "Công văn", "OfficialLetter", in_symbol=False, word=r"c[o06e]ng\s*v[ai]n|v[a]n\s*b[a]n(?!\s*h[o0]p)"),  # "Văn bản số 12/UBND-VX"
    DocType("TB", "Thông báo", "Notice", word=r"th[o06e]ng\s*b[a]o(?:\s+k[e&]t\s+lu[a]n)?"),
    DocType("HD", "Hướng dẫn", "Guidance", word=r"h[uw]?[o06d]ng\s*d[a]n"),
    DocType("NĐ", "Nghị định", "Decree", word=r"ngh[i1lj]\s*[dpb][i1j]nh"),
    DocType("TTLT", "Thông tư liên tịch", "JointCircular", word=r"th[o06e]ng\s*t[uw]\s*li[e]n\s*t[i1j]ch"),
    DocType("TT", "Thông tư", "Circular", word=r"th[o06e]ng\s*t[uw]"),
    DocType("Luật", "Luật", "Law", in_symbol=False, word=r"lu[a]t"),
    DocType("ĐA", "Đề án", "Project", word=r"[dpb][e&]\s*[a&]n"),
    DocType("QyĐ", "Quy định", "Rule", word=r"quy\s*[dpb][i1j]nh"),
    DocType("KL", "Kết luận", "Conclusion", word=r"k[e&]t\s*lu[a]n"),
    DocType("CĐ", "Công điện", "Dispatch", word=r"c[o06e]ng\s*[dp]i[e&]n"),
    DocType("TTr", "Tờ trình", "Submission", word=r"t[o06]\s*tr[i1]nh"),
    # written as a code in symbols only
    DocType("QC", "Quy chế", "Regulation", header_word=r"quy\s*ch[e&]"),  # "QUY CHẾ / … / (Ban hành kèm theo …)"
    DocType("TC", "Thông cáo", "Communique"),
    DocType("PA", "Phương án", "Scheme", header_word=r"ph[uw]?[o06d]ng\s*[a]n"),
    DocType("DA", "Dự án", "Project"),
    DocType("BB", "Biên bản", "Minutes"),
    DocType("HĐ", "Hợp đồng", "Contract"),
    DocType("GM", "Giấy mời", "Invitation"),
    DocType("GUQ", "Giấy ủy quyền"),
    DocType("GGT", "Giấy giới thiệu"),
    DocType("GNP", "Giấy nghỉ phép"),
    DocType("PG", "Phiếu gửi"),
    DocType("PC", "Phiếu chuyển"),
    DocType("PB", "Phiếu báo"),
    DocType("VBHN", "Văn bản hợp nhất", "ConsolidatedText"),
    # named only in a document's own header
    DocType("Bộ luật", "Bộ luật", "Code", in_symbol=False, header_word=r"b[o06]\s*lu[a]t"),
    DocType("Hiến pháp", "Hiến pháp", "Constitution", in_symbol=False, header_word=r"hi[e&]n\s*ph[a]p"),
    DocType("Lệnh", "Lệnh", "Order", in_symbol=False, header_word=r"l[e&]nh"),
)

BY_CODE: dict[str, DocType] = {t.code: t for t in TYPES}
