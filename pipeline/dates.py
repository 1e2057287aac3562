"""Dates and periods in Vietnamese official text: the grammar and its parser.

Independent of spaCy: `find_dates(text)` returns every temporal expression with its
offsets, `parse_date(text)` the value of one expression. The word lists live in
patterns/dates.toml; the regular expression is assembled here from named pieces, one
alternative per form (eyecite style), and the whole text is scanned once.

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
"""
from __future__ import annotations

import calendar
from collections.abc import Iterable, Iterator
from datetime import date
from functools import cache
from typing import Literal

import regex
from pydantic import BaseModel, ConfigDict, Field

from . import patterns
from .models import Mention

Granularity = Literal["day", "month", "quarter", "half", "year", "period", "as_of"]


# ------------------------------------------------------------------ word lists
class DateWordLists(BaseModel):
    model_config = ConfigDict(extra="forbid")

    day: list[str]
    month: list[str]
    year: list[str]
    quarter: list[str]
    period: list[str]
    as_of: list[str]
    range_from: list[str]
    range_to: list[str]
    list_and: list[str]
    first: list[str]
    last: list[str]
    time_hour: list[str]
    time_minute: list[str]
    at: list[str]
    end_of: list[str]


class DateWords(BaseModel):
    """The schema of patterns/dates.toml."""

    model_config = ConfigDict(extra="forbid")

    blank_fillers: str
    weekdays: dict[str, int] = Field(description="written name -> ISO weekday")
    parts_of_day: dict[str, str]
    quarters: dict[str, int]
    numbers: dict[str, int]
    words: DateWordLists


@cache
def date_words() -> DateWords:
    words = patterns.load("dates", DateWords)
    bad = {k: v for k, v in words.weekdays.items() if not 1 <= v <= 7}
    bad |= {k: v for k, v in words.quarters.items() if not 1 <= v <= 4}
    if bad:
        raise patterns.PatternError(f"dates.toml: values out of range: {bad}")
    return words


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


# -------------------------------------------------------------------- grammar
def _alt(words: Iterable[str]) -> str:
    """An alternation of phrases, longest first, any white space between their words."""
    phrases = sorted({w.strip() for w in words if w.strip()}, key=len, reverse=True)
    return "(?:" + "|".join(r"\s+".join(map(regex.escape, p.split())) for p in phrases) + ")"


def _word(words: Iterable[str]) -> str:
    """An alternation that starts and ends on word boundaries."""
    return r"(?<!\w)" + _alt(words) + r"(?!\w)"


class _Grammar:
    """The assembled pattern. Group names carry a prefix per alternative so that one
    piece (a numeric date, a time) can appear in several alternatives."""

    def __init__(self, w: DateWords) -> None:
        lists = w.words
        self.words = w
        YEAR = r"(?:19|20)\d\d"
        DAY_W, MONTH_W, YEAR_W = _word(lists.day), _word(lists.month), _word(lists.year)
        QUARTER_W, PERIOD_W = _word(lists.quarter), _word(lists.period)
        TO, AND, FROM = _word(lists.range_to), _word(lists.list_and), _word(lists.range_from)
        AT, END_OF = _word(lists.at), _word(lists.end_of)
        HOUR, MINUTE = _word(lists.time_hour), _alt(lists.time_minute)
        WEEKDAY, POD = _word(w.weekdays), _word(w.parts_of_day)
        QNUM = _alt(w.quarters) + r"(?!\w)"
        NUMBER = _word(w.numbers)
        FIRST_LAST = "(?P<{p}edge>" + _word(lists.first) + "|" + _word(lists.last) + ")"
        AS_OF = _word(lists.as_of)
        FILL = "[" + regex.escape(w.blank_fillers) + r"\s]"
        # Between month and "năm": space, or a comma some writers put there.
        BEFORE_YEAR = r"(?:\s*,\s*|\s+)" + YEAR_W + r"\s+"
        # A month/quarter joined to its year: "8/2024", "8-2024", "8 năm 2024".
        JOIN = r"(?:\s*[/\-]\s*|" + BEFORE_YEAR + ")"
        # A date ends where no digit, slash or decimal continues it (not 2019/QH14).
        YEAR_END = r"(?![\d/]|[.,]\d)"

        def num(p: str) -> str:
            # One separator throughout: 23/3/2022, 04-11-2023, 23.3.2022.
            return (rf"(?<![\d/.,])(?P<{p}d>\d{{1,2}})(?P<{p}s>[/.\-])(?P<{p}m>\d{{1,2}})"
                    rf"(?P={p}s)(?P<{p}y>{YEAR}){YEAR_END}")

        def verbal(p: str) -> str:
            return (rf"(?<!\d)(?P<{p}d>\d{{1,2}})\s+{MONTH_W}\s+(?P<{p}m>\d{{1,2}})"
                    rf"{BEFORE_YEAR}(?P<{p}y>{YEAR}){YEAR_END}")

        def clock(p: str) -> str:
            return (rf"(?<!\d)(?P<{p}hh>[01]?\d|2[0-3])\s*(?::|h|{HOUR}\s*)(?P<{p}mi>[0-5]\d)"
                    rf"(?!\d)(?:\s*{MINUTE})?")

        def month(p: str) -> str:
            return rf"{MONTH_W}\s+(?P<{p}mm>\d{{1,2}}){JOIN}(?P<{p}my>{YEAR}){YEAR_END}"

        def quarter(p: str) -> str:
            return rf"{QUARTER_W}\s+(?P<{p}q>{QNUM}){JOIN}(?P<{p}qy>{YEAR}){YEAR_END}"

        def year(p: str) -> str:
            return rf"{YEAR_W}\s+(?P<{p}yy>{YEAR}){YEAR_END}"

        # Connectors of a range (đến, -) and of a list (và, ","); the kind decides whether
        # the two ends also make a period.
        RANGE_CONN = rf"(?:\s*[-–—]\s*|\s+{TO}\s+(?:{END_OF}\s+)?(?:{DAY_W}\s*)?)"
        LIST_CONN = rf"(?:\s+{AND}\s+(?:{DAY_W}\s*)?|\s*,\s*(?:{DAY_W}\s*)?)"

        def FIRST(*groups: Iterable[str]) -> set[str]:
            return {p.split()[0].casefold() for grp in groups for p in grp}

        DIGIT = {"#"}
        # Which tokens can open each alternative ("#" = a digit); see find_dates.
        opens = {
            "asof": FIRST(lists.as_of),
            "rverb": FIRST(lists.range_from, lists.day),
            "rnum": FIRST(lists.range_from, lists.day) | DIGIT,
            "date": FIRST(w.weekdays, lists.at, w.parts_of_day, lists.day) | DIGIT,
            "draft": FIRST(lists.day),
            "month": FIRST(lists.month),
            "quarter": FIRST(lists.quarter),
            "nmonths": FIRST(w.numbers) | DIGIT,
            "period": FIRST(lists.period, lists.year) | DIGIT,
            "span": FIRST(lists.range_from, lists.year),
            "years": FIRST(lists.year),
        }
        alternatives = {
            # tính đến ngày 30/6/2024, đến hết tháng 12/2022, đến hết năm 2025
            "asof": rf"{AS_OF}\s+(?:(?P<an>{DAY_W})\s*)?"
                    rf"(?P<acore>{verbal('av')}|{num('a')}|{month('a')}|{quarter('a')}|{year('a')})",
            # ngày 08 đến ngày 09 tháng 11 năm 2025; ngày 16 tháng 7 đến ngày 18 tháng 7 năm 2024
            "rverb": rf"(?:(?P<vfrom>{FROM})\s+)?(?P<vn>{DAY_W})\s*"
                     rf"(?P<v1>(?P<v1d>\d{{1,2}})(?:\s+{MONTH_W}\s+(?P<v1m>\d{{1,2}})"
                     rf"(?:{BEFORE_YEAR}(?P<v1y>{YEAR}))?)?)(?!\d)"
                     rf"(?P<vconn>{RANGE_CONN}|{LIST_CONN})"
                     rf"(?P<v2>{verbal('v2')})",
            # từ ngày 16/7 đến ngày 18/7/2024; 16-18/7/2024; ngày 20 và 21/11/2025
            "rnum": rf"(?:(?P<rfrom>{FROM})\s+)?(?:(?P<rn>{DAY_W})\s*)?"
                    rf"(?P<r1>(?<![\d/.,])(?P<r1d>\d{{1,2}})(?:(?P<r1s>[/.\-])(?P<r1m>\d{{1,2}})"
                    rf"(?:(?P=r1s)(?P<r1y>{YEAR}))?)?)(?!\d)"
                    rf"(?P<rconn>{RANGE_CONN}|{LIST_CONN})"
                    rf"(?P<r2>{num('r2')})",
            # Thứ bảy, 04/11/2023 22:05; Sáng ngày 14/9/2023; ngày 23 tháng 3 năm 2022
            "date": rf"(?:(?P<wd>{WEEKDAY})\s*,?\s*)?"
                    rf"(?:(?:{AT}\s+)?{clock('tb')}\s*,?\s*)?"
                    rf"(?:(?P<pod>{POD})\s+)?"
                    rf"(?:(?P<dn>{DAY_W})\s*)?"
                    rf"(?P<dcore>{verbal('dv')}|{num('d')})"
                    rf"(?:\s*,?\s*(?:{AT}\s+)?{clock('ta')})?",
            # a draft's blank day (and maybe month): ngày   tháng 8 năm 2024
            "draft": rf"{DAY_W}{FILL}+{MONTH_W}(?:\s+(?P<xm>\d{{1,2}}))?{FILL}+{YEAR_W}\s+"
                     rf"(?P<xy>{YEAR}){YEAR_END}",
            "month": month("m"),
            "quarter": quarter("q"),
            # 6 tháng đầu năm 2024, 9 tháng đầu năm 2023, 10 tháng năm 2025
            "nmonths": rf"(?<![\w.,])(?P<nn>\d{{1,2}}|{NUMBER})\s+{MONTH_W}\s+"
                       rf"(?:{FIRST_LAST.format(p='n')}\s+)?{YEAR_W}\s+(?P<ny>{YEAR}){YEAR_END}",
            # giai đoạn 2021-2025, 2021 – 2025, giai đoạn 20212025 (a lost line-end hyphen)
            "period": rf"(?:(?:{PERIOD_W}|{YEAR_W})\s*:?\s*)?(?<![\d/.,\-])(?P<p1>{YEAR})\s*[-–—]\s*"
                      rf"(?P<p2>{YEAR}){YEAR_END}"
                      rf"|{PERIOD_W}\s+(?P<g1>{YEAR})(?P<g2>{YEAR}){YEAR_END}",
            # từ năm 2021 đến năm 2025
            "span": rf"(?:{FROM}\s+)?{YEAR_W}\s+(?P<f1>{YEAR})\s+{TO}\s+(?:{END_OF}\s+)?"
                    rf"{YEAR_W}\s+(?P<f2>{YEAR}){YEAR_END}",
            # năm 2022, 2023
            "years": rf"{YEAR_W}\s+(?P<y1>{YEAR}){YEAR_END}"
                     rf"(?:(?:\s*,\s*|\s+{AND}\s+)(?:{YEAR_W}\s+)?(?P<yn>{YEAR}){YEAR_END})*",
        }
        assert opens.keys() == alternatives.keys()
        self.pattern = regex.compile(
            "|".join(f"(?P<{name}>{body})" for name, body in alternatives.items()),
            regex.IGNORECASE,
        )
        # Every alternative contains a year and opens with a digit or a known word, so
        # find_dates tries, near each year, only the tokens that can open one, each with
        # the smaller pattern of the alternatives it can open (same order, same result).
        # A glued pair (20212025: pdftotext dropped a line-end hyphen) counts as a year too.
        self.year = regex.compile(r"(?<!\d)(?:19|20)\d\d(?:(?:19|20)\d\d)?(?!\d)")
        self.by_opener: dict[str, regex.Pattern] = {}
        for token in set().union(*opens.values()):
            names = [n for n in alternatives if token in opens[n]]
            self.by_opener[token] = regex.compile(
                "|".join(f"(?P<{n}>{alternatives[n]})" for n in names), regex.IGNORECASE)
        words = sorted(t for t in self.by_opener if t != "#")
        # A number opens an expression only as a day, month, hour or count of one or two
        # digits followed by a separator, or as the first year of "2021-2025"; "499/QĐ"
        # and "1216" are never tried. No lookbehind here, so the engine can skip ahead to
        # the next digit or word; the patterns tried check the boundaries.
        self.openers = regex.compile(
            r"\d{1,2}(?=[/.\-–—:h\s,])|(?:19|20)\d\d(?=\s*[-–—])"
            r"|(?:" + "|".join(map(regex.escape, words)) + r")(?!\w)",
            regex.IGNORECASE)
        self.quarters = {k.casefold(): v for k, v in w.quarters.items()}
        self.numbers = {k.casefold(): v for k, v in w.numbers.items()}
        self.weekdays = {" ".join(k.casefold().split()): v for k, v in w.weekdays.items()}
        self.parts = {k.casefold(): v for k, v in w.parts_of_day.items()}
        self.last_words = {x.casefold() for x in lists.last}
        self.range_words = {x.casefold() for x in lists.range_to}


@cache
def grammar() -> _Grammar:
    return _Grammar(date_words())


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


class _Builder:
    """Turns one match into spans; the handlers share its text and match."""

    def __init__(self, g: _Grammar, text: str, m: regex.Match) -> None:
        self.g, self.text, self.m = g, text, m
        self.out: list[DateSpan] = []

    def emit(self, start: int, end: int, first: date | None, last: date,
             granularity: Granularity, inherited: bool = False, **extra) -> None:
        raw = self.text[start:end]
        self.out.append(DateSpan(
            text=raw, start=start, end=end, inherited=inherited,
            value=DateValue(start=first, end=last, granularity=granularity, raw=raw, **extra),
        ))

    def group(self, name: str) -> str | None:
        return self.m.group(name)

    # One numeric or verbal day whose groups carry `p`; the span starts at a "ngày"
    # group `n` only for the verbal form, as the gold writes "ngày 17 tháng 11 năm 2025".
    def day(self, p: str, n: str | None = None, **extra) -> date | None:
        d = _day(self.group(p + "d"), self.group(p + "m"), self.group(p + "y"))
        if d is None:
            return None
        start, end = self.m.span(p + "d")[0], self.m.span(p + "y")[1]
        if n and self.group(n) is not None:
            start = self.m.start(n)
        self.emit(start, end, d, d, "day", **extra)
        return d

    def handle(self) -> None:
        getattr(self, "_" + self.m.lastgroup)()

    def _date(self) -> None:
        g = self.group
        hh, mi = (g("tbhh"), g("tbmi")) if g("tbhh") else (g("tahh"), g("tami"))
        extra = {
            "weekday": self.g.weekdays.get(" ".join(g("wd").casefold().split())) if g("wd") else None,
            "part_of_day": self.g.parts.get(g("pod").casefold()) if g("pod") else None,
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
        s1, e1 = m.span(p + "1")
        if verbal and g(p + "n") is not None:
            s1 = m.start(p + "n")
        if first:
            self.emit(s1, e1, first, first, "day", inherited=inherited)
        if second:
            s2 = m.start(p + "2")
            self.emit(s2, m.end(p + "2"), second, second, "day")
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
        starts = [m.start("y1")] + m.starts("yn")
        ends = [m.end("y1")] + m.ends("yn")
        first_start = m.start()
        for i, (s, e) in enumerate(zip(starts, ends)):
            # The first year's span keeps its "năm"; later ones are the bare numbers.
            self.emit(first_start if i == 0 else s, e, *_year(self.text[s:e]), "year")

    def _asof(self) -> None:
        g, m = self.group, self.m
        s, e = m.span("acore")
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

def _windows(g: _Grammar, text: str) -> Iterator[tuple[int, int]]:
    """Stretches that can hold an expression: up to BEFORE characters ahead of each year,
    merged where they touch. A year followed by "/" is a document number's (12/2022/NĐ-CP)
    and ends no expression."""
    lo = hi = -1
    for m in g.year.finditer(text):
        e = m.end()
        if e < len(text) and text[e] == "/":
            continue
        s = max(0, m.start() - BEFORE)
        if s > hi:
            if hi > lo:
                yield lo, hi
            lo = s
        hi = m.start() + 1
    if hi > lo:
        yield lo, hi


def find_dates(text: str) -> list[DateSpan]:
    """Every temporal expression in `text`, in order of start (the widest first when two
    start together: a range's period before its first day)."""
    # The same matches as g.pattern.finditer(text), found much faster: the pattern is
    # tried only at the tokens that can open an expression, within BEFORE characters ahead
    # of a year. Lookbehinds still see the text before each try, so a try inside a word or
    # a number fails as it would in a full scan.
    g = grammar()
    found: list[DateSpan] = []
    done = 0
    for lo, hi in _windows(g, text):
        for opener in g.openers.finditer(text, max(lo, done), hi):
            start = opener.start()
            if start < done or (start and text[start - 1].isdigit()):
                continue
            word = opener.group()
            pattern = g.by_opener["#" if word.isdigit() else word.casefold()]
            # endpos bounds the regex module's search for required literals, which would
            # otherwise read to the end of the text on every try.
            m = pattern.match(text, start, start + LONGEST)
            if m:
                b = _Builder(g, text, m)
                b.handle()
                found.extend(b.out)
                done = m.end()
    found.sort(key=_order)
    return found


def iter_days(text: str) -> Iterator[DateSpan]:
    """The full calendar days only (what the gold counts as dates)."""
    return (s for s in find_dates(text) if s.value.granularity == "day")


def parse_date(text: str) -> DateValue | None:
    """The value of the first expression in `text` (its widest reading): the header date in
    "Lạng Sơn, ngày 23 tháng 3 năm 2022", the month of a draft's "ngày tháng 8 năm 2024"."""
    spans = find_dates(text)
    return spans[0].value if spans else None


__all__ = ["DateSpan", "DateValue", "DateWords", "Granularity", "date_words", "find_dates",
           "iter_days", "parse_date"]
