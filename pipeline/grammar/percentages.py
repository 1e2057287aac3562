"""Percentages: `30,43%`, `0,5 %`, `100 phần trăm`, ranges `8,3 - 8,5%` (two mentions),
each with what it measures when its sentence says so (patterns/percentages.toml)."""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

import regex
from pydantic import BaseModel, ConfigDict, Field

from ..models import Percentage
from .numbers import NUMBER, decide_convention, number_start, parse_number, spaces_start
from ..patterns import load, per_file
from ..text.sentences import SentenceIndex
from .function_words import words as function_words
from .money_grammar import UnitPatterns, alternation, range_words


class PercentPatterns(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    spelled: list[str] = Field(default_factory=list)
    of: list[str] = Field(default_factory=list)
    compared_with: list[str] = Field(default_factory=list)
    measures: list[str] = Field(default_factory=list)


@dataclass(frozen=True)
class Grammar:
    percent: regex.Pattern
    signs: tuple[str, ...]  # "%" and the spelled signs, as written: a text with none has no percentage
    sign: re.Pattern  # the signs alone, where the percentages end (see _percent_matches)
    range_before: regex.Pattern  # a range's connector word ending where the high end's spaces start
    of: regex.Pattern
    measures: regex.Pattern
    label_before: regex.Pattern


_EDGE = r"(?![\p{L}\p{M}])"
# Farther back than this from a range's high end, no connector word starts.
_LONGEST_WORD = 40


@per_file("percentages")
def grammar(name: str) -> Grammar:
    p = load(name, PercentPatterns)
    u = load("units", UnitPatterns)
    sign = r"%" if not p.spelled else rf"(?:%|\s{alternation(p.spelled)}{_EDGE})"
    number = rf"(?<![\p{{L}}\p{{M}}\d.,/])(?:{NUMBER})"
    pieces = {
        # The low end of a range shares the sign: `8,3 - 8,5%`, `từ 5 đến 10%`.
        "low": rf"(?:(?P<low>{number})\s*(?:[-–—]|\s{alternation(range_words())}\s)\s*(?=\d))?",
        "num": rf"(?P<num>{number})",
        "sign": rf"\s?(?P<sign>{sign})",
    }
    word = r"(?<![\p{L}\p{M}])"
    compared = rf"(?:{alternation(p.compared_with)}\s+)?" if p.compared_with else ""
    return Grammar(
        percent=regex.compile("{low}{num}{sign}".format(**pieces)),
        signs=("%", *p.spelled),
        range_before=regex.compile(rf"\s(?P<word>{alternation(range_words())})", regex.REVERSE),
        sign=re.compile("|".join(["%", *(r"\s+".join(map(re.escape, w.split())) for w in p.spelled)])),
        of=regex.compile(rf"\s*(?:{regex.escape(function_words().of)}\s+)?(?P<cue>{compared}{alternation(p.of)}){_EDGE}",
                         regex.IGNORECASE),
        measures=regex.compile(rf"{word}{alternation(p.measures)}{_EDGE}", regex.IGNORECASE),
        label_before=regex.compile(rf"{word}{alternation(u.not_after)}\s*$", regex.IGNORECASE),
    )


def find_percentages(text: str, index: SentenceIndex | None = None, g: Grammar | None = None) -> list[Percentage]:
    """Percentages in `text` with their measure (read in the sentence `index` finds)."""
    g = g or grammar()
    # Most paragraphs of most documents hold no percentage at all.
    if not any(s in text for s in g.signs):
        return []
    index = index or SentenceIndex(text)
    matches = list(_percent_matches(text, g))
    if not matches:
        return []
    numbers = [m.group("num") for m in matches] + [m.group("low") for m in matches if m.group("low")]
    convention = decide_convention(numbers).convention
    found: list[Percentage] = []
    cues: dict[int, tuple[list[int], list[regex.Match]]] = {}
    for m in matches:
        measure = _measure(text, m, index, g, cues)
        spans = []
        if m.group("low") and not g.label_before.search(text, max(0, m.start() - 30), m.start()):
            spans.append((m.start("low"), m.end("low"), m.group("low")))
        spans.append((m.start("num"), m.end("sign"), m.group("num")))
        for start, end, number in spans:
            try:
                value = float(parse_number(number, convention))
            except ValueError:
                continue
            found.append(Percentage(text=text[start:end], start=start, end=end, value=value, measure=measure))
    return found


def _percent_matches(text: str, g: Grammar) -> Iterator[regex.Match]:
    """The matches of g.percent.finditer(text), found faster: the pattern opens with a
    lookbehind, which the regex engine tries at every character, so it is tried only
    before a sign: at the low end of a range, then at the number next to the sign."""
    last_end = 0
    for sign in g.sign.finditer(text):
        # `\s?%`, `\s?\sphần trăm`: at most two spaces between the number and its sign.
        end = spaces_start(text, sign.start(), most=2)
        if not text[end - 1:end].isdecimal():
            continue
        for at in _starts(text, number_start(text, end), g):
            if at >= last_end and (m := g.percent.match(text, at)) is not None:
                last_end = m.end()
                yield m
                break


def _starts(text: str, num: int, g: Grammar) -> list[int]:
    """Where a percentage whose number starts at `num` can start: at the low end of a
    range (`8,3 - 8,5%`, `từ 5 đến 10%`), then at the number."""
    connector = spaces_start(text, num)
    if text[connector - 1:connector] in ("-", "–", "—"):
        connector -= 1
    elif (word := g.range_before.match(text, max(0, connector - _LONGEST_WORD), connector)) is not None:
        connector = word.start("word")
    else:
        return [num]
    low_end = spaces_start(text, connector)
    return [number_start(text, low_end), num]


def _measure(text: str, m: regex.Match, index: SentenceIndex, g: Grammar,
             cues: dict[int, tuple[list[int], list[regex.Match]]]) -> str | None:
    """The `of` cue just after the percentage, else the last `measures` cue before it in
    its sentence. A sentence's cues are found once (kept in `cues` by sentence start), not
    once per percentage: a sentence listing n percentages would be read n times."""
    after = g.of.match(text, m.end())
    if after:
        return " ".join(after.group("cue").split())
    s, e = index.bounds(m.start())
    if s not in cues:
        found = list(g.measures.finditer(text, s, e))
        cues[s] = ([c.start() for c in found], found)
    starts, found = cues[s]
    i = bisect.bisect_left(starts, m.start())
    last = found[i - 1] if i else None
    if last is not None and last.end() > m.start():
        # a cue running over the number: the scan that stops at the number reads on
        # differently from here
        last = None
        for c in g.measures.finditer(text, s, m.start()):
            last = c
    return " ".join(last.group().split()).lower() if last else None
