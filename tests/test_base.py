"""The shared pieces every extractor uses: sentence bounds, the lower-cased gate scan, the
normaliser's offset map."""
import regex

from pipeline.text.sentences import SentenceIndex
from pipeline.text.prefilter import gate_starts, lowered_finditer, phrase_gate, word_gate
from pipeline.normalize import normalize


def test_lowered_finditer_finds_what_finditer_finds():
    text = "Tại Thành phố Hà Nội, huyện Đông Anh và thị xã Sơn Tây; TT. Phùng, thành phố"
    pattern = regex.compile(r"(?<!\p{L})(?:thành phố|huyện|thị xã|tt\.)[ ]\p{Lu}\p{L}*", regex.IGNORECASE)
    gate = word_gate(["thành phố", "huyện", "thị xã", "tt."])
    assert [m.group() for m in lowered_finditer(gate, pattern, text)] == [
        "Thành phố Hà", "huyện Đông", "thị xã Sơn", "TT. Phùng"]
    assert [m.span() for m in lowered_finditer(gate, pattern, text)] == [
        m.span() for m in pattern.finditer(text)]


def test_sentence_starts_skip_heading_numbers():
    text = "I. MỤC TIÊU\n1. Nội dung. Hai câu. Ba câu\n\nMới"
    index = SentenceIndex(text)
    assert [text[s:e].strip() for s, e in zip(index.starts, index.starts[1:] + [len(text)])] == [
        "I. MỤC TIÊU", "1. Nội dung.", "Hai câu.", "Ba câu", "Mới"]


def test_unchanged_text_maps_to_itself():
    for text in ("", "abc", "x" * 5000, "abc", "y" * 300_000):
        assert list(normalize(text).to_original) == list(range(len(text) + 1))


def test_word_gate_is_one_pattern_per_first_letter():
    gate = word_gate(["Thành phố", "thị xã", "TT.", "huyện", "H."])
    assert [p.pattern for p in gate] == [r"huyện|h\.", r"thành|thị|tt\."]
    low = "tt. a, thị xã b, huyện c, h. d"
    assert gate_starts(gate, low) == [0, 7, 17, 26]


def test_phrase_gate_needs_the_whole_phrase_and_what_follows():
    gate = phrase_gate(["Dự án", "đề án", "DA"], r"[ \t]*\d")
    assert len(gate) == 2  # "d" and "đ"
    low = "dự kiến 3; dự án 1, dự án mới, da 2, dân 4, vấn đề án 5, dự\nán 6"
    assert [low[s:s + 5] for s in gate_starts(gate, low)] == ["dự án", "da 2,", "đề án", "dự\nán"]
