"""The subject words of a document title: what "on the same subject" compares.

A title is folded and stripped of the phrases and words that say nothing
about a subject ("ban hành", "kế hoạch", "về việc", "năm 2025", place and body
words) and of numbers; letters OCR read as digits are put back ("so0" → "so").
The graph stores the result with each document (``Document.subject``, written
wherever its title is), so ``gaps`` compares stored words instead of folding
every title of a province again on each question.
"""

from __future__ import annotations

import re

from luocdo.core.fold import OCR_DIGIT_LETTERS, squash

#: Phrases that say nothing about a subject: "ban hành", "kế hoạch", "về việc",
#: "năm 2025" (OCR'd "nim 2025" too), "số 12".
PHRASES = re.compile(
    r"\b(?:ban hanh|ke hoach|ve viec|trien khai|thuc hien|tren dia ban|nhu sau|giai doan|cong tac"
    r"|n[a-z]{1,2}m (?:19|20)\d\d|so \d+)\b"
)
#: Function words, body and place-kind words.
NOISE = frozenset(
    (
        "ve", "va", "cua", "tai", "cac", "nhung", "cho", "voi", "trong", "den", "nam", "tinh", "xa",
        "phuong", "dac", "khu", "thanh", "pho", "huyen", "uy", "nhan", "dan", "ubnd", "hdnd", "ngay",
        "thang", "theo",
    )
)  # fmt: skip
_WORD = re.compile(r"[a-z0-9]+")
_REPEAT_END = re.compile(r"(.)\1+$")


def subject_words(title: str | None) -> list[str]:
    """The subject words of ``title``, in order (repeats kept)."""
    words = []
    for w in _WORD.findall(PHRASES.sub(" ", squash(title or ""))):
        if w.isdigit():
            continue
        if not w.isalpha():  # [a-z0-9]+ and not all digits: a letter word with OCR digits
            w = _REPEAT_END.sub(r"\1", w.translate(OCR_DIGIT_LETTERS))  # "so0" → "soo" → "so"
        if w not in NOISE:
            words.append(w)
    return words


def subject(title: str | None) -> str | None:
    """The stored form: the subject words joined by spaces (None without a title)."""
    return None if title is None else " ".join(subject_words(title))
