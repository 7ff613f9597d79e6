"""Collective recipients: "UBND các xã, phường", "Các sở, ban, ngành", "UBND các huyện, thị xã,
thành phố", "Các bộ, cơ quan ngang bộ", "UBND các tỉnh, thành phố trực thuộc Trung ương".

A collective names the members of one unit as they were on the document's date.
:func:`collective` reads the phrase into that unit and the kind of members
(the graph keeps one edge to the unit, with ``members``); :func:`expand` lists
the members from the registry as of a date: today's communes, or before
1 July 2025 the districts and communes of the time (their former-unit nodes,
tied to today's by SUCCEEDED_BY); the 34 provinces, or the 63 of before; the
Government's ministries and ministry-level agencies (:mod:`luocdo.core.government`).
Departments and the document's own recipients are known to the graph, not the
registry: the queries list those.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from luocdo.core.former_units import (
    _FORMER_BARE,
    REORGANISED,
    _district_id,
    _old_d_by_code,
    _old_units,
    _old_wards,
    _plain,
)
from luocdo.core.government import government
from luocdo.core.registry_tables import _norm

if TYPE_CHECKING:
    from luocdo.core.registry import Registry
    from luocdo.core.registry_tables import Org

#: The kinds of members a collective names.  ``recipients``: "các cơ quan, đơn vị, địa phương"
#: (whom the document is sent to act); ``assigned``: "các cơ quan được giao nhiệm vụ".
MEMBERS = ("communes", "districts", "departments", "provinces", "ministries", "recipients", "assigned")

# Pieces, over _norm'd text (folded, parentheses and punctuation gone, "x&" → "xa").
_HEAD = r"(?:thu truong |chu tich |lanh dao )?(?:(?:ubnd|uy ban nhan dan|dang uy|hdnd|hoi dong nhan dan) )?cac "
_COMMUNE_WORD = r"(?:xa|phuong|dac khu|thi tran)"
_DISTRICT_WORD = r"(?:huyen|quan|thi xa|thanh pho|tp)"
_COMMUNES = re.compile(_HEAD + _COMMUNE_WORD + r"(?: (?:va )?" + _COMMUNE_WORD + r")*\b")
_DISTRICTS = re.compile(_HEAD + _DISTRICT_WORD + r"(?: (?:va )?" + _DISTRICT_WORD + r")*(?! (?:truc thuoc|thuoc) trung uong)\b")
_PROVINCES = re.compile(_HEAD + r"tinh(?: (?:va )?thanh pho)?(?: truc thuoc trung uong)?\b")
_DEPARTMENTS = re.compile(
    r"(?:thu truong |giam doc )?cac (?:s[o0&6dc]|co quan chuyen mon|co quan thuoc ubnd tinh|co quan don vi thuoc ubnd tinh)"
    r"(?: (?:ban|nganh|co quan|don vi|va))*(?: tinh| thuoc ubnd tinh| thuoc uy ban nhan dan tinh)?$"
)
_MINISTRIES = re.compile(r"(?:thu truong |lanh dao )?cac bo(?: (?:co quan ngang bo|nganh|co quan thuoc chinh phu|nganh trung uong|va))+")
_ASSIGNED = re.compile(r"cac (?:co quan|don vi|phong|so)[a-z ]{0,30} duoc giao\b")
_RECIPIENTS = re.compile(r"(?:thu truong )?cac (?:co quan|don vi|dia phuong)(?: (?:co quan|don vi|dia phuong|va|lien quan))*$")


#: What may follow a collective of places and still name them all: where they are
#: ("trên địa bàn tỉnh", "thuộc tỉnh Tuyên Quang", "trong tỉnh"); "liên quan" names some.
_ALL_OF_THEM = re.compile(r"(?:tren dia ban|thuoc|trong|cua)(?: (?:tinh|huyen|thanh pho)\b[a-z ]*)?")


def narrowed(text: str) -> bool:
    """True when a collective names only some of its members ("UBND các xã có điểm du lịch",
    "các xã vùng biên giới", "các cơ quan, đơn vị liên quan"): which ones is not known."""
    n = _norm(text)
    if re.search(r"\blien quan\b", n):  # "các cơ quan, đơn vị liên quan": the ones concerned
        return True
    for rx in (_COMMUNES, _DISTRICTS, _PROVINCES):
        m = rx.match(n)
        if m is not None:
            rest = n[m.end():].strip()
            return bool(rest) and _ALL_OF_THEM.fullmatch(rest) is None
    return False


def _before(day: str | None) -> bool:
    return bool(day) and str(day) < REORGANISED


def collective(reg: Registry, text: str, province: str | None, issuer: Org | None, day: str | None) -> tuple[Org, str] | None:
    """The unit whose members ``text`` names and the kind of members, or None when it names none.

    ``province`` and ``issuer`` are the document's (a district's "UBND các xã, thị
    trấn" are that district's communes); ``day`` its ISO date, which says whether
    districts still existed.
    """
    n = _norm(text)
    if not n.startswith(("cac ", "ubnd cac", "uy ban nhan dan cac", "thu truong", "chu tich", "dang uy cac", "lanh dao", "giam doc")):
        return None
    gov = reg.central("Chính phủ")
    if _MINISTRIES.match(n) and gov is not None:
        return gov, "ministries"
    if _PROVINCES.match(n) and not _COMMUNES.match(n) and gov is not None and (issuer is None or issuer.level in ("central", "ministry")):
        return gov, "provinces"
    if _ASSIGNED.match(n) and issuer is not None:
        return issuer, "assigned"
    home = _home(reg, province, issuer, day)
    if home is None:
        return None
    if _COMMUNES.match(n):
        return home, "communes"
    if _DISTRICTS.match(n) and _before(day) and home.level == "province":
        return home, "districts"
    if _DEPARTMENTS.match(n) and home.level == "province":
        return home, "departments"
    if _RECIPIENTS.match(n) and issuer is not None:
        return issuer, "recipients"
    return None


def _home(reg: Registry, province: str | None, issuer: Org | None, day: str | None) -> Org | None:
    """The unit a local collective belongs to: the issuing district, else its province as of ``day``."""
    if issuer is not None and issuer.level == "district":
        return issuer
    if issuer is not None and issuer.id.startswith("former:province:"):
        return issuer
    if issuer is not None and issuer.province and _before(day):
        former = reg.former(f"tỉnh {issuer.province}")
        if former is not None:
            return former
    p = reg.province(province) if province else None
    if p is not None and _before(day):
        former = reg.former(f"tỉnh {p.name}", province)
        return former or p
    return p


def expand(reg: Registry, unit: Org, members: str, day: str | None) -> list[Org]:
    """The members of ``unit`` of the kind ``members`` on ``day`` (registry order).

    Departments, recipients and assigned units are the graph's to list: [] here.
    """
    if members == "ministries":
        return [o for name in government(day) if (o := reg.central(name)) is not None]
    if members == "provinces":
        return _provinces(reg, day)
    if members == "communes":
        if not _before(day) and unit.level == "province" and not unit.id.startswith("former:"):
            return reg.communes(unit.name)
        return _former_communes(reg, unit)
    if members == "districts":
        return _former_districts(reg, unit)
    return []


def _provinces(reg: Registry, day: str | None) -> list[Org]:
    if not _before(day):
        return reg.provinces()
    out: list[Org] = []
    for row in _old_units()[0].values():
        o = reg.former(f"tỉnh {row['name']}") if _plain(row["name"]) in _FORMER_BARE else reg.province(row["name"])
        if o is not None and o.id not in {x.id for x in out}:
            out.append(o)
    return out


def _old_province_row(unit: Org) -> dict | None:
    name = _plain(unit.province or unit.name)
    return _old_units()[0].get(name)


def _former_districts(reg: Registry, unit: Org) -> list[Org]:
    row = _old_province_row(unit)
    if row is None:
        return []
    return [reg._former_district(d) for ds in _old_units()[1].values() for d in ds if d["parent_code"] == row["code"]]


def _former_communes(reg: Registry, unit: Org) -> list[Org]:
    """Communes of a district or province as they were before 1 July 2025; one whose name
    today's province still has is today's (as documents of the time resolve it)."""
    if unit.level == "district":
        districts = {d["code"] for ds in _old_units()[1].values() for d in ds
                     if f"former:district:{_district_id(d)}" == unit.id}
    else:
        row = _old_province_row(unit)
        districts = {c for c, d in _old_d_by_code().items() if row is not None and d["parent_code"] == row["code"]}
    today = reg.province(unit.province or unit.name)
    out: dict[str, Org] = {}
    for ws in _old_wards().values():
        for w in ws:
            if w["parent_code"] not in districts:
                continue
            same = reg._commune_index.get(today.name, {}).get(_plain(w["name"])) if today else None
            o = same or reg._former_ward(w)
            out.setdefault(o.id, o)
    return list(out.values())


__all__ = ["MEMBERS", "collective", "expand", "narrowed"]
