"""The folds and keys of pipeline.text.fold, in one table: the rows where the forms part
ways (edge punctuation, spacing, look-alike letters) show what each is for."""
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.text.fold import fold, folded, folded_key, symbol_key


@pytest.mark.parametrize("form, raw, expected", [
    (fold, "Quyết định 499/QĐ-UBND", "quyet dinh 499/qd-ubnd"),
    (fold, "Ủy ban nhân dân", "uy ban nhan dan"),
    (fold, "ĐỒNG ĐĂNG", "dong dang"),
    (fold, "Sở LÐ-TB&XH", "so ld-tb&xh"),  # U+00D0 Eth for Đ
    (fold, "  Ủy  ban. ", "  uy  ban. "),  # spacing and punctuation kept
    # folded: spaces collapsed, spaces and . , : ; - trimmed at the ends
    (folded, "  Ủy  ban\nnhân dân. ", "uy ban nhan dan"),
    (folded, "- Nơi nhận:", "noi nhan"),
    (folded, "Thủ tướng Chính phủ", "thu tuong chinh phu"),
    # folded_key: spaces collapsed, punctuation kept
    (folded_key, "  Ủy  ban\nnhân dân. ", "uy ban nhan dan."),
    (folded_key, "- Nơi nhận:", "- noi nhan:"),
    (folded_key, "Sở  Tài chính", "so tai chinh"),
    # symbol_key: NFC, look-alikes repaired, upper case, no spaces, '-' dashes
    (symbol_key, "499/QĐ-UBND", "499/QĐ-UBND"),
    (symbol_key, "206 /KH-UBND", "206/KH-UBND"),
    (symbol_key, "12/CTr-UBND", "12/CTR-UBND"),
    (symbol_key, "499/QĐ\u2013UBND", "499/QĐ-UBND"),
    (symbol_key, "499/qđ \u2212 ubnd", "499/QĐ-UBND"),
    (symbol_key, "12/Q\u00d0-UB\u041dD", "12/QĐ-UBHD"),  # Eth and Cyrillic Н are the letters they show
    (symbol_key, "", ""),
    (symbol_key, None, ""),
])
def test_fold_forms(form, raw, expected):
    assert form(raw) == expected


# fold, written as its definition says: every character looked up in the tables one by one.
def _fold_by_tables(text: str) -> str:
    import unicodedata

    from pipeline.text.fold import LOOKALIKES
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFD", text.translate(LOOKALIKES).lower())
    return "".join(c for c in text if not unicodedata.combining(c)).replace("đ", "d")


_LETTERS = ("aăâeêioôơuưyđAĂÂEÊIOÔƠUƯYĐbcdghklmnpqrstvx áàảãạấầẩẫậắằẳẵặếềểễệốồổỗộớờởỡợứừửữựýỳỷỹỵ"
            "ÐðСТНАВЕКМОРХ…“”–\u0301\u0323\u034f\u0483\u05b0\u1dc0\u20d0\u3099ßİΣς")


@given(st.text(alphabet=st.sampled_from(_LETTERS) | st.characters(), max_size=40))
def test_fold_gives_what_the_character_tables_give(text):
    assert fold(text) == _fold_by_tables(text)


@pytest.mark.parametrize("text, key", [
    ("Giải ngân", "giai ngan"),
    ("ĐỒNG BÀO DÂN TỘC THIỂU SỐ", "dong bao dan toc thieu so"),
    ("Quyết định số 499/QĐ-UBND “về việc…”", "quyet dinh so 499/qd-ubnd “ve viec…”"),
    ("СÔNG VĂN", "cong van"),                 # a Cyrillic С typed for C
    ("ngày 5 tháng 9", "ngay 5 thang 9"),
    ("a\u0301\u034fb", "a\u034fb"),            # the grapheme joiner is no mark: it stays
])
def test_fold_table(text, key):
    assert fold(text) == key


@pytest.mark.parametrize("cell", [
    None,
    "Giải ngân 1.000 triệu đồng cho Dự án 4",
    "Căn cứ Quyết định số 499/QĐ-UBND; " * 100,   # longer than the cells remembered
])
def test_the_sql_fold_of_a_cell_is_its_fold(cell):
    import sqlite3

    from pipeline.store import register_functions
    conn = sqlite3.connect(":memory:")
    register_functions(conn)
    for _ in range(2):  # the second time from what was remembered, for a short cell
        assert conn.execute("select vanban_fold(?)", [cell]).fetchone()[0] == (None if cell is None else fold(cell))
