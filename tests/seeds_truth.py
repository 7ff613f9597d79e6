"""Our own annotation of the five seed documents, made by reading them.

For each seed: the document's identity, and every instrument a careful
reader finds, as (display id, date or None, relation).  Laws cited by name
are listed by their canonical name.  Derived edges: (source, relation, target).
"""

SEEDS = {
    "000_80b4f3f4a8875029.txt": {
        "document": {"type": "KH", "number": None, "year": 2025, "date": None,
                     "issuer": "Văn phòng UBND tỉnh", "level": "department", "province": "Quảng Ngãi"},
        "references": [
            ("82/KH-UBND", "2025-04-17", "implements"),
            ("67/KH-UBND", "2025-04-03", "implements"),
            ("57-NQ/TW", "2024-12-22", "cites"),
            ("74/NQ-CP", "2025-04-07", "cites"),
            ("66/NQ-CP", "2025-03-26", "cites"),
            ("1546/QĐ-UBND", "2024-12-04", "cites"),
            ("223/KH-UBND", "2024-11-15", "cites"),
            ("81/KH-UBND", "2025-04-14", "cites"),
            ("766/QĐ-TTg", "2022-06-23", "cites"),
        ],
        "derived": [("81/KH-UBND", "implements", "66/NQ-CP")],
    },
    "001_37bfc7306d558759.txt": {
        "document": {"type": "KH", "number": "272", "symbol": "KH-SKHCN", "year": 2022, "date": "2022-03-15",
                     "issuer": "Sở Khoa học và Công nghệ", "level": "department", "province": "Quảng Ngãi"},
        "references": [
            ("34/KH-UBND", "2022-03-03", "implements"),
            ("305/HD-STTTT", "2022-03-15", "based_on"),
            ("76/NQ-CP", "2021-07-15", "cites"),
            ("04-NQ/TU", "2021-10-18", "cites"),
            ("93/NQ-HĐND", "2021-12-08", "cites"),
            ("649/QĐ-UBND", "2021-07-26", "cites"),
            ("1256/QĐ-UBND", "2021-12-22", "cites"),
            ("93/QĐ-UBND", "2022-01-24", "cites"),
            ("119/KH-UBND", "2020-10-09", "cites"),
            ("169/KH-UBND", "2021-12-09", "cites"),
        ],
        "derived": [],
    },
    "002_ec9dfb82eb2a2281.txt": {
        "document": {"type": "KH", "number": "12", "symbol": "KH-UBND", "year": 2025, "date": "2025-08-05",
                     "issuer": "Xã Sơn Mai", "level": "commune", "province": "Quảng Ngãi"},
        "references": [
            ("1256/QĐ-UBND", "2021-12-22", "based_on"),
            ("393/QĐ-UBND", "2025-07-14", "based_on"),
            ("121/QĐ-UBND", "2025-07-23", "based_on"),
            ("57-NQ/TW", "2024-12-22", "cites"),
            ("07/CT-TTg", "2025-03-14", "cites"),
            ("13-NQ/TU", "2023-09-06", "cites"),
            ("29-CT/TU", "2023-04-24", "cites"),
            ("906/QĐ-UBND", "2022-07-11", "cites"),
            ("122/KH-UBND", "2022-08-02", "cites"),
            ("166/KH-UBND", "2022-10-17", "cites"),
            ("38/KH-UBND", "2024-02-20", "cites"),
            ("1588/QĐ-TTg", "2024-12-17", "cites"),
            ("05/CT-UBND", "2022-03-24", "cites"),
            ("141/KH-BCĐTKNQ18", "2024-12-06", "cites"),
            ("18-NQ/TW", None, "cites"),
            ("19-NQ/TW", "2017-10-25", "cites"),
            ("05-KH/TU", "2025-07-20", "cites"),
            ("02-KH/BCĐTW", None, "cites"),
            ("Luật Tổ chức chính quyền địa phương", None, "cites"),
            ("Luật Ngân sách nhà nước", None, "cites"),
        ],
        "derived": [("38/KH-UBND", "implements", "13-NQ/TU")],
    },
    "003_032d32de84dc821b.txt": {
        "document": {"type": "BC", "number": None, "symbol": "BC-UBND", "year": 2025, "date": None,
                     "issuer": "Đặc khu Lý Sơn", "level": "commune", "province": "Quảng Ngãi"},
        "references": [
            ("82/KH-UBND", "2025-04-17", "reports_on"),
            ("38/KH-UBND", None, "cites"),
            ("57-NQ/TW", "2024-12-22", "cites"),
            ("71/NQ-CP", "2025-04-01", "cites"),
            ("359-KH/TU", "2025-04-29", "cites"),
            ("327/QĐ-UBND", "2025-05-26", "cites"),
            ("07/CT-TTg", "2025-03-14", "cites"),
            ("13-NQ/TU", "2023-09-06", "cites"),
            ("04-NQ/TU", "2021-10-18", "cites"),
            ("93/NQ-HĐND", "2021-12-08", "cites"),
        ],
        "derived": [
            ("38/KH-UBND", "implements", "82/KH-UBND"),
            ("327/QĐ-UBND", "implements", "71/NQ-CP"),
            ("327/QĐ-UBND", "implements", "359-KH/TU"),
            ("359-KH/TU", "implements", "57-NQ/TW"),
        ],
    },
    "004_341287f61a7bd3b1.txt": {
        "document": {"type": "KH", "number": None, "year": 2025, "date": "2025-07-29",
                     "issuer": "Xã Bắc Ruộng", "level": "commune", "province": "Lâm Đồng"},
        "references": [
            ("438/KH-UBND", "2025-07-22", "implements"),
            ("76/NQ-CP", "2021-07-15", "cites"),
            ("23/CT-TTg", "2021-09-02", "cites"),
            ("Luật Tổ chức Chính phủ", None, "cites"),
            ("Luật Tổ chức chính quyền địa phương", None, "cites"),
        ],
        "derived": [],
    },
}
