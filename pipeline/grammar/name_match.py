"""Names compared loosely, as the gold scorer compares them: abbreviations spelled out
("UBND tỉnh" meets "Ủy ban nhân dân tỉnh"), then the overlap of their words."""
from __future__ import annotations

from collections import Counter
from functools import cache

import regex
from pydantic import BaseModel, ConfigDict

from .. import patterns
from ..text.fold import folded

_WORD = regex.compile(r"\w+")

class Abbreviations(BaseModel):
    """patterns/abbreviations.toml: folded abbreviation -> what it stands for, one table per
    comparison."""
    model_config = ConfigDict(frozen=True, extra="forbid")

    names: dict[str, str]
    issuers: dict[str, str]


@cache
def abbreviations() -> Abbreviations:
    return patterns.load("abbreviations", Abbreviations)


@cache
def _expansion() -> regex.Pattern:
    # longest first, so that "dtts&mn" is read before "dtts"
    names = abbreviations().names
    return regex.compile(
        r"(?<![\w&-])(" + "|".join(map(regex.escape, sorted(names, key=len, reverse=True))) + r")(?![\w&-])")


def expanded(s: str) -> str:
    """`s` folded, with its abbreviations spelled out."""
    names = abbreviations().names
    return _expansion().sub(lambda m: names[m.group(1)], folded(s))


def token_f1(a: str, b: str) -> float:
    """F1 of the words of `b` against those of `a`, both expanded."""
    ta, tb = Counter(_WORD.findall(expanded(a))), Counter(_WORD.findall(expanded(b)))
    common = sum((ta & tb).values())
    if not common:
        return 0.0
    precision, recall = common / sum(tb.values()), common / sum(ta.values())
    return 2 * precision * recall / (precision + recall)
