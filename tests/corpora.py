"""The corpus the tests run on, chosen in one place.

The five real seeds (``../shared/seeds``, or the folder named by ``LUOCDO_TEST_SEEDS``) when
they are there; otherwise the project's own ``examples/corpus``, so a clone without the shared
data runs the same tests.  A :class:`Corpus` names, per corpus, the documents the tests ask
about, so the expectations stay true for the corpus in use.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS_DIR = Path(os.environ.get("LUOCDO_TEST_SEEDS") or ROOT.parent / "shared" / "seeds")
EXAMPLES_DIR = ROOT / "examples" / "corpus"


@dataclass(frozen=True)
class Corpus:
    """What the tests ask a corpus about (names as a user types them, and their keys)."""

    name: str
    folder: Path
    files: int  # how many documents the folder holds
    #: the provincial plan others implement and report on: as typed, its key, its URL form
    target: str
    target_key: str
    target_url_key: str
    target_org: str  # the id of its issuer
    #: a central directive (name as typed, key)
    central: str
    central_key: str
    #: a document with a basis (name, key) and a second one named the human way (URL name, CLI name)
    basis: str
    basis_key: str
    basis_url_name: str
    basis_name: str
    #: a document that has recipients (for ``gaps --scope recipients``)
    with_recipients: str
    with_recipients_key: str
    #: a name that fits several documents, and their keys ("" when the corpus has none)
    ambiguous: str
    ambiguous_keys: frozenset[str]
    #: a document without recipients: ``--scope recipients`` is refused on it
    no_recipients: str
    no_recipients_key: str
    #: a new plan that implements the target (number 77/KH-UBND), and its date
    new_plan: str
    new_plan_date: str
    #: a commune as typed, its id, and its own plan's key
    commune: str = ""
    commune_id: str = ""
    commune_plan_key: str = ""

    def needs_ambiguous(self) -> None:
        """Skip, saying why, a test that needs a name fitting several documents when there is none."""
        if not self.ambiguous:
            import pytest

            pytest.skip(f"the {self.name} corpus has no name that fits several documents")

    @property
    def is_seeds(self) -> bool:
        return self.name == "seeds"


_SEEDS_NEW_PLAN = """ỦY BAN NHÂN DÂN                CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
XÃ SƠN MAI                          Độc lập - Tự do - Hạnh phúc
Số: 77/KH-UBND                      Sơn Mai, ngày 02 tháng 6 năm 2025

KẾ HOẠCH
Triển khai thực hiện Kế hoạch số 82/KH-UBND ngày 17/4/2025 của UBND tỉnh Quảng Ngãi
về truyền thông cải cách hành chính và chuyển đổi số năm 2025

Thực hiện Kế hoạch số 82/KH-UBND ngày 17/4/2025 của UBND tỉnh Quảng Ngãi về truyền thông
cải cách hành chính và chuyển đổi số năm 2025, UBND xã Sơn Mai ban hành Kế hoạch triển khai
thực hiện trên địa bàn xã như sau:

I. MỤC ĐÍCH, YÊU CẦU
Tuyên truyền đầy đủ, kịp thời các chủ trương về cải cách hành chính và chuyển đổi số.

II. TỔ CHỨC THỰC HIỆN
Văn phòng HĐND và UBND xã chủ trì, phối hợp với các đơn vị liên quan tổ chức thực hiện.

                                                    TM. ỦY BAN NHÂN DÂN
                                                    CHỦ TỊCH
                                                    Nguyễn Văn A
"""

_EXAMPLES_NEW_PLAN = """ỦY BAN NHÂN DÂN                CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
XÃ THƯỢNG LÂM                       Độc lập - Tự do - Hạnh phúc
Số: 77/KH-UBND                      Thượng Lâm, ngày 02 tháng 10 năm 2025

KẾ HOẠCH
Triển khai thực hiện Kế hoạch số 145/KH-UBND ngày 12/8/2025 của UBND tỉnh Tuyên Quang
về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số

Thực hiện Kế hoạch số 145/KH-UBND ngày 12/8/2025 của UBND tỉnh Tuyên Quang về phát triển
khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số, UBND xã Thượng Lâm ban hành Kế hoạch
triển khai thực hiện trên địa bàn xã như sau:

I. MỤC ĐÍCH, YÊU CẦU
Tuyên truyền đầy đủ, kịp thời các chủ trương về chuyển đổi số đến cán bộ và nhân dân.

II. TỔ CHỨC THỰC HIỆN
Văn phòng HĐND và UBND xã chủ trì, phối hợp với các đơn vị liên quan tổ chức thực hiện.

                                                    TM. ỦY BAN NHÂN DÂN
                                                    CHỦ TỊCH
                                                    Hoàng Văn B
"""

SEEDS_CORPUS = Corpus(
    name="seeds",
    folder=SEEDS_DIR,
    files=5,
    target="82/KH-UBND 2025",
    target_key="82/KH-UBND@2025@quang-ngai",
    target_url_key="82~KH-UBND@2025@quang-ngai",
    target_org="province:51",
    central="57-NQ/TW",
    central_key="57-NQ/TW@2024",
    basis="272/KH-SKHCN",
    basis_key="272/KH-SKHCN@2022@quang-ngai",
    basis_url_name="12~KH-UBND%202025",
    basis_name="12/KH-UBND 2025",
    with_recipients="272/KH-SKHCN",
    with_recipients_key="272/KH-SKHCN@2022@quang-ngai",
    ambiguous="38/KH-UBND",
    ambiguous_keys=frozenset({"38/KH-UBND@2024@quang-ngai", "38/KH-UBND@2025@quang-ngai/ly-son"}),
    no_recipients="82/KH-UBND 2025",
    no_recipients_key="82/KH-UBND@2025@quang-ngai",
    new_plan=_SEEDS_NEW_PLAN,
    new_plan_date="2025-06-02",
    commune="Sơn Mai",
    commune_id="commune:21349",
    commune_plan_key="12/KH-UBND@2025@quang-ngai/son-mai",
)

EXAMPLES_CORPUS = Corpus(
    name="examples",
    folder=EXAMPLES_DIR,
    files=21,
    target="145/KH-UBND 2025",
    target_key="145/KH-UBND@2025@tuyen-quang",
    target_url_key="145~KH-UBND@2025@tuyen-quang",
    target_org="province:8",
    central="57-NQ/TW",
    central_key="57-NQ/TW@2024",
    basis="214/KH-SNV",
    basis_key="214/KH-SNV@2025@tuyen-quang",
    basis_url_name="64~KH-UBND%202025",
    basis_name="64/KH-UBND 2025",
    with_recipients="145/KH-UBND 2025",
    with_recipients_key="145/KH-UBND@2025@tuyen-quang",
    ambiguous="27/KH-UBND",  # Lâm Bình's plan of 2025 and the province's plan of 2024
    ambiguous_keys=frozenset({"27/KH-UBND@2025@tuyen-quang/lam-binh", "27/KH-UBND@2024@tuyen-quang"}),
    no_recipients="412/QĐ-UBND",
    no_recipients_key="412/QĐ-UBND@2025@tuyen-quang",
    new_plan=_EXAMPLES_NEW_PLAN,
    new_plan_date="2025-10-02",
    commune="Lâm Bình",
    commune_id="commune:2266",
    commune_plan_key="27/KH-UBND@2025@tuyen-quang/lam-binh",
)


def seeds_present() -> bool:
    """Whether the seed documents are there to be used."""
    return SEEDS_DIR.is_dir() and any(SEEDS_DIR.glob("*.txt"))


#: The corpus of this test run.
ACTIVE: Corpus = SEEDS_CORPUS if seeds_present() else EXAMPLES_CORPUS


def ingested_store(path: Path, src: Path) -> str:
    """A LadybugDB file at ``path`` holding ``src`` ingested through the pipeline (its path)."""
    from luocdo.graph.store import open_store
    from luocdo.pipeline import ingest

    store = open_store(str(path))
    try:
        assert not ingest(store, [str(src)], workers=1).failed
    finally:
        store.close()
    return str(path)
