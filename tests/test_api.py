"""The HTTP API as a client sees it: the real server (``luocdo serve`` under
uvicorn, on a loopback port) over a store built from the five seeds (or, when
they are absent, examples/corpus: the documents asked about come from the
corpus profile in tests/corpora.py).

Each query endpoint must answer exactly what the CLI answers (``luocdo
implements … --json`` etc., run as a separate process against the same
file while the server holds it); the endpoints the CLI has no command for
are checked against the query functions on a read-only store.  Writes are
checked on a second server over a copy of the store: /cypher refuses them and
changes nothing, uploads need the token, stay under the size limit, are all
or nothing, and an accepted document shows up in the answers.

Every test runs twice: the servers over the LadybugDB file, then over the real
Neo4j server holding the same seeds, where the answers must still be those of
the CLI on the LadybugDB file.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest

from tests.conftest import STORES
from tests.corpora import ACTIVE as C

ROOT = Path(__file__).resolve().parents[1]
SEEDS = C.folder  # the test corpus: the seeds, else examples/corpus
TOKEN = "s3cret-token-for-tests"
TARGET = C.target  # the provincial plan the corpus implements and reports on
TARGET_KEY = C.target_key

CLI = [sys.executable, "-c", "from luocdo.api.cli import app; app()"]


# --------------------------------------------------------------------------- helpers (shared with test_api_schema)


def build_seeds_db(folder: Path) -> Path:
    from luocdo.graph.store import open_store
    from luocdo.pipeline import ingest

    db = folder / "seeds.db"
    store = open_store(str(db))
    try:
        report = ingest(store, [SEEDS])
    finally:
        store.close()
    assert not report.failed, report.failed
    return db


def copy_db(db: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / db.name
    for suffix in ("", ".wal"):
        src = Path(str(db) + suffix)
        if src.exists():
            shutil.copy(src, str(out) + suffix)
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_server(db: Path | None, *, neo4j: str | None = None, **env: str) -> Iterator[httpx.Client]:
    """``luocdo serve`` over ``db`` (or the Neo4j at ``neo4j``) on a free loopback port; a client for it."""
    port = free_port()
    where = ["--neo4j", neo4j] if neo4j else ["--db", str(db)]
    cmd = [*CLI, "serve", "--host", "127.0.0.1", "--port", str(port), *where, "--log-level", "warning"]
    full_env = {k: v for k, v in os.environ.items() if not k.startswith(("LUOCDO_", "NEO4J_"))}
    full_env.update(env)
    proc = subprocess.Popen(cmd, env=full_env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                out = proc.stdout.read().decode(errors="replace") if proc.stdout else ""
                pytest.fail(f"luocdo serve exited with {proc.returncode}:\n{out}")
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("luocdo serve did not answer /healthz within 60 s")
            time.sleep(0.1)
        with httpx.Client(base_url=base, timeout=30) as client:
            yield client
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def cli_json(*args: str) -> object:
    r = subprocess.run([*CLI, *args, "--json"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert r.returncode == 0, f"luocdo {' '.join(args)}: {r.stderr}"
    return json.loads(r.stdout)


def path_key(key: str) -> str:
    """A key as it goes into a path: URL form, the rest percent-encoded."""
    from luocdo.core.keys import url_key

    return quote(url_key(key), safe="~@")


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory) -> Path:
    return build_seeds_db(tmp_path_factory.mktemp("api-seeds"))


@pytest.fixture(scope="module", params=STORES)
def backend(request) -> str:
    """The store under the servers of this module: "ladybug", then "neo4j"."""
    return request.param


def _ensure(request: pytest.FixtureRequest, backend: str, content: str) -> None:
    """On Neo4j, the server's one database holds the seeds (``content`` names who writes to them)."""
    if backend == "neo4j":
        from tests.conftest import ingest_seeds

        request.getfixturevalue("neo4j_server").holding(content, lambda s: ingest_seeds(s, SEEDS))


@pytest.fixture(scope="module")
def api_server(request, backend: str, seeds_db: Path) -> Iterator[httpx.Client]:
    """The read-only checks' server: uploads off, the seeds' store as built."""
    if backend == "ladybug":
        with running_server(seeds_db) as client:
            yield client
        return
    _ensure(request, backend, "seeds")
    with running_server(None, neo4j=request.getfixturevalue("neo4j_server").uri) as client:
        yield client


@pytest.fixture(scope="module")
def rw_server(request, backend: str, seeds_db: Path, tmp_path_factory) -> Iterator[tuple[httpx.Client, Path]]:
    """A server over a copy of the store (on Neo4j: the seeds loaded again), a token, a 1 MB upload limit."""
    folder = tmp_path_factory.mktemp("api-rw")
    env = {"LUOCDO_API_TOKEN": TOKEN, "LUOCDO_MAX_UPLOAD_MB": "1", "LUOCDO_UPLOAD_DIR": str(folder / "uploads"),
           "LUOCDO_KEEP_UPLOADS": "1",
           "LUOCDO_CYPHER_PER_MINUTE": "100000"}  # reads during an upload are counted, not rate-limited
    if backend == "ladybug":
        with running_server(copy_db(seeds_db, folder), **env) as client:
            yield client, folder / "uploads"
        return
    _ensure(request, backend, "api-rw")
    with running_server(None, neo4j=request.getfixturevalue("neo4j_server").uri, **env) as client:
        yield client, folder / "uploads"


@pytest.fixture
def api(request, backend: str, api_server: httpx.Client) -> httpx.Client:
    _ensure(request, backend, "seeds")
    return api_server


@pytest.fixture
def rw(request, backend: str, rw_server: tuple[httpx.Client, Path]) -> tuple[httpx.Client, Path]:
    _ensure(request, backend, "api-rw")  # what earlier uploads of this module added stays
    return rw_server


@pytest.fixture(scope="module")
def ro_store_open(request, backend: str, seeds_db: Path, api_server):  # after the server opened the file
    from luocdo.graph.store import open_store

    if backend == "ladybug":
        store = open_store(str(seeds_db), read_only=True)  # a second, read-only open
    else:
        store = request.getfixturevalue("neo4j_server").store(read_only=True)
    yield store
    store.close()


@pytest.fixture
def ro_store(api, ro_store_open):
    return ro_store_open


def auth(token: str = TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


# --------------------------------------------------------------------------- same answers as the CLI

K = path_key(TARGET_KEY)

CLI_CASES = [
    # (CLI arguments, API path)
    (["implements", TARGET], f"/documents/{K}/implementers"),
    (["implements", TARGET, "--transitive"], f"/documents/{K}/implementers?transitive=true"),
    (["implements", TARGET, "--transitive", "--depth", "2"], f"/documents/{K}/implementers?transitive=true&depth=2"),
    (["implements", C.central, "--transitive"], f"/documents/{path_key(C.central_key)}/implementers?transitive=true"),
    (["basis", C.basis], f"/documents/{path_key(C.basis_key)}/basis"),
    (["basis", C.basis_name, "--depth", "3"], f"/documents/{C.basis_url_name}/basis?depth=3"),
    (["trace", TARGET], f"/documents/{K}/trace"),
    (["trace", C.central], f"/documents/{path_key(C.central_key)}/trace"),
    (["gaps", TARGET], f"/documents/{K}/gaps"),
    (["gaps", C.with_recipients, "--scope", "recipients"],
     f"/documents/{path_key(C.with_recipients_key)}/gaps?scope=recipients"),
    (["gaps", TARGET, "--scope", "national"], f"/documents/{K}/gaps?scope=national"),
    (["show", TARGET], f"/documents/{K}"),
    (["show", C.central], f"/documents/{path_key(C.central_key)}"),
]


@pytest.mark.parametrize(("args", "path"), CLI_CASES, ids=[" ".join(a) for a, _ in CLI_CASES])
def test_same_answer_as_the_cli(api: httpx.Client, seeds_db: Path, args: list[str], path: str) -> None:
    r = api.get(path)
    assert r.status_code == 200, r.text
    assert r.json() == cli_json(*args, "--db", str(seeds_db))


ERROR_CASES = [
    # (CLI arguments, API path, status): the CLI fails with the message the API gives
    (["gaps", C.no_recipients, "--scope", "recipients"],
     f"/documents/{path_key(C.no_recipients_key)}/gaps?scope=recipients", 400),
    (["implements", "9999/QĐ-XYZ 1990"], "/documents/9999~QĐ-XYZ%201990/implementers", 404),
    pytest.param(["show", C.ambiguous], f"/documents/{path_key(C.ambiguous)}", 409,
                 marks=pytest.mark.skipif(not C.ambiguous, reason=f"no ambiguous name in the {C.name} corpus")),
]


@pytest.mark.parametrize(("args", "path", "status"), ERROR_CASES, ids=["gaps recipients", "implements unknown", "show ambiguous"])
def test_same_refusal_as_the_cli(api: httpx.Client, seeds_db: Path, args: list[str], path: str,
                                 status: int) -> None:
    r = api.get(path)
    assert r.status_code == status, r.text
    err = r.json()["error"]
    assert err["status"] == status
    cli = subprocess.run([*CLI, *args, "--db", str(seeds_db), "--json"], capture_output=True, text=True,
                         cwd=ROOT, timeout=120)
    assert cli.returncode != 0
    said = " ".join(cli.stderr.split())
    if status == 409:  # the CLI lists the candidates as a table
        assert all(c["key"] in cli.stderr for c in err["candidates"])
    else:
        assert " ".join(err["message"].split())[:60] in said


def test_cypher_same_rows_as_the_cli(api: httpx.Client, seeds_db: Path) -> None:
    query = "MATCH (d:Document)-[r:IMPLEMENTS]->(t:Document {key: $k}) RETURN d.key AS doc, r.sentence AS s ORDER BY doc"
    r = api.post("/cypher", json={"query": query, "params": {"k": TARGET_KEY}})
    assert r.status_code == 200, r.text
    expected = cli_json("cypher", query, "--param", f"k={TARGET_KEY}", "--db", str(seeds_db))
    assert r.json() == expected
    assert r.json()["columns"] == ["doc", "s"] and r.json()["rows"]


def test_healthz_counts_are_the_cli_stats(api: httpx.Client, seeds_db: Path, backend: str) -> None:
    r = api.get("/healthz")
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "ok" and body["dialect"] == backend
    assert body["uploads"] is False  # no token configured
    assert body["stats"] == cli_json("stats", "--db", str(seeds_db))


# --------------------------------------------------------------------------- the endpoints without a CLI command


def test_resolve_one_and_none(api: httpx.Client, ro_store) -> None:
    from luocdo.queries import resolve

    r = api.get("/resolve", params={"name": TARGET})
    assert r.status_code == 200
    assert r.json() == resolve(ro_store, TARGET).model_dump(mode="json")
    assert r.json()["key"] == TARGET_KEY and r.json()["url_key"] == C.target_url_key
    # the URL form resolves too
    assert api.get("/resolve", params={"name": C.target_url_key}).json()["key"] == TARGET_KEY

    r = api.get("/resolve", params={"name": "9999/QĐ-XYZ 1990"})
    assert r.status_code == 404
    assert r.json()["error"]["status"] == 404 and isinstance(r.json()["error"]["candidates"], list)


def test_resolve_ambiguous_lists_the_candidates(api: httpx.Client, ro_store) -> None:
    from luocdo.queries import Ambiguous, resolve

    C.needs_ambiguous()
    r = api.get("/resolve", params={"name": C.ambiguous})  # e.g. Quảng Ngãi 2024 and Lý Sơn 2025
    assert r.status_code == 409
    with pytest.raises(Ambiguous) as e:
        resolve(ro_store, C.ambiguous)
    err = r.json()["error"]
    assert err["status"] == 409
    assert [c["key"] for c in err["candidates"]] == [c.key for c in e.value.candidates]
    assert len(err["candidates"]) == len(C.ambiguous_keys)


def test_unknown_document_is_404_with_candidates(api: httpx.Client) -> None:
    r = api.get(f"/documents/{C.target_url_key.replace('@2025@', '@2031@')}/implementers")
    assert r.status_code == 404
    err = r.json()["error"]
    assert "candidates" in err and err["message"]


def test_ambiguous_name_in_a_path_is_409(api: httpx.Client) -> None:
    C.needs_ambiguous()
    r = api.get(f"/documents/{path_key(C.ambiguous)}/gaps")
    assert r.status_code == 409
    assert {c["key"] for c in r.json()["error"]["candidates"]} == C.ambiguous_keys


def test_documents_pages_cover_every_document_once(api: httpx.Client, ro_store) -> None:
    from luocdo.queries import list_documents

    keys: list[str] = []
    cursor = None
    for _ in range(100):
        params = {"limit": 7, **({"cursor": cursor} if cursor else {})}
        page = api.get("/documents", params=params)
        assert page.status_code == 200, page.text
        body = page.json()
        keys += [d["key"] for d in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert len(keys) == len(set(keys)) == ro_store.stats()["documents"]
    filtered = api.get("/documents", params={"q": "chuyển đổi số", "type": "KH", "year": 2025})
    assert filtered.status_code == 200
    expected = list_documents(ro_store, q="chuyển đổi số", type="KH", year=2025)
    assert filtered.json() == expected.model_dump(mode="json")
    assert api.get("/documents", params={"cursor": "not-a-cursor"}).status_code == 400


def test_organization_and_its_documents(api: httpx.Client, ro_store) -> None:
    from luocdo.queries import organization, organization_documents

    card = api.get(f"/documents/{K}").json()
    org_id = next(o["org"]["id"] for o in card["organizations"] if o["relation"] == "ISSUED_BY")
    r = api.get(f"/organizations/{org_id}")
    assert r.status_code == 200
    assert r.json() == organization(ro_store, org_id).model_dump(mode="json")
    r = api.get(f"/organizations/{org_id}/documents")
    assert r.status_code == 200
    assert r.json() == [d.model_dump(mode="json") for d in organization_documents(ro_store, org_id)]
    assert TARGET_KEY in {d["doc"]["key"] for d in r.json()}
    for path in ("/organizations/province:00", "/organizations/province:00/documents"):
        r = api.get(path)
        assert r.status_code == 404 and r.json()["error"]["status"] == 404


def test_graph_is_the_subgraph(api: httpx.Client, ro_store) -> None:
    from luocdo.queries import subgraph

    r = api.get("/graph", params={"center": C.target_url_key, "depth": 2,
                                  "relations": "IMPLEMENTS,BASED_ON"})
    assert r.status_code == 200
    expected = subgraph(ro_store, TARGET_KEY, depth=2, relations=["IMPLEMENTS", "BASED_ON"])
    assert r.json() == expected.model_dump(mode="json")
    assert {e["relation"] for e in r.json()["edges"]} <= {"IMPLEMENTS", "BASED_ON"}
    assert r.json()["edges"]
    # the human form and a name give the same graph
    assert api.get("/graph", params={"center": TARGET_KEY, "relations": "BASED_ON,IMPLEMENTS"}).json() == r.json()
    bad = api.get("/graph", params={"center": TARGET_KEY, "relations": "IMPLEMENTS,LIKES"})
    assert bad.status_code == 400 and "LIKES" in bad.json()["error"]["message"]


@pytest.mark.parametrize(
    ("path", "status"),
    [
        (f"/documents/{K}/implementers?depth=0", 422),
        (f"/documents/{K}/implementers?depth=11", 422),
        (f"/documents/{K}/implementers?transitive=maybe", 422),
        (f"/documents/{K}/gaps?scope=planet", 422),
        ("/documents?limit=0", 422),
        ("/documents?year=abc", 422),
        ("/resolve", 422),
        ("/graph", 422),
        ("/no/such/route", 404),
    ],
)
def test_bad_parameters(api: httpx.Client, path: str, status: int) -> None:
    r = api.get(path)
    assert r.status_code == status
    assert r.json()["error"]["status"] == status and r.json()["error"]["message"]


def test_root_serves_the_viewer_and_docs_exist(api: httpx.Client) -> None:
    r = api.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "luocdo" in r.text and "<script src=\"http" not in r.text
    assert api.get("/docs").status_code == 200
    paths = api.get("/openapi.json").json()["paths"]
    for p in ("/documents", "/documents/{key}", "/documents/{key}/implementers", "/documents/{key}/basis",
              "/documents/{key}/trace", "/documents/{key}/gaps", "/organizations/{org_id}",
              "/organizations/{org_id}/documents", "/resolve", "/graph", "/cypher", "/healthz"):
        assert p in paths, p
    assert "post" in paths["/documents"]


# --------------------------------------------------------------------------- /cypher limits and refusals


def test_cypher_caps_rows_and_reports_truncation(api: httpx.Client) -> None:
    r = api.post("/cypher", json={"query": "MATCH (d:Document) RETURN d.key AS k ORDER BY k", "limit": 3})
    assert r.status_code == 200
    assert len(r.json()["rows"]) == 3 and r.json()["truncated"] is True
    assert api.post("/cypher", json={"query": "RETURN 1 AS one", "limit": 10**6}).status_code == 422
    assert api.post("/cypher", json={"query": "RETURN 1", "timeout_s": 0}).status_code == 422
    r = api.post("/cypher", json={"query": "MATCH (d:Document RETURN d"})
    assert r.status_code == 400 and r.json()["error"]["message"].startswith("query failed")


WRITES = [
    "CREATE (:Document {key: 'evil'})",
    f"MATCH (d:Document {{key: '{TARGET_KEY}'}}) SET d.title = 'hacked'",
    "MATCH (d:Document) DETACH DELETE d",
    "MATCH (o:Organization) WITH o LIMIT 1 MERGE (o)-[:PART_OF]->(o)",
    "match (d:Document) remove d.title",
]


@pytest.mark.parametrize("query", WRITES)
def test_cypher_refuses_writes_and_changes_nothing(rw, query: str) -> None:
    client, _ = rw
    before = client.get("/healthz").json()["stats"]
    title = client.get(f"/documents/{K}").json()["doc"]["title"]
    r = client.post("/cypher", json={"query": query})
    assert r.status_code == 403, r.text
    assert r.json()["error"]["status"] == 403 and "read-only" in r.json()["error"]["message"]
    assert client.get("/healthz").json()["stats"] == before
    check = client.post("/cypher", json={"query": "MATCH (d:Document {key: $k}) RETURN d.title AS t",
                                         "params": {"k": TARGET_KEY}})
    assert check.json()["rows"] == [[title]]


# --------------------------------------------------------------------------- uploads

NEW_PLAN = C.new_plan  # a commune plan that implements the target


def _files(*items: tuple[str, bytes]) -> list[tuple[str, tuple[str, bytes, str]]]:
    return [("files", (name, data, "text/plain")) for name, data in items]


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({}, 401),
        ({"Authorization": "Basic dXNlcjpwYXNz"}, 401),
        ({"Authorization": "Bearer"}, 401),
        ({"Authorization": "Bearer wrong-token"}, 403),
        ({"Authorization": f"Bearer {TOKEN}x"}, 403),
    ],
)
def test_upload_refused_without_the_right_token(rw, headers: dict[str, str], status: int) -> None:
    client, _ = rw
    before = client.get("/healthz").json()["stats"]
    r = client.post("/documents", files=_files(("plan.txt", NEW_PLAN.encode())), headers=headers)
    assert r.status_code == status, r.text
    assert r.json()["error"]["status"] == status
    if status == 401:
        assert r.headers.get("www-authenticate") == "Bearer"
    assert client.get("/healthz").json()["stats"] == before


def test_upload_is_off_without_a_configured_token(api: httpx.Client) -> None:
    r = api.post("/documents", files=_files(("plan.txt", NEW_PLAN.encode())), headers=auth())
    assert r.status_code == 403
    assert "LUOCDO_API_TOKEN" in r.json()["error"]["message"]


def test_oversize_upload_is_413_and_changes_nothing(rw) -> None:
    client, uploads = rw
    before = client.get("/healthz").json()["stats"]
    big = NEW_PLAN.encode() * (1_200_000 // len(NEW_PLAN.encode()) + 1)  # > 1 MB
    r = client.post("/documents", files=_files(("big.txt", big)), headers=auth())
    assert r.status_code == 413, r.text
    assert "1 MB" in r.json()["error"]["message"]

    # chunked, with no Content-Length: counted as it streams
    boundary = "luocdo-test-boundary"
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"big.txt\"\r\n"
            "Content-Type: text/plain\r\n\r\n").encode()
    tail = f"\r\n--{boundary}--\r\n".encode()

    def body():
        yield head
        for i in range(0, len(big), 64 * 1024):
            yield big[i:i + 64 * 1024]
        yield tail

    r = client.post("/documents", content=body(),
                    headers={**auth(), "Content-Type": f"multipart/form-data; boundary={boundary}"})
    assert r.status_code == 413, r.text
    assert client.get("/healthz").json()["stats"] == before
    assert not any(uploads.rglob("big.txt"))


def test_failed_upload_changes_nothing_and_says_what_failed(rw) -> None:
    client, uploads = rw
    before = client.get("/healthz").json()["stats"]
    r = client.post("/documents", headers=auth(), files=_files(
        ("good.txt", NEW_PLAN.replace("77/KH", "78/KH").encode()),
        ("blank.txt", b"   \n  "),
        ("notes.xyz", b"hello"),
    ))
    assert r.status_code == 422, r.text
    failed = r.json()["error"]["failed"]
    assert len(failed) == 2
    assert failed[0].startswith("blank.txt:") and failed[1].startswith("notes.xyz:")
    assert client.get("/healthz").json()["stats"] == before
    assert client.get("/resolve", params={"name": "78/KH-UBND 2025"}).status_code != 200
    assert not [p for p in uploads.rglob("*") if p.name in ("good.txt", "blank.txt", "notes.xyz")]
    # not a multipart upload at all
    assert client.post("/documents", headers=auth(), json={"files": []}).status_code == 422


def test_upload_with_token_ingests_and_the_document_appears(rw) -> None:
    client, uploads = rw
    before = client.get("/healthz").json()["stats"]
    implementers_before = client.get(f"/documents/{K}/implementers").json()["rows"]

    r = client.post("/documents", files=_files(("kh-77-son-mai.txt", NEW_PLAN.encode())), headers=auth())
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["added"] == 1 and body["replaced"] == 0 and body["unchanged"] == 0
    (doc,) = body["documents"]
    assert doc["file"] == "kh-77-son-mai.txt" and doc["status"] == "added"
    assert doc["type"] == "KH" and doc["number"] == "77" and doc["display"] == "77/KH-UBND"
    assert doc["date"] == C.new_plan_date and doc["references"] >= 1
    assert body["stats"]["sources"] == before["sources"] + 1
    assert client.get("/healthz").json()["stats"] == body["stats"]

    # the document is there, and it now implements the target (the cached answer was dropped)
    card = client.get(f"/documents/{quote(doc['url_key'], safe='~@')}")
    assert card.status_code == 200 and card.json()["doc"]["ingested"] is True
    assert client.get("/resolve", params={"name": "77/KH-UBND 2025"}).json()["key"] == doc["key"]
    rows = client.get(f"/documents/{K}/implementers").json()["rows"]
    assert doc["key"] in {row["doc"]["key"] for row in rows}
    assert len(rows) == len(implementers_before) + 1
    assert [p.name for p in uploads.rglob("*.txt")] == ["kh-77-son-mai.txt"]

    # the same bytes again: the same source, nothing changes
    again = client.post("/documents", files=_files(("kh-77-son-mai.txt", NEW_PLAN.encode())), headers=auth())
    assert again.status_code == 200 and again.json()["unchanged"] == 1
    assert again.json()["stats"] == body["stats"]


def test_reads_go_on_while_an_upload_is_ingested(rw) -> None:
    """An upload of several files takes a while; reads answer meanwhile, not after it."""
    client, _ = rw
    files = [(f"copy-{i}-{p.name}", p.read_bytes() + f"\n{i}\n".encode())
             for i in range(4) for p in sorted(SEEDS.glob("*.txt"))]  # long enough to be caught reading
    done: dict[str, float] = {}

    def upload() -> None:
        r = client.post("/documents", files=_files(*files), headers=auth(), timeout=120)
        assert r.status_code == 200, r.text
        done["upload"] = time.monotonic()

    t = threading.Thread(target=upload)
    t.start()
    reads: list[float] = []
    with httpx.Client(base_url=client.base_url, timeout=30) as reader:
        while t.is_alive() and len(reads) < 10_000:
            # a new page size each time: never from the cache; read by the server itself, not by the
            # low-priority /cypher workers (whose pace on a busy machine is not what is tested here)
            r = reader.get("/documents", params={"limit": 1 + len(reads) % 1000})
            assert r.status_code == 200, r.text
            reads.append(time.monotonic())
    t.join()
    assert "upload" in done
    answered_during = [x for x in reads if x < done["upload"]]
    assert len(answered_during) >= 3, f"only {len(answered_during)} reads answered during the upload"


# --------------------------------------------------------------------------- the answer cache


def test_answer_cache_computes_once_and_forgets_on_write() -> None:
    import asyncio

    from luocdo.api.cache import AnswerCache

    calls: list[int] = []

    def compute() -> dict[str, int]:
        calls.append(1)
        time.sleep(0.05)
        return {"n": len(calls)}

    async def scenario() -> None:
        cache = AnswerCache(ttl=None)
        answers = await asyncio.gather(*(cache.get("k", compute) for _ in range(10)))
        assert len(calls) == 1 and set(answers) == {b'{"n":1}'}  # concurrent misses computed once
        assert await cache.get("k", compute) == b'{"n":1}'
        cache.invalidate()  # an upload was applied
        assert await cache.get("k", compute) == b'{"n":2}'

        off = AnswerCache(ttl=0)
        await off.get("k", compute)
        assert await off.get("k", compute) == b'{"n":4}'

        short = AnswerCache(ttl=0.01)
        await short.get("k", compute)
        await asyncio.sleep(0.02)
        assert await short.get("k", compute) == b'{"n":6}'

        def boom() -> None:
            raise RuntimeError("no")

        with pytest.raises(RuntimeError):
            await cache.get("bad", boom)  # errors are not kept
        assert await cache.get("bad", compute) == b'{"n":7}'

    asyncio.run(scenario())


def test_answer_cache_runs_at_most_slots_queries_at_once() -> None:
    import asyncio

    from luocdo.api.cache import AnswerCache

    running, peak = [0], [0]
    lock = threading.Lock()

    def compute() -> int:
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
        # hold the slot until three run at once (or a second passes): the peak does not depend on
        # how fast threads start on a loaded machine
        deadline = time.monotonic() + 1.0
        while time.monotonic() < deadline:
            with lock:
                if peak[0] >= 3:
                    break
            time.sleep(0.005)
        time.sleep(0.01)
        with lock:
            running[0] -= 1
        return 1

    async def scenario() -> None:
        cache = AnswerCache(ttl=0, slots=3)
        await asyncio.gather(*(cache.get(i, compute) for i in range(12)))

    asyncio.run(scenario())
    assert peak[0] == 3


@pytest.mark.parametrize(("raw", "ok"), [("", True), ("4", True), ("0", False), ("many", False), ("-2", False)])
def test_query_slots_setting(monkeypatch, raw: str, ok: bool) -> None:
    from luocdo.api.cache import query_slots

    monkeypatch.setenv("LUOCDO_API_QUERY_SLOTS", raw)
    if ok:
        assert query_slots() >= 2 if not raw else query_slots() == int(raw)
    else:
        with pytest.raises(ValueError, match="LUOCDO_API_QUERY_SLOTS"):
            query_slots()


def test_engine_out_of_memory_is_503_with_retry_after(seeds_db: Path) -> None:
    """The engine's page cache filling up is the server being busy, not a crash: 503 and Retry-After."""
    from luocdo.api.app import create_app
    from luocdo.graph.ladybug_store import LadybugStore
    from luocdo.graph.store import StoreOverloaded

    class Full(LadybugStore):
        def read(self, *a, **kw):
            if "IMPLEMENTS" in (a[0] if a else ""):
                raise StoreOverloaded("the database's page cache is full; retry, or raise LUOCDO_BUFFER_POOL_MB")
            return super().read(*a, **kw)

    store = Full(seeds_db, read_only=True)
    app = create_app(store=store, cache_ttl=0)

    async def ask() -> httpx.Response:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
            key = (await c.get("/resolve", params={"name": TARGET})).json()["url_key"]
            return await c.get(f"/documents/{path_key(key)}/implementers")

    import asyncio

    r = asyncio.run(ask())
    store.close()
    assert r.status_code == 503 and r.headers["retry-after"] == "1"
    assert "LUOCDO_BUFFER_POOL_MB" in r.json()["error"]["message"]
