"""The one table of place words (patterns/places.toml) and what its readers ask of it."""
import pytest

from pipeline.place_words import level_of_type, unit_type_of, unit_words


@pytest.mark.parametrize("written, level, expected", [
    ("Thành phố", "district", "thành phố"),        # the gazetteer's district type
    ("Thị xã", "district", "thị xã"),
    ("Thị trấn", "commune", "thị trấn"),
    ("Xã", "commune", "xã"),
    ("Tỉnh Lạng Sơn", "province", "tỉnh"),         # a province's full name
    ("Thành phố Hà Nội", "province", "thành phố"),
    ("", "district", "huyện"),                     # no type given: the level's plain type
    ("", "commune", "xã"),
])
def test_unit_type_of(written, level, expected):
    assert unit_type_of(written, level) == expected


def test_levels_and_words():
    assert level_of_type() == {"tỉnh": "province", "thành phố": "district", "huyện": "district",
                               "quận": "district", "thị xã": "district", "xã": "commune",
                               "phường": "commune", "thị trấn": "commune"}
    assert unit_words() == ("tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn")
