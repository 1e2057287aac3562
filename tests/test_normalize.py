import unicodedata

import pytest
from hypothesis import given, strategies as st

from pipeline.normalize import normalize

CASES = [
    # (raw, normalised) — spellings met in the seeds and in NĐ 30 itself
    ("Uỷ ban nhân dân tỉnh Lạng Sơn", "Ủy ban nhân dân tỉnh Lạng Sơn"),
    ("Cộng hoà xã hội chủ nghĩa Việt Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("sức khoẻ, thuỷ lợi, Thuỳ", "sức khỏe, thủy lợi, Thùy"),
    ("hoàn thành, thuyết minh, khuya", "hoàn thành, thuyết minh, khuya"),  # closed clusters stay
    ("quý IV/2024, quỳnh", "quý IV/2024, quỳnh"),  # nothing moves after q
    ("Sở LÐ-TB&XH", "Sở LĐ-TB&XH"),  # U+00D0 Eth for Đ (seed 001)
    ("499/QĐ-UBN\u0414", "499/QĐ-UBN\u0414"),  # a Cyrillic letter with no Latin twin stays
    ("499/QĐ-UB\u041dD", "499/QĐ-UBHD"),  # Cyrillic Н inside a symbol is the Latin H it shows
    ("số\u00a0499", "số 499"),
    ("a\r\nb\rc", "a\nb\nc"),
    ("Quyết\u200b định", "Quyết định"),
]


@pytest.mark.parametrize("raw, expected", CASES)
def test_normalize(raw, expected):
    assert normalize(raw).text == expected


def test_decomposed_text_is_composed():
    raw = unicodedata.normalize("NFD", "Quyết định số 499/QĐ-UBND")
    assert normalize(raw).text == "Quyết định số 499/QĐ-UBND"


def test_offsets_map_back_to_the_original():
    raw = "Căn cứ\u00a0Quyết định của Uỷ ban,\r\nngày 23/3/2022"
    n = normalize(unicodedata.normalize("NFD", raw))
    start = n.text.index("Ủy ban")
    s, e = n.original_span(start, start + len("Ủy ban"))
    assert unicodedata.normalize("NFC", n.original[s:e]) == "Uỷ ban"


vietnamese = st.text(
    alphabet=st.sampled_from(list("aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐOƠUƯY \n/-.,")
                             + ["\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "\u00a0", "\u00d0"]),
    max_size=60,
)


@given(vietnamese)
def test_normalize_is_idempotent_and_keeps_a_full_offset_map(raw):
    n = normalize(raw)
    assert normalize(n.text).text == n.text
    assert len(n.to_original) == len(n.text) + 1
    assert n.to_original[-1] == len(raw)
    assert list(n.to_original) == sorted(n.to_original)
    assert unicodedata.is_normalized("NFC", n.text)


@given(vietnamese)
def test_the_offset_map_reads_alike_by_index_slice_iteration_and_bisect(raw):
    import bisect

    m = normalize(raw.replace("\n", "\r\n") + "hoà thuỷ").to_original
    as_list = [m[i] for i in range(len(m))]
    assert list(m) == as_list == list(m[:]) and m[-1] == as_list[-1]
    for value in {0, *as_list[::3], as_list[-1] + 1}:
        assert bisect.bisect_left(m, value) == bisect.bisect_left(as_list, value)


def test_a_substitution_maps_its_characters_to_where_it_began():
    # "\r\n" becomes one "\n" at 1; the moved tone mark of "oà" keeps both letters at 3.
    assert list(normalize("a\r\nhoà b").to_original) == [0, 1, 3, 4, 4, 6, 7, 8]


# Decimal digits other than 0-9, one of each script's block: a text holding one is read
# for glued words with every digit Unicode has, as a text without is read with 0-9.
FOREIGN_DIGITS = [chr(i) for i in range(0x80, 0x110000) if chr(i).isdecimal()]


@pytest.mark.parametrize("digit", FOREIGN_DIGITS[::10])
def test_a_foreign_digit_glued_to_a_date_word_is_parted(digit):
    raw = f"ngày 5 tháng{digit} năm 2020, 12ngày {digit}tháng"
    assert normalize(raw).text == f"ngày 5 tháng {digit} năm 2020, 12 ngày {digit} tháng"


def test_every_foreign_digit_is_read_as_a_digit():
    # the first of each block above stands for its block; here every digit, at once
    parted = [normalize(f"tháng{d}").text for d in FOREIGN_DIGITS]
    assert [p for p, d in zip(parted, FOREIGN_DIGITS) if p != f"tháng {d}"] == []


def test_ascii_digits_glued_to_words_are_parted_in_a_text_with_no_foreign_digit():
    assert normalize("tháng11 năm 2020, 15tháng 3").text == "tháng 11 năm 2020, 15 tháng 3"
