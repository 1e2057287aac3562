"""The money grammar: the amount pattern and the cue tables, assembled once from
patterns/money.toml and patterns/units.toml, and Raw, what the pattern reads from an amount
before its context is known. Shared by the money, percentage and figure grammars."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import regex
from pydantic import BaseModel, ConfigDict, Field

from .date_grammar import date_words
from .function_words import words as function_words
from .numbers import NUMBER, TOKEN_SIGNS
from ..patterns import load, per_file
from ..text.prefilter import Prefiltered, register


class Fused(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    power: int
    currency: str


class ContextCues(BaseModel):
    """patterns/money.toml [context]: what besides the role cues an amount's clause, row or
    heading says of it (see money_context)."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    totals: list[str]
    total_rows: list[str]
    rate_per: list[str]
    restated_by: list[str]
    parts_all: list[str]
    parts_some: list[str]
    period_cumulative: list[str]
    period_within: list[str]
    limit_words: list[str]
    limit_measures: list[str]
    limit_ends: list[str]


class MoneyPatterns(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    scales: dict[str, int]
    currencies: dict[str, str]
    fused: dict[str, Fused] = Field(default_factory=dict)
    not_after_currency: list[str] = Field(default_factory=list)
    bare_scales: list[str] = Field(default_factory=list)
    unit_line_labels: list[str]
    english_words: list[str] = Field(default_factory=list)
    glued_before_number: list[str] = Field(default_factory=list)
    glued_currencies: list[str] = Field(default_factory=list)
    code_labels: list[str] = Field(default_factory=list)
    stt_headers: list[str] = Field(default_factory=list)
    year_headers: list[str] = Field(default_factory=list)
    per_headers: list[str] = Field(default_factory=list)
    count_headers: list[str] = Field(default_factory=list)
    percent_headers: list[str] = Field(default_factory=list)
    form_words: list[str] = Field(default_factory=list)
    roles: dict[str, list[str]]
    fallback_roles: dict[str, list[str]] = Field(default_factory=dict)
    funding_sources: dict[str, list[str]]
    context: ContextCues


class UnitPatterns(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    counted: list[str]
    measured: list[str] = Field(default_factory=list)
    per_only: list[str] = Field(default_factory=list)
    not_after: list[str] = Field(default_factory=list)


def range_words() -> list[str]:
    """The words joining the two ends of a range of amounts or percentages ("từ 5 đến 10
    tỷ đồng"): those of a range of dates, patterns/dates.toml's range_to."""
    return date_words().words.range_to


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
    # `160.000 đồng (một trăm sáu mươi ngàn đồng)/trẻ/tháng`: a per-unit after the bracket
    # that says the amount again
    bracket_per: regex.Pattern
    amount_tokens: frozenset[str]  # what may follow an amount's first number (see grammar())
    glued_tokens: tuple[str, ...]  # currencies an amount's token may start with (`đồngđối`)
    unit_line: Prefiltered  # "Đơn vị tính: triệu đồng", tried only at its labels
    header_unit: regex.Pattern
    roles: tuple[regex.Pattern, dict[str, str]]
    fallback_roles: tuple[regex.Pattern, dict[str, str]] | None
    sources: tuple[regex.Pattern, dict[str, str]]
    english: regex.Pattern
    label_before: regex.Pattern
    code_before: regex.Pattern  # `Mã số thuế:`, `Điện thoại:` right before a number
    scale_of: dict[str, int]
    currency_of: dict[str, str]
    fused_of: dict[str, Fused]


_NOT_WORD = r"(?![\p{L}\p{M}\d])"
# Between a number and its unit: spaces and at most one line break (web copies wrap
# lines); a blank line means the next word belongs to something else.
_WS = r"[ \t]*(?:\n[ \t]*)?"


def fold_word(word: str) -> str:
    return " ".join(word.split()).lower()


_LETTERS = regex.compile(r"\p{L}+")


def first_token(phrase: str) -> str:
    """The token of pipeline.grammar.numbers.tokens_after_numbers that a phrase starts with: its
    leading letters (the whole word there, since a letter never follows them in a match)
    or its first sign."""
    letters = _LETTERS.match(phrase)
    if letters:
        return letters.group()
    if phrase[0] in TOKEN_SIGNS:
        return phrase[0]
    raise ValueError(f"{phrase!r} starts with neither a letter nor one of {TOKEN_SIGNS!r}")


def _glued_before(words: list[str]) -> str:
    """Web copies drop spaces (`từ10.000.000 đồng`): a number may also follow one of these
    lowercase words glued to it, when the word itself starts a word. Capitals (`QĐ-UBND123`)
    and other words still block it."""
    if not words:
        return ""
    spelled = {*words, *(w[0].upper() + w[1:] for w in words)}
    return rf"|(?<=(?<![\p{{L}}\p{{M}}\d]){alternation(spelled)})"


def _glued_after(currencies: list[str], not_after: str) -> str:
    """`20.000.000 đồngđối tượng`: one of these currency words glued to a lowercase word,
    unless the two make a word of not_after_currency (`đồngbào`)."""
    if not currencies:
        return "(?!)"
    return rf"(?<={alternation(currencies)})(?!{not_after})(?=\p{{Ll}})"


# A per-unit is stored with no space around its slashes (`đồng/ha/năm`).
SLASH = regex.compile(r"\s*/\s*")


@per_file("money")
def grammar(name: str) -> Grammar:
    p = load(name, MoneyPatterns)
    u = load("units", UnitPatterns)
    scale = alternation(p.scales)
    not_after = alternation(p.not_after_currency)
    currency = alternation(p.currencies) + rf"(?:(?<=₫)|{_NOT_WORD}|{_glued_after(p.glued_currencies, not_after)})"
    fused = alternation(p.fused) + _NOT_WORD
    # The number must not continue a word, a code or another number; "/" is allowed before
    # it because `16 công trình/2.629 triệu đồng` pairs a count with an amount.
    number = rf"(?:(?<![\p{{L}}\p{{M}}\d.,]){_glued_before(p.glued_before_number)})(?:{NUMBER})"
    # A known unit in any case (`đồng/Học viên`), or one word; only a known one may open the
    # next line, as a slash ending a wrapped line leaves it (`đồng/` ⏎ `người/tháng`).
    per_word = f"(?i:{alternation([*u.counted, *u.per_only])}){_NOT_WORD}"
    per = (rf"(?:[ ]?/(?:[ ]?(?:\d{{1,3}}\s+)?(?:{per_word}|[\p{{L}}\p{{M}}]+)"
           rf"|[ \t]*\n[ \t]*{per_word}))")
    pieces = {
        # `2,5 - 5,5 tỷ đồng`, `từ 01 đến 10 tỷ đồng`: the low end shares the unit.
        "low": rf"(?:(?P<low>{number})(?:{_WS}(?P<low_scale>{scale}))?{_WS}(?:[-–—]|\s{alternation(range_words())}\s){_WS}(?=\d))?",
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
    openers = {w[0] for w in (*p.scales, *p.currencies, *p.fused, *p.bare_scales, *range_words())} | set("-–—")
    start = rf"\d+(?:[.,]\d+)*\s*[{regex.escape(''.join(sorted(openers)))}]"
    amount = regex.compile(f"(?={start})" + "(?:{low}{head}{unit}{per})".format(**pieces))
    amount_tokens = frozenset(first_token(w) for w in (
        *p.scales, *p.currencies, *p.fused, *p.bare_scales, *range_words(), "-", "–", "—"))
    labels = alternation(p.unit_line_labels)
    unit_spec = (rf"(?P<mult>1\.000|1000|{scale})?\s*(?P<cur>{currency})"
                 rf"(?P<per>{per}+)?")
    unit_line = regex.compile(rf"(?<![\p{{L}}\p{{M}}]){labels}\s*[*_]*\s*:\s*[*_]*\s*{unit_spec}",
                              regex.IGNORECASE)
    header_unit = regex.compile(rf"\(\s*(?:{labels}\s*:\s*)?{unit_spec}\s*\)", regex.IGNORECASE)
    return Grammar(
        patterns=p, units=u, amount=amount, amount_tokens=amount_tokens,
        bracket_per=regex.compile(rf"[\s*_]*\)(?P<per>{per}+)"),
        glued_tokens=tuple(first_token(w) for w in p.glued_currencies),
        unit_line=Prefiltered(unit_line, starts=tuple(p.unit_line_labels)),
        header_unit=header_unit,
        roles=cue_regex(p.roles),
        fallback_roles=cue_regex(p.fallback_roles) if p.fallback_roles else None,
        sources=cue_regex(p.funding_sources),
        label_before=regex.compile(rf"(?<![\p{{L}}\p{{M}}]){alternation(u.not_after)}\s*$", regex.IGNORECASE),
        code_before=regex.compile(
            rf"(?<![\p{{L}}\p{{M}}]){alternation(p.code_labels)}(?:\s+{regex.escape(function_words().number)})?[\s*_]*[:.]?[\s*_]*$", regex.IGNORECASE),
        english=regex.compile(rf"\d\s*{alternation(p.english_words)}{_NOT_WORD}", regex.IGNORECASE),
        scale_of={fold_word(k): v for k, v in p.scales.items()},
        currency_of={fold_word(k): v for k, v in p.currencies.items()},
        fused_of={fold_word(k): v for k, v in p.fused.items()},
    )


register("money.unit_line", lambda: grammar().unit_line)


# A digit run that opens with a zero and three more digits is a code, an account or a phone
# number (`0315459414`, `0243.123.456`), never an amount; `01 tỷ đồng` is one.
_CODE_SHAPE = regex.compile(r"0\d(?:[.,]?\d){2,}")


def code_shaped(number: str) -> bool:
    return _CODE_SHAPE.fullmatch(number) is not None


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
