"""The cue machinery of an amount's context: cue tables from patterns/money.toml
([roles], [fallback_roles], [funding_sources], [context]) as prefiltered patterns, and the
search for the cues that speak for an amount in its clause."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from ..text.prefilter import Prefiltered, register
from .money_grammar import alternation, cue_regex, grammar

# The roles whose money an analyst sums; the others are norms (rate) and anything else.
SUMMED_ROLES = ("allocated", "disbursed", "estimate", "requested")


def prefiltered_cue(cue: tuple[regex.Pattern, dict[str, str]]) -> Prefiltered:
    """A cue table's pattern (see money_grammar.cue_regex), tried only at its cues."""
    pattern, label_of = cue
    return Prefiltered(pattern, starts=tuple(label_of))


@dataclass(frozen=True)
class Limits:
    """A bound in a rule ([context] limit_words, limit_measures, limit_ends): `dịch vụ có giá
    trị dưới 45 tỷ đồng`, `có tổng dự toán … không quá 20 tỷ đồng/nhiệm vụ`, `từ 500 triệu
    đồng trở lên` set a threshold; they give no money to anyone."""

    bound: regex.Pattern  # bound words right before an amount ("tối đa không quá")
    measure: regex.Pattern  # what is measured, before the bound in the same phrase
    end: regex.Pattern  # a bound after the amount and its per-unit ("trở lên")

    def around(self, text: str, clause: int, start: int, end: int) -> bool:
        """Whether the amount at text[start:end], in a clause opening at `clause`, is a bound."""
        if self.end.match(text, end):
            return True
        bound = self.bound.search(text, max(clause, start - _BOUND_REACH), start)
        return bound is not None and self.measure.search(
            text, max(clause, bound.start() - _MEASURE_REACH), bound.start()) is not None


# How far before an amount its bound words, and before those the measure, are looked for.
_BOUND_REACH = 60
_MEASURE_REACH = 160


def _limits(words: list[str], measures: list[str], ends: list[str]) -> Limits:
    bound = alternation(words)
    return Limits(
        bound=regex.compile(rf"(?<![\p{{L}}\p{{M}}]){bound}(?:[\s*_]+{bound})*[\s*_]*$", regex.IGNORECASE),
        # the measure and its bound are one phrase: no comma, colon or full stop between
        measure=regex.compile(rf"(?<![\p{{L}}\p{{M}}]){alternation(measures)}(?![\p{{L}}\p{{M}}])[^,;:.]*$",
                              regex.IGNORECASE),
        end=regex.compile(rf"(?:[ ]?/[^,;.\n]{{0,40}}?)?[\s*_]+{alternation(ends)}(?![\p{{L}}\p{{M}}])",
                          regex.IGNORECASE),
    )


@dataclass(frozen=True)
class Cues:
    roles: Prefiltered
    fallback: Prefiltered | None
    sources: Prefiltered
    totals: Prefiltered
    total_row: regex.Pattern
    rate_per: regex.Pattern
    restated: regex.Pattern
    limits: Limits


@cache
def context_cues() -> Cues:
    g = grammar()
    c = g.patterns.context
    return Cues(
        roles=prefiltered_cue(g.roles),
        fallback=prefiltered_cue(g.fallback_roles) if g.fallback_roles else None,
        sources=prefiltered_cue(g.sources),
        totals=prefiltered_cue(cue_regex({"total": c.totals})),
        total_row=regex.compile(rf"{alternation(c.total_rows)}(?![\p{{L}}\p{{M}}])", regex.IGNORECASE),
        rate_per=regex.compile(rf"(?:\d+\s*)?{alternation(c.rate_per)}(?:/.*)?", regex.IGNORECASE),
        restated=regex.compile(rf"[\s*_]*[(\[][\s*_]*(?:{alternation(c.restated_by)}[\s*_]*:?[\s*_]*)?",
                               regex.IGNORECASE),
        limits=_limits(c.limit_words, c.limit_measures, c.limit_ends),
    )


register("money.cue.roles", lambda: context_cues().roles)
register("money.cue.fallback", lambda: context_cues().fallback)
register("money.cue.sources", lambda: context_cues().sources)
register("money.cue.totals", lambda: context_cues().totals)


def unbracketed(pattern: Prefiltered, text: str, start: int, end: int) -> list[regex.Match]:
    """The cues in text[start:end], skipping asides in parentheses that close before
    `end`: `(các xã … công trình được giao); vốn đầu tư: 14.302` is not allocated."""
    found = []
    for m in pattern.finditer(text, start, end):
        tail = text[m.end():end]
        if tail.count(")") > tail.count("(") and text.rfind("(", start, m.start()) > text.rfind(")", start, m.start()):
            continue
        found.append(m)
    return found


def last_cue(pattern: Prefiltered, text: str, start: int, end: int) -> regex.Match | None:
    found = unbracketed(pattern, text, start, end)
    return found[-1] if found else None
