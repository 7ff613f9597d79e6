"""The graph out of the store: RDF on the ELI ontology, GraphML, node-link JSON, Neo4j import CSV.

RDF (``turtle``, ``jsonld``) follows the European Legislation Identifier
ontology where it has a term, and a small luocdo vocabulary for the rest:

=================  ===========================================================
document           ``eli:LegalResource`` (plus ``luo:<Kind>``, e.g. luo:Plan)
IMPLEMENTS         ``eli:applies`` (``eli:implements`` is deprecated)
BASED_ON           ``eli:based_on``
CITES              ``eli:cites``
AMENDS             ``eli:amends``
REPEALS            ``eli:repeals``
CONSOLIDATES       ``eli:consolidates``
REPORTS_ON         ``eli:related_to``
issuer             ``eli:passed_by`` → the organisation
date, number       ``eli:date_document`` (xsd:date), ``eli:id_local``
type               ``eli:type_document`` → a skos:Concept per type code
locality           ``eli:relevant_for`` → the province / commune
evidence           a ``luo:Evidence`` per document-to-document edge
organisations      ``foaf:Organization``; PART_OF is ``org:subOrganizationOf``,
                   SUCCEEDED_BY (a unit of before July 2025) ``dcterms:isReplacedBy``
=================  ===========================================================

Resource IRIs are ``<base>doc/<key>`` and ``<base>org/<id>`` (percent-encoded);
the default base is a URN, since luocdo publishes no resolver.

``neo4j-csv`` writes header and data files per node label and relationship
type, streamed from the store, for ``neo4j-admin database import full``
(the command is written beside them in ``import.sh``).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote

import networkx
from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, SKOS

from luocdo.core.dates import iso_date
from luocdo.graph.cypher_dialect import PRIMARY_KEYS, columns
from luocdo.graph.nx import iter_edges, iter_nodes, keyset_rows, to_networkx
from luocdo.graph.schema import DOC_TYPES, REL_TABLES, type_name
from luocdo.graph.store import Store

ELI = Namespace("http://data.europa.eu/eli/ontology#")
DEFAULT_BASE = "urn:luocdo:"
FORMATS = ("turtle", "jsonld", "graphml", "json", "neo4j-csv")

#: Document-to-document relations → ELI properties.
ELI_RELS = {
    "IMPLEMENTS": ELI.applies,
    "BASED_ON": ELI.based_on,
    "CITES": ELI.cites,
    "AMENDS": ELI.amends,
    "REPEALS": ELI.repeals,
    "CONSOLIDATES": ELI.consolidates,
    "REPORTS_ON": ELI.related_to,
}



class ExportError(Exception):
    """An export could not be written; the message says why."""


# ---------------------------------------------------------------------------
# RDF
# ---------------------------------------------------------------------------


class _Iris:
    def __init__(self, base: str) -> None:
        self.base = base
        self.luo = Namespace(base + "ontology#")

    def doc(self, key: str) -> URIRef:
        return URIRef(f"{self.base}doc/{quote(key, safe='@-._~')}")

    def org(self, org_id: str) -> URIRef:
        return URIRef(f"{self.base}org/{quote(org_id, safe=':-._~')}")

    def type(self, code: str) -> URIRef:
        return URIRef(f"{self.base}type/{quote(code, safe='')}")

    def node(self, table: str, key: str) -> URIRef:
        return self.doc(key) if table == "Document" else self.org(key)

    def minted(self, kind: str, *parts: Any) -> URIRef:
        digest = hashlib.sha1(json.dumps(parts, ensure_ascii=False, default=str).encode()).hexdigest()[:16]
        return URIRef(f"{self.base}{kind}/{digest}")


def _date(value: str) -> Literal | None:
    """An xsd:date literal for a stored date that is a whole, valid date."""
    if iso_date(value) is None or len(value) != 10:
        return None
    return Literal(value, datatype=XSD.date)


def _relevant_units(props: dict[str, Any]) -> list[str]:
    """Organisation ids of the administrative units a document is for."""
    out = []
    if props.get("province_code"):
        out.append(f"province:{props['province_code']}")
    issuer = props.get("issuer_id") or ""
    m = re.match(r"^(?:commune|unit):(\d+)", issuer)
    if m:
        out.append(f"commune:{m.group(1)}")
    return out


def to_rdf(store: Store, *, base: str = DEFAULT_BASE) -> Graph:
    """The graph as RDF triples on the ELI ontology."""
    iri = _Iris(base)
    g = Graph()
    for prefix, namespace in (("eli", ELI), ("luo", iri.luo), ("foaf", FOAF), ("org", ORG), ("skos", SKOS)):
        g.bind(prefix, namespace)
    org_ids = {key for table, key, _props in iter_nodes(store) if table == "Organization"}
    types_seen: set[str] = set()
    for table, key, props in iter_nodes(store):
        if table == "Document":
            types_seen.update(_rdf_document(g, iri, key, props, org_ids))
        else:
            _rdf_organization(g, iri, key, props)
    for code in sorted(types_seen):
        _rdf_type(g, iri, code)
    for rel, src, dst, props in iter_edges(store):
        _rdf_edge(g, iri, rel, src, dst, props)
    return g


def _rdf_document(g: Graph, iri: _Iris, key: str, props: dict[str, Any], org_ids: set[str]) -> set[str]:
    """A document as an eli:LegalResource; returns the type code it uses (for the type list)."""
    luo, s = iri.luo, iri.node("Document", key)
    g.add((s, RDF.type, ELI.LegalResource))
    g.add((s, RDF.type, luo[props.get("kind") or "Document"]))
    g.add((s, luo.key, Literal(key)))
    if props.get("display"):
        g.add((s, ELI.id_local, Literal(props["display"])))
    if props.get("type"):
        g.add((s, ELI.type_document, iri.type(props["type"])))
    if props.get("date") and (d := _date(props["date"])) is not None:
        g.add((s, ELI.date_document, d))
    if props.get("title"):
        g.add((s, ELI.title, Literal(props["title"], lang="vi")))
    for unit in _relevant_units(props):
        if unit in org_ids:
            g.add((s, ELI.relevant_for, iri.org(unit)))
    for name in ("number", "symbol", "issuer", "level", "province", "date_not_before", "conflicts"):
        if props.get(name) is not None:
            g.add((s, luo[name], Literal(props[name])))
    if props.get("year") is not None:
        g.add((s, luo.year, Literal(int(props["year"]), datatype=XSD.integer)))
    g.add((s, luo.ingested, Literal(bool(props.get("ingested")))))
    for src in props.get("sources") or []:
        g.add((s, luo.source, Literal(src)))
    return {props["type"]} if props.get("type") else set()


def _rdf_organization(g: Graph, iri: _Iris, key: str, props: dict[str, Any]) -> None:
    s = iri.node("Organization", key)
    g.add((s, RDF.type, FOAF.Organization))
    g.add((s, iri.luo.id, Literal(key)))
    if props.get("name"):
        g.add((s, SKOS.prefLabel, Literal(props["name"], lang="vi")))
    for name in ("level", "kind", "province", "province_code", "code"):
        if props.get(name) is not None:
            g.add((s, iri.luo[name], Literal(props[name])))


def _rdf_type(g: Graph, iri: _Iris, code: str) -> None:
    """A document type as a SKOS concept."""
    t = iri.type(code)
    g.add((t, RDF.type, SKOS.Concept))
    g.add((t, SKOS.notation, Literal(code)))
    name = type_name(code)
    if name:
        g.add((t, SKOS.prefLabel, Literal(name, lang="vi")))


#: Edges that are one triple, by their relation (the ELI relations and ASSIGNED_TO carry more).
_PLAIN_RELS = {"ISSUED_BY": ELI.passed_by, "PART_OF": ORG.subOrganizationOf, "SUCCEEDED_BY": DCTERMS.isReplacedBy}


def _rdf_edge(g: Graph, iri: _Iris, rel: str, src: str, dst: str, props: dict[str, Any]) -> None:
    """One edge: its triple, and for a relation between documents its evidence, for an
    assignment its task."""
    luo = iri.luo
    src_t, dst_t, _ = REL_TABLES[rel]
    s, o = iri.node(src_t, src), iri.node(dst_t, dst)
    if rel in ELI_RELS:
        g.add((s, ELI_RELS[rel], o))
        _rdf_evidence(g, iri, rel, src, dst, props, s, o)
    elif rel in _PLAIN_RELS:
        g.add((s, _PLAIN_RELS[rel], o))
    elif rel == "ADDRESSED_TO":
        g.add((s, luo.addressedTo, o))
    elif rel == "EXPECTS":  # a plan or report asked of the unit, by a day or every period
        g.add((s, luo.expects, o))
        a = iri.minted("duty", src, dst, sorted(props.items()))
        g.add((a, RDF.type, luo.Duty))
        g.add((a, luo.document, s))
        g.add((a, luo.organization, o))
        for name in ("kind", "members", "to_raw", "timeframe", "due", "period", "raw", "sentence", "origin"):
            if props.get(name) is not None:
                g.add((a, luo[name], Literal(props[name])))
    elif rel == "ASSIGNED_TO":
        g.add((s, luo.assignedTo, o))
        a = iri.minted("assignment", src, dst, sorted(props.items()))
        g.add((a, RDF.type, luo.Assignment))
        g.add((a, luo.document, s))
        g.add((a, luo.organization, o))
        for name in ("role", "task", "timeframe", "raw", "origin"):
            if props.get(name) is not None:
                g.add((a, luo[name], Literal(props[name])))


def _rdf_evidence(g: Graph, iri: _Iris, rel: str, src: str, dst: str, props: dict[str, Any],
                  s: URIRef, o: URIRef) -> None:
    """The evidence of a relation between documents: file, span and sentence."""
    luo = iri.luo
    ev = iri.minted("evidence", rel, src, dst, sorted(props.items()))
    g.add((ev, RDF.type, luo.Evidence))
    g.add((ev, luo.subject, s))
    g.add((ev, luo.relation, Literal(rel)))
    g.add((ev, luo.object, o))
    for name in ("origin", "doc", "file", "sentence"):
        if props.get(name) is not None:
            g.add((ev, luo[name], Literal(props[name])))
    for name in ("start", "end"):
        if props.get(name) is not None:
            g.add((ev, luo[name], Literal(int(props[name]), datatype=XSD.integer)))
    g.add((ev, luo.derived, Literal(bool(props.get("derived")))))


# ---------------------------------------------------------------------------
# networkx-based formats
# ---------------------------------------------------------------------------


def _scalar_graph(g: networkx.MultiDiGraph) -> networkx.MultiDiGraph:
    """A copy whose attributes GraphML can hold: lists and dicts become JSON strings."""

    def fix(attrs: dict[str, Any]) -> dict[str, Any]:
        return {k: (json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict | tuple) else v)
                for k, v in attrs.items() if v is not None}

    out = networkx.MultiDiGraph()
    out.add_nodes_from((n, fix(a)) for n, a in g.nodes(data=True))
    out.add_edges_from((u, v, k, fix(a)) for u, v, k, a in g.edges(keys=True, data=True))
    return out


def write_graphml(store: Store, out: IO[bytes]) -> None:
    networkx.write_graphml(_scalar_graph(to_networkx(store)), out, encoding="utf-8")


def node_link(store: Store) -> dict[str, Any]:
    return networkx.node_link_data(to_networkx(store), edges="edges")


# ---------------------------------------------------------------------------
# neo4j-admin import CSV
# ---------------------------------------------------------------------------

_CSV_TYPES = {"STRING": "string", "INT64": "long", "BOOLEAN": "boolean", "STRING[]": "string[]"}
ARRAY_DELIMITER = ";"
#: (file stem, node table) — Source and Identity nodes too, so an imported database keeps ingesting
#: incrementally (with the keys each instrument is known under).
CSV_NODE_FILES = (
    ("documents", "Document"), ("organizations", "Organization"), ("sources", "Source"), ("identities", "Identity"),
)


def _csv_value(value: Any, typ: str) -> Any:
    if value is None:
        return ""
    if typ == "BOOLEAN":
        return "true" if value else "false"
    if typ == "STRING[]":
        return ARRAY_DELIMITER.join(str(x).replace(ARRAY_DELIMITER, ",") for x in value)
    return value


def _write_csv(path: Path, rows: Iterator[list[Any]]) -> int:
    n = 0
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        for row in rows:
            w.writerow(row)
            n += 1
    return n


def write_neo4j_csv(store: Store, outdir: str | Path) -> dict[str, int]:
    """Header + data files for ``neo4j-admin database import full``; returns rows per file."""
    out = Path(outdir)
    if out.exists() and not out.is_dir():
        raise ExportError(f"{out}: exists and is not a directory (neo4j-csv writes a folder)")
    out.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    node_args: list[str] = []
    rel_args: list[str] = []
    for stem, table in CSV_NODE_FILES:
        cols = columns(table)
        pk = PRIMARY_KEYS[table]
        names = list(cols)
        header = [f"{pk}:ID({table})" if c == pk else f"{c}:{_CSV_TYPES[t]}" for c, t in cols.items()] + [":LABEL"]
        _write_csv(out / f"{stem}_header.csv", iter([header]))

        def rows(table: str = table, names: list[str] = names, cols: dict[str, str] = cols) -> Iterator[list[Any]]:
            for r in keyset_rows(store, table, names):
                label = table
                if table == "Document":
                    kind = r.get("kind") or "Document"
                    label = "Document" if kind == "Document" else f"Document;{kind}"
                yield [_csv_value(r.get(c), cols[c]) for c in names] + [label]

        counts[f"{stem}.csv"] = _write_csv(out / f"{stem}.csv", rows())
        node_args.append(f"--nodes={stem}_header.csv,{stem}.csv")
    for rel, (src_t, dst_t, props) in REL_TABLES.items():
        stem = rel.lower()
        header = [f":START_ID({src_t})", f":END_ID({dst_t})"]
        header += [f"{c}:{_CSV_TYPES[t]}" for c, t in props.items()] + [":TYPE"]
        _write_csv(out / f"{stem}_header.csv", iter([header]))

        def rel_rows(rel: str = rel, props: dict[str, str] = props) -> Iterator[list[Any]]:
            for r, s, d, p in iter_edges(store, rels=(rel,)):
                yield [s, d] + [_csv_value(p.get(c), t) for c, t in props.items()] + [r]

        counts[f"{stem}.csv"] = _write_csv(out / f"{stem}.csv", rel_rows())
        rel_args.append(f"--relationships={stem}_header.csv,{stem}.csv")
    script = [
        "#!/bin/sh",
        "# Load these files into an empty Neo4j database (stop it first), from this folder:",
        "neo4j-admin database import full ${1:-neo4j} \\",
        f"  --array-delimiter='{ARRAY_DELIMITER}' --multiline-fields=true --overwrite-destination=true \\",
        *[f"  {a} \\" for a in node_args + rel_args],
        "",
        "# then create the constraints luocdo expects (luocdo does it when it connects).",
    ]
    script[-3] = script[-3].rstrip(" \\")
    (out / "import.sh").write_text("\n".join(script) + "\n", encoding="utf-8")
    return counts


# ---------------------------------------------------------------------------
# one entry point
# ---------------------------------------------------------------------------


def render(store: Store, fmt: str, *, base: str = DEFAULT_BASE) -> bytes:
    """The export in one of the single-file formats, as bytes."""
    if fmt in ("turtle", "jsonld"):
        g = to_rdf(store, base=base)
        return g.serialize(format="turtle" if fmt == "turtle" else "json-ld", encoding="utf-8")
    if fmt == "json":
        return json.dumps(node_link(store), ensure_ascii=False, indent=1, default=str).encode()
    if fmt == "graphml":
        buf = io.BytesIO()
        write_graphml(store, buf)
        return buf.getvalue()
    if fmt == "neo4j-csv":
        raise ExportError("neo4j-csv writes a folder: give it with -o DIR")
    raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")


def export(store: Store, fmt: str, out: str | Path, *, base: str = DEFAULT_BASE) -> dict[str, int]:
    """Write ``fmt`` to the file ``out`` (neo4j-csv: the folder); returns what was written."""
    if fmt == "neo4j-csv":
        return write_neo4j_csv(store, out)
    data = render(store, fmt, base=base)
    try:
        Path(out).write_bytes(data)
    except OSError as e:
        raise ExportError(f"{out}: cannot write: {e.strerror or e}") from e
    return {str(out): len(data)}


#: Every type label a document can carry in the CSV export (for checks).
DOCUMENT_LABELS = frozenset({"Document"} | {label for _n, label in DOC_TYPES.values()})
