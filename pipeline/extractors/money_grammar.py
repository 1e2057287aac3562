"""The money grammar: the amount pattern and the cue tables, assembled once from
patterns/money.toml and patterns/units.toml, and Raw, what the pattern reads from an amount
before its context is known. Shared by the money, percentage and figure extractors."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import regex
from pydantic import BaseModel, ConfigDict, Field

from ..numbers import NUMBER, TOKEN_SIGNS
from ..patterns import load
from . import base


class Fused(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    power: int
    currency: str


class MoneyPatterns(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    scales: dict[str, int]
    currencies: dict[str, str]
    fused: dict[str, Fused] = Field(default_factory=dict)
    not_after_currency: list[str] = Field(default_factory=list)
    bare_scales: list[str] = Field(default_factory=list)
    unit_line_labels: list[str]
    english_words: list[str] = Field(default_factory=list)
    roles: dict[str, list[str]]
    fallback_roles: dict[str, list[str]] = Field(default_factory=dict)
    funding_sources: dict[str, list[str]]


class UnitPatterns(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    counted: list[str]
    measured: list[str] = Field(default_factory=list)
    per_only: list[str] = Field(default_factory=list)
    not_after: list[str] = Field(default_factory=list)


def alternation(words: Iterable[str]) -> str:
    """Longest first, so `nghìn tỷ` is tried before `nghìn`; spaces match any white space."""
    escaped = (regex.escape(w).replace(r"\ ", " ").replace(" ", r"\s+")
               for w in sorted(set(words), key=len, reverse=True))
    return "(?:" + "|".join(escaped) + ")"


def cue_regex(cues: dict[str, list[str]]) -> tuple[regex.Pattern, dict[str, str]]:
    """One regex for a cue table, and the map from a cue's folded spelling to its label."""
    label_of = {" ".join(c.lower().split()): label for label, cs in cues.items() for c in cs}
    pattern = regex.compile(rf"(?<![\p{{L}}\p{{M}}]){alternation(label_of)}(?![\p{{L}}\p{{M}}])",
                            regex.IGNORECASE)
    return pattern, label_of


def cue_label(m: regex.Match, label_of: dict[str, str]) -> str:
    return label_of[" ".join(m.group().lower().split())]


@dataclass(frozen=True)
class Grammar:
    patterns: MoneyPatterns
    units: UnitPatterns
    amount: regex.Pattern
    amount_tokens: frozenset[str]  # what may follow an amount's first number (see grammar())
    unit_line: regex.Pattern
    unit_line_gate: base.Gate  # where unit_line can start (see base.lowered_finditer)
    header_unit: regex.Pattern
    roles: tuple[regex.Pattern, dict[str, str]]
    fallback_roles: tuple[regex.Pattern, dict[str, str]] | None
    sources: tuple[regex.Pattern, dict[str, str]]
    english: regex.Pattern
    label_before: regex.Pattern
    scale_of: dict[str, int]
    currency_of: dict[str, str]
    fused_of: dict[str, Fused]


_NOT_WORD = r"(?![\p{L}\p{M}\d])"
# Between a number and its unit: spaces and at most one line break (web copies wrap
# lines); a blank line means the next word belongs to something else.
_WS = r"[ \t]*(?:\n[ \t]*)?"


def _fold(word: str) -> str:
    return " ".join(word.split()).lower()


_LETTERS = regex.compile(r"\p{L}+")


def first_token(phrase: str) -> str:
    """The token of pipeline.numbers.tokens_after_numbers that a phrase starts with: its
    leading letters (the whole word there, since a letter never follows them in a match)
    or its first sign."""
    letters = _LETTERS.match(phrase)
    if letters:
        return letters.group()
    if phrase[0] in TOKEN_SIGNS:
        return phrase[0]
    raise ValueError(f"{phrase!r} starts with neither a letter nor one of {TOKEN_SIGNS!r}")


# A per-unit is stored with no space around its slashes (`đồng/ha/năm`).
_SLASH = regex.compile(r"\s*/\s*")


@cache
def grammar() -> Grammar:
    p = load("money", MoneyPatterns)
    u = load("units", UnitPatterns)
    scale = alternation(p.scales)
    currency = alternation(p.currencies) + rf"(?:(?<=₫)|{_NOT_WORD})"
    fused = alternation(p.fused) + _NOT_WORD
    not_after = alternation(p.not_after_currency)
    # The number must not continue a word, a code or another number; "/" is allowed before
    # it because `16 công trình/2.629 triệu đồng` pairs a count with an amount.
    number = rf"(?<![\p{{L}}\p{{M}}\d.,])(?:{NUMBER})"
    per_word = alternation([*u.counted, *u.per_only])
    per = rf"(?:[ ]?/[ ]?(?:\d{{1,3}}\s+)?(?:{per_word}{_NOT_WORD}|[\p{{L}}\p{{M}}]+))"
    pieces = {
        # `2,5 - 5,5 tỷ đồng`, `từ 01 đến 10 tỷ đồng`: the low end shares the unit.
        "low": rf"(?:(?P<low>{number})(?:{_WS}(?P<low_scale>{scale}))?{_WS}(?:[-–—]|\s(?:đến|tới)\s){_WS}(?=\d))?",
        "head": rf"(?P<num>{number})",
        # `31 tỷ 875 triệu đồng`: more number-scale pairs continue the first.
        # A unit is required: a fused token, an optional scale (with `875 triệu` pairs)
        # then a currency, or a bare `tỷ` closed by punctuation (`4,329 tỷ.`).
        "unit": (rf"(?:{_WS}(?P<fused>{fused})"
                 rf"|(?:{_WS}(?P<scale>{scale}){_NOT_WORD}(?:{_WS}(?P<more_num>{NUMBER}){_WS}(?P<more_scale>{scale}){_NOT_WORD})*)?"
                 rf"{_WS}(?P<currency>{currency})(?!\s+{not_after}{_NOT_WORD})"
                 rf"|{_WS}(?P<bare>{alternation(p.bare_scales)})(?={_WS}(?:[.,;:)]|$)))"),
        "per": rf"(?P<per>{per}+)?",
    }
    # After its first number and any white space, every amount goes on with a unit word, a
    # dash or ₫ (a unit, or the connector of a range): money._amount_matches tries the
    # pattern only after numbers followed by one of these tokens, and the lookahead makes
    # each try that cannot be an amount fail at once.
    openers = {w[0] for w in (*p.scales, *p.currencies, *p.fused, *p.bare_scales)} | set("-–—đt")
    start = rf"\d+(?:[.,]\d+)*\s*[{regex.escape(''.join(sorted(openers)))}]"
    amount = regex.compile(f"(?={start})" + "(?:{low}{head}{unit}{per})".format(**pieces))
    amount_tokens = frozenset(first_token(w) for w in (
        *p.scales, *p.currencies, *p.fused, *p.bare_scales, "đến", "tới", "-", "–", "—"))
    labels = alternation(p.unit_line_labels)
    unit_spec = (rf"(?P<mult>1\.000|1000|{scale})?\s*(?P<cur>{currency})"
                 rf"(?P<per>{per}+)?")
    unit_line = regex.compile(rf"(?<![\p{{L}}\p{{M}}]){labels}\s*[*_]*\s*:\s*[*_]*\s*{unit_spec}",
                              regex.IGNORECASE)
    header_unit = regex.compile(rf"\(\s*(?:{labels}\s*:\s*)?{unit_spec}\s*\)", regex.IGNORECASE)
    return Grammar(
        patterns=p, units=u, amount=amount, amount_tokens=amount_tokens,
        unit_line=unit_line, unit_line_gate=base.word_gate(p.unit_line_labels),
        header_unit=header_unit,
        roles=cue_regex(p.roles),
        fallback_roles=cue_regex(p.fallback_roles) if p.fallback_roles else None,
        sources=cue_regex(p.funding_sources),
        label_before=regex.compile(rf"(?<![\p{{L}}\p{{M}}]){alternation(u.not_after)}\s*$", regex.IGNORECASE),
        english=regex.compile(rf"\d\s*{alternation(p.english_words)}{_NOT_WORD}", regex.IGNORECASE),
        scale_of={_fold(k): v for k, v in p.scales.items()},
        currency_of={_fold(k): v for k, v in p.currencies.items()},
        fused_of={_fold(k): v for k, v in p.fused.items()},
    )


@dataclass(frozen=True)
class Raw:
    """An amount before context: where it is and what it is worth."""

    start: int
    end: int
    number: str
    unit: str
    power: int
    currency: str
    per: str | None
    extra: tuple[tuple[str, int], ...] = ()  # `875 triệu` after `31 tỷ`
