"""Organisations: the post-1-July-2025 administrative registry plus the bodies around it.

Provinces and commune-level units (xã, phường, đặc khu) come from the
``vietnam-provinces`` package, so every one carries its official code.  The
bodies documents are issued by or addressed to — central organs, ministries,
provincial departments, party committees, commune offices — are not in that
registry; they get stable ids built from their province and a slug of their
canonical name, and a ``parent_id`` that ties them to their unit (PART_OF).

Names arrive from headers, "Nơi nhận" lists and sentences, often through OCR,
so :meth:`Registry.resolve` matches on folded text with fuzzy fallbacks.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz import fuzz, process

from luocdo.core.fold import d_initial, slug, squash
from luocdo.core.former_units import (
    REORGANISED,
    FormerUnits,
    _old_d_by_id,
    _old_units,
    _old_w_by_id,
)
from luocdo.core.government import WRITTEN
from luocdo.core.registry_bodies import Bodies
from luocdo.core.registry_tables import (
    _HDND,
    _SO,
    _UBND,
    _UNIT_WORD,
    CENTRAL,
    COMMUNE_UNITS,
    DEPARTMENTS,
    FORMER_PROVINCES,
    MINISTRIES,
    PARTY,
    Org,
    _bare,
    _norm,
    by_consonants,
)

__all__ = ["REORGANISED", "Org", "Registry", "registry"]

_P_FOR_D = re.compile(r"\bp(?!h)")


def _d_for_p(folded: str) -> str:
    """A folded name with OCR's "P" for "Đ" at a word's start read back ("pinh hoa" → "dinh hoa"): Vietnamese
    words begin with "ph", a "p" alone is rare; tried only where the name as read is no unit's."""
    return _P_FOR_D.sub("d", folded)


def _unit_name(name: str) -> tuple[str | None, str]:
    """The unit word's kind ("UBND xã Sơn Mai" → "xã") and the folded name after it ("son mai")."""
    n = re.sub(r"^(?:" + _UBND + r"|" + _HDND + r")\s+", "", _norm(name))
    for word in _UNIT_WORDS_LONGEST_FIRST:
        if n.startswith(word + " "):
            return _UNIT_WORD[word], n[len(word) + 1 :]
    return None, n


_UNIT_WORDS_LONGEST_FIRST = sorted(_UNIT_WORD, key=len, reverse=True)

#: Everything up to a commune's unit word, as written with its marks.
_AFTER_UNIT_WORD = re.compile(r"^(?:.*?\s)?(?:xã|phường|đặc khu|thị trấn)\s+")


#: "Sở" as OCR leaves it at a phrase's start, folded: "se" ("Sé", "S¢"), "sb", "sd" before the department's name.
_SO_AS_READ = re.compile(r"^((?:pho\s+)?(?:giam doc\s+)?)s[ebd]\s+(?=[a-z])")


class Registry(Bodies, FormerUnits):
    """All organisations luocdo knows by name, with fuzzy lookup."""

    def __init__(self) -> None:
        self._by_id: dict[str, Org] = {}
        self._resolve_cache: dict[tuple, Org | None] = {}
        self._former_cache: dict[tuple, Org | None] = {}
        self._province_cache: dict[str, Org | None] = {}
        self._provinces: list[Org] = []
        self._communes: dict[str, list[Org]] = {}
        self._province_names: dict[str, Org] = {}
        self._load_provinces()
        self._load_communes()
        self._load_bodies()

    def _load_provinces(self) -> None:
        """Today's provinces, by name, former name and the usual short forms."""
        from vietnam_provinces import Province

        for p in Province.iter_all():
            code = f"{int(p.code):02d}"
            org = Org(
                id=f"province:{int(p.code)}",
                name=p.name,
                level="province",
                kind=p.division_type.value,
                province=p.name,
                province_code=code,
                code=code,
            )
            self._add(org)
            self._provinces.append(org)
            self._province_names[_bare(p.name)] = org
            self._communes[p.name] = []
        for former, today in FORMER_PROVINCES.items():
            self._province_names[_bare(former)] = self._by_name_exact(today)
        self._province_names["hcm"] = self._by_name_exact("Thành phố Hồ Chí Minh")
        self._province_names["tp hcm"] = self._province_names["hcm"]
        self._province_names["ba ria vung tau"] = self._province_names["hcm"]
        self._province_names["hue"] = self._by_name_exact("Thành phố Huế")

    def _load_communes(self) -> None:
        """Today's communes, wards and special zones, by province and by name."""
        from vietnam_provinces import Ward

        self._commune_index: dict[str, dict[str, Org]] = {}
        self._commune_global: dict[str, list[Org]] = {}
        self._slug_counts: dict[tuple[str | None, str], int] = {}
        self._commune_exact: dict[tuple[str, str], Org] = {}
        for w in Ward.iter_all():
            prov = self._provinces_by_code[int(w.province_code)]
            org = Org(
                id=f"commune:{int(w.code)}",
                name=w.name,
                level="commune",
                kind=w.division_type.value,
                province=prov.name,
                province_code=prov.code,
                code=f"{int(w.code):05d}",
                parent_id=prov.id,
            )
            self._add(org)
            self._communes[prov.name].append(org)
            self._commune_index.setdefault(prov.name, {})[_bare(w.name)] = org
            self._commune_index[prov.name][squash(w.name)] = org
            self._commune_global.setdefault(_bare(w.name), []).append(org)
            self._commune_exact[(prov.name, w.name.lower())] = org
            sk = (prov.name, slug(_bare(w.name)))
            self._slug_counts[sk] = self._slug_counts.get(sk, 0) + 1

    def _load_bodies(self) -> None:
        """Central bodies and ministries (with their symbol codes), department and party names."""
        self._central: dict[str, Org] = {}
        for name, level, spellings in CENTRAL:
            org = Org(id=f"central:{slug(name)}", name=name, level=level, kind="cơ quan trung ương")
            self._add(org)
            for s in (squash(name), *spellings):
                self._central[s] = org
        self._ministry_codes: dict[str, Org] = {}
        for name, codes in MINISTRIES:
            org = Org(id=f"ministry:{slug(name)}", name=name, level="ministry", kind="bộ")
            self._add(org)
            for s in (squash(name), *map(_norm, WRITTEN.get(name, ()))):  # and "Bộ KH&CN", "Bộ GD&ĐT"
                self._central[s] = org
            self._ministry_codes.update((squash(c), org) for c in codes)
        self._dept_names = {squash(n): n for n, _ in DEPARTMENTS}
        self._dept_codes = {squash(c): n for n, codes in DEPARTMENTS for c in codes}
        self._party_names = {squash(n): n for n, _ in PARTY}
        self._party_codes = {squash(c): n for n, codes in PARTY for c in codes}

    # -- construction helpers -------------------------------------------------

    @property
    def _provinces_by_code(self) -> dict[int, Org]:
        return {int(p.code or 0): p for p in self._provinces}

    def _add(self, org: Org) -> None:
        self._by_id[org.id] = org

    def _by_name_exact(self, name: str) -> Org:
        for p in self._provinces:
            if p.name == name:
                return p
        raise KeyError(name)

    def _derived(self, org: Org) -> Org:
        """Register a body created on demand (department, party body, commune office)."""
        return self._by_id.setdefault(org.id, org)

    # -- public lookups -------------------------------------------------------

    def provinces(self) -> list[Org]:
        return list(self._provinces)

    def communes(self, province: str | None = None) -> list[Org]:
        """Commune-level units of a province (registry order), or of the whole country."""
        if province is None:
            return [c for cs in self._communes.values() for c in cs]
        p = self.province(province)
        return list(self._communes.get(p.name, [])) if p else []

    def unit_slug(self, commune: Org) -> str:
        """Key scope of a commune-level unit: "ly-son"; with its code when
        another unit of the province folds to the same slug ("son-ha" for both
        Xã Sơn Hà and Xã Sơn Hạ)."""
        base = slug(_bare(commune.name))
        if self._slug_counts.get((commune.province, base), 0) > 1:
            return f"{base}-{commune.code}"
        return base

    def by_id(self, org_id: str | None) -> Org | None:
        if not org_id:
            return None
        org = self._by_id.get(org_id)
        if org is not None:
            return org
        return self._rebuild(org_id)

    def province(self, name: str | None) -> Org | None:
        """A province by today's name, a former name (Kon Tum → Quảng Ngãi) or an OCR'd one."""
        if not name:
            return None
        if name in self._province_cache:
            return self._province_cache[name]
        org = self._province(name)
        if len(self._province_cache) < 100_000:
            self._province_cache[name] = org
        return org

    def _province(self, name: str) -> Org | None:
        n = _norm(name)
        # "ĐẢNG BỘ TỈNH …" (its "Đ" read as B, P or 0 by OCR: "PANG BO TINH QUANG NGAI")
        n = re.sub(r"^(?:" + _UBND + r"|" + _HDND + r"|[dbp0]ang bo)\s+", "", n)
        stripped = re.sub(r"^(?:tinh|thanh pho|tp)\s+", "", n)
        prefixed, n = stripped != n, stripped
        if n in self._province_names:
            return self._province_names[n]
        # OCR reads a word-initial Đ as B, P or 0: "Bak Lak" is Đắk Lắk
        d_n = d_initial(n)
        if d_n in self._province_names:
            return self._province_names[d_n]
        if len(n) < 3:
            return None
        # OCR garbles short names a lot ("Quéng Ngii"); after "tỉnh" a looser match is safe, down to the consonants
        hit = process.extractOne(n, self._province_names.keys(), scorer=fuzz.ratio, score_cutoff=78 if prefixed else 88)
        return self._province_names[hit[0]] if hit else (by_consonants(d_n, self._province_names) if prefixed else None)

    def commune(self, name: str | None, province: str | None = None) -> Org | None:
        """A xã/phường/đặc khu by name, within a province when one is known.

        Without a province the name must be unique in the country.
        """
        if not name:
            return None
        kind, n = _unit_name(name)
        if not n:
            return None
        raw = " ".join(unicodedata.normalize("NFC", name).lower().split())  # as written, with its marks
        p = self.province(province) if province else None
        if p is not None:
            # with its diacritics the name is exact: "Xã Sơn Hạ" is not "Xã Sơn Hà"
            raw = re.sub(r"^(?:ubnd|ủy ban nhân dân|uỷ ban nhân dân)\s+", "", raw)
            for kind_word in ("xã", "phường", "đặc khu"):
                hit_ = self._commune_exact.get((p.name, raw)) or self._commune_exact.get((p.name, f"{kind_word} {raw}"))
                if hit_ is not None:
                    return hit_
            index = self._commune_index.get(p.name, {})
            org = index.get(n) or index.get(_d_for_p(n))
            if org is None and len(n) >= 4:
                # with the unit word ("xã Sơn Maz") a looser match is safe
                hit = process.extractOne(n, index.keys(), scorer=fuzz.ratio, score_cutoff=80 if kind else 88)
                org = index[hit[0]] if hit else None
            if org is not None and (kind is None or org.kind == kind or kind == "xã"):
                return org
            return org
        cands = self._commune_global.get(n) or self._commune_global.get(_d_for_p(n), [])
        if kind:
            typed = [c for c in cands if c.kind == kind]
            cands = typed or cands
        if len(cands) > 1:
            # with its diacritics the name may still be one in the country: "Ba Tơ", not "Ba Tô"
            bare = _AFTER_UNIT_WORD.sub("", raw)  # "ủy ban nhân dân xã ba tơ", "uy ban nhan dan xã ba tơ" → "ba tơ"
            exact = [c for c in cands if " ".join(c.name.lower().split()[1 if c.kind != "đặc khu" else 2:]) == bare]
            cands = exact if len(exact) == 1 else cands
        return cands[0] if len(cands) == 1 else None

    def communes_named(self, name: str) -> list[Org]:
        """Every commune whose name folds as ``name`` does ("XA BA TO": Ba Tơ and Ba Tô), in any province."""
        kind, n = _unit_name(name)
        return list(self._commune_global.get(n, [])) if kind else []

    def central(self, name: str) -> Org | None:
        n = _norm(name)
        n = re.sub(r"^(?:cua|boi)\s+", "", n)
        if (so := _SO_AS_READ.match(n)) is not None and self.listed_department("so " + n[so.end() :]):
            return None  # "Sé/S¢ Khoa học và Công nghệ": OCR's "Sở", a department, not the ministry
        if n in self._central:
            return self._central[n]
        code = squash(name).replace(" ", "").upper()
        org = self._ministry_codes.get(squash(code))
        if org is not None:
            return org
        if (len(n) >= 6 and not re.search(r"\b(?:tinh|xa|phuong|so)\b", n) and not re.match(_SO + r"\s", n)
                and n not in self._dept_names):  # "Ban Dân tộc" is a province's, not a misreading of "Ủy ban Dân tộc"
            hit = process.extractOne(n, self._central.keys(), scorer=fuzz.ratio, score_cutoff=84)
            return self._central[hit[0]] if hit else None
        return None

    def resolve(self, text: str | None, province: str | None = None, commune: str | None = None) -> Org | None:
        """The organisation a phrase names, or None (memoised: phrases repeat across a corpus)."""
        key = (text, province, commune)
        try:
            return self._resolve_cache[key]
        except KeyError:
            pass
        org = self._resolve(text, province, commune)
        if len(self._resolve_cache) > 200_000:
            self._resolve_cache.clear()
        self._resolve_cache[key] = org
        return org

    def _resolve(self, text: str | None, province: str | None = None, commune: str | None = None) -> Org | None:
        """The organisation a phrase names, or None.

        ``province`` and ``commune`` are the document's context: "UBND tỉnh"
        with no name is the context province, "Văn phòng HĐND và UBND xã" an
        office of the context commune.  Group phrases ("UBND các xã") and
        filing lines ("Lưu: VT") resolve to nothing.
        """
        if not text:
            return None
        n = _norm(text)
        if not n or re.match(r"(?:luu|cac |nhu tren|nhu dieu)", n):
            return None
        n = re.sub(r"^(?:tm|kt|q|tl|tuq)\s+", "", n)
        n = re.sub(r"^(?:cua|boi)\s+", "", n)
        if (so := _SO_AS_READ.match(n)) is not None and self.listed_department("so " + n[so.end() :]):
            n = text = so.group(1) + "so " + n[so.end() :]  # OCR's "Sở" ("Sé", "S¢"), looked up as read back
        n = re.sub(r"^(?:chu tich|pho chu tich|ct|pct|giam doc|bi thu)\s+(?=ubnd|uy ban|hdnd|so\b|tinh|dang)", "", n)
        ctx_commune = self.commune(commune, province) if commune else None
        org = self.central(n)
        if org is not None:
            return org
        # "UBND tỉnh Quảng Ngãi", "Ủy ban nhân dân tỉnh", "tỉnh Lâm Đồng"
        m = re.match(r"(?:" + _UBND + r"|" + _HDND + r"|chu tich ubnd|chu tich uy ban nhan dan)?\s*(tinh|thanh pho)\b\s*(.*)$", n)
        if m and not re.match(r"(?:uy|doan)\b", m.group(2)):
            rest = m.group(2).strip()
            if rest:
                p = self.province(f"tinh {rest}")
                if p is not None:
                    return p
            elif province:
                return self.province(province)
        # "Đảng ủy xã Nghĩa Hành", "Ban Thường vụ Đảng ủy phường …": the commune's Party committee
        m = re.match(r"(?:ban thuong vu\s+|thuong truc\s+)?[dpb]ang\s*[u]y\s+(xa|phuong|dac khu)\b\s*(.*)$", n)  # "BANG UY": OCR's Đ
        if m:
            rest = m.group(2).strip()
            c = (self.commune(f"{m.group(1)} {rest}", province) if rest else None) or ctx_commune
            body = "Thường trực Đảng ủy" if n.startswith("thuong truc") else "Đảng ủy"
            return self.commune_unit(body, c) if c is not None else None
        # "UBND xã Sơn Mai", "xã Sơn Mai", "UBND đặc khu Lý Sơn", "UBND đặc khu"
        m = re.match(r"(?:" + _UBND + r"|" + _HDND + r"|chu tich ubnd)?\s*(xa|phuong|dac khu|thi tran)\b\s*(.*)$", n)
        if m:
            rest = m.group(2).strip()
            if rest:
                # the original spelling first: "Lộc Thành" is not "Lộc Thạnh"
                c = self.commune(text, province) or self.commune(f"{m.group(1)} {rest}", province)
                if c is not None:
                    return c
            elif ctx_commune is not None:
                return ctx_commune
            return None
        if re.fullmatch(r"(?:" + _UBND + r")", n):
            return ctx_commune or (self.province(province) if province else None)
        return self._resolve_body(n, text, province, ctx_commune)

    def _resolve_body(self, n: str, text: str, province: str | None, ctx_commune: Org | None) -> Org | None:
        """A phrase (``n`` folded) that names no unit: a party body, a department or provincial
        office, an office of the context commune, or a bare province name."""
        # party bodies
        # "Tỉnh ủy" as OCR leaves it: "Tinh uy", "Tinh ty", "Tinh i1y", "Tinh ity"
        if re.search(r"(?:tinh|thanh)\s*[a-z0-9]{0,2}y\b|^tu$|^ban thuong vu\b", n):
            return self.party(n, province)
        # departments and provincial offices
        if province and re.match(r"(?:" + _SO + r"\s|van phong ubnd|vp ubnd|vpub|van phong uy ban|cong an tinh|bo chi huy|thanh tra tinh|(?:bao hiem xa hoi|bhxh|(?:cuc )?thue|toa an nhan dan|vien kiem sat nhan dan) tinh|uy ban mttq\S* viet nam tinh|cong thong tin|trung tam phuc vu|bao va|ban quan ly|ban dan toc)", n):
            if not (ctx_commune and n.startswith(("van phong hdnd", "uy ban mttq")) and "tinh" not in n):
                org = self.department(text, province)
                if org is not None:
                    return org
        # offices of the context commune
        if ctx_commune is not None:
            org = self.commune_unit(n, ctx_commune)
            if org is not None:
                return org
        # a bare province name, today's or former ("Kon Tum")
        if n in self._province_names:
            return self._province_names[n]
        return None

    # -- ids of bodies made on demand ----------------------------------------

    def _rebuild(self, org_id: str) -> Org | None:
        """Recreate a derived body from its id (another process made it)."""
        parts = org_id.split(":")
        if len(parts) != 3:
            return None
        kind, code, name_slug = parts
        if kind == "former":
            if code == "province":
                row = next((p for p in _old_units()[0].values() if slug(p["name"]) == name_slug), None)
                return self._former_province(row) if row else None
            if code == "district" and name_slug in _old_d_by_id():
                return self._former_district(_old_d_by_id()[name_slug])
            if code == "commune" and name_slug in _old_w_by_id():
                return self._former_ward(_old_w_by_id()[name_slug])
            if code in ("department", "party"):
                return self._rebuild_former_body(code, name_slug)
            return None
        if kind in ("dept", "party"):
            p = self._by_id.get(f"province:{int(code)}") if code.isdigit() else None
            if p is None:
                return None
            table = DEPARTMENTS if kind == "dept" else PARTY
            for name, _ in table:
                if slug(name) == name_slug:
                    return self._dept(name, p) if kind == "dept" else self.party(name, p.name)
            return None
        if kind == "unit":
            c = self._by_id.get(f"commune:{int(code)}") if code.isdigit() else None
            if c is None:
                return None
            for name in COMMUNE_UNITS:
                if slug(name) == name_slug:
                    return self.commune_unit(name, c)
        return None


@lru_cache(maxsize=1)
def registry() -> Registry:
    """The process-wide registry (built once, ~0.2 s)."""
    return Registry()
