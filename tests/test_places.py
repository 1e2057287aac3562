"""Place mentions resolved against the bundled pre-2025 gazetteer, offline."""
from __future__ import annotations

import socket

import pytest

from pipeline.grammar import gazetteer as gz, places as pl
from pipeline.models import Header
from pipeline.normalize import normalize

pytestmark = pytest.mark.skipif(gz.data_dir() is None, reason="vietnamadminunits is not installed")


def found(text: str, header: Header | None = None) -> list[tuple]:
    return [(p.text, p.name, p.unit_type, p.code, p.province, p.district)
            for p in pl.places(normalize(text).text, header)]


@pytest.mark.parametrize("sentence, expected", [
    # seed 002 (DOMAIN §7): Sông Trà is in Hiệp Đức, Quảng Nam, named right after it
    ("UBND xã Sông Trà, huyện Hiệp Đức",
     [("xã Sông Trà", "Sông Trà", "xã", "20770", "Quảng Nam", "Hiệp Đức"),
      ("huyện Hiệp Đức", "Hiệp Đức", "huyện", "512", "Quảng Nam", "Hiệp Đức")]),
    # one name at two levels: the province and its city
    ("tỉnh Lạng Sơn và thành phố Lạng Sơn",
     [("tỉnh Lạng Sơn", "Lạng Sơn", "tỉnh", "20", "Lạng Sơn", None),
      ("thành phố Lạng Sơn", "Lạng Sơn", "thành phố", "178", "Lạng Sơn", "Lạng Sơn")]),
    # a central city, written with the abbreviation
    ("TP. Hà Nội", [("TP. Hà Nội", "Hà Nội", "thành phố", "01", "Hà Nội", None)]),
    # a header line in capitals; "TT Phú Thông" is thị trấn Phủ Thông (folded, only in
    # the district the text is about); "TT Huyện ủy" is Thường trực, not a place
    ("UBND HUYỆN BẠCH THÔNG\nTT Phú Thông; TT Huyện ủy",
     [("HUYỆN BẠCH THÔNG", "Bạch Thông", "huyện", "063", "Bắc Kạn", "Bạch Thông"),
      ("TT Phú Thông", "Phủ Thông", "thị trấn", "01969", "Bắc Kạn", "Bạch Thông")]),
    # numbered wards, qualified by the district after them
    ("Phường 1, Quận 3, Thành phố Hồ Chí Minh",
     [("Phường 1", "Phường 1", "phường", "27160", "Hồ Chí Minh", "Quận 3"),
      ("Quận 3", "Quận 3", "quận", "770", "Hồ Chí Minh", "Quận 3"),
      ("Thành phố Hồ Chí Minh", "Hồ Chí Minh", "thành phố", "79", "Hồ Chí Minh", None)]),
    # thôn and bản are not units: kept as written
    ("thôn Nà Lẹng, bản Khuổi Cáp", [("thôn Nà Lẹng", "Nà Lẹng", "thôn", None, None, None),
                                     ("bản Khuổi Cáp", "Khuổi Cáp", "bản", None, None, None)]),
    # lists and phrases that are not units
    ("các huyện nghèo, xã khu vực III, văn bản Kế hoạch", []),
])
def test_sentences(sentence, expected):
    assert found(sentence) == expected


def test_repeated_name_resolved_in_the_documents_district():
    # Lạng Sơn has a xã Mẫu Sơn in Cao Lộc and one in Lộc Bình (DOMAIN §7): the province
    # alone cannot choose, the issuing district can.
    (place,) = pl.places("xã Mẫu Sơn", Header(issuer="UBND TỈNH LẠNG SƠN"))
    assert (place.name, place.code) == ("Mẫu Sơn", None)
    (place,) = pl.places("xã Mẫu Sơn", Header(issuer="UBND HUYỆN LỘC BÌNH"))
    assert (place.code, place.province, place.district) == ("06532", "Lạng Sơn", "Lộc Bình")


def test_successor_after_the_2025_reform():
    (place,) = pl.places("xã Đôn Phong", Header(issuer="UBND HUYỆN BẠCH THÔNG"))
    assert place.successor == "Xã Phong Quang, Tỉnh Thái Nguyên"


def test_no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("network access in a test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    # The lookups are cached too: cleared, so the gazetteer is read again here.
    gz.gazetteer.cache_clear()
    pl.lookup.cache_clear()
    try:
        (place,) = pl.places("thị trấn Na Dương")
        assert place.code == "06526"
    finally:
        gz.gazetteer.cache_clear()
        pl.lookup.cache_clear()


def test_places_in_the_pipeline_output():
    from pipeline.extract import extract_mentions

    found = extract_mentions(normalize("UBND xã Sông Trà, huyện Hiệp Đức, tỉnh Quảng Nam"))
    assert [p.code for p in found.places] == ["20770", "512", "49"]
    assert found.places[0].model_dump(mode="json")["successor"] == "Xã Phước Trà, Thành phố Đà Nẵng"


