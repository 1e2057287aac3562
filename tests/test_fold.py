"""The folds and keys of pipeline.text.fold: one table per form, with the rows where the
forms part ways (edge punctuation, spacing, look-alike letters)."""
import pytest

from pipeline.text.fold import fold, folded, folded_key, symbol_key


@pytest.mark.parametrize("raw, expected", [
    ("Quyết định 499/QĐ-UBND", "quyet dinh 499/qd-ubnd"),
    ("Ủy ban nhân dân", "uy ban nhan dan"),
    ("ĐỒNG ĐĂNG", "dong dang"),
    ("Sở LÐ-TB&XH", "so ld-tb&xh"),  # U+00D0 Eth for Đ
    ("  Ủy  ban. ", "  uy  ban. "),  # spacing and punctuation kept
])
def test_fold(raw, expected):
    assert fold(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("  Ủy  ban\nnhân dân. ", "uy ban nhan dan"),
    ("- Nơi nhận:", "noi nhan"),
    ("Thủ tướng Chính phủ", "thu tuong chinh phu"),
])
def test_folded_trims_edge_punctuation(raw, expected):
    assert folded(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("  Ủy  ban\nnhân dân. ", "uy ban nhan dan."),
    ("- Nơi nhận:", "- noi nhan:"),
    ("Sở  Tài chính", "so tai chinh"),
])
def test_folded_key_keeps_punctuation(raw, expected):
    assert folded_key(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("499/QĐ-UBND", "499/QĐ-UBND"),
    ("206 /KH-UBND", "206/KH-UBND"),
    ("12/CTr-UBND", "12/CTR-UBND"),
    ("499/QĐ\u2013UBND", "499/QĐ-UBND"),
    ("499/qđ \u2212 ubnd", "499/QĐ-UBND"),
    ("12/Q\u00d0-UB\u041dD", "12/QĐ-UBHD"),  # Eth and Cyrillic Н are the letters they show
    ("", ""),
    (None, ""),
])
def test_symbol_key(raw, expected):
    assert symbol_key(raw) == expected
