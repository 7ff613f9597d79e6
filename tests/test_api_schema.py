"""Schemathesis against the running server's OpenAPI schema: whatever the
schema allows (and data it does not), the server answers without a 5xx, and
its answers match the schema it publishes.

Each operation is fuzzed with random path parameters and again with real
ones (a seed document's key, a province's id), so the queries run on real
data and not only the 404 path.  Operations come from the app's router, so
one test per operation shows up in the report; schemathesis's own pytest
loader is not used (its lazy-fixture mode breaks on pytest 9).  Examples per
operation are few to keep the file fast; ``LUOCDO_SCHEMA_EXAMPLES`` raises
them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import httpx
import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis.errors import Unsatisfiable  # noqa: E402
from schemathesis import GenerationMode  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from luocdo.api.app import router  # noqa: E402
from luocdo.api.cypher_route import router as cypher_router  # noqa: E402
from tests.corpora import ACTIVE  # noqa: E402
from tests.test_api import TOKEN, build_seeds_db, running_server  # noqa: E402

EXAMPLES = int(os.environ.get("LUOCDO_SCHEMA_EXAMPLES", "10"))
REAL = {"key": ACTIVE.target_url_key, "org_id": ACTIVE.target_org}

OPERATIONS = sorted(
    (method, route.path)
    for route in (*router.routes, *cypher_router.routes)
    if getattr(route, "include_in_schema", False)
    for method in route.methods
)
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[httpx.Client]:
    folder = tmp_path_factory.mktemp("api-schema")
    db = build_seeds_db(folder)
    env = {"LUOCDO_API_TOKEN": TOKEN, "LUOCDO_MAX_UPLOAD_MB": "1", "LUOCDO_UPLOAD_DIR": str(folder / "uploads")}
    with running_server(db, **env) as client:
        yield client


@pytest.fixture(scope="module")
def api_schema(server: httpx.Client):
    return schemathesis.openapi.from_url(f"{server.base_url}/openapi.json")


def _fuzz(operation, base_url: str, **fixed) -> None:
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
        strategy = operation.as_strategy(generation_mode=mode, **fixed)

        @given(case=strategy)
        @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def run(case) -> None:
            case.call_and_validate(base_url=base_url, checks=CHECKS)

        try:
            run()
        except Unsatisfiable:
            if mode is GenerationMode.POSITIVE:
                raise  # nothing to negate (no parameters, or all fixed) is fine, nothing to send is not


def test_every_operation_is_fuzzed() -> None:
    paths = {p for _m, p in OPERATIONS}
    assert {"/documents/{key}/implementers", "/cypher", "/graph", "/resolve"} <= paths
    assert ("POST", "/documents") in OPERATIONS


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_no_server_error_and_answers_match_the_schema(api_schema, server: httpx.Client, method: str,
                                                      path: str) -> None:
    operation = api_schema[path][method]
    base = str(server.base_url)
    _fuzz(operation, base)
    real = {k: v for k, v in REAL.items() if "{" + k + "}" in path}
    if real:
        _fuzz(operation, base, path_parameters=real)
    if method == "POST" and path == "/documents":  # past the token check, into the upload itself
        _fuzz(operation, base, headers={"Authorization": f"Bearer {TOKEN}"})
