"""Canonical keys: one per instrument, stable across documents and OCR.

Numbers restart every year for every issuer, so a key is the number and
symbol as people write them, the year, and — for local symbols — the
locality of the issuer::

    57-NQ/TW@2024                     national (Party Central)
    30/2020/NĐ-CP@2020                normative, year inside the symbol
    82/KH-UBND@2025@quang-ngai        provincial People's Committee
    38/KH-UBND@2025@quang-ngai/ly-son a commune-level unit of Quảng Ngãi
    18-NQ/TW@?                        cited without a date: year unknown
    Luật:to-chuc-chinh-phu@2025       a law cited by name
    KH@2025@quang-ngai/van-phong-ubnd-tinh#3fa2c1   no number in the text

Keys contain "/" because symbols do; :func:`url_key` / :func:`from_url_key`
give the URL-safe form the HTTP API uses.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from luocdo.core.fold import slug
from luocdo.core.model import display_id

#: Issuer codes whose numbers are national: one register for the whole country.
#: Anything not recognised as local (below) is treated as national too, since
#: ministries and central bodies choose their own codes.
NATIONAL_ISSUERS = frozenset(
    {"TW", "QH", "UBTVQH", "CP", "TTG", "VPCP", "BCT", "BBT", "BCĐTW", "TANDTC", "VKSNDTC", "KTNN"}
)

#: Issuer codes that are local: the same number is reused by every province and
#: commune, so the key must carry the issuer's locality.
#: The committees of a council report on its drafts under their own codes ("Báo cáo thẩm tra số
#: 12/BC-KTNS"): Kinh tế - Ngân sách, Văn hóa - Xã hội, and a commune council's Kinh tế - Xã hội.
LOCAL_ISSUERS = frozenset({"UBND", "HĐND", "TU", "HU", "ĐU", "TTHĐND", "VPUBND", "BTVTU", "MTTQ", "KTNS", "VHXH", "KTXH"})


def is_local_issuer(code: str | None) -> bool:
    """Whether numbers under this issuer code restart per locality.

    Councils and committees (UBND, HĐND), party committees below the Centre
    (TU tỉnh ủy, ĐU đảng ủy, HU) and their boards (BTGTU, BDVTU), provincial departments, written "S" +
    initials (SKHCN, STTTT, SNV), are local.  Everything else — the Centre,
    the Government, ministries (BYT, BTC …), steering committees — is national.
    """
    if not code:
        return False
    head = code.upper().split("-")[0]
    if head in NATIONAL_ISSUERS:
        return False
    if head in LOCAL_ISSUERS:
        return True
    # a province's or a district's Party boards under their committee's code: "BTGTU", "BDVTU", "UBKTHU"
    if len(head) >= 4 and head.isalpha() and head.endswith(("TU", "HU")):
        return True
    return len(head) >= 3 and head[0] == "S" and head.isalpha()


@lru_cache(maxsize=16384)  # a few thousand localities; asked for at every citation
def scope_of(province: str | None, commune: str | None = None) -> str | None:
    """Locality part of a key: "quang-ngai" or "quang-ngai/ly-son"."""
    if not province:
        return None
    if commune:
        return f"{slug(province)}/{slug(commune)}"
    return slug(province)


@lru_cache(maxsize=65536)  # a pure function; the same instruments are cited across documents
def instrument_key(
    number: str | None,
    symbol: str | None,
    year: int | None,
    *,
    local: bool,
    scope: str | None,
) -> str:
    """Key of a numbered instrument."""
    ident = display_id(number, _key_symbol(symbol)) or "?"
    key = f"{ident}@{year if year else '?'}"
    if local:
        key += f"@{scope or '?'}"
    return key


#: A symbol never ends in a word of the text's structure: "45/2013/QH13- Khoản 2" read as one
#: symbol is 45/2013/QH13; OCR spells the words without marks and "Đ" as "P" or "B".
_STRUCTURE_TAIL = re.compile(r"-(?:[ĐDPB]I[ỀE]U|KHO[ẢA]N|[ĐDPB]I[ỂE]M|CH[ƯU][ƠO]NG|M[ỤU]C|PH[ẦA]N)$")

#: "2013/QH13": a law's year and the National Assembly that passed it.
_ASSEMBLY = re.compile(r"^((?:19|20)\d{2})/QH(\d{1,2})$")

#: First year of each National Assembly; in the year it took over both occur.
_ASSEMBLY_FROM = {10: 1997, 11: 2002, 12: 2007, 13: 2011, 14: 2016, 15: 2021, 16: 2026}


def _key_symbol(symbol: str | None) -> str | None:
    """The symbol as the key spells it: without a structure word glued on, and
    with the Assembly that sat in the law's year ("31/2024/QH14" is a slip for
    QH15: laws are numbered per year, so the year settles which one)."""
    if not symbol:
        return symbol
    symbol = _STRUCTURE_TAIL.sub("", symbol)
    m = _ASSEMBLY.match(symbol)
    if m:
        year, n = int(m.group(1)), int(m.group(2))
        sitting = [a for a, start in _ASSEMBLY_FROM.items() if start <= year <= _ASSEMBLY_FROM.get(a + 1, 9999)]
        if sitting and n not in sitting and len(sitting) == 1:
            symbol = f"{year}/QH{sitting[0]}"
    return symbol


_SOME_ARTICLES = re.compile(r"(?<![a-z0-9])mot-s[a-z0-9]{0,2}-dieu(?![a-z0-9])")


def law_key(name: str, year: int | None) -> str:
    """Key of a law (Luật) cited by its name rather than a number."""
    base = name
    for prefix in ("luật ", "luat "):
        if base.lower().startswith(prefix):
            base = base[len(prefix):]
    # Vietnamese has no "w": in a law's name it is OCR's reading of "ư" ("Pháp lệnh Cán bộ, công chwc");
    # "một số điều" of an amending act's name as OCR reads "số" ("mot sb dieu", "mot s0 dieu")
    name_slug = _SOME_ARTICLES.sub("mot-so-dieu", slug(base).replace("w", "u"))
    return f"Luật:{name_slug}@{year if year else '?'}"


def unnumbered_key(type_code: str, year: int | None, scope: str | None, issuer: str | None, title: str | None) -> str:
    """Key of a document whose text gives no number (no header, or "Số: /BC-UBND")."""
    digest = hashlib.sha1(slug(title or "").encode()).hexdigest()[:6]
    who = "/".join(p for p in (scope, slug(issuer) if issuer else None) if p) or "?"
    return f"{type_code}@{year if year else '?'}@{who}#{digest}"


def url_key(key: str) -> str:
    """URL-safe form: "/" → "~" (never used in keys otherwise)."""
    return key.replace("/", "~")


def from_url_key(value: str) -> str:
    return value.replace("~", "/")


def year_unknown(key: str) -> bool:
    return "@?" in key


@dataclass(frozen=True, slots=True)
class Key:
    """A document key as a value: parsed once, printed back unchanged.

    Three shapes share the ``@`` grammar: a numbered instrument
    (``ident@year[@scope]``), a law cited by name (``Luật:slug@year``) and a
    document without a number (``TYPE@year@scope#digest``).  ``?`` stands for
    an unknown year or scope and is kept as such, so ``str(Key.parse(s)) == s``.
    """

    ident: str
    year: int | None = None
    scope: str | None = None
    #: Whether the key carries a scope part at all ("@?" counts: local, place unknown).
    scoped: bool = False
    digest: str | None = None

    @classmethod
    def parse(cls, text: str) -> Key:
        """Read a key in its stored or URL form; raises ValueError on anything else."""
        value = from_url_key(text.strip())
        head, sep, digest = value.partition("#")
        parts = head.split("@")
        if len(parts) not in (2, 3) or not parts[0] or (sep and not digest):
            raise ValueError(f"not a document key: {text!r} (expected IDENT@YEAR[@SCOPE][#DIGEST])")
        year_part = parts[1]
        if year_part != "?" and not (year_part.isdigit() and len(year_part) == 4):
            raise ValueError(f"not a document key: {text!r} (year {year_part!r} is neither YYYY nor ?)")
        scope = parts[2] if len(parts) == 3 else None
        if scope == "":
            raise ValueError(f"not a document key: {text!r} (empty scope)")
        return cls(
            ident=parts[0],
            year=None if year_part == "?" else int(year_part),
            scope=None if scope in (None, "?") else scope,
            scoped=len(parts) == 3,
            digest=digest or None,
        )

    def __str__(self) -> str:
        out = f"{self.ident}@{self.year if self.year else '?'}"
        if self.scoped:
            out += f"@{self.scope or '?'}"
        if self.digest:
            out += f"#{self.digest}"
        return out

    @property
    def url(self) -> str:
        return url_key(str(self))

    @property
    def is_law(self) -> bool:
        return self.ident.startswith("Luật:")

    @property
    def is_numbered(self) -> bool:
        """Whether the key names a number and symbol (not a law's name, not a digest)."""
        return not self.is_law and self.digest is None

    @property
    def province(self) -> str | None:
        """Slug of the province part of the scope ("quang-ngai")."""
        return self.scope.split("/", 1)[0] if self.scope else None

    @property
    def commune(self) -> str | None:
        """Slug of the commune part of the scope, when the issuer is commune-level."""
        return self.scope.split("/", 1)[1] if self.scope and "/" in self.scope else None

    def with_year(self, year: int | None) -> Key:
        return replace(self, year=year)


# ---------------------------------------------------------------------------
# Aliases: the keys under which one instrument is cited
# ---------------------------------------------------------------------------


def ident_group(key: str) -> str | None:
    """The part of a key every citation of one national instrument shares.

    "57-NQ/TW@2024" and "57-NQ/TW@?" → "57-NQ/TW"; "Luật:dat-dai@2013" and
    "Luật:dat-dai@?" → "Luật:dat-dai".  Local keys (a third "@" part: numbers
    restart per locality) and keys without a number ("…#digest") have none:
    they are never merged by the store.
    """
    if "#" in key:
        return None
    head, sep, _year = key.rpartition("@")
    if not sep or "@" in head or head in ("", "?"):
        return None
    return head


def key_year(key: str) -> int | None:
    """Year part of a key, None when unknown ("@?")."""
    _head, _sep, y = key.partition("@")
    y = y.split("@", 1)[0]
    return int(y) if y.isdigit() else None


def scope_words(key: str) -> str:
    """The place part of a key ("quang-ngai/son-mai") as words."""
    try:
        scope = Key.parse(key).scope or ""
    except ValueError:
        return ""
    return scope.replace("-", " ").replace("/", " ")


def is_name_key(key: str) -> bool:
    """A law cited by its name rather than by its number."""
    return key.startswith("Luật:")


def canonical_rank(key: str) -> tuple[int, str]:
    """Which key of an instrument's aliases names its node: the number with a year
    first, then the number alone, then the name with a year, then the name alone."""
    return (2 * is_name_key(key) + (key_year(key) is None), key)
