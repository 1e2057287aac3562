"""Lookup keys for document numbers: any spelling of a number/symbol ("499/QĐ-UBND",
"qđ 499", "Quyết định số 499/QĐ-UBND") folded into parts or one key, so stored citations
and user queries meet in the database."""
from __future__ import annotations

import unicodedata
from functools import cache
from typing import NamedTuple

import regex

from .doctypes import by_word
from .symbols import DASH_CLASS, YEAR, parse_symbol
from ..text.fold import fold


class LookupParts(NamedTuple):
    number: str                  # digits of the register number ('499', '66.7'), '' if none
    year: str                    # the /YYYY/ segment, '' if none
    letters: str                 # folded symbol after the number: 'qdubnd', 'qh15'
    type_hint: str               # folded type code written before the number ('qd 499')


_FOLD_EXTRA = str.maketrans({"§": "d"})
_PIECE = regex.compile(r"\d+(?:\.\d+)*|[a-z]+")
_SO = regex.compile(r"(?<![a-z])so\s*:?\s*(?=\d)")


@cache
def _type_word_re() -> regex.Pattern:
    words = sorted((w for w in by_word() if w), key=len, reverse=True)
    return regex.compile(r"^\s*(" + "|".join(regex.escape(w) for w in words) + r")(?![a-z])")


def _folded_query(text: str) -> str:
    return fold(unicodedata.normalize("NFC", text)).translate(_FOLD_EXTRA)


def lookup_parts(query: str) -> LookupParts:
    """Split any spelling of a document number into folded parts for a database lookup."""
    f = _SO.sub(" ", _folded_query(query))
    hint = ""
    if m := _type_word_re().match(f):
        hint = _folded_query(by_word()[m.group(1)].code)
        f = f[m.end():]
    pieces = _PIECE.findall(f)
    lead: list[str] = []
    while pieces and not pieces[0][0].isdigit():
        lead.append(pieces.pop(0))
    number = pieces.pop(0) if pieces and pieces[0][0].isdigit() else ""
    year = ""
    if pieces and regex.fullmatch(YEAR, pieces[0]) and len(pieces) > 0 and (
            len(pieces) == 1 or not pieces[1][0].isdigit()):
        # Only a /YYYY/ segment: the number is followed by a year and then letters or nothing.
        year = pieces.pop(0)
    letters = "".join(pieces)
    if lead and not hint:
        hint = "".join(lead)
    if hint and letters and (regex.search(rf"[/{DASH_CLASS}]", query) or letters.startswith(hint)):
        # A written symbol follows: the type before the number either repeats it
        # (QĐ 499/QĐ-UBND) or names a type the symbol does not carry (Luật 38/2019/QH14).
        hint = ""
    return LookupParts(number, year, letters, hint)


def lookup_key(query: str) -> str:
    """One folded, separator-free key for any spelling of a document number.

    '499/QĐ-UBND', '499/qđ-ubnd', '499 qđ ubnd', 'Quyết định số 499/QĐ-UBND' -> '499qdubnd';
    '27/2022/NĐ-CP' -> '272022ndcp'; '58-NQ/TU' -> '58nqtu'. A type written before the number
    moves after it: 'qd 499' -> '499qd', 'nđ 27/2022' -> '272022nd', a prefix of the full key.
    Deterministic, idempotent, and the same function serves stored citations and queries.
    Keys lose the number/year boundary; use lookup_parts or key_matches to compare.
    """
    p = lookup_parts(query)
    return p.number + p.year + p.type_hint + p.letters


def key_matches(stored: str, query: str) -> bool:
    """Whether a stored number/symbol answers a user query (both in any spelling).

    Numbers must be equal; the query's year, when given, must equal the stored one; the
    query's letters must begin the stored letters; a type written before the number must
    begin the stored letters unless the stored symbol carries no type code (công văn,
    QH<term>), where it cannot be checked.
    """
    s, q = lookup_parts(stored), lookup_parts(query)
    if not q.number or s.number.lstrip("0") != q.number.lstrip("0"):
        return False
    if q.year and s.year != q.year:
        return False
    if not s.letters.startswith(q.letters):
        return False
    if q.type_hint and not s.letters.startswith(q.type_hint):
        parsed = parse_symbol(stored)
        return parsed is not None and parsed.type_code is None
    return True
