"""Uploads go through the same reading and writing as ``luocdo ingest`` (luocdo.pipeline), all or
nothing, and a store that cannot be written now is a 503 with Retry-After that changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.test_api import NEW_PLAN, SEEDS, TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}


def _keys(db: Path) -> set[str]:
    from luocdo.graph.store import open_store

    store = open_store(str(db), read_only=True)
    try:
        return {r["k"] for r in store.read("MATCH (d:Document) RETURN d.`key` AS k")}
    finally:
        store.close()


def test_an_upload_makes_the_graph_ingest_makes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from luocdo import pipeline
    from luocdo.api.app import create_app
    from luocdo.graph.store import open_store
    from luocdo.loaders.text import iter_files

    files = sorted(iter_files([str(SEEDS)]))
    assert files, f"no documents in {SEEDS}"
    read: list[Path] = []
    real = pipeline.extract_file

    def counted(path: Path):
        read.append(path)
        return real(path)

    monkeypatch.setattr(pipeline, "extract_file", counted)
    with TestClient(create_app(str(tmp_path / "up.db"), token=TOKEN, upload_dir=tmp_path / "uploads")) as c:
        r = c.post("/documents", headers=AUTH, files=[("files", (f.name, f.read_bytes())) for f in files])
        assert r.status_code == 200, r.text
        uploaded = r.json()["stats"]
    assert len(read) == len(files)  # every uploaded file was read by the pipeline's own function

    store = open_store(str(tmp_path / "in.db"))
    try:
        report = pipeline.ingest(store, [SEEDS])
        assert not report.failed, report.failed
        ingested = store.stats()
    finally:
        store.close()
    assert uploaded == ingested
    assert _keys(tmp_path / "up.db") == _keys(tmp_path / "in.db")


def test_an_upload_while_the_store_cannot_be_written_is_503(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from luocdo.api.app import create_app
    from luocdo.graph import ladybug_store
    from luocdo.graph.store import StoreError

    class Locked(ladybug_store.LadybugStore):
        def __init__(self, path, *args, read_only: bool = False, **kwargs) -> None:
            if not read_only:
                raise StoreError(f"{path} is locked by another process")
            super().__init__(path, *args, read_only=read_only, **kwargs)

    uploads = tmp_path / "uploads"
    with TestClient(create_app(str(tmp_path / "x.db"), token=TOKEN, upload_dir=uploads)) as c:
        before = c.get("/healthz").json()["stats"]
        monkeypatch.setattr(ladybug_store, "LadybugStore", Locked)
        r = c.post("/documents", headers=AUTH, files=[("files", ("kh.txt", NEW_PLAN.encode()))])
        assert r.status_code == 503, r.text
        assert int(r.headers["retry-after"]) >= 1
        assert "locked by another process" in r.json()["error"]["message"]
        assert "nothing was changed" in r.json()["error"]["message"]
        monkeypatch.undo()
        assert c.get("/healthz").json()["stats"] == before
    assert not any(p.is_file() for p in uploads.rglob("*"))
