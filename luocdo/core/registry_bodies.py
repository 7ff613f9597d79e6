"""The registry's lookups of the bodies around its units (a part of :class:`~luocdo.core.registry.Registry`):
a province's departments and offices, its Party bodies, a commune's offices and Party committee.  None is
in the official registry; each gets a stable id from its province (or commune) and its canonical name."""

from __future__ import annotations

import re
from typing import Any

from rapidfuzz import fuzz, process

from luocdo.core.fold import OCR_DIGIT_LETTERS, slug, squash
from luocdo.core.registry_tables import _SO, COMMUNE_UNITS, Org, _norm


class Bodies:
    """Departments, Party bodies and commune offices, found by (possibly OCR'd) name."""

    _derived: Any
    _dept_names: dict[str, str]
    _dept_codes: dict[str, str]
    _party_names: dict[str, str]
    _party_codes: dict[str, str]
    province: Any

    def listed_department(self, folded: str) -> bool:
        """``folded`` ("so y te") names a listed department, exactly or as OCR spelled it."""
        return self._listed_name(folded) is not None

    def _listed_name(self, n: str) -> str | None:
        """The listed department ``n`` (folded) names, exactly or as OCR spelled it ("Né6i vy" → "neoi vy")."""
        canonical = self._dept_names.get(n) or self._dept_names.get(n + " tinh")
        if canonical is None:
            hit = process.extractOne(n.translate(OCR_DIGIT_LETTERS), self._dept_names.keys(), scorer=fuzz.ratio,
                                     score_cutoff=80)
            canonical = self._dept_names[hit[0]] if hit else None
        return canonical

    def department(self, name: str, province: str | None) -> Org | None:
        """A provincial department or office by (possibly OCR'd) name."""
        p = self.province(province) if province else None
        if p is None:
            return None
        n = _norm(name)
        named = re.search(r"\s(?:tinh|thanh pho)\s+([a-z]+(?:\s+[a-z]+){0,2})$", n)
        if named is not None:  # "Sở Y tế tỉnh Gia Lai" cited in a Quảng Ngãi paper: Gia Lai's
            p = self.province(f"tinh {named.group(1)}") or p
        n = re.sub(r"^bhxh\b", "bao hiem xa hoi", n)
        if n.startswith(("cong an", "bo chi huy", "thanh tra", "uy ban mttq", "bao hiem xa hoi", "thue", "cuc thue",
                         "toa an", "vien kiem sat")):
            n = re.sub(r"(\s(?:tinh|thanh pho))(?:\s+[a-z]+){1,3}$", r"\1", n)  # "Công an tỉnh Quảng Ngãi": its "tỉnh" is its name's
        else:
            n = re.sub(r"\s+(?:tinh|thanh pho)(?:\s+[a-z]+){0,3}$", "", n)
        m = re.match(_SO + r"\s+(.+)$", n)
        if m:
            n = "so " + m.group(1)
        if n.startswith(("van phong ubnd", "vpub", "vp ubnd", "van phong uy ban")):
            canonical: str | None = "Văn phòng UBND tỉnh"
        else:
            canonical = self._listed_name(n)
        if canonical is None:
            # an unlisted department keeps the name as written, if it reads as one
            if not re.fullmatch(r"so(?:\s+[a-z]{2,}){1,8}", n):
                return None
            canonical = "Sở " + name.strip(" -;:.,").split(None, 1)[-1]
            canonical = re.sub(r"\s+tỉnh.*$", "", canonical)
        return self._dept(canonical, p)

    def _dept(self, canonical: str, p: Org) -> Org:
        return self._derived(
            Org(
                id=f"dept:{int(p.code or 0)}:{slug(canonical)}",
                name=canonical,
                level="department",
                kind="văn phòng" if canonical.startswith("Văn phòng") else "sở" if canonical.startswith("Sở") else "cơ quan",
                province=p.name,
                province_code=p.code,
                parent_id=p.id,
            )
        )

    def department_from_code(self, code: str, province: str | None) -> Org | None:
        """"SKHCN" → Sở Khoa học và Công nghệ of the province."""
        p = self.province(province) if province else None
        if p is None:
            return None
        c = squash(code.split("-")[0])
        canonical = self._dept_codes.get(c)
        if canonical is None:
            return None
        return self._dept(canonical, p)

    def party(self, name: str, province: str | None) -> Org | None:
        p = self.province(province) if province else None
        if p is None:
            return None
        n = _norm(name)
        n = re.sub(r"\s+tinh\s*$", "", n)
        n = re.sub(r"\b(tinh|thanh)\s*[a-z0-9]{0,2}y\b", r"\1 uy", n)
        named = re.match(r"((?:tinh|thanh) uy)\s+(.+)$", n)  # "Tỉnh ủy Kon Tum": the body of that province
        if named and self.province(f"tinh {named.group(2)}") is not None:
            n = named.group(1)
        canonical = self._party_names.get(n) or self._party_codes.get(n)
        if canonical is None:
            hit = process.extractOne(n, self._party_names.keys(), scorer=fuzz.ratio, score_cutoff=85)
            canonical = self._party_names[hit[0]] if hit else None
        if canonical is None:
            return None
        return self._derived(
            Org(
                id=f"party:{int(p.code or 0)}:{slug(canonical)}",
                name=canonical,
                level="party",
                kind="cơ quan đảng",
                province=p.name,
                province_code=p.code,
                parent_id=p.id,
            )
        )

    def commune_unit(self, name: str, commune: Org) -> Org | None:
        """An office or body of a commune ("Văn phòng HĐND và UBND xã")."""
        n = _norm(name).replace("mttqvn", "mttq viet nam").replace(" - ", " ")
        n = re.sub(r"^(?:cvp|pcvp)\s+", "van phong ", n)
        choices = {squash(u).replace(" - ", " "): u for u in COMMUNE_UNITS}
        canonical = choices.get(n)
        if canonical is None:
            n = re.sub(r"\s+(?:xa|phuong|dac khu)(?:\s+[a-z]+){0,3}$", "", n)
            canonical = choices.get(n)
        if canonical is None:
            hit = process.extractOne(n, choices.keys(), scorer=fuzz.ratio, score_cutoff=85)
            canonical = choices[hit[0]] if hit else None
        if canonical is None:
            return None
        return self._derived(
            Org(
                id=f"unit:{int(commune.code or 0)}:{slug(canonical)}",
                name=f"{canonical} {commune.name[0].lower()}{commune.name[1:]}",
                level="commune",
                kind="cơ quan cấp xã",
                province=commune.province,
                province_code=commune.province_code,
                code=commune.code,
                parent_id=commune.id,
            )
        )

