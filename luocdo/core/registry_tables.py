"""The vocabulary of the organisation registry: the organisation row, how names are folded, and the
tables (public facts): provinces merged on 1 July 2025, central
bodies, ministries, provincial departments, party bodies and commune offices, with the ways they are
written (:mod:`luocdo.core.registry` reads them)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from luocdo.core.fold import squash


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
    # the Party's central boards and committees, cited by their codes ("12-HD/BTGTW", "02-KH/BCĐTW")
    ("Ban Tổ chức Trung ương", "central", ("btctw", "ban to chuc trung uong")),
    ("Ban Tuyên giáo Trung ương", "central", ("btgtw", "ban tuyen giao trung uong")),
    ("Ban Dân vận Trung ương", "central", ("bdvtw", "ban dan van trung uong")),
    ("Ban Tuyên giáo và Dân vận Trung ương", "central", ("btgdvtw", "ban tuyen giao va dan van trung uong")),
    ("Ban Nội chính Trung ương", "central", ("bnctw", "ban noi chinh trung uong")),
    ("Ban Kinh tế Trung ương", "central", ("bkttw", "ban kinh te trung uong")),
    ("Ban Đối ngoại Trung ương", "central", ("bdntw", "ban doi ngoai trung uong")),
    ("Ủy ban Kiểm tra Trung ương", "central", ("ubkttw", "uy ban kiem tra trung uong")),
    ("Văn phòng Trung ương Đảng", "central", ("vptw", "van phong trung uong dang", "van phong trung uong")),
    ("Ban Chỉ đạo Trung ương", "central", ("bcdtw", "ban chi dao trung uong")),
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
    ("Ban Dân tộc", ("BDT",)),  # the province's (until 2025), not the central Ủy ban Dân tộc
    ("Sở Ngoại vụ", ("SNgV",)),
    ("Thanh tra tỉnh", ("TTr",)),
    ("Công an tỉnh", ("CAT",)),
    ("Bộ Chỉ huy Quân sự tỉnh", ("BCHQS",)),
    ("Bộ Chỉ huy Bộ đội Biên phòng tỉnh", ()),
    # branches of central bodies in the province: named only (their codes are the central body's: "BHXH")
    ("Bảo hiểm xã hội tỉnh", ()),
    ("Thuế tỉnh", ()),
    ("Cục Thuế tỉnh", ()),
    ("Tòa án nhân dân tỉnh", ()),
    ("Viện kiểm sát nhân dân tỉnh", ()),
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
    ("Ban Tuyên giáo và Dân vận Tỉnh ủy", ("BTGDVTU",)),
    ("Ban Tổ chức Tỉnh ủy", ("BTCTU",)),
    ("Ủy ban Kiểm tra Tỉnh ủy", ("UBKTTU",)),
    ("Văn phòng Tỉnh ủy", ("VPTU",)),
    ("Ban Nội chính Tỉnh ủy", ("BNCTU",)),
    # before 2025 the boards of propaganda and of mass mobilisation stood apart
    ("Ban Tuyên giáo Tỉnh ủy", ("BTGTU",)),
    ("Ban Dân vận Tỉnh ủy", ("BDVTU",)),
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
#: "nhân dân" as OCR leaves it ("nhan dan", "nhin din", "nhdn ddn").
_NHAN_DAN = r"nh[a-z0-9&`]{1,2}n\s*d[a-z0-9&`]{1,2}n"
_UBND = r"(?:ubnd|uy\s*ban\s*" + _NHAN_DAN + r"|ub|tm\.?\s*ubnd)"
_HDND = r"(?:hdnd|h[pb]nd|hoi\s*[dpb0][a-z0-9&`]{1,2}ng\s*" + _NHAN_DAN + r")"




def _norm(text: str) -> str:
    """Folded, OCR-cleaned form for matching: "UBND x&  Bắc Ruộng;" → "ubnd xa bac ruong"."""
    s = squash(text)
    s = re.sub(r"\(.*?\)", " ", s)  # "(b/cáo)", "(để thực hiện)"
    s = re.sub(r"(?<![a-z])x[a&3-9§@d]?(?=\s|$)", "xa", s)  # "x&", "x3", "x4" → xã
    s = re.sub(r"(?<![a-z])ph[wu][o0-9&`]ng(?![a-z])", "phuong", s)  # "phwong", "phu6ng" → phường
    s = re.sub(r"(?<![a-z])[pb0]ac\s+khu(?![a-z])", "dac khu", s)  # "PAC KHU", "BAC KHU": OCR's Đ of "Đặc khu"
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


def _skeleton(folded_name: str) -> str:
    """The consonants of a folded name, word by word ("dak lak" → "dk lk"): what OCR leaves of a name
    whose vowels it misread ("Pìk Lìk")."""
    return " ".join(re.sub(r"[^bcdfghklmnpqrstvx]", "", w) for w in folded_name.split())


_SKELETONS: dict[int, dict[str, Org]] = {}


def by_consonants(folded_name: str, names: dict[str, Org]) -> Org | None:
    """The one unit of ``names`` (folded name → unit) whose name has the consonants of ``folded_name``, or
    whose consonants are close to them ("hng ycn" for Hưng Y¢n); None when no one name fits."""
    from rapidfuzz import fuzz, process

    index = _SKELETONS.get(id(names))
    if index is None:
        seen: dict[str, set[Org]] = {}
        for name, org in names.items():
            seen.setdefault(_skeleton(name), set()).add(org)
        index = _SKELETONS[id(names)] = {k: next(iter(v)) for k, v in seen.items() if len(v) == 1 and len(k.replace(" ", "")) >= 3}
    sk = _skeleton(folded_name)
    if sk in index:
        return index[sk]
    close = process.extract(sk, index.keys(), scorer=fuzz.ratio, score_cutoff=88, limit=2)
    return index[close[0][0]] if len(close) == 1 else None
