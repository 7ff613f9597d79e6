"""Properties that hold for any input, checked with hypothesis.

- folding keeps length (spans found in folded text are spans in the text);
- any well-formed citation, in any of the three numbering syntaxes and
  either date form, written clean or with its diacritics stripped as OCR
  strips them, is found with its number, symbol and date, and its span
  covers exactly the number.
"""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from luocdo.core.fold import fold
from luocdo.loaders.citations import find_citations
from tests.corpora import ACTIVE

# (type word, administrative type code) pairs people write before a number
TYPES = [("Kế hoạch", "KH"), ("Quyết định", "QĐ"), ("Nghị quyết", "NQ"), ("Chỉ thị", "CT"), ("Hướng dẫn", "HD")]
LOCAL = ["UBND", "HĐND", "SKHCN", "SNV"]
CENTRAL = ["CP", "TTg"]
PARTY = ["TW", "TU"]
FILLER = st.sampled_from(
    [
        "Căn cứ",
        "Thực hiện",
        "Trên cơ sở",
        "theo nội dung tại",
        "Ủy ban nhân dân xã đã triển khai",
        "các cơ quan, đơn vị phối hợp với",
    ]
)


def _strip_marks(s: str) -> str:
    """What a diacritics-losing OCR pass leaves: base letters, Đ→D."""
    s = s.replace("Đ", "D").replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


@st.composite
def citations(draw):
    word, code = draw(st.sampled_from(TYPES))
    number = str(draw(st.integers(1, 2999)))
    syntax = draw(st.sampled_from(["admin", "normative", "party"]))
    year = draw(st.integers(2000, 2026))
    if syntax == "admin":
        symbol = f"{code}-{draw(st.sampled_from(LOCAL + CENTRAL))}"
        ident = f"{number}/{symbol}"
    elif syntax == "normative":
        symbol = f"{year}/{code}-{draw(st.sampled_from(CENTRAL))}"
        ident = f"{number}/{symbol}"
    else:
        symbol = f"{code}/{draw(st.sampled_from(PARTY))}"
        ident = f"{number}-{symbol}"
    day, month = draw(st.integers(1, 28)), draw(st.integers(1, 12))
    if draw(st.booleans()):
        date_text = f"ngày {day:02d}/{month}/{year}"
    else:
        date_text = f"ngày {day} tháng {month} năm {year}"
    return word, number, symbol, ident, date_text, f"{year:04d}-{month:02d}-{day:02d}"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_fold_keeps_length(s: str) -> None:
    assert len(fold(s)) == len(s)


@settings(max_examples=300, deadline=None)
@given(citations(), FILLER, FILLER, st.booleans())
def test_any_citation_is_found(cit, before, after, ocr) -> None:
    word, number, symbol, ident, date_text, iso = cit
    text = f"{before} {word} số {ident} {date_text} của Ủy ban nhân dân tỉnh; {after} các nội dung."
    if ocr:
        text = _strip_marks(text)
    found = find_citations(text, fold(text))
    assert len(found) == 1, (text, found)
    c = found[0]
    assert c.number == number
    assert c.symbol == symbol
    assert c.date == iso
    assert text[c.num_start : c.num_start + len(number)] == number


_SEED_TEXTS = sorted(ACTIVE.folder.glob("*.txt"))  # the seeds, else examples/corpus (tests/corpora.py)
_OCR_NOISE = "0D6ébI|/-: \n&¢§"


def _check_spans(text: str) -> None:
    from luocdo.loaders.extract import extract_text

    rec = extract_text(text, "<hypothesis>")
    n = len(unicodedata.normalize("NFC", text))
    for ref in rec.references:
        for m in ref.mentions:
            assert 0 <= m.start < m.end <= n
    for d in rec.derived:
        for m in d.mentions:
            assert 0 <= m.start < m.end <= n
    for a in rec.assignments:
        assert 0 <= a.start <= (a.end if a.end is not None else n) <= n


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=2000))
def test_extractor_survives_random_text(text: str) -> None:
    _check_spans(text)


@settings(max_examples=60, deadline=None)
@given(
    st.integers(0, max(0, len(_SEED_TEXTS) - 1)),
    st.lists(st.tuples(st.floats(0, 1), st.integers(0, 40), st.text(alphabet=_OCR_NOISE, max_size=3)), max_size=25),
)
def test_extractor_survives_mutated_seeds(which: int, edits) -> None:
    """Cut, insert and replace characters of a real document, as a bad scan would."""
    text = _SEED_TEXTS[which].read_text(encoding="utf-8")
    for where, cut, insert in edits:
        i = int(where * len(text))
        text = text[:i] + insert + text[i + cut :]
    _check_spans(text)
