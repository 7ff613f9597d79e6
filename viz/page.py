"""The graph viewer: one self-contained HTML page, built with pyvis.

pyvis builds the network (its nodes, edges and vis-network options).  Its own
page template is not used: whatever ``cdn_resources`` says, it links Bootstrap
from a CDN (and in "local" mode even the vis-network stylesheet), and it puts
titles into ``innerHTML``.  The page here in-lines the vis-network copy that
pyvis ships (vendored in ``assets/``), our script and stylesheet, and the data
as JSON escaped for a ``<script>`` element, so it works with no network at all.

Text from documents is untrusted: the script builds every label, tooltip and
card with ``textContent``/DOM nodes, never ``innerHTML``.

The same script draws data fetched from the API in service mode; it rebuilds
vis items with :data:`STYLE`, the tables below, so both paths look the same
(``tests/test_viz.py`` checks that the two agree).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

from pyvis.network import Network

from luocdo.graph.schema import DOC_REL_LABELS, DOC_TYPES
from luocdo.i18n import N_, STANDING_HOW_LABELS, STANDING_LABELS, STATUS_LABELS, messages

__all__ = [
    "STYLE",
    "build_network",
    "embed_json",
    "render_page",
    "service_page",
    "vis_edge",
    "vis_node",
]

# ---------------------------------------------------------------------------
# Style tables: the one place that says how things look (JS reads them too)
# ---------------------------------------------------------------------------

#: Level groups, top to bottom of the hierarchical layout.  ``rank`` is the
#: vis-network ``level``; colours avoid the green/amber/red of the gaps view.
LEVEL_GROUPS: dict[str, dict[str, Any]] = {
    "central": {"label": N_("central"), "rank": 0, "color": "#8e44ad", "border": "#5b2c6f"},
    "ministry_party": {"label": N_("ministry / party"), "rank": 1, "color": "#2e6fba", "border": "#1b4272"},
    "province": {"label": N_("province"), "rank": 2, "color": "#17a2b8", "border": "#0e6674"},
    "department": {"label": N_("department"), "rank": 3, "color": "#e377c2", "border": "#a0468a"},
    "commune": {"label": N_("commune"), "rank": 4, "color": "#a47148", "border": "#6b4629"},
    "unknown": {"label": N_("level unknown"), "rank": 2, "color": "#a0a0a0", "border": "#666666"},
}
LEVEL_GROUP_OF: dict[str, str] = {
    "central": "central",
    "party": "ministry_party",
    "ministry": "ministry_party",
    "province": "province",
    "district": "province",  # a district of before July 2025: local government above the commune
    "department": "department",
    "commune": "commune",
}

#: Shapes by document kind (vis shapes whose label sits outside, so sizes stay even).
KIND_SHAPES: dict[str, str] = {
    "Plan": "dot", "Programme": "dot", "Scheme": "dot", "Project": "dot",
    "Resolution": "star", "Conclusion": "star",
    "Decision": "square", "Rule": "square", "Regulation": "square",
    "Directive": "triangle", "Dispatch": "triangle",
    "Report": "triangleDown",
    "Law": "diamond", "Decree": "diamond", "Circular": "diamond", "JointCircular": "diamond",
    "Ordinance": "diamond",
}
OTHER_SHAPE = "hexagon"  # letters, notices, guidance, anything else
ORG_SHAPE = "box"  # organizations: the name inside a box
SHAPE_LEGEND: list[tuple[str, str]] = [
    ("dot", N_("plan / programme")),
    ("star", N_("resolution / conclusion")),
    ("square", N_("decision / rule")),
    ("triangle", N_("directive")),
    ("triangleDown", N_("report")),
    ("diamond", N_("law / decree / circular")),
    ("hexagon", N_("letter, notice, other")),
    ("box", N_("organization")),
]

#: Edge styles by relation; ``dashes`` is false or a vis dash pattern.
RELATIONS: dict[str, dict[str, Any]] = {
    "IMPLEMENTS": {"label": N_("implements"), "color": "#1f4e9c", "width": 2.5, "dashes": False},
    "BASED_ON": {"label": N_("based on"), "color": "#6b6b6b", "width": 1.5, "dashes": [8, 4]},
    "CITES": {"label": N_("cites"), "color": "#b5b5b5", "width": 1, "dashes": [2, 4]},
    "REPORTS_ON": {"label": N_("reports on"), "color": "#d35400", "width": 2, "dashes": False},
    "REPEALS": {"label": N_("repeals"), "color": "#7f8c8d", "width": 2, "dashes": [4, 4]},
    "CONSOLIDATES": {"label": N_("consolidates"), "color": "#16a085", "width": 2, "dashes": [8, 2]},
    "AMENDS": {"label": N_("amends"), "color": "#8e44ad", "width": 2, "dashes": [12, 3, 3, 3]},
    "ISSUED_BY": {"label": N_("issued by"), "color": "#9fb3c8", "width": 1, "dashes": [1, 3]},
    "ADDRESSED_TO": {"label": N_("addressed to"), "color": "#c8b49f", "width": 1, "dashes": [1, 3]},
    "ASSIGNED_TO": {"label": N_("assigned to"), "color": "#c89fb8", "width": 1, "dashes": [4, 2]},
    "PART_OF": {"label": N_("part of"), "color": "#cccccc", "width": 1, "dashes": False},
    "SUCCEEDED_BY": {"label": N_("succeeded by"), "color": "#cccccc", "width": 1, "dashes": [6, 3]},
    "_other": {"label": N_("other"), "color": "#999999", "width": 1, "dashes": False},
}

#: Gaps view: status → colour, one each (labels are the catalogue's status terms).
STATUS: dict[str, dict[str, str]] = {
    "has_plan": {"label": STATUS_LABELS["has_plan"], "color": "#2ca02c", "border": "#1a661a"},
    "reported_only": {"label": STATUS_LABELS["reported_only"], "color": "#2f6fb5", "border": "#1b4272"},
    "possible": {"label": STATUS_LABELS["possible"], "color": "#f0a30a", "border": "#a36d00"},
    "no_plan": {"label": STATUS_LABELS["no_plan"], "color": "#d62728", "border": "#8b1a1a"},
}

#: Marks drawn over a unit's status in the gaps view (queries/deadlines.py): the box's
#: border, and a line under its name.  Apart from the status colours.
MARKS: dict[str, dict[str, Any]] = {
    "late": {"label": N_("late plan (issued after the day set for it)"), "color": "#111111",
             "width": 4, "dashes": False, "count": "late_plan"},
    "report_missing": {"label": N_("report missing (its day has passed)"), "color": "#6a1b9a",
                       "width": 3, "dashes": [6, 3], "count": "report_missing"},
    "report_late": {"label": N_("late report (sent after the day set for it)"), "color": "#6a1b9a",
                    "width": 3, "dashes": [2, 3], "count": "report_late"},
}

LABEL_MAX = 32

STYLE: dict[str, Any] = {
    "groups": LEVEL_GROUPS,
    "groupOf": LEVEL_GROUP_OF,
    "shapes": KIND_SHAPES,
    "otherShape": OTHER_SHAPE,
    "orgShape": ORG_SHAPE,
    "shapeLegend": SHAPE_LEGEND,
    "typeKinds": {code: label for code, (_, label) in DOC_TYPES.items()},
    "relations": RELATIONS,
    "docRelations": list(DOC_REL_LABELS),
    "status": STATUS,
    "marks": MARKS,
    "standing": {"status": STANDING_LABELS, "how": STANDING_HOW_LABELS},
    "labelMax": LABEL_MAX,
}

# ---------------------------------------------------------------------------
# Model → vis items (mirrored by visNode/visEdge in assets/viewer.js)
# ---------------------------------------------------------------------------


def _plain(obj: Any) -> Any:
    """A pydantic model (or a dict already) as JSON-ready plain data."""
    if obj is None or isinstance(obj, dict | list | str | int | float | bool):
        return obj
    dump = getattr(obj, "model_dump", None)
    if dump is None:
        raise TypeError(f"render_page: expected a pydantic model or a dict, got {type(obj).__name__}")
    return dump(mode="json")


def _short(text: str) -> str:
    return text if len(text) <= LABEL_MAX else text[: LABEL_MAX - 1] + "…"


def level_group(level: str | None) -> str:
    return LEVEL_GROUP_OF.get(level or "", "unknown")


def vis_node(n: Mapping[str, Any], center: str | None) -> dict[str, Any]:
    """The vis-network item for a GraphNode (as a dict); ``data`` keeps the node."""
    g = LEVEL_GROUPS[level_group(n.get("level"))]
    is_org = n.get("group") == "organization"
    kind = n.get("kind") or STYLE["typeKinds"].get(n.get("type") or "") or "Document"
    is_center = n["id"] == center
    return {
        "id": n["id"],
        "label": _short(str(n.get("label") or n["id"])),
        "shape": ORG_SHAPE if is_org else KIND_SHAPES.get(kind, OTHER_SHAPE),
        "color": {
            "background": g["color"],
            "border": g["border"],
            "highlight": {"background": g["color"], "border": "#111111"},
            "hover": {"background": g["color"], "border": "#111111"},
        },
        "level": g["rank"],
        "size": 24 if is_center else (15 if is_org or n.get("ingested") else 10),
        "borderWidth": 4 if is_center else 1.5,
        "font": {"color": "#ffffff" if is_org else "#222222", "size": 16 if is_center else 13},
        "shapeProperties": {"borderDashes": [3, 3] if not is_org and not n.get("ingested") else False},
        "data": dict(n),
    }


def edge_id(e: Mapping[str, Any]) -> str:
    return f"{e['source']}|{e['relation']}|{e['target']}"


def vis_edge(e: Mapping[str, Any]) -> dict[str, Any]:
    """The vis-network item for a GraphEdge (as a dict), minus from/to/arrows that pyvis adds."""
    r = RELATIONS.get(e.get("relation") or "", RELATIONS["_other"])
    return {
        "id": edge_id(e),
        "color": {"color": r["color"], "highlight": r["color"], "hover": r["color"]},
        "width": r["width"],
        "dashes": r["dashes"],
        "data": dict(e),
    }


def base_options(hierarchical: bool) -> dict[str, Any]:
    """vis-network options; the page script tunes them to the graph's size."""
    return {
        "autoResize": True,
        "layout": {
            "randomSeed": 7,
            "improvedLayout": True,
            "hierarchical": {
                "enabled": hierarchical,
                "direction": "UD",
                "sortMethod": "directed",
                "shakeTowards": "roots",
                "levelSeparation": 170,
                "nodeSpacing": 130,
                "treeSpacing": 160,
                "blockShifting": True,
                "edgeMinimization": True,
                "parentCentralization": True,
            },
        },
        "physics": {
            "enabled": not hierarchical,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 120, "avoidOverlap": 0.3},
            "stabilization": {"enabled": True, "iterations": 400, "updateInterval": 50, "fit": True},
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "navigationButtons": False,
            "keyboard": False,
            "hideEdgesOnDrag": False,
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
            "smooth": {"enabled": True, "type": "continuous"},
            "selectionWidth": 2,
        },
        "nodes": {"font": {"face": "system-ui, sans-serif"}},
    }


def build_network(sub: Any, *, hierarchical: bool = True) -> Network:
    """A pyvis Network of the subgraph: nodes by level and kind, edges by relation.

    Duplicate nodes are dropped and edges whose ends are not in the subgraph are
    skipped (a truncated subgraph can have them).
    """
    s = _plain(sub)
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    center = s.get("center")
    for n in s.get("nodes") or []:
        item = vis_node(n, center)
        net.add_node(item.pop("id"), label=item.pop("label"), shape=item.pop("shape"),
                     color=item.pop("color"), **item)
    ids = set(net.get_nodes())
    seen: set[str] = set()
    for e in s.get("edges") or []:
        eid = edge_id(e)
        if eid in seen or e["source"] not in ids or e["target"] not in ids:
            continue
        seen.add(eid)
        net.add_edge(e["source"], e["target"], **vis_edge(e))
    net.options = base_options(hierarchical)  # pyvis serialises a dict as it is
    return net


# ---------------------------------------------------------------------------
# The page
# ---------------------------------------------------------------------------

_JS_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def embed_json(value: Any) -> str:
    """JSON that can sit inside ``<script type="application/json">`` unchanged.

    Every ``<``, ``>`` and ``&`` is written as a \\u escape (so neither
    ``</script>`` nor ``<!--`` can occur), and U+2028/2029 are escaped for old
    JavaScript parsers; ``JSON.parse`` gives back exactly the same value.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return re.sub("[<>&\u2028\u2029]", lambda m: _JS_ESCAPES[m.group()], text)


@cache
def _asset(name: str) -> str:
    text = resources.files("luocdo.viz").joinpath("assets", name).read_text(encoding="utf-8")
    closer = {"css": "</style", "js": "</script"}.get(name.rsplit(".", 1)[-1])
    if closer and (closer in text.lower() or "<!--" in text):
        raise ValueError(f"viz/assets/{name}: contains {closer} or <!--, cannot be in-lined")
    return text


_SLOT = re.compile(r"\{\{([A-Z_]+)\}\}")


def render_page(
    sub: Any,
    gaps: Any | None = None,
    *,
    title: str,
    hierarchical: bool = True,
    service: bool = False,
    cards: Mapping[str, Any] | None = None,
    depth: int = 2,
    show_gaps: bool | None = None,
    lang: str = "vi",
    deadlines: Any | None = None,
) -> str:
    """A self-contained HTML page drawing ``sub`` (a Subgraph), with no external URL.

    ``gaps`` (a GapsResult for the centre) enables the gaps view, shown first
    unless ``show_gaps=False``.  ``cards`` (node id → Card) are shown when a node
    is clicked; without one the card is made from the subgraph's own edges.  With
    ``service=True`` the page also searches and fetches from the API (relative
    URLs: ``resolve``, ``documents``, ``graph``, ``documents/{url_key}[/gaps]``,
    ``dashboard``) and opens on the dashboard.  ``lang`` is the language the page
    starts in; a reader's choice (the switch, kept in localStorage) wins.
    ``deadlines`` (a DeadlinesResult for the same units) marks late plans and
    missing reports in the gaps view.
    """
    net = build_network(sub, hierarchical=hierarchical)
    nodes, edges, _heading, _h, _w, options_json = net.get_network_data()
    s = _plain(sub)
    data = {
        "version": 1,
        "mode": "service" if service else "standalone",
        "title": title,
        "center": s.get("center") or None,
        "depth": depth,
        "hierarchical": hierarchical,
        "showGaps": bool(gaps) if show_gaps is None else (show_gaps and gaps is not None),
        "style": STYLE,
        "options": json.loads(options_json),
        "nodes": nodes,
        "edges": edges,
        "gaps": _plain(gaps),
        "deadlines": _plain(deadlines),
        "cards": {k: _plain(v) for k, v in (cards or {}).items()},
        "lang": lang,
        "i18n": {"vi": messages("vi")},
    }
    slots = {
        "TITLE": html.escape(title),
        "MODE": "service" if service else "standalone",
        "VIS_CSS": _asset("vis-network.css"),
        "PAGE_CSS": _asset("viewer.css"),
        "VIS_JS": _asset("vis-network.min.js"),
        "PAGE_JS": _asset("viewer.js"),
        "DATA": embed_json(data),
    }
    # One pass, so nothing inserted is ever read as a slot.
    return _SLOT.sub(lambda m: slots[m.group(1)], _asset("page.html"))


@cache
def service_page() -> str:
    """The page the API serves at ``/``: empty until a search or ``?center=`` picks a document."""
    return render_page({"center": "", "nodes": [], "edges": []}, None, title="luocdo", service=True)
