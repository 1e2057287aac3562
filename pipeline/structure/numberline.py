"""The header's anchors: the Quốc hiệu, a gazette line, the number line (`Số: 12/2024/QĐ-UBND`)
and the place-and-date line (`Lạng Sơn, ngày 5 tháng 3 năm 2024`)."""
from __future__ import annotations

from functools import cache, lru_cache

import regex

from ..grammar.date_grammar import date_words
from ..grammar.function_words import words as function_words
from ..text.fold import symbol_key
from .cells import Cell
from .vocab import letters_of, words

NUMBER_SCAN_CELLS = 40


@cache
def _national_letters() -> tuple[str, ...]:
    return tuple(letters_of(n) for n in words().national)


def is_national(cell: Cell) -> bool:
    return _national_text(cell.text)


@lru_cache(maxsize=4096)
def _national_text(text: str) -> bool:
    if len(text) > 60:
        return False
    letters = letters_of(text)
    # 4 letters: a web copy may wrap the Quốc hiệu after "CỘNG"
    return len(letters) >= 4 and any(letters in n for n in _national_letters())


@cache
def _gazette_re() -> regex.Pattern:
    alts = "|".join(regex.escape(g) for g in words().gazette)
    return regex.compile(r"^(?:" + alts + r")", regex.IGNORECASE)


def is_gazette(cell: Cell) -> bool:
    return bool(_gazette_re().match(cell.text))


# The number line: "Số: 12/2024/QĐ-UBND", "Luật số: 12/2024/QH15", "Số 05/KH-UBND".
NUMBER_LINE = regex.compile(
    r"^(?:(?:" + "|".join(map(regex.escape, words().number_kinds)) + r")\s+)?"
    r"(?i:" + regex.escape(function_words().number) + r")\s*(?::|\.|(?=\s*[\p{N}/]))\s*(?P<rest>.*)$")
# A symbol reads as r"[\p{L}\p{N}.]*(?:[/\-][\p{L}\p{N}.&]*)*[/\-][\p{L}\p{N}.&]*\p{L}[\p{L}\p{N}.&]*":
# parts joined by / or -, up to the last part after a joiner that holds a letter. _symbol
# reads it part by part (the pattern, on parts without a letter, backtracks over every
# part and pays for each step in proportion to the parts: n²).
_SYMBOL_FIRST = regex.compile(r"[\p{L}\p{N}.]*+(?=[/\-])")
_SYMBOL_PART = regex.compile(r"[/\-][\p{L}\p{N}.&]*+")
_LETTER = regex.compile(r"\p{L}")
_SPACED_JOINER = regex.compile(r"\s*([/\-\u2010-\u2015\u2212])\s*")
_DASH = regex.compile(r"[\u2010-\u2015\u2212]")
_OPEN_JOINER = regex.compile(r"[/\-]$")


def parse_symbol(rest: str) -> str | None:
    """The number/symbol at the start of `rest`, in the gold's stored form."""
    rest = _SPACED_JOINER.sub(r"\1", rest.strip())
    rest = _DASH.sub("-", rest)
    sym = _symbol(rest)
    if sym is None:
        return None
    return symbol_key(sym.rstrip(".,;:"))


def _symbol(rest: str) -> str | None:
    """The symbol `rest` starts with: its first part, then parts each after a joiner, up
    to the end of the last part that holds a letter (none: no symbol)."""
    first = _SYMBOL_FIRST.match(rest)
    if first is None:
        return None
    end = None
    pos = first.end()
    while (part := _SYMBOL_PART.match(rest, pos)) is not None:
        pos = part.end()
        if _LETTER.search(rest, part.start() + 1, pos):
            end = pos
    return rest[:end] if end is not None else None


def find_anchors(cells: list[Cell]) -> tuple[int | None, int | None, str | None, set[int]]:
    """(index of the number line, index of the Quốc hiệu, the number/symbol, the cells the
    number was read from) among the first cells."""
    number_idx = national_idx = None
    number = None
    number_cells: set[int] = set()
    for i, c in enumerate(cells[:NUMBER_SCAN_CELLS]):
        if c.rule or is_gazette(c):
            continue
        if national_idx is None and is_national(c):
            national_idx = i
        if number_idx is None:
            m = NUMBER_LINE.match(c.text)
            if m and (m.group("rest") or (i + 1 < len(cells))):
                rest = m.group("rest")
                taken = 0
                # the number on the next line (`Số:⏎44/2025/QĐ-CTUBND`), or the symbol
                # wrapped after a joiner (`3783/QĐ-⏎UBND`)
                while i + taken + 1 < len(cells) and taken < 2 and (
                        not rest or _OPEN_JOINER.search(rest)) and not cells[i + taken + 1].rule:
                    taken += 1
                    rest += cells[i + taken].text
                sym = parse_symbol(rest)
                if sym:
                    number_idx, number, number_cells = i, sym, set(range(i, i + taken + 1))
    return number_idx, national_idx, number, number_cells


def _alt(words: list[str]) -> str:
    return "(?:" + "|".join(r"\s+".join(map(regex.escape, w.split())) for w in words) + ")"


# The words of a date are the date grammar's (patterns/dates.toml); a header's date may
# leave its day blank (a draft) and mixes its separators, so it is read here.
_DAY, _MONTH, _YEAR = (_alt(w) for w in (date_words().words.day, date_words().words.month, date_words().words.year))
DATE = regex.compile(
    r"(?:(?P<place>[\p{L}][\p{L}\p{M} .'’\-]{0,40}?)\s*,\s*)?"
    rf"{_DAY}\s*(?:(?P<d>\d{{1,2}})\s*(?:{_MONTH}|[/.\-])|{_MONTH})\s*(?P<m>\d{{1,2}})?\s*(?:{_YEAR}|[/.\-])\s*(?P<y>\d{{4}})",
    regex.IGNORECASE)
_DAY_WORD = regex.compile(_DAY, regex.IGNORECASE)
# the most a DATE match reaches before its `ngày`: a place of 41 letters, a comma, and one
# whitespace character on each side of it
_PLACE_REACH = 44


def find_date(cells: list[Cell]) -> regex.Match | None:
    """The first place-and-date in the text of `cells`. DATE tries its lazy place at every
    letter; a match holds `ngày`, so the search starts just before the first one. Cell
    texts are single-spaced and joined by one newline, so no whitespace run is longer."""
    joined = "\n".join(c.text for c in cells)
    day = _DAY_WORD.search(joined)
    return DATE.search(joined, max(day.start() - _PLACE_REACH, 0)) if day else None


DATEISH = regex.compile(rf"(?i)\b{_DAY}\b|\b{_MONTH}\b|\b{_YEAR}\s+\d{{4}}")
_CITY = regex.compile(r"^(?:TP\.?|Tp\.?)\s*")
# The end of a number/symbol on the line before the place ("Số: 466/VBHN-BLĐTBXH Hà Nội,
# ngày …", a PDF's two header columns on one line): a token with "/" or a digit, or
# capitals joined by "-"; no place name has one.
_SYMBOL_BEFORE = regex.compile(r"^.*(?:\S*[/\p{N}]\S*|\p{Lu}[\p{Lu}.&]*-[\p{Lu}\p{N}.&-]+)\s+")


def parse_date(m: regex.Match) -> str:
    y, mo, d = m.group("y"), m.group("m"), m.group("d")
    if not mo:
        return y
    if not d:
        return f"{y}-{int(mo):02d}"
    return f"{y}-{int(mo):02d}-{int(d):02d}"


def place_and_date(m: regex.Match | None) -> tuple[str | None, str | None]:
    """(place, date) of a match of DATE; `TP.` is not part of the place's name."""
    if not m:
        return None, None
    place = None
    if m.group("place"):
        place = _CITY.sub("", _SYMBOL_BEFORE.sub("", m.group("place")).strip(" -*"))
    return place, parse_date(m)
