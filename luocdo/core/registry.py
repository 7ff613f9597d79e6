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
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from luocdo.core.fold import OCR_DIGIT_LETTERS, slug, squash

__all__ = ["Org", "Registry", "registry"]


@dataclass(frozen=True, slots=True)
class Org:
    """An organisation node.  ``province`` is the registry province name."""

    id: str
    name: str
    level: str  # central | ministry | party | province | department | commune
    kind: str
    province: str | None = None
    province_code: str | None = None
    code: str | None = None
    parent_id: str | None = None

    def row(self) -> dict:
        """Properties of the Organization node (``part_of`` gives the PART_OF edge)."""
        return {
            "id": self.id,
            "name": self.name,
            "level": self.level,
            "kind": self.kind,
            "province": self.province,
            "province_code": self.province_code,
            "code": self.code,
            "search": squash(f"{self.name} {self.province or ''}"),
            "part_of": self.parent_id,
        }


# ---------------------------------------------------------------------------
# Tables (public facts)
# ---------------------------------------------------------------------------

#: Provinces merged on 1 July 2025: former name → today's province.
FORMER_PROVINCES: dict[str, str] = {
    "Hà Giang": "Tuyên Quang",
    "Yên Bái": "Lào Cai",
    "Bắc Kạn": "Thái Nguyên",
    "Vĩnh Phúc": "Phú Thọ",
    "Hòa Bình": "Phú Thọ",
    "Bắc Giang": "Bắc Ninh",
    "Thái Bình": "Hưng Yên",
    "Hải Dương": "Thành phố Hải Phòng",
    "Hà Nam": "Ninh Bình",
    "Nam Định": "Ninh Bình",
    "Quảng Bình": "Quảng Trị",
    "Quảng Nam": "Thành phố Đà Nẵng",
    "Kon Tum": "Quảng Ngãi",
    "Bình Định": "Gia Lai",
    "Ninh Thuận": "Khánh Hòa",
    "Đắk Nông": "Lâm Đồng",
    "Bình Thuận": "Lâm Đồng",
    "Phú Yên": "Đắk Lắk",
    "Bình Dương": "Thành phố Hồ Chí Minh",
    "Bà Rịa - Vũng Tàu": "Thành phố Hồ Chí Minh",
    "Bình Phước": "Đồng Nai",
    "Long An": "Tây Ninh",
    "Sóc Trăng": "Thành phố Cần Thơ",
    "Hậu Giang": "Thành phố Cần Thơ",
    "Bến Tre": "Vĩnh Long",
    "Trà Vinh": "Vĩnh Long",
    "Tiền Giang": "Đồng Tháp",
    "Bạc Liêu": "Cà Mau",
    "Kiên Giang": "An Giang",
    "Thừa Thiên Huế": "Thành phố Huế",
}

#: Central organs: canonical name, level, id slug, extra spellings.
CENTRAL: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Ban Chấp hành Trung ương", "central", ("bch trung uong", "ban chap hanh trung uong dang", "trung uong")),
    ("Bộ Chính trị", "central", ("bo chinh tri",)),
    ("Ban Bí thư", "central", ("ban bi thu",)),
    ("Quốc hội", "central", ("quoc hoi",)),
    ("Ủy ban Thường vụ Quốc hội", "central", ("ubtvqh", "uy ban thuong vu quoc hoi")),
    ("Chính phủ", "central", ("chinh phu",)),
    ("Thủ tướng Chính phủ", "central", ("thu tuong chinh phu", "thu tuong")),
    ("Văn phòng Chính phủ", "central", ("vpcp", "van phong chinh phu")),
    ("Văn phòng Quốc hội", "central", ("vpqh", "van phong quoc hoi")),  # issues the consolidated texts of laws
    ("Chủ tịch nước", "central", ("ctn", "chu tich nuoc", "chu tich nuoc cong hoa xa hoi chu nghia viet nam")),
    ("Tòa án nhân dân tối cao", "central", ("tandtc", "toa an nhan dan toi cao")),
    ("Hội đồng Thẩm phán Tòa án nhân dân tối cao", "central", ("hdtp", "hoi dong tham phan", "hoi dong tham phan toa an nhan dan toi cao")),
    ("Viện kiểm sát nhân dân tối cao", "central", ("vksndtc", "vien kiem sat nhan dan toi cao")),
    ("Kiểm toán nhà nước", "central", ("ktnn", "kiem toan nha nuoc")),
)

#: Ministries and ministry-level bodies (post-2025 names first), with codes.
MINISTRIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Bộ Nội vụ", ("BNV",)),
    ("Bộ Tài chính", ("BTC",)),
    ("Bộ Khoa học và Công nghệ", ("BKHCN",)),
    ("Bộ Thông tin và Truyền thông", ("BTTTT",)),
    ("Bộ Kế hoạch và Đầu tư", ("BKHĐT",)),
    ("Bộ Y tế", ("BYT",)),
    ("Bộ Giáo dục và Đào tạo", ("BGDĐT",)),
    ("Bộ Tư pháp", ("BTP",)),
    ("Bộ Công an", ("BCA",)),
    ("Bộ Quốc phòng", ("BQP",)),
    ("Bộ Ngoại giao", ("BNG",)),
    ("Bộ Công Thương", ("BCT",)),
    ("Bộ Xây dựng", ("BXD",)),
    ("Bộ Giao thông vận tải", ("BGTVT",)),
    ("Bộ Nông nghiệp và Môi trường", ("BNNMT",)),
    ("Bộ Nông nghiệp và Phát triển nông thôn", ("BNNPTNT",)),
    ("Bộ Tài nguyên và Môi trường", ("BTNMT",)),
    ("Bộ Văn hóa, Thể thao và Du lịch", ("BVHTTDL",)),
    ("Bộ Lao động - Thương binh và Xã hội", ("BLĐTBXH",)),
    ("Bộ Dân tộc và Tôn giáo", ("BDTTG",)),
    ("Thanh tra Chính phủ", ("TTCP",)),
    ("Ngân hàng Nhà nước Việt Nam", ("NHNN",)),
    ("Ủy ban Dân tộc", ("UBDT",)),
    ("Bảo hiểm xã hội Việt Nam", ("BHXH", "BHXHVN")),
)

#: Provincial departments and offices, with their symbol codes ("SKHCN").
DEPARTMENTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Văn phòng UBND tỉnh", ("VPUBND", "VP", "VPUB")),
    ("Văn phòng Đoàn ĐBQH và HĐND tỉnh", ("VPĐĐBQHHĐND",)),
    ("Sở Nội vụ", ("SNV",)),
    ("Sở Tài chính", ("STC",)),
    ("Sở Khoa học và Công nghệ", ("SKHCN",)),
    ("Sở Thông tin và Truyền thông", ("STTTT", "STT&TT")),
    ("Sở Kế hoạch và Đầu tư", ("SKHĐT",)),
    ("Sở Y tế", ("SYT",)),
    ("Sở Giáo dục và Đào tạo", ("SGDĐT",)),
    ("Sở Tư pháp", ("STP",)),
    ("Sở Công Thương", ("SCT",)),
    ("Sở Xây dựng", ("SXD",)),
    ("Sở Giao thông vận tải", ("SGTVT",)),
    ("Sở Nông nghiệp và Môi trường", ("SNNMT",)),
    ("Sở Nông nghiệp và Phát triển nông thôn", ("SNNPTNT", "SNN")),
    ("Sở Tài nguyên và Môi trường", ("STNMT",)),
    ("Sở Văn hóa, Thể thao và Du lịch", ("SVHTTDL",)),
    ("Sở Văn hóa và Thể thao", ("SVHTT",)),
    ("Sở Du lịch", ("SDL",)),
    ("Sở Lao động - Thương binh và Xã hội", ("SLĐTBXH",)),
    ("Sở Dân tộc và Tôn giáo", ("SDTTG",)),
    ("Sở Ngoại vụ", ("SNgV",)),
    ("Thanh tra tỉnh", ("TTr",)),
    ("Công an tỉnh", ("CAT",)),
    ("Bộ Chỉ huy Quân sự tỉnh", ("BCHQS",)),
    ("Ủy ban MTTQ Việt Nam tỉnh", ("MTTQ",)),
    ("Ban Quản lý Khu kinh tế", ("BQLKKT",)),
    ("Cổng Thông tin điện tử tỉnh", ("CTTĐT",)),
    ("Báo và Phát thanh, Truyền hình tỉnh", ()),
    ("Trung tâm Phục vụ hành chính công tỉnh", ()),
)

#: Provincial party bodies.
PARTY: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Tỉnh ủy", ("TU",)),
    ("Ban Thường vụ Tỉnh ủy", ("BTVTU",)),
    ("Ban Tuyên giáo và Dân vận Tỉnh ủy", ()),
    ("Ban Tổ chức Tỉnh ủy", ()),
    ("Ủy ban Kiểm tra Tỉnh ủy", ()),
    ("Văn phòng Tỉnh ủy", ()),
)

#: Offices and bodies of a commune-level unit (post-2025 two-tier model).
COMMUNE_UNITS: tuple[str, ...] = (
    "Văn phòng HĐND và UBND",
    "Phòng Kinh tế",
    "Phòng Văn hóa - Xã hội",
    "Đảng ủy",
    "Thường trực Đảng ủy",
    "Thường trực HĐND",
    "HĐND",
    "Ủy ban MTTQ Việt Nam",
    "Công an",
    "Ban Chỉ huy Quân sự",
    "Trung tâm Phục vụ hành chính công",
    "Trạm Y tế",
)

# ---------------------------------------------------------------------------
# Name normalisation
# ---------------------------------------------------------------------------

# OCR writes "Sở" as "S&", "S6", "Sd", "S¢", "So" …; after folding: s + one junk char.
_SO = r"s[o0&6d¢c]?"
_UNIT_WORD = {
    "xa": "xã",
    "phuong": "phường",
    "dac khu": "đặc khu",
    "thi tran": "xã",  # former towns became communes or wards
}
_UBND = r"(?:ubnd|uy\s*ban\s*nhan\s*d[a-z]n|ub|tm\.?\s*ubnd)"
_HDND = r"(?:hdnd|hpnd|hoi\s*dong\s*nhan\s*dan)"




def _norm(text: str) -> str:
    """Folded, OCR-cleaned form for matching: "UBND x&  Bắc Ruộng;" → "ubnd xa bac ruong"."""
    s = squash(text)
    s = re.sub(r"\(.*?\)", " ", s)  # "(b/cáo)", "(để thực hiện)"
    s = re.sub(r"(?<![a-z])x[a&3-9§@d]?(?=\s|$)", "xa", s)  # "x&", "x3", "x4" → xã
    s = re.sub(r"[;:,.\"“”'`*_|]+", " ", s)
    s = re.sub(r"^[\s\-–+•]+", "", s)
    return " ".join(s.split())


def _bare(name: str) -> str:
    """Registry unit name without its kind: "Xã Sơn Mai" → "son mai"."""
    n = squash(name)
    for prefix in ("thanh pho ", "dac khu ", "xa ", "phuong ", "tinh "):
        if n.startswith(prefix):
            return n[len(prefix) :]
    return n


class Registry:
    """All organisations luocdo knows by name, with fuzzy lookup."""

    def __init__(self) -> None:
        from vietnam_provinces import Province, Ward

        self._by_id: dict[str, Org] = {}
        self._resolve_cache: dict[tuple, Org | None] = {}
        self._province_cache: dict[str, Org | None] = {}
        self._provinces: list[Org] = []
        self._communes: dict[str, list[Org]] = {}
        self._province_names: dict[str, Org] = {}
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
            self._central[squash(name)] = org
            for c in codes:
                self._ministry_codes[squash(c)] = org
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
        n = re.sub(r"^(?:" + _UBND + r"|" + _HDND + r"|dang bo)\s+", "", n)
        stripped = re.sub(r"^(?:tinh|thanh pho|tp)\s+", "", n)
        prefixed, n = stripped != n, stripped
        if n in self._province_names:
            return self._province_names[n]
        # OCR reads a word-initial Đ as B, P or 0: "Bak Lak" is Đắk Lắk
        d_n = re.sub(r"\b[bp0](?=[a-z])", "d", n)
        if d_n in self._province_names:
            return self._province_names[d_n]
        if len(n) < 3:
            return None
        # OCR garbles short names a lot ("Quéng Ngii"); after "tỉnh" a looser match is safe
        cutoff = 78 if prefixed else 88
        hit = process.extractOne(n, self._province_names.keys(), scorer=fuzz.ratio, score_cutoff=cutoff)
        return self._province_names[hit[0]] if hit else None

    def commune(self, name: str | None, province: str | None = None) -> Org | None:
        """A xã/phường/đặc khu by name, within a province when one is known.

        Without a province the name must be unique in the country.
        """
        if not name:
            return None
        n = _norm(name)
        n = re.sub(r"^(?:" + _UBND + r"|" + _HDND + r")\s+", "", n)
        kind = None
        for word in sorted(_UNIT_WORD, key=len, reverse=True):
            if n.startswith(word + " "):
                kind, n = _UNIT_WORD[word], n[len(word) + 1 :]
                break
        if not n:
            return None
        p = self.province(province) if province else None
        if p is not None:
            # with its diacritics the name is exact: "Xã Sơn Hạ" is not "Xã Sơn Hà"
            raw = " ".join(unicodedata.normalize("NFC", name).lower().split())
            raw = re.sub(r"^(?:ubnd|ủy ban nhân dân|uỷ ban nhân dân)\s+", "", raw)
            for kind_word in ("xã", "phường", "đặc khu"):
                hit_ = self._commune_exact.get((p.name, raw)) or self._commune_exact.get((p.name, f"{kind_word} {raw}"))
                if hit_ is not None:
                    return hit_
            index = self._commune_index.get(p.name, {})
            org = index.get(n)
            if org is None and len(n) >= 4:
                # with the unit word ("xã Sơn Maz") a looser match is safe
                hit = process.extractOne(n, index.keys(), scorer=fuzz.ratio, score_cutoff=80 if kind else 88)
                org = index[hit[0]] if hit else None
            if org is not None and (kind is None or org.kind == kind or kind == "xã"):
                return org
            return org
        cands = self._commune_global.get(n, [])
        if kind:
            typed = [c for c in cands if c.kind == kind]
            cands = typed or cands
        return cands[0] if len(cands) == 1 else None

    def department(self, name: str, province: str | None) -> Org | None:
        """A provincial department or office by (possibly OCR'd) name."""
        p = self.province(province) if province else None
        if p is None:
            return None
        n = _norm(name)
        n = re.sub(r"\s+(?:tinh|thanh pho)(?:\s+[a-z]+){0,3}$", "", n) if not n.startswith(("cong an", "bo chi huy", "thanh tra", "uy ban mttq")) else n
        m = re.match(_SO + r"\s+(.+)$", n)
        if m:
            n = "so " + m.group(1)
        if n.startswith(("van phong ubnd", "vpub", "vp ubnd", "van phong uy ban")):
            canonical: str | None = "Văn phòng UBND tỉnh"
        else:
            canonical = self._dept_names.get(n) or self._dept_names.get(n + " tinh")
            if canonical is None:
                # OCR digits inside words: "Né6i vy" → "neoi vy"
                probe = n.translate(OCR_DIGIT_LETTERS)
                hit = process.extractOne(probe, self._dept_names.keys(), scorer=fuzz.ratio, score_cutoff=80)
                canonical = self._dept_names[hit[0]] if hit else None
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

    def central(self, name: str) -> Org | None:
        n = _norm(name)
        n = re.sub(r"^(?:cua|boi)\s+", "", n)
        if n in self._central:
            return self._central[n]
        code = squash(name).replace(" ", "").upper()
        org = self._ministry_codes.get(squash(code))
        if org is not None:
            return org
        if len(n) >= 6 and not re.search(r"\b(?:tinh|xa|phuong|so)\b", n) and not re.match(_SO + r"\s", n):
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
        # party bodies
        # "Tỉnh ủy" as OCR leaves it: "Tinh uy", "Tinh ty", "Tinh i1y", "Tinh ity"
        if re.search(r"(?:tinh|thanh)\s*[a-z0-9]{0,2}y\b|^tu$|^ban thuong vu\b", n):
            return self.party(n, province)
        # departments and provincial offices
        if province and re.match(r"(?:" + _SO + r"\s|van phong ubnd|vp ubnd|vpub|van phong uy ban|cong an tinh|bo chi huy|thanh tra tinh|uy ban mttq\S* viet nam tinh|cong thong tin|trung tam phuc vu|bao va|ban quan ly)", n):
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

    # -- units as they were before 1 July 2025 ----------------------------------

    def former(self, text: str | None, province: str | None = None) -> Org | None:
        """A province or district that no longer exists, as a document of its time names it.

        "UBND tỉnh Kon Tum" → the former province of Kon Tum; "UBND huyện Sơn
        Tịnh" → the former district (``province``, a name of that time or
        today's, picks among districts of the same name).  A province that
        kept its name ("tỉnh Quảng Ngãi") is today's: None.
        """
        if not text:
            return None
        n = re.sub(r"^(?:" + _UBND + r"|" + _HDND + r")\s+", "", _norm(text))
        m = re.match(r"(tinh|thanh pho|tp|huyen|quan|thi xa|xa|phuong|thi tran)\s+(.+)$", n)
        if m is None:
            return None
        word, name = m.group(1), " ".join(m.group(2).replace("-", " ").split())
        if word in ("xa", "phuong", "thi tran"):
            return self._former_commune(word, name, text, province)
        old_p, old_d = _old_units()
        if word in ("tinh", "thanh pho", "tp"):
            hit = old_p.get(name)
            if hit is not None and word != "tinh" and hit["type"] != "thanh-pho":
                hit = None  # "thành phố Kon Tum" is the city in the province, a district
            if hit is not None and _plain(hit["name"]) in _FORMER_BARE:
                return self._former_province(hit)
            if hit is not None or word == "tinh" or (name in self._province_names and name not in old_p):
                return None
        cands = old_d.get(name, [])
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

    def successors(self, org: Org) -> list[Org]:
        """Today's units that took over a former one: a province's successor, a district's communes."""
        if org.id.startswith("former:province:"):
            p = self.province(org.name)
            return [p] if p is not None else []
        if org.id.startswith("former:commune:"):
            out: dict[str, Org] = {}
            row = _old_w_by_id().get(org.id.rsplit(":", 1)[-1])
            for prov_name, ward in _ward_successors().get(row["code"] if row else "", ()):
                c = self.commune(ward, prov_name)
                if c is not None:
                    out[c.id] = c
            return sorted(out.values(), key=lambda o: o.id)
        if org.id.startswith("former:district:"):
            out = {}
            row = _old_d_by_id().get(org.id.rsplit(":", 1)[-1])
            for prov_name, ward in _district_successors().get(row["code"] if row else "", ()):
                c = self.commune(ward, prov_name)
                if c is not None:
                    out[c.id] = c
            return sorted(out.values(), key=lambda o: o.id)
        return []

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


@lru_cache(maxsize=1)
def registry() -> Registry:
    """The process-wide registry (built once, ~0.2 s)."""
    return Registry()
