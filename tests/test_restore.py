"""Diacritics restoration of OCR'd text: the shipped model, restore(), the builder, the extractor's field."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from luocdo.loaders import restore as R
from luocdo.loaders import restore_build as B
from luocdo.loaders.extract import extract_text
from tests.corpora import ACTIVE

ROOT = Path(__file__).resolve().parents[1]

# (as OCR read it, restored). Garbles as the five real seeds show them ("cta" for "của", "S&"
# for "Sở", "hgc" for "học", "1ap" for "lập", "B9" for "Bộ", "Pé 4n" for "Đề án") and as the
# corpus generator makes them (marks stripped, "ư" as "w", "ệ" as "¢", "ỹ" as "¥").
RESTORED = [
    ("cong chirc, vién chirc va ngudi dan", "công chức, viên chức và người dân"),
    ("KE HOACH", "KẾ HOẠCH"),
    ("Tuyén truyén cai cich hanh chinh nim 2022 cua S& Khoa hgc va Cong nghé",
     "Tuyên truyền cải cách hành chính năm 2022 của Sở Khoa học và Công nghệ"),
    ("Tuyén truyén Cai cach hanh chinh nim 2025 xa Bic Rudng",
     "Tuyên truyền Cải cách hành chính năm 2025 xã Bắc Ruộng"),
    ("CONG HOA XA HOI CHU NGHIA VIET NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("Déc 1ap - Tw do - Hanh phuc", "Độc lập - Tự do - Hạnh phúc"),
    ("nang cao chat luong va hiéu qua dich vu cong truc tuyén",
     "nâng cao chất lượng và hiệu quả dịch vụ công trực tuyến"),
    ("Can ctr Luat T6 chirc chinh quyén dia phuong ngay 16 thang 6 nam 2025",
     "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025"),
    ("Ket qua thuc hien nhiem vu phat trien khoa hoc, cong nghe, doi moi sang tao va chuyen doi so nam 2025",
     "Kết quả thực hiện nhiệm vụ phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số năm 2025"),
    ("hi¢u luc, hi¢u qua", "hiệu lực, hiệu quả"),
    ("Nghi quyét s6 57-NQ/TW ngay 22/12/2024 cua B9 Chinh tri",
     "Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị"),
    ("Pé 4n", "Đề án"),
    ("quyén va nghia vu cua nguoi lao dong", "quyền và nghĩa vụ của người lao động"),
    # words of local plans, reports and letters, rare in laws
    ("Thuc hién Ké hoach sé 82/KH-UBND", "Thực hiện Kế hoạch số 82/KH-UBND"),
    ("Uy ban nhan dan cac xa, phuong", "Ủy ban nhân dân các xã, phường"),
    ("Noi nhan:", "Nơi nhận:"),
    ("Kinh gui: S& Noi vu tinh Tuyen Quang", "Kính gửi: Sở Nội vụ tỉnh Tuyên Quang"),
    ("Nhu trén;", "Như trên;"),
    ("HDND va UBND xa", "HĐND và UBND xã"),
    ("cac xa, phuong, dac khu", "các xã, phường, đặc khu"),
    ("chuyén d6i se nam 2025", "chuyển đổi số năm 2025"),
    ("Giam déc S& Tai chinh", "Giám đốc Sở Tài chính"),
    ("Uy ban nhan dan phuong Hoan Kiem", "Ủy ban nhân dân phường Hoàn Kiếm"),
    ("Truyén thong vé cai cach hanh chinh", "Truyền thông về cải cách hành chính"),
    ("thanh toan khong dung tien mat", "thanh toán không dùng tiền mặt"),
    ("Ban Chi huy Quan sw xa", "Ban Chỉ huy Quân sự xã"),
    ("Pang uy xa", "Đảng ủy xã"),
    # clean text stays as it is
    ("Điều 1. Phạm vi điều chỉnh", "Điều 1. Phạm vi điều chỉnh"),
    ("trách nhiệm của người sử dụng lao động", "trách nhiệm của người sử dụng lao động"),
    ("82/KH-UBND, 17/4/2025 (CCHC)", "82/KH-UBND, 17/4/2025 (CCHC)"),
]


@pytest.mark.parametrize(("ocr", "want"), RESTORED)
def test_restore(ocr: str, want: str) -> None:
    r = R.restore(ocr)
    assert r.text == want
    assert r.confident
    assert r.original == ocr
    assert r.changed == (want != ocr)


# Not sure enough: the model leaves these syllables as OCR printed them.
UNSURE = [
    ("vé truyén théng cai cach", "vé"),  # về or và
    ("Ban", "Ban"),  # ban or bán: one word alone
]


@pytest.mark.parametrize(("ocr", "kept"), UNSURE)
def test_unsure_syllables_are_left_as_read(ocr: str, kept: str) -> None:
    r = R.restore(ocr)
    assert not r.confident
    unsure = [c for c in r.syllables if not c.applied]
    assert kept in [c.ocr for c in unsure]
    for c in unsure:
        assert c.confidence < R.THRESHOLD
        assert r.text.count(c.ocr) >= 1
    assert kept in r.text.split()


def _only_sure_changes(text: str, r: R.Restored) -> None:
    """Outside the syllables changed with confidence, the output is the input, character for character."""
    out, pos = [], 0
    for c in r.syllables:
        if c.applied and c.restored != c.ocr:
            assert c.confidence >= R.THRESHOLD
            assert text[c.start : c.end] == c.ocr
            out += [text[pos : c.start], c.restored]
            pos = c.end
    out.append(text[pos:])
    assert "".join(out) == r.text


@pytest.mark.parametrize("text", [ocr for ocr, _ in RESTORED + UNSURE])
def test_nothing_changes_below_the_threshold(text: str) -> None:
    _only_sure_changes(text, R.restore(text))
    assert R.restore(text, threshold=1.01).text == text  # no reading is ever that sure


_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạếềểễệốồổỗộớờởỡợứừửữựíìỉĩịýỳ 6&¢€¥019,.;:/-()\n"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=80))
def test_any_text_changes_only_where_sure(text: str) -> None:
    r = R.restore(text)
    _only_sure_changes(text, r)
    assert len(r.text.split()) == len(text.split())


def test_the_shipped_model_loads_and_is_small() -> None:
    assert R.DATA.is_file()
    assert R.DATA.stat().st_size <= 20 * 1024 * 1024
    m = R.load()
    assert len(m.vocab) > 3000
    assert {"người", "được", "quyết", "phường", "xã", R.NUM} <= set(m.vocab)
    assert m.p(m.vocab.index("căn"), m.vocab.index("cứ")) > m.p(m.vocab.index("căn"), m.vocab.index("cư"))


def test_missing_model_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"nope\.npz"):
        R.load(str(tmp_path / "nope.npz"))


DAMAGED = [
    ("Tuyén truyén cai cach hanh chinh nim 2022", True),
    ("Ket qua thuc hien nhiem vu phat trien khoa hoc", True),
    ("chuyén d6i s6 va nang cao", True),
    ("Truyền thông về cải cách hành chính năm 2025", False),
    ("V/v đôn đốc xây dựng kế hoạch", False),
    ("KE HOACH", False),  # too short to tell
]


@pytest.mark.parametrize(("text", "want"), DAMAGED)
def test_damaged(text: str, want: bool) -> None:
    assert R.damaged(text) is want


def test_builder_on_a_small_input(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    text = (
        "Ủy ban nhân dân xã ban hành kế hoạch truyền thông về cải cách hành chính năm 2025.\n"
        "Các cơ quan, đơn vị thực hiện kế hoạch truyền thông; báo cáo kết quả về Ủy ban nhân dân xã.\n"
        "Bản án của tòa án có hiệu lực; kế toán ban đầu.\n"
    )
    kept = [n for n in (f"doc{i}.txt" for i in range(40)) if not B.held_out(n)][:3]
    apart = next(n for n in (f"doc{i}.txt" for i in range(40)) if B.held_out(n))
    for name in kept:
        (docs / name).write_text(text, encoding="utf-8")
    (docs / apart).write_text("Hàng hóa xuất khẩu.\n" * 5, encoding="utf-8")
    out = tmp_path / "m.npz"
    assert B.main([str(docs), "-o", str(out), "--no-registry"]) == 0
    model = R.load(str(out))
    assert "truyền" in model.vocab
    assert "hàng" not in model.vocab  # the held-out file was left out
    r = R.restore("Uy ban nhan dan xa ban hanh ke hoach truyen thong ve cai cach hanh chinh nam 2025", model=model)
    assert r.text == "Ủy ban nhân dân xã ban hành kế hoạch truyền thông về cải cách hành chính năm 2025"
    assert r.confident
    # counts only: no line of the input is in the file
    raw = out.read_bytes()
    assert "truyền thông".encode() not in raw


def test_builder_names_a_missing_input(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="nowhere"):
        B.main([str(tmp_path / "nowhere"), "-o", str(tmp_path / "m.npz")])


def test_held_out_split_is_fixed() -> None:
    names = [f"d{i:03d}.txt" for i in range(0, 204, 2)]
    out = [n for n in names if B.held_out(n)]
    assert out == [n for n in names if B.held_out(Path("/elsewhere") / n)]
    assert 0.1 < len(out) / len(names) < 0.3
    assert "d000.txt" in out and "d002.txt" not in out


# ---------------------------------------------------------------------------
# The extractor keeps the OCR title and adds the restored one when it is sure
# ---------------------------------------------------------------------------

CORPUS = ROOT / "examples" / "corpus"


def test_extractor_adds_the_restored_title_to_an_ocr_document() -> None:
    rec = extract_text((CORPUS / "20_yen-son_58-BC-UBND.txt").read_text(encoding="utf-8"))
    assert rec.document.title.startswith("Ket qua thuc hien nhiem vu")  # the OCR text stays the title
    want = ("Kết quả thực hiện nhiệm vụ phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số "
            "năm 2025")
    assert rec.extra["title_restored"] == want
    assert rec.to_dict()["document"]["title_restored"] == want
    assert rec.to_dict()["document"]["title"] == rec.document.title


def test_extractor_leaves_clean_titles_alone() -> None:
    rec = extract_text((CORPUS / "03_ubnd-tinh_145-KH-UBND.txt").read_text(encoding="utf-8"))
    assert "title_restored" not in rec.extra
    assert "title_restored" not in rec.to_dict()["document"]


#: OCR'd titles of the test corpus, and the title restored from each (None: not sure enough to say).
CORPUS_TITLES = [
    ("001_37bfc7306d558759.txt", "Tuyên truyền cải cách hành chính năm 2022 của Sở Khoa học và Công nghệ"),
    ("004_341287f61a7bd3b1.txt", "Tuyên truyền Cải cách hành chính năm 2025 xã Bắc Ruộng"),
    # "so0" is no syllable the model reads: it stays as OCR printed it
    ("002_ec9dfb82eb2a2281.txt", "Truyền thông về cải cách hành chính và chuyển đổi so0 xã Sơn Mai năm 2025"),
] if ACTIVE.is_seeds else [
    ("08_svhttdl_63-KH-SVHTTDL.txt", "Tuyên truyền về khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số năm 2025"),
    ("20_yen-son_58-BC-UBND.txt",
     "Kết quả thực hiện nhiệm vụ phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số năm 2025"),
    # "Ddng Van" is read as the commune the registry knows, in the context of "xã"
    ("18_dong-van_52-KH-UBND.txt", "Chuyển đổi số gắn với phát triển du lịch cộng đồng trên địa bàn xã Đồng Văn năm 2025"),
]


@pytest.mark.parametrize(("name", "want"), CORPUS_TITLES)
def test_corpus_titles(name: str, want: str | None) -> None:
    rec = extract_text((ACTIVE.folder / name).read_text(encoding="utf-8"))
    assert rec.extra.get("title_restored") == want


TONE_STYLE = [
    ("hoá", "hóa"), ("khoẻ", "khỏe"), ("thuỷ", "thủy"), ("uỷ", "ủy"), ("toà", "tòa"),
    ("quý", "quý"), ("hoàn", "hoàn"), ("của", "của"), ("gió", "gió"), ("hóa", "hóa"),
]


@pytest.mark.parametrize(("written", "counted"), TONE_STYLE)
def test_tone_style(written: str, counted: str) -> None:
    assert B.tone_style(written) == counted
