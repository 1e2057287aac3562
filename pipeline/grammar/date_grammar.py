"""The date grammar: the word lists of patterns/dates.toml and the regular expression
assembled from them, one alternative per form, with the year and opener scans that
pipeline.grammar.date_parser.find_dates uses to try it only where an expression can be."""
from __future__ import annotations

import re
from collections.abc import Iterable

import regex
from pydantic import BaseModel, ConfigDict, Field

from .. import patterns


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


@patterns.per_file("dates")
def date_words(name: str) -> DateWords:
    words = patterns.load(name, DateWords)
    bad = {k: v for k, v in words.weekdays.items() if not 1 <= v <= 7}
    bad |= {k: v for k, v in words.quarters.items() if not 1 <= v <= 4}
    if bad:
        raise patterns.PatternError(f"{name}.toml: values out of range: {bad}")
    return words


# -------------------------------------------------------------------- grammar
def _alt(words: Iterable[str]) -> str:
    """An alternation of phrases, longest first, any white space between their words."""
    phrases = sorted({w.strip() for w in words if w.strip()}, key=len, reverse=True)
    return "(?:" + "|".join(r"\s+".join(map(regex.escape, p.split())) for p in phrases) + ")"


def _word(words: Iterable[str]) -> str:
    """An alternation that starts and ends on word boundaries."""
    return r"(?<!\w)" + _alt(words) + r"(?!\w)"


class DateGrammar:
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

        def PHRASES(*groups: Iterable[str]) -> set[str]:
            return {" ".join(p.casefold().split()) for grp in groups for p in grp}

        DIGIT = {"#"}
        # Which phrases can open each alternative ("#" = a digit); see find_dates.
        opens = {
            "asof": PHRASES(lists.as_of),
            "rverb": PHRASES(lists.range_from, lists.day),
            "rnum": PHRASES(lists.range_from, lists.day) | DIGIT,
            "date": PHRASES(w.weekdays, lists.at, w.parts_of_day, lists.day) | DIGIT,
            "draft": PHRASES(lists.day),
            "month": PHRASES(lists.month),
            "quarter": PHRASES(lists.quarter),
            "nmonths": PHRASES(w.numbers) | DIGIT,
            "period": PHRASES(lists.period, lists.year) | DIGIT,
            "span": PHRASES(lists.range_from, lists.year),
            "years": PHRASES(lists.year),
        }
        # What may follow the one or two digits an expression opens with: a date's
        # separator and month, a range's or a list's connector, a clock's ":", "h" or
        # "giờ", or "tháng" (of a verbal date or a count of months). Word boundaries are
        # left out: a gate may let through more than the patterns accept, never less.
        DIGIT_NEXT = (rf"[/.]\d{{1,2}}(?!\d)|\s*(?:[-–—:h,]|{_alt(lists.time_hour)})"
                      rf"|\s+(?:{_alt(lists.month)}|{_alt(lists.range_to)}|{_alt(lists.list_and)})")
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
        self.pattern = _alternation(alternatives, list(alternatives))
        # One day alone, read where it is written ("ngày 23/3/2022" after a citation).
        self.day = _alternation(alternatives, ["date"])
        # Every alternative contains a year and opens with a digit or a known phrase, so
        # find_dates tries the pattern, near each year, only at the tokens that can open it.
        # A glued pair (20212025: pdftotext dropped a line-end hyphen) counts as a year too.
        # A year is a whole run of digits; one followed by "/" is a document number's
        # (12/2022/NĐ-CP) and ends no expression. One stdlib pattern per century: a scan
        # for a fixed "19" or "20" runs several times as fast as one for either.
        self.years = tuple(re.compile(century + r"(?<!\d" + century + r")\d\d(?:(?:19|20)\d\d)?(?![\d/])")
                           for century in ("19", "20"))
        first_word = {p: p.split(" ")[0] for p in set().union(*opens.values())}
        # A number opens an expression only as a day, month, hour or count of one or two
        # digits followed by what DIGIT_NEXT allows, or as the first year of "2021-2025";
        # "499/QĐ", "1216", "12 Nghị định" and a document number's "19/2003/TT-BTC" are
        # never tried. A word opens one only when the rest of one of its phrases follows
        # ("chủ nhật", not "chủ tịch"). No lookbehind here, so the engine can skip ahead;
        # the patterns tried check the boundaries. Both forms share their first digit, so
        # that the stdlib engine can skip ahead to the next digit before trying either.
        digits = rf"\d(?:\d?(?={DIGIT_NEXT})|(?:(?<=1)9|(?<=2)0)\d\d(?=\s*[-–—]))"
        words = {token: _opener_word(token, [p for p, f in first_word.items() if f == token])
                 for token in sorted(set(first_word.values())) if token != "#"}
        self.openers = regex.compile("|".join([digits, *words.values()]), regex.IGNORECASE)
        # The same tokens for lower-cased text, one stdlib pattern for the digits and one
        # per first letter: the stdlib engine scans lower-cased text several times as fast
        # as the regex module scans it ignoring case, and a pattern that opens with one
        # fixed letter faster still. (Where the two engines' \s and \w differ, a token
        # found or missed is one the patterns tried there reject anyway: they check the
        # same boundaries again.)
        by_letter: dict[str, list[str]] = {}
        for token, pattern in words.items():
            by_letter.setdefault(token[0], []).append(pattern)
        self.lowered_openers = (re.compile(digits),
                                *(re.compile("|".join(p)) for _, p in sorted(by_letter.items())))
        self.quarters = {k.casefold(): v for k, v in w.quarters.items()}
        self.numbers = {k.casefold(): v for k, v in w.numbers.items()}
        self.weekdays = {" ".join(k.casefold().split()): v for k, v in w.weekdays.items()}
        self.parts = {k.casefold(): v for k, v in w.parts_of_day.items()}
        self.last_words = {x.casefold() for x in lists.last}
        self.range_words = {x.casefold() for x in lists.range_to}


def _alternation(alternatives: dict[str, str], names: list[str]) -> regex.Pattern:
    """The named alternatives, in the order given (which decides the one that wins)."""
    return regex.compile("|".join(f"(?P<{n}>{alternatives[n]})" for n in names), regex.IGNORECASE)


def _opener_word(word: str, phrases: list[str]) -> str:
    """A pattern for a word that opens `phrases`: followed by the rest of one of them
    unless one is the word alone."""
    rests = sorted({p[len(word):].strip() for p in phrases}, key=len, reverse=True)
    if "" in rests:
        return regex.escape(word) + r"(?!\w)"
    return regex.escape(word) + r"(?=\s+(?:" + "|".join(r"\s+".join(map(regex.escape, r.split())) for r in rests) + "))"


@patterns.per_file("dates")
def grammar(name: str) -> DateGrammar:
    return DateGrammar(date_words(name))
