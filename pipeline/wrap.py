"""Reading across a line break that continues a phrase, and parting words glued together.

Web copies and PDF text break lines in the middle of a phrase ("Tây⏎Ninh, ngày …",
"**QUYẾT⏎ĐỊNH**", "… sản xuất, kinh⏎doanh"), and lose the space between two words where
a break was dropped ("tháng11", "khuthuộc"). The text keeps its lines: each reader of a
phrase asks `continues` whether the break after a line goes on with the same phrase, so
the offsets it reports still point at the text. Glued words are parted by the normaliser
(`glue_points`), whose offset map keeps the inserted spaces pointing into the original.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache

import regex
from pydantic import BaseModel

from . import patterns


class WrapWords(BaseModel):
    connectors: list[str]
    openers: list[str]
    place_date: list[str]
    date_words: list[str]
    after_symbol: list[str]
    initials: list[str]
    finals: list[str]


@cache
def words() -> WrapWords:
    return patterns.load("wrap", WrapWords)


# a line that opens a list item or a numbered unit starts something new
_ITEM = regex.compile(r"^(?:[-+•–]\s|\d{1,2}[.)]\s|[a-zđ]\)\s|\([ivx]+\)\s)")
_EMPHASIS = regex.compile(r"\*+")
# The markup and spacing around a line's words, for str.strip: the regex module's \s
# (Unicode White_Space) spelt out, and the markdown marks. A substitution tried every
# character of a line for the trailing run.
_MARKUP = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" \
          "\u2028\u2029\u202f\u205f\u3000*_#>|\\"
_SENTENCE_END = (".", ";", ":", "!", "?")


@cache
def _connector_end() -> tuple[regex.Pattern, int]:
    """A line's end on a word no phrase ends on, and how far before the end such a word
    can start: the pattern is searched there, not tried at every character of the line."""
    alts = sorted((regex.escape(w) for w in words().connectors), key=len, reverse=True)
    pattern = regex.compile(r"(?i)(?:(?<![\p{L}\p{N}])(?:" + "|".join(alts) + r")|[,\-–&])$")
    return pattern, max(1, *map(len, words().connectors))


@cache
def _opener() -> regex.Pattern:
    alts = sorted((regex.escape(w) for w in words().openers), key=len, reverse=True)
    return regex.compile(r"(?i)^(?:" + "|".join(alts) + r")(?![\p{L}])")


# the start of a place name cut by a break: a few words, the first and last capitalised,
# nothing but letters ("Tây", "Thành phố Hồ Chí"); not in capitals (an issuer line), no
# punctuation (the motto "Độc lập - Tự do - Hạnh phúc", a number line)
_PLACE_HEAD = regex.compile(r"^\p{Lu}[\p{L}\p{M}]*(?: [\p{L}\p{M}]+){0,3}$")
_LAST_CAPITALISED = regex.compile(r"(?:^| )\p{Lu}[\p{L}\p{M}]*$")


@cache
def _place_date_tail() -> regex.Pattern:
    """The rest of a place name, a comma and the place-and-date word ("Ninh, ngày")."""
    alts = "|".join(regex.escape(w) for w in words().place_date)
    return regex.compile(r"(?i)^\p{Lu}[\p{L}\p{M}]*(?: \p{Lu}[\p{L}\p{M}]*){0,2}\s*,\s*(?:"
                         + alts + r")(?![\p{L}])")


def _place_cut(a: str, b: str) -> bool:
    """Whether a place-and-date line is cut inside its place name ("Tây⏎Ninh, ngày …")."""
    return bool(_PLACE_HEAD.match(a) and _LAST_CAPITALISED.search(a) and not is_upper(a)
                and _place_date_tail().match(b))


def emphasis_open(raw: str) -> bool:
    """Whether a markdown line leaves a `*`/`**` span open: an odd number of marker runs."""
    return "*" in raw and len(_EMPHASIS.findall(raw)) % 2 == 1


def is_upper(s: str) -> bool:
    """Whether `s` has letters and none in lower case: the first lower-case letter
    decides, most often one of a line's first."""
    letter = False
    for c in s:
        if c.isalpha():
            if c.islower():
                return False
            letter = True
    return letter


def weight_changes(line: str, next_line: str) -> bool:
    """Whether the weight changes at the break between two markdown lines: a bold or italic
    span closes at the end of the line and the next goes on plain, or the next line opens
    a span after a plain one ("… TỈNH⏎CAO BẰNG⏎**CHỦ TỊCH …**")."""
    return line.rstrip().endswith("*") != next_line.lstrip().startswith("*")


def continues(line: str, next_line: str) -> bool:
    """Whether the break between two lines (as written, markup and all) falls inside one
    phrase: the next line goes on in lower case after one that is not in capitals, the
    line ends on a word no phrase ends on, a place name is cut before its `, ngày`, or a bold
    or italic span runs on over the break between lines of the same case. A change of
    weight at the break parts two phrases whatever the words ("CAO BẰNG" ends on the word
    "bằng")."""
    a, b = line.strip(_MARKUP), next_line.strip(_MARKUP)
    if not a or not b or _ITEM.match(b) or a.endswith(_SENTENCE_END) or _opener().match(b) \
            or weight_changes(line, next_line):
        return False
    upper = is_upper(a)
    # a line in capitals over one in lower case is a type line over its trích yếu
    if b[0].islower() and not upper:
        return True
    connector_end, reach = _connector_end()
    if connector_end.search(a, max(0, len(a) - reach)) or _place_cut(a, b):
        return True
    return emphasis_open(line) and emphasis_open(next_line) and upper == is_upper(b)


def phrase_lines(lines: list[str], first: int = 0) -> int:
    """The index of the last of `lines` from `first` on that the phrase starting on line
    `first` runs to."""
    last = first
    while last + 1 < len(lines) and continues(lines[last], lines[last + 1]):
        last += 1
    return last


# ---- glued words -----------------------------------------------------------------------

_VOWELS = "aăâeêioôơuưy"
_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
_VIETNAMESE_MARKS = set("ăâđêôơư" + _TONE_MARKS)
_VOWEL_RUN = regex.compile("[" + _VOWELS + "]+")


@cache
def _syllable() -> regex.Pattern:
    """One written syllable, lower case without its tone: an initial, a vowel run of one to
    three letters, a final; `gi` and `qu` may stand before a vowel run as the initial."""
    w = words()
    initials = sorted(w.initials, key=len, reverse=True)
    finals = sorted(w.finals, key=len, reverse=True)
    return regex.compile(r"(?:" + "|".join(initials) + r")?[" + _VOWELS + r"]{1,3}(?:"
                         + "|".join(finals) + r")?")


def _toneless(s: str) -> str:
    """`s` lower-cased with its tone marks removed (ă, â, ê, ô, ơ, ư and đ kept)."""
    decomposed = unicodedata.normalize("NFD", s.lower())
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))


def _tones(s: str) -> int:
    return sum(c in _TONE_MARKS for c in unicodedata.normalize("NFD", s))


def is_syllable(s: str) -> bool:
    """Whether `s` is spelt as one Vietnamese syllable (at most one tone mark)."""
    return _tones(s) <= 1 and _syllable().fullmatch(_toneless(s)) is not None


def _vietnamese(s: str) -> bool:
    return any(c in _VIETNAMESE_MARKS for c in unicodedata.normalize("NFD", s.lower()))


def syllable_split(token: str) -> int | None:
    """Where a run of letters that is two Vietnamese syllables written without a space
    parts ("đồngđối" -> 4, "khuthuộc" -> 3), or None. The consonants between the two vowel
    runs go to the second syllable as far as they make its initial ("khu|thuộc", not
    "khut|huộc"); both halves must be syllables and one must carry a Vietnamese letter or
    tone, so foreign words and names ("Silicon", "Huawei") stay whole."""
    if len(token) < 4 or is_syllable(token) or not _vietnamese(token):
        return None
    camel = _CAMEL.search(token)
    if camel is not None:
        cut = camel.start()
        return cut if is_syllable(token[:cut]) and is_syllable(token[cut:]) else None
    low = _toneless(token)
    runs = [m.span() for m in _VOWEL_RUN.finditer(low)]
    # qu and gi hold a vowel letter in their initial: one vowel run more than syllables
    if len(runs) < 2:
        return None
    for first_end, second_start in zip((e for _, e in runs), (s for s, _ in runs[1:])):
        for cut in range(first_end, second_start + 1):
            left, right = token[:cut], token[cut:]
            if len(left) > 1 and len(right) > 1 and is_syllable(left) and is_syllable(right):
                return cut
    return None


# Where words may be glued, found by the stdlib engine from a literal or a character class
# the pattern starts with (a lookbehind first, a case-insensitive alternation or the regex
# module each took as long as the rest of normalisation); the words and their case are
# checked in `glue_points`.
_COMMA_THEN_LETTERS = re.compile(r",(?=[^\W\d_]{2})")
_SYMBOL_PART = re.compile(r"[/\-]([^\W_]{2,})$")


@cache
def _date_forms() -> tuple[str, ...]:
    """The date words in lower, capitalised and upper case, longest first."""
    forms = {f for w in words().date_words for f in (w.lower(), w.capitalize(), w.upper())}
    return tuple(sorted(forms, key=len, reverse=True))


_LETTER = re.compile(r"[^\W\d_]")


@cache
def _digit_or_capital(foreign_digits: bool) -> re.Pattern:
    """A digit with a letter before or after it ("tháng11", "15tháng"), or a capital glued
    to a word that follows a symbol ("TT-BYTngày"). One scan from one character class: a
    scan per kind, each from its own class or alternation, took twice as long. In a text
    without `foreign_digits` (a digit other than 0-9) the class spells its digits out: the
    engine tests every character against it, and \\d asks Unicode's tables each time."""
    after = "|".join(re.escape(x) for x in sorted(words().after_symbol, key=len, reverse=True))
    first = r"[\dA-ZĐ]" if foreign_digits else "[0-9A-ZĐ]"
    return re.compile(first + r"(?:(?<=\d)(?:(?<=[^\W\d_]\d)|(?=[^\W\d_]))"
                      r"|(?<=[A-ZĐ])(?:" + after + r")(?![^\W\d_]))")


@cache
def _date_words() -> frozenset[str]:
    return frozenset(w.lower() for w in words().date_words)


# A run of letters with two vowel runs, the only kind that may be two syllables: found by
# the stdlib engine, which scans a long text several times faster.
_VOWEL_CHARS = "".join(sorted({unicodedata.normalize("NFC", v + t) for v in _VOWELS + _VOWELS.upper()
                                for t in ("",) + tuple(_TONE_MARKS)}))
_TWO_RUNS = re.compile(r"[" + _VOWEL_CHARS + r"][^\W\d_" + _VOWEL_CHARS + r"]+[" + _VOWEL_CHARS + r"]")
# the whole run of letters around such a match, which must not be part of a symbol, an
# address or a number ("PM2.5", "a@b.vn", "QĐ-TTg")
_RUN_BEFORE = re.compile(r"[^\W\d_]*$")
_RUN_AFTER = re.compile(r"[^\W\d_]*")
_NOT_A_WORD_NEXT = frozenset("/-@._0123456789")
# a capital after a lower-case letter starts the second word ("nềnHệ")
_CAMEL = regex.compile(r"(?<=\p{Ll})\p{Lu}")


def _two_syllable_runs(text: str) -> Iterator[tuple[int, str]]:
    """(start, letters) of each whole run of letters holding two vowel runs."""
    done = 0
    for m in _TWO_RUNS.finditer(text):
        if m.start() < done:
            continue
        start = _RUN_BEFORE.search(text, max(0, m.start() - 16), m.start()).start()
        end = _RUN_AFTER.match(text, m.end()).end()
        done = end
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if before not in _NOT_A_WORD_NEXT and after not in _NOT_A_WORD_NEXT:
            yield start, text[start:end]


def glue_points(text: str, foreign_digits: bool = True) -> Iterator[int]:
    """Offsets in `text`, in order, where a space was lost between two words;
    `foreign_digits`: whether the text may hold a decimal digit other than 0-9."""
    points = set()
    dates = _date_words()
    forms = _date_forms()
    for m in _digit_or_capital(foreign_digits).finditer(text):
        at = m.start()
        if not text[at].isdecimal():
            # a symbol's last part, in capitals, glued to the word after it ("TT-BYTngày")
            part = _SYMBOL_PART.search(text, max(0, at - 24), at + 1)
            if part is not None and part.group(1)[-2:].isalpha() and part.group(1).isupper():
                points.add(at + 1)
            continue
        if at and _LETTER.match(text, at - 1):
            # a date word glued to the number after it ("tháng11"): the longest form ending
            # here, not itself after a letter
            form = next((f for f in forms if text.endswith(f, 0, at)), None)
            if form is not None and not (at > len(form) and _LETTER.match(text, at - len(form) - 1)):
                points.add(at)
        if _LETTER.match(text, at + 1):
            word = _RUN_AFTER.match(text, at + 1).group()
            if word.lower() in dates:
                points.add(at + 1)                            # "15tháng"
    for m in _COMMA_THEN_LETTERS.finditer(text):
        # a comma with no space after it between two lower-case words ("năng,nhiệm")
        if text[m.start() - 2:m.start()].isalpha() and text[m.start() - 1].islower() \
                and text[m.end():m.end() + 2].islower():
            points.add(m.end())
    for start, run in _two_syllable_runs(text):
        cut = syllable_split(run)
        if cut is not None:
            points.add(start + cut)
    return iter(sorted(points))
