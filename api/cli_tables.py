"""Report tables on a terminal, readable at 80 columns.

Widths are worked out here, not left to rich (which folds codes and dates to
make room): numbers get their longest value, codes and dates theirs (keys and
ids whole unless nothing else would fit), statuses wrap in a narrow column, and
text columns share what is left, cut with "…"; a list of documents is cut
between entries.  Below 120 columns only the columns marked ``narrow`` are
shown (the files and ``--json`` have them all).
"""

from __future__ import annotations

import re
from typing import Any

from rich import box
from rich.table import Table
from rich.text import Text

from luocdo.api.cli import console

STATUS_STYLE = {"has_plan": "green", "reported_only": "cyan", "possible": "yellow", "no_plan": "red"}

#: A document key ("82/KH-UBND@2025@quang-ngai") or an organization id ("dept:8:so-noi-vu").
KEY_RX = re.compile(r"[^\s@]+@\S+|[a-z_]+:[\w:./-]+")
#: Text columns are never narrower than this; nor numbers, codes and dates cut below it.
FLOOR, CODE_CAP = 8, 26


def cut_items(text: str, size: int) -> str:
    """A "; "-joined list cut between entries to fit ``size``, with "…" for the rest."""
    if len(text) <= size:
        return text
    parts = text.split("; ")
    kept = parts[0]
    for p in parts[1:]:
        if len(kept) + 2 + len(p) + 2 > size:
            break
        kept += "; " + p
    return kept + " …" if len(kept) + 2 <= size else kept[: size - 1] + "…"


def widths(width: int, headers: list[str], kinds: list[str], items: list[bool], rows: list[list[str]],
           keep: list[int]) -> dict[int, int]:
    """The width of each kept column on a terminal ``width`` wide."""

    def longest(i: int) -> int:
        head = len(headers[i]) if kinds[i] == "text" else max(len(w) for w in headers[i].split())
        return max([head, *(len(r[i]) for r in rows)])

    def first_item(i: int) -> int:
        """The longest first entry of a list column: one number with its date, kept whole."""
        return max([FLOOR, *(len(r[i].split("; ")[0]) for r in rows)])

    sizes: dict[int, int] = {}
    for i in keep:
        if kinds[i] == "number":
            sizes[i] = min(longest(i), CODE_CAP)
        elif kinds[i] in ("code", "date"):
            # a column of keys or ids (search, cypher) is not cut: they are what the other commands take
            keys = all(KEY_RX.fullmatch(r[i]) for r in rows if r[i]) and any(r[i] for r in rows)
            sizes[i] = longest(i) if keys else min(longest(i), CODE_CAP)
        elif kinds[i] == "status":
            sizes[i] = min(longest(i), 16)
    texts = [i for i in keep if i not in sizes]
    # a very long key (an unnumbered document's) is cut only as far as the other columns need
    spare = width - sum(sizes.values()) - 3 * len(keep) - FLOOR * len(texts)
    for i in keep:
        if kinds[i] in ("code", "date") and sizes[i] > CODE_CAP and spare < 0:
            cut = min(-spare, sizes[i] - CODE_CAP)
            sizes[i] -= cut
            spare += cut
    room = width - sum(sizes.values()) - 3 * len(keep)  # padding and the column separators
    floors = {i: min(first_item(i), 30) if items[i] else FLOOR for i in texts}
    order = sorted(texts, key=longest)
    for n, i in enumerate(order):
        others = sum(floors[j] for j in order[n + 1:])
        share = max(floors[i], min(room // (len(texts) - n), room - others))
        sizes[i] = max(floors[i], min(longest(i), share))
        room -= sizes[i]
    # room left over widens number columns, so that their header takes two or three lines, not one a word
    for i in keep:
        if kinds[i] == "number" and room > 0:
            more = min(room, max(0, min(FLOOR, len(headers[i])) - sizes[i]))
            sizes[i] += more
            room -= more
    return sizes


def print_report(table: Any, extra: list[tuple[str, list[str]]] | None = None) -> None:
    """A ReportTable (queries/report_tables.py) on the console, with ``extra`` columns when it is wide."""
    width = console.width
    wide = width >= 120
    headers = [c.header for c in table.columns]
    kinds = [c.kind for c in table.columns]
    rows = [list(r) for r in table.rows]
    keep = [i for i, c in enumerate(table.columns) if wide or c.narrow]
    if wide and extra:
        for header, values in extra:
            headers.append(header)
            kinds.append("text")
            for r, v in zip(rows, values, strict=True):
                r.append(v)
            keep.append(len(headers) - 1)
    items = [i < len(table.columns) and table.columns[i].items for i in range(len(headers))]
    sizes = widths(width, headers, kinds, items, rows, keep)
    for i in keep:
        if items[i]:
            for r in rows:
                r[i] = cut_items(r[i], sizes[i])
    # the title above the table, not in it: a narrow table would fold it
    console.print(table.title, style="italic", highlight=False)
    if table.subject:
        console.print(table.subject, style="italic", highlight=False)
    t = Table(header_style="bold", expand=False, pad_edge=False, show_edge=False, box=box.SIMPLE_HEAD)
    for i in keep:
        if kinds[i] in ("text", "code", "date"):
            t.add_column(headers[i], width=sizes[i], no_wrap=True, overflow="ellipsis")
        else:
            t.add_column(headers[i], width=sizes[i], overflow="fold")
    for n, row in enumerate(rows):
        cells: list[Any] = [row[i] for i in keep]
        if table.statuses and "status" in kinds:
            at = keep.index(kinds.index("status"))
            cells[at] = Text(cells[at], style=STATUS_STYLE.get(table.statuses[n], ""))
        t.add_row(*cells)
    console.print(t)
    for line in table.summary:
        console.print(line, highlight=False)
