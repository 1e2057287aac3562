"""The document's type: its type line (`QUYẾT ĐỊNH`) or the type code in its symbol."""
from __future__ import annotations

import unicodedata
from functools import cache

import regex

from ..grammar.doctypes import by_code, by_word
from .cells import Cell
from .vocab import fold_cached

_SUBJECT = regex.compile(r"(?:ve|v/v)\b")
_PARTY_NUMBER = regex.compile(r"^[\p{N}.]*-(\p{L}+)/")
_YEAR = regex.compile(r"\d{4}")


@cache
def _words_longest_first() -> tuple[str, ...]:
    return tuple(sorted(by_word(), key=len, reverse=True))


def type_word(cell: Cell) -> tuple[str, str] | None:
    """(code, rest of line) when the cell is a type line such as `QUYẾT ĐỊNH`."""
    if not cell.upper:
        return None
    text = cell.text.rstrip(" :.")
    f = fold_cached(text)
    table = by_word()
    if f in table:
        return table[f].code, ""
    # a type word with its subject on the same line ("QUYẾT ĐỊNH VỀ VIỆC …")
    for word in _words_longest_first():
        if f.startswith(word + " ") and _SUBJECT.match(f[len(word) + 1:]):
            n = len(word.split())
            return table[word].code, " ".join(text.split()[n:])
    return None


def doc_kind(word_code: str | None, number: str | None, is_letter: bool) -> str | None:
    sym_code = symbol_type(number)
    if sym_code == "VBHN":
        return "VBHN"
    if word_code:
        return word_code
    if is_letter and number is not None:
        return "CV"
    return sym_code


def symbol_type(number: str | None) -> str | None:
    """The type code in a symbol: first token after `/` (after the year for QPPL), or the
    token after the hyphen in a Party number (58-NQ/TU)."""
    if not number:
        return None
    m = _PARTY_NUMBER.match(number)
    if m:
        token = m.group(1)
    else:
        parts = number.split("/")
        rest = [p for p in parts[1:] if not _YEAR.fullmatch(p)]
        if not rest:
            return None
        token = rest[0].split("-")[0]
    t = by_code().get(unicodedata.normalize("NFC", token).upper())
    return t.code if t else None
