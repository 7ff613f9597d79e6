"""The graph's shape: one place that says which nodes, edges and properties exist.

Both stores (LadybugDB, Neo4j) create their schema from these tables, the
exports walk them, and the queries rely on them.  Property types use the
LadybugDB vocabulary; Neo4j ignores them.
"""

from __future__ import annotations

from luocdo.core.doctypes import TYPES

# Document types: official abbreviation → (Vietnamese name, node label), read from the one table.
DOC_TYPES: dict[str, tuple[str, str]] = {t.code: (t.name, t.label) for t in TYPES}


def type_label(type_code: str) -> str:
    return DOC_TYPES.get(type_code, ("", "Document"))[1] or "Document"


def type_name(type_code: str) -> str:
    return DOC_TYPES.get(type_code, (type_code, ""))[0]


# Relations between documents (the extractor's relation → edge label).
DOC_RELS: dict[str, str] = {
    "implements": "IMPLEMENTS",
    "based_on": "BASED_ON",
    "cites": "CITES",
    "reports_on": "REPORTS_ON",
    "amends": "AMENDS",
    "repeals": "REPEALS",
    "consolidates": "CONSOLIDATES",
}
DOC_REL_LABELS: tuple[str, ...] = tuple(DOC_RELS.values())

# Relations from documents to organizations, and between organizations.
ORG_RELS: tuple[str, ...] = ("ISSUED_BY", "ADDRESSED_TO", "ASSIGNED_TO")
#: SUCCEEDED_BY: a unit that no longer exists (a province merged, a district abolished on
#: 1 July 2025, a department merged into another on 1 March 2025) → the unit(s) of today that took it over.
ORG_ORG_RELS: tuple[str, ...] = ("PART_OF", "SUCCEEDED_BY")

LEVELS: tuple[str, ...] = ("central", "party", "ministry", "province", "district", "department", "commune")

NODE_TABLES: dict[str, dict[str, str]] = {
    "Document": {
        "key": "STRING",  # primary key, see luocdo.core.keys
        "type": "STRING",  # KH, QĐ, NQ …
        "kind": "STRING",  # Plan, Decision, Resolution … (a Neo4j label too)
        "number": "STRING",
        "symbol": "STRING",
        "display": "STRING",  # "82/KH-UBND" as people write it
        "date": "STRING",  # ISO date or null
        "year": "INT64",
        "date_not_before": "STRING",  # for undated documents: latest date they cite
        "title": "STRING",
        "issuer": "STRING",  # issuer name
        "issuer_id": "STRING",  # Organization.id
        "level": "STRING",  # level of the issuer
        "province": "STRING",  # registry province name, e.g. "Quảng Ngãi"
        "province_code": "STRING",
        "ingested": "BOOLEAN",  # its own text was ingested (vs only cited)
        "sources": "STRING[]",  # files of its own text, then up to 20 of the files citing it
        "conflicts": "STRING",  # JSON: {property: [values…]} where sources disagree
        "claims": "STRING",  # JSON of graph.delta.DocClaims (own claims, citers' votes); merged into the above
        "search": "STRING",  # folded text for diacritic-insensitive search
        "subject": "STRING",  # subject words of the title (luocdo.core.subjects), compared by gaps
    },
    "Organization": {
        "id": "STRING",  # primary key: "province:51", "commune:21337", "dept:51:so-noi-vu", "central:chinh-phu"
        "name": "STRING",
        "level": "STRING",  # central | party | ministry | province | department | commune
        "kind": "STRING",  # tỉnh, xã, phường, đặc khu, sở, tỉnh ủy, bộ …
        "province": "STRING",
        "province_code": "STRING",
        "code": "STRING",  # registry code for provinces and communes
        "search": "STRING",
    },
    "Source": {
        "id": "STRING",  # primary key: stable id of the file (path relative to the ingest root)
        "path": "STRING",
        "hash": "STRING",  # sha256 of the file's bytes
        "doc_key": "STRING",
        "delta": "STRING",  # the GraphDelta it contributed (GraphDelta.pack), to replace it exactly
        "ingested_at": "STRING",
    },
    # Bookkeeping of graph.identity: which keys name one instrument, per identity group.
    "Identity": {
        "grp": "STRING",  # primary key: "57-NQ/TW", "Luật:dat-dai" (graph.keys.ident_group)
        "state": "STRING",  # JSON of graph.identity.Group: files naming each key, links, canonical keys
    },
}

# Every edge carries its provenance: which source contributed it (origin), the
# document whose text states it (doc), the span and the sentence.
EVIDENCE_PROPS: dict[str, str] = {
    "origin": "STRING",  # Source.id that contributed the edge
    "doc": "STRING",  # key of the document whose text states it
    "file": "STRING",  # path of that document's file
    "start": "INT64",
    "end": "INT64",
    "sentence": "STRING",
    "derived": "BOOLEAN",  # stated inside a citation rather than by the document itself
    "flag": "STRING",  # why the edge is not drawn as stated (e.g. based on a document issued after it)
}

REL_TABLES: dict[str, tuple[str, str, dict[str, str]]] = {
    **{rel: ("Document", "Document", EVIDENCE_PROPS) for rel in DOC_REL_LABELS},
    "ISSUED_BY": ("Document", "Organization", {"origin": "STRING", "raw": "STRING"}),
    "ADDRESSED_TO": (
        "Document",
        "Organization",
        {
            "origin": "STRING",
            "raw": "STRING",
            "purpose": "STRING",  # act | inform ("để b/c", "để biết"); null: act
            "members": "STRING",  # a collective ("UBND các xã, phường"): which members of the unit (registry_groups.MEMBERS)
            "file": "STRING",
            "start": "INT64",
            "end": "INT64",
            "sentence": "STRING",  # the line of Nơi nhận / Kính gửi
        },
    ),
    "ASSIGNED_TO": (
        "Document",
        "Organization",
        {
            "origin": "STRING",
            "raw": "STRING",
            "role": "STRING",  # lead | coordinating
            "task": "STRING",
            "timeframe": "STRING",
            "start": "INT64",
            "end": "INT64",
            "members": "STRING",  # a collective ("Ủy ban nhân dân các xã, phường"), as for ADDRESSED_TO
        },
    ),
    # A plan or report the document asks of a unit, by a day or every period ("báo cáo kết quả
    # về … trước ngày 15/11/2025"); ``members`` as for ADDRESSED_TO when the unit is a collective.
    "EXPECTS": (
        "Document",
        "Organization",
        {
            "origin": "STRING",
            "raw": "STRING",
            "kind": "STRING",  # plan | report
            "members": "STRING",
            "to_raw": "STRING",  # to whom, as written
            "to_id": "STRING",  # Organization.id of it, when known
            "timeframe": "STRING",  # as written
            "due": "STRING",  # ISO day; null for a periodic duty
            "period": "STRING",  # month | quarter | half-year | year
            "file": "STRING",
            "start": "INT64",
            "end": "INT64",
            "sentence": "STRING",
        },
    ),
    "PART_OF": ("Organization", "Organization", {"origin": "STRING"}),
    "SUCCEEDED_BY": ("Organization", "Organization", {"origin": "STRING"}),
}
