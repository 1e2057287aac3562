"""What an amount's sentence says about it: role and funding source (cue words from
patterns/money.toml, the last one before the amount in its clause), the project path it
falls under (`Dự án 1 > Tiểu dự án 2`), the period (read with pipeline.dates) and the
place."""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import regex

from ..dates import find_dates
from ..models import Amount
from . import base
from .money_grammar import cue_label, grammar


@dataclass(frozen=True)
class _Gated:
    """A pattern that opens with a lookbehind and a word in any case, with the stdlib gate
    of its first words (see base.lowered_finditer), searched in the short ranges an
    amount's context is read from."""

    pattern: regex.Pattern
    gate: re.Pattern

    def finditer(self, text: str, start: int, end: int) -> Iterator[regex.Match]:
        """The matches of pattern.finditer(text, start, end)."""
        return base.lowered_finditer(self.gate, self.pattern, text, start, end)


_PROJECT = regex.compile(
    r"(?<![\p{L}\p{M}])(?:(?P<tda>Tiểu\s+dự\s+án|TDA)\s*(?P<tda_n>\d{1,2})"
    r"|(?P<da>Dự\s+án|DA)\s*(?P<da_n>\d{1,2}(?:\.\d)?)"
    r"|(?P<nd>Nội\s+dung(?:\s+số)?)\s*(?P<nd_n>\d{1,2}))(?![\d\p{L}])",
    regex.IGNORECASE,
)
# Where each _PROJECT alternative can start in the lower-cased text, up to its number
# (see base.lowered_finditer): "dự" and "da" alone are in too many words. One pattern per
# first letter, which the stdlib engine searches for fast.
_PROJECT_GATE = (
    re.compile(r"tiểu\s+dự\s+án\s*\d|tda\s*\d"),
    re.compile(r"dự\s+án\s*\d|da\s*\d"),
    re.compile(r"nội\s+dung(?:\s+số)?\s*\d"),
)
_YEAR = r"(?:19|20)\d{2}"
_PERIOD = _Gated(regex.compile(
    rf"(?<![\p{{L}}\p{{M}}])(?:(?:lũy\s+kế\s+)?(?:đến\s+hết|đến|hết|trong)\s+)?(?:"
    rf"\d{{1,2}}\s+tháng\s+(?:đầu\s+|cuối\s+)?năm\s+{_YEAR}"
    rf"|quý\s+[IV]{{1,3}}(?:/|\s+năm\s+){_YEAR}"
    rf"|tháng\s+\d{{1,2}}(?:/|\s+năm\s+){_YEAR}"
    rf"|giai\s+đoạn\s+{_YEAR}\s*[-–]\s*{_YEAR}"
    rf"|năm\s+{_YEAR}(?:\s*[-–]\s*{_YEAR})?)(?!\d)",
    regex.IGNORECASE,
), re.compile(r"lũy|đến|hết|trong|\d{1,2}\s+tháng|quý|tháng|giai|năm"))  # its first words
_NAME = r"\p{Lu}[\p{Ll}\p{M}]*(?:[ ]\p{Lu}[\p{Ll}\p{M}]*){0,3}"
# "các xã Tân Tú, Lục Bình" lists several places: none of them is the amount's place.
_PLACE = _Gated(regex.compile(
    rf"(?<![\p{{L}}\p{{M}}])(?<!(?i:các|những)\s)(?:[Tt]ỉnh|[Hh]uyện|[Xx]ã|[Tt]hành\s+phố|[Tt]hị\s+xã|[Tt]hị\s+trấn|TP\.?)\s+(?P<name>{_NAME})"
), re.compile(r"tỉnh|huyện|xã|thành|thị|tp"))  # its first words


def _nearest(pattern: _Gated, text: str, start: int, cut: int, end: int) -> regex.Match | None:
    """The last match in text[start:cut], else the first in text[cut:end]."""
    last = None
    for m in pattern.finditer(text, start, cut):
        last = m
    if last is not None:
        return last
    return next(pattern.finditer(text, cut, end), None)


class ProjectIndex:
    """Where each `Dự án N > Tiểu dự án M > Nội dung số K` path starts to apply."""

    def __init__(self, text: str) -> None:
        self.offsets: list[int] = []
        self.paths: list[str] = []
        da = tda = nd = None
        for m in base.lowered_finditer(_PROJECT_GATE, _PROJECT, text):
            if m.group("da"):
                da, tda, nd = f"Dự án {m.group('da_n')}", None, None
            elif m.group("tda"):
                tda, nd = f"Tiểu dự án {m.group('tda_n')}", None
            else:
                nd = f"Nội dung số {m.group('nd_n')}"
            self.offsets.append(m.end())
            self.paths.append(" > ".join(x for x in (da, tda, nd) if x))

    def at(self, offset: int) -> str | None:
        i = bisect.bisect_right(self.offsets, offset) - 1
        return self.paths[i] if i >= 0 else None


class _SentencePeriods:
    """The period an amount's sentence names, normalised by pipeline.dates: `năm 2023` ->
    2023, `6 tháng đầu năm 2024` -> 2024-H1, `đến hết tháng 9/2023` -> ../2023-09-30,
    `giai đoạn 2021-2025` -> 2021-01-01/2025-12-31. The nearest before the amount wins,
    else the first after it. A bare calendar day is a document's date ("Quyết định … ngày
    23/3/2022"), not the period an amount covers, unless it is an "as of" limit. When the
    date grammar reads nothing, the phrase is kept as written."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.cache: dict[int, list[tuple[int, int, str]]] = {}

    def _spans(self, s: int, e: int) -> list[tuple[int, int, str]]:
        if s not in self.cache:
            spans = []
            for d in find_dates(self.text[s:e]):
                if d.value.granularity == "day":
                    continue
                spans.append((s + d.start, s + d.end, d.value.iso))
            # Outermost first: "đến hết tháng 9/2023" over the "tháng 9/2023" inside it.
            spans.sort(key=lambda x: (x[0], -x[1]))
            kept: list[tuple[int, int, str]] = []
            for span in spans:
                if not kept or span[0] >= kept[-1][1]:
                    kept.append(span)
            for m in _PERIOD.finditer(self.text, s, e):
                if not any(k[0] <= m.start() < k[1] for k in kept):
                    kept.append((m.start(), m.end(), " ".join(m.group().split())))
            self.cache[s] = sorted(kept)
        return self.cache[s]

    def at(self, s: int, e: int, offset: int) -> str | None:
        spans = self._spans(s, e)
        before = [x for x in spans if x[1] <= offset]
        if before:
            return before[-1][2]
        after = [x for x in spans if x[0] >= offset]
        return after[0][2] if after else None


def _gated_cue(cue: tuple[regex.Pattern, dict[str, str]]) -> _Gated:
    """A cue table's pattern (see money_grammar.cue_regex), gated by its cues' first words
    (the keys of its label map are lower case)."""
    pattern, label_of = cue
    firsts = {c.split()[0] for c in label_of}
    return _Gated(pattern, re.compile("|".join(re.escape(w) for w in sorted(firsts))))


@cache
def _cues() -> tuple[_Gated, _Gated | None, _Gated]:
    """The grammar's role, fallback role and funding source patterns, gated."""
    g = grammar()
    return (_gated_cue(g.roles), _gated_cue(g.fallback_roles) if g.fallback_roles else None,
            _gated_cue(g.sources))


def add_context(text: str, amounts: list[Amount], index: base.SentenceIndex) -> list[Amount]:
    g = grammar()
    projects = ProjectIndex(text) if amounts else None
    periods = _SentencePeriods(text)
    role_re, fallback_re, source_re = _cues()
    role_of, source_of = g.roles[1], g.sources[1]
    out = []
    for a in amounts:
        s, e = index.bounds(a.start)
        c = _clause_start(text, s, a.start)
        role = _last(role_re, text, c, a.start)
        role_label = cue_label(role, role_of) if role else None
        if role is None and fallback_re and (weak := _last(fallback_re, text, c, a.start)):
            role_label = cue_label(weak, g.fallback_roles[1])
        source = _last(source_re, text, c, a.start)
        period = periods.at(s, e, a.start)
        place = _nearest(_PLACE, text, s, a.start, e)
        total = role_label == "total"
        out.append(a.model_copy(update={
            "role": "other" if total or role_label is None else role_label,
            "total": total,
            "funding_source": cue_label(source, source_of) if source else None,
            "project": projects.at(a.start),
            "period": period,
            "place": " ".join(place.group().split()) if place else None,
        }))
    return out


_CLAUSE_MARKS = regex.compile(r"[;()]")


def _clause_start(text: str, start: int, end: int) -> int:
    """After the last `;` outside parentheses: a semicolon starts a new clause with its
    own subject (`…giải ngân 807,463 triệu đồng; vốn đầu tư: … 14.302 triệu đồng`), but
    the parts listed inside `(ngân sách trung ương: …; ngân sách địa phương: …)` still
    belong to the clause that opened the parenthesis."""
    depth, cut = 0, start
    for m in _CLAUSE_MARKS.finditer(text, start, end):
        ch, i = m.group(), m.start()
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch == ";" and depth == 0:
            cut = i + 1
    return cut


def _last(pattern: _Gated, text: str, start: int, end: int) -> regex.Match | None:
    """The last cue before the amount, skipping asides in parentheses that close before it:
    `(các xã … công trình được giao); vốn đầu tư: 14.302 triệu đồng` is not allocated."""
    last = None
    for m in pattern.finditer(text, start, end):
        tail = text[m.end():end]
        if tail.count(")") > tail.count("(") and text.rfind("(", start, m.start()) > text.rfind(")", start, m.start()):
            continue
        last = m
    return last
