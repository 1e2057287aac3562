"""Money written in words: parse_words on phrases, find_word_amounts on text as official
texts write it (both ways), and a round trip through a speller of our own."""
from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from pipeline.grammar.money_words import MoneyWordsPatterns, find_word_amounts, parse_words
from pipeline.patterns import read_toml

# (phrase, value or None)
PHRASES = [
    ("bảy mươi bảy tỷ, hai trăm hai mươi ba triệu", 77_223_000_000),
    ("Bảy mươi bảy tỷ, hai trăm hai mươi ba triệu đồng", 77_223_000_000),
    ("ba mươi tỷ", 30_000_000_000),
    ("Ba mươi tỷ đồng", 30_000_000_000),
    ("một trăm sáu mươi ngàn", 160_000),
    ("một trăm sáu mươi nghìn đồng", 160_000),
    ("một tỷ không trăm linh năm triệu", 1_005_000_000),
    ("hai mươi mốt", 21),
    ("hai mươi một", 21),
    ("mười lăm", 15),
    ("mười nhăm", 15),
    ("hai mươi lăm nghìn", 25_000),
    ("năm mươi tư", 54),
    ("năm mươi bốn", 54),
    ("một trăm linh một", 101),
    ("một trăm lẻ một", 101),
    ("một trăm linh tư", 104),
    ("một trăm mười", 110),
    ("một trăm mười một", 111),
    ("mười", 10),
    ("năm", 5),
    ("không", 0),
    ("ba tỉ", 3_000_000_000),
    ("một nghìn linh năm", 1_005),
    ("hai nghìn không trăm hai mươi tư", 2_024),
    ("một triệu không trăm linh năm", 1_000_005),
    ("một tỷ năm triệu", 1_005_000_000),
    ("hai tỷ và năm trăm triệu", 2_500_000_000),
    ("một nghìn hai trăm tỷ", 1_200_000_000_000),
    ("một triệu tỷ", 10**15),
    ("chín trăm chín mươi chín nghìn chín trăm chín mươi chín tỷ chín trăm chín mươi chín triệu"
     " chín trăm chín mươi chín nghìn chín trăm chín mươi chín", 10**15 - 1),
    ("HAI MƯƠI TRIỆU ĐỒNG CHẴN", 20_000_000),
    ("bẩy trăm nghìn", 700_000),
    (unicodedata.normalize("NFD", "Bảy mươi bảy tỷ đồng"), 77_000_000_000),
    ("  tám   trăm\nngàn  đồng ", 800_000),
    # malformed, or a colloquial short form that says another number
    ("", None),
    ("đồng", None),
    ("mươi", None),
    ("trăm", None),
    ("triệu", None),
    ("trăm nghìn", None),
    ("mươi nghìn", None),
    ("một mươi", None),
    ("không trăm năm mươi", None),
    ("linh năm", None),
    ("không nghìn", None),
    ("một trăm năm", None),  # spoken: 150
    ("một triệu năm", None),  # spoken: 1,5 triệu
    ("hai trăm tư", None),
    ("mười năm", None),  # ten years
    ("hai mươi năm", None),
    ("mười mốt", None),
    ("hai nghìn mốt", None),
    ("ba mươi mười", None),
    ("một hai ba", None),
    ("hai nghìn ba triệu", None),
    ("một nghìn triệu", None),
    ("một tỷ tỷ", None),
    ("một trăm linh", None),
    ("một trăm linh lăm", None),
    ("triệu rưỡi", None),
    ("hai triệu,", None),
    (", hai triệu", None),
    ("một trăm, hai mươi", None),
    ("hai triệu chẵn", None),
    ("hai triệu người", None),
    ("năm 2023", None),
    ("30 tỷ", None),
    ("đồng bào", None),
    ("ba mươi hai xã", None),
]


@pytest.mark.parametrize(("phrase", "value"), PHRASES)
def test_parse_words(phrase, value):
    assert parse_words(phrase) == value


# (text, [(amount text, vnd), ...])
TEXTS = [
    ("Tổng số 77.223.000.000 đồng (Bằng chữ: Bảy mươi bảy tỷ, hai trăm hai mươi ba triệu đồng)",
     [("Bảy mươi bảy tỷ, hai trăm hai mươi ba triệu đồng", 77_223_000_000)]),
    ("Vốn điều lệ tối thiểu của Quỹ là 30.000.000.000 đồng (Ba mươi tỷ đồng).",
     [("Ba mươi tỷ đồng", 30_000_000_000)]),
    ("được hưởng mức hỗ trợ 160.000 đồng (một trăm sáu mươi ngàn đồng)/trẻ/tháng.",
     [("một trăm sáu mươi ngàn đồng", 160_000)]),
    ("mức hỗ trợ 800.000 đồng/người/tháng (tám trăm nghìn đồng).", [("tám trăm nghìn đồng", 800_000)]),
    ("Tổng cộng: 20.000.000 đồng\nBằng chữ: Hai mươi triệu đồng chẵn.\nNgười lập biểu",
     [("Hai mươi triệu đồng", 20_000_000)]),
    ("Bằng chữ: Hai mươi triệu đồng\nKế toán trưởng", [("Hai mươi triệu đồng", 20_000_000)]),
    ("BẰNG CHỮ: MƯỜI LĂM TRIỆU ĐỒNG.", [("MƯỜI LĂM TRIỆU ĐỒNG", 15_000_000)]),
    ("Số tiền 1.005.000.000 đồng (Viết bằng chữ: Một tỷ không trăm linh năm triệu đồng chẵn./.)",
     [("Một tỷ không trăm linh năm triệu đồng", 1_005_000_000)]),
    ("là 61 tỷ 240 triệu đồng (Sáu mươi mốt tỷ, hai trăm bốn mươi triệu đồng).",
     [("Sáu mươi mốt tỷ, hai trăm bốn mươi triệu đồng", 61_240_000_000)]),
    ("ký quỹ **300.000.000 đồng** (*Ba trăm triệu đồng*).", [("Ba trăm triệu đồng", 300_000_000)]),
    ("Vốn: 30.000.000.000 VNĐ (Ba mươi tỷ đồng Việt Nam).", [("Ba mươi tỷ đồng", 30_000_000_000)]),
    ("Hỗ trợ 2,5 tỷ đồng [hai tỷ năm trăm triệu đồng]", [("hai tỷ năm trăm triệu đồng", 2_500_000_000)]),
    ("Kinh phí (bằng chữ: năm trăm nghìn đồng) do xã chi trả.", [("năm trăm nghìn đồng", 500_000)]),
    ("ký quỹ 300.000.000 đồng (Ba trăm triệu đồng).\n\nBằng chữ: Ba trăm triệu đồng.",
     [("Ba trăm triệu đồng", 300_000_000), ("Ba trăm triệu đồng", 300_000_000)]),
    # not money in words
    ("Chương trình hỗ trợ hai triệu người dân tộc thiểu số.", []),
    ("Dự kiến 2.000.000 người (hai triệu người) được hưởng lợi.", []),
    ("Kế hoạch năm 2023 (ba mươi hai xã đạt chuẩn).", []),
    ("Vùng đồng bào dân tộc thiểu số (đồng bào Tày, Nùng).", []),
    ("Chi phí tối thiểu là năm trăm nghìn đồng.", []),
    ("Hỗ trợ 30.000.000 đồng (bao gồm hai triệu đồng vốn đối ứng).", []),
    ("Hỗ trợ 5.000.000 đồng (năm triệu đồng bào)", []),
    ("Hỗ trợ 30.000.000.000 đồng (Ba mươi tỷ).", []),
    ("Hỗ trợ 25.000.000 đồng (hai mươi năm triệu đồng).", []),
    ("(Hai triệu đồng) là mức hỗ trợ của năm trước.", []),
    ("Tổng kinh phí thực hiện:………………..đồng (bằng chữ:……………………..),", []),
    ("với tổng kinh phí:………..đồng (Bằng chữ: ).", []),
    ("văn bản được ký bằng chữ ký số của cơ quan quản lý thuế", []),
    ("Bằng chữ: hai triệu đồng bào", []),
    ("Ghi đầy đủ bằng chữ in thường, không viết tắt", []),
    ("", []),
]


@pytest.mark.parametrize(("text", "expected"), TEXTS)
def test_find_word_amounts(text, expected):
    found = find_word_amounts(text)
    assert [(a.text, a.vnd) for a in found] == expected
    assert all(text[a.start:a.end] == a.text for a in found)


@pytest.mark.parametrize("text", [t for t, e in TEXTS if e])
def test_find_word_amounts_in_nfd(text):
    nfd = unicodedata.normalize("NFD", text)
    found = find_word_amounts(nfd)
    assert [a.vnd for a in found] == [a.vnd for a in find_word_amounts(text)]
    assert all(unicodedata.normalize("NFC", a.text) in text for a in found)


def test_patterns_are_checked():
    data = read_toml("money_words")
    MoneyWordsPatterns.model_validate(data)
    with pytest.raises(ValidationError):
        MoneyWordsPatterns.model_validate({**data, "digits": {**data["digits"], "mươi": 10}})
    with pytest.raises(ValidationError):
        MoneyWordsPatterns.model_validate({**data, "scales": {**data["scales"], "Vạn": 3}})


# ------------------------------------------------------------------ round trip
DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
STANDARD = {"nghìn": "nghìn", "tỷ": "tỷ", "linh": "linh", "lăm": "lăm", "tư": "bốn", "sep": " "}


def _group(v: int, full: bool, s: dict) -> list[str]:
    """0 < v < 1000; `full` after a scale: "không trăm linh năm", not "năm"."""
    h, t, u = v // 100, v // 10 % 10, v % 10
    out = [DIGITS[h], "trăm"] if full or h else []
    if t == 0:
        if u:
            out += [s["linh"], DIGITS[u]] if out else [DIGITS[u]]
    elif t == 1:
        out += ["mười"] + ([s["lăm"] if u == 5 else DIGITS[u]] if u else [])
    else:
        out += [DIGITS[t], "mươi"] + ([{1: "mốt", 4: s["tư"], 5: s["lăm"]}.get(u, DIGITS[u])] if u else [])
    return out


def _below_billion(n: int, leading: bool, s: dict) -> str:
    parts = []
    for power, scale in ((6, "triệu"), (3, s["nghìn"]), (0, "")):
        v = n // 10**power % 1000
        if v:
            parts.append(" ".join(_group(v, full=not (leading and not parts), s=s) + ([scale] if scale else [])))
    return s["sep"].join(parts)


def _spell(n: int, s: dict = STANDARD) -> str:
    """Vietnamese words for 0 < n < 10^15, as an accountant writes them."""
    if n < 10**9:
        return _below_billion(n, True, s)
    billions, rest = divmod(n, 10**9)
    head = f"{_below_billion(billions, True, s)} {s['tỷ']}"
    return f"{head}{s['sep']}{_below_billion(rest, False, s)}" if rest else head


NUMBERS = st.one_of(
    st.integers(1, 10**15 - 1),
    st.integers(1, 10**6),
    # sparse digits: zero groups, zero hundreds, zero tens
    st.lists(st.sampled_from([0, 0, 1, 4, 5, 10, 15, 21, 105, 110, 999]), min_size=5, max_size=5).map(
        lambda gs: sum(g * 1000**i for i, g in enumerate(gs))).filter(lambda n: 0 < n < 10**15),
)
STYLES = st.fixed_dictionaries({
    "nghìn": st.sampled_from(["nghìn", "ngàn"]), "tỷ": st.sampled_from(["tỷ", "tỉ"]),
    "linh": st.sampled_from(["linh", "lẻ"]), "lăm": st.sampled_from(["lăm", "nhăm"]),
    "tư": st.sampled_from(["bốn", "tư"]), "sep": st.sampled_from([" ", ", ", " và "]),
})


@settings(max_examples=500, deadline=None)
@given(NUMBERS)
def test_round_trip(n):
    assert parse_words(_spell(n)) == n


def test_spell_examples():
    assert _spell(77_223_000_000) == "bảy mươi bảy tỷ hai trăm hai mươi ba triệu"
    assert _spell(1_005_000_000) == "một tỷ không trăm linh năm triệu"
    assert _spell(160_000) == "một trăm sáu mươi nghìn"
    assert _spell(21) == "hai mươi mốt"
    assert _spell(15) == "mười lăm"


@settings(max_examples=300, deadline=None)
@given(NUMBERS, STYLES, st.sampled_from([str.lower, str.capitalize, str.upper]),
       st.sampled_from(["NFC", "NFD"]), st.sampled_from(["", " đồng", " đồng chẵn"]))
def test_round_trip_styles(n, style, case, form, currency):
    assert parse_words(unicodedata.normalize(form, case(_spell(n, style) + currency))) == n


@settings(max_examples=200, deadline=None)
@given(NUMBERS, STYLES, st.booleans())
def test_found_after_its_figure(n, style, labelled):
    words = _spell(n, style).capitalize() + " đồng"
    figure = f"{n:,}".replace(",", ".")
    text = f"Tổng kinh phí là {figure} đồng ({'Bằng chữ: ' if labelled else ''}{words})."
    assert [(a.text, a.vnd) for a in find_word_amounts(text)] == [(words, n)]
