"""Issuing bodies: the upper-case lines of the header's left column grouped into names
(issuer last, parent body before it), written in their usual mixed case."""
from __future__ import annotations

from functools import cache, lru_cache

import regex

from ..grammar.function_words import words as function_words
from ..place_words import unit_words
from .casing import recase
from .cells import Cell
from .numberline import DATEISH, NUMBER_LINE, is_gazette, is_national
from .vocab import body_start_re, fold_cached, level_re, words

_NUMBERS_ONLY = regex.compile(r"[\p{N}\W]+")
# A name line ending in a joiner ("… VÀ", "… CỦA", "-") goes on on the next line.
_WRAPPED = regex.compile(
    rf"(?:\b(?:{regex.escape(function_words().and_.upper())}|{regex.escape(function_words().of.upper())}|-|&|,)|[-&,])\s*$")


@cache
def _abbreviation_res() -> tuple[tuple[regex.Pattern, str], ...]:
    return tuple((regex.compile(r"(?i)(?<!\p{L})" + regex.escape(long) + r"(?!\p{L})"), short)
                 for long, short in words().abbreviations.items())


# The same bodies sign and head many documents; the result depends on the name alone.
@lru_cache(maxsize=4096)
def recase_name(name: str) -> str:
    """An upper-case body name or position in the usual mixed case, spelled-out body words
    shortened as the gold writes them: `ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN` -> `UBND tỉnh Lạng
    Sơn`; a name with lower-case letters keeps its casing."""
    for pattern, short in _abbreviation_res():
        name = pattern.sub(short, name)
    return recase(name, name=True)


def issuer_lines(cells: list[Cell], skip: set[int]) -> list[Cell]:
    """Upper-case cells of the header that are none of its other parts (`skip`: the number
    and subject cells)."""
    org: list[Cell] = []
    for i, c in enumerate(cells):
        if c.rule or i in skip or is_gazette(c) or is_national(c) or DATEISH.search(c.text):
            continue
        if NUMBER_LINE.match(c.text) or not c.upper or len(c.text) < 2:
            continue
        if _NUMBERS_ONLY.fullmatch(c.text):
            continue
        org.append(c)
    return org


def units(org: list[Cell]) -> list[str]:
    """Group the left-column lines into body names: a line that starts with a body word
    starts a new name, a level line (`TỈNH LẠNG SƠN`) or a wrapped piece continues one, and
    in web copies the bold issuer starts one after a plain parent line."""
    grouped: list[list[str]] = []
    prev_bold = None
    for c in org:
        f = fold_cached(c.text)
        body, level = body_start_re().match(f), level_re().match(f)
        # `TỈNH ỦY` is a body, `TỈNH LẠNG SƠN` a level line continuing one
        starts_body = bool(body) and (not level or body.end() > level.end())
        # a bold level line under a plain body word (PDF: `ỦY BAN NHÂN DÂN` ⏎ **TỈNH LẠNG
        # SƠN**) still finishes that name
        new = not grouped or (starts_body and not _WRAPPED.search(grouped[-1][-1])) or (
            prev_bold is False and c.bold and not (level and not starts_body))
        if new:
            grouped.append([c.text])
        else:
            grouped[-1].append(c.text)
        prev_bold = c.bold
    return [" ".join(u) for u in grouped]


def issuer_and_parent(cells: list[Cell], skip: set[int]) -> tuple[str | None, str | None]:
    names = units(issuer_lines(cells, skip))
    issuer = recase_name(names[-1]) if names else None
    parent = recase_name(names[-2]) if len(names) > 1 else None
    return issuer, parent


@cache
def _body_in_text() -> regex.Pattern:
    """A body the header abbreviates (UBND, Ủy ban nhân dân), a unit word and a name."""
    bodies = dict.fromkeys([*words().abbreviations.values(), *words().abbreviations])
    return regex.compile(
        r"(?P<body>" + "|".join(regex.escape(b) for b in bodies) + r")\s+"
        r"(?P<level>" + "|".join(regex.escape(w) for w in unit_words()) + ")"
        r"(?P<name>(?:\s+\p{Lu}\p{Ll}*){0,3})")


def issuer_from_closing(tail: str, place: str | None) -> str | None:
    """A draft without issuer lines names itself in its closing sentence ("UBND huyện
    thông báo …"); the place of the date line completes a bare level."""
    m = None
    for m in _body_in_text().finditer(tail):
        pass
    if m is None:
        return None
    body = words().abbreviations.get(m.group("body"), m.group("body"))
    name = m.group("name").strip() or (place or "")
    return " ".join(x for x in (body, m.group("level"), name) if x)
