"""Place mentions: a unit word (tỉnh, huyện, xã, TT …) and a proper name, resolved against
the pre-2025 gazetteer (63 provinces, province / district / commune).

The gazetteer (gazetteer.py) is the data bundled with the `vietnamadminunits` package,
with the 2025 successor of each commune and province from its offline crosswalk.

A name is resolved at the level its unit word gives, preferring (1) the district the text
is talking about (the last district named, or one named just after: "xã Sông Trà, huyện
Hiệp Đức"), (2) the document's province, (3) a name unique in the country. Only when the
exact (accented) name fails is a folded name tried, and only inside that context:
folding merges real names (Phú Thông / Phủ Thông both exist). Thôn and bản are not units
in the gazetteer; they are kept as written.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from ..models import Header, Place
from ..normalize import normalize_text
from ..patterns import per_file
from ..place_words import UnitWord, city_type, numbered_types, place_words
from ..text.fold import folded_key
from ..text.prefilter import Prefiltered, register
from ..text.regex_parts import SPACE, WORD_END, WORD_START
from .gazetteer import Unit, gazetteer, name_key


# ------------------------------------------------------------------ mentions
_SP = SPACE
_START = WORD_START
_END = WORD_END
# A capitalised word (Lạng), or a word in capitals (header lines: BẠCH THÔNG).
_WORD = r"(?:\p{Lu}[\p{Lu}\p{M}]+(?![\p{Ll}])|\p{Lu}[\p{Ll}\p{M}]*)"


def _name(unit_words: str) -> str:
    """Up to five words ("Bà Rịa - Vũng Tàu" is four and a dash); a place word ends the
    name ("BẠCH THÔNG\nTT Phú Thông" is two places)."""
    more = rf"(?:{_SP}|[ \t]*[-–][ \t]*)(?!(?:{unit_words}){_END}){_WORD}"
    return rf"(?:{_WORD}(?:{more}){{0,4}}|\d{{1,2}}){_END}"


@dataclass(frozen=True)
class Grammar:
    # A place word and its name, tried only where a place word is (prefilter): its first
    # word alone is everywhere (thành viên, thị trường), the regex engine tried every character.
    pattern: Prefiltered
    word_by_key: dict[str, UnitWord]
    not_a_name: frozenset[str]
    not_after: regex.Pattern


@per_file("places")
def grammar(name: str) -> Grammar:
    data = place_words(name)

    def written(w: UnitWord) -> str:
        words = [regex.escape(x) for x in w.word.split()]
        body = _SP.join(words)
        return body if w.abbreviation else f"(?i:{body})"

    alternation = "|".join(written(w) for w in sorted(data.unit_word, key=lambda w: -len(w.word)))
    # The name follows after spacing, or straight after an abbreviation's dot (TP.Hà Nội).
    pattern = regex.compile(
        rf"{_START}(?P<word>{alternation})(?:{_SP}|(?<=\.))(?P<name>{_name(alternation)})"
    )
    return Grammar(
        pattern=Prefiltered(pattern, starts=tuple(w.word for w in data.unit_word)),
        word_by_key={name_key(w.word): w for w in data.unit_word},
        not_after=regex.compile(r"(?<![\p{L}\p{M}])(?:" + "|".join(regex.escape(x) for x in data.not_after)
                                + r")[ \t]+$", regex.IGNORECASE),
        not_a_name=frozenset(name_key(x) for x in data.not_a_name),
    )


register("places.place", lambda: grammar().pattern)


@dataclass
class _Raw:
    start: int
    end: int
    word: UnitWord
    words: tuple[str, ...]  # the name's words as written
    name_end: list[int]    # end offset of each prefix of the name
    text: str


_NAME_WORD = regex.compile(rf"{_WORD}|\d{{1,2}}")


@lru_cache(maxsize=8)
def _raw_mentions(text: str) -> tuple[_Raw, ...]:
    """Scanned once per text: the organisations component reads the document's places
    before the places component runs."""
    g = grammar()
    out = []
    for m in g.pattern.finditer(text):
        word = g.word_by_key.get(name_key(m.group("word")))
        if word is None or g.not_after.search(text[max(0, m.start() - 12):m.start()]):
            continue
        words, ends = [], []
        for w in _NAME_WORD.finditer(text, m.start("name"), m.end("name")):
            words.append(w.group())
            ends.append(w.end())
        out.append(_Raw(m.start(), m.end(), word, tuple(words), ends, m.group()))
    return tuple(out)


def _title(word: str) -> str:
    return word if not word.isupper() or len(word) == 1 else word[0] + word[1:].lower()


@dataclass(frozen=True)
class Context:
    province: str | None = None
    district: str | None = None


def _choose(units: list[Unit], ctx: Context, unit_type: str) -> Unit | None:
    typed = [u for u in units if u.unit_type == unit_type] or units
    for keep in (lambda u: ctx.district is not None and u.district == ctx.district and u.province == ctx.province,
                 lambda u: ctx.province is not None and u.province == ctx.province):
        near = [u for u in typed if keep(u)]
        if len(near) == 1:
            return near[0]
        if near:
            typed = near
            break
    return typed[0] if len(typed) == 1 else None


@lru_cache(maxsize=4096)
def lookup(words: tuple[str, ...], level: str, unit_type: str, ctx: Context) -> tuple[int, Unit | None, bool]:
    """(words used, unit, ambiguous) for the longest prefix of the name the gazetteer knows.
    Cached: a document names the same places over and over, in the same context."""
    g = gazetteer()
    if words and words[0].isdigit():
        # Numbered wards and districts are stored with their type word: "Phường 14".
        words = [unit_type.capitalize(), words[0]]
        units = g.exact.get((level, name_key(" ".join(words))))
        return (1, _choose(units, ctx, unit_type), True) if units else (0, None, False)
    exact: tuple[int, list[Unit]] | None = None
    for n in range(len(words), 0, -1):
        units = _at_level(g.exact.get((level, name_key(_joined(words, n)))), level, unit_type)
        if units:
            exact = (n, units)
            if any(_near(u, ctx) for u in units):
                return n, _choose(units, ctx, unit_type), True
            break
    # Folded names are trusted only where the text already is: "TT Phú Thông" in a
    # Bạch Thông report is thị trấn Phủ Thông, though a xã Phú Thông exists elsewhere.
    if ctx.province:
        for n in range(len(words), 0, -1):
            units = _at_level(g.folded.get((level, folded_key(_joined(words, n)))), level, unit_type)
            near = [u for u in units if _near(u, ctx)]
            if ctx.district:
                near = [u for u in near if u.district == ctx.district] or near
            if len(near) == 1:
                return n, near[0], True
    if exact is not None:
        return exact[0], _choose(exact[1], ctx, unit_type), True
    return 0, None, False


def _joined(words: tuple[str, ...], n: int) -> str:
    return " ".join(_title(w) for w in words[:n])


def _near(u: Unit, ctx: Context) -> bool:
    return ctx.province is not None and u.province == ctx.province


def _at_level(units: list[Unit] | None, level: str, unit_type: str) -> list[Unit]:
    if level == "province" and units:
        # "thành phố Lạng Sơn" is the provincial city, not the province: a province is
        # a "thành phố" only when it is a central city.
        return [u for u in units if unit_type != city_type() or u.unit_type == city_type()]
    return units or []


def _levels(word: UnitWord) -> list[str]:
    # "thành phố Hà Nội" is a province, "thành phố Lạng Sơn" a district: try both.
    if word.unit_type == city_type():
        return ["province", "district"]
    return [word.level]


def _resolve(raw: _Raw, ctx: Context) -> Place | None:
    word = raw.word
    if word.level == "village":
        if not raw.words or any(w.isupper() and len(w) > 1 for w in raw.words):
            return None
        n = min(len(raw.words), 3)
        return _place(raw, n, " ".join(raw.words[:n]), word.unit_type, None, ctx.province, ctx.district, None)
    for level in _levels(word):
        used, unit, known = lookup(raw.words, level, word.unit_type, ctx)
        if unit is not None:
            return _place(raw, used, unit.name, word.unit_type if word.unit_type != city_type() else unit.unit_type,
                          unit.code, unit.province, unit.district, unit.successor)
        if known:
            # Several units of that name and nothing in the text to choose: keep the name.
            name = " ".join(_title(w) for w in raw.words[:used])
            return _place(raw, used, name, word.unit_type, None, None, None, None)
    if word.abbreviation or not raw.words:
        return None  # "TT Huyện ủy" is Thường trực, not a thị trấn: abbreviations must resolve
    if any(w.isupper() and len(w) > 1 for w in raw.words) or raw.words[0].isdigit() and word.unit_type not in numbered_types():
        return None
    if name_key(raw.words[0]) in grammar().not_a_name:
        return None
    n = min(len(raw.words), 3)
    return _place(raw, n, " ".join(raw.words[:n]), word.unit_type, None, None, None, None)


def _place(raw: _Raw, used: int, name: str, unit_type: str, code: str | None, province: str | None,
           district: str | None, successor: str | None) -> Place:
    end = raw.name_end[used - 1]
    return Place(text=" ".join(raw.text[: end - raw.start].split()), start=raw.start, end=end,
                 name=name, unit_type=unit_type, code=code, province=province, district=district,
                 successor=successor)


@lru_cache(maxsize=256)
def _header_mentions(field: str) -> tuple[_Raw, ...]:
    """The place mentions of a header field (the issuer, the place of issue), normalised
    and scanned once: places and organisations both read them, and so does every
    document of the same issuer."""
    return _raw_mentions(normalize_text(field))


def document_province(text: str, header: Header | None = None) -> str | None:
    """The province the document is about: its issuer's, else the first province the text
    names ("tỉnh Lạng Sơn", "thành phố Hà Nội"), else the province of its first district
    that only one province has."""
    fields = (header.issuer or "", header.issued_place or "") if header else ()
    return _document_province(text, fields)


@lru_cache(maxsize=8)
def _document_province(text: str, header_fields: tuple[str, ...]) -> str | None:
    # Cached: the organisations component asks for the document's province before the
    # places component does.
    for source in header_fields:
        for raw in _header_mentions(source):
            p = _resolve(raw, Context())
            if p and p.province and p.code:
                return p.province
    first_district = None
    for raw in _raw_mentions(text):
        if raw.word.level not in ("province", "district"):
            continue
        p = _resolve(raw, Context())
        if p is None or not p.code:
            continue
        if len(p.code) == 2:
            return p.province
        first_district = first_district or p.province
    return first_district


def places(text: str, header: Header | None = None) -> list[Place]:
    raws = _raw_mentions(text)
    ctx = Context(province=document_province(text, header))
    if header and header.issuer:
        # A district's own document: its communes are looked for in it first.
        for raw in _header_mentions(header.issuer):
            p = _resolve(raw, Context(province=ctx.province))
            if raw.word.level == "district" and p and p.code and p.province == ctx.province:
                ctx = Context(province=p.province, district=p.district)
    out: list[Place] = []
    for i, raw in enumerate(raws):
        if raw.word.level == "commune":
            # "xã Sông Trà, huyện Hiệp Đức": a district named right after qualifies it.
            nxt = raws[i + 1] if i + 1 < len(raws) else None
            if nxt is not None and nxt.word.level == "district" and nxt.start - raw.end < 40:
                after = _resolve(nxt, Context(province=ctx.province))
                if after and after.district:
                    ctx = Context(province=after.province or ctx.province, district=after.district)
        place = _resolve(raw, ctx)
        if place is None:
            continue
        if raw.word.level == "district" and place.district and place.code:
            ctx = Context(province=place.province, district=place.district)
        out.append(place)
    return out
