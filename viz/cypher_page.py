"""The viewer's Cypher page: the saved questions (:mod:`luocdo.queries.saved`)
as one-click examples, an editor, and results as a table, read-only through
``POST /cypher``.  One self-contained page, like the graph viewer."""

from __future__ import annotations

import re
from dataclasses import asdict
from functools import cache

from luocdo.i18n import messages
from luocdo.queries.saved import SAVED
from luocdo.viz.page import _asset, embed_json

_SLOT = re.compile(r"\{\{([A-Z_]+)\}\}")


@cache
def cypher_page() -> str:
    data = {"saved": [asdict(q) for q in SAVED], "i18n": {"vi": messages("vi")}}
    slots = {"DATA": embed_json(data), "PAGE_JS": _asset("cypher.js")}
    return _SLOT.sub(lambda m: slots[m.group(1)], _asset("cypher.html"))
