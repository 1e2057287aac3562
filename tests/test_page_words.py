"""The page's furniture patterns built from patterns/page.toml, as the loaders use them."""
import pytest
import regex

from pipeline import page_words


@pytest.mark.parametrize("text, leading, found", [
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", None, "CỘNG HÒA XÃ HỘI"),
    ("CỘNG HÕA XÃ HỘI CHỦ NGHĨA VIỆT NAM", None, "CỘNG HÕA XÃ HỘI"),
    ("Độc lập- Tự do - Hạnh phúc", None, "Độc lập-"),
    ("ĐẢNG CỘNG SẢN\nVIỆT NAM", None, "ĐẢNG CỘNG SẢN\nVIỆT NAM"),
    ("ĐẢNG CỘNG SẢN", None, None),
    ("ĐẢNG CỘNG SẢN", 3, "ĐẢNG CỘNG SẢN"),
    ("cong hoa xa hoi", 3, None),
])
def test_motto(text, leading, found):
    m = regex.search(page_words.motto(leading), text, regex.IGNORECASE)
    assert (m.group() if m else None) == found


@pytest.mark.parametrize("line, furniture", [
    ("Tải về", True),
    ("Lượt xem:", True),
    ("Lượt xem: 1.204", True),
    ("Hôm nay: 1.234", True),
    ("Hôm nay", False),                 # a counter without its count may be text
    ("Tải về văn bản gốc", False),
])
def test_web_furniture(line, furniture):
    assert bool(page_words.web_furniture_re().match(line)) is furniture


@pytest.mark.parametrize("text, found", [
    ("CÔNG BÁO/Số 293", "CÔNG BÁO"),
    ("CONG BAO/So 293", "CONG BAO"),
    ("CÔNGBÁO", "CÔNGBÁO"),
    ("CỐNG BÁO", None),
])
def test_gazette_name(text, found):
    m = regex.search(page_words.gazette_name(r"\s*"), text, regex.IGNORECASE)
    assert (m.group() if m else None) == found
