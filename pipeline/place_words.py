"""The one table of place words (patterns/places.toml): the words that introduce an
administrative unit, its unit type and its level. Read by the schema (models.Place's unit
types), the gazetteer and the place grammar, the organisation grammar (the place after a
body's head), the issuer read from a closing sentence and an amount's place."""
from __future__ import annotations

from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from . import patterns

PlaceLevel = Literal["province", "district", "commune", "village"]


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class UnitWord(_Strict):
    word: str
    unit_type: str
    level: PlaceLevel
    abbreviation: bool = False
    numbered: bool = False
    after_body: bool = False


class PlainTypes(_Strict):
    province: str
    district: str
    commune: str


class PlaceWords(_Strict):
    unit_word: list[UnitWord]
    city_type: str
    plain_type: PlainTypes
    not_after: list[str] = Field(default_factory=list)
    not_a_name: list[str] = Field(default_factory=list)


@patterns.per_file("places")
def place_words(name: str) -> PlaceWords:
    return patterns.load(name, PlaceWords)


@cache
def unit_types() -> tuple[str, ...]:
    """Every unit type, in the table's order (the stored values of Place.unit_type)."""
    return tuple(dict.fromkeys(w.unit_type for w in place_words().unit_word))


@cache
def unit_words() -> tuple[str, ...]:
    """The unit words written out in full (tỉnh, thị xã), not the abbreviations (TX.) nor
    the village words (thôn, bản), in the table's order."""
    return tuple(w.word for w in place_words().unit_word if not w.abbreviation and w.level != "village")


def city_type() -> str:
    """The unit type of a central city (a province) as well as of a district's city."""
    return place_words().city_type


@cache
def numbered_types() -> frozenset[str]:
    """The unit types whose units may be named by a number alone (Phường 14)."""
    return frozenset(w.unit_type for w in place_words().unit_word if w.numbered)


@cache
def level_of_type() -> dict[str, str]:
    """The level of each administrative unit type ("thị xã": "district"); a "thành phố" is
    a district unless a province is named so."""
    return {w.unit_type: w.level for w in place_words().unit_word if w.level != "village"}


def unit_type_of(written: str, level: str) -> str:
    """The unit type a source's type or full name opens with ("Thành phố", "Tỉnh Lạng
    Sơn"), else the plain type of `level`."""
    for unit_type in unit_types():
        word = unit_type[:1].upper() + unit_type[1:]
        if written == word or written.startswith(word + " "):
            return unit_type
    return getattr(place_words().plain_type, level)
