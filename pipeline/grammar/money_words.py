"""Money written in words: "30.000.000.000 đồng (Ba mươi tỷ đồng)", "(Bằng chữ: Bảy mươi
bảy tỷ, hai trăm hai mươi ba triệu đồng)", "Bằng chữ: Hai mươi triệu đồng chẵn."

parse_words reads a Vietnamese number in words (with its currency word or not) into an
int, strictly: a phrase that is not a well-formed number is None. find_word_amounts finds
amounts in words in the only two places official texts write them, so that money.py can
mark them as restatements of the figure before them: in a bracket right after a figure,
and after a "Bằng chữ:" label. The vocabulary is in patterns/money_words.toml.

Not read, on purpose (each is None): the colloquial short forms, which say another number
than their words ("một triệu năm", "hai trăm tư", "trăm nghìn", "triệu rưỡi"); "năm"
after "mười"/"mươi" ("mười năm" is ten years); "mốt" or "tư" after "mười"; "tỷ tỷ";
a scale under another one that is not tỷ ("nghìn triệu"); digits mixed with words.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache, cached_property

import regex
from pydantic import BaseModel, ConfigDict, field_validator, model_validator

from ..patterns import load
from ..text.prefilter import Prefiltered, register
from .money_grammar import alternation


class MoneyWordsPatterns(BaseModel):
    """patterns/money_words.toml (its header says what each key is), with what the parser
    derives from it."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    digits: dict[str, int]
    hundred: frozenset[str]
    ten: frozenset[str]
    tens: frozenset[str]
    zero_tens: frozenset[str]
    units_after_ten: dict[str, int]
    units_after_tens: dict[str, int]
    units_after_zero_tens: dict[str, int]
    scales: dict[str, int]
    joiners: list[str]
    currencies: list[str]
    currency_tail: list[str]
    end_marks: list[str]
    labels: list[str]
    figure_currencies: list[str]

    @field_validator("digits")
    @classmethod
    def _digits(cls, v: dict[str, int]) -> dict[str, int]:
        if any(not 0 <= d <= 9 for d in v.values()) or set(v.values()) != set(range(10)):
            raise ValueError("digit words must cover 0..9 and nothing else")
        return v

    @field_validator("units_after_ten", "units_after_tens", "units_after_zero_tens")
    @classmethod
    def _units(cls, v: dict[str, int]) -> dict[str, int]:
        if any(not 1 <= d <= 9 for d in v.values()):
            raise ValueError("a unit word is worth 1..9")
        return v

    @field_validator("scales")
    @classmethod
    def _scales(cls, v: dict[str, int]) -> dict[str, int]:
        if any(p <= 0 or p % 3 for p in v.values()):
            raise ValueError("a scale is a positive power of ten divisible by 3")
        return v

    @model_validator(mode="after")
    def _single_lower_words(self) -> MoneyWordsPatterns:
        for word in _number_words(self):
            if word != unicodedata.normalize("NFC", word).lower() or len(word.split()) != 1:
                raise ValueError(f"number word {word!r} must be one lower-case NFC word")
        return self

    @cached_property
    def top(self) -> int:
        """The largest scale's power: the one whose multiplier may hold smaller scales."""
        return max(self.scales.values())

    @cached_property
    def joiner_tokens(self) -> frozenset[str]:
        return frozenset(_tokens(" ".join(self.joiners)))

    @cached_property
    def tails(self) -> tuple[tuple[str, ...], ...]:
        """currency_tail as token sequences, longest first."""
        return tuple(sorted((tuple(_tokens(t)) for t in self.currency_tail), key=len, reverse=True))


def _number_words(p: MoneyWordsPatterns) -> set[str]:
    return {*p.digits, *p.hundred, *p.ten, *p.tens, *p.zero_tens, *p.units_after_ten,
            *p.units_after_tens, *p.units_after_zero_tens, *p.scales}


@dataclass(frozen=True)
class WordAmount:
    """An amount in words: start/end cover its first number word to the end of "đồng"."""

    start: int
    end: int
    vnd: int
    text: str


# --------------------------------------------------------------------- parsing
# A phrase's tokens: words, commas, and any other sign (which no rule accepts).
_TOKEN = regex.compile(r"[\p{L}\p{M}]+|,|[^\s\p{L}\p{M}]")


def _tokens(phrase: str) -> list[str]:
    return _TOKEN.findall(unicodedata.normalize("NFC", phrase).lower())


@cache
def _vocab() -> MoneyWordsPatterns:
    return load("money_words", MoneyWordsPatterns)


def _without_currency(words: list[str], v: MoneyWordsPatterns) -> list[str]:
    """The words before a final currency word and its tail ("đồng chẵn"); a tail with no
    currency word before it stays, and fails."""
    end = len(words)
    while True:
        tail = next((t for t in v.tails if 0 < len(t) < end and tuple(words[end - len(t):end]) == t), None)
        if tail is None:
            break
        end -= len(tail)
    if end and words[end - 1] in v.currencies:
        return words[:end - 1]
    return words


def _group(words: list[str], v: MoneyWordsPatterns, leading: bool, final: bool) -> int | None:
    """A group under 1000 ("hai trăm linh năm", "không trăm mười", "bảy mươi tư"). The
    number's leading group cannot start with "không trăm" or "linh"; a bare digit after
    "trăm", or ending the number after a scale, is a colloquial short form ("một trăm
    năm" is 150 when spoken, "một triệu năm" 1.5 million) and is refused."""
    value, hundreds, rest = 0, False, words
    if len(words) >= 2 and words[0] in v.digits and words[1] in v.hundred:
        if leading and v.digits[words[0]] == 0:
            return None
        value, hundreds, rest = v.digits[words[0]] * 100, True, words[2:]
    if not rest:
        return value if hundreds else None
    head = rest[0]
    if head in v.zero_tens:
        if leading and not hundreds:
            return None
        return value + v.units_after_zero_tens[rest[1]] if len(rest) == 2 and rest[1] in v.units_after_zero_tens else None
    if head in v.ten:
        if len(rest) == 1:
            return value + 10
        return value + 10 + v.units_after_ten[rest[1]] if len(rest) == 2 and rest[1] in v.units_after_ten else None
    if len(rest) >= 2 and rest[1] in v.tens and v.digits.get(head, 0) >= 2:
        tens = value + 10 * v.digits[head]
        if len(rest) == 2:
            return tens
        return tens + v.units_after_tens[rest[2]] if len(rest) == 3 and rest[2] in v.units_after_tens else None
    if len(rest) == 1 and v.digits.get(head, 0) > 0 and not hundreds and (leading or not final):
        return v.digits[head]
    return None


def _below_top(words: list[str], v: MoneyWordsPatterns, leading: bool) -> int | None:
    """A number with no top scale: groups with scales in falling order, then a last group."""
    total, last_power, group, first = 0, None, [], True
    for w in words:
        power = v.scales.get(w)
        if power is None:
            group.append(w)
            continue
        if last_power is not None and power >= last_power:
            return None
        g = _group(group, v, leading=leading and first, final=False)
        if not g:
            return None
        total, last_power, group, first = total + g * 10 ** power, power, [], False
    if group:
        g = _group(group, v, leading=leading and first, final=True)
        if not g:
            return None
        total += g
    elif first:
        return None
    return total


def parse_words(phrase: str) -> int | None:
    """The value of a Vietnamese number in words, with its currency word or not ("bảy mươi
    bảy tỷ, hai trăm hai mươi ba triệu đồng" -> 77_223_000_000); None unless the whole
    phrase is one well-formed number. Case and normalisation form do not matter."""
    v = _vocab()
    words = _without_currency(_tokens(phrase), v)
    # A comma or joiner may follow a scale word only, and must be followed by a number.
    kept: list[str] = []
    after_scale = False
    for w in words:
        if w == "," or w in v.joiner_tokens:
            if not after_scale:
                return None
            continue
        after_scale = w in v.scales
        kept.append(w)
    if not kept or (words and (words[-1] == "," or words[-1] in v.joiner_tokens)):
        return None
    if len(kept) == 1 and v.digits.get(kept[0]) == 0:
        return 0
    tops = [i for i, w in enumerate(kept) if v.scales.get(w) == v.top]
    if not tops:
        return _below_top(kept, v, leading=True)
    if len(tops) > 1:
        return None
    i = tops[0]
    multiplier = _below_top(kept[:i], v, leading=True)
    rest = _below_top(kept[i + 1:], v, leading=False) if i + 1 < len(kept) else 0
    if not multiplier or rest is None:
        return None
    return multiplier * 10 ** v.top + rest


# --------------------------------------------------------------------- finding
_NOT_WORD = r"(?![\p{L}\p{M}])"
_WORD_START = r"(?<![\p{L}\p{M}])"
_DECO = r"[\s*_]*"  # white space and markdown emphasis around a bracket's content


def _forms(words) -> set[str]:
    """Each word as NFC and NFD, so that text in either form matches."""
    return {f for w in words for f in (unicodedata.normalize("NFC", w), unicodedata.normalize("NFD", w))}


@dataclass(frozen=True)
class _Finder:
    bracketed: Prefiltered  # tried at a "(" or "["
    labelled: Prefiltered  # tried at a label
    figure_before: regex.Pattern  # searched in the text just before a bracket


@cache
def _finder() -> _Finder:
    p = load("money_words", MoneyWordsPatterns)
    words = _forms(_number_words(p))
    scale = alternation(_forms(p.scales))
    pieces = {
        "label": alternation(_forms(p.labels)),
        "words": (rf"(?P<words>{_WORD_START}{alternation(words)}{_NOT_WORD}"
                  rf"(?:(?:\s*,\s*|\s+)(?:{alternation(_forms(p.joiners))}\s+)?{alternation(words)}{_NOT_WORD})*)"),
        "currency": rf"\s+(?P<currency>{alternation(_forms(p.currencies))}){_NOT_WORD}",
        "tail": rf"(?:\s+{alternation(_forms(p.currency_tail))}{_NOT_WORD})*",
        "marks": rf"(?:[ \t*_]*{alternation(p.end_marks)})?",
        "deco": _DECO,
        "start": _WORD_START,
    }
    bracketed = regex.compile(
        r"[(\[]{deco}(?:{label}{deco}:?{deco})?{words}{currency}{tail}{marks}{deco}[)\]]".format(**pieces),
        regex.IGNORECASE)
    labelled = regex.compile(
        (r"{start}{label}{deco}:?{deco}{words}{currency}{tail}"
         r"(?=[ \t*_]*(?:[.,;:)\]/\n]|$))").format(**pieces),
        regex.IGNORECASE)
    # The figure a bracket restates: a number, then its scales or its currency or both
    # ("30 tỷ", "160.000 đồng", "31 tỷ 875 triệu đồng"), then its per-units ("/trẻ/tháng").
    currency = rf"{alternation(_forms(p.figure_currencies))}{_NOT_WORD}"
    figure_before = regex.compile(
        rf"\d(?:[\d.,]*\d)?{_DECO}(?:(?:{scale}{_NOT_WORD}{_DECO})+(?:{currency})?|{currency})"
        rf"(?:[ \t]*/[ \t]*[\p{{L}}\p{{M}}]+)*{_DECO}\Z",
        regex.IGNORECASE)
    return _Finder(
        bracketed=Prefiltered(bracketed, starts=("(", "[")),
        labelled=Prefiltered(labelled, starts=tuple(_forms(p.labels))),
        figure_before=figure_before,
    )


register("money.words.bracketed", lambda: _finder().bracketed)
register("money.words.labelled", lambda: _finder().labelled)


# How far back a bracket's figure may start.
_FIGURE_WINDOW = 80


def _amount(text: str, m: regex.Match) -> WordAmount | None:
    vnd = parse_words(m.group("words"))
    if vnd is None:
        return None
    start, end = m.start("words"), m.end("currency")
    return WordAmount(start=start, end=end, vnd=vnd, text=text[start:end])


def find_word_amounts(text: str) -> list[WordAmount]:
    """Amounts in words ending with "đồng", in a bracket right after a figure ("160.000 đồng
    (một trăm sáu mươi ngàn đồng)", "(Bằng chữ: …)") or after a "Bằng chữ:" label, in
    text order."""
    f = _finder()
    found: dict[tuple[int, int], WordAmount] = {}
    for m in f.bracketed.finditer(text):
        at = m.start()
        if not f.figure_before.search(text, max(0, at - _FIGURE_WINDOW), at):
            continue
        if (a := _amount(text, m)) is not None:
            found[a.start, a.end] = a
    for m in f.labelled.finditer(text):
        if (a := _amount(text, m)) is not None:
            found[a.start, a.end] = a
    return sorted(found.values(), key=lambda a: a.start)
