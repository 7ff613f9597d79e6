"""Generate a realistic corpus of Vietnamese administrative documents with known ground truth.

    python bench/generate.py N OUT_DIR [--ocr SHARE] [--seed S] [--provinces NAME ...]

Writes ``OUT_DIR/docs/NNN/NNNNNN.txt`` (1,000 files per folder), ``OUT_DIR/truth.jsonl`` (one
line per document: file, key, type, number, symbol, date, year, issuer, relations, derived
edges, recipients, flags) and ``OUT_DIR/gaps.jsonl`` (for every provincial directive, the
status of every unit it was addressed to: has_plan / reported_only / possible / no_plan).

The corpus is a stream of *campaigns*.  A campaign starts with one central instrument
(Party resolution NN-NQ/TW, Government resolution NN/NQ-CP, Prime Minister's decision or
directive NN/QĐ-TTg, NN/CT-TTg, normative decree NN/2025/NĐ-CP, sometimes a Government
action programme and a ministry's guidance letter under it).  Each of a few provinces of
the post-2025 registry then issues a plan (Kế hoạch …/KH-UBND or a Quyết định ban hành
Kế hoạch, after the provincial Party committee's …-KH/TU when the root is Party), and the
provincial departments and communes it was sent to answer with plans (on time or late,
"Thực hiện" or "Căn cứ"), guidance letters, reports, letters that only cite it, plans on the
same subject that never cite it, or nothing.  Numbers restart for every issuer and year.

Everything is streamed: memory does not grow with N, so N = 1,000,000 works.  The same code
makes end-to-end fixtures: :func:`generate` returns the path of ``truth.jsonl``.

:func:`garble` imitates OCR damage (lost diacritics, "6" for "ố", "P"/"B" for "Đ", "I" or "|"
for "/", "NO-CP" for "NQ-CP", split numbers, hard line wraps); ``examples/garble.py`` uses it.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import time
import unicodedata
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from luocdo.core import keys as K
from luocdo.core.fold import slug

__all__ = ["Tally", "garble", "generate", "main", "same_key"]

# ---------------------------------------------------------------------------
# OCR damage
# ---------------------------------------------------------------------------

_VIET_LOWER = (
    "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
)


def _strip_char(ch: str) -> str:
    if ch in "đĐ":
        return "d" if ch == "đ" else "D"
    base = unicodedata.normalize("NFD", ch)[0]
    return base


#: What OCR makes of a marked vowel when it does not simply drop the marks (seen in scans).
_OCR_ALTS: dict[str, tuple[str, ...]] = {
    "ố": ("6", "é", "b", "d", "ô"),
    "ồ": ("6", "ô", "d"),
    "ổ": ("6", "d"),
    "ộ": ("9", "6", "ô"),
    "ô": ("6", "é", "ò"),
    "ơ": ("&", "6", "d"),
    "ớ": ("6", "&", "é"),
    "ở": ("&", "6", "¢"),
    "ư": ("w", "u"),
    "ứ": ("ir", "tr", "w"),
    "ừ": ("ir", "w"),
    "ự": ("y", "u"),
    "ă": ("i", "a"),
    "ằ": ("i",),
    "ắ": ("ì", "i"),
    "â": ("i", "á", "d"),
    "ầ": ("i", "á"),
    "ấ": ("é", "á"),
    "ậ": ("a",),
    "ê": ("é", "¢"),
    "ế": ("&", "é", "€"),
    "ề": ("é",),
    "ệ": ("¢", "é", "€"),
    "ể": ("é",),
    "ị": ("j", "i"),
    "ỳ": ("y",),
    "ỹ": ("¥", "§"),
    "ủ": ("ti", "u"),
    "ủa": ("tia", "ia", "ta"),
}

_TABLE_CACHE: dict[int, list[dict[int, str]]] = {}


def _tables(seed: int) -> list[dict[int, str]]:
    """Four translation tables: full stripping, and three with some OCR look-alikes.

    ``str.translate`` keeps garbling at C speed, so the generator stays fast with --ocr.
    """
    if seed in _TABLE_CACHE:
        return _TABLE_CACHE[seed]
    rng = random.Random(seed)
    chars = _VIET_LOWER + _VIET_LOWER.upper()
    plain = {ord(c): _strip_char(c) for c in chars}
    tables = [plain]
    for _ in range(3):
        t = dict(plain)
        for c in _VIET_LOWER:
            alts = _OCR_ALTS.get(c)
            if alts and rng.random() < 0.45:
                t[ord(c)] = rng.choice(alts)
            elif rng.random() < 0.12:
                t[ord(c)] = c  # kept as printed
        t[ord("Đ")] = rng.choice("DDPB")
        tables.append(t)
    _TABLE_CACHE[seed] = tables
    return tables


_SO_WORD = re.compile(r"(?<![\wÀ-ỹ])([Ss])ố(?=[\s:])")
_SYMBOL = re.compile(r"(?<![\w/])(\d{1,5})([/-])([A-ZĐ][A-Za-zĐđ&]{0,12}(?:[/-][A-Za-zĐđ0-9]{1,14}){0,3})(?![\w])")
_DATE_WORDS = re.compile(r"(\d{1,2}) (tháng|thang)")
_WORD_D = re.compile(r"(?<![\wÀ-ỹ])Đ")


def _garble_symbol(m: re.Match[str], rng: random.Random) -> str:
    num, sep, sym = m.group(1), m.group(2), m.group(3)
    r = rng.random()
    if r < 0.3:
        return m.group(0)
    out_sym = sym
    if "NQ" in out_sym and rng.random() < 0.5:
        out_sym = out_sym.replace("NQ", "NO", 1)
    if "QĐ" in out_sym and rng.random() < 0.7:
        out_sym = out_sym.replace("QĐ", rng.choice(("QD", "Qb", "0D", "QP", "0P")), 1)
    if "HĐND" in out_sym and rng.random() < 0.5:
        out_sym = out_sym.replace("HĐND", "HPND", 1)
    if "/" in out_sym and rng.random() < 0.35:
        out_sym = out_sym.replace("/", rng.choice(("I", "|", "l")), 1)
    if sep == "/" and rng.random() < 0.25:
        sep = rng.choice((" /", "I", "|", "/ "))
    elif sep == "-" and rng.random() < 0.35:
        sep = rng.choice(("- ", "- -", " -"))
    # OCR splits digits in running text ("số 1 3-NQ/TU"), rarely on the "Số:" line
    if len(num) >= 2 and rng.random() < 0.12 and m.string[max(0, m.start() - 3):m.start()].lower().startswith("số"):
        k = rng.randrange(1, len(num))
        num = num[:k] + " " + num[k:]
    return num + sep + out_sym


def _wrap(text: str, rng: random.Random, width: int) -> str:
    """Hard-wrap long lines the way OCR returns a printed page."""
    out: list[str] = []
    for line in text.split("\n"):
        if len(line) <= width + 8:
            out.append(line)
            continue
        words = line.split(" ")
        cur: list[str] = []
        n = 0
        w = width + rng.randint(-6, 4)
        for word in words:
            if n + len(word) > w and cur:
                out.append(" ".join(cur))
                cur, n = [], 0
                w = width + rng.randint(-6, 4)
            cur.append(word)
            n += len(word) + 1
        if cur:
            out.append(" ".join(cur))
    return "\n".join(out)


def garble(text: str, rng: random.Random, strength: float = 0.9) -> str:
    """Damage ``text`` the way OCR of a scanned page does, deterministically for ``rng``.

    ``strength`` is the share of lines whose diacritics are lost; the rest keep theirs
    but suffer look-alike substitutions.  Numbers and symbols get the confusions seen
    in real scans ("57-NQITW", "66/NO-CP", "121/Qb-UBND", "04- NQ/TU", "1 3-NQ/TU").
    """
    text = _SYMBOL.sub(lambda m: _garble_symbol(m, rng), text)
    text = _SO_WORD.sub(
        lambda m: m.group(1) + rng.choice(("é", "6", "b", "d", "0", "o", "ô"))
        if m.group(1) == "s" else rng.choice(("Sé", "Sb", "S6", "86", "Số", "So")),
        text,
    )
    text = _WORD_D.sub(lambda m: rng.choice("DDPPB"), text)
    text = _DATE_WORDS.sub(lambda m: m.group(1) + ("" if rng.random() < 0.2 else " ") + m.group(2), text)
    tables = _tables(rng.randrange(8))
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if not line or line.isascii():
            continue
        t = tables[0] if rng.random() < strength * 0.6 else tables[1 + rng.randrange(3)]
        lines[i] = line.translate(t)
    text = "\n".join(lines)
    text = _wrap(text, rng, rng.randint(72, 84))
    # a page break and a stray mark here and there
    if rng.random() < 0.5:
        lines = text.split("\n")
        k = rng.randrange(len(lines) // 3 + 1, len(lines) // 3 * 2 + 2)
        lines.insert(min(k, len(lines)), "\n\n")
        text = "\n".join(lines)
    return " " + text if rng.random() < 0.4 else text


# ---------------------------------------------------------------------------
# Organisations (ids follow luocdo/core/registry.py)
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Unit:
    id: str
    name: str  # as written in a sentence: "Ủy ban nhân dân xã Tân Trào", "Sở Nội vụ"
    cited: str  # after "của" when others cite it: "Ủy ban nhân dân tỉnh", "Sở Nội vụ"
    level: str  # central | ministry | party | province | department | commune
    code: str  # issuer code in symbols: UBND, SNV, CP, TTg, TW, TU, BNV
    header: tuple[str, ...]  # left header block
    place: str
    province: str | None = None  # registry name
    scope: str | None = None  # key scope; None for national issuers
    party: bool = False
    commune_kind: str | None = None  # "xã" | "phường" | "đặc khu"

    def truth(self) -> dict:
        return {"id": self.id, "name": self.name, "level": self.level, "province": self.province}


CENTRAL = {
    "TW": Unit("central:bo-chinh-tri", "Bộ Chính trị", "Bộ Chính trị", "central", "TW",
               ("BAN CHẤP HÀNH TRUNG ƯƠNG", "*"), "Hà Nội", party=True),
    "CP": Unit("central:chinh-phu", "Chính phủ", "Chính phủ", "central", "CP", ("CHÍNH PHỦ",), "Hà Nội"),
    "TTg": Unit("central:thu-tuong-chinh-phu", "Thủ tướng Chính phủ", "Thủ tướng Chính phủ", "central", "TTg",
                ("THỦ TƯỚNG CHÍNH PHỦ",), "Hà Nội"),
}

MINISTRIES = {
    code: Unit(f"ministry:{slug(name)}", name, name, "ministry", code, (name.upper(),), "Hà Nội")
    for code, name in (
        ("BNV", "Bộ Nội vụ"), ("BKHCN", "Bộ Khoa học và Công nghệ"), ("BTC", "Bộ Tài chính"),
        ("BTP", "Bộ Tư pháp"), ("BYT", "Bộ Y tế"), ("BNNMT", "Bộ Nông nghiệp và Môi trường"),
        ("BGDĐT", "Bộ Giáo dục và Đào tạo"), ("BCA", "Bộ Công an"), ("BXD", "Bộ Xây dựng"),
        ("BDTTG", "Bộ Dân tộc và Tôn giáo"), ("BCT", "Bộ Công Thương"),
    )
}

#: Provincial departments after the 2025 reorganisation: (code, name).
DEPARTMENTS: tuple[tuple[str, str], ...] = (
    ("SNV", "Sở Nội vụ"), ("STC", "Sở Tài chính"), ("SKHCN", "Sở Khoa học và Công nghệ"),
    ("SYT", "Sở Y tế"), ("SGDĐT", "Sở Giáo dục và Đào tạo"), ("STP", "Sở Tư pháp"),
    ("SCT", "Sở Công Thương"), ("SXD", "Sở Xây dựng"), ("SNNMT", "Sở Nông nghiệp và Môi trường"),
    ("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch"), ("SDTTG", "Sở Dân tộc và Tôn giáo"),
)
DEPT_NAME = dict(DEPARTMENTS)

#: Units inside a department or a commune that tasks are given to.
DEPT_OFFICES = ("Văn phòng Sở", "Phòng Kế hoạch - Tài chính", "Phòng Chuyển đổi số", "Thanh tra Sở",
                "Phòng Quản lý chuyên ngành", "Phòng Tổ chức cán bộ", "Trung tâm Thông tin và Dữ liệu")
COMMUNE_OFFICES = ("Văn phòng HĐND và UBND", "Phòng Kinh tế", "Phòng Văn hóa - Xã hội",
                   "Trung tâm Phục vụ hành chính công", "Công an", "Ủy ban Mặt trận Tổ quốc Việt Nam",
                   "Đoàn Thanh niên", "Hội Nông dân", "Hội Liên hiệp Phụ nữ")


def _bare(name: str) -> tuple[str, str]:
    for prefix, kind in (("Thành phố ", "thành phố"), ("Đặc khu ", "đặc khu"), ("Xã ", "xã"),
                         ("Phường ", "phường"), ("Tỉnh ", "tỉnh")):
        if name.startswith(prefix):
            return name[len(prefix):], kind
    return name, "tỉnh"


@dataclass(slots=True)
class Province:
    code: int
    name: str  # registry name ("Tuyên Quang", "Thành phố Hà Nội")
    bare: str
    kind: str  # "tỉnh" | "thành phố"
    ubnd: Unit
    party: Unit
    communes: list[Unit]
    depts: dict[str, Unit] = field(default_factory=dict)

    def dept(self, code: str) -> Unit:
        u = self.depts.get(code)
        if u is None:
            name = DEPT_NAME[code]
            u = Unit(
                f"dept:{self.code}:{slug(name)}", name, name, "department", code,
                (f"UBND {self.kind.upper()} {self.bare.upper()}", name.upper()), self.bare,
                province=self.name, scope=K.scope_of(self.name),
            )
            self.depts[code] = u
        return u


def _unit_slug(code: int, bare: str) -> str:
    """A commune's part of a key's scope, as the registry makes it for the extractor."""
    from luocdo.core.registry import registry

    org = registry().by_id(f"commune:{code}")
    return registry().unit_slug(org) if org is not None else slug(bare)


def load_provinces(names: Sequence[str] | None = None) -> list[Province]:
    """Provinces and their communes from the post-2025 registry (``vietnam_provinces``)."""
    from vietnam_provinces import Province as VP
    from vietnam_provinces import Ward

    wanted = None
    if names:
        wanted = {slug(n) for n in names}
    out: list[Province] = []
    for p in VP.iter_all():
        bare, kind = _bare(p.name)
        if wanted and not ({slug(p.name), slug(bare), str(int(p.code))} & wanted):
            continue
        scope = K.scope_of(p.name)
        code = int(p.code)
        ubnd = Unit(f"province:{code}", f"Ủy ban nhân dân {kind} {bare}", f"Ủy ban nhân dân {kind}", "province",
                    "UBND", ("ỦY BAN NHÂN DÂN", f"{kind.upper()} {bare.upper()}"), bare, province=p.name,
                    scope=scope)
        pk = "Tỉnh ủy" if kind == "tỉnh" else "Thành ủy"
        party = Unit(f"party:{code}:tinh-uy", f"Ban Thường vụ {pk}", f"Ban Thường vụ {pk}", "party", "TU",
                     (f"{pk.upper()} {bare.upper()}", "*"), bare, province=p.name, scope=scope, party=True)
        communes = []
        for w in Ward.iter_by_province(p.code):
            cb, ck = _bare(w.name)
            communes.append(Unit(
                f"commune:{int(w.code)}", f"Ủy ban nhân dân {ck} {cb}", f"Ủy ban nhân dân {ck} {cb}", "commune",
                "UBND", ("ỦY BAN NHÂN DÂN", f"{ck.upper()} {cb.upper()}"), cb, province=p.name,
                # (two communes of a province whose names fold alike, Thanh An and Thạnh An, are told apart)
                scope=K.scope_of(p.name, _unit_slug(int(w.code), cb)), commune_kind=ck,
            ))
        out.append(Province(code, p.name, bare, kind, ubnd, party, communes))
    if names and not out:
        raise SystemExit(f"--provinces: none of {list(names)} is a province of the 2025 registry")
    return out


# ---------------------------------------------------------------------------
# Subjects
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Topic:
    subject: str  # after "về": the full subject of the central instrument
    short: str  # short noun phrase
    lead: str  # department code that leads at the province
    coord: tuple[str, ...]
    ministry: str
    tasks: tuple[str, ...]
    local_tasks: tuple[str, ...]


TOPICS: tuple[Topic, ...] = (
    Topic("đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia",
          "khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số", "SKHCN", ("SNV", "STC", "SVHTTDL"), "BKHCN",
          ("Xây dựng cơ sở dữ liệu dùng chung của tỉnh, kết nối với các cơ sở dữ liệu quốc gia",
           "Phát động phong trào \"Bình dân học vụ số\" đến từng thôn, tổ dân phố",
           "Hỗ trợ doanh nghiệp nhỏ và vừa ứng dụng công nghệ số trong sản xuất, kinh doanh",
           "Đào tạo kỹ năng số cho cán bộ, công chức, viên chức các cấp",
           "Nâng cấp hạ tầng mạng, phủ sóng di động băng rộng đến các thôn vùng lõm sóng",
           "Thúc đẩy thanh toán không dùng tiền mặt trong dịch vụ công và tại các chợ",
           "Tổ chức cuộc thi ý tưởng khởi nghiệp đổi mới sáng tạo cấp tỉnh"),
          ("Thành lập, kiện toàn Tổ công nghệ số cộng đồng ở các thôn, tổ dân phố",
           "Hướng dẫn người dân cài đặt, sử dụng ứng dụng định danh điện tử",
           "Hỗ trợ hộ kinh doanh mở tài khoản và sử dụng mã QR trong thanh toán",
           "Tuyên truyền phong trào \"Bình dân học vụ số\" trên hệ thống truyền thanh",
           "Sử dụng văn bản điện tử và chữ ký số trong hoạt động của cơ quan")),
    Topic("đẩy mạnh cải cách hành chính, nâng cao chất lượng phục vụ người dân, doanh nghiệp",
          "cải cách hành chính", "SNV", ("STP", "SKHCN", "STC"), "BNV",
          ("Rà soát, đơn giản hóa thủ tục hành chính thuộc thẩm quyền giải quyết của tỉnh",
           "Chuẩn hóa quy trình nội bộ giải quyết thủ tục hành chính trên hệ thống thông tin",
           "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính còn hiệu lực",
           "Đánh giá mức độ hài lòng của người dân, doanh nghiệp đối với sự phục vụ của cơ quan hành chính",
           "Kiểm tra công tác cải cách hành chính tại các sở, ngành và xã, phường",
           "Tuyên truyền về cải cách hành chính trên báo chí và hệ thống thông tin cơ sở"),
          ("Niêm yết công khai thủ tục hành chính tại Trung tâm Phục vụ hành chính công",
           "Hướng dẫn người dân nộp hồ sơ trực tuyến, thanh toán phí, lệ phí trực tuyến",
           "Tiếp nhận, xử lý phản ánh, kiến nghị của người dân về quy định hành chính",
           "Số hóa kết quả giải quyết thủ tục hành chính",
           "Lồng ghép tuyên truyền cải cách hành chính tại các buổi họp thôn, tổ dân phố")),
    Topic("phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử phục vụ chuyển đổi số",
          "ứng dụng dữ liệu dân cư, định danh và xác thực điện tử", "SKHCN", ("SNV", "SYT"), "BCA",
          ("Làm sạch dữ liệu dân cư, bảo đảm dữ liệu đúng, đủ, sạch, sống",
           "Tích hợp, kết nối dữ liệu dân cư với hệ thống thông tin giải quyết thủ tục hành chính của tỉnh",
           "Sử dụng thẻ căn cước, ứng dụng định danh điện tử thay thế giấy tờ trong khám chữa bệnh",
           "Triển khai chi trả an sinh xã hội không dùng tiền mặt",
           "Hỗ trợ người dân kích hoạt tài khoản định danh điện tử mức độ 2"),
          ("Rà soát, cập nhật thông tin dân cư trên địa bàn",
           "Hỗ trợ người dân kích hoạt tài khoản định danh điện tử",
           "Hướng dẫn người dân dùng ứng dụng định danh điện tử khi làm thủ tục",
           "Vận động người hưởng chính sách nhận trợ cấp qua tài khoản")),
    Topic("bảo đảm an toàn, an ninh mạng trong hoạt động của các cơ quan nhà nước",
          "an toàn, an ninh mạng", "SKHCN", ("SNV",), "BCA",
          ("Phân loại hệ thống thông tin theo cấp độ và triển khai phương án bảo đảm an toàn",
           "Diễn tập ứng cứu sự cố an toàn thông tin mạng",
           "Giám sát an toàn thông tin tập trung cho các hệ thống dùng chung của tỉnh",
           "Tuyên truyền kỹ năng nhận diện lừa đảo trực tuyến cho người dân"),
          ("Cảnh báo người dân về các hình thức lừa đảo qua mạng",
           "Rà soát máy tính của cơ quan, cài đặt phần mềm phòng chống mã độc",
           "Quản lý tài khoản, mật khẩu các hệ thống thông tin dùng chung")),
    Topic("phổ biến, giáo dục pháp luật và nâng cao ý thức chấp hành pháp luật của Nhân dân",
          "phổ biến, giáo dục pháp luật", "STP", ("SNV", "SGDĐT"), "BTP",
          ("Phổ biến các luật mới được Quốc hội thông qua đến cán bộ và Nhân dân",
           "Tổ chức Ngày Pháp luật Việt Nam",
           "Xây dựng tủ sách pháp luật điện tử",
           "Bồi dưỡng báo cáo viên, tuyên truyền viên pháp luật",
           "Hòa giải ở cơ sở gắn với phổ biến pháp luật"),
          ("Tuyên truyền pháp luật tại các buổi họp thôn, tổ dân phố",
           "Kiện toàn tổ hòa giải ở cơ sở",
           "Phổ biến pháp luật cho đồng bào dân tộc thiểu số bằng tiếng dân tộc")),
    Topic("bảo đảm an toàn thực phẩm trong tình hình mới",
          "an toàn thực phẩm", "SYT", ("SNNMT", "SCT"), "BYT",
          ("Kiểm tra liên ngành về an toàn thực phẩm dịp Tết và mùa lễ hội",
           "Giám sát bếp ăn tập thể tại các khu công nghiệp và trường học",
           "Truy xuất nguồn gốc nông sản, thực phẩm",
           "Tuyên truyền về an toàn thực phẩm cho người sản xuất, kinh doanh"),
          ("Kiểm tra cơ sở kinh doanh thực phẩm nhỏ lẻ, thức ăn đường phố",
           "Tuyên truyền an toàn thực phẩm trên loa truyền thanh",
           "Ký cam kết bảo đảm an toàn thực phẩm với hộ kinh doanh")),
    Topic("xây dựng nông thôn mới gắn với phát triển kinh tế nông nghiệp hàng hóa",
          "xây dựng nông thôn mới", "SNNMT", ("STC", "SCT"), "BNNMT",
          ("Hỗ trợ phát triển sản phẩm OCOP đạt từ 3 sao trở lên",
           "Cấp mã số vùng trồng cho các vùng sản xuất tập trung",
           "Xây dựng mô hình thôn nông thôn mới kiểu mẫu",
           "Huy động nguồn lực xã hội hóa làm đường giao thông nông thôn"),
          ("Vận động Nhân dân hiến đất làm đường giao thông thôn",
           "Hỗ trợ hợp tác xã đăng ký sản phẩm OCOP",
           "Chỉnh trang cảnh quan, vệ sinh môi trường khu dân cư")),
    Topic("chủ động phòng, chống thiên tai, ứng phó với biến đổi khí hậu",
          "phòng, chống thiên tai", "SNNMT", ("SXD", "SYT"), "BNNMT",
          ("Rà soát các điểm có nguy cơ sạt lở, lũ quét và phương án di dời dân",
           "Kiện toàn lực lượng xung kích phòng, chống thiên tai cấp xã",
           "Dự trữ vật tư, phương tiện, lương thực tại các khu vực dễ bị chia cắt",
           "Diễn tập phòng, chống thiên tai và tìm kiếm cứu nạn"),
          ("Rà soát hộ dân sống ở khu vực nguy cơ sạt lở",
           "Kiện toàn đội xung kích phòng, chống thiên tai",
           "Tuyên truyền kỹ năng ứng phó với lũ quét, sạt lở đất")),
    Topic("thực hành tiết kiệm, chống lãng phí trong quản lý, sử dụng tài sản công",
          "thực hành tiết kiệm, chống lãng phí", "STC", ("SNV", "SXD"), "BTC",
          ("Rà soát, sắp xếp lại trụ sở, tài sản công dôi dư sau sắp xếp đơn vị hành chính",
           "Công khai việc quản lý, sử dụng tài sản công",
           "Tiết kiệm chi thường xuyên để dành nguồn cho đầu tư phát triển",
           "Kiểm tra việc mua sắm tài sản tại các cơ quan, đơn vị"),
          ("Kiểm kê, đề xuất phương án sử dụng trụ sở dôi dư",
           "Công khai dự toán, quyết toán ngân sách xã",
           "Tiết kiệm điện, nước, văn phòng phẩm tại cơ quan")),
    Topic("đẩy mạnh chuyển đổi số trong giáo dục và đào tạo",
          "chuyển đổi số trong giáo dục", "SGDĐT", ("SKHCN", "STC"), "BGDĐT",
          ("Triển khai học bạ số tại các trường phổ thông",
           "Bồi dưỡng giáo viên về ứng dụng trí tuệ nhân tạo trong dạy học",
           "Trang bị thiết bị học tập cho học sinh vùng khó khăn",
           "Xây dựng kho học liệu số dùng chung"),
          ("Phối hợp với nhà trường hướng dẫn phụ huynh sử dụng sổ liên lạc điện tử",
           "Huy động xã hội hóa trang bị máy tính cho học sinh khó khăn",
           "Tổ chức lớp kỹ năng số cho học sinh trung học cơ sở")),
    Topic("thực hiện chính sách dân tộc, phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi",
          "phát triển vùng đồng bào dân tộc thiểu số", "SDTTG", ("STC", "SNNMT"), "BDTTG",
          ("Hỗ trợ đất ở, nhà ở, nước sinh hoạt cho hộ đồng bào dân tộc thiểu số nghèo",
           "Bảo tồn, phát huy giá trị văn hóa truyền thống của các dân tộc",
           "Đào tạo nghề cho lao động người dân tộc thiểu số",
           "Phát triển du lịch cộng đồng gắn với bản sắc văn hóa"),
          ("Rà soát hộ nghèo, hộ cận nghèo người dân tộc thiểu số",
           "Hỗ trợ phát triển sinh kế theo chuỗi giá trị",
           "Duy trì các câu lạc bộ văn hóa dân gian ở thôn, bản")),
    Topic("phát triển nhà ở xã hội và chỉnh trang đô thị",
          "phát triển nhà ở xã hội", "SXD", ("STC", "SNNMT"), "BXD",
          ("Bố trí quỹ đất phát triển nhà ở xã hội",
           "Rút ngắn thời gian thẩm định dự án nhà ở xã hội",
           "Công khai danh sách dự án và điều kiện mua, thuê nhà ở xã hội"),
          ("Rà soát nhu cầu nhà ở của công nhân, người thu nhập thấp",
           "Hỗ trợ người dân làm hồ sơ mua, thuê nhà ở xã hội")),
)

PURPOSE = (
    "Quán triệt đầy đủ, sâu sắc các quan điểm, mục tiêu và nhiệm vụ về {short} đến cán bộ, đảng viên và Nhân dân; tạo sự thống nhất trong nhận thức và hành động.",
    "Xác định rõ nhiệm vụ, lộ trình, thời hạn hoàn thành và trách nhiệm của từng cơ quan, đơn vị trong việc thực hiện các nội dung về {short}.",
    "Tạo chuyển biến rõ nét về {short} trong năm {y}, góp phần hoàn thành các chỉ tiêu phát triển kinh tế - xã hội của địa phương.",
    "Phát huy vai trò của người đứng đầu; gắn kết quả thực hiện nhiệm vụ {short} với đánh giá, xếp loại cán bộ, công chức cuối năm.",
    "Huy động sự tham gia của doanh nghiệp, hợp tác xã, các tổ chức chính trị - xã hội và người dân vào công tác {short}.",
    "Lấy người dân, doanh nghiệp làm trung tâm; kết quả thực hiện được đo bằng sự hài lòng của người dân và hiệu quả thực tế.",
    "Bảo đảm việc triển khai được liên thông, thông suốt sau khi tổ chức lại bộ máy theo mô hình chính quyền địa phương hai cấp.",
)
REQUIRE = (
    "Bám sát chức năng, nhiệm vụ được giao; nội dung thiết thực, khả thi, tránh hình thức, sao chép.",
    "Mỗi nhiệm vụ có cơ quan chủ trì, cơ quan phối hợp, thời gian hoàn thành và sản phẩm cụ thể.",
    "Thường xuyên theo dõi, kiểm tra, đôn đốc; kịp thời tháo gỡ khó khăn, vướng mắc phát sinh.",
    "Phối hợp chặt chẽ giữa các cơ quan, đơn vị; bảo đảm thông tin, số liệu báo cáo chính xác, kịp thời.",
    "Gắn việc thực hiện Kế hoạch với các chương trình, kế hoạch khác đang triển khai, tránh chồng chéo, lãng phí.",
    "Ưu tiên nguồn lực cho những nhiệm vụ có tác động trực tiếp đến người dân và doanh nghiệp.",
)
BUDGET = (
    "Kinh phí thực hiện Kế hoạch được bố trí trong dự toán ngân sách năm {y} của các cơ quan, đơn vị, địa phương theo phân cấp hiện hành và các nguồn huy động hợp pháp khác.",
    "Các cơ quan, đơn vị sử dụng nguồn kinh phí đã được giao trong dự toán năm {y}; trường hợp phát sinh, lập dự toán bổ sung theo quy định.",
    "Kinh phí từ nguồn ngân sách nhà nước năm {y}, lồng ghép trong các chương trình mục tiêu quốc gia và nguồn xã hội hóa.",
)
ORGANISE = (
    "Thủ trưởng các cơ quan, đơn vị được giao nhiệm vụ chủ động triển khai, chịu trách nhiệm về tiến độ và chất lượng thực hiện.",
    "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị kịp thời phản ánh để được hướng dẫn, giải quyết.",
    "Định kỳ hằng quý, các cơ quan, đơn vị báo cáo kết quả thực hiện; việc báo cáo lồng ghép trong báo cáo định kỳ theo quy định.",
    "Cơ quan đầu mối theo dõi, tổng hợp, đề xuất khen thưởng tập thể, cá nhân có thành tích và kiến nghị xử lý nơi chậm trễ.",
)
RESULTS = (
    "Đã tổ chức {a} hội nghị quán triệt, tuyên truyền với trên {b} lượt người tham dự.",
    "Tiếp nhận {b} hồ sơ thủ tục hành chính, trong đó {c}% hồ sơ nộp trực tuyến; tỷ lệ giải quyết đúng hạn đạt {d}%.",
    "Thành lập {a} tổ công tác tại thôn, tổ dân phố với {b} thành viên tham gia.",
    "Hỗ trợ {b} người dân thực hiện các thao tác trên môi trường số; {c}% hộ gia đình được tuyên truyền trực tiếp.",
    "Hoàn thành {a}/{e} nhiệm vụ đề ra trong Kế hoạch; các nhiệm vụ còn lại đang được triển khai.",
    "Kiểm tra {a} cơ quan, đơn vị; kịp thời chấn chỉnh những tồn tại được phát hiện qua kiểm tra.",
)
SHORTCOMINGS = (
    "Một số nhiệm vụ triển khai còn chậm so với tiến độ đề ra.",
    "Hạ tầng mạng ở một số thôn vùng sâu, vùng xa chưa bảo đảm.",
    "Đội ngũ công chức phụ trách mới được bố trí sau sắp xếp nên còn thiếu kinh nghiệm.",
    "Nguồn kinh phí bố trí cho nhiệm vụ còn hạn chế.",
    "Một bộ phận người dân, nhất là người cao tuổi, chưa quen giao dịch trên môi trường điện tử.",
)
DETAIL = (
    "Nội dung thực hiện phải cụ thể, có sản phẩm đầu ra rõ ràng và được cập nhật trên hệ thống theo dõi nhiệm vụ.",
    "Ưu tiên triển khai trước tại các địa bàn có điều kiện, sau đó nhân rộng ra toàn địa bàn.",
    "Phân công công chức theo dõi, hướng dẫn; kịp thời báo cáo những vướng mắc phát sinh trong quá trình thực hiện.",
    "Kết hợp với các chương trình, đề án đang thực hiện để tiết kiệm nguồn lực, tránh trùng lặp.",
    "Bảo đảm sự tham gia của các tổ chức chính trị - xã hội và cộng đồng dân cư ở cơ sở.",
    "Định kỳ đánh giá kết quả, rút kinh nghiệm và điều chỉnh cách làm cho phù hợp với thực tế.",
    "Chú trọng hướng dẫn trực tiếp cho người cao tuổi, người dân ở vùng sâu, vùng xa và đồng bào dân tộc thiểu số.",
    "Công khai kết quả thực hiện trên Trang thông tin điện tử và hệ thống truyền thanh cơ sở.",
    "Tranh thủ sự hỗ trợ của doanh nghiệp viễn thông, ngân hàng và các tổ chức trên địa bàn.",
    "Lồng ghép nội dung vào sinh hoạt chi bộ, họp thôn, tổ dân phố và các buổi giao ban định kỳ.",
)
SITUATION = (
    "Thời gian qua, việc triển khai {short} trên địa bàn đã có bước chuyển biến, nhận thức của cán bộ và người dân được nâng lên.",
    "Bên cạnh kết quả đạt được, việc thực hiện {short} vẫn còn hạn chế: một số nơi triển khai chậm, thiếu nguồn lực, sự phối hợp giữa các cơ quan có lúc chưa chặt chẽ.",
    "Sau khi sắp xếp đơn vị hành chính và tổ chức chính quyền địa phương hai cấp từ ngày 01/7/2025, khối lượng công việc ở cơ sở tăng lên, đòi hỏi cách làm mới, hiệu quả hơn.",
    "Điều kiện hạ tầng, trình độ và thói quen của người dân giữa các địa bàn còn chênh lệch, nhất là ở vùng cao, vùng đồng bào dân tộc thiểu số.",
    "Nhu cầu của người dân, doanh nghiệp về {short} ngày càng cao, đặt ra yêu cầu phải đổi mới phương thức chỉ đạo, điều hành.",
)
TIMES = ("Thường xuyên trong năm", "Quý III/{y}", "Quý IV/{y}", "Tháng {m}/{y}", "Trước ngày {dl}", "Năm {y}")
SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Lý", "Ma", "Nông",
            "Hà", "Lương", "Triệu", "Đinh", "Vương", "Phùng", "Giàng")
MIDDLES = ("Văn", "Thị", "Đức", "Minh", "Thanh", "Hồng", "Quang", "Ngọc", "Xuân", "Hữu", "Thị Thu", "Văn")
GIVEN = ("An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hằng", "Hiếu", "Hùng", "Khánh", "Lan", "Linh",
         "Long", "Mai", "Nam", "Nga", "Phong", "Quân", "Sơn", "Thắng", "Thảo", "Trung", "Tuấn", "Vinh", "Yến")
LAW_CQDP = ("Luật Tổ chức chính quyền địa phương", date(2025, 6, 16))
LAW_CP = ("Luật Tổ chức Chính phủ", date(2025, 2, 18))
LAWS_UNDATED = ("Luật Ngân sách nhà nước", "Luật Giao dịch điện tử", "Luật Dữ liệu",
                "Luật Phổ biến, giáo dục pháp luật", "Luật An ninh mạng", "Luật Đất đai")

TYPE_WORD = {"KH": "Kế hoạch", "NQ": "Nghị quyết", "QĐ": "Quyết định", "CT": "Chỉ thị", "NĐ": "Nghị định",
             "CV": "Công văn", "BC": "Báo cáo", "TTr": "Tờ trình", "CTr": "Chương trình", "HD": "Hướng dẫn"}
TITLE_WORD = {"KH": "KẾ HOẠCH", "NQ": "NGHỊ QUYẾT", "QĐ": "QUYẾT ĐỊNH", "CT": "CHỈ THỊ", "NĐ": "NGHỊ ĐỊNH",
              "BC": "BÁO CÁO", "CTr": "CHƯƠNG TRÌNH"}

LOCAL_START = date(2025, 7, 1)


# ---------------------------------------------------------------------------
# Instruments
# ---------------------------------------------------------------------------


@dataclass(slots=True)
class Doc:
    """An instrument the generator wrote (or will cite)."""

    type: str
    number: str | None
    symbol: str | None
    date: date | None
    year: int
    issuer: Unit
    subject: str  # what follows "về"/its title, lower-case start
    key: str | None = None

    @property
    def label(self) -> str:
        if self.number is None or self.symbol is None:
            return ""
        if self.issuer.party:
            return f"{self.number}-{self.symbol}"
        return f"{self.number}/{self.symbol}"


def _key(number: str, symbol: str, year: int, issuer: Unit) -> str:
    local = K.is_local_issuer(issuer.code) or issuer.scope is not None
    return K.instrument_key(number, symbol, year, local=local, scope=issuer.scope if local else None)


def _law_key(name: str, d: date | None) -> str:
    return K.law_key(name, d.year if d else None)


def fmt_date(d: date, words: bool) -> str:
    m = f"{d.month:02d}" if d.month < 3 else str(d.month)
    if words:
        return f"{d.day:02d} tháng {m} năm {d.year}"
    return f"{d.day:02d}/{m}/{d.year}"


class Numbers:
    """Per issuer, type and year registers: numbers restart every year."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.next: dict[tuple[str, str, int], int] = {}

    def take(self, issuer: Unit, type_: str, year: int) -> str:
        k = (issuer.id, type_, year)
        n = self.next.get(k)
        if n is None:
            big = issuer.code in ("TTg", "UBND") and issuer.level in ("central", "province")
            n = 1 + self.rng.randrange(300 if big else 40)
        self.next[k] = n + 1 + (self.rng.randrange(3) if issuer.level in ("central", "province") else 0)
        return f"{n:02d}"


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------


class Writer:
    """Builds one document: text pieces plus its ground truth."""

    __slots__ = ("derived", "lines", "named", "rels", "rng", "words")

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.lines: list[str] = []
        self.rels: dict[str, dict] = {}
        self.derived: list[dict] = []
        self.words = rng.random() < 0.25  # citation dates written in words
        self.named = False  # name the province when citing it (documents of communes do)

    _STRENGTH: dict[str, int] = {"amends": 5, "implements": 4, "reports_on": 3, "based_on": 2, "cites": 1}  # noqa: RUF012

    def rel(self, target: Doc, relation: str) -> None:
        if target.key is None:
            return
        cur = self.rels.get(target.key)
        if cur is None or self._STRENGTH[relation] > self._STRENGTH[cur["relation"]]:
            self.rels[target.key] = {"target": target.key, "label": target.label, "relation": relation,
                                     "date": target.date.isoformat() if target.date else None}

    def law(self, name: str, d: date | None, relation: str) -> str:
        key = _law_key(name, d)
        cur = self.rels.get(key)
        if cur is None or self._STRENGTH[relation] > self._STRENGTH[cur["relation"]]:
            self.rels[key] = {"target": key, "label": name, "relation": relation,
                              "date": d.isoformat() if d else None}
        return f"{name} ngày {fmt_date(d, True)}" if d else name

    def cite(self, d: Doc, relation: str, *, of: bool = True, about: bool = True,
             nested: tuple[Doc, str] | None = None) -> str:
        """ "Kế hoạch số 145/KH-UBND ngày 12/8/2025 của UBND tỉnh về …" and record the relation."""
        self.rel(d, relation)
        s = f"{TYPE_WORD.get(d.type, 'Văn bản')} số {d.label}"
        if d.date:
            s += f" ngày {fmt_date(d.date, self.words)}"
        if of:
            s += f" của {self._who(d.issuer)}"
        if nested is not None:
            inner, verb = nested
            self.rel(inner, "cites")
            self.derived.append({"source": d.key, "target": inner.key, "relation": "implements"})
            s += f" {verb} {TYPE_WORD.get(inner.type, 'Văn bản')} số {inner.label}"
            if inner.date:
                s += f" ngày {fmt_date(inner.date, self.words)}"
            s += f" của {self._who(inner.issuer)}"
        elif about and d.subject:
            s += f" {d.subject}"
        return s

    def _who(self, u: Unit) -> str:
        return u.name if (self.named and u.level == "province") else u.cited

    def add(self, *parts: str) -> None:
        self.lines.extend(parts)

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def _name(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLES)} {rng.choice(GIVEN)}"


def _header(w: Writer, doc: Doc, mode: str, vv: str | None = None) -> None:
    """Header blocks, number, place and date.  ``mode``: numbered | blank | none."""
    rng = w.rng
    u = doc.issuer
    if mode == "none":
        return
    motto = ("ĐẢNG CỘNG SẢN VIỆT NAM",) if u.party else ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
    if mode == "blank":
        so = f"Số:    /{doc.symbol}"
        month = doc.date.month if doc.date else rng.randint(8, 12)
        when = f"{u.place}, ngày    tháng {month} năm {doc.year}"
    else:
        so = f"Số {doc.label}" if u.party else f"Số: {doc.label}"
        assert doc.date is not None
        when = f"{u.place}, ngày {fmt_date(doc.date, rng.random() < 0.9)}"
    left = list(u.header) + [so] + ([f"V/v {vv}"] if vv else [])
    if rng.random() < 0.5:  # two columns flattened onto shared lines, as OCR and PDF export give them
        right = [*motto, when]
        n = max(len(left), len(right))
        pad = rng.randint(4, 18)
        for i in range(n):
            a = left[i] if i < len(left) else ""
            b = right[i] if i < len(right) else ""
            w.add(f"{a}{' ' * max(2, 36 + pad - len(a))}{b}".rstrip())
    else:
        w.add(*left, "", *motto, "", when)
    w.add("")


def _assignments(w: Writer, tasks: Sequence[str], leads: Sequence[str], coords: Sequence[str], y: int,
                 deadline: date, numbered_from: int = 1, label: str = "Cơ quan") -> None:
    rng = w.rng
    for i, task in enumerate(tasks):
        lead = leads[i % len(leads)]
        coord = "; ".join(dict.fromkeys(c for c in rng.sample(list(coords), min(len(coords), rng.randint(1, 2))) if c != lead))
        t = rng.choice(TIMES).format(y=y, m=rng.randint(8, 12), dl=fmt_date(deadline + timedelta(days=rng.randint(20, 90)), False))
        w.add(f"{numbered_from + i}. {task}", "")
        if rng.random() < 0.8:
            w.add(" ".join(rng.sample(DETAIL, rng.randint(1, 2))), "")
        w.add(f"- {label} chủ trì: {lead}.")
        if coord:
            w.add(f"- {label} phối hợp: {coord}.")
        w.add(f"- Thời gian thực hiện: {t}.", "")


def _signature(w: Writer, u: Unit, recipients: Sequence[str]) -> None:
    rng = w.rng
    if u.party:
        cap = ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"]
    elif u.level == "department":
        cap = rng.choice((["GIÁM ĐỐC"], ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]))
    elif u.level in ("central", "ministry"):
        cap = {"CP": ["TM. CHÍNH PHỦ", "THỦ TƯỚNG"], "TTg": ["KT. THỦ TƯỚNG", "PHÓ THỦ TƯỚNG"]}.get(
            u.code, ["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"])
    else:
        cap = rng.choice((["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
                          ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]))
    rec = ["Nơi nhận:", *(f"- {r};" for r in recipients), "- Lưu: VT."]
    name = _name(rng)
    if rng.random() < 0.5:
        right = [*cap, "", "", name]
        for i in range(max(len(rec), len(right))):
            a = rec[i] if i < len(rec) else ""
            b = right[i] if i < len(right) else ""
            w.add(f"{a}{' ' * max(2, 44 - len(a))}{b}".rstrip())
    else:
        w.add(*rec, "", *cap, "", name)


def _situation(w: Writer, short: str) -> None:
    rng = w.rng
    w.add(" ".join(x.format(short=short) for x in rng.sample(SITUATION, rng.randint(2, 3))), "")


def _guidance(w: Writer, tasks: Sequence[str], start: int = 1) -> None:
    """Numbered points of a letter, each with a sentence on how to carry it out."""
    rng = w.rng
    for i, task in enumerate(tasks, start):
        w.add(f"{i}. {task}. {' '.join(rng.sample(DETAIL, 2))}", "")


def _paras(w: Writer, pool: Sequence[str], k: int, **fmt) -> None:
    for s in w.rng.sample(list(pool), min(k, len(pool))):
        w.add(f"- {s.format(**fmt)}", "")


# ---------------------------------------------------------------------------
# Campaign
# ---------------------------------------------------------------------------


@dataclass(slots=True)
class Out:
    """Where documents go; stops the stream at ``limit``."""

    root: Path
    limit: int
    ocr: float
    rng: random.Random
    truth: object  # text file
    gaps: object
    count: int = 0

    @property
    def full(self) -> bool:
        return self.count >= self.limit


def _emit(out: Out, w: Writer, doc: Doc, mode: str, campaign: int, recipients: Sequence[str],
          late: bool | None = None, role: str = "") -> bool:
    """Write one document and its truth line; False once the corpus is full."""
    if out.full:
        return False
    i = out.count
    out.count += 1
    rel = f"docs/{i // 1000:03d}/{i:06d}.txt"
    path = out.root / rel
    if i % 1000 == 0:
        path.parent.mkdir(parents=True, exist_ok=True)
    text = w.text()
    garbled = out.ocr > 0 and out.rng.random() < out.ocr
    if garbled:
        text = garble(text, random.Random(out.rng.random()))
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    numbered = mode == "numbered"
    truth = {
        "file": rel,
        "key": doc.key if numbered else None,
        "type": doc.type,
        "number": doc.number if numbered else None,
        "symbol": doc.symbol if mode != "none" else None,
        "date": doc.date.isoformat() if (doc.date and mode == "numbered") else None,
        "year": doc.year,
        "issuer": doc.issuer.truth(),
        "header": mode != "none",
        "ocr": garbled,
        "late": late,
        "role": role,
        "campaign": campaign,
        "relations": list(w.rels.values()),
        "derived": w.derived,
        "recipients": list(recipients),
    }
    out.truth.write(json.dumps(truth, ensure_ascii=False) + "\n")  # type: ignore[attr-defined]
    return True


def _mode(rng: random.Random, party: bool = False) -> str:
    if party:
        return "numbered"
    r = rng.random()
    return "none" if r < 0.06 else "blank" if r < 0.11 else "numbered"


class Campaign:
    """One central instrument and everything issued under it in a few provinces."""

    def __init__(self, gen: Generator, idx: int, root_date: date, provinces: Sequence[Province]):
        self.g = gen
        self.rng = gen.rng
        self.idx = idx
        self.topic = self.rng.choice(TOPICS)
        self.root_date = root_date
        self.provinces = provinces

    # -- helpers -------------------------------------------------------------

    def new_doc(self, type_: str, issuer: Unit, d: date, subject: str, normative: bool = False,
                symbol: str | None = None) -> Doc:
        number = self.g.numbers.take(issuer, type_ + ("/n" if normative else ""), d.year)
        if symbol is None:
            if issuer.party:
                symbol = f"{type_}/{issuer.code}"
            elif normative:
                symbol = f"{d.year}/{type_}-{issuer.code}"
            else:
                symbol = f"{type_}-{issuer.code}"
        doc = Doc(type_, number, symbol, d, d.year, issuer, subject)
        doc.key = _key(number, symbol, d.year, issuer)
        return doc

    def context_cites(self, w: Writer, k: int) -> str:
        """Other central instruments mentioned as content ("tuyên truyền các văn bản …")."""
        pool = [d for d in self.g.recent if d.date and d.date <= self.root_date and d.key not in w.rels]
        if not pool:
            return ""
        picks = self.rng.sample(pool, min(k, len(pool)))
        return "; ".join(w.cite(d, "cites") for d in picks)

    # -- central -------------------------------------------------------------

    def central(self) -> tuple[Doc, list[Doc], Doc | None]:
        """Root instrument, the instruments provinces implement, and a ministry letter."""
        rng, t = self.rng, self.topic
        out = self.g.out
        kind = rng.choices(("TW", "NQCP", "QDTTG", "CTTTG", "ND"), (3, 2, 3, 1, 1))[0]
        d0 = self.root_date
        if kind == "TW":
            root = self.new_doc("NQ", CENTRAL["TW"], d0, f"về {t.subject}")
        elif kind == "NQCP":
            root = self.new_doc("NQ", CENTRAL["CP"], d0, f"về {t.subject}")
        elif kind == "QDTTG":
            root = self.new_doc("QĐ", CENTRAL["TTg"], d0, f"phê duyệt Đề án {t.subject}")
        elif kind == "CTTTG":
            root = self.new_doc("CT", CENTRAL["TTg"], d0, f"về {t.subject}")
        else:
            root = self.new_doc("NĐ", CENTRAL["CP"], d0, f"quy định chi tiết một số nội dung về {t.short}", normative=True)
        self.write_central(root, None)
        targets = [root]
        if kind == "TW" and rng.random() < 0.5 and not out.full:
            d1 = d0 + timedelta(days=rng.randint(15, 60))
            prog = self.new_doc("NQ", CENTRAL["CP"], d1,
                                f"ban hành Chương trình hành động của Chính phủ thực hiện Nghị quyết số {root.label}")
            self.write_central(prog, root)
            targets.append(prog)
        letter = None
        if rng.random() < 0.35 and not out.full:
            m = MINISTRIES[t.ministry]
            d2 = targets[-1].date + timedelta(days=rng.randint(7, 40))  # type: ignore[operator]
            letter = self.new_doc("CV", m, d2, f"hướng dẫn triển khai {t.short}",
                                  symbol=f"{m.code}-{rng.choice(('VP', 'KHTC', 'CCHC', 'PC', 'TH'))}")
            self.write_letter_central(letter, targets[-1])
        self.g.recent.append(root)
        return root, targets, letter

    def write_central(self, doc: Doc, parent: Doc | None) -> None:
        rng, t = self.rng, self.topic
        w = Writer(rng)
        _header(w, doc, "numbered")
        w.add(TITLE_WORD[doc.type], doc.subject[0].upper() + doc.subject[1:], "")
        u = doc.issuer
        if u.code in ("CP", "TTg"):
            w.add(f"{u.name.upper()}", "")
            w.add(f"Căn cứ {w.law(*LAW_CP, 'based_on')};", "")
            if doc.type == "NĐ":
                law = rng.choice(LAWS_UNDATED)
                w.add(f"Căn cứ {w.law(law, None, 'based_on')};", "")
            if parent is not None:
                w.add(f"Căn cứ {w.cite(parent, 'based_on', about=False)};", "")
                w.rel(parent, "implements")  # the title: "Chương trình hành động … thực hiện Nghị quyết số …"
            m = MINISTRIES[t.ministry]
            w.add(f"Theo đề nghị của Bộ trưởng {m.name};", "")
            verb = {"NĐ": "ban hành Nghị định", "QĐ": "QUYẾT ĐỊNH:", "CT": "chỉ thị:", "NQ": "QUYẾT NGHỊ:"}[doc.type]
            w.add(f"{u.name} {verb}" if doc.type == "NĐ" else verb, "")
        else:
            w.add(f"Thời gian qua, công tác {t.short} đã đạt được những kết quả quan trọng, song vẫn còn nhiều hạn chế. "
                  f"Để tạo bước chuyển biến mạnh mẽ trong giai đoạn mới, Bộ Chính trị yêu cầu:", "")
        w.add("I. MỤC TIÊU, YÊU CẦU", "")
        _paras(w, PURPOSE, 3, short=t.short, y=doc.year)
        w.add("II. NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU", "")
        for i, task in enumerate(rng.sample(list(t.tasks), min(len(t.tasks), rng.randint(3, 5))), 1):
            w.add(f"{i}. {task}.", "")
            w.add(f"{rng.choice(REQUIRE)} {rng.choice(ORGANISE)}", "")
        w.add("III. TỔ CHỨC THỰC HIỆN", "")
        w.add("1. Các bộ, ngành, tỉnh ủy, thành ủy và ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương "
              "xây dựng chương trình, kế hoạch thực hiện, hoàn thành trong thời hạn 60 ngày.", "")
        w.add(f"2. {rng.choice(ORGANISE)}", "")
        _signature(w, u, ["Các bộ, cơ quan ngang bộ", "Tỉnh ủy, thành ủy, UBND các tỉnh, thành phố trực thuộc Trung ương"])
        _emit(self.g.out, w, doc, "numbered", self.idx, [], role="central")

    def write_letter_central(self, doc: Doc, target: Doc) -> None:
        rng, t = self.rng, self.topic
        w = Writer(rng)
        _header(w, doc, "numbered", vv=doc.subject)
        w.add("Kính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương.", "")
        w.add(f"Thực hiện {w.cite(target, 'implements')}, {doc.issuer.name} hướng dẫn một số nội dung như sau:", "")
        _guidance(w, rng.sample(list(t.tasks), min(3, len(t.tasks))))
        w.add(f"4. Báo cáo kết quả thực hiện về {doc.issuer.name} trước ngày 15/12/{doc.year}.", "")
        w.add(f"{rng.choice(ORGANISE)} {rng.choice(ORGANISE)}", "")
        w.add(f"{doc.issuer.name} đề nghị Ủy ban nhân dân các tỉnh, thành phố quan tâm chỉ đạo thực hiện./.", "")
        _signature(w, doc.issuer, ["Như trên", "Bộ trưởng (để b/c)"])
        _emit(self.g.out, w, doc, "numbered", self.idx, ["Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"],
              role="central-letter")

    # -- province ------------------------------------------------------------

    def province_block(self, p: Province, root: Doc, targets: list[Doc], letter: Doc | None) -> None:
        rng, t, out = self.rng, self.topic, self.g.out
        start = max(targets[-1].date + timedelta(days=rng.randint(10, 45)),  # type: ignore[operator]
                    LOCAL_START + timedelta(days=rng.randint(1, 20)))
        implements = list(targets)
        party_plan = None
        if root.issuer.code == "TW" and rng.random() < 0.7:
            party_plan = self.new_doc("KH", p.party, start, f"thực hiện Nghị quyết số {root.label}")
            self.write_party_plan(party_plan, root)
            implements.append(party_plan)
            start = start + timedelta(days=rng.randint(5, 20))
        # the provincial directive
        depts = [p.dept(t.lead)] + [p.dept(c) for c in t.coord]
        extra = [c for c, _ in DEPARTMENTS if c != t.lead and c not in t.coord]
        depts += [p.dept(c) for c in rng.sample(extra, rng.randint(1, 4))]
        deadline = start + timedelta(days=rng.randint(15, 25))
        as_decision = rng.random() < 0.2
        directive = self.new_doc("QĐ" if as_decision else "KH", p.ubnd, start,
                                 f"về triển khai {t.short} trên địa bàn {p.kind} năm {start.year}")
        has_dk = any(c.commune_kind == "đặc khu" for c in p.communes)
        all_communes = "UBND các xã, phường, đặc khu" if has_dk else "UBND các xã, phường"
        recipients = [*(d.name for d in depts), all_communes]
        self.write_directive(p, directive, implements, letter, depts, deadline, as_decision, recipients)
        statuses: dict[str, tuple[str, bool | None]] = {}
        lead_plan: Doc | None = None
        # departments
        for d in depts:
            if out.full:
                break
            r = rng.random()
            if r < 0.6:
                late = rng.random() < 0.2
                dd = (deadline + timedelta(days=rng.randint(3, 40))) if late else start + timedelta(
                    days=rng.randint(2, max(3, (deadline - start).days)))
                plan = self.new_doc("KH", d, dd, f"triển khai {t.short} năm {dd.year} của {d.name}")
                mode = _mode(rng)
                self.write_unit_plan(p, d, plan, directive, None, late, mode, basis=rng.random() < 0.25)
                statuses[d.id] = ("has_plan", late)
                if d.code == t.lead and mode == "numbered":
                    lead_plan = plan
            elif r < 0.72:
                dd = start + timedelta(days=rng.randint(3, 30))
                cv = self.new_doc("CV", d, dd, f"hướng dẫn triển khai {t.short}",
                                  symbol=f"{d.code}-{rng.choice(('VP', 'KHTC', 'QLCN', 'TH'))}")
                self.write_unit_letter(p, d, cv, directive, implements=True)
                statuses[d.id] = ("has_plan", dd > deadline)
            else:
                statuses[d.id] = ("no_plan", None)
        # communes
        for c in p.communes:
            if out.full:
                break
            r = rng.random()
            if r < 0.55:
                late = rng.random() < 0.22
                dd = (deadline + timedelta(days=rng.randint(3, 60))) if late else start + timedelta(
                    days=rng.randint(2, max(3, (deadline - start).days)))
                plan = self.new_doc("KH", c, dd, f"triển khai {t.short} trên địa bàn {c.commune_kind} {c.place} năm {dd.year}")
                mode = _mode(rng)
                helper = lead_plan if (lead_plan and lead_plan.date and lead_plan.date <= dd and rng.random() < 0.3) else None
                self.write_unit_plan(p, c, plan, directive, helper, late, mode, basis=rng.random() < 0.2,
                                     nested=root if rng.random() < 0.25 else None)
                statuses[c.id] = ("has_plan", late)
                if rng.random() < 0.25 and not out.full:
                    self.write_report(p, c, directive, plan if mode == "numbered" else None,
                                      deadline + timedelta(days=rng.randint(50, 110)))
            elif r < 0.60:
                self.write_report(p, c, directive, None, deadline + timedelta(days=rng.randint(50, 110)))
                statuses[c.id] = ("reported_only", None)
            elif r < 0.65:
                dd = start + timedelta(days=rng.randint(5, 60))
                plan = self.new_doc("KH", c, dd, f"{t.short} trên địa bàn {c.commune_kind} {c.place} năm {dd.year}")
                self.write_possible(p, c, plan, root)
                statuses[c.id] = ("possible", None)
            elif r < 0.68:
                dd = start + timedelta(days=rng.randint(5, 40))
                cv = self.new_doc("CV", c, dd, f"đề nghị hỗ trợ triển khai {t.short}", symbol="UBND-VP")
                self.write_unit_letter(p, c, cv, directive, implements=False)
                statuses[c.id] = ("no_plan", None)
            else:
                statuses[c.id] = ("no_plan", None)
        # the province chases the late ones
        if rng.random() < 0.5 and not out.full:
            dd = deadline + timedelta(days=rng.randint(3, 12))
            cv = self.new_doc("CV", p.ubnd, dd, f"đôn đốc xây dựng kế hoạch triển khai {t.short}",
                              symbol=f"UBND-{rng.choice(('KGVX', 'KT', 'NC', 'TH'))}")
            self.write_reminder(p, cv, directive, all_communes)
        if directive.key is not None:
            for unit_id, (status, late) in statuses.items():
                out.gaps.write(json.dumps({"directive": directive.key, "campaign": self.idx, "unit": unit_id,  # type: ignore[attr-defined]
                                           "status": status, "late": late}, ensure_ascii=False) + "\n")
            for c in p.communes:
                if c.id not in statuses:  # stream ended before this unit: nothing issued
                    out.gaps.write(json.dumps({"directive": directive.key, "campaign": self.idx, "unit": c.id,  # type: ignore[attr-defined]
                                               "status": "no_plan", "late": None}, ensure_ascii=False) + "\n")

    def write_party_plan(self, doc: Doc, root: Doc) -> None:
        rng, t = self.rng, self.topic
        w = Writer(rng)
        _header(w, doc, "numbered")
        w.add("KẾ HOẠCH", f"thực hiện {w.cite(root, 'implements', about=False)}", f"{root.subject}", "-----", "")
        w.add(f"Thực hiện {w.cite(root, 'implements')}, {doc.issuer.name} xây dựng Kế hoạch thực hiện như sau:", "")
        _situation(w, t.short)
        w.add("I. MỤC ĐÍCH, YÊU CẦU", "")
        _paras(w, PURPOSE, 3, short=t.short, y=doc.year)
        _paras(w, REQUIRE, 2)
        w.add("II. NHIỆM VỤ, GIẢI PHÁP", "")
        for i, task in enumerate(rng.sample(list(t.tasks), min(len(t.tasks), 4)), 1):
            w.add(f"{i}. {task}.", "", rng.choice(ORGANISE), "")
        w.add("III. TỔ CHỨC THỰC HIỆN", "")
        w.add("1. Ban cán sự đảng Ủy ban nhân dân tỉnh lãnh đạo Ủy ban nhân dân tỉnh ban hành kế hoạch thực hiện; "
              "chỉ đạo các sở, ngành, địa phương cụ thể hóa bằng kế hoạch của mình.", "")
        w.add("2. Đảng ủy các xã, phường lãnh đạo chính quyền cùng cấp tổ chức thực hiện; định kỳ báo cáo kết quả.", "")
        _signature(w, doc.issuer, ["Ban Bí thư Trung ương Đảng (để b/c)", "Các đảng bộ trực thuộc", "Các đồng chí Tỉnh ủy viên"])
        _emit(self.g.out, w, doc, "numbered", self.idx, [], role="party-plan")

    def write_directive(self, p: Province, doc: Doc, implements: list[Doc], letter: Doc | None,
                        depts: list[Unit], deadline: date, as_decision: bool, recipients: list[str]) -> None:
        rng, t = self.rng, self.topic
        w = Writer(rng)
        _header(w, doc, "numbered")
        if as_decision:
            w.add("QUYẾT ĐỊNH", f"Ban hành Kế hoạch triển khai {t.short} trên địa bàn {p.kind} năm {doc.year}", "",
                  f"CHỦ TỊCH ỦY BAN NHÂN DÂN {p.kind.upper()} {p.bare.upper()}", "")
            w.add(f"Căn cứ {w.law(*LAW_CQDP, 'based_on')};", "")
            for d in implements:
                w.add(f"Căn cứ {w.cite(d, 'based_on')};", "")
            if letter is not None:
                w.add(f"Căn cứ {w.cite(letter, 'based_on')};", "")
            lead = p.dept(t.lead)
            ttr = self.new_doc("TTr", lead, doc.date - timedelta(days=rng.randint(2, 8)), "")  # type: ignore[operator]
            w.add(f"Theo đề nghị của Giám đốc {lead.name} tại Tờ trình số {ttr.label} ngày {fmt_date(ttr.date, w.words)}.", "")  # type: ignore[arg-type]
            w.rel(ttr, "based_on")
            w.add("QUYẾT ĐỊNH:", "")
            w.add(f"Điều 1. Ban hành kèm theo Quyết định này Kế hoạch triển khai {t.short} trên địa bàn {p.kind} năm {doc.year}.", "")
            w.add("Điều 2. Quyết định này có hiệu lực kể từ ngày ký.", "")
            w.add(f"Điều 3. Chánh Văn phòng Ủy ban nhân dân {p.kind}, Thủ trưởng các sở, ban, ngành, Chủ tịch Ủy ban nhân dân "
                  "các xã, phường chịu trách nhiệm thi hành Quyết định này./.", "")
            w.add("", "KẾ HOẠCH", f"Triển khai {t.short} trên địa bàn {p.kind} năm {doc.year}",
                  f"(Kèm theo Quyết định số {doc.label} của Chủ tịch Ủy ban nhân dân {p.kind})", "")
        else:
            w.add("KẾ HOẠCH", f"Triển khai {t.short} trên địa bàn {p.kind} {p.bare} năm {doc.year}", "")
            cites = "; ".join(w.cite(d, "implements") for d in implements)
            if letter is not None and rng.random() < 0.6:
                cites += f"; {w.cite(letter, 'implements')}"
            w.add(f"Thực hiện {cites}, Ủy ban nhân dân {p.kind} ban hành Kế hoạch triển khai trên địa bàn {p.kind} như sau:", "")
        _situation(w, t.short)
        w.add("I. MỤC ĐÍCH, YÊU CẦU", "", "1. Mục đích", "")
        _paras(w, PURPOSE, 3, short=t.short, y=doc.year)
        w.add("2. Yêu cầu", "")
        _paras(w, REQUIRE, 3)
        w.add("II. NHIỆM VỤ CỤ THỂ", "")
        tasks = rng.sample(list(t.tasks), min(len(t.tasks), rng.randint(4, 6)))
        leads = [d.name for d in depts[: len(tasks)]]
        coords = [d.name for d in depts] + ["Ủy ban nhân dân các xã, phường"]
        _assignments(w, tasks, leads, coords, doc.year, deadline)
        ctx = self.context_cites(w, rng.randint(0, 2))
        if ctx:
            w.add(f"{len(tasks) + 1}. Tuyên truyền, phổ biến các văn bản có liên quan, như: {ctx}.", "")
        w.add("III. KINH PHÍ", "", rng.choice(BUDGET).format(y=doc.year), "")
        w.add("IV. TỔ CHỨC THỰC HIỆN", "")
        w.add(f"1. Các sở, ban, ngành và Ủy ban nhân dân các xã, phường căn cứ Kế hoạch này xây dựng kế hoạch của "
              f"cơ quan, đơn vị, địa phương, hoàn thành trước ngày {fmt_date(deadline, False)}, gửi về {depts[0].name}.", "")
        w.add(f"2. Giao {depts[0].name} theo dõi, đôn đốc, tổng hợp kết quả, báo cáo Ủy ban nhân dân {p.kind} trước ngày "
              f"{fmt_date(deadline + timedelta(days=100), False)}.", "")
        w.add(f"3. {rng.choice(ORGANISE)}", "")
        _signature(w, doc.issuer, recipients)
        _emit(self.g.out, w, doc, "numbered", self.idx, recipients, role="directive")

    def _opening(self, w: Writer, directive: Doc, helper: Doc | None, basis: bool, nested: Doc | None) -> str:
        rel = "based_on" if basis else "implements"
        inner = (nested, "triển khai thực hiện") if nested is not None and nested.key else None
        s = w.cite(directive, rel, nested=inner)
        if helper is not None:
            s += f"; {w.cite(helper, rel, about=False)}"
        return s

    def write_unit_plan(self, p: Province, u: Unit, doc: Doc, directive: Doc, helper: Doc | None,
                        late: bool, mode: str, basis: bool, nested: Doc | None = None) -> None:
        rng, t = self.rng, self.topic
        w = Writer(rng)
        w.named = u.level == "commune"
        if mode == "blank":
            doc.date = None
        _header(w, doc, mode)
        title = doc.subject[0].upper() + doc.subject[1:]
        if mode == "none":
            w.add(title, "")
        else:
            w.add("KẾ HOẠCH", title, "")
        who = u.name
        if basis:
            w.add(f"Căn cứ {self._opening(w, directive, helper, True, nested)};", "")
            w.add(f"{who} ban hành Kế hoạch {t.short} như sau:", "")
        else:
            w.add(f"Thực hiện {self._opening(w, directive, helper, False, nested)}, {who} ban hành Kế hoạch như sau:", "")
        _situation(w, t.short)
        w.add("I. MỤC ĐÍCH, YÊU CẦU", "")
        _paras(w, PURPOSE, rng.randint(2, 3), short=t.short, y=doc.year)
        _paras(w, REQUIRE, 2)
        w.add("II. NHIỆM VỤ", "")
        if u.level == "commune":
            pool = list(t.local_tasks)
            offices = [f"{o} {u.commune_kind}" for o in COMMUNE_OFFICES]
        else:
            pool = list(t.tasks)
            offices = list(DEPT_OFFICES)
        tasks = rng.sample(pool, min(len(pool), rng.randint(3, 6)))
        leads = rng.sample(offices, min(len(offices), len(tasks)))
        _assignments(w, tasks, leads, offices, doc.year, doc.date or directive.date or LOCAL_START)  # type: ignore[arg-type]
        w.add("III. KINH PHÍ", "", rng.choice(BUDGET).format(y=doc.year), "")
        w.add("IV. TỔ CHỨC THỰC HIỆN", "")
        w.add(f"1. {rng.choice(ORGANISE)}", "", f"2. {rng.choice(ORGANISE)}", "")
        if late:
            w.add("3. Kế hoạch được ban hành chậm so với thời hạn do đơn vị đang kiện toàn tổ chức bộ máy sau sắp xếp; "
                  "các mốc thời gian được bố trí lại để bảo đảm hoàn thành trong năm./.", "")
        recipients = [p.dept(t.lead).name, directive.issuer.cited.replace("Ủy ban nhân dân", "UBND") + " (b/c)"]
        _signature(w, u, recipients)
        _emit(self.g.out, w, doc, mode, self.idx, recipients, late=late, role="plan")

    def write_possible(self, p: Province, u: Unit, doc: Doc, root: Doc) -> None:
        """A plan on the same subject that never cites the provincial directive."""
        rng, t = self.rng, self.topic
        w = Writer(rng)
        w.named = u.level == "commune"
        _header(w, doc, "numbered")
        w.add("KẾ HOẠCH", doc.subject[0].upper() + doc.subject[1:], "")
        w.add(f"Thực hiện {w.cite(root, 'implements')}, {u.name} xây dựng Kế hoạch như sau:", "")
        w.add(f"Kế hoạch góp phần thực hiện các mục tiêu chung của {p.kind} {p.bare} về {t.short} trong năm {doc.year}.", "")
        _situation(w, t.short)
        w.add("I. MỤC ĐÍCH, YÊU CẦU", "")
        _paras(w, PURPOSE, 3, short=t.short, y=doc.year)
        w.add("II. NHIỆM VỤ", "")
        offices = [f"{o} {u.commune_kind}" for o in COMMUNE_OFFICES]
        tasks = rng.sample(list(t.local_tasks), min(len(t.local_tasks), rng.randint(3, 4)))
        _assignments(w, tasks, rng.sample(offices, len(tasks)), offices, doc.year, doc.date)  # type: ignore[arg-type]
        w.add("III. TỔ CHỨC THỰC HIỆN", "", rng.choice(ORGANISE), "", rng.choice(ORGANISE), "")
        _signature(w, u, ["TT Đảng ủy", "CT, các PCT UBND"])
        _emit(self.g.out, w, doc, "numbered", self.idx, [], role="possible")

    def write_unit_letter(self, p: Province, u: Unit, doc: Doc, directive: Doc, implements: bool) -> None:
        rng, t = self.rng, self.topic
        w = Writer(rng)
        w.named = u.level == "commune"
        _header(w, doc, "numbered", vv=doc.subject)
        if implements:
            w.add("Kính gửi:", "- Các sở, ban, ngành;", "- Ủy ban nhân dân các xã, phường.", "")
            w.add(f"Thực hiện {w.cite(directive, 'implements')}, {u.name} hướng dẫn như sau:", "")
            _guidance(w, rng.sample(list(t.tasks), min(3, len(t.tasks))))
            recipients = ["Như trên", "UBND tỉnh (b/c)"]
        else:
            lead = p.dept(t.lead)
            w.add(f"Kính gửi: {lead.name} {p.kind} {p.bare}.", "")
            d = directive.date
            w.add(f"Ngày {fmt_date(d, False) if d else ''}, {w._who(directive.issuer)} ban hành {w.cite(directive, 'cites', of=False)}, "
                  f"trong đó giao Ủy ban nhân dân các xã, phường xây dựng kế hoạch của địa phương.", "")
            w.add(f"Hiện nay {u.name} đang khảo sát để xây dựng kế hoạch. {rng.choice(SHORTCOMINGS)} {rng.choice(SHORTCOMINGS)}", "")
            w.add(f"Để có cơ sở triển khai phù hợp với điều kiện thực tế, {u.name} đề nghị {lead.name} hướng dẫn, hỗ trợ "
                  f"về chuyên môn và tài liệu; cử cán bộ tập huấn cho công chức của địa phương.", "")
            w.add("Các nội dung địa phương dự kiến triển khai:", "")
            _guidance(w, rng.sample(list(t.local_tasks), min(2, len(t.local_tasks))))
            recipients = ["Như trên", "CT, PCT UBND"]
        _situation(w, t.short)
        w.add(f"{rng.choice(ORGANISE)} {rng.choice(ORGANISE)}", "")
        w.add(f"{rng.choice(PURPOSE).format(short=t.short, y=doc.year)}", "")
        w.add("Trân trọng đề nghị các cơ quan, đơn vị quan tâm thực hiện./.", "")
        _signature(w, u, recipients)
        _emit(self.g.out, w, doc, "numbered", self.idx, recipients, role="letter" if implements else "cites-only")

    def write_report(self, p: Province, u: Unit, directive: Doc, own: Doc | None, d: date) -> None:
        rng, t = self.rng, self.topic
        doc = self.new_doc("BC", u, d, f"kết quả thực hiện nhiệm vụ {t.short} năm {d.year}")
        mode = "blank" if rng.random() < 0.25 else "numbered"
        if mode == "blank":
            doc.date = None
        w = Writer(rng)
        w.named = u.level == "commune"
        _header(w, doc, mode)
        w.add("BÁO CÁO", doc.subject[0].upper() + doc.subject[1:], "")
        w.add(f"Thực hiện {w.cite(directive, 'reports_on')}, {u.name} báo cáo kết quả thực hiện như sau:", "")
        w.add("I. CÔNG TÁC CHỈ ĐẠO, TRIỂN KHAI", "")
        if own is not None and own.date is not None:
            w.add(f"Ngày {fmt_date(own.date, False)}, {u.name} đã ban hành {w.cite(own, 'cites', of=False, about=False)} "
                  f"{own.subject}, phân công nhiệm vụ cụ thể cho các cơ quan, đơn vị.", "")
        else:
            w.add(f"{u.name} chưa ban hành kế hoạch riêng; các nhiệm vụ được lồng ghép trong chương trình công tác năm {d.year}.", "")
        w.add("II. KẾT QUẢ THỰC HIỆN", "")
        _situation(w, t.short)
        for i, s in enumerate(rng.sample(RESULTS, 5), 1):
            a = rng.randint(2, 30)
            w.add(f"{i}. " + s.format(a=a, b=rng.randint(100, 5000), c=rng.randint(40, 99), d=rng.randint(90, 100),
                                      e=a + rng.randint(0, 5)), "")
            if rng.random() < 0.5:
                w.add(rng.choice(DETAIL), "")
        w.add("III. TỒN TẠI, HẠN CHẾ", "")
        for s in rng.sample(SHORTCOMINGS, 3):
            w.add(f"- {s} {rng.choice(DETAIL)}", "")
        w.add("IV. PHƯƠNG HƯỚNG THỜI GIAN TỚI", "", f"- {rng.choice(PURPOSE).format(short=t.short, y=d.year + 1)}", "")
        w.add(f"Trên đây là báo cáo kết quả thực hiện của {u.name}./.", "")
        recipients = [p.dept(t.lead).name, "Sở Nội vụ"]
        _signature(w, u, recipients)
        _emit(self.g.out, w, doc, mode, self.idx, recipients, role="report")

    def write_reminder(self, p: Province, doc: Doc, directive: Doc, all_communes: str) -> None:
        rng, t = self.rng, self.topic
        w = Writer(rng)
        _header(w, doc, "numbered", vv=doc.subject)
        w.add("Kính gửi:", "- Các sở, ban, ngành;", f"- {all_communes.replace('UBND', 'Ủy ban nhân dân')}.", "")
        d = directive.date
        w.add(f"Ngày {fmt_date(d, False) if d else ''}, Ủy ban nhân dân {p.kind} ban hành {w.cite(directive, 'cites', of=False)}. "
              f"Đến nay, còn nhiều cơ quan, địa phương chưa ban hành kế hoạch hoặc ban hành chưa bảo đảm yêu cầu.", "")
        w.add(f"Để bảo đảm tiến độ, Chủ tịch Ủy ban nhân dân {p.kind} yêu cầu:", "")
        w.add("1. Các cơ quan, địa phương chưa ban hành kế hoạch khẩn trương ban hành trong thời hạn 10 ngày.", "")
        w.add(f"2. {rng.choice(REQUIRE)}", "", f"3. {rng.choice(ORGANISE)}", "")
        w.add(f"4. {rng.choice(PURPOSE).format(short=t.short, y=doc.year)}", "")
        _guidance(w, rng.sample(list(t.tasks), min(2, len(t.tasks))), 5)
        _situation(w, t.short)
        w.add("Yêu cầu các cơ quan, đơn vị, địa phương nghiêm túc thực hiện./.", "")
        _signature(w, p.ubnd, ["Như trên", "CT, các PCT UBND"])
        _emit(self.g.out, w, doc, "numbered", self.idx, ["Các sở, ban, ngành", all_communes], role="reminder")


class Generator:
    def __init__(self, n: int, out_dir: Path, ocr: float, seed: int, provinces: Sequence[str] | None):
        self.rng = random.Random(seed)
        self.numbers = Numbers(self.rng)
        self.provinces = load_provinces(provinces)
        self.recent: deque[Doc] = deque(maxlen=48)
        self.n = n
        self.dir = out_dir
        self.ocr = ocr
        self.out: Out  # set in run()

    def run(self) -> Path:
        self.dir.mkdir(parents=True, exist_ok=True)
        truth_path = self.dir / "truth.jsonl"
        with open(truth_path, "w", encoding="utf-8") as tf, open(self.dir / "gaps.jsonl", "w", encoding="utf-8") as gf:
            self.out = Out(self.dir, self.n, self.ocr, random.Random(self.rng.random()), tf, gf)
            # about 1,200 central instruments a year; campaigns are spread evenly over the years
            avg = 90 * 2.5
            campaigns = max(1, self.n // int(avg))
            years = min(8.0, max(1.0, campaigns / 1200))
            step = 365.0 * years / campaigns
            clock = float(self.rng.randint(0, 60))
            order = list(self.provinces)
            self.rng.shuffle(order)
            cursor = 0
            idx = 0
            while not self.out.full:
                root_date = date(2025, 1, 6) + timedelta(days=int(clock))
                clock += step * (0.5 + self.rng.random())
                k = min(len(order), self.rng.randint(1, 4))
                chosen = [order[(cursor + j) % len(order)] for j in range(k)]
                cursor += k
                c = Campaign(self, idx, root_date, chosen)
                root, targets, letter = c.central()
                for p in chosen:
                    if self.out.full:
                        break
                    if self.rng.random() < 0.93:
                        c.province_block(p, root, targets, letter)
                idx += 1
        return truth_path


# ---------------------------------------------------------------------------
# Scoring an extractor against the ground truth
# ---------------------------------------------------------------------------


def same_key(pred: str | None, truth: str | None) -> bool:
    """Keys agree; a predicted year "?" (instrument cited without a date) matches any year."""
    if pred is None or truth is None:
        return False
    if pred == truth:
        return True
    p, t = pred.split("@"), truth.split("@")
    return len(p) == len(t) and p[0] == t[0] and p[1] == "?" and p[2:] == t[2:]


@dataclass(slots=True)
class Tally:
    """Precision and recall of identities and relations over many documents.

    ``add`` takes an extracted record as ``DocumentRecord.to_dict()`` and its truth line.
    Identity: the key (numbered documents) or type, year and issuer (unnumbered ones).
    Relations: (target key, relation) pairs, and targets alone ignoring the relation.
    """

    docs: int = 0
    identity_ok: int = 0
    date_ok: int = 0
    dated: int = 0
    issuer_ok: int = 0
    rel_tp: int = 0
    rel_pred: int = 0
    rel_true: int = 0
    tgt_tp: int = 0
    tgt_pred: int = 0
    tgt_true: int = 0
    der_tp: int = 0
    der_true: int = 0
    misses: list[tuple[str, str]] = field(default_factory=list)

    def add(self, rec: dict, truth: dict) -> None:
        self.docs += 1
        d = rec["document"]
        iss = d.get("issuer") or {}
        ti = truth["issuer"]
        if ti["level"] in ("central", "ministry", "party"):
            issuer_ok = iss.get("level") == ti["level"] and (iss.get("province") or None) == ti["province"]
        else:
            issuer_ok = iss.get("id") == ti["id"]
        self.issuer_ok += issuer_ok
        if truth["key"] is not None:
            ident = d["key"] == truth["key"]
        else:
            ident = d["number"] is None and d["type"] == truth["type"] and d["year"] == truth["year"] and issuer_ok
        self.identity_ok += ident
        if not ident:
            self.misses.append((truth["file"], f"identity {d['key']} != {truth['key'] or truth['type']}"))
        if truth["date"]:
            self.dated += 1
            self.date_ok += d["date"] == truth["date"]
        pred = [(r["target"]["key"], r["relation"]) for r in rec["references"]]
        true = [(r["target"], r["relation"]) for r in truth["relations"]]
        self.rel_pred += len(pred)
        self.rel_true += len(true)
        self.tgt_pred += len(pred)
        self.tgt_true += len(true)
        for tk, tr in true:
            hit = [(pk, pr) for pk, pr in pred if same_key(pk, tk)]
            if hit:
                self.tgt_tp += 1
                if any(pr == tr for _, pr in hit):
                    self.rel_tp += 1
                else:
                    self.misses.append((truth["file"], f"{tk}: {hit[0][1]} != {tr}"))
            else:
                self.misses.append((truth["file"], f"{tk} ({tr}) not found"))
        for pk, pr in pred:
            if not any(same_key(pk, tk) for tk, _ in true):
                self.misses.append((truth["file"], f"extra {pk} ({pr})"))
        for dt in truth.get("derived", ()):
            self.der_true += 1
            self.der_tp += any(
                same_key(x["source"]["key"], dt["source"]) and same_key(x["target"]["key"], dt["target"])
                and x["relation"] == dt["relation"] for x in rec["derived"])

    @staticmethod
    def _ratio(a: int, b: int) -> float:
        return a / b if b else 1.0

    def figures(self) -> dict[str, float]:
        r = self._ratio
        return {
            "identity": r(self.identity_ok, self.docs),
            "issuer": r(self.issuer_ok, self.docs),
            "date": r(self.date_ok, self.dated),
            "relation_precision": r(self.rel_tp, self.rel_pred),
            "relation_recall": r(self.rel_tp, self.rel_true),
            "target_precision": r(self.tgt_tp, self.tgt_pred),
            "target_recall": r(self.tgt_tp, self.tgt_true),
            "derived_recall": r(self.der_tp, self.der_true),
        }

    def report(self, title: str = "") -> str:
        f = self.figures()
        body = "  ".join(f"{k}={v:.3f}" for k, v in f.items())
        return f"{title} ({self.docs} docs): {body}"


def generate(n: int, out_dir: str | os.PathLike[str], ocr: float = 0.0, seed: int = 0,
             provinces: Iterable[str] | None = None) -> Path:
    """Write ``n`` documents under ``out_dir``; returns the path of ``truth.jsonl``."""
    if n < 1:
        raise ValueError(f"generate: n must be at least 1, got {n}")
    if not 0.0 <= ocr <= 1.0:
        raise ValueError(f"generate: ocr is a share between 0 and 1, got {ocr}")
    return Generator(n, Path(out_dir), ocr, seed, list(provinces) if provinces else None).run()


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int, help="number of documents")
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--ocr", type=float, default=0.0, help="share of documents garbled like OCR (0-1)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--provinces", nargs="+", help="restrict to these provinces (names or codes)")
    a = ap.parse_args(argv)
    t0 = time.perf_counter()
    truth = generate(a.n, a.out_dir, a.ocr, a.seed, a.provinces)
    dt = time.perf_counter() - t0
    print(f"{a.n} documents in {dt:.1f} s ({a.n / dt:,.0f} docs/s); ground truth: {truth}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
