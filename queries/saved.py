"""The ten questions legal staff ask most, as saved Cypher with their parameters.

They are written once here, listed with explanations in ``docs/cypher.md``
(a test checks the two agree and runs every query on the embedded store),
and offered as one-click examples on the viewer's Cypher page.  They use only
what both stores read the same way: labelled relationship patterns, property
filters, ``count`` and ``ORDER BY``; dates are ISO strings, so "after a date"
is a string comparison.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class SavedQuery:
    id: str
    question_vi: str
    question_en: str
    cypher: str
    params: dict[str, Any] = field(default_factory=dict)
    #: The same question answered with its nodes and relationships (``RETURN a, r, b`` for
    #: ``(a)-[r]->(b)``), which the Cypher page draws beside the table; None when it has none.
    graph: str | None = None


SAVED: tuple[SavedQuery, ...] = (
    SavedQuery(
        "implements",
        "Văn bản nào thực hiện văn bản này?",
        "Which documents implement this one?",
        "MATCH (d:Document)-[:IMPLEMENTS]->(x:Document {key: $key})\n"
        "RETURN d.key AS key, d.display AS so_hieu, d.date AS ngay, d.issuer AS co_quan\n"
        "ORDER BY ngay, key",
        {"key": "145/KH-UBND@2025@tuyen-quang"},
        graph="MATCH (d:Document)-[r:IMPLEMENTS]->(x:Document {key: $key})\nRETURN d, r, x",
    ),
    SavedQuery(
        "based_on",
        "Văn bản nào căn cứ văn bản này?",
        "Which documents rest on this one (Căn cứ)?",
        "MATCH (d:Document)-[:BASED_ON]->(x:Document {key: $key})\n"
        "RETURN d.key AS key, d.display AS so_hieu, d.date AS ngay, d.issuer AS co_quan\n"
        "ORDER BY ngay, key",
        {"key": "145/KH-UBND@2025@tuyen-quang"},
        graph="MATCH (d:Document)-[r:BASED_ON]->(x:Document {key: $key})\nRETURN d, r, x",
    ),
    SavedQuery(
        "reports",
        "Những báo cáo nào báo cáo về văn bản này?",
        "Which reports report on this document?",
        "MATCH (r:Document)-[:REPORTS_ON]->(x:Document {key: $key})\n"
        "RETURN r.key AS key, r.display AS so_hieu, r.date AS ngay, r.issuer AS co_quan\n"
        "ORDER BY ngay, key",
        {"key": "145/KH-UBND@2025@tuyen-quang"},
        graph="MATCH (d:Document)-[r:REPORTS_ON]->(x:Document {key: $key})\nRETURN d, r, x",
    ),
    SavedQuery(
        "late",
        "Kế hoạch nào thực hiện văn bản này được ban hành sau một ngày (ví dụ hạn chót)?",
        "Which plans implementing this document were issued after a date (a deadline, say)?",
        "MATCH (d:Document)-[:IMPLEMENTS|BASED_ON]->(x:Document {key: $key})\n"
        "WHERE d.date IS NOT NULL AND d.date > $after\n"
        "RETURN d.display AS so_hieu, d.date AS ngay, d.issuer AS co_quan\n"
        "ORDER BY ngay",
        {"key": "145/KH-UBND@2025@tuyen-quang", "after": "2025-08-31"},
        graph="MATCH (d:Document)-[r:IMPLEMENTS|BASED_ON]->(x:Document {key: $key})\nWHERE d.date IS NOT NULL AND d.date > $after\nRETURN d, r, x",
    ),
    SavedQuery(
        "assigned",
        "Văn bản này giao nhiệm vụ cho những đơn vị nào (chủ trì, phối hợp)?",
        "Which units does this document assign tasks to (lead, coordinating)?",
        "MATCH (x:Document {key: $key})-[a:ASSIGNED_TO]->(o:Organization)\n"
        "RETURN o.name AS don_vi, a.role AS vai_tro, a.task AS nhiem_vu\n"
        "ORDER BY don_vi",
        {"key": "145/KH-UBND@2025@tuyen-quang"},
        graph="MATCH (x:Document {key: $key})-[a:ASSIGNED_TO]->(o:Organization)\nRETURN x, a, o",
    ),
    SavedQuery(
        "addressed",
        "Văn bản này được gửi đến những nơi nào?",
        "Who is this document addressed to?",
        "MATCH (x:Document {key: $key})-[:ADDRESSED_TO]->(o:Organization)\n"
        "RETURN o.name AS noi_nhan, o.level AS cap\n"
        "ORDER BY noi_nhan",
        {"key": "145/KH-UBND@2025@tuyen-quang"},
        graph="MATCH (x:Document {key: $key})-[a:ADDRESSED_TO]->(o:Organization)\nRETURN x, a, o",
    ),
    SavedQuery(
        "issued_by",
        "Một cơ quan đã ban hành những văn bản nào trong năm?",
        "What did an organization issue in a year?",
        "MATCH (d:Document)-[:ISSUED_BY]->(o:Organization {id: $org})\n"
        "WHERE d.year = $year\n"
        "RETURN d.display AS so_hieu, d.date AS ngay, d.title AS trich_yeu\n"
        "ORDER BY ngay",
        {"org": "province:8", "year": 2025},
        graph="MATCH (d:Document)-[r:ISSUED_BY]->(o:Organization {id: $org})\nWHERE d.year = $year\nRETURN d, r, o",
    ),
    SavedQuery(
        "most_cited",
        "Những văn bản nào được dẫn chiếu nhiều nhất?",
        "Which documents are cited most?",
        "MATCH (x:Document)<-[:CITES]-(d:Document)\n"
        "RETURN x.display AS so_hieu, x.issuer AS co_quan, count(d) AS so_lan\n"
        "ORDER BY so_lan DESC, so_hieu\n"
        "LIMIT 10",
    ),
    SavedQuery(
        "amends",
        "Những văn bản nào sửa đổi văn bản khác?",
        "Which documents amend others?",
        "MATCH (d:Document)-[:AMENDS]->(x:Document)\n"
        "RETURN d.display AS van_ban_sua_doi, x.display AS van_ban_bi_sua_doi, d.date AS ngay\n"
        "ORDER BY ngay",
        graph="MATCH (d:Document)-[r:AMENDS]->(x:Document)\nRETURN d, r, x",
    ),
    SavedQuery(
        "by_type",
        "Kho có bao nhiêu văn bản mỗi loại (đã có toàn văn)?",
        "How many documents of each type does the store hold (with their text)?",
        "MATCH (d:Document)\n"
        "WHERE d.ingested = true\n"
        "RETURN d.type AS loai, count(d) AS so_luong\n"
        "ORDER BY so_luong DESC, loai",
    ),
)
