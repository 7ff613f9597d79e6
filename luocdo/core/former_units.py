"""Units as they were before 1 July 2025: the 63 provinces, their districts and communes
(package vietnam-address-converter), how a document of the time names them, and today's units
that took them over."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from luocdo.core.fold import OCR_DIGIT_LETTERS, d_initial, slug, squash
from luocdo.core.registry_tables import (
    _HDND,
    _UBND,
    DEPARTMENTS,
    FORMER_PROVINCES,
    PARTY,
    Org,
    _norm,
)

#: The day the 2025 reorganisation took effect: a document dated before it was
#: issued by the provinces and districts of its time.
REORGANISED = "2025-07-01"

def _plain(name: str) -> str:
    """Folded name with hyphens as spaces: "Bà Rịa-Vũng Tàu" and "Bà Rịa - Vũng Tàu" alike
    (nothing stripped: "Tịnh Minh" is a name, not "tỉnh Minh")."""
    return " ".join(squash(name).replace("-", " ").split())


_FORMER_BARE = frozenset(_plain(n) for n in FORMER_PROVINCES)
_DISTRICT_TYPE = {"huyen": "huyen", "quan": "quan", "thi xa": "thi-xa", "thanh pho": "thanh-pho", "tp": "thanh-pho"}


@lru_cache(maxsize=1)
def _old_units() -> tuple[dict[str, dict], dict[str, list[dict]]]:
    """The 63 provinces and 696 districts before 1 July 2025 (package vietnam-address-converter),
    by folded bare name ("kon tum", "son tinh")."""
    from vietnam_address_converter.data import oldDistricts, oldProvinces

    provinces = {_plain(p["name"]): p for p in oldProvinces.values()}
    districts: dict[str, list[dict]] = {}
    for d in oldDistricts.values():
        districts.setdefault(_plain(d["name"]), []).append(d)
    return provinces, districts


@lru_cache(maxsize=1)
def old_p_by_code() -> dict[str, dict]:
    return {p["code"]: p for p in _old_units()[0].values()}


def _district_id(row: dict) -> str:
    """Id part of a former district: its province's and its own slugs ("quang-ngai--huyen-son-tinh");
    the package's numeric codes are its own, not the official ones."""
    return f"{slug(old_p_by_code()[row['parent_code']]['name'])}--{slug(row['name_with_type'])}"


@lru_cache(maxsize=1)
def _old_d_by_id() -> dict[str, dict]:
    return {_district_id(d): d for ds in _old_units()[1].values() for d in ds}


@lru_cache(maxsize=1)
def _old_d_by_code() -> dict[str, dict]:
    return {d["code"]: d for ds in _old_units()[1].values() for d in ds}


@lru_cache(maxsize=1)
def _old_wards() -> dict[str, list[dict]]:
    """Communes, wards and towns before 1 July 2025, by folded bare name."""
    from vietnam_address_converter.data import oldWards

    out: dict[str, list[dict]] = {}
    for w in oldWards.values():
        out.setdefault(_plain(w["name"]), []).append(w)
    return out


def _ward_province(row: dict) -> str | None:
    d = _old_d_by_code().get(row["parent_code"])
    return _plain(old_p_by_code()[d["parent_code"]]["name"]) if d else None


def _ward_id(row: dict) -> str:
    d = _old_d_by_code()[row["parent_code"]]
    return f"{_district_id(d)}--{slug(row['name_with_type'])}"


@lru_cache(maxsize=1)
def _old_w_by_id() -> dict[str, dict]:
    return {_ward_id(w): w for ws in _old_wards().values() for w in ws if w["parent_code"] in _old_d_by_code()}


@lru_cache(maxsize=1)
def _ward_successors() -> dict[str, tuple[tuple[str, str], ...]]:
    """Former commune code → (today's province, today's commune)."""
    from vietnam_address_converter.data import mapping

    out: dict[str, set[tuple[str, str]]] = {}
    for row in mapping["rows"]:
        out.setdefault(row["old"]["ward_code"], set()).add((row["new"]["province_name"], row["new"]["ward_name"]))
    return {k: tuple(sorted(v)) for k, v in out.items()}


@lru_cache(maxsize=1)
def _district_successors() -> dict[str, tuple[tuple[str, str], ...]]:
    """Former district code → (today's province, today's commune) that took over its communes."""
    from vietnam_address_converter.data import mapping

    out: dict[str, set[tuple[str, str]]] = {}
    for row in mapping["rows"]:
        new = row["new"]
        out.setdefault(row["old"]["district_code"], set()).add((new["province_name"], new["ward_name"]))
    return {k: tuple(sorted(v)) for k, v in out.items()}


#: Provincial departments merged into another in 2025 (before the provinces merged): the name of
#: the department that took each over (Nghị định 45/2025/NĐ-CP on provincial departments).
DEPARTMENT_SUCCESSOR: dict[str, str] = {
    "Sở Thông tin và Truyền thông": "Sở Khoa học và Công nghệ",
    "Sở Kế hoạch và Đầu tư": "Sở Tài chính",
    "Sở Lao động - Thương binh và Xã hội": "Sở Nội vụ",
    "Sở Tài nguyên và Môi trường": "Sở Nông nghiệp và Môi trường",
    "Sở Nông nghiệp và Phát triển nông thôn": "Sở Nông nghiệp và Môi trường",
    "Sở Giao thông vận tải": "Sở Xây dựng",
    "Ban Dân tộc": "Sở Dân tộc và Tôn giáo",
}

#: The day the departments of :data:`DEPARTMENT_SUCCESSOR` were merged (1 March 2025): from it a
#: unit asked to act under a merged department's name is the department that took it over.
DEPARTMENTS_MERGED = "2025-03-01"

#: A name's first letter read for "Đ" ("Puc Pho"), the later words' "B" and "P" their own.
_FIRST_D_READ = re.compile(r"^[bp0](?=[a-z0-9])")

#: "… tỉnh Kon Tum", "… thành phố Đà Nẵng" inside a body's name (folded).
#: "Tỉnh ủy Kon Tum" names its province after the body.
_PROVINCE_IN_NAME = re.compile(r"(?<![a-z])(?:(?:tinh|thanh)\s+uy|(tinh|thanh pho))\s+([a-z][a-z ]*)$")


class FormerUnits:
    """The registry's lookups of former units (a part of :class:`~luocdo.core.registry.Registry`)."""

    _derived: Any
    _former_cache: dict[tuple, Org | None]
    _province_names: dict[str, Any]
    _commune_index: dict[str, dict[str, Org]]
    province: Any
    commune: Any
    department: Any
    party: Any

    def former(self, text: str | None, province: str | None = None) -> Org | None:
        """:meth:`_former`, memoised: every citation of before July 2025 asks for its issuer phrase."""
        key = (text, province)
        try:
            return self._former_cache[key]
        except KeyError:
            pass
        if len(self._former_cache) > 100_000:
            self._former_cache.clear()
        org = self._former_cache[key] = self._former(text, province)
        return org

    def _former(self, text: str | None, province: str | None = None) -> Org | None:
        """A province or district that no longer exists, as a document of its time names it.

        "UBND tỉnh Kon Tum" → the former province of Kon Tum; "UBND huyện Sơn
        Tịnh" → the former district (``province``, a name of that time or
        today's, picks among districts of the same name).  A province that
        kept its name ("tỉnh Quảng Ngãi") is today's: None.
        """
        if not text:
            return None
        n = re.sub(r"^(?:" + _UBND + r"|" + _HDND + r")\s+", "", _norm(text))
        m = re.match(r"(tinh|thanh pho|tp|huy[a-z&`]n|quan|thi xa|xa|phuong|thi tran)\s+(.+)$", n)
        if m is None:
            return None
        # (no place name has a "j": it is OCR's reading of "ị", as in "Binh Djnh")
        word, name = m.group(1), " ".join(m.group(2).replace("-", " ").replace("j", "i").split())
        word = "huyen" if word.startswith("huy") else word  # "huy¢n" (OCR)
        if word in ("xa", "phuong", "thi tran"):
            return self._former_commune(word, name, text, province)
        old_p, old_d = _old_units()
        if word in ("tinh", "thanh pho", "tp"):
            hit = old_p.get(name)
            if hit is None:  # OCR reads a word-initial Đ as B, P or 0: "tỉnh Bak Nong" is Đắk Nông
                hit = old_p.get(d_initial(name)) or _former_province_near(name, old_p)
            if hit is not None and word != "tinh" and hit["type"] != "thanh-pho":
                hit = None  # "thành phố Kon Tum" is the city in the province, a district
            if hit is not None and _plain(hit["name"]) in _FORMER_BARE:
                return self._former_province(hit)
            if hit is not None or word == "tinh" or (name in self._province_names and name not in old_p):
                return None
        # (a district's word-initial Đ read as B, P or 0 too: "huyện Bak Ha" is Đắk Hà)
        cands = (old_d.get(name, []) or old_d.get(d_initial(name), [])
                 or old_d.get(_FIRST_D_READ.sub("d", name), [])  # "Puc Pho": Đức Phổ, its "Ph" a "Ph"
                 or (self._district_near(name, province) if province else []))
        if word in ("huyen", "quan", "thi xa", "thanh pho", "tp"):
            typed = [d for d in cands if d["type"] == _DISTRICT_TYPE.get(word, d["type"])]
            cands = typed or cands
        if len(cands) > 1 and province:
            p_old = self.province(province)
            want = {_plain(province), *(_plain(f) for f, t in FORMER_PROVINCES.items() if p_old and t == p_old.name)}
            if p_old is not None:
                want.add(_plain(p_old.name))
            cands = [d for d in cands if _plain(old_p_by_code()[d["parent_code"]]["name"]) in want]
        return self._former_district(cands[0]) if len(cands) == 1 else None

    def _district_near(self, name: str, province: str) -> list[dict]:
        """The district of ``province`` (as it then was, or today's) whose name OCR misread ("S&n Tinh",
        "S6n Tinh"): one only, else none."""
        from rapidfuzz import fuzz, process

        p_old = self.province(province)
        want = {_plain(province), *(_plain(f) for f, t in FORMER_PROVINCES.items() if p_old and t == p_old.name)}
        if p_old is not None:
            want.add(_plain(p_old.name))
        names = {n: ds for n, ds in _old_units()[1].items()
                 if any(_plain(old_p_by_code()[d["parent_code"]]["name"]) in want for d in ds)}
        probe = name.translate(OCR_DIGIT_LETTERS).replace("&", "o")
        hits = process.extract(probe, list(names), scorer=fuzz.ratio, score_cutoff=85, limit=2)
        return names[hits[0][0]] if len(hits) == 1 else []

    def _former_commune(self, word: str, name: str, text: str, province: str | None) -> Org | None:
        """A xã/phường/thị trấn of before July 2025 whose name is gone from today's province
        (one that kept its name is today's); ``province`` is required: names repeat."""
        p_now = self.province(province) if province else None
        if p_now is None or name in self._commune_index.get(p_now.name, {}):
            return None
        want = {_plain(p_now.name), *(_plain(f) for f, t in FORMER_PROVINCES.items() if t == p_now.name)}
        if province:
            want.add(_plain(province))
        typ = {"xa": "xa", "phuong": "phuong", "thi tran": "thi-tran"}[word]
        cands = [w for w in _old_wards().get(name, []) if w["type"] == typ and _ward_province(w) in want]
        return self._former_ward(cands[0]) if len(cands) == 1 else None

    def _former_ward(self, row: dict) -> Org:
        district = _old_d_by_code().get(row["parent_code"])
        parent = self._former_district(district) if district else None
        prov = old_p_by_code()[district["parent_code"]]["name"] if district else None
        head, _sep, rest = row["name_with_type"].partition(" ")
        if rest.startswith("Trấn "):
            w, _s, rest = rest.partition(" ")
            head = f"{head} {w.lower()}"
        return self._derived(Org(id=f"former:commune:{_ward_id(row)}", name=f"{head} {rest}", level="commune",
                                 kind=head.lower(), province=prov, parent_id=parent.id if parent else None))

    def _former_province(self, row: dict) -> Org:
        kind = "thành phố" if row["type"] == "thanh-pho" else "tỉnh"
        return self._derived(Org(id=f"former:province:{slug(row['name'])}", name=row["name"], level="province",
                                 kind=kind, province=row["name"]))

    def _former_district(self, row: dict) -> Org:
        prov = old_p_by_code()[row["parent_code"]]
        parent = self._former_province(prov) if _plain(prov["name"]) in _FORMER_BARE else self.province(prov["name"])
        head, _sep, rest = row["name_with_type"].partition(" ")
        if rest.startswith(("Xã ", "Phố ")):  # "Thị Xã Ba Đồn", "Thành Phố Kon Tum" → "Thị xã", "Thành phố"
            w, _s, rest = rest.partition(" ")
            head = f"{head} {w.lower()}"
        return self._derived(Org(id=f"former:district:{_district_id(row)}", name=f"{head} {rest}",
                                 level="district", kind=head.lower(),
                                 province=prov["name"], parent_id=parent.id if parent else None))

    def former_body(self, org: Org | None, phrases: tuple[str | None, ...], province: str | None = None) -> Org | None:
        """:meth:`_find_former_body`, memoised (asked at every citation of before July 2025)."""
        if org is None or org.level not in ("department", "party"):
            return None
        key = (org.id, phrases, province)
        try:
            return self._former_cache[key]
        except KeyError:
            pass
        if len(self._former_cache) > 100_000:
            self._former_cache.clear()
        found = self._former_cache[key] = self._find_former_body(org, phrases, province)
        return found

    def _find_former_body(self, org: Org, phrases: tuple[str | None, ...], province: str | None = None) -> Org | None:
        """A department or party body of a province that no longer exists, as a document of its time
        names it: "Sở Y tế" under "UBND TỈNH KON TUM", "Sở Y tế tỉnh Kon Tum".  ``org`` is the body as
        resolved today (dept:51:so-y-te); ``phrases`` are where the former province may be named
        (the agency block's lines, the citation's issuer phrase); ``province``, a province name of
        the time, is the fallback (the citing document's own former province)."""
        if org is None or org.level not in ("department", "party") or org.parent_id is None:
            return None
        for phrase in phrases:
            n = " ".join(_norm(phrase).replace("-", " ").split()) if phrase else ""
            m = _PROVINCE_IN_NAME.search(n)
            if m is None:
                continue
            then = self.former(f"{m.group(1) or 'tinh'} {m.group(2)}")
            if then is not None and then.level == "province":
                return self._former_body(org, then)
            if self.province(f"tinh {m.group(2)}") is not None:
                return None  # the phrase names a province that kept its name
        then = self.former(f"tỉnh {province}") if province else None
        if then is not None and then.level == "province" and self.successors(then) and self.successors(then)[0].id == org.parent_id:
            return self._former_body(org, then)
        return None

    def _former_body(self, org: Org, province: Org) -> Org:
        return self._derived(Org(id=f"former:{org.level}:{province.id.rsplit(':', 1)[-1]}--{slug(org.name)}",
                                 name=org.name, level=org.level, kind=org.kind, province=province.name,
                                 parent_id=province.id))

    def _rebuild_former_body(self, level: str, name_slug: str) -> Org | None:
        """A former department or party body from its id part ("kon-tum--so-y-te")."""
        p_slug, _sep, body_slug = name_slug.partition("--")
        row = next((p for p in _old_units()[0].values() if slug(p["name"]) == p_slug), None)
        table = DEPARTMENTS if level == "department" else PARTY
        name = next((n for n, _ in table if slug(n) == body_slug), None)
        if row is None or name is None or _plain(row["name"]) not in _FORMER_BARE:
            return None
        today = self.province(row["name"])
        if today is None:
            return None
        org = self.department(name, today.name) if level == "department" else self.party(name, today.name)
        return self._former_body(org, self._former_province(row)) if org is not None else None

    def merged_into(self, org: Org) -> Org | None:
        """The department that took over one merged on 1 March 2025, in the same province as it then
        was ("Sở Thông tin và Truyền thông" of Quảng Ngãi → its Sở Khoa học và Công nghệ; of the
        former Kon Tum → the former Kon Tum's); None for any other unit."""
        name = DEPARTMENT_SUCCESSOR.get(org.name) if org.level == "department" else None
        if name is None or not org.province:
            return None
        if org.id.startswith("dept:"):
            return self.department(name, org.province)
        if org.id.startswith("former:department:"):
            then = self.former(f"tỉnh {org.province}")
            today = self.department(name, self.successors(then)[0].name) if then and self.successors(then) else None
            return self._former_body(today, then) if today is not None and then is not None else None
        return None

    def as_of(self, org: Org | None, day: str | None) -> Org | None:
        """The unit a name asks to act in a text of ``day`` (ISO): a department merged on 1 March 2025,
        named in a text of that day or later, is the one that took it over; else ``org`` itself."""
        if org is None or day is None or day < DEPARTMENTS_MERGED or org.level != "department":
            return org
        return self.merged_into(org) or org

    def successors(self, org: Org) -> list[Org]:
        """Today's units that took over a former one: a province's successor, a district's communes,
        a department's or party body's counterpart in today's province (a department merged in
        2025: the one that took it over, also in a province that kept its name)."""
        if org.id.startswith("dept:"):
            merged = self.merged_into(org)
            return [merged] if merged is not None else []
        if org.id.startswith("former:province:"):
            p = self.province(org.name)
            return [p] if p is not None else []
        if org.id.startswith(("former:department:", "former:party:")):
            p = self.province(org.province)
            if p is None:
                return []
            name = DEPARTMENT_SUCCESSOR.get(org.name, org.name)
            today = self.department(name, p.name) if org.level == "department" else self.party(name, p.name)
            return [today] if today is not None else []
        if org.id.startswith("former:commune:"):
            row = _old_w_by_id().get(org.id.rsplit(":", 1)[-1])
            return self._communes_of(_ward_successors().get(row["code"] if row else "", ()))
        if org.id.startswith("former:district:"):
            row = _old_d_by_id().get(org.id.rsplit(":", 1)[-1])
            return self._communes_of(_district_successors().get(row["code"] if row else "", ()))
        return []

    def _communes_of(self, wards: Any) -> list[Org]:
        """Today's communes named by (province, ward) pairs, once each, in id order."""
        out: dict[str, Org] = {}
        for prov_name, ward in wards:
            c = self.commune(ward, prov_name)
            if c is not None:
                out[c.id] = c
        return sorted(out.values(), key=lambda o: o.id)


def _former_province_near(name: str, old_p: dict[str, dict]) -> dict | None:
    """The one province gone in 2025 whose name OCR misread after "tỉnh" ("Dik Nong"), else None."""
    from rapidfuzz import fuzz, process

    gone = [n for n in old_p if _plain(old_p[n]["name"]) in _FORMER_BARE]
    probe = d_initial(name.translate(OCR_DIGIT_LETTERS).replace("&", "o"))
    hits = process.extract(probe, gone, scorer=fuzz.ratio, score_cutoff=85, limit=2)
    return old_p[hits[0][0]] if len(hits) == 1 else None
