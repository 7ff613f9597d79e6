"""Diacritic and OCR folding that keeps offsets.

Every pattern in the extractor runs over a *folded* copy of the text in which
each character of the original is replaced by exactly one character: the
lower-case base letter without tone or vowel marks ("ố" → "o", "Đ" → "d").
Because the folded text has the same length as the original, a span found in
it is a span in the original, so provenance needs no offset bookkeeping.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import numpy as np

# Characters OCR and exports put in place of letters or separators, folded to
# what they most often stand for.  The extractor's patterns accept the wider
# confusion classes; this table only handles the characters that have no
# base letter at all.
_SPECIAL = {
    "đ": "d",
    "Đ": "d",
    "ð": "d",
    "Ð": "d",
    "ø": "o",
    "Ø": "o",
    "ł": "l",
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u2013": "-",  # en dash
    "\u2014": "-",  # em dash
    "\u2010": "-",
    "\u2011": "-",
    "\u2212": "-",
    "\u00a0": " ",
    "\u00a5": "y",  # "k¥ nang" for "kỹ năng"
    "\u00a2": "e",  # "vi¢c", "hi¢u" for "việc", "hiệu"
    "\u20ac": "e",  # "nhi€m" for "nhiệm"
    "\u00a7": "y",  # "k§" for "kỹ"
    "\t": " ",
}


@lru_cache(maxsize=4096)
def fold_char(ch: str) -> str:
    """Fold one character to exactly one character."""
    if ch in _SPECIAL:
        return _SPECIAL[ch]
    if ch.isascii():
        return ch.lower()
    decomposed = unicodedata.normalize("NFD", ch)
    base = decomposed[0]
    if unicodedata.combining(base):
        # A stray combining mark left by OCR: make it inert for patterns.
        return "`"
    if base.isascii():
        return base.lower()
    return ch.lower() if len(ch.lower()) == 1 else ch


_TABLE: dict[int, str] = {}


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


#: A digit between two letters, or after the one letter of a word: OCR's reading of a letter with marks
#: ("d6i" for "đổi", "m9t" for "một", "c4c" for "các", "b6" for "bổ"); no number or symbol has one there.
_DIGIT_IN_WORD = re.compile(r"[0134689](?:(?<=[a-z][0134689])(?=[a-z])|(?<=[a-z][0134689])(?<![a-z0-9][a-z][0134689])(?![a-z0-9]))")


def fold(text: str) -> str:
    """Lower-case, strip diacritics, keep length: ``len(fold(s)) == len(s)``.

    A digit OCR read for a letter inside a word is folded to that letter (:data:`OCR_DIGIT_LETTERS`),
    so patterns written over folded words read "Sua d6i, b6 sung" as they read "Sửa đổi, bổ sung"."""
    out = _translate_long(text) if len(text) >= _LONG else text.translate(_TABLE)
    if not out.isascii():
        # characters outside the table (OCR junk, other scripts), one by one
        out = _NON_ASCII.sub(lambda m: fold_char(m.group()), out)
    if any(c in out for c in "0134689"):
        out = _DIGIT_IN_WORD.sub(lambda m: m.group().translate(OCR_DIGIT_LETTERS), out)
    return out


def _build_table() -> None:
    for cp in range(ord("A"), ord("Z") + 1):
        _TABLE[cp] = chr(cp + 32)
    for cp in range(0x00C0, 0x1FFF):
        ch = chr(cp)
        f = fold_char(ch)
        if len(f) == 1:
            _TABLE[cp] = f
    for ch, f in _SPECIAL.items():
        _TABLE[ord(ch)] = f
    for cp in range(0x0300, 0x0370):  # combining marks
        _TABLE[cp] = "`"


_build_table()

#: From this length on, a whole document: :func:`fold` maps code points through an array.
#: ``str.translate`` looks each non-ASCII character up in a dict (0.26 ms for 10 KB of Vietnamese,
#: a tenth of the extraction); the array lookup does the same in a fifth of the time.
_LONG = 512
_LUT = np.arange(max(_TABLE) + 1, dtype=np.uint32)
for _cp, _f in _TABLE.items():
    _LUT[_cp] = ord(_f)
_LUT_LAST = len(_LUT) - 1


def _translate_long(text: str) -> str:
    """``text.translate(_TABLE)``, by an array lookup over the UTF-32 code units."""
    try:
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    except UnicodeEncodeError:  # a lone surrogate: not for an array
        return text.translate(_TABLE)
    mapped = np.where(codes > _LUT_LAST, codes, _LUT[np.minimum(codes, _LUT_LAST)])
    return mapped.astype(np.uint32).tobytes().decode("utf-32-le")

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """ASCII slug for keys and URLs: "Quảng Ngãi" → "quang-ngai"."""
    return _NON_ALNUM.sub("-", fold(unicodedata.normalize("NFC", text))).strip("-")


_D_READ = re.compile(r"\b[bp0](?=[a-z0-9])")


def d_initial(folded: str) -> str:
    """Folded words with a first "b", "p" or "0" read as "d": OCR's readings of a word-initial "Đ"
    ("Bak Lak", "Lam Pong" for Đắk Lắk, Lâm Đồng)."""
    return _D_READ.sub("d", folded)


def squash(text: str) -> str:
    """Folded text with runs of white space collapsed, for comparisons."""
    return " ".join(fold(text).split())


#: Digits OCR reads for letters inside a word: "d6i" is "đổi", "s6" is "số", "N6i" is "Nội",
#: "so0" is "số".  Applied only to words that mix letters and digits, after folding.
OCR_DIGIT_LETTERS = str.maketrans({"0": "o", "6": "o", "9": "o", "1": "i", "3": "a", "4": "a", "8": "a"})
