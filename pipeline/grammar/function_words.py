"""The small words of patterns/function_words.toml (số, của, và, hoặc …) that many
grammars read around what they extract, and the case forms a pattern writes them in."""
from __future__ import annotations

from functools import cache

import regex
from pydantic import BaseModel, ConfigDict, Field

from .. import patterns


class FunctionWords(BaseModel):
    """The schema of patterns/function_words.toml."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    number: str
    of: str
    and_: str = Field(alias="and")
    or_: str = Field(alias="or")
    along: str
    under: str
    about: str
    plural: list[str]


@cache
def words() -> FunctionWords:
    return patterns.load("function_words", FunctionWords)


def cased(word: str, lower: bool = True) -> str:
    """An alternation of `word` as a text writes it in lower case (unless `lower` is
    false), capitalised and in capitals ("số|Số|SỐ"), for a pattern that must not match
    other mixes of case."""
    forms = dict.fromkeys((word, word[:1].upper() + word[1:], word.upper())[0 if lower else 1:])
    return "|".join(map(regex.escape, forms))
