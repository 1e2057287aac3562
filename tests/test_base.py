"""The shared pieces every extractor uses: sentence bounds, the normaliser's offset map."""
from pipeline.text.sentences import SentenceIndex
from pipeline.normalize import normalize


def test_sentence_starts_skip_heading_numbers():
    text = "I. MỤC TIÊU\n1. Nội dung. Hai câu. Ba câu\n\nMới"
    index = SentenceIndex(text)
    assert [text[s:e].strip() for s, e in zip(index.starts, index.starts[1:] + [len(text)])] == [
        "I. MỤC TIÊU", "1. Nội dung.", "Hai câu.", "Ba câu", "Mới"]


def test_unchanged_text_maps_to_itself():
    for text in ("", "abc", "x" * 5000, "abc", "y" * 300_000):
        assert list(normalize(text).to_original) == list(range(len(text) + 1))
