"""Dates and periods in Vietnamese official text: the date grammar's parser.

Independent of spaCy: `find_dates(text)` returns every temporal expression with its
offsets, `parse_date(text)` the value of one expression. The word lists live in
patterns/dates.toml; pipeline.grammar.date_grammar assembles the regular expression from named
pieces, one alternative per form (eyecite style), and the whole text is scanned once.

Forms (../shared/docs/DOMAIN.md §3): `23/3/2022`, `04-11-2023`, `23.3.2022`,
`ngày 23 tháng 3 năm 2022` (line breaks allowed between words), `Thứ bảy, 04/11/2023 22:05`,
`Sáng ngày 14/9/2023`, ranges whose first end inherits month or year (`từ ngày 16/7 đến
ngày 18/7/2024`, `16-18/7/2024`, `ngày 08 đến ngày 09 tháng 11 năm 2025`, `ngày 20 và
21/11/2025`), drafts with a blank day (`ngày tháng 8 năm 2024`), months (`tháng 8/2024`),
quarters (`quý IV/2024`), halves and first-N-months (`6 tháng đầu năm 2024`), multi-year
periods (`giai đoạn 2021-2025`, `từ năm 2021 đến năm 2025`), years (`năm 2022, 2023`) and
"as of" limits (`đến hết tháng 12/2022`, `tính đến ngày 30/6/2024`).

Every accepted expression contains a four-digit year: a bare `05/11` (a fraction in
`05/11 huyện`) or `tháng 01 hằng năm` (a cadence) never becomes a date, and a text with
no year is skipped without running the full pattern.

This module turns the grammar's matches into values.
"""
from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import date
from typing import Literal

import regex
from pydantic import BaseModel, ConfigDict, Field

from .date_grammar import DateGrammar, grammar
from ..models import Mention

Granularity = Literal["day", "month", "quarter", "half", "year", "period", "as_of"]


# ---------------------------------------------------------------- result types
class DateValue(BaseModel):
    """One temporal expression's meaning: the interval it names and how precisely."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    start: date | None = Field(description="first day covered; None for an 'as of' limit")
    end: date = Field(description="last day covered")
    granularity: Granularity
    raw: str = Field(description="the expression as written")
    weekday: int | None = Field(None, description="ISO weekday when one is written")
    part_of_day: str | None = Field(None, description="morning/afternoon/… when written")
    time: str | None = Field(None, description="HH:MM when a clock time is written")

    @property
    def iso(self) -> str:
        """The value at its own precision: 2024-07-16, 2024-08, 2024-Q4, 2024-H1, 2024,
        2021-01-01/2025-12-31 (an interval), ../2022-12-31 (as of)."""
        s, e = self.start, self.end
        match self.granularity:
            case "day":
                return e.isoformat()
            case "month":
                return f"{e.year:04d}-{e.month:02d}"
            case "quarter":
                return f"{e.year:04d}-Q{(e.month + 2) // 3}"
            case "half":
                return f"{e.year:04d}-H{1 if e.month <= 6 else 2}"
            case "year":
                return f"{e.year:04d}"
            case "as_of":
                return f"../{e.isoformat()}"
        return f"{s.isoformat() if s else '..'}/{e.isoformat()}"

    @property
    def weekday_matches(self) -> bool | None:
        """Whether a written weekday agrees with the date (None when there is none)."""
        if self.weekday is None or self.granularity != "day":
            return None
        return self.end.isoweekday() == self.weekday


class DateSpan(Mention):
    """A temporal expression found in a text: offsets, surface text and value."""

    value: DateValue
    inherited: bool = Field(False, description="month or year taken from the other end of a range")

    @property
    def granularity(self) -> Granularity:
        return self.value.granularity


# --------------------------------------------------------------------- values
def _last_day(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _day(d: str | int, m: str | int, y: str | int) -> date | None:
    try:
        return date(int(y), int(m), int(d))
    except ValueError:  # 31/2, month 13: not a date
        return None


def _month(m: str | int, y: str | int) -> tuple[date, date] | None:
    m, y = int(m), int(y)
    if not 1 <= m <= 12:
        return None
    return date(y, m, 1), _last_day(y, m)


def _quarter(q: int, y: str | int) -> tuple[date, date]:
    y = int(y)
    return date(y, 3 * q - 2, 1), _last_day(y, 3 * q)


def _year(y: str | int) -> tuple[date, date]:
    return date(int(y), 1, 1), date(int(y), 12, 31)


class Builder:
    """Turns one match into spans; the handlers share its text and match."""

    def __init__(self, g: DateGrammar, text: str, m: regex.Match) -> None:
        self.g, self.text, self.m = g, text, m
        # Groups are read by number: the regex module looks a name up far more slowly
        # than this dict does (the one-day pattern numbers its groups otherwise).
        self.number = m.re.groupindex
        self.out: list[DateSpan] = []

    def emit(self, start: int, end: int, first: date | None, last: date,
             granularity: Granularity, inherited: bool = False, **extra) -> None:
        raw = self.text[start:end]
        self.out.append(DateSpan(
            text=raw, start=start, end=end, inherited=inherited,
            value=DateValue(start=first, end=last, granularity=granularity, raw=raw, **extra),
        ))

    def group(self, name: str) -> str | None:
        return self.m.group(self.number[name])

    def span(self, name: str) -> tuple[int, int]:
        return self.m.span(self.number[name])

    # One numeric or verbal day whose groups carry `p`; the span starts at a "ngày"
    # group `n` only for the verbal form, as the gold writes "ngày 17 tháng 11 năm 2025".
    def day(self, p: str, n: str | None = None, **extra) -> date | None:
        d = _day(self.group(p + "d"), self.group(p + "m"), self.group(p + "y"))
        if d is None:
            return None
        start, end = self.span(p + "d")[0], self.span(p + "y")[1]
        if n and self.group(n) is not None:
            start = self.span(n)[0]
        self.emit(start, end, d, d, "day", **extra)
        return d

    def handle(self) -> None:
        getattr(self, "_" + self.m.lastgroup)()

    def _date(self) -> None:
        g = self.group
        hh, mi = (g("tbhh"), g("tbmi")) if g("tbhh") else (g("tahh"), g("tami"))
        weekday, part_of_day = g("wd"), g("pod")
        extra = {
            "weekday": self.g.weekdays.get(" ".join(weekday.casefold().split())) if weekday else None,
            "part_of_day": self.g.parts.get(part_of_day.casefold()) if part_of_day else None,
            "time": f"{int(hh):02d}:{mi}" if hh else None,
        }
        if g("dvd"):
            self.day("dv", "dn", **extra)
        else:
            self.day("d", **extra)

    def _range(self, p: str, verbal: bool) -> None:
        """Two days joined by đến/-/và/','; the first end may lack month and year."""
        g, m = self.group, self.m
        second = _day(g(p + "2d"), g(p + "2m"), g(p + "2y"))
        conn = g(p + "conn").strip(" \n,").casefold()
        is_range = conn in ("-", "–", "—") or " ".join(conn.split()).split(" ")[0] in self.g.range_words
        # A list joined by "và" or "," needs "ngày"/"từ" before it: without, `11/11, 12/12/2020`
        # may be a fraction and a date.
        anchored = is_range or g(p + "n") is not None or g(p + "from") is not None
        d1, m1, y1 = g(p + "1d"), g(p + "1m"), g(p + "1y")
        first, inherited = None, False
        if y1:
            first = _day(d1, m1, y1)
        elif second and anchored:
            inherited = True
            first = _day(d1, m1 or second.month, second.year)
            if first and first > second:
                # "30/12 đến 02/01/2025" crosses a year; "30 đến 02/1" a month.
                if m1:
                    first = _day(d1, m1, second.year - 1)
                else:
                    prev = date(second.year, second.month, 1).toordinal() - 1
                    pm = date.fromordinal(prev)
                    first = _day(d1, pm.month, pm.year)
        s1, e1 = self.span(p + "1")
        if verbal and g(p + "n") is not None:
            s1 = self.span(p + "n")[0]
        if first:
            self.emit(s1, e1, first, first, "day", inherited=inherited)
        if second:
            self.emit(*self.span(p + "2"), second, second, "day")
        if first and second and is_range and first <= second:
            self.emit(m.start(), m.end(), first, second, "period")

    def _rverb(self) -> None:
        self._range("v", verbal=True)

    def _rnum(self) -> None:
        self._range("r", verbal=False)

    def _draft(self) -> None:
        m, y = self.group("xm"), self.group("xy")
        if m:
            span = _month(m, y)
            if span:
                self.emit(self.m.start(), self.m.end(), *span, "month")
        else:
            self.emit(self.m.start(), self.m.end(), *_year(y), "year")

    def _month_span(self, p: str, start: int, end: int) -> tuple[date, date] | None:
        span = _month(self.group(p + "mm"), self.group(p + "my"))
        if span:
            self.emit(start, end, *span, "month")
        return span

    def _quarter_span(self, p: str, start: int, end: int) -> tuple[date, date]:
        span = _quarter(self.g.quarters[self.group(p + "q").casefold()], self.group(p + "qy"))
        self.emit(start, end, *span, "quarter")
        return span

    def _month(self) -> None:
        self._month_span("m", self.m.start(), self.m.end())

    def _quarter(self) -> None:
        self._quarter_span("q", self.m.start(), self.m.end())

    def _nmonths(self) -> None:
        g = self.group
        n = int(g("nn")) if g("nn").isdigit() else self.g.numbers[g("nn").casefold()]
        y = int(g("ny"))
        if not 1 <= n <= 12:
            return
        edge = g("nedge")
        if edge and edge.casefold() in self.g.last_words:
            first, last = date(y, 13 - n, 1), date(y, 12, 31)
        else:
            first, last = date(y, 1, 1), _last_day(y, n)
        kind: Granularity = "half" if n == 6 else "quarter" if n == 3 else "year" if n == 12 else "period"
        self.emit(self.m.start(), self.m.end(), first, last, kind)

    def _years_between(self, a: str, b: str) -> None:
        y1, y2 = int(a), int(b)
        # 2021-2025 is a period; 2025-2021 or 1990-2050 is not one a plan would name.
        if y1 < y2 <= y1 + 50:
            self.emit(self.m.start(), self.m.end(), date(y1, 1, 1), date(y2, 12, 31), "period")

    def _period(self) -> None:
        g = self.group
        self._years_between(g("p1") or g("g1"), g("p2") or g("g2"))

    def _span(self) -> None:
        self._years_between(self.group("f1"), self.group("f2"))

    def _years(self) -> None:
        m = self.m
        first_year, more_years = self.number["y1"], self.number["yn"]
        starts = [m.start(first_year)] + m.starts(more_years)
        ends = [m.end(first_year)] + m.ends(more_years)
        first_start = m.start()
        for i, (s, e) in enumerate(zip(starts, ends)):
            # The first year's span keeps its "năm"; later ones are the bare numbers.
            self.emit(first_start if i == 0 else s, e, *_year(self.text[s:e]), "year")

    def _asof(self) -> None:
        g, m = self.group, self.m
        s, e = self.span("acore")
        if g("avd"):
            last = self.day("av", "an")
        elif g("ad"):
            last = self.day("a")
        elif g("amm"):
            span = self._month_span("a", s, e)
            last = span[1] if span else None
        elif g("aq"):
            last = self._quarter_span("a", s, e)[1]
        else:
            last = _year(g("ayy"))[1]
            self.emit(s, e, *_year(g("ayy")), "year")
        if last:
            self.emit(m.start(), m.end(), None, last, "as_of")


# ------------------------------------------------------------------ public API
def _order(span: DateSpan) -> tuple[int, int]:
    return span.start, -span.end


# An expression starts at most BEFORE characters ahead of its first year ("Chủ nhật, lúc 8
# giờ 30 phút, sáng ngày 14 tháng 9 năm 2023" is 55; drafts pad blanks with dots).
BEFORE = 120
# No expression is longer than this (a range of two verbal dates is about 60).
LONGEST = 300

def _windows(g: DateGrammar, text: str) -> Iterator[tuple[int, int]]:
    """Stretches that can hold an expression: up to BEFORE characters ahead of each year,
    merged where they touch."""
    lo = hi = -1
    for year in sorted(m.start() for scan in g.years for m in scan.finditer(text)):
        s = max(0, year - BEFORE)
        if s > hi:
            if hi > lo:
                yield lo, hi
            lo = s
        hi = year + 1
    if hi > lo:
        yield lo, hi


def _openers(g: DateGrammar, text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The tokens in text[lo:hi] that can open an expression, as (start, end) in order.
    Each scan goes on after its token's end, as one scan for all of them would: a token
    never starts inside another (a word or a run of digits)."""
    low = text[lo:hi].lower()
    if len(low) != hi - lo:
        # A letter whose lower case is longer ("İ") shifts every offset after it.
        return [m.span() for m in g.openers.finditer(text, lo, hi)]
    # Lookaheads see no further than the window here (the regex module's see past endpos).
    # The window ends one character into a year, so that lets through at most a number
    # like the "5" of "5/2025", whose try fails anyway.
    found = [(lo + m.start(), lo + m.end()) for scan in g.lowered_openers for m in scan.finditer(low)]
    found.sort()
    return found


def find_dates(text: str, g: DateGrammar | None = None) -> list[DateSpan]:
    """Every temporal expression in `text`, in order of start (the widest first when two
    start together: a range's period before its first day), read with the grammar of
    patterns/dates.toml unless `g` is given."""
    # The same matches as g.pattern.finditer(text), found much faster: the pattern is
    # tried only at the tokens that can open an expression, within BEFORE characters ahead
    # of a year. Lookbehinds still see the text before each try, so a try inside a word or
    # a number fails as it would in a full scan.
    g = g or grammar()
    found: list[DateSpan] = []
    done = 0
    for lo, hi in _windows(g, text):
        pos = max(lo, done)
        for start, end in _openers(g, text, pos, hi):
            if start < pos:
                continue
            pos = end
            if start < done or (start and text[start - 1].isdigit()):
                continue
            # endpos bounds the regex module's search for required literals, which would
            # otherwise read to the end of the text on every try.
            m = g.pattern.match(text, start, start + LONGEST)
            if m:
                b = Builder(g, text, m)
                b.handle()
                found.extend(b.out)
                done = m.end()
                # The scan resumes after the expression, as it would after skipping the
                # openers inside it; only one ending in a letter ("8 giờ 30 phút") could
                # end inside an opener, which the scan must then go on from.
                if not text[done - 1].isalpha():
                    pos = max(pos, done)
    found.sort(key=_order)
    return found


def day_at(text: str, pos: int, endpos: int) -> DateSpan | None:
    """The day written at `pos` and ending before `endpos` ("ngày 23/3/2022", "ngày 23
    tháng 3 năm 2022"), read by the grammar's one-day form alone; None where no valid
    day stands there."""
    g = grammar()
    m = g.day.match(text, pos, endpos)
    if m is None:
        return None
    b = Builder(g, text, m)
    b.handle()
    return b.out[0] if b.out else None


def parse_date(text: str) -> DateValue | None:
    """The value of the first expression in `text` (its widest reading): the header date in
    "Lạng Sơn, ngày 23 tháng 3 năm 2022", the month of a draft's "ngày tháng 8 năm 2024"."""
    spans = find_dates(text)
    return spans[0].value if spans else None


__all__ = ["DateSpan", "DateValue", "Granularity", "day_at", "find_dates", "parse_date"]
