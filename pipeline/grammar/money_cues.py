"""The cue machinery of an amount's context: cue tables from patterns/money.toml
([roles], [fallback_roles], [funding_sources], [context]) as gated patterns, and the
search for the cues that speak for an amount in its clause."""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import regex

from ..text.prefilter import lowered_finditer
from .money_grammar import alternation, cue_regex, grammar

# The roles whose money an analyst sums; the others are norms (rate) and anything else.
SUMMED_ROLES = ("allocated", "disbursed", "estimate", "requested")


@dataclass(frozen=True)
class Gated:
    """A pattern that opens with a lookbehind and a word in any case, with the stdlib gate
    of its first words (see lowered_finditer), searched in the short ranges an
    amount's context is read from."""

    pattern: regex.Pattern
    gate: re.Pattern

    def finditer(self, text: str, start: int, end: int) -> Iterator[regex.Match]:
        """The matches of pattern.finditer(text, start, end)."""
        return lowered_finditer(self.gate, self.pattern, text, start, end)


def gated_cue(cue: tuple[regex.Pattern, dict[str, str]]) -> Gated:
    """A cue table's pattern (see money_grammar.cue_regex), gated by its cues' first words
    (the keys of its label map are lower case)."""
    pattern, label_of = cue
    firsts = {c.split()[0] for c in label_of}
    return Gated(pattern, re.compile("|".join(re.escape(w) for w in sorted(firsts))))


@dataclass(frozen=True)
class Cues:
    roles: Gated
    fallback: Gated | None
    sources: Gated
    totals: Gated
    total_row: regex.Pattern
    rate_per: regex.Pattern
    restated: regex.Pattern


@cache
def context_cues() -> Cues:
    g = grammar()
    c = g.patterns.context
    return Cues(
        roles=gated_cue(g.roles),
        fallback=gated_cue(g.fallback_roles) if g.fallback_roles else None,
        sources=gated_cue(g.sources),
        totals=gated_cue(cue_regex({"total": c.totals})),
        total_row=regex.compile(rf"{alternation(c.total_rows)}(?![\p{{L}}\p{{M}}])", regex.IGNORECASE),
        rate_per=regex.compile(rf"(?:\d+\s*)?{alternation(c.rate_per)}(?:/.*)?", regex.IGNORECASE),
        restated=regex.compile(rf"[\s*_]*[(\[][\s*_]*(?:{alternation(c.restated_by)}[\s*_]*:?[\s*_]*)?",
                               regex.IGNORECASE),
    )


def unbracketed(pattern: Gated, text: str, start: int, end: int) -> list[regex.Match]:
    """The cues in text[start:end], skipping asides in parentheses that close before
    `end`: `(các xã … công trình được giao); vốn đầu tư: 14.302` is not allocated."""
    found = []
    for m in pattern.finditer(text, start, end):
        tail = text[m.end():end]
        if tail.count(")") > tail.count("(") and text.rfind("(", start, m.start()) > text.rfind(")", start, m.start()):
            continue
        found.append(m)
    return found


def last_cue(pattern: Gated, text: str, start: int, end: int) -> regex.Match | None:
    found = unbracketed(pattern, text, start, end)
    return found[-1] if found else None
