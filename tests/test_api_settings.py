"""The service's settings: every variable read in one place, defaults as documented, and a bad
value refused with the variable's name, what it must be and what it was."""

from __future__ import annotations

import os

import pytest

from luocdo.api.settings import ApiSettings, load

VARIABLES = [f"LUOCDO_{name}" for name in ApiSettings.model_fields if name != "NEO4J_URI"] + ["NEO4J_URI"]


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)


def test_defaults() -> None:
    s = load()
    assert (s.API_TOKEN, s.MAX_UPLOAD_MB, s.UPLOAD_DIR, s.KEEP_UPLOADS, s.API_CACHE_TTL) == (None, 20.0, None, False, None)
    assert s.query_slots == max(2, 2 * (os.cpu_count() or 1))
    assert s.cypher_slots == max(1, (os.cpu_count() or 2) // 2)
    assert s.cypher_queue == 4 * s.cypher_slots
    assert (s.CYPHER_PER_CLIENT, s.CYPHER_PER_MINUTE, s.CYPHER_BUFFER_POOL_MB, s.CYPHER_NICE) == (2, 60, 256, 10)
    assert s.cypher_max_bytes == 16 * 1024 * 1024
    assert (s.CYPHER_TOKEN, s.DB, s.NEO4J_URI) == (None, None, None)


#: (variable, value in the environment, field, value read)
GOOD = [
    ("LUOCDO_API_TOKEN", "s3cret", "API_TOKEN", "s3cret"),
    ("LUOCDO_MAX_UPLOAD_MB", " 0.5 ", "MAX_UPLOAD_MB", 0.5),
    ("LUOCDO_MAX_UPLOAD_MB", "", "MAX_UPLOAD_MB", 20.0),  # blank is unset
    ("LUOCDO_UPLOAD_DIR", "/tmp/up", "UPLOAD_DIR", "/tmp/up"),
    ("LUOCDO_KEEP_UPLOADS", "1", "KEEP_UPLOADS", True),
    ("LUOCDO_KEEP_UPLOADS", "yes", "KEEP_UPLOADS", True),
    ("LUOCDO_KEEP_UPLOADS", "TRUE", "KEEP_UPLOADS", True),
    ("LUOCDO_KEEP_UPLOADS", "0", "KEEP_UPLOADS", False),
    ("LUOCDO_API_CACHE_TTL", "0", "API_CACHE_TTL", 0.0),
    ("LUOCDO_API_CACHE_TTL", "2.5", "API_CACHE_TTL", 2.5),
    ("LUOCDO_API_QUERY_SLOTS", "3", "query_slots", 3),
    ("LUOCDO_CYPHER_SLOTS", "5", "cypher_queue", 20),
    ("LUOCDO_CYPHER_QUEUE", "0", "cypher_queue", 0),
    ("LUOCDO_CYPHER_MAX_MB", "1", "cypher_max_bytes", 1024 * 1024),
    ("LUOCDO_CYPHER_PER_MINUTE", "7", "CYPHER_PER_MINUTE", 7),
    ("LUOCDO_CYPHER_BUFFER_POOL_MB", "64", "CYPHER_BUFFER_POOL_MB", 64),
    ("LUOCDO_CYPHER_NICE", "19", "CYPHER_NICE", 19),
    ("LUOCDO_CYPHER_NICE", "0", "CYPHER_NICE", 0),
    ("LUOCDO_DB", "x.lbug", "DB", "x.lbug"),
    ("NEO4J_URI", "bolt://127.0.0.1:7687", "NEO4J_URI", "bolt://127.0.0.1:7687"),
]


@pytest.mark.parametrize(("variable", "raw", "field", "expected"), GOOD)
def test_read_from_the_environment(monkeypatch, variable: str, raw: str, field: str, expected) -> None:
    monkeypatch.setenv(variable, raw)
    assert getattr(load(), field) == expected


#: (variable, bad value, what the message says it must be)
BAD = [
    ("LUOCDO_MAX_UPLOAD_MB", "lots", "a positive number"),
    ("LUOCDO_MAX_UPLOAD_MB", "0", "a positive number"),
    ("LUOCDO_API_CACHE_TTL", "soon", "a number"),
    ("LUOCDO_KEEP_UPLOADS", "maybe", "one of 1, true, yes, 0, false, no"),
    ("LUOCDO_API_QUERY_SLOTS", "0", "a whole number of at least 1"),
    ("LUOCDO_API_QUERY_SLOTS", "2.0", "a whole number of at least 1"),
    ("LUOCDO_CYPHER_QUEUE", "-1", "a whole number of at least 0"),
    ("LUOCDO_CYPHER_PER_CLIENT", "two", "a whole number of at least 1"),
    ("LUOCDO_CYPHER_BUFFER_POOL_MB", "32", "a whole number of at least 64"),
    ("LUOCDO_CYPHER_MAX_MB", "-3", "a positive number"),
    ("LUOCDO_CYPHER_NICE", "20", "a whole number from 0 to 19"),
    ("LUOCDO_CYPHER_NICE", "-5", "a whole number from 0 to 19"),
]


@pytest.mark.parametrize(("variable", "raw", "must"), BAD)
def test_a_bad_value_names_its_variable(monkeypatch, variable: str, raw: str, must: str) -> None:
    monkeypatch.setenv(variable, raw)
    with pytest.raises(ValueError) as info:
        load()
    assert str(info.value) == f"{variable} must be {must}, not {raw!r}"


def test_create_app_refuses_a_bad_setting(monkeypatch) -> None:
    from luocdo.api.app import create_app

    monkeypatch.setenv("LUOCDO_API_CACHE_TTL", "soon")
    with pytest.raises(ValueError, match=r"^LUOCDO_API_CACHE_TTL must be a number, not 'soon'$"):
        create_app(":memory:")
