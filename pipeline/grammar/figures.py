"""Figures: counts with a unit noun (`46 nhà`, `3.300 cán bộ`, `03 Đoàn`) and coverage
fractions (`11/11 huyện`, `05/11 huyện`, `11/19 tiêu chí`).

Precision first: only nouns listed in patterns/units.toml make a count, and a number
right after a label word (`năm 2023`, `Điều 3`, `Dự án 1`) is never one. A number joined
to another by a dash (`1-2 xã`) is a range whose slash means "or": no count.
"""
from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import regex

from ..models import Figure
from .numbers import (
    NUMBER, decide_convention, digits_start, number_start, parse_number, spaces_start,
    tokens_after_numbers, with_spaced_groups,
)
from ..patterns import load, per_file
from .money_grammar import UnitPatterns, alternation, first_token


@dataclass(frozen=True)
class Grammar:
    figure: regex.Pattern
    label_before: regex.Pattern
    measured: frozenset[str]
    unit_tokens: frozenset[str]  # the first words of the units, case-folded


_EDGE = r"(?![\p{L}\p{M}\d])"
_DIGIT = regex.compile(r"\d")


@per_file("units")
def grammar(name: str) -> Grammar:
    u = load(name, UnitPatterns)
    units = alternation(u.counted)
    start = r"(?<![\p{L}\p{M}\d.,/\-–])"
    pieces = {
        "fraction": r"(?P<num>\d{1,6})\s?/\s?(?P<den>\d{1,6})",
        "count": rf"(?P<count>{NUMBER})",
        "unit": rf"\s+(?P<unit>{units}){_EDGE}",
    }
    figure = regex.compile(
        start + "(?:{fraction}|{count}(?![-–]\\d))".format(**pieces) + pieces["unit"], regex.IGNORECASE
    )
    label_before = regex.compile(
        # `năm 2023`, `Điều 3`, and the high end of a range `2026 - 2028`.
        rf"(?:(?<![\p{{L}}\p{{M}}]){alternation(u.not_after)}|\d\s*[-–])\s*$", regex.IGNORECASE
    )
    return Grammar(figure, label_before, frozenset(w.lower() for w in u.measured),
                   frozenset(first_token(w).casefold() for w in u.counted))


def find_figures(text: str, g: Grammar | None = None) -> list[Figure]:
    if not _DIGIT.search(text):
        return []
    g = g or grammar()
    matches = [m for m in _figure_matches(text, g)
               if not g.label_before.search(text, max(0, m.start() - 30), m.start())]
    if not matches:
        return []
    convention = decide_convention(m.group("count") for m in matches if m.group("count")).convention
    out = []
    for m in matches:
        unit = " ".join(m.group("unit").split())
        start, count = m.start(), m.group("count")
        if count:
            # "1 500 hộ": the groups a space parts from the count go on it
            written = with_spaced_groups(text, m.start("count"), count)
            if written is None:
                continue
            if written.start < m.start("count"):
                start, count = written.start, written.number
        try:
            if count:
                value, denominator = float(parse_number(count, convention)), None
            else:
                value, denominator = float(m.group("num")), float(m.group("den"))
        except ValueError:
            continue
        if not math.isfinite(value) or not math.isfinite(denominator or 0.0):
            continue    # past a float (a run of 309+ digits): no count
        if denominator is None and value != int(value) and unit.lower() not in g.measured:
            continue
        if denominator is not None and (denominator == 0 or value > denominator):
            # `12/2023 xã` is a month, not a fraction; a share cannot exceed its whole.
            continue
        out.append(Figure(text=text[start:m.end()], start=start, end=m.end(), value=value,
                          unit=unit, denominator=denominator))
    return out


def _figure_matches(text: str, g: Grammar) -> Iterable[regex.Match]:
    """The matches of g.figure.finditer(text), found faster: its leading lookbehind and
    case-insensitive unit alternation make the engine slow at every character, so it is
    tried only before a word that can start a unit (case-folded as IGNORECASE compares),
    at the starts the number before that word can have."""
    last_end = 0
    match = g.figure.match
    for after in tokens_after_numbers(text):
        if after.group(1).casefold() not in g.unit_tokens or after.start(1) == after.start() + 1:
            continue  # a unit is a word, after white space
        for at in _starts(text, after.start() + 1):
            if at >= last_end and (m := match(text, at)) is not None:
                last_end = m.end()
                yield m
                break


def _starts(text: str, end: int) -> list[int]:
    """Where a figure whose number ends at `end` can start, in order: at the numerator
    of a fraction (`11 / 11`), and at the count's first digit."""
    count = number_start(text, end)
    slash = spaces_start(text, digits_start(text, end), most=1)
    if text[slash - 1:slash] != "/":
        return [count]
    numerator_end = spaces_start(text, slash - 1, most=1)
    numerator = digits_start(text, numerator_end)
    return [numerator, count] if numerator < numerator_end else [count]
