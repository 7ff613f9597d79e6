"""Names of laws: the list of those most often cited by name, and a name's own law.

OCR'd and abbreviated names are matched to the list, so one law cited in
several spellings is one instrument.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from luocdo.core.fold import fold, squash
from luocdo.loaders.header import Header, without_portal_notes

KNOWN_LAWS = (
    "Luật Tổ chức chính quyền địa phương",
    "Luật Tổ chức Chính phủ",
    "Luật Ban hành văn bản quy phạm pháp luật",
    "Luật Ngân sách nhà nước",
    "Luật Cán bộ, công chức",
    "Luật Viên chức",
    "Luật Giao dịch điện tử",
    "Luật An ninh mạng",
    "Luật An toàn thông tin mạng",
    "Luật Công nghệ thông tin",
    "Luật Đầu tư công",
    "Luật Khoa học và Công nghệ",
    "Luật Khoa học, công nghệ và đổi mới sáng tạo",
    "Luật Tiếp cận thông tin",
    "Luật Phổ biến, giáo dục pháp luật",
    "Luật Thi đua, khen thưởng",
    "Luật Dữ liệu",
    "Luật Căn cước",
    "Luật Cư trú",
    "Luật Người cao tuổi",
    "Luật Đo lường",
    "Luật Đất đai",
    "Luật Xây dựng",
    "Luật Quy hoạch",
    "Luật Nhà ở",
    "Luật Kinh doanh bất động sản",
    "Luật Doanh nghiệp",
    "Luật Đầu tư",
    "Luật Đấu thầu",
    "Luật Đầu tư theo phương thức đối tác công tư",
    "Luật Quản lý thuế",
    "Luật Quản lý, sử dụng tài sản công",
    "Luật Xử lý vi phạm hành chính",
    "Luật Phòng, chống tham nhũng",
    "Luật Bảo vệ môi trường",
    "Luật Bảo hiểm xã hội",
    "Luật Bảo hiểm y tế",
    "Luật Hải quan",
    "Luật Thuế giá trị gia tăng",
    "Luật Thuế thu nhập doanh nghiệp",
    "Luật Thuế thu nhập cá nhân",
    "Luật Thuế xuất khẩu, thuế nhập khẩu",
    "Luật Thuế tiêu thụ đặc biệt",
    "Luật Kế toán",
    "Luật Giá",
    "Luật Chứng khoán",
    "Luật Các tổ chức tín dụng",
    "Luật Tài nguyên nước",
    "Luật Khám bệnh, chữa bệnh",
    "Luật Giáo dục",
    "Luật Giáo dục đại học",
    "Luật Giáo dục nghề nghiệp",
    "Luật Tổ chức Quốc hội",
    "Luật Tổ chức Tòa án nhân dân",
    "Luật Tổ chức Viện kiểm sát nhân dân",
    "Luật Thi hành án dân sự",
    "Luật Tố cáo",
    "Luật Khiếu nại",
    "Luật Thanh tra",
    "Luật Hôn nhân và gia đình",
    "Luật Sở hữu trí tuệ",
    "Luật Thương mại",
    "Luật Đường bộ",
    "Luật Trật tự, an toàn giao thông đường bộ",
    "Luật Thủy lợi",
    "Luật Lâm nghiệp",
    "Luật Thủy sản",
    "Luật Trồng trọt",
    "Luật Chăn nuôi",
    "Luật Khoáng sản",
    "Luật Dược",
    "Luật Quốc phòng",
    "Luật Biển Việt Nam",
    "Luật Quản lý ngoại thương",
    "Luật Hợp tác xã",
    "Luật Cạnh tranh",
    "Luật Kiểm toán nhà nước",
    "Luật Mặt trận Tổ quốc Việt Nam",
    "Luật Quốc tịch Việt Nam",
    "Luật Trách nhiệm bồi thường của Nhà nước",
    "Luật Điện lực",
    "Luật Viễn thông",
    "Luật Báo chí",
    "Luật Xuất bản",
    "Luật Di sản văn hóa",
    "Luật Du lịch",
    "Luật Thể dục, thể thao",
    "Luật Lao động",
    "Bộ luật Lao động",
    "Bộ luật Dân sự",
    "Bộ luật Hình sự",
    "Bộ luật Tố tụng dân sự",
    "Bộ luật Tố tụng hình sự",
    "Bộ luật Hàng hải Việt Nam",
    # longer names that begin with one above: a name is cut to the one above only when it is not itself listed
    "Luật Doanh nghiệp nhà nước",
    "Luật Đầu tư nước ngoài tại Việt Nam",
    "Luật Quy hoạch đô thị",
    "Luật Quy hoạch đô thị và nông thôn",
    "Luật Căn cước công dân",
    "Luật Khiếu nại, tố cáo",
    "Luật Giáo dục quốc phòng và an ninh",
    "Luật Thuế sử dụng đất nông nghiệp",
    "Luật Thuế sử dụng đất phi nông nghiệp",
    "Luật Thuế bảo vệ môi trường",
    "Luật Thuế tài nguyên",
    "Luật Đầu tư kinh doanh vốn nhà nước",
    "Luật Thương mại điện tử",
    "Luật Thi hành án hình sự",
    "Luật Kiểm toán độc lập",
    # and others often cited by name
    "Luật Thủ đô",
    "Luật Đê điều",
    "Luật Điện ảnh",
    "Luật Luật sư",
    "Luật Công chứng",
    "Luật Đường sắt",
    "Luật Giao thông đường thủy nội địa",
    "Luật Hàng không dân dụng Việt Nam",
    "Luật Phá sản",
    "Luật Dầu khí",
    "Luật Dự trữ quốc gia",
    "Luật Phí và lệ phí",
    "Luật Quản lý nợ công",
    "Luật Quản lý, sử dụng vốn nhà nước đầu tư vào sản xuất, kinh doanh tại doanh nghiệp",
    "Luật Quản lý và đầu tư vốn nhà nước tại doanh nghiệp",
    "Luật Kinh doanh bảo hiểm",
    "Luật Giám định tư pháp",
    "Luật Trọng tài thương mại",
    "Luật Hóa chất",
    "Luật Đa dạng sinh học",
    "Luật Tần số vô tuyến điện",
    "Luật Bảo vệ quyền lợi người tiêu dùng",
    "Luật Đấu giá tài sản",
    "Luật Khí tượng thủy văn",
    "Luật Phòng, chống tác hại của thuốc lá",
    "Luật Phòng, chống bạo lực gia đình",
    "Luật Phòng, chống ma túy",
    "Luật Phòng, chống bệnh truyền nhiễm",
    "Luật Bảo vệ và phát triển rừng",
    "Luật Bảo vệ và kiểm dịch thực vật",
    "Luật Tài nguyên, môi trường biển và hải đảo",
    "Luật Năng lượng nguyên tử",
    "Luật Tiêu chuẩn và quy chuẩn kỹ thuật",
    "Luật Chất lượng sản phẩm, hàng hóa",
    "Luật Quảng cáo",
    "Luật Bưu chính",
    "Luật Lưu trữ",
    "Luật Hộ tịch",
    "Luật Trẻ em",
    "Luật Người khuyết tật",
    "Luật Công an nhân dân",
    "Luật Nghĩa vụ quân sự",
    "Luật Công đoàn",
    "Luật An toàn, vệ sinh lao động",
    "Luật Thực hành tiết kiệm, chống lãng phí",
    "Luật Công nghệ cao",
    "Luật Cảnh vệ",
    "Luật Tố tụng hành chính",
    "Luật Nuôi con nuôi",
    "Luật Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân",
    "Luật Quản lý, sử dụng vũ khí, vật liệu nổ và công cụ hỗ trợ",
    "Luật Quản lý, bảo vệ công trình quốc phòng và khu quân sự",
    "Luật Sĩ quan Quân đội nhân dân Việt Nam",
    "Luật Công nghiệp quốc phòng, an ninh và động viên công nghiệp",
    "Luật Công nghiệp công nghệ số",
    "Luật Lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở",
    "Luật Phòng cháy và chữa cháy",
    "Luật Phòng, chống thiên tai",
    "Luật Đo lường",
    "Luật Thú y",
)


@lru_cache(maxsize=1)
def known_law_set() -> frozenset[str]:
    return frozenset(_known_law_names())


@lru_cache(maxsize=1)
def _known_law_names() -> dict[str, str]:
    """Folded name → name, each also without its commas ("Luật Quản lý sử dụng vốn nhà nước …" is
    written both ways)."""
    out = {squash(n): n for n in KNOWN_LAWS}
    out.update({" ".join(k.replace(",", " ").split()): n for k, n in list(out.items()) if "," in k})
    return out


#: "Luật sửa đổi, bổ sung một số điều của Luật X (, Luật Y … và Luật Z)", folded, as OCR leaves it
#: ("sua d6i, b6 sung mot sb diéu cua"): the laws it amends follow.
_AMENDING_OF = re.compile(
    # OCR's letters for the marked vowels too: "sua ddi, bd sung" (see _VOWEL_READ_AS)
    r"(?:luat\s+)?s[uw]a\s+[dpb][o06db]i,?\s*(?:v[a]\s+)?b[o06db]\s+sung\s+m[o06db9]t\s+s[a-z0-9&`]{0,2}\s+[dpb]i[e&]u\s+c[a-z`]{0,3}a\s+(?=luat\s)"
)
#: Between two laws of the list: ", ", "; " (as some official names write it) or " và ".
_LAW_LIST_SEP = re.compile(r"\s*[,;]\s*(?=luat\s)|\s+v[a]\s+(?=luat\s)")


@lru_cache(maxsize=4096)  # the same few laws are cited, in the same words, across a corpus
def canonical_law_name(raw: str) -> str:
    """The name of the list ``raw`` is a spelling of (OCR'd, abbreviated); for a law amending laws of
    the list, its head in words and those laws' names from the list; else ``raw`` as written."""
    known = _closest_known(squash(raw))
    if known is not None:
        return known
    raw = " ".join(raw.split())
    folded = fold(raw)  # the same offsets as ``raw``
    m = _AMENDING_OF.match(folded)
    if m is None or len(folded) != len(raw):
        return raw
    spans: list[tuple[int, int]] = []
    seps: list[str] = []
    pos = m.end()
    for gap in _LAW_LIST_SEP.finditer(folded, pos):
        spans.append((pos, gap.start()))
        seps.append(" và " if "v" in gap.group() else "; " if ";" in gap.group() else ", ")
        pos = gap.end()
    spans.append((pos, len(raw)))
    # each law amended by its name in the list, else as written (an OCR'd head is still the head in words)
    names = [_closest_known(folded[a:b]) or raw[a:b] for a, b in spans]
    out = "Luật sửa đổi, bổ sung một số điều của " + names[0]
    for sep, name in zip(seps, names[1:], strict=True):
        out += sep + name
    return out


def amended_in_name(name: str) -> tuple[str, ...]:
    """The laws an amending law's name says it amends, folded: "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức
    Chính phủ và Luật Tổ chức chính quyền địa phương" → ("luat to chuc chinh phu", "luat to chuc chinh quyen dia
    phuong"); () for any other name."""
    folded = squash(canonical_law_name(name))
    m = _AMENDING_OF.match(folded)
    if m is None:
        return ()
    return tuple(n for n in (part.strip() for part in _LAW_LIST_SEP.split(folded[m.end() :])) if n)


def _closest_known(folded: str) -> str | None:
    """The known name ``folded`` spells, exactly or as OCR damaged it.

    OCR keeps the words and their consonants and changes letters with marks: a name whose words
    have the consonants of one known name's words (:func:`_skeleton`) is that name; else one close
    by ``fuzz.ratio`` with as many words ("Luật Thuế" is not "Luật Thú y", a "Pháp lệnh" is no "Luật").
    """
    from rapidfuzz import fuzz, process

    choices = _known_law_names()
    if folded in choices:
        return choices[folded]
    by_skeleton = _known_skeletons().get(_skeleton(folded))
    if by_skeleton is not None:
        return by_skeleton or None  # "" when two known names share it: none
    best = process.extractOne(folded, list(choices), scorer=fuzz.ratio)
    if best and best[1] >= 82 and len(best[0].split()) == len(folded.split()) and _same_heads(best[0], folded):
        return choices[best[0]]
    return None  # a shorter name is kept as written: "Luật Bầu cử đại biểu Quốc hội" was a law of its own


def _same_heads(known: str, folded: str) -> bool:
    """The words start as the known name's do, as OCR reads a first letter (:func:`_word_shape`): OCR keeps a word's
    consonants, so "Luật Cư trú" is not "Luật Lưu trữ", nor "Luật A" "Luật Giá"; a long name may have one word of
    another head (a slip of its author's: "Luật Thuế tiêu thụ cá nhân" for "Luật Thuế thu nhập cá nhân"), a short one
    none ("Luật Người cao tuổi" is no "Luật Nuôi con nuôi")."""
    words = known.split()
    other = sum(_word_shape(a)[:1] != _word_shape(b)[:1] for a, b in zip(words, folded.split(), strict=True))
    return other <= (len(words) - 1) // 4


_VOWELS = re.compile(r"[aeiouywj&`0-9]+")  # "j": OCR's reading of "ị" ("thj", "djnh")


#: Letters OCR puts for a marked vowel that no Vietnamese word has where they stand: "d" after a word's
#: first letter ("vdn" for "vốn", "ddi" for "đổi"), "b" there ("qubc" for "quốc"), "r" not after "t" ("thirc" for "thức").
_VOWEL_READ_AS = re.compile(r"(?<=.)(?:[db]|(?<![t\s])r)")


def _word_shape(w: str) -> str:
    """A folded word with "Đ" read as "P" or "B" at its start as "d", and OCR's letters for vowels as "a"."""
    w = "d" + w[1:] if w[:1] in "pb" else w
    return _VOWEL_READ_AS.sub("a", w) if len(w) > 1 else w


def skeleton(folded: str) -> str:
    """A folded run as :func:`_skeleton` shapes it (for a name looked for in OCR'd words)."""
    return _skeleton(folded)


def _skeleton(folded: str) -> str:
    """A folded name with each run of vowels (and OCR's digits, signs and letters for them) as one "a"
    (:func:`_word_shape`): "luat piu tu" and "luat dau tu" are "lat daa ta"."""
    return " ".join(_VOWELS.sub("a", _word_shape(w)) for w in folded.split())


def known_by_skeleton(folded: str) -> bool:
    """Whether a folded, single-spaced run spells exactly one known name as OCR damages it, letter for
    letter (:func:`_letter_skeleton`): the head of a sentence is no place to read "Giao" as "Giá"."""
    if _known_letter_skeletons().get(_letter_skeleton(folded)):
        return True
    # a long name is told apart by its consonants alone: OCR may write one marked vowel as two letters
    # ("thirc" for "thức" in "Luật Đầu tư theo phương thức đối tác công tư")
    return folded.count(" ") >= 5 and bool(_known_skeletons().get(_skeleton(folded)))


_VOWEL = re.compile(r"[aeiouywj&`0-9]")


@lru_cache(maxsize=4096)
def begins_known_by_skeleton(folded: str) -> bool:
    """A folded run of three words or more that begins a known name as OCR spells it, letter for letter: "luat ph6
    bien" goes on past its comma as "Luật Phổ biến, giáo dục pháp luật" does."""
    if folded.count(" ") < 2:
        return False
    sk = _letter_skeleton(folded)
    return any(k.startswith((sk + " ", sk + ",")) for k in _known_letter_skeletons())


def _letter_skeleton(folded: str) -> str:
    """As :func:`_skeleton`, each vowel (or OCR's digit or sign for one) an "a" of its own: OCR changes
    a letter's marks, seldom how many letters there are ("luat pat dai", "luat bet dai": Luật Đất đai)."""
    return " ".join(_VOWEL.sub("a", _word_shape(w)) for w in folded.split())


def _known_by(shape: Callable[[str], str]) -> dict[str, str]:
    """Shape of each known name → the name ("" for a shape two names share)."""
    out: dict[str, str] = {}
    for folded, name in _known_law_names().items():
        sk = shape(folded)
        out[sk] = "" if sk in out and out[sk] != name else name
    return out


@lru_cache(maxsize=1)
def _known_letter_skeletons() -> dict[str, str]:
    return _known_by(_letter_skeleton)


@lru_cache(maxsize=1)
def _known_skeletons() -> dict[str, str]:
    return _known_by(_skeleton)


def law_title(title: str) -> str | None:
    """A law's own name from its title ("LUẬT ĐẤT ĐAI"), when the title is one."""
    t = " ".join(title.split())
    if "[" in t or len(t.split()) > 14 or not re.match(r"lu[a]t\s+\S", fold(t[:6]).lower()):
        return None
    return t


def same_name(a: str, b: str) -> bool:
    """Two folded names that differ at most by OCR damage."""
    from rapidfuzz import fuzz

    return a == b or (abs(len(a) - len(b)) <= 3 and fuzz.ratio(a, b) >= 88)


def own_name(text: str, h: Header, doc_type: str | None) -> str | None:
    """A law's, code's or ordinance's own name, folded ("luat chung khoan"): its mentions are itself."""
    if doc_type == "Hiến pháp":
        return "hien phap"  # one name, whatever its title line runs on into
    if doc_type not in ("Luật", "Bộ luật", "PL") or not h.title or not h.title_span:
        return None
    lo, hi = h.title_span
    # a legal portal's notes inside the title ("LUẬT [Quy định về … tại Luật này …] ĐẤT ĐAI") are not the name
    span = _NOTE_IN_TITLE.sub(" ", text[lo:hi])  # also one wrapped over lines, as OCR or a PDF wraps it
    lines = [x for x in ((without_portal_notes(line) or "").strip() for line in span.split("\n")) if x]
    if not lines:
        return None
    t = squash(" ".join(lines))  # "BỘ LUẬT / DÂN SỰ", and a long name wrapped over lines
    t = re.split(r"\s(?:so|ngay|nam)\s*[:\d]|\s\[", t)[0].strip(" ,.")
    above = squash(text[text.rfind("\n", 0, max(0, lo - 1)) + 1 : lo])  # the type line above the name, if any
    head = above if above in ("luat", "bo luat", "phap lenh") else _HEAD_OF.get(doc_type)
    if t and head and not t.startswith(("luat", "bo luat", "phap lenh", "hien phap")):
        t = f"{head} {t}"  # "LUẬT / ĐẤT ĐAI": the type line apart from the name under it
    return t or None


_HEAD_OF = {"Luật": "luat", "Bộ luật": "bo luat", "PL": "phap lenh"}
_NOTE_IN_TITLE = re.compile(r"\[[^\[\]]{0,1200}\]")
