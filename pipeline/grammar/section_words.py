"""The words that open a section heading (patterns/sections.toml): read by the section
reader (structure/sections.py) and by the grammars that tell a heading from a line."""
from __future__ import annotations

from functools import cache

from pydantic import BaseModel, ConfigDict

from .. import patterns


class SectionWords(BaseModel):
    """patterns/sections.toml: the spellings of each kind of heading label."""
    model_config = ConfigDict(frozen=True, extra="forbid")

    appendix: tuple[str, ...]
    appendix_number: str
    part: tuple[str, ...]
    part_ordinal: tuple[str, ...]
    chapter: tuple[str, ...]
    section: tuple[str, ...]
    article: tuple[str, ...]
    subproject: tuple[str, ...]
    project: tuple[str, ...]
    content: tuple[str, ...]
    content_qualifiers: tuple[str, ...]
    component: tuple[str, ...]


@cache
def words() -> SectionWords:
    return patterns.load("sections", SectionWords)
