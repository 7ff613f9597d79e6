"""The units a collective edge names ("UBND các xã, phường" → the communes), as of a document's date.

An ADDRESSED_TO or EXPECTS edge with ``members`` points at the unit whose members
are meant (:mod:`luocdo.graph.duties`).  Communes, districts, provinces and
ministries come from the registry as of the document's date
(:func:`luocdo.core.registry_groups.expand`); a province's departments, the
document's own recipients and its assigned units come from the graph.
"""

from __future__ import annotations

from luocdo.graph.store import Store
from luocdo.queries import loader
from luocdo.queries.common import org_from_registry, org_ref
from luocdo.queries.models import OrgRef


def _registry():
    from luocdo.core.registry import registry

    return registry()


def day_of(date: str | None, year: int | None) -> str | None:
    """The day a document speaks of its units: its date, else the last day of its year."""
    return date or (f"{year}-12-31" if year else None)


def departments(store: Store, province: str | None) -> list[OrgRef]:
    """The departments (sở, ban, văn phòng) of a province known to the graph, by name."""
    prov = _registry().province(province) if province else None
    if prov is None:
        return []
    rows = loader.run(store, "departments", {"province": prov.name, "province_code": str(prov.code or "")}, limit=None)
    return sorted((org_ref(r) for r in rows), key=lambda o: o.name)


def members_of(store: Store, unit_id: str, members: str, day: str | None, doc_key: str | None = None) -> list[OrgRef]:
    """The members of the kind ``members`` of ``unit_id`` on ``day`` (of the document ``doc_key``)."""
    from luocdo.core.registry_groups import expand

    reg = _registry()
    if members == "departments":
        unit = reg.by_id(unit_id)
        return departments(store, unit.province if unit else None)
    if members in ("recipients", "assigned"):
        if doc_key is None:
            return []
        rows = loader.run(store, "gaps_recipients", {"key": doc_key}, limit=None)
        out: dict[str, OrgRef] = {}
        for r in rows:
            if r.get("purpose") == "inform":
                continue
            if members == "assigned" and r.get("purpose") is not None:
                continue  # ADDRESSED_TO rows carry a purpose; assignments none
            if r.get("members"):
                for o in members_of(store, r["id"], r["members"], day, None):
                    out.setdefault(o.id, o)
            else:
                out.setdefault(r["id"], org_ref(r))
        return list(out.values())
    unit = reg.by_id(unit_id)
    if unit is None:
        return []
    return [org_from_registry(o) for o in expand(reg, unit, members, day)]
