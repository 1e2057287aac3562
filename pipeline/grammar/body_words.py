"""The words of patterns/bodies.toml, checked by pydantic models: the heads of public
bodies and what may follow each (a place, a sector, a programme), their prefixes and
sectors, and the word lists that end a name. body_grammar.py assembles them into regexes."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .. import patterns

Level = Literal["central", "province", "district", "commune"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Body(_Strict):
    name: str
    abbreviations: list[str] = Field(default_factory=list)
    variants: list[str] = Field(default_factory=list)
    takes: Literal["place", "sector", "programme", "none"]
    needs_qualifier: bool = False
    level: Level | None = None
    generic_names: bool = False
    level_in_name: bool = False
    not_before: list[str] = Field(default_factory=list)
    # The words before a one-word head or abbreviation that make it part of an ordinary
    # word (BỐ CỤC, Cổng TT).
    not_after: list[str] = Field(default_factory=list)
    # The head read only as written, not in any case: in capitals it ends a common word
    # (Vụ: NHIỆM VỤ, DỊCH VỤ).
    as_written: bool = False
    # With generic_names: a unit's name is a sector, a listed unit name or an abbreviation,
    # not words read up to a stop, nor words in capitals.
    listed_names: bool = False

    def heads(self) -> tuple[list[str], list[str]]:
        """The head's spellings read in any case, and those read only as written."""
        written = [self.name, *self.variants]
        return ([], [*written, *self.abbreviations]) if self.as_written else (written, self.abbreviations)


class Prefix(_Strict):
    name: str
    abbreviations: list[str] = Field(default_factory=list)
    office: bool = False
    # the title words after which the prefix is part of the title
    not_after: list[str] = Field(default_factory=list)


class Sector(_Strict):
    name: str
    abbreviations: list[str] = Field(default_factory=list)
    variants: list[str] = Field(default_factory=list)
    ministry: bool = False
    until: str | None = None
    since: str | None = None
    successor: str | None = None


class Bodies(_Strict):
    central_cities: list[str]
    level_wide: list[str]
    name_stops: list[str]
    second_syllables: list[str]
    name_endings: list[str]
    predicate_endings: list[str]
    unit_names: list[str]
    company_forms: list[str]
    not_places: list[str]
    titles: list[str]
    surnames: list[str]
    recipient_cues: list[str]
    plurals: list[str]
    list_opener: str
    list_heads: list[str]
    list_companions: list[str]
    conjunctions: list[str]
    regions: list[str]
    programme_subjects: list[str]
    programme_zones: list[str]
    prefix: list[Prefix]
    body: list[Body]
    sector: list[Sector]


@patterns.per_file("bodies")
def bodies(name: str) -> Bodies:
    return patterns.load(name, Bodies)
