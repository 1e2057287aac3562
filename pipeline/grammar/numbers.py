"""Numbers as Vietnamese documents write them: dot = thousands, comma = decimal.

English-language pages and some web copies write the opposite (comma = thousands, dot =
decimal). Most numbers say which convention they use by their shape (`1.066,4`,
`77.223.000.000`, `1.5`); only a single separator followed by exactly three digits
(`4,329`, `2.041`) is ambiguous, and that is where the document's convention decides.
Values are `Decimal`s parsed from the digits, never through float.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Literal

import regex

Convention = Literal["vi", "en"]

# A written number: digits with optional group and decimal separators. Thin spaces are
# not accepted as group separators because in running text they separate numbers.
NUMBER = r"\d+(?:[.,]\d+)*"
_NUMBER_RE = regex.compile(rf"[-−]?{NUMBER}")

# The tokens that can go on from a number to a unit or a range: a word, or one of these
# signs. Extractors whose units start otherwise cannot use tokens_after_numbers.
TOKEN_SIGNS = "-–—₫"
_TOKEN_AFTER_DIGIT = regex.compile(rf"\d\s*(\p{{L}}+|[{TOKEN_SIGNS}])")


@lru_cache(maxsize=2)
def tokens_after_numbers(text: str) -> tuple[regex.Match, ...]:
    """Every digit that is followed, across any white space, by a word or a sign: the
    only places where a number can have a unit (`46 nhà`, `2,5 tỷ`, `100₫`) or be the low
    end of a range (`2 - 5`). group(1) is the whole word, so looking it up in a set of
    first words stands for the full unit pattern at most numbers. Kept for the last texts:
    the money and figure grammars both scan the same document."""
    return tuple(_TOKEN_AFTER_DIGIT.finditer(text))


@dataclass(frozen=True)
class WrittenNumber:
    """A number as a text writes it: where it starts and its digits and separators (the
    spaces between its groups written as the separator it uses elsewhere, or left out)."""

    start: int
    number: str


_GROUP_SPACE = "[ \u00a0\u202f]"
_GROUP_SPACE_RE = regex.compile(_GROUP_SPACE)
# a number that is thousands groups ("500", "000", "050.000")
_THOUSANDS_GROUP = regex.compile(r"\d{3}(?:[.,]\d{3})*$")
_DIGIT_SPACE = regex.compile(rf"\d{_GROUP_SPACE}$")
# groups (1-3 digits, then groups of three parted by a separator or a space) and a space
_GROUPS_BEFORE_SPACE = regex.compile(
    rf"(?<![\d.,]|\d{_GROUP_SPACE})\d{{1,3}}(?:(?:[.,]|{_GROUP_SPACE})\d{{3}})*{_GROUP_SPACE}$")


def with_spaced_groups(text: str, start: int, number: str) -> WrittenNumber | None:
    """The number at `start` with the groups a space parts from it before ("1 500 000",
    "3.000 000": NUMBER stops at a space, which in running text parts numbers, so only its
    last groups were read). A zero group after a number it cannot go on ("năm 2024 000")
    is no number: None. Any other number is returned as it is ("01 tỷ" stands alone)."""
    if not (_THOUSANDS_GROUP.match(number) and _DIGIT_SPACE.search(text, max(0, start - 2), start)):
        return WrittenNumber(start, number)
    lead = _GROUPS_BEFORE_SPACE.search(text, max(0, start - 24), start)
    if lead is None:
        return None if number.startswith("0") else WrittenNumber(start, number)
    # the separator the number uses elsewhere, or none ("1 500" reads 1500 in either
    # convention, where "1.500" would be 1.5 on an English page)
    sep = "," if "," in lead.group() + number else "." if "." in lead.group() + number else ""
    return WrittenNumber(lead.start(), _GROUP_SPACE_RE.sub(sep, lead.group()) + number)


def number_start(text: str, end: int) -> int:
    """Where the run of digits, dots and commas that ends at `end` starts."""
    i = end
    while i > 0 and (text[i - 1].isdecimal() or text[i - 1] in ".,"):
        i -= 1
    return i


def digits_start(text: str, end: int) -> int:
    """Where the run of digits that ends at `end` starts."""
    i = end
    while i > 0 and text[i - 1].isdecimal():
        i -= 1
    return i


def spaces_start(text: str, end: int, most: int | None = None) -> int:
    """Where the run of white space that ends at `end` starts, taking at most `most`
    characters when given (str.isspace takes a few more than a regex `\\s`)."""
    i = end
    while i > 0 and text[i - 1].isspace() and (most is None or end - i < most):
        i -= 1
    return i


def shape_convention(text: str) -> Convention | None:
    """The convention a number's own shape proves, or None when it is ambiguous."""
    dots, commas = text.count("."), text.count(",")
    if dots and commas:
        return "vi" if text.rfind(",") > text.rfind(".") else "en"
    if dots > 1:
        return "vi"
    if commas > 1:
        return "en"
    if dots == 1:
        # A thousands group always has three digits; anything else makes the dot decimal.
        return None if _three_after(text, ".") else "en"
    if commas == 1:
        return None if _three_after(text, ",") else "vi"
    return None


def _three_after(text: str, sep: str) -> bool:
    head, tail = text.split(sep)
    return len(tail) == 3 and 1 <= len(head.lstrip("-−")) <= 3


def parse_number(text: str, convention: Convention = "vi") -> Decimal:
    """The exact value of a written number; `convention` settles `4,329`-like cases."""
    s = text.strip().replace(" ", "")
    if not _NUMBER_RE.fullmatch(s):
        raise ValueError(f"not a number: {text!r}")
    negative = s[0] in "-−"
    if negative:
        s = s[1:]
    conv = shape_convention(s) or convention
    group, decimal = (".", ",") if conv == "vi" else (",", ".")
    whole, _, frac = s.partition(decimal)
    digits = whole.replace(group, "")
    value = Decimal(f"{digits}.{frac}" if frac else digits)
    return -value if negative else value


def format_number(value: Decimal, convention: Convention = "vi", group: bool = True) -> str:
    """`value` written in `convention`: `Decimal('1066.4')` -> `1.066,4` (vi), `1,066.4` (en)."""
    sign = "-" if value < 0 else ""
    plain = format(abs(value), "f")
    whole, _, frac = plain.partition(".")
    group_sep, decimal_sep = (".", ",") if convention == "vi" else (",", ".")
    if group:
        whole = regex.sub(r"\B(?=(?:\d{3})+$)", group_sep, whole)
    return sign + whole + (decimal_sep + frac if frac else "")


@dataclass(frozen=True)
class ConventionVote:
    vi: int = 0
    en: int = 0

    @property
    def convention(self) -> Convention:
        # Vietnamese is the default: English needs more proof than Vietnamese has.
        return "en" if self.en > self.vi else "vi"


def decide_convention(numbers: Iterable[str], english_text: bool = False) -> ConventionVote:
    """Count how many numbers prove each convention; an English page gets one extra vote."""
    vi = en = 0
    for n in numbers:
        c = shape_convention(n.strip())
        if c == "vi":
            vi += 1
        elif c == "en":
            en += 1
    return ConventionVote(vi, en + (1 if english_text else 0))

