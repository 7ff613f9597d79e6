"""Exports (Turtle/JSON-LD on ELI, GraphML, node-link JSON, neo4j-admin CSV) and to_networkx."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx
import pytest
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, ORG
from typer.testing import CliRunner

from luocdo.graph import nx as gnx
from luocdo.graph.delta import EdgeRow, GraphDelta, NodeClaim
from luocdo.graph.export import ELI, ExportError, export, render, to_rdf, write_neo4j_csv
from luocdo.graph.ladybug_store import LadybugStore
from luocdo.graph.schema import REL_TABLES
from tests.conftest import STORES
from tests.corpora import ACTIVE

XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")
EVIDENCE = {"file": "/c/a.txt", "start": 5, "end": 20, "derived": False}


def _graph_deltas() -> list[GraphDelta]:
    """A small graph that uses every relation, dates good and bad, quotes and newlines."""
    a_nodes = (
        NodeClaim.of("Document", "82/KH-UBND@2025@quang-ngai",
                     {"type": "KH", "kind": "Plan", "display": "82/KH-UBND", "date": "2025-04-17", "year": 2025,
                      "title": 'Kế hoạch "chuyển đổi số"\nnăm 2025', "issuer_id": "province:51",
                      "province_code": "51"}, own=True),
        NodeClaim.of("Document", "57-NQ/TW@2024", {"type": "NQ", "kind": "Resolution", "display": "57-NQ/TW",
                                                   "date": "2024-12-22", "year": 2024}),
        NodeClaim.of("Document", "18-NQ/TW@?", {"type": "NQ", "kind": "Resolution", "date": "2017-13-45"}),
        NodeClaim.of("Document", "1/QĐ-TTg@2020", {"type": "QĐ", "kind": "Decision"}),
        NodeClaim.of("Organization", "province:51", {"name": "Quảng Ngãi", "level": "province", "code": "51"}),
        NodeClaim.of("Organization", "commune:21349", {"name": "Xã Sơn Mai", "level": "commune", "code": "21349"}),
        NodeClaim.of("Organization", "former:province:kon-tum", {"name": "Kon Tum", "level": "province", "code": "44"}),
    )
    a_edges = (
        EdgeRow.of("IMPLEMENTS", "82/KH-UBND@2025@quang-ngai", "57-NQ/TW@2024",
                   {**EVIDENCE, "doc": "82/KH-UBND@2025@quang-ngai", "sentence": "Thực hiện Nghị quyết số 57-NQ/TW"}),
        EdgeRow.of("CITES", "82/KH-UBND@2025@quang-ngai", "18-NQ/TW@?",
                   {**EVIDENCE, "doc": "82/KH-UBND@2025@quang-ngai", "sentence": "it's \"quoted\"; a\\b"}),
        EdgeRow.of("BASED_ON", "82/KH-UBND@2025@quang-ngai", "1/QĐ-TTg@2020",
                   {**EVIDENCE, "doc": "82/KH-UBND@2025@quang-ngai", "sentence": "Căn cứ"}),
        EdgeRow.of("AMENDS", "1/QĐ-TTg@2020", "18-NQ/TW@?",
                   {**EVIDENCE, "doc": "82/KH-UBND@2025@quang-ngai", "sentence": "sửa đổi", "derived": True}),
        EdgeRow.of("REPEALS", "82/KH-UBND@2025@quang-ngai", "223/KH-UBND@2024@quang-ngai",
                   {**EVIDENCE, "doc": "82/KH-UBND@2025@quang-ngai", "sentence": "bãi bỏ Kế hoạch số 223/KH-UBND"}),
        EdgeRow.of("CONSOLIDATES", "82/KH-UBND@2025@quang-ngai", "1/QĐ-TTg@2020",
                   {**EVIDENCE, "doc": "82/KH-UBND@2025@quang-ngai", "sentence": "hợp nhất"}),
        EdgeRow.of("ISSUED_BY", "82/KH-UBND@2025@quang-ngai", "province:51", {"raw": "UBND tỉnh"}),
        EdgeRow.of("ADDRESSED_TO", "82/KH-UBND@2025@quang-ngai", "commune:21349", {"raw": "UBND xã Sơn Mai"}),
        EdgeRow.of("ASSIGNED_TO", "82/KH-UBND@2025@quang-ngai", "commune:21349",
                   {"raw": "UBND xã", "role": "lead", "task": "Tuyên truyền", "start": 1, "end": 2}),
        EdgeRow.of("ASSIGNED_TO", "82/KH-UBND@2025@quang-ngai", "commune:21349",
                   {"raw": "UBND xã", "role": "coordinating", "task": "Báo cáo"}),
        EdgeRow.of("PART_OF", "commune:21349", "province:51"),
        EdgeRow.of("SUCCEEDED_BY", "former:province:kon-tum", "province:51"),
    )
    b_nodes = (
        NodeClaim.of("Document", "BC@2025@quang-ngai/son-mai#abc", {"type": "BC", "kind": "Report",
                                                                   "issuer_id": "commune:21349"}, own=True),
        NodeClaim.of("Document", "82/KH-UBND@2025@quang-ngai", {"type": "KH", "date": "2025-04-18"}),
    )
    b_edges = (EdgeRow.of("REPORTS_ON", "BC@2025@quang-ngai/son-mai#abc", "82/KH-UBND@2025@quang-ngai",
                          {**EVIDENCE, "doc": "BC@2025@quang-ngai/son-mai#abc", "sentence": "Báo cáo kết quả"}),)
    return [GraphDelta("a", "/c/a.txt", "h", "82/KH-UBND@2025@quang-ngai", a_nodes, a_edges),
            GraphDelta("b", "/c/b.txt", "h", "BC@2025@quang-ngai/son-mai#abc", b_nodes, b_edges)]


@pytest.fixture(scope="module")
def lb_export_store(tmp_path_factory: pytest.TempPathFactory):
    s = LadybugStore(tmp_path_factory.mktemp("export") / "g.db")
    s.apply(_graph_deltas())
    yield s
    s.close()


@pytest.fixture(scope="module")
def neo4j_export_store(neo4j_server):
    s = neo4j_server.store(read_only=True)
    yield s
    s.close()


@pytest.fixture(params=STORES)
def store(request, lb_export_store):
    """The same small graph on each store (reloaded into Neo4j when another test used it meanwhile)."""
    if request.param == "ladybug":
        return lb_export_store
    request.getfixturevalue("neo4j_server").holding("export", lambda s: s.apply(_graph_deltas()))
    return request.getfixturevalue("neo4j_export_store")


@pytest.mark.neo4j
def test_every_format_is_the_same_from_both_stores(lb_export_store, neo4j_server, neo4j_export_store,
                                                   tmp_path: Path) -> None:
    neo4j_server.holding("export", lambda s: s.apply(_graph_deltas()))
    lb, neo = lb_export_store, neo4j_export_store
    assert isomorphic(to_rdf(lb), to_rdf(neo))
    assert render(lb, "json") == render(neo, "json")
    assert gnx.to_networkx(lb).nodes(data=True) == gnx.to_networkx(neo).nodes(data=True)
    counts = {name: write_neo4j_csv(s, tmp_path / name) for name, s in (("lb", lb), ("neo", neo))}
    assert counts["lb"] == counts["neo"]
    for f in sorted((tmp_path / "lb").glob("*.csv")):
        if f.name == "sources.csv":  # all but the time of ingest
            when = _read(tmp_path / "lb" / "sources_header.csv")[0].index("ingested_at:string")
            assert ([r[:when] for r in _read(f)] == [r[:when] for r in _read(tmp_path / "neo" / f.name)])
            continue
        assert sorted(_read(f)) == sorted(_read(tmp_path / "neo" / f.name)), f.name
    assert (tmp_path / "lb" / "import.sh").read_text() == (tmp_path / "neo" / "import.sh").read_text()


def doc_iri(key: str) -> URIRef:
    from urllib.parse import quote

    return URIRef("urn:luocdo:doc/" + quote(key, safe="@-._~"))


# ---------------------------------------------------------------------------
# RDF
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(("fmt", "rdflib_format"), [("turtle", "turtle"), ("jsonld", "json-ld")])
def test_rdf_round_trips_to_an_isomorphic_graph(store, fmt: str, rdflib_format: str) -> None:
    g = to_rdf(store)
    back = Graph().parse(data=render(store, fmt).decode(), format=rdflib_format)
    assert len(back) == len(g) > 50
    assert isomorphic(g, back)


def test_rdf_uses_eli(store) -> None:
    g = to_rdf(store)
    plan, nq = doc_iri("82/KH-UBND@2025@quang-ngai"), doc_iri("57-NQ/TW@2024")
    assert (plan, RDF.type, ELI.LegalResource) in g
    assert (plan, ELI.applies, nq) in g
    assert not list(g.triples((None, ELI.implements, None)))  # deprecated
    assert (plan, ELI.based_on, doc_iri("1/QĐ-TTg@2020")) in g
    assert (plan, ELI.cites, doc_iri("18-NQ/TW@?")) in g
    assert (doc_iri("1/QĐ-TTg@2020"), ELI.amends, doc_iri("18-NQ/TW@?")) in g
    assert (doc_iri("82/KH-UBND@2025@quang-ngai"), ELI.repeals, doc_iri("223/KH-UBND@2024@quang-ngai")) in g
    assert (doc_iri("82/KH-UBND@2025@quang-ngai"), ELI.consolidates, doc_iri("1/QĐ-TTg@2020")) in g
    assert (doc_iri("BC@2025@quang-ngai/son-mai#abc"), ELI.related_to, plan) in g
    assert (plan, ELI.date_document, Literal("2025-04-17", datatype=XSD_DATE)) in g  # own text wins
    assert not list(g.triples((doc_iri("18-NQ/TW@?"), ELI.date_document, None)))  # 2017-13-45 is no date
    assert (plan, ELI.id_local, Literal("82/KH-UBND")) in g
    province, commune = URIRef("urn:luocdo:org/province:51"), URIRef("urn:luocdo:org/commune:21349")
    assert (plan, ELI.passed_by, province) in g
    assert (URIRef("urn:luocdo:org/former:province:kon-tum"), DCTERMS.isReplacedBy, province) in g
    assert (plan, ELI.relevant_for, province) in g
    assert (doc_iri("BC@2025@quang-ngai/son-mai#abc"), ELI.relevant_for, commune) in g
    assert (commune, ORG.subOrganizationOf, province) in g
    type_kh = next(g.objects(plan, ELI.type_document))
    assert Literal("Kế hoạch", lang="vi") in set(g.objects(type_kh, URIRef("http://www.w3.org/2004/02/skos/core#prefLabel")))
    # Evidence of every document-to-document edge, with its sentence.
    sentences = {str(o) for o in g.objects(None, URIRef("urn:luocdo:ontology#sentence"))}
    assert "it's \"quoted\"; a\\b" in sentences and len(sentences) == 7
    conflicts = json.loads(str(next(g.objects(plan, URIRef("urn:luocdo:ontology#conflicts")))))
    assert conflicts == {"date": ["2025-04-17", "2025-04-18"]}


def test_corpus_rdf(tmp_path: Path, corpus_dir: Path) -> None:
    from luocdo.pipeline import ingest

    with LadybugStore(tmp_path / "s.db") as s:
        ingest(s, [str(corpus_dir)], workers=1)
        g = to_rdf(s)
        assert isomorphic(g, Graph().parse(data=render(s, "turtle").decode(), format="turtle"))
    party_plan = "359-KH/TU" if ACTIVE.is_seeds else "09-KH/TU"  # the Party's plan implementing 57-NQ/TW
    tu = next(g.subjects(ELI.id_local, Literal(party_plan)))
    nq = next(g.subjects(ELI.id_local, Literal("57-NQ/TW")))
    assert (tu, ELI.applies, nq) in g
    assert len(set(g.subjects(ELI.cites, nq)) | set(g.subjects(ELI.applies, nq))) >= 3


# ---------------------------------------------------------------------------
# networkx, GraphML, node-link JSON
# ---------------------------------------------------------------------------


def test_to_networkx_whole_and_subgraph(store, monkeypatch: pytest.MonkeyPatch) -> None:
    g = gnx.to_networkx(store)
    stats = store.stats()
    assert g.number_of_nodes() == stats["documents"] + stats["organizations"]
    assert g.number_of_edges() == stats["edges"]
    assert g.nodes["82/KH-UBND@2025@quang-ngai"]["label"] == "Document"
    assert "claims" not in g.nodes["82/KH-UBND@2025@quang-ngai"]
    assert len(g.get_edge_data("82/KH-UBND@2025@quang-ngai", "commune:21349")) == 3  # ADDRESSED_TO + 2 tasks
    monkeypatch.setattr(gnx, "PAGE", 2)  # pages of two rows: the walk must still see everything
    paged = gnx.to_networkx(store)
    assert sorted(paged.edges(data="relation")) == sorted(g.edges(data="relation"))
    sub = gnx.to_networkx(store, ["82/KH-UBND@2025@quang-ngai", "57-NQ/TW@2024", "province:51"])
    assert set(sub.nodes) == {"82/KH-UBND@2025@quang-ngai", "57-NQ/TW@2024", "province:51"}
    assert sorted(r for _, _, r in sub.edges(data="relation")) == ["IMPLEMENTS", "ISSUED_BY"]


def test_graphml(store, tmp_path: Path) -> None:
    export(store, "graphml", tmp_path / "g.graphml")
    g = networkx.read_graphml(tmp_path / "g.graphml")
    stats = store.stats()
    assert g.number_of_nodes() == stats["documents"] + stats["organizations"]
    assert g.number_of_edges() == stats["edges"]
    assert json.loads(g.nodes["82/KH-UBND@2025@quang-ngai"]["sources"]) == ["/c/a.txt", "/c/b.txt"]
    assert g.nodes["82/KH-UBND@2025@quang-ngai"]["year"] == 2025


def test_node_link_json(store) -> None:
    data = json.loads(render(store, "json"))
    g = networkx.node_link_graph(data, edges="edges")
    assert g.is_directed() and g.is_multigraph()
    assert g.number_of_edges() == store.stats()["edges"]
    # every relation the fixture holds (it asks no plan or report of a unit: EXPECTS is tested in test_overdue.py)
    assert {d["relation"] for _, _, d in g.edges(data=True)} == set(REL_TABLES) - {"EXPECTS"}


# ---------------------------------------------------------------------------
# neo4j-admin CSV
# ---------------------------------------------------------------------------


def _read(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def test_neo4j_csv(store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gnx, "PAGE", 3)  # streamed a page at a time
    out = tmp_path / "csv"
    counts = write_neo4j_csv(store, out)
    stats = store.stats()
    assert counts["documents.csv"] == stats["documents"]
    assert counts["organizations.csv"] == stats["organizations"]
    assert counts["sources.csv"] == stats["sources"]
    for rel in REL_TABLES:
        assert counts[f"{rel.lower()}.csv"] == stats[rel], rel
    doc_header = _read(out / "documents_header.csv")[0]
    assert doc_header[0] == "key:ID(Document)" and doc_header[-1] == ":LABEL"
    assert {"year:long", "ingested:boolean", "sources:string[]"} <= set(doc_header)
    assert _read(out / "organizations_header.csv")[0][0] == "id:ID(Organization)"
    assert _read(out / "assigned_to_header.csv")[0] == [
        ":START_ID(Document)", ":END_ID(Organization)", "origin:string", "raw:string", "role:string",
        "task:string", "timeframe:string", "start:long", "end:long", "members:string", ":TYPE"]
    assert _read(out / "part_of_header.csv")[0][:2] == [":START_ID(Organization)", ":END_ID(Organization)"]
    docs = {r[0]: r for r in _read(out / "documents.csv")}
    assert all(len(r) == len(doc_header) for r in docs.values())
    assert docs["82/KH-UBND@2025@quang-ngai"][-1] == "Document;Plan"
    assert docs["1/QĐ-TTg@2020"][-1] == "Document;Decision"
    plan = dict(zip(doc_header, docs["82/KH-UBND@2025@quang-ngai"], strict=True))
    assert plan["title:string"] == 'Kế hoạch "chuyển đổi số"\nnăm 2025'  # multiline field survives
    assert plan["sources:string[]"] == "/c/a.txt;/c/b.txt"
    cites = _read(out / "cites.csv")
    assert cites[0][-1] == "CITES" and cites[0][:2] == ["82/KH-UBND@2025@quang-ngai", "18-NQ/TW@?"]
    script = (out / "import.sh").read_text()
    assert "--nodes=documents_header.csv,documents.csv" in script
    assert "--relationships=part_of_header.csv,part_of.csv" in script and script.count("--relationships=") == len(REL_TABLES)


def test_neo4j_csv_needs_a_folder(store, tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x")
    with pytest.raises(ExportError, match="not a directory"):
        write_neo4j_csv(store, tmp_path / "f")
    with pytest.raises(ExportError, match="folder"):
        render(store, "neo4j-csv")
    with pytest.raises(ExportError, match="unknown export format"):
        render(store, "xml")


# ---------------------------------------------------------------------------
# the command
# ---------------------------------------------------------------------------


def test_cli_export(tmp_path: Path) -> None:
    from luocdo.api.cli import app

    db = tmp_path / "g.db"
    with LadybugStore(db) as s:
        s.apply(_graph_deltas())
    runner = CliRunner()
    res = runner.invoke(app, ["export", "turtle", "--db", str(db)])
    assert res.exit_code == 0, res.output
    assert "eli:applies" in res.stdout
    res = runner.invoke(app, ["export", "jsonld", "-o", str(tmp_path / "g.jsonld"), "--db", str(db)])
    assert res.exit_code == 0 and len(Graph().parse(tmp_path / "g.jsonld", format="json-ld")) > 50
    res = runner.invoke(app, ["export", "neo4j-csv", "-o", str(tmp_path / "csv"), "--db", str(db)])
    assert res.exit_code == 0 and (tmp_path / "csv" / "import.sh").exists()
    res = runner.invoke(app, ["export", "neo4j-csv", "--db", str(db)])
    assert res.exit_code == 2 and "-o DIR" in res.output
    res = runner.invoke(app, ["export", "turtle", "--db", str(tmp_path / "missing.db")])
    assert res.exit_code == 2 and "no database" in res.output
