"""bench/ingest.py rewrites its section of RESULTS.md: rows it did not rerun stay as they were."""

from __future__ import annotations

from tests.bench_modules import bench_module

OLD = """
| store | documents | corpus MB | wall s |
|---|---:|---:|---:|
| LadybugDB (embedded) | 10,000 | 40 | 16.6 |
| LadybugDB (embedded) | 100,000 | 393 | 173.0 |
| FalkorDB via Bolt (neo4j driver) (first 2,000 of 10,000); server peak 51 MB | 2,000 | 40 | 13.3 |
| extraction alone (no store) | 100,000 | 393 | 514.0 |

- 2026-12-06 07:34, quiet machine: a note written by hand.
- Bulk load of 100,000 documents: 870 s.
"""


def test_rows_not_rerun_are_kept_and_rerun_ones_replaced() -> None:
    ingest = bench_module("ingest")
    new = ["| LadybugDB (embedded) | 100,000 | 393 | 150.0 |", "| LadybugDB (embedded) | 1,000,000 | 3,938 | 1,800.0 |"]
    rows = ingest._merged_rows(new, OLD)
    assert rows == [
        "| LadybugDB (embedded) | 10,000 | 40 | 16.6 |",
        "| LadybugDB (embedded) | 100,000 | 393 | 150.0 |",
        "| LadybugDB (embedded) | 1,000,000 | 3,938 | 1,800.0 |",
        "| FalkorDB via Bolt (neo4j driver) (first 2,000 of 10,000); server peak 51 MB | 2,000 | 40 | 13.3 |",
        "| extraction alone (no store) | 100,000 | 393 | 514.0 |",
    ]
    assert ingest._row_key("| Neo4j 5.26 | 10,000 of 100,000 | 36.0 | 278 |") == ("neo4j", 100_000)
    assert ingest._row_key("|---|---:|") is None
    assert ingest._dated_notes(OLD) == ["- 2026-12-06 07:34, quiet machine: a note written by hand."]
    assert ingest.bulk_verdicts({}, OLD) == ["- Bulk load of 100,000 documents: 870 s.", ""]
