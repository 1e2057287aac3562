"""Consolidated texts (văn bản hợp nhất, VBHN, issue #20): their own number, date and signer
come from the authenticating block at the end, and their opening names the base document
and the acts that amended it, which become effects on the base."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT
from pipeline import extract_loaded
from pipeline.load import load
from pipeline.load.text import load_text
from pipeline.structure.numberline import find_date, place_and_date
from pipeline.structure.cells import cells_of

SHARED_PDF = ROOT.parent / "shared" / "corpus" / "pdf"

VBHN = """**VĂN BẢN HỢP NHẤT - BỘ TÀI CHÍNH**
**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**
**Độc lập - Tự do - Hạnh phúc**
**THÔNG TƯ**
**Hướng dẫn quản lý kinh phí hỗ trợ phát triển sản xuất**
**thuộc Chương trình mục tiêu quốc gia giảm nghèo bền vững**
Thông tư số 46/2022/TT-BTC ngày 28 tháng 7 năm 2022 của Bộ trưởng Bộ Tài chính hướng
dẫn quản lý kinh phí hỗ trợ phát triển sản xuất, có hiệu lực từ ngày 12 tháng 9 năm
2022, được sửa đổi, bổ sung bởi:
Thông tư số 55/2023/TT-BTC ngày 15 tháng 8 năm 2023 của Bộ trưởng Bộ Tài chính sửa
đổi, bổ sung một số điều của Thông tư số 46/2022/TT-BTC, có hiệu lực từ ngày 01
tháng 10 năm 2023.
Thông tư số 12/2025/TT-BTC ngày 03 tháng 3 năm 2025 của Bộ trưởng Bộ Tài chính, có
hiệu lực kể từ ngày 20 tháng 4 năm 2025.
Căn cứ Luật Ngân sách nhà nước số 83/2015/QH13 ngày 25 tháng 6 năm 2015;
Căn cứ Nghị định số 14/2023/NĐ-CP ngày 20 tháng 4 năm 2023 của Chính phủ;
Bộ trưởng Bộ Tài chính ban hành Thông tư hướng dẫn quản lý kinh phí hỗ trợ phát triển sản xuất.
Điều 1. Phạm vi điều chỉnh
Thông tư này hướng dẫn quản lý kinh phí hỗ trợ phát triển sản xuất.
Điều 2. Hiệu lực thi hành
Thông tư này có hiệu lực kể từ ngày 12 tháng 9 năm 2022 và thay thế Thông tư số
18/2017/TT-BTC ngày 28 tháng 02 năm 2017./.
BỘ TÀI CHÍNH XÁC THỰC VĂN BẢN HỢP NHẤT
Số: 21/VBHN-BTC Hà Nội, ngày 05 tháng 6 năm 2025
KT. BỘ TRƯỞNG
THỨ TRƯỞNG
Nguyễn Đức Chi
"""


@pytest.fixture(scope="module")
def vbhn():
    return extract_loaded(load_text(Path("vbhn-21-btc.txt"), VBHN.encode()))


def test_a_consolidated_text_has_its_own_number_date_and_signer(vbhn):
    h = vbhn.header
    assert (h.kind, h.number_symbol, h.issued_date, h.issued_place, h.issuer) == (
        "VBHN", "21/VBHN-BTC", "2025-06-05", "Hà Nội", "Bộ Tài chính")
    assert (h.signer, h.signer_position, h.authority) == ("Nguyễn Đức Chi", "Thứ trưởng", "KT.")
    assert h.title.startswith("Hướng dẫn quản lý kinh phí hỗ trợ phát triển sản xuất")


def test_its_opening_lists_the_acts_that_amended_the_base(vbhn):
    acts = [(e.action, e.target, e.actor, e.effective_date) for e in vbhn.effects
            if e.actor in ("55/2023/TT-BTC", "12/2025/TT-BTC") and e.target == "46/2022/TT-BTC"]
    assert acts[:2] == [("sua_doi", "46/2022/TT-BTC", "55/2023/TT-BTC", "2023-10-01"),
                        ("sua_doi", "46/2022/TT-BTC", "12/2025/TT-BTC", "2025-04-20")]


def test_what_the_base_itself_does_is_the_base_documents_act(vbhn):
    # "Thông tư này … thay thế Thông tư số 18/2017/TT-BTC": the base replaces it, not the VBHN
    [replaced] = [e for e in vbhn.effects if e.target == "18/2017/TT-BTC"]
    assert (replaced.action, replaced.actor, replaced.effective_date) == (
        "thay_the", "46/2022/TT-BTC", "2022-09-12")


def test_no_document_acts_on_itself(vbhn):
    assert all(e.actor != e.target for e in vbhn.effects)


@pytest.mark.parametrize("name, number, date, signer, first_act", [
    ("van-ban-hop-nhat-so-466-vbhn-bldtbxh-44194.pdf", "466/VBHN-BLĐTBXH", "2025-02-10", "Lê Văn Thanh",
     ("sua_doi", "45/2016/TT-BLĐTBXH", "12/2024/TT-BLĐTBXH", "2024-12-29")),
    ("van-ban-hop-nhat-so-835-vbhn-bldtbxh-41446.pdf", "835/VBHN-BLĐTBXH", "2024-03-05", "Nguyễn Bá Hoan",
     ("sua_doi", "08/2012/TTLT-BLĐTBXH-BNV-BTC", "08/2023/TT-BLĐTBXH", "2023-10-12")),
    ("van-ban-hop-nhat-so-1676-vbhn-bldtbxh-39315.pdf", "1676/VBHN-BLĐTBXH", "2023-05-10", "Lê Văn Thanh",
     ("sua_doi", "09/2022/TT-BLĐTBXH", "02/2023/TT-BLĐTBXH", "2023-06-01")),
])
def test_real_gazette_consolidations(name, number, date, signer, first_act):
    path = SHARED_PDF / name
    if not path.exists():
        pytest.skip(f"{path} is not here (../shared is the reference material, not on a user's machine)")
    result = extract_loaded(load(path))
    h = result.header
    assert (h.kind, h.number_symbol, h.issued_date, h.signer) == ("VBHN", number, date, signer)
    e = result.effects[0]
    assert (e.action, e.target, e.actor, e.effective_date) == first_act


@pytest.mark.parametrize("line, place", [
    # a PDF's two header columns on one line: the symbol is not part of the place
    ("Số: 466/VBHN-BLĐTBXH Hà Nội, ngày 10 tháng 02 năm 2025", "Hà Nội"),
    ("Số: 12/2024/QĐ-UBND Lạng Sơn, ngày 5 tháng 3 năm 2024", "Lạng Sơn"),
    ("Số: 1052/QĐ-UBND Bà Rịa - Vũng Tàu, ngày 5 tháng 3 năm 2024", "Bà Rịa - Vũng Tàu"),
    ("Bà Rịa-Vũng Tàu, ngày 5 tháng 3 năm 2024", "Bà Rịa-Vũng Tàu"),
    ("TP. Hồ Chí Minh, ngày 5 tháng 3 năm 2024", "Hồ Chí Minh"),
    ("Hà Nội, ngày 24 tháng 10 năm 2025", "Hà Nội"),
])
def test_the_place_before_the_date(line, place):
    assert place_and_date(find_date(cells_of(line)))[0] == place
