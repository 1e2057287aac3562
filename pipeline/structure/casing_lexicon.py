"""The lexicon of re-casing (patterns/casing.toml, with the sector names of
patterns/bodies.toml), compiled once for each mode: a body's name or a trích yếu. casing.py
paints a line's letters from it."""
from __future__ import annotations

from functools import cache

import regex
from pydantic import BaseModel, Field

from .. import patterns
from ..grammar.doctypes import doc_types
from ..grammar.function_words import words as function_words
from ..grammar.symbols import issuer_codes
from .vocab import levels, words

_BOUND_L, _BOUND_R = r"(?<![\p{L}\p{N}])", r"(?![\p{L}\p{N}])"


class CasingWords(BaseModel):
    proper: list[str]
    heads: list[str]
    name_heads: list[str]
    positions_in_titles: list[str]
    numbered: list[str]
    named: list[str]
    name_after: list[str]
    roman_after: list[str]
    roman_syllables: list[str]
    places: list[str]
    places_after_level: list[str]
    one_body_ends: list[str]
    family_names: list[str]
    honorifics: list[str]
    name_stops: list[str]


class _Named(BaseModel):
    name: str
    variants: list[str] = Field(default_factory=list)


class _Sectors(BaseModel):
    """The sector names of patterns/bodies.toml (the rest of that file is not read here;
    its body names hold kinds as well as names: "Công ty cổ phần")."""
    sector: list[_Named]


@cache
def casing_words() -> CasingWords:
    return patterns.load("casing", CasingWords)


_CAPITAL_SIGMA = "\u03a3"


def lower_letters(s: str) -> str:
    """Lower case letter by letter, so offsets stay those of `s`. str.lower gives the same
    but where a letter's lower case is longer (İ) or depends on the next letter (a final
    capital sigma), and lowers a whole line in one call."""
    low = s.lower()
    if len(low) == len(s) and _CAPITAL_SIGMA not in s:
        return low
    return "".join(lo if len(lo := c.lower()) == 1 else c for c in s)


def _phrase_alt(phrases) -> str:
    """Lower-cased phrases as an alternation, longest first; spaces match any run of
    spaces, and a dash or comma any spacing around it."""
    def one(p: str) -> str:
        out = []
        for part in regex.split(r"(\s*[-,]\s*|\s+)", lower_letters(p)):
            if not part:
                continue
            if part.isspace():
                out.append(r"\s+")
            elif part.strip() in ("-", ","):
                out.append(r"\s*" + regex.escape(part.strip()) + r"\s*")
            else:
                out.append(regex.escape(part))
        return "".join(out)
    return "|".join(one(p) for p in sorted(set(phrases), key=len, reverse=True))


_SPACING = regex.compile(r"\s+")
_SPACED_MARK = regex.compile(r"\s*([-,])\s*")


def phrase_key(s: str) -> str:
    return _SPACED_MARK.sub(r"\1", _SPACING.sub(" ", lower_letters(s)))


class Lexicon:
    """The compiled lexicon for one mode (a body's name or a trích yếu)."""

    def __init__(self, name: bool):
        w = casing_words()
        sectors = patterns.load("bodies", _Sectors).sector
        sector_names = [n for s in sectors for n in (s.name, *s.variants)]
        positions = [*w.positions_in_titles, *(words().positions if name else ())]
        phrases = [*w.proper, *positions, *w.name_after,
                   *(f"{h} {s}" for h in w.heads for s in sector_names)]
        self.cased: dict[str, str] = {}
        for p in phrases:        # a name before its variants
            self.cased.setdefault(phrase_key(p), p)
        self.phrase = regex.compile(_BOUND_L + "(?:" + _phrase_alt(phrases) + ")" + _BOUND_R)
        self.name_after = {phrase_key(p) for p in w.name_after}
        ends = tuple(lower_letters(e) for e in w.one_body_ends)
        one_body = [p for p in w.proper if p != lower_letters(p) and lower_letters(p).endswith(ends)]
        self.one_body = regex.compile(_BOUND_L + "(?:" + _phrase_alt(one_body) + ")" + _BOUND_R)
        self.bodies = {phrase_key(p) for p in w.proper if p != lower_letters(p)}
        small = function_words()
        number = regex.escape(small.number) + _BOUND_R
        self.number = regex.compile(number)
        kinds = {n for t in doc_types() for n in (t.name, *t.words)}
        self.kind = regex.compile(_BOUND_L + "(?:" + _phrase_alt(kinds | set(w.numbered)) + ")"
                                  + r"(?=\s+(?:" + number + r"|[^\s]*\p{N}))")
        self.named = regex.compile(_BOUND_L + "(?:" + _phrase_alt(w.named) + r")\s+(?=\p{L})")
        self.levels = regex.compile(_BOUND_L + "(?:" + _phrase_alt(levels()) + r")(?:\s+|(?<=\.)|$)")
        every_place = [*w.places, *w.places_after_level]
        self.place = regex.compile("(?:" + _phrase_alt(every_place) + ")" + _BOUND_R)
        self.places = {phrase_key(p): p for p in every_place}
        self.place_anywhere = regex.compile(_BOUND_L + "(?:" + _phrase_alt(w.places) + ")" + _BOUND_R)
        self.family = regex.compile(r"\s+(?:" + _phrase_alt(w.family_names) + ")" + _BOUND_R)
        self.name_stops = frozenset(lower_letters(x) for x in w.name_stops)
        self.honorific = regex.compile(_BOUND_L + "(?:" + _phrase_alt(w.honorifics) + ")" + _BOUND_R)
        self.head = regex.compile("(?:" + _phrase_alt(w.name_heads) + ")" + _BOUND_R)
        self.heads = {phrase_key(h): h for h in w.name_heads}
        self.name_start = regex.compile(r"\s+" + regex.escape(small.and_) + r"\s+|"
                                        + _BOUND_L + "(?:" + _phrase_alt(positions) + r")\s+")
        self.roman_after = regex.compile("(?:" + _phrase_alt(w.roman_after) + r")\s+$")
        self.roman_syllables = frozenset(w.roman_syllables)
        self.name = name


@cache
def lexicon(name: bool) -> Lexicon:
    return Lexicon(name)


@cache
def code_case() -> dict[str, str]:
    """Upper-cased symbol code -> its written form, for the codes not all upper-case (TTg,
    CTr, QyĐ); a code written two ways is left as the symbol writes it."""
    codes = [t.code for t in doc_types()] + [t for g in issuer_codes().tokens.values() for t in g]
    table: dict[str, set[str]] = {}
    for c in codes:
        table.setdefault(c.upper(), set()).add(c)
    return {up: next(iter(forms)) for up, forms in table.items()
            if len(forms) == 1 and next(iter(forms)) != up}
